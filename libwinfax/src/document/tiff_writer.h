/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Writes a fax document: a multi-page TIFF, T.6 (MMR) compressed, 1728
 * pixels wide, 204 dpi across, into an anonymous memory file (memfd) that
 * the caller then submits like any fax TIFF.  The file never has a name,
 * so nothing is left behind in /tmp when the program dies.
 *
 * Pages go in whole (a bitmap) or line by line (a copy of another fax
 * TIFF's page).  Every function returns 0 or a negative errno: -ENOMEM,
 * -EMFILE or -ENFILE (no fd for the memory file), -EIO (the encoder
 * failed), -E2BIG (more than WINFAX_DOCUMENT_PAGES_MAX pages), -EINVAL
 * (lines that do not add up to the page announced).
 */
#ifndef LIBWINFAX_TIFF_WRITER_H
#define LIBWINFAX_TIFF_WRITER_H

#include <stdint.h>

#include "page_bitmap.h"
#include "page_limits.h"

struct winfax_fax_writer;

int winfax_fax_writer_create(struct winfax_fax_writer **writer_out);
int winfax_fax_writer_add_bitmap(struct winfax_fax_writer *writer,
                                 const struct winfax_bitmap *bitmap);
int winfax_fax_writer_begin_page(struct winfax_fax_writer *writer, uint32_t height,
                                 float y_dpi);
/* One line of WINFAX_BITMAP_STRIDE bytes, 1 = black. */
int winfax_fax_writer_add_line(struct winfax_fax_writer *writer, const unsigned char *line);
int winfax_fax_writer_end_page(struct winfax_fax_writer *writer);
unsigned winfax_fax_writer_pages(const struct winfax_fax_writer *writer);
/* Ends the document and frees the writer: *fd_out is the memory file
 * (O_RDWR, close-on-exec), the caller's to close.  On an error nothing is
 * left open.  A document without a page is -EINVAL. */
int winfax_fax_writer_finish(struct winfax_fax_writer *writer, int *fd_out);
/* Frees the writer and its file (after an error). */
void winfax_fax_writer_discard(struct winfax_fax_writer *writer);

#endif
