/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A Windows program (MinGW-w64, winfax.h in its Windows mode, MinGW's
 * import library) run under Wine with this project's winfax.dll, on a
 * machine without the faxport driver: the error codes reach the program's
 * own GetLastError (Wine's, in the thread's TEB), per thread and through
 * GetProcAddress; FaxFreeBuffer(NULL) is harmless; Windows paths are
 * converted before libwinfax sees them, and a path without a Unix name
 * fails cleanly.
 */
#include <windows.h>
#include <stdio.h>

#include "winfax.h"

#include "windows_tap.h"

/* Runs in a second thread: its failing call sets its own code, and the
 * main thread's stays as the main thread left it. */
static DWORD WINAPI other_thread(LPVOID unused)
{
    (void)unused;
    SetLastError(4242);
    if (FaxClose(NULL))
        return 1;
    return GetLastError();
}

int main(void)
{
    HANDLE server = NULL;
    HANDLE port;
    HANDLE thread;
    HMODULE module;
    DWORD job_id = 0;
    DWORD thread_code = 0;
    FAX_JOB_PARAMA params;
    PFAXCLOSE close_through_pointer;
    FARPROC symbol;
    HANDLE never_opened = (HANDLE)(ULONG_PTR)0x7654321;

    printf("1..19\n");

    SetLastError(0);
    ok(!FaxConnectFaxServerA(NULL, &server), "FaxConnectFaxServerA without the driver fails");
    is_code(GetLastError(), RPC_S_SERVER_UNAVAILABLE,
            "... with RPC_S_SERVER_UNAVAILABLE in the program's GetLastError");

    ok(!FaxConnectFaxServerW(L"elsewhere", &server), "FaxConnectFaxServerW to another machine fails");
    is_code(GetLastError(), RPC_S_SERVER_UNAVAILABLE, "... with RPC_S_SERVER_UNAVAILABLE");

    SetLastError(12345);
    ok(!FaxClose(NULL), "FaxClose(NULL) fails");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");

    SetLastError(777);
    thread = CreateThread(NULL, 0, other_thread, NULL, 0, NULL);
    ok(thread != NULL, "a second thread starts");
    if (thread) {
        WaitForSingleObject(thread, INFINITE);
        GetExitCodeThread(thread, &thread_code);
        CloseHandle(thread);
    }
    is_code(thread_code, ERROR_INVALID_HANDLE, "the second thread's GetLastError has its own failure");
    is_code(GetLastError(), 777, "the main thread's code is untouched by the other thread");

    module = GetModuleHandleA("winfax.dll");
    symbol = module ? GetProcAddress(module, "FaxClose") : NULL;
    ok(symbol != NULL, "GetProcAddress finds FaxClose");
    memcpy(&close_through_pointer, &symbol, sizeof(symbol));
    SetLastError(0);
    ok(symbol && !close_through_pointer(NULL), "FaxClose through GetProcAddress fails");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... and sets the program's GetLastError too");

    FaxFreeBuffer(NULL);
    ok(TRUE, "FaxFreeBuffer(NULL) returns");

    SetLastError(0);
    ok(!FaxOpenPort(NULL, 1, PORT_OPEN_QUERY, &port), "FaxOpenPort on no server fails");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");

    /* A drive letter Wine maps nowhere: no Unix name, so the call fails
     * before libwinfax, with the code for a path that does not exist. */
    memset(&params, 0, sizeof(params));
    params.SizeOfStruct = sizeof(params);
    params.RecipientNumber = "2";
    SetLastError(0);
    ok(!FaxSendDocumentA(never_opened, "Q:\\nowhere\\fax.tif", &params, NULL, &job_id),
       "FaxSendDocumentA from an unmapped drive fails");
    is_code(GetLastError(), ERROR_PATH_NOT_FOUND, "... with ERROR_PATH_NOT_FOUND");

    /* A path that converts reaches libwinfax, which refuses a handle it
     * never gave out. */
    SetLastError(0);
    ok(!FaxSendDocumentA(never_opened, "Z:\\tmp\\fax.tif", &params, NULL, &job_id),
       "FaxSendDocumentA from Z:\\ reaches libwinfax");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... which refuses the forged server handle");

    return failures ? 1 : 0;
}
