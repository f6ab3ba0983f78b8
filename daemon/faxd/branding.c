// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_OUTBOUND
#include "branding.h"

#include <stddef.h>
#include <string.h>

#include "../engine/log.h"

#define PAGES_FIELD "{pages}"

struct header_field {
	const char *name;		/* with its braces */
	size_t offset;			/* in struct faxport_job_param */
	size_t size;			/* 0: not a job field ({pages}) */
};

#define JOB_FIELD(braced, member) \
	{ braced, offsetof(struct faxport_job_param, member), \
	  sizeof(((struct faxport_job_param *)0)->member) }

static const struct header_field header_fields[] = {
	JOB_FIELD("{sender}", sender_name),
	JOB_FIELD("{company}", sender_company),
	JOB_FIELD("{department}", sender_dept),
	JOB_FIELD("{recipient}", recipient_name),
	JOB_FIELD("{number}", recipient_number),
	JOB_FIELD("{billing}", billing_code),
	JOB_FIELD("{document}", document_name),
	{ PAGES_FIELD, 0, 0 },
};

/* The field @text starts with, or NULL. */
static const struct header_field *field_at(const char *text)
{
	for (size_t i = 0; i < sizeof(header_fields) / sizeof(header_fields[0]); i++)
		if (!strncmp(text, header_fields[i].name, strlen(header_fields[i].name)))
			return &header_fields[i];
	return NULL;
}

bool faxd_header_format_valid(const char *format)
{
	size_t length = strnlen(format, FAXD_HEADER_FORMAT_MAX + 1);

	if (length > FAXD_HEADER_FORMAT_MAX)
		return false;
	for (const char *c = format; *c; c++) {
		if (*c < 0x20 || *c > 0x7e)
			return false;
		if (*c == '{') {
			const struct header_field *field = field_at(c);

			if (!field)
				return false;
			c += strlen(field->name) - 1;
		}
	}
	return true;
}

struct header_writer {
	char *text;
	size_t size;
	size_t length;
};

static void put_char(struct header_writer *writer, char c)
{
	if (writer->length + 1 < writer->size)
		writer->text[writer->length++] = c;
}

/* Job text is UTF-8 (the kernel checks it): each character the font lacks is one '?'. */
static void put_job_text(struct header_writer *writer, const char *text, size_t size)
{
	for (size_t i = 0; i < size && text[i]; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c >= 0x20 && c <= 0x7e)
			put_char(writer, (char)c);
		else if ((c & 0xc0) != 0x80)	/* the first byte of a character */
			put_char(writer, '?');
	}
}

void faxd_header_expand(const char *format, const struct faxport_job_param *param,
			char *header, size_t size)
{
	struct header_writer writer = { .text = header, .size = size };

	for (const char *c = format; *c; c++) {
		const struct header_field *field = *c == '{' ? field_at(c) : NULL;

		if (!field) {
			put_char(&writer, *c);
			continue;
		}
		if (field->size) {
			put_job_text(&writer, (const char *)param + field->offset, field->size);
		} else {
			size_t before = writer.length;

			for (const char *p = field->name; *p; p++)
				put_char(&writer, *p);
			/* Cut short, it would print as text: leave it out. */
			if (writer.length - before < strlen(PAGES_FIELD))
				writer.length = before;
		}
		c += strlen(field->name) - 1;
	}
	header[writer.length] = '\0';
}

bool faxd_branding_enabled(const struct faxport_config *config, int error)
{
	static bool failure_logged;

	if (error < 0) {
		if (!failure_logged)
			log_warning("cannot read the server's Branding setting (%s): branding pages",
				    strerror(-error));
		failure_logged = true;
		return true;
	}
	failure_logged = false;
	return config->branding != 0;
}
