/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The document converters FaxSendDocument uses (document_convert.h): each
 * format made into a fax TIFF, decoded again and checked for its pages,
 * width, resolution and where the ink landed; damaged files of each kind
 * refused with a reason; Ghostscript missing or too slow; the cover page.
 * Links the static library: the converters are internal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>
#include <tiffio.h>

#include "document/bitmap_font.h"
#include "document/cover_page.h"
#include "document/document_convert.h"
#include "document/document_message.h"
#include "document/document_text.h"
#include "document/tiff_writer.h"
#include "pdf_fixture.h"
#include "tap.h"

/* ---- decoding what the converters made ---------------------------------- */

struct page {
    uint32_t width, height;
    float y_dpi;
    unsigned char *bits;   /* 1 = black, 216 bytes a line */
};

struct fax {
    unsigned pages;
    struct page page[16];
};

static void fax_free(struct fax *fax)
{
    for (unsigned i = 0; i < fax->pages; i++)
        free(fax->page[i].bits);
    fax->pages = 0;
}

/* Decodes the fax TIFF in fd (up to 16 pages); false when libtiff cannot. */
static bool fax_read(int fd, struct fax *fax)
{
    TIFF *tiff;
    bool good = true;

    memset(fax, 0, sizeof(*fax));
    lseek(fd, 0, SEEK_SET);
    tiff = TIFFFdOpen(dup(fd), "converted", "r");
    if (!tiff)
        return false;
    do {
        struct page *page = &fax->page[fax->pages];
        uint16_t photometric = PHOTOMETRIC_MINISWHITE, unit = RESUNIT_INCH;

        if (fax->pages == 16)
            break;
        TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &page->width);
        TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &page->height);
        TIFFGetField(tiff, TIFFTAG_YRESOLUTION, &page->y_dpi);
        TIFFGetField(tiff, TIFFTAG_PHOTOMETRIC, &photometric);
        TIFFGetFieldDefaulted(tiff, TIFFTAG_RESOLUTIONUNIT, &unit);
        if (unit == RESUNIT_CENTIMETER)
            page->y_dpi *= 2.54f;
        if (page->width != 1728 || page->height == 0 || page->height > 65535) {
            good = false;
            break;
        }
        page->bits = calloc(page->height, 216);
        fax->pages++;
        for (uint32_t row = 0; row < page->height; row++) {
            unsigned char *line = page->bits + (size_t)row * 216;

            if (TIFFReadScanline(tiff, line, row, 0) < 0) {
                good = false;
                break;
            }
            if (photometric == PHOTOMETRIC_MINISBLACK)
                for (int i = 0; i < 216; i++)
                    line[i] = (unsigned char)~line[i];
        }
    } while (good && TIFFReadDirectory(tiff));
    TIFFClose(tiff);
    return good;
}

static bool black(const struct page *page, uint32_t x, uint32_t y)
{
    return page->bits[(size_t)y * 216 + x / 8] & (0x80 >> (x % 8));
}

/* How many pixels of the rectangle are black. */
static unsigned long count_black(const struct page *page, uint32_t x0, uint32_t y0, uint32_t x1,
                                 uint32_t y1)
{
    unsigned long count = 0;

    for (uint32_t y = y0; y < y1 && y < page->height; y++)
        for (uint32_t x = x0; x < x1 && x < page->width; x++)
            count += black(page, x, y);
    return count;
}

/* Whether the glyph drawn with its cell at (x, y), `scale` times, is
 * exactly the font's (ink where the font has ink, paper elsewhere). */
static bool glyph_at(const struct page *page, int x, int y, uint32_t codepoint, int scale)
{
    for (int row = 0; row < WINFAX_CELL_HEIGHT * scale; row++)
        for (int column = 0; column < WINFAX_CELL_WIDTH * scale; column++)
            if (black(page, (uint32_t)(x + column), (uint32_t)(y + row)) !=
                winfax_font_ink(codepoint, column / scale, row / scale))
                return false;
    return true;
}

/* ---- making documents ------------------------------------------------------ */

static int memory_file(const void *data, size_t length)
{
    int fd = memfd_create("test-document", MFD_CLOEXEC);

    if (fd >= 0 && write(fd, data, length) != (ssize_t)length) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The document in memory through the converters: the error, and the fax. */
static int convert(const void *data, size_t length, struct fax *fax, unsigned *pages)
{
    int fd = memory_file(data, length), fax_fd = -1, error;

    memset(fax, 0, sizeof(*fax));
    *pages = 0;
    winfax_message_clear();
    if (fd < 0)
        return -EIO;
    error = winfax_document_prepare(fd, &fax_fd, pages);
    close(fd);
    if (!error) {
        if (!fax_read(fax_fd, fax))
            error = -1;
        close(fax_fd);
    }
    return error;
}

/* A white picture of 864 x 400 with a black square at (100..199, 50..149). */
#define PICTURE_WIDTH  864
#define PICTURE_HEIGHT 400

static unsigned char *square_picture(void)
{
    unsigned char *pixels = malloc(PICTURE_WIDTH * PICTURE_HEIGHT);

    memset(pixels, 255, PICTURE_WIDTH * PICTURE_HEIGHT);
    for (int y = 50; y < 150; y++)
        memset(pixels + y * PICTURE_WIDTH + 100, 0, 100);
    return pixels;
}

static void *square_png(size_t *length)
{
    unsigned char *pixels = square_picture();
    png_image image;
    png_alloc_size_t size = 0;
    void *png = NULL;

    memset(&image, 0, sizeof(image));
    image.version = PNG_IMAGE_VERSION;
    image.width = PICTURE_WIDTH;
    image.height = PICTURE_HEIGHT;
    image.format = PNG_FORMAT_GRAY;
    if (png_image_write_to_memory(&image, NULL, &size, 0, pixels, 0, NULL)) {
        png = malloc(size);
        if (!png_image_write_to_memory(&image, png, &size, 0, pixels, 0, NULL)) {
            free(png);
            png = NULL;
        }
    }
    free(pixels);
    *length = size;
    return png;
}

static void *square_jpeg(size_t *length)
{
    unsigned char *pixels = square_picture();
    struct jpeg_compress_struct jpeg;
    struct jpeg_error_mgr errors;
    unsigned char *data = NULL;
    unsigned long size = 0;

    jpeg.err = jpeg_std_error(&errors);
    jpeg_create_compress(&jpeg);
    jpeg_mem_dest(&jpeg, &data, &size);
    jpeg.image_width = PICTURE_WIDTH;
    jpeg.image_height = PICTURE_HEIGHT;
    jpeg.input_components = 1;
    jpeg.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&jpeg);
    jpeg_set_quality(&jpeg, 95, TRUE);
    jpeg_start_compress(&jpeg, TRUE);
    while (jpeg.next_scanline < PICTURE_HEIGHT) {
        JSAMPROW row = pixels + jpeg.next_scanline * PICTURE_WIDTH;

        jpeg_write_scanlines(&jpeg, &row, 1);
    }
    jpeg_finish_compress(&jpeg);
    jpeg_destroy_compress(&jpeg);
    free(pixels);
    *length = size;
    return data;
}

static const char square_postscript[] =
    "%!PS-Adobe-3.0\n"
    "0 setgray 72 697.96 72 72 rectfill showpage\n"
    "0 setgray 72 697.96 72 72 rectfill showpage\n";

/* ---- the tests -------------------------------------------------------------- */

static void test_detection(void)
{
    static const struct {
        const char *bytes;
        size_t length;
        enum winfax_document_format format;
    } cases[] = {
        { "II*\0", 4, WINFAX_FORMAT_TIFF },        { "MM\0*", 4, WINFAX_FORMAT_TIFF },
        { "%PDF-1.7", 8, WINFAX_FORMAT_PDF },      { "%!PS", 4, WINFAX_FORMAT_POSTSCRIPT },
        { "\x04%!PS", 5, WINFAX_FORMAT_POSTSCRIPT },
        { "\x89PNG\r\n\x1a\n", 8, WINFAX_FORMAT_PNG },
        { "\xff\xd8\xff\xe0", 4, WINFAX_FORMAT_JPEG }, { "Dear Sir", 8, WINFAX_FORMAT_UNKNOWN },
        { "%PD", 3, WINFAX_FORMAT_UNKNOWN },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        is_equal(winfax_document_detect((const unsigned char *)cases[i].bytes, cases[i].length),
                 cases[i].format, "detect: case %zu by its first bytes", i);
}

static void test_text(void)
{
    static const char letter[] = "Hi\tyou \xc3\xa9\n\nline 3";
    const int cell = WINFAX_CELL_WIDTH * WINFAX_TEXT_SCALE;
    const int line = WINFAX_CELL_HEIGHT * WINFAX_TEXT_SCALE;
    const int left = WINFAX_TEXT_LEFT_MARGIN, top = WINFAX_TEXT_TOP_MARGIN;
    struct fax fax;
    unsigned pages;
    char *long_text;
    size_t at = 0;

    is_equal(convert(letter, sizeof(letter) - 1, &fax, &pages), 0, "text: converted");
    is_equal(pages, 1, "text: one page");
    if (fax.pages == 1) {
        const struct page *page = &fax.page[0];

        is_equal(page->width, 1728, "text: 1728 pixels wide");
        is_equal(page->height, 2292, "text: A4 length at fine resolution");
        ok(page->y_dpi > 195.9f && page->y_dpi < 196.1f, "text: 196 dpi (got %.1f)",
           page->y_dpi);
        ok(glyph_at(page, left, top, 'H', 3) && glyph_at(page, left + cell, top, 'i', 3),
           "text: 'Hi' drawn with the font at the top left");
        ok(glyph_at(page, left + 8 * cell, top, 'y', 3),
           "text: a tab goes to column 8");
        ok(glyph_at(page, left + 12 * cell, top, 0xe9, 3) && !winfax_font_has(0xe9),
           "text: a character the font lacks is the placeholder box");
        ok(glyph_at(page, left, top + 2 * line, 'l', 3) &&
               count_black(page, 0, top + line, 1728, top + 2 * line) == 0,
           "text: an empty line stays empty, the third line is the third");
        is_equal(count_black(page, 0, top + 3 * line, 1728, 2292), 0,
                 "text: nothing below the text");
    }
    fax_free(&fax);

    /* 130 lines of 95 characters: each wraps once (at a space), so 260
     * lines: 4 full pages and 16 lines on a fifth. */
    long_text = malloc(130 * 96 + 1);
    for (int i = 0; i < 130; i++) {
        memset(long_text + at, 'w', 95);
        long_text[at + 70] = ' ';
        long_text[at + 95] = '\n';
        at += 96;
    }
    is_equal(convert(long_text, at, &fax, &pages), 0, "text: long text converted");
    is_equal(pages, 5, "text: 260 wrapped lines make 5 pages of 61");
    if (fax.pages == 5) {
        const struct page *page = &fax.page[0];

        ok(glyph_at(page, left + 69 * cell, top, 'w', 3) &&
               count_black(page, left + 70 * cell, top, 1728, top + line) == 0 &&
               glyph_at(page, left, top + line, 'w', 3),
           "text: a long line breaks at its space, the rest on the next line");
        is_equal(count_black(&fax.page[4], 0, top + 16 * line, 1728, 2292), 0,
                 "text: the last page ends after its 16 lines");
    }
    fax_free(&fax);
    free(long_text);

    is_equal(convert("one\fthree\f\ffive", 15, &fax, &pages), 0, "text: form feeds");
    is_equal(pages, 4, "text: a form feed starts a page (two make a blank one)");
    if (fax.pages == 4)
        is_equal(count_black(&fax.page[2], 0, 0, 1728, 2292), 0, "text: the blank page");
    fax_free(&fax);
}

static void test_pictures(void)
{
    size_t png_length, jpeg_length;
    unsigned char *png = square_png(&png_length);
    unsigned char *jpeg = square_jpeg(&jpeg_length);
    struct fax fax;
    unsigned pages;

    /* 864 -> 1728 across is 2x; down 2 x 196/204: 400 lines -> 769, the
     * square at x 200..399, y 96..288. */
    is_equal(convert(png, png_length, &fax, &pages), 0, "png: converted");
    is_equal(pages, 1, "png: one page");
    if (fax.pages == 1) {
        is_equal(fax.page[0].height, 769, "png: aspect ratio kept (769 lines)");
        is_equal(count_black(&fax.page[0], 202, 98, 398, 286), 196ul * 188,
                 "png: the square is black where it should be");
        is_equal(count_black(&fax.page[0], 0, 0, 1728, 769), 200ul * 192,
                 "png: and nothing else is (200 x 192 black pixels)");
    }
    fax_free(&fax);

    is_equal(convert(jpeg, jpeg_length, &fax, &pages), 0, "jpeg: converted");
    if (fax.pages == 1) {
        const struct page *page = &fax.page[0];

        is_equal(page->height, 769, "jpeg: aspect ratio kept");
        is_equal(count_black(page, 206, 102, 394, 282), 188ul * 180,
                 "jpeg: the square is black inside");
        is_equal(count_black(page, 0, 0, 1728, 88) + count_black(page, 0, 298, 1728, 769) +
                         count_black(page, 0, 88, 190, 298) +
                         count_black(page, 410, 88, 1728, 298),
                 0, "jpeg: white away from the square's edges");
    }
    fax_free(&fax);

    /* Damaged: cut in half, and a flipped bit in the data. */
    winfax_message_clear();
    is_equal(convert(png, png_length / 2, &fax, &pages), -EILSEQ, "png: truncated refused");
    ok(strstr(winfax_message_get(), "PNG") != NULL, "png: the message says why (%s)",
       winfax_message_get());
    png[png_length / 2] ^= 0x10;
    is_equal(convert(png, png_length, &fax, &pages), -EILSEQ, "png: corrupt (CRC) refused");
    is_equal(convert(jpeg, jpeg_length / 2, &fax, &pages), -EILSEQ, "jpeg: truncated refused");
    ok(strstr(winfax_message_get(), "JPEG") != NULL, "jpeg: the message says why (%s)",
       winfax_message_get());
    free(png);
    free(jpeg);
}

static void test_ghostscript(void)
{
    size_t length = 0;
    char *pdf = square_pdf(2, &length);
    struct fax fax;
    unsigned pages;
    char *path;

    if (!ok(pdf != NULL, "pdf: the test's PDF made"))
        return;
    path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;

    /* The square: 1 in = 204 pixels across, 196 lines down. */
    is_equal(convert(pdf, length, &fax, &pages), 0, "pdf: converted (%s)",
             winfax_message_get());
    is_equal(pages, 2, "pdf: two pages");
    if (fax.pages == 2) {
        ok(fax.page[0].width == 1728 && fax.page[0].height == 2292 &&
               fax.page[0].y_dpi > 195.9f && fax.page[0].y_dpi < 196.1f,
           "pdf: 1728 x 2292 at 196 dpi");
        is_equal(count_black(&fax.page[1], 208, 200, 404, 388), 196ul * 188,
                 "pdf: the square is black inside");
        is_equal(count_black(&fax.page[1], 0, 0, 1728, 2292),
                 count_black(&fax.page[1], 200, 192, 412, 396),
                 "pdf: nothing black away from the square");
    }
    fax_free(&fax);

    is_equal(convert(square_postscript, sizeof(square_postscript) - 1, &fax, &pages), 0,
             "postscript: converted (%s)", winfax_message_get());
    is_equal(pages, 2, "postscript: two pages");
    if (fax.pages == 2)
        is_equal(count_black(&fax.page[0], 208, 200, 404, 388), 196ul * 188,
                 "postscript: the square is black inside");
    fax_free(&fax);

    is_equal(convert(pdf, length - 20, &fax, &pages), -EILSEQ, "pdf: truncated refused");
    ok(strstr(winfax_message_get(), "EOF") != NULL, "pdf: the message says it is cut (%s)",
       winfax_message_get());
    memset(pdf + 20, 'x', length - 60);
    is_equal(convert(pdf, length, &fax, &pages), -EILSEQ, "pdf: corrupt body refused");
    ok(strstr(winfax_message_get(), "Ghostscript") != NULL,
       "pdf: the message has Ghostscript's reason (%s)", winfax_message_get());

    setenv("PATH", "/nonexistent", 1);
    is_equal(convert(square_postscript, sizeof(square_postscript) - 1, &fax, &pages), -ENOENT,
             "no gs in PATH: ENOENT");
    ok(strstr(winfax_message_get(), "ghostscript") != NULL,
       "no gs in PATH: the message names the package (%s)", winfax_message_get());
    if (path)
        setenv("PATH", path, 1);
    else
        unsetenv("PATH");

    setenv("WINFAX_CONVERT_TIMEOUT", "soon", 1);
    is_equal(convert(square_postscript, sizeof(square_postscript) - 1, &fax, &pages), -EINVAL,
             "a WINFAX_CONVERT_TIMEOUT that is not a number of seconds: EINVAL");
    ok(strstr(winfax_message_get(), "1 to 86400") != NULL,
       "a bad WINFAX_CONVERT_TIMEOUT: the message says what it must be (%s)",
       winfax_message_get());
    setenv("WINFAX_CONVERT_TIMEOUT", "1", 1);
    is_equal(convert("%!PS\n{} loop\n", 13, &fax, &pages), -EILSEQ,
             "postscript that never ends: stopped");
    ok(strstr(winfax_message_get(), "longer than 1 s") != NULL,
       "postscript that never ends: the message says so (%s)", winfax_message_get());
    unsetenv("WINFAX_CONVERT_TIMEOUT");
    free(path);
    free(pdf);
}

static void test_refusals(void)
{
    static const unsigned char binary[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0 };
    static const char latin1[] = "caf\xe9\n";
    struct fax fax;
    unsigned pages;

    is_equal(convert(binary, sizeof(binary), &fax, &pages), -EILSEQ, "binary file refused");
    ok(strstr(winfax_message_get(), "not a document") != NULL,
       "binary file: the message lists what is taken (%s)", winfax_message_get());
    is_equal(convert(latin1, sizeof(latin1) - 1, &fax, &pages), -EILSEQ,
             "text that is not UTF-8 refused");
    is_equal(convert("", 0, &fax, &pages), -EILSEQ, "empty file refused");
    is_equal(convert("II*\0\x08\0\0\0", 8, &fax, &pages), -EILSEQ, "broken TIFF refused");
    ok(strstr(winfax_message_get(), "TIFF") != NULL, "broken TIFF: the message says so (%s)",
       winfax_message_get());
}

/* In front of a standard-resolution document, the cover page is standard
 * too (half the lines, each pair of fine lines merged). */
static void test_cover_page_of_a_standard_document(const struct winfax_cover_page *cover)
{
    struct winfax_fax_writer *writer = NULL;
    struct winfax_bitmap page;
    struct fax fax;
    int document_fd = -1, cover_fd = -1;

    ok(winfax_bitmap_init(&page, 1145, WINFAX_STANDARD_DPI) == 0 &&
           winfax_fax_writer_create(&writer) == 0,
       "cover, standard: a standard page to put it in front of");
    if (!writer)
        return;
    winfax_bitmap_fill(&page, 100, 100, 50, 50);
    ok(winfax_fax_writer_add_bitmap(writer, &page) == 0 &&
           winfax_fax_writer_finish(writer, &document_fd) == 0,
       "cover, standard: the document written");
    winfax_bitmap_free(&page);
    is_equal(winfax_document_with_cover(document_fd, cover, &cover_fd), 0,
             "cover, standard: prepended");
    ok(fax_read(cover_fd, &fax) && fax.pages == 2, "cover, standard: two pages");
    if (fax.pages == 2) {
        ok(fax.page[0].height == 1146 && fax.page[0].y_dpi > 97.9f && fax.page[0].y_dpi < 98.1f,
           "cover, standard: 1146 lines at 98 dpi (got %u at %.1f)", fax.page[0].height,
           fax.page[0].y_dpi);
        /* The F's top bar: fine lines 144..155, standard 72..77. */
        ok(count_black(&fax.page[0], 144, 72, 204, 78) == 60 * 6 &&
               count_black(&fax.page[0], 216, 72, 228, 78) == 0,
           "cover, standard: FAX at half the height");
        is_equal(count_black(&fax.page[1], 0, 0, 1728, 1145), 2500,
                 "cover, standard: the document's page follows unchanged");
    }
    fax_free(&fax);
    close(document_fd);
    if (cover_fd >= 0)
        close(cover_fd);
}

static void test_cover_page(void)
{
    char banner[17];
    struct winfax_cover_page cover = {
        .name = "fyi.cov", .recipient_name = "Alice Example", .recipient_fax_number = "5550102",
        .sender_name = "Bob", .subject = "Quarterly figures", .note = "Two pages follow.",
        .date = "2026-11-24 20:00", .page_count = 3,
    };
    struct fax fax, with_cover;
    unsigned pages;
    int fd, text_fd, cover_fd = -1;

    winfax_cover_page_banner("/usr/share/confident.COV", banner);
    ok(strcmp(banner, "CONFIDENT") == 0, "cover: heading from the name (%s)", banner);
    winfax_cover_page_banner("generic.cov", banner);
    ok(banner[0] == '\0', "cover: no heading for generic.cov");

    fd = memory_file("page one\fpage two", 17);
    ok(winfax_document_prepare(fd, &text_fd, &pages) == 0 && pages == 2,
       "cover: a two-page document");
    close(fd);
    is_equal(winfax_document_with_cover(text_fd, &cover, &cover_fd), 0, "cover: prepended");
    ok(fax_read(text_fd, &fax) && fax_read(cover_fd, &with_cover), "cover: both decode");
    is_equal(with_cover.pages, 3, "cover: three pages");
    if (with_cover.pages == 3 && fax.pages == 2) {
        const struct page *page = &with_cover.page[0];

        ok(glyph_at(page, 144, 144, 'F', 12) && glyph_at(page, 144 + 72, 144, 'A', 12),
           "cover: FAX in large letters at the top");
        /* First field row: under the title (132) and the rule (6), one
         * field line (44) down; values at column 13 of 24-pixel cells. */
        ok(glyph_at(page, 144 + 13 * 24, 144 + 132 + 6 + 44, 'A', 4) &&
               glyph_at(page, 144 + 14 * 24, 144 + 132 + 6 + 44, 'l', 4),
           "cover: the recipient's name in the To: row");
        ok(memcmp(with_cover.page[1].bits, fax.page[0].bits, 216 * 2292) == 0 &&
               memcmp(with_cover.page[2].bits, fax.page[1].bits, 216 * 2292) == 0,
           "cover: the document's pages follow unchanged");
    }
    fax_free(&fax);
    fax_free(&with_cover);
    close(text_fd);
    if (cover_fd >= 0)
        close(cover_fd);
    test_cover_page_of_a_standard_document(&cover);
}

int main(void)
{
    test_detection();
    test_text();
    test_pictures();
    test_ghostscript();
    test_refusals();
    test_cover_page();
    return tap_finish();
}
