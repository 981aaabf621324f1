#!/usr/bin/env node
// cert-preflight on the command line (SPEC "The command line"): check, upload, fingerprint, scan,
// mock. Plain Node >= 20 ESM on the package's own Node entry (../node.js); arguments through
// node:util parseArgs (lib/args.js holds the table). Exit codes: 0 accepted, 1 refused (or
// expiring, for scan), 2 usage, I/O, credentials or network error. Every byte printed passes the
// secret filter of lib/output.js; no error ever ends in a stack trace.
import { existsSync, readFileSync } from "node:fs";
import { COMMANDS, choose, commandHelp, distance, mainHelp, parse } from "./lib/args.js";
import { CliError, clean, colorEnabled, err, finished, isTTY, out, painter, registerSecret } from "./lib/output.js";
import { readBytes, readCertOrKey, readInput, readPassphraseFile } from "./lib/read.js";
import { assess, daysLeft, fieldsGiven, publicReport, renderReport, requestFor } from "./lib/report.js";

/** Work budget for decrypting an encrypted key: 8x the library default (about 4 s at most; a CLI can wait). */
const KDF_BUDGET = 4_800_000;
const DAY = 86_400_000;

function version() {
  return JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
}

let corePromise;
/** The package's Node entry, loaded only by the commands that need it (--help stays fast). */
function loadCore() {
  corePromise ??= import("../node.js");
  return corePromise;
}

function parseNow(value) {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) {
    throw new CliError("--now must be an ISO 8601 time, e.g. 2027-01-01T00:00:00Z");
  }
  const zoned = value.length === 10 ? `${value}T00:00:00Z` : /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms)) throw new CliError("--now is not a valid time");
  return ms;
}

function passphrase(values) {
  if (values["passphrase-file"] !== undefined) {
    const p = readPassphraseFile(values["passphrase-file"]);
    registerSecret(p);
    return p;
  }
  if (values["passphrase-env"] !== undefined) {
    const name = values["passphrase-env"];
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name)) throw new CliError("--passphrase-env takes the NAME of an environment variable (letters, digits, _)");
    const p = process.env[name];
    if (p === undefined) throw new CliError(`--passphrase-env: ${name} is not set`);
    registerSecret(p);
    return p;
  }
  return undefined;
}

/**
 * What was given, as validate() takes it (`given`: CERT/KEY as text or bytes, or the --pfx bytes),
 * and as the PEM text --complete-chain and buildRequest take (`pem`). PEM files go through as they
 * are; a binary CERT/KEY (DER) or a --pfx becomes its PEM pair through the core (the report's
 * `normalized`, in the provider's form). `pem` is null when there is no pair to take (a wrong PFX
 * password, a file that is neither): `report` then says why.
 */
async function readPair(values, positionals, common) {
  if (values.pfx === undefined) {
    const certificate = readCertOrKey(positionals[0], "CERT");
    const privateKey = positionals[1] !== undefined ? readCertOrKey(positionals[1], "KEY") : undefined;
    if (typeof privateKey === "string") registerSecret(privateKey);
    if (typeof certificate === "string" && certificate.includes("PRIVATE KEY")) registerSecret(certificate); // a key passed as the certificate
    const given = { certificate, privateKey: privateKey ?? null };
    const core = await loadCore();
    if (typeof certificate === "string" && typeof privateKey !== "object") return { core, given, pem: { certificate, privateKey } };
    return { core, given, ...toPem(core, given, common, typeof privateKey === "string" ? privateKey : undefined) };
  }
  const given = { pfx: readBytes(values.pfx, "--pfx") };
  const core = await loadCore();
  return { core, given, ...toPem(core, given, common) };
}

function toPem(core, given, common, textKey) {
  const report = core.validate({ ...common, ...given });
  const n = report.normalized;
  if (!n?.certificate) return { pem: null, report };
  registerSecret(n.privateKey);
  return { pem: { certificate: n.certificate, privateKey: n.privateKey ?? textKey }, report };
}

/** `{ language }` for validate() when --language (or CERT_PREFLIGHT_LANGUAGE) chose one; else nothing (the API's default). */
function lang(values) {
  return values.language ? { language: values.language } : {};
}

function json(document) {
  out(JSON.stringify(document, null, 2) + "\n");
}

// ---- --roots and --complete-chain ---------------------------------------------------------------

/**
 * The trust anchors (--roots, default mozilla) and, with --complete-chain, the fetched issuers:
 * `{ roots, rootsLabel, chain: null | { result, certificate } }` where `certificate` is what to
 * check and upload (the completed bundle when something was added, else the input as it was).
 */
async function prepareChain(core, values, certificate) {
  if (values["allow-private-aia"] && !values["complete-chain"]) throw new CliError("--allow-private-aia needs --complete-chain");
  const lib = await import("./lib/chain.js");
  const { roots, label } = await lib.loadRoots(core, values.roots, existsSync);
  if (!values["complete-chain"]) return { lib, roots, rootsLabel: label, chain: null };
  const result = await lib.completeChainFromNet(core, certificate, { roots, allowPrivate: values["allow-private-aia"] });
  const added = !result.error && result.completion.added.length > 0;
  return { lib, roots, rootsLabel: label, chain: { result, certificate: added ? result.completion.certificate : certificate } };
}

// ---- check --------------------------------------------------------------------------------------

async function check(values, positionals, paint) {
  const provider = values.provider;
  const now = values.now !== undefined ? parseNow(values.now) : Date.now();
  const type = values.type !== undefined ? choose(values.type, ["SVR", "CA"], "--type") : undefined;
  const pass = passphrase(values);
  const common = { provider: provider ?? null, now, passphrase: pass ?? null, maxKdfCost: KDF_BUDGET, ...lang(values) };
  const { core, given, pem, report: opened } = await readPair(values, positionals, common);
  if (!pem) {
    if (values.json) json({ report: publicReport(opened) });
    else out(renderReport(opened, provider, now, paint));
    return 1;
  }
  const { privateKey } = pem;
  const { lib, roots, rootsLabel, chain } = await prepareChain(core, values, pem.certificate);
  // The file as given (the report names its source), unless --complete-chain added to it.
  const completed = chain !== null && chain.certificate !== pem.certificate;
  const input = {
    ...(completed ? { certificate: chain.certificate, privateKey: privateKey ?? null } : given),
    ...(roots ? { roots } : {}),
    provider: provider ?? null,
    region: values.region ?? null,
    now,
    passphrase: pass ?? null,
    certificateType: type ?? null,
    maxKdfCost: KDF_BUDGET,
    ...lang(values),
  };
  // The parameter rules (name, region) live in buildRequest; it runs only when a flag needs one of
  // them — a region the provider's table lists needs none — which keeps a plain check one core call.
  const needsRules = provider && (values.name !== undefined || (values.region !== undefined && !core.regions(provider).includes(values.region)));
  const { params, options } = needsRules ? requestFor(provider, { certificate: completed ? chain.certificate : pem.certificate, privateKey, region: values.region, name: values.name, type }) : {};
  const { report } = assess(core, input, { params, options, fields: provider ? fieldsGiven(provider, values) : [] });
  if (values.json) {
    const completion = chain ? lib.completionJson(chain.result) : undefined;
    json({ report: publicReport(report), ...(completion ? { completion } : {}) });
  } else {
    out(renderReport(report, provider, now, paint));
    if (chain) out(lib.completionLines(chain.result, rootsLabel, paint).join("\n") + "\n");
  }
  return report.ok ? 0 : 1;
}

// ---- upload -------------------------------------------------------------------------------------

/** aliyun-cas needs a Name: `<CN or first SAN>-<notBefore YYYYMMDD>`, in CAS's 63 characters. */
function defaultCasName(cert) {
  if (!cert) return "certificate";
  const base = (cert.commonName ?? cert.subjectAltNames[0] ?? "certificate").replace(/^\*\./, "wildcard.").replace(/[^A-Za-z0-9._-]/g, "-");
  return `${base.slice(0, 54)}-${cert.notBefore.slice(0, 10).replace(/-/g, "")}`;
}

/**
 * What the cloud answered: `{ outcome, body, rows, code?, message? }`. outcome "uploaded" (exit 0),
 * "refused" (an API error answer: exit 1) or "failed" (5xx after the retry, or no API answer: exit 2).
 */
function interpret(provider, status, text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return { outcome: "failed", body: text.slice(0, 2000), message: `the API answered HTTP ${status} with a body that is not JSON` };
  }
  const alibaba = provider !== "tencent-ssl";
  const r = alibaba ? body : body?.Response;
  if (!r || typeof r !== "object") return { outcome: "failed", body, message: `the API answered HTTP ${status} without a ${alibaba ? "JSON object" : "Response"}` };
  const error = alibaba ? (r.Code ? { Code: r.Code, Message: r.Message } : status === 200 ? null : { Code: `HTTP ${status}` }) : r.Error;
  if (status >= 500) return { outcome: "failed", body, message: `the API failed: HTTP ${status}${error?.Code ? ` ${error.Code}` : ""}` };
  if (error) {
    return { outcome: "refused", body, code: String(error.Code), message: String(error.Message ?? ""), rows: [["RequestId", r.RequestId]] };
  }
  const rows = {
    "aliyun-slb": [["ServerCertificateId", r.ServerCertificateId], ["Fingerprint", r.Fingerprint], ["ServerCertificateName", r.ServerCertificateName], ["RegionId", r.RegionId], ["ExpireTime", r.ExpireTime]],
    "aliyun-cas": [["CertId", r.CertId]],
    "tencent-ssl": [["CertificateId", r.CertificateId], ...(r.RepeatCertId ? [["RepeatCertId", `${r.RepeatCertId} (the cloud had this certificate already)`]] : [])],
  }[provider];
  return { outcome: "uploaded", body, rows: [...rows, ["RequestId", r.RequestId]] };
}

function rowsText(rows, paint) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== "");
  const width = Math.max(0, ...shown.map(([k]) => k.length));
  return shown.map(([k, v]) => `  ${paint.dim(k.padEnd(width))}  ${v}\n`).join("");
}

function requestText(r, paint) {
  const url = new URL(r.url);
  const lines = [`${r.method} ${url.origin}${url.pathname}`];
  if (r.query.length) {
    lines.push(paint.dim("query:"));
    for (const [k, v] of r.query) lines.push(`  ${k}=${v.length > 120 ? `${JSON.stringify(v.slice(0, 60)).slice(1, -1)}… (${v.length} characters)` : v}`);
  }
  lines.push(paint.dim("headers:"), `  host: ${r.host}`, ...r.headers.map(([k, v]) => `  ${k}: ${v}`));
  lines.push(paint.dim("body:"), r.body ? `  ${r.body.length > 400 ? `${r.body.slice(0, 400)}… (${r.body.length} characters)` : r.body}` : "  (empty)");
  return lines.join("\n") + "\n";
}

async function upload(values, positionals, paint) {
  const provider = values.provider;
  if (!provider) throw new CliError("upload needs --provider (aliyun-slb, aliyun-cas or tencent-ssl)");
  const [{ parseEndpoint, retarget, send, timeoutFromEnv, destination }, { resolveCredentials, defaultRegion }, { redactRequest }] = await Promise.all([
    import("./lib/send.js"),
    import("./lib/credentials.js"),
    import("./lib/redact.js"),
  ]);
  const fromEnv = values.endpoint === undefined;
  const endpoint = parseEndpoint(fromEnv ? process.env.CERT_PREFLIGHT_ENDPOINT : values.endpoint, fromEnv);
  const timeoutMs = timeoutFromEnv();
  const pass = passphrase(values);
  const now = Date.now();
  const { core, given, pem, report: opened } = await readPair(values, positionals, { provider, now, passphrase: pass ?? null, maxKdfCost: KDF_BUDGET, ...lang(values) });

  // Credentials are looked up first (a profile may name the region) but a missing one is reported
  // only after the check: a refused certificate is what the hook's owner must fix first.
  let creds = null;
  let credError = null;
  try {
    creds = resolveCredentials(provider, values.profile);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    credError = e;
  }
  // aliyun-slb's RegionId and tencent-ssl's X-TC-Region default to the CLIs' default region; CAS's
  // endpoint region does not (CAS has endpoints in a few regions only: it is --region or the default).
  const region = values.region ?? (provider === "aliyun-cas" ? undefined : (defaultRegion(provider) ?? creds?.region));
  if (provider === "aliyun-slb" && !region) {
    throw new CliError("aliyun-slb needs a region: --region R (or ALIBABA_CLOUD_REGION_ID, or region_id in the aliyun CLI profile)");
  }
  if (!pem) {
    if (values.json) json({ report: publicReport(opened), request: null, response: null });
    else out(renderReport(opened, provider, now, paint) + `${paint.bold("nothing was sent")}: ${provider} would refuse this upload with the error above.\n`);
    return 1;
  }
  const { certificate, privateKey } = pem;
  const { lib, roots, rootsLabel, chain } = await prepareChain(core, values, certificate);
  const bundle = chain ? chain.certificate : certificate;
  // Checked as given (PEM text, DER bytes or the PKCS#12 file) unless --complete-chain added to it;
  // the request always carries the PEM pair.
  const asGiven = bundle === certificate ? given : { certificate: bundle, privateKey: privateKey ?? null };
  const input = { ...asGiven, provider, region: region ?? null, now, passphrase: pass ?? null, maxKdfCost: KDF_BUDGET, ...lang(values), ...(roots ? { roots } : {}) };
  let name = values.name;
  if (name === undefined && provider === "aliyun-cas") name = defaultCasName(core.validate(input).certificate);
  const { params, options } = requestFor(provider, { certificate: bundle, privateKey, region, name });
  const { report, request } = assess(core, input, { params, options, fields: null });
  const completion = chain ? { completion: lib.completionJson(chain.result) } : {};
  const completionText = () => (chain ? lib.completionLines(chain.result, rootsLabel, paint).join("\n") + "\n" : "");

  if (!request) {
    if (values.json) json({ report: publicReport(report), request: null, response: null, ...completion });
    else out(renderReport(report, provider, now, paint) + completionText() + `${paint.bold("nothing was sent")}: ${provider} would refuse this upload with the error above.\n`);
    return 1;
  }
  // --complete-chain promises a complete chain: a bundle that stays incomplete (a fetch failed, the
  // fetched certificate does not sign, no URL) is not uploaded. A fetch that failed is a network
  // error (2); a chain that cannot be completed from what the CA serves is a refusal (1).
  if (chain && (chain.result.error || !chain.result.completion.complete)) {
    const why = chain.result.error ? chain.result.error.code : chain.result.why;
    const fetchFailed = !chain.result.error && chain.result.fetches.some((f) => !f.ok);
    if (values.json) json({ report: publicReport(report), request: null, response: null, ...completion });
    else out(renderReport(report, provider, now, paint) + completionText() + `${paint.bold("nothing was sent")}: --complete-chain could not complete the chain (${why}).\n`);
    if (values.json) err(`cert-preflight: nothing was sent: --complete-chain could not complete the chain (${why})\n`);
    return fetchFailed ? 2 : 1;
  }
  if (credError) throw credError;
  const target = retarget(request, endpoint);
  let lastSigned = null;
  const sign = () => {
    try {
      return (lastSigned = core.signRequest(target, creds.credentials));
    } catch (e) {
      if (e?.code === "InvalidArgument") throw new CliError(`cannot sign the request: ${String(e.message).split("\n")[0]}`);
      throw e;
    }
  };
  const via = endpoint ? ` via ${endpoint.url.href}${endpoint.fromEnv ? " (CERT_PREFLIGHT_ENDPOINT)" : ""}` : "";

  if (values["dry-run"]) {
    const shown = redactRequest(sign());
    if (values.json) json({ report: publicReport(report), request: shown, response: null, dryRun: true, ...completion });
    else {
      out(renderReport(report, provider, now, paint) + completionText());
      out(`${paint.bold(paint.cyan("DRY RUN"))}  nothing sent; the signed request${via} (credentials: ${creds.source}; secrets redacted):\n`);
      out(requestText(shown, paint));
      if (endpoint?.relay) out(`${paint.dim(`would be sent to ${destination(lastSigned, endpoint).split("?")[0]}`)}\n`);
    }
    return 0;
  }

  const result = await send(sign, endpoint, {
    timeoutMs,
    onRetry: (why) => err(`cert-preflight: ${why}; retrying once with a freshly signed request\n`),
  });
  const answer = interpret(provider, result.status, result.text);
  if (values.json) {
    json({ report: publicReport(report), request: redactRequest(lastSigned), response: { status: result.status, body: answer.body }, ...completion });
  } else {
    const sent = `${paint.dim(`sent to ${new URL(lastSigned.url).origin}/${via} credentials from ${creds.source}${result.attempts > 1 ? ", second attempt" : ""}`)}\n`;
    if (answer.outcome === "uploaded") {
      out(`${paint.bold(paint.green("UPLOADED"))}  ${provider} took the certificate (HTTP ${result.status})\n${rowsText(answer.rows, paint)}${sent}`);
    } else if (answer.outcome === "refused") {
      out(`${paint.bold(paint.red("REFUSED"))}  by ${provider}: ${paint.bold(answer.code)} (HTTP ${result.status}): ${answer.message}\n${rowsText(answer.rows ?? [], paint)}${sent}`);
    } else {
      out(`${paint.bold(paint.red("FAILED"))}  ${answer.message}\n${sent}`);
    }
    out(renderReport(report, provider, now, paint) + completionText());
  }
  if (answer.outcome === "failed") {
    if (values.json) err(`cert-preflight: ${answer.message}\n`); // the text output has it on its first line
    return 2;
  }
  return answer.outcome === "uploaded" ? 0 : 1;
}

// ---- fingerprint --------------------------------------------------------------------------------

async function fingerprint(values, positionals) {
  const format = values.format === undefined ? "colon-lower" : choose(values.format, ["colon-lower", "colon-upper", "hex"], "--format");
  const pem = readInput(positionals[0], "CERT");
  const core = await loadCore();
  try {
    out(core.fingerprint(pem, values.sha256 ? "sha256" : "sha1", format) + "\n");
    return 0;
  } catch (e) {
    // No certificate in it (CertificateFormatInvalid, InputTooLarge): the input's fault, exit 1.
    if (typeof e?.code === "string" && e.code !== "InvalidArgument") {
      err(`cert-preflight: ${e.code}: ${String(e.message).split("\n")[0]}\n`);
      return 1;
    }
    throw e;
  }
}

// ---- scan ---------------------------------------------------------------------------------------

async function scan(values, positionals, paint) {
  const { discover, scanLine } = await import("./lib/scan.js");
  let warnDays = 30;
  if (values["warn-days"] !== undefined) {
    if (!/^\d{1,4}$/.test(values["warn-days"])) throw new CliError("--warn-days must be a whole number of days (0-9999)");
    warnDays = Number(values["warn-days"]);
  }
  const provider = values.provider;
  const now = Date.now();
  const warnMs = warnDays * DAY;
  const { entries, errors } = discover(positionals);
  for (const e of errors) err(`cert-preflight: ${e.message}\n`);
  const core = entries.length ? await loadCore() : null;
  const progress = isTTY(2) && entries.length > 1;
  const width = Math.min(40, Math.max(4, ...entries.map((e) => e.name.length)));
  const results = [];
  let refused = 0;
  let expiring = 0;
  let unreadable = 0; // pairs whose files could not be read
  let skipped = 0;
  let lastProgress = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.skipped) {
      skipped++;
    } else {
      try {
        const certificate = readInput(entry.certificate, "certificate");
        const privateKey = entry.key ? readInput(entry.key, "key") : null;
        entry.report = core.validate({ certificate, privateKey, provider: provider ?? null, region: values.region ?? null, now, ...lang(values) });
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        entry.error = e.message.replace(/^cannot read (certificate|key) /, "cannot read ");
      }
      if (entry.error) unreadable++;
      else {
        if (!entry.report.ok) refused++;
        const cert = entry.report.certificate;
        if (cert && Date.parse(cert.notAfter) - now < warnMs) expiring++;
      }
    }
    if (progress && (Date.now() - lastProgress > 100 || i === entries.length - 1)) {
      lastProgress = Date.now();
      err(`\r\x1b[Kscanning ${i + 1}/${entries.length}`);
    }
    if (values.json) {
      results.push({
        path: entry.path,
        certificate: entry.certificate,
        key: entry.key,
        report: entry.report ? publicReport(entry.report) : null,
        ...(entry.skipped ? { skipped: entry.skipped } : {}),
        ...(entry.error ? { error: entry.error } : {}),
      });
    } else {
      if (progress) err("\r\x1b[K");
      out(scanLine(entry, provider, now, warnMs, width, paint) + "\n");
    }
  }
  if (progress) err("\r\x1b[K");
  if (values.json) json(results);
  const checked = entries.length - skipped - unreadable;
  const pairs = entries.length - skipped;
  if (pairs > 0 && (!values.json || isTTY(2))) {
    err(
      `${pairs} pair${pairs === 1 ? "" : "s"} checked: ${checked - refused} ${provider ? "accepted" : "ok"}, ${refused} refused, ${expiring} expiring within ${warnDays} days` +
        `${skipped ? `, ${skipped} skipped` : ""}${unreadable ? `, ${unreadable} unreadable` : ""}\n`,
    );
  }
  if (errors.length || unreadable) return 2;
  if (checked === 0) {
    err(`cert-preflight: no certificate/key pairs found under ${positionals.length === 1 ? positionals[0] : "the paths given"}\n`);
    return 2;
  }
  return refused || expiring ? 1 : 0;
}

// ---- mock ---------------------------------------------------------------------------------------

async function mock(values) {
  const { serveMock, DEFAULT_PORT } = await import("./lib/mock.js");
  let port = DEFAULT_PORT;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new CliError("--port must be a number from 0 to 65535");
    port = Number(values.port);
  }
  return serveMock(port);
}

// ---- main ---------------------------------------------------------------------------------------

const RUN = { check, upload, fingerprint, scan, mock };

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    if (command === "help" && rest[0] && COMMANDS[rest[0]]) out(commandHelp(rest[0]));
    else out(mainHelp(version()));
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v" || command === "-V") {
    out(`${version()}\n`);
    return 0;
  }
  if (!COMMANDS[command]) {
    const near = Object.keys(COMMANDS).find((c) => distance(command, c) <= 2);
    if (near) throw new CliError(`unknown command "${command}" (did you mean ${near}?); see cert-preflight --help`);
    throw new CliError(`unknown command (${command.length} characters); commands: ${Object.keys(COMMANDS).join(", ")}`);
  }
  const { values, positionals, help } = parse(command, rest);
  if (help) {
    out(commandHelp(command));
    return 0;
  }
  const paint = painter(colorEnabled(1, values["no-color"]));
  return RUN[command](values, positionals, paint);
}

function fail(e) {
  const paint = painter(colorEnabled(2, process.argv.includes("--no-color")));
  if (e instanceof CliError) {
    err(`${paint.red("cert-preflight:")} ${e.message}\n`);
    finished(e.exitCode);
    return;
  }
  if (e?.code === "InvalidArgument") {
    // The core refused an argument (a parameter of the wrong shape): a usage error, in its words.
    err(`${paint.red("cert-preflight:")} ${clean(String(e.message)).split("\n")[0].slice(0, 300)}\n`);
    finished(2);
    return;
  }
  const detail = process.env.CERT_PREFLIGHT_DEBUG ? `\n${e?.stack ?? ""}` : "";
  err(`${paint.red("cert-preflight:")} internal error${e?.code ? ` (${e.code})` : ""}: ${clean(String(e?.message ?? e)).split("\n")[0].slice(0, 300)}${detail}\n`);
  finished(2);
}

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
main(process.argv.slice(2)).then((code) => finished(code), fail);
