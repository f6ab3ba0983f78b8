// SPDX-License-Identifier: GPL-2.0
/* sip_text: see sip_text.h. */
#include "sip_text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <linux/faxport.h>

static bool is_separator(char c)
{
	return c == '-' || c == '.' || c == '(' || c == ')' || c == ' ';
}

static bool is_dial_pause(char c)
{
	return c == ',' || c == 'W' || c == 'w' || c == 'T' || c == 't' || c == 'P' || c == 'p' ||
	       c == '!';
}

static bool number_of(const char *in, char *out, size_t size, bool dial_string)
{
	size_t length = 0;

	if (size == 0)
		return false;
	out[0] = '\0';
	if (!in)
		return false;
	for (const char *p = in; *p; p++) {
		char c = *p;

		if (is_separator(c) || (dial_string && is_dial_pause(c)))
			continue;
		if (!((c >= '0' && c <= '9') || c == '*' || c == '#' || (c == '+' && length == 0)))
			goto unknown;
		if (length + 1 >= size)
			goto unknown;
		out[length++] = c;
	}
	out[length] = '\0';
	return length > 0;
unknown:
	out[0] = '\0';
	return false;
}

bool sip_text_number(const char *in, char *out, size_t size)
{
	return number_of(in, out, size, false);
}

bool sip_text_dial_string(const char *in, char *out, size_t size)
{
	return number_of(in, out, size, true);
}

/*
 * The length of the UTF-8 sequence at @p (at most @left bytes) and its code
 * point, or 0 for an invalid sequence (overlong, surrogate, beyond U+10FFFF).
 */
static size_t utf8_decode(const unsigned char *p, size_t left, uint32_t *code)
{
	size_t length;
	uint32_t value, minimum;

	if (p[0] < 0x80) {
		*code = p[0];
		return 1;
	} else if ((p[0] & 0xe0) == 0xc0) {
		length = 2, value = p[0] & 0x1f, minimum = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		length = 3, value = p[0] & 0x0f, minimum = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		length = 4, value = p[0] & 0x07, minimum = 0x10000;
	} else {
		return 0;
	}
	if (left < length)
		return 0;
	for (size_t i = 1; i < length; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		value = value << 6 | (p[i] & 0x3f);
	}
	if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
		return 0;
	*code = value;
	return length;
}

/* Characters a terminal obeys or that show text in another order than stored. */
static bool is_control(uint32_t code)
{
	return code < 0x20 || code == 0x7f || (code >= 0x80 && code <= 0x9f) ||
	       code == 0x061c || code == 0x200e || code == 0x200f ||
	       (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) ||
	       code == 0xfeff;
}

void sip_text_name(const char *in, char *out, size_t size)
{
	size_t length = 0, left;
	const unsigned char *p = (const unsigned char *)in;

	if (size == 0)
		return;
	out[0] = '\0';
	if (!in)
		return;
	left = strlen(in);
	while (left > 0) {
		uint32_t code;
		size_t n = utf8_decode(p, left, &code);

		if (n == 0) {
			p++, left--;
			continue;
		}
		if (!is_control(code)) {
			if (length + n >= size)
				break;
			memcpy(out + length, p, n);
			length += n;
		}
		p += n, left -= n;
	}
	/* No leading or trailing blanks: a name of spaces is no name. */
	while (length > 0 && out[length - 1] == ' ')
		length--;
	out[length] = '\0';
	if (out[0] == ' ') {
		size_t skip = strspn(out, " ");

		memmove(out, out + skip, length - skip + 1);
	}
}

void sip_text_for_log(const char *in, char *out, size_t size)
{
	size_t length = 0;

	if (size == 0)
		return;
	if (!in)
		in = "";
	for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
		char piece[5];
		size_t n;

		if (*p >= 0x20 && *p < 0x7f && *p != '\\' && *p != '"') {
			piece[0] = (char)*p;
			piece[1] = '\0';
		} else {
			snprintf(piece, sizeof(piece), "\\x%02x", *p);
		}
		n = strlen(piece);
		if (length + n + 3 >= size) {
			if (size >= 4) {
				/* room for "..." is kept by the test above */
				memcpy(out + length, "...", 3);
				length += 3;
			}
			break;
		}
		memcpy(out + length, piece, n);
		length += n;
	}
	out[length < size ? length : size - 1] = '\0';
}

unsigned int sip_cause_of_status(int status)
{
	switch (status) {
	case 486:
	case 600:
		return FAXPORT_CAUSE_BUSY;
	case 404:
	case 484:
	case 604:
	case 410:
	case 416:
		return FAXPORT_CAUSE_BAD_ADDRESS;
	case 408:
	case 480:
	case 487:
		return FAXPORT_CAUSE_NO_ANSWER;
	case 603:
		return FAXPORT_CAUSE_REJECTED;
	}
	if (status >= 500 && status < 600)
		return FAXPORT_CAUSE_CONGESTION;
	return FAXPORT_CAUSE_NETWORK;
}
