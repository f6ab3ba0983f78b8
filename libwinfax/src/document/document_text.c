/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "document_text.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "bitmap_font.h"

#define TAB_STOP 8

static const unsigned char byte_order_mark[3] = { 0xef, 0xbb, 0xbf };

static size_t skip_byte_order_mark(const unsigned char *text, size_t length)
{
    return length >= sizeof(byte_order_mark) &&
                   memcmp(text, byte_order_mark, sizeof(byte_order_mark)) == 0
               ? sizeof(byte_order_mark)
               : 0;
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

/* The page being filled and the line being built. */
struct text_layout {
    struct winfax_fax_writer *writer;
    struct winfax_bitmap page;      /* bits NULL until the page gets a line */
    unsigned lines_on_page;
    bool page_just_filled;          /* a form feed right after it adds no page */
    uint32_t line[WINFAX_TEXT_COLUMNS];
    unsigned line_length;
    int error;
};

static void flush_page(struct text_layout *layout)
{
    if (!layout->error) {
        if (!layout->page.bits)
            layout->error = winfax_bitmap_init(&layout->page, WINFAX_A4_FINE_LINES,
                                               WINFAX_FINE_DPI);
        if (!layout->error)
            layout->error = winfax_fax_writer_add_bitmap(layout->writer, &layout->page);
    }
    winfax_bitmap_free(&layout->page);
    layout->lines_on_page = 0;
}

/* Draws the first `count` characters of the line as the page's next line. */
static void emit_line(struct text_layout *layout, unsigned count)
{
    int cell_width = WINFAX_CELL_WIDTH * WINFAX_TEXT_SCALE;
    int y;

    if (layout->error)
        return;
    if (!layout->page.bits) {
        layout->error = winfax_bitmap_init(&layout->page, WINFAX_A4_FINE_LINES,
                                           WINFAX_FINE_DPI);
        if (layout->error)
            return;
    }
    y = WINFAX_TEXT_TOP_MARGIN +
        (int)layout->lines_on_page * WINFAX_CELL_HEIGHT * WINFAX_TEXT_SCALE;
    for (unsigned i = 0; i < count; i++)
        if (layout->line[i] != ' ')
            winfax_font_draw(&layout->page, WINFAX_TEXT_LEFT_MARGIN + (int)i * cell_width, y,
                             layout->line[i], WINFAX_TEXT_SCALE, WINFAX_TEXT_SCALE);
    layout->page_just_filled = false;
    if (++layout->lines_on_page == WINFAX_TEXT_LINES_PER_PAGE) {
        flush_page(layout);
        layout->page_just_filled = true;
    }
}

static void end_line(struct text_layout *layout)
{
    emit_line(layout, layout->line_length);
    layout->line_length = 0;
}

/* A full line and one more character: break at the last space. */
static void wrap(struct text_layout *layout, uint32_t next)
{
    unsigned space = layout->line_length;

    if (next == ' ') {
        end_line(layout);
        return;
    }
    while (space > 0 && layout->line[space - 1] != ' ')
        space--;
    if (space <= 1) {   /* one word fills the line: cut it */
        end_line(layout);
        return;
    }
    emit_line(layout, space - 1);
    memmove(layout->line, layout->line + space,
            (layout->line_length - space) * sizeof(layout->line[0]));
    layout->line_length -= space;
}

static void add_character(struct text_layout *layout, uint32_t codepoint)
{
    if (layout->line_length == WINFAX_TEXT_COLUMNS) {
        wrap(layout, codepoint);
        if (codepoint == ' ' && layout->line_length == 0)
            return;   /* the space the line broke at */
    }
    layout->line[layout->line_length++] = codepoint;
}

int winfax_text_to_fax(const unsigned char *text, size_t length,
                       struct winfax_fax_writer *writer)
{
    struct text_layout layout;
    size_t at = skip_byte_order_mark(text, length);

    if (!winfax_text_is_plain(text, length))
        return -EILSEQ;
    memset(&layout, 0, sizeof(layout));
    layout.writer = writer;
    while (at < length && !layout.error) {
        uint32_t codepoint = 0;

        at += winfax_utf8_decode(text + at, length - at, &codepoint);
        switch (codepoint) {
        case '\r':
            if (at < length && text[at] == '\n')
                at++;
            end_line(&layout);
            break;
        case '\n':
            end_line(&layout);
            break;
        case '\f':
            if (layout.line_length)
                end_line(&layout);
            if (!layout.page_just_filled)
                flush_page(&layout);
            layout.page_just_filled = false;
            break;
        case '\t':
            do
                add_character(&layout, ' ');
            while (layout.line_length % TAB_STOP != 0);
            break;
        default:
            add_character(&layout, codepoint);
        }
    }
    if (layout.line_length)
        end_line(&layout);
    /* The last page, unless a form feed or a full page just ended it; a
     * text with no line at all still makes one (blank) page. */
    if (layout.lines_on_page || (!layout.error && winfax_fax_writer_pages(writer) == 0))
        flush_page(&layout);
    winfax_bitmap_free(&layout.page);
    return layout.error;
}
