// @peculiar/x509 adapter for benches/js/compare.mjs: the tasks written the way a user of @peculiar/x509
// would, with the platform's WebCrypto (crypto.subtle) for hashes, keys and signatures. Also the entry
// esbuild bundles to measure its size. @peculiar/x509 reads certificates, not private keys: keys go to
// WebCrypto's importKey("pkcs8"), which takes PKCS#8 only, so PKCS#1 and SEC1 keys are wrapped into
// PKCS#8 by the small DER helper below (counted in the bundle). WebCrypto cannot decrypt keys.
import "reflect-metadata"; // required by @peculiar/x509 (tsyringe)
import { PemConverter, SubjectAlternativeNameExtension, X509Certificate } from "@peculiar/x509";

export const name = "@peculiar/x509";

const subtle = globalThis.crypto.subtle;
const colons = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join(":");

// ---- PKCS#1 / SEC1 → PKCS#8 (WebCrypto imports PKCS#8 only) ------------------------------------------

/** One DER TLV at `at`: [tag, start of value, end of value]. */
function tlv(b, at) {
  const tag = b[at];
  let len = b[at + 1];
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p++];
  }
  if (p + len > b.length) throw new Error("truncated DER");
  return [tag, p, p + len];
}
const children = (b, [, start, end]) => {
  const out = [];
  for (let p = start; p < end; ) {
    const t = tlv(b, p);
    out.push(t);
    p = t[2];
  }
  return out;
};
const encLen = (n) => (n < 128 ? [n] : n < 256 ? [0x81, n] : n < 65536 ? [0x82, n >> 8, n & 255] : [0x83, n >> 16, (n >> 8) & 255, n & 255]);
const der = (tag, body) => Uint8Array.from([tag, ...encLen(body.length), ...body]);
const seq = (...parts) => der(0x30, parts.flatMap((p) => [...p]));
const OID_RSA = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);
const OID_EC = Uint8Array.of(0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
const NULL = Uint8Array.of(0x05, 0x00);
const pkcs8 = (algId, inner) => seq(Uint8Array.of(0x02, 0x01, 0x00), algId, der(0x04, inner));

function wrapPkcs1(raw) {
  return pkcs8(seq(OID_RSA, NULL), raw);
}
function wrapSec1(raw) {
  // ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters, [1] publicKey }
  const parts = children(raw, tlv(raw, 0));
  const params = parts.find(([tag]) => tag === 0xa0);
  if (!params) throw new Error("SEC1 key without curve parameters");
  return pkcs8(seq(OID_EC, raw.subarray(params[1], params[2])), raw);
}

const hexOf = (b, [, s, e]) => [...b.subarray(s, e)].map((x) => x.toString(16).padStart(2, "0")).join("");
const ALGS = {
  "2a864886f70d010101": () => ({ name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }),
  "2b6570": () => ({ name: "Ed25519" }),
  "2b6571": () => ({ name: "Ed448" }),
  "2a8648ce3d0201": (curve) => ({ name: "ECDSA", namedCurve: CURVES[curve] ?? `unsupported curve ${curve}` }),
};
const CURVES = { "2a8648ce3d030107": "P-256", "2b81040022": "P-384", "2b81040023": "P-521" };

/** The importKey algorithm for a PKCS#8 blob, from its AlgorithmIdentifier. */
function pkcs8Algorithm(b) {
  const [, alg] = children(b, tlv(b, 0));
  const [oid, params] = children(b, alg);
  const make = ALGS[hexOf(b, oid)];
  if (!make) throw new Error(`key algorithm ${hexOf(b, oid)} is not in WebCrypto`);
  return make(params && params[0] === 0x06 ? hexOf(b, params) : undefined);
}

// ---- reading ----------------------------------------------------------------------------------------

function readCerts(text) {
  const blocks = PemConverter.decodeWithHeaders(text).filter((b) => b.type === "CERTIFICATE");
  if (!blocks.length) throw new Error("no CERTIFICATE block");
  return blocks.map((b) => new X509Certificate(b.rawData));
}

/** The first *PRIVATE KEY block as a WebCrypto JWK (public and private parts). */
async function readKeyJwk(text) {
  const block = PemConverter.decodeWithHeaders(text).find((b) => b.type.endsWith("PRIVATE KEY"));
  if (!block) throw new Error("no PRIVATE KEY block");
  const raw = new Uint8Array(block.rawData);
  const encrypted = block.type === "ENCRYPTED PRIVATE KEY" || block.headers.some((h) => h.key === "Proc-Type");
  if (encrypted) throw new Error("encrypted key: WebCrypto cannot decrypt it");
  const p8 = block.type === "RSA PRIVATE KEY" ? wrapPkcs1(raw) : block.type === "EC PRIVATE KEY" ? wrapSec1(raw) : raw;
  const key = await subtle.importKey("pkcs8", p8, pkcs8Algorithm(p8), true, ["sign"]);
  return subtle.exportKey("jwk", key);
}

async function certJwk(cert) {
  return subtle.exportKey("jwk", await cert.publicKey.export());
}

const sameKey = (a, b) => a.kty === b.kty && a.crv === b.crv && a.n === b.n && a.e === b.e && a.x === b.x && a.y === b.y;

async function signs(parent, child) {
  try {
    return child.issuer === parent.subject && (await child.verify({ publicKey: parent.publicKey, signatureOnly: true }));
  } catch {
    return false;
  }
}

// ---- the timed tasks --------------------------------------------------------------------------------

/** (a) Fingerprints, subject, SANs of the first certificate. */
export async function certInfo(pem) {
  const cert = new X509Certificate(pem);
  const san = cert.getExtension(SubjectAlternativeNameExtension);
  return {
    sha1: colons(await cert.getThumbprint("SHA-1")),
    sha256: colons(await cert.getThumbprint("SHA-256")),
    subject: cert.subject,
    sans: san ? san.names.items.map((n) => n.value) : [],
  };
}

/** (b)/(c) Parse both, compare the public key (n, e / crv, x, y) as WebCrypto exports it. */
export async function keyMatch(certPem, keyPem) {
  const [a, b] = await Promise.all([certJwk(new X509Certificate(certPem)), readKeyJwk(keyPem)]);
  return sameKey(a, b);
}

/** (e) Parse both, compare the key, SHA-1 and SHA-256 fingerprints. */
export async function pairInfo(certPem, keyPem) {
  const cert = new X509Certificate(certPem);
  const [a, b, sha1, sha256] = await Promise.all([certJwk(cert), readKeyJwk(keyPem), cert.getThumbprint("SHA-1"), cert.getThumbprint("SHA-256")]);
  return { match: sameKey(a, b), sha1: colons(sha1), sha256: colons(sha256) };
}

/** (d) Verify every signature of the chain: each certificate by the next, the last by itself. */
export async function verifyChain(pem) {
  const certs = readCerts(pem);
  const out = [];
  for (let i = 0; i < certs.length; i++) out.push(await signs(certs[Math.min(i + 1, certs.length - 1)], certs[i]));
  return out;
}

// ---- the correctness run ----------------------------------------------------------------------------

export async function check({ certificate, privateKey, now }) {
  const r = { cert: "ok", key: privateKey == null ? "none" : "ok", match: null, chain: null, expired: false, notYetValid: false };
  let certs = null;
  try {
    certs = readCerts(certificate);
  } catch (e) {
    r.cert = "bad";
    r.certError = e.message;
  }
  let jwk = null;
  if (privateKey != null) {
    try {
      jwk = await readKeyJwk(privateKey);
    } catch (e) {
      r.key = "bad";
      r.keyError = e.message;
    }
  }
  if (certs) {
    const leaf = certs[0];
    r.expired = now > leaf.notAfter.getTime();
    r.notYetValid = now < leaf.notBefore.getTime();
    let ok = true;
    for (let i = 0; i + 1 < certs.length; i++) ok = (await signs(certs[i + 1], certs[i])) && ok;
    r.chain = ok ? "ok" : "bad";
    if (jwk) {
      try {
        r.match = sameKey(await certJwk(leaf), jwk);
      } catch (e) {
        r.match = false;
        r.matchError = e.message;
      }
    }
  }
  return r;
}
