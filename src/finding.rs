//! Findings and the report: what `validate` has to say about an upload.
//!
//! A [`Kind`] is the provider-neutral name of a condition. The provider table
//! ([`crate::provider`]) turns it into the provider's own `(code, httpStatus, message, severity)`.

use alloc::string::String;
use alloc::vec::Vec;
use serde::Serialize;

/// The provider-neutral identifier of a condition (SPEC.md, "Finding kinds").
///
/// The serialized form is the variant name, which is also [`Kind::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[non_exhaustive]
pub enum Kind {
    /// A field is over 1 MiB, or a bundle holds more than 16 certificates.
    InputTooLarge,
    /// No certificate was given.
    CertificateMissing,
    /// No usable certificate: no PEM block, bad base64, wrong label, DER that is not X.509.
    CertificateFormatInvalid,
    /// The provider needs a private key and none was given.
    PrivateKeyMissing,
    /// The key field holds no usable private key.
    PrivateKeyFormatInvalid,
    /// The key is encrypted and no working passphrase was given.
    PrivateKeyEncrypted,
    /// The key does not belong to the leaf certificate, or is internally inconsistent.
    CertificateMismatch,
    /// A key size the provider refuses.
    IllegalKeyLength,
    /// An EC key where the provider or region takes none.
    EccCertificateNotSupport,
    /// DSA, Ed448 and other algorithms the provider takes none of.
    KeyAlgorithmNotSupported,
    /// SM2 where the provider takes none.
    Sm2CertificateNotSupported,
    /// The leaf's notAfter is before `now`.
    CertificateExpired,
    /// The leaf's notBefore is after `now`.
    CertificateNotYetValid,
    /// A block after the leaf is not the issuer of the one before it, or a chain signature fails.
    ChainOrderInvalid,
    /// The last certificate is neither self-signed nor followed by its issuer (with trust anchors:
    /// the chain does not reach one).
    ChainIncomplete,
    /// With trust anchors: the chain ends at a self-signed certificate that is not one of them.
    ChainUntrusted,
    /// `certificateType` disagrees with the leaf's basicConstraints.
    CertificateTypeMismatch,
    /// The PEM is not in the canonical form the provider asks for.
    PemNotCanonical,
    /// A request parameter breaks the provider's rule.
    ParameterInvalid,
    /// A required request parameter is missing.
    ParameterMissing,
    /// The `pfx` input is not a PKCS#12 file, is broken inside, or uses what we do not read.
    PfxFormatInvalid,
    /// The PKCS#12 file's MAC or a decryption fails with the passphrase given.
    PfxPasswordIncorrect,
    /// Certificates or keys in the PKCS#12 file that belong to no path from the leaf (dropped).
    PfxContentUnused,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [Kind] = &[
        Kind::InputTooLarge,
        Kind::CertificateMissing,
        Kind::CertificateFormatInvalid,
        Kind::PrivateKeyMissing,
        Kind::PrivateKeyFormatInvalid,
        Kind::PrivateKeyEncrypted,
        Kind::CertificateMismatch,
        Kind::IllegalKeyLength,
        Kind::EccCertificateNotSupport,
        Kind::KeyAlgorithmNotSupported,
        Kind::Sm2CertificateNotSupported,
        Kind::CertificateExpired,
        Kind::CertificateNotYetValid,
        Kind::ChainOrderInvalid,
        Kind::ChainIncomplete,
        Kind::ChainUntrusted,
        Kind::CertificateTypeMismatch,
        Kind::PemNotCanonical,
        Kind::ParameterInvalid,
        Kind::ParameterMissing,
        Kind::PfxFormatInvalid,
        Kind::PfxPasswordIncorrect,
        Kind::PfxContentUnused,
    ];

    /// The stable identifier, as JS sees it in `Finding.kind`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::InputTooLarge => "InputTooLarge",
            Kind::CertificateMissing => "CertificateMissing",
            Kind::CertificateFormatInvalid => "CertificateFormatInvalid",
            Kind::PrivateKeyMissing => "PrivateKeyMissing",
            Kind::PrivateKeyFormatInvalid => "PrivateKeyFormatInvalid",
            Kind::PrivateKeyEncrypted => "PrivateKeyEncrypted",
            Kind::CertificateMismatch => "CertificateMismatch",
            Kind::IllegalKeyLength => "IllegalKeyLength",
            Kind::EccCertificateNotSupport => "EccCertificateNotSupport",
            Kind::KeyAlgorithmNotSupported => "KeyAlgorithmNotSupported",
            Kind::Sm2CertificateNotSupported => "Sm2CertificateNotSupported",
            Kind::CertificateExpired => "CertificateExpired",
            Kind::CertificateNotYetValid => "CertificateNotYetValid",
            Kind::ChainOrderInvalid => "ChainOrderInvalid",
            Kind::ChainIncomplete => "ChainIncomplete",
            Kind::ChainUntrusted => "ChainUntrusted",
            Kind::CertificateTypeMismatch => "CertificateTypeMismatch",
            Kind::PemNotCanonical => "PemNotCanonical",
            Kind::ParameterInvalid => "ParameterInvalid",
            Kind::ParameterMissing => "ParameterMissing",
            Kind::PfxFormatInvalid => "PfxFormatInvalid",
            Kind::PfxPasswordIncorrect => "PfxPasswordIncorrect",
            Kind::PfxContentUnused => "PfxContentUnused",
        }
    }

    /// Looks a kind up by its identifier.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == name)
    }
}

impl core::fmt::Display for Kind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a finding stops the upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The provider would refuse the upload.
    Error,
    /// Worth showing; the upload would go through.
    Warning,
}

/// How sure an answer is (SPEC.md `Finding.confidence`; the evidence is in EVIDENCE.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Seen in a real response of that API.
    Observed,
    /// In that API's error table, SDK or metadata (without a provider: defined by an RFC or by
    /// this package's documented limits).
    Documented,
    /// Our reading: a code from the provider's common list applied to this condition, a trigger
    /// that is not documented, or the library's own policy.
    Inferred,
}

impl Confidence {
    /// The serialized form (`"observed"`, `"documented"`, `"inferred"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Confidence::Observed => "observed",
            Confidence::Documented => "documented",
            Confidence::Inferred => "inferred",
        }
    }
}

/// The longest `detail` a finding carries (characters); longer ones end in `…`.
pub const MAX_DETAIL_CHARS: usize = 512;
/// The longest name (subject, issuer, common name, SAN) a report carries (characters).
pub const MAX_NAME_CHARS: usize = 1024;
/// Findings listed per field; past it, one more finding says how many were left out.
pub const MAX_FINDINGS_PER_FIELD: usize = 32;

/// `text` cut to at most `max` characters, ending in `…` when cut (reports stay bounded whatever
/// the input: a 40 KB subject name is not a 40 KB detail).
pub(crate) fn clip_chars(text: &str, max: usize) -> alloc::string::String {
    match text.char_indices().nth(max) {
        Some((end, _)) => {
            let mut out = alloc::string::String::from(text.get(..end).unwrap_or_default());
            out.push('…');
            out
        }
        None => alloc::string::String::from(text),
    }
}

/// One thing `validate` has to say, in the chosen provider's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Provider-neutral identifier.
    pub kind: Kind,
    /// The provider's error code (the kind's name when no provider was chosen).
    pub code: String,
    /// The HTTP status the provider answers with.
    pub http_status: u16,
    /// The provider's message in the language asked for (or the provider's default), exactly as the
    /// provider words it; on a line the provider has no text for, ours (PROVIDERS.md tables).
    pub message: String,
    /// `message` in English when it is not English: the provider's own en-US text when one is known,
    /// else our rendering (never the provider's words then). Absent when `message` is English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_en: Option<String>,
    /// The input field, in the provider's parameter names when a provider is given.
    pub field: String,
    /// What exactly was found (never contains key material).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// How sure the code is: seen in a real answer, documented for the API, or our reading.
    pub confidence: Confidence,
    /// Other codes the provider is documented or observed to answer for the same condition.
    pub alternatives: &'static [&'static str],
    /// Error or warning (not serialized: the report's two lists say it).
    #[serde(skip)]
    pub severity: Severity,
}

/// Facts about one certificate (SPEC.md `CertInfo`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertInfo {
    /// 0-based position of this certificate's block among the input's CERTIFICATE blocks (the
    /// `certificate #index+1` of findings' details): a reader can tell which block it is, also when
    /// another one could not be read.
    pub index: u32,
    /// Subject as an RFC 4514 string.
    pub subject: String,
    /// Issuer as an RFC 4514 string.
    pub issuer: String,
    /// The (last) commonName of the subject, if any.
    pub common_name: Option<String>,
    /// DNS names and IP addresses from subjectAltName, in certificate order.
    pub subject_alt_names: Vec<String>,
    /// Lowercase hex, no leading zeros.
    pub serial_number: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub not_before: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub not_after: String,
    /// `RSA`, `EC`, `Ed25519`, `Ed448`, `SM2`, `DSA` or `unknown`.
    pub key_algorithm: &'static str,
    /// Modulus bits (RSA, DSA), field bits (EC, SM2) or public key bits (EdDSA).
    pub key_bits: u32,
    /// The named curve of an EC/SM2 key.
    pub curve: Option<&'static str>,
    /// Signature algorithm name, e.g. `sha256WithRSAEncryption`, or the dotted OID.
    pub signature_algorithm: String,
    /// basicConstraints cA.
    #[serde(rename = "isCA")]
    pub is_ca: bool,
    /// SHA-1 of the DER, lowercase colon-separated hex.
    pub fingerprint_sha1: String,
    /// SHA-256 of the DER, lowercase colon-separated hex.
    pub fingerprint_sha256: String,
    /// The authorityInfoAccess caIssuers URIs, as written in the certificate (RFC 5280 §4.2.2.1):
    /// where its issuer's certificate can be fetched.
    pub ca_issuers: Vec<String>,
    /// Where the certificate came from: `pem` (text), `der` (binary or bare base64 DER) or `pkcs12`
    /// (a PFX file).
    pub source: &'static str,
}

/// Facts about the private key (SPEC.md `KeyInfo`). Never holds key material.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyInfo {
    /// `PKCS#1`, `PKCS#8`, `SEC1` or `encrypted`.
    pub format: &'static str,
    /// Same names as [`CertInfo::key_algorithm`].
    pub key_algorithm: &'static str,
    /// Same meaning as [`CertInfo::key_bits`]; 0 when unknown (encrypted).
    pub key_bits: u32,
    /// The named curve, if any.
    pub curve: Option<&'static str>,
    /// Where the key came from: `pem`, `der` or `pkcs12` (see [`CertInfo::source`]).
    pub source: &'static str,
}

/// Canonical PEM produced when the input was not canonical.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Normalized {
    /// Certificates, leaf first, 64-column base64, LF.
    pub certificate: String,
    /// The key in the form the provider requires (present only when a key was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_key: Option<zeroize::Zeroizing<String>>,
}

impl core::fmt::Debug for Normalized {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Normalized")
            .field("certificate", &self.certificate)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// The answer of `validate` (SPEC.md `Report`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// No errors.
    pub ok: bool,
    /// Findings that stop the upload.
    pub errors: Vec<Finding>,
    /// Findings that do not.
    pub warnings: Vec<Finding>,
    /// The leaf certificate.
    pub certificate: Option<CertInfo>,
    /// Every certificate, leaf first.
    pub chain: Vec<CertInfo>,
    /// The private key.
    pub private_key: Option<KeyInfo>,
    /// Canonical PEM, present when the input was not canonical and could be fixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalized: Option<Normalized>,
}

impl Report {
    /// All findings of one kind (errors first).
    pub fn findings(&self, kind: Kind) -> impl Iterator<Item = &Finding> {
        self.errors
            .iter()
            .chain(self.warnings.iter())
            .filter(move |f| f.kind == kind)
    }

    /// Whether any finding (error or warning) has this kind.
    pub fn has(&self, kind: Kind) -> bool {
        self.findings(kind).next().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip_and_are_unique() {
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(Kind::from_name(k.as_str()), Some(*k));
            for other in Kind::ALL.iter().skip(i + 1) {
                assert_ne!(k.as_str(), other.as_str());
            }
        }
        assert_eq!(Kind::from_name("NoSuchKind"), None);
    }
}
