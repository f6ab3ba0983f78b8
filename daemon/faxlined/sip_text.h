/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sip_text: what faxlined takes from a remote SIP message, made safe, and
 * what a SIP response means for a fax job.
 *
 * Every string in a SIP message is the remote's choice. Before one reaches
 * the kernel it is cut to the uAPI's bound and made to follow its rules
 * (numbers: digits, '*', '#', a leading '+'; names: UTF-8 without C0, DEL,
 * C1, bidi or line-separator characters, which the kernel refuses); before
 * one reaches the log it is escaped.
 */
#ifndef FAXLINED_SIP_TEXT_H
#define FAXLINED_SIP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A phone number from @in (a SIP URI's user part, say) into @out of @size
 * bytes: visual separators ('-', '.', '(', ')', ' ') are dropped; any other
 * character outside digits, '*', '#' and a leading '+', or a number longer
 * than @size - 1, gives "" (unknown): a half number would be a wrong one.
 * Returns true if @out is not empty. @in may be NULL.
 */
bool sip_text_number(const char *in, char *out, size_t size);

/*
 * The number to put in an INVITE's URI from a kernel dial string (struct
 * faxport_dial.number: digits, '*', '#', '+', the pauses and waits ',',
 * 'W', 'T', 'P', '!' and the canonical form's separators): what
 * sip_text_number() keeps once the pauses and waits are dropped, since a
 * SIP network has no dial tone to wait for. Returns true if @out is not
 * empty.
 */
bool sip_text_dial_string(const char *in, char *out, size_t size);

/*
 * A display name from @in into @out of @size bytes: valid UTF-8 kept,
 * controls, bidi formatting and invalid bytes dropped, cut at a character
 * boundary. @in may be NULL.
 */
void sip_text_name(const char *in, char *out, size_t size);

/*
 * @in for a log line: printable ASCII as it is, everything else (and '\\'
 * and '"') as \xNN, at most @size - 1 bytes, "..." when cut.
 */
void sip_text_for_log(const char *in, char *out, size_t size);

/* The FAXPORT_CAUSE_* of a final SIP response status >= 300. */
unsigned int sip_cause_of_status(int status);

#endif
