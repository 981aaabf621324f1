//! The JavaScript API (SPEC.md "JavaScript API"): a thin wasm-bindgen layer over the core.
//!
//! Arguments come in as JS values and are deserialized with serde; reports go out with
//! `serialize_missing_as_null` so absent values are `null` and lists are never `undefined`. Every
//! thrown value is an `Error` with a `.code`. The clock (`Date.now()`) is read here, never in the core.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::{
    ApiRequest, BuildOptions, CertificateType, Credentials, FingerprintAlgorithm,
    FingerprintFormat, Input, Params, ProviderId, SignAlgorithm, SignOptions,
    build_request as core_build_request, fingerprint as fp, sign_request as core_sign_request,
    validate as core_validate,
};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The cloud APIs cert-preflight speaks for. */
export type ProviderId = "aliyun-slb" | "aliyun-cas" | "tencent-ssl";

/** Provider-neutral identifier of a finding. */
export type Kind =
  | "InputTooLarge" | "CertificateMissing" | "CertificateFormatInvalid" | "PrivateKeyMissing"
  | "PrivateKeyFormatInvalid" | "PrivateKeyEncrypted" | "CertificateMismatch" | "IllegalKeyLength"
  | "EccCertificateNotSupport" | "KeyAlgorithmNotSupported" | "Sm2CertificateNotSupported"
  | "CertificateExpired" | "CertificateNotYetValid" | "ChainOrderInvalid" | "ChainIncomplete"
  | "CertificateTypeMismatch" | "PemNotCanonical" | "ParameterInvalid" | "ParameterMissing";

/** What to validate. */
export interface ValidateInput {
  /** PEM certificate(s), leaf first. */
  certificate: string;
  /** PEM private key. */
  privateKey?: string | null;
  /** Whose rules and error codes apply; omit for provider-neutral checks. */
  provider?: ProviderId | null;
  /** Region (aliyun-slb: EC keys only in `eccRegions`). */
  region?: string | null;
  /** Milliseconds since the epoch; default `Date.now()`. */
  now?: number | null;
  /** Passphrase of an encrypted private key. */
  passphrase?: string | null;
  /** Tencent `CertificateType`. */
  certificateType?: "SVR" | "CA" | null;
  /** aliyun-slb regions that accept ECC certificates (default none). */
  eccRegions?: string[] | null;
  /** aliyun-cas SM2 uploads: signing certificate. */
  signCertificate?: string | null;
  /** aliyun-cas SM2 uploads: signing private key. */
  signPrivateKey?: string | null;
  /** aliyun-cas SM2 uploads: encryption certificate. */
  encryptCertificate?: string | null;
  /** aliyun-cas SM2 uploads: encryption private key. */
  encryptPrivateKey?: string | null;
}

/** One thing validate has to say, in the chosen provider's words. */
export interface Finding {
  kind: Kind;
  /** The provider's error code (the kind when no provider was chosen). */
  code: string;
  /** The HTTP status the provider answers with (200: the provider accepts it). */
  httpStatus: number;
  message: string;
  /** The input field, in the provider's parameter names when a provider is given. */
  field: string;
  detail?: string;
}

/** Facts about one certificate. */
export interface CertInfo {
  subject: string;
  issuer: string;
  commonName: string | null;
  subjectAltNames: string[];
  /** Lowercase hex, no leading zeros. */
  serialNumber: string;
  /** "YYYY-MM-DDTHH:MM:SSZ" */
  notBefore: string;
  /** "YYYY-MM-DDTHH:MM:SSZ" */
  notAfter: string;
  keyAlgorithm: "RSA" | "EC" | "Ed25519" | "Ed448" | "SM2" | "DSA" | "unknown";
  keyBits: number;
  curve: "P-256" | "P-384" | "P-521" | "secp256k1" | "SM2" | null;
  signatureAlgorithm: string;
  isCA: boolean;
  /** SHA-1 of the DER, lowercase colon-separated hex. */
  fingerprintSha1: string;
  /** SHA-256 of the DER, lowercase colon-separated hex. */
  fingerprintSha256: string;
}

/** Facts about the private key (never the key itself). */
export interface KeyInfo {
  format: "PKCS#1" | "PKCS#8" | "SEC1" | "encrypted";
  keyAlgorithm: string;
  keyBits: number;
  curve: string | null;
}

/** The answer of validate. */
export interface Report {
  /** No errors. */
  ok: boolean;
  errors: Finding[];
  warnings: Finding[];
  /** The leaf. */
  certificate: CertInfo | null;
  /** Every certificate, leaf first. */
  chain: CertInfo[];
  privateKey: KeyInfo | null;
  /** Canonical PEM, when the input was not canonical and could be fixed. */
  normalized?: { certificate: string; privateKey?: string };
}

/** Errors thrown by cert-preflight always carry a code. */
export interface CertPreflightError extends Error {
  code: string;
}

/** Request parameters, in the API's own names (see each API's documentation). */
export interface AliyunSlbParams {
  RegionId: string;
  ServerCertificate?: string;
  PrivateKey?: string;
  ServerCertificateName?: string;
  AliCloudCertificateId?: string;
  AliCloudCertificateName?: string;
  AliCloudCertificateRegionId?: string;
  ResourceGroupId?: string;
  Tag?: { Key: string; Value?: string }[];
  OwnerId?: number;
  OwnerAccount?: string;
  ResourceOwnerId?: number;
  ResourceOwnerAccount?: string;
}
export interface AliyunCasParams {
  Name: string;
  Cert?: string;
  Key?: string;
  SignCert?: string;
  SignPrivateKey?: string;
  EncryptCert?: string;
  EncryptPrivateKey?: string;
  ResourceGroupId?: string;
  Tags?: { Key: string; Value?: string }[];
  ClientToken?: string;
}
export interface TencentSslParams {
  CertificatePublicKey: string;
  CertificatePrivateKey?: string;
  CertificateType?: "SVR" | "CA";
  Alias?: string;
  ProjectId?: number;
  CertificateUse?: string;
  Tags?: { TagKey: string; TagValue: string }[];
  Repeatable?: boolean;
  KeyPassword?: string;
}
export type UploadParams = AliyunSlbParams | AliyunCasParams | TencentSslParams;

/** Options of buildRequest. */
export interface BuildOptions {
  /** Milliseconds since the epoch; default `Date.now()`. */
  now?: number;
  /** aliyun-slb regions that accept ECC certificates (default none). */
  eccRegions?: string[];
  /** aliyun-cas endpoint region; tencent-ssl `X-TC-Region` (optional). */
  region?: string;
  /** aliyun-slb / aliyun-cas: decrypts an encrypted key; the request carries the decrypted key. */
  passphrase?: string;
}

/** An upload request: what `fetch` needs. Unsigned from buildRequest; signed by signRequest. */
export interface ApiRequest {
  provider: ProviderId;
  action: string;
  version: string;
  method: string;
  url: string;
  host: string;
  path: string;
  /** `[name, value]` pairs, in order (already encoded into `url`). */
  query: [string, string][];
  /** `[name, value]` pairs, lower-case names; `host` is implied. */
  headers: [string, string][];
  body: string;
  /** What normalization changed (PEM re-encoded, chain re-ordered, key converted). */
  warnings: Finding[];
}

/** Credentials for signRequest: Alibaba AccessKey or Tencent API key (with an STS token if temporary). */
export type Credentials =
  | { accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { secretId: string; secretKey: string; token?: string };

/** Options of signRequest. With both `timestamp` and `nonce` the result is deterministic. */
export interface SignOptions {
  /** Unix seconds, an ISO 8601 string (`2024-01-02T03:04:05Z`) or a Date; default now. */
  timestamp?: number | string | Date;
  /** Alibaba signature nonce; default 16 random bytes (crypto.getRandomValues) as hex. */
  nonce?: string;
  /** Alibaba: "ACS3-HMAC-SHA256" (default) or "HMAC-SHA1"; Tencent: "TC3-HMAC-SHA256". */
  algorithm?: "ACS3-HMAC-SHA256" | "HMAC-SHA1" | "TC3-HMAC-SHA256";
}

/** Input of computeSignature: one request's parts, as the signature algorithms see them. */
export type SignatureInput =
  | { algorithm: "ACS3-HMAC-SHA256"; method: string; path: string; query: Record<string, string>;
      /** Every header to sign, including host and the x-acs-* ones. */
      headers: Record<string, string>; body: string; accessKeyId: string; accessKeySecret: string }
  | { algorithm: "HMAC-SHA1"; method: string; params: Record<string, string>; accessKeySecret: string }
  | { algorithm: "TC3-HMAC-SHA256"; method: string; path: string; canonicalQuery: string; contentType: string;
      host: string; body: string; service: string; timestamp: number; secretId: string; secretKey: string };

/** The intermediate strings of a signature (fields that do not apply to the algorithm are null). */
export interface SignatureParts {
  canonicalRequest: string | null;
  canonicalizedQueryString: string | null;
  stringToSign: string;
  signedHeaders: string | null;
  signature: string;
  authorization: string | null;
}

/** Thrown by buildRequest: the provider's code of the first error, and every finding. */
export interface RequestRefusedError extends CertPreflightError {
  kind: Kind;
  httpStatus: number;
  findings: Finding[];
}
"#;

/// `ValidateInput` as JS sends it. Unknown fields are refused so that typos (`privatekey`) throw.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsValidateInput {
    certificate: Option<String>,
    private_key: Option<Zeroizing<String>>,
    provider: Option<String>,
    region: Option<String>,
    now: Option<f64>,
    passphrase: Option<Zeroizing<String>>,
    certificate_type: Option<String>,
    ecc_regions: Option<Vec<String>>,
    sign_certificate: Option<String>,
    sign_private_key: Option<Zeroizing<String>>,
    encrypt_certificate: Option<String>,
    encrypt_private_key: Option<Zeroizing<String>>,
}

/// A JS `Error` with `.code` (and the message), as every throw of this package.
fn coded_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

fn invalid_argument(message: &str) -> JsValue {
    coded_error("InvalidArgument", message)
}

/// Serializes a report/request: absent → `null`, maps → plain objects.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|e| coded_error("InternalError", &e.to_string()))
}

/// Deserializes an argument; any mismatch is an `InvalidArgument` naming the argument.
pub(crate) fn from_js<T: for<'de> Deserialize<'de>>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(invalid_argument(&alloc::format!(
            "{what} must be an object"
        )));
    }
    T::deserialize(AllKeys(serde_wasm_bindgen::Deserializer::from(value)))
        .map_err(|e| invalid_argument(&alloc::format!("{what}: {e}")))
}

/// serde-wasm-bindgen reads a struct by looking up only the fields it knows, so
/// `deny_unknown_fields` never sees a typo (`privatekey`). Reading the top-level object as a map
/// hands every key to serde, which then refuses the unknown ones.
struct AllKeys(serde_wasm_bindgen::Deserializer);

impl<'de> serde::Deserializer<'de> for AllKeys {
    type Error = serde_wasm_bindgen::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

pub(crate) fn provider_from(name: Option<&str>) -> Result<Option<ProviderId>, JsValue> {
    name.map(|p| {
        ProviderId::from_name(p).ok_or_else(|| {
            invalid_argument(&alloc::format!(
                "unknown provider {p:?}: expected \"aliyun-slb\", \"aliyun-cas\" or \"tencent-ssl\""
            ))
        })
    })
    .transpose()
}

/// `validate(input: ValidateInput): Report` — never throws for bad certificate/key content.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "ValidateInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: JsValidateInput = from_js(input, "validate() input")?;
    let provider = provider_from(input.provider.as_deref())?;
    let certificate_type = input
        .certificate_type
        .as_deref()
        .map(|t| {
            CertificateType::from_name(t).ok_or_else(|| {
                invalid_argument(&alloc::format!(
                    "certificateType must be \"SVR\" or \"CA\", not {t:?}"
                ))
            })
        })
        .transpose()?;
    let now_ms = match input.now {
        Some(n) if n.is_finite() => n,
        Some(_) => {
            return Err(invalid_argument(
                "now must be a finite number of milliseconds",
            ));
        }
        None => js_sys::Date::now(),
    };
    let ecc_regions: Vec<&str> = input
        .ecc_regions
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let report = core_validate(&Input {
        certificate: input.certificate.as_deref().unwrap_or(""),
        private_key: input.private_key.as_deref().map(String::as_str),
        provider,
        region: input.region.as_deref(),
        // Saturating float → integer conversion: out-of-range times clamp.
        #[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
        now_ms: now_ms as i64,
        passphrase: input.passphrase.as_deref().map(String::as_str),
        certificate_type,
        ecc_regions: &ecc_regions,
        sign_certificate: input.sign_certificate.as_deref(),
        sign_private_key: input.sign_private_key.as_deref().map(String::as_str),
        encrypt_certificate: input.encrypt_certificate.as_deref(),
        encrypt_private_key: input.encrypt_private_key.as_deref().map(String::as_str),
    });
    to_js(&report)
}

/// `fingerprint(pem, algorithm?, format?): string` of the first certificate; throws `Error` with
/// `.code = "CertificateFormatInvalid"` when there is none.
#[wasm_bindgen]
pub fn fingerprint(
    #[wasm_bindgen(unchecked_param_type = "string")] pem: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"sha1\" | \"sha256\"")] algorithm: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"colon-lower\" | \"colon-upper\" | \"hex\"")]
    format: JsValue,
) -> Result<String, JsValue> {
    let pem = pem
        .as_string()
        .ok_or_else(|| invalid_argument("fingerprint(): pem must be a string"))?;
    let algorithm = match optional_string(&algorithm, "algorithm")? {
        None => FingerprintAlgorithm::default(),
        Some(a) => FingerprintAlgorithm::from_name(&a).ok_or_else(|| {
            invalid_argument(&alloc::format!(
                "algorithm must be \"sha1\" or \"sha256\", not {a:?}"
            ))
        })?,
    };
    let format = match optional_string(&format, "format")? {
        None => FingerprintFormat::default(),
        Some(f) => FingerprintFormat::from_name(&f).ok_or_else(|| {
            invalid_argument(&alloc::format!(
                "format must be \"colon-lower\", \"colon-upper\" or \"hex\", not {f:?}"
            ))
        })?,
    };
    fp(&pem, algorithm, format).map_err(|e| coded_error(e.code(), &e.to_string()))
}

/// `undefined`/`null` → `None`, a string → `Some`, anything else → `InvalidArgument`.
fn optional_string(value: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| invalid_argument(&alloc::format!("{name} must be a string")))
}

/// `BuildOptions` as JS sends it.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsBuildOptions {
    now: Option<f64>,
    ecc_regions: Option<Vec<String>>,
    region: Option<String>,
    passphrase: Option<Zeroizing<String>>,
}

/// `SignOptions` as JS sends it (`timestamp` is read separately: number, string or Date).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsSignOptions {
    nonce: Option<String>,
    algorithm: Option<SignAlgorithm>,
}

/// An optional options object: `undefined`/`null` → defaults.
fn options_from<T: for<'de> Deserialize<'de> + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        from_js(value, what)
    }
}

/// Milliseconds → the core's integer clock (saturating; non-finite is refused).
fn clock_ms(now: Option<f64>) -> Result<i64, JsValue> {
    let ms = match now {
        Some(n) if n.is_finite() => n,
        Some(_) => {
            return Err(invalid_argument(
                "now must be a finite number of milliseconds",
            ));
        }
        None => js_sys::Date::now(),
    };
    // Saturating float → integer conversion: out-of-range times clamp.
    #[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
    Ok(ms as i64)
}

/// `buildRequest(provider, params, options?): ApiRequest` — throws an `Error` with the provider's
/// `.code`, `.kind`, `.httpStatus` and every finding in `.findings` when the provider would refuse.
#[wasm_bindgen(js_name = buildRequest, unchecked_return_type = "ApiRequest")]
pub fn build_request(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "UploadParams")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let name = provider
        .as_string()
        .ok_or_else(|| invalid_argument("buildRequest(): provider must be a string"))?;
    let provider = provider_from(Some(&name))?
        .ok_or_else(|| invalid_argument("buildRequest(): provider is required"))?;
    if !params.is_object() || js_sys::Array::is_array(&params) {
        return Err(invalid_argument("buildRequest(): params must be an object"));
    }
    let params: Params = serde_wasm_bindgen::from_value(params)
        .map_err(|e| invalid_argument(&alloc::format!("buildRequest() params: {e}")))?;
    let options: JsBuildOptions = options_from(options, "buildRequest() options")?;
    let options = BuildOptions {
        now_ms: clock_ms(options.now)?,
        ecc_regions: options.ecc_regions.unwrap_or_default(),
        region: options.region,
        passphrase: options.passphrase,
    };
    match core_build_request(provider, &params, &options) {
        Ok(request) => to_js(&request),
        Err(refused) => {
            let error = coded_error(&refused.code, &refused.to_string());
            let set = |name: &str, value: &JsValue| {
                let _ = js_sys::Reflect::set(&error, &JsValue::from_str(name), value);
            };
            set("kind", &JsValue::from_str(refused.kind.as_str()));
            set("httpStatus", &JsValue::from(refused.http_status));
            set("findings", &to_js(&refused.findings)?);
            Err(error)
        }
    }
}

/// `signRequest(request, credentials, options?): ApiRequest` — signs in trusted code (a Worker that
/// holds the secrets). Without `timestamp`/`nonce` the clock and `crypto.getRandomValues` are used.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "ApiRequest")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "ApiRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Credentials")] credentials: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SignOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    if !request.is_object() {
        return Err(invalid_argument(
            "signRequest(): request must be an object from buildRequest()",
        ));
    }
    let request: ApiRequest = serde_wasm_bindgen::from_value(request)
        .map_err(|e| invalid_argument(&alloc::format!("signRequest() request: {e}")))?;
    if !credentials.is_object() {
        return Err(invalid_argument(
            "signRequest(): credentials must be an object",
        ));
    }
    // The serde message for an untagged enum names no field values, so no secret can leak here.
    let credentials: Credentials = serde_wasm_bindgen::from_value(credentials).map_err(|_| {
        invalid_argument(
            "signRequest(): credentials must be { accessKeyId, accessKeySecret, securityToken? } or { secretId, secretKey, token? }",
        )
    })?;
    let timestamp = if options.is_object() {
        js_sys::Reflect::get(&options, &JsValue::from_str("timestamp"))
            .unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    let timestamp_s = timestamp_seconds(&timestamp)?;
    let js_options: JsSignOptions = if options.is_object() {
        // `timestamp` is read above (it may be a Date); hide it from serde.
        let copy = js_sys::Object::assign(&js_sys::Object::new(), options.unchecked_ref());
        let _ = js_sys::Reflect::delete_property(&copy, &JsValue::from_str("timestamp"));
        from_js(copy.into(), "signRequest() options")?
    } else {
        options_from(options, "signRequest() options")?
    };
    let nonce = match js_options.nonce {
        Some(n) => n,
        None => random_nonce()?,
    };
    let signed = core_sign_request(
        &request,
        &credentials,
        &SignOptions {
            timestamp_s,
            nonce,
            algorithm: js_options.algorithm,
        },
    )
    .map_err(|e| coded_error(e.code(), &e.to_string()))?;
    to_js(&signed)
}

/// `timestamp`: Unix seconds, an ISO 8601 UTC string, a `Date`, or absent (now).
fn timestamp_seconds(value: &JsValue) -> Result<i64, JsValue> {
    let ms = if value.is_undefined() || value.is_null() {
        js_sys::Date::now()
    } else if let Some(seconds) = value.as_f64() {
        if !seconds.is_finite() {
            return Err(invalid_argument(
                "timestamp must be a finite number of seconds",
            ));
        }
        seconds * 1000.0
    } else if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        date.get_time()
    } else if let Some(text) = value.as_string() {
        js_sys::Date::parse(&text)
    } else {
        return Err(invalid_argument(
            "timestamp must be Unix seconds, an ISO 8601 string or a Date",
        ));
    };
    if !ms.is_finite() {
        return Err(invalid_argument("timestamp is not a valid date"));
    }
    #[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
    Ok((ms / 1000.0).floor() as i64)
}

/// 16 random bytes from `crypto.getRandomValues`, as 32 lowercase hex digits.
fn random_nonce() -> Result<String, JsValue> {
    let no_crypto = || {
        coded_error(
            "InvalidArgument",
            "no crypto.getRandomValues here: pass options.nonce",
        )
    };
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .map_err(|_| no_crypto())?;
    let get_random = js_sys::Reflect::get(&crypto, &JsValue::from_str("getRandomValues"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(no_crypto)?;
    let bytes = js_sys::Uint8Array::new_with_length(16);
    get_random.call1(&crypto, &bytes).map_err(|_| no_crypto())?;
    Ok(crate::fingerprint::hex(
        &bytes.to_vec(),
        FingerprintFormat::Hex,
    ))
}

/// `computeSignature` input (PROVIDERS.md §5 step by step; secrets zeroized on drop).
#[derive(Deserialize)]
#[serde(tag = "algorithm", deny_unknown_fields)]
enum JsSignatureInput {
    #[serde(rename = "ACS3-HMAC-SHA256", rename_all = "camelCase")]
    Acs3 {
        method: String,
        path: String,
        query: alloc::collections::BTreeMap<String, String>,
        headers: alloc::collections::BTreeMap<String, String>,
        body: String,
        access_key_id: String,
        access_key_secret: Zeroizing<String>,
    },
    #[serde(rename = "HMAC-SHA1", rename_all = "camelCase")]
    RpcSha1 {
        method: String,
        params: alloc::collections::BTreeMap<String, String>,
        access_key_secret: Zeroizing<String>,
    },
    #[serde(rename = "TC3-HMAC-SHA256", rename_all = "camelCase")]
    Tc3 {
        method: String,
        path: String,
        canonical_query: String,
        content_type: String,
        host: String,
        body: String,
        service: String,
        timestamp: i64,
        secret_id: String,
        secret_key: Zeroizing<String>,
    },
}

/// `SignatureParts` for JS.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsSignatureParts {
    canonical_request: Option<String>,
    canonicalized_query_string: Option<String>,
    string_to_sign: String,
    signed_headers: Option<String>,
    signature: String,
    authorization: Option<String>,
}

impl From<crate::SignatureParts> for JsSignatureParts {
    fn from(p: crate::SignatureParts) -> Self {
        JsSignatureParts {
            canonical_request: Some(p.canonical_request),
            string_to_sign: p.string_to_sign,
            signed_headers: Some(p.signed_headers),
            signature: p.signature,
            authorization: Some(p.authorization),
            ..JsSignatureParts::default()
        }
    }
}

/// `computeSignature(input: SignatureInput): SignatureParts` — the low-level signers behind
/// signRequest, with every intermediate string, for checking against other implementations.
#[wasm_bindgen(js_name = computeSignature, unchecked_return_type = "SignatureParts")]
pub fn compute_signature(
    #[wasm_bindgen(unchecked_param_type = "SignatureInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    if !input.is_object() {
        return Err(invalid_argument(
            "computeSignature(): input must be an object",
        ));
    }
    let input: JsSignatureInput = serde_wasm_bindgen::from_value(input)
        .map_err(|e| invalid_argument(&alloc::format!("computeSignature() input: {e}")))?;
    let pairs = |m: &alloc::collections::BTreeMap<String, String>| -> Vec<(String, String)> {
        m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    let coded = |e: crate::Error| coded_error(e.code(), &e.to_string());
    let parts: JsSignatureParts = match &input {
        JsSignatureInput::Acs3 {
            method,
            path,
            query,
            headers,
            body,
            access_key_id,
            access_key_secret,
        } => {
            let (query, headers) = (pairs(query), pairs(headers));
            let query: Vec<(&str, &str)> = query
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            crate::sign_acs3(
                &crate::Acs3Input {
                    method,
                    path,
                    query: &query,
                    headers: &headers,
                    body: body.as_bytes(),
                },
                access_key_id,
                access_key_secret,
            )
            .map_err(coded)?
            .into()
        }
        JsSignatureInput::RpcSha1 {
            method,
            params,
            access_key_secret,
        } => {
            let params = pairs(params);
            let params: Vec<(&str, &str)> = params
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let s = crate::sign_rpc_hmac_sha1(method, &params, access_key_secret).map_err(coded)?;
            JsSignatureParts {
                canonicalized_query_string: Some(s.canonicalized_query_string),
                string_to_sign: s.string_to_sign,
                signature: s.signature,
                ..JsSignatureParts::default()
            }
        }
        JsSignatureInput::Tc3 {
            method,
            path,
            canonical_query,
            content_type,
            host,
            body,
            service,
            timestamp,
            secret_id,
            secret_key,
        } => crate::sign_tc3(
            &crate::Tc3Input {
                method,
                path,
                canonical_query,
                content_type,
                host,
                body: body.as_bytes(),
                service,
                timestamp_s: *timestamp,
            },
            secret_id,
            secret_key,
        )
        .map_err(coded)?
        .into(),
    };
    to_js(&parts)
}
