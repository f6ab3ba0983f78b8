/* SPDX-License-Identifier: GPL-2.0 */
/*
 * settings_file: the text form of the fax server's saved settings
 * (`faxctl settings save|apply|show`), a file an administrator can read and
 * diff:
 *
 *	# a comment (a whole line; '#' or ';' first)
 *	[server]
 *	retries = 3
 *	[port "Loopback 1"]
 *	tsid = "+49 30 1234567"
 *
 * A section is [NAME] or [NAME "ARGUMENT"]; a key is lowercase letters,
 * digits and "-._{}"; a value is bare (up to the end of the line, blanks
 * around it dropped) or double-quoted with \" and \\ as its only escapes.
 * The file is UTF-8; control characters (but tab as a blank), invalid
 * UTF-8, NUL bytes and lines longer than SETTINGS_LINE_MAX are refused with
 * their line number. This file knows the syntax only; what the keys mean
 * is cmd_settings.c's.
 */
#ifndef FAXCTL_SETTINGS_FILE_H
#define FAXCTL_SETTINGS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define SETTINGS_LINE_MAX 4096	/* bytes of one line, without its newline */

/* One key = value, in its section; or, with @key NULL, a comment (@value). */
struct settings_entry {
	char *section;		/* "server", "port" */
	char *argument;		/* the section's "ARGUMENT", or NULL */
	char *key;
	char *value;
	unsigned int line;	/* where it was read; 0 when made in memory */
};

struct settings_document {
	struct settings_entry *entries;
	size_t count, capacity;
};

/*
 * Called for each line that cannot be read: its number and why. The
 * parser goes on with the next line, so that one run reports them all.
 */
typedef void settings_error_fn(void *context, unsigned int line, const char *why);

/*
 * Reads @in into @document (empty first). Returns the number of bad lines
 * (each reported), or a negative errno (-ENOMEM, -EIO) when the file could
 * not be read at all.
 */
int settings_parse(FILE *in, struct settings_document *document, settings_error_fn *report,
		   void *context);
/*
 * Adds an entry (copies of the strings), in the section that
 * @section/@argument name; @key NULL adds a comment. -EINVAL when a string
 * cannot be written back (settings_text_writable), -ENOMEM.
 */
int settings_add(struct settings_document *document, const char *section,
		 const char *argument, const char *key, const char *value);
/* Writes @document: a header line where the section changes, a blank line
 * between sections. Returns 0 or -EIO. */
int settings_write(FILE *out, const struct settings_document *document);
void settings_free(struct settings_document *document);

/* Can @text be a value, a section's argument or a comment: valid UTF-8,
 * no control characters, at most SETTINGS_LINE_MAX / 2 bytes? */
bool settings_text_writable(const char *text);

#endif
