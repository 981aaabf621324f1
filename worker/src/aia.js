// aia.js — fetch the issuers a certificate names (AIA caIssuers) for cert-preflight's completeChain,
// with the guards of SPEC.md "Completing the chain" and reference/CHAIN.md. Runtime-neutral and
// dependency-free: the Worker (worker/src/index.js) and the command line (bin/) both use it. It
// touches no Node or Worker API; `fetch`, `AbortController`, `setTimeout` and `clearTimeout` are the
// globals both runtimes have, and `fetch` (and DNS, through `resolve`) can be injected.
//
//   import { completeChain } from "cert-preflight";
//   import { completeWithFetch } from "./aia.js";
//   const { completion, fetches } = await completeWithFetch(pem, { completeChain, allowPrivate: false });
//
// completeWithFetch(certificate, options) → Promise<{ completion: ChainCompletion, fetches: Fetch[] }>
//   certificate    string | Uint8Array, as completeChain takes it (it throws what completeChain throws:
//                  a coded Error, CertificateFormatInvalid when there is no certificate)
//   options:
//     completeChain  the package's function (required; this module imports nothing)
//     fetch          default globalThis.fetch
//     allowPrivate   default false: refuse IP-literal, loopback, private, link-local, CGNAT, ULA,
//                    multicast, reserved and non-public names (see checkUrl); true allows them all
//                    (operators with internal PKIs, tests)
//     allowHint      the words that say how to opt in, default "set AIA_ALLOW_PRIVATE=1 to allow"
//                    (the CLI passes "use --allow-private-aia to allow")
//     resolve        optional async (hostname) → string[] of IP addresses (Node: dns.lookup with
//                    { all: true }); every address must be public, else the URL is refused. Without it
//                    only the name is judged (a Worker cannot resolve; Cloudflare's network refuses
//                    internal addresses itself). NOTE a check before connecting can be beaten by DNS
//                    rebinding; a Node host that wants a pin also checks the address it connects to
//                    (classifyAddress in its http Agent's `lookup`).
//     roots          a TrustAnchors handle, passed to completeChain
//     maxRounds      default 4 (rounds of fetching; completeChain is called at most maxRounds + 1 times)
//     maxSubrequests default 20 per call; every HTTP request counts, redirect hops included
//     maxRedirects   default 3 per URL, each Location checked as the first URL was
//     timeoutMs      default 10000 per URL (its redirects and its body included)
//     maxBytes       default 65536 per body; read as a stream, cut at maxBytes + 1, the rest cancelled
//     userAgent      default "cert-preflight-aia/1"
//
//   completion  the last ChainCompletion of the package. A URL whose fetch failed is not passed to the
//               core (so it may still be in `next`); its reason is in `fetches`. What the core says of
//               a body (not a certificate, does not sign, loops, its own limits) is in
//               completion.findings.
//   fetches     one entry per URL tried or given up, in order:
//               { url, ok: boolean, status?: number, bytes?: number, redirects?: string[],
//                 code?: FetchCode, error?: string /* the reason, in words */ }
//
// FetchCode: "AiaRefused" (a guard said no: scheme, host, address, credentials in the URL),
//   "AiaTimeout", "AiaHttpStatus" (not 200), "AiaTooLarge", "AiaRedirects" (more than maxRedirects,
//   or a 3xx without Location), "AiaSubrequestLimit", "AiaRoundLimit", "AiaNetwork" (fetch threw).
//
// Ports: the Fetch standard's "bad ports" (25, 22, 6667, …) are refused even with allowPrivate.
// No credentials or cookies ever: credentials "omit" where the runtime takes it, no header but
// Accept and User-Agent, URLs with user:password@ refused. Bodies are never logged here.
//
// Also exported: checkUrl(url, { allowPrivate, allowHint }) → { ok: true, url: URL } | { ok: false,
// code, error }; checkUrlResolved(url, { allowPrivate, allowHint, resolve }) → Promise<same>;
// classifyAddress(ip) → null when public, else the words for what it is ("loopback", …);
// fetchIssuer(url, options) → Promise<{ entry: Fetch, body?: Uint8Array }> (one URL, guards included);
// LIMITS (the defaults).

export const LIMITS = Object.freeze({
  maxRounds: 4,
  maxSubrequests: 20,
  maxRedirects: 3,
  timeoutMs: 10_000,
  maxBytes: 64 * 1024,
});

const DEFAULT_HINT = "set AIA_ALLOW_PRIVATE=1 to allow";
const ACCEPT = "application/pkix-cert, application/pkcs7-mime, application/x-pkcs7-mime, application/x-x509-ca-cert, */*;q=0.5";

// ---- addresses ----------------------------------------------------------------------------------

/** Four numbers from dotted-quad IPv4 text (as the URL parser writes it), or null. */
function parseIPv4(text) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

/** Eight 16-bit numbers from IPv6 text (brackets, a zone and a dotted IPv4 tail allowed), or null. */
function parseIPv6(text) {
  let s = text.replace(/^\[|\]$/g, "");
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(":")) return null;
  let tail = [];
  const dot = s.lastIndexOf(":");
  if (s.slice(dot + 1).includes(".")) {
    const v4 = parseIPv4(s.slice(dot + 1));
    if (!v4) return null;
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    s = s.slice(0, dot + 1) + "0"; // placeholder group, dropped below
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (tail.length) (halves.length === 2 ? rest : head).pop();
  const nums = (list) => list.map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
  const a = nums(head);
  const b = nums(rest);
  if ([...a, ...b].some(Number.isNaN)) return null;
  const fill = 8 - a.length - b.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return null;
  return [...a, ...new Array(halves.length === 2 ? fill : 0).fill(0), ...b, ...tail];
}

const V4_RANGES = [
  // [first octets, prefix length, words]
  [[0, 0, 0, 0], 8, "a 'this network' address (0.0.0.0/8)"],
  [[10, 0, 0, 0], 8, "a private address (RFC 1918)"],
  [[100, 64, 0, 0], 10, "a shared CGNAT address (100.64.0.0/10)"],
  [[127, 0, 0, 0], 8, "a loopback address"],
  [[169, 254, 0, 0], 16, "a link-local address (169.254.0.0/16, cloud metadata endpoints)"],
  [[172, 16, 0, 0], 12, "a private address (RFC 1918)"],
  [[192, 0, 0, 0], 24, "an IETF protocol address (192.0.0.0/24)"],
  [[192, 0, 2, 0], 24, "a documentation address"],
  [[192, 88, 99, 0], 24, "a 6to4 relay address"],
  [[192, 168, 0, 0], 16, "a private address (RFC 1918)"],
  [[198, 18, 0, 0], 15, "a benchmarking address (198.18.0.0/15)"],
  [[198, 51, 100, 0], 24, "a documentation address"],
  [[203, 0, 113, 0], 24, "a documentation address"],
  [[224, 0, 0, 0], 4, "a multicast address"],
  [[240, 0, 0, 0], 4, "a reserved address (240.0.0.0/4)"],
];

function v4Number(p) {
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

function classifyV4(p) {
  const n = v4Number(p);
  for (const [base, bits, words] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (((n & mask) >>> 0) === ((v4Number(base) & mask) >>> 0)) return words;
  }
  return null;
}

function classifyV6(g) {
  const v4 = (hi, lo) => [hi >> 8, hi & 255, lo >> 8, lo & 255];
  const zeros = (k) => g.slice(0, k).every((x) => x === 0);
  if (g.every((x) => x === 0)) return "the unspecified address (::)";
  if (zeros(7) && g[7] === 1) return "a loopback address";
  // IPv4-mapped ::ffff:a.b.c.d, and NAT64 64:ff9b::a.b.c.d: judged as the IPv4 address inside.
  if (zeros(5) && g[5] === 0xffff) {
    const w = classifyV4(v4(g[6], g[7]));
    return w && `an IPv4-mapped address of ${w}`;
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    const w = classifyV4(v4(g[6], g[7]));
    return w && `a NAT64 address of ${w}`;
  }
  if (zeros(6)) return "an IPv4-compatible address (deprecated)";
  if ((g[0] & 0xfe00) === 0xfc00) return "a unique local address (ULA, fc00::/7)";
  if ((g[0] & 0xffc0) === 0xfe80) return "a link-local address (fe80::/10)";
  if ((g[0] & 0xffc0) === 0xfec0) return "a site-local address (fec0::/10)";
  if ((g[0] & 0xff00) === 0xff00) return "a multicast address";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "a documentation address (2001:db8::/32)";
  if (g[0] === 0x2002) {
    const w = classifyV4(v4(g[1], g[2]));
    return w && `a 6to4 address of ${w}`;
  }
  if (g[0] === 0x2001 && g[1] < 0x0200) return "an IETF protocol address (2001::/23)";
  if ((g[0] & 0xe000) !== 0x2000) return "an address outside global unicast (2000::/3)";
  return null;
}

/**
 * null when `ip` (IPv4 dotted quad or IPv6 text, brackets and zone allowed) is a public unicast
 * address; otherwise what it is, in words ("a loopback address", "a private address (RFC 1918)"…).
 * Text that is no address at all is "not an IP address".
 */
export function classifyAddress(ip) {
  const text = String(ip);
  const v4 = parseIPv4(text);
  if (v4) return classifyV4(v4);
  const v6 = parseIPv6(text);
  if (v6) return classifyV6(v6);
  return "not an IP address";
}

// ---- URLs ---------------------------------------------------------------------------------------

/** Names that never reach a public host (RFC 6761, RFC 6762, RFC 8375, ICANN's .internal). */
const PRIVATE_SUFFIXES = ["localhost", "local", "internal", "home.arpa", "lan", "intranet", "corp", "home", "private", "arpa"];

/** The Fetch standard's "bad ports" (SMTP, IRC, …): never asked, whatever allowPrivate says. */
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119,
  123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990,
  993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

function refused(error) {
  return { ok: false, code: "AiaRefused", error };
}

/**
 * Judges a URL before anything is sent: `{ ok: true, url }` (a URL object) or `{ ok: false, code,
 * error }`. http: always (for a host that passes); https: only for a public host (as the URL says
 * it; never upgraded); user:password@ and the Fetch standard's bad ports (25, 6667, …) refused.
 * Unless `allowPrivate`: IP literals (every form the
 * URL parser reads as one: 2130706433, 0x7f.1, 0177.0.0.1, [::1], [::ffff:7f00:1]) and names that are
 * not public (no dot, localhost, *.localhost, *.local, *.internal, *.home.arpa, …) are refused.
 */
export function checkUrl(input, { allowPrivate = false, allowHint = DEFAULT_HINT } = {}) {
  let url;
  try {
    url = new URL(String(input));
  } catch {
    return refused("refused: not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return refused(`refused: ${url.protocol} URLs are not fetched (http only, https for public hosts)`);
  }
  if (url.username !== "" || url.password !== "") return refused("refused: the URL carries credentials (user:password@)");
  if (url.port !== "" && BAD_PORTS.has(Number(url.port))) return refused(`refused: port ${url.port} is not an HTTP port (the Fetch standard's bad ports)`);
  const host = url.hostname;
  const bare = host.replace(/^\[|\]$/g, "");
  const literal = parseIPv4(bare) !== null || host.startsWith("[");
  if (allowPrivate) return { ok: true, url };
  if (literal) {
    const what = classifyAddress(bare);
    return refused(
      what
        ? `refused: ${bare} is ${what} (${allowHint})`
        : `refused: ${bare} is an IP address literal; only names are fetched (${allowHint})`,
    );
  }
  const name = host.replace(/\.$/, "").toLowerCase();
  if (!name.includes(".")) {
    return refused(`refused: ${name || "(empty)"} is not a public host name (no dot) (${allowHint})`);
  }
  const suffix = PRIVATE_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  if (suffix) return refused(`refused: ${name} is not a public host name (.${suffix}) (${allowHint})`);
  return { ok: true, url };
}

/** checkUrl, then (when `resolve` is given and the host is a name) every address it resolves to. */
export async function checkUrlResolved(input, { allowPrivate = false, allowHint = DEFAULT_HINT, resolve } = {}) {
  const checked = checkUrl(input, { allowPrivate, allowHint });
  if (!checked.ok || allowPrivate || typeof resolve !== "function") return checked;
  const host = checked.url.hostname;
  let addresses;
  try {
    addresses = await resolve(host);
  } catch (e) {
    return { ok: false, code: "AiaNetwork", error: `could not resolve ${host}${e?.code ? ` (${e.code})` : ""}` };
  }
  const list = (Array.isArray(addresses) ? addresses : [addresses]).map((a) => (typeof a === "object" && a !== null ? a.address : a));
  if (list.length === 0) return { ok: false, code: "AiaNetwork", error: `could not resolve ${host} (no address)` };
  for (const address of list) {
    const what = classifyAddress(address);
    if (what) return refused(`refused: ${host} resolves to ${address}, ${what} (${allowHint})`);
  }
  return checked;
}

// ---- one URL ------------------------------------------------------------------------------------

function seconds(ms) {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function kib(bytes) {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

// Whether this runtime's Request takes `credentials` (older workerd throws on it; neither runtime
// has a cookie jar, so leaving it out sends no credentials either).
let credentialsOption;
function fetchInit(signal, userAgent) {
  if (credentialsOption === undefined) {
    try {
      new Request("http://example.com/", { credentials: "omit" });
      credentialsOption = true;
    } catch {
      credentialsOption = false;
    }
  }
  const init = { method: "GET", redirect: "manual", signal, headers: { accept: ACCEPT, "user-agent": userAgent } };
  if (credentialsOption) init.credentials = "omit";
  return init;
}

/** Drops a body unread. Not awaited: a cancel must never hold the caller (a tee's waits for both branches). */
function cancel(response) {
  try {
    response.body?.cancel().catch(() => {});
  } catch {
    // locked or already closed
  }
}

/** The body, read as a stream and cut at `limit` + 1 bytes (the rest cancelled). */
async function readBounded(response, limit) {
  if (!response.body) return { bytes: new Uint8Array(0), over: false };
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  let over = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit + 1 - size;
    const piece = value.byteLength > room ? value.subarray(0, room) : value;
    chunks.push(piece);
    size += piece.byteLength;
    if (size > limit) {
      over = true;
      reader.cancel().catch(() => {}); // not awaited, as cancel() above
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { bytes, over };
}

/**
 * Fetches one caIssuers URL with every guard. `budget` is `{ left }`, the subrequests still allowed
 * (shared by a whole completeWithFetch call). Returns `{ entry, body? }`: `body` only for a 200 whose
 * body is within maxBytes.
 */
export async function fetchIssuer(url, options = {}, budget = { left: options.maxSubrequests ?? LIMITS.maxSubrequests }) {
  const {
    fetch: doFetch = globalThis.fetch,
    allowPrivate = false,
    allowHint = DEFAULT_HINT,
    resolve,
    maxRedirects = LIMITS.maxRedirects,
    timeoutMs = LIMITS.timeoutMs,
    maxBytes = LIMITS.maxBytes,
    userAgent = "cert-preflight-aia/1",
  } = options;
  const entry = { url, ok: false };
  const fail = (code, error) => {
    entry.code = code;
    entry.error = error;
    return { entry };
  };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const redirects = [];
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const checked = await checkUrlResolved(current, { allowPrivate, allowHint, resolve });
      if (!checked.ok) {
        return fail(checked.code, hop === 0 ? checked.error : `redirected to ${current}: ${checked.error}`);
      }
      if (timedOut) return fail("AiaTimeout", `timed out after ${seconds(timeoutMs)}`);
      if (budget.left <= 0) {
        return fail("AiaSubrequestLimit", `not fetched: the limit of ${options.maxSubrequests ?? LIMITS.maxSubrequests} subrequests per call was reached`);
      }
      budget.left--;
      const response = await doFetch(checked.url.href, fetchInit(controller.signal, userAgent));
      const status = response.status;
      entry.status = status;
      if ([301, 302, 303, 307, 308].includes(status)) {
        const location = response.headers.get("location");
        cancel(response);
        if (!location) return fail("AiaRedirects", `HTTP ${status} without a Location`);
        if (hop >= maxRedirects) return fail("AiaRedirects", `more than ${maxRedirects} redirects`);
        let next;
        try {
          next = new URL(location, checked.url).href;
        } catch {
          return fail("AiaRefused", `HTTP ${status} to a Location that is not a URL`);
        }
        redirects.push(next);
        entry.redirects = redirects;
        current = next;
        continue;
      }
      if (status !== 200) {
        cancel(response);
        return fail("AiaHttpStatus", `HTTP ${status}`);
      }
      const declared = Number(response.headers.get("content-length"));
      if (Number.isFinite(declared) && declared > maxBytes) {
        cancel(response);
        return fail("AiaTooLarge", `over ${kib(maxBytes)} (Content-Length ${declared})`);
      }
      const { bytes, over } = await readBounded(response, maxBytes);
      if (over) return fail("AiaTooLarge", `over ${kib(maxBytes)}`);
      entry.ok = true;
      entry.bytes = bytes.byteLength;
      return { entry, body: bytes };
    }
  } catch (e) {
    if (timedOut) return fail("AiaTimeout", `timed out after ${seconds(timeoutMs)}`);
    const message = String(e?.cause?.code ?? e?.message ?? e).slice(0, 200);
    return fail("AiaNetwork", `network error: ${message}`);
  } finally {
    clearTimeout(timer);
  }
}

// ---- the host loop ------------------------------------------------------------------------------

/** The host loop of SPEC.md "Completing the chain", with fetchIssuer's guards. See the top of the file. */
export async function completeWithFetch(certificate, options = {}) {
  const { completeChain, roots, maxRounds = LIMITS.maxRounds, maxSubrequests = LIMITS.maxSubrequests } = options;
  if (typeof completeChain !== "function") throw new TypeError("completeWithFetch needs options.completeChain (the package's function)");
  const chainOptions = roots ? { roots } : undefined;
  const budget = { left: maxSubrequests };
  const fetched = [];
  const fetches = [];
  const tried = new Set();
  for (let round = 0; ; round++) {
    const completion = completeChain(certificate, fetched, chainOptions);
    const todo = completion.next.filter((u) => !tried.has(u));
    if (todo.length === 0) return { completion, fetches };
    if (round >= maxRounds) {
      for (const url of todo) fetches.push({ url, ok: false, code: "AiaRoundLimit", error: `not fetched: ${maxRounds} rounds of fetching already` });
      return { completion, fetches };
    }
    if (budget.left <= 0) {
      for (const url of todo) fetches.push({ url, ok: false, code: "AiaSubrequestLimit", error: `not fetched: the limit of ${maxSubrequests} subrequests per call was reached` });
      return { completion, fetches };
    }
    for (const u of todo) tried.add(u);
    // One round's URLs (≤ 5, the core's limit per certificate) in parallel.
    const results = await Promise.all(todo.map((url) => fetchIssuer(url, { ...options, maxSubrequests }, budget)));
    for (const { entry, body } of results) {
      fetches.push(entry);
      if (body) fetched.push({ url: entry.url, body });
    }
  }
}

/**
 * Why a completion that is not complete stopped, in words (the CLI's summary line, the Worker's
 * refusal): the first failed fetch, else the core's first finding on what was fetched (not a
 * certificate, does not sign, a loop, a limit), else the missing URL, else the core's verdict.
 */
export function whyIncomplete({ completion, fetches }) {
  const failed = fetches.filter((f) => !f.ok);
  if (failed.length) return failed[0].error;
  const specific = completion.findings.find((f) => f.kind !== "ChainIncomplete");
  if (specific) return specific.message;
  if (completion.next.length === 0) return "the last certificate names no caIssuers URL (http) to fetch its issuer from";
  return completion.findings[0]?.message ?? "its issuer could not be fetched";
}
