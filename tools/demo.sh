#!/usr/bin/env bash
# Installs what is missing, builds an optimised tree, starts zeiko-server on
# an embedded SQLite file (seeded with the demo tenant) and, when the console
# is built, opens it signed in to that server. `zeiko-server simulate` runs
# alongside at a gentle rate (ZEIKO_DEMO_RATE actions/min, default 6; 0 turns
# it off) so chats, handoffs, order issues and emails keep arriving.
# Ctrl+C stops everything.
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
rate="${ZEIKO_DEMO_RATE:-6}"
email_port="${ZEIKO_DEMO_EMAIL_PORT:-$((port + 1))}"

# Fresh secrets per run, shared by the server and the simulator through the
# environment (not the command line, which every user can read).
random_secret() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }
export AGENT_SERVICE_TOKEN="$(random_secret | tr -d '/+=')"
# The shop's secret goes to the database (admin set-shopify) and to the
# simulator only: the server has no Shopify secret of its own.
shopify_secret="$(random_secret)"
export RESEND_WEBHOOK_SECRET="whsec_$(random_secret)"
export RESEND_INBOUND_DOMAIN=inbound.zeiko.localhost

# With the simulator on, its stand-in of Resend's API serves inbound email
# bodies and accepts the replies the demo sends (the key, like every secret,
# by the environment: zeiko-server refuses secrets on its command line).
resend_args=()
if [ "$rate" != 0 ]; then
  export RESEND_API_KEY=demo-standin
  resend_args=(--resend-api-base-url "http://127.0.0.1:$email_port")
fi
sim_pid=""
# The simulator starts every chat from 127.0.0.1: no per-address start limit here.
"$server" serve --listen "127.0.0.1:$port" --database "sqlite:$data_dir/demo.sqlite" --demo \
  --widget-starts-per-minute 0 "${resend_args[@]}" &
server_pid=$!
trap 'kill ${sim_pid:+"$sim_pid"} "$server_pid" 2>/dev/null; wait ${sim_pid:+"$sim_pid"} "$server_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
# Agent tokens belong to a tenant: this run's token becomes one of "demo"'s,
# handed over in a file (never on a command line).
token_file=$(mktemp)
printf %s "$AGENT_SERVICE_TOKEN" >"$token_file"
"$server" admin create-agent-token --database "sqlite:$data_dir/demo.sqlite" --account demo \
  --label "demo-$(date +%s)" --token-file "$token_file" >/dev/null
# Shopify secrets are per tenant too: the simulator's shop (demo.myshopify.com)
# signs with this run's secret.
printf %s "$shopify_secret" >"$token_file"
"$server" admin set-shopify --database "sqlite:$data_dir/demo.sqlite" --account demo \
  --shop-domain demo.myshopify.com --secret-file "$token_file" >/dev/null
rm -f "$token_file"

cat <<MSG

Zeiko demo server: http://127.0.0.1:$port
Sign in with   account: demo   email: alex@demo.zeiko.test   password: demo-password
MSG

if [ "$rate" != 0 ]; then
  SHOPIFY_WEBHOOK_SECRET="$shopify_secret" "$server" simulate --url "http://127.0.0.1:$port" --account demo --rate "$rate" \
    --email-standin "127.0.0.1:$email_port" &
  sim_pid=$!
  echo "Simulated traffic: $rate actions/min (ZEIKO_DEMO_RATE=0 turns it off)"
fi

if [ -x "$console" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  # The console reads the password from this variable (never from its command
  # line, where other users could see it in the process list).
  export ZEIKO_DEMO_PASSWORD="${ZEIKO_DEMO_PASSWORD:-demo-password}"
  "$console" --server "http://127.0.0.1:$port" --account demo \
    --email alex@demo.zeiko.test --password-env ZEIKO_DEMO_PASSWORD
else
  echo "Press Ctrl+C to stop the server."
  wait "$server_pid"
fi
