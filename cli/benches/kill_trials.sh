#!/usr/bin/env bash
# Commands killed at a random instant (kill -9) never lose or corrupt a state. TRIALS trials
# (default 200) on one counter canister in a fresh state directory; each starts one command in
# the background and kills it after a random delay of 0 to MAX_MS milliseconds (default 60, about the time a call takes):
# most are `minimo call counter inc`, every fifth an upgrade to the same code, every seventh the
# first deploy of a new canister. After each kill:
#   - the state directory loads (`minimo status counter` succeeds);
#   - the counter kept its value: the next `inc` replies the last value seen + 1, or + 2 when
#     the killed command was a call that committed before it died;
#   - a canister whose first deploy was killed is either absent or whole.
# Prints one line per kind of trial (trials, commits that landed where that can be told,
# states lost) and exits 1 if
# any state was lost or corrupt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
trials=${TRIALS:-200}
max_ms=${MAX_MS:-60}
# The binary wherever cargo puts it (CARGO_TARGET_DIR included), unless MINIMO names one.
minimo=${MINIMO:-$(cargo build --quiet -p minimo-cli --bin minimo --message-format=json |
  sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)}
export MINIMO_STATE=$(mktemp -d)
trap 'rm -rf "$MINIMO_STATE"' EXIT
program=examples/counter/counter.mo

# Candid text writes large numbers with `_` between groups of digits: `(1_000 : nat)`.
count_of() { sed -n 's/^(\([0-9_]*\) : nat)$/\1/p' | tr -d _; }

"$minimo" deploy "$program" --name counter >/dev/null 2>&1
last=$("$minimo" call counter inc 2>/dev/null | count_of)
declare -A runs=() landed=() lost=()
for kind in call upgrade deploy; do runs[$kind]=0; landed[$kind]=0; lost[$kind]=0; done

for ((trial = 1; trial <= trials; trial++)); do
  if ((trial % 7 == 0)); then
    kind=deploy
    "$minimo" deploy "$program" --name "fresh$trial" >/dev/null 2>&1 &
  elif ((trial % 5 == 0)); then
    kind=upgrade
    "$minimo" upgrade counter "$program" >/dev/null 2>&1 &
  else
    kind=call
    "$minimo" call counter inc >/dev/null 2>&1 &
  fi
  pid=$!
  sleep "$(printf '0.%03d' $((RANDOM % (max_ms + 1))))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  runs[$kind]=$((runs[$kind] + 1))

  ok=yes
  "$minimo" status counter >/dev/null 2>&1 || ok=no
  next=$("$minimo" call counter inc 2>/dev/null | count_of || true)
  if [ "$kind" = call ] && [ "$next" = $((last + 2)) ]; then
    landed[$kind]=$((landed[$kind] + 1))
  elif [ "$next" != $((last + 1)) ]; then
    ok=no
  fi
  if [ "$kind" = deploy ]; then
    status=0
    "$minimo" status "fresh$trial" >/dev/null 2>&1 || status=$?
    # 0: whole; 1: no such canister (the deploy never committed); 2: a corrupt state.
    case $status in
      0) landed[$kind]=$((landed[$kind] + 1)) ;;
      1) ;;
      *) ok=no ;;
    esac
  fi
  if [ "$ok" = no ]; then
    lost[$kind]=$((lost[$kind] + 1))
    echo "trial $trial ($kind): state lost or corrupt (last $last, next '${next}')" >&2
  fi
  [ -n "$next" ] && last=$next
done

printf '%-8s %7s %8s %6s\n' kind trials landed lost
failed=0
for kind in call upgrade deploy; do
  # An upgrade to the same code keeps the count whether it committed or not: nothing to tell.
  shown=${landed[$kind]}
  [ "$kind" = upgrade ] && shown=-
  printf '%-8s %7s %8s %6s\n' "$kind" "${runs[$kind]}" "$shown" "${lost[$kind]}"
  failed=$((failed + lost[$kind]))
done
leftovers=$(find "$MINIMO_STATE/canisters" -name '*.tmp' | wc -l)
# A killed save may leave its temporary file; the next save removes it, so only the last
# trials' can remain.
echo "temporary files left at the end: $leftovers"
if ((failed > 0)); then exit 1; fi
echo "no state lost in $trials trials"
