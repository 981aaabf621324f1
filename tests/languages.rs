//! Languages (SPEC.md "Languages", issue 21; evidence in docs/research/languages.md): every table
//! line's message per language is the provider's text with no gloss of ours appended, each text has
//! its source; `validate` and `build_request` word findings in the language asked for (default: the
//! API's own); the built request asks the API for that language where the API has a way to.
#![cfg(not(target_arch = "wasm32"))]
// Test programs: the panic-family and no_std lints guard the library, not its tests.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

mod common;

use cert_preflight::{
    ApiRequest, BuildOptions, Confidence, Input, Kind, Language, ParamValue, Params, Profile,
    ProviderId, RequestError, build_request, generic, validate,
};
use common::read;

const NOW: i64 = 1_780_272_000_000; // 2026-06-01T00:00:00Z, the corpus clock

fn profiles() -> impl Iterator<Item = &'static Profile> {
    ProviderId::ALL
        .iter()
        .map(|p| p.profile())
        .chain(std::iter::once(generic()))
}

fn han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Which script a text's letters mostly are: `Some(true)` Han, `Some(false)` Latin, `None` neither.
fn script(text: &str) -> Option<bool> {
    let h = text.chars().filter(|c| han(*c)).count();
    let l = text.chars().filter(char::is_ascii_alphabetic).count();
    match (h, l) {
        (0, 0) => None,
        _ => Some(h > l),
    }
}

/// A parenthesized part (ASCII or full-width parentheses) in the other script than the rest of
/// the message: our gloss appended to a provider text, e.g. `解析失败… (Parse failed; …)`.
fn appended_gloss(message: &str) -> Option<String> {
    let mut outside = String::new();
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in message.chars() {
        match c {
            '(' | '（' => {
                if depth > 0 {
                    current.push(c);
                }
                depth += 1;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push(std::mem::take(&mut current));
                } else {
                    current.push(c);
                }
            }
            _ if depth > 0 => current.push(c),
            _ => outside.push(c),
        }
    }
    let main = script(&outside)?;
    groups
        .into_iter()
        .find(|g| script(g).is_some_and(|s| s != main))
}

#[test]
fn the_gloss_check_catches_the_old_form() {
    // The texts the tables carried before issue 21, and the same with full-width parentheses.
    for glossed in [
        "解析失败，请检查证书是否符合标准，请留意是否有多余的空格 (Parse failed; watch for extra spaces.)",
        "证书格式异常，请检查输入内容。 (The certificate format is abnormal; check the input.)",
        "没有匹配的私钥。（There is no matching private key.）",
        "The certificate is invalid. (证书格式错误。)",
    ] {
        assert!(appended_gloss(glossed).is_some(), "{glossed}");
    }
    // Parentheses in the provider's own text, in its own script, are not a gloss.
    for own in [
        "温馨提示：证书内容和私钥不匹配，请您核对（请留意是否有多余的空格）",
        "Note: the certificate content and private key do not match. please check (pay attention to whether there are extra spaces).",
        "a tag key is 1-127 characters (letters, digits, spaces and 【】：), not starting with qcs:, project or 项目.",
    ] {
        assert_eq!(appended_gloss(own), None, "{own}");
    }
}

#[test]
fn no_message_carries_a_gloss_in_the_other_script() {
    for p in profiles() {
        for e in p.codes {
            for (l, t) in Language::ALL.iter().zip(&e.text) {
                assert_eq!(
                    appended_gloss(t.message),
                    None,
                    "{} {:?}/{:?} {}: {:?}",
                    p.id,
                    e.kind,
                    e.when,
                    l.as_str(),
                    t.message
                );
            }
        }
        for (zh, ours) in p.glosses {
            assert_eq!(appended_gloss(zh), None, "{}: {zh}", p.id);
            assert!(
                ours.is_ascii() && script(ours) == Some(false),
                "{}: {ours}",
                p.id
            );
        }
    }
}

#[test]
fn every_line_has_a_source_per_language() {
    for p in profiles() {
        for e in p.codes {
            for l in Language::ALL {
                let t = e.text(*l);
                assert!(
                    !t.source.is_empty(),
                    "{} {:?}/{:?} {}: no source",
                    p.id,
                    e.kind,
                    e.when,
                    l.as_str()
                );
            }
        }
    }
}

/// A provider's Chinese text is never offered as its English one unless marked `inferred`, and an
/// English provider text as zh-CN only where the API answers in English whatever is asked
/// (aliyun-slb; gateway templates; library texts).
#[test]
fn a_text_in_the_other_language_is_inferred_or_the_api_has_one_language() {
    for p in ProviderId::ALL.iter().map(|p| p.profile()) {
        for e in p.codes {
            let en = e.text(Language::EnUs);
            if script(en.message) == Some(true) {
                assert_eq!(en.confidence, Confidence::Inferred, "{} {:?}", p.id, e.kind);
                assert!(
                    p.glosses.iter().any(|(zh, _)| *zh == en.message),
                    "{} {:?}: no rendering",
                    p.id,
                    e.kind
                );
            }
            let zh = e.text(Language::ZhCn);
            if script(zh.message) == Some(false) && !zh.is_library() {
                assert!(
                    p.id == "aliyun-slb" || zh.confidence == Confidence::Inferred,
                    "{} {:?}: an English zh-CN text from {:?}",
                    p.id,
                    e.kind,
                    zh.source
                );
            }
        }
    }
}

#[test]
fn defaults_are_the_apis_own() {
    let default = |p: ProviderId| p.profile().language;
    assert_eq!(default(ProviderId::TencentSsl), Language::ZhCn);
    assert_eq!(default(ProviderId::AliyunCas), Language::ZhCn);
    assert_eq!(default(ProviderId::AliyunSlb), Language::EnUs);
    assert_eq!(generic().language, Language::EnUs);
}

// ---- validate ---------------------------------------------------------------------------------

fn mismatch(provider: ProviderId, language: Option<Language>) -> (String, Option<String>) {
    let cert = read("rsa/2048/fullchain.pem");
    let key = read("mismatch/rsa2048-other.key.pem");
    let report = validate(&Input {
        certificate: &cert,
        private_key: Some(&key),
        provider: Some(provider),
        now_ms: NOW,
        language,
        ..Input::default()
    });
    let f = report
        .errors
        .iter()
        .find(|f| f.kind == Kind::CertificateMismatch)
        .unwrap_or_else(|| panic!("{provider:?}: no mismatch in {:?}", report.errors));
    (f.message.clone(), f.message_en.clone())
}

const TC_MATCH_ZH: &str = "温馨提示：证书内容和私钥不匹配，请您核对（请留意是否有多余的空格）";
const TC_MATCH_EN: &str = "Note: the certificate content and private key do not match. please check (pay attention to whether there are extra spaces).";

/// Issue 21 "Done when": a mismatched key gives exactly Tencent's Chinese text by default and in
/// zh-CN (the SDK's errorcodes.py), its English one in en-US (the intl-en SDK's).
#[test]
fn validate_words_a_tencent_mismatch_in_the_language_asked() {
    let tc = ProviderId::TencentSsl;
    let zh = (TC_MATCH_ZH.to_string(), Some(TC_MATCH_EN.to_string()));
    assert_eq!(mismatch(tc, None), zh);
    assert_eq!(mismatch(tc, Some(Language::ZhCn)), zh);
    assert_eq!(
        mismatch(tc, Some(Language::EnUs)),
        (TC_MATCH_EN.to_string(), None)
    );
}

#[test]
fn validate_words_alibaba_in_the_only_language_it_answers() {
    let slb = ProviderId::AliyunSlb;
    let text = "The specified ServerCertificate and PrivateKey fail to validate.".to_string();
    for l in [None, Some(Language::ZhCn), Some(Language::EnUs)] {
        assert_eq!(mismatch(slb, l), (text.clone(), None), "{l:?}");
    }
    // CAS: its one known text is Chinese, in both languages; ours in message_en.
    let cas = ProviderId::AliyunCas;
    let bad = "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n";
    let key = read("keys/rsa2048/pkcs1.pem");
    for l in [None, Some(Language::ZhCn), Some(Language::EnUs)] {
        let report = validate(&Input {
            certificate: bad,
            private_key: Some(&key),
            provider: Some(cas),
            now_ms: NOW,
            language: l,
            ..Input::default()
        });
        let f = report
            .errors
            .iter()
            .find(|f| f.kind == Kind::CertificateFormatInvalid)
            .unwrap_or_else(|| panic!("{:?}", report.errors));
        assert_eq!(f.message, "证书格式异常，请检查输入内容。", "{l:?}");
        assert_eq!(
            f.message_en.as_deref(),
            Some("The certificate format is abnormal; check the input."),
            "{l:?}"
        );
    }
}

// ---- build_request: the language reaches the request --------------------------------------------

fn options(language: Option<Language>) -> BuildOptions<'static> {
    BuildOptions {
        now_ms: NOW,
        language,
        ..BuildOptions::default()
    }
}

fn params(pairs: Vec<(&str, ParamValue)>) -> Params {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn ok_params(provider: ProviderId) -> Params {
    let (cert, key) = (
        read("rsa/2048/fullchain.pem"),
        read("keys/rsa2048/pkcs1.pem"),
    );
    match provider {
        ProviderId::AliyunSlb => params(vec![
            ("RegionId", "cn-hangzhou".into()),
            ("ServerCertificate", cert.into()),
            ("PrivateKey", key.into()),
        ]),
        ProviderId::AliyunCas => params(vec![
            ("Name", "site".into()),
            ("Cert", cert.into()),
            ("Key", key.into()),
        ]),
        _ => params(vec![
            ("CertificatePublicKey", cert.into()),
            ("CertificatePrivateKey", key.into()),
        ]),
    }
}

fn built(provider: ProviderId, language: Option<Language>) -> ApiRequest {
    build_request(provider, &ok_params(provider), &options(language))
        .unwrap_or_else(|e| panic!("{provider:?} {language:?}: {e}"))
}

fn header<'a>(r: &'a ApiRequest, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn tencent_asks_for_the_language_in_x_tc_language() {
    let tc = ProviderId::TencentSsl;
    assert_eq!(header(&built(tc, None), "x-tc-language"), Some("zh-CN"));
    for l in Language::ALL {
        let r = built(tc, Some(*l));
        assert_eq!(header(&r, "x-tc-language"), Some(l.as_str()));
        assert_eq!(
            r.headers
                .iter()
                .filter(|(k, _)| k == "x-tc-language")
                .count(),
            1
        );
    }
}

/// Alibaba's two APIs have no language parameter or header (languages.md §2.1, §3.1): asking for
/// a language changes nothing in the request, and nothing language-like is sent.
#[test]
fn alibaba_requests_carry_no_language() {
    for p in [ProviderId::AliyunSlb, ProviderId::AliyunCas] {
        let default = built(p, None);
        for l in Language::ALL {
            let r = built(p, Some(*l));
            assert_eq!(r, default, "{p:?} {l:?}");
            let names = r
                .query
                .iter()
                .chain(&r.headers)
                .map(|(k, _)| k.to_ascii_lowercase());
            for n in names {
                assert!(!n.contains("lang"), "{p:?}: {n}");
            }
        }
    }
}

fn refused(provider: ProviderId, p: Params, language: Option<Language>) -> RequestError {
    build_request(provider, &p, &options(language)).expect_err("refused")
}

/// The refusal is worded in the language the request would ask for.
#[test]
fn build_request_refusals_are_in_the_language_asked() {
    let tc = ProviderId::TencentSsl;
    let mismatched = |l| {
        let mut p = ok_params(tc);
        p.insert(
            "CertificatePrivateKey".into(),
            read("mismatch/rsa2048-other.key.pem").into(),
        );
        refused(tc, p, l)
    };
    let zh = mismatched(None);
    assert_eq!(
        (zh.message.as_str(), zh.message_en.as_deref()),
        (TC_MATCH_ZH, Some(TC_MATCH_EN))
    );
    let en = mismatched(Some(Language::EnUs));
    assert_eq!((en.message.as_str(), en.message_en), (TC_MATCH_EN, None));
    assert_eq!(en.findings[0].message, TC_MATCH_EN);

    // A parameter rule of the builder itself (Tencent's FailedOperation.InvalidParam line).
    let bad_type = |l| {
        let mut p = ok_params(tc);
        p.insert("CertificateType".into(), "SERVER".into());
        refused(tc, p, l)
    };
    assert_eq!(bad_type(Some(Language::ZhCn)).message, "参数有误。");
    assert_eq!(
        bad_type(Some(Language::EnUs)).message,
        "Incorrect parameters."
    );
}
