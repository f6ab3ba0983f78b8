/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The largest fax document the library reads (tiff_reader.h) or writes
 * (tiff_writer.h): one header for both, so that neither side includes the
 * other for its limits.
 */
#ifndef LIBWINFAX_PAGE_LIMITS_H
#define LIBWINFAX_PAGE_LIMITS_H

/* A4 fine is 2287 lines; the longest page T.4 allows (unlimited length)
 * is still far below this, and the bound keeps a hostile file from making
 * the decoder run for ever. */
#define WINFAX_PAGE_LINES_MAX      65535u
#define WINFAX_DOCUMENT_PAGES_MAX  10000u

#endif
