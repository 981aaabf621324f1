# cert-preflight — one entry point per task. The two a newcomer needs, each doing its own setup:
#   make demo   the page + the Worker proxy + the built-in mock cloud on http://127.0.0.1:8787
#   make test   every test
CARGO ?= cargo
JOBS  ?= -j2

.PHONY: test setup setup-pkg fmt-check lint unit nostd bench bench-js bench-cold bench-hostile demo

test: setup fmt-check lint unit nostd lint-wasm test-browser test-node test-npm test-consumers test-workerd test-worker test-demo test-cli

# Rust pieces, wasm-bindgen-cli, wasm-pack, Chromium/ChromeDriver and the npm dev tools (idempotent).
setup:
	@scripts/setup.sh --web

# What building the package and running the demo need: no browser, no wasm-pack (idempotent).
setup-pkg:
	@scripts/setup.sh --pkg

# The page, the Worker proxy and its mock cloud under `wrangler dev` (offline; Ctrl-C stops it).
demo: pkg
	@scripts/demo.sh

fmt-check:
	$(CARGO) fmt --all -- --check

# Clippy on everything; and the fuzz targets (their own workspace, run with nightly cargo-fuzz)
# must keep compiling.
lint:
	$(CARGO) clippy $(JOBS) --all-targets -- -D warnings
	$(CARGO) check $(JOBS) --manifest-path fuzz/Cargo.toml --bins --target-dir target

unit:
	$(CARGO) test $(JOBS)

# The core is no_std + alloc: build it for a target that has no std.
nostd:
	$(CARGO) build $(JOBS) --lib --no-default-features --features pkcs12 --target thumbv7em-none-eabihf

# Median time per validate() call on representative fixtures (release build); see docs/PERFORMANCE.md.
bench:
	$(CARGO) bench $(JOBS) --bench validate

# The built package against node-forge, @peculiar/x509 and pkijs (pinned devDependencies): speed,
# fixture-corpus correctness and gzip size, as Markdown (docs/PERFORMANCE.md "Compared with other libraries").
bench-js: pkg
	node benches/js/compare.mjs

# Time to the first validate() result from a cold start: fresh Node processes against `node -e 0`,
# fresh Chromium pages loading the browser entry (docs/PERFORMANCE.md, "Cold start").
bench-cold: pkg
	node benches/js/coldstart.mjs

# The worst input of each hostile-caller class: time per answer and wasm memory (docs/PERFORMANCE.md table).
bench-hostile: pkg
	node benches/js/hostile.mjs

# ---- The npm package (pkg/) and its tests in Chromium, Node and workerd ----------------------------
.PHONY: pkg size lint-wasm test-browser test-node test-npm test-workerd test-worker test-demo

NODE_BIN := $(CURDIR)/node_modules/.bin
PKG_INPUTS := Cargo.toml Cargo.lock .cargo/config.toml package-lock.json $(shell find src -name '*.rs') \
              $(wildcard pkg-template/*) scripts/build-pkg.sh scripts/size.sh
# The command line and the mock it serves are copied into pkg/ too (scripts/build-pkg.sh).
PKG_INPUTS += $(wildcard bin/*.js bin/lib/*.js) worker/src/aia.js worker/src/mock/cloud.js worker/src/mock/signatures.js

# pkg/: wasm-bindgen --target web output + pkg-template/, smallest-gzip .wasm (scripts/build-pkg.sh).
pkg: pkg/package.json
pkg/package.json: $(PKG_INPUTS) | setup-pkg
	scripts/build-pkg.sh

# Raw / gzip -9 / brotli bytes of what a browser downloads, with and without wasm-opt.
size: pkg
	@scripts/size.sh

# Clippy on the wasm binding (src/wasm.rs, compiled on wasm32 only) and the wasm tests.
lint-wasm:
	$(CARGO) clippy $(JOBS) --target wasm32-unknown-unknown --lib --tests -- -D warnings

# wasm-bindgen-test cases (tests/wasm_cases/, the fixture corpus through the binding included) in
# headless Chromium: the plain command anyone types (chromedriver from PATH, /usr/bin);
# webdriver.json keeps Chromium offline. counted.sh fails if it ran fewer tests than it should.
test-browser:
	PATH="$(NODE_BIN):$$PATH" scripts/counted.sh 36 wasm-pack test --headless --chrome -- $(JOBS)

# The same cases in Node.
test-node:
	PATH="$(NODE_BIN):$$PATH" scripts/counted.sh 36 wasm-pack test --node -- $(JOBS)

# The built package, npm-packed and installed by name: fixture corpus and API in Node, browser entry in Chromium.
test-npm: pkg
	node --test tests/js/package.test.mjs tests/js/request.test.mjs tests/js/hostile.test.mjs tests/js/browser.test.mjs tests/js/chain.test.mjs

# The package where frontends live: installed from its tarball into apps built with Vite (build and
# dev server), webpack, Rollup and esbuild and run in Chromium; Node ESM/CJS consumers on this Node
# and Node 20.18; tsc --strict on the READMEs' examples; the Web Worker race with a slow .wasm.
test-consumers: setup pkg
	node --test tests/js/consumers.test.mjs

# The package's workerd entry on workerd, through the Miniflare API (offline, 127.0.0.1).
test-workerd: pkg
	node --test tests/js/workerd.test.mjs

# ---- The Worker (worker/) and the demo page (www/) ----------------------------------------------

# The Worker as wrangler bundles it, on workerd through Miniflare (mock mode, live mode against a
# local stand-in, limits, origin, secrets in the output), and the mock cloud's signature verifiers
# against the official SDK vectors.
test-worker: pkg
	node --test tests/js/mock.test.mjs tests/js/aia.test.mjs tests/js/worker.test.mjs

# The demo as `make demo` serves it (wrangler dev on 127.0.0.1), driven by Playwright in Chromium;
# screenshots in target/screenshots/.
test-demo: pkg
	node --test tests/js/demo.test.mjs

# ---- The command line (bin/, `npx cert-preflight`) -------------------------------------------------
.PHONY: test-cli bench-cli

# The installed bin from the packed tarball: every command, exit code and --json shape, uploads to
# `cert-preflight mock` and to the Worker's mock on workerd, credentials files, a real TTY, SIGPIPE,
# network faults, the docs' hook recipes as written, no secret in any output (docs/CLI.md).
test-cli: pkg
	node --test tests/js/cli.test.mjs

# Wall time of the installed bin: `check` on one pair (Node start included) and `scan` of 1,000 pairs
# (docs/PERFORMANCE.md, "Command line").
bench-cli: pkg
	node benches/js/cli.mjs
