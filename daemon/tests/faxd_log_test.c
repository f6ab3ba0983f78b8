// SPDX-License-Identifier: GPL-2.0
/*
 * TAP: faxd_log's filter. A message is written when both the overall
 * maximum (log_level) and its FAXLOG category's level allow it: NONE
 * nothing, MIN errors/warnings/notices, MED and info, MAX and debug.
 * stderr goes to a temporary file that each case reads back. On stderr
 * that is the journal's stream (JOURNAL_STREAM names its device and inode),
 * each line starts with its priority, "<3>" for an error.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../engine/log.h"
#include <tap.h>

static FILE *captured;

/* What was logged since the last call, in @buffer. */
static const char *take_output(char *buffer, size_t size)
{
	size_t n;

	fflush(stderr);
	rewind(captured);
	n = fread(buffer, 1, size - 1, captured);
	buffer[n] = '\0';
	if (ftruncate(fileno(captured), 0))
		buffer[0] = '\0';
	rewind(captured);
	return buffer;
}

static void set_levels(unsigned int init, unsigned int outbound, unsigned int inbound,
		       unsigned int unknown)
{
	const unsigned int levels[FAXD_LOG_CATEGORIES] = { init, outbound, inbound, unknown };

	faxd_log_set_category_levels(levels);
}

/* One message of each priority in @category. */
static void log_all(enum faxd_log_category category)
{
	faxd_log_in(category, LOG_ERR, "E");
	faxd_log_in(category, LOG_WARNING, "W");
	faxd_log_in(category, LOG_NOTICE, "N");
	faxd_log_in(category, LOG_INFO, "I");
	faxd_log_in(category, LOG_DEBUG, "D");
}

/* The priorities that got through, in order: e.g. "EWN". */
static const char *passed(char *letters, size_t size)
{
	char output[4096];
	const char *line;
	size_t n = 0;

	take_output(output, sizeof(output));
	for (line = output; *line && n + 1 < size; line = strchr(line, '\n') + 1) {
		const char *colon = strstr(line, ": ");

		/* "faxd[seconds] level: MESSAGE" */
		if (!colon || !strchr(line, '\n'))
			break;
		letters[n++] = colon[2];
	}
	letters[n] = '\0';
	return letters;
}

/* faxd_log_setup with JOURNAL_STREAM set to @value, then an error and an info. */
static const char *journal_case(const char *value, char *output, size_t size)
{
	setenv("JOURNAL_STREAM", value, 1);
	faxd_log_setup("faxd", false, LOG_DEBUG);
	faxd_log_in(FAXD_LOG_INIT, LOG_ERR, "E");
	faxd_log_in(FAXD_LOG_INIT, LOG_INFO, "I");
	return take_output(output, size);
}

static bool plain_lines(const char *output)
{
	return !strncmp(output, "faxd[", 5) && strstr(output, "] error: E\nfaxd[") &&
	       strstr(output, "] info: I\n");
}

static void journal_priorities(void)
{
	char value[64], output[512];
	struct stat status;

	if (fstat(STDERR_FILENO, &status)) {
		for (int i = 0; i < 4; i++)
			ok(false, "fstat of stderr for JOURNAL_STREAM");
		return;
	}
	snprintf(value, sizeof(value), "%llu:%llu", (unsigned long long)status.st_dev,
		 (unsigned long long)status.st_ino);
	ok(!strcmp(journal_case(value, output, sizeof(output)), "<3>error: E\n<6>info: I\n"),
	   "stderr is JOURNAL_STREAM: each line starts with its priority (<3>, <6>)");
	snprintf(value, sizeof(value), "%llu:%llu", (unsigned long long)status.st_dev,
		 (unsigned long long)status.st_ino + 1);
	ok(plain_lines(journal_case(value, output, sizeof(output))),
	   "JOURNAL_STREAM names another stream: plain lines");
	snprintf(value, sizeof(value), "%llu:%llux", (unsigned long long)status.st_dev,
		 (unsigned long long)status.st_ino);
	ok(plain_lines(journal_case(value, output, sizeof(output))),
	   "a malformed JOURNAL_STREAM: plain lines");
	unsetenv("JOURNAL_STREAM");
	faxd_log_setup("faxd", false, LOG_DEBUG);
	faxd_log_in(FAXD_LOG_INIT, LOG_ERR, "E");
	faxd_log_in(FAXD_LOG_INIT, LOG_INFO, "I");
	ok(plain_lines(take_output(output, sizeof(output))), "no JOURNAL_STREAM: plain lines");
}

int main(void)
{
	char letters[16];

	captured = tmpfile();
	if (!captured || dup2(fileno(captured), STDERR_FILENO) < 0) {
		return tap_skip_all("cannot capture stderr");
	}
	setvbuf(stderr, NULL, _IONBF, 0);
	tap_plan(12);
	unsetenv("JOURNAL_STREAM");
	faxd_log_setup("faxd", false, LOG_DEBUG);

	log_all(FAXD_LOG_INBOUND);
	ok(!strcmp(passed(letters, sizeof(letters)), "EWNID"),
	   "before any levels are set, everything up to log_level is written");
	set_levels(0, 1, 2, 3);
	log_all(FAXD_LOG_INIT);
	ok(!strcmp(passed(letters, sizeof(letters)), ""), "level NONE: nothing");
	log_all(FAXD_LOG_OUTBOUND);
	ok(!strcmp(passed(letters, sizeof(letters)), "EWN"),
	   "level MIN: errors, warnings, notices");
	log_all(FAXD_LOG_INBOUND);
	ok(!strcmp(passed(letters, sizeof(letters)), "EWNI"), "level MED: and info");
	log_all(FAXD_LOG_UNKNOWN);
	ok(!strcmp(passed(letters, sizeof(letters)), "EWNID"), "level MAX: and debug");

	faxd_log_set_level(LOG_NOTICE);
	log_all(FAXD_LOG_UNKNOWN);
	ok(!strcmp(passed(letters, sizeof(letters)), "EWN"),
	   "log_level is a ceiling over the category's level");
	faxd_log_set_level(LOG_DEBUG);

	set_levels(9, 9, 9, 9);
	log_all(FAXD_LOG_INIT);
	ok(!strcmp(passed(letters, sizeof(letters)), "EWNID"), "a level above MAX counts as MAX");
	faxd_log_in((enum faxd_log_category)0, LOG_ERR, "E");
	faxd_log_in((enum faxd_log_category)5, LOG_ERR, "E");
	ok(!strcmp(passed(letters, sizeof(letters)), ""), "no category: dropped, not a crash");

	journal_priorities();

	fclose(captured);
	return tap_finish();
}
