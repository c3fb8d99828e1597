#!/usr/bin/env bash
# Every environment variable `zeiko-server serve --help` names must be
# documented in the service's env file, and the systemd unit must verify.
#   check_server_settings.sh <zeiko-server> <env file> <unit.in>
set -euo pipefail
server=$1 env_file=$2 unit_in=$3

help=$("$server" serve --help | tr -s '\n ' '  ')
mapfile -t variables < <(grep -o '\[[^]]*\]' <<<"$help" | grep -oE '\b[A-Z][A-Z0-9_]{3,}\b' | sort -u)
[ ${#variables[@]} -ge 10 ] || { echo "found only ${#variables[@]} variables in serve --help: parser broken?"; exit 1; }
missing=0
for variable in "${variables[@]}"; do
  if ! grep -Eq "^#?[[:space:]]*${variable}=" "$env_file"; then
    echo "not documented in $(basename "$env_file"): $variable"
    missing=$((missing + 1))
  fi
done
echo "${#variables[@]} settings in serve --help, $missing undocumented"
[ "$missing" -eq 0 ] || exit 1

if command -v systemd-analyze >/dev/null; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  sed -e "s|@ZEIKO_ENV_FILE@|$env_file|g; s|@ZEIKO_SERVER_EXECUTABLE@|$server|; s|@ZEIKO_DOC_DIR@|/usr/share/doc/zeiko-server|" \
    "$unit_in" >"$tmp/zeiko-server.service"
  systemd-analyze verify "$tmp/zeiko-server.service"
  echo "systemd-analyze verify: ok"
else
  echo "systemd-analyze not installed: unit not verified"
fi
