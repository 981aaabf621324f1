//! Certificate fingerprints: SHA-1 / SHA-256 of the DER, in the formats the clouds show, and the
//! one hex writer of the crate. A leaf module (no crate imports): `cert` and `sign` build on it;
//! `fingerprint()` of PEM text lives in `cert`, which parses it.
//!
//! aliyun-slb returns lowercase colon-separated SHA-1 (`68:08:1a:…`), aliyun-cas upper-case hex without
//! separators (`1D7801BB…`) for SHA-1 and SHA-256, Tencent documents SHA-1 (PROVIDERS.md §1.3, §2.3, §3.3).

use alloc::string::String;

use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Hash algorithm of a fingerprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FingerprintAlgorithm {
    /// SHA-1 (20 bytes); what the clouds display.
    #[default]
    Sha1,
    /// SHA-256 (32 bytes).
    Sha256,
}

impl FingerprintAlgorithm {
    /// Parses `"sha1"` / `"sha256"` (ASCII case-insensitive, `-` allowed: `SHA-256`).
    pub fn from_name(name: &str) -> Option<Self> {
        let mut buf = [0u8; 8];
        let mut len = 0usize;
        for b in name.bytes().filter(|b| *b != b'-') {
            *buf.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        }
        match buf.get(..len)? {
            b"sha1" => Some(Self::Sha1),
            b"sha256" => Some(Self::Sha256),
            _ => None,
        }
    }
}

/// How a fingerprint is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FingerprintFormat {
    /// `68:08:1a:…` (aliyun-slb; `CertInfo` fields).
    #[default]
    ColonLower,
    /// `68:08:1A:…`.
    ColonUpper,
    /// `68081a…` lowercase hex without separators.
    Hex,
}

impl FingerprintFormat {
    /// Parses `"colon-lower"`, `"colon-upper"`, `"hex"`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "colon-lower" => Some(Self::ColonLower),
            "colon-upper" => Some(Self::ColonUpper),
            "hex" => Some(Self::Hex),
            _ => None,
        }
    }
}

/// Fingerprint of `der` with `algorithm`, written in `format`.
pub fn fingerprint_der(
    der: &[u8],
    algorithm: FingerprintAlgorithm,
    format: FingerprintFormat,
) -> String {
    match algorithm {
        FingerprintAlgorithm::Sha1 => hex(&Sha1::digest(der), format),
        FingerprintAlgorithm::Sha256 => hex(&Sha256::digest(der), format),
    }
}

/// Writes bytes as hex in `format`.
pub(crate) fn hex(bytes: &[u8], format: FingerprintFormat) -> String {
    const LOWER: &[u8; 16] = b"0123456789abcdef";
    const UPPER: &[u8; 16] = b"0123456789ABCDEF";
    let (digits, sep) = match format {
        FingerprintFormat::ColonLower => (LOWER, true),
        FingerprintFormat::ColonUpper => (UPPER, true),
        FingerprintFormat::Hex => (LOWER, false),
    };
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if sep && i > 0 {
            out.push(':');
        }
        for nibble in [b >> 4, b & 0x0f] {
            out.push(char::from(
                digits.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            hex(&[0x68, 0x0a, 0xff], FingerprintFormat::ColonLower),
            "68:0a:ff"
        );
        assert_eq!(
            hex(&[0x68, 0x0a, 0xff], FingerprintFormat::ColonUpper),
            "68:0A:FF"
        );
        assert_eq!(hex(&[0x68, 0x0a, 0xff], FingerprintFormat::Hex), "680aff");
        assert_eq!(hex(&[], FingerprintFormat::ColonLower), "");
    }

    #[test]
    fn known_digests() {
        // FIPS 180 "abc" test vectors.
        assert_eq!(
            fingerprint_der(b"abc", FingerprintAlgorithm::Sha1, FingerprintFormat::Hex),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            fingerprint_der(b"abc", FingerprintAlgorithm::Sha256, FingerprintFormat::Hex),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            FingerprintAlgorithm::from_name("SHA-256"),
            Some(FingerprintAlgorithm::Sha256)
        );
        assert_eq!(
            FingerprintAlgorithm::from_name("sha1"),
            Some(FingerprintAlgorithm::Sha1)
        );
        assert_eq!(FingerprintAlgorithm::from_name("md5"), None);
        assert_eq!(FingerprintAlgorithm::from_name("sha256sha256"), None);
        assert_eq!(
            FingerprintFormat::from_name("hex"),
            Some(FingerprintFormat::Hex)
        );
        assert_eq!(FingerprintFormat::from_name("HEX"), None);
    }
}
