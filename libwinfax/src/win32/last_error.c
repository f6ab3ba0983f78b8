/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * GetLastError/SetLastError: one error code per thread, as on Windows, so a
 * failing call in one thread never clobbers what another thread is about to
 * read.
 */
#include "winfax.h"

static _Thread_local DWORD thread_last_error = ERROR_SUCCESS;

DWORD WINFAX_CALL GetLastError(void)
{
    return thread_last_error;
}

VOID WINFAX_CALL SetLastError(DWORD ErrorCode)
{
    thread_last_error = ErrorCode;
}

/* The same code, under a name no system header declares: Winelib programs,
 * whose GetLastError is Wine's, reach it through winfax.h's bridge. */
DWORD WINFAX_CALL WinfaxGetLastError(void)
{
    return thread_last_error;
}
