// The built package's browser entry in headless Chromium (`make test-npm`): a page with no bundler
// (an import map names the package) imports "cert-preflight", which must be ready to call with no
// init call (top-level await fetches the .wasm next to index.js). Served from 127.0.0.1 with the .wasm
// as application/wasm; Chromium runs with the flags of webdriver.json and every request that is not
// to our server is refused and fails the test.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { chromium } from "playwright-core";

import { fixture, installPackage, manifest, repo } from "./helpers.mjs";

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };
const PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "cert-preflight": "/node_modules/cert-preflight/index.js" } }</script>
<script type="module">
  import { validate } from "cert-preflight";
  window.firstCall = validate({ certificate: "x" }).errors[0].kind; // no init call
</script>
`;

let installed;
let server;
let origin;
let browser;
let page;
const outside = [];

before(async () => {
  installed = installPackage();
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": TYPES[".html"] }).end(PAGE);
      return;
    }
    const file = path.join(installed.dir, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(installed.dir + path.sep)) return res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

  // The same switches as webdriver.json (the wasm-bindgen-test runs): no outside lookups at all.
  const { "goog:chromeOptions": { args } } = JSON.parse(readFileSync(path.join(repo, "webdriver.json"), "utf8"));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", ...args],
  });
  page = await browser.newPage();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(origin + "/");
  await page.waitForFunction(() => window.firstCall !== undefined || null, null, { timeout: 30_000 });
  assert.deepEqual(errors, []);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  installed?.cleanup();
});

describe("browser entry in Chromium", () => {
  it("is ready on import (top-level await) with no init call", async () => {
    assert.equal(await page.evaluate(() => window.firstCall), "CertificateFormatInvalid");
  });

  it("validates a pair, a mismatch and an encrypted key", async () => {
    const input = {
      pair: { certificate: fixture("rsa/2048/fullchain.pem"), privateKey: fixture("rsa/2048/key.pem"), now: manifest.nowMs },
      mismatch: {
        certificate: fixture("chain/rsa/leaf.pem"),
        privateKey: fixture("chain/rsa/int.key.pem"),
        provider: "aliyun-slb",
        now: manifest.nowMs,
      },
      encrypted: {
        certificate: fixture("rsa/2048/fullchain.pem"),
        privateKey: fixture("keys/rsa2048/pkcs8-pbes2-pbkdf2-sha256-aes256.pem"),
        passphrase: "correct horse",
        now: manifest.nowMs,
      },
    };
    const out = await page.evaluate(async (input) => {
      const { validate } = await import("cert-preflight");
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, validate(v)]));
    }, input);
    assert.equal(out.pair.ok, true);
    assert.equal(out.pair.chain.length, 3);
    assert.equal(out.pair.certificate.commonName, "rsa2048.example");
    const f = out.mismatch.errors.find((x) => x.kind === "CertificateMismatch");
    assert.deepEqual([f.code, f.httpStatus, f.field], ["InvalidParameter", 400, "PrivateKey"]);
    assert.equal(out.encrypted.ok, true);
  });

  it("throws Errors with a code; init() again is harmless; fingerprint works", async () => {
    const out = await page.evaluate(async (pem) => {
      const m = await import("cert-preflight");
      const codeOf = (fn) => {
        try {
          fn();
          return "no throw";
        } catch (e) {
          return e instanceof Error ? e.code : `non-Error ${typeof e}`;
        }
      };
      await m.init();
      m.initSync();
      return {
        notObject: codeOf(() => m.validate("x")),
        provider: codeOf(() => m.validate({ certificate: "x", provider: "nope" })),
        noCert: codeOf(() => m.fingerprint("x")),
        fp: m.fingerprint(pem, "sha256", "hex"),
        after: m.validate({ certificate: "x" }).errors[0].kind,
      };
    }, fixture("rsa/2048/leaf.pem"));
    assert.equal(out.notObject, "InvalidArgument");
    assert.equal(out.provider, "InvalidArgument");
    assert.equal(out.noCert, "CertificateFormatInvalid");
    assert.match(out.fp, /^[0-9a-f]{64}$/);
    assert.equal(out.after, "CertificateFormatInvalid");
  });

  it("made no request outside 127.0.0.1", () => {
    assert.deepEqual(outside, []);
  });
});
