//! X.509 certificates: parse (RFC 5280 §4.1) into [`CertInfo`], and the chain checks.

mod name;
mod time;
pub(crate) mod verify;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use const_oid::ObjectIdentifier as Oid;

use crate::alg::{self, PublicKeyDesc};
use crate::asn1::{self, AlgorithmId, DerError, DerResult, Reader, Spki, Tlv, context};
use crate::error::Error;
use crate::finding::{CertInfo, MAX_NAME_CHARS, clip_chars};
use crate::fingerprint::{FingerprintAlgorithm, FingerprintFormat, fingerprint_der};
pub(crate) use verify::Verdict;

/// subjectAltName, RFC 5280 §4.2.1.6.
const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
/// basicConstraints, RFC 5280 §4.2.1.9.
const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
/// subjectKeyIdentifier, RFC 5280 §4.2.1.2.
const SUBJECT_KEY_ID: Oid = Oid::new_unwrap("2.5.29.14");
/// authorityKeyIdentifier, RFC 5280 §4.2.1.1.
const AUTHORITY_KEY_ID: Oid = Oid::new_unwrap("2.5.29.35");
/// authorityInfoAccess, RFC 5280 §4.2.2.1.
const AUTHORITY_INFO_ACCESS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.1");
/// id-ad-caIssuers, RFC 5280 §4.2.2.1.
const CA_ISSUERS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.2");
/// Most caIssuers URIs kept per certificate (CAs write one or two; Chromium fetches at most 5).
const MAX_CA_ISSUERS: usize = 8;
/// Longest caIssuers URI kept, in bytes (a longer one is not a URL anyone serves).
const MAX_URI_BYTES: usize = 2048;

/// `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }`
/// (RFC 5280 §4.1), with the TBS kept whole for the signature check.
pub(crate) struct Signed<'a> {
    pub(crate) tbs: Tlv<'a>,
    pub(crate) algorithm: AlgorithmId<'a>,
    /// The signature octets; `None` when the BIT STRING has unused bits (no scheme makes those).
    pub(crate) signature: Option<&'a [u8]>,
}

impl<'a> Signed<'a> {
    pub(crate) fn parse(der: &'a [u8]) -> DerResult<Self> {
        let mut outer = Reader::new(der);
        let mut r = outer.sequence()?;
        outer.finish()?;
        let tbs = r.tlv(asn1::SEQUENCE)?;
        let algorithm = r.algorithm()?;
        let bits = r.tlv(asn1::BIT_STRING)?;
        r.finish()?;
        // A DER BIT STRING whatever its length; every signature scheme makes whole octets.
        Reader::new(bits.raw).any_bit_string(asn1::BIT_STRING)?;
        let signature = Reader::new(bits.raw).bit_string().ok();
        Ok(Signed {
            tbs,
            algorithm,
            signature,
        })
    }
}

/// The parts of a TBSCertificate (RFC 5280 §4.1) the checks and the report need.
struct Tbs<'a> {
    /// 0, 1 or 2 (v1, v2, v3).
    version: u8,
    serial: &'a [u8],
    signature: AlgorithmId<'a>,
    issuer: Tlv<'a>,
    issuer_name: name::Name<'a>,
    not_before: Tlv<'a>,
    not_after: Tlv<'a>,
    subject: Tlv<'a>,
    subject_name: name::Name<'a>,
    spki: Spki<'a>,
    extensions: Vec<Extension<'a>>,
}

/// `Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`.
struct Extension<'a> {
    id: Oid,
    critical: bool,
    value: &'a [u8],
}

/// Why a TBSCertificate is refused: a DER rule, or an X.509 one.
enum TbsError {
    Der(DerError),
    Version,
    Serial,
}

impl From<DerError> for TbsError {
    fn from(e: DerError) -> Self {
        TbsError::Der(e)
    }
}

impl<'a> Tbs<'a> {
    fn parse(tbs: &Tlv<'a>) -> Result<Self, TbsError> {
        let mut r = tbs.reader();
        // version [0] EXPLICIT Version DEFAULT v1: v1, v2 and v3 (0, 1, 2) exist.
        let mut version = 0;
        if let Some(v) = r.optional(context(0, true))? {
            let mut inner = v.reader();
            let number = inner.small_uint()?;
            inner.finish()?;
            version = u8::try_from(number)
                .ok()
                .filter(|v| *v <= 2)
                .ok_or(TbsError::Version)?;
        }
        // The serial is shown as encoded (even when longer than 20 octets, negative or not
        // minimal, as OpenSSL shows it), so only its tag and non-emptiness are checked.
        let serial = r.expect(asn1::INTEGER)?;
        if serial.is_empty() {
            return Err(TbsError::Serial);
        }
        let signature = r.algorithm()?;
        let issuer = r.tlv(asn1::SEQUENCE)?;
        // A Name must be an RDNSequence (RFC 5280 §4.1.2.4).
        let issuer_name = name::parse(&issuer)?;
        let mut validity = r.sequence()?;
        let not_before = validity.any()?;
        let not_after = validity.any()?;
        validity.finish()?;
        let subject = r.tlv(asn1::SEQUENCE)?;
        let subject_name = name::parse(&subject)?;
        let spki = Spki::read(&mut r)?;
        // issuerUniqueID [1] IMPLICIT BIT STRING, subjectUniqueID [2] IMPLICIT BIT STRING.
        for n in [1, 2] {
            if r.peek_tag() == Some(context(n, false)) {
                r.any_bit_string(context(n, false))?;
            }
        }
        let mut extensions = Vec::new();
        if let Some(exts) = r.optional(context(3, true))? {
            let mut inner = exts.reader();
            let mut list = inner.sequence()?;
            inner.finish()?;
            while !list.is_empty() {
                let mut ext = list.sequence()?;
                let id = ext.oid()?;
                let critical = if ext.peek_tag() == Some(asn1::BOOLEAN) {
                    ext.boolean()?
                } else {
                    false
                };
                let value = ext.octet_string()?;
                ext.finish()?;
                extensions.push(Extension {
                    id,
                    critical,
                    value,
                });
            }
        }
        r.finish()?;
        Ok(Tbs {
            version,
            serial,
            signature,
            issuer,
            issuer_name,
            not_before,
            not_after,
            subject,
            subject_name,
            spki,
            extensions,
        })
    }
}

/// The fields of a certificate as this crate reads them, for the differential test and fuzz target
/// against `x509-cert` (`tests/x509_oracle.rs`, `fuzz/fuzz_targets/x509_differential.rs`). Not part
/// of the API: hidden, and nothing in the package calls it.
#[doc(hidden)]
pub mod differential {
    use super::{Cert, Signed, Tbs};
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    /// What `Cert::parse` accepted, field by field (encodings as given).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Fields {
        /// 0, 1 or 2 (v1, v2, v3).
        pub version: u8,
        /// The serial's INTEGER contents octets.
        pub serial: Vec<u8>,
        /// The outer signatureAlgorithm, DER.
        pub signature_algorithm: Vec<u8>,
        /// The issuer Name, DER.
        pub issuer: Vec<u8>,
        /// The subject Name, DER.
        pub subject: Vec<u8>,
        /// notBefore, seconds since the Unix epoch.
        pub not_before: i64,
        /// notAfter, seconds since the Unix epoch.
        pub not_after: i64,
        /// The SubjectPublicKeyInfo's AlgorithmIdentifier, DER.
        pub spki_algorithm: Vec<u8>,
        /// The subject public key's octets.
        pub spki_key: Vec<u8>,
        /// Each extension: dotted OID, critical, extnValue octets.
        pub extensions: Vec<(String, bool, Vec<u8>)>,
        /// The signature octets (`None` when the BIT STRING has unused bits).
        pub signature: Option<Vec<u8>>,
        /// basicConstraints cA, as the report shows it.
        pub is_ca: bool,
        /// subjectAltName DNS names and IP addresses, as the report shows them.
        pub subject_alt_names: Vec<String>,
    }

    /// Parses `der` as `validate` does: `Err` with the reason when it refuses the certificate.
    ///
    /// # Errors
    /// The refusal's reason, as a finding's detail says it.
    pub fn fields(der: &[u8]) -> Result<Fields, String> {
        let cert = Cert::parse(der).map_err(|e| e.0)?;
        let signed = Signed::parse(der).map_err(|e| e.as_str().to_string())?;
        let tbs = Tbs::parse(&signed.tbs).map_err(|_| String::from("TBS"))?;
        let time = |t| super::time::decode(t).map_or(0, |t| t.unix);
        Ok(Fields {
            version: tbs.version,
            serial: tbs.serial.to_vec(),
            signature_algorithm: signed.algorithm.raw.to_vec(),
            issuer: tbs.issuer.raw.to_vec(),
            subject: tbs.subject.raw.to_vec(),
            not_before: time(&tbs.not_before),
            not_after: time(&tbs.not_after),
            spki_algorithm: tbs.spki.algorithm.raw.to_vec(),
            spki_key: tbs.spki.key.to_vec(),
            extensions: tbs
                .extensions
                .iter()
                .map(|e| (e.id.to_string(), e.critical, e.value.to_vec()))
                .collect(),
            signature: signed.signature.map(<[u8]>::to_vec),
            is_ca: cert.info.is_ca,
            subject_alt_names: cert.info.subject_alt_names,
        })
    }

    /// ECDSA as the chain check verifies it: `bits` 256 (P-256) or 384 (P-384), `r_s` the
    /// fixed-width r ‖ s, `point` SEC 1. For `fuzz/fuzz_targets/signature_differential.rs`.
    pub fn ecdsa(bits: u32, digest: &[u8], r_s: &[u8], point: &[u8]) -> bool {
        match bits {
            256 => r_s
                .try_into()
                .is_ok_and(|rs| crate::arith::ecdsa::verify_p256(digest, rs, point)),
            384 => r_s
                .try_into()
                .is_ok_and(|rs| crate::arith::ecdsa::verify_p384(digest, rs, point)),
            _ => false,
        }
    }

    /// s^e mod n (k bytes) as the RSA verifier computes it; `None` when the key is not used or
    /// s is not a k-byte value below n. For the same fuzz target.
    pub fn rsa_public_op(n: &[u8], e: &[u8], s: &[u8]) -> Option<Vec<u8>> {
        crate::arith::rsa::PublicKey::new(n, e).ok()?.public_op(s)
    }
}

/// Fingerprint of the first certificate (the leaf) in PEM text, as SPEC.md's `fingerprint()`.
///
/// # Errors
/// [`Error::CertificateFormatInvalid`] when the text holds no parsable certificate.
pub fn fingerprint(
    pem: &str,
    algorithm: FingerprintAlgorithm,
    format: FingerprintFormat,
) -> crate::error::Result<String> {
    let invalid = |reason: &str| Error::CertificateFormatInvalid {
        reason: reason.into(),
    };
    if pem.len() > crate::input::MAX_FIELD_BYTES {
        return Err(invalid("input over 1 MiB"));
    }
    let text = crate::input::read(pem);
    let block = text
        .blocks
        .iter()
        .find(|b| b.label == "CERTIFICATE")
        .ok_or_else(|| invalid("no CERTIFICATE PEM block"))?;
    Cert::parse(&block.der).map_err(|e| Error::CertificateFormatInvalid { reason: e.0 })?;
    Ok(fingerprint_der(&block.der, algorithm, format))
}

/// A parsed certificate: the report facts plus what the chain and key checks need.
#[derive(Clone, Debug)]
pub(crate) struct Cert {
    /// The DER as given.
    pub der: Vec<u8>,
    /// Facts for the report.
    pub info: CertInfo,
    /// The subject public key's algorithm, size and curve.
    pub key: PublicKeyDesc,
    /// notBefore / notAfter in seconds since the Unix epoch (negative before 1970).
    pub not_before: i64,
    /// See `not_before`.
    pub not_after: i64,
    spki_der: Vec<u8>,
    subject: Vec<Vec<(String, String)>>,
    issuer: Vec<Vec<(String, String)>>,
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
    sig_alg_oid: Oid,
    /// A subjectAltName dNSName holds bytes outside ASCII (shown escaped in the facts).
    pub non_ascii_dns_name: bool,
    /// subjectKeyIdentifier, if any.
    subject_key_id: Option<Vec<u8>>,
    /// authorityKeyIdentifier's keyIdentifier, if any.
    authority_key_id: Option<Vec<u8>>,
}

/// Why DER is not a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NotACertificate(pub String);

impl NotACertificate {
    fn der(e: DerError) -> Self {
        let mut s = String::from("not an X.509 certificate: ");
        s.push_str(e.as_str());
        NotACertificate(s)
    }
}

impl Cert {
    /// Parses one DER certificate (strict DER, as Go's `x509.ParseCertificate`; no trailing bytes).
    pub(crate) fn parse(der: &[u8]) -> Result<Cert, NotACertificate> {
        let signed = Signed::parse(der).map_err(NotACertificate::der)?;
        let tbs = Tbs::parse(&signed.tbs).map_err(|e| match e {
            TbsError::Der(e) => NotACertificate::der(e),
            TbsError::Version => NotACertificate("unknown X.509 version".into()),
            TbsError::Serial => NotACertificate("malformed serial number".into()),
        })?;
        // RFC 5280 §4.1.2.3: the inner signature field must equal the outer signatureAlgorithm
        // (Go compares the encodings byte for byte).
        if tbs.signature.raw != signed.algorithm.raw {
            return Err(NotACertificate(
                "the signature algorithm inside the certificate differs from the outer one (RFC 5280 §4.1.2.3 requires them equal; OpenSSL refuses it too)".into(),
            ));
        }
        let (Some(not_before), Some(not_after)) =
            (time::decode(&tbs.not_before), time::decode(&tbs.not_after))
        else {
            return Err(NotACertificate(
                "malformed validity time (RFC 5280: UTCTime or GeneralizedTime, UTC, with seconds)"
                    .into(),
            ));
        };
        let key = alg::describe_key(&tbs.spki);
        let (subject, issuer) = (&tbs.subject_name, &tbs.issuer_name);

        let mut info = CertInfo {
            index: 0,
            subject: clip_chars(&name::rfc4514(subject), MAX_NAME_CHARS),
            issuer: clip_chars(&name::rfc4514(issuer), MAX_NAME_CHARS),
            common_name: name::common_name(subject).map(|n| clip_chars(&n, MAX_NAME_CHARS)),
            subject_alt_names: Vec::new(),
            serial_number: serial_hex(tbs.serial),
            not_before: not_before.iso8601(),
            not_after: not_after.iso8601(),
            key_algorithm: key.algorithm.as_str(),
            key_bits: key.bits,
            curve: key.curve.map(|c| c.as_str()),
            signature_algorithm: verify::signature_name(&signed.algorithm.oid),
            is_ca: false,
            fingerprint_sha1: fingerprint_der(
                der,
                FingerprintAlgorithm::Sha1,
                FingerprintFormat::ColonLower,
            ),
            fingerprint_sha256: fingerprint_der(
                der,
                FingerprintAlgorithm::Sha256,
                FingerprintFormat::ColonLower,
            ),
            ca_issuers: Vec::new(),
            source: "pem",
        };
        let mut non_ascii_dns_name = false;
        let (mut subject_key_id, mut authority_key_id) = (None, None);
        for ext in &tbs.extensions {
            // Key identifiers only tell a self-signed certificate from a self-issued one (below);
            // one that does not decode is not used (OpenSSL's reading, not a refusal).
            if ext.id == SUBJECT_KEY_ID {
                subject_key_id = asn1::parse_one(ext.value, asn1::OCTET_STRING)
                    .ok()
                    .map(|t| t.value.to_vec());
            } else if ext.id == AUTHORITY_KEY_ID {
                authority_key_id = authority_key_identifier(ext.value).map(<[u8]>::to_vec);
            } else if ext.id == AUTHORITY_INFO_ACCESS {
                info.ca_issuers = ca_issuers(ext.value);
            }
            if ext.id == SUBJECT_ALT_NAME {
                info.subject_alt_names = subject_alt_names(ext.value)
                    .map_err(|_| NotACertificate("malformed subjectAltName extension".into()))?
                    .iter()
                    .map(|n| clip_chars(n, MAX_NAME_CHARS))
                    .collect();
                non_ascii_dns_name = dns_names_not_ascii(ext.value);
            } else if ext.id == BASIC_CONSTRAINTS {
                info.is_ca = basic_constraints_ca(ext.value)
                    .map_err(|_| NotACertificate("malformed basicConstraints extension".into()))?;
            }
        }
        Ok(Cert {
            der: der.to_vec(),
            key,
            not_before: not_before.unix,
            not_after: not_after.unix,
            spki_der: tbs.spki.raw.to_vec(),
            subject: name::canonical(subject),
            issuer: name::canonical(issuer),
            subject_der: tbs.subject.raw.to_vec(),
            issuer_der: tbs.issuer.raw.to_vec(),
            sig_alg_oid: signed.algorithm.oid,
            non_ascii_dns_name,
            subject_key_id,
            authority_key_id,
            info,
        })
    }

    /// The SubjectPublicKeyInfo.
    pub(crate) fn spki(&self) -> Option<Spki<'_>> {
        Spki::from_der(&self.spki_der).ok()
    }

    /// Whether the signature algorithm or key is SM2 (PROVIDERS.md §4 heuristic).
    pub(crate) fn is_sm2(&self) -> bool {
        self.sig_alg_oid == alg::SM3_WITH_SM2 || self.key.algorithm == alg::KeyAlgorithm::Sm2
    }

    /// Does `issuer`'s subject name equal this certificate's issuer name (RFC 5280 §7.1)?
    pub(crate) fn named_issuer_is(&self, issuer: &Cert) -> bool {
        self.issuer_der == issuer.subject_der || self.issuer == issuer.subject
    }

    /// The same subject and the same SubjectPublicKeyInfo: the same trust anchor, whatever the
    /// validity or extensions of this copy.
    pub(crate) fn same_key(&self, other: &Cert) -> bool {
        self.spki_der == other.spki_der && self.subject == other.subject
    }

    /// Is subject = issuer?
    pub(crate) fn is_self_issued(&self) -> bool {
        self.named_issuer_is(self)
    }

    /// Self-signed as OpenSSL decides it without `X509_V_FLAG_CHECK_SS_SIGNATURE`: self-issued,
    /// and the authorityKeyIdentifier, when it and a subjectKeyIdentifier are both there, names the
    /// certificate's own key. The certificate's signature over itself is not checked: a trust
    /// anchor's self-signature proves nothing (the client trusts the anchor, not its signature),
    /// and it was the largest part of validating a self-signed pair.
    pub(crate) fn is_self_signed(&self) -> bool {
        self.is_self_issued()
            && match (&self.authority_key_id, &self.subject_key_id) {
                (Some(aki), Some(ski)) => aki == ski,
                _ => true,
            }
    }

    /// Does `issuer`'s public key verify this certificate's signature?
    pub(crate) fn signed_by(&self, issuer: &Cert) -> Verdict {
        let (Some(issuer_spki), Ok(signed)) = (issuer.spki(), Signed::parse(&self.der)) else {
            return Verdict::Invalid;
        };
        let Some(signature) = signed.signature else {
            return Verdict::Invalid;
        };
        verify::verify(signed.tbs.raw, &signed.algorithm, signature, &issuer_spki)
    }
}

/// `SubjectAltName ::= GeneralNames ::= SEQUENCE OF GeneralName` (RFC 5280 §4.2.1.6): the DNS
/// names and IP addresses, as SPEC's `subjectAltNames` lists them. Every member is checked as
/// its CHOICE alternative requires (IA5String alphabet for the string forms).
fn subject_alt_names(value: &[u8]) -> DerResult<Vec<String>> {
    let seq = asn1::parse_one(value, asn1::SEQUENCE)?;
    let mut r = seq.reader();
    let mut names = Vec::new();
    while !r.is_empty() {
        let name = r.any()?;
        match name.tag {
            // dNSName [2] IA5String. Non-ASCII bytes break the IA5String alphabet, yet OpenSSL reads
            // them and real certificates carry them; control characters (a NUL, as in the old
            // "www.bank.example\0.evil.example" trick) are IA5 but no host name. Either is shown
            // escaped (`\xNN`, a backslash too, so the text is unambiguous) and flagged by the
            // caller: no client will match such a name.
            0x82 => names.push(escape_bytes(name.value)),
            // iPAddress [7] OCTET STRING: v4 or v6; other lengths are not addresses.
            0x87 => names.extend(ip_string(name.value)),
            // rfc822Name [1], uniformResourceIdentifier [6]: IA5String.
            0x81 | 0x86 => {
                ia5(name.value)?;
            }
            // registeredID [8] OBJECT IDENTIFIER.
            0x88 => {
                asn1::oid_from_value(name.value)?;
            }
            // otherName [0], x400Address [3], directoryName [4], ediPartyName [5]: constructed.
            0xa0 | 0xa3 | 0xa4 | 0xa5 => {}
            _ => return Err(DerError::UnexpectedTag),
        }
    }
    Ok(names)
}

/// Whether a (well-formed) SubjectAltName has a dNSName with bytes outside ASCII.
fn dns_names_not_ascii(value: &[u8]) -> bool {
    let Ok(seq) = asn1::parse_one(value, asn1::SEQUENCE) else {
        return false;
    };
    let mut r = seq.reader();
    while let Ok(name) = r.any() {
        if name.tag == 0x82 && !name.value.iter().copied().all(printable_ascii) {
            return true;
        }
    }
    false
}

/// A byte of printable ASCII (space to `~`).
fn printable_ascii(b: u8) -> bool {
    (0x20..0x7f).contains(&b)
}

/// Bytes as text: printable ASCII as is, anything else (and a backslash) as `\xNN`.
fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if printable_ascii(b) && b != b'\\' {
            out.push(char::from(b));
        } else {
            let _ = core::fmt::Write::write_fmt(&mut out, format_args!("\\x{b:02x}"));
        }
    }
    out
}

/// An IA5String's text (7-bit ASCII).
fn ia5(value: &[u8]) -> DerResult<&str> {
    if value.is_ascii() {
        core::str::from_utf8(value).map_err(|_| DerError::StringChars)
    } else {
        Err(DerError::StringChars)
    }
}

/// `AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, … }`
/// (RFC 5280 §4.2.1.1): the keyIdentifier, when there is one and it decodes.
fn authority_key_identifier(value: &[u8]) -> Option<&[u8]> {
    let seq = asn1::parse_one(value, asn1::SEQUENCE).ok()?;
    let mut r = seq.reader();
    r.optional(asn1::context(0, false))
        .ok()
        .flatten()
        .map(|t| t.value)
}

/// `AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription`, `AccessDescription
/// ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }` (RFC 5280 §4.2.2.1):
/// the caIssuers locations that are URIs (`[6] IA5String`), as written; control bytes escaped as
/// `\xNN` (such a URI is shown, never fetched). An extension that does not decode yields none, as
/// OpenSSL reads it lazily and still accepts the certificate: the chain is then simply not
/// completed from it.
fn ca_issuers(value: &[u8]) -> Vec<String> {
    let Ok(seq) = asn1::parse_one(value, asn1::SEQUENCE) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut r = seq.reader();
    while !r.is_empty() && out.len() < MAX_CA_ISSUERS {
        let Ok(desc) = r.sequence() else {
            return out;
        };
        let mut d = desc;
        let (Ok(method), Ok(location)) = (d.oid(), d.any()) else {
            return out;
        };
        if method == CA_ISSUERS
            && location.tag == asn1::context(6, false)
            && location.value.len() <= MAX_URI_BYTES
            && location.value.is_ascii()
        {
            out.push(escape_bytes(location.value));
        }
    }
    out
}

/// `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX)
/// OPTIONAL }` (RFC 5280 §4.2.1.9): the cA flag.
fn basic_constraints_ca(value: &[u8]) -> DerResult<bool> {
    let seq = asn1::parse_one(value, asn1::SEQUENCE)?;
    let mut r = seq.reader();
    let ca = if r.peek_tag() == Some(asn1::BOOLEAN) {
        r.boolean()?
    } else {
        false
    };
    if !r.is_empty() {
        r.uint()?;
    }
    r.finish()?;
    Ok(ca)
}

/// Lowercase hex of a serial number without leading zeros ("0" for zero). Negative serials
/// (which RFC 5280 forbids but some CAs issued) are shown as their two's-complement bytes.
fn serial_hex(bytes: &[u8]) -> String {
    let hex = crate::fingerprint::hex(bytes, FingerprintFormat::Hex);
    let trimmed = hex.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

/// IPv4 dotted quad or IPv6 in RFC 5952 form (lowercase, longest zero run ≥ 2 groups as `::`).
fn ip_string(bytes: &[u8]) -> Option<String> {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        return Some(core::net::Ipv4Addr::from(v4).to_string());
    }
    if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        // core's Display implements RFC 5952 (and writes IPv4-mapped addresses as ::ffff:a.b.c.d).
        return Some(core::net::Ipv6Addr::from(v6).to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn der_of(pem: &str) -> Vec<u8> {
        let pem = crate::input::read(pem);
        pem.blocks
            .first()
            .map(|b| b.der.to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn self_signed_by_names_and_key_identifiers() {
        let root = Cert::parse(&der_of(include_str!(
            "../tests/fixtures/chain/rsa/root.pem"
        )));
        let mut root = root.expect("the RSA root parses");
        assert!(root.subject_key_id.is_some() && root.authority_key_id.is_none());
        assert!(root.is_self_signed());
        root.authority_key_id = root.subject_key_id.clone();
        assert!(root.is_self_signed());
        // Same names, an authorityKeyIdentifier naming another key: self-issued (a key rollover
        // certificate), not self-signed.
        root.authority_key_id = Some(alloc::vec![1, 2, 3]);
        assert!(root.is_self_issued() && !root.is_self_signed());
        // Without both identifiers the names decide.
        root.subject_key_id = None;
        assert!(root.is_self_signed());
        let leaf = Cert::parse(&der_of(include_str!(
            "../tests/fixtures/chain/rsa/leaf.pem"
        )));
        let leaf = leaf.expect("the leaf parses");
        assert!(!leaf.is_self_signed());
        // The leaf's authorityKeyIdentifier is its issuer's subjectKeyIdentifier (read right).
        let int = Cert::parse(&der_of(include_str!("../tests/fixtures/chain/rsa/int.pem")));
        assert_eq!(
            leaf.authority_key_id,
            int.expect("the intermediate parses").subject_key_id
        );
    }

    #[test]
    fn serials() {
        assert_eq!(serial_hex(&[0x00, 0x8f, 0x01]), "8f01");
        assert_eq!(serial_hex(&[0x00]), "0");
        assert_eq!(serial_hex(&[0x01]), "1");
        assert_eq!(serial_hex(&[0x10, 0x00]), "1000");
    }

    #[test]
    fn ips() {
        assert_eq!(ip_string(&[192, 0, 2, 1]).as_deref(), Some("192.0.2.1"));
        let mut v6 = [0u8; 16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = 0xb8;
        v6[15] = 1;
        assert_eq!(ip_string(&v6).as_deref(), Some("2001:db8::1"));
        assert_eq!(ip_string(&[1, 2, 3]), None);
    }

    #[test]
    fn dns_names_with_control_bytes_are_escaped_and_flagged() {
        // SEQUENCE { [2] "a\0b", [2] "c\\d", [2] "ok" }: a NUL and a backslash.
        let der = [
            0x30, 0x0c, 0x82, 0x03, b'a', 0x00, b'b', 0x82, 0x03, b'c', b'\\', b'd', 0x82, 0x00,
        ];
        assert_eq!(
            subject_alt_names(&der),
            Ok(alloc::vec![
                "a\\x00b".to_string(),
                "c\\x5cd".to_string(),
                String::new()
            ])
        );
        assert!(dns_names_not_ascii(&der));
        assert!(!dns_names_not_ascii(&[0x30, 0x04, 0x82, 0x02, b'o', b'k']));
    }

    #[test]
    fn subject_alt_names_dns_and_ip_only() {
        // SEQUENCE { [2] "a.example", [1] "x@y", [7] 192.0.2.1, [6] "https://u" }
        let der = [
            0x30, 0x1a, 0x82, 0x09, b'a', b'.', b'e', b'x', b'a', b'm', b'p', b'l', b'e', 0x81,
            0x03, b'x', b'@', b'y', 0x87, 0x04, 192, 0, 2, 1, 0x86, 0x02, b'h', b'u',
        ];
        assert_eq!(
            subject_alt_names(&der),
            Ok(alloc::vec![
                "a.example".to_string(),
                "192.0.2.1".to_string()
            ])
        );
        // A dNSName outside IA5String is shown escaped; an unknown alternative [9] and trailing
        // bytes are errors.
        assert_eq!(
            subject_alt_names(&[0x30, 0x03, 0x82, 0x01, 0xe9]),
            Ok(alloc::vec!["\\xe9".to_string()])
        );
        assert_eq!(
            subject_alt_names(&[0x30, 0x03, 0x89, 0x01, 0x00]),
            Err(DerError::UnexpectedTag)
        );
        assert_eq!(
            subject_alt_names(&[0x30, 0x00, 0x00]),
            Err(DerError::TrailingData)
        );
    }

    #[test]
    fn basic_constraints() {
        assert_eq!(basic_constraints_ca(&[0x30, 0x00]), Ok(false));
        assert_eq!(
            basic_constraints_ca(&[0x30, 0x03, 0x01, 0x01, 0xff]),
            Ok(true)
        );
        assert_eq!(
            basic_constraints_ca(&[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00]),
            Ok(true)
        );
        // BOOLEAN TRUE must be FF in DER; a negative path length is refused.
        assert!(basic_constraints_ca(&[0x30, 0x03, 0x01, 0x01, 0x01]).is_err());
        assert!(basic_constraints_ca(&[0x30, 0x03, 0x02, 0x01, 0xff]).is_err());
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert!(Cert::parse(&[]).is_err());
        assert!(Cert::parse(&[0x30, 0x03, 0x02, 0x01, 0x01]).is_err());
    }
}
