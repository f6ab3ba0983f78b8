/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "text_render.h"

#include <errno.h>
#include <string.h>

#define POINTS_PER_INCH 72.0

static double x_points(int x)
{
    return x * POINTS_PER_INCH / WINFAX_X_DPI;
}

static double y_points(const struct winfax_text_canvas *canvas, double y)
{
    return y * POINTS_PER_INCH / canvas->y_dpi;
}

/*
 * How glyphs become black and white: cairo draws them without
 * anti-aliasing, so FreeType's monochrome rasteriser sets the pixels (its
 * dropout control keeps strokes thinner than a pixel, where thresholding
 * grey coverage loses thin CJK strokes and hairlines), and with no
 * hinting: at 204 x 196 dpi a 10 pt letter is 28 pixels high, enough for
 * the outlines alone, while the fonts' hinting instructions, made for
 * square pixels, gave uneven stroke weights at 204 x 98.  Metrics are not
 * hinted either, so that a text breaks into the same lines at any
 * resolution.
 *
 * The context is deliberately not pango_cairo_update_context()'d with the
 * canvas' scaling: Pango 1.50 then measures advances with the vertical
 * scale and the horizontal one both taken from y (at 204 x 98 the letters
 * overlapped by half).  Laid out in plain points, the glyphs are
 * rasterised by cairo through the canvas' own matrix, with their true
 * shapes and advances.
 */
static void set_font_options(PangoContext *context)
{
    cairo_font_options_t *options = cairo_font_options_create();

    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_NONE);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_cairo_context_set_resolution(context, POINTS_PER_INCH);
    pango_context_set_round_glyph_positions(context, FALSE);
}

int winfax_text_canvas_init(struct winfax_text_canvas *canvas, uint32_t height, uint32_t y_dpi)
{
    memset(canvas, 0, sizeof(*canvas));
    canvas->height = height;
    canvas->y_dpi = y_dpi;
    canvas->surface = cairo_image_surface_create(CAIRO_FORMAT_A8, (int)WINFAX_BITMAP_WIDTH,
                                                 (int)height);
    if (cairo_surface_status(canvas->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(canvas->surface);
        canvas->surface = NULL;
        return -ENOMEM;
    }
    canvas->cairo = cairo_create(canvas->surface);
    if (cairo_status(canvas->cairo) != CAIRO_STATUS_SUCCESS) {
        winfax_text_canvas_free(canvas);
        return -ENOMEM;
    }
    cairo_scale(canvas->cairo, WINFAX_X_DPI / POINTS_PER_INCH, y_dpi / POINTS_PER_INCH);
    canvas->font_map = pango_cairo_font_map_new();
    canvas->context = pango_font_map_create_context(canvas->font_map);
    set_font_options(canvas->context);
    return 0;
}

void winfax_text_canvas_free(struct winfax_text_canvas *canvas)
{
    if (canvas->context)
        g_object_unref(canvas->context);
    if (canvas->font_map)
        g_object_unref(canvas->font_map);
    if (canvas->cairo)
        cairo_destroy(canvas->cairo);
    if (canvas->surface)
        cairo_surface_destroy(canvas->surface);
    memset(canvas, 0, sizeof(*canvas));
}

PangoLayout *winfax_text_layout(struct winfax_text_canvas *canvas, const struct winfax_font *font,
                                int width, const char *text, int length)
{
    PangoLayout *layout = pango_layout_new(canvas->context);
    PangoFontDescription *description = pango_font_description_new();

    pango_font_description_set_family(description, font->family);
    pango_font_description_set_size(description, (gint)(font->points * PANGO_SCALE));
    if (font->bold)
        pango_font_description_set_weight(description, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    pango_layout_set_width(layout, (int)(x_points(width) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text, length);
    return layout;
}

double winfax_text_y_pixels(const struct winfax_text_canvas *canvas, int pango_units)
{
    return (double)pango_units / PANGO_SCALE * canvas->y_dpi / POINTS_PER_INCH;
}

void winfax_text_draw_line(struct winfax_text_canvas *canvas, PangoLayoutIter *iter, int x,
                           double y)
{
    PangoRectangle logical;
    int baseline = pango_layout_iter_get_baseline(iter);

    pango_layout_iter_get_line_extents(iter, NULL, &logical);
    /* logical.x is where the line starts in the layout: right-to-left
     * lines are aligned to the right edge. */
    cairo_move_to(canvas->cairo, x_points(x) + (double)logical.x / PANGO_SCALE,
                  y_points(canvas, y) + (double)(baseline - logical.y) / PANGO_SCALE);
    pango_cairo_show_layout_line(canvas->cairo, pango_layout_iter_get_line_readonly(iter));
}

void winfax_text_draw_block(struct winfax_text_canvas *canvas, const struct winfax_font *font,
                            int x, int y, int width, int max_height, const char *text,
                            int *height_out)
{
    PangoLayout *layout = winfax_text_layout(canvas, font, width, text, -1);
    PangoLayoutIter *iter;
    double drawn = 0;

    /* Pango ellipsizes the last line that fits; it still keeps one line
     * of every paragraph, so lines below max_height are skipped here. */
    pango_layout_set_height(layout, (int)(y_points(canvas, max_height) * PANGO_SCALE));
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    iter = pango_layout_get_iter(layout);
    do {
        PangoRectangle logical;
        double top, bottom;

        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        top = winfax_text_y_pixels(canvas, logical.y);
        bottom = winfax_text_y_pixels(canvas, logical.y + logical.height);
        if (bottom > max_height)
            break;
        winfax_text_draw_line(canvas, iter, x, y + top);
        drawn = bottom;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    g_object_unref(layout);
    if (height_out)
        *height_out = (int)(drawn + 0.5);
}

void winfax_text_canvas_transfer(struct winfax_text_canvas *canvas, struct winfax_bitmap *page)
{
    unsigned char *data;
    int stride;
    uint32_t rows = canvas->height < page->height ? canvas->height : page->height;

    cairo_surface_flush(canvas->surface);
    data = cairo_image_surface_get_data(canvas->surface);
    stride = cairo_image_surface_get_stride(canvas->surface);
    for (uint32_t y = 0; y < rows; y++) {
        const unsigned char *from = data + (size_t)y * (size_t)stride;
        unsigned char *to = page->bits + (size_t)y * WINFAX_BITMAP_STRIDE;

        for (uint32_t x = 0; x < WINFAX_BITMAP_WIDTH; x++)
            if (from[x] & 0x80)
                to[x / 8] |= (unsigned char)(0x80u >> (x % 8));
    }
    memset(data, 0, (size_t)stride * canvas->height);
    cairo_surface_mark_dirty(canvas->surface);
}
