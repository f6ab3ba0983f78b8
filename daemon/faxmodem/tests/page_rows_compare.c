// SPDX-License-Identifier: GPL-2.0
/*
 * page_rows_compare: checks that each page of EXPECTED.tif arrived intact
 * in the same page of ACTUAL.tif, allowing rows added above and below it.
 * efax puts a header line on every page it sends, over the top of the
 * page, and adds rows; tiff_compare wants equal sizes. Same width, same
 * page count, and every row of the original but the first SKIP found, in
 * order and contiguous, at one offset of at most MAX_OFFSET rows.
 *
 *   page_rows_compare [-s SKIP] EXPECTED.tif ACTUAL.tif
 *
 * Exit 0 when every page is found, 1 when not (with the reason on stderr),
 * 2 for bad usage or an unreadable file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

/* efax's header is about 20 rows at 98 lpi (40 at 196); it pads the end too. */
#define MAX_OFFSET 200

struct page {
	uint32_t width, rows;
	size_t row_bytes;
	uint8_t *pixels;	/* rows * row_bytes, 1 bit per pixel as stored */
};

static int read_page(TIFF *tiff, const char *path, struct page *page)
{
	uint16_t photometric = PHOTOMETRIC_MINISWHITE;
	uint32_t row;

	if (!TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &page->width) ||
	    !TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &page->rows)) {
		fprintf(stderr, "page_rows_compare: %s: a page without a size\n", path);
		return -1;
	}
	TIFFGetField(tiff, TIFFTAG_PHOTOMETRIC, &photometric);
	page->row_bytes = (size_t)TIFFScanlineSize(tiff);
	if (!page->row_bytes || page->row_bytes < (page->width + 7) / 8) {
		fprintf(stderr, "page_rows_compare: %s: not a bilevel page\n", path);
		return -1;
	}
	page->pixels = calloc(page->rows ? page->rows : 1, page->row_bytes);
	if (!page->pixels) {
		fprintf(stderr, "page_rows_compare: out of memory\n");
		return -1;
	}
	for (row = 0; row < page->rows; row++) {
		uint8_t *line = page->pixels + (size_t)row * page->row_bytes;

		if (TIFFReadScanline(tiff, line, row, 0) < 0) {
			fprintf(stderr, "page_rows_compare: %s: row %u cannot be decoded\n", path, row);
			return -1;
		}
		/* Black is 1 whatever the file says. */
		if (photometric == PHOTOMETRIC_MINISBLACK)
			for (size_t i = 0; i < page->row_bytes; i++)
				line[i] = (uint8_t)~line[i];
	}
	return 0;
}

/* How many rows of @expected from @skip on equal those of @actual from @offset + @skip on. */
static uint32_t rows_equal(const struct page *expected, const struct page *actual, uint32_t offset,
			   uint32_t skip)
{
	size_t full = expected->width / 8;
	unsigned int rest = expected->width % 8;
	uint8_t mask = (uint8_t)(0xff00 >> rest);
	uint32_t equal = 0;

	for (uint32_t row = skip; row < expected->rows; row++) {
		const uint8_t *want = expected->pixels + (size_t)row * expected->row_bytes;
		const uint8_t *got = actual->pixels + (size_t)(row + offset) * actual->row_bytes;

		if (!memcmp(want, got, full) && !(rest && ((want[full] ^ got[full]) & mask)))
			equal++;
	}
	return equal;
}

int main(int argc, char **argv)
{
	TIFF *expected_tiff, *actual_tiff;
	int page_number = 0, status = 0;
	uint32_t skip = 0;

	if (argc == 5 && !strcmp(argv[1], "-s")) {
		char *end;
		unsigned long value = strtoul(argv[2], &end, 10);

		if (*end || end == argv[2] || value > 1000) {
			fprintf(stderr, "page_rows_compare: bad SKIP '%s': 0..1000 rows\n", argv[2]);
			return 2;
		}
		skip = (uint32_t)value;
		argv += 2;
		argc -= 2;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: page_rows_compare [-s SKIP] EXPECTED.tif ACTUAL.tif\n");
		return 2;
	}
	expected_tiff = TIFFOpen(argv[1], "r");
	actual_tiff = TIFFOpen(argv[2], "r");
	if (!expected_tiff || !actual_tiff) {
		fprintf(stderr, "page_rows_compare: cannot open %s\n",
			expected_tiff ? argv[2] : argv[1]);
		return 2;
	}
	for (;;) {
		struct page expected = { 0 }, actual = { 0 };
		uint32_t offset, best_offset = 0, best_equal = 0;
		int found = 0;

		page_number++;
		if (read_page(expected_tiff, argv[1], &expected) ||
		    read_page(actual_tiff, argv[2], &actual)) {
			free(expected.pixels);
			free(actual.pixels);
			return 2;
		}
		if (expected.width != actual.width) {
			fprintf(stderr, "# page %d: width %u expected, got %u\n", page_number,
				expected.width, actual.width);
			status = 1;
		} else {
			for (offset = 0; offset <= MAX_OFFSET && offset + expected.rows <= actual.rows;
			     offset++) {
				uint32_t equal = rows_equal(&expected, &actual, offset, skip);

				if (equal == expected.rows - (skip < expected.rows ? skip : expected.rows)) {
					found = 1;
					break;
				}
				if (equal > best_equal) {
					best_equal = equal;
					best_offset = offset;
				}
			}
			if (found) {
				fprintf(stderr, "# page %d: found at row %u (%u rows added)\n",
					page_number, offset, actual.rows - expected.rows);
			} else {
				fprintf(stderr, "# page %d: its %u rows are not in the %u received (at best %u equal, from row %u)\n",
					page_number, expected.rows, actual.rows, best_equal, best_offset);
				status = 1;
			}
		}
		free(expected.pixels);
		free(actual.pixels);
		{
			int more_expected = TIFFReadDirectory(expected_tiff);
			int more_actual = TIFFReadDirectory(actual_tiff);

			if (more_expected != more_actual) {
				fprintf(stderr, "# %s has %s pages\n", argv[2],
					more_expected ? "fewer" : "more");
				status = 1;
				break;
			}
			if (!more_expected)
				break;
		}
	}
	TIFFClose(expected_tiff);
	TIFFClose(actual_tiff);
	return status;
}
