//! Alibaba Cloud CAS `UploadUserCertificate`, 2020-04-07 (PROVIDERS.md §2).
//!
//! CAS publishes no per-API error table (§2.4): codes here are the gateway's where one applies
//! (`MissingParameter`) and otherwise the library's own stable identifiers (the kind names), with the
//! messages users have observed (`证书格式异常，请检查输入内容。`). Statuses are inferred (400).

use super::{CodeEntry, EcPolicy, Fields, KeyRequired, Profile, RsaSizes, Rules, When, src};
use crate::finding::{Kind::*, Severity::*};

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
};

const FORMAT: &str =
    "证书格式异常，请检查输入内容。 (The certificate format is abnormal; check the input.)";
const OBSERVED: &str =
    "PROVIDERS.md §2.4: message observed via aliyun-cli [S34]; code unpublished, status inferred";
const OWN: &str = "inferred: CAS publishes no code for this (§2.4); library identifier";

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "InputTooLarge", status: 400, message: FORMAT, severity: Error, source: src(OWN) },
    CodeEntry { kind: CertificateMissing, when: None, code: "MissingParameter", status: 400, message: "The input parameter \"Cert\" that is mandatory for processing this request is not supplied.", severity: Error, source: src("PROVIDERS.md §2.4: gateway codes of §1.4") },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "CertificateFormatInvalid", status: 400, message: FORMAT, severity: Error, source: src(OBSERVED) },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "CertificateFormatInvalid", status: 400, message: FORMAT, severity: Warning, source: src("inferred: a certificate OpenSSL reads is accepted; a warning, since clients will not match the name") },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "MissingParameter", status: 400, message: "The input parameter \"Key\" that is mandatory for processing this request is not supplied.", severity: Error, source: src("PROVIDERS.md §2.2: Cert and Key go together in international mode (inferred mandatory)") },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "PrivateKeyFormatInvalid", status: 400, message: FORMAT, severity: Error, source: src(OBSERVED) },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "PrivateKeyEncrypted", status: 400, message: "The private key must not be password-protected.", severity: Error, source: src("PROVIDERS.md §2.3 (rule confirmed [S18]; code inferred)") },
    CodeEntry { kind: CertificateMismatch, when: None, code: "CertificateMismatch", status: 400, message: "The certificate and the private key do not match.", severity: Error, source: src(OWN) },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "IllegalKeyLength", status: 200, message: "The RSA key is shorter than 2048 bits.", severity: Warning, source: src("inferred: CAS key sizes unpublished (§2.3)") },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "EccCertificateNotSupport", status: 400, message: "ECC certificates are not supported.", severity: Error, source: src("PROVIDERS.md §2.3: CAS takes ECC (never produced)") },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "KeyAlgorithmNotSupported", status: 400, message: FORMAT, severity: Error, source: src("inferred: §2.3 accepts RSA, ECC and SM2 only") },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "Sm2CertificateNotSupported", status: 400, message: "SM2 certificates are uploaded with SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey.", severity: Error, source: src("PROVIDERS.md §2.2 (SM mode rule inferred from field descriptions [S15][S17])") },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 200, message: "The certificate has expired.", severity: Warning, source: src("inferred: §2.3 whether expired certificates upload is unknown") },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 200, message: "The certificate is not valid yet.", severity: Warning, source: src(OWN) },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "ChainOrderInvalid", status: 200, message: "A certificate in the chain is not the issuer of the one before it.", severity: Warning, source: src("inferred: §2.1 same chain convention as CLB") },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 200, message: "The chain does not reach a self-signed root; intermediates may be missing.", severity: Warning, source: src(OWN) },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "CertificateTypeMismatch", status: 200, message: "UploadUserCertificate has no certificate type.", severity: Warning, source: src(OWN) },
    CodeEntry { kind: PemNotCanonical, when: None, code: "CertificateFormatInvalid", status: 400, message: FORMAT, severity: Warning, source: src("inferred: §2.1 same PEM conventions as CLB (normalized form is sent instead)") },
    CodeEntry { kind: ParameterInvalid, when: None, code: "InvalidParameter", status: 400, message: "The specified parameter is invalid.", severity: Error, source: src(OWN) },
    CodeEntry { kind: ParameterMissing, when: None, code: "MissingParameter", status: 400, message: "The input parameter that is mandatory for processing this request is not supplied.", severity: Error, source: src("PROVIDERS.md §2.4: gateway codes of §1.4") },
    // buildRequest parameter rules (src/request/aliyun_cas.rs).
    CodeEntry { kind: ParameterMissing, when: Some(When::Name), code: "MissingName", status: 400, message: "Name is mandatory for this action.", severity: Error, source: src("PROVIDERS.md §2.2 (Name required) and §2.4 (gateway MissingName)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Name), code: "NameTooLong", status: 400, message: "The certificate name must be at most 63 characters.", severity: Error, source: src("PROVIDERS.md §2.2/§7.6: at most 63 (current doc, SDK 3.9.4); code unpublished (§2.4): library identifier") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Region), code: "InvalidRegionId", status: 400, message: "CAS has no endpoint in the specified region.", severity: Error, source: src("inferred: §2.1 endpoint list (API metadata [S23]); CAS has no RegionId parameter, the region only picks the endpoint") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagKey), code: "InvalidParam.TagKey", status: 400, message: "The tag key is invalid: not empty, at most 64 characters, no http:// or https://, not starting with aliyun or acs:.", severity: Error, source: src("inferred: §2.2 CAS tag rules undocumented; Alibaba-wide rules with the CLB limits and code (§1.2/§1.4)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagValue), code: "InvalidParam.TagValue", status: 400, message: "The tag value is invalid: at most 128 characters, no http:// or https://, not starting with aliyun or acs:.", severity: Error, source: src("inferred: §2.2 CAS tag rules undocumented; Alibaba-wide rules with the CLB limits and code (§1.2/§1.4)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagCount), code: "SizeLimitExceeded.Tag", status: 400, message: "At most 100 tags can be given.", severity: Error, source: src("PROVIDERS.md §2.2: metadata maxItems 100 [S23]; code as CLB (§1.4, inferred)") },
    CodeEntry { kind: ParameterMissing, when: Some(When::TagKeyMissing), code: "MissingParam.TagKey", status: 400, message: "The param MissingParam.TagKey is missing.", severity: Error, source: src("inferred: §2.2 Alibaba-wide tag rules; code as CLB (§1.4)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::UnknownParameter), code: "InvalidParameter", status: 400, message: "The parameter is not a parameter of UploadUserCertificate.", severity: Error, source: src("inferred: not in the SDK request model (§2.2 [S21]); refused so a misspelt parameter is not dropped silently") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Type), code: "InvalidParameter", status: 400, message: "The parameter has the wrong type.", severity: Error, source: src("inferred: §2.2 types (String; Tags a list of {Key, Value})") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Conflict), code: "InvalidParameter", status: 400, message: "Give either Cert and Key, or SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey.", severity: Error, source: src("PROVIDERS.md §2.2: mixing the two modes, server behaviour unknown, 'the validator should reject it'") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Ignored), code: "ParameterIgnored", status: 200, message: "SignCert, SignPrivateKey, EncryptCert and EncryptPrivateKey are ignored when Cert and Key are given; they are not sent.", severity: Warning, source: src("PROVIDERS.md §2.2: the SM fields are 'ignored when Cert and Key are non-empty'") },
];
