// SPDX-License-Identifier: GPL-2.0
/* faxctl ports; faxctl port set DEVICE ... (FaxEnumPorts, FaxOpenPort, FaxSetPort). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "faxctl.h"
#include "json.h"
#include "terminal_text.h"

static const char ports_help[] =
	"usage: faxctl ports [--json]\n"
	"Lists every fax port: its device id, name, state, whether it sends and\n"
	"receives, rings before answering, priority, TSID and CSID.\n";

static const char port_help[] =
	"usage: faxctl port set DEVICE [--rings N] [--send|--no-send]\n"
	"                       [--receive|--no-receive] [--priority N]\n"
	"                       [--tsid TEXT] [--csid TEXT] [--json]\n"
	"DEVICE is a device id or a port name (faxctl ports). Options not given\n"
	"keep the port's value. Needs the fax right to change ports (FAX_PORT_SET).\n";

static void flags_words(DWORD flags, char *text, size_t size)
{
	snprintf(text, size, "%s%s%s", flags & FPF_SEND ? "send" : "",
		 (flags & FPF_SEND) && (flags & FPF_RECEIVE) ? "," : "",
		 flags & FPF_RECEIVE ? "receive" : "");
	if (!(flags & (FPF_SEND | FPF_RECEIVE)))
		snprintf(text, size, "-");
}

static void print_port_json(struct json_writer *json, const void *item, const void *context)
{
	const FAX_PORT_INFOA *port = item;

	(void)context;
	json_begin_object(json, NULL);
	json_uint(json, "device_id", port->DeviceId);
	json_string(json, "name", port->DeviceName);
	json_string(json, "state", faxctl_state_name(port->State));
	json_bool(json, "send", port->Flags & FPF_SEND);
	json_bool(json, "receive", port->Flags & FPF_RECEIVE);
	json_uint(json, "rings", port->Rings);
	json_uint(json, "priority", port->Priority);
	json_string(json, "tsid", port->Tsid);
	json_string(json, "csid", port->Csid);
	json_end_object(json);
}

static void print_port_header(void)
{
	printf("%-6s %-12s %-12s %-12s %5s %8s  %-20s  %s\n", "DEVICE", "NAME", "STATE",
	       "FLAGS", "RINGS", "PRIORITY", "TSID", "CSID");
}

static void print_port_row(const void *item, const void *context)
{
	const FAX_PORT_INFOA *port = item;
	char flags[32];

	(void)context;
	flags_words(port->Flags, flags, sizeof(flags));
	/* Names and station ids are set by people: never raw to a terminal. */
	printf("%-6lu ", (unsigned long)port->DeviceId);
	terminal_text_field(stdout, port->DeviceName ? port->DeviceName : "-", -12);
	printf(" %-12s %-12s %5lu %8lu  ", faxctl_state_name(port->State), flags,
	       (unsigned long)port->Rings, (unsigned long)port->Priority);
	terminal_text_field(stdout, port->Tsid ? port->Tsid : "-", -20);
	fputs("  ", stdout);
	terminal_text_field(stdout, port->Csid ? port->Csid : "-", 0);
	putchar('\n');
}

int faxctl_ports(struct faxctl_command_line *cmd)
{
	bool as_json;
	PFAX_PORT_INFOA ports;
	DWORD count;
	HANDLE server;
	int status = faxctl_listing_options(cmd, ports_help, &as_json);

	if (status)
		return status == FAXCTL_HELP_SHOWN ? FAXCTL_OK : status;
	status = faxctl_connect(&server);
	if (status)
		return status;
	if (!FaxEnumPortsA(server, &ports, &count)) {
		status = faxctl_fail_api("cannot list the fax ports", GetLastError());
		FaxClose(server);
		return status;
	}
	faxctl_print_listing(&(struct faxctl_listing){
		.items = ports, .count = count, .item_size = sizeof(*ports),
		.print_header = print_port_header, .print_row = print_port_row,
		.print_object = print_port_json,
	}, as_json);
	FaxFreeBuffer(ports);
	FaxClose(server);
	return FAXCTL_OK;
}

struct port_changes {
	bool rings_given, priority_given;
	unsigned long rings, priority;
	DWORD flags_to_set, flags_to_clear;
	const char *tsid, *csid;
};

static int parse_port_set(struct faxctl_command_line *cmd, struct port_changes *changes,
			  bool *as_json)
{
	enum { RINGS = 256, SEND, NO_SEND, RECEIVE, NO_RECEIVE, PRIORITY, TSID, CSID, JSON };
	static const struct option options[] = {
		{ "rings", required_argument, NULL, RINGS },
		{ "send", no_argument, NULL, SEND },
		{ "no-send", no_argument, NULL, NO_SEND },
		{ "receive", no_argument, NULL, RECEIVE },
		{ "no-receive", no_argument, NULL, NO_RECEIVE },
		{ "priority", required_argument, NULL, PRIORITY },
		{ "tsid", required_argument, NULL, TSID },
		{ "csid", required_argument, NULL, CSID },
		{ "json", no_argument, NULL, JSON },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int option;

	while ((option = faxctl_getopt(cmd, ":h", options)) != -1) {
		switch (option) {
		case 'h':
			fputs(port_help, stdout);
			return FAXCTL_HELP_SHOWN;
		case RINGS:
			if (!faxctl_parse_uint(optarg, 99, &changes->rings) || !changes->rings)
				return faxctl_usage_error(cmd, "--rings takes a number from 1 to 99, not '%s'",
							  optarg);
			changes->rings_given = true;
			break;
		case PRIORITY:
			if (!faxctl_parse_uint(optarg, 4095, &changes->priority) ||
			    !changes->priority)
				return faxctl_usage_error(cmd,
							  "--priority takes a number from 1 to 4095, not '%s'",
							  optarg);
			changes->priority_given = true;
			break;
		case SEND:
			changes->flags_to_set |= FPF_SEND;
			changes->flags_to_clear &= ~(DWORD)FPF_SEND;
			break;
		case NO_SEND:
			changes->flags_to_clear |= FPF_SEND;
			changes->flags_to_set &= ~(DWORD)FPF_SEND;
			break;
		case RECEIVE:
			changes->flags_to_set |= FPF_RECEIVE;
			changes->flags_to_clear &= ~(DWORD)FPF_RECEIVE;
			break;
		case NO_RECEIVE:
			changes->flags_to_clear |= FPF_RECEIVE;
			changes->flags_to_set &= ~(DWORD)FPF_RECEIVE;
			break;
		case TSID:
			changes->tsid = optarg;
			break;
		case CSID:
			changes->csid = optarg;
			break;
		case JSON:
			*as_json = true;
			break;
		default:
			return FAXCTL_USAGE;
		}
	}
	return FAXCTL_OK;
}

/* A station id is what the far end prints on each page: 20 printable ASCII characters. */
bool faxctl_station_id_valid(const char *text)
{
	size_t length = strlen(text);

	if (length > 20)
		return false;
	for (size_t i = 0; i < length; i++)
		if (text[i] < 0x20 || text[i] > 0x7e)
			return false;
	return true;
}

static int port_set(struct faxctl_command_line *cmd)
{
	struct port_changes changes = { 0 };
	bool as_json = false;
	HANDLE server, port;
	PFAX_PORT_INFOA info;
	FAX_PORT_INFOA wanted;
	DWORD device_id;
	int status = parse_port_set(cmd, &changes, &as_json);

	if (status)
		return status == FAXCTL_HELP_SHOWN ? FAXCTL_OK : status;
	if (optind >= cmd->argc)
		return faxctl_usage_error(cmd, "which port? give a DEVICE (a device id or a port name)");
	if (optind + 1 < cmd->argc)
		return faxctl_usage_error(cmd, "unexpected argument '%s'", cmd->argv[optind + 1]);
	if ((changes.tsid && !faxctl_station_id_valid(changes.tsid)) ||
	    (changes.csid && !faxctl_station_id_valid(changes.csid)))
		return faxctl_usage_error(cmd, "a TSID or CSID is at most 20 printable ASCII characters");
	status = faxctl_connect(&server);
	if (status)
		return status;
	status = faxctl_find_port(server, cmd->argv[optind], &device_id);
	if (status)
		goto out_server;
	if (!FaxOpenPort(server, device_id, PORT_OPEN_QUERY | PORT_OPEN_MODIFY, &port)) {
		DWORD error = GetLastError();

		if (error == ERROR_INVALID_HANDLE)
			status = faxctl_fail(FAXCTL_BUSY,
					     "cannot change port %s: another program has it open for changes",
					     cmd->argv[optind]);
		else
			status = faxctl_fail_api("cannot open the port for changes", error);
		goto out_server;
	}
	if (!FaxGetPortA(port, &info)) {
		status = faxctl_fail_api("cannot read the port", GetLastError());
		goto out_port;
	}
	wanted = *info;
	wanted.Flags = (info->Flags | changes.flags_to_set) & ~changes.flags_to_clear;
	if (changes.rings_given)
		wanted.Rings = (DWORD)changes.rings;
	if (changes.priority_given)
		wanted.Priority = (DWORD)changes.priority;
	if (changes.tsid)
		wanted.Tsid = changes.tsid;
	if (changes.csid)
		wanted.Csid = changes.csid;
	if (!FaxSetPortA(port, &wanted)) {
		status = faxctl_fail_api("cannot change the port", GetLastError());
		FaxFreeBuffer(info);
		goto out_port;
	}
	FaxFreeBuffer(info);
	if (!FaxGetPortA(port, &info)) {
		status = faxctl_fail_api("cannot read the port back", GetLastError());
		goto out_port;
	}
	if (as_json) {
		struct json_writer json;

		json_init(&json, stdout);
		print_port_json(&json, info, NULL);
		json_end_line(&json);
	} else {
		print_port_header();
		print_port_row(info, NULL);
	}
	FaxFreeBuffer(info);
out_port:
	FaxClose(port);
out_server:
	FaxClose(server);
	return status;
}

int faxctl_port(struct faxctl_command_line *cmd)
{
	if (cmd->argc < 2 || !strcmp(cmd->argv[1], "--help") || !strcmp(cmd->argv[1], "-h")) {
		fputs(port_help, cmd->argc < 2 ? stderr : stdout);
		return cmd->argc < 2 ? FAXCTL_USAGE : FAXCTL_OK;
	}
	if (strcmp(cmd->argv[1], "set"))
		return faxctl_usage_error(cmd, "unknown action '%s' (the action is 'set')",
					  cmd->argv[1]);
	cmd->argc--;
	cmd->argv++;
	cmd->name = "port set";
	return port_set(cmd);
}
