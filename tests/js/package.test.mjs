// The built npm package in Node (`make test-npm`, `node --test tests/js/`): packed, installed from the
// tarball into a temporary project and imported by name. Runs the whole fixture corpus
// (tests/fixtures/manifest.json) through `validate` and compares it like tests/corpus.rs; checks
// fingerprint formats, thrown Error shapes, init() idempotence, the "./manual" entry, the
// package.json contract and the shipped TypeScript definitions.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { disagreements, fixture, fixtures, importByName, installPackage, manifest, repo, runModule } from "./helpers.mjs";

const nowMs = manifest.nowMs;
let installed;
let main;
let manual;
let wasmUrl;
let mainUrl;

before(async () => {
  installed = installPackage();
  ({ main, manual, wasmUrl, mainUrl } = await importByName(installed.dir));
});
after(() => installed?.cleanup());

const RSA_FULLCHAIN = fixture("rsa/2048/fullchain.pem");
const RSA_KEY = fixture("rsa/2048/key.pem");

/** Calls `fn`, which must throw; returns what it threw. */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("did not throw");
}

function assertCodedError(e, code) {
  assert.ok(e instanceof Error, `thrown value is not an Error: ${typeof e} ${String(e)}`);
  assert.equal(e.code, code, e.message);
  assert.equal(typeof e.message, "string");
  assert.ok(e.message.length > 0);
}

describe("package contents", () => {
  it("package.json has the exports contract and the Cargo.toml version", () => {
    const pkg = JSON.parse(readFileSync(path.join(installed.packageDir, "package.json"), "utf8"));
    const cargo = readFileSync(path.join(repo, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
    assert.equal(pkg.name, "cert-preflight");
    assert.equal(pkg.version, cargo);
    assert.equal(pkg.type, "module");
    assert.equal(pkg.types, "./index.d.ts");
    assert.equal(pkg.license, "MIT OR Apache-2.0");
    const root = pkg.exports["."];
    assert.deepEqual(Object.keys(root), ["workerd", "node", "require", "browser", "default"]);
    // Types per condition: the CommonJS entry has its own (index.d.cts).
    assert.deepEqual(root.node, {
      import: { types: "./index.d.ts", default: "./node.js" },
      require: { types: "./index.d.cts", default: "./node.cjs" },
    });
    assert.deepEqual(root.require, { types: "./index.d.cts", default: "./node.cjs" });
    assert.equal(pkg.main, "./node.cjs");
    assert.deepEqual(pkg.exports["./worker"].default, { types: "./worker.d.ts", default: "./worker.js" });
    assert.equal(pkg.exports["./manual"].default, "./cert_preflight.js");
    assert.equal(pkg.exports["./cert_preflight_bg.wasm"], "./cert_preflight_bg.wasm");
    // Only the auto-initialising entries have side effects (a bundler must keep them).
    assert.deepEqual([...pkg.sideEffects].sort(), ["./index.js", "./node.cjs", "./node.js", "./worker.js", "./workerd.js"]);
    const shipped = installed.packed.files.map((f) => f.path).sort();
    for (const f of pkg.files) assert.ok(shipped.includes(f), `${f} is not in the tarball`);
    for (const f of ["LICENSE", "README.md", "package.json"]) assert.ok(shipped.includes(f), f);
  });

  it("imports by name resolve to the node entry, the raw glue and the .wasm", () => {
    assert.equal(path.basename(fileURLToPath(mainUrl)), "node.js");
    assert.equal(path.basename(fileURLToPath(wasmUrl)), "cert_preflight_bg.wasm");
    const wasm = readFileSync(fileURLToPath(wasmUrl));
    assert.ok(WebAssembly.validate(wasm), "the shipped .wasm validates");
  });

  it("the workerd and browser conditions pick their entries", () => {
    const resolve = (cond) =>
      runModule(installed.dir, 'console.log(import.meta.resolve("cert-preflight"))', [`--conditions=${cond}`]).trim();
    assert.equal(path.basename(fileURLToPath(resolve("workerd"))), "workerd.js");
    // Node always adds "node"; the browser entry is what every other runtime and bundler gets.
    const pkg = JSON.parse(readFileSync(path.join(installed.packageDir, "package.json"), "utf8"));
    assert.equal(pkg.exports["."].browser.default, "./index.js");
    assert.equal(pkg.exports["."].default.default, "./index.js");
  });

  it("TypeScript definitions are typed (no `any` in public signatures)", () => {
    const dts = readFileSync(path.join(installed.packageDir, "cert_preflight.d.ts"), "utf8");
    const entry = readFileSync(path.join(installed.packageDir, "index.d.ts"), "utf8");
    assert.match(dts, /export function validate\(input: ValidateInput\): Report;/);
    assert.match(
      dts,
      /export function fingerprint\(pem: string, algorithm\?: "sha1" \| "sha256", format\?: "colon-lower" \| "colon-upper" \| "hex"\): string;/,
    );
    for (const name of ["Report", "Finding", "CertInfo", "KeyInfo", "ValidateInput"]) {
      assert.match(dts, new RegExp(`export (interface|type) ${name}\\b`), name);
    }
    // Everything but wasm-bindgen's raw `InitOutput` (the instance's ABI-level exports, typed by
    // wasm-bindgen itself) must be free of `any`.
    const publicPart = dts.replace(/export interface InitOutput \{[\s\S]*?\n\}/, "");
    const withAny = publicPart.split("\n").filter((l) => /\bany\b/.test(l) && !/^\s*(\*|\/\/|\/\*)/.test(l));
    assert.deepEqual(withAny, []);
    assert.match(entry, /export \* from "\.\/cert_preflight\.js";/);
    assert.doesNotMatch(entry.replace(/^\s*\/\/.*$/gm, ""), /\bany\b/);
  });

  it("the Kind type lists exactly the core's kinds (Kind::ALL in src/finding.rs)", () => {
    const dts = readFileSync(path.join(installed.packageDir, "cert_preflight.d.ts"), "utf8");
    const declared = [.../export type Kind =([^;]*);/.exec(dts)[1].matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]);
    const rust = readFileSync(path.join(repo, "src/finding.rs"), "utf8");
    const all = /pub const ALL: &'static \[Kind\] = &\[([\s\S]*?)\];/.exec(rust)[1];
    const kinds = [...all.matchAll(/Kind::([A-Za-z0-9]+)/g)].map((m) => m[1]);
    assert.ok(kinds.length >= 20, `${kinds.length} kinds read`);
    assert.deepEqual([...declared].sort(), [...kinds].sort());
  });
});

describe("fixture corpus through the package (like tests/corpus.rs)", () => {
  assert.ok(manifest.cases.length >= 100, `the corpus has only ${manifest.cases.length} cases`);
  for (const c of manifest.cases) {
    it(c.name, () => {
      const input = { certificate: fixture(c.certificate) ?? "", now: nowMs };
      if (c.privateKey != null) input.privateKey = fixture(c.privateKey);
      if (c.passphrase != null) input.passphrase = c.passphrase;
      const report = main.validate(input);
      assert.deepEqual(disagreements(c, report), []);
    });
  }
});

describe("fingerprint", () => {
  const c = manifest.cases.find((x) => x.facts?.chain?.length);
  const pem = fixture(c.certificate);
  const leaf = c.facts.chain[0];

  it("formats and algorithms agree with openssl's fingerprints", () => {
    assert.equal(main.fingerprint(pem, "sha256", "colon-lower"), leaf.fingerprintSha256);
    assert.equal(main.fingerprint(pem, "sha256", "colon-upper"), leaf.fingerprintSha256.toUpperCase());
    assert.equal(main.fingerprint(pem, "sha256", "hex"), leaf.fingerprintSha256.replaceAll(":", ""));
    assert.equal(main.fingerprint(pem, "sha1", "colon-lower"), leaf.fingerprintSha1);
    assert.equal(main.fingerprint(pem, "sha1", "hex"), leaf.fingerprintSha1.replaceAll(":", ""));
    // Defaults: SHA-1, colon-separated lowercase (what aliyun-slb shows).
    assert.equal(main.fingerprint(pem), leaf.fingerprintSha1);
    assert.equal(main.fingerprint(pem, undefined, "hex"), leaf.fingerprintSha1.replaceAll(":", ""));
  });

  it("input without a certificate throws Error with code CertificateFormatInvalid", () => {
    for (const bad of ["x", "", RSA_KEY, fixture("malformed/bad-base64-char.pem")]) {
      assertCodedError(thrown(() => main.fingerprint(bad)), "CertificateFormatInvalid");
    }
  });

  it("malformed arguments throw Error with code InvalidArgument", () => {
    assertCodedError(thrown(() => main.fingerprint(42)), "InvalidArgument");
    assertCodedError(thrown(() => main.fingerprint()), "InvalidArgument");
    assertCodedError(thrown(() => main.fingerprint(pem, "md5")), "InvalidArgument");
    assertCodedError(thrown(() => main.fingerprint(pem, "sha256", "base64")), "InvalidArgument");
    assertCodedError(thrown(() => main.fingerprint(pem, 1)), "InvalidArgument");
  });
});

describe("validate: report shape and thrown errors", () => {
  it("the acceptance check: validate({certificate: 'x'}) reports CertificateFormatInvalid", () => {
    const r = main.validate({ certificate: "x" });
    assert.equal(r.errors[0].kind, "CertificateFormatInvalid");
    assert.equal(r.ok, false);
    assert.equal(r.certificate, null);
    assert.equal(r.privateKey, null);
    assert.deepEqual(r.chain, []);
    assert.deepEqual(r.warnings, []);
  });

  it("a valid pair has exactly the SPEC field names", () => {
    const r = main.validate({ certificate: RSA_FULLCHAIN, privateKey: RSA_KEY, now: nowMs });
    assert.equal(r.ok, true);
    assert.deepEqual(Object.keys(r).sort(), ["certificate", "chain", "errors", "ok", "privateKey", "warnings"]);
    assert.deepEqual(Object.keys(r.certificate).sort(), [
      "caIssuers", "commonName", "curve", "fingerprintSha1", "fingerprintSha256", "index", "isCA", "issuer", "keyAlgorithm",
      "keyBits", "notAfter", "notBefore", "serialNumber", "signatureAlgorithm", "source", "subject", "subjectAltNames",
    ]);
    assert.equal(r.certificate.curve, null);
    assert.equal(r.certificate.source, "pem");
    assert.deepEqual(Object.keys(r.privateKey).sort(), ["curve", "format", "keyAlgorithm", "keyBits", "source"]);
    assert.equal(r.privateKey.source, "pem");
    assert.ok(Array.isArray(r.chain) && Array.isArray(r.errors) && Array.isArray(r.warnings));
  });

  it("each provider answers a mismatch in its own words", () => {
    const base = { certificate: fixture("chain/rsa/leaf.pem"), privateKey: fixture("chain/rsa/int.key.pem"), now: nowMs };
    // EVIDENCE.md S3 / T2: with how sure each code is and the provider's other codes for it.
    const want = {
      "aliyun-slb": ["InvalidParameter", 400, "PrivateKey", "documented", ["CertificateNotMatchPrivateKey"]],
      "aliyun-cas": ["CertificateMismatch", 400, "Key", "inferred", []],
      "tencent-ssl": ["FailedOperation.CertificateMatchError", 200, "CertificatePrivateKey", "documented", ["FailedOperation.CertificateMismatch"]],
      undefined: ["CertificateMismatch", 400, "privateKey", "documented", []],
    };
    for (const [provider, expected] of Object.entries(want)) {
      const input = provider === "undefined" ? base : { ...base, provider };
      const f = main.validate(input).errors.find((x) => x.kind === "CertificateMismatch");
      assert.ok(f, provider);
      assert.deepEqual([f.code, f.httpStatus, f.field, f.confidence, f.alternatives], expected, provider);
    }
  });

  it("malformed calls throw Error with code InvalidArgument (never a string)", () => {
    const calls = [
      () => main.validate(),
      () => main.validate(null),
      () => main.validate("-----BEGIN CERTIFICATE-----"),
      () => main.validate(42),
      () => main.validate([RSA_FULLCHAIN]),
      () => main.validate({ certificate: RSA_FULLCHAIN, provider: "aws-acm" }),
      () => main.validate({ certificate: 42 }),
      () => main.validate({ certificate: RSA_FULLCHAIN, now: "today" }),
      () => main.validate({ certificate: RSA_FULLCHAIN, certificateType: "LEAF" }),
      () => main.validate({ certificate: RSA_FULLCHAIN, privatekey: RSA_KEY }),
    ];
    for (const call of calls) assertCodedError(thrown(call), "InvalidArgument");
  });

  it("every ValidateInput field refuses a wrong type and takes undefined/null as absent", () => {
    const stringFields = ["certificate", "privateKey", "provider", "region", "passphrase", "certificateType",
      "signCertificate", "signPrivateKey", "encryptCertificate", "encryptPrivateKey"];
    const base = { certificate: RSA_FULLCHAIN, now: nowMs };
    for (const field of stringFields) {
      for (const wrong of [1, true, ["x"], { x: 1 }, 1n]) {
        const e = thrown(() => main.validate({ ...base, [field]: wrong }));
        assertCodedError(e, "InvalidArgument");
        assert.ok(e.message.includes(field), e.message);
      }
    }
    for (const [field, wrong] of [["now", "today"], ["now", 5n], ["now", NaN], ["now", -Infinity],
      ["eccRegions", "cn-hangzhou"], ["eccRegions", ["cn-hangzhou", 1]], ["eccRegions", { 0: "cn-hangzhou" }]]) {
      const e = thrown(() => main.validate({ ...base, [field]: wrong }));
      assertCodedError(e, "InvalidArgument");
      assert.ok(e.message.includes(field), e.message);
    }
    for (const absent of [undefined, null]) {
      const input = { ...base };
      for (const field of [...stringFields.slice(1), "eccRegions"]) input[field] = absent;
      assert.equal(main.validate(input).errors.length, 0);
    }
  });

  it("unknown keys throw even when undefined, naming the key; secrets never appear in messages", () => {
    for (const typo of ["privatekey", "Certificate", "ecc_regions"]) {
      const e = thrown(() => main.validate({ certificate: RSA_FULLCHAIN, [typo]: undefined }));
      assertCodedError(e, "InvalidArgument");
      assert.ok(e.message.includes(`"${typo}"`), e.message);
    }
    const secret = "hunter2-never-shown";
    for (const input of [{ certificate: RSA_FULLCHAIN, now: secret }, { certificate: RSA_FULLCHAIN, eccRegions: secret },
      { certificate: RSA_FULLCHAIN, eccRegions: [secret, 1] }]) {
      const e = thrown(() => main.validate(input));
      assertCodedError(e, "InvalidArgument");
      assert.ok(!e.message.includes(secret), e.message);
    }
  });

  it("now defaults to Date.now()", () => {
    // The rsa/2048 leaf is valid 2025-01-01 … 2030-01-01.
    const expired = main.validate({ certificate: RSA_FULLCHAIN, now: Date.UTC(2031, 0, 1) });
    assert.ok(expired.warnings.some((f) => f.kind === "CertificateExpired"));
    const today = main.validate({ certificate: RSA_FULLCHAIN });
    const expect = Date.now() > Date.UTC(2030, 0, 1);
    assert.equal(today.warnings.some((f) => f.kind === "CertificateExpired"), expect);
  });
});

describe("init", () => {
  it("init() and initSync() on the auto-initialised entry are harmless", async () => {
    const before = main.validate({ certificate: RSA_FULLCHAIN, now: nowMs });
    assert.equal(await main.init(), undefined);
    assert.equal(main.initSync(), undefined);
    assert.equal(await main.default(), undefined);
    // Even with arguments that would make wasm-bindgen load another instance.
    await main.init({ module_or_path: new URL("file:///nonexistent.wasm") });
    main.initSync({ module: new Uint8Array([0, 1, 2]) });
    assert.deepEqual(main.validate({ certificate: RSA_FULLCHAIN, now: nowMs }), before);
  });

  it("the manual entry shares the one instance once the package is loaded", async () => {
    const bytes = readFileSync(fileURLToPath(wasmUrl));
    const a = manual.initSync({ module: bytes });
    const b = await manual.default({ module_or_path: bytes });
    assert.equal(a, b, "a second init returned another instance");
    assert.equal(manual.validate, main.validate);
  });

  it("the manual entry does not initialise itself, and initialises once", () => {
    const out = runModule(
      installed.dir,
      `
      import { readFileSync } from "node:fs";
      import init, { initSync, validate, fingerprint } from "cert-preflight/manual";
      let before;
      try { validate({ certificate: "x" }); before = "no error"; } catch (e) { before = e instanceof Error ? "Error" : typeof e; }
      const bytes = readFileSync(new URL(import.meta.resolve("cert-preflight/cert_preflight_bg.wasm")));
      const one = initSync({ module: new WebAssembly.Module(bytes) });
      const two = initSync({ module: bytes });
      const three = await init({ module_or_path: bytes });
      console.log(JSON.stringify({
        before,
        same: one === two && two === three,
        kind: validate({ certificate: "x" }).errors[0].kind,
        fp: typeof fingerprint,
      }));
      `,
    );
    assert.deepEqual(JSON.parse(out), { before: "Error", same: true, kind: "CertificateFormatInvalid", fp: "function" });
  });

  it("require() of the package directory works (package.json main → the node entry)", () => {
    const out = runModule(
      installed.dir,
      `import { createRequire } from "node:module";
       const require = createRequire(import.meta.url);
       const m = require("./node_modules/cert-preflight");
       console.log(m.validate({ certificate: "x" }).errors[0].kind);`,
      ["--no-warnings"],
    );
    assert.equal(out.trim(), "CertificateFormatInvalid");
  });
});

describe("validate: PKCS#12 (pfx) and DER inputs (SPEC.md \"Input containers\")", () => {
  // tests/fixtures/gen-pfx.sh: OpenSSL 3 default and -legacy files, a file with two keys, the leaf
  // as DER and as bare base64; every password is "secret". tests/pfx.rs uses the same instant.
  const now = 1_750_000_000_000;
  const pfxFile = (name) => readFileSync(path.join(fixtures, "pfx", name));
  const bodies = (text, label) =>
    [...text.matchAll(new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`, "g"))].map((m) => m[1].replace(/\s/g, ""));

  for (const name of ["ossl3-default", "ossl3-legacy"]) {
    it(`${name}.p12 opens with its password: the PEM pair openssl pkcs12 -nodes prints, source "pkcs12"`, () => {
      const r = main.validate({ pfx: pfxFile(`${name}.p12`), passphrase: "secret", now });
      assert.equal(r.ok, true, JSON.stringify(r.errors));
      assert.deepEqual(r.warnings, []);
      assert.equal(r.certificate.source, "pkcs12");
      assert.equal(r.privateKey.source, "pkcs12");
      assert.equal(r.certificate.subject, "CN=pfx.test");
      assert.equal(r.chain.length, 3);
      const certs = bodies(r.normalized.certificate, "CERTIFICATE");
      assert.deepEqual([...certs].sort(), bodies(pfxFile(`${name}.certs.pem`).toString(), "CERTIFICATE").sort());
      assert.deepEqual(bodies(r.normalized.privateKey, "PRIVATE KEY"), bodies(pfxFile(`${name}.keys.pem`).toString(), "PRIVATE KEY"));
    });
  }

  it("pfx as a Uint8Array, a Buffer, a DataView and base64 text gives the same report", () => {
    const bytes = pfxFile("ossl3-default.p12");
    const want = main.validate({ pfx: new Uint8Array(bytes), passphrase: "secret", now });
    for (const pfx of [bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), pfxFile("ossl3-default.b64").toString()]) {
      assert.deepEqual(main.validate({ pfx, passphrase: "secret", now }), want);
    }
  });

  it("a wrong password is PfxPasswordIncorrect, none is PrivateKeyEncrypted; neither echoes it", () => {
    const pfx = pfxFile("ossl3-default.p12");
    const wrong = main.validate({ pfx, passphrase: "not the password", now });
    assert.deepEqual(wrong.errors.map((f) => f.kind), ["PfxPasswordIncorrect"]);
    assert.ok(!wrong.normalized);
    assert.ok(!JSON.stringify(wrong).includes("not the password"));
    assert.deepEqual(main.validate({ pfx, now }).errors.map((f) => f.kind), ["PrivateKeyEncrypted"]);
  });

  it("two keys: the one that belongs to the leaf is used, the other named in PfxContentUnused", () => {
    const r = main.validate({ pfx: pfxFile("two-keys.p12"), passphrase: "secret", now });
    assert.equal(r.ok, true, JSON.stringify(r.errors));
    assert.deepEqual(r.warnings.map((f) => f.kind), ["PfxContentUnused"]);
    assert.match(r.warnings[0].detail, /1 other private key/);
    const [used] = bodies(r.normalized.privateKey, "PRIVATE KEY");
    assert.ok(bodies(pfxFile("two-keys.keys.pem").toString(), "PRIVATE KEY").includes(used));
  });

  it("certificate and privateKey as DER bytes (Uint8Array, Buffer) and bare base64 DER text", () => {
    const leafDer = new Uint8Array(pfxFile("leaf.der"));
    const r = main.validate({ certificate: leafDer, privateKey: pfxFile("leaf.key.der"), now });
    assert.equal(r.ok, true, JSON.stringify(r.errors));
    assert.equal(r.certificate.source, "der");
    assert.equal(r.privateKey.source, "der");
    assert.deepEqual(bodies(r.normalized.certificate, "CERTIFICATE"), [pfxFile("leaf.b64").toString().trim()]);
    assert.match(r.normalized.privateKey, /^-----BEGIN (RSA )?PRIVATE KEY-----\n/);
    const encrypted = main.validate({ certificate: leafDer, privateKey: pfxFile("leaf.enc.der"), passphrase: "secret", now });
    assert.equal(encrypted.ok, true, JSON.stringify(encrypted.errors));
    const b64 = main.validate({ certificate: pfxFile("leaf.b64").toString(), now });
    assert.equal(b64.certificate.source, "der");
    assert.equal(b64.certificate.subject, "CN=pfx.test");
    assert.equal(main.validate({ certificate: pfxFile("chain.der"), now }).chain.length, 2);
  });

  it("pfx with a certificate or key, or a wrong type, throws a coded InvalidArgument", () => {
    const pfx = pfxFile("ossl3-default.p12");
    for (const extra of [{ certificate: fixture("rsa/2048/leaf.pem") }, { privateKey: RSA_KEY }, { certificate: pfxFile("leaf.der") }]) {
      const e = thrown(() => main.validate({ pfx, passphrase: "secret", now, ...extra }));
      assertCodedError(e, "InvalidArgument");
      assert.match(e.message, /pfx is exclusive/);
    }
    for (const input of [{ pfx: 42 }, { pfx: [1, 2] }, { certificate: {} }, { certificate: RSA_FULLCHAIN, privateKey: 7 }]) {
      assertCodedError(thrown(() => main.validate({ now, ...input })), "InvalidArgument");
    }
  });
});
