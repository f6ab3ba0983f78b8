/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "tiff_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "page_limits.h"
#include "tiff_options.h"

struct winfax_fax_writer {
    int fd;                /* the memory file; libtiff writes through a dup */
    TIFF *tiff;
    unsigned errors;       /* libtiff's error count */
    unsigned pages;        /* pages begun */
    uint32_t page_height;
    uint32_t next_line;
    bool in_page;
};

int winfax_fax_writer_create(struct winfax_fax_writer **writer_out)
{
    struct winfax_fax_writer *writer = calloc(1, sizeof(*writer));
    TIFFOpenOptions *options;
    int tiff_fd;

    *writer_out = NULL;
    if (!writer)
        return -ENOMEM;
    writer->fd = memfd_create("winfax-document", MFD_CLOEXEC);
    if (writer->fd < 0) {
        int error = errno == EMFILE || errno == ENFILE ? -errno : -ENOMEM;

        free(writer);
        return error;
    }
    options = winfax_tiff_options(&writer->errors);
    tiff_fd = fcntl(writer->fd, F_DUPFD_CLOEXEC, 0);
    if (options && tiff_fd >= 0)
        writer->tiff = TIFFFdOpenExt(tiff_fd, "fax document", "w", options);
    if (options)
        TIFFOpenOptionsFree(options);
    if (!writer->tiff) {
        if (tiff_fd >= 0)
            close(tiff_fd);
        close(writer->fd);
        free(writer);
        return -ENOMEM;
    }
    *writer_out = writer;
    return 0;
}

int winfax_fax_writer_begin_page(struct winfax_fax_writer *writer, uint32_t height, float y_dpi)
{
    TIFF *tiff = writer->tiff;

    if (writer->in_page || height == 0 || height > WINFAX_PAGE_LINES_MAX)
        return -EINVAL;
    if (writer->pages >= WINFAX_DOCUMENT_PAGES_MAX)
        return -E2BIG;
    if (!TIFFSetField(tiff, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE) ||
        !TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, WINFAX_BITMAP_WIDTH) ||
        !TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, height) ||
        !TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, 1) ||
        !TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, 1) ||
        !TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4) ||
        !TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE) ||
        !TIFFSetField(tiff, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB) ||
        !TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) ||
        !TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, height) ||
        !TIFFSetField(tiff, TIFFTAG_XRESOLUTION, (float)WINFAX_X_DPI) ||
        !TIFFSetField(tiff, TIFFTAG_YRESOLUTION, y_dpi) ||
        !TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH) ||
        !TIFFSetField(tiff, TIFFTAG_PAGENUMBER, (uint16_t)writer->pages, (uint16_t)0))
        return -EIO;
    writer->pages++;
    writer->page_height = height;
    writer->next_line = 0;
    writer->in_page = true;
    return 0;
}

int winfax_fax_writer_add_line(struct winfax_fax_writer *writer, const unsigned char *line)
{
    if (!writer->in_page || writer->next_line >= writer->page_height)
        return -EINVAL;
    /* libtiff's scanline API takes a non-const buffer but only reads it. */
    if (TIFFWriteScanline(writer->tiff, (void *)line, writer->next_line, 0) < 0 ||
        writer->errors)
        return -EIO;
    writer->next_line++;
    return 0;
}

int winfax_fax_writer_end_page(struct winfax_fax_writer *writer)
{
    if (!writer->in_page || writer->next_line != writer->page_height)
        return -EINVAL;
    writer->in_page = false;
    return TIFFWriteDirectory(writer->tiff) && !writer->errors ? 0 : -EIO;
}

int winfax_fax_writer_add_bitmap(struct winfax_fax_writer *writer,
                                 const struct winfax_bitmap *bitmap)
{
    int error = winfax_fax_writer_begin_page(writer, bitmap->height, (float)bitmap->y_dpi);

    for (uint32_t row = 0; !error && row < bitmap->height; row++)
        error = winfax_fax_writer_add_line(writer,
                                           bitmap->bits + (size_t)row * WINFAX_BITMAP_STRIDE);
    return error ? error : winfax_fax_writer_end_page(writer);
}

unsigned winfax_fax_writer_pages(const struct winfax_fax_writer *writer)
{
    return writer->pages;
}

int winfax_fax_writer_finish(struct winfax_fax_writer *writer, int *fd_out)
{
    bool complete = writer->pages > 0 && !writer->in_page;
    int error;

    *fd_out = -1;
    TIFFClose(writer->tiff);   /* flushes; closes only libtiff's dup */
    writer->tiff = NULL;
    error = !complete ? -EINVAL : writer->errors ? -EIO : 0;
    if (error) {
        close(writer->fd);
    } else {
        *fd_out = writer->fd;
    }
    free(writer);
    return error;
}

void winfax_fax_writer_discard(struct winfax_fax_writer *writer)
{
    if (!writer)
        return;
    if (writer->tiff)
        TIFFClose(writer->tiff);
    close(writer->fd);
    free(writer);
}
