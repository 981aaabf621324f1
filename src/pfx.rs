//! PKCS#12 / PFX files (RFC 7292): what Windows, macOS, Java, Firefox and `openssl pkcs12 -export`
//! write. [`open`] verifies the MAC (HMAC-SHA1/SHA-256/SHA-384/SHA-512 keyed by the RFC 7292
//! Appendix B KDF over the BMPString password) before anything is decrypted,
//! then reads the AuthenticatedSafe's `data` and `encryptedData` contents and their certificate
//! bags, key bags and shrouded key bags (PBES2 or the PKCS#12 PBEs, see `key::decrypt_any`).
//!
//! The files are BER (Windows, Java and NSS write indefinite lengths and chunked OCTET STRINGs):
//! structure is walked with [`crate::asn1::ber`]; algorithm identifiers and the certificates and
//! keys inside are DER and go to the strict readers. Every key derivation is charged against one
//! budget (`maxKdfCost`) for the whole file, and the whole file's cost is known before the first
//! derivation, so a refusal names the exact budget that opens it.

use alloc::vec::Vec;
use const_oid::ObjectIdentifier as Oid;
use zeroize::Zeroizing;

use crate::asn1::ber::{self, Ber};
use crate::asn1::{AlgorithmId, Reader};
use crate::key::{self, KeyError, Pkcs12Hash, PrivateKey};

/// `pkcs-7 data`, `encryptedData`, `signedData`, `envelopedData` (RFC 2315 §14).
const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const ENVELOPED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.3");
const ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");

/// RFC 7292 §4.2 bag types (`bagtypes 1..6`).
const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
const SAFE_CONTENTS_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.6");

/// `x509Certificate` certificate type (RFC 7292 §4.2.3).
const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");

/// The MAC digests (RFC 7292 §4, RFC 9879 §2) and PBMAC1 (RFC 9579 §2, named only: its code cost
/// 2.4 KiB gzip, and only OpenSSL ≥ 3.4 writes it, on request).
const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
const PBMAC1: Oid = Oid::new_unwrap("1.2.840.113549.1.5.14");

/// Deepest nesting of `safeContentsBag`s followed.
const MAX_NESTED_BAGS: u32 = 4;

/// Most bags read from one file (a bound on work; real files hold a handful).
const MAX_BAGS: usize = 64;

/// What the file holds.
pub(crate) struct Contents {
    /// The DER of each `x509Certificate` certBag, in file order.
    pub(crate) certs: Vec<Vec<u8>>,
    /// Each key (keyBag or decrypted pkcs8ShroudedKeyBag), in file order.
    pub(crate) keys: Vec<PrivateKey>,
    /// Bags of other types (CRLs, secrets, SDSI certificates): read past, never used.
    pub(crate) other_bags: usize,
}

/// Why a file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PfxError {
    /// Not PKCS#12, or broken inside (static English).
    Format(&'static str),
    /// A structure or algorithm we do not read (RC4, public-key privacy or integrity modes, …).
    Unsupported(&'static str),
    /// The MAC or a decryption fails with the passphrase given (static English).
    WrongPassword(&'static str),
    /// The file needs a password and none (or an empty one) was given.
    NoPassword,
    /// Opening the file costs `cost` units of key derivation, above `budget`.
    TooCostly {
        /// The whole file's derivations (the MAC and every encrypted content and key).
        cost: u64,
        /// The caller's budget.
        budget: u64,
    },
}

type Result<T> = core::result::Result<T, PfxError>;

const BAD: PfxError = PfxError::Format("not a PKCS#12 PFX structure");

/// One form of the password (RFC 7292 B.1 BMPString for the MAC and PKCS#12 PBEs; UTF-8 for PBES2
/// and PBMAC1).
struct Password {
    bmp: Zeroizing<Vec<u8>>,
    utf8: Zeroizing<Vec<u8>>,
}

/// The password forms to try: the one given, or — for none or an empty one — the empty BMPString
/// (two zero bytes, RFC 7292 B.1) and the zero-length one some writers use.
fn candidates(passphrase: Option<&str>) -> Vec<Password> {
    match passphrase.filter(|p| !p.is_empty()) {
        Some(p) => alloc::vec![Password {
            bmp: key::bmp_password(p),
            utf8: Zeroizing::new(p.as_bytes().to_vec()),
        }],
        None => alloc::vec![
            Password {
                bmp: key::bmp_password(""),
                utf8: Zeroizing::new(Vec::new()),
            },
            Password {
                bmp: Zeroizing::new(Vec::new()),
                utf8: Zeroizing::new(Vec::new()),
            },
        ],
    }
}

/// The key-derivation budget of one file.
struct Budget {
    limit: u64,
    spent: u64,
    /// The whole file's cost as counted before the first derivation.
    total: u64,
}

impl Budget {
    /// Charges `cost` before a derivation runs.
    fn charge(&mut self, cost: u64) -> Result<()> {
        let spent = self.spent.saturating_add(cost);
        if spent > self.limit {
            return Err(PfxError::TooCostly {
                cost: self.total.max(spent),
                budget: self.limit,
            });
        }
        self.spent = spent;
        Ok(())
    }

    /// What is left for the next derivation.
    fn left(&self) -> u64 {
        self.limit.saturating_sub(self.spent)
    }
}

fn oid_of(b: &Ber<'_>) -> Result<Oid> {
    if b.tag != 0x06 {
        return Err(BAD);
    }
    Oid::from_bytes(b.value).map_err(|_| BAD)
}

fn children<'a>(b: &Ber<'a>, tag: u8) -> Result<Vec<Ber<'a>>> {
    if b.tag != tag {
        return Err(BAD);
    }
    b.children()
        .collect::<core::result::Result<Vec<_>, _>>()
        .map_err(|_| BAD)
}

/// The contents of an OCTET STRING (or an IMPLICIT one with `tag`), primitive or constructed
/// (BER chunks, X.690 §8.7.3), appended to `out`.
fn octets(b: &Ber<'_>, primitive_tag: u8, out: &mut Vec<u8>, depth: u32) -> Result<()> {
    if b.tag == primitive_tag {
        out.extend_from_slice(b.value);
        return Ok(());
    }
    if b.tag != primitive_tag | 0x20 || depth > ber::MAX_DEPTH {
        return Err(BAD);
    }
    for chunk in b.children() {
        octets(&chunk.map_err(|_| BAD)?, 0x04, out, depth + 1)?;
    }
    Ok(())
}

/// A small non-negative INTEGER.
fn small_uint(b: &Ber<'_>) -> Result<u64> {
    let mut r = Reader::new(b.raw);
    let v = r.small_uint().map_err(|_| BAD)?;
    r.finish().map_err(|_| BAD)?;
    Ok(v)
}

/// An AlgorithmIdentifier (DER inside, as every writer encodes it).
fn algorithm<'a>(b: &Ber<'a>) -> Result<AlgorithmId<'a>> {
    let mut r = Reader::new(b.raw);
    let alg = r
        .algorithm()
        .map_err(|_| PfxError::Format("an algorithm identifier in the file is not valid DER"))?;
    r.finish().map_err(|_| BAD)?;
    Ok(alg)
}

/// `ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY OPTIONAL }`: the type
/// and the content.
fn content_info<'a>(b: &Ber<'a>) -> Result<(Oid, Option<Ber<'a>>)> {
    let parts = children(b, 0x30)?;
    let (ty, rest) = parts.split_first().ok_or(BAD)?;
    let ty = oid_of(ty)?;
    let content = match rest {
        [] => None,
        [explicit] if explicit.tag == 0xa0 => {
            let inner = children(explicit, 0xa0)?;
            match inner.as_slice() {
                [one] => Some(*one),
                _ => return Err(BAD),
            }
        }
        _ => return Err(BAD),
    };
    Ok((ty, content))
}

/// The `MacData` and how to check it.
struct Mac<'a> {
    hash: Pkcs12Hash,
    digest: &'a [u8],
    salt: &'a [u8],
    iterations: u32,
}

/// `MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }`.
fn mac_data<'a>(b: &Ber<'a>) -> Result<Mac<'a>> {
    let bad = PfxError::Format("the MAC (macData) is not valid");
    let parts = children(b, 0x30).map_err(|_| bad.clone())?;
    let (digest_info, salt, iterations) = match parts.as_slice() {
        [d, s] => (d, s, None),
        [d, s, i] => (d, s, Some(i)),
        _ => return Err(bad),
    };
    let di = children(digest_info, 0x30).map_err(|_| bad.clone())?;
    let [alg, digest] = di.as_slice() else {
        return Err(bad);
    };
    let alg = algorithm(alg)?;
    if digest.tag != 0x04 || salt.tag != 0x04 {
        return Err(bad);
    }
    let hash = match alg.oid {
        SHA1 => Pkcs12Hash::Sha1,
        SHA256 => Pkcs12Hash::Sha256,
        SHA384 => Pkcs12Hash::Sha384,
        SHA512 => Pkcs12Hash::Sha512,
        PBMAC1 => return Err(PfxError::Unsupported("a PBMAC1 MAC (RFC 9579)")),
        _ => {
            return Err(PfxError::Unsupported(
                "a MAC digest other than SHA-1 or SHA-2",
            ));
        }
    };
    let iterations = match iterations {
        None => 1,
        Some(i) => small_uint(i).map_err(|_| bad.clone())?,
    };
    if iterations == 0 {
        return Err(bad);
    }
    let iterations = u32::try_from(iterations)
        .ok()
        .filter(|i| *i <= MAX_ITERATIONS)
        .ok_or(PfxError::Unsupported(
            "the MAC's iteration count is above the bound (10,000,000)",
        ))?;
    Ok(Mac {
        hash,
        digest: digest.value,
        salt: salt.value,
        iterations,
    })
}

/// The iteration bound of every KDF here (RFC 8018 §4.2's "especially critical keys").
const MAX_ITERATIONS: u32 = 10_000_000;

impl Mac<'_> {
    /// The work of one MAC key derivation.
    fn cost(&self) -> u64 {
        self.hash
            .cost(u64::from(self.iterations), self.hash.output_len())
    }

    /// Whether the MAC verifies with `password` (constant-time comparison).
    fn verifies(&self, password: &Password, data: &[u8]) -> bool {
        use hmac::{Hmac, KeyInit};
        fn check<M: KeyInit + hmac::Mac>(key: &[u8], data: &[u8], tag: &[u8]) -> bool {
            M::new_from_slice(key)
                .map(|m| m.chain_update(data).verify_slice(tag).is_ok())
                .unwrap_or(false)
        }
        let h = self.hash;
        let mut key = Zeroizing::new([0u8; 64]);
        let key = key.get_mut(..h.output_len()).unwrap_or_default();
        h.derive(&password.bmp, self.salt, self.iterations, 3, key);
        match h {
            Pkcs12Hash::Sha1 => check::<Hmac<sha1::Sha1>>(key, data, self.digest),
            Pkcs12Hash::Sha256 => check::<Hmac<sha2::Sha256>>(key, data, self.digest),
            Pkcs12Hash::Sha384 => check::<Hmac<sha2::Sha384>>(key, data, self.digest),
            Pkcs12Hash::Sha512 => check::<Hmac<sha2::Sha512>>(key, data, self.digest),
        }
    }
}

/// A `KeyError` from the key module, as a PFX error.
fn key_error(e: KeyError) -> PfxError {
    match e {
        KeyError::UnsupportedEncryption(why) => PfxError::Unsupported(why),
        KeyError::KdfTooCostly { cost, budget, .. } => PfxError::TooCostly { cost, budget },
        KeyError::Malformed(why) => PfxError::Format(why),
        _ => BAD,
    }
}

/// One content of the AuthenticatedSafe.
enum Content<'a> {
    /// Plain `data`: the SafeContents bytes (a keyBag there is a plain key: zeroized).
    Plain(Zeroizing<Vec<u8>>),
    /// `encryptedData`: its algorithm and ciphertext.
    Encrypted(AlgorithmId<'a>, Vec<u8>),
}

/// `EncryptedData ::= SEQUENCE { version INTEGER, encryptedContentInfo SEQUENCE { contentType,
/// contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL } }` (RFC
/// 2315 §13).
fn encrypted_data<'a>(b: &Ber<'a>) -> Result<(AlgorithmId<'a>, Vec<u8>)> {
    let parts = children(b, 0x30)?;
    let [_version, eci, ..] = parts.as_slice() else {
        return Err(BAD);
    };
    let eci = children(eci, 0x30)?;
    let [ty, alg, rest @ ..] = eci.as_slice() else {
        return Err(BAD);
    };
    if oid_of(ty)? != DATA {
        return Err(BAD);
    }
    let alg = algorithm(alg)?;
    let mut data = Vec::new();
    if let [enc] = rest {
        octets(enc, 0x80, &mut data, 0)?;
    }
    Ok((alg, data))
}

/// Bags read so far.
struct Bags {
    certs: Vec<Vec<u8>>,
    /// keyBag DER (plain) or pkcs8ShroudedKeyBag DER (encrypted).
    keys: Vec<(bool, Zeroizing<Vec<u8>>)>,
    other: usize,
}

/// `SafeContents ::= SEQUENCE OF SafeBag`, `SafeBag ::= SEQUENCE { bagId OID, bagValue [0]
/// EXPLICIT ANY, bagAttributes SET OPTIONAL }` (RFC 7292 §4.2).
fn safe_contents(der: &[u8], bags: &mut Bags, depth: u32) -> Result<()> {
    let top = ber::parse(der).map_err(|_| BAD)?;
    for bag in children(&top, 0x30)? {
        if bags.certs.len() + bags.keys.len() + bags.other >= MAX_BAGS {
            return Err(PfxError::Format("more than 64 bags in the file"));
        }
        let (ty, value) = content_info(&bag).or_else(|_| {
            // bagAttributes follow the value: read the first two elements only.
            let parts = children(&bag, 0x30)?;
            let [ty, explicit, ..] = parts.as_slice() else {
                return Err(BAD);
            };
            let inner = children(explicit, 0xa0)?;
            match inner.as_slice() {
                [one] => Ok((oid_of(ty)?, Some(*one))),
                _ => Err(BAD),
            }
        })?;
        let value = value.ok_or(BAD)?;
        match ty {
            KEY_BAG => bags.keys.push((false, Zeroizing::new(value.raw.to_vec()))),
            SHROUDED_KEY_BAG => bags.keys.push((true, Zeroizing::new(value.raw.to_vec()))),
            CERT_BAG => {
                let (cert_type, cert) = content_info(&value)?;
                match (cert_type, cert) {
                    (X509_CERTIFICATE, Some(cert)) => {
                        let mut der = Vec::new();
                        octets(&cert, 0x04, &mut der, 0)?;
                        bags.certs.push(der);
                    }
                    _ => bags.other += 1,
                }
            }
            SAFE_CONTENTS_BAG if depth < MAX_NESTED_BAGS => {
                safe_contents(value.raw, bags, depth + 1)?;
            }
            _ => bags.other += 1,
        }
    }
    Ok(())
}

/// Opens a PKCS#12 file: MAC first, then the contents and keys. `max_kdf_cost` bounds every key
/// derivation of the file together.
pub(crate) fn open(pfx: &[u8], passphrase: Option<&str>, max_kdf_cost: u64) -> Result<Contents> {
    // PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
    let top = ber::parse(pfx).map_err(|_| BAD)?;
    let parts = children(&top, 0x30)?;
    let (version, auth_safe, mac) = match parts.as_slice() {
        [v, a] => (v, a, None),
        [v, a, m] => (v, a, Some(m)),
        _ => return Err(BAD),
    };
    if version.tag != 0x02 {
        return Err(BAD);
    }
    if small_uint(version)? != 3 {
        return Err(PfxError::Unsupported(
            "a PKCS#12 version other than 3 (PKCS#12 v1.0 files are version 3)",
        ));
    }
    let (ty, content) = content_info(auth_safe)?;
    if ty == SIGNED_DATA {
        return Err(PfxError::Unsupported(
            "public-key integrity mode (a signed PKCS#12 file) is not supported; export with a password",
        ));
    }
    if ty != DATA {
        return Err(BAD);
    }
    let mut auth_bytes = Zeroizing::new(Vec::new());
    octets(&content.ok_or(BAD)?, 0x04, &mut auth_bytes, 0)?;
    let mac = mac.map(mac_data).transpose()?;

    // AuthenticatedSafe ::= SEQUENCE OF ContentInfo
    let safe = ber::parse(&auth_bytes).map_err(|_| BAD)?;
    let mut contents = Vec::new();
    for ci in children(&safe, 0x30)? {
        let (ty, content) = content_info(&ci)?;
        let content = content.ok_or(BAD)?;
        match ty {
            DATA => {
                let mut bytes = Zeroizing::new(Vec::new());
                octets(&content, 0x04, &mut bytes, 0)?;
                contents.push(Content::Plain(bytes));
            }
            ENCRYPTED_DATA => {
                let (alg, data) = encrypted_data(&content)?;
                contents.push(Content::Encrypted(alg, data));
            }
            ENVELOPED_DATA => {
                return Err(PfxError::Unsupported(
                    "public-key privacy mode (envelopedData) is not supported; export with a password",
                ));
            }
            _ => return Err(BAD),
        }
        if contents.len() > MAX_BAGS {
            return Err(PfxError::Format("more than 64 contents in the file"));
        }
    }

    // The whole file's cost, counted before the first derivation: the MAC (each password form
    // tried), each encrypted content, and the shrouded keys in plain contents. Keys inside
    // encrypted contents are counted when they are reached.
    let passwords = candidates(passphrase);
    let mut bags = Bags {
        certs: Vec::new(),
        keys: Vec::new(),
        other: 0,
    };
    for c in &contents {
        if let Content::Plain(bytes) = c {
            safe_contents(bytes, &mut bags, 0)?;
        }
    }
    let mut total = 0u64;
    if let Some(mac) = &mac {
        total = total.saturating_add(mac.cost());
    }
    for c in &contents {
        if let Content::Encrypted(alg, _) = c {
            total = total.saturating_add(key::decrypt_cost(alg).map_err(key_error)?);
        }
    }
    for (shrouded, der) in &bags.keys {
        if *shrouded {
            total = total.saturating_add(key::shrouded_cost(der).map_err(key_error)?);
        }
    }
    let mut budget = Budget {
        limit: max_kdf_cost,
        spent: 0,
        total,
    };
    if total > max_kdf_cost {
        return Err(PfxError::TooCostly {
            cost: total,
            budget: max_kdf_cost,
        });
    }

    // The MAC, before any bag is decrypted: which password form verifies it.
    let given = passphrase.is_some_and(|p| !p.is_empty());
    let mut chosen: Option<usize> = None;
    if let Some(mac) = &mac {
        for (i, p) in passwords.iter().enumerate() {
            budget.charge(mac.cost())?;
            if mac.verifies(p, &auth_bytes) {
                chosen = Some(i);
                break;
            }
        }
        if chosen.is_none() {
            return Err(if given {
                PfxError::WrongPassword(
                    "the password does not verify the file's MAC (a wrong password, or the file was altered)",
                )
            } else {
                PfxError::NoPassword
            });
        }
    }
    let order: Vec<&Password> = match chosen {
        Some(i) => passwords.get(i).into_iter().collect(),
        None => passwords.iter().collect(),
    };
    let wrong = || {
        if !given && chosen.is_none() {
            PfxError::NoPassword
        } else if chosen.is_some() {
            PfxError::WrongPassword(
                "the password verifies the MAC but does not decrypt the contents (a file with two passwords?)",
            )
        } else {
            PfxError::WrongPassword("the password does not decrypt the file's contents")
        }
    };

    for c in &contents {
        let Content::Encrypted(alg, data) = c else {
            continue;
        };
        let mut opened = false;
        for (n, p) in order.iter().enumerate() {
            let cost = key::decrypt_cost(alg).map_err(key_error)?;
            if n > 0 {
                // A second password form is work the first count did not include.
                budget.total = budget.total.saturating_add(cost);
            }
            budget.charge(cost)?;
            let Some(plain) = key::decrypt_any(
                alg,
                data,
                &p.bmp,
                &p.utf8,
                budget.left().saturating_add(cost),
            )
            .map_err(key_error)?
            else {
                continue;
            };
            // A wrong password passes the padding check once in 256: the plaintext then is not
            // SafeContents.
            let mut found = Bags {
                certs: Vec::new(),
                keys: Vec::new(),
                other: 0,
            };
            if safe_contents(&plain, &mut found, 0).is_err() {
                continue;
            }
            for (shrouded, der) in &found.keys {
                if *shrouded {
                    let more = key::shrouded_cost(der).map_err(key_error)?;
                    budget.total = budget.total.saturating_add(more);
                }
            }
            bags.certs.extend(found.certs);
            bags.keys.extend(found.keys);
            bags.other = bags.other.saturating_add(found.other);
            opened = true;
            break;
        }
        if !opened {
            return Err(wrong());
        }
    }

    let mut keys = Vec::with_capacity(bags.keys.len());
    for (shrouded, der) in &bags.keys {
        if !shrouded {
            keys.push(
                key::from_plain_der(der).map_err(|_| {
                    PfxError::Format("a key bag does not hold a PKCS#8 private key")
                })?,
            );
            continue;
        }
        let mut opened = None;
        for (n, p) in order.iter().enumerate() {
            let cost = key::shrouded_cost(der).map_err(key_error)?;
            if n > 0 {
                budget.total = budget.total.saturating_add(cost);
            }
            budget.charge(cost)?;
            opened = key::decrypt_shrouded(der, &p.bmp, &p.utf8, cost).map_err(key_error)?;
            if opened.is_some() {
                break;
            }
        }
        keys.push(opened.ok_or_else(wrong)?);
    }
    Ok(Contents {
        certs: bags.certs,
        keys,
        other_bags: bags.other,
    })
}

/// `bytes` as a PFX: itself when it starts like DER, else the base64 it holds (whitespace
/// ignored), when it decodes.
pub(crate) fn binary_or_base64(bytes: &[u8]) -> Option<alloc::borrow::Cow<'_, [u8]>> {
    use base64ct::{Base64, Encoding};
    if bytes.first() == Some(&0x30) {
        return Some(alloc::borrow::Cow::Borrowed(bytes));
    }
    let compact: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    Base64::decode_vec(core::str::from_utf8(&compact).ok()?)
        .ok()
        .filter(|d| d.first() == Some(&0x30))
        .map(alloc::borrow::Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_a_format_error() {
        for bad in [
            &[][..],
            &[0x30, 0x00],
            &[0x30, 0x03, 0x02, 0x01, 0x03],
            b"hello",
        ] {
            assert!(
                matches!(open(bad, None, 1000), Err(PfxError::Format(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            open(&[0x30, 0x03, 0x02, 0x01, 0x02], None, 1000),
            Err(PfxError::Format(_) | PfxError::Unsupported(_))
        ));
    }

    #[test]
    fn empty_and_absent_password_forms() {
        let c = candidates(None);
        assert_eq!(c.len(), 2);
        assert_eq!(c.first().map(|p| p.bmp.to_vec()), Some(alloc::vec![0, 0]));
        assert_eq!(c.get(1).map(|p| p.bmp.len()), Some(0));
        assert_eq!(candidates(Some("")).len(), 2);
        let one = candidates(Some("aé"));
        assert_eq!(one.len(), 1);
        assert_eq!(
            one.first().map(|p| p.bmp.to_vec()),
            Some(alloc::vec![0, b'a', 0, 0xe9, 0, 0])
        );
        assert_eq!(
            one.first().map(|p| p.utf8.to_vec()),
            Some("aé".as_bytes().to_vec())
        );
    }
}
