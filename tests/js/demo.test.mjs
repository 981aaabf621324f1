// The demo as `make demo` runs it: scripts/demo.sh (wrangler dev on workerd, the page as static
// assets, the Worker proxy, the mock cloud) on a free 127.0.0.1 port, driven by Playwright in the
// Debian Chromium by accessible names, the way a person uses it. Screenshots (1280 px and 390 px,
// light and dark) go to target/screenshots/. Any request the page makes outside the demo's origin
// fails the test. The Worker runs with AIA_ALLOW_PRIVATE=1 (DEMO_AIA_ALLOW_PRIVATE=1) so /api/chain
// can fetch caIssuers URLs from the loopback stand-in on 127.0.0.1:18790, which serves
// tests/fixtures/aia/ as a CA's web server would (the page itself only talks to its Worker).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

import { fixture, listenRetrying, repo } from "./helpers.mjs";

const shots = path.join(repo, "target/screenshots");
let demo;
let demoOutput = "";
let origin;
let browser;
let pkg;
const outside = [];

// The loopback stand-in for the CA's caIssuers host (the URLs in tests/fixtures/aia/ name it).
const AIA_PORT = 18790;
const aiaDir = path.join(repo, "tests/fixtures/aia");
let standIn;
let extraRoots; // DEMO_EXTRA_ROOTS: the stand-in CA's root, as a PEM file
const standInLog = [];
/** Path → { status, type, body, delay? }: what the stand-in answers instead of the file (after delay ms). */
const standInOverride = new Map();

async function startStandIn() {
  standIn = createHttpServer((req, res) => {
    const { pathname } = new URL(req.url, `http://127.0.0.1:${AIA_PORT}`);
    standInLog.push(pathname);
    const override = standInOverride.get(pathname);
    if (override) {
      setTimeout(() => {
        res.writeHead(override.status, { "content-type": override.type });
        res.end(override.body);
      }, override.delay ?? 0);
      return;
    }
    const file = path.join(aiaDir, path.basename(pathname));
    if (req.method !== "GET" || !existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": file.endsWith(".p7c") ? "application/pkcs7-mime" : "application/pkix-cert" });
    res.end(readFileSync(file));
  });
  // The port is fixed by the fixtures; another suite's stand-in may still be closing.
  await listenRetrying(standIn, AIA_PORT, 10_000);
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (demo.exitCode !== null) throw new Error(`make demo exited (${demo.exitCode}):\n${demoOutput}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return res.json();
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the demo did not answer within ${ms} ms:\n${demoOutput}`);
}

async function newPage({ width = 1280, height = 900, colorScheme = "light", locale = "en-US" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, locale });
  const page = await context.newPage();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url === origin) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(origin + "/");
  // Ready when the validation thread has answered once.
  await page.getByRole("status").filter({ hasNotText: "Loading the checker" }).waitFor({ timeout: 20_000 });
  return { page, context, errors };
}

/** Text of the findings list. */
const findingsText = (page) => page.locator("#findings").innerText();

before(async () => {
  pkg = await import(pathToFileURL(path.join(repo, "pkg/node.js")).href);
  await startStandIn();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // The stand-in CA's root, trusted besides Mozilla's (EXTRA_ROOTS), as an internal PKI's would be.
  extraRoots = path.join(mkdtempSync(path.join(tmpdir(), "cert-preflight-demo-")), "roots.pem");
  writeFileSync(extraRoots, new X509Certificate(readFileSync(path.join(repo, "tests/fixtures/aia/root.der"))).toString());
  demo = spawn(path.join(repo, "scripts/demo.sh"), [], {
    cwd: repo,
    env: { ...process.env, DEMO_PORT: String(port), DEMO_AIA_ALLOW_PRIVATE: "1", DEMO_EXTRA_ROOTS: extraRoots },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so after() can stop wrangler and the workerd it started together (a
    // run filtered with --test-name-pattern skips the SIGTERM test and would leave workerd behind).
    detached: true,
  });
  demo.stdout.on("data", (d) => (demoOutput += d));
  demo.stderr.on("data", (d) => (demoOutput += d));
  const health = await waitForHealth(origin, 60_000);
  assert.equal(health.mode, "mock");
  assert.match(demoOutput, new RegExp(`http://127\\.0\\.0\\.1:${port}`), "the command prints the URL");

  const { "goog:chromeOptions": { args } } = JSON.parse(readFileSync(path.join(repo, "webdriver.json"), "utf8"));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", ...args],
  });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  standIn?.close();
  if (demo && demo.exitCode === null) {
    try {
      process.kill(-demo.pid, "SIGKILL");
    } catch {
      demo.kill("SIGKILL");
    }
  }
  if (extraRoots) rmSync(path.dirname(extraRoots), { recursive: true, force: true });
});

/** A certificate and a key that is not its own, and the package's Tencent mismatch error for them. */
function tencentMismatch() {
  const certificate = fixture("rsa/2048/fullchain.pem");
  const wrongKey = fixture("chain/rsa/int.key.pem");
  try {
    pkg.buildRequest("tencent-ssl", { CertificatePublicKey: certificate, CertificatePrivateKey: wrongKey });
  } catch (e) {
    return { certificate, wrongKey, expected: e.errors.find((f) => f.kind === "CertificateMismatch") };
  }
  return { certificate, wrongKey, expected: undefined };
}

describe("the demo page, served by make demo", () => {
  it("shows the provider's mismatch code live, clears it for the matching key, and uploads to the mock", async () => {
    const { page, context, errors } = await newPage();
    await page.getByLabel("Provider", { exact: true }).selectOption("tencent-ssl");
    const { certificate, wrongKey, expected } = tencentMismatch();
    assert.ok(expected, "the package calls this pair a mismatch");

    await page.getByLabel("Certificate", { exact: true }).fill(certificate);
    await page.getByLabel("Private key", { exact: true }).fill(wrongKey);
    await page.locator("#findings").getByText(expected.code, { exact: true }).waitFor();
    // The provider's other code for it, on hover.
    assert.deepEqual(expected.alternatives, ["FailedOperation.CertificateMismatch"]);
    assert.match(
      await page.locator("#findings").getByText(expected.code, { exact: true }).getAttribute("title"),
      /FailedOperation\.CertificateMismatch/,
    );
    assert.match(await page.getByRole("status").innerText(), /would refuse/);
    assert.match(await findingsText(page), /HTTP 200/);
    assert.match(await findingsText(page), /CertificatePrivateKey/);
    // CAS publishes no codes: its answer is marked as our reading.
    await page.getByLabel("Provider", { exact: true }).selectOption("aliyun-cas");
    await page.locator("#findings .finding.error .inferred").first().waitFor();
    assert.match(await page.locator("#findings .finding.error .inferred").first().getAttribute("title"), /not a code seen/);
    await page.getByLabel("Provider", { exact: true }).selectOption("tencent-ssl");
    await page.locator("#findings").getByText(expected.code, { exact: true }).waitFor();

    await page.getByLabel("Private key", { exact: true }).fill(fixture("rsa/2048/key.pem"));
    await page.locator("#findings").getByText(expected.code, { exact: true }).waitFor({ state: "detached" });
    assert.match(await page.getByRole("status").innerText(), /would accept/);
    // The certificate's details, fingerprints in the provider's format.
    const leaf = pkg.validate({ certificate }).certificate;
    const facts = await page.locator("#facts").innerText();
    assert.match(facts, /rsa2048\.example/);
    assert.ok(facts.includes(leaf.fingerprintSha256.replaceAll(":", "").toUpperCase()), facts);
    assert.match(await page.locator("#chain").innerText(), /signed by #2/);

    await page.getByLabel("Provider", { exact: true }).selectOption("aliyun-slb");
    await page.getByLabel("Region", { exact: true }).selectOption("cn-shanghai");
    await page.getByRole("button", { name: "Upload" }).click();
    const result = page.locator("#upload-result");
    await result.getByText("Uploaded").waitFor();
    const text = await result.innerText();
    assert.match(text, /Certificate id\s+\d+_[0-9a-f]+_\d+_[0-9a-f]{8}/);
    assert.ok(text.includes(leaf.fingerprintSha1), text);
    assert.match(text, /mock/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("a refused upload shows the provider's own answer", async () => {
    const { page, context } = await newPage();
    await page.getByLabel("Provider", { exact: true }).selectOption("aliyun-slb");
    await page.getByLabel("Certificate", { exact: true }).fill(fixture("rsa/3072/fullchain.pem"));
    await page.getByLabel("Private key", { exact: true }).fill(fixture("rsa/3072/key.pem"));
    await page.locator("#findings").getByText("OperationDenied.IllegalKeyLength").first().waitFor();
    await page.getByRole("button", { name: "Upload" }).click();
    const result = page.locator("#upload-result");
    await result.getByText("answered OperationDenied.IllegalKeyLength").waitFor();
    assert.match(await result.innerText(), /HTTP status\s+400/);
    await context.close();
  });

  it("takes a file dropped onto the certificate field", async () => {
    const { page, context } = await newPage();
    const pem = fixture("ec/p256/leaf.pem");
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "leaf.pem", { type: "application/x-pem-file" }));
      return dt;
    }, pem);
    await page.getByLabel("Certificate", { exact: true }).dispatchEvent("drop", { dataTransfer });
    await page.locator("#facts").getByText("ec-p256.example").first().waitFor();
    assert.equal(await page.getByLabel("Certificate", { exact: true }).inputValue(), pem);
    await context.close();
  });

  it("opens a dropped PFX with the password typed in Passphrase, and reads DER files as bytes: the PEM pair openssl gives, checked", async () => {
    const { page, context, errors } = await newPage();
    const dir = path.join(repo, "tests/fixtures/pfx");
    const drop = async (label, file) => {
      const bytes = [...readFileSync(path.join(dir, file))];
      const dataTransfer = await page.evaluateHandle(([b, name]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(b)], name, { type: "application/octet-stream" }));
        return dt;
      }, [bytes, file]);
      await page.getByLabel(label, { exact: true }).dispatchEvent("drop", { dataTransfer });
    };
    const note = page.locator("#pfx-note");
    const certificate = page.getByLabel("Certificate", { exact: true });
    const privateKey = page.getByLabel("Private key", { exact: true });
    const fp = (pem) => pkg.validate({ certificate: pem }).chain.map((c) => c.fingerprintSha256);

    await drop("Certificate", "ossl3-default.p12");
    await note.getByText("ossl3-default.p12 is a PFX / PKCS#12 file protected by a password: type it in Passphrase.", { exact: false }).waitFor();
    assert.ok(await page.getByLabel("Passphrase").evaluate((i) => i === document.activeElement), "focus goes to Passphrase");
    assert.equal(await certificate.inputValue(), "", "nothing in the fields before it opens");
    await page.getByLabel("Passphrase").fill("wrong");
    await note.getByText("That password does not open ossl3-default.p12.").waitFor();
    await page.getByLabel("Passphrase").fill(readFileSync(path.join(dir, "ossl3-default.pass"), "utf8").trim());
    await note.getByText(/^The certificate and key from ossl3-default\.p12 \(PFX \/ PKCS#12\)/).waitFor();
    // The same certificates and key as `openssl pkcs12 -nodes` (the fixture's .certs.pem / .keys.pem).
    assert.deepEqual(fp(await certificate.inputValue()), fp(readFileSync(path.join(dir, "ossl3-default.certs.pem"), "utf8")));
    const keyFacts = (pem) => pkg.validate({ certificate: readFileSync(path.join(dir, "ossl3-default.certs.pem"), "utf8"), privateKey: pem });
    assert.equal(keyFacts(await privateKey.inputValue()).ok, true, "the key in the field belongs to the certificate");
    assert.equal(await page.getByLabel("Passphrase").inputValue(), "", "the password is not kept");
    // Checked like any upload: no error (its test chain ends outside the trusted roots: warnings).
    await page.locator("#status.warning, #status.ok").waitFor();
    assert.doesNotMatch(await findingsText(page), /CertificateMismatch|✗/);

    // DER: a certificate and a key, read as bytes, shown as PEM, checked as a pair.
    await certificate.fill("");
    await privateKey.fill("");
    await drop("Certificate", "leaf.der");
    await note.getByText("leaf.der is binary (DER): shown as the PEM text it is the same as.").waitFor();
    await page.locator("#private-key-file").setInputFiles(path.join(dir, "leaf.key.der"));
    await note.getByText("leaf.key.der is binary (DER)", { exact: false }).waitFor();
    assert.match(await certificate.inputValue(), /^-----BEGIN CERTIFICATE-----\n/);
    assert.match(await privateKey.inputValue(), /^-----BEGIN RSA PRIVATE KEY-----\n/);
    await page.locator("#status.warning, #status.ok").waitFor();
    assert.doesNotMatch(await findingsText(page), /CertificateMismatch|✗/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("works from the keyboard alone", async () => {
    const { page, context } = await newPage();
    await page.getByLabel("Provider", { exact: true }).focus();
    await page.keyboard.press("ArrowDown"); // the first provider
    await page.getByLabel("Certificate", { exact: true }).fill(fixture("rsa/2048/fullchain.pem"));
    await page.getByLabel("Private key", { exact: true }).fill(fixture("rsa/2048/key.pem"));
    await page.getByLabel("Private key", { exact: true }).focus();
    for (let i = 0; i < 20; i++) {
      if (await page.getByRole("button", { name: "Upload" }).evaluate((b) => b === document.activeElement)) break;
      await page.keyboard.press("Tab");
    }
    assert.ok(await page.getByRole("button", { name: "Upload" }).evaluate((b) => b === document.activeElement), "Tab reaches Upload");
    await page.keyboard.press("Enter");
    await page.locator("#upload-result").getByText("Uploaded").waitFor();
    await context.close();
  });

  it("fits a phone (390 px, no horizontal scroll) and a desktop, light and dark: screenshots", async () => {
    for (const colorScheme of ["light", "dark"]) {
      for (const width of [1280, 390]) {
        const { page, context } = await newPage({ width, height: width > 800 ? 900 : 844, colorScheme });
        await page.getByLabel("Provider", { exact: true }).selectOption("aliyun-slb");
        await page.getByLabel("Certificate", { exact: true }).fill(fixture("rsa/2048/fullchain.pem"));
        await page.getByLabel("Private key", { exact: true }).fill(fixture("chain/rsa/int.key.pem"));
        await page.getByRole("status").getByText("would refuse").waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${width}px ${colorScheme}: ${overflow}px of horizontal scroll`);
        await page.screenshot({ path: path.join(shots, `demo-${width}-${colorScheme}.png`), fullPage: true });
        await context.close();
      }
    }
  });

  it("has every text of the page in both languages, and no key left unused", async () => {
    const i18n = await import(pathToFileURL(path.join(repo, "www/i18n.js")).href);
    const en = i18n.keys("en-US").sort();
    assert.deepEqual(i18n.keys("zh-CN").sort(), en);
    const used = [readFileSync(path.join(repo, "www/index.html"), "utf8"), readFileSync(path.join(repo, "www/app.js"), "utf8")].join("\n");
    // Keys built at run time: the providers' names and the pieces picked by a condition.
    const dynamic = (k) => k.startsWith("provider.");
    const unused = en.filter((k) => !dynamic(k) && !used.includes(`"${k}"`));
    assert.deepEqual(unused, []);
  });

  it("explains every finding kind in Chinese (the page's own words; the English page keeps the package's detail)", async () => {
    const { explain } = await import(pathToFileURL(path.join(repo, "www/explain.js")).href);
    // No JS list of the kinds: Kind::ALL in src/finding.rs is the list.
    const all = /pub const ALL: &'static \[Kind\] = &\[([^\]]*)\]/.exec(readFileSync(path.join(repo, "src/finding.rs"), "utf8"));
    const kinds = [...all[1].matchAll(/Kind::(\w+)/g)].map((m) => m[1]);
    assert.ok(kinds.length >= 20 && kinds.includes("CertificateMismatch") && kinds.includes("PfxContentUnused"), kinds.join());
    const missing = kinds.filter((k) => !/[\u3400-\u9fff]/.test(explain(k, "zh-CN") ?? ""));
    assert.deepEqual(missing, []);
    for (const k of kinds) assert.equal(explain(k, "en-US"), null, k);
    assert.equal(explain("NoSuchKind", "zh-CN"), null);
  });

  it("speaks Chinese to a Chinese browser — labels, lang, the provider's message in real glyphs — and English on request, remembered", async () => {
    const { page, context, errors } = await newPage({ locale: "zh-CN" });
    assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
    assert.equal(await page.title(), "cert-preflight — 在云平台之前检查证书上传");
    assert.equal(await page.getByLabel("语言").inputValue(), "zh-CN");
    await page.getByLabel("云服务", { exact: true }).selectOption("tencent-ssl");
    assert.equal(await page.getByLabel("云服务", { exact: true }).locator("option:checked").innerText(), "腾讯云 SSL 证书");
    const { certificate, wrongKey, expected } = tencentMismatch();
    await page.getByLabel("证书", { exact: true }).fill(certificate);
    await page.getByLabel("私钥", { exact: true }).fill(wrongKey);
    await page.locator("#findings").getByText(expected.code, { exact: true }).waitFor();
    assert.match(await page.getByRole("status").innerText(), /^✗\s*1 个错误：腾讯云 SSL 证书会拒绝这次上传（FailedOperation\.CertificateMatchError）。$/);
    assert.match(await findingsText(page), /✗ 错误/);
    const message = page.locator("#findings .finding.error .message").first();
    assert.equal(await message.innerText(), expected.message);
    assert.equal(await message.getAttribute("lang"), "zh-CN");
    // Our explanation in Chinese, and the package's English detail below it, marked as English.
    const { explain } = await import(pathToFileURL(path.join(repo, "www/explain.js")).href);
    const mismatch = page.locator("#findings .finding.error").first();
    assert.deepEqual(
      [await mismatch.locator(".explain").innerText(), await mismatch.locator(".explain").getAttribute("lang"), await mismatch.locator(".detail-en").innerText(), await mismatch.locator(".detail-en").getAttribute("lang")],
      [explain("CertificateMismatch", "zh-CN"), "zh-CN", expected.detail, "en"],
    );
    // Real glyphs, not the empty boxes of a machine without a CJK font: two different characters
    // in the message's own style render differently only when a font has them.
    const glyphs = [];
    for (const ch of ["证", "书"]) {
      await message.evaluate((p, c) => p.append(Object.assign(document.createElement("span"), { id: "glyph", textContent: c })), ch);
      glyphs.push(await page.locator("#glyph").screenshot());
      await page.locator("#glyph").evaluate((n) => n.remove());
    }
    assert.ok(!glyphs[0].equals(glyphs[1]), "证 and 书 render as different glyphs (fonts-noto-cjk, scripts/setup.sh)");
    // The upload asks Tencent for Chinese, and the (mock) cloud answers the mismatch in it.
    const uploaded = page.waitForRequest((r) => r.url().endsWith("/api/upload"));
    await page.getByRole("button", { name: "上传" }).click();
    assert.equal(JSON.parse((await uploaded).postData()).options.language, "zh-CN");
    await page.locator("#upload-result").getByText(expected.message, { exact: true }).waitFor();
    for (const [width, scheme] of [[1280, "light"], [1280, "dark"], [390, "light"], [390, "dark"]]) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(shots, `demo-zh-CN-${width}-${scheme}.png`), fullPage: width === 390 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `no horizontal scroll at ${width} px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // English on request: everything the page wrote is written again, and the choice is remembered.
    await page.getByLabel("语言").selectOption("en-US");
    assert.equal(await page.locator("html").getAttribute("lang"), "en-US");
    await page.getByLabel("Certificate", { exact: true }).waitFor();
    assert.match(await page.getByRole("status").innerText(), /Tencent Cloud SSL Certificates would refuse this upload/);
    assert.match(await findingsText(page), /✗ Error/);
    assert.equal(await page.locator("#findings .explain").count(), 0);
    // …and Tencent's own English text for the same condition, from a check in English.
    const english = pkg.validate({ certificate, privateKey: wrongKey, provider: "tencent-ssl", language: "en-US" }).errors[0];
    assert.match(english.message, /^Note: the certificate content and private key do not match/);
    await page.locator("#findings .finding.error .message").getByText(english.message, { exact: true }).waitFor();
    const again = page.waitForRequest((r) => r.url().endsWith("/api/upload"));
    await page.getByRole("button", { name: "Upload" }).click();
    assert.equal(JSON.parse((await again).postData()).options.language, "en-US");
    await page.locator("#upload-result").getByText(english.message, { exact: true }).waitFor();
    await page.reload();
    await page.getByRole("status").filter({ hasNotText: "Loading the checker" }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("html").getAttribute("lang"), "en-US");
    assert.equal(await page.getByLabel("Language").inputValue(), "en-US");
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("fetches a missing intermediate through the proxy; “Use this” puts the completed bundle in the field", async () => {
    const { page, context, errors } = await newPage();
    const leaf = fixture("aia/leaf-der.pem");
    const int1 = pkg.validate({ certificate: fixture("aia/int1.pem") }).certificate;
    const certificate = page.getByLabel("Certificate", { exact: true });
    await certificate.fill(leaf);
    await page.locator("#findings").getByText("ChainIncomplete", { exact: true }).waitFor();
    const region = page.getByRole("region", { name: "Missing intermediate" });
    assert.match(await region.innerText(), /http:\/\/127\.0\.0\.1:18790\/int1\.der/, "the URL the leaf names");
    const from = standInLog.length;
    // From the keyboard: the button is a real button, and focus goes on to "Use this".
    await region.getByRole("button", { name: "Fetch the missing intermediate" }).focus();
    await page.keyboard.press("Enter");
    const added = region.getByRole("list", { name: "Certificates the proxy fetched and verified" });
    await added.getByText("CN=AIA Test Int 1", { exact: true }).waitFor();
    const list = await added.innerText();
    assert.match(list, /Issuer\s+CN=AIA Test Root/);
    assert.ok(list.includes("http://127.0.0.1:18790/int1.der"), list);
    assert.ok(list.includes(int1.fingerprintSha256), list);
    assert.match(await region.innerText(), /Found 1 certificate .*until you choose “Use this”/);
    assert.ok(standInLog.slice(from).includes("/int1.der"), "the Worker fetched it from the stand-in");
    assert.equal(await certificate.inputValue(), leaf, "nothing is added to the field without “Use this”");
    const use = region.getByRole("button", { name: "Use this" });
    assert.ok(await use.evaluate((b) => b === document.activeElement), "focus moves to “Use this”");

    await page.keyboard.press("Enter");
    await page.locator("#chain").getByText("✓ signed by #2").waitFor();
    const bundle = await certificate.inputValue();
    assert.equal(bundle.match(/-----BEGIN CERTIFICATE-----/g).length, 2, bundle);
    assert.deepEqual(
      pkg.validate({ certificate: bundle }).chain.map((c) => c.fingerprintSha256),
      [pkg.validate({ certificate: leaf }).certificate.fingerprintSha256, int1.fingerprintSha256],
    );
    assert.ok(await certificate.evaluate((t) => t === document.activeElement), "focus returns to the field");
    // Nothing is missing any more: the page checks against Mozilla's roots and the proxy's
    // EXTRA_ROOTS (the stand-in's root), so the completed bundle reaches a trusted root.
    await page.locator("#chain-roots").getByText(/^Checked against Mozilla's \d+ trusted roots \(\d{4}-\d\d-\d\d\), and 1 root this proxy's operator added \(EXTRA_ROOTS\)\.$/).waitFor();
    const findings = await findingsText(page);
    assert.doesNotMatch(findings, /ChainIncomplete|ChainUntrusted/, findings);
    await page.locator("#chain").getByText("✓ issued by a trusted root, CN=AIA Test Root").waitFor();
    const done = page.getByRole("region", { name: "Chain completed" });
    assert.match(await done.innerText(), /1 fetched certificate added.*reaches its root, CN=AIA Test Root/s);
    assert.doesNotMatch(await done.innerText(), /still names/);
    assert.equal(await done.getByRole("button").count(), 0, "nothing left to fetch");
    await page.locator("main").screenshot({ path: path.join(shots, "demo-chain-used-1280-light.png") });
    // A leaf that names no caIssuers URL gets no button.
    await certificate.fill(fixture("aia/leaf-none.pem"));
    await page.locator("#findings").getByText(/issued by CN=AIA Test Int 1/).waitFor();
    assert.equal(await page.getByRole("button", { name: "Fetch the missing intermediate" }).count(), 0);
    // The same two certificates pasted by hand: complete as they are, nothing to fetch.
    await certificate.fill(leaf + fixture("aia/int1.pem"));
    await page.locator("#chain").getByText("✓ signed by #2").waitFor();
    assert.doesNotMatch(await findingsText(page), /ChainIncomplete/);
    assert.equal(await page.getByRole("button", { name: "Fetch the missing intermediate" }).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("says in words why nothing was added: not found, not a certificate, a key that did not sign", async () => {
    const { page, context, errors } = await newPage();
    const certificate = page.getByLabel("Certificate", { exact: true });
    const region = page.locator("#chain-fix");
    const fetchButton = region.getByRole("button", { name: "Fetch the missing intermediate" });
    const problems = region.getByRole("list", { name: "Not used" });
    const leaf = fixture("aia/leaf-der.pem");
    try {
      standInOverride.set("/int1.der", { status: 404, type: "text/html", body: "<h1>Not Found</h1>", delay: 1000 });
      await certificate.fill(leaf);
      await fetchButton.click();
      // While it runs: said in the live status line, and the button does not fire twice.
      await region.getByText("Fetching the issuer through the proxy…").waitFor();
      assert.equal(await fetchButton.getAttribute("aria-disabled"), "true");
      assert.equal(await region.locator("[aria-live]").getByText("Fetching").count(), 1);
      await problems.getByText("http://127.0.0.1:18790/int1.der").waitFor();
      assert.match(await problems.innerText(), /int1\.der: .*404/);
      assert.match(await region.innerText(), /Nothing was added/);
      assert.ok(await fetchButton.isVisible(), "the button stays, to try again");

      standInOverride.set("/int1.der", { status: 200, type: "application/pkix-cert", body: "<html>moved</html>" });
      await fetchButton.click();
      await problems.getByText(/is not a certificate/).waitFor();
    } finally {
      standInOverride.clear();
    }
    assert.equal(await certificate.inputValue(), leaf);

    // The impostor has the issuer's name but not its key: refused in words; the real issuer,
    // the leaf's second URL, is what gets added.
    await certificate.fill(fixture("aia/leaf-impostor.pem"));
    await fetchButton.click();
    await region.getByRole("list", { name: "Certificates the proxy fetched and verified" }).getByText("CN=AIA Test Int 1").waitFor();
    assert.match(await problems.innerText(), /impostor\.der.*did not sign/);
    const text = await region.innerText();
    assert.doesNotMatch(text, /TypeError|Exception|undefined|\[object /, text);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("the fetched intermediate at 1280 and 390 px, light and dark: screenshots", async () => {
    for (const colorScheme of ["light", "dark"]) {
      for (const width of [1280, 390]) {
        const { page, context } = await newPage({ width, height: width > 800 ? 900 : 844, colorScheme });
        await page.getByLabel("Certificate", { exact: true }).fill(fixture("aia/leaf-impostor.pem"));
        await page.getByRole("button", { name: "Fetch the missing intermediate" }).click();
        const region = page.getByRole("region", { name: "Missing intermediate" });
        await region.getByRole("button", { name: "Use this" }).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${width}px ${colorScheme}: ${overflow}px of horizontal scroll`);
        await page.screenshot({ path: path.join(shots, `demo-chain-${width}-${colorScheme}.png`), fullPage: true });
        await region.screenshot({ path: path.join(shots, `demo-chain-block-${width}-${colorScheme}.png`) });
        await context.close();
      }
    }
  });

  it("serves the page under a strict Content-Security-Policy, and not its _headers file", async () => {
    const res = await fetch(`${origin}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    assert.notEqual((await fetch(`${origin}/_headers`)).status, 200);
    const wasm = await fetch(`${origin}/pkg/cert_preflight_bg.wasm`);
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
  });

  it("made no request outside its own origin, and stops on SIGTERM", async () => {
    assert.deepEqual(outside, []);
    const exited = new Promise((resolve) => demo.once("exit", resolve));
    demo.kill("SIGTERM");
    const result = await Promise.race([exited.then(() => "exited"), new Promise((r) => setTimeout(() => r("still running"), 10_000))]);
    assert.equal(result, "exited");
    await assert.rejects(fetch(`${origin}/api/health`), "nothing listens after the stop");
  });
});
