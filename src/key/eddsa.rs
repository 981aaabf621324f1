//! Ed25519 (RFC 8032 §5.1.5) public keys from the seed; Ed448 is in `crate::curves`.

pub(super) fn ed25519_public(seed: &[u8; 32]) -> [u8; 32] {
    ed25519_dalek::SigningKey::from_bytes(seed)
        .verifying_key()
        .to_bytes()
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
