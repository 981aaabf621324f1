//! `build_request` (PROVIDERS.md §1.1-§1.4, §2.1-§2.4, §3.1-§3.4): every parameter rule with a
//! passing and a failing case checked against the provider's code, the request shape per provider,
//! and built + signed requests re-verified by an independent implementation of §5 written here
//! (percent-encoding, canonicalization and HMACs straight from the `hmac`/`sha1`/`sha2` crates).
//!
//! Fixtures are the corpus of `fixtures/gen.sh` (see `fixtures/manifest.json`); the corpus clock is
//! 2026-06-01T00:00:00Z.
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

use cert_preflight::{
    ApiRequest, BuildOptions, Confidence, Credentials, Finding, Kind, ParamValue, Params,
    ProviderId, RequestError, Severity, SignAlgorithm, SignOptions, build_request, sign_request,
};
use common::read;
use zeroize::Zeroizing;

const NOW: i64 = 1_780_272_000_000; // 2026-06-01T00:00:00Z, the corpus clock

const SLB: ProviderId = ProviderId::AliyunSlb;
const CAS: ProviderId = ProviderId::AliyunCas;
const TC: ProviderId = ProviderId::TencentSsl;

fn opts() -> BuildOptions<'static> {
    BuildOptions {
        now_ms: NOW,
        ..BuildOptions::default()
    }
}

fn params(pairs: Vec<(&str, ParamValue)>) -> Params {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn tag(key_name: &str, key: &str, value_name: &str, value: &str) -> ParamValue {
    ParamValue::object([(key_name, key.into()), (value_name, value.into())])
}

fn ali_tags(n: usize) -> ParamValue {
    ParamValue::List(
        (0..n)
            .map(|i| tag("Key", &format!("k{i}"), "Value", &format!("v{i}")))
            .collect(),
    )
}

fn tc_tags(n: usize) -> ParamValue {
    ParamValue::List(
        (0..n)
            .map(|i| tag("TagKey", &format!("k{i}"), "TagValue", &format!("v{i}")))
            .collect(),
    )
}

/// RSA 2048 leaf + intermediate + root and its PKCS#1 key: valid everywhere.
fn cert() -> String {
    read("rsa/2048/fullchain.pem")
}
fn key() -> String {
    read("keys/rsa2048/pkcs1.pem")
}

fn slb_ok() -> Params {
    params(vec![
        ("RegionId", "cn-hangzhou".into()),
        ("ServerCertificate", cert().into()),
        ("PrivateKey", key().into()),
    ])
}

fn cas_ok() -> Params {
    params(vec![
        ("Name", "cert-1".into()),
        ("Cert", cert().into()),
        ("Key", key().into()),
    ])
}

fn tc_ok() -> Params {
    params(vec![
        ("CertificatePublicKey", cert().into()),
        ("CertificatePrivateKey", key().into()),
    ])
}

fn with(mut p: Params, name: &str, value: ParamValue) -> Params {
    p.insert(name.to_string(), value);
    p
}

fn without(mut p: Params, name: &str) -> Params {
    p.remove(name);
    p
}

fn build(provider: ProviderId, p: &Params) -> Result<ApiRequest, RequestError> {
    build_request(provider, p, &opts())
}

fn ok(provider: ProviderId, p: &Params) -> ApiRequest {
    build(provider, p).unwrap_or_else(|e| panic!("{}: {e}\n{:#?}", provider.as_str(), e.findings))
}

fn errors(e: &RequestError) -> Vec<&Finding> {
    e.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// The build fails and one of its errors is `code` on `field`.
fn fails(provider: ProviderId, p: &Params, code: &str, field: &str) -> RequestError {
    let e = match build(provider, p) {
        Ok(r) => panic!(
            "{}: expected {code} on {field}, built {r:?}",
            provider.as_str()
        ),
        Err(e) => e,
    };
    assert!(
        errors(&e)
            .iter()
            .any(|f| f.code == code && f.field == field),
        "{}: expected {code} on {field}, got {:#?}",
        provider.as_str(),
        e.findings
    );
    e
}

fn q<'a>(r: &'a ApiRequest, name: &str) -> Option<&'a str> {
    r.query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn h<'a>(r: &'a ApiRequest, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn body(r: &ApiRequest) -> serde_json::Value {
    serde_json::from_str(&r.body).expect("the body is JSON")
}

// ---------------------------------------------------------------------------------------------
// aliyun-slb (PROVIDERS.md §1)

#[test]
fn slb_request_shape() {
    let r = ok(SLB, &with(slb_ok(), "Tag", ali_tags(2)));
    assert_eq!(r.provider, SLB);
    assert_eq!(
        (
            r.action.as_str(),
            r.version.as_str(),
            r.method.as_str(),
            r.path.as_str()
        ),
        ("UploadServerCertificate", "2014-05-15", "POST", "/")
    );
    assert_eq!(r.host, "slb.aliyuncs.com");
    assert_eq!(
        r.headers,
        vec![
            (
                "x-acs-action".to_string(),
                "UploadServerCertificate".to_string()
            ),
            ("x-acs-version".to_string(), "2014-05-15".to_string()),
        ]
    );
    assert_eq!(r.body, "");
    let names: Vec<&str> = r.query.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "PrivateKey",
            "RegionId",
            "ServerCertificate",
            "Tag.1.Key",
            "Tag.1.Value",
            "Tag.2.Key",
            "Tag.2.Value"
        ]
    );
    assert_eq!(q(&r, "Tag.1.Key"), Some("k0"));
    assert_eq!(q(&r, "Tag.2.Value"), Some("v1"));
    assert_eq!(q(&r, "ServerCertificate"), Some(cert().as_str()));
    assert_eq!(q(&r, "PrivateKey"), Some(key().as_str()));
    assert!(
        r.url.starts_with(
            "https://slb.aliyuncs.com/?PrivateKey=-----BEGIN%20RSA%20PRIVATE%20KEY-----%0A"
        ),
        "{}",
        &r.url[..80]
    );
    assert!(
        r.url
            .ends_with("&Tag.1.Key=k0&Tag.1.Value=v0&Tag.2.Key=k1&Tag.2.Value=v1")
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["provider"], "aliyun-slb");
    assert_eq!(
        json["query"][1],
        serde_json::json!(["RegionId", "cn-hangzhou"])
    );
}

#[test]
fn slb_host_per_region() {
    // §1.1: the SDK's endpoint map sends the legacy regions to slb.aliyuncs.com.
    for (region, host) in [
        ("cn-hangzhou", "slb.aliyuncs.com"),
        ("cn-shanghai", "slb.aliyuncs.com"),
        ("ap-southeast-1", "slb.aliyuncs.com"),
        ("us-east-1", "slb.aliyuncs.com"),
        ("cn-shenzhen-finance-1", "slb.aliyuncs.com"),
        ("cn-heyuan", "slb.cn-heyuan.aliyuncs.com"),
        ("eu-central-1", "slb.eu-central-1.aliyuncs.com"),
        ("ap-northeast-1", "slb.ap-northeast-1.aliyuncs.com"),
    ] {
        let r = ok(SLB, &with(slb_ok(), "RegionId", region.into()));
        assert_eq!(r.host, host, "{region}");
        assert!(r.url.starts_with(&format!("https://{host}/?")));
        assert_eq!(q(&r, "RegionId"), Some(region));
    }
}

#[test]
fn slb_region_rules() {
    let e = fails(
        SLB,
        &without(slb_ok(), "RegionId"),
        "MissingRegionId",
        "RegionId",
    );
    assert_eq!(
        (e.code.as_str(), e.kind, e.http_status),
        ("MissingRegionId", Kind::ParameterMissing, 400)
    );
    let e = fails(
        SLB,
        &with(slb_ok(), "RegionId", "".into()),
        "MissingRegionId",
        "RegionId",
    );
    assert_eq!(e.message, "RegionId is mandatory for this action.");
    let e = fails(
        SLB,
        &with(slb_ok(), "RegionId", "cn-nowhere".into()),
        "ServerCertificate.NotSupport",
        "RegionId",
    );
    assert_eq!(e.kind, Kind::ParameterInvalid);
    ok(SLB, &with(slb_ok(), "RegionId", "me-central-1".into()));
}

#[test]
fn slb_name_rules() {
    // The zh API metadata's rule (EVIDENCE.md S12): 1-80 characters; Chinese, letters, digits,
    // '-', '/', '.', '_', '*'.
    for good in ["my-cert_01.test", "a", &"a".repeat(80), "Cert.2026"] {
        let r = ok(SLB, &with(slb_ok(), "ServerCertificateName", good.into()));
        assert_eq!(q(&r, "ServerCertificateName"), Some(good));
        assert!(r.warnings.is_empty(), "{good}: {:?}", r.warnings);
    }
    // Allowed by it, refused by the older English rule: sent, with a warning.
    for legacy in [
        "1cert",
        "_cert",
        "证书",
        "a/b",
        "a*",
        "*.example.com",
        "2024-cert",
    ] {
        let r = ok(SLB, &with(slb_ok(), "ServerCertificateName", legacy.into()));
        assert_eq!(q(&r, "ServerCertificateName"), Some(legacy));
        let w: Vec<_> = r
            .warnings
            .iter()
            .filter(|f| f.field == "ServerCertificateName")
            .collect();
        assert_eq!(w.len(), 1, "{legacy}: {:?}", r.warnings);
        assert_eq!(
            (w[0].kind, w[0].code.as_str(), w[0].confidence),
            (
                Kind::ParameterInvalid,
                "InvalidParameter",
                Confidence::Inferred
            )
        );
    }
    for bad in [
        "my cert",
        "a:b",
        "ｃｅｒｔ",
        "é",
        &"a".repeat(81),
        &"证".repeat(81),
    ] {
        let e = fails(
            SLB,
            &with(slb_ok(), "ServerCertificateName", bad.into()),
            "InvalidParameter",
            "ServerCertificateName",
        );
        assert_eq!(e.kind, Kind::ParameterInvalid, "{bad}");
    }
    // An empty optional parameter is not sent.
    let r = ok(SLB, &with(slb_ok(), "ServerCertificateName", "".into()));
    assert_eq!(q(&r, "ServerCertificateName"), None);
}

#[test]
fn slb_tag_count() {
    let r = ok(SLB, &with(slb_ok(), "Tag", ali_tags(20)));
    assert_eq!(q(&r, "Tag.20.Key"), Some("k19"));
    let e = fails(
        SLB,
        &with(slb_ok(), "Tag", ali_tags(21)),
        "SizeLimitExceeded.Tag",
        "Tag",
    );
    assert_eq!(e.http_status, 400);
}

#[test]
fn slb_tag_key_and_value_rules() {
    let one = |k: &str, v: &str| with(slb_ok(), "Tag", vec![tag("Key", k, "Value", v)].into());
    for (k, v) in [
        ("env", "prod"),
        (&"k".repeat(64) as &str, &"v".repeat(128) as &str),
        ("env", ""),
        ("my-aliyun", "x-acs:y"),
        ("环境", "生产"),
    ] {
        ok(SLB, &one(k, v));
    }
    for k in [
        "",
        &"k".repeat(65),
        "http://x",
        "a https://b",
        "aliyun-env",
        "ACS:env",
        "Aliyun",
    ] {
        fails(SLB, &one(k, "v"), "InvalidParam.TagKey", "Tag.1.Key");
    }
    for v in [
        &"v".repeat(129) as &str,
        "see http://x",
        "https://x",
        "aliyunx",
        "acs:x",
    ] {
        fails(SLB, &one("k", v), "InvalidParam.TagValue", "Tag.1.Value");
    }
    // Value without Key.
    let p = with(
        slb_ok(),
        "Tag",
        vec![ParamValue::object([("Value", "v".into())])].into(),
    );
    let e = fails(SLB, &p, "MissingParam.TagKey", "Tag.1.Key");
    assert_eq!(e.message, "The param MissingParam.TagKey is missing.");
    // Key without Value is fine (§1.2: the value may be empty).
    let r = ok(
        SLB,
        &with(
            slb_ok(),
            "Tag",
            vec![ParamValue::object([("Key", "k".into())])].into(),
        ),
    );
    assert_eq!(
        (q(&r, "Tag.1.Key"), q(&r, "Tag.1.Value")),
        (Some("k"), None)
    );
    // The N of the finding is the tag's 1-based position.
    let p = with(
        slb_ok(),
        "Tag",
        vec![
            tag("Key", "ok", "Value", "ok"),
            tag("Key", "aliyun", "Value", "ok"),
        ]
        .into(),
    );
    fails(SLB, &p, "InvalidParam.TagKey", "Tag.2.Key");
}

#[test]
fn slb_certificate_source_rules() {
    // ServerCertificate + PrivateKey are required unless AliCloudCertificateId is given. Both are
    // optional in the API metadata, so the answer is the backend's (EVIDENCE.md S1), not the
    // gateway's MissingParameter.
    let e = fails(
        SLB,
        &without(without(slb_ok(), "ServerCertificate"), "PrivateKey"),
        "InvalidParameter",
        "ServerCertificate",
    );
    assert_eq!(e.kind, Kind::CertificateMissing);
    assert_eq!(
        e.message,
        "The specified parameter ServerCertificate or Key is empty."
    );
    let e = fails(
        SLB,
        &without(slb_ok(), "PrivateKey"),
        "InvalidParameter",
        "PrivateKey",
    );
    assert_eq!(e.kind, Kind::PrivateKeyMissing);

    let cas_cert = params(vec![
        ("RegionId", "cn-beijing".into()),
        ("AliCloudCertificateId", "1234567".into()),
        ("AliCloudCertificateName", "cas-cert".into()),
        ("AliCloudCertificateRegionId", "cn-hangzhou".into()),
    ]);
    let r = ok(SLB, &cas_cert);
    assert_eq!(q(&r, "AliCloudCertificateId"), Some("1234567"));
    assert_eq!(q(&r, "ServerCertificate"), None);

    for field in ["ServerCertificate", "PrivateKey"] {
        let p = with(cas_cert.clone(), field, slb_ok()[field].clone());
        fails(SLB, &p, "InvalidParameter", field);
    }
    let p = with(slb_ok(), "AliCloudCertificateName", "x".into());
    let e = fails(SLB, &p, "MissingParameter", "AliCloudCertificateId");
    assert_eq!(e.kind, Kind::ParameterMissing);
}

#[test]
fn slb_types_and_unknown_parameters() {
    fails(
        SLB,
        &with(slb_ok(), "RegionId", 5i64.into()),
        "InvalidParameter",
        "RegionId",
    );
    fails(
        SLB,
        &with(slb_ok(), "ServerCertificateName", true.into()),
        "InvalidParameter",
        "ServerCertificateName",
    );
    fails(
        SLB,
        &with(slb_ok(), "OwnerId", "12a".into()),
        "InvalidParameter",
        "OwnerId",
    );
    fails(
        SLB,
        &with(slb_ok(), "OwnerId", (-1i64).into()),
        "InvalidParameter",
        "OwnerId",
    );
    fails(
        SLB,
        &with(slb_ok(), "OwnerId", ParamValue::Float(1.5)),
        "InvalidParameter",
        "OwnerId",
    );
    fails(
        SLB,
        &with(slb_ok(), "Tag", "env=prod".into()),
        "InvalidParameter",
        "Tag",
    );
    fails(
        SLB,
        &with(slb_ok(), "Tag", vec!["env".into()].into()),
        "InvalidParameter",
        "Tag.1",
    );
    fails(
        SLB,
        &with(
            slb_ok(),
            "Tag",
            vec![ParamValue::object([("Key", 1i64.into())])].into(),
        ),
        "InvalidParameter",
        "Tag.1.Key",
    );
    // Longs: integers or digit strings (IDs beyond 2^53), sent as digits.
    let r = ok(
        SLB,
        &with(
            with(slb_ok(), "OwnerId", 123i64.into()),
            "ResourceOwnerId",
            "12345678901234567890".into(),
        ),
    );
    assert_eq!(q(&r, "OwnerId"), Some("123"));
    assert_eq!(q(&r, "ResourceOwnerId"), Some("12345678901234567890"));
    let r = ok(
        SLB,
        &with(
            with(slb_ok(), "OwnerAccount", "acct".into()),
            "ResourceGroupId",
            "rg-abc".into(),
        ),
    );
    assert_eq!(q(&r, "ResourceGroupId"), Some("rg-abc"));
    // Null is absent.
    ok(SLB, &with(slb_ok(), "ResourceGroupId", ParamValue::Null));

    let e = fails(
        SLB,
        &with(slb_ok(), "Tags", ali_tags(1)),
        "InvalidParameter",
        "Tags",
    );
    assert!(
        e.findings[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("not a parameter")
    );
    fails(
        SLB,
        &with(slb_ok(), "regionid", "x".into()),
        "InvalidParameter",
        "regionid",
    );
    fails(
        SLB,
        &with(slb_ok(), "Action", "x".into()),
        "InvalidParameter",
        "Action",
    );
    fails(
        SLB,
        &with(
            slb_ok(),
            "Tag",
            vec![tag("TagKey", "k", "TagValue", "v")].into(),
        ),
        "InvalidParameter",
        "Tag.1.TagKey",
    );
}

#[test]
fn slb_certificate_checks_go_through_validate() {
    // Key of another certificate.
    let p = with(
        slb_ok(),
        "PrivateKey",
        read("mismatch/rsa2048-other.key.pem").into(),
    );
    let e = fails(SLB, &p, "InvalidParameter", "PrivateKey");
    assert_eq!(e.kind, Kind::CertificateMismatch);
    assert_eq!(
        e.message,
        "The specified ServerCertificate and PrivateKey fail to validate."
    );
    // RSA 3072.
    let p = with(
        with(
            slb_ok(),
            "ServerCertificate",
            read("rsa/3072/fullchain.pem").into(),
        ),
        "PrivateKey",
        read("rsa/3072/key.pem").into(),
    );
    fails(
        SLB,
        &p,
        "OperationDenied.IllegalKeyLength",
        "ServerCertificate",
    );
    // EC only in eccRegions, judged against RegionId.
    let ec = with(
        with(
            with(
                slb_ok(),
                "ServerCertificate",
                read("ec/p256/fullchain.pem").into(),
            ),
            "PrivateKey",
            read("ec/p256/key.sec1.pem").into(),
        ),
        "RegionId",
        "eu-west-1".into(),
    );
    fails(SLB, &ec, "EccCertificateNotSupport", "ServerCertificate");
    let r = build_request(
        SLB,
        &ec,
        &BuildOptions {
            ecc_regions: vec!["eu-west-1".into()],
            ..opts()
        },
    )
    .expect("EC allowed in eu-west-1");
    assert_eq!(r.host, "slb.eu-west-1.aliyuncs.com");
    // Garbage.
    let p = with(
        slb_ok(),
        "ServerCertificate",
        read("malformed/random-text.pem").into(),
    );
    fails(SLB, &p, "CertificateFormatInvalid", "ServerCertificate");
}

#[test]
fn slb_normalizes_the_pem() {
    // PKCS#8 key → PKCS#1; CRLF certificate → LF: sent fixed, with warnings saying so.
    let p = with(
        with(slb_ok(), "PrivateKey", read("rsa/2048/key.pem").into()),
        "ServerCertificate",
        cert().replace('\n', "\r\n").into(),
    );
    let r = ok(SLB, &p);
    assert_eq!(q(&r, "ServerCertificate"), Some(cert().as_str()));
    assert_eq!(
        q(&r, "PrivateKey"),
        Some(key().as_str()),
        "converted to PKCS#1"
    );
    let warned: Vec<(&str, &str)> = r
        .warnings
        .iter()
        .map(|f| (f.kind.as_str(), f.field.as_str()))
        .collect();
    assert!(
        warned.contains(&("PemNotCanonical", "PrivateKey")),
        "{warned:?}"
    );
    assert!(
        warned.contains(&("PemNotCanonical", "ServerCertificate")),
        "{warned:?}"
    );

    // An encrypted key: refused without the passphrase, decrypted and converted with it.
    let enc = with(
        slb_ok(),
        "PrivateKey",
        read("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes128.pem").into(),
    );
    // EVIDENCE.md S2: CLB's own code for it, the per-API InvalidParameter as the alternative.
    let e = fails(SLB, &enc, "PrivateKeyEncryption", "PrivateKey");
    assert_eq!(e.kind, Kind::PrivateKeyEncrypted);
    assert_eq!(e.findings[0].alternatives, ["InvalidParameter"]);
    let r = build_request(
        SLB,
        &enc,
        &BuildOptions {
            passphrase: Some(Zeroizing::new("correct horse".into())),
            ..opts()
        },
    )
    .expect("decrypted with the passphrase");
    assert_eq!(q(&r, "PrivateKey"), Some(key().as_str()));
}

#[test]
fn slb_reorders_a_reversed_chain() {
    // int-leaf.pem holds the intermediate first. The normalized form puts the leaf first (proven
    // by signatures), which fixes the key mismatch the reversed order causes.
    let leaf_int = read("chain/rsa/leaf-int.pem");
    let p = params(vec![
        ("RegionId", "cn-hangzhou".into()),
        ("ServerCertificate", read("chain/rsa/int-leaf.pem").into()),
        ("PrivateKey", read("chain/rsa/leaf.key.pem").into()),
    ]);
    let r = match build(SLB, &p) {
        Ok(r) => r,
        Err(e) => panic!("reversed chain not re-ordered: {:#?}", e.findings),
    };
    assert_eq!(q(&r, "ServerCertificate"), Some(leaf_int.as_str()));
    assert!(
        r.warnings.iter().any(|f| f.kind == Kind::ChainOrderInvalid),
        "{:#?}",
        r.warnings
    );
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let p = params(vec![
        ("ServerCertificateName", "bad name".into()),
        (
            "Tag",
            vec![tag("Key", "aliyun", "Value", "http://x")].into(),
        ),
        ("Tags", "x".into()),
        ("ServerCertificate", cert().into()),
    ]);
    let e = build(SLB, &p).unwrap_err();
    let codes: Vec<(&str, &str)> = errors(&e)
        .iter()
        .map(|f| (f.code.as_str(), f.field.as_str()))
        .collect();
    for want in [
        ("InvalidParameter", "Tags"),
        ("MissingRegionId", "RegionId"),
        ("InvalidParameter", "ServerCertificateName"),
        ("InvalidParam.TagKey", "Tag.1.Key"),
        ("InvalidParam.TagValue", "Tag.1.Value"),
        ("InvalidParameter", "PrivateKey"),
    ] {
        assert!(codes.contains(&want), "{want:?} not in {codes:?}");
    }
    assert_eq!(e.code, codes[0].0);
    assert_eq!(
        e.findings.len(),
        e.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
            + e.findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count()
    );
    let text = e.to_string();
    assert!(
        text.starts_with(&format!("{}: ", e.code)) && text.contains("more error"),
        "{text}"
    );
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["kind"], e.kind.as_str());
    assert!(json["findings"].as_array().unwrap().len() >= 6);
}

// ---------------------------------------------------------------------------------------------
// aliyun-cas (PROVIDERS.md §2)

#[test]
fn cas_request_shape_and_hosts() {
    let p = with(
        with(cas_ok(), "Tags", ali_tags(2)),
        "ClientToken",
        "tok-1".into(),
    );
    let r = ok(CAS, &p);
    assert_eq!(
        (
            r.action.as_str(),
            r.version.as_str(),
            r.method.as_str(),
            r.host.as_str()
        ),
        (
            "UploadUserCertificate",
            "2020-04-07",
            "POST",
            "cas.aliyuncs.com"
        )
    );
    let names: Vec<&str> = r.query.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "Cert",
            "ClientToken",
            "Key",
            "Name",
            "Tags.1.Key",
            "Tags.1.Value",
            "Tags.2.Key",
            "Tags.2.Value"
        ]
    );
    assert_eq!(h(&r, "x-acs-action"), Some("UploadUserCertificate"));
    assert_eq!(h(&r, "x-acs-version"), Some("2020-04-07"));
    assert_eq!(r.body, "");
    for (region, host) in [
        (None, "cas.aliyuncs.com"),
        (Some("cn-hangzhou"), "cas.aliyuncs.com"),
        (Some("ap-southeast-1"), "cas.ap-southeast-1.aliyuncs.com"),
        (Some("cn-hongkong"), "cas.cn-hongkong.aliyuncs.com"),
    ] {
        let r = build_request(
            CAS,
            &cas_ok(),
            &BuildOptions {
                region: region.map(String::from),
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(r.host, host);
    }
    let e = build_request(
        CAS,
        &cas_ok(),
        &BuildOptions {
            region: Some("us-east-1".into()),
            ..opts()
        },
    )
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.findings[0].field.as_str()),
        ("InvalidRegionId", "region")
    );
}

#[test]
fn cas_name_rules() {
    let e = fails(CAS, &without(cas_ok(), "Name"), "MissingName", "Name");
    assert_eq!(e.kind, Kind::ParameterMissing);
    fails(
        CAS,
        &with(cas_ok(), "Name", "".into()),
        "MissingName",
        "Name",
    );
    for good in ["cert-1 测试", &"n".repeat(63), &"证".repeat(63)] {
        let r = ok(CAS, &with(cas_ok(), "Name", good.into()));
        assert_eq!(q(&r, "Name"), Some(good));
    }
    for bad in [&"n".repeat(64), &"证".repeat(64)] {
        fails(
            CAS,
            &with(cas_ok(), "Name", bad.as_str().into()),
            "NameTooLong",
            "Name",
        );
    }
}

#[test]
fn cas_tag_rules() {
    let r = ok(CAS, &with(cas_ok(), "Tags", ali_tags(100)));
    assert_eq!(q(&r, "Tags.100.Value"), Some("v99"));
    fails(
        CAS,
        &with(cas_ok(), "Tags", ali_tags(101)),
        "SizeLimitExceeded.Tag",
        "Tags",
    );
    let one = |k: &str, v: &str| with(cas_ok(), "Tags", vec![tag("Key", k, "Value", v)].into());
    ok(CAS, &one("env", ""));
    fails(
        CAS,
        &one("acs:env", "v"),
        "InvalidParam.TagKey",
        "Tags.1.Key",
    );
    fails(
        CAS,
        &one("env", "https://x"),
        "InvalidParam.TagValue",
        "Tags.1.Value",
    );
    fails(
        CAS,
        &one(&"k".repeat(65), "v"),
        "InvalidParam.TagKey",
        "Tags.1.Key",
    );
    let p = with(
        cas_ok(),
        "Tags",
        vec![ParamValue::object([("Value", "v".into())])].into(),
    );
    fails(CAS, &p, "MissingParam.TagKey", "Tags.1.Key");
}

#[test]
fn cas_upload_modes() {
    let sm2_cert = read("other/sm2/cert.pem");
    let sm2_key = read("other/sm2/key.sec1.pem");
    let sm = |p: Params| {
        let mut p = p;
        for (f, v) in [
            ("SignCert", &sm2_cert),
            ("SignPrivateKey", &sm2_key),
            ("EncryptCert", &sm2_cert),
            ("EncryptPrivateKey", &sm2_key),
        ] {
            p.insert(f.into(), v.as_str().into());
        }
        p
    };
    // SM mode: the four fields, sent as given.
    let sm_only = sm(params(vec![("Name", "gm".into())]));
    let r = ok(CAS, &sm_only);
    assert_eq!(q(&r, "SignCert"), Some(sm2_cert.as_str()));
    assert_eq!(q(&r, "EncryptPrivateKey"), Some(sm2_key.as_str()));
    assert_eq!(q(&r, "Cert"), None);
    // One of the four missing.
    let e = fails(
        CAS,
        &without(sm_only.clone(), "EncryptCert"),
        "MissingParameter",
        "EncryptCert",
    );
    assert_eq!(e.kind, Kind::ParameterMissing);
    // Cert + Key + SM fields: the SM fields are ignored (warning) and not sent.
    let r = ok(CAS, &sm(cas_ok()));
    assert_eq!(q(&r, "SignCert"), None);
    assert_eq!(q(&r, "Cert"), Some(cert().as_str()));
    assert!(
        r.warnings.iter().any(|f| f.code == "ParameterIgnored"),
        "{:#?}",
        r.warnings
    );
    // Mixing: Key in an SM upload, or Cert without Key next to SM fields.
    fails(
        CAS,
        &with(sm_only.clone(), "Key", key().into()),
        "InvalidParameter",
        "Key",
    );
    fails(
        CAS,
        &with(sm_only, "Cert", cert().into()),
        "InvalidParameter",
        "Cert",
    );
    // International mode: Cert needs Key, Key needs Cert; SM2 content in Cert is refused.
    // Cert/Key are optional in the metadata (EVIDENCE.md C5): library identifiers, not the gateway's.
    fails(CAS, &without(cas_ok(), "Key"), "PrivateKeyMissing", "Key");
    fails(
        CAS,
        &without(cas_ok(), "Cert"),
        "CertificateMissing",
        "Cert",
    );
    let p = with(
        with(cas_ok(), "Cert", sm2_cert.as_str().into()),
        "Key",
        sm2_key.as_str().into(),
    );
    let e = build(CAS, &p).unwrap_err();
    assert!(
        errors(&e)
            .iter()
            .any(|f| f.kind == Kind::Sm2CertificateNotSupported),
        "{:#?}",
        e.findings
    );
}

#[test]
fn cas_refuses_unknown_parameters_and_encrypted_keys() {
    let e = fails(
        CAS,
        &with(cas_ok(), "RegionId", "cn-hangzhou".into()),
        "InvalidParameter",
        "RegionId",
    );
    assert_eq!(e.kind, Kind::ParameterInvalid);
    fails(
        CAS,
        &with(cas_ok(), "Tag", ali_tags(1)),
        "InvalidParameter",
        "Tag",
    );
    fails(
        CAS,
        &with(cas_ok(), "ClientToken", 7i64.into()),
        "InvalidParameter",
        "ClientToken",
    );
    let enc = with(
        cas_ok(),
        "Key",
        read("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes128.pem").into(),
    );
    let e = fails(CAS, &enc, "PrivateKeyEncrypted", "Key");
    assert_eq!(e.kind, Kind::PrivateKeyEncrypted);
}

// ---------------------------------------------------------------------------------------------
// tencent-ssl (PROVIDERS.md §3)

#[test]
fn tencent_request_shape() {
    let p = with(
        with(
            with(
                with(tc_ok(), "Alias", "证书-1".into()),
                "Tags",
                vec![tag("TagKey", "环境", "TagValue", "prod")].into(),
            ),
            "Repeatable",
            false.into(),
        ),
        "ProjectId",
        0i64.into(),
    );
    let r = ok(TC, &p);
    assert_eq!(
        (
            r.action.as_str(),
            r.version.as_str(),
            r.method.as_str(),
            r.path.as_str()
        ),
        ("UploadCertificate", "2019-12-05", "POST", "/")
    );
    assert_eq!(
        (r.host.as_str(), r.url.as_str()),
        (
            "ssl.tencentcloudapi.com",
            "https://ssl.tencentcloudapi.com/"
        )
    );
    assert!(r.query.is_empty());
    assert_eq!(
        r.headers,
        vec![
            ("content-type".to_string(), "application/json".to_string()),
            ("x-tc-action".to_string(), "UploadCertificate".to_string()),
            ("x-tc-version".to_string(), "2019-12-05".to_string()),
            // Tencent's default language, sent as the SDKs do (docs/research/languages.md §1.1).
            ("x-tc-language".to_string(), "zh-CN".to_string()),
        ]
    );
    let b = body(&r);
    assert_eq!(b["CertificatePublicKey"], cert().as_str());
    assert_eq!(b["CertificatePrivateKey"], key().as_str());
    assert_eq!(
        b["Tags"],
        serde_json::json!([{"TagKey": "环境", "TagValue": "prod"}])
    );
    assert_eq!(b["Repeatable"], false);
    assert_eq!(b["ProjectId"], 0);
    // Compact, UTF-8, in the SDK model's order.
    assert!(
        r.body
            .starts_with("{\"CertificatePublicKey\":\"-----BEGIN CERTIFICATE-----\\nMII"),
        "{}",
        &r.body[..60]
    );
    assert!(
        r.body.ends_with(",\"Alias\":\"证书-1\",\"ProjectId\":0,\"Tags\":[{\"TagKey\":\"环境\",\"TagValue\":\"prod\"}],\"Repeatable\":false}"),
        "{}",
        &r.body[r.body.len() - 120..]
    );
    assert!(!r.body.contains(": ") && !r.body.contains(", "));

    let r = build_request(
        TC,
        &tc_ok(),
        &BuildOptions {
            region: Some("ap-guangzhou".into()),
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(h(&r, "x-tc-region"), Some("ap-guangzhou"));
    let e = build_request(
        TC,
        &tc_ok(),
        &BuildOptions {
            region: Some("AP Guangzhou\r\n".into()),
            ..opts()
        },
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.http_status), ("UnsupportedRegion", 200));
}

#[test]
fn tencent_required_and_type_rules() {
    let e = fails(
        TC,
        &without(tc_ok(), "CertificatePublicKey"),
        "MissingParameter",
        "CertificatePublicKey",
    );
    assert_eq!(e.http_status, 200);
    fails(
        TC,
        &without(tc_ok(), "CertificatePrivateKey"),
        "InvalidParameter.MissMatchPrivateKey",
        "CertificatePrivateKey",
    );
    fails(
        TC,
        &with(tc_ok(), "CertificateType", "XYZ".into()),
        "FailedOperation.InvalidParam",
        "CertificateType",
    );
    fails(
        TC,
        &with(tc_ok(), "CertificateType", "svr".into()),
        "FailedOperation.InvalidParam",
        "CertificateType",
    );
    ok(TC, &with(tc_ok(), "CertificateType", "SVR".into()));
    // CA: a CA certificate without a key is fine; a leaf is CertificateCaError.
    let ca = params(vec![
        ("CertificatePublicKey", read("chain/rsa/root.pem").into()),
        ("CertificateType", "CA".into()),
    ]);
    let r = ok(TC, &ca);
    assert_eq!(body(&r)["CertificateType"], "CA");
    fails(
        TC,
        &with(tc_ok(), "CertificateType", "CA".into()),
        "FailedOperation.CertificateCaError",
        "CertificatePublicKey",
    );

    for bad in [
        ParamValue::from("1"),
        (-1i64).into(),
        ParamValue::Float(1.5),
        true.into(),
    ] {
        fails(
            TC,
            &with(tc_ok(), "ProjectId", bad),
            "InvalidParameter",
            "ProjectId",
        );
    }
    assert_eq!(
        body(&ok(TC, &with(tc_ok(), "ProjectId", 1_234i64.into())))["ProjectId"],
        1234
    );
    for bad in [ParamValue::from("false"), 0i64.into()] {
        fails(
            TC,
            &with(tc_ok(), "Repeatable", bad),
            "InvalidParameter",
            "Repeatable",
        );
    }
    assert_eq!(
        body(&ok(TC, &with(tc_ok(), "Repeatable", true.into())))["Repeatable"],
        true
    );
    fails(
        TC,
        &with(tc_ok(), "Alias", 5i64.into()),
        "InvalidParameter",
        "Alias",
    );
    fails(
        TC,
        &with(
            tc_ok(),
            "Tags",
            ParamValue::object([("TagKey", "k".into())]),
        ),
        "InvalidParameter",
        "Tags",
    );
    assert_eq!(
        body(&ok(TC, &with(tc_ok(), "CertificateUse", "CLB".into())))["CertificateUse"],
        "CLB"
    );
}

#[test]
fn tencent_unknown_parameters() {
    let e = fails(
        TC,
        &with(tc_ok(), "Region", "ap-guangzhou".into()),
        "UnknownParameter",
        "Region",
    );
    assert_eq!((e.kind, e.http_status), (Kind::ParameterInvalid, 200));
    fails(
        TC,
        &with(tc_ok(), "Tag", tc_tags(1)),
        "UnknownParameter",
        "Tag",
    );
    fails(
        TC,
        &with(tc_ok(), "Tags", vec![tag("Key", "k", "Value", "v")].into()),
        "UnknownParameter",
        "Tags.0.Key",
    );
}

#[test]
fn tencent_tag_rules() {
    let r = ok(TC, &with(tc_ok(), "Tags", tc_tags(50)));
    assert_eq!(body(&r)["Tags"].as_array().unwrap().len(), 50);
    let e = fails(
        TC,
        &with(tc_ok(), "Tags", tc_tags(51)),
        "InvalidParameter.WithDetailReason",
        "Tags",
    );
    assert_eq!(
        e.findings
            .iter()
            .filter(|f| f.field.starts_with("Tags"))
            .count(),
        1
    );

    let one = |k: &str, v: &str| {
        with(
            tc_ok(),
            "Tags",
            vec![tag("TagKey", k, "TagValue", v)].into(),
        )
    };
    for (k, v) in [
        ("env", "prod"),
        (&"k".repeat(127) as &str, &"v".repeat(255) as &str),
        ("组项目", "a b"),
        ("a+-=._:/@()[],;><【】：z", "x"),
        ("my-project", "qcs:x"),
    ] {
        ok(TC, &one(k, v));
    }
    for k in [
        "",
        &"k".repeat(128),
        " env",
        "env ",
        "a#b",
        "a\tb",
        "qcs:env",
        "QCS:env",
        "project",
        "Project-x",
        "项目",
    ] {
        fails(
            TC,
            &one(k, "v"),
            "InvalidParameter.WithDetailReason",
            "Tags.0.TagKey",
        );
    }
    for v in ["", &"v".repeat(256), " v", "v ", "a!b"] {
        fails(
            TC,
            &one("k", v),
            "InvalidParameter.WithDetailReason",
            "Tags.0.TagValue",
        );
    }
    let p = with(
        tc_ok(),
        "Tags",
        vec![ParamValue::object([("TagValue", "v".into())])].into(),
    );
    fails(TC, &p, "MissingParameter", "Tags.0.TagKey");
    let p = with(
        tc_ok(),
        "Tags",
        vec![ParamValue::object([("TagKey", "k".into())])].into(),
    );
    fails(TC, &p, "MissingParameter", "Tags.0.TagValue");
}

#[test]
fn tencent_key_password_and_sm2() {
    let enc = read("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes128.pem");
    let p = with(tc_ok(), "CertificatePrivateKey", enc.as_str().into());
    let e = fails(
        TC,
        &p,
        "FailedOperation.CertificateParseError",
        "CertificatePrivateKey",
    );
    assert_eq!(e.kind, Kind::PrivateKeyEncrypted);
    fails(
        TC,
        &with(p.clone(), "KeyPassword", "wrong".into()),
        "FailedOperation.CertificateParseError",
        "CertificatePrivateKey",
    );
    // With KeyPassword the API decrypts: the key is sent encrypted, as given, with the password —
    // also when the certificate has to be normalized.
    let p = with(
        with(p, "KeyPassword", "correct horse".into()),
        "CertificatePublicKey",
        cert().replace('\n', "\r\n").into(),
    );
    let r = ok(TC, &p);
    let b = body(&r);
    assert_eq!(b["CertificatePrivateKey"], enc.as_str());
    assert_eq!(b["KeyPassword"], "correct horse");
    assert_eq!(b["CertificatePublicKey"], cert().as_str());

    let sm2 = params(vec![
        ("CertificatePublicKey", read("other/sm2/cert.pem").into()),
        (
            "CertificatePrivateKey",
            read("other/sm2/key.sec1.pem").into(),
        ),
    ]);
    let e = fails(
        TC,
        &sm2,
        "FailedOperation.CertificateEncryptInvalid",
        "CertificatePublicKey",
    );
    assert_eq!(e.kind, Kind::Sm2CertificateNotSupported);
}

#[test]
fn tencent_reversed_chain_is_reordered() {
    // Tencent refuses a misordered chain (CertificateChainError); the normalized, re-ordered
    // form is sent instead.
    let p = params(vec![
        (
            "CertificatePublicKey",
            read("chain/rsa/int-leaf.pem").into(),
        ),
        (
            "CertificatePrivateKey",
            read("chain/rsa/leaf.key.pem").into(),
        ),
    ]);
    let r = match build(TC, &p) {
        Ok(r) => r,
        Err(e) => panic!("reversed chain not re-ordered: {:#?}", e.findings),
    };
    assert_eq!(
        body(&r)["CertificatePublicKey"],
        read("chain/rsa/leaf-int.pem").as_str()
    );
}

#[test]
fn debug_output_hides_keys() {
    let p = slb_ok();
    let r = ok(SLB, &p);
    let key_line = key().lines().nth(1).unwrap().to_string();
    for text in [format!("{p:?}"), format!("{r:?}")] {
        assert!(!text.contains(&key_line), "{text}");
    }
    let o = BuildOptions {
        passphrase: Some(Zeroizing::new("hunter2".into())),
        ..opts()
    };
    assert!(!format!("{o:?}").contains("hunter2"));
}

#[test]
fn params_deserialize_from_json() {
    let json = serde_json::json!({
        "RegionId": "cn-hangzhou",
        "ServerCertificate": cert(),
        "PrivateKey": key(),
        "OwnerId": 42,
        "ResourceGroupId": null,
        "Tag": [{"Key": "env", "Value": "prod"}],
    });
    let p: Params = serde_json::from_value(json).unwrap();
    assert_eq!(p["OwnerId"], ParamValue::Int(42));
    let r = ok(SLB, &p);
    assert_eq!(q(&r, "Tag.1.Value"), Some("prod"));
    let p: Params = serde_json::from_str(r#"{"ProjectId": 1.5, "Repeatable": true}"#).unwrap();
    assert_eq!(p["ProjectId"], ParamValue::Float(1.5));
}

// ---------------------------------------------------------------------------------------------
// Built + signed, re-verified independently (PROVIDERS.md §5), without the library's signer.

mod independent {
    use hmac::{Hmac, KeyInit, Mac};
    use sha1::Sha1;
    use sha2::{Digest, Sha256};

    pub fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    pub fn sha256(b: &[u8]) -> String {
        hex(&Sha256::digest(b))
    }

    pub fn hmac256(key: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes().to_vec()
    }

    pub fn hmac1(key: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut m = Hmac::<Sha1>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes().to_vec()
    }

    /// §5.1 step 2 / §5.2 step 2: keep A-Z a-z 0-9 - _ . ~, everything else %XX of the UTF-8.
    pub fn pe(s: &str) -> String {
        let mut out = String::new();
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    pub fn base64(b: &[u8]) -> String {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in b.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &x)| n | (u32::from(x) << (16 - 8 * i)));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}

/// 2026-06-01T00:00:00Z.
const SIGN_TIME: i64 = 1_780_272_000;
const SIGN_DATE: &str = "2026-06-01T00:00:00Z";
const NONCE: &str = "5f1c0e4a9b2d4e6f8a0b1c2d3e4f5a6b";

fn alibaba_creds() -> Credentials {
    Credentials::alibaba(
        "LTAI5tTESTTESTTESTTEST12",
        "TestAccessKeySecretForRequests0",
    )
    .with_token("sts-token-1")
}

/// Recomputes an ACS3 Authorization from the signed request, following §5.2 literally.
fn verify_acs3(r: &ApiRequest, secret: &str) {
    use independent::*;
    assert_eq!(h(r, "x-acs-date"), Some(SIGN_DATE));
    assert_eq!(h(r, "x-acs-signature-nonce"), Some(NONCE));
    assert_eq!(
        h(r, "x-acs-content-sha256"),
        Some(sha256(r.body.as_bytes()).as_str())
    );
    let mut query: Vec<(String, String)> = r.query.iter().map(|(k, v)| (pe(k), pe(v))).collect();
    query.sort();
    let cq = query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut headers: Vec<(String, String)> = vec![("host".into(), r.host.clone())];
    for (k, v) in &r.headers {
        let k = k.to_lowercase();
        if k.starts_with("x-acs-") || k == "content-type" {
            headers.push((k, v.trim().to_string()));
        }
    }
    headers.sort();
    let ch: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let sh = headers
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";");
    assert!(sh.contains("x-acs-security-token"), "{sh}");
    let cr = format!(
        "{}\n{}\n{cq}\n{ch}\n{sh}\n{}",
        r.method,
        r.path,
        sha256(r.body.as_bytes())
    );
    let sts = format!("ACS3-HMAC-SHA256\n{}", sha256(cr.as_bytes()));
    let sig = hex(&hmac256(secret.as_bytes(), sts.as_bytes()));
    let expected = format!(
        "ACS3-HMAC-SHA256 Credential=LTAI5tTESTTESTTESTTEST12,SignedHeaders={sh},Signature={sig}"
    );
    assert_eq!(h(r, "authorization"), Some(expected.as_str()));
    // The URL carries exactly the signed query.
    let url_query = r.url.split_once('?').map_or("", |(_, q)| q);
    let sent: Vec<String> = r
        .query
        .iter()
        .map(|(k, v)| format!("{}={}", pe(k), pe(v)))
        .collect();
    assert_eq!(url_query, sent.join("&"));
}

#[test]
fn slb_built_and_signed_acs3_verifies_independently() {
    let p = with(
        with(slb_ok(), "Tag", ali_tags(3)),
        "ServerCertificateName",
        "my-cert_01.test".into(),
    );
    let built = ok(SLB, &with(p, "RegionId", "eu-central-1".into()));
    let signed = sign_request(
        &built,
        &alibaba_creds(),
        &SignOptions {
            timestamp_s: SIGN_TIME,
            nonce: NONCE.into(),
            algorithm: None,
        },
    )
    .unwrap();
    assert_eq!(signed.query, built.query);
    assert_eq!(h(&signed, "x-acs-security-token"), Some("sts-token-1"));
    verify_acs3(&signed, "TestAccessKeySecretForRequests0");
}

#[test]
fn cas_built_and_signed_acs3_verifies_independently() {
    let built = build_request(
        CAS,
        &with(
            with(cas_ok(), "Name", "证书 cert*1~".into()),
            "Tags",
            ali_tags(2),
        ),
        &BuildOptions {
            region: Some("ap-southeast-1".into()),
            ..opts()
        },
    )
    .unwrap();
    let signed = sign_request(
        &built,
        &alibaba_creds(),
        &SignOptions {
            timestamp_s: SIGN_TIME,
            nonce: NONCE.into(),
            algorithm: Some(SignAlgorithm::Acs3HmacSha256),
        },
    )
    .unwrap();
    assert_eq!(signed.host, "cas.ap-southeast-1.aliyuncs.com");
    verify_acs3(&signed, "TestAccessKeySecretForRequests0");
}

#[test]
fn slb_built_and_signed_hmac_sha1_verifies_independently() {
    use independent::*;
    let built = ok(SLB, &with(slb_ok(), "Tag", ali_tags(2)));
    let signed = sign_request(
        &built,
        &alibaba_creds(),
        &SignOptions {
            timestamp_s: SIGN_TIME,
            nonce: NONCE.into(),
            algorithm: Some(SignAlgorithm::HmacSha1),
        },
    )
    .unwrap();
    let (last_name, signature) = signed.query.last().unwrap();
    assert_eq!(last_name, "Signature");
    for (k, v) in [
        ("Action", "UploadServerCertificate"),
        ("Version", "2014-05-15"),
        ("Format", "json"),
        ("AccessKeyId", "LTAI5tTESTTESTTESTTEST12"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", NONCE),
        ("Timestamp", SIGN_DATE),
        ("SecurityToken", "sts-token-1"),
    ] {
        assert_eq!(q(&signed, k), Some(v), "{k}");
    }
    // §5.1: sort the encoded pairs (Signature excluded), encode again, HMAC-SHA1 with secret + "&".
    let mut pairs: Vec<(String, String)> = signed
        .query
        .iter()
        .filter(|(k, _)| k != "Signature")
        .map(|(k, v)| (pe(k), pe(v)))
        .collect();
    pairs.sort();
    let cqs = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let sts = format!("POST&%2F&{}", pe(&cqs));
    let expected = base64(&hmac1(b"TestAccessKeySecretForRequests0&", sts.as_bytes()));
    assert_eq!(signature, &expected);
    assert!(
        signed
            .url
            .ends_with(&format!("&Signature={}", pe(&expected)))
    );
    assert_eq!(h(&signed, "authorization"), None);
}

#[test]
fn tencent_built_and_signed_tc3_verifies_independently() {
    use independent::*;
    let p = with(
        with(tc_ok(), "Alias", "测试-1".into()),
        "Tags",
        vec![tag("TagKey", "env", "TagValue", "prod")].into(),
    );
    let built = build_request(
        TC,
        &p,
        &BuildOptions {
            region: Some("ap-guangzhou".into()),
            ..opts()
        },
    )
    .unwrap();
    let signed = sign_request(
        &built,
        &Credentials::tencent(
            "AKIDTESTTESTTESTTESTTESTTESTTEST1234",
            "testSecretKeyForRequests00000000",
        )
        .with_token("tc-token"),
        &SignOptions {
            timestamp_s: SIGN_TIME,
            nonce: String::new(),
            algorithm: None,
        },
    )
    .unwrap();
    assert_eq!(signed.body, built.body);
    assert_eq!(h(&signed, "x-tc-timestamp"), Some("1780272000"));
    assert_eq!(h(&signed, "x-tc-token"), Some("tc-token"));
    assert_eq!(h(&signed, "x-tc-region"), Some("ap-guangzhou"));
    // §5.3.
    let cr = format!(
        "POST\n/\n\ncontent-type:application/json\nhost:ssl.tencentcloudapi.com\n\ncontent-type;host\n{}",
        sha256(signed.body.as_bytes())
    );
    let scope = "2026-06-01/ssl/tc3_request";
    let sts = format!(
        "TC3-HMAC-SHA256\n1780272000\n{scope}\n{}",
        sha256(cr.as_bytes())
    );
    let k_date = hmac256(b"TC3testSecretKeyForRequests00000000", b"2026-06-01");
    let k_service = hmac256(&k_date, b"ssl");
    let k_signing = hmac256(&k_service, b"tc3_request");
    let sig = hex(&hmac256(&k_signing, sts.as_bytes()));
    let expected = format!(
        "TC3-HMAC-SHA256 Credential=AKIDTESTTESTTESTTESTTESTTESTTEST1234/{scope}, SignedHeaders=content-type;host, Signature={sig}"
    );
    assert_eq!(h(&signed, "authorization"), Some(expected.as_str()));
}

#[test]
fn credentials_must_match_the_provider() {
    let built = ok(TC, &tc_ok());
    let e = sign_request(
        &built,
        &alibaba_creds(),
        &SignOptions {
            timestamp_s: SIGN_TIME,
            nonce: NONCE.into(),
            algorithm: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), "InvalidArgument");
    let built = ok(SLB, &slb_ok());
    let e = sign_request(
        &built,
        &Credentials::tencent("a", "b"),
        &SignOptions {
            timestamp_s: SIGN_TIME,
            nonce: NONCE.into(),
            algorithm: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), "InvalidArgument");
}
