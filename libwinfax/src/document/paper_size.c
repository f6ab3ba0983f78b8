/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "paper_size.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A paper name longer than this is no name libwinfax knows. */
#define PAPER_NAME_MAX 32

/* Lengths at 196 lines per inch, rounded: A4 297 mm, Letter 11 in, Legal
 * 14 in. */
const struct winfax_paper winfax_paper_a4 = { "a4", 2292 };
const struct winfax_paper winfax_paper_letter = { "letter", 2156 };
const struct winfax_paper winfax_paper_legal = { "legal", 2744 };

const struct winfax_paper *winfax_paper_named(const char *name)
{
    static const struct winfax_paper *const known[] = {
        &winfax_paper_a4, &winfax_paper_letter, &winfax_paper_legal,
    };

    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (strcasecmp(name, known[i]->name) == 0)
            return known[i];
    return NULL;
}

/* The first word of a papersize(5) file into name; false when the file
 * cannot be read or holds no word. */
static bool read_paper_file(const char *path, char name[PAPER_NAME_MAX + 1])
{
    FILE *file = fopen(path, "re");
    size_t length = 0;
    bool comment = false;
    int c;

    if (!file)
        return false;
    while ((c = getc(file)) != EOF) {
        if (comment) {
            comment = c != '\n';
        } else if (c == '#' && length == 0) {
            comment = true;
        } else if (isspace(c) || c == '#') {
            if (length > 0)
                break;
        } else if (length < PAPER_NAME_MAX) {
            name[length++] = (char)c;
        } else {
            length = 0;   /* too long to be a name: no name */
            break;
        }
    }
    fclose(file);
    name[length] = '\0';
    return length > 0;
}

const struct winfax_paper *winfax_paper_default(void)
{
    const char *variable = getenv("PAPERSIZE");
    const char *file = getenv("PAPERCONF");
    const struct winfax_paper *paper = NULL;
    char name[PAPER_NAME_MAX + 1];

    if (variable && *variable)
        paper = winfax_paper_named(variable);
    else if (read_paper_file(file && *file ? file : "/etc/papersize", name))
        paper = winfax_paper_named(name);
    return paper ? paper : &winfax_paper_a4;
}
