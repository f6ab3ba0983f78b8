// SPDX-License-Identifier: GPL-2.0
#include "call_record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <systemd/sd-journal.h>

#include "../engine/log.h"

const char *faxd_call_outcome_word(const struct faxd_call_report *report)
{
	/* Spelled out, not derived from the log's names: scripts match these. */
	switch (report->line) {
	case FAXD_LINE_CONNECTED:
		break;
	case FAXD_LINE_NOT_DIALED:
		return report->result.outcome == FAX_CALL_CANNOT_READ_DOCUMENT
			? "cannot-read-document" : "not-dialled";
	case FAXD_LINE_BAD_ADDRESS:
		return "no-such-number";
	case FAXD_LINE_BUSY:
		return "busy";
	case FAXD_LINE_NO_ANSWER:
		return "no-answer";
	case FAXD_LINE_NO_DIAL_TONE:
		return "no-dial-tone";
	case FAXD_LINE_ABORTED:
		return "aborted";
	case FAXD_LINE_ERROR:
		return "line-error";
	}
	switch (report->result.outcome) {
	case FAX_CALL_COMPLETED:
		return "completed";
	case FAX_CALL_NO_FAX_ANSWER:
		return "no-fax-answer";
	case FAX_CALL_DISCONNECTED:
		return "disconnected";
	case FAX_CALL_PROTOCOL_FAILURE:
		return "protocol-failure";
	case FAX_CALL_TIMEOUT:
		return "timeout";
	case FAX_CALL_ABORTED:
		return "aborted";
	case FAX_CALL_CANNOT_READ_DOCUMENT:
		return "cannot-read-document";
	case FAX_CALL_CANNOT_WRITE_OUTPUT:
		return "cannot-write-output";
	case FAX_CALL_PAGE_TOO_LONG:
		return "page-too-long";
	case FAX_CALL_IN_PROGRESS:
		break;
	}
	return "line-error";
}

char *faxd_call_reason(const struct faxd_call_report *report)
{
	const struct fax_call_result *result = &report->result;
	char *text;

	if (report->line == FAXD_LINE_ERROR && report->line_errno)
		return asprintf(&text, "line error: %s", strerror(report->line_errno)) < 0
			? NULL : text;
	if (result->document_problem)
		return strdup(result->document_problem);
	if (report->line != FAXD_LINE_CONNECTED)
		return strdup(faxd_line_outcome_name(report->line));
	if (result->t30_text && result->t30_text[0])
		return asprintf(&text, "%s (T.30 %d: %s)", fax_call_outcome_name(result->outcome),
				result->t30_code, result->t30_text) < 0 ? NULL : text;
	return strdup(fax_call_outcome_name(result->outcome));
}

void faxd_call_record_from_report(struct faxd_call_record *record,
				  const struct faxd_call_report *report)
{
	record->pages = report->result.pages_transferred > 0
		? (unsigned int)report->result.pages_transferred : 0;
	record->pages_total = report->result.pages_total > 0
		? (unsigned int)report->result.pages_total : 0;
	/* Line time, what the exchange bills: 0 for a call that never connected. */
	record->line_seconds = (double)report->result.line_samples / FAX_CALL_SAMPLE_RATE;
	record->outcome = faxd_call_outcome_word(report);
}

char *faxd_call_record_printable(const char *text)
{
	size_t length = text ? strlen(text) : 0;
	char *copy = malloc(length + 1);

	if (!copy)
		return NULL;
	for (size_t i = 0; i < length; i++) {
		unsigned char byte = (unsigned char)text[i];

		copy[i] = byte >= 0x20 && byte <= 0x7e ? (char)byte : '?';
	}
	copy[length] = '\0';
	return copy;
}

/* A text field: printable, "-" when empty. */
static char *text_field(const char *text)
{
	return faxd_call_record_printable(text && text[0] ? text : "-");
}

static char *format_field(const char *format, ...)
{
	va_list arguments;
	char *text;
	int length;

	va_start(arguments, format);
	length = vasprintf(&text, format, arguments);
	va_end(arguments);
	return length < 0 ? NULL : text;
}

int faxd_call_record_fields(const struct faxd_call_record *record,
			    char *fields[FAXD_CALL_RECORD_FIELDS])
{
	char ended[32];
	struct tm utc;

	if (!gmtime_r(&record->ended, &utc) ||
	    !strftime(ended, sizeof(ended), "%Y-%m-%dT%H:%M:%SZ", &utc))
		strcpy(ended, "1970-01-01T00:00:00Z");
	fields[0] = strdup(ended);
	fields[1] = strdup(record->sending ? "send" : "receive");
	fields[2] = format_field("%u", record->job_id);
	fields[3] = format_field("%u", record->device_id);
	fields[4] = text_field(record->sending ? record->owner : NULL);
	fields[5] = text_field(record->number);
	fields[6] = text_field(record->remote_ident);
	fields[7] = format_field("%u", record->pages);
	fields[8] = format_field("%u", record->pages_total);
	fields[9] = format_field("%.1f", record->line_seconds >= 0 ? record->line_seconds : 0.0);
	fields[10] = text_field(record->outcome);
	fields[11] = text_field(record->reason);
	for (int i = 0; i < FAXD_CALL_RECORD_FIELDS; i++) {
		if (!fields[i]) {
			faxd_call_record_free_fields(fields);
			return -ENOMEM;
		}
	}
	return 0;
}

void faxd_call_record_free_fields(char *fields[FAXD_CALL_RECORD_FIELDS])
{
	for (int i = 0; i < FAXD_CALL_RECORD_FIELDS; i++) {
		free(fields[i]);
		fields[i] = NULL;
	}
}

char *faxd_call_record_line(const struct faxd_call_record *record)
{
	char *fields[FAXD_CALL_RECORD_FIELDS];
	size_t length = 0, at = 0;
	char *line;

	if (faxd_call_record_fields(record, fields))
		return NULL;
	for (int i = 0; i < FAXD_CALL_RECORD_FIELDS; i++)
		length += strlen(fields[i]) + 1;	/* its TAB, or the newline */
	line = malloc(length + 1);
	if (line) {
		for (int i = 0; i < FAXD_CALL_RECORD_FIELDS; i++) {
			size_t field_length = strlen(fields[i]);

			memcpy(line + at, fields[i], field_length);
			at += field_length;
			line[at++] = i + 1 < FAXD_CALL_RECORD_FIELDS ? '\t' : '\n';
		}
		line[at] = '\0';
	}
	faxd_call_record_free_fields(fields);
	return line;
}

/* Journal entries beyond the fields: FAX_FILE, MESSAGE, PRIORITY, SYSLOG_IDENTIFIER. */
#define JOURNAL_ENTRIES_MAX (FAXD_CALL_RECORD_FIELDS + 4)

int faxd_call_record_journal_entries(const struct faxd_call_record *record, char ***entries,
				     size_t *count)
{
	char *fields[FAXD_CALL_RECORD_FIELDS];
	char **list = calloc(JOURNAL_ENTRIES_MAX + 1, sizeof(*list));
	bool succeeded = record->outcome && !strcmp(record->outcome, "completed");
	size_t used = 0;
	char *file = NULL;

	if (!list)
		return -ENOMEM;
	if (faxd_call_record_fields(record, fields)) {
		free(list);
		return -ENOMEM;
	}
	list[used++] = format_field("FAX_DIRECTION=%s", fields[1]);
	list[used++] = format_field("FAX_JOB=%s", fields[2]);
	list[used++] = format_field("FAX_PORT=%s", fields[3]);
	list[used++] = format_field("FAX_NUMBER=%s", fields[5]);
	list[used++] = format_field("REMOTE_ID=%s", fields[6]);
	list[used++] = format_field("PAGES=%s", fields[7]);
	list[used++] = format_field("PAGES_TOTAL=%s", fields[8]);
	if (record->sending)
		list[used++] = format_field("OWNER=%s", fields[4]);
	list[used++] = format_field("OUTCOME=%s", fields[10]);
	list[used++] = format_field("FAX_REASON=%s", fields[11]);
	list[used++] = format_field("FAX_LINE_SECONDS=%s", fields[9]);
	if (record->file) {
		file = faxd_call_record_printable(record->file);
		list[used++] = file ? format_field("FAX_FILE=%s", file) : NULL;
	}
	if (record->sending)
		list[used++] = format_field("MESSAGE=faxport%s: job %s to %s: %s, %s/%s page(s), "
					    "%s s (%s)", fields[3], fields[2], fields[5],
					    fields[10], fields[7], fields[8], fields[9], fields[11]);
	else
		list[used++] = format_field("MESSAGE=faxport%s: received from %s (%s): %s, %s "
					    "page(s), %s s (%s)", fields[3], fields[6], fields[5],
					    fields[10], fields[7], fields[9], fields[11]);
	/* A failed call is worth a look: "journalctl -p warning" finds it. */
	list[used++] = format_field("PRIORITY=%d", succeeded ? LOG_INFO : LOG_WARNING);
	list[used++] = strdup("SYSLOG_IDENTIFIER=faxd");
	free(file);
	faxd_call_record_free_fields(fields);
	for (size_t i = 0; i < used; i++) {
		if (!list[i]) {
			for (size_t j = 0; j < used; j++)
				free(list[j]);
			free(list);
			return -ENOMEM;
		}
	}
	*entries = list;
	*count = used;
	return 0;
}

void faxd_call_record_free_entries(char **entries)
{
	if (!entries)
		return;
	for (size_t i = 0; entries[i]; i++)
		free(entries[i]);
	free(entries);
}

int faxd_transfer_log_append(const char *path, const char *line)
{
	size_t length = strlen(line);
	struct stat status;
	ssize_t written;
	int fd, error = 0;

	/*
	 * Opened for each line, not kept open: logrotate may rename the file
	 * and create a new one ("create") without telling faxd, and the next
	 * call lands in the new file; one open per call costs nothing. No
	 * symbolic link is followed, and O_NONBLOCK keeps a FIFO someone put
	 * there from stopping faxd (the file must be a regular one anyway).
	 */
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK |
		  O_NOCTTY, 0640);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &status)) {
		error = -errno;
	} else if (!S_ISREG(status.st_mode)) {
		error = -EINVAL;
	} else {
		/* One write: with O_APPEND the line lands whole, after any other. */
		written = write(fd, line, length);
		if (written < 0)
			error = -errno;
		else if ((size_t)written != length)
			error = -ENOSPC;
	}
	close(fd);
	return error;
}

static void publish_journal(const struct faxd_call_record *record)
{
	struct iovec vectors[JOURNAL_ENTRIES_MAX];
	char **entries;
	size_t count;
	int error;

	if (faxd_call_record_journal_entries(record, &entries, &count)) {
		log_error("faxport%u: out of memory: no journal record of the call",
			  record->device_id);
		return;
	}
	for (size_t i = 0; i < count; i++)
		vectors[i] = (struct iovec){ .iov_base = entries[i], .iov_len = strlen(entries[i]) };
	/* A datagram to journald's socket: it does not wait for the journal's disk. */
	error = sd_journal_sendv(vectors, (int)count);
	if (error < 0)
		log_warning("faxport%u: no journal record of the call: %s", record->device_id,
			    strerror(-error));
	faxd_call_record_free_entries(entries);
}

/* The last append's error (0: it worked), so that a lasting problem is said once. */
static int last_transfer_log_error;

void faxd_call_record_publish(const struct faxd_call_record *record,
			      const struct faxd_config *config)
{
	char *line;
	int error;

	/* Outside the journal the log line faxd writes about the call is all there is. */
	if (faxd_log_to_journal())
		publish_journal(record);
	if (!config->transfer_log)
		return;
	line = faxd_call_record_line(record);
	if (!line) {
		log_error("faxport%u: out of memory: no transfer log line", record->device_id);
		return;
	}
	/*
	 * In the event loop, between calls (the call has ended; other ports'
	 * audio waits at most this long): a local append of one short line
	 * does not block for long. A transfer log on a network file system
	 * could, and is not supported.
	 */
	error = faxd_transfer_log_append(config->transfer_log, line);
	/*
	 * Said once until it changes: a missing folder would repeat it every
	 * call. About the server's file, not the port: no port prefix, so
	 * that a port's logging category set to none keeps that port silent.
	 */
	if (error && error != last_transfer_log_error)
		log_warning("transfer log %s: %s: calls are not in it until it can be written",
			    config->transfer_log, strerror(-error));
	else if (error)
		log_debug("transfer log %s: %s", config->transfer_log, strerror(-error));
	else if (last_transfer_log_error)
		log_notice("transfer log %s: written again", config->transfer_log);
	last_transfer_log_error = error;
	free(line);
}
