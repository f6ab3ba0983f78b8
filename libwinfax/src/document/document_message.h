/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Why a document could not be sent, in words.  Win32 has only the error
 * code (ERROR_INVALID_DATA says "this file cannot be faxed", not why), and
 * winfax.h adds no function of its own, so the sentence goes where an
 * unchanged Windows program can show it: on stderr, as "libwinfax: ...",
 * when the environment has WINFAX_ERRORS=stderr (a tool such as faxctl
 * sets it for its users).  The last one is also kept per thread, for the
 * library's own tests.
 */
#ifndef LIBWINFAX_DOCUMENT_MESSAGE_H
#define LIBWINFAX_DOCUMENT_MESSAGE_H

/* Forgets the thread's message (at the start of each send call). */
void winfax_message_clear(void);

/* Sets the thread's message (printf format; cut at 1 KiB, never more). */
void winfax_message_set(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* The thread's message; "" when there is none. */
const char *winfax_message_get(void);

#endif
