/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_log: one place that decides where messages go: stderr while faxd runs
 * in the foreground (and for faxdial), syslog once it is a daemon. Levels are
 * syslog's, so an administrator filters them the usual way.
 */
#ifndef FAXD_LOG_H
#define FAXD_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* Messages above @max_level (a LOG_* priority) are dropped. */
void faxd_log_setup(const char *program, bool use_syslog, int max_level);
void faxd_log_set_level(int max_level);
/* "error", "warning", "notice", "info", "debug" -> LOG_*; -1 if unknown. */
int faxd_log_level_from_name(const char *name);

void faxd_log(int level, const char *format, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) faxd_log(LOG_ERR, __VA_ARGS__)
#define log_warning(...) faxd_log(LOG_WARNING, __VA_ARGS__)
#define log_notice(...) faxd_log(LOG_NOTICE, __VA_ARGS__)
#define log_info(...) faxd_log(LOG_INFO, __VA_ARGS__)
#define log_debug(...) faxd_log(LOG_DEBUG, __VA_ARGS__)

#endif
