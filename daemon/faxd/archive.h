/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The archive of sent faxes (FAX_CONFIGURATION.ArchiveOutgoingFaxes and
 * ArchiveDirectory): while it is on, every fax faxd delivers is kept in the
 * directory as the document sent (NAME.tif) and its record (NAME.txt: job,
 * owner, recipient, sender, pages, far end, times, port), NAME being
 * "<UTC time>-job<id>". faxd reads the setting when the job starts.
 *
 * A helper process writes both (faxd_route_run_helper: the route commands'
 * limits and deadline): the directory may sit on a slow or hung file
 * system, and the event loop must not wait for it. The directory is
 * reached from "/" without following links, like a routing folder
 * (faxd_open_folder); the files are 0640, never replaced.
 */
#ifndef FAXD_ARCHIVE_H
#define FAXD_ARCHIVE_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/faxport.h>

#include "config.h"
#include "../engine/port_engine.h"

struct faxd_archive_job;

/*
 * A job just taken: what its archive entry needs (the parameters, a
 * duplicate of the document's fd, the directory). NULL when the server
 * archives nothing by @config (faxd_server_config_read's, which returned
 * @error: then nothing is archived, said once) or the copy fails (logged).
 */
struct faxd_archive_job *faxd_archive_job_new(const struct faxport_job_take *take,
					      uint32_t device_id,
					      const struct faxport_config *config, int error);

/*
 * The attempt ended as @state (FAXPORT_STATE_COMPLETED: delivered). A
 * delivered fax goes into the archive; frees @job (NULL is fine) either way.
 */
void faxd_archive_job_ended(struct faxd_archive_job *job, const struct faxd_call_report *report,
			    uint32_t state, const struct faxd_config *config);

#endif
