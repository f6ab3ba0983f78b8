/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing multi-page TIFF Class F test documents, and comparing two fax
 * documents page by page on their decoded pixels (never on their encoded
 * bytes: the line codec and the file codec of a received fax may differ).
 */
#ifndef FAXD_TESTS_TIFF_PAGES_H
#define FAXD_TESTS_TIFF_PAGES_H

#include <stdio.h>

#include "page_pattern.h"

enum tiff_fax_compression {
	TIFF_FAX_MH,	/* T.4 one-dimensional */
	TIFF_FAX_MR,	/* T.4 two-dimensional */
	TIFF_FAX_MMR,	/* T.6 */
};

/*
 * Write @pages pages of page_pattern pictures to @path.
 * Returns 0, or -1 with the reason on @diag.
 */
int tiff_pages_write(const char *path, int pages, enum page_resolution resolution,
		     enum tiff_fax_compression compression, FILE *diag);

/* Number of pages (directories) in @path, or -1 with the reason on @diag. */
int tiff_pages_count(const char *path, FILE *diag);

/*
 * Compare every page of @expected_path with the same page of @actual_path:
 * same page count, and per page the same width, length and pixels.
 * Returns 0 if they are the same, 1 if they differ, -1 if either cannot be
 * read; what differs is written to @diag as TAP comment lines.
 */
int tiff_pages_compare(const char *expected_path, const char *actual_path, FILE *diag);

/*
 * The same, for pages that were sent with a page header: each actual page
 * must be the expected page with a band of extra rows on top that is not
 * all white.
 */
int tiff_pages_compare_below_header(const char *expected_path, const char *actual_path,
				    FILE *diag);

#endif
