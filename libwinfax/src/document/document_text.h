/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Plain text as fax pages, laid out by Pango (text_render.h): pages of
 * the default paper (paper_size.h) at fine resolution, DejaVu Sans Mono
 * ("Monospace") at 10 points, so that columns line up as in a terminal
 * (84 characters in the 1440-pixel printable width; Pango takes the
 * glyphs a character needs from another font, Noto CJK for Chinese,
 * Japanese and Korean), margins of 144 pixels (0.7 inch) left and right
 * and 132 lines (0.67 inch) top and bottom: 63 lines on A4, 59 on
 * Letter, 78 on Legal.
 *
 * Lines longer than the printable width wrap between words (inside a
 * word longer than a line); each line is laid out in its own direction
 * (right-to-left lines, Hebrew or Arabic, stand at the right margin);
 * tab stops every 8 columns; a form feed starts a new page; CR LF and
 * lone CR end a line like LF; a UTF-8 byte order mark at the start is
 * skipped (UTF-16 with its mark is converted first, see below).  A page holds only whole lines: the line that does not fit
 * starts the next page.  A character no installed font has is drawn as
 * a box with its code in it.
 */
#ifndef LIBWINFAX_DOCUMENT_TEXT_H
#define LIBWINFAX_DOCUMENT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "tiff_writer.h"

#define WINFAX_TEXT_FONT_FAMILY     "Monospace"
#define WINFAX_TEXT_FONT_POINTS     10.0
/* The printable area of every page, in pixels. */
#define WINFAX_TEXT_LEFT_MARGIN     144
#define WINFAX_TEXT_RIGHT_MARGIN    144
#define WINFAX_TEXT_TOP_MARGIN      132
#define WINFAX_TEXT_BOTTOM_MARGIN   132

/*
 * A UTF-16 text that starts with its byte order mark (FF FE little
 * endian, FE FF big endian: what Windows' Notepad saves as "Unicode"), as
 * UTF-8 without the mark, in a new buffer (*utf8, *utf8_length; free()).
 * 1 when converted; 0 when the text has no UTF-16 byte order mark (it is
 * left alone); -EILSEQ (an odd length, a surrogate without its pair);
 * -ENOMEM.
 */
int winfax_text_from_utf16(const unsigned char *text, size_t length, unsigned char **utf8,
                           size_t *utf8_length);

/* Whether the bytes are text this renderer takes: UTF-8, and no control
 * characters but tab, line feed, carriage return and form feed. */
bool winfax_text_is_plain(const unsigned char *text, size_t length);

/* Appends the text's pages to writer.  0, -EILSEQ (not plain text, see
 * above), -ENOMEM, or the writer's error. */
int winfax_text_to_fax(const unsigned char *text, size_t length,
                       struct winfax_fax_writer *writer);

#endif
