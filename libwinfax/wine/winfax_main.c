/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winfax.dll for Wine: a Winelib builtin that gives unmodified Windows
 * programs (PE, linked with WINFAX.dll) the fax API of this project.
 *
 * Every export is a WINAPI (ms_abi) entry point that calls libwinfax's
 * System V function of the same name.  Between the two it does what
 * differs between a Windows process under Wine and a Linux program:
 *  - libwinfax is reached through dlopen/dlsym on libwinfax.so.1, loaded
 *    with RTLD_LOCAL: libwinfax exports kernel32 names (GetLastError,
 *    CloseHandle, LocalFree, the completion port functions) and the
 *    program's must stay Wine's.  libwinfax is linked with
 *    -Bsymbolic-functions so that its own calls stay inside it too.
 *  - a call that fails copies libwinfax's per-thread code into Wine's
 *    (SetLastError: the thread's TEB), so GetLastError works as on
 *    Windows, also through GetProcAddress.
 *  - A strings are in the process's ANSI code page (CP_ACP); libwinfax's
 *    A functions take UTF-8.  Arguments are converted ACP -> UTF-8 with
 *    Wine's converters, results UTF-8 -> ACP in place (an ANSI code
 *    page never needs more bytes than UTF-8 for the same text).
 *  - document paths are Windows paths (C:\..., Z:\..., relative to the
 *    current directory): wine_get_unix_file_name turns them into the
 *    Unix path libwinfax opens.
 *  - a completion port given to FaxInitializeEventQueue is Wine's: a
 *    bridge thread waits on a libwinfax port and posts each FAX_EVENT to
 *    the program's port, copied into memory from Wine's LocalAlloc, which
 *    the program frees with Wine's LocalFree.
 *  - the broadcast callback is the program's WINAPI function, called
 *    through a System V trampoline.
 * Buffers handed out by libwinfax are freed by libwinfax's FaxFreeBuffer.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <windef.h>
#include <winbase.h>
#include <winnls.h>
#include <winerror.h>

#include "winfax.h"

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

/* The fax functions as libwinfax exports them (System V), and the base
 * functions of libwinfax the event bridge needs. */
#define WINFAX_FUNCTIONS(X)                                                              \
    X(FaxAbort, PFAXABORT) X(FaxAccessCheck, PFAXACCESSCHECK) X(FaxClose, PFAXCLOSE)       \
    X(FaxCompleteJobParamsA, PFAXCOMPLETEJOBPARAMSA)                                        \
    X(FaxCompleteJobParamsW, PFAXCOMPLETEJOBPARAMSW)                                        \
    X(FaxConnectFaxServerA, PFAXCONNECTFAXSERVERA)                                          \
    X(FaxConnectFaxServerW, PFAXCONNECTFAXSERVERW)                                          \
    X(FaxEnableRoutingMethodA, PFAXENABLEROUTINGMETHODA)                                    \
    X(FaxEnableRoutingMethodW, PFAXENABLEROUTINGMETHODW)                                    \
    X(FaxEnumGlobalRoutingInfoA, PFAXENUMGLOBALROUTINGINFOA)                                \
    X(FaxEnumGlobalRoutingInfoW, PFAXENUMGLOBALROUTINGINFOW)                                \
    X(FaxEnumJobsA, PFAXENUMJOBSA) X(FaxEnumJobsW, PFAXENUMJOBSW)                           \
    X(FaxEnumPortsA, PFAXENUMPORTSA) X(FaxEnumPortsW, PFAXENUMPORTSW)                       \
    X(FaxEnumRoutingMethodsA, PFAXENUMROUTINGMETHODSA)                                      \
    X(FaxEnumRoutingMethodsW, PFAXENUMROUTINGMETHODSW)                                      \
    X(FaxFreeBuffer, PFAXFREEBUFFER)                                                        \
    X(FaxGetConfigurationA, PFAXGETCONFIGURATIONA)                                          \
    X(FaxGetConfigurationW, PFAXGETCONFIGURATIONW)                                          \
    X(FaxGetDeviceStatusA, PFAXGETDEVICESTATUSA)                                            \
    X(FaxGetDeviceStatusW, PFAXGETDEVICESTATUSW)                                            \
    X(FaxGetJobA, PFAXGETJOBA) X(FaxGetJobW, PFAXGETJOBW)                                   \
    X(FaxGetLoggingCategoriesA, PFAXGETLOGGINGCATEGORIESA)                                  \
    X(FaxGetLoggingCategoriesW, PFAXGETLOGGINGCATEGORIESW)                                  \
    X(FaxGetPageData, PFAXGETPAGEDATA)                                                      \
    X(FaxGetPortA, PFAXGETPORTA) X(FaxGetPortW, PFAXGETPORTW)                               \
    X(FaxGetRoutingInfoA, PFAXGETROUTINGINFOA) X(FaxGetRoutingInfoW, PFAXGETROUTINGINFOW)   \
    X(FaxInitializeEventQueue, PFAXINITIALIZEEVENTQUEUE)                                    \
    X(FaxOpenPort, PFAXOPENPORT)                                                            \
    X(FaxPrintCoverPageA, PFAXPRINTCOVERPAGEA) X(FaxPrintCoverPageW, PFAXPRINTCOVERPAGEW)   \
    X(FaxRegisterRoutingExtensionW, PFAXREGISTERROUTINGEXTENSIONW)                          \
    X(FaxRegisterServiceProviderW, PFAXREGISTERSERVICEPROVIDERW)                            \
    X(FaxSendDocumentA, PFAXSENDDOCUMENTA)                                                  \
    X(FaxSendDocumentForBroadcastA, PFAXSENDDOCUMENTFORBROADCASTA)                          \
    X(FaxSendDocumentForBroadcastW, PFAXSENDDOCUMENTFORBROADCASTW)                          \
    X(FaxSendDocumentW, PFAXSENDDOCUMENTW)                                                  \
    X(FaxSetConfigurationA, PFAXSETCONFIGURATIONA)                                          \
    X(FaxSetConfigurationW, PFAXSETCONFIGURATIONW)                                          \
    X(FaxSetGlobalRoutingInfoA, PFAXSETGLOBALROUTINGINFOA)                                  \
    X(FaxSetGlobalRoutingInfoW, PFAXSETGLOBALROUTINGINFOW)                                  \
    X(FaxSetJobA, PFAXSETJOBA) X(FaxSetJobW, PFAXSETJOBW)                                   \
    X(FaxSetLoggingCategoriesA, PFAXSETLOGGINGCATEGORIESA)                                  \
    X(FaxSetLoggingCategoriesW, PFAXSETLOGGINGCATEGORIESW)                                  \
    X(FaxSetPortA, PFAXSETPORTA) X(FaxSetPortW, PFAXSETPORTW)                               \
    X(FaxSetRoutingInfoA, PFAXSETROUTINGINFOA) X(FaxSetRoutingInfoW, PFAXSETROUTINGINFOW)   \
    X(FaxStartPrintJobA, PFAXSTARTPRINTJOBA) X(FaxStartPrintJobW, PFAXSTARTPRINTJOBW)       \
    X(FaxUnregisterServiceProviderW, PFAXUNREGISTERSERVICEPROVIDERW)

typedef DWORD (*winfax_get_last_error_fn)(void);
typedef HANDLE (*winfax_create_port_fn)(HANDLE, HANDLE, ULONG_PTR, DWORD);
typedef BOOL (*winfax_get_queued_fn)(HANDLE, LPDWORD, PULONG_PTR, LPOVERLAPPED *, DWORD);
typedef BOOL (*winfax_close_handle_fn)(HANDLE);
typedef HLOCAL (*winfax_local_free_fn)(HLOCAL);

#define WINFAX_BASE_FUNCTIONS(X)                                                         \
    X(WinfaxGetLastError, winfax_get_last_error_fn)                                      \
    X(CreateIoCompletionPort, winfax_create_port_fn)                                     \
    X(GetQueuedCompletionStatus, winfax_get_queued_fn)                                   \
    X(CloseHandle, winfax_close_handle_fn) X(LocalFree, winfax_local_free_fn)

/* Members are prefixed: in Winelib mode winfax.h makes the bare fax
 * names function-like macros (its last-error bridge). */
static struct {
#define WINFAX_MEMBER(name, type) type p_##name;
    WINFAX_FUNCTIONS(WINFAX_MEMBER)
    WINFAX_BASE_FUNCTIONS(WINFAX_MEMBER)
#undef WINFAX_MEMBER
} lib;

static void *lib_handle;

#ifndef WINFAX_LIBRARY
#define WINFAX_LIBRARY "libwinfax.so.1"
#endif

static BOOL load_libwinfax(void)
{
    void *symbol;

    lib_handle = dlopen(WINFAX_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!lib_handle) {
        fprintf(stderr, "winfax.dll: %s\n", dlerror());
        return FALSE;
    }
    /* Each through a void * so that the object-to-function pointer cast
     * is the one POSIX dlsym documents. */
#define WINFAX_LOAD(name, type)                                                          \
    symbol = dlsym(lib_handle, #name);                                                   \
    if (!symbol) {                                                                       \
        fprintf(stderr, "winfax.dll: %s lacks %s\n", WINFAX_LIBRARY, #name);             \
        dlclose(lib_handle);                                                             \
        lib_handle = NULL;                                                               \
        return FALSE;                                                                    \
    }                                                                                    \
    memcpy(&lib.p_##name, &symbol, sizeof(symbol));
    WINFAX_FUNCTIONS(WINFAX_LOAD)
    WINFAX_BASE_FUNCTIONS(WINFAX_LOAD)
#undef WINFAX_LOAD
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(instance);
        return load_libwinfax();
    }
    return TRUE;
}

/* A failing call's code reaches the program's GetLastError. */
static BOOL winfax_result(BOOL ok)
{
    if (!ok)
        SetLastError(lib.p_WinfaxGetLastError());
    return ok;
}

static BOOL fail(DWORD code)
{
    SetLastError(code);
    return FALSE;
}

static void *heap_alloc(SIZE_T size)
{
    return HeapAlloc(GetProcessHeap(), 0, size);
}

static void heap_free(void *memory)
{
    if (memory)
        HeapFree(GetProcessHeap(), 0, memory);
}

/* --- strings ------------------------------------------------------------- */

/* Text in one code page to another through UTF-16, with Wine's
 * converters.  NULL stays NULL; invalid input fails (errors reported). */
static WCHAR *to_wide(UINT codepage, const char *text)
{
    int count = MultiByteToWideChar(codepage, MB_ERR_INVALID_CHARS, text, -1, NULL, 0);
    WCHAR *wide;

    if (count <= 0)
        return NULL;
    wide = heap_alloc(count * sizeof(WCHAR));
    if (wide && MultiByteToWideChar(codepage, MB_ERR_INVALID_CHARS, text, -1, wide, count) <= 0) {
        heap_free(wide);
        return NULL;
    }
    return wide;
}

static char *to_utf8(const WCHAR *wide)
{
    int size = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    char *text;

    if (size <= 0)
        return NULL;
    text = heap_alloc(size);
    if (text && WideCharToMultiByte(CP_UTF8, 0, wide, -1, text, size, NULL, NULL) <= 0) {
        heap_free(text);
        return NULL;
    }
    return text;
}

/* The strings one call converted, freed together when it returns. */
struct conversions {
    void *blocks[64];
    unsigned int count;
    BOOL failed;
};

static void *keep(struct conversions *kept, void *block)
{
    if (!block || kept->count == ARRAY_SIZE(kept->blocks)) {
        heap_free(block);
        kept->failed = TRUE;
        return NULL;
    }
    kept->blocks[kept->count++] = block;
    return block;
}

static void release(struct conversions *kept)
{
    while (kept->count)
        heap_free(kept->blocks[--kept->count]);
}

/* An A argument from the program (ANSI code page) as libwinfax's UTF-8. */
static const char *acp_to_utf8(struct conversions *kept, const char *text)
{
    WCHAR *wide;
    char *utf8;

    if (!text)
        return NULL;
    wide = to_wide(CP_ACP, text);
    if (!wide) {
        kept->failed = TRUE;
        return NULL;
    }
    utf8 = to_utf8(wide);
    heap_free(wide);
    return keep(kept, utf8);
}

/* Offsets of the string fields of an A structure. */
struct string_fields {
    size_t size;
    const size_t *offsets;
    unsigned int count;
};

#define STRING_FIELDS(type, ...)                                                         \
    static const size_t type##_offsets[] = { __VA_ARGS__ };                              \
    static const struct string_fields type##_fields = {                                  \
        sizeof(type), type##_offsets, ARRAY_SIZE(type##_offsets)                         \
    }

STRING_FIELDS(FAX_PORT_INFOA, offsetof(FAX_PORT_INFOA, DeviceName),
              offsetof(FAX_PORT_INFOA, Tsid), offsetof(FAX_PORT_INFOA, Csid));
STRING_FIELDS(FAX_DEVICE_STATUSA, offsetof(FAX_DEVICE_STATUSA, CallerId),
              offsetof(FAX_DEVICE_STATUSA, Csid), offsetof(FAX_DEVICE_STATUSA, DeviceName),
              offsetof(FAX_DEVICE_STATUSA, DocumentName),
              offsetof(FAX_DEVICE_STATUSA, PhoneNumber),
              offsetof(FAX_DEVICE_STATUSA, RoutingString),
              offsetof(FAX_DEVICE_STATUSA, SenderName),
              offsetof(FAX_DEVICE_STATUSA, RecipientName),
              offsetof(FAX_DEVICE_STATUSA, StatusString), offsetof(FAX_DEVICE_STATUSA, Tsid),
              offsetof(FAX_DEVICE_STATUSA, UserName));
STRING_FIELDS(FAX_JOB_ENTRYA, offsetof(FAX_JOB_ENTRYA, UserName),
              offsetof(FAX_JOB_ENTRYA, RecipientNumber), offsetof(FAX_JOB_ENTRYA, RecipientName),
              offsetof(FAX_JOB_ENTRYA, Tsid), offsetof(FAX_JOB_ENTRYA, SenderName),
              offsetof(FAX_JOB_ENTRYA, SenderCompany), offsetof(FAX_JOB_ENTRYA, SenderDept),
              offsetof(FAX_JOB_ENTRYA, BillingCode),
              offsetof(FAX_JOB_ENTRYA, DeliveryReportAddress),
              offsetof(FAX_JOB_ENTRYA, DocumentName));
STRING_FIELDS(FAX_JOB_PARAMA, offsetof(FAX_JOB_PARAMA, RecipientNumber),
              offsetof(FAX_JOB_PARAMA, RecipientName), offsetof(FAX_JOB_PARAMA, Tsid),
              offsetof(FAX_JOB_PARAMA, SenderName), offsetof(FAX_JOB_PARAMA, SenderCompany),
              offsetof(FAX_JOB_PARAMA, SenderDept), offsetof(FAX_JOB_PARAMA, BillingCode),
              offsetof(FAX_JOB_PARAMA, DeliveryReportAddress),
              offsetof(FAX_JOB_PARAMA, DocumentName));
STRING_FIELDS(FAX_COVERPAGE_INFOA, offsetof(FAX_COVERPAGE_INFOA, CoverPageName),
              offsetof(FAX_COVERPAGE_INFOA, RecName), offsetof(FAX_COVERPAGE_INFOA, RecFaxNumber),
              offsetof(FAX_COVERPAGE_INFOA, RecCompany),
              offsetof(FAX_COVERPAGE_INFOA, RecStreetAddress),
              offsetof(FAX_COVERPAGE_INFOA, RecCity), offsetof(FAX_COVERPAGE_INFOA, RecState),
              offsetof(FAX_COVERPAGE_INFOA, RecZip), offsetof(FAX_COVERPAGE_INFOA, RecCountry),
              offsetof(FAX_COVERPAGE_INFOA, RecTitle),
              offsetof(FAX_COVERPAGE_INFOA, RecDepartment),
              offsetof(FAX_COVERPAGE_INFOA, RecOfficeLocation),
              offsetof(FAX_COVERPAGE_INFOA, RecHomePhone),
              offsetof(FAX_COVERPAGE_INFOA, RecOfficePhone),
              offsetof(FAX_COVERPAGE_INFOA, SdrName), offsetof(FAX_COVERPAGE_INFOA, SdrFaxNumber),
              offsetof(FAX_COVERPAGE_INFOA, SdrCompany), offsetof(FAX_COVERPAGE_INFOA, SdrAddress),
              offsetof(FAX_COVERPAGE_INFOA, SdrTitle),
              offsetof(FAX_COVERPAGE_INFOA, SdrDepartment),
              offsetof(FAX_COVERPAGE_INFOA, SdrOfficeLocation),
              offsetof(FAX_COVERPAGE_INFOA, SdrHomePhone),
              offsetof(FAX_COVERPAGE_INFOA, SdrOfficePhone), offsetof(FAX_COVERPAGE_INFOA, Note),
              offsetof(FAX_COVERPAGE_INFOA, Subject));
STRING_FIELDS(FAX_CONFIGURATIONA, offsetof(FAX_CONFIGURATIONA, ArchiveDirectory),
              offsetof(FAX_CONFIGURATIONA, Reserved));
STRING_FIELDS(FAX_LOG_CATEGORYA, offsetof(FAX_LOG_CATEGORYA, Name));
STRING_FIELDS(FAX_ROUTING_METHODA, offsetof(FAX_ROUTING_METHODA, DeviceName),
              offsetof(FAX_ROUTING_METHODA, Guid), offsetof(FAX_ROUTING_METHODA, FriendlyName),
              offsetof(FAX_ROUTING_METHODA, FunctionName),
              offsetof(FAX_ROUTING_METHODA, ExtensionImageName),
              offsetof(FAX_ROUTING_METHODA, ExtensionFriendlyName));
STRING_FIELDS(FAX_GLOBAL_ROUTING_INFOA, offsetof(FAX_GLOBAL_ROUTING_INFOA, Guid),
              offsetof(FAX_GLOBAL_ROUTING_INFOA, FriendlyName),
              offsetof(FAX_GLOBAL_ROUTING_INFOA, FunctionName),
              offsetof(FAX_GLOBAL_ROUTING_INFOA, ExtensionImageName),
              offsetof(FAX_GLOBAL_ROUTING_INFOA, ExtensionFriendlyName));

static const char **field_at(void *record, size_t offset)
{
    return (const char **)((char *)record + offset);
}

/* A copy of `count` A structures from the program with every string
 * field in UTF-8.  NULL in, NULL out. */
static void *structures_to_utf8(struct conversions *kept, const void *records,
                                DWORD count, const struct string_fields *fields)
{
    char *copy;

    if (!records)
        return NULL;
    copy = keep(kept, heap_alloc(fields->size * (count ? count : 1)));
    if (!copy)
        return NULL;
    memcpy(copy, records, fields->size * count);
    for (DWORD i = 0; i < count; i++)
        for (unsigned int f = 0; f < fields->count; f++) {
            const char **field = field_at(copy + i * fields->size, fields->offsets[f]);
            if (*field)
                *field = acp_to_utf8(kept, *field);
        }
    return copy;
}

/* One string of a libwinfax result, UTF-8 -> ANSI code page, in place.
 * The result is never longer: characters that need more than one byte
 * in an ANSI code page need at least as many in UTF-8, and characters
 * the code page lacks become its default character. */
static void utf8_to_acp_in_place(char *text)
{
    WCHAR *wide;
    int size = (int)strlen(text) + 1;

    wide = to_wide(CP_UTF8, text);
    if (!wide)
        return;
    WideCharToMultiByte(CP_ACP, 0, wide, -1, text, size, NULL, NULL);
    text[size - 1] = '\0';
    heap_free(wide);
}

/* Every string of a one-block A result, converted once even when two
 * fields share a string. */
static void result_to_acp(void *records, DWORD count, const struct string_fields *fields)
{
    char *base = records;

    if (!records)
        return;
    for (DWORD i = 0; i < count; i++)
        for (unsigned int f = 0; f < fields->count; f++) {
            char *text = (char *)*field_at(base + i * fields->size, fields->offsets[f]);
            BOOL seen = FALSE;

            if (!text)
                continue;
            for (DWORD j = 0; j <= i && !seen; j++)
                for (unsigned int g = 0; g < fields->count && !seen; g++) {
                    if (j == i && g == f)
                        break;
                    seen = *field_at(base + j * fields->size, fields->offsets[g]) == text;
                }
            if (!seen)
                utf8_to_acp_in_place(text);
        }
}

/* --- paths --------------------------------------------------------------- */

/* A Windows path (drive letter, UNC, or relative to the current
 * directory) as the Unix path libwinfax opens, in UTF-8.  NULL when the
 * path has no Unix name (ERROR_PATH_NOT_FOUND reported). */
static const char *unix_path(struct conversions *kept, const WCHAR *windows_path)
{
    char *from_wine;
    char *copy;
    size_t length;

    if (!windows_path)
        return NULL;
    from_wine = wine_get_unix_file_name(windows_path);
    if (!from_wine) {
        kept->failed = TRUE;
        return NULL;
    }
    length = strlen(from_wine) + 1;
    copy = keep(kept, heap_alloc(length));
    if (copy)
        memcpy(copy, from_wine, length);
    HeapFree(GetProcessHeap(), 0, from_wine);
    return copy;
}

static const char *unix_path_a(struct conversions *kept, const char *windows_path)
{
    WCHAR *wide;
    const char *path;

    if (!windows_path)
        return NULL;
    wide = to_wide(CP_ACP, windows_path);
    if (!wide) {
        kept->failed = TRUE;
        return NULL;
    }
    path = unix_path(kept, wide);
    heap_free(wide);
    return path;
}

/* libwinfax's W functions take UTF-16; a Unix path is UTF-8. */
static const WCHAR *unix_path_w(struct conversions *kept, const WCHAR *windows_path)
{
    const char *path = unix_path(kept, windows_path);

    return path ? keep(kept, to_wide(CP_UTF8, path)) : NULL;
}

/* --- pass-through entry points -------------------------------------------- */

BOOL WINAPI wine_FaxConnectFaxServerW(LPCWSTR MachineName, LPHANDLE FaxHandle)
{
    return winfax_result(lib.p_FaxConnectFaxServerW(MachineName, FaxHandle));
}

BOOL WINAPI wine_FaxClose(HANDLE FaxHandle)
{
    return winfax_result(lib.p_FaxClose(FaxHandle));
}

BOOL WINAPI wine_FaxOpenPort(HANDLE FaxHandle, DWORD DeviceId, DWORD Flags, LPHANDLE Port)
{
    return winfax_result(lib.p_FaxOpenPort(FaxHandle, DeviceId, Flags, Port));
}

BOOL WINAPI wine_FaxEnumPortsW(HANDLE FaxHandle, PFAX_PORT_INFOW *PortInfo, LPDWORD Returned)
{
    return winfax_result(lib.p_FaxEnumPortsW(FaxHandle, PortInfo, Returned));
}

BOOL WINAPI wine_FaxGetPortW(HANDLE Port, PFAX_PORT_INFOW *PortInfo)
{
    return winfax_result(lib.p_FaxGetPortW(Port, PortInfo));
}

BOOL WINAPI wine_FaxSetPortW(HANDLE Port, const FAX_PORT_INFOW *PortInfo)
{
    return winfax_result(lib.p_FaxSetPortW(Port, PortInfo));
}

BOOL WINAPI wine_FaxGetDeviceStatusW(HANDLE Port, PFAX_DEVICE_STATUSW *DeviceStatus)
{
    return winfax_result(lib.p_FaxGetDeviceStatusW(Port, DeviceStatus));
}

BOOL WINAPI wine_FaxEnumJobsW(HANDLE FaxHandle, PFAX_JOB_ENTRYW *JobEntry, LPDWORD Returned)
{
    return winfax_result(lib.p_FaxEnumJobsW(FaxHandle, JobEntry, Returned));
}

BOOL WINAPI wine_FaxGetJobW(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYW *JobEntry)
{
    return winfax_result(lib.p_FaxGetJobW(FaxHandle, JobId, JobEntry));
}

BOOL WINAPI wine_FaxSetJobW(HANDLE FaxHandle, DWORD JobId, DWORD Command,
                            const FAX_JOB_ENTRYW *JobEntry)
{
    return winfax_result(lib.p_FaxSetJobW(FaxHandle, JobId, Command, JobEntry));
}

/* JobEntry must be NULL (libwinfax checks): nothing to convert. */
BOOL WINAPI wine_FaxSetJobA(HANDLE FaxHandle, DWORD JobId, DWORD Command,
                            const FAX_JOB_ENTRYA *JobEntry)
{
    return winfax_result(lib.p_FaxSetJobA(FaxHandle, JobId, Command, JobEntry));
}

BOOL WINAPI wine_FaxAbort(HANDLE FaxHandle, DWORD JobId)
{
    return winfax_result(lib.p_FaxAbort(FaxHandle, JobId));
}

BOOL WINAPI wine_FaxGetPageData(HANDLE FaxHandle, DWORD JobId, LPBYTE *Buffer,
                                LPDWORD BufferSize, LPDWORD ImageWidth, LPDWORD ImageHeight)
{
    return winfax_result(lib.p_FaxGetPageData(FaxHandle, JobId, Buffer, BufferSize,
                                              ImageWidth, ImageHeight));
}

BOOL WINAPI wine_FaxCompleteJobParamsW(PFAX_JOB_PARAMW *JobParams,
                                       PFAX_COVERPAGE_INFOW *CoverpageInfo)
{
    return winfax_result(lib.p_FaxCompleteJobParamsW(JobParams, CoverpageInfo));
}

BOOL WINAPI wine_FaxGetConfigurationW(HANDLE FaxHandle, PFAX_CONFIGURATIONW *FaxConfig)
{
    return winfax_result(lib.p_FaxGetConfigurationW(FaxHandle, FaxConfig));
}

BOOL WINAPI wine_FaxSetConfigurationW(HANDLE FaxHandle, const FAX_CONFIGURATIONW *FaxConfig)
{
    return winfax_result(lib.p_FaxSetConfigurationW(FaxHandle, FaxConfig));
}

BOOL WINAPI wine_FaxGetLoggingCategoriesW(HANDLE FaxHandle, PFAX_LOG_CATEGORYW *Categories,
                                          LPDWORD NumberCategories)
{
    return winfax_result(lib.p_FaxGetLoggingCategoriesW(FaxHandle, Categories, NumberCategories));
}

BOOL WINAPI wine_FaxSetLoggingCategoriesW(HANDLE FaxHandle, const FAX_LOG_CATEGORYW *Categories,
                                          DWORD NumberCategories)
{
    return winfax_result(lib.p_FaxSetLoggingCategoriesW(FaxHandle, Categories, NumberCategories));
}

/* FALSE with ERROR_SUCCESS means "not held": the code is copied whatever
 * it is, as libwinfax sets it on every FALSE. */
BOOL WINAPI wine_FaxAccessCheck(HANDLE FaxHandle, DWORD AccessMask)
{
    return winfax_result(lib.p_FaxAccessCheck(FaxHandle, AccessMask));
}

VOID WINAPI wine_FaxFreeBuffer(LPVOID Buffer)
{
    lib.p_FaxFreeBuffer(Buffer);
}

BOOL WINAPI wine_FaxStartPrintJobW(LPCWSTR PrinterName, const FAX_PRINT_INFOW *PrintInfo,
                                   LPDWORD FaxJobId, PFAX_CONTEXT_INFOW FaxContextInfo)
{
    return winfax_result(lib.p_FaxStartPrintJobW(PrinterName, PrintInfo, FaxJobId,
                                                 FaxContextInfo));
}

/* Printing fails on Linux whatever the strings say (no fax printer), so
 * the A forms are not converted. */
BOOL WINAPI wine_FaxStartPrintJobA(LPCSTR PrinterName, const FAX_PRINT_INFOA *PrintInfo,
                                   LPDWORD FaxJobId, PFAX_CONTEXT_INFOA FaxContextInfo)
{
    return winfax_result(lib.p_FaxStartPrintJobA(PrinterName, PrintInfo, FaxJobId,
                                                 FaxContextInfo));
}

BOOL WINAPI wine_FaxPrintCoverPageA(const FAX_CONTEXT_INFOA *FaxContextInfo,
                                    const FAX_COVERPAGE_INFOA *CoverPageInfo)
{
    return winfax_result(lib.p_FaxPrintCoverPageA(FaxContextInfo, CoverPageInfo));
}

BOOL WINAPI wine_FaxPrintCoverPageW(const FAX_CONTEXT_INFOW *FaxContextInfo,
                                    const FAX_COVERPAGE_INFOW *CoverPageInfo)
{
    return winfax_result(lib.p_FaxPrintCoverPageW(FaxContextInfo, CoverPageInfo));
}

BOOL WINAPI wine_FaxEnumRoutingMethodsW(HANDLE Port, PFAX_ROUTING_METHODW *RoutingMethod,
                                        LPDWORD MethodsReturned)
{
    return winfax_result(lib.p_FaxEnumRoutingMethodsW(Port, RoutingMethod, MethodsReturned));
}

BOOL WINAPI wine_FaxEnableRoutingMethodW(HANDLE Port, LPCWSTR RoutingGuid, BOOL Enabled)
{
    return winfax_result(lib.p_FaxEnableRoutingMethodW(Port, RoutingGuid, Enabled));
}

BOOL WINAPI wine_FaxGetRoutingInfoW(HANDLE Port, LPCWSTR RoutingGuid, LPBYTE *Buffer,
                                    LPDWORD BufferSize)
{
    return winfax_result(lib.p_FaxGetRoutingInfoW(Port, RoutingGuid, Buffer, BufferSize));
}

BOOL WINAPI wine_FaxSetRoutingInfoW(HANDLE Port, LPCWSTR RoutingGuid, const BYTE *Buffer,
                                    DWORD BufferSize)
{
    return winfax_result(lib.p_FaxSetRoutingInfoW(Port, RoutingGuid, Buffer, BufferSize));
}

BOOL WINAPI wine_FaxEnumGlobalRoutingInfoW(HANDLE FaxHandle,
                                           PFAX_GLOBAL_ROUTING_INFOW *RoutingInfo,
                                           LPDWORD MethodsReturned)
{
    return winfax_result(lib.p_FaxEnumGlobalRoutingInfoW(FaxHandle, RoutingInfo,
                                                         MethodsReturned));
}

BOOL WINAPI wine_FaxSetGlobalRoutingInfoW(HANDLE FaxHandle,
                                          const FAX_GLOBAL_ROUTING_INFOW *RoutingInfo)
{
    return winfax_result(lib.p_FaxSetGlobalRoutingInfoW(FaxHandle, RoutingInfo));
}

BOOL WINAPI wine_FaxRegisterServiceProviderW(LPCWSTR DeviceProvider, LPCWSTR FriendlyName,
                                             LPCWSTR ImageName, LPCWSTR TspName)
{
    return winfax_result(lib.p_FaxRegisterServiceProviderW(DeviceProvider, FriendlyName,
                                                           ImageName, TspName));
}

BOOL WINAPI wine_FaxUnregisterServiceProviderW(LPCWSTR DeviceProvider)
{
    return winfax_result(lib.p_FaxUnregisterServiceProviderW(DeviceProvider));
}

/* libwinfax checks the arguments and fails (no routing extensions on
 * Linux); it never calls the callback, so the program's WINAPI pointer
 * is passed only to be checked for NULL. */
BOOL WINAPI wine_FaxRegisterRoutingExtensionW(HANDLE FaxHandle, LPCWSTR ExtensionName,
                                              LPCWSTR FriendlyName, LPCWSTR ImageName,
                                              void *CallBack, LPVOID Context)
{
    PFAX_ROUTING_INSTALLATION_CALLBACKW never_called = NULL;

    memcpy(&never_called, &CallBack, sizeof(CallBack));
    return winfax_result(lib.p_FaxRegisterRoutingExtensionW(FaxHandle, ExtensionName,
                                                            FriendlyName, ImageName,
                                                            never_called, Context));
}

/* --- A forms: arguments ACP -> UTF-8, results UTF-8 -> ACP ----------------- */

BOOL WINAPI wine_FaxConnectFaxServerA(LPCSTR MachineName, LPHANDLE FaxHandle)
{
    struct conversions kept = { .count = 0 };
    const char *machine = acp_to_utf8(&kept, MachineName);
    BOOL ok;

    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxConnectFaxServerA(machine, FaxHandle));
    release(&kept);
    return ok;
}

#define A_RESULT_LIST(name, handle_type, record_type)                                    \
    BOOL WINAPI wine_##name(handle_type Handle, record_type **Records, LPDWORD Returned)  \
    {                                                                                    \
        BOOL ok = winfax_result(lib.p_##name(Handle, Records, Returned));                 \
        if (ok && Records && Returned)                                                   \
            result_to_acp(*Records, *Returned, &record_type##_fields);                   \
        return ok;                                                                       \
    }

A_RESULT_LIST(FaxEnumPortsA, HANDLE, FAX_PORT_INFOA)
A_RESULT_LIST(FaxEnumJobsA, HANDLE, FAX_JOB_ENTRYA)
A_RESULT_LIST(FaxGetLoggingCategoriesA, HANDLE, FAX_LOG_CATEGORYA)
A_RESULT_LIST(FaxEnumRoutingMethodsA, HANDLE, FAX_ROUTING_METHODA)
A_RESULT_LIST(FaxEnumGlobalRoutingInfoA, HANDLE, FAX_GLOBAL_ROUTING_INFOA)

BOOL WINAPI wine_FaxGetPortA(HANDLE Port, PFAX_PORT_INFOA *PortInfo)
{
    BOOL ok = winfax_result(lib.p_FaxGetPortA(Port, PortInfo));

    if (ok && PortInfo)
        result_to_acp(*PortInfo, 1, &FAX_PORT_INFOA_fields);
    return ok;
}

BOOL WINAPI wine_FaxGetDeviceStatusA(HANDLE Port, PFAX_DEVICE_STATUSA *DeviceStatus)
{
    BOOL ok = winfax_result(lib.p_FaxGetDeviceStatusA(Port, DeviceStatus));

    if (ok && DeviceStatus)
        result_to_acp(*DeviceStatus, 1, &FAX_DEVICE_STATUSA_fields);
    return ok;
}

BOOL WINAPI wine_FaxGetJobA(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYA *JobEntry)
{
    BOOL ok = winfax_result(lib.p_FaxGetJobA(FaxHandle, JobId, JobEntry));

    if (ok && JobEntry)
        result_to_acp(*JobEntry, 1, &FAX_JOB_ENTRYA_fields);
    return ok;
}

BOOL WINAPI wine_FaxCompleteJobParamsA(PFAX_JOB_PARAMA *JobParams,
                                       PFAX_COVERPAGE_INFOA *CoverpageInfo)
{
    BOOL ok = winfax_result(lib.p_FaxCompleteJobParamsA(JobParams, CoverpageInfo));

    if (ok && JobParams && CoverpageInfo) {
        result_to_acp(*JobParams, 1, &FAX_JOB_PARAMA_fields);
        result_to_acp(*CoverpageInfo, 1, &FAX_COVERPAGE_INFOA_fields);
    }
    return ok;
}

BOOL WINAPI wine_FaxGetConfigurationA(HANDLE FaxHandle, PFAX_CONFIGURATIONA *FaxConfig)
{
    BOOL ok = winfax_result(lib.p_FaxGetConfigurationA(FaxHandle, FaxConfig));

    if (ok && FaxConfig)
        result_to_acp(*FaxConfig, 1, &FAX_CONFIGURATIONA_fields);
    return ok;
}

BOOL WINAPI wine_FaxSetPortA(HANDLE Port, const FAX_PORT_INFOA *PortInfo)
{
    struct conversions kept = { .count = 0 };
    const FAX_PORT_INFOA *info = structures_to_utf8(&kept, PortInfo, 1, &FAX_PORT_INFOA_fields);
    BOOL ok;

    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxSetPortA(Port, info));
    release(&kept);
    return ok;
}

BOOL WINAPI wine_FaxSetConfigurationA(HANDLE FaxHandle, const FAX_CONFIGURATIONA *FaxConfig)
{
    struct conversions kept = { .count = 0 };
    const FAX_CONFIGURATIONA *config =
        structures_to_utf8(&kept, FaxConfig, 1, &FAX_CONFIGURATIONA_fields);
    BOOL ok;

    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxSetConfigurationA(FaxHandle, config));
    release(&kept);
    return ok;
}

BOOL WINAPI wine_FaxSetLoggingCategoriesA(HANDLE FaxHandle, const FAX_LOG_CATEGORYA *Categories,
                                          DWORD NumberCategories)
{
    struct conversions kept = { .count = 0 };
    const FAX_LOG_CATEGORYA *categories = NULL;
    BOOL ok;

    /* More names than one call keeps are passed as they are: the names
     * are libwinfax's ASCII category names, or wrong anyway. */
    if (NumberCategories < ARRAY_SIZE(kept.blocks))
        categories = structures_to_utf8(&kept, Categories, NumberCategories,
                                        &FAX_LOG_CATEGORYA_fields);
    else
        categories = Categories;
    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxSetLoggingCategoriesA(FaxHandle, categories, NumberCategories));
    release(&kept);
    return ok;
}

BOOL WINAPI wine_FaxSetGlobalRoutingInfoA(HANDLE FaxHandle,
                                          const FAX_GLOBAL_ROUTING_INFOA *RoutingInfo)
{
    struct conversions kept = { .count = 0 };
    const FAX_GLOBAL_ROUTING_INFOA *info =
        structures_to_utf8(&kept, RoutingInfo, 1, &FAX_GLOBAL_ROUTING_INFOA_fields);
    BOOL ok;

    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxSetGlobalRoutingInfoA(FaxHandle, info));
    release(&kept);
    return ok;
}

BOOL WINAPI wine_FaxEnableRoutingMethodA(HANDLE Port, LPCSTR RoutingGuid, BOOL Enabled)
{
    struct conversions kept = { .count = 0 };
    const char *guid = acp_to_utf8(&kept, RoutingGuid);
    BOOL ok;

    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxEnableRoutingMethodA(Port, guid, Enabled));
    release(&kept);
    return ok;
}

BOOL WINAPI wine_FaxGetRoutingInfoA(HANDLE Port, LPCSTR RoutingGuid, LPBYTE *Buffer,
                                    LPDWORD BufferSize)
{
    struct conversions kept = { .count = 0 };
    const char *guid = acp_to_utf8(&kept, RoutingGuid);
    BOOL ok;

    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxGetRoutingInfoA(Port, guid, Buffer, BufferSize));
    release(&kept);
    return ok;
}

BOOL WINAPI wine_FaxSetRoutingInfoA(HANDLE Port, LPCSTR RoutingGuid, const BYTE *Buffer,
                                    DWORD BufferSize)
{
    struct conversions kept = { .count = 0 };
    const char *guid = acp_to_utf8(&kept, RoutingGuid);
    BOOL ok;

    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxSetRoutingInfoA(Port, guid, Buffer, BufferSize));
    release(&kept);
    return ok;
}

/* --- sending: Windows paths ----------------------------------------------- */

BOOL WINAPI wine_FaxSendDocumentA(HANDLE FaxHandle, LPCSTR FileName, PFAX_JOB_PARAMA JobParams,
                                  const FAX_COVERPAGE_INFOA *CoverpageInfo, LPDWORD FaxJobId)
{
    struct conversions kept = { .count = 0 };
    const char *path;
    PFAX_JOB_PARAMA params;
    const FAX_COVERPAGE_INFOA *cover;
    BOOL ok;

    path = unix_path_a(&kept, FileName);
    if (FileName && !path) {
        release(&kept);
        return fail(ERROR_PATH_NOT_FOUND);
    }
    params = structures_to_utf8(&kept, JobParams, 1, &FAX_JOB_PARAMA_fields);
    cover = structures_to_utf8(&kept, CoverpageInfo, 1, &FAX_COVERPAGE_INFOA_fields);
    if (kept.failed) {
        release(&kept);
        return fail(ERROR_NO_UNICODE_TRANSLATION);
    }
    ok = winfax_result(lib.p_FaxSendDocumentA(FaxHandle, path, params, cover, FaxJobId));
    release(&kept);
    return ok;
}

BOOL WINAPI wine_FaxSendDocumentW(HANDLE FaxHandle, LPCWSTR FileName, PFAX_JOB_PARAMW JobParams,
                                  const FAX_COVERPAGE_INFOW *CoverpageInfo, LPDWORD FaxJobId)
{
    struct conversions kept = { .count = 0 };
    const WCHAR *path = unix_path_w(&kept, FileName);
    BOOL ok;

    if (FileName && !path) {
        release(&kept);
        return fail(ERROR_PATH_NOT_FOUND);
    }
    ok = winfax_result(lib.p_FaxSendDocumentW(FaxHandle, path, JobParams, CoverpageInfo,
                                              FaxJobId));
    release(&kept);
    return ok;
}

/* The program's recipient callback is WINAPI (ms_abi); libwinfax calls a
 * System V one.  The context carries the program's function and its own
 * context; for the A form, the strings it fills in are turned into UTF-8
 * copies that live until the broadcast returns. */
typedef BOOL (WINAPI *program_recipient_callback_a)(HANDLE, DWORD, LPVOID, PFAX_JOB_PARAMA,
                                                    PFAX_COVERPAGE_INFOA);
typedef BOOL (WINAPI *program_recipient_callback_w)(HANDLE, DWORD, LPVOID, PFAX_JOB_PARAMW,
                                                    PFAX_COVERPAGE_INFOW);

struct broadcast_context {
    program_recipient_callback_a callback_a;
    program_recipient_callback_w callback_w;
    LPVOID context;
    struct conversions *kept;
};

static void strings_to_utf8_in_record(struct conversions *kept, void *record,
                                      const struct string_fields *fields)
{
    for (unsigned int f = 0; f < fields->count; f++) {
        const char **field = field_at(record, fields->offsets[f]);
        if (*field)
            *field = acp_to_utf8(kept, *field);
    }
}

static BOOL recipient_trampoline_a(HANDLE FaxHandle, DWORD RecipientNumber, LPVOID Context,
                                   PFAX_JOB_PARAMA JobParams, PFAX_COVERPAGE_INFOA CoverpageInfo)
{
    struct broadcast_context *broadcast = Context;

    if (!broadcast->callback_a(FaxHandle, RecipientNumber, broadcast->context, JobParams,
                               CoverpageInfo))
        return FALSE;
    /* Conversions kept past the limit fail the broadcast rather than
     * send a recipient's strings in the wrong encoding. */
    strings_to_utf8_in_record(broadcast->kept, JobParams, &FAX_JOB_PARAMA_fields);
    strings_to_utf8_in_record(broadcast->kept, CoverpageInfo, &FAX_COVERPAGE_INFOA_fields);
    if (broadcast->kept->failed)
        return FALSE;
    return TRUE;
}

static BOOL recipient_trampoline_w(HANDLE FaxHandle, DWORD RecipientNumber, LPVOID Context,
                                   PFAX_JOB_PARAMW JobParams, PFAX_COVERPAGE_INFOW CoverpageInfo)
{
    struct broadcast_context *broadcast = Context;

    return broadcast->callback_w(FaxHandle, RecipientNumber, broadcast->context, JobParams,
                                 CoverpageInfo);
}

BOOL WINAPI wine_FaxSendDocumentForBroadcastA(HANDLE FaxHandle, LPCSTR FileName,
                                              LPDWORD FaxJobId, void *FaxRecipientCallback,
                                              LPVOID Context)
{
    struct conversions kept = { .count = 0 };
    struct broadcast_context broadcast = { .context = Context, .kept = &kept };
    const char *path = unix_path_a(&kept, FileName);
    BOOL ok;

    if (FileName && !path) {
        release(&kept);
        return fail(ERROR_PATH_NOT_FOUND);
    }
    memcpy(&broadcast.callback_a, &FaxRecipientCallback, sizeof(FaxRecipientCallback));
    ok = winfax_result(lib.p_FaxSendDocumentForBroadcastA(
        FaxHandle, path, FaxJobId, FaxRecipientCallback ? recipient_trampoline_a : NULL,
        &broadcast));
    if (!ok && kept.failed)
        SetLastError(ERROR_NO_UNICODE_TRANSLATION);
    release(&kept);
    return ok;
}

BOOL WINAPI wine_FaxSendDocumentForBroadcastW(HANDLE FaxHandle, LPCWSTR FileName,
                                              LPDWORD FaxJobId, void *FaxRecipientCallback,
                                              LPVOID Context)
{
    struct conversions kept = { .count = 0 };
    struct broadcast_context broadcast = { .context = Context, .kept = &kept };
    const WCHAR *path = unix_path_w(&kept, FileName);
    BOOL ok;

    if (FileName && !path) {
        release(&kept);
        return fail(ERROR_PATH_NOT_FOUND);
    }
    memcpy(&broadcast.callback_w, &FaxRecipientCallback, sizeof(FaxRecipientCallback));
    ok = winfax_result(lib.p_FaxSendDocumentForBroadcastW(
        FaxHandle, path, FaxJobId, FaxRecipientCallback ? recipient_trampoline_w : NULL,
        &broadcast));
    release(&kept);
    return ok;
}

/* --- events ---------------------------------------------------------------- */

/* One subscription: libwinfax posts to its own port, a Wine thread moves
 * each event to the program's port. */
struct event_bridge {
    HANDLE winfax_port;
    HANDLE program_port;
};

/* How often the bridge looks whether the program closed its port while
 * no event came. */
#define EVENT_BRIDGE_POLL_MS 500

static DWORD WINAPI event_bridge_thread(LPVOID argument)
{
    struct event_bridge *bridge = argument;

    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED overlapped = NULL;
        FAX_EVENTW *event;
        FAX_EVENTW *copy;
        DWORD flags;

        if (!lib.p_GetQueuedCompletionStatus(bridge->winfax_port, &bytes, &key, &overlapped,
                                             EVENT_BRIDGE_POLL_MS)) {
            if (lib.p_WinfaxGetLastError() != WAIT_TIMEOUT)
                break;
            if (!GetHandleInformation(bridge->program_port, &flags))
                break;
            continue;
        }
        event = (FAX_EVENTW *)overlapped;
        /* The program frees it with Wine's LocalFree. */
        copy = LocalAlloc(LMEM_FIXED, sizeof(*copy));
        if (copy)
            memcpy(copy, event, sizeof(*copy));
        lib.p_LocalFree(event);
        if (copy && !PostQueuedCompletionStatus(bridge->program_port, bytes, key,
                                                (LPOVERLAPPED)copy)) {
            LocalFree(copy);
            break;
        }
    }
    /* Closing libwinfax's port ends the subscription (libwinfax stops and
     * joins its own thread). */
    lib.p_CloseHandle(bridge->winfax_port);
    heap_free(bridge);
    return 0;
}

BOOL WINAPI wine_FaxInitializeEventQueue(HANDLE FaxHandle, HANDLE CompletionPort,
                                         ULONG_PTR CompletionKey, HWND hWnd, UINT MessageStart)
{
    struct event_bridge *bridge;
    HANDLE thread;

    if (!CompletionPort || hWnd)
        return winfax_result(lib.p_FaxInitializeEventQueue(FaxHandle, CompletionPort,
                                                           CompletionKey, hWnd, MessageStart));
    bridge = heap_alloc(sizeof(*bridge));
    if (!bridge)
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    bridge->program_port = CompletionPort;
    bridge->winfax_port = lib.p_CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    if (!bridge->winfax_port) {
        heap_free(bridge);
        return winfax_result(FALSE);
    }
    if (!lib.p_FaxInitializeEventQueue(FaxHandle, bridge->winfax_port, CompletionKey, NULL,
                                       MessageStart)) {
        DWORD code = lib.p_WinfaxGetLastError();

        lib.p_CloseHandle(bridge->winfax_port);
        heap_free(bridge);
        return fail(code);
    }
    thread = CreateThread(NULL, 0, event_bridge_thread, bridge, 0, NULL);
    if (!thread) {
        DWORD code = GetLastError();

        lib.p_CloseHandle(bridge->winfax_port);
        heap_free(bridge);
        return fail(code);
    }
    CloseHandle(thread);
    return TRUE;
}
