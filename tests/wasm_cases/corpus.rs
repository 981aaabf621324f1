//! The whole fixture corpus (`tests/fixtures/manifest.json`, facts from openssl) through the JS
//! binding, in the browser (`tests/browser.rs`) and in Node (`tests/node.rs`): the report the JS
//! caller gets must agree with openssl exactly as `tests/corpus.rs` requires of the Rust API.

use super::corpus_files::{FILES, MANIFEST};
use super::{NOW_MS, obj, s};
use crate::common::{assert_no_disagreement, judge_named};
use cert_preflight::wasm::validate;
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn file(path: &Value) -> Option<JsValue> {
    let path = path.as_str()?;
    let (_, bytes) = FILES.iter().find(|(p, _)| *p == path).unwrap_or_else(|| {
        panic!("{path} is not in corpus_files.rs: BLESS=1 cargo test --test corpus")
    });
    Some(s(&String::from_utf8_lossy(bytes)))
}

#[wasm_bindgen_test]
fn the_corpus_through_the_binding_agrees_with_openssl() {
    let manifest: Value = serde_json::from_str(MANIFEST).expect("manifest.json");
    assert_eq!(manifest["nowMs"].as_f64(), Some(NOW_MS));
    let cases = manifest["cases"].as_array().expect("cases");
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let mut input = vec![
            (
                "certificate",
                file(&case["certificate"]).unwrap_or_else(|| s("")),
            ),
            ("now", JsValue::from(NOW_MS)),
        ];
        if let Some(key) = file(&case["privateKey"]) {
            input.push(("privateKey", key));
        }
        if let Some(passphrase) = case["passphrase"].as_str() {
            input.push(("passphrase", s(passphrase)));
        }
        let report = validate(obj(&input)).unwrap_or_else(|e| panic!("{name}: threw {e:?}"));
        let text = js_sys::JSON::stringify(&report)
            .expect("JSON.stringify")
            .as_string()
            .expect("a string");
        let got: Value = serde_json::from_str(&text).expect("JSON");
        failures.extend(judge_named(case, &got));
    }
    assert_no_disagreement(&failures);
}
