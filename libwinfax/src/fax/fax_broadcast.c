/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FaxSendDocumentForBroadcastA/W: one kernel job per recipient, all of the
 * same open document (the driver and the engine read it with pread(), so
 * sharing it is safe), except for a recipient given a cover page: that
 * one gets a document of its own, its cover page in front of the pages.
 * The document is opened and converted once, before the first callback.
 *
 * The callback is called with RecipientNumber 1, 2, ... and zeroed
 * structures whose SizeOfStruct is set, until it returns FALSE.
 * *FaxJobId is the first job's id.  No recipient at all (the first call
 * returns FALSE) is ERROR_INVALID_PARAMETER: there is no job to name.
 * When a recipient fails (its parameters, a cover page, the queue), the
 * call stops and fails with that error; the jobs queued before it stay
 * queued, and *FaxJobId names the first of them (0 if none).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fax_send.h"

#include "document/document_message.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "win32/win32_strings.h"
#include "winfax.h"

/* The W callback's structures are converted to the A form; nothing else
 * depends on the form. */
struct broadcast {
    HANDLE fax_handle;
    PFAX_RECIPIENT_CALLBACKA callback_a;   /* or NULL */
    PFAX_RECIPIENT_CALLBACKW callback_w;   /* or NULL */
    void *context;
};

/* One recipient in the A form: the callback's strings (A), or converted
 * copies (W) that recipient_free frees. */
struct recipient {
    FAX_JOB_PARAMA job;
    FAX_COVERPAGE_INFOA cover_info;
    bool converted;
};

static void recipient_free(struct recipient *recipient)
{
    if (recipient->converted) {
        winfax_job_param_free(&recipient->job);
        winfax_cover_info_free(&recipient->cover_info);
    }
}

/* Asks the W callback for recipient `index` and converts its answer.
 * False when it has no more; else *job_code is the job's conversion
 * and *cover_code the cover page's. */
static bool next_recipient_w(const struct broadcast *broadcast, DWORD index,
                             struct recipient *recipient, DWORD *job_code, DWORD *cover_code)
{
    FAX_JOB_PARAMW job;
    FAX_COVERPAGE_INFOW cover_info;

    memset(&job, 0, sizeof(job));
    memset(&cover_info, 0, sizeof(cover_info));
    job.SizeOfStruct = sizeof(job);
    cover_info.SizeOfStruct = sizeof(cover_info);
    if (!broadcast->callback_w(broadcast->fax_handle, index, broadcast->context, &job,
                               &cover_info))
        return false;
    recipient->converted = true;
    *job_code = winfax_job_param_from_wide(&job, &recipient->job);
    if (*job_code == ERROR_SUCCESS)
        *cover_code = winfax_cover_info_from_wide(&cover_info, &recipient->cover_info);
    return true;
}

/* The same for the A callback: its strings are in the locale's charset. */
static bool next_recipient_a(const struct broadcast *broadcast, DWORD index,
                             struct recipient *recipient, DWORD *job_code, DWORD *cover_code)
{
    FAX_JOB_PARAMA job;
    FAX_COVERPAGE_INFOA cover_info;

    memset(&job, 0, sizeof(job));
    memset(&cover_info, 0, sizeof(cover_info));
    job.SizeOfStruct = sizeof(job);
    cover_info.SizeOfStruct = sizeof(cover_info);
    if (!broadcast->callback_a(broadcast->fax_handle, index, broadcast->context, &job,
                               &cover_info))
        return false;
    /* In a UTF-8 (or the C) locale the strings stay the callback's; they
     * are read right away. */
    if (winfax_ansi_is_utf8()) {
        recipient->job = job;
        recipient->cover_info = cover_info;
        return true;
    }
    recipient->converted = true;
    *job_code = winfax_job_param_from_ansi(&job, &recipient->job);
    if (*job_code == ERROR_SUCCESS)
        *cover_code = winfax_cover_info_from_ansi(&cover_info, &recipient->cover_info);
    return true;
}

/* Asks the callback for recipient `index`; false when it has no more.
 * On true, *recipient holds it (recipient_free) and *cover its cover page,
 * or *code an error for this recipient. */
static bool next_recipient(const struct broadcast *broadcast, DWORD index,
                           struct recipient *recipient, struct winfax_cover_request *cover,
                           DWORD *code)
{
    DWORD job_code = ERROR_SUCCESS, cover_code = ERROR_SUCCESS;

    memset(recipient, 0, sizeof(*recipient));
    memset(cover, 0, sizeof(*cover));
    if (broadcast->callback_w) {
        if (!next_recipient_w(broadcast, index, recipient, &job_code, &cover_code))
            return false;
    } else {
        recipient->job.SizeOfStruct = sizeof(recipient->job);
        recipient->cover_info.SizeOfStruct = sizeof(recipient->cover_info);
        if (!next_recipient_a(broadcast, index, recipient, &job_code, &cover_code))
            return false;
    }
    if (job_code != ERROR_SUCCESS)
        *code = job_code;
    else if (recipient->job.SizeOfStruct != sizeof(FAX_JOB_PARAMA) ||
             !recipient->job.RecipientNumber)
        *code = ERROR_INVALID_PARAMETER;
    else if (cover_code != ERROR_SUCCESS)
        *code = cover_code;
    else
        *code = winfax_cover_request(&recipient->cover_info, cover);
    return true;
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
    document_fd = winfax_open_document(path, &pages);
    if (document_fd < 0) {
        winfax_handle_put(&server);
        return FALSE;
    }
    for (index = 1; index != 0; index++) {
        struct recipient recipient;
        struct winfax_cover_request cover;
        DWORD code;
        DWORD this_job = 0;
        int cover_fd = -1;

        if (!next_recipient(broadcast, index, &recipient, &cover, &code)) {
            recipient_free(&recipient);
            break;
        }
        if (code == ERROR_SUCCESS)
            code = winfax_check_personal_cover_page(server.fd, &cover);
        if (code != ERROR_SUCCESS) {
            ok = winfax_fail(code);
        } else if (cover.wanted) {
            /* This recipient's own cover page in front of the document. */
            cover_fd = winfax_add_cover_page(document_fd, pages, &cover, &recipient.job);
            ok = cover_fd >= 0 &&
                 winfax_submit_job(server.fd, cover_fd, pages + 1, &recipient.job, &this_job);
        } else {
            ok = winfax_submit_job(server.fd, document_fd, pages, &recipient.job, &this_job);
        }
        if (cover_fd >= 0)
            close(cover_fd);
        recipient_free(&recipient);
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
    struct broadcast broadcast = { FaxHandle, FaxRecipientCallback, NULL, Context };

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
    struct broadcast broadcast = { FaxHandle, NULL, FaxRecipientCallback, Context };
    char *path;
    BOOL ok;

    winfax_message_clear();
    if (!FaxHandle || !FileName || !FaxJobId || !FaxRecipientCallback)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    path = winfax_path_from_wide(FileName);
    if (!path)
        return FALSE;
    ok = send_broadcast(&broadcast, path, FaxJobId);
    free(path);
    return ok;
}
