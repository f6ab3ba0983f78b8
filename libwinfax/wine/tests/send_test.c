/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A Windows fax client (MinGW-w64, winfax.h in its Windows mode, MinGW's
 * import library), nothing in it about Wine or Linux: it connects to the
 * local fax server, lists the ports, subscribes to the server's events on
 * its own I/O completion port, sends a document from a Windows path to a
 * number with a recipient name in its ANSI code page, reads the job back
 * in both forms, and waits for the job's FEI_COMPLETED on its port.
 * Through fxsapi.dll (Windows XP's fax client DLL, loaded at run time as a
 * program linked with fxsapi.lib would have it) it connects and lists the
 * ports once more, and its extended FaxEnumPortsExW fails cleanly.
 * e2e_wine_sendfax_test runs it under Wine in the VM with faxd and
 * compares the pages that arrive.  TAP.
 *
 * usage: send_test.exe NUMBER DOCUMENT TIMEOUT_SECONDS
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "winfax.h"

#define COMPLETION_KEY 42

/* Not in winfax.h, which is the Windows 2000 API. */
typedef BOOL(WINAPI *PFAXENUMPORTSEXW)(HANDLE server, void **ports, LPDWORD count);

static int test_number;
static int failures;

static void ok(BOOL condition, const char *what)
{
    test_number++;
    printf("%s %d - %s\n", condition ? "ok" : "not ok", test_number, what);
    if (!condition) {
        printf("#   GetLastError() %lu\n", (unsigned long)GetLastError());
        failures++;
    }
    fflush(stdout);
}

/* "Müller €" in code page 1252, and as UTF-16. */
static const char recipient_a[] = "M\xfcller \x80";
static const WCHAR recipient_w[] = { 'M', 0xfc, 'l', 'l', 'e', 'r', ' ', 0x20ac, 0 };

/* GetProcAddress's FARPROC as the function's own type. */
#define RESOLVE(module, pointer, name) \
    ((module) && (memcpy(&(pointer), &(FARPROC){ GetProcAddress((module), (name)) }, \
                         sizeof(pointer)), (pointer) != NULL))

/* fxsapi.dll connects to the same server and lists the receiving port;
 * FaxEnumPortsExW, which it has but libwinfax does not, fails with
 * ERROR_NOT_SUPPORTED. */
static BOOL ports_through_fxsapi(DWORD receiving_port)
{
    HMODULE fxsapi = LoadLibraryA("fxsapi.dll");
    PFAXCONNECTFAXSERVERW connect;
    PFAXENUMPORTSW enum_ports;
    PFAXENUMPORTSEXW enum_ports_ex;
    PFAXFREEBUFFER free_buffer;
    PFAXCLOSE close_server;
    HANDLE server = NULL;
    PFAX_PORT_INFOW ports = NULL;
    void *ports_ex = NULL;
    DWORD count = 0;
    BOOL listed = FALSE, extended_fails;

    if (!RESOLVE(fxsapi, connect, "FaxConnectFaxServerW") ||
        !RESOLVE(fxsapi, enum_ports, "FaxEnumPortsW") ||
        !RESOLVE(fxsapi, enum_ports_ex, "FaxEnumPortsExW") ||
        !RESOLVE(fxsapi, free_buffer, "FaxFreeBuffer") ||
        !RESOLVE(fxsapi, close_server, "FaxClose") || !connect(NULL, &server))
        return FALSE;
    if (enum_ports(server, &ports, &count)) {
        for (DWORD i = 0; i < count; i++)
            listed |= ports[i].DeviceId == receiving_port;
        free_buffer(ports);
    }
    SetLastError(0);
    extended_fails = !enum_ports_ex(server, &ports_ex, &count) &&
                     GetLastError() == ERROR_NOT_SUPPORTED;
    close_server(server);
    return listed && extended_fails;
}

int main(int argc, char **argv)
{
    HANDLE server = NULL;
    HANDLE port;
    PFAX_PORT_INFOA ports = NULL;
    PFAX_JOB_ENTRYA job_a = NULL;
    PFAX_JOB_ENTRYW job_w = NULL;
    FAX_JOB_PARAMA params;
    DWORD count = 0, job_id = 0, timeout_ms;
    BOOL listed = FALSE, completed = FALSE, key_right = TRUE;

    if (argc != 4) {
        fprintf(stderr, "usage: %s NUMBER DOCUMENT TIMEOUT_SECONDS\n", argv[0]);
        return 2;
    }
    timeout_ms = (DWORD)atoi(argv[3]) * 1000;
    printf("1..9\n");
    ok(GetACP() == 1252, "the program's ANSI code page is 1252");
    if (!FaxConnectFaxServerA(NULL, &server)) {
        ok(FALSE, "FaxConnectFaxServerA(NULL)");
        return 1;
    }
    ok(TRUE, "FaxConnectFaxServerA(NULL)");

    if (FaxEnumPortsA(server, &ports, &count)) {
        for (DWORD i = 0; i < count; i++)
            listed |= ports[i].DeviceId == (DWORD)atoi(argv[1]);
        FaxFreeBuffer(ports);
    }
    ok(listed, "FaxEnumPortsA lists the receiving port");
    ok(ports_through_fxsapi((DWORD)atoi(argv[1])),
       "fxsapi.dll: FaxConnectFaxServerW, FaxEnumPortsW list it too, FaxEnumPortsExW "
       "fails with ERROR_NOT_SUPPORTED");

    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    ok(port && FaxInitializeEventQueue(server, port, COMPLETION_KEY, NULL, 0),
       "FaxInitializeEventQueue with the program's own completion port");

    memset(&params, 0, sizeof(params));
    params.SizeOfStruct = sizeof(params);
    params.RecipientNumber = argv[1];
    params.RecipientName = recipient_a;
    params.ScheduleAction = JSA_NOW;
    if (!FaxSendDocumentA(server, argv[2], &params, NULL, &job_id)) {
        ok(FALSE, "FaxSendDocumentA from a Windows path");
        return 1;
    }
    ok(TRUE, "FaxSendDocumentA from a Windows path");
    printf("# job %lu from %s\n", (unsigned long)job_id, argv[2]);

    ok(FaxGetJobW(server, job_id, &job_w) && job_w->RecipientName &&
       lstrcmpW(job_w->RecipientName, recipient_w) == 0,
       "FaxGetJobW: the CP-1252 recipient name as UTF-16");
    FaxFreeBuffer(job_w);
    ok(FaxGetJobA(server, job_id, &job_a) && job_a->RecipientName &&
       strcmp(job_a->RecipientName, recipient_a) == 0,
       "FaxGetJobA: the same name back in CP-1252");
    FaxFreeBuffer(job_a);

    while (port && !completed) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED overlapped;
        FAX_EVENT *event;

        if (!GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, timeout_ms))
            break;
        event = (FAX_EVENT *)overlapped;
        key_right &= key == COMPLETION_KEY;
        if (event->JobId == job_id) {
            printf("# event %lu on port %lu\n", (unsigned long)event->EventId,
                   (unsigned long)event->DeviceId);
            completed = event->EventId == FEI_COMPLETED;
        }
        LocalFree(event);
    }
    ok(completed && key_right, "the job's FEI_COMPLETED reached the program's port");
    FaxClose(server);
    if (port)
        CloseHandle(port);
    return failures ? 1 : 0;
}
