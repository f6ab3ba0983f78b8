// SPDX-License-Identifier: GPL-2.0
/* faxctl watch: every event of the fax server, with its time, until stopped. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "faxctl.h"
#include "json.h"

static const char watch_help[] =
	"usage: faxctl watch [--timeout SECONDS] [--json]\n"
	"Prints every event of the fax server as it happens (ports ringing,\n"
	"dialing, sending, jobs queued and finished, engines attaching), one line\n"
	"each with the time the driver stamped on it, until interrupted (or for\n"
	"SECONDS). --json prints one JSON object per line.\n";

/* The completion port waits in a library thread: a flag ends the loop. */
static volatile sig_atomic_t stop_requested;

static void request_stop(int signal_number)
{
	(void)signal_number;
	stop_requested = 1;
}

static void print_event(const FAX_EVENT *event, bool as_json)
{
	char when[48];

	faxctl_format_filetime(event->TimeStamp, when, sizeof(when), true);
	if (as_json) {
		struct json_writer json;

		json_init(&json, stdout);
		json_begin_object(&json, NULL);
		json_string(&json, "time", when);
		json_string(&json, "event", faxctl_event_name(event->EventId));
		json_uint(&json, "event_id", event->EventId);
		json_uint(&json, "device_id", event->DeviceId);
		if (event->JobId == WINFAX_EVENT_NO_JOB)
			json_string(&json, "job_id", NULL);
		else
			json_uint(&json, "job_id", event->JobId);
		json_string(&json, "description", faxctl_event_words(event->EventId));
		json_end_object(&json);
		json_end_line(&json);
		return;
	}
	printf("%s  ", when);
	if (event->DeviceId)
		printf("port %-3lu ", (unsigned long)event->DeviceId);
	else
		printf("%-9s", "");
	if (event->JobId != WINFAX_EVENT_NO_JOB)
		printf("job %-5lu ", (unsigned long)event->JobId);
	else
		printf("%-10s", "");
	printf("%-16s %s\n", faxctl_event_name(event->EventId), faxctl_event_words(event->EventId));
}

int faxctl_watch(struct faxctl_command_line *cmd)
{
	static const struct option options[] = {
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct sigaction action = { .sa_handler = request_stop };
	unsigned long timeout_s = 0;
	bool as_json = false;
	HANDLE server, completion_port;
	struct timespec start, now;
	int option, status;

	while ((option = faxctl_getopt(cmd, ":h", options)) != -1) {
		switch (option) {
		case 'h':
			fputs(watch_help, stdout);
			return FAXCTL_OK;
		case 't':
			if (!faxctl_parse_uint(optarg, 86400UL * 365, &timeout_s) || !timeout_s)
				return faxctl_usage_error(cmd, "--timeout takes a number of seconds, not '%s'",
							  optarg);
			break;
		case 'j':
			as_json = true;
			break;
		default:
			return FAXCTL_USAGE;
		}
	}
	if (optind < cmd->argc)
		return faxctl_usage_error(cmd, "unexpected argument '%s'", cmd->argv[optind]);
	status = faxctl_connect(&server);
	if (status)
		return status;
	status = faxctl_open_events(server, &completion_port);
	/* Events keep coming after FaxClose: the subscription is the completion port's. */
	FaxClose(server);
	if (status)
		return status;
	/* Lines reach a pipe or file as they happen, not when a buffer fills. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGTERM, &action, NULL);
	if (!as_json)
		printf("watching the fax server's events (Ctrl-C stops)\n");
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!stop_requested) {
		DWORD bytes;
		ULONG_PTR key;
		LPOVERLAPPED overlapped;

		if (timeout_s) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if ((unsigned long)(now.tv_sec - start.tv_sec) >= timeout_s)
				break;
		}
		if (!GetQueuedCompletionStatus(completion_port, &bytes, &key, &overlapped, 200)) {
			if (GetLastError() == WAIT_TIMEOUT)
				continue;
			status = faxctl_fail_api("cannot read the events", GetLastError());
			break;
		}
		print_event((const FAX_EVENT *)overlapped, as_json);
		LocalFree(overlapped);
	}
	CloseHandle(completion_port);
	return status;
}
