# Shell helpers of the end-to-end tests that run faxd in the VM and talk to
# it through libwinfax (libwinfax/tests/e2e_*_test). Sourced, not run.
# The sourcing script sets $repo (the tree) and $work (a scratch folder
# under /tmp) first.

e2e_daemon=$repo/daemon
e2e_tests=$e2e_daemon/tests
faxd=$e2e_daemon/faxd/faxd
faxdial=$e2e_daemon/faxdial/faxdial
client=$e2e_tests/winfax_client
params=/sys/module/faxport/parameters

test_number=0
failures=0
ok() { # STATUS DESCRIPTION
	test_number=$((test_number + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $test_number - $2"
	else
		echo "not ok $test_number - $2"
		failures=$((failures + 1))
	fi
}
diag() { sed 's/^/# /'; }
now_ms() { date +%s%3N; }

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds, SECONDS x 10
# times with 0.1 s between. That is SECONDS on an idle machine and longer on
# a starved one (each poll's forks then take their time too): on purpose,
# the limits are for a test that is stuck, not one that is slow.
wait_for() {
	limit=$(($1 * 10))
	shift
	i=0
	while [ $i -lt $limit ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# exited PID: the process has ended, waited for or not yet (a zombie,
# which kill -0 still finds).
exited() {
	[ ! -r "/proc/$1/stat" ] || [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" = Z ]
}

# count_lines PATTERN FILE: how many lines match (0 if no file).
count_lines() {
	if [ -f "$2" ]; then
		grep -c -- "$1" "$2"
	else
		echo 0
	fi
}

# more_lines BEFORE PATTERN FILE: PATTERN matched again since BEFORE was counted.
more_lines() { [ "$(count_lines "$2" "$3")" -gt "$1" ]; }

# in_order FILE PATTERN...: each PATTERN matches a line after the line the
# previous one matched (extended regular expressions, awk's).
in_order() {
	file=$1
	shift
	awk -v patterns="$(printf '%s\n' "$@")" '
		BEGIN { n = split(patterns, want, "\n"); k = 1 }
		k <= n && $0 ~ want[k] { k++ }
		END { exit k <= n ? 1 : 0 }' "$file"
}

# start_faxd NAME CONFIG: faxd in the background, its log in $work/NAME.log,
# its pid in $work/NAME.pid; up once it has attached to its ports. With
# faxd_nice set, faxd runs at that niceness (nice execs faxd, so the pid
# recorded is faxd's).
start_faxd() {
	seen=$(count_lines "notice: started" "$work/$1.log")
	${faxd_nice:+nice -n "$faxd_nice"} "$faxd" -c "$2" >>"$work/$1.log" 2>&1 &
	echo $! >"$work/$1.pid"
	wait_for 10 more_lines "$seen" "notice: started" "$work/$1.log"
}
faxd_pid() { cat "$work/$1.pid"; }
stop_faxd() { # NAME [SIGNAL]
	# read, not faxd_pid: no fork, which costs much in a starved VM.
	read -r pid <"$work/$1.pid"
	kill -"${2:-TERM}" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}
# reload_faxd NAME: SIGHUP, then wait until faxd says it reloaded.
reload_faxd() {
	seen=$(count_lines "configuration reloaded" "$work/$1.log")
	kill -HUP "$(faxd_pid "$1")"
	wait_for 5 more_lines "$seen" "configuration reloaded" "$work/$1.log"
}

inbox_final() { # SPOOL PORT: the newest complete fax received on PORT
	ls "$1/inbox" 2>/dev/null | grep -E "^[0-9]{8}T[0-9]{6}Z-$2-[0-9]+\.tif$" | tail -n1
}
inbox_count() { # SPOOL PORT: complete faxes received on PORT
	ls "$1/inbox" 2>/dev/null | grep -cE "^[0-9]{8}T[0-9]{6}Z-$2-[0-9]+\.tif$"
}

# e2e_add_ports COUNT: COUNT more loopback ports for calls in parallel
# (the module makes four); their DeviceIds, which are also their numbers,
# in $e2e_added_ports. Removed by e2e_remove_ports.
e2e_loopback_ports=${BUILD_DIR:-$repo/build}/selftests/loopback_ports
e2e_added_ports=""
e2e_add_ports() {
	added=$("$e2e_loopback_ports" add "$1") || return 1
	e2e_added_ports=$(echo $added)
}
e2e_remove_ports() {
	[ -z "$e2e_added_ports" ] && return 0
	# shellcheck disable=SC2086 # one DeviceId per word
	"$e2e_loopback_ports" remove $e2e_added_ports || return 1
	e2e_added_ports=""
}

# The test lines: fast rings, no noise; restored by e2e_restore_line.
# 10 rings of 200 ms: an unanswered call ends in 2 s, and a faxd slowed
# down by a loaded machine still answers in time.
e2e_setup_line() {
	old_max_rings=$(cat $params/max_rings)
	old_ring_period=$(cat $params/ring_period_ms)
	old_noise=$(cat $params/line_noise_dbm0)
	echo 10 >$params/max_rings
	echo 200 >$params/ring_period_ms
	echo off >$params/line_noise_dbm0
}
# e2e_delete_jobs: delete every job left in the queue. A job that failed for
# good stays there dirty_days, and the tests after this one begin with an
# empty queue (faxd_kill_test counts on it).
e2e_delete_jobs() {
	for id in $("$repo/tools/faxctl/faxctl" jobs --json | jq -r '.[].job_id'); do
		"$repo/tools/faxctl/faxctl" job delete "$id" >/dev/null
	done
}

e2e_restore_line() {
	echo "$old_max_rings" >$params/max_rings
	echo "$old_ring_period" >$params/ring_period_ms
	echo "$old_noise" >$params/line_noise_dbm0
}

# e2e_finish LOG...: the closing diagnostics and exit status.
e2e_finish() {
	if [ $failures -ne 0 ]; then
		for log in "$@"; do
			[ -f "$log" ] || continue
			echo "# --- $log"
			tail -n 30 "$log" | diag
		done
	fi
	echo "# $((test_number - failures)) passed, $failures failed"
	[ $failures -eq 0 ]
}
