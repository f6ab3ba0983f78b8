/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "filetime.h"

#include <time.h>

#define NS_PER_100NS          100u
#define NS_PER_MS             1000000u
#define NS_PER_SECOND         1000000000ull
#define SECONDS_PER_DAY       86400
#define MINUTES_PER_DAY       1440
/* FILETIME counts from 1601-01-01; the kernel's clock from 1970-01-01.
 * 369 years with 89 leap days = 134774 days = 11644473600 s. */
#define FILETIME_UNIX_EPOCH   116444736000000000ull

FILETIME winfax_filetime_from_ns(uint64_t realtime_ns)
{
    FILETIME filetime = { 0, 0 };
    uint64_t ticks;

    if (realtime_ns == 0)
        return filetime;
    ticks = realtime_ns / NS_PER_100NS + FILETIME_UNIX_EPOCH;
    filetime.dwLowDateTime = (DWORD)ticks;
    filetime.dwHighDateTime = (DWORD)(ticks >> 32);
    return filetime;
}

/*
 * Days since 1970-01-01 for a proleptic Gregorian date, and back: the
 * usual era arithmetic (400-year cycles of 146097 days), done here rather
 * than with timegm()/gmtime_r() so that no time zone and no time_t range
 * is involved.
 */
static int64_t days_from_civil(int64_t year, unsigned month, unsigned day)
{
    int64_t era;
    unsigned year_of_era, day_of_year, day_of_era;

    year -= month <= 2;
    era = (year >= 0 ? year : year - 399) / 400;
    year_of_era = (unsigned)(year - era * 400);
    day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + (int64_t)day_of_era - 719468;
}

static void civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day)
{
    int64_t era;
    unsigned day_of_era, year_of_era, day_of_year, month_index;

    days += 719468;
    era = (days >= 0 ? days : days - 146096) / 146097;
    day_of_era = (unsigned)(days - era * 146097);
    year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    month_index = (5 * day_of_year + 2) / 153;
    *day = day_of_year - (153 * month_index + 2) / 5 + 1;
    *month = month_index < 10 ? month_index + 3 : month_index - 9;
    *year = (int64_t)year_of_era + era * 400 + (*month <= 2);
}

static bool is_leap_year(unsigned year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const unsigned days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

SYSTEMTIME winfax_systemtime_from_ns(uint64_t realtime_ns)
{
    SYSTEMTIME time = { 0, 0, 0, 0, 0, 0, 0, 0 };
    uint64_t seconds = realtime_ns / NS_PER_SECOND;
    int64_t days = (int64_t)(seconds / SECONDS_PER_DAY);
    unsigned second_of_day = (unsigned)(seconds % SECONDS_PER_DAY);
    int64_t year;
    unsigned month, day;

    if (realtime_ns == 0)
        return time;
    civil_from_days(days, &year, &month, &day);
    time.wYear = (WORD)year;
    time.wMonth = (WORD)month;
    time.wDay = (WORD)day;
    /* 1970-01-01 was a Thursday (4; Sunday is 0). */
    time.wDayOfWeek = (WORD)((days + 4) % 7);
    time.wHour = (WORD)(second_of_day / 3600);
    time.wMinute = (WORD)(second_of_day / 60 % 60);
    time.wSecond = (WORD)(second_of_day % 60);
    time.wMilliseconds = (WORD)(realtime_ns % NS_PER_SECOND / NS_PER_MS);
    return time;
}

bool winfax_ns_from_systemtime(const SYSTEMTIME *time, uint64_t *realtime_ns)
{
    int64_t days;
    uint64_t seconds;

    /* SYSTEMTIME's own range is 1601..30827; the kernel's clock starts at
     * 1970 and a u64 of ns lasts until 2554. */
    if (time->wYear < 1970 || time->wYear > 2500 || time->wMonth < 1 || time->wMonth > 12 ||
        time->wDay < 1 || time->wDay > days_in_month(time->wYear, time->wMonth) ||
        time->wHour > 23 || time->wMinute > 59 || time->wSecond > 59 ||
        time->wMilliseconds > 999)
        return false;
    days = days_from_civil(time->wYear, time->wMonth, time->wDay);
    seconds = (uint64_t)days * SECONDS_PER_DAY + time->wHour * 3600u + time->wMinute * 60u +
              time->wSecond;
    *realtime_ns = seconds * NS_PER_SECOND + (uint64_t)time->wMilliseconds * NS_PER_MS;
    return true;
}

long winfax_utc_offset_minutes_now(void)
{
    time_t now = time(NULL);
    struct tm local;

    /* localtime_r() need not read TZ; tzset() makes it do so. */
    tzset();
    if (!localtime_r(&now, &local))
        return 0;
    return local.tm_gmtoff / 60;
}

static uint32_t wrap_minutes(long minutes)
{
    long wrapped = minutes % MINUTES_PER_DAY;

    return (uint32_t)(wrapped < 0 ? wrapped + MINUTES_PER_DAY : wrapped);
}

uint32_t winfax_utc_minutes_from_local(uint32_t local_minutes)
{
    return wrap_minutes((long)local_minutes - winfax_utc_offset_minutes_now());
}

uint32_t winfax_local_minutes_from_utc(uint32_t utc_minutes)
{
    return wrap_minutes((long)utc_minutes + winfax_utc_offset_minutes_now());
}
