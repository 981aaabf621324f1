//! The JavaScript API (SPEC.md "JavaScript API"): a thin wasm-bindgen layer over the core.
//!
//! Arguments are read by hand with js_sys — [`entries`] and [`fields`] for argument objects, typed
//! readers on [`Field`], [`param_value`] for `buildRequest` parameters — so no serde `Deserialize`
//! runs in the wasm build (serde-wasm-bindgen's deserializer, serde's buffering of untagged and
//! internally tagged enums, and the float formatting of its messages were a large part of the
//! .wasm). Unknown keys of the option objects throw, so typos (`privatekey`) are never ignored. A
//! wrong value is described by its JS type, never shown: it may be a key or a secret; a caller's
//! string is quoted only when it is a near miss of a value the argument knows
//! ([`crate::error::shown`]). Secrets (private keys, passphrases, access key secrets) go straight
//! into [`Zeroizing`] buffers.
//!
//! Every list and object is bounded before it is copied: no `Array.from` or `Object.entries` on a
//! caller's value. An array's `length`, an object's key count is checked against [`MAX_ITEMS`]
//! first; iterables are stepped by hand and stopped one past it; `buildRequest` params have a
//! budget of [`MAX_PARAM_VALUES`] in all. A sparse array of length 2^32−1 answers as fast as an
//! empty one.
//!
//! Results are written by hand too ([`report_js`], [`request_js`]…), field for field what
//! serde-wasm-bindgen's `Serializer` with `serialize_missing_as_null` made of the core's `Serialize`
//! types (tests/wasm_cases/output.rs compares the two): camelCase names in declaration order, absent
//! values `null`, lists always arrays, `[name, value]` pairs as two-element arrays. Every thrown
//! value is an `Error` with a `.code`. The clock (`Date.now()`) is read here, never in the core.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

mod chain;

pub use chain::{TrustAnchorsHandle, complete_chain, trust_anchors};

use crate::error::shown;
use crate::input::MAX_FIELD_BYTES;
use crate::{
    ApiRequest, BuildOptions, CertInfo, CertificateType, Credentials, Finding,
    FingerprintAlgorithm, FingerprintFormat, Input, KeyInfo, Language, ParamValue, Params,
    ProviderId, Report, SignAlgorithm, SignOptions, build_request as core_build_request,
    fingerprint as fp, sign_request as core_sign_request, validate as core_validate,
};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The cloud APIs cert-preflight speaks for. */
export type ProviderId = "aliyun-slb" | "aliyun-cas" | "tencent-ssl";

/** The languages findings' messages come in (and Tencent's `X-TC-Language`). */
export type Language = "zh-CN" | "en-US";

/** Provider-neutral identifier of a finding. */
export type Kind =
  | "InputTooLarge" | "CertificateMissing" | "CertificateFormatInvalid" | "PrivateKeyMissing"
  | "PrivateKeyFormatInvalid" | "PrivateKeyEncrypted" | "CertificateMismatch" | "IllegalKeyLength"
  | "EccCertificateNotSupport" | "KeyAlgorithmNotSupported" | "Sm2CertificateNotSupported"
  | "CertificateExpired" | "CertificateNotYetValid" | "ChainOrderInvalid" | "ChainIncomplete"
  | "ChainUntrusted" | "CertificateTypeMismatch" | "PemNotCanonical" | "ParameterInvalid" | "ParameterMissing"
  | "PfxFormatInvalid" | "PfxPasswordIncorrect" | "PfxContentUnused";

/** What to validate. */
export interface ValidateInput {
  /**
   * The certificate(s), leaf first: PEM text, bare base64 of DER, or bytes (a `Uint8Array`,
   * `Buffer`, other typed array or `DataView`: DER, one certificate or several one after the
   * other, or PEM/base64 text as bytes). Omit it when `pfx` is given.
   */
  certificate?: string | ArrayBufferView | null;
  /**
   * The private key: PEM text, bare base64 of DER, or bytes (PKCS#8, PKCS#1, SEC1 or encrypted
   * PKCS#8 DER, or PEM as bytes); an encrypted one is opened with `passphrase`.
   */
  privateKey?: string | ArrayBufferView | null;
  /**
   * A PKCS#12 / PFX file (`.pfx`, `.p12`): its bytes, or base64 text. Opened with `passphrase`;
   * its chain and key are checked as the PEM pair would be, and `normalized` is that pair.
   * Exclusive with `certificate` and `privateKey` (both given: throws `InvalidArgument`).
   */
  pfx?: ArrayBufferView | string | null;
  /** Whose rules and error codes apply; omit for provider-neutral checks. */
  provider?: ProviderId | null;
  /** Region (aliyun-slb: EC keys only in `eccRegions`). */
  region?: string | null;
  /** Milliseconds since the epoch; default `Date.now()`. */
  now?: number | null;
  /** Passphrase of an encrypted private key, or of `pfx`. */
  passphrase?: string | null;
  /** Tencent `CertificateType`. */
  certificateType?: "SVR" | "CA" | null;
  /**
   * aliyun-slb regions that accept ECC certificates (default none: CLB takes RSA only today). Until
   * 2021 these twelve did, and accounts may still upload EC there: eu-west-1, cn-qingdao,
   * cn-huhehaote, cn-chengdu, ap-northeast-1, ap-south-1, ap-southeast-2, ap-southeast-3, us-west-1,
   * us-east-1, eu-central-1, me-east-1.
   */
  eccRegions?: string[] | null;
  /** aliyun-cas SM2 uploads: signing certificate. */
  signCertificate?: string | null;
  /** aliyun-cas SM2 uploads: signing private key. */
  signPrivateKey?: string | null;
  /** aliyun-cas SM2 uploads: encryption certificate. */
  encryptCertificate?: string | null;
  /** aliyun-cas SM2 uploads: encryption private key. */
  encryptPrivateKey?: string | null;
  /**
   * Work budget of decrypting an encrypted key, in cost units (one unit ≈ one hash compression or
   * one scrypt Salsa20/8 core). Default 600,000: about half a second, enough for the defaults of
   * OpenSSL (scrypt N=16384, r=8, p=1), Python, Java and Go. Above it the key is not decrypted and
   * the report has a `PrivateKeyEncrypted` finding that says the cost; raise it where waiting is
   * fine (a CLI, a Worker on a paid plan).
   */
  maxKdfCost?: number | null;
  /**
   * Trusted roots (`trustAnchors()`): then `ChainIncomplete` only when the chain reaches none of
   * them (the root need not be uploaded), and `ChainUntrusted` when it ends at a self-signed
   * certificate outside the set. Without it, a chain is complete when it ends self-signed.
   */
  roots?: TrustAnchors | null;
  /**
   * The language of the messages; default the API's own (tencent-ssl and aliyun-cas: zh-CN;
   * aliyun-slb and no provider: en-US). A message is a text the provider returns, byte for byte.
   */
  language?: Language | null;
}

/** One thing validate has to say, in the chosen provider's words. */
export interface Finding {
  kind: Kind;
  /** The provider's error code (the kind when no provider was chosen). */
  code: string;
  /** The HTTP status the provider answers with (200: the provider accepts it). */
  httpStatus: number;
  /** The provider's own text for it, in the language asked for (ours on a line the provider has none for). */
  message: string;
  /**
   * `message` in English when it is not: the provider's own en-US text when one is known, else our
   * rendering (never presented as the provider's). Absent when `message` is English.
   */
  messageEn?: string;
  /** The input field, in the provider's parameter names when a provider is given. */
  field: string;
  detail?: string;
  /**
   * How sure the code is: "observed" (seen in a real response of that API), "documented" (in that
   * API's error table, SDK or metadata; without a provider: defined by an RFC or by this package's
   * documented limits) or "inferred" (our reading, or this package's own policy).
   */
  confidence: Confidence;
  /** Other codes the provider is documented or observed to answer for the same condition. */
  alternatives: string[];
}

/** How sure a finding's code is (see `Finding.confidence`). */
export type Confidence = "observed" | "documented" | "inferred";

/** Facts about one certificate. */
export interface CertInfo {
  /** 0-based position of its block among the input's CERTIFICATE blocks (`certificate #index+1`). */
  index: number;
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
  /** The authorityInfoAccess caIssuers URIs, as written: where its issuer can be fetched. */
  caIssuers: string[];
  /** How it was given: PEM text, DER (bytes or bare base64), or inside a PKCS#12 file. */
  source: "pem" | "der" | "pkcs12";
}

/** Facts about the private key (never the key itself). */
export interface KeyInfo {
  format: "PKCS#1" | "PKCS#8" | "SEC1" | "encrypted";
  keyAlgorithm: string;
  keyBits: number;
  curve: string | null;
  /** How it was given: PEM text, DER (bytes or bare base64), or inside a PKCS#12 file. */
  source: "pem" | "der" | "pkcs12";
}

/** The answer of validate. */
export interface Report {
  /** No errors. */
  ok: boolean;
  errors: Finding[];
  warnings: Finding[];
  /** The leaf. */
  certificate: CertInfo | null;
  /** Every certificate read, in input order; `chain[0]` is the leaf, or the chain is empty when the
   *  leaf could not be read. */
  chain: CertInfo[];
  privateKey: KeyInfo | null;
  /** Canonical PEM, when the input was not canonical and could be fixed. */
  normalized?: { certificate: string; privateKey?: string };
}

/** What a host got from a caIssuers URL (for `completeChain`). */
export interface FetchedIssuer {
  /** The URL, as `next` named it. */
  url: string;
  /** The body as served: DER, PKCS#7 certs-only (BER or DER) or PEM; read up to 64 KiB. */
  body: Uint8Array | string;
}

/** Options of completeChain. */
export interface ChainOptions {
  /** Trusted roots: the chain is complete when it reaches one (else when it ends self-signed). */
  roots?: TrustAnchors | null;
}

/** The answer of completeChain. */
export interface ChainCompletion {
  /** PEM bundle, leaf first: the input's chain plus every fetched issuer that continues it. */
  certificate: string;
  /** The issuers added, in chain order, with the URL each came from. */
  added: (CertInfo & { url: string })[];
  /** caIssuers URLs of the chain's last certificate still to fetch (empty when done). */
  next: string[];
  /** The chain ends at a self-signed certificate, or reaches one of `roots`. */
  complete: boolean;
  /** Bodies that are no certificate, issuers that do not sign, loops, limits. */
  findings: Finding[];
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
  /** aliyun-slb regions that accept ECC certificates (default none; see `ValidateInput.eccRegions`). */
  eccRegions?: string[];
  /** aliyun-cas endpoint region; tencent-ssl `X-TC-Region` (optional). */
  region?: string;
  /** aliyun-slb / aliyun-cas: decrypts an encrypted key; the request carries the decrypted key. */
  passphrase?: string;
  /** Work budget of decrypting an encrypted key (see `ValidateInput.maxKdfCost`). */
  maxKdfCost?: number;
  /**
   * The findings' language, and the one the request asks for: tencent-ssl sends it as
   * `X-TC-Language`; the Alibaba APIs have no language parameter, so nothing is sent for them.
   */
  language?: Language;
  /** Trusted roots for the chain checks, as `ValidateInput.roots`. */
  roots?: TrustAnchors | null;
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
  /**
   * Milliseconds since the epoch (like `Date.now()` and `ValidateInput.now`), an ISO 8601 string
   * (`2024-01-02T03:04:05Z`) or a Date; default now. A number that can only be seconds (below
   * 10^11) throws `InvalidArgument`.
   */
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
  /** How sure the first error's code is. */
  confidence: Confidence;
  /** The provider's other codes for the first error's condition. */
  alternatives: string[];
  /** The first error's `messageEn` (see `Finding.messageEn`). */
  messageEn?: string;
  /** Every finding: the errors, then the warnings. */
  findings: Finding[];
  /** The errors alone (`errors[0]` is the one whose code, status and message the provider answers). */
  errors: Finding[];
  /** The warnings alone. */
  warnings: Finding[];
}
"#;

type JsResult<T> = Result<T, JsValue>;

/// A JS `Error` with `.code` (and the message), as every throw of this package.
fn coded_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message).into();
    set(&error, "code", &js_str(code));
    error
}

fn invalid_argument(message: &str) -> JsValue {
    coded_error("InvalidArgument", message)
}

pub(crate) fn provider_from(name: Option<&str>) -> JsResult<Option<ProviderId>> {
    name.map(|p| {
        ProviderId::from_name(p).ok_or_else(|| {
            let ids: Vec<&str> = ProviderId::ALL.iter().map(|p| p.as_str()).collect();
            invalid_argument(&format!(
                "unknown provider {}: expected \"aliyun-slb\", \"aliyun-cas\" or \"tencent-ssl\"",
                shown(p, &ids)
            ))
        })
    })
    .transpose()
}

// ---- Writing results ---------------------------------------------------------------------------

/// Sets a property (on a plain object or an `Error` just made here: it cannot fail).
fn set(object: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn js_str(s: &str) -> JsValue {
    JsValue::from_str(s)
}

/// A string, or `null` when absent.
fn js_opt(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

/// A JS array of `items`, each written by `write`.
fn js_list<T>(items: &[T], write: impl Fn(&T) -> JsValue) -> JsValue {
    let array = Array::new();
    for item in items {
        array.push(&write(item));
    }
    array.into()
}

/// `[name, value]`.
fn js_pair(pair: &(String, String)) -> JsValue {
    Array::of2(&js_str(&pair.0), &js_str(&pair.1)).into()
}

/// `Finding`: `detail` only when there is one; `severity` is not written (the list says it).
fn finding_js(f: &Finding) -> JsValue {
    let o = Object::new().into();
    set(&o, "kind", &js_str(f.kind.as_str()));
    set(&o, "code", &js_str(&f.code));
    set(&o, "httpStatus", &JsValue::from(f.http_status));
    set(&o, "message", &js_str(&f.message));
    if let Some(en) = &f.message_en {
        set(&o, "messageEn", &js_str(en));
    }
    set(&o, "field", &js_str(&f.field));
    if let Some(detail) = &f.detail {
        set(&o, "detail", &js_str(detail));
    }
    set(&o, "confidence", &js_str(f.confidence.as_str()));
    set(&o, "alternatives", &js_list(f.alternatives, |a| js_str(a)));
    o
}

/// `CertInfo`.
fn cert_js(c: &CertInfo) -> JsValue {
    let o = Object::new().into();
    set(&o, "index", &JsValue::from(c.index));
    set(&o, "subject", &js_str(&c.subject));
    set(&o, "issuer", &js_str(&c.issuer));
    set(&o, "commonName", &js_opt(c.common_name.as_deref()));
    set(
        &o,
        "subjectAltNames",
        &js_list(&c.subject_alt_names, |n| js_str(n)),
    );
    set(&o, "serialNumber", &js_str(&c.serial_number));
    set(&o, "notBefore", &js_str(&c.not_before));
    set(&o, "notAfter", &js_str(&c.not_after));
    set(&o, "keyAlgorithm", &js_str(c.key_algorithm));
    set(&o, "keyBits", &JsValue::from(c.key_bits));
    set(&o, "curve", &js_opt(c.curve));
    set(&o, "signatureAlgorithm", &js_str(&c.signature_algorithm));
    set(&o, "isCA", &JsValue::from_bool(c.is_ca));
    set(&o, "fingerprintSha1", &js_str(&c.fingerprint_sha1));
    set(&o, "fingerprintSha256", &js_str(&c.fingerprint_sha256));
    set(&o, "caIssuers", &js_list(&c.ca_issuers, |u| js_str(u)));
    set(&o, "source", &js_str(c.source));
    o
}

/// `KeyInfo`.
fn key_js(k: &KeyInfo) -> JsValue {
    let o = Object::new().into();
    set(&o, "format", &js_str(k.format));
    set(&o, "keyAlgorithm", &js_str(k.key_algorithm));
    set(&o, "keyBits", &JsValue::from(k.key_bits));
    set(&o, "curve", &js_opt(k.curve));
    set(&o, "source", &js_str(k.source));
    o
}

/// `Report`: `normalized` (and its `privateKey`) only when there is one.
fn report_js(r: &Report) -> JsValue {
    let o = Object::new().into();
    set(&o, "ok", &JsValue::from_bool(r.ok));
    set(&o, "errors", &js_list(&r.errors, finding_js));
    set(&o, "warnings", &js_list(&r.warnings, finding_js));
    set(
        &o,
        "certificate",
        &r.certificate.as_ref().map_or(JsValue::NULL, cert_js),
    );
    set(&o, "chain", &js_list(&r.chain, cert_js));
    set(
        &o,
        "privateKey",
        &r.private_key.as_ref().map_or(JsValue::NULL, key_js),
    );
    if let Some(n) = &r.normalized {
        let normalized = Object::new().into();
        set(&normalized, "certificate", &js_str(&n.certificate));
        if let Some(key) = &n.private_key {
            set(&normalized, "privateKey", &js_str(key));
        }
        set(&o, "normalized", &normalized);
    }
    o
}

/// `ApiRequest` (its strings go straight to JS: no copy of the key is left in wasm memory).
fn request_js(r: &ApiRequest) -> JsValue {
    let o = Object::new().into();
    set(&o, "provider", &js_str(r.provider.as_str()));
    set(&o, "action", &js_str(&r.action));
    set(&o, "version", &js_str(&r.version));
    set(&o, "method", &js_str(&r.method));
    set(&o, "url", &js_str(&r.url));
    set(&o, "host", &js_str(&r.host));
    set(&o, "path", &js_str(&r.path));
    set(&o, "query", &js_list(&r.query, js_pair));
    set(&o, "headers", &js_list(&r.headers, js_pair));
    set(&o, "body", &js_str(&r.body));
    set(&o, "warnings", &js_list(&r.warnings, finding_js));
    o
}

// ---- Reading arguments ------------------------------------------------------------------------

/// Most entries of one list or object: far above any real argument (tag lists hold ≤ 50, a query
/// a few dozen). An array's `length`, an object's key count, is checked against it before a single
/// item is read, and an iterable is stepped at most one past it: a sparse `a.length = 2 ** 32 - 1`,
/// a Proxy claiming a huge `length` or an endless generator answers as fast as an empty list.
const MAX_ITEMS: u32 = 4096;

/// Most values in one `buildRequest` params object, all levels together. Each list or object
/// holds at most [`MAX_ITEMS`], but a list may hold the same list 4,096 times, nested 16 deep: a
/// few kilobytes of JS that would be 4096^16 values to read. A real upload has a few dozen.
const MAX_PARAM_VALUES: u32 = 4 * MAX_ITEMS;

/// Deepest nesting of a parameter value (a tag list is 2 below the parameters); also stops a cyclic
/// object, which would otherwise recurse without end.
const MAX_DEPTH: usize = 16;

// ---- Reading arguments: every JS operation that can run caller code (a getter, a Proxy trap) goes
// through an import marked `catch`, so an exception never unwinds through wasm frames — which
// would leave the shadow stack pointer behind and kill the instance for good. What throws becomes
// an `InvalidArgument` `Error` here. Plain values (typeof checks, string copies) run no caller code.

#[wasm_bindgen]
extern "C" {
    /// `Reflect.ownKeys(value)`: one call of a Proxy's `ownKeys` trap; the engine's own array of
    /// the keys, whose reading runs no caller code. (No `Object.entries`: on a Proxy it runs the
    /// `getOwnPropertyDescriptor` and `get` traps for every key before the count can be checked.)
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = ownKeys)]
    fn try_own_keys(value: &JsValue) -> Result<Array, JsValue>;
    /// `Reflect.getOwnPropertyDescriptor(value, key)`: a fresh descriptor object or `undefined`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getOwnPropertyDescriptor)]
    fn try_own_descriptor(value: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// `Reflect.get(value, key)`: runs a getter or a Proxy's `get` trap.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn try_get(value: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// `Reflect.apply(f, this, args)`: throws when `f` is not a function.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = apply)]
    fn try_apply(f: &JsValue, this: &JsValue, args: &Array) -> Result<JsValue, JsValue>;
    /// `Array.isArray(value)`: throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn try_is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// Anything with a `getTime` method (a `Date`, or what claims to be one).
    type MaybeDate;
    /// `value.getTime()`: throws for a Proxy of a Date, runs a getter of anything else.
    #[wasm_bindgen(catch, method, js_name = getTime)]
    fn try_get_time(this: &MaybeDate) -> Result<f64, JsValue>;
}

/// The error for an argument whose reading threw. The thrown value is not shown: it is the
/// caller's, and may hold anything.
fn threw(what: &str) -> JsValue {
    invalid_argument(&format!(
        "{what}: reading it threw (a getter or a Proxy trap); pass plain data"
    ))
}

/// `Array.isArray`, a throwing (revoked) Proxy counting as not an array.
fn is_array(value: &JsValue) -> bool {
    try_is_array(value).unwrap_or(false)
}

/// Words for an [`array_like`] value where a list or parameters belong.
const ARRAY_LIKE: &str = "an array-like object (one with its own length: pass an array)";

/// An object with its own `length` that is no array (`{ length: 1e9 }`, `arguments`, a
/// NodeList…): no parameter is such an object, and it is never read as a list (`Array.from` would
/// trust its `length`).
fn array_like(value: &JsValue) -> Result<bool, Unread> {
    if !value.is_object() || is_array(value) {
        return Ok(false);
    }
    let descriptor = try_own_descriptor(value, &key("length")).map_err(|_| Unread::Threw)?;
    Ok(!descriptor.is_undefined())
}

/// Why a list or an object argument could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unread {
    /// Reading it threw (a getter, a Proxy trap, a revoked Proxy), or it broke the iteration
    /// protocol (a `next` that is no function, a step that is no object).
    Threw,
    /// It has more than [`MAX_ITEMS`] items or keys (the count is known before any is read).
    TooMany,
    /// Its `length` is not a number (a Proxy of an array may say anything).
    BadLength,
    /// It is not iterable.
    NotIterable,
}

fn key(name: &str) -> JsValue {
    JsValue::from_str(name)
}

/// The items of an array (`Array.isArray`), without `Array.from`, which trusts `length` and the
/// array's own `Symbol.iterator`: `length` is read first and checked against [`MAX_ITEMS`], then
/// exactly that many indices are read (holes are `undefined`, as `Array.from` makes them). More
/// than `cap` (at most [`MAX_ITEMS`]) is [`Unread::TooMany`].
fn array_items(value: &JsValue, cap: u32) -> Result<Vec<JsValue>, Unread> {
    let length = try_get(value, &key("length")).map_err(|_| Unread::Threw)?;
    let length = length.as_f64().ok_or(Unread::BadLength)?;
    if length.is_nan() || length < 0.0 {
        return Err(Unread::BadLength);
    }
    if length > f64::from(cap.min(MAX_ITEMS)) {
        return Err(Unread::TooMany);
    }
    // At most MAX_ITEMS, so exact; a fractional length (only a Proxy says one) is cut as ToLength does.
    #[allow(
        clippy::as_conversions,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let length = length as u32;
    (0..length)
        .map(|i| try_get(value, &JsValue::from(i)).map_err(|_| Unread::Threw))
        .collect()
}

/// The items of an iterable object (a `Set`, a generator, a `Map`'s entries…), stepped by hand
/// through `catch` imports (js_sys's iterator reads `done`/`value` without one) and stopped at
/// the first item past [`MAX_ITEMS`]: an endless generator is never drained.
fn iterated_items(value: &JsValue, cap: u32) -> Result<Vec<JsValue>, Unread> {
    let cap = cap.min(MAX_ITEMS) as usize;
    let method = try_get(value, &js_sys::Symbol::iterator()).map_err(|_| Unread::Threw)?;
    if !method.is_function() {
        return Err(Unread::NotIterable);
    }
    let no_args = Array::new();
    let iterator = try_apply(&method, value, &no_args).map_err(|_| Unread::Threw)?;
    if !iterator.is_object() {
        return Err(Unread::Threw);
    }
    let next = try_get(&iterator, &key("next")).map_err(|_| Unread::Threw)?;
    let (done, item) = (key("done"), key("value"));
    let mut out = Vec::new();
    loop {
        let step = try_apply(&next, &iterator, &no_args).map_err(|_| Unread::Threw)?;
        if !step.is_object() {
            return Err(Unread::Threw);
        }
        if try_get(&step, &done)
            .map_err(|_| Unread::Threw)?
            .is_truthy()
        {
            return Ok(out);
        }
        if out.len() >= cap {
            return Err(Unread::TooMany);
        }
        out.push(try_get(&step, &item).map_err(|_| Unread::Threw)?);
    }
}

/// `value[k]` when `k` is an own enumerable property of `value` (what `Object.entries` would
/// list), else `None`.
fn own_enumerable(value: &JsValue, k: &str) -> Result<Option<JsValue>, Unread> {
    if !own_enumerable_key(value, k)? {
        return Ok(None);
    }
    try_get(value, &key(k)).map(Some).map_err(|_| Unread::Threw)
}

/// The own enumerable string keys of an object, as `Object.entries` lists them, with a `filter`
/// that may drop a key before its value is read. The key count is checked against [`MAX_ITEMS`]
/// before any key is looked at (a Proxy's `ownKeys` trap still runs once and the engine copies
/// what it returns: ~0.9 s for 10^6 keys in V8, no API enumerates keys lazily).
fn own_keys(value: &JsValue, cap: u32) -> Result<Vec<String>, Unread> {
    let keys = try_own_keys(value).map_err(|_| Unread::Threw)?;
    if keys.length() > cap.min(MAX_ITEMS) {
        return Err(Unread::TooMany);
    }
    // Symbols are skipped, as `Object.entries` skips them.
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// The most UTF-16 code units a string argument may have. Over it, its UTF-8 form is over the
/// core's 1 MiB field limit too (each unit is at least one byte), so it is refused without being
/// copied into wasm memory — which never shrinks: one 100 MB string would stay for good.
const MAX_STRING_UNITS: u32 = 1 << 20;

/// A string argument's text, or `Err(length in UTF-16 units)` when it is over
/// [`MAX_STRING_UNITS`] (then it is not copied); `None` when it is not a string.
fn bounded_string(value: &JsValue) -> Option<Result<String, u32>> {
    let s = value.dyn_ref::<js_sys::JsString>()?;
    let units = s.length();
    if units > MAX_STRING_UNITS {
        return Some(Err(units));
    }
    s.as_string().map(Ok)
}

/// What a PEM field over the limit becomes: a text the core sees as over 1 MiB (and answers with
/// `InputTooLarge`), without the caller's bytes ever entering wasm memory.
fn oversized_text() -> String {
    "x".repeat(crate::input::MAX_FIELD_BYTES.saturating_add(1))
}

/// `undefined` or `null`: absent.
fn nullish(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// An object with a `Symbol.iterator` that is not a `Map` (callers rule out arrays first): a `Set`,
/// a typed array, `Headers`, a generator… — not an object of named fields.
fn other_iterable(value: &JsValue) -> bool {
    !value.is_instance_of::<js_sys::Map>()
        && Reflect::has(value, &js_sys::Symbol::iterator()).unwrap_or(true)
}

/// How messages name a value's type. Never the value itself: it may be a key or a secret.
fn type_name(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_bigint() {
        "a BigInt"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_function() {
        "a function"
    } else if is_array(value) {
        "an array"
    } else if value.is_instance_of::<js_sys::Date>() {
        "a Date"
    } else if other_iterable(value) {
        "an iterable object (not a plain object)"
    } else {
        "an object"
    }
}

/// The number as an integer when it is a safe integer (`Number.isSafeInteger`), as JS integers are.
fn safe_integer(x: f64) -> Option<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    // Exact for |x| ≤ 2^53; the round trip tells integers from fractions (NaN fails the bound).
    #[allow(
        clippy::as_conversions,
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        clippy::float_cmp
    )]
    let i = (x.abs() <= MAX_SAFE && (x as i64) as f64 == x).then_some(x as i64);
    i
}

/// The `[key, value]` pairs of an object argument: a plain object's own enumerable properties
/// (as `Object.entries` lists them), or a `Map`'s entries. `Ok(None)` for anything else —
/// primitives, `null`, arrays, functions, other iterables — and for a `Map` with a key that is not
/// a string. More than `cap` (at most [`MAX_ITEMS`]) keys or entries is [`Unread::TooMany`], known
/// before any value is read.
fn entries(value: &JsValue, cap: u32) -> Result<Option<Vec<(String, JsValue)>>, Unread> {
    if !value.is_object() || try_is_array(value).map_err(|_| Unread::Threw)? {
        return Ok(None);
    }
    if value.is_instance_of::<js_sys::Map>() {
        let mut pairs = Vec::new();
        for pair in iterated_items(value, cap)? {
            // A Map's own entries are fresh `[key, value]` arrays; a Proxy's may be anything.
            if !is_array(&pair) {
                return Ok(None);
            }
            let mut pair = array_items(&pair, 2)?.into_iter();
            match (pair.next().and_then(|k| k.as_string()), pair.next()) {
                (Some(k), Some(v)) => pairs.push((k, v)),
                _ => return Ok(None),
            }
        }
        return Ok(Some(pairs));
    }
    if other_iterable(value) {
        return Ok(None);
    }
    let mut pairs = Vec::new();
    for k in own_keys(value, cap)? {
        if let Some(v) = own_enumerable(value, &k)? {
            pairs.push((k, v));
        }
    }
    Ok(Some(pairs))
}

/// The error for an object argument `what` that could not be read.
fn unread_object(what: &str, why: Unread) -> JsValue {
    match why {
        Unread::TooMany => invalid_argument(&format!("{what} has more than {MAX_ITEMS} keys")),
        _ => threw(what),
    }
}

/// One field of an argument object, named in messages as `{what}: {name}`.
struct Field<'a> {
    what: &'a str,
    name: &'static str,
    value: JsValue,
}

/// The fields `names` of the object argument `value` (`undefined` where absent). With
/// `deny_unknown`, any other key throws — even with an `undefined` value — so that typos are not
/// ignored. Not an object (see [`entries`]) → `InvalidArgument` "`{what}` must be an object".
///
/// The named fields are read first, each by its own name (own enumerable properties only, as
/// `Object.entries` would list them); only then are the keys listed to find unknown ones, and an
/// unknown key's value is never read.
fn fields<'a, const N: usize>(
    value: &JsValue,
    what: &'a str,
    names: [&'static str; N],
    deny_unknown: bool,
) -> JsResult<[Field<'a>; N]> {
    let mut out = names.map(|name| Field {
        what,
        name,
        value: JsValue::UNDEFINED,
    });
    fill(value, what, &mut out, deny_unknown)?;
    Ok(out)
}

fn fill(value: &JsValue, what: &str, out: &mut [Field<'_>], deny_unknown: bool) -> JsResult<()> {
    let not_object = || invalid_argument(&format!("{what} must be an object"));
    if !value.is_object() || try_is_array(value).map_err(|_| threw(what))? {
        return Err(not_object());
    }
    let known: Vec<&'static str> = out.iter().map(|f| f.name).collect();
    let unknown = |key: &str| {
        invalid_argument(&format!(
            "{what}: unknown field {}, expected one of {}",
            shown(key, &known),
            known.join(", ")
        ))
    };
    if value.is_instance_of::<js_sys::Map>() {
        let pairs = entries(value, MAX_ITEMS)
            .map_err(|why| unread_object(what, why))?
            .ok_or_else(not_object)?;
        for (key, v) in pairs {
            if let Some(field) = out.iter_mut().find(|f| f.name == key) {
                field.value = v;
            } else if deny_unknown {
                return Err(unknown(&key));
            }
        }
        return Ok(());
    }
    if other_iterable(value) {
        return Err(not_object());
    }
    for field in out.iter_mut() {
        if let Some(v) = own_enumerable(value, field.name).map_err(|_| threw(what))? {
            field.value = v;
        }
    }
    if deny_unknown {
        for k in own_keys(value, MAX_ITEMS).map_err(|why| unread_object(what, why))? {
            if !known.contains(&k.as_str())
                && own_enumerable_key(value, &k).map_err(|_| threw(what))?
            {
                return Err(unknown(&k));
            }
        }
    }
    Ok(())
}

/// Whether `k` is an own enumerable property of `value` (its value is not read).
fn own_enumerable_key(value: &JsValue, k: &str) -> Result<bool, Unread> {
    let descriptor = try_own_descriptor(value, &key(k)).map_err(|_| Unread::Threw)?;
    // A descriptor is a fresh plain object made by the engine: reading it runs no caller code.
    Ok(!descriptor.is_undefined()
        && try_get(&descriptor, &key("enumerable"))
            .map_err(|_| Unread::Threw)?
            .is_truthy())
}

impl Field<'_> {
    fn absent(&self) -> bool {
        nullish(&self.value)
    }

    /// `InvalidArgument`: "`{what}: {name}` must be `{want}`, not `{type}`".
    fn wrong(&self, want: &str) -> JsValue {
        self.wrong_value(want, &self.value)
    }

    fn wrong_value(&self, want: &str, got: &JsValue) -> JsValue {
        invalid_argument(&format!(
            "{}: {} must be {want}, not {}",
            self.what,
            self.name,
            type_name(got)
        ))
    }

    /// A required string.
    fn string(&self) -> JsResult<String> {
        match bounded_string(&self.value) {
            Some(Ok(s)) => Ok(s),
            Some(Err(units)) => Err(self.too_long(units)),
            None => Err(self.wrong("a string")),
        }
    }

    fn too_long(&self, units: u32) -> JsValue {
        invalid_argument(&format!(
            "{}: {} is a string of {units} characters; at most {MAX_STRING_UNITS}",
            self.what, self.name
        ))
    }

    /// A PEM text, or absent. One over the size limit is not copied: the core reports it as
    /// `InputTooLarge` (a finding, as for any field over 1 MiB).
    fn opt_pem(&self) -> JsResult<Option<Zeroizing<String>>> {
        if self.absent() {
            return Ok(None);
        }
        match bounded_string(&self.value) {
            Some(Ok(s)) => Ok(Some(Zeroizing::new(s))),
            Some(Err(_)) => Ok(Some(Zeroizing::new(oversized_text()))),
            None => Err(self.wrong("a string")),
        }
    }

    /// Text or bytes (a typed array, `Buffer` or `DataView`), or absent. Over 1 MiB only the
    /// first 1 MiB + 1 bytes of a view are copied and a string is not copied at all: the core
    /// answers `InputTooLarge`, as for any field over 1 MiB.
    fn opt_content(&self) -> JsResult<Option<Content>> {
        if self.absent() {
            return Ok(None);
        }
        if let Some(text) = bounded_string(&self.value) {
            let text = text.unwrap_or_else(|_| oversized_text());
            return Ok(Some(Content::Text(Zeroizing::new(text))));
        }
        match chain::view_bytes(&self.value, MAX_FIELD_BYTES.saturating_add(1)) {
            Ok((bytes, _)) => Ok(Some(Content::Bytes(Zeroizing::new(bytes)))),
            Err(chain::Unbytes::Threw) => Err(threw(&format!("{}: {}", self.what, self.name))),
            Err(chain::Unbytes::NotBytes) => Err(self.wrong("a string or a Uint8Array")),
        }
    }

    /// A string, or absent (`undefined` / `null`).
    fn opt_string(&self) -> JsResult<Option<String>> {
        if self.absent() {
            return Ok(None);
        }
        self.string().map(Some)
    }

    /// A required secret string, zeroized on drop.
    fn secret(&self) -> JsResult<Zeroizing<String>> {
        self.string().map(Zeroizing::new)
    }

    /// A secret string, or absent.
    fn opt_secret(&self) -> JsResult<Option<Zeroizing<String>>> {
        Ok(self.opt_string()?.map(Zeroizing::new))
    }

    /// Any number (NaN and ±Infinity included: the caller decides), or absent.
    fn opt_number(&self) -> JsResult<Option<f64>> {
        if self.absent() {
            return Ok(None);
        }
        self.value
            .as_f64()
            .map(Some)
            .ok_or_else(|| self.wrong("a number"))
    }

    /// A safe integer, or a BigInt within the 64-bit range.
    fn integer(&self) -> JsResult<i64> {
        let int = match self.value.as_f64() {
            Some(x) => safe_integer(x),
            None => i64::try_from(self.value.clone()).ok(),
        };
        int.ok_or_else(|| self.wrong("an integer"))
    }

    /// `maxKdfCost`: a positive integer (work units), or absent.
    fn opt_kdf_cost(&self) -> JsResult<Option<u64>> {
        if self.absent() {
            return Ok(None);
        }
        self.value
            .as_f64()
            .and_then(safe_integer)
            .and_then(|i| u64::try_from(i).ok())
            .filter(|i| *i > 0)
            .map(Some)
            .ok_or_else(|| self.wrong("a positive integer (key-derivation work units)"))
    }

    /// The items of an array (or of another iterable object), at most [`MAX_ITEMS`]: an array's
    /// `length` is checked before any item is read, an iterable is stepped at most once past it.
    fn items(&self, want: &str) -> JsResult<Vec<JsValue>> {
        let items = if is_array(&self.value) {
            array_items(&self.value, MAX_ITEMS)
        } else if self.value.is_object() {
            iterated_items(&self.value, MAX_ITEMS)
        } else {
            Err(Unread::NotIterable)
        };
        items.map_err(|why| self.unread(why, want))
    }

    /// `InvalidArgument` for a list this field could not read.
    fn unread(&self, why: Unread, want: &str) -> JsValue {
        match why {
            Unread::TooMany => invalid_argument(&format!(
                "{}: {} has more than {MAX_ITEMS} items",
                self.what, self.name
            )),
            Unread::Threw | Unread::BadLength => threw(&format!("{}: {}", self.what, self.name)),
            Unread::NotIterable => self.wrong(want),
        }
    }

    /// A list of strings, or absent.
    fn opt_strings(&self) -> JsResult<Option<Vec<String>>> {
        const WANT: &str = "a list of strings";
        if self.absent() {
            return Ok(None);
        }
        self.items(WANT)?
            .iter()
            .map(|item| match bounded_string(item) {
                Some(Ok(s)) => Ok(s),
                Some(Err(units)) => Err(self.too_long(units)),
                None => Err(self.wrong_value(WANT, item)),
            })
            .collect::<JsResult<Vec<String>>>()
            .map(Some)
    }

    /// `[name, value]` string pairs (`ApiRequest.query` / `.headers`), pushed onto `out` (a
    /// request's own list, zeroized with it however this ends).
    fn pairs_into(&self, out: &mut Vec<(String, String)>) -> JsResult<()> {
        const WANT: &str = "a list of [name, value] string pairs";
        for item in self.items(WANT)? {
            if !is_array(&item) {
                return Err(self.wrong_value(WANT, &item));
            }
            let pair = array_items(&item, MAX_ITEMS).map_err(|why| self.unread(why, WANT))?;
            let [name, value] =
                <[JsValue; 2]>::try_from(pair).map_err(|_| self.wrong_value(WANT, &item))?;
            match (bounded_string(&name), bounded_string(&value)) {
                (Some(Ok(n)), Some(Ok(v))) => out.push((n, v)),
                (Some(Err(units)), _) | (_, Some(Err(units))) => return Err(self.too_long(units)),
                (None, _) => return Err(self.wrong_value(WANT, &name)),
                (_, None) => return Err(self.wrong_value(WANT, &value)),
            }
        }
        Ok(())
    }

    /// An object of string values (`computeSignature` `query` / `headers` / `params`), as pairs.
    fn string_map(&self) -> JsResult<Vec<(String, String)>> {
        const WANT: &str = "an object of string values";
        let what = format!("{}: {}", self.what, self.name);
        let pairs = entries(&self.value, MAX_ITEMS)
            .map_err(|why| unread_object(&what, why))?
            .ok_or_else(|| self.wrong(WANT))?;
        pairs
            .into_iter()
            .map(|(k, v)| match bounded_string(&v) {
                Some(Ok(s)) => Ok((k, s)),
                Some(Err(units)) => Err(self.too_long(units)),
                None => Err(self.wrong_value(WANT, &v)),
            })
            .collect()
    }
}

/// A `buildRequest` parameter value, as the core reads it. Mistakes the core words in the
/// provider's terms (a number where a string belongs, a tag that is not an object, …) are left to
/// it; only values no parameter can be throw: functions, symbols, iterables other than arrays and
/// `Map`s, BigInts beyond 64 bits, nesting deeper than [`MAX_DEPTH`], a list or object of more
/// than [`MAX_ITEMS`], and more than [`MAX_PARAM_VALUES`] values in all. `budget` is how many
/// more values may be read: a list's or an object's size is checked against it, and taken from
/// it, before any of its items is read. `Err` says which, in words for "… holds {it}".
fn param_value(
    value: &JsValue,
    depth: usize,
    budget: &mut u32,
) -> Result<ParamValue, &'static str> {
    const THREW: &str = "a value whose reading threw (a getter or a Proxy trap)";
    const TOO_MANY: &str =
        "a list or an object too long (more than 4096 items, or 16384 values in all)";
    let unread = |why: Unread| match why {
        Unread::TooMany => TOO_MANY,
        Unread::Threw | Unread::BadLength | Unread::NotIterable => THREW,
    };
    let charge = |budget: &mut u32, n: usize| {
        *budget = budget.saturating_sub(u32::try_from(n).unwrap_or(u32::MAX));
    };
    if nullish(value) {
        Ok(ParamValue::Null)
    } else if let Some(b) = value.as_bool() {
        Ok(ParamValue::Bool(b))
    } else if let Some(x) = value.as_f64() {
        Ok(safe_integer(x).map_or(ParamValue::Float(x), ParamValue::Int))
    } else if let Some(text) = bounded_string(value) {
        // Over the limit: the core sees a text over 1 MiB (InputTooLarge for a PEM parameter, the
        // parameter's own rule otherwise), never the caller's bytes.
        Ok(ParamValue::Str(text.unwrap_or_else(|_| oversized_text())))
    } else if value.is_bigint() {
        if let Ok(i) = i64::try_from(value.clone()) {
            Ok(ParamValue::Int(i))
        } else if let Ok(u) = u64::try_from(value.clone()) {
            // Above i64::MAX: a number like any other too large to be an integer parameter.
            #[allow(clippy::as_conversions, clippy::cast_precision_loss)]
            Ok(ParamValue::Float(u as f64))
        } else {
            Err("a BigInt beyond 64 bits")
        }
    } else if depth >= MAX_DEPTH {
        Err("values nested too deeply")
    } else if is_array(value) {
        let items = array_items(value, *budget).map_err(unread)?;
        charge(budget, items.len());
        items
            .iter()
            .map(|item| param_value(item, depth.saturating_add(1), budget))
            .collect::<Result<Vec<_>, _>>()
            .map(ParamValue::List)
    } else if array_like(value).map_err(unread)? {
        Err(ARRAY_LIKE)
    } else {
        match entries(value, *budget).map_err(unread)? {
            Some(pairs) => {
                charge(budget, pairs.len());
                // Inserted one by one: `collect` into a BTreeMap would link a sort just for this.
                let mut object = alloc::collections::BTreeMap::new();
                for (k, v) in pairs {
                    object.insert(k, param_value(&v, depth.saturating_add(1), budget)?);
                }
                Ok(ParamValue::Object(object))
            }
            None => Err(type_name(value)),
        }
    }
}

/// Milliseconds → the core's integer clock: absent → `Date.now()`, non-finite → `InvalidArgument`.
fn clock_ms(now: Option<f64>, what: &str) -> JsResult<i64> {
    let ms = match now {
        Some(n) if n.is_finite() => n,
        Some(_) => {
            return Err(invalid_argument(&format!(
                "{what}: now must be a finite number of milliseconds"
            )));
        }
        None => js_sys::Date::now(),
    };
    // Saturating float → integer conversion: out-of-range times clamp.
    #[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
    Ok(ms as i64)
}

// ---- validate / fingerprint ---------------------------------------------------------------------

/// `validate(input: ValidateInput): Report` — never throws for bad certificate/key content.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "ValidateInput")] input: JsValue,
) -> JsResult<JsValue> {
    let [
        certificate,
        private_key,
        provider,
        region,
        now,
        passphrase,
        certificate_type,
        ecc_regions,
        sign_certificate,
        sign_private_key,
        encrypt_certificate,
        encrypt_private_key,
        max_kdf_cost,
        roots,
        language,
        pfx,
    ] = fields(
        &input,
        "validate() input",
        [
            "certificate",
            "privateKey",
            "provider",
            "region",
            "now",
            "passphrase",
            "certificateType",
            "eccRegions",
            "signCertificate",
            "signPrivateKey",
            "encryptCertificate",
            "encryptPrivateKey",
            "maxKdfCost",
            "roots",
            "language",
            "pfx",
        ],
        true,
    )?;
    let roots = chain::anchors_of(&roots)?;
    let now_ms = clock_ms(now.opt_number()?, now.what)?;
    let provider = provider_from(provider.opt_string()?.as_deref())?;
    let certificate_type = certificate_type
        .opt_string()?
        .map(|t| {
            CertificateType::from_name(&t).ok_or_else(|| {
                invalid_argument(&format!(
                    "certificateType must be \"SVR\" or \"CA\", not {}",
                    shown(&t, &["SVR", "CA"])
                ))
            })
        })
        .transpose()?;
    let ecc_regions = ecc_regions.opt_strings()?.unwrap_or_default();
    let ecc_regions: Vec<&str> = ecc_regions.iter().map(String::as_str).collect();
    let certificate = certificate.opt_content()?;
    let pfx = pfx.opt_content()?;
    let region = region.opt_string()?;
    let sign_certificate = sign_certificate.opt_pem()?;
    let encrypt_certificate = encrypt_certificate.opt_pem()?;
    let private_key = private_key.opt_content()?;
    let passphrase = passphrase.opt_secret()?;
    let sign_private_key = sign_private_key.opt_pem()?;
    let encrypt_private_key = encrypt_private_key.opt_pem()?;
    let input = Input {
        certificate: Content::text(&certificate).unwrap_or(""),
        certificate_bytes: Content::bytes(&certificate),
        private_key: Content::text(&private_key),
        private_key_bytes: Content::bytes(&private_key),
        pfx: pfx.as_ref().map(Content::as_bytes),
        provider,
        region: region.as_deref(),
        now_ms,
        passphrase: secret(&passphrase),
        certificate_type,
        ecc_regions: &ecc_regions,
        sign_certificate: secret(&sign_certificate),
        sign_private_key: secret(&sign_private_key),
        encrypt_certificate: secret(&encrypt_certificate),
        encrypt_private_key: secret(&encrypt_private_key),
        max_kdf_cost: max_kdf_cost.opt_kdf_cost()?,
        roots: roots.as_deref(),
        language: language_of(&language)?,
    };
    // pfx with a certificate or key, or a field both as text and as bytes: a malformed call.
    input
        .check()
        .map_err(|e| coded_error(e.code(), &e.to_string()))?;
    Ok(report_js(&core_validate(&input)))
}

/// A certificate, key or PKCS#12 field as given: text (PEM, or base64) or bytes. The core tells
/// the forms apart; it only needs to know which of its two fields to fill.
enum Content {
    Text(Zeroizing<String>),
    Bytes(Zeroizing<Vec<u8>>),
}

impl Content {
    fn text(c: &Option<Content>) -> Option<&str> {
        match c {
            Some(Content::Text(t)) => Some(t.as_str()),
            _ => None,
        }
    }

    fn bytes(c: &Option<Content>) -> Option<&[u8]> {
        match c {
            Some(Content::Bytes(b)) => Some(b.as_slice()),
            _ => None,
        }
    }

    /// Either form as bytes (`pfx` reads base64 text and binary alike).
    fn as_bytes(&self) -> &[u8] {
        match self {
            Content::Text(t) => t.as_bytes(),
            Content::Bytes(b) => b.as_slice(),
        }
    }
}

/// `language`: "zh-CN" or "en-US", or absent (the provider's default).
fn language_of(f: &Field<'_>) -> JsResult<Option<Language>> {
    f.opt_string()?
        .map(|l| {
            Language::from_name(&l).ok_or_else(|| {
                invalid_argument(&format!(
                    "{}: language must be \"zh-CN\" or \"en-US\", not {}",
                    f.what,
                    shown(&l, &["zh-CN", "en-US"])
                ))
            })
        })
        .transpose()
}

/// An optional secret as the core takes it.
fn secret(s: &Option<Zeroizing<String>>) -> Option<&str> {
    s.as_deref().map(String::as_str)
}

/// `fingerprint(pem, algorithm?, format?): string` of the first certificate; throws `Error` with
/// `.code = "CertificateFormatInvalid"` when there is none.
#[wasm_bindgen]
pub fn fingerprint(
    #[wasm_bindgen(unchecked_param_type = "string")] pem: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"sha1\" | \"sha256\"")] algorithm: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"colon-lower\" | \"colon-upper\" | \"hex\"")]
    format: JsValue,
) -> JsResult<String> {
    let pem = match bounded_string(&pem) {
        Some(Ok(pem)) => pem,
        Some(Err(_)) => {
            return Err(coded_error(
                "CertificateFormatInvalid",
                "no parsable certificate: input over 1 MiB",
            ));
        }
        None => return Err(invalid_argument("fingerprint(): pem must be a string")),
    };
    let algorithm = match optional_string(&algorithm, "algorithm")? {
        None => FingerprintAlgorithm::default(),
        Some(a) => FingerprintAlgorithm::from_name(&a).ok_or_else(|| {
            invalid_argument(&format!(
                "algorithm must be \"sha1\" or \"sha256\", not {}",
                shown(&a, &["sha1", "sha256"])
            ))
        })?,
    };
    let format = match optional_string(&format, "format")? {
        None => FingerprintFormat::default(),
        Some(f) => FingerprintFormat::from_name(&f).ok_or_else(|| {
            invalid_argument(&format!(
                "format must be \"colon-lower\", \"colon-upper\" or \"hex\", not {}",
                shown(&f, &["colon-lower", "colon-upper", "hex"])
            ))
        })?,
    };
    fp(&pem, algorithm, format).map_err(|e| coded_error(e.code(), &e.to_string()))
}

/// `regions(provider): string[]` — the region ids the provider's endpoint table knows (aliyun-slb
/// `RegionId`, aliyun-cas endpoint regions; empty for tencent-ssl, whose region is optional and
/// free-form), so a form can offer exactly what `buildRequest` accepts.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn regions(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
) -> JsResult<JsValue> {
    let name = optional_string(&provider, "regions(): provider")?
        .ok_or_else(|| invalid_argument("regions(): provider must be a string"))?;
    let provider = provider_from(Some(&name))?
        .ok_or_else(|| invalid_argument("regions(): provider is required"))?;
    Ok(js_list(crate::regions(provider), |r| js_str(r)))
}

/// `undefined`/`null` → `None`, a string → `Some`, anything else → `InvalidArgument`.
fn optional_string(value: &JsValue, name: &str) -> JsResult<Option<String>> {
    if nullish(value) {
        return Ok(None);
    }
    match bounded_string(value) {
        Some(Ok(s)) => Ok(Some(s)),
        Some(Err(units)) => Err(invalid_argument(&format!(
            "{name} is a string of {units} characters; at most {MAX_STRING_UNITS}"
        ))),
        None => Err(invalid_argument(&format!("{name} must be a string"))),
    }
}

// ---- buildRequest / signRequest -----------------------------------------------------------------

/// `buildRequest(provider, params, options?): ApiRequest` — throws an `Error` with the provider's
/// `.code`, `.kind`, `.httpStatus` and every finding in `.findings` when the provider would refuse.
#[wasm_bindgen(js_name = buildRequest, unchecked_return_type = "ApiRequest")]
pub fn build_request(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "UploadParams")] params: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BuildOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let name = optional_string(&provider, "buildRequest(): provider")?
        .ok_or_else(|| invalid_argument("buildRequest(): provider must be a string"))?;
    let provider = provider_from(Some(&name))?
        .ok_or_else(|| invalid_argument("buildRequest(): provider is required"))?;
    let params = read_params(provider, &params)?;
    // The roots' handle outlives the options that borrow it.
    let anchors;
    let options = if nullish(&options) {
        BuildOptions {
            now_ms: clock_ms(None, "")?,
            ..BuildOptions::default()
        }
    } else {
        let [
            now,
            ecc_regions,
            region,
            passphrase,
            max_kdf_cost,
            language,
            roots,
        ] = fields(
            &options,
            "buildRequest() options",
            [
                "now",
                "eccRegions",
                "region",
                "passphrase",
                "maxKdfCost",
                "language",
                "roots",
            ],
            true,
        )?;
        anchors = chain::anchors_of(&roots)?;
        BuildOptions {
            now_ms: clock_ms(now.opt_number()?, now.what)?,
            ecc_regions: ecc_regions.opt_strings()?.unwrap_or_default(),
            region: region.opt_string()?,
            passphrase: passphrase.opt_secret()?,
            max_kdf_cost: max_kdf_cost.opt_kdf_cost()?,
            language: language_of(&language)?,
            roots: anchors.as_deref(),
        }
    };
    match core_build_request(provider, &params, &options) {
        Ok(request) => Ok(request_js(&request)),
        Err(refused) => {
            let error = coded_error(&refused.code, &refused.to_string());
            set(&error, "kind", &js_str(refused.kind.as_str()));
            set(&error, "httpStatus", &JsValue::from(refused.http_status));
            set(&error, "confidence", &js_str(refused.confidence.as_str()));
            set(
                &error,
                "alternatives",
                &js_list(refused.alternatives, |a| js_str(a)),
            );
            if let Some(en) = &refused.message_en {
                set(&error, "messageEn", &js_str(en));
            }
            set(&error, "findings", &js_list(&refused.findings, finding_js));
            let (errors, warnings): (Vec<&Finding>, Vec<&Finding>) = refused
                .findings
                .iter()
                .partition(|f| f.severity == crate::Severity::Error);
            set(&error, "errors", &js_list(&errors, |f| finding_js(f)));
            set(&error, "warnings", &js_list(&warnings, |f| finding_js(f)));
            Err(error)
        }
    }
}

/// `buildRequest` params: an object of [`param_value`]s (strings zeroized on drop).
fn read_params(provider: ProviderId, params: &JsValue) -> JsResult<Params> {
    const WHAT: &str = "buildRequest() params";
    if array_like(params).map_err(|why| unread_object(WHAT, why))? {
        return Err(invalid_argument(&format!(
            "buildRequest(): params must be an object of the API's parameters, not {ARRAY_LIKE}"
        )));
    }
    let pairs = entries(params, MAX_ITEMS)
        .map_err(|why| unread_object(WHAT, why))?
        .ok_or_else(|| invalid_argument("buildRequest(): params must be an object"))?;
    let mut out = Params::new();
    let mut budget =
        MAX_PARAM_VALUES.saturating_sub(u32::try_from(pairs.len()).unwrap_or(u32::MAX));
    for (name, value) in pairs {
        let value = param_value(&value, 0, &mut budget).map_err(|it| {
            invalid_argument(&format!(
                "{WHAT}: {} holds {it}, which no parameter takes",
                shown(&name, &crate::request::parameter_names(provider))
            ))
        })?;
        out.insert(name, value);
    }
    Ok(out)
}

/// `signRequest(request, credentials, options?): ApiRequest` — signs in trusted code (a Worker that
/// holds the secrets). Without `timestamp`/`nonce` the clock and `crypto.getRandomValues` are used.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "ApiRequest")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "ApiRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Credentials")] credentials: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SignOptions")] options: JsValue,
) -> JsResult<JsValue> {
    if !request.is_object() {
        return Err(invalid_argument(
            "signRequest(): request must be an object from buildRequest()",
        ));
    }
    let request = read_request(&request)?;
    if !credentials.is_object() {
        return Err(invalid_argument(
            "signRequest(): credentials must be an object",
        ));
    }
    let credentials = read_credentials(&credentials)?;
    let (timestamp_s, nonce, algorithm) = if nullish(&options) {
        (timestamp_seconds(&JsValue::UNDEFINED)?, None, None)
    } else {
        let [timestamp, nonce, algorithm] = fields(
            &options,
            "signRequest() options",
            ["timestamp", "nonce", "algorithm"],
            true,
        )?;
        let algorithm = algorithm
            .opt_string()?
            .map(|a| {
                SignAlgorithm::from_name(&a).ok_or_else(|| {
                    invalid_argument(&format!(
                        "signRequest() options: algorithm must be \"ACS3-HMAC-SHA256\", \"HMAC-SHA1\" or \"TC3-HMAC-SHA256\", not {}",
                        shown(&a, SIGN_ALGORITHMS)
                    ))
                })
            })
            .transpose()?;
        (
            timestamp_seconds(&timestamp.value)?,
            nonce.opt_string()?,
            algorithm,
        )
    };
    let nonce = match nonce {
        Some(n) => n,
        None => random_nonce()?,
    };
    let signed = core_sign_request(
        &request,
        &credentials,
        &SignOptions {
            timestamp_s,
            nonce,
            algorithm,
        },
    )
    .map_err(|e| coded_error(e.code(), &e.to_string()))?;
    Ok(request_js(&signed))
}

/// An `ApiRequest` (from buildRequest, or made by hand). Fields are looked up by name, so other
/// keys (`warnings`) are ignored; every field is required. Built in place, so the query and body
/// (they hold the private key) are zeroized with the request however reading ends.
fn read_request(value: &JsValue) -> JsResult<ApiRequest> {
    const WHAT: &str = "signRequest() request";
    if !value.is_object() || is_array(value) {
        return Err(invalid_argument("signRequest(): request must be an object"));
    }
    let get = |name: &'static str| -> JsResult<Field<'static>> {
        Ok(Field {
            what: WHAT,
            name,
            value: Reflect::get(value, &JsValue::from_str(name)).map_err(|_| threw(WHAT))?,
        })
    };
    let provider = get("provider")?.string()?;
    let provider = provider_from(Some(&provider))?
        .ok_or_else(|| invalid_argument("signRequest(): request.provider is required"))?;
    let mut request = ApiRequest {
        provider,
        action: get("action")?.string()?,
        version: get("version")?.string()?,
        method: get("method")?.string()?,
        url: String::new(),
        host: get("host")?.string()?,
        path: get("path")?.string()?,
        query: Vec::new(),
        headers: Vec::new(),
        body: String::new(),
        warnings: Vec::new(),
    };
    request.url = get("url")?.string()?;
    get("query")?.pairs_into(&mut request.query)?;
    get("headers")?.pairs_into(&mut request.headers)?;
    request.body = get("body")?.string()?;
    Ok(request)
}

/// `{ accessKeyId, accessKeySecret, securityToken? }` (tried first) or `{ secretId, secretKey,
/// token? }`. Any other key is refused, naming the key: a typo such as `securitytoken` would
/// otherwise sign without the STS token and fail only at the provider. Messages name keys, never
/// values, so no secret can leak.
fn read_credentials(value: &JsValue) -> JsResult<Credentials> {
    let refused = || {
        invalid_argument(
            "signRequest(): credentials must be { accessKeyId, accessKeySecret, securityToken? } or { secretId, secretKey, token? }",
        )
    };
    let [
        access_key_id,
        access_key_secret,
        security_token,
        secret_id,
        secret_key,
        token,
    ] = fields(
        value,
        "signRequest() credentials",
        [
            "accessKeyId",
            "accessKeySecret",
            "securityToken",
            "secretId",
            "secretKey",
            "token",
        ],
        true,
    )?;
    // Each secret is wrapped as soon as it is read, so a half-matching shape leaves no copy behind.
    let opt = |f: &Field<'_>| f.opt_secret().ok();
    let text = |f: &Field<'_>| bounded_string(&f.value).and_then(Result::ok);
    if let (Some(id), Some(secret), Some(sts)) = (
        text(&access_key_id),
        text(&access_key_secret).map(Zeroizing::new),
        opt(&security_token),
    ) {
        return Ok(Credentials::Alibaba {
            access_key_id: id,
            access_key_secret: secret,
            security_token: sts,
        });
    }
    if let (Some(id), Some(secret), Some(sts)) = (
        text(&secret_id),
        text(&secret_key).map(Zeroizing::new),
        opt(&token),
    ) {
        return Ok(Credentials::Tencent {
            secret_id: id,
            secret_key: secret,
            token: sts,
        });
    }
    Err(refused())
}

/// The names `algorithm` takes (signRequest options, computeSignature input).
const SIGN_ALGORITHMS: &[&str] = &["ACS3-HMAC-SHA256", "HMAC-SHA1", "TC3-HMAC-SHA256"];

/// Below this a numeric `timestamp` can only be seconds: as milliseconds it would be before
/// 1973-03-03, as seconds it is any date up to the year 5138.
const SECONDS_NOT_MS: f64 = 1e11;

/// `timestamp`: milliseconds since the epoch (like `Date.now()` and validate's `now`), an ISO 8601
/// UTC string, a `Date`, or absent (now); the result is Unix seconds, as the signatures use.
fn timestamp_seconds(value: &JsValue) -> JsResult<i64> {
    let ms = if nullish(value) {
        js_sys::Date::now()
    } else if let Some(ms) = value.as_f64() {
        if !ms.is_finite() {
            return Err(invalid_argument(
                "timestamp must be a finite number of milliseconds",
            ));
        }
        if ms.abs() < SECONDS_NOT_MS {
            return Err(invalid_argument(
                "timestamp is milliseconds since the epoch (like Date.now()); this value can only be seconds: multiply it by 1000",
            ));
        }
        ms
    } else if value.is_instance_of::<js_sys::Date>() {
        value
            .unchecked_ref::<MaybeDate>()
            .try_get_time()
            .map_err(|_| threw("signRequest() options: timestamp"))?
    } else if let Some(text) = bounded_string(value) {
        js_sys::Date::parse(&text.map_err(|_| invalid_argument("timestamp is not a valid date"))?)
    } else {
        return Err(invalid_argument(
            "timestamp must be milliseconds since the epoch, an ISO 8601 string or a Date",
        ));
    };
    if !ms.is_finite() {
        return Err(invalid_argument("timestamp is not a valid date"));
    }
    #[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
    Ok((ms / 1000.0).floor() as i64)
}

/// 16 random bytes from `crypto.getRandomValues` (getrandom's JS backend), as 32 lowercase hex digits.
fn random_nonce() -> JsResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|_| invalid_argument("no crypto.getRandomValues here: pass options.nonce"))?;
    Ok(crate::fingerprint::hex(&bytes, FingerprintFormat::Hex))
}

// ---- computeSignature ---------------------------------------------------------------------------

/// `SignatureParts` for JS.
#[derive(Default)]
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

/// `(&str, &str)` views of owned pairs.
fn str_pairs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// `computeSignature(input: SignatureInput): SignatureParts` — the low-level signers behind
/// signRequest, with every intermediate string, for checking against other implementations. The
/// input is tagged by `algorithm`; each shape's fields are all required and no others are taken.
#[wasm_bindgen(js_name = computeSignature, unchecked_return_type = "SignatureParts")]
pub fn compute_signature(
    #[wasm_bindgen(unchecked_param_type = "SignatureInput")] input: JsValue,
) -> JsResult<JsValue> {
    const WHAT: &str = "computeSignature() input";
    if !input.is_object() {
        return Err(invalid_argument(
            "computeSignature(): input must be an object",
        ));
    }
    let [algorithm] = fields(&input, WHAT, ["algorithm"], false)?;
    let algorithm = algorithm.string()?;
    let algorithm = SignAlgorithm::from_name(&algorithm).ok_or_else(|| {
        invalid_argument(&format!(
            "{WHAT}: algorithm must be \"ACS3-HMAC-SHA256\", \"HMAC-SHA1\" or \"TC3-HMAC-SHA256\", not {}",
            shown(&algorithm, SIGN_ALGORITHMS)
        ))
    })?;
    let coded = |e: crate::Error| coded_error(e.code(), &e.to_string());
    let parts: JsSignatureParts = match algorithm {
        SignAlgorithm::Acs3HmacSha256 => {
            let [
                _,
                method,
                path,
                query,
                headers,
                body,
                access_key_id,
                access_key_secret,
            ] = fields(
                &input,
                WHAT,
                [
                    "algorithm",
                    "method",
                    "path",
                    "query",
                    "headers",
                    "body",
                    "accessKeyId",
                    "accessKeySecret",
                ],
                true,
            )?;
            let (method, path) = (method.string()?, path.string()?);
            let (body, access_key_id) = (body.string()?, access_key_id.string()?);
            let (query, headers) = (query.string_map()?, headers.string_map()?);
            let access_key_secret = access_key_secret.secret()?;
            crate::sign_acs3(
                &crate::Acs3Input {
                    method: &method,
                    path: &path,
                    query: &str_pairs(&query),
                    headers: &str_pairs(&headers),
                    body: body.as_bytes(),
                },
                &access_key_id,
                &access_key_secret,
            )
            .map_err(coded)?
            .into()
        }
        SignAlgorithm::HmacSha1 => {
            let [_, method, params, access_key_secret] = fields(
                &input,
                WHAT,
                ["algorithm", "method", "params", "accessKeySecret"],
                true,
            )?;
            let (method, params) = (method.string()?, params.string_map()?);
            let access_key_secret = access_key_secret.secret()?;
            let s = crate::sign_rpc_hmac_sha1(&method, &str_pairs(&params), &access_key_secret)
                .map_err(coded)?;
            JsSignatureParts {
                canonicalized_query_string: Some(s.canonicalized_query_string),
                string_to_sign: s.string_to_sign,
                signature: s.signature,
                ..JsSignatureParts::default()
            }
        }
        SignAlgorithm::Tc3HmacSha256 => {
            let [
                _,
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
            ] = fields(
                &input,
                WHAT,
                [
                    "algorithm",
                    "method",
                    "path",
                    "canonicalQuery",
                    "contentType",
                    "host",
                    "body",
                    "service",
                    "timestamp",
                    "secretId",
                    "secretKey",
                ],
                true,
            )?;
            let timestamp_s = timestamp.integer()?;
            let (method, path) = (method.string()?, path.string()?);
            let (canonical_query, content_type) =
                (canonical_query.string()?, content_type.string()?);
            let (host, body, service) = (host.string()?, body.string()?, service.string()?);
            let secret_id = secret_id.string()?;
            let secret_key = secret_key.secret()?;
            crate::sign_tc3(
                &crate::Tc3Input {
                    method: &method,
                    path: &path,
                    canonical_query: &canonical_query,
                    content_type: &content_type,
                    host: &host,
                    body: body.as_bytes(),
                    service: &service,
                    timestamp_s,
                },
                &secret_id,
                &secret_key,
            )
            .map_err(coded)?
            .into()
        }
    };
    let o = Object::new();
    set(
        &o,
        "canonicalRequest",
        &js_opt(parts.canonical_request.as_deref()),
    );
    set(
        &o,
        "canonicalizedQueryString",
        &js_opt(parts.canonicalized_query_string.as_deref()),
    );
    set(&o, "stringToSign", &js_str(&parts.string_to_sign));
    set(
        &o,
        "signedHeaders",
        &js_opt(parts.signed_headers.as_deref()),
    );
    set(&o, "signature", &js_str(&parts.signature));
    set(&o, "authorization", &js_opt(parts.authorization.as_deref()));
    Ok(o.into())
}
