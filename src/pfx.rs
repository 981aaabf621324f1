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
}

/// The values of a constructed BER value, read one at a time (every structure error is [`BAD`]).
struct Seq<'a>(ber::Children<'a>);

impl<'a> Seq<'a> {
    fn of(b: &Ber<'a>, tag: u8) -> Result<Self> {
        if b.tag == tag {
            Ok(Seq(b.children()))
        } else {
            Err(BAD)
        }
    }

    fn opt(&mut self) -> Result<Option<Ber<'a>>> {
        self.0.next().transpose().map_err(|_| BAD)
    }

    fn next(&mut self) -> Result<Ber<'a>> {
        self.opt()?.ok_or(BAD)
    }
}

/// Whether `b` is the OBJECT IDENTIFIER `oid`.
fn is(b: &Ber<'_>, oid: &Oid) -> bool {
    b.tag == 0x06 && b.value == oid.as_bytes()
}

/// The value inside `[0] EXPLICIT`.
fn explicit<'a>(b: &Ber<'a>) -> Result<Ber<'a>> {
    Seq::of(b, 0xa0)?.next()
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
    Reader::new(b.raw).small_uint().map_err(|_| BAD)
}

/// An AlgorithmIdentifier (DER inside, as every writer encodes it).
fn algorithm<'a>(b: &Ber<'a>) -> Result<AlgorithmId<'a>> {
    Reader::new(b.raw).algorithm().map_err(|_| BAD)
}

/// `ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }`, also the first two
/// fields of a `SafeBag` and a `CertBag`: the type and the content.
fn content_info<'a>(b: &Ber<'a>) -> Result<(Ber<'a>, Ber<'a>)> {
    let mut s = Seq::of(b, 0x30)?;
    let ty = s.next()?;
    Ok((ty, explicit(&s.next()?)?))
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
    let mut m = Seq::of(b, 0x30)?;
    let mut di = Seq::of(&m.next()?, 0x30)?;
    let alg = algorithm(&di.next()?)?;
    let digest = di.next()?;
    let salt = m.next()?;
    let iterations = match m.opt()? {
        None => 1,
        Some(i) => small_uint(&i)?,
    };
    if digest.tag != 0x04 || salt.tag != 0x04 || iterations == 0 {
        return Err(BAD);
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
    let iterations = u32::try_from(iterations)
        .ok()
        .filter(|i| *i <= MAX_ITERATIONS)
        .ok_or(PfxError::Unsupported(
            "a MAC iteration count above the bound (10,000,000)",
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
        _ => BAD,
    }
}

/// Bags read so far.
#[derive(Default)]
struct Bags {
    certs: Vec<Vec<u8>>,
    /// keyBag DER (`false`: plain PKCS#8) or pkcs8ShroudedKeyBag DER (`true`).
    keys: Vec<(bool, Zeroizing<Vec<u8>>)>,
    other: usize,
}

/// `SafeContents ::= SEQUENCE OF SafeBag`, `SafeBag ::= SEQUENCE { bagId OID, bagValue [0]
/// EXPLICIT ANY, bagAttributes SET OPTIONAL }` (RFC 7292 §4.2); `CertBag ::= SEQUENCE { certId
/// OID, certValue [0] EXPLICIT OCTET STRING }` (§4.2.3).
fn safe_contents(der: &[u8], bags: &mut Bags, depth: u32) -> Result<()> {
    let top = ber::parse(der).map_err(|_| BAD)?;
    let mut s = Seq::of(&top, 0x30)?;
    while let Some(bag) = s.opt()? {
        if bags.certs.len() + bags.keys.len() + bags.other >= MAX_BAGS {
            return Err(BAD);
        }
        let (ty, value) = content_info(&bag)?;
        let shrouded = is(&ty, &SHROUDED_KEY_BAG);
        if shrouded || is(&ty, &KEY_BAG) {
            bags.keys
                .push((shrouded, Zeroizing::new(value.raw.to_vec())));
        } else if is(&ty, &CERT_BAG) {
            let (cert_type, cert) = content_info(&value)?;
            if is(&cert_type, &X509_CERTIFICATE) {
                let mut der = Vec::new();
                octets(&cert, 0x04, &mut der, 0)?;
                bags.certs.push(der);
            } else {
                bags.other += 1;
            }
        } else if is(&ty, &SAFE_CONTENTS_BAG) && depth < MAX_NESTED_BAGS {
            safe_contents(value.raw, bags, depth + 1)?;
        } else {
            bags.other += 1;
        }
    }
    Ok(())
}

/// Decrypts `data` (encrypted with `alg`) with the first password form whose plaintext `accept`s,
/// charging each try; `None` when no form does.
fn decrypt(
    alg: &AlgorithmId<'_>,
    data: &[u8],
    passwords: &[&Password],
    budget: &mut Budget,
    accept: &mut dyn FnMut(&[u8]) -> bool,
) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let cost = key::decrypt_cost(alg).map_err(key_error)?;
    for p in passwords {
        budget.charge(cost)?;
        if let Some(plain) =
            key::decrypt_any(alg, data, &p.bmp, &p.utf8, cost).map_err(key_error)?
        {
            // A wrong password passes the padding check once in 256: its plaintext is then not
            // what it should be.
            if accept(&plain) {
                return Ok(Some(plain));
            }
        }
    }
    Ok(None)
}

/// Opens a PKCS#12 file: MAC first, then the contents and keys. `max_kdf_cost` bounds every key
/// derivation of the file together.
pub(crate) fn open(pfx: &[u8], passphrase: Option<&str>, max_kdf_cost: u64) -> Result<Contents> {
    // PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
    let top = ber::parse(pfx).map_err(|_| BAD)?;
    let mut parts = Seq::of(&top, 0x30)?;
    let version = parts.next()?;
    if version.tag != 0x02 || small_uint(&version)? != 3 {
        return Err(BAD);
    }
    let (ty, content) = content_info(&parts.next()?)?;
    if is(&ty, &SIGNED_DATA) {
        return Err(PfxError::Unsupported(
            "public-key integrity mode (a signed file); export with a password",
        ));
    }
    if !is(&ty, &DATA) {
        return Err(BAD);
    }
    let mut auth_bytes = Zeroizing::new(Vec::new());
    octets(&content, 0x04, &mut auth_bytes, 0)?;
    let mac = parts.opt()?.map(|m| mac_data(&m)).transpose()?;

    // AuthenticatedSafe ::= SEQUENCE OF ContentInfo: plain data read now, encryptedData (its
    // algorithm and ciphertext, RFC 2315 §13) kept for after the MAC.
    let safe = ber::parse(&auth_bytes).map_err(|_| BAD)?;
    let mut cis = Seq::of(&safe, 0x30)?;
    let mut bags = Bags::default();
    let mut encrypted = Vec::new();
    while let Some(ci) = cis.opt()? {
        let (ty, content) = content_info(&ci)?;
        if is(&ty, &DATA) {
            let mut bytes = Zeroizing::new(Vec::new());
            octets(&content, 0x04, &mut bytes, 0)?;
            safe_contents(&bytes, &mut bags, 0)?;
        } else if is(&ty, &ENCRYPTED_DATA) {
            // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE {
            // contentType, contentEncryptionAlgorithm, [0] IMPLICIT OCTET STRING } }
            let mut ed = Seq::of(&content, 0x30)?;
            ed.next()?;
            let mut eci = Seq::of(&ed.next()?, 0x30)?;
            eci.next()?;
            let alg = algorithm(&eci.next()?)?;
            let mut data = Vec::new();
            if let Some(enc) = eci.opt()? {
                octets(&enc, 0x80, &mut data, 0)?;
            }
            encrypted.push((alg, data));
            if encrypted.len() > MAX_BAGS {
                return Err(BAD);
            }
        } else if is(&ty, &ENVELOPED_DATA) {
            return Err(PfxError::Unsupported(
                "public-key privacy mode (envelopedData); export with a password",
            ));
        } else {
            return Err(BAD);
        }
    }

    // The whole file's cost, counted before the first derivation: the MAC, each encrypted
    // content, the shrouded keys seen. (Keys inside encrypted contents, and a second password
    // form, are charged when they are reached.)
    let mut total = mac.as_ref().map_or(0, Mac::cost);
    for (alg, _) in &encrypted {
        total = total.saturating_add(key::decrypt_cost(alg).map_err(key_error)?);
    }
    for (shrouded, der) in &bags.keys {
        if *shrouded {
            let (alg, _) = key::encrypted_parts(der).ok_or(BAD)?;
            total = total.saturating_add(key::decrypt_cost(&alg).map_err(key_error)?);
        }
    }
    if total > max_kdf_cost {
        return Err(PfxError::TooCostly {
            cost: total,
            budget: max_kdf_cost,
        });
    }
    let mut budget = Budget {
        limit: max_kdf_cost,
        spent: 0,
        total,
    };

    // The MAC, before anything is decrypted: which password form verifies it.
    let passwords = candidates(passphrase);
    let given = passphrase.is_some_and(|p| !p.is_empty());
    let mut order: Vec<&Password> = passwords.iter().collect();
    if let Some(mac) = &mac {
        let mut verified = None;
        for p in &passwords {
            budget.charge(mac.cost())?;
            if mac.verifies(p, &auth_bytes) {
                verified = Some(p);
                break;
            }
        }
        let Some(p) = verified else {
            return Err(if given {
                PfxError::WrongPassword(
                    "the password does not verify the file's MAC (a wrong password, or the file was altered)",
                )
            } else {
                PfxError::NoPassword
            });
        };
        order = alloc::vec![p];
    }
    let wrong = || {
        if mac.is_none() && !given {
            PfxError::NoPassword
        } else {
            PfxError::WrongPassword("the password does not decrypt the file's contents")
        }
    };

    for (alg, data) in &encrypted {
        let mut found = Bags::default();
        decrypt(alg, data, &order, &mut budget, &mut |plain| {
            found = Bags::default();
            safe_contents(plain, &mut found, 0).is_ok()
        })?
        .ok_or_else(wrong)?;
        bags.certs.extend(found.certs);
        bags.keys.extend(found.keys);
        bags.other = bags.other.saturating_add(found.other);
    }

    let mut keys = Vec::with_capacity(bags.keys.len());
    for (shrouded, der) in &bags.keys {
        let plain = if *shrouded {
            let (alg, data) = key::encrypted_parts(der).ok_or(BAD)?;
            decrypt(&alg, data, &order, &mut budget, &mut |plain| {
                key::from_plain_der(plain).is_ok()
            })?
            .ok_or_else(wrong)?
        } else {
            der.clone()
        };
        keys.push(key::from_plain_der(&plain).map_err(|_| BAD)?);
    }
    Ok(Contents {
        certs: bags.certs,
        keys,
        other_bags: bags.other,
    })
}

/// `bytes` as a PFX: a copy of them when they start like DER, else the DER their base64 holds
/// (whitespace ignored). Zeroized: a PFX may hold plain keys.
pub(crate) fn binary_or_base64(bytes: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if bytes.first() == Some(&0x30) {
        return Some(Zeroizing::new(bytes.to_vec()));
    }
    crate::input::bare_base64(core::str::from_utf8(bytes).ok()?)
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
