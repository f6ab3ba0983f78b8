/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtiff options every TIFF the library opens or writes gets
 * (tiff_reader.c, tiff_writer.c): private error and warning handlers, so
 * that the application's global libtiff handlers are neither called nor
 * changed, and an allocation cap.
 */
#ifndef LIBWINFAX_TIFF_OPTIONS_H
#define LIBWINFAX_TIFF_OPTIONS_H

#include <tiffio.h>

/* Options whose error handler counts errors into *errors; NULL when out
 * of memory.  Free with TIFFOpenOptionsFree() after the open. */
TIFFOpenOptions *winfax_tiff_options(unsigned *errors);

#endif
