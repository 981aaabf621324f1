#![allow(
    clippy::panic,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::cast_possible_truncation
)]

//! `make bench`: median wall time of `validate` per call on representative fixtures (release build).
//! A benchmark, not a test: it asserts nothing about speed. docs/PERFORMANCE.md's speed table is its output.

use cert_preflight::{Input, ProviderId, validate};
use std::time::{Duration, Instant};

fn read(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn bench(
    label: &str,
    cert: &str,
    key: Option<&str>,
    passphrase: Option<&str>,
    provider: Option<ProviderId>,
) {
    let input = Input {
        certificate: cert,
        private_key: key,
        passphrase,
        provider,
        now_ms: 1_780_272_000_000,
        ..Input::default()
    };
    // Warm up, then pick an iteration count that takes ~0.3 s per sample.
    let start = Instant::now();
    std::hint::black_box(validate(std::hint::black_box(&input)));
    let once = start.elapsed().max(Duration::from_micros(1));
    let iters = (Duration::from_millis(300).as_nanos() / once.as_nanos()).clamp(1, 100_000) as u32;
    let samples: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                std::hint::black_box(validate(std::hint::black_box(&input)));
            }
            t.elapsed() / iters
        })
        .collect();
    let m = median(samples);
    println!("| {label} | {:.1} µs |", m.as_secs_f64() * 1e6);
}

fn main() {
    println!("| case | median per validate() |");
    println!("|---|---|");
    let rsa_leaf = read("rsa/2048/leaf.pem");
    let rsa_key = read("keys/rsa2048/pkcs1.pem");
    bench(
        "RSA-2048 leaf + PKCS#1 key, no provider",
        &rsa_leaf,
        Some(&rsa_key),
        None,
        None,
    );
    bench(
        "RSA-2048 leaf + PKCS#1 key, aliyun-slb",
        &rsa_leaf,
        Some(&rsa_key),
        None,
        Some(ProviderId::AliyunSlb),
    );
    let chain = read("chain/rsa/leaf-int-root.pem");
    let chain_key = read("chain/rsa/leaf.key.pem");
    bench(
        "RSA chain of 3 (2 signature checks) + key",
        &chain,
        Some(&chain_key),
        None,
        None,
    );
    let ec_chain = read("chain/ecdsa/leaf-int-root.pem");
    let ec_key = read("chain/ecdsa/leaf.key.pem");
    bench(
        "ECDSA P-256/P-384 chain of 3 + key",
        &ec_chain,
        Some(&ec_key),
        None,
        None,
    );
    bench(
        "RSA-4096 leaf + key",
        &read("rsa/4096/leaf.pem"),
        Some(&read("rsa/4096/key.pem")),
        None,
        None,
    );
    bench(
        "RSA-16384 leaf + key",
        &read("rsa/16384/leaf.pem"),
        Some(&read("rsa/16384/key.pem")),
        None,
        None,
    );
    // The public key derived from the private one (issue 20 §2): Ed25519 by curve25519-dalek, the
    // others by the constant-time ladder of src/arith/curves.rs.
    for (label, cert, key) in [
        (
            "Ed25519 self-signed + PKCS#8 key",
            "other/ed25519/cert.pem",
            "other/ed25519/key.pem",
        ),
        (
            "Ed448 self-signed + PKCS#8 key",
            "other/ed448/cert.pem",
            "other/ed448/key.pem",
        ),
        (
            "SM2 self-signed + PKCS#8 key",
            "other/sm2/cert.pem",
            "other/sm2/key.pkcs8.pem",
        ),
        (
            "secp256k1 leaf + PKCS#8 key",
            "ec/secp256k1/leaf.pem",
            "ec/secp256k1/key.pkcs8.pem",
        ),
        (
            "P-521 leaf + PKCS#8 key",
            "ec/p521/leaf.pem",
            "ec/p521/key.pkcs8.pem",
        ),
    ] {
        bench(label, &read(cert), Some(&read(key)), None, None);
    }
    bench("certificate only (no key)", &rsa_leaf, None, None, None);
}
