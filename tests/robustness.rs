//! Bad input never panics and never leaks key material (SPEC.md, Non-negotiables).
//!
//! Every fixture PEM is truncated and mutated in many places and run through `validate` (all profiles)
//! and `fingerprint`; a panic fails the test. Findings and `Debug` output must not contain key text.
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
    FingerprintAlgorithm, FingerprintFormat, Input, ProviderId, fingerprint, validate,
};
use std::path::Path;

fn pem_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            pem_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "pem" || e == "txt") {
            out.push(p);
        }
    }
}

fn providers() -> [Option<ProviderId>; 4] {
    [
        None,
        Some(ProviderId::AliyunSlb),
        Some(ProviderId::AliyunCas),
        Some(ProviderId::TencentSsl),
    ]
}

fn run_all(cert: &str, key: Option<&str>) {
    for provider in providers() {
        let report = validate(&Input {
            certificate: cert,
            private_key: key,
            provider,
            passphrase: Some("correct horse"),
            now_ms: 1_780_272_000_000,
            ..Input::default()
        });
        assert_eq!(report.ok, report.errors.is_empty());
    }
    let _ = fingerprint(cert, FingerprintAlgorithm::Sha256, FingerprintFormat::Hex);
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut files = Vec::new();
    pem_files(&common::fixtures_dir(), &mut files);
    assert!(files.len() > 50, "only {} fixture files", files.len());
    files.sort();
    // A valid pair to combine with each mutated input.
    let good_cert = common::read("rsa/2048/leaf.pem");
    let good_key = common::read("keys/rsa2048/pkcs1.pem");
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned();
        let len = text.len();
        let step = (len / 24).max(1);
        let cuts = (0..len).step_by(step).filter(|i| text.is_char_boundary(*i));
        for cut in cuts {
            let truncated = &text[..cut];
            run_all(truncated, Some(&good_key));
            run_all(&good_cert, Some(truncated));
            // One character replaced inside the body: bad base64 or DER that decodes to something else.
            let mut bytes = text.clone().into_bytes();
            if let Some(b) = bytes.get_mut(cut) {
                if b.is_ascii_alphanumeric() {
                    *b = if *b == b'A' { b'B' } else { b'A' };
                }
            }
            if let Ok(mutated) = String::from_utf8(bytes) {
                run_all(&mutated, Some(&mutated));
            }
        }
    }
}

#[test]
fn adversarial_texts_never_panic() {
    let long_label = format!("-----BEGIN {}-----\n", "A".repeat(100_000));
    let many_blocks = "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n".repeat(40);
    let inputs = [
        "",
        "\u{feff}",
        "-----BEGIN CERTIFICATE-----",
        "-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\n====\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n",
        "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMAA=\n-----END RSA PRIVATE KEY-----\n",
        "\0\0\0",
        &long_label,
        &many_blocks,
    ];
    for a in inputs {
        for b in inputs {
            run_all(a, Some(b));
        }
    }
    // Over the 1 MiB limit.
    let huge = "A".repeat((1 << 20) + 1);
    run_all(&huge, Some(&huge));
}

/// Base64 chunks of a key's body, long enough that their presence means a leak.
fn key_chunks(key_pem: &str) -> Vec<String> {
    key_pem
        .lines()
        .filter(|l| !l.starts_with("-----") && !l.contains(':') && l.len() >= 24)
        .map(|l| l[..24].to_string())
        .collect()
}

#[test]
fn key_material_never_appears_in_findings_or_debug() {
    let manifest = common::manifest();
    let now_ms = common::now_ms(&manifest);
    let mut checked = 0;
    for case in manifest["cases"].as_array().into_iter().flatten() {
        let Some(key) = common::fixture_text(&case["privateKey"]) else {
            continue;
        };
        let cert = common::fixture_text(&case["certificate"]).unwrap_or_default();
        // The public half (e.g. an RSA modulus) is in the certificate too: chunks that also occur in
        // the certificate's base64 are not secret.
        let cert_b64: String = cert.split_whitespace().collect();
        let chunks: Vec<String> = key_chunks(&key)
            .into_iter()
            .filter(|c| !cert_b64.contains(c.as_str()))
            .collect();
        for provider in providers() {
            let mut report = validate(&Input {
                certificate: &cert,
                private_key: Some(&key),
                provider,
                passphrase: case["passphrase"].as_str(),
                now_ms,
                ..Input::default()
            });
            let debug: String = format!("{report:?}").split_whitespace().collect();
            // `normalized.privateKey` is the one place the key is meant to be (redacted in Debug).
            report.normalized = None;
            let json: String = serde_json::to_string(&report)
                .unwrap_or_default()
                .replace("\\n", "");
            for chunk in &chunks {
                assert!(
                    !json.contains(chunk.as_str()),
                    "{}: key text in the report",
                    case["name"]
                );
                assert!(
                    !debug.contains(chunk.as_str()),
                    "{}: key text in Debug",
                    case["name"]
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} key cases checked");
}
