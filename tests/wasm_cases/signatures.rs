//! The signature verifiers on wasm32, where their limbs are 32-bit (`src/arith/montgomery.rs`; native
//! builds, where `cargo test` runs their unit tests, use 64-bit limbs): ECDSA P-256/P-384 against
//! p256/p384's `ecdsa` on signatures those crates made (RFC 6979) and damaged ones, and RSA's
//! s^e mod n against crypto-bigint's constant-time `pow`, through the doc-hidden
//! `cert_preflight::differential` functions the fuzz target `signature_differential` uses.

use cert_preflight::differential::{ecdsa, rsa_public_op};
use crypto_bigint::{
    BoxedUint, Odd,
    modular::{BoxedMontyForm, BoxedMontyParams},
};
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::elliptic_curve::sec1::ToSec1Point;
use sha2::{Digest, Sha256};
use wasm_bindgen_test::wasm_bindgen_test;

/// Deterministic bytes: SHA-256 in counter mode.
fn stream(seed: &[u8], len: usize) -> Vec<u8> {
    (0u32..)
        .flat_map(|i| Sha256::digest([seed, &i.to_be_bytes()].concat()))
        .take(len)
        .collect()
}

/// (r ‖ s, uncompressed point, compressed point) of a key made from `secret` signing `digest`.
fn signed(bits: u32, secret: &[u8], digest: &[u8]) -> (Vec<u8>, [Vec<u8>; 2]) {
    if bits == 256 {
        let key = p256::ecdsa::SigningKey::from_slice(secret).expect("scalar");
        let sig: p256::ecdsa::Signature = key.sign_prehash(digest).expect("sign");
        let q = key.verifying_key().as_affine();
        (
            sig.to_bytes().to_vec(),
            [false, true].map(|c| q.to_sec1_point(c).as_bytes().to_vec()),
        )
    } else {
        let key = p384::ecdsa::SigningKey::from_slice(secret).expect("scalar");
        let sig: p384::ecdsa::Signature = key.sign_prehash(digest).expect("sign");
        let q = key.verifying_key().as_affine();
        (
            sig.to_bytes().to_vec(),
            [false, true].map(|c| q.to_sec1_point(c).as_bytes().to_vec()),
        )
    }
}

fn oracle(bits: u32, digest: &[u8], r_s: &[u8], point: &[u8]) -> bool {
    if bits == 256 {
        match (
            p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
            p256::ecdsa::Signature::from_slice(r_s),
        ) {
            (Ok(k), Ok(s)) => k.verify_prehash(digest, &s).is_ok(),
            _ => false,
        }
    } else {
        match (
            p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
            p384::ecdsa::Signature::from_slice(r_s),
        ) {
            (Ok(k), Ok(s)) => k.verify_prehash(digest, &s).is_ok(),
            _ => false,
        }
    }
}

#[wasm_bindgen_test]
fn ecdsa_agrees_with_p256_and_p384() {
    let mut valid = 0;
    for bits in [256u32, 384] {
        for round in 0u8..6 {
            let secret = stream(&[b'k', round, bits as u8], bits as usize / 8);
            let digest = stream(&[b'd', round], [20, 32, 48, 64, 28, 32][usize::from(round)]);
            let (r_s, points) = signed(bits, &secret, &digest);
            for point in &points {
                for at in [
                    None,
                    Some(0),
                    Some(r_s.len() / 2 - 1),
                    Some(r_s.len() / 2),
                    Some(r_s.len() - 1),
                ] {
                    let mut sig = r_s.clone();
                    if let Some(at) = at {
                        sig[at] ^= 0x21;
                    }
                    let want = oracle(bits, &digest, &sig, point);
                    assert_eq!(
                        ecdsa(bits, &digest, &sig, point),
                        want,
                        "P-{bits} round {round} edit {at:?}"
                    );
                    valid += usize::from(want);
                }
                let mut other = digest.clone();
                other[3] ^= 1;
                assert!(!ecdsa(bits, &other, &r_s, point) && !oracle(bits, &other, &r_s, point));
            }
        }
    }
    assert_eq!(
        valid,
        2 * 6 * 2,
        "each key's own signature, both point encodings"
    );
}

#[wasm_bindgen_test]
fn rsa_power_agrees_with_crypto_bigint() {
    let mut checked = 0;
    for (seed, bits) in (0u8..).zip([512u32, 513, 1023, 1056, 2048, 2049, 3072, 4096]) {
        let len = bits.div_ceil(8) as usize;
        let mut n = stream(&[b'n', seed], len);
        let spare = len as u32 * 8 - bits;
        n[0] = (n[0] & (0xff >> spare)) | (0x80 >> spare);
        *n.last_mut().expect("bytes") |= 1;
        let precision = bits.div_ceil(64) * 64;
        let params = BoxedMontyParams::new_vartime(
            Odd::new(BoxedUint::from_be_slice(&n, precision).expect("fits")).expect("odd"),
        );
        for e in [3u64, 65_537, (1 << 32) - 1, (1 << 33) - 1] {
            let mut s = stream(&[b's', seed], len);
            s[0] %= n[0]; // below n
            let want = BoxedMontyForm::new(
                BoxedUint::from_be_slice(&s, precision).expect("fits"),
                &params,
            )
            .pow(&BoxedUint::from(e))
            .retrieve()
            .to_be_bytes();
            let want = want[want.len() - len..].to_vec();
            assert_eq!(
                rsa_public_op(&n, &e.to_be_bytes(), &s),
                Some(want),
                "{bits} bits, e = {e}"
            );
            assert_eq!(rsa_public_op(&n, &e.to_be_bytes(), &n), None, "s = n");
            checked += 1;
        }
    }
    assert_eq!(checked, 8 * 4);
}
