//! Our variable-time signature verifiers (`src/arith/{ecdsa,rsa}.rs`) against the RustCrypto
//! code they replaced:
//! - ECDSA on P-256/P-384 against p256/p384's `ecdsa`: a key made from the input signs a digest
//!   from the input (RFC 6979), then the signature, the digest or the point is damaged where the
//!   input says; both must give the same verdict (SEC 1's 0x05 "compact" points, which the crates
//!   take and we do not, like OpenSSL, excepted).
//! - RSA's public operation s^e mod n against crypto-bigint's constant-time `pow`, on an odd
//!   modulus of 512–2048 bits, an exponent and a signature value from the input.
#![no_main]

use cert_preflight::differential as ours;
use crypto_bigint::{
    BoxedUint, Odd,
    modular::{BoxedMontyForm, BoxedMontyParams},
};
use libfuzzer_sys::fuzz_target;
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::elliptic_curve::sec1::ToSec1Point;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    match kind % 3 {
        0 => ecdsa(256, kind & 0x80 != 0, rest),
        1 => ecdsa(384, kind & 0x80 != 0, rest),
        _ => rsa(rest),
    }
});

/// `secret[bits/8] dlen digest[20..=64] (target pos xor)*`.
fn ecdsa(bits: u32, compressed: bool, data: &[u8]) {
    let len = bits as usize / 8;
    let Some((secret, rest)) = data.split_at_checked(len) else {
        return;
    };
    let Some((&dlen, rest)) = rest.split_first() else {
        return;
    };
    let Some((digest, edits)) = rest.split_at_checked(20 + usize::from(dlen) % 45) else {
        return;
    };
    let (mut r_s, mut point) = if bits == 256 {
        let Ok(key) = p256::ecdsa::SigningKey::from_slice(secret) else {
            return;
        };
        let Ok(sig) = PrehashSigner::<p256::ecdsa::Signature>::sign_prehash(&key, digest) else {
            return;
        };
        let point = key.verifying_key().as_affine().to_sec1_point(compressed);
        (sig.to_bytes().to_vec(), point.as_bytes().to_vec())
    } else {
        let Ok(key) = p384::ecdsa::SigningKey::from_slice(secret) else {
            return;
        };
        let Ok(sig) = PrehashSigner::<p384::ecdsa::Signature>::sign_prehash(&key, digest) else {
            return;
        };
        let point = key.verifying_key().as_affine().to_sec1_point(compressed);
        (sig.to_bytes().to_vec(), point.as_bytes().to_vec())
    };
    let mut digest = digest.to_vec();
    for edit in edits.chunks_exact(3) {
        let target = match edit[0] % 3 {
            0 => &mut r_s,
            1 => &mut digest,
            _ => &mut point,
        };
        let at = usize::from(edit[1]) % target.len();
        target[at] ^= edit[2];
    }
    let theirs = if bits == 256 {
        match (
            p256::ecdsa::VerifyingKey::from_sec1_bytes(&point),
            p256::ecdsa::Signature::from_slice(&r_s),
        ) {
            (Ok(k), Ok(s)) => k.verify_prehash(&digest, &s).is_ok(),
            _ => false,
        }
    } else {
        match (
            p384::ecdsa::VerifyingKey::from_sec1_bytes(&point),
            p384::ecdsa::Signature::from_slice(&r_s),
        ) {
            (Ok(k), Ok(s)) => k.verify_prehash(&digest, &s).is_ok(),
            _ => false,
        }
    };
    let want = theirs && point.first() != Some(&5);
    assert_eq!(ours::ecdsa(bits, &digest, &r_s, &point), want, "P-{bits}");
}

/// `nlen n[64 + nlen % 193] e[4] s[..]`: n made odd with its top bit set, s taken as given.
fn rsa(data: &[u8]) {
    let Some((&nlen, rest)) = data.split_first() else {
        return;
    };
    let Some((n, rest)) = rest.split_at_checked(64 + usize::from(nlen) % 193) else {
        return;
    };
    let Some((e, s)) = rest.split_at_checked(4) else {
        return;
    };
    let mut n = n.to_vec();
    n[0] |= 0x80;
    *n.last_mut().expect("64 bytes at least") |= 1;
    let e = u32::from_be_bytes(e.try_into().expect("4 bytes")).max(2);
    let got = ours::rsa_public_op(&n, &e.to_be_bytes(), s);
    let precision = (n.len() as u32 * 8).div_ceil(64) * 64;
    let modulus = Odd::new(BoxedUint::from_be_slice(&n, precision).expect("fits")).expect("odd");
    let below = BoxedUint::from_be_slice(s, precision)
        .ok()
        .filter(|v| v < modulus.as_ref());
    let want = below.filter(|_| s.len() == n.len()).map(|v| {
        let params = BoxedMontyParams::new_vartime(modulus);
        let r = BoxedMontyForm::new(v, &params)
            .pow(&BoxedUint::from(u64::from(e)))
            .retrieve();
        let bytes = r.to_be_bytes();
        bytes[bytes.len() - n.len()..].to_vec()
    });
    assert_eq!(got, want, "{} bits, e = {e}", n.len() * 8);
}
