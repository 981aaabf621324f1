// completeChain, trustAnchors, validate({ roots }) and the `cert-preflight/roots` subpath, through the
// built package installed from its tarball (`make test-npm`). The bodies are the files of
// tests/fixtures/aia/ (tests/fixtures/gen-aia.sh), handed over the way a host that fetched them would.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { rootCertificates } from "node:tls";

import { fixtures, installPackage, runModule } from "./helpers.mjs";

/** 2026-06-01T00:00:00Z, the fixtures' clock (gen.sh). */
const NOW = 1_780_272_000_000;
const AIA = "http://127.0.0.1:18790/";

let installed;
let api;

before(async () => {
  installed = installPackage();
  // The installed package, imported by name from inside the consumer project.
  const probe = path.join(installed.dir, "chain-probe.mjs");
  writeFileSync(
    probe,
    'export * from "cert-preflight";\nexport * as roots from "cert-preflight/roots";\n',
  );
  api = await import(probe);
});
after(() => installed?.cleanup());

const bytes = (name) => new Uint8Array(readFileSync(path.join(fixtures, "aia", name)));
const text = (name) => readFileSync(path.join(fixtures, "aia", name), "utf8");
const blocks = (pem) => pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;

/** The host loop of SPEC: fetch every `next` URL from tests/fixtures/aia/, call again. */
function host(certificate, options) {
  const fetched = [];
  for (let round = 0; round < 6; round++) {
    const out = api.completeChain(certificate, fetched, options);
    if (out.next.length === 0) return { out, round };
    for (const url of out.next) {
      let body = new Uint8Array(0);
      try {
        body = bytes(url.slice(url.lastIndexOf("/") + 1));
      } catch {
        // not served: an empty body
      }
      fetched.push({ url, body });
    }
  }
  assert.fail("the host loop did not end");
}

function assertCodedError(fn, code, ...absent) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error, "did not throw an Error");
  assert.equal(error.code, code, error.message);
  for (const s of absent) assert.ok(!error.message.includes(s), `the message shows the caller's value: ${error.message}`);
  return error;
}

describe("completeChain", () => {
  it("asks for the leaf's caIssuers URL, then adds the issuer from each body form", () => {
    const leaf = text("leaf-der.pem");
    const first = api.completeChain(leaf);
    assert.deepEqual(first.next, [AIA + "int1.der"]);
    assert.equal(first.complete, false);
    assert.deepEqual(first.added, []);
    for (const [name, body] of [
      ["DER", bytes("int1.der")],
      ["PEM text", text("int1.pem")],
      ["PEM bytes", bytes("int1.pem")],
      ["PKCS#7 BER", bytes("int1-ber.p7c")],
      ["PKCS#7 DER", bytes("int1-der.p7c")],
      ["a Node Buffer", readFileSync(path.join(fixtures, "aia", "int1.der"))],
      ["a DataView", new DataView(bytes("int1.der").buffer)],
    ]) {
      const out = api.completeChain(leaf, [{ url: AIA + "int1.der", body }]);
      assert.equal(out.added.length, 1, `${name}: ${JSON.stringify(out.findings)}`);
      assert.equal(out.added[0].subject, "CN=AIA Test Int 1");
      assert.equal(out.added[0].url, AIA + "int1.der");
      assert.match(out.added[0].fingerprintSha256, /^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
      assert.equal(blocks(out.certificate), 2, name);
      assert.deepEqual(out.next, [AIA + "root.der"]);
    }
  });

  it("takes the certificate as PEM text, PEM bytes or DER bytes", () => {
    const pem = text("leaf-der.pem");
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    for (const input of [pem, new TextEncoder().encode(pem), new Uint8Array(der)]) {
      assert.deepEqual(api.completeChain(input).next, [AIA + "int1.der"]);
    }
  });

  it("the host loop: two rounds to the root, which completes the chain but is not added", () => {
    const { out, round } = host(text("leaf-two.pem"));
    assert.equal(out.complete, true);
    assert.equal(round, 3);
    assert.equal(out.added.length, 2);
    assert.equal(blocks(out.certificate), 3);
  });

  it("an issuer by name whose key does not sign is never added; loops and big bodies are findings", () => {
    // leaf-impostor names impostor.der (int1's name, another key) first, then the real int1.der.
    const impostor = host(text("leaf-impostor.pem")).out;
    assert.deepEqual(impostor.added.map((a) => a.url), [AIA + "int1.der"]);
    assert.ok(
      impostor.findings.some((f) => f.kind === "ChainOrderInvalid" && /did not sign/.test(f.detail)),
      JSON.stringify(impostor.findings),
    );
    const only = api.completeChain(text("leaf-impostor.pem"), [{ url: AIA + "impostor.der", body: bytes("impostor.der") }]);
    assert.deepEqual(only.added, []);
    assert.deepEqual(only.next, [AIA + "int1.der"]);
    const loop = host(text("leaf-loop.pem")).out;
    assert.equal(loop.complete, false);
    assert.ok(loop.findings.some((f) => /loop/.test(f.detail)), JSON.stringify(loop.findings));
    // 100 MB is handed over; only 64 KiB + 1 of it is copied into the module.
    const big = api.completeChain(text("leaf-der.pem"), [{ url: AIA + "int1.der", body: new Uint8Array(100e6) }]);
    assert.ok(big.findings.some((f) => f.kind === "InputTooLarge" && /65536/.test(f.detail)));
    assert.equal(api.completeChain(text("leaf-der.pem")).next.length, 1, "the module works afterwards");
  });

  it("refuses malformed arguments with coded errors, and never echoes them", () => {
    const secret = "LTAI5tQZr8yXq7ZkSecretLooking";
    assertCodedError(() => api.completeChain(secret), "CertificateFormatInvalid", secret);
    assertCodedError(() => api.completeChain(42), "InvalidArgument");
    assertCodedError(() => api.completeChain(text("leaf-der.pem"), "x"), "InvalidArgument");
    assertCodedError(() => api.completeChain(text("leaf-der.pem"), [{ url: 1, body: bytes("int1.der") }]), "InvalidArgument");
    assertCodedError(() => api.completeChain(text("leaf-der.pem"), [{ url: "u", body: 5 }]), "InvalidArgument");
    assertCodedError(
      () => api.completeChain(text("leaf-der.pem"), [{ url: "u", body: bytes("int1.der"), [secret]: 1 }]),
      "InvalidArgument",
      secret,
    );
    assertCodedError(() => api.completeChain(text("leaf-der.pem"), [], { roots: {} }), "InvalidArgument");
    const sparse = [];
    sparse.length = 2 ** 32 - 1;
    assertCodedError(() => api.completeChain(text("leaf-der.pem"), sparse), "InvalidArgument");
    const throwing = new Uint8Array(4);
    Object.defineProperty(throwing, "buffer", {
      get() {
        throw new Error("boom");
      },
    });
    assertCodedError(() => api.completeChain(throwing), "InvalidArgument");
    assert.equal(api.completeChain(text("leaf-der.pem")).next.length, 1, "the module works afterwards");
  });
});

describe("trustAnchors and validate({ roots })", () => {
  it("parses PEM text, lists of PEM strings (tls.rootCertificates) and DER bytes, once", () => {
    assert.equal(api.trustAnchors(rootCertificates).length, rootCertificates.length);
    assert.equal(api.trustAnchors(rootCertificates.join("\n")).length, rootCertificates.length);
    const roots = api.trustAnchors([bytes("root.der")]);
    assert.ok(roots instanceof api.TrustAnchors);
    assert.equal(roots.length, 1);
    roots.free();
  });

  it("a chain issued by a root in the set is complete without the root; a private root is untrusted", () => {
    const roots = api.trustAnchors([bytes("root.der")]);
    const leaf = text("leaf-der.pem");
    const completed = api.completeChain(leaf, [{ url: AIA + "int1.der", body: bytes("int1.der") }], { roots });
    assert.equal(completed.complete, true);
    assert.deepEqual(completed.next, []);
    const base = { certificate: completed.certificate, now: NOW };
    // The same handle, many calls: nothing consumed.
    for (let i = 0; i < 3; i++) {
      const report = api.validate({ ...base, roots });
      assert.deepEqual(report.warnings.map((w) => w.kind), [], JSON.stringify(report.warnings));
    }
    assert.deepEqual(api.validate({ certificate: leaf, now: NOW, roots }).warnings.map((w) => w.kind), ["ChainIncomplete"]);
    assert.deepEqual(api.validate(base).warnings.map((w) => w.kind), ["ChainIncomplete"], "without roots: no root reached");
    const priv = api.validate({ certificate: text("private-root.pem"), now: NOW, roots });
    assert.deepEqual(priv.warnings.map((w) => w.kind), ["ChainUntrusted"]);
    for (const provider of ["aliyun-slb", "aliyun-cas", "tencent-ssl"]) {
      const r = api.validate({ certificate: text("private-root.pem"), now: NOW, roots, provider });
      assert.deepEqual(r.warnings.map((w) => w.kind), ["ChainUntrusted"], provider);
    }
    roots.free();
    assertCodedError(() => api.validate({ ...base, roots }), "InvalidArgument");
  });

  it("buildRequest({ roots }) checks the chain as validate does: no warning once a root in the set is reached", () => {
    const roots = api.trustAnchors([bytes("root.der")]);
    const params = { CertificatePublicKey: text("leaf-der.pem") + text("int1.pem"), CertificateType: "CA" };
    const chainKinds = (options) => {
      let findings;
      try {
        findings = api.buildRequest("tencent-ssl", params, { now: NOW, ...options }).warnings;
      } catch (e) {
        findings = e.findings;
      }
      return findings.map((f) => f.kind).filter((k) => k.startsWith("Chain"));
    };
    assert.deepEqual(chainKinds({}), ["ChainIncomplete"]);
    assert.deepEqual(chainKinds({ roots }), []);
    assertCodedError(() => api.buildRequest("tencent-ssl", params, { roots: {} }), "InvalidArgument");
    roots.free();
  });

  it("a plain object, a Proxy or another class cannot pose as a handle", () => {
    const real = api.trustAnchors([bytes("root.der")]);
    const fakes = [{}, { length: 1 }, Object.create(api.TrustAnchors.prototype), new Proxy(real, {}), Object.assign({}, real)];
    for (const roots of fakes) {
      assertCodedError(() => api.validate({ certificate: text("leaf-der.pem"), roots }), "InvalidArgument");
    }
    assert.equal(real.length, 1);
  });

  it("a list item that is not a certificate is named by position, never shown", () => {
    const secret = "-----BEGIN CERTIFICATE-----\nTUlJQ2RUQ0NBZUNnQXdJQkFnSUpBTVNlY3JldA==\n-----END CERTIFICATE-----\n";
    const e = assertCodedError(() => api.trustAnchors([bytes("root.der"), secret]), "InvalidArgument", "TUlJQ2");
    assert.match(e.message, /\[1\]/);
    assertCodedError(() => api.trustAnchors([]), "InvalidArgument");
    assertCodedError(() => api.trustAnchors(42), "InvalidArgument");
    assertCodedError(() => api.trustAnchors("no certificate here"), "InvalidArgument", "no certificate here");
  });
});

describe("cert-preflight/roots", () => {
  it("holds exactly the pinned corpus's Mozilla roots, and trustAnchors reads them all", () => {
    const { pem, count, date, source } = api.roots;
    assert.equal(api.trustAnchors(pem).length, count);
    assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(source, /^certifi \d{4}\.\d{2}\.\d{2}/);
    // tests/fixtures/realworld/certifi/ was written from the same pinned wheel (fetch.sh).
    const dir = path.join(fixtures, "realworld/certifi");
    const corpus = readdirSync(dir)
      .filter((f) => f.endsWith(".pem"))
      .map((f) => readFileSync(path.join(dir, f), "utf8").trim())
      .sort();
    const shipped = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g).sort();
    assert.equal(shipped.length, count);
    assert.deepEqual(shipped, corpus);
  });

  it("is its own subpath (import and require), never loaded by a main entry", () => {
    const out = runModule(
      installed.dir,
      'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' +
        'const r = require("cert-preflight/roots"); const m = await import("cert-preflight/roots");' +
        "console.log(r.count === m.count && r.pem === m.pem);",
    );
    assert.equal(out.trim(), "true");
    for (const entry of ["index.js", "node.js", "node.cjs", "worker.js", "workerd.js", "cert_preflight.js"]) {
      const source = readFileSync(path.join(installed.packageDir, entry), "utf8");
      assert.ok(!/roots\.(c?js)/.test(source), `${entry} refers to the roots module`);
    }
  });
});
