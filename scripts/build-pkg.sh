#!/usr/bin/env bash
# Assembles the npm package in pkg/ (SPEC.md "JavaScript API", STYLE.md §8). `make pkg` runs it.
#
#   1. cargo builds the cdylib for wasm32, binding included (release profile: opt-level z, LTO), with
#      the nightly toolchain rebuilding std with panics as an immediate abort (`-Zbuild-std`,
#      `panic = "immediate-abort"`): the panic formatting and location machinery of core/std, never
#      reached with panic = "abort" anyway (a panic ends the instance either way), is 18 KiB gzip of
#      the module; `-Zlocation-detail=none` leaves out the file, line and column of `#[track_caller]`
#      locations, which nothing reads once a panic aborts (35 source paths, 1 KiB gzip); std's
#      `optimize_for_size` feature picks its smaller implementations of the same functions (the
#      stable sorts, integer formatting, ...: 2.1 KiB gzip). Its own
#      target dir (target/nightly). The tests build with stable; the package tests (make test-npm,
#      test-consumers, test-workerd, test-demo, test-cli) run this build.
#   2. wasm-bindgen --target web writes the glue (cert_preflight.js/.d.ts) and the .wasm; the glue is
#      used as generated, never patched. Every #[wasm_bindgen] export flows through the entries
#      (they `export *` from the glue), so a new export needs no change here or in pkg-template/.
#   3. wasm-opt (npm binaryen, never Debian's) at each level in $WASM_OPT_LEVELS; the .wasm kept is
#      the one with the smallest gzip -9 size, with or without wasm-opt (it has made gzip larger).
#      --gufa-optimizing (whole-module flow analysis: values that can reach each place) took
#      0.3 KiB gzip off; it replaced -Os --skip-pass=inlining-optimizing without --converge,
#      never the smallest.
#   4. pkg-template/ is copied over it; the version is stamped from Cargo.toml and the size table
#      (scripts/size.sh) is written into the README.
#
# Env: WASM_OPT_LEVELS (space-separated variants, commas join the flags of one; empty: no
#      wasm-opt at all; default: the four below), CARGO_BUILD_JOBS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$PATH" # npm binaryen's wasm-opt first

levels=${WASM_OPT_LEVELS--O1 -Oz -Os,--skip-pass=inlining-optimizing,--converge -Os,--skip-pass=inlining-optimizing,--converge,--gufa-optimizing}
stage=target/pkg-build
out=pkg
target_dir=${CARGO_TARGET_DIR:-target}/nightly
lib=$target_dir/wasm32-unknown-unknown/release/cert_preflight.wasm

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "build-pkg: wasm-bindgen $want is needed (Cargo.lock), found '${have:-none}': run scripts/setup.sh --web" >&2
  exit 1
fi
if [ -n "$levels" ] && ! wasm-opt --version 2>/dev/null | grep -q "version 1[2-9][0-9]"; then
  echo "build-pkg: npm binaryen's wasm-opt is not in node_modules/.bin: run scripts/setup.sh --web" >&2
  exit 1
fi

if ! cargo +nightly --version >/dev/null 2>&1 ||
  ! rustup component list --installed --toolchain nightly 2>/dev/null | grep -q "^rust-src"; then
  echo "build-pkg: the nightly toolchain with rust-src is needed: run scripts/setup.sh --pkg" >&2
  exit 1
fi
echo "build-pkg: cargo +nightly build (wasm32, release, std rebuilt, panic = immediate-abort)"
cargo +nightly build -j"${CARGO_BUILD_JOBS:-2}" --release --lib --target wasm32-unknown-unknown \
  --no-default-features --features std,pkcs12 \
  --target-dir "$target_dir" -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
  -Zpanic-immediate-abort \
  --config 'profile.release.panic="immediate-abort"' \
  --config 'target.wasm32-unknown-unknown.rustflags=["-Zlocation-detail=none"]'

rm -rf "$stage"
mkdir -p "$stage/bindgen" "$stage/variants"
wasm-bindgen --target web --remove-name-section --remove-producers-section \
  --out-dir "$stage/bindgen" "$lib"
cp "$stage/bindgen/cert_preflight_bg.wasm" "$stage/variants/none.wasm"

# The features rustc enabled for wasm32 (wasm-opt refuses the module without them).
features="--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int
  --enable-mutable-globals --enable-reference-types --enable-multivalue"
pids=()
for level in $levels; do
  # shellcheck disable=SC2086
  wasm-opt $features ${level//,/ } --strip-debug --strip-producers \
    "$stage/variants/none.wasm" -o "$stage/variants/wasm-opt$level.wasm" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

best="" best_gz=""
for f in "$stage/variants/"*.wasm; do
  gz=$(gzip -9 -c "$f" | wc -c)
  if [ -z "$best_gz" ] || [ "$gz" -lt "$best_gz" ]; then best=$f best_gz=$gz; fi
done
chosen=$(basename "$best" .wasm)
echo "$chosen" >"$stage/chosen"
echo "build-pkg: keeping the .wasm built with ${chosen/none/no wasm-opt} (gzip -9: $best_gz bytes)"

rm -rf "$out"
mkdir -p "$out"
cp "$stage/bindgen/cert_preflight.js" "$stage/bindgen/cert_preflight.d.ts" "$out/"
cp "$best" "$out/cert_preflight_bg.wasm"
cp -R pkg-template/. "$out/"

# The command line (bin/, `npx cert-preflight`) and the Worker's mock cloud it serves with
# `cert-preflight mock`: worker/src/mock/ is copied as it is, so the Worker and the CLI run the same
# module (one source; the package's mock/ is build output).
cp -R bin "$out/bin"
chmod +x "$out/bin/cert-preflight.js"
mkdir -p "$out/mock"
cp worker/src/mock/cloud.js worker/src/mock/signatures.js "$out/mock/"
cp worker/src/aia.js "$out/bin/lib/aia.js" # --complete-chain's fetch loop and guards, the Worker's own

# The CommonJS entry (node.cjs, for `require` on Node < 20.19) needs the glue as CommonJS: esbuild
# converts the ES module as it is (no bundling). Its default-init path, the only use of
# import.meta.url, is never taken there (node.cjs calls initSync with the bytes).
node_modules/.bin/esbuild "$out/cert_preflight.js" --format=cjs --platform=node --log-level=warning \
  --log-override:empty-import-meta=silent --outfile="$out/cert_preflight.cjs"
node scripts/cjs-types.cjs "$out"

version=$(cargo metadata --no-deps --format-version 1 --offline |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="cert-preflight");console.log(p.version)})')
node - "$out/package.json" "$version" <<'EOF'
const fs = require("node:fs");
const [file, version] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
pkg.version = version;
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
EOF

table=$(scripts/size.sh --markdown)
node - "$out/README.md" "$table" <<'EOF'
const fs = require("node:fs");
const [file, table] = process.argv.slice(2);
const marker = "<!-- sizes: replaced by scripts/build-pkg.sh -->";
const text = fs.readFileSync(file, "utf8");
if (!text.includes(marker)) throw new Error(`${file}: no size marker`);
fs.writeFileSync(file, text.replace(marker, table));
EOF

# Every file the package lists must exist (a missing one would silently drop out of `npm pack`).
node - "$out" <<'EOF'
const fs = require("node:fs");
const path = require("node:path");
const dir = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
const missing = pkg.files.filter((f) => !fs.existsSync(path.join(dir, f)));
if (missing.length) throw new Error(`pkg/: listed in "files" but missing: ${missing.join(", ")}`);
// ...and every file of the command line and its mock must be listed (npm would leave it out).
const walk = (d) => fs.readdirSync(path.join(dir, d), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(`${d}/${e.name}`) : [`${d}/${e.name}`]));
const unlisted = [...walk("bin"), ...walk("mock")].filter((f) => !pkg.files.includes(f));
if (unlisted.length) throw new Error(`pkg-template/package.json "files" lacks: ${unlisted.join(", ")}`);
EOF
echo "build-pkg: $out/ is cert-preflight@$version"
