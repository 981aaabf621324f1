//! "ok" only when the key is proved to belong to the certificate (SPEC.md): certificates for keys no
//! TLS server can use, certificates whose public key is not a key, explicit curve parameters, and
//! every key × every certificate of the fixtures. Fixtures: `tests/fixtures/algorithms/gen.sh` (what
//! each file is and the command that made it) and the main corpus (`tests/fixtures/gen.sh`).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use cert_preflight::{Input, Kind, ProviderId, Report, validate};
use common::{explain, manifest, read};

/// 2027-01-01T00:00:00Z: inside the validity of every certificate used here.
const NOW: i64 = 1_798_761_600_000;

fn check(certificate: &str, key: Option<&str>, provider: Option<ProviderId>) -> Report {
    validate(&Input {
        certificate,
        private_key: key,
        provider,
        now_ms: NOW,
        ..Input::default()
    })
}

fn kinds(report: &Report) -> Vec<Kind> {
    report.errors.iter().map(|f| f.kind).collect()
}

const PROFILES: [Option<ProviderId>; 4] = [
    None,
    Some(ProviderId::AliyunSlb),
    Some(ProviderId::AliyunCas),
    Some(ProviderId::TencentSsl),
];

#[test]
fn key_agreement_certificates_are_refused_in_every_profile() {
    for (cert, key) in [
        ("algorithms/x25519.pem", "algorithms/x25519.key.pem"),
        ("algorithms/x448.pem", "algorithms/x448.key.pem"),
        ("algorithms/x448.pem", "algorithms/x25519.key.pem"),
        ("algorithms/x25519.pem", "algorithms/x448.key.pem"),
    ] {
        for provider in PROFILES {
            let r = check(&read(cert), Some(&read(key)), provider);
            assert!(!r.ok, "{cert} + {key} ({provider:?})");
            assert!(
                kinds(&r).contains(&Kind::KeyAlgorithmNotSupported),
                "{cert} + {key} ({provider:?}): {}",
                explain(&r)
            );
        }
        let alone = check(&read(cert), None, None);
        assert!(!alone.ok, "{cert} without a key");
    }
}

#[test]
fn dsa_is_refused_without_a_provider_and_its_match_still_shown() {
    let cert = read("other/dsa/cert.pem");
    let own = check(&cert, Some(&read("other/dsa/key.pem")), None);
    assert_eq!(
        kinds(&own),
        vec![Kind::KeyAlgorithmNotSupported],
        "{}",
        explain(&own)
    );
    let rsa = check(&cert, Some(&read("rsa/2048/key.pem")), None);
    let k = kinds(&rsa);
    assert!(
        k.contains(&Kind::KeyAlgorithmNotSupported),
        "{}",
        explain(&rsa)
    );
    assert!(k.contains(&Kind::CertificateMismatch), "{}", explain(&rsa));
}

#[test]
fn ed448_with_another_key_is_a_mismatch() {
    let r = check(
        &read("other/ed448/cert.pem"),
        Some(&read("algorithms/ed448-other.key.pem")),
        None,
    );
    assert!(
        kinds(&r).contains(&Kind::CertificateMismatch),
        "{}",
        explain(&r)
    );
    let own = check(
        &read("other/ed448/cert.pem"),
        Some(&read("other/ed448/key.pem")),
        None,
    );
    assert!(own.ok, "{}", explain(&own));
}

#[test]
fn invalid_certificate_keys_are_format_errors_never_ok() {
    let p256_key = read("ec/p256/key.sec1.pem");
    for cert in [
        "algorithms/p256-off-curve.pem",
        "algorithms/p256-infinity.pem",
        "algorithms/p256-truncated.pem",
        "algorithms/p256-compressed-no-y.pem",
        "algorithms/p256-blob.pem",
    ] {
        for provider in PROFILES {
            let r = check(&read(cert), Some(&p256_key), provider);
            assert!(!r.ok, "{cert} ({provider:?})");
            assert!(
                r.errors
                    .iter()
                    .any(|f| f.kind == Kind::CertificateFormatInvalid
                        && f.detail
                            .as_deref()
                            .is_some_and(|d| d.contains("public key is invalid"))),
                "{cert} ({provider:?}): {}",
                explain(&r)
            );
        }
        // Without a key, too: the certificate itself is malformed.
        let alone = check(&read(cert), None, None);
        assert!(!alone.ok, "{cert} without a key");
    }
    let r = check(
        &read("algorithms/ed25519-short.pem"),
        Some(&read("other/ed25519/key.pem")),
        None,
    );
    assert!(
        kinds(&r).contains(&Kind::CertificateFormatInvalid),
        "{}",
        explain(&r)
    );
}

#[test]
fn invalid_certificate_keys_build_no_request() {
    let params: cert_preflight::Params = [
        (
            "CertificatePublicKey",
            read("algorithms/p256-off-curve.pem").into(),
        ),
        ("CertificatePrivateKey", read("ec/p256/key.sec1.pem").into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let options = cert_preflight::BuildOptions {
        now_ms: NOW,
        ..Default::default()
    };
    assert!(cert_preflight::build_request(ProviderId::TencentSsl, &params, &options).is_err());
}

#[test]
fn explicit_curve_parameters_are_identified_matched_and_refused() {
    let cert = read("algorithms/p256-explicit.pem");
    let own = check(&cert, Some(&read("algorithms/p256-explicit.key.pem")), None);
    let leaf = own.certificate.as_ref().unwrap();
    assert_eq!((leaf.key_bits, leaf.curve), (256, Some("P-256")));
    assert_eq!(
        kinds(&own),
        vec![Kind::KeyAlgorithmNotSupported],
        "{}",
        explain(&own)
    );
    assert!(
        own.errors[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("explicit curve parameters")
    );
    // The key (explicit parameters too) is read as P-256, and matched for real.
    let key = own.private_key.as_ref().unwrap();
    assert_eq!(key.curve, Some("P-256"));
    let other = check(&cert, Some(&read("ec/p256/key.sec1.pem")), None);
    assert!(
        kinds(&other).contains(&Kind::CertificateMismatch),
        "{}",
        explain(&other)
    );
    // The explicit-parameter key with its named-curve twin would match a named-curve certificate.
    let named = check(
        &read("ec/p256/leaf.pem"),
        Some(&read("algorithms/p256-explicit.key.pem")),
        None,
    );
    assert!(
        kinds(&named).contains(&Kind::CertificateMismatch),
        "a different key: {}",
        explain(&named)
    );
}

/// Every unencrypted key of the corpus against every leaf of the corpus: "ok" exactly when openssl
/// says the key is its own leaf's and that leaf has the same public key as the one judged. Never an
/// ok for a pair that does not belong together, whatever the two algorithms.
#[test]
fn every_key_against_every_certificate() {
    let m = manifest();
    let cases = m["cases"].as_array().unwrap();
    // (key file, the SPKI-bearing leaf it belongs to per openssl)
    let mut keys = Vec::new();
    let mut leaves = Vec::new();
    for c in cases {
        let (Some(cert), Some(key)) = (c["certificate"].as_str(), c["privateKey"].as_str()) else {
            continue;
        };
        if !c["passphrase"].is_null() || c["facts"]["chain"].as_array().is_none_or(|a| a.is_empty())
        {
            continue;
        }
        if !c["expect"]["errors"].as_array().unwrap().is_empty()
            && c["facts"]["keyMatchesLeaf"] != true
        {
            // A broken pair is its own test case; here only keys that are some leaf's.
            continue;
        }
        let leaf_fp = c["facts"]["chain"][0]["fingerprintSha256"]
            .as_str()
            .unwrap()
            .to_string();
        let text = read(cert);
        let report = check(&text, None, None);
        let Some(info) = report.certificate.as_ref() else {
            continue;
        };
        let spki = leaf_key_of(&text);
        if !leaves.iter().any(|(fp, _, _, _)| *fp == leaf_fp) {
            leaves.push((leaf_fp, cert.to_string(), spki.clone(), info.key_algorithm));
        }
        if c["facts"]["keyMatchesLeaf"] == true && c["facts"]["keyConsistent"] != false {
            keys.push((key.to_string(), spki));
        }
    }
    keys.sort();
    keys.dedup();
    assert!(
        keys.len() >= 15 && leaves.len() >= 15,
        "{} keys, {} leaves",
        keys.len(),
        leaves.len()
    );
    let mut pairs = 0;
    for (key, key_spki) in &keys {
        let key_text = read(key);
        for (_, cert, leaf_spki, alg) in &leaves {
            // Only the leaf itself: the rest of the bundle is not what is judged here.
            let leaf_pem = first_block(&read(cert));
            let r = check(&leaf_pem, Some(&key_text), None);
            let belongs = key_spki == leaf_spki;
            let mismatch = r.errors.iter().any(|f| f.kind == Kind::CertificateMismatch);
            let unproved = r.errors.iter().any(|f| {
                f.detail
                    .as_deref()
                    .is_some_and(|d| d.contains("could not be proved"))
            });
            if belongs {
                assert!(
                    !mismatch && !unproved,
                    "{key} is {cert}'s key: {}",
                    explain(&r)
                );
            } else {
                assert!(!r.ok, "{key} with {cert} ({alg}) is ok");
                assert!(
                    mismatch || unproved,
                    "{key} with {cert} ({alg}): {}",
                    explain(&r)
                );
            }
            pairs += 1;
        }
    }
    assert!(pairs >= 200, "{pairs} pairs");
}

/// Fresh random keys from openssl on every curve whose public key is derived by our own ladder
/// (P-521, secp256k1, SM2, Ed448: src/arith/curves.rs) and on Ed25519 (dalek): each key with the
/// certificate openssl self-signed with it (openssl derived that public key) is a match, and with
/// the next key's certificate a mismatch. New keys on every run: openssl as the differential
/// oracle of the derivations, beyond the fixtures.
#[test]
fn fresh_openssl_keys_match_their_own_certificates_only() {
    use std::process::Command;
    let dir = std::env::temp_dir().join(format!("cert-preflight-fresh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .output()
            .expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {out:?}");
    };
    let sm2 = ["-sm3", "-sigopt", "distid:1234567812345678"];
    let algorithms: [(&str, &[&str], &[&str]); 5] = [
        (
            "P-521",
            &["EC", "-pkeyopt", "ec_paramgen_curve:secp521r1"],
            &[],
        ),
        (
            "secp256k1",
            &["EC", "-pkeyopt", "ec_paramgen_curve:secp256k1"],
            &[],
        ),
        ("SM2", &["EC", "-pkeyopt", "ec_paramgen_curve:SM2"], &sm2),
        ("Ed448", &["ED448"], &[]),
        ("Ed25519", &["ED25519"], &[]),
    ];
    for (name, algorithm, sign) in algorithms {
        let mut pairs = Vec::new();
        for i in 0..8 {
            let key = dir.join(format!("{name}-{i}.key.pem"));
            let cert = dir.join(format!("{name}-{i}.pem"));
            let (key_path, cert_path) = (key.to_str().unwrap(), cert.to_str().unwrap());
            let mut generate = vec!["genpkey", "-algorithm"];
            generate.extend(algorithm);
            generate.extend(["-out", key_path]);
            openssl(&generate);
            let mut req = vec![
                "req",
                "-x509",
                "-new",
                "-key",
                key_path,
                "-subj",
                "/CN=fresh",
            ];
            req.extend(["-days", "36500", "-out", cert_path]);
            req.extend(sign);
            openssl(&req);
            let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
            pairs.push((read(&key), read(&cert)));
        }
        for (i, (key, cert)) in pairs.iter().enumerate() {
            let judged = |r: &Report| {
                let mismatch = r.errors.iter().any(|f| f.kind == Kind::CertificateMismatch);
                let unproved = r.errors.iter().any(|f| {
                    f.detail
                        .as_deref()
                        .is_some_and(|d| d.contains("could not be proved"))
                });
                (mismatch, unproved, r.private_key.is_some())
            };
            let own = check(cert, Some(key), None);
            assert_eq!(
                judged(&own),
                (false, false, true),
                "{name} {i}: {}",
                explain(&own)
            );
            let (_, other) = &pairs[(i + 1) % pairs.len()];
            let other = check(other, Some(key), None);
            assert_eq!(
                judged(&other),
                (true, false, true),
                "{name} {i}: {}",
                explain(&other)
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The first PEM block of a text.
fn first_block(text: &str) -> String {
    let end = "-----END CERTIFICATE-----";
    let start = text.find("-----BEGIN CERTIFICATE-----").unwrap();
    let stop = text[start..].find(end).unwrap() + start + end.len();
    // Trimmed lines: lenient inputs (indented, CRLF) are the same certificate.
    let lines: Vec<&str> = text[start..stop].lines().map(str::trim).collect();
    format!("{}\n", lines.join("\n"))
}

/// The leaf's SubjectPublicKeyInfo DER (via the openssl CLI: an oracle independent of our reader).
fn leaf_key_of(pem: &str) -> Vec<u8> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("openssl")
        .args(["x509", "-noout", "-pubkey"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("openssl runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(first_block(pem).as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "openssl cannot read {}",
        first_block(pem)
    );
    out.stdout
}

/// The report says what the DER is: PKCS#1 under a `PRIVATE KEY` label is PKCS#1, with a warning
/// in every profile and the normalized PEM under the right label.
#[test]
fn a_key_under_the_wrong_label_is_reported_as_what_it_is() {
    let pkcs1 = read("keys/rsa2048/pkcs1.pem");
    let swapped = pkcs1
        .replace("BEGIN RSA PRIVATE KEY", "BEGIN PRIVATE KEY")
        .replace("END RSA PRIVATE KEY", "END PRIVATE KEY");
    let cert = first_block(&read("rsa/2048/leaf.pem"));
    for provider in PROFILES {
        let r = check(&cert, Some(&swapped), provider);
        assert!(r.ok, "{provider:?}: {}", explain(&r));
        assert_eq!(
            r.private_key.as_ref().unwrap().format,
            "PKCS#1",
            "{provider:?}"
        );
        let warning = r
            .warnings
            .iter()
            .find(|f| f.kind == Kind::PemNotCanonical)
            .unwrap_or_else(|| panic!("{provider:?}: no PemNotCanonical"));
        assert!(
            warning
                .detail
                .as_deref()
                .unwrap()
                .contains("PKCS#1 key under a PKCS#8 label")
        );
        let normalized = r
            .normalized
            .as_ref()
            .unwrap()
            .private_key
            .as_deref()
            .unwrap();
        assert!(
            normalized.starts_with("-----BEGIN RSA PRIVATE KEY-----"),
            "{provider:?}"
        );
    }
}

/// RSA AlgorithmIdentifiers without their NULL parameter (signature and SPKI): accepted, and the
/// chain verified, as OpenSSL, Go and BoringSSL do.
#[test]
fn rsa_algorithm_identifiers_without_null_are_accepted() {
    let key = read("chain/rsa/leaf.key.pem");
    for cert in [
        "algorithms/rsa-sig-no-null.pem",
        "algorithms/rsa-spki-no-null.pem",
    ] {
        let r = check(&read(cert), Some(&key), None);
        assert!(r.ok, "{cert}: {}", explain(&r));
        assert!(
            r.warnings.is_empty(),
            "{cert}: the chain verifies: {:?}",
            r.warnings
        );
    }
}

/// A UTF8String that is not UTF-8 makes the certificate malformed (OpenSSL and Python refuse it).
#[test]
fn a_utf8string_name_that_is_not_utf8_is_refused() {
    let pem = read("rsa/2048/leaf.pem");
    let der = pem_der(&pem);
    // The subject's CN "rsa2048.example" as a UTF8String (0x0c) with one byte made invalid.
    let needle = b"rsa2048.example";
    let at = (2..der.len() - needle.len())
        .find(|&i| der[i..].starts_with(needle) && matches!(der[i - 2], 0x0c | 0x13))
        .unwrap();
    let mut bad = der.clone();
    bad[at - 2] = 0x0c;
    bad[at] = 0xff;
    let r = check(&der_pem(&bad), None, None);
    assert!(
        kinds(&r).contains(&Kind::CertificateFormatInvalid),
        "{}",
        explain(&r)
    );
}

fn pem_der(pem: &str) -> Vec<u8> {
    use base64ct::{Base64, Encoding};
    let body: String = first_block(pem)
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    Base64::decode_vec(&body).unwrap()
}

fn der_pem(der: &[u8]) -> String {
    use base64ct::{Base64, Encoding};
    let b64 = Base64::encode_string(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| core::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

/// Each CertInfo says which block it is; when the first block cannot be read, nothing passes for
/// the leaf (the chain is empty, the error names certificate #1).
#[test]
fn chain_positions_and_an_unreadable_leaf() {
    let full = read("rsa/2048/fullchain.pem");
    let r = check(&full, None, None);
    let positions: Vec<u32> = r.chain.iter().map(|c| c.index).collect();
    assert_eq!(positions, [0, 1, 2]);

    let broken = full.replacen("MII", "MIX", 1);
    let r = check(&broken, None, None);
    assert!(r.certificate.is_none());
    assert!(
        r.chain.is_empty(),
        "{:?}",
        r.chain.iter().map(|c| &c.subject).collect::<Vec<_>>()
    );
    assert!(
        r.errors
            .iter()
            .any(|f| f.kind == Kind::CertificateFormatInvalid
                && f.detail.as_deref().unwrap_or("").contains("certificate #1"))
    );
}

/// PKCS#12 PBE with 3DES (three- and two-key), as `openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES` and
/// Java/Windows write it: decrypted with the right passphrase, a wrong one is a wrong passphrase.
#[test]
fn pkcs12_pbe_3des_keys_are_decrypted() {
    let cert = read("rsa/2048/fullchain.pem");
    for file in [
        "algorithms/rsa2048-pbe-sha1-3des.pem",
        "algorithms/rsa2048-pbe-sha1-2des.pem",
    ] {
        let key = read(file);
        let ok = validate(&Input {
            certificate: &cert,
            private_key: Some(&key),
            passphrase: Some("correct horse"),
            now_ms: NOW,
            ..Input::default()
        });
        assert!(ok.ok, "{file}: {}", explain(&ok));
        assert_eq!(ok.private_key.as_ref().unwrap().format, "encrypted");
        let wrong = validate(&Input {
            certificate: &cert,
            private_key: Some(&key),
            passphrase: Some("wrong horse"),
            now_ms: NOW,
            ..Input::default()
        });
        assert_eq!(kinds(&wrong), vec![Kind::PrivateKeyEncrypted], "{file}");
        assert!(
            wrong.errors[0]
                .detail
                .as_deref()
                .unwrap()
                .contains("passphrase")
        );
        let none = check(&cert, Some(&key), None);
        assert_eq!(kinds(&none), vec![Kind::PrivateKeyEncrypted], "{file}");
    }
}

/// Key derivation has a work budget: a key whose KDF costs more than `max_kdf_cost` (default
/// 600,000 units, about half a second) is not decrypted — a `PrivateKeyEncrypted` finding says the
/// cost and how to proceed — and a caller who can wait raises it. OpenSSL's defaults fit.
#[test]
fn key_derivation_has_a_work_budget() {
    let cert = read("rsa/2048/fullchain.pem");
    let with = |key: &str, budget: Option<u64>| {
        validate(&Input {
            certificate: &cert,
            private_key: Some(key),
            passphrase: Some("correct horse"),
            now_ms: NOW,
            max_kdf_cost: budget,
            ..Input::default()
        })
    };
    for (file, cost) in [
        ("algorithms/rsa2048-scrypt-p2.pem", "1048576"),
        ("algorithms/rsa2048-pbkdf2-400k.pem", "800000"),
    ] {
        let started = std::time::Instant::now();
        let r = with(&read(file), None);
        // Refused before any derivation: far below the derivation's own time (not a benchmark).
        assert!(
            started.elapsed().as_millis() < 5_000,
            "{file}: the refusal did the work"
        );
        assert_eq!(
            kinds(&r),
            vec![Kind::PrivateKeyEncrypted],
            "{file}: {}",
            explain(&r)
        );
        let detail = r.errors[0].detail.as_deref().unwrap();
        assert!(
            detail.contains(cost) && detail.contains("maxKdfCost"),
            "{file}: {detail}"
        );
        assert_eq!(r.private_key.as_ref().unwrap().format, "encrypted");
    }
    // OpenSSL's default scrypt (N=16384, r=8, p=1: 524,288 units) opens with the default budget;
    // a budget below a key's cost refuses it, one above opens it.
    let openssl_default = read("keys/rsa2048/pkcs8-pbes2-scrypt-aes256.pem");
    assert!(with(&openssl_default, None).ok);
    let cheap = read("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem");
    assert_eq!(
        kinds(&with(&cheap, Some(100))),
        vec![Kind::PrivateKeyEncrypted]
    );
    assert!(with(&cheap, Some(1_000_000)).ok);
}

/// Reports stay bounded whatever the input: at most 32 findings per field and then one that says
/// how many more, details of at most 512 characters.
#[test]
fn reports_are_bounded() {
    let begins = "-----BEGIN CERTIFICATE-----\n".repeat(37_000);
    let r = check(&begins, None, None);
    let per_field = r.errors.iter().filter(|f| f.field == "certificate").count();
    assert!(per_field <= 33, "{per_field} findings");
    assert!(r.errors.iter().any(|f| {
        f.detail
            .as_deref()
            .is_some_and(|d| d.contains("more finding(s)"))
    }));
    for f in r.errors.iter().chain(&r.warnings) {
        assert!(f.detail.as_deref().unwrap_or("").chars().count() <= 513);
    }
}

/// 100,000 NUL bytes before a block: the finding says what was found instead of PEM.
#[test]
fn nul_bytes_before_a_block() {
    let nul = "\0".repeat(100_000);
    let text = format!("{nul}{}", read("rsa/2048/leaf.pem"));
    let key = format!("{nul}{}", read("rsa/2048/key.pem"));
    let r = check(&text, Some(&key), None);
    for f in &r.errors {
        assert!(
            f.detail
                .as_deref()
                .unwrap_or("")
                .contains("100000 NUL byte(s)"),
            "{:?}: {:?}",
            f.kind,
            f.detail
        );
    }
    assert_eq!(r.errors.len(), 2, "{}", explain(&r));
}
