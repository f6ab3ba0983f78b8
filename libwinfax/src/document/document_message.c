/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "document_message.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Per thread, like GetLastError: a failure in one thread never replaces
 * the reason another thread is about to read. */
static _Thread_local char thread_message[1024];

void winfax_message_clear(void)
{
    thread_message[0] = '\0';
}

void winfax_message_set(const char *format, ...)
{
    const char *destination = getenv("WINFAX_ERRORS");
    va_list arguments;

    va_start(arguments, format);
    vsnprintf(thread_message, sizeof(thread_message), format, arguments);
    va_end(arguments);
    if (destination && strcmp(destination, "stderr") == 0)
        fprintf(stderr, "libwinfax: %s\n", thread_message);
}

const char *winfax_message_get(void)
{
    return thread_message;
}
