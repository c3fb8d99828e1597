#!/usr/bin/env bash
# The two soak campaigns of issue 10 at full length, on a built tree:
#   - crash/replay soak: the console core SIGKILLed mid-flush (test_e2e_crash),
#     ZEIKO_SOAK_CLIENT_KILLS rounds (default 1000);
#   - server kill soak: the server SIGKILLed under 8 writers
#     (test_server_kill_soak), ZEIKO_SOAK_SERVER_KILLS rounds (default 200)
#     on SQLite, and as many on PostgreSQL with two server processes (a
#     throwaway cluster from tools/postgres.sh).
# CI runs the same tests at their small default size.
#   tools/soak.sh [BUILD_DIR [CAMPAIGN...]]
# BUILD_DIR defaults to build/asan (logs go to BUILD_DIR/soak-logs); CAMPAIGN
# is any of crash_replay server_kill_sqlite server_kill_postgres (default: all).
# Prints each campaign's figure line, the runtime, the date and the machine;
# exits non-zero if any soak failed.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/asan}
shift || true
campaigns=("$@")
[ ${#campaigns[@]} -gt 0 ] || campaigns=(crash_replay server_kill_sqlite server_kill_postgres)
client_kills=${ZEIKO_SOAK_CLIENT_KILLS:-1000}
server_kills=${ZEIKO_SOAK_SERVER_KILLS:-200}
logs="$build/soak-logs"
mkdir -p "$logs"
for binary in tests/e2e/test_e2e_crash tests/e2e/outbox_flush_helper tests/server/test_server_kill_soak \
              tests/server/test_server_kill_soak_postgres server/zeiko-server; do
  [ -x "$build/$binary" ] || { echo "soak.sh: $build/$binary is not built" >&2; exit 2; }
done

# A throwaway PostgreSQL for the postgres suites, stopped on exit.
source tools/test_postgres.sh
export QT_QPA_PLATFORM=offscreen
# Qt Test aborts a test function after 5 minutes; a soak runs longer.
export QTEST_FUNCTION_TIMEOUT=${QTEST_FUNCTION_TIMEOUT:-14400000}

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(uname -sm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build:   $build ($(git rev-parse --short HEAD))"

failed=0
# run NAME KILLS BINARY: one soak, its whole output in $logs/NAME.log, its figure line here.
run() {
  local name=$1 kills=$2 binary=$3 start rc
  start=$(date +%s)
  echo "== $name: $kills kill rounds"
  set +e
  ZEIKO_SOAK_KILLS=$kills "$build/$binary" >"$logs/$name.log" 2>&1
  rc=$?
  set -e
  grep -E 'soak( \(|:)' "$logs/$name.log" | sed 's/^QINFO *: [^)]*) //' || true
  # A soak that skipped or printed no figures has not run: a failure here.
  if [ "$rc" -ne 0 ] || ! grep -q '^PASS   : .*::\(killed\|acknowledged\)' "$logs/$name.log"; then
    echo "FAILED (exit $rc): see $logs/$name.log"
    grep -E '^(FAIL!|SKIP) ' -A3 "$logs/$name.log" || true
    failed=1
  fi
  echo "   wall time $(( $(date +%s) - start )) s"
}
for campaign in "${campaigns[@]}"; do
  case "$campaign" in
  crash_replay) run crash_replay "$client_kills" tests/e2e/test_e2e_crash ;;
  server_kill_sqlite) run server_kill_sqlite "$server_kills" tests/server/test_server_kill_soak ;;
  server_kill_postgres) run server_kill_postgres "$server_kills" tests/server/test_server_kill_soak_postgres ;;
  *) echo "soak.sh: unknown campaign $campaign" >&2; failed=1 ;;
  esac
done
exit "$failed"
