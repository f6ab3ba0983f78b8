/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fax server's configuration (FAX_CONFIGURATION) as the kernel keeps
 * it now: faxd reads it when a job starts, so a FaxSetConfiguration acts on
 * the next job without a restart (Branding, ArchiveOutgoingFaxes).
 */
#ifndef FAXD_SERVER_CONFIG_H
#define FAXD_SERVER_CONFIG_H

#include <linux/faxport.h>

/* 0, or a negative errno (no server node, no FAXPORT_RIGHT_CONFIG_QUERY). */
int faxd_server_config_read(struct faxport_config *config);

#endif
