// SPDX-License-Identifier: GPL-2.0
/*
 * tiff_compare: compare two fax documents page by page on their decoded
 * pixels, for shell tests. Exit 0 same, 1 different, 2 unreadable or bad
 * usage; what differs goes to stdout as TAP comments.
 *
 *   tiff_compare [--header required|allowed] EXPECTED.tif ACTUAL.tif
 *
 * --header: the sender may brand its pages (faxd does when the server's
 * Branding is on): "required" wants a header band above every page,
 * "allowed" takes pages with or without one. Without it the pages must be
 * the same, pixel for pixel.
 */
#include <stdio.h>
#include <string.h>

#include "tiff_pages.h"

static int usage(void)
{
	fprintf(stderr, "usage: tiff_compare [--header required|allowed] EXPECTED.tif ACTUAL.tif\n");
	return 2;
}

int main(int argc, char **argv)
{
	enum tiff_header_rule rule = TIFF_HEADER_NONE;
	int result;

	if (argc == 5 && !strcmp(argv[1], "--header")) {
		if (!strcmp(argv[2], "required"))
			rule = TIFF_HEADER_REQUIRED;
		else if (!strcmp(argv[2], "allowed"))
			rule = TIFF_HEADER_ALLOWED;
		else
			return usage();
		argv += 2;
		argc -= 2;
	}
	if (argc != 3)
		return usage();
	result = tiff_pages_compare_with_header(argv[1], argv[2], rule, stdout);
	return result < 0 ? 2 : result;
}
