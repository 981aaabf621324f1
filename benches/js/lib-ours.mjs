// cert-preflight adapter for benches/js/compare.mjs: the built package (make pkg), its Node entry.
// Every task is one validate() call, which always does all of its checks (PEM and DER strictness,
// fingerprints, names, key consistency, chain names and signatures, dates); fingerprint() is the one
// narrower call the package has. Its size is not measured by bundling this file but the way
// scripts/size.sh counts it (the .wasm, the glue and index.js).
import { completeChain, fingerprint, trustAnchors, validate } from "../../pkg/node.js";
import { pem as MOZILLA_PEM } from "../../pkg/roots.js";

export const name = "cert-preflight";

const NOW = 1780272000000; // tests/fixtures/manifest.json "nowMs"

/** (a) Fingerprints, subject, SANs of the first certificate, from validate(). */
export function certInfo(pem) {
  const c = validate({ certificate: pem, now: NOW }).certificate;
  return { sha1: c.fingerprintSha1, sha256: c.fingerprintSha256, subject: c.subject, sans: c.subjectAltNames };
}

/** (a′) The two fingerprints alone: two fingerprint() calls. */
export function fingerprints(pem) {
  return { sha1: fingerprint(pem, "sha1"), sha256: fingerprint(pem, "sha256") };
}

/** (b)/(c) validate() with the key: no CertificateMismatch. */
export function keyMatch(certPem, keyPem) {
  const r = validate({ certificate: certPem, privateKey: keyPem, now: NOW });
  return r.certificate != null && r.privateKey != null && !r.errors.some((f) => f.kind === "CertificateMismatch");
}

/** (e) The issue 11 task: certificate + key, both fingerprints, does the key match — one validate(). */
export function pairInfo(certPem, keyPem) {
  const r = validate({ certificate: certPem, privateKey: keyPem, now: NOW });
  const c = r.certificate;
  return { match: c != null && r.privateKey != null && !r.errors.some((f) => f.kind === "CertificateMismatch"), sha1: c?.fingerprintSha1, sha256: c?.fingerprintSha256 };
}

/** (f) An encrypted key alone: decrypted with `passphrase` (a budget for 400,000 PBKDF2
 * iterations) and checked; true when it was read without a finding about it. */
export function encryptedKey(keyPem, passphrase) {
  const r = validate({ privateKey: keyPem, passphrase, maxKdfCost: 1_000_000, now: NOW });
  return r.privateKey != null && ![...r.errors, ...r.warnings].some((f) => f.field === "privateKey");
}

/** Mozilla's roots (`cert-preflight/roots`), parsed once as an application would. */
let mozilla;

/** (h) The (e) task with `roots`: the chain is also looked up among Mozilla's 117 roots. */
export function pairInfoWithRoots(certPem, keyPem) {
  mozilla ??= trustAnchors(MOZILLA_PEM);
  const r = validate({ certificate: certPem, privateKey: keyPem, now: NOW, roots: mozilla });
  const c = r.certificate;
  return { match: c != null && r.privateKey != null && !r.errors.some((f) => f.kind === "CertificateMismatch"), sha1: c?.fingerprintSha1, sha256: c?.fingerprintSha256 };
}

/** (h) trustAnchors() of Mozilla's roots: the one-time cost of a handle. */
export function parseMozillaRoots() {
  const roots = trustAnchors(MOZILLA_PEM);
  const n = roots.length;
  roots.free();
  return n;
}

/** (h) completeChain() of a leaf with its issuer's body, as a host calls it after one fetch. */
export function completeOnce(leafPem, url, body) {
  const c = completeChain(leafPem, [{ url, body }]);
  return c.added.length;
}

/** (d) validate() of the bundle: every link named and signed (no ChainOrderInvalid). */
export function verifyChain(pem) {
  const r = validate({ certificate: pem, now: NOW });
  const bad = r.warnings.some((f) => f.kind === "ChainOrderInvalid");
  return r.chain.map(() => !bad);
}

/** The whole report, mapped onto the same stages as the other adapters. */
export function check({ certificate, privateKey, passphrase, now }) {
  const input = { certificate, now };
  if (privateKey != null) input.privateKey = privateKey;
  if (passphrase != null) input.passphrase = passphrase;
  const report = validate(input);
  const kinds = new Set([...report.errors, ...report.warnings].map((f) => f.kind));
  return {
    cert: kinds.has("CertificateFormatInvalid") || kinds.has("CertificateMissing") ? "bad" : "ok",
    key: privateKey == null ? "none" : kinds.has("PrivateKeyFormatInvalid") || kinds.has("PrivateKeyEncrypted") ? "bad" : "ok",
    match: kinds.has("CertificateMismatch") ? false : report.privateKey && report.certificate ? true : null,
    chain: kinds.has("ChainOrderInvalid") ? "bad" : "ok",
    expired: kinds.has("CertificateExpired"),
    notYetValid: kinds.has("CertificateNotYetValid"),
    kinds: [...kinds],
  };
}
