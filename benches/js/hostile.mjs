// `make bench-hostile`: the worst input of each hostile-caller class through the built package
// (pkg/, one wasm instance whose memory we watch), with the time of each answer and the wasm
// memory high-water mark. Prints a Markdown table (docs/PERFORMANCE.md "Hostile input"). A benchmark, not a
// test: it asserts nothing about time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as cp from "../../pkg/cert_preflight.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixture = (rel) => readFileSync(path.join(repo, "tests/fixtures", rel), "utf8");
const { memory } = cp.initSync({ module: readFileSync(path.join(repo, "pkg/cert_preflight_bg.wasm")) });

// ---- a few DER builders, for encrypted keys whose parameters no tool would write -------------
const tlv = (tag, ...parts) => {
  const body = Buffer.concat(parts.map((p) => Buffer.from(p)));
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 255] : [0x83, n >> 16, (n >> 8) & 255, n & 255];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
};
const oid = (dotted) => {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [40 * a + b];
  for (let v of rest) {
    const out = [v & 0x7f];
    while ((v >>= 7)) out.unshift(0x80 | (v & 0x7f));
    bytes.push(...out);
  }
  return tlv(0x06, bytes);
};
const int = (v) => {
  const hex = v.toString(16).padStart(2, "0");
  let b = Buffer.from(hex.length % 2 ? "0" + hex : hex, "hex");
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
};
const pem = (label, der) =>
  `-----BEGIN ${label}-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n?$/, "\n")}-----END ${label}-----\n`;
const encrypted = (kdf) =>
  pem(
    "ENCRYPTED PRIVATE KEY",
    tlv(
      0x30,
      tlv(0x30, oid("1.2.840.113549.1.5.13"), tlv(0x30, kdf, tlv(0x30, oid("2.16.840.1.101.3.4.1.42"), tlv(0x04, Buffer.alloc(16, 7))))),
      tlv(0x04, Buffer.alloc(1232, 9)),
    ),
  );
const pbkdf2 = (iterations) =>
  tlv(0x30, oid("1.2.840.113549.1.5.12"), tlv(0x30, tlv(0x04, Buffer.from("saltsalt")), int(iterations), tlv(0x30, oid("1.2.840.113549.2.9"), tlv(0x05))));
const scrypt = (n, r, p) => tlv(0x30, oid("1.3.6.1.4.1.11591.4.11"), tlv(0x30, tlv(0x04, Buffer.from("saltsalt")), int(n), int(r), int(p)));

const cert = fixture("rsa/2048/fullchain.pem");
const now = Date.UTC(2027, 0, 1);
const pass = "correct horse";
const throwing = { get certificate() { throw new Error("no"); } };
const calls = (n, fn) => () => { for (let i = 0; i < n; i++) { try { fn(); } catch { /* each is a coded Error */ } } };
// A call that must end in a coded InvalidArgument (a benchmark still: it says so, it does not fail).
const refused = (fn) => () => {
  try {
    fn();
  } catch (e) {
    if (e?.code === "InvalidArgument") return;
    console.error(`expected InvalidArgument, got ${e?.code}: ${e?.message}`);
    return;
  }
  console.error("expected InvalidArgument, got an answer");
};
const sparse = () => {
  const a = [];
  a.length = 2 ** 32 - 1;
  return a;
};
const lyingArray = () => new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 32 - 1 : Reflect.get(t, k)) });
function* endless() {
  for (;;) yield "cn-hangzhou";
}
const endlessArray = () => {
  const a = ["cn-hangzhou"];
  a.length = 5000;
  a[Symbol.iterator] = endless;
  return a;
};
class EndlessMap extends Map {
  *[Symbol.iterator]() {
    for (let i = 0; ; i++) yield [`k${i}`, "v"];
  }
}
let shared = ["x"];
for (let i = 0; i < 16; i++) shared = new Array(4096).fill(shared);
const millionKeys = Array.from({ length: 1e6 }, (_, i) => `k${i}`);
const manyKeys = new Proxy({}, { ownKeys: () => millionKeys });
const manyEnumerableKeys = new Proxy({}, {
  ownKeys: () => millionKeys,
  getOwnPropertyDescriptor: () => ({ value: "x", enumerable: true, configurable: true, writable: true }),
  get: () => "x",
});
const slb = { RegionId: "cn-hangzhou", ServerCertificate: fixture("rsa/2048/leaf.pem") };
const request = cp.buildRequest("aliyun-slb", { ...slb, PrivateKey: fixture("keys/rsa2048/pkcs1.pem") }, { now: Date.UTC(2027, 0, 1) });
const creds = { accessKeyId: "LTAI5tFAKE", accessKeySecret: "secret" };
const sign = { nonce: "n", timestamp: Date.UTC(2027, 0, 1) };

const cases = [
  ["PBKDF2-HMAC-SHA256, 10,000,000 iterations (validate)", () => cp.validate({ certificate: cert, privateKey: encrypted(pbkdf2(10_000_000)), passphrase: pass, now })],
  ["PBKDF2-HMAC-SHA256, 10,000,000 iterations (buildRequest, aliyun-slb)", () => { try { cp.buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: cert, PrivateKey: encrypted(pbkdf2(10_000_000)) }, { passphrase: pass, now }); } catch { /* refused */ } }],
  ["scrypt N=2^14, r=8, p=128 (N·r·p = 2^24)", () => cp.validate({ certificate: cert, privateKey: encrypted(scrypt(1 << 14, 8, 128)), passphrase: pass, now })],
  ["scrypt N=2^16, r=1 (RFC 7914-invalid)", () => cp.validate({ certificate: cert, privateKey: encrypted(scrypt(1 << 16, 1, 1)), passphrase: pass, now })],
  ["OpenSSL-default scrypt key (N=16384, r=8, p=1), wrong passphrase", () => cp.validate({ certificate: cert, privateKey: fixture("keys/rsa2048/pkcs8-pbes2-scrypt-aes256.pem"), passphrase: "wrong", now })],
  ["OpenSSL-default PBKDF2 key (2,048 iterations), right passphrase", () => cp.validate({ certificate: cert, privateKey: fixture("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem"), passphrase: pass, now })],
  ["100 MB certificate string", () => cp.validate({ certificate: "A".repeat(100 << 20), now })],
  ["10 Mi '€' in each of the 7 PEM fields (aliyun-cas)", () => { const e = "€".repeat(10 << 20); cp.validate({ certificate: e, privateKey: e, provider: "aliyun-cas", signCertificate: e, signPrivateKey: e, encryptCertificate: e, encryptPrivateKey: e, now }); }],
  ["1 MiB of BEGIN lines", () => cp.validate({ certificate: "-----BEGIN CERTIFICATE-----\n".repeat(37_000), now })],
  ["100,000 NUL bytes before a valid block", () => cp.validate({ certificate: "\0".repeat(100_000) + cert, now })],
  ["100,000 calls with a throwing getter (all of them)", calls(100_000, () => cp.validate(throwing))],
  // Lists answered from their length (issue 20 §1): each must be a coded InvalidArgument in ≤ 5 ms.
  ["buildRequest Tag: sparse array, length 2^32-1", refused(() => cp.buildRequest("aliyun-slb", { ...slb, Tag: sparse() }, { now }))],
  ["validate eccRegions: sparse array, length 2^32-1", refused(() => cp.validate({ certificate: cert, now, eccRegions: sparse() }))],
  ["buildRequest options.eccRegions: sparse array, length 2^32-1", refused(() => cp.buildRequest("aliyun-slb", slb, { now, eccRegions: sparse() }))],
  ["signRequest query: sparse array, length 2^32-1", refused(() => cp.signRequest({ ...request, query: sparse() }, creds, sign))],
  ["buildRequest Tag: Proxy of an array claiming length 2^32-1", refused(() => cp.buildRequest("aliyun-slb", { ...slb, Tag: lyingArray() }, { now }))],
  ["buildRequest Tag: { length: 1e9 }", refused(() => cp.buildRequest("aliyun-slb", { ...slb, Tag: { length: 1e9 } }, { now }))],
  ["validate eccRegions: iterable array-like, length 2^32-1", refused(() => cp.validate({ certificate: cert, now, eccRegions: Object.setPrototypeOf({ length: 2 ** 32 - 1 }, Array.prototype) }))],
  ["validate eccRegions: endless generator", refused(() => cp.validate({ certificate: cert, now, eccRegions: endless() }))],
  ["signRequest query: endless generator", refused(() => cp.signRequest({ ...request, query: endless() }, creds, sign))],
  ["buildRequest Tag: array (length 5,000) with an endless Symbol.iterator", refused(() => cp.buildRequest("aliyun-slb", { ...slb, Tag: endlessArray() }, { now }))],
  ["validate(Map with an endless Symbol.iterator)", refused(() => cp.validate(new EndlessMap()))],
  ["buildRequest Tag: one list shared 4,096 times per level, 16 deep", refused(() => cp.buildRequest("aliyun-slb", { ...slb, Tag: shared }, { now }))],
  // Bounded before any per-key work, but not below the engine's own cost: any listing of a
  // Proxy's keys (Reflect.ownKeys, Object.keys, for-in) runs its ownKeys trap once and V8 copies
  // and checks every key it returns before the count can be looked at.
  ["validate(Proxy whose ownKeys returns 10^6 keys)", refused(() => cp.validate(manyKeys))],
  ["buildRequest params: Proxy whose ownKeys returns 10^6 keys", refused(() => cp.buildRequest("aliyun-slb", manyKeys, { now }))],
  ["validate(Proxy of 10^6 enumerable keys: ownKeys, getOwnPropertyDescriptor and get traps)", refused(() => cp.validate(manyEnumerableKeys))],
];

const rows = [];
let high = memory.buffer.byteLength;
cp.validate({ certificate: cert, now }); // warm up
const base = memory.buffer.byteLength;
for (const [name, run] of cases) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
    high = Math.max(high, memory.buffer.byteLength);
  }
  times.sort((a, b) => a - b);
  rows.push([name, times[1], memory.buffer.byteLength]);
}
const mib = (b) => (b / (1 << 20)).toFixed(1);
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; median of 3; wasm memory ${mib(base)} MiB after warm-up\n`);
console.log("| input | time per answer | wasm memory after |");
console.log("|---|---:|---:|");
for (const [name, ms, bytes] of rows) {
  console.log(`| ${name} | ${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms | ${mib(bytes)} MiB |`);
}
console.log(`\nwasm memory high-water mark: ${mib(high)} MiB (the 1 MiB input limit applies per field)`);
