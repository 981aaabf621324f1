// The Worker (worker/) on workerd, as it is deployed: bundled by wrangler itself (`wrangler deploy
// --dry-run --outdir`, which resolves "cert-preflight" through its `workerd` condition from the
// tarball scripts/demo-build.sh installed), then run through the Miniflare API on 127.0.0.1 with
// the bindings of each mode. Everything workerd prints is captured and searched for secrets.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";

import { Miniflare } from "miniflare";

import { fixture, listenRetrying, manifest, repo } from "./helpers.mjs";

const workerDir = path.join(repo, "worker");
const ORIGIN = "http://127.0.0.1:8787";

let bundle;
let pkg; // the package as the Worker has it (worker/node_modules/cert-preflight), for expectations
let cloud; // worker/src/mock/cloud.js
const output = []; // everything workerd printed, all instances
const instances = [];

const LIVE = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tLIVEtestKEYid000000",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "live-alibaba-secret-7f3e9a1c55",
  TENCENTCLOUD_SECRET_ID: "AKIDliveTESTsecretID0000000000000000",
  TENCENTCLOUD_SECRET_KEY: "live-tencent-secret-0b8d2e4f66",
};
const TOKEN = "proxy-token-for-the-tests-0123456789";

async function start(bindings = {}) {
  const mf = new Miniflare({
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
    bindings,
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (d) => output.push(String(d)));
      stderr.on("data", (d) => output.push(String(d)));
    },
  });
  await mf.ready;
  instances.push(mf);
  return mf;
}

/** A request to the Worker; JSON unless `raw` (then exactly `headers`). */
function call(mf, route, { body, headers = {}, method = "POST", raw = false } = {}) {
  return mf.dispatchFetch(`${ORIGIN}${route}`, {
    method,
    headers: raw ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function answer(res) {
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const rsa = () => ({ certificate: fixture("rsa/2048/fullchain.pem"), key: fixture("rsa/2048/key.pem") });
const leafFacts = manifest.cases.find((c) => c.name === "rsa-2048").facts.chain[0];

const VALID = {
  "aliyun-slb": () => ({ RegionId: "cn-hangzhou", ServerCertificate: rsa().certificate, PrivateKey: rsa().key, ServerCertificateName: "worker-test" }),
  "aliyun-cas": () => ({ Name: "worker-test", Cert: rsa().certificate, Key: rsa().key }),
  "tencent-ssl": () => ({ CertificatePublicKey: rsa().certificate, CertificatePrivateKey: rsa().key, Alias: "worker-test" }),
};

/** The package's own verdict on a call (what the Worker must answer with). */
function expected(provider, params, options = {}) {
  try {
    pkg.buildRequest(provider, params, options);
    return null;
  } catch (e) {
    return e;
  }
}

function assertAlibabaRefusal(res, refused) {
  assert.equal(res.status, refused.errors[0].httpStatus);
  assert.deepEqual(Object.keys(res.body).slice(0, 5), ["RequestId", "HostId", "Code", "Message", "Recommend"]);
  assert.match(res.body.RequestId, /^[0-9A-F-]{36}$/);
  assert.equal(res.body.Code, refused.errors[0].code);
  assert.equal(res.body.Message, refused.errors[0].message);
  assert.deepEqual(res.body.findings, refused.findings);
}

function assertTencentRefusal(res, refused) {
  assert.equal(res.status, 200);
  assert.deepEqual(Object.keys(res.body.Response), ["Error", "RequestId"]);
  assert.equal(res.body.Response.Error.Code, refused.errors[0].code);
  assert.equal(res.body.Response.Error.Message, refused.errors[0].message);
  assert.deepEqual(res.body.findings, refused.findings);
}

before(async () => {
  execFileSync(path.join(repo, "scripts/demo-build.sh"), { stdio: "inherit" });
  bundle = mkdtempSync(path.join(tmpdir(), "cert-preflight-worker-"));
  execFileSync(path.join(repo, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", bundle], {
    cwd: workerDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" },
  });
  pkg = await import(pathToFileURL(path.join(workerDir, "node_modules/cert-preflight/node.js")).href);
  cloud = await import(pathToFileURL(path.join(workerDir, "src/mock/cloud.js")).href);
});

after(async () => {
  for (const mf of instances) await mf.dispose();
  if (bundle) rmSync(bundle, { recursive: true, force: true });
});

describe("mock mode (no credentials): the demo's default", () => {
  let mf;
  before(async () => {
    mf = await start();
  });

  it("health says the version and the mode", async () => {
    const res = await answer(await call(mf, "/api/health", { method: "GET" }));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { version: JSON.parse(readFileSync(path.join(repo, "pkg/package.json"))).version, mode: "mock", upload: "open" });
  });

  it("aliyun-slb: a valid upload goes through the mock, signed with ACS3-HMAC-SHA256 (default) and HMAC-SHA1", async () => {
    for (const options of [{}, { signatureAlgorithm: "HMAC-SHA1" }]) {
      const res = await answer(await call(mf, "/api/upload", { body: { provider: "aliyun-slb", params: VALID["aliyun-slb"](), options } }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.headers.get("x-cert-preflight-mode"), "mock");
      const b = res.body;
      assert.match(b.ServerCertificateId, /^\d+_[0-9a-f]+_\d+_[0-9a-f]{8}$/);
      assert.equal(b.Fingerprint, leafFacts.fingerprintSha1);
      assert.equal(b.ServerCertificateName, "worker-test");
      assert.equal(b.RegionId, "cn-hangzhou");
      assert.equal(b.CommonName, "rsa2048.example");
      assert.deepEqual(b.SubjectAlternativeNames, { SubjectAlternativeName: ["rsa2048.example"] });
      assert.equal(b.ExpireTime, "2030-01-01T00:00:00Z");
      assert.equal(b.ExpireTimeStamp, Date.parse("2030-01-01T00:00:00Z"));
      assert.match(b.CreateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(typeof b.CreateTimeStamp, "number");
      assert.match(b.RequestId, /^[0-9A-F-]{36}$/);
    }
  });

  it("aliyun-cas and tencent-ssl: valid uploads get their ids", async () => {
    const cas = await answer(await call(mf, "/api/upload", { body: { provider: "aliyun-cas", params: VALID["aliyun-cas"]() } }));
    assert.equal(cas.status, 200, JSON.stringify(cas.body));
    assert.deepEqual(Object.keys(cas.body), ["RequestId", "CertId"]);
    assert.equal(typeof cas.body.CertId, "number");
    const tc = await answer(await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params: VALID["tencent-ssl"]() } }));
    assert.equal(tc.status, 200);
    assert.deepEqual(Object.keys(tc.body.Response), ["CertificateId", "RepeatCertId", "RequestId"]);
    assert.match(tc.body.Response.CertificateId, /^[0-9a-f]{8}$/);
  });

  it("tencent-ssl: a repeated upload with Repeatable: false returns the first id as RepeatCertId", async () => {
    const params = { CertificatePublicKey: fixture("ec/p256/fullchain.pem"), CertificatePrivateKey: fixture("ec/p256/key.sec1.pem"), Repeatable: false };
    const first = await answer(await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params } }));
    const id = first.body.Response.CertificateId;
    assert.match(id, /^[0-9a-f]{8}$/);
    assert.equal(first.body.Response.RepeatCertId, "");
    const again = await answer(await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params } }));
    assert.equal(again.body.Response.RepeatCertId, id);
    const allowed = await answer(await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params: { ...params, Repeatable: true } } }));
    assert.notEqual(allowed.body.Response.CertificateId, id);
    assert.equal(allowed.body.Response.RepeatCertId, "");
  });

  it("options.language: the checks and the (mock) cloud's answer in the language asked for; Tencent's default is Chinese", async () => {
    const params = { ...VALID["tencent-ssl"](), CertificatePrivateKey: fixture("chain/rsa/int.key.pem") };
    const message = (language) => pkg.validate({ certificate: params.CertificatePublicKey, privateKey: params.CertificatePrivateKey, provider: "tencent-ssl", language }).errors[0].message;
    for (const [language, options] of [["zh-CN", {}], ["zh-CN", { language: "zh-CN" }], ["en-US", { language: "en-US" }]]) {
      const v = await answer(await call(mf, "/api/validate", { body: { provider: "tencent-ssl", params, options } }));
      assert.equal(v.body.errors[0].message, message(language), language);
      const up = await answer(await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params, options } }));
      assert.equal(up.body.Response.Error.Message, message(language), language);
    }
    assert.notEqual(message("zh-CN"), message("en-US"));
    const bad = await answer(await call(mf, "/api/validate", { body: { provider: "tencent-ssl", params, options: { language: "fr" } } }));
    assert.deepEqual([bad.status, bad.body.error.code], [400, "InvalidArgument"]);
  });

  it("a mismatched pair is refused with each provider's code, status and body shape, and every finding", async () => {
    const certificate = fixture("chain/rsa/leaf.pem");
    const key = fixture("chain/rsa/int.key.pem");
    const cases = {
      "aliyun-slb": { RegionId: "cn-hangzhou", ServerCertificate: certificate, PrivateKey: key },
      "aliyun-cas": { Name: "x", Cert: certificate, Key: key },
      "tencent-ssl": { CertificatePublicKey: certificate, CertificatePrivateKey: key },
    };
    for (const [provider, params] of Object.entries(cases)) {
      const refused = expected(provider, params);
      assert.ok(refused.errors.some((f) => f.kind === "CertificateMismatch"), provider);
      const res = await answer(await call(mf, "/api/upload", { body: { provider, params } }));
      if (provider === "tencent-ssl") assertTencentRefusal(res, refused);
      else assertAlibabaRefusal(res, refused);
      assert.ok(res.body.findings.length >= 2, "warnings are there too");
    }
    const slb = await answer(await call(mf, "/api/upload", { body: { provider: "aliyun-slb", params: cases["aliyun-slb"] } }));
    assert.deepEqual([slb.status, slb.body.Code, slb.body.HostId], [400, "InvalidParameter", "slb.aliyuncs.com"]);
  });

  it("aliyun-slb refuses an RSA-3072 key and an EC key outside eccRegions; tencent-ssl an SM2 certificate", async () => {
    const rsa3072 = { RegionId: "cn-hangzhou", ServerCertificate: fixture("rsa/3072/fullchain.pem"), PrivateKey: fixture("rsa/3072/key.pem") };
    const r1 = await answer(await call(mf, "/api/upload", { body: { provider: "aliyun-slb", params: rsa3072 } }));
    assert.deepEqual([r1.status, r1.body.Code], [400, "OperationDenied.IllegalKeyLength"]);
    assertAlibabaRefusal(r1, expected("aliyun-slb", rsa3072));

    // cn-chengdu: one of the regions where the mock cloud takes EC (EVIDENCE.md S9).
    const ec = { RegionId: "cn-chengdu", ServerCertificate: fixture("ec/p256/fullchain.pem"), PrivateKey: fixture("ec/p256/key.sec1.pem") };
    const r2 = await answer(await call(mf, "/api/upload", { body: { provider: "aliyun-slb", params: ec, options: { eccRegions: ["cn-hangzhou"] } } }));
    assert.deepEqual([r2.status, r2.body.Code], [400, "EccCertificateNotSupport"]);
    assertAlibabaRefusal(r2, expected("aliyun-slb", ec, { eccRegions: ["cn-hangzhou"] }));
    const inRegion = await answer(await call(mf, "/api/upload", { body: { provider: "aliyun-slb", params: ec, options: { eccRegions: ["cn-chengdu"] } } }));
    assert.equal(inRegion.status, 200, JSON.stringify(inRegion.body));

    const sm2 = { CertificatePublicKey: fixture("other/sm2/cert.pem"), CertificatePrivateKey: fixture("other/sm2/key.sec1.pem") };
    const r3 = await answer(await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params: sm2 } }));
    assert.equal(r3.body.Response.Error.Code, "FailedOperation.CertificateEncryptInvalid");
    assertTencentRefusal(r3, expected("tencent-ssl", sm2));
  });

  it("/api/validate answers the Report with the parameter rules, and sends nothing", async () => {
    const ok = await answer(await call(mf, "/api/validate", { body: { provider: "aliyun-slb", params: VALID["aliyun-slb"]() } }));
    assert.equal(ok.status, 200);
    assert.equal(ok.body.ok, true, JSON.stringify(ok.body.errors));
    assert.equal(ok.body.certificate.fingerprintSha1, leafFacts.fingerprintSha1);
    assert.equal(ok.body.chain.length, 3);
    assert.equal(ok.body.privateKey.format, "PKCS#8");
    const bad = await answer(
      await call(mf, "/api/validate", {
        body: { provider: "aliyun-slb", params: { ...VALID["aliyun-slb"](), PrivateKey: fixture("chain/rsa/int.key.pem"), RegionId: "mars-north-1" } },
      }),
    );
    assert.equal(bad.body.ok, false);
    const kinds = bad.body.errors.map((f) => f.kind);
    assert.ok(kinds.includes("CertificateMismatch"), kinds.join());
    assert.ok(kinds.includes("ParameterInvalid"), kinds.join());
    assert.equal(bad.body.certificate.commonName, "rsa2048.example");
    // A parameter of the wrong type is the provider's finding, as buildRequest words it.
    const typed = await answer(await call(mf, "/api/validate", { body: { provider: "tencent-ssl", params: { ...VALID["tencent-ssl"](), CertificatePrivateKey: 42 } } }));
    assert.equal(typed.status, 200);
    assert.equal(typed.body.ok, false);
    assert.deepEqual(
      typed.body.errors.map((f) => f.field),
      expected("tencent-ssl", { ...VALID["tencent-ssl"](), CertificatePrivateKey: 42 }).errors.map((f) => f.field),
    );
  });

  it("the mock refuses a tampered signature, a stale timestamp, a replayed nonce and an unknown key (Alibaba)", async () => {
    const request = pkg.buildRequest("aliyun-slb", VALID["aliyun-slb"]());
    const send = (signed, tamper = (u) => u) => {
      const url = new URL(signed.url);
      return call(mf, tamper(`/mock/${url.host}${url.pathname}${url.search}`), {
        headers: Object.fromEntries(signed.headers),
        body: signed.body || undefined,
        raw: true,
      });
    };
    for (const algorithm of ["ACS3-HMAC-SHA256", "HMAC-SHA1"]) {
      const signed = pkg.signRequest(request, cloud.MOCK_CREDENTIALS.alibaba, { algorithm, timestamp: new Date() });
      const tampered = await answer(await send(signed, (u) => u.replace("worker-test", "worker-tesT")));
      assert.deepEqual([tampered.status, tampered.body.Code], [400, "SignatureDoesNotMatch"], algorithm);
      assert.deepEqual(Object.keys(tampered.body), ["RequestId", "HostId", "Code", "Message", "Recommend"]);
      const first = await answer(await send(signed));
      assert.equal(first.status, 200, `${algorithm}: ${JSON.stringify(first.body)}`);
      const replay = await answer(await send(signed));
      assert.deepEqual([replay.status, replay.body.Code], [400, "SignatureNonceUsed"], algorithm);
      const stale = pkg.signRequest(request, cloud.MOCK_CREDENTIALS.alibaba, { algorithm, timestamp: new Date(Date.now() - 3600_000) });
      const expired = await answer(await send(stale));
      assert.deepEqual([expired.status, expired.body.Code], [400, "InvalidTimeStamp.Expired"], algorithm);
      const stranger = pkg.signRequest(request, { accessKeyId: "LTAI5tSomeoneElse", accessKeySecret: "x" }, { algorithm, timestamp: new Date() });
      const unknown = await answer(await send(stranger));
      assert.deepEqual([unknown.status, unknown.body.Code], [404, "InvalidAccessKeyId.NotFound"], algorithm);
    }
  });

  it("the mock refuses a tampered signature and a stale timestamp (Tencent, HTTP 200)", async () => {
    const request = pkg.buildRequest("tencent-ssl", VALID["tencent-ssl"]());
    const send = (signed, body = signed.body) => {
      const url = new URL(signed.url);
      return call(mf, `/mock/${url.host}${url.pathname}`, { headers: Object.fromEntries(signed.headers), body, raw: true });
    };
    const signed = pkg.signRequest(request, cloud.MOCK_CREDENTIALS.tencent, { timestamp: new Date() });
    const tampered = await answer(await send(signed, signed.body.replace("worker-test", "worker-tesT")));
    assert.equal(tampered.status, 200);
    assert.equal(tampered.body.Response.Error.Code, "AuthFailure.SignatureFailure");
    const stale = pkg.signRequest(request, cloud.MOCK_CREDENTIALS.tencent, { timestamp: new Date(Date.now() - 600_000) });
    const expired = await answer(await send(stale));
    assert.equal(expired.body.Response.Error.Code, "AuthFailure.SignatureExpire");
    const good = await answer(await send(signed));
    assert.match(good.body.Response.CertificateId, /^[0-9a-f]{8}$/);
  });

  it("bodies over 256 KiB get 413 before parsing, streamed ones too; only application/json is taken", async () => {
    const big = JSON.stringify({ provider: "aliyun-slb", params: { RegionId: "cn-hangzhou", ServerCertificate: "x".repeat(300 * 1024) } });
    const r1 = await answer(await call(mf, "/api/upload", { body: big }));
    assert.deepEqual([r1.status, r1.body.error.code], [413, "PayloadTooLarge"]);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode("x".repeat(32 * 1024)));
        c.close();
      },
    });
    const r2 = await mf.dispatchFetch(`${ORIGIN}/api/validate`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" });
    assert.equal(r2.status, 413);
    const r3 = await answer(await call(mf, "/api/upload", { body: JSON.stringify({ provider: "aliyun-slb", params: {} }), headers: { "content-type": "text/plain" } }));
    assert.deepEqual([r3.status, r3.body.error.code], [415, "UnsupportedMediaType"]);
    const r4 = await answer(await call(mf, "/api/upload", { body: "{not json" }));
    assert.deepEqual([r4.status, r4.body.error.code], [400, "InvalidJson"]);
    const r5 = await answer(await call(mf, "/api/upload", { body: { provider: "aws-acm", params: {} } }));
    assert.deepEqual([r5.status, r5.body.error.code], [400, "InvalidArgument"]);
  });

  it("answers its own origin only: no CORS, a cross-origin request is refused", async () => {
    const body = { provider: "aliyun-slb", params: VALID["aliyun-slb"]() };
    const cross = await call(mf, "/api/validate", { body, headers: { origin: "https://evil.example" } });
    assert.equal(cross.status, 403);
    assert.equal(cross.headers.get("access-control-allow-origin"), null);
    assert.equal((await cross.json()).error.code, "CrossOriginRefused");
    const site = await call(mf, "/api/upload", { body, headers: { "sec-fetch-site": "cross-site" } });
    assert.equal(site.status, 403);
    const preflight = await mf.dispatchFetch(`${ORIGIN}/api/upload`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers.get("access-control-allow-origin"), null);
    const same = await call(mf, "/api/validate", { body, headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" } });
    assert.equal(same.status, 200);
    assert.equal(same.headers.get("access-control-allow-origin"), null);
  });
});

describe("live mode (credentials set)", () => {
  it("refuses every upload when no PROXY_TOKEN is configured, and says why", async () => {
    const mf = await start(LIVE);
    const health = await answer(await call(mf, "/api/health", { method: "GET" }));
    assert.deepEqual([health.body.mode, health.body.upload], ["live", "disabled"]);
    const res = await answer(await call(mf, "/api/upload", { body: { provider: "aliyun-slb", params: VALID["aliyun-slb"]() } }));
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, "UploadDisabled");
    assert.match(res.body.error.message, /PROXY_TOKEN/);
    const mock = await call(mf, "/mock/slb.aliyuncs.com/", { body: "{}" });
    assert.equal(mock.status, 404, "no mock cloud in live mode");
  });

  it("needs the bearer token; with it, signs with the environment's credentials and relays the provider's answer", async () => {
    // A local stand-in for the clouds: the mock cloud's verifier with the LIVE test credentials.
    const standIn = cloud.createMockCloud({
      validate: pkg.validate,
      credentials: {
        alibaba: { accessKeyId: LIVE.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: LIVE.ALIBABA_CLOUD_ACCESS_KEY_SECRET },
        tencent: { secretId: LIVE.TENCENTCLOUD_SECRET_ID, secretKey: LIVE.TENCENTCLOUD_SECRET_KEY },
      },
    });
    const seen = [];
    const server = createServer(async (req, res) => {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const [, host, ...rest] = req.url.split("/");
      seen.push({ host, method: req.method });
      const headers = Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length", "transfer-encoding"].includes(k));
      const answer = await standIn.fetch(
        new Request(`https://${host}/${rest.join("/")}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }),
      );
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const mf = await start({ ...LIVE, PROXY_TOKEN: TOKEN, TEST_UPSTREAM_ORIGIN: `http://127.0.0.1:${server.address().port}` });
      const body = { provider: "aliyun-slb", params: VALID["aliyun-slb"]() };
      const none = await call(mf, "/api/upload", { body });
      assert.equal(none.status, 401);
      assert.match(none.headers.get("www-authenticate"), /^Bearer/);
      const wrong = await call(mf, "/api/upload", { body, headers: { authorization: `Bearer ${TOKEN}x` } });
      assert.equal(wrong.status, 401);
      assert.equal(seen.length, 0, "nothing was forwarded without the token");

      const auth = { authorization: `Bearer ${TOKEN}` };
      const slb = await answer(await call(mf, "/api/upload", { body, headers: auth }));
      assert.equal(slb.status, 200, JSON.stringify(slb.body));
      assert.equal(slb.headers.get("x-cert-preflight-mode"), "live");
      assert.equal(slb.body.Fingerprint, leafFacts.fingerprintSha1);
      const tc = await answer(await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params: VALID["tencent-ssl"]() }, headers: auth }));
      assert.match(tc.body.Response.CertificateId, /^[0-9a-f]{8}$/, JSON.stringify(tc.body));
      assert.deepEqual(seen, [
        { host: "slb.aliyuncs.com", method: "POST" },
        { host: "ssl.tencentcloudapi.com", method: "POST" },
      ]);
      // A refusal is still answered by the proxy itself, never forwarded.
      const bad = await answer(await call(mf, "/api/upload", { body: { provider: "aliyun-slb", params: { ...VALID["aliyun-slb"](), PrivateKey: fixture("chain/rsa/int.key.pem") } }, headers: auth }));
      assert.equal(bad.body.Code, "InvalidParameter");
      assert.equal(seen.length, 2);
      const health = await answer(await call(mf, "/api/health", { method: "GET" }));
      assert.deepEqual(health.body, { version: health.body.version, mode: "live", upload: "token" });
    } finally {
      server.close();
    }
  });
});

// ---- /api/chain and options.completeChain: the caIssuers fetches, against a loopback stand-in ----

const AIA_PORT = 18790; // the port tests/fixtures/gen-aia.sh wrote into every caIssuers URL
const AIA = `http://127.0.0.1:${AIA_PORT}`;
const aiaDir = path.join(repo, "tests/fixtures/aia");
const aiaPem = (name) => readFileSync(path.join(aiaDir, name), "utf8");

/**
 * The stand-in CA web server. Serves tests/fixtures/aia/ and a generated PKI under /gen/, plus:
 *   /redirect/<n>/<file>  n redirects, then /plain/<file>      /slow/<file>  answers after 5 s
 *   /huge                 1 MiB, chunked (no Content-Length)    /missing      404
 * `alias` maps a path to another for the next requests (so a fixture's fixed URL can be made to
 * redirect, stall or grow); `requests` lists every path asked for.
 */
function aiaStandIn(genDir) {
  const requests = [];
  const alias = new Map();
  const timers = new Set();
  const serveFile = (res, base, name) => {
    let body;
    try {
      body = readFileSync(path.join(base, path.basename(name)));
    } catch {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "application/pkix-cert", "content-length": body.length }).end(body);
  };
  const server = createServer((req, res) => {
    requests.push(req.url);
    const p = alias.get(req.url) ?? req.url;
    let m;
    if ((m = /^\/redirect\/(\d+)\/(.+)$/.exec(p))) {
      const n = Number(m[1]);
      res.writeHead(302, { location: n > 1 ? `/redirect/${n - 1}/${m[2]}` : `/plain/${m[2]}` }).end();
    } else if ((m = /^\/plain\/(.+)$/.exec(p))) {
      serveFile(res, aiaDir, m[1]);
    } else if ((m = /^\/slow\/(.+)$/.exec(p))) {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) serveFile(res, aiaDir, m[1]);
      }, 5000);
      timers.add(t);
    } else if (p === "/huge") {
      res.writeHead(200, { "content-type": "application/pkix-cert" });
      const chunk = Buffer.alloc(16 * 1024, 0x41);
      let sent = 0;
      const more = () => {
        while (sent < 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once("drain", more);
        }
        res.end();
      };
      more();
    } else if (p === "/missing") {
      res.writeHead(404).end("<html>not found</html>");
    } else if ((m = /^\/gen\/(.+)$/.exec(p))) {
      serveFile(res, genDir, m[1]);
    } else {
      serveFile(res, aiaDir, p.slice(1));
    }
  });
  return {
    requests,
    alias,
    // The port is fixed by the fixtures, and other suites (the demo's) serve it too: wait for it.
    listen: () => listenRetrying(server, AIA_PORT, 120_000),
    close: () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A small PKI made here (the AIA fixtures keep no keys): root → int → an RSA-2048 leaf with its key, AIA → /gen/. */
function generatePki(dir) {
  const ssl = (...args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const ext = (name, lines) => writeFileSync(path.join(dir, name), lines.join("\n") + "\n");
  ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-subj", "/CN=Upload Test Root", "-days", "3650",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  ssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=Upload Test Int");
  ext("int.ext", ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid", `authorityInfoAccess=caIssuers;URI:${AIA}/gen/root.der`]);
  ssl("x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "2", "-days", "3650", "-extfile", "int.ext", "-out", "int.pem");
  ssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=upload.aia.test");
  ext("leaf.ext", [
    "basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment", "extendedKeyUsage=serverAuth", "subjectAltName=DNS:upload.aia.test",
    "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid", `authorityInfoAccess=caIssuers;URI:${AIA}/gen/int.der`,
  ]);
  ssl("x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key", "-set_serial", "3", "-days", "365", "-extfile", "leaf.ext", "-out", "leaf.pem");
  for (const n of ["root", "int"]) ssl("x509", "-in", `${n}.pem`, "-outform", "DER", "-out", `${n}.der`);
  const read = (n) => readFileSync(path.join(dir, n), "utf8");
  return { leaf: read("leaf.pem"), key: read("leaf.key"), int: read("int.pem") };
}

const fetchOf = (body, file) => body.fetches.find((f) => f.url === `${AIA}/${file}`);

describe("/api/chain and options.completeChain (caIssuers fetched from a loopback stand-in)", () => {
  let standIn;
  let allow; // AIA_ALLOW_PRIVATE=1, a 400 ms timeout
  let strict; // the defaults
  let genDir;
  let pki;
  const chain = (mf, certificate, headers) => call(mf, "/api/chain", { body: { certificate }, headers }).then(answer);

  before(async () => {
    genDir = mkdtempSync(path.join(tmpdir(), "cert-preflight-aia-"));
    pki = generatePki(genDir);
    standIn = aiaStandIn(genDir);
    await standIn.listen();
    allow = await start({ AIA_ALLOW_PRIVATE: "1", AIA_TIMEOUT_MS: "400" });
    strict = await start();
  });
  after(() => {
    standIn?.close();
    if (genDir) rmSync(genDir, { recursive: true, force: true });
  });

  it("completes a leaf whose issuer is served as DER, PEM, PKCS#7 (BER) — and stops at the root, which is not added", async () => {
    for (const [leaf, file] of [["leaf-der.pem", "int1.der"], ["leaf-pem.pem", "int1.pem"], ["leaf-p7c-ber.pem", "int1-ber.p7c"], ["leaf-p7c-der.pem", "int1-der.p7c"]]) {
      const res = await chain(allow, aiaPem(leaf));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const b = res.body;
      assert.equal(b.complete, true, `${leaf}: ${JSON.stringify(b.findings)}`);
      assert.deepEqual(b.added.map((a) => [a.subject, a.url]), [["CN=AIA Test Int 1", `${AIA}/${file}`]], leaf);
      assert.equal(b.certificate.match(/BEGIN CERTIFICATE/g).length, 2, leaf);
      assert.ok(b.certificate.startsWith(aiaPem(leaf).trim()), leaf);
      assert.deepEqual(b.next, []);
      assert.deepEqual(b.findings, []);
      assert.deepEqual(b.fetches.map((f) => [f.url, f.ok, f.status]), [[`${AIA}/${file}`, true, 200], [`${AIA}/root.der`, true, 200]], leaf);
      assert.equal(res.headers.get("access-control-allow-origin"), null);
    }
  });

  it("two missing intermediates take two rounds", async () => {
    const { body } = await chain(allow, aiaPem("leaf-two.pem"));
    assert.equal(body.complete, true);
    assert.deepEqual(body.added.map((a) => a.subject), ["CN=AIA Test Int 2", "CN=AIA Test Int 1"]);
    assert.deepEqual(body.fetches.map((f) => f.url.slice(AIA.length)), ["/int2.der", "/int1.der", "/root.der"]);
  });

  it("an issuer by name only (the impostor) is a finding, never added; a loop and an oversized body are said", async () => {
    const imp = (await chain(allow, aiaPem("leaf-impostor.pem"))).body;
    const impostorPem = `-----BEGIN CERTIFICATE-----\n${readFileSync(path.join(aiaDir, "impostor.der")).toString("base64")}\n-----END CERTIFICATE-----\n`;
    const impostorFp = pkg.validate({ certificate: impostorPem }).certificate.fingerprintSha256;
    assert.ok(!imp.added.some((a) => a.fingerprintSha256 === impostorFp), "the impostor is not added");
    assert.ok(imp.findings.some((f) => f.kind === "ChainOrderInvalid" && /impostor\.der.*did not sign/.test(f.detail)), JSON.stringify(imp.findings));
    assert.deepEqual(imp.added.map((a) => a.url), [`${AIA}/int1.der`], "the real int1, the second URL, is");
    assert.equal(fetchOf(imp, "impostor.der").ok, true, "fetched, then refused by the core");

    const loop = (await chain(allow, aiaPem("leaf-loop.pem"))).body;
    assert.equal(loop.complete, false);
    assert.ok(loop.findings.some((f) => /loop/.test(f.detail)), JSON.stringify(loop.findings));

    const big = (await chain(allow, aiaPem("leaf-big.pem"))).body;
    assert.deepEqual(big.added, []);
    assert.deepEqual(fetchOf(big, "big.der"), { url: `${AIA}/big.der`, ok: false, status: 200, code: "AiaTooLarge", error: "over 64 KiB (Content-Length 70000)" });
  });

  it("1 MiB streamed with no Content-Length is cut at 64 KiB; a 404, redirects (3 followed, a 4th refused) and a timeout are said in words", async () => {
    const leaf = aiaPem("leaf-der.pem");
    const cases = [
      ["/huge", { ok: false, code: "AiaTooLarge", error: "over 64 KiB" }],
      ["/missing", { ok: false, code: "AiaHttpStatus", error: "HTTP 404" }],
      ["/redirect/4/int1.der", { ok: false, code: "AiaRedirects", error: "more than 3 redirects" }],
      ["/slow/int1.der", { ok: false, code: "AiaTimeout", error: "timed out after 400 ms" }],
    ];
    try {
      for (const [to, want] of cases) {
        standIn.alias.set("/int1.der", to);
        const t0 = Date.now();
        const { status, body } = await chain(allow, leaf);
        assert.equal(status, 200);
        const f = fetchOf(body, "int1.der");
        assert.deepEqual({ ok: f.ok, code: f.code, error: f.error }, want, to);
        assert.deepEqual(body.added, [], to);
        assert.equal(body.complete, false);
        if (to.startsWith("/slow")) assert.ok(Date.now() - t0 < 3000, "the timeout did not wait for the answer");
      }
      standIn.alias.set("/int1.der", "/redirect/3/int1.der");
      const three = (await chain(allow, leaf)).body;
      assert.deepEqual(three.added.map((a) => a.subject), ["CN=AIA Test Int 1"]);
      assert.deepEqual(fetchOf(three, "int1.der").redirects, [`${AIA}/redirect/2/int1.der`, `${AIA}/redirect/1/int1.der`, `${AIA}/plain/int1.der`]);
    } finally {
      standIn.alias.clear();
    }
  });

  it("without AIA_ALLOW_PRIVATE the same calls are refused and no request reaches the stand-in", async () => {
    const before = standIn.requests.length;
    for (const leaf of ["leaf-der.pem", "leaf-two.pem", "leaf-big.pem"]) {
      const { status, body } = await chain(strict, aiaPem(leaf));
      assert.equal(status, 200);
      assert.deepEqual(body.added, []);
      assert.equal(body.complete, false);
      assert.equal(body.fetches.length, 1);
      assert.equal(body.fetches[0].code, "AiaRefused");
      assert.equal(body.fetches[0].error, "refused: 127.0.0.1 is a loopback address (set AIA_ALLOW_PRIVATE=1 to allow)");
    }
    const up = await answer(await call(strict, "/api/upload", { body: { provider: "tencent-ssl", params: { CertificatePublicKey: pki.leaf, CertificatePrivateKey: pki.key }, options: { completeChain: true } } }));
    assert.equal(up.body.completion.fetches[0].code, "AiaRefused");
    assert.equal(standIn.requests.length, before, "the stand-in saw no request");
  });

  it("guards the route like the others: same origin, JSON, body cap, argument errors", async () => {
    assert.equal((await chain(allow, aiaPem("leaf-der.pem"), { origin: "https://evil.example" })).status, 403);
    const big = await answer(await call(allow, "/api/chain", { body: JSON.stringify({ certificate: "x".repeat(300 * 1024) }) }));
    assert.deepEqual([big.status, big.body.error.code], [413, "PayloadTooLarge"]);
    const bad = [
      [{}, "InvalidArgument"],
      [{ certificate: 42 }, "InvalidArgument"],
      [{ certificate: aiaPem("leaf-der.pem"), roots: "x" }, "InvalidArgument"],
      [{ certificate: "hello" }, "CertificateFormatInvalid"],
    ];
    for (const [body, code] of bad) {
      const res = await answer(await call(allow, "/api/chain", { body }));
      assert.deepEqual([res.status, res.body.error.code], [400, code], JSON.stringify(body));
    }
    const get = await call(allow, "/api/chain", { method: "GET" });
    assert.equal(get.status, 405);
  });

  it("/api/upload with options.completeChain: the mock cloud takes the completed bundle and the answer lists what was added", async () => {
    const params = { RegionId: "cn-hangzhou", ServerCertificate: pki.leaf, PrivateKey: pki.key, ServerCertificateName: "chain-test" };
    const res = await answer(await call(allow, "/api/upload", { body: { provider: "aliyun-slb", params, options: { completeChain: true } } }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.body.ServerCertificateId, /^\d+_[0-9a-f]+_\d+_[0-9a-f]{8}$/);
    assert.deepEqual(res.body.completion.added.map((a) => [a.subject, a.url]), [["CN=Upload Test Int", `${AIA}/gen/int.der`]]);
    assert.equal(res.body.completion.complete, true);
    assert.equal(res.headers.get("x-cert-preflight-chain-added"), "1");
    // Without the option nothing is fetched and the answer is the provider's alone.
    const n = standIn.requests.length;
    const plain = await answer(await call(allow, "/api/upload", { body: { provider: "aliyun-slb", params } }));
    assert.equal(plain.status, 200);
    assert.equal(plain.body.completion, undefined);
    assert.equal(standIn.requests.length, n);
    // /api/validate takes it too: the Report of the completed bundle.
    const v = await answer(await call(allow, "/api/validate", { body: { provider: "aliyun-slb", params, options: { completeChain: true } } }));
    assert.equal(v.body.ok, true, JSON.stringify(v.body.errors));
    assert.equal(v.body.chain.length, 2);
    assert.equal(v.body.chain[1].subject, "CN=Upload Test Int");
    assert.equal(v.body.completion.added.length, 1);
    // A refusal carries `completion` too, beside the provider's error and the findings.
    const refused = await answer(await call(allow, "/api/upload", { body: { provider: "aliyun-slb", params: { ...params, PrivateKey: fixture("rsa/2048/key.pem") }, options: { completeChain: true } } }));
    assert.equal(refused.body.Code, "InvalidParameter");
    assert.equal(refused.body.completion.added.length, 1);
    const typed = await answer(await call(allow, "/api/upload", { body: { provider: "aliyun-slb", params, options: { completeChain: "yes" } } }));
    assert.deepEqual([typed.status, typed.body.error.code], [400, "InvalidArgument"]);
  });

  it("live mode: the signed request that reaches the cloud carries the intermediate", async () => {
    const standInCloud = cloud.createMockCloud({
      validate: pkg.validate,
      credentials: { tencent: { secretId: LIVE.TENCENTCLOUD_SECRET_ID, secretKey: LIVE.TENCENTCLOUD_SECRET_KEY }, alibaba: { accessKeyId: LIVE.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: LIVE.ALIBABA_CLOUD_ACCESS_KEY_SECRET } },
    });
    const seen = [];
    const server = createServer(async (req, res) => {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks);
      const [, host, ...rest] = req.url.split("/");
      seen.push({ host, body: body.toString("utf8") });
      const headers = Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length", "transfer-encoding"].includes(k));
      const reply = await standInCloud.fetch(new Request(`https://${host}/${rest.join("/")}`, { method: req.method, headers, body: chunks.length ? body : undefined }));
      res.writeHead(reply.status, { "content-type": reply.headers.get("content-type") });
      res.end(Buffer.from(await reply.arrayBuffer()));
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const mf = await start({ ...LIVE, PROXY_TOKEN: TOKEN, TEST_UPSTREAM_ORIGIN: `http://127.0.0.1:${server.address().port}`, AIA_ALLOW_PRIVATE: "1" });
      const params = { CertificatePublicKey: pki.leaf, CertificatePrivateKey: pki.key, Alias: "chain-live" };
      const res = await answer(await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params, options: { completeChain: true } }, headers: { authorization: `Bearer ${TOKEN}` } }));
      assert.match(res.body.Response.CertificateId, /^[0-9a-f]{8}$/, JSON.stringify(res.body));
      assert.equal(res.body.completion.added.length, 1);
      assert.equal(seen.length, 1);
      const sent = JSON.parse(seen[0].body).CertificatePublicKey;
      assert.equal(sent.match(/BEGIN CERTIFICATE/g).length, 2);
      const b64 = (pem) => pem.replace(/-----[^-]+-----|\s/g, "");
      assert.ok(sent.includes(b64(pki.int).slice(0, 64)), "the signed request's certificate holds the intermediate");
      assert.ok(sent.replace(/\s/g, "").includes(b64(pki.int)));
      // Unauthenticated: nothing fetched, nothing sent.
      const n = standIn.requests.length;
      const denied = await call(mf, "/api/upload", { body: { provider: "tencent-ssl", params, options: { completeChain: true } } });
      assert.equal(denied.status, 401);
      assert.equal(standIn.requests.length, n);
    } finally {
      server.close();
    }
  });

  it("upload with completeChain sends nothing when the chain stays incomplete: 422 for what the CA's URLs cannot complete, 502 for a failed fetch", async () => {
    const params = (certificate) => ({ CertificatePublicKey: certificate, CertificatePrivateKey: pki.key, Alias: "chain-incomplete" });
    // No caIssuers URL to fetch from: nothing can complete it.
    const none = await answer(await call(allow, "/api/upload", { body: { provider: "tencent-ssl", params: params(aiaPem("leaf-none.pem")), options: { completeChain: true } } }));
    assert.deepEqual([none.status, none.body.error.code], [422, "ChainIncomplete"], JSON.stringify(none.body));
    assert.match(none.body.error.message, /^nothing was sent: completeChain could not complete the chain \(the last certificate names no caIssuers URL/);
    assert.equal(none.body.completion.complete, false);
    assert.equal(none.headers.get("x-cert-preflight-mode"), "mock");
    assert.equal(none.body.Response, undefined, "no answer of the (mock) cloud: nothing was signed or sent");
    // Issuers that loop back to each other: the core's finding says so.
    const loop = await answer(await call(allow, "/api/upload", { body: { provider: "tencent-ssl", params: params(aiaPem("leaf-loop.pem")), options: { completeChain: true } } }));
    assert.deepEqual([loop.status, loop.body.error.code], [422, "ChainIncomplete"], JSON.stringify(loop.body));
    const finding = loop.body.completion.findings.find((f) => f.kind !== "ChainIncomplete");
    assert.equal(loop.body.error.message, `nothing was sent: completeChain could not complete the chain (${finding.message})`);
    // A fetch that failed (refused without AIA_ALLOW_PRIVATE) is the CA server's side: 502.
    const refused = await answer(await call(strict, "/api/upload", { body: { provider: "tencent-ssl", params: params(aiaPem("leaf-der.pem")), options: { completeChain: true } } }));
    assert.deepEqual([refused.status, refused.body.error.code], [502, "ChainIncomplete"]);
    assert.match(refused.body.error.message, /\(refused: 127\.0\.0\.1 is a loopback address/);
  });

  it("GET /api/roots and EXTRA_ROOTS: an operator's root makes the chain complete for validate and completeChain alike", async () => {
    const roots = await import(pathToFileURL(path.join(workerDir, "node_modules/cert-preflight/roots.js")).href);
    const plain = await answer(await call(strict, "/api/roots", { method: "GET" }));
    assert.deepEqual(plain.body, { mozilla: { count: roots.count, date: roots.date, source: roots.source }, extra: "" });
    assert.equal(plain.headers.get("cache-control"), "no-store");
    const rootPem = new X509Certificate(readFileSync(path.join(aiaDir, "root.der"))).toString();
    const trusted = await start({ EXTRA_ROOTS: rootPem, AIA_ALLOW_PRIVATE: "1" });
    assert.equal((await answer(await call(trusted, "/api/roots", { method: "GET" }))).body.extra, rootPem.trim() + "\n");
    const params = { CertificatePublicKey: aiaPem("leaf-der.pem") + aiaPem("int1.pem"), Alias: "roots", CertificateType: "CA" };
    const kinds = (body) => [...body.errors, ...body.warnings].map((f) => f.kind).filter((k) => k.startsWith("Chain"));
    // Mozilla's roots alone: int1's issuer is no root they hold, and it is not uploaded.
    const without = await answer(await call(strict, "/api/validate", { body: { provider: "tencent-ssl", params } }));
    assert.deepEqual(kinds(without.body), ["ChainIncomplete"], JSON.stringify(without.body.warnings));
    // With the operator's root, the leaf + intermediate bundle is complete; nothing names the root.
    const withRoot = await answer(await call(trusted, "/api/validate", { body: { provider: "tencent-ssl", params } }));
    assert.deepEqual(kinds(withRoot.body), [], JSON.stringify(withRoot.body.warnings));
    // A bundle that carries the self-signed root: untrusted under Mozilla's, fine with EXTRA_ROOTS.
    const selfSigned = { ...params, CertificatePublicKey: params.CertificatePublicKey + rootPem };
    assert.deepEqual(kinds((await answer(await call(strict, "/api/validate", { body: { provider: "tencent-ssl", params: selfSigned } }))).body), ["ChainUntrusted"]);
    assert.deepEqual(kinds((await answer(await call(trusted, "/api/validate", { body: { provider: "tencent-ssl", params: selfSigned } }))).body), []);
    // completeChain stops at the trusted root: int1 is fetched, root.der is not.
    const n = standIn.requests.length;
    const done = await chain(trusted, aiaPem("leaf-der.pem"));
    assert.equal(done.body.complete, true);
    assert.deepEqual(done.body.fetches.map((f) => f.url), [`${AIA}/int1.der`]);
    assert.deepEqual(standIn.requests.slice(n), ["/int1.der"]);
  });

  it("an EXTRA_ROOTS that holds no certificate is the operator's error: 500 ConfigurationError naming the variable, never its value", async () => {
    const broken = await start({ EXTRA_ROOTS: "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n" });
    for (const [route, init] of [["/api/roots", { method: "GET" }], ["/api/validate", { body: { provider: "tencent-ssl", params: { CertificatePublicKey: aiaPem("leaf-der.pem") } } }], ["/api/chain", { body: { certificate: aiaPem("leaf-der.pem") } }]]) {
      const res = await answer(await call(broken, route, init));
      assert.deepEqual([res.status, res.body.error.code], [500, "ConfigurationError"], route);
      assert.match(res.body.error.message, /^EXTRA_ROOTS is not a PEM bundle of root certificates/);
      assert.ok(!res.body.error.message.includes("bm90IGEgY2VydA"), "the value is not echoed");
    }
    assert.equal((await call(broken, "/api/health", { method: "GET" })).status, 200);
  });

  it("logs one line per /api/chain call with counts only: no URL, no certificate", async () => {
    await chain(allow, aiaPem("leaf-der.pem"));
    await new Promise((r) => setTimeout(r, 300));
    const lines = output.join("").split("\n").filter((l) => l.includes('"path":"/api/chain"'));
    assert.ok(lines.length >= 10, `${lines.length} lines`);
    assert.ok(lines.some((l) => /"chain":\{"fetched":2,"failed":0,"added":1,"complete":true\}/.test(l)), lines.slice(-3).join("\n"));
    const printed = output.join("");
    assert.ok(!printed.includes("18790"), "no caIssuers URL in the log");
    assert.ok(!printed.includes(b64line(aiaPem("leaf-der.pem"))), "no certificate in the log");
  });
});

const b64line = (pem) => pem.split("\n")[1];

describe("secrets", () => {
  it("no private key, passphrase, credential or token ever appears in what workerd printed", async () => {
    const mf = await start();
    // One more upload with an encrypted key and its passphrase, so there is something to leak.
    const passphrase = "correct horse";
    const params = { RegionId: "cn-hangzhou", ServerCertificate: rsa().certificate, PrivateKey: fixture("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem") };
    const res = await call(mf, "/api/upload", { body: { provider: "aliyun-slb", params, options: { passphrase } } });
    assert.equal(res.status, 200, await res.clone().text());
    await new Promise((r) => setTimeout(r, 300)); // let the runtime flush its output
    const printed = output.join("");
    assert.ok(printed.includes('"path":"/api/upload"'), "the request log lines were captured");
    const keyLines = (pem) => pem.split("\n").filter((l) => l.length > 40 && !l.startsWith("-----"));
    const secrets = [
      ...keyLines(rsa().key),
      ...keyLines(fixture("chain/rsa/int.key.pem")),
      ...keyLines(params.PrivateKey),
      passphrase,
      TOKEN,
      ...Object.values(LIVE),
      cloud.MOCK_CREDENTIALS.alibaba.accessKeySecret,
      cloud.MOCK_CREDENTIALS.tencent.secretKey,
    ];
    for (const s of secrets) assert.ok(!printed.includes(s), `workerd output contains a secret (${s.slice(0, 12)}…)`);
  });

  it("real-shaped secrets in every input (provider, params values and keys, options, body keys) come back in no answer and no log line", async () => {
    const mf = await start();
    const SECRETS = {
      "Alibaba AccessKey secret (30)": "Q7wErT9yUi2oPa4sDf6gHj8kLz1xCv",
      "Tencent SecretKey (32)": "Hv6u0yHBSOqr97de09kpRZDO4FXAMPLE",
      "Tencent SecretId (36)": "AKIDy7jqarI4xJAYo96WVjlOKw2DEXAMPLE",
      "Alibaba AccessKeyId (24)": "LTAI5tWorkerExample98765",
      passphrase: "violet ladder spoon orbit 2026",
    };
    const cert = rsa().certificate;
    const key = rsa().key;
    // Inputs the Worker refuses, ignores or uses as a secret: the secret is in no answer at all.
    const nowhere = (s) => [
      { provider: s, params: VALID["aliyun-slb"]() },
      { provider: "aliyun-slb", params: VALID["aliyun-slb"](), [s]: 1 },
      ...[
        ["aliyun-slb", { RegionId: s }],
        ["aliyun-slb", { ServerCertificate: s }],
        ["aliyun-slb", { PrivateKey: s }],
        ["aliyun-slb", { OwnerId: s }],
        ["aliyun-slb", { Tag: s }],
        ["aliyun-slb", { Tag: [{ Key: "k", Value: "v", [s]: "x" }] }],
        ["aliyun-slb", { [s]: "x" }],
        ["aliyun-cas", { Cert: s }],
        ["aliyun-cas", { Key: s }],
        ["aliyun-cas", { Cert: undefined, Key: undefined, SignCert: s, SignPrivateKey: s, EncryptCert: s, EncryptPrivateKey: s }],
        ["aliyun-cas", { Tags: [{ Key: "k", [s]: "v" }] }],
        ["aliyun-cas", { [s]: "x" }],
        ["tencent-ssl", { CertificatePublicKey: s }],
        ["tencent-ssl", { CertificatePrivateKey: s }],
        ["tencent-ssl", { CertificateType: s }],
        ["tencent-ssl", { ProjectId: s }],
        ["tencent-ssl", { Repeatable: s }],
        ["tencent-ssl", { Tags: [{ TagKey: "k", TagValue: "v", [s]: "x" }] }],
        ["tencent-ssl", { [s]: "x" }],
      ].map(([provider, extra]) => ({ provider, params: { ...VALID[provider](), ...extra } })),
      ...Object.keys(VALID).flatMap((provider) =>
        [{ region: s }, { eccRegions: [s] }, { passphrase: s }, { signatureAlgorithm: s }, { [s]: 1 }].map((options) => ({ provider, params: VALID[provider](), options })),
      ),
    ];
    // Values an upload carries by design (names, tag values, Tencent's KeyPassword): the provider's
    // answer may repeat them (as the real APIs do), /api/validate's may not, and no log line may.
    const carried = (s) =>
      [
        ["aliyun-slb", { ServerCertificateName: s }],
        ["aliyun-slb", { ResourceGroupId: s }],
        ["aliyun-slb", { Tag: [{ Key: s, Value: s }] }],
        ["aliyun-cas", { Name: s }],
        ["tencent-ssl", { Alias: s }],
        ["tencent-ssl", { KeyPassword: s }],
        ["tencent-ssl", { Tags: [{ TagKey: s, TagValue: s }] }],
      ].map(([provider, extra]) => ({ provider, params: { ...VALID[provider](), ...extra } }));
    let requests = 0;
    for (const [what, s] of Object.entries(SECRETS)) {
      for (const [bodies, uploadChecked] of [[nowhere(s), true], [carried(s), false]]) {
        for (const body of bodies) {
          for (const route of ["/api/validate", "/api/upload"]) {
            const res = await call(mf, route, { body });
            const text = await res.text();
            requests++;
            if (route === "/api/validate" || uploadChecked) {
              assert.ok(!text.includes(s), `${route} ${JSON.stringify(body).replace(s, "<secret>").slice(0, 200)}: the ${what} comes back: ${text.slice(0, 300)}`);
            }
          }
        }
      }
    }
    assert.ok(requests > 250, `${requests} requests`);
    // And a path of the caller's own is not logged either.
    for (const s of Object.values(SECRETS)) await call(mf, `/api/${encodeURIComponent(s)}`, { body: {} });
    await new Promise((r) => setTimeout(r, 300)); // let the runtime flush its output
    const printed = output.join("");
    assert.ok(printed.includes('"path":"/api/validate"'), "the request log lines were captured");
    for (const [what, s] of Object.entries(SECRETS)) {
      assert.ok(!printed.includes(s), `workerd output contains the ${what}`);
      assert.ok(!printed.includes(encodeURIComponent(s)), `workerd output contains the ${what} (URL-encoded)`);
    }
  });
});
