/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Strict UTF-8 decoding, for the checks that decide whether bytes are text
 * (document_text.h): Pango is only ever given text that passed them.
 */
#ifndef LIBWINFAX_UTF8_H
#define LIBWINFAX_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one UTF-8 character of text[0..length): its length (1..4), or 0
 * when the bytes are not UTF-8 (a stray continuation byte, an overlong
 * form, a surrogate, past U+10FFFF, or cut short).
 */
size_t winfax_utf8_decode(const unsigned char *text, size_t length, uint32_t *codepoint);

#endif
