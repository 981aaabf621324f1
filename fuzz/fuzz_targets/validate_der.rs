//! Arbitrary DER, base64-wrapped into a PEM block, so the DER reader is reached directly.
//!
//! Layout: `flags fixture der`. flags bits 0-2 say where the DER goes:
//!   0 `CERTIFICATE` (the leaf, paired with the fixture key)
//!   1 `PRIVATE KEY`, 2 `ENCRYPTED PRIVATE KEY`, 3 `RSA PRIVATE KEY`, 4 `EC PRIVATE KEY`
//!     (paired with the fixture chain)
//!   5 `EC PRIVATE KEY` after an `EC PARAMETERS` block naming P-256 (paired with the fixture chain)
//!   6 `CERTIFICATE` after the fixture leaf (its key verifies the leaf's signature)
//!   7 `CERTIFICATE` before the fixture chain (the fixture leaf's key verifies its signature)
//! bits 3-4: provider (none / aliyun-slb / aliyun-cas / tencent-ssl); bit 5: the fixtures'
//! passphrase; bits 6-7: certificate type (none / SVR / CA).
//! `fixture` (mod the table's length) picks the fixture chain and key from tests/fixtures.
#![no_main]

use cert_preflight::{
    CertificateType, FingerprintAlgorithm, FingerprintFormat, Input, ProviderId, fingerprint,
    validate,
};
use libfuzzer_sys::fuzz_target;

const NOW_MS: i64 = 1_780_272_000_000;
const PASSPHRASE: &str = "correct horse";

macro_rules! fixture {
    ($chain:literal, $key:literal) => {
        (
            include_str!(concat!("../../tests/fixtures/", $chain)),
            include_str!(concat!("../../tests/fixtures/", $key)),
        )
    };
}

/// (chain, leaf key) per fixture; seed.py uses the same order.
const FIXTURES: [(&str, &str); 11] = [
    fixture!("rsa/2048/fullchain.pem", "rsa/2048/key.pem"),
    fixture!("ec/p256/fullchain.pem", "ec/p256/key.pkcs8.pem"),
    fixture!("ec/p384/fullchain.pem", "ec/p384/key.pkcs8.pem"),
    fixture!("ec/p521/fullchain.pem", "ec/p521/key.pkcs8.pem"),
    fixture!("ec/secp256k1/fullchain.pem", "ec/secp256k1/key.pkcs8.pem"),
    fixture!("other/ed25519/cert.pem", "other/ed25519/key.pem"),
    fixture!("other/ed448/cert.pem", "other/ed448/key.pem"),
    fixture!("other/dsa/cert.pem", "other/dsa/key.pem"),
    fixture!("other/sm2/cert.pem", "other/sm2/key.pkcs8.pem"),
    fixture!(
        "chain/pss-sha256/leaf-int-root.pem",
        "chain/pss-sha256/leaf.key.pem"
    ),
    fixture!("chain/ecdsa/leaf-int-root.pem", "chain/ecdsa/leaf.key.pem"),
];
/// `openssl ecparam -name prime256v1`.
const P256_PARAMETERS: &str =
    "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";

fn pem(label: &str, der: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = Vec::with_capacity(der.len().div_ceil(3) * 4);
    for chunk in der.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                b64.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                b64.push(b'=');
            }
        }
    }
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The first PEM block of a fixture (its leaf).
fn first_block(text: &str) -> &str {
    const END: &str = "-----END CERTIFICATE-----\n";
    text.find(END).map_or(text, |i| &text[..i + END.len()])
}

fuzz_target!(|data: &[u8]| {
    let [flags, fixture, der @ ..] = data else {
        return;
    };
    let (chain, leaf_key) = FIXTURES[usize::from(*fixture) % FIXTURES.len()];
    let provider = match (flags >> 3) & 3 {
        0 => None,
        1 => Some(ProviderId::AliyunSlb),
        2 => Some(ProviderId::AliyunCas),
        _ => Some(ProviderId::TencentSsl),
    };
    let passphrase = (flags & 0x20 != 0).then_some(PASSPHRASE);
    let certificate_type = match flags >> 6 {
        1 => Some(CertificateType::Server),
        2 => Some(CertificateType::Ca),
        _ => None,
    };

    let (cert, key): (String, String) = match flags & 7 {
        0 => (pem("CERTIFICATE", der), leaf_key.to_owned()),
        1 => (chain.to_owned(), pem("PRIVATE KEY", der)),
        2 => (chain.to_owned(), pem("ENCRYPTED PRIVATE KEY", der)),
        3 => (chain.to_owned(), pem("RSA PRIVATE KEY", der)),
        4 => (chain.to_owned(), pem("EC PRIVATE KEY", der)),
        5 => (
            chain.to_owned(),
            P256_PARAMETERS.to_owned() + &pem("EC PRIVATE KEY", der),
        ),
        6 => (
            first_block(chain).to_owned() + &pem("CERTIFICATE", der),
            leaf_key.to_owned(),
        ),
        _ => (pem("CERTIFICATE", der) + chain, leaf_key.to_owned()),
    };

    let report = validate(&Input {
        certificate: &cert,
        private_key: Some(&key),
        provider,
        passphrase,
        certificate_type,
        now_ms: NOW_MS,
        ecc_regions: &["cn-hangzhou"],
        region: Some("cn-hangzhou"),
        ..Input::default()
    });
    assert_eq!(report.ok, report.errors.is_empty());

    let _ = fingerprint(&cert, FingerprintAlgorithm::Sha256, FingerprintFormat::Hex);
});
