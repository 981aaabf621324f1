//! Errors: the call itself could not be served (SPEC.md: only a malformed call, or `fingerprint` without
//! a certificate, is an error; problems with certificate/key *content* are findings).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Most edits (insertions, deletions, substitutions; letters compared without case) between a
/// caller's value and a known value for the caller's value to be quoted: a typo is two edits from
/// the word meant, while a secret is nowhere near any public name.
const NEAR_MISS: usize = 2;

/// The known value a caller's `value` nearly matches: equal but for case, or at most
/// [`NEAR_MISS`] edits away (the closest one; the first of equals). Letters are compared without
/// case, by Unicode `char`.
pub(crate) fn near_miss<'k>(value: &str, known: &[&'k str]) -> Option<&'k str> {
    // A value much longer than every known one cannot be near any: no work on a 1 MiB string.
    let longest = known.iter().map(|k| k.chars().count()).max()?;
    if value
        .chars()
        .nth(longest.saturating_add(NEAR_MISS))
        .is_some()
    {
        return None;
    }
    let folded = fold(value);
    let mut best: Option<(usize, &'k str)> = None;
    for k in known {
        if let Some(d) = edits_within(&folded, &fold(k), NEAR_MISS) {
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, k));
            }
        }
    }
    best.map(|(_, k)| k)
}

/// `text` with every letter in lower case: `char::to_lowercase` of each character, from
/// [`LOWER`] (core's own mapping costs 5.3 KiB gzip of tables in the package; this one is exactly
/// equal, checked for every `char` by a test).
fn fold(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        // The one character whose lower case is two (U+0130 → "i\u{307}").
        if c == '\u{130}' {
            out.extend(['i', '\u{307}']);
        } else {
            out.push(lower(c));
        }
    }
    out
}

/// `c.to_lowercase()` for every `char` but U+0130, from [`LOWER`].
fn lower(c: char) -> char {
    let u = u32::from(c);
    for &(start, count, step, delta) in LOWER {
        if u < start {
            break;
        }
        let offset = u.wrapping_sub(start);
        if offset < u32::from(count).saturating_mul(u32::from(step))
            && offset % u32::from(step) == 0
        {
            return u
                .checked_add_signed(delta)
                .and_then(char::from_u32)
                .unwrap_or(c);
        }
    }
    c
}

/// Unicode's lower-case mapping (as `char::to_lowercase` has it) as runs, in code point order:
/// `(first, count, step, delta)` maps `count` characters `first`, `first + step`, … to
/// themselves plus `delta`; every other character but U+0130 is its own lower case. Made from
/// `char::to_lowercase` over every `char`; the test `lower_is_to_lowercase` checks it.
#[rustfmt::skip]
const LOWER: &[(u32, u8, u8, i32)] = &[
    (0x41, 26, 1, 32), (0xc0, 23, 1, 32), (0xd8, 7, 1, 32), (0x100, 24, 2, 1), (0x132, 3, 2, 1),
    (0x139, 8, 2, 1), (0x14a, 23, 2, 1), (0x178, 1, 1, -121), (0x179, 3, 2, 1), (0x181, 1, 1, 210),
    (0x182, 2, 2, 1), (0x186, 1, 1, 206), (0x187, 1, 1, 1), (0x189, 2, 1, 205), (0x18b, 1, 1, 1),
    (0x18e, 1, 1, 79), (0x18f, 1, 1, 202), (0x190, 1, 1, 203), (0x191, 1, 1, 1), (0x193, 1, 1, 205),
    (0x194, 1, 1, 207), (0x196, 1, 1, 211), (0x197, 1, 1, 209), (0x198, 1, 1, 1),
    (0x19c, 1, 1, 211), (0x19d, 1, 1, 213), (0x19f, 1, 1, 214), (0x1a0, 3, 2, 1),
    (0x1a6, 1, 1, 218), (0x1a7, 1, 1, 1), (0x1a9, 1, 1, 218), (0x1ac, 1, 1, 1), (0x1ae, 1, 1, 218),
    (0x1af, 1, 1, 1), (0x1b1, 2, 1, 217), (0x1b3, 2, 2, 1), (0x1b7, 1, 1, 219), (0x1b8, 1, 1, 1),
    (0x1bc, 1, 1, 1), (0x1c4, 1, 1, 2), (0x1c5, 1, 1, 1), (0x1c7, 1, 1, 2), (0x1c8, 1, 1, 1),
    (0x1ca, 1, 1, 2), (0x1cb, 9, 2, 1), (0x1de, 9, 2, 1), (0x1f1, 1, 1, 2), (0x1f2, 2, 2, 1),
    (0x1f6, 1, 1, -97), (0x1f7, 1, 1, -56), (0x1f8, 20, 2, 1), (0x220, 1, 1, -130),
    (0x222, 9, 2, 1), (0x23a, 1, 1, 10795), (0x23b, 1, 1, 1), (0x23d, 1, 1, -163),
    (0x23e, 1, 1, 10792), (0x241, 1, 1, 1), (0x243, 1, 1, -195), (0x244, 1, 1, 69),
    (0x245, 1, 1, 71), (0x246, 5, 2, 1), (0x370, 2, 2, 1), (0x376, 1, 1, 1), (0x37f, 1, 1, 116),
    (0x386, 1, 1, 38), (0x388, 3, 1, 37), (0x38c, 1, 1, 64), (0x38e, 2, 1, 63), (0x391, 17, 1, 32),
    (0x3a3, 9, 1, 32), (0x3cf, 1, 1, 8), (0x3d8, 12, 2, 1), (0x3f4, 1, 1, -60), (0x3f7, 1, 1, 1),
    (0x3f9, 1, 1, -7), (0x3fa, 1, 1, 1), (0x3fd, 3, 1, -130), (0x400, 16, 1, 80),
    (0x410, 32, 1, 32), (0x460, 17, 2, 1), (0x48a, 27, 2, 1), (0x4c0, 1, 1, 15), (0x4c1, 7, 2, 1),
    (0x4d0, 48, 2, 1), (0x531, 38, 1, 48), (0x10a0, 38, 1, 7264), (0x10c7, 1, 1, 7264),
    (0x10cd, 1, 1, 7264), (0x13a0, 80, 1, 38864), (0x13f0, 6, 1, 8), (0x1c89, 1, 1, 1),
    (0x1c90, 43, 1, -3008), (0x1cbd, 3, 1, -3008), (0x1e00, 75, 2, 1), (0x1e9e, 1, 1, -7615),
    (0x1ea0, 48, 2, 1), (0x1f08, 8, 1, -8), (0x1f18, 6, 1, -8), (0x1f28, 8, 1, -8),
    (0x1f38, 8, 1, -8), (0x1f48, 6, 1, -8), (0x1f59, 4, 2, -8), (0x1f68, 8, 1, -8),
    (0x1f88, 8, 1, -8), (0x1f98, 8, 1, -8), (0x1fa8, 8, 1, -8), (0x1fb8, 2, 1, -8),
    (0x1fba, 2, 1, -74), (0x1fbc, 1, 1, -9), (0x1fc8, 4, 1, -86), (0x1fcc, 1, 1, -9),
    (0x1fd8, 2, 1, -8), (0x1fda, 2, 1, -100), (0x1fe8, 2, 1, -8), (0x1fea, 2, 1, -112),
    (0x1fec, 1, 1, -7), (0x1ff8, 2, 1, -128), (0x1ffa, 2, 1, -126), (0x1ffc, 1, 1, -9),
    (0x2126, 1, 1, -7517), (0x212a, 1, 1, -8383), (0x212b, 1, 1, -8262), (0x2132, 1, 1, 28),
    (0x2160, 16, 1, 16), (0x2183, 1, 1, 1), (0x24b6, 26, 1, 26), (0x2c00, 48, 1, 48),
    (0x2c60, 1, 1, 1), (0x2c62, 1, 1, -10743), (0x2c63, 1, 1, -3814), (0x2c64, 1, 1, -10727),
    (0x2c67, 3, 2, 1), (0x2c6d, 1, 1, -10780), (0x2c6e, 1, 1, -10749), (0x2c6f, 1, 1, -10783),
    (0x2c70, 1, 1, -10782), (0x2c72, 1, 1, 1), (0x2c75, 1, 1, 1), (0x2c7e, 2, 1, -10815),
    (0x2c80, 50, 2, 1), (0x2ceb, 2, 2, 1), (0x2cf2, 1, 1, 1), (0xa640, 23, 2, 1),
    (0xa680, 14, 2, 1), (0xa722, 7, 2, 1), (0xa732, 31, 2, 1), (0xa779, 2, 2, 1),
    (0xa77d, 1, 1, -35332), (0xa77e, 5, 2, 1), (0xa78b, 1, 1, 1), (0xa78d, 1, 1, -42280),
    (0xa790, 2, 2, 1), (0xa796, 10, 2, 1), (0xa7aa, 1, 1, -42308), (0xa7ab, 1, 1, -42319),
    (0xa7ac, 1, 1, -42315), (0xa7ad, 1, 1, -42305), (0xa7ae, 1, 1, -42308), (0xa7b0, 1, 1, -42258),
    (0xa7b1, 1, 1, -42282), (0xa7b2, 1, 1, -42261), (0xa7b3, 1, 1, 928), (0xa7b4, 8, 2, 1),
    (0xa7c4, 1, 1, -48), (0xa7c5, 1, 1, -42307), (0xa7c6, 1, 1, -35384), (0xa7c7, 2, 2, 1),
    (0xa7cb, 1, 1, -42343), (0xa7cc, 8, 2, 1), (0xa7dc, 1, 1, -42561), (0xa7f5, 1, 1, 1),
    (0xff21, 26, 1, 32), (0x10400, 40, 1, 40), (0x104b0, 36, 1, 40), (0x10570, 11, 1, 39),
    (0x1057c, 15, 1, 39), (0x1058c, 7, 1, 39), (0x10594, 2, 1, 39), (0x10c80, 51, 1, 64),
    (0x10d50, 22, 1, 32), (0x118a0, 32, 1, 32), (0x16e40, 32, 1, 32), (0x16ea0, 25, 1, 27),
    (0x1e900, 34, 1, 34),
];

/// The Levenshtein distance of `a` and `b` when it is at most `max`.
fn edits_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // Two rows of the edit table: `prev` for a's first i characters, `row` for i + 1.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = Vec::with_capacity(prev.len());
    for (i, ca) in a.iter().enumerate() {
        row.clear();
        row.push(i.saturating_add(1));
        for (j, cb) in b.iter().enumerate() {
            let replace = prev
                .get(j)
                .map_or(usize::MAX, |d| d.saturating_add(usize::from(ca != cb)));
            let delete = prev
                .get(j.saturating_add(1))
                .map_or(usize::MAX, |d| d.saturating_add(1));
            let insert = row.last().map_or(usize::MAX, |d| d.saturating_add(1));
            row.push(replace.min(delete).min(insert));
        }
        core::mem::swap(&mut prev, &mut row);
    }
    prev.last().copied().filter(|d| *d <= max)
}

/// A value without its content: "a string of N characters".
pub(crate) fn described(value: &str) -> String {
    format!("a string of {} characters", value.chars().count())
}

/// How a message names a value the caller gave for an argument whose values are `known` (SPEC,
/// Non-negotiables). Quoted only when it is one of them or a near miss of one ([`near_miss`]),
/// with the known value it nearly matches: `"aliyun-slv" (did you mean "aliyun-slb"?)`. Anything
/// else is described by its length alone ([`described`]) — it may be a private key, a passphrase
/// or a cloud access-key secret passed in the wrong argument, and messages end up in logs. With no
/// `known` values (a free-form argument) nothing is ever quoted.
pub(crate) fn shown(value: &str, known: &[&str]) -> String {
    match near_miss(value, known) {
        Some(k) if k == value => format!("\"{k}\""),
        // Debug quoting escapes quotes and control characters a near miss may still hold.
        Some(k) => format!("{value:?} (did you mean \"{k}\"?)"),
        None => described(value),
    }
}

/// A caller's name as a finding's `field`: itself when it is a near miss of one of `known` (the
/// names the argument takes) and made of `[A-Za-z0-9._-]` only, else `None` (the caller then
/// names the field otherwise: its container, or [`described`]).
pub(crate) fn field_name<'a>(value: &'a str, known: &[&str]) -> Option<&'a str> {
    let plain = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    (plain && near_miss(value, known).is_some()).then_some(value)
}

/// Why a call failed. `code()` is the stable identifier JS sees as `error.code`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input holds no parsable certificate.
    CertificateFormatInvalid {
        /// What is wrong (never contains input bytes).
        reason: String,
    },
    /// An argument has the wrong type or an unknown value.
    InvalidArgument {
        /// Which argument and why.
        reason: String,
    },
}

impl Error {
    /// `"CertificateFormatInvalid"` or `"InvalidArgument"`.
    pub const fn code(&self) -> &'static str {
        match self {
            Error::CertificateFormatInvalid { .. } => "CertificateFormatInvalid",
            Error::InvalidArgument { .. } => "InvalidArgument",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::CertificateFormatInvalid { reason } => {
                write!(f, "no parsable certificate: {reason}")
            }
            Error::InvalidArgument { reason } => write!(f, "invalid argument: {reason}"),
        }
    }
}

impl core::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    const PROVIDERS: &[&str] = &["aliyun-slb", "aliyun-cas", "tencent-ssl"];

    #[test]
    fn known_values_and_near_misses_are_quoted() {
        assert_eq!(shown("aliyun-slb", PROVIDERS), "\"aliyun-slb\"");
        // One and two edits away.
        assert_eq!(
            shown("aliyun-slv", PROVIDERS),
            "\"aliyun-slv\" (did you mean \"aliyun-slb\"?)"
        );
        assert_eq!(
            shown("aliyunslv", PROVIDERS),
            "\"aliyunslv\" (did you mean \"aliyun-slb\"?)"
        );
        assert_eq!(
            shown("tencent-sl", PROVIDERS),
            "\"tencent-sl\" (did you mean \"tencent-ssl\"?)"
        );
        // The closest known value wins.
        assert_eq!(near_miss("aliyun-ca", PROVIDERS), Some("aliyun-cas"));
        assert_eq!(near_miss("sha-256", &["sha1", "sha256"]), Some("sha256"));
    }

    #[test]
    fn case_alone_is_a_near_miss() {
        assert_eq!(
            shown("ALIYUN-SLB", PROVIDERS),
            "\"ALIYUN-SLB\" (did you mean \"aliyun-slb\"?)"
        );
        assert_eq!(near_miss("Tencent-SSL", PROVIDERS), Some("tencent-ssl"));
        assert_eq!(near_miss("svr", &["SVR", "CA"]), Some("SVR"));
        assert_eq!(
            field_name("privatekey", &["privateKey"]),
            Some("privatekey")
        );
    }

    #[test]
    fn three_edits_are_refused() {
        assert_eq!(near_miss("aliyun-xyz", PROVIDERS), None);
        assert_eq!(shown("aliyun-xyz", PROVIDERS), "a string of 10 characters");
        assert_eq!(near_miss("tencent", PROVIDERS), None);
        assert_eq!(near_miss("cn-hangzhou-xyz", &["cn-hangzhou"]), None);
        assert_eq!(field_name("RegionIdxyz", &["RegionId"]), None);
    }

    #[test]
    fn secrets_are_never_quoted() {
        let secrets = [
            // An Alibaba AccessKey secret (30 letters and digits), a Tencent SecretKey (32), a
            // Tencent SecretId (36), an Alibaba AccessKeyId (24), a passphrase.
            "Z5xQm3RkT8vW2nJp6yHc9LbA4dFg7s",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "LTAI5tExampleExample1234",
            "correct horse battery staple",
            "-----BEGIN PRIVATE KEY-----",
        ];
        let known: &[&str] = &[
            "aliyun-slb",
            "cn-hangzhou",
            "ServerCertificate",
            "SVR",
            "CA",
        ];
        for secret in secrets {
            assert_eq!(field_name(secret, known), None);
            for (out, what) in [
                (shown(secret, known), "shown"),
                (shown(secret, &[]), "shown, nothing known"),
                (described(secret), "described"),
            ] {
                assert!(!out.contains(secret), "{what}: {out}");
                assert_eq!(
                    out,
                    format!("a string of {} characters", secret.chars().count())
                );
            }
        }
        // Even a known value is not quoted when the argument knows none.
        assert_eq!(shown("cn-hangzhou", &[]), "a string of 11 characters");
        // A 1 MiB value is not compared character by character (and is not quoted).
        let long = "a".repeat(1 << 20);
        assert_eq!(near_miss(&long, known), None);
    }

    #[test]
    fn unicode_is_counted_and_compared_by_character() {
        assert_eq!(
            shown("华东1", &["华东2"]),
            "\"华东1\" (did you mean \"华东2\"?)"
        );
        assert_eq!(shown("密钥密钥密钥", &["cn"]), "a string of 6 characters");
        // Case folding beyond ASCII.
        assert_eq!(near_miss("ÉTÉ", &["été"]), Some("été"));
        // Control characters and quotes in a near miss are escaped, never raw.
        assert_eq!(
            shown("aliyun\n\"slb", PROVIDERS),
            "\"aliyun\\n\\\"slb\" (did you mean \"aliyun-slb\"?)"
        );
        // A field name that is a near miss but not plain is not used as a field.
        assert_eq!(field_name("Region\nId", &["RegionId"]), None);
    }

    #[test]
    fn lower_is_to_lowercase() {
        let dotted: Vec<char> = "\u{130}".to_lowercase().chars().collect();
        assert_eq!(fold("\u{130}"), dotted);
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c != '\u{130}' {
                let same = core::iter::once(lower(c)).eq(c.to_lowercase());
                assert!(same, "U+{:04X}", u32::from(c));
            }
        }
    }

    use alloc::string::ToString;

    #[test]
    fn codes_and_display() {
        let e = Error::InvalidArgument {
            reason: "provider: unknown \"x\"".into(),
        };
        assert_eq!(e.code(), "InvalidArgument");
        assert_eq!(e.to_string(), "invalid argument: provider: unknown \"x\"");
        let e = Error::CertificateFormatInvalid {
            reason: "no PEM block".into(),
        };
        assert_eq!(e.code(), "CertificateFormatInvalid");
    }
}
