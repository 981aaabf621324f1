// The page's validation thread (a module Web Worker): the package runs here, so typing never waits
// for it, even on an encrypted key whose decryption takes a while. The page posts
// { id, provider, params, options } and gets back { id, report, errors, warnings }; it waits for
// "ready" before posting anything (the package loads with a top-level await, and a message sent
// before that would be lost).
import { buildRequest, regions, validate } from "./pkg/index.js";
import { FIELDS, validateInput } from "./upload.js";

function check({ provider, params, options, input }) {
  if (!provider) {
    const report = validate(input);
    return { report, errors: report.errors, warnings: report.warnings };
  }
  const report = validate(validateInput(provider, params, options));
  // buildRequest adds the parameter rules (name, region, tags) to the content checks.
  try {
    const request = buildRequest(provider, params, options);
    return { report, errors: [], warnings: request.warnings };
  } catch (e) {
    if (Array.isArray(e?.findings)) return { report, errors: e.errors, warnings: e.warnings };
    throw e;
  }
}

self.onmessage = (event) => {
  const { id } = event.data;
  try {
    self.postMessage({ id, ...check(event.data) });
  } catch (e) {
    self.postMessage({ id, failure: { code: e?.code ?? "Error", message: String(e?.message ?? e) } });
  }
};

const known = Object.fromEntries(Object.keys(FIELDS).map((p) => [p, regions(p)]));
self.postMessage({ type: "ready", regions: known });
