/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A stand-in for libwinfax.so.1 that a test build of winfax.dll loads
 * instead: it depends on the real library, so every name it does not
 * define resolves there, and it defines the W functions whose arguments
 * strings_test.exe checks.  Each writes the UTF-16 strings it received,
 * as hexadecimal code units, to $WINFAX_RECORD, then calls the real
 * function, so the program still sees libwinfax's own error codes.
 * FaxSendDocumentForBroadcastW first asks the callback for its
 * recipients, as libwinfax does, and writes down what each one is.
 * FaxGetConfigurationW and FaxEnumPortsW answer with results shaped like
 * libwinfax's (one malloc block, strings after the records, which
 * libwinfax's FaxFreeBuffer frees), so the DLL's conversions of results
 * can be checked on a machine without the driver.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "winfax.h"

static void record(const char *what, const WCHAR *text)
{
    const char *path = getenv("WINFAX_RECORD");
    FILE *file;

    if (!path || !(file = fopen(path, "a")))
        return;
    fprintf(file, "%s", what);
    if (!text)
        fprintf(file, " NULL");
    for (; text && *text; text++)
        fprintf(file, " %04x", (unsigned)*text);
    fprintf(file, "\n");
    fclose(file);
}

/* The real function of that name, in libwinfax (the next object). */
static void *real(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

BOOL WINFAX_CALL FaxConnectFaxServerW(LPCWSTR MachineName, LPHANDLE FaxHandle)
{
    PFAXCONNECTFAXSERVERW next;
    void *symbol = real("FaxConnectFaxServerW");

    record("machine", MachineName);
    memcpy(&next, &symbol, sizeof(symbol));
    return next(MachineName, FaxHandle);
}

BOOL WINFAX_CALL FaxSendDocumentW(HANDLE FaxHandle, LPCWSTR FileName, PFAX_JOB_PARAMW JobParams,
                                  const FAX_COVERPAGE_INFOW *CoverpageInfo, LPDWORD FaxJobId)
{
    PFAXSENDDOCUMENTW next;
    void *symbol = real("FaxSendDocumentW");

    record("document", FileName);
    if (JobParams)
        record("recipient", JobParams->RecipientName);
    if (CoverpageInfo)
        record("cover", CoverpageInfo->CoverPageName);
    memcpy(&next, &symbol, sizeof(symbol));
    return next(FaxHandle, FileName, JobParams, CoverpageInfo, FaxJobId);
}

BOOL WINFAX_CALL FaxSetConfigurationW(HANDLE FaxHandle, const FAX_CONFIGURATIONW *FaxConfig)
{
    PFAXSETCONFIGURATIONW next;
    void *symbol = real("FaxSetConfigurationW");

    if (FaxConfig)
        record("archive", FaxConfig->ArchiveDirectory);
    memcpy(&next, &symbol, sizeof(symbol));
    return next(FaxHandle, FaxConfig);
}

BOOL WINFAX_CALL FaxSendDocumentForBroadcastW(HANDLE FaxHandle, LPCWSTR FileName,
                                              LPDWORD FaxJobId,
                                              PFAX_RECIPIENT_CALLBACKW FaxRecipientCallback,
                                              LPVOID Context)
{
    PFAXSENDDOCUMENTFORBROADCASTW next;
    void *symbol = real("FaxSendDocumentForBroadcastW");

    record("broadcast", FileName);
    for (DWORD index = 1; FaxRecipientCallback && index < 10; index++) {
        FAX_JOB_PARAMW job;
        FAX_COVERPAGE_INFOW cover;

        memset(&job, 0, sizeof(job));
        memset(&cover, 0, sizeof(cover));
        job.SizeOfStruct = sizeof(job);
        cover.SizeOfStruct = sizeof(cover);
        if (!FaxRecipientCallback(FaxHandle, index, Context, &job, &cover))
            break;
        record(job.SizeOfStruct == sizeof(job) ? "recipient" : "refused recipient",
               job.RecipientName);
        record("cover", cover.CoverPageName);
    }
    memcpy(&next, &symbol, sizeof(symbol));
    return next(FaxHandle, FileName, FaxJobId, FaxRecipientCallback, Context);
}

/* Strings appended to a one-block result under construction. */
struct block {
    char *base;
    size_t used;
};

static WCHAR *append(struct block *block, const char *ascii_or_latin1)
{
    WCHAR *text = (WCHAR *)(block->base + block->used);
    size_t length = strlen(ascii_or_latin1);

    for (size_t i = 0; i < length; i++)
        text[i] = (unsigned char)ascii_or_latin1[i];
    text[length] = 0;
    block->used += (length + 1) * sizeof(WCHAR);
    return text;
}

static void append_wide(struct block *block, WCHAR **slot, const WCHAR *text)
{
    size_t length = 0;

    while (text[length])
        length++;
    *slot = (WCHAR *)(block->base + block->used);
    memcpy(*slot, text, (length + 1) * sizeof(WCHAR));
    block->used += (length + 1) * sizeof(WCHAR);
}

/* ArchiveDirectory: a Unix path with a character outside ASCII (é). */
BOOL WINFAX_CALL FaxGetConfigurationW(HANDLE FaxHandle, PFAX_CONFIGURATIONW *FaxConfig)
{
    static const WCHAR archive[] = { '/', 't', 'm', 'p', '/', 'a', 'r', 'c', 'h', 'i', 'v',
                                     0xe9, 0 };
    struct block block = { malloc(4096), sizeof(FAX_CONFIGURATIONW) };
    FAX_CONFIGURATIONW *config = (FAX_CONFIGURATIONW *)block.base;

    (void)FaxHandle;
    if (!block.base || !FaxConfig)
        return FALSE;
    memset(config, 0, sizeof(*config));
    config->SizeOfStruct = sizeof(*config);
    config->ArchiveOutgoingFaxes = TRUE;
    append_wide(&block, (WCHAR **)&config->ArchiveDirectory, archive);
    *FaxConfig = config;
    return TRUE;
}

/* Two ports; the first one's TSID has the euro sign, which the ANSI code
 * page 1252 has at 0x80, and a character it lacks (U+0394, Greek delta). */
BOOL WINFAX_CALL FaxEnumPortsW(HANDLE FaxHandle, PFAX_PORT_INFOW *PortInfo, LPDWORD Returned)
{
    static const WCHAR tsid[] = { 0x20ac, '1', 0x394, 0 };
    struct block block = { malloc(4096), 2 * sizeof(FAX_PORT_INFOW) };
    FAX_PORT_INFOW *ports = (FAX_PORT_INFOW *)block.base;

    (void)FaxHandle;
    if (!block.base || !PortInfo || !Returned)
        return FALSE;
    memset(ports, 0, 2 * sizeof(*ports));
    for (unsigned i = 0; i < 2; i++) {
        ports[i].SizeOfStruct = sizeof(ports[i]);
        ports[i].DeviceId = i + 1;
        ports[i].DeviceName = append(&block, i ? "faxport2" : "faxport1");
        ports[i].Csid = append(&block, "csid");
    }
    append_wide(&block, (WCHAR **)&ports[0].Tsid, tsid);
    ports[1].Tsid = ports[1].Csid;
    *PortInfo = ports;
    *Returned = 2;
    return TRUE;
}
