#!/usr/bin/env bash
# Starts/stops the three Dala services (and a second enrichment worker) from a build directory.
#   services.sh start               start (binaries from $DALA_BIN, default .build/release) whatever is not running, wait until each /readyz answers 200
#   services.sh stop                SIGTERM (graceful), SIGKILL after 20 s
#   services.sh status              one line per service
#   services.sh start-one NAME / stop-one NAME [SIGNAL]   (NAME: ingest query enrichment-1 enrichment-2)
# Environment: DALA_PG_URL, DALA_KAFKA_BROKERS, DALA_RUN_DIR (default .local/run), DALA_WORKERS (default 2),
# ports DALA_INGEST_PORT (8081), DALA_QUERY_PORT (8080), enrichment health ports 8082, 8083, ...
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUN="${DALA_RUN_DIR:-$ROOT/.local/run}"
BIN="${DALA_BIN:-$ROOT/.build/release}"
WORKERS="${DALA_WORKERS:-2}"
INGEST_PORT="${DALA_INGEST_PORT:-8081}"
QUERY_PORT="${DALA_QUERY_PORT:-8080}"
ENRICH_BASE_PORT="${DALA_ENRICH_PORT:-8082}"
mkdir -p "$RUN"
log() { printf '[services] %s\n' "$*" >&2; }

names() { echo ingest query; for i in $(seq 1 "$WORKERS"); do echo "enrichment-$i"; done; }

spec() {  # NAME → "binary port"
  case "$1" in
    ingest) echo "dala-ingest $INGEST_PORT" ;;
    query) echo "dala-query $QUERY_PORT" ;;
    enrichment-*) echo "dala-enrichment $((ENRICH_BASE_PORT + ${1#enrichment-} - 1))" ;;
    *) log "unknown service $1"; exit 2 ;;
  esac
}

# The live process a pid file names, only when it is this stack's own: the executable is $BIN's and its environment
# names this run directory. Matching "dala" in the command line was not enough on a machine shared by several
# checkouts (pid_max 32768): a stale pid file of one stack, its pid reused by another stack's worker, made
# `stop`/`stop-one ... KILL` signal a process that was not its own (issue 11: a worker vanishing without a word).
owned() {  # PID NAME
  local pid="$1" binary exe
  read -r binary _ <<<"$(spec "$2")"
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null)" || return 1
  exe="${exe% (deleted)}"   # rebuilt while running
  [ "$exe" = "$(readlink -f "$BIN/$binary" 2>/dev/null || echo "$BIN/$binary")" ] || return 1
  tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "DALA_RUN_DIR=$RUN"
}

pid_of() {
  local f="$RUN/$1.pid" pid
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && owned "$pid" "$1" || return 1
  echo "$pid"
}

start_one() {
  local name="$1" binary port
  read -r binary port <<<"$(spec "$name")"
  if pid_of "$name" >/dev/null; then log "$name already running"; return 0; fi
  [ -x "$BIN/$binary" ] || { log "missing $BIN/$binary (build first)"; exit 1; }
  local extra=()
  case "$name" in enrichment-*) extra=(--worker-name "$name") ;; esac
  rm -f "$RUN/$name.pid"
  # A small watcher shell starts the service, writes its pid and, when it ends, appends how it ended to its log
  # (exit status, or the signal that ended it), so a process that vanishes leaves a line saying how.
  (
    # Two malloc arenas: the services' threads otherwise keep the freed pages of a long document's analysis in arenas
    # of their own (a worker's peak on one 8 MB text: 343 MB with the default, 324 MB with two; docs/scaling.md).
    MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" DALA_HTTP_PORT="$port" DALA_RUN_DIR="$RUN" nohup "$BIN/$binary" "${extra[@]}" &
    child=$!
    echo "$child" >"$RUN/$name.pid"
    rc=0
    wait "$child" || rc=$?   # (set -e would end this shell here otherwise)
    how="exit status $rc"
    [ "$rc" -gt 128 ] && how="signal $((rc - 128)) ($(kill -l "$((rc - 128))" 2>/dev/null || echo '?'))"
    echo "[services] $name (pid $child) ended: $how at $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
  ) </dev/null >>"$RUN/$name.log" 2>&1 &
  for _ in $(seq 1 100); do [ -s "$RUN/$name.pid" ] && break; sleep 0.02; done
  log "$name started (pid $(cat "$RUN/$name.pid" 2>/dev/null), port $port, log $RUN/$name.log)"
}

wait_ready() {
  local name="$1" binary port
  read -r binary port <<<"$(spec "$name")"
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then return 0; fi
    pid_of "$name" >/dev/null || { log "$name exited; last log lines:"; tail -n 20 "$RUN/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  log "$name not ready after 60 s"; tail -n 20 "$RUN/$name.log" >&2; exit 1
}

stop_one() {
  local name="$1" sig="${2:-TERM}" pid
  pid="$(pid_of "$name")" || { rm -f "$RUN/$name.pid"; return 0; }
  kill -"$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "$name did not stop, killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$RUN/$name.pid"
  log "$name stopped ($sig)"
}

case "${1:-}" in
  start) for n in $(names); do start_one "$n"; done; for n in $(names); do wait_ready "$n"; done; log "all services ready" ;;
  stop) for n in ingest $(names | grep enrichment) query; do stop_one "$n"; done
        for f in "$RUN"/*.pid; do [ -e "$f" ] && stop_one "$(basename "$f" .pid)"; done; true ;;
  status) for n in $(names); do if p="$(pid_of "$n")"; then echo "$n running (pid $p)"; else echo "$n stopped"; fi; done ;;
  start-one) start_one "$2"; wait_ready "$2" ;;
  stop-one) stop_one "$2" "${3:-TERM}" ;;
  *) echo "usage: $0 start|stop|status|start-one NAME|stop-one NAME [SIGNAL]" >&2; exit 2 ;;
esac
