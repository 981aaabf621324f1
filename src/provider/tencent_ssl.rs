//! Tencent Cloud SSL `UploadCertificate`, 2019-12-05 (PROVIDERS.md §3). Every answer is HTTP 200 with
//! `Response.Error` (§3.1).

use super::{CodeEntry, EcPolicy, Fields, KeyRequired, Profile, RsaSizes, Rules, When, src};
use crate::finding::{Confidence::*, Kind::*, Severity::*};

/// The tencent-ssl profile.
pub(super) const PROFILE: Profile = Profile {
    id: "tencent-ssl",
    fields: Fields {
        certificate: "CertificatePublicKey",
        private_key: "CertificatePrivateKey",
    },
    rules: Rules {
        // §3.2: CertificatePrivateKey required for SVR, optional for CA.
        key_required: KeyRequired::UnlessCaType,
        // §3.3: sizes unpublished; warn below 2048 (inferred).
        rsa_sizes: RsaSizes::AtLeast(2048),
        // §3.3: RSA and ECC.
        ec: EcPolicy::Accepted,
        also_accepted: &[],
        // §3.3: SM2 content is rejected with CertificateEncryptInvalid (inferred).
        sm2_in_main_fields: false,
        rsa_key_pkcs1: false,
        // §3.3: 64-char lines, no blank lines; Terraform refuses leading/trailing newlines.
        canonical_pem: true,
        // §3.2: KeyPassword.
        takes_key_password: true,
        sm2_dual_fields: false,
    },
    codes: CODES,
};

const S34: &str = "PROVIDERS.md §3.4 (Go SDK's UploadCertificate code list [S39])";
const PARSE: &str = "解析失败，请检查证书是否符合标准，请留意是否有多余的空格 (Parse failed; check the certificate meets the standard and watch for extra spaces.)";
const FORMAT: &str = "证书格式错误。 (The certificate format is wrong.)";

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "RequestSizeLimitExceeded", status: 200, message: "The request size exceeds the limit.", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: a common code (PROVIDERS.md §3.4); the size limits are unverified (EVIDENCE.md T18)") },
    CodeEntry { kind: CertificateMissing, when: None, code: "MissingParameter", status: 200, message: "The parameter CertificatePublicKey is missing.", severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T15: common code; CertificatePublicKey is required in the SDK model") },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "FailedOperation.CertificateParseError", status: 200, message: PARSE, severity: Error, confidence: Observed, alternatives: &["FailedOperation.CertificateInvalid"], source: src("EVIDENCE.md T3: code and message seen from ssl.UploadCertificate (I-376, 2024-12)") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "FailedOperation.CertificateInvalid", status: 200, message: FORMAT, severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: a certificate OpenSSL reads is accepted; a warning, since clients will not match the name") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::Der), code: "FailedOperation.CertificateInvalid", status: 200, message: FORMAT, severity: Error, confidence: Observed, alternatives: &["FailedOperation.CertificateParseError"], source: src("EVIDENCE.md T4: seen for a truncated certificate with this message (I-CLI54, 2022-08); that predates CertificateParseError (2023-12), which may answer the same input today") },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "InvalidParameter.MissMatchPrivateKey", status: 200, message: "没有匹配的私钥。 (There is no matching private key.)", severity: Error, confidence: Inferred, alternatives: &["FailedOperation.InvalidParam", "InvalidParameter.WithDetailReason"], source: src("inferred: the code exists (S34), nothing shows what a missing key gives (EVIDENCE.md T11)") },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "FailedOperation.CertificateParseError", status: 200, message: PARSE, severity: Error, confidence: Inferred, alternatives: &["InvalidParameter.MissMatchPrivateKey"], source: src("inferred: CertificateParseError = PEM/DER parse failure; no observation for keys (EVIDENCE.md T9)") },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "FailedOperation.CertificateParseError", status: 200, message: "解析失败，请检查证书是否符合标准，请留意是否有多余的空格 (Parse failed; give KeyPassword for an encrypted key.)", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: KeyPassword exists; the accepted formats and the code are unknown (EVIDENCE.md T10)") },
    CodeEntry { kind: CertificateMismatch, when: None, code: "FailedOperation.CertificateMatchError", status: 200, message: "温馨提示：证书内容和私钥不匹配，请您核对（请留意是否有多余的空格） (The certificate and the private key do not match; watch for extra spaces.)", severity: Error, confidence: Documented, alternatives: &["FailedOperation.CertificateMismatch"], source: src("EVIDENCE.md T2: the post-2023-12 code (SDK v1.0.811, E-TCCLI), same batch as CertificateParseError and CertificateCaError, both seen live; the certificate-content APIs list it and not CertificateMismatch") },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "IllegalKeyLength", status: 200, message: "The RSA key is shorter than 2048 bits.", severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: Tencent key sizes unpublished (EVIDENCE.md T13)") },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "FailedOperation.CertificateInvalid", status: 200, message: "证书不符合标准。 (The certificate does not meet the standard.)", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: Tencent takes ECC (EVIDENCE.md T12), so this line is never produced") },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "FailedOperation.CertificateInvalid", status: 200, message: "证书不符合标准。 (The certificate does not meet the standard.)", severity: Error, confidence: Inferred, alternatives: &["FailedOperation.CertificateParseError"], source: src("inferred: §3.3 RSA and ECC only; CertificateInvalid = does not meet the standard (SDK text)") },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "FailedOperation.CertificateEncryptInvalid", status: 200, message: "证书内容疑似国密证书，与所选证书标准不符，请您核对选择的证书标准和证书内容是否有误 (The content looks like an SM2 certificate, which does not fit the selected standard.)", severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T7: code and message in the SDK (E-TCCLI, E-TCERR); the detection heuristic is unpublished") },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 200, message: "The certificate has expired.", severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: expiry rules undocumented, no evidence either way") },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 200, message: "The certificate is not valid yet.", severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: validity rules undocumented, no evidence either way") },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "FailedOperation.CertificateChainError", status: 200, message: "温馨提示：证书链检测异常，请核对每段证书是否存在异常 (Certificate-chain check failed; check each certificate in the chain.)", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: the code exists (SDK v1.0.1169, 2025-05); what triggers it is unobserved, and a chain merely out of order might be accepted (EVIDENCE.md T8)") },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 200, message: "The chain does not reach a self-signed root; intermediates may be missing.", severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: a missing intermediate is accepted by the API") },
    CodeEntry { kind: ChainUntrusted, when: None, code: "ChainUntrusted", status: 200, message: "The chain ends at a self-signed certificate that is not a trusted root; clients will not trust it.", severity: Warning, confidence: Inferred, alternatives: &[], source: src("library policy: the roots are the caller's (Mozilla's or Node's); Tencent SSL accepts self-signed uploads and documents no trust check") },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "FailedOperation.CertificateCaError", status: 200, message: "温馨提示：上传的证书内容不符合CA证书的标准格式，请您核对证书类型是否有误 (The content is not a CA certificate; check CertificateType.)", severity: Error, confidence: Observed, alternatives: &["InvalidParameter.WithCaAttr"], source: src("EVIDENCE.md T5: seen for CertificateType CA with a leaf (I-QC8, 2024-03); before 2023-12 the same mistake gave InvalidParameter.WithCaAttr (I-QC7)") },
    CodeEntry { kind: CertificateTypeMismatch, when: Some(When::SvrTypeIsCa), code: "CertificateTypeMismatch", status: 200, message: "A CA certificate is uploaded as a server certificate (CertificateType SVR).", severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: self-signed server certificates often carry cA=TRUE and upload fine (EVIDENCE.md T6)") },
    CodeEntry { kind: PemNotCanonical, when: None, code: "FailedOperation.CertificateParseError", status: 200, message: "解析失败，请检查证书是否符合标准，请留意是否有多余的空格 (Parse failed; watch for extra spaces.)", severity: Warning, confidence: Documented, alternatives: &["FailedOperation.CertificateMatchError"], source: src("EVIDENCE.md T14: the SDK's own messages warn about stray spaces; the normalized form is sent instead") },
    CodeEntry { kind: ParameterInvalid, when: None, code: "FailedOperation.InvalidParam", status: 200, message: "参数有误。 (Incorrect parameters.)", severity: Error, confidence: Documented, alternatives: &["InvalidParameter.WithDetailReason"], source: src(S34) },
    CodeEntry { kind: ParameterMissing, when: None, code: "MissingParameter", status: 200, message: "A required parameter is missing.", severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T15: common codes") },
    // buildRequest parameter rules (src/request/tencent_ssl.rs).
    CodeEntry { kind: ParameterInvalid, when: Some(When::UnknownParameter), code: "UnknownParameter", status: 200, message: "An undefined parameter was given.", severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T15: common code UnknownParameter (extra undefined parameter)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Type), code: "InvalidParameter", status: 200, message: "Parameter error (wrong format or type).", severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T15: common code InvalidParameter for type errors (e.g. ProjectId not an integer)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagKey), code: "InvalidParameter.WithDetailReason", status: 200, message: "The parameter is incorrect: a tag key is 1-127 characters (letters, digits, spaces and + - = . _ : / @ ( ) [ ] , ; > < 【】：), no leading or trailing space, not starting with qcs:, project or 项目.", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §3.2 tag rules [S28]; the API's parameter error with a reason, no observation for tags (EVIDENCE.md T16)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagValue), code: "InvalidParameter.WithDetailReason", status: 200, message: "The parameter is incorrect: a tag value is 1-255 characters (letters, digits, spaces and + - = . _ : / @ ( ) [ ] , ; > < 【】：), no leading or trailing space.", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §3.2 tag rules [S28]; code as for TagKey (EVIDENCE.md T16)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagCount), code: "InvalidParameter.WithDetailReason", status: 200, message: "The parameter is incorrect: at most 50 tags per resource.", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §3.2 at most 50 tags per resource [S28]; code as for TagKey (EVIDENCE.md T16)") },
    CodeEntry { kind: ParameterMissing, when: Some(When::TagKeyMissing), code: "MissingParameter", status: 200, message: "A tag is missing its TagKey.", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §3.2 (TagKey 1-127 characters) and the common code MissingParameter") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Region), code: "UnsupportedRegion", status: 200, message: "The API does not support the given region.", severity: Error, confidence: Inferred, alternatives: &[], source: src("library policy: X-TC-Region is optional and ignored by this API (EVIDENCE.md T17), but a value that is not a region id (lowercase letters, digits, '-') cannot go into a signed header; common code UnsupportedRegion") },
    CodeEntry { kind: PfxFormatInvalid, when: None, code: "PfxFormatInvalid", status: 200, message: "The PFX / PKCS#12 file is not valid, or uses a structure or cipher that is not supported.", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: UploadCertificate takes PEM only (PROVIDERS.md §3.1); the container is read here and the PEM pair sent; library identifier") },
    CodeEntry { kind: PfxPasswordIncorrect, when: None, code: "PfxPasswordIncorrect", status: 200, message: "The password does not open the PFX / PKCS#12 file.", severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: UploadCertificate takes PEM only (PROVIDERS.md §3.1); the container is read here and the PEM pair sent; library identifier") },
    CodeEntry { kind: PfxContentUnused, when: None, code: "PfxContentUnused", status: 200, message: "The PFX / PKCS#12 file holds certificates or keys that belong to no path from the server certificate; they were left out.", severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: UploadCertificate takes PEM only (PROVIDERS.md §3.1); the container is read here and the PEM pair sent; library identifier") },
];
