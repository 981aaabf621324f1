//! `completeChain`, `trustAnchors` and the `TrustAnchors` handle (SPEC.md "Completing the chain").
//!
//! A `TrustAnchors` is a wasm-bindgen class (so it has `free()` and is freed when collected), but
//! `validate({ roots })` and `completeChain(…, { roots })` find the parsed set without consuming
//! the caller's object: a module-wide `WeakMap` maps each handle this module made to its id, and
//! the ids to the parsed sets. Looking a value up in a `WeakMap` runs no caller code (a Proxy's
//! traps are not consulted) and cannot be forged: only the objects made here are keys.

use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use js_sys::{Array, Object, WeakMap};
use wasm_bindgen::prelude::*;

use super::{
    Field, JsResult, MAX_ITEMS, Unread, array_items, bounded_string, cert_js, coded_error, fields,
    finding_js, invalid_argument, is_array, js_list, js_str, key, nullish, set, threw, try_get,
    type_name,
};
use crate::chain::{
    ChainCompletion, Fetched, MAX_ANCHOR_BYTES, MAX_BODY_BYTES, MAX_FETCHED,
    TrustAnchors as Anchors, complete_chain as core_complete_chain,
};
use crate::input::MAX_FIELD_BYTES;

std::thread_local! {
    /// Handle → id, for the handles this module made (weak: a collected handle leaves no entry).
    static HANDLES: WeakMap = WeakMap::new();
    /// Id → parsed set, while its handle is alive (its `Drop` removes the entry).
    static SETS: RefCell<Vec<(u32, Rc<Anchors>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A parsed set of trusted roots (made by `trustAnchors()`), reused by every call it is passed
/// to. `free()` releases it at once; otherwise it is released when collected.
#[wasm_bindgen(js_name = TrustAnchors)]
pub struct TrustAnchorsHandle {
    id: u32,
    len: u32,
}

#[wasm_bindgen(js_class = TrustAnchors)]
impl TrustAnchorsHandle {
    /// How many root certificates the set holds.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.len
    }
}

impl Drop for TrustAnchorsHandle {
    fn drop(&mut self) {
        // `try_with`: at thread teardown the registry may be gone already.
        let _ = SETS.try_with(|sets| {
            if let Ok(mut sets) = sets.try_borrow_mut() {
                sets.retain(|(id, _)| *id != self.id);
            }
        });
    }
}

#[wasm_bindgen]
extern "C" {
    /// `ArrayBuffer.isView(value)`: reads an internal slot, runs no caller code.
    #[wasm_bindgen(js_namespace = ArrayBuffer, js_name = isView)]
    fn is_view(value: &JsValue) -> bool;
    /// A `Uint8Array` made by [`try_new_bytes`].
    #[wasm_bindgen(js_name = Uint8Array)]
    type Bytes;
    /// `new Uint8Array(buffer, offset, length)`, an exception caught (a caller's view may lie
    /// about its `buffer` through an own getter).
    #[wasm_bindgen(catch, constructor, js_class = Uint8Array)]
    fn try_new_bytes(buffer: &JsValue, offset: f64, length: f64) -> Result<Bytes, JsValue>;
}

/// Why a byte argument was not read.
pub(super) enum Unbytes {
    /// Not a typed array or `DataView`.
    NotBytes,
    /// Reading it threw.
    Threw,
}

/// The bytes of a typed array or `DataView` (a Node `Buffer` too), at most `cap` of them — the
/// rest is never copied — and the full length. Its `buffer`, `byteOffset` and `byteLength` are
/// read through `catch` imports.
pub(super) fn view_bytes(value: &JsValue, cap: usize) -> Result<(Vec<u8>, f64), Unbytes> {
    if !is_view(value) {
        return Err(Unbytes::NotBytes);
    }
    let number = |name: &str| -> Result<f64, Unbytes> {
        try_get(value, &key(name))
            .map_err(|_| Unbytes::Threw)?
            .as_f64()
            .filter(|x| x.is_finite() && *x >= 0.0)
            .ok_or(Unbytes::Threw)
    };
    let buffer = try_get(value, &key("buffer")).map_err(|_| Unbytes::Threw)?;
    let (offset, length) = (number("byteOffset")?, number("byteLength")?);
    #[allow(clippy::as_conversions, clippy::cast_precision_loss)]
    let take = length.min(cap as f64);
    let view = Bytes::try_new_bytes(&buffer, offset, take).map_err(|_| Unbytes::Threw)?;
    Ok((view.unchecked_into::<js_sys::Uint8Array>().to_vec(), length))
}

/// A certificate argument: PEM text, or bytes (DER, PKCS#7 or PEM). Over 1 MiB only the first
/// 1 MiB + 1 bytes are copied (the core refuses it as over 1 MiB).
fn certificate_bytes(value: &JsValue, what: &str) -> JsResult<Vec<u8>> {
    let cap = MAX_FIELD_BYTES.saturating_add(1);
    if let Some(text) = bounded_string(value) {
        return Ok(text.map_or_else(|_| alloc::vec![b'x'; cap], String::into_bytes));
    }
    match view_bytes(value, cap) {
        Ok((bytes, _)) => Ok(bytes),
        Err(Unbytes::Threw) => Err(threw(what)),
        Err(Unbytes::NotBytes) => Err(invalid_argument(&format!(
            "{what} must be a string or a Uint8Array, not {}",
            type_name(value)
        ))),
    }
}

/// The parsed set a `roots` field names (of `validate()`'s input or `completeChain`'s
/// options), or `None` when it is absent.
pub(super) fn anchors_of(field: &Field<'_>) -> JsResult<Option<Rc<Anchors>>> {
    if field.absent() {
        return Ok(None);
    }
    let id = HANDLES
        .with(|h| h.get(field.value.unchecked_ref()))
        .as_f64();
    let set = id.and_then(|id| {
        SETS.with(|sets| {
            sets.borrow()
                .iter()
                .find(|(i, _)| f64::from(*i) == id)
                .map(|(_, set)| Rc::clone(set))
        })
    });
    match set {
        Some(set) => Ok(Some(set)),
        None if id.is_some() => Err(invalid_argument(&format!(
            "{}: {} was freed (free() was called on it)",
            field.what, field.name
        ))),
        None => Err(field.wrong("a TrustAnchors made by trustAnchors()")),
    }
}

/// `trustAnchors(pem: string | (string | Uint8Array)[]): TrustAnchors` — every `CERTIFICATE` of
/// a PEM text (`cacert.pem`, Node's `tls.rootCertificates` joined or as its array), or a list of
/// certificates each as PEM text or DER bytes. Throws `InvalidArgument` (naming the position,
/// never the content) when an item is not a certificate.
#[wasm_bindgen(js_name = trustAnchors, unchecked_return_type = "TrustAnchors")]
pub fn trust_anchors(
    #[wasm_bindgen(unchecked_param_type = "string | (string | Uint8Array)[]")] pem: JsValue,
) -> JsResult<JsValue> {
    const WHAT: &str = "trustAnchors(): pem";
    let coded = |e: crate::Error| coded_error(e.code(), &e.to_string());
    let anchors = if let Some(text) = pem.dyn_ref::<js_sys::JsString>() {
        if usize::try_from(text.length()).map_or(true, |n| n > MAX_ANCHOR_BYTES) {
            return Err(invalid_argument(&format!(
                "{WHAT}: more than {} MiB of text",
                MAX_ANCHOR_BYTES >> 20
            )));
        }
        Anchors::from_pem(&String::from(text)).map_err(coded)?
    } else if is_array(&pem) {
        let items = array_items(&pem, MAX_ITEMS).map_err(|why| match why {
            Unread::TooMany => invalid_argument(&format!("{WHAT} has more than {MAX_ITEMS} items")),
            _ => threw(WHAT),
        })?;
        // Copied item by item while the total stays within the limit (the core checks it too):
        // 4,096 items of 1 MiB never all enter wasm memory.
        let mut bytes: Vec<Vec<u8>> = Vec::new();
        let mut total: usize = 0;
        for (i, item) in items.iter().enumerate() {
            let one = certificate_bytes(item, &format!("{WHAT}[{i}]"))?;
            total = total.saturating_add(one.len());
            if total > MAX_ANCHOR_BYTES {
                return Err(invalid_argument(&format!(
                    "{WHAT}: more than {} MiB of certificates",
                    MAX_ANCHOR_BYTES >> 20
                )));
            }
            bytes.push(one);
        }
        Anchors::from_items(bytes.iter().map(Vec::as_slice)).map_err(coded)?
    } else {
        return Err(invalid_argument(&format!(
            "{WHAT} must be PEM text or a list of certificates (PEM strings or DER Uint8Arrays), not {}",
            type_name(&pem)
        )));
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let len = u32::try_from(anchors.len()).unwrap_or(u32::MAX);
    SETS.with(|sets| sets.borrow_mut().push((id, Rc::new(anchors))));
    let handle = JsValue::from(TrustAnchorsHandle { id, len });
    HANDLES.with(|h| h.set(handle.unchecked_ref::<Object>(), &JsValue::from(id)));
    Ok(handle)
}

/// `completeChain(certificate, fetched?, options?): ChainCompletion` — pure: the caller fetches
/// each `next` URL and calls again with every body so far. Throws `CertificateFormatInvalid` when
/// `certificate` holds no certificate, `InvalidArgument` for arguments of the wrong shape.
#[wasm_bindgen(js_name = completeChain, unchecked_return_type = "ChainCompletion")]
pub fn complete_chain(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] certificate: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FetchedIssuer[] | null")] fetched: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChainOptions | null")] options: JsValue,
) -> JsResult<JsValue> {
    let certificate = certificate_bytes(&certificate, "completeChain(): certificate")?;
    let bodies = fetched_bodies(&fetched)?;
    let roots = if nullish(&options) {
        None
    } else {
        let [roots] = fields(&options, "completeChain() options", ["roots"], true)?;
        anchors_of(&roots)?
    };
    let fetched: Vec<Fetched<'_>> = bodies
        .iter()
        .map(|(url, body)| Fetched { url, body })
        .collect();
    let completion = core_complete_chain(&certificate, &fetched, roots.as_deref())
        .map_err(|e| coded_error(e.code(), &e.to_string()))?;
    Ok(completion_js(&completion))
}

/// The `{ url, body }` items of `fetched`: the first [`MAX_FETCHED`] + 1 are read (the core says
/// the rest are not), each body copied up to [`MAX_BODY_BYTES`] + 1 bytes.
fn fetched_bodies(fetched: &JsValue) -> JsResult<Vec<(String, Vec<u8>)>> {
    const WHAT: &str = "completeChain(): fetched";
    if nullish(fetched) {
        return Ok(Vec::new());
    }
    if !is_array(fetched) {
        return Err(invalid_argument(&format!(
            "{WHAT} must be an array of {{ url, body }}, not {}",
            type_name(fetched)
        )));
    }
    let items = array_items(fetched, MAX_ITEMS).map_err(|why| match why {
        Unread::TooMany => invalid_argument(&format!("{WHAT} has more than {MAX_ITEMS} items")),
        _ => threw(WHAT),
    })?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate().take(MAX_FETCHED.saturating_add(1)) {
        let what = format!("{WHAT}[{i}]");
        let [url, body] = fields(item, &what, ["url", "body"], true)?;
        let url = url.string()?;
        let body = match bounded_string(&body.value) {
            Some(Ok(text)) => text.into_bytes(),
            Some(Err(_)) => alloc::vec![0; MAX_BODY_BYTES.saturating_add(1)],
            None => match view_bytes(&body.value, MAX_BODY_BYTES.saturating_add(1)) {
                Ok((bytes, _)) => bytes,
                Err(Unbytes::Threw) => return Err(threw(&format!("{what}: body"))),
                Err(Unbytes::NotBytes) => return Err(body.wrong("a Uint8Array")),
            },
        };
        out.push((url, body));
    }
    Ok(out)
}

/// `ChainCompletion`.
fn completion_js(c: &ChainCompletion) -> JsValue {
    let o = Object::new().into();
    set(&o, "certificate", &js_str(&c.certificate));
    let added = Array::new();
    for a in &c.added {
        let info = cert_js(&a.info);
        set(&info, "url", &js_str(&a.url));
        added.push(&info);
    }
    set(&o, "added", &added);
    set(&o, "next", &js_list(&c.next, |u| js_str(u)));
    set(&o, "complete", &JsValue::from_bool(c.complete));
    set(&o, "findings", &js_list(&c.findings, finding_js));
    o
}
