/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conversions between UTF-8 (what the kernel and the library speak), the
 * W strings (UTF-16 in WCHARs) and the A strings (the ANSI code page,
 * which on Linux is the charset of the process's locale, LC_CTYPE).  The
 * UTF-8 <-> UTF-16 directions are strict: overlong forms, encoded
 * surrogates, code points past U+10FFFF, truncated sequences and unpaired
 * UTF-16 surrogates are rejected, never replaced or passed on.
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

/*
 * The A strings.  In a UTF-8 locale, and in the C/POSIX locale (whose
 * charset, ASCII, cannot name the other characters, so UTF-8 bytes are
 * passed through as they always were), A strings are UTF-8 and are not
 * converted.  In any other locale (ISO-8859-1, CP1252, ...) they are
 * converted with iconv from and to nl_langinfo(CODESET), read at each call
 * so a program's setlocale() takes effect at once.
 */
bool winfax_ansi_is_utf8(void);

/*
 * An A string to newly allocated UTF-8 (free()).  NULL with errno EILSEQ
 * when src is not text in the locale's charset (or, in a UTF-8 or the C
 * locale, not valid UTF-8), ENOMEM, or EINVAL for NULL.
 */
char *winfax_ansi_to_utf8_alloc(const char *src);

/*
 * UTF-8 to a newly allocated A string (free()).  A character the locale's
 * charset cannot hold becomes '?', as WideCharToMultiByte's default
 * character on Windows.  NULL with errno EILSEQ when utf8 is not valid
 * UTF-8, ENOMEM, or EINVAL for NULL.
 */
char *winfax_utf8_to_ansi_alloc(const char *utf8);

#endif
