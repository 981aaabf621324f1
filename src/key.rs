//! Private keys: parsing, decryption, internal consistency and key ↔ certificate matching.
//!
//! Which PEM block is the key follows Go's `crypto/tls.X509KeyPair` (PROVIDERS.md §6): the first block
//! whose label is `PRIVATE KEY` or ends with ` PRIVATE KEY`. Its DER is read as the label says
//! (`RSA PRIVATE KEY` → PKCS#1, RFC 8017 A.1.2; `EC PRIVATE KEY` → SEC1, RFC 5915; `PRIVATE KEY` →
//! PKCS#8, RFC 5208 / RFC 5958; `ENCRYPTED PRIVATE KEY` → PKCS#8 EncryptedPrivateKeyInfo with PBES2,
//! RFC 8018) and, like Go, also as the other two formats when the label is wrong. Legacy OpenSSL PEM
//! encryption (`Proc-Type: 4,ENCRYPTED` + `DEK-Info`, RFC 1421 §4.6.1 with OpenSSL's cipher names
//! and `EVP_BytesToKey` key derivation) is decrypted for AES-128/192/256-CBC, DES-EDE3-CBC and DES-CBC.
//!
//! Every structure is read with the strict DER reader in [`crate::asn1`] (no trailing bytes, shortest
//! lengths and integers), and PBES2 is decrypted with the RustCrypto primitives directly (PBKDF2 with
//! HMAC-SHA1/SHA-2, scrypt; AES-CBC, AES-GCM, DES-EDE3-CBC).
//!
//! Secrets (decrypted DER, private components, derived keys) live in [`Zeroizing`] buffers and never
//! appear in `Debug` output or error messages.
//!
//! Layout: this file holds the key types, the choice of the PEM block, [`PrivateKey`]'s report view
//! and the consistency/match dispatchers; one file per structure or scheme below it —
//! `pkcs1.rs`, `sec1.rs`, `pkcs8.rs` (the formats), `legacy.rs`, `pbes2.rs`, `pkcs12.rs`,
//! `symmetric.rs` (the encryptions), `rsa.rs`, `ec.rs`, `dsa.rs`, `eddsa.rs` (each algorithm's
//! consistency and match; the big-integer helpers they share are `crate::arith::bigint`). Each file's unit tests
//! are at its bottom; the test keys and DER builders they share are in `test_util.rs`.

mod dsa;
mod ec;
mod eddsa;
mod legacy;
mod pbes2;
mod pkcs1;
mod pkcs12;
mod pkcs8;
mod rsa;
mod sec1;
mod symmetric;

// What only the PKCS#12 reader (src/pfx.rs, feature `pkcs12`) uses is compiled with it.
#[cfg(feature = "pkcs12")]
pub(crate) use pbes2::{decrypt_any, decrypt_cost};
#[cfg(feature = "pkcs12")]
pub(crate) use pkcs12::Pkcs12Hash;
pub(crate) use pkcs12::bmp_password;

use crate::arith::bigint::*;
use dsa::*;
use ec::*;
use eddsa::*;
use legacy::*;
use pbes2::*;
use pkcs1::*;
use pkcs8::*;
use pkcs12::*;
use rsa::*;
use sec1::*;
use symmetric::*;

use crate::asn1::strip;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::OnceCell;
use core::fmt;

use const_oid::ObjectIdentifier as Oid;
use p256::elliptic_curve::bigint::BoxedUint;
use zeroize::Zeroizing;

use crate::alg::{self, Curve, KeyAlgorithm, PublicKeyDesc, ec_desc};
use crate::arith::curves;
use crate::asn1::bit_len;
use crate::asn1::{self, AlgorithmId, DerResult, Reader, Spki};
use crate::finding::KeyInfo;
/// The container format of a private key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyFormat {
    /// PKCS#1 `RSAPrivateKey` (`RSA PRIVATE KEY`).
    Pkcs1,
    /// PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (`PRIVATE KEY`).
    Pkcs8,
    /// SEC1 `ECPrivateKey` (`EC PRIVATE KEY`).
    Sec1,
}

impl KeyFormat {
    /// The name used in `KeyInfo.format`.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            KeyFormat::Pkcs1 => "PKCS#1",
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::Sec1 => "SEC1",
        }
    }

    /// The PEM label of an unencrypted key in this format.
    pub(crate) const fn pem_label(self) -> &'static str {
        match self {
            KeyFormat::Pkcs1 => "RSA PRIVATE KEY",
            KeyFormat::Pkcs8 => "PRIVATE KEY",
            KeyFormat::Sec1 => "EC PRIVATE KEY",
        }
    }
}

/// Why the key field holds no usable private key. Messages are static and never contain key bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyError {
    /// No PEM block at all in the key field.
    NoPem,
    /// A `CERTIFICATE` where a key should be (Go: "found a certificate rather than a key").
    FoundCertificate,
    /// PEM blocks, but none whose label is `PRIVATE KEY` or ends with ` PRIVATE KEY`.
    NoKeyBlock {
        /// The labels of the blocks that were skipped, in order.
        labels: Vec<String>,
    },
    /// The key block's DER is unreadable or an unsupported structure.
    Malformed(&'static str),
    /// Encrypted and no passphrase given.
    Encrypted {
        /// Legacy OpenSSL `Proc-Type: 4,ENCRYPTED` PEM rather than PKCS#8.
        legacy: bool,
        /// From the label for legacy PEM (RSA/EC/DSA); `Unknown` for PKCS#8.
        algorithm: KeyAlgorithm,
    },
    /// A passphrase was given and decryption failed (bad padding, or the plaintext is not a key).
    WrongPassphrase {
        /// Legacy OpenSSL PEM encryption rather than PKCS#8.
        legacy: bool,
        /// From the label for legacy PEM (RSA/EC/DSA); `Unknown` for PKCS#8.
        algorithm: KeyAlgorithm,
    },
    /// An encryption scheme we do not implement (PBES1, PKCS#12 PBE, PBES2 with DES-CBC, an unknown
    /// legacy PEM cipher, …).
    UnsupportedEncryption(&'static str),
    /// Deriving the decryption key would cost more than the caller's budget (`max_kdf_cost`).
    KdfTooCostly {
        /// The key derivation function, e.g. `scrypt`.
        scheme: &'static str,
        /// Its cost in [`DEFAULT_MAX_KDF_COST`]'s units.
        cost: u64,
        /// The budget it is above.
        budget: u64,
    },
}

/// The default work budget of key derivation, in cost units: one unit ≈ one hash compression
/// (PBKDF2: 2 per iteration and output block, twice that with SHA-384/512; the PKCS#12 KDF: one
/// per SHA-256 iteration and output block, 2 with SHA-384/512, and one per 6 SHA-1 iterations,
/// which are that much cheaper: see `key::pkcs12`) or one Salsa20/8 core (scrypt: 4·N·r·p).
/// 600,000 units is about 0.4–0.5 s of the wasm build on a 2-core laptop-class machine, and opens
/// the defaults of OpenSSL (scrypt N=16384, r=8, p=1: 524,288; PBKDF2 2,048 iterations: 4,096),
/// Python, Java (10,000: 20,000), Go, and a whole Firefox PKCS#12 export (600,000 SHA-1 iterations
/// for its MAC and each bag: 600,000). A PKCS#12 file's MAC and bags share one budget.
pub const DEFAULT_MAX_KDF_COST: u64 = 600_000;

/// Whether a private key belongs to a certificate's public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// The key belongs to the certificate.
    Yes,
    /// It does not.
    No {
        /// Why (static English, no key bytes).
        reason: &'static str,
    },
    /// We cannot tell for this algorithm: the report must say so as an error, never pass it.
    Unverifiable {
        /// Why (static English, no key bytes).
        reason: &'static str,
    },
    /// The certificate's public key is not a valid key of its algorithm (a point off the curve,
    /// the point at infinity, a wrong length): the certificate itself is malformed.
    BadCertificateKey {
        /// Why (static English).
        reason: &'static str,
    },
}

/// The parts of a PEM block the key parser reads: a borrowed view of `input::Block`.
#[derive(Clone, Copy)]
pub(crate) struct KeyBlockView<'a> {
    /// The PEM label (`RSA PRIVATE KEY`, `EC PARAMETERS`, …).
    pub label: &'a str,
    /// RFC 1421 headers such as `("Proc-Type", "4,ENCRYPTED")`.
    pub headers: &'a [(String, String)],
    /// The decoded body.
    pub der: &'a [u8],
}

/// A parsed, unencrypted private key.
pub(crate) struct PrivateKey {
    /// The format the PEM label names (or the DER's, when the label names none); may differ from
    /// `der_format` when the label is wrong.
    label_format: KeyFormat,
    /// The structure actually found in the (decrypted) DER.
    der_format: KeyFormat,
    /// The input was encrypted and we decrypted it.
    encrypted: bool,
    /// The unencrypted DER, in `der_format`.
    der: Zeroizing<Vec<u8>>,
    /// The key itself.
    material: Material,
}

/// Algorithm-specific key material. Big integers are big-endian without leading zeros.
enum Material {
    Rsa(Box<RsaKey>),
    Ec(EcKey),
    Ed25519 {
        seed: Zeroizing<[u8; 32]>,
        public: Option<Vec<u8>>,
    },
    Ed448 {
        seed: Zeroizing<Vec<u8>>,
        public: Option<Vec<u8>>,
        /// The public key the seed derives, computed once (consistency and match both need it).
        derived: OnceCell<Option<[u8; 57]>>,
    },
    Dsa(DsaKey),
    Unknown,
}

struct RsaKey {
    n: Vec<u8>,
    e: Vec<u8>,
    d: Zeroizing<Vec<u8>>,
    p: Zeroizing<Vec<u8>>,
    q: Zeroizing<Vec<u8>>,
    dp: Zeroizing<Vec<u8>>,
    dq: Zeroizing<Vec<u8>>,
    qinv: Zeroizing<Vec<u8>>,
    /// `(prime, exponent, coefficient)` of each additional prime.
    others: Vec<[Zeroizing<Vec<u8>>; 3]>,
    /// The key as PKCS#1 DER.
    pkcs1: Zeroizing<Vec<u8>>,
}

struct EcKey {
    /// The named curve, when it is one we know.
    curve: Option<Curve>,
    /// The curve OID as written in the key.
    curve_oid: Oid,
    scalar: Zeroizing<Vec<u8>>,
    /// SEC1 point embedded in the key file (SEC1 `publicKey` or PKCS#8 v2 `publicKey`).
    public: Option<Vec<u8>>,
    /// `04‖X‖Y` of the scalar's point, computed once: the consistency check and every match (the
    /// leaf, and each chain certificate when looking for the key's owner) compare with it.
    derived: OnceCell<Option<Vec<u8>>>,
}

struct DsaKey {
    p: Vec<u8>,
    q: Vec<u8>,
    g: Vec<u8>,
    x: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for PrivateKey {
    /// Only the format and what [`PrivateKey::desc`] says; never key bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let desc = self.desc();
        f.debug_struct("PrivateKey")
            .field("format", &self.der_format)
            .field("encrypted", &self.encrypted)
            .field("algorithm", &desc.algorithm)
            .field("bits", &desc.bits)
            .field("curve", &desc.curve)
            .finish_non_exhaustive()
    }
}

/// Parses the key field's PEM blocks, with Go `X509KeyPair` semantics for which block is the key.
#[cfg(test)]
pub(crate) fn parse(
    blocks: &[crate::input::Block],
    passphrase: Option<&str>,
) -> Result<PrivateKey, KeyError> {
    parse_with_budget(blocks, passphrase, DEFAULT_MAX_KDF_COST)
}

/// [`parse`] with a key-derivation work budget (see [`DEFAULT_MAX_KDF_COST`]): an encrypted key
/// whose derivation costs more is [`KeyError::KdfTooCostly`], before any work is done.
pub(crate) fn parse_with_budget(
    blocks: &[crate::input::Block],
    passphrase: Option<&str>,
    max_kdf_cost: u64,
) -> Result<PrivateKey, KeyError> {
    let views: Vec<KeyBlockView<'_>> = blocks
        .iter()
        .map(|b| KeyBlockView {
            label: &b.label,
            headers: &b.headers,
            der: &b.der,
        })
        .collect();
    parse_views(&views, passphrase, max_kdf_cost)
}

/// [`parse`] over borrowed views of the blocks.
pub(crate) fn parse_views(
    blocks: &[KeyBlockView<'_>],
    passphrase: Option<&str>,
    max_kdf_cost: u64,
) -> Result<PrivateKey, KeyError> {
    if blocks.is_empty() {
        return Err(KeyError::NoPem);
    }
    // Go tls.X509KeyPair: the first block typed "PRIVATE KEY" or "... PRIVATE KEY" is the key.
    let Some(block) = blocks
        .iter()
        .find(|b| b.label == "PRIVATE KEY" || b.label.ends_with(" PRIVATE KEY"))
    else {
        // Go reports "found a certificate rather than a key" only when the one skipped block is a
        // CERTIFICATE; a whole chain pasted into the key field is the same mistake, so we say so too.
        if blocks.iter().all(|b| b.label == "CERTIFICATE") {
            return Err(KeyError::FoundCertificate);
        }
        return Err(KeyError::NoKeyBlock {
            labels: blocks.iter().map(|b| String::from(b.label)).collect(),
        });
    };
    // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key; Go skips it. We use it
    // only when the SEC1 key itself names no curve (leniency: Go would fail such a key).
    let curve_hint = blocks
        .iter()
        .find(|b| b.label == "EC PARAMETERS")
        .and_then(|b| named_curve(b.der).ok());

    if is_legacy_encrypted(block.headers) {
        return decrypt_legacy(block, passphrase, curve_hint);
    }

    let label_format = match block.label {
        "RSA PRIVATE KEY" => Some(KeyFormat::Pkcs1),
        "EC PRIVATE KEY" => Some(KeyFormat::Sec1),
        "PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => Some(KeyFormat::Pkcs8),
        _ => None,
    };

    // EncryptedPrivateKeyInfo is recognised under any label (and a plain key under the encrypted
    // label): the two structures cannot be confused, and Go, too, goes by the DER, not the label.
    if block.label == "ENCRYPTED PRIVATE KEY" {
        if let Some(enc) = EncryptedInfo::decode(block.der) {
            return decrypt_pkcs8(&enc, passphrase, curve_hint, max_kdf_cost);
        }
    }
    let plain = decode_plain(block.der, label_format, curve_hint);
    let msg = match plain {
        Ok((der_format, material)) => {
            return Ok(PrivateKey {
                label_format: label_format.unwrap_or(der_format),
                der_format,
                encrypted: false,
                der: Zeroizing::new(block.der.to_vec()),
                material,
            });
        }
        Err(msg) => msg,
    };
    if let Some(enc) = EncryptedInfo::decode(block.der) {
        return decrypt_pkcs8(&enc, passphrase, curve_hint, max_kdf_cost);
    }
    Err(KeyError::Malformed(match block.label {
        "OPENSSH PRIVATE KEY" => {
            "OpenSSH private keys are not supported; convert with ssh-keygen -p -m PEM"
        }
        "DSA PRIVATE KEY" => "traditional OpenSSL DSA keys are not supported; convert to PKCS#8",
        "ENCRYPTED PRIVATE KEY" => "not a valid PKCS#8 EncryptedPrivateKeyInfo",
        _ => msg,
    }))
}

/// A key from unencrypted DER in any of PKCS#8, PKCS#1 or SEC1 (a PKCS#12 keyBag, a decrypted
/// shrouded key bag, a DER key file). The error says why it is none of them.
#[cfg(feature = "pkcs12")]
pub(crate) fn from_plain_der(der: &[u8]) -> Result<PrivateKey, &'static str> {
    let (der_format, material) = decode_plain(der, Some(KeyFormat::Pkcs8), None)?;
    Ok(PrivateKey {
        label_format: der_format,
        der_format,
        encrypted: false,
        der: Zeroizing::new(der.to_vec()),
        material,
    })
}

/// The PEM label DER key bytes belong under: `ENCRYPTED PRIVATE KEY` for an
/// `EncryptedPrivateKeyInfo`, else the structure's own label (`PRIVATE KEY` when it is none, so
/// that the key reader names what is wrong).
pub(crate) fn der_label(der: &[u8]) -> &'static str {
    if EncryptedInfo::decode(der).is_some() {
        return "ENCRYPTED PRIVATE KEY";
    }
    decode_plain(der, None, None).map_or("PRIVATE KEY", |(f, _)| f.pem_label())
}

/// The algorithm and ciphertext of an `EncryptedPrivateKeyInfo` (a PKCS#12
/// `pkcs8ShroudedKeyBag`), for [`decrypt_any`].
#[cfg(feature = "pkcs12")]
pub(crate) fn encrypted_parts(der: &[u8]) -> Option<(crate::asn1::AlgorithmId<'_>, &[u8])> {
    EncryptedInfo::decode(der).map(|e| (e.algorithm, e.data))
}

/// Tries the label's format first, then (like Go) PKCS#1, PKCS#8 and SEC1. The error is the one from
/// the label's format (the most useful), or a generic one when the label names no format.
fn decode_plain(
    der: &[u8],
    label_format: Option<KeyFormat>,
    curve_hint: Option<Oid>,
) -> Result<(KeyFormat, Material), &'static str> {
    let mut first_err = None;
    let order = [
        label_format,
        Some(KeyFormat::Pkcs1),
        Some(KeyFormat::Pkcs8),
        Some(KeyFormat::Sec1),
    ];
    for (i, fmt) in order.iter().enumerate() {
        let Some(fmt) = *fmt else { continue };
        if i > 0 && Some(fmt) == label_format {
            continue;
        }
        let result = match fmt {
            KeyFormat::Pkcs1 => decode_pkcs1(der).map(|k| Material::Rsa(Box::new(k))),
            KeyFormat::Pkcs8 => decode_pkcs8(der),
            KeyFormat::Sec1 => decode_sec1(der, None, curve_hint).map(Material::Ec),
        };
        match result {
            Ok(m) => return Ok((fmt, m)),
            Err(e) => {
                if first_err.is_none() {
                    first_err = Some(e);
                }
            }
        }
    }
    Err(match label_format {
        Some(_) => first_err.unwrap_or("not a PKCS#1, PKCS#8 or SEC1 private key"),
        None => "not a PKCS#1, PKCS#8 or SEC1 private key",
    })
}

fn secret(magnitude: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(strip(magnitude).to_vec())
}

/// The one OBJECT IDENTIFIER `der` holds (`ECParameters ::= namedCurve`, RFC 5480 §2.1.1).
fn named_curve(der: &[u8]) -> DerResult<Oid> {
    let mut r = Reader::new(der);
    let oid = r.oid()?;
    r.finish()?;
    Ok(oid)
}

/// The one non-negative INTEGER `der` holds, as its magnitude.
fn single_uint(der: &[u8]) -> DerResult<&[u8]> {
    let mut r = Reader::new(der);
    let v = r.uint()?;
    r.finish()?;
    Ok(v)
}

/// A version INTEGER that must be one of `allowed`.
fn version(r: &mut Reader<'_>, allowed: &[u64]) -> DerResult<u64> {
    let v = r.small_uint()?;
    if allowed.contains(&v) {
        Ok(v)
    } else {
        Err(asn1::DerError::Integer)
    }
}

impl PrivateKey {
    /// The structure the key actually is (the decrypted DER's, for an encrypted key): what the
    /// report says, whatever the PEM label claimed.
    pub(crate) fn format(&self) -> KeyFormat {
        self.der_format
    }

    /// The PEM label names another structure than the DER holds (e.g. PKCS#1 `RSAPrivateKey` under
    /// `-----BEGIN PRIVATE KEY-----`): OpenSSL and Go read such a key, Python `cryptography` and
    /// Java refuse it. `(label's format, actual format)`.
    pub(crate) fn mislabelled(&self) -> Option<(KeyFormat, KeyFormat)> {
        (self.label_format != self.der_format).then_some((self.label_format, self.der_format))
    }

    /// The input was encrypted (and we decrypted it).
    pub(crate) fn was_encrypted(&self) -> bool {
        self.encrypted
    }

    /// Algorithm, size and curve, in the same terms as a certificate's key.
    pub(crate) fn desc(&self) -> PublicKeyDesc {
        match &self.material {
            Material::Rsa(k) => PublicKeyDesc {
                algorithm: KeyAlgorithm::Rsa,
                bits: bit_len(&k.n),
                curve: None,
            },
            Material::Ec(k) => ec_desc(k.curve),
            Material::Ed25519 { .. } => PublicKeyDesc {
                algorithm: KeyAlgorithm::Ed25519,
                bits: 256,
                curve: None,
            },
            Material::Ed448 { .. } => PublicKeyDesc {
                algorithm: KeyAlgorithm::Ed448,
                bits: 456,
                curve: None,
            },
            Material::Dsa(k) => PublicKeyDesc {
                algorithm: KeyAlgorithm::Dsa,
                bits: bit_len(&k.p),
                curve: None,
            },
            Material::Unknown => PublicKeyDesc {
                algorithm: KeyAlgorithm::Unknown,
                bits: 0,
                curve: None,
            },
        }
    }

    /// The report's view of the key.
    pub(crate) fn info(&self) -> KeyInfo {
        let desc = self.desc();
        KeyInfo {
            format: if self.encrypted {
                "encrypted"
            } else {
                self.der_format.as_str()
            },
            key_algorithm: desc.algorithm.as_str(),
            key_bits: desc.bits,
            curve: desc.curve.map(Curve::as_str),
            source: "pem",
        }
    }

    /// Internal consistency of the key file. RSA: n odd, 1 < e, p·q(·rᵢ…) = n, e·d ≡ 1 and
    /// dP/dQ/dᵢ = d mod (r−1) for every prime r, qInv·q ≡ 1 (mod p) and the multi-prime
    /// coefficients. EC: scalar in [1, n−1] on every named curve we know; on P-256/P-384 an
    /// embedded public key must be the scalar's point (elsewhere only well-formed). Ed25519: a
    /// PKCS#8 v2 public key must be the seed's. DSA: structural (q | p−1, g of order q, 0 < x < q).
    /// Ed448 and unknown algorithms: lengths only.
    pub(crate) fn check_consistency(&self) -> Result<(), &'static str> {
        match &self.material {
            Material::Rsa(k) => check_rsa(k),
            Material::Ec(k) => check_ec(k),
            Material::Ed25519 { seed, public } => check_ed25519(seed, public.as_deref()),
            Material::Ed448 {
                seed,
                public,
                derived,
            } => check_ed448(ed448_derived(seed, derived), public.as_deref()),
            Material::Dsa(k) => check_dsa(k),
            Material::Unknown => Ok(()),
        }
    }

    /// Does this key belong to the certificate whose SubjectPublicKeyInfo is given? Each
    /// algorithm's file decides: RSA n and e (`rsa.rs`); EC, Ed25519, Ed448: the public key derived
    /// from the private one (`ec.rs`, `eddsa.rs`; a public key stored in the key file is never
    /// trusted); DSA y = gˣ mod p (`dsa.rs`). A different algorithm or curve is `No`; an algorithm
    /// we cannot compare is `Unverifiable`, which the report turns into an error.
    pub(crate) fn matches(&self, spki: &Spki<'_>) -> Match {
        let cert = alg::describe_key(spki).algorithm;
        let same = |algorithm: KeyAlgorithm| cert == algorithm;
        match &self.material {
            Material::Rsa(k) if same(KeyAlgorithm::Rsa) => match_rsa(k, spki.key),
            Material::Ec(k) => match_ec(k, spki),
            Material::Ed25519 { seed, .. } if same(KeyAlgorithm::Ed25519) => {
                match_ed25519(seed, spki.key)
            }
            Material::Ed448 { seed, derived, .. } if same(KeyAlgorithm::Ed448) => {
                match_ed448(ed448_derived(seed, derived), spki.key)
            }
            Material::Dsa(k) if same(KeyAlgorithm::Dsa) => match_dsa(k, spki),
            Material::Unknown if same(KeyAlgorithm::Unknown) => Match::Unverifiable {
                reason: "the key's algorithm is not one we can match",
            },
            _ => Match::No {
                reason: "the key's algorithm differs from the certificate's",
            },
        }
    }

    /// The key as PKCS#1 `RSAPrivateKey` DER (RSA keys only), for providers that require PKCS#1.
    pub(crate) fn to_pkcs1_der(&self) -> Option<Zeroizing<Vec<u8>>> {
        match &self.material {
            Material::Rsa(k) => Some(k.pkcs1.clone()),
            _ => None,
        }
    }

    /// The unencrypted key's DER and PEM label, in the structure found in the DER.
    pub(crate) fn to_der(&self) -> (&'static str, Zeroizing<Vec<u8>>) {
        (self.der_format.pem_label(), self.der.clone())
    }
}

/// Why a certificate's public key is not a valid key of its algorithm, if it is not: an EC point
/// that is not on its (known) curve, or is the point at infinity, truncated or oversized (SEC 1
/// §2.3.4); an Ed25519/Ed448 key of the wrong length or not a point (RFC 8410 §3); an RSA key that
/// does not parse (RFC 8017 A.1.1). Algorithms and curves we do not know are not judged here.
pub(crate) fn public_key_problem(spki: &Spki<'_>) -> Option<&'static str> {
    let desc = alg::describe_key(spki);
    match desc.algorithm {
        KeyAlgorithm::Rsa => alg::rsa_public_key(spki.key)
            .is_none()
            .then_some("the RSA public key does not parse"),
        KeyAlgorithm::Ec | KeyAlgorithm::Sm2 => desc
            .curve
            .and_then(|c| curves::decode_point(c.params(), spki.key).err()),
        KeyAlgorithm::Ed25519 => {
            let point = <[u8; 32]>::try_from(spki.key).ok();
            point
                .is_none_or(|p| ed25519_dalek::VerifyingKey::from_bytes(&p).is_err())
                .then_some("the Ed25519 public key is not a 32-byte point of the curve")
        }
        KeyAlgorithm::Ed448 => (!curves::ed448_point_valid(spki.key))
            .then_some("the Ed448 public key is not a 57-byte point of the curve"),
        KeyAlgorithm::Dsa | KeyAlgorithm::Unknown => None,
    }
}

#[cfg(test)]
mod test_util;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_util::*;

    #[test]
    fn key_structures_are_strict_der() {
        let malformed = |label: &str, der: &[u8]| match parse(&blocks(&pem_of(label, der)), None) {
            Err(KeyError::Malformed(why)) => why,
            other => panic!("{label}: {other:?}"),
        };
        // Trailing bytes after each format.
        for (label, pem) in [
            ("RSA PRIVATE KEY", RSA1024),
            ("EC PRIVATE KEY", P256B),
            ("PRIVATE KEY", RSA1024_P8),
            ("PRIVATE KEY", ED25519),
        ] {
            let mut der = der_of(pem);
            der.push(0);
            malformed(label, &der);
        }
        // PKCS#1 version 1 (multi-prime) without otherPrimeInfos.
        let mut der = der_of(RSA1024);
        assert_eq!(der[4..7], [0x02, 0x01, 0x00]);
        der[6] = 1;
        assert_eq!(
            malformed("RSA PRIVATE KEY", &der),
            "not a valid PKCS#1 RSAPrivateKey"
        );
        // SEC1 with explicit (specifiedCurve) parameters: [0] holds a SEQUENCE, not an OID.
        let mut der = der_of(P256B);
        assert_eq!(der[41..43], [0x06, 0x08]);
        der[41] = 0x30;
        assert_eq!(
            malformed("EC PRIVATE KEY", &der),
            "not a valid SEC1 ECPrivateKey (explicit curve parameters are not supported)"
        );
        // SEC1 version 0.
        let mut der = der_of(P256B);
        der[4] = 0;
        malformed("EC PRIVATE KEY", &der);
        // PKCS#8 v1 with a public key, v2 without one, and [1] encoded as constructed.
        let mut der = der_of(ED_V2_OK);
        der[4] = 0;
        assert_eq!(
            malformed("PRIVATE KEY", &der),
            "not a valid PKCS#8 PrivateKeyInfo"
        );
        let mut der = der_of(ED25519);
        der[4] = 1;
        malformed("PRIVATE KEY", &der);
        let mut der = der_of(ED_V2_OK);
        der[4] = 0;
        assert_eq!(der[48], 0x81);
        der[48] = 0xa1;
        malformed("PRIVATE KEY", &der);
        // Attributes ([0], skipped) and a later [n] EXPLICIT extension field are accepted.
        let v1 = der_of(ED25519);
        let inner = &v1[2..];
        let attrs = tlv(0xa0, &[&tlv(0x30, &[&oid_der("1.2.3.4"), &tlv(0x31, &[])])]);
        let ext = tlv(0xa3, &[&[0x05, 0x00]]);
        let k = key(&pem_of("PRIVATE KEY", &tlv(0x30, &[inner, &attrs, &ext])));
        assert_eq!(matches(&k, ED25519_PUB), Match::Yes);
        // ... but not a primitive one.
        malformed("PRIVATE KEY", &tlv(0x30, &[inner, &[0x83, 0x00]]));
        // A curve hint that is not exactly one OID is ignored.
        let params = format!(
            "{}{}",
            pem_of("EC PARAMETERS", &[0x06, 0x03, 0x2b, 0x81, 0x04, 0x00]),
            SEC1_NOPARAMS
        );
        assert!(matches!(err(&params), KeyError::Malformed(_)));
    }

    #[test]
    fn wrong_inputs() {
        assert_eq!(parse(&[], None).unwrap_err(), KeyError::NoPem);
        assert_eq!(err(P256B_CERT), KeyError::FoundCertificate);
        let both = format!("{P256B_CERT}{P256B_CERT}");
        assert_eq!(err(&both), KeyError::FoundCertificate);
        let mixed = format!(
            "{P256B_CERT}{}",
            pem_of("EC PARAMETERS", &der_of(SEC1_WITH_PARAMS)[..0])
        );
        assert_eq!(
            err(&mixed),
            KeyError::NoKeyBlock {
                labels: vec![String::from("CERTIFICATE"), String::from("EC PARAMETERS")]
            }
        );
        assert_eq!(
            err(P256B_PUB),
            KeyError::NoKeyBlock {
                labels: vec![String::from("PUBLIC KEY")]
            }
        );
        for label in [
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY",
            "OPENSSH PRIVATE KEY",
        ] {
            let pem = pem_of(label, b"\x30\x03\x02\x01\x00garbage");
            assert!(matches!(err(&pem), KeyError::Malformed(_)), "{label}");
        }
    }

    #[test]
    fn wrong_label_is_accepted_like_go() {
        // PKCS#1 DER under a PKCS#8 label, and SEC1 DER under an RSA label.
        let k = key(&pem_of("PRIVATE KEY", &der_of(RSA1024)));
        assert_eq!(
            k.format(),
            KeyFormat::Pkcs1,
            "what the DER is, not what the label says"
        );
        assert_eq!(k.mislabelled(), Some((KeyFormat::Pkcs8, KeyFormat::Pkcs1)));
        assert_eq!(k.info().format, "PKCS#1");
        assert_eq!(k.to_der().0, "RSA PRIVATE KEY");
        assert_eq!(matches(&k, RSA1024_PUB), Match::Yes);
        let k = key(&pem_of("RSA PRIVATE KEY", &der_of(P256B)));
        assert_eq!(k.format(), KeyFormat::Sec1);
        assert_eq!(k.mislabelled(), Some((KeyFormat::Pkcs1, KeyFormat::Sec1)));
        assert_eq!(key(RSA1024).mislabelled(), None);
        assert_eq!(matches(&k, P256B_PUB), Match::Yes);
        // Encrypted PKCS#8 under a plain label is still recognised as encrypted.
        let pem = pem_of("PRIVATE KEY", &der_of(ENC_PBKDF2));
        assert!(matches!(
            err(&pem),
            KeyError::Encrypted { legacy: false, .. }
        ));
    }

    #[test]
    fn debug_output_holds_no_secret() {
        let k = key(RSA1024);
        assert_eq!(
            format!("{k:?}"),
            "PrivateKey { format: Pkcs1, encrypted: false, algorithm: Rsa, bits: 1024, curve: None, .. }"
        );
        let k = key(P256B);
        assert_eq!(
            format!("{k:?}"),
            "PrivateKey { format: Sec1, encrypted: false, algorithm: Ec, bits: 256, curve: Some(P256), .. }"
        );
    }

    #[test]
    fn hostile_numbers_do_not_panic() {
        // DSA (p, q, g, x) = (0,0,0,0), (1,1,1,1), (5,3,2,7), (65537,2,3,1); RSA with zero, one and
        // tiny components; an SPKI for DSA without parameters, so the exponentiation runs.
        let dsa_spki = Base64::decode_vec("MBEwCQYHKoZIzjgEAQMEAAIBBQ==").unwrap();
        let dsa_spki = Spki::from_der(&dsa_spki).unwrap();
        let rsa_spki = der_of(RSA1024_PUB);
        let rsa_spki = Spki::from_der(&rsa_spki).unwrap();
        for (label, b64) in [
            (
                "PRIVATE KEY",
                "MB4CAQAwFAYHKoZIzjgEATAJAgEAAgEAAgEABAMCAQA=",
            ),
            (
                "PRIVATE KEY",
                "MB4CAQAwFAYHKoZIzjgEATAJAgEBAgEBAgEBBAMCAQE=",
            ),
            (
                "PRIVATE KEY",
                "MB4CAQAwFAYHKoZIzjgEATAJAgEFAgEDAgECBAMCAQc=",
            ),
            (
                "PRIVATE KEY",
                "MCACAQAwFgYHKoZIzjgEATALAgMBAAECAQICAQMEAwIBAQ==",
            ),
            (
                "RSA PRIVATE KEY",
                "MBsCAQACAQACAQACAQACAQACAQACAQACAQACAQA=",
            ),
            (
                "RSA PRIVATE KEY",
                "MBsCAQACAQECAQECAQECAQECAQECAQECAQECAQE=",
            ),
            (
                "RSA PRIVATE KEY",
                "MBsCAQACAQMCAQMCAQMCAQMCAQECAQMCAQMCAQM=",
            ),
            (
                "RSA PRIVATE KEY",
                "MBsCAQACAQ8CAQMCAQMCAQUCAQMCAQMCAQMCAQM=",
            ),
            (
                "RSA PRIVATE KEY",
                "MC8CAQACCwD/////////////AgEBAgEBAgsA/////////////wIBAQIBAQIBAQIBAQ==",
            ),
        ] {
            let k = key(&pem_of(label, &Base64::decode_vec(b64).unwrap()));
            assert!(k.check_consistency().is_err(), "{b64}");
            let _ = k.matches(&dsa_spki);
            let _ = k.matches(&rsa_spki);
        }
    }

    #[test]
    fn every_prefix_of_every_key_is_safe() {
        let spki_der = der_of(RSA1024_PUB);
        let spki = Spki::from_der(&spki_der).unwrap();
        for pem in [
            RSA1024,
            RSA1024_P8,
            RSA3P_P8,
            SEC1_WITH_PARAMS,
            P384_P8,
            ED_V2_BAD,
            ED448,
            DSA,
            SM2,
            K1,
            P521,
            ENC_PBKDF2,
            ENC_DES3,
            LEGACY_RSA,
            LEGACY_EC_DES3,
            LEGACY_EC_DES,
            LEGACY_DSA,
        ] {
            let bs = blocks(pem);
            let b = bs.last().unwrap();
            for len in 0..b.der.len() {
                let view = KeyBlockView {
                    label: &b.label,
                    headers: &b.headers,
                    der: &b.der[..len],
                };
                for pass in [None, Some("secret")] {
                    if let Ok(k) = parse_views(&[view], pass, DEFAULT_MAX_KDF_COST) {
                        let _ = k.check_consistency();
                        let _ = k.matches(&spki);
                        let _ = k.to_der();
                        let _ = k.info();
                    }
                }
            }
        }
    }
}
