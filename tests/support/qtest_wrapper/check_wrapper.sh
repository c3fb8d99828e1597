#!/bin/sh
# Self-test of run_qtest.sh: a suite with one skipped and one failed function
# must fail (not be reported skipped); only a wholly skipped suite is 77.
# usage: check_wrapper.sh <run_qtest.sh> <wrapper_probe executable>
wrapper=$1
probe=$2
status=0
expect() {   # expect <wanted exit code|nonzero> <functions...>
  want=$1; shift
  "$wrapper" "$probe" "$@" >/dev/null 2>&1
  rc=$?
  if [ "$want" = nonzero ]; then
    if [ "$rc" -eq 0 ] || [ "$rc" -eq 77 ]; then
      echo "FAIL: functions '$*' gave $rc, wanted a failure"; status=1
    else
      echo "ok: functions '$*' -> $rc (failure)"
    fi
  elif [ "$rc" -ne "$want" ]; then
    echo "FAIL: functions '$*' gave $rc, wanted $want"; status=1
  else
    echo "ok: functions '$*' -> $rc"
  fi
}
expect nonzero skips fails
expect nonzero fails
expect nonzero passes skips fails
expect 77 skips
expect 0 passes skips
expect 0 passes
exit $status
