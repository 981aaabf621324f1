//! Ed25519 and Ed448 keys: the public key derived from the private one (RFC 8032 §5.1.5, §5.2.5;
//! Ed448's arithmetic is in `crate::arith::curves`), checked against an embedded public key and matched
//! with the certificate's.

use super::Match;
use crate::arith::curves;
use core::cell::OnceCell;
use curve25519_dalek::{EdwardsPoint, Scalar, scalar::clamp_integer};

/// The Ed25519 public key of a seed (RFC 8032 §5.1.5): [s]B, s the clamped first half of
/// SHA-512(seed). What `ed25519_dalek::SigningKey::from_bytes(seed).verifying_key()` gives
/// (the test below holds them equal), through [`mul_base`].
pub(super) fn ed25519_public(seed: &[u8; 32]) -> [u8; 32] {
    use sha2::{Digest, Sha512};
    use zeroize::Zeroize;
    let mut h = Sha512::digest(seed);
    let mut low = [0u8; 32];
    if let Some(half) = h.get(..32) {
        low.copy_from_slice(half);
    }
    h.as_mut_slice().zeroize();
    // [s]B = [s mod ℓ]B: B has order ℓ.
    let mut s = Scalar::from_bytes_mod_order(clamp_integer(low));
    low.zeroize();
    let public = mul_base(&s).compress().to_bytes();
    s.zeroize();
    public
}

/// Entries per window of the comb: ±1..8 times the window's power of 16 of B.
#[cfg(feature = "std")]
type Comb = [[EdwardsPoint; 8]; 64];

/// [s]B by a fixed-base comb: s in 64 signed radix-16 digits dᵢ ∈ [−8, 8), [s]B = Σ dᵢ·16ⁱ·B, each
/// term read from a table built once per instance (64 × 8 points, 80 KiB, ~450 additions) by a
/// constant-time scan of all eight entries and a conditional negation, then added: 64 additions
/// and no doubling, where curve25519-dalek without its 30 KiB `precomputed-tables` (not shipped:
/// the size budget) doubles 252 times. Constant time in s, as dalek's own table lookup.
#[cfg(feature = "std")]
fn mul_base(s: &Scalar) -> EdwardsPoint {
    use curve25519_dalek::traits::Identity;
    use subtle::{ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
    use zeroize::Zeroize;
    static TABLE: std::sync::OnceLock<alloc::boxed::Box<Comb>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = alloc::boxed::Box::new([[EdwardsPoint::identity(); 8]; 64]);
        let mut base = curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
        for row in table.iter_mut() {
            let mut multiple = base;
            for entry in row.iter_mut() {
                *entry = multiple;
                multiple += base;
            }
            // 16·base = 2·(8·base).
            let eight = base.mul_by_cofactor();
            base = eight + eight;
        }
        table
    });
    // Radix 16, then recentred into [−8, 8): s < 2²⁵³, so the top digit ends at most 2.
    let mut digits = [0i8; 64];
    for (pair, byte) in digits.chunks_exact_mut(2).zip(s.as_bytes()) {
        for (digit, nibble) in pair.iter_mut().zip([byte & 15, byte >> 4]) {
            *digit = nibble as i8;
        }
    }
    for i in 0..63 {
        if let Some([low, high, ..]) = digits.get_mut(i..) {
            let carry = (*low + 8) >> 4;
            *low -= carry << 4;
            *high += carry;
        }
    }
    let mut acc = EdwardsPoint::identity();
    for (digit, row) in digits.iter().zip(table.iter()) {
        let negative = (*digit >> 7) as u8 & 1;
        let magnitude = (*digit as u8 ^ negative.wrapping_neg()).wrapping_add(negative);
        let mut term = EdwardsPoint::identity();
        for (j, entry) in (1u8..).zip(row.iter()) {
            term.conditional_assign(entry, magnitude.ct_eq(&j));
        }
        term.conditional_negate(negative.into());
        acc += term;
    }
    digits.zeroize();
    acc
}

/// Without std (no once-per-instance table): curve25519-dalek's variable-base multiplication.
#[cfg(not(feature = "std"))]
fn mul_base(s: &Scalar) -> EdwardsPoint {
    EdwardsPoint::mul_base(s)
}

/// An Ed25519 key file's embedded public key (PKCS#8 v2) must be the seed's.
pub(super) fn check_ed25519(seed: &[u8; 32], public: Option<&[u8]>) -> Result<(), &'static str> {
    match public {
        Some(pk) if pk != ed25519_public(seed).as_slice() => {
            Err("the Ed25519 public key in the key file does not belong to its private key")
        }
        _ => Ok(()),
    }
}

/// The certificate's Ed25519 key must be a point, and the seed's public key.
pub(super) fn match_ed25519(seed: &[u8; 32], cert_key: &[u8]) -> Match {
    let point = <[u8; 32]>::try_from(cert_key).ok();
    if point.is_none_or(|p| ed25519_dalek::VerifyingKey::from_bytes(&p).is_err()) {
        return Match::BadCertificateKey {
            reason: "the certificate's Ed25519 public key is not a 32-byte point of the curve",
        };
    }
    if ed25519_public(seed).as_slice() == cert_key {
        Match::Yes
    } else {
        Match::No {
            reason: "the Ed25519 public key derived from the private key differs from the certificate's",
        }
    }
}

/// The Ed448 public key of `seed` (RFC 8032 §5.2.5), derived at most once per key.
pub(super) fn ed448_derived<'a>(
    seed: &[u8],
    derived: &'a OnceCell<Option<[u8; 57]>>,
) -> Option<&'a [u8; 57]> {
    derived.get_or_init(|| curves::ed448_public(seed)).as_ref()
}

/// A 57-byte secret; an embedded public key must be the one it derives.
pub(super) fn check_ed448(
    derived: Option<&[u8; 57]>,
    public: Option<&[u8]>,
) -> Result<(), &'static str> {
    let derived = derived.ok_or("the Ed448 private key is not 57 bytes")?;
    match public {
        Some(pk) if pk != derived.as_slice() => {
            Err("the Ed448 public key in the key file does not belong to its private key")
        }
        _ => Ok(()),
    }
}

/// The certificate's Ed448 key must be a point, and the one the private key derives.
pub(super) fn match_ed448(derived: Option<&[u8; 57]>, cert_key: &[u8]) -> Match {
    if !curves::ed448_point_valid(cert_key) {
        return Match::BadCertificateKey {
            reason: "the certificate's Ed448 public key is not a 57-byte point of the curve",
        };
    }
    match derived {
        Some(pk) if pk.as_slice() == cert_key => Match::Yes,
        Some(_) => Match::No {
            reason: "the Ed448 public key derived from the private key differs from the certificate's",
        },
        None => Match::No {
            reason: "the Ed448 private key is not 57 bytes",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::key::test_util::*;

    /// The comb against ed25519-dalek's own derivation (variable-base, no table) on 256 seeds
    /// (SHA-256 counter stream) and the seeds of all zeros and all ones, and against RFC 8032
    /// §7.1 TEST 1.
    #[test]
    fn ed25519_comb_matches_ed25519_dalek() {
        use sha2::{Digest, Sha256};
        let mut seeds: Vec<[u8; 32]> = (0u32..256)
            .map(|i| Sha256::digest(i.to_be_bytes()).into())
            .collect();
        seeds.extend([[0; 32], [0xff; 32]]);
        for seed in &seeds {
            let want = ed25519_dalek::SigningKey::from_bytes(seed)
                .verifying_key()
                .to_bytes();
            assert_eq!(super::ed25519_public(seed), want, "{seed:02x?}");
        }
        let rfc_seed = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        let rfc_public = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assert_eq!(
            super::ed25519_public(&rfc_seed.try_into().unwrap()).as_slice(),
            rfc_public
        );
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn ed25519() {
        let k = key(ED25519);
        assert_eq!(desc(&k), (KeyAlgorithm::Ed25519, 256, None));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, ED25519_PUB), Match::Yes);
        assert!(is_no(matches(&k, ED25519B_PUB)));
        assert!(is_no(matches(&k, ED448_PUB)));
        assert!(is_no(matches(&k, RSA1024_PUB)));

        // PKCS#8 v2 (OneAsymmetricKey) with the right and with a foreign public key.
        let k = key(ED_V2_OK);
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(matches(&k, ED25519_PUB), Match::Yes);
        let k = key(ED_V2_BAD);
        assert!(k.check_consistency().is_err());
        assert_eq!(
            matches(&k, ED25519_PUB),
            Match::Yes,
            "derived from the seed"
        );
        assert!(is_no(matches(&k, ED25519B_PUB)));
    }

    #[test]
    fn ed448_is_derived_and_matched() {
        let k = key(ED448);
        assert_eq!(desc(&k), (KeyAlgorithm::Ed448, 456, None));
        assert_eq!(k.check_consistency(), Ok(()));
        assert_eq!(
            matches(&k, ED448_PUB),
            Match::Yes,
            "derived from the seed (RFC 8032 §5.2.5)"
        );
        assert!(is_no(matches(&k, ED25519_PUB)));
    }
}
