// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_OUTBOUND
#include "delivery_mail.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "delivery_report.h"
#include "mail_spool.h"
#include "routing.h"
#include "../engine/log.h"
#include "../t30/full_write.h"
#include "faxport_client.h"


struct faxd_delivery_job {
	uint32_t job_id;
	uint32_t device_id;
	uint32_t retries_left;		/* after this attempt, as JOB_TAKE said */
	uint32_t total_pages;
	int document_fd;		/* a duplicate, for the first page; or -1 */
	bool deleted;
	int64_t submitted_ns;
	struct faxport_job_param param;	/* strings NUL-terminated */
};

/* What the helper process needs; everything owned. */
struct mail_context {
	struct delivery_report report;
	char *failure;
	char *command_line;
	char *spool_dir;		/* mail_delivery = spool: queue it there; else NULL */
	unsigned int timeout_s;		/* of the mail command (route_timeout_s) */
	char *remote_ident;
	char host[HOST_NAME_MAX + 1];
	struct faxport_job_param param;
	bool has_document;
};

#define TERMINATE(field) ((field)[sizeof(field) - 1] = '\0')

struct faxd_delivery_job *faxd_delivery_job_new(const struct faxport_job_take *take,
						uint32_t device_id)
{
	struct faxd_delivery_job *job;

	if (take->info.param.delivery_report_type != FAXPORT_REPORT_EMAIL)
		return NULL;
	job = calloc(1, sizeof(*job));
	if (!job) {
		log_error("faxport%u: job %u: out of memory: no delivery report", device_id,
			  take->job_id);
		return NULL;
	}
	job->job_id = take->job_id;
	job->device_id = device_id;
	job->retries_left = take->info.retries_left;
	job->total_pages = take->info.total_pages ? take->info.total_pages
						  : take->info.page_count;
	job->submitted_ns = (int64_t)take->info.submitted_ns;
	job->param = take->info.param;
	TERMINATE(job->param.recipient_number);
	TERMINATE(job->param.recipient_name);
	TERMINATE(job->param.sender_name);
	TERMINATE(job->param.document_name);
	TERMINATE(job->param.delivery_report_address);
	/* The report's attachment is read by the helper, never in the loop. */
	job->document_fd = fcntl(take->document_fd, F_DUPFD_CLOEXEC, 3);
	if (job->document_fd < 0)
		log_warning("faxport%u: job %u: the report will have no page: %s", device_id,
			    job->job_id, strerror(errno));
	return job;
}

void faxd_delivery_job_deleted(struct faxd_delivery_job *job)
{
	if (job)
		job->deleted = true;
}

static void free_job(struct faxd_delivery_job *job)
{
	if (job->document_fd >= 0)
		close(job->document_fd);
	free(job);
}

/* The server handle for JOB_GET, opened once; -1 when there is none. */
static int server_fd = -1;
static uint32_t server_rights;
static bool server_tried;

static int server_handle(void)
{
	struct faxport_rights rights = { 0 };
	int fd;

	if (server_tried)
		return server_fd;
	server_tried = true;
	fd = faxport_open_server();
	if (fd < 0) {
		log_warning("delivery reports: no server handle (%s): faxd predicts the kernel's "
			    "retry decision", strerror(-fd));
		return -1;
	}
	if (!faxport_ioctl(fd, FAXPORT_IOC_GET_RIGHTS, &rights))
		server_rights = rights.rights;
	server_fd = fd;
	return fd;
}

bool faxd_job_failed_for_good(uint32_t job_id, uint32_t retries_left, uint32_t state)
{
	struct faxport_job_get get = { .job_id = job_id };
	int fd = server_handle(), error = -EBADF;

	if (fd >= 0)
		error = faxport_ioctl(fd, FAXPORT_IOC_JOB_GET, &get);
	if (!error)
		return get.info.queue_status & FAXPORT_JS_RETRIES_EXCEEDED;
	/* Gone, and visible to this handle had it been there: dirty_days 0 removed it. */
	if (error == -ENOENT && (server_rights & FAXPORT_RIGHT_JOB_QUERY))
		return true;
	/* The kernel's rule (faxport_engine_done), on what JOB_TAKE said. */
	return !retries_left || state == FAXPORT_STATE_BAD_ADDRESS;
}

/* Did the attempt that ended with @state end the job for good? */
static bool failed_for_good(const struct faxd_delivery_job *job, uint32_t state)
{
	return faxd_job_failed_for_good(job->job_id, job->retries_left, state);
}

/* Why it failed, in faxd's words (malloc'ed), or NULL. */
static char *failure_text(uint32_t state, const struct faxd_call_report *report)
{
	const char *what, *detail = NULL;
	char *text;

	switch (state) {
	case FAXPORT_STATE_BUSY:
		what = "the line was busy";
		break;
	case FAXPORT_STATE_NO_ANSWER:
		what = "no fax answered";
		break;
	case FAXPORT_STATE_BAD_ADDRESS:
		what = "the number does not exist";
		break;
	case FAXPORT_STATE_NO_DIAL_TONE:
		what = "no dial tone";
		break;
	case FAXPORT_STATE_DISCONNECTED:
		what = "the call was cut off";
		detail = report->result.t30_text;
		break;
	default:
		what = "the fax failed";
		detail = report->result.document_problem ? report->result.document_problem
							 : report->result.t30_text;
		break;
	}
	if (detail && detail[0])
		return asprintf(&text, "%s (%s)", what, detail) < 0 ? NULL : text;
	return strdup(what);
}

static void free_context(void *opaque)
{
	struct mail_context *context = opaque;

	free(context->failure);
	free(context->command_line);
	free(context->spool_dir);
	free(context->remote_ident);
	free(context);
}

/*
 * The helper process (fd 3: the document, when there is one): build the
 * mail, queue it (mail_delivery = spool) or hand it to the mail command
 * (faxd_mail_command_run), and return the verdict as the exit status.
 */
static int mail_helper(void *opaque)
{
	struct mail_context *context = opaque;
	char *text = NULL;
	uint8_t *page = NULL;
	size_t page_size = 0, text_size = 0;
	int mail_fd, status, error;

	if (context->has_document) {
		error = delivery_report_first_page(3, &page, &page_size);
		if (error)
			log_warning("job %u: delivery report without its page: %s",
				    context->report.job_id, strerror(-error));
		close(3);
	}
	context->report.attachment = page;
	context->report.attachment_size = page_size;
	error = delivery_report_build(&context->report, &text, &text_size);
	free(page);
	if (error) {
		log_error("job %u: cannot build the delivery report: %s", context->report.job_id,
			  strerror(-error));
		return 1;
	}
	if (context->spool_dir) {
		/* faxport-mail.service sends it, outside faxd's sandbox (mail_spool.h). */
		error = faxd_mail_spool_add(context->spool_dir, context->report.job_id, text,
					    text_size);
		free(text);
		if (error) {
			log_error("job %u: cannot queue the delivery report in %s/mail: %s",
				  context->report.job_id, context->spool_dir, strerror(-error));
			return 1;
		}
		log_notice("job %u: delivery report queued for faxport-mail.service",
			   context->report.job_id);
		return 0;
	}
	/* The mail from a memory file: the same way as a spooled one is sent. */
	mail_fd = memfd_create("faxd-report", MFD_CLOEXEC);
	error = mail_fd < 0 ? -errno : full_write(mail_fd, text, text_size);
	free(text);
	if (!error && lseek(mail_fd, 0, SEEK_SET))
		error = -errno;
	status = error ? -1 : faxd_mail_command_run(context->command_line, mail_fd,
						       context->timeout_s);
	if (mail_fd >= 0)
		close(mail_fd);
	if (status == 0) {
		log_notice("job %u: delivery report mailed", context->report.job_id);
		return 0;
	}
	log_error("job %u: the mail command %s failed (status %d): no delivery report (a set-id "
		  "sendmail cannot run in faxd.service's sandbox: mail_delivery = spool, faxd(8))",
		  context->report.job_id, context->command_line, status);
	return 1;
}

/* @text with everything but printable ASCII as '?', for a log line. */
static void printable(char *to, size_t size, const char *text)
{
	size_t i;

	for (i = 0; text[i] && i + 1 < size; i++)
		to[i] = text[i] >= 0x20 && text[i] < 0x7f ? text[i] : '?';
	to[i] = '\0';
}

static struct mail_context *new_context(const struct faxd_delivery_job *job,
					const struct faxd_call_report *report, uint32_t state,
					const struct faxd_config *config)
{
	struct mail_context *context = calloc(1, sizeof(*context));
	bool delivered = state == FAXPORT_STATE_COMPLETED;

	if (!context)
		return NULL;
	context->param = job->param;
	context->command_line = strdup(config->mail_command);
	context->timeout_s = config->route_limits.timeout_s;
	if (config->mail_spooled && !(context->spool_dir = strdup(config->spool_dir))) {
		free_context(context);
		return NULL;
	}
	context->remote_ident = strdup(report->negotiated ? report->negotiation.remote_ident : "");
	context->failure = delivered ? NULL : failure_text(state, report);
	if (!context->command_line || !context->remote_ident || (!delivered && !context->failure)) {
		free_context(context);
		return NULL;
	}
	if (gethostname(context->host, sizeof(context->host) - 1))
		strcpy(context->host, "localhost");
	context->has_document = job->document_fd >= 0;
	context->report = (struct delivery_report){
		.job_id = job->job_id,
		.address = context->param.delivery_report_address,
		.delivered = delivered,
		.failure = context->failure,
		.recipient_number = context->param.recipient_number,
		.recipient_name = context->param.recipient_name,
		.sender_name = context->param.sender_name,
		.document_name = context->param.document_name,
		.remote_ident = context->remote_ident,
		.pages_sent = report->result.pages_transferred > 0
			? (unsigned int)report->result.pages_transferred : 0,
		.pages_total = report->result.pages_total > 0
			? (unsigned int)report->result.pages_total : job->total_pages,
		.submitted = (time_t)(job->submitted_ns / 1000000000),
		.completed = time(NULL),
		.host = context->host,
	};
	return context;
}

void faxd_delivery_job_ended(struct faxd_delivery_job *job, const struct faxd_call_report *report,
			     uint32_t state, bool done_accepted, const struct faxd_config *config)
{
	struct mail_context *context;
	char what[64], address[80];

	if (!job)
		return;
	if (job->deleted || !done_accepted) {
		log_info("faxport%u: job %u was deleted: no delivery report", job->device_id,
			 job->job_id);
		goto out;
	}
	if (state != FAXPORT_STATE_COMPLETED && !failed_for_good(job, state)) {
		log_info("faxport%u: job %u will be tried again: its delivery report waits for "
			 "its end", job->device_id, job->job_id);
		goto out;
	}
	if (!delivery_report_address_valid(job->param.delivery_report_address)) {
		printable(address, sizeof(address), job->param.delivery_report_address);
		log_warning("faxport%u: job %u: delivery report address '%s' is not one address "
			    "(local@domain): no report", job->device_id, job->job_id, address);
		goto out;
	}
	context = new_context(job, report, state, config);
	if (!context) {
		log_error("faxport%u: job %u: out of memory: no delivery report", job->device_id,
			  job->job_id);
		goto out;
	}
	snprintf(what, sizeof(what), "delivery report of job %u", job->job_id);
	/* The helper owns the duplicate from here (its fd 3). */
	faxd_route_run_helper(what, mail_helper, context, free_context, job->document_fd,
			      &config->route_limits);
	job->document_fd = -1;
out:
	free_job(job);
}
