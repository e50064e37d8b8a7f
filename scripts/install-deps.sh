#!/usr/bin/env bash
# Installs every Debian 12 package that PropOS's build, tests, benchmarks and examples need.
# Idempotent: when everything is already present it returns in well under a second without apt.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  libsqlitecpp-dev libsqlite3-dev sqlite3 nlohmann-json3-dev libspdlog-dev libfmt-dev
  libcurl4-openssl-dev libssl-dev libhnswlib-dev pybind11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libvalijson-dev libcpp-httplib-dev libmicrohttpd-dev libcli11-dev libhowardhinnant-date-dev
  libgmime-3.0-dev libfaiss-dev
  python3 python3-dev python3-venv python3-pip
  postgresql libpq-dev
  libstemmer-dev libicu-dev   # the in-memory store's keyword search (propos/testing, issue 18)
  clang-15 libfuzzer-15-dev   # the sanitizer build; scripts/fuzz.sh: libFuzzer targets with ASan + UBSan (issue 19)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
