/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winfax.h included after Wine's <windows.h> (and <tapi.h>), as a Winelib
 * program does.  Compiled with winegcc, so Wine's own flags apply
 * (-fshort-wchar, WINAPI = ms_abi, _WIN32/_WIN64); that it compiles at all
 * under -Werror is the main test.  The object calls nothing from Wine, so
 * it is linked and run as a plain program to report what it sees.
 */
#include <windows.h>
#include <tapi.h>
#include <winfax.h>

#include <stddef.h>
#include <string.h>

#include "tap.h"

#define SAME_TYPE(a, b) __builtin_types_compatible_p(a, b)
#define STRINGIFY(name) #name
#define STRINGIFY_NEUTRAL(name) STRINGIFY(name)

int main(void)
{
#ifdef UNICODE
    tap_diag("winfax.h after Wine's windows.h, UNICODE build");
#else
    tap_diag("winfax.h after Wine's windows.h, ANSI build");
#endif
    ok(WINFAX_WIN32_TYPES_FROM_SYSTEM == 1, "winfax.h saw Wine's Win32 types and kept them");
    ok(WINFAX_WIN32_BASE_API_FROM_SYSTEM == 1, "winfax.h saw Wine's winbase.h and kept its API");
    ok(SAME_TYPE(__typeof__(&GetLastError), DWORD (WINAPI *)(void)),
       "GetLastError is Wine's (WINAPI) declaration");

    /* Wine's types must give the same layout as libwinfax was built with. */
    is_equal(sizeof(DWORD), 4, "Wine's DWORD is 32 bits");
    is_equal(sizeof(WCHAR), 2, "Wine's WCHAR is 16 bits");
    is_equal(sizeof(FAX_PORT_INFOA), 48, "sizeof(FAX_PORT_INFOA) == 48");
    is_equal(sizeof(FAX_PORT_INFOW), 48, "sizeof(FAX_PORT_INFOW) == 48");
    is_equal(sizeof(FAX_DEVICE_STATUSW), 144, "sizeof(FAX_DEVICE_STATUSW) == 144");
    is_equal(offsetof(FAX_DEVICE_STATUSW, StartTime), 92, "FAX_DEVICE_STATUSW.StartTime at 92");
    is_equal(offsetof(FAX_DEVICE_STATUSW, SubmittedTime), 112,
             "FAX_DEVICE_STATUSW.SubmittedTime at 112");
    is_equal(sizeof(FAX_JOB_ENTRYW), 136, "sizeof(FAX_JOB_ENTRYW) == 136");
    is_equal(offsetof(FAX_JOB_ENTRYW, ScheduleTime), 100, "FAX_JOB_ENTRYW.ScheduleTime at 100");
    is_equal(sizeof(FAX_JOB_PARAMA), 136, "sizeof(FAX_JOB_PARAMA) == 136 with Wine's tapi.h");
    is_equal(sizeof(((FAX_JOB_PARAMA *)0)->CallHandle), 4,
             "CallHandle stays 32 bits although Wine's HCALL is a pointer");
    is_equal(offsetof(FAX_JOB_PARAMW, Reserved), 112, "FAX_JOB_PARAMW.Reserved at 112");
    is_equal(sizeof(FAX_COVERPAGE_INFOW), 240, "sizeof(FAX_COVERPAGE_INFOW) == 240");
    is_equal(offsetof(FAX_COVERPAGE_INFOW, TimeSent), 216, "FAX_COVERPAGE_INFOW.TimeSent at 216");
    is_equal(sizeof(FAX_CONFIGURATIONW), 64, "sizeof(FAX_CONFIGURATIONW) == 64");
    is_equal(sizeof(FAX_EVENTW), 24, "sizeof(FAX_EVENTW) == 24");
    is_equal(offsetof(FAX_EVENTW, JobId), 20, "FAX_EVENTW.JobId at 20");
    is_equal(sizeof(FAX_ROUTING_METHODW), 64, "sizeof(FAX_ROUTING_METHODW) == 64");
    is_equal(sizeof(FAX_GLOBAL_ROUTING_INFOW), 48, "sizeof(FAX_GLOBAL_ROUTING_INFOW) == 48");
    is_equal(sizeof(FAX_LOG_CATEGORYW), 16, "sizeof(FAX_LOG_CATEGORYW) == 16");
    is_equal(sizeof(FAX_PRINT_INFOW), 88, "sizeof(FAX_PRINT_INFOW) == 88");
    is_equal(sizeof(FAX_CONTEXT_INFOA), 32, "sizeof(FAX_CONTEXT_INFOA) == 32");
    is_equal(sizeof(FAX_CONTEXT_INFOW), 48, "sizeof(FAX_CONTEXT_INFOW) == 48");

    /* libwinfax is compiled with the native ABI; the prototypes must say so
     * even though Wine's WINAPI means ms_abi. */
    ok(SAME_TYPE(__typeof__(&FaxClose), BOOL (*)(HANDLE)), "FaxClose uses the native ABI");
    ok(!SAME_TYPE(__typeof__(&FaxClose), BOOL (WINAPI *)(HANDLE)), "FaxClose is not ms_abi");
    ok(SAME_TYPE(PFAXCONNECTFAXSERVERW, BOOL (*)(LPCWSTR, LPHANDLE)),
       "PFAXCONNECTFAXSERVERW uses Wine's LPCWSTR and the native ABI");

    is_equal(ERROR_INVALID_HANDLE, 6, "ERROR_INVALID_HANDLE from winerror.h is 6");
    is_equal(FEI_FAXSVC_ENDED, 20, "FEI_FAXSVC_ENDED is 20");
    is_equal(MAX_COMPUTERNAME_LENGTH + 1, 16, "ServerName holds MAX_COMPUTERNAME_LENGTH + 1");
#ifdef UNICODE
    ok(strcmp(STRINGIFY_NEUTRAL(FaxEnumPorts), "FaxEnumPortsW") == 0, "FaxEnumPorts -> W");
    ok(SAME_TYPE(FAX_PORT_INFO, FAX_PORT_INFOW), "FAX_PORT_INFO is the W form");
#else
    ok(strcmp(STRINGIFY_NEUTRAL(FaxEnumPorts), "FaxEnumPortsA") == 0, "FaxEnumPorts -> A");
    ok(SAME_TYPE(FAX_PORT_INFO, FAX_PORT_INFOA), "FAX_PORT_INFO is the A form");
#endif
    return tap_finish();
}
