#!/usr/bin/env bash
# Local Kafka-compatible broker (Tansu, in-memory storage) for development and integration tests.
#   broker.sh start    start in the background unless already running; waits until the port accepts connections
#   broker.sh stop     stop it (SIGTERM, then SIGKILL after 5 s)
#   broker.sh status   print running/stopped; exit 0 when running, 3 when stopped
#   broker.sh brokers  print the bootstrap address, e.g. 127.0.0.1:59092
# Environment: DALA_KAFKA_PORT (default 59092).
# The broker keeps everything in memory: a restart loses all messages and committed offsets.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PORT="${DALA_KAFKA_PORT:-59092}"
TANSU="$ROOT/.local/bin/tansu"
STATE="$ROOT/.local/broker"
PIDFILE="$STATE/tansu-$PORT.pid"
LOGFILE="$STATE/tansu-$PORT.log"
ADDRESS="127.0.0.1:$PORT"

log() { printf '[broker] %s\n' "$*" >&2; }

running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid belonging to something else.
  grep -q tansu "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# The tansu process whose command line names our listener address (empty, exit 1 when none).
broker_pid_by_address() {
  local f pid
  for f in /proc/[0-9]*/cmdline; do
    pid="${f#/proc/}"; pid="${pid%/cmdline}"
    if tr '\0' ' ' <"$f" 2>/dev/null | grep -q "tansu broker --listener-url tcp://$ADDRESS "; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

start() {
  if pid="$(running_pid)"; then
    log "already running (pid $pid) on $ADDRESS"
    return 0
  fi
  [ -x "$TANSU" ] || { log "no broker at $TANSU: run deploy/scripts/install-deps.sh"; exit 1; }
  if port_open; then
    log "port $PORT is already in use by another process; set DALA_KAFKA_PORT"
    exit 1
  fi
  mkdir -p "$STATE"
  # setsid: the broker must outlive the shell (and its process group) that started it.
  setsid "$TANSU" broker \
    --listener-url "tcp://$ADDRESS" \
    --advertised-listener-url "tcp://$ADDRESS" \
    --storage-engine "memory://tansu/" \
    >>"$LOGFILE" 2>&1 </dev/null &
  local launcher=$! found=""
  # setsid forks when its caller leads a process group (a shell with job control): `$!` is then the short-lived
  # launcher, not the broker. Record the process that serves our address instead.
  for _ in $(seq 1 50); do
    found="$(broker_pid_by_address)" && break
    sleep 0.05
  done
  echo "${found:-$launcher}" >"$PIDFILE"
  for _ in $(seq 1 100); do
    if port_open; then
      # The port can answer for a broker that is still going away while ours dies on "Address in use":
      # only call it started when our process is still alive a moment later.
      sleep 0.3
      if running_pid >/dev/null; then
        log "started (pid $(cat "$PIDFILE")) on $ADDRESS, log $LOGFILE"
        return 0
      fi
    fi
    if ! running_pid >/dev/null; then
      log "broker exited during start-up; last log lines:"
      tail -n 20 "$LOGFILE" >&2 || true
      rm -f "$PIDFILE"
      exit 1
    fi
    sleep 0.1
  done
  log "broker did not accept connections on $ADDRESS within 10 s (log $LOGFILE)"
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PIDFILE"
    log "not running"
    return 0
  fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

status() {
  if pid="$(running_pid)"; then
    echo "running (pid $pid) on $ADDRESS"
  else
    echo "stopped"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  brokers) echo "$ADDRESS" ;;
  restart) stop; start ;;
  *) echo "usage: $0 start|stop|status|brokers|restart" >&2; exit 2 ;;
esac
