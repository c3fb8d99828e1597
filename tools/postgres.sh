#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the `postgres` test suites.
#   tools/postgres.sh start   -> prints "<cluster directory> <port>"
#   tools/postgres.sh stop DIR
# The port is ZEIKO_PG_PORT (default 55432) or the next free one after it.
set -euo pipefail
port="${ZEIKO_PG_PORT:-55432}"
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

case "${1:-}" in
start)
  while port_in_use "$port"; do port=$((port + 1)); done
  dir=$(mktemp -d /tmp/zeiko-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; else sudo chown postgres "$dir"; fi
  as_postgres "$pgbin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
  as_postgres "$pgbin/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
    start >/dev/null
  echo "$dir $port"
  ;;
stop)
  as_postgres "$pgbin/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null
  rm -rf "$2"
  ;;
*)
  echo "usage: $0 start | stop DIR" >&2
  exit 2
  ;;
esac
