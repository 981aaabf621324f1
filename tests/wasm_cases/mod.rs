//! wasm-bindgen-test cases shared by `tests/browser.rs` (headless Chromium) and `tests/node.rs`
//! (Node): the JS-visible side of `validate` and `fingerprint` (SPEC.md "JavaScript API") — field names,
//! `null`s, arrays, provider codes, and thrown values that are `Error`s with a `.code`.
//!
//! The functions under test are the `#[wasm_bindgen]` exports themselves (`cert_preflight::wasm`), called
//! with real JS values, so both the hand-written argument readers on the way in (`arguments.rs`
//! checks them field by field) and serde-wasm-bindgen on the way out are covered.
//! Fixtures are the openssl-generated corpus (`tests/fixtures/gen.sh`); the clock is the corpus clock.

mod arguments;
mod corpus;
#[rustfmt::skip]
mod corpus_files;
mod output;
mod signatures;

use cert_preflight::wasm::{fingerprint, validate};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The corpus clock: 2026-06-01T00:00:00Z (`nowMs` in `tests/fixtures/manifest.json`).
const NOW_MS: f64 = 1_780_272_000_000.0;

/// RSA-2048 leaf + intermediate + root (`tests/fixtures/gen.sh`, `rsa/2048`).
const RSA_FULLCHAIN: &str = include_str!("../fixtures/rsa/2048/fullchain.pem");
/// The RSA-2048 leaf alone.
const RSA_LEAF: &str = include_str!("../fixtures/rsa/2048/leaf.pem");
/// Its key, PKCS#1 (`openssl pkey -traditional`).
const RSA_KEY_PKCS1: &str = include_str!("../fixtures/keys/rsa2048/pkcs1.pem");
/// Its key, PKCS#8 PBES2 (PBKDF2-SHA256, AES-256-CBC), passphrase `correct horse`.
const RSA_KEY_ENCRYPTED: &str =
    include_str!("../fixtures/keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem");
const PASSPHRASE: &str = "correct horse";
/// A leaf from another hierarchy and the key of that hierarchy's intermediate: a mismatch.
const CHAIN_LEAF: &str = include_str!("../fixtures/chain/rsa/leaf.pem");
const CHAIN_INT_KEY: &str = include_str!("../fixtures/chain/rsa/int.key.pem");
/// P-256 leaf + chain and its SEC1 key.
const P256_FULLCHAIN: &str = include_str!("../fixtures/ec/p256/fullchain.pem");
const P256_KEY: &str = include_str!("../fixtures/ec/p256/key.sec1.pem");
/// Not base64 inside a CERTIFICATE block.
const BAD_BASE64: &str = include_str!("../fixtures/malformed/bad-base64-char.pem");

// ---- helpers --------------------------------------------------------------------------------------

/// A plain JS object from `(name, value)` pairs.
fn obj(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("set on a plain object");
    }
    o.into()
}

fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("Reflect.get")
}

fn get_str(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string: {:?}", get(v, key)))
}

/// `Object.keys(v)`, sorted.
fn keys(v: &JsValue) -> Vec<String> {
    let mut k: Vec<String> = Object::keys::<JsValue>(v.unchecked_ref())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    k.sort();
    k
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|s| (*s).to_string()).collect();
    v.sort();
    v
}

fn array(v: &JsValue, key: &str) -> Array {
    let a = get(v, key);
    assert!(Array::is_array(&a), "{key} is not an array: {a:?}");
    a.unchecked_into()
}

/// `validate` that must not throw.
fn report(fields: &[(&str, JsValue)]) -> JsValue {
    let mut all: Vec<(&str, JsValue)> = vec![("now", JsValue::from_f64(NOW_MS))];
    all.extend(fields.iter().cloned());
    validate(obj(&all)).unwrap_or_else(|e| panic!("validate threw {e:?}"))
}

/// The `kind`s of `report[list]`.
fn kinds(report: &JsValue, list: &str) -> Vec<String> {
    array(report, list)
        .iter()
        .map(|f| get_str(&f, "kind"))
        .collect()
}

/// The first finding of `kind` in errors or warnings.
fn finding(report: &JsValue, kind: &str) -> JsValue {
    array(report, "errors")
        .iter()
        .chain(array(report, "warnings").iter())
        .find(|f| get(f, "kind").as_string().as_deref() == Some(kind))
        .unwrap_or_else(|| panic!("no {kind} finding in {:?}", js_sys::JSON::stringify(report)))
}

/// The thrown value is an `Error` instance whose `.code` is `code`.
fn assert_coded_error(thrown: JsValue, code: &str) {
    assert!(
        thrown.is_instance_of::<js_sys::Error>(),
        "thrown value is not an Error: {thrown:?}"
    );
    assert_eq!(
        get(&thrown, "code").as_string().as_deref(),
        Some(code),
        "{thrown:?}"
    );
    let message = get_str(&thrown, "message");
    assert!(!message.is_empty(), "empty message");
}

fn validate_throws(input: JsValue, code: &str) {
    let shown = js_sys::JSON::stringify(&input)
        .ok()
        .and_then(|j| j.as_string());
    match validate(input) {
        Ok(_) => panic!("validate({shown:?}) did not throw"),
        Err(e) => assert_coded_error(e, code),
    }
}

// ---- shape ----------------------------------------------------------------------------------------

const REPORT_KEYS: &[&str] = &[
    "ok",
    "errors",
    "warnings",
    "certificate",
    "chain",
    "privateKey",
];
const CERT_KEYS: &[&str] = &[
    "index",
    "subject",
    "issuer",
    "commonName",
    "subjectAltNames",
    "serialNumber",
    "notBefore",
    "notAfter",
    "keyAlgorithm",
    "keyBits",
    "curve",
    "signatureAlgorithm",
    "isCA",
    "fingerprintSha1",
    "fingerprintSha256",
    "caIssuers",
    "source",
];
const KEY_KEYS: &[&str] = &["format", "keyAlgorithm", "keyBits", "curve", "source"];
const FINDING_KEYS: &[&str] = &[
    "kind",
    "code",
    "httpStatus",
    "message",
    "field",
    "confidence",
    "alternatives",
];

fn assert_finding_shape(f: &JsValue) {
    let mut want: Vec<&str> = FINDING_KEYS.to_vec();
    // The optional keys: there only when they have a string to say.
    for optional in ["detail", "messageEn"] {
        if Reflect::has(f.unchecked_ref(), &s(optional)).unwrap_or(false) {
            assert!(get(f, optional).is_string(), "{optional} is not a string");
            want.push(optional);
        }
    }
    assert_eq!(keys(f), sorted(&want));
    for k in ["kind", "code", "message", "field"] {
        assert!(get(f, k).is_string(), "Finding.{k} is not a string");
    }
    assert!(
        get(f, "httpStatus").as_f64().is_some(),
        "httpStatus is not a number"
    );
    let confidence = get_str(f, "confidence");
    assert!(
        ["observed", "documented", "inferred"].contains(&confidence.as_str()),
        "confidence {confidence:?}"
    );
    let alternatives = get(f, "alternatives");
    assert!(
        Array::is_array(&alternatives),
        "alternatives is not an array"
    );
    assert!(Array::from(&alternatives).iter().all(|a| a.is_string()));
}

fn assert_report_shape(r: &JsValue) {
    let k = keys(r);
    let with_normalized = sorted(&[REPORT_KEYS, &["normalized"]].concat());
    assert!(
        k == sorted(REPORT_KEYS) || k == with_normalized,
        "report keys {k:?}"
    );
    assert!(get(r, "ok").as_bool().is_some(), "ok is not a boolean");
    for f in array(r, "errors").iter().chain(array(r, "warnings").iter()) {
        assert_finding_shape(&f);
    }
    let chain = array(r, "chain");
    for c in chain.iter() {
        assert_eq!(keys(&c), sorted(CERT_KEYS));
        assert!(Array::is_array(&get(&c, "subjectAltNames")));
        assert!(get(&c, "isCA").as_bool().is_some());
        assert!(get(&c, "keyBits").as_f64().is_some());
    }
    let cert = get(r, "certificate");
    assert!(
        cert.is_null() || cert.is_object(),
        "certificate is {cert:?}"
    );
    let key = get(r, "privateKey");
    if key.is_object() {
        assert_eq!(keys(&key), sorted(KEY_KEYS));
    } else {
        assert!(key.is_null(), "privateKey is {key:?}, not null");
    }
    assert_eq!(
        get(r, "ok").as_bool(),
        Some(array(r, "errors").length() == 0),
        "ok disagrees with errors"
    );
}

#[wasm_bindgen_test]
fn valid_pair_has_the_spec_shape_and_facts() {
    let r = report(&[
        ("certificate", s(RSA_FULLCHAIN)),
        ("privateKey", s(RSA_KEY_PKCS1)),
    ]);
    assert_report_shape(&r);
    assert_eq!(
        get(&r, "ok").as_bool(),
        Some(true),
        "{:?}",
        js_sys::JSON::stringify(&r)
    );
    assert!(kinds(&r, "errors").is_empty());
    let chain = array(&r, "chain");
    assert_eq!(chain.length(), 3);
    let leaf = get(&r, "certificate");
    assert_eq!(get_str(&leaf, "keyAlgorithm"), "RSA");
    assert_eq!(get(&leaf, "keyBits").as_f64(), Some(2048.0));
    assert!(
        get(&leaf, "curve").is_null(),
        "RSA curve must be null, not undefined"
    );
    assert_eq!(get(&leaf, "isCA").as_bool(), Some(false));
    // certificate is chain[0] (same facts).
    assert_eq!(
        js_sys::JSON::stringify(&leaf)
            .ok()
            .and_then(|j| j.as_string()),
        js_sys::JSON::stringify(&chain.get(0))
            .ok()
            .and_then(|j| j.as_string())
    );
    let sha256 = get_str(&leaf, "fingerprintSha256");
    assert_eq!(sha256.len(), 32 * 3 - 1);
    assert_eq!(sha256, sha256.to_lowercase());
    // fingerprint() of a bundle is the leaf's, as in the report.
    assert_eq!(
        fingerprint(s(RSA_FULLCHAIN), s("sha256"), JsValue::UNDEFINED),
        Ok(sha256)
    );
    assert_eq!(
        fingerprint(s(RSA_FULLCHAIN), s("sha1"), s("colon-lower")).ok(),
        get(&leaf, "fingerprintSha1").as_string()
    );
    let key = get(&r, "privateKey");
    assert_eq!(get_str(&key, "format"), "PKCS#1");
    assert_eq!(get_str(&key, "keyAlgorithm"), "RSA");
    assert_eq!(get(&key, "keyBits").as_f64(), Some(2048.0));
    assert!(get(&key, "curve").is_null());
}

#[wasm_bindgen_test]
fn ec_pair_has_a_curve() {
    let r = report(&[
        ("certificate", s(P256_FULLCHAIN)),
        ("privateKey", s(P256_KEY)),
    ]);
    assert_report_shape(&r);
    assert_eq!(get(&r, "ok").as_bool(), Some(true));
    let leaf = get(&r, "certificate");
    assert_eq!(get_str(&leaf, "keyAlgorithm"), "EC");
    assert_eq!(get_str(&leaf, "curve"), "P-256");
    assert_eq!(get_str(&get(&r, "privateKey"), "curve"), "P-256");
}

#[wasm_bindgen_test]
fn missing_values_are_null_and_lists_are_arrays() {
    // No key: privateKey is null (not undefined); a certificate without CN has commonName null.
    let r = report(&[("certificate", s(RSA_LEAF))]);
    assert_report_shape(&r);
    assert!(get(&r, "privateKey").is_null());
    // Nothing parsable: certificate null, chain [] (never undefined).
    let r = report(&[("certificate", s("x"))]);
    assert_report_shape(&r);
    assert!(get(&r, "certificate").is_null());
    assert!(get(&r, "privateKey").is_null());
    assert_eq!(array(&r, "chain").length(), 0);
    assert_eq!(array(&r, "warnings").length(), 0);
    assert_eq!(get(&r, "ok").as_bool(), Some(false));
}

#[wasm_bindgen_test]
fn mismatch_is_a_finding_not_a_throw() {
    let r = report(&[
        ("certificate", s(CHAIN_LEAF)),
        ("privateKey", s(CHAIN_INT_KEY)),
    ]);
    assert_report_shape(&r);
    assert_eq!(get(&r, "ok").as_bool(), Some(false));
    assert!(kinds(&r, "errors").contains(&"CertificateMismatch".to_string()));
    let f = finding(&r, "CertificateMismatch");
    // No provider: code = kind, status 400, neutral field name.
    assert_eq!(get_str(&f, "code"), "CertificateMismatch");
    assert_eq!(get(&f, "httpStatus").as_f64(), Some(400.0));
    assert_eq!(get_str(&f, "field"), "privateKey");
}

#[wasm_bindgen_test]
fn encrypted_key_without_and_with_passphrase() {
    let r = report(&[
        ("certificate", s(RSA_FULLCHAIN)),
        ("privateKey", s(RSA_KEY_ENCRYPTED)),
    ]);
    assert_report_shape(&r);
    assert_eq!(kinds(&r, "errors"), ["PrivateKeyEncrypted"]);
    assert_eq!(get_str(&get(&r, "privateKey"), "format"), "encrypted");

    let r = report(&[
        ("certificate", s(RSA_FULLCHAIN)),
        ("privateKey", s(RSA_KEY_ENCRYPTED)),
        ("passphrase", s("wrong")),
    ]);
    assert_eq!(kinds(&r, "errors"), ["PrivateKeyEncrypted"]);

    let r = report(&[
        ("certificate", s(RSA_FULLCHAIN)),
        ("privateKey", s(RSA_KEY_ENCRYPTED)),
        ("passphrase", s(PASSPHRASE)),
    ]);
    assert_report_shape(&r);
    assert_eq!(
        get(&r, "ok").as_bool(),
        Some(true),
        "{:?}",
        js_sys::JSON::stringify(&r)
    );
    assert_eq!(get_str(&get(&r, "privateKey"), "keyAlgorithm"), "RSA");
}

#[wasm_bindgen_test]
fn malformed_input_is_a_finding() {
    for pem in ["x", BAD_BASE64, RSA_KEY_PKCS1] {
        let r = report(&[("certificate", s(pem))]);
        assert_report_shape(&r);
        assert_eq!(kinds(&r, "errors"), ["CertificateFormatInvalid"], "{pem}");
    }
    let r = report(&[("certificate", s(""))]);
    assert_eq!(kinds(&r, "errors"), ["CertificateMissing"]);
    let r = report(&[
        ("certificate", s(RSA_FULLCHAIN)),
        ("privateKey", s("not a key")),
    ]);
    assert_eq!(kinds(&r, "errors"), ["PrivateKeyFormatInvalid"]);
}

#[wasm_bindgen_test]
fn each_provider_answers_a_mismatch_in_its_own_words() {
    // (provider, code, httpStatus, field, confidence, alternatives) — src/provider/*.rs tables,
    // EVIDENCE.md S3 / T2.
    let want: [(_, _, _, _, _, &[&str]); 3] = [
        (
            "aliyun-slb",
            "InvalidParameter",
            400.0,
            "PrivateKey",
            "documented",
            &["CertificateNotMatchPrivateKey"],
        ),
        (
            "aliyun-cas",
            "CertificateMismatch",
            400.0,
            "Key",
            "inferred",
            &[],
        ),
        (
            "tencent-ssl",
            "FailedOperation.CertificateMatchError",
            200.0,
            "CertificatePrivateKey",
            "documented",
            &["FailedOperation.CertificateMismatch"],
        ),
    ];
    for (provider, code, status, field, confidence, alternatives) in want {
        let r = report(&[
            ("certificate", s(CHAIN_LEAF)),
            ("privateKey", s(CHAIN_INT_KEY)),
            ("provider", s(provider)),
        ]);
        assert_report_shape(&r);
        let f = finding(&r, "CertificateMismatch");
        assert_eq!(get_str(&f, "code"), code, "{provider}");
        assert_eq!(get(&f, "httpStatus").as_f64(), Some(status), "{provider}");
        assert_eq!(get_str(&f, "field"), field, "{provider}");
        assert!(!get_str(&f, "message").is_empty(), "{provider}");
        assert_eq!(get_str(&f, "confidence"), confidence, "{provider}");
        let alts: Vec<String> = Array::from(&get(&f, "alternatives"))
            .iter()
            .filter_map(|a| a.as_string())
            .collect();
        assert_eq!(alts, alternatives, "{provider}");
    }
}

// ---- fingerprint ----------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn fingerprint_formats() {
    let pem = s(RSA_LEAF);
    let lower = fingerprint(pem.clone(), s("sha256"), s("colon-lower")).expect("fingerprint");
    let upper = fingerprint(pem.clone(), s("sha256"), s("colon-upper")).expect("fingerprint");
    let hex = fingerprint(pem.clone(), s("sha256"), s("hex")).expect("fingerprint");
    let sha1 = fingerprint(pem.clone(), s("sha1"), JsValue::NULL).expect("fingerprint");
    assert_eq!(upper, lower.to_uppercase());
    assert_eq!(hex, lower.replace(':', ""));
    assert_eq!(hex.len(), 64);
    assert_eq!(sha1.len(), 20 * 3 - 1);
    // Defaults: SHA-1 (the fingerprint aliyun-slb shows), colon-separated lowercase.
    let default = fingerprint(pem, JsValue::UNDEFINED, JsValue::UNDEFINED).expect("fingerprint");
    assert_eq!(default, sha1);
}

#[wasm_bindgen_test]
fn fingerprint_of_no_certificate_throws_a_coded_error() {
    for pem in ["x", BAD_BASE64, RSA_KEY_PKCS1] {
        let e = fingerprint(s(pem), JsValue::UNDEFINED, JsValue::UNDEFINED)
            .expect_err("fingerprint of no certificate must throw");
        assert_coded_error(e, "CertificateFormatInvalid");
    }
}

#[wasm_bindgen_test]
fn fingerprint_bad_arguments_throw_invalid_argument() {
    let u = JsValue::UNDEFINED;
    for (pem, alg, fmt) in [
        (JsValue::from_f64(1.0), u.clone(), u.clone()),
        (JsValue::NULL, u.clone(), u.clone()),
        (s(RSA_LEAF), s("md5"), u.clone()),
        (s(RSA_LEAF), JsValue::from_f64(256.0), u.clone()),
        (s(RSA_LEAF), u.clone(), s("base64")),
    ] {
        let e = fingerprint(pem, alg, fmt).expect_err("must throw");
        assert_coded_error(e, "InvalidArgument");
    }
}

// ---- malformed calls ------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn malformed_calls_throw_invalid_argument() {
    // Not an object.
    validate_throws(JsValue::UNDEFINED, "InvalidArgument");
    validate_throws(JsValue::NULL, "InvalidArgument");
    validate_throws(s(RSA_LEAF), "InvalidArgument");
    validate_throws(JsValue::from_f64(42.0), "InvalidArgument");
    validate_throws(Array::new().into(), "InvalidArgument");
    // Unknown provider.
    validate_throws(
        obj(&[("certificate", s(RSA_LEAF)), ("provider", s("aws-acm"))]),
        "InvalidArgument",
    );
    // Wrong types.
    validate_throws(
        obj(&[("certificate", JsValue::from_f64(1.0))]),
        "InvalidArgument",
    );
    validate_throws(
        obj(&[("certificate", s(RSA_LEAF)), ("now", s("today"))]),
        "InvalidArgument",
    );
    validate_throws(
        obj(&[
            ("certificate", s(RSA_LEAF)),
            ("eccRegions", s("cn-hangzhou")),
        ]),
        "InvalidArgument",
    );
    validate_throws(
        obj(&[("certificate", s(RSA_LEAF)), ("certificateType", s("LEAF"))]),
        "InvalidArgument",
    );
    // Unknown field (a typo must not be ignored).
    validate_throws(
        obj(&[
            ("certificate", s(RSA_LEAF)),
            ("privatekey", s(RSA_KEY_PKCS1)),
        ]),
        "InvalidArgument",
    );
}
