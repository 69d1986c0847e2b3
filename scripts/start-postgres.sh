#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for tests.
#
# Installs PostgreSQL from Debian's packages when no initdb is present, starts a server
# bound to 127.0.0.1 on $PGPORT (default 55432) with its data in a fresh temporary
# directory, creates the database `safeguard_test`, and prints its URL as the last line
# of stdout. Everything else goes to stderr, so callers can do
#     url=$(scripts/start-postgres.sh | tail -n 1)
# The temporary directory is recorded in a state file (see below) so that
# scripts/stop-postgres.sh can stop the server and remove the directory.
#
# Runs as root (the server runs as the `postgres` user) or as an ordinary user (the
# server runs as that user; installing PostgreSQL then needs sudo).
#
# Environment:
#   PGPORT                  port to listen on (default 55432)
#   SAFEGUARD_PG_STATE_FILE where to record the data directory
#                           (default ${TMPDIR:-/tmp}/safeguard-postgres-$PGPORT.state)
#   SAFEGUARD_PG_DATABASE   database to create (default safeguard_test)
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
PGPORT=${PGPORT:-55432}
DBNAME=${SAFEGUARD_PG_DATABASE:-safeguard_test}
STATE_FILE=${SAFEGUARD_PG_STATE_FILE:-${TMPDIR:-/tmp}/safeguard-postgres-$PGPORT.state}
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)

log() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo -n); fi

# 1. Install PostgreSQL only when it is missing.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "PostgreSQL server not found; installing Debian's postgresql package"
  "${SUDO[@]}" apt-get update -q </dev/null >&2
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends postgresql </dev/null >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
log "using $PGBIN"

# 2. A leftover server of ours on the same port (from an interrupted run) is stopped first.
if [ -f "$STATE_FILE" ]; then
  log "found $STATE_FILE from an earlier run; stopping that server first"
  SAFEGUARD_PG_STATE_FILE="$STATE_FILE" PGPORT="$PGPORT" bash "$SCRIPT_DIR/stop-postgres.sh" >&2 || true
fi

# Run a command as the server's owner: `postgres` when we are root, else ourselves.
if [ "$(id -u)" -eq 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/safeguard-pg.XXXXXX")
chmod 755 "$PGDIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGDIR"; fi
echo "$PGDIR" >"$STATE_FILE"

fail() {
  log "$*"
  for f in "$PGDIR/initdb.log" "$PGDIR/server.log"; do
    if [ -s "$f" ]; then echo "----- $f -----" >&2; cat "$f" >&2; fi
  done
  if [ -f "$PGDIR/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGDIR" "$STATE_FILE"
  exit 1
}

# 3. Refuse early, with a clear message, when something else holds the port.
if (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; then
  fail "port $PGPORT on 127.0.0.1 is already in use; choose another with PGPORT=..."
fi

# 4. Create the cluster and start the server. Durability settings stay at PostgreSQL's
#    defaults on purpose: crash-safety tests rely on them.
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-locale \
  >"$PGDIR/initdb.log" 2>&1 || fail "initdb failed"
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$PGDIR -c max_connections=400" \
  start >/dev/null 2>&1 || fail "the server did not start on port $PGPORT"

as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$DBNAME" \
  || fail "could not create database $DBNAME"

log "$("$PGBIN/postgres" --version) running on 127.0.0.1:$PGPORT (data in $PGDIR; stop with scripts/stop-postgres.sh)"
echo "postgres://postgres@127.0.0.1:$PGPORT/$DBNAME?sslmode=disable"
