// Sending a signed upload: where it goes (--endpoint), the timeout, the one retry, a bounded read
// of the answer, and one-line messages for every way it can fail.
//
// --endpoint URL (or CERT_PREFLIGHT_ENDPOINT):
//   * origin only (`https://slb-vpc.cn-hangzhou.aliyuncs.com`): replaces the API host; the request
//     is signed for that host (the cloud checks the host it received).
//   * with a path (`http://127.0.0.1:8788/mock/`): a relay in the Worker's /mock/<host>/ shape —
//     the request is signed for the API's real host and sent to <endpoint><host><path>?<query>.
//     `cert-preflight mock` and the Worker under `make demo` (http://127.0.0.1:8787/mock/) both
//     serve the three APIs that way.
//   https anywhere; http only to a loopback host (127.0.0.0/8, ::1, localhost). An origin cannot have
//   a port (the clouds' hosts have none, and the signature covers the bare host).
import { CliError } from "./output.js";

export const DEFAULT_TIMEOUT_MS = 30_000;
/** The most of an answer that is read (the APIs answer a few hundred bytes). */
const MAX_RESPONSE = 1024 * 1024;
const RETRY_DELAY_MS = 1000;

function isLoopback(hostname) {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The parsed endpoint: `{ url, relay }`, or null without one. */
export function parseEndpoint(value, fromEnv) {
  if (value === undefined || value === "") return null;
  const what = fromEnv ? "CERT_PREFLIGHT_ENDPOINT" : "--endpoint";
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`${what} is not a URL (${value.length} characters); e.g. http://127.0.0.1:8788/mock/`);
  }
  if (url.username || url.password) throw new CliError(`${what} must not carry a user name or password`);
  if (url.search || url.hash) throw new CliError(`${what} must not have a query or fragment`);
  if (url.protocol === "http:") {
    if (!isLoopback(url.hostname)) throw new CliError(`${what}: http is allowed only to a loopback host (127.0.0.1, ::1, localhost); use https`);
  } else if (url.protocol !== "https:") {
    throw new CliError(`${what} must be an https URL (or http on loopback)`);
  }
  const relay = url.pathname !== "/";
  if (relay && !url.pathname.endsWith("/")) url.pathname += "/";
  if (!relay && url.port) {
    throw new CliError(
      `${what}: an origin replaces the API host and the request is signed for it, which cannot carry a port; for a relay give a path (e.g. ${url.protocol}//${url.host}/mock/)`,
    );
  }
  return { url, relay, fromEnv };
}

/** The unsigned request, readied for the endpoint (host replaced before signing when not a relay). */
export function retarget(request, endpoint) {
  if (!endpoint || endpoint.relay) return request;
  const url = new URL(request.url);
  url.protocol = endpoint.url.protocol;
  url.host = endpoint.url.host;
  return { ...request, url: url.href, host: endpoint.url.host };
}

/** Where a signed request is actually sent. */
export function destination(signed, endpoint) {
  if (!endpoint) return signed.url;
  const url = new URL(signed.url);
  if (endpoint.relay) return `${endpoint.url.origin}${endpoint.url.pathname}${url.host}${url.pathname}${url.search}`;
  url.protocol = endpoint.url.protocol; // the signer writes https://; an origin may be http on loopback
  url.host = endpoint.url.host;
  return url.href;
}

async function readBounded(response) {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_RESPONSE) {
      await reader.cancel().catch(() => {});
      throw new CliError(`the API's answer is over ${MAX_RESPONSE} bytes; not read`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH)|EPROTO/;

/** A one-line reason for a failed fetch (never its stack), and whether a retry may help. */
function describe(e, host) {
  const cause = e?.cause ?? e;
  const code = cause?.code ?? "";
  if (e?.name === "TimeoutError" || cause?.name === "TimeoutError") return { timeout: true };
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(cause?.message ?? "")) {
    return { message: `TLS error talking to ${host}: ${code || "handshake failed"}`, retry: false };
  }
  const reasons = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "DNS lookup failed",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    UND_ERR_SOCKET: "connection closed",
    UND_ERR_CONNECT_TIMEOUT: "connect timeout",
    UND_ERR_HEADERS_OVERFLOW: "answer headers too large",
  };
  return { message: `cannot reach ${host}: ${reasons[code] ?? (code || "network error")}`, retry: true };
}

/**
 * Sends the request `sign()` returns (called again, with a fresh timestamp and nonce, for the
 * retry): `{ status, text, url, attempts }`. One retry after a network error or a 5xx, never after
 * a 4xx, a TLS error or a timeout (the upload may have landed: re-sending could upload it twice).
 */
export async function send(sign, endpoint, { timeoutMs = DEFAULT_TIMEOUT_MS, onRetry } = {}) {
  let last;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const signed = sign();
    const target = destination(signed, endpoint);
    const host = new URL(target).host;
    const body = signed.body ? Buffer.from(signed.body, "utf8") : undefined;
    try {
      const response = await fetch(target, {
        method: signed.method,
        headers: signed.headers.filter(([name]) => name.toLowerCase() !== "host"),
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await readBounded(response);
      if (response.status >= 300 && response.status < 400) {
        throw new CliError(`${host} answered with a redirect (HTTP ${response.status}); not followed — check --endpoint`);
      }
      last = { status: response.status, text, url: target, attempts: attempt };
      if (response.status >= 500 && attempt === 1) {
        onRetry?.(`HTTP ${response.status}`);
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
        continue;
      }
      return last;
    } catch (e) {
      if (e instanceof CliError) throw e;
      const d = describe(e, host);
      if (d.timeout) {
        throw new CliError(`no answer from ${host} within ${timeoutMs / 1000} s (the upload may or may not have landed: look in the console before retrying)`);
      }
      if (!d.retry || attempt === 2) throw new CliError(d.message + (attempt === 2 ? " (after one retry)" : ""));
      onRetry?.(d.message);
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    }
  }
  return last;
}

/** The timeout per attempt: CERT_PREFLIGHT_TIMEOUT seconds (default 30). */
export function timeoutFromEnv() {
  const v = process.env.CERT_PREFLIGHT_TIMEOUT;
  if (v === undefined || v === "") return DEFAULT_TIMEOUT_MS;
  const s = Number(v);
  if (!Number.isFinite(s) || s <= 0 || s > 600) throw new CliError("CERT_PREFLIGHT_TIMEOUT must be a number of seconds between 0 and 600");
  return Math.round(s * 1000);
}
