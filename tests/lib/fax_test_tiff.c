// SPDX-License-Identifier: GPL-2.0
#include "fax_test_tiff.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>

void fax_test_tiff_bars_row(unsigned int page, uint32_t row, unsigned char *bytes, size_t size)
{
	memset(bytes, 0, size);
	for (size_t i = 0; i < size; i++)
		if ((i + row / 8 + page * 7) % 13 == 0)
			bytes[i] = 0xFF;
}

static void picture_row(const struct fax_test_tiff *document, unsigned int page, uint32_t row,
			unsigned char *bytes, size_t size)
{
	switch (document->picture) {
	case FAX_TEST_NUMBERED_PAGES:
		/* page_pattern draws a fax-width row, and counts pages from 1. */
		memset(bytes, 0, size);
		if (size >= FAX_TEST_ROW_BYTES)
			page_pattern_row((int)page + 1, document->resolution, (int)row, bytes);
		break;
	case FAX_TEST_BARS:
		fax_test_tiff_bars_row(page, row, bytes, size);
		break;
	case FAX_TEST_WHITE:
		memset(bytes, 0, size);
		break;
	}
}

/* The tags RFC 2306 asks of a Class F page, and the compression's options. */
static bool set_page_tags(TIFF *tif, const struct fax_test_tiff *document, unsigned int page,
			  uint32_t width, uint16_t bits, uint32_t rows)
{
	bool fine = document->resolution == PAGE_RESOLUTION_FINE;
	bool ok = true;

	ok &= TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_IMAGELENGTH, rows) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, bits) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE) == 1;
	/* Class F prefers LSB-first bit order. */
	ok &= TIFFSetField(tif, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_ORIENTATION, ORIENTATION_TOPLEFT) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_XRESOLUTION, 204.0f) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_YRESOLUTION, fine ? 196.0f : 98.0f) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rows) == 1;
	ok &= TIFFSetField(tif, TIFFTAG_PAGENUMBER, (uint16_t)page,
			   (uint16_t)document->pages) == 1;
	if (document->software)
		ok &= TIFFSetField(tif, TIFFTAG_SOFTWARE, document->software) == 1;

	if (bits != 1) {
		ok &= TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE) == 1;
		return ok;
	}
	switch (document->coding) {
	case FAX_TEST_MH:
		ok &= TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX3) == 1;
		ok &= TIFFSetField(tif, TIFFTAG_GROUP3OPTIONS, (uint32_t)GROUP3OPT_FILLBITS) == 1;
		break;
	case FAX_TEST_MR:
		ok &= TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX3) == 1;
		ok &= TIFFSetField(tif, TIFFTAG_GROUP3OPTIONS,
				   (uint32_t)(GROUP3OPT_2DENCODING | GROUP3OPT_FILLBITS)) == 1;
		break;
	case FAX_TEST_MMR:
		ok &= TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4) == 1;
		ok &= TIFFSetField(tif, TIFFTAG_GROUP4OPTIONS, (uint32_t)0) == 1;
		break;
	}
	return ok;
}

int fax_test_tiff_write(const char *path, const struct fax_test_tiff *document, FILE *diag)
{
	uint32_t width = document->width ? document->width : FAX_TEST_WIDTH;
	uint16_t bits = document->bits_per_sample ? document->bits_per_sample : 1;
	uint32_t rows = document->rows ? document->rows :
					 (uint32_t)page_pattern_rows(document->resolution);
	size_t row_size = ((size_t)width * bits + 7) / 8;
	unsigned char *row_bytes;
	TIFF *tif;
	int result = -1;

	if (document->pages < 1 || document->pages > 65535) {
		fprintf(diag, "# %s: page count %u out of range 1..65535\n", path,
			document->pages);
		return -1;
	}
	/* page_pattern always draws a fax-width row. */
	row_bytes = calloc(1, row_size > FAX_TEST_ROW_BYTES ? row_size : FAX_TEST_ROW_BYTES);
	if (!row_bytes) {
		fprintf(diag, "# %s: out of memory\n", path);
		return -1;
	}
	tif = TIFFOpen(path, "w");
	if (!tif) {
		fprintf(diag, "# %s: cannot create TIFF\n", path);
		free(row_bytes);
		return -1;
	}
	for (unsigned int page = 0; page < document->pages; page++) {
		if (!set_page_tags(tif, document, page, width, bits, rows)) {
			fprintf(diag, "# %s: cannot set the tags of page %u\n", path, page + 1);
			goto out;
		}
		if (document->rows_declared_only) {
			memset(row_bytes, 0, row_size);
			if (TIFFWriteRawStrip(tif, 0, row_bytes, (tmsize_t)row_size) < 0) {
				fprintf(diag, "# %s: cannot write page %u\n", path, page + 1);
				goto out;
			}
		}
		for (uint32_t row = 0; !document->rows_declared_only && row < rows; row++) {
			picture_row(document, page, row, row_bytes, row_size);
			if (TIFFWriteScanline(tif, row_bytes, row, 0) != 1) {
				fprintf(diag, "# %s: cannot write row %u of page %u\n", path, row,
					page + 1);
				goto out;
			}
		}
		if (!TIFFWriteDirectory(tif)) {
			fprintf(diag, "# %s: cannot write page %u\n", path, page + 1);
			goto out;
		}
	}
	result = 0;
out:
	TIFFClose(tif);
	free(row_bytes);
	if (!result && chmod(path, 0644)) {
		fprintf(diag, "# %s: cannot make it readable to all\n", path);
		result = -1;
	}
	return result;
}
