//! Errors: the call itself could not be served (SPEC.md: only a malformed call, or `fingerprint` without
//! a certificate, is an error; problems with certificate/key *content* are findings).

use alloc::format;
use alloc::string::String;
use core::fmt;

/// Short and made of `[A-Za-z0-9._-]` only: safe to repeat (see [`shown`]).
pub(crate) fn plain(value: &str) -> bool {
    value.len() <= 32
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// A caller's name as a finding's `field`: itself when [`plain`], else a description.
pub(crate) fn field_name(value: &str) -> String {
    if plain(value) {
        String::from(value)
    } else {
        shown(value)
    }
}

/// How a message names a value the caller gave: quoted when it is short and looks like what was
/// expected (at most 32 characters of `[A-Za-z0-9._-]`: a provider id, a region, an algorithm
/// name), else described without its content — it may be a private key or a passphrase pasted
/// into the wrong argument, and messages end up in logs.
pub(crate) fn shown(value: &str) -> String {
    if plain(value) {
        format!("\"{value}\"")
    } else {
        format!("a string of {} characters", value.chars().count())
    }
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

    #[test]
    fn caller_values_are_quoted_only_when_plain() {
        assert_eq!(shown("cn-hangzhou"), "\"cn-hangzhou\"");
        assert_eq!(shown("HMAC-SHA1"), "\"HMAC-SHA1\"");
        assert_eq!(
            shown("-----BEGIN PRIVATE KEY-----"),
            "a string of 27 characters"
        );
        assert_eq!(shown("correct horse"), "a string of 13 characters");
        assert_eq!(shown(&"a".repeat(33)), "a string of 33 characters");
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
