/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A fax page in memory: 1728 pixels a line (the T.4 A4 line at 8 pels/mm),
 * one bit a pixel, most significant bit first, 1 = black (TIFF
 * WhiteIsZero, as fax coders want it).  The converters draw into it; the
 * fax TIFF writer encodes it.
 */
#ifndef LIBWINFAX_PAGE_BITMAP_H
#define LIBWINFAX_PAGE_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WINFAX_BITMAP_WIDTH   1728u
#define WINFAX_BITMAP_STRIDE  (WINFAX_BITMAP_WIDTH / 8u)
/* Fine resolution (7.7 lines/mm): the pages libwinfax makes, but for a
 * cover page in front of a standard (3.85 lines/mm) document. */
#define WINFAX_FINE_DPI       196u
#define WINFAX_STANDARD_DPI   98u
#define WINFAX_X_DPI          204u

struct winfax_bitmap {
    uint32_t height;
    uint32_t y_dpi;
    unsigned char *bits;   /* height * WINFAX_BITMAP_STRIDE bytes */
};

/* A white page; 0 or -ENOMEM. */
int winfax_bitmap_init(struct winfax_bitmap *bitmap, uint32_t height, uint32_t y_dpi);
void winfax_bitmap_free(struct winfax_bitmap *bitmap);

/* A fine page made standard (98 dpi), in place: each pair of lines
 * becomes one, black where either was, so that thin strokes stay. */
void winfax_bitmap_to_standard(struct winfax_bitmap *bitmap);

/* Blackens the rectangle, clipped to the page. */
void winfax_bitmap_fill(struct winfax_bitmap *bitmap, int x, int y, int width, int height);

static inline bool winfax_bitmap_pixel(const struct winfax_bitmap *bitmap, uint32_t x, uint32_t y)
{
    return bitmap->bits[(size_t)y * WINFAX_BITMAP_STRIDE + x / 8] & (0x80u >> (x % 8));
}

#endif
