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

#include <stdbool.h>
#include <stdint.h>

/*
 * The kernel keeps each port's routing (which methods run, with which
 * folder or command, in which order): clients change it with
 * FaxEnableRoutingMethod/FaxSetRoutingInfo/FaxSetGlobalRoutingInfo, and
 * faxd reads it through the port's DSP engine file for every fax. faxd.conf
 * only gives the defaults faxd installs on a port whose methods were never
 * configured.
 */
struct faxd_routing_defaults {
	bool store_in_folder;		/* "store in a folder" on */
	const char *store_folder;	/* NULL: the engine's default folder below */
	char *default_folder;		/* <spool_dir>/received/faxport<N>: for an empty info */
	const char *route_command;	/* "run a command" on with this; NULL: off */
};

struct faxd_config;

/* The defaults faxd.conf gives port @device_id (pointing into @config).
 * Returns 0, or -1 when out of memory (logged). */
int faxd_routing_defaults_init(struct faxd_routing_defaults *defaults,
			       const struct faxd_config *config, uint32_t device_id);
void faxd_routing_defaults_free(struct faxd_routing_defaults *defaults);

/*
 * Install @defaults on the port of @dsp_fd for each method that was never
 * configured there (FAXPORT_ROUTING_SET_DEFAULT): a client's choice, or an
 * earlier faxd's defaults, are kept. Problems are logged.
 */
void faxd_routing_install_defaults(int dsp_fd, uint32_t device_id,
				   const struct faxd_routing_defaults *defaults);

/*
 * Apply the methods enabled on the port of @dsp_fd, as the kernel has
 * them now, in the server's priority order, to the fax at @fax_path.
 * A method whose routing info is empty uses @defaults (the default folder,
 * the configured command). Problems are logged; the fax stays in the inbox.
 */
void faxd_routing_apply(int dsp_fd, uint32_t device_id,
			const struct faxd_routing_defaults *defaults, const char *fax_path,
			const char *remote_ident);

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
