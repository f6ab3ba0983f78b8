// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_OUTBOUND
#include "archive.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "routing.h"
#include "../t30/call_document.h"
#include "../t30/full_write.h"
#include "../engine/log.h"

/* The helper's copy of the document: fd 3 (faxd_route_run_helper). */
#define HELPER_DOCUMENT_FD 3

struct faxd_archive_job {
	uint32_t job_id;
	uint32_t device_id;
	uint32_t owner_uid;
	int64_t submitted_ns;
	int document_fd;
	char directory[FAXPORT_PATH_SIZE];
	struct faxport_job_param param;
};

/* What the helper writes; everything owned. */
struct archive_entry {
	struct faxd_archive_job job;
	char remote_ident[64];
	unsigned int pages;
	time_t completed;
};

#define TERMINATE(field) ((field)[sizeof(field) - 1] = '\0')

static void free_job(struct faxd_archive_job *job)
{
	if (job->document_fd >= 0)
		close(job->document_fd);
	free(job);
}

struct faxd_archive_job *faxd_archive_job_new(const struct faxport_job_take *take,
					      uint32_t device_id,
					      const struct faxport_config *config, int error)
{
	static bool failure_logged;
	struct faxd_archive_job *job;

	if (error) {
		if (!failure_logged)
			log_warning("cannot read the server's archive setting (%s): sent faxes "
				    "are not archived", strerror(-error));
		failure_logged = true;
		return NULL;
	}
	failure_logged = false;
	if (!config->archive_outgoing || !config->archive_dir[0] ||
	    !memchr(config->archive_dir, '\0', sizeof(config->archive_dir)))
		return NULL;
	job = calloc(1, sizeof(*job));
	if (!job) {
		log_error("faxport%u: job %u: out of memory: it will not be archived", device_id,
			  take->job_id);
		return NULL;
	}
	job->job_id = take->job_id;
	job->device_id = device_id;
	job->owner_uid = take->info.owner_uid;
	job->submitted_ns = (int64_t)take->info.submitted_ns;
	job->param = take->info.param;
	TERMINATE(job->param.recipient_number);
	TERMINATE(job->param.recipient_name);
	TERMINATE(job->param.sender_name);
	TERMINATE(job->param.sender_company);
	TERMINATE(job->param.document_name);
	memcpy(job->directory, config->archive_dir, sizeof(job->directory));
	job->document_fd = fcntl(take->document_fd, F_DUPFD_CLOEXEC, 0);
	if (job->document_fd < 0) {
		log_error("faxport%u: job %u: cannot keep its document for the archive: %s",
			  device_id, take->job_id, strerror(errno));
		free_job(job);
		return NULL;
	}
	return job;
}

static void utc_text(char *text, size_t size, time_t when, const char *format)
{
	struct tm utc;

	if (!gmtime_r(&when, &utc) || !strftime(text, size, format, &utc))
		snprintf(text, size, "%lld", (long long)when);
}

/* The record: one "key: value" a line; the kernel refused controls in job text. */
static int write_record(int to_fd, const struct archive_entry *entry)
{
	const struct faxd_archive_job *job = &entry->job;
	char submitted[32], completed[32];
	char *record = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&record, &length);
	int error;

	if (!out)
		return -ENOMEM;
	utc_text(submitted, sizeof(submitted), (time_t)(job->submitted_ns / 1000000000),
		 "%Y-%m-%dT%H:%M:%SZ");
	utc_text(completed, sizeof(completed), entry->completed, "%Y-%m-%dT%H:%M:%SZ");
	fprintf(out,
		"job: %u\nowner_uid: %u\nrecipient_number: %s\nrecipient_name: %s\n"
		"sender_name: %s\nsender_company: %s\ndocument_name: %s\npages: %u\n"
		"remote_ident: %s\nport: %u\nsubmitted: %s\ncompleted: %s\n",
		job->job_id, job->owner_uid, job->param.recipient_number,
		job->param.recipient_name, job->param.sender_name, job->param.sender_company,
		job->param.document_name, entry->pages, entry->remote_ident, job->device_id,
		submitted, completed);
	if (fclose(out)) {
		free(record);
		return -ENOMEM;
	}
	error = full_write(to_fd, record, length);
	free(record);
	return error;
}

/* A new 0640 file @name in @directory, filled by @fill: 0, or a negative errno (removed). */
static int write_new_file(int directory, const char *name,
			  int (*fill)(int fd, const struct archive_entry *entry),
			  const struct archive_entry *entry)
{
	int fd = openat(directory, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			0640);
	int error;

	if (fd < 0)
		return -errno;
	/* O_CREAT applies the umask: the mode is set whatever it was. */
	error = fchmod(fd, 0640) ? -errno : fill(fd, entry);
	if (!error && fsync(fd))
		error = -errno;
	if (close(fd) && !error)
		error = -errno;
	if (error)
		unlinkat(directory, name, 0);
	return error;
}

static int fill_document(int fd, const struct archive_entry *entry)
{
	(void)entry;
	/* From the document's start: call_document_copy reads it with pread. */
	return call_document_copy(HELPER_DOCUMENT_FD, fd, UINT64_MAX);
}

/* In the helper process: 0 archived, 1 not (logged). */
static int archive_helper(void *context)
{
	const struct archive_entry *entry = context;
	char stamp[32], name[96];
	int directory = faxd_open_folder(entry->job.directory, "archive");
	int error;

	if (directory < 0)
		return 1;
	utc_text(stamp, sizeof(stamp), entry->completed, "%Y%m%dT%H%M%SZ");
	snprintf(name, sizeof(name), "%s-job%u.tif", stamp, entry->job.job_id);
	error = write_new_file(directory, name, fill_document, entry);
	if (!error) {
		snprintf(name, sizeof(name), "%s-job%u.txt", stamp, entry->job.job_id);
		error = write_new_file(directory, name, write_record, entry);
	}
	if (error)
		log_error("archive: cannot write %s in %s: %s", name, entry->job.directory,
			  strerror(-error));
	else
		log_info("archive: job %u kept in %s as %s-job%u.tif", entry->job.job_id,
			 entry->job.directory, stamp, entry->job.job_id);
	close(directory);
	return error ? 1 : 0;
}

static void free_entry(void *context)
{
	free(context);
}

void faxd_archive_job_ended(struct faxd_archive_job *job, const struct faxd_call_report *report,
			    uint32_t state, const struct faxd_config *config)
{
	struct archive_entry *entry;
	char what[48];

	if (!job)
		return;
	if (state != FAXPORT_STATE_COMPLETED) {
		free_job(job);
		return;
	}
	entry = calloc(1, sizeof(*entry));
	if (!entry) {
		log_error("faxport%u: job %u: out of memory: it is not archived", job->device_id,
			  job->job_id);
		free_job(job);
		return;
	}
	entry->job = *job;
	entry->job.document_fd = -1;
	entry->pages = report->result.pages_transferred > 0
		? (unsigned int)report->result.pages_transferred : 0;
	entry->completed = time(NULL);
	if (report->negotiated)
		snprintf(entry->remote_ident, sizeof(entry->remote_ident), "%s",
			 report->negotiation.remote_ident);
	snprintf(what, sizeof(what), "archive of job %u", job->job_id);
	/* The helper owns the duplicate from here (its fd 3). */
	faxd_route_run_helper(what, archive_helper, entry, free_entry, job->document_fd,
			      &config->route_limits);
	job->document_fd = -1;
	free_job(job);
}
