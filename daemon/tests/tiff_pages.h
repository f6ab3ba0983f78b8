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
 * A sender that brands its pages (a header line with date, time, ident and
 * page number) adds the header's rows above each page: spandsp's header is
 * 16 rows of its font at standard resolution, 32 at fine, 64 at superfine.
 */
#define TIFF_HEADER_BAND_ROWS 64

enum tiff_header_rule {
	TIFF_HEADER_NONE,	/* the pages are the same, pixel for pixel */
	TIFF_HEADER_REQUIRED,	/* each page has a header band on top, and below it the same */
	TIFF_HEADER_ALLOWED,	/* the same, with or without a header band on top */
};

/* tiff_pages_compare() with a header band by @rule. */
int tiff_pages_compare_with_header(const char *expected_path, const char *actual_path,
				   enum tiff_header_rule rule, FILE *diag);

#endif
