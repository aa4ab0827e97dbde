#!/usr/bin/env bash
# Times minimo on pathological input at several sizes: constructs nested up to a million
# levels deep, files with tens of thousands of errors, long chains of definitions and of
# declarations, and `.most` and `.did` files nested that deep. Prints one line per run: the
# input, its size, the command, the exit status and the wall-clock seconds (and the peak
# memory when GNU time is installed). The inputs are generated in a temporary folder and
# removed afterwards; nothing is compared against a threshold: read the figures.
#
# Usage: bench/pathological.sh [SIZES...]    (default: 1000 10000 100000 1000000)
# The binary is built in the debug profile, as the targets are stated for it; set MINIMO to
# time another one.
set -u

repo=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${MINIMO:-}" ]; then
  (cd "$repo" && cargo build --quiet -p minimo-cli) || exit 2
  MINIMO="${CARGO_TARGET_DIR:-$repo/target}/debug/minimo"
fi
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000 1000000)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# `repeat TEXT N`: TEXT written N times.
repeat() { yes -- "$1" | head -n "$2" | tr -d '\n'; }

gnu_time=""
if /usr/bin/time -f "%M" true >/dev/null 2>&1; then gnu_time=/usr/bin/time; fi

printf '%-22s %9s  %-18s %4s %9s %10s\n' input size command exit seconds peak_KiB

# `run NAME SIZE COMMAND ARGS...`: times one run of minimo.
run() {
  local name=$1 size=$2
  shift 2
  local start end status peak="-"
  start=$(date +%s.%N)
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -f "%M" -o "$work/peak" "$MINIMO" "$@" >/dev/null 2>"$work/stderr"
    status=$?
    peak=$(tail -n 1 "$work/peak")
  else
    "$MINIMO" "$@" >/dev/null 2>"$work/stderr"
    status=$?
  fi
  end=$(date +%s.%N)
  printf '%-22s %9s  %-18s %4s %9s %10s\n' "$name" "$size" "$1" "$status" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')" "$peak"
}

mo() { printf '%s' "$2" >"$work/$1.mo"; echo "$work/$1.mo"; }

for n in "${sizes[@]}"; do
  run sum "$n" check "$(mo sum "let x = 1$(repeat '+1' "$n");")"
  run do_block "$n" check "$(mo do "let x = $(repeat 'do {' "$n")1$(repeat '}' "$n");")"
  run negation "$n" check "$(mo neg "let x : Int = $(repeat '- ' "$n")1;")"
  run field_access "$n" check "$(mo dot "let a = {b = 1}; let x = a$(repeat '.b' "$n");")"
  run call "$n" check "$(mo call "func f() : Any { f }; let x = f$(repeat '()' "$n");")"
  run array "$n" check "$(mo array "let x = $(repeat '[' "$n")1$(repeat ']' "$n");")"
  run parentheses "$n" check "$(mo parens "let x = $(repeat '(' "$n")1$(repeat ')' "$n");")"
  run tuple "$n" check "$(mo tuple "let x = $(repeat '(1, ' "$n")1$(repeat ')' "$n");")"
  run if_else "$n" check "$(mo ifelse "let c = true; let x = $(repeat 'if c 1 else ' "$n")0;")"
  run option_type "$n" check "$(mo opttype "type T = $(repeat '?' "$n")Nat;")"
  run record_type "$n" check "$(mo rectype "type T = $(repeat '{a : ' "$n")Nat$(repeat '}' "$n");")"

  most="$work/deep.most"
  printf '// Version: 1.0.0\nactor {\n  stable var x : %s\n};\n' \
    "$(repeat '{a : ' "$n")Nat$(repeat '}' "$n")" >"$most"
  run most_record "$n" stable-compatible "$most" "$most"
  printf '// Version: 1.0.0\nactor {\n  stable var x : %s\n};\n' "$(repeat '?' "$n")Nat" >"$most"
  run most_option "$n" stable-compatible "$most" "$most"

  did="$work/deep.did"
  printf 'type t = %s;\nservice : { get : () -> (t) query }\n' \
    "$(repeat 'record { a : ' "$n")nat$(repeat ' }' "$n")" >"$did"
  run did_record "$n" candid-compatible "$did" "$did"
  printf 'type t = %s;\nservice : { get : () -> (t) query }\n' "$(repeat 'opt ' "$n")nat" >"$did"
  run did_option "$n" candid-compatible "$did" "$did"
done

# Many errors and warnings, long chains: sizes up to a hundred thousand lines.
for n in "${sizes[@]}"; do
  [ "$n" -gt 100000 ] && continue
  seq 1 "$n" | sed 's/.*/let x& : Nat = "a";/' >"$work/errors.mo"
  run type_errors "$n" check "$work/errors.mo"
  { echo 'actor {'; seq 1 "$n" | sed 's/.*/  let x& = 1;/'; echo '}'; } >"$work/warnings.mo"
  run unused_warnings "$n" check "$work/warnings.mo"
  { echo 'type T0 = Nat;'; seq 1 "$n" | awk '{ print "type T" $1 " = ?T" $1 - 1 ";" }'; } \
    >"$work/aliases.mo"
  run alias_chain "$n" check "$work/aliases.mo"
  { echo 'let x0 = 1;'; seq 1 "$n" | awk '{ print "let x" $1 " = ?x" $1 - 1 ";" }'; } \
    >"$work/decls.mo"
  run declaration_chain "$n" check "$work/decls.mo"
  { echo '// Version: 1.0.0'; echo 'type T0 = Nat;'
    seq 1 "$n" | awk '{ print "type T" $1 " = ?T" $1 - 1 ";" }'
    printf 'actor {\n  stable var x : T%s\n};\n' "$n"; } >"$work/chain.most"
  run most_chain "$n" stable-compatible "$work/chain.most" "$work/chain.most"
  { echo 'type t0 = nat;'; seq 1 "$n" | awk '{ print "type t" $1 " = opt t" $1 - 1 ";" }'
    printf 'service : { get : () -> (t%s) query }\n' "$n"; } >"$work/chain.did"
  run did_chain "$n" candid-compatible "$work/chain.did" "$work/chain.did"
done

# Fixed reproducers: definitions that used to make the checker loop.
run expansive_type 1 check "$(mo expansive 'type L<T> = ?(T, L<L<T>>);')"
run cyclic_bounds 1 check "$(mo bounds 'func f<A <: B, B <: A>(a : A) : B { a };')"
run doubling_decls 60 check \
  "$(mo double "let x0 = 1; $(seq 1 60 | awk '{ printf "let x%d = (x%d, x%d); ", $1, $1 - 1, $1 - 1 }')")"

# Types that unfold exponentially: doubling definitions and a pair applied inside itself,
# built (the back end unfolds definitions; the checker refuses these before it does).
doubling_types() {
  echo 'actor {'; echo '  type D0 = Nat;'
  seq 1 "$1" | awk '{ print "  type D" $1 " = (D" $1 - 1 ", D" $1 - 1 ");" }'
  printf '  public query func f(d : D%s) : async D%s { d };\n}\n' "$1" "$1"
}
for n in 10 15 30; do
  doubling_types "$n" >"$work/doubling.mo"
  run doubling_types "$n" build "$work/doubling.mo" -o "$work/doubling.wasm"
done
run nested_pairs 30 build "$(mo pairs "actor { type P<T> = (T, T); public query func f(p : \
$(repeat 'P<' 30)Nat$(repeat '>' 30)) : async () {} }")" -o "$work/pairs.wasm"
