// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving: answer a ringing port when the kernel's settings say so, file
 * the fax in the spool as soon as its last page is confirmed to the sender
 * (the call may still fail afterwards: the fax stays filed), and apply the
 * port's routing methods once the call is over and the file closed.
 */
#define FAXD_LOG_CATEGORY FAXD_LOG_INBOUND
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/faxport.h>

#include "call_hooks.h"
#include "call_record.h"
#include "daemon.h"
#include "routing.h"
#include "../engine/clock.h"
#include "../engine/log.h"
#include "../engine/sysfs.h"
#include "faxport_client.h"

/*
 * Our MCF to the last page is going out: the sender will report the fax
 * as sent, so it is filed now, before anything else can happen to the
 * line or to faxd.
 */
static void file_confirmed_document(struct faxd_managed_port *managed, int pages)
{
	struct faxd_inbox_entry *entry = managed->inbox_entry;
	struct faxd_call_report report = {
		.role = FAX_CALL_RECEIVE,
		.line = FAXD_LINE_CONNECTED,
		.result = {
			.outcome = FAX_CALL_COMPLETED,
			.pages_transferred = pages,
			.pages_total = pages,
		},
		.negotiated = entry->negotiated,
		.negotiation = entry->negotiation,
		.started_realtime_ns = entry->created_realtime_ns,
	};
	const char *filed;

	report.wall_seconds = (double)(realtime_ns() - entry->created_realtime_ns) / 1e9;
	if (entry->negotiated)
		memcpy(report.result.remote_ident, entry->negotiation.remote_ident,
		       sizeof(report.result.remote_ident));
	filed = faxd_spool_file_confirmed(entry, &report);
	if (filed)
		log_info("faxport%u: last page (%d) confirmed: filed as %s", managed->device_id,
			 pages, filed);
}

static void on_receive_event(struct faxd_port *port, const struct fax_call_event *event,
			     void *user_data)
{
	struct faxd_managed_port *managed = user_data;

	if (event->type == FAX_CALL_EVENT_NEGOTIATED) {
		log_info("faxport%u: receiving from '%s' at %s %d bit/s", managed->device_id,
			 event->negotiation->remote_ident,
			 fax_modem_name(event->negotiation->modem), event->negotiation->bit_rate);
		managed->inbox_entry->negotiated = true;
		managed->inbox_entry->negotiation = *event->negotiation;
	} else if (event->type == FAX_CALL_EVENT_PAGE_DONE) {
		log_info("faxport%u: page %d received", managed->device_id, event->page);
		if (event->document_complete)
			file_confirmed_document(managed, event->page);
	}
	(void)port;
	faxd_jobs_progress(managed, event);
}

/* The port's routing methods, as the kernel stores them now. */
static void apply_routing(struct faxd_managed_port *managed, const char *fax_path,
			  const struct faxd_call_report *report)
{
	struct faxd_routing_defaults defaults;

	if (faxd_routing_defaults_init(&defaults, managed->daemon->config, managed->device_id))
		return;
	faxd_routing_apply(faxd_port_fd(managed->port), managed->device_id, &defaults, fax_path,
			   report->result.remote_ident);
	faxd_routing_defaults_free(&defaults);
}

/*
 * The received call is over (@filed: the fax as filed, or NULL): its call
 * record, and the receive hook for a filed fax.
 */
static void tell_received(struct faxd_managed_port *managed, const struct faxd_call_report *report,
			  const char *filed)
{
	struct faxd_call_record record = {
		.sending = false,
		.job_id = managed->job_id,
		.device_id = managed->device_id,
		.number = managed->incoming_caller,
		.remote_ident = report->result.remote_ident,
		.file = filed,
		.ended = time(NULL),
	};
	char *reason = faxd_call_reason(report);

	faxd_call_record_from_report(&record, report);
	record.reason = reason;
	faxd_call_record_publish(&record, managed->daemon->config);
	faxd_call_hooks_receive(managed->daemon->config, &record, managed->incoming_called);
	free(reason);
}

static void on_receive_done(struct faxd_port *port, const struct faxd_call_report *report,
			    void *user_data)
{
	struct faxd_managed_port *managed = user_data;
	const struct fax_call_result *result = &report->result;
	struct faxd_call_report delivered;
	const char *filed;

	(void)port;
	if (managed->inbox_entry->filed && result->outcome != FAX_CALL_COMPLETED) {
		/* The sender had our confirmation of every page: it was delivered. */
		log_notice("faxport%u: the call failed after the last page was confirmed (%s, "
			   "T.30 %d: %s); the fax stays filed as received", managed->device_id,
			   fax_call_outcome_name(result->outcome), result->t30_code,
			   result->t30_text ? result->t30_text : "");
		delivered = *report;
		delivered.result.outcome = FAX_CALL_COMPLETED;
		report = &delivered;
		result = &delivered.result;
	}
	filed = faxd_spool_file(managed->inbox_entry, report);
	if (result->outcome == FAX_CALL_COMPLETED) {
		log_notice("faxport%u: received %d page(s) from '%s' in %.1f s: %s",
			   managed->device_id, result->pages_transferred, result->remote_ident,
			   report->wall_seconds, filed ? filed : "(not filed)");
		if (filed) {
			faxd_jobs_routing(managed);
			apply_routing(managed, filed, report);
		}
	} else if (filed) {
		log_warning("faxport%u: receive from '%s' failed (%s, T.30 %d: %s) after %d "
			    "page(s); kept as %s", managed->device_id, result->remote_ident,
			    fax_call_outcome_name(result->outcome), result->t30_code,
			    result->t30_text, result->pages_transferred, filed);
	} else {
		log_warning("faxport%u: receive failed (%s, T.30 %d: %s), no page arrived",
			    managed->device_id, fax_call_outcome_name(result->outcome),
			    result->t30_code, result->t30_text ? result->t30_text : "");
	}
	tell_received(managed, report, filed);
	faxd_spool_free_entry(managed->inbox_entry);
	managed->inbox_entry = NULL;
	faxd_jobs_done(managed, report);
	faxd_ports_call_ended(managed);
}

/*
 * Who calls and which number they called, for the call's record and the
 * receive hook: asked while the port rings (the call's numbers are the
 * line's then). A kernel without PORT_CALL_GET, or a line that does not
 * tell: both stay unknown ("").
 */
static void read_incoming_numbers(struct faxd_managed_port *managed)
{
	struct faxport_port_call call = { 0 };
	int error;

	managed->incoming_caller[0] = '\0';
	managed->incoming_called[0] = '\0';
	error = faxport_ioctl(faxd_port_fd(managed->port), FAXPORT_IOC_PORT_CALL_GET, &call);
	if (error) {
		log_debug("faxport%u: no caller id: %s", managed->device_id, strerror(-error));
		return;
	}
	if (call.direction != FAXPORT_CALL_INCOMING)
		return;
	memcpy(managed->incoming_caller, call.caller_number, sizeof(managed->incoming_caller));
	managed->incoming_caller[sizeof(managed->incoming_caller) - 1] = '\0';
	memcpy(managed->incoming_called, call.called_number, sizeof(managed->incoming_called));
	managed->incoming_called[sizeof(managed->incoming_called) - 1] = '\0';
}

/* Answer now? Only if the port receives, and after the rings its settings ask for. */
static bool time_to_answer(struct faxd_managed_port *managed, unsigned int rings)
{
	unsigned long flags, rings_wanted;

	if (faxd_sysfs_read_uint(managed->device_id, "flags", &flags) ||
	    faxd_sysfs_read_uint(managed->device_id, "rings", &rings_wanted)) {
		log_error("faxport%u: cannot read its flags and rings from sysfs",
			  managed->device_id);
		return false;
	}
	if (!(flags & FAXPORT_PORT_RECEIVE)) {
		if (!managed->refusal_logged)
			log_info("faxport%u: rings, but it is not set to receive",
				 managed->device_id);
		managed->refusal_logged = true;
		return false;
	}
	return rings >= rings_wanted;
}

void faxd_receive_on_ring(struct faxd_port *port, unsigned int rings, void *owner)
{
	struct faxd_managed_port *managed = owner;
	struct faxd_daemon *daemon = managed->daemon;
	static const struct faxd_call_observer observer_template = {
		.on_event = on_receive_event,
		.on_done = on_receive_done,
	};
	struct faxd_call_observer observer = observer_template;
	char ident[FAX_CALL_IDENT_MAX + 12];
	struct fax_call_options options;
	int error;

	if (rings <= 1)
		managed->refusal_logged = false;
	if (daemon->stopping || managed->detach_when_idle || !time_to_answer(managed, rings))
		return;
	error = faxd_spool_prepare(daemon->config->spool_dir);
	if (error) {
		log_error("faxport%u: spool %s unusable: %s: not answering", managed->device_id,
			  daemon->config->spool_dir, strerror(-error));
		return;
	}
	managed->inbox_entry = faxd_spool_new_entry(daemon->config->spool_dir,
						    managed->device_id);
	if (!managed->inbox_entry) {
		log_error("faxport%u: no name for a new fax: %s: not answering",
			  managed->device_id, strerror(errno));
		return;
	}
	faxd_ports_call_options(managed, false, &options, ident, sizeof(ident));
	observer.user_data = managed;
	read_incoming_numbers(managed);
	error = faxd_port_answer(port, managed->inbox_entry->partial_path, &options, &observer);
	if (error) {
		log_error("faxport%u: cannot answer: %s", managed->device_id,
			  error == -EIO ? "the spool file cannot be created" : strerror(-error));
		faxd_spool_free_entry(managed->inbox_entry);
		managed->inbox_entry = NULL;
		return;
	}
	log_info("faxport%u: answered after %u ring(s), receiving into %s", managed->device_id,
		 rings, managed->inbox_entry->partial_path);
	faxd_jobs_receive_begin(managed);
}
