#!/bin/sh
# Runs TAP test programs and scripts, each on its own, and closes with one
# line "libwinfax: N passed, N failed" (counting test points).  A program
# that exits non-zero, or crashes, or whose plan does not match what it
# printed, adds a failure even if all its points said "ok".  Programs
# (not *.sh) run under $VALGRIND when it is set.
#
# usage: VALGRIND='valgrind -q --error-exitcode=1 --leak-check=full' run_tap.sh test...

passed=0
failed=0
skipped=0
output=$(mktemp) || exit 2
trap 'rm -f "$output"' EXIT INT TERM

for test in "$@"; do
    name=$(basename "$test")
    case "$test" in
    *.sh) runner="sh" ;;
    *)    runner="${VALGRIND:-}" ;;
    esac
    echo "# --- $name${runner:+ (via ${runner%% *})}"
    # shellcheck disable=SC2086 # runner is a command line on purpose
    $runner "$test" >"$output" 2>&1
    status=$?
    cat "$output"

    test_passed=$(grep -c '^ok ' "$output")
    test_failed=$(grep -c '^not ok ' "$output")
    test_skipped=$(grep -c '^ok .*# SKIP' "$output")
    planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$output" | tail -n 1)

    if [ "$status" -ne 0 ] && [ "$test_failed" -eq 0 ]; then
        echo "not ok - $name exited with status $status"
        test_failed=1
    fi
    if [ -z "$planned" ] || [ "$planned" -ne $((test_passed + $(grep -c '^not ok ' "$output"))) ]; then
        echo "not ok - $name: plan '${planned:-missing}' does not match the test points"
        test_failed=$((test_failed + 1))
    fi
    passed=$((passed + test_passed - test_skipped))
    skipped=$((skipped + test_skipped))
    failed=$((failed + test_failed))
done

echo "libwinfax: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
