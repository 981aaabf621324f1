//! Our certificate reader (`src/asn1.rs` + `src/cert.rs`) against RustCrypto's `x509-cert` (a
//! dev-dependency: the oracle, never the runtime). Shared by `tests/x509_oracle.rs` (both fixture
//! corpora) and `fuzz/fuzz_targets/x509_differential.rs` (arbitrary DER): the same DER must be
//! accepted by both with the same fields, or refused by both, or differ in one of the ways listed
//! in [`DIFFERENCES`], each with its reason.
//!
//! `x509-cert` is used with its `Raw` profile (no 20-octet serial limit, any time encoding): the
//! profile checks are policy, and ours are listed below.

#![allow(dead_code, clippy::std_instead_of_core)]

use cert_preflight::differential::{Fields, fields};
use x509_cert::certificate::{CertificateInner, Raw, Version};
use x509_cert::der::oid::AssociatedOid;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::{BasicConstraints, SubjectAltName, name::GeneralName};

/// One side of a difference: what the reader does with the DER.
#[derive(Clone, Copy, Debug)]
pub enum Side {
    /// It reads the certificate.
    Accepts,
    /// It refuses it with a reason containing this text (or one of its `|`-separated parts).
    Refuses(&'static str),
}

/// An intentional difference: what we do, what `x509-cert` does, and why.
#[derive(Clone, Copy, Debug)]
pub struct Difference {
    /// What we do.
    pub ours: Side,
    /// What `x509-cert` does.
    pub theirs: Side,
    /// Why it differs, and who else is on our side.
    pub reason: &'static str,
}

/// Every intentional difference, in one place.
pub const DIFFERENCES: &[Difference] = &[
    Difference {
        ours: Side::Refuses("signature algorithm inside the certificate differs"),
        theirs: Side::Accepts,
        reason: "RFC 5280 §4.1.2.3 requires the inner and outer signature algorithms to be equal; \
                 OpenSSL and Go refuse the certificate, x509-cert does not compare them",
    },
    Difference {
        ours: Side::Refuses("malformed subjectAltName"),
        theirs: Side::Accepts,
        reason: "we read subjectAltName for the report and refuse one that does not decode, as Go \
                 does; x509-cert keeps extension values as opaque octets",
    },
    Difference {
        ours: Side::Refuses("malformed basicConstraints"),
        theirs: Side::Accepts,
        reason: "we read basicConstraints for the CA checks and refuse one that does not decode, as \
                 Go does; x509-cert keeps extension values as opaque octets",
    },
    Difference {
        ours: Side::Refuses("a string holds characters its type does not allow"),
        theirs: Side::Accepts,
        reason: "a name string that breaks its type (a UTF8String that is not UTF-8) is refused, as \
                 OpenSSL refuses it; x509-cert keeps attribute values as opaque ANY",
    },
    Difference {
        ours: Side::Refuses("a BIT STRING is malformed"),
        theirs: Side::Accepts,
        reason: "a BIT STRING whose unused padding bits are not zero breaks DER (X.690 §11.2.1), \
                 and a subjectPublicKey with unused bits is no key (every key format is whole \
                 octets; Go's ParseCertificate refuses it): we refuse both, der's BitString checks \
                 neither",
    },
    Difference {
        ours: Side::Refuses("high-tag form"),
        theirs: Side::Accepts,
        reason: "a value with a high tag number (31 and above) where X.509 allows any type (an \
                 attribute value): no X.509 structure uses the form, OpenSSL cannot parse it and \
                 Go refuses the attribute; der reads it",
    },
    Difference {
        ours: Side::Refuses("an OBJECT IDENTIFIER is malformed"),
        theirs: Side::Accepts,
        reason: "an OBJECT IDENTIFIER arc with a leading 0x80 octet is not minimally encoded \
                 (X.690 §8.19.2): OpenSSL refuses it ('invalid object encoding') and so do we; \
                 const-oid reads it",
    },
    Difference {
        ours: Side::Accepts,
        theirs: Side::Refuses("INTEGER not canonically encoded"),
        reason: "a serial number that is not minimally encoded is shown as encoded, as OpenSSL \
                 shows it (RFC 5280 §4.1.2.2 asks users to handle odd serials gracefully); \
                 x509-cert refuses a non-canonical INTEGER",
    },
    Difference {
        ours: Side::Accepts,
        theirs: Side::Refuses("DER value for UTCTime|DER value for GeneralizedTime"),
        reason: "validity times before 1970 (UTCTime 50-69, GeneralizedTime years 0000-1969) are \
                 read as OpenSSL reads them; der's DateTime starts at 1970",
    },
    Difference {
        ours: Side::Accepts,
        theirs: Side::Refuses("unknown/unsupported ASN.1 DER tag"),
        reason: "where X.509 allows any type (attribute values, algorithm parameters), values of \
                 universal types der does not implement (GraphicString, ObjectDescriptor, \
                 CHARACTER STRING, EXTERNAL…) are read as opaque values and names show them in \
                 RFC 4514 hex form, as OpenSSL reads them; der refuses tags it does not implement",
    },
    Difference {
        ours: Side::Accepts,
        theirs: Side::Refuses("SAN: malformed ASN.1 DER value for IA5String"),
        reason: "a dNSName with non-ASCII bytes is read, shown escaped and warned about, as OpenSSL \
                 and Python read it; x509-cert's IA5String refuses it",
    },
    Difference {
        ours: Side::Accepts,
        theirs: Side::Refuses("SAN: "),
        reason: "SAN entries the report does not show (otherName, x400Address, ediPartyName) are \
                 skipped without decoding their contents, as OpenSSL and Go read such certificates; \
                 x509-cert's GeneralName decoder refuses unusual or malformed ones",
    },
];

/// What one DER gave.
#[derive(Debug)]
pub enum Outcome {
    /// Both read it, with the same fields.
    BothAccept,
    /// Both refused it.
    BothRefuse,
    /// A listed difference (index into [`DIFFERENCES`]).
    Known(usize),
}

/// Compares the two readers on `der`: `Err` says what differs when no listed difference explains it.
///
/// # Errors
/// An unexplained difference, described.
pub fn compare(der: &[u8]) -> Result<Outcome, String> {
    let ours = fields(der);
    let theirs = CertificateInner::<Raw>::from_der(der);
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => {
            // x509-cert decodes SAN and basicConstraints only when asked (here): a refusal there
            // is its verdict on the certificate's content.
            let theirs = match their_fields(&theirs) {
                Ok(fields) => fields,
                Err(theirs) => {
                    return known(|d| {
                        matches!(d.ours, Side::Accepts) && refuses(d.theirs, &theirs)
                    })
                    .ok_or_else(|| format!("we accept, x509-cert refuses: {theirs}"));
                }
            };
            if ours == theirs {
                Ok(Outcome::BothAccept)
            } else {
                Err(format!(
                    "both accept, fields differ:\nours   {ours:02x?}\ntheirs {theirs:02x?}"
                ))
            }
        }
        (Err(_), Err(_)) => Ok(Outcome::BothRefuse),
        (Ok(_), Err(theirs)) => {
            let theirs = theirs.to_string();
            known(|d| matches!(d.ours, Side::Accepts) && refuses(d.theirs, &theirs))
                .ok_or_else(|| format!("we accept, x509-cert refuses: {theirs}"))
        }
        (Err(ours), Ok(_)) => {
            let ours: String = ours;
            known(|d| matches!(d.theirs, Side::Accepts) && refuses(d.ours, &ours))
                .ok_or_else(|| format!("x509-cert accepts, we refuse: {ours}"))
        }
    }
}

fn refuses(side: Side, reason: &str) -> bool {
    matches!(side, Side::Refuses(text) if text.split('|').any(|part| reason.contains(part)))
}

fn known(matches: impl Fn(&Difference) -> bool) -> Option<Outcome> {
    DIFFERENCES.iter().position(matches).map(Outcome::Known)
}

/// `x509-cert`'s reading, in our [`Fields`].
fn their_fields(cert: &CertificateInner<Raw>) -> Result<Fields, String> {
    fn der(v: &impl Encode) -> Result<Vec<u8>, String> {
        v.to_der().map_err(|e| e.to_string())
    }
    let tbs = cert.tbs_certificate();
    let validity = tbs.validity();
    let secs = |t: x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).map_err(|e| e.to_string())
    };
    let spki = tbs.subject_public_key_info();
    let extensions = tbs.extensions().map(|e| e.as_slice()).unwrap_or_default();
    let mut is_ca = false;
    let mut subject_alt_names = Vec::new();
    for ext in extensions {
        let value = ext.extn_value.as_bytes();
        if ext.extn_id == BasicConstraints::OID {
            is_ca = BasicConstraints::from_der(value)
                .map_err(|e| format!("basicConstraints: {e}"))?
                .ca;
        } else if ext.extn_id == SubjectAltName::OID {
            let names = SubjectAltName::from_der(value).map_err(|e| format!("SAN: {e}"))?;
            subject_alt_names = names.0.iter().filter_map(san_text).collect();
        }
    }
    Ok(Fields {
        version: match tbs.version() {
            Version::V1 => 0,
            Version::V2 => 1,
            Version::V3 => 2,
        },
        serial: tbs.serial_number().as_bytes().to_vec(),
        signature_algorithm: der(cert.signature_algorithm())?,
        issuer: der(tbs.issuer())?,
        subject: der(tbs.subject())?,
        not_before: secs(validity.not_before)?,
        not_after: secs(validity.not_after)?,
        spki_algorithm: der(&spki.algorithm)?,
        spki_key: spki
            .subject_public_key
            .as_bytes()
            .ok_or("SPKI key with unused bits")?
            .to_vec(),
        extensions: extensions
            .iter()
            .map(|e| {
                (
                    e.extn_id.to_string(),
                    e.critical,
                    e.extn_value.as_bytes().to_vec(),
                )
            })
            .collect(),
        signature: cert.signature().as_bytes().map(<[u8]>::to_vec),
        is_ca,
        subject_alt_names,
    })
}

/// A DNS name or IP address as the report writes it (RFC 5952 for IPv6, as `std` formats it).
fn san_text(name: &GeneralName) -> Option<String> {
    match name {
        GeneralName::DnsName(dns) => Some(escape(dns.as_bytes())),
        GeneralName::IpAddress(ip) => match ip.as_bytes() {
            &[a, b, c, d] => Some(std::net::Ipv4Addr::new(a, b, c, d).to_string()),
            bytes => <[u8; 16]>::try_from(bytes)
                .ok()
                .map(|b| std::net::Ipv6Addr::from(b).to_string()),
        },
        _ => None,
    }
}

/// A DNS name as the report shows it: printable ASCII as is, any other byte (and a backslash)
/// escaped as `\xNN`.
fn escape(bytes: &[u8]) -> String {
    let shown = |b: u8| (0x20..0x7f).contains(&b) && b != b'\\';
    bytes
        .iter()
        .map(|&b| {
            if shown(b) {
                char::from(b).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}
