#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer (with LeakSanitizer) or ThreadSanitizer and
# prints a one-line verdict. Not part of .ci/run: a sanitizer build and run of the whole suite
# takes too long for CI; run it by hand before a release and after changes to Sources/Markup,
# the readers in Sources/Documents or anything concurrent (see SECURITY.md, "Sanitizers").
#
#   Scripts/sanitize.sh address|thread [swift test arguments…]
#
# Examples:
#   Scripts/sanitize.sh address
#   Scripts/sanitize.sh thread --filter ConcurrentParsingTests
#
# Each sanitizer builds into its own scratch path (.build-asan, .build-tsan), so the normal
# .build stays as it is. The full output goes to <scratch>/sanitize.log. The first finding stops
# the run (abort_on_error / halt_on_error) and fails the verdict; a finding is never only a
# warning. Scripts/sanitize-suppressions-<mode>.txt, when it exists, holds suppressions for
# findings proven to be outside this project's code, each with the reason.
#
# Exit status: 0 when every test passed with no sanitizer report, 1 otherwise, 2 on bad usage.
set -uo pipefail

cd "$(dirname "$0")/.."

mode="${1:-}"
case "$mode" in
    address) scratch=".build-asan" ;;
    thread) scratch=".build-tsan" ;;
    *)
        echo "usage: Scripts/sanitize.sh address|thread [swift test arguments…]" >&2
        exit 2
        ;;
esac
shift

suppressions="$PWD/Scripts/sanitize-suppressions-$mode.txt"
case "$mode" in
    address)
        # detect_leaks: LeakSanitizer runs at exit (it works on Linux x86_64 and aarch64).
        # abort_on_error: a finding aborts the test process, so swift test fails.
        # detect_stack_use_after_return: also catches pointers to dead stack frames.
        # strict_string_checks: C string functions check the whole string.
        export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
        if [ -f "$suppressions" ]; then
            export LSAN_OPTIONS="suppressions=$suppressions:print_suppressions=1${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
        fi
        ;;
    thread)
        # halt_on_error: the first data race fails the run.
        # second_deadlock_stack: both stacks of a lock-order inversion.
        export TSAN_OPTIONS="halt_on_error=1:abort_on_error=1:second_deadlock_stack=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
        if [ -f "$suppressions" ]; then
            export TSAN_OPTIONS="$TSAN_OPTIONS:suppressions=$suppressions:print_suppressions=1"
        fi
        ;;
esac

# The Swift runtime's backtracer catches the sanitizer's abort, then reads memory the sanitizer
# forbids and the process hangs instead of exiting; the sanitizer prints its own stacks.
export SWIFT_BACKTRACE="enable=no"

mkdir -p "$scratch"
log="$scratch/sanitize.log"
start=$(date +%s)
echo "sanitize.sh: swift test --sanitize=$mode --scratch-path $scratch $*"
swift test --sanitize="$mode" --scratch-path "$scratch" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
seconds=$(( $(date +%s) - start ))

# What the log says: tests run (Swift Testing and XCTest) and sanitizer reports.
tests=$(grep -Eo 'Test run with [0-9]+ tests?' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
xctests=$(grep -Eo 'Executed [0-9]+ tests?' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
findings=$(grep -Ec 'ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer' "$log" || true)
summary="${tests:-0} tests${xctests:+ + $xctests XCTest tests}, ${findings} sanitizer reports, ${seconds} s (log: $log)"

if [ "${tests:-0}" -eq 0 ] && [ "${xctests:-0}" -eq 0 ]; then
    echo "sanitize.sh $mode: FAIL (no test ran; exit status $status) — $summary"
    exit 1
fi
if [ "$status" -eq 0 ] && [ "$findings" -eq 0 ]; then
    echo "sanitize.sh $mode: PASS — $summary"
    exit 0
fi
echo "sanitize.sh $mode: FAIL (exit status $status) — $summary"
exit 1
