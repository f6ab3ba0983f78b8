// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of engine/realtime: what a real-time faxd promises the
 * machine it runs on. Each case runs in a child of its own, so that the
 * test itself (and valgrind around it) never stays at real-time priority,
 * and reports back through its exit status. Needs root (or CAP_SYS_NICE)
 * for the cases that get real-time scheduling: make check runs as root.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../engine/realtime.h"
#include <tap.h>

/* The child's verdict: 0 when every check in @body held, else the failed check's number. */
static int in_child(int (*body)(void))
{
	pid_t child = fork();
	int status;

	if (child < 0)
		return -1;
	if (child == 0)
		_exit(body());
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status)) {
		tap_diag("the child ended by signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		return -1;
	}
	if (WEXITSTATUS(status))
		tap_diag("check %d failed in the child", WEXITSTATUS(status));
	return WEXITSTATUS(status);
}

static int enters_round_robin_with_the_guard_set(void)
{
	struct rlimit rttime;
	int policy;

	if (faxd_realtime_enter(10) != 10)
		return 1;
	policy = sched_getscheduler(0);
	if ((policy & ~SCHED_RESET_ON_FORK) != SCHED_RR)
		return 2;
	if (!(policy & SCHED_RESET_ON_FORK))
		return 3;
	if (faxd_realtime_priority() != 10)
		return 4;
	if (getrlimit(RLIMIT_RTTIME, &rttime) ||
	    rttime.rlim_cur != FAXD_REALTIME_CPU_SOFT_US ||
	    rttime.rlim_max != FAXD_REALTIME_CPU_HARD_US)
		return 5;
	if (faxd_realtime_leave() || faxd_realtime_priority() != 0)
		return 6;
	return 0;
}

static int forked_helpers_run_at_normal_priority(void)
{
	pid_t helper;
	int status;

	if (faxd_realtime_enter(10) != 10)
		return 1;
	helper = fork();
	if (helper < 0)
		return 2;
	if (helper == 0)
		_exit(sched_getscheduler(0) == SCHED_OTHER && faxd_realtime_priority() == 0 ? 0 : 1);
	if (waitpid(helper, &status, 0) != helper || !WIFEXITED(status) || WEXITSTATUS(status))
		return 3;
	return 0;
}

/*
 * Only the arithmetic: raising RLIMIT_RTPRIO above 0 to see it applied
 * needs CAP_SYS_RESOURCE, which the test's host may not grant even root.
 */
static int the_rtprio_grant_caps_the_priority(void)
{
	if (faxd_realtime_capped_priority(10, 5) != 5 || faxd_realtime_capped_priority(10, 99) != 10)
		return 1;
	if (faxd_realtime_capped_priority(10, 10) != 10)
		return 2;
	/* No grant: CAP_SYS_NICE decides, so the priority asked is tried. */
	if (faxd_realtime_capped_priority(10, 0) != 10 ||
	    faxd_realtime_capped_priority(10, (unsigned long long)RLIM_INFINITY) != 10)
		return 3;
	return 0;
}

static int without_grant_or_capability_it_is_refused_and_nothing_changes(void)
{
	struct rlimit none = { 0, 0 };

	if (setrlimit(RLIMIT_RTPRIO, &none))
		return 1;
	/* setuid from root drops CAP_SYS_NICE with every other capability. */
	if (setgid(65534) || setuid(65534))
		return 2;
	if (faxd_realtime_enter(10) != -EPERM)
		return 3;
	return sched_getscheduler(0) == SCHED_OTHER ? 0 : 4;
}

static int out_of_range_priorities_are_refused(void)
{
	if (faxd_realtime_enter(0) != -EINVAL || faxd_realtime_enter(100) != -EINVAL)
		return 1;
	return faxd_realtime_priority() == 0 ? 0 : 2;
}

static double cpu_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/*
 * A stretch of CPU longer than the guard: the handler takes real-time
 * scheduling away during the stretch, and says so once. A tighter limit
 * set before (as a service manager may) is kept, so this takes 0.2 s.
 */
static int a_stretch_without_a_pause_loses_real_time_at_once(void)
{
	struct rlimit tight = { 200000, 1000000 };
	struct rlimit kept;
	double start;

	if (setrlimit(RLIMIT_RTTIME, &tight))
		return 1;
	if (faxd_realtime_enter(1) != 1)
		return 2;
	if (getrlimit(RLIMIT_RTTIME, &kept) || kept.rlim_cur != 200000 || kept.rlim_max != 1000000)
		return 3;
	start = cpu_seconds();
	while (faxd_realtime_priority() && cpu_seconds() - start < 0.9)
		;
	if (faxd_realtime_priority() != 0)
		return 4;
	if (!faxd_realtime_guard_fired() || faxd_realtime_guard_fired())
		return 5;
	return 0;
}

static long locked_kib(void)
{
	FILE *status = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	if (!status)
		return -1;
	while (fgets(line, sizeof(line), status))
		if (sscanf(line, "VmLck: %ld kB", &kib) == 1)
			break;
	fclose(status);
	return kib;
}

static int audio_buffers_are_locked_and_unlocked(void)
{
	long before = locked_kib();
	int16_t *buffer = faxd_audio_buffer_alloc(8192);

	if (before < 0 || !buffer)
		return 1;
	if (((uintptr_t)buffer % (uintptr_t)sysconf(_SC_PAGESIZE)) != 0)
		return 2;
	memset(buffer, 0x55, 8192);
	if (locked_kib() < before + 8)
		return 3;
	faxd_audio_buffer_free(buffer, 8192);
	return locked_kib() == before ? 0 : 4;
}

int main(void)
{
	if (geteuid() != 0)
		return tap_skip_all("needs root (real-time scheduling); make check runs as root");
	tap_plan(7);
	ok(in_child(enters_round_robin_with_the_guard_set) == 0,
	   "enter: SCHED_RR at the priority asked, reset on fork, RLIMIT_RTTIME 2 s / 5 s; leave: back");
	ok(in_child(forked_helpers_run_at_normal_priority) == 0,
	   "a helper forked by a real-time process runs at normal priority");
	ok(in_child(the_rtprio_grant_caps_the_priority) == 0,
	   "RLIMIT_RTPRIO (LimitRTPRIO=) caps the priority");
	ok(in_child(without_grant_or_capability_it_is_refused_and_nothing_changes) == 0,
	   "without the grant or CAP_SYS_NICE: -EPERM, and the scheduling is unchanged");
	ok(in_child(out_of_range_priorities_are_refused) == 0,
	   "priorities outside 1..99: -EINVAL");
	ok(in_child(a_stretch_without_a_pause_loses_real_time_at_once) == 0,
	   "CPU without a pause past RLIMIT_RTTIME: back to normal during the stretch, reported once");
	ok(in_child(audio_buffers_are_locked_and_unlocked) == 0,
	   "audio buffers: page-aligned, locked in memory, unlocked when freed");
	return tap_finish();
}
