// SPDX-License-Identifier: GPL-2.0
#include "call_hooks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "routing.h"
#include "../engine/log.h"

/* The route commands' PATH: a hook is a command like theirs. */
#define HOOK_PATH "PATH=/usr/local/bin:/usr/bin:/bin"

/* What the runner's child needs; everything owned, built in faxd. */
struct hook_context {
	char *line;		/* the command line, cut into argv's words */
	char **argv;
	char **environment;
};

char **faxd_call_hooks_environment(const char *const *names, const char *const *values,
				   size_t count)
{
	char **environment = calloc(count + 2, sizeof(*environment));

	if (!environment)
		return NULL;
	environment[0] = strdup(HOOK_PATH);
	if (!environment[0])
		goto fail;
	for (size_t i = 0; i < count; i++) {
		char *value = faxd_call_record_printable(values[i]);

		if (!value || asprintf(&environment[i + 1], "%s=%s", names[i], value) < 0) {
			environment[i + 1] = NULL;
			free(value);
			goto fail;
		}
		free(value);
	}
	return environment;
fail:
	faxd_call_hooks_free_environment(environment);
	return NULL;
}

void faxd_call_hooks_free_environment(char **environment)
{
	if (!environment)
		return;
	for (size_t i = 0; environment[i]; i++)
		free(environment[i]);
	free(environment);
}

static void free_context(void *opaque)
{
	struct hook_context *context = opaque;

	free(context->argv);
	free(context->line);
	faxd_call_hooks_free_environment(context->environment);
	free(context);
}

/* In the runner's child (limits set, capabilities gone): become the hook. */
static int exec_hook(void *opaque)
{
	struct hook_context *context = opaque;

	execve(context->argv[0], context->argv, context->environment);
	log_error("%s: cannot run: %s", context->argv[0], strerror(errno));
	return 127;
}

/* Run @command_line (words split at blanks, no shell) with @environment (taken). */
static void run_hook(const char *what, const char *command_line, char **environment,
		     const struct faxd_config *config)
{
	struct hook_context *context = calloc(1, sizeof(*context));
	size_t words = 0;
	char *save = NULL;

	if (!context || !environment || !(context->line = strdup(command_line)))
		goto out_of_memory;
	context->environment = environment;
	environment = NULL;
	for (char *word = strtok_r(context->line, " \t", &save); word;
	     word = strtok_r(NULL, " \t", &save)) {
		char **grown = realloc(context->argv, (words + 2) * sizeof(*grown));

		if (!grown)
			goto out_of_memory;
		context->argv = grown;
		context->argv[words++] = word;
		context->argv[words] = NULL;
	}
	if (!words) {
		log_error("%s: cannot use '%s'", what, command_line);
		free_context(context);
		return;
	}
	/* The runner frees the context once the child is started (or dropped). */
	faxd_route_run_helper(what, exec_hook, context, free_context, -1, &config->route_limits);
	return;
out_of_memory:
	log_error("%s: out of memory: not run", what);
	faxd_call_hooks_free_environment(environment);
	if (context)
		free_context(context);
}

static void iso_time(time_t when, char *text, size_t size)
{
	struct tm utc;

	if (!gmtime_r(&when, &utc) || !strftime(text, size, "%Y-%m-%dT%H:%M:%SZ", &utc))
		snprintf(text, size, "1970-01-01T00:00:00Z");
}

void faxd_call_hooks_send(const struct faxd_config *config, const char *event,
			  const struct faxd_call_record *record, time_t submitted)
{
	static const char *const names[] = {
		"FAXD_EVENT", "FAXD_JOB", "FAXD_PORT", "FAXD_OWNER", "FAXD_NUMBER",
		"FAXD_PAGES", "FAXD_PAGES_TOTAL", "FAXD_OUTCOME", "FAXD_REASON",
		"FAXD_SUBMITTED", "FAXD_ENDED", "FAXD_REMOTE_IDENT", "FAXD_LINE_SECONDS",
	};
	char job[16], port[16], pages[16], pages_total[16], submitted_text[32], ended[32];
	char seconds[32], what[64];
	const char *values[sizeof(names) / sizeof(names[0])];

	if (!config->notify_command)
		return;
	snprintf(job, sizeof(job), "%u", record->job_id);
	snprintf(port, sizeof(port), "%u", record->device_id);
	snprintf(pages, sizeof(pages), "%u", record->pages);
	snprintf(pages_total, sizeof(pages_total), "%u", record->pages_total);
	snprintf(seconds, sizeof(seconds), "%.1f", record->line_seconds);
	iso_time(submitted, submitted_text, sizeof(submitted_text));
	iso_time(record->ended, ended, sizeof(ended));
	values[0] = event;
	values[1] = job;
	values[2] = port;
	values[3] = record->owner;
	values[4] = record->number;
	values[5] = pages;
	values[6] = pages_total;
	values[7] = record->outcome;
	values[8] = record->reason;
	values[9] = submitted_text;
	values[10] = ended;
	values[11] = record->remote_ident;
	values[12] = seconds;
	snprintf(what, sizeof(what), "notify_command for job %u (%s)", record->job_id, event);
	run_hook(what, config->notify_command,
		 faxd_call_hooks_environment(names, values, sizeof(names) / sizeof(names[0])),
		 config);
}

void faxd_call_hooks_receive(const struct faxd_config *config,
			     const struct faxd_call_record *record, const char *called)
{
	static const char *const names[] = {
		"FAXD_EVENT", "FAXD_JOB", "FAXD_PORT", "FAXD_FILE", "FAXD_PAGES",
		"FAXD_REMOTE_IDENT", "FAXD_CALLER", "FAXD_CALLED", "FAXD_OUTCOME",
		"FAXD_REASON", "FAXD_LINE_SECONDS", "FAXD_ENDED",
	};
	char job[16], port[16], pages[16], seconds[32], ended[32], what[64];
	const char *values[sizeof(names) / sizeof(names[0])];
	bool completed = record->outcome && !strcmp(record->outcome, "completed");

	if (!config->receive_command || !record->file)
		return;
	snprintf(job, sizeof(job), "%u", record->job_id);
	snprintf(port, sizeof(port), "%u", record->device_id);
	snprintf(pages, sizeof(pages), "%u", record->pages);
	snprintf(seconds, sizeof(seconds), "%.1f", record->line_seconds);
	iso_time(record->ended, ended, sizeof(ended));
	values[0] = completed ? "received" : "receive-failed";
	values[1] = job;
	values[2] = port;
	values[3] = record->file;
	values[4] = pages;
	values[5] = record->remote_ident;
	values[6] = record->number;
	values[7] = called;
	values[8] = record->outcome;
	values[9] = record->reason;
	values[10] = seconds;
	values[11] = ended;
	snprintf(what, sizeof(what), "receive_command for faxport%u", record->device_id);
	run_hook(what, config->receive_command,
		 faxd_call_hooks_environment(names, values, sizeof(names) / sizeof(names[0])),
		 config);
}
