#!/usr/bin/env bash
# Installs what `make test` needs, idempotently: fast when everything is already there.
set -euo pipefail

need_target() {
  rustup target list --installed 2>/dev/null | grep -qx "$1" || rustup target add "$1"
}
need_component() {
  rustup component list --installed 2>/dev/null | grep -q "^$1" || rustup component add "$1"
}

need_component clippy
need_component rustfmt
# The core must build where there is no std at all (SPEC.md, Non-negotiables).
need_target thumbv7em-none-eabihf
