// The command line as a user gets it (`make test-cli`): pkg/ is packed, the tarball installed into a
// temporary project, and the INSTALLED bin (node_modules/.bin/cert-preflight, and `npx cert-preflight`)
// is run there — every command, exit code and --json shape; uploads against `cert-preflight mock` and
// against the Worker's mock under workerd (as `make demo` serves it), the signatures verified by the
// mock on its own; refusals that send nothing; credentials from the environment and from fake
// ~/.aliyun and ~/.tccli files (HOME is a temporary directory); colour through a real pseudo-terminal
// (`script`); SIGPIPE; network faults; the docs' hook recipes run as written; and no secret in any
// byte the command printed.
import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { fixtures, installPackage, listenRetrying, manifest, repo } from "./helpers.mjs";

const RSA_CERT = path.join(fixtures, "rsa/2048/fullchain.pem");
const RSA_KEY = path.join(fixtures, "rsa/2048/key.pem");
const OTHER_KEY = path.join(fixtures, "mismatch/rsa2048-other.key.pem");
const EC_CERT = path.join(fixtures, "ec/p256/fullchain.pem");
const EC_KEY = path.join(fixtures, "ec/p256/key.pkcs8.pem");
const ENC_KEY = path.join(fixtures, "keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem");
const ENC_PASS = "correct horse";
/** A private key's PEM armour, plain or percent-encoded. */
const PEM_KEY = /BEGIN( |%20|\+)([A-Z]+( |%20|\+))*PRIVATE( |%20|\+)KEY/;
const RSA_FACTS = manifest.cases.find((c) => c.name === "rsa-2048").facts.chain[0];

// Test credentials (never on a command line): shaped like real ones so that the output check below
// would catch them. The mock's demo credentials are what the mock accepts; they are public, but the
// commands other than `mock` itself must not print them either.
const FAKE = {
  aliyunId: "LTAI5tTESTonlyNOTreal00001",
  aliyunSecret: "TestOnlySecretNotReal0123456789",
  stsToken: "CAIStestOnlyStsTokenNotReal0123456789abcdef",
  tencentId: "AKIDtestOnlyNotReal000000000000000001",
  tencentSecret: "testOnlyTencentSecretNotReal0001",
};
let MOCK = null; // the demo credentials, as the mock printed them

let inst; // the installed package
let bin; // node_modules/.bin/cert-preflight of the consumer project
let work; // scratch directory
let home; // HOME of every run
const printed = []; // every byte the CLI printed (except `mock`'s own stdout), searched for secrets at the end

function env(extra = {}) {
  // Nothing inherited that could change the outcome: no cloud credentials, colour or endpoint variables.
  return { PATH: `${path.join(inst.dir, "node_modules/.bin")}:${process.env.PATH}`, HOME: home, LANG: "C.UTF-8", npm_config_offline: "true", npm_config_update_notifier: "false", ...extra };
}

/** Runs the installed bin (async: the fault servers live in this process). */
function run(args, { extra = {}, input, cwd = work, timeout = 90_000, file = bin } = {}) {
  return new Promise((resolve) => {
    const child = execFile(file, args, { cwd, env: env(extra), encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      printed.push(stdout, stderr);
      resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, signal: error?.signal ?? null, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** A shell command line (for pipes, closed stdin, recipes), with the same environment. */
function sh(script, { extra = {}, cwd = work, timeout = 90_000 } = {}) {
  return new Promise((resolve) => {
    execFile("sh", ["-c", script], { cwd, env: env(extra), encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      printed.push(stdout, stderr);
      resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

function assertOneLineError(r, code, pattern) {
  assert.equal(r.status, code, `exit ${r.status}, expected ${code}; stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got: ${r.stderr}`);
  assert.match(lines[0], /^cert-preflight: /);
  if (pattern) assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|node:internal/, "no stack trace");
}

// ---- the mock, as a separate process ----------------------------------------------------------

async function startMock(args = ["--port", "0"]) {
  const child = spawn(bin, ["mock", ...args], { cwd: work, env: env(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  const log = [];
  child.stderr.setEncoding("utf8").on("data", (d) => log.push(...d.split("\n").filter(Boolean)));
  child.stdout.setEncoding("utf8");
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock did not start: ${stdout} ${log.join("\n")}`)), 30_000);
    child.stdout.on("data", (d) => {
      stdout += d;
      if (stdout.split("\n").length > 5) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`mock exited ${code}: ${log.join("\n")}`)));
  });
  const vars = Object.fromEntries(stdout.trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  const requests = async () => (await (await fetch(new URL("/", vars.CERT_PREFLIGHT_ENDPOINT))).json()).requests;
  const stop = () =>
    new Promise((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
      child.kill("SIGTERM");
    });
  return { child, stdout, vars, log, requests, stop };
}

let mock; // one mock for the upload tests

before(async () => {
  inst = installPackage();
  bin = path.join(inst.dir, "node_modules", ".bin", "cert-preflight");
  work = mkdtempSync(path.join(tmpdir(), "cert-preflight-cli-"));
  home = path.join(work, "home");
  mkdirSync(home);
  mock = await startMock();
  MOCK = mock.vars;
});

after(async () => {
  await mock?.stop();
  inst?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const mockEnv = () => ({ ...MOCK });

// ---- the package and the basics ---------------------------------------------------------------

describe("the installed command", () => {
  it("is the package's bin: --version, --help, every command's --help with an example; via npx too", async () => {
    const pkg = JSON.parse(readFileSync(path.join(inst.packageDir, "package.json"), "utf8"));
    assert.deepEqual(pkg.bin, { "cert-preflight": "bin/cert-preflight.js" });
    const version = await run(["--version"]);
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${pkg.version}\n`);
    const viaNpx = await sh("npx --offline cert-preflight --version", { cwd: inst.dir });
    assert.equal(viaNpx.stdout, `${pkg.version}\n`, viaNpx.stderr);
    const help = await run(["--help"]);
    assert.equal(help.status, 0);
    for (const c of ["check", "upload", "fingerprint", "scan", "mock"]) {
      assert.match(help.stdout, new RegExp(`^  ${c} `, "m"));
      const h = await run([c, "--help"]);
      assert.equal(h.status, 0, c);
      assert.match(h.stdout, /^Usage|^cert-preflight /);
      assert.match(h.stdout, /\nExample:\n  cert-preflight /, `${c} --help has an example`);
      assert.match(h.stdout, /Exit codes: /);
    }
    const none = await run([]);
    assert.equal(none.status, 2, "no command is a usage error");
  });

  it("ships the Worker's mock module and AIA fetch loop themselves (byte for byte)", async () => {
    for (const f of ["cloud.js", "signatures.js"]) {
      assert.equal(readFileSync(path.join(inst.packageDir, "mock", f), "utf8"), readFileSync(path.join(repo, "worker/src/mock", f), "utf8"), f);
    }
    assert.equal(readFileSync(path.join(inst.packageDir, "bin/lib/aia.js"), "utf8"), readFileSync(path.join(repo, "worker/src/aia.js"), "utf8"), "aia.js");
  });
});

// ---- check ----------------------------------------------------------------------------------

describe("check", () => {
  it("accepted: exit 0, the verdict first, the leaf, days left and CLB's fingerprint; --json { report }", async () => {
    const r = await run(["check", RSA_CERT, RSA_KEY, "--provider", "aliyun-slb", "--region", "cn-hangzhou"]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split("\n");
    assert.match(lines[0], /^ACCEPTED  aliyun-slb would take this upload/);
    assert.match(r.stdout, new RegExp(`leaf +${RSA_FACTS.subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.match(r.stdout, /SANs +rsa2048\.example/);
    const days = Math.floor((Date.parse(RSA_FACTS.notAfter) - Date.now()) / 86_400_000);
    assert.match(r.stdout, new RegExp(`expires +${RSA_FACTS.notAfter} \\(${days} days left\\)`));
    assert.match(r.stdout, new RegExp(`Fingerprint +${RSA_FACTS.fingerprintSha1}`));
    assert.match(r.stdout, /belongs to the leaf/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, "no colour into a pipe");

    const j = await run(["check", RSA_CERT, RSA_KEY, "--provider", "aliyun-slb", "--region", "cn-hangzhou", "--json"]);
    assert.equal(j.status, 0);
    const doc = JSON.parse(j.stdout);
    assert.deepEqual(Object.keys(doc), ["report"]);
    assert.equal(doc.report.ok, true);
    assert.equal(doc.report.certificate.fingerprintSha1, RSA_FACTS.fingerprintSha1);
    assert.equal(doc.report.chain.length, 3);
    assert.equal(doc.report.privateKey.keyAlgorithm, "RSA");
    assert.equal(doc.report.normalized?.privateKey, undefined, "the normalized key is never printed");
    assert.ok(doc.report.warnings.some((w) => w.kind === "PemNotCanonical"), "the PKCS#8 -> PKCS#1 warning is there");
  });

  it("refused: exit 1 with the provider's own code, status and message (aliyun-slb, tencent-ssl, neutral)", async () => {
    const slb = await run(["check", RSA_CERT, OTHER_KEY, "--provider", "aliyun-slb"]);
    assert.equal(slb.status, 1);
    assert.match(slb.stdout.split("\n")[0], /^REFUSED  InvalidParameter \(HTTP 400\): The specified ServerCertificate and PrivateKey fail to validate\./);
    assert.match(slb.stdout, /error +InvalidParameter +HTTP 400 +field PrivateKey +\((documented|observed|inferred)\)/);
    assert.match(slb.stdout, /does NOT belong to the leaf/);
    const tc = await run(["check", RSA_CERT, OTHER_KEY, "--provider", "tencent-ssl", "--json"]);
    assert.equal(tc.status, 1);
    const e = JSON.parse(tc.stdout).report.errors[0];
    assert.equal(e.kind, "CertificateMismatch");
    assert.equal(e.code, "FailedOperation.CertificateMatchError");
    assert.equal(e.httpStatus, 200);
    const neutral = await run(["check", RSA_CERT, OTHER_KEY]);
    assert.equal(neutral.status, 1);
    assert.match(neutral.stdout, /^REFUSED  CertificateMismatch \(HTTP 400\)/);
    const ec = await run(["check", EC_CERT, EC_KEY, "--provider", "aliyun-slb", "--region", "cn-hangzhou"]);
    assert.equal(ec.status, 1, "CLB takes no EC certificate in cn-hangzhou");
    assert.match(ec.stdout, /EccCertificateNotSupport|kind EccCertificateNotSupport/);
  });

  it("- reads stdin (CERT or KEY); only one of them", async () => {
    const a = await run(["check", "-", RSA_KEY, "--json"], { input: readFileSync(RSA_CERT) });
    assert.equal(a.status, 0, a.stderr);
    assert.equal(JSON.parse(a.stdout).report.certificate.fingerprintSha1, RSA_FACTS.fingerprintSha1);
    const b = await run(["check", RSA_CERT, "-", "--json"], { input: readFileSync(OTHER_KEY) });
    assert.equal(b.status, 1);
    assertOneLineError(await run(["check", "-", "-"]), 2, /only one of the files can be -/);
  });

  it("--name, --region and --type are checked by the provider's rules (only the ones given)", async () => {
    const longName = await run(["check", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas", "--name", "n".repeat(70), "--json"]);
    assert.equal(longName.status, 1);
    assert.equal(JSON.parse(longName.stdout).report.errors[0].field, "Name");
    const noName = await run(["check", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas"]);
    assert.equal(noName.status, 0, "check does not ask for the parameters it was not given");
    const region = await run(["check", RSA_CERT, RSA_KEY, "--provider", "aliyun-slb", "--region", "cn-hangzho"]);
    assert.equal(region.status, 1);
    assert.match(region.stdout, /field RegionId/);
    assert.match(region.stdout, /did you mean "cn-hangzhou"/);
    const type = await run(["check", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--type", "CA", "--json"]);
    assert.equal(type.status, 1);
    assert.equal(JSON.parse(type.stdout).report.errors[0].kind, "CertificateTypeMismatch");
    assertOneLineError(await run(["check", RSA_CERT, "--type", "SRV", "--provider", "tencent-ssl"]), 2, /did you mean "SVR"/);
    assertOneLineError(await run(["check", RSA_CERT, "--name", "x"]), 2, /--name needs --provider/);
  });

  it("--now moves the clock: the leaf is expired, a warning (accepted) with days in the past", async () => {
    const r = await run(["check", RSA_CERT, RSA_KEY, "--now", "2031-01-01T00:00:00Z"]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /warning +CertificateExpired/);
    assert.match(r.stdout, /\(expired 365 days ago\)/);
    assertOneLineError(await run(["check", RSA_CERT, "--now", "tomorrow"]), 2, /--now must be an ISO 8601 time/);
  });

  it("an encrypted key: refused without its passphrase; --passphrase-file / --passphrase-env; never printed", async () => {
    const without = await run(["check", RSA_CERT, ENC_KEY, "--json"]);
    assert.equal(without.status, 1);
    assert.equal(JSON.parse(without.stdout).report.errors[0].kind, "PrivateKeyEncrypted");
    const passFile = path.join(work, "pass.txt");
    writeFileSync(passFile, `${ENC_PASS}\n`);
    const viaFile = await run(["check", RSA_CERT, ENC_KEY, "--passphrase-file", passFile, "--json"]);
    assert.equal(viaFile.status, 0, viaFile.stdout);
    assert.equal(JSON.parse(viaFile.stdout).report.privateKey.format, "encrypted");
    const viaEnv = await run(["check", RSA_CERT, ENC_KEY, "--passphrase-env", "KEY_PASS"], { extra: { KEY_PASS: ENC_PASS } });
    assert.equal(viaEnv.status, 0, viaEnv.stdout);
    for (const r of [viaFile, viaEnv]) assert.ok(!r.stdout.includes(ENC_PASS) && !r.stderr.includes(ENC_PASS));
    assertOneLineError(await run(["check", RSA_CERT, ENC_KEY, "--passphrase-env", "UNSET_VAR"]), 2, /UNSET_VAR is not set/);
    assertOneLineError(await run(["check", RSA_CERT, ENC_KEY, "--passphrase-file", passFile, "--passphrase-env", "X"]), 2, /cannot be used together/);
    assertOneLineError(await run(["check", RSA_CERT, ENC_KEY, "--passphrase", "x"]), 2, /use the environment or a file/);
  });
});

// ---- fingerprint -----------------------------------------------------------------------------

describe("fingerprint", () => {
  it("SHA-1 colon-lower by default (CLB's form); --sha256, --format; exit 1 without a certificate", async () => {
    const sha1 = await run(["fingerprint", RSA_CERT]);
    assert.equal(sha1.status, 0);
    assert.equal(sha1.stdout, `${RSA_FACTS.fingerprintSha1}\n`);
    const upper = await run(["fingerprint", RSA_CERT, "--sha256", "--format", "colon-upper"]);
    assert.equal(upper.stdout, `${RSA_FACTS.fingerprintSha256.toUpperCase()}\n`);
    const hex = await run(["fingerprint", "-", "--sha1", "--format", "hex"], { input: readFileSync(RSA_CERT) });
    assert.equal(hex.stdout, `${RSA_FACTS.fingerprintSha1.replace(/:/g, "")}\n`);
    assertOneLineError(await run(["fingerprint", RSA_KEY]), 1, /CertificateFormatInvalid/);
    assertOneLineError(await run(["fingerprint", RSA_CERT, "--sha1", "--sha256"]), 2, /cannot be used together/);
    assertOneLineError(await run(["fingerprint", RSA_CERT, "--format", "colon_lower"]), 2, /did you mean "colon-lower"/);
  });
});

// ---- bad input and faults --------------------------------------------------------------------

describe("bad input: a clear one-line message, exit 2 (1 for a refusal), never a stack trace", () => {
  it("a missing file, a directory, a file nobody may read", async () => {
    assertOneLineError(await run(["check", path.join(work, "nope.pem")]), 2, /cannot read CERT .*nope\.pem: no such file/);
    assertOneLineError(await run(["check", work]), 2, /is a directory/);
    assertOneLineError(await run(["check", RSA_CERT, work]), 2, /cannot read KEY .*is a directory/);
    // As root every file is readable: run the installed bin as nobody (setpriv) on a 0600 file.
    const secret = path.join(work, "root-only.pem");
    copyFileSync(RSA_CERT, secret);
    chmodSync(secret, 0o600);
    for (let d = inst.dir; d !== path.dirname(d); d = path.dirname(d)) chmodSync(d, 0o755);
    chmodSync(work, 0o755);
    const r = await new Promise((resolve) =>
      execFile("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, path.join(inst.packageDir, "bin/cert-preflight.js"), "check", secret], { env: env(), encoding: "utf8" }, (error, stdout, stderr) => {
        printed.push(stdout, stderr);
        resolve({ status: error ? error.code : 0, stdout, stderr });
      }),
    );
    assertOneLineError(r, 2, /cannot read CERT .*root-only\.pem: permission denied/);
  });

  it("a 100 MB file and /dev/zero are read bounded (1 MiB): InputTooLarge in the provider's words, quickly", async () => {
    const big = path.join(work, "big.pem");
    execFileSync("dd", ["if=/dev/zero", `of=${big}`, "bs=1M", "count=0", "seek=100"], { stdio: "ignore" }); // sparse 100 MB
    for (const file of [big, "/dev/zero"]) {
      const t0 = Date.now();
      const r = await run(["check", file, "--provider", "aliyun-slb", "--json"]);
      assert.equal(r.status, 1);
      assert.equal(JSON.parse(r.stdout).report.errors[0].kind, "InputTooLarge");
      assert.ok(Date.now() - t0 < 5000, `${file}: ${Date.now() - t0} ms`);
    }
    const key = await run(["check", RSA_CERT, "/dev/zero", "--json"]);
    assert.equal(JSON.parse(key.stdout).report.errors[0].kind, "InputTooLarge");
  });

  it("binary junk and a key passed as the certificate: CertificateFormatInvalid, exit 1", async () => {
    const junk = path.join(work, "junk.bin");
    writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
    for (const file of [junk, RSA_KEY]) {
      const r = await run(["check", file, "--provider", "aliyun-cas", "--json"]);
      assert.equal(r.status, 1);
      assert.equal(JSON.parse(r.stdout).report.errors[0].kind, "CertificateFormatInvalid");
    }
  });

  it("unknown provider, command or option; conflicting or missing flags; an http endpoint that is not loopback", async () => {
    assertOneLineError(await run(["check", RSA_CERT, "--provider", "aliyun-clb"]), 2, /unknown provider "aliyun-clb" \(did you mean "aliyun-slb"\?\)/);
    assertOneLineError(await run(["check", RSA_CERT, "--provider", "azure-keyvault-thing"]), 2, /unknown provider \(20 characters\)/);
    assertOneLineError(await run(["chekc", RSA_CERT]), 2, /did you mean check/);
    assertOneLineError(await run(["check", RSA_CERT, "--provder", "x"]), 2, /did you mean --provider/);
    assertOneLineError(await run(["check", RSA_CERT, "--provider"]), 2, /--provider needs a value/);
    assertOneLineError(await run(["check"]), 2, /check needs CERT/);
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY]), 2, /upload needs --provider/);
    assertOneLineError(await run(["scan", work, "--warn-days", "soon"]), 2, /--warn-days must be/);
    assertOneLineError(await run(["mock", "--port", "70000"]), 2, /--port must be/);
    assertOneLineError(
      await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--endpoint", "http://example.com/"], { extra: mockEnv() }),
      2,
      /http is allowed only to a loopback host/,
    );
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl"], { extra: { ...mockEnv(), CERT_PREFLIGHT_ENDPOINT: "ftp://127.0.0.1/" } }), 2, /CERT_PREFLIGHT_ENDPOINT must be an https URL/);
  });

  it("a secret passed as a flag value or an argument is refused, and never echoed", async () => {
    const before = await mock.requests();
    const secret = "Zq9" + "xW2vK7mP4tR8nB5cL1dF6gH3jS0aE"; // secret-shaped (32 letters and digits), only to check the refusal
    for (const args of [
      ["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-slb", "--access-key-secret", secret],
      ["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", `--secret-key=${secret}`],
      ["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas", "--name", secret],
      ["check", RSA_CERT, secret],
    ]) {
      const r = await run(args);
      assertOneLineError(r, 2, /use the environment or a file/);
      assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret), "the value is not echoed");
    }
    assert.equal(await mock.requests(), before, "refused before anything was sent");
  });

  it("stdin closed or empty: exit 2 with a clear line", async () => {
    assertOneLineError(await sh(`"${bin}" check - <&-`), 2, /CERT: nothing on stdin/);
    assertOneLineError(await sh(`"${bin}" check - </dev/null`), 2, /CERT: nothing on stdin/);
  });

  it("SIGPIPE: `| head -1` ends the command quietly (no EPIPE trace), with exit 2 when output was lost", async () => {
    const dir = path.join(work, "pipe");
    for (let i = 0; i < 80; i++) {
      mkdirSync(path.join(dir, `site${i}`), { recursive: true });
      copyFileSync(RSA_CERT, path.join(dir, `site${i}`, "fullchain.pem"));
      copyFileSync(RSA_KEY, path.join(dir, `site${i}`, "privkey.pem"));
    }
    const both = await sh(`("${bin}" scan "${dir}" --json 2>"${work}/pipe.err"; echo $? >"${work}/pipe.status") | head -1 >/dev/null; cat "${work}/pipe.status"; cat "${work}/pipe.err"`);
    const [status, ...err] = both.stdout.split("\n");
    assert.equal(status, "2", `exit status after the pipe closed: ${both.stdout}`);
    assert.doesNotMatch(err.join("\n"), /EPIPE|Error|\n\s+at /, "nothing but the summary on stderr");
    const human = await sh(`("${bin}" scan "${dir}" 2>"${work}/pipe.err"; echo $? >"${work}/pipe.status") | head -2; cat "${work}/pipe.err"`);
    assert.equal(human.stdout.split("\n").filter((l) => l.startsWith("site")).length, 2);
    assert.doesNotMatch(human.stdout, /EPIPE|Error|\n\s+at /);
  });
});

// ---- colour and the terminal -------------------------------------------------------------------

describe("colour only on a TTY (through a real pseudo-terminal), NO_COLOR, --no-color, FORCE_COLOR", () => {
  const tty = (cmd, extra = {}) => sh(`script -qec ${JSON.stringify(cmd)} /dev/null`, { extra: { TERM: "xterm", ...extra } });
  const ESC = /\x1b\[\d+m/;

  it("check: colour on a TTY, none with NO_COLOR or --no-color, none into a pipe unless FORCE_COLOR", async () => {
    const cmd = `"${bin}" check "${RSA_CERT}" "${OTHER_KEY}" --provider aliyun-slb`;
    const onTty = await tty(cmd);
    assert.match(onTty.stdout, ESC, "colour on a terminal");
    assert.match(onTty.stdout, /REFUSED/);
    assert.doesNotMatch((await tty(cmd, { NO_COLOR: "1" })).stdout, ESC, "NO_COLOR");
    assert.doesNotMatch((await tty(`${cmd} --no-color`)).stdout, ESC, "--no-color");
    assert.doesNotMatch((await tty(cmd, { TERM: "dumb" })).stdout, ESC, "TERM=dumb");
    assert.doesNotMatch((await run(["check", RSA_CERT, OTHER_KEY, "--provider", "aliyun-slb"])).stdout, ESC, "a pipe");
    assert.match((await run(["check", RSA_CERT, OTHER_KEY], { extra: { FORCE_COLOR: "1" } })).stdout, ESC, "FORCE_COLOR into a pipe");
    assert.match((await run(["check", RSA_CERT, OTHER_KEY], { extra: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout, ESC, "FORCE_COLOR wins over NO_COLOR");
    assert.doesNotMatch((await run(["check", RSA_CERT, OTHER_KEY, "--no-color"], { extra: { FORCE_COLOR: "1" } })).stdout, ESC, "--no-color wins");
    assert.doesNotMatch((await run(["check", RSA_CERT, OTHER_KEY], { extra: { FORCE_COLOR: "0" } })).stdout, ESC, "FORCE_COLOR=0");
  });

  it("scan: progress on stderr on a TTY only", async () => {
    const dir = path.join(work, "progress");
    for (const n of ["a", "b", "c"]) {
      mkdirSync(path.join(dir, n), { recursive: true });
      copyFileSync(RSA_CERT, path.join(dir, n, "fullchain.pem"));
      copyFileSync(RSA_KEY, path.join(dir, n, "privkey.pem"));
    }
    const onTty = await tty(`"${bin}" scan "${dir}"`);
    assert.match(onTty.stdout, /scanning 3\/3/);
    const piped = await run(["scan", dir]);
    assert.equal(piped.status, 0, piped.stderr);
    assert.doesNotMatch(piped.stderr, /scanning|\r/);
  });
});

// ---- scan ------------------------------------------------------------------------------------

describe("scan", () => {
  let tree;
  before(() => {
    // certbot: live/<name>/{fullchain,privkey}.pem are links into archive/<name>/…1.pem
    tree = path.join(work, "scan");
    mkdirSync(path.join(tree, "letsencrypt/archive/example.com"), { recursive: true });
    mkdirSync(path.join(tree, "letsencrypt/live/example.com"), { recursive: true });
    copyFileSync(RSA_CERT, path.join(tree, "letsencrypt/archive/example.com/fullchain1.pem"));
    copyFileSync(RSA_KEY, path.join(tree, "letsencrypt/archive/example.com/privkey1.pem"));
    symlinkSync("../../archive/example.com/fullchain1.pem", path.join(tree, "letsencrypt/live/example.com/fullchain.pem"));
    symlinkSync("../../archive/example.com/privkey1.pem", path.join(tree, "letsencrypt/live/example.com/privkey.pem"));
    writeFileSync(path.join(tree, "letsencrypt/live/README"), "certbot's README\n");
    // X.crt + X.key (lego), X.pem + X-key.pem (mkcert), acme.sh, a .pfx
    mkdirSync(path.join(tree, "other"));
    copyFileSync(RSA_CERT, path.join(tree, "other/shop.example.crt"));
    copyFileSync(RSA_KEY, path.join(tree, "other/shop.example.key"));
    copyFileSync(RSA_CERT, path.join(tree, "other/dev.pem"));
    copyFileSync(RSA_KEY, path.join(tree, "other/dev-key.pem"));
    writeFileSync(path.join(tree, "other/legacy.pfx"), Buffer.from([0x30, 0x82, 0x01, 0x00]));
    mkdirSync(path.join(tree, "acme/api.example"), { recursive: true });
    copyFileSync(RSA_CERT, path.join(tree, "acme/api.example/fullchain.cer"));
    copyFileSync(path.join(fixtures, "rsa/2048/leaf.pem"), path.join(tree, "acme/api.example/api.example.cer"));
    copyFileSync(RSA_KEY, path.join(tree, "acme/api.example/api.example.key"));
  });

  it("finds certbot, acme.sh, X.crt/X.key and X.pem/X-key.pem pairs, one line each; .pfx skipped and said so", async () => {
    const r = await run(["scan", tree, "--provider", "aliyun-slb", "--region", "cn-hangzhou"]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 5, r.stdout);
    const byName = Object.fromEntries(lines.map((l) => [l.split(/\s+/)[0], l]));
    assert.deepEqual(Object.keys(byName).sort(), ["api.example", "dev", "example.com", "legacy.pfx", "shop.example"]);
    for (const n of ["api.example", "dev", "example.com", "shop.example"]) {
      assert.match(byName[n], /expires in \d+d +key matches +chain 3 +accepted$/, byName[n]);
    }
    assert.match(byName["legacy.pfx"], /skipped: PKCS#12 needs a passphrase/);
    assert.match(r.stderr, /4 pairs checked: 4 accepted, 0 refused, 0 expiring within 30 days, 1 skipped/);

    const j = await run(["scan", tree, "--json"]);
    const doc = JSON.parse(j.stdout);
    assert.equal(doc.length, 5);
    const certbot = doc.find((e) => e.path.endsWith(path.join("live", "example.com")));
    assert.deepEqual(Object.keys(certbot), ["path", "certificate", "key", "report"]);
    assert.ok(certbot.certificate.endsWith("fullchain.pem") && certbot.key.endsWith("privkey.pem"));
    assert.equal(certbot.report.certificate.fingerprintSha1, RSA_FACTS.fingerprintSha1);
    assert.ok(doc.find((e) => e.path.endsWith("api.example")).certificate.endsWith("fullchain.cer"), "acme.sh: the full chain, not the leaf");
    assert.equal(doc.find((e) => e.skipped).report, null);
  });

  it("exit 1 for a refused pair or one expiring within --warn-days; a file given by name finds its partner", async () => {
    const bad = path.join(work, "scan-bad");
    mkdirSync(bad);
    copyFileSync(RSA_CERT, path.join(bad, "wrong.crt"));
    copyFileSync(OTHER_KEY, path.join(bad, "wrong.key"));
    const r = await run(["scan", bad, "--provider", "tencent-ssl"]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^wrong +expires in \d+d +key MISMATCH +chain 3 +refused: FailedOperation\.CertificateMatchError \(HTTP 200\)/);
    const days = Math.floor((Date.parse(RSA_FACTS.notAfter) - Date.now()) / 86_400_000);
    const soon = await run(["scan", path.join(tree, "other/shop.example.crt"), "--warn-days", String(days + 1)]);
    assert.equal(soon.status, 1, "expiring within --warn-days");
    assert.equal(soon.stdout.trimEnd().split("\n").length, 1);
    assert.match(soon.stdout, /^shop\.example /);
    const fine = await run(["scan", path.join(tree, "other/shop.example.key"), "--warn-days", String(days - 1)]);
    assert.equal(fine.status, 0, fine.stdout);
  });

  it("exit 2 for a path that is not there, and when nothing was found", async () => {
    const r = await run(["scan", tree, path.join(work, "missing-dir")]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read .*missing-dir: no such file/);
    assert.equal(r.stdout.trimEnd().split("\n").length, 5, "the rest is still scanned");
    const empty = path.join(work, "empty");
    mkdirSync(empty);
    const none = await run(["scan", empty]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no certificate\/key pairs found/);
  });
});

// ---- mock and upload -------------------------------------------------------------------------

describe("mock", () => {
  it("prints exactly the endpoint and the demo credentials on stdout, then serves until SIGTERM", async () => {
    const m = await startMock(["--port", "0"]);
    const lines = m.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 5);
    assert.match(lines[0], /^CERT_PREFLIGHT_ENDPOINT=http:\/\/127\.0\.0\.1:\d+\/mock\/$/);
    assert.deepEqual(lines.slice(1).map((l) => l.split("=")[0]), ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"]);
    const { MOCK_CREDENTIALS } = await import(path.join(repo, "worker/src/mock/cloud.js"));
    assert.equal(m.vars.ALIBABA_CLOUD_ACCESS_KEY_ID, MOCK_CREDENTIALS.alibaba.accessKeyId);
    assert.equal(m.vars.TENCENTCLOUD_SECRET_KEY, MOCK_CREDENTIALS.tencent.secretKey);
    assert.equal(await m.requests(), 0);
    const stopped = await m.stop();
    assert.equal(stopped.code, 0, "SIGTERM ends it cleanly");
    const busy = await run(["mock", "--port", new URL(MOCK.CERT_PREFLIGHT_ENDPOINT).port]);
    assertOneLineError(busy, 2, /is in use/);
  });
});

describe("upload against `cert-preflight mock`", () => {
  const providers = {
    "aliyun-slb": { args: ["--region", "cn-hangzhou", "--name", "cli-test"], id: /ServerCertificateId +1231579085529123_/ },
    "aliyun-cas": { args: [], id: /CertId +1\d{7}/ },
    "tencent-ssl": { args: [], id: /CertificateId +[0-9a-f]{8}/ },
  };

  for (const [provider, p] of Object.entries(providers)) {
    it(`${provider}: lands in the mock (signature verified there), the id printed; --json { report, request, response }`, async () => {
      const before = await mock.requests();
      const r = await run(["upload", RSA_CERT, RSA_KEY, "--provider", provider, ...p.args], { extra: mockEnv() });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout.split("\n")[0], new RegExp(`^UPLOADED  ${provider} took the certificate \\(HTTP 200\\)`));
      assert.match(r.stdout, p.id);
      if (provider === "aliyun-slb") assert.match(r.stdout, new RegExp(`Fingerprint +${RSA_FACTS.fingerprintSha1}`));
      assert.equal(await mock.requests(), before + 1);

      const j = await run(["upload", RSA_CERT, RSA_KEY, "--provider", provider, ...p.args, "--json"], { extra: mockEnv() });
      assert.equal(j.status, 0, j.stderr);
      const doc = JSON.parse(j.stdout);
      assert.deepEqual(Object.keys(doc), ["report", "request", "response"]);
      assert.equal(doc.report.ok, true);
      assert.equal(doc.response.status, 200);
      assert.equal(doc.request.provider, provider);
      if (provider === "tencent-ssl") {
        assert.match(doc.response.body.Response.CertificateId, /^[0-9a-f]{8}$/);
        assert.match(JSON.parse(doc.request.body).CertificatePrivateKey, /^\[redacted: \d+ characters\]$/);
      } else {
        assert.ok(doc.response.body.RequestId);
        const key = doc.request.query.find(([k]) => k === (provider === "aliyun-slb" ? "PrivateKey" : "Key"))[1];
        assert.match(key, /^\[redacted: \d+ characters\]$/);
      }
      assert.doesNotMatch(j.stdout, PEM_KEY);
      assert.ok(!j.stdout.includes(MOCK.ALIBABA_CLOUD_ACCESS_KEY_ID) && !j.stdout.includes(MOCK.TENCENTCLOUD_SECRET_ID), "key ids are cut");
    });
  }

  it("a refusal sends nothing: the provider's code, exit 1, and the mock counted no request", async () => {
    const before = await mock.requests();
    for (const provider of Object.keys(providers)) {
      const r = await run(["upload", RSA_CERT, OTHER_KEY, "--provider", provider, ...providers[provider].args], { extra: mockEnv() });
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout.split("\n")[0], /^REFUSED  /);
      assert.match(r.stdout, /nothing was sent/);
      const j = await run(["upload", RSA_CERT, OTHER_KEY, "--provider", provider, ...providers[provider].args, "--json"], { extra: mockEnv() });
      const doc = JSON.parse(j.stdout);
      assert.equal(doc.request, null);
      assert.equal(doc.response, null);
      assert.equal(doc.report.errors[0].kind, "CertificateMismatch");
    }
    const slb = await run(["upload", RSA_CERT, OTHER_KEY, "--provider", "aliyun-slb", "--region", "cn-hangzhou"], { extra: mockEnv() });
    assert.match(slb.stdout, /^REFUSED  InvalidParameter \(HTTP 400\): The specified ServerCertificate and PrivateKey fail to validate\./);
    // Refused before the credentials are needed: the refusal is what must be fixed first.
    const noCreds = await run(["upload", RSA_CERT, OTHER_KEY, "--provider", "aliyun-cas"]);
    assert.equal(noCreds.status, 1);
    assert.equal(await mock.requests(), before, "nothing reached the mock");
  });

  it("the mock verifies the signature on its own: a wrong secret is refused by the mock (SignatureDoesNotMatch / AuthFailure)", async () => {
    const slb = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-slb", "--region", "cn-hangzhou"], {
      extra: { ...mockEnv(), ALIBABA_CLOUD_ACCESS_KEY_SECRET: FAKE.aliyunSecret },
    });
    assert.equal(slb.status, 1, slb.stdout);
    assert.match(slb.stdout, /^REFUSED  by aliyun-slb: SignatureDoesNotMatch \(HTTP 400\)/);
    const tc = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl"], { extra: { ...mockEnv(), TENCENTCLOUD_SECRET_KEY: FAKE.tencentSecret } });
    assert.equal(tc.status, 1);
    assert.match(tc.stdout, /^REFUSED  by tencent-ssl: AuthFailure\.SignatureFailure \(HTTP 200\)/);
  });

  it("--dry-run prints the signed request with secrets redacted and sends nothing", async () => {
    const before = await mock.requests();
    for (const provider of Object.keys(providers)) {
      const r = await run(["upload", RSA_CERT, RSA_KEY, "--provider", provider, ...providers[provider].args, "--dry-run"], {
        extra: { ...mockEnv(), ALIBABA_CLOUD_SECURITY_TOKEN: FAKE.stsToken, TENCENTCLOUD_TOKEN: FAKE.stsToken },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /DRY RUN  nothing sent/);
      assert.match(r.stdout, /authorization: (ACS3|TC3)-HMAC-SHA256 Credential=(LTAI|AKID)…/);
      assert.match(r.stdout, /\[redacted: \d+ characters\]/);
      assert.match(r.stdout, /(x-acs-security-token|x-tc-token): \[redacted: 43 characters\]/);
      assert.doesNotMatch(r.stdout, PEM_KEY);
      const j = await run(["upload", RSA_CERT, RSA_KEY, "--provider", provider, ...providers[provider].args, "--dry-run", "--json"], { extra: mockEnv() });
      const doc = JSON.parse(j.stdout);
      assert.equal(doc.dryRun, true);
      assert.equal(doc.response, null);
      assert.ok(doc.request.headers.some(([k]) => k === "authorization"));
    }
    assert.equal(await mock.requests(), before);
  });
});

describe("credentials: environment, then the aliyun CLI profile, then tccli's (HOME is a temporary directory)", () => {
  const withHome = (files) => {
    const h = mkdtempSync(path.join(work, "home-"));
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(h, rel)), { recursive: true });
      writeFileSync(path.join(h, rel), typeof content === "string" ? content : JSON.stringify(content));
    }
    return h;
  };
  const endpoint = () => ({ CERT_PREFLIGHT_ENDPOINT: MOCK.CERT_PREFLIGHT_ENDPOINT });

  it("none: exit 2 naming the variables to set; half a pair: exit 2 naming the missing one", async () => {
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas"], { extra: endpoint() }), 2, /set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl"], { extra: endpoint() }), 2, /set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/);
    assertOneLineError(
      await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl"], { extra: { ...endpoint(), TENCENTCLOUD_SECRET_ID: FAKE.tencentId } }),
      2,
      /TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not/,
    );
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-slb"], { extra: mockEnv() }), 2, /aliyun-slb needs a region/);
  });

  it("~/.aliyun/config.json: the current AK profile (and its region_id), ALIBABA_CLOUD_PROFILE, --profile, StsToken", async () => {
    const h = withHome({
      ".aliyun/config.json": {
        current: "work",
        profiles: [
          { name: "default", mode: "AK", access_key_id: FAKE.aliyunId, access_key_secret: FAKE.aliyunSecret, region_id: "cn-beijing" },
          { name: "work", mode: "AK", access_key_id: MOCK.ALIBABA_CLOUD_ACCESS_KEY_ID, access_key_secret: MOCK.ALIBABA_CLOUD_ACCESS_KEY_SECRET, region_id: "cn-shanghai" },
          { name: "sts", mode: "StsToken", access_key_id: MOCK.ALIBABA_CLOUD_ACCESS_KEY_ID, access_key_secret: MOCK.ALIBABA_CLOUD_ACCESS_KEY_SECRET, sts_token: FAKE.stsToken },
          { name: "role", mode: "RamRoleArn", access_key_id: FAKE.aliyunId, access_key_secret: FAKE.aliyunSecret },
        ],
      },
    });
    const current = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-slb", "--json"], { extra: { ...endpoint(), HOME: h } });
    assert.equal(current.status, 0, current.stdout + current.stderr);
    assert.equal(JSON.parse(current.stdout).response.body.RegionId, "cn-shanghai", "the profile's region_id");
    const byEnv = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas"], { extra: { ...endpoint(), HOME: h, ALIBABA_CLOUD_PROFILE: "default" } });
    assert.equal(byEnv.status, 1, "ALIBABA_CLOUD_PROFILE picked the profile with the fake key");
    assert.match(byEnv.stdout, /InvalidAccessKeyId\.NotFound/);
    const sts = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas", "--profile", "sts", "--dry-run"], { extra: { ...endpoint(), HOME: h } });
    assert.equal(sts.status, 0, sts.stderr);
    assert.match(sts.stdout, /x-acs-security-token: \[redacted: 43 characters\]/);
    assert.match(sts.stdout, /credentials: aliyun CLI profile sts/);
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas", "--profile", "role"], { extra: { ...endpoint(), HOME: h } }), 2, /uses mode RamRoleArn/);
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas", "--profile", "nope"], { extra: { ...endpoint(), HOME: h } }), 2, /profile nope is not in ~\/\.aliyun\/config\.json/);
    // The environment comes first, --profile overrides it, ALIBABA_CLOUD_IGNORE_PROFILE skips the file.
    const envFirst = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas", "--dry-run"], { extra: { ...endpoint(), HOME: h, ALIBABA_CLOUD_ACCESS_KEY_ID: FAKE.aliyunId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: FAKE.aliyunSecret } });
    assert.match(envFirst.stdout, /credentials: the environment/);
    const ignored = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas"], { extra: { ...endpoint(), HOME: h, ALIBABA_CLOUD_IGNORE_PROFILE: "TRUE" } });
    assertOneLineError(ignored, 2, /no credentials for aliyun-cas/);
    const broken = withHome({ ".aliyun/config.json": `{"profiles": [{"name": "default", "access_key_secret": "${FAKE.aliyunSecret}"` });
    const bad = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-cas"], { extra: { ...endpoint(), HOME: broken } });
    assertOneLineError(bad, 2, /~\/\.aliyun\/config\.json is not valid JSON/);
  });

  it("~/.tccli/<profile>.credential and .configure: default, TCCLI_PROFILE, --profile; roles refused", async () => {
    const h = withHome({
      ".tccli/default.credential": { secretId: MOCK.TENCENTCLOUD_SECRET_ID, secretKey: MOCK.TENCENTCLOUD_SECRET_KEY },
      ".tccli/default.configure": { _sys_param: { region: "ap-guangzhou", output: "json" } },
      ".tccli/other.credential": { secretId: FAKE.tencentId, secretKey: FAKE.tencentSecret },
      ".tccli/cvm.credential": { type: "cvm-role" },
    });
    const r = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--dry-run"], { extra: { ...endpoint(), HOME: h } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /x-tc-region: ap-guangzhou/, "the region from default.configure");
    assert.match(r.stdout, /credentials: tccli profile default/);
    const sent = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl"], { extra: { ...endpoint(), HOME: h } });
    assert.equal(sent.status, 0, sent.stdout);
    const other = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl"], { extra: { ...endpoint(), HOME: h, TCCLI_PROFILE: "other" } });
    assert.match(other.stdout, /AuthFailure\.SecretIdNotFound/);
    const explicit = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--profile", "other"], { extra: { ...endpoint(), HOME: h } });
    assert.match(explicit.stdout, /AuthFailure\.SecretIdNotFound/);
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--profile", "cvm"], { extra: { ...endpoint(), HOME: h } }), 2, /uses a role/);
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--profile", "../x"], { extra: { ...endpoint(), HOME: h } }), 2, /profile name must be/);
  });
});

// ---- network faults ------------------------------------------------------------------------------

describe("network faults: unreachable, 5xx (one retry, re-signed), 4xx (no retry), a hanging server, TLS", () => {
  const servers = [];
  after(() => Promise.all(servers.map((s) => new Promise((r) => (s.closeAllConnections?.(), s.close(r))))));

  function serve(handler, make = createServer, options = {}) {
    const seen = [];
    const server = make(options, (req, res) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers });
      req.resume();
      req.on("end", () => handler(req, res, seen.length));
    });
    servers.push(server);
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, seen, port: server.address().port })));
  }
  const slbOk = (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ RequestId: "R-1", ServerCertificateId: "123_abc", Fingerprint: RSA_FACTS.fingerprintSha1 }));
  };
  const upload = (endpoint, extra = {}) =>
    run(["upload", RSA_CERT, RSA_KEY, "--provider", "aliyun-slb", "--region", "cn-hangzhou", "--endpoint", endpoint], { extra: { ...mockEnv(), ...extra } });
  // The fault servers are reached as relays (a path: signed for the API's host, sent to <endpoint><host>/…).
  const relay = (port, scheme = "http") => `${scheme}://127.0.0.1:${port}/relay/`;

  it("the API unreachable: one retry, then exit 2 with one line", async () => {
    const { server, port } = await serve(() => {});
    await new Promise((r) => server.close(r));
    const r = await upload(relay(port));
    assert.equal(r.status, 2);
    const lines = r.stderr.trimEnd().split("\n");
    assert.match(lines[0], /cannot reach 127\.0\.0\.1:\d+: connection refused; retrying once/);
    assert.match(lines[1], /^cert-preflight: cannot reach .*connection refused \(after one retry\)$/);
    assert.equal(lines.length, 2);
  });

  it("a 5xx: retried once with a freshly signed request (new nonce and date); two 5xx: exit 2", async () => {
    const flaky = await serve((req, res, n) => (n === 1 ? (res.writeHead(503), res.end('{"Code":"ServiceUnavailable"}')) : slbOk(res)));
    const r = await upload(relay(flaky.port));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /ServerCertificateId +123_abc/);
    assert.equal(flaky.seen.length, 2);
    assert.notEqual(flaky.seen[0].headers["x-acs-signature-nonce"], flaky.seen[1].headers["x-acs-signature-nonce"]);
    assert.notEqual(flaky.seen[0].headers.authorization, flaky.seen[1].headers.authorization);
    assert.match(r.stderr, /HTTP 503; retrying once/);
    const down = await serve((req, res) => (res.writeHead(502), res.end('{"Code":"BadGateway","Message":"down"}')));
    const d = await upload(relay(down.port));
    assert.equal(d.status, 2);
    assert.equal(down.seen.length, 2);
    assert.match(d.stdout, /FAILED  the API failed: HTTP 502 BadGateway/);
  });

  it("a 4xx is the cloud's refusal: never retried, exit 1 with its code", async () => {
    const refuse = await serve((req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ RequestId: "R-2", Code: "InvalidParameter", Message: "The specified ServerCertificate is invalid." }));
    });
    const r = await upload(relay(refuse.port));
    assert.equal(r.status, 1);
    assert.equal(refuse.seen.length, 1);
    assert.match(r.stdout, /^REFUSED  by aliyun-slb: InvalidParameter \(HTTP 400\): The specified ServerCertificate is invalid\./);
  });

  it("a hanging server: the timeout (CERT_PREFLIGHT_TIMEOUT, 30 s by default) ends it, no retry, exit 2", async () => {
    const hang = await serve(() => {});
    const t0 = Date.now();
    const r = await upload(relay(hang.port), { CERT_PREFLIGHT_TIMEOUT: "1" });
    assertOneLineError(r, 2, /no answer from 127\.0\.0\.1:\d+ within 1 s \(the upload may or may not have landed/);
    assert.equal(hang.seen.length, 1);
    assert.ok(Date.now() - t0 < 15_000);
  });

  it("a TLS error (a self-signed certificate) and a body that is not JSON: exit 2, one line each", async () => {
    const key = readFileSync(path.join(fixtures, "chain/misc/selfsigned-rsa.key.pem"));
    const cert = readFileSync(path.join(fixtures, "chain/misc/selfsigned-rsa.pem"));
    const tls = await serve((req, res) => slbOk(res), createTlsServer, { key, cert });
    const r = await upload(relay(tls.port, "https"));
    assertOneLineError(r, 2, /TLS error talking to 127\.0\.0\.1:\d+/);
    const html = await serve((req, res) => (res.writeHead(200, { "content-type": "text/html" }), res.end("<html>hello</html>")));
    const h = await upload(relay(html.port));
    assert.equal(h.status, 2);
    assert.match(h.stdout, /FAILED  the API answered HTTP 200 with a body that is not JSON/);
  });

  it("a relay gets <endpoint><api host><path>; an origin replaces the host and is signed for it (no port)", async () => {
    const seen = await serve((req, res) => slbOk(res));
    const r = await upload(relay(seen.port));
    assert.equal(r.status, 0, r.stderr);
    assert.match(seen.seen[0].url, /^\/relay\/slb\.aliyuncs\.com\/\?/);
    assertOneLineError(await upload(`http://127.0.0.1:${seen.port}`), 2, /cannot carry a port; for a relay give a path/);
    // An origin: the request is signed for that host. Port 80 of 127.0.0.1 (root may bind it).
    let server80;
    try {
      server80 = createServer((req, res) => {
        const chunks = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => {
          server80.got = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) };
          slbOk(res);
        });
      });
      await new Promise((resolve, reject) => server80.once("error", reject).listen(80, "127.0.0.1", resolve));
    } catch {
      server80 = null;
    }
    if (!server80) return; // port 80 is taken here: the relay case above still ran
    servers.push(server80);
    const o = await upload("http://127.0.0.1");
    assert.equal(o.status, 0, o.stdout + o.stderr);
    const got = server80.got;
    assert.equal(got.headers.host, "127.0.0.1");
    const { verifyAcs3 } = await import(path.join(repo, "worker/src/mock/signatures.js"));
    const url = new URL(got.url, "http://127.0.0.1");
    const verdict = await verifyAcs3({
      method: got.method,
      path: url.pathname,
      query: [...url.searchParams],
      headers: new Map(Object.entries(got.headers)),
      body: new Uint8Array(got.body),
      secretOf: (id) => (id === MOCK.ALIBABA_CLOUD_ACCESS_KEY_ID ? MOCK.ALIBABA_CLOUD_ACCESS_KEY_SECRET : undefined),
    });
    assert.equal(verdict.ok, true, `signed for the origin's host: ${verdict.code}`);
  });
});

// ---- the Worker's mock, as `make demo` serves it ----------------------------------------------

describe("upload against the Worker's mock on workerd (the `make demo` Worker at /mock/)", () => {
  let mf;
  before(async () => {
    execFileSync(path.join(repo, "scripts/demo-build.sh"), { stdio: "inherit" });
    const bundle = mkdtempSync(path.join(work, "worker-"));
    execFileSync(path.join(repo, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", bundle], {
      cwd: path.join(repo, "worker"),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" },
    });
    const { Miniflare } = await import("miniflare");
    mf = new Miniflare({
      host: "127.0.0.1",
      port: 0,
      cf: false,
      compatibilityDate: "2026-04-01",
      modules: true,
      modulesRoot: bundle,
      scriptPath: path.join(bundle, "index.js"),
      modulesRules: [
        { type: "ESModule", include: ["**/*.js"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      handleRuntimeStdio() {},
    });
    await mf.ready;
  });
  after(() => mf?.dispose());

  it("all three providers land there with the same demo credentials; a mismatched key is stopped before sending", async () => {
    const url = await mf.ready;
    const endpoint = new URL("/mock/", url).href;
    for (const [provider, args] of [["aliyun-slb", ["--region", "cn-hangzhou"]], ["aliyun-cas", []], ["tencent-ssl", []]]) {
      const r = await run(["upload", RSA_CERT, RSA_KEY, "--provider", provider, ...args, "--endpoint", endpoint], { extra: { ...mockEnv(), CERT_PREFLIGHT_ENDPOINT: "" } });
      assert.equal(r.status, 0, `${provider}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /^UPLOADED  /);
    }
    const refused = await run(["upload", RSA_CERT, OTHER_KEY, "--provider", "aliyun-cas", "--endpoint", endpoint], { extra: mockEnv() });
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /nothing was sent/);
  });
});

// ---- the docs' hook recipes, as written --------------------------------------------------------

describe("the hook recipes of docs/CLI.md and README.md run as written", () => {
  const docs = readFileSync(path.join(repo, "docs/CLI.md"), "utf8");
  const recipe = (name, text = docs) => {
    const m = new RegExp(`<!-- recipe: ${name.replace(".", "\\.")} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(text);
    assert.ok(m, `recipe ${name} is in the docs`);
    return m[1];
  };
  let live;
  before(() => {
    live = path.join(work, "etc/letsencrypt/live/example.com");
    mkdirSync(live, { recursive: true });
    copyFileSync(RSA_CERT, path.join(live, "fullchain.pem"));
    copyFileSync(RSA_KEY, path.join(live, "privkey.pem"));
  });

  it("certbot --deploy-hook with $RENEWED_LINEAGE: uploads, and a mismatched key is stopped before sending", async () => {
    const hook = /--deploy-hook '([^']+)'/.exec(recipe("certbot"))[1];
    const before = await mock.requests();
    const r = await sh(hook, { extra: { ...mockEnv(), RENEWED_LINEAGE: live, RENEWED_DOMAINS: "example.com" } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /ServerCertificateId +1231579085529123_/);
    assert.match(r.stdout, /ServerCertificateName +example\.com/);
    assert.equal(await mock.requests(), before + 1);
    const bad = path.join(work, "etc/letsencrypt/live/bad.example");
    mkdirSync(bad, { recursive: true });
    copyFileSync(RSA_CERT, path.join(bad, "fullchain.pem"));
    copyFileSync(OTHER_KEY, path.join(bad, "privkey.pem"));
    const stopped = await sh(hook, { extra: { ...mockEnv(), RENEWED_LINEAGE: bad } });
    assert.equal(stopped.status, 1);
    assert.match(stopped.stdout, /^REFUSED  InvalidParameter \(HTTP 400\)/);
    assert.equal(await mock.requests(), before + 1, "nothing sent");
  });

  it("acme.sh --reloadcmd with $CERT_FULLCHAIN_PATH / $CERT_KEY_PATH, run in the domain directory as acme.sh does", async () => {
    const cmd = /--reloadcmd '([^']+)'/.exec(recipe("acme.sh"))[1];
    const dir = path.join(work, "acme.sh/example.com");
    mkdirSync(dir, { recursive: true });
    copyFileSync(RSA_CERT, path.join(dir, "fullchain.cer"));
    copyFileSync(RSA_KEY, path.join(dir, "example.com.key"));
    const r = await sh(`cd "${dir}" && eval '${cmd.replace(/'/g, "'\\''")}'`, {
      extra: { ...mockEnv(), CERT_PATH: path.join(dir, "example.com.cer"), CERT_KEY_PATH: path.join(dir, "example.com.key"), CA_CERT_PATH: path.join(dir, "ca.cer"), CERT_FULLCHAIN_PATH: path.join(dir, "fullchain.cer"), Le_Domain: "example.com" },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /CertId +1\d{7}/);
  });

  it("lego: the hook script with v5's LEGO_HOOK_* and with v4's LEGO_CERT_* variables (run without a shell)", async () => {
    const script = path.join(work, "cert-preflight-hook");
    writeFileSync(script, recipe("lego-hook"));
    chmodSync(script, 0o755);
    const run5 = await new Promise((resolve) =>
      execFile(script, [], { env: env({ ...mockEnv(), LEGO_HOOK_CERT_PATH: RSA_CERT, LEGO_HOOK_CERT_KEY_PATH: RSA_KEY, LEGO_HOOK_CERT_DOMAINS: "example.com" }), encoding: "utf8" }, (e, stdout, stderr) => {
        printed.push(stdout, stderr);
        resolve({ status: e ? e.code : 0, stdout, stderr });
      }),
    );
    assert.equal(run5.status, 0, run5.stdout + run5.stderr);
    assert.match(run5.stdout, /CertificateId +[0-9a-f]{8}/);
    const run4 = await new Promise((resolve) =>
      execFile(script, [], { env: env({ ...mockEnv(), LEGO_CERT_PATH: RSA_CERT, LEGO_CERT_KEY_PATH: RSA_KEY, LEGO_CERT_DOMAIN: "example.com" }), encoding: "utf8" }, (e, stdout, stderr) => {
        printed.push(stdout, stderr);
        resolve({ status: e ? e.code : 0, stdout, stderr });
      }),
    );
    assert.equal(run4.status, 0, run4.stdout + run4.stderr);
  });

  it("the CI step (npx in the project that installed the package)", async () => {
    const run = recipe("ci").split("\n").filter((l) => l.startsWith("    npx ")).map((l) => l.trim()).join("\n");
    mkdirSync(path.join(inst.dir, "certs"), { recursive: true });
    copyFileSync(RSA_CERT, path.join(inst.dir, "certs/fullchain.pem"));
    copyFileSync(RSA_KEY, path.join(inst.dir, "certs/privkey.pem"));
    const r = await sh(`set -e\n${run}`, { cwd: inst.dir, extra: mockEnv() });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const doc = JSON.parse(readFileSync(path.join(inst.dir, "upload.json"), "utf8"));
    assert.match(doc.response.body.Response.CertificateId, /^[0-9a-f]{8}$/);
  });

  it("the mock walkthrough: `cert-preflight mock` in the background, its lines sourced, the certbot hook run", async () => {
    let text = recipe("mock").replaceAll("/tmp/mock.env", path.join(work, "walkthrough.env")).replaceAll("/etc/letsencrypt/live/example.com", live);
    const busy = await fetch("http://127.0.0.1:8788/").then(() => true, () => false);
    if (busy) text = text.replace("cert-preflight mock >", "cert-preflight mock --port 0 >"); // the default port is taken on this machine
    const r = await sh(`${text}\nstatus=$?\nkill $!\nexit $status`, { timeout: 60_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^UPLOADED  aliyun-slb took the certificate/);
    assert.match(r.stdout, /ServerCertificateId +1231579085529123_/);
  });

  it("README.md's Command line section carries the certbot and acme.sh recipes and links docs/CLI.md", () => {
    const readme = readFileSync(path.join(repo, "README.md"), "utf8");
    assert.ok(readme.includes(recipe("certbot")), "the README's certbot recipe is the tested one");
    assert.ok(readme.includes(recipe("acme.sh")), "the README's acme.sh recipe is the tested one");
    assert.match(readme, /docs\/CLI\.md/);
  });
});

// ---- --complete-chain and --roots ------------------------------------------------------------

describe("--complete-chain and --roots: missing intermediates fetched through the guarded AIA loop", () => {
  const AIA_DIR = path.join(fixtures, "aia");
  const AIA_PORT = 18790; // fixed: tests/fixtures/gen-aia.sh wrote it into every caIssuers URL
  const LEAF = path.join(AIA_DIR, "leaf-der.pem");
  const PRIVATE_ROOT = path.join(AIA_DIR, "private-root.pem");
  const pemOf = (der) => `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{1,64}/g, "$&\n")}-----END CERTIFICATE-----\n`;
  const sha256 = (der) => createHash("sha256").update(der).digest("hex").replace(/(..)(?!$)/g, "$1:");
  const INT1_SHA256 = sha256(readFileSync(path.join(AIA_DIR, "int1.der")));
  let rootPem; // root.der as PEM, for --roots FILE
  const hits = []; // what the stand-ins were asked, in order
  const servers = [];
  let own; // the generated chain (leaf with a key) for the upload tests: { dir, leaf, key, port }

  /** A CA's web server for caIssuers URLs: serves `dir`, counts every request. */
  function standIn(dir, port) {
    const server = createServer((req, res) => {
      hits.push(`${server.address().port}${req.url}`);
      const file = path.join(dir, path.basename(new URL(req.url, "http://x").pathname));
      if (!existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/pkix-cert" }).end(readFileSync(file));
    });
    servers.push(server);
    return listenRetrying(server, port);
  }

  const openssl = (args, cwd) => execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });

  before(async () => {
    rootPem = path.join(work, "aia-root.pem");
    writeFileSync(rootPem, pemOf(readFileSync(path.join(AIA_DIR, "root.der"))));
    await standIn(AIA_DIR, AIA_PORT);
    // A chain of our own with its leaf's key (the fixtures keep none), for upload: root -> int ->
    // leaf, the leaf's caIssuers -> int.der and the intermediate's -> root.der, on a free port.
    const dir = mkdtempSync(path.join(work, "aia-own-"));
    const port = await standIn(dir, 0);
    const ext = (name, text) => writeFileSync(path.join(dir, name), text);
    ext("ca.ext", `basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nauthorityInfoAccess=caIssuers;URI:http://127.0.0.1:${port}/root.der\n`);
    ext("leaf.ext", `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:chain-cli.example\nauthorityInfoAccess=caIssuers;URI:http://127.0.0.1:${port}/int.der\n`);
    openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-subj", "/CN=CLI Chain Test Root", "-days", "3650",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
    openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=CLI Chain Test Int"], dir);
    openssl(["x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "2", "-days", "3650", "-extfile", "ca.ext", "-out", "int.pem"], dir);
    openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=chain-cli.example"], dir);
    openssl(["x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key", "-set_serial", "3", "-days", "90", "-extfile", "leaf.ext", "-out", "leaf.pem"], dir);
    openssl(["x509", "-in", "root.pem", "-outform", "DER", "-out", "root.der"], dir);
    openssl(["x509", "-in", "int.pem", "-outform", "DER", "-out", "int.der"], dir);
    own = { dir, port, leaf: path.join(dir, "leaf.pem"), key: path.join(dir, "leaf.key") };
  });

  after(async () => {
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
  });

  it("--roots FILE --allow-private-aia: int1 fetched and added (subject, URL, SHA-256), ChainIncomplete gone, exit 0", async () => {
    const before = hits.length;
    const r = await run(["check", LEAF, "--complete-chain", "--allow-private-aia", "--roots", rootPem]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout.split("\n")[0], /^OK  no errors/);
    assert.doesNotMatch(r.stdout, /ChainIncomplete/);
    assert.match(r.stdout, /completion +completed: 1 certificate added/);
    assert.match(r.stdout, /\+ CN=AIA Test Int 1\n/);
    assert.match(r.stdout, /from +http:\/\/127\.0\.0\.1:18790\/int1\.der\n/);
    assert.ok(r.stdout.includes(`SHA-256 ${INT1_SHA256}`), r.stdout);
    assert.match(r.stdout, /chain +2 certificates, leaf first/);
    assert.deepEqual(hits.slice(before), [`${AIA_PORT}/int1.der`], "the root is in --roots: not fetched");
    // Without --complete-chain the same leaf is incomplete, and nothing is fetched.
    const plain = await run(["check", LEAF, "--roots", rootPem]);
    assert.equal(plain.status, 0);
    assert.match(plain.stdout, /warning +ChainIncomplete/);
    assert.doesNotMatch(plain.stdout, /completion/);
    assert.equal(hits.length, before + 1);
  });

  it("without --allow-private-aia: refused in words, the stand-in gets no request, ChainIncomplete stays, exit 0 (the check ran)", async () => {
    const before = hits.length;
    const r = await run(["check", LEAF, "--complete-chain", "--roots", rootPem]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /warning +ChainIncomplete/);
    assert.match(r.stdout, /nothing added: incomplete — refused: 127\.0\.0\.1 is a loopback address \(use --allow-private-aia to allow\)/);
    assert.match(r.stdout, /not fetched http:\/\/127\.0\.0\.1:18790\/int1\.der: refused: .* \[AiaRefused\]/);
    const j = await run(["check", LEAF, "--complete-chain", "--json"]);
    assert.equal(j.status, 0);
    const doc = JSON.parse(j.stdout);
    assert.equal(doc.completion.complete, false);
    assert.deepEqual(doc.completion.added, []);
    assert.deepEqual(doc.completion.fetches.map((f) => [f.url, f.ok, f.code]), [["http://127.0.0.1:18790/int1.der", false, "AiaRefused"]]);
    assert.ok(doc.report.warnings.some((w) => w.kind === "ChainIncomplete"));
    assert.equal(hits.length, before, "no request reached the stand-in");
  });

  it("--json: { report, completion } — the ChainCompletion (completed bundle, added with url) and the fetches", async () => {
    const r = await run(["check", LEAF, "--complete-chain", "--allow-private-aia", "--roots", rootPem, "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ["report", "completion"]);
    assert.deepEqual(Object.keys(doc.completion).sort(), ["added", "certificate", "complete", "fetches", "findings", "next"]);
    assert.equal(doc.completion.complete, true);
    assert.deepEqual(doc.completion.next, []);
    assert.equal(doc.completion.certificate.match(/-----BEGIN CERTIFICATE-----/g).length, 2);
    assert.equal(doc.completion.added.length, 1);
    assert.equal(doc.completion.added[0].subject, "CN=AIA Test Int 1");
    assert.equal(doc.completion.added[0].url, "http://127.0.0.1:18790/int1.der");
    assert.equal(doc.completion.added[0].fingerprintSha256, INT1_SHA256);
    assert.deepEqual(doc.completion.fetches.map((f) => [f.url, f.ok, f.status]), [["http://127.0.0.1:18790/int1.der", true, 200]]);
    assert.equal(doc.report.chain.length, 2, "the report is the completed bundle's");
    assert.deepEqual(doc.report.warnings.map((w) => w.kind), []);
  });

  it("--roots node / mozilla / none: the fixtures' private root is in neither set (ChainIncomplete, ChainUntrusted)", async () => {
    for (const set of ["node", "mozilla"]) {
      const before = hits.length;
      const r = await run(["check", LEAF, "--complete-chain", "--allow-private-aia", "--roots", set, "--json"]);
      assert.equal(r.status, 0, `${set}: ${r.stderr}`);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.completion.added.length, 1, set);
      assert.equal(doc.completion.complete, true, `${set}: the fetched root is self-signed`);
      assert.deepEqual(hits.slice(before), [`${AIA_PORT}/int1.der`, `${AIA_PORT}/root.der`], `${set}: int1's issuer is not in the set, so its URL is fetched too`);
      assert.deepEqual(doc.report.warnings.map((w) => w.kind), ["ChainIncomplete"], `${set}: int1 is issued by a root outside ${set}'s set`);
      const untrusted = await run(["check", PRIVATE_ROOT, "--roots", set, "--json"]);
      assert.equal(untrusted.status, 0);
      assert.ok(JSON.parse(untrusted.stdout).report.warnings.some((w) => w.kind === "ChainUntrusted"), set);
    }
    const none = await run(["check", PRIVATE_ROOT, "--roots", "none", "--json"]);
    assert.equal(none.status, 0);
    assert.ok(!JSON.parse(none.stdout).report.warnings.some((w) => w.kind === "ChainUntrusted"), "no roots: no trust judged");
    const byDefault = await run(["check", PRIVATE_ROOT, "--json"]);
    assert.ok(JSON.parse(byDefault.stdout).report.warnings.some((w) => w.kind === "ChainUntrusted"), "the default is mozilla");
  });

  it("upload --complete-chain sends the completed 2-certificate bundle to the mock; refused fetch: nothing sent", async () => {
    const before = await mock.requests();
    const r = await run(["upload", own.leaf, own.key, "--provider", "aliyun-cas", "--name", "chain-cli", "--complete-chain", "--allow-private-aia", "--json"], { extra: mockEnv() });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ["report", "request", "response", "completion"]);
    assert.equal(doc.response.status, 200);
    const sent = doc.request.query.find(([k]) => k === "Cert")[1];
    assert.equal(sent.match(/-----BEGIN CERTIFICATE-----/g).length, 2, "leaf + intermediate, no root");
    assert.equal(doc.completion.added[0].subject, "CN=CLI Chain Test Int");
    assert.equal(doc.completion.complete, true);
    assert.equal(await mock.requests(), before + 1);
    assert.ok(hits.includes(`${own.port}/int.der`) && hits.includes(`${own.port}/root.der`));

    const text = await run(["upload", own.leaf, own.key, "--provider", "tencent-ssl", "--complete-chain", "--allow-private-aia"], { extra: mockEnv() });
    assert.equal(text.status, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /^UPLOADED  tencent-ssl/);
    assert.match(text.stdout, /completion +completed: 1 certificate added/);
    assert.equal(await mock.requests(), before + 2);

    const fetchesBefore = hits.length;
    const refused = await run(["upload", own.leaf, own.key, "--provider", "aliyun-cas", "--name", "chain-cli", "--complete-chain"], { extra: mockEnv() });
    assert.equal(refused.status, 2, refused.stdout);
    assert.match(refused.stdout, /nothing was sent: --complete-chain could not complete the chain \(refused: 127\.0\.0\.1 is a loopback address/);
    assert.equal(hits.length, fetchesBefore, "no fetch");
    assert.equal(await mock.requests(), before + 2, "nothing uploaded");
    // Without --complete-chain the leaf alone is uploaded as given (the flag is the opt-in).
    const dry = await run(["upload", own.leaf, own.key, "--provider", "aliyun-cas", "--name", "chain-cli", "--dry-run", "--json"], { extra: mockEnv() });
    assert.equal(dry.status, 0);
    assert.equal(JSON.parse(dry.stdout).request.query.find(([k]) => k === "Cert")[1].match(/BEGIN CERTIFICATE/g).length, 1);
  });

  it("usage: an unknown --roots value (a near miss named, anything else not echoed), --allow-private-aia alone, --help", async () => {
    assertOneLineError(await run(["check", LEAF, "--roots", "mozila"]), 2, /unknown --roots value "mozila" \(did you mean "mozilla"\?\)/);
    const far = await run(["check", LEAF, "--roots", "qqzz-not-a-set"]);
    assertOneLineError(far, 2, /unknown --roots value \(14 characters\): expected mozilla, node, none, or a PEM\/DER file/);
    assert.ok(!far.stderr.includes("qqzz"), "the value is not echoed");
    const notRoots = path.join(work, "not-roots.pem");
    writeFileSync(notRoots, "hello\n");
    assertOneLineError(await run(["check", LEAF, "--roots", notRoots]), 2, /--roots .*: no usable root certificate in it/);
    assertOneLineError(await run(["check", LEAF, "--allow-private-aia"]), 2, /--allow-private-aia needs --complete-chain/);
    for (const c of ["check", "upload"]) {
      const h = await run([c, "--help"]);
      for (const flag of ["--complete-chain", "--allow-private-aia", "--roots SET"]) assert.ok(h.stdout.includes(flag), `${c} --help: ${flag}`);
    }
  });
});

// ---- secrets ---------------------------------------------------------------------------------

describe("--pfx and DER files (issue 18)", () => {
  // tests/fixtures/gen-pfx.sh: OpenSSL 3 default and -legacy PKCS#12 files (password "secret"), the
  // leaf and its key as DER; leaf CN=pfx.test, a 3-certificate chain ending at a private root.
  const PFX = path.join(fixtures, "pfx/ossl3-default.p12");
  const LEGACY = path.join(fixtures, "pfx/ossl3-legacy.p12");
  const LEAF_DER = path.join(fixtures, "pfx/leaf.der");
  const KEY_DER = path.join(fixtures, "pfx/leaf.key.der");
  const WRONG = "wrong-pfx-password-1f3a";
  const pfxKeyLines = () =>
    ["ossl3-default", "ossl3-legacy"]
      .flatMap((n) => readFileSync(path.join(fixtures, `pfx/${n}.keys.pem`), "utf8").split("\n"))
      .filter((l) => l.length >= 40 && !l.startsWith("-----"));
  let passFile;
  let wrongFile;
  before(() => {
    passFile = path.join(work, "pfx.pass");
    wrongFile = path.join(work, "pfx-wrong.pass");
    writeFileSync(passFile, "secret\n");
    writeFileSync(wrongFile, `${WRONG}\n`);
  });

  it("check --pfx with its password: the file's chain and key checked, exit 0; --json says source pkcs12, no key", async () => {
    const r = await run(["check", "--pfx", PFX, "--passphrase-file", passFile]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /leaf +CN=pfx\.test/);
    assert.match(r.stdout, /chain +3 certificates, leaf first/);
    assert.match(r.stdout, /belongs to the leaf/);
    const j = await run(["check", "--pfx", LEGACY, "--passphrase-env", "PFX_PASS", "--provider", "tencent-ssl", "--json"], { extra: { PFX_PASS: "secret" } });
    assert.equal(j.status, 0, j.stdout + j.stderr);
    const { report } = JSON.parse(j.stdout);
    assert.equal(report.certificate.source, "pkcs12");
    assert.equal(report.privateKey.source, "pkcs12");
    assert.match(report.normalized.certificate, /^-----BEGIN CERTIFICATE-----/);
    assert.equal(report.normalized.privateKey, undefined, "the key is never printed");
    // From stdin too.
    const piped = await run(["check", "--pfx", "-", "--passphrase-file", passFile], { input: readFileSync(PFX) });
    assert.equal(piped.status, 0, piped.stderr);
  });

  it("check --pfx: a wrong password is PfxPasswordIncorrect (exit 1, not echoed), none is PrivateKeyEncrypted", async () => {
    const wrong = await run(["check", "--pfx", PFX, "--passphrase-file", wrongFile]);
    assert.equal(wrong.status, 1, wrong.stderr);
    assert.match(wrong.stdout, /^REFUSED  PfxPasswordIncorrect/);
    assert.ok(!(wrong.stdout + wrong.stderr).includes(WRONG));
    const none = await run(["check", "--pfx", PFX, "--json"]);
    assert.equal(none.status, 1);
    assert.deepEqual(JSON.parse(none.stdout).report.errors.map((f) => f.kind), ["PrivateKeyEncrypted"]);
  });

  it("check with binary DER CERT and KEY (.der/.cer): read as bytes, source der, exit 0", async () => {
    const r = await run(["check", LEAF_DER, KEY_DER, "--provider", "aliyun-slb", "--region", "cn-hangzhou", "--json"]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const { report } = JSON.parse(r.stdout);
    assert.equal(report.certificate.source, "der");
    assert.equal(report.privateKey.source, "der");
    assert.equal(report.certificate.subject, "CN=pfx.test");
  });

  it("usage: --pfx with CERT or KEY, and both passphrase flags, are exit 2 in one line", async () => {
    assertOneLineError(await run(["check", "--pfx", PFX, RSA_CERT]), 2, /--pfx replaces CERT and KEY/);
    assertOneLineError(await run(["upload", "--pfx", PFX, RSA_CERT, RSA_KEY, "--provider", "tencent-ssl"]), 2, /--pfx replaces CERT and KEY/);
    assertOneLineError(await run(["upload", "--pfx", PFX, "--provider", "tencent-ssl", "--passphrase-file", passFile, "--passphrase-env", "X"]), 2, /cannot be used together/);
    assertOneLineError(await run(["check", "--pfx", path.join(work, "no-such.pfx")]), 2, /cannot read --pfx .*no such file/);
  });

  it("upload --pfx sends the file's PEM pair to the mock; a wrong password sends nothing; DER files upload too", async () => {
    const before = await mock.requests();
    const r = await run(["upload", "--pfx", PFX, "--passphrase-file", passFile, "--provider", "aliyun-cas", "--name", "pfx-cli", "--json"], { extra: mockEnv() });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.response.status, 200);
    const sent = doc.request.query.find(([k]) => k === "Cert")[1];
    assert.match(sent, /^-----BEGIN CERTIFICATE-----/);
    assert.equal(doc.report.certificate.source, "pkcs12");
    assert.equal(await mock.requests(), before + 1);
    const text = await run(["upload", "--pfx", LEGACY, "--passphrase-env", "PFX_PASS", "--provider", "tencent-ssl"], { extra: { ...mockEnv(), PFX_PASS: "secret" } });
    assert.equal(text.status, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /^UPLOADED  tencent-ssl/);
    assert.equal(await mock.requests(), before + 2);
    const wrong = await run(["upload", "--pfx", PFX, "--passphrase-file", wrongFile, "--provider", "tencent-ssl"], { extra: mockEnv() });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /nothing was sent/);
    assert.equal(await mock.requests(), before + 2, "nothing uploaded");
    const der = await run(["upload", LEAF_DER, KEY_DER, "--provider", "tencent-ssl", "--dry-run", "--json"], { extra: mockEnv() });
    assert.equal(der.status, 0, der.stdout + der.stderr);
    assert.match(JSON.parse(der.stdout).request.body, /-----BEGIN CERTIFICATE-----/);
    for (const out of [r, text, wrong, der]) {
      for (const line of pfxKeyLines()) assert.ok(!(out.stdout + out.stderr).includes(line), "a key line was printed");
    }
  });
});

describe("--language zh-CN | en-US (issue 21)", () => {
  // The package's table (src/provider/tencent_ssl.rs): Tencent's two texts for a mismatched key.
  const MATCH_ZH = "温馨提示：证书内容和私钥不匹配，请您核对（请留意是否有多余的空格）";
  const MATCH_EN = "Note: the certificate content and private key do not match. please check (pay attention to whether there are extra spaces).";
  const header = (doc) => doc.request.headers.find(([k]) => k === "x-tc-language")?.[1];

  it("check: Tencent's own text in the language asked; zh-CN (the default) adds the English one on a dim line; --json as the package gives it", async () => {
    const zh = await run(["check", RSA_CERT, OTHER_KEY, "--provider", "tencent-ssl", "--language", "zh-CN"]);
    assert.equal(zh.status, 1);
    assert.equal(zh.stdout.split("\n")[0], `REFUSED  FailedOperation.CertificateMatchError (HTTP 200): ${MATCH_ZH}  — tencent-ssl`);
    assert.match(zh.stdout, new RegExp(`\n {11}${MATCH_ZH}\n {11}${MATCH_EN.replace(/[.()]/g, "\\$&")}\n`), "messageEn on the line after the message");
    const byDefault = await run(["check", RSA_CERT, OTHER_KEY, "--provider", "tencent-ssl"]);
    assert.equal(byDefault.stdout, zh.stdout, "Tencent's default is zh-CN");
    const en = await run(["check", RSA_CERT, OTHER_KEY, "--provider", "tencent-ssl", "--language", "en-US"]);
    assert.equal(en.status, 1);
    assert.equal(en.stdout.split("\n")[0], `REFUSED  FailedOperation.CertificateMatchError (HTTP 200): ${MATCH_EN}  — tencent-ssl`);
    assert.ok(!en.stdout.includes(MATCH_ZH));
    assert.equal(en.stdout.split(MATCH_EN).length, 3, "once in the verdict, once in the finding, no second English line");
    for (const [language, message, messageEn] of [["zh-CN", MATCH_ZH, MATCH_EN], ["en-US", MATCH_EN, undefined]]) {
      const j = await run(["check", RSA_CERT, OTHER_KEY, "--provider", "tencent-ssl", "--language", language, "--json"]);
      const e = JSON.parse(j.stdout).report.errors[0];
      assert.equal(e.message, message, language);
      assert.equal(e.messageEn, messageEn, language);
    }
    // CERT_PREFLIGHT_LANGUAGE when the flag is absent; the flag wins.
    const fromEnv = await run(["check", RSA_CERT, OTHER_KEY, "--provider", "tencent-ssl", "--json"], { extra: { CERT_PREFLIGHT_LANGUAGE: "en-US" } });
    assert.equal(JSON.parse(fromEnv.stdout).report.errors[0].message, MATCH_EN);
    const flagWins = await run(["check", RSA_CERT, OTHER_KEY, "--provider", "tencent-ssl", "--language", "zh-CN", "--json"], { extra: { CERT_PREFLIGHT_LANGUAGE: "en-US" } });
    assert.equal(JSON.parse(flagWins.stdout).report.errors[0].message, MATCH_ZH);
    // scan --json: each report in the language asked (a certificate without its key, in Tencent's words).
    for (const [language, message] of [["en-US", "There is no matching private key."], ["zh-CN", "没有匹配的私钥。"]]) {
      const scan = await run(["scan", RSA_CERT, "--provider", "tencent-ssl", "--language", language, "--json"]);
      assert.equal(scan.status, 1, scan.stderr);
      assert.equal(JSON.parse(scan.stdout)[0].report.errors[0].message, message, language);
    }
  });

  it("upload --language en-US to the mock: the request asks for en-US (X-TC-Language), the mock takes it; a refusal is in English; zh-CN by default", async () => {
    const before = await mock.requests();
    const j = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--language", "en-US", "--json"], { extra: mockEnv() });
    assert.equal(j.status, 0, j.stdout + j.stderr);
    const doc = JSON.parse(j.stdout);
    assert.equal(header(doc), "en-US");
    assert.equal(doc.response.status, 200);
    assert.match(doc.response.body.Response.CertificateId, /^[0-9a-f]{8}$/);
    assert.equal(await mock.requests(), before + 1);
    const plain = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--dry-run", "--json"], { extra: mockEnv() });
    assert.equal(header(JSON.parse(plain.stdout)), "zh-CN", "the API's default, said out loud");
    const dry = await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--dry-run"], { extra: { ...mockEnv(), CERT_PREFLIGHT_LANGUAGE: "en-US" } });
    assert.match(dry.stdout, /\n  x-tc-language: en-US\n/);
    const refused = await run(["upload", RSA_CERT, OTHER_KEY, "--provider", "tencent-ssl", "--language", "en-US"], { extra: mockEnv() });
    assert.equal(refused.status, 1);
    assert.equal(refused.stdout.split("\n")[0], `REFUSED  FailedOperation.CertificateMatchError (HTTP 200): ${MATCH_EN}  — tencent-ssl`);
    assert.match(refused.stdout, /nothing was sent/);
    assert.equal(await mock.requests(), before + 1, "the refusal sent nothing");
  });

  it("usage: a value that is neither language is exit 2 naming zh-CN and en-US (a near miss named, anything else not echoed); not on fingerprint", async () => {
    assertOneLineError(await run(["check", RSA_CERT, "--language", "en_us"]), 2, /unknown --language "en_us" \(did you mean "en-US"\?\): expected zh-CN, en-US$/);
    assertOneLineError(await run(["upload", RSA_CERT, RSA_KEY, "--provider", "tencent-ssl", "--language", "zh"], { extra: mockEnv() }), 2, /unknown --language \(2 characters\): expected zh-CN, en-US$/);
    assertOneLineError(await run(["scan", RSA_CERT, "--language", "klingon-tlh"]), 2, /unknown --language \(11 characters\): expected zh-CN, en-US$/);
    assertOneLineError(await run(["check", RSA_CERT], { extra: { CERT_PREFLIGHT_LANGUAGE: "fr-FR" } }), 2, /unknown CERT_PREFLIGHT_LANGUAGE \(5 characters\): expected zh-CN, en-US$/);
    assertOneLineError(await run(["check", RSA_CERT, "--language"]), 2, /--language needs a value/);
    assertOneLineError(await run(["fingerprint", RSA_CERT, "--language", "en-US"]), 2, /unknown option --language for fingerprint|unknown option for fingerprint/);
    const help = await run(["check", "--help"]);
    assert.match(help.stdout, /--language LANG +zh-CN or en-US/);
  });
});

describe("secrets", () => {
  it("are absent from every byte the commands printed (credentials, tokens, passphrases, private keys)", () => {
    const all = printed.join("\n");
    assert.ok(all.length > 10_000, "the other tests ran first");
    const keyLines = [RSA_KEY, OTHER_KEY, ENC_KEY, EC_KEY]
      .flatMap((f) => readFileSync(f, "utf8").split("\n"))
      .filter((l) => l.length >= 40 && !l.startsWith("-----"));
    const secrets = [FAKE.aliyunSecret, FAKE.stsToken, FAKE.tencentSecret, ENC_PASS, MOCK.ALIBABA_CLOUD_ACCESS_KEY_SECRET, MOCK.TENCENTCLOUD_SECRET_KEY, ...keyLines];
    for (const s of secrets) assert.ok(!all.includes(s), `a secret (${s.length} characters) was printed`);
    assert.doesNotMatch(all, PEM_KEY);
  });
});
