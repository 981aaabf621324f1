// `make bench-js`: cert-preflight (pkg/, its Node entry) against node-forge, @peculiar/x509 and pkijs
// (the pinned devDependencies in package.json) on three questions, printed as Markdown tables:
//
//   1. speed   — median µs per call of the same task in each library (warm-up first, then samples
//                taken in rounds that rotate through the libraries, so background load hits all alike);
//   2. correctness — every case of tests/fixtures/manifest.json through each library's natural checks
//                (parse the certificates, parse the key, compare the public key, verify each link's
//                signature, compare the dates), scored against the manifest's openssl-derived facts;
//   3. size    — minified + gzip -9 bytes a browser loads for these tasks.
//
// The tasks per library are in lib-*.mjs (also the esbuild entries for the size of the others).
// A benchmark, not a test: it asserts nothing; `make test` does not run it.
//   BENCH_SAMPLES (default 15), BENCH_SAMPLE_MS (default 100), BENCH_WARMUP_MS (default 300)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

// Node 20 marks WebCrypto's Ed448 experimental and says so on stderr; nothing else is silenced.
process.removeAllListeners("warning");
process.on("warning", (w) => w.name !== "ExperimentalWarning" && console.error(w));

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const fixtures = path.join(repo, "tests/fixtures");
const manifest = JSON.parse(readFileSync(path.join(fixtures, "manifest.json"), "utf8"));
const fx = (rel) => (rel == null ? undefined : readFileSync(path.join(fixtures, rel), "utf8"));
const NOW = manifest.nowMs;

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 100);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 300);

const LIBS = ["ours", "forge", "peculiar", "pkijs"];
const adapters = Object.fromEntries(await Promise.all(LIBS.map(async (id) => [id, await import(`./lib-${id}.mjs`)])));
const version = (pkg) => JSON.parse(readFileSync(path.join(repo, "node_modules", pkg, "package.json"), "utf8")).version;
const TITLE = {
  ours: `cert-preflight ${JSON.parse(readFileSync(path.join(repo, "pkg/package.json"), "utf8")).version}`,
  forge: `node-forge ${version("node-forge")}`,
  peculiar: `@peculiar/x509 ${version("@peculiar/x509")}`,
  pkijs: `pkijs ${version("pkijs")}`,
};

const load = [os.loadavg()];
const out = [];
const print = (...lines) => out.push(...lines);

// ==== 1. speed =======================================================================================

const now = () => Number(process.hrtime.bigint()) / 1e3; // µs
let sink; // keeps results alive so no call is optimised away

/** Runs `fn` `iters` times (awaiting each call if it is async); returns µs per call. */
async function sample(fn, iters, isAsync) {
  const t0 = now();
  if (isAsync) for (let i = 0; i < iters; i++) sink = await fn();
  else for (let i = 0; i < iters; i++) sink = fn();
  return (now() - t0) / iters;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Times each library's function for one task: each is checked once (a wrong answer is reported,
 * not timed), warmed up for WARMUP_MS, given an iteration count worth SAMPLE_MS, then sampled
 * SAMPLES times in rotating rounds. Returns { lib: { median, lo, hi } | { wrong } }.
 */
async function race(fns, isRight) {
  const plan = {};
  for (const [lib, fn] of Object.entries(fns)) {
    const first = fn();
    const isAsync = typeof first?.then === "function";
    const value = await first;
    if (!isRight(value)) {
      plan[lib] = { wrong: JSON.stringify(value).slice(0, 200) };
      continue;
    }
    let calls = 0;
    const t0 = now();
    while (now() - t0 < WARMUP_MS * 1e3) {
      await sample(fn, 1, isAsync);
      calls++;
    }
    const per = (now() - t0) / calls;
    plan[lib] = { fn, isAsync, iters: Math.max(1, Math.round((SAMPLE_MS * 1e3) / per)), samples: [] };
  }
  const timed = Object.keys(plan).filter((l) => plan[l].fn);
  for (let round = 0; round < SAMPLES; round++) {
    for (let k = 0; k < timed.length; k++) {
      const p = plan[timed[(round + k) % timed.length]];
      p.samples.push(await sample(p.fn, p.iters, p.isAsync));
    }
  }
  return Object.fromEntries(
    Object.entries(plan).map(([lib, p]) => [lib, p.wrong ? p : { median: median(p.samples), lo: Math.min(...p.samples), hi: Math.max(...p.samples), iters: p.iters }]),
  );
}

const factsOf = (certRel) => manifest.cases.find((c) => c.certificate === certRel && c.facts?.chain?.length)?.facts.chain;
const RSA_LEAF = fx("rsa/2048/leaf.pem");
const RSA_FACTS = factsOf("rsa/2048/fullchain.pem")[0];
const rightInfo = (v) =>
  v.sha1 === RSA_FACTS.fingerprintSha1 &&
  v.sha256 === RSA_FACTS.fingerprintSha256 &&
  v.subject.includes(`CN=${RSA_FACTS.commonName}`) &&
  JSON.stringify(v.sans) === JSON.stringify(RSA_FACTS.subjectAltNames);
const rightPrints = (v) => v.sha1 === RSA_FACTS.fingerprintSha1 && v.sha256 === RSA_FACTS.fingerprintSha256;
const allTrue = (n) => (v) => Array.isArray(v) && v.length === n && v.every(Boolean);

// Issue 11's task: a self-signed certificate (or a CA-issued leaf) + its PKCS#8 key, both
// fingerprints and the match — what validate() answers in one call.
const pairRight = (certRel) => {
  const pem = fx(certRel);
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  const hash = (alg) => [...createHash(alg).update(der).digest()].map((b) => b.toString(16).padStart(2, "0")).join(":");
  const [sha1, sha256] = [hash("sha1"), hash("sha256")];
  return (v) => v?.match === true && v.sha1 === sha1 && v.sha256 === sha256;
};
const PAIRS = [
  ["e1", "RSA-2048 self-signed + PKCS#8 key", "chain/misc/selfsigned-rsa.pem", "chain/misc/selfsigned-rsa.key.pem", {}],
  ["e2", "RSA-2048 CA-issued leaf + PKCS#8 key", "rsa/2048/leaf.pem", "rsa/2048/key.pem", {}],
  ["e3", "P-256 self-signed + key", "chain/misc/selfsigned-ec.pem", "chain/misc/selfsigned-ec.key.pem", { forge: "no EC" }],
  ["e4", "P-256 CA-issued leaf + PKCS#8 key", "ec/p256/leaf.pem", "ec/p256/key.pkcs8.pem", { forge: "no EC" }],
  ["e5", "Ed25519 self-signed + PKCS#8 key", "other/ed25519/cert.pem", "other/ed25519/key.pem", { forge: "no Ed25519", pkijs: "no Ed25519" }],
];
// Keys whose public key only we derive here (the others read none of these curves, or not
// synchronously): our constant-time ladder on P-521, secp256k1, SM2 and Ed448 (issue 20 §2).
const LADDER_PAIRS = [
  ["g1", "P-521 CA-issued leaf + PKCS#8 key", "ec/p521/leaf.pem", "ec/p521/key.pkcs8.pem"],
  ["g2", "secp256k1 CA-issued leaf + PKCS#8 key", "ec/secp256k1/leaf.pem", "ec/secp256k1/key.pkcs8.pem"],
  ["g3", "SM2 self-signed + PKCS#8 key", "other/sm2/cert.pem", "other/sm2/key.pkcs8.pem"],
  ["g4", "Ed448 self-signed + PKCS#8 key", "other/ed448/cert.pem", "other/ed448/key.pem"],
];
// Encrypted keys (ours only: the others decrypt none of these, or not synchronously): the fixture
// passphrase is "correct horse"; the 400,000-iteration key needs a larger key-derivation budget.
const KDF_KEYS = [
  ["f1", "RSA-2048 PKCS#8 key, PBES2 PBKDF2-HMAC-SHA256, 2,048 iterations (OpenSSL's default): decrypt and check", "keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem"],
  ["f2", "the same with 400,000 iterations", "algorithms/rsa2048-pbkdf2-400k.pem"],
  ["f3", "RSA-2048 PKCS#8 key, PBES2 scrypt N=16384, r=8, p=1 (OpenSSL's default): decrypt and check", "keys/rsa2048/pkcs8-pbes2-scrypt-aes256.pem"],
];

// The intermediate of tests/fixtures/aia/leaf-der.pem, as its caIssuers URL serves it.
const AIA_INT1 = new Uint8Array(readFileSync(path.join(repo, "tests/fixtures/aia/int1.der")));

const TASKS = [
  ...PAIRS.map(([id, what, cert, key, skip]) => ({
    id,
    label: `(e) ${what}: parse both, SHA-1 + SHA-256 fingerprints, does the key match?`,
    skip,
    fns: (l) => () => l.pairInfo(fx(cert), fx(key)),
    right: pairRight(cert),
  })),
  {
    id: "a",
    label: "(a) RSA-2048 leaf: parse PEM, SHA-1 + SHA-256 fingerprints, subject, SANs",
    fns: (l) => () => l.certInfo(RSA_LEAF),
    right: rightInfo,
  },
  {
    id: "a2",
    label: "(a′) the two fingerprints only (two `fingerprint()` calls)",
    only: ["ours"],
    fns: (l) => () => l.fingerprints(RSA_LEAF),
    right: rightPrints,
  },
  {
    id: "b1",
    label: "(b) RSA-2048 leaf + PKCS#8 key: does the key match?",
    fns: (l) => () => l.keyMatch(RSA_LEAF, fx("rsa/2048/key.pem")),
    right: (v) => v === true,
  },
  {
    id: "b2",
    label: "(b) RSA-2048 leaf + PKCS#1 key: does the key match?",
    fns: (l) => () => l.keyMatch(RSA_LEAF, fx("keys/rsa2048/pkcs1.pem")),
    right: (v) => v === true,
  },
  {
    id: "c1",
    label: "(c) P-256 leaf + PKCS#8 key: does the key match?",
    skip: { forge: "no EC" },
    fns: (l) => () => l.keyMatch(fx("ec/p256/leaf.pem"), fx("ec/p256/key.pkcs8.pem")),
    right: (v) => v === true,
  },
  {
    id: "c2",
    label: "(c) P-256 leaf + SEC1 key: does the key match?",
    skip: { forge: "no EC" },
    fns: (l) => () => l.keyMatch(fx("ec/p256/leaf.pem"), fx("ec/p256/key.sec1.pem")),
    right: (v) => v === true,
  },
  {
    id: "d1",
    label: "(d) RSA chain leaf + intermediate + root (2048/2048/4096): verify the 3 signatures",
    fns: (l) => () => l.verifyChain(fx("chain/rsa/leaf-int-root.pem")),
    right: allTrue(3),
  },
  {
    id: "d2",
    label: "(d) ECDSA chain leaf + intermediate + root (P-256/P-256/P-384): verify the 3 signatures",
    skip: { forge: "no EC" },
    fns: (l) => () => l.verifyChain(fx("chain/ecdsa/leaf-int-root.pem")),
    right: allTrue(3),
  },
  ...LADDER_PAIRS.map(([id, what, cert, key]) => ({
    id,
    label: `(g) ${what}: parse both, fingerprints, the public key derived from the private one, does it match?`,
    only: ["ours"],
    fns: (l) => () => l.pairInfo(fx(cert), fx(key)),
    right: pairRight(cert),
  })),
  {
    id: "h1",
    label: "(h) RSA-2048 CA-issued leaf + PKCS#8 key (e2) with `roots` (Mozilla's, a handle made once)",
    only: ["ours"],
    fns: (l) => () => l.pairInfoWithRoots(fx("rsa/2048/leaf.pem"), fx("rsa/2048/key.pem")),
    right: pairRight("rsa/2048/leaf.pem"),
  },
  {
    id: "h2",
    label: "(h) trustAnchors() of Mozilla's roots (the one-time cost of a handle)",
    only: ["ours"],
    fns: (l) => () => l.parseMozillaRoots(),
    right: (v) => v > 100,
  },
  {
    id: "h3",
    label: "(h) completeChain() of a leaf with its fetched issuer (P-256, DER body): name and signature checked, PEM bundle out",
    only: ["ours"],
    fns: (l) => () => l.completeOnce(fx("aia/leaf-der.pem"), "http://127.0.0.1:18790/int1.der", AIA_INT1),
    right: (v) => v === 1,
  },
  ...KDF_KEYS.map(([id, what, key]) => ({
    id,
    label: `(f) ${what}`,
    only: ["ours"],
    fns: (l) => () => l.encryptedKey(fx(key), "correct horse"),
    right: (v) => v === true,
  })),
];

const speed = [];
for (const t of TASKS) {
  const fns = {};
  for (const lib of t.only ?? LIBS) if (!t.skip?.[lib]) fns[lib] = t.fns(adapters[lib]);
  process.stderr.write(`bench-js: timing ${t.label}\n`);
  speed.push({ task: t, result: await race(fns, t.right) });
}
// The floor under every await of the WebCrypto-based libraries: one digest round trip.
const kib = new Uint8Array(1024);
const floor = (await race({ webcrypto: () => globalThis.crypto.subtle.digest("SHA-256", kib) }, (v) => v.byteLength === 32)).webcrypto;
load.push(os.loadavg());

const fmtUs = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : us >= 100 ? `${us.toFixed(0)} µs` : `${us.toFixed(1)} µs`);
print("#### Speed (median per call, Node " + process.versions.node + ")", "");
print(`| task | ${LIBS.map((l) => TITLE[l]).join(" | ")} |`, `|---|${LIBS.map(() => "---:").join("|")}|`);
for (const { task, result } of speed) {
  const cell = (lib) => {
    if (task.skip?.[lib]) return `not supported (${task.skip[lib]})`;
    const r = result[lib];
    if (!r) return "—";
    if (r.wrong) return `wrong answer`;
    return fmtUs(r.median);
  };
  print(`| ${task.label} | ${LIBS.map(cell).join(" | ")} |`);
}
const spread = speed
  .flatMap(({ task, result }) => Object.entries(result).filter(([, r]) => r.median).map(([lib, r]) => ({ id: task.id, lib, rel: (r.hi - r.lo) / r.median })))
  .sort((a, b) => b.rel - a.rel)[0];
print(
  "",
  `${SAMPLES} samples of ≥ ${SAMPLE_MS} ms per figure after ${WARMUP_MS} ms of warm-up; widest min–max spread: ` +
    `${(spread.rel * 100).toFixed(0)}% of the median (${TITLE[spread.lib]}, ${spread.id}).`,
);
print(`One \`crypto.subtle.digest("SHA-256")\` of 1 KiB, awaited, takes ${fmtUs(floor.median)} here: the floor under each WebCrypto call of @peculiar/x509 and pkijs.`);

// Issue 11's targets, from the figures above (ratios within this one interleaved run).
const med = (id, lib = "ours") => speed.find((x) => x.task.id === id)?.result[lib]?.median;
const ratio = (id, lib) => med(id, lib) / med(id);
const fasterPeer = (id) => Math.min(med(id, "peculiar"), med(id, "pkijs"));
const perIteration = (med("f2") - med("f1")) / (400_000 - 2_048);
const targets = [
  ["RSA-2048 self-signed + key (e1)", "≥ 5× node-forge", `${ratio("e1", "forge").toFixed(1)}×`, ratio("e1", "forge") >= 5],
  ["RSA-2048 CA-issued leaf + key (e2)", "≥ 5× node-forge", `${ratio("e2", "forge").toFixed(1)}×`, ratio("e2", "forge") >= 5],
  ["P-256 self-signed + key (e3)", "≥ 15× @peculiar/x509", `${ratio("e3", "peculiar").toFixed(1)}×`, ratio("e3", "peculiar") >= 15],
  ["P-256 self-signed + key (e3)", "≥ 10× pkijs", `${ratio("e3", "pkijs").toFixed(1)}×`, ratio("e3", "pkijs") >= 10],
  ["P-256 CA-issued leaf + key (e4)", "≥ 5× the faster of @peculiar/x509 and pkijs", `${(fasterPeer("e4") / med("e4")).toFixed(1)}×`, fasterPeer("e4") / med("e4") >= 5],
  ["ECDSA chain of three (d2; with its key, add e4's P-256 derivation)", "≤ 1.5 ms with the key", fmtUs(med("d2")), med("d2") <= 1500],
  ["RSA chain of three (d1)", "≤ 1 ms", fmtUs(med("d1")), med("d1") <= 1000],
  ["Ed25519 pair (e5)", "≥ 10,000 per second", `${Math.round(1e6 / med("e5")).toLocaleString("en-US")} per second`, 1e6 / med("e5") >= 10_000],
  ["OpenSSL-default scrypt key (f3)", "≤ 150 ms", fmtUs(med("f3")), med("f3") <= 150_000],
  ["validate() with Mozilla's roots (h1 / e2)", "≤ 1.10× without", `${(med("h1") / med("e2")).toFixed(2)}×`, med("h1") / med("e2") <= 1.1],
  ["PBKDF2-HMAC-SHA256 ((f2 − f1) / 397,952 iterations)", "≤ 0.8 µs per iteration", `${perIteration.toFixed(2)} µs`, perIteration <= 0.8],
];
print("", "Issue 11's and 17's targets, from this run:", "", "| task | target | measured | met |", "|---|---|---:|---|");
for (const [task, target, got, met] of targets) print(`| ${task} | ${target} | ${got} | ${met ? "yes" : "**no**"} |`);
print(
  "",
  "What each figure includes:",
  "",
  `- ${TITLE.ours}: one \`validate()\` call, which always does everything: PEM and strict DER parse of every certificate, both ` +
    "fingerprints, RFC 4514 names, SANs, dates; with a key, its parse, its consistency (RSA p·q = n, e·d ≡ 1, CRT values; " +
    "the EC/Ed25519 public key derived from the private one) and the match; each link's name and signature (a self-signed " +
    "certificate's signature over itself is not checked, as OpenSSL does not); and the JS report object.",
  `- ${TITLE.forge}: \`pem.decode\`, \`asn1.fromDer\`, \`certificateFromAsn1\`, forge's own SHA-1/SHA-256; \`privateKeyFromAsn1\` and ` +
    "n/e compared; `parent.verify(child)` (name and signature) per link; synchronous, pure JS.",
  `- ${TITLE.peculiar}: \`new X509Certificate\`, \`getThumbprint\`, \`subject\`, the SAN extension; WebCrypto \`importKey\` + ` +
    '`exportKey("jwk")` of the key and of the certificate’s key, compared; `verify({publicKey, signatureOnly})` and the names per link; every WebCrypto call awaited.',
  `- ${TITLE.pkijs}: regex + atob PEM, \`Certificate.fromBER\`, WebCrypto digests; \`RSAPrivateKey\`/\`ECPrivateKey\`/\`PrivateKeyInfo.fromBER\` ` +
    "and n/e or the stored EC point compared; `Certificate.verify(issuer)` and `RelativeDistinguishedNames.isEqual` per link; awaited.",
);
for (const { task, result } of speed) {
  for (const [lib, r] of Object.entries(result)) if (r.wrong) print(`- ${TITLE[lib]} gave a wrong answer on ${task.id}: \`${r.wrong}\``);
}

// ==== 2. correctness =================================================================================

// What each library can do at all (from its documentation and API, declared before running; a case that
// needs something outside this is "not supported" for it, whatever the library then does with it).
const EC = ["P-256", "P-384", "P-521"];
const ALL_ALGS = ["RSA", ...EC, "secp256k1", "Ed25519", "Ed448", "SM2", "DSA"];
const CAN = {
  ours: {
    cert: ALL_ALGS, // certificate parse, by the certificate's key algorithm
    verify: ["RSA", "P-256", "P-384", "Ed25519"], // signatures, by the issuer's key algorithm
    key: ALL_ALGS, // private key parse
    formats: ["PKCS#1", "PKCS#8", "SEC1"],
    decrypt: ["pbkdf2", "scrypt", "legacy"],
    match: ALL_ALGS, // P-521, secp256k1, SM2, Ed448: by the public key embedded in the key file
  },
  forge: { cert: ["RSA"], verify: ["RSA"], key: ["RSA"], formats: ["PKCS#1", "PKCS#8"], decrypt: ["pbkdf2", "legacy"], match: ["RSA"] },
  // Ed448: @peculiar/x509 names it {EdDSA, Ed448}, which WebCrypto does not know; secp256k1, SM2, DSA: not in WebCrypto.
  peculiar: { cert: ALL_ALGS, verify: ["RSA", ...EC, "Ed25519"], key: ["RSA", ...EC, "Ed25519"], formats: ["PKCS#1", "PKCS#8", "SEC1"], decrypt: [], match: ["RSA", ...EC, "Ed25519"] },
  // pkijs parses RSA and EC keys on its registered curves; its engine verifies RSA and ECDSA only.
  pkijs: { cert: ALL_ALGS, verify: ["RSA", ...EC], key: ["RSA", ...EC], formats: ["PKCS#1", "PKCS#8", "SEC1"], decrypt: ["pbkdf2"], match: ["RSA", ...EC] },
};

const algOf = (x) => (x.keyAlgorithm === "EC" ? x.curve : x.keyAlgorithm);
// What the manifest says about each key file (the facts of any case that could read it).
const keyFacts = {};
for (const c of manifest.cases) {
  const k = c.facts?.privateKey;
  if (c.privateKey && k && k.keyAlgorithm !== "unknown") keyFacts[c.privateKey] = k;
}
/** The key file's algorithm, container format and, if encrypted, scheme (read from the file itself). */
function keyFeatures(rel) {
  if (rel == null) return null;
  const text = fx(rel);
  const facts = keyFacts[rel];
  const f = { alg: facts ? algOf(facts) : null, format: facts?.format ?? null, scheme: null };
  if (/Proc-Type: 4,ENCRYPTED/.test(text)) f.scheme = "legacy";
  else if (/BEGIN ENCRYPTED PRIVATE KEY/.test(text)) {
    const der = Buffer.from(text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
    f.scheme = der.includes(Buffer.from("06092b06010401da47040b", "hex")) ? "scrypt" : "pbkdf2"; // id-scrypt
  }
  if (f.scheme) f.format = f.scheme === "legacy" ? "PKCS#1" : "PKCS#8";
  return f;
}

/** Why `lib` cannot take part in checking `need` for case `c` (null: it can). */
function unsupported(lib, c, need) {
  const can = CAN[lib];
  const chain = c.facts?.chain ?? [];
  const key = keyFeatures(c.privateKey);
  const miss = (list, what, v) => (v != null && !list.includes(v) ? `${what} ${v}` : null);
  const reasons = [];
  const certs = need.allCerts ? chain : chain.slice(0, 1);
  for (const x of certs) reasons.push(miss(can.cert, "certificate key", algOf(x)));
  if (need.verify) for (let i = 0; i + 1 < chain.length; i++) reasons.push(miss(can.verify, "signature by", algOf(chain[i + 1])));
  if (need.key && key) {
    reasons.push(miss(can.key, "key", key.alg), miss(can.formats, "key format", key.format));
    if (key.scheme) reasons.push(miss(can.decrypt, "encryption", key.scheme));
  }
  if (need.match && key && chain[0]) reasons.push(miss(can.match, "matching", algOf(chain[0])), miss(can.match, "matching", key.alg));
  return reasons.find(Boolean) ?? null;
}

// The problems the manifest expects, by the stage of the natural checks that should catch them.
// (InputTooLarge and IllegalKeyLength are policies, ChainIncomplete is informational: not scored.)
const CATEGORY = [
  { id: "cert", label: "certificate field malformed (bad base64, truncated or trailing DER, wrong label, key/CSR/public key, missing END, empty)", kinds: ["CertificateFormatInvalid", "CertificateMissing"], flags: ["cert"], need: { allCerts: true } },
  { id: "key", label: "key field malformed (certificate or public key in it, garbage DER, text)", kinds: ["PrivateKeyFormatInvalid"], flags: ["key"], need: { key: true } },
  { id: "enc", label: "encrypted key, no or wrong passphrase", kinds: ["PrivateKeyEncrypted"], flags: ["key"], need: { key: true } },
  { id: "mismatch", label: "key of another certificate (other key, other algorithm/curve, reversed chain)", kinds: ["CertificateMismatch"], when: (c) => c.facts.keyConsistent !== false, flags: ["match"], need: { key: true, match: true } },
  { id: "inconsistent", label: "key internally inconsistent (p·q ≠ n, wrong d or qInv; EC key file whose public point is not its scalar's)", kinds: ["CertificateMismatch"], when: (c) => c.facts.keyConsistent === false, flags: ["match", "key"], need: { key: true, match: true } },
  { id: "chain", label: "chain: impostor intermediate (right name, wrong key), missing intermediate, wrong order, duplicate or stray certificate", kinds: ["ChainOrderInvalid"], flags: ["chain"], need: { allCerts: true, verify: true } },
  { id: "validity", label: "expired / not yet valid", kinds: ["CertificateExpired", "CertificateNotYetValid"], flags: ["validity"], need: {} },
];
const SCORED = new Set(CATEGORY.flatMap((k) => k.kinds));

/** The stages a library's check() flagged. */
function flagsOf(r) {
  const f = new Set();
  if (r.cert === "bad") f.add("cert");
  if (r.key === "bad") f.add("key");
  if (r.match === false) f.add("match");
  if (r.chain === "bad") f.add("chain");
  if (r.expired || r.notYetValid) f.add("validity");
  return f;
}

const tally = Object.fromEntries(
  [...CATEGORY.map((k) => k.id), "valid", "validLenient", "validEncrypted"].map((id) => [id, Object.fromEntries(LIBS.map((l) => [l, { hit: 0, miss: 0, ns: 0 }]))]),
);
const caseCount = Object.fromEntries(Object.keys(tally).map((id) => [id, 0]));
const falseAccepts = Object.fromEntries(LIBS.map((l) => [l, []]));
const falseAlarms = Object.fromEntries(LIBS.map((l) => [l, []]));
const notSupported = Object.fromEntries(LIBS.map((l) => [l, new Map()]));

const policyOnly = manifest.cases.filter((c) => c.expect.errors.some((k) => !SCORED.has(k)));
for (const c of manifest.cases) {
  if (policyOnly.includes(c)) continue; // refused for a size limit, not a defect of the input
  const expected = [...c.expect.errors, ...c.expect.warnings].filter((k) => SCORED.has(k));
  const problems = CATEGORY.filter((k) => k.kinds.some((x) => expected.includes(x)) && (!k.when || k.when(c)));
  const validId = problems.length ? null : c.name.startsWith("lenient-") || c.name === "cert-then-dh-params" ? "validLenient" : c.passphrase != null ? "validEncrypted" : "valid";
  for (const p of problems) caseCount[p.id]++;
  if (validId) caseCount[validId]++;
  const input = { certificate: fx(c.certificate) ?? "", privateKey: fx(c.privateKey), passphrase: c.passphrase ?? undefined, now: NOW };
  for (const lib of LIBS) {
    let r;
    try {
      r = await adapters[lib].check(input);
    } catch (e) {
      r = { cert: "bad", key: "bad", crash: e.message };
    }
    const flags = flagsOf(r);
    const expectedFlags = new Set(problems.flatMap((p) => p.flags));
    for (const p of problems) {
      const why = unsupported(lib, c, p.need);
      const t = tally[p.id][lib];
      if (why) {
        t.ns++;
        notSupported[lib].set(why, (notSupported[lib].get(why) ?? 0) + 1);
      } else if (p.flags.some((f) => flags.has(f))) t.hit++;
      else {
        t.miss++;
        falseAccepts[lib].push(c.name);
      }
    }
    const whole = { allCerts: true, verify: true, key: c.privateKey != null, match: c.privateKey != null };
    const why = unsupported(lib, c, whole);
    const extra = [...flags].filter((f) => !expectedFlags.has(f));
    if (validId) {
      const t = tally[validId][lib];
      if (why) {
        t.ns++;
        notSupported[lib].set(why, (notSupported[lib].get(why) ?? 0) + 1);
      } else if (extra.length) {
        t.miss++;
        falseAlarms[lib].push(`${c.name} (${extra.join(", ")}${r.certError || r.keyError ? `: ${(r.certError ?? r.keyError).slice(0, 60)}` : ""})`);
      } else t.hit++;
    } else if (!why && extra.length) {
      falseAlarms[lib].push(`${c.name} (${extra.join(", ")} besides the expected problem)`);
    }
  }
}

print("", "#### Correctness on the fixture corpus", "");
print(
  `${manifest.cases.length - policyOnly.length} cases of tests/fixtures/manifest.json (${policyOnly.map((c) => c.name).join(", ")}: a size policy, not scored); ` +
    "a cell is **detected / missed / not supported** for problem rows and **accepted / wrongly refused / not supported** for valid rows.",
  "",
);
print(`| case category | count | ${LIBS.map((l) => TITLE[l]).join(" | ")} |`, `|---|---:|${LIBS.map(() => "---").join("|")}|`);
const cells = (id) => LIBS.map((l) => `${tally[id][l].hit} / ${tally[id][l].miss} / ${tally[id][l].ns}`).join(" | ");
for (const k of CATEGORY) print(`| ${k.label} | ${caseCount[k.id]} | ${cells(k.id)} |`);
print(`| valid: RSA/EC/Ed25519/Ed448/SM2/DSA pairs, chains, names, dates on the boundary | ${caseCount.valid} | ${cells("valid")} |`);
print(`| valid: lenient PEM (CRLF, BOM, text around, indented, 76 columns, one line, DH PARAMETERS after) | ${caseCount.validLenient} | ${cells("validLenient")} |`);
print(`| valid: encrypted key with the right passphrase (PBES2 PBKDF2/scrypt, legacy AES/3DES) | ${caseCount.validEncrypted} | ${cells("validEncrypted")} |`);
const sum = (lib, ids, k) => ids.reduce((s, id) => s + tally[id][lib][k], 0);
const problemIds = CATEGORY.map((k) => k.id);
const validIds = ["valid", "validLenient", "validEncrypted"];
print(
  `| **all problems** | ${problemIds.reduce((s, id) => s + caseCount[id], 0)} | ${LIBS.map((l) => `**${sum(l, problemIds, "hit")} / ${sum(l, problemIds, "miss")} / ${sum(l, problemIds, "ns")}**`).join(" | ")} |`,
  `| **all valid inputs** | ${validIds.reduce((s, id) => s + caseCount[id], 0)} | ${LIBS.map((l) => `**${sum(l, validIds, "hit")} / ${sum(l, validIds, "miss")} / ${sum(l, validIds, "ns")}**`).join(" | ")} |`,
);
print("", "False accepts (a problem the library could have seen and did not):", "");
for (const l of LIBS) print(`- ${TITLE[l]}: ${falseAccepts[l].length ? falseAccepts[l].join(", ") : "none"}`);
print("", "False alarms (flagged something that is fine):", "");
for (const l of LIBS) print(`- ${TITLE[l]}: ${falseAlarms[l].length ? falseAlarms[l].join("; ") : "none"}`);
print("", "Not supported (first reason per case and count):", "");
for (const l of LIBS) {
  const list = [...notSupported[l]].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${why} (${n})`);
  print(`- ${TITLE[l]}: ${list.length ? list.join(", ") : "nothing in the corpus"}`);
}

// ==== 3. size ========================================================================================

// gzip -9 as the command does it (a file: as scripts/size.sh runs it, name in the header; a Buffer: stdin).
const gzip9 = (what) => {
  try {
    return typeof what === "string"
      ? execFileSync("gzip", ["-9", "-c", what], { maxBuffer: 1 << 28 }).length
      : execFileSync("gzip", ["-9", "-c"], { input: what, maxBuffer: 1 << 28 }).length;
  } catch {
    return zlib.gzipSync(typeof what === "string" ? readFileSync(what) : what, { level: 9 }).length;
  }
};
const { build } = await import("esbuild");
const bundle = async (entry) => {
  const where = typeof entry === "string" ? { entryPoints: [entry] } : { stdin: { contents: entry.code, resolveDir: here } };
  const r = await build({ ...where, bundle: true, minify: true, platform: "browser", format: "esm", write: false, logLevel: "silent" });
  return Buffer.from(r.outputFiles[0].contents);
};

const size = {};
{
  const files = ["cert_preflight_bg.wasm", "cert_preflight.js", "index.js"].map((f) => path.join(repo, "pkg", f));
  const [wasm, glue, entry] = files.map(gzip9);
  const glueMin = await bundle(path.join(repo, "pkg/index.js")); // the glue + index.js, minified; the .wasm stays a URL
  size.ours = {
    raw: files.reduce((s, f) => s + readFileSync(f).length, 0),
    gzip: wasm + glue + entry,
    note: `.wasm ${wasm.toLocaleString("en")} + glue and index.js ${(glue + entry).toLocaleString("en")} (not minified, as scripts/size.sh counts); with the JS minified by esbuild: ${(wasm + gzip9(glueMin)).toLocaleString("en")}`,
  };
}
for (const lib of ["forge", "peculiar", "pkijs"]) {
  const b = await bundle(path.join(here, `lib-${lib}.mjs`));
  size[lib] = { raw: b.length, gzip: gzip9(b), note: "esbuild --bundle --minify --platform=browser of benches/js/lib-" + lib + ".mjs (the tasks above)" };
}
const wholeForge = gzip9(await bundle({ code: 'import forge from "node-forge"; export default forge;' }));
size.forge.note += `, which imports only the forge modules it uses; \`import forge from "node-forge"\` (all of forge) is ${wholeForge.toLocaleString("en")}`;
size.peculiar.note += " + reflect-metadata; WebCrypto itself is the browser's (0 bytes)";
size.pkijs.note += " + asn1js; WebCrypto itself is the browser's (0 bytes)";

print("", "#### Size (what a browser loads for these tasks)", "");
print("| library | bytes (min) | gzip -9 | what is counted |", "|---|---:|---:|---|");
for (const l of LIBS) print(`| ${TITLE[l]} | ${size[l].raw.toLocaleString("en")} | **${size[l].gzip.toLocaleString("en")}** | ${size[l].note} |`);

load.push(os.loadavg());
const cpu = os.cpus();
let commit = "unknown commit";
try {
  commit = `commit ${execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo, encoding: "utf8" }).trim()}`;
} catch {}
print(
  "",
  `Machine: ${cpu.length} × ${cpu[0]?.model?.trim() ?? "unknown CPU"}, ${os.platform()} ${os.arch()}, Node ${process.versions.node} ` +
    `(OpenSSL ${process.versions.openssl}); load average (1 min) ${load.map((l) => l[0].toFixed(2)).join(" → ")} ` +
    `(start → after speed → end); ${commit}; ${new Date().toISOString().slice(0, 10)}.`,
);

console.log(out.join("\n"));
void sink;
