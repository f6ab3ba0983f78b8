/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_routing: the routing methods applied to a received fax, after it
 * reached its final name in the inbox.
 *
 * - "store in a folder": a hard link (or, across filesystems, a copy) of
 *   the fax in the port's folder, under the same name. The folder is
 *   reached from "/" one directory at a time without following a symbolic
 *   link, and every directory on the way must be one only root or faxd's
 *   user can change (owned by one of them, and not writable by its group
 *   or everyone unless sticky, as /tmp): otherwise whoever could write a
 *   parent could point faxd anywhere it may write.
 * - "run a command": a command root defined in faxd.conf
 *   ("route_command NAME = /program args"), chosen by its name in the
 *   port's routing info (or the port's default command for an empty info),
 *   with the fax's path as its last argument. The kernel stores names
 *   only, and faxd runs nothing but a defined name: holding FAX_PORT_SET
 *   chooses among root's commands, it does not run code as faxd. No shell
 *   is involved. The child starts with no capabilities to inherit, a fixed
 *   environment (PATH and the FAXD_* variables), resource limits and a
 *   deadline after which faxd kills it; at most route_max_running run at
 *   once, the others wait their turn in order. faxd reaps them on SIGCHLD.
 */
#ifndef FAXD_ROUTING_H
#define FAXD_ROUTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

/*
 * The kernel keeps each port's routing (which methods run, with which
 * folder or command, in which order): clients change it with
 * FaxEnableRoutingMethod/FaxSetRoutingInfo/FaxSetGlobalRoutingInfo, and
 * faxd reads it through the port's DSP engine file for every fax. faxd.conf
 * only gives the defaults faxd installs on a port whose methods were never
 * configured.
 */
struct faxd_routing_defaults {
	const struct faxd_config *config;	/* the named commands, the limits */
	bool store_in_folder;		/* "store in a folder" on */
	const char *store_folder;	/* NULL: the engine's default folder below */
	char *default_folder;		/* <spool_dir>/received/faxport<N>: for an empty info */
	const char *route_command;	/* "run a command" on with this; NULL: off */
};

struct faxd_config;

/* The defaults faxd.conf gives port @device_id (pointing into @config).
 * Returns 0, or -ENOMEM (logged). */
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

/*
 * Returns 0, or a negative errno (logged, with the reason): -ELOOP for a
 * symbolic link on the way, -EPERM for a folder others may change.
 */
int faxd_route_store(const char *fax_path, const char *folder);

/*
 * @folder (absolute), made as needed (0750), as an open directory reached
 * from "/" one name at a time without following a symbolic link, every
 * directory on the way owned by root or faxd's user and not writable by
 * others (unless sticky); or a negative errno, logged as @purpose's: -ELOOP,
 * -EPERM (refused: the reason is logged), or what open/mkdir said. For any
 * folder an administrator names that faxd writes into (store in a folder,
 * the archive).
 */
int faxd_open_folder(const char *folder, const char *purpose);

/*
 * The command line "run a command" runs for routing info @info on port
 * @device_id: a command faxd.conf defines under that name, or the port's
 * default command for "". NULL, logged, for anything else (a name nobody
 * defined, a path or a command line an older driver kept).
 */
const char *faxd_route_resolve_command(const struct faxd_routing_defaults *defaults,
				       uint32_t device_id, const char *info);

/*
 * Run @command_line ("/path/prog word word"; words split at blanks) with
 * @fax_path appended, now or, when @limits->max_running commands run
 * already, as soon as one ends. The environment is PATH, FAXD_PORT,
 * FAXD_REMOTE_IDENT and FAXD_FAX. Returns 0 (started or waiting), or
 * -ENOMEM (logged).
 */
int faxd_route_run_command(const char *command_line, const char *fax_path, uint32_t device_id,
			   const char *remote_ident, const struct faxd_route_limits *limits);

/*
 * Run @helper(@context) in a child made as a route command's (own session,
 * stdin /dev/null, no capabilities to inherit, @limits, killed with its
 * process group at the deadline, reaped by faxd_routing_reap, waiting its
 * turn under max_running), for work the event loop must not do itself
 * (reading a client's document, writing to a pipe). The child has none of
 * faxd's files but @keep_fd, as fd 3 (-1: none); its exit status is
 * @helper's return value. @what names it in the log. @free_context frees
 * @context in faxd once the request is started or dropped; @keep_fd is
 * closed in faxd then too. Returns 0, or -ENOMEM (logged; @context freed,
 * @keep_fd closed).
 */
int faxd_route_run_helper(const char *what, int (*helper)(void *context), void *context,
			  void (*free_context)(void *context), int keep_fd,
			  const struct faxd_route_limits *limits);

/* Collect every child that ended, logging how, and start the waiting ones. */
void faxd_routing_reap(void);

/* Kill the commands whose time limit passed by @now_ns (monotonic). */
void faxd_routing_tick(int64_t now_ns);

/* How many commands run, and how many wait for their turn. */
size_t faxd_routing_running(void);
size_t faxd_routing_waiting(void);

/* faxd stops: log each command that never started (its fax stays filed). */
void faxd_routing_abandon_waiting(void);

/*
 * Forget the capabilities a child could inherit: the ambient set and the
 * inheritable one. faxd keeps CAP_NET_ADMIN in its own effective set.
 * Returns 0, or a negative errno.
 */
int faxd_routing_drop_inheritable_capabilities(void);

#endif
