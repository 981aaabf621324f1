# cert-preflight — one entry point per task. `make test` runs every test (and installs what it needs).
CARGO ?= cargo
JOBS  ?= -j2

.PHONY: test setup fmt-check lint unit nostd bench

test: setup fmt-check lint unit nostd

setup:
	@scripts/setup.sh

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
