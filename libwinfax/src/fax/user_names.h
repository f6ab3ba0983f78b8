/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Who a uid is, for FAX_JOB_ENTRY.UserName and FAX_DEVICE_STATUS.UserName,
 * and the caller's own passwd entry for FaxCompleteJobParams.
 */
#ifndef LIBWINFAX_USER_NAMES_H
#define LIBWINFAX_USER_NAMES_H

#include <pwd.h>
#include <sys/types.h>

/* The login name of uid (getpwuid_r), or the uid in decimal when the user
 * database has no entry: a job's owner is always named.  Newly allocated
 * (free()); NULL only when out of memory. */
char *winfax_user_name_for_uid(uid_t uid);

/* The passwd entry of uid with its strings in *storage (free() it), or
 * NULL (no entry, or out of memory: errno says which, 0 for no entry). */
struct passwd *winfax_passwd_for_uid(uid_t uid, struct passwd *entry, char **storage);

#endif
