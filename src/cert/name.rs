//! Distinguished names as RFC 4514 strings.
//!
//! The output follows RFC 4514 §2 and is byte-for-byte what `openssl x509 -nameopt RFC2253,-esc_msb`
//! prints, so tests can compare with openssl: RDNs last-to-first, multi-valued RDN members joined by
//! `+` (also last-to-first, as OpenSSL walks its flat entry list backwards), OpenSSL's short names for
//! attribute types, and `OID=#hex-of-DER` for types without a short name or values that are not strings.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use der::asn1::ObjectIdentifier as Oid;
use der::{Encode, Tag, TagNumber, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::Name;

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
pub(crate) fn attribute_string(atv: &AttributeTypeAndValue) -> Option<String> {
    let value = atv.value.value();
    match atv.value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::VisibleString
        | Tag::NumericString => core::str::from_utf8(value).ok().map(String::from),
        // T61 is read as Latin-1, as OpenSSL does.
        Tag::TeletexString => Some(value.iter().map(|b| char::from(*b)).collect()),
        Tag::BmpString => {
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
        tag if tag.number() == TagNumber(28) && !tag.is_constructed() => {
            // UniversalString (UCS-4); der has no named variant for it.
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

fn write_atv(out: &mut String, atv: &AttributeTypeAndValue) {
    match (short_name(&atv.oid), attribute_string(atv)) {
        (Some(name), Some(value)) => {
            out.push_str(name);
            out.push('=');
            escape_into(out, &value);
        }
        _ => {
            let _ = write!(out, "{}=#", atv.oid);
            if let Ok(der) = atv.value.to_der() {
                out.push_str(&crate::fingerprint::hex(
                    &der,
                    crate::fingerprint::FingerprintFormat::Hex,
                ));
            }
        }
    }
}

/// `name` as an RFC 4514 string.
pub(crate) fn rfc4514(name: &Name) -> String {
    let mut out = String::new();
    let rdns: Vec<_> = name.iter_rdn().collect();
    for (i, rdn) in rdns.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let members: Vec<_> = rdn.iter().collect();
        for (j, atv) in members.iter().rev().enumerate() {
            if j > 0 {
                out.push('+');
            }
            write_atv(&mut out, atv);
        }
    }
    out
}

/// The last commonName of `name` (the most specific one), if any.
pub(crate) fn common_name(name: &Name) -> Option<String> {
    name.iter()
        .filter(|atv| atv.oid == COMMON_NAME)
        .last()
        .and_then(attribute_string)
}

/// A name reduced for comparison (RFC 5280 §7.1, simplified the way OpenSSL canonicalises): each
/// string value case-folded (ASCII) with inner whitespace runs collapsed and ends trimmed.
pub(crate) fn canonical(name: &Name) -> Vec<Vec<(Oid, String)>> {
    name.iter_rdn()
        .map(|rdn| {
            let mut members: Vec<(Oid, String)> = rdn
                .iter()
                .map(|atv| {
                    let value = match attribute_string(atv) {
                        Some(s) => s
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_ascii_lowercase(),
                        None => crate::fingerprint::hex(
                            &atv.value.to_der().unwrap_or_default(),
                            crate::fingerprint::FingerprintFormat::Hex,
                        ),
                    };
                    (atv.oid, value)
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
    use der::Decode;

    fn name_from_hex(h: &str) -> Name {
        let bytes: Vec<u8> = (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
            .collect();
        Name::from_der(&bytes).unwrap_or_default()
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
        let name = name_from_hex(
            "3033310b300906035504061302434e310c300a060355040a0c034f72673116301406035504030c\
             0d612e6578616d706c652e636f6d",
        );
        assert_eq!(rfc4514(&name), "CN=a.example.com,O=Org,C=CN");
        assert_eq!(common_name(&name).as_deref(), Some("a.example.com"));
    }

    #[test]
    fn unknown_type_is_hex_dumped() {
        // SET { 1.2.3.4 = UTF8String "x" }
        let name = name_from_hex("300e310c300a06032a03040c0378797a");
        assert_eq!(rfc4514(&name), "1.2.3.4=#0c0378797a");
        assert_eq!(common_name(&name), None);
    }
}
