/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_log: one place that decides where messages go: stderr while faxd runs
 * in the foreground (and for faxdial), syslog once it is a daemon. Levels are
 * syslog's, so an administrator filters them the usual way: on stderr that
 * is the journal's stream (a systemd service's), each line carries its
 * priority as a "<N>" prefix.
 */
#ifndef FAXD_ENGINE_LOG_H
#define FAXD_ENGINE_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* Messages above @max_level (a LOG_* priority) are dropped. Whether stderr
 * is the journal (JOURNAL_STREAM) is decided here, once. */
void faxd_log_setup(const char *program, bool use_syslog, int max_level);
void faxd_log_set_level(int max_level);
/* Does faxd_log write to the journal's stream (systemd's JOURNAL_STREAM)? */
bool faxd_log_to_journal(void);
/* "error", "warning", "notice", "info", "debug" -> LOG_*; -1 if unknown. */
int faxd_log_level_from_name(const char *name);

/*
 * The fax server's logging categories (FaxSetLoggingCategories, FAXLOG_*):
 * each message belongs to one, and each category has a level, NONE (0),
 * MIN (1: errors, warnings, notices), MED (2: and call progress at info)
 * or MAX (3: and debug). A message is written when its category's level
 * and the overall maximum both allow it. Until set, every category is at
 * MAX (faxdial, and faxd before it has read the kernel's levels).
 */
enum faxd_log_category {
	FAXD_LOG_INIT = 1,	/* FAXLOG_CATEGORY_INIT: start, stop, attach, config */
	FAXD_LOG_OUTBOUND,	/* FAXLOG_CATEGORY_OUTBOUND: sending */
	FAXD_LOG_INBOUND,	/* FAXLOG_CATEGORY_INBOUND: receiving, the spool */
	FAXD_LOG_UNKNOWN,	/* FAXLOG_CATEGORY_UNKNOWN: everything else */
};
#define FAXD_LOG_CATEGORIES 4
#define FAXD_LOG_LEVEL_NONE 0
#define FAXD_LOG_LEVEL_MAX 3

/* @levels[i]: the level of category i + 1; values above MAX count as MAX. */
void faxd_log_set_category_levels(const unsigned int levels[FAXD_LOG_CATEGORIES]);

void faxd_log_in(enum faxd_log_category category, int level, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* A source file says which category its messages are in by defining
 * FAXD_LOG_CATEGORY before including this header. */
#ifndef FAXD_LOG_CATEGORY
#define FAXD_LOG_CATEGORY FAXD_LOG_UNKNOWN
#endif
#define log_error(...) faxd_log_in(FAXD_LOG_CATEGORY, LOG_ERR, __VA_ARGS__)
#define log_warning(...) faxd_log_in(FAXD_LOG_CATEGORY, LOG_WARNING, __VA_ARGS__)
#define log_notice(...) faxd_log_in(FAXD_LOG_CATEGORY, LOG_NOTICE, __VA_ARGS__)
#define log_info(...) faxd_log_in(FAXD_LOG_CATEGORY, LOG_INFO, __VA_ARGS__)
#define log_debug(...) faxd_log_in(FAXD_LOG_CATEGORY, LOG_DEBUG, __VA_ARGS__)

#endif
