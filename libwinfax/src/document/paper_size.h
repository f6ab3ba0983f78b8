/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The paper a fax page stands for.  A fax line is always 1728 pixels
 * (215 mm at 204 dpi: T.4's line for A4 and Letter alike); the page is as
 * long as the paper.  Text pages, cover pages, PDF and PostScript pages
 * and the pages a tall picture is cut into take the default paper:
 *
 *   1. the PAPERSIZE environment variable, when it is set and not empty;
 *   2. else the first word of the file named by PAPERCONF, or of
 *      /etc/papersize when PAPERCONF is unset (papersize(5): '#' starts a
 *      comment);
 *   3. else A4, the paper libwinfax has always used.
 *
 * That is libpaper's own order (paperconf(1) prints the same name), read
 * here rather than through libpaper: bookworm's libpaper1 is GPL-2 only,
 * and libwinfax is LGPL, linked into any application.  The names a4,
 * letter and legal are known (any case); any other name (a5, executive,
 * ...) is a paper fax has no page size for, and gives A4.
 */
#ifndef LIBWINFAX_PAPER_SIZE_H
#define LIBWINFAX_PAPER_SIZE_H

#include <stdint.h>

struct winfax_paper {
    const char *name;        /* "a4", "letter", "legal" */
    uint32_t fine_lines;     /* the page's length in lines at 196 dpi */
};

extern const struct winfax_paper winfax_paper_a4;
extern const struct winfax_paper winfax_paper_letter;
extern const struct winfax_paper winfax_paper_legal;

/* The paper of that name (case does not matter), or NULL. */
const struct winfax_paper *winfax_paper_named(const char *name);

/* The default paper, looked up anew on each call (see above). */
const struct winfax_paper *winfax_paper_default(void);

#endif
