/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Plain text as fax pages, drawn with the library's bitmap font
 * (bitmap_font.h): A4 pages at fine resolution, 80 characters a line in
 * 11.3 characters per inch, 61 lines a page, margins of about 0.7 inch.
 * Lines longer than 80 characters wrap at the last space (or are cut at
 * 80 when they have none); tab stops every 8 columns; a form feed starts
 * a new page; CR LF and lone CR end a line like LF; a UTF-8 byte order
 * mark at the start is skipped.  Characters the font lacks are drawn as a
 * hollow box.
 */
#ifndef LIBWINFAX_DOCUMENT_TEXT_H
#define LIBWINFAX_DOCUMENT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "tiff_writer.h"

#define WINFAX_TEXT_COLUMNS         80
#define WINFAX_TEXT_LINES_PER_PAGE  61
/* Where the first character's cell starts on every page, in pixels. */
#define WINFAX_TEXT_LEFT_MARGIN     144
#define WINFAX_TEXT_TOP_MARGIN      132
#define WINFAX_TEXT_SCALE           3

/* Whether the bytes are text this renderer takes: UTF-8, and no control
 * characters but tab, line feed, carriage return and form feed. */
bool winfax_text_is_plain(const unsigned char *text, size_t length);

/* Appends the text's pages to writer.  0, -EILSEQ (not plain text, see
 * above), or the writer's error. */
int winfax_text_to_fax(const unsigned char *text, size_t length,
                       struct winfax_fax_writer *writer);

#endif
