//! aliyun-slb `UploadServerCertificate` 2014-05-15: parameters, rules and request (PROVIDERS.md §1).

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
const PARAMS: &[Spec] = &[
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

/// `ServerCertificateName`: the strict intersection of the EN and zh rules (PROVIDERS.md §1.2 name
/// note, §7.7): 1-80 characters, an ASCII letter first, then ASCII letters, digits, `.`, `_`, `-`.
fn name_problem(name: &str) -> Option<String> {
    let chars = name.chars().count();
    if chars > 80 {
        return Some(format!("{chars} characters; at most 80"));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some("must start with an ASCII letter".into());
    }
    name.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .map(|c| format!("character {c:?} is not allowed (letters, digits, '.', '_', '-')"))
}

pub(super) fn build(params: &Params, options: &BuildOptions) -> Result<ApiRequest, RequestError> {
    let mut ctx = Ctx::new(ProviderId::AliyunSlb);
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
            let shown = crate::error::shown(r);
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::Region),
                "RegionId",
                format!("{shown} is not a CLB region"),
            );
        }
        Some(_) => {}
    }

    if let Some(why) = read.str("ServerCertificateName").and_then(name_problem) {
        ctx.push(
            Kind::ParameterInvalid,
            Some(When::Name),
            "ServerCertificateName",
            format!("ServerCertificateName: {why}"),
        );
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
        assert!(name_problem("my-cert_01.test").is_none());
        assert!(name_problem("1cert").is_some());
        assert!(name_problem("证书").is_some());
        assert!(name_problem("a/b").is_some());
        assert!(name_problem(&"a".repeat(80)).is_none());
        assert!(name_problem(&"a".repeat(81)).is_some());
    }
}
