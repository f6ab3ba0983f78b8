# Shared by tools/run-checks (make check) and tools/run-debug-checks
# (make check-debug); sourced, not run. The caller sets repo, build_dir and
# tap_dir, and runs from the repository's top.

# Each step says when it began, so that a slow suite shows in the log.
step() { echo; echo "=== $* === (at ${SECONDS} s)"; }

# run_suite NAME COMMAND...: the command prints TAP; a failing exit status
# with no failing test line still counts as one failure.
run_suite() {
	local name=$1
	shift
	step "$name"
	"$@" 2>&1 | tee "$tap_dir/$name.tap"
	local status=${PIPESTATUS[0]}
	if [ "$status" != 0 ] && ! grep -q '^not ok' "$tap_dir/$name.tap"; then
		echo "not ok - $name exited with status $status" | tee -a "$tap_dir/$name.tap"
	fi
}

build_suite() {
	echo "1..1"
	if make -s test-build >"$tap_dir/build.log" 2>&1; then
		echo "ok 1 - make test-build (module for the VM's kernel, library, daemon, tools, selftests)"
	else
		cat "$tap_dir/build.log"
		echo "not ok 1 - make test-build (module for the VM's kernel, library, daemon, tools, selftests)"
		return 1
	fi
}

asan_build_suite() {
	echo "1..1"
	if tools/build-asan >"$tap_dir/asan-build.log" 2>&1; then
		echo "ok 1 - AddressSanitizer builds of faxd and the bad-document client"
	else
		cat "$tap_dir/asan-build.log"
		echo "not ok 1 - AddressSanitizer builds of faxd and the bad-document client"
		return 1
	fi
}

# run_vm_selftests OUT VM-RUN-OPTION...: selftests/run-in-vm inside
# tools/vm-run; the guest's files come back in BUILD_DIR/OUT and each TAP is
# saved as vm-NAME.tap. RUN_IN_VM_SET (e.g. --debug-set) picks run-in-vm's
# set of tests. A run that failed with every test passing (a splat,
# the unload, a kmemleak report) or with no TAP at all adds a failure
# (OUT-status.tap, so that two runs side by side each count their own).
run_vm_selftests() {
	local vm_out="$build_dir/$1" vm_status t
	shift
	rm -rf "$vm_out"
	VMRUN_KEEP_OUT="$vm_out" tools/vm-run "$@" -- selftests/run-in-vm --quiet ${RUN_IN_VM_SET:-}
	vm_status=$?
	shopt -s nullglob
	local vm_taps=("$vm_out"/*.tap)
	# The guest printed a line per test; the whole TAP goes to the log here.
	for t in "${vm_taps[@]}"; do
		echo "# selftest: $(basename "$t" .tap)"
		cat "$t"
		cp "$t" "$tap_dir/vm-$(basename "$t")"
	done
	if [ "$vm_status" != 0 ] && [ ${#vm_taps[@]} -gt 0 ] &&
	   ! grep -q '^not ok' "${vm_taps[@]}"; then
		# The tests passed but the VM run failed: a splat, or the unload.
		echo "not ok 1 - vm-run reported a failure (status $vm_status)" >"$tap_dir/$(basename "$vm_out")-status.tap"
	elif [ ${#vm_taps[@]} -eq 0 ]; then
		echo "not ok 1 - the VM produced no test results (status $vm_status)" >"$tap_dir/$(basename "$vm_out")-status.tap"
	fi
}

# run_vm_halves OUT VM-RUN-OPTION...: the two halves of RUN_IN_VM_SET
# (run-in-vm --half) in two VMs at once, each with one vCPU: on a
# two-core host this halves the wall time. Each VM's log is printed whole
# when both are done, half 1's first.
run_vm_halves() {
	local out=$1 set=${RUN_IN_VM_SET:-} pid
	shift
	RUN_IN_VM_SET="$set --half 1" run_vm_selftests "$out-1" "$@" >"$tap_dir/$out-1.log" 2>&1 &
	pid=$!
	RUN_IN_VM_SET="$set --half 2" run_vm_selftests "$out-2" "$@" >"$tap_dir/$out-2.log" 2>&1
	wait "$pid"
	cat "$tap_dir/$out-1.log" "$tap_dir/$out-2.log"
}
