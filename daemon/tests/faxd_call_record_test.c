// SPDX-License-Identifier: GPL-2.0
/*
 * TAP: what faxd says about a finished call (faxd/call_record.c): the 12
 * TAB-separated fields of the transfer log line (the format "faxctl log"
 * reads), the journal entry's fields, the hooks' environment
 * (faxd/call_hooks.c), and hostile text from the far end or a client
 * (TABs, newlines, control bytes, bytes past 0x7e, a 200-byte station id)
 * that must never split a line or a field; and the append itself: one
 * line per call, mode 0640, no symbolic link followed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../faxd/call_hooks.h"
#include "../faxd/call_record.h"
#include <tap.h>

static struct faxd_call_record sample_send(void)
{
	return (struct faxd_call_record){
		.sending = true,
		.job_id = 42,
		.device_id = 3,
		.owner = "alice",
		.number = "+1 425 555 0100",
		.remote_ident = "+1 425 555 0199",
		.pages = 2,
		.pages_total = 3,
		.line_seconds = 59.34,
		.outcome = "disconnected",
		.reason = "disconnected (T.30 48: far end hung up)",
		.ended = 1796693025,	/* 2026-12-08T01:23:45Z */
	};
}

/* The line cut at its TABs: how many fields, and each (into @fields, of @line's copy). */
static size_t split(char *line, char *fields[16])
{
	size_t count = 0;
	char *at = line;

	for (;;) {
		char *tab = strchr(at, '\t');

		if (count < 16)
			fields[count] = at;
		count++;
		if (!tab)
			break;
		*tab = '\0';
		at = tab + 1;
	}
	return count;
}

static bool all_printable(const char *text)
{
	for (; *text; text++)
		if ((unsigned char)*text < 0x20 || (unsigned char)*text > 0x7e)
			return false;
	return true;
}

static void test_send_line(void)
{
	struct faxd_call_record record = sample_send();
	char *line = faxd_call_record_line(&record), *fields[16];
	size_t count;

	if (!ok(line != NULL, "a send's line"))
		return;
	ok(line[strlen(line) - 1] == '\n' && !strchr(line, '\n')[1], "one line, newline-ended");
	line[strlen(line) - 1] = '\0';
	count = split(line, fields);
	is_equal(count, 12, "12 fields");
	if (count == 12) {
		ok(!strcmp(fields[0], "2026-12-08T01:23:45Z"), "end time in UTC: %s", fields[0]);
		ok(!strcmp(fields[1], "send"), "direction");
		ok(!strcmp(fields[2], "42"), "job id");
		ok(!strcmp(fields[3], "3"), "port");
		ok(!strcmp(fields[4], "alice"), "owner");
		ok(!strcmp(fields[5], "+1 425 555 0100"), "number dialled");
		ok(!strcmp(fields[6], "+1 425 555 0199"), "remote id");
		ok(!strcmp(fields[7], "2"), "pages sent");
		ok(!strcmp(fields[8], "3"), "pages in the document");
		ok(!strcmp(fields[9], "59.3"), "line seconds, one decimal: %s", fields[9]);
		ok(!strcmp(fields[10], "disconnected"), "outcome");
		ok(!strcmp(fields[11], "disconnected (T.30 48: far end hung up)"), "reason");
	}
	free(line);
}

static void test_receive_line_unknowns(void)
{
	struct faxd_call_record record = {
		.sending = false,
		.device_id = 1,
		.owner = "root",	/* not a receive's: never shown */
		.outcome = "no-fax-answer",
		.ended = 0,
	};
	char *line = faxd_call_record_line(&record), *fields[16];
	size_t count;

	if (!ok(line != NULL, "a receive's line"))
		return;
	line[strlen(line) - 1] = '\0';
	count = split(line, fields);
	is_equal(count, 12, "12 fields even with nothing known");
	if (count == 12) {
		size_t empty = 0;

		for (size_t i = 0; i < count; i++)
			empty += fields[i][0] == '\0';
		is_equal(empty, 0, "no field is empty");
		ok(!strcmp(fields[1], "receive"), "direction");
		ok(!strcmp(fields[2], "0"), "no job: 0");
		ok(!strcmp(fields[4], "-"), "a receive has no owner: '-'");
		ok(!strcmp(fields[5], "-"), "no caller id: '-'");
		ok(!strcmp(fields[6], "-"), "no remote id: '-'");
		ok(!strcmp(fields[9], "0.0"), "no line time: 0.0");
		ok(!strcmp(fields[11], "-"), "no reason: '-'");
	}
	free(line);
}

static void test_hostile_text(void)
{
	char long_ident[201];
	struct faxd_call_record record = sample_send();
	char *line, *fields[16];
	size_t count;

	memset(long_ident, 'A', 200);
	long_ident[200] = '\0';
	long_ident[7] = '\t';
	long_ident[99] = '\n';
	long_ident[150] = (char)0xe2;	/* bytes of a UTF-8 character */
	long_ident[151] = (char)0x80;
	long_ident[152] = (char)0xae;
	long_ident[199] = 0x7f;
	record.remote_ident = long_ident;
	record.owner = "ev\til";
	record.number = "123\r\n2026-01-01T00:00:00Z\tsend";
	record.reason = "bad\x1b[31m\x01\tthing\n";
	line = faxd_call_record_line(&record);
	if (!ok(line != NULL, "a line from hostile text"))
		return;
	ok(strchr(line, '\n') == line + strlen(line) - 1, "the only newline ends the line");
	line[strlen(line) - 1] = '\0';
	count = split(line, fields);
	is_equal(count, 12, "still 12 fields");
	if (count == 12) {
		bool printable = true;

		for (size_t i = 0; i < count; i++)
			printable = printable && all_printable(fields[i]);
		ok(printable, "every field printable ASCII");
		is_equal(strlen(fields[6]), 200, "a 200-byte remote id is kept whole");
		ok(fields[6][7] == '?' && fields[6][99] == '?' && fields[6][150] == '?' &&
		   fields[6][151] == '?' && fields[6][152] == '?' && fields[6][199] == '?',
		   "its TAB, newline, bytes > 0x7e and DEL are '?'");
		ok(!strcmp(fields[4], "ev?il"), "owner: %s", fields[4]);
		ok(!strcmp(fields[5], "123??2026-01-01T00:00:00Z?send"), "number: %s", fields[5]);
		ok(!strcmp(fields[11], "bad?[31m??thing?"), "reason: %s", fields[11]);
	}
	free(line);
}

/* The entry "NAME=..." of @entries, or NULL. */
static const char *entry(char **entries, const char *name)
{
	size_t length = strlen(name);

	for (size_t i = 0; entries[i]; i++)
		if (!strncmp(entries[i], name, length) && entries[i][length] == '=')
			return entries[i] + length + 1;
	return NULL;
}

static void test_journal_entries(void)
{
	static const char *const send_fields[] = {
		"FAX_DIRECTION", "FAX_JOB", "FAX_PORT", "FAX_NUMBER", "REMOTE_ID", "PAGES",
		"PAGES_TOTAL", "OWNER", "OUTCOME", "FAX_REASON", "FAX_LINE_SECONDS", "MESSAGE",
		"PRIORITY",
	};
	struct faxd_call_record record = sample_send();
	char **entries = NULL;
	size_t count = 0;
	bool all = true;

	if (!ok(!faxd_call_record_journal_entries(&record, &entries, &count),
		"journal entries of a send"))
		return;
	is_equal(entries[count] == NULL, 1, "NULL-terminated after %zu", count);
	for (size_t i = 0; i < sizeof(send_fields) / sizeof(send_fields[0]); i++) {
		if (!entry(entries, send_fields[i])) {
			tap_diag("missing %s", send_fields[i]);
			all = false;
		}
	}
	ok(all, "every field of a send");
	ok(!entry(entries, "FAX_FILE"), "no FAX_FILE for a send");
	ok(entry(entries, "FAX_JOB") && !strcmp(entry(entries, "FAX_JOB"), "42"), "FAX_JOB");
	ok(entry(entries, "FAX_DIRECTION") && !strcmp(entry(entries, "FAX_DIRECTION"), "send"),
	   "FAX_DIRECTION");
	ok(entry(entries, "OWNER") && !strcmp(entry(entries, "OWNER"), "alice"), "OWNER");
	ok(entry(entries, "OUTCOME") && !strcmp(entry(entries, "OUTCOME"), "disconnected"),
	   "OUTCOME: the transfer log's word");
	ok(entry(entries, "PRIORITY") && !strcmp(entry(entries, "PRIORITY"), "4"),
	   "a failed call: warning");
	ok(entry(entries, "MESSAGE") && strstr(entry(entries, "MESSAGE"), "job 42"),
	   "MESSAGE names the job: %s", entry(entries, "MESSAGE"));
	faxd_call_record_free_entries(entries);

	record = (struct faxd_call_record){
		.device_id = 2, .job_id = 7, .pages = 1, .pages_total = 1,
		.remote_ident = "bad\nid", .outcome = "completed", .file = "/spool/in\x01.tif",
	};
	if (!ok(!faxd_call_record_journal_entries(&record, &entries, &count),
		"journal entries of a receive"))
		return;
	ok(entry(entries, "FAX_FILE") && !strcmp(entry(entries, "FAX_FILE"), "/spool/in?.tif"),
	   "FAX_FILE, printable");
	ok(!entry(entries, "OWNER"), "no OWNER for a receive");
	ok(entry(entries, "REMOTE_ID") && !strcmp(entry(entries, "REMOTE_ID"), "bad?id"),
	   "REMOTE_ID sanitised");
	ok(entry(entries, "PRIORITY") && !strcmp(entry(entries, "PRIORITY"), "6"),
	   "a completed call: info");
	ok(entry(entries, "FAX_DIRECTION") &&
	   !strcmp(entry(entries, "FAX_DIRECTION"), "receive"), "FAX_DIRECTION receive");
	faxd_call_record_free_entries(entries);
}

static void test_outcome_words(void)
{
	struct faxd_call_report report = { .line = FAXD_LINE_BUSY };

	ok(!strcmp(faxd_call_outcome_word(&report), "busy"), "busy");
	report.line = FAXD_LINE_NO_ANSWER;
	ok(!strcmp(faxd_call_outcome_word(&report), "no-answer"), "no-answer");
	report.line = FAXD_LINE_CONNECTED;
	report.result.outcome = FAX_CALL_COMPLETED;
	ok(!strcmp(faxd_call_outcome_word(&report), "completed"), "completed");
	report.result.outcome = FAX_CALL_PROTOCOL_FAILURE;
	ok(!strcmp(faxd_call_outcome_word(&report), "protocol-failure"), "protocol-failure");
	report.result.line_samples = 8000 * 12 + 4000;
	report.result.pages_transferred = -1;
	report.result.pages_total = 4;
	{
		struct faxd_call_record record = { 0 };

		faxd_call_record_from_report(&record, &report);
		ok(record.line_seconds > 12.49 && record.line_seconds < 12.51,
		   "line seconds from the line's samples");
		ok(record.pages == 0 && record.pages_total == 4, "pages, never negative");
	}
}

static void test_hook_environment(void)
{
	static const char *const names[] = { "FAXD_EVENT", "FAXD_REMOTE_IDENT", "FAXD_CALLER" };
	const char *values[] = { "done", "a\nb\x80", NULL };
	char **environment = faxd_call_hooks_environment(names, values, 3);

	if (!ok(environment != NULL, "a hook's environment"))
		return;
	ok(!strncmp(environment[0], "PATH=", 5), "PATH first");
	ok(!strcmp(environment[1], "FAXD_EVENT=done"), "FAXD_EVENT");
	ok(!strcmp(environment[2], "FAXD_REMOTE_IDENT=a?b?"), "values printable: %s",
	   environment[2]);
	ok(!strcmp(environment[3], "FAXD_CALLER="), "unknown: empty");
	ok(environment[4] == NULL, "nothing else (no inherited variable)");
	faxd_call_hooks_free_environment(environment);
}

static void test_append(void)
{
	char directory[] = "/tmp/faxd_call_record_test.XXXXXX", path[128], link_path[128];
	char text[256] = { 0 };
	struct stat status;
	ssize_t got;
	int fd;

	if (!ok(mkdtemp(directory) != NULL, "a scratch directory"))
		return;
	snprintf(path, sizeof(path), "%s/transfer.log", directory);
	snprintf(link_path, sizeof(link_path), "%s/link.log", directory);
	umask(022);
	ok(!faxd_transfer_log_append(path, "one\n"), "append creates the log");
	ok(!faxd_transfer_log_append(path, "two\n"), "append again");
	ok(!stat(path, &status) && (status.st_mode & 07777) == 0640, "the log is 0640");
	fd = open(path, O_RDONLY);
	got = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	if (fd >= 0)
		close(fd);
	ok(got == 8 && !strcmp(text, "one\ntwo\n"), "both lines, in order");
	ok(!symlink(path, link_path), "a symbolic link to it");
	is_equal(faxd_transfer_log_append(link_path, "three\n"), -ELOOP,
		 "a symbolic link is not followed");
	ok(!stat(path, &status) && status.st_size == 8, "the log behind it is unchanged");
	unlink(link_path);
	unlink(path);
	rmdir(directory);
}

int main(void)
{
	test_send_line();
	test_receive_line_unknowns();
	test_hostile_text();
	test_journal_entries();
	test_outcome_words();
	test_hook_environment();
	test_append();
	return tap_finish();
}
