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
/* The labels' column, unless a wide font's labels need more, and the room
 * between a label and its value. */
#define LABEL_MIN_WIDTH   312
#define LABEL_GAP         12
#define FIELD_MAX_LINES   3
/* The least room the note keeps before the values give up lines. */
#define NOTE_MIN_LINES    4
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

/* The height text takes `width` wide: its first max_lines lines, no lower
 * than max_height (the rule winfax_text_draw_block draws by), in whole
 * pixels. */
static int block_height(struct winfax_text_canvas *canvas, const struct winfax_font *font,
                        int width, const char *text, int max_lines, int max_height)
{
    PangoLayout *layout = winfax_text_layout(canvas, font, width, text, -1);
    PangoLayoutIter *iter = pango_layout_get_iter(layout);
    double used = 0;
    int lines = 0;

    do {
        PangoRectangle logical;
        double bottom;

        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        bottom = winfax_text_y_pixels(canvas, logical.y + logical.height);
        if (bottom > max_height)
            break;
        used = bottom;
    } while (++lines < max_lines && pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    g_object_unref(layout);
    return (int)ceil(used);
}

/* One line of text with its baseline at y (pixels). */
static void draw_on_baseline(struct winfax_text_canvas *canvas, const struct winfax_font *font,
                             int x, double baseline, const char *text)
{
    double offset, height = text_height(canvas, font, text, &offset, NULL);

    winfax_text_draw_block(canvas, font, x, (int)(baseline - offset + 0.5),
                           CONTENT_WIDTH - (x - MARGIN), (int)ceil(height), text, NULL);
}

static void draw_rule(struct winfax_bitmap *page, int y)
{
    winfax_bitmap_fill(page, MARGIN, y, CONTENT_WIDTH, RULE_THICKNESS);
}

/* The labelled fields in the order they print; a block ends where the
 * next one starts with a gap. */
struct cover_field {
    const char *label;
    const char *value;
    bool starts_block;
};

static size_t cover_fields(const struct winfax_cover_page *cover, const char *pages,
                           struct cover_field fields[WINFAX_COVER_ROWS_MAX])
{
    const struct cover_field all[] = {
        { "To:", cover->recipient_name, true },
        { "Title:", cover->recipient_title, false },
        { "Department:", cover->recipient_department, false },
        { "Company:", cover->recipient_company, false },
        { "Office:", cover->recipient_office_location, false },
        { "Street:", cover->recipient_street_address, false },
        { "City:", cover->recipient_city, false },
        { "State:", cover->recipient_state, false },
        { "ZIP:", cover->recipient_zip, false },
        { "Country:", cover->recipient_country, false },
        { "Office phone:", cover->recipient_office_phone, false },
        { "Home phone:", cover->recipient_home_phone, false },
        { "Fax number:", cover->recipient_fax_number, false },
        { "From:", cover->sender_name, true },
        { "Title:", cover->sender_title, false },
        { "Department:", cover->sender_department, false },
        { "Company:", cover->sender_company, false },
        { "Office:", cover->sender_office_location, false },
        { "Address:", cover->sender_address, false },
        { "Office phone:", cover->sender_phone, false },
        { "Home phone:", cover->sender_home_phone, false },
        { "Fax number:", cover->sender_fax_number, false },
        { "Date:", cover->date, true },
        { "Pages:", pages, false },
        { "Subject:", cover->subject, false },
    };
    _Static_assert(sizeof(all) / sizeof(all[0]) < WINFAX_COVER_ROWS_MAX, "room for the note");
    size_t count = 0;
    bool block_pending = true;

    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        block_pending |= all[i].starts_block;
        if (!all[i].value || !all[i].value[0])
            continue;
        fields[count] = all[i];
        /* A block whose first fields are empty still starts with a gap. */
        fields[count++].starts_block = block_pending;
        block_pending = false;
    }
    return count;
}

/* The labels' column: the widest label any row can have and the gap, so
 * every label keeps to one line whatever the font, and at least
 * LABEL_MIN_WIDTH so the values line up where they always have. */
static int label_column_width(struct winfax_text_canvas *canvas)
{
    static const char *const labels[] = { "Department:", "Office phone:", "Fax number:",
                                          "Home phone:", "Country:", "Address:", "Subject:" };
    double widest = 0;

    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        double width;

        text_height(canvas, &label_font, labels[i], NULL, &width);
        if (width > widest)
            widest = width;
    }
    widest = ceil(widest) + LABEL_GAP;
    return widest > LABEL_MIN_WIDTH ? (int)widest : LABEL_MIN_WIDTH;
}

/* Places the field rows (layout->row_count of them, values filled) with
 * values held to max_lines; the y under the last one. */
static int place_fields(struct winfax_cover_layout *layout, const bool *starts_block,
                        struct winfax_text_canvas *canvas, int top, int line_height,
                        int max_lines)
{
    int y = top;

    for (size_t i = 0; i < layout->row_count; i++) {
        struct winfax_cover_row *row = &layout->rows[i];
        int height;

        if (starts_block[i] && i > 0)
            y += line_height / 2;
        height = block_height(canvas, &value_font, row->width, row->value, max_lines, INT32_MAX);
        row->y = y;
        row->height = height > line_height ? height : line_height;
        y += row->height;
    }
    return y;
}

void winfax_cover_page_layout(const struct winfax_cover_page *cover,
                              struct winfax_text_canvas *canvas, uint32_t page_lines,
                              struct winfax_cover_layout *layout)
{
    struct cover_field fields[WINFAX_COVER_ROWS_MAX];
    bool starts_block[WINFAX_COVER_ROWS_MAX];
    gchar *pages = g_strdup_printf("%u (this page included)", cover->page_count);
    size_t count = cover_fields(cover, pages, fields);
    int label_width = label_column_width(canvas);
    int line_height = (int)ceil(text_height(canvas, &value_font, "X", NULL, NULL));
    int note_line = (int)ceil(text_height(canvas, &note_font, "X", NULL, NULL));
    bool has_note = cover->note && cover->note[0];
    int top, end = 0;

    memset(layout, 0, sizeof(*layout));
    layout->bottom = (int)page_lines - MARGIN;
    layout->rules[0] = MARGIN + (int)text_height(canvas, &title_font, "FAX", NULL, NULL);
    top = layout->rules[0] + RULE_THICKNESS + line_height;
    for (size_t i = 0; i < count; i++) {
        struct winfax_cover_row *row = &layout->rows[i];

        row->label = fields[i].label;
        row->value = g_utf8_make_valid(fields[i].value, -1);
        row->label_x = MARGIN;
        row->x = MARGIN + label_width;
        row->width = CONTENT_WIDTH - label_width;
        starts_block[i] = fields[i].starts_block;
    }
    layout->row_count = count;
    g_free(pages);
    /* Long values wrap while the note keeps room; when every field is
     * long, fewer lines each is better than fields lost off the page. */
    for (int max_lines = FIELD_MAX_LINES; max_lines >= 1; max_lines--) {
        int needed;

        end = place_fields(layout, starts_block, canvas, top, line_height, max_lines);
        needed = end + line_height / 2 + RULE_THICKNESS + line_height / 2 +
                 (has_note ? NOTE_MIN_LINES * note_line : 0);
        if (needed <= layout->bottom)
            break;
    }
    /* Only paper far shorter than A4 gets here: rows past the margin go. */
    while (layout->row_count > 0 &&
           layout->rows[layout->row_count - 1].y + layout->rows[layout->row_count - 1].height >
               layout->bottom) {
        g_free(layout->rows[--layout->row_count].value);
        end = layout->row_count ? layout->rows[layout->row_count - 1].y +
                                      layout->rows[layout->row_count - 1].height
                                : top;
    }
    end += line_height / 2;
    layout->rules[1] = end;
    end += RULE_THICKNESS + line_height / 2;
    if (has_note && layout->bottom - end > 0) {
        struct winfax_cover_row *row = &layout->rows[layout->row_count];

        row->value = g_utf8_make_valid(cover->note, -1);
        row->x = row->label_x = MARGIN;
        row->y = end;
        row->width = CONTENT_WIDTH;
        row->height = block_height(canvas, &note_font, CONTENT_WIDTH, row->value, INT32_MAX,
                                   layout->bottom - end);
        if (row->height > 0)
            layout->row_count++;
        else
            g_free(row->value);
    }
}

void winfax_cover_layout_free(struct winfax_cover_layout *layout)
{
    for (size_t i = 0; i < layout->row_count; i++)
        g_free(layout->rows[i].value);
    layout->row_count = 0;
}

int winfax_cover_page_render(const struct winfax_cover_page *cover, struct winfax_bitmap *page)
{
    const uint32_t page_lines = winfax_paper_default()->fine_lines;
    struct winfax_text_canvas canvas;
    struct winfax_cover_layout layout;
    char banner[WINFAX_COVER_BANNER_SIZE];
    double title_baseline, title_width;
    int error;

    error = winfax_bitmap_init(page, page_lines, WINFAX_FINE_DPI);
    if (error)
        return error;
    error = winfax_text_canvas_init(&canvas, page_lines, WINFAX_FINE_DPI);
    if (error) {
        winfax_bitmap_free(page);
        return error;
    }
    text_height(&canvas, &title_font, "FAX", &title_baseline, &title_width);
    draw_on_baseline(&canvas, &title_font, MARGIN, MARGIN + title_baseline, "FAX");
    winfax_cover_page_banner(cover->name, banner);
    /* The heading word beside the title, on the same baseline. */
    if (banner[0])
        draw_on_baseline(&canvas, &banner_font, MARGIN + (int)title_width + BANNER_GAP,
                         MARGIN + title_baseline, banner);
    winfax_cover_page_layout(cover, &canvas, page_lines, &layout);
    for (size_t i = 0; i < layout.row_count; i++) {
        const struct winfax_cover_row *row = &layout.rows[i];

        if (row->label)
            winfax_text_draw_block(&canvas, &label_font, row->label_x, row->y,
                                   row->x - row->label_x, row->height, row->label, NULL);
        /* One pixel of slack: the height was rounded up from the lines'. */
        winfax_text_draw_block(&canvas, row->label ? &value_font : &note_font, row->x, row->y,
                               row->width, row->height + 1, row->value, NULL);
    }
    winfax_text_canvas_transfer(&canvas, page);
    winfax_text_canvas_free(&canvas);
    draw_rule(page, layout.rules[0]);
    draw_rule(page, layout.rules[1]);
    winfax_cover_layout_free(&layout);
    return 0;
}
