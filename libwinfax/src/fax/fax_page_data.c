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
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "faxport_client.h"

#include "document/tiff_reader.h"
#include "win32/errno_to_win32.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "winfax.h"

/*
 * Errors: ERROR_INVALID_HANDLE (not a server handle), ERROR_INVALID_PARAMETER
 * (a NULL output, or no send job with that id visible to the caller:
 * receive jobs have no document), ERROR_ACCESS_DENIED (not the owner and no
 * FAX_JOB_MANAGE), ERROR_INVALID_DATA (the document's first page cannot be
 * decoded), ERROR_NOT_ENOUGH_MEMORY.  The outputs are NULL/0 on failure.
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
        return winfax_fail(ERROR_INVALID_HANDLE);
    if (!Buffer || !BufferSize || !ImageWidth || !ImageHeight) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    *Buffer = NULL;
    *BufferSize = 0;
    *ImageWidth = 0;
    *ImageHeight = 0;

    error = faxport_ioctl(server.fd, FAXPORT_IOC_JOB_DOCUMENT, &document);
    winfax_handle_put(&server);
    if (error)
        return winfax_fail(error == -ENOENT ? ERROR_INVALID_PARAMETER
                                           : winfax_win32_error_from_errno(error));
    error = winfax_document_first_page_mmr(document.document_fd, &tiff, &size, &width, &height);
    close(document.document_fd);
    if (error)
        return winfax_fail(error == -EILSEQ ? ERROR_INVALID_DATA
                                           : winfax_win32_error_from_errno(error));
    /* The block's ceiling (tiff_reader.c) keeps size within a DWORD. */
    *Buffer = tiff;
    *BufferSize = (DWORD)size;
    *ImageWidth = width;
    *ImageHeight = height;
    return TRUE;
}
