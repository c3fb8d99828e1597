#!/usr/bin/env bash
# The desktop entry and AppStream metainfo validate, and the icon PNGs are
# the sizes their names say (the hicolor theme installs them by that name).
#   check_desktop_metadata.sh <.desktop> <configured .metainfo.xml> <icons dir>
set -euo pipefail
desktop=$1 metainfo=$2 icons=$3

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop"
  echo "desktop-file-validate: ok"
else
  echo "desktop-file-validate not installed (desktop-file-utils): desktop entry not validated"
fi
appstreamcli validate --no-net "$metainfo"

for png in "$icons"/zeiko-console-*.png; do
  size=${png##*-}; size=${size%.png}
  # PNG header: width and height are big-endian at bytes 16..23.
  read -r width height < <(od -An -tu1 -j16 -N8 "$png" |
    awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  if [ "$width" != "$size" ] || [ "$height" != "$size" ]; then
    echo "$png is ${width}x${height}, expected ${size}x${size}"
    exit 1
  fi
done
echo "icon sizes: ok"
