//! Differential test against openssl: every case in `tests/fixtures/manifest.json` (written by
//! `tests/fixtures/gen.sh`, facts read from openssl's own output) is run through `validate` without a
//! provider, and every fact and expected finding kind must agree. All disagreements are listed at once.
#![cfg(not(target_arch = "wasm32"))]
// Test programs: the panic-family and no_std lints guard the library, not its tests.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

mod common;

use std::collections::BTreeSet;

use cert_preflight::{Input, Kind, validate};
use serde_json::Value;

#[test]
fn corpus_matches_openssl() {
    let manifest = common::manifest();
    let cases = manifest["cases"].as_array().expect("cases");
    assert!(
        cases.len() >= 100,
        "the corpus has only {} cases",
        cases.len()
    );
    let now_ms = common::now_ms(&manifest);

    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let cert = common::fixture_text(&case["certificate"]);
        let key = common::fixture_text(&case["privateKey"]);
        let report = validate(&Input {
            certificate: cert.as_deref().unwrap_or(""),
            private_key: key.as_deref(),
            passphrase: case["passphrase"].as_str(),
            now_ms,
            ..Input::default()
        });
        let got = serde_json::to_value(&report).expect("report serializes");
        let mut fail = |what: String| failures.push(format!("{name}: {what}"));

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
                common::details(&got["errors"])
            ));
        }
        if want_warnings != got_warnings {
            fail(format!(
                "warnings {got_warnings:?}, expected {want_warnings:?} — {}",
                common::details(&got["warnings"])
            ));
        }
        if facts["keyMatchesLeaf"] == Value::Bool(false) && !report.has(Kind::CertificateMismatch) {
            fail("openssl says the key does not match the leaf, validate found no CertificateMismatch".into());
        }
        if facts["keyConsistent"] == Value::Bool(false) && !report.has(Kind::CertificateMismatch) {
            fail(
                "openssl says the key is inconsistent, validate found no CertificateMismatch"
                    .into(),
            );
        }
        if report.ok != report.errors.is_empty() {
            fail("ok disagrees with errors".into());
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreement(s) with openssl:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
