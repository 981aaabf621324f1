// `make bench-cold`: time to the first validate() result from a cold start (issue 11).
//   Node:     wall time of a fresh `node first.mjs` (import the package, validate an RSA-2048 pair
//             and a P-256 pair, print) minus that of `node -e 0`; medians of RUNS runs, interleaved.
//   Chromium: a page importing the browser entry through an import map from 127.0.0.1 (no bundler):
//             performance.now() at the first result, i.e. from navigation start, median of RUNS
//             fresh pages; the .wasm served as application/wasm (compileStreaming applies).
// A benchmark, not a test. COLD_RUNS (default 15).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = Number(process.env.COLD_RUNS ?? 15);
const fx = (rel) => readFileSync(path.join(repo, "tests/fixtures", rel), "utf8");
const input = {
  rsa: { certificate: fx("chain/misc/selfsigned-rsa.pem"), privateKey: fx("chain/misc/selfsigned-rsa.key.pem"), now: 1780272000000 },
  p256: { certificate: fx("chain/misc/selfsigned-ec.pem"), privateKey: fx("chain/misc/selfsigned-ec.key.pem"), now: 1780272000000 },
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(path.join(os.tmpdir(), "cert-preflight-cold-"));
const first = path.join(dir, "first.mjs");
writeFileSync(
  first,
  `import { validate } from ${JSON.stringify(path.join(repo, "pkg/node.js"))};\n` +
    `const input = ${JSON.stringify(input)};\n` +
    "const a = validate(input.rsa), b = validate(input.p256);\n" +
    "if (!a.ok || !b.ok) throw new Error('not ok');\n",
);
const wall = (args) => {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: "ignore" });
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const bare = [];
const ours = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(wall(["-e", "0"]));
  ours.push(wall([first]));
}

// Chromium.
const pkgDir = path.join(repo, "pkg");
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm" };
const page = `<!doctype html><meta charset="utf-8">
<script type="importmap">{ "imports": { "cert-preflight": "/pkg/index.js" } }</script>
<script type="module">
  import { validate } from "cert-preflight";
  const input = ${JSON.stringify(input)};
  const a = validate(input.rsa), b = validate(input.p256);
  window.__result = { ok: a.ok && b.ok, ms: performance.now() };
</script>`;
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
  const file = path.join(pkgDir, path.basename(url.pathname));
  let body;
  try {
    body = readFileSync(file);
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
const inBrowser = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(origin + "/");
  await p.waitForFunction(() => window.__result, null, { timeout: 30_000 });
  const r = await p.evaluate(() => window.__result);
  if (!r.ok) throw new Error("browser result not ok");
  inBrowser.push(r.ms);
  await context.close();
}
await browser.close();
server.close();

const f = (x) => `${x.toFixed(1)} ms`;
console.log(`cold start, ${RUNS} runs each, medians (${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}):\n`);
console.log("| measure | median |\n|---|---:|");
console.log(`| \`node -e 0\` | ${f(median(bare))} |`);
console.log(`| \`node first.mjs\` (import + RSA-2048 pair + P-256 pair) | ${f(median(ours))} |`);
console.log(`| difference: import + first results | ${f(median(ours) - median(bare))} |`);
console.log(`| Chromium, browser entry, no bundler: navigation start → both results | ${f(median(inBrowser))} |`);
