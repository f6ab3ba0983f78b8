/* SPDX-License-Identifier: GPL-2.0 */
/*
 * delivery_mail: DRT_EMAIL delivery reports in faxd. A send job that asks
 * for one (FAX_JOB_PARAM.DeliveryReportType, delivery_report_type in the
 * uAPI) gets a mail when it ends for good: delivered, or failed with no
 * attempt left. The mail (delivery_report.c) is built and handed to the
 * configured sendmail-compatible command (faxd.conf mail_command) by a
 * helper process that faxd_route_run_helper starts, with the route
 * commands' limits: the event loop never reads the client's document nor
 * writes to a pipe.
 *
 * When a failure is final is the kernel's decision (faxport_engine_done):
 * a failed attempt is retried while the job has retries left, except a
 * number that does not exist (BAD_ADDRESS). faxd asks the kernel after
 * JOB_DONE (FAXPORT_IOC_JOB_GET on a server handle): a job marked
 * FAXPORT_JS_RETRIES_EXCEEDED, or one already gone (dirty_days 0) that was
 * not deleted, failed for good; a job still queued will be tried again.
 * Without that answer (no server handle, no FAXPORT_RIGHT_JOB_QUERY) faxd
 * applies the kernel's rule itself to what JOB_TAKE said: no retries left,
 * or BAD_ADDRESS. A job deleted by a user, and one that expires while
 * waiting in the queue without an attempt, get no report.
 */
#ifndef FAXD_DELIVERY_MAIL_H
#define FAXD_DELIVERY_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/faxport.h>

#include "config.h"
#include "../engine/port_engine.h"

struct faxd_delivery_job;

/*
 * A job just taken: what its report needs (a copy of the parameters, a
 * duplicate of the document's fd). NULL when the job asks for no report,
 * or when the copy fails (logged).
 */
struct faxd_delivery_job *faxd_delivery_job_new(const struct faxport_job_take *take,
						uint32_t device_id);

/*
 * After JOB_DONE told the kernel @state for job @job_id (which had
 * @retries_left after this attempt, as JOB_TAKE said): did the job fail for
 * good, rather than wait for another attempt? The kernel's answer, or its
 * rule applied here (see above). Also for the notify hook (call_hooks.h).
 */
bool faxd_job_failed_for_good(uint32_t job_id, uint32_t retries_left, uint32_t state);

/* The job was deleted: its attempt's end sends nothing. */
void faxd_delivery_job_deleted(struct faxd_delivery_job *job);

/*
 * The attempt ended and the engine told the kernel @state (accepted:
 * @done_accepted). Mails the report if the job ended for good; frees @job
 * (NULL is fine) either way.
 */
void faxd_delivery_job_ended(struct faxd_delivery_job *job, const struct faxd_call_report *report,
			     uint32_t state, bool done_accepted, const struct faxd_config *config);

#endif
