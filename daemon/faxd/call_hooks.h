/* SPDX-License-Identifier: GPL-2.0 */
/*
 * call_hooks: the administrator's programs faxd.conf names to hear about
 * calls, run by the route commands' runner (faxd_route_run_helper: own
 * session, no capabilities, the route_* limits and deadline, at most
 * route_max_running at once) with no shell, no arguments added and a
 * fixed environment of PATH and FAXD_* variables, every value printable
 * ASCII (anything else '?'), so that a remote station id cannot smuggle a
 * control byte into a script.
 *
 * - notify_command: a send job ended for good (FAXD_EVENT=done or failed)
 *   or will be tried again (requeued).
 * - receive_command: a fax was received and filed (received), or a call
 *   failed after some pages that stay filed (receive-failed). Unlike a
 *   port's "run a command" routing, it is global, runs for every port
 *   whatever its routing, and gets the outcome as well as the file.
 */
#ifndef FAXD_CALL_HOOKS_H
#define FAXD_CALL_HOOKS_H

#include <stdint.h>

#include "call_record.h"
#include "config.h"

/*
 * The environment of a hook: PATH, then @names[i]=@values[i] for each of
 * @count (NULL value: empty), values made printable. NULL-terminated,
 * malloc'ed (faxd_call_hooks_free_environment), or NULL without memory.
 */
char **faxd_call_hooks_environment(const char *const *names, const char *const *values,
				   size_t count);
void faxd_call_hooks_free_environment(char **environment);

/*
 * The send job of @record ended as @event ("done", "failed", "requeued"):
 * run notify_command, if @config has one. @submitted: when the job was
 * queued. Problems are logged.
 */
void faxd_call_hooks_send(const struct faxd_config *config, const char *event,
			  const struct faxd_call_record *record, time_t submitted);

/*
 * A received fax was filed as @record->file: run receive_command, if
 * @config has one, as "received" (completed) or "receive-failed".
 * @called: the called number (DID) when the line told it, else NULL.
 */
void faxd_call_hooks_receive(const struct faxd_config *config,
			     const struct faxd_call_record *record, const char *called);

#endif
