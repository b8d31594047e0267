#!/usr/bin/env bash
# Local PostgreSQL 15 cluster for development and integration tests (idempotent).
#
#   pg.sh start        create the cluster on first use, start it, wait until ready, ensure role+db `dala`
#   pg.sh stop         fast shutdown (no-op when stopped)
#   pg.sh status       exit 0 when running and accepting connections, 3 otherwise
#   pg.sh url          print the connection URL (postgres://dala@127.0.0.1:PORT/dala)
#   pg.sh psql [args]  psql as dala to the dala database (-d NAME picks another)
#
# Environment: DALA_PG_DIR (default <repo>/.local/pg, git-ignored), DALA_PG_PORT (default 55432).
# Layout: $DALA_PG_DIR/data (PGDATA, also the unix socket dir), $DALA_PG_DIR/server.log.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PORT="${DALA_PG_PORT:-55432}"
PG_BIN="${DALA_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER=postgres   # OS user that owns the cluster when this script runs as root (initdb refuses root)

log() { printf '[pg] %s\n' "$*" >&2; }
die() { printf '[pg] error: %s\n' "$*" >&2; exit 1; }

[ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL server binaries not found in $PG_BIN (run deploy/scripts/install-deps.sh)"

IS_ROOT=0; [ "$(id -u)" -eq 0 ] && IS_ROOT=1

# Runs a server binary as the cluster owner. `cd /` because runuser keeps the caller's cwd,
# which postgres may not be allowed to enter (e.g. /root), and initdb/pg_ctl complain about it.
as_owner() {
  if [ "$IS_ROOT" -eq 1 ]; then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    "$@"
  fi
}

# True when the cluster owner can traverse every directory on the way to $1.
owner_can_reach() {
  if [ "$IS_ROOT" -eq 1 ]; then
    (cd / && runuser -u "$PG_USER" -- test -x "$1")
  else
    test -x "$1"
  fi
}

# Nearest existing ancestor of a path (the directory we would create the cluster dir in).
existing_ancestor() {
  local p="$1"
  while [ ! -e "$p" ]; do p="$(dirname "$p")"; done
  printf '%s\n' "$p"
}

FALLBACK_NOTE=""
resolve_dir() {
  DIR="${DALA_PG_DIR:-$ROOT/.local/pg}"
  case "$DIR" in /*) ;; *) DIR="$(pwd)/$DIR" ;; esac
  if [ ! -f "$DIR/data/PG_VERSION" ] && ! owner_can_reach "$(existing_ancestor "$DIR")"; then
    # The repo lives somewhere the postgres user cannot enter (e.g. under /root, mode 0700). The fallback
    # name derives from the wanted path, so the dev and test clusters stay apart.
    local wanted="$DIR"
    DIR="/var/tmp/dala-pg-$(printf '%s' "$wanted" | cksum | cut -d' ' -f1)"
    FALLBACK_NOTE="$wanted is not traversable by user '$PG_USER'; using $DIR instead"
  fi
  DATA="$DIR/data"
  LOGFILE="$DIR/server.log"
  # Unix socket paths are limited to 107 bytes; the socket lives in PGDATA.
  if [ $(( ${#DATA} + ${#PORT} + 10 )) -gt 107 ]; then
    die "socket path $DATA/.s.PGSQL.$PORT is too long; set DALA_PG_DIR to a shorter path"
  fi
}

is_running() {
  [ -f "$DATA/postmaster.pid" ] && as_owner "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

is_ready() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 1 >/dev/null 2>&1
}

init_cluster() {
  [ -f "$DATA/PG_VERSION" ] && return 0
  log "creating cluster in $DATA"
  # umask 022: directories created on the way must stay traversable by the cluster owner.
  (umask 022 && mkdir -p "$DIR")
  if [ "$IS_ROOT" -eq 1 ]; then
    owner_can_reach "$(dirname "$DIR")" || die "user '$PG_USER' cannot traverse $(dirname "$DIR"); set DALA_PG_DIR"
    chown "$PG_USER:" "$DIR"
  fi
  chmod 0700 "$DIR"
  as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  # Our settings live in their own file so re-running this script can rewrite them.
  printf "\ninclude_if_exists = 'dala.conf'\n" | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
}

# Rewritten at every start so DALA_PG_PORT and edits here take effect.
write_settings() {
  as_owner tee "$DATA/dala.conf" >/dev/null <<EOF
# Managed by deploy/scripts/pg.sh; edits are overwritten at the next start.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
max_connections = 100
# Sized for a 2-core dev box shared with the services and builds.
shared_buffers = 256MB
effective_cache_size = 1GB
work_mem = 16MB
maintenance_work_mem = 128MB
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_parallel_maintenance_workers = 1
random_page_cost = 1.1
# Durability as in production (fsync, synchronous_commit on); fewer checkpoints during bulk loads.
fsync = on
max_wal_size = 2GB
checkpoint_timeout = 15min
# Slow-query log.
log_min_duration_statement = 200ms
log_line_prefix = '%m [%p] %q%u@%d '
log_lock_waits = on
log_timezone = 'UTC'
timezone = 'UTC'
EOF
}

ensure_role_and_db() {
  local sock=(-h "$DATA" -p "$PORT" -U postgres -X -q -v ON_ERROR_STOP=1)
  if [ "$(as_owner "$PG_BIN/psql" "${sock[@]}" -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'dala'")" != 1 ]; then
    log "creating role dala"
    as_owner "$PG_BIN/psql" "${sock[@]}" -d postgres -c "CREATE ROLE dala LOGIN SUPERUSER"
  fi
  if [ "$(as_owner "$PG_BIN/psql" "${sock[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'dala'")" != 1 ]; then
    log "creating database dala"
    as_owner "$PG_BIN/psql" "${sock[@]}" -d postgres -c "CREATE DATABASE dala OWNER dala"
  fi
}

cmd_start() {
  [ -z "$FALLBACK_NOTE" ] || log "$FALLBACK_NOTE"
  init_cluster
  if is_running; then
    is_ready || die "cluster in $DATA is running but not ready on 127.0.0.1:$PORT (port changed? try: pg.sh stop)"
    ensure_role_and_db
    log "already running on 127.0.0.1:$PORT ($DATA)"
    return 0
  fi
  if is_ready; then
    die "another server already listens on 127.0.0.1:$PORT; set DALA_PG_PORT"
  fi
  write_settings
  log "starting (log: $LOGFILE)"
  [ -e "$LOGFILE" ] || { touch "$LOGFILE"; [ "$IS_ROOT" -eq 0 ] || chown "$PG_USER:" "$LOGFILE"; }
  as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 start >/dev/null \
    || { tail -n 20 "$LOGFILE" >&2; die "pg_ctl start failed"; }
  local i
  for i in $(seq 1 120); do
    is_ready && break
    sleep 0.5
  done
  is_ready || { tail -n 20 "$LOGFILE" >&2; die "server did not become ready on 127.0.0.1:$PORT"; }
  ensure_role_and_db
  log "ready: $(cmd_url)"
}

cmd_stop() {
  if is_running; then
    as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

cmd_status() {
  if is_running && is_ready; then
    echo "running: 127.0.0.1:$PORT data=$DATA log=$LOGFILE"
  elif is_running; then
    echo "starting or misconfigured: data=$DATA (not ready on 127.0.0.1:$PORT)"
    return 3
  else
    echo "stopped: data=$DATA"
    return 3
  fi
}

cmd_url() { echo "postgres://dala@127.0.0.1:$PORT/dala"; }

resolve_dir
case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) cmd_url ;;
  # Connection through the environment so callers can still pick another database with -d.
  psql) shift; PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER=dala PGDATABASE=dala exec "$PG_BIN/psql" "$@" ;;
  *) echo "usage: $0 start|stop|status|url|psql [args]" >&2; exit 2 ;;
esac
