#!/usr/bin/env bash
# libFuzzer targets for every parser of outside input (fuzz/fuzz_*.cpp, issue 19).
#
#   scripts/fuzz.sh --list             one target per line
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#                                      build (clang, ASan + UBSan + libFuzzer, in build/fuzz) and run
#                                      each target (default: all) for SECONDS (default 60)
#
# Each target starts from its seeds (fuzz/corpus/<target>/, never written to) plus the corpus it grew
# before (build/fuzz/corpus/<target>/). A crash, leak, sanitizer report, timeout or out-of-memory
# stops that target, keeps the input in build/fuzz/crashes/<target>/ and makes the script exit 1
# after the remaining targets ran; replay one with `build/fuzz/fuzz/<target> <file>`.
# A summary line per target (seconds, executions, corpus size, result) goes to stdout and to
# build/fuzz/summary.txt.
#
# Environment: PROPOS_FUZZ_JOBS targets run at once (default 2), PROPOS_FUZZ_BUILD_DIR (default
# build/fuzz), PROPOS_FUZZ_CXX (default clang++-15), PROPOS_FUZZ_OPT_FLAGS (default
# "-O1 -gline-tables-only"; the test command uses -O0, which compiles in a third of the time),
# PROPOS_FUZZ_NO_BUILD=1 to use the targets as built.
set -euo pipefail
cd "$(dirname "$0")/.."

list_targets() {
  for f in fuzz/fuzz_*.cpp; do basename "$f" .cpp; done
}

if [ "${1:-}" = "--list" ]; then
  list_targets
  exit 0
fi
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

SECONDS_EACH=60
if [ $# -gt 0 ]; then
  if ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
    echo "fuzz.sh: error: SECONDS must be a positive whole number, not '$1' (see --help)" >&2
    exit 2
  fi
  SECONDS_EACH=$1
  shift
fi
ALL=$(list_targets)
TARGETS=()
if [ $# -gt 0 ]; then
  for t in "$@"; do
    if ! grep -qx -- "$t" <<<"$ALL"; then
      echo "fuzz.sh: error: unknown target '$t' (scripts/fuzz.sh --list names them)" >&2
      exit 2
    fi
    TARGETS+=("$t")
  done
else
  mapfile -t TARGETS <<<"$ALL"
fi

BUILD_DIR="${PROPOS_FUZZ_BUILD_DIR:-build/fuzz}"
CXX_FUZZ="${PROPOS_FUZZ_CXX:-clang++-15}"
JOBS="${PROPOS_FUZZ_JOBS:-${PROPOS_JOBS:-2}}"

if [ "${PROPOS_FUZZ_NO_BUILD:-0}" != 1 ]; then
  if ! command -v "$CXX_FUZZ" >/dev/null; then
    echo "fuzz.sh: error: $CXX_FUZZ not found: run scripts/install-deps.sh (clang-15, libfuzzer-15-dev)" >&2
    exit 1
  fi
  export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
  # Optimized a little (libFuzzer's usual -O1), line tables for the reports, assertions on.
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_CXX_COMPILER="$CXX_FUZZ" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=${PROPOS_FUZZ_OPT_FLAGS:--O1 -gline-tables-only}" -DPROPOS_BUILD_FUZZ=ON -DPROPOS_WERROR=ON -DPROPOS_PRECOMPILE_HEADERS=ON \
        -DPROPOS_BUILD_TESTS=OFF -DPROPOS_BUILD_EXAMPLES=OFF -DPROPOS_BUILD_BENCH=OFF -DPROPOS_INSTALL=OFF \
        -DPROPOS_WITH_POSTGRES=OFF \
        >"$BUILD_DIR.configure.log" 2>&1 || { cat "$BUILD_DIR.configure.log" >&2; exit 1; }
  cmake --build "$BUILD_DIR" -j"$JOBS" --target "${TARGETS[@]}"
fi

for t in "${TARGETS[@]}"; do
  if [ ! -x "$BUILD_DIR/fuzz/$t" ]; then
    echo "fuzz.sh: error: $BUILD_DIR/fuzz/$t is not built (configure with -DPROPOS_BUILD_FUZZ=ON, or run" \
         "without PROPOS_FUZZ_NO_BUILD)" >&2
    exit 1
  fi
done
mkdir -p "$BUILD_DIR/corpus" "$BUILD_DIR/crashes" "$BUILD_DIR/logs"
SUMMARY="$BUILD_DIR/summary.txt"
: >"$SUMMARY"

# Sanitizer reports end the run (libFuzzer keeps the input); leaks count as crashes.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# Function names and lines in the reports.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer-15 >/dev/null; then
  export ASAN_SYMBOLIZER_PATH="$(command -v llvm-symbolizer-15)"
elif [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer >/dev/null; then
  export ASAN_SYMBOLIZER_PATH="$(command -v llvm-symbolizer)"
fi

run_one() {
  local t=$1
  local bin="$BUILD_DIR/fuzz/$t" corpus="$BUILD_DIR/corpus/$t" crashes="$BUILD_DIR/crashes/$t"
  local log="$BUILD_DIR/logs/$t.log"
  mkdir -p "$corpus" "$crashes"
  local seeds=()
  [ -d "fuzz/corpus/$t" ] && seeds=("fuzz/corpus/$t")
  local rc=0
  # -timeout: one input taking longer than 10 s is a finding (a hang); -rss_limit_mb likewise.
  "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
         -artifact_prefix="$crashes/" "$corpus" "${seeds[@]}" >"$log" 2>&1 || rc=$?
  local execs size
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  local result="ok"
  if [ "$rc" -ne 0 ]; then
    result="CRASH (exit $rc): $(ls -t "$crashes" 2>/dev/null | head -1 | sed "s|^|$crashes/|") log $log"
  fi
  printf '%-24s %5ss %10s execs %6s corpus  %s\n' "$t" "$SECONDS_EACH" "${execs:-?}" "$size" "$result" | tee -a "$SUMMARY"
  [ "$rc" -eq 0 ]
}

echo "fuzz.sh: ${#TARGETS[@]} target(s), ${SECONDS_EACH}s each, $JOBS at a time"
failed=0
running=0
for t in "${TARGETS[@]}"; do
  if [ "$running" -ge "$JOBS" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz.sh: a target failed; the inputs are kept under $BUILD_DIR/crashes/ (see $SUMMARY)" >&2
  exit 1
fi
echo "fuzz.sh: no crash"
