// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_INBOUND
#include "spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../engine/log.h"

#define INBOX "inbox"
/*
 * A filed fax and its .txt: faxd's, and readable by the spool's group
 * (fax: the spool is setgid), whatever the umask faxd was started with
 * (libtiff creates the fax with 0666 and the umask).
 */
#define FILED_MODE 0640

int faxd_spool_prepare(const char *spool_dir)
{
	char *inbox;
	int error = 0;

	if (mkdir(spool_dir, 0750) && errno != EEXIST)
		return -errno;
	if (asprintf(&inbox, "%s/" INBOX, spool_dir) < 0)
		return -ENOMEM;
	if (mkdir(inbox, 0750) && errno != EEXIST)
		error = -errno;
	free(inbox);
	return error;
}

void faxd_spool_free_entry(struct faxd_inbox_entry *entry)
{
	if (!entry)
		return;
	free(entry->base);
	free(entry->partial_path);
	free(entry->final_path);
	free(entry->failed_path);
	free(entry);
}

static bool exists(const char *path)
{
	struct stat info;

	return lstat(path, &info) == 0 || errno != ENOENT;
}

struct faxd_inbox_entry *faxd_spool_new_entry(const char *spool_dir, uint32_t device_id)
{
	/* Within one second on one port, the sequence number tells faxes apart. */
	static unsigned int sequence;
	char stamp[sizeof("YYYYmmddTHHMMSSZ") + 8];
	time_t now = time(NULL);
	struct tm utc;

	if (!gmtime_r(&now, &utc) || !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &utc)) {
		errno = EINVAL;
		return NULL;
	}
	/* Names left by an earlier run (same second, same port) are skipped, never reused. */
	for (unsigned int attempt = 0; attempt < 1000; attempt++) {
		struct faxd_inbox_entry *entry = calloc(1, sizeof(*entry));

		if (!entry)
			return NULL;
		entry->device_id = device_id;
		entry->created_realtime_ns = (int64_t)now * 1000000000;
		sequence++;
		if (asprintf(&entry->base, "%s-%u-%u", stamp, device_id, sequence) < 0 ||
		    asprintf(&entry->partial_path, "%s/" INBOX "/.partial-%s.tif", spool_dir,
			     entry->base) < 0 ||
		    asprintf(&entry->final_path, "%s/" INBOX "/%s.tif", spool_dir,
			     entry->base) < 0 ||
		    asprintf(&entry->failed_path, "%s/" INBOX "/failed-%s.tif", spool_dir,
			     entry->base) < 0) {
			faxd_spool_free_entry(entry);
			errno = ENOMEM;
			return NULL;
		}
		if (!exists(entry->partial_path) && !exists(entry->final_path) &&
		    !exists(entry->failed_path))
			return entry;
		faxd_spool_free_entry(entry);
	}
	errno = EEXIST;
	return NULL;
}

static void format_utc(int64_t realtime_ns, char *text, size_t size)
{
	time_t seconds = (time_t)(realtime_ns / 1000000000);
	struct tm utc;

	if (!gmtime_r(&seconds, &utc) || !strftime(text, size, "%Y-%m-%dT%H:%M:%SZ", &utc))
		snprintf(text, size, "unknown");
}

/*
 * The .txt beside @tif_path, written to a temporary name and renamed into
 * place. 0, or a negative errno (logged).
 */
static int write_metadata(const char *tif_path, const struct faxd_inbox_entry *entry,
			  const struct faxd_call_report *report)
{
	const struct fax_call_result *result = &report->result;
	char started[32], finished[32];
	char *txt_path = NULL, *temporary_path = NULL;
	size_t stem = strlen(tif_path) - strlen(".tif");
	FILE *file = NULL;
	int status = -1;
	int fd;

	format_utc(report->started_realtime_ns, started, sizeof(started));
	format_utc(report->started_realtime_ns + (int64_t)(report->wall_seconds * 1e9),
		   finished, sizeof(finished));
	if (asprintf(&txt_path, "%.*s.txt", (int)stem, tif_path) < 0) {
		txt_path = NULL;
		goto out;
	}
	if (asprintf(&temporary_path, "%s.tmp", txt_path) < 0) {
		temporary_path = NULL;
		goto out;
	}
	/*
	 * A new file, never one found under that name: a link left there
	 * would have faxd write wherever it points.
	 */
	if (unlink(temporary_path) && errno != ENOENT)
		goto out;
	fd = open(temporary_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, FILED_MODE);
	if (fd < 0 || fchmod(fd, FILED_MODE)) {
		if (fd >= 0)
			close(fd);
		goto out;
	}
	file = fdopen(fd, "w");
	if (!file) {
		close(fd);
		goto out;
	}
	fprintf(file, "file: %s\n", strrchr(tif_path, '/') + 1);
	fprintf(file, "port: %u\n", entry->device_id);
	/* fax_call made it printable ASCII (fax_call_printable_ident). */
	fprintf(file, "remote_ident: %s\n", result->remote_ident);
	fprintf(file, "pages: %d\n", result->pages_transferred);
	fprintf(file, "outcome: %s\n", fax_call_outcome_name(result->outcome));
	fprintf(file, "t30_code: %d\n", result->t30_code);
	fprintf(file, "t30_text: %s\n", result->t30_text ? result->t30_text : "");
	if (report->negotiated)
		fprintf(file, "negotiated: %s %d bit/s, %s, ECM %s\n",
			fax_modem_name(report->negotiation.modem), report->negotiation.bit_rate,
			fax_compression_name(report->negotiation.compression),
			report->negotiation.ecm ? "on" : "off");
	fprintf(file, "started: %s\n", started);
	fprintf(file, "finished: %s\n", finished);
	fprintf(file, "wall_seconds: %.1f\n", report->wall_seconds);
	fprintf(file, "line_seconds: %.1f\n",
		(double)result->line_samples / FAX_CALL_SAMPLE_RATE);
	if (fclose(file) == 0 && rename(temporary_path, txt_path) == 0)
		status = 0;
	file = NULL;
out:
	if (status) {
		status = -errno;
		log_error("cannot write %s: %s", txt_path ? txt_path : tif_path, strerror(-status));
	}
	if (status && temporary_path)
		unlink(temporary_path);
	free(txt_path);
	free(temporary_path);
	return status;
}

/*
 * rename() that never replaces a file (a name that exists belongs to
 * another fax), of a fax given its filed mode first. 0, or a negative errno.
 */
static int move_without_replacing(const char *from, const char *to)
{
	if (chmod(from, FILED_MODE))
		return -errno;
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -errno;
	/* A filesystem without RENAME_NOREPLACE: link() also refuses to replace. */
	if (link(from, to) || unlink(from))
		return -errno;
	return 0;
}

const char *faxd_spool_file_confirmed(struct faxd_inbox_entry *entry,
				      const struct faxd_call_report *report)
{
	int error;

	if (entry->filed)
		return entry->final_path;
	/* The fax first: the sender is being told it was delivered. */
	error = move_without_replacing(entry->partial_path, entry->final_path);
	if (error) {
		log_error("cannot move %s to %s: %s", entry->partial_path, entry->final_path,
			  strerror(-error));
		return NULL;
	}
	entry->filed = true;
	write_metadata(entry->final_path, entry, report);
	return entry->final_path;
}

const char *faxd_spool_file(struct faxd_inbox_entry *entry,
			    const struct faxd_call_report *report)
{
	bool complete = report->result.outcome == FAX_CALL_COMPLETED;
	const char *target = complete ? entry->final_path : entry->failed_path;
	int error;

	if (entry->filed) {
		write_metadata(entry->final_path, entry, report);
		return entry->final_path;
	}
	/* fax_call removes the file when no page arrived. */
	if (!exists(entry->partial_path))
		return NULL;
	write_metadata(target, entry, report);
	error = move_without_replacing(entry->partial_path, target);
	if (error) {
		log_error("cannot move %s to %s: %s", entry->partial_path, target,
			  strerror(-error));
		return NULL;
	}
	return target;
}

/* The .txt of a fax whose receiving engine died: what is known of it. 0 or a negative errno. */
static int write_interrupted_metadata(const char *inbox, const char *name, uint32_t device_id)
{
	size_t stem = strlen(name) - strlen(".tif");
	char *txt_path = NULL;
	FILE *file = NULL;
	int error = 0, fd;

	if (asprintf(&txt_path, "%s/%.*s.txt", inbox, (int)stem, name) < 0)
		return -ENOMEM;
	fd = open(txt_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, FILED_MODE);
	if (fd >= 0 && (fchmod(fd, FILED_MODE) || !(file = fdopen(fd, "w"))))
		close(fd);
	if (!file) {
		error = -errno;
	} else {
		fprintf(file, "file: %s\n", name);
		fprintf(file, "port: %u\n", device_id);
		fprintf(file, "outcome: interrupted\n");
		fprintf(file, "t30_text: the receiving engine stopped during the call\n");
		if (fclose(file))
			error = -errno;
	}
	free(txt_path);
	return error;
}

int faxd_spool_recover_partials(const char *spool_dir, uint32_t device_id)
{
	char *inbox = NULL, suffix[32];
	struct dirent *item;
	int filed = 0, error;
	DIR *dir;

	if (asprintf(&inbox, "%s/" INBOX, spool_dir) < 0)
		return 0;
	dir = opendir(inbox);
	if (!dir) {
		free(inbox);
		return 0;
	}
	/* .partial-<stamp>-<port>-<seq>.tif: this port's have "-<port>-" after the stamp. */
	snprintf(suffix, sizeof(suffix), "-%u-", device_id);
	while ((item = readdir(dir))) {
		const char *rest = item->d_name + strlen(".partial-");
		char *from = NULL, *to = NULL, *failed_name = NULL;
		struct stat info;

		if (strncmp(item->d_name, ".partial-", strlen(".partial-")) ||
		    strlen(rest) < sizeof("YYYYmmddTHHMMSSZ") ||
		    strncmp(rest + sizeof("YYYYmmddTHHMMSSZ") - 1, suffix, strlen(suffix)))
			continue;
		if (asprintf(&from, "%s/%s", inbox, item->d_name) < 0) {
			from = NULL;
			goto next;
		}
		if (stat(from, &info))
			goto next;
		if (info.st_size == 0) {
			unlink(from);
			goto next;
		}
		if (asprintf(&failed_name, "failed-%s", rest) < 0) {
			failed_name = NULL;
			goto next;
		}
		if (asprintf(&to, "%s/%s", inbox, failed_name) < 0) {
			to = NULL;
			goto next;
		}
		write_interrupted_metadata(inbox, failed_name, device_id);
		error = move_without_replacing(from, to);
		if (error) {
			log_error("cannot move %s to %s: %s", from, to, strerror(-error));
			goto next;
		}
		log_warning("faxport%u: %s was left by an engine that stopped mid-receive: filed as %s",
			    device_id, item->d_name, failed_name);
		filed++;
next:
		free(from);
		free(to);
		free(failed_name);
	}
	closedir(dir);
	free(inbox);
	return filed;
}
