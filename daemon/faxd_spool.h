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
 */
#ifndef FAXD_SPOOL_H
#define FAXD_SPOOL_H

#include <stdint.h>

#include "faxd_port.h"

struct faxd_inbox_entry {
	char *base;		/* <stamp>-<port>-<seq> */
	char *partial_path;
	char *final_path;
	char *failed_path;
	uint32_t device_id;
};

/* Create <spool>/inbox if needed. Returns 0 or -1 with errno. */
int faxd_spool_prepare(const char *spool_dir);

/*
 * Names for a fax arriving now on @device_id; none of them exists yet.
 * Returns NULL with errno set.
 */
struct faxd_inbox_entry *faxd_spool_new_entry(const char *spool_dir, uint32_t device_id);
void faxd_spool_free_entry(struct faxd_inbox_entry *entry);

/*
 * The call is over: write the .txt and move the fax to its final name (on
 * success) or its failed- name (pages arrived but the call failed). Returns
 * the path it now has (the entry's), or NULL if nothing was kept (no page)
 * or it could not be moved (logged).
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
