/* SPDX-License-Identifier: GPL-2.0 */
/*
 * realtime: the scheduling and memory of a process that moves a port's
 * audio against the line's clock.
 *
 * A real-time port must hand the line 20 ms of audio every 20 ms; a build
 * or a backup beside faxd at the same nice level delays it by tens of
 * milliseconds, which a modem hears as a break in its carrier. So the
 * process asks for SCHED_RR at a low real-time priority, within what the
 * service grants (RLIMIT_RTPRIO, systemd's LimitRTPRIO=, or CAP_SYS_NICE).
 * Two guards keep a real-time faxd from taking a CPU away for good:
 * SCHED_RESET_ON_FORK, so that no helper or route command it starts runs
 * at real-time priority, and RLIMIT_RTTIME, so that a stretch of CPU
 * without a pause (a bug, a hostile page, a slow emulated machine) raises
 * SIGXCPU, whose handler returns the process to normal scheduling at once,
 * in the middle of that stretch: it goes on, only no longer ahead of
 * everyone (the hard limit, SIGKILL, is for a handler that cannot run).
 * The audio buffers are locked in memory: a page fault on them would be a
 * gap too.
 */
#ifndef FAXD_ENGINE_REALTIME_H
#define FAXD_ENGINE_REALTIME_H

#include <stdbool.h>
#include <stddef.h>

/* At most this much CPU without blocking at real-time priority: then SIGXCPU. */
#define FAXD_REALTIME_CPU_SOFT_US 2000000
/* And then SIGKILL: the process did not even read its SIGXCPU. */
#define FAXD_REALTIME_CPU_HARD_US 5000000

/*
 * Run the calling process with SCHED_RR at @priority (1..99), capped at
 * RLIMIT_RTPRIO when that is not 0 (a process with CAP_SYS_NICE gets
 * @priority whatever its limit). Sets the RLIMIT_RTTIME guard and its
 * SIGXCPU handler first (SIGXCPU must not be blocked). Returns the
 * priority obtained, or a negative errno (-EPERM: neither the limit nor
 * the capability allows it); the scheduling is unchanged then.
 */
int faxd_realtime_enter(int priority);
/*
 * The priority faxd_realtime_enter asks for: @priority capped at the
 * RLIMIT_RTPRIO grant @granted_rtprio (0, no grant, or RLIM_INFINITY:
 * @priority, for CAP_SYS_NICE to allow or refuse).
 */
int faxd_realtime_capped_priority(int priority, unsigned long long granted_rtprio);
/*
 * True once after the guard took real-time scheduling away (SIGXCPU), so
 * that the caller can say so in its log, outside the signal handler.
 */
bool faxd_realtime_guard_fired(void);
/*
 * faxd_realtime_enter, and a log line saying what came of it: the priority
 * at notice level, or at warning level why not and that @service (the
 * systemd unit) grants it with LimitRTPRIO=. Returns what enter returned.
 */
int faxd_realtime_enter_logged(int priority, const char *service);
/* After the guard fired (faxd_realtime_guard_fired): an error line saying so. */
void faxd_realtime_log_guard(void);
/* Back to SCHED_OTHER (nice unchanged). Returns 0, or a negative errno. */
int faxd_realtime_leave(void);
/* The process's real-time priority now, 0 when it is not real-time. */
int faxd_realtime_priority(void);

/*
 * An audio buffer of @bytes in pages of its own, locked in memory when
 * RLIMIT_MEMLOCK allows it (locking is best effort: the buffer works
 * either way). NULL when out of memory. Freed with faxd_audio_buffer_free.
 */
void *faxd_audio_buffer_alloc(size_t bytes);
void faxd_audio_buffer_free(void *buffer, size_t bytes);

#endif
