//! aliyun-slb `UploadServerCertificate` 2014-05-15: parameters, rules and request (PROVIDERS.md §1).
//!
//! `BuildOptions::language` picks the findings' language only: UploadServerCertificate has no
//! language parameter or header (API metadata, SDK, gateway common parameters:
//! docs/research/languages.md §2.1), so nothing is added to the request.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{
    ApiRequest, BuildOptions, Ctx, Params, RequestError, Spec, TagRules, TagSpec, Ty, apply,
    check_pem, read_params, rpc_request,
};
use crate::finding::Kind;
use crate::provider::{ProviderId, When, src};
use crate::validate::Input;

const ACTION: &str = "UploadServerCertificate";
const VERSION: &str = "2014-05-15";

/// `Tag.N.Key` / `Tag.N.Value`, N = 1-20 (PROVIDERS.md §1.2, metadata `maxItems: 20`).
const TAGS: TagSpec = TagSpec {
    list: "Tag",
    key: "Key",
    value: "Value",
    max: 20,
    first_index: 1,
    rules: TagRules::Alibaba,
};

/// Every parameter of the SDK request model, in the order the SDK writes the query (alphabetical).
#[rustfmt::skip]
pub(super) const PARAMS: &[Spec] = &[
    Spec {
        name: "AliCloudCertificateId",
        ty: Ty::Str,
        source: src("PROVIDERS.md §1.2 [S1]"),
    },
    Spec {
        name: "AliCloudCertificateName",
        ty: Ty::Str,
        source: src("PROVIDERS.md §1.2 [S1]"),
    },
    Spec {
        name: "AliCloudCertificateRegionId",
        ty: Ty::Str,
        source: src("PROVIDERS.md §1.2 [S1]"),
    },
    Spec {
        name: "OwnerAccount",
        ty: Ty::Str,
        source: src("PROVIDERS.md §1.2: SDK request model [S21]"),
    },
    Spec {
        name: "OwnerId",
        ty: Ty::Long,
        source: src("PROVIDERS.md §1.2: SDK request model [S21]"),
    },
    Spec {
        name: "PrivateKey",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §1.2 [S2]"),
    },
    Spec {
        name: "RegionId",
        ty: Ty::Str,
        source: src("PROVIDERS.md §1.2 [S1][S23]"),
    },
    Spec {
        name: "ResourceGroupId",
        ty: Ty::Str,
        source: src("PROVIDERS.md §1.2"),
    },
    Spec {
        name: "ResourceOwnerAccount",
        ty: Ty::Str,
        source: src("PROVIDERS.md §1.2: SDK request model [S21]"),
    },
    Spec {
        name: "ResourceOwnerId",
        ty: Ty::Long,
        source: src("PROVIDERS.md §1.2: SDK request model [S21]"),
    },
    Spec {
        name: "ServerCertificate",
        ty: Ty::Pem,
        source: src("PROVIDERS.md §1.2 [S2]"),
    },
    Spec {
        name: "ServerCertificateName",
        ty: Ty::Str,
        source: src("PROVIDERS.md §1.2 [S1][S3][S4]"),
    },
    Spec {
        name: "Tag",
        ty: Ty::Tags(&TAGS),
        source: src("PROVIDERS.md §1.2 [S1][S23]"),
    },
];

/// Region IDs of the API metadata (PROVIDERS.md §1.2, Dec 2025 [S23]).
#[rustfmt::skip]
pub(super) const REGIONS: &[&str] = &[
    "cn-qingdao",
    "cn-beijing",
    "cn-zhangjiakou",
    "cn-zhengzhou-jva",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-hangzhou",
    "cn-shanghai",
    "cn-nanjing",
    "cn-fuzhou",
    "cn-shenzhen",
    "cn-heyuan",
    "cn-guangzhou",
    "cn-chengdu",
    "cn-wuhan-lr",
    "cn-hongkong",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "us-east-1",
    "us-west-1",
    "eu-west-1",
    "eu-central-1",
    "ap-south-1",
    "me-east-1",
    "me-central-1",
    "na-south-1",
    "cn-hangzhou-finance",
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
    "cn-beijing-finance-1",
    "cn-heyuan-acdr-1",
];

/// Regions of [`REGIONS`] the SDK's endpoint map sends to the central `slb.aliyuncs.com`
/// (PROVIDERS.md §1.1; `alibabacloud_slb20140515` `_endpoint_map` [S21]); all others go to
/// `slb.<region>.aliyuncs.com`.
#[rustfmt::skip]
const CENTRAL: &[&str] = &[
    "cn-qingdao",
    "cn-beijing",
    "cn-hangzhou",
    "cn-shanghai",
    "cn-shenzhen",
    "cn-hongkong",
    "ap-southeast-1",
    "us-west-1",
    "us-east-1",
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
    "cn-beijing-finance-1",
    "cn-hangzhou-finance",
];

/// The endpoint host for a region.
fn host(region: &str) -> String {
    if CENTRAL.contains(&region) {
        "slb.aliyuncs.com".into()
    } else {
        format!("slb.{region}.aliyuncs.com")
    }
}

/// `ServerCertificateName` under the zh API metadata's rule (EVIDENCE.md S12): 1-80 characters;
/// Chinese characters, letters, digits, `-`, `/`, `.`, `_` and `*`.
fn name_problem(name: &str) -> Option<String> {
    let chars = name.chars().count();
    if chars == 0 || chars > 80 {
        return Some(format!("{chars} characters; 1 to 80"));
    }
    name.chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | '_' | '*') || is_chinese(c)))
        .map(|c| {
            format!("character {c:?} is not allowed (Chinese characters, letters, digits, '-', '/', '.', '_', '*')")
        })
}

/// What the older English rule (the SDKs' text) refuses in a name the zh rule allows: an English
/// letter first, then letters, digits, `.`, `_`, `-`.
fn legacy_name_problem(name: &str) -> Option<&'static str> {
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("does not start with an English letter")
    } else if name
        .chars()
        .any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        Some("holds a character other than letters, digits, '.', '_', '-'")
    } else {
        None
    }
}

/// A Han character (CJK Unified Ideographs, extension A, compatibility ideographs): what "中文" means
/// in the rule.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

pub(super) fn build(
    params: &Params,
    options: &BuildOptions<'_>,
) -> Result<ApiRequest, RequestError> {
    let mut ctx = Ctx::new(ProviderId::AliyunSlb, options);
    let mut read = read_params(&mut ctx, PARAMS, params);

    let region = read.str("RegionId");
    match region {
        None => ctx.push(
            Kind::ParameterMissing,
            Some(When::Region),
            "RegionId",
            "RegionId is required".into(),
        ),
        Some(r) if !REGIONS.contains(&r) => {
            let shown = crate::error::shown(r, REGIONS);
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::Region),
                "RegionId",
                format!("{shown} is not a CLB region"),
            );
        }
        Some(_) => {}
    }

    if let Some(name) = read.str("ServerCertificateName") {
        if let Some(why) = name_problem(name) {
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::Name),
                "ServerCertificateName",
                format!("ServerCertificateName: {why}"),
            );
        } else if let Some(why) = legacy_name_problem(name) {
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::NameLegacy),
                "ServerCertificateName",
                format!("ServerCertificateName {why}"),
            );
        }
    }

    // §1.2: ServerCertificate + PrivateKey, unless the certificate comes from CAS by
    // AliCloudCertificateId.
    let certificate = read.str("ServerCertificate");
    let private_key = read.str("PrivateKey");
    if read.has("AliCloudCertificateId") {
        for (given, name) in [
            (certificate.is_some(), "ServerCertificate"),
            (private_key.is_some(), "PrivateKey"),
        ] {
            if given {
                ctx.push(
                    Kind::ParameterInvalid,
                    Some(When::Conflict),
                    name,
                    format!("{name} and AliCloudCertificateId exclude each other"),
                );
            }
        }
    } else {
        for name in ["AliCloudCertificateName", "AliCloudCertificateRegionId"] {
            if read.has(name) {
                // [S31]: the API answers that AliCloudCertificateId is missing.
                ctx.push(
                    Kind::ParameterMissing,
                    None,
                    "AliCloudCertificateId",
                    format!("{name} is given without AliCloudCertificateId"),
                );
            }
        }
        let ecc: Vec<&str> = options.ecc_regions.iter().map(String::as_str).collect();
        let checked = check_pem(
            &mut ctx,
            &Input {
                certificate: certificate.unwrap_or(""),
                private_key,
                provider: Some(ProviderId::AliyunSlb),
                region,
                now_ms: options.now_ms,
                passphrase: options.passphrase.as_ref().map(|p| p.as_str()),
                max_kdf_cost: options.max_kdf_cost,
                roots: options.roots,
                ecc_regions: &ecc,
                ..Input::default()
            },
            false,
        );
        apply(&mut read, checked, "ServerCertificate", "PrivateKey");
    }

    let host = host(region.unwrap_or("cn-hangzhou"));
    ctx.finish(|provider, warnings| rpc_request(provider, ACTION, VERSION, host, &read, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn central_regions_are_known_regions() {
        for r in CENTRAL {
            assert!(REGIONS.contains(r), "{r}");
        }
        assert_eq!(host("cn-hangzhou"), "slb.aliyuncs.com");
        assert_eq!(host("eu-central-1"), "slb.eu-central-1.aliyuncs.com");
    }

    #[test]
    fn names() {
        // The zh metadata's rule (EVIDENCE.md S12): these are accepted …
        for ok in [
            "my-cert_01.test",
            "1cert",
            "证书1",
            "*.example.com",
            "a/b",
            "2024-cert",
        ] {
            assert!(name_problem(ok).is_none(), "{ok}");
        }
        assert!(name_problem(&"a".repeat(80)).is_none());
        assert!(name_problem(&"证".repeat(80)).is_none());
        // … these are not.
        for bad in ["", "a b", "a:b", "cert\n", "ｃｅｒｔ", "é", "🙂"] {
            assert!(name_problem(bad).is_some(), "{bad:?}");
        }
        assert!(name_problem(&"a".repeat(81)).is_some());
        // The older English rule only warns.
        assert!(legacy_name_problem("my-cert_01.test").is_none());
        for old in ["1cert", "证书1", "*.example.com", "a/b", "-x"] {
            assert!(legacy_name_problem(old).is_some(), "{old}");
        }
    }
}
