/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of the faxd process, shared by its parts: main.c (the
 * process, signals, the loop), port_manager.c (which ports are attached),
 * receive.c (answering and filing faxes) and jobs.c (the kernel's job
 * queue).
 */
#ifndef FAXD_DAEMON_H
#define FAXD_DAEMON_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/faxport.h>

#include "config.h"
#include "spool.h"
#include "../engine/loop.h"
#include "../engine/port_engine.h"

struct faxd_daemon;

/* A port faxd is the DSP engine of. */
struct faxd_managed_port {
	struct faxd_managed_port *next;
	struct faxd_daemon *daemon;
	struct faxd_port *port;
	uint32_t device_id;
	unsigned int clock;
	/* The config changed under a call: detach (and maybe re-attach) once idle. */
	bool detach_when_idle;
	bool detaching;			/* inside detach(): its call's report must not detach again */

	/* The fax being received, from the answer to its filing. */
	struct faxd_inbox_entry *inbox_entry;
	/* Its call's caller id and called number (DID) as the line told them, or "". */
	char incoming_caller[FAXPORT_NUMBER_SIZE];
	char incoming_called[FAXPORT_NUMBER_SIZE];
	bool refusal_logged;		/* "not answering" said once per incoming call */

	/* The kernel job of the call in progress (send or receive), or 0. */
	uint32_t job_id;
	/* A send job assigned while the port was busy: taken when it is idle. */
	uint32_t waiting_job_id;
	/* The send job in progress asked for a DRT_EMAIL report (delivery_mail.h). */
	struct faxd_delivery_job *delivery;
	/* The send job in progress goes into the archive if delivered (archive.h). */
	struct faxd_archive_job *archive;
	/* The send job in progress as JOB_TAKE gave it: its call record and notify hook. */
	struct faxd_send_job {
		bool active;			/* a send job's call is in progress */
		bool deleted;			/* deleted by a client while it ran */
		uint32_t owner_uid;
		uint32_t retries_left;		/* after this attempt */
		uint32_t total_pages;
		int64_t submitted_ns;		/* CLOCK_REALTIME */
		char number[FAXPORT_NUMBER_SIZE];
	} send_job;
};

struct faxd_daemon {
	struct faxd_loop *loop;
	struct faxd_config *config;
	const char *config_path;
	bool config_must_exist;
	bool clock_overridden;		/* --free-running */
	unsigned int clock_override;
	struct faxd_managed_port *ports;
	bool stopping;			/* SIGTERM/SIGINT: no new calls */
	int64_t stop_deadline_ns;	/* CLOCK_MONOTONIC: abort calls still running then */
	int64_t next_rescan_ns;
	int attach_errno;		/* why the last attach failed, or 0 */
};

/* port_manager.c */
void faxd_ports_rescan(struct faxd_daemon *daemon);
/* Once a second: wall-clock bounds, periodic rescan. */
void faxd_ports_tick(struct faxd_daemon *daemon);
/* Abort every call and detach from every port. */
void faxd_ports_close_all(struct faxd_daemon *daemon);
bool faxd_ports_any_call(const struct faxd_daemon *daemon);
/* A call on @managed ended: detach if asked, take a waiting job. */
void faxd_ports_call_ended(struct faxd_managed_port *managed);
/* The fax_call options of a port, from the config (not the callbacks). */
void faxd_ports_call_options(const struct faxd_managed_port *managed, bool sending,
			     struct fax_call_options *options, char *ident_buffer,
			     size_t ident_size);

/* receive.c */
void faxd_receive_on_ring(struct faxd_port *port, unsigned int rings, void *owner);

/* jobs.c */
void faxd_jobs_on_job(struct faxd_port *port, uint32_t job_id, void *owner);
void faxd_jobs_on_abort(struct faxd_port *port, uint32_t job_id, void *owner);
/* The port is idle: take the job that waited, if any. */
void faxd_jobs_take_waiting(struct faxd_managed_port *managed);
/* A receive call was answered: open its receive job. */
void faxd_jobs_receive_begin(struct faxd_managed_port *managed);
/* Progress of the call in progress, for the kernel's job state. */
void faxd_jobs_progress(struct faxd_managed_port *managed, const struct fax_call_event *event);
/* A received fax goes to its routing methods (FEI_ROUTING). */
void faxd_jobs_routing(struct faxd_managed_port *managed);
/* The call in progress ended: close its job with the outcome. */
void faxd_jobs_done(struct faxd_managed_port *managed, const struct faxd_call_report *report);

#endif
