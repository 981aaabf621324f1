//! No provider: provider-neutral checks (SPEC.md "Finding kinds": code = kind, status 400). Every line
//! is `documented`: its condition is defined by an RFC or by this package's documented limits.

use super::{
    CodeEntry, EcPolicy, Fields, KeyRequired, Language, Profile, RsaSizes, Rules, When, lib, src,
};
use crate::alg::KeyAlgorithm;
use crate::finding::{Confidence::*, Kind::*, Severity::*};

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
    // No provider: our own texts, in English.
    language: Language::EnUs,
    glosses: &[],
};

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "InputTooLarge", status: 400, text: lib("The input is too large: at most 1 MiB per field and 16 certificates per bundle."), severity: Error, confidence: Documented, alternatives: &[], source: src("SPEC.md bounds (documented limits of this package: 1 MiB per field, 16 certificates)") },
    CodeEntry { kind: CertificateMissing, when: None, code: "CertificateMissing", status: 400, text: lib("No certificate was given."), severity: Error, confidence: Documented, alternatives: &[], source: src("SPEC.md, Finding kinds") },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "CertificateFormatInvalid", status: 400, text: lib("The certificate is not a valid PEM-encoded X.509 certificate."), severity: Error, confidence: Documented, alternatives: &[], source: src("RFC 7468 (PEM) and RFC 5280 §4.1 (X.509 DER)") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "CertificateFormatInvalid", status: 400, text: lib("A subjectAltName DNS name holds bytes outside printable ASCII; clients will not match it."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 5280 §4.2.1.6: a dNSName is an IA5String (ASCII); OpenSSL and Go read such names, so a warning") },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "PrivateKeyMissing", status: 400, text: lib("A private key is required."), severity: Error, confidence: Documented, alternatives: &[], source: src("SPEC.md, Finding kinds") },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "PrivateKeyFormatInvalid", status: 400, text: lib("The private key is not a valid PEM-encoded private key."), severity: Error, confidence: Documented, alternatives: &[], source: src("RFC 7468, RFC 8017 A.1.2 (PKCS#1), RFC 5958 (PKCS#8), RFC 5915 (SEC1)") },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "PrivateKeyEncrypted", status: 400, text: lib("The private key is encrypted and no working passphrase was given."), severity: Error, confidence: Documented, alternatives: &[], source: src("RFC 8018 (PBES2), RFC 7292 App. C (PKCS#12 PBE), RFC 1421 (Proc-Type)") },
    CodeEntry { kind: CertificateMismatch, when: None, code: "CertificateMismatch", status: 400, text: lib("The private key does not match the certificate."), severity: Error, confidence: Documented, alternatives: &[], source: src("RFC 8017 §3 (RSA key parts), SEC 1 §3.2.1 (EC Q = dG), RFC 8032 §5.1.5 / §5.2.5 (EdDSA)") },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "IllegalKeyLength", status: 400, text: lib("The key is shorter than 2048-bit RSA."), severity: Warning, confidence: Documented, alternatives: &[], source: src("NIST SP 800-131A Rev. 2 and CA/Browser Forum Baseline Requirements §6.1.5 (RSA ≥ 2048)") },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "EccCertificateNotSupport", status: 400, text: lib("ECC certificates are not supported."), severity: Error, confidence: Documented, alternatives: &[], source: src("SPEC.md, Finding kinds (never produced without a provider)") },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "KeyAlgorithmNotSupported", status: 400, text: lib("The key algorithm is not supported."), severity: Error, confidence: Documented, alternatives: &[], source: src("RFC 8446 §4.2.3 (no DSA, X25519/X448 or unknown algorithm signs a TLS 1.3 handshake); RFC 5480 §2.1.1 (named curves only)") },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "Sm2CertificateNotSupported", status: 400, text: lib("SM2 certificates are not supported."), severity: Error, confidence: Documented, alternatives: &[], source: src("SPEC.md, Finding kinds (never produced without a provider)") },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 400, text: lib("The certificate has expired."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 5280 §4.1.2.5 (validity)") },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 400, text: lib("The certificate is not valid yet."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 5280 §4.1.2.5 (validity)") },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "ChainOrderInvalid", status: 400, text: lib("A certificate in the chain is not the issuer of the one before it."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 8446 §4.4.2 / RFC 5246 §7.4.2 (each certificate certifies the one before it)") },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 400, text: lib("The chain does not end in a self-signed certificate or its issuer; intermediates may be missing."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 8446 §4.4.2 / RFC 5246 §7.4.2 (the root may be omitted, intermediates may not)") },
    CodeEntry { kind: ChainUntrusted, when: None, code: "ChainUntrusted", status: 400, text: lib("The chain ends at a self-signed certificate that is not a trusted root; clients will not trust it."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 5280 §6.1 (path validation starts at a trust anchor)") },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "CertificateTypeMismatch", status: 400, text: lib("The certificate type does not match the certificate."), severity: Error, confidence: Documented, alternatives: &[], source: src("RFC 5280 §4.2.1.9 (basicConstraints cA)") },
    CodeEntry { kind: CertificateTypeMismatch, when: Some(When::SvrTypeIsCa), code: "CertificateTypeMismatch", status: 400, text: lib("A CA certificate is given as a server certificate."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 5280 §4.2.1.9 and SPEC.md: SVR with a CA certificate (self-signed server certificates often carry cA=TRUE)") },
    CodeEntry { kind: PemNotCanonical, when: None, code: "PemNotCanonical", status: 400, text: lib("The PEM text is not in canonical form; a normalized version is available."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 7468 §3 (strict form: 64-column lines, one label)") },
    CodeEntry { kind: ParameterInvalid, when: None, code: "ParameterInvalid", status: 400, text: lib("A request parameter is invalid."), severity: Error, confidence: Documented, alternatives: &[], source: src("SPEC.md, Finding kinds") },
    CodeEntry { kind: ParameterMissing, when: None, code: "ParameterMissing", status: 400, text: lib("A required request parameter is missing."), severity: Error, confidence: Documented, alternatives: &[], source: src("SPEC.md, Finding kinds") },
    CodeEntry { kind: PfxFormatInvalid, when: None, code: "PfxFormatInvalid", status: 400, text: lib("The PFX / PKCS#12 file is not valid, or uses a structure or cipher that is not supported."), severity: Error, confidence: Documented, alternatives: &[], source: src("RFC 7292 §4 (PFX PDU), App. C (PBE algorithms)") },
    CodeEntry { kind: PfxPasswordIncorrect, when: None, code: "PfxPasswordIncorrect", status: 400, text: lib("The password does not open the PFX / PKCS#12 file."), severity: Error, confidence: Documented, alternatives: &[], source: src("RFC 7292 §5.1 (password integrity: the MAC) and App. B (key derivation)") },
    CodeEntry { kind: PfxContentUnused, when: None, code: "PfxContentUnused", status: 400, text: lib("The PFX / PKCS#12 file holds certificates or keys that belong to no path from the server certificate; they were left out."), severity: Warning, confidence: Documented, alternatives: &[], source: src("RFC 8446 §4.4.2 (the chain is the leaf and the certificates that certify it)") },
];
