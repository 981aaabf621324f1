// The built package on workerd, the Cloudflare Workers runtime (`make test-workerd`): a tiny worker
// imports the package's `workerd` entry (found through the package's own exports map with the
// `workerd` condition, as wrangler's bundler does) and validates the pair posted to it. Driven
// through the Miniflare API, fully offline: cf: false (no Request.cf fetch), bound to 127.0.0.1.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { Miniflare } from "miniflare";

import { fixture, installPackage, manifest, runModule } from "./helpers.mjs";

let installed;
let mf;

const WORKER = (entry) => `
import { validate, fingerprint, init, initSync } from ${JSON.stringify(entry)};

export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      if (url.pathname === "/fingerprint") {
        return Response.json({ fingerprint: fingerprint(await request.text(), "sha256") });
      }
      if (url.pathname === "/init") {
        // Already initialised at start-up: both must be no-ops.
        await init();
        initSync();
        return Response.json({ ok: true });
      }
      const report = validate(await request.json());
      return Response.json(report, { status: report.ok ? 200 : 400 });
    } catch (e) {
      return Response.json(
        { thrown: true, isError: e instanceof Error, code: e?.code ?? null, message: String(e?.message ?? e) },
        { status: 422 },
      );
    }
  },
};
`;

before(async () => {
  installed = installPackage();
  // Resolve the package through its exports map with the condition workerd uses.
  const entryUrl = runModule(installed.dir, 'console.log(import.meta.resolve("cert-preflight"))', [
    "--conditions=workerd",
  ]).trim();
  const entry = fileURLToPath(entryUrl);
  assert.equal(path.basename(entry), "workerd.js");
  const rel = "./" + path.relative(installed.dir, entry).split(path.sep).join("/");
  const script = path.join(installed.dir, "worker.mjs");
  writeFileSync(script, WORKER(rel));
  mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    cf: false,
    compatibilityDate: "2026-04-01",
    modules: true,
    modulesRoot: installed.dir,
    scriptPath: script,
    // Miniflare follows the static imports; the .wasm goes in as a compiled WebAssembly.Module,
    // which is what the workerd entry expects (workerd refuses to compile wasm from bytes).
    // (The package is `type: module`, so its .js files are ES modules.)
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  installed?.cleanup();
});

async function post(pathname, body) {
  const res = await mf.dispatchFetch(`http://localhost${pathname}`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  return { status: res.status, body: await res.json() };
}

const nowMs = manifest.nowMs;

describe("workerd", () => {
  it("validates a valid pair", async () => {
    const { status, body } = await post("/", {
      certificate: fixture("rsa/2048/fullchain.pem"),
      privateKey: fixture("rsa/2048/key.pem"),
      now: nowMs,
    });
    assert.equal(status, 200);
    assert.equal(body.ok, true);
    assert.deepEqual(body.errors, []);
    assert.equal(body.chain.length, 3);
    assert.equal(body.certificate.keyAlgorithm, "RSA");
    assert.equal(body.certificate.curve, null);
    assert.equal(body.privateKey.format, "PKCS#8");
    const c = manifest.cases.find((x) => x.name === "rsa-2048");
    assert.equal(body.certificate.fingerprintSha256, c.facts.chain[0].fingerprintSha256);
  });

  it("reports a mismatch in the provider's words, request after request", async () => {
    for (let i = 0; i < 3; i++) {
      const { status, body } = await post("/", {
        certificate: fixture("chain/rsa/leaf.pem"),
        privateKey: fixture("chain/rsa/int.key.pem"),
        provider: "tencent-ssl",
        now: nowMs,
      });
      assert.equal(status, 400);
      assert.equal(body.ok, false);
      const f = body.errors.find((x) => x.kind === "CertificateMismatch");
      assert.equal(f.code, "FailedOperation.CertificateMatchError");
      assert.equal(f.confidence, "documented");
      assert.deepEqual(f.alternatives, ["FailedOperation.CertificateMismatch"]);
      assert.equal(f.httpStatus, 200);
      assert.equal(f.field, "CertificatePrivateKey");
    }
  });

  it("validates an encrypted key with its passphrase and an EC pair", async () => {
    const enc = await post("/", {
      certificate: fixture("rsa/2048/fullchain.pem"),
      privateKey: fixture("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem"),
      passphrase: "correct horse",
      now: nowMs,
    });
    assert.equal(enc.body.ok, true, JSON.stringify(enc.body.errors));
    const ec = await post("/", {
      certificate: fixture("ec/p256/fullchain.pem"),
      privateKey: fixture("ec/p256/key.sec1.pem"),
      now: nowMs,
    });
    assert.equal(ec.body.ok, true, JSON.stringify(ec.body.errors));
    assert.equal(ec.body.certificate.curve, "P-256");
  });

  it("thrown errors are Errors with a code; fingerprint and init work", async () => {
    const bad = await post("/", { certificate: "x", provider: "aws-acm" });
    assert.deepEqual([bad.status, bad.body.isError, bad.body.code], [422, true, "InvalidArgument"]);
    const fp = await post("/fingerprint", "not a certificate");
    assert.deepEqual([fp.status, fp.body.isError, fp.body.code], [422, true, "CertificateFormatInvalid"]);
    const ok = await post("/fingerprint", fixture("rsa/2048/leaf.pem"));
    assert.match(ok.body.fingerprint, /^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
    const init = await post("/init", "");
    assert.deepEqual(init.body, { ok: true });
  });
});
