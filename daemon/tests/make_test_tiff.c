// SPDX-License-Identifier: GPL-2.0
/*
 * make_test_tiff: write an N-page TIFF Class F test document whose pages each
 * carry a distinct pattern (tests/lib/page_pattern.c), for fax transfer tests that
 * compare what arrived with what was sent, page by page.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fax_test_tiff.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: make_test_tiff [-p PAGES] [-r fine|standard] [-c mh|mr|mmr] OUTPUT.tif\n"
		"  -p PAGES  number of pages, 1..65535 (default 3)\n"
		"  -r RES    vertical resolution (default fine)\n"
		"  -c CODEC  compression in the file (default mmr)\n");
}

static int parse_pages(const char *text, int *pages)
{
	char *end;
	long value;

	errno = 0;
	value = strtol(text, &end, 10);
	if (errno || end == text || *end || value < 1 || value > 65535)
		return -1;
	*pages = (int)value;
	return 0;
}

int main(int argc, char **argv)
{
	struct fax_test_tiff document = {
		.picture = FAX_TEST_NUMBERED_PAGES,
		.coding = FAX_TEST_MMR,
		.resolution = PAGE_RESOLUTION_FINE,
		.software = "faxd make_test_tiff",
	};
	int pages = 3;
	int option;

	while ((option = getopt(argc, argv, "p:r:c:h")) != -1) {
		switch (option) {
		case 'p':
			if (parse_pages(optarg, &pages)) {
				fprintf(stderr, "make_test_tiff: bad page count '%s'\n", optarg);
				return 2;
			}
			break;
		case 'r':
			if (!strcmp(optarg, "fine")) {
				document.resolution = PAGE_RESOLUTION_FINE;
			} else if (!strcmp(optarg, "standard")) {
				document.resolution = PAGE_RESOLUTION_STANDARD;
			} else {
				fprintf(stderr, "make_test_tiff: bad resolution '%s'\n", optarg);
				return 2;
			}
			break;
		case 'c':
			if (!strcmp(optarg, "mh")) {
				document.coding = FAX_TEST_MH;
			} else if (!strcmp(optarg, "mr")) {
				document.coding = FAX_TEST_MR;
			} else if (!strcmp(optarg, "mmr")) {
				document.coding = FAX_TEST_MMR;
			} else {
				fprintf(stderr, "make_test_tiff: bad compression '%s'\n", optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	document.pages = (unsigned int)pages;
	if (fax_test_tiff_write(argv[optind], &document, stderr)) {
		fprintf(stderr, "make_test_tiff: failed to write %s\n", argv[optind]);
		return 1;
	}
	return 0;
}
