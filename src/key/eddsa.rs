//! Ed25519 and Ed448 keys: the public key derived from the private one (RFC 8032 §5.1.5, §5.2.5;
//! Ed448's arithmetic is in `crate::curves`), checked against an embedded public key and matched
//! with the certificate's.

use super::Match;
use crate::curves;
use core::cell::OnceCell;

pub(super) fn ed25519_public(seed: &[u8; 32]) -> [u8; 32] {
    ed25519_dalek::SigningKey::from_bytes(seed)
        .verifying_key()
        .to_bytes()
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
