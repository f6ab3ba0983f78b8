// SPDX-License-Identifier: GPL-2.0
#include "tiff_pages.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

int tiff_pages_count(const char *path, FILE *diag)
{
	TIFF *tif = TIFFOpen(path, "r");
	int pages;

	if (!tif) {
		fprintf(diag, "# %s: cannot open TIFF\n", path);
		return -1;
	}
	pages = TIFFNumberOfDirectories(tif);
	TIFFClose(tif);
	return pages;
}

/* One decoded page: rows of packed bits, MSB first, 1 = black. */
struct decoded_page {
	uint32_t width;
	uint32_t length;
	size_t row_bytes;
	uint8_t *bits;
};

static int decode_current_page(TIFF *tif, const char *path, int page,
			       struct decoded_page *out, FILE *diag)
{
	uint16_t bits_per_sample = 1, samples_per_pixel = 1;
	uint16_t photometric = PHOTOMETRIC_MINISWHITE;
	tmsize_t scanline_size;

	memset(out, 0, sizeof(*out));
	if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &out->width) ||
	    !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &out->length)) {
		fprintf(diag, "# %s page %d: no image size\n", path, page);
		return -1;
	}
	TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits_per_sample);
	TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples_per_pixel);
	/* Fax readers take a missing Photometric as white-is-zero. */
	TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
	if (bits_per_sample != 1 || samples_per_pixel != 1) {
		fprintf(diag, "# %s page %d: not bilevel (%u bits x %u samples)\n",
			path, page, bits_per_sample, samples_per_pixel);
		return -1;
	}
	scanline_size = TIFFScanlineSize(tif);
	out->row_bytes = ((size_t)out->width + 7) / 8;
	if (scanline_size <= 0 || (size_t)scanline_size != out->row_bytes ||
	    out->length == 0 || out->length > 1u << 20) {
		fprintf(diag, "# %s page %d: implausible geometry %" PRIu32 " x %" PRIu32 "\n",
			path, page, out->width, out->length);
		return -1;
	}
	out->bits = malloc(out->row_bytes * out->length);
	if (!out->bits) {
		fprintf(diag, "# %s page %d: out of memory\n", path, page);
		return -1;
	}

	/* Pixels past the width are padding: clear them so they never count. */
	uint8_t last_byte_mask = (uint8_t)(0xffu << ((8 - out->width % 8) % 8));

	for (uint32_t row = 0; row < out->length; row++) {
		uint8_t *line = out->bits + (size_t)row * out->row_bytes;

		if (TIFFReadScanline(tif, line, row, 0) != 1) {
			fprintf(diag, "# %s page %d: cannot decode row %" PRIu32 "\n",
				path, page, row);
			free(out->bits);
			out->bits = NULL;
			return -1;
		}
		if (photometric == PHOTOMETRIC_MINISBLACK)
			for (size_t i = 0; i < out->row_bytes; i++)
				line[i] = (uint8_t)~line[i];
		line[out->row_bytes - 1] &= last_byte_mask;
	}
	return 0;
}

static bool rows_have_ink(const struct decoded_page *page, uint32_t rows)
{
	for (size_t i = 0; i < (size_t)rows * page->row_bytes; i++)
		if (page->bits[i])
			return true;
	return false;
}

/*
 * Returns 0 if the two pages are the same (below a header band on the actual
 * page, which @rule says may or must be there), 1 if not.
 */
static int compare_pages(const struct decoded_page *expected,
			 const struct decoded_page *actual, int page, enum tiff_header_rule rule,
			 FILE *diag)
{
	uint32_t differing_rows = 0;
	int64_t first_differing_row = -1;
	uint32_t header_rows = 0;

	if (rule != TIFF_HEADER_NONE && actual->length > expected->length &&
	    actual->length - expected->length <= TIFF_HEADER_BAND_ROWS) {
		header_rows = actual->length - expected->length;
		if (!rows_have_ink(actual, header_rows)) {
			fprintf(diag, "# page %d: the %" PRIu32 " header rows are blank\n", page,
				header_rows);
			return 1;
		}
	}
	if (expected->width != actual->width ||
	    expected->length + header_rows != actual->length ||
	    (rule == TIFF_HEADER_REQUIRED && !header_rows)) {
		fprintf(diag, "# page %d: size %" PRIu32 " x %" PRIu32 "%s expected, got %"
			PRIu32 " x %" PRIu32 "\n", page, expected->width, expected->length,
			rule == TIFF_HEADER_REQUIRED ? " plus a header" :
			rule == TIFF_HEADER_ALLOWED ? " (plus a header)" : "",
			actual->width, actual->length);
		return 1;
	}
	for (uint32_t row = 0; row < expected->length; row++) {
		size_t offset = (size_t)row * expected->row_bytes;
		size_t actual_offset = (size_t)(row + header_rows) * actual->row_bytes;

		if (memcmp(expected->bits + offset, actual->bits + actual_offset,
			   expected->row_bytes)) {
			if (first_differing_row < 0)
				first_differing_row = row;
			differing_rows++;
		}
	}
	if (differing_rows) {
		fprintf(diag, "# page %d: %" PRIu32 " of %" PRIu32 " rows differ, first row %"
			PRId64 "\n", page, differing_rows, expected->length, first_differing_row);
		return 1;
	}
	return 0;
}

int tiff_pages_compare_with_header(const char *expected_path, const char *actual_path,
				   enum tiff_header_rule rule, FILE *diag)
{
	TIFF *expected = TIFFOpen(expected_path, "r");
	TIFF *actual = TIFFOpen(actual_path, "r");
	int result = -1;

	if (!expected || !actual) {
		fprintf(diag, "# cannot open %s\n", expected ? actual_path : expected_path);
		goto out;
	}

	int expected_pages = TIFFNumberOfDirectories(expected);
	int actual_pages = TIFFNumberOfDirectories(actual);

	result = 0;
	if (expected_pages != actual_pages) {
		fprintf(diag, "# %d pages expected, got %d\n", expected_pages, actual_pages);
		result = 1;
	}
	for (int page = 1; page <= expected_pages && page <= actual_pages; page++) {
		struct decoded_page expected_page, actual_page;

		if (!TIFFSetDirectory(expected, (tdir_t)(page - 1)) ||
		    !TIFFSetDirectory(actual, (tdir_t)(page - 1))) {
			fprintf(diag, "# cannot select page %d\n", page);
			result = -1;
			break;
		}
		if (decode_current_page(expected, expected_path, page, &expected_page, diag)) {
			result = -1;
			break;
		}
		if (decode_current_page(actual, actual_path, page, &actual_page, diag)) {
			free(expected_page.bits);
			result = -1;
			break;
		}
		if (compare_pages(&expected_page, &actual_page, page, rule, diag))
			result = 1;
		free(expected_page.bits);
		free(actual_page.bits);
	}
out:
	if (expected)
		TIFFClose(expected);
	if (actual)
		TIFFClose(actual);
	return result;
}

int tiff_pages_compare(const char *expected_path, const char *actual_path, FILE *diag)
{
	return tiff_pages_compare_with_header(expected_path, actual_path, TIFF_HEADER_NONE, diag);
}
