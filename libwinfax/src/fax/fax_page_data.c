/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FaxGetPageData: the first page of a queued outgoing fax, as a one-page
 * TIFF compressed with T.6 (MMR), in one buffer that FaxFreeBuffer frees.
 *
 * The driver gives the job's document as a new fd of the very open file
 * the client submitted (FAXPORT_IOC_JOB_DOCUMENT); it is read with pread()
 * only, so the offset the engine shares is left alone, and closed here.
 * Unlike Windows (FAX_JOB_QUERY), only the job's owner and FAX_JOB_MANAGE
 * handles may read a fax's content: the driver says EACCES to others.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "faxport_client.h"

#include "document/tiff_reader.h"
#include "win32/errno_to_win32.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "fax_handle_errors.h"
#include "winfax.h"

/*
 * A job the caller sees that is not JT_SEND (a receive has no document to
 * give): the API documents ERROR_INVALID_DATA for it, where a job id that
 * names nothing is ERROR_INVALID_PARAMETER.  The driver says ENOENT to
 * both; the job's type tells them apart.
 */
static bool job_is_not_a_send(int server_fd, DWORD job_id)
{
    struct faxport_job_get *request = calloc(1, sizeof(*request));
    bool other_type;

    if (!request)
        return false;
    request->job_id = job_id;
    other_type = faxport_ioctl(server_fd, FAXPORT_IOC_JOB_GET, request) == 0 &&
                 request->info.job_type != FAXPORT_JOB_SEND;
    free(request);
    return other_type;
}

/* ENOENT: no such job; EILSEQ: not a send job, or a first page that does
 * not decode. */
static DWORD page_data_error_to_win32(int error)
{
    if (error == -ENOENT)
        return ERROR_INVALID_PARAMETER;
    if (error == -EILSEQ)
        return ERROR_INVALID_DATA;
    return winfax_win32_error_from_errno(error);
}

/*
 * Errors: ERROR_INVALID_PARAMETER (a NULL output or a NULL handle, or no job
 * with that id visible to the caller), ERROR_INVALID_HANDLE (a non-NULL
 * value that is not a server handle), ERROR_INVALID_DATA (a job that is not
 * a send job, or a document whose first page cannot be decoded),
 * ERROR_ACCESS_DENIED (not the owner and no FAX_JOB_MANAGE),
 * ERROR_NOT_ENOUGH_MEMORY.  The outputs are NULL/0 on failure.
 */
BOOL WINFAX_CALL FaxGetPageData(HANDLE FaxHandle, DWORD JobId, LPBYTE *Buffer,
                                LPDWORD BufferSize, LPDWORD ImageWidth, LPDWORD ImageHeight)
{
    struct winfax_handle_ref server;
    struct faxport_job_document document = { .job_id = JobId };
    unsigned char *tiff = NULL;
    size_t size = 0;
    uint32_t width = 0, height = 0;
    int error;

    if (!winfax_handle_get(FaxHandle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(FaxHandle);
    if (!Buffer || !BufferSize || !ImageWidth || !ImageHeight) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    *Buffer = NULL;
    *BufferSize = 0;
    *ImageWidth = 0;
    *ImageHeight = 0;

    error = faxport_ioctl(server.fd, FAXPORT_IOC_JOB_DOCUMENT, &document);
    if (error == -ENOENT && job_is_not_a_send(server.fd, JobId))
        error = -EILSEQ;
    winfax_handle_put(&server);
    if (error)
        return winfax_fail(page_data_error_to_win32(error));
    error = winfax_document_first_page_mmr(document.document_fd, &tiff, &size, &width, &height);
    close(document.document_fd);
    if (error)
        return winfax_fail(page_data_error_to_win32(error));
    /* The block's ceiling (tiff_reader.c) keeps size within a DWORD. */
    *Buffer = tiff;
    *BufferSize = (DWORD)size;
    *ImageWidth = width;
    *ImageHeight = height;
    return TRUE;
}
