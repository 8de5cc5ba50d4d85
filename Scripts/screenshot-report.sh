#!/bin/sh
# Renders the HTML report of `rus compare` and a full-page screenshot of it in headless Chromium,
# to look at the report the way a reader's browser shows it.
#
#   Scripts/screenshot-report.sh [OUT.png] [-- rus compare arguments…]
#
# Writes the report next to the PNG (OUT.html) and prints both paths. Defaults: report.png in
# .build/report/, all bundled regions, the default codebook. Examples:
#   Scripts/screenshot-report.sh
#   Scripts/screenshot-report.sh /tmp/two.png -- blekinge kalmar --only coverage --only gaps
# Environment: WIDTH sets the window width (default 1400); HEIGHT its height (default: the
# page's full height, measured in a first headless run, at most 16000; 5000 if that fails);
# EXPAND=1 opens every <details> list first (as printing does); CHROMIUM names the browser binary.
#
# Needs Chromium (Debian/Ubuntu: apt-get install chromium) and installs nothing itself.
set -eu

cd "$(dirname "$0")/.."

out=".build/report/report.png"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then out="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
width="${WIDTH:-1400}"
height="${HEIGHT:-}"

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
    for candidate in chromium chromium-browser google-chrome; do
        if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
    done
fi
if [ -z "$browser" ]; then
    echo "error: no Chromium found; install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM" >&2
    exit 1
fi

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
html="${out%.png}.html"

swift build --product rus >/dev/null 2>&1 || swift build --product rus
.build/debug/rus compare "$@" --format html --output "$html"

# What is shot: the report, or with EXPAND=1 a copy with every list open.
view="$html"
if [ "${EXPAND:-0}" = "1" ]; then
    view="${out%.png}.expanded.html"
    sed 's#</body>#<script>document.querySelectorAll("details").forEach(function (d) { d.open = true; })</script></body>#' "$html" >"$view"
fi

if [ -z "$height" ]; then
    # Measure the page: a copy with one more line of script that writes its height into the DOM.
    probe="${out%.png}.probe.html"
    sed 's#</body>#<script>document.body.setAttribute("data-page-height", document.documentElement.scrollHeight)</script></body>#' "$view" >"$probe"
    height="$("$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,1000" \
        --dump-dom "file://$probe" 2>/dev/null | sed -n 's/.*data-page-height="\([0-9]*\)".*/\1/p' | head -n 1)"
    rm -f "$probe"
    [ -n "$height" ] || height=5000
    [ "$height" -le 16000 ] || height=16000
fi

# --virtual-time-budget lets the page settle; stderr carries Chromium's harmless D-Bus chatter.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=2000 \
    --window-size="$width,$height" --screenshot="$out" "file://$view" 2>/dev/null
[ "$view" = "$html" ] || rm -f "$view"

echo "report:     $html"
echo "screenshot: $out"
