/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Documents for the job tests, made here with libtiff so that the tests
 * depend on nothing else being built: class-F fax TIFFs in each
 * compression and resolution, and files that are not faxes.
 * Pages carry a pattern that depends on the page and the line, so a test
 * can check that a re-encoded page has the same pixels.
 */
#ifndef LIBWINFAX_TESTS_TIFF_FIXTURE_H
#define LIBWINFAX_TESTS_TIFF_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tiffio.h>

#define FAX_WIDTH 1728
#define FAX_LINE_BYTES (FAX_WIDTH / 8)

enum fax_coding { CODING_MH, CODING_MR, CODING_MMR };

struct fax_tiff_spec {
	enum fax_coding coding;
	bool fine;
	unsigned pages;
	uint32_t width;            /* FAX_WIDTH unless testing a bad one */
	uint16_t bits_per_sample;  /* 1 unless testing a bad one */
	uint32_t lines;            /* per page */
};

/* The pattern: black bars whose place depends on page and line. */
static inline void fax_test_line(unsigned page, uint32_t line, unsigned char *bytes, size_t size)
{
	memset(bytes, 0, size);
	for (size_t i = 0; i < size; i++)
		if ((i + line / 8 + page * 7) % 13 == 0)
			bytes[i] = 0xFF;
}

/* Writes the document (mode 0644, so an unprivileged test user can read
 * it); 0 or -1. */
static inline int fax_tiff_write(const char *path, const struct fax_tiff_spec *spec)
{
	uint32_t width = spec->width ? spec->width : FAX_WIDTH;
	uint16_t bits = spec->bits_per_sample ? spec->bits_per_sample : 1;
	size_t line_size = ((size_t)width * bits + 7) / 8;
	unsigned char *line = malloc(line_size);
	TIFF *tiff = TIFFOpen(path, "w");
	int result = 0;

	if (!tiff || !line) {
		free(line);
		if (tiff)
			TIFFClose(tiff);
		return -1;
	}
	for (unsigned page = 0; page < spec->pages && !result; page++) {
		TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, width);
		TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, spec->lines);
		TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, bits);
		TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, 1);
		TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
		TIFFSetField(tiff, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
		TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
		TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
		TIFFSetField(tiff, TIFFTAG_XRESOLUTION, 204.0f);
		TIFFSetField(tiff, TIFFTAG_YRESOLUTION, spec->fine ? 196.0f : 98.0f);
		TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, spec->lines);
		TIFFSetField(tiff, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
		TIFFSetField(tiff, TIFFTAG_PAGENUMBER, page, spec->pages);
		if (bits != 1) {
			TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
		} else if (spec->coding == CODING_MMR) {
			TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
		} else {
			TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX3);
			TIFFSetField(tiff, TIFFTAG_GROUP3OPTIONS,
				     spec->coding == CODING_MR ? GROUP3OPT_2DENCODING : 0);
		}
		for (uint32_t row = 0; row < spec->lines && !result; row++) {
			fax_test_line(page, row, line, line_size);
			if (TIFFWriteScanline(tiff, line, row, 0) < 0)
				result = -1;
		}
		if (!result && !TIFFWriteDirectory(tiff))
			result = -1;
	}
	TIFFClose(tiff);
	free(line);
	if (!result)
		result = chmod(path, 0644);
	return result;
}

/* A file with these bytes, mode 0644; 0 or -1. */
static inline int file_write(const char *path, const void *bytes, size_t size)
{
	FILE *file = fopen(path, "wb");
	int result;

	if (!file)
		return -1;
	result = fwrite(bytes, 1, size, file) == size ? 0 : -1;
	if (fclose(file))
		result = -1;
	return result ? result : chmod(path, 0644);
}

/* The start of a real PNG (signature and IHDR chunk of a 1x1 image). */
static const unsigned char png_bytes[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
	0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0,
	0x3A, 0x7E, 0x9B, 0x55,
};

#endif /* LIBWINFAX_TESTS_TIFF_FIXTURE_H */
