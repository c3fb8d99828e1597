#!/usr/bin/env bash
# Installs every package the project needs on Debian/Ubuntu (idempotent:
# quick when everything is present). Elsewhere it prints the equivalents.
set -euo pipefail

# libqt6svg6: the icon engine for the SVG app/tray icon at run time (also a
# Depends of the zeiko-console package, so the install test needs no download).
BUILD_PACKAGES=(
  cmake ninja-build g++ pkg-config curl ccache
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-tools-dev
  qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm
  libboost1.81-dev libssl-dev libcurl4-openssl-dev libgl-dev
  libsqlite3-dev sqlite3 libsodium-dev
  libqt6svg6
)
TEST_PACKAGES=(
  xvfb xauth dbus-x11 gnome-keyring libsecret-tools postgresql
  fonts-noto-color-emoji fonts-dejavu-core imagemagick python3-aiosmtpd appstream desktop-file-utils
  python3-jsonschema python3-yaml
)

if [ ! -f /etc/debian_version ]; then
  cat <<'MSG'
This script installs packages on Debian/Ubuntu only. Equivalents elsewhere:
  macOS (Homebrew): brew install cmake ninja qt@6 boost cmark-gfm qtkeychain postgresql sqlite
  Windows: Qt 6 (Qt Online Installer: Widgets, Network, WebSockets, Sql, Tools)
           vcpkg install boost-beast boost-asio cmark-gfm qtkeychain-qt6 sqlite3 libpq
MSG
  exit 1
fi

wanted=("${BUILD_PACKAGES[@]}")
[ "${1:-}" = "--with-tests" ] && wanted+=("${TEST_PACKAGES[@]}")

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
