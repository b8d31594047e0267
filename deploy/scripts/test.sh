#!/usr/bin/env bash
# `make test`: unit tests plus integration tests against a real PostgreSQL and the real broker, both started here on
# their own ports (so a running `make run` stack is untouched) and stopped at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S=deploy/scripts
export DALA_PG_DIR="${DALA_TEST_PG_DIR:-$ROOT/.local/pg-test}" DALA_PG_PORT="${DALA_TEST_PG_PORT:-55433}"
export DALA_KAFKA_PORT="${DALA_TEST_KAFKA_PORT:-59093}"
DALA_DEPS_TEST=1 $S/install-deps.sh
started_pg=0; started_broker=0
$S/pg.sh status >/dev/null 2>&1 || { $S/pg.sh start; started_pg=1; }
$S/broker.sh status >/dev/null 2>&1 || { $S/broker.sh start; started_broker=1; }
cleanup() {
  [ "$started_broker" = 1 ] && $S/broker.sh stop || true
  [ "$started_pg" = 1 ] && $S/pg.sh stop || true
}
trap cleanup EXIT
$S/pg.sh psql -qc "DROP DATABASE IF EXISTS dala_test WITH (FORCE)" -c "CREATE DATABASE dala_test OWNER dala" >/dev/null
export DALA_TEST_PG_URL="postgres://dala@127.0.0.1:$DALA_PG_PORT/dala_test"
export DALA_TEST_KAFKA_BROKERS="$($S/broker.sh brokers)"
mkdir -p .local
set +e
swift build --build-tests >.local/build.log 2>&1
build_status=$?
grep -Ev '^\[[0-9]+/[0-9]+\] (Compiling|Write|Emitting|Linking|Build|Applying)' .local/build.log | tail -n 60
[ "$build_status" = 0 ] || { echo "build failed" >&2; exit 1; }
# A hung test (a broker or database that another process took away) must fail the run with its name, not run into
# CI's limit: the whole suite takes under a minute on a quiet machine.
timeout --kill-after=30 "${DALA_TEST_TIMEOUT:-1200}" swift test --skip-build >.local/test.log 2>&1
status=$?
set -e
grep -Ev '^(Test Case .* (started|passed)|.* Test .* started\.?)' .local/test.log || true
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
  echo "unit/integration tests did not finish within ${DALA_TEST_TIMEOUT:-1200} s; started but never finished:" >&2
  python3 - .local/test.log >&2 <<'PY'
import re, sys
started, ended = [], set()
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r'Test (\S+?\(.*?\)) (started|passed|failed)', line)
    if m:
        (started.append if m.group(2) == "started" else ended.add)(m.group(1))
for t in started:
    if t not in ended: print("  " + t)
PY
fi
[ "$status" = 0 ] || { echo "unit/integration tests failed (exit $status)" >&2; exit 1; }
echo "==> end-to-end: services, duplicate posts, bad input, SIGKILL of a worker"
$S/e2e.sh
