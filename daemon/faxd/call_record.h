/* SPDX-License-Identifier: GPL-2.0 */
/*
 * call_record: what faxd tells about each call, sent or received, once it
 * is over: one structured journal entry (sd_journal_sendv, only when faxd
 * logs to the journal) and one line in the transfer log (faxd.conf
 * transfer_log), which an administrator can sum and "faxctl log" reads.
 * Both come from one formatter, so they always say the same.
 *
 * The transfer log is TAB-separated, one line per call, 12 fields, no
 * header, '#' starts a comment line:
 *   end (UTC, 2026-12-08T01:23:45Z), direction (send|receive), job id
 *   (0: none), port, owner (user name, or uid; "-" for receive), number
 *   (dialled, or caller id; "-" unknown), remote station id, pages
 *   transferred, pages of the document (send) or received (receive), line
 *   seconds (one decimal), outcome word, reason text.
 * Every text field has its TABs, newlines, other control bytes and bytes
 * past 0x7e as '?', and an empty field is "-": a line never splits, and a
 * remote fax machine cannot forge one.
 */
#ifndef FAXD_CALL_RECORD_H
#define FAXD_CALL_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "../engine/port_engine.h"

#define FAXD_CALL_RECORD_FIELDS 12

struct faxd_call_record {
	bool sending;
	uint32_t job_id;		/* 0: none (a receive without a receive job) */
	uint32_t device_id;
	const char *owner;		/* user name or uid in digits; NULL for receive */
	const char *number;		/* dialled, or the caller id; NULL or "": unknown */
	const char *remote_ident;	/* TSID/CSID of the far end; NULL or "": unknown */
	unsigned int pages;		/* transferred (and confirmed) */
	unsigned int pages_total;	/* in the document (send), received (receive) */
	double line_seconds;
	const char *outcome;		/* faxd_call_outcome_word() */
	const char *reason;		/* words; NULL: none */
	const char *file;		/* the received fax as filed; NULL: none */
	time_t ended;
};

/*
 * The stable word for how a call ended, the same in the journal (OUTCOME),
 * the transfer log and the hooks (FAXD_OUTCOME): completed, busy,
 * no-answer, no-such-number, no-dial-tone, not-dialled, aborted,
 * line-error, no-fax-answer, disconnected, protocol-failure, timeout,
 * cannot-read-document, cannot-write-output, page-too-long.
 */
const char *faxd_call_outcome_word(const struct faxd_call_report *report);

/* Why, in words (malloc'ed, not yet sanitised), or NULL without memory. */
char *faxd_call_reason(const struct faxd_call_report *report);

/* Fill @record's pages, line seconds and outcome from @report (reason and
 * remote ident are the caller's: they may outlive @report differently). */
void faxd_call_record_from_report(struct faxd_call_record *record,
				  const struct faxd_call_report *report);

/* @text (NULL: "") with every byte outside 0x20..0x7e as '?'; malloc'ed or NULL. */
char *faxd_call_record_printable(const char *text);

/*
 * The 12 transfer log fields of @record, sanitised, never empty, each
 * malloc'ed into @fields. Returns 0, or -ENOMEM (nothing left allocated).
 */
int faxd_call_record_fields(const struct faxd_call_record *record,
			    char *fields[FAXD_CALL_RECORD_FIELDS]);
void faxd_call_record_free_fields(char *fields[FAXD_CALL_RECORD_FIELDS]);

/* The transfer log line, TAB-joined and ending in '\n' (malloc'ed), or NULL. */
char *faxd_call_record_line(const struct faxd_call_record *record);

/*
 * The journal entry's "FIELD=value" strings (FAX_DIRECTION, FAX_JOB,
 * FAX_PORT, FAX_NUMBER, REMOTE_ID, PAGES, PAGES_TOTAL, OWNER for a send,
 * OUTCOME, FAX_REASON, FAX_LINE_SECONDS, FAX_FILE when there is one,
 * MESSAGE, PRIORITY, SYSLOG_IDENTIFIER), as sd_journal_sendv takes them.
 * Returns 0 and sets *entries (NULL-terminated) and *count, or -ENOMEM.
 */
int faxd_call_record_journal_entries(const struct faxd_call_record *record, char ***entries,
				     size_t *count);
void faxd_call_record_free_entries(char **entries);

/*
 * Append @line to the transfer log at @path in one write() (O_APPEND: lines
 * of calls ending together never interleave). Returns 0 or a negative
 * errno; the caller logs.
 */
int faxd_transfer_log_append(const char *path, const char *line);

/*
 * Tell about the call: the journal entry when faxd logs to the journal,
 * and the transfer log line when @config has one. Problems are logged.
 */
void faxd_call_record_publish(const struct faxd_call_record *record,
			      const struct faxd_config *config);

#endif
