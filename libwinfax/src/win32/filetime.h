/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Time in the fax API and in the kernel: the driver speaks CLOCK_REALTIME
 * nanoseconds (UTC) and minutes after midnight UTC; the API speaks FILETIME
 * (100 ns since 1601-01-01 UTC), SYSTEMTIME (UTC where the API says so) and
 * FAX_TIME (local time of day).  Every conversion lives here.
 */
#ifndef LIBWINFAX_FILETIME_H
#define LIBWINFAX_FILETIME_H

#include <stdbool.h>
#include <stdint.h>

#include "winfax.h"

/* CLOCK_REALTIME ns -> FILETIME.  0 ns (the kernel's "never") gives an
 * all-zero FILETIME, as Windows gives for a time that is not set. */
FILETIME winfax_filetime_from_ns(uint64_t realtime_ns);

/* UTC ns -> SYSTEMTIME (UTC, with the day of the week).  0 gives all zero. */
SYSTEMTIME winfax_systemtime_from_ns(uint64_t realtime_ns);

/* SYSTEMTIME (UTC) -> ns.  False when a field is out of range (month 1..12,
 * a day the month has, hour < 24, minute and second < 60, ms < 1000) or the
 * time is before 1970 (the kernel's clock cannot express it).
 * wDayOfWeek is ignored, as Windows' SystemTimeToFileTime ignores it. */
bool winfax_ns_from_systemtime(const SYSTEMTIME *time, uint64_t *realtime_ns);

/* The local time zone's offset from UTC now, in minutes east of UTC
 * (what localtime_r() reports for this moment). */
long winfax_utc_offset_minutes_now(void);

/* Minutes after midnight: local <-> UTC, using the offset in force now. */
uint32_t winfax_utc_minutes_from_local(uint32_t local_minutes);
uint32_t winfax_local_minutes_from_utc(uint32_t utc_minutes);

#endif
