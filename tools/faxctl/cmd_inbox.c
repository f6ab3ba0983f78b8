// SPDX-License-Identifier: GPL-2.0
/*
 * faxctl inbox: the faxes faxd received, read from its spool (the fax API
 * has no inbox call: received faxes are files, see daemon/README.md).
 * Each <name>.tif has a <name>.txt beside it with "key: value" lines;
 * failed-<name>.tif is a call that broke off after some pages.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "faxctl.h"
#include "json.h"
#include "terminal_text.h"

static const char inbox_help[] =
	"usage: faxctl inbox [--spool DIR] [--json]\n"
	"       faxctl inbox rm [--spool DIR] ID...\n"
	"Lists the faxes faxd received, oldest first: when the call started (local\n"
	"time), the port, the remote station's id, the pages, the outcome and the\n"
	"file. DIR is faxd's spool_dir (default " FAXCTL_DEFAULT_SPOOL ").\n"
	"A fax's ID is its file's name (--json: \"id\"); 'inbox rm ID...' deletes\n"
	"those faxes and their records.\n";

/* What the .txt beside a fax says; any line may be missing. */
struct received_fax {
	char *path;
	char *port, *remote_ident, *pages, *outcome, *started, *negotiated;
	bool failed;
};

static void free_fax(struct received_fax *fax)
{
	free(fax->path);
	free(fax->port);
	free(fax->remote_ident);
	free(fax->pages);
	free(fax->outcome);
	free(fax->started);
	free(fax->negotiated);
}

static int read_metadata(const char *tif_path, struct received_fax *fax)
{
	struct {
		const char *key;
		char **value;
	} fields[] = {
		{ "port", &fax->port }, { "remote_ident", &fax->remote_ident },
		{ "pages", &fax->pages }, { "outcome", &fax->outcome },
		{ "started", &fax->started }, { "negotiated", &fax->negotiated },
	};
	size_t stem = strlen(tif_path) - strlen(".tif");
	char *txt_path, *line = NULL;
	size_t line_size = 0;
	ssize_t length;
	FILE *file;

	if (asprintf(&txt_path, "%.*s.txt", (int)stem, tif_path) < 0)
		return -ENOMEM;
	file = fopen(txt_path, "re");
	free(txt_path);
	if (!file)
		return errno == ENOENT ? 0 : -errno;
	while ((length = getline(&line, &line_size, file)) > 0) {
		char *colon = strchr(line, ':');

		if (line[length - 1] == '\n')
			line[length - 1] = '\0';
		if (!colon || colon[1] != ' ')
			continue;
		*colon = '\0';
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			if (strcmp(line, fields[i].key) || *fields[i].value)
				continue;
			*fields[i].value = strdup(colon + 2);
			if (!*fields[i].value) {
				free(line);
				fclose(file);
				return -ENOMEM;
			}
		}
	}
	free(line);
	fclose(file);
	return 0;
}

/*
 * A fax faxd filed: a regular file under a name faxd gives (spool_names.c),
 * the same test `inbox rm` applies, so that the list never shows what rm
 * would refuse (a link planted under a fax's name, an admin's own file).
 */
static bool is_received_fax(DIR *dir, const struct dirent *entry)
{
	struct stat status;
	time_t stamp;
	bool is_tif = false;

	if (faxctl_inbox_name_kind(entry->d_name, &stamp, &is_tif) == FAXCTL_SPOOL_NOT_OURS ||
	    !is_tif)
		return false;
	if (entry->d_type == DT_REG)
		return true;
	return entry->d_type == DT_UNKNOWN &&
	       !fstatat(dirfd(dir), entry->d_name, &status, AT_SYMLINK_NOFOLLOW) &&
	       S_ISREG(status.st_mode);
}

static int compare_names(const void *a, const void *b)
{
	const struct received_fax *left = a, *right = b;
	const char *left_name = strrchr(left->path, '/') + 1;
	const char *right_name = strrchr(right->path, '/') + 1;

	/* By the UTC stamp in the name, whether it failed or not. */
	if (left->failed)
		left_name += strlen("failed-");
	if (right->failed)
		right_name += strlen("failed-");
	return strcmp(left_name, right_name);
}

/* "2026-11-24T19:40:01Z" (UTC, from faxd) in local time. */
static void local_time(const char *utc_text, char *text, size_t size)
{
	struct tm utc = { 0 }, local;
	const char *end = utc_text ? strptime(utc_text, "%Y-%m-%dT%H:%M:%SZ", &utc) : NULL;
	time_t seconds;

	if (!end || *end) {
		snprintf(text, size, "%s", utc_text ? utc_text : "-");
		return;
	}
	seconds = timegm(&utc);
	if (!localtime_r(&seconds, &local) || !strftime(text, size, "%Y-%m-%d %H:%M:%S", &local))
		snprintf(text, size, "%s", utc_text);
}

static int list_inbox(const char *inbox, struct received_fax **faxes, size_t *count)
{
	size_t capacity = 0;
	struct dirent *entry;
	DIR *dir = opendir(inbox);

	int error = 0;

	*faxes = NULL;
	*count = 0;
	if (!dir)
		return -errno;
	while ((errno = 0, entry = readdir(dir))) {
		struct received_fax *fax;

		if (!is_received_fax(dir, entry))
			continue;
		if (*count == capacity) {
			size_t bigger = capacity ? capacity * 2 : 16;
			struct received_fax *grown = realloc(*faxes, bigger * sizeof(**faxes));

			if (!grown) {
				error = -ENOMEM;
				goto fail;
			}
			*faxes = grown;
			capacity = bigger;
		}
		fax = &(*faxes)[*count];
		memset(fax, 0, sizeof(*fax));
		(*count)++;
		fax->failed = !strncmp(entry->d_name, "failed-", strlen("failed-"));
		if (asprintf(&fax->path, "%s/%s", inbox, entry->d_name) < 0) {
			fax->path = NULL;
			error = -ENOMEM;
			goto fail;
		}
		error = read_metadata(fax->path, fax);
		if (error)
			goto fail;
	}
	if (errno) {
		error = -errno;
		goto fail;
	}
	closedir(dir);
	if (*count)
		qsort(*faxes, *count, sizeof(**faxes), compare_names);
	return 0;
fail:
	closedir(dir);
	for (size_t i = 0; i < *count; i++)
		free_fax(&(*faxes)[i]);
	free(*faxes);
	*faxes = NULL;
	*count = 0;
	return error;
}

static const char *or_dash(const char *text)
{
	return text && text[0] ? text : "-";
}

static void print_fax_json(struct json_writer *json, const void *item, const void *context)
{
	const struct received_fax *fax = item;
	unsigned long number;
	char when[64];

	(void)context;
	local_time(fax->started, when, sizeof(when));
	json_begin_object(json, NULL);
	json_string(json, "time", when);
	json_string(json, "started_utc", fax->started);
	if (fax->port && fax->port[0] && faxctl_parse_uint(fax->port, 0xFFFFFFFFUL, &number))
		json_uint(json, "device_id", number);
	else
		json_string(json, "device_id", NULL);
	json_string(json, "remote_station", fax->remote_ident);
	if (faxctl_parse_uint(fax->pages, 0xFFFFFFFFUL, &number))
		json_uint(json, "pages", number);
	else
		json_string(json, "pages", NULL);
	json_string(json, "outcome", fax->outcome);
	json_bool(json, "complete", !fax->failed);
	json_string(json, "negotiated", fax->negotiated);
	json_string(json, "id", strrchr(fax->path, '/') + 1);
	json_string(json, "file", fax->path);
	json_end_object(json);
}

static void print_fax_header(void)
{
	printf("%-19s  %-4s  %-20s  %5s  %-12s  %s\n", "TIME", "PORT", "FROM", "PAGES", "OUTCOME",
	       "FILE");
}

static void print_fax_row(const void *item, const void *context)
{
	const struct received_fax *fax = item;
	char when[64];

	(void)context;
	local_time(fax->started, when, sizeof(when));
	/*
	 * Every field comes from the spool: the .txt (the remote station's id
	 * is the far end's text), the file names, or an older faxd's files.
	 */
	terminal_text_field(stdout, when, -19);
	fputs("  ", stdout);
	terminal_text_field(stdout, or_dash(fax->port), -4);
	fputs("  ", stdout);
	terminal_text_field(stdout, or_dash(fax->remote_ident), -20);
	fputs("  ", stdout);
	terminal_text_field(stdout, or_dash(fax->pages), 5);
	fputs("  ", stdout);
	terminal_text_field(stdout, or_dash(fax->outcome), -12);
	fputs("  ", stdout);
	terminal_text_field(stdout, fax->path, 0);
	putchar('\n');
}

int faxctl_inbox(struct faxctl_command_line *cmd)
{
	static const struct option options[] = {
		{ "spool", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *spool = FAXCTL_DEFAULT_SPOOL;
	bool as_json = false;
	struct received_fax *faxes;
	size_t count;
	char *inbox;
	int option, error;

	if (cmd->argc > 1 && !strcmp(cmd->argv[1], "rm")) {
		struct faxctl_command_line rm = {
			.argc = cmd->argc - 1, .argv = cmd->argv + 1, .name = "inbox rm",
		};

		return faxctl_inbox_rm(&rm);
	}
	while ((option = faxctl_getopt(cmd, ":h", options)) != -1) {
		switch (option) {
		case 'h':
			fputs(inbox_help, stdout);
			return FAXCTL_OK;
		case 's':
			spool = optarg;
			break;
		case 'j':
			as_json = true;
			break;
		default:
			return FAXCTL_USAGE;
		}
	}
	if (optind < cmd->argc)
		return faxctl_usage_error(cmd, "unexpected argument '%s'", cmd->argv[optind]);
	if (asprintf(&inbox, "%s/inbox", spool) < 0)
		return faxctl_fail(FAXCTL_FAILED, "out of memory");
	error = list_inbox(inbox, &faxes, &count);
	if (error) {
		int status = error == -ENOENT ? FAXCTL_NOT_FOUND :
			     error == -EACCES ? FAXCTL_DENIED : FAXCTL_FAILED;

		faxctl_fail(status, "cannot read the inbox %s: %s%s", inbox, strerror(-error),
			    error == -ENOENT ? " (is faxd's spool_dir elsewhere? see --spool)" :
			    error == -EACCES ? "; " FAXCTL_FAX_GROUP_HINT : "");
		free(inbox);
		return status;
	}
	faxctl_print_listing(&(struct faxctl_listing){
		.items = faxes, .count = count, .item_size = sizeof(*faxes),
		.empty = "no fax was received",
		.print_header = print_fax_header, .print_row = print_fax_row,
		.print_object = print_fax_json,
	}, as_json);
	for (size_t i = 0; i < count; i++)
		free_fax(&faxes[i]);
	free(faxes);
	free(inbox);
	return FAXCTL_OK;
}
