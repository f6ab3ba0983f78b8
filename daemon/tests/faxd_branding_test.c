// SPDX-License-Identifier: GPL-2.0
/*
 * TAP: the branding header's text (faxd/branding.c): the administrator's
 * format with the job's fields, in what spandsp's header font can print.
 */
#include <stdio.h>
#include <string.h>

#include "../faxd/branding.h"
#include "../t30/fax_call.h"
#include <tap.h>

static struct faxport_job_param job(void)
{
	struct faxport_job_param param;

	memset(&param, 0, sizeof(param));
	snprintf(param.recipient_number, sizeof(param.recipient_number), "+49 30 1234567");
	snprintf(param.recipient_name, sizeof(param.recipient_name), "Accounts");
	snprintf(param.sender_name, sizeof(param.sender_name), "J\xc3\xbcrgen M\xc3\xbcller");
	snprintf(param.sender_company, sizeof(param.sender_company), "ACME GmbH");
	snprintf(param.sender_dept, sizeof(param.sender_dept), "Sales");
	snprintf(param.billing_code, sizeof(param.billing_code), "B-17");
	snprintf(param.document_name, sizeof(param.document_name), "\xe6\x97\xa5\xe6\x9c\xac.pdf");
	return param;
}

static void expands(const char *format, const char *expected, const char *what)
{
	struct faxport_job_param param = job();
	char header[FAX_CALL_HEADER_INFO_MAX + 1];

	faxd_header_expand(format, &param, header, sizeof(header));
	ok(!strcmp(header, expected), "%s: \"%s\" gives \"%s\"", what, format, expected);
	if (strcmp(header, expected))
		tap_diag("got \"%s\"", header);
}

static void the_default_names_the_number_and_leaves_the_page_count_to_the_call(void)
{
	expands(FAXD_HEADER_DEFAULT_FORMAT, "To: +49 30 1234567  Page count: {pages}",
		"the default format");
	ok(faxd_header_format_valid(FAXD_HEADER_DEFAULT_FORMAT), "the default format is valid");
}

static void every_job_field_is_filled_in(void)
{
	expands("{company}/{department}/{recipient}/{billing}", "ACME GmbH/Sales/Accounts/B-17",
		"company, department, recipient, billing code");
	expands("From {sender}", "From J?rgen M?ller", "a sender with umlauts");
	expands("{document}", "??.pdf", "a document name in CJK");
	expands("no fields at all", "no fields at all", "plain text");
}

static void the_text_is_cut_to_what_the_header_holds(void)
{
	struct faxport_job_param param = job();
	char header[FAX_CALL_HEADER_INFO_MAX + 1];
	char format[FAXD_HEADER_FORMAT_MAX + 1];

	memset(format, 'x', FAXD_HEADER_FORMAT_MAX);
	format[FAXD_HEADER_FORMAT_MAX] = '\0';
	faxd_header_expand(format, &param, header, sizeof(header));
	is_equal(strlen(header), FAX_CALL_HEADER_INFO_MAX, "a long format is cut to %d characters",
		 FAX_CALL_HEADER_INFO_MAX);
	/* 45 characters, then a {pages} that no longer fits: left out, not half printed. */
	memset(format, 'y', 45);
	snprintf(format + 45, sizeof(format) - 45, "{pages}");
	faxd_header_expand(format, &param, header, sizeof(header));
	ok(strlen(header) == 45 && !strchr(header, '{'),
	   "a {pages} the cut would split is left out");
}

static void a_format_has_printable_ascii_and_known_fields_only(void)
{
	char long_format[FAXD_HEADER_FORMAT_MAX + 2];

	ok(faxd_header_format_valid("{sender} ({company}), {pages} pages"), "known fields");
	ok(!faxd_header_format_valid("{sender} {phone}"), "an unknown field is refused");
	ok(!faxd_header_format_valid("{sender"), "an unclosed field is refused");
	ok(!faxd_header_format_valid("M\xc3\xbcller"), "non-ASCII is refused (the font has none)");
	ok(!faxd_header_format_valid("tab\there"), "a control character is refused");
	memset(long_format, 'z', sizeof(long_format) - 1);
	long_format[sizeof(long_format) - 1] = '\0';
	ok(!faxd_header_format_valid(long_format), "a format over %d characters is refused",
	   FAXD_HEADER_FORMAT_MAX);
}

int main(void)
{
	the_default_names_the_number_and_leaves_the_page_count_to_the_call();
	every_job_field_is_filled_in();
	the_text_is_cut_to_what_the_header_holds();
	a_format_has_printable_ascii_and_known_fields_only();
	return tap_finish();
}
