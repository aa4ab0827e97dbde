#!/usr/bin/env bash
# Refreshes this copy of the conformance corpus from the project's shared corpus, which lives
# beside the repository (../shared/conformance) in the team's checkout but not in a clone on
# its own. The tests read only this copy, so a clone passes its tests with nothing beside it.
#
#   bash tests/conformance/refresh.sh [SHARED_CORPUS_DIR]
#
# Replaces the four case folders and oracle-version.json, then prints what changed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source=${1:-$here/../../../shared/conformance}
if [ ! -f "$source/oracle-version.json" ]; then
  echo "refresh.sh: no shared conformance corpus at $source (pass its folder as the argument)" >&2
  exit 2
fi
source=$(cd "$source" && pwd)
for suite in check signature compat run; do
  rm -rf "${here:?}/$suite"
  cp -R "$source/$suite" "$here/$suite"
done
cp "$source/oracle-version.json" "$here/oracle-version.json"
cd "$here"
git status --short -- . | sed 's/^/changed: /' || true
echo "refreshed $(find check signature compat run -type f | wc -l | tr -d ' ') files from $source"
