/* SPDX-License-Identifier: GPL-2.0 */
/* A small streaming JSON writer for --json: objects, arrays, strings, numbers. */
#ifndef FAXCTL_JSON_H
#define FAXCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 8

struct json_writer {
	FILE *out;
	int depth;
	bool has_items[JSON_MAX_DEPTH];
};

void json_init(struct json_writer *json, FILE *out);
void json_begin_object(struct json_writer *json, const char *key);
void json_end_object(struct json_writer *json);
void json_begin_array(struct json_writer *json, const char *key);
void json_end_array(struct json_writer *json);
/* A NULL value is written as null. */
void json_string(struct json_writer *json, const char *key, const char *value);
void json_uint(struct json_writer *json, const char *key, uint64_t value);
/* A number of tenths as a decimal: 1234 is 123.4. */
void json_tenths(struct json_writer *json, const char *key, uint64_t tenths);
void json_bool(struct json_writer *json, const char *key, bool value);
/* Ends a top-level value with a newline (one JSON document per line). */
void json_end_line(struct json_writer *json);

#endif
