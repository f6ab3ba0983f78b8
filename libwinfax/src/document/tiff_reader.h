/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fax documents (TIFF class F) as the library checks and reads them, with
 * libtiff, always through an fd that is read with pread() only: the file
 * offset, which the kernel shares with the DSP engine, is never moved.
 *
 * What FaxSendDocument accepts (every page):
 *  - ImageWidth 1728 (the T.4 A4 line, what every fax machine takes);
 *  - bilevel: BitsPerSample 1, SamplesPerPixel 1, PhotometricInterpretation
 *    WhiteIsZero or BlackIsZero;
 *  - Compression T.4 (3) one-dimensional (MH) or two-dimensional (MR,
 *    T4Options bit 0), without uncompressed mode (T4Options bit 1), or
 *    T.6 (4, MMR);
 *  - XResolution 204 dpi (8 pels/mm; 200..208 dpi or the same in pels/cm
 *    is taken) and YResolution standard (98 dpi, 3.85 lines/mm: 95..100)
 *    or fine (196 dpi, 7.7 lines/mm: 190..200); a missing resolution is
 *    refused, because a receiver needs it;
 *  - ImageLength 1..WINFAX_PAGE_LINES_MAX, and data that decodes without
 *    a libtiff error (the whole document is decoded once).
 * At most WINFAX_DOCUMENT_PAGES_MAX pages.
 */
#ifndef LIBWINFAX_TIFF_READER_H
#define LIBWINFAX_TIFF_READER_H

#include <stddef.h>
#include <stdint.h>

#include "page_limits.h"

#define WINFAX_FAX_PAGE_WIDTH      1728u

struct winfax_fax_writer;
struct tiff;

/*
 * Any TIFF in fd, opened for reading as the fax documents are (pread only,
 * private handlers counting libtiff's errors into source->errors), for
 * tiff_picture.c.  source must live until TIFFClose(*tiff_out).  0, -EILSEQ
 * (libtiff cannot open it), -EIO.
 */
struct winfax_tiff_source {
    int fd;
    uint64_t position, size;
    unsigned errors;
};
int winfax_tiff_open_source(int fd, struct winfax_tiff_source *source, struct tiff **tiff_out);

/*
 * Checks that fd holds a fax TIFF as described above.  0 when it does
 * (and *pages_out, when not NULL, is its page count); -EILSEQ when it does
 * not (not a TIFF, a page the engine cannot send, undecodable data);
 * -ENOMEM; -EIO for a read error.
 */
int winfax_document_check(int fd, unsigned *pages_out);

/*
 * Appends every page of the fax TIFF in fd to writer (tiff_writer.h),
 * each with its own resolution, as WhiteIsZero MMR.  0, -EILSEQ (not a fax
 * TIFF), or the writer's error.
 */
int winfax_document_copy_pages(int fd, struct winfax_fax_writer *writer);

/* The vertical resolution of the first page of the fax TIFF in fd, in
 * dpi.  0, -EILSEQ, -ENOMEM, -EIO. */
int winfax_document_first_page_dpi(int fd, float *y_dpi);

/*
 * The first page of the document in fd, re-encoded as a single-page TIFF
 * with T.6 (MMR) compression, in one malloc() block (FaxFreeBuffer frees
 * it).  0, -EILSEQ (not a fax TIFF), -ENOMEM, -EIO.
 */
int winfax_document_first_page_mmr(int fd, unsigned char **tiff_out, size_t *size_out,
                                   uint32_t *width_out, uint32_t *height_out);

#endif
