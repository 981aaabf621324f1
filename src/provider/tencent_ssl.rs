//! Tencent Cloud SSL `UploadCertificate`, 2019-12-05 (PROVIDERS.md §3). Every answer is HTTP 200 with
//! `Response.Error` (§3.1).

use super::{
    CodeEntry, EcPolicy, Fields, KeyRequired, Language, Profile, RsaSizes, Rules, Text, When, both,
    lib, said, src, zh_only,
};
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
    // API 3.0 answers in the X-TC-Language asked for; the SDKs send zh-CN unless told otherwise
    // (languages.md §1.2).
    language: Language::ZhCn,
    // Texts with no English of Tencent's (languages.md §1.3).
    glosses: &[
        (
            CHAIN_ZH,
            "Note: the certificate chain check failed; check each certificate in the chain.",
        ),
        (
            UNKNOWN_ZH,
            "Unknown parameter: a parameter the API does not define was given.",
        ),
    ],
};

const S34: &str = "PROVIDERS.md §3.4 (Go SDK's UploadCertificate code list [S39])";

// The messages per language (docs/research/languages.md §1.3). TC-ZH: the ssl SDK's errorcodes.py
// (PyPI tencentcloud-sdk-python-ssl 3.1.145, = the Go SDK's errors.go); TC-EN: the international
// SDK's (PyPI tencentcloud-sdk-python-intl-en 3.1.193); SEED004: the intl UploadCertificate page's
// error table (../shared/reference/api-docs/004).
const TC_ZH: &str = "languages.md §1.3: TC-ZH (ssl SDK errorcodes.py)";
const TC_EN: &str = "languages.md §1.3: TC-EN (intl-en SDK errorcodes.py)";
const SEED_EN: &str = "languages.md §1.3: SEED004 (intl API page) and TC-EN";

/// FailedOperation.CertificateParseError.
const PARSE: [Text; 2] = [
    said(
        "解析失败，请检查证书是否符合标准，请留意是否有多余的空格",
        Observed,
        "languages.md §1.3: observed from ssl.UploadCertificate, Go SDK in zh-CN (certimate-go/certimate#376, 2024-12); the same as TC-ZH",
    ),
    said(
        "Parsing failed. check if the certificate meets the standard and pay attention to whether there are extra spaces.",
        Documented,
        TC_EN,
    ),
];
/// FailedOperation.CertificateChainError (TC-EN has no text for it).
const CHAIN_ZH: &str = "温馨提示：证书链检测异常，请核对每段证书是否存在异常";
/// UnknownParameter, as the gateway words it in zh-CN.
const UNKNOWN_ZH: &str = "未知参数错误，用户多传未定义的参数会导致错误";
/// FailedOperation.CertificateInvalid: the live text seen, not the registry's `证书不符合标准。`.
const INVALID: [Text; 2] = [
    said(
        "证书格式错误。",
        Observed,
        "languages.md §1.3: observed from ssl.UploadCertificate, tccli in zh-CN (TencentCloud/tencentcloud-cli#54, 2022-08); TC-ZH's registry text is 证书不符合标准。",
    ),
    said("The certificate is invalid.", Documented, SEED_EN),
];

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "RequestSizeLimitExceeded", status: 200, text: lib("The request size exceeds the limit."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: a common code (PROVIDERS.md §3.4); the size limits are unverified (EVIDENCE.md T18)") },
    CodeEntry { kind: CertificateMissing, when: None, code: "MissingParameter", status: 200, text: both(said("The request is missing a required parameter `CertificatePublicKey`.", Inferred, "inferred: the API 3.0 gateway's template, answered in English under zh-CN too (languages.md §1.3: tencentcloud-sdk-nodejs#99, tencentcloud-sdk-java#62), with this parameter's name")), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T15: common code; CertificatePublicKey is required in the SDK model") },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "FailedOperation.CertificateParseError", status: 200, text: PARSE, severity: Error, confidence: Observed, alternatives: &["FailedOperation.CertificateInvalid"], source: src("EVIDENCE.md T3: code and message seen from ssl.UploadCertificate (I-376, 2024-12)") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "FailedOperation.CertificateInvalid", status: 200, text: INVALID, severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: a certificate OpenSSL reads is accepted; a warning, since clients will not match the name") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::Der), code: "FailedOperation.CertificateInvalid", status: 200, text: INVALID, severity: Error, confidence: Observed, alternatives: &["FailedOperation.CertificateParseError"], source: src("EVIDENCE.md T4: seen for a truncated certificate with this message (I-CLI54, 2022-08); that predates CertificateParseError (2023-12), which may answer the same input today") },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "InvalidParameter.MissMatchPrivateKey", status: 200, text: [said("没有匹配的私钥。", Documented, TC_ZH), said("There is no matching private key.", Documented, SEED_EN)], severity: Error, confidence: Inferred, alternatives: &["FailedOperation.InvalidParam", "InvalidParameter.WithDetailReason"], source: src("inferred: the code exists (S34), nothing shows what a missing key gives (EVIDENCE.md T11)") },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "FailedOperation.CertificateParseError", status: 200, text: PARSE, severity: Error, confidence: Inferred, alternatives: &["InvalidParameter.MissMatchPrivateKey"], source: src("inferred: CertificateParseError = PEM/DER parse failure; no observation for keys (EVIDENCE.md T9)") },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "FailedOperation.CertificateParseError", status: 200, text: PARSE, severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: KeyPassword exists; the accepted formats and the code are unknown (EVIDENCE.md T10)") },
    CodeEntry { kind: CertificateMismatch, when: None, code: "FailedOperation.CertificateMatchError", status: 200, text: [said("温馨提示：证书内容和私钥不匹配，请您核对（请留意是否有多余的空格）", Documented, TC_ZH), said("Note: the certificate content and private key do not match. please check (pay attention to whether there are extra spaces).", Documented, TC_EN)], severity: Error, confidence: Documented, alternatives: &["FailedOperation.CertificateMismatch"], source: src("EVIDENCE.md T2: the post-2023-12 code (SDK v1.0.811, E-TCCLI), same batch as CertificateParseError and CertificateCaError, both seen live; the certificate-content APIs list it and not CertificateMismatch") },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "IllegalKeyLength", status: 200, text: lib("The RSA key is shorter than 2048 bits."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: Tencent key sizes unpublished (EVIDENCE.md T13)") },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "FailedOperation.CertificateInvalid", status: 200, text: INVALID, severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: Tencent takes ECC (EVIDENCE.md T12), so this line is never produced") },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "FailedOperation.CertificateInvalid", status: 200, text: INVALID, severity: Error, confidence: Inferred, alternatives: &["FailedOperation.CertificateParseError"], source: src("inferred: §3.3 RSA and ECC only; CertificateInvalid = does not meet the standard (SDK text)") },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "FailedOperation.CertificateEncryptInvalid", status: 200, text: [said("证书内容疑似国密证书，与所选证书标准不符，请您核对选择的证书标准和证书内容是否有误", Documented, TC_ZH), said("The certificate is suspected to be an SM2 certificate and does not comply with the selected certificate standard. Please check whether the selected certificate standard and the content of the certificate are correct.", Documented, SEED_EN)], severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T7: code and message in the SDK (E-TCCLI, E-TCERR); the detection heuristic is unpublished") },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 200, text: lib("The certificate has expired."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: expiry rules undocumented, no evidence either way") },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 200, text: lib("The certificate is not valid yet."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: validity rules undocumented, no evidence either way") },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "FailedOperation.CertificateChainError", status: 200, text: zh_only(said(CHAIN_ZH, Documented, "languages.md §1.3: TC-ZH; TC-EN has no text for this code")), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: the code exists (SDK v1.0.1169, 2025-05); what triggers it is unobserved, and a chain merely out of order might be accepted (EVIDENCE.md T8)") },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 200, text: lib("The chain does not reach a self-signed root; intermediates may be missing."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: a missing intermediate is accepted by the API") },
    CodeEntry { kind: ChainUntrusted, when: None, code: "ChainUntrusted", status: 200, text: lib("The chain ends at a self-signed certificate that is not a trusted root; clients will not trust it."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("library policy: the roots are the caller's (Mozilla's or Node's); Tencent SSL accepts self-signed uploads and documents no trust check") },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "FailedOperation.CertificateCaError", status: 200, text: [said("温馨提示：上传的证书内容不符合CA证书的标准格式，请您核对证书类型是否有误", Observed, "languages.md §1.3: observed from ssl.UploadCertificate, Python SDK in zh-CN (zfb132/qcloud-ssl-cdn#8, 2024-03); the same as TC-ZH"), said("Note: the uploaded certificate content does not conform to the standard format of ca certificates. please check whether the certificate type is incorrect.", Documented, TC_EN)], severity: Error, confidence: Observed, alternatives: &["InvalidParameter.WithCaAttr"], source: src("EVIDENCE.md T5: seen for CertificateType CA with a leaf (I-QC8, 2024-03); before 2023-12 the same mistake gave InvalidParameter.WithCaAttr (I-QC7)") },
    CodeEntry { kind: CertificateTypeMismatch, when: Some(When::SvrTypeIsCa), code: "CertificateTypeMismatch", status: 200, text: lib("A CA certificate is uploaded as a server certificate (CertificateType SVR)."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: self-signed server certificates often carry cA=TRUE and upload fine (EVIDENCE.md T6)") },
    CodeEntry { kind: PemNotCanonical, when: None, code: "FailedOperation.CertificateParseError", status: 200, text: PARSE, severity: Warning, confidence: Documented, alternatives: &["FailedOperation.CertificateMatchError"], source: src("EVIDENCE.md T14: the SDK's own messages warn about stray spaces; the normalized form is sent instead") },
    CodeEntry { kind: ParameterInvalid, when: None, code: "FailedOperation.InvalidParam", status: 200, text: [said("参数有误。", Documented, TC_ZH), said("Incorrect parameters.", Documented, SEED_EN)], severity: Error, confidence: Documented, alternatives: &["InvalidParameter.WithDetailReason"], source: src(S34) },
    CodeEntry { kind: ParameterMissing, when: None, code: "MissingParameter", status: 200, text: lib("A required parameter is missing."), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T15: common codes") },
    // buildRequest parameter rules (src/request/tencent_ssl.rs).
    CodeEntry { kind: ParameterInvalid, when: Some(When::UnknownParameter), code: "UnknownParameter", status: 200, text: [said(UNKNOWN_ZH, Inferred, "inferred: the API 3.0 gateway's text, observed from another product (tdmq, Go SDK in zh-CN: tencentcloud-sdk-go#183, 2022-03; languages.md §1.3)"), said(UNKNOWN_ZH, Inferred, "inferred: the en-US text names the parameter (The parameter `<Name>` is not recognized., languages.md §1.3), which a fixed line cannot; the zh-CN text")], severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T15: common code UnknownParameter (extra undefined parameter)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Type), code: "InvalidParameter", status: 200, text: lib("Parameter error (wrong format or type)."), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md T15: common code InvalidParameter for type errors (e.g. ProjectId not an integer)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagKey), code: "InvalidParameter.WithDetailReason", status: 200, text: lib("The parameter is incorrect: a tag key is 1-127 characters (letters, digits, spaces and + - = . _ : / @ ( ) [ ] , ; > < 【】：), no leading or trailing space, not starting with qcs:, project or 项目."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §3.2 tag rules [S28]; the API's parameter error with a reason, no observation for tags (EVIDENCE.md T16)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagValue), code: "InvalidParameter.WithDetailReason", status: 200, text: lib("The parameter is incorrect: a tag value is 1-255 characters (letters, digits, spaces and + - = . _ : / @ ( ) [ ] , ; > < 【】：), no leading or trailing space."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §3.2 tag rules [S28]; code as for TagKey (EVIDENCE.md T16)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagCount), code: "InvalidParameter.WithDetailReason", status: 200, text: lib("The parameter is incorrect: at most 50 tags per resource."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §3.2 at most 50 tags per resource [S28]; code as for TagKey (EVIDENCE.md T16)") },
    CodeEntry { kind: ParameterMissing, when: Some(When::TagKeyMissing), code: "MissingParameter", status: 200, text: lib("A tag is missing its TagKey."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §3.2 (TagKey 1-127 characters) and the common code MissingParameter") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Region), code: "UnsupportedRegion", status: 200, text: lib("The API does not support the given region."), severity: Error, confidence: Inferred, alternatives: &[], source: src("library policy: X-TC-Region is optional and ignored by this API (EVIDENCE.md T17), but a value that is not a region id (lowercase letters, digits, '-') cannot go into a signed header; common code UnsupportedRegion") },
    CodeEntry { kind: PfxFormatInvalid, when: None, code: "PfxFormatInvalid", status: 200, text: lib("The PFX / PKCS#12 file is not valid, or uses a structure or cipher that is not supported."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: UploadCertificate takes PEM only (PROVIDERS.md §3.1); the container is read here and the PEM pair sent; library identifier") },
    CodeEntry { kind: PfxPasswordIncorrect, when: None, code: "PfxPasswordIncorrect", status: 200, text: lib("The password does not open the PFX / PKCS#12 file."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: UploadCertificate takes PEM only (PROVIDERS.md §3.1); the container is read here and the PEM pair sent; library identifier") },
    CodeEntry { kind: PfxContentUnused, when: None, code: "PfxContentUnused", status: 200, text: lib("The PFX / PKCS#12 file holds certificates or keys that belong to no path from the server certificate; they were left out."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: UploadCertificate takes PEM only (PROVIDERS.md §3.1); the container is read here and the PEM pair sent; library identifier") },
];
