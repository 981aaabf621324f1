//! The digests of signatures: SHA-1 and the SHA-2 family, by their OIDs (RFC 3279 §2.2, RFC 5754 §2).
//! A leaf module: the signature verifiers (`crate::cert::verify`, `crate::arith::rsa`) name a hash
//! by this enum, so neither depends on the other for it.

use const_oid::ObjectIdentifier as Oid;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

/// id-sha1, also the RSASSA-PSS default hash (RFC 4055 §3.1).
pub(crate) const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");

/// A digest algorithm a certificate signature may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub(crate) fn from_oid(oid: &Oid) -> Option<Hash> {
        const HASHES: &[(Oid, Hash)] = &[
            (SHA1, Hash::Sha1),
            (Oid::new_unwrap("2.16.840.1.101.3.4.2.4"), Hash::Sha224),
            (Oid::new_unwrap("2.16.840.1.101.3.4.2.1"), Hash::Sha256),
            (Oid::new_unwrap("2.16.840.1.101.3.4.2.2"), Hash::Sha384),
            (Oid::new_unwrap("2.16.840.1.101.3.4.2.3"), Hash::Sha512),
        ];
        HASHES.iter().find(|(o, _)| o == oid).map(|(_, h)| *h)
    }

    pub(crate) fn digest(self, data: &[u8]) -> alloc::vec::Vec<u8> {
        match self {
            Hash::Sha1 => Sha1::digest(data).to_vec(),
            Hash::Sha224 => Sha224::digest(data).to_vec(),
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}
