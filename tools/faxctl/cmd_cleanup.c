// SPDX-License-Identifier: GPL-2.0
/*
 * faxctl cleanup: ages faxes out of the spool, HylaFAX's faxcron and
 * faxqclean. faxport-cleanup.timer runs it daily as faxd's user, which owns
 * the files. How old is too old comes from /etc/faxport/cleanup.conf:
 *
 *   inbox_days   = 30   received faxes (inbox/<stamp>-...)
 *   failed_days  = 14   calls that broke off (inbox/failed-<stamp>-...)
 *   archive_days = 0    sent faxes in the server's ArchiveDirectory
 *
 * 0 keeps them forever; a missing file is these defaults. A file's age is
 * the UTC stamp faxd put in its name (when the call was answered, or the
 * sent fax completed), which copying or touching does not change.
 *
 * Only a regular file whose whole name is one faxd gives (spool_names.c)
 * is deleted: never a .partial- fax still arriving, a temporary file, an
 * admin's own file or a symbolic link (fstatat with AT_SYMLINK_NOFOLLOW,
 * unlinkat relative to the folder's descriptor, the folders opened with
 * O_NOFOLLOW), so a link planted in the spool cannot make it delete
 * anything elsewhere.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "faxctl.h"
#include "terminal_text.h"

#define DEFAULT_CLEANUP_CONFIG "/etc/faxport/cleanup.conf"
#define SECONDS_PER_DAY 86400
/* A hundred years: more is surely a typing error. */
#define MAX_DAYS 36500

static const char cleanup_help[] =
	"usage: faxctl cleanup [--dry-run] [--config PATH] [--spool DIR] [--archive DIR]\n"
	"Deletes the received faxes older than inbox_days, the failed receptions\n"
	"older than failed_days and the archived sent faxes older than archive_days\n"
	"(0: kept forever), as set in PATH (default " DEFAULT_CLEANUP_CONFIG ";\n"
	"without it 30, 14 and 0), and prints each file it deletes; --dry-run only\n"
	"prints what it would delete. DIR is faxd's spool_dir (default\n"
	FAXCTL_DEFAULT_SPOOL "); the archive is the server's ArchiveDirectory\n"
	"unless --archive names it.\n";

struct cleanup_ages {
	unsigned long inbox_days, failed_days, archive_days;
};

struct cleanup_run {
	bool dry_run;
	time_t now;
	uint64_t files;
	int status;	/* the first failure's exit status */
};

static void note_failure(struct cleanup_run *run, int status)
{
	if (run->status == FAXCTL_OK)
		run->status = status;
}

static int status_for(int error)
{
	return error == -ENOENT ? FAXCTL_NOT_FOUND :
	       error == -EACCES || error == -EPERM || error == -EROFS ? FAXCTL_DENIED :
	       FAXCTL_FAILED;
}

static char *trim(char *text)
{
	char *end = text + strlen(text);

	while (*text == ' ' || *text == '\t')
		text++;
	while (end > text && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
			      end[-1] == '\r'))
		*--end = '\0';
	return text;
}

/* "key = value" lines, '#' comments. An exit status (FAXCTL_OK: read). */
static int read_ages(const char *path, bool must_exist, struct cleanup_ages *ages)
{
	struct {
		const char *key;
		unsigned long *days;
	} keys[] = {
		{ "inbox_days", &ages->inbox_days },
		{ "failed_days", &ages->failed_days },
		{ "archive_days", &ages->archive_days },
	};
	FILE *file = fopen(path, "re");
	char *line = NULL;
	size_t size = 0;
	unsigned long number = 0;
	int status = FAXCTL_OK;

	if (!file) {
		int error = -errno;

		if (error == -ENOENT && !must_exist)
			return FAXCTL_OK;
		return faxctl_fail(status_for(error), "cannot read %s: %s", path,
				   strerror(-error));
	}
	while (getline(&line, &size, file) >= 0) {
		char *text = trim(line), *equals, *key, *value;
		size_t i;

		number++;
		if (!text[0] || text[0] == '#')
			continue;
		equals = strchr(text, '=');
		if (!equals) {
			status = faxctl_fail(FAXCTL_BAD_DATA, "%s:%lu: a line without '= value'",
					     path, number);
			continue;
		}
		*equals = '\0';
		key = trim(text);
		value = trim(equals + 1);
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (!strcmp(key, keys[i].key))
				break;
		}
		if (i == sizeof(keys) / sizeof(keys[0]))
			status = faxctl_fail(FAXCTL_BAD_DATA, "%s:%lu: unknown key '%s' (inbox_days, "
					     "failed_days or archive_days)", path, number, key);
		else if (!faxctl_parse_uint(value, MAX_DAYS, keys[i].days))
			status = faxctl_fail(FAXCTL_BAD_DATA, "%s:%lu: %s takes a number of days "
					     "from 0 (keep forever) to %d, not '%s'", path, number,
					     key, MAX_DAYS, value);
	}
	if (ferror(file) && status == FAXCTL_OK)
		status = faxctl_fail(FAXCTL_FAILED, "cannot read %s", path);
	free(line);
	fclose(file);
	return status;
}

/* How many days a file of this name is kept (0: forever); -1 when it is not faxd's. */
static long keep_days(const char *name, bool archive, const struct cleanup_ages *ages,
		      time_t *stamp)
{
	bool is_tif;

	if (archive)
		return faxctl_archive_name_valid(name, stamp) ? (long)ages->archive_days : -1;
	switch (faxctl_inbox_name_kind(name, stamp, &is_tif)) {
	case FAXCTL_SPOOL_RECEIVED:
		return (long)ages->inbox_days;
	case FAXCTL_SPOOL_FAILED:
		return (long)ages->failed_days;
	default:
		return -1;
	}
}

static void print_path(FILE *out, const char *folder, const char *name)
{
	terminal_text_field(out, folder, 0);
	fputc('/', out);
	terminal_text_field(out, name, 0);
}

static void clean_entry(struct cleanup_run *run, int folder, const char *folder_path,
			const char *name, bool archive, const struct cleanup_ages *ages)
{
	struct stat status;
	time_t stamp;
	long days = keep_days(name, archive, ages, &stamp);

	if (days <= 0 || stamp > run->now - (time_t)days * SECONDS_PER_DAY)
		return;
	if (fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW)) {
		if (errno != ENOENT) {
			int error = -errno;

			faxctl_fail(status_for(error), "cannot examine %s/%s: %s", folder_path,
				    name, strerror(-error));
			note_failure(run, status_for(error));
		}
		return;
	}
	if (!S_ISREG(status.st_mode)) {
		fputs("faxctl: left alone, not a regular file: ", stderr);
		print_path(stderr, folder_path, name);
		fputc('\n', stderr);
		return;
	}
	if (!run->dry_run && unlinkat(folder, name, 0)) {
		int error = -errno;

		if (error == -ENOENT)
			return;
		faxctl_fail(status_for(error), "cannot delete %s/%s: %s%s", folder_path, name,
			    strerror(-error), error == -EACCES || error == -EPERM ?
			    " (run as faxd's user or root)" : "");
		note_failure(run, status_for(error));
		return;
	}
	fputs(run->dry_run ? "would remove " : "removed ", stdout);
	print_path(stdout, folder_path, name);
	fputc('\n', stdout);
	run->files++;
}

/* Every file of @folder (an open descriptor, kept) named as faxd names them. */
static void clean_folder(struct cleanup_run *run, int folder, const char *folder_path,
			 bool archive, const struct cleanup_ages *ages)
{
	int listing_fd = dup(folder);
	DIR *listing = listing_fd < 0 ? NULL : fdopendir(listing_fd);
	struct dirent *entry;

	if (!listing) {
		int error = -errno;

		if (listing_fd >= 0)
			close(listing_fd);
		faxctl_fail(status_for(error), "cannot list %s: %s", folder_path, strerror(-error));
		note_failure(run, status_for(error));
		return;
	}
	while ((errno = 0, entry = readdir(listing)))
		clean_entry(run, folder, folder_path, entry->d_name, archive, ages);
	if (errno) {
		int error = -errno;

		faxctl_fail(FAXCTL_FAILED, "cannot list %s: %s", folder_path, strerror(-error));
		note_failure(run, FAXCTL_FAILED);
	}
	closedir(listing);
}

static void open_failed(struct cleanup_run *run, const char *what, const char *path,
			int error)
{
	faxctl_fail(status_for(error), "cannot open %s %s: %s%s", what, path, strerror(-error),
		    error == -ELOOP || error == -ENOTDIR ? " (a symbolic link is not followed)" :
		    error == -EACCES ? " (run as faxd's user or root)" : "");
	note_failure(run, status_for(error));
}

static void clean_inbox(struct cleanup_run *run, const char *spool,
			const struct cleanup_ages *ages)
{
	int spool_fd, inbox;
	char *inbox_path;

	if (!ages->inbox_days && !ages->failed_days)
		return;
	if (asprintf(&inbox_path, "%s/inbox", spool) < 0) {
		note_failure(run, faxctl_fail(FAXCTL_FAILED, "out of memory"));
		return;
	}
	spool_fd = open(spool, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	inbox = spool_fd < 0 ? -1 :
		openat(spool_fd, "inbox", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (inbox < 0) {
		open_failed(run, "the inbox", inbox_path, -errno);
	} else {
		clean_folder(run, inbox, inbox_path, false, ages);
		close(inbox);
	}
	if (spool_fd >= 0)
		close(spool_fd);
	free(inbox_path);
}

/* The server's ArchiveDirectory (NULL: none set); an exit status. */
static int read_archive_folder(char **folder)
{
	PFAX_CONFIGURATIONA config;
	HANDLE server;
	int status = faxctl_connect(&server);

	*folder = NULL;
	if (status)
		return status;
	if (!FaxGetConfigurationA(server, &config)) {
		status = faxctl_fail_api("cannot read the server's ArchiveDirectory",
					 GetLastError());
	} else {
		if (config->ArchiveDirectory && config->ArchiveDirectory[0]) {
			*folder = strdup(config->ArchiveDirectory);
			if (!*folder)
				status = faxctl_fail(FAXCTL_FAILED, "out of memory");
		}
		FaxFreeBuffer(config);
	}
	FaxClose(server);
	return status;
}

static void clean_archive(struct cleanup_run *run, const char *given,
			  const struct cleanup_ages *ages)
{
	char *folder = NULL;
	int archive;

	if (!ages->archive_days)
		return;
	if (!given) {
		int status = read_archive_folder(&folder);

		if (status) {
			note_failure(run, status);
			return;
		}
		if (!folder) {
			printf("the server has no ArchiveDirectory: no archive to clean\n");
			return;
		}
		given = folder;
	}
	archive = open(given, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (archive < 0) {
		open_failed(run, "the archive", given, -errno);
	} else {
		clean_folder(run, archive, given, true, ages);
		close(archive);
	}
	free(folder);
}

int faxctl_cleanup(struct faxctl_command_line *cmd)
{
	static const struct option options[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "config", required_argument, NULL, 'c' },
		{ "spool", required_argument, NULL, 's' },
		{ "archive", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cleanup_ages ages = { .inbox_days = 30, .failed_days = 14, .archive_days = 0 };
	struct cleanup_run run = { .now = time(NULL) };
	const char *config = DEFAULT_CLEANUP_CONFIG, *spool = FAXCTL_DEFAULT_SPOOL;
	const char *archive = NULL;
	bool config_given = false;
	int option, status;

	while ((option = faxctl_getopt(cmd, ":hn", options)) != -1) {
		switch (option) {
		case 'h':
			fputs(cleanup_help, stdout);
			return FAXCTL_OK;
		case 'n':
			run.dry_run = true;
			break;
		case 'c':
			config = optarg;
			config_given = true;
			break;
		case 's':
			spool = optarg;
			break;
		case 'a':
			archive = optarg;
			break;
		default:
			return FAXCTL_USAGE;
		}
	}
	if (optind < cmd->argc)
		return faxctl_usage_error(cmd, "unexpected argument '%s'", cmd->argv[optind]);
	/* A bad line stops it all: a typing error must not delete what was meant to stay. */
	status = read_ages(config, config_given, &ages);
	if (status)
		return status;
	clean_inbox(&run, spool, &ages);
	clean_archive(&run, archive, &ages);
	printf("%s %" PRIu64 " file%s (kept: received %lu days, failed %lu, archive %lu; "
	       "0 is forever)\n", run.dry_run ? "would remove" : "removed", run.files,
	       run.files == 1 ? "" : "s", ages.inbox_days, ages.failed_days, ages.archive_days);
	return run.status;
}
