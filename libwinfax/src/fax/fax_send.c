/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Queuing a fax: FaxSendDocumentA/W, and what the broadcast shares
 * (fax_send.h).
 *
 * The document is opened here, by the caller, with the caller's own
 * permissions, and made a fax TIFF the engine can send in this process
 * (document_convert.h: a fax TIFF as it is; PDF, PostScript, text, PNG and
 * JPEG converted into an anonymous memory file); that open file is handed
 * to the driver with FAXPORT_IOC_JOB_SUBMIT.  Nobody ever opens the path
 * again: the driver keeps the open file, and the DSP engine reads it.  The
 * call returns as soon as the job is queued.  Why a document was refused
 * goes to stderr with WINFAX_ERRORS=stderr (document_message.h).
 *
 * Cover pages: a FAX_COVERPAGE_INFO with a CoverPageName asks for one; it
 * is drawn (cover_page.h) and put in front of the document.  With
 * UseServerCoverPage FALSE the name is the caller's own cover page file,
 * which must exist and be readable (its Windows .cov content is not
 * interpreted).  Recipient and sender fields the structure leaves NULL are
 * taken from FAX_JOB_PARAM (RecipientName, RecipientNumber, SenderName,
 * SenderCompany).  A FAX_COVERPAGE_INFO without a CoverPageName asks for
 * no cover page (its SizeOfStruct is still checked).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "faxport_client.h"

#include "fax_send.h"

#include "document/cover_page.h"
#include "document/document_convert.h"
#include "document/document_message.h"
#include "win32/errno_to_win32.h"
#include "win32/filetime.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "winfax.h"
#include "win32/win32_strings.h"

_Static_assert(JSA_NOW == FAXPORT_SCHEDULE_NOW, "JSA_NOW");
_Static_assert(JSA_SPECIFIC_TIME == FAXPORT_SCHEDULE_AT, "JSA_SPECIFIC_TIME");
_Static_assert(JSA_DISCOUNT_PERIOD == FAXPORT_SCHEDULE_DISCOUNT, "JSA_DISCOUNT_PERIOD");
_Static_assert(DRT_NONE == FAXPORT_REPORT_NONE, "DRT_NONE");
_Static_assert(DRT_EMAIL == FAXPORT_REPORT_EMAIL, "DRT_EMAIL");
_Static_assert(DRT_INBOX == FAXPORT_REPORT_INBOX, "DRT_INBOX");
_Static_assert(sizeof(FAX_JOB_PARAMA) == sizeof(FAX_JOB_PARAMW), "A/W sizes");
_Static_assert(sizeof(FAX_COVERPAGE_INFOA) == sizeof(FAX_COVERPAGE_INFOW), "A/W sizes");

/* ---- the W structures in the A form ----------------------------------------- */

struct wide_string {
    const WCHAR *wide;
    LPCSTR *utf8;
};

static void free_converted(const struct wide_string *strings, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free((char *)*strings[i].utf8);
        *strings[i].utf8 = NULL;
    }
}

/* Converts the wide strings that are not NULL; on an error frees what it
 * converted.  ERROR_SUCCESS, ERROR_NOT_ENOUGH_MEMORY, or
 * ERROR_INVALID_PARAMETER (a string that is not valid UTF-16). */
static DWORD convert_strings(const struct wide_string *strings, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!strings[i].wide)
            continue;
        *strings[i].utf8 = winfax_utf16_to_utf8_alloc(strings[i].wide);
        if (!*strings[i].utf8) {
            DWORD code = errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;

            free_converted(strings, count);
            return code;
        }
    }
    return ERROR_SUCCESS;
}

/* ---- the A structures in the locale's charset, in UTF-8 --------------------- */

struct ansi_string {
    LPCSTR ansi;
    LPCSTR *utf8;
};

/* As convert_strings, from the locale's charset; ERROR_INVALID_PARAMETER
 * for a string that is not text in it. */
static DWORD convert_ansi_strings(const struct ansi_string *strings, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!strings[i].ansi)
            continue;
        *strings[i].utf8 = winfax_ansi_to_utf8_alloc(strings[i].ansi);
        if (!*strings[i].utf8) {
            DWORD code = errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;

            for (size_t j = 0; j < i; j++) {
                free((char *)*strings[j].utf8);
                *strings[j].utf8 = NULL;
            }
            return code;
        }
    }
    return ERROR_SUCCESS;
}

#define JOB_PARAM_STRINGS(ansi, wide) {                                              \
        { (wide)->RecipientNumber, &(ansi)->RecipientNumber },                        \
        { (wide)->RecipientName, &(ansi)->RecipientName },                            \
        { (wide)->Tsid, &(ansi)->Tsid },                                              \
        { (wide)->SenderName, &(ansi)->SenderName },                                  \
        { (wide)->SenderCompany, &(ansi)->SenderCompany },                            \
        { (wide)->SenderDept, &(ansi)->SenderDept },                                  \
        { (wide)->BillingCode, &(ansi)->BillingCode },                                \
        { (wide)->DeliveryReportAddress, &(ansi)->DeliveryReportAddress },            \
        { (wide)->DocumentName, &(ansi)->DocumentName },                              \
    }

DWORD winfax_job_param_from_wide(const FAX_JOB_PARAMW *wide, FAX_JOB_PARAMA *ansi)
{
    const struct wide_string strings[] = JOB_PARAM_STRINGS(ansi, wide);

    memset(ansi, 0, sizeof(*ansi));
    ansi->SizeOfStruct = wide->SizeOfStruct;
    ansi->ScheduleAction = wide->ScheduleAction;
    ansi->ScheduleTime = wide->ScheduleTime;
    ansi->DeliveryReportType = wide->DeliveryReportType;
    ansi->CallHandle = wide->CallHandle;
    return convert_strings(strings, sizeof(strings) / sizeof(strings[0]));
}

DWORD winfax_job_param_from_ansi(const FAX_JOB_PARAMA *ansi, FAX_JOB_PARAMA *utf8)
{
    const struct ansi_string strings[] = JOB_PARAM_STRINGS(utf8, ansi);

    *utf8 = *ansi;
    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
        *strings[i].utf8 = NULL;
    return convert_ansi_strings(strings, sizeof(strings) / sizeof(strings[0]));
}

void winfax_job_param_free(FAX_JOB_PARAMA *ansi)
{
    const FAX_JOB_PARAMW none = { 0 };
    const struct wide_string strings[] = JOB_PARAM_STRINGS(ansi, &none);

    free_converted(strings, sizeof(strings) / sizeof(strings[0]));
}

/* Only the strings a cover page shows are converted: a W string the
 * library never reads is not refused for its encoding. */
#define COVER_INFO_STRINGS(ansi, wide) {                                             \
        { (wide)->CoverPageName, &(ansi)->CoverPageName },                            \
        { (wide)->RecName, &(ansi)->RecName },                                        \
        { (wide)->RecFaxNumber, &(ansi)->RecFaxNumber },                              \
        { (wide)->RecCompany, &(ansi)->RecCompany },                                  \
        { (wide)->SdrName, &(ansi)->SdrName },                                        \
        { (wide)->SdrCompany, &(ansi)->SdrCompany },                                  \
        { (wide)->SdrFaxNumber, &(ansi)->SdrFaxNumber },                              \
        { (wide)->SdrOfficePhone, &(ansi)->SdrOfficePhone },                          \
        { (wide)->Subject, &(ansi)->Subject },                                        \
        { (wide)->Note, &(ansi)->Note },                                              \
        { (wide)->RecStreetAddress, &(ansi)->RecStreetAddress },                      \
        { (wide)->RecCity, &(ansi)->RecCity },                                        \
        { (wide)->RecState, &(ansi)->RecState },                                      \
        { (wide)->RecZip, &(ansi)->RecZip },                                          \
        { (wide)->RecCountry, &(ansi)->RecCountry },                                  \
        { (wide)->RecTitle, &(ansi)->RecTitle },                                      \
        { (wide)->RecDepartment, &(ansi)->RecDepartment },                            \
        { (wide)->RecOfficeLocation, &(ansi)->RecOfficeLocation },                    \
        { (wide)->RecHomePhone, &(ansi)->RecHomePhone },                              \
        { (wide)->RecOfficePhone, &(ansi)->RecOfficePhone },                          \
        { (wide)->SdrAddress, &(ansi)->SdrAddress },                                  \
        { (wide)->SdrTitle, &(ansi)->SdrTitle },                                      \
        { (wide)->SdrDepartment, &(ansi)->SdrDepartment },                            \
        { (wide)->SdrOfficeLocation, &(ansi)->SdrOfficeLocation },                    \
        { (wide)->SdrHomePhone, &(ansi)->SdrHomePhone },                              \
    }

DWORD winfax_cover_info_from_wide(const FAX_COVERPAGE_INFOW *wide, FAX_COVERPAGE_INFOA *ansi)
{
    const struct wide_string strings[] = COVER_INFO_STRINGS(ansi, wide);

    memset(ansi, 0, sizeof(*ansi));
    ansi->SizeOfStruct = wide->SizeOfStruct;
    ansi->UseServerCoverPage = wide->UseServerCoverPage;
    ansi->TimeSent = wide->TimeSent;
    /* A structure the A form refuses, or one that asks for no cover page,
     * needs none of its strings. */
    if (wide->SizeOfStruct != sizeof(FAX_COVERPAGE_INFOW) || !wide->CoverPageName ||
        !wide->CoverPageName[0])
        return ERROR_SUCCESS;
    return convert_strings(strings, sizeof(strings) / sizeof(strings[0]));
}

DWORD winfax_cover_info_from_ansi(const FAX_COVERPAGE_INFOA *ansi, FAX_COVERPAGE_INFOA *utf8)
{
    const struct ansi_string strings[] = COVER_INFO_STRINGS(utf8, ansi);

    memset(utf8, 0, sizeof(*utf8));
    utf8->SizeOfStruct = ansi->SizeOfStruct;
    utf8->UseServerCoverPage = ansi->UseServerCoverPage;
    utf8->TimeSent = ansi->TimeSent;
    if (ansi->SizeOfStruct != sizeof(FAX_COVERPAGE_INFOA) || !ansi->CoverPageName ||
        !ansi->CoverPageName[0])
        return ERROR_SUCCESS;
    return convert_ansi_strings(strings, sizeof(strings) / sizeof(strings[0]));
}

void winfax_cover_info_free(FAX_COVERPAGE_INFOA *ansi)
{
    const FAX_COVERPAGE_INFOW none = { 0 };
    const struct wide_string strings[] = COVER_INFO_STRINGS(ansi, &none);

    free_converted(strings, sizeof(strings) / sizeof(strings[0]));
}

/* Copies text into a driver array; NULL is "".  Too long is refused
 * rather than cut: a shortened name or number would be a silent change. */
static bool copy_text(char *destination, size_t size, const char *text)
{
    size_t length = text ? strlen(text) : 0;

    if (length >= size)
        return false;
    if (length)
        memcpy(destination, text, length);
    destination[length] = '\0';
    return true;
}

/*
 * A recipient number is a dial string, kept as written, as Windows keeps
 * it in the job (FAX_JOB_ENTRY.RecipientNumber shows what was submitted):
 * digits, '*', '#', '+', the pauses and waits PBXs need (',', 'W', 'T',
 * 'P', '!') and the canonical form's separators ("+1 (425) 555-0100").
 * The driver checks the same (Documentation/uapi.rst); the line reads it.
 */
static bool copy_dialable_number(char *destination, size_t size, const char *number)
{
    bool dials = false;

    for (const char *c = number; *c; c++) {
        if ((*c >= '0' && *c <= '9') || *c == '*' || *c == '#')
            dials = true;
        else if (*c != '+' && !strchr(",WwPpTt! ()-./", *c))
            return false;
    }
    return dials && copy_text(destination, size, number);
}

/* The driver's job parameters; ERROR_SUCCESS or ERROR_INVALID_PARAMETER.
 * The driver checks the rest (text without control characters, a TSID of
 * printable ASCII) and says EINVAL, which is the same code. */
static DWORD kernel_param_from_job(const FAX_JOB_PARAMA *job, struct faxport_job_param *param)
{
    memset(param, 0, sizeof(*param));
    /* CallHandle is documented as reserved, to be NULL (Windows 2000 took a
     * TAPI call to hand the fax over on; there is no TAPI here).  A value
     * is refused rather than ignored: the fax would not go on that call. */
    if (job->CallHandle || !job->RecipientNumber ||
        !copy_dialable_number(param->recipient_number, sizeof(param->recipient_number),
                              job->RecipientNumber) ||
        !copy_text(param->recipient_name, sizeof(param->recipient_name),
                   job->RecipientName) ||
        !copy_text(param->tsid, sizeof(param->tsid), job->Tsid) ||
        !copy_text(param->sender_name, sizeof(param->sender_name), job->SenderName) ||
        !copy_text(param->sender_company, sizeof(param->sender_company),
                   job->SenderCompany) ||
        !copy_text(param->sender_dept, sizeof(param->sender_dept), job->SenderDept) ||
        !copy_text(param->billing_code, sizeof(param->billing_code), job->BillingCode) ||
        !copy_text(param->delivery_report_address, sizeof(param->delivery_report_address),
                   job->DeliveryReportAddress) ||
        !copy_text(param->document_name, sizeof(param->document_name),
                   job->DocumentName))
        return ERROR_INVALID_PARAMETER;

    switch (job->ScheduleAction) {
    case JSA_NOW:
    case JSA_DISCOUNT_PERIOD:
        break;
    case JSA_SPECIFIC_TIME: {
        uint64_t schedule_ns;

        /* UTC, as the API documents FAX_JOB_PARAM.ScheduleTime.  A time in
         * the past sends at once. */
        if (!winfax_ns_from_systemtime(&job->ScheduleTime, &schedule_ns))
            return ERROR_INVALID_PARAMETER;
        param->schedule_time_ns = schedule_ns;
        break;
    }
    default:
        return ERROR_INVALID_PARAMETER;
    }
    param->schedule_action = job->ScheduleAction;
    /* DRT_EMAIL: faxd mails the report when the job ends for good, so it
     * needs somewhere to mail it.  DRT_INBOX names a Windows mail profile's
     * inbox (MAPI): Linux has none, and a report that would never come is
     * refused rather than stored (winfax-mapping.rst). */
    if (job->DeliveryReportType == DRT_EMAIL &&
        (!job->DeliveryReportAddress || !job->DeliveryReportAddress[0]))
        return ERROR_INVALID_PARAMETER;
    if (job->DeliveryReportType != DRT_NONE && job->DeliveryReportType != DRT_EMAIL)
        return ERROR_INVALID_PARAMETER;
    param->delivery_report_type = job->DeliveryReportType;
    return ERROR_SUCCESS;
}

/* ---- the document ---------------------------------------------------------- */

int winfax_open_document(const char *path, unsigned *pages)
{
    struct stat status;
    int fd, fax_fd, error;

    /* O_NONBLOCK: a FIFO put where a document was expected must not hang
     * the open; it is then refused as not a regular file. */
    do
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        error = -errno;
        winfax_message_set("cannot open the document %s: %s", path, strerror(-error));
        if (error == -ENOENT || error == -ENOTDIR || error == -ENAMETOOLONG || error == -ELOOP)
            winfax_fail(ERROR_FILE_NOT_FOUND);
        else
            winfax_fail_errno(error);
        return -1;
    }
    if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        close(fd);
        winfax_message_set("the document %s is not a regular file", path);
        winfax_fail(ERROR_INVALID_DATA);
        return -1;
    }
    /* Back to an ordinary blocking file for the converters. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    error = winfax_document_prepare(fd, &fax_fd, pages);
    close(fd);
    if (error) {
        /* A document that cannot be converted, whatever the converter's
         * reason (a missing gs included), is the API's "cannot process". */
        winfax_fail(error == -EILSEQ || error == -ENOENT || error == -ECHILD
                            ? ERROR_INVALID_DATA
                            : winfax_win32_error_from_errno(error));
        return -1;
    }
    return fax_fd;
}

/* ---- cover pages ------------------------------------------------------------ */

DWORD winfax_cover_request(const FAX_COVERPAGE_INFOA *info, struct winfax_cover_request *cover)
{
    memset(cover, 0, sizeof(*cover));
    if (!info)
        return ERROR_SUCCESS;
    if (info->SizeOfStruct != sizeof(FAX_COVERPAGE_INFOA))
        return ERROR_INVALID_PARAMETER;
    if (!info->CoverPageName || !info->CoverPageName[0])
        return ERROR_SUCCESS;
    cover->wanted = true;
    cover->server_cover_page = info->UseServerCoverPage != FALSE;
    cover->time_sent = info->TimeSent;
    cover->name = info->CoverPageName;
    cover->recipient_name = info->RecName;
    cover->recipient_fax_number = info->RecFaxNumber;
    cover->recipient_company = info->RecCompany;
    cover->sender_name = info->SdrName;
    cover->sender_company = info->SdrCompany;
    cover->sender_fax_number = info->SdrFaxNumber;
    cover->sender_phone = info->SdrOfficePhone;
    cover->subject = info->Subject;
    cover->note = info->Note;
    cover->recipient_street_address = info->RecStreetAddress;
    cover->recipient_city = info->RecCity;
    cover->recipient_state = info->RecState;
    cover->recipient_zip = info->RecZip;
    cover->recipient_country = info->RecCountry;
    cover->recipient_title = info->RecTitle;
    cover->recipient_department = info->RecDepartment;
    cover->recipient_office_location = info->RecOfficeLocation;
    cover->recipient_home_phone = info->RecHomePhone;
    cover->recipient_office_phone = info->RecOfficePhone;
    cover->sender_address = info->SdrAddress;
    cover->sender_title = info->SdrTitle;
    cover->sender_department = info->SdrDepartment;
    cover->sender_office_location = info->SdrOfficeLocation;
    cover->sender_home_phone = info->SdrHomePhone;
    return ERROR_SUCCESS;
}

/*
 * FAX_CONFIGURATION.ServerCp: the administrator allows the server's common
 * cover pages only.  The cover page becomes part of the document here, in
 * the client, so this is where the policy can act; a handle without
 * FAX_CONFIG_QUERY cannot read it and is not held to it (users have that
 * right unless the administrator took it away: admin-guide.rst).
 */
static bool server_allows_common_cover_pages_only(int server_fd)
{
    struct faxport_config config;

    return faxport_ioctl(server_fd, FAXPORT_IOC_CONFIG_GET, &config) == 0 && config.server_cp;
}

DWORD winfax_check_personal_cover_page(int server_fd, const struct winfax_cover_request *cover)
{
    int fd, error;

    if (!cover->wanted || cover->server_cover_page)
        return ERROR_SUCCESS;
    if (server_allows_common_cover_pages_only(server_fd)) {
        winfax_message_set("the fax server allows its common cover pages only (ServerCp)");
        return ERROR_ACCESS_DENIED;
    }
    fd = open(cover->name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd >= 0) {
        close(fd);
        return ERROR_SUCCESS;
    }
    error = errno;
    winfax_message_set("cannot open the personal cover page %s: %s", cover->name,
                       strerror(error));
    return error == EACCES || error == EPERM ? ERROR_ACCESS_DENIED : ERROR_FILE_NOT_FOUND;
}

static const char *either(const char *preferred, const char *fallback)
{
    return preferred ? preferred : fallback;
}

/* The date a cover page shows: TimeSent as the caller gave it, or, when
 * it is unset, now in local time. */
static void cover_page_date(const SYSTEMTIME *sent, char *date, size_t size)
{
    time_t now = time(NULL);
    struct tm local;

    if (sent->wYear) {
        snprintf(date, size, "%04u-%02u-%02u %02u:%02u", sent->wYear, sent->wMonth,
                 sent->wDay, sent->wHour, sent->wMinute);
        return;
    }
    if (!localtime_r(&now, &local) || !strftime(date, size, "%Y-%m-%d %H:%M", &local))
        date[0] = '\0';
}

void winfax_cover_page_fill(const struct winfax_cover_request *cover, const FAX_JOB_PARAMA *job,
                            const char *date, struct winfax_cover_page *page)
{
    *page = (struct winfax_cover_page){
        .name = cover->name,
        .recipient_name = either(cover->recipient_name, job->RecipientName),
        .recipient_fax_number = either(cover->recipient_fax_number, job->RecipientNumber),
        .recipient_company = cover->recipient_company,
        .sender_name = either(cover->sender_name, job->SenderName),
        .sender_company = either(cover->sender_company, job->SenderCompany),
        .sender_fax_number = cover->sender_fax_number,
        .sender_phone = cover->sender_phone,
        .subject = cover->subject,
        .note = cover->note,
        .recipient_street_address = cover->recipient_street_address,
        .recipient_city = cover->recipient_city,
        .recipient_state = cover->recipient_state,
        .recipient_zip = cover->recipient_zip,
        .recipient_country = cover->recipient_country,
        .recipient_title = cover->recipient_title,
        .recipient_department = cover->recipient_department,
        .recipient_office_location = cover->recipient_office_location,
        .recipient_home_phone = cover->recipient_home_phone,
        .recipient_office_phone = cover->recipient_office_phone,
        .sender_address = cover->sender_address,
        .sender_title = cover->sender_title,
        .sender_department = cover->sender_department,
        .sender_office_location = cover->sender_office_location,
        .sender_home_phone = cover->sender_home_phone,
        .date = date,
    };
}

int winfax_add_cover_page(int document_fd, unsigned document_pages,
                          const struct winfax_cover_request *cover, const FAX_JOB_PARAMA *job)
{
    char date[64];
    struct winfax_cover_page page;
    int fd, error;

    cover_page_date(&cover->time_sent, date, sizeof(date));
    winfax_cover_page_fill(cover, job, date, &page);
    page.page_count = document_pages + 1;
    error = winfax_document_with_cover(document_fd, &page, &fd);
    if (error) {
        winfax_fail(error == -EILSEQ || error == -E2BIG ? ERROR_INVALID_DATA
                                                      : winfax_win32_error_from_errno(error));
        return -1;
    }
    return fd;
}

/* ---- submission ------------------------------------------------------------ */

BOOL winfax_submit_job(int server_fd, int document_fd, unsigned pages,
                       const FAX_JOB_PARAMA *job, DWORD *job_id)
{
    struct faxport_job_submit submit;
    DWORD code;
    int error;

    memset(&submit, 0, sizeof(submit));
    code = kernel_param_from_job(job, &submit.param);
    if (code != ERROR_SUCCESS)
        return winfax_fail(code);
    submit.document_fd = document_fd;
    submit.page_count = pages;
    error = faxport_ioctl(server_fd, FAXPORT_IOC_JOB_SUBMIT, &submit);
    if (error)
        return winfax_fail_errno(error);
    *job_id = submit.job_id;
    return TRUE;
}

char *winfax_path_from_wide(const WCHAR *path)
{
    char *converted = winfax_utf16_to_utf8_alloc(path);

    if (!converted)
        winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    return converted;
}

/* ---- FaxSendDocument -------------------------------------------------------- */

/*
 * FaxSendDocumentA, which FaxSendDocumentW calls with its structures
 * converted (cover_code: the cover page's conversion, reported where the
 * A form reports the cover page's errors).  The checks go in the order the
 * API implies: missing arguments (ERROR_INVALID_PARAMETER, a NULL handle
 * included, checked by the entry points), then the handle
 * (ERROR_INVALID_HANDLE), the structures, the cover page, the file, and
 * last the right to submit, which the driver checks.
 */
static BOOL send_document(HANDLE fax_handle, const char *path, const FAX_JOB_PARAMA *job,
                          const FAX_COVERPAGE_INFOA *cover_info, DWORD cover_code,
                          DWORD *job_id)
{
    struct winfax_handle_ref server;
    struct winfax_cover_request cover;
    BOOL queued = FALSE;
    unsigned pages = 0;
    int document_fd, cover_fd = -1;

    if (cover_code == ERROR_SUCCESS)
        cover_code = winfax_cover_request(cover_info, &cover);
    else
        memset(&cover, 0, sizeof(cover));
    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail(ERROR_INVALID_HANDLE);
    if (job->SizeOfStruct != sizeof(FAX_JOB_PARAMA) || !job->RecipientNumber ||
        job->CallHandle)
        cover_code = ERROR_INVALID_PARAMETER;
    else if (cover_code == ERROR_SUCCESS)
        cover_code = winfax_check_personal_cover_page(server.fd, &cover);
    if (cover_code != ERROR_SUCCESS) {
        winfax_handle_put(&server);
        return winfax_fail(cover_code);
    }
    document_fd = winfax_open_document(path, &pages);
    if (document_fd >= 0 && cover.wanted)
        cover_fd = winfax_add_cover_page(document_fd, pages, &cover, job);
    if (document_fd >= 0 && (!cover.wanted || cover_fd >= 0))
        queued = winfax_submit_job(server.fd, cover.wanted ? cover_fd : document_fd,
                                   cover.wanted ? pages + 1 : pages, job, job_id);
    /* The driver keeps its own reference to the open file. */
    if (cover_fd >= 0)
        close(cover_fd);
    if (document_fd >= 0)
        close(document_fd);
    winfax_handle_put(&server);
    return queued;
}

/* The file name is not converted: a path is bytes to the kernel, and a
 * program names its files in its locale's charset. */
BOOL WINFAX_CALL FaxSendDocumentA(HANDLE FaxHandle, LPCSTR FileName, PFAX_JOB_PARAMA JobParams,
                                  const FAX_COVERPAGE_INFOA *CoverpageInfo, LPDWORD FaxJobId)
{
    FAX_JOB_PARAMA job;
    FAX_COVERPAGE_INFOA cover_info;
    DWORD code, cover_code = ERROR_SUCCESS;
    BOOL queued;

    winfax_message_clear();
    if (!FaxHandle || !FileName || !JobParams || !FaxJobId)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (winfax_ansi_is_utf8())
        return send_document(FaxHandle, FileName, JobParams, CoverpageInfo, ERROR_SUCCESS,
                             FaxJobId);
    code = winfax_job_param_from_ansi(JobParams, &job);
    if (code != ERROR_SUCCESS)
        return winfax_fail(code);
    memset(&cover_info, 0, sizeof(cover_info));
    if (CoverpageInfo)
        cover_code = winfax_cover_info_from_ansi(CoverpageInfo, &cover_info);
    queued = send_document(FaxHandle, FileName, &job, CoverpageInfo ? &cover_info : NULL,
                           cover_code, FaxJobId);
    winfax_cover_info_free(&cover_info);
    winfax_job_param_free(&job);
    return queued;
}

BOOL WINFAX_CALL FaxSendDocumentW(HANDLE FaxHandle, LPCWSTR FileName, PFAX_JOB_PARAMW JobParams,
                                  const FAX_COVERPAGE_INFOW *CoverpageInfo, LPDWORD FaxJobId)
{
    FAX_JOB_PARAMA job;
    FAX_COVERPAGE_INFOA cover_info;
    DWORD code, cover_code = ERROR_SUCCESS;
    char *path;
    BOOL queued;

    winfax_message_clear();
    if (!FaxHandle || !FileName || !JobParams || !FaxJobId)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    code = winfax_job_param_from_wide(JobParams, &job);
    if (code != ERROR_SUCCESS)
        return winfax_fail(code);
    path = winfax_path_from_wide(FileName);
    if (!path) {
        winfax_job_param_free(&job);
        return FALSE;
    }
    memset(&cover_info, 0, sizeof(cover_info));
    if (CoverpageInfo)
        cover_code = winfax_cover_info_from_wide(CoverpageInfo, &cover_info);
    queued = send_document(FaxHandle, path, &job, CoverpageInfo ? &cover_info : NULL,
                           cover_code, FaxJobId);
    winfax_cover_info_free(&cover_info);
    free(path);
    winfax_job_param_free(&job);
    return queued;
}
