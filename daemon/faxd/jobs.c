// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's job queue, seen from the DSP engine: the kernel assigns a
 * send job to an idle port (FAXPORT_LINE_EV_JOB); faxd takes it (the job
 * and an fd of the client's document), sends it with faxd_port_send, and
 * tells the kernel how far it got (JOB_PROGRESS) and how it ended
 * (JOB_DONE), which the kernel turns into job state, retries and events.
 * Received faxes get a receive job (RECEIVE_BEGIN) so that they show in the
 * queue while they arrive.
 */
#define FAXD_LOG_CATEGORY FAXD_LOG_OUTBOUND
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "archive.h"
#include "branding.h"
#include "call_hooks.h"
#include "call_record.h"
#include "daemon.h"
#include "delivery_mail.h"
#include "log_levels.h"
#include "server_config.h"
#include "../engine/log.h"
#include "faxport_client.h"

static void copy_printable_ident(char *to, size_t size, const char *from)
{
	size_t i;

	for (i = 0; from[i] && i + 1 < size; i++)
		to[i] = from[i] >= 0x20 && from[i] <= 0x7e ? from[i] : '?';
	to[i] = '\0';
}

static void report_progress(struct faxd_managed_port *managed, uint32_t state, int page,
			    const char *remote_ident)
{
	struct faxport_job_progress progress = {
		.job_id = managed->job_id,
		.state = state,
		.current_page = page > 0 ? (uint32_t)page : 0,
	};
	int error;

	if (!managed->job_id)
		return;
	if (remote_ident)
		copy_printable_ident(progress.remote_id, sizeof(progress.remote_id), remote_ident);
	error = faxport_ioctl(faxd_port_fd(managed->port), FAXPORT_IOC_JOB_PROGRESS, &progress);
	if (error)
		log_debug("faxport%u: job %u progress: %s", managed->device_id, managed->job_id,
			  strerror(-error));
}

void faxd_jobs_progress(struct faxd_managed_port *managed, const struct fax_call_event *event)
{
	uint32_t state = managed->inbox_entry ? FAXPORT_STATE_RECEIVING : FAXPORT_STATE_SENDING;

	switch (event->type) {
	case FAX_CALL_EVENT_NEGOTIATED:
		report_progress(managed, state, 1, event->negotiation->remote_ident);
		break;
	case FAX_CALL_EVENT_PAGE_STARTED:
		report_progress(managed, state, event->page, NULL);
		break;
	default:
		break;
	}
}

/* The job state that tells the kernel (and the client) how the attempt went. */
static uint32_t done_state(const struct faxd_call_report *report)
{
	switch (report->line) {
	case FAXD_LINE_BAD_ADDRESS:
		return FAXPORT_STATE_BAD_ADDRESS;
	case FAXD_LINE_BUSY:
		return FAXPORT_STATE_BUSY;
	case FAXD_LINE_NO_ANSWER:
		return FAXPORT_STATE_NO_ANSWER;
	case FAXD_LINE_NO_DIAL_TONE:
		return FAXPORT_STATE_NO_DIAL_TONE;
	case FAXD_LINE_ABORTED:
		return FAXPORT_STATE_DISCONNECTED;
	case FAXD_LINE_NOT_DIALED:
	case FAXD_LINE_ERROR:
		return FAXPORT_STATE_FATAL_ERROR;
	case FAXD_LINE_CONNECTED:
		break;
	}
	switch (report->result.outcome) {
	case FAX_CALL_COMPLETED:
		return FAXPORT_STATE_COMPLETED;
	case FAX_CALL_NO_FAX_ANSWER:
		/* We answered and no fax machine called: FPS_NOT_FAX_CALL. */
		return report->role == FAX_CALL_RECEIVE ? FAXPORT_STATE_NOT_FAX_CALL
							: FAXPORT_STATE_NO_ANSWER;
	case FAX_CALL_DISCONNECTED:
	case FAX_CALL_TIMEOUT:
	case FAX_CALL_ABORTED:
		return FAXPORT_STATE_DISCONNECTED;
	default:
		return FAXPORT_STATE_FATAL_ERROR;
	}
}

/* @uid's user name, or its number when it has none; into @name. */
static void owner_name(uint32_t uid, char *name, size_t size)
{
	struct passwd entry, *found = NULL;
	char buffer[1024];

	/*
	 * In the event loop, once per send attempt: the local passwd file, or
	 * the NSS cache (nscd/sssd) of a directory. A slow directory delays
	 * the loop here as it would any other lookup faxd makes.
	 */
	if (!getpwuid_r((uid_t)uid, &entry, buffer, sizeof(buffer), &found) && found &&
	    found->pw_name[0])
		snprintf(name, size, "%s", found->pw_name);
	else
		snprintf(name, size, "%u", uid);
}

/*
 * The send attempt of @managed ended as @report, told to the kernel as
 * @state (@done_accepted: JOB_DONE succeeded): its call record, and the
 * notify hook with whether the job is done, failed for good or requeued.
 */
static void send_attempt_ended(struct faxd_managed_port *managed, uint32_t job_id,
			       const struct faxd_call_report *report, uint32_t state,
			       bool done_accepted)
{
	struct faxd_send_job *job = &managed->send_job;
	struct faxd_call_record record = {
		.sending = true,
		.job_id = job_id,
		.device_id = managed->device_id,
		.number = job->number,
		.remote_ident = report->result.remote_ident[0] ? report->result.remote_ident
			: report->negotiated ? report->negotiation.remote_ident : NULL,
		.ended = time(NULL),
	};
	char owner[64];
	char *reason = faxd_call_reason(report);
	const char *event;

	owner_name(job->owner_uid, owner, sizeof(owner));
	record.owner = owner;
	faxd_call_record_from_report(&record, report);
	if (!record.pages_total)
		record.pages_total = job->total_pages;
	record.reason = reason;
	faxd_call_record_publish(&record, managed->daemon->config);
	if (state == FAXPORT_STATE_COMPLETED && done_accepted)
		event = "done";
	else if (job->deleted || !done_accepted)
		event = "failed";	/* deleted, or gone from the queue */
	else if (faxd_job_failed_for_good(job_id, job->retries_left, state))
		event = "failed";
	else
		event = "requeued";
	faxd_call_hooks_send(managed->daemon->config, event, &record,
			     (time_t)(job->submitted_ns / 1000000000));
	free(reason);
	job->active = false;
}

void faxd_jobs_done(struct faxd_managed_port *managed, const struct faxd_call_report *report)
{
	struct faxport_job_done done = {
		.job_id = managed->job_id,
		.state = done_state(report),
		.pages = report->result.pages_transferred > 0
			? (uint32_t)report->result.pages_transferred : 0,
		.t30_code = report->result.t30_code > 0 ? (uint32_t)report->result.t30_code : 0,
	};
	int error;

	if (!managed->job_id)
		return;
	error = faxport_ioctl(faxd_port_fd(managed->port), FAXPORT_IOC_JOB_DONE, &done);
	if (error == -EINVAL && done.state == FAXPORT_STATE_NOT_FAX_CALL) {
		/* A kernel older than NOT_FAX_CALL: the call ended without a fax. */
		done.state = FAXPORT_STATE_DISCONNECTED;
		error = faxport_ioctl(faxd_port_fd(managed->port), FAXPORT_IOC_JOB_DONE, &done);
	}
	if (error)
		log_warning("faxport%u: job %u done: %s", managed->device_id, managed->job_id,
			    strerror(-error));
	if (report->role == FAX_CALL_SEND && managed->send_job.active)
		send_attempt_ended(managed, done.job_id, report, done.state, !error);
	managed->job_id = 0;
	/* After JOB_DONE: the kernel has decided whether the job is tried again. */
	faxd_delivery_job_ended(managed->delivery, report, done.state, !error,
				managed->daemon->config);
	managed->delivery = NULL;
	faxd_archive_job_ended(managed->archive, report, error ? 0 : done.state,
			       managed->daemon->config);
	managed->archive = NULL;
}

void faxd_jobs_routing(struct faxd_managed_port *managed)
{
	/* A kernel older than ROUTING refuses it; the routing goes on anyway. */
	report_progress(managed, FAXPORT_STATE_ROUTING, 0, NULL);
}

void faxd_jobs_receive_begin(struct faxd_managed_port *managed)
{
	struct faxport_receive_begin begin = { 0 };
	int error;

	/* A call starts: its messages follow the logging levels of now. */
	faxd_log_levels_refresh();
	/* Without a receive job the fax still arrives; the queue just does not show it. */
	error = faxport_ioctl(faxd_port_fd(managed->port), FAXPORT_IOC_RECEIVE_BEGIN, &begin);
	if (error) {
		log_debug("faxport%u: no receive job: %s", managed->device_id, strerror(-error));
		return;
	}
	managed->job_id = begin.job_id;
}

static void on_send_event(struct faxd_port *port, const struct fax_call_event *event,
			  void *user_data)
{
	struct faxd_managed_port *managed = user_data;

	(void)port;
	if (event->type == FAX_CALL_EVENT_PAGE_DONE)
		log_info("faxport%u: job %u: page %d confirmed", managed->device_id,
			 managed->job_id, event->page);
	faxd_jobs_progress(managed, event);
}

static void on_send_done(struct faxd_port *port, const struct faxd_call_report *report,
			 void *user_data)
{
	struct faxd_managed_port *managed = user_data;

	(void)port;
	log_notice("faxport%u: job %u: %s, %s (T.30 %d), %d/%d page(s), %.1f s",
		   managed->device_id, managed->job_id, faxd_line_outcome_name(report->line),
		   fax_call_outcome_name(report->result.outcome), report->result.t30_code,
		   report->result.pages_transferred, report->result.pages_total,
		   report->wall_seconds);
	if (report->result.document_problem)
		log_warning("faxport%u: job %u: document refused: %s", managed->device_id,
			    managed->job_id, report->result.document_problem);
	faxd_jobs_done(managed, report);
	faxd_ports_call_ended(managed);
}

static void take_job(struct faxd_managed_port *managed, uint32_t job_id)
{
	static const struct faxd_call_observer observer_template = {
		.on_event = on_send_event,
		.on_done = on_send_done,
	};
	struct faxd_call_observer observer = observer_template;
	struct faxport_job_take take = { .job_id = job_id };
	char ident[FAX_CALL_IDENT_MAX + 12];
	char header[FAX_CALL_HEADER_INFO_MAX + 1];
	struct fax_call_options options;
	char number[sizeof(take.info.param.recipient_number)];
	struct faxport_config server;
	int error, server_error;

	/* A call starts: its messages follow the logging levels of now. */
	faxd_log_levels_refresh();
	error = faxport_ioctl(faxd_port_fd(managed->port), FAXPORT_IOC_JOB_TAKE, &take);
	if (error) {
		log_warning("faxport%u: cannot take job %u: %s", managed->device_id, job_id,
			    strerror(-error));
		return;
	}
	managed->job_id = job_id;
	managed->send_job = (struct faxd_send_job){
		.active = true,
		.owner_uid = take.info.owner_uid,
		.retries_left = take.info.retries_left,
		.total_pages = take.info.total_pages ? take.info.total_pages
						     : take.info.page_count,
		.submitted_ns = (int64_t)take.info.submitted_ns,
	};
	memcpy(managed->send_job.number, take.info.param.recipient_number,
	       sizeof(managed->send_job.number));
	managed->send_job.number[sizeof(managed->send_job.number) - 1] = '\0';
	/* FAX_CONFIGURATION as it is when the job starts: Branding, the archive. */
	server_error = faxd_server_config_read(&server);
	managed->delivery = faxd_delivery_job_new(&take, managed->device_id);
	managed->archive = faxd_archive_job_new(&take, managed->device_id, &server, server_error);
	faxd_ports_call_options(managed, true, &options, ident, sizeof(ident));
	/* The kernel gives the port's TSID here under use_device_tsid, else the job's. */
	if (take.info.param.tsid[0] && memchr(take.info.param.tsid, '\0', FAX_CALL_IDENT_MAX + 1)) {
		copy_printable_ident(ident, FAX_CALL_IDENT_MAX + 1, take.info.param.tsid);
		options.local_ident = ident;
	}
	if (faxd_branding_enabled(&server, server_error)) {
		faxd_header_expand(options.header_info, &take.info.param, header, sizeof(header));
		options.header_info = header;
	} else {
		options.header_info = NULL;
	}
	memcpy(number, take.info.param.recipient_number, sizeof(number));
	number[sizeof(number) - 1] = '\0';
	observer.user_data = managed;
	log_info("faxport%u: job %u: sending to %s", managed->device_id, job_id, number);
	report_progress(managed, FAXPORT_STATE_DIALING, 0, NULL);
	error = faxd_port_send(managed->port, number, take.document_fd, &options, &observer);
	close(take.document_fd);
	if (error) {
		struct faxd_call_report report = {
			.role = FAX_CALL_SEND, .line = FAXD_LINE_ERROR, .line_errno = -error,
		};

		log_error("faxport%u: job %u: cannot start: %s", managed->device_id, job_id,
			  strerror(-error));
		faxd_jobs_done(managed, &report);
	}
}

void faxd_jobs_on_job(struct faxd_port *port, uint32_t job_id, void *owner)
{
	struct faxd_managed_port *managed = owner;

	(void)port;
	if (managed->daemon->stopping) {
		/* Not taken: when faxd detaches, the kernel gives the job to another engine. */
		return;
	}
	if (!faxd_port_can_dial(managed->port) || managed->job_id) {
		managed->waiting_job_id = job_id;
		return;
	}
	take_job(managed, job_id);
}

void faxd_jobs_take_waiting(struct faxd_managed_port *managed)
{
	uint32_t job_id = managed->waiting_job_id;

	if (!job_id || managed->daemon->stopping || !faxd_port_can_dial(managed->port) ||
	    managed->job_id)
		return;
	managed->waiting_job_id = 0;
	take_job(managed, job_id);
}

void faxd_jobs_on_abort(struct faxd_port *port, uint32_t job_id, void *owner)
{
	struct faxd_managed_port *managed = owner;

	if (managed->waiting_job_id == job_id)
		managed->waiting_job_id = 0;
	if (managed->job_id == job_id) {
		log_notice("faxport%u: job %u was deleted: ending its call", managed->device_id,
			   job_id);
		faxd_delivery_job_deleted(managed->delivery);
		managed->send_job.deleted = true;
		faxd_port_abort(port);
	}
}
