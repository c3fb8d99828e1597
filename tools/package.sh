#!/usr/bin/env bash
# Builds the two executables for packaging into build/pkg (prefix /usr) and
# runs CPack: build/pkg/zeiko-console_<v>_<arch>.deb, zeiko-server_<v>_<arch>.deb
# and zeiko-<v>-Linux.tar.gz. No tests, no benchmarks: CI runs this after the
# test build, so it is kept to what goes into the packages.
#   tools/package.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/pkg}
jobs=${ZEIKO_JOBS:-$(nproc)}

# Release at -O2 without debug info: CPack strips the binaries anyway, and
# debug info is most of the compile time of the Beast-heavy server sources.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake --preset release -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DCMAKE_INSTALL_PREFIX=/usr -DZEIKO_BUILD_TESTS=OFF -DZEIKO_BUILD_BENCHMARKS=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$jobs" --target zeiko-console zeiko-server zeiko_i18n
rm -f "$build"/*.deb "$build"/*.tar.gz
(cd "$build" && cpack -G "DEB;TGZ")
ls -1 "$build"/*.deb "$build"/*.tar.gz
