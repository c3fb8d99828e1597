#!/usr/bin/env bash
# Builds the release preset into build/pkg (prefix /usr) and runs CPack:
# build/pkg/zeiko-console_<v>_<arch>.deb, zeiko-server_<v>_<arch>.deb and
# zeiko-<v>-Linux.tar.gz. Only the two executables are built, not the tests.
#   tools/package.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/pkg}
jobs=${ZEIKO_JOBS:-$(nproc)}

cmake --preset release -B "$build" -DCMAKE_INSTALL_PREFIX=/usr -DZEIKO_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target zeiko-console zeiko-server zeiko_i18n
rm -f "$build"/*.deb "$build"/*.tar.gz
(cd "$build" && cpack -G "DEB;TGZ")
ls -1 "$build"/*.deb "$build"/*.tar.gz
