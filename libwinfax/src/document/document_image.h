/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * PNG (libpng) and JPEG (libjpeg) pictures as fax pages, and the pictures
 * of other TIFF files (tiff_picture.h): decoded to grey (transparency
 * laid on white), scaled to the 1728-pixel fax line with the aspect ratio
 * kept (fine resolution, 204 x 196 dpi), made black and white, and cut
 * into pages of the default paper (paper_size.h: 2292 lines for A4) when
 * taller; the last page is as long as what is left of the picture.  A
 * picture up to 1/WINFAX_IMAGE_FIT_SLACK (12.5 %) longer than the paper
 * is drawn a little narrower instead, centred, so that it fits one page
 * (a scanned A4 page is 210 mm wide, the fax line 215 mm).
 *
 * Black and white, decided for each picture by its histogram:
 *  - a picture whose pixels are nearly all dark or light, at most
 *    1/WINFAX_MIDDLE_TONE_SHARE (1/8) of them in the middle tones
 *    WINFAX_MIDDLE_TONE_LOW..HIGH (64..191 of 0..255), is text or line
 *    art (a scanner's page, a 1-bit picture in a grey file, anti-aliased
 *    edges): a plain threshold at 128 keeps it sharp, where dithering
 *    would scatter noise dots along every stroke and over grey paper;
 *  - any other picture (a photo, a gradient) is dithered with
 *    Floyd-Steinberg error diffusion, so that the density of black dots
 *    follows its tones: a threshold would make every tone black or white
 *    and leave a photo unrecognisable.
 *
 * A picture is refused (-EILSEQ, with a message saying why) when it does
 * not decode completely (corrupt or truncated data included: half a
 * picture is not what was asked to be sent), when it has more than
 * WINFAX_IMAGE_PIXELS_MAX pixels, or when it would make more than
 * WINFAX_IMAGE_PAGES_MAX pages.
 */
#ifndef LIBWINFAX_DOCUMENT_IMAGE_H
#define LIBWINFAX_DOCUMENT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tiff_writer.h"

#define WINFAX_IMAGE_PIXELS_MAX  (64u * 1024u * 1024u)
#define WINFAX_IMAGE_PAGES_MAX   100u
#define WINFAX_IMAGE_FIT_SLACK   8u
#define WINFAX_MIDDLE_TONE_LOW   64u
#define WINFAX_MIDDLE_TONE_HIGH  191u
#define WINFAX_MIDDLE_TONE_SHARE 8u

/* A decoded picture: one byte a pixel, 0 black .. 255 white. */
struct winfax_grey_picture {
    uint32_t width, height;
    double pixel_aspect;      /* a pixel's height / its width (1: square) */
    unsigned char *pixels;    /* width * height bytes, row after row */
};

/* 0, or -EILSEQ with a message naming the format when the picture has no
 * pixel or more than WINFAX_IMAGE_PIXELS_MAX. */
int winfax_picture_check_dimensions(const char *format, uint64_t width, uint64_t height);

/* Whether the picture is thresholded rather than dithered (above). */
bool winfax_grey_picture_is_bilevel(const struct winfax_grey_picture *image);

/* The picture as fax pages (above): 0, -EILSEQ (too many pages, message
 * set), -ENOMEM, or the writer's error. */
int winfax_grey_to_fax(const struct winfax_grey_picture *image, struct winfax_fax_writer *writer);

/* 0, -EILSEQ (message set), -ENOMEM, or the writer's error. */
int winfax_png_to_fax(const unsigned char *data, size_t length,
                      struct winfax_fax_writer *writer);
int winfax_jpeg_to_fax(const unsigned char *data, size_t length,
                       struct winfax_fax_writer *writer);

#endif
