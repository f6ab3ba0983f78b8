/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A strings and paths between a Windows program and libwinfax, on a
 * machine without the driver.  Run under Wine in ANSI code page 1252 with
 * a test build of winfax.dll that loads wine/tests/recorder.c in front of
 * libwinfax: the recorder writes down the W strings libwinfax receives
 * (run_windows_tests.sh compares them with what CP-1252 text and Z:\ paths
 * must become) and answers FaxGetConfigurationW and FaxEnumPortsW itself,
 * so the program can check what the DLL makes of libwinfax's results:
 * A strings in its code page, Windows paths, memory that FaxFreeBuffer
 * and LocalFree take.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "winfax.h"

#include "windows_tap.h"

static void is_text(const char *got, const char *expected, const char *what)
{
    BOOL same = got && strcmp(got, expected) == 0;

    ok(same, what);
    if (!same)
        printf("#   got \"%s\", expected \"%s\"\n", got ? got : "(null)", expected);
}

/* A block the DLL handed out is Wine's LocalAlloc memory of at least
 * `size` bytes (LocalSize is 0 for anything else). */
static BOOL local_block(const void *block, SIZE_T size)
{
    return block && LocalSize((HLOCAL)block) >= size;
}

/* Broadcast recipients: two in CP-1252 with their own cover page files,
 * then no more.  Each call checks the program's context came through. */
static int context_marker;
static int wrong_contexts;

static BOOL WINAPI recipient_a(HANDLE FaxHandle, DWORD RecipientNumber, LPVOID Context,
                               PFAX_JOB_PARAMA JobParams, PFAX_COVERPAGE_INFOA CoverpageInfo)
{
    (void)FaxHandle;
    if (Context != &context_marker)
        wrong_contexts++;
    if (RecipientNumber > 2)
        return FALSE;
    JobParams->RecipientNumber = "3";
    JobParams->RecipientName = RecipientNumber == 1 ? "\xc5sa" : "\x80";
    CoverpageInfo->CoverPageName = RecipientNumber == 1 ? "Z:\\tmp\\one.cov" : "Z:\\tmp\\two.cov";
    return TRUE;
}

static BOOL WINAPI recipient_w(HANDLE FaxHandle, DWORD RecipientNumber, LPVOID Context,
                               PFAX_JOB_PARAMW JobParams, PFAX_COVERPAGE_INFOW CoverpageInfo)
{
    (void)FaxHandle;
    if (Context != &context_marker)
        wrong_contexts++;
    if (RecipientNumber > 1)
        return FALSE;
    JobParams->RecipientNumber = L"3";
    JobParams->RecipientName = L"w";
    CoverpageInfo->CoverPageName = L"Z:\\tmp\\w.cov";
    return TRUE;
}

int main(void)
{
    HANDLE server = NULL;
    HANDLE never_opened = (HANDLE)(ULONG_PTR)0x7654321;
    DWORD job_id = 0;
    DWORD count = 0;
    FAX_JOB_PARAMA params;
    FAX_COVERPAGE_INFOA cover;
    FAX_JOB_PARAMW params_w;
    FAX_COVERPAGE_INFOW cover_w;
    FAX_CONFIGURATIONA config;
    PFAX_CONFIGURATIONA got_config = NULL;
    PFAX_CONFIGURATIONW got_config_w = NULL;
    PFAX_PORT_INFOA ports = NULL;
    PFAX_PORT_INFOW ports_w = NULL;
    static const WCHAR tsid_w[] = { 0x20ac, '1', 0x394, 0 };
    static const WCHAR archive_w[] = { 'Z', ':', '\\', 't', 'm', 'p', '\\', 'a', 'r', 'c', 'h',
                                       'i', 'v', 0xe9, 0 };

    printf("1..26\n");
    is_code(GetACP(), 1252, "the program runs in ANSI code page 1252");

    /* u with diaeresis is 0xFC in both CP-1252 and Latin-1; the euro sign
     * is 0x80 in CP-1252 only. */
    SetLastError(0);
    ok(!FaxConnectFaxServerA("M\xfcller\x80", &server), "FaxConnectFaxServerA with a CP-1252 machine name fails");
    is_code(GetLastError(), RPC_S_SERVER_UNAVAILABLE, "... as for any other machine");

    memset(&params, 0, sizeof(params));
    params.SizeOfStruct = sizeof(params);
    params.RecipientNumber = "2";
    params.RecipientName = "J\xfcrgen \x80";
    memset(&cover, 0, sizeof(cover));
    cover.SizeOfStruct = sizeof(cover);
    cover.CoverPageName = "Z:\\tmp\\cover\xe9.cov";
    SetLastError(0);
    ok(!FaxSendDocumentA(never_opened, "Z:\\tmp\\caf\xe9.tif", &params, &cover, &job_id),
       "FaxSendDocumentA with CP-1252 strings and a cover page path reaches libwinfax");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... which refuses the forged handle");

    memset(&params_w, 0, sizeof(params_w));
    params_w.SizeOfStruct = sizeof(params_w);
    params_w.RecipientNumber = L"2";
    memset(&cover_w, 0, sizeof(cover_w));
    cover_w.SizeOfStruct = sizeof(cover_w);
    cover_w.CoverPageName = L"confdent";
    cover_w.UseServerCoverPage = TRUE;
    SetLastError(0);
    ok(!FaxSendDocumentW(never_opened, L"Z:\\tmp\\w.tif", &params_w, &cover_w, &job_id),
       "FaxSendDocumentW with a server cover page reaches libwinfax");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... which refuses the forged handle");

    SetLastError(0);
    ok(!FaxSendDocumentForBroadcastA(never_opened, "Z:\\tmp\\b\xe9.tif", &job_id, recipient_a,
                                     &context_marker),
       "FaxSendDocumentForBroadcastA with CP-1252 recipients reaches libwinfax");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... which refuses the forged handle");
    SetLastError(0);
    ok(!FaxSendDocumentForBroadcastW(never_opened, L"Z:\\tmp\\b.tif", &job_id, recipient_w,
                                     &context_marker),
       "FaxSendDocumentForBroadcastW with a cover page path reaches libwinfax");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... which refuses the forged handle");
    is_code(wrong_contexts, 0, "the callbacks got the program's context");

    memset(&config, 0, sizeof(config));
    config.SizeOfStruct = sizeof(config);
    config.ArchiveOutgoingFaxes = TRUE;
    config.ArchiveDirectory = "Z:\\tmp\\archiv\xe9";
    SetLastError(0);
    ok(!FaxSetConfigurationA(never_opened, &config),
       "FaxSetConfigurationA with a Z:\\ ArchiveDirectory reaches libwinfax");
    is_code(GetLastError(), ERROR_INVALID_HANDLE, "... which refuses the forged handle");

    ok(FaxGetConfigurationA(never_opened, &got_config), "FaxGetConfigurationA succeeds");
    if (got_config) {
        is_text(got_config->ArchiveDirectory, "Z:\\tmp\\archiv\xe9",
                "... ArchiveDirectory is the Windows path, in CP-1252");
        ok(local_block(got_config, sizeof(*got_config)), "... in a LocalAlloc block");
        FaxFreeBuffer(got_config);
    } else {
        ok(FALSE, "... ArchiveDirectory is the Windows path, in CP-1252");
        ok(FALSE, "... in a LocalAlloc block");
    }
    ok(FaxGetConfigurationW(never_opened, &got_config_w), "FaxGetConfigurationW succeeds");
    ok(got_config_w && got_config_w->ArchiveDirectory &&
       lstrcmpW(got_config_w->ArchiveDirectory, archive_w) == 0,
       "... ArchiveDirectory is the Windows path");
    /* A program may free a result with LocalFree: the memory is Wine's. */
    ok(got_config_w && LocalFree(got_config_w) == NULL, "... and LocalFree takes the block");

    ok(FaxEnumPortsA(never_opened, &ports, &count) && count == 2, "FaxEnumPortsA gives 2 ports");
    if (ports && count == 2) {
        is_text(ports[0].Tsid, "\x80" "1?",
                "... the euro sign in CP-1252, '?' for what CP-1252 lacks");
        is_text(ports[1].DeviceName, "faxport2", "... the second record's strings moved too");
        is_text(ports[1].Tsid, "csid", "... a string two fields share");
        ok(local_block(ports, 2 * sizeof(*ports)), "... in a LocalAlloc block");
        FaxFreeBuffer(ports);
    } else {
        for (int i = 0; i < 4; i++)
            ok(FALSE, "... FaxEnumPortsA's ports");
    }
    ok(FaxEnumPortsW(never_opened, &ports_w, &count) && count == 2 && ports_w &&
       lstrcmpW(ports_w[0].Tsid, tsid_w) == 0, "FaxEnumPortsW passes UTF-16 through");
    FaxFreeBuffer(ports_w);

    return failures ? 1 : 0;
}
