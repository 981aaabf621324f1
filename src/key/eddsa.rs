//! Ed25519 (RFC 8032 §5.1.5) public keys from the seed; Ed448 is in `crate::curves`.

pub(super) fn ed25519_public(seed: &[u8; 32]) -> [u8; 32] {
    ed25519_dalek::SigningKey::from_bytes(seed)
        .verifying_key()
        .to_bytes()
}
