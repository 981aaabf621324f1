//! Distinguished names as RFC 4514 strings.
//!
//! The output follows RFC 4514 §2 and is byte-for-byte what `openssl x509 -nameopt RFC2253,-esc_msb`
//! prints, so tests can compare with openssl: RDNs last-to-first, multi-valued RDN members joined by
//! `+` (also last-to-first, as OpenSSL walks its flat entry list backwards), OpenSSL's short names for
//! attribute types, and `OID=#hex-of-DER` for types without a short name or values that are not strings.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use const_oid::ObjectIdentifier as Oid;
use core::fmt::Write;

use crate::asn1::{self, DerError, DerResult, Reader, Tlv};

/// `AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }` (RFC 5280 §4.1.2.4).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Atv<'a> {
    /// The attribute type.
    pub oid: Oid,
    /// The value, tag and all.
    pub value: Tlv<'a>,
}

/// `RDNSequence ::= SEQUENCE OF RelativeDistinguishedName`, each `SET OF AttributeTypeAndValue`,
/// in encoded order.
pub(crate) type Name<'a> = Vec<Vec<Atv<'a>>>;

/// Reads a Name (the whole SEQUENCE TLV).
pub(crate) fn parse<'a>(name: &Tlv<'a>) -> DerResult<Name<'a>> {
    let mut rdns = Vec::new();
    let mut r = name.reader();
    while !r.is_empty() {
        let mut set = Reader::new(r.expect(asn1::SET)?);
        let mut members = Vec::new();
        while !set.is_empty() {
            let mut atv = set.sequence()?;
            let oid = atv.oid()?;
            let value = atv.any()?;
            atv.finish()?;
            // A UTF8String must be UTF-8 (X.690 §8.23.10); OpenSSL and Python `cryptography`
            // refuse the certificate otherwise. Other string types are decoded leniently.
            if value.tag == asn1::UTF8_STRING && core::str::from_utf8(value.value).is_err() {
                return Err(DerError::StringChars);
            }
            members.push(Atv { oid, value });
        }
        rdns.push(members);
    }
    Ok(rdns)
}

/// commonName, RFC 5280 Appendix A.
pub(crate) const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");

/// Attribute types OpenSSL prints by short name (its `OBJ_nid2sn`), in OID order.
const SHORT_NAMES: &[(Oid, &str)] = &[
    (Oid::new_unwrap("0.9.2342.19200300.100.1.1"), "UID"),
    (Oid::new_unwrap("0.9.2342.19200300.100.1.25"), "DC"),
    (Oid::new_unwrap("1.2.840.113549.1.9.1"), "emailAddress"),
    (Oid::new_unwrap("1.3.6.1.4.1.311.60.2.1.1"), "jurisdictionL"),
    (
        Oid::new_unwrap("1.3.6.1.4.1.311.60.2.1.2"),
        "jurisdictionST",
    ),
    (Oid::new_unwrap("1.3.6.1.4.1.311.60.2.1.3"), "jurisdictionC"),
    (Oid::new_unwrap("2.5.4.3"), "CN"),
    (Oid::new_unwrap("2.5.4.4"), "SN"),
    (Oid::new_unwrap("2.5.4.5"), "serialNumber"),
    (Oid::new_unwrap("2.5.4.6"), "C"),
    (Oid::new_unwrap("2.5.4.7"), "L"),
    (Oid::new_unwrap("2.5.4.8"), "ST"),
    (Oid::new_unwrap("2.5.4.9"), "street"),
    (Oid::new_unwrap("2.5.4.10"), "O"),
    (Oid::new_unwrap("2.5.4.11"), "OU"),
    (Oid::new_unwrap("2.5.4.12"), "title"),
    (Oid::new_unwrap("2.5.4.13"), "description"),
    (Oid::new_unwrap("2.5.4.15"), "businessCategory"),
    (Oid::new_unwrap("2.5.4.17"), "postalCode"),
    (Oid::new_unwrap("2.5.4.41"), "name"),
    (Oid::new_unwrap("2.5.4.42"), "GN"),
    (Oid::new_unwrap("2.5.4.43"), "initials"),
    (Oid::new_unwrap("2.5.4.44"), "generationQualifier"),
    (Oid::new_unwrap("2.5.4.46"), "dnQualifier"),
    (Oid::new_unwrap("2.5.4.65"), "pseudonym"),
    (Oid::new_unwrap("2.5.4.97"), "organizationIdentifier"),
];

fn short_name(oid: &Oid) -> Option<&'static str> {
    SHORT_NAMES
        .iter()
        .find(|(known, _)| known == oid)
        .map(|(_, name)| *name)
}

/// The string value of an attribute, decoded to UTF-8, if it is one of the X.520 string types.
pub(crate) fn attribute_string(atv: &Atv<'_>) -> Option<String> {
    let value = atv.value.value;
    match atv.value.tag {
        asn1::UTF8_STRING
        | asn1::PRINTABLE_STRING
        | asn1::IA5_STRING
        | asn1::VISIBLE_STRING
        | asn1::NUMERIC_STRING => core::str::from_utf8(value).ok().map(String::from),
        // T61 is read as Latin-1, as OpenSSL does.
        asn1::TELETEX_STRING => Some(value.iter().map(|b| char::from(*b)).collect()),
        asn1::BMP_STRING => {
            let units = value
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c.first().copied()?, c.get(1).copied()?]).into());
            let units: Option<Vec<u16>> = if value.len() % 2 == 0 {
                units.collect()
            } else {
                None
            };
            char::decode_utf16(units?)
                .collect::<Result<String, _>>()
                .ok()
        }
        asn1::UNIVERSAL_STRING => {
            // UniversalString (UCS-4).
            if value.len() % 4 != 0 {
                return None;
            }
            value
                .chunks_exact(4)
                .map(|c| {
                    let mut b = [0u8; 4];
                    b.copy_from_slice(c);
                    char::from_u32(u32::from_be_bytes(b))
                })
                .collect()
        }
        _ => None,
    }
}

/// RFC 4514 §2.4 escaping of an attribute value.
fn escape_into(out: &mut String, value: &str) {
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        match c {
            ',' | '+' | '"' | '\\' | '<' | '>' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            '\u{0}'..='\u{1f}' | '\u{7f}' => {
                let _ = write!(out, "\\{:02X}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
}

fn write_atv(out: &mut String, atv: &Atv<'_>) {
    match (short_name(&atv.oid), attribute_string(atv)) {
        (Some(name), Some(value)) => {
            out.push_str(name);
            out.push('=');
            escape_into(out, &value);
        }
        _ => {
            let _ = write!(out, "{}=#", atv.oid);
            out.push_str(&crate::fingerprint::hex(
                atv.value.raw,
                crate::fingerprint::FingerprintFormat::Hex,
            ));
        }
    }
}

/// `name` as an RFC 4514 string.
pub(crate) fn rfc4514(name: &Name<'_>) -> String {
    let mut out = String::new();
    for (i, rdn) in name.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.iter().rev().enumerate() {
            if j > 0 {
                out.push('+');
            }
            write_atv(&mut out, atv);
        }
    }
    out
}

/// The last commonName of `name` (the most specific one), if any.
pub(crate) fn common_name(name: &Name<'_>) -> Option<String> {
    name.iter()
        .flatten()
        .rfind(|atv| atv.oid == COMMON_NAME)
        .and_then(attribute_string)
}

/// A name reduced for comparison (RFC 5280 §7.1, simplified the way OpenSSL canonicalises): each
/// string value case-folded (ASCII) with inner whitespace runs collapsed and ends trimmed.
/// Members are `(dotted OID, value)` pairs so that every sort in the crate shares one
/// instantiation (string pairs) — it keeps the wasm small.
pub(crate) fn canonical(name: &Name<'_>) -> Vec<Vec<(String, String)>> {
    name.iter()
        .map(|rdn| {
            let mut members: Vec<(String, String)> = rdn
                .iter()
                .map(|atv| {
                    let value = match attribute_string(atv) {
                        Some(s) => s
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_ascii_lowercase(),
                        None => crate::fingerprint::hex(
                            atv.value.raw,
                            crate::fingerprint::FingerprintFormat::Hex,
                        ),
                    };
                    (atv.oid.to_string(), value)
                })
                .collect();
            members.sort();
            members
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes_from_hex(h: &str) -> Vec<u8> {
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
            .collect()
    }

    fn with_name<T>(h: &str, f: impl FnOnce(&Name<'_>) -> T) -> T {
        let bytes = bytes_from_hex(h);
        let tlv = asn1::parse_one(&bytes, asn1::SEQUENCE).unwrap_or(Tlv {
            tag: 0,
            value: &[],
            raw: &[],
        });
        f(&parse(&tlv).unwrap_or_default())
    }

    #[test]
    fn escapes_specials() {
        let mut s = String::new();
        escape_into(&mut s, "#a,b+c\"d\\e<f>g;h ");
        assert_eq!(s, "\\#a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h\\ ");
        let mut s = String::new();
        escape_into(&mut s, " x#\u{1}");
        assert_eq!(s, "\\ x#\\01");
    }

    #[test]
    fn formats_reversed_with_short_names() {
        // SEQUENCE { SET { C=CN }, SET { O=Org }, SET { CN=a.example } } built by `openssl req -subj /C=CN/O=Org/CN=a.example`.
        let hex = "3033310b300906035504061302434e310c300a060355040a0c034f72673116301406035504030c\
                   0d612e6578616d706c652e636f6d";
        let hex: String = hex.split_whitespace().collect();
        with_name(&hex, |name| {
            assert_eq!(rfc4514(name), "CN=a.example.com,O=Org,C=CN");
            assert_eq!(common_name(name).as_deref(), Some("a.example.com"));
        });
    }

    #[test]
    fn unknown_type_is_hex_dumped() {
        // SET { 1.2.3.4 = UTF8String "x" }
        with_name("300e310c300a06032a03040c0378797a", |name| {
            assert_eq!(rfc4514(name), "1.2.3.4=#0c0378797a");
            assert_eq!(common_name(name), None);
        });
    }
}
