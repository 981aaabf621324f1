// Hostile callers through the built package (npm-packed, installed by name): arguments whose
// getters or Proxy traps throw, revoked Proxies. Each call must end in an Error with a `.code`,
// and the module must keep working afterwards — an exception that unwinds through wasm frames
// leaves the shadow stack corrupted and kills the instance for good (issue: "the module dies").
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { readFileSync } from "node:fs";
import path from "node:path";

import { fixture, importByName, installPackage } from "./helpers.mjs";

let installed;
let cp;
let manual; // a second instance through the manual entry, whose wasm memory we can watch
let memory;

before(async () => {
  installed = installPackage();
  const imported = await importByName(installed.dir);
  cp = imported.main;
  manual = imported.manual;
  const wasm = readFileSync(path.join(installed.packageDir, "cert_preflight_bg.wasm"));
  memory = manual.initSync({ module: wasm }).memory;
});
after(() => installed?.cleanup());

const throwing = (name) => ({
  get [name]() {
    throw new Error("getter says no");
  },
});
const trapped = () =>
  new Proxy(
    {},
    {
      ownKeys() {
        throw new Error("ownKeys says no");
      },
      get() {
        throw new Error("get says no");
      },
      getPrototypeOf() {
        throw new Error("getPrototypeOf says no");
      },
      has() {
        throw new Error("has says no");
      },
    },
  );
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const arrayProxy = () =>
  new Proxy(["cn-hangzhou"], {
    get(target, key) {
      if (key === "length" || key === "0") throw new Error("array get says no");
      return Reflect.get(target, key);
    },
  });

function assertCoded(fn, label) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, `${label}: threw a non-Error ${String(e)}`);
    assert.equal(typeof e.code, "string", `${label}: no .code (${e.message})`);
    return e;
  }
  return null;
}

describe("hostile arguments", () => {
  it("100,000 calls with a throwing getter, then the module still validates", () => {
    const bad = throwing("certificate");
    for (let i = 0; i < 100_000; i++) {
      const e = assertCoded(() => cp.validate(bad), "validate(throwing getter)");
      assert.ok(e, "the call must throw");
    }
    const r = cp.validate({ certificate: fixture("rsa/2048/leaf.pem") });
    assert.equal(r.certificate.commonName, "rsa2048.example");
  });

  it("throwing getters, Proxy traps and revoked Proxies in every argument of every export", () => {
    const cert = fixture("rsa/2048/leaf.pem");
    const request = cp.buildRequest("aliyun-slb", {
      RegionId: "cn-hangzhou",
      ServerCertificate: cert,
      PrivateKey: fixture("keys/rsa2048/pkcs1.pem"),
    }, { now: Date.UTC(2027, 0, 1) });
    const creds = { accessKeyId: "LTAI5tFAKE", accessKeySecret: "secret" };
    const hostile = [throwing("certificate"), trapped(), revoked(), arrayProxy()];
    for (let round = 0; round < 200; round++) {
      for (const h of hostile) {
        const calls = {
          "validate(h)": () => cp.validate(h),
          "validate eccRegions": () => cp.validate({ certificate: cert, eccRegions: h }),
          "fingerprint(h)": () => cp.fingerprint(h),
          "fingerprint alg": () => cp.fingerprint(cert, h),
          "buildRequest params": () => cp.buildRequest("aliyun-slb", h),
          "buildRequest tag list": () => cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: cert, Tag: h }),
          "buildRequest tag": () => cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: cert, Tag: [h] }),
          "buildRequest options": () => cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou" }, h),
          "signRequest request": () => cp.signRequest(h, creds),
          "signRequest credentials": () => cp.signRequest(request, h),
          "signRequest options": () => cp.signRequest(request, creds, h),
          "signRequest timestamp": () => cp.signRequest(request, creds, { timestamp: h, nonce: "n" }),
          "signRequest query": () => cp.signRequest({ ...request, query: h }, creds),
          "computeSignature": () => cp.computeSignature(h),
          "regions": () => cp.regions(h),
        };
        for (const [label, call] of Object.entries(calls)) assertCoded(call, label);
      }
    }
    // A Proxy of a Date as the timestamp: Date.prototype.getTime refuses it.
    const dateProxy = new Proxy(new Date(), {});
    assertCoded(() => cp.signRequest(request, creds, { timestamp: dateProxy, nonce: "n" }), "Date proxy");
    // Still alive, and still right.
    const r = cp.validate({ certificate: cert, privateKey: fixture("rsa/2048/key.pem"), now: Date.UTC(2027, 0, 1) });
    assert.equal(r.ok, true, JSON.stringify(r.errors));
    const signed = cp.signRequest(request, creds, { nonce: "n", timestamp: new Date(Date.UTC(2027, 0, 1)) });
    assert.ok(signed.headers.some(([k]) => k === "authorization"));
  });

  it("an encrypted key beyond the key-derivation budget is refused at once, and maxKdfCost raises it", () => {
    const certificate = fixture("rsa/2048/fullchain.pem");
    const now = Date.UTC(2027, 0, 1);
    for (const file of ["algorithms/rsa2048-scrypt-p2.pem", "algorithms/rsa2048-pbkdf2-400k.pem"]) {
      const privateKey = fixture(file);
      const started = performance.now();
      const r = cp.validate({ certificate, privateKey, passphrase: "correct horse", now });
      const ms = performance.now() - started;
      assert.deepEqual(r.errors.map((f) => f.kind), ["PrivateKeyEncrypted"], file);
      assert.match(r.errors[0].detail, /maxKdfCost/);
      // No derivation ran (a refusal, not a benchmark: the derivation itself takes ~1 s here).
      assert.ok(ms < 300, `${file}: ${ms} ms`);
      assert.throws(() => cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: certificate, PrivateKey: privateKey }, { passphrase: "correct horse", now }), (e) => e.kind === "PrivateKeyEncrypted" && /maxKdfCost/.test(e.findings[0].detail));
    }
    const cheap = fixture("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem");
    const low = cp.validate({ certificate, privateKey: cheap, passphrase: "correct horse", now, maxKdfCost: 10 });
    assert.deepEqual(low.errors.map((f) => f.kind), ["PrivateKeyEncrypted"]);
    const high = cp.validate({ certificate, privateKey: cheap, passphrase: "correct horse", now, maxKdfCost: 5_000_000 });
    assert.equal(high.ok, true);
    for (const bad of [0, -1, 1.5, "600000", Number.NaN]) {
      const e = assertCoded(() => cp.validate({ certificate, maxKdfCost: bad }), `maxKdfCost ${bad}`);
      assert.equal(e?.code, "InvalidArgument");
    }
  });

  it("a key or a passphrase in the wrong argument is never echoed, in any argument of any export", () => {
    const key = fixture("rsa/2048/key.pem");
    const passphrase = "correct horse battery staple 2026";
    const cert = fixture("rsa/2048/leaf.pem");
    const request = cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: cert, PrivateKey: fixture("keys/rsa2048/pkcs1.pem") }, { now: Date.UTC(2027, 0, 1) });
    const creds = { accessKeyId: "LTAI5tFAKE", accessKeySecret: "secret" };
    const body = key.split("\n").filter((l) => l.length > 40 && !l.startsWith("-----"));
    for (const secret of [key, passphrase]) {
      const calls = {
        "validate provider": () => cp.validate({ certificate: cert, provider: secret }),
        "validate certificateType": () => cp.validate({ certificate: cert, certificateType: secret }),
        "validate region": () => cp.validate({ certificate: cert, provider: "aliyun-slb", region: secret }),
        "validate field name": () => cp.validate({ certificate: cert, [secret]: 1 }),
        "fingerprint algorithm": () => cp.fingerprint(cert, secret),
        "fingerprint format": () => cp.fingerprint(cert, "sha1", secret),
        "buildRequest provider": () => cp.buildRequest(secret, {}),
        "buildRequest RegionId": () => cp.buildRequest("aliyun-slb", { RegionId: secret, ServerCertificate: cert }),
        "buildRequest param name": () => cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: cert, [secret]: "x" }),
        "buildRequest tag member": () => cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: cert, Tag: [{ Key: "k", [secret]: "v" }] }),
        "buildRequest CertificateType": () => cp.buildRequest("tencent-ssl", { CertificatePublicKey: cert, CertificateType: secret }),
        "buildRequest X-TC-Region": () => cp.buildRequest("tencent-ssl", { CertificatePublicKey: cert, CertificateType: "CA" }, { region: secret }),
        "buildRequest option name": () => cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou" }, { [secret]: 1 }),
        "signRequest algorithm": () => cp.signRequest(request, creds, { algorithm: secret }),
        "signRequest request provider": () => cp.signRequest({ ...request, provider: secret }, creds),
        "signRequest credential name": () => cp.signRequest(request, { ...creds, [secret]: "x" }),
        "regions": () => cp.regions(secret),
      };
      for (const [label, call] of Object.entries(calls)) {
        let out;
        try {
          out = JSON.stringify(call());
        } catch (e) {
          assert.ok(e instanceof Error && typeof e.code === "string", `${label}: ${e}`);
          out = `${e.message} ${JSON.stringify(e.findings ?? [])}`;
        }
        const leaked = secret === key ? body.some((l) => out.includes(l.slice(0, 24))) : out.includes(passphrase);
        assert.ok(!leaked, `${label}: the ${secret === key ? "key" : "passphrase"} is echoed: ${out.slice(0, 300)}`);
      }
    }
  });

  it("100 MB strings never enter wasm memory: InputTooLarge or a coded Error, memory flat", () => {
    const big = "A".repeat(100 * 1024 * 1024);
    const euros = "€".repeat(10 * 1024 * 1024);
    const cert = fixture("rsa/2048/leaf.pem");
    manual.validate({ certificate: cert }); // warm up
    const before = memory.buffer.byteLength;
    for (const text of [big, euros]) {
      const inputs = {
        certificate: { certificate: text },
        privateKey: { certificate: cert, privateKey: text },
        "SM2 fields": { certificate: "", provider: "aliyun-cas", signCertificate: text, signPrivateKey: text, encryptCertificate: text, encryptPrivateKey: text },
      };
      for (const [label, input] of Object.entries(inputs)) {
        const r = manual.validate(input);
        assert.ok(r.errors.some((f) => f.kind === "InputTooLarge"), `${label}: ${JSON.stringify(r.errors.map((f) => f.kind))}`);
      }
      assertCoded(() => manual.validate({ certificate: cert, passphrase: text }), "passphrase");
      assertCoded(() => manual.validate({ certificate: cert, provider: text }), "provider");
      assertCoded(() => manual.fingerprint(text), "fingerprint");
      const refused = assertCoded(() => manual.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: text, PrivateKey: text }), "buildRequest");
      assert.ok(refused.findings.some((f) => f.kind === "InputTooLarge"));
      assertCoded(() => manual.signRequest({ provider: "aliyun-slb", action: "a", version: "v", method: "POST", url: "", host: "h.example", path: "/", query: [["k", text]], headers: [], body: "" }, { accessKeyId: "id", accessKeySecret: "s" }), "signRequest query");
      assertCoded(() => manual.signRequest({ provider: "aliyun-slb", action: "a", version: "v", method: "POST", url: "", host: "h.example", path: "/", query: [], headers: [], body: "" }, { accessKeyId: "id", accessKeySecret: text }), "credentials");
    }
    const grown = memory.buffer.byteLength - before;
    assert.ok(grown <= 8 * 1024 * 1024, `wasm memory grew by ${grown} bytes`);
  });

  it("a revoked Proxy as the whole input is an Error with a code", () => {
    const e = assertCoded(() => cp.validate(revoked()), "revoked");
    assert.ok(e);
    assert.equal(e.code, "InvalidArgument");
  });
});
