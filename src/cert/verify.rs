//! Certificate signature verification (RFC 5280 §4.1.1.2-3, §6.1.3 (a)(1)).
//!
//! Verifies RSA PKCS#1 v1.5 (SHA-1/224/256/384/512), RSASSA-PSS (RFC 4055, SHA-256/384/512 with MGF1 of
//! the same hash), ECDSA on P-256 / P-384 (SHA-1/224/256/384/512) and Ed25519. Anything else is reported as
//! [`Verdict::Unsupported`]: the chain check reports it and never refuses the chain for it (SPEC.md).

use const_oid::ObjectIdentifier as Oid;

use crate::alg::{self, Curve};
use crate::arith::{ecdsa, rsa};
use crate::asn1::{self, AlgorithmId, DerResult, Reader, Spki, Tlv, context};
use crate::hash::{Hash, SHA1};

/// id-mgf1, RFC 4055 §2.2.
const MGF1: Oid = Oid::new_unwrap("1.2.840.113549.1.1.8");

/// Result of checking one signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The signature verifies.
    Valid,
    /// The signature does not verify (or the key cannot have made it).
    Invalid,
    /// The library cannot check this signature/key combination; the reason says which part.
    Unsupported(&'static str),
}

use alloc::string::ToString;

/// The signature scheme named by a certificate's signatureAlgorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    RsaPkcs1(Hash),
    RsaPss { hash: Hash, salt: usize },
    Ecdsa(Hash),
    Ed25519,
}

/// How a signature algorithm is verified: a fixed scheme, RSASSA-PSS (parameters decide), or not at all.
#[derive(Clone, Copy)]
enum How {
    Fixed(Scheme),
    Pss,
    No(&'static str),
}

/// Signature algorithm OIDs, the names `openssl x509 -text` prints for them, and how to verify them.
#[rustfmt::skip]
const SIGNATURES: &[(Oid, &str, How)] = &[
    (Oid::new_unwrap("1.2.840.113549.1.1.4"), "md5WithRSAEncryption", How::No("MD5 signatures are not verified")),
    (Oid::new_unwrap("1.2.840.113549.1.1.5"), "sha1WithRSAEncryption", How::Fixed(Scheme::RsaPkcs1(Hash::Sha1))),
    (Oid::new_unwrap("1.2.840.113549.1.1.10"), "rsassaPss", How::Pss),
    (Oid::new_unwrap("1.2.840.113549.1.1.11"), "sha256WithRSAEncryption", How::Fixed(Scheme::RsaPkcs1(Hash::Sha256))),
    (Oid::new_unwrap("1.2.840.113549.1.1.12"), "sha384WithRSAEncryption", How::Fixed(Scheme::RsaPkcs1(Hash::Sha384))),
    (Oid::new_unwrap("1.2.840.113549.1.1.13"), "sha512WithRSAEncryption", How::Fixed(Scheme::RsaPkcs1(Hash::Sha512))),
    (Oid::new_unwrap("1.2.840.113549.1.1.14"), "sha224WithRSAEncryption", How::Fixed(Scheme::RsaPkcs1(Hash::Sha224))),
    (Oid::new_unwrap("1.2.840.10045.4.1"), "ecdsa-with-SHA1", How::Fixed(Scheme::Ecdsa(Hash::Sha1))),
    (Oid::new_unwrap("1.2.840.10045.4.3.1"), "ecdsa-with-SHA224", How::Fixed(Scheme::Ecdsa(Hash::Sha224))),
    (Oid::new_unwrap("1.2.840.10045.4.3.2"), "ecdsa-with-SHA256", How::Fixed(Scheme::Ecdsa(Hash::Sha256))),
    (Oid::new_unwrap("1.2.840.10045.4.3.3"), "ecdsa-with-SHA384", How::Fixed(Scheme::Ecdsa(Hash::Sha384))),
    (Oid::new_unwrap("1.2.840.10045.4.3.4"), "ecdsa-with-SHA512", How::Fixed(Scheme::Ecdsa(Hash::Sha512))),
    (Oid::new_unwrap("1.3.101.112"), "ED25519", How::Fixed(Scheme::Ed25519)),
    (Oid::new_unwrap("1.3.101.113"), "ED448", How::No("Ed448 signatures are not verified")),
    (Oid::new_unwrap("1.2.156.10197.1.501"), "SM2-with-SM3", How::No("SM2-with-SM3 signatures are not verified")),
    (Oid::new_unwrap("1.2.840.10040.4.3"), "dsaWithSHA1", How::No("DSA signatures are not verified")),
    (Oid::new_unwrap("2.16.840.1.101.3.4.3.1"), "dsa_with_SHA224", How::No("DSA signatures are not verified")),
    (Oid::new_unwrap("2.16.840.1.101.3.4.3.2"), "dsa_with_SHA256", How::No("DSA signatures are not verified")),
];

fn lookup(oid: &Oid) -> Option<&'static (Oid, &'static str, How)> {
    SIGNATURES.iter().find(|(o, _, _)| o == oid)
}

/// The name of a signature algorithm as OpenSSL prints it, or the dotted OID.
pub(crate) fn signature_name(oid: &Oid) -> alloc::string::String {
    lookup(oid).map_or_else(|| oid.to_string(), |(_, name, _)| (*name).to_string())
}

pub(crate) fn scheme(algorithm: &AlgorithmId<'_>) -> Result<Scheme, &'static str> {
    match lookup(&algorithm.oid).map(|(_, _, how)| *how) {
        Some(How::Fixed(s)) => Ok(s),
        Some(How::Pss) => pss_scheme(algorithm.parameters.as_ref()),
        Some(How::No(why)) => Err(why),
        None => Err("unknown signature algorithm"),
    }
}

/// The parsed RSASSA-PSS-params: hash, MGF1 hash, salt length.
type PssParams = (Oid, Option<Oid>, u64);

/// `RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] DEFAULT sha1, maskGenAlgorithm [1] DEFAULT
/// mgf1SHA1, saltLength [2] INTEGER DEFAULT 20, trailerField [3] INTEGER DEFAULT 1 }` (RFC 4055
/// §3.1, EXPLICIT tags). The MGF hash is `None` when MGF1 names no hash.
fn read_pss(params: &Tlv<'_>) -> Result<PssParams, &'static str> {
    const MALFORMED: &str = "malformed RSASSA-PSS parameters";
    fn explicit<'a>(r: &mut Reader<'a>, n: u8) -> DerResult<Option<Reader<'a>>> {
        Ok(r.optional(context(n, true))?.map(|t| t.reader()))
    }
    let read = || -> DerResult<Result<PssParams, &'static str>> {
        if params.tag != asn1::SEQUENCE {
            return Err(asn1::DerError::UnexpectedTag);
        }
        let mut r = params.reader();
        let hash = match explicit(&mut r, 0)? {
            Some(mut inner) => {
                let a = inner.algorithm()?;
                inner.finish()?;
                a.oid
            }
            None => SHA1,
        };
        let mgf_hash = match explicit(&mut r, 1)? {
            Some(mut inner) => {
                let mgf = inner.algorithm()?;
                inner.finish()?;
                if mgf.oid != MGF1 {
                    return Ok(Err(
                        "RSASSA-PSS with a mask generation function other than MGF1",
                    ));
                }
                match mgf.parameters {
                    Some(p) => Some(Reader::new(p.raw).algorithm()?.oid),
                    None => None,
                }
            }
            None => Some(SHA1),
        };
        let salt = match explicit(&mut r, 2)? {
            Some(mut inner) => {
                let salt = inner.small_uint()?;
                inner.finish()?;
                salt
            }
            None => 20,
        };
        if let Some(mut inner) = explicit(&mut r, 3)? {
            // trailerFieldBC (1) is the only trailer defined.
            if inner.small_uint()? != 1 {
                return Err(asn1::DerError::Integer);
            }
            inner.finish()?;
        }
        r.finish()?;
        Ok(Ok((hash, mgf_hash, salt)))
    };
    read().map_err(|_| MALFORMED)?
}

/// RSASSA-PSS: hash, MGF1 with the same hash, any salt length, trailer 1.
fn pss_scheme(params: Option<&Tlv<'_>>) -> Result<Scheme, &'static str> {
    let params = params.ok_or("RSASSA-PSS without parameters")?;
    let (hash, mgf_hash, salt) = read_pss(params)?;
    let hash = Hash::from_oid(&hash).ok_or("RSASSA-PSS with an unsupported hash")?;
    let mgf_hash = mgf_hash.ok_or("RSASSA-PSS without an MGF hash")?;
    if Hash::from_oid(&mgf_hash) != Some(hash) {
        return Err("RSASSA-PSS with an MGF1 hash other than the message hash");
    }
    Ok(Scheme::RsaPss {
        hash,
        salt: usize::try_from(salt).map_err(|_| "malformed RSASSA-PSS parameters")?,
    })
}

/// Does `issuer`'s key verify `signature` over `tbs` with `algorithm`?
pub(crate) fn verify(
    tbs: &[u8],
    algorithm: &AlgorithmId<'_>,
    signature: &[u8],
    issuer: &Spki<'_>,
) -> Verdict {
    let scheme = match scheme(algorithm) {
        Ok(s) => s,
        Err(reason) => return Verdict::Unsupported(reason),
    };
    let key_oid = issuer.algorithm.oid;
    let key = issuer.key;
    match scheme {
        Scheme::RsaPkcs1(hash) | Scheme::RsaPss { hash, .. } => {
            if key_oid != alg::RSA_ENCRYPTION && key_oid != alg::RSASSA_PSS {
                return Verdict::Invalid;
            }
            verify_rsa(scheme, &hash.digest(tbs), signature, key)
        }
        Scheme::Ecdsa(hash) => {
            if key_oid != alg::EC_PUBLIC_KEY {
                return Verdict::Invalid;
            }
            let curve = issuer
                .algorithm
                .parameters_oid()
                .and_then(|o| Curve::from_oid(&o));
            verify_ecdsa(curve, &hash.digest(tbs), signature, key)
        }
        Scheme::Ed25519 => {
            if key_oid != alg::ED25519 {
                return Verdict::Invalid;
            }
            verify_ed25519(tbs, signature, key)
        }
    }
}

fn verdict(ok: bool) -> Verdict {
    if ok { Verdict::Valid } else { Verdict::Invalid }
}

pub(crate) fn verify_rsa(scheme: Scheme, digest: &[u8], signature: &[u8], key: &[u8]) -> Verdict {
    let Some((n, e)) = alg::rsa_public_key(key) else {
        return Verdict::Invalid;
    };
    // Every size the parser reports (512..=16384) is verified; the size policy is the provider's.
    let public = match rsa::PublicKey::new(n, e) {
        Ok(public) => public,
        Err(why) => return Verdict::Unsupported(why),
    };
    verdict(match scheme {
        Scheme::RsaPkcs1(hash) => public.verify_pkcs1(hash, digest, signature),
        Scheme::RsaPss { hash, salt } => public.verify_pss(hash, digest, signature, salt),
        Scheme::Ecdsa(_) | Scheme::Ed25519 => false,
    })
}

fn verify_ecdsa(curve: Option<Curve>, digest: &[u8], signature: &[u8], point: &[u8]) -> Verdict {
    match curve {
        Some(Curve::P256) => verdict(
            ecdsa_r_s::<64>(signature).is_some_and(|rs| ecdsa::verify_p256(digest, &rs, point)),
        ),
        Some(Curve::P384) => verdict(
            ecdsa_r_s::<96>(signature).is_some_and(|rs| ecdsa::verify_p384(digest, &rs, point)),
        ),
        Some(Curve::P521) => Verdict::Unsupported("ECDSA on P-521 is not verified"),
        Some(Curve::Secp256k1) => Verdict::Unsupported("ECDSA on secp256k1 is not verified"),
        Some(Curve::Sm2) => Verdict::Unsupported("SM2 keys are not verified"),
        None => Verdict::Unsupported("ECDSA on an unknown curve"),
    }
}

/// `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 5480 §2.2, strict DER) as the
/// fixed-width `r ‖ s` of `N` bytes; `None` when r or s is negative or wider than half of `N`.
pub(crate) fn ecdsa_r_s<const N: usize>(der: &[u8]) -> Option<[u8; N]> {
    let seq = asn1::parse_one(der, asn1::SEQUENCE).ok()?;
    let mut r = seq.reader();
    let (a, b) = (r.uint().ok()?, r.uint().ok()?);
    r.finish().ok()?;
    let half = N / 2;
    let mut out = [0u8; N];
    for (value, end) in [(a, half), (b, N)] {
        if value.len() > half {
            return None;
        }
        out.get_mut(end.checked_sub(value.len())?..end)?
            .copy_from_slice(value);
    }
    Some(out)
}

fn verify_ed25519(message: &[u8], signature: &[u8], key: &[u8]) -> Verdict {
    let (Ok(key_bytes), Ok(sig)) = (
        <[u8; 32]>::try_from(key),
        ed25519_dalek::Signature::from_slice(signature),
    ) else {
        return Verdict::Invalid;
    };
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes) else {
        return Verdict::Invalid;
    };
    verdict(key.verify_strict(message, &sig).is_ok())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// Deterministic test bytes: SHA-256 of seed ‖ counter, counter = 0, 1, ….
    pub(crate) fn stream(seed: &[u8], len: usize) -> alloc::vec::Vec<u8> {
        (0u32..)
            .flat_map(|i| Sha256::digest([seed, &i.to_be_bytes()].concat()))
            .take(len)
            .collect()
    }

    /// Every certificate of the fixture corpus (tests/fixtures, generated and real-world), each
    /// once: the material the verifiers are compared with their oracles on.
    pub(crate) fn corpus_certificates() -> alloc::vec::Vec<alloc::vec::Vec<u8>> {
        let mut certs = alloc::vec::Vec::new();
        let mut dirs = alloc::vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|x| x == "pem") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for block in crate::input::read(&text).blocks {
                        if block.label == "CERTIFICATE"
                            && crate::cert::Cert::parse(&block.der).is_ok()
                        {
                            certs.push(block.der.to_vec());
                        }
                    }
                }
            }
        }
        certs.sort();
        certs.dedup();
        certs
    }

    #[test]
    fn names_known_and_unknown() {
        assert_eq!(
            signature_name(&Oid::new_unwrap("1.2.840.113549.1.1.11")),
            "sha256WithRSAEncryption"
        );
        assert_eq!(signature_name(&Oid::new_unwrap("1.2.3.4")), "1.2.3.4");
    }

    #[test]
    fn ecdsa_signatures_are_strict_der() {
        // SEQUENCE { r = 0x0102, s = 0x00ff (positive, so one leading zero) }
        let der = [0x30, 0x08, 0x02, 0x02, 0x01, 0x02, 0x02, 0x02, 0x00, 0xff];
        let rs = ecdsa_r_s::<8>(&der);
        assert_eq!(rs, Some([0, 0, 1, 2, 0, 0, 0, 0xff]));
        // Negative s, r wider than half, trailing bytes.
        assert_eq!(
            ecdsa_r_s::<8>(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x80]),
            None
        );
        assert_eq!(
            ecdsa_r_s::<4>(&[0x30, 0x07, 0x02, 0x03, 0x01, 0x02, 0x03, 0x02, 0x01, 0x01]),
            None
        );
        assert_eq!(ecdsa_r_s::<8>(&[der.as_slice(), &[0]].concat()), None);
    }

    #[test]
    fn pss_parameters() {
        // SEQUENCE { [0] { sha256 }, [1] { mgf1, sha256 }, [2] { 32 } } as openssl writes it.
        let der = [
            0x30, 0x34, 0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
            0x04, 0x02, 0x01, 0x05, 0x00, 0xa1, 0x1c, 0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48,
            0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
            0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0xa2, 0x03, 0x02, 0x01, 0x20,
        ];
        let tlv = asn1::parse_one(&der, asn1::SEQUENCE).ok();
        assert_eq!(
            tlv.as_ref().map(|t| pss_scheme(Some(t))),
            Some(Ok(Scheme::RsaPss {
                hash: Hash::Sha256,
                salt: 32
            }))
        );
        // Empty parameters: every default (SHA-1, MGF1-SHA-1, salt 20).
        assert_eq!(
            pss_scheme(Some(&Tlv {
                tag: asn1::SEQUENCE,
                value: &[],
                raw: &[0x30, 0x00]
            })),
            Ok(Scheme::RsaPss {
                hash: Hash::Sha1,
                salt: 20
            })
        );
        // trailerField 2 does not exist.
        assert_eq!(
            pss_scheme(Some(&Tlv {
                tag: asn1::SEQUENCE,
                value: &[0xa3, 0x03, 0x02, 0x01, 0x02],
                raw: &[]
            })),
            Err("malformed RSASSA-PSS parameters")
        );
    }

    #[test]
    fn unsupported_schemes_are_reported_not_refused() {
        let alg = |oid: &str| AlgorithmId {
            oid: Oid::new_unwrap(oid),
            parameters: None,
            raw: &[],
        };
        assert!(scheme(&alg("1.2.156.10197.1.501")).is_err());
        assert!(matches!(
            scheme(&alg("1.2.840.113549.1.1.10")),
            Err("RSASSA-PSS without parameters")
        ));
    }
}
