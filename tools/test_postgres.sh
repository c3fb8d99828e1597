# Sourced (not run) by tools/test.sh and tools/soak.sh: starts a throwaway
# PostgreSQL cluster (tools/postgres.sh), stops it when the sourcing script
# exits, and exports ZEIKO_TEST_POSTGRES_URL for the `postgres` suites.
pg_dir=""
stop_test_postgres() {
  if [ -n "$pg_dir" ]; then
    tools/postgres.sh stop "$pg_dir" || true
  fi
}
trap stop_test_postgres EXIT
pg_started=$(tools/postgres.sh start)
pg_dir=${pg_started% *}
pg_port=${pg_started##* }
export ZEIKO_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:${pg_port}/postgres"
