// SPDX-License-Identifier: GPL-2.0
/* The saved settings' text form: see settings_file.h. */
#include "settings_file.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the UTF-8 sequence at @text (at most @left bytes), 0 if invalid. */
static size_t utf8_sequence(const unsigned char *text, size_t left)
{
	uint32_t code;
	size_t length;

	if (text[0] < 0x80)
		return 1;
	if (text[0] >= 0xc2 && text[0] <= 0xdf)
		length = 2, code = text[0] & 0x1f;
	else if (text[0] >= 0xe0 && text[0] <= 0xef)
		length = 3, code = text[0] & 0x0f;
	else if (text[0] >= 0xf0 && text[0] <= 0xf4)
		length = 4, code = text[0] & 0x07;
	else
		return 0;
	if (length > left)
		return 0;
	for (size_t i = 1; i < length; i++) {
		if ((text[i] & 0xc0) != 0x80)
			return 0;
		code = code << 6 | (text[i] & 0x3f);
	}
	/* Overlong forms, surrogates, past U+10FFFF. */
	if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) ||
	    (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff)
		return 0;
	/* C1 controls (U+0080..U+009F) are refused like C0 ones. */
	if (code >= 0x80 && code <= 0x9f)
		return 0;
	return length;
}

/* Valid UTF-8 without controls; tab allowed when @tab_ok. NULL: why not. */
static const char *text_problem(const char *text, size_t length, bool tab_ok)
{
	const unsigned char *bytes = (const unsigned char *)text;

	for (size_t i = 0; i < length;) {
		size_t step;

		if (bytes[i] == '\t' && tab_ok) {
			i++;
			continue;
		}
		if (bytes[i] == 0)
			return "a NUL byte";
		if (bytes[i] < 0x20 || bytes[i] == 0x7f)
			return "a control character";
		step = utf8_sequence(bytes + i, length - i);
		if (!step)
			return "not UTF-8 (or a control character)";
		i += step;
	}
	return NULL;
}

bool settings_text_writable(const char *text)
{
	size_t length = strlen(text);

	return length <= SETTINGS_LINE_MAX / 2 && !text_problem(text, length, false);
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._{}", c);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static char *skip_blanks(char *text)
{
	while (is_blank(*text))
		text++;
	return text;
}

/*
 * A quoted string at @text (just past the opening quote): unescaped in
 * place. Returns the end (past the closing quote) or NULL with @why set.
 */
static char *unquote(char *text, const char **why)
{
	char *out = text;

	for (char *in = text;; in++) {
		if (*in == '\0') {
			*why = "a quoted text without its closing '\"'";
			return NULL;
		}
		if (*in == '"') {
			*out = '\0';
			return in + 1;
		}
		if (*in == '\\') {
			in++;
			if (*in != '"' && *in != '\\') {
				*why = "an escape other than \\\" or \\\\ in quotes";
				return NULL;
			}
		}
		*out++ = *in;
	}
}

static int append(struct settings_document *document, const char *section,
		  const char *argument, const char *key, const char *value, unsigned int line)
{
	struct settings_entry *entry;

	if (document->count == document->capacity) {
		size_t capacity = document->capacity ? 2 * document->capacity : 32;
		struct settings_entry *grown =
			reallocarray(document->entries, capacity, sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		document->entries = grown;
		document->capacity = capacity;
	}
	entry = &document->entries[document->count];
	*entry = (struct settings_entry){ .line = line };
	entry->section = section ? strdup(section) : NULL;
	entry->argument = argument ? strdup(argument) : NULL;
	entry->key = key ? strdup(key) : NULL;
	entry->value = strdup(value);
	if ((section && !entry->section) || (argument && !entry->argument) ||
	    (key && !entry->key) || !entry->value) {
		free(entry->section);
		free(entry->argument);
		free(entry->key);
		free(entry->value);
		return -ENOMEM;
	}
	document->count++;
	return 0;
}

/* A section header "[name]" or "[name "argument"]"; NULL or why not. */
static const char *parse_header(char *text, char **section, char **argument)
{
	char *end, *name = skip_blanks(text + 1);
	const char *why = NULL;

	end = name;
	while (*end && key_char(*end))
		end++;
	if (end == name)
		return "a section without a name";
	*section = name;
	*argument = NULL;
	text = skip_blanks(end);
	if (*text == '"') {
		*end = '\0';
		*argument = text + 1;
		text = unquote(text + 1, &why);
		if (!text)
			return why;
		text = skip_blanks(text);
	} else if (text != end && *text != ']') {
		return "a section's argument must be quoted";
	}
	if (*text != ']')
		return "a section header without its closing ']'";
	*end = '\0';
	if (*skip_blanks(text + 1))
		return "text after a section header";
	return NULL;
}

/* "key = value"; NULL or why not. */
static const char *parse_assignment(char *text, char **key, char **value)
{
	char *end = text;
	const char *why = NULL;

	while (*end && key_char(*end))
		end++;
	if (end == text)
		return "not a [section], a comment or key = value (a key is lowercase)";
	*key = text;
	text = skip_blanks(end);
	if (*text != '=')
		return "a key without '= value'";
	*end = '\0';
	text = skip_blanks(text + 1);
	if (*text == '"') {
		*value = text + 1;
		text = unquote(text + 1, &why);
		if (!text)
			return why;
		if (*skip_blanks(text))
			return "text after a quoted value";
		return NULL;
	}
	*value = text;
	end = text + strlen(text);
	while (end > text && is_blank(end[-1]))
		*--end = '\0';
	return NULL;
}

int settings_parse(FILE *in, struct settings_document *document, settings_error_fn *report,
		   void *context)
{
	char *line = NULL, *section = NULL, *argument = NULL;
	size_t room = 0;
	unsigned int number = 0;
	int bad = 0, error = 0;
	bool in_bad_section = false;
	ssize_t length;

	*document = (struct settings_document){ 0 };
	errno = 0;
	while ((length = getline(&line, &room, in)) >= 0) {
		const char *why;
		char *text, *key, *value, *new_section, *new_argument;

		number++;
		if (length > 0 && line[length - 1] == '\n')
			line[--length] = '\0';
		if (length > 0 && line[length - 1] == '\r')
			line[--length] = '\0';
		if (length > SETTINGS_LINE_MAX)
			why = "a line longer than 4096 bytes";
		else
			why = text_problem(line, (size_t)length, true);
		if (why) {
			report(context, number, why);
			bad++;
			continue;
		}
		text = skip_blanks(line);
		if (!*text || *text == '#' || *text == ';')
			continue;
		if (*text == '[') {
			why = parse_header(text, &new_section, &new_argument);
			if (why) {
				report(context, number, why);
				bad++;
				/* Its entries would land in the wrong section. */
				in_bad_section = true;
				continue;
			}
			in_bad_section = false;
			free(section);
			free(argument);
			section = strdup(new_section);
			argument = new_argument ? strdup(new_argument) : NULL;
			if (!section || (new_argument && !argument)) {
				error = -ENOMEM;
				break;
			}
			continue;
		}
		why = parse_assignment(text, &key, &value);
		if (!why && !section)
			why = "a setting before the first [section]";
		if (!why && in_bad_section)
			why = "a setting in a section whose header is bad";
		if (why) {
			report(context, number, why);
			bad++;
			continue;
		}
		error = append(document, section, argument, key, value, number);
		if (error)
			break;
	}
	if (!error && ferror(in))
		error = -EIO;
	free(line);
	free(section);
	free(argument);
	if (error) {
		settings_free(document);
		return error;
	}
	return bad;
}

int settings_add(struct settings_document *document, const char *section,
		 const char *argument, const char *key, const char *value)
{
	if (!settings_text_writable(value) || (argument && !settings_text_writable(argument)))
		return -EINVAL;
	if (key) {
		if (!*key)
			return -EINVAL;
		for (const char *c = key; *c; c++)
			if (!key_char(*c))
				return -EINVAL;
	}
	for (const char *c = section; *c; c++)
		if (!key_char(*c))
			return -EINVAL;
	return append(document, section, argument, key, value, 0);
}

/* Bare when it reads back the same: no blanks at its ends, no quote first. */
static bool needs_quotes(const char *value)
{
	size_t length = strlen(value);

	return !length || is_blank(value[0]) || is_blank(value[length - 1]) || value[0] == '"';
}

static void write_quoted(FILE *out, const char *text)
{
	fputc('"', out);
	for (; *text; text++) {
		if (*text == '"' || *text == '\\')
			fputc('\\', out);
		fputc(*text, out);
	}
	fputc('"', out);
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

int settings_write(FILE *out, const struct settings_document *document)
{
	const struct settings_entry *previous = NULL;

	for (size_t i = 0; i < document->count; i++) {
		const struct settings_entry *entry = &document->entries[i];

		if (!previous || !same(previous->section, entry->section) ||
		    !same(previous->argument, entry->argument)) {
			if (previous)
				fputc('\n', out);
			fprintf(out, "[%s", entry->section);
			if (entry->argument) {
				fputc(' ', out);
				write_quoted(out, entry->argument);
			}
			fputs("]\n", out);
		}
		previous = entry;
		if (!entry->key) {
			fprintf(out, "# %s\n", entry->value);
			continue;
		}
		fprintf(out, "%s = ", entry->key);
		if (needs_quotes(entry->value))
			write_quoted(out, entry->value);
		else
			fputs(entry->value, out);
		fputc('\n', out);
	}
	return ferror(out) ? -EIO : 0;
}

void settings_free(struct settings_document *document)
{
	for (size_t i = 0; i < document->count; i++) {
		free(document->entries[i].section);
		free(document->entries[i].argument);
		free(document->entries[i].key);
		free(document->entries[i].value);
	}
	free(document->entries);
	*document = (struct settings_document){ 0 };
}
