//! Helpers shared by the integration tests: the fixture corpus made by `tests/fixtures/gen.sh`.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code, clippy::std_instead_of_alloc)]

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The parsed `manifest.json`.
pub fn manifest() -> Value {
    let path = fixtures_dir().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("manifest.json is JSON")
}

/// The fixed test clock of the corpus.
pub fn now_ms(manifest: &Value) -> i64 {
    manifest["nowMs"].as_i64().expect("nowMs")
}

/// The text of a fixture named by a manifest path (`null` → `None`).
pub fn fixture_text(path: &Value) -> Option<String> {
    let rel = path.as_str()?;
    let full = fixtures_dir().join(rel);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads a fixture file by path relative to `tests/fixtures/`.
pub fn read(rel: &str) -> String {
    fixture_text(&Value::String(rel.into())).unwrap_or_default()
}

/// The case named `name` in the manifest.
pub fn case(manifest: &Value, name: &str) -> Value {
    manifest["cases"]
        .as_array()
        .and_then(|cases| cases.iter().find(|c| c["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("no case {name} in manifest.json"))
}

/// `Kind: detail` of each error of a report, for failure messages.
pub fn explain(report: &cert_preflight::Report) -> String {
    report
        .errors
        .iter()
        .map(|f| format!("{:?}: {}", f.kind, f.detail.as_deref().unwrap_or("")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `kind: detail` of each finding, for failure messages.
pub fn details(findings: &Value) -> String {
    findings
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            format!(
                "{}: {}",
                f["kind"].as_str().unwrap_or("?"),
                f["detail"].as_str().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// [`judge`] on one named case, its disagreements prefixed with the case's name.
pub fn judge_named(case: &Value, got: &Value) -> Vec<String> {
    let name = case["name"].as_str().unwrap_or("?");
    judge(case, got)
        .into_iter()
        .map(|f| format!("{name}: {f}"))
        .collect()
}

/// Fails with every disagreement listed, when there is one.
pub fn assert_no_disagreement(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} disagreement(s) with openssl:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every disagreement of a report (as JSON: the Rust report serialized, or what the JS binding
/// returned) with a manifest case: chain and key facts field by field, the expected error and
/// warning kinds as sets, openssl's match verdict, and `ok`.
pub fn judge(case: &Value, got: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(what);

    // Chain facts, field by field.
    let facts = &case["facts"];
    let want_chain = facts["chain"].as_array().cloned().unwrap_or_default();
    let got_chain = got["chain"].as_array().cloned().unwrap_or_default();
    if !want_chain.is_empty() {
        if want_chain.len() != got_chain.len() {
            fail(format!(
                "chain has {} certificates, openssl says {}",
                got_chain.len(),
                want_chain.len()
            ));
        }
        for (i, (want, have)) in want_chain.iter().zip(&got_chain).enumerate() {
            for (field, value) in want.as_object().into_iter().flatten() {
                if have.get(field) != Some(value) {
                    fail(format!(
                        "chain[{i}].{field}: got {:?}, openssl {value}",
                        have.get(field)
                    ));
                }
            }
        }
        if got["certificate"] != got_chain.first().cloned().unwrap_or(Value::Null) {
            fail("certificate is not chain[0]".into());
        }
    }

    // Key facts.
    let want_key = &facts["privateKey"];
    if !want_key.is_null() {
        for (field, value) in want_key.as_object().into_iter().flatten() {
            if got["privateKey"].get(field) != Some(value) {
                fail(format!(
                    "privateKey.{field}: got {:?}, openssl {value}",
                    got["privateKey"].get(field)
                ));
            }
        }
    }

    // Expected kinds (sets), and the openssl match verdict.
    let kinds = |list: &Value| -> BTreeSet<String> {
        list.as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| {
                f.get("kind")
                    .or(Some(f))
                    .and_then(Value::as_str)
                    .map(String::from)
            })
            .collect()
    };
    let (want_errors, want_warnings) = (
        kinds(&case["expect"]["errors"]),
        kinds(&case["expect"]["warnings"]),
    );
    let (got_errors, got_warnings) = (kinds(&got["errors"]), kinds(&got["warnings"]));
    if want_errors != got_errors {
        fail(format!(
            "errors {got_errors:?}, expected {want_errors:?} — {}",
            details(&got["errors"])
        ));
    }
    if want_warnings != got_warnings {
        fail(format!(
            "warnings {got_warnings:?}, expected {want_warnings:?} — {}",
            details(&got["warnings"])
        ));
    }
    let mismatch =
        got_errors.contains("CertificateMismatch") || got_warnings.contains("CertificateMismatch");
    if facts["keyMatchesLeaf"] == Value::Bool(false) && !mismatch {
        fail(
            "openssl says the key does not match the leaf, validate found no CertificateMismatch"
                .into(),
        );
    }
    if facts["keyConsistent"] == Value::Bool(false) && !mismatch {
        fail("openssl says the key is inconsistent, validate found no CertificateMismatch".into());
    }
    if got["ok"] != Value::Bool(got_errors.is_empty()) {
        fail("ok disagrees with errors".into());
    }
    failures
}
