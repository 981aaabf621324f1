// The page's validation thread (a module Web Worker): the package runs here, so typing never waits
// for it, even on an encrypted key whose decryption takes a while. The page posts
// { id, provider, params, options } and gets back { id, report, errors, warnings, roots }; it waits
// for "ready" before posting anything (the package loads with a top-level await, and a message sent
// before that would be lost).
//
// The checks use the roots the Worker uses: Mozilla's (`cert-preflight/roots`, loaded here, after
// the package, so the page's first paint never waits for it) plus the operator's EXTRA_ROOTS from
// GET /api/roots. Without them (a page served with no Worker, a failed load) the checks run without
// roots and every answer says so (`roots: null`), so the page never claims a chain is trusted.
import { buildRequest, regions, trustAnchors, validate } from "./pkg/index.js";
import { assess, FIELDS } from "./upload.js";

async function loadRoots() {
  const [mozilla, operator] = await Promise.all([
    import("./pkg/roots.js"),
    fetch("/api/roots", { headers: { accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null),
  ]);
  const extra = typeof operator?.extra === "string" ? operator.extra : "";
  let anchors;
  try {
    anchors = trustAnchors(extra ? `${mozilla.pem}\n${extra}` : mozilla.pem);
  } catch {
    // The operator's extra roots are unusable (the Worker answers 500 for them too): Mozilla's alone.
    anchors = trustAnchors(mozilla.pem);
  }
  return { anchors, label: { count: anchors.length, mozilla: mozilla.count, date: mozilla.date, extra: anchors.length - mozilla.count } };
}

const roots = loadRoots().catch(() => null);

function check({ provider, params, options, input }, anchors) {
  if (!provider) {
    const report = validate(anchors ? { ...input, roots: anchors } : input);
    return { report, errors: report.errors, warnings: report.warnings };
  }
  const { report, errors, warnings } = assess({ validate, buildRequest }, provider, params, options, anchors);
  return { report, errors, warnings };
}

/**
 * A file the page read as bytes — a PKCS#12 (PFX) container `{ pfx, passphrase }`, or a binary (DER)
 * certificate or key `{ certificate }` / `{ privateKey }` — made into the PEM text the fields hold:
 * validate() reads it, and its `normalized` pair is that text. `{ id, ok, normalized, errors, warnings }`.
 */
function convert({ input }) {
  // A PFX stands alone (validate refuses it beside a certificate); a key alone needs an empty certificate.
  const report = validate(input.pfx || input.certificate ? input : { certificate: "", ...input });
  return {
    normalized: report.normalized ?? null,
    certificate: report.certificate ?? null,
    privateKey: report.privateKey ?? null,
    errors: report.errors,
    warnings: report.warnings,
  };
}

self.onmessage = async (event) => {
  const { id } = event.data;
  if (event.data.type === "convert") {
    try {
      self.postMessage({ id, ...convert(event.data) });
    } catch (e) {
      self.postMessage({ id, failure: { code: e?.code ?? "Error", message: String(e?.message ?? e) } });
    }
    return;
  }
  const loaded = await roots;
  try {
    self.postMessage({ id, ...check(event.data, loaded?.anchors), roots: loaded?.label ?? null });
  } catch (e) {
    self.postMessage({ id, failure: { code: e?.code ?? "Error", message: String(e?.message ?? e) } });
  }
};

const known = Object.fromEntries(Object.keys(FIELDS).map((p) => [p, regions(p)]));
self.postMessage({ type: "ready", regions: known });
