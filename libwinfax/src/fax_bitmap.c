/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fax_bitmap.h"

#include <errno.h>
#include <stdlib.h>

int winfax_bitmap_init(struct winfax_bitmap *bitmap, uint32_t height, uint32_t y_dpi)
{
    bitmap->height = height;
    bitmap->y_dpi = y_dpi;
    bitmap->bits = calloc(height ? height : 1, WINFAX_BITMAP_STRIDE);
    return bitmap->bits ? 0 : ENOMEM;
}

void winfax_bitmap_free(struct winfax_bitmap *bitmap)
{
    free(bitmap->bits);
    bitmap->bits = NULL;
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
