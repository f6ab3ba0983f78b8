/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fxsapi.dll for Wine: the functions of the Windows XP fax client API that
 * winfax.dll does not have (fxsapi.spec forwards the ones it has).
 *
 * libwinfax implements the Windows 2000 API only, so a program that uses
 * the extended API (FaxEnumJobsEx, FaxGetPortEx, outbound routing, archive
 * and receipts configuration, messages ...) finds each function present,
 * and the program loads, but a call fails as against a fax server that
 * lacks the feature: FALSE with ERROR_NOT_SUPPORTED in the thread's
 * GetLastError, the code libwinfax gives for what it does not do (hWnd
 * events), which fax clients already handle after any failing call.  A
 * spec "stub" would raise an exception instead, which ends most programs.
 *
 * One body serves many exports of different argument lists: this DLL is
 * built for x86-64 only, where the caller removes its own arguments, so a
 * function that reads none of them returns cleanly from any call.
 */
#include <stdarg.h>

#include <windef.h>
#include <winbase.h>
#include <winerror.h>

BOOL WINAPI fxsapi_not_supported(void);
HRESULT WINAPI fxsapi_hresult_not_supported(void);
HRESULT WINAPI fxsapi_free_sender_information(void);
BOOL WINAPI fxsapi_initialize(void);
void WINAPI fxsapi_free(void);

BOOL WINAPI fxsapi_not_supported(void)
{
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

/* FaxGetSenderInformation and FaxSetSenderInformation return an HRESULT,
 * not a BOOL: the same code, in the form their callers test. */
HRESULT WINAPI fxsapi_hresult_not_supported(void)
{
    SetLastError(ERROR_NOT_SUPPORTED);
    return HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED);
}

/* FaxGetSenderInformation never fills a profile, so no string in one is
 * this DLL's: nothing to free, and the program's own strings stay its. */
HRESULT WINAPI fxsapi_free_sender_information(void)
{
    return S_OK;
}

BOOL WINAPI fxsapi_initialize(void)
{
    return TRUE;
}

void WINAPI fxsapi_free(void)
{
}
