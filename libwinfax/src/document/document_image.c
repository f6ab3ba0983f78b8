/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "document_image.h"

#include <errno.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "document_message.h"
#include "paper_size.h"

int winfax_picture_check_dimensions(const char *format, uint64_t width, uint64_t height)
{
    if (width == 0 || height == 0 || width * height > WINFAX_IMAGE_PIXELS_MAX) {
        winfax_message_set("the %s picture is %llu x %llu pixels: libwinfax takes up to %u "
                           "pixels",
                           format, (unsigned long long)width, (unsigned long long)height,
                           WINFAX_IMAGE_PIXELS_MAX);
        return -EILSEQ;
    }
    return 0;
}

/* ---- scaling, dithering, pages ---------------------------------------------- */

/* Where output column (or row) i takes its source pixels: [start, end). */
static void box_bounds(uint64_t i, uint64_t output_size, uint64_t source_size, uint32_t *start,
                       uint32_t *end)
{
    *start = (uint32_t)(i * source_size / output_size);
    *end = (uint32_t)((i + 1) * source_size / output_size);
    if (*end <= *start)
        *end = *start + 1;   /* enlarging: the nearest pixel */
}

struct dither_state {
    int *this_row, *next_row;   /* errors, one guard cell each side */
    uint32_t *column_start, *column_end;
    uint32_t left, width;       /* the picture's columns on the line */
    bool threshold;             /* plain threshold, no error diffusion */
    unsigned char *line;
};

static int dither_init(struct dither_state *state, const struct winfax_grey_picture *image,
                       uint32_t width, bool threshold)
{
    state->this_row = calloc(WINFAX_BITMAP_WIDTH + 2, sizeof(int));
    state->next_row = calloc(WINFAX_BITMAP_WIDTH + 2, sizeof(int));
    state->column_start = malloc(WINFAX_BITMAP_WIDTH * sizeof(uint32_t));
    state->column_end = malloc(WINFAX_BITMAP_WIDTH * sizeof(uint32_t));
    state->line = malloc(WINFAX_BITMAP_STRIDE);
    if (!state->this_row || !state->next_row || !state->column_start || !state->column_end ||
        !state->line)
        return -ENOMEM;
    state->width = width;
    state->left = (WINFAX_BITMAP_WIDTH - width) / 2;
    state->threshold = threshold;
    for (uint32_t x = 0; x < width; x++)
        box_bounds(x, width, image->width, &state->column_start[x], &state->column_end[x]);
    return 0;
}

static void dither_free(struct dither_state *state)
{
    free(state->this_row);
    free(state->next_row);
    free(state->column_start);
    free(state->column_end);
    free(state->line);
}

/* The output line from source rows [row_start, row_end), into state->line. */
static void dither_line(struct dither_state *state, const struct winfax_grey_picture *image,
                        uint32_t row_start, uint32_t row_end)
{
    int *swap;

    memset(state->line, 0, WINFAX_BITMAP_STRIDE);
    memset(state->next_row, 0, (WINFAX_BITMAP_WIDTH + 2) * sizeof(int));
    for (uint32_t x = 0; x < state->width; x++) {
        uint32_t column = state->left + x;
        uint64_t sum = 0, count = 0;
        int value, error;

        for (uint32_t y = row_start; y < row_end; y++) {
            const unsigned char *row = image->pixels + (size_t)y * image->width;

            for (uint32_t source = state->column_start[x]; source < state->column_end[x];
                 source++)
                sum += row[source];
            count += state->column_end[x] - state->column_start[x];
        }
        value = (int)(sum / count);
        if (!state->threshold)
            value += state->this_row[x + 1] / 16;
        if (value < 128) {
            state->line[column / 8] |= (unsigned char)(0x80u >> (column % 8));
            error = value;
        } else {
            error = value - 255;
        }
        if (state->threshold)
            continue;
        /* Floyd-Steinberg: 7/16 right, 3/16 below left, 5/16 below,
         * 1/16 below right (kept in sixteenths). */
        state->this_row[x + 2] += error * 7;
        state->next_row[x] += error * 3;
        state->next_row[x + 1] += error * 5;
        state->next_row[x + 2] += error;
    }
    swap = state->this_row;
    state->this_row = state->next_row;
    state->next_row = swap;
}

bool winfax_grey_picture_is_bilevel(const struct winfax_grey_picture *image)
{
    size_t pixels = (size_t)image->width * image->height, middle = 0;

    for (size_t i = 0; i < pixels; i++)
        middle += image->pixels[i] >= WINFAX_MIDDLE_TONE_LOW &&
                  image->pixels[i] <= WINFAX_MIDDLE_TONE_HIGH;
    return middle <= pixels / WINFAX_MIDDLE_TONE_SHARE;
}

int winfax_grey_to_fax(const struct winfax_grey_picture *image, struct winfax_fax_writer *writer)
{
    /* Output lines = height * (1728 / width) * (196 / 204) * pixel_aspect:
     * the picture keeps its proportions on paper. */
    double pixel_aspect = image->pixel_aspect > 0 ? image->pixel_aspect : 1.0;
    double exact_lines = (double)image->height * WINFAX_BITMAP_WIDTH * WINFAX_FINE_DPI *
                         pixel_aspect / ((double)image->width * WINFAX_X_DPI);
    const uint32_t paper_lines = winfax_paper_default()->fine_lines;
    uint32_t width = WINFAX_BITMAP_WIDTH;
    struct dither_state state;
    uint64_t lines;
    int error;

    /* A picture a little taller than the paper at the full width (a
     * scanned A4 page: 210 mm drawn 215 mm wide is 304 mm long; A4 on
     * Letter) is made a little narrower so that it fits one page, rather
     * than leave a sliver of it on a second page. */
    if (exact_lines > paper_lines &&
        exact_lines <= paper_lines * (1.0 + 1.0 / WINFAX_IMAGE_FIT_SLACK)) {
        width = (uint32_t)(WINFAX_BITMAP_WIDTH * (double)paper_lines / exact_lines);
        if (width == 0)
            width = 1;
        exact_lines = paper_lines;
    }
    if (exact_lines > (double)WINFAX_IMAGE_PAGES_MAX * paper_lines) {
        winfax_message_set("the picture (%u x %u pixels) would make more than %u pages at "
                           "the fax width",
                           image->width, image->height, WINFAX_IMAGE_PAGES_MAX);
        return -EILSEQ;
    }
    lines = (uint64_t)(exact_lines + 0.5);
    if (lines == 0)
        lines = 1;
    memset(&state, 0, sizeof(state));
    error = dither_init(&state, image, width, winfax_grey_picture_is_bilevel(image));
    for (uint64_t done = 0; !error && done < lines;) {
        uint32_t page_lines = lines - done > paper_lines ? paper_lines
                                                                  : (uint32_t)(lines - done);

        error = winfax_fax_writer_begin_page(writer, page_lines, (float)WINFAX_FINE_DPI);
        for (uint32_t i = 0; !error && i < page_lines; i++, done++) {
            uint32_t start, end;

            box_bounds(done, lines, image->height, &start, &end);
            dither_line(&state, image, start, end);
            error = winfax_fax_writer_add_line(writer, state.line);
        }
        if (!error)
            error = winfax_fax_writer_end_page(writer);
    }
    dither_free(&state);
    return error;
}

/* ---- PNG ------------------------------------------------------------------------ */

int winfax_png_to_fax(const unsigned char *data, size_t length,
                      struct winfax_fax_writer *writer)
{
    /* Transparent pixels are laid on white paper. */
    const png_color white = { 255, 255, 255 };
    struct winfax_grey_picture image = { 0, 0, 1.0, NULL };
    png_image png;
    int error;

    memset(&png, 0, sizeof(png));
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&png, data, length)) {
        winfax_message_set("the PNG picture cannot be read: %s", png.message);
        png_image_free(&png);
        return -EILSEQ;
    }
    png.format = PNG_FORMAT_GRAY;
    error = winfax_picture_check_dimensions("PNG", png.width, png.height);
    if (!error) {
        image.pixels = malloc(PNG_IMAGE_SIZE(png));
        if (!image.pixels)
            error = -ENOMEM;
    }
    if (error) {
        png_image_free(&png);
        return error;
    }
    if (!png_image_finish_read(&png, &white, image.pixels, 0, NULL)) {
        winfax_message_set("the PNG picture is damaged or cut short: %s", png.message);
        png_image_free(&png);
        free(image.pixels);
        return -EILSEQ;
    }
    image.width = png.width;
    image.height = png.height;
    error = winfax_grey_to_fax(&image, writer);
    free(image.pixels);
    return error;
}

/* ---- JPEG ----------------------------------------------------------------------- */

struct jpeg_failure {
    struct jpeg_error_mgr manager;   /* first: libjpeg hands this pointer back */
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

static void jpeg_fail(j_common_ptr info)
{
    struct jpeg_failure *failure = (struct jpeg_failure *)info->err;

    info->err->format_message(info, failure->message);
    longjmp(failure->jump, 1);
}

/* libjpeg only warns about corrupt or missing data (and then invents
 * grey pixels); a fax of a half-decoded picture is not what was asked
 * for, so those warnings (level -1) are failures here.  Trace messages
 * (level >= 0) are not. */
static void jpeg_message(j_common_ptr info, int level)
{
    if (level < 0)
        jpeg_fail(info);
}

int winfax_jpeg_to_fax(const unsigned char *data, size_t length,
                       struct winfax_fax_writer *writer)
{
    struct jpeg_decompress_struct jpeg;
    struct jpeg_failure failure;
    struct winfax_grey_picture image = { 0, 0, 1.0, NULL };
    /* Read again after a longjmp: volatile, so it is not kept in a
     * register that the jump restores to an old value. */
    unsigned char *volatile pixels = NULL;
    int error;

    memset(&jpeg, 0, sizeof(jpeg));
    jpeg.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_fail;
    failure.manager.emit_message = jpeg_message;
    if (setjmp(failure.jump)) {
        jpeg_destroy_decompress(&jpeg);
        free(pixels);
        winfax_message_set("the JPEG picture is damaged or cut short: %s", failure.message);
        return -EILSEQ;
    }
    jpeg_create_decompress(&jpeg);
    jpeg_mem_src(&jpeg, data, (unsigned long)length);
    jpeg_read_header(&jpeg, TRUE);
    jpeg.out_color_space = JCS_GRAYSCALE;
    error = winfax_picture_check_dimensions("JPEG", jpeg.image_width, jpeg.image_height);
    if (!error) {
        pixels = malloc((size_t)jpeg.image_width * jpeg.image_height);
        if (!pixels)
            error = -ENOMEM;
    }
    if (error) {
        jpeg_destroy_decompress(&jpeg);
        return error;
    }
    jpeg_start_decompress(&jpeg);
    while (jpeg.output_scanline < jpeg.output_height) {
        JSAMPROW row = pixels + (size_t)jpeg.output_scanline * jpeg.output_width;

        jpeg_read_scanlines(&jpeg, &row, 1);
    }
    jpeg_finish_decompress(&jpeg);
    image.width = jpeg.output_width;
    image.height = jpeg.output_height;
    image.pixels = pixels;
    jpeg_destroy_decompress(&jpeg);
    error = winfax_grey_to_fax(&image, writer);
    free(pixels);
    return error;
}
