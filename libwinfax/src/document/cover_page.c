/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "cover_page.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bitmap_font.h"

#define MARGIN          144
#define TITLE_SCALE     12
#define BANNER_SCALE    6
#define FIELD_SCALE     4
#define NOTE_SCALE      3
#define FIELD_LABEL_CELLS 13
#define FIELD_MAX_LINES 3
#define RULE_THICKNESS  6

#define CONTENT_WIDTH   ((int)WINFAX_BITMAP_WIDTH - 2 * MARGIN)
#define CELL_W(scale)   (WINFAX_CELL_WIDTH * (scale))
#define CELL_H(scale)   (WINFAX_CELL_HEIGHT * (scale))

void winfax_cover_page_banner(const char *name, char banner[17])
{
    const char *base = name ? strrchr(name, '/') : NULL;
    size_t length;

    banner[0] = '\0';
    if (!name)
        return;
    base = base ? base + 1 : name;
    length = strlen(base);
    if (length >= 4 && strcasecmp(base + length - 4, ".cov") == 0)
        length -= 4;
    if (length > 16)
        length = 16;
    for (size_t i = 0; i < length; i++)
        banner[i] = (char)toupper((unsigned char)base[i]);
    banner[length] = '\0';
    if (strcmp(banner, "GENERIC") == 0 || strcmp(banner, "FAX") == 0)
        banner[0] = '\0';
}

/* The text as characters (a byte that is not UTF-8 is one U+FFFD). */
static uint32_t *decode(const char *text, size_t *count_out)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t length = strlen(text), count = 0;
    /* Room for the "..." that may replace the end of a line. */
    uint32_t *characters = malloc((length + 4) * sizeof(*characters));

    if (!characters)
        return NULL;
    while (length > 0) {
        uint32_t codepoint = 0xfffd;
        size_t used = winfax_utf8_decode(bytes, length, &codepoint);

        if (used == 0)
            used = 1;
        characters[count++] = codepoint;
        bytes += used;
        length -= used;
    }
    *count_out = count;
    return characters;
}

/*
 * Draws text from (x, y) in lines of `cells` characters, breaking at
 * spaces (a word longer than a line is cut) and at line feeds, at most
 * max_lines lines; when the text does not fit, the last line ends in
 * "...".  Returns the lines used, or -1 when out of memory.
 */
static int draw_wrapped(struct winfax_bitmap *page, int x, int y, const char *text,
                        size_t cells, int max_lines, int scale)
{
    size_t count, at = 0;
    uint32_t *characters = decode(text, &count);
    int lines = 0;

    if (!characters)
        return -1;
    while (at < count && lines < max_lines) {
        size_t end = at, line_end, next;

        while (end < count && characters[end] != '\n' && end - at < cells)
            end++;
        line_end = end;
        next = end;
        if (end < count && characters[end] == '\n') {
            next = end + 1;
        } else if (end < count && end - at == cells) {
            size_t space = end;

            while (space > at && characters[space] != ' ')
                space--;
            if (space > at) {   /* break at that space, drop it */
                line_end = space;
                next = space + 1;
            }
        }
        if (lines == max_lines - 1 && next < count) {
            /* The last line there is room for, and text left over. */
            if (line_end - at > cells - 3)
                line_end = at + cells - 3;
            for (int dot = 0; dot < 3; dot++)
                characters[line_end + (size_t)dot] = '.';
            line_end += 3;
            next = count;
        }
        for (size_t i = at; i < line_end; i++)
            if (characters[i] != ' ' && characters[i] != '\t')
                winfax_font_draw(page, x + (int)(i - at) * CELL_W(scale),
                                 y + lines * CELL_H(scale), characters[i], scale, scale);
        lines++;
        at = next;
    }
    free(characters);
    return lines;
}

/* One "Label: value" row; returns the y under it, or -1 (no memory). */
static int draw_field(struct winfax_bitmap *page, int y, const char *label, const char *value)
{
    size_t value_cells = (size_t)(CONTENT_WIDTH / CELL_W(FIELD_SCALE)) - FIELD_LABEL_CELLS;
    int lines = 1;

    winfax_font_draw_string(page, MARGIN, y, label, FIELD_LABEL_CELLS, FIELD_SCALE,
                            FIELD_SCALE);
    if (value && *value) {
        lines = draw_wrapped(page, MARGIN + FIELD_LABEL_CELLS * CELL_W(FIELD_SCALE), y, value,
                             value_cells, FIELD_MAX_LINES, FIELD_SCALE);
        if (lines < 0)
            return -1;
        if (lines == 0)
            lines = 1;
    }
    return y + lines * CELL_H(FIELD_SCALE);
}

static void draw_rule(struct winfax_bitmap *page, int y)
{
    winfax_bitmap_fill(page, MARGIN, y, CONTENT_WIDTH, RULE_THICKNESS);
}

int winfax_cover_page_render(const struct winfax_cover_page *cover, struct winfax_bitmap *page)
{
    char banner[17], pages[64];
    int y = MARGIN, error;
    const struct {
        const char *label, *value;
        bool gap_after;
    } fields[] = {
        { "To:", cover->recipient_name, false },
        { "Company:", cover->recipient_company, false },
        { "Fax number:", cover->recipient_fax_number, true },
        { "From:", cover->sender_name, false },
        { "Company:", cover->sender_company, false },
        { "Fax number:", cover->sender_fax_number, false },
        { "Phone:", cover->sender_phone, true },
        { "Date:", cover->date, false },
        { "Pages:", pages, false },
        { "Subject:", cover->subject, false },
    };

    error = winfax_bitmap_init(page, WINFAX_A4_FINE_LINES, WINFAX_FINE_DPI);
    if (error)
        return error;
    snprintf(pages, sizeof(pages), "%u (this page included)", cover->page_count);
    winfax_font_draw_string(page, MARGIN, y, "FAX", 3, TITLE_SCALE, TITLE_SCALE);
    winfax_cover_page_banner(cover->name, banner);
    /* The heading word's baseline on the title's. */
    winfax_font_draw_string(page, MARGIN + 4 * CELL_W(TITLE_SCALE),
                            y + 7 * (TITLE_SCALE - BANNER_SCALE), banner, sizeof(banner),
                            BANNER_SCALE, BANNER_SCALE);
    y += CELL_H(TITLE_SCALE);
    draw_rule(page, y);
    y += RULE_THICKNESS + CELL_H(FIELD_SCALE);
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        y = draw_field(page, y, fields[i].label, fields[i].value);
        if (y < 0)
            goto out_of_memory;
        if (fields[i].gap_after)
            y += CELL_H(FIELD_SCALE) / 2;
    }
    y += CELL_H(FIELD_SCALE) / 2;
    draw_rule(page, y);
    y += RULE_THICKNESS + CELL_H(FIELD_SCALE) / 2;
    if (cover->note && *cover->note) {
        int lines = ((int)WINFAX_A4_FINE_LINES - MARGIN - y) / CELL_H(NOTE_SCALE);

        if (lines > 0 &&
            draw_wrapped(page, MARGIN, y, cover->note,
                         (size_t)(CONTENT_WIDTH / CELL_W(NOTE_SCALE)), lines, NOTE_SCALE) < 0)
            goto out_of_memory;
    }
    return 0;

out_of_memory:
    winfax_bitmap_free(page);
    return -ENOMEM;
}
