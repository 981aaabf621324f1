// cert-preflight's Cloudflare Worker: the upload proxy, the deployable pre-check, and the host of
// the demo page (static assets from ../www, served without running this code; only /api/* and, in
// mock mode, /mock/* reach it — wrangler.jsonc "run_worker_first").
//
//   GET  /api/health     → { version, mode: "mock" | "live", upload: "open" | "token" | "disabled" }
//   POST /api/validate   { provider, params, options? } → the Report (nothing is sent anywhere)
//   POST /api/upload     { provider, params, options? } → the provider's own answer
//   POST /api/chain      { certificate } → completeChain's answer plus `fetches` (./aia.js does the
//                        fetching, with SPEC's guards; AIA_ALLOW_PRIVATE=1 lets it reach internal hosts)
//   GET  /api/roots      → { mozilla: { count, date, source }, extra: PEM } — the roots the Worker
//                        trusts: Mozilla's (cert-preflight/roots) plus the operator's EXTRA_ROOTS
//   POST /mock/<host>/   the built-in mock cloud (mock mode only), e.g. /mock/slb.aliyuncs.com/?…
//
// Nothing the page sends is trusted: the body is re-validated and the request rebuilt with the
// package. A refusal is answered in the provider's own shape (./answers.js) plus every finding.
// Credentials come from the environment (the SDKs' own variable names) and never leave the Worker.
// No request body, key, passphrase or secret is ever logged or echoed.

import { buildRequest, completeChain, signRequest, trustAnchors, validate } from "cert-preflight";
import packageJson from "cert-preflight/package.json";
import * as mozilla from "cert-preflight/roots";

import { assess, FIELDS } from "../../www/upload.js";
import { completeWithFetch, LIMITS as AIA_LIMITS, whyIncomplete } from "./aia.js";
import { proxyError, refusal } from "./answers.js";
import { createMockCloud, MOCK_CREDENTIALS } from "./mock/cloud.js";

/** Request bodies above this are refused before they are read (413). */
const MAX_BODY_BYTES = 256 * 1024;
/** A PROXY_TOKEN shorter than this is not accepted as protection. */
const MIN_TOKEN_LENGTH = 16;

/** `options` the proxy takes (the rest of buildRequest's options are the Worker's own: `now`). */
const OPTIONS = ["region", "eccRegions", "passphrase", "signatureAlgorithm", "completeChain", "language"];

const API_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

// ---- configuration --------------------------------------------------------------------------

/** Credentials from the environment; any of them set means live mode. */
function configuration(env) {
  const names = [
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "TENCENTCLOUD_SECRET_ID",
    "TENCENTCLOUD_SECRET_KEY",
    "TENCENTCLOUD_SESSION_TOKEN",
  ];
  const live = names.some((n) => typeof env[n] === "string" && env[n] !== "");
  const alibaba =
    env.ALIBABA_CLOUD_ACCESS_KEY_ID && env.ALIBABA_CLOUD_ACCESS_KEY_SECRET
      ? {
          accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
          accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
          ...(env.ALIBABA_CLOUD_SECURITY_TOKEN ? { securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN } : {}),
        }
      : null;
  const tencent =
    env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY
      ? {
          secretId: env.TENCENTCLOUD_SECRET_ID,
          secretKey: env.TENCENTCLOUD_SECRET_KEY,
          ...(env.TENCENTCLOUD_SESSION_TOKEN ? { token: env.TENCENTCLOUD_SESSION_TOKEN } : {}),
        }
      : null;
  const token = typeof env.PROXY_TOKEN === "string" ? env.PROXY_TOKEN : "";
  return {
    mode: live ? "live" : "mock",
    credentials: live ? { alibaba, tencent } : { alibaba: MOCK_CREDENTIALS.alibaba, tencent: MOCK_CREDENTIALS.tencent },
    token,
    upload: !live ? "open" : token.length >= MIN_TOKEN_LENGTH ? "token" : "disabled",
    // Tests only: send live requests to http://127.0.0.1:<port>/<host><path>?<query> instead.
    testUpstream: env.TEST_UPSTREAM_ORIGIN || null,
    aia: {
      // Internal PKIs and tests: let caIssuers fetches reach IP literals and non-public hosts.
      allowPrivate: env.AIA_ALLOW_PRIVATE === "1",
      // Tests only: a shorter per-URL timeout (never longer than the 10 s of SPEC).
      timeoutMs: Math.min(AIA_LIMITS.timeoutMs, Math.max(1, Number(env.AIA_TIMEOUT_MS) || AIA_LIMITS.timeoutMs)),
    },
  };
}

/**
 * The trust anchors of validate and completeChain: Mozilla's roots (`cert-preflight/roots`) plus the
 * operator's EXTRA_ROOTS (PEM, for an internal PKI), parsed once per isolate and per EXTRA_ROOTS
 * value. An EXTRA_ROOTS that holds no usable certificate is the operator's mistake: every route
 * that needs the roots answers 500 `ConfigurationError` (naming the variable, not its value).
 */
let anchors = null;
/** The operator's EXTRA_ROOTS, trimmed ("" when unset). */
const extraRoots = (env) => (typeof env.EXTRA_ROOTS === "string" ? env.EXTRA_ROOTS.trim() : "");
function chainRoots(env) {
  const extra = extraRoots(env);
  if (anchors?.extra !== extra) {
    let set;
    try {
      set = trustAnchors(extra ? `${mozilla.pem}\n${extra}\n` : mozilla.pem);
    } catch (e) {
      throw Object.assign(new Error(`EXTRA_ROOTS is not a PEM bundle of root certificates (${e?.code ?? "Error"})`), { status: 500, code: "ConfigurationError" });
    }
    anchors?.set.free();
    anchors = { extra, set };
  }
  return anchors.set;
}

// One mock per isolate: its state (ids, nonces) is in memory only.
let mockCloud = null;
function mock() {
  mockCloud ??= createMockCloud({ validate });
  return mockCloud;
}

// ---- request guards ---------------------------------------------------------------------------

/** Same origin only: a browser's cross-site request carries an Origin that is not ours. */
function crossOrigin(request, url) {
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== url.origin) return true;
  const site = request.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

/** The JSON body, bounded: a Response (413, 415, 400) when it cannot be had. */
async function readJson(request) {
  const length = request.headers.get("content-length");
  if (length !== null && !(Number(length) <= MAX_BODY_BYTES)) {
    return { error: proxyError(413, "PayloadTooLarge", `the body is over ${MAX_BODY_BYTES} bytes`, API_HEADERS) };
  }
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    return { error: proxyError(415, "UnsupportedMediaType", "send the body as application/json", API_HEADERS) };
  }
  // Read no more than the limit, whatever Content-Length claimed (or if it was absent).
  const chunks = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        return { error: proxyError(413, "PayloadTooLarge", `the body is over ${MAX_BODY_BYTES} bytes`, API_HEADERS) };
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return { value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { error: proxyError(400, "InvalidJson", "the body is not valid UTF-8 JSON", API_HEADERS) };
  } finally {
    bytes.fill(0);
    for (const c of chunks) c.fill(0);
  }
}

/**
 * How an answer names keys the caller sent that are not `known`: by count only. A key may be
 * anything — a secret pasted as a name included — and answers end up in logs and screenshots.
 */
function unknownKeys(keys, known) {
  return `${keys.length} unknown member(s); known: ${known.join(", ")}`;
}

/** `{ provider, params, options? }`, checked; `{ error }` when it is not that. */
function readCall(body) {
  const bad = (message) => ({ error: proxyError(400, "InvalidArgument", message, API_HEADERS) });
  if (body === null || typeof body !== "object" || Array.isArray(body)) return bad("the body must be a JSON object");
  const MEMBERS = ["provider", "params", "options"];
  const extra = Object.keys(body).filter((k) => !MEMBERS.includes(k));
  if (extra.length) return bad(unknownKeys(extra, MEMBERS));
  if (!Object.hasOwn(FIELDS, body.provider)) return bad(`provider must be one of ${Object.keys(FIELDS).join(", ")}`);
  const params = body.params;
  if (params === null || typeof params !== "object" || Array.isArray(params)) return bad("params must be an object");
  const options = body.options ?? {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) return bad("options must be an object");
  const unknown = Object.keys(options).filter((k) => !OPTIONS.includes(k));
  if (unknown.length) return bad(`options: ${unknownKeys(unknown, OPTIONS)}`);
  if (options.completeChain !== undefined && typeof options.completeChain !== "boolean") return bad("options.completeChain must be a boolean");
  return { provider: body.provider, params, options };
}

/** SHA-256 of both sides, then a comparison with no early exit: the token's length and content do not leak. */
async function sameSecret(given, expected) {
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(given)), crypto.subtle.digest("SHA-256", enc.encode(expected))]);
  if (crypto.subtle.timingSafeEqual) return crypto.subtle.timingSafeEqual(a, b);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

/** Live mode: the caller must present PROXY_TOKEN as a bearer token. A Response when refused. */
async function authorize(request, config) {
  if (config.mode === "mock") return null;
  if (config.upload === "disabled") {
    return proxyError(
      403,
      "UploadDisabled",
      `live mode (cloud credentials are set) needs PROXY_TOKEN (at least ${MIN_TOKEN_LENGTH} characters) to accept uploads; set it with \`wrangler secret put PROXY_TOKEN\``,
      API_HEADERS,
    );
  }
  const header = request.headers.get("authorization") ?? "";
  const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  if (!m || !(await sameSecret(m[1], config.token))) {
    return proxyError(401, "Unauthorized", "live mode: send `Authorization: Bearer <PROXY_TOKEN>`", {
      ...API_HEADERS,
      "www-authenticate": 'Bearer realm="cert-preflight"',
    });
  }
  return null;
}

// ---- the package, called the way the cloud sees the upload --------------------------------------

/** buildRequest's options from the proxy's (`roots` is the Worker's own, added by assess(); a caller's is refused by readCall). */
function buildOptions(options) {
  const out = {};
  for (const k of ["region", "eccRegions", "passphrase", "language", "roots"]) if (options[k] !== undefined) out[k] = options[k];
  return out;
}

/** buildRequest, with its refusal as a value: `{ request }` or `{ refused }` (a coded Error). */
function build(provider, params, options) {
  try {
    return { request: buildRequest(provider, params, buildOptions(options)) };
  } catch (e) {
    if (Array.isArray(e?.findings)) return { refused: e };
    throw e;
  }
}

// ---- completing the chain (AIA) ------------------------------------------------------------------

/** completeWithFetch with the Worker's settings: `{ completion, fetches }` (throws completeChain's coded errors). */
function completeHere(certificate, env, config) {
  return completeWithFetch(certificate, {
    completeChain,
    fetch: (url, init) => fetch(url, init),
    allowPrivate: config.aia.allowPrivate,
    allowHint: "set AIA_ALLOW_PRIVATE=1 to allow",
    timeoutMs: config.aia.timeoutMs,
    roots: chainRoots(env),
  });
}

/** What the log line says of a completion: counts only, never a URL (a caIssuers URL is caller text). */
function chainNote(completion, fetches) {
  return {
    fetched: fetches.filter((f) => f.ok).length,
    failed: fetches.filter((f) => !f.ok).length,
    added: completion.added.length,
    complete: completion.complete,
  };
}

/**
 * options.completeChain of /api/upload and /api/validate: the params with the certificate field
 * replaced by the completed bundle when something was added, and the `completion` member of the
 * answer ({ added, complete, findings, fetches }). A certificate field that holds no certificate is
 * left for buildRequest to refuse in the provider's words (completion: null).
 */
async function completeParams(provider, params, env, config, note) {
  const field = FIELDS[provider].certificate;
  const certificate = params[field];
  if (typeof certificate !== "string" || certificate === "") return { params, chain: null };
  let result;
  try {
    result = await completeHere(certificate, env, config);
  } catch (e) {
    if (typeof e?.code === "string" && e.code !== "ConfigurationError") return { params, chain: null };
    throw e;
  }
  const { completion, fetches } = result;
  note.chain = chainNote(completion, fetches);
  const chain = { added: completion.added, complete: completion.complete, findings: completion.findings, fetches };
  const why = completion.complete ? null : whyIncomplete(result);
  return { params: completion.added.length ? { ...params, [field]: completion.certificate } : params, chain, why };
}

// ---- routes -----------------------------------------------------------------------------------

/** GET /api/roots: what the page needs to check as the Worker does (Mozilla's it loads from the package). */
async function rootsRoute(request, env) {
  chainRoots(env); // a bad EXTRA_ROOTS answers 500 here too
  const extra = extraRoots(env);
  return Response.json(
    { mozilla: { count: mozilla.count, date: mozilla.date, source: mozilla.source }, extra: extra ? `${extra}\n` : "" },
    { headers: API_HEADERS },
  );
}

async function health(request, env, config) {
  return Response.json({ version: packageJson.version, mode: config.mode, upload: config.upload }, { headers: API_HEADERS });
}

async function validateRoute(request, env, config, url, note) {
  const body = await readJson(request);
  if (body.error) return body.error;
  const call = readCall(body.value);
  if (call.error) return call.error;
  const { provider, options } = call;
  const { params, chain } = options.completeChain ? await completeParams(provider, call.params, env, config, note) : { params: call.params, chain: undefined };
  const { report, errors, warnings } = assess({ validate, buildRequest: (p, q, o) => buildRequest(p, q, buildOptions(o)) }, provider, params, options, chainRoots(env));
  const extra = chain === undefined ? {} : { completion: chain };
  return Response.json({ ...report, ok: errors.length === 0, errors, warnings, ...extra }, { headers: API_HEADERS });
}

/** POST /api/chain { certificate } → { ...ChainCompletion, fetches }. */
async function chainRoute(request, env, config, url, note) {
  const body = await readJson(request);
  if (body.error) return body.error;
  const value = body.value;
  const bad = (message) => proxyError(400, "InvalidArgument", message, API_HEADERS);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return bad("the body must be a JSON object");
  const extra = Object.keys(value).filter((k) => k !== "certificate");
  if (extra.length) return bad(unknownKeys(extra, ["certificate"]));
  if (typeof value.certificate !== "string" || value.certificate === "") return bad("certificate must be a non-empty string (PEM, or base64 of DER)");
  const { completion, fetches } = await completeHere(value.certificate, env, config);
  note.chain = chainNote(completion, fetches);
  return Response.json({ ...completion, fetches }, { headers: API_HEADERS });
}

async function upload(request, env, config, url, note) {
  const denied = await authorize(request, config);
  if (denied) return denied;
  const body = await readJson(request);
  if (body.error) return body.error;
  const call = readCall(body.value);
  if (call.error) return call.error;
  const { provider, options } = call;
  // Completed before anything is validated, built or signed: the upload carries the whole chain.
  const { params, chain, why } = options.completeChain ? await completeParams(provider, call.params, env, config, note) : { params: call.params, chain: undefined };
  const extra = chain === undefined ? {} : { completion: chain };
  // completeChain promises the whole chain, as the CLI's `upload --complete-chain` does: a bundle that
  // stays incomplete (a fetch failed, nothing signs it, no URL to fetch) is not uploaded. A failed
  // fetch is the CA's server (502); a chain the CA's URLs cannot complete is the caller's (422).
  if (chain && !chain.complete) {
    const failed = chain.fetches.some((f) => !f.ok);
    return proxyError(failed ? 502 : 422, "ChainIncomplete", `nothing was sent: completeChain could not complete the chain (${why})`, { ...API_HEADERS, "x-cert-preflight-mode": config.mode }, extra);
  }
  const built = build(provider, params, options);
  if (built.refused) return refusal(provider, built.refused, { ...API_HEADERS, "x-cert-preflight-mode": config.mode }, extra);

  const alibaba = provider !== "tencent-ssl";
  const credentials = alibaba ? config.credentials.alibaba : config.credentials.tencent;
  if (!credentials) {
    return proxyError(
      503,
      "CredentialsMissing",
      alibaba
        ? "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET to upload to Alibaba Cloud"
        : "set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY to upload to Tencent Cloud",
      API_HEADERS,
    );
  }
  const signOptions = { timestamp: new Date() };
  if (options.signatureAlgorithm !== undefined) signOptions.algorithm = options.signatureAlgorithm;
  const signed = signRequest(built.request, credentials, signOptions);
  const init = { method: signed.method, headers: signed.headers, body: signed.body === "" ? undefined : signed.body };

  let answer;
  if (config.mode === "mock") {
    answer = await mock().fetch(new Request(signed.url, init));
  } else {
    let url = signed.url;
    if (config.testUpstream) {
      // Never a way to send signed requests elsewhere: a loopback stand-in only.
      if (!/^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}\/?$/.test(config.testUpstream)) {
        return proxyError(500, "MisconfiguredUpstream", "TEST_UPSTREAM_ORIGIN must be http://127.0.0.1:<port> (tests only)", API_HEADERS);
      }
      const target = new URL(signed.url);
      url = `${config.testUpstream.replace(/\/$/, "")}/${target.host}${target.pathname}${target.search}`;
    }
    answer = await fetch(url, init);
  }
  // The provider's answer as it is: status and body (with completeChain, plus a `completion` member
  // that says what was added, when the answer is a JSON object).
  const headers = {
    ...API_HEADERS,
    "content-type": answer.headers.get("content-type") ?? "application/json",
    "x-cert-preflight-mode": config.mode,
  };
  if (chain !== undefined) {
    headers["x-cert-preflight-chain-added"] = String(chain?.added.length ?? 0);
    const text = await answer.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const merged = json !== null && typeof json === "object" && !Array.isArray(json) ? JSON.stringify({ ...json, completion: chain }) : text;
    return new Response(merged, { status: answer.status, headers });
  }
  return new Response(answer.body, { status: answer.status, headers });
}

/** The mock cloud over HTTP (mock mode only): /mock/<host>/<path>?<query>. */
async function mockRoute(request, env, config, url) {
  if (config.mode !== "mock") return proxyError(404, "NotFound", "no mock cloud in live mode", API_HEADERS);
  const m = /^\/mock\/([a-z0-9.-]+)(\/.*)$/.exec(url.pathname);
  if (!m) return proxyError(404, "NotFound", "use /mock/<api host>/", API_HEADERS);
  const length = request.headers.get("content-length");
  if (length !== null && !(Number(length) <= MAX_BODY_BYTES)) return proxyError(413, "PayloadTooLarge", "body too large", API_HEADERS);
  return mock().fetch(new Request(`https://${m[1]}${m[2]}${url.search}`, request));
}

const ROUTES = {
  "GET /api/health": health,
  "POST /api/validate": validateRoute,
  "POST /api/upload": upload,
  "POST /api/chain": chainRoute,
  "GET /api/roots": rootsRoute,
};

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const config = configuration(env);
    let response;
    const note = {}; // what a route adds to the log line (counts only)
    try {
      if (crossOrigin(request, url)) {
        response = proxyError(403, "CrossOriginRefused", "this API answers its own origin only", API_HEADERS);
      } else if (url.pathname.startsWith("/mock/")) {
        response = await mockRoute(request, env, config, url);
      } else {
        const route = ROUTES[`${request.method} ${url.pathname}`];
        if (route) {
          response = await route(request, env, config, url, note);
        } else if (url.pathname.startsWith("/api/")) {
          const known = Object.keys(ROUTES).some((r) => r.endsWith(` ${url.pathname}`));
          response = known
            ? proxyError(405, "MethodNotAllowed", `${request.method} is not allowed here`, API_HEADERS)
            : proxyError(404, "NotFound", "no such API route", API_HEADERS);
        } else {
          response = env.ASSETS ? await env.ASSETS.fetch(request) : new Response("Not found", { status: 404 });
        }
      }
    } catch (e) {
      // A coded Error of the package (e.g. InvalidArgument for a wrong parameter type): the caller's fault.
      // The operator's configuration (EXTRA_ROOTS): a 500 that names the variable.
      const code = typeof e?.code === "string" ? e.code : "InternalError";
      response =
        code === "InternalError"
          ? proxyError(500, code, "the proxy failed; nothing was sent", API_HEADERS)
          : proxyError(e.status === 500 ? 500 : 400, code, String(e.message).slice(0, 300), API_HEADERS);
    }
    // One line per request; never a body, header value, key or secret, and a path only when it is
    // one of ours (any other path is the caller's text).
    const ours = Object.keys(ROUTES).some((r) => r.endsWith(` ${url.pathname}`));
    const path = ours ? url.pathname : url.pathname.startsWith("/mock/") ? "/mock/…" : "(other)";
    console.log(JSON.stringify({ method: request.method, path, status: response.status, mode: config.mode, ...note }));
    return response;
  },
};
