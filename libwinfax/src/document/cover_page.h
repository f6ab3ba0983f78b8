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
 * it, a rule, then one column of "Label: value" rows in three blocks:
 *
 *   To, Title, Department, Company, Office, Street, City, State, ZIP,
 *   Country, Office phone, Home phone, Fax number   (the Rec* fields)
 *   From, Title, Department, Company, Office, Address, Office phone,
 *   Home phone, Fax number                          (the Sdr* fields)
 *   Date (TimeSent), Pages (counted: the whole fax), Subject
 *
 * a rule, and the note.  Every FAX_COVERPAGE_INFO string prints; a field
 * that is NULL or empty takes no row at all (no empty labels), and a
 * block with no rows takes no room.  Values that are too long wrap, up to
 * 3 lines each; when the rows at 3 lines would leave the note less than
 * 4 lines above the bottom margin (NOTE_MIN_LINES), every value is held
 * to 2 lines, then to 1, so all 24 fields at any length fit on one A4,
 * Letter or Legal page.  The note fills the rest, down to the bottom
 * margin.  The rows come from winfax_cover_page_layout, which the
 * renderer draws as it is, so tests can check them.
 * What does not fit ends in an ellipsis; bytes that are not UTF-8 print
 * as U+FFFD.
 */
#ifndef LIBWINFAX_COVER_PAGE_H
#define LIBWINFAX_COVER_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "page_bitmap.h"

/* text_render.h's; only a pointer here, so users of the cover page need
 * not build against Pango. */
struct winfax_text_canvas;

/* Every string UTF-8, or NULL; the FAX_COVERPAGE_INFO field each holds
 * follows it. */
struct winfax_cover_page {
    const char *name;                       /* CoverPageName */
    const char *recipient_name;             /* RecName */
    const char *recipient_fax_number;       /* RecFaxNumber */
    const char *recipient_company;          /* RecCompany */
    const char *recipient_street_address;   /* RecStreetAddress */
    const char *recipient_city;             /* RecCity */
    const char *recipient_state;            /* RecState */
    const char *recipient_zip;              /* RecZip */
    const char *recipient_country;          /* RecCountry */
    const char *recipient_title;            /* RecTitle */
    const char *recipient_department;       /* RecDepartment */
    const char *recipient_office_location;  /* RecOfficeLocation */
    const char *recipient_home_phone;       /* RecHomePhone */
    const char *recipient_office_phone;     /* RecOfficePhone */
    const char *sender_name;                /* SdrName */
    const char *sender_fax_number;          /* SdrFaxNumber */
    const char *sender_company;             /* SdrCompany */
    const char *sender_address;             /* SdrAddress */
    const char *sender_title;               /* SdrTitle */
    const char *sender_department;          /* SdrDepartment */
    const char *sender_office_location;     /* SdrOfficeLocation */
    const char *sender_home_phone;          /* SdrHomePhone */
    const char *sender_phone;               /* SdrOfficePhone */
    const char *subject;                    /* Subject */
    const char *note;                       /* Note */
    const char *date;                       /* TimeSent, as it is to be printed */
    unsigned page_count;                    /* the whole fax, this page included */
};

/* Room for 16 characters of UTF-8 and the NUL. */
#define WINFAX_COVER_BANNER_SIZE 65

/* The heading word a cover page name gives: its file name without folder
 * and ".cov", in capitals ("confident.cov" -> "CONFIDENT", "eilig.cov" ->
 * "EILIG", any script), or "" for a name that is only "generic" or "fax".
 * At most 16 characters are kept. */
void winfax_cover_page_banner(const char *name, char banner[WINFAX_COVER_BANNER_SIZE]);

/* 25 field rows (Date and Pages included) and the note. */
#define WINFAX_COVER_ROWS_MAX 26

/* One row the page draws: the label (NULL for the note, which has none)
 * at the left margin and the value's block at (x, y), width wide and
 * height high (pixels at fine resolution; height is what the value's
 * lines take, at least one label line). */
struct winfax_cover_row {
    const char *label;
    char *value;            /* valid UTF-8, the layout's own */
    int label_x;
    int x, y, width, height;
};

struct winfax_cover_layout {
    struct winfax_cover_row rows[WINFAX_COVER_ROWS_MAX];
    size_t row_count;
    int rules[2];           /* the rules' top rows */
    int bottom;             /* the bottom margin's first row */
};

/* The rows a cover page of page_lines fine lines will draw, measured with
 * canvas' fonts; the renderer draws exactly these.  Free with
 * winfax_cover_layout_free. */
void winfax_cover_page_layout(const struct winfax_cover_page *cover,
                              struct winfax_text_canvas *canvas, uint32_t page_lines,
                              struct winfax_cover_layout *layout);
void winfax_cover_layout_free(struct winfax_cover_layout *layout);

/* Draws the page into a new bitmap (free it with winfax_bitmap_free).
 * 0 or -ENOMEM. */
int winfax_cover_page_render(const struct winfax_cover_page *cover, struct winfax_bitmap *page);

#endif
