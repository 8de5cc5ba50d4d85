#!/usr/bin/env bash
# Fuzzes one reader with libFuzzer for a given time.
#
#   Scripts/fuzz.sh TARGET SECONDS [JOBS]
#
# TARGET is one of: html xml feed sitemap pptx docx (the targets in Fuzz/rus-fuzz). The script
# builds the fuzz package (release, AddressSanitizer + libFuzzer) when needed, assembles the
# seed corpus in .build-fuzz/corpus/TARGET from ../shared/testdata and the bundled snapshots
# (nothing of it is committed), runs libFuzzer for SECONDS (with JOBS parallel jobs, default 1),
# writes what it finds to .build-fuzz/artifacts/TARGET/ and ends with a one-line summary.
# Exit status: 0 when nothing was found, 1 when something was, 2 on a usage or build error.
#
# Crashes, hangs (-timeout), out-of-memory (-rss_limit_mb) and leaks reported by ASan are
# findings; an input a reader refuses with a typed error is not. Replay a finding with
#   .build-fuzz/build/release/fuzz-TARGET .build-fuzz/artifacts/TARGET/crash-...
# and minimise it with -minimize_crash=1 -runs=10000 -exact_artifact_path=... .
set -euo pipefail

usage() { echo "usage: Scripts/fuzz.sh html|xml|feed|sitemap|pptx|docx SECONDS [JOBS]" >&2; exit 2; }
[[ $# -ge 2 && $# -le 3 ]] || usage
target=$1 seconds=$2 jobs=${3:-1}
case $target in html|xml|feed|sitemap|pptx|docx) ;; *) usage ;; esac
[[ $seconds =~ ^[0-9]+$ && $jobs =~ ^[1-9][0-9]*$ ]] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/.build-fuzz
testdata=$root/../shared/testdata
binary=$work/build/release/fuzz-$target
corpus=$work/corpus/$target
artifacts=$work/artifacts/$target
logs=$work/logs/$target
mkdir -p "$corpus" "$artifacts" "$logs"

# --- build --------------------------------------------------------------------------------
# SwiftPM passes --sanitize=fuzzer --sanitize=address to swiftc as two flags, and the Swift
# driver keeps only the last -sanitize= for compiling (6.3.1): the code would be built with
# ASan but without libFuzzer's coverage instrumentation, and libFuzzer would fuzz blind
# ("no interesting inputs were found"). The combined -sanitize=fuzzer,address, given to every
# target with -Xswiftc, restores it; --sanitize keeps SwiftPM's own link and runtime handling.
# An incremental build of the fuzz package once missed a source file newly added to the main
# package (22 November 2026): when the list of source files changes, the build starts clean.
sources=$(cd "$root" && find Sources Fuzz/rus-fuzz -name '*.swift' -not -path '*/.build*' | sort | sha256sum | cut -c1-64)
if [[ -d $work/build && $(cat "$work/build/source-list" 2>/dev/null) != "$sources" ]]; then
    echo "fuzz.sh: the source files changed since the last build (or are not recorded); building from clean" >&2
    rm -rf "$work/build"
fi
echo "fuzz.sh: building fuzz-$target (release, fuzzer + address)..." >&2
if ! swift build --package-path "$root/Fuzz/rus-fuzz" --scratch-path "$work/build" -c release \
        --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
        --product "fuzz-$target" > "$logs/build.log" 2>&1; then
    grep -E "error:" "$logs/build.log" >&2 || tail -20 "$logs/build.log" >&2
    exit 2
fi
echo "$sources" > "$work/build/source-list"

# --- seed corpus --------------------------------------------------------------------------
# Seeds are copied in under their own names (cp -n: never over an input libFuzzer found).
# Seeds larger than the cap are left out: they make every execution slow.
seed() {  # seed MAX_BYTES FILES...
    local max=$1; shift
    local file
    for file in "$@"; do
        [[ -f $file ]] || continue
        [[ $(stat -c %s "$file") -le $max ]] || continue
        local name=${file#"$root"/}
        name=${name#"$testdata"/}
        name=${name#../shared/testdata/}
        cp -n "$file" "$corpus/seed-${name//\//_}"
    done
}
shopt -s nullglob globstar
if [[ ! -d $testdata ]]; then
    echo "fuzz.sh: $testdata is absent; seeding from the bundled snapshots only" >&2
fi
snapshots=("$root"/Regions/*/Sources/Snapshot)
case $target in
    html)
        max_len=65536 dict=html.dict
        for s in "${snapshots[@]}"; do seed $max_len "$s"/*.html; done
        seed $max_len "$testdata"/trafilatura/pages/*.html ;;
    xml)
        max_len=65536 dict=xml.dict
        for s in "${snapshots[@]}"; do seed $max_len "$s"/*.xml; done
        seed $max_len "$testdata"/hostile-xml/*.xml "$testdata"/feedparser/feeds/**/*.xml "$root"/Fuzz/seeds/sitemap/*.xml ;;
    feed)
        max_len=65536 dict=xml.dict
        for s in "${snapshots[@]}"; do seed $max_len "$s"/*.xml; done
        seed $max_len "$testdata"/hostile-xml/*.xml "$testdata"/feedparser/feeds/**/*.xml ;;
    sitemap)
        max_len=65536 dict=xml.dict
        # The .gz seeds reach the gzip path, which mutating XML all but never does.
        seed $max_len "$root"/Fuzz/seeds/sitemap/*.xml "$root"/Fuzz/seeds/sitemap/*.gz "$testdata"/hostile-xml/*.xml
        for s in "${snapshots[@]}"; do seed $max_len "$s"/*.xml; done ;;
    pptx)
        max_len=262144 dict=ooxml.dict
        for s in "${snapshots[@]}"; do seed $max_len "$s"/*.pptx; done
        seed $max_len "$testdata"/ooxml/pptx/*.pptx ;;
    docx)
        max_len=262144 dict=ooxml.dict
        for s in "${snapshots[@]}"; do seed $max_len "$s"/*.docx; done
        seed $max_len "$testdata"/ooxml/docx/*.docx ;;
esac
if [[ $target == pptx || $target == docx ]]; then
    # Stored (uncompressed) copies of the seeds: the target makes stored entries' CRC-32s right
    # again before reading, so mutations in these reach the parts' XML (deflated ones mostly
    # end at the ZIP layer).
    python3 - "$corpus" "$max_len" <<'PY'
import io, os, sys, zipfile
corpus, cap = sys.argv[1], int(sys.argv[2])
for name in sorted(os.listdir(corpus)):
    if not name.startswith("seed-") or name.startswith("seed-stored-"):
        continue
    target = os.path.join(corpus, "seed-stored-" + name[len("seed-"):])
    if os.path.exists(target):
        continue
    try:
        with zipfile.ZipFile(os.path.join(corpus, name)) as source:
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as stored:
                for info in source.infolist():
                    stored.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    except Exception:
        continue
    if out.tell() <= cap:
        with open(target, "wb") as f:
            f.write(out.getvalue())
PY
fi
corpus_before=$(find "$corpus" -type f | wc -l)
[[ $corpus_before -gt 0 ]] || { echo "fuzz.sh: no seeds for $target" >&2; exit 2; }

# --- run ----------------------------------------------------------------------------------
findings_before=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
log=$logs/$stamp.log
flags=(
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len"
    -dict="$root/Fuzz/dictionaries/$dict" -artifact_prefix="$artifacts/" -print_final_stats=1
)
echo "fuzz.sh: fuzz-$target for ${seconds}s, $jobs job(s), $corpus_before inputs in $corpus; log $log" >&2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
status=0
if [[ -n ${3:-} ]]; then
    # With JOBS given: -fork=JOBS, which keeps going after a finding (every artifact is kept)
    # and shares one corpus between the jobs. Without: one process that stops at the first.
    (cd "$logs" && "$binary" "${flags[@]}" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 "$corpus") > "$log" 2>&1 || status=$?
else
    "$binary" "${flags[@]}" "$corpus" > "$log" 2>&1 || status=$?
fi

# --- summary ------------------------------------------------------------------------------
# The last status line libFuzzer printed ("#N DONE cov: C ft: F corp: K/S ...", or in fork
# mode "#N: cov: C ft: F corp: K exec/s: E ...") and its final stats.
last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
[[ -n $runs ]] || runs=$(sed -E 's/^#([0-9]+).*/\1/' <<< "$last")
# exec/s over the whole run (fork mode's status lines show the last job's rate only).
elapsed=$(grep -oE 'time: [0-9]+s' <<< "$last" | grep -oE '[0-9]+' || true)
[[ -n $elapsed && $elapsed -gt 0 ]] || elapsed=$seconds
if [[ $runs =~ ^[0-9]+$ && $elapsed -gt 0 ]]; then execs=$((runs / elapsed)); else execs="?"; fi
cov=$(grep -oE 'cov: [0-9]+' <<< "$last" | grep -oE '[0-9]+' || echo "?")
ft=$(grep -oE 'ft: [0-9]+' <<< "$last" | grep -oE '[0-9]+' || echo "?")
corpus_after=$(find "$corpus" -type f | wc -l)
findings_after=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
found=$((findings_after - findings_before))
slow=$(find "$artifacts" -type f -name 'slow-unit-*' | wc -l)
echo "fuzz-$target: ${seconds}s, runs $runs, exec/s $execs, cov: $cov ft: $ft, corpus $corpus_before -> $corpus_after, findings $found (total $findings_after in $artifacts, slow units $slow), libFuzzer exit $status"
if [[ $found -gt 0 ]]; then
    find "$artifacts" -type f -newer "$logs/build.log" \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sed 's/^/  /'
    exit 1
fi
[[ $status -eq 0 ]] || { echo "fuzz.sh: libFuzzer exited with $status without leaving an artifact; see $log" >&2; exit 1; }
