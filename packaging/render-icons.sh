#!/usr/bin/env bash
# Renders packaging/icons/rapport.svg to the PNG sizes desktops use (hicolor theme), into
# packaging/icons/hicolor/SIZExSIZE/apps/rapport.png. Needs rsvg-convert (Debian: librsvg2-bin).
# The PNGs are committed, so building needs no SVG renderer; run this after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/icons"
for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert --width "$size" --height "$size" rapport.svg \
        --output "hicolor/${size}x${size}/apps/rapport.png"
done
mkdir -p hicolor/scalable/apps
cp rapport.svg hicolor/scalable/apps/rapport.svg
