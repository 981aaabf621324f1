//! The real-world corpus: certificates and keys nobody here wrote — pyca's cryptography-vectors
//! (many odd on purpose) and the Mozilla root store as certifi ships it — judged against two
//! independent oracles, Python `cryptography` and the openssl CLI (`tests/fixtures/realworld/`:
//! `fetch.sh` reproduces the files from the pinned packages, `build.py` runs the oracles and writes
//! `manifest.json`; licenses in `LICENSES/`).
//!
//! - Both oracles read a certificate → so must we (no false refusal), with the same fingerprints,
//!   validity and key facts.
//! - Both refuse it → so must we.
//! - They disagree, or we differ from them → what we do is listed in [`DIFFERENCES`] with the
//!   reason, and checked.
//! - Each pyca private key against a certificate for its public key (made by the oracle): the match
//!   must be proved, or the report must say it cannot be; against another key's certificate, never ok.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use cert_preflight::{Input, Kind, Report, validate};
use common::explain;
use serde_json::Value;
use std::path::PathBuf;

/// 2027-01-01T00:00:00Z.
const NOW: i64 = 1_798_761_600_000;

const INNER_OUTER: &str = "the inner and outer signature algorithms differ: RFC 5280 §4.1.2.3 requires them equal, Go refuses the certificate and OpenSSL's verification refuses it (X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY); Python reads it lazily";
const UNREAD_EXTENSION: &str = "an extension we do not interpret is malformed; OpenSSL and Go read the certificate (an extension's meaning never changes the upload), Python refuses it when the extension is accessed";
const KEY_IN_CERT_FIELD: &str = "the file holds a private key besides the certificate: the oracles read a certificate from the file, we judge the certificate *field*, where a key is a leak (SPEC: a key in the certificate field is CertificateFormatInvalid)";

/// Every case where we differ from an oracle, what we do and why: `(case, we read it, reason)`.
/// Where the two oracles disagree with each other, the case must be here too.
const DIFFERENCES: &[(&str, bool, &str)] = &[
    (
        "pyca/x509/badasn1time.pem",
        false,
        "a UTCTime without seconds: RFC 5280 §4.1.2.5.1 requires them; Python and Go refuse it, OpenSSL reads it",
    ),
    (
        "pyca/x509/custom/invalid_version.pem",
        false,
        "X.509 version 7 does not exist: Python and Go refuse it, OpenSSL reads it",
    ),
    ("pyca/x509/v1_cert.pem", false, INNER_OUTER),
    (
        "pyca/x509/custom/mismatch_inner_outer_sig_algorithm.der",
        false,
        INNER_OUTER,
    ),
    (
        "pyca/x509/custom/rsa_pss_cert_invalid_mgf.der",
        false,
        INNER_OUTER,
    ),
    (
        "pyca/x509/custom/rsa_pss_cert_no_sig_params.der",
        false,
        INNER_OUTER,
    ),
    (
        "pyca/x509/custom/rsa_pss_cert_unsupported_mgf_hash.der",
        false,
        INNER_OUTER,
    ),
    (
        "pyca/x509/cryptography.io.chain_with_garbage.pem",
        false,
        KEY_IN_CERT_FIELD,
    ),
    (
        "pyca/x509/cryptography.io.with_garbage.pem",
        false,
        KEY_IN_CERT_FIELD,
    ),
    (
        "pyca/x509/cryptography.io.with_headers.pem",
        false,
        KEY_IN_CERT_FIELD,
    ),
    (
        "pyca/x509/badssl-sct-anonymous-sig.der",
        true,
        UNREAD_EXTENSION,
    ),
    ("pyca/x509/badssl-sct-none-hash.der", true, UNREAD_EXTENSION),
    (
        "pyca/x509/custom/invalid-sct-length.der",
        true,
        UNREAD_EXTENSION,
    ),
    (
        "pyca/x509/custom/invalid-sct-version.der",
        true,
        UNREAD_EXTENSION,
    ),
    (
        "pyca/x509/san_edipartyname.der",
        true,
        "SAN alternatives we do not list (ediPartyName): read like OpenSSL and Go; Python refuses to represent them",
    ),
    (
        "pyca/x509/san_x400address.der",
        true,
        "SAN alternatives we do not list (x400Address): read like OpenSSL and Go; Python refuses to represent them",
    ),
    (
        "pyca/x509/wosign-bc-invalid.pem",
        true,
        "basicConstraints cA FALSE with a pathLen: odd but harmless for a leaf; OpenSSL reads it",
    ),
    ("pyca/x509/custom/cp_invalid.pem", true, UNREAD_EXTENSION),
    ("pyca/x509/custom/cp_invalid2.der", true, UNREAD_EXTENSION),
    ("pyca/x509/custom/empty-eku.pem", true, UNREAD_EXTENSION),
    (
        "pyca/x509/custom/inhibit_any_policy_negative.pem",
        true,
        UNREAD_EXTENSION,
    ),
    ("pyca/x509/custom/malformed-ian.pem", true, UNREAD_EXTENSION),
    (
        "pyca/x509/custom/malformed-san.pem",
        true,
        "a SAN otherName whose value is not [0] EXPLICIT: we list DNS names and IPs only and do not read otherName contents; OpenSSL reads it, Python refuses it",
    ),
    (
        "pyca/x509/custom/nc_invalid_ip4_netmask.der",
        true,
        UNREAD_EXTENSION,
    ),
    (
        "pyca/x509/custom/nc_invalid_ip_netmask.pem",
        true,
        UNREAD_EXTENSION,
    ),
    (
        "pyca/x509/custom/nc_ip_invalid_length.pem",
        true,
        UNREAD_EXTENSION,
    ),
    (
        "pyca/x509/custom/two_basic_constraints.pem",
        true,
        "a duplicated extension: OpenSSL reads the certificate; RFC 5280 forbids it but it does not change what is uploaded",
    ),
    (
        "pyca/x509/ed25519/ed25519-rfc8410.pem",
        true,
        "critical FALSE encoded although it is the DEFAULT (a DER rule): the meaning is unchanged; OpenSSL reads it (RFC 8410's own example)",
    ),
];

/// pyca keys we do not read, and why.
const KEY_DIFFERENCES: &[(&str, &str)] = &[
    (
        "Traditional_OpenSSL_Serialization/dsa.",
        "OpenSSL's traditional DSA PRIVATE KEY format: refused with a detail saying to convert it to PKCS#8 (DSA is refused in every profile anyway)",
    ),
    (
        "PEM_Serialization/dsa_4096.pem",
        "OpenSSL's traditional DSA PRIVATE KEY format (see above)",
    ),
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realworld")
}

/// The file as the certificate field would hold it: PEM as is, DER as one PEM block.
fn text(rel: &str, der: bool) -> String {
    let bytes = std::fs::read(dir().join(rel)).unwrap();
    if !der {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    use base64ct::{Base64, Encoding};
    let b64 = Base64::encode_string(&bytes);
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

fn run(certificate: &str, key: Option<&str>) -> Report {
    validate(&Input {
        certificate,
        private_key: key,
        now_ms: NOW,
        ..Input::default()
    })
}

fn refused(r: &Report) -> bool {
    r.errors
        .iter()
        .any(|f| f.kind == Kind::CertificateFormatInvalid)
}

fn manifest() -> Vec<Value> {
    let m: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("manifest.json")).unwrap())
            .unwrap();
    m["cases"].as_array().unwrap().clone()
}

#[test]
fn certificates_agree_with_the_oracles() {
    let mut problems = Vec::new();
    let mut counted = [0usize; 3];
    for case in manifest().iter().filter(|c| c["privateKey"].is_null()) {
        let name = case["name"].as_str().unwrap();
        let r = run(
            &text(
                case["certificate"].as_str().unwrap(),
                case["der"].as_bool().unwrap(),
            ),
            None,
        );
        let (crypto, openssl) = (
            case["oracle"]["cryptography"].as_bool().unwrap(),
            case["oracle"]["openssl"].as_bool().unwrap(),
        );
        let disputed = DIFFERENCES.iter().find(|(n, _, _)| *n == name);
        match (crypto, openssl, disputed) {
            (true, true, None) => {
                counted[0] += 1;
                if refused(&r) {
                    problems.push(format!("{name}: both oracles read it, we refuse: {}", explain(&r)));
                    continue;
                }
                let leaf = r.certificate.as_ref().unwrap();
                let facts = &case["facts"];
                for (field, ours) in [
                    ("fingerprintSha1", &leaf.fingerprint_sha1),
                    ("fingerprintSha256", &leaf.fingerprint_sha256),
                    ("notBefore", &leaf.not_before),
                    ("notAfter", &leaf.not_after),
                ] {
                    if facts[field].as_str() != Some(ours.as_str()) {
                        problems.push(format!("{name}: {field} {ours} ≠ oracle {}", facts[field]));
                    }
                }
                if let Some(alg) = facts["keyAlgorithm"].as_str() {
                    // SM2 keys are EC keys to Python; we name them SM2.
                    let same = alg == leaf.key_algorithm
                        || (alg == "EC" && leaf.key_algorithm == "SM2");
                    if !same {
                        problems.push(format!("{name}: key {} ≠ oracle {alg}", leaf.key_algorithm));
                    }
                }
                if let Some(curve) = facts["curve"].as_str() {
                    if leaf.curve != Some(curve) {
                        problems.push(format!("{name}: curve {:?} ≠ oracle {curve}", leaf.curve));
                    }
                }
                if let Some(bits) = facts["keyBits"].as_u64() {
                    if u64::from(leaf.key_bits) != bits {
                        problems.push(format!("{name}: {} bits ≠ oracle {bits}", leaf.key_bits));
                    }
                }
            }
            (false, false, None) => {
                counted[1] += 1;
                if !refused(&r) {
                    problems.push(format!("{name}: both oracles refuse it, we read it"));
                }
            }
            (_, _, Some((_, accept, _))) => {
                counted[2] += 1;
                if refused(&r) == *accept {
                    problems.push(format!(
                        "{name}: listed as {} but we {}: {}",
                        if *accept { "accepted" } else { "refused" },
                        if *accept { "refuse it" } else { "read it" },
                        explain(&r)
                    ));
                }
            }
            _ => problems.push(format!(
                "{name}: the oracles disagree (cryptography {crypto}, openssl {openssl}: {}) and DIFFERENCES does not list it; we {}",
                case["oracle"]["why"],
                if refused(&r) { format!("refuse it: {}", explain(&r)) } else { "read it".into() }
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(counted[0] >= 200, "{counted:?}");
    // Every listed difference is a case of the corpus (a stale row would excuse nothing, silently).
    let names: Vec<Value> = manifest().iter().map(|c| c["name"].clone()).collect();
    for (name, _, _) in DIFFERENCES {
        assert!(
            names.iter().any(|n| n == name),
            "DIFFERENCES lists {name}, no such case"
        );
    }
}

#[test]
fn pyca_keys_are_proved_to_be_their_certificates_keys() {
    let cases: Vec<Value> = manifest()
        .into_iter()
        .filter(|c| !c["privateKey"].is_null())
        .collect();
    assert!(cases.len() >= 20, "{} key cases", cases.len());
    let mut problems = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        if KEY_DIFFERENCES.iter().any(|(k, _)| name.contains(k)) {
            continue;
        }
        let cert = text(case["certificate"].as_str().unwrap(), false);
        let key = text(case["privateKey"].as_str().unwrap(), false);
        let r = run(&cert, Some(&key));
        let mismatch = r.errors.iter().any(|f| f.kind == Kind::CertificateMismatch);
        let unproved = r.errors.iter().any(|f| {
            f.detail
                .as_deref()
                .is_some_and(|d| d.contains("could not be proved"))
        });
        let alg = case["facts"]["keyAlgorithm"].as_str().unwrap();
        if mismatch
            || r.errors
                .iter()
                .any(|f| f.kind == Kind::PrivateKeyFormatInvalid)
        {
            problems.push(format!("{name} ({alg}): {}", explain(&r)));
        }
        if r.ok && unproved {
            problems.push(format!("{name}: ok although unproved"));
        }
        // Against the next case's certificate (another key): never ok, and never silently.
        let other = &cases[(i + 1) % cases.len()];
        if other["facts"]["spkiSha256"] != case["facts"]["spkiSha256"] {
            let cross = run(
                &text(other["certificate"].as_str().unwrap(), false),
                Some(&key),
            );
            if cross.ok {
                problems.push(format!("{name} with {} is ok", other["name"]));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// pyca's certificate with a UTF-8 dNSName: read (as both oracles do), the name shown escaped, and
/// a warning that no client will match it.
#[test]
fn a_non_ascii_dns_name_is_read_and_warned_about() {
    let r = run(&text("pyca/x509/utf8-dnsname.pem", false), None);
    assert!(r.errors.is_empty(), "{}", explain(&r));
    let leaf = r.certificate.as_ref().unwrap();
    assert!(
        leaf.subject_alt_names.iter().any(|n| n.contains("\\x")),
        "{:?}",
        leaf.subject_alt_names
    );
    assert!(r.warnings.iter().any(|f| {
        f.kind == Kind::CertificateFormatInvalid
            && f.detail
                .as_deref()
                .is_some_and(|d| d.contains("outside printable ASCII"))
    }));
}
