// pkijs adapter for benches/js/compare.mjs: the tasks written the way a pkijs user would, with pkijs's
// ASN.1 classes and its WebCrypto engine (hashes, signatures, PBES2). Also the entry esbuild bundles to
// measure its size. pkijs has no PEM reader: `pemBlocks` is the usual regex + atob helper from its
// users' code (PEM-level results for pkijs are this helper's). It compares keys by their parsed
// numbers: RSA (n, e) and EC (the public point stored in the key file, P-256/P-384/P-521).
import * as pkijs from "pkijs";

export const name = "pkijs";

const crypto = () => pkijs.getCrypto(true);
const colons = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join(":");
const SHORT = { "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU", "1.2.840.113549.1.9.1": "emailAddress" };

/** PEM blocks: label, "Proc-Type"-style headers present?, DER bytes (atob throws on bad base64). */
function pemBlocks(text) {
  const out = [];
  for (const m of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)) {
    const body = m[2];
    const headers = /^\s*[A-Za-z-]+:/m.test(body);
    const b64 = body.replace(/^\s*[A-Za-z-]+:.*$/gm, "").replace(/\s+/g, "");
    const bin = atob(b64);
    out.push({ type: m[1], headers, der: Uint8Array.from(bin, (c) => c.charCodeAt(0)) });
  }
  return out;
}

function readCerts(text) {
  const blocks = pemBlocks(text).filter((b) => b.type === "CERTIFICATE");
  if (!blocks.length) throw new Error("no CERTIFICATE block");
  return blocks.map((b) => ({ cert: pkijs.Certificate.fromBER(b.der), der: b.der }));
}

/** The key's public numbers: { kind: "RSA", key: RSAPrivateKey } or { kind: "EC", key: ECPrivateKey }. */
async function readKey(text, passphrase) {
  const block = pemBlocks(text).find((b) => b.type.endsWith("PRIVATE KEY"));
  if (!block) throw new Error("no PRIVATE KEY block");
  if (block.headers) throw new Error("legacy encrypted PEM: pkijs cannot decrypt it");
  let info;
  switch (block.type) {
    case "RSA PRIVATE KEY":
      return { kind: "RSA", key: pkijs.RSAPrivateKey.fromBER(block.der) };
    case "EC PRIVATE KEY":
      return { kind: "EC", key: pkijs.ECPrivateKey.fromBER(block.der) };
    case "ENCRYPTED PRIVATE KEY": {
      if (passphrase == null) throw new Error("encrypted key and no passphrase");
      const bag = pkijs.PKCS8ShroudedKeyBag.fromBER(block.der);
      await bag.parseInternalValues({ password: new TextEncoder().encode(passphrase).buffer }, crypto());
      info = bag.parsedValue;
      break;
    }
    default:
      info = pkijs.PrivateKeyInfo.fromBER(block.der);
  }
  const parsed = info.parsedKey;
  if (parsed instanceof pkijs.RSAPrivateKey) return { kind: "RSA", key: parsed };
  if (parsed instanceof pkijs.ECPrivateKey) return { kind: "EC", key: parsed };
  throw new Error(`pkijs does not parse keys of ${info.privateKeyAlgorithm.algorithmId}`);
}

const sameBytes = (a, b) => a.byteLength === b.byteLength && new Uint8Array(a).every((x, i) => x === new Uint8Array(b)[i]);

function matches(cert, { kind, key }) {
  const pub = cert.subjectPublicKeyInfo.parsedKey;
  if (kind === "RSA") return pub instanceof pkijs.RSAPublicKey && pub.modulus.isEqual(key.modulus) && pub.publicExponent.isEqual(key.publicExponent);
  if (!(pub instanceof pkijs.ECPublicKey)) return false;
  if (!key.publicKey) throw new Error("EC key without its public point: pkijs cannot compare it");
  return pub.namedCurve === key.publicKey.namedCurve && sameBytes(pub.x, key.publicKey.x) && sameBytes(pub.y, key.publicKey.y);
}

async function signs(parent, child) {
  try {
    return child.issuer.isEqual(parent.subject) && (await child.verify(parent, crypto()));
  } catch {
    return false;
  }
}

// ---- the timed tasks --------------------------------------------------------------------------------

/** (a) Fingerprints, subject, SANs of the first certificate. */
export async function certInfo(pem) {
  const { cert, der } = readCerts(pem)[0];
  const san = cert.extensions?.find((e) => e.extnID === "2.5.29.17")?.parsedValue;
  return {
    sha1: colons(await crypto().digest("SHA-1", der)),
    sha256: colons(await crypto().digest("SHA-256", der)),
    subject: cert.subject.typesAndValues.map((tv) => `${SHORT[tv.type] ?? tv.type}=${tv.value.valueBlock.value}`).reverse().join(","),
    sans: (san?.altNames ?? []).map((n) => (n.type === 7 ? [...new Uint8Array(n.value.valueBlock.valueHexView)].join(".") : n.value)),
  };
}

/** (b)/(c) Parse both, compare the public numbers. */
export async function keyMatch(certPem, keyPem) {
  return matches(readCerts(certPem)[0].cert, await readKey(keyPem));
}

/** (e) Parse both, compare the key, SHA-1 and SHA-256 fingerprints. */
export async function pairInfo(certPem, keyPem) {
  const { cert, der } = readCerts(certPem)[0];
  const [key, sha1, sha256] = await Promise.all([readKey(keyPem), crypto().digest("SHA-1", der), crypto().digest("SHA-256", der)]);
  return { match: matches(cert, key), sha1: colons(sha1), sha256: colons(sha256) };
}

/** (d) Verify every signature of the chain: each certificate by the next, the last by itself. */
export async function verifyChain(pem) {
  const certs = readCerts(pem).map((c) => c.cert);
  const out = [];
  for (let i = 0; i < certs.length; i++) out.push(await signs(certs[Math.min(i + 1, certs.length - 1)], certs[i]));
  return out;
}

// ---- the correctness run ----------------------------------------------------------------------------

export async function check({ certificate, privateKey, passphrase, now }) {
  const r = { cert: "ok", key: privateKey == null ? "none" : "ok", match: null, chain: null, expired: false, notYetValid: false };
  let certs = null;
  try {
    certs = readCerts(certificate).map((c) => c.cert);
  } catch (e) {
    r.cert = "bad";
    r.certError = e.message;
  }
  let key = null;
  if (privateKey != null) {
    try {
      key = await readKey(privateKey, passphrase);
    } catch (e) {
      r.key = "bad";
      r.keyError = e.message;
    }
  }
  if (certs) {
    const leaf = certs[0];
    r.expired = now > leaf.notAfter.value.getTime();
    r.notYetValid = now < leaf.notBefore.value.getTime();
    let ok = true;
    for (let i = 0; i + 1 < certs.length; i++) ok = (await signs(certs[i + 1], certs[i])) && ok;
    r.chain = ok ? "ok" : "bad";
    if (key) {
      try {
        r.match = matches(leaf, key);
      } catch (e) {
        r.match = false;
        r.matchError = e.message;
      }
    }
  }
  return r;
}
