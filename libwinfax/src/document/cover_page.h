/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The cover page libwinfax draws in front of a fax when FaxSendDocument is
 * given a FAX_COVERPAGE_INFO that names a cover page.  Windows fills a
 * .cov template made with its Cover Page Editor; that file format is
 * Windows' own and is not read here: every cover page has the one layout
 * below, and the name only gives a heading word (see cover_page_banner).
 *
 * Layout (the default paper, paper_size.h, at fine resolution; made
 * standard by document_convert.c in front of a standard document), drawn
 * with Pango (text_render.h), so every field prints in any script the
 * fonts cover: "FAX" in large bold letters with the heading word beside
 * it, a rule, then To / Company / Fax number, From / Company / Fax number
 * / Phone, Date / Pages / Subject, a rule, and the note.  Values that are
 * too long wrap (up to 3 lines; the note down to the bottom margin); what
 * still does not fit ends in an ellipsis.  Missing values are left blank;
 * bytes that are not UTF-8 print as U+FFFD.
 */
#ifndef LIBWINFAX_COVER_PAGE_H
#define LIBWINFAX_COVER_PAGE_H

#include "page_bitmap.h"

/* Every string UTF-8, or NULL. */
struct winfax_cover_page {
    const char *name;                  /* CoverPageName */
    const char *recipient_name;
    const char *recipient_fax_number;
    const char *recipient_company;
    const char *sender_name;
    const char *sender_company;
    const char *sender_fax_number;
    const char *sender_phone;
    const char *subject;
    const char *note;
    const char *date;                  /* as it is to be printed */
    unsigned page_count;               /* the whole fax, this page included */
};

/* Room for 16 characters of UTF-8 and the NUL. */
#define WINFAX_COVER_BANNER_SIZE 65

/* The heading word a cover page name gives: its file name without folder
 * and ".cov", in capitals ("confident.cov" -> "CONFIDENT", "eilig.cov" ->
 * "EILIG", any script), or "" for a name that is only "generic" or "fax".
 * At most 16 characters are kept. */
void winfax_cover_page_banner(const char *name, char banner[WINFAX_COVER_BANNER_SIZE]);

/* Draws the page into a new bitmap (free it with winfax_bitmap_free).
 * 0 or -ENOMEM. */
int winfax_cover_page_render(const struct winfax_cover_page *cover, struct winfax_bitmap *page);

#endif
