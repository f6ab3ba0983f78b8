// SPDX-License-Identifier: GPL-2.0
/* faxctl jobs; faxctl job pause|resume|delete|abort ID (FaxEnumJobs, FaxSetJob, FaxAbort). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "faxctl.h"
#include "json.h"
#include "terminal_text.h"

static const char jobs_help[] =
	"usage: faxctl jobs [--json]\n"
	"Lists the fax queue: every job you may see (all of them with the right to\n"
	"query jobs), with its owner, type, status, recipient, pages and schedule.\n";

static const char job_help[] =
	"usage: faxctl job pause|resume|delete|abort ID\n"
	"pause: hold a queued job; resume: release it (also restarts a job whose\n"
	"retries are exhausted); delete: remove it from the queue; abort: stop it,\n"
	"hanging up its call if it is on the line. Your own jobs, or any job with\n"
	"the right to manage jobs.\n";

static const char *text_or_dash(const char *text)
{
	return text && text[0] ? text : "-";
}

static void schedule_words(const FAX_JOB_ENTRYA *job, char *text, size_t size)
{
	switch (job->ScheduleAction) {
	case JSA_SPECIFIC_TIME:
		faxctl_format_systemtime_utc(&job->ScheduleTime, text, size);
		break;
	case JSA_DISCOUNT_PERIOD:
		snprintf(text, size, "cheap");
		break;
	default:
		snprintf(text, size, "now");
	}
}

static void print_job_json(struct json_writer *json, const void *item, const void *context)
{
	const FAX_JOB_ENTRYA *job = item;
	char queue_status[128], schedule[64];

	(void)context;
	faxctl_queue_status_words(job->QueueStatus, queue_status, sizeof(queue_status));
	schedule_words(job, schedule, sizeof(schedule));
	json_begin_object(json, NULL);
	json_uint(json, "job_id", job->JobId);
	json_string(json, "type", faxctl_job_type_name(job->JobType));
	json_string(json, "queue_status", queue_status);
	json_string(json, "state", job->Status ? faxctl_state_name(job->Status) : NULL);
	json_string(json, "owner", job->UserName);
	json_string(json, "recipient_number", job->RecipientNumber);
	json_string(json, "recipient_name", job->RecipientName);
	json_uint(json, "pages", job->PageCount);
	json_uint(json, "size", job->Size);
	json_string(json, "schedule", schedule);
	json_string(json, "document", job->DocumentName);
	json_end_object(json);
}

static void print_job_header(void)
{
	printf("%-5s %-8s %-10s %-22s %-12s %-16s %5s  %-16s  %s\n", "ID", "TYPE", "OWNER",
	       "STATUS", "STATE", "TO", "PAGES", "SCHEDULE", "DOCUMENT");
}

static void print_job_row(const void *item, const void *context)
{
	const FAX_JOB_ENTRYA *job = item;
	char queue_status[128], schedule[64];

	(void)context;
	faxctl_queue_status_words(job->QueueStatus, queue_status, sizeof(queue_status));
	schedule_words(job, schedule, sizeof(schedule));
	/* The owner, number and document are users' text: never raw to a terminal. */
	printf("%-5lu %-8s ", (unsigned long)job->JobId, faxctl_job_type_name(job->JobType));
	terminal_text_field(stdout, text_or_dash(job->UserName), -10);
	printf(" %-22s %-12s ", queue_status, job->Status ? faxctl_state_name(job->Status) : "-");
	terminal_text_field(stdout, text_or_dash(job->RecipientNumber), -16);
	printf(" %5lu  %-16s  ", (unsigned long)job->PageCount, schedule);
	terminal_text_field(stdout, text_or_dash(job->DocumentName), 0);
	putchar('\n');
}

int faxctl_jobs(struct faxctl_command_line *cmd)
{
	bool as_json;
	PFAX_JOB_ENTRYA jobs;
	DWORD count;
	HANDLE server;
	int status = faxctl_listing_options(cmd, jobs_help, &as_json);

	if (status)
		return status == FAXCTL_HELP_SHOWN ? FAXCTL_OK : status;
	status = faxctl_connect(&server);
	if (status)
		return status;
	if (!FaxEnumJobsA(server, &jobs, &count)) {
		status = faxctl_fail_api("cannot list the fax queue", GetLastError());
		FaxClose(server);
		return status;
	}
	faxctl_print_listing(&(struct faxctl_listing){
		.items = jobs, .count = count, .item_size = sizeof(*jobs),
		.empty = "the fax queue is empty",
		.print_header = print_job_header, .print_row = print_job_row,
		.print_object = print_job_json,
	}, as_json);
	FaxFreeBuffer(jobs);
	FaxClose(server);
	return FAXCTL_OK;
}

int faxctl_job(struct faxctl_command_line *cmd)
{
	static const struct {
		const char *word;
		DWORD command;	/* JC_*, or JC_UNKNOWN for FaxAbort */
		const char *done;
	} actions[] = {
		{ "pause", JC_PAUSE, "paused" },
		{ "resume", JC_RESUME, "resumed" },
		{ "delete", JC_DELETE, "deleted" },
		{ "abort", JC_UNKNOWN, "aborted" },
	};
	unsigned long job_id;
	HANDLE server;
	size_t i;
	BOOL done;
	int status;

	if (cmd->argc < 2 || !strcmp(cmd->argv[1], "--help") || !strcmp(cmd->argv[1], "-h")) {
		fputs(job_help, cmd->argc < 2 ? stderr : stdout);
		return cmd->argc < 2 ? FAXCTL_USAGE : FAXCTL_OK;
	}
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strcmp(cmd->argv[1], actions[i].word))
			break;
	if (i == sizeof(actions) / sizeof(actions[0]))
		return faxctl_usage_error(cmd,
					  "unknown action '%s' (pause, resume, delete or abort)",
					  cmd->argv[1]);
	if (cmd->argc != 3)
		return faxctl_usage_error(cmd, "'job %s' takes one job id", actions[i].word);
	if (!faxctl_parse_uint(cmd->argv[2], 0xFFFFFFFEUL, &job_id) || !job_id)
		return faxctl_usage_error(cmd, "'%s' is not a job id (see 'faxctl jobs')",
					  cmd->argv[2]);
	status = faxctl_connect(&server);
	if (status)
		return status;
	if (actions[i].command == JC_UNKNOWN)
		done = FaxAbort(server, (DWORD)job_id);
	else
		done = FaxSetJobA(server, (DWORD)job_id, actions[i].command, NULL);
	if (done) {
		printf("job %lu %s\n", job_id, actions[i].done);
	} else {
		DWORD error = GetLastError();

		/* The API's code for an unknown job id is the generic one. */
		if (error == ERROR_INVALID_PARAMETER)
			status = faxctl_fail(FAXCTL_NOT_FOUND, "cannot %s job %lu: no such job",
					     actions[i].word, job_id);
		else if (error == ERROR_DEVICE_IN_USE)
			status = faxctl_fail(FAXCTL_BUSY,
					     "cannot %s job %lu: it is on the line or is a receive job (abort stops it)",
					     actions[i].word, job_id);
		else if (error == ERROR_ACCESS_DENIED)
			status = faxctl_fail(FAXCTL_DENIED,
					     "cannot %s job %lu: permission denied (not your job, and you lack the right to manage jobs)",
					     actions[i].word, job_id);
		else
			status = faxctl_fail_api("cannot control the job", error);
	}
	FaxClose(server);
	return status;
}
