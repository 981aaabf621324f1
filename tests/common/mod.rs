//! Helpers shared by the integration tests: the fixture corpus made by `tests/fixtures/gen.sh`.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use serde_json::Value;
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
