#!/usr/bin/env bash
# The state directory under concurrent use, measured as issue reports measured it: REPS
# repetitions (default 10) of two loops of CALLS (default 50) `minimo call counter inc`, each
# call its own process, the two loops side by side on one canister in a fresh state directory.
# Each repetition prints the final count (2 x CALLS when no update is lost), whether the state
# still loads (`minimo status`), the wall time, the failed commands and how many calls said they
# were waiting for the lock. Then the same with a third loop beside the calls upgrading the
# canister UPGRADES times (default 5) to the same code. Exits 1 if any count is wrong.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
reps=${REPS:-10}
calls=${CALLS:-50}
upgrades=${UPGRADES:-5}
# The binary wherever cargo puts it (CARGO_TARGET_DIR included), unless MINIMO names one.
minimo=${MINIMO:-$(cargo build --quiet -p minimo-cli --bin minimo --message-format=json |
  sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wrong=0

calls_loop() {
  local state=$1 log=$2
  for ((i = 0; i < calls; i++)); do
    MINIMO_STATE=$state "$minimo" call counter inc >/dev/null 2>>"$log" || echo failed >>"$log.failed"
  done
}

upgrade_loop() {
  local state=$1 log=$2
  for ((i = 0; i < upgrades; i++)); do
    MINIMO_STATE=$state "$minimo" upgrade counter examples/counter/counter.mo >/dev/null 2>>"$log" ||
      echo failed >>"$log.failed"
  done
}

repetition() {
  local form=$1 rep=$2
  local state=$work/$form-$rep
  local log=$state.log
  : >"$log"
  MINIMO_STATE=$state "$minimo" deploy examples/counter/counter.mo --name counter >/dev/null
  local started_ns
  started_ns=$(date +%s%N)
  calls_loop "$state" "$log" &
  local first=$!
  calls_loop "$state" "$log" &
  local second=$!
  if [[ $form == upgrades ]]; then
    upgrade_loop "$state" "$log"
  fi
  wait "$first" "$second"
  local elapsed_ms=$((($(date +%s%N) - started_ns) / 1000000))
  local loaded=yes count=?
  MINIMO_STATE=$state "$minimo" status counter >/dev/null 2>&1 || loaded=no
  # One more call tells the count: its reply is the count plus one.
  local reply
  if reply=$(MINIMO_STATE=$state "$minimo" call counter inc 2>/dev/null); then
    count=$(($(sed 's/^(\([0-9]*\) : nat)$/\1/' <<<"$reply") - 1))
  fi
  local failed=0 waits
  [[ -f $log.failed ]] && failed=$(wc -l <"$log.failed")
  waits=$(grep -c '^waiting for' "$log" || true)
  [[ $count == "$((2 * calls))" && $loaded == yes ]] || wrong=$((wrong + 1))
  printf '%-9s %3d  %5s  %-6s %6d.%03d s  %6d  %6d\n' "$form" "$rep" "$count" "$loaded" \
    $((elapsed_ms / 1000)) $((elapsed_ms % 1000)) "$failed" "$waits"
}

echo "binary: $minimo"
echo "2 x $calls concurrent calls, $reps repetitions; with upgrades: $upgrades upgrades beside them"
printf '%-9s %3s  %5s  %-6s %12s  %6s  %6s\n' form rep count loads wall failed waited
for form in calls upgrades; do
  for ((rep = 1; rep <= reps; rep++)); do
    repetition "$form" "$rep"
  done
done
if ((wrong > 0)); then
  echo "$wrong repetitions lost updates or state"
  exit 1
fi
echo "every repetition counted $((2 * calls)) and its state loaded"
