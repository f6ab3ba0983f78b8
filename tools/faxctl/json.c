// SPDX-License-Identifier: GPL-2.0
#include "json.h"

#include <inttypes.h>
#include <string.h>

#include "terminal_text.h"

void json_init(struct json_writer *json, FILE *out)
{
	json->out = out;
	json->depth = 0;
	json->has_items[0] = false;
}

/*
 * JSON may hold any Unicode text, but the output is also read on terminals
 * (and by programs that print its strings): every control character
 * (C0, DEL, C1) and bidi control is written as a \u escape, as
 * terminal_text_is_control() defines them. A string must be valid UTF-8,
 * and the text is not always (a file name, an old .txt): each byte that is
 * not part of a valid sequence becomes U+FFFD, as \ufffd, so the output is
 * valid JSON and shows where the bad bytes were (the table output shows
 * which bytes they were).
 */
static void write_escaped(FILE *out, const char *text)
{
	size_t length = strlen(text);

	fputc('"', out);
	while (length) {
		uint32_t code_point;
		size_t used = utf8_decode(text, length, &code_point);

		if (!used) {
			fputs("\\ufffd", out);
			used = 1;
		} else if (code_point == '"') {
			fputs("\\\"", out);
		} else if (code_point == '\\') {
			fputs("\\\\", out);
		} else if (code_point == '\n') {
			fputs("\\n", out);
		} else if (code_point == '\t') {
			fputs("\\t", out);
		} else if (code_point == '\r') {
			fputs("\\r", out);
		} else if (terminal_text_is_control(code_point)) {
			fprintf(out, "\\u%04x", (unsigned)code_point);
		} else {
			fwrite(text, 1, used, out);
		}
		text += used;
		length -= used;
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

void json_tenths(struct json_writer *json, const char *key, uint64_t tenths)
{
	start_value(json, key);
	fprintf(json->out, "%" PRIu64 ".%u", tenths / 10, (unsigned int)(tenths % 10));
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
