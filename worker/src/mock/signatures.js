// Signature verification for the mock cloud, written from the providers' documents with WebCrypto
// (crypto.subtle) — deliberately NOT the package's signer: a check that reuses the signer would
// prove nothing. Each verifier takes the parts of a received HTTP request and answers
// { ok: true, keyId, nonce?, timestampMs } or { ok: false, code } with the provider's error code.
//
//   ACS3-HMAC-SHA256   Alibaba Cloud "V3 request signature" (PROVIDERS.md §5.2)
//   HMAC-SHA1          Alibaba Cloud RPC "SignatureVersion 1.0" (PROVIDERS.md §5.1)
//   TC3-HMAC-SHA256    Tencent Cloud "signature v3" (PROVIDERS.md §5.3)

const enc = new TextEncoder();

/** RFC 3986 percent-encoding of UTF-8: only A-Z a-z 0-9 - _ . ~ stay (both Alibaba schemes). */
export function percentEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function base64(buffer) {
  let s = "";
  for (const b of new Uint8Array(buffer)) s += String.fromCharCode(b);
  return btoa(s);
}

export async function sha256Hex(data) {
  return hex(await crypto.subtle.digest("SHA-256", typeof data === "string" ? enc.encode(data) : data));
}

async function hmac(hash, key, message) {
  const k = await crypto.subtle.importKey("raw", typeof key === "string" ? enc.encode(key) : key, { name: "HMAC", hash }, false, [
    "sign",
  ]);
  return crypto.subtle.sign("HMAC", k, enc.encode(message));
}

/** Equal strings, compared without an early exit. */
export function sameString(a, b) {
  const x = enc.encode(a);
  const y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** `yyyy-MM-ddTHH:mm:ssZ` (Alibaba's only accepted form) → ms, or null. */
export function alibabaTime(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(s ?? "");
  if (!m) return null;
  const ms = Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * ACS3-HMAC-SHA256. `query`: [name, value] pairs (decoded), `headers`: a Headers object, `body`:
 * the exact bytes (Uint8Array). `secretOf(keyId)` gives the AccessKeySecret or undefined.
 */
export async function verifyAcs3({ method, path, query, headers, body, secretOf }) {
  const auth = headers.get("authorization") ?? "";
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { ok: false, code: "IncompleteSignature" };
  const [, keyId, signedHeaderList, signature] = m;
  const secret = secretOf(keyId);
  if (secret === undefined) return { ok: false, code: "InvalidAccessKeyId.NotFound" };
  const signed = signedHeaderList.split(";");
  // The doc: host, every x-acs-* header and content-type (when present) must be signed.
  const mustSign = ["host", ...[...headers.keys()].filter((h) => h.startsWith("x-acs-") || h === "content-type")];
  if (mustSign.some((h) => !signed.includes(h)) || signed.some((h) => !headers.has(h))) {
    return { ok: false, code: "IncompleteSignature" };
  }
  if ([...signed].sort().join(";") !== signedHeaderList) return { ok: false, code: "IncompleteSignature" };
  for (const h of ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]) {
    if (!headers.get(h)) return { ok: false, code: "IncompleteSignature" };
  }
  const timestampMs = alibabaTime(headers.get("x-acs-date"));
  if (timestampMs === null) return { ok: false, code: "InvalidTimeStamp.Format" };
  const payloadHash = await sha256Hex(body);
  if (headers.get("x-acs-content-sha256") !== payloadHash) return { ok: false, code: "SignatureDoesNotMatch" };

  const canonicalQuery = [...query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
  const canonicalHeaders = signed.map((h) => `${h}:${headers.get(h).trim()}\n`).join("");
  const canonicalRequest = [method, path, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${await sha256Hex(canonicalRequest)}`;
  const expected = hex(await hmac("SHA-256", secret, stringToSign));
  if (!sameString(expected, signature)) return { ok: false, code: "SignatureDoesNotMatch" };
  return {
    ok: true,
    keyId,
    nonce: headers.get("x-acs-signature-nonce"),
    timestampMs,
    action: headers.get("x-acs-action"),
    version: headers.get("x-acs-version"),
    securityToken: headers.get("x-acs-security-token"),
  };
}

/** HMAC-SHA1 RPC signature. `params`: [name, value] pairs (query and form body, decoded). */
export async function verifyRpcHmacSha1({ method, params, secretOf }) {
  const get = (name) => params.find(([k]) => k === name)?.[1];
  const signature = get("Signature");
  const keyId = get("AccessKeyId");
  if (!signature || !keyId || !get("SignatureNonce") || !get("Timestamp")) return { ok: false, code: "IncompleteSignature" };
  if (get("SignatureMethod") !== "HMAC-SHA1") return { ok: false, code: "InvalidSignatureMethod" };
  if (get("SignatureVersion") !== "1.0") return { ok: false, code: "InvalidSignatureVersion" };
  const secret = secretOf(keyId);
  if (secret === undefined) return { ok: false, code: "InvalidAccessKeyId.NotFound" };
  const timestampMs = alibabaTime(get("Timestamp"));
  if (timestampMs === null) return { ok: false, code: "InvalidTimeStamp.Format" };
  const canonical = params
    .filter(([k]) => k !== "Signature")
    .map(([k, v]) => [percentEncode(k), percentEncode(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const stringToSign = `${method}&${percentEncode("/")}&${percentEncode(canonical)}`;
  const expected = base64(await hmac("SHA-1", secret + "&", stringToSign));
  if (!sameString(expected, signature)) return { ok: false, code: "SignatureDoesNotMatch" };
  return {
    ok: true,
    keyId,
    nonce: get("SignatureNonce"),
    timestampMs,
    action: get("Action"),
    version: get("Version"),
    securityToken: get("SecurityToken"),
  };
}

/** TC3-HMAC-SHA256. `rawQuery`: the query string as sent (without `?`). */
export async function verifyTc3({ method, rawQuery, headers, body, secretOf }) {
  const auth = headers.get("authorization") ?? "";
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/, ]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { ok: false, code: "AuthFailure.InvalidAuthorization" };
  const [, keyId, date, service, signedHeaderList, signature] = m;
  const secret = secretOf(keyId);
  if (secret === undefined) return { ok: false, code: "AuthFailure.SecretIdNotFound" };
  const ts = headers.get("x-tc-timestamp") ?? "";
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, code: "AuthFailure.InvalidAuthorization" };
  const timestampMs = Number(ts) * 1000;
  if (new Date(timestampMs).toISOString().slice(0, 10) !== date) return { ok: false, code: "AuthFailure.SignatureFailure" };
  const host = headers.get("host") ?? "";
  if (service !== host.split(".")[0]) return { ok: false, code: "AuthFailure.SignatureFailure" };
  const signed = signedHeaderList.split(";");
  if (!signed.includes("content-type") || !signed.includes("host") || signed.some((h) => !headers.has(h))) {
    return { ok: false, code: "AuthFailure.SignatureFailure" };
  }
  // Header names and values are lower-cased and trimmed in the canonical form (Tencent's document).
  const canonicalHeaders = signed.map((h) => `${h}:${headers.get(h).trim().toLowerCase()}\n`).join("");
  const canonicalRequest = [method, "/", rawQuery, canonicalHeaders, signedHeaderList, await sha256Hex(body)].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${ts}\n${scope}\n${await sha256Hex(canonicalRequest)}`;
  const kDate = await hmac("SHA-256", "TC3" + secret, date);
  const kService = await hmac("SHA-256", kDate, service);
  const kSigning = await hmac("SHA-256", kService, "tc3_request");
  const expected = hex(await hmac("SHA-256", kSigning, stringToSign));
  if (!sameString(expected, signature)) return { ok: false, code: "AuthFailure.SignatureFailure" };
  return {
    ok: true,
    keyId,
    timestampMs,
    action: headers.get("x-tc-action"),
    version: headers.get("x-tc-version"),
    token: headers.get("x-tc-token"),
  };
}
