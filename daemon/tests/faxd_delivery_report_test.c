// SPDX-License-Identifier: GPL-2.0
/*
 * TAP: the mail of a DRT_EMAIL delivery report (faxd/delivery_report.c):
 * its headers, its MIME structure, the attachment that decodes back to the
 * bytes given, the first page cut from a document, and hostile input
 * (CR/LF in names, bytes that are not UTF-8, addresses that are not one
 * addr-spec) that must never add a header or a recipient.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tiffio.h>

#include "../faxd/delivery_report.h"
#include "fax_test_tiff.h"
#include <tap.h>

static const uint8_t attachment[] = { 'I', 'I', 42, 0, 0xff, 0x00, 0x80, 0x7f, '\n', '\r', 1 };

static struct delivery_report sample(void)
{
	return (struct delivery_report){
		.job_id = 17,
		.address = "alice@example.org",
		.delivered = true,
		.recipient_number = "+1 (425) 555-0100",
		.recipient_name = "Accounts",
		.sender_name = "Alice",
		.document_name = "Invoice",
		.remote_ident = "+1 425 555 0100",
		.pages_sent = 2,
		.pages_total = 2,
		.submitted = 1700000000,
		.completed = 1700000090,
		.host = "faxhost.example.org",
		.attachment = attachment,
		.attachment_size = sizeof(attachment),
	};
}

/* The value of header @name (the first one), malloc'ed, or NULL. */
static char *header(const char *mail, const char *name)
{
	size_t length = strlen(name);
	const char *end = strstr(mail, "\n\n");

	for (const char *line = mail; line && line < end; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (!strncmp(line, name, length) && line[length] == ':') {
			const char *value = line + length + 1;

			while (*value == ' ')
				value++;
			return strndup(value, strcspn(value, "\n"));
		}
	}
	return NULL;
}

/* How many header lines (before the first blank line) there are. */
static int header_lines(const char *mail)
{
	const char *end = strstr(mail, "\n\n");
	int lines = 0;

	for (const char *p = mail; p && p <= end; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		lines++;
	return lines;
}

static int base64_value(char c)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *at = c ? strchr(alphabet, c) : NULL;

	return at ? (int)(at - alphabet) : -1;
}

/* Decode base64 from @text up to a blank line or "--"; malloc'ed. */
static uint8_t *base64_decode(const char *text, size_t *size)
{
	uint8_t *out = malloc(strlen(text));
	uint32_t group = 0;
	int bits = 0;

	*size = 0;
	for (const char *p = text; out && *p; p++) {
		int value;

		if (*p == '\n') {
			if (p[1] == '\n' || p[1] == '-' || !p[1])
				break;
			continue;
		}
		if (*p == '=')
			continue;
		value = base64_value(*p);
		if (value < 0) {
			free(out);
			return NULL;
		}
		group = group << 6 | (uint32_t)value;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[(*size)++] = (uint8_t)(group >> bits);
		}
	}
	return out;
}

/* The body of the part whose headers contain @type, or NULL. */
static const char *part_body(const char *mail, const char *type)
{
	const char *part = strstr(mail, type);
	const char *body = part ? strstr(part, "\n\n") : NULL;

	return body ? body + 2 : NULL;
}

static void test_addresses(void)
{
	static const char *const good[] = { "alice@example.org", "a.b+fax@mail-1.example.com",
					    "x@localhost", "o'neil@example.ie" };
	static const char *const bad[] = {
		"", "alice", "alice@", "@example.org", "alice@example.org\nBcc: eve@example.org",
		"alice@example.org\r", "alice@example.org,eve@example.org",
		"Alice <alice@example.org>", "alice@@example.org", "a..b@example.org",
		".a@example.org", "a.@example.org", "\"a b\"@example.org", "alice@exa_mple.org",
		"alice@example..org", "alice@example.org.", "-oQ/tmp@example.org x",
		"al ice@example.org", "al\xc3\xad" "ce@example.org",
	};
	char long_address[300];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ok(delivery_report_address_valid(good[i]), "address accepted: %s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(!delivery_report_address_valid(bad[i]), "address refused: bad[%zu]", i);
	ok(!delivery_report_address_valid(NULL), "address refused: NULL");
	memset(long_address, 'a', sizeof(long_address));
	strcpy(long_address + 250, "@b.org");
	ok(!delivery_report_address_valid(long_address), "an address over 254 bytes is refused");
}

static void test_delivered(void)
{
	struct delivery_report report = sample();
	char *mail = NULL, *value;
	size_t size = 0, decoded_size = 0;
	const char *body;
	uint8_t *decoded;

	is_equal(delivery_report_build(&report, &mail, &size), 0, "a delivered report builds");
	if (!mail)
		return;
	ok(size == strlen(mail), "its size is the text's");
	value = header(mail, "To");
	ok(value && !strcmp(value, "alice@example.org"), "To: the address (%s)", value);
	free(value);
	value = header(mail, "Subject");
	ok(value && !strcmp(value, "Fax job 17 to +1 (425) 555-0100: delivered, 2 page(s)"),
	   "Subject: the number and the outcome (%s)", value);
	free(value);
	value = header(mail, "Date");
	ok(value && !strcmp(value, "Tue, 14 Nov 2023 22:14:50 +0000"), "Date: RFC 5322 (%s)",
	   value);
	free(value);
	value = header(mail, "Message-ID");
	ok(value && !strcmp(value, "<faxd-report.17.1700000090@faxhost.example.org>"),
	   "Message-ID (%s)", value);
	free(value);
	value = header(mail, "MIME-Version");
	ok(value && !strcmp(value, "1.0"), "MIME-Version 1.0");
	free(value);
	value = header(mail, "Content-Type");
	ok(value && !strncmp(value, "multipart/mixed; boundary=\"=_faxd_report_17_", 44),
	   "multipart/mixed (%s)", value);
	free(value);
	is_equal(header_lines(mail), 7, "seven header lines, nothing else");
	ok(strstr(mail, "\n--=_faxd_report_17_1700000090--\n") != NULL, "the closing boundary");
	body = part_body(mail, "Content-Type: text/plain; charset=us-ascii");
	ok(body && strstr(body, "Your fax was delivered.") &&
	   strstr(body, "Pages sent:       2 of 2") &&
	   strstr(body, "Submitted:        2023-11-14 22:13:20 UTC") &&
	   strstr(body, "Completed:        2023-11-14 22:14:50 UTC") &&
	   strstr(body, "Remote station:   +1 425 555 0100") && strstr(body, "To:               Accounts"),
	   "the text part has outcome, pages, times, recipient and station id");
	body = part_body(mail, "Content-Type: image/tiff");
	ok(strstr(mail, "Content-Disposition: attachment; filename=\"fax-17-page1.tif\"") != NULL,
	   "the TIFF is an attachment");
	decoded = body ? base64_decode(body, &decoded_size) : NULL;
	ok(decoded && decoded_size == sizeof(attachment) &&
	   !memcmp(decoded, attachment, sizeof(attachment)),
	   "the attachment decodes back to its bytes (%zu)", decoded_size);
	free(decoded);
	free(mail);
}

static void test_failed_and_hostile(void)
{
	struct delivery_report report = sample();
	char *mail = NULL, *value;
	size_t size = 0, decoded_size = 0;
	const char *body;
	uint8_t *decoded;

	report.delivered = false;
	report.failure = "the number does not exist";
	report.pages_sent = 0;
	report.recipient_number = "555\r\nBcc: eve@example.org";
	report.recipient_name = "M\xc3\xbcller\nBcc: eve@example.org";
	report.sender_name = "bad \xff\xfe utf-8 \xc0\xaf";
	report.remote_ident = "\x1b[31mred";
	report.attachment = NULL;
	is_equal(delivery_report_build(&report, &mail, &size), 0, "a failure report builds");
	if (!mail)
		return;
	value = header(mail, "Subject");
	ok(value && !strcmp(value, "Fax job 17 to 555??Bcc: eve@example.org: failed "
				   "(the number does not exist)"),
	   "Subject: the failure, CR/LF of the number as '?' (%s)", value);
	free(value);
	value = header(mail, "Bcc");
	ok(!value, "no Bcc header came in");
	free(value);
	is_equal(header_lines(mail), 7, "still seven header lines");
	ok(!strstr(mail, "image/tiff"), "no attachment part without a page");
	body = part_body(mail, "Content-Type: text/plain; charset=utf-8\n"
			       "Content-Transfer-Encoding: base64");
	ok(body != NULL, "non-ASCII text goes in base64 UTF-8");
	decoded = body ? base64_decode(body, &decoded_size) : NULL;
	if (decoded) {
		char *text = strndup((char *)decoded, decoded_size);

		ok(text && strstr(text, "could not be delivered: the number does not exist."),
		   "the body says why");
		ok(text && strstr(text, "M\xc3\xbcller?Bcc: eve@example.org"),
		   "the name's UTF-8 is kept, its newline is '?'");
		ok(text && strstr(text, "bad ?? utf-8 ??"), "bytes that are not UTF-8 are '?'");
		ok(text && strstr(text, "Remote station:   ?[31mred"), "escape characters are '?'");
		free(text);
	} else {
		ok(false, "the body decodes");
	}
	free(decoded);
	free(mail);

	report = sample();
	report.address = "alice@example.org\nBcc: eve@example.org";
	mail = (char *)1;
	is_equal(delivery_report_build(&report, &mail, &size), -EINVAL,
		 "an address with a newline is refused");
	ok(mail == NULL, "and nothing is built");
	report.address = "alice@example.org, eve@example.org";
	is_equal(delivery_report_build(&report, &mail, &size), -EINVAL, "a list is refused");
}

/* Page 1 of @path and the extracted TIFF have the same rows. */
static bool same_first_page(const char *path, const uint8_t *tiff, size_t size)
{
	char copy_path[] = "/tmp/delivery-report-page-XXXXXX";
	int fd = mkstemp(copy_path);
	TIFF *original, *copy;
	bool same = false;

	if (fd < 0)
		return false;
	if (write(fd, tiff, size) != (ssize_t)size) {
		close(fd);
		unlink(copy_path);
		return false;
	}
	close(fd);
	original = TIFFOpen(path, "r");
	copy = TIFFOpen(copy_path, "r");
	if (original && copy) {
		uint32_t width = 0, length = 0, copy_width = 0, copy_length = 0;

		TIFFGetField(original, TIFFTAG_IMAGEWIDTH, &width);
		TIFFGetField(original, TIFFTAG_IMAGELENGTH, &length);
		TIFFGetField(copy, TIFFTAG_IMAGEWIDTH, &copy_width);
		TIFFGetField(copy, TIFFTAG_IMAGELENGTH, &copy_length);
		same = width == copy_width && length == copy_length && length > 0 &&
		       TIFFNumberOfDirectories(copy) == 1;
		if (same) {
			tmsize_t row_size = TIFFScanlineSize(original);
			uint8_t *a = malloc((size_t)row_size), *b = malloc((size_t)row_size);

			for (uint32_t row = 0; a && b && same && row < length; row++)
				same = TIFFReadScanline(original, a, row, 0) == 1 &&
				       TIFFReadScanline(copy, b, row, 0) == 1 &&
				       !memcmp(a, b, (size_t)row_size);
			same = same && a && b;
			free(a);
			free(b);
		}
	}
	if (original)
		TIFFClose(original);
	if (copy)
		TIFFClose(copy);
	unlink(copy_path);
	return same;
}

static void test_first_page(void)
{
	static const struct fax_test_tiff document = {
		.picture = FAX_TEST_NUMBERED_PAGES, .coding = FAX_TEST_MMR,
		.resolution = PAGE_RESOLUTION_FINE, .pages = 3, .rows = 400,
	};
	char path[] = "/tmp/delivery-report-doc-XXXXXX";
	int fd = mkstemp(path);
	uint8_t *tiff = NULL;
	size_t size = 0;

	if (fd < 0 || fax_test_tiff_write(path, &document, stdout)) {
		ok(false, "a test document");
		if (fd >= 0)
			close(fd);
		unlink(path);
		return;
	}
	lseek(fd, 123, SEEK_SET);
	is_equal(delivery_report_first_page(fd, &tiff, &size), 0, "page 1 of a 3-page TIFF");
	ok(lseek(fd, 0, SEEK_CUR) == 123, "the document's shared offset is left alone");
	ok(tiff && same_first_page(path, tiff, size), "it is page 1, row for row, alone");
	free(tiff);
	close(fd);
	fd = open("/dev/null", O_RDONLY);
	tiff = (uint8_t *)1;
	is_equal(delivery_report_first_page(fd, &tiff, &size), -EINVAL, "not a TIFF: -EINVAL");
	ok(tiff == NULL, "and no page");
	close(fd);
	unlink(path);
}

int main(void)
{
	test_addresses();
	test_delivered();
	test_failed_and_hostile();
	test_first_page();
	return tap_finish();
}
