#!/usr/bin/env bash
# The Registry tutorial of the upgrade chapter: the same names registered in the plain Registry
# and in StableRegistry, then both upgraded. The plain one forgets them, the stable one keeps
# them. Each step is a separate process; the canisters live in a fresh local state directory.
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
run run examples/registry/registry.mo
for canister in registry_actor stable_registry; do
  run deploy "examples/registry/$canister.mo" --name "$canister"
  run call "$canister" register '("alice")'
  run call "$canister" register '("bob")'
  run call "$canister" lookup '("bob")'
  run upgrade "$canister" "examples/registry/$canister.mo"
  run call "$canister" lookup '("alice")'
  run call "$canister" lookup '("bob")'
done
