/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Every string of a FAX_COVERPAGE_INFO reaches the cover page: through the
 * W form (converted from UTF-16) and the A form, winfax_cover_request and
 * winfax_cover_page_fill carry each of the 25 to its own field of struct
 * winfax_cover_page, and the job's strings stand in for the four a cover
 * page may leave NULL.  (documents_test checks that each field prints.)
 * No kernel is needed: nothing is sent.
 */
#include <stdlib.h>
#include <string.h>

#include "document/cover_page.h"
#include "fax/fax_send.h"
#include "tap.h"

#define FIELDS 25

struct field {
    const char *name;                   /* the FAX_COVERPAGE_INFO member */
    size_t info_offset_a, info_offset_w;
    size_t page_offset;                 /* in struct winfax_cover_page */
};

#define FIELD(member, page_member)                                                     \
    { #member, offsetof(FAX_COVERPAGE_INFOA, member), offsetof(FAX_COVERPAGE_INFOW, member), \
      offsetof(struct winfax_cover_page, page_member) }

static const struct field fields[FIELDS] = {
    FIELD(CoverPageName, name),
    FIELD(RecName, recipient_name),
    FIELD(RecFaxNumber, recipient_fax_number),
    FIELD(RecCompany, recipient_company),
    FIELD(RecStreetAddress, recipient_street_address),
    FIELD(RecCity, recipient_city),
    FIELD(RecState, recipient_state),
    FIELD(RecZip, recipient_zip),
    FIELD(RecCountry, recipient_country),
    FIELD(RecTitle, recipient_title),
    FIELD(RecDepartment, recipient_department),
    FIELD(RecOfficeLocation, recipient_office_location),
    FIELD(RecHomePhone, recipient_home_phone),
    FIELD(RecOfficePhone, recipient_office_phone),
    FIELD(SdrName, sender_name),
    FIELD(SdrFaxNumber, sender_fax_number),
    FIELD(SdrCompany, sender_company),
    FIELD(SdrAddress, sender_address),
    FIELD(SdrTitle, sender_title),
    FIELD(SdrDepartment, sender_department),
    FIELD(SdrOfficeLocation, sender_office_location),
    FIELD(SdrHomePhone, sender_home_phone),
    FIELD(SdrOfficePhone, sender_phone),
    FIELD(Note, note),
    FIELD(Subject, subject),
};

static const char *page_string(const struct winfax_cover_page *page, const struct field *field)
{
    return *(const char *const *)((const char *)page + field->page_offset);
}

/* "<member> \xfc" as UTF-16, so the W form's conversion is seen too. */
static WCHAR *wide_value(const char *name)
{
    size_t length = strlen(name);
    WCHAR *value = calloc(length + 3, sizeof(WCHAR));

    for (size_t i = 0; i < length; i++)
        value[i] = (WCHAR)name[i];
    value[length] = ' ';
    value[length + 1] = 0xfc;
    return value;
}

/* Each field of the page holds the string its member was given. */
static unsigned wrong_fields(const struct winfax_cover_page *page, const char *suffix)
{
    unsigned wrong = 0;

    for (unsigned i = 0; i < FIELDS; i++) {
        const char *got = page_string(page, &fields[i]);
        size_t length = strlen(fields[i].name);

        if (!got || strncmp(got, fields[i].name, length) != 0 ||
            strcmp(got + length, suffix) != 0) {
            tap_diag("%s gave \"%s\"", fields[i].name, got ? got : "(null)");
            wrong++;
        }
    }
    return wrong;
}

static void test_wide(void)
{
    FAX_COVERPAGE_INFOW wide = { .SizeOfStruct = sizeof(wide) };
    FAX_COVERPAGE_INFOA utf8;
    FAX_JOB_PARAMA job = { .SizeOfStruct = sizeof(job) };
    struct winfax_cover_request request;
    struct winfax_cover_page page;
    WCHAR *values[FIELDS];

    for (unsigned i = 0; i < FIELDS; i++) {
        values[i] = wide_value(fields[i].name);
        *(WCHAR **)((char *)&wide + fields[i].info_offset_w) = values[i];
    }
    is_equal(winfax_cover_info_from_wide(&wide, &utf8), ERROR_SUCCESS, "W: converted");
    is_equal(winfax_cover_request(&utf8, &request), ERROR_SUCCESS, "W: a cover page asked for");
    winfax_cover_page_fill(&request, &job, "2026-12-08 02:30", &page);
    is_equal(wrong_fields(&page, " \xc3\xbc"), 0, "W: all 25 strings reach their fields");
    ok(strcmp(page.date, "2026-12-08 02:30") == 0, "W: the date given");
    winfax_cover_info_free(&utf8);
    for (unsigned i = 0; i < FIELDS; i++)
        free(values[i]);
}

static void test_ansi(void)
{
    FAX_COVERPAGE_INFOA ansi = { .SizeOfStruct = sizeof(ansi) };
    FAX_JOB_PARAMA job = { .SizeOfStruct = sizeof(job), .RecipientName = "Job recipient",
                           .RecipientNumber = "5550100", .SenderName = "Job sender",
                           .SenderCompany = "Job company" };
    struct winfax_cover_request request;
    struct winfax_cover_page page;

    for (unsigned i = 0; i < FIELDS; i++)
        *(const char **)((char *)&ansi + fields[i].info_offset_a) = fields[i].name;
    is_equal(winfax_cover_request(&ansi, &request), ERROR_SUCCESS, "A: a cover page asked for");
    winfax_cover_page_fill(&request, &job, "", &page);
    is_equal(wrong_fields(&page, ""), 0, "A: all 25 strings reach their fields");

    ansi.RecName = ansi.RecFaxNumber = ansi.SdrName = ansi.SdrCompany = NULL;
    ansi.RecCity = "";
    is_equal(winfax_cover_request(&ansi, &request), ERROR_SUCCESS, "A, fewer: asked for");
    winfax_cover_page_fill(&request, &job, "", &page);
    ok(strcmp(page.recipient_name, "Job recipient") == 0 &&
           strcmp(page.recipient_fax_number, "5550100") == 0 &&
           strcmp(page.sender_name, "Job sender") == 0 &&
           strcmp(page.sender_company, "Job company") == 0,
       "A, fewer: the job's names and number where the cover page has none");
    ok(page.recipient_city && page.recipient_city[0] == '\0' &&
           strcmp(page.recipient_zip, "RecZip") == 0,
       "A, fewer: the others as given");
}

int main(void)
{
    tap_plan(9);
    test_wide();
    test_ansi();
    return tap_finish();
}
