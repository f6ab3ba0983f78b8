// SPDX-License-Identifier: GPL-2.0
/*
 * Which ports faxd is the engine of: those the config names (or all) that
 * exist in /sys/class/faxport. A rescan (SIGHUP, or every rescan_interval_s
 * when set) attaches new ports and lets go of ports that went or are no
 * longer wanted; a port in a call is let go only when the call has ended.
 */
#define FAXD_LOG_CATEGORY FAXD_LOG_INIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/faxport.h>

#include "branding.h"
#include "daemon.h"
#include "routing.h"
#include "spool.h"
#include "../engine/clock.h"
#include "../engine/log.h"
#include "../engine/sysfs.h"

static unsigned int wanted_clock(const struct faxd_daemon *daemon)
{
	return daemon->clock_overridden ? daemon->clock_override : daemon->config->clock;
}

static void on_port_lost(struct faxd_port *port, void *owner);

static const struct faxd_port_handlers port_handlers = {
	.on_ring = faxd_receive_on_ring,
	.on_job = faxd_jobs_on_job,
	.on_job_abort = faxd_jobs_on_abort,
	.on_lost = on_port_lost,
};

static struct faxd_managed_port *find_port(struct faxd_daemon *daemon, uint32_t device_id)
{
	for (struct faxd_managed_port *managed = daemon->ports; managed; managed = managed->next)
		if (managed->device_id == device_id)
			return managed;
	return NULL;
}

static void attach(struct faxd_daemon *daemon, uint32_t device_id)
{
	struct faxd_port_limits limits = {
		.dial_timeout_s = daemon->config->dial_timeout_s,
		.stall_timeout_s = daemon->config->stall_timeout_s,
	};
	struct faxd_managed_port *managed = calloc(1, sizeof(*managed));
	struct faxd_routing_defaults routing;
	int error;

	if (!managed) {
		log_error("faxport%u: out of memory", device_id);
		return;
	}
	managed->daemon = daemon;
	managed->device_id = device_id;
	managed->clock = wanted_clock(daemon);
	error = faxd_port_open(daemon->loop, device_id, managed->clock, &limits, &port_handlers,
			       managed, &managed->port);
	if (error) {
		log_error("faxport%u: cannot attach as its DSP engine: %s%s", device_id,
			  strerror(-error), error == -EBUSY ? " (another engine is attached)" :
			  error == -EPERM ? " (attaching needs CAP_NET_ADMIN)" : "");
		daemon->attach_errno = -error;
		free(managed);
		return;
	}
	managed->next = daemon->ports;
	daemon->ports = managed;
	log_notice("faxport%u: attached (%s clock)", device_id,
		   managed->clock == FAXPORT_CLOCK_FREE_RUNNING ? "free-running" : "real-time");
	faxd_spool_recover_partials(daemon->config->spool_dir, device_id);
	if (!faxd_routing_defaults_init(&routing, daemon->config, device_id)) {
		faxd_routing_install_defaults(faxd_port_fd(managed->port), device_id, &routing);
		faxd_routing_defaults_free(&routing);
	}
}

/* Unlink and detach. Callbacks may still be on the stack: the port's memory lives on a little. */
static void detach(struct faxd_managed_port *managed)
{
	struct faxd_daemon *daemon = managed->daemon;

	/* Closing aborts a call, whose report comes back here through faxd_ports_call_ended. */
	managed->detaching = true;
	for (struct faxd_managed_port **link = &daemon->ports; *link; link = &(*link)->next) {
		if (*link == managed) {
			*link = managed->next;
			break;
		}
	}
	faxd_port_close(managed->port);
	faxd_spool_free_entry(managed->inbox_entry);
	log_notice("faxport%u: detached", managed->device_id);
	free(managed);
}

static void on_port_lost(struct faxd_port *port, void *owner)
{
	(void)port;
	detach(owner);
}

static bool port_exists(const uint32_t *ids, int count, uint32_t device_id)
{
	for (int i = 0; i < count; i++)
		if (ids[i] == device_id)
			return true;
	return false;
}

void faxd_ports_rescan(struct faxd_daemon *daemon)
{
	struct faxd_managed_port *managed, *next;
	uint32_t *ids = NULL;
	int count = faxd_sysfs_list_ports(&ids);

	daemon->attach_errno = 0;
	if (count < 0) {
		log_error("cannot list the ports in " FAXD_SYSFS_CLASS ": %s%s", strerror(-count),
			  count == -ENOENT ? " (is faxport.ko loaded?)" : "");
		count = 0;
	}
	for (managed = daemon->ports; managed; managed = next) {
		next = managed->next;
		if (port_exists(ids, count, managed->device_id) &&
		    faxd_config_wants_port(daemon->config, managed->device_id) &&
		    managed->clock == wanted_clock(daemon))
			continue;
		if (faxd_port_in_call(managed->port))
			managed->detach_when_idle = true;
		else
			detach(managed);
	}
	if (!daemon->stopping) {
		for (int i = 0; i < count; i++)
			if (faxd_config_wants_port(daemon->config, ids[i]) &&
			    !find_port(daemon, ids[i]))
				attach(daemon, ids[i]);
	}
	/* Without CAP_NET_ADMIN each port said why, and a rescan will not help. */
	if (!daemon->ports && !daemon->stopping && daemon->attach_errno != EPERM)
		log_warning("attached to no port (waiting for a rescan: SIGHUP%s)",
			    daemon->config->rescan_interval_s ? " or the periodic one" : "");
	free(ids);
	daemon->next_rescan_ns = daemon->config->rescan_interval_s
		? monotonic_ns() + daemon->config->rescan_interval_s * NS_PER_SECOND : 0;
}

void faxd_ports_call_ended(struct faxd_managed_port *managed)
{
	struct faxd_daemon *daemon = managed->daemon;

	if (managed->detaching)
		return;
	if (managed->detach_when_idle) {
		detach(managed);
		/* Attach again with the new settings, if still wanted. */
		if (!daemon->stopping)
			daemon->next_rescan_ns = 1;
		return;
	}
	faxd_jobs_take_waiting(managed);
}

void faxd_ports_tick(struct faxd_daemon *daemon)
{
	struct faxd_managed_port *managed, *next;
	int64_t now = monotonic_ns();

	for (managed = daemon->ports; managed; managed = next) {
		next = managed->next;
		faxd_port_tick(managed->port);
	}
	/* A job assigned while a call rang in is taken once the line is free. */
	for (managed = daemon->ports; managed; managed = next) {
		next = managed->next;
		faxd_jobs_take_waiting(managed);
	}
	if (daemon->stopping && now >= daemon->stop_deadline_ns && faxd_ports_any_call(daemon)) {
		log_warning("calls still running after the shutdown grace: aborting them");
		faxd_ports_close_all(daemon);
	}
	if (!daemon->stopping && daemon->next_rescan_ns && now >= daemon->next_rescan_ns)
		faxd_ports_rescan(daemon);
}

void faxd_ports_close_all(struct faxd_daemon *daemon)
{
	while (daemon->ports)
		detach(daemon->ports);
}

bool faxd_ports_any_call(const struct faxd_daemon *daemon)
{
	for (const struct faxd_managed_port *managed = daemon->ports; managed;
	     managed = managed->next)
		if (faxd_port_in_call(managed->port))
			return true;
	return false;
}

void faxd_ports_call_options(const struct faxd_managed_port *managed, bool sending,
			     struct fax_call_options *options, char *ident_buffer,
			     size_t ident_size)
{
	const struct faxd_config *config = managed->daemon->config;
	struct faxd_port_settings settings;

	faxd_config_port_settings(config, managed->device_id, &settings);
	memset(options, 0, sizeof(*options));
	options->modems = settings.modems;
	options->compressions = settings.compressions;
	options->disable_ecm = settings.disable_ecm;
	options->call_deadline_samples = (uint64_t)config->call_deadline_s * FAX_CALL_SAMPLE_RATE;
	options->phase_deadline_samples = (uint64_t)config->phase_deadline_s * FAX_CALL_SAMPLE_RATE;
	/* The branding format: the send fills in the job and asks the server whether to brand. */
	if (sending)
		options->header_info = settings.header_info ? settings.header_info
							    : FAXD_HEADER_DEFAULT_FORMAT;
	/* The station id: the config's, else the port's TSID (sending) or CSID (receiving). */
	if (settings.local_ident) {
		options->local_ident = settings.local_ident;
	} else if (!faxd_sysfs_read_text(managed->device_id, sending ? "tsid" : "csid",
					 ident_buffer, ident_size) &&
		   strlen(ident_buffer) <= FAX_CALL_IDENT_MAX) {
		options->local_ident = ident_buffer;
	}
}
