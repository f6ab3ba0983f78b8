/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "page_bitmap.h"

#include <errno.h>
#include <stdlib.h>

int winfax_bitmap_init(struct winfax_bitmap *bitmap, uint32_t height, uint32_t y_dpi)
{
    bitmap->height = height;
    bitmap->y_dpi = y_dpi;
    bitmap->bits = calloc(height ? height : 1, WINFAX_BITMAP_STRIDE);
    return bitmap->bits ? 0 : -ENOMEM;
}

void winfax_bitmap_free(struct winfax_bitmap *bitmap)
{
    free(bitmap->bits);
    bitmap->bits = NULL;
}

void winfax_bitmap_to_standard(struct winfax_bitmap *bitmap)
{
    uint32_t lines = (bitmap->height + 1) / 2;

    for (uint32_t line = 0; line < lines; line++) {
        unsigned char *to = bitmap->bits + (size_t)line * WINFAX_BITMAP_STRIDE;
        const unsigned char *first = bitmap->bits + (size_t)(2 * line) * WINFAX_BITMAP_STRIDE;
        const unsigned char *second = 2 * line + 1 < bitmap->height
                                              ? first + WINFAX_BITMAP_STRIDE
                                              : first;

        for (size_t i = 0; i < WINFAX_BITMAP_STRIDE; i++)
            to[i] = first[i] | second[i];
    }
    bitmap->height = lines;
    bitmap->y_dpi = WINFAX_STANDARD_DPI;
}

void winfax_bitmap_fill(struct winfax_bitmap *bitmap, int x, int y, int width, int height)
{
    int right = x + width, bottom = y + height;

    if (x < 0)
        x = 0;
    if (y < 0)
        y = 0;
    if (right > (int)WINFAX_BITMAP_WIDTH)
        right = (int)WINFAX_BITMAP_WIDTH;
    if (bottom > (int)bitmap->height)
        bottom = (int)bitmap->height;
    for (int row = y; row < bottom; row++) {
        unsigned char *line = bitmap->bits + (size_t)row * WINFAX_BITMAP_STRIDE;

        for (int column = x; column < right; column++)
            line[column / 8] |= (unsigned char)(0x80u >> (column % 8));
    }
}
