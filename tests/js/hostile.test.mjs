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
          "validate pfx": () => cp.validate({ pfx: h }),
          "validate certificate": () => cp.validate({ certificate: h }),
          "validate privateKey": () => cp.validate({ certificate: cert, privateKey: h }),
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

  it("huge lengths, array-likes and endless iterables in every list-taking argument: a coded InvalidArgument at once", () => {
    // Each must be answered from its `length` (or after at most 4,097 steps of an iterator), never
    // by copying: before, a sparse array of length 2^32-1 took ~9 s and ~2.9 GB per call, and an
    // array or Map with an endless Symbol.iterator never returned. The bound is generous on
    // purpose (a correctness test, not a benchmark: `make bench-hostile` measures, ~1 ms or less).
    const cert = fixture("rsa/2048/leaf.pem");
    const now = Date.UTC(2027, 0, 1);
    const slb = { RegionId: "cn-hangzhou", ServerCertificate: cert };
    const request = manual.buildRequest("aliyun-slb", { ...slb, PrivateKey: fixture("keys/rsa2048/pkcs1.pem") }, { now });
    const creds = { accessKeyId: "LTAI5tFAKE", accessKeySecret: "secret" };
    const acs3 = { algorithm: "ACS3-HMAC-SHA256", method: "POST", path: "/", query: {}, headers: { host: "h.example" }, body: "", accessKeyId: "id", accessKeySecret: "s" };
    const rpc = { algorithm: "HMAC-SHA1", method: "POST", params: {}, accessKeySecret: "s" };
    const slots = {
      "validate(h)": (h) => manual.validate(h),
      "validate eccRegions": (h) => manual.validate({ certificate: cert, eccRegions: h }),
      "fingerprint(h)": (h) => manual.fingerprint(h),
      "fingerprint algorithm": (h) => manual.fingerprint(cert, h),
      "fingerprint format": (h) => manual.fingerprint(cert, "sha1", h),
      "regions(h)": (h) => manual.regions(h),
      "buildRequest provider": (h) => manual.buildRequest(h, slb),
      "buildRequest params": (h) => manual.buildRequest("aliyun-slb", h),
      "buildRequest Tag": (h) => manual.buildRequest("aliyun-slb", { ...slb, Tag: h }),
      "buildRequest Tag item": (h) => manual.buildRequest("aliyun-slb", { ...slb, Tag: [h] }),
      "buildRequest RegionId": (h) => manual.buildRequest("aliyun-slb", { ...slb, RegionId: h }),
      "buildRequest aliyun-cas Tags": (h) => manual.buildRequest("aliyun-cas", { Name: "n", Cert: cert, Tags: h }),
      "buildRequest tencent-ssl Tags": (h) => manual.buildRequest("tencent-ssl", { CertificatePublicKey: cert, Tags: h }),
      "buildRequest options": (h) => manual.buildRequest("aliyun-slb", slb, h),
      "buildRequest options.eccRegions": (h) => manual.buildRequest("aliyun-slb", slb, { eccRegions: h }),
      "signRequest request": (h) => manual.signRequest(h, creds),
      "signRequest credentials": (h) => manual.signRequest(request, h),
      "signRequest options": (h) => manual.signRequest(request, creds, h),
      "signRequest timestamp": (h) => manual.signRequest(request, creds, { timestamp: h, nonce: "n" }),
      "signRequest query": (h) => manual.signRequest({ ...request, query: h }, creds),
      "signRequest query pair": (h) => manual.signRequest({ ...request, query: [h] }, creds),
      "signRequest headers": (h) => manual.signRequest({ ...request, headers: h }, creds),
      "computeSignature(h)": (h) => manual.computeSignature(h),
      "computeSignature query": (h) => manual.computeSignature({ ...acs3, query: h }),
      "computeSignature headers": (h) => manual.computeSignature({ ...acs3, headers: h }),
      "computeSignature params": (h) => manual.computeSignature({ ...rpc, params: h }),
    };
    const HUGE = 2 ** 32 - 1;
    function* endless() {
      for (let i = 0; ; i++) yield "cn-hangzhou";
    }
    class EndlessMap extends Map {
      *[Symbol.iterator]() {
        for (let i = 0; ; i++) yield [`k${i}`, "v"];
      }
    }
    const values = {
      "sparse array of length 2^32-1": () => {
        const a = [];
        a.length = HUGE;
        return a;
      },
      "Proxy of an array claiming length 2^32-1": () => new Proxy([], { get: (t, k) => (k === "length" ? HUGE : Reflect.get(t, k)) }),
      "{ length: 1e9 }": () => ({ length: 1e9 }),
      "iterable array-like (Array.prototype, length 2^32-1)": () => Object.setPrototypeOf({ length: HUGE }, Array.prototype),
      "endless generator": () => endless(),
      "array of length 5000 with an endless Symbol.iterator": () => {
        const a = ["cn-hangzhou"];
        a.length = 5000;
        a[Symbol.iterator] = endless;
        return a;
      },
      "Map with an endless Symbol.iterator": () => new EndlessMap(),
    };
    manual.validate({ certificate: cert, now }); // warm up
    const before = memory.buffer.byteLength;
    for (const [name, make] of Object.entries(values)) {
      for (const [slot, call] of Object.entries(slots)) {
        const label = `${slot} <- ${name}`;
        const h = make();
        const started = performance.now();
        const e = assertCoded(() => call(h), label);
        const ms = performance.now() - started;
        assert.ok(e, `${label}: did not throw`);
        assert.equal(e.code, "InvalidArgument", `${label}: ${e.message}`);
        assert.ok(ms < 200, `${label}: ${ms.toFixed(0)} ms`);
      }
    }
    // One list shared 4,096 times per level, 16 levels deep: a few KB of JS, 4096^16 values to read.
    let shared = ["x"];
    for (let i = 0; i < 16; i++) shared = new Array(4096).fill(shared);
    const started = performance.now();
    const e = assertCoded(() => manual.buildRequest("aliyun-slb", { ...slb, Tag: shared }), "shared lists");
    assert.equal(e?.code, "InvalidArgument");
    assert.ok(performance.now() - started < 200, `shared lists: ${performance.now() - started} ms`);
    const grown = memory.buffer.byteLength - before;
    assert.ok(grown <= 8 * 1024 * 1024, `wasm memory grew by ${grown} bytes`);
    // Still alive, still right; and real lists still read as before.
    const r = manual.validate({ certificate: cert, now, eccRegions: new Set(["cn-qingdao"]) });
    assert.equal(r.certificate.commonName, "rsa2048.example");
    const built = manual.buildRequest("aliyun-slb", { ...slb, Tag: [{ Key: "a", Value: "b" }], PrivateKey: fixture("keys/rsa2048/pkcs1.pem") }, { now, eccRegions: ["cn-qingdao"] });
    assert.ok(built.url.includes("Tag.1.Key=a"), built.url);
    const holes = [, "cn-qingdao"]; // a hole reads as undefined, as Array.from made it
    assert.equal(assertCoded(() => manual.validate({ certificate: cert, now, eccRegions: holes }), "hole")?.code, "InvalidArgument");
  });

  it("real-shaped secrets in every argument and as every object key of every export never come back", () => {
    const SECRETS = {
      "Alibaba AccessKey secret (30)": "Z5xQm3RkT8vW2nJp6yHc9LbA4dFg7s",
      "Tencent SecretKey (32)": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
      "Tencent SecretId (36)": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
      "Alibaba AccessKeyId (24)": "LTAI5tExampleExample1234",
      passphrase: "correct horse battery staple",
    };
    assert.deepEqual(Object.values(SECRETS).map((s) => s.length), [30, 32, 36, 24, 28]);
    const cert = fixture("rsa/2048/leaf.pem");
    const key = fixture("keys/rsa2048/pkcs1.pem");
    const ec = { certificate: fixture("ec/p256/fullchain.pem"), privateKey: fixture("ec/p256/key.pkcs8.pem") };
    const now = Date.UTC(2027, 0, 1);
    const slb = { RegionId: "cn-hangzhou", ServerCertificate: cert, PrivateKey: key };
    const cas = { Name: "n", Cert: cert, Key: key };
    const tc = { CertificatePublicKey: cert, CertificatePrivateKey: key };
    const opts = { now };
    const request = cp.buildRequest("aliyun-slb", slb, opts);
    const tcRequest = cp.buildRequest("tencent-ssl", tc, opts);
    const creds = { accessKeyId: "LTAI5tFAKE", accessKeySecret: "secret" };
    const tcCreds = { secretId: "AKIDFAKE", secretKey: "secret" };
    const sign = { nonce: "n", timestamp: now };
    const acs3 = { algorithm: "ACS3-HMAC-SHA256", method: "POST", path: "/", query: {}, headers: { host: "h.example" }, body: "", accessKeyId: "id", accessKeySecret: "s" };
    const rpc = { algorithm: "HMAC-SHA1", method: "POST", params: { Action: "A" }, accessKeySecret: "s" };
    const tc3 = { algorithm: "TC3-HMAC-SHA256", method: "POST", path: "/", canonicalQuery: "", contentType: "application/json", host: "h.example", body: "{}", service: "ssl", timestamp: 1700000000, secretId: "id", secretKey: "s" };
    // Arguments where the value is refused, used as a secret, or ignored: the secret must appear
    // nowhere (no message, no finding, nothing in the result).
    const nowhere = (s) => ({
      "validate provider": () => cp.validate({ certificate: cert, provider: s }),
      "validate certificateType": () => cp.validate({ certificate: cert, certificateType: s }),
      "validate region (aliyun-slb, EC key)": () => cp.validate({ ...ec, provider: "aliyun-slb", region: s, now }),
      "validate region (tencent-ssl)": () => cp.validate({ certificate: cert, provider: "tencent-ssl", region: s, now }),
      "validate eccRegions": () => cp.validate({ ...ec, provider: "aliyun-slb", region: "cn-hangzhou", eccRegions: [s], now }),
      "validate certificate": () => cp.validate({ certificate: s }),
      "validate privateKey": () => cp.validate({ certificate: cert, privateKey: s }),
      "validate certificate PEM label": () => cp.validate({ certificate: `-----BEGIN ${s}-----\nAAAA\n-----END ${s}-----\n` }),
      "validate privateKey PEM label": () => cp.validate({ certificate: cert, privateKey: `-----BEGIN ${s}-----\nAAAA\n-----END ${s}-----\n` }),
      "validate passphrase": () => cp.validate({ certificate: cert, privateKey: fixture("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem"), passphrase: s, now }),
      "validate SM2 fields": () => cp.validate({ certificate: "", provider: "aliyun-cas", signCertificate: s, signPrivateKey: s, encryptCertificate: s, encryptPrivateKey: s }),
      "validate now": () => cp.validate({ certificate: cert, now: s }),
      "validate maxKdfCost": () => cp.validate({ certificate: cert, maxKdfCost: s }),
      "validate key": () => cp.validate({ certificate: cert, [s]: 1 }),
      "validate Map key": () => cp.validate(new Map([["certificate", cert], [s, 1]])),
      "fingerprint pem": () => cp.fingerprint(s),
      "fingerprint algorithm": () => cp.fingerprint(cert, s),
      "fingerprint format": () => cp.fingerprint(cert, "sha1", s),
      "regions": () => cp.regions(s),
      "buildRequest provider": () => cp.buildRequest(s, slb, opts),
      "buildRequest aliyun-slb RegionId": () => cp.buildRequest("aliyun-slb", { ...slb, RegionId: s }, opts),
      "buildRequest aliyun-slb ServerCertificate": () => cp.buildRequest("aliyun-slb", { ...slb, ServerCertificate: s }, opts),
      "buildRequest aliyun-slb PrivateKey": () => cp.buildRequest("aliyun-slb", { ...slb, PrivateKey: s }, opts),
      "buildRequest aliyun-slb OwnerId": () => cp.buildRequest("aliyun-slb", { ...slb, OwnerId: s }, opts),
      "buildRequest aliyun-slb Tag": () => cp.buildRequest("aliyun-slb", { ...slb, Tag: s }, opts),
      "buildRequest aliyun-slb Tag member name": () => cp.buildRequest("aliyun-slb", { ...slb, Tag: [{ Key: "k", Value: "v", [s]: "x" }] }, opts),
      "buildRequest aliyun-slb param name": () => cp.buildRequest("aliyun-slb", { ...slb, [s]: "x" }, opts),
      "buildRequest aliyun-slb param name (Map)": () => cp.buildRequest("aliyun-slb", new Map([...Object.entries(slb), [s, "x"]]), opts),
      "buildRequest aliyun-slb param name holding a function": () => cp.buildRequest("aliyun-slb", { ...slb, [s]: () => 1 }, opts),
      "buildRequest aliyun-cas Cert": () => cp.buildRequest("aliyun-cas", { ...cas, Cert: s }, opts),
      "buildRequest aliyun-cas SignCert": () => cp.buildRequest("aliyun-cas", { Name: "n", SignCert: s, SignPrivateKey: s, EncryptCert: s, EncryptPrivateKey: s }, opts),
      "buildRequest aliyun-cas Tags": () => cp.buildRequest("aliyun-cas", { ...cas, Tags: [{ Key: "k", [s]: "v" }] }, opts),
      "buildRequest aliyun-cas param name": () => cp.buildRequest("aliyun-cas", { ...cas, [s]: "x" }, opts),
      "buildRequest aliyun-cas region": () => cp.buildRequest("aliyun-cas", cas, { ...opts, region: s }),
      "buildRequest tencent-ssl CertificateType": () => cp.buildRequest("tencent-ssl", { ...tc, CertificateType: s }, opts),
      "buildRequest tencent-ssl ProjectId": () => cp.buildRequest("tencent-ssl", { ...tc, ProjectId: s }, opts),
      "buildRequest tencent-ssl Repeatable": () => cp.buildRequest("tencent-ssl", { ...tc, Repeatable: s }, opts),
      "buildRequest tencent-ssl Tags member": () => cp.buildRequest("tencent-ssl", { ...tc, Tags: [{ TagKey: "k", TagValue: "v", [s]: "x" }] }, opts),
      "buildRequest tencent-ssl param name": () => cp.buildRequest("tencent-ssl", { ...tc, [s]: "x" }, opts),
      "buildRequest tencent-ssl region": () => cp.buildRequest("tencent-ssl", tc, { ...opts, region: s }),
      "buildRequest options.eccRegions": () => cp.buildRequest("aliyun-slb", slb, { ...opts, eccRegions: [s] }),
      "buildRequest options.passphrase": () => cp.buildRequest("aliyun-slb", slb, { ...opts, passphrase: s }),
      "buildRequest options.now": () => cp.buildRequest("aliyun-slb", slb, { now: s }),
      "buildRequest options key": () => cp.buildRequest("aliyun-slb", slb, { ...opts, [s]: 1 }),
      "signRequest request.provider": () => cp.signRequest({ ...request, provider: s }, creds, sign),
      "signRequest request key": () => cp.signRequest({ ...request, [s]: 1 }, creds, sign),
      "signRequest accessKeySecret": () => cp.signRequest(request, { ...creds, accessKeySecret: s }, sign),
      "signRequest secretKey": () => cp.signRequest(tcRequest, { ...tcCreds, secretKey: s }, sign),
      "signRequest credentials key": () => cp.signRequest(request, { ...creds, [s]: "x" }, sign),
      "signRequest algorithm": () => cp.signRequest(request, creds, { ...sign, algorithm: s }),
      "signRequest timestamp": () => cp.signRequest(request, creds, { ...sign, timestamp: s }),
      "signRequest options key": () => cp.signRequest(request, creds, { ...sign, [s]: 1 }),
      "computeSignature algorithm": () => cp.computeSignature({ ...acs3, algorithm: s }),
      "computeSignature key": () => cp.computeSignature({ ...acs3, [s]: 1 }),
      "computeSignature ACS3 accessKeySecret": () => cp.computeSignature({ ...acs3, accessKeySecret: s }),
      "computeSignature HMAC-SHA1 accessKeySecret": () => cp.computeSignature({ ...rpc, accessKeySecret: s }),
      "computeSignature TC3 secretKey": () => cp.computeSignature({ ...tc3, secretKey: s }),
      "computeSignature TC3 timestamp": () => cp.computeSignature({ ...tc3, timestamp: s }),
    });
    // Arguments whose value the request carries by design (a name, a tag, an AccessKeyId, a nonce,
    // a header): the secret may be in the result, never in a message or a finding.
    const carried = (s) => ({
      "buildRequest aliyun-slb ServerCertificateName": () => cp.buildRequest("aliyun-slb", { ...slb, ServerCertificateName: s }, opts),
      "buildRequest aliyun-slb ResourceGroupId": () => cp.buildRequest("aliyun-slb", { ...slb, ResourceGroupId: s }, opts),
      "buildRequest aliyun-slb Tag values": () => cp.buildRequest("aliyun-slb", { ...slb, Tag: [{ Key: s, Value: s }] }, opts),
      "buildRequest aliyun-cas Name": () => cp.buildRequest("aliyun-cas", { ...cas, Name: s }, opts),
      "buildRequest tencent-ssl Alias": () => cp.buildRequest("tencent-ssl", { ...tc, Alias: s }, opts),
      "buildRequest tencent-ssl KeyPassword": () => cp.buildRequest("tencent-ssl", { ...tc, KeyPassword: s }, opts),
      "buildRequest tencent-ssl Tags values": () => cp.buildRequest("tencent-ssl", { ...tc, Tags: [{ TagKey: s, TagValue: s }] }, opts),
      "signRequest accessKeyId": () => cp.signRequest(request, { ...creds, accessKeyId: s }, sign),
      "signRequest secretId": () => cp.signRequest(tcRequest, { ...tcCreds, secretId: s }, sign),
      "signRequest securityToken": () => cp.signRequest(request, { ...creds, securityToken: s }, sign),
      "signRequest nonce": () => cp.signRequest(request, creds, { ...sign, nonce: s }),
      "signRequest host": () => cp.signRequest({ ...request, host: s }, creds, sign),
      "signRequest header": () => cp.signRequest({ ...request, headers: [[s, s], [s.toLowerCase(), "x"]] }, creds, sign),
      "signRequest header value": () => cp.signRequest({ ...request, headers: [["x-y", `${s}\n`]] }, creds, sign),
      "signRequest query": () => cp.signRequest({ ...request, query: [[s, s]] }, creds, { ...sign, algorithm: "HMAC-SHA1" }),
      "computeSignature ACS3 accessKeyId": () => cp.computeSignature({ ...acs3, accessKeyId: s }),
      "computeSignature ACS3 query": () => cp.computeSignature({ ...acs3, query: { [s]: s } }),
    });
    let calls = 0;
    for (const [what, s] of Object.entries(SECRETS)) {
      for (const [slots, resultChecked] of [[nowhere(s), true], [carried(s), false]]) {
        for (const [label, call] of Object.entries(slots)) {
          calls++;
          let out;
          try {
            const result = call();
            out = resultChecked ? JSON.stringify(result) : "";
          } catch (e) {
            assert.ok(e instanceof Error && typeof e.code === "string", `${label}: ${e}`);
            out = `${e.message} ${JSON.stringify(e)}`;
          }
          assert.ok(!out.includes(s), `${label}: the ${what} comes back: ${out.slice(0, 400)}`);
        }
      }
    }
    assert.ok(calls > 300, `${calls} calls`);
    // Near misses still get their "did you mean" (quoting the known value).
    const e = assertCoded(() => cp.buildRequest("aliyun-slv", slb, opts), "near miss");
    assert.match(e.message, /did you mean "aliyun-slb"/);
    const far = assertCoded(() => cp.buildRequest("Z5xQm3RkT8vW2nJp6yHc9LbA4dFg7s", slb, opts), "far");
    assert.match(far.message, /a string of 30 characters/);
  });

  it("pfx and byte fields: 100 MB views, lying views and absurd PKCS#12 KDF parameters answer at once, memory flat", () => {
    const pfxFile = (name) => readFileSync(path.join(import.meta.dirname, "../fixtures/pfx", name));
    const now = 1_750_000_000_000;
    const good = { pfx: pfxFile("ossl3-default.p12"), passphrase: "secret", now };
    manual.validate(good); // warm up
    const before = memory.buffer.byteLength;
    // 100 MB in every byte-taking field: only 1 MiB + 1 bytes are copied, InputTooLarge.
    const huge = new Uint8Array(100 * 1024 * 1024);
    for (const input of [{ pfx: huge }, { certificate: huge }, { certificate: pfxFile("leaf.der"), privateKey: huge }, { pfx: new DataView(huge.buffer) }]) {
      const started = performance.now();
      const r = manual.validate({ now, ...input });
      assert.deepEqual(r.errors.map((f) => f.kind), ["InputTooLarge"], Object.keys(input).join());
      assert.ok(performance.now() - started < 500, `${Object.keys(input)}: ${performance.now() - started} ms`);
    }
    // Views whose buffer, byteOffset or byteLength lie or throw: a coded InvalidArgument. (A
    // plain object as `buffer` is read as what `new Uint8Array(object)` makes of it: no bytes.)
    for (const [prop, desc, throws] of [
      ["buffer", { get() { throw new Error("buffer says no"); } }, true],
      ["byteLength", { value: 1e15 }, true],
      ["byteOffset", { value: 2 ** 40 }, true],
      ["buffer", { value: {} }, false],
    ]) {
      const view = new Uint8Array(16);
      Object.defineProperty(view, prop, desc);
      for (const field of ["pfx", "certificate", "privateKey"]) {
        const e = assertCoded(() => manual.validate({ certificate: field === "privateKey" ? "x" : undefined, [field]: view, now }), `${field} ${prop}`);
        assert.equal(e?.code, throws ? "InvalidArgument" : undefined, `${field} ${prop}`);
      }
    }
    // A MAC iteration count past any budget and one above the default budget: refused before any
    // derivation, the cost or the bound named.
    for (const name of ["mac-iter-huge", "mac-iter-costly"]) {
      const started = performance.now();
      const r = manual.validate({ pfx: pfxFile(`${name}.p12`), passphrase: pfxFile(`${name}.pass`).toString(), now });
      assert.ok(!r.ok, name);
      assert.ok(r.errors.some((f) => /maxKdfCost|bound/.test(f.detail ?? "")), `${name}: ${JSON.stringify(r.errors)}`);
      assert.ok(performance.now() - started < 300, `${name}: ${performance.now() - started} ms`);
    }
    // Damaged files: findings, never a throw.
    const bytes = pfxFile("ossl3-default.p12");
    for (let len = 0; len < bytes.length; len += 97) {
      const r = manual.validate({ pfx: bytes.subarray(0, len), passphrase: "secret", now });
      assert.ok(r.errors.some((f) => f.kind === "PfxFormatInvalid" || f.kind === "PfxPasswordIncorrect"), `${len}`);
    }
    const grown = memory.buffer.byteLength - before;
    assert.ok(grown <= 8 * 1024 * 1024, `wasm memory grew by ${grown} bytes`);
    // Still alive, and still right.
    assert.equal(manual.validate(good).ok, true);
    assert.equal(cp.validate(good).ok, true);
  });

  it("a revoked Proxy as the whole input is an Error with a code", () => {
    const e = assertCoded(() => cp.validate(revoked()), "revoked");
    assert.ok(e);
    assert.equal(e.code, "InvalidArgument");
  });
});
