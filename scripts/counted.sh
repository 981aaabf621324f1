#!/usr/bin/env bash
# counted.sh MIN command...: runs the command and fails unless it passed at least MIN tests, so a
# test command that silently runs nothing ("no tests to run!", exit 0) cannot pass for green.
# Counts libtest/wasm-bindgen-test "test result: ok. N passed" lines and node:test "# pass N".
set -euo pipefail
min=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$@" 2>&1 | tee "$log" || status=$?
[ "$status" -eq 0 ] || exit "$status"
passed=$(
  { grep -oE 'test result: ok\. [0-9]+ passed' "$log" | grep -oE '[0-9]+' || true
    grep -oE '^# pass [0-9]+' "$log" | grep -oE '[0-9]+' || true
  } | awk '{ s += $1 } END { print s + 0 }'
)
if [ "$passed" -lt "$min" ]; then
  echo "counted.sh: only $passed tests passed, expected at least $min: $*" >&2
  exit 1
fi
echo "counted.sh: $passed tests passed (at least $min expected)"
