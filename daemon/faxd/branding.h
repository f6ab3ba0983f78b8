/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Branding: the header line faxd prints on every page it sends while the
 * server's Branding setting (FAX_CONFIGURATION.Branding, on by default) is
 * on. spandsp draws the line: date and time, then this text, then the TSID
 * and the page number ("p.2"). The text is the administrator's format
 * (faxd.conf's header_info) with the job's fields filled in:
 *
 *   {sender} {company} {department} {recipient} {number} {billing}
 *   {document}   from the job's parameters (FAX_JOB_PARAM, FAX_COVERPAGE_INFO)
 *   {pages}      the document's page count (filled in when it is read)
 *
 * spandsp's header font has printable ASCII only, and room for 50
 * characters: other characters print as '?', the rest is cut.
 */
#ifndef FAXD_BRANDING_H
#define FAXD_BRANDING_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/faxport.h>

/* The format when faxd.conf sets none: with the TSID, date, time and page
 * number spandsp adds, the header Windows and HylaFAX print by default. */
#define FAXD_HEADER_DEFAULT_FORMAT "To: {number}  Page count: {pages}"
/* Longest format faxd.conf may give (the text printed is cut at 50). */
#define FAXD_HEADER_FORMAT_MAX 200

/* Is @format printable ASCII of at most FAXD_HEADER_FORMAT_MAX characters
 * whose {...} are all fields above? */
bool faxd_header_format_valid(const char *format);

/*
 * @format with @param's fields filled in, into @header (@size bytes, at
 * least 1): printable ASCII, cut to size - 1 characters; "{pages}" stays
 * for the call to fill in, or goes if the cut would split it.
 */
void faxd_header_expand(const char *format, const struct faxport_job_param *param,
			char *header, size_t size);

/* Is the server's Branding on in @config (faxd_server_config_read's, which
 * returned @error)? When it could not be read: on, Windows' default (said
 * once in the log). */
bool faxd_branding_enabled(const struct faxport_config *config, int error);

#endif
