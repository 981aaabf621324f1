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
    CertificateType, FingerprintAlgorithm, FingerprintFormat, Input, ProviderId, fingerprint as fp,
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
