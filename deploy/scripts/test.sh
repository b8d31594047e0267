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
# A hung test (a broker or database that another process took away) must fail the run with its name and the
# threads' backtraces, not run into CI's limit: the whole suite takes about a minute on a quiet machine.
limit="${DALA_TEST_TIMEOUT:-1200}"
swift test --skip-build >.local/test.log 2>&1 &
test_pid=$!
waited=0
while kill -0 "$test_pid" 2>/dev/null && [ "$waited" -lt "$limit" ]; do sleep 2; waited=$((waited + 2)); done
if kill -0 "$test_pid" 2>/dev/null; then
  echo "unit/integration tests did not finish within $limit s; started but never finished:" >&2
  python3 - .local/test.log >&2 <<'PY'
import re, sys
started, ended = [], set()
for line in open(sys.argv[1], errors="replace"):
    # "Test f(x:) started.", "Test f(x:) passed after …", "Test f(x:) with 3 test cases passed after …"
    m = re.search(r'^\S+ Test (\S+?\(.*?\))(?: with \d+ test cases?)? (started|passed|failed)', line)
    if m:
        (started.append if m.group(2) == "started" else ended.add)(m.group(1))
for t in started:
    if t not in ended: print("  " + t)
PY
  for p in $(pgrep -P "$test_pid" || true); do
    if command -v gdb >/dev/null; then
      timeout 120 gdb -p "$p" -batch -ex "thread apply all bt 40" >".local/test-hang-$p.txt" 2>&1 || true
      echo "threads of test process $p (full: .local/test-hang-$p.txt), frames of this project:" >&2
      grep -E '^Thread|/(Shared|Services|Tests)/' ".local/test-hang-$p.txt" | sed -E 's/ \(.*\) at / at /' | cut -c1-220 >&2 || true
    fi
    kill -9 "$p" 2>/dev/null || true
  done
  kill -9 "$test_pid" 2>/dev/null || true
fi
wait "$test_pid"
status=$?
set -e
grep -Ev '^(Test Case .* (started|passed)|.* Test .* started\.?)' .local/test.log || true
[ "$status" = 0 ] || { echo "unit/integration tests failed (exit $status)" >&2; exit 1; }
echo "==> end-to-end: services, duplicate posts, bad input, SIGKILL of a worker"
$S/e2e.sh
