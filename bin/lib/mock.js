// `cert-preflight mock`: the Worker's mock cloud (worker/src/mock/cloud.js and signatures.js, shipped
// in the package as mock/ by scripts/build-pkg.sh — the same module, not a copy) served by node:http
// on 127.0.0.1, in the Worker's shape: POST /mock/<api host>/<path>?<query>. It verifies every
// signature with its own demo credentials, re-validates the content with the package, and answers
// with the providers' response shapes.
//
// stdout: exactly the five lines of SPEC (CERT_PREFLIGHT_ENDPOINT=… and the demo credentials), so
// `cert-preflight mock > mock.env` gives a file to source. stderr: one line per request (method,
// API host, action, status and the code or id answered; never a body or a header value).
import { createServer } from "node:http";
import { createMockCloud, MOCK_CREDENTIALS } from "../../mock/cloud.js";
import { validate } from "../../node.js";
import { CliError, err, out } from "./output.js";

export const DEFAULT_PORT = 8788;
/** Alibaba requests carry the certificate and key in the URL: allow long request lines. */
const MAX_HEADER = 8 * 1024 * 1024;
const MAX_BODY = 8 * 1024 * 1024;

/** The lines `mock` prints for `endpoint` (also what the tests and docs rely on). */
export function envLines(endpoint) {
  return [
    `CERT_PREFLIGHT_ENDPOINT=${endpoint}`,
    `ALIBABA_CLOUD_ACCESS_KEY_ID=${MOCK_CREDENTIALS.alibaba.accessKeyId}`,
    `ALIBABA_CLOUD_ACCESS_KEY_SECRET=${MOCK_CREDENTIALS.alibaba.accessKeySecret}`,
    `TENCENTCLOUD_SECRET_ID=${MOCK_CREDENTIALS.tencent.secretId}`,
    `TENCENTCLOUD_SECRET_KEY=${MOCK_CREDENTIALS.tencent.secretKey}`,
  ];
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let total = 0;
    req.on("data", (c) => {
      total += c.length;
      if (total > MAX_BODY) {
        reject(Object.assign(new Error("body too large"), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res, status, body, headers = { "content-type": "application/json;charset=utf-8" }) {
  res.writeHead(status, headers);
  res.end(typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body));
}

/** What one answer said, for the log line: the error code, or the certificate id. */
function summary(text) {
  try {
    const b = JSON.parse(text);
    const r = b.Response ?? b;
    return r.Error?.Code ?? r.Code ?? r.ServerCertificateId ?? r.CertId ?? r.CertificateId ?? "";
  } catch {
    return "";
  }
}

export async function serveMock(port) {
  const cloud = createMockCloud({ validate });
  let requests = 0;
  let endpoint = "";
  const server = createServer({ maxHeaderSize: MAX_HEADER }, async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "GET" && url.pathname === "/") {
      return send(res, 200, { mock: "cert-preflight", endpoint, apis: ["slb.aliyuncs.com", "cas.aliyuncs.com", "ssl.tencentcloudapi.com"], requests });
    }
    const m = /^\/mock\/([a-z0-9.-]+)(\/.*)$/.exec(url.pathname);
    if (!m) {
      return send(res, 404, { Code: "NotFound", Message: `the mock cloud answers at ${endpoint}<api host>/ (e.g. ${endpoint}slb.aliyuncs.com/)` });
    }
    requests += 1;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (["host", "connection", "content-length", "transfer-encoding", "keep-alive"].includes(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const action = headers.get("x-acs-action") ?? headers.get("x-tc-action") ?? url.searchParams.get("Action") ?? "-";
    try {
      const body = await readBody(req);
      const method = req.method ?? "GET";
      const request = new Request(`https://${m[1]}${m[2]}${url.search}`, {
        method,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : body,
      });
      const answer = await cloud.fetch(request);
      const text = await answer.text();
      err(`mock: ${method} ${m[1]} ${action} -> ${answer.status} ${summary(text)}\n`);
      send(res, answer.status, text, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    } catch (e) {
      const status = e?.status ?? 500;
      err(`mock: ${req.method} ${m[1]} ${action} -> ${status} ${status === 413 ? "PayloadTooLarge" : "InternalError"}\n`);
      if (!res.headersSent) send(res, status, { Code: status === 413 ? "PayloadTooLarge" : "InternalError", Message: "the mock could not answer" });
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", (e) => {
      reject(
        new CliError(
          e.code === "EADDRINUSE"
            ? `port ${port} on 127.0.0.1 is in use (--port 0 picks a free one)`
            : `cannot listen on 127.0.0.1:${port}: ${e.code ?? "error"}`,
        ),
      );
    });
    server.listen(port, "127.0.0.1", resolve);
  });
  endpoint = `http://127.0.0.1:${server.address().port}/mock/`;
  out(envLines(endpoint).join("\n") + "\n");
  err(`mock: the mock cloud of aliyun-slb, aliyun-cas and tencent-ssl at ${endpoint} (demo credentials above; Ctrl-C stops it)\n`);
  await new Promise((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
