#!/usr/bin/env bash
# The README's test command: installs what it needs, builds everything and runs every test —
# the C++ suite (unit, CLI and install/consumer tests), then the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer, then the Python suite when the bindings are present.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${PROPOS_JOBS:-2}"
export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
# Paths relative to the checkout in ccache's keys: the Python build (build/python-test) reuses the
# library objects of the C++ build (build/ci) instead of compiling them again.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"

scripts/install-deps.sh

# Optimized, with line tables only (-g1: enough for a failure's stack trace; full -g took 37% more
# compile time, measured on a clean build). scripts/test-python.sh builds the library with the
# same flags, so ccache serves its objects.
export PROPOS_CI_RELWITHDEBINFO_FLAGS="${PROPOS_CI_RELWITHDEBINFO_FLAGS:--O2 -g1 -DNDEBUG}"

echo "== C++ build and tests (RelWithDebInfo, $PROPOS_CI_RELWITHDEBINFO_FLAGS) =="
cmake -S . -B build/ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROPOS_BUILD_BENCH=ON -DPROPOS_WERROR=ON \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$PROPOS_CI_RELWITHDEBINFO_FLAGS"
cmake --build build/ci -j"$JOBS"
ctest --test-dir build/ci -j"$JOBS" --output-on-failure

# The webhook front door under load (issue 23): bounded, loopback only, < 60 s.
echo "== Webhook server load test (short) =="
python3 scripts/loadtest-webhooks.py --short

echo "== C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer =="
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPROPOS_SANITIZE=address,undefined -DPROPOS_WERROR=ON \
      -DPROPOS_BUILD_BENCH=OFF
cmake --build build/asan -j"$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan -j"$JOBS" --output-on-failure

if [ -f pyproject.toml ]; then
  echo "== Python package and tests =="
  scripts/test-python.sh
fi
echo "All test suites passed."
