// SPDX-License-Identifier: GPL-2.0
/* FILETIME and SYSTEMTIME shown in local time, and --at parsed into a schedule. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "faxctl.h"

/* FILETIME counts 100 ns since 1601-01-01; the Unix epoch is this many later. */
#define FILETIME_UNIX_EPOCH 116444736000000000ULL
#define FILETIME_PER_SECOND 10000000ULL

void faxctl_format_filetime(FILETIME time, char *text, size_t size, bool with_millis)
{
	uint64_t ticks = ((uint64_t)time.dwHighDateTime << 32) | time.dwLowDateTime;
	time_t seconds;
	struct tm local;
	size_t length;

	if (ticks < FILETIME_UNIX_EPOCH) {
		snprintf(text, size, "-");
		return;
	}
	seconds = (time_t)((ticks - FILETIME_UNIX_EPOCH) / FILETIME_PER_SECOND);
	if (!localtime_r(&seconds, &local) ||
	    !(length = strftime(text, size, "%Y-%m-%d %H:%M:%S", &local))) {
		snprintf(text, size, "-");
		return;
	}
	if (with_millis)
		snprintf(text + length, size - length, ".%03u",
			 (unsigned int)((ticks % FILETIME_PER_SECOND) / 10000));
}

void faxctl_format_systemtime_utc(const SYSTEMTIME *time, char *text, size_t size)
{
	struct tm utc = {
		.tm_year = time->wYear - 1900, .tm_mon = time->wMonth - 1, .tm_mday = time->wDay,
		.tm_hour = time->wHour, .tm_min = time->wMinute, .tm_sec = time->wSecond,
	};
	time_t seconds = timegm(&utc);
	struct tm local;

	if (!time->wYear || !localtime_r(&seconds, &local) ||
	    !strftime(text, size, "%Y-%m-%d %H:%M", &local))
		snprintf(text, size, "-");
}

static SYSTEMTIME systemtime_from_utc(time_t seconds)
{
	struct tm utc;
	SYSTEMTIME time = { 0 };

	gmtime_r(&seconds, &utc);
	time.wYear = (WORD)(utc.tm_year + 1900);
	time.wMonth = (WORD)(utc.tm_mon + 1);
	time.wDayOfWeek = (WORD)utc.tm_wday;
	time.wDay = (WORD)utc.tm_mday;
	time.wHour = (WORD)utc.tm_hour;
	time.wMinute = (WORD)utc.tm_min;
	return time;
}

bool faxctl_parse_schedule(const char *text, DWORD *action, SYSTEMTIME *utc)
{
	time_t now = time(NULL);
	struct tm local;
	const char *end;
	time_t when;

	if (!strcmp(text, "cheap")) {
		*action = JSA_DISCOUNT_PERIOD;
		return true;
	}
	localtime_r(&now, &local);
	local.tm_sec = 0;
	end = strptime(text, "%Y-%m-%d %H:%M", &local);
	if (!end || *end) {
		/* A time of day: today's, or tomorrow's once it has passed. */
		localtime_r(&now, &local);
		local.tm_sec = 0;
		end = strptime(text, "%H:%M", &local);
		if (!end || *end)
			return false;
		local.tm_isdst = -1;
		when = mktime(&local);
		if (when <= now) {
			local.tm_mday++;
			local.tm_isdst = -1;
			when = mktime(&local);
		}
	} else {
		local.tm_isdst = -1;
		when = mktime(&local);
	}
	if (when == (time_t)-1)
		return false;
	*action = JSA_SPECIFIC_TIME;
	*utc = systemtime_from_utc(when);
	return true;
}
