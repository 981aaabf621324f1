//! A strict DER reader over borrowed bytes (ITU-T X.690 §8 and the DER rules of §10–11).
//!
//! Certificates and keys are small, fixed structures, so they are walked by hand with this reader
//! instead of derive-generated decoders: one non-generic code path for every structure keeps the
//! WebAssembly small (the `der`/`x509-cert`/`pkcs*` decoders were a fifth of the module).
//!
//! What DER requires and is checked here: definite lengths in the fewest octets (§10.1, §8.1.3.2),
//! low tag numbers only (every tag X.509 and the key formats use is below 31), INTEGERs in the
//! fewest octets (§8.3.2), BOOLEAN as `00`/`FF` (§11.1), BIT STRINGs with their unused-bit count
//! (§8.6.2, §11.2), OBJECT IDENTIFIERs with minimal arcs (§8.19.2), and nothing after the
//! outermost value. SET OF member order (§11.6) is not enforced: names are printed in the order
//! they are encoded, as OpenSSL does, and an unsorted multi-valued RDN is accepted as it is.

use const_oid::ObjectIdentifier as Oid;

pub(crate) mod ber;

/// BOOLEAN.
pub(crate) const BOOLEAN: u8 = 0x01;
/// INTEGER.
pub(crate) const INTEGER: u8 = 0x02;
/// BIT STRING.
pub(crate) const BIT_STRING: u8 = 0x03;
/// OCTET STRING.
pub(crate) const OCTET_STRING: u8 = 0x04;
/// OBJECT IDENTIFIER.
pub(crate) const OBJECT_IDENTIFIER: u8 = 0x06;
/// UTF8String.
pub(crate) const UTF8_STRING: u8 = 0x0c;
/// NumericString.
pub(crate) const NUMERIC_STRING: u8 = 0x12;
/// PrintableString.
pub(crate) const PRINTABLE_STRING: u8 = 0x13;
/// TeletexString (T61String).
pub(crate) const TELETEX_STRING: u8 = 0x14;
/// IA5String.
pub(crate) const IA5_STRING: u8 = 0x16;
/// UTCTime.
pub(crate) const UTC_TIME: u8 = 0x17;
/// GeneralizedTime.
pub(crate) const GENERALIZED_TIME: u8 = 0x18;
/// VisibleString.
pub(crate) const VISIBLE_STRING: u8 = 0x1a;
/// UniversalString.
pub(crate) const UNIVERSAL_STRING: u8 = 0x1c;
/// BMPString.
pub(crate) const BMP_STRING: u8 = 0x1e;
/// SEQUENCE / SEQUENCE OF.
pub(crate) const SEQUENCE: u8 = 0x30;
/// SET / SET OF.
pub(crate) const SET: u8 = 0x31;

/// A context-specific tag `[n]`, constructed (EXPLICIT, or IMPLICIT over a constructed type) or
/// primitive.
pub(crate) const fn context(n: u8, constructed: bool) -> u8 {
    0x80 | if constructed { 0x20 } else { 0 } | (n & 0x1f)
}

/// Why bytes are not the DER that was expected. The text names the rule, never the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DerError {
    /// The input ends inside a value.
    Truncated,
    /// An indefinite, overlong or oversized length.
    Length,
    /// A tag other than the one the structure has here (or a high tag number).
    UnexpectedTag,
    /// Bytes after the end of the structure.
    TrailingData,
    /// An INTEGER that is empty, not minimally encoded, or negative where it must not be.
    Integer,
    /// A BIT STRING with a bad unused-bit count, or unused bits where the value is whole octets.
    BitString,
    /// A BOOLEAN that is not one octet `00` or `FF`.
    Boolean,
    /// An OBJECT IDENTIFIER that is not well formed.
    Oid,
    /// A string whose characters are outside its type's alphabet.
    StringChars,
    /// A tag in the high-tag-number form (31 and above), which no structure read here uses.
    HighTag,
    /// A universal type in the wrong form: a string, time, INTEGER, … constructed (DER encodes them
    /// primitive, X.690 §10.2), a SEQUENCE or SET primitive, or the reserved tag 0.
    Form,
}

impl DerError {
    /// The rule that was broken, in words.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            DerError::Truncated => "the DER ends inside a value",
            DerError::Length => "a DER length is indefinite or not in its shortest form",
            DerError::UnexpectedTag => "an ASN.1 value has the wrong type",
            DerError::TrailingData => "there are bytes after the end of the DER structure",
            DerError::Integer => "an INTEGER is empty, negative or not in its shortest form",
            DerError::BitString => "a BIT STRING is malformed",
            DerError::Boolean => "a BOOLEAN is not 00 or FF",
            DerError::Oid => "an OBJECT IDENTIFIER is malformed",
            DerError::StringChars => "a string holds characters its type does not allow",
            DerError::HighTag => {
                "an ASN.1 tag number is in the high-tag form, which no X.509 structure uses"
            }
            DerError::Form => {
                "an ASN.1 value is in a form DER forbids for its type (a constructed string, a primitive SEQUENCE)"
            }
        }
    }
}

impl core::fmt::Display for DerError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Result of a DER read.
pub(crate) type DerResult<T> = core::result::Result<T, DerError>;

/// One tag-length-value: the tag octet, the contents, and the whole encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tlv<'a> {
    /// The identifier octet.
    pub tag: u8,
    /// The contents octets.
    pub value: &'a [u8],
    /// Identifier, length and contents together.
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// The contents of a constructed value, to read its members.
    pub(crate) fn reader(&self) -> Reader<'a> {
        Reader::new(self.value)
    }
}

/// Reads consecutive DER values from a slice.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over `data`.
    pub(crate) const fn new(data: &'a [u8]) -> Self {
        Reader { rest: data }
    }

    /// Nothing left to read.
    pub(crate) const fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The tag of the next value, if any.
    pub(crate) fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Everything must have been read.
    pub(crate) fn finish(&self) -> DerResult<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(DerError::TrailingData)
        }
    }

    /// The next value, whatever its tag.
    pub(crate) fn any(&mut self) -> DerResult<Tlv<'a>> {
        let input = self.rest;
        let (&tag, after_tag) = input.split_first().ok_or(DerError::Truncated)?;
        // High tag numbers (0x1f) appear in none of the structures read here.
        if tag & 0x1f == 0x1f {
            return Err(DerError::HighTag);
        }
        // Universal types: EXTERNAL (8), EMBEDDED PDV (11), SEQUENCE (16), SET (17) and CHARACTER
        // STRING (29) exist only constructed, every other one is primitive in DER (X.690 §10.2), and
        // 0 is reserved for end-of-contents (BER only).
        if tag & 0xc0 == 0 {
            let constructed = tag & 0x20 != 0;
            let number = tag & 0x1f;
            if number == 0 || constructed != matches!(number, 8 | 11 | 16 | 17 | 29) {
                return Err(DerError::Form);
            }
        }
        let (&first, mut after_len) = after_tag.split_first().ok_or(DerError::Truncated)?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            // 0x80 is the indefinite form (BER only); more than 4 length octets is beyond any input
            // this crate accepts (1 MiB per field).
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 {
                return Err(DerError::Length);
            }
            let (octets, rest) = after_len
                .split_at_checked(count)
                .ok_or(DerError::Truncated)?;
            after_len = rest;
            let mut len = 0usize;
            for b in octets {
                len = (len << 8) | usize::from(*b);
            }
            // Shortest form: no leading zero octet, and the long form only from 128 up.
            if octets.first() == Some(&0) || len < 0x80 {
                return Err(DerError::Length);
            }
            len
        };
        let (value, rest) = after_len.split_at_checked(len).ok_or(DerError::Truncated)?;
        let header = input.len() - after_len.len();
        let raw = input.get(..header + len).ok_or(DerError::Truncated)?;
        self.rest = rest;
        Ok(Tlv { tag, value, raw })
    }

    /// The next value, which must have tag `tag`.
    pub(crate) fn tlv(&mut self, tag: u8) -> DerResult<Tlv<'a>> {
        match self.peek_tag() {
            Some(t) if t == tag => self.any(),
            Some(_) => Err(DerError::UnexpectedTag),
            None => Err(DerError::Truncated),
        }
    }

    /// The contents of the next value, which must have tag `tag`.
    pub(crate) fn expect(&mut self, tag: u8) -> DerResult<&'a [u8]> {
        self.tlv(tag).map(|t| t.value)
    }

    /// The next value if it has tag `tag` (an OPTIONAL or DEFAULT member), else nothing is read.
    pub(crate) fn optional(&mut self, tag: u8) -> DerResult<Option<Tlv<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.any().map(Some)
        } else {
            Ok(None)
        }
    }

    /// A SEQUENCE, as a reader over its members.
    pub(crate) fn sequence(&mut self) -> DerResult<Reader<'a>> {
        self.expect(SEQUENCE).map(Reader::new)
    }

    /// An INTEGER's two's-complement contents, checked for the shortest form.
    pub(crate) fn integer(&mut self) -> DerResult<&'a [u8]> {
        let v = self.expect(INTEGER)?;
        check_integer(v)?;
        Ok(v)
    }

    /// A non-negative INTEGER as its big-endian magnitude (the sign octet removed).
    pub(crate) fn uint(&mut self) -> DerResult<&'a [u8]> {
        let v = self.integer()?;
        match v {
            [first, ..] if first & 0x80 != 0 => Err(DerError::Integer),
            [0, rest @ ..] if !rest.is_empty() => Ok(rest),
            _ => Ok(v),
        }
    }

    /// A non-negative INTEGER that fits in a `u64`.
    pub(crate) fn small_uint(&mut self) -> DerResult<u64> {
        let v = self.uint()?;
        if v.len() > 8 {
            return Err(DerError::Integer);
        }
        Ok(v.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    /// An OBJECT IDENTIFIER.
    pub(crate) fn oid(&mut self) -> DerResult<Oid> {
        oid_from_value(self.expect(OBJECT_IDENTIFIER)?)
    }

    /// A BIT STRING of whole octets (unused bits = 0), as those octets.
    pub(crate) fn bit_string(&mut self) -> DerResult<&'a [u8]> {
        let v = self.expect(BIT_STRING)?;
        match v.split_first() {
            Some((0, octets)) => Ok(octets),
            _ => Err(DerError::BitString),
        }
    }

    /// A BIT STRING's octets whatever its unused-bit count, checked as DER (§11.2: unused bits
    /// zero, no unused bits in an empty string).
    pub(crate) fn any_bit_string(&mut self, tag: u8) -> DerResult<&'a [u8]> {
        let v = self.expect(tag)?;
        let (&unused, octets) = v.split_first().ok_or(DerError::BitString)?;
        let last_ok = octets
            .last()
            .is_none_or(|last| unused < 8 && last & ((1u8 << unused) - 1) == 0);
        if unused > 7 || (octets.is_empty() && unused != 0) || !last_ok {
            return Err(DerError::BitString);
        }
        Ok(octets)
    }

    /// An OCTET STRING.
    pub(crate) fn octet_string(&mut self) -> DerResult<&'a [u8]> {
        self.expect(OCTET_STRING)
    }

    /// A BOOLEAN.
    pub(crate) fn boolean(&mut self) -> DerResult<bool> {
        match self.expect(BOOLEAN)? {
            [0x00] => Ok(false),
            [0xff] => Ok(true),
            _ => Err(DerError::Boolean),
        }
    }

    /// `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }` (RFC 5280
    /// §4.1.1.2).
    pub(crate) fn algorithm(&mut self) -> DerResult<AlgorithmId<'a>> {
        let tlv = self.tlv(SEQUENCE)?;
        let mut r = tlv.reader();
        let oid = r.oid()?;
        let parameters = if r.is_empty() { None } else { Some(r.any()?) };
        r.finish()?;
        Ok(AlgorithmId {
            oid,
            parameters,
            raw: tlv.raw,
        })
    }
}

/// The contents of an OBJECT IDENTIFIER (also under an IMPLICIT tag), checked.
pub(crate) fn oid_from_value(v: &[u8]) -> DerResult<Oid> {
    // X.690 §8.19.2: each arc in the fewest octets (no leading 0x80), the last octet ending it.
    let mut arc_start = true;
    for b in v {
        if arc_start && *b == 0x80 {
            return Err(DerError::Oid);
        }
        arc_start = b & 0x80 == 0;
    }
    if !arc_start {
        return Err(DerError::Oid);
    }
    Oid::from_bytes(v).map_err(|_| DerError::Oid)
}

/// Number of significant bits in a big-endian unsigned integer.
pub(crate) fn bit_len(be: &[u8]) -> u32 {
    let mut iter = be.iter().skip_while(|b| **b == 0);
    match iter.next() {
        None => 0,
        Some(first) => {
            let rest = u32::try_from(iter.count()).unwrap_or(u32::MAX / 16);
            rest.saturating_mul(8)
                .saturating_add(8 - first.leading_zeros())
        }
    }
}

/// A big-endian unsigned integer without its leading zero bytes.
pub(crate) fn strip(be: &[u8]) -> &[u8] {
    let zeros = be.iter().take_while(|b| **b == 0).count();
    be.get(zeros..).unwrap_or_default()
}

/// X.690 §8.3.2: an INTEGER has at least one octet and no redundant leading `00`/`FF` octet.
fn check_integer(v: &[u8]) -> DerResult<()> {
    match v {
        [] => Err(DerError::Integer),
        [0x00, next, ..] if next & 0x80 == 0 => Err(DerError::Integer),
        [0xff, next, ..] if next & 0x80 != 0 => Err(DerError::Integer),
        _ => Ok(()),
    }
}

/// An AlgorithmIdentifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct AlgorithmId<'a> {
    /// The algorithm.
    pub oid: Oid,
    /// Its parameters, if present (`NULL` counts as present).
    pub parameters: Option<Tlv<'a>>,
    /// The whole encoding.
    pub raw: &'a [u8],
}

impl AlgorithmId<'_> {
    /// The parameters as an OBJECT IDENTIFIER (a named curve), if they are one.
    pub(crate) fn parameters_oid(&self) -> Option<Oid> {
        self.parameters
            .filter(|p| p.tag == OBJECT_IDENTIFIER)
            .and_then(|p| Oid::from_bytes(p.value).ok())
    }

    /// Whether the parameters are explicit EC parameters (`specifiedCurve`, a SEQUENCE) rather
    /// than a named curve.
    pub(crate) fn explicit_ec_parameters(&self) -> bool {
        self.parameters.is_some_and(|p| p.tag == SEQUENCE)
    }
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT
/// STRING }` (RFC 5280 §4.1.2.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spki<'a> {
    /// The key's algorithm and parameters.
    pub algorithm: AlgorithmId<'a>,
    /// The key (whole octets: every key format in use is).
    pub key: &'a [u8],
    /// The whole encoding.
    pub raw: &'a [u8],
}

impl<'a> Spki<'a> {
    /// Reads a SubjectPublicKeyInfo from `r`.
    pub(crate) fn read(r: &mut Reader<'a>) -> DerResult<Self> {
        let tlv = r.tlv(SEQUENCE)?;
        let mut inner = tlv.reader();
        let algorithm = inner.algorithm()?;
        let key = inner.bit_string()?;
        inner.finish()?;
        Ok(Spki {
            algorithm,
            key,
            raw: tlv.raw,
        })
    }

    /// Parses a whole DER SubjectPublicKeyInfo.
    pub(crate) fn from_der(der: &'a [u8]) -> DerResult<Self> {
        let mut r = Reader::new(der);
        let spki = Spki::read(&mut r)?;
        r.finish()?;
        Ok(spki)
    }
}

/// The one value that `der` holds, with tag `tag`; nothing may follow it.
pub(crate) fn parse_one(der: &[u8], tag: u8) -> DerResult<Tlv<'_>> {
    let mut r = Reader::new(der);
    let tlv = r.tlv(tag)?;
    r.finish()?;
    Ok(tlv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_len_counts_significant_bits() {
        assert_eq!(bit_len(&[]), 0);
        assert_eq!(bit_len(&[0, 0]), 0);
        assert_eq!(bit_len(&[1]), 1);
        assert_eq!(bit_len(&[0, 0x80, 0]), 16);
        assert_eq!(bit_len(&[0x7f, 0xff]), 15);
    }

    #[test]
    fn lengths_must_be_definite_and_shortest() {
        assert_eq!(
            Reader::new(&[0x04, 0x01, 0xaa]).any().map(|t| t.value),
            Ok(&[0xaa][..])
        );
        // Long form for a short length, leading zero length octet, indefinite length.
        assert_eq!(
            Reader::new(&[0x04, 0x81, 0x01, 0xaa]).any(),
            Err(DerError::Length)
        );
        let mut long = alloc::vec![0x04, 0x82, 0x00, 0x80];
        long.extend([0u8; 0x80]);
        assert_eq!(Reader::new(&long).any(), Err(DerError::Length));
        assert_eq!(
            Reader::new(&[0x30, 0x80, 0x00, 0x00]).any(),
            Err(DerError::Length)
        );
        // 200 bytes in the long form is right.
        let mut ok = alloc::vec![0x04, 0x81, 200];
        ok.extend([7u8; 200]);
        assert_eq!(Reader::new(&ok).any().map(|t| t.value.len()), Ok(200));
    }

    #[test]
    fn truncation_and_trailing_bytes() {
        assert_eq!(Reader::new(&[]).any(), Err(DerError::Truncated));
        assert_eq!(Reader::new(&[0x30]).any(), Err(DerError::Truncated));
        assert_eq!(
            Reader::new(&[0x30, 0x03, 0x02, 0x01]).any(),
            Err(DerError::Truncated)
        );
        assert_eq!(
            Reader::new(&[0x30, 0x82, 0x01]).any(),
            Err(DerError::Truncated)
        );
        assert_eq!(
            parse_one(&[0x05, 0x00, 0x00], 0x05),
            Err(DerError::TrailingData)
        );
        assert_eq!(
            parse_one(&[0x05, 0x00], SEQUENCE),
            Err(DerError::UnexpectedTag)
        );
        assert_eq!(
            Reader::new(&[0x1f, 0x81, 0x00]).any(),
            Err(DerError::HighTag)
        );
        // DER strings are primitive (X.690 §10.2): a constructed UTF8String or BIT STRING is refused,
        // and so are a primitive SEQUENCE or SET and the end-of-contents tag; SEQUENCE, SET and
        // context-specific or application values in either form are read.
        for tag in [0x23, 0x24, 0x2c, 0x33, 0x37, 0x10, 0x11, 0x00, 0x20] {
            assert_eq!(
                Reader::new(&[tag, 0x02, 0x04, 0x00]).any(),
                Err(DerError::Form),
                "{tag:#x}"
            );
        }
        for tag in [0x30, 0x31, 0xa0, 0x60, 0x80, 0x0c, 0x1e] {
            assert!(Reader::new(&[tag, 0x00]).any().is_ok(), "{tag:#x}");
        }
    }

    #[test]
    fn integers() {
        let read = |b: &[u8]| Reader::new(b).integer().map(<[u8]>::to_vec);
        let uint = |b: &[u8]| Reader::new(b).uint().map(<[u8]>::to_vec);
        assert_eq!(read(&[0x02, 0x01, 0x00]), Ok(alloc::vec![0]));
        assert_eq!(read(&[0x02, 0x00]), Err(DerError::Integer));
        assert_eq!(read(&[0x02, 0x02, 0x00, 0x7f]), Err(DerError::Integer));
        assert_eq!(read(&[0x02, 0x02, 0xff, 0x80]), Err(DerError::Integer));
        assert_eq!(uint(&[0x02, 0x02, 0x00, 0x80]), Ok(alloc::vec![0x80]));
        assert_eq!(uint(&[0x02, 0x01, 0x80]), Err(DerError::Integer));
        assert_eq!(uint(&[0x02, 0x01, 0x00]), Ok(alloc::vec![0]));
        assert_eq!(
            Reader::new(&[0x02, 0x03, 0x01, 0x00, 0x01]).small_uint(),
            Ok(65537)
        );
    }

    #[test]
    fn booleans_bit_strings_oids() {
        assert_eq!(Reader::new(&[0x01, 0x01, 0xff]).boolean(), Ok(true));
        assert_eq!(
            Reader::new(&[0x01, 0x01, 0x01]).boolean(),
            Err(DerError::Boolean)
        );
        assert_eq!(
            Reader::new(&[0x03, 0x02, 0x00, 0xaa]).bit_string(),
            Ok(&[0xaa][..])
        );
        assert_eq!(
            Reader::new(&[0x03, 0x02, 0x01, 0xaa]).bit_string(),
            Err(DerError::BitString)
        );
        assert_eq!(
            Reader::new(&[0x03, 0x02, 0x01, 0xaa]).any_bit_string(BIT_STRING),
            Ok(&[0xaa][..])
        );
        assert_eq!(
            Reader::new(&[0x03, 0x02, 0x01, 0xab]).any_bit_string(BIT_STRING),
            Err(DerError::BitString)
        );
        assert_eq!(
            Reader::new(&[0x03, 0x01, 0x01]).any_bit_string(BIT_STRING),
            Err(DerError::BitString)
        );
        assert_eq!(
            Reader::new(&[0x06, 0x03, 0x55, 0x04, 0x03]).oid(),
            Ok(Oid::new_unwrap("2.5.4.3"))
        );
        // A non-minimal arc (leading 0x80).
        assert_eq!(
            Reader::new(&[0x06, 0x03, 0x55, 0x80, 0x03]).oid(),
            Err(DerError::Oid)
        );
    }

    #[test]
    fn algorithm_identifiers() {
        // SEQUENCE { 1.2.840.10045.2.1, 1.2.840.10045.3.1.7 }
        let der = [
            0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
            0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
        ];
        let alg = Reader::new(&der).algorithm();
        assert_eq!(alg.map(|a| a.oid), Ok(Oid::new_unwrap("1.2.840.10045.2.1")));
        assert_eq!(
            alg.ok().and_then(|a| a.parameters_oid()),
            Some(Oid::new_unwrap("1.2.840.10045.3.1.7"))
        );
    }
}
