//! Arbitrary text through `build_request` and, when it builds, `sign_request`.
//!
//! Layout: `flags cert [0x00 key [0x00 name [0x00 tag [0x00 passphrase]]]]` (lossy UTF-8 each).
//! flags bits 0-1: provider (aliyun-slb / aliyun-cas / tencent-ssl SVR / tencent-ssl CA);
//! bit 2: the passphrase part as `options.passphrase` (tencent-ssl: as `KeyPassword`);
//! bit 3: a tag with key `env` and the tag part as value; bit 4: the name part is also sent as the
//! name of an unknown parameter; bit 5: region `cn-hangzhou` (else the tag part is the region);
//! bit 6: Alibaba HMAC-SHA1 instead of ACS3; bit 7: cn-hangzhou in the EC regions.
#![no_main]

use cert_preflight::{
    BuildOptions, Credentials, Language, ParamValue, Params, ProviderId, SignAlgorithm,
    SignOptions, build_request, sign_request,
};
use libfuzzer_sys::fuzz_target;
use zeroize::Zeroizing;

const NOW_MS: i64 = 1_780_272_000_000;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.splitn(5, |&b| b == 0).map(String::from_utf8_lossy);
    let mut next = || parts.next().map(|s| s.into_owned()).unwrap_or_default();
    let (cert, key, name, tag, pass) = (next(), next(), next(), next(), next());

    let provider = match flags & 3 {
        0 => ProviderId::AliyunSlb,
        1 => ProviderId::AliyunCas,
        _ => ProviderId::TencentSsl,
    };
    let region = if flags & 0x20 != 0 {
        "cn-hangzhou".to_owned()
    } else {
        tag.clone()
    };
    let mut params = Params::new();
    let mut set = |k: &str, v: ParamValue| {
        params.insert(k.to_owned(), v);
    };
    let tags = |k: &str, v: &str| {
        ParamValue::List(vec![ParamValue::object([
            (k, ParamValue::from("env")),
            (v, ParamValue::from(tag.as_str())),
        ])])
    };
    match provider {
        ProviderId::AliyunSlb => {
            set("RegionId", region.as_str().into());
            set("ServerCertificate", cert.as_str().into());
            set("PrivateKey", key.as_str().into());
            set("ServerCertificateName", name.as_str().into());
            if flags & 8 != 0 {
                set("Tag", tags("Key", "Value"));
            }
        }
        ProviderId::AliyunCas => {
            set("Name", name.as_str().into());
            set("Cert", cert.as_str().into());
            set("Key", key.as_str().into());
            if flags & 8 != 0 {
                set("Tags", tags("Key", "Value"));
            }
        }
        _ => {
            set("CertificatePublicKey", cert.as_str().into());
            set("CertificatePrivateKey", key.as_str().into());
            set(
                "CertificateType",
                if flags & 3 == 3 { "CA" } else { "SVR" }.into(),
            );
            set("Alias", name.as_str().into());
            if flags & 4 != 0 {
                set("KeyPassword", pass.as_str().into());
            }
            if flags & 8 != 0 {
                set("Tags", tags("TagKey", "TagValue"));
            }
        }
    }
    if flags & 0x10 != 0 {
        set(&name, ParamValue::Int(1));
    }
    let options = BuildOptions {
        now_ms: NOW_MS,
        ecc_regions: if flags & 0x80 != 0 {
            vec!["cn-hangzhou".to_owned()]
        } else {
            Vec::new()
        },
        region: (flags & 0x20 == 0).then(|| region.clone()),
        passphrase: (flags & 4 != 0).then(|| Zeroizing::new(pass.clone())),
        // The default budget (None), as a caller who does not set it.
        max_kdf_cost: None,
        // en-US, or the provider's default (zh-CN for Tencent and CAS): both languages' texts.
        language: (flags & 0x40 != 0).then_some(Language::EnUs),
        // No trust anchors: the chain checks without roots (validate_pfx and the chain tests cover them).
        roots: None,
    };
    let Ok(request) = build_request(provider, &params, &options) else {
        return;
    };
    let (credentials, algorithm) = match provider {
        ProviderId::TencentSsl => (Credentials::tencent("AKIDEXAMPLE", "secret"), None),
        _ => (
            Credentials::alibaba("LTAIEXAMPLE", "secret"),
            (flags & 0x40 != 0).then_some(SignAlgorithm::HmacSha1),
        ),
    };
    let options = SignOptions {
        timestamp_s: NOW_MS / 1000,
        nonce: "3a7c1f0e-fuzz".to_owned(),
        algorithm,
    };
    let _ = sign_request(&request, &credentials, &options);
});
