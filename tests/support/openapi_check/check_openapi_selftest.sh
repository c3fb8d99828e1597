#!/bin/sh
# Self-test of tools/check_openapi.py: responses that match docs/openapi.yaml
# pass, and a missing field, an extra field, an undocumented status or error
# code, a wrong type or a bad stream frame each fail — so the contract check
# run on every suite (run_qtest.sh --openapi) can fail at all.
# usage: check_openapi_selftest.sh <check_openapi.py> <openapi.yaml>
checker=$1
doc=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
status=0

ticket='{"id":7,"number":1007,"key":"ab12","subject":"Where is my order?","customer":{"id":"3","name":"Ana","email":"ana@example.test","emailProblem":null,"emailVerified":true},"source":"email","status":"open","priority":"normal","ownerMode":"agent","sla":{"state":"on_track","firstResponseDue":"2026-12-07T18:00:00.000Z"},"createdAt":"2026-12-07T10:00:00.000Z","lastActivityAt":"2026-12-07T10:00:00.000Z","tags":["email"],"version":1,"assignee":null}'
http() {   # http <method> <path> <status> <body>
  /usr/bin/python3 -c 'import json,sys; print(json.dumps({"kind":"http","method":sys.argv[1],"path":sys.argv[2],"status":int(sys.argv[3]),"contentType":"application/json","body":sys.argv[4]}))' "$@"
}
frame() {
  /usr/bin/python3 -c 'import json,sys; print(json.dumps({"kind":"frame","body":sys.argv[1]}))' "$1"
}
expect() {   # expect pass|fail <name>   (log in $dir/<name>)
  /usr/bin/python3 "$checker" "$doc" "$dir/$2" >"$dir/$2.out" 2>&1
  rc=$?
  if { [ "$1" = pass ] && [ "$rc" -eq 0 ]; } || { [ "$1" = fail ] && [ "$rc" -eq 1 ]; }; then
    echo "ok: $2 -> $rc"
  else
    echo "FAIL: $2 gave $rc, wanted $1"; sed 's/^/    /' "$dir/$2.out"; status=1
  fi
}

http GET /api/v1/tickets/7 200 "{\"ticket\":$ticket,\"entries\":[],\"handoff\":null}" >"$dir/good"
http GET /healthz 200 '{"status":"ok"}' >>"$dir/good"
http POST /api/v1/tickets/7/commands 409 "{\"error\":{\"code\":\"version_conflict\",\"message\":\"stale\",\"currentTicket\":$ticket}}" >>"$dir/good"
http GET /no/such/route 404 '{"error":{"code":"not_found","message":"No such resource"}}' >>"$dir/good"
frame '{"type":"heartbeat","head":12,"at":"2026-12-07T10:00:00.000Z"}' >>"$dir/good"
expect pass good

missing=$(echo "$ticket" | sed 's/"version":1,//')
http GET /api/v1/tickets/7 200 "{\"ticket\":$missing,\"entries\":[],\"handoff\":null}" >"$dir/missing-field"
expect fail missing-field

extra=$(echo "$ticket" | sed 's/"version":1,/"version":1,"internalScore":3,/')
http GET /api/v1/tickets/7 200 "{\"ticket\":$extra,\"entries\":[],\"handoff\":null}" >"$dir/extra-field"
expect fail extra-field

http GET /api/v1/me 418 '{"error":{"code":"not_found","message":"x"}}' >"$dir/undocumented-status"
expect fail undocumented-status

http GET /api/v1/me 401 '{"error":{"code":"session_gone","message":"x"}}' >"$dir/undocumented-code"
expect fail undocumented-code

wrong=$(echo "$ticket" | sed 's/"id":7,/"id":"7",/')
http GET /api/v1/tickets/7 200 "{\"ticket\":$wrong,\"entries\":[],\"handoff\":null}" >"$dir/wrong-type"
expect fail wrong-type

http POST /api/v1/auth/sign-out 204 'unexpected' >"$dir/body-where-none"
expect fail body-where-none

frame '{"type":"heartbeat","head":12}' >"$dir/frame-missing"
expect fail frame-missing

# The lint: an emitted object without additionalProperties: false fails.
sed '/^    Customer:/,/required:/{/additionalProperties: false/d}' "$doc" >"$dir/loose.yaml"
/usr/bin/python3 "$checker" "$dir/loose.yaml" >"$dir/lint.out" 2>&1
if [ $? -eq 1 ]; then echo "ok: lint refuses a loose object"; else echo "FAIL: lint accepted a loose object"; status=1; fi
exit $status
