/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "tiff_picture.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

#include <tiffio.h>

#include "document_image.h"
#include "document_message.h"
#include "tiff_reader.h"

/* ITU-R BT.601 luma, in thousandths, of a pixel premultiplied by its alpha
 * (TIFFRGBAImage premultiplies), laid on white paper. */
static unsigned char grey_of(uint32_t pixel)
{
    unsigned luma = (TIFFGetR(pixel) * 299u + TIFFGetG(pixel) * 587u + TIFFGetB(pixel) * 114u +
                     500u) / 1000u;
    unsigned on_white = luma + 255u - TIFFGetA(pixel);

    return (unsigned char)(on_white > 255u ? 255u : on_white);
}

/* A pixel's height over its width, from the resolutions when both are
 * given (in the same unit: one ResolutionUnit serves both). */
static double pixel_aspect_of(TIFF *tiff)
{
    float x_resolution = 0, y_resolution = 0;

    if (TIFFGetField(tiff, TIFFTAG_XRESOLUTION, &x_resolution) &&
        TIFFGetField(tiff, TIFFTAG_YRESOLUTION, &y_resolution) && x_resolution > 0.0f &&
        y_resolution > 0.0f) {
        double aspect = (double)x_resolution / (double)y_resolution;

        /* A ratio beyond any scanner's or fax's is a broken tag, not a
         * reason to stretch a picture into 100 pages. */
        if (aspect >= 0.25 && aspect <= 4.0)
            return aspect;
    }
    return 1.0;
}

/* The page TIFFRGBAImageBegin() opened, band by band, into picture->pixels. */
static int read_grey(TIFF *tiff, TIFFRGBAImage *image, const struct winfax_tiff_source *source,
                     unsigned page_number, struct winfax_grey_picture *picture)
{
    uint32_t width = image->width, height = image->height;
    uint32_t band_rows = WINFAX_TIFF_BAND_PIXELS / width;
    /* Rows come in the order they are stored (no flip by libtiff, which
     * would flip each band on its own); bottom-up pictures are turned
     * here. */
    bool bottom_up = image->orientation == ORIENTATION_BOTLEFT ||
                     image->orientation == ORIENTATION_BOTRIGHT;
    uint32_t *band;

    (void)tiff;
    image->req_orientation = image->orientation;
    picture->width = width;
    picture->height = height;
    picture->pixels = malloc((size_t)width * height);
    band = malloc((size_t)band_rows * width * sizeof(uint32_t));
    if (!picture->pixels || !band) {
        free(band);
        return -ENOMEM;
    }
    for (uint32_t row = 0; row < height; row += band_rows) {
        uint32_t rows = height - row < band_rows ? height - row : band_rows;

        image->row_offset = (int)row;
        image->col_offset = 0;
        if (!TIFFRGBAImageGet(image, band, width, rows) || source->errors) {
            winfax_message_set("page %u of the TIFF file is damaged or cut short: libtiff "
                               "cannot decode it",
                               page_number);
            free(band);
            return -EILSEQ;
        }
        for (uint32_t y = 0; y < rows; y++) {
            uint32_t stored = row + y;
            unsigned char *out = picture->pixels +
                                 (size_t)(bottom_up ? height - 1 - stored : stored) * width;
            const uint32_t *in = band + (size_t)y * width;

            for (uint32_t x = 0; x < width; x++)
                out[x] = grey_of(in[x]);
        }
    }
    free(band);
    return 0;
}

/* The current directory as fax pages; *total counts the file's pixels. */
static int convert_page(TIFF *tiff, const struct winfax_tiff_source *source,
                        unsigned page_number, uint64_t *total, struct winfax_fax_writer *writer)
{
    struct winfax_grey_picture picture = { 0, 0, pixel_aspect_of(tiff), NULL };
    char reason[1024] = "";
    uint32_t width = 0, height = 0;
    TIFFRGBAImage image;
    int error;

    TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &height);
    /* Refused from the directory, before anything is allocated or
     * decoded. */
    error = winfax_picture_check_dimensions("TIFF", width, height);
    if (error)
        return error;
    if (width > WINFAX_TIFF_BAND_PIXELS) {
        winfax_message_set("page %u of the TIFF file is %u pixels wide: libwinfax takes up to "
                           "%u",
                           page_number, width, WINFAX_TIFF_BAND_PIXELS);
        return -EILSEQ;
    }
    *total += (uint64_t)width * height;
    if (*total > WINFAX_TIFF_PIXELS_TOTAL_MAX) {
        winfax_message_set("the TIFF file's pages have more than %llu pixels together, the "
                           "most libwinfax converts",
                           (unsigned long long)WINFAX_TIFF_PIXELS_TOTAL_MAX);
        return -EILSEQ;
    }
    if (!TIFFRGBAImageOK(tiff, reason) || !TIFFRGBAImageBegin(&image, tiff, 1, reason)) {
        winfax_message_set("page %u of the TIFF file is a kind of picture libtiff cannot "
                           "read: %s",
                           page_number, reason);
        return -EILSEQ;
    }
    error = read_grey(tiff, &image, source, page_number, &picture);
    TIFFRGBAImageEnd(&image);
    if (!error)
        error = winfax_grey_to_fax(&picture, writer);
    free(picture.pixels);
    return error;
}

int winfax_tiff_picture_to_fax(int fd, struct winfax_fax_writer *writer)
{
    struct winfax_tiff_source source;
    uint64_t total = 0;
    unsigned page_number = 0;
    TIFF *tiff;
    int error = winfax_tiff_open_source(fd, &source, &tiff);

    if (error) {
        if (error == -EILSEQ)
            winfax_message_set("the TIFF file cannot be read: it is damaged or cut short");
        return error;
    }
    do
        error = convert_page(tiff, &source, ++page_number, &total, writer);
    while (!error && TIFFReadDirectory(tiff));
    /* TIFFReadDirectory() ends the loop both at the last page and on a
     * broken next directory; the latter is an error libtiff reported. */
    if (!error && source.errors) {
        winfax_message_set("the TIFF file is damaged after page %u", page_number);
        error = -EILSEQ;
    }
    TIFFClose(tiff);
    return error;
}
