#!/usr/bin/env bash
# Builds and runs minimo's cargo-fuzz targets, and prints what each run did.
#
#   fuzz/run.sh seeds                 write the seed corpora (fuzz/seeds/<target>/) from the repository
#   fuzz/run.sh build                 build every target
#   fuzz/run.sh run TARGET SECONDS    fuzz one target for SECONDS (seeds and build first)
#   fuzz/run.sh all SECONDS           fuzz every target in turn, SECONDS each, then a summary
#   fuzz/run.sh summary               the figures of the last runs (fuzz/runs/<target>.log)
#
# Targets: source, signatures, arguments, drun. Each run is one libFuzzer process in fork mode
# with one worker (-fork=1), so it uses one core and goes on after a crash or a timeout,
# keeping every one in fuzz/artifacts/<target>/. The corpus grows in fuzz/corpus/<target>/.
# Environment: FUZZ_TIMEOUT (seconds per input, default 10), FUZZ_RSS_MB (default 4096),
# FUZZ_NO_BUILD=1 (run the targets as last built, e.g. while editing the sources).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$here"
targets=(source signatures arguments drun)

# The targets need nightly and cargo-fuzz; install cargo-fuzz when it is missing.
ensure_cargo_fuzz() {
  if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
  fi
}

# Rust is memory safe here (unsafe code is forbidden in the workspace), so the targets are built
# without a sanitizer: panics, aborts, timeouts and memory blow-ups are what they look for, and
# the runs go several times faster. Debug assertions (overflow checks) stay on.
build_flags=(--sanitizer none --debug-assertions --release --codegen-units 16)

build() {
  ensure_cargo_fuzz
  cargo +nightly fuzz build "${build_flags[@]}" "$@"
}

# Seed corpora from the repository's own inputs; rewritten on every call, never committed.
seeds() {
  rm -rf seeds
  mkdir -p seeds/source seeds/signatures seeds/arguments seeds/drun
  local n=0 file
  while IFS= read -r file; do
    n=$((n + 1))
    cp "$file" "seeds/source/$n.mo"
    # Bytes of any kind steer the argument target's choices; program text will do.
    head -c 600 "$file" >"seeds/arguments/$n"
  done < <(find "$root/compiler/tests/programs" "$root/examples" "$root/stdlib/base" \
             "$root/cli/tests/upgrade" -name '*.mo' | sort)
  # Signature pairs: old and new of each compatibility case, and each file with itself.
  local case old new
  for case in "$root"/cli/tests/compat/*/; do
    for ext in most did; do
      old="$case/old.$ext"
      new="$case/new.$ext"
      [ -f "$old" ] && [ -f "$new" ] || continue
      { cat "$old"; printf '\0'; cat "$new"; } >"seeds/signatures/$(basename "$case").$ext"
      { cat "$new"; printf '\0'; cat "$new"; } >"seeds/signatures/$(basename "$case").self.$ext"
    done
  done
  # The signatures of the programs that build, as `minimo build` writes them.
  local built
  built="$(mktemp -d)"
  if (cd "$root" && cargo build -q -p minimo-cli); then
    local minimo="${CARGO_TARGET_DIR:-$root/target}/debug/minimo"
    for file in "$root"/examples/*/*.mo "$root"/compiler/tests/programs/check/*.mo; do
      local stem
      stem="$(basename "$(dirname "$file")")_$(basename "$file" .mo)"
      if "$minimo" build "$file" -o "$built/$stem.wasm" 2>/dev/null; then
        for ext in most did; do
          { cat "$built/$stem.$ext"; printf '\0'; cat "$built/$stem.$ext"; } \
            >"seeds/signatures/built_$stem.$ext"
        done
      fi
    done
  fi
  rm -rf "$built"
  # drun scripts, naming their programs as `<case>/<file>` (how the target serves them), with
  # each choice of upgrade checks as the first byte.
  local script flags
  for script in "$root"/cli/tests/upgrade/*/script.drun "$root"/examples/counter/counter.drun; do
    case="$(basename "$(dirname "$script")")"
    [[ "$script" == */examples/* ]] && case=tutorial
    for flags in 0 1 2; do
      { printf "\\x0$flags"
        if [ "$case" = tutorial ]; then cat "$script"
        else sed -E "s# (v[0-9]+\\.mo) # $case/\\1 #" "$script"; fi
      } >"seeds/drun/$case.$flags"
    done
  done
  echo "seeds: $(for t in "${targets[@]}"; do printf '%s %s  ' "$t" "$(ls "seeds/$t" | wc -l)"; done)"
}

dict_of() {
  case "$1" in
    source) echo motoko.dict ;;
    signatures) echo signatures.dict ;;
    drun) echo drun.dict ;;
    *) echo "" ;;
  esac
}

run() {
  local target="$1" seconds="$2"
  mkdir -p "corpus/$target" "artifacts/$target" runs
  local dict extra=()
  dict="$(dict_of "$target")"
  [ -n "$dict" ] && extra+=("-dict=$here/$dict")
  echo "fuzzing $target for ${seconds}s (log: fuzz/runs/$target.log)"
  local flags=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1
    -max_total_time="$seconds" -max_len=4096 -timeout="${FUZZ_TIMEOUT:-10}"
    -rss_limit_mb="${FUZZ_RSS_MB:-4096}" -print_final_stats=1 "${extra[@]}")
  # Fork mode ends with the status of the last crash it saw; the figures are what counts.
  if [ "${FUZZ_NO_BUILD:-}" = 1 ]; then
    # The binary as last built, so that edits made while a long run goes on do not rebuild it.
    "target/x86_64-unknown-linux-gnu/release/$target" -artifact_prefix="artifacts/$target/" \
      "${flags[@]}" "corpus/$target" "seeds/$target" >"runs/$target.log" 2>&1 || true
  else
    cargo +nightly fuzz run "${build_flags[@]}" "$target" "corpus/$target" "seeds/$target" -- \
      "${flags[@]}" >"runs/$target.log" 2>&1 || true
  fi
  summary_of "$target"
}

# One line per target: inputs executed, corpus size, crashes, timeouts and out-of-memory inputs.
summary_of() {
  local target="$1" log="runs/$1.log" execs="?"
  if [ -f "$log" ]; then
    # Fork mode's status lines start with `#<inputs executed>:`.
    execs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)"
    execs="${execs:-?}"
  fi
  local corpus crashes timeouts ooms
  corpus="$(find "corpus/$target" -type f 2>/dev/null | wc -l)"
  crashes="$(find "artifacts/$target" -name 'crash-*' 2>/dev/null | wc -l)"
  timeouts="$(find "artifacts/$target" -name 'timeout-*' 2>/dev/null | wc -l)"
  ooms="$(find "artifacts/$target" -name 'oom-*' 2>/dev/null | wc -l)"
  printf '%-11s inputs executed %-10s corpus %-6s crashes %-4s timeouts %-4s out of memory %s\n' \
    "$target" "$execs" "$corpus" "$crashes" "$timeouts" "$ooms"
}

case "${1:-}" in
  seeds) seeds ;;
  build) shift; build "$@" ;;
  run)
    [ $# -eq 3 ] || { echo "usage: fuzz/run.sh run TARGET SECONDS" >&2; exit 2; }
    [ -d seeds ] || seeds
    [ "${FUZZ_NO_BUILD:-}" = 1 ] || build "$2"
    run "$2" "$3"
    ;;
  all)
    [ $# -eq 2 ] || { echo "usage: fuzz/run.sh all SECONDS" >&2; exit 2; }
    seeds
    [ "${FUZZ_NO_BUILD:-}" = 1 ] || build
    for target in "${targets[@]}"; do run "$target" "$2"; done
    echo "summary:"
    for target in "${targets[@]}"; do summary_of "$target"; done
    ;;
  summary) for target in "${targets[@]}"; do summary_of "$target"; done ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
