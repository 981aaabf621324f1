// The mock cloud's own signature verifiers (worker/src/mock/signatures.js, WebCrypto, written from
// the providers' documents) against the official SDKs' vectors of signing-vectors.json: each vector
// verifies, and any change to what is signed makes it fail. This is what makes the mock's "signature
// verified" mean something: the verifier agrees with the SDKs, independently of the package's signer.
// And the mock's Tencent answers are in the language the request asks for (X-TC-Language), with the
// package's table texts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { fixture, fixtures, importByName, installPackage } from "./helpers.mjs";
import { createMockCloud, MOCK_CREDENTIALS } from "../../worker/src/mock/cloud.js";
import { verifyAcs3, verifyRpcHmacSha1, verifyTc3, percentEncode } from "../../worker/src/mock/signatures.js";

const vectors = JSON.parse(readFileSync(path.join(fixtures, "signing-vectors.json"), "utf8"));
const enc = new TextEncoder();
const headerMap = (o) => new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

describe("mock cloud signature verifiers", () => {
  it("percent-encoding follows RFC 3986 as both Alibaba schemes use it", () => {
    assert.equal(percentEncode("a b*c~d/é'!()"), "a%20b%2Ac~d%2F%C3%A9%27%21%28%29");
  });

  it("ACS3-HMAC-SHA256: every SDK vector verifies; a changed query, header or body does not", async () => {
    for (const v of vectors.aliyun_acs3) {
      const secretOf = (id) => (id === v.access_key_id ? v.access_key_secret : undefined);
      const headers = headerMap({ ...v.headers, authorization: v.authorization });
      const base = { method: v.method, path: v.path, query: Object.entries(v.query ?? {}), headers, body: enc.encode(v.body), secretOf };
      const ok = await verifyAcs3(base);
      assert.equal(ok.ok, true, `${v.id}: ${ok.code}`);
      assert.equal(ok.nonce, v.headers["x-acs-signature-nonce"]);
      const query = Object.entries({ ...(v.query ?? {}), Extra: "1" });
      assert.equal((await verifyAcs3({ ...base, query })).code, "SignatureDoesNotMatch", v.id);
      const h2 = new Map(headers);
      h2.set("x-acs-action", "DeleteEverything");
      assert.equal((await verifyAcs3({ ...base, headers: h2 })).code, "SignatureDoesNotMatch", v.id);
      assert.equal((await verifyAcs3({ ...base, body: enc.encode(v.body + " ") })).code, "SignatureDoesNotMatch", v.id);
      assert.equal((await verifyAcs3({ ...base, secretOf: () => undefined })).code, "InvalidAccessKeyId.NotFound");
      const unsigned = new Map(headers);
      unsigned.set("x-acs-extra", "not signed");
      assert.equal((await verifyAcs3({ ...base, headers: unsigned })).code, "IncompleteSignature", v.id);
    }
  });

  it("HMAC-SHA1 RPC: every SDK vector verifies; a changed parameter or secret does not", async () => {
    for (const v of vectors.aliyun_rpc_v1) {
      const params = [...Object.entries(v.params), ["Signature", v.signature]];
      const secretOf = (id) => (id === v.params.AccessKeyId ? v.access_key_secret : undefined);
      const ok = await verifyRpcHmacSha1({ method: v.method, params, secretOf });
      assert.equal(ok.ok, true, `${v.id}: ${ok.code}`);
      const changed = params.map(([k, x]) => [k, k === "Timestamp" ? x.replace(/.Z$/, "9Z") : x]);
      assert.equal((await verifyRpcHmacSha1({ method: v.method, params: changed, secretOf })).code, "SignatureDoesNotMatch");
      assert.equal((await verifyRpcHmacSha1({ method: v.method, params, secretOf: () => "other" })).code, "SignatureDoesNotMatch");
    }
  });

  it("TC3-HMAC-SHA256: every SDK vector verifies; a changed body or timestamp does not", async () => {
    for (const v of vectors.tencent_tc3) {
      const secretOf = (id) => (id === v.secret_id ? v.secret_key : undefined);
      const headers = headerMap({ ...v.headers, host: v.host, authorization: v.authorization });
      const rawQuery = typeof v.query === "string" ? v.query : new URLSearchParams(v.query ?? {}).toString();
      const base = { method: v.method, rawQuery, headers, body: enc.encode(v.body), secretOf };
      const ok = await verifyTc3(base);
      assert.equal(ok.ok, true, `${v.id}: ${ok.code}`);
      assert.equal((await verifyTc3({ ...base, body: enc.encode(v.body + " ") })).code, "AuthFailure.SignatureFailure", v.id);
      const later = new Map(headers);
      later.set("x-tc-timestamp", String(Number(v.timestamp) + 1));
      assert.equal((await verifyTc3({ ...base, headers: later })).code, "AuthFailure.SignatureFailure", v.id);
      assert.equal((await verifyTc3({ ...base, secretOf: () => undefined })).code, "AuthFailure.SecretIdNotFound");
    }
  });
});

// The mock cloud answers Tencent in the language the request asks for (X-TC-Language; without it
// zh-CN, the SDKs' default), with the package's table texts (docs/research/languages.md §1).
describe("mock cloud languages (tencent-ssl)", () => {
  const NOW = Date.UTC(2026, 5, 1); // the fixtures' clock
  const MATCH_ZH = "温馨提示：证书内容和私钥不匹配，请您核对（请留意是否有多余的空格）";
  const MATCH_EN = "Note: the certificate content and private key do not match. please check (pay attention to whether there are extra spaces).";
  const cert = fixture("rsa/2048/fullchain.pem");
  const key = fixture("keys/rsa2048/pkcs1.pem");
  const otherKey = fixture("mismatch/rsa2048-other.key.pem");
  let installed;
  let pkg;
  let takesLanguage;

  before(async () => {
    installed = installPackage();
    pkg = (await importByName(installed.dir)).main;
    // Whether the package's binding reads `language` yet (it rejects unknown fields).
    try {
      pkg.validate({ certificate: "", language: "en-US" });
      takesLanguage = true;
    } catch {
      takesLanguage = false;
    }
  });
  after(() => installed?.cleanup());

  /** A signed UploadCertificate of `cert` with another certificate's key, X-TC-Language `language`. */
  function mismatched(language) {
    const built = pkg.buildRequest("tencent-ssl", { CertificatePublicKey: cert, CertificatePrivateKey: key }, { now: NOW });
    const body = JSON.stringify({ ...JSON.parse(built.body), CertificatePrivateKey: otherKey });
    const signed = pkg.signRequest({ ...built, body }, MOCK_CREDENTIALS.tencent, { timestamp: NOW });
    const headers = signed.headers.filter(([k]) => k !== "x-tc-language");
    if (language !== undefined) headers.push(["x-tc-language", language]);
    return new Request(signed.url, { method: signed.method, headers, body: signed.body });
  }

  async function answer(cloud, request) {
    const res = await cloud.fetch(request);
    assert.equal(res.status, 200);
    return (await res.json()).Response.Error;
  }

  it("asks the package in the request's language (zh-CN when absent or unknown, as the SDKs default)", async () => {
    const seen = [];
    const spy = ({ language, ...input }) => {
      seen.push(language);
      return pkg.validate(input);
    };
    const cloud = createMockCloud({ validate: spy, clock: () => NOW });
    for (const language of [undefined, "zh-CN", "en-US", "fr-FR"]) {
      await answer(cloud, mismatched(language));
    }
    assert.deepEqual(seen, ["zh-CN", "zh-CN", "en-US", "zh-CN"]);
  });

  it("answers a mismatched key in Chinese by default and under zh-CN, Tencent's own text", async () => {
    const cloud = createMockCloud({ validate: pkg.validate, clock: () => NOW });
    for (const language of [undefined, "zh-CN"]) {
      const error = await answer(cloud, mismatched(language));
      assert.deepEqual(error, { Code: "FailedOperation.CertificateMatchError", Message: MATCH_ZH }, String(language));
    }
    const expected = pkg.validate({ certificate: cert, privateKey: otherKey, provider: "tencent-ssl", now: NOW });
    assert.equal(expected.errors[0].message, MATCH_ZH, "the mock's text is the package's");
  });

  it("answers in English under X-TC-Language: en-US", async (t) => {
    if (!takesLanguage) {
      t.skip("the package's validate() does not take `language` yet (src/wasm.rs)");
      return;
    }
    const cloud = createMockCloud({ validate: pkg.validate, clock: () => NOW });
    const error = await answer(cloud, mismatched("en-US"));
    assert.deepEqual(error, { Code: "FailedOperation.CertificateMatchError", Message: MATCH_EN });
  });

  it("answers a missing certificate with the package's MissingParameter line, in English in both languages", async () => {
    const cloud = createMockCloud({ validate: pkg.validate, clock: () => NOW });
    const built = pkg.buildRequest("tencent-ssl", { CertificatePublicKey: cert, CertificatePrivateKey: key }, { now: NOW });
    const signed = pkg.signRequest({ ...built, body: "{}" }, MOCK_CREDENTIALS.tencent, { timestamp: NOW });
    const error = await answer(cloud, new Request(signed.url, { method: "POST", headers: signed.headers, body: signed.body }));
    assert.deepEqual(error, { Code: "MissingParameter", Message: "The request is missing a required parameter `CertificatePublicKey`." });
  });
});
