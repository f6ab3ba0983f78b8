// SPDX-License-Identifier: GPL-2.0
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *log_program = "faxd";
static bool log_to_syslog;
static bool log_to_journal;
static int log_max_level = LOG_INFO;
static unsigned int category_levels[FAXD_LOG_CATEGORIES] = {
	FAXD_LOG_LEVEL_MAX, FAXD_LOG_LEVEL_MAX, FAXD_LOG_LEVEL_MAX, FAXD_LOG_LEVEL_MAX,
};

static const struct {
	const char *name;
	int level;
} level_names[] = {
	{ "error", LOG_ERR },
	{ "warning", LOG_WARNING },
	{ "notice", LOG_NOTICE },
	{ "info", LOG_INFO },
	{ "debug", LOG_DEBUG },
};

/*
 * systemd names the stream it connects a service's stderr to in
 * JOURNAL_STREAM ("device:inode"). While stderr is still that stream, the
 * journal reads a leading "<N>" as the line's priority (sd-daemon(3)), so
 * "journalctl -p warning" finds errors, and it adds the time and the name
 * itself. A program started from a shell inside the service has the
 * variable but another stderr: it keeps the plain lines.
 */
static bool stderr_is_journal(void)
{
	const char *stream = getenv("JOURNAL_STREAM");
	unsigned long long device, inode;
	struct stat status;
	int length = 0;

	if (!stream || sscanf(stream, "%llu:%llu%n", &device, &inode, &length) != 2 ||
	    stream[length] != '\0' || fstat(STDERR_FILENO, &status))
		return false;
	return (unsigned long long)status.st_dev == device &&
	       (unsigned long long)status.st_ino == inode;
}

void faxd_log_setup(const char *program, bool use_syslog, int max_level)
{
	log_program = program;
	log_to_syslog = use_syslog;
	log_to_journal = !use_syslog && stderr_is_journal();
	log_max_level = max_level;
	if (use_syslog)
		openlog(program, LOG_PID, LOG_DAEMON);
}

bool faxd_log_to_journal(void)
{
	return log_to_journal;
}

void faxd_log_set_level(int max_level)
{
	log_max_level = max_level;
}

int faxd_log_level_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (!strcmp(name, level_names[i].name))
			return level_names[i].level;
	return -1;
}

static const char *level_name(int level)
{
	for (size_t i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (level_names[i].level == level)
			return level_names[i].name;
	return "log";
}

void faxd_log_set_category_levels(const unsigned int levels[FAXD_LOG_CATEGORIES])
{
	for (int i = 0; i < FAXD_LOG_CATEGORIES; i++)
		category_levels[i] = levels[i] > FAXD_LOG_LEVEL_MAX ? FAXD_LOG_LEVEL_MAX : levels[i];
}

/* The FAXLOG level a message of this syslog priority needs. */
static unsigned int faxlog_level_needed(int level)
{
	if (level <= LOG_NOTICE)
		return 1;	/* FAXLOG_LEVEL_MIN */
	return level == LOG_INFO ? 2 : 3;
}

static void log_message(int level, const char *format, va_list args)
{
	if (log_to_syslog) {
		vsyslog(level, format, args);
	} else if (log_to_journal) {
		fprintf(stderr, "<%d>%s: ", level, level_name(level));
		vfprintf(stderr, format, args);
		fputc('\n', stderr);
	} else {
		struct timespec now;

		/* Monotonic seconds: enough to read call timings off a test log. */
		clock_gettime(CLOCK_MONOTONIC, &now);
		fprintf(stderr, "%s[%ld.%03ld] %s: ", log_program, (long)now.tv_sec,
			now.tv_nsec / 1000000, level_name(level));
		vfprintf(stderr, format, args);
		fputc('\n', stderr);
	}
}

void faxd_log_in(enum faxd_log_category category, int level, const char *format, ...)
{
	va_list args;

	if (level > log_max_level || category < FAXD_LOG_INIT || category > FAXD_LOG_UNKNOWN ||
	    faxlog_level_needed(level) > category_levels[category - 1])
		return;
	va_start(args, format);
	log_message(level, format, args);
	va_end(args);
}
