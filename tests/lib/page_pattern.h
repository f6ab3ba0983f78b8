/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test page images for fax transfers: every page of a document gets a
 * pattern that differs from every other page, so that a lost, repeated or
 * reordered page is caught by a page-by-page pixel comparison, and that
 * exercises the codecs (long runs, short runs, edges, random bits).
 */
#ifndef TESTS_LIB_PAGE_PATTERN_H
#define TESTS_LIB_PAGE_PATTERN_H

#include <stdint.h>

/* T.4 standard page width at R8 (204 dpi), the width every fax machine takes. */
#define PAGE_PATTERN_WIDTH 1728

enum page_resolution {
	PAGE_RESOLUTION_STANDARD,	/* 204 x 98 dpi */
	PAGE_RESOLUTION_FINE,		/* 204 x 196 dpi */
};

/* Rows of an A4 page (297 mm) at the given vertical resolution. */
int page_pattern_rows(enum page_resolution resolution);

/*
 * Fill one row of page @page_number (1-based) with its pattern, packed
 * MSB first, 1 = black, PAGE_PATTERN_WIDTH / 8 bytes.
 */
void page_pattern_row(int page_number, enum page_resolution resolution,
		      int row, uint8_t *bits);

#endif
