// SPDX-License-Identifier: GPL-2.0
/* faxctl: the command word, and the help that lists every command. */
#include <stdio.h>
#include <string.h>

#include "faxctl.h"

static const struct {
	const char *word;
	int (*run)(struct faxctl_command_line *cmd);
	const char *summary;
} commands[] = {
	{ "ports", faxctl_ports, "list the fax ports" },
	{ "port", faxctl_port, "port set DEVICE ...: change a port's settings" },
	{ "send", faxctl_send, "send FILE... --to NUMBER: queue faxes, follow them live" },
	{ "jobs", faxctl_jobs, "list the fax queue" },
	{ "job", faxctl_job, "job pause|resume|delete|abort ID: control a job" },
	{ "watch", faxctl_watch, "print every event of the fax server as it happens" },
	{ "config", faxctl_config, "config get [KEY...] | config set KEY=VALUE...: the server's settings" },
	{ "inbox", faxctl_inbox, "inbox [rm ID...]: list (or delete) the received faxes in faxd's spool" },
	{ "log", faxctl_log, "the sums of faxd's transfer log: calls, pages, line time" },
	{ "cleanup", faxctl_cleanup, "delete old received, failed and archived faxes (cleanup.conf)" },
	{ "show", faxctl_show, "show FILE [--page N] -o PAGE.png: a fax page as a PNG" },
	{ "settings", faxctl_settings, "settings save|apply|follow [FILE] | show: keep the settings on disk" },
};

static void usage(FILE *out)
{
	fputs("usage: faxctl COMMAND [ARGUMENTS] [--json]\n\ncommands:\n", out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].word, commands[i].summary);
	fputs("\n'faxctl COMMAND --help' describes a command; 'man faxctl' all of them.\n"
	      "'faxctl --version' prints the version.\n", out);
}

int main(int argc, char **argv)
{
	struct faxctl_command_line cmd;

	if (argc < 2) {
		usage(stderr);
		return FAXCTL_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return FAXCTL_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("faxctl (winfax for Linux) %s\n", FAXPORT_VERSION);
		return FAXCTL_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].word))
			continue;
		cmd.argc = argc - 1;
		cmd.argv = argv + 1;
		cmd.name = commands[i].word;
		return commands[i].run(&cmd);
	}
	return faxctl_fail(FAXCTL_USAGE, "unknown command '%s' (see 'faxctl --help')", argv[1]);
}
