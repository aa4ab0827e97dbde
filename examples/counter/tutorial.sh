#!/usr/bin/env bash
# The counter tutorial: deploy, call, upgrade, call again, each step a separate process,
# with the canister kept in a fresh local state directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
cargo build --quiet -p minimo-cli
# The binary is wherever cargo puts it (CARGO_TARGET_DIR, a config file), so ask cargo.
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
minimo=$target/debug/minimo
export MINIMO_STATE=$(mktemp -d)
trap 'rm -rf "$MINIMO_STATE"' EXIT
run() { echo "\$ minimo $*"; "$minimo" "$@"; }
run deploy examples/counter/counter.mo --name counter
run call counter inc
run call counter inc
run call counter inc
run upgrade counter examples/counter/counter_v2.mo
run call counter inc
run call counter inc
