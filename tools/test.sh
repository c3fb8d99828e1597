#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer + UBSan, builds the
# Debian packages (tools/package.sh) and runs the whole test suite (every
# CTest label, the package install test included), with a throwaway
# PostgreSQL for the `postgres` suites. Extra arguments go to ctest (e.g. -L server).
# As root (CI: a throwaway machine) the install test really installs the
# .debs with apt and removes them afterwards; otherwise it unpacks them into
# a temporary root.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh --with-tests
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$(nproc)"

# Release build of the two executables + cpack DEB and TGZ into build/pkg,
# where the install test (packaging_install_deb) looks for them.
tools/package.sh build/pkg
if [ "$(id -u)" -eq 0 ]; then
  export ZEIKO_INSTALL_MODE=${ZEIKO_INSTALL_MODE:-system}
fi

# A throwaway PostgreSQL for the postgres suites, stopped on exit.
source tools/test_postgres.sh

ctest --preset asan -j"$(nproc)" "$@"
