//! `sign_request`: Alibaba ACS3-HMAC-SHA256 and RPC HMAC-SHA1, Tencent TC3-HMAC-SHA256
//! (PROVIDERS.md §5.1-§5.3), byte for byte as the official SDKs sign.
//!
//! The core never reads a clock or a random source: the timestamp and the nonce are inputs
//! ([`SignOptions`]); the wasm binding supplies `Date.now()` and `crypto.getRandomValues`.
//!
//! Two layers:
//! - [`sign_request`] takes an [`ApiRequest`] from [`crate::build_request`] and returns it signed.
//! - [`sign_acs3`], [`sign_rpc_hmac_sha1`] and [`sign_tc3`] take the raw parts of any request and
//!   return every intermediate string (canonical request, string to sign, signature), so the
//!   vectors of `signing-vectors.json` can be checked one by one.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use base64ct::{Base64, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::fingerprint::FingerprintFormat;
use crate::provider::ProviderId;
use crate::request::{ApiRequest, percent_encode, render_url};

/// Why signing failed: always [`Error::InvalidArgument`] (a malformed call), never a provider code.
pub type SignError = Error;

/// `ACS3-HMAC-SHA256`.
const ACS3: &str = "ACS3-HMAC-SHA256";
/// `TC3-HMAC-SHA256`.
const TC3: &str = "TC3-HMAC-SHA256";

/// A signature algorithm (the names are the JS `algorithm` option values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum SignAlgorithm {
    /// Alibaba V3 `ACS3-HMAC-SHA256` (PROVIDERS.md §5.2); the Alibaba default.
    #[serde(rename = "ACS3-HMAC-SHA256")]
    Acs3HmacSha256,
    /// Alibaba RPC `HMAC-SHA1`, `SignatureVersion` 1.0 (PROVIDERS.md §5.1).
    #[serde(rename = "HMAC-SHA1")]
    HmacSha1,
    /// Tencent `TC3-HMAC-SHA256` (PROVIDERS.md §5.3); the only Tencent algorithm.
    #[serde(rename = "TC3-HMAC-SHA256")]
    Tc3HmacSha256,
}

impl SignAlgorithm {
    /// `"ACS3-HMAC-SHA256"`, `"HMAC-SHA1"` or `"TC3-HMAC-SHA256"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignAlgorithm::Acs3HmacSha256 => ACS3,
            SignAlgorithm::HmacSha1 => "HMAC-SHA1",
            SignAlgorithm::Tc3HmacSha256 => TC3,
        }
    }

    /// Looks an algorithm up by its name.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Acs3HmacSha256, Self::HmacSha1, Self::Tc3HmacSha256]
            .into_iter()
            .find(|a| a.as_str() == name)
    }

    /// The algorithm used when none is asked for: ACS3 for Alibaba, TC3 for Tencent.
    pub const fn default_for(provider: ProviderId) -> Self {
        match provider {
            ProviderId::AliyunSlb | ProviderId::AliyunCas => SignAlgorithm::Acs3HmacSha256,
            ProviderId::TencentSsl => SignAlgorithm::Tc3HmacSha256,
        }
    }
}

/// Credentials for [`sign_request`]. The JS shapes are `{ accessKeyId, accessKeySecret,
/// securityToken? }` and `{ secretId, secretKey, token? }`. Secrets are zeroized on drop and never
/// shown by `Debug`.
#[derive(Clone, Deserialize)]
#[serde(untagged)]
pub enum Credentials {
    /// An Alibaba Cloud AccessKey pair, with an STS token when temporary.
    #[serde(rename_all = "camelCase")]
    Alibaba {
        /// The AccessKey ID (sent in the clear).
        access_key_id: String,
        /// The AccessKey secret.
        access_key_secret: Zeroizing<String>,
        /// The STS security token (`x-acs-security-token` / `SecurityToken`).
        #[serde(default)]
        security_token: Option<Zeroizing<String>>,
    },
    /// A Tencent Cloud API key, with an STS token when temporary.
    #[serde(rename_all = "camelCase")]
    Tencent {
        /// The SecretId (sent in the clear).
        secret_id: String,
        /// The SecretKey.
        secret_key: Zeroizing<String>,
        /// The STS token (`X-TC-Token`).
        #[serde(default)]
        token: Option<Zeroizing<String>>,
    },
}

impl Credentials {
    /// Alibaba credentials without an STS token.
    pub fn alibaba(access_key_id: &str, access_key_secret: &str) -> Self {
        Credentials::Alibaba {
            access_key_id: access_key_id.to_string(),
            access_key_secret: Zeroizing::new(access_key_secret.to_string()),
            security_token: None,
        }
    }

    /// Tencent credentials without an STS token.
    pub fn tencent(secret_id: &str, secret_key: &str) -> Self {
        Credentials::Tencent {
            secret_id: secret_id.to_string(),
            secret_key: Zeroizing::new(secret_key.to_string()),
            token: None,
        }
    }

    /// The same credentials with an STS token.
    pub fn with_token(mut self, sts_token: &str) -> Self {
        let t = Some(Zeroizing::new(sts_token.to_string()));
        match &mut self {
            Credentials::Alibaba { security_token, .. } => *security_token = t,
            Credentials::Tencent { token, .. } => *token = t,
        }
        self
    }
}

impl core::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let redact = |o: &Option<Zeroizing<String>>| o.as_ref().map(|_| "<redacted>");
        match self {
            Credentials::Alibaba {
                access_key_id,
                security_token,
                ..
            } => f
                .debug_struct("Alibaba")
                .field("access_key_id", access_key_id)
                .field("access_key_secret", &"<redacted>")
                .field("security_token", &redact(security_token))
                .finish(),
            Credentials::Tencent {
                secret_id, token, ..
            } => f
                .debug_struct("Tencent")
                .field("secret_id", secret_id)
                .field("secret_key", &"<redacted>")
                .field("token", &redact(token))
                .finish(),
        }
    }
}

/// Options of [`sign_request`]. The core takes no clock and no randomness: the caller gives both.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignOptions {
    /// Unix time in seconds (`x-acs-date` / `Timestamp` / `X-TC-Timestamp`), 0 ..= 253402300799.
    pub timestamp_s: i64,
    /// A fresh unique value per request (`x-acs-signature-nonce` / `SignatureNonce`); required for
    /// Alibaba, unused by TC3. Printable ASCII, at most 128 bytes.
    pub nonce: String,
    /// `None` = the provider's default ([`SignAlgorithm::default_for`]).
    pub algorithm: Option<SignAlgorithm>,
}

/// The intermediate strings of an ACS3 or TC3 signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureParts {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// `SignedHeaders`: the signed header names, lower-case, sorted, `;`-separated.
    pub signed_headers: String,
    /// The signature, lower-case hex.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

/// The intermediate strings of an RPC HMAC-SHA1 signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpcSignature {
    /// `CanonicalizedQueryString`: encoded `name=value` pairs sorted by name, joined by `&`.
    pub canonicalized_query_string: String,
    /// `METHOD&%2F&` + the encoded canonicalized query string.
    pub string_to_sign: String,
    /// Base64 of the HMAC-SHA1 (the `Signature` parameter before URL encoding).
    pub signature: String,
}

/// One request's parts for [`sign_acs3`].
#[derive(Clone, Copy, Debug)]
pub struct Acs3Input<'a> {
    /// HTTP method, e.g. `POST`.
    pub method: &'a str,
    /// `CanonicalURI`: `/` for RPC APIs.
    pub path: &'a str,
    /// Query parameters (unencoded); sorted and encoded here.
    pub query: &'a [(&'a str, &'a str)],
    /// Every header to sign, including `host` and the `x-acs-*` ones (not `authorization`).
    pub headers: &'a [(&'a str, &'a str)],
    /// The exact body bytes.
    pub body: &'a [u8],
}

/// One request's parts for [`sign_tc3`].
#[derive(Clone, Copy, Debug)]
pub struct Tc3Input<'a> {
    /// HTTP method, `POST` or `GET`.
    pub method: &'a str,
    /// `CanonicalURI`, `/`.
    pub path: &'a str,
    /// The query string exactly as sent (empty for POST).
    pub canonical_query: &'a str,
    /// The exact `Content-Type` value.
    pub content_type: &'a str,
    /// The `Host` value.
    pub host: &'a str,
    /// The exact body bytes.
    pub body: &'a [u8],
    /// The credential-scope service, e.g. `ssl`.
    pub service: &'a str,
    /// `X-TC-Timestamp`, Unix seconds.
    pub timestamp_s: i64,
}

fn invalid(reason: impl Into<String>) -> Error {
    Error::InvalidArgument {
        reason: reason.into(),
    }
}

fn hex(bytes: &[u8]) -> String {
    crate::fingerprint::hex(bytes, FingerprintFormat::Hex)
}

fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Result<Zeroizing<[u8; 32]>, Error> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .map_err(|_| invalid("the HMAC key was refused"))?;
    mac.update(data);
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&mac.finalize().into_bytes());
    Ok(out)
}

fn hmac_sha1(key: &[u8], data: &[u8]) -> Result<[u8; 20], Error> {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key)
        .map_err(|_| invalid("the HMAC key was refused"))?;
    mac.update(data);
    let mut out = [0u8; 20];
    out.copy_from_slice(&mac.finalize().into_bytes());
    Ok(out)
}

/// Latest timestamp accepted: 9999-12-31T23:59:59Z.
const MAX_TIMESTAMP: i64 = 253_402_300_799;

/// `(year, month, day, hour, minute, second)` in UTC of a Unix time in `0..=MAX_TIMESTAMP`.
fn civil(ts: i64) -> Result<(i64, i64, i64, i64, i64, i64), Error> {
    if !(0..=MAX_TIMESTAMP).contains(&ts) {
        return Err(invalid(format!(
            "timestamp {ts} is outside 1970-01-01 .. 9999-12-31 (Unix seconds)"
        )));
    }
    let (days, secs) = (ts.div_euclid(86_400), ts.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Ok((year, month, day, secs / 3600, secs % 3600 / 60, secs % 60))
}

/// `yyyy-MM-ddTHH:mm:ssZ` (Alibaba `x-acs-date` / `Timestamp`).
fn iso8601(ts: i64) -> Result<String, Error> {
    let (y, mo, d, h, mi, s) = civil(ts)?;
    Ok(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
}

/// `YYYY-MM-DD` (the TC3 credential-scope date).
fn utc_date(ts: i64) -> Result<String, Error> {
    let (y, mo, d, ..) = civil(ts)?;
    Ok(format!("{y:04}-{mo:02}-{d:02}"))
}

/// ACS3-HMAC-SHA256 over exactly the headers given (PROVIDERS.md §5.2): names lower-cased, values
/// trimmed, sorted by name; every header given is signed (as the SDK does, vector V2).
pub fn sign_acs3(
    input: &Acs3Input<'_>,
    access_key_id: &str,
    access_key_secret: &str,
) -> Result<SignatureParts, SignError> {
    let mut query: Vec<(String, String)> = input
        .query
        .iter()
        .map(|(k, v)| (percent_encode(k), percent_encode(v)))
        .collect();
    query.sort();
    let canonical_query = query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    // (String, String) like the query: one sort instantiation for the whole crate (wasm size).
    let mut headers: Vec<(String, String)> = input
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    headers.sort();
    let mut canonical_headers = String::new();
    for (k, v) in &headers {
        canonical_headers.push_str(k);
        canonical_headers.push(':');
        canonical_headers.push_str(v);
        canonical_headers.push('\n');
    }
    let signed_headers = headers
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_request = format!(
        "{}\n{}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{}",
        input.method,
        input.path,
        sha256_hex(input.body)
    );
    let string_to_sign = format!("{ACS3}\n{}", sha256_hex(canonical_request.as_bytes()));
    let signature =
        hex(hmac_sha256(access_key_secret.as_bytes(), string_to_sign.as_bytes())?.as_ref());
    let authorization = format!(
        "{ACS3} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}"
    );
    Ok(SignatureParts {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    })
}

/// RPC HMAC-SHA1 (PROVIDERS.md §5.1) over exactly the parameters given (which must already hold
/// `Action`, `Version`, `AccessKeyId`, `SignatureNonce`, `Timestamp`, …; `Signature` excluded).
pub fn sign_rpc_hmac_sha1(
    method: &str,
    params: &[(&str, &str)],
    access_key_secret: &str,
) -> Result<RpcSignature, SignError> {
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (percent_encode(k), percent_encode(v)))
        .collect();
    encoded.sort();
    let canonicalized_query_string = encoded
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let string_to_sign = format!(
        "{method}&{}&{}",
        percent_encode("/"),
        percent_encode(&canonicalized_query_string)
    );
    let mut key = Zeroizing::new(String::with_capacity(
        access_key_secret.len().saturating_add(1),
    ));
    key.push_str(access_key_secret);
    key.push('&');
    let signature = Base64::encode_string(&hmac_sha1(key.as_bytes(), string_to_sign.as_bytes())?);
    Ok(RpcSignature {
        canonicalized_query_string,
        string_to_sign,
        signature,
    })
}

/// TC3-HMAC-SHA256 (PROVIDERS.md §5.3), signing `content-type;host` as the SDKs do.
pub fn sign_tc3(
    input: &Tc3Input<'_>,
    secret_id: &str,
    secret_key: &str,
) -> Result<SignatureParts, SignError> {
    let signed_headers = "content-type;host".to_string();
    let canonical_request = format!(
        "{}\n{}\n{}\ncontent-type:{}\nhost:{}\n\n{signed_headers}\n{}",
        input.method,
        input.path,
        input.canonical_query,
        input.content_type,
        input.host,
        sha256_hex(input.body)
    );
    let date = utc_date(input.timestamp_s)?;
    let scope = format!("{date}/{}/tc3_request", input.service);
    let string_to_sign = format!(
        "{TC3}\n{}\n{scope}\n{}",
        input.timestamp_s,
        sha256_hex(canonical_request.as_bytes())
    );
    let mut key = Zeroizing::new(String::with_capacity(secret_key.len().saturating_add(3)));
    key.push_str("TC3");
    key.push_str(secret_key);
    let k_date = hmac_sha256(key.as_bytes(), date.as_bytes())?;
    let k_service = hmac_sha256(k_date.as_ref(), input.service.as_bytes())?;
    let k_signing = hmac_sha256(k_service.as_ref(), b"tc3_request")?;
    let signature = hex(hmac_sha256(k_signing.as_ref(), string_to_sign.as_bytes())?.as_ref());
    let authorization = format!(
        "{TC3} Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    );
    Ok(SignatureParts {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    })
}

/// A value that goes into a header or the query as it is: printable ASCII, bounded.
fn check_token(what: &str, value: &str, max: usize) -> Result<(), Error> {
    if value.is_empty() {
        return Err(invalid(format!("{what} is empty")));
    }
    if value.len() > max {
        return Err(invalid(format!("{what} is longer than {max} bytes")));
    }
    if !value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(invalid(format!(
            "{what} must be printable ASCII (no control characters)"
        )));
    }
    Ok(())
}

/// Headers whose presence means the request has been signed already.
const SIGNING_HEADERS: &[&str] = &[
    "authorization",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "x-acs-security-token",
    "x-tc-timestamp",
    "x-tc-token",
];

/// Query parameters that the RPC signature adds.
pub(crate) const RPC_COMMON: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
    "Signature",
];

/// Checks the parts of a request every algorithm relies on.
fn check_request(request: &ApiRequest) -> Result<(), Error> {
    check_token("host", &request.host, 253)?;
    if !request
        .host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return Err(invalid("host must be a DNS name"));
    }
    check_token("method", &request.method, 16)?;
    if !request.method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid("method must be an upper-case HTTP method"));
    }
    if !request.path.starts_with('/') {
        return Err(invalid("path must start with /"));
    }
    check_token("path", &request.path, 1024)?;
    for (i, (name, value)) in request.headers.iter().enumerate() {
        check_token("a header name", name, 128)?;
        // Headers are named by position: a caller's header name is not repeated (it may be
        // anything, a secret pasted in the wrong place included).
        if value.bytes().any(|b| b < 0x20 || b == 0x7f) {
            return Err(invalid(format!(
                "headers[{i}] holds a control character in its value"
            )));
        }
        let lower = name.to_ascii_lowercase();
        if SIGNING_HEADERS.contains(&lower.as_str()) {
            return Err(invalid(format!(
                "the request is already signed (it has {lower}); sign the request buildRequest returned"
            )));
        }
        if lower == "host" {
            return Err(invalid(
                "give the host in request.host, not as a header (it is signed from there)",
            ));
        }
        if let Some(j) = request
            .headers
            .iter()
            .skip(i.saturating_add(1))
            .position(|(other, _)| other.eq_ignore_ascii_case(name))
        {
            let j = j.saturating_add(i).saturating_add(1);
            return Err(invalid(format!(
                "headers[{i}] and headers[{j}] name the same header"
            )));
        }
    }
    Ok(())
}

fn header<'a>(request: &'a ApiRequest, name: &str) -> Option<&'a str> {
    request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Signs a request from [`crate::build_request`] (or one of the same shape).
///
/// - ACS3-HMAC-SHA256 adds `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256`,
///   `x-acs-security-token` (STS) and `authorization`, signing `host` (from `request.host`),
///   `content-type` when present and every `x-acs-*` header (PROVIDERS.md §5.2).
/// - HMAC-SHA1 appends `Action`, `Version`, `Format=json`, `AccessKeyId`, `SignatureMethod`,
///   `SignatureVersion`, `SignatureNonce`, `Timestamp`, `SecurityToken` (STS) and then `Signature` to
///   the query (PROVIDERS.md §5.1); the body must be empty.
/// - TC3-HMAC-SHA256 adds `x-tc-timestamp`, `x-tc-token` (STS) and `authorization`, signing
///   `content-type;host`; the credential-scope service is the first label of the host
///   (PROVIDERS.md §5.3).
///
/// `url` is re-rendered from `host`, `path` and `query`, so a caller may change `host` (e.g. to
/// `ssl.intl.tencentcloudapi.com`) before signing. Errors are [`Error::InvalidArgument`]:
/// credentials of the other cloud, an algorithm of the other cloud, a missing nonce, a request
/// that is already signed or malformed.
pub fn sign_request(
    request: &ApiRequest,
    credentials: &Credentials,
    options: &SignOptions,
) -> Result<ApiRequest, SignError> {
    let algorithm = options
        .algorithm
        .unwrap_or_else(|| SignAlgorithm::default_for(request.provider));
    check_request(request)?;
    match (request.provider, algorithm, credentials) {
        (
            ProviderId::AliyunSlb | ProviderId::AliyunCas,
            SignAlgorithm::Acs3HmacSha256 | SignAlgorithm::HmacSha1,
            Credentials::Alibaba {
                access_key_id,
                access_key_secret,
                security_token,
            },
        ) => {
            check_token("accessKeyId", access_key_id, 256)?;
            if access_key_secret.is_empty() {
                return Err(invalid("accessKeySecret is empty"));
            }
            if let Some(t) = security_token {
                check_token("securityToken", t, 8192)?;
            }
            check_token("nonce", &options.nonce, 128)?;
            let date = iso8601(options.timestamp_s)?;
            let token = security_token.as_ref().map(|t| t.as_str());
            if algorithm == SignAlgorithm::HmacSha1 {
                sign_rpc(
                    request,
                    access_key_id,
                    access_key_secret,
                    token,
                    &date,
                    options,
                )
            } else {
                sign_v3(
                    request,
                    access_key_id,
                    access_key_secret,
                    token,
                    &date,
                    options,
                )
            }
        }
        (
            ProviderId::TencentSsl,
            SignAlgorithm::Tc3HmacSha256,
            Credentials::Tencent {
                secret_id,
                secret_key,
                token,
            },
        ) => {
            check_token("secretId", secret_id, 256)?;
            if secret_key.is_empty() {
                return Err(invalid("secretKey is empty"));
            }
            if let Some(t) = token {
                check_token("token", t, 8192)?;
            }
            sign_tencent(
                request,
                secret_id,
                secret_key,
                token.as_ref().map(|t| t.as_str()),
                options,
            )
        }
        (provider, algorithm, credentials) => {
            let given = match credentials {
                Credentials::Alibaba { .. } => "Alibaba credentials (accessKeyId)",
                Credentials::Tencent { .. } => "Tencent credentials (secretId)",
            };
            Err(invalid(format!(
                "{} requests cannot be signed with {given} and {}",
                provider.as_str(),
                algorithm.as_str()
            )))
        }
    }
}

fn sign_v3(
    request: &ApiRequest,
    access_key_id: &str,
    access_key_secret: &str,
    token: Option<&str>,
    date: &str,
    options: &SignOptions,
) -> Result<ApiRequest, Error> {
    let mut out = request.clone();
    out.headers.push(("x-acs-date".into(), date.into()));
    out.headers
        .push(("x-acs-signature-nonce".into(), options.nonce.clone()));
    out.headers.push((
        "x-acs-content-sha256".into(),
        sha256_hex(request.body.as_bytes()),
    ));
    if let Some(t) = token {
        out.headers.push(("x-acs-security-token".into(), t.into()));
    }
    // PROVIDERS.md §5.2 step 3: host, content-type when present, every x-acs-* header.
    let mut signed: Vec<(&str, &str)> = Vec::with_capacity(out.headers.len().saturating_add(1));
    signed.push(("host", out.host.as_str()));
    for (k, v) in &out.headers {
        let lower = k.to_ascii_lowercase();
        if lower == "content-type" || lower.starts_with("x-acs-") {
            signed.push((k.as_str(), v.as_str()));
        }
    }
    let query: Vec<(&str, &str)> = out
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let parts = sign_acs3(
        &Acs3Input {
            method: &out.method,
            path: &out.path,
            query: &query,
            headers: &signed,
            body: out.body.as_bytes(),
        },
        access_key_id,
        access_key_secret,
    )?;
    out.headers
        .push(("authorization".into(), parts.authorization));
    out.url = render_url(&out.host, &out.path, &out.query);
    Ok(out)
}

fn sign_rpc(
    request: &ApiRequest,
    access_key_id: &str,
    access_key_secret: &str,
    token: Option<&str>,
    date: &str,
    options: &SignOptions,
) -> Result<ApiRequest, Error> {
    if !request.body.is_empty() {
        return Err(invalid(
            "HMAC-SHA1 signing takes the parameters in the query; the body must be empty",
        ));
    }
    if let Some((name, _)) = request
        .query
        .iter()
        .find(|(k, _)| RPC_COMMON.contains(&k.as_str()))
    {
        return Err(invalid(format!(
            "the query already holds {name}: the request is signed already or not from buildRequest"
        )));
    }
    check_token("action", &request.action, 128)?;
    check_token("version", &request.version, 32)?;
    let mut out = request.clone();
    let common: [(&str, &str); 8] = [
        ("Action", &request.action),
        ("Version", &request.version),
        // The Tea SDK sends `json` (vector A2).
        ("Format", "json"),
        ("AccessKeyId", access_key_id),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", &options.nonce),
        ("Timestamp", date),
    ];
    for (k, v) in common {
        out.query.push((k.into(), v.into()));
    }
    if let Some(t) = token {
        out.query.push(("SecurityToken".into(), t.into()));
    }
    let params: Vec<(&str, &str)> = out
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let sig = sign_rpc_hmac_sha1(&out.method, &params, access_key_secret)?;
    out.query.push(("Signature".into(), sig.signature));
    out.url = render_url(&out.host, &out.path, &out.query);
    Ok(out)
}

fn sign_tencent(
    request: &ApiRequest,
    secret_id: &str,
    secret_key: &str,
    token: Option<&str>,
    options: &SignOptions,
) -> Result<ApiRequest, Error> {
    let Some(content_type) = header(request, "content-type") else {
        return Err(invalid(
            "TC3 signs content-type: the request has no content-type header",
        ));
    };
    let service = request.host.split('.').next().unwrap_or_default();
    let url = render_url(&request.host, &request.path, &request.query);
    let canonical_query = url.split_once('?').map_or("", |(_, q)| q);
    let timestamp = options.timestamp_s;
    let parts = sign_tc3(
        &Tc3Input {
            method: &request.method,
            path: &request.path,
            canonical_query,
            content_type,
            host: &request.host,
            body: request.body.as_bytes(),
            service,
            timestamp_s: timestamp,
        },
        secret_id,
        secret_key,
    )?;
    let mut out = request.clone();
    out.headers
        .push(("x-tc-timestamp".into(), timestamp.to_string()));
    if let Some(t) = token {
        out.headers.push(("x-tc-token".into(), t.into()));
    }
    out.headers
        .push(("authorization".into(), parts.authorization));
    out.url = url;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(iso8601(0).ok().as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            iso8601(1_704_164_645).ok().as_deref(),
            Some("2024-01-02T03:04:05Z")
        );
        assert_eq!(
            iso8601(951_782_400).ok().as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(utc_date(1_700_000_000).ok().as_deref(), Some("2023-11-14"));
        assert_eq!(
            iso8601(MAX_TIMESTAMP).ok().as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
        assert!(iso8601(-1).is_err() && iso8601(MAX_TIMESTAMP + 1).is_err());
    }

    #[test]
    fn rfc3986_encoding() {
        assert_eq!(
            percent_encode("a b*~-_.+/=\n测"),
            "a%20b%2A~-_.%2B%2F%3D%0A%E6%B5%8B"
        );
    }

    #[test]
    fn credentials_debug_hides_secrets() {
        let a = Credentials::alibaba("AKID", "SECRET-A").with_token("SECRET-T");
        let t = Credentials::tencent("SID", "SECRET-K").with_token("SECRET-T");
        for c in [a, t] {
            let s = format!("{c:?}");
            assert!(!s.contains("SECRET"), "{s}");
            assert!(s.contains("<redacted>"));
        }
    }

    #[test]
    fn algorithm_names() {
        for a in [
            SignAlgorithm::Acs3HmacSha256,
            SignAlgorithm::HmacSha1,
            SignAlgorithm::Tc3HmacSha256,
        ] {
            assert_eq!(SignAlgorithm::from_name(a.as_str()), Some(a));
        }
        assert_eq!(SignAlgorithm::from_name("hmac-sha1"), None);
    }
}
