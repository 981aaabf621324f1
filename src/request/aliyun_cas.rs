//! aliyun-cas `UploadUserCertificate` 2020-04-07: parameters, rules and request (PROVIDERS.md §2).
//!
//! `BuildOptions::language` picks the findings' language only: UploadUserCertificate has no
//! language parameter or header (API metadata, SDK, gateway common parameters:
//! docs/research/languages.md §3.1), so nothing is added to the request.

use alloc::format;
use alloc::string::String;

use super::{
    ApiRequest, BuildOptions, Ctx, Params, RequestError, Spec, TagRules, TagSpec, Ty, apply,
    check_pem, read_params, rpc_request,
};
use crate::finding::Kind;
use crate::provider::{ProviderId, When, src};
use crate::validate::Input;

const ACTION: &str = "UploadUserCertificate";
const VERSION: &str = "2020-04-07";

/// `Tags.N.Key` / `Tags.N.Value`, at most 100 (metadata `maxItems: 100`, PROVIDERS.md §2.2). The
/// key/value rules are not documented for CAS: the Alibaba-wide rules with the CLB limits apply
/// (inferred, §2.2), worded by the `aliyun-cas` table lines for `When::Tag*`.
const TAGS: TagSpec = TagSpec {
    list: "Tags",
    key: "Key",
    value: "Value",
    max: 100,
    first_index: 1,
    rules: TagRules::Alibaba,
};

/// Every parameter of the SDK request model (3.9.4), in the order the SDK writes the query.
#[rustfmt::skip]
pub(super) const PARAMS: &[Spec] = &[
    Spec {
        name: "Cert",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §2.2"),
    },
    Spec {
        name: "ClientToken",
        ty: Ty::Str,
        source: src("PROVIDERS.md §2.2: SDK 3.9.4 [S21]"),
    },
    Spec {
        name: "EncryptCert",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §2.2 [S15]"),
    },
    Spec {
        name: "EncryptPrivateKey",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §2.2 [S15]"),
    },
    Spec {
        name: "Key",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §2.2"),
    },
    Spec {
        name: "Name",
        ty: Ty::Str,
        source: src("PROVIDERS.md §2.2 [S15][S21]"),
    },
    Spec {
        name: "ResourceGroupId",
        ty: Ty::Str,
        source: src("PROVIDERS.md §2.2"),
    },
    Spec {
        name: "SignCert",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §2.2 [S15]"),
    },
    Spec {
        name: "SignPrivateKey",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §2.2 [S15]"),
    },
    Spec {
        name: "Tags",
        ty: Ty::Tags(&TAGS),
        source: src("PROVIDERS.md §2.2 [S23]"),
    },
];

/// The SM2 (国密) upload fields (PROVIDERS.md §2.2).
const SM_FIELDS: [&str; 4] = [
    "SignCert",
    "SignPrivateKey",
    "EncryptCert",
    "EncryptPrivateKey",
];

/// Endpoint regions (PROVIDERS.md §2.1, API metadata [S23]): `cn-hangzhou` is `cas.aliyuncs.com`,
/// every other one `cas.<region>.aliyuncs.com`.
#[rustfmt::skip]
pub(super) const REGIONS: &[&str] = &[
    "cn-hangzhou",
    "cn-hongkong",
    "ap-northeast-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-5",
    "eu-central-1",
    "ap-south-1",
    "me-east-1",
];

/// `Name`: at most 63 characters of any kind (PROVIDERS.md §2.2, §7.6: current doc and SDK).
const NAME_MAX: usize = 63;

pub(super) fn build(
    params: &Params,
    options: &BuildOptions<'_>,
) -> Result<ApiRequest, RequestError> {
    let mut ctx = Ctx::new(ProviderId::AliyunCas, options);
    let mut read = read_params(&mut ctx, PARAMS, params);

    match read.str("Name") {
        None => ctx.push(
            Kind::ParameterMissing,
            Some(When::Name),
            "Name",
            "Name is required".into(),
        ),
        Some(name) if name.chars().count() > NAME_MAX => ctx.push(
            Kind::ParameterInvalid,
            Some(When::Name),
            "Name",
            format!(
                "Name has {} characters; at most {NAME_MAX}",
                name.chars().count()
            ),
        ),
        Some(_) => {}
    }

    let host = match options.region.as_deref() {
        None | Some("cn-hangzhou") => Some(String::from("cas.aliyuncs.com")),
        Some(r) if REGIONS.contains(&r) => Some(format!("cas.{r}.aliyuncs.com")),
        Some(r) => {
            let shown = crate::error::shown(r, REGIONS);
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::Region),
                "region",
                format!("{shown} has no CAS endpoint"),
            );
            None
        }
    };

    // §2.2: international mode = Cert + Key; SM mode = the four Sign*/Encrypt* fields, which the
    // API ignores when Cert and Key are both given.
    let certificate = read.str("Cert");
    let private_key = read.str("Key");
    let sm_given = SM_FIELDS.iter().any(|f| read.has(f));
    let sm_mode = sm_given && certificate.is_none();
    if sm_given && certificate.is_some() {
        if private_key.is_some() {
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::Ignored),
                "SignCert",
                "Cert and Key are given: the SM2 fields are ignored and not sent".into(),
            );
            for f in SM_FIELDS {
                read.remove(f);
            }
        } else {
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::Conflict),
                "Cert",
                "Cert is given with SM2 fields but without Key".into(),
            );
        }
    }
    if sm_mode && private_key.is_some() {
        ctx.push(
            Kind::ParameterInvalid,
            Some(When::Conflict),
            "Key",
            "Key is given without Cert in an SM2 upload (use SignPrivateKey/EncryptPrivateKey)"
                .into(),
        );
    }

    let sm = |name: &str| if sm_mode { read.str(name) } else { None };
    let checked = check_pem(
        &mut ctx,
        &Input {
            certificate: certificate.unwrap_or(""),
            private_key,
            provider: Some(ProviderId::AliyunCas),
            now_ms: options.now_ms,
            passphrase: options.passphrase.as_ref().map(|p| p.as_str()),
            max_kdf_cost: options.max_kdf_cost,
            roots: options.roots,
            sign_certificate: sm("SignCert"),
            sign_private_key: sm("SignPrivateKey"),
            encrypt_certificate: sm("EncryptCert"),
            encrypt_private_key: sm("EncryptPrivateKey"),
            ..Input::default()
        },
        false,
    );
    apply(&mut read, checked, "Cert", "Key");

    let host = host.unwrap_or_default();
    ctx.finish(|provider, warnings| rpc_request(provider, ACTION, VERSION, host, &read, warnings))
}
