//! Differential test: every certificate of both fixture corpora (`tests/fixtures/`, generated here,
//! and `tests/fixtures/realworld/`, pyca's vectors and the Mozilla roots) read by our reader and by
//! RustCrypto's `x509-cert`; the same verdict and the same fields, or a difference listed with its
//! reason in `tests/x509_differential/mod.rs`. The fuzz target `x509_differential` runs the same
//! comparison on arbitrary DER.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::std_instead_of_alloc
)]

mod x509_differential;

use base64ct::{Base64, Encoding};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use x509_differential::{DIFFERENCES, Outcome, compare};

/// Every DER certificate under `dir`: each CERTIFICATE block of a text file, and each `.der`/`.cer`
/// file whole.
fn certificates(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            certificates(&path, out);
            continue;
        }
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).expect("read");
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "der" | "cer" | "crt") && bytes.first() == Some(&0x30) {
            out.push((name, bytes));
            continue;
        }
        let Ok(text) = core::str::from_utf8(&bytes) else {
            continue;
        };
        let mut block: Option<String> = None;
        let mut n = 0;
        for line in text.lines() {
            let line = line.trim();
            if line == "-----BEGIN CERTIFICATE-----" {
                block = Some(String::new());
            } else if line == "-----END CERTIFICATE-----" {
                if let Some(b64) = block.take() {
                    if let Ok(der) = Base64::decode_vec(&b64) {
                        n += 1;
                        out.push((format!("{name} #{n}"), der));
                    }
                }
            } else if let Some(b64) = block.as_mut() {
                if !line.contains(':') {
                    b64.push_str(line);
                }
            }
        }
    }
}

#[test]
fn our_reader_agrees_with_x509_cert() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut corpus = Vec::new();
    certificates(&root, &mut corpus);
    let realworld = corpus
        .iter()
        .filter(|(name, _)| name.contains("/realworld/"))
        .count();
    assert!(corpus.len() > 400, "{} certificates", corpus.len());
    assert!(realworld > 200, "{realworld} real-world certificates");

    let (mut accepted, mut refused) = (0, 0);
    let mut used: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for (name, der) in &corpus {
        match compare(der) {
            Ok(Outcome::BothAccept) => accepted += 1,
            Ok(Outcome::BothRefuse) => refused += 1,
            Ok(Outcome::Known(i)) => used.entry(i).or_default().push(name.clone()),
            Err(why) => unexplained.push(format!("{name}: {why}")),
        }
    }
    assert!(
        unexplained.is_empty(),
        "{} unexplained differences:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    eprintln!(
        "{} certificates: {accepted} read alike, {refused} refused by both, {} listed differences",
        corpus.len(),
        used.values().map(Vec::len).sum::<usize>()
    );
    for (i, names) in &used {
        eprintln!(
            "  {:?} / {:?}: {}",
            DIFFERENCES[*i].ours,
            DIFFERENCES[*i].theirs,
            names.len()
        );
    }
    assert!(accepted > 400, "{accepted} read alike");
}

/// `der` with the unique occurrence of `from` replaced by `to` (same length: no DER length changes).
fn edit(der: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at: Vec<usize> = der
        .windows(from.len())
        .enumerate()
        .filter(|(_, w)| *w == from)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 1, "{from:02x?} occurs {} times", at.len());
    let mut out = der.to_vec();
    out[at[0]..at[0] + to.len()].copy_from_slice(to);
    out
}

fn fixture_der(rel: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    certificates(path.parent().expect("dir"), &mut out);
    out.into_iter()
        .find(|(name, _)| name.starts_with(&path.display().to_string()))
        .expect("fixture")
        .1
}

/// Differences the corpora do not hold, made by editing one fixture in place.
fn constructed() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let high_bit = fixture_der("names/serial-high-bit.pem");
    let root = fixture_der("chain/rsa/root.pem");
    let leaf = fixture_der("chain/rsa/leaf.pem");
    // The SAN's extnValue: OCTET STRING (short length) holding a SEQUENCE; make that a SET.
    let san = leaf
        .windows(5)
        .position(|w| w[..4] == [0x55, 0x1d, 0x11, 0x04])
        .expect("leaf has a SAN");
    let mut bad_san = leaf.clone();
    assert_eq!(bad_san[san + 5], 0x30);
    bad_san[san + 5] = 0x31;
    // The subjectPublicKey BIT STRING `03 82 01 0f 00 30 …` of an RSA-2048 key, with 4 unused bits.
    let spki_unused = edit(
        &leaf,
        &[0x03, 0x82, 0x01, 0x0f, 0x00, 0x30],
        &[0x03, 0x82, 0x01, 0x0f, 0x04, 0x30],
    );
    // The leaf's CN, a UTF8String (0x0c), as a GraphicString (0x19): a string type der does not
    // implement.
    let cn = leaf
        .windows(5)
        .position(|w| w[..5] == [0x06, 0x03, 0x55, 0x04, 0x03])
        .expect("a commonName")
        + 5;
    let mut universal = leaf.clone();
    assert_eq!(universal[cn], 0x0c);
    universal[cn] = 0x19;
    // The validity of the real-world corpus's Ed448 CA: notAfter GeneralizedTime year 2119 → 1219
    // (found by the fuzz target).
    let ed448 = fixture_der("realworld/pyca/x509/ed448/root-ed448.pem");
    let year_1219 = edit(&ed448, b"\x18\x0f2119", b"\x18\x0f1219");
    vec![
        (
            "a GeneralizedTime notAfter in the year 1219",
            year_1219,
            "before 1970",
        ),
        (
            "the SAN extension's OID 2.5.29.17 with its last arc as 80 11 (found by the fuzz target)",
            edit(
                &leaf,
                &[0x06, 0x03, 0x55, 0x1d, 0x11],
                &[0x06, 0x03, 0x55, 0x80, 0x11],
            ),
            "arc with a leading 0x80 octet",
        ),
        (
            "a commonName as GraphicString (the fuzz target found a CHARACTER STRING)",
            universal,
            "universal types der does not implement",
        ),
        (
            "subjectPublicKey with 4 unused bits (found by the fuzz target)",
            spki_unused,
            "subjectPublicKey with unused bits",
        ),
        (
            "serial 00 0f…: not minimally encoded",
            edit(
                &high_bit,
                &[0x02, 0x11, 0x00, 0x8f],
                &[0x02, 0x11, 0x00, 0x0f],
            ),
            "serial number that is not minimally encoded",
        ),
        (
            "basicConstraints whose cA is an OCTET STRING",
            edit(
                &root,
                &[0x30, 0x03, 0x01, 0x01, 0xff],
                &[0x30, 0x03, 0x04, 0x01, 0xff],
            ),
            "we read basicConstraints",
        ),
        (
            "subjectAltName that is a SET",
            bad_san,
            "we read subjectAltName",
        ),
    ]
}

#[test]
fn constructed_cases_are_listed_differences() {
    for (what, der, reason) in constructed() {
        match compare(&der) {
            Ok(Outcome::Known(i)) => assert!(DIFFERENCES[i].reason.contains(reason), "{what}: {i}"),
            other => panic!("{what}: {other:?}"),
        }
    }
}

/// The differences list is not a blanket: each entry explains a real certificate of the corpora
/// or one of the constructed cases.
#[test]
fn each_difference_is_real() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut corpus = Vec::new();
    certificates(&root, &mut corpus);
    let mut seen = vec![false; DIFFERENCES.len()];
    let ders = corpus
        .iter()
        .map(|(_, der)| der.clone())
        .chain(constructed().into_iter().map(|(_, der, _)| der));
    for der in ders {
        if let Ok(Outcome::Known(i)) = compare(&der) {
            seen[i] = true;
        }
    }
    let unused: Vec<_> = DIFFERENCES
        .iter()
        .zip(&seen)
        .filter(|(_, s)| !**s)
        .map(|(d, _)| d.reason)
        .collect();
    assert!(unused.is_empty(), "listed but never seen: {unused:#?}");
}
