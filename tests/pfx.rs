#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]
//! PKCS#12 / PFX and DER inputs (SPEC.md "Input containers"): every file of
//! tests/fixtures/pfx/ (made by tests/fixtures/gen-pfx.sh with OpenSSL 3.0, Python `cryptography`
//! 48 and keytool of JDK 17) opens with its password and yields the certificates and the key that
//! `openssl pkcs12 -nodes` reads from it (NAME.certs.pem, NAME.keys.pem, written by the same
//! script); wrong, missing and costly passwords, damaged and oversized files give the right
//! finding, fast.

use base64ct::{Base64, Encoding};
use cert_preflight::{DEFAULT_MAX_KDF_COST, Input, Kind, ProviderId, Report, validate};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// 2025-06-15: inside every fixture's validity (2021–2040).
const NOW_MS: i64 = 1_750_000_000_000;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pfx")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(name: &str) -> String {
    String::from_utf8(read(name)).unwrap()
}

/// The DER of each PEM block, in order.
fn ders(pem: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut body: Option<String> = None;
    for line in pem.lines() {
        if line.starts_with("-----BEGIN") {
            body = Some(String::new());
        } else if line.starts_with("-----END") {
            out.push(Base64::decode_vec(&body.take().unwrap()).unwrap());
        } else if let Some(b) = body.as_mut() {
            b.push_str(line.trim());
        }
    }
    out
}

fn p12_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".p12").map(str::to_string)
        })
        .filter(|n| !n.starts_with("mac-iter-") && n != "pbmac1")
        .collect();
    names.sort();
    names
}

fn open(pfx: &[u8], passphrase: Option<&str>) -> Report {
    validate(&Input {
        pfx: Some(pfx),
        passphrase,
        now_ms: NOW_MS,
        ..Input::default()
    })
}

fn kinds(r: &Report) -> Vec<Kind> {
    r.errors.iter().chain(&r.warnings).map(|f| f.kind).collect()
}

/// The files that hold more than the chain and its key.
fn unused_expected(name: &str) -> bool {
    matches!(name, "extra-certs" | "out-of-order" | "two-keys")
}

#[test]
fn every_fixture_opens_and_equals_openssl() {
    let names = p12_names();
    assert!(names.len() >= 24, "{names:?}");
    let chain = [
        ders(&text("leaf.pem")).remove(0),
        ders(&text("int.pem")).remove(0),
        ders(&text("root.pem")).remove(0),
    ];
    for name in &names {
        let pass = text(&format!("{name}.pass"));
        let started = Instant::now();
        let r = open(&read(&format!("{name}.p12")), Some(&pass));
        let took = started.elapsed();
        assert!(r.ok, "{name}: {:?}", r.errors);
        assert_eq!(
            r.has(Kind::PfxContentUnused),
            unused_expected(name),
            "{name}: {:?}",
            kinds(&r)
        );
        let expected_certs = ders(&text(&format!("{name}.certs.pem")));
        let expected_keys = ders(&text(&format!("{name}.keys.pem")));
        let n = r
            .normalized
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: no normalized"));
        let got = ders(&n.certificate);
        // Leaf first, then its issuers, whatever the file's order; each one OpenSSL read too.
        assert_eq!(got, chain, "{name}");
        for c in &got {
            assert!(expected_certs.contains(c), "{name}");
        }
        let key = ders(n.private_key.as_ref().unwrap());
        assert_eq!(key.len(), 1);
        assert!(
            expected_keys.contains(&key[0]),
            "{name}: the key is not one OpenSSL read"
        );
        assert_eq!(r.certificate.as_ref().unwrap().source, "pkcs12");
        assert!(r.chain.iter().all(|c| c.source == "pkcs12"));
        assert_eq!(r.private_key.as_ref().unwrap().source, "pkcs12");
        assert_eq!(r.chain.len(), 3, "{name}");
        // Every file but the 600,000-iteration one opens in well under a second natively.
        if name != "firefox-like" {
            assert!(took < Duration::from_secs(2), "{name}: {took:?}");
        }
        eprintln!("{name}: {took:?}");
    }
}

#[test]
fn unused_content_is_named() {
    let detail = |name: &str| {
        let r = open(&read(&format!("{name}.p12")), Some("secret"));
        r.findings(Kind::PfxContentUnused)
            .filter_map(|f| f.detail.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let d = detail("extra-certs");
    assert!(
        d.contains("1 certificate(s)") && d.contains("CN=Unrelated"),
        "{d}"
    );
    let d = detail("out-of-order");
    assert!(d.contains("CN=pfx2.test"), "{d}");
    let d = detail("two-keys");
    // The key that belongs to the leaf is the one used; the other is named as left out.
    assert!(
        d.contains("path from CN=pfx.test: 0 certificate(s), 1 other private key(s), 0 other"),
        "{d}"
    );
}

#[test]
fn wrong_and_missing_passwords() {
    for name in p12_names() {
        let pass = text(&format!("{name}.pass"));
        let pfx = read(&format!("{name}.p12"));
        let wrong = open(&pfx, Some("not the password"));
        let none = open(&pfx, None);
        if pass.is_empty() {
            // An empty and an absent password both open these.
            assert!(
                wrong.has(Kind::PfxPasswordIncorrect),
                "{name}: {:?}",
                kinds(&wrong)
            );
            assert!(none.ok, "{name}: {:?}", none.errors);
            assert!(open(&pfx, Some("")).ok, "{name}");
            continue;
        }
        assert_eq!(kinds(&wrong), [Kind::PfxPasswordIncorrect], "{name}");
        assert_eq!(kinds(&none), [Kind::PrivateKeyEncrypted], "{name}");
        assert_eq!(
            kinds(&open(&pfx, Some(""))),
            [Kind::PrivateKeyEncrypted],
            "{name}"
        );
        assert!(wrong.normalized.is_none() && wrong.certificate.is_none());
        // The password is never echoed.
        assert!(!format!("{wrong:?}").contains("not the password"));
        assert!(!format!("{:?}", open(&pfx, Some(&pass))).contains(&pass));
    }
}

#[test]
fn damaged_files_are_findings_not_panics() {
    let pfx = read("ossl3-default.p12");
    // Truncated at every length: a format finding (or a wrong MAC), never a panic.
    for len in (0..pfx.len()).step_by(7) {
        let r = open(&pfx[..len], Some("secret"));
        assert!(!r.ok, "{len}");
        assert!(
            r.has(Kind::PfxFormatInvalid) || r.has(Kind::PfxPasswordIncorrect),
            "{len}: {:?}",
            kinds(&r)
        );
    }
    // The MAC damaged (its last byte is in the digest's neighbourhood: flip bytes near the end).
    for back in 1..40 {
        let mut bad = pfx.clone();
        let i = bad.len() - back;
        bad[i] ^= 0x01;
        let r = open(&bad, Some("secret"));
        assert!(!r.ok, "{back}");
    }
    // A flipped byte inside the MAC'd contents: the MAC refuses before anything is decrypted.
    let mut bad = pfx.clone();
    bad[200] ^= 0x80;
    let r = open(&bad, Some("secret"));
    assert!(
        r.has(Kind::PfxPasswordIncorrect) || r.has(Kind::PfxFormatInvalid),
        "{:?}",
        kinds(&r)
    );
    // Not a PFX at all.
    for junk in [
        &b"hello world"[..],
        &[0x30, 0x03, 0x02, 0x01, 0x03],
        &[0xff; 64],
    ] {
        assert_eq!(kinds(&open(junk, Some("x"))), [Kind::PfxFormatInvalid]);
    }
    // A certificate given as a PFX, and a PFX given as a certificate.
    assert_eq!(
        kinds(&open(&read("leaf.der"), Some("x"))),
        [Kind::PfxFormatInvalid]
    );
}

#[test]
fn absurd_iteration_counts_are_refused_fast_with_the_cost_named() {
    let started = Instant::now();
    let r = open(&read("mac-iter-huge.p12"), Some("secret"));
    assert_eq!(kinds(&r), [Kind::PfxFormatInvalid]);
    let d = r.errors[0].detail.clone().unwrap();
    assert!(d.contains("above the bound"), "{d}");
    let r = open(&read("mac-iter-costly.p12"), Some("secret"));
    assert_eq!(kinds(&r), [Kind::PrivateKeyEncrypted]);
    let d = r.errors[0].detail.clone().unwrap();
    assert!(d.contains("maxKdfCost"), "{d}");
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
    // The cost named is the exact budget that gets past the budget check (the MAC then fails:
    // its digest was made for 2,048 iterations).
    let cost: u64 = d
        .split("costs ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap();
    let budget = |max: u64| {
        validate(&Input {
            pfx: Some(&read("ossl3-default.p12")),
            passphrase: Some("secret"),
            now_ms: NOW_MS,
            max_kdf_cost: Some(max),
            ..Input::default()
        })
    };
    // ossl3-default: its MAC (2,048 SHA-256 compressions) + key + certificates (PBKDF2-SHA256).
    let r = budget(4000);
    assert_eq!(kinds(&r), [Kind::PrivateKeyEncrypted]);
    let d = r.errors[0].detail.clone().unwrap();
    let need: u64 = d
        .split("costs ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap();
    assert!(budget(need).ok, "{need}");
    assert!(!budget(need - 1).ok, "{need}");
    assert!(cost > DEFAULT_MAX_KDF_COST, "{cost}");
}

#[test]
fn firefox_like_opens_under_the_default_budget() {
    let started = Instant::now();
    let r = open(&read("firefox-like.p12"), Some("secret"));
    assert!(r.ok, "{:?}", r.errors);
    // Exactly the default budget: one unit less refuses it, naming that cost.
    let r = validate(&Input {
        pfx: Some(&read("firefox-like.p12")),
        passphrase: Some("secret"),
        now_ms: NOW_MS,
        max_kdf_cost: Some(DEFAULT_MAX_KDF_COST - 1),
        ..Input::default()
    });
    let d = r.errors[0].detail.clone().unwrap();
    assert!(d.contains("costs 600000 work units"), "{d}");
    eprintln!("firefox-like (600,000 iterations): {:?}", started.elapsed());
}

#[test]
fn ten_mib_pfx_is_input_too_large_fast() {
    let big = vec![0x30u8; 10 << 20];
    let started = Instant::now();
    let r = open(&big, Some("secret"));
    assert_eq!(kinds(&r), [Kind::InputTooLarge]);
    assert!(started.elapsed() < Duration::from_millis(100));
    // Also as base64 text, and as certificate and key bytes.
    let r = validate(&Input {
        certificate_bytes: Some(&big),
        now_ms: NOW_MS,
        ..Input::default()
    });
    assert_eq!(kinds(&r), [Kind::InputTooLarge]);
}

#[test]
fn pfx_is_exclusive_with_the_pem_fields() {
    let pfx = read("ossl3-default.p12");
    let pem = text("leaf.pem");
    let input = Input {
        pfx: Some(&pfx),
        certificate: &pem,
        passphrase: Some("secret"),
        now_ms: NOW_MS,
        ..Input::default()
    };
    let e = input.check().unwrap_err();
    assert_eq!(e.code(), "InvalidArgument");
    assert_eq!(kinds(&validate(&input)), [Kind::ParameterInvalid]);
    let key = read("leaf.key.der");
    let input = Input {
        pfx: Some(&pfx),
        private_key_bytes: Some(&key),
        ..Input::default()
    };
    assert!(input.check().is_err());
    let input = Input {
        certificate: &pem,
        certificate_bytes: Some(&pfx),
        ..Input::default()
    };
    assert!(input.check().is_err());
    assert!(
        Input {
            pfx: Some(&pfx),
            ..Input::default()
        }
        .check()
        .is_ok()
    );
}

/// PBMAC1 (RFC 9579) is named, not read: its code cost 2.4 KiB gzip of the package, and only
/// OpenSSL ≥ 3.4 writes it, when asked to.
#[test]
fn pbmac1_is_refused_by_name() {
    let r = open(&read("pbmac1.p12"), Some("secret"));
    assert_eq!(kinds(&r), [Kind::PfxFormatInvalid]);
    let d = r.errors[0].detail.clone().unwrap();
    assert!(d.contains("PBMAC1"), "{d}");
}

#[test]
fn pfx_as_base64_text() {
    let b64 = read("ossl3-default.b64");
    let r = open(&b64, Some("secret"));
    assert!(r.ok, "{:?}", r.errors);
}

#[test]
fn normalized_is_in_the_providers_form() {
    // aliyun-slb takes PKCS#1 RSA keys: the pair comes out in that form.
    let pfx = read("ossl3-legacy.p12");
    let r = validate(&Input {
        pfx: Some(&pfx),
        passphrase: Some("secret"),
        provider: Some(ProviderId::AliyunSlb),
        now_ms: NOW_MS,
        ..Input::default()
    });
    let n = r.normalized.unwrap();
    assert!(
        n.private_key
            .as_ref()
            .unwrap()
            .starts_with("-----BEGIN RSA PRIVATE KEY-----")
    );
    let rsa = ders(&text("leaf.key.pem"));
    assert_eq!(rsa.len(), 1);
    assert_eq!(
        ders(n.private_key.as_ref().unwrap())[0],
        read("leaf.rsa.der"),
        "the PKCS#1 form of the same key"
    );
}

#[test]
fn der_and_bare_base64_inputs() {
    let leaf_pem = text("leaf.pem");
    let key_pem = text("leaf.key.pem");
    let reference = validate(&Input {
        certificate: &leaf_pem,
        private_key: Some(&key_pem),
        now_ms: NOW_MS,
        ..Input::default()
    });
    let cert_der = read("leaf.der");
    let chain_der = read("chain.der");
    let b64 = text("leaf.b64");
    for (name, key) in [
        ("leaf.key.der", None),
        ("leaf.rsa.der", None),
        ("leaf.enc.der", Some("secret")),
    ] {
        let key_der = read(name);
        let r = validate(&Input {
            certificate_bytes: Some(&cert_der),
            private_key_bytes: Some(&key_der),
            passphrase: key,
            now_ms: NOW_MS,
            ..Input::default()
        });
        assert!(
            r.ok,
            "{name}: {:?}",
            r.errors.iter().map(|f| &f.detail).collect::<Vec<_>>()
        );
        assert_eq!(r.certificate.as_ref().unwrap().source, "der");
        assert_eq!(r.private_key.as_ref().unwrap().source, "der");
        assert_eq!(
            r.certificate,
            reference.certificate.clone().map(|mut c| {
                c.source = "der";
                c
            })
        );
        let n = r.normalized.unwrap();
        assert_eq!(ders(&n.certificate), vec![cert_der.clone()]);
        assert!(n.private_key.is_some());
    }
    // The encrypted DER key without its passphrase: PrivateKeyEncrypted, as in PEM.
    let enc = read("leaf.enc.der");
    let r = validate(&Input {
        certificate_bytes: Some(&cert_der),
        private_key_bytes: Some(&enc),
        now_ms: NOW_MS,
        ..Input::default()
    });
    let errors: Vec<Kind> = r.errors.iter().map(|f| f.kind).collect();
    assert_eq!(errors, [Kind::PrivateKeyEncrypted]);
    // Two DER certificates one after the other; bare base64 in the text field; PEM as bytes.
    let r = validate(&Input {
        certificate_bytes: Some(&chain_der),
        now_ms: NOW_MS,
        ..Input::default()
    });
    assert_eq!(r.chain.len(), 2);
    let r = validate(&Input {
        certificate: &b64,
        now_ms: NOW_MS,
        ..Input::default()
    });
    assert_eq!(r.certificate.as_ref().unwrap().source, "der");
    assert_eq!(r.certificate.as_ref().unwrap().subject, "CN=pfx.test");
    let r = validate(&Input {
        certificate_bytes: Some(leaf_pem.as_bytes()),
        private_key_bytes: Some(key_pem.as_bytes()),
        now_ms: NOW_MS,
        ..Input::default()
    });
    assert!(r.ok, "{:?}", r.errors);
    assert_eq!(r.certificate.as_ref().unwrap().source, "pem");
    assert_eq!(r, reference);
    // A SEC1 EC key in DER against its certificate.
    let r = validate(&Input {
        certificate: &text("leaf2.pem"),
        private_key_bytes: Some(&read("leaf2.sec1.der")),
        now_ms: NOW_MS,
        ..Input::default()
    });
    assert!(r.ok, "{:?}", r.errors);
    assert_eq!(r.private_key.as_ref().unwrap().format, "SEC1");
    // Garbage bytes: the format findings, not a panic.
    let r = validate(&Input {
        certificate_bytes: Some(&[0xde, 0xad, 0xbe, 0xef]),
        private_key_bytes: Some(&[0x30, 0x01]),
        now_ms: NOW_MS,
        ..Input::default()
    });
    assert!(r.has(Kind::CertificateFormatInvalid) && r.has(Kind::PrivateKeyFormatInvalid));
}

/// The PKCS#12 vectors of pyca cryptography-vectors 48.0.0 (tests/fixtures/pfx-pyca/, see
/// gen-pfx.sh): each opens with the password OpenSSL opens it with, and what comes out is what
/// `openssl pkcs12 -nodes` read: the certificates of the chain among its certificates, the key
/// among its keys (files without a certificate or without a key included).
#[test]
fn pyca_vectors_open_and_equal_openssl() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pfx-pyca");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".p12").map(str::to_string)
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 39, "{names:?}");
    let file = |n: &str| std::fs::read(dir.join(n)).unwrap();
    let text = |n: &str| String::from_utf8(file(n)).unwrap();
    for name in &names {
        let pass = text(&format!("{name}.pass"));
        let r = open(&file(&format!("{name}.p12")), Some(&pass));
        let refused = [
            Kind::PfxFormatInvalid,
            Kind::PfxPasswordIncorrect,
            Kind::PrivateKeyEncrypted,
            Kind::CertificateMismatch,
        ];
        assert!(!refused.iter().any(|k| r.has(*k)), "{name}: {:?}", r.errors);
        let certs = ders(&text(&format!("{name}.certs.pem")));
        let keys = ders(&text(&format!("{name}.keys.pem")));
        assert_eq!(r.private_key.is_some(), !keys.is_empty(), "{name}");
        assert_eq!(r.chain.is_empty(), certs.is_empty(), "{name}");
        if let Some(n) = &r.normalized {
            for c in ders(&n.certificate) {
                assert!(certs.contains(&c), "{name}");
            }
            // The same key: the same DER, or (OpenSSL re-encodes some, e.g. dropping the curve
            // inside an EC key that PKCS#8 names already) OpenSSL's key proved to belong to the
            // same leaf ours was proved to belong to.
            if let Some(k) = &n.private_key {
                let ours = ders(k).remove(0);
                let theirs = validate(&Input {
                    certificate: &n.certificate,
                    private_key: Some(&text(&format!("{name}.keys.pem"))),
                    now_ms: NOW_MS,
                    ..Input::default()
                });
                let same = keys.contains(&ours)
                    || (theirs.private_key.as_ref().is_some_and(|k| k.key_bits > 0)
                        && !theirs.has(Kind::PrivateKeyFormatInvalid)
                        && !theirs.has(Kind::CertificateMismatch)
                        && theirs.private_key
                            == r.private_key.clone().map(|mut k| {
                                k.source = "pem";
                                k
                            }));
                assert!(same, "{name}");
            }
        }
        if !certs.is_empty() && !keys.is_empty() {
            assert!(r.normalized.is_some(), "{name}");
        }
        // The wrong password is named as such (the files without a password excepted: any
        // password opens what is not encrypted and has no MAC of that password... none here).
        if !pass.is_empty() {
            assert!(
                open(&file(&format!("{name}.p12")), Some("wrong")).has(Kind::PfxPasswordIncorrect),
                "{name}"
            );
        }
    }
}
