#!/usr/bin/env bash
# Re-renders the committed PNG sizes and the Windows .ico from the one source
# icon (resources/icons/zeiko-console.svg). Needs rsvg-convert (librsvg2-bin)
# and ImageMagick; run after the SVG changes and commit the results.
set -euo pipefail
cd "$(dirname "$0")"
svg=../../resources/icons/zeiko-console.svg
for size in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "zeiko-console-$size.png"
done
convert zeiko-console-{16,24,32,48,64,256}.png zeiko-console.ico
