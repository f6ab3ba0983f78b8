/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "document_text.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "paper_size.h"
#include "text_render.h"
#include "utf8.h"

/* Pango lays out a paragraph at once, in memory and time that grow with
 * it: a longer run of text without a line end is laid out in pieces of at
 * most this many bytes (each piece starts a new line), cut after a space.
 * A run without a space is cut into much shorter pieces: breaking a word
 * into lines takes Pango time that grows with the square of its length
 * (a 1 MiB word took 30 s in 64 KiB pieces). */
#define PARAGRAPH_PIECE_MAX  (64 * 1024)
#define WORD_PIECE_MAX       (4 * 1024)

static const unsigned char byte_order_mark[3] = { 0xef, 0xbb, 0xbf };

static size_t skip_byte_order_mark(const unsigned char *text, size_t length)
{
    return length >= sizeof(byte_order_mark) &&
                   memcmp(text, byte_order_mark, sizeof(byte_order_mark)) == 0
               ? sizeof(byte_order_mark)
               : 0;
}

static size_t put_utf8(unsigned char *to, uint32_t codepoint)
{
    if (codepoint < 0x80) {
        to[0] = (unsigned char)codepoint;
        return 1;
    }
    if (codepoint < 0x800) {
        to[0] = (unsigned char)(0xc0 | codepoint >> 6);
        to[1] = (unsigned char)(0x80 | (codepoint & 0x3f));
        return 2;
    }
    if (codepoint < 0x10000) {
        to[0] = (unsigned char)(0xe0 | codepoint >> 12);
        to[1] = (unsigned char)(0x80 | (codepoint >> 6 & 0x3f));
        to[2] = (unsigned char)(0x80 | (codepoint & 0x3f));
        return 3;
    }
    to[0] = (unsigned char)(0xf0 | codepoint >> 18);
    to[1] = (unsigned char)(0x80 | (codepoint >> 12 & 0x3f));
    to[2] = (unsigned char)(0x80 | (codepoint >> 6 & 0x3f));
    to[3] = (unsigned char)(0x80 | (codepoint & 0x3f));
    return 4;
}

int winfax_text_from_utf16(const unsigned char *text, size_t length, unsigned char **utf8,
                           size_t *utf8_length)
{
    bool little_endian;
    unsigned char *out;
    size_t done = 0;

    if (length < 2 || !((text[0] == 0xff && text[1] == 0xfe) ||
                        (text[0] == 0xfe && text[1] == 0xff)))
        return 0;
    if (length % 2)
        return -EILSEQ;
    little_endian = text[0] == 0xff;
    /* A unit makes at most 3 bytes; a surrogate pair (2 units) 4. */
    out = malloc(length / 2 * 3 + 1);
    if (!out)
        return -ENOMEM;
    for (size_t at = 2; at < length; at += 2) {
        uint32_t unit = little_endian ? (uint32_t)(text[at] | text[at + 1] << 8)
                                      : (uint32_t)(text[at] << 8 | text[at + 1]);

        if (unit >= 0xd800 && unit <= 0xdbff && at + 3 < length) {
            uint32_t low = little_endian ? (uint32_t)(text[at + 2] | text[at + 3] << 8)
                                         : (uint32_t)(text[at + 2] << 8 | text[at + 3]);

            if (low >= 0xdc00 && low <= 0xdfff) {
                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                at += 2;
            }
        }
        if (unit >= 0xd800 && unit <= 0xdfff) {
            free(out);
            return -EILSEQ;
        }
        done += put_utf8(out + done, unit);
    }
    out[done] = '\0';
    *utf8 = out;
    *utf8_length = done;
    return 1;
}

static bool allowed_control(uint32_t codepoint)
{
    return codepoint == '\t' || codepoint == '\n' || codepoint == '\r' || codepoint == '\f';
}

bool winfax_text_is_plain(const unsigned char *text, size_t length)
{
    size_t at = skip_byte_order_mark(text, length);

    while (at < length) {
        uint32_t codepoint;
        size_t used = winfax_utf8_decode(text + at, length - at, &codepoint);

        if (used == 0)
            return false;
        if ((codepoint < 0x20 || codepoint == 0x7f) && !allowed_control(codepoint))
            return false;
        at += used;
    }
    return true;
}

/* The page being filled. */
struct text_pages {
    struct winfax_fax_writer *writer;
    struct winfax_text_canvas canvas;
    struct winfax_font font;
    uint32_t page_lines;
    double y;                  /* where the next line's top goes, in pixels */
    unsigned lines_on_page;
    bool page_begun;           /* by a form feed: written even if blank */
    int error;
};

static void emit_page(struct text_pages *pages)
{
    struct winfax_bitmap page;

    if (!pages->error)
        pages->error = winfax_bitmap_init(&page, pages->page_lines, WINFAX_FINE_DPI);
    if (!pages->error) {
        winfax_text_canvas_transfer(&pages->canvas, &page);
        pages->error = winfax_fax_writer_add_bitmap(pages->writer, &page);
        winfax_bitmap_free(&page);
    }
    pages->y = WINFAX_TEXT_TOP_MARGIN;
    pages->lines_on_page = 0;
    pages->page_begun = false;
}

/* One paragraph (no line end in it), as many lines as it wraps into. */
static void add_paragraph(struct text_pages *pages, const char *text, size_t length)
{
    const int width = (int)WINFAX_BITMAP_WIDTH - WINFAX_TEXT_LEFT_MARGIN -
                      WINFAX_TEXT_RIGHT_MARGIN;
    const double bottom = (double)pages->page_lines - WINFAX_TEXT_BOTTOM_MARGIN;
    PangoLayout *layout;
    PangoLayoutIter *iter;

    if (pages->error)
        return;
    layout = winfax_text_layout(&pages->canvas, &pages->font, width, text, (int)length);
    iter = pango_layout_get_iter(layout);
    do {
        PangoRectangle logical;
        double height;

        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        height = winfax_text_y_pixels(&pages->canvas, logical.height);
        if (pages->lines_on_page > 0 && pages->y + height > bottom) {
            emit_page(pages);
            if (pages->error)
                break;
        }
        winfax_text_draw_line(&pages->canvas, iter, WINFAX_TEXT_LEFT_MARGIN, pages->y);
        pages->y += height;
        pages->lines_on_page++;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    g_object_unref(layout);
}

/* Where a piece of a long paragraph ends: after the last space in its
 * first PARAGRAPH_PIECE_MAX bytes, else at the character boundary before
 * WORD_PIECE_MAX. */
static size_t piece_length(const unsigned char *text, size_t length)
{
    size_t end = PARAGRAPH_PIECE_MAX;

    if (length <= PARAGRAPH_PIECE_MAX)
        return length;
    while (end > 0 && text[end - 1] != ' ')
        end--;
    if (end > 0)
        return end;
    end = WORD_PIECE_MAX;
    while ((text[end] & 0xc0) == 0x80)   /* a continuation byte */
        end--;
    return end;
}

static void add_paragraph_in_pieces(struct text_pages *pages, const unsigned char *text,
                                    size_t length)
{
    do {
        size_t piece = piece_length(text, length);

        add_paragraph(pages, (const char *)text, piece);
        text += piece;
        length -= piece;
    } while (length > 0 && !pages->error);
}

int winfax_text_to_fax(const unsigned char *text, size_t length,
                       struct winfax_fax_writer *writer)
{
    struct text_pages pages = {
        .writer = writer,
        .font = { WINFAX_TEXT_FONT_FAMILY, WINFAX_TEXT_FONT_POINTS, false },
        .page_lines = winfax_paper_default()->fine_lines,
        .y = WINFAX_TEXT_TOP_MARGIN,
    };
    size_t at = skip_byte_order_mark(text, length);

    if (!winfax_text_is_plain(text, length))
        return -EILSEQ;
    pages.error = winfax_text_canvas_init(&pages.canvas, pages.page_lines, WINFAX_FINE_DPI);
    if (pages.error)
        return pages.error;
    while (at < length && !pages.error) {
        size_t end = at;

        while (end < length && text[end] != '\n' && text[end] != '\r' && text[end] != '\f')
            end++;
        if (end > at || (end < length && text[end] != '\f'))
            add_paragraph_in_pieces(&pages, text + at, end - at);
        if (end < length && text[end] == '\f') {
            /* A form feed ends the page, even a blank one it began. */
            if (pages.lines_on_page > 0 || pages.page_begun)
                emit_page(&pages);
            pages.page_begun = true;
        } else if (end + 1 < length && text[end] == '\r' && text[end + 1] == '\n') {
            end++;
        }
        at = end + 1;
    }
    /* The last page, unless a form feed just ended it; a text with no
     * line at all still makes one (blank) page. */
    if (!pages.error &&
        (pages.lines_on_page > 0 || winfax_fax_writer_pages(writer) == 0))
        emit_page(&pages);
    winfax_text_canvas_free(&pages.canvas);
    return pages.error;
}
