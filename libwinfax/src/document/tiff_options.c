/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "tiff_options.h"

#include <stdarg.h>

/* libtiff may allocate this much for one request at most: a fax page's
 * buffers are far smaller, a hostile file's claims are not. */
#define TIFF_MAX_SINGLE_ALLOCATION (64u * 1024u * 1024u)

/* Counts libtiff's errors on one TIFF; warnings (unknown tags, say) are
 * not reasons to refuse a fax. */
static int count_error(TIFF *tiff, void *user_data, const char *module, const char *format,
                       va_list arguments)
{
    (void)tiff;
    (void)module;
    (void)format;
    (void)arguments;
    (*(unsigned *)user_data)++;
    return 1;
}

static int ignore_warning(TIFF *tiff, void *user_data, const char *module,
                          const char *format, va_list arguments)
{
    (void)tiff;
    (void)user_data;
    (void)module;
    (void)format;
    (void)arguments;
    return 1;
}

TIFFOpenOptions *winfax_tiff_options(unsigned *errors)
{
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();

    if (!options)
        return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(options, count_error, errors);
    TIFFOpenOptionsSetWarningHandlerExtR(options, ignore_warning, NULL);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, TIFF_MAX_SINGLE_ALLOCATION);
    return options;
}
