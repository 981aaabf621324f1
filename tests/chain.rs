//! `complete_chain` and trust anchors on the fixtures of `tests/fixtures/gen-aia.sh` (each file's
//! role is in that script's header). The host loop of SPEC.md is simulated: every URL of `next` is
//! "fetched" from `tests/fixtures/aia/` by its last path segment (a file that is not there is a
//! failed fetch: no body), and the call is repeated with every body so far.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

use base64ct::Encoding as _;
use cert_preflight::{
    ChainCompletion, Fetched, Input, Kind, MAX_ROUNDS, ProviderId, TrustAnchors, complete_chain,
    validate,
};
use std::path::PathBuf;

/// 2026-06-01T00:00:00Z, the fixtures' clock (gen.sh).
const NOW_MS: i64 = 1_780_272_000_000;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aia")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn pem(name: &str) -> String {
    String::from_utf8(read(name)).unwrap()
}

/// The host loop: at most MAX_ROUNDS + 1 calls, each fetching every URL of `next`.
fn host(cert: &[u8], roots: Option<&TrustAnchors>) -> (ChainCompletion, usize) {
    let mut bodies: Vec<(String, Vec<u8>)> = Vec::new();
    for round in 0..=MAX_ROUNDS + 1 {
        let fetched: Vec<Fetched<'_>> = bodies
            .iter()
            .map(|(url, body)| Fetched { url, body })
            .collect();
        let out = complete_chain(cert, &fetched, roots).expect("a certificate");
        if out.next.is_empty() {
            return (out, round);
        }
        for url in &out.next {
            let file = url.rsplit('/').next().unwrap();
            let body = std::fs::read(dir().join(file)).unwrap_or_default();
            bodies.push((url.clone(), body));
        }
    }
    panic!("the host loop did not end");
}

fn details(out: &ChainCompletion) -> String {
    out.findings
        .iter()
        .map(|f| format!("{}: {}", f.code, f.detail.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn subjects(out: &ChainCompletion) -> Vec<String> {
    out.added.iter().map(|a| a.info.subject.clone()).collect()
}

#[test]
fn every_body_form_completes_the_chain() {
    for (leaf, url) in [
        ("leaf-der.pem", "int1.der"),
        ("leaf-pem.pem", "int1.pem"),
        ("leaf-p7c-der.pem", "int1-der.p7c"),
        ("leaf-p7c-ber.pem", "int1-ber.p7c"),
    ] {
        let (out, rounds) = host(&read(leaf), None);
        assert!(out.complete, "{leaf}: {}", details(&out));
        assert_eq!(rounds, 2, "{leaf}: int1, then the root");
        assert_eq!(subjects(&out), ["CN=AIA Test Int 1"], "{leaf}");
        assert_eq!(out.added[0].url, format!("http://127.0.0.1:18790/{url}"));
        assert_eq!(out.added[0].info.index, 1);
        assert!(out.findings.is_empty(), "{leaf}: {}", details(&out));
        // The bundle: the leaf, then int1; the root is not uploaded.
        assert_eq!(out.certificate.matches("BEGIN CERTIFICATE").count(), 2);
        assert!(out.certificate.starts_with(pem(leaf).trim_end()));
        // The completed bundle reaches the root: no ChainIncomplete (with the root as an anchor;
        // without anchors, a bundle that leaves its root out cannot be told from an incomplete one).
        let roots = TrustAnchors::from_der([read("root.der").as_slice()]).unwrap();
        let report = validate(&Input {
            certificate: &out.certificate,
            now_ms: NOW_MS,
            roots: Some(&roots),
            ..Input::default()
        });
        assert!(
            report.ok && report.warnings.is_empty(),
            "{leaf}: {:?}",
            report.warnings
        );
        assert!(
            !report
                .warnings
                .iter()
                .any(|w| w.kind == Kind::ChainIncomplete),
            "{leaf}: {:?}",
            report.warnings
        );
    }
}

#[test]
fn two_missing_intermediates_take_two_rounds_and_stop_at_a_root() {
    let (out, rounds) = host(&read("leaf-two.pem"), None);
    assert!(out.complete, "{}", details(&out));
    assert_eq!(subjects(&out), ["CN=AIA Test Int 2", "CN=AIA Test Int 1"]);
    assert_eq!(rounds, 3);
    // With the root as an anchor, int1 reaching it ends the walk one fetch earlier.
    let roots = TrustAnchors::from_der([read("root.der").as_slice()]).unwrap();
    let (out, rounds) = host(&read("leaf-two.pem"), Some(&roots));
    assert!(out.complete);
    assert_eq!(rounds, 2);
    assert_eq!(subjects(&out).len(), 2);
}

#[test]
fn an_issuer_by_name_only_is_never_added() {
    let (out, _) = host(&read("leaf-impostor.pem"), None);
    // impostor.der has int1's name and another key: refused; int1.der, the second URL, signs.
    assert!(out.complete, "{}", details(&out));
    assert_eq!(subjects(&out), ["CN=AIA Test Int 1"]);
    assert_ne!(
        out.added[0].info.fingerprint_sha256,
        cert_preflight::fingerprint_der(
            &read("impostor.der"),
            cert_preflight::FingerprintAlgorithm::Sha256,
            cert_preflight::FingerprintFormat::ColonLower
        )
    );
    assert!(
        out.findings
            .iter()
            .any(|f| f.kind == Kind::ChainOrderInvalid
                && f.detail.as_deref().unwrap().contains("did not sign")),
        "{}",
        details(&out)
    );
    // Only the impostor: nothing is added, nothing is left to fetch.
    let body = read("impostor.der");
    let only = [Fetched {
        url: "http://127.0.0.1:18790/impostor.der",
        body: &body,
    }];
    let leaf = read("leaf-impostor.pem");
    let out = complete_chain(&leaf, &only, None).unwrap();
    assert!(out.added.is_empty() && !out.complete);
    assert_eq!(out.next, ["http://127.0.0.1:18790/int1.der"]);
}

#[test]
fn a_loop_is_a_finding_not_a_hang() {
    let (out, _) = host(&read("leaf-loop.pem"), None);
    assert!(!out.complete);
    assert!(out.next.is_empty());
    assert_eq!(subjects(&out), ["CN=Loop CA A", "CN=Loop CA B"]);
    assert!(
        details(&out).contains("loop"),
        "a loop is named: {}",
        details(&out)
    );
}

#[test]
fn limits_are_findings() {
    // A body over 64 KiB is not read.
    let (out, _) = host(&read("leaf-big.pem"), None);
    assert!(!out.complete && out.added.is_empty());
    assert!(
        out.findings.iter().any(
            |f| f.kind == Kind::InputTooLarge && f.detail.as_deref().unwrap().contains("65536")
        ),
        "{}",
        details(&out)
    );
    // Six URLs: the first five are asked for, the sixth (the real issuer) never.
    let leaf = read("leaf-many.pem");
    let out = complete_chain(&leaf, &[], None).unwrap();
    assert_eq!(out.next.len(), 5);
    assert!(!out.next.iter().any(|u| u.ends_with("int1.der")));
    assert!(
        details(&out).contains("6 caIssuers URLs"),
        "{}",
        details(&out)
    );
    // No AIA at all: said, nothing to fetch.
    let out = complete_chain(&read("leaf-none.pem"), &[], None).unwrap();
    assert!(out.next.is_empty() && !out.complete);
    assert!(details(&out).contains("names no http caIssuers URL"));
}

#[test]
fn bodies_that_are_not_certificates_are_named_by_url_only_when_a_certificate_names_it() {
    let leaf = read("leaf-der.pem");
    let junk = b"<html>not found</html>".to_vec();
    let secret = "http://LTAI5tExampleExample1234.invalid/x";
    let out = complete_chain(
        &leaf,
        &[
            Fetched {
                url: "http://127.0.0.1:18790/int1.der",
                body: &junk,
            },
            Fetched {
                url: secret,
                body: &junk,
            },
        ],
        None,
    )
    .unwrap();
    assert!(!out.complete && out.next.is_empty());
    let all = details(&out);
    assert!(
        all.contains("http://127.0.0.1:18790/int1.der is not a certificate"),
        "{all}"
    );
    assert!(all.contains("fetched[1]"), "{all}");
    assert!(
        !all.contains("LTAI5t"),
        "an unknown URL is not repeated: {all}"
    );
}

#[test]
fn garbage_certificates_are_errors_and_hostile_bodies_never_panic() {
    assert!(complete_chain(b"", &[], None).is_err());
    assert!(complete_chain(b"hello", &[], None).is_err());
    let leaf = read("leaf-der.pem");
    let ber = read("int1-ber.p7c");
    // Every truncation and a byte flip at every position of a BER PKCS#7 body.
    for n in 0..ber.len() {
        let mut flipped = ber.clone();
        flipped[n] ^= 0x5a;
        for body in [&ber[..n], &flipped[..]] {
            let f = [Fetched {
                url: "http://127.0.0.1:18790/int1-ber.p7c",
                body,
            }];
            let out = complete_chain(&leaf, &f, None).unwrap();
            // Either int1 was read intact (a flip in the signature of the PKCS#7 envelope) or not added.
            assert!(out.added.len() <= 1);
        }
    }
}

#[test]
fn validate_with_roots() {
    let roots = TrustAnchors::from_der([read("root.der").as_slice()]).unwrap();
    assert_eq!(roots.len(), 1);
    let with = |cert: &str, roots| {
        validate(&Input {
            certificate: cert,
            provider: Some(ProviderId::AliyunSlb),
            roots,
            now_ms: NOW_MS,
            ..Input::default()
        })
    };
    let kinds = |r: &cert_preflight::Report| r.warnings.iter().map(|w| w.kind).collect::<Vec<_>>();
    // int1 alone is issued by the root: complete with roots, incomplete without.
    let int1 = pem("int1.pem");
    assert!(!kinds(&with(&int1, Some(&roots))).contains(&Kind::ChainIncomplete));
    assert!(kinds(&with(&int1, None)).contains(&Kind::ChainIncomplete));
    // leaf + int1: complete with roots.
    let bundle = pem("leaf-der.pem") + &int1;
    assert!(!kinds(&with(&bundle, Some(&roots))).contains(&Kind::ChainIncomplete));
    // The leaf alone: incomplete either way.
    let r = with(&pem("leaf-der.pem"), Some(&roots));
    assert!(
        kinds(&r).contains(&Kind::ChainIncomplete),
        "{:?}",
        r.warnings
    );
    // A self-signed certificate outside the set: untrusted (and complete by itself).
    let r = with(&pem("private-root.pem"), Some(&roots));
    assert_eq!(kinds(&r), [Kind::ChainUntrusted], "{:?}", r.warnings);
    assert!(kinds(&with(&pem("private-root.pem"), None)).is_empty());
    // The root itself in the bundle: trusted.
    // (complete_chain of a lone root is that root as PEM: it is already complete.)
    let root_pem = complete_chain(&read("root.der"), &[], None)
        .unwrap()
        .certificate;
    assert!(kinds(&with(&(int1.clone() + &root_pem), Some(&roots))).is_empty());
}

#[test]
fn trust_anchors_from_pem_and_their_errors() {
    let text = format!(
        "# a comment\n{}\n{}",
        pem("int1.pem"),
        pem("private-root.pem")
    );
    assert_eq!(TrustAnchors::from_pem(&text).unwrap().len(), 2);
    let e = TrustAnchors::from_pem("no blocks here").unwrap_err();
    assert_eq!(e.code(), "InvalidArgument");
    let key = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIEVsZWN0cm9uaWNhbGx5IHNpZ25lZCBzZWVkIGJ5dGVzISE=\n-----END PRIVATE KEY-----\n";
    let e = TrustAnchors::from_pem(key).unwrap_err();
    assert!(e.to_string().contains("not a CERTIFICATE"), "{e}");
    assert!(!e.to_string().contains("MC4C"));
    let e = TrustAnchors::from_der([&b"junk"[..]]).unwrap_err();
    assert!(e.to_string().contains("roots[0]"), "{e}");
}

/// The real roots of the pinned certifi bundle (tests/fixtures/realworld/certifi) load as anchors.
#[test]
fn the_certifi_roots_load() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realworld/certifi");
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pem") {
            text += &std::fs::read_to_string(path).unwrap();
        }
    }
    let roots = TrustAnchors::from_pem(&text).unwrap();
    assert!(roots.len() > 100, "{}", roots.len());
}

/// A real certificate of the pinned corpus (pyca's cryptography-vectors), as DER.
fn realworld_der(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/realworld/pyca/x509")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let b64: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    base64ct::Base64::decode_vec(&b64).unwrap()
}

/// Real chains of public CAs, their intermediates "served" at the URL the leaf names: a Let's
/// Encrypt leaf (R3's predecessor X3, `http://cert.int-x3.letsencrypt.org/`, served as DER) and a
/// GeoTrust/DigiCert RapidSSL leaf (`http://gv.symcb.com/gv.crt`). Each intermediate is added on
/// its name and its RSA signature over the real leaf; then its own caIssuers URL is next (Let's
/// Encrypt X3 names IdenTrust's DST Root CA X3 `.p7c`), or there is none (RapidSSL G3).
#[test]
fn real_public_chains_complete_from_their_ca_issuers_urls() {
    let cases = [
        (
            "tls-feature-ocsp-staple.pem",
            "http://cert.int-x3.letsencrypt.org/",
            "letsencryptx3.pem",
            Some("http://apps.identrust.com/roots/dstrootcax3.p7c"),
        ),
        (
            "cryptography-scts.pem",
            "http://cert.int-x3.letsencrypt.org/",
            "letsencryptx3.pem",
            Some("http://apps.identrust.com/roots/dstrootcax3.p7c"),
        ),
        (
            "cryptography.io.pem",
            "http://gv.symcb.com/gv.crt",
            "rapidssl_sha256_ca_g3.pem",
            None,
        ),
    ];
    for (leaf, url, issuer, then) in cases {
        let leaf_der = realworld_der(leaf);
        let first = complete_chain(&leaf_der, &[], None).unwrap();
        assert_eq!(first.next, [url], "{leaf}");
        let body = realworld_der(issuer);
        let out = complete_chain(&leaf_der, &[Fetched { url, body: &body }], None).unwrap();
        assert_eq!(out.added.len(), 1, "{leaf}: {}", details(&out));
        assert_eq!(out.added[0].url, url);
        assert_eq!(out.certificate.matches("BEGIN CERTIFICATE").count(), 2);
        match then {
            Some(next) => assert_eq!(out.next, [next], "{leaf}"),
            None => {
                assert!(out.next.is_empty(), "{leaf}");
                assert!(details(&out).contains("names no http caIssuers URL"));
            }
        }
        // The other real intermediate has the wrong name: never added.
        let wrong = if issuer == "letsencryptx3.pem" {
            realworld_der("rapidssl_sha256_ca_g3.pem")
        } else {
            realworld_der("letsencryptx3.pem")
        };
        let out = complete_chain(&leaf_der, &[Fetched { url, body: &wrong }], None).unwrap();
        assert!(out.added.is_empty(), "{leaf}");
    }
}

/// buildRequest checks the chain with the roots it is given, as validate does: the leaf + int1
/// bundle reaches the (trusted) AIA root, so no chain warning; without roots it ends unrooted.
#[test]
fn build_request_checks_the_chain_with_its_roots() {
    use cert_preflight::{BuildOptions, Finding, ParamValue, Params, build_request};
    let bundle = pem("leaf-der.pem") + &pem("int1.pem");
    let params: Params = [
        ("CertificatePublicKey", ParamValue::from(bundle.as_str())),
        ("CertificateType", ParamValue::from("CA")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let chain_kinds = |options: &BuildOptions<'_>| -> Vec<Kind> {
        let findings: Vec<Finding> = match build_request(ProviderId::TencentSsl, &params, options) {
            Ok(request) => request.warnings.clone(),
            Err(refused) => refused.findings,
        };
        findings
            .iter()
            .map(|f| f.kind)
            .filter(|k| matches!(k, Kind::ChainIncomplete | Kind::ChainUntrusted))
            .collect()
    };
    let plain = BuildOptions {
        now_ms: NOW_MS,
        ..BuildOptions::default()
    };
    assert_eq!(chain_kinds(&plain), [Kind::ChainIncomplete]);
    let roots = TrustAnchors::from_der([read("root.der").as_slice()]).unwrap();
    let trusted = BuildOptions {
        roots: Some(&roots),
        ..plain.clone()
    };
    assert_eq!(chain_kinds(&trusted), []);
}
