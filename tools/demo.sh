#!/usr/bin/env bash
# Installs what is missing, builds an optimised tree, starts zeiko-server on
# an embedded SQLite file (seeded with the demo tenant) and, when the console
# is built, opens it signed in to that server. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"

data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/zeiko-server"
mkdir -p "$data_dir"
port="${ZEIKO_DEMO_PORT:-8080}"
server=build/release/server/zeiko-server
console=build/release/app/zeiko-console

"$server" serve --listen "127.0.0.1:$port" --database "sqlite:$data_dir/demo.sqlite" --demo &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

cat <<MSG

Zeiko demo server: http://127.0.0.1:$port
Sign in with   account: demo   email: alex@demo.zeiko.test   password: demo-password
MSG

if [ -x "$console" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  "$console" --server "http://127.0.0.1:$port" --account demo \
    --email alex@demo.zeiko.test --password-env ZEIKO_DEMO_PASSWORD
else
  echo "Press Ctrl+C to stop the server."
  wait "$server_pid"
fi
