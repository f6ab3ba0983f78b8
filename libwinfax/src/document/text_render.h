/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Text on fax pages: Pango lays it out (every script the installed fonts
 * cover, right-to-left paragraphs, line breaking, font fallback through
 * fontconfig: DejaVu for Latin, Greek, Cyrillic, Hebrew and Arabic, Noto
 * CJK for Chinese, Japanese and Korean), cairo draws it on a canvas over
 * one page, and the canvas is then made black and white into the page
 * bitmap (page_bitmap.h).
 *
 * Coordinates are fax pixels (204 dpi across, the canvas' y_dpi down),
 * font sizes points.  Pixels are not square (204 x 196, or 204 x 98), so
 * the canvas' user space is points scaled 204/72 across and y_dpi/72 down:
 * glyphs keep their shape on paper.
 *
 * Everything a canvas needs is its own (a new font map, not Pango's
 * per-thread default), so canvases work in any thread and leave nothing
 * behind; fontconfig's configuration and caches are process-wide and
 * stay.  Pango and cairo take only UTF-8 that was checked first.  GLib
 * aborts when out of memory; only the canvas' own allocation is -ENOMEM.
 */
#ifndef LIBWINFAX_TEXT_RENDER_H
#define LIBWINFAX_TEXT_RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include <pango/pangocairo.h>

#include "page_bitmap.h"

struct winfax_font {
    const char *family;   /* a fontconfig family or alias: "Sans", "Monospace" */
    double points;
    bool bold;
};

struct winfax_text_canvas {
    PangoFontMap *font_map;
    PangoContext *context;
    cairo_surface_t *surface;   /* one byte a fax pixel: ink 255, paper 0 */
    cairo_t *cairo;             /* in points, from the page's top left corner */
    uint32_t height;            /* lines */
    uint32_t y_dpi;
};

/* A blank canvas over a page of `height` lines at y_dpi.  0 or -ENOMEM. */
int winfax_text_canvas_init(struct winfax_text_canvas *canvas, uint32_t height, uint32_t y_dpi);
void winfax_text_canvas_free(struct winfax_text_canvas *canvas);

/*
 * A layout of text (UTF-8, `length` bytes) in font, its lines broken at
 * `width` pixels (between words, or inside a word longer than a line).
 * The caller unrefs it (g_object_unref).
 */
PangoLayout *winfax_text_layout(struct winfax_text_canvas *canvas, const struct winfax_font *font,
                                int width, const char *text, int length);

/* A vertical length in Pango units of the layout, in pixels of the canvas. */
double winfax_text_y_pixels(const struct winfax_text_canvas *canvas, int pango_units);

/* Draws the line that `iter` (of a layout made above) is on, the layout's
 * left edge at x and the line's top at y (pixels). */
void winfax_text_draw_line(struct winfax_text_canvas *canvas, PangoLayoutIter *iter, int x,
                           double y);

/*
 * Draws text (UTF-8, NUL-terminated) with its top left corner at (x, y),
 * `width` pixels wide and at most max_height pixels high: lines that do
 * not fit are left out, and the last one shown ends in an ellipsis.
 * *height_out (may be NULL) is the height drawn, in pixels.
 */
void winfax_text_draw_block(struct winfax_text_canvas *canvas, const struct winfax_font *font,
                            int x, int y, int width, int max_height, const char *text,
                            int *height_out);

/* ORs the canvas' ink into page (as high as the canvas) and blanks the
 * canvas for another page. */
void winfax_text_canvas_transfer(struct winfax_text_canvas *canvas, struct winfax_bitmap *page);

#endif
