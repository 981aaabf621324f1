// The signed request as it may be shown (`--dry-run`, `--json`): private keys, key passwords and
// STS tokens replaced by "[redacted: N characters]", access-key ids cut to their first and last
// four characters. The signature stays (it proves nothing without the secret and expires in minutes).
import { maskId } from "./credentials.js";

/** Parameters whose values are secrets, in every provider's names. */
const SECRET_PARAMS = new Set([
  "PrivateKey", "Key", "SignPrivateKey", "EncryptPrivateKey", "CertificatePrivateKey", "KeyPassword",
  "SecurityToken", "AccessKeySecret",
]);
const SECRET_HEADERS = new Set(["x-acs-security-token", "x-tc-token"]);

const hidden = (v) => `[redacted: ${String(v).length} characters]`;

function redactParams(pairs) {
  return pairs.map(([k, v]) => [k, SECRET_PARAMS.has(k) ? hidden(v) : k === "AccessKeyId" ? maskId(v) : v]);
}

function redactAuthorization(value) {
  return value.replace(/Credential=([^/,\s]+)/, (_, id) => `Credential=${maskId(id)}`);
}

function redactBody(body, headers) {
  if (!body) return body;
  const type = (headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "").toLowerCase();
  if (type.includes("json") || body.trimStart().startsWith("{")) {
    try {
      const o = JSON.parse(body);
      for (const k of Object.keys(o)) if (SECRET_PARAMS.has(k)) o[k] = hidden(o[k]);
      return JSON.stringify(o);
    } catch {
      return hidden(body);
    }
  }
  if (type.includes("x-www-form-urlencoded") || /^[\w.%-]+=/.test(body)) {
    return new URLSearchParams(redactParams([...new URLSearchParams(body)])).toString();
  }
  return hidden(body);
}

/** A copy of a signed ApiRequest with nothing secret in it. */
export function redactRequest(signed) {
  const url = new URL(signed.url);
  const query = redactParams([...url.searchParams]);
  const search = new URLSearchParams(query).toString();
  const headers = signed.headers.map(([k, v]) => {
    const name = k.toLowerCase();
    if (SECRET_HEADERS.has(name)) return [k, hidden(v)];
    if (name === "authorization") return [k, redactAuthorization(v)];
    return [k, v];
  });
  return {
    provider: signed.provider,
    action: signed.action,
    version: signed.version,
    method: signed.method,
    url: `${url.origin}${url.pathname}${search ? `?${search}` : ""}`,
    host: signed.host,
    path: signed.path,
    query,
    headers,
    body: redactBody(signed.body, signed.headers),
  };
}
