// The command table (SPEC "The command line"; the names are exact) and the parsing around
// node:util parseArgs. A new flag is one entry in a command's `options` (and its use in the
// command).
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { CliError } from "./output.js";

export const PROVIDERS = ["aliyun-slb", "aliyun-cas", "tencent-ssl"];
/** The languages of the findings' messages (the package's `Language`; Tencent's X-TC-Language). */
export const LANGUAGES = ["zh-CN", "en-US"];

const json = { type: "boolean", help: "print one JSON document on stdout instead of text" };
const noColor = { type: "boolean", help: "no colour (also: NO_COLOR=1; FORCE_COLOR=1 forces it)" };
const help = { type: "boolean", short: "h", help: "this help" };
const provider = { type: "string", arg: "P", help: "aliyun-slb, aliyun-cas or tencent-ssl (default: provider-neutral checks)" };
const region = { type: "string", arg: "R", help: "region (aliyun-slb RegionId; aliyun-cas endpoint; tencent-ssl X-TC-Region)" };

const completeChain = { type: "boolean", help: "fetch missing intermediates (AIA caIssuers, http) and check the completed bundle" };
const allowPrivateAia = { type: "boolean", help: "let --complete-chain fetch from loopback, private and internal hosts (internal PKIs)" };
const roots = { type: "string", arg: "SET", help: "trust anchors: mozilla (default), node, none or a PEM/DER file" };
const pfx = { type: "string", arg: "FILE", help: "a PKCS#12 file (.pfx/.p12) instead of CERT and KEY; its password by --passphrase-file/-env" };
const passphraseFile = { type: "string", arg: "F", help: "the passphrase of an encrypted key or of --pfx: the first line of F" };
const passphraseEnv = { type: "string", arg: "VAR", help: "the passphrase of an encrypted key or of --pfx: environment variable VAR" };
const language = {
  type: "string",
  arg: "LANG",
  help: "zh-CN or en-US: the language of the providers' messages (default $CERT_PREFLIGHT_LANGUAGE, else the API's own)",
};

export const COMMANDS = {
  check: {
    summary: "what the cloud would answer to this certificate and key, without sending anything",
    usage: "cert-preflight check CERT [KEY] [options]  |  cert-preflight check --pfx FILE [options]",
    positionals: { min: 1, max: 2, names: ["CERT", "KEY"] },
    insteadOfPositionals: "pfx",
    options: {
      provider,
      region,
      name: { type: "string", arg: "N", help: "the certificate's name, checked by the provider's rule" },
      type: { type: "string", arg: "SVR|CA", help: "tencent-ssl CertificateType (SVR: a server certificate)" },
      pfx,
      "passphrase-file": passphraseFile,
      "passphrase-env": passphraseEnv,
      "complete-chain": completeChain,
      "allow-private-aia": allowPrivateAia,
      roots,
      now: { type: "string", arg: "ISO", help: "judge expiry at this time (e.g. 2027-01-01T00:00:00Z)" },
      language,
      json,
      "no-color": noColor,
      help,
    },
    conflicts: [["passphrase-file", "passphrase-env"]],
    needsProvider: ["region", "name", "type"],
    examples: [
      "cert-preflight check fullchain.pem privkey.pem --provider aliyun-slb --region cn-hangzhou",
      "cat fullchain.pem | cert-preflight check - privkey.pem --provider tencent-ssl --json",
      "cert-preflight check cert.pem --complete-chain    # fetch the missing intermediate, check the result",
      "cert-preflight check --pfx site.pfx --passphrase-file pfx.pass --provider tencent-ssl",
    ],
    exit: "0 the cloud would accept it (warnings allowed), 1 it would refuse it, 2 usage or I/O error",
  },
  upload: {
    summary: "check, build, sign and send the upload; nothing is sent when the check refuses it",
    usage: "cert-preflight upload CERT KEY --provider P [options]  |  cert-preflight upload --pfx FILE --provider P [options]",
    positionals: { min: 2, max: 2, names: ["CERT", "KEY"] },
    insteadOfPositionals: "pfx",
    options: {
      provider: { ...provider, help: "aliyun-slb, aliyun-cas or tencent-ssl (required)" },
      pfx: { ...pfx, help: "a PKCS#12 file (.pfx/.p12) instead of CERT and KEY: its PEM pair is checked and uploaded" },
      "passphrase-file": passphraseFile,
      "passphrase-env": passphraseEnv,
      region: { ...region, help: "region (aliyun-slb: required, else ALIBABA_CLOUD_REGION_ID or the profile's)" },
      name: { type: "string", arg: "N", help: "ServerCertificateName / Name / Alias (aliyun-cas default: <CN>-<notBefore date>)" },
      "complete-chain": { ...completeChain, help: "fetch missing intermediates first and upload the completed bundle (nothing is sent if it stays incomplete)" },
      "allow-private-aia": allowPrivateAia,
      roots,
      "dry-run": { type: "boolean", help: "print the signed request (secrets redacted) and send nothing" },
      endpoint: { type: "string", arg: "URL", help: "send here instead of the API host (https, or http on loopback; default $CERT_PREFLIGHT_ENDPOINT)" },
      profile: { type: "string", arg: "NAME", help: "the aliyun / tccli CLI profile to take credentials from" },
      language: { ...language, help: `${language.help}; tencent-ssl is asked to answer in it` },
      json,
      "no-color": noColor,
      help,
    },
    conflicts: [["passphrase-file", "passphrase-env"]],
    needsProvider: [],
    examples: [
      "cert-preflight upload fullchain.pem privkey.pem --provider aliyun-slb --region cn-hangzhou --name example-com",
      "cert-preflight upload fullchain.pem privkey.pem --provider tencent-ssl --dry-run",
      "PFX_PASS=… cert-preflight upload --pfx site.pfx --passphrase-env PFX_PASS --provider aliyun-cas",
    ],
    exit: "0 uploaded (or --dry-run built and signed it), 1 refused (locally or by the cloud), 2 usage, credentials, I/O or network error",
    env: [
      "ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN (aliyun-*)",
      "TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_TOKEN (tencent-ssl)",
      "then the aliyun CLI profile (~/.aliyun/config.json, ALIBABA_CLOUD_PROFILE) or the tccli one",
      "(~/.tccli/<profile>.credential, TCCLI_PROFILE); secrets are never taken as flag values",
      "CERT_PREFLIGHT_ENDPOINT (as --endpoint), CERT_PREFLIGHT_TIMEOUT (seconds per attempt, default 30),",
      "CERT_PREFLIGHT_LANGUAGE (as --language)",
    ],
  },
  fingerprint: {
    summary: "the fingerprint of the first certificate, as the clouds print it",
    usage: "cert-preflight fingerprint CERT [--sha1 | --sha256] [--format colon-lower|colon-upper|hex]",
    positionals: { min: 1, max: 1, names: ["CERT"] },
    options: {
      sha1: { type: "boolean", help: "SHA-1 (the default; what aliyun-slb's Fingerprint shows)" },
      sha256: { type: "boolean", help: "SHA-256" },
      format: { type: "string", arg: "F", help: "colon-lower (default), colon-upper or hex" },
      "no-color": noColor,
      help,
    },
    conflicts: [["sha1", "sha256"]],
    needsProvider: [],
    examples: ["cert-preflight fingerprint fullchain.pem --sha256 --format colon-upper"],
    exit: "0 printed, 1 no parsable certificate (CertificateFormatInvalid), 2 usage or I/O error",
  },
  scan: {
    summary: "check every certificate/key pair found under the paths, one line each",
    usage: "cert-preflight scan PATH... [--provider P] [--region R] [--warn-days N] [--json]",
    positionals: { min: 1, max: Infinity, names: ["PATH"] },
    options: {
      provider,
      region,
      "warn-days": { type: "string", arg: "N", help: "a pair expiring within N days fails the scan (default 30)" },
      language,
      json,
      "no-color": noColor,
      help,
    },
    conflicts: [],
    needsProvider: ["region"],
    examples: ["cert-preflight scan /etc/letsencrypt/live --provider aliyun-slb --region cn-hangzhou --warn-days 21"],
    exit: "0 every pair accepted and none expiring within --warn-days, 1 a pair refused or expiring, 2 usage or I/O error (or nothing found)",
    notes: [
      "Pairs: certbot live dirs (fullchain.pem + privkey.pem), X.crt + X.key, X.pem + X-key.pem,",
      "acme.sh dirs (fullchain.cer + X.key); .pfx/.p12 files are listed as skipped (they need a passphrase).",
    ],
  },
  mock: {
    summary: "serve the Worker's mock cloud (all three APIs) on 127.0.0.1, for testing hooks without an account",
    usage: "cert-preflight mock [--port N]",
    positionals: { min: 0, max: 0, names: [] },
    options: {
      port: { type: "string", arg: "N", help: "the port (default 8788; 0: any free port)" },
      "no-color": noColor,
      help,
    },
    conflicts: [],
    needsProvider: [],
    examples: [
      "cert-preflight mock > mock.env &     # prints CERT_PREFLIGHT_ENDPOINT=… and the demo credentials",
      "set -a; . ./mock.env; set +a; cert-preflight upload fullchain.pem privkey.pem --provider aliyun-cas",
    ],
    exit: "serves until SIGINT/SIGTERM (exit 0); 2 if the port cannot be opened",
  },
};

// ---- Secrets on the command line ---------------------------------------------------------------

// Flags that would carry a secret: refused whatever their value (they would show in `ps` and in
// the shell history). --passphrase-file and --passphrase-env name a file or a variable, not a secret.
const SECRET_FLAG = /^(access-?key(-?(id|secret))?|secret(-?(id|key))?|.*-secret|.*-token|token|sts-?token|security-?token|password|passwd|passphrase|key-?password|sk|ak|credentials?)$/i;

/** A value shaped like a cloud access-key secret or SecretId (30–40 letters and digits). */
export const SECRET_SHAPE = /^[A-Za-z0-9]{30,40}$/;

function refuseSecretArguments(argv) {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "--") continue;
    if (token.startsWith("--")) {
      const name = token.slice(2).split("=")[0];
      if (SECRET_FLAG.test(name)) {
        throw new CliError(
          `--${name.length <= 30 ? name : "…"}: secrets are never taken as flag values (ps and shell history show them); use the environment or a file (cert-preflight upload --help)`,
        );
      }
      const value = token.includes("=") ? token.slice(token.indexOf("=") + 1) : null;
      if (value !== null && SECRET_SHAPE.test(value) && !existsSync(value)) throw secretShaped();
      if (name.length > 30 && /[A-Za-z0-9]{30,}/.test(name)) throw secretShaped();
    } else if (SECRET_SHAPE.test(token) && !existsSync(token)) {
      throw secretShaped();
    }
  }
}

function secretShaped() {
  return new CliError(
    "an argument looks like an access-key secret (30-40 letters and digits); secrets are never taken on the command line: use the environment or a file",
  );
}

// ---- Parsing ------------------------------------------------------------------------------------

/** Levenshtein distance, for "did you mean". */
export function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** `value` if it is one of `choices`; else a CliError with "did you mean" for a near miss only. */
export function choose(value, choices, what) {
  if (choices.includes(value)) return value;
  const near = choices.find((c) => distance(String(value).toLowerCase(), c.toLowerCase()) <= 2);
  const list = choices.join(", ");
  if (near) throw new CliError(`unknown ${what} "${value}" (did you mean "${near}"?): expected ${list}`);
  throw new CliError(`unknown ${what} (${String(value).length} characters): expected ${list}`);
}

/**
 * The language of the messages: --language, else CERT_PREFLIGHT_LANGUAGE (when set and not empty),
 * else undefined (the package's default: the API's own). A value that is neither language is a
 * usage error, with "did you mean" for a near miss (en-us, zh_CN, zh-cn…).
 */
export function languageOf(flag, env = process.env.CERT_PREFLIGHT_LANGUAGE) {
  if (flag !== undefined) return choose(flag, LANGUAGES, "--language");
  if (env === undefined || env === "") return undefined;
  return choose(env, LANGUAGES, "CERT_PREFLIGHT_LANGUAGE");
}

/**
 * Parses `argv` (after the command name) for `command`: `{ values, positionals }`, or a CliError
 * (exit 2) with a one-line message. The caller's values are never echoed, except option names
 * that are near misses of a real one.
 */
export function parse(command, argv) {
  const spec = COMMANDS[command];
  refuseSecretArguments(argv);
  const known = Object.keys(spec.options);
  for (const token of argv) {
    if (token === "--") break;
    if (token.startsWith("--")) {
      const name = token.slice(2).split("=")[0];
      if (!known.includes(name)) {
        const near = known.find((k) => distance(name, k) <= 2);
        throw new CliError(
          near
            ? `unknown option --${name} for ${command} (did you mean --${near}?)`
            : `unknown option for ${command} (--${name.length <= 24 ? name : "…"}); see cert-preflight ${command} --help`,
        );
      }
    } else if (token.startsWith("-") && token !== "-" && token !== "-h") {
      throw new CliError(`unknown option for ${command} (${token.length <= 3 ? token : "-…"}); see cert-preflight ${command} --help`);
    }
  }
  const options = {};
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const m = /'(--?[a-z0-9-]+)/.exec(e.message ?? "");
    const flag = m ? m[1].split(" ")[0] : "an option";
    if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && /does not take an argument/.test(e.message)) {
      throw new CliError(`${flag} takes no value`);
    }
    if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new CliError(`${flag} needs a value (for a value that starts with "-", write ${flag}=VALUE)`);
    }
    throw new CliError(`cannot parse the arguments of ${command}: ${e.code ?? "invalid"}; see cert-preflight ${command} --help`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { values, positionals, help: true };
  for (const pair of spec.conflicts) {
    if (pair.every((name) => values[name] !== undefined && values[name] !== false)) {
      throw new CliError(`--${pair[0]} and --${pair[1]} cannot be used together`);
    }
  }
  const { min, max, names } = spec.positionals;
  const instead = spec.insteadOfPositionals;
  if (instead && values[instead] !== undefined) {
    if (positionals.length > 0) throw new CliError(`--${instead} replaces ${names.join(" and ")}: give the file alone`);
  } else if (positionals.length < min) {
    throw new CliError(`${command} needs ${names.slice(positionals.length, min).join(" and ")} (a file, or - for stdin); see cert-preflight ${command} --help`);
  }
  if (positionals.length > max) {
    throw new CliError(`${command} takes ${max === 0 ? "no" : `at most ${max}`} file argument${max === 1 ? "" : "s"}, got ${positionals.length}`);
  }
  if (positionals.filter((p) => p === "-").length > 1) throw new CliError("only one of the files can be - (stdin is read once)");
  if (values.provider !== undefined) values.provider = choose(values.provider, PROVIDERS, "provider");
  if (spec.options.language) values.language = languageOf(values.language);
  for (const name of spec.needsProvider) {
    if (values[name] !== undefined && values.provider === undefined) throw new CliError(`--${name} needs --provider`);
  }
  return { values, positionals, help: false };
}

// ---- Help -------------------------------------------------------------------------------------

export function commandHelp(command) {
  const spec = COMMANDS[command];
  const lines = [`Usage: ${spec.usage}`, "", `  ${spec.summary}.`, "", "Options:"];
  const rows = Object.entries(spec.options).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : "    "}--${name}${o.arg ? ` ${o.arg}` : ""}`,
    o.help,
  ]);
  const width = Math.max(...rows.map(([l]) => l.length));
  for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}  ${right}`);
  if (spec.positionals.max > 0) {
    lines.push("", `  ${spec.positionals.names.join(", ")}${spec.insteadOfPositionals ? `, --${spec.insteadOfPositionals}` : ""}: a file, or - for stdin (PEM, or DER read as bytes).`);
  }
  if (spec.notes) lines.push("", ...spec.notes.map((n) => `  ${n}`));
  if (spec.env) lines.push("", "Credentials and environment:", ...spec.env.map((n) => `  ${n}`));
  lines.push("", `Exit codes: ${spec.exit}.`, "", "Example:", ...spec.examples.map((e) => `  ${e}`), "");
  return lines.join("\n");
}

export function mainHelp(version) {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return [
    `cert-preflight ${version} — the cloud's answer to a TLS certificate upload, before it is sent`,
    "",
    "Usage: cert-preflight <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "  cert-preflight <command> --help    the command's options and an example",
    "  cert-preflight --version           the package version",
    "",
    "Exit codes: 0 accepted, 1 refused (or expiring, for scan), 2 usage, I/O or network error.",
    "",
    "Example:",
    "  cert-preflight check fullchain.pem privkey.pem --provider aliyun-slb --region cn-hangzhou",
    "",
  ].join("\n");
}
