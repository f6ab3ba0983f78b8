/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one translation from errno values (of the faxport driver and of the C
 * library) to Win32 error codes.  Every fax function reports failures
 * through it, so one errno always means the same Win32 code, except where a
 * function documents an override because the fax API defines its own code
 * for that situation (FaxOpenPort: EBUSY is ERROR_INVALID_HANDLE, a missing
 * port node is ERROR_BAD_UNIT; FaxConnectFaxServer: a missing server node is
 * RPC_S_SERVER_UNAVAILABLE).
 *
 * errno_to_win32.c documents the reason for each row; README.md has the table.
 */
#ifndef LIBWINFAX_ERRNO_TO_WIN32_H
#define LIBWINFAX_ERRNO_TO_WIN32_H

#include "winfax.h"

/* The Win32 code for a negative errno (-EACCES ...), the form every
 * internal function of the library returns.  0 gives ERROR_SUCCESS; an
 * errno with no row of its own gives ERROR_GEN_FAILURE, never
 * ERROR_SUCCESS. */
DWORD winfax_win32_error_from_errno(int negative_errno);

/* SetLastError(winfax_win32_error_from_errno(negative_errno)); return FALSE. */
BOOL winfax_fail_errno(int negative_errno);

#endif
