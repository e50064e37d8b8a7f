#!/usr/bin/env bash
# The README's main-job command: installs what it needs, builds the propos app and runs `propos demo`
# offline on the embedded defaults. Extra arguments go to `propos demo` (e.g. --db PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${PROPOS_JOBS:-2}"
export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
scripts/install-deps.sh >&2
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DPROPOS_BUILD_TESTS=OFF \
      -DPROPOS_BUILD_BENCH=OFF >&2
cmake --build build/release -j"$JOBS" --target propos_cli >&2
exec build/release/examples/propos/propos demo "$@"
