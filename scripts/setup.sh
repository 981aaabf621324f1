#!/usr/bin/env bash
# Installs everything `make test` needs, idempotently: each step is skipped when its tool is already
# there at the right version, so a second run takes seconds. Versions: ../shared/TOOLCHAIN.md.
#   scripts/setup.sh          Rust pieces only (native tests, no-std build)
#   scripts/setup.sh --pkg    also what building the npm package and running the demo need:
#                             the wasm target, wasm-bindgen-cli and the npm dev tools (wasm-opt, wrangler)
#   scripts/setup.sh --web    --pkg, plus wasm-pack and Chromium/ChromeDriver (browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

web=0 pkg=0
case "${1:-}" in
  --web) web=1 pkg=1 ;;
  --pkg) pkg=1 ;;
esac

need_target() {
  rustup target list --installed 2>/dev/null | grep -qx "$1" || rustup target add "$1"
}
need_component() {
  rustup component list --installed 2>/dev/null | grep -q "^$1" || rustup component add "$1"
}

need_component clippy
need_component rustfmt
# The openssl CLI is tests/algorithms.rs's oracle for public keys (Debian's package).
if ! command -v openssl >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq openssl >/dev/null
fi
# The core must build where there is no std at all (SPEC.md, Non-negotiables).
need_target thumbv7em-none-eabihf

[ "$pkg" = 1 ] || exit 0

need_target wasm32-unknown-unknown
# The shipped .wasm is built by the nightly toolchain with std rebuilt and panics as an immediate
# abort (scripts/build-pkg.sh: −18 KiB gzip, no panic message machinery): its std sources.
rustup toolchain list 2>/dev/null | grep -q "^nightly" || rustup toolchain install nightly --profile minimal
rustup component list --installed --toolchain nightly 2>/dev/null | grep -q "^rust-src" ||
  rustup component add rust-src --toolchain nightly

# Chromium + ChromeDriver from Debian (the only browser installable here).
if [ "$web" = 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# A CJK font, so the page in zh-CN and the providers' Chinese messages render in the screenshots and
# the Playwright test as a user in China sees them (Debian's Chromium has none: TOOLCHAIN.md).
if [ "$web" = 1 ] && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  cargo install -j2 wasm-bindgen-cli --version "$want"   # no --locked: it fails here (TOOLCHAIN.md)
fi
if [ "$web" = 1 ]; then command -v wasm-pack >/dev/null || cargo install -j2 wasm-pack --locked; fi

# npm dev tools (wasm-opt, Playwright driver, wrangler, Miniflare/workerd), pinned in package-lock.json.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The consumer apps' bundlers, TypeScript and Node 20.18 (tests/consumers, make test-consumers).
if [ "$web" = 1 ] && { [ ! -d tests/consumers/node_modules ] ||
  [ tests/consumers/package-lock.json -nt tests/consumers/node_modules/.package-lock.json ]; }; then
  npm ci --prefix tests/consumers --no-audit --no-fund --loglevel=error
fi
