// SPDX-License-Identifier: GPL-2.0
#include "realtime.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

/*
 * Lower RLIMIT_RTTIME to the guard, never raise it: a service manager's
 * tighter limit stays. 0, or a negative errno.
 */
static int set_cpu_guard(void)
{
	struct rlimit limit;

	if (getrlimit(RLIMIT_RTTIME, &limit))
		return -errno;
	if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max > FAXD_REALTIME_CPU_HARD_US)
		limit.rlim_max = FAXD_REALTIME_CPU_HARD_US;
	if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > FAXD_REALTIME_CPU_SOFT_US)
		limit.rlim_cur = FAXD_REALTIME_CPU_SOFT_US;
	if (limit.rlim_cur > limit.rlim_max)
		limit.rlim_cur = limit.rlim_max;
	return setrlimit(RLIMIT_RTTIME, &limit) ? -errno : 0;
}

static volatile sig_atomic_t guard_fired;

/*
 * SIGXCPU: leave real-time scheduling now, inside whatever stretch of work
 * ran too long. The raw system call: nothing in it takes a lock.
 */
static void on_cpu_guard(int signal_number)
{
	struct sched_param param = { 0 };
	int saved_errno = errno;

	(void)signal_number;
	syscall(SYS_sched_setscheduler, 0, SCHED_OTHER | SCHED_RESET_ON_FORK, &param);
	guard_fired = 1;
	errno = saved_errno;
}

static int install_guard_handler(void)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_handler = on_cpu_guard;
	action.sa_flags = SA_RESTART;
	sigemptyset(&action.sa_mask);
	return sigaction(SIGXCPU, &action, NULL) ? -errno : 0;
}

bool faxd_realtime_guard_fired(void)
{
	if (!guard_fired)
		return false;
	guard_fired = 0;
	return true;
}

int faxd_realtime_capped_priority(int priority, unsigned long long granted_rtprio)
{
	/* No grant leaves it to CAP_SYS_NICE: asking is how to find out. */
	if (granted_rtprio == 0 || granted_rtprio == (unsigned long long)RLIM_INFINITY)
		return priority;
	return granted_rtprio < (unsigned long long)priority ? (int)granted_rtprio : priority;
}

int faxd_realtime_enter(int priority)
{
	struct sched_param param = { 0 };
	struct rlimit granted;
	int error;

	if (priority < 1 || priority > 99)
		return -EINVAL;
	if (!getrlimit(RLIMIT_RTPRIO, &granted))
		priority = faxd_realtime_capped_priority(priority, granted.rlim_cur);
	error = install_guard_handler();
	if (!error)
		error = set_cpu_guard();
	if (error)
		return error;
	param.sched_priority = priority;
	if (sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, &param))
		return -errno;
	return priority;
}

int faxd_realtime_enter_logged(int priority, const char *service)
{
	int result = faxd_realtime_enter(priority);

	if (result > 0)
		log_notice("real-time scheduling for the audio: SCHED_RR priority %d", result);
	else
		log_warning("no real-time scheduling (%s): the audio may miss the line's clock "
			    "when the machine is busy; %s grants it with LimitRTPRIO=",
			    strerror(-result), service);
	return result;
}

void faxd_realtime_log_guard(void)
{
	if (faxd_realtime_guard_fired())
		log_error("ran %d ms at real-time priority without a pause: back to normal "
			  "scheduling", FAXD_REALTIME_CPU_SOFT_US / 1000);
}

int faxd_realtime_leave(void)
{
	struct sched_param param = { 0 };

	if (sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &param))
		return -errno;
	return 0;
}

int faxd_realtime_priority(void)
{
	struct sched_param param;
	int policy = sched_getscheduler(0);

	if (policy < 0 || sched_getparam(0, &param))
		return 0;
	policy &= ~SCHED_RESET_ON_FORK;
	return policy == SCHED_RR || policy == SCHED_FIFO ? param.sched_priority : 0;
}

void *faxd_audio_buffer_alloc(size_t bytes)
{
	void *buffer = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			    -1, 0);

	if (buffer == MAP_FAILED)
		return NULL;
	/* Best effort: over RLIMIT_MEMLOCK the buffer is only not locked. */
	(void)mlock(buffer, bytes);
	return buffer;
}

void faxd_audio_buffer_free(void *buffer, size_t bytes)
{
	/* munmap unlocks too. */
	if (buffer)
		munmap(buffer, bytes);
}
