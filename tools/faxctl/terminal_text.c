// SPDX-License-Identifier: GPL-2.0
/* Untrusted text shown on a terminal: see terminal_text.h. */
#include "terminal_text.h"

#include <string.h>

size_t utf8_decode(const char *text, size_t length, uint32_t *code_point)
{
	const unsigned char *bytes = (const unsigned char *)text;
	uint32_t value, smallest;
	size_t needed;

	if (!length)
		return 0;
	if (bytes[0] < 0x80) {
		*code_point = bytes[0];
		return 1;
	}
	if (bytes[0] >= 0xc2 && bytes[0] <= 0xdf) {
		needed = 2;
		value = bytes[0] & 0x1f;
		smallest = 0x80;
	} else if (bytes[0] >= 0xe0 && bytes[0] <= 0xef) {
		needed = 3;
		value = bytes[0] & 0x0f;
		smallest = 0x800;
	} else if (bytes[0] >= 0xf0 && bytes[0] <= 0xf4) {
		needed = 4;
		value = bytes[0] & 0x07;
		smallest = 0x10000;
	} else {
		/* A continuation byte, 0xc0/0xc1 (only ever overlong) or 0xf5..0xff. */
		return 0;
	}
	if (length < needed)
		return 0;
	for (size_t i = 1; i < needed; i++) {
		if ((bytes[i] & 0xc0) != 0x80)
			return 0;
		value = value << 6 | (bytes[i] & 0x3f);
	}
	/* Overlong forms would let a control hide behind a longer spelling. */
	if (value < smallest || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
		return 0;
	*code_point = value;
	return needed;
}

bool terminal_text_is_control(uint32_t code_point)
{
	return code_point < 0x20 || (code_point >= 0x7f && code_point <= 0x9f) ||
	       (code_point >= 0x202a && code_point <= 0x202e) ||
	       (code_point >= 0x2066 && code_point <= 0x2069) ||
	       code_point == 0x2028 || code_point == 0x2029;
}

size_t terminal_text_write(FILE *out, const char *text, size_t length)
{
	size_t columns = 0;

	while (length) {
		uint32_t code_point;
		size_t used = utf8_decode(text, length, &code_point);
		char escape[8];
		int escape_length;

		if (used && !terminal_text_is_control(code_point)) {
			if (out)
				fwrite(text, 1, used, out);
			columns++;
		} else {
			if (!used)
				escape_length = snprintf(escape, sizeof(escape), "\\x%02x",
							 (unsigned char)text[0]);
			else if (code_point < 0x80)
				escape_length = snprintf(escape, sizeof(escape), "\\x%02x",
							 (unsigned)code_point);
			else
				escape_length = snprintf(escape, sizeof(escape), "\\u%04x",
							 (unsigned)code_point);
			if (out)
				fputs(escape, out);
			columns += (size_t)escape_length;
			/* A bad byte is shown alone: the next one may start a good sequence. */
			if (!used)
				used = 1;
		}
		text += used;
		length -= used;
	}
	return columns;
}

void terminal_text_field(FILE *out, const char *text, int width)
{
	size_t length = strlen(text);
	size_t wanted = width < 0 ? (size_t)-(long)width : (size_t)width;
	size_t columns = terminal_text_write(NULL, text, length);
	size_t padding = columns < wanted ? wanted - columns : 0;

	if (width > 0)
		fprintf(out, "%*s", (int)padding, "");
	terminal_text_write(out, text, length);
	if (width < 0)
		fprintf(out, "%*s", (int)padding, "");
}
