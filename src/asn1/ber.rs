//! A small BER reader (ITU-T X.690 §8) for the containers that are not DER in the wild: PKCS#7
//! certs-only bodies served at caIssuers URLs (RFC 5280 §4.2.2.1 allows "BER or DER") and PKCS#12
//! files, which Windows and Java write with indefinite lengths and chunked OCTET STRINGs.
//!
//! It only walks structure: lengths in any number of octets (up to four), indefinite lengths on
//! constructed values (ended by `00 00`), primitive and constructed strings. Values that are
//! themselves DER (the certificates inside a PKCS#7 message) are handed to the strict reader in
//! `super` as their whole encoding. Nesting is bounded by [`MAX_DEPTH`], so a hostile input costs
//! at most `MAX_DEPTH` passes over its bytes and no deep recursion.

use super::{DerError, DerResult};

/// The deepest nesting of indefinite-length values we follow. PKCS#7 and PKCS#12 need fewer
/// than 12 levels.
pub(crate) const MAX_DEPTH: u32 = 24;

/// One BER value: its identifier octet, its contents (for an indefinite length, the bytes between
/// the header and the end-of-contents octets) and its whole encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ber<'a> {
    /// The identifier octet (low tag numbers only).
    pub(crate) tag: u8,
    /// The contents octets.
    pub(crate) value: &'a [u8],
    /// The whole encoding, header and end-of-contents included.
    pub(crate) raw: &'a [u8],
}

impl<'a> Ber<'a> {
    /// Whether the value is constructed.
    pub(crate) const fn constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }

    /// The values inside a constructed value, in order.
    pub(crate) fn children(&self) -> Children<'a> {
        Children {
            rest: if self.constructed() { self.value } else { &[] },
        }
    }
}

/// The values of a constructed value's contents.
#[derive(Clone, Debug)]
pub(crate) struct Children<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Children<'a> {
    type Item = DerResult<Ber<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        match read(self.rest, 0) {
            Ok((value, rest)) => {
                self.rest = rest;
                Some(Ok(value))
            }
            Err(e) => {
                self.rest = &[];
                Some(Err(e))
            }
        }
    }
}

/// Exactly one BER value, nothing after it.
pub(crate) fn parse(input: &[u8]) -> DerResult<Ber<'_>> {
    let (value, rest) = read(input, 0)?;
    if rest.is_empty() {
        Ok(value)
    } else {
        Err(DerError::TrailingData)
    }
}

/// The first value of `input` and what follows it.
fn read(input: &[u8], depth: u32) -> DerResult<(Ber<'_>, &[u8])> {
    if depth > MAX_DEPTH {
        return Err(DerError::Length);
    }
    let (&tag, after_tag) = input.split_first().ok_or(DerError::Truncated)?;
    if tag & 0x1f == 0x1f {
        return Err(DerError::HighTag);
    }
    if tag == 0 {
        // End-of-contents where a value was expected.
        return Err(DerError::Form);
    }
    let (&first, after_len) = after_tag.split_first().ok_or(DerError::Truncated)?;
    let header = input.len() - after_len.len();
    if first == 0x80 {
        // Indefinite (§8.1.3.6): constructed only; the contents are values up to `00 00`.
        if tag & 0x20 == 0 {
            return Err(DerError::Length);
        }
        let mut rest = after_len;
        loop {
            if let [0, 0, tail @ ..] = rest {
                let value_len = after_len.len() - rest.len();
                let total = header + value_len + 2;
                let value = after_len.get(..value_len).ok_or(DerError::Truncated)?;
                let raw = input.get(..total).ok_or(DerError::Truncated)?;
                return Ok((Ber { tag, value, raw }, tail));
            }
            let (_, tail) = read(rest, depth + 1)?;
            rest = tail;
        }
    }
    let (len, after_len) = if first & 0x80 == 0 {
        (usize::from(first), after_len)
    } else {
        // Long form (§8.1.3.5), any number of octets up to four (BER does not ask for the fewest).
        let n = usize::from(first & 0x7f);
        if n > 4 {
            return Err(DerError::Length);
        }
        let octets = after_len.get(..n).ok_or(DerError::Truncated)?;
        let len = octets
            .iter()
            .fold(0usize, |acc, b| acc << 8 | usize::from(*b));
        (len, after_len.get(n..).ok_or(DerError::Truncated)?)
    };
    let value = after_len.get(..len).ok_or(DerError::Truncated)?;
    let raw = input
        .get(..input.len() - after_len.len() + len)
        .ok_or(DerError::Truncated)?;
    let rest = after_len.get(len..).ok_or(DerError::Truncated)?;
    Ok((Ber { tag, value, raw }, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use alloc::vec::Vec;

    #[test]
    fn definite_and_indefinite_lengths() {
        // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING (long form, 2 octets) "ab" } 00 00
        let ber = [
            0x30, 0x80, 0x02, 0x01, 0x05, 0x04, 0x82, 0x00, 0x02, b'a', b'b', 0, 0,
        ];
        let outer = parse(&ber).unwrap();
        assert_eq!(outer.tag, 0x30);
        assert_eq!(outer.raw, &ber[..]);
        let kids: Vec<Ber<'_>> = outer.children().map(Result::unwrap).collect();
        assert_eq!(kids.len(), 2);
        assert_eq!(kids[0].value, &[5]);
        assert_eq!(kids[1].value, b"ab");
        assert_eq!(kids[1].raw, &[0x04, 0x82, 0x00, 0x02, b'a', b'b']);
    }

    #[test]
    fn nested_indefinite_values() {
        // [0] (indefinite) { SEQUENCE (indefinite) { NULL } } and something after it.
        let ber = [0xa0, 0x80, 0x30, 0x80, 0x05, 0x00, 0, 0, 0, 0, 0x05, 0x00];
        let (v, rest) = read(&ber, 0).unwrap();
        assert_eq!(rest, &[0x05, 0x00]);
        let inner = v.children().next().unwrap().unwrap();
        assert_eq!(inner.raw, &[0x30, 0x80, 0x05, 0x00, 0, 0]);
        assert_eq!(parse(&ber), Err(DerError::TrailingData));
    }

    #[test]
    fn malformed_inputs_are_errors_not_panics() {
        for bad in [
            &[][..],
            &[0x30],
            &[0x30, 0x80],                   // no end-of-contents
            &[0x30, 0x80, 0x05, 0x00],       // still none
            &[0x04, 0x80, 0, 0],             // indefinite primitive
            &[0x30, 0x85, 1, 1, 1, 1, 1],    // five length octets
            &[0x30, 0x03, 0x05, 0x00],       // truncated
            &[0x1f, 0x01, 0x00],             // high tag
            &[0x30, 0x80, 0x00, 0x01, 0, 0], // a stray end-of-contents
        ] {
            assert!(parse(bad).is_err(), "{bad:02x?}");
        }
        // Nesting beyond MAX_DEPTH is refused, not followed.
        let depth = usize::try_from(MAX_DEPTH).unwrap() + 2;
        let mut deep = [0x30, 0x80].repeat(depth);
        deep.extend(vec![0u8; 2 * depth]);
        assert_eq!(parse(&deep), Err(DerError::Length));
        let ok = usize::try_from(MAX_DEPTH).unwrap();
        let mut fine = [0x30, 0x80].repeat(ok);
        fine.extend(vec![0u8; 2 * ok]);
        assert!(parse(&fine).is_ok());
    }
}
