/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Queuing faxes: FaxSendDocumentA/W and FaxSendDocumentForBroadcastA/W.
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

#include "document/cover_page.h"
#include "document/document_convert.h"
#include "document/document_message.h"
#include "win32/errno_to_win32.h"
#include "win32/filetime.h"
#include "device/faxport_device.h"
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

/* FAX_JOB_PARAM's strings as UTF-8, whichever form the caller used. */
struct job_request {
    const char *recipient_number;
    const char *recipient_name;
    const char *tsid;
    const char *sender_name;
    const char *sender_company;
    const char *sender_dept;
    const char *billing_code;
    const char *delivery_report_address;
    const char *document_name;
    DWORD schedule_action;
    SYSTEMTIME schedule_time;
    DWORD delivery_report_type;
};

/* The W strings converted, owned here (free_wide_request). */
#define WIDE_REQUEST_STRINGS 9

static void request_from_param_a(const FAX_JOB_PARAMA *param, struct job_request *request)
{
    request->recipient_number = param->RecipientNumber;
    request->recipient_name = param->RecipientName;
    request->tsid = param->Tsid;
    request->sender_name = param->SenderName;
    request->sender_company = param->SenderCompany;
    request->sender_dept = param->SenderDept;
    request->billing_code = param->BillingCode;
    request->delivery_report_address = param->DeliveryReportAddress;
    request->document_name = param->DocumentName;
    request->schedule_action = param->ScheduleAction;
    request->schedule_time = param->ScheduleTime;
    request->delivery_report_type = param->DeliveryReportType;
}

static void free_wide_request(struct job_request *request)
{
    const char **fields[WIDE_REQUEST_STRINGS] = {
        &request->recipient_number, &request->recipient_name, &request->tsid,
        &request->sender_name, &request->sender_company, &request->sender_dept,
        &request->billing_code, &request->delivery_report_address, &request->document_name,
    };

    for (size_t i = 0; i < WIDE_REQUEST_STRINGS; i++) {
        free((char *)*fields[i]);
        *fields[i] = NULL;
    }
}

/* ERROR_SUCCESS, or the Win32 code: a string that is not valid UTF-16 is
 * a bad argument. */
static DWORD request_from_param_w(const FAX_JOB_PARAMW *param, struct job_request *request)
{
    const WCHAR *sources[WIDE_REQUEST_STRINGS] = {
        param->RecipientNumber, param->RecipientName, param->Tsid,
        param->SenderName, param->SenderCompany, param->SenderDept,
        param->BillingCode, param->DeliveryReportAddress, param->DocumentName,
    };
    const char **fields[WIDE_REQUEST_STRINGS] = {
        &request->recipient_number, &request->recipient_name, &request->tsid,
        &request->sender_name, &request->sender_company, &request->sender_dept,
        &request->billing_code, &request->delivery_report_address, &request->document_name,
    };

    memset(request, 0, sizeof(*request));
    for (size_t i = 0; i < WIDE_REQUEST_STRINGS; i++) {
        if (!sources[i])
            continue;
        *fields[i] = winfax_utf16_to_utf8_alloc(sources[i]);
        if (!*fields[i]) {
            DWORD code = errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;

            free_wide_request(request);
            return code;
        }
    }
    request->schedule_action = param->ScheduleAction;
    request->schedule_time = param->ScheduleTime;
    request->delivery_report_type = param->DeliveryReportType;
    return ERROR_SUCCESS;
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
 * A fax number as the exchange dials it.  Windows programs pass numbers
 * the way people write them ("+1 (425) 555-0100"); the separators a person
 * writes (space, '-', '.', '/', parentheses) are dropped, the dialable
 * characters (digits, '*', '#', '+') kept.  Anything else (letters, TAPI
 * dial modifiers) cannot be dialled here: false.  So is an empty number.
 */
static bool copy_dialable_number(char *destination, size_t size, const char *number)
{
    size_t length = 0;

    for (const char *c = number; *c; c++) {
        if (strchr(" -./()", *c))
            continue;
        if (!((*c >= '0' && *c <= '9') || *c == '*' || *c == '#' || *c == '+'))
            return false;
        if (length + 1 >= size)
            return false;
        destination[length++] = *c;
    }
    destination[length] = '\0';
    return length > 0;
}

/* The driver's job parameters; ERROR_SUCCESS or ERROR_INVALID_PARAMETER.
 * The driver checks the rest (text without control characters, a TSID of
 * printable ASCII) and says EINVAL, which is the same code. */
static DWORD kernel_param_from_request(const struct job_request *request,
                                       struct faxport_job_param *param)
{
    memset(param, 0, sizeof(*param));
    if (!request->recipient_number ||
        !copy_dialable_number(param->recipient_number, sizeof(param->recipient_number),
                              request->recipient_number) ||
        !copy_text(param->recipient_name, sizeof(param->recipient_name),
                   request->recipient_name) ||
        !copy_text(param->tsid, sizeof(param->tsid), request->tsid) ||
        !copy_text(param->sender_name, sizeof(param->sender_name), request->sender_name) ||
        !copy_text(param->sender_company, sizeof(param->sender_company),
                   request->sender_company) ||
        !copy_text(param->sender_dept, sizeof(param->sender_dept), request->sender_dept) ||
        !copy_text(param->billing_code, sizeof(param->billing_code), request->billing_code) ||
        !copy_text(param->delivery_report_address, sizeof(param->delivery_report_address),
                   request->delivery_report_address) ||
        !copy_text(param->document_name, sizeof(param->document_name),
                   request->document_name))
        return ERROR_INVALID_PARAMETER;

    switch (request->schedule_action) {
    case JSA_NOW:
    case JSA_DISCOUNT_PERIOD:
        break;
    case JSA_SPECIFIC_TIME: {
        uint64_t schedule_ns;

        /* UTC, as the API documents FAX_JOB_PARAM.ScheduleTime.  A time in
         * the past sends at once. */
        if (!winfax_ns_from_systemtime(&request->schedule_time, &schedule_ns))
            return ERROR_INVALID_PARAMETER;
        param->schedule_time_ns = schedule_ns;
        break;
    }
    default:
        return ERROR_INVALID_PARAMETER;
    }
    param->schedule_action = request->schedule_action;
    if (request->delivery_report_type > DRT_INBOX)
        return ERROR_INVALID_PARAMETER;
    param->delivery_report_type = request->delivery_report_type;
    return ERROR_SUCCESS;
}

/* ---- the document ---------------------------------------------------------- */

/*
 * Opens the document as the caller and makes it a fax TIFF.  The fd of
 * that TIFF (*pages pages), or -1 with the last error set:
 * ERROR_FILE_NOT_FOUND (no such file or folder), ERROR_ACCESS_DENIED (its
 * permissions), ERROR_INVALID_DATA (not a regular file, or a document that
 * cannot be faxed: the message says why), ERROR_NOT_ENOUGH_MEMORY.
 */
static int open_document(const char *path, unsigned *pages)
{
    struct stat status;
    int fd, fax_fd, error;

    /* O_NONBLOCK: a FIFO put where a document was expected must not hang
     * the open; it is then refused as not a regular file. */
    do
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        error = errno;
        winfax_message_set("cannot open the document %s: %s", path, strerror(error));
        if (error == ENOENT || error == ENOTDIR || error == ENAMETOOLONG || error == ELOOP)
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
        winfax_fail(error == EILSEQ || error == ENOENT || error == ECHILD
                            ? ERROR_INVALID_DATA
                            : winfax_win32_error_from_errno(error));
        return -1;
    }
    return fax_fd;
}

/* ---- cover pages ------------------------------------------------------------ */

/* FAX_COVERPAGE_INFO's strings the cover page uses. */
enum cover_string {
    COVER_NAME, COVER_REC_NAME, COVER_REC_FAX_NUMBER, COVER_REC_COMPANY, COVER_SDR_NAME,
    COVER_SDR_COMPANY, COVER_SDR_FAX_NUMBER, COVER_SDR_OFFICE_PHONE, COVER_SUBJECT,
    COVER_NOTE, COVER_STRINGS
};

/* A cover page asked for, its strings as UTF-8 whichever form the caller
 * used (the W ones converted and owned here). */
struct cover_request {
    bool wanted;
    bool server_cover_page;
    const char *strings[COVER_STRINGS];
    char *owned[COVER_STRINGS];
    SYSTEMTIME time_sent;
};

static void cover_request_free(struct cover_request *cover)
{
    for (int i = 0; i < COVER_STRINGS; i++)
        free(cover->owned[i]);
    memset(cover, 0, sizeof(*cover));
}

/*
 * Reads a FAX_COVERPAGE_INFO (NULL, or one without a CoverPageName, asks
 * for none).  ERROR_SUCCESS, or ERROR_INVALID_PARAMETER (SizeOfStruct, a
 * W string that is not UTF-16), ERROR_NOT_ENOUGH_MEMORY.
 */
static DWORD cover_request_a(const FAX_COVERPAGE_INFOA *info, struct cover_request *cover)
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
    cover->strings[COVER_NAME] = info->CoverPageName;
    cover->strings[COVER_REC_NAME] = info->RecName;
    cover->strings[COVER_REC_FAX_NUMBER] = info->RecFaxNumber;
    cover->strings[COVER_REC_COMPANY] = info->RecCompany;
    cover->strings[COVER_SDR_NAME] = info->SdrName;
    cover->strings[COVER_SDR_COMPANY] = info->SdrCompany;
    cover->strings[COVER_SDR_FAX_NUMBER] = info->SdrFaxNumber;
    cover->strings[COVER_SDR_OFFICE_PHONE] = info->SdrOfficePhone;
    cover->strings[COVER_SUBJECT] = info->Subject;
    cover->strings[COVER_NOTE] = info->Note;
    return ERROR_SUCCESS;
}

static DWORD cover_request_w(const FAX_COVERPAGE_INFOW *info, struct cover_request *cover)
{
    const WCHAR *sources[COVER_STRINGS];

    memset(cover, 0, sizeof(*cover));
    if (!info)
        return ERROR_SUCCESS;
    if (info->SizeOfStruct != sizeof(FAX_COVERPAGE_INFOW))
        return ERROR_INVALID_PARAMETER;
    if (!info->CoverPageName || !info->CoverPageName[0])
        return ERROR_SUCCESS;
    sources[COVER_NAME] = info->CoverPageName;
    sources[COVER_REC_NAME] = info->RecName;
    sources[COVER_REC_FAX_NUMBER] = info->RecFaxNumber;
    sources[COVER_REC_COMPANY] = info->RecCompany;
    sources[COVER_SDR_NAME] = info->SdrName;
    sources[COVER_SDR_COMPANY] = info->SdrCompany;
    sources[COVER_SDR_FAX_NUMBER] = info->SdrFaxNumber;
    sources[COVER_SDR_OFFICE_PHONE] = info->SdrOfficePhone;
    sources[COVER_SUBJECT] = info->Subject;
    sources[COVER_NOTE] = info->Note;
    cover->wanted = true;
    cover->server_cover_page = info->UseServerCoverPage != FALSE;
    cover->time_sent = info->TimeSent;
    for (int i = 0; i < COVER_STRINGS; i++) {
        if (!sources[i])
            continue;
        cover->owned[i] = winfax_utf16_to_utf8_alloc(sources[i]);
        if (!cover->owned[i]) {
            DWORD code = errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;

            cover_request_free(cover);
            return code;
        }
        cover->strings[i] = cover->owned[i];
    }
    return ERROR_SUCCESS;
}

/* A personal cover page is a file of the caller's: it must be there.
 * ERROR_SUCCESS, ERROR_FILE_NOT_FOUND or ERROR_ACCESS_DENIED. */
static DWORD check_personal_cover_page(const struct cover_request *cover)
{
    const char *name = cover->strings[COVER_NAME];
    int fd, error;

    if (!cover->wanted || cover->server_cover_page)
        return ERROR_SUCCESS;
    fd = open(name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd >= 0) {
        close(fd);
        return ERROR_SUCCESS;
    }
    error = errno;
    winfax_message_set("cannot open the personal cover page %s: %s", name, strerror(error));
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

/* A new fax TIFF: the cover page, then the document's pages.  The fd, or
 * -1 with the last error set. */
static int add_cover_page(int document_fd, unsigned document_pages,
                          const struct cover_request *cover, const struct job_request *request)
{
    char date[64];
    struct winfax_cover_page page = {
        .name = cover->strings[COVER_NAME],
        .recipient_name = either(cover->strings[COVER_REC_NAME], request->recipient_name),
        .recipient_fax_number = either(cover->strings[COVER_REC_FAX_NUMBER],
                                       request->recipient_number),
        .recipient_company = cover->strings[COVER_REC_COMPANY],
        .sender_name = either(cover->strings[COVER_SDR_NAME], request->sender_name),
        .sender_company = either(cover->strings[COVER_SDR_COMPANY], request->sender_company),
        .sender_fax_number = cover->strings[COVER_SDR_FAX_NUMBER],
        .sender_phone = cover->strings[COVER_SDR_OFFICE_PHONE],
        .subject = cover->strings[COVER_SUBJECT],
        .note = cover->strings[COVER_NOTE],
        .date = date,
        .page_count = document_pages + 1,
    };
    int fd, error;

    cover_page_date(&cover->time_sent, date, sizeof(date));
    error = winfax_document_with_cover(document_fd, &page, &fd);
    if (error) {
        winfax_fail(error == EILSEQ || error == E2BIG ? ERROR_INVALID_DATA
                                                      : winfax_win32_error_from_errno(error));
        return -1;
    }
    return fd;
}

/* ---- submission ------------------------------------------------------------ */

/* Queues one job for the open document.  TRUE, or FALSE with the last
 * error set.  Without FAX_JOB_SUBMIT the driver says EACCES:
 * ERROR_ACCESS_DENIED; a full queue (ENOSPC) is ERROR_DISK_FULL. */
static BOOL submit_job(int server_fd, int document_fd, const struct job_request *request,
                       DWORD *job_id)
{
    struct faxport_job_submit submit;
    DWORD code;
    int error;

    memset(&submit, 0, sizeof(submit));
    code = kernel_param_from_request(request, &submit.param);
    if (code != ERROR_SUCCESS)
        return winfax_fail(code);
    submit.document_fd = document_fd;
    error = winfax_device_ioctl(server_fd, FAXPORT_IOC_JOB_SUBMIT, &submit);
    if (error)
        return winfax_fail_errno(error);
    *job_id = submit.job_id;
    return TRUE;
}

/* A path given as UTF-16, converted; NULL with the last error set. */
static char *path_from_wide(const WCHAR *path)
{
    char *converted = winfax_utf16_to_utf8_alloc(path);

    if (!converted)
        winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    return converted;
}

/*
 * The part of FaxSendDocument after the forms are unified.  The checks go
 * in the order the API implies: missing arguments (ERROR_INVALID_PARAMETER,
 * a NULL handle included), then the handle (ERROR_INVALID_HANDLE), the
 * structures, the cover page, the file, and last the right to submit,
 * which the driver checks.
 */
static BOOL send_document(HANDLE fax_handle, const char *path, DWORD param_size,
                          const struct job_request *request, struct cover_request *cover,
                          DWORD cover_code, DWORD *job_id)
{
    struct winfax_handle_ref server;
    BOOL queued = FALSE;
    unsigned pages = 0;
    int document_fd, cover_fd = -1;

    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server)) {
        cover_request_free(cover);
        return winfax_fail(ERROR_INVALID_HANDLE);
    }
    if (param_size != sizeof(FAX_JOB_PARAMA) || !request->recipient_number)
        cover_code = ERROR_INVALID_PARAMETER;
    else if (cover_code == ERROR_SUCCESS)
        cover_code = check_personal_cover_page(cover);
    if (cover_code != ERROR_SUCCESS) {
        cover_request_free(cover);
        winfax_handle_put(&server);
        return winfax_fail(cover_code);
    }
    document_fd = open_document(path, &pages);
    if (document_fd >= 0 && cover->wanted)
        cover_fd = add_cover_page(document_fd, pages, cover, request);
    if (document_fd >= 0 && (!cover->wanted || cover_fd >= 0))
        queued = submit_job(server.fd, cover->wanted ? cover_fd : document_fd, request,
                            job_id);
    /* The driver keeps its own reference to the open file. */
    if (cover_fd >= 0)
        close(cover_fd);
    if (document_fd >= 0)
        close(document_fd);
    cover_request_free(cover);
    winfax_handle_put(&server);
    return queued;
}

BOOL WINFAX_CALL FaxSendDocumentA(HANDLE FaxHandle, LPCSTR FileName, PFAX_JOB_PARAMA JobParams,
                                  const FAX_COVERPAGE_INFOA *CoverpageInfo, LPDWORD FaxJobId)
{
    struct job_request request;
    struct cover_request cover;
    DWORD cover_code;

    winfax_message_clear();
    if (!FaxHandle || !FileName || !JobParams || !FaxJobId)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    request_from_param_a(JobParams, &request);
    cover_code = cover_request_a(CoverpageInfo, &cover);
    return send_document(FaxHandle, FileName, JobParams->SizeOfStruct, &request, &cover,
                         cover_code, FaxJobId);
}

BOOL WINFAX_CALL FaxSendDocumentW(HANDLE FaxHandle, LPCWSTR FileName, PFAX_JOB_PARAMW JobParams,
                                  const FAX_COVERPAGE_INFOW *CoverpageInfo, LPDWORD FaxJobId)
{
    struct job_request request;
    struct cover_request cover;
    DWORD code, cover_code;
    char *path;
    BOOL queued;

    winfax_message_clear();
    if (!FaxHandle || !FileName || !JobParams || !FaxJobId)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    code = request_from_param_w(JobParams, &request);
    if (code != ERROR_SUCCESS)
        return winfax_fail(code);
    path = path_from_wide(FileName);
    if (!path) {
        free_wide_request(&request);
        return FALSE;
    }
    cover_code = cover_request_w(CoverpageInfo, &cover);
    queued = send_document(FaxHandle, path, JobParams->SizeOfStruct, &request, &cover,
                           cover_code, FaxJobId);
    free(path);
    free_wide_request(&request);
    return queued;
}

/* ---- broadcast ------------------------------------------------------------- */

/*
 * One kernel job per recipient, all of the same open document (the driver
 * and the engine read it with pread(), so sharing it is safe), except for
 * a recipient given a cover page: that one gets a document of its own,
 * its cover page in front of the pages.  The document is opened and
 * converted once, before the first callback.
 * The callback is called with RecipientNumber 1, 2, ... and zeroed
 * structures whose SizeOfStruct is set, until it returns FALSE.
 * *FaxJobId is the first job's id.  No recipient at all (the first call
 * returns FALSE) is ERROR_INVALID_PARAMETER: there is no job to name.
 * When a recipient fails (its parameters, a cover page, the queue), the
 * call stops and fails with that error; the jobs queued before it stay
 * queued, and *FaxJobId names the first of them (0 if none).
 */
enum string_form { FORM_ANSI, FORM_WIDE };

struct broadcast {
    enum string_form form;
    HANDLE fax_handle;
    PFAX_RECIPIENT_CALLBACKA callback_a;   /* FORM_ANSI */
    PFAX_RECIPIENT_CALLBACKW callback_w;   /* FORM_WIDE */
    void *context;
};

/* Asks the callback for recipient `index`; false when it has no more.
 * On true, *request holds the recipient (free_wide_request for W) and
 * *cover its cover page (cover_request_free), or *code an error for this
 * recipient. */
static bool next_recipient(const struct broadcast *broadcast, DWORD index,
                           struct job_request *request, struct cover_request *cover,
                           DWORD *code)
{
    *code = ERROR_SUCCESS;
    memset(cover, 0, sizeof(*cover));
    if (broadcast->form == FORM_ANSI) {
        PFAX_RECIPIENT_CALLBACKA callback = broadcast->callback_a;
        FAX_JOB_PARAMA param;
        FAX_COVERPAGE_INFOA cover_page;

        memset(&param, 0, sizeof(param));
        memset(&cover_page, 0, sizeof(cover_page));
        param.SizeOfStruct = sizeof(param);
        cover_page.SizeOfStruct = sizeof(cover_page);
        if (!callback(broadcast->fax_handle, index, broadcast->context, &param, &cover_page))
            return false;
        request_from_param_a(&param, request);
        if (param.SizeOfStruct != sizeof(param) || !param.RecipientNumber)
            *code = ERROR_INVALID_PARAMETER;
        else
            *code = cover_request_a(&cover_page, cover);
        /* The strings stay the callback's; they are read right away. */
        return true;
    } else {
        PFAX_RECIPIENT_CALLBACKW callback = broadcast->callback_w;
        FAX_JOB_PARAMW param;
        FAX_COVERPAGE_INFOW cover_page;

        memset(&param, 0, sizeof(param));
        memset(&cover_page, 0, sizeof(cover_page));
        param.SizeOfStruct = sizeof(param);
        cover_page.SizeOfStruct = sizeof(cover_page);
        if (!callback(broadcast->fax_handle, index, broadcast->context, &param, &cover_page))
            return false;
        *code = request_from_param_w(&param, request);
        if (*code != ERROR_SUCCESS) {
            memset(request, 0, sizeof(*request));
            return true;
        }
        if (param.SizeOfStruct != sizeof(param) || !param.RecipientNumber)
            *code = ERROR_INVALID_PARAMETER;
        else
            *code = cover_request_w(&cover_page, cover);
        return true;
    }
}

static BOOL send_broadcast(const struct broadcast *broadcast, const char *path, DWORD *job_id)
{
    struct winfax_handle_ref server;
    DWORD first_job = 0;
    DWORD index;
    BOOL ok = TRUE;
    unsigned pages = 0;
    int document_fd;

    *job_id = 0;
    if (!winfax_handle_get(broadcast->fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail(ERROR_INVALID_HANDLE);
    document_fd = open_document(path, &pages);
    if (document_fd < 0) {
        winfax_handle_put(&server);
        return FALSE;
    }
    for (index = 1; index != 0; index++) {
        struct job_request request;
        struct cover_request cover;
        DWORD code;
        DWORD this_job = 0;
        int cover_fd = -1;

        memset(&request, 0, sizeof(request));
        if (!next_recipient(broadcast, index, &request, &cover, &code))
            break;
        if (code == ERROR_SUCCESS)
            code = check_personal_cover_page(&cover);
        if (code != ERROR_SUCCESS) {
            ok = winfax_fail(code);
        } else if (cover.wanted) {
            /* This recipient's own cover page in front of the document. */
            cover_fd = add_cover_page(document_fd, pages, &cover, &request);
            ok = cover_fd >= 0 && submit_job(server.fd, cover_fd, &request, &this_job);
        } else {
            ok = submit_job(server.fd, document_fd, &request, &this_job);
        }
        if (cover_fd >= 0)
            close(cover_fd);
        cover_request_free(&cover);
        if (broadcast->form == FORM_WIDE)
            free_wide_request(&request);
        if (!ok)
            break;
        if (first_job == 0)
            first_job = this_job;
    }
    close(document_fd);
    winfax_handle_put(&server);
    *job_id = first_job;
    if (ok && first_job == 0)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (ok)
        SetLastError(ERROR_SUCCESS);
    return ok;
}

BOOL WINFAX_CALL FaxSendDocumentForBroadcastA(HANDLE FaxHandle, LPCSTR FileName,
                                              LPDWORD FaxJobId,
                                              PFAX_RECIPIENT_CALLBACKA FaxRecipientCallback,
                                              LPVOID Context)
{
    struct broadcast broadcast = { FORM_ANSI, FaxHandle, FaxRecipientCallback, NULL,
                                   Context };

    winfax_message_clear();
    if (!FaxHandle || !FileName || !FaxJobId || !FaxRecipientCallback)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    return send_broadcast(&broadcast, FileName, FaxJobId);
}

BOOL WINFAX_CALL FaxSendDocumentForBroadcastW(HANDLE FaxHandle, LPCWSTR FileName,
                                              LPDWORD FaxJobId,
                                              PFAX_RECIPIENT_CALLBACKW FaxRecipientCallback,
                                              LPVOID Context)
{
    struct broadcast broadcast = { FORM_WIDE, FaxHandle, NULL, FaxRecipientCallback,
                                   Context };
    char *path;
    BOOL ok;

    winfax_message_clear();
    if (!FaxHandle || !FileName || !FaxJobId || !FaxRecipientCallback)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    path = path_from_wide(FileName);
    if (!path)
        return FALSE;
    ok = send_broadcast(&broadcast, path, FaxJobId);
    free(path);
    return ok;
}
