/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The code for a handle the table does not know, in the functions whose
 * documentation lists ERROR_INVALID_PARAMETER for a NULL handle ("one or
 * all of ... FaxHandle parameters are NULL": FaxEnumJobs, FaxGetJob,
 * FaxSetJob, FaxGetPageData, FaxInitializeEventQueue, FaxEnumPorts,
 * FaxGetPort, FaxSetPort, FaxGetDeviceStatus, FaxGetConfiguration, the
 * logging and the routing functions, FaxRegisterRoutingExtensionW).  A closed, stale or forged value is not NULL: the
 * application holds something it believes is a handle, and
 * ERROR_INVALID_HANDLE says that it is not one.
 */
#ifndef LIBWINFAX_FAX_HANDLE_ERRORS_H
#define LIBWINFAX_FAX_HANDLE_ERRORS_H

#include "win32/last_error.h"
#include "winfax.h"

static inline DWORD winfax_unknown_handle_error(HANDLE handle)
{
    return handle ? ERROR_INVALID_HANDLE : ERROR_INVALID_PARAMETER;
}

/* SetLastError(winfax_unknown_handle_error(handle)); return FALSE. */
static inline BOOL winfax_fail_unknown_handle(HANDLE handle)
{
    return winfax_fail(winfax_unknown_handle_error(handle));
}

#endif
