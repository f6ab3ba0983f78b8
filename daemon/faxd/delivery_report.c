// SPDX-License-Identifier: GPL-2.0
#include "delivery_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tiffio.h>

/* RFC 5321's bound on a path, less the angle brackets. */
#define ADDRESS_MAX 254

/* ---- the address ---- */

/* RFC 5322 atext: what a dot-atom may hold besides the dots. */
static bool atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static bool dot_atom(const char *start, const char *end, bool domain)
{
	bool after_dot = true;

	if (start == end)
		return false;
	for (const char *p = start; p < end; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.') {
			if (after_dot)
				return false;
			after_dot = true;
			continue;
		}
		/* A domain is host names: letters, digits and hyphens. */
		if (domain ? !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			       (c >= '0' && c <= '9') || c == '-')
			   : !atext(c))
			return false;
		after_dot = false;
	}
	return !after_dot;
}

bool delivery_report_address_valid(const char *address)
{
	const char *at;
	size_t length;

	if (!address)
		return false;
	length = strlen(address);
	at = strrchr(address, '@');
	if (!length || length > ADDRESS_MAX || !at)
		return false;
	return dot_atom(address, at, false) && dot_atom(at + 1, address + length, true);
}

/* ---- text ---- */

/* Length of the UTF-8 sequence at @s (1..4), or 0 if it is not one. */
static size_t utf8_sequence(const unsigned char *s)
{
	size_t length;
	uint32_t code;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		length = 2;
		code = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		length = 3;
		code = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		length = 4;
		code = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < length; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		code = code << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and past U+10FFFF are not UTF-8. */
	if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
	    (length == 4 && (code < 0x10000 || code > 0x10ffff)) ||
	    (code >= 0xd800 && code <= 0xdfff))
		return 0;
	return length;
}

/* @text for the body: control characters and non-UTF-8 bytes as '?'. */
static void put_text(FILE *out, const char *text, bool *non_ascii)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");

	while (*s) {
		size_t length = utf8_sequence(s);

		if (length == 1 && *s >= 0x20 && *s != 0x7f) {
			fputc(*s, out);
		} else if (length > 1) {
			fwrite(s, 1, length, out);
			*non_ascii = true;
		} else {
			fputc('?', out);
			length = 1;
		}
		s += length;
	}
}

/* @text for a header: printable ASCII only, at most @max bytes. */
static void put_header_text(FILE *out, const char *text, size_t max)
{
	for (size_t i = 0; text && text[i] && i < max; i++) {
		unsigned char c = (unsigned char)text[i];

		fputc(c >= 0x20 && c < 0x7f ? c : '?', out);
	}
}

static void put_time(FILE *out, const char *format, time_t when)
{
	char buffer[64];
	struct tm utc;

	if (!gmtime_r(&when, &utc) || !strftime(buffer, sizeof(buffer), format, &utc))
		strcpy(buffer, "?");
	fputs(buffer, out);
}

static const char base64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* RFC 2045 base64: lines of 76 characters. */
static void put_base64(FILE *out, const uint8_t *data, size_t size)
{
	size_t column = 0;

	for (size_t i = 0; i < size; i += 3) {
		uint32_t group = (uint32_t)data[i] << 16;
		char quad[4];

		if (i + 1 < size)
			group |= (uint32_t)data[i + 1] << 8;
		if (i + 2 < size)
			group |= data[i + 2];
		quad[0] = base64_alphabet[group >> 18 & 63];
		quad[1] = base64_alphabet[group >> 12 & 63];
		quad[2] = i + 1 < size ? base64_alphabet[group >> 6 & 63] : '=';
		quad[3] = i + 2 < size ? base64_alphabet[group & 63] : '=';
		fwrite(quad, 1, 4, out);
		column += 4;
		if (column == 76) {
			fputc('\n', out);
			column = 0;
		}
	}
	if (column)
		fputc('\n', out);
}

/* The readable part, in @out; *@non_ascii tells whether it needs base64. */
static void put_body(FILE *out, const struct delivery_report *report, bool *non_ascii)
{
	if (report->delivered)
		fprintf(out, "Your fax was delivered.\n\n");
	else
		fprintf(out, "Your fax could not be delivered: %s.\n\n",
			report->failure ? report->failure : "it failed");
	fprintf(out, "Job:              %u\n", report->job_id);
	fputs("Document:         ", out);
	put_text(out, report->document_name, non_ascii);
	fputs("\nTo:               ", out);
	put_text(out, report->recipient_name, non_ascii);
	fputs("\nNumber:           ", out);
	put_text(out, report->recipient_number, non_ascii);
	fputs("\nFrom:             ", out);
	put_text(out, report->sender_name, non_ascii);
	if (report->pages_total)
		fprintf(out, "\nPages sent:       %u of %u\n", report->pages_sent,
			report->pages_total);
	else
		fprintf(out, "\nPages sent:       %u\n", report->pages_sent);
	fputs("Submitted:        ", out);
	put_time(out, "%Y-%m-%d %H:%M:%S UTC", report->submitted);
	fputs(report->delivered ? "\nCompleted:        " : "\nEnded:            ", out);
	put_time(out, "%Y-%m-%d %H:%M:%S UTC", report->completed);
	fputs("\nRemote station:   ", out);
	put_text(out, report->remote_ident && report->remote_ident[0] ? report->remote_ident
								     : "(none)", non_ascii);
	fputs(report->attachment ? "\n\nThe first page, as sent, is attached.\n" : "\n", out);
}

int delivery_report_build(const struct delivery_report *report, char **text, size_t *size)
{
	char boundary[80], *body = NULL, *mail = NULL;
	size_t body_size = 0, mail_size = 0;
	bool non_ascii = false;
	FILE *out;

	*text = NULL;
	*size = 0;
	if (!delivery_report_address_valid(report->address))
		return -EINVAL;
	out = open_memstream(&body, &body_size);
	if (!out)
		return -ENOMEM;
	put_body(out, report, &non_ascii);
	if (fclose(out)) {
		free(body);
		return -ENOMEM;
	}

	/* Base64 never contains "=_": the boundary cannot occur in a part. */
	snprintf(boundary, sizeof(boundary), "=_faxd_report_%u_%lld", report->job_id,
		 (long long)report->completed);
	out = open_memstream(&mail, &mail_size);
	if (!out) {
		free(body);
		return -ENOMEM;
	}
	fprintf(out, "To: %s\n", report->address);
	fprintf(out, "Subject: Fax job %u to ", report->job_id);
	put_header_text(out, report->recipient_number, 64);
	if (report->delivered)
		fprintf(out, ": delivered, %u page(s)\n", report->pages_sent);
	else
		fprintf(out, ": failed (%s)\n", report->failure ? report->failure : "failed");
	put_time(out, "Date: %a, %d %b %Y %H:%M:%S +0000\n", report->completed);
	fprintf(out, "Message-ID: <faxd-report.%u.%lld@", report->job_id,
		(long long)report->completed);
	put_header_text(out, report->host && report->host[0] ? report->host : "localhost", 253);
	fputs(">\n", out);
	/* RFC 3834: machines must not answer it. */
	fputs("Auto-Submitted: auto-generated\n", out);
	fputs("MIME-Version: 1.0\n", out);
	fprintf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\n\n", boundary);
	fputs("This is a MIME message: a fax delivery report.\n\n", out);
	fprintf(out, "--%s\n", boundary);
	if (non_ascii) {
		fputs("Content-Type: text/plain; charset=utf-8\n"
		      "Content-Transfer-Encoding: base64\n\n", out);
		put_base64(out, (const uint8_t *)body, body_size);
	} else {
		fputs("Content-Type: text/plain; charset=us-ascii\n"
		      "Content-Transfer-Encoding: 7bit\n\n", out);
		fwrite(body, 1, body_size, out);
	}
	if (report->attachment) {
		fprintf(out, "\n--%s\n", boundary);
		fprintf(out, "Content-Type: image/tiff; name=\"fax-%u-page1.tif\"\n"
			     "Content-Transfer-Encoding: base64\n"
			     "Content-Disposition: attachment; filename=\"fax-%u-page1.tif\"\n\n",
			report->job_id, report->job_id);
		put_base64(out, report->attachment, report->attachment_size);
	}
	fprintf(out, "\n--%s--\n", boundary);
	free(body);
	if (fclose(out)) {
		free(mail);
		return -ENOMEM;
	}
	*text = mail;
	*size = mail_size;
	return 0;
}

/* ---- the first page ---- */

/* libtiff's I/O on the document (pread) and on the copy (a growing buffer). */
struct tiff_io {
	int fd;				/* the document, or -1 for the buffer */
	uint8_t *data;
	size_t size, capacity;
	uint64_t offset;
	bool failed;
};

static tmsize_t io_read(thandle_t handle, void *buffer, tmsize_t count)
{
	struct tiff_io *io = handle;
	ssize_t got;

	if (io->fd < 0) {
		size_t left = io->offset < io->size ? io->size - io->offset : 0;
		size_t take = (size_t)count < left ? (size_t)count : left;

		memcpy(buffer, io->data + io->offset, take);
		io->offset += take;
		return (tmsize_t)take;
	}
	got = pread(io->fd, buffer, (size_t)count, (off_t)io->offset);
	if (got > 0)
		io->offset += (uint64_t)got;
	return got;
}

static tmsize_t io_write(thandle_t handle, void *buffer, tmsize_t count)
{
	struct tiff_io *io = handle;
	size_t end;

	if (io->fd >= 0 || count < 0)
		return -1;
	end = io->offset + (size_t)count;
	if (end > io->capacity) {
		size_t capacity = io->capacity ? io->capacity : 65536;
		uint8_t *grown;

		while (capacity < end)
			capacity *= 2;
		grown = realloc(io->data, capacity);
		if (!grown) {
			io->failed = true;
			return -1;
		}
		io->data = grown;
		io->capacity = capacity;
	}
	if (io->offset > io->size)
		memset(io->data + io->size, 0, io->offset - io->size);
	memcpy(io->data + io->offset, buffer, (size_t)count);
	io->offset = end;
	if (end > io->size)
		io->size = end;
	return count;
}

static uint64_t io_size(thandle_t handle)
{
	struct tiff_io *io = handle;
	struct stat status;

	if (io->fd < 0)
		return io->size;
	return fstat(io->fd, &status) ? 0 : (uint64_t)status.st_size;
}

static toff_t io_seek(thandle_t handle, toff_t offset, int whence)
{
	struct tiff_io *io = handle;

	if (whence == SEEK_CUR)
		offset += io->offset;
	else if (whence == SEEK_END)
		offset += io_size(handle);
	io->offset = offset;
	return offset;
}

static int io_close(thandle_t handle)
{
	(void)handle;
	return 0;
}

static int io_map(thandle_t handle, void **base, toff_t *size)
{
	(void)handle;
	(void)base;
	(void)size;
	return 0;
}

static void io_unmap(thandle_t handle, void *base, toff_t size)
{
	(void)handle;
	(void)base;
	(void)size;
}

static void quiet_handler(const char *module, const char *format, va_list arguments)
{
	(void)module;
	(void)format;
	(void)arguments;
}

static bool copy_tags(TIFF *in, TIFF *out)
{
	static const ttag_t u32_tags[] = { TIFFTAG_IMAGEWIDTH, TIFFTAG_IMAGELENGTH,
					   TIFFTAG_ROWSPERSTRIP, TIFFTAG_GROUP3OPTIONS,
					   TIFFTAG_GROUP4OPTIONS };
	static const ttag_t u16_tags[] = { TIFFTAG_BITSPERSAMPLE, TIFFTAG_SAMPLESPERPIXEL,
					   TIFFTAG_COMPRESSION, TIFFTAG_PHOTOMETRIC,
					   TIFFTAG_FILLORDER, TIFFTAG_RESOLUTIONUNIT,
					   TIFFTAG_PLANARCONFIG };
	static const ttag_t float_tags[] = { TIFFTAG_XRESOLUTION, TIFFTAG_YRESOLUTION };

	for (size_t i = 0; i < sizeof(u16_tags) / sizeof(u16_tags[0]); i++) {
		uint16_t value;

		if (TIFFGetField(in, u16_tags[i], &value) && !TIFFSetField(out, u16_tags[i], value))
			return false;
	}
	for (size_t i = 0; i < sizeof(u32_tags) / sizeof(u32_tags[0]); i++) {
		uint32_t value;

		if (TIFFGetField(in, u32_tags[i], &value) && !TIFFSetField(out, u32_tags[i], value))
			return false;
	}
	for (size_t i = 0; i < sizeof(float_tags) / sizeof(float_tags[0]); i++) {
		float value;

		if (TIFFGetField(in, float_tags[i], &value) &&
		    !TIFFSetField(out, float_tags[i], (double)value))
			return false;
	}
	return TIFFSetField(out, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE) &&
	       TIFFSetField(out, TIFFTAG_PAGENUMBER, 0, 1);
}

int delivery_report_first_page(int document_fd, uint8_t **tiff, size_t *size)
{
	struct tiff_io input = { .fd = document_fd }, output = { .fd = -1 };
	TIFFErrorHandler old_error = TIFFSetErrorHandler(quiet_handler);
	TIFFErrorHandler old_warning = TIFFSetWarningHandler(quiet_handler);
	TIFF *in, *out = NULL;
	uint8_t *strip = NULL;
	int error = -EINVAL;

	*tiff = NULL;
	*size = 0;
	in = TIFFClientOpen("document", "rm", &input, io_read, io_write, io_seek, io_close,
			    io_size, io_map, io_unmap);
	if (!in)
		goto out;
	out = TIFFClientOpen("first page", "wm", &output, io_read, io_write, io_seek, io_close,
			     io_size, io_map, io_unmap);
	if (!out) {
		error = -ENOMEM;
		goto out;
	}
	if (TIFFIsTiled(in) || !copy_tags(in, out))
		goto out;
	for (tstrip_t i = 0; i < TIFFNumberOfStrips(in); i++) {
		uint64_t *counts = NULL;
		tmsize_t got;

		if (!TIFFGetField(in, TIFFTAG_STRIPBYTECOUNTS, &counts) || !counts ||
		    counts[i] > 64u << 20)
			goto out;
		free(strip);
		strip = malloc(counts[i] ? (size_t)counts[i] : 1);
		if (!strip) {
			error = -ENOMEM;
			goto out;
		}
		got = TIFFReadRawStrip(in, i, strip, (tmsize_t)counts[i]);
		if (got < 0 || TIFFWriteRawStrip(out, i, strip, got) != got)
			goto out;
	}
	if (!TIFFWriteDirectory(out))
		goto out;
	error = 0;
out:
	if (out) {
		TIFFClose(out);
		if (output.failed && !error)
			error = -ENOMEM;
	}
	if (in)
		TIFFClose(in);
	free(strip);
	TIFFSetErrorHandler(old_error);
	TIFFSetWarningHandler(old_warning);
	if (error) {
		free(output.data);
		return error;
	}
	*tiff = output.data;
	*size = output.size;
	return 0;
}
