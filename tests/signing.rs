//! Every vector of `fixtures/signing-vectors.json`, byte for byte (PROVIDERS.md §5).
//!
//! `fixtures/signing-vectors.json` is an unmodified copy of `shared/reference/signing-vectors.json`
//! (the vectors were produced by the official SDKs' own signing functions — tencentcloud-sdk-python
//! 3.1.195, aliyun-python-sdk-core 2.16.1, alibabacloud-tea-openapi 0.4.6 — with fake credentials
//! and a pinned clock and nonce). Each vector's method/host/path/params/headers/body go through the
//! low-level signers; the SDK-built ones (A2, V3, T2) also go through `sign_request`.
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

use cert_preflight::{
    Acs3Input, ApiRequest, Credentials, ProviderId, SignAlgorithm, SignOptions, Tc3Input,
    sign_acs3, sign_request, sign_rpc_hmac_sha1, sign_tc3,
};
use serde_json::Value;

const VECTORS: &str = include_str!("fixtures/signing-vectors.json");

fn vectors(group: &str) -> Vec<Value> {
    let all: Value = serde_json::from_str(VECTORS).expect("signing-vectors.json is JSON");
    let list = all[group].as_array().expect(group).clone();
    assert!(!list.is_empty(), "{group} is empty");
    list
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no string {key}", v["id"]))
}

/// `(name, value)` pairs of a JSON object of strings.
fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().expect("string value").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn refs(p: &[(String, String)]) -> Vec<(&str, &str)> {
    p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// The same RFC 3986 encoding the vectors use for `signature_url_encoded`.
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn tc3_vectors() {
    let list = vectors("tencent_tc3");
    assert_eq!(list.len(), 3);
    for v in list {
        let id = s(&v, "id");
        let headers = pairs(&v["headers"]);
        let content_type = &headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .expect("Content-Type")
            .1;
        let parts = sign_tc3(
            &Tc3Input {
                method: s(&v, "method"),
                path: s(&v, "path"),
                canonical_query: s(&v, "query"),
                content_type,
                host: s(&v, "host"),
                body: s(&v, "body").as_bytes(),
                service: s(&v, "service"),
                timestamp_s: v["timestamp"].as_i64().expect("timestamp"),
            },
            s(&v, "secret_id"),
            s(&v, "secret_key"),
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(parts.canonical_request, s(&v, "canonical_request"), "{id}");
        assert_eq!(parts.string_to_sign, s(&v, "string_to_sign"), "{id}");
        assert_eq!(parts.signature, s(&v, "signature"), "{id}");
        assert_eq!(parts.authorization, s(&v, "authorization"), "{id}");
        assert_eq!(parts.signed_headers, "content-type;host", "{id}");
    }
}

#[test]
fn rpc_hmac_sha1_vectors() {
    let list = vectors("aliyun_rpc_v1");
    assert_eq!(list.len(), 2);
    for v in list {
        let id = s(&v, "id");
        let params = pairs(&v["params"]);
        let sig = sign_rpc_hmac_sha1(s(&v, "method"), &refs(&params), s(&v, "access_key_secret"))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        if let Some(cqs) = v["canonicalized_query_string"].as_str() {
            assert_eq!(sig.canonicalized_query_string, cqs, "{id}");
        }
        assert_eq!(sig.string_to_sign, s(&v, "string_to_sign"), "{id}");
        assert_eq!(sig.signature, s(&v, "signature"), "{id}");
        assert_eq!(
            url_encode(&sig.signature),
            s(&v, "signature_url_encoded"),
            "{id}"
        );
    }
}

#[test]
fn acs3_vectors() {
    let list = vectors("aliyun_acs3");
    assert_eq!(list.len(), 4);
    for v in list {
        let id = s(&v, "id");
        let query = pairs(&v["query"]);
        let headers = pairs(&v["headers"]);
        let parts = sign_acs3(
            &Acs3Input {
                method: s(&v, "method"),
                path: s(&v, "path"),
                query: &refs(&query),
                headers: &refs(&headers),
                body: s(&v, "body").as_bytes(),
            },
            s(&v, "access_key_id"),
            s(&v, "access_key_secret"),
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(parts.canonical_request, s(&v, "canonical_request"), "{id}");
        assert_eq!(parts.string_to_sign, s(&v, "string_to_sign"), "{id}");
        assert!(
            parts
                .string_to_sign
                .ends_with(s(&v, "hashed_canonical_request")),
            "{id}"
        );
        assert_eq!(parts.authorization, s(&v, "authorization"), "{id}");
        assert!(
            parts
                .authorization
                .ends_with(&format!("Signature={}", parts.signature)),
            "{id}"
        );
    }
}

fn vector(group: &str, id: &str) -> Value {
    vectors(group)
        .into_iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
}

fn header<'a>(r: &'a ApiRequest, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn query<'a>(r: &'a ApiRequest, name: &str) -> Option<&'a str> {
    r.query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// An unsigned SLB request holding V3's business parameters, as `build_request` shapes it.
fn slb_request(host: &str, params: &[(String, String)]) -> ApiRequest {
    ApiRequest {
        provider: ProviderId::AliyunSlb,
        action: "UploadServerCertificate".into(),
        version: "2014-05-15".into(),
        method: "POST".into(),
        url: String::new(),
        host: host.into(),
        path: "/".into(),
        query: params.to_vec(),
        headers: vec![
            ("x-acs-action".into(), "UploadServerCertificate".into()),
            ("x-acs-version".into(), "2014-05-15".into()),
        ],
        body: String::new(),
        warnings: vec![],
    }
}

/// 2024-01-02T03:04:05Z, the clock the SDK vectors pinned.
const VECTOR_TIME: i64 = 1_704_164_645;
const VECTOR_NONCE: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn sign_request_reproduces_v3() {
    let v = vector("aliyun_acs3", "V3");
    let request = slb_request("slb.cn-shanghai.aliyuncs.com", &pairs(&v["query"]));
    let signed = sign_request(
        &request,
        &Credentials::alibaba(s(&v, "access_key_id"), s(&v, "access_key_secret")),
        &SignOptions {
            timestamp_s: VECTOR_TIME,
            nonce: VECTOR_NONCE.into(),
            algorithm: None,
        },
    )
    .expect("signs");
    assert_eq!(
        header(&signed, "authorization"),
        Some(s(&v, "authorization"))
    );
    for name in [
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
    ] {
        assert_eq!(header(&signed, name), v["headers"][name].as_str(), "{name}");
    }
    assert_eq!(signed.query, request.query, "ACS3 leaves the query alone");
    assert!(
        signed
            .url
            .starts_with("https://slb.cn-shanghai.aliyuncs.com/?PrivateKey=-----BEGIN%20RSA")
    );
}

#[test]
fn sign_request_reproduces_a2() {
    let v = vector("aliyun_rpc_v1", "A2");
    // A2's business parameters; sign_request adds the common ones.
    let common = [
        "Action",
        "Format",
        "Version",
        "Timestamp",
        "SignatureNonce",
        "SignatureMethod",
        "SignatureVersion",
        "AccessKeyId",
    ];
    let business: Vec<(String, String)> = pairs(&v["params"])
        .into_iter()
        .filter(|(k, _)| !common.contains(&k.as_str()))
        .collect();
    assert_eq!(business.len(), 6);
    let request = slb_request(s(&v, "host"), &business);
    let signed = sign_request(
        &request,
        &Credentials::alibaba(s(&v, "access_key_id"), s(&v, "access_key_secret")),
        &SignOptions {
            timestamp_s: VECTOR_TIME,
            nonce: VECTOR_NONCE.into(),
            algorithm: Some(SignAlgorithm::HmacSha1),
        },
    )
    .expect("signs");
    assert_eq!(query(&signed, "Signature"), Some(s(&v, "signature")));
    assert!(
        signed
            .url
            .ends_with(&format!("&Signature={}", s(&v, "signature_url_encoded"))),
        "{}",
        signed.url
    );
    for (k, val) in pairs(&v["params"]) {
        assert_eq!(query(&signed, &k), Some(val.as_str()), "{k}");
    }
    assert_eq!(header(&signed, "authorization"), None);
}

#[test]
fn sign_request_reproduces_t2() {
    let v = vector("tencent_tc3", "T2");
    let request = ApiRequest {
        provider: ProviderId::TencentSsl,
        action: "UploadCertificate".into(),
        version: "2019-12-05".into(),
        method: "POST".into(),
        url: String::new(),
        host: "ssl.tencentcloudapi.com".into(),
        path: "/".into(),
        query: vec![],
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("x-tc-action".into(), "UploadCertificate".into()),
            ("x-tc-version".into(), "2019-12-05".into()),
            ("x-tc-language".into(), "zh-CN".into()),
        ],
        body: s(&v, "body").into(),
        warnings: vec![],
    };
    let signed = sign_request(
        &request,
        &Credentials::tencent(s(&v, "secret_id"), s(&v, "secret_key")),
        &SignOptions {
            timestamp_s: v["timestamp"].as_i64().unwrap(),
            nonce: String::new(),
            algorithm: None,
        },
    )
    .expect("signs");
    assert_eq!(
        header(&signed, "authorization"),
        Some(s(&v, "authorization"))
    );
    assert_eq!(header(&signed, "x-tc-timestamp"), Some("1700000000"));
    assert_eq!(signed.url, "https://ssl.tencentcloudapi.com/");
    assert_eq!(signed.body, request.body);
}

#[test]
fn sts_tokens_are_sent_and_signed() {
    let v = vector("aliyun_acs3", "V3");
    let request = slb_request("slb.cn-shanghai.aliyuncs.com", &pairs(&v["query"]));
    let creds = Credentials::alibaba("id", "secret").with_token("sts-token");
    let options = SignOptions {
        timestamp_s: VECTOR_TIME,
        nonce: VECTOR_NONCE.into(),
        algorithm: None,
    };
    let signed = sign_request(&request, &creds, &options).unwrap();
    assert_eq!(header(&signed, "x-acs-security-token"), Some("sts-token"));
    assert!(header(&signed, "authorization")
        .unwrap()
        .contains("SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,"));
    let rpc = sign_request(
        &request,
        &creds,
        &SignOptions {
            algorithm: Some(SignAlgorithm::HmacSha1),
            ..options.clone()
        },
    )
    .unwrap();
    assert_eq!(query(&rpc, "SecurityToken"), Some("sts-token"));

    let t = vector("tencent_tc3", "T2");
    let tc = ApiRequest {
        provider: ProviderId::TencentSsl,
        action: "UploadCertificate".into(),
        version: "2019-12-05".into(),
        method: "POST".into(),
        url: String::new(),
        host: "ssl.tencentcloudapi.com".into(),
        path: "/".into(),
        query: vec![],
        headers: vec![("content-type".into(), "application/json".into())],
        body: s(&t, "body").into(),
        warnings: vec![],
    };
    let signed = sign_request(
        &tc,
        &Credentials::tencent("sid", "skey").with_token("tc-token"),
        &options,
    )
    .unwrap();
    assert_eq!(header(&signed, "x-tc-token"), Some("tc-token"));
}

#[test]
fn mismatches_are_invalid_argument() {
    let v = vector("aliyun_acs3", "V3");
    let slb = slb_request("slb.cn-shanghai.aliyuncs.com", &pairs(&v["query"]));
    let ok = SignOptions {
        timestamp_s: VECTOR_TIME,
        nonce: VECTOR_NONCE.into(),
        algorithm: None,
    };
    let cases: Vec<(&str, Credentials, SignOptions)> = vec![
        (
            "tencent credentials",
            Credentials::tencent("a", "b"),
            ok.clone(),
        ),
        (
            "tc3 for alibaba",
            Credentials::alibaba("a", "b"),
            SignOptions {
                algorithm: Some(SignAlgorithm::Tc3HmacSha256),
                ..ok.clone()
            },
        ),
        (
            "no nonce",
            Credentials::alibaba("a", "b"),
            SignOptions {
                nonce: String::new(),
                ..ok.clone()
            },
        ),
        (
            "nonce with a newline",
            Credentials::alibaba("a", "b"),
            SignOptions {
                nonce: "a\nb".into(),
                ..ok.clone()
            },
        ),
        (
            "negative timestamp",
            Credentials::alibaba("a", "b"),
            SignOptions {
                timestamp_s: -1,
                ..ok.clone()
            },
        ),
        ("empty key id", Credentials::alibaba("", "b"), ok.clone()),
        ("empty secret", Credentials::alibaba("a", ""), ok.clone()),
    ];
    for (what, creds, options) in cases {
        let e = sign_request(&slb, &creds, &options).expect_err(what);
        assert_eq!(e.code(), "InvalidArgument", "{what}: {e}");
    }

    let signed = sign_request(&slb, &Credentials::alibaba("a", "b"), &ok).unwrap();
    let again =
        sign_request(&signed, &Credentials::alibaba("a", "b"), &ok).expect_err("already signed");
    assert!(again.to_string().contains("already signed"), "{again}");

    let mut tencent = slb.clone();
    tencent.provider = ProviderId::TencentSsl;
    let e = sign_request(&tencent, &Credentials::alibaba("a", "b"), &ok).unwrap_err();
    assert_eq!(e.code(), "InvalidArgument");
    // TC3 signs content-type: a request without one is refused.
    let e = sign_request(&tencent, &Credentials::tencent("a", "b"), &ok).unwrap_err();
    assert!(e.to_string().contains("content-type"), "{e}");
}

#[test]
fn api_request_round_trips_through_json() {
    let v = vector("aliyun_acs3", "V3");
    let request = slb_request("slb.cn-shanghai.aliyuncs.com", &pairs(&v["query"]));
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["provider"], "aliyun-slb");
    assert_eq!(
        json["headers"][0],
        serde_json::json!(["x-acs-action", "UploadServerCertificate"])
    );
    let back: ApiRequest = serde_json::from_value(json).unwrap();
    assert_eq!(back, request);
    let creds: Credentials =
        serde_json::from_str(r#"{"secretId":"a","secretKey":"b","token":"t"}"#).unwrap();
    assert!(matches!(creds, Credentials::Tencent { .. }));
    let creds: Credentials =
        serde_json::from_str(r#"{"accessKeyId":"a","accessKeySecret":"b"}"#).unwrap();
    assert!(matches!(creds, Credentials::Alibaba { .. }));
    let alg: SignAlgorithm = serde_json::from_str(r#""HMAC-SHA1""#).unwrap();
    assert_eq!(alg, SignAlgorithm::HmacSha1);
    let debug = format!("{request:?}");
    assert!(!debug.contains("MIIEfakeKEY"), "{debug}");
}
