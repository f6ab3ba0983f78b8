/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Documents for the job tests: fax TIFFs from the tree's test writer
 * (tests/lib/fax_test_tiff.h; FAX_TEST_BARS pages carry a pattern that
 * depends on the page and the row, so a test can check that a re-encoded
 * page has the same pixels), and here the files that are not faxes.
 */
#ifndef LIBWINFAX_TESTS_DOCUMENT_FIXTURE_H
#define LIBWINFAX_TESTS_DOCUMENT_FIXTURE_H

#include <stdio.h>
#include <sys/stat.h>

#include "fax_test_tiff.h"

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

#endif /* LIBWINFAX_TESTS_DOCUMENT_FIXTURE_H */
