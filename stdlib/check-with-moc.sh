#!/usr/bin/env bash
#! Installs the npm package motoko@3.9.7 into a temporary folder outside the
#! repository (reused between runs through MINIMO_MOC_DIR, if set) and runs
#! check-with-moc.js with it. A developer tool: CI does not run it, and it never
#! installs anything inside the repository.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${MINIMO_MOC_DIR:-${TMPDIR:-/tmp}/minimo-moc-3.9.7}"
if [ ! -f "$dir/node_modules/motoko/package.json" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund motoko@3.9.7 >/dev/null)
fi
NODE_PATH="$dir/node_modules" exec node "$here/check-with-moc.js" "$@"
