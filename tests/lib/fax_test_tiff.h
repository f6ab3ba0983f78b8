/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fax_test_tiff: the one writer of the tree's test fax documents (TIFF
 * Class F, RFC 2306), for the daemon's make_test_tiff and fax_call_test and
 * libwinfax's API tests. A document is some pages of one picture, in one
 * resolution and compression; the pictures are fixed, so a test can
 * compare what arrived with what was sent, pixel for pixel.
 */
#ifndef TESTS_LIB_FAX_TEST_TIFF_H
#define TESTS_LIB_FAX_TEST_TIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "page_pattern.h"

/* T.4's page width at 204 dpi, which every fax machine takes. */
#define FAX_TEST_WIDTH PAGE_PATTERN_WIDTH
#define FAX_TEST_ROW_BYTES (FAX_TEST_WIDTH / 8)

enum fax_test_coding {
	FAX_TEST_MH,	/* T.4 one-dimensional */
	FAX_TEST_MR,	/* T.4 two-dimensional */
	FAX_TEST_MMR,	/* T.6 */
};

enum fax_test_picture {
	/* page_pattern.c: the page number in digits and in a bar code, stripes,
	 * random bits; every page differs, the codecs see long and short runs. */
	FAX_TEST_NUMBERED_PAGES,
	/* Black bars whose place depends on the page and the row
	 * (fax_test_tiff_bars_row). */
	FAX_TEST_BARS,
	/* All white. */
	FAX_TEST_WHITE,
};

struct fax_test_tiff {
	enum fax_test_picture picture;
	enum fax_test_coding coding;
	enum page_resolution resolution;
	unsigned int pages;
	/* Rows a page; 0: an A4 page at the resolution. */
	uint32_t rows;
	/* FAX_TEST_WIDTH unless 0; another width makes a document faxes refuse. */
	uint32_t width;
	/* 1 unless 0; more makes an uncompressed grey document faxes refuse. */
	uint16_t bits_per_sample;
	/* The Software tag, if any. */
	const char *software;
	/* Each page says it has @rows rows but holds a single white row's bytes:
	 * a small file that claims a page of any length. */
	bool rows_declared_only;
};

/*
 * Writes the document to @path, mode 0644 (an unprivileged test user reads
 * it). Returns 0, or -1 with the reason on @diag as a TAP comment.
 */
int fax_test_tiff_write(const char *path, const struct fax_test_tiff *document, FILE *diag);

/* Row @row of page @page (0-based) of FAX_TEST_BARS, in @size bytes. */
void fax_test_tiff_bars_row(unsigned int page, uint32_t row, unsigned char *bytes, size_t size);

#endif /* TESTS_LIB_FAX_TEST_TIFF_H */
