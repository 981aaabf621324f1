//! How the exports read their arguments (`src/wasm.rs` reads them by hand with js_sys, not with
//! serde): every argument object refuses unknown keys where a typo would otherwise be ignored,
//! every field refuses a wrong type with `InvalidArgument`, absent (`undefined` / `null`) optional
//! fields take their defaults, `buildRequest` parameters reach the core as they are (type mistakes
//! are the provider's findings, not throws), and no message shows the value it complains about.

use super::{
    NOW_MS, RSA_FULLCHAIN, RSA_KEY_PKCS1, RSA_LEAF, assert_coded_error, get, get_str, obj, s,
};
use cert_preflight::wasm::{build_request, compute_signature, sign_request, validate};
use js_sys::{Array, Map, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A string that must never appear in a message (it stands for a secret given in the wrong place).
const SECRET: &str = "s3cr3t-VALUE-never-shown";
const ALI: (&str, &str) = ("LTAI5tFAKEFAKEFAKEFAKE12", "FakeAccessKeySecretForVectors0");
const TC: (&str, &str) = (
    "AKIDFAKEFAKEFAKEFAKEFAKEFAKEFAKE1234",
    "fakeSecretKeyForTestVectors000000",
);

fn n(x: f64) -> JsValue {
    JsValue::from_f64(x)
}

fn arr(items: &[JsValue]) -> JsValue {
    items.iter().collect::<Array>().into()
}

/// The message of an `InvalidArgument` throw, checked to show no secret.
fn invalid(result: Result<JsValue, JsValue>, case: &str) -> String {
    let e = match result {
        Ok(v) => panic!(
            "{case}: did not throw, returned {:?}",
            js_sys::JSON::stringify(&v)
        ),
        Err(e) => e,
    };
    assert_coded_error(e.clone(), "InvalidArgument");
    let message = get_str(&e, "message");
    for secret in [
        SECRET,
        ALI.1,
        TC.1,
        RSA_KEY_PKCS1.lines().nth(1).unwrap_or("-"),
    ] {
        assert!(
            !message.contains(secret),
            "{case}: message shows a secret: {message}"
        );
    }
    message
}

/// How a message names an unknown key: quoted when it is a near miss of a known name (a typo:
/// case, or at most two edits), else by its length only — a key may be a secret pasted as a name.
fn names_key(message: &str, key: &str, near_miss: bool) {
    if near_miss {
        assert!(message.contains(&format!("\"{key}\"")), "{message}");
    } else {
        let described = format!("a string of {} characters", key.chars().count());
        assert!(message.contains(&described), "{message}");
        assert!(
            key.is_empty() || !message.contains(&format!("\"{key}\"")),
            "{message}"
        );
    }
}

/// `{ certificate: RSA_LEAF, now: NOW_MS }` with `fields` added or replaced.
fn with(base: &[(&str, JsValue)], fields: &[(&str, JsValue)]) -> JsValue {
    let o = obj(base);
    for (k, v) in fields {
        Reflect::set(&o, &s(k), v).unwrap();
    }
    o
}

fn validate_base() -> Vec<(&'static str, JsValue)> {
    vec![("certificate", s(RSA_LEAF)), ("now", n(NOW_MS))]
}

// ---- validate -------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn validate_refuses_a_wrong_type_in_each_field() {
    let string_fields = [
        "certificate",
        "privateKey",
        "provider",
        "region",
        "passphrase",
        "certificateType",
        "signCertificate",
        "signPrivateKey",
        "encryptCertificate",
        "encryptPrivateKey",
        "pfx",
    ];
    let base = validate_base();
    for field in string_fields {
        for wrong in [
            n(1.0),
            JsValue::TRUE,
            arr(&[s(SECRET)]),
            obj(&[("a", s(SECRET))]),
        ] {
            let m = invalid(validate(with(&base, &[(field, wrong)])), field);
            assert!(m.contains(field), "{field}: {m}");
        }
    }
    for (field, wrong) in [
        ("now", s(SECRET)),
        ("now", JsValue::from(5_i64)), // a BigInt is not a number of milliseconds
        ("now", JsValue::TRUE),
        ("eccRegions", s(SECRET)),
        ("eccRegions", arr(&[s("cn-hangzhou"), n(1.0)])),
        ("eccRegions", arr(&[JsValue::NULL])),
        ("eccRegions", obj(&[("0", s("cn-hangzhou"))])),
    ] {
        let m = invalid(validate(with(&base, &[(field, wrong)])), field);
        assert!(m.contains(field), "{field}: {m}");
    }
}

#[wasm_bindgen_test]
fn validate_takes_undefined_and_null_as_absent() {
    let fields = [
        "privateKey",
        "provider",
        "region",
        "passphrase",
        "certificateType",
        "eccRegions",
        "signCertificate",
        "signPrivateKey",
        "encryptCertificate",
        "encryptPrivateKey",
        "pfx",
    ];
    let base = validate_base();
    for absent in [JsValue::UNDEFINED, JsValue::NULL] {
        let all: Vec<(&str, JsValue)> = fields.iter().map(|f| (*f, absent.clone())).collect();
        let r = validate(with(&base, &all)).expect("absent fields are defaults");
        assert_eq!(get(&r, "ok").as_bool(), Some(true));
        // now absent: Date.now() (still a report, not a throw).
        validate(with(&base, &[("now", absent.clone())])).expect("now absent");
    }
    // certificate absent: CertificateMissing, as with "".
    let r = validate(obj(&[("certificate", JsValue::NULL), ("now", n(NOW_MS))])).unwrap();
    let first = Reflect::get(&get(&r, "errors"), &n(0.0)).unwrap();
    assert_eq!(get_str(&first, "kind"), "CertificateMissing");
}

/// `pfx` and byte fields (SPEC.md "Input containers"): a PKCS#12 file as a `Uint8Array` or as base64
/// text, a DER certificate and key as bytes; `pfx` with a certificate is `InvalidArgument`.
#[wasm_bindgen_test]
fn validate_reads_pfx_and_der_bytes() {
    // tests/fixtures/gen-pfx.sh; its files are valid at tests/pfx.rs's clock.
    const PFX: &[u8] = include_bytes!("../fixtures/pfx/ossl3-default.p12");
    const PFX_B64: &str = include_str!("../fixtures/pfx/ossl3-default.b64");
    const LEAF_DER: &[u8] = include_bytes!("../fixtures/pfx/leaf.der");
    const KEY_DER: &[u8] = include_bytes!("../fixtures/pfx/leaf.key.der");
    let now = n(1_750_000_000_000.0);
    let bytes = |b: &[u8]| JsValue::from(js_sys::Uint8Array::from(b));
    for pfx in [bytes(PFX), s(PFX_B64)] {
        let r = validate(obj(&[
            ("pfx", pfx),
            ("passphrase", s("secret")),
            ("now", now.clone()),
        ]))
        .unwrap();
        assert_eq!(get(&r, "ok").as_bool(), Some(true));
        assert_eq!(get_str(&get(&r, "certificate"), "source"), "pkcs12");
        assert_eq!(get_str(&get(&r, "privateKey"), "source"), "pkcs12");
        let normalized = get(&r, "normalized");
        assert!(get_str(&normalized, "certificate").starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert!(get_str(&normalized, "privateKey").starts_with("-----BEGIN PRIVATE KEY-----\n"));
    }
    let r = validate(obj(&[
        ("certificate", bytes(LEAF_DER)),
        ("privateKey", bytes(KEY_DER)),
        ("now", now.clone()),
    ]))
    .unwrap();
    assert_eq!(get(&r, "ok").as_bool(), Some(true));
    assert_eq!(get_str(&get(&r, "certificate"), "source"), "der");
    assert_eq!(get_str(&get(&r, "privateKey"), "source"), "der");
    let m = invalid(
        validate(obj(&[
            ("pfx", bytes(PFX)),
            ("certificate", bytes(LEAF_DER)),
            ("now", now),
        ])),
        "pfx with certificate",
    );
    assert!(m.contains("pfx is exclusive"), "{m}");
}

#[wasm_bindgen_test]
fn validate_refuses_unknown_keys_even_when_undefined() {
    for (typo, near) in [
        ("privatekey", true),
        ("Certificate", true),
        ("ecc_regions", true),
        ("nowMs", true),
        ("", false),
        ("Z5xQm3RkT8vW2nJp6yHc9LbA4dFg7s", false),
    ] {
        for value in [s(RSA_KEY_PKCS1), JsValue::UNDEFINED] {
            let m = invalid(validate(with(&validate_base(), &[(typo, value)])), typo);
            names_key(&m, typo, near);
            assert!(m.contains("privateKey"), "lists the known fields: {m}");
        }
    }
}

#[wasm_bindgen_test]
fn validate_refuses_non_finite_now() {
    for now in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        invalid(validate(with(&validate_base(), &[("now", n(now))])), "now");
    }
    // Fractions and far-out times are fine (clamped).
    for now in [NOW_MS + 0.5, -1.0e300, 1.0e300] {
        validate(with(&validate_base(), &[("now", n(now))])).expect("finite now");
    }
}

#[wasm_bindgen_test]
fn validate_refuses_objects_that_are_not_plain() {
    for input in [
        JsValue::from(js_sys::Set::new(&arr(&[s("certificate")]))),
        js_sys::Uint8Array::new_with_length(4).into(),
        js_sys::Function::new_no_args("return 1").into(),
        JsValue::symbol(Some("x")),
        JsValue::from(1_i64),
        JsValue::TRUE,
    ] {
        invalid(validate(input), "not a plain object");
    }
}

#[wasm_bindgen_test]
fn validate_reads_a_map_like_an_object() {
    let m = Map::new();
    m.set(&s("certificate"), &s(RSA_FULLCHAIN));
    m.set(&s("privateKey"), &s(RSA_KEY_PKCS1));
    m.set(&s("now"), &n(NOW_MS));
    let r = validate(m.clone().into()).expect("a Map input");
    assert_eq!(get(&r, "ok").as_bool(), Some(true));
    m.set(&s("privatekey"), &s(RSA_KEY_PKCS1));
    invalid(validate(m.clone().into()), "unknown key in a Map");
    let m = Map::new();
    m.set(&n(1.0), &s(RSA_LEAF));
    invalid(validate(m.into()), "a Map key that is not a string");
}

// ---- buildRequest ---------------------------------------------------------------------------------

fn slb_params(extra: &[(&str, JsValue)]) -> JsValue {
    with(
        &[
            ("RegionId", s("cn-hangzhou")),
            ("ServerCertificate", s(RSA_LEAF)),
            ("PrivateKey", s(RSA_KEY_PKCS1)),
        ],
        extra,
    )
}

fn now_options() -> JsValue {
    obj(&[("now", n(NOW_MS))])
}

fn built(params: JsValue) -> JsValue {
    build_request(s("aliyun-slb"), params, now_options())
        .unwrap_or_else(|e| panic!("buildRequest threw {:?}", get(&e, "message")))
}

/// `buildRequest` refused like the provider: not `InvalidArgument`, with these finding codes.
fn refused_codes(result: Result<JsValue, JsValue>) -> Vec<String> {
    let e = result.expect_err("the provider would refuse");
    let code = get_str(&e, "code");
    assert_ne!(code, "InvalidArgument", "{:?}", get(&e, "message"));
    Array::from(&get(&e, "findings"))
        .iter()
        .map(|f| get_str(&f, "code"))
        .collect()
}

fn query_value(request: &JsValue, name: &str) -> Option<String> {
    Array::from(&get(request, "query"))
        .iter()
        .map(|p| Array::from(&p))
        .find(|p| p.get(0).as_string().as_deref() == Some(name))
        .and_then(|p| p.get(1).as_string())
}

#[wasm_bindgen_test]
fn build_request_refuses_bad_provider_and_params() {
    let p = slb_params(&[]);
    for provider in [
        n(1.0),
        JsValue::UNDEFINED,
        JsValue::NULL,
        s("aws-acm"),
        s(""),
    ] {
        invalid(
            build_request(provider, p.clone(), now_options()),
            "provider",
        );
    }
    for params in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        s(SECRET),
        n(1.0),
        arr(&[s(RSA_LEAF)]),
    ] {
        invalid(
            build_request(s("aliyun-slb"), params, now_options()),
            "params",
        );
    }
}

#[wasm_bindgen_test]
fn build_request_options_refuse_unknown_keys_and_wrong_types() {
    let p = slb_params(&[]);
    let call = |options: JsValue| build_request(s("aliyun-slb"), p.clone(), options);
    for (key, value, near) in [
        ("nowMs", n(NOW_MS), true),
        ("eccregions", arr(&[]), true),
        ("Passphrase", s(SECRET), true),
        ("provider", s("aliyun-slb"), false),
    ] {
        let m = invalid(call(with(&[("now", n(NOW_MS))], &[(key, value)])), key);
        names_key(&m, key, near);
    }
    for (field, wrong) in [
        ("now", s(SECRET)),
        ("now", n(f64::NAN)),
        ("now", n(f64::INFINITY)),
        ("eccRegions", s("cn-hangzhou")),
        ("eccRegions", arr(&[n(1.0)])),
        ("region", n(1.0)),
        ("passphrase", n(1.0)),
        ("passphrase", arr(&[s(SECRET)])),
    ] {
        let m = invalid(call(with(&[("now", n(NOW_MS))], &[(field, wrong)])), field);
        assert!(m.contains(field), "{field}: {m}");
    }
    for options in [n(1.0), s("now"), arr(&[])] {
        invalid(call(options), "options not an object");
    }
    // Absent options and absent fields are the defaults (now: Date.now(); the leaf is valid then
    // too, 2025 … 2030, so the request builds whenever these tests run before 2030).
    for options in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        obj(&[]),
        obj(&[
            ("now", JsValue::NULL),
            ("eccRegions", JsValue::UNDEFINED),
            ("region", JsValue::NULL),
            ("passphrase", JsValue::NULL),
        ]),
    ] {
        let r = call(options);
        if js_sys::Date::now() < 1_893_456_000_000.0 {
            r.expect("defaults");
        }
    }
}

#[wasm_bindgen_test]
fn build_request_leaves_parameter_types_to_the_provider() {
    // A wrong type anywhere in the parameters, nested tag objects included, is the provider's
    // ParameterInvalid finding (a refusal with its code), never an InvalidArgument throw.
    let tag = |k: JsValue, v: JsValue| obj(&[("Key", k), ("Value", v)]);
    for extra in [
        ("RegionId", n(1.0)),
        ("ServerCertificateName", JsValue::TRUE),
        ("OwnerId", n(1.5)),
        ("OwnerId", n(-1.0)),
        ("OwnerId", n(9_007_199_254_740_992.0)), // 2^53: not a safe integer
        ("OwnerId", n(f64::NAN)),
        ("Tag", s("env=prod")),
        ("Tag", obj(&[("Key", s("env"))])),
        ("Tag", arr(&[s("env")])),
        ("Tag", arr(&[tag(n(1.0), s("v"))])),
        ("Tag", arr(&[tag(s("env"), arr(&[s("v")]))])),
        ("Tag", arr(&[tag(s("env"), obj(&[("nested", s("v"))]))])),
        ("Tag", arr(&[tag(JsValue::TRUE, JsValue::NULL)])),
        ("Tag", arr(&[arr(&[s("env"), s("prod")])])),
    ] {
        let codes = refused_codes(build_request(
            s("aliyun-slb"),
            slb_params(core::slice::from_ref(&extra)),
            now_options(),
        ));
        assert!(!codes.is_empty(), "{}: {codes:?}", extra.0);
    }
}

#[wasm_bindgen_test]
fn build_request_params_numbers_bigints_maps_and_absent_values() {
    // A safe integer and a BigInt within 64 bits are both integers.
    let r = built(slb_params(&[("OwnerId", n(1_234_567.0))]));
    assert_eq!(query_value(&r, "OwnerId").as_deref(), Some("1234567"));
    let r = built(slb_params(&[(
        "OwnerId",
        JsValue::from(9_007_199_254_740_993_i64),
    )]));
    assert_eq!(
        query_value(&r, "OwnerId").as_deref(),
        Some("9007199254740993")
    );
    // undefined / null parameters are absent.
    let r = built(slb_params(&[
        ("ServerCertificateName", JsValue::UNDEFINED),
        ("ResourceGroupId", JsValue::NULL),
    ]));
    assert_eq!(query_value(&r, "ServerCertificateName"), None);
    // Params and tags may be Maps.
    let tag = Map::new();
    tag.set(&s("Key"), &s("env"));
    tag.set(&s("Value"), &s("prod"));
    let params = Map::new();
    params.set(&s("RegionId"), &s("cn-hangzhou"));
    params.set(&s("ServerCertificate"), &s(RSA_LEAF));
    params.set(&s("PrivateKey"), &s(RSA_KEY_PKCS1));
    params.set(&s("Tag"), &arr(&[tag.into()]));
    let r = built(params.into());
    assert_eq!(query_value(&r, "Tag.1.Key").as_deref(), Some("env"));
    assert_eq!(query_value(&r, "Tag.1.Value").as_deref(), Some("prod"));
}

#[wasm_bindgen_test]
fn build_request_refuses_values_no_parameter_can_be() {
    let cyclic = obj(&[("Key", s("env"))]);
    Reflect::set(&cyclic, &s("Value"), &cyclic).unwrap();
    let deep = (0..40).fold(s("v"), |inner, _| arr(&[inner]));
    let huge = Array::new_with_length(1_000_000);
    for (name, value) in [
        ("Tag", arr(&[cyclic])),
        ("Tag", deep),
        ("Tag", huge.into()),
        ("Tag", arr(&[obj(&[("Key", JsValue::symbol(Some("k")))])])),
        ("OwnerId", js_sys::Function::new_no_args("return 1").into()),
        ("OwnerId", JsValue::from(u128::MAX)),
        ("Tag", js_sys::Set::new(&JsValue::UNDEFINED).into()),
        ("Tag", js_sys::Uint8Array::new_with_length(2).into()),
    ] {
        let m = invalid(
            build_request(s("aliyun-slb"), slb_params(&[(name, value)]), now_options()),
            name,
        );
        assert!(m.contains(name), "{m}");
    }
}

/// One export called with a hostile list in one argument.
type Call<'a> = Box<dyn Fn(JsValue) -> Result<JsValue, JsValue> + 'a>;

/// A value made by JS code (a generator, a Proxy…).
fn js(expression: &str) -> JsValue {
    js_sys::Function::new_no_args(&format!("return ({expression});"))
        .call0(&JsValue::UNDEFINED)
        .unwrap()
}

#[wasm_bindgen_test]
fn huge_lengths_and_endless_iterables_are_refused_before_any_item_is_read() {
    // Each in every list-taking argument: answered from its length (a copy of 2^32-1 holes took
    // seconds and gigabytes) or after at most 4,097 steps (an endless generator is not drained).
    let hostile = [
        "Object.assign([], { length: 2 ** 32 - 1 })",
        "new Proxy([], { get: (t, k) => (k === 'length' ? 2 ** 32 - 1 : Reflect.get(t, k)) })",
        "{ length: 1e9 }",
        "Object.setPrototypeOf({ length: 2 ** 32 - 1 }, Array.prototype)",
        "(function* () { for (;;) yield 'cn-hangzhou'; })()",
        "Object.assign([], { length: 5000, [Symbol.iterator]: function* () { for (;;) yield 'x'; } })",
        "new (class extends Map { *[Symbol.iterator]() { for (let i = 0; ; i++) yield ['k' + i, 'v']; } })()",
    ];
    let req = built(slb_params(&[]));
    for code in hostile {
        let calls: [(&str, Call<'_>); 8] = [
            (
                "validate eccRegions",
                Box::new(|h| validate(with(&validate_base(), &[("eccRegions", h)]))),
            ),
            ("validate input", Box::new(validate)),
            (
                "buildRequest Tag",
                Box::new(|h| {
                    build_request(s("aliyun-slb"), slb_params(&[("Tag", h)]), now_options())
                }),
            ),
            (
                "buildRequest params",
                Box::new(|h| build_request(s("aliyun-slb"), h, now_options())),
            ),
            (
                "buildRequest options.eccRegions",
                Box::new(|h| {
                    let options = with(&[("now", n(NOW_MS))], &[("eccRegions", h)]);
                    build_request(s("aliyun-slb"), slb_params(&[]), options)
                }),
            ),
            (
                "signRequest query",
                Box::new(|h| {
                    let r = js_sys::Object::assign(&js_sys::Object::new(), req.unchecked_ref());
                    Reflect::set(&r, &s("query"), &h).unwrap();
                    sign_request(r.into(), ali(), fixed(&[]))
                }),
            ),
            (
                "signRequest credentials",
                Box::new(|h| sign_request(req.clone(), h, fixed(&[]))),
            ),
            ("computeSignature", Box::new(compute_signature)),
        ];
        for (slot, call) in &calls {
            let started = js_sys::Date::now();
            invalid(call(js(code)), &format!("{slot} <- {code}"));
            let ms = js_sys::Date::now() - started;
            assert!(ms < 200.0, "{slot} <- {code}: {ms} ms");
        }
    }
    // Still alive.
    assert!(validate(obj(&validate_base())).is_ok());
}

// ---- signRequest ----------------------------------------------------------------------------------

fn ali() -> JsValue {
    obj(&[("accessKeyId", s(ALI.0)), ("accessKeySecret", s(ALI.1))])
}

fn fixed(extra: &[(&str, JsValue)]) -> JsValue {
    with(
        &[
            ("timestamp", s("2026-06-01T00:00:00Z")),
            ("nonce", s("0123456789abcdef")),
        ],
        extra,
    )
}

fn authorization(request: &JsValue) -> String {
    Array::from(&get(request, "headers"))
        .iter()
        .map(|p| Array::from(&p))
        .find(|p| p.get(0).as_string().as_deref() == Some("authorization"))
        .and_then(|p| p.get(1).as_string())
        .expect("an authorization header")
}

#[wasm_bindgen_test]
fn sign_request_timestamp_may_be_milliseconds_an_iso_string_or_a_date() {
    let req = built(slb_params(&[]));
    let sign = |timestamp: JsValue| {
        sign_request(req.clone(), ali(), fixed(&[("timestamp", timestamp)]))
            .unwrap_or_else(|e| panic!("signRequest threw {:?}", get(&e, "message")))
    };
    let want = authorization(&sign(s("2026-06-01T00:00:00Z")));
    let seconds = NOW_MS / 1000.0;
    for timestamp in [
        n(NOW_MS),
        n(NOW_MS + 750.0), // fractions of a second are dropped
        js_sys::Date::new(&n(NOW_MS)).into(),
        js_sys::Date::new(&n(NOW_MS + 999.0)).into(),
    ] {
        assert_eq!(authorization(&sign(timestamp)), want);
    }
    for wrong in [
        s("not a date"),
        s(SECRET),
        n(f64::NAN),
        n(f64::INFINITY),
        js_sys::Date::new(&n(f64::NAN)).into(),
        JsValue::TRUE,
        obj(&[]),
        arr(&[n(NOW_MS)]),
        n(seconds), // can only be seconds: the unit is milliseconds, like `now`
    ] {
        invalid(
            sign_request(req.clone(), ali(), fixed(&[("timestamp", wrong)])),
            "timestamp",
        );
    }
}

#[wasm_bindgen_test]
fn sign_request_options_refuse_unknown_keys_and_wrong_types() {
    let req = built(slb_params(&[]));
    let call = |options: JsValue| sign_request(req.clone(), ali(), options);
    for (key, near) in [
        ("Timestamp", true),
        ("signatureNonce", false),
        ("colour", false),
        ("algoritm", true),
    ] {
        let m = invalid(call(fixed(&[(key, s("x"))])), key);
        names_key(&m, key, near);
    }
    for (field, wrong) in [
        ("nonce", n(1.0)),
        ("nonce", arr(&[])),
        ("algorithm", s("HMAC-SHA256")),
        ("algorithm", n(1.0)),
        ("algorithm", s("TC3-HMAC-SHA256")), // not an Alibaba algorithm (the core refuses it)
    ] {
        invalid(call(fixed(&[(field, wrong)])), field);
    }
    for options in [n(1.0), s("x"), arr(&[])] {
        invalid(call(options), "options not an object");
    }
    // Absent options and fields: now, a random nonce, the provider's algorithm.
    for options in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        obj(&[]),
        obj(&[
            ("timestamp", JsValue::NULL),
            ("nonce", JsValue::UNDEFINED),
            ("algorithm", JsValue::NULL),
        ]),
    ] {
        let signed = call(options).expect("defaults");
        assert!(authorization(&signed).starts_with("ACS3-HMAC-SHA256 "));
    }
    let signed = call(fixed(&[("algorithm", s("HMAC-SHA1"))])).expect("HMAC-SHA1");
    assert!(query_value(&signed, "Signature").is_some());
}

#[wasm_bindgen_test]
fn sign_request_reads_the_request_by_field_name() {
    let req = built(slb_params(&[]));
    let want = authorization(&sign_request(req.clone(), ali(), fixed(&[])).unwrap());
    // Extra keys (warnings, anything else) are ignored; a copy made by hand signs the same.
    let copy = js_sys::Object::assign(&js_sys::Object::new(), req.unchecked_ref());
    Reflect::set(&copy, &s("extra"), &n(1.0)).unwrap();
    Reflect::delete_property(&copy, &s("warnings")).unwrap();
    assert_eq!(
        authorization(&sign_request(copy.into(), ali(), fixed(&[])).unwrap()),
        want
    );
    // Every field is required and typed.
    for field in [
        "provider", "action", "version", "method", "url", "host", "path", "query", "headers",
        "body",
    ] {
        for wrong in [JsValue::UNDEFINED, JsValue::NULL, n(1.0)] {
            let copy = js_sys::Object::assign(&js_sys::Object::new(), req.unchecked_ref());
            Reflect::set(&copy, &s(field), &wrong).unwrap();
            let m = invalid(sign_request(copy.into(), ali(), fixed(&[])), field);
            assert!(m.contains(field), "{m}");
        }
    }
    for (field, wrong) in [
        ("provider", s("aws-acm")),
        ("query", s("a=b")),
        ("query", arr(&[arr(&[s("a")])])),
        ("query", arr(&[arr(&[s("a"), s("b"), s("c")])])),
        ("query", arr(&[arr(&[s("a"), n(1.0)])])),
        ("query", arr(&[arr(&[n(1.0), s(SECRET)])])),
        ("headers", arr(&[s("content-type: x")])),
        ("headers", obj(&[("content-type", s("x"))])),
    ] {
        let copy = js_sys::Object::assign(&js_sys::Object::new(), req.unchecked_ref());
        Reflect::set(&copy, &s(field), &wrong).unwrap();
        invalid(sign_request(copy.into(), ali(), fixed(&[])), field);
    }
    for request in [JsValue::UNDEFINED, JsValue::NULL, s("request"), n(1.0)] {
        invalid(sign_request(request, ali(), fixed(&[])), "request");
    }
}

#[wasm_bindgen_test]
fn sign_request_credentials_shapes() {
    let req = built(slb_params(&[]));
    let call = |creds: JsValue| sign_request(req.clone(), creds, fixed(&[]));
    let want = authorization(&call(ali()).unwrap());
    // securityToken may be null; a Map works like an object.
    let null_token = with(
        &[("accessKeyId", s(ALI.0)), ("accessKeySecret", s(ALI.1))],
        &[("securityToken", JsValue::NULL)],
    );
    assert_eq!(authorization(&call(null_token).unwrap()), want);
    // Any other key is refused by name (a typo would drop the STS token silently), never
    // showing a value.
    for (extra, near) in [
        ("region", false),
        ("securitytoken", true),
        ("SecurityToken", true),
        (ALI.1, false),
    ] {
        let creds = with(
            &[("accessKeyId", s(ALI.0)), ("accessKeySecret", s(ALI.1))],
            &[(extra, s("sts-token"))],
        );
        let message = invalid(call(creds), extra);
        names_key(&message, extra, near);
        assert!(!message.contains("sts-token"), "{message}");
    }
    let m = Map::new();
    m.set(&s("accessKeyId"), &s(ALI.0));
    m.set(&s("accessKeySecret"), &s(ALI.1));
    assert_eq!(authorization(&call(m.into()).unwrap()), want);
    // An STS token is signed.
    let sts = with(
        &[("accessKeyId", s(ALI.0)), ("accessKeySecret", s(ALI.1))],
        &[("securityToken", s("sts-token"))],
    );
    assert_ne!(authorization(&call(sts).unwrap()), want);
    // Shapes that are neither: refused, naming no secret.
    for creds in [
        obj(&[("accessKeyId", s(ALI.0))]),
        obj(&[("accessKeySecret", s(ALI.1))]),
        obj(&[("accessKeyId", n(1.0)), ("accessKeySecret", s(ALI.1))]),
        obj(&[("accessKeyId", s(ALI.0)), ("accessKeySecret", n(1.0))]),
        obj(&[
            ("accessKeyId", s(ALI.0)),
            ("accessKeySecret", s(ALI.1)),
            ("securityToken", n(1.0)),
        ]),
        obj(&[("secretId", s(TC.0)), ("secretKey", JsValue::NULL)]),
        obj(&[
            ("secretId", s(TC.0)),
            ("secretKey", s(TC.1)),
            ("token", obj(&[])),
        ]),
        obj(&[("accesskeyid", s(ALI.0)), ("accesskeysecret", s(ALI.1))]),
        arr(&[s(ALI.0), s(ALI.1)]),
        JsValue::UNDEFINED,
        s(ALI.1),
    ] {
        invalid(call(creds), "credentials");
    }
    // Tencent credentials on an Alibaba request: the core refuses the mismatch.
    invalid(
        call(obj(&[("secretId", s(TC.0)), ("secretKey", s(TC.1))])),
        "Tencent credentials for aliyun-slb",
    );
}

// ---- computeSignature -----------------------------------------------------------------------------

fn acs3_input() -> Vec<(&'static str, JsValue)> {
    vec![
        ("algorithm", s("ACS3-HMAC-SHA256")),
        ("method", s("POST")),
        ("path", s("/")),
        ("query", obj(&[("b", s("2")), ("a", s("1"))])),
        (
            "headers",
            obj(&[
                ("host", s("slb.aliyuncs.com")),
                ("x-acs-action", s("UploadServerCertificate")),
            ]),
        ),
        ("body", s("")),
        ("accessKeyId", s(ALI.0)),
        ("accessKeySecret", s(ALI.1)),
    ]
}

fn rpc_input() -> Vec<(&'static str, JsValue)> {
    vec![
        ("algorithm", s("HMAC-SHA1")),
        ("method", s("POST")),
        (
            "params",
            obj(&[("Action", s("X")), ("AccessKeyId", s(ALI.0))]),
        ),
        ("accessKeySecret", s(ALI.1)),
    ]
}

fn tc3_input() -> Vec<(&'static str, JsValue)> {
    vec![
        ("algorithm", s("TC3-HMAC-SHA256")),
        ("method", s("POST")),
        ("path", s("/")),
        ("canonicalQuery", s("")),
        ("contentType", s("application/json")),
        ("host", s("ssl.tencentcloudapi.com")),
        ("body", s("{}")),
        ("service", s("ssl")),
        ("timestamp", n(1_780_272_000.0)),
        ("secretId", s(TC.0)),
        ("secretKey", s(TC.1)),
    ]
}

#[wasm_bindgen_test]
fn compute_signature_reads_each_shape_strictly() {
    for input in [acs3_input(), rpc_input(), tc3_input()] {
        let algorithm = input[0].1.as_string().unwrap();
        let good = compute_signature(obj(&input))
            .unwrap_or_else(|e| panic!("{algorithm}: {:?}", get(&e, "message")));
        assert!(get(&good, "signature").is_string(), "{algorithm}");
        // A Map input signs the same.
        let m = Map::new();
        for (k, v) in &input {
            m.set(&s(k), v);
        }
        assert_eq!(
            get_str(&compute_signature(m.into()).unwrap(), "signature"),
            get_str(&good, "signature"),
            "{algorithm}"
        );
        // Unknown keys are refused, also one that belongs to another shape.
        for key in ["secret", "accessKeyID", "params", "timestamp", SECRET] {
            if input.iter().any(|(k, _)| *k == key) {
                continue;
            }
            let m = invalid(
                compute_signature(with(&input, &[(key, s(SECRET))])),
                &format!("{algorithm} {key}"),
            );
            // A typo of one of this shape's fields is quoted; another word is not.
            let has = |name: &str| input.iter().any(|(k, _)| *k == name);
            let near = (key == "accessKeyID" && has("accessKeyId"))
                || (key == "secret" && has("secretId"));
            names_key(&m, key, near);
        }
        // Every field is required; none takes a wrong type.
        for (field, _) in input.iter().skip(1) {
            let mut missing = obj(&input);
            Reflect::delete_property(missing.unchecked_ref::<js_sys::Object>(), &s(field)).unwrap();
            let m = invalid(compute_signature(missing), &format!("{algorithm} {field}"));
            assert!(m.contains(field), "{m}");
            for wrong in [JsValue::NULL, JsValue::TRUE, arr(&[s(SECRET)])] {
                missing = with(&input, &[(field, wrong)]);
                let m = invalid(compute_signature(missing), &format!("{algorithm} {field}"));
                assert!(m.contains(field), "{m}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn compute_signature_tag_and_nested_types() {
    for algorithm in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        n(0.0),
        s("acs3-hmac-sha256"),
        s("HMAC-SHA256"),
    ] {
        invalid(
            compute_signature(with(&acs3_input(), &[("algorithm", algorithm)])),
            "algorithm",
        );
    }
    for (field, wrong) in [
        ("query", obj(&[("a", n(1.0))])),
        ("query", obj(&[("a", s("1")), ("b", JsValue::NULL)])),
        ("headers", obj(&[("host", obj(&[]))])),
        ("query", arr(&[arr(&[s("a"), s("1")])])),
        ("query", s("a=1")),
    ] {
        invalid(
            compute_signature(with(&acs3_input(), &[(field, wrong)])),
            field,
        );
    }
    invalid(
        compute_signature(with(&rpc_input(), &[("params", obj(&[("a", n(1.0))]))])),
        "params",
    );
    // The TC3 timestamp is an integer: a safe integer or a BigInt, not a fraction or a string.
    let base = compute_signature(obj(&tc3_input())).unwrap();
    let big = compute_signature(with(
        &tc3_input(),
        &[("timestamp", JsValue::from(1_780_272_000_i64))],
    ))
    .unwrap();
    assert_eq!(get_str(&big, "signature"), get_str(&base, "signature"));
    for wrong in [
        n(1_780_272_000.5),
        s("1780272000"),
        n(f64::NAN),
        n(1.0e300),
        JsValue::from(u64::MAX),
    ] {
        invalid(
            compute_signature(with(&tc3_input(), &[("timestamp", wrong)])),
            "timestamp",
        );
    }
    for input in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        s("x"),
        arr(&[s("HMAC-SHA1")]),
    ] {
        invalid(compute_signature(input), "input");
    }
}
