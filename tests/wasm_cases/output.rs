//! The exports write their results by hand (`src/wasm.rs`: `report_js`, `request_js`, …). This
//! checks that they write exactly what serde-wasm-bindgen's `Serializer` (with
//! `serialize_missing_as_null`, as the package used before) makes of the core's `Serialize` types:
//! the same names in the same order, `null` where absent, omitted where the type skips the field.
//! Compared as `JSON.stringify` text, which keeps property order and loses any `undefined`
//! property, so a `null` written as `undefined` shows as a difference.

use super::{
    CHAIN_INT_KEY, CHAIN_LEAF, NOW_MS, P256_FULLCHAIN, P256_KEY, PASSPHRASE, RSA_FULLCHAIN,
    RSA_KEY_ENCRYPTED, RSA_KEY_PKCS1, RSA_LEAF, get, obj, s,
};
use cert_preflight::wasm::{build_request, compute_signature, sign_request, validate};
use cert_preflight::{
    Acs3Input, BuildOptions, CertificateType, Credentials, Input, ParamValue, Params, ProviderId,
    SignOptions, Tc3Input,
};
use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const RSA_KEY_PKCS8: &str = include_str!("../fixtures/rsa/2048/key.pem");
const CRLF_CERT: &str = include_str!("../fixtures/lenient/crlf.pem");
const CRLF_KEY: &str = include_str!("../fixtures/lenient/key-crlf.pem");
const X509_TEXT: &str = include_str!("../fixtures/lenient/x509-text.pem");
const OUT_OF_ORDER: &str = include_str!("../fixtures/chain/rsa/leaf-leaf-int-root.pem");
const NO_CN: &str = include_str!("../fixtures/names/no-cn.pem");
const IPV6: &str = include_str!("../fixtures/names/ipv6.pem");
const EXPIRED: &str = include_str!("../fixtures/validity/expired.pem");
const ED25519: (&str, &str) = (
    include_str!("../fixtures/other/ed25519/cert.pem"),
    include_str!("../fixtures/other/ed25519/key.pem"),
);
const SM2: (&str, &str) = (
    include_str!("../fixtures/other/sm2/cert.pem"),
    include_str!("../fixtures/other/sm2/key.sec1.pem"),
);
const DSA: (&str, &str) = (
    include_str!("../fixtures/other/dsa/cert.pem"),
    include_str!("../fixtures/other/dsa/key.pem"),
);
const BAD_BASE64: &str = include_str!("../fixtures/malformed/bad-base64-char.pem");

/// What the package returned before: serde-wasm-bindgen with the options it used.
fn serde_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    value.serialize(&serializer).expect("serializable")
}

fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .expect("JSON.stringify")
        .as_string()
        .expect("a string")
}

fn assert_same(written: &JsValue, serde: &JsValue, case: &str) {
    assert_eq!(json(written), json(serde), "{case}");
}

#[allow(clippy::cast_possible_truncation, clippy::as_conversions)]
const NOW: i64 = NOW_MS as i64;

#[wasm_bindgen_test]
fn reports_are_written_as_serde_wrote_them() {
    // (certificate, key, passphrase): every shape a report takes — chains, no CN, IPv6 SANs, EC,
    // Ed25519, SM2, DSA, encrypted keys, mismatches, non-canonical PEM (normalized, with and
    // without a converted key), expired, malformed and missing certificates.
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        (RSA_FULLCHAIN, Some(RSA_KEY_PKCS1), None),
        (RSA_FULLCHAIN, Some(RSA_KEY_PKCS8), None),
        (RSA_FULLCHAIN, Some(RSA_KEY_ENCRYPTED), None),
        (RSA_FULLCHAIN, Some(RSA_KEY_ENCRYPTED), Some(PASSPHRASE)),
        (RSA_LEAF, None, None),
        (CRLF_CERT, Some(CRLF_KEY), None),
        (X509_TEXT, None, None),
        (OUT_OF_ORDER, None, None),
        (NO_CN, None, None),
        (IPV6, None, None),
        (EXPIRED, None, None),
        (P256_FULLCHAIN, Some(P256_KEY), None),
        (CHAIN_LEAF, Some(CHAIN_INT_KEY), None),
        (ED25519.0, Some(ED25519.1), None),
        (SM2.0, Some(SM2.1), None),
        (DSA.0, Some(DSA.1), None),
        (BAD_BASE64, Some("not a key"), None),
        ("x", None, None),
        ("", None, None),
    ];
    let providers = [
        None,
        Some("aliyun-slb"),
        Some("aliyun-cas"),
        Some("tencent-ssl"),
    ];
    for (i, (certificate, key, passphrase)) in cases.iter().enumerate() {
        for provider in providers {
            let mut fields = vec![
                ("certificate", s(certificate)),
                ("now", JsValue::from_f64(NOW_MS)),
            ];
            if let Some(k) = key {
                fields.push(("privateKey", s(k)));
            }
            if let Some(p) = passphrase {
                fields.push(("passphrase", s(p)));
            }
            if let Some(p) = provider {
                fields.push(("provider", s(p)));
            }
            if provider == Some("tencent-ssl") {
                fields.push(("certificateType", s("CA")));
            }
            let written = validate(obj(&fields)).expect("validate");
            let report = cert_preflight::validate(&Input {
                certificate,
                private_key: *key,
                provider: provider.and_then(ProviderId::from_name),
                region: None,
                now_ms: NOW,
                passphrase: *passphrase,
                certificate_type: (provider == Some("tencent-ssl")).then_some(CertificateType::Ca),
                ecc_regions: &[],
                sign_certificate: None,
                sign_private_key: None,
                encrypt_certificate: None,
                encrypt_private_key: None,
                max_kdf_cost: None,
                roots: None,
                ..Input::default()
            });
            assert_same(
                &written,
                &serde_js(&report),
                &format!("case {i}, {provider:?}"),
            );
        }
    }
}

fn params(pairs: &[(&str, ParamValue)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect()
}

fn js_params(pairs: &[(&str, JsValue)]) -> JsValue {
    obj(pairs)
}

#[wasm_bindgen_test]
fn requests_refusals_and_signed_requests_are_written_as_serde_wrote_them() {
    let tag = |k: &str, v: &str| ParamValue::object([("Key", k.into()), ("Value", v.into())]);
    let js_tag = |k: &str, v: &str| obj(&[("Key", s(k)), ("Value", s(v))]);
    let ali = ("LTAI5tFAKEFAKEFAKEFAKE12", "FakeAccessKeySecretForVectors0");
    let tc = (
        "AKIDFAKEFAKEFAKEFAKEFAKEFAKEFAKE1234",
        "fakeSecretKeyForTestVectors000000",
    );
    // (provider, core params, the same as JS)
    let cases: Vec<(&str, Params, JsValue)> = vec![
        (
            "aliyun-slb",
            params(&[
                ("RegionId", "cn-chengdu".into()),
                ("ServerCertificate", CRLF_CERT.into()),
                ("PrivateKey", RSA_KEY_PKCS8.into()),
                ("Tag", vec![tag("env", "prod")].into()),
            ]),
            js_params(&[
                ("RegionId", s("cn-chengdu")),
                ("ServerCertificate", s(CRLF_CERT)),
                ("PrivateKey", s(RSA_KEY_PKCS8)),
                ("Tag", Array::of1(&js_tag("env", "prod")).into()),
            ]),
        ),
        (
            "aliyun-cas",
            params(&[
                ("Name", "cert-1 测试".into()),
                ("Cert", RSA_FULLCHAIN.into()),
                ("Key", RSA_KEY_PKCS1.into()),
            ]),
            js_params(&[
                ("Name", s("cert-1 测试")),
                ("Cert", s(RSA_FULLCHAIN)),
                ("Key", s(RSA_KEY_PKCS1)),
            ]),
        ),
        (
            "tencent-ssl",
            params(&[
                ("CertificatePublicKey", RSA_LEAF.into()),
                ("CertificatePrivateKey", RSA_KEY_PKCS1.into()),
                ("Repeatable", false.into()),
                ("ProjectId", 7_i64.into()),
            ]),
            js_params(&[
                ("CertificatePublicKey", s(RSA_LEAF)),
                ("CertificatePrivateKey", s(RSA_KEY_PKCS1)),
                ("Repeatable", JsValue::FALSE),
                ("ProjectId", JsValue::from_f64(7.0)),
            ]),
        ),
        // Refusals: every finding, in the error's `.findings`.
        (
            "aliyun-slb",
            params(&[
                ("RegionId", "cn-hangzhou".into()),
                ("ServerCertificate", CHAIN_LEAF.into()),
                ("PrivateKey", CHAIN_INT_KEY.into()),
                ("Tag", vec![tag("aliyun:x", "v"), ParamValue::Int(1)].into()),
                ("Bogus", ParamValue::Null),
                ("bogus", ParamValue::Float(1.5)),
            ]),
            js_params(&[
                ("RegionId", s("cn-hangzhou")),
                ("ServerCertificate", s(CHAIN_LEAF)),
                ("PrivateKey", s(CHAIN_INT_KEY)),
                (
                    "Tag",
                    Array::of2(&js_tag("aliyun:x", "v"), &JsValue::from_f64(1.0)).into(),
                ),
                ("Bogus", JsValue::NULL),
                ("bogus", JsValue::from_f64(1.5)),
            ]),
        ),
        ("tencent-ssl", params(&[]), js_params(&[])),
    ];
    let options = BuildOptions {
        now_ms: NOW,
        ..BuildOptions::default()
    };
    for (i, (provider, core_params, js)) in cases.iter().enumerate() {
        let id = ProviderId::from_name(provider).expect("a provider");
        let written = build_request(
            s(provider),
            js.clone(),
            obj(&[("now", JsValue::from_f64(NOW_MS))]),
        );
        match (
            written,
            cert_preflight::build_request(id, core_params, &options),
        ) {
            (Ok(written), Ok(request)) => {
                assert_same(&written, &serde_js(&request), &format!("request {i}"));
                // Signed, by each algorithm the provider has.
                let algorithms: &[Option<&str>] = if id == ProviderId::TencentSsl {
                    &[None]
                } else {
                    &[None, Some("HMAC-SHA1")]
                };
                for algorithm in algorithms {
                    let (js_creds, creds) = if id == ProviderId::TencentSsl {
                        (
                            obj(&[
                                ("secretId", s(tc.0)),
                                ("secretKey", s(tc.1)),
                                ("token", s("t")),
                            ]),
                            Credentials::tencent(tc.0, tc.1).with_token("t"),
                        )
                    } else {
                        (
                            obj(&[("accessKeyId", s(ali.0)), ("accessKeySecret", s(ali.1))]),
                            Credentials::alibaba(ali.0, ali.1),
                        )
                    };
                    let mut opts = vec![
                        ("timestamp", JsValue::from_f64(NOW_MS)),
                        ("nonce", s("0123456789abcdef")),
                    ];
                    if let Some(a) = algorithm {
                        opts.push(("algorithm", s(a)));
                    }
                    let written =
                        sign_request(written.clone(), js_creds, obj(&opts)).expect("signed");
                    // The JS round trip drops `warnings` (the request read back has none).
                    let mut unsigned = request.clone();
                    unsigned.warnings.clear();
                    let signed = cert_preflight::sign_request(
                        &unsigned,
                        &creds,
                        &SignOptions {
                            timestamp_s: NOW / 1000,
                            nonce: "0123456789abcdef".to_string(),
                            algorithm: algorithm.and_then(cert_preflight::SignAlgorithm::from_name),
                        },
                    )
                    .expect("signed");
                    assert_same(
                        &written,
                        &serde_js(&signed),
                        &format!("signed {i} {algorithm:?}"),
                    );
                }
            }
            (Err(thrown), Err(refused)) => {
                assert_eq!(
                    get(&thrown, "code").as_string(),
                    Some(refused.code.clone()),
                    "{i}"
                );
                assert_eq!(
                    get(&thrown, "httpStatus").as_f64(),
                    Some(f64::from(refused.http_status)),
                    "{i}"
                );
                // The error carries the first error's confidence and alternatives too.
                assert_eq!(
                    get(&thrown, "confidence").as_string().as_deref(),
                    Some(refused.confidence.as_str()),
                    "{i}"
                );
                assert_same(
                    &get(&thrown, "alternatives"),
                    &serde_js(&refused.alternatives),
                    &format!("alternatives {i}"),
                );
                assert_same(
                    &get(&thrown, "findings"),
                    &serde_js(&refused.findings),
                    &format!("refusal {i}"),
                );
            }
            (w, c) => panic!(
                "case {i}: binding {:?}, core ok: {}",
                w.map(|v| json(&v)),
                c.is_ok()
            ),
        }
    }
}

/// The `SignatureParts` struct the package serialized with serde before.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct OldParts {
    canonical_request: Option<String>,
    canonicalized_query_string: Option<String>,
    string_to_sign: String,
    signed_headers: Option<String>,
    signature: String,
    authorization: Option<String>,
}

impl From<cert_preflight::SignatureParts> for OldParts {
    fn from(p: cert_preflight::SignatureParts) -> Self {
        OldParts {
            canonical_request: Some(p.canonical_request),
            string_to_sign: p.string_to_sign,
            signed_headers: Some(p.signed_headers),
            signature: p.signature,
            authorization: Some(p.authorization),
            ..OldParts::default()
        }
    }
}

#[wasm_bindgen_test]
fn signature_parts_are_written_as_serde_wrote_them() {
    let (id, secret) = ("LTAI5tFAKEFAKEFAKEFAKE12", "FakeAccessKeySecretForVectors0");
    let written = compute_signature(obj(&[
        ("algorithm", s("ACS3-HMAC-SHA256")),
        ("method", s("POST")),
        ("path", s("/")),
        ("query", obj(&[("b", s("2")), ("a", s("1 +"))])),
        (
            "headers",
            obj(&[("host", s("slb.aliyuncs.com")), ("x-acs-action", s("X"))]),
        ),
        ("body", s("{}")),
        ("accessKeyId", s(id)),
        ("accessKeySecret", s(secret)),
    ]))
    .expect("acs3");
    let parts = cert_preflight::sign_acs3(
        &Acs3Input {
            method: "POST",
            path: "/",
            query: &[("a", "1 +"), ("b", "2")],
            headers: &[("host", "slb.aliyuncs.com"), ("x-acs-action", "X")],
            body: b"{}",
        },
        id,
        secret,
    )
    .expect("acs3");
    assert_same(&written, &serde_js(&OldParts::from(parts)), "ACS3");

    let written = compute_signature(obj(&[
        ("algorithm", s("HMAC-SHA1")),
        ("method", s("POST")),
        ("params", obj(&[("Action", s("X")), ("AccessKeyId", s(id))])),
        ("accessKeySecret", s(secret)),
    ]))
    .expect("rpc");
    let rpc =
        cert_preflight::sign_rpc_hmac_sha1("POST", &[("AccessKeyId", id), ("Action", "X")], secret)
            .expect("rpc");
    let old = OldParts {
        canonicalized_query_string: Some(rpc.canonicalized_query_string),
        string_to_sign: rpc.string_to_sign,
        signature: rpc.signature,
        ..OldParts::default()
    };
    assert_same(&written, &serde_js(&old), "HMAC-SHA1");

    let (sid, skey) = ("AKIDFAKE", "fakeSecretKey");
    let written = compute_signature(obj(&[
        ("algorithm", s("TC3-HMAC-SHA256")),
        ("method", s("POST")),
        ("path", s("/")),
        ("canonicalQuery", s("")),
        ("contentType", s("application/json")),
        ("host", s("ssl.tencentcloudapi.com")),
        ("body", s("{}")),
        ("service", s("ssl")),
        ("timestamp", JsValue::from_f64(1_780_272_000.0)),
        ("secretId", s(sid)),
        ("secretKey", s(skey)),
    ]))
    .expect("tc3");
    let parts = cert_preflight::sign_tc3(
        &Tc3Input {
            method: "POST",
            path: "/",
            canonical_query: "",
            content_type: "application/json",
            host: "ssl.tencentcloudapi.com",
            body: b"{}",
            service: "ssl",
            timestamp_s: 1_780_272_000,
        },
        sid,
        skey,
    )
    .expect("tc3");
    assert_same(&written, &serde_js(&OldParts::from(parts)), "TC3");
}
