// The built-in mock cloud: Alibaba Cloud CLB UploadServerCertificate, Alibaba Cloud CAS
// UploadUserCertificate and Tencent Cloud SSL UploadCertificate, as the proxy's upstream when no
// credentials are configured (the demo runs offline, with no account).
//
// It checks every signature with its own test credentials through ./signatures.js (an independent
// WebCrypto implementation of the providers' documents), refuses stale timestamps and replayed
// nonces with the providers' own codes, re-validates the content with the package (as the cloud
// would: it never trusts the caller) and answers with the real response shapes. State (uploaded
// certificates, seen nonces) lives in memory only, per isolate.

import { sha256Hex, verifyAcs3, verifyRpcHmacSha1, verifyTc3 } from "./signatures.js";

/** The mock's own test credentials: public on purpose, they open nothing but this mock. */
export const MOCK_CREDENTIALS = Object.freeze({
  alibaba: Object.freeze({ accessKeyId: "LTAI5tMOCKcertPREFLIGHTdemo", accessKeySecret: "mock-alibaba-secret-for-the-demo-only" }),
  tencent: Object.freeze({ secretId: "AKIDmockCertPreflightDemo0000000000", secretKey: "mock-tencent-secret-for-the-demo-only" }),
});

/** Alibaba: a Timestamp/x-acs-date is valid for 15 minutes either way (PROVIDERS.md §1.4, §5.2). */
const ALIBABA_SKEW_MS = 15 * 60 * 1000;
/** Tencent: X-TC-Timestamp within 5 minutes of server time (PROVIDERS.md §3.4 AuthFailure.SignatureExpire). */
const TENCENT_SKEW_MS = 5 * 60 * 1000;
/** Nonces are remembered for as long as a timestamp can be valid. */
const NONCE_TTL_MS = 2 * ALIBABA_SKEW_MS;

/** Alibaba gateway errors: status and message (PROVIDERS.md §1.4). */
const ALIBABA_ERRORS = {
  IncompleteSignature: [400, "The request signature does not conform to Aliyun standards."],
  SignatureDoesNotMatch: [400, "Specified signature is not matched with our calculation."],
  "InvalidAccessKeyId.NotFound": [404, "Specified access key is not found."],
  "InvalidTimeStamp.Format": [400, "Specified time stamp or date value is not well formatted."],
  "InvalidTimeStamp.Expired": [400, "Specified time stamp or date value is expired."],
  SignatureNonceUsed: [400, "Specified signature nonce was used already."],
  InvalidSignatureMethod: [400, "Specified signature method is not valid."],
  InvalidSignatureVersion: [400, "Specified signature version is not valid."],
  "InvalidAction.NotFound": [404, "Specified api is not found, please check your url and method."],
  InvalidVersion: [400, "Specified parameter Version is not valid."],
  InvalidParameter: [400, "The specified parameter ServerCertificate or Key is empty."],
};

/**
 * Tencent API 3.0 answers in the language of the X-TC-Language header, zh-CN or en-US; a request
 * without it gets zh-CN here, the SDKs' default (docs/research/languages.md §1.1-§1.2: the server's
 * own default is undocumented, and so is its answer to another value, which is taken as zh-CN).
 * Alibaba's two APIs have no language parameter: their answers are in the package's default for
 * the provider (languages.md §2, §3).
 */
const TENCENT_LANGUAGES = ["zh-CN", "en-US"];
const TENCENT_DEFAULT_LANGUAGE = "zh-CN";

/**
 * Tencent gateway errors (PROVIDERS.md §3.4), in English whatever the language asked: the gateway
 * was seen answering MissingParameter in English under zh-CN (languages.md §1.3); its Chinese texts
 * for the others are unknown. HTTP status is always 200.
 */
const TENCENT_ERRORS = {
  "AuthFailure.InvalidAuthorization": "Authorization header is malformed.",
  "AuthFailure.SecretIdNotFound": "The SecretId is not found, please ensure that your SecretId is correct.",
  "AuthFailure.SignatureExpire": "Signature expired, the timestamp differs from the server time by more than 5 minutes.",
  "AuthFailure.SignatureFailure": "The provided credentials could not be validated. Please check your signature is correct.",
  InvalidAction: "The requested action does not exist.",
  NoSuchVersion: "The requested version does not exist.",
  UnsupportedProtocol: "Only GET and POST are supported.",
  "InvalidParameter.WithDetailReason": "The parameter is incorrect.",
  MissingParameter: "The request is missing a required parameter.",
};

/**
 * Regions where the mock's CLB accepts EC certificates: the 12 regions that accepted them in
 * 2019-09/2021-01 (EVIDENCE.md S9). The current CLB documentation says RSA only; the proxy (the
 * package) refuses EC everywhere unless the caller names the region in `eccRegions`.
 */
export const MOCK_ECC_REGIONS = Object.freeze([
  "eu-west-1", "cn-qingdao", "cn-huhehaote", "cn-chengdu", "ap-northeast-1", "ap-south-1",
  "ap-southeast-2", "ap-southeast-3", "us-west-1", "us-east-1", "eu-central-1", "me-east-1",
]);

const APIS = {
  slb: { style: "alibaba", product: "Slb", action: "UploadServerCertificate", version: "2014-05-15", provider: "aliyun-slb" },
  cas: { style: "alibaba", product: "cas", action: "UploadUserCertificate", version: "2020-04-07", provider: "aliyun-cas" },
  ssl: { style: "tencent", action: "UploadCertificate", version: "2019-12-05", provider: "tencent-ssl" },
};

/** Which mocked API a host is, e.g. `slb.cn-shanghai.aliyuncs.com` → slb. */
export function apiOfHost(host) {
  if (/^slb(\.[a-z0-9-]+)?\.aliyuncs\.com$/.test(host)) return APIS.slb;
  if (/^cas(\.[a-z0-9-]+)?\.aliyuncs\.com$/.test(host)) return APIS.cas;
  if (/^ssl(\.intl)?\.tencentcloudapi\.com$/.test(host)) return APIS.ssl;
  return null;
}

function lowerHeaders(request, host) {
  const map = new Map();
  for (const [k, v] of request.headers) map.set(k.toLowerCase(), v);
  map.set("host", host);
  return map;
}

function json(body, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json;charset=utf-8" } });
}

/** The DER of the first CERTIFICATE block of a PEM text (for the fingerprint, computed here). */
function firstDer(pem) {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem ?? "");
  if (!m) return null;
  try {
    const bin = atob(m[1].replace(/\s+/g, ""));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function sha1ColonLower(der) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", der));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** `2027-01-02T03:04:05Z` without milliseconds, as Alibaba writes times. */
function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A mock cloud. `validate` is the package's validate (content checks, as the cloud does them);
 * `clock()` gives ms since the epoch. Returns `{ fetch(request) }`: the request's URL host says which
 * API it is for (`https://slb.aliyuncs.com/?…`, `https://ssl.tencentcloudapi.com/`).
 */
export function createMockCloud({
  validate,
  clock = () => Date.now(),
  credentials = MOCK_CREDENTIALS,
  eccRegions = MOCK_ECC_REGIONS,
} = {}) {
  const nonces = new Map(); // nonce → expiry (ms)
  const uploads = new Map(); // provider:fingerprint → id
  let sequence = 0;

  const alibabaSecret = (id) => (id === credentials.alibaba.accessKeyId ? credentials.alibaba.accessKeySecret : undefined);
  const tencentSecret = (id) => (id === credentials.tencent.secretId ? credentials.tencent.secretKey : undefined);

  function nonceUsed(nonce, now) {
    for (const [n, expiry] of nonces) if (expiry < now) nonces.delete(n);
    if (nonces.has(nonce)) return true;
    nonces.set(nonce, now + NONCE_TTL_MS);
    return false;
  }

  function alibabaError(api, host, code, extra = {}) {
    const [status, message] = ALIBABA_ERRORS[code] ?? [400, code];
    const requestId = crypto.randomUUID().toUpperCase();
    return json(
      {
        RequestId: requestId,
        HostId: host,
        Code: code,
        Message: message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=${api.product}&requestId=${requestId}`,
        ...extra,
      },
      status,
    );
  }

  function tencentError(code, message = TENCENT_ERRORS[code] ?? code) {
    return json({ Response: { Error: { Code: code, Message: message }, RequestId: crypto.randomUUID() } });
  }

  async function alibaba(api, request, url, body) {
    const host = url.host;
    const headers = lowerHeaders(request, host);
    const query = [...url.searchParams];
    const form = (headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")
      ? [...new URLSearchParams(new TextDecoder().decode(body))]
      : [];
    let auth;
    if (headers.has("authorization")) {
      auth = await verifyAcs3({ method: request.method, path: url.pathname, query, headers, body, secretOf: alibabaSecret });
    } else {
      auth = await verifyRpcHmacSha1({ method: request.method, params: [...query, ...form], secretOf: alibabaSecret });
    }
    if (!auth.ok) return alibabaError(api, host, auth.code);
    const now = clock();
    if (Math.abs(now - auth.timestampMs) > ALIBABA_SKEW_MS) return alibabaError(api, host, "InvalidTimeStamp.Expired");
    if (nonceUsed(auth.nonce, now)) return alibabaError(api, host, "SignatureNonceUsed");
    if (auth.action !== api.action) return alibabaError(api, host, "InvalidAction.NotFound");
    if (auth.version !== api.version) return alibabaError(api, host, "InvalidVersion");

    const params = Object.fromEntries([...query, ...form]);
    const [certName, keyName] = api === APIS.slb ? ["ServerCertificate", "PrivateKey"] : ["Cert", "Key"];
    const certificate = params[certName];
    if (!certificate || !params[keyName]) return alibabaError(api, host, "InvalidParameter");
    const report = validate({
      certificate,
      privateKey: params[keyName],
      provider: api.provider,
      region: params.RegionId,
      eccRegions: [...eccRegions],
      now,
    });
    if (report.errors.length) {
      const e = report.errors[0];
      const requestId = crypto.randomUUID().toUpperCase();
      return json({ RequestId: requestId, HostId: host, Code: e.code, Message: e.message }, e.httpStatus);
    }
    const der = firstDer(certificate);
    const fingerprint = await sha1ColonLower(der);
    sequence += 1;
    const requestId = crypto.randomUUID().toUpperCase();
    if (api === APIS.cas) {
      const certId = 10_000_000 + sequence;
      uploads.set(`cas:${fingerprint}:${sequence}`, certId);
      return json({ RequestId: requestId, CertId: certId });
    }
    const leaf = report.certificate;
    const notAfterMs = Date.parse(leaf.notAfter);
    const id = `1231579085529123_${now.toString(16)}_${sequence}_${(await sha256Hex(fingerprint)).slice(0, 8)}`;
    uploads.set(`slb:${id}`, fingerprint);
    return json({
      RequestId: requestId,
      ServerCertificateId: id,
      ServerCertificateName: params.ServerCertificateName ?? "",
      Fingerprint: fingerprint,
      RegionId: params.RegionId,
      ResourceGroupId: params.ResourceGroupId ?? "rg-acfmmockdemo01",
      CommonName: leaf.commonName ?? "",
      SubjectAlternativeNames: { SubjectAlternativeName: leaf.subjectAltNames },
      ExpireTime: isoSeconds(notAfterMs),
      ExpireTimeStamp: notAfterMs,
      CreateTime: isoSeconds(now),
      CreateTimeStamp: now,
      IsAliCloudCertificate: 0,
      AliCloudCertificateId: "",
      AliCloudCertificateName: "",
    });
  }

  async function tencent(api, request, url, body) {
    if (request.method !== "POST" && request.method !== "GET") return tencentError("UnsupportedProtocol");
    const headers = lowerHeaders(request, url.host);
    const auth = await verifyTc3({ method: request.method, rawQuery: url.search.slice(1), headers, body, secretOf: tencentSecret });
    if (!auth.ok) return tencentError(auth.code);
    const now = clock();
    if (Math.abs(now - auth.timestampMs) > TENCENT_SKEW_MS) return tencentError("AuthFailure.SignatureExpire");
    if (auth.action !== api.action) return tencentError("InvalidAction");
    if (auth.version !== api.version) return tencentError("NoSuchVersion");
    let params;
    try {
      params = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return tencentError("InvalidParameter.WithDetailReason", "The request body is not JSON.");
    }
    const asked = headers.get("x-tc-language");
    const language = TENCENT_LANGUAGES.includes(asked) ? asked : TENCENT_DEFAULT_LANGUAGE;
    // The package's texts in that language (its tables are the one source of every message).
    // No certificate: the package's CertificateMissing line is Tencent's MissingParameter answer.
    const certificate = typeof params?.CertificatePublicKey === "string" ? params.CertificatePublicKey : "";
    const report = validate({
      certificate,
      privateKey: params?.CertificatePrivateKey ?? null,
      passphrase: params?.KeyPassword ?? null,
      certificateType: params?.CertificateType ?? null,
      provider: api.provider,
      now,
      language,
    });
    if (report.errors.length) return tencentError(report.errors[0].code, report.errors[0].message);
    const fingerprint = await sha1ColonLower(firstDer(params.CertificatePublicKey));
    const requestId = crypto.randomUUID();
    // Repeatable: false and the same fingerprint uploaded before → the first id (PROVIDERS.md §3.2).
    const first = uploads.get(`ssl:${fingerprint}`);
    if (params.Repeatable === false && first) {
      return json({ Response: { CertificateId: first, RepeatCertId: first, RequestId: requestId } });
    }
    sequence += 1;
    const id = (await sha256Hex(`${fingerprint}:${sequence}:${now}`)).slice(0, 8);
    if (!first) uploads.set(`ssl:${fingerprint}`, id);
    return json({ Response: { CertificateId: id, RepeatCertId: "", RequestId: requestId } });
  }

  return {
    /** Answers one API request (its URL names the API's real host). */
    async fetch(request) {
      const url = new URL(request.url);
      const api = apiOfHost(url.host);
      if (!api) return json({ Code: "InvalidApi.NotFound", Message: `the mock cloud does not serve ${url.host}` }, 404);
      const body = new Uint8Array(await request.arrayBuffer());
      return api.style === "alibaba" ? alibaba(api, request, url, body) : tencent(api, request, url, body);
    },
  };
}
