#!/usr/bin/env bash
# Stop the throwaway PostgreSQL server started by scripts/start-postgres.sh and remove
# its data directory. Safe to call more than once, or when nothing is running.
#
# Environment (the same as start-postgres.sh):
#   PGPORT                  port the server was started on (default 55432)
#   SAFEGUARD_PG_STATE_FILE the state file start-postgres.sh wrote
#                           (default ${TMPDIR:-/tmp}/safeguard-postgres-$PGPORT.state)
set -uo pipefail

PGPORT=${PGPORT:-55432}
STATE_FILE=${SAFEGUARD_PG_STATE_FILE:-${TMPDIR:-/tmp}/safeguard-postgres-$PGPORT.state}

log() { echo "stop-postgres: $*" >&2; }

if [ ! -f "$STATE_FILE" ]; then
  log "no server recorded in $STATE_FILE; nothing to stop"
  exit 0
fi
PGDIR=$(head -n 1 "$STATE_FILE")

# Only ever remove a directory that start-postgres.sh made.
case "$(basename "$PGDIR")" in
  safeguard-pg.*) ;;
  *) log "refusing to remove unexpected directory '$PGDIR' named in $STATE_FILE"; exit 1 ;;
esac

if [ -f "$PGDIR/data/postmaster.pid" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || log "pg_ctl stop reported an error (the server may already be gone)"
  else
    "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || log "pg_ctl stop reported an error (the server may already be gone)"
  fi
fi
rm -rf "$PGDIR"
rm -f "$STATE_FILE"
log "stopped the server on port $PGPORT and removed $PGDIR"
