//! Arbitrary text through `validate` and `fingerprint`.
//!
//! Layout: `flags cert [0x00 key [0x00 passphrase]]` (lossy UTF-8 for each part).
//! flags bits 0-1: provider (none / aliyun-slb / aliyun-cas / tencent-ssl);
//! bit 2: use the passphrase part; bits 3-4: certificate type (none / SVR / CA);
//! bit 5: region `cn-hangzhou` listed in the EC regions; bit 6: give the pair as aliyun-cas's SM2
//! sign *and* encrypt fields instead of `certificate` / `private_key`; bit 7: fingerprint SHA-256.
#![no_main]

use cert_preflight::{
    CertificateType, FingerprintAlgorithm, FingerprintFormat, Input, ProviderId, fingerprint,
    validate,
};
use libfuzzer_sys::fuzz_target;

const NOW_MS: i64 = 1_780_272_000_000;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.splitn(3, |&b| b == 0);
    let cert = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let key = parts.next().map(String::from_utf8_lossy);
    let pass = parts.next().map(String::from_utf8_lossy);

    let provider = match flags & 3 {
        0 => None,
        1 => Some(ProviderId::AliyunSlb),
        2 => Some(ProviderId::AliyunCas),
        _ => Some(ProviderId::TencentSsl),
    };
    let certificate_type = match (flags >> 3) & 3 {
        1 => Some(CertificateType::Server),
        2 => Some(CertificateType::Ca),
        _ => None,
    };
    let passphrase = if flags & 4 != 0 {
        pass.as_deref()
    } else {
        None
    };
    let regions: &[&str] = if flags & 0x20 != 0 {
        &["cn-hangzhou"]
    } else {
        &[]
    };
    let sm2 = flags & 0x40 != 0;

    let mut input = Input {
        provider,
        passphrase,
        certificate_type,
        now_ms: NOW_MS,
        region: Some("cn-hangzhou"),
        ecc_regions: regions,
        ..Input::default()
    };
    if sm2 {
        input.sign_certificate = Some(&cert);
        input.sign_private_key = key.as_deref();
        input.encrypt_certificate = Some(&cert);
        input.encrypt_private_key = key.as_deref();
    } else {
        input.certificate = &cert;
        input.private_key = key.as_deref();
    }
    let report = validate(&input);
    // The report is consistent.
    assert_eq!(report.ok, report.errors.is_empty());
    for f in report.errors.iter().chain(&report.warnings) {
        assert!(!f.code.is_empty());
    }

    // A clean report's normalized PEM is clean too (build_request sends it after re-validating).
    if report.ok
        && !sm2
        && let Some(normalized) = &report.normalized
    {
        let again = validate(&Input {
            certificate: &normalized.certificate,
            private_key: normalized
                .private_key
                .as_deref()
                .map(String::as_str)
                .or(input.private_key),
            ..input
        });
        assert!(again.ok, "normalized PEM has errors: {:?}", again.errors);
    }

    let alg = if flags & 0x80 != 0 {
        FingerprintAlgorithm::Sha256
    } else {
        FingerprintAlgorithm::Sha1
    };
    let fmt = match (flags >> 3) & 3 {
        0 => FingerprintFormat::ColonLower,
        1 => FingerprintFormat::ColonUpper,
        _ => FingerprintFormat::Hex,
    };
    let _ = fingerprint(&cert, alg, fmt);
});
