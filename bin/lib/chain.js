// --roots and --complete-chain (SPEC "Completing the chain"): the trust anchors validate() and
// completeChain() are given, and the host loop that fetches missing intermediates. The loop and its
// guards are the Worker's own (./aia.js is worker/src/aia.js, copied by scripts/build-pkg.sh: one
// source); this file adds what only Node can do — DNS checked before a request (`resolve`) and
// again at the moment of connecting (a `lookup` pinned on each socket, so a name that rebinds to a
// private address between the check and the connection is refused too) — and the words for a
// person reading a hook's log.
import { lookup as dnsLookup } from "node:dns";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { rootCertificates } from "node:tls";
import { choose } from "./args.js";
import { CliError } from "./output.js";
import { reason } from "./read.js";

export const ROOT_SETS = ["mozilla", "node", "none"];
/** What --roots is when it is not given (docs/CLI.md "Completing the chain" says why). */
export const DEFAULT_ROOTS = "mozilla";
const HINT = "use --allow-private-aia to allow";
const MAX_ROOTS_FILE = 4 * 1024 * 1024;

function readRootsFile(file) {
  let fd;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw new CliError(`cannot read --roots ${file}: ${reason(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new CliError(`cannot read --roots ${file}: is a directory, not a file`);
    const buffer = Buffer.alloc(Math.min(MAX_ROOTS_FILE + 1, Math.max(st.size, 0) + 1));
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total >= buffer.length) break;
    }
    if (total > MAX_ROOTS_FILE) throw new CliError(`--roots ${file}: over 4 MiB, not a root bundle`);
    return buffer.subarray(0, total);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read --roots ${file}: ${reason(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The TrustAnchors for `value` (mozilla | node | none | a file), or undefined for none:
 * `{ roots, label }`. A value that is none of the names and no file is a usage error that echoes
 * it only when it is a near miss of a name.
 */
export async function loadRoots(core, value, exists) {
  const spec = value ?? DEFAULT_ROOTS;
  let set = ROOT_SETS.includes(spec) ? spec : null;
  if (!set && !exists(spec)) {
    try {
      choose(spec, ROOT_SETS, "--roots value");
    } catch (e) {
      throw new CliError(`${e.message}, or a PEM/DER file of roots (no such file)`);
    }
  }
  const parse = (what, input) => {
    try {
      return core.trustAnchors(input);
    } catch (e) {
      if (typeof e?.code !== "string") throw e;
      throw new CliError(`--roots ${what}: no usable root certificate in it (${e.code})`);
    }
  };
  if (set === "none") return { roots: undefined, label: "none" };
  if (set === "mozilla") {
    const { pem, count, date } = await import("../../roots.js");
    return { roots: parse("mozilla", pem), label: `mozilla (${count} roots, ${date})` };
  }
  if (set === "node") return { roots: parse("node", rootCertificates.join("\n")), label: `node (tls.rootCertificates, ${rootCertificates.length} roots)` };
  const bytes = readRootsFile(spec);
  const text = bytes.toString("latin1");
  const roots = text.includes("-----BEGIN") ? parse(spec, bytes.toString("utf8")) : parse(spec, [new Uint8Array(bytes)]);
  return { roots, label: `${spec} (${roots.length} root${roots.length === 1 ? "" : "s"})` };
}

// ---- fetching in Node ---------------------------------------------------------------------------

/** The addresses a name resolves to (dns.lookup, as the connection will resolve it). */
function resolveAll(hostname) {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (e, list) => (e ? reject(e) : resolve(list.map((a) => a.address))));
  });
}

/** A socket `lookup` that refuses non-public addresses at connection time (unless allowed). */
function pinnedLookup(classifyAddress, allowPrivate) {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (e, list) => {
      if (e) return callback(e);
      if (!allowPrivate) {
        for (const { address } of list) {
          const what = classifyAddress(address);
          if (what) {
            const refusal = new Error(`refused: ${hostname} now resolves to ${address}, ${what} (${HINT})`);
            return callback(refusal);
          }
        }
      }
      if (options?.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * A `fetch` for aia.js over node:http(s) with the pinned lookup: GET, no redirect following (aia.js
 * follows them by hand), no agent pool, no cookies, the body as a web stream.
 */
function pinnedFetch(classifyAddress, allowPrivate) {
  const lookup = pinnedLookup(classifyAddress, allowPrivate);
  return (url, init = {}) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const request = u.protocol === "https:" ? httpsRequest : httpRequest;
      const req = request(u, { method: "GET", headers: init.headers ?? {}, lookup, agent: false, signal: init.signal }, (res) => {
        const headers = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          try {
            headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
          } catch {
            // a header value the Fetch standard refuses: not one aia.js reads
          }
        }
        const status = res.statusCode ?? 0;
        const empty = [204, 205, 304].includes(status) || status < 200 || status > 599;
        if (empty) res.resume();
        try {
          resolve(new Response(empty ? null : Readable.toWeb(res), { status: status >= 200 && status <= 599 ? status : 599, headers }));
        } catch (e) {
          res.destroy();
          reject(e);
        }
      });
      req.on("error", (e) => reject(e));
      req.end();
    });
}

/**
 * Completes `certificate`'s chain: `{ completion, fetches, why }` — what aia.js's completeWithFetch
 * gives, and why it stayed incomplete (null when complete) — or `{ error }` (a coded error of the
 * core: no certificate to complete).
 */
export async function completeChainFromNet(core, certificate, { roots, allowPrivate }) {
  const aia = await import("./aia.js");
  try {
    const result = await aia.completeWithFetch(certificate, {
      completeChain: core.completeChain,
      roots,
      allowPrivate: Boolean(allowPrivate),
      allowHint: HINT,
      resolve: resolveAll,
      fetch: pinnedFetch(aia.classifyAddress, Boolean(allowPrivate)),
      userAgent: "cert-preflight-cli",
    });
    return { ...result, why: result.completion.complete ? null : aia.whyIncomplete(result) };
  } catch (e) {
    if (typeof e?.code === "string" && e.code !== "InvalidArgument") return { error: e };
    throw e;
  }
}

/** The completion for --json: the ChainCompletion and the fetches. */
export function completionJson(result) {
  if (!result || result.error) return null;
  return { ...result.completion, fetches: result.fetches };
}

/** The human lines of --complete-chain, after the report. */
export function completionLines(result, rootsLabel, paint) {
  if (result.error) return [`${paint.dim("completion")}  none: ${result.error.code} (no certificate to complete)`];
  const { completion, fetches } = result;
  const lines = [];
  const n = completion.added.length;
  const state = completion.complete
    ? paint.green(n ? `completed: ${n} certificate${n === 1 ? "" : "s"} added` : "nothing to add: the chain already reaches a root")
    : paint.yellow(`${n ? `${n} certificate${n === 1 ? "" : "s"} added, still` : "nothing added:"} incomplete — ${result.why}`);
  lines.push(`${paint.bold("completion")}  ${state}  ${paint.dim(`(roots: ${rootsLabel})`)}`);
  for (const a of completion.added) {
    lines.push(`  ${paint.green("+")} ${a.subject}`);
    lines.push(`      ${paint.dim("issuer ")} ${a.issuer}`);
    lines.push(`      ${paint.dim("from   ")} ${a.url}`);
    lines.push(`      ${paint.dim("SHA-256")} ${a.fingerprintSha256}`);
  }
  for (const f of fetches) {
    if (f.ok) lines.push(`  ${paint.dim(`fetched ${f.url}: HTTP ${f.status}, ${f.bytes} bytes${f.redirects?.length ? ` (after ${f.redirects.length} redirect${f.redirects.length === 1 ? "" : "s"})` : ""}`)}`);
    else lines.push(`  ${paint.yellow("not fetched")} ${f.url}: ${f.error}${f.code ? paint.dim(` [${f.code}]`) : ""}`);
  }
  for (const f of completion.findings) lines.push(`  ${paint.yellow("warning")}  ${f.kind}: ${f.message}${f.detail ? paint.dim(` — ${f.detail}`) : ""}`);
  return lines;
}
