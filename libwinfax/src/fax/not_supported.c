/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The parts of the API that need Windows itself: printing to the fax
 * printer through GDI (FaxStartPrintJobA/W, FaxPrintCoverPageA/W) and
 * installing service providers and routing extensions, which are DLLs the
 * Windows fax service loads (FaxRegisterServiceProviderW,
 * FaxUnregisterServiceProviderW, FaxRegisterRoutingExtensionW).
 *
 * Linux has no GDI printer device contexts and no fax printer: there is
 * no printer whose output becomes a fax.  The line providers are the
 * driver's line types and the DSP engine is faxd, with its routing methods
 * built in; nothing loads a provider or extension DLL.  So these functions
 * check their arguments as Windows does, then fail with a code that says
 * why: ERROR_INVALID_PRINTER_NAME for a print job (no fax printer is
 * installed), ERROR_NOT_SUPPORTED otherwise.  They never succeed
 * half-way: no job is queued, no callback is called.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "win32/handle_table.h"
#include "fax_handle_errors.h"
#include "win32/last_error.h"
#include "winfax.h"

_Static_assert(sizeof(FAX_PRINT_INFOA) == sizeof(FAX_PRINT_INFOW), "A/W sizes");

/* ---- printing ---------------------------------------------------------------- */

/*
 * ERROR_INVALID_PARAMETER: a NULL PrintInfo, FaxJobId or FaxContextInfo,
 * or a PrintInfo whose SizeOfStruct is wrong.  ERROR_INVALID_PRINTER_NAME
 * otherwise, the code the API documents for "not a fax printer, or no fax
 * printer installed": a named printer cannot be a fax printer, and NULL
 * (the local fax printer) names one that is not installed.  *FaxJobId is 0
 * and the context's hDC NULL afterwards.
 */
static BOOL start_print_job(DWORD print_info_size, bool outputs_given)
{
    if (!outputs_given || print_info_size != sizeof(FAX_PRINT_INFOA))
        return winfax_fail(ERROR_INVALID_PARAMETER);
    return winfax_fail(ERROR_INVALID_PRINTER_NAME);
}

BOOL WINFAX_CALL FaxStartPrintJobA(LPCSTR PrinterName, const FAX_PRINT_INFOA *PrintInfo,
                                   LPDWORD FaxJobId, PFAX_CONTEXT_INFOA FaxContextInfo)
{
    if (FaxJobId)
        *FaxJobId = 0;
    if (FaxContextInfo)
        FaxContextInfo->hDC = NULL;
    (void)PrinterName;
    return start_print_job(PrintInfo ? PrintInfo->SizeOfStruct : 0,
                           PrintInfo && FaxJobId && FaxContextInfo);
}

BOOL WINFAX_CALL FaxStartPrintJobW(LPCWSTR PrinterName, const FAX_PRINT_INFOW *PrintInfo,
                                   LPDWORD FaxJobId, PFAX_CONTEXT_INFOW FaxContextInfo)
{
    if (FaxJobId)
        *FaxJobId = 0;
    if (FaxContextInfo)
        FaxContextInfo->hDC = NULL;
    (void)PrinterName;
    return start_print_job(PrintInfo ? PrintInfo->SizeOfStruct : 0,
                           PrintInfo && FaxJobId && FaxContextInfo);
}

/*
 * ERROR_INVALID_PARAMETER: a NULL argument or a wrong SizeOfStruct.
 * ERROR_NOT_SUPPORTED otherwise: no context can come from
 * FaxStartPrintJob here, and there is no renderer for cover pages.
 */
static BOOL print_cover_page(bool arguments_given, DWORD context_size, DWORD expected_context,
                             DWORD cover_page_size)
{
    if (!arguments_given || context_size != expected_context ||
        cover_page_size != sizeof(FAX_COVERPAGE_INFOA))
        return winfax_fail(ERROR_INVALID_PARAMETER);
    return winfax_fail(ERROR_NOT_SUPPORTED);
}

BOOL WINFAX_CALL FaxPrintCoverPageA(const FAX_CONTEXT_INFOA *FaxContextInfo,
                                    const FAX_COVERPAGE_INFOA *CoverPageInfo)
{
    return print_cover_page(FaxContextInfo && CoverPageInfo,
                            FaxContextInfo ? FaxContextInfo->SizeOfStruct : 0,
                            sizeof(FAX_CONTEXT_INFOA),
                            CoverPageInfo ? CoverPageInfo->SizeOfStruct : 0);
}

BOOL WINFAX_CALL FaxPrintCoverPageW(const FAX_CONTEXT_INFOW *FaxContextInfo,
                                    const FAX_COVERPAGE_INFOW *CoverPageInfo)
{
    return print_cover_page(FaxContextInfo && CoverPageInfo,
                            FaxContextInfo ? FaxContextInfo->SizeOfStruct : 0,
                            sizeof(FAX_CONTEXT_INFOW),
                            CoverPageInfo ? CoverPageInfo->SizeOfStruct : 0);
}

/* ---- providers and routing extensions ------------------------------------------ */

/* ERROR_INVALID_PARAMETER for a NULL name, else ERROR_NOT_SUPPORTED. */
BOOL WINFAX_CALL FaxRegisterServiceProviderW(LPCWSTR DeviceProvider, LPCWSTR FriendlyName,
                                             LPCWSTR ImageName, LPCWSTR TspName)
{
    if (!DeviceProvider || !FriendlyName || !ImageName || !TspName)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    return winfax_fail(ERROR_NOT_SUPPORTED);
}

BOOL WINFAX_CALL FaxUnregisterServiceProviderW(LPCWSTR DeviceProvider)
{
    if (!DeviceProvider)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    return winfax_fail(ERROR_NOT_SUPPORTED);
}

/* ERROR_INVALID_PARAMETER for a NULL handle, name or callback (Microsoft:
 * "at least one parameter is NULL"), ERROR_INVALID_HANDLE for a non-NULL
 * value that is no server handle, else ERROR_NOT_SUPPORTED (the callback
 * is not called: there is nothing to install its methods into). */
BOOL WINFAX_CALL FaxRegisterRoutingExtensionW(HANDLE FaxHandle, LPCWSTR ExtensionName,
                                              LPCWSTR FriendlyName, LPCWSTR ImageName,
                                              PFAX_ROUTING_INSTALLATION_CALLBACKW CallBack,
                                              LPVOID Context)
{
    struct winfax_handle_ref server;

    (void)Context;
    if (!winfax_handle_get(FaxHandle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(FaxHandle);
    winfax_handle_put(&server);
    if (!ExtensionName || !FriendlyName || !ImageName || !CallBack)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    return winfax_fail(ERROR_NOT_SUPPORTED);
}
