//! Alibaba Cloud CAS `UploadUserCertificate`, 2020-04-07 (PROVIDERS.md §2).
//!
//! CAS publishes no per-API error table (§2.4, EVIDENCE.md C1): codes here are the gateway's where one
//! applies (`MissingName`, `MissingParameter`) and otherwise the library's own stable identifiers (the
//! kind names), with the message users have observed (`证书格式异常，请检查输入内容。`, I-1232).
//! Statuses are inferred (400). `Cert`/`Key` are optional in the API metadata (the SM2 fields are the
//! other mode), so a missing one is a library identifier too, not the gateway's `MissingParameter`.

use super::{
    CodeEntry, EcPolicy, Fields, KeyRequired, Language, Profile, RsaSizes, Rules, Text, When, both,
    lib, said, src, zh_only,
};
use crate::finding::{Confidence::*, Kind::*, Severity::*};

/// The aliyun-cas profile.
pub(super) const PROFILE: Profile = Profile {
    id: "aliyun-cas",
    fields: Fields {
        certificate: "Cert",
        private_key: "Key",
    },
    rules: Rules {
        // §2.2: international mode = Cert + Key.
        key_required: KeyRequired::Always,
        // §2.3: RSA lengths not published; warn below 2048 like the generic profile (inferred).
        rsa_sizes: RsaSizes::AtLeast(2048),
        // §2.3: "internationally accepted algorithm" (RSA/ECC) or SM2.
        ec: EcPolicy::Accepted,
        also_accepted: &[],
        // §2.2: SM2 goes in SignCert/SignPrivateKey/EncryptCert/EncryptPrivateKey.
        sm2_in_main_fields: false,
        rsa_key_pkcs1: false,
        // §2.1: same PEM conventions as CLB (inferred).
        canonical_pem: true,
        // §2.3: the key must not be password-protected.
        takes_key_password: false,
        sm2_dual_fields: true,
    },
    codes: CODES,
    // No language parameter; its business message was observed in Chinese (languages.md §3.2).
    language: Language::ZhCn,
    glosses: &[(
        FORMAT_ZH,
        "The certificate format is abnormal; check the input.",
    )],
};

// The messages per language (docs/research/languages.md §3): one CAS business text is known, in
// Chinese, answered to a caller that asked for no language (CAS has no language parameter).
const FORMAT_ZH: &str = "证书格式异常，请检查输入内容。";
/// FORMAT_ZH for conditions nobody reported it for.
const FORMAT: [Text; 2] = zh_only(said(
    FORMAT_ZH,
    Inferred,
    "inferred: the text observed for a malformed certificate (languages.md §3.2, aliyun/aliyun-cli#1232), for a condition no report shows",
));
const OBSERVED: &str = "inferred: the message was observed (EVIDENCE.md C1, I-1232); CAS publishes no code (library identifier) and no status";
const OWN: &str = "inferred: CAS publishes no code for this (EVIDENCE.md C1); library identifier";
const MISSING: &str = "inferred: Cert and Key are optional in the API metadata (the SM2 fields are the other mode), so no gateway MissingParameter (EVIDENCE.md C5); library identifier";

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "InputTooLarge", status: 400, text: FORMAT, severity: Error, confidence: Inferred, alternatives: &[], source: src(OWN) },
    CodeEntry { kind: CertificateMissing, when: None, code: "CertificateMissing", status: 400, text: lib("Cert is empty: give Cert and Key, or SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey."), severity: Error, confidence: Inferred, alternatives: &[], source: src(MISSING) },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "CertificateFormatInvalid", status: 400, text: zh_only(said(FORMAT_ZH, Observed, "languages.md §3.2: observed from UploadUserCertificate on cas.aliyuncs.com, aliyun-cli sending no language (aliyun/aliyun-cli#1232, 2025-05; code not shown)")), severity: Error, confidence: Inferred, alternatives: &[], source: src(OBSERVED) },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "CertificateFormatInvalid", status: 400, text: FORMAT, severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: a certificate OpenSSL reads is accepted; a warning, since clients will not match the name") },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "PrivateKeyMissing", status: 400, text: lib("Key is empty: give Cert and Key, or SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey."), severity: Error, confidence: Inferred, alternatives: &[], source: src(MISSING) },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "PrivateKeyFormatInvalid", status: 400, text: FORMAT, severity: Error, confidence: Inferred, alternatives: &[], source: src(OBSERVED) },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "PrivateKeyEncrypted", status: 400, text: lib("The private key must not be password-protected."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: the rule is documented (PROVIDERS.md §2.3 [S18], EVIDENCE.md C7), the code is not: library identifier") },
    CodeEntry { kind: CertificateMismatch, when: None, code: "CertificateMismatch", status: 400, text: lib("The certificate and the private key do not match."), severity: Error, confidence: Inferred, alternatives: &[], source: src(OWN) },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "IllegalKeyLength", status: 200, text: lib("The RSA key is shorter than 2048 bits."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: CAS key sizes unpublished (EVIDENCE.md C8)") },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "EccCertificateNotSupport", status: 400, text: lib("ECC certificates are not supported."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: CAS takes ECC (EVIDENCE.md C9), so this line is never produced") },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "KeyAlgorithmNotSupported", status: 400, text: FORMAT, severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: §2.3 accepts RSA, ECC and SM2 only; library identifier") },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "Sm2CertificateNotSupported", status: 400, text: lib("SM2 certificates are uploaded with SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §2.2 (SM mode from the field descriptions [S15][S17]); library identifier") },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 200, text: lib("The certificate has expired."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: §2.3 whether expired certificates upload is unknown") },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 200, text: lib("The certificate is not valid yet."), severity: Warning, confidence: Inferred, alternatives: &[], source: src(OWN) },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "ChainOrderInvalid", status: 200, text: lib("A certificate in the chain is not the issuer of the one before it."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: §2.1 same chain convention as CLB") },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 200, text: lib("The chain does not reach a self-signed root; intermediates may be missing."), severity: Warning, confidence: Inferred, alternatives: &[], source: src(OWN) },
    CodeEntry { kind: ChainUntrusted, when: None, code: "ChainUntrusted", status: 200, text: lib("The chain ends at a self-signed certificate that is not a trusted root; clients will not trust it."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("library policy: the roots are the caller's (Mozilla's or Node's); CAS stores private-CA certificates and documents no trust check") },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "CertificateTypeMismatch", status: 200, text: lib("UploadUserCertificate has no certificate type."), severity: Warning, confidence: Inferred, alternatives: &[], source: src(OWN) },
    CodeEntry { kind: PemNotCanonical, when: None, code: "CertificateFormatInvalid", status: 400, text: FORMAT, severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: §2.1 same PEM conventions as CLB, no CAS evidence (EVIDENCE.md C10); the normalized form is sent instead") },
    CodeEntry { kind: ParameterInvalid, when: None, code: "InvalidParameter", status: 400, text: lib("The specified parameter is invalid."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: POP gateway wording for invalid parameters") },
    CodeEntry { kind: ParameterMissing, when: None, code: "MissingParameter", status: 400, text: lib("The input parameter that is mandatory for processing this request is not supplied."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §2.4 gateway codes of §1.4, applied to the SM2 mode's four fields") },
    // buildRequest parameter rules (src/request/aliyun_cas.rs).
    CodeEntry { kind: ParameterMissing, when: Some(When::Name), code: "MissingName", status: 400, text: both(said("Name is mandatory for this action.", Inferred, "inferred: the CAS gateway's template, observed for Status (languages.md §3.3: certimate-go/certimate#186, 2024-10), with this parameter's name")), severity: Error, confidence: Documented, alternatives: &["MissingParameter"], source: src("EVIDENCE.md C4: Name is required (E-META 2025-12, E-PYSDK); PROVIDERS.md §2.4 gateway MissingName") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Name), code: "NameTooLong", status: 400, text: lib("The certificate name must be at most 63 characters."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: at most 63 is the newest SDK's (E-PYSDK 3.9.4, EVIDENCE.md C3; older sources say 64/128); the code is unpublished: library identifier") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Region), code: "InvalidRegionId", status: 400, text: lib("CAS has no endpoint in the specified region."), severity: Error, confidence: Inferred, alternatives: &[], source: src("library policy: the endpoint list of the API metadata [S23] (EVIDENCE.md C12); CAS has no RegionId parameter, the region only picks the endpoint") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagKey), code: "InvalidParam.TagKey", status: 400, text: lib("The tag key is invalid: not empty, at most 64 characters, no http:// or https://, not starting with aliyun or acs:."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: CAS tag rules undocumented (EVIDENCE.md C11); Alibaba-wide rules with the CLB limits and code") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagValue), code: "InvalidParam.TagValue", status: 400, text: lib("The tag value is invalid: at most 128 characters, no http:// or https://, not starting with aliyun or acs:."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: CAS tag rules undocumented (EVIDENCE.md C11); Alibaba-wide rules with the CLB limits and code") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagCount), code: "SizeLimitExceeded.Tag", status: 400, text: lib("At most 100 tags can be given."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: maxItems 100 is documented (E-META 2025-12, EVIDENCE.md C11), the code is CLB's") },
    CodeEntry { kind: ParameterMissing, when: Some(When::TagKeyMissing), code: "MissingParam.TagKey", status: 400, text: lib("The param MissingParam.TagKey is missing."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: Alibaba-wide tag rules; code as CLB (EVIDENCE.md C11)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::UnknownParameter), code: "InvalidParameter", status: 400, text: lib("The parameter is not a parameter of UploadUserCertificate."), severity: Error, confidence: Inferred, alternatives: &[], source: src("library policy: not in the SDK request model (§2.2 [S21]); refused so a misspelt parameter is not dropped silently") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Type), code: "InvalidParameter", status: 400, text: lib("The parameter has the wrong type."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: §2.2 types (String; Tags a list of {Key, Value}); POP InvalidParameter") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Conflict), code: "InvalidParameter", status: 400, text: lib("Give either Cert and Key, or SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey."), severity: Error, confidence: Inferred, alternatives: &[], source: src("library policy: mixing the two modes, server behaviour unknown (EVIDENCE.md C6); PROVIDERS.md §2.2 'the validator should reject it'") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Ignored), code: "ParameterIgnored", status: 200, text: lib("SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey are ignored when Cert and Key are given; they are not sent."), severity: Warning, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md C6: the SM fields are ignored 'when Cert and Key are not empty' (E-META 2024-06)") },
    CodeEntry { kind: PfxFormatInvalid, when: None, code: "PfxFormatInvalid", status: 200, text: lib("The PFX / PKCS#12 file is not valid, or uses a structure or cipher that is not supported."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: UploadUserCertificate takes PEM only (PROVIDERS.md §2.1); the container is read here and the PEM pair sent; library identifier") },
    CodeEntry { kind: PfxPasswordIncorrect, when: None, code: "PfxPasswordIncorrect", status: 200, text: lib("The password does not open the PFX / PKCS#12 file."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: UploadUserCertificate takes PEM only (PROVIDERS.md §2.1); the container is read here and the PEM pair sent; library identifier") },
    CodeEntry { kind: PfxContentUnused, when: None, code: "PfxContentUnused", status: 200, text: lib("The PFX / PKCS#12 file holds certificates or keys that belong to no path from the server certificate; they were left out."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: UploadUserCertificate takes PEM only (PROVIDERS.md §2.1); the container is read here and the PEM pair sent; library identifier") },
];
