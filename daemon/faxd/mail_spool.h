/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mail_spool: faxd's mails (delivery reports) queued as files for a
 * sender outside faxd's sandbox.
 *
 * exim's and postfix's sendmail need privileges faxd.service takes away
 * (NoNewPrivileges stops their set-id binaries, and /var is read-only),
 * so with "mail_delivery = spool" faxd only writes each mail into
 * <spool_dir>/mail/, and "faxd --flush-mail", run by faxport-mail.service
 * (as faxd's user, without those restrictions) when the folder changes
 * and every 15 minutes, hands each one to mail_command and removes it once
 * the command took it. A mail the command refuses stays for the next run.
 *
 *   <spool_dir>/mail/.new-<job>-<pid>          being written
 *   <spool_dir>/mail/<UTC stamp>-job<job>-<pid>.eml   queued
 */
#ifndef FAXD_MAIL_SPOOL_H
#define FAXD_MAIL_SPOOL_H

#include <stddef.h>
#include <stdint.h>

struct faxd_config;

/*
 * Queue the mail @text of @size bytes for job @job_id, fsynced, 0640.
 * Returns 0, or a negative errno (nothing is left behind then).
 */
int faxd_mail_spool_add(const char *spool_dir, uint32_t job_id, const char *text, size_t size);

/*
 * Run @command_line ("/program words", split at blanks, no shell) with
 * @mail_fd as its standard input, PATH as its whole environment, none of
 * the caller's other files, and @timeout_s of CPU and of wall time (then
 * SIGXCPU/SIGALRM end it). Returns its exit status, 128 + the signal that
 * ended it, or -1 when it could not be started. Used for a spooled mail
 * and, from a memory file, for a mail sent directly (delivery_mail.c).
 */
int faxd_mail_command_run(const char *command_line, int mail_fd, unsigned int timeout_s);

/*
 * Hand every queued mail to @config's mail_command, oldest first, each
 * within the route commands' time limit, and remove those it took (exit
 * status 0). Anything in the folder that is not a regular file named as
 * above is left alone. Returns the number of mails still queued, or a
 * negative errno when the folder cannot be read.
 */
int faxd_mail_spool_flush(const struct faxd_config *config);

#endif
