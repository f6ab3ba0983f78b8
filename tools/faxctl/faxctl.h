/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxctl: the fax server's command line, written against winfax.h only (as
 * a ported Windows fax program would be), plus libtiff/libpng for `show`.
 * This header is what the command files share.
 */
#ifndef FAXCTL_H
#define FAXCTL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <winfax.h>

/* Exit statuses; faxctl.1 documents them. */
enum faxctl_status {
	FAXCTL_OK = 0,
	FAXCTL_FAILED = 1,	/* the operation ran and failed (a fax not delivered) */
	FAXCTL_USAGE = 2,	/* bad arguments */
	FAXCTL_NO_SERVER = 3,	/* no fax server (module not loaded, no node) */
	FAXCTL_DENIED = 4,	/* the caller's fax rights or file permissions */
	FAXCTL_NOT_FOUND = 5,	/* no such port, job or file */
	FAXCTL_BAD_DATA = 6,	/* a document or file that cannot be used */
	FAXCTL_BUSY = 7,	/* the port is in use */
};

/*
 * What an option parser returns when it printed the help: the command is
 * done, and faxctl exits with FAXCTL_OK. Not an exit status, and not an
 * error: faxctl's own functions report errors as negative errnos.
 */
#define FAXCTL_HELP_SHOWN (-1)

/*
 * What a user refused by the fax nodes' or the spool's permissions reads:
 * both are for root and the group fax (60-faxport.rules, the spool 2750).
 */
#define FAXCTL_FAX_GROUP_HINT \
	"the fax server and its received faxes are for the group 'fax': ask an " \
	"administrator to add you (sudo adduser YOUR-NAME fax), then log in again"

/* What every command gets: its words (argv[0] is the command's name). */
struct faxctl_command_line {
	int argc;
	char **argv;
	const char *name;	/* "send", "port set", ... for messages */
};

int faxctl_ports(struct faxctl_command_line *cmd);
int faxctl_port(struct faxctl_command_line *cmd);
int faxctl_send(struct faxctl_command_line *cmd);
int faxctl_jobs(struct faxctl_command_line *cmd);
int faxctl_job(struct faxctl_command_line *cmd);
int faxctl_watch(struct faxctl_command_line *cmd);
int faxctl_config(struct faxctl_command_line *cmd);
int faxctl_inbox(struct faxctl_command_line *cmd);
int faxctl_show(struct faxctl_command_line *cmd);
int faxctl_settings(struct faxctl_command_line *cmd);
int faxctl_inbox_rm(struct faxctl_command_line *cmd);
int faxctl_log(struct faxctl_command_line *cmd);
int faxctl_cleanup(struct faxctl_command_line *cmd);

/* faxd's spool_dir unless faxd.conf says otherwise (inbox, inbox rm, cleanup: --spool). */
#define FAXCTL_DEFAULT_SPOOL "/var/spool/faxport"

/*
 * spool_names.c: whether a file name is exactly one faxd gives (see there),
 * with the UTC time in it in *@stamp. Nothing else is ever deleted.
 */
enum faxctl_spool_kind {
	FAXCTL_SPOOL_NOT_OURS,
	FAXCTL_SPOOL_RECEIVED,	/* <stamp>-<port>-<seq>.tif or .txt */
	FAXCTL_SPOOL_FAILED,	/* failed-<stamp>-<port>-<seq>.tif or .txt */
};
enum faxctl_spool_kind faxctl_inbox_name_kind(const char *name, time_t *stamp, bool *is_tif);
/* <stamp>-job<id>.tif or .txt, what faxd's archive holds. */
bool faxctl_archive_name_valid(const char *name, time_t *stamp);

/*
 * cmd_config.c: the server's configuration and logging levels under
 * `config`'s key names, for `faxctl settings`. Read once, assigned key by
 * key (a bad value is reported with @where, "FILE:LINE", and gives
 * FAXCTL_BAD_DATA; nothing is sent), then written in one go. A path value
 * must live until the write.
 */
struct faxctl_config;
int faxctl_config_read(HANDLE server, struct faxctl_config **config);
size_t faxctl_config_key_count(void);
const char *faxctl_config_key_name(size_t index);
void faxctl_config_format(const struct faxctl_config *config, size_t index, char *text,
			  size_t size);
int faxctl_config_assign(struct faxctl_config *config, const char *key, const char *value,
			 const char *where);
int faxctl_config_write(HANDLE server, struct faxctl_config *config);
void faxctl_config_free(struct faxctl_config *config);

/* failure.c: messages on stderr, each returning the exit status to use.
 * Every message is written through terminal_text (terminal_text.h): what it
 * quotes cannot drive the terminal. */
int faxctl_usage_error(const struct faxctl_command_line *cmd, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
int faxctl_fail(int status, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* "faxctl: ACTION: <what the Win32 error means>"; the status that fits it. */
int faxctl_fail_api(const char *action, DWORD error);
const char *faxctl_error_words(DWORD error);
/* vfprintf to @out through terminal_text: no control reaches it raw. */
void faxctl_vprint_text(FILE *out, const char *format, va_list args)
	__attribute__((format(printf, 2, 0)));
int faxctl_status_for_error(DWORD error);

/* options.c: getopt_long with faxctl's messages; returns -1 at the end,
 * '?' after printing a usage error (the caller returns FAXCTL_USAGE). */
struct option;
int faxctl_getopt(struct faxctl_command_line *cmd, const char *short_options,
		  const struct option *long_options);
/* The options of a plain listing: --json and --help, no arguments. Returns
 * FAXCTL_HELP_SHOWN once the help is printed, else an exit status (0: go on). */
int faxctl_listing_options(struct faxctl_command_line *cmd, const char *help, bool *as_json);
bool faxctl_parse_uint(const char *text, unsigned long max, unsigned long *value);

/*
 * listing.c: a command's items as a table (the header, then a row per item;
 * or the line @empty when there is none and @empty is set) or, with --json,
 * as one JSON array of objects on one line. @context goes to the printers.
 */
struct json_writer;
struct faxctl_listing {
	const void *items;
	size_t count;
	size_t item_size;
	const void *context;
	const char *empty;
	void (*print_header)(void);	/* NULL: rows only */
	void (*print_row)(const void *item, const void *context);
	void (*print_object)(struct json_writer *json, const void *item, const void *context);
};
void faxctl_print_listing(const struct faxctl_listing *listing, bool as_json);

/* cmd_ports.c: a TSID or CSID: at most 20 printable ASCII characters. */
bool faxctl_station_id_valid(const char *text);

/* server.c: connecting, ports by number or name, the event queue. */
int faxctl_connect(HANDLE *server);
int faxctl_find_port(HANDLE server, const char *spec, DWORD *device_id);
int faxctl_open_events(HANDLE server, HANDLE *completion_port);

/* names.c: the API's numbers in words. */
const char *faxctl_event_name(DWORD event_id);
const char *faxctl_event_words(DWORD event_id);
const char *faxctl_state_name(DWORD fps_state);
void faxctl_queue_status_words(DWORD queue_status, char *text, size_t size);
const char *faxctl_job_type_name(DWORD job_type);
bool faxctl_event_is_failure(DWORD event_id);

/* tiff_pages.c: the pages of a TIFF file, 0 when it is not one. */
DWORD faxctl_tiff_page_count(const char *path);

/* times.c */
void faxctl_format_filetime(FILETIME time, char *text, size_t size, bool with_millis);
void faxctl_format_systemtime_utc(const SYSTEMTIME *time, char *text, size_t size);
/* --at: "HH:MM" (the next one, local), "YYYY-MM-DD HH:MM" (local), "cheap". */
bool faxctl_parse_schedule(const char *text, DWORD *action, SYSTEMTIME *utc);

#endif
