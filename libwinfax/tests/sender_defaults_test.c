/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FaxCompleteJobParams with the user's sender file (sender_defaults.h): its
 * values fill the job and the cover page, they win over GECOS, and a file
 * that is not what the format says fails the call with ERROR_INVALID_DATA
 * and the file and line in the library's message. No kernel is needed:
 * the function reads the passwd entry and the file only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document/document_message.h"
#include "winfax.h"
#include "tap.h"

static char config_home[64] = "/tmp/winfax-sender-XXXXXX";

static void write_sender_file(const char *text)
{
    char path[128];
    FILE *file;

    snprintf(path, sizeof(path), "%s/winfax", config_home);
    mkdir(path, 0700);
    snprintf(path, sizeof(path), "%s/winfax/sender.conf", config_home);
    file = fopen(path, "w");
    if (file) {
        fputs(text, file);
        fclose(file);
    }
}

static bool same(const char *got, const char *expected)
{
    return got && !strcmp(got, expected);
}

static bool wide_same(const WCHAR *got, const char *expected)
{
    size_t i = 0;

    if (!got)
        return false;
    for (; expected[i]; i++)
        if (got[i] != (WCHAR)(unsigned char)expected[i])
            return false;
    return got[i] == 0;
}

static void the_file_fills_the_job_and_the_cover_page(void)
{
    PFAX_JOB_PARAMA job = NULL;
    PFAX_COVERPAGE_INFOA cover = NULL;

    write_sender_file("# my fax settings\n"
                      "name = Jane Roe\n"
                      "fax_number = +1 425 555 0199\n"
                      "company =   Contoso Ltd  \n"
                      "address = 1 Main St, Springfield\n"
                      "title = Buyer\n"
                      "department = Purchasing\n"
                      "office_location = B2-101\n"
                      "office_phone = +1 425 555 0100\n"
                      "home_phone = +1 425 555 0111\n"
                      "billing_code = PO-4711\n");
    ok(FaxCompleteJobParamsA(&job, &cover), "FaxCompleteJobParamsA with a sender file");
    if (!job || !cover)
        return;
    ok(same(job->SenderName, "Jane Roe") && same(cover->SdrName, "Jane Roe"),
       "the file's name wins over GECOS");
    ok(same(job->SenderCompany, "Contoso Ltd") && same(cover->SdrCompany, "Contoso Ltd"),
       "company, blanks around the value trimmed");
    ok(same(job->SenderDept, "Purchasing") && same(cover->SdrDepartment, "Purchasing"),
       "department in both");
    ok(same(job->BillingCode, "PO-4711"), "billing code");
    ok(same(cover->SdrFaxNumber, "+1 425 555 0199") && same(cover->SdrTitle, "Buyer") &&
       same(cover->SdrAddress, "1 Main St, Springfield"), "fax number, title, address");
    ok(same(cover->SdrOfficeLocation, "B2-101") && same(cover->SdrOfficePhone, "+1 425 555 0100") &&
       same(cover->SdrHomePhone, "+1 425 555 0111"), "office location and phones");
    ok(job->DeliveryReportType == DRT_NONE && !job->DeliveryReportAddress,
       "no delivery report asked for, so no address");
    FaxFreeBuffer(job);
    FaxFreeBuffer(cover);
}

static void the_wide_form_has_the_same_values(void)
{
    PFAX_JOB_PARAMW job = NULL;
    PFAX_COVERPAGE_INFOW cover = NULL;

    write_sender_file("company = Contoso Ltd\nbilling_code = PO-4711\n");
    ok(FaxCompleteJobParamsW(&job, &cover), "FaxCompleteJobParamsW");
    if (!job || !cover)
        return;
    ok(wide_same(job->SenderCompany, "Contoso Ltd") && wide_same(cover->SdrCompany, "Contoso Ltd") &&
       wide_same(job->BillingCode, "PO-4711"), "the W form: company and billing code");
    ok(!cover->SdrTitle, "a key the file does not give is NULL");
    FaxFreeBuffer(job);
    FaxFreeBuffer(cover);
}

static void without_a_file_only_the_passwd_entry_counts(void)
{
    PFAX_JOB_PARAMA job = NULL;
    PFAX_COVERPAGE_INFOA cover = NULL;
    char path[128];

    snprintf(path, sizeof(path), "%s/winfax/sender.conf", config_home);
    unlink(path);
    ok(FaxCompleteJobParamsA(&job, &cover), "no sender file is no error");
    if (!job || !cover)
        return;
    ok(!job->SenderCompany && !job->BillingCode && !cover->SdrFaxNumber,
       "no file: company, billing code and fax number are NULL");
    FaxFreeBuffer(job);
    FaxFreeBuffer(cover);
}

static void refused(const char *text, const char *message_part, const char *what)
{
    PFAX_JOB_PARAMA job = (PFAX_JOB_PARAMA)1;
    PFAX_COVERPAGE_INFOA cover = (PFAX_COVERPAGE_INFOA)1;
    BOOL done;

    write_sender_file(text);
    winfax_message_clear();
    done = FaxCompleteJobParamsA(&job, &cover);
    ok(!done && GetLastError() == ERROR_INVALID_DATA && !job && !cover &&
       strstr(winfax_message_get(), message_part),
       "%s: ERROR_INVALID_DATA, \"%s\" in the message", what, message_part);
    if (!strstr(winfax_message_get(), message_part))
        tap_diag("message: %s", winfax_message_get());
}

static void a_file_that_breaks_the_format_fails_with_its_line(void)
{
    refused("name = A\nthis line has no equals sign\n", "sender.conf:2:", "a line without '='");
    refused("colour = blue\n", "unknown key 'colour'", "an unknown key");
    refused("name = M\xfcller\n", "sender.conf:1: name is not UTF-8", "a Latin-1 value");
    refused("name = A\x1b[2Jb\n", "not UTF-8 text", "a control character");
}

int main(void)
{
    if (!mkdtemp(config_home))
        return tap_skip_all("no temporary folder");
    setenv("XDG_CONFIG_HOME", config_home, 1);
    the_file_fills_the_job_and_the_cover_page();
    the_wide_form_has_the_same_values();
    without_a_file_only_the_passwd_entry_counts();
    a_file_that_breaks_the_format_fails_with_its_line();
    {
        char command[128];

        snprintf(command, sizeof(command), "rm -rf '%s'", config_home);
        if (system(command) != 0)
            tap_diag("could not remove %s", config_home);
    }
    return tap_finish();
}
