//! `build_request`: the upload request for each provider, checked the way the provider checks it.
//!
//! Parameters use each API's own names ([`Params`]). Every rule of PROVIDERS.md §1.2, §2.2 and §3.2
//! is checked — names, tags, regions, required and mutually exclusive fields, types, unknown
//! parameters — and the certificate and key go through [`crate::validate`]. Each violation is a
//! [`Finding`] worded by the provider's code table (`src/provider/*.rs`, sub-conditions
//! [`When::Region`] … [`When::Ignored`]); all of them are collected. Any error gives a
//! [`RequestError`]; otherwise the result is an unsigned [`ApiRequest`] with the PEM normalized.
//!
//! One builder per provider lives in `request/<provider>.rs`: its parameter table, its rules and
//! its request shape. Adding a provider adds one such file and one arm in [`build_request`].

mod aliyun_cas;
mod aliyun_slb;
mod tencent_ssl;

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::finding::{Finding, Kind, Severity};
use crate::input::MAX_FIELD_BYTES;
use crate::provider::{Language, Profile, ProviderId, When};
use crate::validate::{Input, validate};

/// Request parameters by the API's own names, e.g. `{"RegionId": "cn-hangzhou", "Tag": [{"Key":
/// "env", "Value": "prod"}]}`. The wasm binding deserializes a JS object straight into it.
pub type Params = BTreeMap<String, ParamValue>;

/// A JSON-like parameter value. `Null` counts as absent, and so does an empty string for an optional
/// parameter (it is not sent). Strings are zeroized on drop (they hold private keys) and `Debug`
/// shows only their length.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    /// `null` / `undefined`: treated as absent.
    Null,
    /// A boolean (Tencent `Repeatable`).
    Bool(bool),
    /// An integer (Tencent `ProjectId`, Alibaba `OwnerId`).
    Int(i64),
    /// A number that is not an integer (always a type error: no parameter takes one).
    Float(f64),
    /// A string.
    Str(String),
    /// A list (`Tag` / `Tags`).
    List(Vec<ParamValue>),
    /// An object (one tag: `{Key, Value}` or `{TagKey, TagValue}`).
    Object(BTreeMap<String, ParamValue>),
}

impl ParamValue {
    /// An object from `(name, value)` pairs, e.g. one tag.
    pub fn object<'a>(members: impl IntoIterator<Item = (&'a str, ParamValue)>) -> Self {
        ParamValue::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// The JSON type name, for messages.
    pub const fn type_name(&self) -> &'static str {
        match self {
            ParamValue::Null => "null",
            ParamValue::Bool(_) => "a boolean",
            ParamValue::Int(_) => "an integer",
            ParamValue::Float(_) => "a number",
            ParamValue::Str(_) => "a string",
            ParamValue::List(_) => "a list",
            ParamValue::Object(_) => "an object",
        }
    }
}

impl Drop for ParamValue {
    fn drop(&mut self) {
        if let ParamValue::Str(s) = self {
            s.zeroize();
        }
    }
}

impl core::fmt::Debug for ParamValue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ParamValue::Null => f.write_str("Null"),
            ParamValue::Bool(b) => write!(f, "Bool({b})"),
            ParamValue::Int(i) => write!(f, "Int({i})"),
            ParamValue::Float(x) => write!(f, "Float({x})"),
            ParamValue::Str(s) => write!(f, "Str(<{} bytes>)", s.len()),
            ParamValue::List(l) => f.debug_tuple("List").field(l).finish(),
            ParamValue::Object(o) => f.debug_tuple("Object").field(o).finish(),
        }
    }
}

impl From<&str> for ParamValue {
    fn from(s: &str) -> Self {
        ParamValue::Str(s.to_string())
    }
}

impl From<String> for ParamValue {
    fn from(s: String) -> Self {
        ParamValue::Str(s)
    }
}

impl From<bool> for ParamValue {
    fn from(b: bool) -> Self {
        ParamValue::Bool(b)
    }
}

impl From<i64> for ParamValue {
    fn from(i: i64) -> Self {
        ParamValue::Int(i)
    }
}

impl From<Vec<ParamValue>> for ParamValue {
    fn from(l: Vec<ParamValue>) -> Self {
        ParamValue::List(l)
    }
}

/// Options of [`build_request`] (the JS `options` argument; the binding fills `now_ms` from
/// `Date.now()`).
#[derive(Clone, Default)]
pub struct BuildOptions<'a> {
    /// The current time, ms since the Unix epoch (validity checks; the core reads no clock).
    pub now_ms: i64,
    /// aliyun-slb regions that accept EC keys (default none, PROVIDERS.md §1.3).
    pub ecc_regions: Vec<String>,
    /// aliyun-cas: the endpoint region (`None` / `cn-hangzhou` = `cas.aliyuncs.com`, §2.1; CAS has
    /// no `RegionId` parameter). tencent-ssl: sent as `x-tc-region` when given (optional, §3.1).
    /// aliyun-slb: unused (the endpoint follows `RegionId`).
    pub region: Option<String>,
    /// aliyun-slb / aliyun-cas: decrypts an encrypted key, and the request carries the decrypted key
    /// (both take only unencrypted keys, §1.3 §2.3). tencent-ssl: unused — give `KeyPassword`,
    /// which the API takes and which is sent with the key as it is.
    pub passphrase: Option<Zeroizing<String>>,
    /// Work budget of decrypting an encrypted key (see [`crate::DEFAULT_MAX_KDF_COST`]); `None` = that
    /// default.
    pub max_kdf_cost: Option<u64>,
    /// The language of the findings' messages, and the one the request asks the API to answer in
    /// (tencent-ssl: `X-TC-Language`; aliyun-slb and aliyun-cas have no language parameter, so
    /// nothing is sent: docs/research/languages.md §2.1, §3.1). `None` = the provider's default.
    pub language: Option<Language>,
    /// Trusted roots for the chain checks, as [`Input::roots`]: `ChainIncomplete` only when the chain
    /// reaches none of them, `ChainUntrusted` when it ends self-signed outside them.
    pub roots: Option<&'a crate::chain::TrustAnchors>,
}

impl BuildOptions<'_> {
    /// The language asked for, if any (see [`BuildOptions::language`]).
    const fn asked_language(&self) -> Option<Language> {
        self.language
    }
}

impl core::fmt::Debug for BuildOptions<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BuildOptions")
            .field("now_ms", &self.now_ms)
            .field("max_kdf_cost", &self.max_kdf_cost)
            .field("ecc_regions", &self.ecc_regions)
            .field("region", &self.region)
            .field("language", &self.asked_language())
            .field("roots", &self.roots.map(crate::chain::TrustAnchors::len))
            .field(
                "passphrase",
                &self.passphrase.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// An upload request, unsigned unless it came from [`crate::sign_request`]. Serialized in camelCase
/// for JS; `query` and `headers` are arrays of `[name, value]` pairs in a fixed order (they go
/// straight into `new URLSearchParams(…)` / `new Headers(…)`; `url` already holds the encoded
/// query). Header names are lower-case; `host` is not among them (`fetch` sets it; signing signs
/// `request.host`). Query values, the body and the URL are zeroized on drop and hidden by `Debug`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiRequest {
    /// The provider.
    #[serde(with = "provider_id")]
    pub provider: ProviderId,
    /// The API action, e.g. `UploadServerCertificate`.
    pub action: String,
    /// The API version, e.g. `2014-05-15`.
    pub version: String,
    /// `POST`.
    pub method: String,
    /// `https://<host><path>[?<query>]`, the query RFC 3986-encoded.
    pub url: String,
    /// The endpoint host.
    pub host: String,
    /// `/`.
    pub path: String,
    /// Query parameters in sending order (Alibaba: every business parameter, 1-based `Tag.N.*`).
    pub query: Vec<(String, String)>,
    /// Headers in sending order, lower-case names.
    pub headers: Vec<(String, String)>,
    /// The body (Tencent: compact UTF-8 JSON; Alibaba: empty).
    pub body: String,
    /// What normalization changed and other warnings (empty after a JS round trip).
    #[serde(default, skip_deserializing)]
    pub warnings: Vec<Finding>,
}

impl Drop for ApiRequest {
    fn drop(&mut self) {
        for (_, v) in &mut self.query {
            v.zeroize();
        }
        self.body.zeroize();
        self.url.zeroize();
    }
}

impl core::fmt::Debug for ApiRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let query: Vec<(&str, usize)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.len()))
            .collect();
        f.debug_struct("ApiRequest")
            .field("provider", &self.provider)
            .field("action", &self.action)
            .field("version", &self.version)
            .field("method", &self.method)
            .field("host", &self.host)
            .field("path", &self.path)
            .field("query_value_lengths", &query)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .field("warnings", &self.warnings)
            .finish_non_exhaustive()
    }
}

/// `ProviderId` as its JS id (`"aliyun-slb"`, …).
mod provider_id {
    use crate::provider::ProviderId;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub(super) fn serialize<S: Serializer>(p: &ProviderId, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(p.as_str())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ProviderId, D::Error> {
        let name = alloc::string::String::deserialize(d)?;
        ProviderId::from_name(&name).ok_or_else(|| {
            let ids: alloc::vec::Vec<&str> = ProviderId::ALL.iter().map(|p| p.as_str()).collect();
            D::Error::custom(alloc::format!(
                "unknown provider {}",
                crate::error::shown(&name, &ids)
            ))
        })
    }
}

/// `build_request` refused: the provider would answer `code` (the first error's), and `findings`
/// holds every error and then every warning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestError {
    /// The first error's provider code, e.g. `InvalidParam.TagKey`.
    pub code: String,
    /// The first error's kind.
    pub kind: Kind,
    /// The first error's HTTP status.
    pub http_status: u16,
    /// The first error's message.
    pub message: String,
    /// The first error's `message_en` (see [`Finding::message_en`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_en: Option<String>,
    /// How sure the first error's code is.
    pub confidence: crate::Confidence,
    /// The provider's other codes for the first error's condition.
    pub alternatives: &'static [&'static str],
    /// All errors, then all warnings.
    pub findings: Vec<Finding>,
}

impl core::fmt::Display for RequestError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(first) = self.findings.first() {
            write!(f, " ({}", first.field)?;
            if let Some(d) = &first.detail {
                write!(f, ": {d}")?;
            }
            f.write_str(")")?;
        }
        let errors = self
            .findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count();
        if errors > 1 {
            write!(f, " and {} more error(s)", errors.saturating_sub(1))?;
        }
        Ok(())
    }
}

impl core::error::Error for RequestError {}

/// Builds the upload request for `provider` from `params`, or says everything the provider would
/// refuse. See the module documentation and each provider's builder for the rules.
pub fn build_request(
    provider: ProviderId,
    params: &Params,
    options: &BuildOptions<'_>,
) -> Result<ApiRequest, RequestError> {
    match provider {
        ProviderId::AliyunSlb => aliyun_slb::build(params, options),
        ProviderId::AliyunCas => aliyun_cas::build(params, options),
        ProviderId::TencentSsl => tencent_ssl::build(params, options),
    }
}

/// The regions a provider's endpoint table knows, in the table's order: aliyun-slb `RegionId`
/// values (API metadata, PROVIDERS.md §1.2), aliyun-cas endpoint regions (`cn-hangzhou` first, the
/// default `cas.aliyuncs.com`, then §2.1's regional endpoints). tencent-ssl has one global endpoint
/// and an optional free-form `X-TC-Region` (§3.1): no list, an empty slice.
pub fn regions(provider: ProviderId) -> &'static [&'static str] {
    match provider {
        ProviderId::AliyunSlb => aliyun_slb::REGIONS,
        ProviderId::AliyunCas => aliyun_cas::REGIONS,
        ProviderId::TencentSsl => &[],
    }
}

/// The parameter names a provider's API takes (its request model), in the API's order: what a
/// caller's unknown name is compared with before a message may quote it (by the wasm binding).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn parameter_names(provider: ProviderId) -> Vec<&'static str> {
    let specs = match provider {
        ProviderId::AliyunSlb => aliyun_slb::PARAMS,
        ProviderId::AliyunCas => aliyun_cas::PARAMS,
        ProviderId::TencentSsl => tencent_ssl::PARAMS,
    };
    specs.iter().map(|s| s.name).collect()
}

/// Names every upload request has that no caller sets, besides the RPC common parameters
/// (`crate::sign::RPC_COMMON`): Tencent's header names without `X-TC-`. Quoted when a caller gives
/// one, since they are public words, never secrets.
const SET_BY_US: &[&str] = &["Region", "Token"];

// ---------------------------------------------------------------------------------------------
// Shared machinery of the builders.

/// Findings collected in one provider's words.
pub(crate) struct Ctx {
    provider: ProviderId,
    profile: &'static Profile,
    /// The language asked for, or the provider's default.
    language: Language,
    errors: Vec<Finding>,
    warnings: Vec<Finding>,
}

impl Ctx {
    fn new(provider: ProviderId, options: &BuildOptions<'_>) -> Self {
        let profile = provider.profile();
        Ctx {
            provider,
            profile,
            language: options.asked_language().unwrap_or(profile.language),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Adds a finding worded by the provider's table (sub-condition line, else the kind's line).
    fn push(&mut self, kind: Kind, when: Option<When>, field: &str, detail: String) {
        let Some(finding) = self
            .profile
            .finding_in(kind, when, field, Some(detail), self.language)
        else {
            return;
        };
        match finding.severity {
            Severity::Error => self.errors.push(finding),
            Severity::Warning => self.warnings.push(finding),
        }
    }

    /// The error, or the request made by `make` with the warnings.
    fn finish(
        self,
        make: impl FnOnce(ProviderId, Vec<Finding>) -> ApiRequest,
    ) -> Result<ApiRequest, RequestError> {
        let Ctx {
            provider,
            errors,
            warnings,
            ..
        } = self;
        let Some(first) = errors.first() else {
            return Ok(make(provider, warnings));
        };
        let (code, kind, http_status, message, message_en, confidence, alternatives) = (
            first.code.clone(),
            first.kind,
            first.http_status,
            first.message.clone(),
            first.message_en.clone(),
            first.confidence,
            first.alternatives,
        );
        let mut findings = errors;
        findings.extend(warnings);
        Err(RequestError {
            code,
            kind,
            http_status,
            message,
            message_en,
            confidence,
            alternatives,
            findings,
        })
    }
}

/// A parameter's type (PROVIDERS.md §1.2, §2.2, §3.2).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ty {
    /// A string.
    Str,
    /// A PEM string checked by `validate` (its size limit included).
    Pem,
    /// Alibaba `Long`: a non-negative integer, or a string of digits (IDs beyond 2^53).
    Long,
    /// A JSON integer ≥ 0 (Tencent `ProjectId`, uint64 in the Go SDK).
    UInt,
    /// A JSON boolean.
    Bool,
    /// A list of tag objects.
    Tags(&'static TagSpec),
}

/// One parameter the API defines.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec {
    /// The API's name.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Where it is defined (PROVIDERS.md section / source).
    #[allow(dead_code, reason = "documentation carried with the data")]
    pub source: &'static str,
}

/// Whose tag rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TagRules {
    /// PROVIDERS.md §1.2 (CLB; inferred for CAS): key 1-64, value 0-128, no `http://`/`https://`,
    /// no `aliyun`/`acs:` prefix.
    Alibaba,
    /// PROVIDERS.md §3.2 [S28]: key 1-127, value 1-255, no leading/trailing space, letters, digits,
    /// spaces and `+ - = . _ : / @ ( ) [ ] , ; > < 【】：`, keys not starting `qcs:`/`project`/`项目`.
    Tencent,
}

/// How a provider spells a tag list.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TagSpec {
    /// `Tag` / `Tags`.
    pub list: &'static str,
    /// `Key` / `TagKey`.
    pub key: &'static str,
    /// `Value` / `TagValue`.
    pub value: &'static str,
    /// Most tags accepted.
    pub max: usize,
    /// Index of the first tag in flattened names: Alibaba `Tag.1.Key`, Tencent `Tags.0.TagKey`.
    pub first_index: usize,
    /// Rules.
    pub rules: TagRules,
}

/// One tag as given.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tag<'a> {
    key: Option<&'a str>,
    value: Option<&'a str>,
}

/// A parameter value that passed its type check.
pub(crate) enum Val<'a> {
    /// A string as given.
    Str(&'a str),
    /// A string produced here (normalized PEM).
    Owned(Zeroizing<String>),
    /// An integer (rendered as digits in a query, as a number in JSON).
    Int(i64),
    /// Digits of an Alibaba `Long` given as a string.
    Digits(&'a str),
    /// A boolean.
    Bool(bool),
    /// Tags.
    Tags(&'static TagSpec, Vec<Tag<'a>>),
}

/// The parameters that passed their type checks, in the API's order.
pub(crate) struct Read<'a> {
    vals: Vec<(&'static str, Val<'a>)>,
}

impl<'a> Read<'a> {
    fn get(&self, name: &str) -> Option<&Val<'a>> {
        self.vals.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// A string parameter (non-empty) as given.
    fn str(&self, name: &str) -> Option<&'a str> {
        match self.get(name) {
            Some(Val::Str(s)) => Some(s),
            _ => None,
        }
    }

    fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Replaces a parameter's value (e.g. by the normalized PEM).
    fn set(&mut self, name: &str, text: Zeroizing<String>) {
        if let Some((_, v)) = self.vals.iter_mut().find(|(n, _)| *n == name) {
            *v = Val::Owned(text);
        }
    }

    /// Drops a parameter from the request.
    fn remove(&mut self, name: &str) {
        self.vals.retain(|(n, _)| *n != name);
    }
}

/// Type-checks `params` against the API's table; unknown names and wrong types are findings.
fn read_params<'a>(ctx: &mut Ctx, specs: &'static [Spec], params: &'a Params) -> Read<'a> {
    // Values land at their spec's index, so the request lists them in the API's order without a sort.
    let mut found: Vec<Option<Val<'a>>> = specs.iter().map(|_| None).collect();
    for (name, value) in params {
        let Some((index, spec)) = specs.iter().enumerate().find(|(_, s)| s.name == name) else {
            // The name is quoted (and is the finding's field) only when it is a near miss of a
            // parameter or one of the names set by us: a secret given as a key is never shown.
            let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
            let ours = crate::sign::RPC_COMMON.iter().chain(SET_BY_US);
            let shown = if ours.clone().any(|n| *n == name.as_str()) {
                format!("\"{name}\" (set by buildRequest and signRequest)")
            } else {
                crate::error::shown(name, &names)
            };
            let known: Vec<&str> = names.iter().chain(ours).copied().collect();
            let field = crate::error::field_name(name, &known)
                .map_or_else(|| crate::error::described(name), String::from);
            ctx.push(
                Kind::ParameterInvalid,
                Some(When::UnknownParameter),
                &field,
                format!("{shown} is not a parameter of this API"),
            );
            continue;
        };
        if let (Some(v), Some(slot)) = (read_value(ctx, spec, value), found.get_mut(index)) {
            *slot = Some(v);
        }
    }
    Read {
        vals: specs
            .iter()
            .zip(found)
            .filter_map(|(s, v)| v.map(|v| (s.name, v)))
            .collect(),
    }
}

fn type_error(ctx: &mut Ctx, field: &str, want: &str, got: &ParamValue) {
    ctx.push(
        Kind::ParameterInvalid,
        Some(When::Type),
        field,
        format!("{field} must be {want}, not {}", got.type_name()),
    );
}

fn read_value<'a>(ctx: &mut Ctx, spec: &Spec, value: &'a ParamValue) -> Option<Val<'a>> {
    let name = spec.name;
    match (spec.ty, value) {
        (_, ParamValue::Null) => None,
        (Ty::Str | Ty::Pem, ParamValue::Str(s)) if s.is_empty() => None,
        (Ty::Pem, ParamValue::Str(s)) => Some(Val::Str(s)),
        (Ty::Str, ParamValue::Str(s)) => {
            if s.len() > MAX_FIELD_BYTES {
                ctx.push(
                    Kind::InputTooLarge,
                    None,
                    name,
                    format!("{} bytes; the limit is {MAX_FIELD_BYTES}", s.len()),
                );
                return None;
            }
            Some(Val::Str(s))
        }
        (Ty::Long, ParamValue::Int(i)) if *i >= 0 => Some(Val::Int(*i)),
        (Ty::Long, ParamValue::Str(s))
            if (1..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(Val::Digits(s))
        }
        (Ty::UInt, ParamValue::Int(i)) if *i >= 0 => Some(Val::Int(*i)),
        (Ty::Bool, ParamValue::Bool(b)) => Some(Val::Bool(*b)),
        (Ty::Tags(spec), ParamValue::List(items)) => {
            let tags = read_tags(ctx, spec, items);
            (!tags.is_empty()).then_some(Val::Tags(spec, tags))
        }
        (ty, other) => {
            let want = match ty {
                Ty::Str | Ty::Pem => "a string",
                Ty::Long => "a non-negative integer (or a string of digits)",
                Ty::UInt => "an integer ≥ 0",
                Ty::Bool => "a boolean",
                Ty::Tags(t) if t.rules == TagRules::Alibaba => "a list of {Key, Value} objects",
                Ty::Tags(_) => "a list of {TagKey, TagValue} objects",
            };
            type_error(ctx, name, want, other);
            None
        }
    }
}

/// The flattened name of tag `i` (0-based position) or one of its members.
fn tag_field(spec: &TagSpec, i: usize, member: Option<&str>) -> String {
    let n = i.saturating_add(spec.first_index);
    match member {
        Some(m) => format!("{}.{n}.{m}", spec.list),
        None => format!("{}.{n}", spec.list),
    }
}

fn read_tags<'a>(ctx: &mut Ctx, spec: &'static TagSpec, items: &'a [ParamValue]) -> Vec<Tag<'a>> {
    if items.len() > spec.max {
        ctx.push(
            Kind::ParameterInvalid,
            Some(When::TagCount),
            spec.list,
            format!("{} tags; at most {} are accepted", items.len(), spec.max),
        );
    }
    let mut tags = Vec::with_capacity(items.len().min(spec.max));
    // Past the limit only the count is reported: a huge list gives one finding, not one per tag.
    for (i, item) in items.iter().enumerate().take(spec.max) {
        let ParamValue::Object(members) = item else {
            let field = tag_field(spec, i, None);
            let want = format!("an object {{{}, {}}}", spec.key, spec.value);
            type_error(ctx, &field, &want, item);
            continue;
        };
        let mut tag = Tag::default();
        for (member, value) in members {
            let slot = if member == spec.key {
                &mut tag.key
            } else if member == spec.value {
                &mut tag.value
            } else {
                // Both vocabularies (Alibaba's Key/Value, Tencent's TagKey/TagValue) are public
                // words; any other member name is neither quoted nor the finding's field.
                let members = [spec.key, spec.value, "Key", "Value", "TagKey", "TagValue"];
                let shown = crate::error::shown(member, &members);
                let field = tag_field(spec, i, crate::error::field_name(member, &members));
                ctx.push(
                    Kind::ParameterInvalid,
                    Some(When::UnknownParameter),
                    &field,
                    format!(
                        "a tag has only {} and {}, not {shown}",
                        spec.key, spec.value
                    ),
                );
                continue;
            };
            match value {
                ParamValue::Null => {}
                ParamValue::Str(s) => *slot = Some(s.as_str()),
                other => type_error(ctx, &tag_field(spec, i, Some(member)), "a string", other),
            }
        }
        check_tag(ctx, spec, i, &tag);
        tags.push(tag);
    }
    tags
}

/// Why an Alibaba tag key or value breaks §1.2 (`max` characters).
fn alibaba_tag_problem(text: &str, max: usize) -> Option<String> {
    let chars = text.chars().count();
    if chars > max {
        return Some(format!("{chars} characters; at most {max}"));
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("http://") || lower.contains("https://") {
        return Some("contains http:// or https://".to_string());
    }
    if lower.starts_with("aliyun") || lower.starts_with("acs:") {
        return Some("starts with aliyun or acs: (reserved)".to_string());
    }
    None
}

/// Characters a Tencent tag may hold besides letters and digits (PROVIDERS.md §3.2 [S28]).
const TENCENT_TAG_SPECIALS: &str = " +-=._:/@()[],;><【】：";

/// Why a Tencent tag key or value breaks §3.2 (1..=`max` characters).
fn tencent_tag_problem(text: &str, max: usize) -> Option<String> {
    let chars = text.chars().count();
    if chars == 0 {
        return Some("empty".to_string());
    }
    if chars > max {
        return Some(format!("{chars} characters; at most {max}"));
    }
    if text.starts_with(' ') || text.ends_with(' ') {
        return Some("leading or trailing space".to_string());
    }
    if let Some(c) = text
        .chars()
        .find(|c| !c.is_alphanumeric() && !TENCENT_TAG_SPECIALS.contains(*c))
    {
        return Some(format!("character {c:?} is not allowed"));
    }
    None
}

fn check_tag(ctx: &mut Ctx, spec: &TagSpec, i: usize, tag: &Tag<'_>) {
    let key_field = tag_field(spec, i, Some(spec.key));
    let value_field = tag_field(spec, i, Some(spec.value));
    match (spec.rules, tag.key) {
        (_, None) => ctx.push(
            Kind::ParameterMissing,
            Some(When::TagKeyMissing),
            &key_field,
            format!("{key_field} is required once a tag is given"),
        ),
        (TagRules::Alibaba, Some("")) => ctx.push(
            Kind::ParameterInvalid,
            Some(When::TagKey),
            &key_field,
            format!("{key_field} is empty"),
        ),
        (TagRules::Alibaba, Some(k)) => {
            if let Some(why) = alibaba_tag_problem(k, 64) {
                ctx.push(Kind::ParameterInvalid, Some(When::TagKey), &key_field, why);
            }
        }
        (TagRules::Tencent, Some(k)) => {
            let lower = k.to_ascii_lowercase();
            let why = tencent_tag_problem(k, 127).or_else(|| {
                (lower.starts_with("qcs:") || lower.starts_with("project") || k.starts_with("项目"))
                    .then(|| "starts with qcs:, project or 项目 (reserved)".to_string())
            });
            if let Some(why) = why {
                ctx.push(Kind::ParameterInvalid, Some(When::TagKey), &key_field, why);
            }
        }
    }
    match (spec.rules, tag.value) {
        // §1.2: an Alibaba tag value may be empty or absent.
        (TagRules::Alibaba, None) => {}
        (TagRules::Alibaba, Some(v)) => {
            if let Some(why) = alibaba_tag_problem(v, 128) {
                ctx.push(
                    Kind::ParameterInvalid,
                    Some(When::TagValue),
                    &value_field,
                    why,
                );
            }
        }
        // §3.2: a Tencent tag value is 1-255 characters.
        (TagRules::Tencent, None) => ctx.push(
            Kind::ParameterMissing,
            Some(When::TagValue),
            &value_field,
            format!("{value_field} is required (1-255 characters)"),
        ),
        (TagRules::Tencent, Some(v)) => {
            if let Some(why) = tencent_tag_problem(v, 255) {
                ctx.push(
                    Kind::ParameterInvalid,
                    Some(When::TagValue),
                    &value_field,
                    why,
                );
            }
        }
    }
}

/// The certificate and key texts to send.
pub(crate) struct Checked {
    certificate: Option<String>,
    private_key: Option<Zeroizing<String>>,
}

/// Runs `validate` and takes its findings. When it offers a normalized form, the normalized PEM is
/// validated again and only *that* run's errors block (normalization fixes the rest); the first
/// run's warnings are kept, since they say what was changed. `keep_encrypted_key`: an encrypted key
/// is sent as given (the API decrypts it with `KeyPassword`), never in its decrypted normalized form.
fn check_pem(ctx: &mut Ctx, input: &Input<'_>, keep_encrypted_key: bool) -> Checked {
    let input = &Input {
        language: Some(ctx.language),
        ..*input
    };
    let report = validate(input);
    let keep_key = keep_encrypted_key
        && report
            .private_key
            .as_ref()
            .is_some_and(|k| k.format == "encrypted");
    let Some(normalized) = report.normalized.as_ref() else {
        ctx.errors.extend(report.errors.iter().cloned());
        ctx.warnings.extend(report.warnings.iter().cloned());
        return Checked {
            certificate: None,
            private_key: None,
        };
    };
    let key = if keep_key {
        None
    } else {
        normalized.private_key.clone()
    };
    let again = validate(&Input {
        certificate: &normalized.certificate,
        private_key: key.as_ref().map(|k| k.as_str()).or(input.private_key),
        ..*input
    });
    ctx.errors.extend(again.errors.iter().cloned());
    ctx.warnings.extend(report.warnings.iter().cloned());
    Checked {
        certificate: Some(normalized.certificate.clone()),
        private_key: key,
    }
}

/// Replaces the PEM parameters by the texts `check_pem` chose.
fn apply(read: &mut Read<'_>, checked: Checked, certificate: &str, private_key: &str) {
    if let Some(c) = checked.certificate {
        read.set(certificate, Zeroizing::new(c));
    }
    if let Some(k) = checked.private_key {
        read.set(private_key, k);
    }
}

/// Percent-encodes `s` per RFC 3986 (space → `%20`, `*` → `%2A`, `~` kept): the unreserved
/// characters stay, every other byte of the UTF-8 is `%XX` in upper-case hex — the encoding of both
/// Alibaba algorithms (PROVIDERS.md §5.1 step 2, §5.2 step 2). Written out rather than taken from
/// the percent-encoding crate, whose 768-byte `%XX` table was the largest string in the module.
pub(crate) fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = core::fmt::Write::write_fmt(&mut out, format_args!("%{b:02X}"));
        }
    }
    out
}

/// `https://<host><path>[?<query>]`, names and values RFC 3986-encoded.
pub(crate) fn render_url(host: &str, path: &str, query: &[(String, String)]) -> String {
    let mut url = format!("https://{host}{path}");
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&percent_encode(k));
        url.push('=');
        url.push_str(&percent_encode(v));
    }
    url
}

/// An Alibaba RPC request: `POST /`, every parameter in the query (tags flattened `Tag.N.Key`,
/// `Tag.N.Value`), `x-acs-action` and `x-acs-version` headers, no body (PROVIDERS.md §1.1, §2.1).
fn rpc_request(
    provider: ProviderId,
    action: &str,
    version: &str,
    host: String,
    read: &Read<'_>,
    warnings: Vec<Finding>,
) -> ApiRequest {
    let mut query: Vec<(String, String)> = Vec::new();
    for (name, val) in &read.vals {
        match val {
            Val::Str(s) | Val::Digits(s) => query.push(((*name).to_string(), (*s).to_string())),
            Val::Owned(s) => query.push(((*name).to_string(), s.as_str().to_string())),
            Val::Int(i) => query.push(((*name).to_string(), i.to_string())),
            Val::Bool(b) => query.push(((*name).to_string(), b.to_string())),
            Val::Tags(spec, tags) => {
                for (i, tag) in tags.iter().enumerate() {
                    if let Some(k) = tag.key {
                        query.push((tag_field(spec, i, Some(spec.key)), k.to_string()));
                    }
                    if let Some(v) = tag.value {
                        query.push((tag_field(spec, i, Some(spec.value)), v.to_string()));
                    }
                }
            }
        }
    }
    let path = "/".to_string();
    ApiRequest {
        provider,
        action: action.to_string(),
        version: version.to_string(),
        method: "POST".to_string(),
        url: render_url(&host, &path, &query),
        host,
        path,
        query,
        headers: alloc::vec![
            ("x-acs-action".to_string(), action.to_string()),
            ("x-acs-version".to_string(), version.to_string()),
        ],
        body: String::new(),
        warnings,
    }
}

/// Appends `s` as a JSON string: `"` and `\\` escaped, control characters as `\\n`-style or
/// `\\u00XX` escapes, everything else raw UTF-8 (the same bytes as `serde_json`'s compact output).
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = core::fmt::Write::write_fmt(out, format_args!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The parameters as one compact UTF-8 JSON object in the API's order (the Tencent body), e.g.
/// `{"CertificatePublicKey":"…","Tags":[{"TagKey":"env","TagValue":"prod"}],"Repeatable":false}`.
/// The buffer is sized for the worst case up front, so no copy of the key is left behind in
/// reallocated memory.
fn json_body(read: &Read<'_>) -> String {
    // Each byte escapes to at most 6 bytes (`\u00XX`).
    let worst = |s: &str| s.len().saturating_mul(6).saturating_add(2);
    let capacity = read
        .vals
        .iter()
        .map(|(name, v)| {
            let value = match v {
                Val::Str(s) | Val::Digits(s) => worst(s),
                Val::Owned(s) => worst(s),
                Val::Int(_) | Val::Bool(_) => 24,
                Val::Tags(spec, tags) => tags
                    .iter()
                    .map(|t| {
                        t.key
                            .map_or(0, worst)
                            .saturating_add(t.value.map_or(0, worst))
                            .saturating_add(spec.key.len())
                            .saturating_add(spec.value.len())
                            .saturating_add(16)
                    })
                    .fold(2, usize::saturating_add),
            };
            value.saturating_add(name.len()).saturating_add(4)
        })
        .fold(2, usize::saturating_add);
    let mut out = String::with_capacity(capacity);
    out.push('{');
    for (i, (name, val)) in read.vals.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(&mut out, name);
        out.push(':');
        match val {
            Val::Str(s) => json_string(&mut out, s),
            Val::Owned(s) => json_string(&mut out, s),
            Val::Digits(s) => out.push_str(s),
            Val::Int(n) => out.push_str(&n.to_string()),
            Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Val::Tags(spec, tags) => {
                out.push('[');
                for (j, tag) in tags.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    out.push('{');
                    if let Some(k) = tag.key {
                        json_string(&mut out, spec.key);
                        out.push(':');
                        json_string(&mut out, k);
                    }
                    if let Some(v) = tag.value {
                        if tag.key.is_some() {
                            out.push(',');
                        }
                        json_string(&mut out, spec.value);
                        out.push(':');
                        json_string(&mut out, v);
                    }
                    out.push('}');
                }
                out.push(']');
            }
        }
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_tables() {
        assert!(regions(ProviderId::AliyunSlb).contains(&"cn-hangzhou"));
        assert_eq!(regions(ProviderId::AliyunCas).first(), Some(&"cn-hangzhou"));
        assert!(regions(ProviderId::TencentSsl).is_empty());
        for p in [ProviderId::AliyunSlb, ProviderId::AliyunCas] {
            let list = regions(p);
            for (i, r) in list.iter().enumerate() {
                assert!(!list.iter().take(i).any(|x| x == r), "{r} twice");
            }
        }
    }

    #[test]
    fn param_value_debug_hides_strings() {
        let v = ParamValue::from("-----BEGIN PRIVATE KEY-----SECRET");
        let s = format!("{v:?}");
        assert!(!s.contains("SECRET"), "{s}");
    }

    #[test]
    fn tag_problems() {
        assert!(alibaba_tag_problem("env", 64).is_none());
        assert!(alibaba_tag_problem("Aliyun-x", 64).is_some());
        assert!(alibaba_tag_problem("x https://y", 64).is_some());
        assert!(tencent_tag_problem("环境 a:b", 127).is_none());
        assert!(tencent_tag_problem("a#b", 127).is_some());
        assert!(tencent_tag_problem(" a", 127).is_some());
    }

    #[test]
    fn json_strings() {
        let mut out = String::new();
        json_string(&mut out, "a\"b\\c\nd\u{1}e测\u{7f}");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001e测\u{7f}\"");
    }

    #[test]
    fn url_rendering() {
        let q = alloc::vec![("A".to_string(), "x y/z".to_string())];
        assert_eq!(
            render_url("h.example", "/", &q),
            "https://h.example/?A=x%20y%2Fz"
        );
        assert_eq!(render_url("h.example", "/", &[]), "https://h.example/");
    }
}
