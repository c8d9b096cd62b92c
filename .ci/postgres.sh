#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the SQL store tests on 127.0.0.1:55432 and exports TEST_DATABASE_URL.
#
# Usage: `source .ci/postgres.sh` (exports the variable into the calling shell) or
# `bash .ci/postgres.sh` (prints the export line to copy). Idempotent: a second run finds the
# server up and only prints the URL. Installs PostgreSQL with apt-get when no binaries are found.
# Settings (environment): PG_CI_DIR (cluster directory, default /tmp/sync2-ci-postgres),
# PG_CI_PORT (default 55432), PG_CI_DB (default sync2_test).
# The cluster runs with fsync off: it is for tests only and is thrown away.

_pgci_main() {
  local dir="${PG_CI_DIR:-/tmp/sync2-ci-postgres}"
  local port="${PG_CI_PORT:-55432}"
  local db="${PG_CI_DB:-sync2_test}"
  local bin owner

  bin="$(_pgci_find_bin)" || {
    echo "postgres.sh: installing PostgreSQL with apt-get" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
    bin="$(_pgci_find_bin)" || { echo "postgres.sh: no PostgreSQL binaries after install" >&2; return 1; }
  }
  owner="$(_pgci_owner)" || return 1

  if ! _pgci_as "$owner" "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir" && chown "$owner" "$dir" 2>/dev/null || true
      _pgci_as "$owner" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null || return 1
    fi
    _pgci_as "$owner" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      start >/dev/null || { echo "postgres.sh: server did not start; see $dir/server.log" >&2; tail -n 20 "$dir/server.log" >&2; return 1; }
  fi

  local psql="$bin/psql"
  [ -x "$psql" ] || psql="$(command -v psql)"
  if [ -z "$(_pgci_as "$owner" "$psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$db'")" ]; then
    _pgci_as "$owner" "$psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database \"$db\"" >/dev/null || return 1
  fi

  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/$db"
  echo "export TEST_DATABASE_URL=$TEST_DATABASE_URL"
  echo "# stop it with: $(_pgci_stop_hint "$owner" "$bin" "$dir")" >&2
}

# Directory of pg_ctl: on PATH, else the newest /usr/lib/postgresql/*/bin.
_pgci_find_bin() {
  local found
  found="$(command -v pg_ctl 2>/dev/null)"
  if [ -n "$found" ]; then
    found="$(readlink -f "$found")"
    dirname "$found"
    return 0
  fi
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$found" ] && [ -x "$found/pg_ctl" ] && { echo "$found"; return 0; }
  return 1
}

# PostgreSQL refuses to run as root: use the `postgres` user (created when missing) when we are root.
_pgci_owner() {
  if [ "$(id -u)" != "0" ]; then id -un; return 0; fi
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres || return 1
  echo postgres
}

# Runs a command as `owner` (directly when that is who we are), from a directory it can read.
_pgci_as() {
  local owner="$1"; shift
  if [ "$(id -un)" = "$owner" ]; then "$@"; return; fi
  (cd / && if command -v runuser >/dev/null 2>&1; then runuser -u "$owner" -- "$@"; else su -s /bin/sh "$owner" -c "$(printf '%q ' "$@")"; fi)
}

_pgci_stop_hint() {
  if [ "$(id -un)" = "$1" ]; then echo "$2/pg_ctl -D $3/data stop"; else echo "runuser -u $1 -- $2/pg_ctl -D $3/data stop"; fi
}

_pgci_main
_pgci_status=$?
unset -f _pgci_main _pgci_find_bin _pgci_owner _pgci_as _pgci_stop_hint
# `return` when sourced, `exit` when run.
(return 0 2>/dev/null) && return "$_pgci_status" || exit "$_pgci_status"
