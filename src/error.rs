//! Errors: the call itself could not be served (SPEC.md: only a malformed call, or `fingerprint` without
//! a certificate, is an error; problems with certificate/key *content* are findings).

use alloc::string::String;
use core::fmt;

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
