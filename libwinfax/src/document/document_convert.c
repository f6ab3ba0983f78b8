/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "document_convert.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document_ghostscript.h"
#include "document_image.h"
#include "document_message.h"
#include "document_text.h"
#include "tiff_picture.h"
#include "tiff_reader.h"
#include "tiff_writer.h"

#define PICTURE_FILE_MAX  (64u * 1024u * 1024u)
#define TEXT_FILE_MAX     (8u * 1024u * 1024u)
#define MAGIC_BYTES       8

static bool starts_with(const unsigned char *head, size_t length, const char *magic,
                        size_t magic_length)
{
    return length >= magic_length && memcmp(head, magic, magic_length) == 0;
}

enum winfax_document_format winfax_document_detect(const unsigned char *head, size_t length)
{
    if (starts_with(head, length, "II*\0", 4) || starts_with(head, length, "MM\0*", 4))
        return WINFAX_FORMAT_TIFF;
    if (starts_with(head, length, "%PDF-", 5))
        return WINFAX_FORMAT_PDF;
    if (starts_with(head, length, "%!", 2) || starts_with(head, length, "\x04%!", 3))
        return WINFAX_FORMAT_POSTSCRIPT;
    if (starts_with(head, length, "\x89PNG\r\n\x1a\n", 8))
        return WINFAX_FORMAT_PNG;
    if (starts_with(head, length, "\xff\xd8\xff", 3))
        return WINFAX_FORMAT_JPEG;
    return WINFAX_FORMAT_UNKNOWN;
}

/* The whole file in memory (with a NUL after it), when it is at most
 * `limit` bytes; NULL with errno EFBIG, ENOMEM or EIO. */
static unsigned char *read_whole(int fd, size_t limit, size_t *length_out)
{
    struct stat status;
    unsigned char *data;
    size_t done = 0;

    if (fstat(fd, &status) != 0) {
        errno = EIO;
        return NULL;
    }
    if ((uint64_t)status.st_size > limit) {
        errno = EFBIG;
        return NULL;
    }
    data = malloc((size_t)status.st_size + 1);
    if (!data) {
        errno = ENOMEM;
        return NULL;
    }
    while (done < (size_t)status.st_size) {
        ssize_t got = pread(fd, data + done, (size_t)status.st_size - done, (off_t)done);

        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            free(data);
            errno = EIO;
            return NULL;
        }
        done += (size_t)got;
    }
    data[done] = '\0';
    *length_out = done;
    return data;
}

typedef int (*memory_converter)(const unsigned char *data, size_t length,
                                struct winfax_fax_writer *writer);

/* A format converted from memory into a new fax TIFF. */
static int convert_in_memory(int fd, const char *kind, size_t limit, memory_converter convert,
                             int *fax_fd, unsigned *pages)
{
    struct winfax_fax_writer *writer;
    unsigned char *data;
    size_t length = 0;
    int error;

    data = read_whole(fd, limit, &length);
    if (!data) {
        if (errno == EFBIG) {
            winfax_message_set("the %s file is larger than %zu MiB, the most libwinfax "
                               "converts",
                               kind, limit / (1024 * 1024));
            return -EILSEQ;
        }
        return -errno;
    }
    error = winfax_fax_writer_create(&writer);
    if (!error) {
        error = convert(data, length, writer);
        if (!error) {
            *pages = winfax_fax_writer_pages(writer);
            error = winfax_fax_writer_finish(writer, fax_fd);
        } else {
            winfax_fax_writer_discard(writer);
        }
    }
    free(data);
    if (error == -E2BIG) {
        winfax_message_set("the %s document makes more than %u pages", kind,
                           WINFAX_DOCUMENT_PAGES_MAX);
        error = -EILSEQ;
    }
    return error;
}

/* A TIFF that is not a fax TIFF, read through the fd (not into memory:
 * libtiff reads strip by strip). */
static int convert_tiff_picture(int fd, int *fax_fd, unsigned *pages)
{
    struct winfax_fax_writer *writer;
    int error = winfax_fax_writer_create(&writer);

    if (error)
        return error;
    error = winfax_tiff_picture_to_fax(fd, writer);
    if (error) {
        winfax_fax_writer_discard(writer);
        if (error == -E2BIG) {
            winfax_message_set("the TIFF document makes more than %u pages",
                               WINFAX_DOCUMENT_PAGES_MAX);
            error = -EILSEQ;
        }
        return error;
    }
    *pages = winfax_fax_writer_pages(writer);
    return winfax_fax_writer_finish(writer, fax_fd);
}

static int text_or_unknown(const unsigned char *data, size_t length,
                           struct winfax_fax_writer *writer)
{
    unsigned char *converted = NULL;
    size_t converted_length = 0;
    int utf16 = winfax_text_from_utf16(data, length, &converted, &converted_length), error;

    if (utf16 == -ENOMEM)
        return utf16;
    if (utf16 == 1) {
        data = converted;
        length = converted_length;
    }
    if (utf16 == -EILSEQ) {
        winfax_message_set("the file starts as UTF-16 text (its byte order mark) but is "
                           "not UTF-16: an odd length or a surrogate without its pair");
        return -EILSEQ;
    }
    if (!winfax_text_is_plain(data, length)) {
        winfax_message_set("the file is not a document libwinfax can fax: it is none of "
                           "TIFF, PDF, PostScript, PNG, JPEG, or plain text "
                           "(UTF-8, or UTF-16 with its byte order mark, without control "
                           "characters)");
        free(converted);
        return -EILSEQ;
    }
    error = winfax_text_to_fax(data, length, writer);
    free(converted);
    return error;
}

int winfax_document_prepare(int fd, int *fax_fd, unsigned *pages)
{
    unsigned char head[MAGIC_BYTES];
    ssize_t got;
    int error;

    *fax_fd = -1;
    *pages = 0;
    do
        got = pread(fd, head, sizeof(head), 0);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        return -EIO;
    if (got == 0) {
        winfax_message_set("the file is empty: there is nothing to fax");
        return -EILSEQ;
    }
    switch (winfax_document_detect(head, (size_t)got)) {
    case WINFAX_FORMAT_TIFF:
        error = winfax_document_check(fd, pages);
        /* Not a fax TIFF: a picture (grey, colour, another width or
         * resolution) made into fax pages. */
        if (error == -EILSEQ)
            return convert_tiff_picture(fd, fax_fd, pages);
        if (error)
            return error;
        *fax_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
        return *fax_fd < 0 ? -errno : 0;
    case WINFAX_FORMAT_PDF:
    case WINFAX_FORMAT_POSTSCRIPT:
        error = winfax_ghostscript_to_fax(fd,
                                          winfax_document_detect(head, (size_t)got) ==
                                                  WINFAX_FORMAT_PDF
                                              ? WINFAX_GHOSTSCRIPT_PDF
                                              : WINFAX_GHOSTSCRIPT_POSTSCRIPT,
                                          fax_fd, pages);
        return error;
    case WINFAX_FORMAT_PNG:
        return convert_in_memory(fd, "PNG", PICTURE_FILE_MAX, winfax_png_to_fax, fax_fd,
                                 pages);
    case WINFAX_FORMAT_JPEG:
        return convert_in_memory(fd, "JPEG", PICTURE_FILE_MAX, winfax_jpeg_to_fax, fax_fd,
                                 pages);
    case WINFAX_FORMAT_UNKNOWN:
    default:
        return convert_in_memory(fd, "text", TEXT_FILE_MAX, text_or_unknown, fax_fd, pages);
    }
}

int winfax_document_with_cover(int fax_fd, const struct winfax_cover_page *cover, int *out_fd)
{
    struct winfax_fax_writer *writer;
    struct winfax_bitmap page;
    float first_page_dpi = (float)WINFAX_FINE_DPI;
    int error;

    *out_fd = -1;
    error = winfax_document_first_page_dpi(fax_fd, &first_page_dpi);
    if (!error)
        error = winfax_cover_page_render(cover, &page);
    if (error)
        return error;
    /* The cover page takes the document's resolution: a standard document
     * may be for a receiver that has no fine mode. */
    if (first_page_dpi < (float)(WINFAX_STANDARD_DPI + WINFAX_FINE_DPI) / 2)
        winfax_bitmap_to_standard(&page);
    error = winfax_fax_writer_create(&writer);
    if (error) {
        winfax_bitmap_free(&page);
        return error;
    }
    error = winfax_fax_writer_add_bitmap(writer, &page);
    winfax_bitmap_free(&page);
    if (!error)
        error = winfax_document_copy_pages(fax_fd, writer);
    if (error) {
        winfax_fax_writer_discard(writer);
        if (error == -E2BIG)
            winfax_message_set("with its cover page the document has more than %u pages",
                               WINFAX_DOCUMENT_PAGES_MAX);
        return error;
    }
    return winfax_fax_writer_finish(writer, out_fd);
}

int winfax_documents_combine(const int *fds, size_t count, int *out_fd, unsigned *pages,
                             size_t *failed)
{
    struct winfax_fax_writer *writer;
    int error;

    *out_fd = -1;
    *pages = 0;
    *failed = 0;
    error = winfax_fax_writer_create(&writer);
    for (size_t i = 0; !error && i < count; i++) {
        unsigned document_pages;
        int fax_fd;

        *failed = i;
        error = winfax_document_prepare(fds[i], &fax_fd, &document_pages);
        if (error)
            break;
        /* Each document's pages keep their resolution: a standard fax TIFF
         * stays standard after a fine text page. */
        error = winfax_document_copy_pages(fax_fd, writer);
        close(fax_fd);
        if (error == -E2BIG)
            winfax_message_set("together the documents make more than %u pages",
                               WINFAX_DOCUMENT_PAGES_MAX);
    }
    if (error) {
        if (writer)
            winfax_fax_writer_discard(writer);
        return error == -E2BIG ? -EILSEQ : error;
    }
    *failed = count;
    *pages = winfax_fax_writer_pages(writer);
    return winfax_fax_writer_finish(writer, out_fd);
}
