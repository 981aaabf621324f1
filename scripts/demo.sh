#!/usr/bin/env bash
# `make demo`: the page, the Worker proxy and its built-in mock cloud on http://127.0.0.1:8787 (or
# $DEMO_PORT), served by `wrangler dev` on workerd. Offline: no account, no login, no telemetry.
# With worker/.dev.vars holding cloud credentials (see README) the proxy runs live instead.
# DEMO_AIA_ALLOW_PRIVATE=1 lets /api/chain fetch caIssuers URLs on loopback and private hosts
# (AIA_ALLOW_PRIVATE=1, for the Playwright test's stand-in server); plain `make demo` refuses them.
# DEMO_EXTRA_ROOTS=<PEM file> adds its roots to Mozilla's (EXTRA_ROOTS: an internal PKI's root,
# or the test's), for the page and the proxy alike.
# Stops on Ctrl-C or SIGTERM (wrangler is exec'd, so the signal reaches it directly).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/demo-build.sh
port=${DEMO_PORT:-8787}
# No outside network from wrangler: no metrics, no Request.cf fetch, no update banner (TOOLCHAIN.md).
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true
export WRANGLER_LOG_PATH="$PWD/target/wrangler-logs"
mode=mock
if [ -f worker/.dev.vars ] && grep -qE '^(ALIBABA_CLOUD_ACCESS_KEY_ID|TENCENTCLOUD_SECRET_ID)=.' worker/.dev.vars; then
  mode=live
fi
vars=()
if [ "${DEMO_AIA_ALLOW_PRIVATE:-}" = 1 ]; then
  vars=(--var AIA_ALLOW_PRIVATE:1)
  echo "cert-preflight demo: AIA_ALLOW_PRIVATE=1, /api/chain fetches from loopback and private hosts"
fi
if [ -n "${DEMO_EXTRA_ROOTS:-}" ]; then
  vars+=(--var "EXTRA_ROOTS:$(cat "$DEMO_EXTRA_ROOTS")")
  echo "cert-preflight demo: EXTRA_ROOTS from $DEMO_EXTRA_ROOTS, trusted besides Mozilla's roots"
fi
echo "cert-preflight demo ($mode mode): http://127.0.0.1:$port  (Ctrl-C stops it)"
cd worker
exec ../node_modules/.bin/wrangler dev --ip 127.0.0.1 --port "$port" --show-interactive-dev-session=false \
  --log-level "${WRANGLER_LOG_LEVEL:-info}" "${vars[@]}"
