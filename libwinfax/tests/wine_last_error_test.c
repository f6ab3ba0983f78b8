/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winfax.h's last-error bridge in a Winelib program: after a failing fax
 * call, the program's GetLastError (Wine's kernel32, which keeps its code
 * in the thread's TEB, apart from libwinfax's) must give the fax library's
 * code.  Compiled with winegcc, so windows.h and WINAPI are Wine's; to run
 * without a Wine prefix, this file stands in for kernel32: Wine's
 * GetLastError/SetLastError are renamed to the ms_abi functions below, a
 * per-thread code of their own, as the TEB's is.  (Under a real Wine the
 * same program gives the same results: see libwinfax/README.md.)
 */
#define GetLastError system_GetLastError
#define SetLastError system_SetLastError
#include <windows.h>
#include <winfax.h>

#include "tap.h"

static _Thread_local DWORD system_last_error;

DWORD WINAPI system_GetLastError(void)
{
    return system_last_error;
}

void WINAPI system_SetLastError(DWORD code)
{
    system_last_error = code;
}

int main(void)
{
    PFAXCLOSE close_through_pointer = FaxClose;
    PFAX_ROUTING_METHODA methods = NULL;
    HANDLE server = NULL;
    DWORD count = 0;

    SetLastError(12345);
    ok(!FaxClose(NULL), "FaxClose(NULL) fails");
    is_equal(GetLastError(), ERROR_INVALID_HANDLE,
             "the program's GetLastError gives libwinfax's ERROR_INVALID_HANDLE");

    SetLastError(12345);
    ok(!FaxConnectFaxServerA("fax.elsewhere.example", &server),
       "FaxConnectFaxServer to another machine fails");
    is_equal(GetLastError(), RPC_S_SERVER_UNAVAILABLE,
             "... and GetLastError gives RPC_S_SERVER_UNAVAILABLE");

    /* Through the neutral (TCHAR) name too: it expands to the A or W macro. */
    SetLastError(12345);
    ok(!FaxEnumRoutingMethods(NULL, (void *)&methods, &count), "FaxEnumRoutingMethods(NULL) fails");
    is_equal(GetLastError(), ERROR_INVALID_PARAMETER,
             "... and GetLastError gives ERROR_INVALID_PARAMETER, as Microsoft documents for a NULL handle");

    /* A call through a pointer bypasses the bridge: the system's code stays,
     * and WinfaxGetLastError has the fax library's. */
    SetLastError(4242);
    ok(!close_through_pointer(NULL), "FaxClose through a PFAXCLOSE pointer fails");
    is_equal(GetLastError(), 4242, "... and leaves the system's code alone");
    is_equal(WinfaxGetLastError(), ERROR_INVALID_HANDLE, "... WinfaxGetLastError has its code");
    return tap_finish();
}
