// SPDX-License-Identifier: GPL-2.0
/*
 * terminal_text and json.c on untrusted text: each row of a table is an
 * input and what a terminal (or a JSON string) must show for it. TAP.
 * Usage: obj/terminal_text_test   (make check builds and runs it)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../json.h"
#include "../terminal_text.h"
#include "tap.h"

static void check(bool passed, const char *what, const char *input, const char *got,
		  const char *wanted)
{
	if (ok(passed, "%s", what))
		return;
	/* The diagnostics go through the function under test only when it works. */
	printf("#   input:  ");
	for (const unsigned char *c = (const unsigned char *)input; *c; c++)
		printf(*c >= 0x21 && *c < 0x7f ? "%c" : "<%02x>", *c);
	printf("\n#   got:    ");
	for (const unsigned char *c = (const unsigned char *)got; *c; c++)
		printf(*c >= 0x21 && *c < 0x7f ? "%c" : "<%02x>", *c);
	printf("\n#   wanted: %s\n", wanted);
}

/* What a printer wrote to a FILE, as one string (the caller frees it). */
struct capture {
	char *text;
	size_t size;
	FILE *file;
};

static void capture_start(struct capture *capture)
{
	capture->text = NULL;
	capture->file = open_memstream(&capture->text, &capture->size);
	if (!capture->file) {
		perror("open_memstream");
		exit(1);
	}
}

static char *capture_end(struct capture *capture)
{
	fclose(capture->file);
	return capture->text;
}

static const struct {
	const char *what;
	const char *input;
	const char *shown;	/* on a terminal */
	size_t columns;
	const char *json;	/* the JSON string, quotes included */
} cases[] = {
	{ "plain ASCII", "FAR END +1 555", "FAR END +1 555", 14, "\"FAR END +1 555\"" },
	{ "empty", "", "", 0, "\"\"" },
	{ "ESC [2J (clear the screen)", "a\x1b[2Jb", "a\\x1b[2Jb", 9, "\"a\\u001b[2Jb\"" },
	{ "OSC 0 (set the window title), BEL", "\x1b]0;title\x07", "\\x1b]0;title\\x07", 16,
	  "\"\\u001b]0;title\\u0007\"" },
	{ "CR and LF in a field", "one\rtwo\nthree", "one\\x0dtwo\\x0athree", 19,
	  "\"one\\rtwo\\nthree\"" },
	{ "TAB", "a\tb", "a\\x09b", 6, "\"a\\tb\"" },
	{ "DEL", "a\x7f" "b", "a\\x7fb", 6, "\"a\\u007fb\"" },
	{ "U+0085 (NEL)", "a\xc2\x85" "b", "a\\u0085b", 8, "\"a\\u0085b\"" },
	{ "U+009B (CSI) with a sequence", "\xc2\x9b" "2J", "\\u009b2J", 8, "\"\\u009b2J\"" },
	{ "U+0080, the first C1", "\xc2\x80", "\\u0080", 6, "\"\\u0080\"" },
	{ "U+00A0, the first after C1, passes", "\xc2\xa0", "\xc2\xa0", 1, "\"\xc2\xa0\"" },
	{ "U+202E (RIGHT-TO-LEFT OVERRIDE)", "abc\xe2\x80\xae" "fdp.exe",
	  "abc\\u202efdp.exe", 16, "\"abc\\u202efdp.exe\"" },
	{ "U+202A, the first embedding", "\xe2\x80\xaa", "\\u202a", 6, "\"\\u202a\"" },
	{ "U+2066 (LEFT-TO-RIGHT ISOLATE)", "x\xe2\x81\xa6y", "x\\u2066y", 8, "\"x\\u2066y\"" },
	{ "U+2069, the last isolate", "\xe2\x81\xa9", "\\u2069", 6, "\"\\u2069\"" },
	{ "U+2028 (LINE SEPARATOR)", "a\xe2\x80\xa8" "b", "a\\u2028b", 8, "\"a\\u2028b\"" },
	{ "U+202F and U+2065, the neighbours, pass", "\xe2\x80\xaf\xe2\x81\xa5",
	  "\xe2\x80\xaf\xe2\x81\xa5", 2, "\"\xe2\x80\xaf\xe2\x81\xa5\"" },
	{ "0xff, never in UTF-8", "a\xff" "b", "a\\xffb", 6, "\"a\\ufffdb\"" },
	{ "a lone continuation byte", "a\x80" "b", "a\\x80b", 6, "\"a\\ufffdb\"" },
	{ "an overlong ESC (0xc0 0x9b)", "\xc0\x9b", "\\xc0\\x9b", 8, "\"\\ufffd\\ufffd\"" },
	{ "an overlong '/' in three bytes", "\xe0\x80\xaf", "\\xe0\\x80\\xaf", 12,
	  "\"\\ufffd\\ufffd\\ufffd\"" },
	{ "a surrogate (U+D800)", "\xed\xa0\x80", "\\xed\\xa0\\x80", 12,
	  "\"\\ufffd\\ufffd\\ufffd\"" },
	{ "above U+10FFFF", "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80", 16,
	  "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
	{ "a sequence cut short at the end", "ab\xe6\x97", "ab\\xe6\\x97", 10,
	  "\"ab\\ufffd\\ufffd\"" },
	{ "a sequence cut short by ASCII", "\xe6\x97z", "\\xe6\\x97z", 9, "\"\\ufffd\\ufffdz\"" },
	{ "a bad byte before a good sequence", "\xff\xc3\xbc", "\\xff\xc3\xbc", 5,
	  "\"\\ufffd\xc3\xbc\"" },
	{ "German", "M\xc3\xbcller", "M\xc3\xbcller", 6, "\"M\xc3\xbcller\"" },
	{ "Japanese", "\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac", 2,
	  "\"\xe6\x97\xa5\xe6\x9c\xac\"" },
	{ "Greek", "\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1",
	  "\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1", 6,
	  "\"\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1\"" },
	{ "Arabic", "\xd9\x81\xd8\xa7\xd9\x83\xd8\xb3", "\xd9\x81\xd8\xa7\xd9\x83\xd8\xb3", 4,
	  "\"\xd9\x81\xd8\xa7\xd9\x83\xd8\xb3\"" },
	{ "a four-byte character (U+1F4E0)", "\xf0\x9f\x93\xa0", "\xf0\x9f\x93\xa0", 1,
	  "\"\xf0\x9f\x93\xa0\"" },
	{ "U+FFFD itself passes", "\xef\xbf\xbd", "\xef\xbf\xbd", 1, "\"\xef\xbf\xbd\"" },
	{ "a backslash is shown as it is", "a\\x1b", "a\\x1b", 5, "\"a\\\\x1b\"" },
};

static void test_cases(void)
{
	char what[160];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct capture capture;
		struct json_writer json;
		size_t columns;
		char *got;

		capture_start(&capture);
		columns = terminal_text_write(capture.file, cases[i].input, strlen(cases[i].input));
		got = capture_end(&capture);
		snprintf(what, sizeof(what), "terminal: %s", cases[i].what);
		check(!strcmp(got, cases[i].shown), what, cases[i].input, got, cases[i].shown);
		free(got);

		snprintf(what, sizeof(what), "columns: %s (%zu)", cases[i].what, cases[i].columns);
		check(columns == cases[i].columns &&
		      terminal_text_write(NULL, cases[i].input, strlen(cases[i].input)) == columns,
		      what, cases[i].input, "", "");

		capture_start(&capture);
		json_init(&json, capture.file);
		json_string(&json, NULL, cases[i].input);
		got = capture_end(&capture);
		snprintf(what, sizeof(what), "json: %s", cases[i].what);
		check(!strcmp(got, cases[i].json), what, cases[i].input, got, cases[i].json);
		free(got);
	}
}

/* A key is text too (faxctl's own today, but the writer does not know that). */
static void test_json_key(void)
{
	struct capture capture;
	struct json_writer json;
	char *got;

	capture_start(&capture);
	json_init(&json, capture.file);
	json_begin_object(&json, NULL);
	json_string(&json, "k\xc2\x9b", "v");
	json_end_object(&json);
	got = capture_end(&capture);
	check(!strcmp(got, "{\"k\\u009b\":\"v\"}"), "json: a key is escaped as a value is",
	      "k\xc2\x9b", got, "{\"k\\u009b\":\"v\"}");
	free(got);
}

static void test_fields(void)
{
	static const struct {
		const char *input;
		int width;
		const char *shown;
	} fields[] = {
		{ "ab", -5, "ab   " },
		{ "ab", 5, "   ab" },
		{ "ab", 0, "ab" },
		{ "abcdef", -3, "abcdef" },
		{ "M\xc3\xbcller", -8, "M\xc3\xbcller  " },
		{ "\x1b", -6, "\\x1b  " },
		{ "\x1b", 3, "\\x1b" },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		struct capture capture;
		char what[80];
		char *got;

		capture_start(&capture);
		terminal_text_field(capture.file, fields[i].input, fields[i].width);
		got = capture_end(&capture);
		snprintf(what, sizeof(what), "field of width %d pads by columns, not bytes (%zu)",
			 fields[i].width, i);
		check(!strcmp(got, fields[i].shown), what, fields[i].input, got, fields[i].shown);
		free(got);
	}
}

/* Longer than any buffer a printer might have had: all of it, escaped. */
static void test_long_text(void)
{
	size_t repeats = 100000;
	char *input = malloc(repeats * 2 + 1);
	struct capture capture;
	size_t columns;
	char *got;
	bool same = true;

	if (!input)
		exit(1);
	for (size_t i = 0; i < repeats; i++)
		memcpy(input + i * 2, "\x1b" "A", 2);
	input[repeats * 2] = '\0';
	capture_start(&capture);
	columns = terminal_text_write(capture.file, input, repeats * 2);
	got = capture_end(&capture);
	same = strlen(got) == repeats * 5;
	for (size_t i = 0; same && i < repeats; i++)
		same = !memcmp(got + i * 5, "\\x1bA", 5);
	ok(same && columns == repeats * 5, "200000 bytes of ESC A: all shown escaped, %zu columns",
	   repeats * 5);
	free(got);
	free(input);
}

int main(void)
{
	tap_plan(sizeof(cases) / sizeof(cases[0]) * 3 + 1 + 7 + 1);
	test_cases();
	test_json_key();
	test_fields();
	test_long_text();
	return tap_finish();
}
