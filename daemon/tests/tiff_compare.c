// SPDX-License-Identifier: GPL-2.0
/*
 * tiff_compare: compare two fax documents page by page on their decoded
 * pixels (tiff_pages_compare), for shell tests. Exit 0 same, 1 different,
 * 2 unreadable or bad usage; what differs goes to stdout as TAP comments.
 */
#include <stdio.h>

#include "tiff_pages.h"

int main(int argc, char **argv)
{
	int result;

	if (argc != 3) {
		fprintf(stderr, "usage: tiff_compare EXPECTED.tif ACTUAL.tif\n");
		return 2;
	}
	result = tiff_pages_compare(argv[1], argv[2], stdout);
	return result < 0 ? 2 : result;
}
