/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "user_names.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* getpwuid_r's buffer: start from the system's hint and double on ERANGE,
 * up to a ceiling no real entry reaches (NSS modules may return big ones). */
#define PASSWD_BUFFER_FIRST 1024
#define PASSWD_BUFFER_MAX   (1024 * 1024)

struct passwd *winfax_passwd_for_uid(uid_t uid, struct passwd *entry, char **storage)
{
    long hint = sysconf(_SC_GETPW_R_SIZE_MAX);
    size_t size = hint > 0 && hint <= PASSWD_BUFFER_MAX ? (size_t)hint : PASSWD_BUFFER_FIRST;

    *storage = NULL;
    for (;;) {
        struct passwd *found = NULL;
        char *buffer = malloc(size);
        int error;

        if (!buffer) {
            errno = ENOMEM;
            return NULL;
        }
        error = getpwuid_r(uid, entry, buffer, size, &found);
        if (error == ERANGE && size < PASSWD_BUFFER_MAX) {
            free(buffer);
            size *= 2;
            continue;
        }
        if (!found) {
            free(buffer);
            /* No entry is not an error of ours; anything else (EIO from an
             * NSS module) is treated the same way: the uid is all we know. */
            errno = error == ENOMEM ? ENOMEM : 0;
            return NULL;
        }
        *storage = buffer;
        return found;
    }
}

char *winfax_user_name_for_uid(uid_t uid)
{
    struct passwd entry;
    char *storage;
    char *name;

    if (winfax_passwd_for_uid(uid, &entry, &storage)) {
        name = strdup(entry.pw_name);
        free(storage);
        return name;
    }
    if (errno == ENOMEM)
        return NULL;
    /* 10 digits and a NUL hold any 32-bit uid. */
    name = malloc(16);
    if (name)
        snprintf(name, 16, "%u", (unsigned)uid);
    return name;
}
