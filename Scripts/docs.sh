#!/usr/bin/env bash
# Builds the DocC documentation of the library targets as one combined archive and fails on any
# documentation warning (a broken ``link``, an undocumented parameter, …) and on any public
# symbol in those targets without a `///` comment of its own (Scripts/undocumented.py).
#
# Output: .build/plugins/Swift-DocC/outputs/swift-regional-strategies.doccarchive
# To browse it: `swift package --disable-sandbox preview-documentation --target RegionalStrategies`
# (one target), or serve the archive folder with any static web server.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(RegionalStrategies StrategyModel RegionSupport Comparison Reports Documents Markup Fetching RegionModuleTesting)
args=()
for target in "${targets[@]}"; do args+=(--target "$target"); done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
status=0
swift package generate-documentation --enable-experimental-combined-documentation \
  "${args[@]}" --warnings-as-errors 2>&1 | tee "$log" || status=$?
echo "docs: built in $(( $(date +%s) - start )) s"

# SwiftPM's own warning about a file in ZIPFoundation's checkout is not ours; every other
# warning or error is.
if grep -E '(^|[^a-z])(warning|error):' "$log" | grep -v "^warning: 'zipfoundation'" >/dev/null; then
  echo "docs: warnings or errors above" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "docs: generate-documentation failed ($status)" >&2
  exit "$status"
fi
python3 Scripts/undocumented.py
