// SPDX-License-Identifier: GPL-2.0
/*
 * The names faxd gives the files it keeps (daemon/faxd/spool.h and
 * archive.c), recognised exactly: `inbox rm` and `cleanup` delete only a
 * file whose whole name is one of them, so a partial fax, a temporary
 * .txt, an admin's own file or a name with a '/' or ".." is never theirs.
 *
 *   inbox    <stamp>-<port>-<seq>.tif|.txt          a received fax, its record
 *            failed-<stamp>-<port>-<seq>.tif|.txt   a call that broke off
 *   archive  <stamp>-job<id>.tif|.txt               a sent fax, its record
 *
 * <stamp> is UTC, YYYYmmddTHHMMSSZ.
 */
#include <string.h>
#include <time.h>

#include "faxctl.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static unsigned int digits_value(const char *text, size_t count)
{
	unsigned int value = 0;

	for (size_t i = 0; i < count; i++)
		value = value * 10 + (unsigned int)(text[i] - '0');
	return value;
}

/* The stamp at @text, the text after it in *@rest; false when it is none. */
static bool parse_stamp(const char *text, time_t *stamp, const char **rest)
{
	static const char shape[] = "DDDDDDDDTDDDDDDZ";
	struct tm utc = { 0 }, check;
	time_t seconds;

	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		if (shape[i] == 'D' ? !is_digit(text[i]) : text[i] != shape[i])
			return false;
	}
	utc.tm_year = (int)digits_value(text, 4) - 1900;
	utc.tm_mon = (int)digits_value(text + 4, 2) - 1;
	utc.tm_mday = (int)digits_value(text + 6, 2);
	utc.tm_hour = (int)digits_value(text + 9, 2);
	utc.tm_min = (int)digits_value(text + 11, 2);
	utc.tm_sec = (int)digits_value(text + 13, 2);
	seconds = timegm(&utc);
	/* timegm() normalises 2026-13-40: such a name is not faxd's. */
	if (!gmtime_r(&seconds, &check) || check.tm_year != utc.tm_year ||
	    check.tm_mon != utc.tm_mon || check.tm_mday != utc.tm_mday ||
	    check.tm_hour != utc.tm_hour || check.tm_min != utc.tm_min ||
	    check.tm_sec != utc.tm_sec)
		return false;
	*stamp = seconds;
	*rest = text + sizeof(shape) - 1;
	return true;
}

/* One or more digits (a number faxd printed with %u), then *@rest. */
static bool skip_number(const char *text, const char **rest)
{
	size_t count = 0;

	while (is_digit(text[count]))
		count++;
	if (!count || count > 10)
		return false;
	*rest = text + count;
	return true;
}

static bool is_file_suffix(const char *text, bool *is_tif)
{
	if (!strcmp(text, ".tif")) {
		*is_tif = true;
		return true;
	}
	*is_tif = false;
	return !strcmp(text, ".txt");
}

enum faxctl_spool_kind faxctl_inbox_name_kind(const char *name, time_t *stamp, bool *is_tif)
{
	bool failed = !strncmp(name, "failed-", strlen("failed-"));
	const char *rest;

	if (failed)
		name += strlen("failed-");
	if (!parse_stamp(name, stamp, &rest) || *rest != '-' || !skip_number(rest + 1, &rest) ||
	    *rest != '-' || !skip_number(rest + 1, &rest) || !is_file_suffix(rest, is_tif))
		return FAXCTL_SPOOL_NOT_OURS;
	return failed ? FAXCTL_SPOOL_FAILED : FAXCTL_SPOOL_RECEIVED;
}

bool faxctl_archive_name_valid(const char *name, time_t *stamp)
{
	const char *rest;
	bool is_tif;

	return parse_stamp(name, stamp, &rest) && !strncmp(rest, "-job", strlen("-job")) &&
	       skip_number(rest + strlen("-job"), &rest) && is_file_suffix(rest, &is_tif);
}
