// The mock cloud's own signature verifiers (worker/src/mock/signatures.js, WebCrypto, written from
// the providers' documents) against the official SDKs' vectors of signing-vectors.json: each vector
// verifies, and any change to what is signed makes it fail. This is what makes the mock's "signature
// verified" mean something: the verifier agrees with the SDKs, independently of the package's signer.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

import { fixtures } from "./helpers.mjs";
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
