// SPDX-License-Identifier: GPL-2.0
/*
 * settings_file_test: the saved settings' text form (settings_file.c)
 * without a fax server: what is written reads back the same, bad lines are
 * reported with their numbers and the rest is still read, and text that
 * could not be written back (controls, bad UTF-8, NUL bytes, long lines)
 * is refused.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "../settings_file.h"

struct reports {
	unsigned int lines[16];
	char why[16][128];
	unsigned int count;
};

static void record(void *context, unsigned int line, const char *why)
{
	struct reports *reports = context;

	if (reports->count < 16) {
		reports->lines[reports->count] = line;
		snprintf(reports->why[reports->count], sizeof(reports->why[0]), "%s", why);
	}
	reports->count++;
}

/* Parses @length bytes of @text. */
static int parse_bytes(const char *text, size_t length, struct settings_document *document,
		       struct reports *reports)
{
	FILE *in = fmemopen((void *)text, length, "r");
	int bad;

	*reports = (struct reports){ 0 };
	if (!in)
		return -errno;
	bad = settings_parse(in, document, record, reports);
	fclose(in);
	return bad;
}

static int parse_text(const char *text, struct settings_document *document,
		      struct reports *reports)
{
	return parse_bytes(text, strlen(text), document, reports);
}

static char *write_text(const struct settings_document *document)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);

	if (!out)
		return NULL;
	if (settings_write(out, document)) {
		fclose(out);
		free(text);
		return NULL;
	}
	fclose(out);
	return text;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_documents(const struct settings_document *a, const struct settings_document *b)
{
	size_t j = 0;

	/* Comments are not read back: compare the settings. */
	for (size_t i = 0; i < a->count; i++) {
		if (!a->entries[i].key)
			continue;
		while (j < b->count && !b->entries[j].key)
			j++;
		if (j == b->count)
			return false;
		if (!same_text(a->entries[i].section, b->entries[j].section) ||
		    !same_text(a->entries[i].argument, b->entries[j].argument) ||
		    !same_text(a->entries[i].key, b->entries[j].key) ||
		    !same_text(a->entries[i].value, b->entries[j].value)) {
			tap_diag("differs: %s=%s vs %s=%s", a->entries[i].key, a->entries[i].value,
				 b->entries[j].key, b->entries[j].value);
			return false;
		}
		j++;
	}
	while (j < b->count && !b->entries[j].key)
		j++;
	return j == b->count;
}

static void test_round_trip(void)
{
	struct settings_document document = { 0 }, again;
	struct reports reports;
	char *text;
	int bad;

	ok(!settings_add(&document, "server", NULL, "retries", "3") &&
	   !settings_add(&document, "server", NULL, "archive-dir", "") &&
	   !settings_add(&document, "server", NULL, "routing-order",
			 "{92041a90-9af2-11d0-abf7-00c04fd91a4e} {180487c0-e046-4c22-9248-4a7b57b70253}") &&
	   !settings_add(&document, "port", "Loopback 1", NULL, "device 1 when saved") &&
	   !settings_add(&document, "port", "Loopback 1", "tsid", " +49 30 1234 ") &&
	   !settings_add(&document, "port", "Loopback 1", "csid", "say \"hi\" \\o/") &&
	   !settings_add(&document, "port", "Loopback 1",
			 "route.{92041a90-9af2-11d0-abf7-00c04fd91a4e}.info", "/srv/faxes/Büro #1") &&
	   !settings_add(&document, "port", "a \"quoted\" ] name", "rings", "2") &&
	   !settings_add(&document, "port", "Loopback 1", "receive", "\"yes"),
	   "settings_add takes names, blanks, quotes, backslashes, '#' and UTF-8");
	text = write_text(&document);
	ok(text != NULL, "the document is written");
	if (!text)
		return;
	ok(strstr(text, "[port \"Loopback 1\"]\n") && strstr(text, "retries = 3\n") &&
	   strstr(text, "archive-dir = \"\"\n") && strstr(text, "tsid = \" +49 30 1234 \"\n") &&
	   strstr(text, "[port \"a \\\"quoted\\\" ] name\"]\n") &&
	   strstr(text, "# device 1 when saved\n"),
	   "plain values are bare, empty and blank-edged ones quoted, names quoted");
	bad = parse_text(text, &again, &reports);
	is_equal(bad, 0, "what was written parses without a bad line");
	ok(same_documents(&document, &again), "and reads back the same settings, in order");
	ok(again.count && again.entries[0].line == 2, "entries know their line numbers");
	settings_free(&again);
	free(text);
	settings_free(&document);
}

static void test_syntax(void)
{
	struct settings_document document;
	struct reports reports;
	int bad = parse_text("# comment\n"
			     "  ; another\n"
			     "\n"
			     "[server]\r\n"
			     "retries=5   \n"
			     "\tarchive-dir =\t\"/a b\"  \n"
			     "[ port \"x\" ]\n"
			     "rings = 3 # not a comment\n", &document, &reports);

	is_equal(bad, 0, "comments, blank lines, CRLF, tabs and blanks around '=' are read");
	ok(document.count == 3 && !strcmp(document.entries[0].value, "5") &&
	   !strcmp(document.entries[1].value, "/a b") &&
	   !strcmp(document.entries[2].argument, "x") &&
	   !strcmp(document.entries[2].value, "3 # not a comment"),
	   "values: trailing blanks dropped, quotes removed, '#' inside a value kept");
	settings_free(&document);
}

static void test_bad_lines(void)
{
	struct settings_document document;
	struct reports reports;
	int bad = parse_text("retries = 1\n"			/* 1: before a section */
			     "[server]\n"
			     "Retries = 2\n"			/* 3: upper case */
			     "retries 2\n"			/* 4: no '=' */
			     "retries = \"open\n"		/* 5: unterminated */
			     "retries = \"a\" b\n"		/* 6: text after quotes */
			     "retries = \"\\n\"\n"		/* 7: unknown escape */
			     "[port x]\n"			/* 8: unquoted argument */
			     "rings = 1\n"			/* 9: in a bad section */
			     "[port \"y\"\n"			/* 10: no ']' */
			     "[server] extra\n"			/* 11: text after header */
			     "[]\n"				/* 12: no name */
			     "[server]\n"
			     "dirty-days = 7\n",		/* 14: good */
			     &document, &reports);

	is_equal(bad, 11, "each bad line is counted");
	ok(reports.count == 11 && reports.lines[0] == 1 && reports.lines[1] == 3 &&
	   reports.lines[2] == 4 && reports.lines[3] == 5 && reports.lines[4] == 6 &&
	   reports.lines[5] == 7 && reports.lines[6] == 8 && reports.lines[7] == 9 &&
	   reports.lines[8] == 10 && reports.lines[9] == 11 && reports.lines[10] == 12,
	   "and reported with its line number");
	for (unsigned int i = 0; i < reports.count && i < 16; i++)
		tap_diag("line %u: %s", reports.lines[i], reports.why[i]);
	ok(document.count == 1 && !strcmp(document.entries[0].key, "dirty-days") &&
	   document.entries[0].line == 14, "the good line after them is still read");
	settings_free(&document);
}

static void test_hostile(void)
{
	static const char nul_line[] = "[server]\nretries = 1\0evil\nbranding = yes\n";
	struct settings_document document = { 0 };
	struct reports reports;
	char *long_line;
	int bad;

	bad = parse_text("[server]\narchive-dir = /a\033[2Jb\nbranding = yes\n", &document, &reports);
	ok(bad == 1 && reports.lines[0] == 2 && document.count == 1,
	   "an escape character is refused");
	settings_free(&document);
	bad = parse_text("[server]\narchive-dir = /a\xc2\x9b" "b\n", &document, &reports);
	ok(bad == 1 && reports.lines[0] == 2, "a C1 control (CSI as UTF-8) is refused");
	settings_free(&document);
	bad = parse_text("[server]\narchive-dir = /a\xff\xfe\n[port \"\xc0\xaf\"]\n", &document,
			 &reports);
	ok(bad == 2 && reports.lines[0] == 2 && reports.lines[1] == 3,
	   "invalid and overlong UTF-8 are refused");
	settings_free(&document);
	bad = parse_bytes(nul_line, sizeof(nul_line) - 1, &document, &reports);
	ok(bad == 1 && reports.lines[0] == 2 && document.count == 1 &&
	   !strcmp(document.entries[0].key, "branding"), "a NUL byte in a line is refused");
	settings_free(&document);
	long_line = malloc(SETTINGS_LINE_MAX + 64);
	if (!long_line) {
		ok(false, "memory for a long line");
		return;
	}
	strcpy(long_line, "[server]\narchive-dir = /");
	memset(long_line + strlen(long_line), 'a', SETTINGS_LINE_MAX);
	strcpy(long_line + strlen("[server]\narchive-dir = /") + SETTINGS_LINE_MAX, "\nretries = 1\n");
	bad = parse_text(long_line, &document, &reports);
	ok(bad == 1 && reports.lines[0] == 2 && document.count == 1,
	   "a line longer than SETTINGS_LINE_MAX is refused, the next one read");
	settings_free(&document);
	free(long_line);

	ok(settings_add(&document, "port", "Loopback 1", "tsid", "a\nretries = 99") == -EINVAL &&
	   settings_add(&document, "port", "a\"]\n[server", "tsid", "x") == -EINVAL &&
	   settings_add(&document, "port", "x", NULL, "comment\n[server]") == -EINVAL &&
	   settings_add(&document, "port", "x", "Bad Key", "1") == -EINVAL &&
	   settings_add(&document, "port", "x", "", "1") == -EINVAL &&
	   settings_add(&document, "po]rt", NULL, "rings", "1") == -EINVAL &&
	   settings_add(&document, "port", "x", "tsid", "\xe2\x80") == -EINVAL,
	   "settings_add refuses what could not be written back as it is");
	is_equal(document.count, 0, "and adds none of it");
	settings_free(&document);
}

int main(void)
{
	test_round_trip();
	test_syntax();
	test_bad_lines();
	test_hostile();
	return tap_finish();
}
