/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * PNG (libpng) and JPEG (libjpeg) pictures as fax pages: decoded to grey
 * (transparency laid on white), scaled to the 1728-pixel fax line with
 * the aspect ratio kept (fine resolution, 204 x 196 dpi), dithered to
 * black and white with Floyd-Steinberg error diffusion, and cut into
 * pages of the default paper (paper_size.h: 2292 lines for A4) when
 * taller; the last page is as long as what is left of the picture.
 *
 * A picture is refused (-EILSEQ, with a message saying why) when it does
 * not decode completely (corrupt or truncated data included: half a
 * picture is not what was asked to be sent), when it has more than
 * WINFAX_IMAGE_PIXELS_MAX pixels, or when it would make more than
 * WINFAX_IMAGE_PAGES_MAX pages.
 */
#ifndef LIBWINFAX_DOCUMENT_IMAGE_H
#define LIBWINFAX_DOCUMENT_IMAGE_H

#include <stddef.h>

#include "tiff_writer.h"

#define WINFAX_IMAGE_PIXELS_MAX  (64u * 1024u * 1024u)
#define WINFAX_IMAGE_PAGES_MAX   100u

/* 0, -EILSEQ (message set), -ENOMEM, or the writer's error. */
int winfax_png_to_fax(const unsigned char *data, size_t length,
                      struct winfax_fax_writer *writer);
int winfax_jpeg_to_fax(const unsigned char *data, size_t length,
                       struct winfax_fax_writer *writer);

#endif
