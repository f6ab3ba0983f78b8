/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_routing: the routing methods applied to a received fax, after it
 * reached its final name in the inbox.
 *
 * - "store in a folder": a hard link (or, across filesystems, a copy) of
 *   the fax in the port's folder, under the same name;
 * - "run a command": the configured program with its words as arguments
 *   and the fax's path as the last one. No shell is involved, so nothing in
 *   a path or an ident can become a command. The child is not waited for
 *   here: faxd reaps it on SIGCHLD (faxd_routing_reap) and logs its status.
 */
#ifndef FAXD_ROUTING_H
#define FAXD_ROUTING_H

#include <stdint.h>

/* Returns 0, or -1 (logged). */
int faxd_route_store(const char *fax_path, const char *folder);

/*
 * Start @command_line ("/path/prog word word"; words split at blanks) with
 * @fax_path appended. FAXD_PORT and FAXD_REMOTE_IDENT are in its
 * environment. Returns the child's pid, or -1 (logged).
 */
int faxd_route_run_command(const char *command_line, const char *fax_path, uint32_t device_id,
			   const char *remote_ident);

/* Collect every child that ended, logging how. */
void faxd_routing_reap(void);

#endif
