#!/usr/bin/env bash
# `make chaos`: the fault tests of docs/reliability.md (worker kills, PostgreSQL restart, broker restart, ingest
# SIGKILL, hostile HTTP, memory) against the real processes (debug build unless DALA_BIN says otherwise), a test
# PostgreSQL and the local broker on their own ports, started and stopped here. Loopback traffic only.
#   chaos.sh [workers|postgres|broker|ingest-kill|hostile|memory ...]   (default: all)
# Ports: DALA_TEST_PG_PORT (55433), DALA_TEST_KAFKA_PORT (59093), DALA_CHAOS_PORT_BASE (18180: query, +1 ingest,
# +2..+4 workers).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S=deploy/scripts
export DALA_PG_DIR="${DALA_TEST_PG_DIR:-$ROOT/.local/pg-test}" DALA_PG_PORT="${DALA_TEST_PG_PORT:-55433}"
export DALA_KAFKA_PORT="${DALA_TEST_KAFKA_PORT:-59093}"
[ "${DALA_SKIP_DEPS:-0}" = 1 ] || $S/install-deps.sh
started_pg=0; started_broker=0
$S/pg.sh status >/dev/null 2>&1 || { $S/pg.sh start; started_pg=1; }
$S/broker.sh status >/dev/null 2>&1 || { $S/broker.sh start; started_broker=1; }
cleanup() {
  [ "$started_broker" = 1 ] && $S/broker.sh stop || true
  # The tests restart PostgreSQL: stop it if it was ours, start it again if it was not and a test left it down.
  if [ "$started_pg" = 1 ]; then $S/pg.sh stop || true; else $S/pg.sh status >/dev/null 2>&1 || $S/pg.sh start || true; fi
}
trap cleanup EXIT
if [ -z "${DALA_BIN:-}" ]; then
  swift build --build-tests >.local/chaos-build.log 2>&1 || { tail -n 40 .local/chaos-build.log; echo "build failed" >&2; exit 1; }
fi
python3 $S/chaos.py "$@"
