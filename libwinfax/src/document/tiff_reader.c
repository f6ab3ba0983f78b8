/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtiff, used as a thread-safe library should: every TIFF is opened with
 * its own error and warning handlers (TIFFOpenOptions), so that the
 * application's global libtiff handlers are neither called nor changed,
 * and through client procedures: reads are pread() on an fd, writes go to
 * a growable memory block.
 */
#include "tiff_reader.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiff_options.h"
#include "tiff_writer.h"

#define MEMORY_TIFF_MAX_BYTES      ((toff_t)256 * 1024 * 1024)

/* ---- reading through an fd ------------------------------------------------ */

/* struct winfax_tiff_source (tiff_reader.h) without its error count. */
#define fd_stream winfax_tiff_source

static tmsize_t fd_stream_read(thandle_t handle, void *buffer, tmsize_t size)
{
    struct fd_stream *stream = handle;
    tmsize_t done = 0;

    while (done < size) {
        ssize_t got = pread(stream->fd, (char *)buffer + done, (size_t)(size - done),
                            (off_t)stream->position);

        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (got == 0)
            break;
        done += got;
        stream->position += (toff_t)got;
    }
    return done;
}

static tmsize_t refuse_write(thandle_t handle, void *buffer, tmsize_t size)
{
    (void)handle;
    (void)buffer;
    (void)size;
    return -1;
}

static toff_t fd_stream_seek(thandle_t handle, toff_t offset, int whence)
{
    struct fd_stream *stream = handle;
    toff_t base = whence == SEEK_CUR ? stream->position : whence == SEEK_END ? stream->size : 0;

    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
        return (toff_t)-1;
    stream->position = base + offset;
    return stream->position;
}

static int nothing_to_close(thandle_t handle)
{
    (void)handle;
    return 0;
}

static toff_t fd_stream_size(thandle_t handle)
{
    return ((struct fd_stream *)handle)->size;
}

static int no_map(thandle_t handle, void **base, toff_t *size)
{
    (void)handle;
    (void)base;
    (void)size;
    return 0;
}

static void no_unmap(thandle_t handle, void *base, toff_t size)
{
    (void)handle;
    (void)base;
    (void)size;
}

/* ---- writing into memory -------------------------------------------------- */

struct memory_stream {
    unsigned char *data;
    toff_t size;       /* bytes written (the file's length) */
    toff_t capacity;
    toff_t position;
};

static bool memory_reserve(struct memory_stream *stream, toff_t end)
{
    toff_t capacity = stream->capacity ? stream->capacity : 64 * 1024;
    unsigned char *grown;

    if (end <= stream->capacity)
        return true;
    if (end > MEMORY_TIFF_MAX_BYTES)
        return false;
    while (capacity < end)
        capacity *= 2;
    grown = realloc(stream->data, (size_t)capacity);
    if (!grown)
        return false;
    /* Bytes between the old size and a seek target read as zero. */
    memset(grown + stream->capacity, 0, (size_t)(capacity - stream->capacity));
    stream->data = grown;
    stream->capacity = capacity;
    return true;
}

static tmsize_t memory_read(thandle_t handle, void *buffer, tmsize_t size)
{
    struct memory_stream *stream = handle;
    toff_t available = stream->position < stream->size ? stream->size - stream->position : 0;
    toff_t count = (toff_t)size < available ? (toff_t)size : available;

    if (count == 0)
        return 0;   /* nothing written yet: data may still be NULL */
    memcpy(buffer, stream->data + stream->position, (size_t)count);
    stream->position += count;
    return (tmsize_t)count;
}

static tmsize_t memory_write(thandle_t handle, void *buffer, tmsize_t size)
{
    struct memory_stream *stream = handle;

    if (size < 0 || !memory_reserve(stream, stream->position + (toff_t)size))
        return -1;
    memcpy(stream->data + stream->position, buffer, (size_t)size);
    stream->position += (toff_t)size;
    if (stream->position > stream->size)
        stream->size = stream->position;
    return size;
}

static toff_t memory_seek(thandle_t handle, toff_t offset, int whence)
{
    struct memory_stream *stream = handle;
    toff_t base = whence == SEEK_CUR ? stream->position : whence == SEEK_END ? stream->size : 0;

    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
        return (toff_t)-1;
    if (base + offset > MEMORY_TIFF_MAX_BYTES)
        return (toff_t)-1;
    stream->position = base + offset;
    return stream->position;
}

static toff_t memory_size(thandle_t handle)
{
    return ((struct memory_stream *)handle)->size;
}

/* ---- opening with private handlers ---------------------------------------- */

static TIFF *open_tiff(const char *mode, thandle_t stream, bool in_memory, unsigned *errors)
{
    TIFFOpenOptions *options = winfax_tiff_options(errors);
    TIFF *tiff;

    if (!options)
        return NULL;
    if (in_memory)
        tiff = TIFFClientOpenExt("fax page", mode, stream, memory_read, memory_write,
                                 memory_seek, nothing_to_close, memory_size, no_map,
                                 no_unmap, options);
    else
        tiff = TIFFClientOpenExt("fax document", mode, stream, fd_stream_read,
                                 refuse_write, fd_stream_seek, nothing_to_close,
                                 fd_stream_size, no_map, no_unmap, options);
    TIFFOpenOptionsFree(options);
    return tiff;
}

/* 0, or a negative errno for a file that cannot be looked at at all.  The size
 * comes from fstat(), not lseek(): the offset is shared (see the top). */
static int open_document(int fd, struct fd_stream *stream, TIFF **tiff_out, unsigned *errors)
{
    struct stat status;

    if (fstat(fd, &status) != 0)
        return -EIO;
    stream->fd = fd;
    stream->position = 0;
    stream->size = (toff_t)status.st_size;
    *errors = 0;
    *tiff_out = open_tiff("rm", stream, false, errors);
    return *tiff_out ? 0 : -EILSEQ;
}

/* ---- what a fax page is --------------------------------------------------- */

/* Within [low, high] dpi, given in inches or centimetres (1 in = 2.54 cm). */
static bool resolution_within(float value, uint16_t unit, float low_dpi, float high_dpi)
{
    float dpi = unit == RESUNIT_CENTIMETER ? value * 2.54f : value;

    if (unit != RESUNIT_INCH && unit != RESUNIT_CENTIMETER)
        return false;
    return dpi >= low_dpi && dpi <= high_dpi;
}

struct page_format {
    uint32_t width, length;
    uint16_t compression, photometric, resolution_unit;
    float x_resolution, y_resolution;
};

/* The page the directory describes, if it is one the engine can send. */
static bool read_fax_page_format(TIFF *tiff, struct page_format *page)
{
    uint16_t bits_per_sample = 1, samples_per_pixel = 1;
    uint32_t t4_options = 0;

    memset(page, 0, sizeof(*page));
    if (!TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &page->width) ||
        !TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &page->length) ||
        !TIFFGetField(tiff, TIFFTAG_PHOTOMETRIC, &page->photometric) ||
        !TIFFGetField(tiff, TIFFTAG_XRESOLUTION, &page->x_resolution) ||
        !TIFFGetField(tiff, TIFFTAG_YRESOLUTION, &page->y_resolution))
        return false;
    TIFFGetFieldDefaulted(tiff, TIFFTAG_COMPRESSION, &page->compression);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &bits_per_sample);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLESPERPIXEL, &samples_per_pixel);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_RESOLUTIONUNIT, &page->resolution_unit);

    if (page->width != WINFAX_FAX_PAGE_WIDTH || page->length == 0 ||
        page->length > WINFAX_PAGE_LINES_MAX || bits_per_sample != 1 || samples_per_pixel != 1)
        return false;
    if (page->photometric != PHOTOMETRIC_MINISWHITE &&
        page->photometric != PHOTOMETRIC_MINISBLACK)
        return false;
    if (page->compression == COMPRESSION_CCITTFAX3) {
        TIFFGetFieldDefaulted(tiff, TIFFTAG_GROUP3OPTIONS, &t4_options);
        if (t4_options & GROUP3OPT_UNCOMPRESSED)
            return false;
    } else if (page->compression != COMPRESSION_CCITTFAX4) {
        return false;
    }
    if (!resolution_within(page->x_resolution, page->resolution_unit, 200.0f, 208.0f))
        return false;
    return resolution_within(page->y_resolution, page->resolution_unit, 95.0f, 100.0f) ||
           resolution_within(page->y_resolution, page->resolution_unit, 190.0f, 200.0f);
}

/* What is done with each page of a document: 0 to go on, VISIT_STOP to stop
 * there without an error, or a negative errno. */
#define VISIT_STOP 1
typedef int (*page_visitor)(TIFF *tiff, const struct page_format *page, unsigned char *line,
                            const unsigned *errors, void *context);

/*
 * Calls visit for every page of the fax TIFF in fd, each first checked to
 * be a page the engine can send.  0 (and *pages_out, when not NULL, the
 * page count); -EILSEQ (not a fax TIFF, more than WINFAX_DOCUMENT_PAGES_MAX
 * pages, or an error libtiff reported); the visitor's error or VISIT_STOP;
 * -ENOMEM; -EIO.
 */
static int for_each_page(int fd, page_visitor visit, void *context, unsigned *pages_out)
{
    struct fd_stream stream;
    struct page_format page;
    unsigned errors;
    unsigned pages = 0;
    unsigned char *line;
    TIFF *tiff;
    int error = open_document(fd, &stream, &tiff, &errors);

    if (error)
        return error;
    line = malloc(WINFAX_FAX_PAGE_WIDTH / 8);
    if (!line) {
        TIFFClose(tiff);
        return -ENOMEM;
    }
    do {
        if (++pages > WINFAX_DOCUMENT_PAGES_MAX || !read_fax_page_format(tiff, &page) ||
            TIFFScanlineSize(tiff) != WINFAX_FAX_PAGE_WIDTH / 8) {
            error = -EILSEQ;
            break;
        }
        error = visit(tiff, &page, line, &errors, context);
    } while (!error && TIFFReadDirectory(tiff));
    /* TIFFReadDirectory() ends the loop both at the last page and on a
     * broken next directory; the latter is an error libtiff reported. */
    if (!error && errors)
        error = -EILSEQ;
    free(line);
    TIFFClose(tiff);
    if (!error && pages_out)
        *pages_out = pages;
    return error;
}

/* Decodes every line of the page. */
static int decode_page(TIFF *tiff, const struct page_format *page, unsigned char *line,
                       const unsigned *errors, void *context)
{
    (void)context;
    for (uint32_t row = 0; row < page->length; row++)
        if (TIFFReadScanline(tiff, line, row, 0) < 0 || *errors)
            return -EILSEQ;
    return 0;
}

int winfax_tiff_open_source(int fd, struct winfax_tiff_source *source, TIFF **tiff_out)
{
    return open_document(fd, source, tiff_out, &source->errors);
}

int winfax_document_check(int fd, unsigned *pages_out)
{
    return for_each_page(fd, decode_page, NULL, pages_out);
}

/* ---- copying pages into a new document ------------------------------------ */

static float dpi_of(float value, uint16_t unit)
{
    return unit == RESUNIT_CENTIMETER ? value * 2.54f : value;
}

/* One page into the writer (the context), line by line, as 1 = black
 * whatever the source's photometric. */
static int copy_page(TIFF *tiff, const struct page_format *page, unsigned char *line,
                     const unsigned *errors, void *context)
{
    struct winfax_fax_writer *writer = context;
    int error = winfax_fax_writer_begin_page(writer, page->length,
                                             dpi_of(page->y_resolution, page->resolution_unit));

    for (uint32_t row = 0; !error && row < page->length; row++) {
        if (TIFFReadScanline(tiff, line, row, 0) < 0 || *errors)
            return -EILSEQ;
        if (page->photometric == PHOTOMETRIC_MINISBLACK)
            for (size_t i = 0; i < WINFAX_FAX_PAGE_WIDTH / 8; i++)
                line[i] = (unsigned char)~line[i];
        error = winfax_fax_writer_add_line(writer, line);
    }
    return error ? error : winfax_fax_writer_end_page(writer);
}

int winfax_document_copy_pages(int fd, struct winfax_fax_writer *writer)
{
    return for_each_page(fd, copy_page, writer, NULL);
}

/* Notes the first page's vertical resolution (the context) and stops. */
static int note_resolution(TIFF *tiff, const struct page_format *page, unsigned char *line,
                           const unsigned *errors, void *context)
{
    (void)tiff;
    (void)line;
    (void)errors;
    *(float *)context = dpi_of(page->y_resolution, page->resolution_unit);
    return VISIT_STOP;   /* enough: the other pages are not looked at */
}

int winfax_document_first_page_dpi(int fd, float *y_dpi)
{
    int error = for_each_page(fd, note_resolution, y_dpi, NULL);

    return error == VISIT_STOP ? 0 : error ? error : -EILSEQ;
}

/* ---- FaxGetPageData: the first page as MMR -------------------------------- */

static bool write_mmr_page(TIFF *out, TIFF *in, const struct page_format *page,
                           unsigned char *line, const unsigned *in_errors,
                           const unsigned *out_errors)
{
    if (!TIFFSetField(out, TIFFTAG_IMAGEWIDTH, page->width) ||
        !TIFFSetField(out, TIFFTAG_IMAGELENGTH, page->length) ||
        !TIFFSetField(out, TIFFTAG_BITSPERSAMPLE, 1) ||
        !TIFFSetField(out, TIFFTAG_SAMPLESPERPIXEL, 1) ||
        !TIFFSetField(out, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4) ||
        !TIFFSetField(out, TIFFTAG_PHOTOMETRIC, page->photometric) ||
        !TIFFSetField(out, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB) ||
        !TIFFSetField(out, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) ||
        !TIFFSetField(out, TIFFTAG_ROWSPERSTRIP, page->length) ||
        !TIFFSetField(out, TIFFTAG_XRESOLUTION, page->x_resolution) ||
        !TIFFSetField(out, TIFFTAG_YRESOLUTION, page->y_resolution) ||
        !TIFFSetField(out, TIFFTAG_RESOLUTIONUNIT, page->resolution_unit))
        return false;
    for (uint32_t row = 0; row < page->length; row++) {
        if (TIFFReadScanline(in, line, row, 0) < 0 || *in_errors)
            return false;
        if (TIFFWriteScanline(out, line, row, 0) < 0 || *out_errors)
            return false;
    }
    return TIFFWriteDirectory(out) && !*out_errors;
}

int winfax_document_first_page_mmr(int fd, unsigned char **tiff_out, size_t *size_out,
                                   uint32_t *width_out, uint32_t *height_out)
{
    struct memory_stream memory = { NULL, 0, 0, 0 };
    struct fd_stream stream;
    struct page_format page;
    unsigned in_errors, out_errors = 0;
    unsigned char *line = NULL;
    TIFF *in, *out = NULL;
    int error = open_document(fd, &stream, &in, &in_errors);

    if (error)
        return error;
    if (!read_fax_page_format(in, &page) || TIFFScanlineSize(in) != WINFAX_FAX_PAGE_WIDTH / 8)
        error = -EILSEQ;
    if (!error && !(line = malloc(WINFAX_FAX_PAGE_WIDTH / 8)))
        error = -ENOMEM;
    if (!error && !(out = open_tiff("w", &memory, true, &out_errors)))
        error = -ENOMEM;
    if (!error && !write_mmr_page(out, in, &page, line, &in_errors, &out_errors))
        /* The source failed to decode: bad data.  Otherwise the encoder or
         * the memory block (which has a ceiling) gave up. */
        error = in_errors || !out_errors ? -EILSEQ : -ENOMEM;
    if (out)
        TIFFClose(out);   /* writes nothing more: the directory is written */
    TIFFClose(in);
    free(line);
    if (error) {
        free(memory.data);
        return error;
    }
    *tiff_out = memory.data;
    *size_out = (size_t)memory.size;
    *width_out = page.width;
    *height_out = page.length;
    return 0;
}
