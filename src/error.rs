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

/// `text` with every letter in lower case.
fn fold(text: &str) -> Vec<char> {
    text.chars().flat_map(char::to_lowercase).collect()
}

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
