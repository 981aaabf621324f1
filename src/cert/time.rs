//! Certificate validity times, RFC 5280 §4.1.2.5.
//!
//! UTCTime `YYMMDDHHMMSSZ` (YY ≥ 50 → 19YY, else 20YY) and GeneralizedTime `YYYYMMDDHHMMSSZ`, both in
//! UTC with seconds, as RFC 5280 requires. The `der` crate's own time types stop at 1970; certificates
//! (and this module) go from 1950 to 9999.

use alloc::string::String;
use core::fmt::Write;

use crate::asn1::{self, Tlv};

/// A validity time: seconds since the Unix epoch (negative before 1970) and its calendar fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CertTime {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix: i64,
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

impl CertTime {
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub(crate) fn iso8601(&self) -> String {
        let mut s = String::with_capacity(20);
        let _ = write!(
            s,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        );
        s
    }
}

/// Decodes a UTCTime or GeneralizedTime value.
pub(crate) fn decode(time: &Tlv<'_>) -> Option<CertTime> {
    let v = time.value;
    let (year, rest) = match time.tag {
        asn1::UTC_TIME if v.len() == 13 => {
            let yy = digits(v.get(..2)?)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, v.get(2..)?)
        }
        asn1::GENERALIZED_TIME if v.len() == 15 => (digits(v.get(..4)?)?, v.get(4..)?),
        _ => return None,
    };
    if rest.get(10) != Some(&b'Z') {
        return None;
    }
    let field = |i: usize| rest.get(i..i + 2).and_then(digits);
    let (month, day, hour, minute, second) =
        (field(0)?, field(2)?, field(4)?, field(6)?, field(8)?);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let unix = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(CertTime {
        unix,
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(tag: u8, s: &str) -> Option<CertTime> {
        decode(&Tlv {
            tag,
            value: s.as_bytes(),
            raw: &[],
        })
    }

    #[test]
    fn utc_time_window() {
        let a = t(asn1::UTC_TIME, "500101000000Z").unwrap();
        assert_eq!(
            (a.iso8601().as_str(), a.unix),
            ("1950-01-01T00:00:00Z", -631_152_000)
        );
        let b = t(asn1::UTC_TIME, "491231235959Z").unwrap();
        assert_eq!(b.iso8601(), "2049-12-31T23:59:59Z");
        let now = t(asn1::UTC_TIME, "260601000000Z").unwrap();
        assert_eq!(now.unix, 1_780_272_000);
    }

    #[test]
    fn generalized_time() {
        let a = t(asn1::GENERALIZED_TIME, "99991231235959Z").unwrap();
        assert_eq!(a.iso8601(), "9999-12-31T23:59:59Z");
        assert_eq!(a.unix, 253_402_300_799);
        assert_eq!(
            t(asn1::GENERALIZED_TIME, "20000229120000Z").map(|x| x.unix),
            Some(951_825_600)
        );
    }

    #[test]
    fn rejects_what_rfc5280_forbids() {
        for s in [
            "2601010000Z",
            "260101000000",
            "260101000000+0100",
            "261301000000Z",
            "260230000000Z",
            "260101240000Z",
            "26010100000aZ",
        ] {
            assert!(t(asn1::UTC_TIME, s).is_none(), "{s}");
        }
        assert!(t(asn1::GENERALIZED_TIME, "19000229000000Z").is_none());
        assert!(t(asn1::GENERALIZED_TIME, "20260101000000.5Z").is_none());
        assert!(t(asn1::UTF8_STRING, "260101000000Z").is_none());
    }
}
