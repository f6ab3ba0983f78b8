/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparing two fax documents page by page on their decoded pixels (never
 * on their encoded bytes: the line codec and the file codec of a received
 * fax may differ). tests/lib/fax_test_tiff.h writes the documents.
 */
#ifndef FAXD_TESTS_TIFF_PAGES_H
#define FAXD_TESTS_TIFF_PAGES_H

#include <stdio.h>

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
