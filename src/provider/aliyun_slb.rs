//! Alibaba Cloud CLB (SLB) `UploadServerCertificate`, 2014-05-15 (PROVIDERS.md §1).

use super::{
    CodeEntry, EcPolicy, Fields, KeyRequired, Language, Profile, RsaSizes, Rules, Text, When, both,
    lib, said, src,
};
use crate::finding::{Confidence::*, Kind::*, Severity::*};

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
        // §1.3: "CLB supports RSA certificates only" (EVIDENCE.md S9). Until 2021 twelve regions took EC
        // certificates: eu-west-1, cn-qingdao, cn-huhehaote, cn-chengdu, ap-northeast-1, ap-south-1,
        // ap-southeast-2, ap-southeast-3, us-west-1, us-east-1, eu-central-1, me-east-1 (E-CLBEC,
        // 2019-09 / 2021-01). Callers whose account still has EC there pass them in `eccRegions`;
        // the default is none.
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
    // No language parameter; the messages exist in English only (languages.md §2.2).
    language: Language::EnUs,
    glosses: &[],
};

// The messages per language (docs/research/languages.md §2): CLB answers in English whatever the
// caller's language (no language parameter; the zh docs and metadata give the same English
// messages), so both languages carry the same text with the same evidence.
const META: &str =
    "languages.md §2.3: E-META (the API's errorCodes in the zh API metadata; English message)";
const CLBERR: &str = "languages.md §2.3: CLBERR-ZH and CLBERR-EN (the CLB error table; its message column is English in both editions)";
const EMPTY: [Text; 2] = both(said(
    "The specified parameter ServerCertificate or Key is empty.",
    Documented,
    CLBERR,
));
const INVALID_PARAMETER: [Text; 2] = both(said(
    "The specified ServerCertificate and PrivateKey fail to validate.",
    Documented,
    META,
));
const ILLEGAL_CERT: [Text; 2] = both(said(
    "The specified server certificate is illegal.",
    Documented,
    META,
));
const FORMAT: [Text; 2] = both(said("The certificate format is invalid.", Documented, META));

#[rustfmt::skip]
const CODES: &[CodeEntry] = &[
    CodeEntry { kind: InputTooLarge, when: None, code: "IllegalParam.ServerCertificate", status: 400, text: ILLEGAL_CERT, severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: no documented size limit; the PEM travels in the query string, so a gateway or URL-length failure is as likely (EVIDENCE.md S11)") },
    CodeEntry { kind: CertificateMissing, when: None, code: "InvalidParameter", status: 400, text: EMPTY, severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S1: both parameters are optional in the API metadata (E-META), so no gateway MissingParameter; the CLB error table has this row (E-CLBERR)") },
    CodeEntry { kind: CertificateFormatInvalid, when: None, code: "CertificateFormatInvalid", status: 400, text: FORMAT, severity: Error, confidence: Documented, alternatives: &["IllegalParam.ServerCertificate", "InvalidParameter", "KeyFormatError"], source: src("EVIDENCE.md S5: in the API's errorCodes (E-META); which input gives which of the four codes is undocumented") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::NonAsciiName), code: "IllegalParam.ServerCertificate", status: 400, text: ILLEGAL_CERT, severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: a certificate OpenSSL reads is accepted; a warning, since clients will not match the name") },
    CodeEntry { kind: CertificateFormatInvalid, when: Some(When::Der), code: "IllegalParam.ServerCertificate", status: 400, text: ILLEGAL_CERT, severity: Error, confidence: Documented, alternatives: &["CertificateFormatInvalid", "InvalidParameter", "KeyFormatError"], source: src("EVIDENCE.md S5: in the API's errorCodes (E-META); which input gives which of the four codes is undocumented") },
    CodeEntry { kind: PrivateKeyMissing, when: None, code: "InvalidParameter", status: 400, text: EMPTY, severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S1: both parameters are optional in the API metadata (E-META), so no gateway MissingParameter; the CLB error table has this row (E-CLBERR)") },
    CodeEntry { kind: PrivateKeyFormatInvalid, when: None, code: "InvalidParameter", status: 400, text: both(said("The specified parameter key format is error.", Documented, CLBERR)), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S4: InvalidParameter with this message in the CLB error table (E-CLBERR); the FAQ names an invalid key as a cause (E-CLBFAQ)") },
    CodeEntry { kind: PrivateKeyEncrypted, when: None, code: "PrivateKeyEncryption", status: 400, text: both(said("Key has Encrypted .", Documented, CLBERR)), severity: Error, confidence: Documented, alternatives: &["InvalidParameter"], source: src("EVIDENCE.md S2: the CLB error table's own code for an encrypted key (E-CLBERR, E-CLBFAQ-OLD); not in the API's errorCodes, which give InvalidParameter for any key that fails") },
    CodeEntry { kind: CertificateMismatch, when: None, code: "InvalidParameter", status: 400, text: INVALID_PARAMETER, severity: Error, confidence: Documented, alternatives: &["CertificateNotMatchPrivateKey"], source: src("EVIDENCE.md S3: the API's errorCodes (E-META); CertificateNotMatchPrivateKey 'Certificate and key does not match.' is the CLB error table's (E-CLBERR)") },
    CodeEntry { kind: IllegalKeyLength, when: None, code: "OperationDenied.IllegalKeyLength", status: 400, text: both(said("The operation is not allowed because the key length of certificate is illegal.", Documented, META)), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: the code is in the API's errorCodes and the sizes 1024/2048/4096 are documented (EVIDENCE.md S8); that 3072 or 8192 is refused is our reading of that closed list") },
    CodeEntry { kind: EccCertificateNotSupport, when: None, code: "EccCertificateNotSupport", status: 400, text: both(said("The ECC certificate is not support.", Documented, META)), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S9: code in the API's errorCodes (E-META); 'CLB supports RSA certificates only'") },
    CodeEntry { kind: KeyAlgorithmNotSupported, when: None, code: "IllegalParam.ServerCertificate", status: 400, text: ILLEGAL_CERT, severity: Error, confidence: Inferred, alternatives: &["KeyFormatError", "InvalidParameter"], source: src("inferred: RSA only is documented, the code for other algorithms is not (EVIDENCE.md S10)") },
    CodeEntry { kind: Sm2CertificateNotSupported, when: None, code: "IllegalParam.ServerCertificate", status: 400, text: ILLEGAL_CERT, severity: Error, confidence: Inferred, alternatives: &["KeyFormatError", "InvalidParameter"], source: src("inferred: RSA only is documented, the code for SM2 is not (EVIDENCE.md S10)") },
    CodeEntry { kind: CertificateExpired, when: None, code: "CertificateExpired", status: 200, text: lib("The certificate has expired; CLB accepts it but clients will refuse it."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: expiry rules undocumented, no evidence either way (EVIDENCE.md S13)") },
    CodeEntry { kind: CertificateNotYetValid, when: None, code: "CertificateNotYetValid", status: 200, text: lib("The certificate is not valid yet."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: validity rules undocumented, no evidence either way (EVIDENCE.md S13)") },
    CodeEntry { kind: ChainOrderInvalid, when: None, code: "ChainOrderInvalid", status: 200, text: lib("The chain must be the server certificate first, then each intermediate; a certificate here is not the issuer of the one before it."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: the order rule is documented (PROVIDERS.md §1.3), a server-side refusal is not (EVIDENCE.md S14)") },
    CodeEntry { kind: ChainIncomplete, when: None, code: "ChainIncomplete", status: 200, text: lib("No certificate chain is found in the certificate content: add the intermediate certificates after the server certificate."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: the message is the console's documented failure (E-CLBFAQ, EVIDENCE.md S14); whether the API refuses too is unknown, and root-issued certificates need no chain") },
    CodeEntry { kind: ChainUntrusted, when: None, code: "ChainUntrusted", status: 200, text: lib("The chain ends at a self-signed certificate that is not a trusted root; clients will not trust it."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("library policy: the roots are the caller's (Mozilla's or Node's); CLB accepts self-signed certificates and documents no trust check") },
    CodeEntry { kind: CertificateTypeMismatch, when: None, code: "CertificateTypeMismatch", status: 200, text: lib("CLB server certificates are uploaded without a type; CA certificates go to UploadCACertificate."), severity: Warning, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S15: UploadServerCertificate has no certificate-type parameter (E-META, E-PYSDK)") },
    CodeEntry { kind: PemNotCanonical, when: None, code: "CertificateFormatInvalid", status: 400, text: FORMAT, severity: Warning, confidence: Inferred, alternatives: &["InvalidParameter", "IllegalParam.ServerCertificate"], source: src("inferred: a refusal of blank lines was observed (EVIDENCE.md S6, I-326) but its code is not readable; the normalized form is sent instead") },
    CodeEntry { kind: PemNotCanonical, when: Some(When::KeyConverted), code: "InvalidParameter", status: 400, text: INVALID_PARAMETER, severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: PKCS#1 keys are documented (E-CLBFAQ), a refusal of PKCS#8 is not (EVIDENCE.md S7); the PKCS#1 form is sent instead") },
    CodeEntry { kind: ParameterInvalid, when: None, code: "InvalidParameter", status: 400, text: lib("The specified parameter is invalid."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: POP gateway wording for invalid parameters") },
    CodeEntry { kind: ParameterMissing, when: None, code: "MissingParameter", status: 400, text: both(said("The input parameter \"AliCloudCertificateId\" that is mandatory for processing this request is not supplied.", Inferred, "inferred: the POP gateway's template, observed on ECS (languages.md §2.3: teamssix/cf#211, 2023-02), with this parameter's name")), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: PROVIDERS.md §1.4 POP gateway MissingParameter, applied to AliCloudCertificateId (required by AliCloudCertificateName, [S31])") },
    // buildRequest parameter rules (src/request/aliyun_slb.rs).
    CodeEntry { kind: ParameterMissing, when: Some(When::Region), code: "MissingRegionId", status: 400, text: both(said("RegionId is mandatory for this action.", Documented, "languages.md §2.3: PROVIDERS.md §1.4 gateway table [S12][S13]")), severity: Error, confidence: Documented, alternatives: &["MissingParameter"], source: src("PROVIDERS.md §1.4: MissingRegionId (RegionId empty; required: true in E-META)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Region), code: "ServerCertificate.NotSupport", status: 400, text: both(said("The specified Region Not support ServerCertificate.", Documented, META)), severity: Error, confidence: Documented, alternatives: &[], source: src("PROVIDERS.md §1.4 (checkable 'only with a maintained region list'); the list is §1.2 (API metadata, Dec 2025 [S23])") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Name), code: "InvalidParameter", status: 400, text: lib("The specified ServerCertificateName is invalid: 1-80 characters; Chinese characters, letters, digits, '-', '/', '.', '_' and '*'."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: the rule is the zh API metadata's (E-META 2024-06, EVIDENCE.md S12); its code is undocumented, POP InvalidParameter") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::NameLegacy), code: "InvalidParameter", status: 400, text: lib("The ServerCertificateName breaks the older rule (an English letter first; letters, digits, '.', '_' and '-'); the current rule allows it."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: the EN SDK text keeps the older rule (E-PYSDK, E-GOSDK; EVIDENCE.md S12); a warning, since the zh metadata allows the name") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagKey), code: "InvalidParam.TagKey", status: 400, text: lib("The tag key is invalid: not empty, at most 64 characters, no http:// or https://, not starting with aliyun or acs:."), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S18: E-GOSDK tag rules, code in E-META errorCodes (prefixes and http(s):// matched ASCII case-insensitively: inferred, strict)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagValue), code: "InvalidParam.TagValue", status: 400, text: lib("The tag value is invalid: at most 128 characters, no http:// or https://, not starting with aliyun or acs:."), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S18: E-GOSDK tag rules, code in E-META errorCodes (case-insensitive match inferred, strict)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::TagCount), code: "SizeLimitExceeded.Tag", status: 400, text: lib("At most 20 tags can be given."), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S18: Tag.N with N = 1-20 (E-GOSDK), code in E-META errorCodes") },
    CodeEntry { kind: ParameterMissing, when: Some(When::TagKeyMissing), code: "MissingParam.TagKey", status: 400, text: both(said("The param MissingParam.TagKey is missing.", Documented, META)), severity: Error, confidence: Documented, alternatives: &[], source: src("EVIDENCE.md S18: code in E-META errorCodes (Tag.N.Value given without Tag.N.Key)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::UnknownParameter), code: "InvalidParameter", status: 400, text: lib("The parameter is not a parameter of UploadServerCertificate."), severity: Error, confidence: Inferred, alternatives: &[], source: src("library policy: not in the SDK request model (§1.2 [S21]); refused so a misspelt parameter (e.g. Tags for Tag) is not dropped silently; how the gateway treats it is unknown (EVIDENCE.md S16)") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Type), code: "InvalidParameter", status: 400, text: lib("The parameter has the wrong type."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: §1.2 types (String; OwnerId/ResourceOwnerId Long; Tag a list of {Key, Value}); POP InvalidParameter") },
    CodeEntry { kind: ParameterInvalid, when: Some(When::Conflict), code: "InvalidParameter", status: 400, text: lib("AliCloudCertificateId cannot be combined with ServerCertificate or PrivateKey."), severity: Error, confidence: Inferred, alternatives: &[], source: src("library policy: both at once is ambiguous, and this path is known to give misleading server errors (EVIDENCE.md S17)") },
    CodeEntry { kind: PfxFormatInvalid, when: None, code: "PfxFormatInvalid", status: 200, text: lib("The PFX / PKCS#12 file is not valid, or uses a structure or cipher that is not supported."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: UploadServerCertificate takes PEM only (PROVIDERS.md §1.1); the container is read here and the PEM pair sent; library identifier") },
    CodeEntry { kind: PfxPasswordIncorrect, when: None, code: "PfxPasswordIncorrect", status: 200, text: lib("The password does not open the PFX / PKCS#12 file."), severity: Error, confidence: Inferred, alternatives: &[], source: src("inferred: UploadServerCertificate takes PEM only (PROVIDERS.md §1.1); the container is read here and the PEM pair sent; library identifier") },
    CodeEntry { kind: PfxContentUnused, when: None, code: "PfxContentUnused", status: 200, text: lib("The PFX / PKCS#12 file holds certificates or keys that belong to no path from the server certificate; they were left out."), severity: Warning, confidence: Inferred, alternatives: &[], source: src("inferred: UploadServerCertificate takes PEM only (PROVIDERS.md §1.1); the container is read here and the PEM pair sent; library identifier") },
];
