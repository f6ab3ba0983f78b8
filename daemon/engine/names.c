// SPDX-License-Identifier: GPL-2.0
#include "names.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../t30/fax_call.h"

struct name_bit {
	const char *name;
	int bit;
};

/* A comma-separated list of names from @table -> the OR of their bits; -1 if any is unknown. */
static int parse_list(const char *text, const struct name_bit *table, size_t entries)
{
	int mask = 0;
	const char *word = text;

	while (*word) {
		size_t length = strcspn(word, ",");
		bool known = false;

		for (size_t i = 0; i < entries; i++) {
			if (strlen(table[i].name) == length &&
			    !strncasecmp(word, table[i].name, length)) {
				mask |= table[i].bit;
				known = true;
			}
		}
		if (!known)
			return -1;
		word += length;
		if (*word == ',')
			word++;
	}
	return mask ? mask : -1;
}

int faxd_parse_modems(const char *text)
{
	static const struct name_bit modems[] = {
		{ "v27ter", FAX_MODEM_V27TER },
		{ "v29", FAX_MODEM_V29 },
		{ "v17", FAX_MODEM_V17 },
	};

	return parse_list(text, modems, sizeof(modems) / sizeof(modems[0]));
}

int faxd_parse_compressions(const char *text)
{
	static const struct name_bit compressions[] = {
		{ "mh", FAX_COMPRESSION_MH },
		{ "mr", FAX_COMPRESSION_MR },
		{ "mmr", FAX_COMPRESSION_MMR },
	};

	return parse_list(text, compressions, sizeof(compressions) / sizeof(compressions[0]));
}

int faxd_parse_bool(const char *text)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(text, yes[i]))
			return 1;
		if (!strcasecmp(text, no[i]))
			return 0;
	}
	return -1;
}

int faxd_parse_uint(const char *text, unsigned long min, unsigned long max,
		    unsigned long *value)
{
	char *end;
	unsigned long parsed;

	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	parsed = strtoul(text, &end, 10);
	if (errno || *end || parsed < min || parsed > max)
		return -1;
	*value = parsed;
	return 0;
}
