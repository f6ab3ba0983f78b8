/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conversions between the A strings (UTF-8: libwinfax takes the locale's
 * charset to be UTF-8, and the kernel speaks UTF-8) and the W strings
 * (UTF-16 in WCHARs).  Both directions are strict: overlong forms,
 * encoded surrogates, code points past U+10FFFF, truncated sequences and
 * unpaired UTF-16 surrogates are rejected, never replaced or passed on.
 *
 * (Named win32_strings.h so it cannot be mistaken for the C library's
 * <strings.h>.)
 */
#ifndef LIBWINFAX_WIN32_STRINGS_H
#define LIBWINFAX_WIN32_STRINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "winfax.h"

enum winfax_conversion {
    WINFAX_CONVERSION_OK = 0,
    WINFAX_CONVERSION_INVALID_INPUT,
    WINFAX_CONVERSION_NO_SPACE,
};

/* Code units before the terminating 0. */
size_t winfax_wide_length(const WCHAR *text);

/*
 * Converts src_length bytes of UTF-8 (a 0 byte is an ordinary character
 * here).  *units_needed receives the UTF-16 length in code units, without
 * a terminator; nothing is terminated.  With dst == NULL it only measures
 * and validates.  With dst, NO_SPACE is returned when dst_capacity units do
 * not suffice; dst may then hold a partial result.
 */
enum winfax_conversion winfax_utf8_to_utf16(const char *src, size_t src_length,
                                            WCHAR *dst, size_t dst_capacity,
                                            size_t *units_needed);

/* The reverse: src_length UTF-16 code units to UTF-8 bytes. */
enum winfax_conversion winfax_utf16_to_utf8(const WCHAR *src, size_t src_length,
                                            char *dst, size_t dst_capacity,
                                            size_t *bytes_needed);

/* True when src_length bytes are valid UTF-8. */
bool winfax_utf8_is_valid(const char *src, size_t src_length);

/*
 * 0-terminated to newly allocated 0-terminated (free()).  NULL with errno
 * EILSEQ for invalid input, ENOMEM when out of memory, EINVAL for NULL.
 */
WCHAR *winfax_utf8_to_utf16_alloc(const char *src);
char *winfax_utf16_to_utf8_alloc(const WCHAR *src);

#endif
