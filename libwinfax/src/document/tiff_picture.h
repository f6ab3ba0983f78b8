/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A TIFF that is not a fax TIFF (tiff_reader.h) as fax pages: what
 * scanners and most software write.  Every page (directory) of the file
 * that libtiff's RGBA interface reads (TIFFRGBAImageOK: grey of 1 to 16
 * bits, palette, RGB, YCbCr, CMYK, CIE Lab, with or without alpha, strips
 * or tiles, any compression this libtiff decodes) is decoded to grey and
 * made fax pages like a PNG picture (document_image.h: scaled to the fax
 * width, thresholded or dithered by its histogram, cut at the paper's
 * length), in order.  A pixel that is not square (XResolution and
 * YResolution differ, as in a 204 x 98 dpi fax page) keeps its shape.
 * Orientation: pictures stored bottom-up are turned right side up; the
 * rotated orientations (5..8) are read as stored.
 *
 * Bounds, against hostile or absurd files: each page at most
 * WINFAX_IMAGE_PIXELS_MAX pixels (64 Mi) and at most
 * WINFAX_TIFF_BAND_PIXELS (4 Mi) pixels wide; the whole file at most
 * WINFAX_TIFF_PIXELS_TOTAL_MAX pixels (256 Mi); libtiff allocates at most
 * 64 MiB at once (tiff_options.c), so a single strip or tile that
 * decodes to more is refused.  Memory: a page's grey pixels (width x
 * height bytes) and a band of at most 16 MiB.
 */
#ifndef LIBWINFAX_TIFF_PICTURE_H
#define LIBWINFAX_TIFF_PICTURE_H

#include "tiff_writer.h"

#define WINFAX_TIFF_BAND_PIXELS       (4u * 1024u * 1024u)
#define WINFAX_TIFF_PIXELS_TOTAL_MAX  (256ull * 1024u * 1024u)

/* 0; -EILSEQ (not a TIFF libtiff reads, a page it cannot decode, damaged
 * data, a bound above; the thread's message says which); -ENOMEM; -EIO;
 * the writer's error. */
int winfax_tiff_picture_to_fax(int fd, struct winfax_fax_writer *writer);

#endif
