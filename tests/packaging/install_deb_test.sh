#!/usr/bin/env bash
# Installs the built .deb packages and smoke-tests the installed files.
#   install_deb_test.sh <package dir> [expected version]
# Mode (ZEIKO_INSTALL_MODE):
#   system  apt-get installs both packages into this machine (root, throwaway
#           CI machine only: tools/test.sh sets it as root), runs
#           /usr/bin/zeiko-* and purges both packages again at the end.
#   root    (default) apt-get resolves the dependencies without installing
#           (--simulate), the packages are unpacked into a temporary root and
#           run from there; needs no root and leaves the machine untouched.
# Exit 77 (skipped) when no packages were built: run tools/package.sh first.
set -euo pipefail
pkg_dir=${1:?package dir}
expected_version=${2:-}
mode=${ZEIKO_INSTALL_MODE:-root}

shopt -s nullglob
consoles=("$pkg_dir"/zeiko-console_*.deb)
servers=("$pkg_dir"/zeiko-server_*.deb)
if [ ${#consoles[@]} -ne 1 ] || [ ${#servers[@]} -ne 1 ]; then
  echo "SKIP: no (or several) zeiko-console/zeiko-server .deb in $pkg_dir - run tools/package.sh"
  exit 77
fi
console_deb=$(realpath "${consoles[0]}")
server_deb=$(realpath "${servers[0]}")
tmp=$(mktemp -d)
server_pid=""
installed=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  if [ -n "$installed" ]; then
    # Leave the machine as it was: the packages go, with their conffiles.
    apt-get purge -y -q zeiko-console zeiko-server >"$tmp/purge.log" 2>&1 || { cat "$tmp/purge.log"; echo "FAIL: apt-get purge"; }
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# --- package metadata -------------------------------------------------------
field() { dpkg-deb -f "$1" "$2"; }
[ "$(field "$console_deb" Package)" = zeiko-console ] || fail "console package name"
[ "$(field "$server_deb" Package)" = zeiko-server ] || fail "server package name"
console_depends=$(field "$console_deb" Depends)
server_depends=$(field "$server_deb" Depends)
echo "zeiko-console Depends: $console_depends"
echo "zeiko-server Depends: $server_depends"
# dlopen'ed pieces dpkg-shlibdeps cannot see, plus the automatic ones.
for dep in libqt6widgets6 libqt6sql6-sqlite libqt6svg6 libsecret-1-0 gnome-keyring qt6-qpa-plugins fonts-; do
  grep -q "$dep" <<<"$console_depends" || fail "zeiko-console does not depend on $dep"
done
for dep in libqt6core6 libqt6sql6-sqlite libqt6sql6-psql libsodium23; do
  grep -q "$dep" <<<"$server_depends" || fail "zeiko-server does not depend on $dep"
done
grep -qx /etc/default/zeiko-server <<<"$(dpkg-deb -I "$server_deb" conffiles)" || fail "env file is not a conffile"
console_files=$(dpkg-deb -c "$console_deb" | awk '{print $6}')
server_files=$(dpkg-deb -c "$server_deb" | awk '{print $6}')
for f in ./usr/bin/zeiko-console ./usr/share/applications/com.zeiko.HandoffConsole.desktop \
         ./usr/share/metainfo/com.zeiko.HandoffConsole.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/zeiko-console.svg \
         ./usr/share/icons/hicolor/48x48/apps/zeiko-console.png \
         ./usr/share/zeiko-console/translations/zeiko_de.qm; do
  grep -qx "$f" <<<"$console_files" || fail "zeiko-console lacks $f"
done
for f in ./usr/bin/zeiko-server ./usr/lib/systemd/system/zeiko-server.service ./etc/default/zeiko-server; do
  grep -qx "$f" <<<"$server_files" || fail "zeiko-server lacks $f"
done
if grep -q zeiko-server <<<"$console_files"; then fail "zeiko-console ships server files"; fi

# --- install ----------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
if [ "$mode" = system ]; then
  [ "$(id -u)" -eq 0 ] || fail "ZEIKO_INSTALL_MODE=system needs root"
  installed=yes
  # A fresh machine may have no package lists yet: refresh once and retry.
  apt-get install -y -q --no-install-recommends "$console_deb" "$server_deb" ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends "$console_deb" "$server_deb"; } ||
    fail "apt-get could not install the packages"
  for p in zeiko-console zeiko-server; do
    dpkg-query -W -f='${Status}' "$p" | grep -q 'install ok installed' || fail "$p is not installed"
  done
  [ "$(command -v zeiko-console)" = /usr/bin/zeiko-console ] || fail "zeiko-console is not /usr/bin/zeiko-console"
  root=""
else
  # Every dependency (hand-added ones included) must resolve from the archive.
  apt-get install --simulate -q --no-install-recommends "$console_deb" "$server_deb" >"$tmp/simulate.log" 2>&1 ||
    { cat "$tmp/simulate.log"; fail "apt cannot resolve the dependencies"; }
  root=$tmp/root
  dpkg-deb -x "$console_deb" "$root"
  dpkg-deb -x "$server_deb" "$root"
  # What the simulation would install is not on this machine: the binaries
  # below then run against what is; say so rather than hide it.
  grep '^Inst ' "$tmp/simulate.log" | grep -v 'zeiko-' | sed 's/^/would also install: /' || true
fi
console=$root/usr/bin/zeiko-console
server=$root/usr/bin/zeiko-server

# --- console ----------------------------------------------------------------
export QT_QPA_PLATFORM=offscreen HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
version=$("$console" --version)
echo "installed: $version"
grep -q '^zeiko-console ' <<<"$version" || fail "unexpected --version output: $version"
[ -z "$expected_version" ] || grep -q " $expected_version\$" <<<"$version" || fail "expected version $expected_version"

# German: the console's catalogue (embedded and installed) and Qt's own
# (QCommandLineParser's "Displays this help.") must both be picked up.
help_de=$(LC_ALL=de_DE.UTF-8 LANGUAGE=de "$console" --help 2>&1 || true)
grep -q 'Adresse des Ticket-Servers' <<<"$help_de" || { echo "$help_de"; fail "--help is not German under LC_ALL=de_DE (console catalogue not loaded)"; }
if [ -f /usr/share/qt6/translations/qtbase_de.qm ]; then
  grep -q 'Zeigt Hilfe zu den Kommandozeilenoptionen an' <<<"$help_de" || { echo "$help_de"; fail "Qt's own German catalogue (qtbase_de) not loaded"; }
fi

# Start-up smoke: the window comes up (sign-in, no server) and stays up;
# a missing platform plugin, SQL driver or crash ends it before the timeout.
set +e
timeout --signal=TERM 8 "$console" --data-dir "$tmp/console-data" >"$tmp/console.log" 2>&1
status=$?
set -e
cat "$tmp/console.log"
[ "$status" -eq 124 ] || fail "zeiko-console exited with $status during start-up (expected to keep running)"
if grep -Eiq 'could not (find|load) the qt platform plugin|driver not loaded|Segmentation|Aborted|Cannot open file .:/' "$tmp/console.log"; then
  fail "start-up reported a missing runtime piece"
fi

# --- server -----------------------------------------------------------------
"$server" --version | grep -q '^zeiko-server ' || fail "zeiko-server --version"
"$server" serve --listen 127.0.0.1:0 --database "sqlite:$tmp/server.db" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  grep -q 'listening on' "$tmp/server.log" && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
grep -q 'listening on' "$tmp/server.log" || { cat "$tmp/server.log"; fail "installed zeiko-server did not start"; }
kill -TERM "$server_pid"; wait "$server_pid" || fail "zeiko-server did not stop cleanly on SIGTERM"
server_pid=""
if command -v systemd-analyze >/dev/null && [ "$mode" = system ]; then
  systemd-analyze verify /usr/lib/systemd/system/zeiko-server.service
fi
if [ -n "$installed" ]; then
  apt-get purge -y -q zeiko-console zeiko-server || fail "apt-get purge"
  installed=""
  for f in /usr/bin/zeiko-console /usr/bin/zeiko-server /etc/default/zeiko-server; do
    [ ! -e "$f" ] || fail "$f is still there after purge"
  done
fi
echo "install test ($mode): ok"
