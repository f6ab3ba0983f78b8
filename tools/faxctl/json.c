// SPDX-License-Identifier: GPL-2.0
#include "json.h"

#include <inttypes.h>

void json_init(struct json_writer *json, FILE *out)
{
	json->out = out;
	json->depth = 0;
	json->has_items[0] = false;
}

static void write_escaped(FILE *out, const char *text)
{
	fputc('"', out);
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		switch (*c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			/* UTF-8 passes through; other control characters are escaped. */
			if (*c < 0x20)
				fprintf(out, "\\u%04x", *c);
			else
				fputc(*c, out);
		}
	}
	fputc('"', out);
}

/* The separator and key in front of every value. */
static void start_value(struct json_writer *json, const char *key)
{
	if (json->has_items[json->depth])
		fputc(',', json->out);
	json->has_items[json->depth] = true;
	if (key) {
		write_escaped(json->out, key);
		fputc(':', json->out);
	}
}

static void open_container(struct json_writer *json, const char *key, char bracket)
{
	start_value(json, key);
	fputc(bracket, json->out);
	/* Deeper nesting than faxctl ever writes would be a bug: keep output valid anyway. */
	if (json->depth + 1 < JSON_MAX_DEPTH)
		json->depth++;
	json->has_items[json->depth] = false;
}

static void close_container(struct json_writer *json, char bracket)
{
	fputc(bracket, json->out);
	if (json->depth > 0)
		json->depth--;
}

void json_begin_object(struct json_writer *json, const char *key)
{
	open_container(json, key, '{');
}

void json_end_object(struct json_writer *json)
{
	close_container(json, '}');
}

void json_begin_array(struct json_writer *json, const char *key)
{
	open_container(json, key, '[');
}

void json_end_array(struct json_writer *json)
{
	close_container(json, ']');
}

void json_string(struct json_writer *json, const char *key, const char *value)
{
	start_value(json, key);
	if (value)
		write_escaped(json->out, value);
	else
		fputs("null", json->out);
}

void json_uint(struct json_writer *json, const char *key, uint64_t value)
{
	start_value(json, key);
	fprintf(json->out, "%" PRIu64, value);
}

void json_bool(struct json_writer *json, const char *key, bool value)
{
	start_value(json, key);
	fputs(value ? "true" : "false", json->out);
}

void json_end_line(struct json_writer *json)
{
	fputc('\n', json->out);
	json->depth = 0;
	json->has_items[0] = false;
}
