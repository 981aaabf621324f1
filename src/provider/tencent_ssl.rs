//! Tencent Cloud SSL `UploadCertificate`, 2019-12-05 (PROVIDERS.md §3). Every answer is HTTP 200 with
//! `Response.Error` (§3.1).

use super::{CodeEntry, EcPolicy, Fields, KeyRequired, Profile, RsaSizes, Rules, When, src};
use crate::finding::{Kind::*, Severity::*};

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

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "RequestSizeLimitExceeded", status: 200, message: "The request size exceeds the limit.", severity: Error, source: src("PROVIDERS.md §3.4 common codes (limit itself unverified, §7.13)") },
    CodeEntry { kind: CertificateMissing, when: None, code: "MissingParameter", status: 200, message: "The parameter CertificatePublicKey is missing.", severity: Error, source: src("PROVIDERS.md §3.4 common codes: MissingParameter (no CertificatePublicKey)") },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "FailedOperation.CertificateParseError", status: 200, message: "解析失败，请检查证书是否符合标准，请留意是否有多余的空格 (Parse failed; check the certificate meets the standard and watch for extra spaces.)", severity: Error, source: src(S34) },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "FailedOperation.CertificateInvalid", status: 200, message: "The certificate is invalid.", severity: Warning, source: src("inferred: a certificate OpenSSL reads is accepted; a warning, since clients will not match the name") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::Der), code: "FailedOperation.CertificateInvalid", status: 200, message: "The certificate is invalid.", severity: Error, source: src(S34) },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "InvalidParameter.MissMatchPrivateKey", status: 200, message: "There is no matching private key.", severity: Error, source: src("PROVIDERS.md §3.4: MissMatchPrivateKey 'mismatch or missing key for SVR' (inferred choice)") },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "FailedOperation.CertificateParseError", status: 200, message: "解析失败，请检查证书是否符合标准，请留意是否有多余的空格 (Parse failed; check the certificate meets the standard and watch for extra spaces.)", severity: Error, source: src("inferred: §3.4 CertificateParseError = PEM/DER parse failure") },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "FailedOperation.CertificateParseError", status: 200, message: "解析失败，请检查证书是否符合标准，请留意是否有多余的空格 (Parse failed; give KeyPassword for an encrypted key.)", severity: Error, source: src("inferred: §3.3 encrypted keys need KeyPassword; formats unknown (§7.9)") },
    CodeEntry { kind: CertificateMismatch, when: None, code: "FailedOperation.CertificateMismatch", status: 200, message: "The certificate and the private key do not match.", severity: Error, source: src("SPEC.md; PROVIDERS.md §3.4") },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "IllegalKeyLength", status: 200, message: "The RSA key is shorter than 2048 bits.", severity: Warning, source: src("inferred: Tencent key sizes unpublished (§3.3)") },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "FailedOperation.CertificateInvalid", status: 200, message: "The certificate is invalid.", severity: Error, source: src("PROVIDERS.md §3.3: Tencent takes ECC (never produced)") },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "FailedOperation.CertificateInvalid", status: 200, message: "The certificate is invalid.", severity: Error, source: src("inferred: §3.3 RSA and ECC only; CertificateInvalid = does not meet the standard") },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "FailedOperation.CertificateEncryptInvalid", status: 200, message: "The certificate is suspected to be an SM2 certificate and does not comply with the selected certificate standard. Please check whether the selected certificate standard and the content of the certificate are correct.", severity: Error, source: src("SPEC.md; PROVIDERS.md §3.3/§4 (SM2 detection heuristic inferred)") },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 200, message: "The certificate has expired.", severity: Warning, source: src("inferred: expiry rules undocumented (§3.3)") },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 200, message: "The certificate is not valid yet.", severity: Warning, source: src("inferred: validity rules undocumented (§3.3)") },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "FailedOperation.CertificateChainError", status: 200, message: "温馨提示：证书链检测异常，请核对每段证书是否存在异常 (Certificate-chain check failed; check each certificate in the chain.)", severity: Error, source: src("PROVIDERS.md §3.4: CertificateChainError = chain order/issuer linkage (refusal inferred)") },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 200, message: "The chain does not reach a self-signed root; intermediates may be missing.", severity: Warning, source: src("inferred: a missing intermediate is accepted by the API") },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "FailedOperation.CertificateCaError", status: 200, message: "温馨提示：上传的证书内容不符合CA证书的标准格式，请您核对证书类型是否有误 (The content is not a CA certificate; check CertificateType.)", severity: Error, source: src("PROVIDERS.md §3.3: CA type with a leaf gives CertificateCaError [S36]") },
    CodeEntry { kind: CertificateTypeMismatch, when: Some(When::SvrTypeIsCa), code: "CertificateTypeMismatch", status: 200, message: "A CA certificate is uploaded as a server certificate (CertificateType SVR).", severity: Warning, source: src("inferred: self-signed server certificates often carry cA=TRUE and upload fine") },
    CodeEntry { kind: PemNotCanonical, when: None, code: "FailedOperation.CertificateParseError", status: 200, message: "解析失败，请检查证书是否符合标准，请留意是否有多余的空格 (Parse failed; watch for extra spaces.)", severity: Warning, source: src("PROVIDERS.md §3.3: 64-char lines, no blank lines, no leading/trailing newline [S29][S38] (normalized form is sent instead)") },
    CodeEntry { kind: ParameterInvalid, when: None, code: "FailedOperation.InvalidParam", status: 200, message: "Incorrect parameters.", severity: Error, source: src(S34) },
    CodeEntry { kind: ParameterMissing, when: None, code: "MissingParameter", status: 200, message: "A required parameter is missing.", severity: Error, source: src("PROVIDERS.md §3.4 common codes") },
    // buildRequest parameter rules (src/request/tencent_ssl.rs).
    CodeEntry { kind: ParameterInvalid, when: Some(When::UnknownParameter), code: "UnknownParameter", status: 200, message: "An undefined parameter was given.", severity: Error, source: src("PROVIDERS.md §3.4 common codes: UnknownParameter (extra undefined parameter)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Type), code: "InvalidParameter", status: 200, message: "Parameter error (wrong format or type).", severity: Error, source: src("PROVIDERS.md §3.4 common codes: InvalidParameter for type errors (e.g. ProjectId not an integer)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagKey), code: "InvalidParameter.WithDetailReason", status: 200, message: "The parameter is incorrect: a tag key is 1-127 characters (letters, digits, spaces and + - = . _ : / @ ( ) [ ] , ; > < 【】：), no leading or trailing space, not starting with qcs:, project or 项目.", severity: Error, source: src("PROVIDERS.md §3.2 tag rules [S28]; code inferred: the API's parameter error with a reason (§3.4)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagValue), code: "InvalidParameter.WithDetailReason", status: 200, message: "The parameter is incorrect: a tag value is 1-255 characters (letters, digits, spaces and + - = . _ : / @ ( ) [ ] , ; > < 【】：), no leading or trailing space.", severity: Error, source: src("PROVIDERS.md §3.2 tag rules [S28]; code inferred as for TagKey") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagCount), code: "InvalidParameter.WithDetailReason", status: 200, message: "The parameter is incorrect: at most 50 tags per resource.", severity: Error, source: src("PROVIDERS.md §3.2: at most 50 tags per resource [S28]; code inferred as for TagKey") },
    CodeEntry { kind: ParameterMissing, when: Some(When::TagKeyMissing), code: "MissingParameter", status: 200, message: "A tag is missing its TagKey.", severity: Error, source: src("PROVIDERS.md §3.2 (TagKey 1-127 characters) and §3.4 common codes: MissingParameter") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Region), code: "UnsupportedRegion", status: 200, message: "The API does not support the given region.", severity: Error, source: src("inferred: §3.1 X-TC-Region is optional; a value that is not a region id (lowercase letters, digits, '-') cannot be one; §3.4 common code UnsupportedRegion") },
];
