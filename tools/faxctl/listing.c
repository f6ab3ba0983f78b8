// SPDX-License-Identifier: GPL-2.0
/* The listings of faxctl's commands: a table, or with --json one JSON array. */
#include "faxctl.h"
#include "json.h"

void faxctl_print_listing(const struct faxctl_listing *listing, bool as_json)
{
	const char *item = listing->items;

	if (as_json) {
		struct json_writer json;

		json_init(&json, stdout);
		json_begin_array(&json, NULL);
		for (size_t i = 0; i < listing->count; i++)
			listing->print_object(&json, item + i * listing->item_size,
					      listing->context);
		json_end_array(&json);
		json_end_line(&json);
		return;
	}
	if (!listing->count && listing->empty) {
		printf("%s\n", listing->empty);
		return;
	}
	if (listing->print_header)
		listing->print_header();
	for (size_t i = 0; i < listing->count; i++)
		listing->print_row(item + i * listing->item_size, listing->context);
}
