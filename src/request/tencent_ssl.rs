//! tencent-ssl `UploadCertificate` 2019-12-05: parameters, rules and request (PROVIDERS.md §3).

use alloc::format;
use alloc::string::ToString;
use alloc::vec;

use super::{
    ApiRequest, BuildOptions, Ctx, Params, RequestError, Spec, TagRules, TagSpec, Ty, apply,
    check_pem, json_body, read_params, render_url,
};
use crate::finding::Kind;
use crate::provider::{ProviderId, When, src};
use crate::validate::{CertificateType, Input};

const ACTION: &str = "UploadCertificate";
const VERSION: &str = "2019-12-05";
/// PROVIDERS.md §3.1: the China-site host (the international site uses `ssl.intl.tencentcloudapi.com`;
/// change `host` before signing to use it).
const HOST: &str = "ssl.tencentcloudapi.com";

/// `Tags: [{TagKey, TagValue}]`, at most 50 per resource (PROVIDERS.md §3.2 [S28]); 0-based when
/// flattened (`Tags.0.TagKey`, §3.1), which is how findings name them.
const TAGS: TagSpec = TagSpec {
    list: "Tags",
    key: "TagKey",
    value: "TagValue",
    max: 50,
    first_index: 0,
    rules: TagRules::Tencent,
};

/// Every parameter of `UploadCertificateRequest`, in the SDK model's order (the JSON body order).
#[rustfmt::skip]
pub(super) const PARAMS: &[Spec] = &[
    Spec {
        name: "CertificatePublicKey",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §3.2 [S25][S27]"),
    },
    Spec {
        name: "CertificatePrivateKey",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §3.2"),
    },
    Spec {
        name: "CertificateType",
        ty: Ty::Str,
        source: src("PROVIDERS.md §3.2: CA or SVR"),
    },
    Spec {
        name: "Alias",
        ty: Ty::Str,
        source: src("PROVIDERS.md §3.2 (limits undocumented)"),
    },
    Spec {
        name: "ProjectId",
        ty: Ty::UInt,
        source: src("PROVIDERS.md §3.2: Integer (uint64 in the Go SDK)"),
    },
    Spec {
        name: "CertificateUse",
        ty: Ty::Str,
        source: src("PROVIDERS.md §3.2 (free text)"),
    },
    Spec {
        name: "Tags",
        ty: Ty::Tags(&TAGS),
        source: src("PROVIDERS.md §3.2 [S28]"),
    },
    Spec {
        name: "Repeatable",
        ty: Ty::Bool,
        source: src("PROVIDERS.md §3.2: Boolean, default true"),
    },
    Spec {
        name: "KeyPassword",
        ty: Ty::Str,
        source: src("PROVIDERS.md §3.2 [S25][S27]"),
    },
];

/// `X-TC-Region` is optional (§3.1); a given value must look like a region id, e.g. `ap-guangzhou`
/// (inferred: lowercase letters, digits and `-`, a letter first and at least one `-`, at most 32
/// characters; it goes into a header). Every Tencent region id has the `-` (`ap-guangzhou`,
/// `na-siliconvalley`, `ap-shanghai-fsi`), which a secret passed here by mistake does not.
fn region_ok(region: &str) -> bool {
    (2..=32).contains(&region.len())
        && region.starts_with(|c: char| c.is_ascii_lowercase())
        && region.contains('-')
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub(super) fn build(
    params: &Params,
    options: &BuildOptions<'_>,
) -> Result<ApiRequest, RequestError> {
    let mut ctx = Ctx::new(ProviderId::TencentSsl, options);
    let mut read = read_params(&mut ctx, PARAMS, params);

    let certificate_type = match read.str("CertificateType") {
        None => None,
        Some(t) => {
            let parsed = CertificateType::from_name(t);
            if parsed.is_none() {
                let shown = crate::error::shown(t, &["CA", "SVR"]);
                ctx.push(
                    Kind::ParameterInvalid,
                    None,
                    "CertificateType",
                    format!("CertificateType must be CA or SVR, not {shown}"),
                );
            }
            parsed
        }
    };

    if let Some(r) = options.region.as_deref() {
        if !region_ok(r) {
            // No list of regions here (free-form): the value is never quoted.
            let shown = crate::error::shown(r, &[]);
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::Region),
                "region",
                format!("{shown} is not a region id"),
            );
        }
    }

    let private_key = read.str("CertificatePrivateKey");
    let key_password = read.str("KeyPassword");
    let input = Input {
        certificate: read.str("CertificatePublicKey").unwrap_or(""),
        private_key,
        provider: Some(ProviderId::TencentSsl),
        now_ms: options.now_ms,
        passphrase: key_password,
        max_kdf_cost: options.max_kdf_cost,
        roots: options.roots,
        certificate_type,
        ..Input::default()
    };
    // With KeyPassword the API decrypts the key itself: send it as given, never the decrypted form.
    let checked = check_pem(&mut ctx, &input, key_password.is_some());
    apply(
        &mut read,
        checked,
        "CertificatePublicKey",
        "CertificatePrivateKey",
    );

    // The answer's language (languages.md §1.1): sent always, as the SDKs do, so the real answer is
    // in the language the checks above used (the server's default without it is undocumented).
    // Not among the signed headers (TC3 signs content-type;host, PROVIDERS.md §5.3).
    let language = ctx.language.as_str();
    ctx.finish(|provider, warnings| {
        let path = "/".to_string();
        let mut headers = vec![
            ("content-type".to_string(), "application/json".to_string()),
            ("x-tc-action".to_string(), ACTION.to_string()),
            ("x-tc-version".to_string(), VERSION.to_string()),
            ("x-tc-language".to_string(), language.to_string()),
        ];
        if let Some(r) = options.region.as_deref() {
            headers.push(("x-tc-region".to_string(), r.to_string()));
        }
        ApiRequest {
            provider,
            action: ACTION.to_string(),
            version: VERSION.to_string(),
            method: "POST".to_string(),
            url: render_url(HOST, &path, &[]),
            host: HOST.to_string(),
            path,
            query: vec![],
            headers,
            body: json_body(&read),
            warnings,
        }
    })
}
