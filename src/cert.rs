//! X.509 certificates: parse (RFC 5280 §4.1) into [`CertInfo`], and the chain checks.

mod name;
mod time;
mod verify;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;
use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier as Oid};
use der::{Decode, Encode, Sequence, Tagged};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{BasicConstraints, SubjectAltName};
use x509_cert::name::Name;

use crate::alg::{self, PublicKeyDesc};
use crate::finding::CertInfo;
use crate::fingerprint::{FingerprintAlgorithm, FingerprintFormat, fingerprint_der};
pub(crate) use verify::Verdict;

/// subjectAltName, RFC 5280 §4.2.1.6.
const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
/// basicConstraints, RFC 5280 §4.2.1.9.
const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");

/// The outer SEQUENCE of a certificate with the TBS kept as raw bytes, for signature checks.
#[derive(Sequence)]
struct RawCertificate<'a> {
    tbs: AnyRef<'a>,
    signature_algorithm: AlgorithmIdentifierRef<'a>,
    signature: BitStringRef<'a>,
}

/// TBSCertificate, RFC 5280 §4.1. Serial and validity stay raw: serials are shown as encoded (even
/// when longer than 20 octets or negative, as OpenSSL does), and times are decoded by [`time`].
#[derive(Sequence)]
struct Tbs<'a> {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    version: Option<u8>,
    serial: AnyRef<'a>,
    signature: AlgorithmIdentifierRef<'a>,
    issuer: Name,
    validity: Validity<'a>,
    subject: Name,
    spki: SubjectPublicKeyInfoRef<'a>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    issuer_unique_id: Option<BitStringRef<'a>>,
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", optional = "true")]
    subject_unique_id: Option<BitStringRef<'a>>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<Vec<Extension>>,
}

/// Validity ::= SEQUENCE { notBefore Time, notAfter Time }.
#[derive(Sequence)]
struct Validity<'a> {
    not_before: AnyRef<'a>,
    not_after: AnyRef<'a>,
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
    subject: Vec<Vec<(Oid, String)>>,
    issuer: Vec<Vec<(Oid, String)>>,
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
    sig_alg_oid: Oid,
}

/// Why DER is not a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NotACertificate(pub String);

impl Cert {
    /// Parses one DER certificate (strict DER, as Go's `x509.ParseCertificate`; no trailing bytes).
    pub(crate) fn parse(der: &[u8]) -> Result<Cert, NotACertificate> {
        let der_err = |e: der::Error| NotACertificate(describe_der_error(&e));
        let raw = RawCertificate::from_der(der).map_err(der_err)?;
        let tbs: Tbs<'_> = raw.tbs.decode_as().map_err(der_err)?;
        // RFC 5280 §4.1.2.3: the inner signature field must equal the outer signatureAlgorithm
        // (Go compares the encodings byte for byte).
        if tbs.signature.to_der().ok() != raw.signature_algorithm.to_der().ok() {
            return Err(NotACertificate(
                "the signature algorithm inside the certificate differs from the outer one".into(),
            ));
        }
        if tbs.version.is_some_and(|v| v > 2) {
            return Err(NotACertificate("unknown X.509 version".into()));
        }
        if tbs.serial.tag() != der::Tag::Integer || tbs.serial.value().is_empty() {
            return Err(NotACertificate("malformed serial number".into()));
        }
        let (Some(not_before), Some(not_after)) = (
            time::decode(&tbs.validity.not_before),
            time::decode(&tbs.validity.not_after),
        ) else {
            return Err(NotACertificate(
                "malformed validity time (RFC 5280: UTCTime or GeneralizedTime, UTC, with seconds)"
                    .into(),
            ));
        };
        let key = alg::describe_spki(&tbs.spki);

        let mut info = CertInfo {
            subject: name::rfc4514(&tbs.subject),
            issuer: name::rfc4514(&tbs.issuer),
            common_name: name::common_name(&tbs.subject),
            subject_alt_names: Vec::new(),
            serial_number: serial_hex(tbs.serial.value()),
            not_before: not_before.iso8601(),
            not_after: not_after.iso8601(),
            key_algorithm: key.algorithm.as_str(),
            key_bits: key.bits,
            curve: key.curve.map(|c| c.as_str()),
            signature_algorithm: verify::signature_name(&raw.signature_algorithm.oid),
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
        };
        for ext in tbs.extensions.iter().flatten() {
            if ext.extn_id == SUBJECT_ALT_NAME {
                let san = SubjectAltName::from_der(ext.extn_value.as_bytes())
                    .map_err(|_| NotACertificate("malformed subjectAltName extension".into()))?;
                info.subject_alt_names = san.0.iter().filter_map(general_name).collect();
            } else if ext.extn_id == BASIC_CONSTRAINTS {
                let bc = BasicConstraints::from_der(ext.extn_value.as_bytes())
                    .map_err(|_| NotACertificate("malformed basicConstraints extension".into()))?;
                info.is_ca = bc.ca;
            }
        }
        Ok(Cert {
            der: der.to_vec(),
            key,
            not_before: not_before.unix,
            not_after: not_after.unix,
            spki_der: tbs.spki.to_der().map_err(der_err)?,
            subject: name::canonical(&tbs.subject),
            issuer: name::canonical(&tbs.issuer),
            subject_der: tbs.subject.to_der().map_err(der_err)?,
            issuer_der: tbs.issuer.to_der().map_err(der_err)?,
            sig_alg_oid: raw.signature_algorithm.oid,
            info,
        })
    }

    /// The SubjectPublicKeyInfo.
    pub(crate) fn spki(&self) -> Option<SubjectPublicKeyInfoRef<'_>> {
        SubjectPublicKeyInfoRef::from_der(&self.spki_der).ok()
    }

    /// Whether the signature algorithm or key is SM2 (PROVIDERS.md §4 heuristic).
    pub(crate) fn is_sm2(&self) -> bool {
        self.sig_alg_oid == alg::SM3_WITH_SM2 || self.key.algorithm == alg::KeyAlgorithm::Sm2
    }

    /// Does `issuer`'s subject name equal this certificate's issuer name (RFC 5280 §7.1)?
    pub(crate) fn named_issuer_is(&self, issuer: &Cert) -> bool {
        self.issuer_der == issuer.subject_der || self.issuer == issuer.subject
    }

    /// Is subject = issuer?
    pub(crate) fn is_self_issued(&self) -> bool {
        self.named_issuer_is(self)
    }

    /// Does `issuer`'s public key verify this certificate's signature?
    pub(crate) fn signed_by(&self, issuer: &Cert) -> Verdict {
        let Some(issuer_spki) = issuer.spki() else {
            return Verdict::Invalid;
        };
        let Ok(raw) = RawCertificate::from_der(&self.der) else {
            return Verdict::Invalid;
        };
        let Ok(tbs) = raw.tbs.to_der() else {
            return Verdict::Invalid;
        };
        let Some(signature) = raw.signature.as_bytes() else {
            return Verdict::Invalid;
        };
        verify::verify(
            &tbs,
            &raw.signature_algorithm.oid,
            raw.signature_algorithm.parameters.as_ref(),
            signature,
            &issuer_spki,
        )
    }
}

/// Text of a DER error without positions or bytes.
fn describe_der_error(e: &der::Error) -> String {
    let mut s = String::from("not an X.509 certificate: ");
    let _ = write!(s, "{}", e.kind());
    s
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

/// DNS names and IP addresses, as SPEC's `subjectAltNames` lists them.
fn general_name(name: &GeneralName) -> Option<String> {
    match name {
        GeneralName::DnsName(dns) => Some(dns.to_string()),
        GeneralName::IpAddress(ip) => ip_string(ip.as_bytes()),
        _ => None,
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
    fn garbage_is_not_a_certificate() {
        assert!(Cert::parse(&[]).is_err());
        assert!(Cert::parse(&[0x30, 0x03, 0x02, 0x01, 0x01]).is_err());
    }
}
