#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer + UBSan and runs the
# whole test suite (every CTest label), with a throwaway PostgreSQL for the
# `postgres` suites. Extra arguments go to ctest (e.g. -L server).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh --with-tests
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$(nproc)"

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    tools/postgres.sh stop "$pg_dir" || true
  fi
}
trap cleanup EXIT
pg_started=$(tools/postgres.sh start)
pg_dir=${pg_started% *}
pg_port=${pg_started##* }
export ZEIKO_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:${pg_port}/postgres"

ctest --preset asan -j"$(nproc)" "$@"
