//! Provider rules and wording (PROVIDERS.md §1-§4) on the generated fixtures.
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
    CertificateType, Confidence, Finding, FingerprintAlgorithm, FingerprintFormat, Input, Kind,
    ProviderId, Report, Severity, fingerprint, validate,
};
use common::read;

const NOW: i64 = 1_780_272_000_000; // 2026-06-01T00:00:00Z, the corpus clock

fn check(cert: &str, key: Option<&str>, provider: Option<ProviderId>) -> Report {
    validate(&Input {
        certificate: cert,
        private_key: key,
        provider,
        now_ms: NOW,
        ..Input::default()
    })
}

fn only(report: &Report, kind: Kind) -> &Finding {
    let found: Vec<&Finding> = report.findings(kind).collect();
    assert_eq!(found.len(), 1, "expected one {kind}, got {:#?}", report);
    found[0]
}

fn kinds(list: &[Finding]) -> Vec<Kind> {
    list.iter().map(|f| f.kind).collect()
}

#[test]
fn slb_accepts_only_rsa_1024_2048_4096() {
    for bits in [512u32, 1024, 1536, 2048, 3072, 4096, 8192] {
        let r = check(
            &read(&format!("rsa/{bits}/leaf.pem")),
            Some(&read(&format!("rsa/{bits}/key.pem"))),
            Some(ProviderId::AliyunSlb),
        );
        let refused = ![1024, 2048, 4096].contains(&bits);
        assert_eq!(
            r.has(Kind::IllegalKeyLength),
            refused,
            "{bits}: {:?}",
            r.errors
        );
        if refused {
            let f = only(&r, Kind::IllegalKeyLength);
            assert_eq!(
                (f.code.as_str(), f.http_status),
                ("OperationDenied.IllegalKeyLength", 400)
            );
            assert_eq!(f.severity, Severity::Error);
            assert_eq!(f.field, "ServerCertificate");
        }
        // Without a provider, below 2048 is a warning and nothing else is refused.
        let generic = check(
            &read(&format!("rsa/{bits}/leaf.pem")),
            Some(&read(&format!("rsa/{bits}/key.pem"))),
            None,
        );
        assert_eq!(
            generic
                .warnings
                .iter()
                .any(|f| f.kind == Kind::IllegalKeyLength),
            bits < 2048,
            "{bits}"
        );
        assert!(
            !generic
                .errors
                .iter()
                .any(|f| f.kind == Kind::IllegalKeyLength)
        );
    }
}

#[test]
fn slb_takes_ec_only_in_ecc_regions() {
    let (cert, key) = (read("ec/p256/leaf.pem"), read("ec/p256/key.sec1.pem"));
    let input = Input {
        certificate: &cert,
        private_key: Some(&key),
        provider: Some(ProviderId::AliyunSlb),
        region: Some("eu-west-1"),
        now_ms: NOW,
        ..Input::default()
    };
    let refused = validate(&input);
    let f = only(&refused, Kind::EccCertificateNotSupport);
    assert_eq!(
        (f.code.as_str(), f.http_status),
        ("EccCertificateNotSupport", 400)
    );
    assert!(!refused.ok);

    let allowed = validate(&Input {
        ecc_regions: &["eu-west-1", "cn-qingdao"],
        ..input
    });
    assert!(
        !allowed.has(Kind::EccCertificateNotSupport),
        "{:?}",
        allowed.errors
    );
    assert!(allowed.ok, "{:?}", allowed.errors);

    // Tencent and CAS take EC keys anywhere.
    for p in [ProviderId::TencentSsl, ProviderId::AliyunCas] {
        let r = check(&cert, Some(&key), Some(p));
        assert!(r.ok, "{p:?}: {:?}", r.errors);
    }
}

/// CLB requires PKCS#1: a PKCS#8 key is a warning, and `normalized.privateKey` is exactly what
/// `openssl rsa -traditional` makes of it (`keys/rsa2048/pkcs1.pem`, the same key in PKCS#1).
#[test]
fn slb_converts_pkcs8_to_pkcs1_like_openssl() {
    let r = check(
        &read("rsa/2048/leaf.pem"),
        Some(&read("rsa/2048/key.pem")),
        Some(ProviderId::AliyunSlb),
    );
    assert!(r.ok, "{:?}", r.errors);
    let f = only(&r, Kind::PemNotCanonical);
    assert_eq!(f.field, "PrivateKey");
    assert_eq!(f.severity, Severity::Warning);
    let normalized = r.normalized.as_ref().expect("normalized");
    assert_eq!(
        normalized.private_key.as_deref().map(String::as_str),
        Some(read("keys/rsa2048/pkcs1.pem").as_str())
    );
    assert_eq!(normalized.certificate, read("rsa/2048/leaf.pem"));

    // Tencent and CAS take PKCS#8 as it is.
    for p in [ProviderId::TencentSsl, ProviderId::AliyunCas] {
        let r = check(
            &read("rsa/2048/leaf.pem"),
            Some(&read("rsa/2048/key.pem")),
            Some(p),
        );
        assert!(!r.has(Kind::PemNotCanonical), "{p:?}");
    }
}

#[test]
fn mismatch_in_each_providers_words() {
    let cert = read("chain/rsa/leaf.pem");
    let key = read("chain/rsa/int.key.pem");
    // EVIDENCE.md S3, T2: each code with how sure it is and the provider's other code for it.
    let cases: [(_, _, _, _, _, &[&str]); 4] = [
        (
            None,
            "CertificateMismatch",
            400,
            "privateKey",
            Confidence::Documented,
            &[],
        ),
        (
            Some(ProviderId::AliyunSlb),
            "InvalidParameter",
            400,
            "PrivateKey",
            Confidence::Documented,
            &["CertificateNotMatchPrivateKey"],
        ),
        (
            Some(ProviderId::AliyunCas),
            "CertificateMismatch",
            400,
            "Key",
            Confidence::Inferred,
            &[],
        ),
        (
            Some(ProviderId::TencentSsl),
            "FailedOperation.CertificateMatchError",
            200,
            "CertificatePrivateKey",
            Confidence::Documented,
            &["FailedOperation.CertificateMismatch"],
        ),
    ];
    for (provider, code, status, field, confidence, alternatives) in cases {
        let r = check(&cert, Some(&key), provider);
        let f = only(&r, Kind::CertificateMismatch);
        assert_eq!(
            (f.code.as_str(), f.http_status, f.field.as_str()),
            (code, status, field),
            "{provider:?}"
        );
        assert_eq!((f.confidence, f.alternatives), (confidence, alternatives));
        assert!(!r.ok);
    }
    let slb = check(&cert, Some(&key), Some(ProviderId::AliyunSlb));
    assert_eq!(
        only(&slb, Kind::CertificateMismatch).message,
        "The specified ServerCertificate and PrivateKey fail to validate."
    );
}

#[test]
fn missing_key_only_where_the_provider_needs_one() {
    let cert = read("chain/rsa/leaf-int-root.pem");
    assert!(!check(&cert, None, None).has(Kind::PrivateKeyMissing));
    // EVIDENCE.md S1, C5: the key is optional in both APIs' metadata, so no gateway MissingParameter.
    for (p, code) in [
        (ProviderId::AliyunSlb, "InvalidParameter"),
        (ProviderId::AliyunCas, "PrivateKeyMissing"),
        (
            ProviderId::TencentSsl,
            "InvalidParameter.MissMatchPrivateKey",
        ),
    ] {
        let r = check(&cert, None, Some(p));
        assert_eq!(only(&r, Kind::PrivateKeyMissing).code, code);
    }
    // Tencent: a CA certificate needs no key.
    let root = read("chain/rsa/root.pem");
    let r = validate(&Input {
        certificate: &root,
        provider: Some(ProviderId::TencentSsl),
        certificate_type: Some(CertificateType::Ca),
        now_ms: NOW,
        ..Input::default()
    });
    assert!(r.ok, "{:?}", r.errors);
}

#[test]
fn tencent_certificate_type_rules() {
    let leaf = read("chain/rsa/leaf-int-root.pem");
    let ca_with_leaf = validate(&Input {
        certificate: &leaf,
        provider: Some(ProviderId::TencentSsl),
        certificate_type: Some(CertificateType::Ca),
        now_ms: NOW,
        ..Input::default()
    });
    let f = only(&ca_with_leaf, Kind::CertificateTypeMismatch);
    assert_eq!(
        (f.code.as_str(), f.http_status, f.severity),
        ("FailedOperation.CertificateCaError", 200, Severity::Error)
    );

    // SVR with a CA certificate: a warning (self-signed server certificates often say cA=TRUE).
    let root = read("chain/rsa/root.pem");
    let root_key = read("chain/rsa/root.key.pem");
    let svr_with_ca = validate(&Input {
        certificate: &root,
        private_key: Some(&root_key),
        provider: Some(ProviderId::TencentSsl),
        certificate_type: Some(CertificateType::Server),
        now_ms: NOW,
        ..Input::default()
    });
    assert_eq!(
        only(&svr_with_ca, Kind::CertificateTypeMismatch).severity,
        Severity::Warning
    );
    assert!(svr_with_ca.ok, "{:?}", svr_with_ca.errors);
}

#[test]
fn tencent_refuses_a_broken_chain() {
    let r = check(
        &read("chain/rsa/int-leaf.pem"),
        Some(&read("chain/rsa/leaf.key.pem")),
        Some(ProviderId::TencentSsl),
    );
    let f = r
        .findings(Kind::ChainOrderInvalid)
        .next()
        .expect("ChainOrderInvalid");
    assert_eq!(
        (f.code.as_str(), f.severity),
        ("FailedOperation.CertificateChainError", Severity::Error)
    );
    // The key belongs to the second certificate: the detail says so.
    let m = only(&r, Kind::CertificateMismatch);
    assert!(
        m.detail.as_deref().unwrap_or("").contains("certificate #2"),
        "{m:?}"
    );
    // Without a provider the same chain is only a warning.
    let g = check(&read("chain/rsa/int-leaf.pem"), None, None);
    assert!(g.warnings.iter().any(|f| f.kind == Kind::ChainOrderInvalid));
}

/// A self-signed certificate's signature over itself proves nothing and is not checked (OpenSSL
/// does not either, without X509_V_FLAG_CHECK_SS_SIGNATURE): a broken one is still a complete
/// chain, and the pair still matches. Signatures a CA made are all checked.
#[test]
fn a_self_signature_is_not_what_makes_a_root() {
    let pem = read("chain/misc/selfsigned-rsa.pem");
    let key = read("chain/misc/selfsigned-rsa.key.pem");
    let good = check(&pem, Some(&key), None);
    assert!(good.ok && good.warnings.is_empty(), "{:?}", good.warnings);
    // Flip one base64 character inside the signature (the last line before END).
    let lines: Vec<&str> = pem.lines().collect();
    let last = lines.len() - 2;
    let mut broken: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
    let flipped: String = broken[last]
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i == 2 {
                if c == 'A' { 'B' } else { 'A' }
            } else {
                c
            }
        })
        .collect();
    broken[last] = flipped;
    let broken = broken.join("\n") + "\n";
    let r = check(&broken, Some(&key), None);
    assert!(
        r.ok && r.warnings.is_empty(),
        "{:?} {:?}",
        r.errors,
        r.warnings
    );
    // A CA's signature on the next certificate is checked: the impostor test below.
}

#[test]
fn impostor_intermediate_is_caught_by_signature() {
    for dir in ["rsa", "ecdsa", "pss-sha256", "pss-sha384", "pss-sha512"] {
        let good = check(&read(&format!("chain/{dir}/leaf-int-root.pem")), None, None);
        assert!(
            !good.has(Kind::ChainOrderInvalid),
            "{dir}: {:?}",
            good.warnings
        );
        assert!(
            !good.has(Kind::ChainIncomplete),
            "{dir}: {:?}",
            good.warnings
        );
        let bad = check(
            &read(&format!("chain/{dir}/leaf-impostor-root.pem")),
            None,
            None,
        );
        let f = bad.findings(Kind::ChainOrderInvalid).next();
        assert!(
            f.is_some_and(|f| f.detail.as_deref().unwrap_or("").contains("did not sign")),
            "{dir}: {:?}",
            bad.warnings
        );
    }
}

#[test]
fn cas_encrypted_keys_and_passphrases() {
    let cert = read("ec/p256/leaf.pem");
    let enc = read("ec/p256/key.pkcs8-enc.pem");
    let locked = check(&cert, Some(&enc), Some(ProviderId::AliyunCas));
    assert_eq!(
        only(&locked, Kind::PrivateKeyEncrypted).code,
        "PrivateKeyEncrypted"
    );
    assert_eq!(
        locked.private_key.as_ref().map(|k| k.format),
        Some("encrypted")
    );

    let opened = validate(&Input {
        certificate: &cert,
        private_key: Some(&enc),
        passphrase: Some("correct horse"),
        provider: Some(ProviderId::AliyunCas),
        now_ms: NOW,
        ..Input::default()
    });
    assert!(opened.ok, "{:?}", opened.errors);
    // CAS takes only unencrypted keys: the decrypted key is offered, as openssl writes it.
    assert!(opened.has(Kind::PemNotCanonical));
    let normalized = opened
        .normalized
        .as_ref()
        .and_then(|n| n.private_key.as_deref());
    assert_eq!(
        normalized.map(String::as_str),
        Some(read("ec/p256/key.pkcs8.pem").as_str())
    );

    // Tencent has KeyPassword: a working passphrase is all it needs.
    let tencent = validate(&Input {
        certificate: &cert,
        private_key: Some(&enc),
        passphrase: Some("correct horse"),
        provider: Some(ProviderId::TencentSsl),
        now_ms: NOW,
        ..Input::default()
    });
    assert!(
        tencent.ok && !tencent.has(Kind::PemNotCanonical),
        "{:?}",
        tencent
    );
}

#[test]
fn non_canonical_pem_is_flagged_only_where_the_provider_cares() {
    let cert = read("rsa/2048/leaf.pem");
    let key = read("keys/rsa2048/pkcs1.pem");
    let crlf = cert.replace('\n', "\r\n");
    let generic = check(&crlf, Some(&key), None);
    assert!(!generic.has(Kind::PemNotCanonical));
    assert_eq!(
        generic.normalized.as_ref().map(|n| n.certificate.as_str()),
        Some(cert.as_str())
    );
    for p in [
        ProviderId::AliyunSlb,
        ProviderId::AliyunCas,
        ProviderId::TencentSsl,
    ] {
        let r = check(&crlf, Some(&key), Some(p));
        let f = only(&r, Kind::PemNotCanonical);
        assert_eq!(f.severity, Severity::Warning, "{p:?}");
        assert!(f.detail.as_deref().unwrap_or("").contains("CRLF"), "{f:?}");
        // Canonical input: nothing to say.
        let clean = check(&cert, Some(&key), Some(p));
        assert!(
            !clean.has(Kind::PemNotCanonical),
            "{p:?}: {:?}",
            clean.warnings
        );
        assert!(clean.normalized.is_none());
    }
}

#[test]
fn fingerprints_in_every_format_agree_with_openssl() {
    let manifest = common::manifest();
    let case = common::case(&manifest, "rsa-2048-pkcs1");
    let leaf = &case["facts"]["chain"][0];
    let cert = common::fixture_text(&case["certificate"]).unwrap();
    let sha1 = leaf["fingerprintSha1"].as_str().unwrap();
    let sha256 = leaf["fingerprintSha256"].as_str().unwrap();
    let fp = |a, f| fingerprint(&cert, a, f).unwrap();
    assert_eq!(
        fp(FingerprintAlgorithm::Sha1, FingerprintFormat::ColonLower),
        sha1
    );
    assert_eq!(
        fp(FingerprintAlgorithm::Sha1, FingerprintFormat::ColonUpper),
        sha1.to_uppercase()
    );
    assert_eq!(
        fp(FingerprintAlgorithm::Sha1, FingerprintFormat::Hex),
        sha1.replace(':', "")
    );
    assert_eq!(
        fp(FingerprintAlgorithm::Sha256, FingerprintFormat::ColonLower),
        sha256
    );
    let err = fingerprint(
        "no pem here",
        FingerprintAlgorithm::Sha1,
        FingerprintFormat::Hex,
    )
    .unwrap_err();
    assert_eq!(err.code(), "CertificateFormatInvalid");
    let key_only = fingerprint(
        &read("keys/rsa2048/pkcs1.pem"),
        FingerprintAlgorithm::Sha1,
        FingerprintFormat::Hex,
    );
    assert_eq!(key_only.unwrap_err().code(), "CertificateFormatInvalid");
}

#[test]
fn kinds_are_sorted_into_errors_and_warnings_by_the_table() {
    let r = check(
        &read("chain/rsa/leaf.pem"),
        Some(&read("chain/rsa/int.key.pem")),
        Some(ProviderId::AliyunSlb),
    );
    assert_eq!(kinds(&r.errors), vec![Kind::CertificateMismatch]);
    // The intermediate's key is PKCS#8, which CLB wants as PKCS#1.
    assert_eq!(
        kinds(&r.warnings),
        vec![Kind::ChainIncomplete, Kind::PemNotCanonical]
    );
}

#[test]
fn sm2_in_each_providers_words() {
    let (cert, key) = (read("other/sm2/cert.pem"), read("other/sm2/key.sec1.pem"));
    assert!(check(&cert, Some(&key), None).ok);
    for (p, code) in [
        (
            ProviderId::TencentSsl,
            "FailedOperation.CertificateEncryptInvalid",
        ),
        (ProviderId::AliyunSlb, "IllegalParam.ServerCertificate"),
        (ProviderId::AliyunCas, "Sm2CertificateNotSupported"),
    ] {
        let r = check(&cert, Some(&key), Some(p));
        assert_eq!(
            only(&r, Kind::Sm2CertificateNotSupported).code,
            code,
            "{p:?}"
        );
        // SM2 is one finding, not also an algorithm or EC finding.
        assert!(!r.has(Kind::KeyAlgorithmNotSupported) && !r.has(Kind::EccCertificateNotSupport));
    }
}

/// CAS SM mode: SignCert + SignPrivateKey + EncryptCert + EncryptPrivateKey, all SM2 (PROVIDERS.md §2.2).
#[test]
fn cas_sm2_four_field_set() {
    let (cert, key) = (read("other/sm2/cert.pem"), read("other/sm2/key.sec1.pem"));
    let full = Input {
        certificate: "",
        provider: Some(ProviderId::AliyunCas),
        sign_certificate: Some(&cert),
        sign_private_key: Some(&key),
        encrypt_certificate: Some(&cert),
        encrypt_private_key: Some(&key),
        now_ms: NOW,
        ..Input::default()
    };
    let r = validate(&full);
    assert!(r.ok, "{:?}", r.errors);
    assert_eq!(r.certificate.as_ref().map(|c| c.key_algorithm), Some("SM2"));
    assert_eq!(r.chain.len(), 2);

    let missing = validate(&Input {
        encrypt_private_key: None,
        ..full
    });
    let f = only(&missing, Kind::ParameterMissing);
    assert_eq!(
        (f.code.as_str(), f.field.as_str()),
        ("MissingParameter", "EncryptPrivateKey")
    );

    let rsa_cert = read("rsa/2048/leaf.pem");
    let rsa_key = read("keys/rsa2048/pkcs1.pem");
    let not_sm2 = validate(&Input {
        sign_certificate: Some(&rsa_cert),
        sign_private_key: Some(&rsa_key),
        ..full
    });
    let fields: Vec<&str> = not_sm2
        .findings(Kind::ParameterInvalid)
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["SignCert", "SignPrivateKey"]);
}

#[test]
fn algorithms_a_provider_takes_none_of() {
    for (dir, key) in [
        ("other/ed25519", "key.pem"),
        ("other/dsa", "key.pem"),
        ("other/ed448", "key.pem"),
    ] {
        let (cert, key) = (
            read(&format!("{dir}/cert.pem")),
            read(&format!("{dir}/{key}")),
        );
        // Without a provider DSA is refused too (no TLS client takes it); the others pass.
        assert_eq!(
            check(&cert, Some(&key), None).ok,
            dir != "other/dsa",
            "{dir}"
        );
        for (p, code) in [
            (ProviderId::AliyunSlb, "IllegalParam.ServerCertificate"),
            (ProviderId::TencentSsl, "FailedOperation.CertificateInvalid"),
            (ProviderId::AliyunCas, "KeyAlgorithmNotSupported"),
        ] {
            let r = check(&cert, Some(&key), Some(p));
            assert_eq!(
                only(&r, Kind::KeyAlgorithmNotSupported).code,
                code,
                "{dir} {p:?}"
            );
        }
    }
}

/// A chain in the wrong order is re-ordered in `normalized` when signatures prove the order; the report
/// still says what the provider would answer for the input as given.
#[test]
fn wrong_order_is_fixed_in_normalized_when_provable() {
    let key = read("chain/rsa/leaf.key.pem");
    for (given, fixed) in [
        ("chain/rsa/int-leaf.pem", "chain/rsa/leaf-int.pem"),
        (
            "chain/rsa/leaf-leaf-int-root.pem",
            "chain/rsa/leaf-int-root.pem",
        ),
    ] {
        let r = check(&read(given), Some(&key), Some(ProviderId::TencentSsl));
        assert!(r.has(Kind::ChainOrderInvalid), "{given}");
        let n = r
            .normalized
            .as_ref()
            .unwrap_or_else(|| panic!("{given}: no normalized"));
        assert_eq!(n.certificate, read(fixed), "{given}");
        let note = r
            .findings(Kind::PemNotCanonical)
            .next()
            .and_then(|f| f.detail.clone());
        assert!(
            note.unwrap_or_default().contains("leaf first") || given.contains("leaf-leaf"),
            "{given}"
        );
        // The fixed form passes.
        let again = check(&n.certificate, Some(&key), Some(ProviderId::TencentSsl));
        assert!(again.ok, "{given}: {:?}", again.errors);
    }
    // Without a key the leaf is the one certificate that issued no other.
    let r = check(&read("chain/ecdsa/int-leaf.pem"), None, None);
    assert_eq!(
        r.normalized.map(|n| n.certificate),
        Some(read("chain/ecdsa/leaf-int.pem"))
    );
    // An impostor cannot be placed: nothing is re-ordered.
    let r = check(&read("chain/rsa/leaf-impostor-root.pem"), Some(&key), None);
    assert!(r.normalized.is_none());
}
