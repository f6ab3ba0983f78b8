// SPDX-License-Identifier: GPL-2.0
/* Option parsing shared by the commands, with faxctl's own messages. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faxctl.h"

int faxctl_getopt(struct faxctl_command_line *cmd, const char *short_options,
		  const struct option *long_options)
{
	int previous = optind;
	int option;

	opterr = 0;
	option = getopt_long(cmd->argc, cmd->argv, short_options, long_options, NULL);
	if (option != '?' && option != ':')
		return option;
	/* optind has moved past the word in error (or is still on it). */
	{
		const char *word = cmd->argv[optind > previous ? optind - 1 : previous];

		if (option == ':')
			faxctl_usage_error(cmd, "option '%s' needs a value", word);
		else if (optopt && optopt != '?')
			faxctl_usage_error(cmd, "unknown option '-%c'", optopt);
		else
			faxctl_usage_error(cmd, "unknown option '%s'", word);
	}
	return '?';
}

bool faxctl_parse_uint(const char *text, unsigned long max, unsigned long *value)
{
	char *end;
	unsigned long parsed;

	if (!text || text[0] < '0' || text[0] > '9')
		return false;
	errno = 0;
	parsed = strtoul(text, &end, 10);
	if (errno || *end || parsed > max)
		return false;
	*value = parsed;
	return true;
}

int faxctl_listing_options(struct faxctl_command_line *cmd, const char *help, bool *as_json)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int option;

	*as_json = false;
	while ((option = faxctl_getopt(cmd, ":h", options)) != -1) {
		if (option == 'h') {
			fputs(help, stdout);
			return FAXCTL_HELP_SHOWN;
		}
		if (option != 'j')
			return FAXCTL_USAGE;
		*as_json = true;
	}
	if (optind < cmd->argc)
		return faxctl_usage_error(cmd, "unexpected argument '%s'", cmd->argv[optind]);
	return FAXCTL_OK;
}
