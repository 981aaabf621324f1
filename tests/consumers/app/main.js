// The consumer app every bundler builds: the main entry on the page, the worker entry in a module
// Web Worker that gets its message right after `new Worker(...)`. The test reads window.__result.
import { validate } from "cert-preflight";
import { certificate, privateKey, wrongKey, now } from "./fixture.js";

const pair = validate({ certificate, privateKey, provider: "tencent-ssl", now });
const mismatch = validate({ certificate, privateKey: wrongKey, provider: "tencent-ssl", now });
const result = {
  ok: pair.ok,
  fingerprintSha256: pair.certificate?.fingerprintSha256 ?? null,
  mismatch: mismatch.errors.map((f) => f.code),
  firstResultMs: performance.now(),
};

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  result.worker = event.data;
  result.workerResultMs = performance.now();
  window.__result = result;
};
worker.onerror = (event) => {
  window.__result = { ...result, workerError: String(event.message ?? event) };
};
worker.postMessage({ certificate, privateKey: wrongKey, provider: "tencent-ssl", now });
