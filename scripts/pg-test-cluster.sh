#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (issue 18), from Debian's postgresql package:
#
#   eval "$(scripts/pg-test-cluster.sh start)"   # prints the exports below, leaves the server running
#   ... PROPOS_TEST_PG_URL=postgresql://propos@127.0.0.1:PORT/propos_test ...
#   scripts/pg-test-cluster.sh stop "$PROPOS_TEST_PG_DIR"
#
# initdb in a fresh temporary directory, a free port on 127.0.0.1 only, trust authentication on
# loopback, a role `propos` that is not a superuser (so row-level security applies to it, as to a
# production role) owning the database `propos_test`. As root (CI) the server runs as the
# `postgres` user, since PostgreSQL refuses to run as root. fsync is off: the cluster is thrown
# away; benchmarks use a durable cluster of their own (scripts/pg-bench.sh).
set -euo pipefail

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  echo "pg-test-cluster: no PostgreSQL server found under /usr/lib/postgresql (scripts/install-deps.sh installs it)" >&2
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin dir port extra="${1:-}"
  bin=$(bindir)
  dir=$(mktemp -d /tmp/propos-pg.XXXXXX)
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; return 1; }
  local tries
  for tries in 1 2 3; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 $extra" \
         start >"$dir/pg_ctl.log" 2>&1; then
      break
    fi
    port=""
  done
  if [ -z "$port" ]; then
    echo "pg-test-cluster: the server did not start; its log:" >&2
    cat "$dir/server.log" >&2 || true
    return 1
  fi
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE propos LOGIN" -c "CREATE DATABASE propos_test OWNER propos" >/dev/null
  echo "export PROPOS_TEST_PG_URL='postgresql://propos@127.0.0.1:$port/propos_test'"
  echo "export PROPOS_TEST_PG_ADMIN_URL='postgresql://postgres@127.0.0.1:$port/propos_test'"
  echo "export PROPOS_TEST_PG_DIR='$dir'"
}

stop() {
  local dir="${1:-${PROPOS_TEST_PG_DIR:-}}" bin
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  bin=$(bindir)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start [extra server options] | stop [DIR]" >&2; exit 2 ;;
esac
