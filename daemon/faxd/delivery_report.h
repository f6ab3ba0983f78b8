/* SPDX-License-Identifier: GPL-2.0 */
/*
 * delivery_report: the mail of a DRT_EMAIL delivery report (FAX_JOB_PARAM
 * DeliveryReportType), as text for a sendmail-compatible command ("-t":
 * the recipient is read from the To header). Pure functions: no process,
 * no I/O but the document given, so the mail can be checked on the host.
 *
 * Everything in the mail that a user or the far end chose (names, the
 * station id, the document name) is text in the body only, with control
 * characters and bytes that are not UTF-8 replaced by '?'. The headers
 * carry only the checked address, the dial string (printable ASCII) and
 * faxd's own words, so nothing can add a header or a recipient. The
 * address must be one addr-spec (local@domain, dot-atoms, at most 254
 * bytes): no display name, no list, no quoted local part, no CR/LF.
 */
#ifndef FAXD_DELIVERY_REPORT_H
#define FAXD_DELIVERY_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct delivery_report {
	uint32_t job_id;
	const char *address;		/* To: must pass delivery_report_address_valid */
	bool delivered;
	const char *failure;		/* why it failed (faxd's words), when !delivered */
	const char *recipient_number;
	const char *recipient_name;	/* may be "" */
	const char *sender_name;
	const char *document_name;
	const char *remote_ident;	/* the far end's station id, or "" */
	unsigned int pages_sent;
	unsigned int pages_total;	/* 0: unknown */
	time_t submitted;
	time_t completed;		/* also the Date header */
	const char *host;		/* for the Message-ID */
	const uint8_t *attachment;	/* the first page as a TIFF, or NULL */
	size_t attachment_size;
};

/* Is @address one addr-spec faxd may put in a To header? */
bool delivery_report_address_valid(const char *address);

/*
 * The whole mail (headers, a text part, the attachment in base64) in a
 * malloc'ed buffer of *@size bytes (NUL-terminated too). Returns 0,
 * -EINVAL for an address delivery_report_address_valid refuses, or
 * -ENOMEM.
 */
int delivery_report_build(const struct delivery_report *report, char **text, size_t *size);

/*
 * The first page of the TIFF document @document_fd (read from its start
 * with pread, so a shared offset does not matter) as a TIFF of its own,
 * its strips copied as they are. Returns 0 and a malloc'ed buffer, or a
 * negative errno (-EINVAL: not a TIFF libtiff reads).
 */
int delivery_report_first_page(int document_fd, uint8_t **tiff, size_t *size);

#endif
