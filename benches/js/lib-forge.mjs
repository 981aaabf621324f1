// node-forge adapter for benches/js/compare.mjs: the benchmark tasks written the way a forge user would
// write them. Also the entry esbuild bundles to measure forge's size, so it imports nothing but forge.
// forge reads RSA only (certificates whose key is EC, Ed25519, … throw "OID is not RSA").
// Only the forge modules these tasks use are imported (`import forge from "node-forge"` would bundle
// all of forge: TLS, PKCS#7/#12, ciphers); sha512.js brings SHA-384/512 for RSA-PSS and sha384WithRSA,
// md5.js the key derivation of legacy encrypted PEM.
import "node-forge/lib/x509.js";
import "node-forge/lib/pbe.js";
import "node-forge/lib/md5.js";
import "node-forge/lib/sha1.js";
import "node-forge/lib/sha256.js";
import "node-forge/lib/sha512.js";
import forge from "node-forge/lib/forge.js";

const { pki, asn1, md } = forge;

export const name = "node-forge";

const CERT_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"]);
const hex = (bytes) => forge.util.bytesToHex(bytes);
const colons = (h) => h.match(/../g).join(":");

/** Every CERTIFICATE block of the field, parsed (forge's PEM reader and strict DER reader). */
function readCerts(text) {
  const blocks = forge.pem.decode(text).filter((m) => CERT_LABELS.has(m.type));
  if (!blocks.length) throw new Error("no CERTIFICATE block");
  return blocks.map((m) => ({ cert: pki.certificateFromAsn1(asn1.fromDer(m.body)), der: m.body }));
}

function info({ cert, der }) {
  const san = cert.getExtension("subjectAltName");
  return {
    sha1: colons(hex(md.sha1.create().update(der).digest().getBytes())),
    sha256: colons(hex(md.sha256.create().update(der).digest().getBytes())),
    subject: cert.subject.attributes.map((a) => `${a.shortName ?? a.type}=${a.value}`).reverse().join(","),
    sans: (san?.altNames ?? []).map((n) => n.ip ?? n.value),
  };
}

/** The first *PRIVATE KEY block, decrypted with forge's PBES2 / legacy PEM support if encrypted. */
function readKey(text, passphrase) {
  const block = forge.pem.decode(text).find((m) => m.type.endsWith("PRIVATE KEY"));
  if (!block) throw new Error("no PRIVATE KEY block");
  const encrypted = block.type === "ENCRYPTED PRIVATE KEY" || block.procType?.type === "ENCRYPTED";
  if (encrypted) {
    if (passphrase == null) throw new Error("encrypted key and no passphrase");
    const key = pki.decryptRsaPrivateKey(forge.pem.encode(block), passphrase);
    if (!key) throw new Error("wrong passphrase");
    return key;
  }
  return pki.privateKeyFromAsn1(asn1.fromDer(block.body)); // PKCS#8 or PKCS#1
}

const matches = (cert, key) => cert.publicKey.n.equals(key.n) && cert.publicKey.e.equals(key.e);

/** Does `parent` name and sign `child`? (forge's verify() also checks the names, and throws if not.) */
function signs(parent, child) {
  try {
    return parent.verify(child);
  } catch {
    return false;
  }
}

// ---- the timed tasks --------------------------------------------------------------------------------

/** (a) Fingerprints, subject, SANs of the first certificate. */
export function certInfo(pem) {
  return info(readCerts(pem)[0]);
}

/** (b)/(c) Parse both, compare the public key (n, e). */
export function keyMatch(certPem, keyPem) {
  return matches(readCerts(certPem)[0].cert, readKey(keyPem));
}

/** (e) Parse both, compare the key, SHA-1 and SHA-256 fingerprints. */
export function pairInfo(certPem, keyPem) {
  const c = readCerts(certPem)[0];
  const { sha1, sha256 } = info(c);
  return { match: matches(c.cert, readKey(keyPem)), sha1, sha256 };
}

/** (d) Verify every signature of the chain: each certificate by the next, the last by itself. */
export function verifyChain(pem) {
  const certs = readCerts(pem).map((c) => c.cert);
  const out = certs.slice(0, -1).map((c, i) => signs(certs[i + 1], c));
  const last = certs[certs.length - 1];
  out.push(signs(last, last));
  return out;
}

// ---- the correctness run ----------------------------------------------------------------------------

/** The natural checks on one upload: parse, parse, compare, verify each link, dates. */
export function check({ certificate, privateKey, passphrase, now }) {
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
      key = readKey(privateKey, passphrase);
    } catch (e) {
      r.key = "bad";
      r.keyError = e.message;
    }
  }
  if (certs) {
    const leaf = certs[0];
    r.expired = now > leaf.validity.notAfter.getTime();
    r.notYetValid = now < leaf.validity.notBefore.getTime();
    r.chain = certs.slice(0, -1).every((c, i) => signs(certs[i + 1], c)) ? "ok" : "bad";
    if (key) r.match = matches(leaf, key);
  }
  return r;
}
