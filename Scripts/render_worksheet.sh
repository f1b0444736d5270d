#!/usr/bin/env bash
# Renders an HTML worksheet (huiqi calc … --format html) with headless Chromium, as a finance
# officer's browser would print it: to a PDF, and optionally to a PNG screenshot for the docs.
#
#   Scripts/render_worksheet.sh worksheet.html worksheet.pdf [worksheet.png]
#
# Needs Debian's `chromium` (.ci/run installs it). The page is A4; nothing is fetched.
set -euo pipefail
html="$(realpath "$1")"
pdf="$2"
png="${3:-}"
browser="$(command -v chromium || command -v chromium-browser)"
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir="$(mktemp -d)")
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" 2>/dev/null
if [ -n "$png" ]; then
    "$browser" "${flags[@]}" --hide-scrollbars --window-size=820,1160 --screenshot="$png" "file://$html" 2>/dev/null
fi
