//! Ed25519 and Ed448 keys: the public key derived from the private one (RFC 8032 §5.1.5, §5.2.5;
//! Ed448's arithmetic is in `crate::arith::curves`), checked against an embedded public key and matched
//! with the certificate's.

use super::Match;
use crate::arith::curves;
use core::cell::OnceCell;
use curve25519_dalek::EdwardsPoint;

/// The Ed25519 public key of a seed (RFC 8032 §5.1.5): [s]B, s the clamped first half of
/// SHA-512(seed), by curve25519-dalek's own constant-time multiplication
/// (`EdwardsPoint::mul_base_clamped`, what `ed25519_dalek::SigningKey::verifying_key` does): no
/// arithmetic of ours on the secret. Without dalek's `precomputed-tables` feature, chosen by size:
/// its 30 KiB basepoint table costs +35 KiB gzip in the shipped module for a derivation ~80 µs
/// faster in Node (a pair checked in ~150 instead of ~230 µs), so B is multiplied as any point is.
pub(super) fn ed25519_public(seed: &[u8; 32]) -> [u8; 32] {
    use sha2::{Digest, Sha512};
    use zeroize::{Zeroize, Zeroizing};
    let mut h = Sha512::digest(seed);
    let mut low = Zeroizing::new([0u8; 32]);
    if let Some(half) = h.get(..32) {
        low.copy_from_slice(half);
    }
    h.as_mut_slice().zeroize();
    EdwardsPoint::mul_base_clamped(*low).compress().to_bytes()
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

    /// RFC 8032 §7.1: the public keys of TEST 1, 2, 3, 1024 and SHA(abc), which `openssl pkey
    /// -pubout` also derives from these seeds: an oracle independent of dalek, which derives ours.
    #[test]
    fn ed25519_rfc8032_vectors() {
        for (seed, public) in [
            (
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            ),
            (
                "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            ),
            (
                "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            ),
            (
                "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
                "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
            ),
            (
                "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
                "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            ),
        ] {
            let seed: [u8; 32] = hex(seed).try_into().unwrap();
            assert_eq!(super::ed25519_public(&seed).as_slice(), hex(public));
        }
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
