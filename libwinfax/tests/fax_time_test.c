/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The time conversions of filetime.c: SYSTEMTIME (UTC) <-> the kernel's
 * CLOCK_REALTIME ns, checked against glibc's timegm()/gmtime_r() as an
 * independent calendar over a century of days, the FILETIME epoch, the
 * range checks, and the local <-> UTC minutes of the discount period
 * with fixed POSIX time zones.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "win32/filetime.h"
#include "tap.h"

#define NS_PER_SECOND 1000000000ull

static SYSTEMTIME systemtime(unsigned year, unsigned month, unsigned day, unsigned hour,
                             unsigned minute, unsigned second, unsigned ms)
{
    SYSTEMTIME time = { (WORD)year, (WORD)month, 0, (WORD)day, (WORD)hour, (WORD)minute,
                        (WORD)second, (WORD)ms };

    return time;
}

static void check_against_glibc(void)
{
    bool all_equal = true;

    /* Every 7th day from 1970 to 2105, at a time of day that moves. */
    for (time_t seconds = 0; seconds < (time_t)135 * 365 * 86400; seconds += 7 * 86400 + 3601) {
        struct tm expected;
        uint64_t ns = (uint64_t)seconds * NS_PER_SECOND + 123000000u;
        SYSTEMTIME got = winfax_systemtime_from_ns(ns);
        uint64_t back = 0;

        gmtime_r(&seconds, &expected);
        if (got.wYear != expected.tm_year + 1900 || got.wMonth != expected.tm_mon + 1 ||
            got.wDay != expected.tm_mday || got.wDayOfWeek != expected.tm_wday ||
            got.wHour != expected.tm_hour || got.wMinute != expected.tm_min ||
            got.wSecond != expected.tm_sec || got.wMilliseconds != 123 ||
            !winfax_ns_from_systemtime(&got, &back) || back != ns) {
            ok(false, "%lld seconds: %u-%u-%u", (long long)seconds, got.wYear, got.wMonth,
               got.wDay);
            all_equal = false;
            break;
        }
    }
    ok(all_equal, "SYSTEMTIME matches gmtime_r and converts back, 1970..2105");
}

static void check_fixed_points(void)
{
    SYSTEMTIME leap_day = systemtime(2000, 2, 29, 12, 0, 0, 0);
    SYSTEMTIME not_leap = systemtime(2100, 2, 29, 12, 0, 0, 0);
    SYSTEMTIME before_1970 = systemtime(1969, 12, 31, 23, 59, 59, 999);
    SYSTEMTIME bad_hour = systemtime(2030, 1, 1, 24, 0, 0, 0);
    SYSTEMTIME bad_ms = systemtime(2030, 1, 1, 0, 0, 0, 1000);
    SYSTEMTIME epoch = systemtime(1970, 1, 1, 0, 0, 0, 1);
    SYSTEMTIME zero = winfax_systemtime_from_ns(0);
    FILETIME filetime = winfax_filetime_from_ns(NS_PER_SECOND);
    FILETIME never = winfax_filetime_from_ns(0);
    uint64_t ns = 0;

    ok(winfax_ns_from_systemtime(&leap_day, &ns), "2000-02-29 exists");
    is_equal(ns, 951825600ull * NS_PER_SECOND, "2000-02-29 12:00 UTC");
    ok(!winfax_ns_from_systemtime(&not_leap, &ns), "2100-02-29 does not");
    ok(!winfax_ns_from_systemtime(&before_1970, &ns), "before 1970 is refused");
    ok(!winfax_ns_from_systemtime(&bad_hour, &ns), "hour 24 is refused");
    ok(!winfax_ns_from_systemtime(&bad_ms, &ns), "1000 ms is refused");
    ok(winfax_ns_from_systemtime(&epoch, &ns) && ns == 1000000u, "1 ms after the epoch");
    ok(zero.wYear == 0 && zero.wMonth == 0 && zero.wDay == 0, "0 ns is an unset SYSTEMTIME");
    is_equal(((uint64_t)filetime.dwHighDateTime << 32) | filetime.dwLowDateTime,
             116444736000000000ull + 10000000u, "FILETIME of 1970-01-01 00:00:01");
    ok(never.dwHighDateTime == 0 && never.dwLowDateTime == 0, "0 ns is an unset FILETIME");
}

static void check_local_minutes(void)
{
    setenv("TZ", "IST-5:30", 1);
    is_equal(winfax_utc_offset_minutes_now(), 330, "UTC+5:30");
    is_equal(winfax_utc_minutes_from_local(21 * 60 + 30), 16 * 60, "21:30 local is 16:00 UTC");
    is_equal(winfax_utc_minutes_from_local(3 * 60), 21 * 60 + 30, "03:00 wraps to 21:30 UTC");
    is_equal(winfax_local_minutes_from_utc(21 * 60 + 30), 3 * 60, "and back");
    setenv("TZ", "HST10", 1);
    is_equal(winfax_local_minutes_from_utc(5 * 60), 19 * 60, "UTC-10: 05:00 UTC is 19:00");
    is_equal(winfax_utc_minutes_from_local(20 * 60), 6 * 60, "20:00 local is 06:00 UTC");
    setenv("TZ", "UTC0", 1);
    is_equal(winfax_utc_minutes_from_local(1439), 1439, "UTC: unchanged");
}

int main(void)
{
    check_against_glibc();
    check_fixed_points();
    check_local_minutes();
    return tap_finish();
}
