/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A Windows program linked with MinGW-w64's libfxsapi.a (Windows XP's fax
 * client DLL, FXSAPI.dll), not libwinfax.a, run under Wine with this
 * project's fxsapi.dll on a machine without the faxport driver:
 *  - it loads, and a forwarded function (FaxConnectFaxServerW) behaves as
 *    winfax.dll's, the code in the program's GetLastError; the forward has
 *    loaded winfax.dll and GetProcAddress on either DLL gives one function;
 *  - an extended function returns FALSE with ERROR_NOT_SUPPORTED instead of
 *    raising an exception, also one with a 64-bit argument; the sender
 *    information functions return HRESULTs;
 *  - every name of libfxsapi.a (the file argv[1], one name a line, which
 *    run_windows_tests.sh writes from nm) resolves with GetProcAddress.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "winfax.h"

/* winfax.h is the Windows 2000 API: the extended functions' declarations
 * (and their record types, which these calls never reach) are not in it. */
DECLSPEC_IMPORT BOOL WINAPI FaxEnumJobsExW(HANDLE server, DWORD job_types, void **jobs,
                                           LPDWORD count);
DECLSPEC_IMPORT BOOL WINAPI FaxGetJobExW(HANDLE server, DWORDLONG message_id, void **job);
DECLSPEC_IMPORT HRESULT WINAPI FaxGetSenderInformation(void *profile);
DECLSPEC_IMPORT HRESULT WINAPI FaxFreeSenderInformation(void *profile);

#include "windows_tap.h"

/* Every name of the file resolves in fxsapi.dll; the missing ones are
 * printed. */
static void check_names(HMODULE fxsapi, const char *list_path)
{
    char name[256];
    unsigned names = 0;
    unsigned missing = 0;
    FILE *list = fopen(list_path, "r");

    ok(list != NULL, "the list of libfxsapi.a's names opens");
    if (!list)
        return;
    while (fgets(name, sizeof(name), list)) {
        name[strcspn(name, "\r\n")] = '\0';
        if (!name[0])
            continue;
        names++;
        if (!GetProcAddress(fxsapi, name)) {
            printf("#   fxsapi.dll lacks %s\n", name);
            missing++;
        }
    }
    fclose(list);
    printf("#   %u names, %u missing\n", names, missing);
    ok(names > 0 && missing == 0, "every name of libfxsapi.a resolves in fxsapi.dll");
}

int main(int argc, char **argv)
{
    HANDLE server = NULL;
    void *jobs = NULL;
    void *job = NULL;
    DWORD count = 12345;
    char profile[64];
    HMODULE fxsapi;
    HMODULE winfax;

    printf("1..15\n");

    SetLastError(0);
    ok(!FaxConnectFaxServerW(NULL, &server), "FaxConnectFaxServerW without the driver fails");
    is_code(GetLastError(), RPC_S_SERVER_UNAVAILABLE,
            "... with RPC_S_SERVER_UNAVAILABLE in the program's GetLastError");

    SetLastError(12345);
    ok(!FaxClose(NULL), "FaxClose(NULL) fails");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");

    fxsapi = GetModuleHandleA("fxsapi.dll");
    winfax = GetModuleHandleA("winfax.dll");
    ok(fxsapi != NULL && winfax != NULL, "the forwards have loaded winfax.dll beside fxsapi.dll");
    ok(fxsapi && winfax && GetProcAddress(fxsapi, "FaxClose") == GetProcAddress(winfax, "FaxClose"),
       "GetProcAddress gives winfax.dll's FaxClose through either DLL");

    SetLastError(0);
    ok(!FaxEnumJobsExW(NULL, 0, &jobs, &count), "FaxEnumJobsExW fails");
    is_code(GetLastError(), ERROR_NOT_SUPPORTED, "... with ERROR_NOT_SUPPORTED");
    ok(jobs == NULL, "... and returns no buffer");

    SetLastError(0);
    ok(!FaxGetJobExW(NULL, 0x123456789abcdefULL, &job), "FaxGetJobExW (a 64-bit id) fails");
    is_code(GetLastError(), ERROR_NOT_SUPPORTED, "... with ERROR_NOT_SUPPORTED");

    memset(profile, 0, sizeof(profile));
    ok(FaxGetSenderInformation(profile) == HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED),
       "FaxGetSenderInformation returns HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)");
    ok(FaxFreeSenderInformation(profile) == S_OK, "FaxFreeSenderInformation has nothing to free");

    if (argc > 1 && fxsapi) {
        check_names(fxsapi, argv[1]);
    } else {
        ok(FALSE, "the list of libfxsapi.a's names is given and fxsapi.dll is loaded");
        ok(FALSE, "every name of libfxsapi.a resolves in fxsapi.dll");
    }

    return failures ? 1 : 0;
}
