# shellcheck shell=bash
# TAP helpers for the packaging tests; sourced, not run.
# plan N; then ok/not_ok/check for each case; finish exits non-zero when a
# case failed or fewer cases ran than planned.
tap_count=0
tap_failed=0
tap_planned=0

plan() {
	tap_planned=$1
	echo "1..$1"
}

ok() {
	tap_count=$((tap_count + 1))
	echo "ok $tap_count - $*"
}

not_ok() {
	tap_count=$((tap_count + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_count - $*"
}

# diag LINES...: shown under a failure, as TAP comments.
diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# check DESCRIPTION COMMAND...: one case, ok when the command succeeds.
check() {
	local description=$1
	shift
	if "$@"; then ok "$description"; else not_ok "$description"; fi
}

finish() {
	if [ "$tap_count" != "$tap_planned" ]; then
		echo "# planned $tap_planned cases, ran $tap_count"
		exit 1
	fi
	[ "$tap_failed" = 0 ]
	exit
}
