//! Algorithm identification shared by certificates and keys: OIDs, curves, key sizes.
//!
//! OIDs and their meaning: RFC 3279, RFC 5480, RFC 8410, GM/T 0006 (PROVIDERS.md §4).

use const_oid::ObjectIdentifier as Oid;

use crate::asn1::{self, bit_len};

/// rsaEncryption, RFC 8017 A.1.
pub(crate) const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
/// RSASSA-PSS, RFC 4055 §3.1 (also used as an SPKI algorithm).
pub(crate) const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
/// id-ecPublicKey, RFC 5480 §2.1.1 (SM2 certificates use it too).
pub(crate) const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
/// id-ecPublicKey's SM2 twin some tools emit (GM/T 0006 sm2 = 1.2.156.10197.1.301 as the algorithm).
pub(crate) const SM2_CURVE: Oid = Oid::new_unwrap("1.2.156.10197.1.301");
/// SM3withSM2 signature, GM/T 0006.
pub(crate) const SM3_WITH_SM2: Oid = Oid::new_unwrap("1.2.156.10197.1.501");
/// id-Ed25519, RFC 8410 §3.
pub(crate) const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
/// id-Ed448, RFC 8410 §3.
pub(crate) const ED448: Oid = Oid::new_unwrap("1.3.101.113");
/// id-dsa, RFC 3279 §2.3.2.
pub(crate) const DSA: Oid = Oid::new_unwrap("1.2.840.10040.4.1");
/// prime256v1, RFC 5480 §2.1.1.1.
pub(crate) const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
/// secp384r1.
pub(crate) const P384: Oid = Oid::new_unwrap("1.3.132.0.34");
/// secp521r1.
pub(crate) const P521: Oid = Oid::new_unwrap("1.3.132.0.35");
/// secp256k1.
pub(crate) const SECP256K1: Oid = Oid::new_unwrap("1.3.132.0.10");

/// A public-key algorithm as the report names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// RSA (rsaEncryption or RSASSA-PSS keys).
    Rsa,
    /// Elliptic curve (ECDSA) keys on a NIST or SEC curve.
    Ec,
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// SM2 (GM/T 0003) keys.
    Sm2,
    /// DSA.
    Dsa,
    /// Anything else.
    Unknown,
}

impl KeyAlgorithm {
    /// The name used in `CertInfo.keyAlgorithm` / `KeyInfo.keyAlgorithm`.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyAlgorithm::Rsa => "RSA",
            KeyAlgorithm::Ec => "EC",
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::Ed448 => "Ed448",
            KeyAlgorithm::Sm2 => "SM2",
            KeyAlgorithm::Dsa => "DSA",
            KeyAlgorithm::Unknown => "unknown",
        }
    }
}

/// A named elliptic curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// NIST P-256.
    P256,
    /// NIST P-384.
    P384,
    /// NIST P-521.
    P521,
    /// secp256k1.
    Secp256k1,
    /// The SM2 curve sm2p256v1.
    Sm2,
}

impl Curve {
    /// The name used in `CertInfo.curve`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Sm2 => "SM2",
        }
    }

    /// Field size in bits.
    pub const fn bits(self) -> u32 {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Sm2 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }

    /// Length of one field element in bytes.
    pub const fn field_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Sm2 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// The curve named by an OID, if we know it.
    /// Every curve we know.
    pub(crate) const ALL: [Curve; 5] = [
        Curve::P256,
        Curve::P384,
        Curve::P521,
        Curve::Secp256k1,
        Curve::Sm2,
    ];

    /// The curve's domain parameters.
    pub(crate) const fn params(self) -> &'static crate::arith::curves::Params {
        match self {
            Curve::P256 => &crate::arith::curves::P256,
            Curve::P384 => &crate::arith::curves::P384,
            Curve::P521 => &crate::arith::curves::P521,
            Curve::Secp256k1 => &crate::arith::curves::SECP256K1,
            Curve::Sm2 => &crate::arith::curves::SM2,
        }
    }

    /// The curve's OBJECT IDENTIFIER.
    pub const fn oid(self) -> Oid {
        match self {
            Curve::P256 => P256,
            Curve::P384 => P384,
            Curve::P521 => P521,
            Curve::Secp256k1 => SECP256K1,
            Curve::Sm2 => SM2_CURVE,
        }
    }

    /// The curve an OBJECT IDENTIFIER names, if we know it.
    pub fn from_oid(oid: &Oid) -> Option<Curve> {
        match *oid {
            P256 => Some(Curve::P256),
            P384 => Some(Curve::P384),
            P521 => Some(Curve::P521),
            SECP256K1 => Some(Curve::Secp256k1),
            SM2_CURVE => Some(Curve::Sm2),
            _ => None,
        }
    }
}

/// What a SubjectPublicKeyInfo holds, in report terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicKeyDesc {
    /// The algorithm.
    pub algorithm: KeyAlgorithm,
    /// Key size in bits (see [`crate::CertInfo::key_bits`]).
    pub bits: u32,
    /// The curve of EC/SM2 keys.
    pub curve: Option<Curve>,
}

/// Classifies an EC key by its curve parameter: SM2 curve → SM2, others → EC.
pub(crate) fn ec_desc(curve: Option<Curve>) -> PublicKeyDesc {
    match curve {
        Some(Curve::Sm2) => PublicKeyDesc {
            algorithm: KeyAlgorithm::Sm2,
            bits: 256,
            curve: Some(Curve::Sm2),
        },
        Some(c) => PublicKeyDesc {
            algorithm: KeyAlgorithm::Ec,
            bits: c.bits(),
            curve: Some(c),
        },
        None => PublicKeyDesc {
            algorithm: KeyAlgorithm::Ec,
            bits: 0,
            curve: None,
        },
    }
}

/// Describes a SubjectPublicKeyInfo. Never fails: what cannot be read is `Unknown` / 0 bits.
pub(crate) fn describe_key(spki: &asn1::Spki<'_>) -> PublicKeyDesc {
    let algorithm = &spki.algorithm;
    match algorithm.oid {
        RSA_ENCRYPTION | RSASSA_PSS => PublicKeyDesc {
            algorithm: KeyAlgorithm::Rsa,
            bits: rsa_public_key(spki.key).map_or(0, |(n, _)| bit_len(n)),
            curve: None,
        },
        EC_PUBLIC_KEY => ec_desc(ec_curve(algorithm)),
        // Some SM2 tooling puts the SM2 OID itself in the algorithm field.
        SM2_CURVE => ec_desc(Some(Curve::Sm2)),
        ED25519 => PublicKeyDesc {
            algorithm: KeyAlgorithm::Ed25519,
            bits: 256,
            curve: None,
        },
        ED448 => PublicKeyDesc {
            algorithm: KeyAlgorithm::Ed448,
            bits: 456,
            curve: None,
        },
        DSA => PublicKeyDesc {
            algorithm: KeyAlgorithm::Dsa,
            bits: algorithm
                .parameters
                .and_then(|p| dss_params(&p))
                .map_or(0, |d| bit_len(d.p)),
            curve: None,
        },
        _ => PublicKeyDesc {
            algorithm: KeyAlgorithm::Unknown,
            bits: 0,
            curve: None,
        },
    }
}

/// The EC curve of `id-ecPublicKey` parameters: the named curve, or the curve explicit
/// parameters are equal to (RFC 5480 §2.1.1, RFC 3279 §2.3.5).
pub(crate) fn ec_curve(algorithm: &asn1::AlgorithmId<'_>) -> Option<Curve> {
    match algorithm.parameters_oid() {
        Some(oid) => Curve::from_oid(&oid),
        None => algorithm
            .parameters
            .filter(|p| p.tag == asn1::SEQUENCE)
            .and_then(|p| specified_curve(p.raw)),
    }
}

/// `ECParameters ::= SEQUENCE { version INTEGER (1), fieldID SEQUENCE { prime-field OID, p INTEGER },
/// curve SEQUENCE { a OCTET STRING, b OCTET STRING, seed BIT STRING OPTIONAL }, base OCTET STRING,
/// order INTEGER, cofactor INTEGER OPTIONAL }` (SEC 1 §C.2, RFC 3279 §2.3.5): the named curve these
/// explicit parameters are, if they are one we know.
pub(crate) fn specified_curve(der: &[u8]) -> Option<Curve> {
    const PRIME_FIELD: Oid = Oid::new_unwrap("1.2.840.10045.1.1");
    let mut outer = asn1::Reader::new(der);
    let mut r = outer.sequence().ok()?;
    if r.uint().ok()? != [1] {
        return None;
    }
    let mut field = r.sequence().ok()?;
    if field.oid().ok()? != PRIME_FIELD {
        return None;
    }
    let p = field.uint().ok()?;
    field.finish().ok()?;
    let mut curve = r.sequence().ok()?;
    let a = curve.octet_string().ok()?;
    let b = curve.octet_string().ok()?;
    let base = r.octet_string().ok()?;
    Curve::ALL
        .into_iter()
        .find(|c| crate::arith::curves::is_curve(c.params(), p, a, b, base))
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 A.1.1), as the
/// magnitudes `(n, e)`; both must be positive.
pub(crate) fn rsa_public_key(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut outer = asn1::Reader::new(der);
    let mut r = outer.sequence().ok()?;
    let n = r.uint().ok()?;
    let e = r.uint().ok()?;
    r.finish().ok()?;
    outer.finish().ok()?;
    (n != [0] && e != [0]).then_some((n, e))
}

/// Dss-Parms as big-endian magnitudes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dss<'a> {
    /// Prime modulus.
    pub p: &'a [u8],
    /// Subgroup order.
    pub q: &'a [u8],
    /// Generator.
    pub g: &'a [u8],
}

/// `Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }` (RFC 3279 §2.3.2), non-negative.
pub(crate) fn dss_params<'a>(params: &asn1::Tlv<'a>) -> Option<Dss<'a>> {
    if params.tag != asn1::SEQUENCE {
        return None;
    }
    let mut r = params.reader();
    let dss = Dss {
        p: r.uint().ok()?,
        q: r.uint().ok()?,
        g: r.uint().ok()?,
    };
    r.finish().ok()?;
    Some(dss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_by_oid() {
        assert_eq!(Curve::from_oid(&P256), Some(Curve::P256));
        assert_eq!(Curve::from_oid(&SM2_CURVE), Some(Curve::Sm2));
        assert_eq!(Curve::from_oid(&ED25519), None);
        assert_eq!(ec_desc(Some(Curve::Sm2)).algorithm, KeyAlgorithm::Sm2);
        assert_eq!(ec_desc(Some(Curve::P521)).bits, 521);
    }
}
