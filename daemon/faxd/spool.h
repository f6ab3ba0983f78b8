/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_spool: where received faxes go.
 *
 *   <spool>/inbox/.partial-<stamp>-<port>-<seq>.tif   while it arrives
 *   <spool>/inbox/<stamp>-<port>-<seq>.tif            once complete (+ .txt)
 *   <spool>/inbox/failed-<stamp>-<port>-<seq>.tif     a failed call's pages (+ .txt)
 *
 * <stamp> is the UTC time the call was answered, YYYYmmddTHHMMSSZ, so a
 * plain sort is the order of arrival. The .txt beside each file says who
 * sent it, how many pages, when, and how the call went. The final name
 * appears only by rename(), so whoever watches the inbox never sees half a
 * fax under a final name.
 *
 * A fax gets its final name when its last page is stored and our
 * confirmation of it goes out, not at the end of the call: from then on
 * the sender counts it as delivered, so nothing later (a lost DCN, a
 * dropped line, faxd killed) may turn it into a failed- one.
 */
#ifndef FAXD_SPOOL_H
#define FAXD_SPOOL_H

#include <stdint.h>

#include "../engine/port_engine.h"

struct faxd_inbox_entry {
	char *base;		/* <stamp>-<port>-<seq> */
	char *partial_path;
	char *final_path;
	char *failed_path;
	uint32_t device_id;
	int64_t created_realtime_ns;	/* CLOCK_REALTIME when the names were made */
	bool filed;		/* it has its final name already */
	/* The last negotiation of the call, for a .txt written before its end. */
	bool negotiated;
	struct fax_call_negotiation negotiation;
};

/* Create <spool>/inbox if needed. Returns 0, or a negative errno. */
int faxd_spool_prepare(const char *spool_dir);

/*
 * Names for a fax arriving now on @device_id; none of them exists yet.
 * Returns NULL with errno set.
 */
struct faxd_inbox_entry *faxd_spool_new_entry(const char *spool_dir, uint32_t device_id);
void faxd_spool_free_entry(struct faxd_inbox_entry *entry);

/*
 * The last page is stored and our confirmation is going out: move the fax
 * to its final name now, with a .txt of what is known (@report: the pages,
 * the far end, outcome completed). Returns the final path, or NULL if it
 * could not be moved (logged; the end of the call then files it as usual).
 */
const char *faxd_spool_file_confirmed(struct faxd_inbox_entry *entry,
				      const struct faxd_call_report *report);

/*
 * The call is over: write the .txt and move the fax to its final name (on
 * success) or its failed- name (pages arrived but the call failed). A fax
 * filed by faxd_spool_file_confirmed() keeps its final name whatever
 * @report says; only its .txt is rewritten. Returns the path it now has
 * (the entry's), or NULL if nothing was kept (no page) or it could not be
 * moved (logged).
 */
const char *faxd_spool_file(struct faxd_inbox_entry *entry,
			    const struct faxd_call_report *report);

/*
 * Now that this faxd is @device_id's engine, no other process writes a
 * partial fax of that port: file those a killed engine left behind as
 * failed- (with a .txt saying the receive was interrupted), and remove the
 * empty ones (no page had arrived). Returns how many were filed.
 */
int faxd_spool_recover_partials(const char *spool_dir, uint32_t device_id);

#endif
