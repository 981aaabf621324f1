# cert-preflight — one entry point per task. `make test` runs every test (and installs what it needs).
CARGO ?= cargo
JOBS  ?= -j2

.PHONY: test setup fmt-check lint unit nostd bench bench-js

test: setup fmt-check lint unit nostd lint-wasm test-browser test-node test-npm test-workerd

# Rust pieces, wasm-bindgen-cli, wasm-pack, Chromium/ChromeDriver and the npm dev tools (idempotent).
setup:
	@scripts/setup.sh --web

fmt-check:
	$(CARGO) fmt --all -- --check

lint:
	$(CARGO) clippy $(JOBS) --all-targets -- -D warnings

unit:
	$(CARGO) test $(JOBS)

# The core is no_std + alloc: build it for a target that has no std.
nostd:
	$(CARGO) build $(JOBS) --lib --no-default-features --target thumbv7em-none-eabihf

# Median time per validate() call on representative fixtures (release build); see README.
bench:
	$(CARGO) bench $(JOBS) --bench validate

# The built package against node-forge, @peculiar/x509 and pkijs (pinned devDependencies): speed,
# fixture-corpus correctness and gzip size, as Markdown (README "Compared with other libraries").
bench-js: pkg
	node benches/js/compare.mjs

# ---- The npm package (pkg/) and its tests in Chromium, Node and workerd ----------------------------
.PHONY: pkg size lint-wasm test-browser test-node test-npm test-workerd

NODE_BIN := $(CURDIR)/node_modules/.bin
PKG_INPUTS := Cargo.toml Cargo.lock .cargo/config.toml package-lock.json $(shell find src -name '*.rs') \
              $(wildcard pkg-template/*) scripts/build-pkg.sh scripts/size.sh

# pkg/: wasm-bindgen --target web output + pkg-template/, smallest-gzip .wasm (scripts/build-pkg.sh).
pkg: pkg/package.json
pkg/package.json: $(PKG_INPUTS) | setup
	scripts/build-pkg.sh

# Raw / gzip -9 / brotli bytes of what a browser downloads, with and without wasm-opt.
size: pkg
	@scripts/size.sh

# Clippy on the wasm binding (src/wasm.rs exists only with the `wasm` feature) and the wasm tests.
lint-wasm:
	$(CARGO) clippy $(JOBS) --target wasm32-unknown-unknown --features wasm --lib --test browser --test node -- -D warnings

# wasm-bindgen-test cases (tests/wasm_cases/) in headless Chromium; webdriver.json keeps it offline.
test-browser:
	PATH="$(NODE_BIN):$$PATH" wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver -- $(JOBS) --features wasm --test browser

# The same cases in Node.
test-node:
	PATH="$(NODE_BIN):$$PATH" wasm-pack test --node -- $(JOBS) --features wasm --test node

# The built package, npm-packed and installed by name: fixture corpus and API in Node, browser entry in Chromium.
test-npm: pkg
	node --test tests/js/package.test.mjs tests/js/request.test.mjs tests/js/browser.test.mjs

# The package's workerd entry on workerd, through the Miniflare API (offline, 127.0.0.1).
test-workerd: pkg
	node --test tests/js/workerd.test.mjs
