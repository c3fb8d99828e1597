#!/bin/sh
# Runs one Qt Test suite for CTest and decides what its outcome is:
#   - the suite's own exit code when it is not 0 (a failure is never hidden);
#   - 77 (CTest SKIP_RETURN_CODE) only when the whole suite skipped: no test
#     function passed (initTestCase/cleanupTestCase do not count), at least
#     one skipped and none failed;
#   - 0 otherwise.
# Why: CTest's SKIP_REGULAR_EXPRESSION marks a suite skipped whatever its exit
# code, so one skipped and one failed function used to pass CI.
# With --openapi DOC, every response and stream frame the suite receives from
# a zeiko-server it started is logged (tests/support/response_log.cpp) and
# checked against DOC by tools/check_openapi.py; a mismatch fails the suite.
# usage: run_qtest.sh [--openapi DOC] <test executable> [arguments...]
openapi=""
if [ "${1:-}" = "--openapi" ]; then
  openapi=$2
  shift 2
fi
out=$(mktemp) || exit 1
log=$(mktemp) || exit 1
trap 'rm -f "$out" "$log"' EXIT
if [ -n "$openapi" ]; then
  ZEIKO_RESPONSE_LOG=$log "$@" >"$out" 2>&1
else
  "$@" >"$out" 2>&1
fi
rc=$?
cat "$out"
[ "$rc" -ne 0 ] && exit "$rc"
if [ -n "$openapi" ]; then
  checker="$(dirname "$0")/../../../tools/check_openapi.py"
  /usr/bin/python3 "$checker" "$openapi" "$log" || {
    echo "run_qtest.sh: responses that do not match $openapi (above)" >&2
    exit 1
  }
fi
if grep -q '^FAIL!  : ' "$out"; then
  echo "run_qtest.sh: a FAIL line despite exit code 0" >&2
  exit 1
fi
passed=$(grep '^PASS   : ' "$out" | grep -cv -e '::initTestCase()' -e '::cleanupTestCase()')
skipped=$(grep -c '^SKIP   : ' "$out")
if [ "$passed" -eq 0 ] && [ "$skipped" -gt 0 ]; then
  exit 77
fi
exit 0
