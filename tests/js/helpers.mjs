// Shared by the tests in tests/js/: the BUILT package (pkg/, from `make pkg`) is packed with `npm pack`
// and installed from the tarball into a fresh temporary project, exactly as a user would get it, and
// imported there by its name. Nothing here touches the network (`npm install --offline` of a tarball
// with no dependencies).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const fixtures = path.join(repo, "tests/fixtures");
export const manifest = JSON.parse(readFileSync(path.join(fixtures, "manifest.json"), "utf8"));

/** The text of a fixture named by a manifest path (`null` → `undefined`). */
export function fixture(rel) {
  return rel == null ? undefined : readFileSync(path.join(fixtures, rel), "utf8");
}

function npm(args, cwd) {
  return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
}

/**
 * Packs pkg/ and installs the tarball into a new temporary project. Returns `{ dir, tarball,
 * packageDir, cleanup }`; `dir` has a package.json (`type: module`) and node_modules/cert-preflight.
 */
export function installPackage() {
  const pkgDir = path.join(repo, "pkg");
  if (!existsSync(path.join(pkgDir, "package.json"))) {
    throw new Error("pkg/ is not built: run `make pkg` first");
  }
  const tmp = mkdtempSync(path.join(tmpdir(), "cert-preflight-npm-"));
  const [packed] = JSON.parse(npm(["pack", pkgDir, "--pack-destination", tmp, "--json"], tmp));
  const tarball = path.join(tmp, packed.filename);
  const dir = path.join(tmp, "consumer");
  execFileSync("mkdir", ["-p", dir]);
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2),
  );
  npm(["install", "--offline", "--ignore-scripts", "--no-package-lock", tarball], dir);
  return {
    dir,
    tarball,
    packed,
    packageDir: path.join(dir, "node_modules", "cert-preflight"),
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/**
 * Imports the installed package BY NAME from inside the consumer project (a bare specifier resolves
 * from the importing file, so the import has to live there): `{ main, manual, wasmUrl }`.
 */
export async function importByName(dir) {
  const probe = path.join(dir, "probe.mjs");
  writeFileSync(
    probe,
    [
      'import * as main from "cert-preflight";',
      'import * as manual from "cert-preflight/manual";',
      'export const wasmUrl = import.meta.resolve("cert-preflight/cert_preflight_bg.wasm");',
      'export const mainUrl = import.meta.resolve("cert-preflight");',
      "export { main, manual };",
      "",
    ].join("\n"),
  );
  return import(pathToFileURL(probe).href);
}

/** Runs an ES module snippet in a fresh Node process inside `dir`; returns its stdout. */
export function runModule(dir, code, nodeArgs = []) {
  return execFileSync(process.execPath, [...nodeArgs, "--input-type=module", "-e", code], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The set of finding kinds of a list given as findings or as bare kind names. */
export function kinds(list) {
  return new Set((list ?? []).map((f) => (typeof f === "string" ? f : f.kind)));
}

/**
 * Compares a report with a manifest case the way tests/corpus.rs does: chain facts field by field,
 * key facts, expected error/warning kinds as sets and the openssl match verdict. Returns the list of
 * disagreements (empty when it agrees).
 */
export function disagreements(testCase, report) {
  const fail = [];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const wantChain = testCase.facts?.chain ?? [];
  if (wantChain.length) {
    if (report.chain.length !== wantChain.length) {
      fail.push(`chain has ${report.chain.length} certificates, openssl says ${wantChain.length}`);
    }
    wantChain.forEach((want, i) => {
      for (const [field, value] of Object.entries(want)) {
        const have = report.chain[i]?.[field];
        if (!same(have, value)) fail.push(`chain[${i}].${field}: got ${JSON.stringify(have)}, openssl ${JSON.stringify(value)}`);
      }
    });
    if (!same(report.certificate, report.chain[0] ?? null)) fail.push("certificate is not chain[0]");
  }
  const wantKey = testCase.facts?.privateKey;
  if (wantKey != null) {
    for (const [field, value] of Object.entries(wantKey)) {
      const have = report.privateKey?.[field];
      if (!same(have, value)) fail.push(`privateKey.${field}: got ${JSON.stringify(have)}, openssl ${JSON.stringify(value)}`);
    }
  }
  const sorted = (s) => [...s].sort().join(",");
  for (const list of ["errors", "warnings"]) {
    const want = kinds(testCase.expect?.[list]);
    const got = kinds(report[list]);
    if (sorted(want) !== sorted(got)) {
      const detail = report[list].map((f) => `${f.kind}: ${f.detail ?? ""}`).join("; ");
      fail.push(`${list} [${sorted(got)}], expected [${sorted(want)}] — ${detail}`);
    }
  }
  const mismatch = kinds(report.errors).has("CertificateMismatch") || kinds(report.warnings).has("CertificateMismatch");
  if (testCase.facts?.keyMatchesLeaf === false && !mismatch) {
    fail.push("openssl says the key does not match the leaf, validate found no CertificateMismatch");
  }
  if (testCase.facts?.keyConsistent === false && !mismatch) {
    fail.push("openssl says the key is inconsistent, validate found no CertificateMismatch");
  }
  if (report.ok !== (report.errors.length === 0)) fail.push("ok disagrees with errors");
  return fail;
}

/**
 * `server.listen(port, "127.0.0.1")`, retried while the port is in use for up to `waitMs`: the AIA
 * fixtures' port (18790) is fixed, and another test file's stand-in (`node --test` runs files in
 * parallel processes) may still hold it. Resolves with the port listened on.
 */
export async function listenRetrying(server, port, waitMs = 30_000) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolve(server.address().port);
        });
      });
    } catch (e) {
      if (e.code !== "EADDRINUSE" || Date.now() >= deadline) {
        throw new Error(`cannot listen on 127.0.0.1:${port}: ${e.code}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
