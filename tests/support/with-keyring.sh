#!/bin/sh
# Runs a command under a private session D-Bus with a throwaway, unlocked
# gnome-keyring, so keychain tests use a real Secret Service without touching the
# developer's own keyring (see TOOLCHAIN.md "QtKeychain with no desktop session").
#   usage: with-keyring.sh [--locked] <command> [args...]
#   --locked: the daemon runs but no keyring is unlocked (and there is no prompter).
set -eu

unlock=1
if [ "${1:-}" = "--locked" ]; then
  unlock=0
  shift
fi

HOME=$(mktemp -d "${TMPDIR:-/tmp}/zeiko-keyring-home.XXXXXX")
export HOME
# The daemon's control socket lives here; a shared one would let a parallel run's
# daemon answer for ours.
XDG_RUNTIME_DIR="$HOME/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR
unset GNOME_KEYRING_CONTROL DISPLAY

status=0
dbus-run-session -- sh -c '
  if [ "$0" = 1 ]; then
    printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  else
    gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1
  fi
  exec "$@"' "$unlock" "$@" || status=$?
rm -rf "$HOME"
exit "$status"
