// `make bench-cli`: wall time of the INSTALLED command (pkg/ packed, the tarball installed into a
// temporary project, node_modules/.bin/cert-preflight run as a user runs it), Node start included:
//   check      one RSA-2048 pair (chain of 3) for aliyun-slb; target <= 150 ms on this machine
//              (with the default --roots mozilla: 117 roots parsed once per run), and the same with
//              --roots none, the cost of the root set
//   --version  the command without the core (Node start + argument parsing)
//   node -e 0  Node alone, for reference
//   scan       1,000 certbot live dirs (500 RSA-2048 and 500 ECDSA P-256 chains of 3); target <= 10 s
// Medians of CLI_RUNS runs (default 15; scan: CLI_SCAN_RUNS, default 3), interleaved. Prints Markdown
// for docs/PERFORMANCE.md ("Command line"). A benchmark, not a test.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { installPackage, fixtures } from "../../tests/js/helpers.mjs";

const RUNS = Number(process.env.CLI_RUNS ?? 15);
const SCAN_RUNS = Number(process.env.CLI_SCAN_RUNS ?? 3);
const PAIRS = 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const inst = installPackage();
const bin = path.join(inst.dir, "node_modules/.bin/cert-preflight");
const env = { PATH: process.env.PATH, HOME: inst.dir };
const wall = (file, args, okCodes = [0]) => {
  const t = process.hrtime.bigint();
  try {
    execFileSync(file, args, { stdio: "ignore", env, cwd: inst.dir });
  } catch (e) {
    if (!okCodes.includes(e.status)) throw e;
  }
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const cert = path.join(fixtures, "rsa/2048/fullchain.pem");
const key = path.join(fixtures, "rsa/2048/key.pem");
const check = [];
const checkNoRoots = [];
const version = [];
const bare = [];
wall(bin, ["check", cert, key]); // warm the page cache
for (let i = 0; i < RUNS; i++) {
  bare.push(wall(process.execPath, ["-e", "0"]));
  version.push(wall(bin, ["--version"]));
  check.push(wall(bin, ["check", cert, key, "--provider", "aliyun-slb", "--region", "cn-hangzhou"]));
  checkNoRoots.push(wall(bin, ["check", cert, key, "--provider", "aliyun-slb", "--region", "cn-hangzhou", "--roots", "none"]));
}

const live = mkdtempSync(path.join(os.tmpdir(), "cert-preflight-bench-scan-"));
for (let i = 0; i < PAIRS; i++) {
  const dir = path.join(live, `site${String(i).padStart(4, "0")}.example`);
  mkdirSync(dir);
  const [c, k] = i % 2 ? ["ec/p256/fullchain.pem", "ec/p256/key.pkcs8.pem"] : ["rsa/2048/fullchain.pem", "rsa/2048/key.pem"];
  copyFileSync(path.join(fixtures, c), path.join(dir, "fullchain.pem"));
  copyFileSync(path.join(fixtures, k), path.join(dir, "privkey.pem"));
}
const lines = execFileSync(bin, ["scan", live], { env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trimEnd().split("\n");
if (lines.length !== PAIRS) throw new Error(`scan printed ${lines.length} lines for ${PAIRS} pairs`);
const scan = [];
for (let i = 0; i < SCAN_RUNS; i++) scan.push(wall(bin, ["scan", live]));
rmSync(live, { recursive: true, force: true });
inst.cleanup();

const ms = (x) => `${x.toFixed(0)} ms`;
const date = new Date().toISOString().slice(0, 10);
const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
const load = os.loadavg()[0].toFixed(1);
console.log(`Installed bin, ${date}, Node ${process.version}, ${os.cpus().length} × ${cpu}, load ${load} (medians of ${RUNS} runs; scan: ${SCAN_RUNS}):\n`);
console.log("| command | wall time | target |");
console.log("|---|---:|---:|");
console.log(`| \`cert-preflight check\` one RSA-2048 pair (chain of 3), aliyun-slb (default \`--roots mozilla\`) | ${ms(median(check))} | ≤ 150 ms |`);
console.log(`| the same with \`--roots none\` (no root set parsed) | ${ms(median(checkNoRoots))} | |`);
console.log(`| \`cert-preflight --version\` (no core loaded) | ${ms(median(version))} | |`);
console.log(`| \`node -e 0\` (Node alone) | ${ms(median(bare))} | |`);
console.log(`| \`cert-preflight scan\` of ${PAIRS.toLocaleString("en")} certbot dirs (RSA-2048 and P-256 chains of 3) | ${(median(scan) / 1000).toFixed(2)} s (${(median(scan) / PAIRS).toFixed(2)} ms per pair) | ≤ 10 s |`);
