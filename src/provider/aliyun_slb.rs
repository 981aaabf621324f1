//! Alibaba Cloud CLB (SLB) `UploadServerCertificate`, 2014-05-15 (PROVIDERS.md §1).

use super::{CodeEntry, EcPolicy, Fields, KeyRequired, Profile, RsaSizes, Rules, When, src};
use crate::finding::{Kind::*, Severity::*};

/// The aliyun-slb profile.
pub(super) const PROFILE: Profile = Profile {
    id: "aliyun-slb",
    fields: Fields {
        certificate: "ServerCertificate",
        private_key: "PrivateKey",
    },
    rules: Rules {
        // §1.2: ServerCertificate and PrivateKey are required unless AliCloudCertificateId is used.
        key_required: KeyRequired::Always,
        // §1.3: "RSA key sizes 1024, 2048, 4096" (confirmed list; refusing others is inferred, §7.1).
        rsa_sizes: RsaSizes::Only(&[1024, 2048, 4096]),
        // §1.3: "CLB supports RSA certificates only"; historically EC in a few regions (caller's eccRegions).
        ec: EcPolicy::OnlyInEccRegions,
        // §1.3: SM2, Ed25519, DSA not listed anywhere (inferred unsupported).
        also_accepted: &[],
        sm2_in_main_fields: false,
        // §1.3: "CLB requires unencrypted PKCS#1 format private keys".
        rsa_key_pkcs1: true,
        // §1.3: 64 characters per line, no blank lines, no spaces.
        canonical_pem: true,
        takes_key_password: false,
        sm2_dual_fields: false,
    },
    codes: CODES,
};

const GATEWAY: &str = "PROVIDERS.md §1.4 (POP gateway MissingParameter)";
const INVALID_PARAMETER: &str = "The specified ServerCertificate and PrivateKey fail to validate.";
const ILLEGAL_CERT: &str = "The specified server certificate is illegal.";

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "IllegalParam.ServerCertificate", status: 400, message: ILLEGAL_CERT, severity: Error, source: src("inferred: no documented size limit; an oversized bundle cannot be a valid certificate (§7.8)") },
    CodeEntry { kind: CertificateMissing, when: None, code: "MissingParameter", status: 400, message: "The input parameter \"ServerCertificate\" that is mandatory for processing this request is not supplied.", severity: Error, source: src(GATEWAY) },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "CertificateFormatInvalid", status: 400, message: "The certificate format is invalid.", severity: Error, source: src("PROVIDERS.md §1.4: CertificateFormatInvalid = PEM syntax (markers, base64, lines)") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "IllegalParam.ServerCertificate", status: 400, message: ILLEGAL_CERT, severity: Warning, source: src("inferred: a certificate OpenSSL reads is accepted; a warning, since clients will not match the name") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::Der), code: "IllegalParam.ServerCertificate", status: 400, message: ILLEGAL_CERT, severity: Error, source: src("PROVIDERS.md §1.4: IllegalParam.ServerCertificate = DER fails to parse / non-certificate blocks") },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "MissingParameter", status: 400, message: "The input parameter \"PrivateKey\" that is mandatory for processing this request is not supplied.", severity: Error, source: src(GATEWAY) },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "InvalidParameter", status: 400, message: INVALID_PARAMETER, severity: Error, source: src("PROVIDERS.md §1.4: InvalidParameter = key not parsable") },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "InvalidParameter", status: 400, message: INVALID_PARAMETER, severity: Error, source: src("PROVIDERS.md §1.4: InvalidParameter = key not parsable (incl. encrypted); §1.3 requires unencrypted keys") },
    CodeEntry { kind: CertificateMismatch, when: None, code: "InvalidParameter", status: 400, message: INVALID_PARAMETER, severity: Error, source: src("SPEC.md; PROVIDERS.md §1.4") },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "OperationDenied.IllegalKeyLength", status: 400, message: "The operation is not allowed because the key length of certificate is illegal.", severity: Error, source: src("PROVIDERS.md §1.4 (code confirmed; trigger = RSA bits not in {1024, 2048, 4096} inferred, §7.1)") },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "EccCertificateNotSupport", status: 400, message: "The ECC certificate is not support.", severity: Error, source: src("PROVIDERS.md §1.4 (code confirmed; region allow-list inferred, §1.3)") },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "IllegalParam.ServerCertificate", status: 400, message: ILLEGAL_CERT, severity: Error, source: src("inferred: §1.3 lists RSA only; code 'most plausibly IllegalParam.ServerCertificate'") },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "IllegalParam.ServerCertificate", status: 400, message: ILLEGAL_CERT, severity: Error, source: src("inferred: §1.3 SM2 not listed; code 'most plausibly IllegalParam.ServerCertificate'") },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 200, message: "The certificate has expired; CLB accepts it but clients will refuse it.", severity: Warning, source: src("inferred: expiry rules undocumented (§1.3, §7.8)") },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 200, message: "The certificate is not valid yet.", severity: Warning, source: src("inferred: validity rules undocumented (§1.3, §7.8)") },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "ChainOrderInvalid", status: 200, message: "The chain must be the server certificate first, then each intermediate; a certificate here is not the issuer of the one before it.", severity: Warning, source: src("PROVIDERS.md §1.3 (order rule confirmed; server-side refusal not documented)") },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 200, message: "The chain does not reach a self-signed root; add the intermediate certificates after the server certificate.", severity: Warning, source: src("PROVIDERS.md §1.3 (root optional, intermediates expected)") },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "CertificateTypeMismatch", status: 200, message: "CLB server certificates are uploaded without a type; CA certificates go to UploadCACertificate.", severity: Warning, source: src("inferred: UploadServerCertificate has no certificate-type parameter") },
    CodeEntry { kind: PemNotCanonical, when: None, code: "CertificateFormatInvalid", status: 400, message: "The certificate format is invalid.", severity: Warning, source: src("PROVIDERS.md §1.3: 64-char lines, no blank lines, PKCS#1 key, no DH PARAMETERS (normalized form is sent instead)") },
    CodeEntry { kind: PemNotCanonical, when: Some(When::KeyConverted), code: "InvalidParameter", status: 400, message: INVALID_PARAMETER, severity: Warning, source: src("PROVIDERS.md §1.3: 'CLB requires unencrypted PKCS#1 format private keys' (whether the API refuses PKCS#8 is unknown, §7.3; the PKCS#1 form is sent instead)") },
    CodeEntry { kind: ParameterInvalid, when: None, code: "InvalidParameter", status: 400, message: "The specified parameter is invalid.", severity: Error, source: src("inferred: POP gateway wording for invalid parameters") },
    CodeEntry { kind: ParameterMissing, when: None, code: "MissingParameter", status: 400, message: "The input parameter that is mandatory for processing this request is not supplied.", severity: Error, source: src(GATEWAY) },
    // buildRequest parameter rules (src/request/aliyun_slb.rs).
    CodeEntry { kind: ParameterMissing, when: Some(When::Region), code: "MissingRegionId", status: 400, message: "RegionId is mandatory for this action.", severity: Error, source: src("PROVIDERS.md §1.4: MissingRegionId (RegionId empty)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Region), code: "ServerCertificate.NotSupport", status: 400, message: "The specified Region Not support ServerCertificate.", severity: Error, source: src("PROVIDERS.md §1.4 (checkable 'only with a maintained region list'); the list is §1.2 (API metadata, Dec 2025 [S23])") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Name), code: "InvalidParameter", status: 400, message: "The specified ServerCertificateName is invalid: 1-80 characters, starting with a letter, letters, digits, '.', '_' and '-' only.", severity: Error, source: src("inferred: PROVIDERS.md §1.2/§7.7 strict intersection of the EN and zh rules (1-80, ASCII letter first, [A-Za-z0-9._-]); code undocumented, POP InvalidParameter") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagKey), code: "InvalidParam.TagKey", status: 400, message: "The tag key is invalid: not empty, at most 64 characters, no http:// or https://, not starting with aliyun or acs:.", severity: Error, source: src("PROVIDERS.md §1.2/§1.4: InvalidParam.TagKey (prefixes and http(s):// matched ASCII case-insensitively: inferred, strict)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagValue), code: "InvalidParam.TagValue", status: 400, message: "The tag value is invalid: at most 128 characters, no http:// or https://, not starting with aliyun or acs:.", severity: Error, source: src("PROVIDERS.md §1.2/§1.4: InvalidParam.TagValue (case-insensitive match inferred, strict)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagCount), code: "SizeLimitExceeded.Tag", status: 400, message: "At most 20 tags can be given.", severity: Error, source: src("PROVIDERS.md §1.2/§1.4: Tag.N with N = 1-20 (metadata maxItems 20)") },
    CodeEntry { kind: ParameterMissing, when: Some(When::TagKeyMissing), code: "MissingParam.TagKey", status: 400, message: "The param MissingParam.TagKey is missing.", severity: Error, source: src("PROVIDERS.md §1.4: Tag.N.Value given without Tag.N.Key") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::UnknownParameter), code: "InvalidParameter", status: 400, message: "The parameter is not a parameter of UploadServerCertificate.", severity: Error, source: src("inferred: not in the SDK request model (§1.2 [S21]); refused so a misspelt parameter (e.g. Tags for Tag) is not dropped silently") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Type), code: "InvalidParameter", status: 400, message: "The parameter has the wrong type.", severity: Error, source: src("inferred: §1.2 types (String; OwnerId/ResourceOwnerId Long; Tag a list of {Key, Value}); POP InvalidParameter") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Conflict), code: "InvalidParameter", status: 400, message: "AliCloudCertificateId cannot be combined with ServerCertificate or PrivateKey.", severity: Error, source: src("inferred: §1.2 ServerCertificate/PrivateKey are for uploads without AliCloudCertificateId; both at once is ambiguous") },
];
