//! Provider profiles: what each cloud API accepts, and how it words each [`Kind`].
//!
//! A profile is data: a [`CodeEntry`] table (one line per kind, or per kind + sub-condition) and a
//! [`Rules`] value. Adding a provider means adding one file under `provider/` and one arm to
//! [`ProviderId`]; the checks in `validate` read only these tables.
//!
//! An entry's `code`/`status`/`message` are what the provider answers when the input is sent *as it is*
//! (`status: 200` means the provider accepts it). `severity` says whether the upload can go ahead —
//! a [`Kind::PemNotCanonical`] entry can carry the provider's error code while being a warning, because
//! `normalized` (and `buildRequest`) send the fixed form instead.

mod aliyun_cas;
mod aliyun_slb;
mod generic;
mod tencent_ssl;

use crate::alg::KeyAlgorithm;
use crate::finding::{Confidence, Kind, Severity};

/// A language a provider words its messages in (SPEC.md "Languages"): what `validate` picks a
/// line's message in, and what `build_request` asks the API for (Tencent `X-TC-Language`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// `zh-CN`: Simplified Chinese.
    ZhCn,
    /// `en-US`: English.
    EnUs,
}

impl Language {
    /// Every language, in the order of [`CodeEntry::text`].
    pub const ALL: &'static [Language] = &[Language::ZhCn, Language::EnUs];

    /// The tag used in the JS API and in Tencent's `X-TC-Language` (`"zh-CN"`, `"en-US"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }

    /// Looks a language up by its tag (exactly `zh-CN` or `en-US`, as Tencent's SDKs accept them).
    pub fn from_name(name: &str) -> Option<Language> {
        Language::ALL.iter().copied().find(|l| l.as_str() == name)
    }
}

/// A table line's message in one language, and how we know the provider words it so
/// (docs/research/languages.md).
///
/// `confidence` and `source` are in native builds only (tests, the generated PROVIDERS.md tables):
/// the wasm module reads neither, and they would cost about 1 KiB of its gzip size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// Exactly the text the provider answers with the line's code in this language, byte for byte;
    /// on a library line (a condition the provider has no answer for, or whose text is unknown),
    /// our own text, marked by its source.
    pub message: &'static str,
    /// `observed`: seen in a real response with this code; `documented`: the provider's error table,
    /// SDK or metadata gives it for this code; `inferred`: our reading (the other language's text
    /// where only one is known, a template filled in by us) or a library text.
    #[cfg(not(target_arch = "wasm32"))]
    pub confidence: Confidence,
    /// Where it comes from: `languages.md §…` with the evidence key, `inferred: why`, or
    /// `library text: why` (ours, not the provider's).
    #[cfg(not(target_arch = "wasm32"))]
    pub source: &'static str,
}

#[cfg(not(target_arch = "wasm32"))]
impl Text {
    /// Whether the text is ours, not the provider's.
    pub fn is_library(&self) -> bool {
        self.source.starts_with("library text")
    }
}

/// A provider's text (see [`Text`]).
pub(crate) const fn said(
    message: &'static str,
    confidence: Confidence,
    source: &'static str,
) -> Text {
    #[cfg(target_arch = "wasm32")]
    let _ = (confidence, source);
    Text {
        message,
        #[cfg(not(target_arch = "wasm32"))]
        confidence,
        #[cfg(not(target_arch = "wasm32"))]
        source,
    }
}

/// The same provider text in both languages: the API answers in one language whatever is asked
/// (aliyun-slb: English, its error messages exist in English only), with the same evidence.
pub(crate) const fn both(text: Text) -> [Text; 2] {
    [text, text]
}

/// A text known in Chinese only: the en-US message is the same text, `inferred` (never a
/// translation of ours presented as the provider's; ours goes to [`Profile::glosses`]).
pub(crate) const fn zh_only(zh: Text) -> [Text; 2] {
    [
        zh,
        said(
            zh.message,
            Confidence::Inferred,
            "inferred: no English text of the provider is known; the zh-CN text",
        ),
    ]
}

/// Our own text in both languages (a library line: the provider has no answer for the condition,
/// or its text is unknown).
pub(crate) const fn lib(message: &'static str) -> [Text; 2] {
    both(said(
        message,
        Confidence::Inferred,
        "library text: ours; the provider has no text for this, or its text is unknown",
    ))
}

/// A cloud API cert-preflight knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProviderId {
    /// Alibaba Cloud CLB (SLB) `UploadServerCertificate`, 2014-05-15.
    AliyunSlb,
    /// Alibaba Cloud CAS `UploadUserCertificate`, 2020-04-07.
    AliyunCas,
    /// Tencent Cloud SSL `UploadCertificate`, 2019-12-05.
    TencentSsl,
}

impl ProviderId {
    /// Every provider.
    pub const ALL: &'static [ProviderId] = &[
        ProviderId::AliyunSlb,
        ProviderId::AliyunCas,
        ProviderId::TencentSsl,
    ];

    /// The id used in the JS API (`"aliyun-slb"`, `"aliyun-cas"`, `"tencent-ssl"`).
    pub const fn as_str(self) -> &'static str {
        self.profile().id
    }

    /// Looks a provider up by its id.
    pub fn from_name(name: &str) -> Option<ProviderId> {
        ProviderId::ALL.iter().copied().find(|p| p.as_str() == name)
    }

    /// The provider's profile.
    pub const fn profile(self) -> &'static Profile {
        match self {
            ProviderId::AliyunSlb => &aliyun_slb::PROFILE,
            ProviderId::AliyunCas => &aliyun_cas::PROFILE,
            ProviderId::TencentSsl => &tencent_ssl::PROFILE,
        }
    }
}

/// The profile used when no provider is chosen.
pub fn generic() -> &'static Profile {
    &generic::PROFILE
}

/// A table line's source (a PROVIDERS.md/EVIDENCE.md section, or why it is inferred). Kept in
/// native builds, where tests check every line has one and readers of the tables see it; left out
/// of the wasm module, where nothing reads it (about 2.5 KB of its gzip size).
pub(crate) const fn src(s: &'static str) -> &'static str {
    if cfg!(target_arch = "wasm32") { "" } else { s }
}

/// How a provider answers one condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeEntry {
    /// The provider-neutral condition.
    pub kind: Kind,
    /// A finer sub-condition this line is for (see [`When`]); `None` = any.
    pub when: Option<When>,
    /// The provider's error code.
    pub code: &'static str,
    /// The HTTP status the provider answers with (Tencent: always 200).
    pub status: u16,
    /// The message in each language, in [`Language::ALL`]'s order (zh-CN, en-US): see [`Text`].
    pub text: [Text; 2],
    /// Whether the upload is refused.
    pub severity: Severity,
    /// How sure the code is (see [`Confidence`]).
    pub confidence: Confidence,
    /// Other codes the provider is documented or observed to answer for the same condition.
    pub alternatives: &'static [&'static str],
    /// Where the rule comes from: a PROVIDERS.md/EVIDENCE.md section (the evidence key, e.g.
    /// `EVIDENCE.md T3, I-376`), `inferred: why` (our reading of the provider's documents), or
    /// `library policy: why` (a rule of this package, not the provider's).
    pub source: &'static str,
}

/// Sub-conditions a provider words differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum When {
    /// PEM-level syntax (markers, base64, labels).
    Pem,
    /// The PEM is fine but the DER is not an X.509 certificate.
    Der,
    /// `certificateType: "CA"` with a certificate that is not a CA.
    CaTypeNotCa,
    /// `certificateType: "SVR"` with a CA certificate.
    SvrTypeIsCa,
    /// A subjectAltName dNSName with bytes outside ASCII (read, shown escaped; a warning).
    NonAsciiName,
    /// The key is consistent but belongs to another certificate.
    KeyMismatch,
    /// The key's own parts disagree.
    KeyInconsistent,
    /// The key field: a key that has to be converted (PKCS#8 → PKCS#1, decrypted) or re-encoded.
    KeyConverted,
    /// `buildRequest`: the region (SLB `RegionId`; the CAS endpoint region; Tencent `X-TC-Region`).
    Region,
    /// `buildRequest`: the certificate name (SLB `ServerCertificateName`, CAS `Name`).
    Name,
    /// `buildRequest`: a name the current rule allows and an older documented rule does not.
    NameLegacy,
    /// `buildRequest`: a tag key breaks the provider's tag rules.
    TagKey,
    /// `buildRequest`: a tag value breaks the provider's tag rules.
    TagValue,
    /// `buildRequest`: more tags than the provider takes.
    TagCount,
    /// `buildRequest`: a tag without its key (e.g. `Tag.N.Value` without `Tag.N.Key`).
    TagKeyMissing,
    /// `buildRequest`: a parameter the API does not define.
    UnknownParameter,
    /// `buildRequest`: a parameter of the wrong JSON type (string, integer, boolean, list).
    Type,
    /// `buildRequest`: parameters that exclude each other.
    Conflict,
    /// `buildRequest`: parameters the provider ignores in this combination (not sent).
    Ignored,
}

/// Field names in the provider's own parameter names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fields {
    /// The certificate field.
    pub certificate: &'static str,
    /// The private key field.
    pub private_key: &'static str,
}

/// When a private key must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyRequired {
    /// Never required (generic checks).
    No,
    /// Always.
    Always,
    /// Unless `certificateType` is `CA` (Tencent).
    UnlessCaType,
}

/// RSA key-size policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsaSizes {
    /// Only these modulus sizes; others are [`Kind::IllegalKeyLength`] with the table's severity.
    Only(&'static [u32]),
    /// Anything at or above this size; smaller is [`Kind::IllegalKeyLength`].
    AtLeast(u32),
}

/// EC key policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EcPolicy {
    /// EC keys are accepted.
    Accepted,
    /// Only in the regions the caller lists in `eccRegions` (aliyun-slb).
    OnlyInEccRegions,
}

/// What a provider accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// When a key is required.
    pub key_required: KeyRequired,
    /// RSA sizes.
    pub rsa_sizes: RsaSizes,
    /// EC keys.
    pub ec: EcPolicy,
    /// Other algorithms accepted besides RSA and EC (SM2 is governed by `sm2_in_main_fields`).
    pub also_accepted: &'static [KeyAlgorithm],
    /// Whether SM2 certificates may go in the main certificate field.
    pub sm2_in_main_fields: bool,
    /// An RSA key must be PKCS#1 (`RSA PRIVATE KEY`).
    pub rsa_key_pkcs1: bool,
    /// The provider wants canonical PEM (64 columns, LF, nothing around blocks).
    pub canonical_pem: bool,
    /// The API takes the key's passphrase (Tencent `KeyPassword`), so an encrypted key is fine with one.
    pub takes_key_password: bool,
    /// SM2 uploads use the four `Sign*`/`Encrypt*` fields (aliyun-cas).
    pub sm2_dual_fields: bool,
}

/// One provider: id, field names, rules and its code table.
#[derive(Debug, PartialEq, Eq)]
pub struct Profile {
    /// The provider id, or `"generic"`.
    pub id: &'static str,
    /// Field names.
    pub fields: Fields,
    /// What it accepts.
    pub rules: Rules,
    /// How it words each kind.
    pub codes: &'static [CodeEntry],
    /// The language a caller gets when it asks for none: the API's own default
    /// (docs/research/languages.md §4).
    pub language: Language,
    /// Our English renderings of the provider's texts known in Chinese only, `(text, ours)`:
    /// `Finding::message_en` for them (never the provider's words, never in `message`).
    pub glosses: &'static [(&'static str, &'static str)],
}

impl CodeEntry {
    /// The line's message in `language`.
    pub const fn text(&self, language: Language) -> &Text {
        match language {
            Language::ZhCn => &self.text[0],
            Language::EnUs => &self.text[1],
        }
    }
}

impl Profile {
    /// A finding worded by this table in its default language (see [`Profile::finding_in`]).
    pub fn finding(
        &self,
        kind: Kind,
        when: Option<When>,
        field: &str,
        detail: Option<alloc::string::String>,
    ) -> Option<crate::Finding> {
        self.finding_in(kind, when, field, detail, self.language)
    }

    /// A finding worded by this table in `language`: the sub-condition's line if any, else the
    /// kind's general line, else (never, as every table maps every kind) the generic table's.
    /// `message_en` is set when the message is not English: the provider's own en-US text when it
    /// is known, else our rendering.
    pub fn finding_in(
        &self,
        kind: Kind,
        when: Option<When>,
        field: &str,
        detail: Option<alloc::string::String>,
        language: Language,
    ) -> Option<crate::Finding> {
        let entry = self
            .entry(kind, when)
            .or_else(|| generic().entry(kind, when))?;
        let message = entry.text(language).message;
        let en = entry.text(Language::EnUs);
        let message_en = if message.is_ascii() {
            None
        } else if en.message.is_ascii() {
            Some(en.message)
        } else {
            self.glosses
                .iter()
                .find(|(zh, _)| *zh == message)
                .map(|(_, ours)| *ours)
        };
        Some(crate::Finding {
            kind,
            code: entry.code.into(),
            http_status: entry.status,
            message: message.into(),
            message_en: message_en.map(Into::into),
            field: crate::finding::clip_chars(field, 128),
            detail: detail
                .map(|d| crate::finding::clip_chars(&d, crate::finding::MAX_DETAIL_CHARS)),
            severity: entry.severity,
            confidence: entry.confidence,
            alternatives: entry.alternatives,
        })
    }

    /// The entry for `kind` under `when`: an exact sub-condition line if there is one, else the kind's
    /// general line. Every kind has a general line in every table (tested below).
    pub fn entry(&self, kind: Kind, when: Option<When>) -> Option<&'static CodeEntry> {
        let codes: &'static [CodeEntry] = self.codes;
        when.and_then(|w| codes.iter().find(|e| e.kind == kind && e.when == Some(w)))
            .or_else(|| codes.iter().find(|e| e.kind == kind && e.when.is_none()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn profiles() -> impl Iterator<Item = &'static Profile> {
        ProviderId::ALL
            .iter()
            .map(|p| p.profile())
            .chain(core::iter::once(generic()))
    }

    #[test]
    fn every_kind_is_mapped_for_every_provider() {
        for p in profiles() {
            for kind in Kind::ALL {
                let e = p.entry(*kind, None);
                assert!(e.is_some(), "{} has no line for {kind}", p.id);
            }
        }
    }

    #[test]
    fn lines_are_unique_and_complete() {
        for p in profiles() {
            for (i, e) in p.codes.iter().enumerate() {
                assert!(
                    !e.code.is_empty() && e.text.iter().all(|t| !t.message.is_empty()),
                    "{}: {:?}",
                    p.id,
                    e
                );
                assert!(!e.source.is_empty(), "{}: {:?} has no source", p.id, e.kind);
                assert!((200..600).contains(&e.status));
                for other in p.codes.iter().skip(i + 1) {
                    assert!(
                        (e.kind, e.when) != (other.kind, other.when),
                        "{}: duplicate line for {:?}/{:?}",
                        p.id,
                        e.kind,
                        e.when
                    );
                }
            }
        }
    }

    /// Every line says how sure it is, and the confidence agrees with its source: `observed` and
    /// `documented` lines cite their evidence, our readings and our policies are `inferred`.
    #[test]
    fn confidence_matches_the_source() {
        for p in profiles() {
            for e in p.codes {
                let ours =
                    e.source.starts_with("inferred:") || e.source.starts_with("library policy:");
                let what = (p.id, e.kind, e.when);
                match e.confidence {
                    Confidence::Inferred => {
                        assert!(ours, "{what:?}: inferred, source {:?}", e.source)
                    }
                    Confidence::Documented => {
                        assert!(!ours, "{what:?}: documented, source {:?}", e.source);
                        assert!(
                            ["PROVIDERS.md", "EVIDENCE.md", "SPEC.md", "RFC ", "NIST"]
                                .iter()
                                .any(|cite| e.source.contains(cite)),
                            "{what:?}: documented without a citation: {:?}",
                            e.source
                        );
                    }
                    Confidence::Observed => {
                        assert!(!ours, "{what:?}");
                        // An observation is one of EVIDENCE.md's I-… sources (an issue with a real
                        // response of that API).
                        assert!(
                            e.source.contains("EVIDENCE.md") && e.source.contains("(I-"),
                            "{what:?}: observed without the observation: {:?}",
                            e.source
                        );
                    }
                }
                // Without a provider the confidence is the check's own: RFC-defined or our limits.
                if p.id == "generic" {
                    assert_eq!(e.confidence, Confidence::Documented, "{what:?}");
                }
                for (i, alt) in e.alternatives.iter().enumerate() {
                    assert!(
                        !alt.is_empty() && *alt != e.code,
                        "{what:?}: alternative {alt:?}"
                    );
                    assert!(
                        !e.alternatives[i + 1..].contains(alt),
                        "{what:?}: {alt} twice"
                    );
                }
            }
        }
    }

    #[test]
    fn generic_codes_are_the_kind_names_with_400() {
        for e in generic().codes {
            assert_eq!(e.code, e.kind.as_str());
            assert_eq!(e.status, 400);
        }
    }

    #[test]
    fn tencent_answers_200_always() {
        for e in ProviderId::TencentSsl.profile().codes {
            assert_eq!(e.status, 200, "{:?}", e.kind);
        }
    }

    #[test]
    fn spec_examples() {
        let slb = ProviderId::AliyunSlb.profile();
        let e = slb.entry(Kind::CertificateMismatch, None);
        assert_eq!(
            e.map(|e| (e.code, e.status)),
            Some(("InvalidParameter", 400))
        );
        assert_eq!(
            e.map(|e| e.text(Language::EnUs).message),
            Some("The specified ServerCertificate and PrivateKey fail to validate.")
        );
        let tc = ProviderId::TencentSsl.profile();
        assert_eq!(
            tc.entry(Kind::CertificateMismatch, Some(When::KeyMismatch))
                .map(|e| (e.code, e.alternatives)),
            Some((
                "FailedOperation.CertificateMatchError",
                &["FailedOperation.CertificateMismatch"][..]
            ))
        );
        assert_eq!(
            tc.entry(Kind::Sm2CertificateNotSupported, None)
                .map(|e| e.code),
            Some("FailedOperation.CertificateEncryptInvalid")
        );
        assert_eq!(
            slb.entry(Kind::IllegalKeyLength, None)
                .map(|e| (e.code, e.severity)),
            Some(("OperationDenied.IllegalKeyLength", Severity::Error))
        );
    }

    #[test]
    fn sub_condition_falls_back_to_the_general_line() {
        let slb = ProviderId::AliyunSlb.profile();
        assert_eq!(
            slb.entry(Kind::CertificateFormatInvalid, Some(When::Der))
                .map(|e| e.code),
            Some("IllegalParam.ServerCertificate")
        );
        assert_eq!(
            slb.entry(Kind::CertificateFormatInvalid, Some(When::Pem))
                .map(|e| e.code),
            Some("CertificateFormatInvalid")
        );
        assert_eq!(
            slb.entry(Kind::CertificateExpired, Some(When::Der))
                .map(|e| e.kind),
            Some(Kind::CertificateExpired)
        );
    }

    /// Each line's text per language says how it is known, consistently with its source: the
    /// provider's texts cite docs/research/languages.md (an observation names it), ours say
    /// `library text` or `inferred:` and are `inferred`.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn text_confidence_matches_its_source() {
        for p in profiles() {
            for e in p.codes {
                for (l, t) in Language::ALL.iter().zip(&e.text) {
                    let what = (p.id, e.kind, e.when, l.as_str(), t.source);
                    assert_eq!(e.text(*l), t, "{what:?}");
                    match t.confidence {
                        Confidence::Inferred => assert!(
                            t.source.starts_with("inferred:") || t.is_library(),
                            "{what:?}"
                        ),
                        Confidence::Documented => {
                            assert!(t.source.starts_with("languages.md §"), "{what:?}")
                        }
                        Confidence::Observed => assert!(
                            t.source.starts_with("languages.md §")
                                && t.source.contains("observed from"),
                            "{what:?}"
                        ),
                    }
                }
                // A text with no English of the provider's has our rendering, and only such a
                // text has one.
                let en = e.text(Language::EnUs);
                let glossed = p.glosses.iter().any(|(zh, _)| *zh == en.message);
                let chinese_only = !en.is_library()
                    && !en.message.is_ascii()
                    && en.confidence == Confidence::Inferred;
                assert_eq!(glossed, chinese_only, "{:?}", (p.id, e.kind, e.when));
            }
        }
    }

    /// Every gloss is of a text in its table, and is English.
    #[test]
    fn glosses_are_used_and_english() {
        for p in profiles() {
            for (zh, ours) in p.glosses {
                assert!(ours.is_ascii() && !zh.is_ascii(), "{}: {ours}", p.id);
                assert!(
                    p.codes.iter().any(|e| e.text[0].message == *zh),
                    "{}: {zh} is in no line",
                    p.id
                );
            }
        }
    }

    /// Without a provider every text is ours.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn generic_texts_are_library_texts() {
        for e in generic().codes {
            assert!(e.text.iter().all(Text::is_library), "{:?}", e.kind);
        }
    }

    #[test]
    fn languages_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::from_name(l.as_str()), Some(*l));
        }
        for bad in ["zh", "en", "zh-cn", "EN-US", "ja", ""] {
            assert_eq!(Language::from_name(bad), None, "{bad}");
        }
    }

    /// The finding carries the message in the language asked for; `message_en` is the provider's
    /// English where known, else ours, and absent for an English message.
    #[test]
    fn findings_pick_the_language() {
        let tc = ProviderId::TencentSsl.profile();
        let f = |p: &Profile, kind, when, l| {
            p.finding_in(kind, when, "f", None, l)
                .map(|f| (f.message, f.message_en))
        };
        let mismatch = tc.entry(Kind::CertificateMismatch, None).map(|e| e.text);
        let [zh, en] = mismatch.expect("a line");
        assert_eq!(
            f(tc, Kind::CertificateMismatch, None, Language::ZhCn),
            Some((zh.message.into(), Some(en.message.into())))
        );
        assert_eq!(
            f(tc, Kind::CertificateMismatch, None, Language::EnUs),
            Some((en.message.into(), None))
        );
        assert_eq!(
            tc.finding(Kind::CertificateMismatch, None, "f", None)
                .map(|f| f.message),
            Some(zh.message.into()),
            "Tencent's default is zh-CN"
        );
        let cas = ProviderId::AliyunCas.profile();
        let chain = tc
            .glosses
            .first()
            .map(|(_, ours)| Some(String::from(*ours)));
        assert_eq!(
            f(tc, Kind::ChainOrderInvalid, None, Language::EnUs).map(|f| f.1),
            chain,
            "no English text of Tencent's: ours"
        );
        assert_eq!(
            f(cas, Kind::CertificateFormatInvalid, None, Language::EnUs),
            f(cas, Kind::CertificateFormatInvalid, None, Language::ZhCn),
        );
        let slb = ProviderId::AliyunSlb.profile();
        assert_eq!(
            f(slb, Kind::CertificateMismatch, None, Language::ZhCn),
            f(slb, Kind::CertificateMismatch, None, Language::EnUs),
        );
    }

    #[test]
    fn ids_round_trip() {
        for p in ProviderId::ALL {
            assert_eq!(ProviderId::from_name(p.as_str()), Some(*p));
        }
        assert_eq!(ProviderId::from_name("aws-acm"), None);
    }
}
