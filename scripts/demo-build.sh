#!/usr/bin/env bash
# Puts the built package (pkg/, `make pkg`) where the demo uses it, the way its users get it:
#   worker/node_modules/cert-preflight  the npm tarball of pkg/, installed by name: the Worker imports
#                                       "cert-preflight" and wrangler resolves its `workerd` entry
#   www/pkg/                            that installed package's browser entry (index.js, the glue,
#                                       the .wasm) and its roots export (roots.js, which the page's
#                                       validator loads after the package), served as static assets
# Both are build output (git-ignored). Skipped when pkg/ has not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f pkg/package.json ] || { echo "demo-build: pkg/ is not built: run make pkg" >&2; exit 1; }
stamp=worker/node_modules/.cert-preflight-stamp
sum=$(cat pkg/package.json pkg/*.js pkg/*.wasm | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && [ -f www/pkg/cert_preflight_bg.wasm ] && [ -f www/pkg/roots.js ]; then
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm pack ./pkg --pack-destination "$tmp" --silent >/dev/null
tarball=$(ls "$tmp"/cert-preflight-*.tgz)
(cd worker && npm install --offline --no-save --no-package-lock --ignore-scripts \
  --no-audit --no-fund --loglevel=error "$tarball")

installed=worker/node_modules/cert-preflight
rm -rf www/pkg
mkdir -p www/pkg
cp "$installed"/{index.js,cert_preflight.js,cert_preflight_bg.wasm,roots.js,package.json,LICENSE} www/pkg/
echo "$sum" >"$stamp"
echo "demo-build: cert-preflight@$(node -p 'require("./pkg/package.json").version') in worker/node_modules and www/pkg"
