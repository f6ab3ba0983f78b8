/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_clock: the two clocks faxd reads. Deadlines, timeouts and call
 * durations use the monotonic clock (a clock step must not cut a call
 * short); what a report or a file states as a time of day uses the
 * real-time clock.
 */
#ifndef FAXD_ENGINE_CLOCK_H
#define FAXD_ENGINE_CLOCK_H

#include <stdint.h>
#include <time.h>

#define NS_PER_SECOND 1000000000ll

static inline int64_t faxd_clock_ns(clockid_t clock)
{
	struct timespec now;

	clock_gettime(clock, &now);
	return (int64_t)now.tv_sec * NS_PER_SECOND + now.tv_nsec;
}

static inline int64_t monotonic_ns(void)
{
	return faxd_clock_ns(CLOCK_MONOTONIC);
}

static inline int64_t realtime_ns(void)
{
	return faxd_clock_ns(CLOCK_REALTIME);
}

#endif
