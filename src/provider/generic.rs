//! No provider: provider-neutral checks (SPEC.md "Finding kinds": code = kind, status 400).

use super::{CodeEntry, EcPolicy, Fields, KeyRequired, Profile, RsaSizes, Rules, When, src};
use crate::alg::KeyAlgorithm;
use crate::finding::{Kind::*, Severity::*};

/// The generic profile.
pub(super) const PROFILE: Profile = Profile {
    id: "generic",
    fields: Fields {
        certificate: "certificate",
        private_key: "privateKey",
    },
    rules: Rules {
        key_required: KeyRequired::No,
        // SPEC.md: IllegalKeyLength is a warning below 2048-bit RSA without a provider.
        rsa_sizes: RsaSizes::AtLeast(2048),
        ec: EcPolicy::Accepted,
        // SPEC.md: DSA, X25519/X448 and unknown algorithms are KeyAlgorithmNotSupported in every
        // profile (no TLS server can use them today).
        also_accepted: &[
            KeyAlgorithm::Ed25519,
            KeyAlgorithm::Ed448,
            KeyAlgorithm::Sm2,
        ],
        sm2_in_main_fields: true,
        rsa_key_pkcs1: false,
        canonical_pem: false,
        takes_key_password: true,
        sm2_dual_fields: false,
    },
    codes: CODES,
};

const S: &str = "SPEC.md, Finding kinds";

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "InputTooLarge", status: 400, message: "The input is too large: at most 1 MiB per field and 16 certificates per bundle.", severity: Error, source: src(S) },
    CodeEntry { kind: CertificateMissing, when: None, code: "CertificateMissing", status: 400, message: "No certificate was given.", severity: Error, source: src(S) },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "CertificateFormatInvalid", status: 400, message: "The certificate is not a valid PEM-encoded X.509 certificate.", severity: Error, source: src(S) },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "CertificateFormatInvalid", status: 400, message: "A subjectAltName DNS name holds non-ASCII bytes; clients will not match it.", severity: Warning, source: src("library policy: OpenSSL and Go read such names, RFC 5280 §4.2.1.6 requires IA5String (ASCII)") },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "PrivateKeyMissing", status: 400, message: "A private key is required.", severity: Error, source: src(S) },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "PrivateKeyFormatInvalid", status: 400, message: "The private key is not a valid PEM-encoded private key.", severity: Error, source: src(S) },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "PrivateKeyEncrypted", status: 400, message: "The private key is encrypted and no working passphrase was given.", severity: Error, source: src(S) },
    CodeEntry { kind: CertificateMismatch, when: None, code: "CertificateMismatch", status: 400, message: "The private key does not match the certificate.", severity: Error, source: src(S) },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "IllegalKeyLength", status: 400, message: "The key is shorter than 2048-bit RSA.", severity: Warning, source: src(S) },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "EccCertificateNotSupport", status: 400, message: "ECC certificates are not supported.", severity: Error, source: src(S) },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "KeyAlgorithmNotSupported", status: 400, message: "The key algorithm is not supported.", severity: Error, source: src(S) },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "Sm2CertificateNotSupported", status: 400, message: "SM2 certificates are not supported.", severity: Error, source: src(S) },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 400, message: "The certificate has expired.", severity: Warning, source: src(S) },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 400, message: "The certificate is not valid yet.", severity: Warning, source: src(S) },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "ChainOrderInvalid", status: 400, message: "A certificate in the chain is not the issuer of the one before it.", severity: Warning, source: src(S) },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 400, message: "The chain does not end in a self-signed certificate or its issuer; intermediates may be missing.", severity: Warning, source: src(S) },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "CertificateTypeMismatch", status: 400, message: "The certificate type does not match the certificate.", severity: Error, source: src(S) },
    CodeEntry { kind: CertificateTypeMismatch, when: Some(When::SvrTypeIsCa), code: "CertificateTypeMismatch", status: 400, message: "A CA certificate is given as a server certificate.", severity: Warning, source: src("SPEC.md: SVR with a CA certificate (self-signed server certificates often carry cA=TRUE)") },
    CodeEntry { kind: PemNotCanonical, when: None, code: "PemNotCanonical", status: 400, message: "The PEM text is not in canonical form; a normalized version is available.", severity: Warning, source: src(S) },
    CodeEntry { kind: ParameterInvalid, when: None, code: "ParameterInvalid", status: 400, message: "A request parameter is invalid.", severity: Error, source: src(S) },
    CodeEntry { kind: ParameterMissing, when: None, code: "ParameterMissing", status: 400, message: "A required request parameter is missing.", severity: Error, source: src(S) },
];
