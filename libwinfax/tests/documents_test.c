/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The document converters FaxSendDocument uses (document_convert.h): each
 * format made into a fax TIFF, decoded again and checked for its pages,
 * width, resolution and where the ink landed; damaged files of each kind
 * refused with a reason; Ghostscript missing or too slow; text in many
 * scripts, wrapped and paginated; A4, Letter and Legal paper; the cover
 * page.  Links the static library: the converters are internal.
 *
 * With WINFAX_BUILD set (make check sets it), the text and cover pages
 * are also written as PNG previews to $WINFAX_BUILD/previews/ for a
 * person to look at.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>
#include <tiffio.h>

#include "document/cover_page.h"
#include "document/document_convert.h"
#include "document/document_message.h"
#include "document/document_text.h"
#include "document/paper_size.h"
#include "document/text_render.h"
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
        uint16_t bits = 0, samples = 1;

        if (fax->pages == 16)
            break;
        TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &page->width);
        TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &page->height);
        TIFFGetField(tiff, TIFFTAG_YRESOLUTION, &page->y_dpi);
        TIFFGetField(tiff, TIFFTAG_PHOTOMETRIC, &photometric);
        TIFFGetFieldDefaulted(tiff, TIFFTAG_RESOLUTIONUNIT, &unit);
        TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &bits);
        TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
        /* Bilevel pages only: one bit a pixel, one sample. */
        if (bits != 1 || samples != 1) {
            good = false;
            break;
        }
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

/* The rows with ink in columns x0..x1, as bands of consecutive rows: one
 * band a line of text (lines of text have blank rows between them). */
struct band {
    uint32_t top, bottom;   /* rows top..bottom-1 */
    uint32_t left, right;   /* the band's ink spans columns left..right-1 */
};

#define BANDS_MAX 128

static unsigned find_bands(const struct page *page, uint32_t x0, uint32_t x1,
                           struct band bands[BANDS_MAX])
{
    unsigned count = 0;
    bool inside = false;

    for (uint32_t y = 0; y <= page->height; y++) {
        bool ink = y < page->height && count_black(page, x0, y, x1, y + 1) > 0;

        if (ink && !inside) {
            if (count == BANDS_MAX)
                return count + 1;   /* more than the test expects */
            bands[count] = (struct band){ y, y, page->width, 0 };
            inside = true;
        }
        if (!ink && inside) {
            bands[count++].bottom = y;
            inside = false;
        }
        if (ink)
            for (uint32_t x = x0; x < x1 && x < page->width; x++)
                if (black(page, x, y)) {
                    if (x < bands[count].left)
                        bands[count].left = x;
                    if (x + 1 > bands[count].right)
                        bands[count].right = x + 1;
                }
    }
    return count;
}

/* The page as a PNG in $WINFAX_BUILD/previews/, to look at (standard
 * pages are drawn with each line twice, as on paper). */
static void write_preview(const struct page *page, const char *name)
{
    const char *build = getenv("WINFAX_BUILD");
    unsigned repeat = page->y_dpi < 150 ? 2 : 1;
    cairo_surface_t *surface;
    unsigned char *data;
    char *path = NULL;
    int stride;

    if (!build || !*build)
        return;
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)page->width,
                                         (int)(page->height * repeat));
    data = cairo_image_surface_get_data(surface);
    stride = cairo_image_surface_get_stride(surface);
    for (uint32_t y = 0; data && y < page->height * repeat; y++)
        for (uint32_t x = 0; x < page->width; x++)
            ((uint32_t *)(data + (size_t)y * (size_t)stride))[x] =
                black(page, x, y / repeat) ? 0 : 0xffffff;
    cairo_surface_mark_dirty(surface);
    if (asprintf(&path, "%s/previews", build) >= 0) {
        mkdir(path, 0755);
        free(path);
        path = NULL;
    }
    if (asprintf(&path, "%s/previews/%s.png", build, name) >= 0) {
        if (cairo_surface_write_to_png(surface, path) == CAIRO_STATUS_SUCCESS)
            tap_diag("preview: %s", path);
        free(path);
    }
    cairo_surface_destroy(surface);
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

/* ---- TIFF pictures (not fax TIFF) --------------------------------------- */

/* How a test picture is stored. */
enum tiff_kind { TIFF_GREY8, TIFF_GREY16, TIFF_PALETTE, TIFF_RGB, TIFF_RGBA, TIFF_BILEVEL };

/* A picture: its size, a grey tone (0 black .. 255 white) for each pixel,
 * and the pixel's colour for RGB (blue and yellow of that luma). */
struct test_picture {
    uint32_t width, height;
    float x_dpi, y_dpi;
    unsigned (*tone)(uint32_t x, uint32_t y, uint32_t width, uint32_t height);
};

static unsigned square_tone(uint32_t x, uint32_t y, uint32_t width, uint32_t height)
{
    (void)width;
    (void)height;
    return x >= 100 && x < 200 && y >= 50 && y < 150 ? 0 : 255;
}

/* A scanner's grey page: grey paper, dark ink, a grey rim (anti-aliasing)
 * round the square. */
static unsigned scanned_tone(uint32_t x, uint32_t y, uint32_t width, uint32_t height)
{
    (void)width;
    (void)height;
    if (x >= 100 && x < 200 && y >= 50 && y < 150)
        return 25;
    if (x >= 99 && x < 201 && y >= 49 && y < 151)
        return 130;
    return 235;
}

/* Black on the left to white on the right. */
static unsigned gradient_tone(uint32_t x, uint32_t y, uint32_t width, uint32_t height)
{
    (void)y;
    (void)height;
    return x * 255 / (width - 1);
}

static unsigned black_tone(uint32_t x, uint32_t y, uint32_t width, uint32_t height)
{
    (void)x;
    (void)y;
    (void)width;
    (void)height;
    return 0;
}

/* One page of the picture into tiff, stored as kind with compression. */
static bool write_tiff_page(TIFF *tiff, const struct test_picture *picture, enum tiff_kind kind,
                            uint16_t compression)
{
    static uint16_t ramp[256];
    uint16_t samples = kind == TIFF_RGB ? 3 : kind == TIFF_RGBA ? 4 : 1;
    uint16_t bits = kind == TIFF_GREY16 ? 16 : kind == TIFF_BILEVEL ? 1 : 8;
    uint16_t photometric = kind == TIFF_PALETTE ? PHOTOMETRIC_PALETTE
                           : kind == TIFF_RGB || kind == TIFF_RGBA ? PHOTOMETRIC_RGB
                                                                    : PHOTOMETRIC_MINISBLACK;
    size_t stride = ((size_t)picture->width * samples * bits + 7) / 8;
    unsigned char *line = calloc(1, stride);
    bool good = line != NULL;

    for (unsigned i = 0; i < 256; i++)
        ramp[i] = (uint16_t)(i * 257);
    good = good && TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, picture->width) &&
           TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, picture->height) &&
           TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, bits) &&
           TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, samples) &&
           TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, photometric) &&
           TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) &&
           TIFFSetField(tiff, TIFFTAG_COMPRESSION, compression) &&
           TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, 16) &&
           TIFFSetField(tiff, TIFFTAG_XRESOLUTION, picture->x_dpi) &&
           TIFFSetField(tiff, TIFFTAG_YRESOLUTION, picture->y_dpi) &&
           TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    if (good && kind == TIFF_PALETTE)
        good = TIFFSetField(tiff, TIFFTAG_COLORMAP, ramp, ramp, ramp);
    if (good && kind == TIFF_RGBA) {
        uint16_t extra = EXTRASAMPLE_UNASSALPHA;

        good = TIFFSetField(tiff, TIFFTAG_EXTRASAMPLES, 1, &extra);
    }
    for (uint32_t y = 0; good && y < picture->height; y++) {
        memset(line, 0, stride);
        for (uint32_t x = 0; x < picture->width; x++) {
            unsigned tone = picture->tone(x, y, picture->width, picture->height);

            switch (kind) {
            case TIFF_GREY8:
            case TIFF_PALETTE:
                line[x] = (unsigned char)tone;
                break;
            case TIFF_GREY16:
                ((uint16_t *)line)[x] = (uint16_t)(tone * 257);
                break;
            case TIFF_BILEVEL:
                if (tone >= 128)
                    line[x / 8] |= (unsigned char)(0x80 >> (x % 8));
                break;
            case TIFF_RGB:
            case TIFF_RGBA:
                /* Dark blue where it is dark, pale yellow where light:
                 * colours of that luma, not greys. */
                line[x * samples] = (unsigned char)(tone < 128 ? 0 : 255);
                line[x * samples + 1] = (unsigned char)(tone < 128 ? 0 : 255);
                line[x * samples + 2] = (unsigned char)(tone < 128 ? 130 : 200);
                if (kind == TIFF_RGBA)
                    line[x * samples + 3] = 255;
                break;
            }
        }
        good = TIFFWriteScanline(tiff, line, y, 0) >= 0;
    }
    free(line);
    return good && TIFFWriteDirectory(tiff);
}

/* A memory file holding the pictures as a TIFF of that many pages. */
static int picture_tiff(const struct test_picture *pictures, const enum tiff_kind *kinds,
                        const uint16_t *compressions, unsigned pages)
{
    int fd = memfd_create("test-picture", MFD_CLOEXEC);
    TIFF *tiff = fd >= 0 ? TIFFFdOpen(dup(fd), "test picture", "w") : NULL;
    bool good = tiff != NULL;

    for (unsigned i = 0; good && i < pages; i++)
        good = write_tiff_page(tiff, &pictures[i], kinds[i], compressions[i]);
    if (tiff)
        TIFFClose(tiff);
    if (!good && fd >= 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

/* The TIFF in fd through the converters. */
static int convert_fd(int fd, struct fax *fax, unsigned *pages)
{
    int fax_fd = -1, error;

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

static int convert_one_tiff(const struct test_picture *picture, enum tiff_kind kind,
                            uint16_t compression, struct fax *fax, unsigned *pages)
{
    return convert_fd(picture_tiff(picture, &kind, &compression, 1), fax, pages);
}

/* The square picture (864 x 400, the square at 100..199, 50..149) drawn as
 * the PNG is: exactly a black square of 200 x 192 at 200..399, 96..287. */
static bool sharp_square(const struct fax *fax)
{
    return fax->pages == 1 && fax->page[0].height == 769 &&
           count_black(&fax->page[0], 202, 98, 398, 286) == 196ul * 188 &&
           count_black(&fax->page[0], 0, 0, 1728, 769) == 200ul * 192;
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

/* DejaVu Sans Mono: every character 1233/2048 em wide; 10 pt at 204 dpi. */
#define TEXT_ADVANCE     (1233.0 / 2048 * 10 * 204 / 72)
#define TEXT_LEFT        WINFAX_TEXT_LEFT_MARGIN
#define TEXT_TOP         WINFAX_TEXT_TOP_MARGIN
#define TEXT_RIGHT       (1728 - WINFAX_TEXT_RIGHT_MARGIN)
/* The lines a page holds (document_text.h), and a line's pitch in rows:
 * 10 pt DejaVu Sans Mono is 11.64 pt from line to line. */
#define A4_TEXT_LINES     63
#define LETTER_TEXT_LINES 59
#define LEGAL_TEXT_LINES  78
#define LINE_PITCH        (11.64 * 196 / 72)

static uint32_t column(double characters)
{
    return (uint32_t)(TEXT_LEFT + characters * TEXT_ADVANCE + 0.5);
}

static void test_text(void)
{
    static const char letter[] = "Hi\tyou \xc3\xa9\n\nline 3";
    struct band bands[BANDS_MAX];
    struct fax fax;
    unsigned pages, count;

    is_equal(convert(letter, sizeof(letter) - 1, &fax, &pages), 0, "text: converted");
    is_equal(pages, 1, "text: one page");
    if (fax.pages == 1) {
        const struct page *page = &fax.page[0];

        is_equal(page->width, 1728, "text: 1728 pixels wide, 1 bit a pixel");
        is_equal(page->height, 2292, "text: A4 length at fine resolution");
        ok(page->y_dpi > 195.9f && page->y_dpi < 196.1f, "text: 196 dpi (got %.1f)",
           page->y_dpi);
        count = find_bands(page, 0, 1728, bands);
        is_equal(count, 2, "text: two lines of ink (the empty line stays empty)");
        if (count == 2) {
            const struct band *first = &bands[0];
            uint32_t pitch = bands[1].top - first->top;

            ok(first->top >= TEXT_TOP && first->top < TEXT_TOP + 12,
               "text: the first line at the top margin (row %u)", first->top);
            ok(first->left >= TEXT_LEFT && first->left < TEXT_LEFT + 6,
               "text: ... and at the left margin (column %u)", first->left);
            ok(pitch > 2 * LINE_PITCH - 6 && pitch < 2 * LINE_PITCH + 6,
               "text: the third line two lines below the first (%u rows)", pitch);
            ok(count_black(page, column(2) + 2, first->top, column(8) - 1, first->bottom) == 0 &&
                   count_black(page, column(8), first->top, column(9), first->bottom) > 0,
               "text: a tab goes to column 8");
            ok(count_black(page, column(12), first->top, column(13),
                           first->top + (first->bottom - first->top) / 3) > 0,
               "text: the accent of e-acute in column 12");
        }
        write_preview(page, "text-letter");
    }
    fax_free(&fax);

    is_equal(convert("one\fthree\f\ffive", 15, &fax, &pages), 0, "text: form feeds");
    is_equal(pages, 4, "text: a form feed starts a page (two make a blank one)");
    if (fax.pages == 4)
        is_equal(count_black(&fax.page[2], 0, 0, 1728, 2292), 0, "text: the blank page");
    fax_free(&fax);
    is_equal(convert("one\f", 4, &fax, &pages), 0, "text: a form feed at the end");
    is_equal(pages, 1, "text: ... adds no blank page");
    fax_free(&fax);
    is_equal(convert("one\r\ntwo\rthree\n", 15, &fax, &pages), 0, "text: CR LF and CR");
    ok(fax.pages == 1 && find_bands(&fax.page[0], 0, 1728, bands) == 3,
       "text: CR LF and a lone CR end a line, as LF does");
    fax_free(&fax);
}

/* UTF-16 with its byte order mark (Notepad's "Unicode"), both byte
 * orders, a surrogate pair included: the same pages as the UTF-8 text. */
static void test_utf16_text(void)
{
    static const char utf8[] = "\x47\x72\xc3\xbc\xc3\x9f\x65\x09\x4d\xc3\xbc\x6e\x63\x68"
                               "\x65\x6e\x0a\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\x20\xf0"
                               "\x9d\x84\x9e\x0a";
    static const char little[] = "\xff\xfe\x47\x00\x72\x00\xfc\x00\xdf\x00\x65\x00\x09\x00"
                                 "\x4d\x00\xfc\x00\x6e\x00\x63\x00\x68\x00\x65\x00\x6e\x00"
                                 "\x0a\x00\xe5\x65\x2c\x67\x9e\x8a\x20\x00\x34\xd8\x1e\xdd"
                                 "\x0a\x00";
    static const char big[] = "\xfe\xff\x00\x47\x00\x72\x00\xfc\x00\xdf\x00\x65\x00\x09"
                              "\x00\x4d\x00\xfc\x00\x6e\x00\x63\x00\x68\x00\x65\x00\x6e"
                              "\x00\x0a\x65\xe5\x67\x2c\x8a\x9e\x00\x20\xd8\x34\xdd\x1e"
                              "\x00\x0a";
    static const char lone_surrogate[] = "\xff\xfe\x41\x00\x34\xd8\x42\x00";
    struct fax expected, fax;
    unsigned pages;

    is_equal(convert(utf8, sizeof(utf8) - 1, &expected, &pages), 0, "utf-16: the UTF-8 text");
    is_equal(convert(little, sizeof(little) - 1, &fax, &pages), 0,
             "utf-16: little endian converted (%s)", winfax_message_get());
    ok(fax.pages == 1 && expected.pages == 1 &&
           count_black(&expected.page[0], 0, 0, 1728, 2292) > 1000 &&
           memcmp(fax.page[0].bits, expected.page[0].bits, 216 * 2292) == 0,
       "utf-16: little endian prints as the UTF-8 text does");
    fax_free(&fax);
    is_equal(convert(big, sizeof(big) - 1, &fax, &pages), 0, "utf-16: big endian converted");
    ok(fax.pages == 1 && expected.pages == 1 &&
           memcmp(fax.page[0].bits, expected.page[0].bits, 216 * 2292) == 0,
       "utf-16: big endian prints as the UTF-8 text does");
    fax_free(&fax);
    fax_free(&expected);
    is_equal(convert(little, sizeof(little) - 2, &fax, &pages), -EILSEQ,
             "utf-16: an odd length refused");
    ok(strstr(winfax_message_get(), "UTF-16") != NULL, "utf-16: the message says why (%s)",
       winfax_message_get());
    is_equal(convert(lone_surrogate, sizeof(lone_surrogate) - 1, &fax, &pages), -EILSEQ,
             "utf-16: a surrogate without its pair refused");
    is_equal(convert("\xff\xfe\x01\x00", 4, &fax, &pages), -EILSEQ,
             "utf-16: a control character refused, as in UTF-8");
}

/* Every script the fonts cover: each line's glyphs are real (Pango found
 * a font with them, so no box with a code in it) and printed. */
static const char *const script_lines[] = {
    "Gr\xc3\xbc\xc3\x9f" "e aus M\xc3\xbcnchen, J\xc3\xbcrgen M\xc3\xbcller",
    "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1 "
    "\xce\xba\xcf\x8c\xcf\x83\xce\xbc\xce\xb5",                        /* Greek */
    "\xd0\x97\xd0\xb4\xd1\x80\xd0\xb0\xd0\xb2\xd1\x81\xd1\x82\xd0\xb2\xd1\x83\xd0\xb9, "
    "\xd0\xbc\xd0\xb8\xd1\x80",                                          /* Russian */
    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9"
    "\xe3\x83\x88 \xe4\xbd\xa0\xe5\xa5\xbd \xed\x95\x9c\xea\xb5\xad\xec\x96\xb4", /* CJK */
    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d",  /* Hebrew */
    "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7"
    "\xd9\x84\xd9\x85",                                                  /* Arabic */
};
#define SCRIPT_LINES (sizeof(script_lines) / sizeof(script_lines[0]))
#define FIRST_RIGHT_TO_LEFT 4

static int unknown_glyphs(struct winfax_text_canvas *canvas, const char *family, const char *text)
{
    const struct winfax_font font = { family, 10, false };
    PangoLayout *layout = winfax_text_layout(canvas, &font, 1440, text, -1);
    int unknown = pango_layout_get_unknown_glyphs_count(layout);

    g_object_unref(layout);
    return unknown;
}

static void test_scripts(void)
{
    struct winfax_text_canvas canvas;
    struct band bands[BANDS_MAX];
    char text[1024] = "";
    struct fax fax;
    unsigned pages, count;

    if (!ok(winfax_text_canvas_init(&canvas, 16, 196) == 0, "scripts: a canvas"))
        return;
    for (size_t i = 0; i < SCRIPT_LINES; i++) {
        ok(unknown_glyphs(&canvas, "Monospace", script_lines[i]) == 0 &&
               unknown_glyphs(&canvas, "Sans", script_lines[i]) == 0,
           "scripts: line %zu has a font for every character (text and cover fonts)", i);
        strcat(text, script_lines[i]);
        strcat(text, "\n");
    }
    /* The check can fail: a private-use character no font has is a box. */
    ok(unknown_glyphs(&canvas, "Sans", "box \xf4\x8f\xbf\xbd") == 1,
       "scripts: a character no font has counts as unknown");
    winfax_text_canvas_free(&canvas);

    is_equal(convert(text, strlen(text), &fax, &pages), 0, "scripts: converted");
    is_equal(pages, 1, "scripts: one page");
    if (fax.pages != 1)
        return;
    count = find_bands(&fax.page[0], 0, 1728, bands);
    is_equal(count, SCRIPT_LINES, "scripts: one line of ink for each line of text");
    for (unsigned i = 0; i < count && count == SCRIPT_LINES; i++) {
        unsigned long ink = count_black(&fax.page[0], 0, bands[i].top, 1728, bands[i].bottom);

        ok(ink > 500 && bands[i].bottom - bands[i].top >= 18,
           "scripts: line %u printed (%lu black pixels, %u rows)", i, ink,
           bands[i].bottom - bands[i].top);
        if (i < FIRST_RIGHT_TO_LEFT)
            ok(bands[i].left < TEXT_LEFT + 8 && bands[i].right < TEXT_RIGHT,
               "scripts: line %u starts at the left margin (%u..%u)", i, bands[i].left,
               bands[i].right);
        else
            ok(bands[i].right > TEXT_RIGHT - 8 && bands[i].right <= TEXT_RIGHT &&
                   bands[i].left > TEXT_LEFT + 600,
               "scripts: right-to-left line %u stands at the right margin (%u..%u)", i,
               bands[i].left, bands[i].right);
    }
    write_preview(&fax.page[0], "text-scripts");
    fax_free(&fax);
}

/* Every band a whole line inside the printable area. */
static bool bands_inside(const struct band *bands, unsigned count, uint32_t height,
                         unsigned *short_lines)
{
    bool inside = true;

    *short_lines = 0;
    for (unsigned i = 0; i < count; i++) {
        if (bands[i].top < TEXT_TOP || bands[i].bottom > height - TEXT_TOP ||
            bands[i].left < TEXT_LEFT || bands[i].right > TEXT_RIGHT)
            inside = false;
        /* A line of letters with ascenders is at least 20 rows: one cut at
         * the page's end would be shorter. */
        if (bands[i].bottom - bands[i].top < 20)
            ++*short_lines;
    }
    return inside;
}

/* Long texts: numbered lines, and one long paragraph, page after page with
 * no line lost, none cut, none outside the margins. */
static void test_pagination(void)
{
    const unsigned numbered = 150, words = 3000;
    struct band bands[BANDS_MAX];
    size_t length = 0;
    char *text = malloc(words * 8 + 1);
    unsigned pages, total = 0, short_lines = 0, lines_per_page = 0;
    bool inside = true;
    struct fax fax;

    for (unsigned i = 0; i < numbered; i++)
        length += (size_t)sprintf(text + length, "Line %03u: the quick brown fox jumps\n", i);
    is_equal(convert(text, length, &fax, &pages), 0, "pages: 150 lines converted");
    is_equal(pages, 3, "pages: 150 lines make 3 pages of up to %u", A4_TEXT_LINES);
    for (unsigned i = 0; i < fax.pages; i++) {
        unsigned count = find_bands(&fax.page[i], 0, 1728, bands), cut;

        if (i == 0)
            lines_per_page = count;
        total += count;
        inside = bands_inside(bands, count, fax.page[i].height, &cut) && inside;
        short_lines += cut;
    }
    is_equal(lines_per_page, A4_TEXT_LINES, "pages: a full A4 page has %u lines", A4_TEXT_LINES);
    is_equal(total, numbered, "pages: every line printed, once");
    ok(inside && short_lines == 0, "pages: every line whole, inside the margins (%u short)",
       short_lines);
    fax_free(&fax);

    /* 3000 words of 7 letters: 10 to an 84-column line, 300 lines, 5
     * pages.  ("wrapped": every line one band of ink, no i's dots.) */
    length = 0;
    for (unsigned i = 0; i < words; i++)
        length += (size_t)sprintf(text + length, "%s", i ? " wrapped" : "wrapped");
    is_equal(convert(text, length, &fax, &pages), 0, "pages: a long paragraph converted");
    is_equal(pages, 5, "pages: it wraps into 300 lines on 5 pages");
    total = 0;
    inside = true;
    short_lines = 0;
    for (unsigned i = 0; i < fax.pages; i++) {
        unsigned count = find_bands(&fax.page[i], 0, 1728, bands), cut;

        total += count;
        inside = bands_inside(bands, count, fax.page[i].height, &cut) && inside;
        short_lines += cut;
    }
    is_equal(total, words / 10, "pages: every wrapped line printed");
    ok(inside && short_lines == 0, "pages: wrapped lines inside the margins, none cut");
    if (fax.pages == 5)
        write_preview(&fax.page[4], "text-wrapped-last-page");
    fax_free(&fax);
    free(text);
}

/* The paper: PAPERSIZE, then PAPERCONF's file (or /etc/papersize), then A4. */
static void test_paper(void)
{
    char path[] = "/tmp/winfax-papersize-XXXXXX";
    struct band bands[BANDS_MAX];
    int fd = mkstemp(path);
    size_t length = 0, pdf_length = 0;
    char *text = malloc(100 * 40), *pdf;
    struct winfax_cover_page cover = { .name = "generic.cov", .recipient_name = "Ann" };
    struct winfax_bitmap cover_page;
    struct fax fax;
    unsigned pages;

    setenv("PAPERSIZE", "letter", 1);
    is_equal(winfax_paper_default()->fine_lines, 2156, "paper: PAPERSIZE=letter");
    setenv("PAPERSIZE", "Legal", 1);
    is_equal(winfax_paper_default()->fine_lines, 2744, "paper: PAPERSIZE=Legal");
    setenv("PAPERSIZE", "a5", 1);
    is_equal(winfax_paper_default()->fine_lines, 2292, "paper: a size fax has not is A4");
    unsetenv("PAPERSIZE");
    ok(fd >= 0 && write(fd, "# the office's paper\n\n  letter  \n", 33) == 33,
       "paper: a papersize file");
    setenv("PAPERCONF", path, 1);
    is_equal(winfax_paper_default()->fine_lines, 2156, "paper: PAPERCONF's file says letter");
    setenv("PAPERCONF", "/nonexistent/papersize", 1);
    is_equal(winfax_paper_default()->fine_lines, 2292, "paper: no file: A4");
    unsetenv("PAPERCONF");
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }

    for (unsigned i = 0; i < 100; i++)
        length += (size_t)sprintf(text + length, "Line %03u: the quick brown fox jumps\n", i);
    pdf = square_pdf(1, &pdf_length);
    setenv("PAPERSIZE", "letter", 1);
    is_equal(convert(text, length, &fax, &pages), 0, "paper, letter: text converted");
    ok(pages == 2 && fax.page[0].height == 2156 && fax.page[1].height == 2156,
       "paper, letter: text pages of 2156 lines (11 in)");
    if (fax.pages == 2)
        is_equal(find_bands(&fax.page[0], 0, 1728, bands), LETTER_TEXT_LINES,
                 "paper, letter: %u lines a page", LETTER_TEXT_LINES);
    fax_free(&fax);
    is_equal(convert(pdf, pdf_length, &fax, &pages), 0, "paper, letter: PDF converted (%s)",
             winfax_message_get());
    ok(fax.pages == 1 && fax.page[0].width == 1728 && fax.page[0].height == 2156 &&
           count_black(&fax.page[0], 0, 0, 1728, 2156) > 180ul * 180,
       "paper, letter: the PDF page is 1728 x 2156, its square scaled in");
    fax_free(&fax);
    ok(winfax_cover_page_render(&cover, &cover_page) == 0 && cover_page.height == 2156,
       "paper, letter: the cover page is 2156 lines");
    winfax_bitmap_free(&cover_page);

    setenv("PAPERSIZE", "legal", 1);
    is_equal(convert(text, length, &fax, &pages), 0, "paper, legal: text converted");
    ok(pages == 2 && fax.page[0].height == 2744, "paper, legal: text pages of 2744 lines (14 in)");
    if (fax.pages == 2)
        is_equal(find_bands(&fax.page[0], 0, 1728, bands), LEGAL_TEXT_LINES,
                 "paper, legal: %u lines a page", LEGAL_TEXT_LINES);
    fax_free(&fax);
    setenv("PAPERSIZE", "a4", 1);
    free(pdf);
    free(text);
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

/* Grey and colour TIFF, as scanners write them. */
static void test_tiff_pictures(void)
{
    static const struct {
        enum tiff_kind kind;
        uint16_t compression;
        const char *name;
    } kinds[] = {
        { TIFF_GREY8, COMPRESSION_LZW, "8-bit grey, LZW" },
        { TIFF_GREY16, COMPRESSION_NONE, "16-bit grey, uncompressed" },
        { TIFF_PALETTE, COMPRESSION_PACKBITS, "palette, PackBits" },
        { TIFF_RGB, COMPRESSION_ADOBE_DEFLATE, "RGB, Deflate" },
        { TIFF_RGBA, COMPRESSION_LZW, "RGB with alpha, LZW" },
        { TIFF_BILEVEL, COMPRESSION_NONE, "1 bit, 300 dpi, uncompressed" },
    };
    const struct test_picture square = { 864, 400, 300, 300, square_tone };
    const struct test_picture scanned = { 864, 400, 300, 300, scanned_tone };
    const struct test_picture gradient = { 864, 400, 300, 300, gradient_tone };
    const struct test_picture three[3] = { square, gradient, square };
    const enum tiff_kind page_kinds[3] = { TIFF_GREY8, TIFF_RGB, TIFF_PALETTE };
    const uint16_t page_compressions[3] = { COMPRESSION_NONE, COMPRESSION_LZW,
                                            COMPRESSION_ADOBE_DEFLATE };
    struct fax fax;
    unsigned pages;

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        is_equal(convert_one_tiff(&square, kinds[i].kind, kinds[i].compression, &fax, &pages), 0,
                 "tiff picture, %s: converted (%s)", kinds[i].name, winfax_message_get());
        ok(sharp_square(&fax), "tiff picture, %s: the square sharp where it should be",
           kinds[i].name);
        fax_free(&fax);
    }

    /* Grey paper, dark ink, grey anti-aliased edges: a threshold, not
     * dithering, or the paper would be sprinkled with dots. */
    is_equal(convert_one_tiff(&scanned, TIFF_GREY8, COMPRESSION_LZW, &fax, &pages), 0,
             "tiff picture, scanned text: converted");
    ok(sharp_square(&fax), "tiff picture, scanned text: thresholded, sharp, no dots on the paper");
    fax_free(&fax);

    /* A gradient is dithered: the share of black dots follows the tone. */
    is_equal(convert_one_tiff(&gradient, TIFF_GREY8, COMPRESSION_ADOBE_DEFLATE, &fax, &pages), 0,
             "tiff picture, gradient: converted");
    if (fax.pages == 1) {
        static const double tones[] = { 0.125, 0.25, 0.5, 0.75, 0.875 };
        const struct page *page = &fax.page[0];

        for (size_t i = 0; i < sizeof(tones) / sizeof(tones[0]); i++) {
            uint32_t x = (uint32_t)(tones[i] * 1728);
            double ink = (double)count_black(page, x - 32, 100, x + 32, 600) / (64.0 * 500);

            ok(ink > 1 - tones[i] - 0.06 && ink < 1 - tones[i] + 0.06,
               "tiff picture, gradient: %.0f%% ink where the tone is %.0f%% white", ink * 100,
               tones[i] * 100);
        }
        write_preview(page, "tiff-gradient");
    }
    fax_free(&fax);

    is_equal(convert_fd(picture_tiff(three, page_kinds, page_compressions, 3), &fax, &pages), 0,
             "tiff picture, three pages (grey, RGB, palette): converted");
    is_equal(pages, 3, "tiff picture, three pages: three fax pages");
    if (fax.pages == 3) {
        struct fax one = { .pages = 1, .page = { fax.page[2] } };

        ok(count_black(&fax.page[1], 0, 0, 1728, 769) > 200000,
           "tiff picture, three pages: the gradient is the second");
        ok(sharp_square(&one), "tiff picture, three pages: the square is the third");
    }
    fax_free(&fax);

    /* 1728 pixels at 204 x 98 dpi, but uncompressed (not class F): its
     * pixels are twice as high as wide, so 100 rows are 200 fine lines. */
    {
        const struct test_picture standard = { 1728, 100, 204, 98, square_tone };

        is_equal(convert_one_tiff(&standard, TIFF_BILEVEL, COMPRESSION_NONE, &fax, &pages), 0,
                 "tiff picture, 204 x 98 dpi: converted");
        ok(fax.pages == 1 && fax.page[0].height == 200 &&
               count_black(&fax.page[0], 0, 0, 1728, 200) == 100ul * 50 * 2,
           "tiff picture, 204 x 98 dpi: each row two fine lines");
        fax_free(&fax);
    }

    /* An A4 scan (75 dpi) is 2348 lines at the full width: made a little
     * narrower to fit one A4 page, not cut into two. */
    {
        const struct test_picture a4 = { 620, 877, 75, 75, black_tone };

        is_equal(convert_one_tiff(&a4, TIFF_GREY8, COMPRESSION_LZW, &fax, &pages), 0,
                 "tiff picture, A4 scan: converted");
        ok(pages == 1 && fax.page[0].height == 2292, "tiff picture, A4 scan: one A4 page");
        if (fax.pages == 1)
            ok(count_black(&fax.page[0], 0, 0, 19, 2292) == 0 &&
                   count_black(&fax.page[0], 1709, 0, 1728, 2292) == 0 &&
                   count_black(&fax.page[0], 21, 0, 1707, 2292) == 1686ul * 2292,
               "tiff picture, A4 scan: 1687 pixels wide, centred");
        fax_free(&fax);
    }
}

/* A small G4 page whose directory is then made to claim width x height
 * (the ImageWidth and ImageLength entries rewritten as LONGs): what a
 * hostile file looks like.  -1 when it cannot be made. */
static int claiming_tiff(uint32_t width, uint32_t height)
{
    const struct test_picture small = { 64, 8, 204, 196, square_tone };
    enum tiff_kind kind = TIFF_BILEVEL;
    uint16_t compression = COMPRESSION_CCITTFAX4;
    int fd = picture_tiff(&small, &kind, &compression, 1);
    unsigned char header[8], entry[12];
    uint32_t directory;
    uint16_t entries;

    if (fd < 0 || pread(fd, header, 8, 0) != 8 || header[0] != 'I')
        return -1;
    directory = (uint32_t)header[4] | (uint32_t)header[5] << 8 | (uint32_t)header[6] << 16 |
                (uint32_t)header[7] << 24;
    if (pread(fd, &entries, 2, directory) != 2)
        return -1;
    for (uint16_t i = 0; i < entries; i++) {
        off_t at = (off_t)directory + 2 + 12 * i;
        uint16_t tag;
        uint32_t value;

        if (pread(fd, entry, 12, at) != 12)
            return -1;
        tag = (uint16_t)(entry[0] | entry[1] << 8);
        if (tag != TIFFTAG_IMAGEWIDTH && tag != TIFFTAG_IMAGELENGTH)
            continue;
        value = tag == TIFFTAG_IMAGEWIDTH ? width : height;
        entry[2] = 4;   /* LONG */
        entry[3] = 0;
        memcpy(entry + 8, &value, 4);   /* the test runs little-endian */
        if (pwrite(fd, entry, 12, at) != 12)
            return -1;
    }
    return fd;
}

/* A TIFF that claims to be huge is refused from its directory, before a
 * row is decoded or a pixel buffer allocated. */
static void test_hostile_tiff(void)
{
    static const uint32_t sizes[][2] = { { 100000, 100000 }, { 5u * 1024 * 1024, 2 } };

    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        struct fax fax;
        unsigned pages;

        is_equal(convert_fd(claiming_tiff(sizes[i][0], sizes[i][1]), &fax, &pages), -EILSEQ,
                 "hostile tiff %u x %u: refused", sizes[i][0], sizes[i][1]);
        ok(strstr(winfax_message_get(), "libwinfax takes up to") != NULL,
           "hostile tiff %u x %u: the message says why (%s)", sizes[i][0], sizes[i][1],
           winfax_message_get());
        fax_free(&fax);
    }
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

/* The cover page's columns (cover_page.c): labels from 144 to 444 (the
 * widest label, "Office phone:", is narrower), values from 456 or further
 * right (a J's hook reaches a little left of where they start), up to 1584. */
#define COVER_MARGIN 144
#define COVER_LABELS_END (144 + 300)
#define COVER_VALUES (144 + 312)
#define COVER_RIGHT  (1728 - 144)
/* test_cover_page's 7 labels (To, Company, Fax number, From, Date, Pages,
 * Subject) between the title's rule and the rule under them. */
#define COVER_LABELS 7

/* In front of a standard-resolution document, the cover page is standard
 * too (half the lines, each pair of fine lines merged). */
static void test_cover_page_of_a_standard_document(const struct winfax_cover_page *cover)
{
    struct winfax_fax_writer *writer = NULL;
    struct winfax_bitmap page;
    struct band bands[BANDS_MAX];
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
        unsigned count = find_bands(&fax.page[0], COVER_MARGIN, COVER_LABELS_END, bands);

        ok(fax.page[0].height == 1146 && fax.page[0].y_dpi > 97.9f && fax.page[0].y_dpi < 98.1f,
           "cover, standard: 1146 lines at 98 dpi (got %u at %.1f)", fax.page[0].height,
           fax.page[0].y_dpi);
        /* Fine: the title from row 144, about 80 rows high. */
        ok(count > 0 && bands[0].top >= 72 && bands[0].top < 95 &&
               bands[0].bottom - bands[0].top > 30 && bands[0].bottom - bands[0].top < 50,
           "cover, standard: FAX at half the height (rows %u..%u)", count ? bands[0].top : 0,
           count ? bands[0].bottom : 0);
        is_equal(count_black(&fax.page[1], 0, 0, 1728, 1145), 2500,
                 "cover, standard: the document's page follows unchanged");
        write_preview(&fax.page[0], "cover-standard");
    }
    fax_free(&fax);
    close(document_fd);
    if (cover_fd >= 0)
        close(cover_fd);
}

/* The rows the labels' column has ink in: the title, the rule, the
 * labels, the rule, the note's lines. */
static unsigned cover_bands(const struct winfax_cover_page *cover, struct band *bands,
                            struct winfax_bitmap *page_out)
{
    struct winfax_bitmap bitmap;
    struct page page;
    unsigned count;

    if (winfax_cover_page_render(cover, &bitmap) != 0)
        return 0;
    page = (struct page){ 1728, bitmap.height, (float)bitmap.y_dpi, bitmap.bits };
    count = find_bands(&page, COVER_MARGIN, COVER_LABELS_END, bands);
    if (page_out)
        *page_out = bitmap;
    else
        winfax_bitmap_free(&bitmap);
    return count;
}

static void test_cover_page(void)
{
    char banner[WINFAX_COVER_BANNER_SIZE];
    struct winfax_cover_page cover = {
        .name = "fyi.cov",
        .recipient_name = "J\xc3\xbcrgen M\xc3\xbcller",
        .recipient_fax_number = "5550102",
        .recipient_company = "\xd0\x9e\xd0\x9e\xd0\x9e \xc2\xab\xd0\xa0\xd0\xbe\xd0\xbc\xd0\xb0\xd1"
                             "\x88\xd0\xba\xd0\xb0\xc2\xbb",
        .sender_name = "Bob",
        .subject = "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1",
        .note = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d "
                "Two pages follow.",
        .date = "2026-11-24 20:00", .page_count = 3,
    };
    struct winfax_cover_page long_name = cover;
    struct band bands[BANDS_MAX], long_bands[BANDS_MAX];
    struct winfax_bitmap bitmap;
    struct fax fax, with_cover;
    unsigned pages, count, long_count;
    char *name = malloc(601);
    int fd, text_fd, cover_fd = -1;

    winfax_cover_page_banner("/usr/share/confident.COV", banner);
    ok(strcmp(banner, "CONFIDENT") == 0, "cover: heading from the name (%s)", banner);
    winfax_cover_page_banner("generic.cov", banner);
    ok(banner[0] == '\0', "cover: no heading for generic.cov");
    winfax_cover_page_banner("geheim-\xc3\xbc.cov", banner);
    ok(strcmp(banner, "GEHEIM-\xc3\x9c") == 0, "cover: a heading in capitals, any script (%s)",
       banner);
    winfax_cover_page_banner("\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6"
                             "\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6\xd0\xb6"
                             "\xd0\xb6\xd0\xb6.cov",
                             banner);
    ok(strlen(banner) == 32 && g_utf8_validate(banner, -1, NULL),
       "cover: a heading keeps 16 whole characters");
    winfax_cover_page_banner("bad\xff.cov", banner);
    ok(g_utf8_validate(banner, -1, NULL), "cover: a name that is not UTF-8 gives valid UTF-8");

    fd = memory_file("page one\fpage two", 17);
    ok(winfax_document_prepare(fd, &text_fd, &pages) == 0 && pages == 2,
       "cover: a two-page document");
    close(fd);
    is_equal(winfax_document_with_cover(text_fd, &cover, &cover_fd), 0, "cover: prepended");
    ok(fax_read(text_fd, &fax) && fax_read(cover_fd, &with_cover), "cover: both decode");
    is_equal(with_cover.pages, 3, "cover: three pages");
    if (with_cover.pages == 3 && fax.pages == 2) {
        const struct page *page = &with_cover.page[0];

        count = find_bands(page, COVER_MARGIN, COVER_LABELS_END, bands);
        ok(count >= 3 + COVER_LABELS && bands[0].top >= 144 && bands[0].top < 190 &&
               bands[0].bottom - bands[0].top > 70,
           "cover: FAX in large letters at the top (rows %u..%u)", count ? bands[0].top : 0,
           count ? bands[0].bottom : 0);
        ok(count_black(page, 410, bands[0].top, COVER_RIGHT, bands[0].bottom) > 200,
           "cover: the heading word beside it");
        ok(count >= 3 + COVER_LABELS && bands[1].bottom - bands[1].top == 6 &&
               bands[2 + COVER_LABELS].bottom - bands[2 + COVER_LABELS].top == 6,
           "cover: the rules above and below the fields");
        if (count >= 3 + COVER_LABELS) {
            /* The values of To: (Latin), Company: (Cyrillic), Subject:
             * (Greek) print in their rows. */
            ok(count_black(page, COVER_VALUES, bands[2].top, COVER_RIGHT, bands[2].bottom) > 300 &&
                   count_black(page, COVER_VALUES, bands[3].top, COVER_RIGHT, bands[3].bottom) >
                       300 &&
                   count_black(page, COVER_VALUES, bands[1 + COVER_LABELS].top - 4,
                               COVER_RIGHT, bands[1 + COVER_LABELS].bottom + 8) > 300,
               "cover: the values print beside their labels");
            ok(count > 3 + COVER_LABELS &&
                   count_black(page, 0, bands[3 + COVER_LABELS].top, 1728,
                               bands[3 + COVER_LABELS].bottom) > 500,
               "cover: the note under the rule");
        }
        ok(memcmp(with_cover.page[1].bits, fax.page[0].bits, 216 * 2292) == 0 &&
               memcmp(with_cover.page[2].bits, fax.page[1].bits, 216 * 2292) == 0,
           "cover: the document's pages follow unchanged");
        write_preview(page, "cover");
    }
    fax_free(&fax);
    fax_free(&with_cover);
    close(text_fd);
    if (cover_fd >= 0)
        close(cover_fd);

    /* A value too long for its three lines: the next row stays where
     * three lines end. */
    for (int i = 0; i < 600; i++)
        name[i] = i % 7 == 6 ? ' ' : 'n';
    name[600] = '\0';
    long_name.recipient_name = name;
    count = cover_bands(&cover, bands, NULL);
    long_count = cover_bands(&long_name, long_bands, &bitmap);
    if (ok(count == long_count && count >= 4, "cover, long value: the same rows of labels (%u, %u)",
           count, long_count)) {
        int shift = (int)(long_bands[3].top - bands[3].top);
        int line = (int)(bands[4].top - bands[3].top);   /* Company: to Fax number: */
        struct page page = { 1728, bitmap.height, 196, bitmap.bits };

        ok(shift > 2 * line - 4 && shift < 2 * line + 4,
           "cover, long value: wrapped into 3 lines (the next row %d rows lower, a line is %d)",
           shift, line);
        write_preview(&page, "cover-long-value");
    }
    winfax_bitmap_free(&bitmap);
    free(name);
    test_cover_page_of_a_standard_document(&cover);
}

/* A cover page with every string of FAX_COVERPAGE_INFO set, each long
 * enough to wrap many times, and each its own so it can be found. */
#define COVER_FIELDS 24
#define COVER_LONG_VALUE 400

static char *long_value(const char *field)
{
    char *value = malloc(COVER_LONG_VALUE + 1);
    size_t length = (size_t)sprintf(value, "%s", field);

    for (; length < COVER_LONG_VALUE; length++)
        value[length] = length % 9 == 8 ? ' ' : 'w';
    value[COVER_LONG_VALUE] = '\0';
    return value;
}

struct cover_field_check {
    const char *label;
    const char **field;
    const char *name;
};

static unsigned rows_with(const struct winfax_cover_layout *layout, const char *label,
                          const char *value)
{
    unsigned found = 0;

    for (size_t i = 0; i < layout->row_count; i++)
        if (layout->rows[i].label && strcmp(layout->rows[i].label, label) == 0 &&
            strcmp(layout->rows[i].value, value) == 0)
            found++;
    return found;
}

/* Rows one under the other, inside the margins, under the first rule,
 * the note (the last row) under the second. */
static bool rows_fit(const struct winfax_cover_layout *layout, uint32_t page_lines)
{
    int y = layout->rules[0] + 6;

    if (layout->bottom != (int)page_lines - 144)
        return false;
    for (size_t i = 0; i < layout->row_count; i++) {
        const struct winfax_cover_row *row = &layout->rows[i];

        if (!row->label && i + 1 == layout->row_count && y <= layout->rules[1])
            y = layout->rules[1] + 6;
        if (row->y < y || row->height <= 0 || row->y + row->height > layout->bottom ||
            row->label_x != 144 || row->x < row->label_x || row->x + row->width > 1728 - 144)
            return false;
        y = row->y + row->height;
    }
    return y <= layout->bottom && (layout->row_count == 0 ||
                                   layout->rows[layout->row_count - 1].label ||
                                   layout->rules[1] + 6 <= layout->rows[layout->row_count - 1].y);
}

static void test_cover_layout_on(const char *paper, const struct winfax_cover_page *cover,
                                 const struct cover_field_check *checks)
{
    uint32_t lines = winfax_paper_named(paper)->fine_lines;
    struct winfax_text_canvas canvas;
    struct winfax_cover_layout layout;
    struct winfax_bitmap bitmap;
    unsigned missing = 0, empty_rows = 0;
    char pages[64];

    if (winfax_text_canvas_init(&canvas, lines, WINFAX_FINE_DPI) != 0) {
        ok(false, "cover layout, %s: a canvas", paper);
        return;
    }
    winfax_cover_page_layout(cover, &canvas, lines, &layout);
    snprintf(pages, sizeof(pages), "%u (this page included)", cover->page_count);
    for (unsigned i = 0; i < COVER_FIELDS; i++)
        if (rows_with(&layout, checks[i].label, *checks[i].field) != 1) {
            tap_diag("%s: %s (%s) not printed once", paper, checks[i].name, checks[i].label);
            missing++;
        }
    for (size_t i = 0; i < layout.row_count; i++)
        empty_rows += !layout.rows[i].value[0];
    ok(missing == 0 && rows_with(&layout, "Pages:", pages) == 1 && empty_rows == 0,
       "cover layout, %s: every field once with its label and value", paper);
    ok(layout.row_count == COVER_FIELDS + 2 && !layout.rows[COVER_FIELDS + 1].label &&
           strcmp(layout.rows[COVER_FIELDS + 1].value, cover->note) == 0,
       "cover layout, %s: 24 fields, Pages and the note (%zu rows)", paper,
       layout.row_count);
    ok(rows_fit(&layout, lines), "cover layout, %s: no row overlaps another or the margins",
       paper);
    /* The renderer draws that list: ink in each row's block, none past the
     * bottom margin. */
    setenv("PAPERSIZE", paper, 1);
    if (winfax_cover_page_render(cover, &bitmap) == 0) {
        struct page page = { 1728, bitmap.height, 196, bitmap.bits };
        unsigned blank = 0;

        for (size_t i = 0; i < layout.row_count; i++) {
            const struct winfax_cover_row *row = &layout.rows[i];

            blank += count_black(&page, (uint32_t)row->x, (uint32_t)row->y,
                                 (uint32_t)(row->x + row->width),
                                 (uint32_t)(row->y + row->height)) < 100;
        }
        ok(bitmap.height == lines && blank == 0 &&
               count_black(&page, 0, (uint32_t)layout.bottom, 1728, lines) == 0,
           "cover layout, %s: every row drawn where laid out, nothing below the margin (%u "
           "blank)", paper, blank);
        write_preview(&page, strcmp(paper, "a4") == 0 ? "cover-all-fields-a4"
                                                      : "cover-all-fields-letter");
        winfax_bitmap_free(&bitmap);
    } else {
        ok(false, "cover layout, %s: rendered", paper);
    }
    setenv("PAPERSIZE", "a4", 1);
    winfax_cover_layout_free(&layout);
    winfax_text_canvas_free(&canvas);
}

static void test_cover_layout(void)
{
    struct winfax_cover_page cover = { .name = "urgent.cov", .page_count = 12 };
    const struct cover_field_check checks[COVER_FIELDS] = {
        { "To:", &cover.recipient_name, "RecName" },
        { "Fax number:", &cover.recipient_fax_number, "RecFaxNumber" },
        { "Company:", &cover.recipient_company, "RecCompany" },
        { "Street:", &cover.recipient_street_address, "RecStreetAddress" },
        { "City:", &cover.recipient_city, "RecCity" },
        { "State:", &cover.recipient_state, "RecState" },
        { "ZIP:", &cover.recipient_zip, "RecZip" },
        { "Country:", &cover.recipient_country, "RecCountry" },
        { "Title:", &cover.recipient_title, "RecTitle" },
        { "Department:", &cover.recipient_department, "RecDepartment" },
        { "Office:", &cover.recipient_office_location, "RecOfficeLocation" },
        { "Home phone:", &cover.recipient_home_phone, "RecHomePhone" },
        { "Office phone:", &cover.recipient_office_phone, "RecOfficePhone" },
        { "From:", &cover.sender_name, "SdrName" },
        { "Fax number:", &cover.sender_fax_number, "SdrFaxNumber" },
        { "Company:", &cover.sender_company, "SdrCompany" },
        { "Address:", &cover.sender_address, "SdrAddress" },
        { "Title:", &cover.sender_title, "SdrTitle" },
        { "Department:", &cover.sender_department, "SdrDepartment" },
        { "Office:", &cover.sender_office_location, "SdrOfficeLocation" },
        { "Home phone:", &cover.sender_home_phone, "SdrHomePhone" },
        { "Office phone:", &cover.sender_phone, "SdrOfficePhone" },
        { "Subject:", &cover.subject, "Subject" },
        { "Date:", &cover.date, "TimeSent" },
    };
    char *values[COVER_FIELDS], *note = malloc(20001);
    struct winfax_text_canvas canvas;
    struct winfax_cover_layout layout;

    for (unsigned i = 0; i < COVER_FIELDS; i++)
        *checks[i].field = values[i] = long_value(checks[i].name);
    for (unsigned i = 0; i < 20000; i++)
        note[i] = i % 11 == 10 ? ' ' : 'n';
    note[20000] = '\0';
    cover.note = note;
    test_cover_layout_on("letter", &cover, checks);
    test_cover_layout_on("a4", &cover, checks);

    /* Only some fields: the empty and missing ones take no row, and a
     * long value keeps its three lines when there is room. */
    cover = (struct winfax_cover_page){ .recipient_name = values[0], .recipient_city = "",
                                        .sender_fax_number = "+49 30 1234", .note = "",
                                        .page_count = 2 };
    if (winfax_text_canvas_init(&canvas, 2292, WINFAX_FINE_DPI) == 0) {
        winfax_cover_page_layout(&cover, &canvas, 2292, &layout);
        ok(layout.row_count == 3 && rows_with(&layout, "To:", values[0]) == 1 &&
               rows_with(&layout, "Fax number:", "+49 30 1234") == 1 &&
               rows_with(&layout, "Pages:", "2 (this page included)") == 1,
           "cover layout, few fields: To, Fax number and Pages only (%zu rows)",
           layout.row_count);
        ok(layout.row_count == 3 && layout.rows[0].height > 2 * layout.rows[2].height &&
               layout.rows[0].height < 4 * layout.rows[2].height &&
               layout.rows[1].y > layout.rows[0].y + layout.rows[0].height,
           "cover layout, few fields: the long name in 3 lines, a gap before From's block");
        ok(rows_fit(&layout, 2292), "cover layout, few fields: inside the margins");
        winfax_cover_layout_free(&layout);
        winfax_text_canvas_free(&canvas);
    }
    for (unsigned i = 0; i < COVER_FIELDS; i++)
        free(values[i]);
    free(note);
}

/* Several files as one fax, their pages in order; a bad one named. */
static void test_combine(void)
{
    size_t png_length;
    unsigned char *png = square_png(&png_length);
    int fds[3] = { memory_file("page one\fpage two", 17), memory_file(png, png_length),
                   memory_file("\x7f" "ELF\2\1\1", 7) };
    int combined = -1;
    unsigned pages = 0;
    size_t failed = 99;
    struct fax fax;

    winfax_message_clear();
    is_equal(winfax_documents_combine(fds, 2, &combined, &pages, &failed), 0,
             "combine: a text and a picture (%s)", winfax_message_get());
    ok(pages == 3 && failed == 2, "combine: 3 pages (got %u)", pages);
    ok(combined >= 0 && fax_read(combined, &fax) && fax.pages == 3 &&
           fax.page[0].height == 2292 && fax.page[1].height == 2292 &&
           fax.page[2].height == 769,
       "combine: the text's two pages, then the picture's");
    fax_free(&fax);
    if (combined >= 0)
        close(combined);
    combined = -1;
    winfax_message_clear();
    is_equal(winfax_documents_combine(fds, 3, &combined, &pages, &failed), -EILSEQ,
             "combine: a file that is no document refuses the whole fax");
    ok(failed == 2 && combined == -1 && strstr(winfax_message_get(), "not a document"),
       "combine: it says which file and why (%zu: %s)", failed, winfax_message_get());
    for (int i = 0; i < 3; i++)
        close(fds[i]);
    free(png);
}

int main(void)
{
    /* The tests' own paper, whatever the machine's /etc/papersize says. */
    setenv("PAPERSIZE", "a4", 1);
    test_detection();
    test_text();
    test_utf16_text();
    test_scripts();
    test_pagination();
    test_paper();
    test_pictures();
    test_tiff_pictures();
    test_hostile_tiff();
    test_ghostscript();
    test_refusals();
    test_cover_page();
    test_cover_layout();
    test_combine();
    return tap_finish();
}
