/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The library's own bitmap font: printable ASCII in a 5 x 9 grid (7 rows
 * above the baseline, 2 for descenders), drawn scaled.  Enough for text
 * documents and cover pages; any other character is drawn as a hollow
 * box, so that nothing disappears silently.
 */
#ifndef LIBWINFAX_BITMAP_FONT_H
#define LIBWINFAX_BITMAP_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "page_bitmap.h"

#define WINFAX_GLYPH_WIDTH   5
#define WINFAX_GLYPH_HEIGHT  9
/* A character cell: one blank column after the glyph, two blank rows
 * under it (the leading between lines). */
#define WINFAX_CELL_WIDTH    6
#define WINFAX_CELL_HEIGHT   11

/* True for the characters the font has (U+0020..U+007E). */
bool winfax_font_has(uint32_t codepoint);

/* Whether the font's pixel (column, row) of the glyph is ink; characters
 * the font lacks give the placeholder box. */
bool winfax_font_ink(uint32_t codepoint, int column, int row);

/* Draws one character with its cell's top left corner at (x, y), each
 * font pixel as scale_x x scale_y page pixels; clipped to the page. */
void winfax_font_draw(struct winfax_bitmap *page, int x, int y, uint32_t codepoint,
                      int scale_x, int scale_y);

/*
 * Decodes one UTF-8 character of text[0..length): its length (1..4), or 0
 * when the bytes are not UTF-8 (a stray continuation byte, an overlong
 * form, a surrogate, past U+10FFFF, or cut short).
 */
size_t winfax_utf8_decode(const unsigned char *text, size_t length, uint32_t *codepoint);

/*
 * Draws a NUL-terminated UTF-8 string on one line, from (x, y), at most
 * max_cells characters (the rest is not drawn).  A byte that is not UTF-8
 * is drawn as the placeholder.  Returns the characters drawn.
 */
size_t winfax_font_draw_string(struct winfax_bitmap *page, int x, int y, const char *text,
                               size_t max_cells, int scale_x, int scale_y);

#endif
