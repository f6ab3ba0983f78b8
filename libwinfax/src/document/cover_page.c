/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "cover_page.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "paper_size.h"
#include "text_render.h"

#define MARGIN            144
#define CONTENT_WIDTH     ((int)WINFAX_BITMAP_WIDTH - 2 * MARGIN)
/* The labels' column, and the room between a label and its value. */
#define LABEL_WIDTH       312
#define LABEL_GAP         12
#define FIELD_MAX_LINES   3
#define RULE_THICKNESS    6
#define BANNER_CHARACTERS 16
#define BANNER_GAP        48

static const struct winfax_font title_font = { "Sans", 40, true };
static const struct winfax_font banner_font = { "Sans", 22, true };
static const struct winfax_font label_font = { "Sans", 12, true };
static const struct winfax_font value_font = { "Sans", 12, false };
static const struct winfax_font note_font = { "Sans", 11, false };

void winfax_cover_page_banner(const char *name, char banner[WINFAX_COVER_BANNER_SIZE])
{
    const char *base = name ? strrchr(name, '/') : NULL;
    size_t length;
    gchar *valid, *upper;
    const gchar *end;

    banner[0] = '\0';
    if (!name)
        return;
    base = base ? base + 1 : name;
    length = strlen(base);
    if (length >= 4 && strcasecmp(base + length - 4, ".cov") == 0)
        length -= 4;
    valid = g_utf8_make_valid(base, (gssize)length);
    upper = g_utf8_strup(valid, -1);
    end = upper;
    for (int i = 0; i < BANNER_CHARACTERS && *end; i++)
        end = g_utf8_next_char(end);
    length = (size_t)(end - upper);
    /* 16 characters of valid UTF-8 are at most 64 bytes. */
    memcpy(banner, upper, length);
    banner[length] = '\0';
    g_free(upper);
    g_free(valid);
    if (strcmp(banner, "GENERIC") == 0 || strcmp(banner, "FAX") == 0)
        banner[0] = '\0';
}

/* The height of a layout of text, and (when wanted) its first line's
 * baseline from its top and its width, in pixels. */
static double text_height(struct winfax_text_canvas *canvas, const struct winfax_font *font,
                          const char *text, double *baseline, double *width_out)
{
    PangoLayout *layout = winfax_text_layout(canvas, font, CONTENT_WIDTH, text, -1);
    int width, height;

    pango_layout_get_size(layout, &width, &height);
    if (baseline)
        *baseline = winfax_text_y_pixels(canvas, pango_layout_get_baseline(layout));
    if (width_out)
        *width_out = (double)width / PANGO_SCALE * WINFAX_X_DPI / 72.0;
    g_object_unref(layout);
    return winfax_text_y_pixels(canvas, height);
}

/* One line of text with its baseline at y (pixels). */
static void draw_on_baseline(struct winfax_text_canvas *canvas, const struct winfax_font *font,
                             int x, double baseline, const char *text)
{
    double offset, height = text_height(canvas, font, text, &offset, NULL);

    winfax_text_draw_block(canvas, font, x, (int)(baseline - offset + 0.5),
                           CONTENT_WIDTH - (x - MARGIN), (int)ceil(height), text, NULL);
}

/* One "Label: value" row; returns the y under it. */
static int draw_field(struct winfax_text_canvas *canvas, int y, int line_height,
                      const char *label, const char *value)
{
    int used = 0;

    winfax_text_draw_block(canvas, &label_font, MARGIN, y, LABEL_WIDTH - LABEL_GAP,
                           line_height, label, NULL);
    if (value && *value) {
        gchar *valid = g_utf8_make_valid(value, -1);

        winfax_text_draw_block(canvas, &value_font, MARGIN + LABEL_WIDTH, y,
                               CONTENT_WIDTH - LABEL_WIDTH, FIELD_MAX_LINES * line_height,
                               valid, &used);
        g_free(valid);
    }
    return y + (used > line_height ? used : line_height);
}

static void draw_rule(struct winfax_bitmap *page, int y)
{
    winfax_bitmap_fill(page, MARGIN, y, CONTENT_WIDTH, RULE_THICKNESS);
}

int winfax_cover_page_render(const struct winfax_cover_page *cover, struct winfax_bitmap *page)
{
    const uint32_t page_lines = winfax_paper_default()->fine_lines;
    struct winfax_text_canvas canvas;
    char banner[WINFAX_COVER_BANNER_SIZE], pages[64];
    double title_baseline, title_height, title_width;
    int y, line_height, error;
    int rules[2];
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

    error = winfax_bitmap_init(page, page_lines, WINFAX_FINE_DPI);
    if (error)
        return error;
    error = winfax_text_canvas_init(&canvas, page_lines, WINFAX_FINE_DPI);
    if (error) {
        winfax_bitmap_free(page);
        return error;
    }
    snprintf(pages, sizeof(pages), "%u (this page included)", cover->page_count);
    title_height = text_height(&canvas, &title_font, "FAX", &title_baseline, &title_width);
    draw_on_baseline(&canvas, &title_font, MARGIN, MARGIN + title_baseline, "FAX");
    winfax_cover_page_banner(cover->name, banner);
    /* The heading word beside the title, on the same baseline. */
    if (banner[0])
        draw_on_baseline(&canvas, &banner_font, MARGIN + (int)title_width + BANNER_GAP,
                         MARGIN + title_baseline, banner);
    y = MARGIN + (int)title_height;
    rules[0] = y;
    line_height = (int)ceil(text_height(&canvas, &value_font, "X", NULL, NULL));
    y += RULE_THICKNESS + line_height;
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        y = draw_field(&canvas, y, line_height, fields[i].label, fields[i].value);
        if (fields[i].gap_after)
            y += line_height / 2;
    }
    y += line_height / 2;
    rules[1] = y;
    y += RULE_THICKNESS + line_height / 2;
    if (cover->note && *cover->note && (int)page_lines - MARGIN - y > 0) {
        gchar *valid = g_utf8_make_valid(cover->note, -1);

        winfax_text_draw_block(&canvas, &note_font, MARGIN, y, CONTENT_WIDTH,
                               (int)page_lines - MARGIN - y, valid, NULL);
        g_free(valid);
    }
    winfax_text_canvas_transfer(&canvas, page);
    winfax_text_canvas_free(&canvas);
    draw_rule(page, rules[0]);
    draw_rule(page, rules[1]);
    return 0;
}
