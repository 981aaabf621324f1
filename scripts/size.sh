#!/usr/bin/env bash
# Prints what a browser downloads from the package in pkg/ (the .wasm, the wasm-bindgen glue and the
# browser entry): raw, gzip -9 and brotli (quality 11) bytes, for each .wasm variant scripts/build-pkg.sh
# made (without wasm-opt, and with each wasm-opt level), marking the one the package ships.
#   scripts/size.sh             a table for the terminal (`make size`, which builds pkg/ first)
#   scripts/size.sh --markdown  the same as a Markdown table (build-pkg.sh puts it in pkg/README.md)
# Budget (issue 3): ≤ 200 KB gzip, aim ≤ 150 KB.
set -euo pipefail
cd "$(dirname "$0")/.."

stage=target/pkg-build
if [ ! -f "$stage/chosen" ] || [ ! -f pkg/cert_preflight.js ]; then
  echo "size: no build yet: run make pkg" >&2
  exit 1
fi

node - "${1:-}" "$stage" <<'EOF'
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { execFileSync } = require("node:child_process");
const [mode, stage] = process.argv.slice(2);

// gzip -9 as the command does it (falls back to zlib level 9 where there is no gzip binary).
const gzip = (file) => {
  try {
    return execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 1 << 28 }).length;
  } catch {
    return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
};
const brotli = (file) => {
  const b = fs.readFileSync(file);
  return zlib.brotliCompressSync(b, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length,
    },
  }).length;
};
const measure = (file) => ({ raw: fs.statSync(file).size, gzip: gzip(file), brotli: brotli(file) });
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

const chosen = fs.readFileSync(path.join(stage, "chosen"), "utf8").trim();
const js = ["pkg/cert_preflight.js", "pkg/index.js"].map((f) => [path.basename(f), measure(f)]);
const jsTotal = js.map(([, m]) => m).reduce(add);
const variants = fs
  .readdirSync(path.join(stage, "variants"))
  .filter((f) => f.endsWith(".wasm"))
  .sort()
  .map((f) => {
    const name = path.basename(f, ".wasm");
    const wasm = measure(path.join(stage, "variants", f));
    return { name, label: name === "none" ? "no wasm-opt" : name.replace("wasm-opt", "wasm-opt ").replaceAll(",", " "), wasm, total: add(wasm, jsTotal) };
  });
const shipped = variants.find((v) => v.name === chosen);
const kb = (n) => (n / 1024).toFixed(1);

const rows = [
  ...js.map(([name, m]) => [name, m]),
  ...variants.map((v) => [`cert_preflight_bg.wasm, ${v.label}${v.name === chosen ? " (shipped)" : ""}`, v.wasm]),
  ...variants.map((v) => [`total, ${v.label}${v.name === chosen ? " (shipped)" : ""}`, v.total]),
];
if (mode === "--markdown") {
  const out = ["| file | raw | gzip -9 | brotli |", "|---|---:|---:|---:|"];
  for (const [name, m] of rows) out.push(`| ${name} | ${kb(m.raw)} KiB | ${kb(m.gzip)} KiB | ${kb(m.brotli)} KiB |`);
  out.push("", "Produced by `make size` (scripts/size.sh).");
  console.log(out.join("\n"));
} else {
  const w = Math.max(...rows.map(([n]) => n.length));
  const col = (s) => String(s).padStart(12);
  console.log(`${"what a browser downloads".padEnd(w)}${col("raw")}${col("gzip -9")}${col("brotli")}   (bytes)`);
  for (const [name, m] of rows) console.log(`${name.padEnd(w)}${col(m.raw)}${col(m.gzip)}${col(m.brotli)}`);
  const budget = 200 * 1024, aim = 150 * 1024;
  const verdict = shipped.total.gzip <= aim ? "within the aim (150 KiB)" : shipped.total.gzip <= budget ? "within the budget (200 KiB), above the aim (150 KiB)" : "OVER the budget (200 KiB)";
  console.log(`\nshipped total gzip -9: ${kb(shipped.total.gzip)} KiB — ${verdict}`);
}
EOF
