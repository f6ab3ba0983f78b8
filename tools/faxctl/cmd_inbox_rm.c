// SPDX-License-Identifier: GPL-2.0
/*
 * faxctl inbox rm ID...: deletes received faxes from faxd's spool, HylaFAX's
 * faxrm for the inbox. An ID is the name `faxctl inbox` shows (--json:
 * "id"), with or without its ".tif", and must be exactly a name faxd gives
 * (spool_names.c): never a path, a partial fax or another file. The fax and
 * the .txt beside it are removed relative to the inbox's folder, and only a
 * regular file: a symbolic link planted under a fax's name is refused, and
 * what it points to stays.
 *
 * The spool is faxd's user's, mode 2750: the group fax may read it but only
 * that user and root may delete (the message says so).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "faxctl.h"
#include "terminal_text.h"

static const char rm_help[] =
	"usage: faxctl inbox rm [--spool DIR] ID...\n"
	"Deletes received faxes (each ID as 'faxctl inbox' shows it, the file's name,\n"
	"with or without .tif) and their .txt records from faxd's inbox. DIR is faxd's\n"
	"spool_dir (default " FAXCTL_DEFAULT_SPOOL "). Needs faxd's user or root.\n";

#define DELETE_HINT \
	"the group 'fax' may read the received faxes but not delete them: only " \
	"faxd's user and root may (sudo faxctl inbox rm ...)"

static int status_for(int error)
{
	switch (error) {
	case -ENOENT:
		return FAXCTL_NOT_FOUND;
	case -EACCES:
	case -EPERM:
	case -EROFS:
		return FAXCTL_DENIED;
	default:
		return FAXCTL_FAILED;
	}
}

/* The fax's .tif name for @id, or NULL (said why) when @id is no inbox fax. */
static char *tif_name_for(const struct faxctl_command_line *cmd, const char *id)
{
	size_t length = strlen(id);
	bool is_tif;
	time_t stamp;
	char *name;

	if (length > 4 && !strcmp(id + length - 4, ".tif"))
		name = strdup(id);
	else if (asprintf(&name, "%s.tif", id) < 0)
		name = NULL;
	if (!name) {
		faxctl_fail(FAXCTL_FAILED, "out of memory");
		return NULL;
	}
	/* The name's shape excludes '/', "..", ".partial-" and the .txt. */
	if (faxctl_inbox_name_kind(name, &stamp, &is_tif) == FAXCTL_SPOOL_NOT_OURS) {
		faxctl_usage_error(cmd, "'%s' is not a received fax's ID "
				   "(an ID is a file name 'faxctl inbox' shows)", id);
		free(name);
		return NULL;
	}
	return name;
}

/* 0 or a negative errno; an ENOENT .txt is no error (an older faxd's fax). */
static int remove_fax(int inbox, const char *tif_name, bool *txt_left)
{
	size_t stem = strlen(tif_name) - strlen(".tif");
	struct stat status;
	char *txt_name;
	int error = 0;

	*txt_left = false;
	if (fstatat(inbox, tif_name, &status, AT_SYMLINK_NOFOLLOW))
		return -errno;
	if (!S_ISREG(status.st_mode))
		return -EINVAL;
	if (unlinkat(inbox, tif_name, 0))
		return -errno;
	if (asprintf(&txt_name, "%.*s.txt", (int)stem, tif_name) < 0) {
		*txt_left = true;
		return -ENOMEM;
	}
	if (!fstatat(inbox, txt_name, &status, AT_SYMLINK_NOFOLLOW) && S_ISREG(status.st_mode) &&
	    unlinkat(inbox, txt_name, 0) && errno != ENOENT) {
		error = -errno;
		*txt_left = true;
	}
	free(txt_name);
	return error;
}

int faxctl_inbox_rm(struct faxctl_command_line *cmd)
{
	static const struct option options[] = {
		{ "spool", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *spool = FAXCTL_DEFAULT_SPOOL;
	int option, inbox, status = FAXCTL_OK;
	char *inbox_path;

	optind = 1;
	while ((option = faxctl_getopt(cmd, ":h", options)) != -1) {
		switch (option) {
		case 'h':
			fputs(rm_help, stdout);
			return FAXCTL_OK;
		case 's':
			spool = optarg;
			break;
		default:
			return FAXCTL_USAGE;
		}
	}
	if (optind >= cmd->argc)
		return faxctl_usage_error(cmd, "give the ID of each fax to delete");
	if (asprintf(&inbox_path, "%s/inbox", spool) < 0)
		return faxctl_fail(FAXCTL_FAILED, "out of memory");
	inbox = open(inbox_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (inbox < 0) {
		int error = -errno;

		status = faxctl_fail(status_for(error), "cannot open the inbox %s: %s%s",
				     inbox_path, strerror(-error),
				     error == -ENOENT ? " (is faxd's spool_dir elsewhere? see --spool)" :
				     error == -EACCES ? "; " FAXCTL_FAX_GROUP_HINT : "");
		free(inbox_path);
		return status;
	}
	for (int i = optind; i < cmd->argc; i++) {
		const char *id = cmd->argv[i];
		char *name = tif_name_for(cmd, id);
		bool txt_left;
		int error;

		if (!name) {
			if (status == FAXCTL_OK)
				status = FAXCTL_USAGE;
			continue;
		}
		error = remove_fax(inbox, name, &txt_left);
		if (!error) {
			fputs("removed ", stdout);
			terminal_text_field(stdout, inbox_path, 0);
			printf("/%s\n", name);
		} else if (txt_left) {
			faxctl_fail(FAXCTL_FAILED, "removed %s/%s but not its .txt: %s", inbox_path,
				    name, strerror(-error));
		} else if (error == -ENOENT) {
			faxctl_fail(FAXCTL_NOT_FOUND, "no received fax '%s' in %s (see 'faxctl inbox')",
				    id, inbox_path);
		} else if (error == -EINVAL) {
			faxctl_fail(FAXCTL_BAD_DATA, "%s/%s is not a regular file: left alone",
				    inbox_path, name);
		} else {
			faxctl_fail(status_for(error), "cannot delete %s/%s: %s%s", inbox_path, name,
				    strerror(-error),
				    error == -EACCES || error == -EPERM ? "; " DELETE_HINT : "");
		}
		if (error && status == FAXCTL_OK)
			status = error == -EINVAL ? FAXCTL_BAD_DATA :
				 txt_left ? FAXCTL_FAILED : status_for(error);
		free(name);
	}
	close(inbox);
	free(inbox_path);
	return status;
}
