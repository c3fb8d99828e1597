#!/usr/bin/env bash
# Opens the console on the demo data under Xvfb (1400x900, no window manager)
# and saves docs/screenshots/{main,composer-note,palette,handoff,main-1366,offline}.png
# (main-1366: the window at 1366x768, a laptop screen).
# The console drives itself (--screenshot-dir); this script stops the server
# when the console asks, for the offline shot. The token goes to a throwaway
# keyring (tests/support/with-keyring.sh), never the developer's own.
#   ZEIKO_BUILD_DIR=build/ui tools/screenshots.sh     # use an existing build
#   ZEIKO_PALETTE=dark tools/screenshots.sh           # only docs/screenshots/main-dark.png
set -euo pipefail
cd "$(dirname "$0")/.."

build="${ZEIKO_BUILD_DIR:-build/release}"
if [ ! -x "$build/app/zeiko-console" ] || [ ! -x "$build/server/zeiko-server" ]; then
  cmake --preset release >/dev/null
  cmake --build "$build" --target zeiko-console zeiko-server -j"$(nproc)"
fi
docs="$(pwd)/docs/screenshots"
work=$(mktemp -d "${TMPDIR:-/tmp}/zeiko-shots.XXXXXX")
# The dark run (the console's palette forced through ZEIKO_PALETTE) keeps only
# its main window; the light pictures stay as they are.
palette="${ZEIKO_PALETTE:-}"
if [ "$palette" = dark ]; then out="$work/shots"; else out="$docs"; fi
mkdir -p "$out"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$build/server/zeiko-server" serve --listen "127.0.0.1:$port" --database "sqlite:$work/demo.sqlite" --demo \
  >"$work/server.log" 2>&1 &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  [ -n "${console_pid:-}" ] && kill "$console_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 150); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

export ZEIKO_DEMO_PASSWORD=demo-password
rm -f "$out/ready-for-offline"
tests/support/with-keyring.sh xvfb-run -a -s '-screen 0 1400x900x24' \
  "$(pwd)/$build/app/zeiko-console" --server "http://127.0.0.1:$port" --account demo \
  --email alex@demo.zeiko.test --password-env ZEIKO_DEMO_PASSWORD \
  --data-dir "$work/console" --screenshot-dir "$out" &
console_pid=$!

# The console writes this marker once main/composer/palette are saved.
for _ in $(seq 1 900); do
  [ -e "$out/ready-for-offline" ] && break
  kill -0 "$console_pid" 2>/dev/null || break
  sleep 0.2
done
kill "$server_pid" 2>/dev/null || true
wait "$console_pid"
console_pid=
rm -f "$out/ready-for-offline"
if [ "$palette" = dark ]; then
  cp "$out/main.png" "$docs/main-dark.png"
  ls -l "$docs/main-dark.png"
else
  ls -l "$out"
fi
