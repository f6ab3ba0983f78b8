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
 *  - A strings are in the process's ANSI code page (CP_ACP).  The A
 *    entry points convert them to UTF-16 with Wine's MultiByteToWideChar
 *    and call libwinfax's W functions (WCHAR is 16 bits on both sides),
 *    never its A ones, which take the Unix locale's charset; results come
 *    from the W functions and are converted with WideCharToMultiByte.
 *  - paths are Windows paths (C:\..., Z:\..., relative to the current
 *    directory): the document of FaxSendDocument and the broadcast, a
 *    cover page file (CoverPageName unless UseServerCoverPage) and
 *    FAX_CONFIGURATION.ArchiveDirectory go to libwinfax as Unix paths
 *    (wine_get_unix_file_name), and ArchiveDirectory comes back as a
 *    Windows path (wine_get_dos_file_name).
 *  - every result is copied into one block of Wine's LocalAlloc, which
 *    this DLL's FaxFreeBuffer (and LocalFree) frees: see
 *    result_for_program.
 *  - a completion port given to FaxInitializeEventQueue is Wine's: a
 *    bridge thread waits on a libwinfax port and posts each FAX_EVENT to
 *    the program's port, copied into memory from Wine's LocalAlloc, which
 *    the program frees with Wine's LocalFree.
 *  - the broadcast callback is the program's WINAPI function, called
 *    through a System V trampoline.
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

/* The fax functions as libwinfax exports them (System V): the W forms
 * only (the A ones take the Unix locale's charset, not the program's
 * code page), and the base functions of libwinfax the event bridge needs. */
#define WINFAX_FUNCTIONS(X)                                                              \
    X(FaxAbort, PFAXABORT) X(FaxAccessCheck, PFAXACCESSCHECK) X(FaxClose, PFAXCLOSE)     \
    X(FaxCompleteJobParamsW, PFAXCOMPLETEJOBPARAMSW)                                     \
    X(FaxConnectFaxServerW, PFAXCONNECTFAXSERVERW)                                       \
    X(FaxEnableRoutingMethodW, PFAXENABLEROUTINGMETHODW)                                 \
    X(FaxEnumGlobalRoutingInfoW, PFAXENUMGLOBALROUTINGINFOW)                             \
    X(FaxEnumJobsW, PFAXENUMJOBSW) X(FaxEnumPortsW, PFAXENUMPORTSW)                      \
    X(FaxEnumRoutingMethodsW, PFAXENUMROUTINGMETHODSW)                                   \
    X(FaxFreeBuffer, PFAXFREEBUFFER) X(FaxGetConfigurationW, PFAXGETCONFIGURATIONW)      \
    X(FaxGetDeviceStatusW, PFAXGETDEVICESTATUSW) X(FaxGetJobW, PFAXGETJOBW)              \
    X(FaxGetLoggingCategoriesW, PFAXGETLOGGINGCATEGORIESW)                               \
    X(FaxGetPageData, PFAXGETPAGEDATA) X(FaxGetPortW, PFAXGETPORTW)                      \
    X(FaxGetRoutingInfoW, PFAXGETROUTINGINFOW)                                           \
    X(FaxInitializeEventQueue, PFAXINITIALIZEEVENTQUEUE)                                 \
    X(FaxOpenPort, PFAXOPENPORT) X(FaxPrintCoverPageW, PFAXPRINTCOVERPAGEW)              \
    X(FaxRegisterRoutingExtensionW, PFAXREGISTERROUTINGEXTENSIONW)                       \
    X(FaxRegisterServiceProviderW, PFAXREGISTERSERVICEPROVIDERW)                         \
    X(FaxSendDocumentForBroadcastW, PFAXSENDDOCUMENTFORBROADCASTW)                       \
    X(FaxSendDocumentW, PFAXSENDDOCUMENTW)                                               \
    X(FaxSetConfigurationW, PFAXSETCONFIGURATIONW)                                       \
    X(FaxSetGlobalRoutingInfoW, PFAXSETGLOBALROUTINGINFOW)                               \
    X(FaxSetJobW, PFAXSETJOBW)                                                           \
    X(FaxSetLoggingCategoriesW, PFAXSETLOGGINGCATEGORIESW)                               \
    X(FaxSetPortW, PFAXSETPORTW) X(FaxSetRoutingInfoW, PFAXSETROUTINGINFOW)              \
    X(FaxStartPrintJobW, PFAXSTARTPRINTJOBW)                                             \
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

/* Text in a code page as UTF-16, with Wine's converters.  NULL when the
 * text is not valid in that code page or memory ran out. */
static WCHAR *to_wide(UINT codepage, const char *text, int length, int *units)
{
    int count = MultiByteToWideChar(codepage, MB_ERR_INVALID_CHARS, text, length, NULL, 0);
    WCHAR *wide;

    if (count <= 0)
        return NULL;
    wide = heap_alloc(count * sizeof(WCHAR));
    if (wide && MultiByteToWideChar(codepage, MB_ERR_INVALID_CHARS, text, length, wide,
                                    count) <= 0) {
        heap_free(wide);
        return NULL;
    }
    if (units)
        *units = count;
    return wide;
}

/* UTF-16 as text in a code page.  For CP_ACP what the code page lacks
 * becomes its default character, as in Windows' own A functions. */
static char *from_wide(UINT codepage, const WCHAR *wide, int length, int *size)
{
    int bytes = WideCharToMultiByte(codepage, 0, wide, length, NULL, 0, NULL, NULL);
    char *text;

    if (bytes <= 0)
        return NULL;
    text = heap_alloc(bytes);
    if (text && WideCharToMultiByte(codepage, 0, wide, length, text, bytes, NULL, NULL) <= 0) {
        heap_free(text);
        return NULL;
    }
    if (size)
        *size = bytes;
    return text;
}

/* What one call converted, freed together when it returns, and the code
 * of its first failure. */
struct conversions {
    void **blocks;
    unsigned int count;
    unsigned int capacity;
    DWORD code;
};

static void conversion_failed(struct conversions *kept, DWORD code)
{
    if (kept->code == ERROR_SUCCESS)
        kept->code = code;
}

static void *keep(struct conversions *kept, void *block, DWORD code_if_null)
{
    if (!block) {
        conversion_failed(kept, code_if_null);
        return NULL;
    }
    if (kept->count == kept->capacity) {
        unsigned int capacity = kept->capacity ? kept->capacity * 2 : 16;
        void **grown = kept->blocks
                           ? HeapReAlloc(GetProcessHeap(), 0, kept->blocks,
                                         capacity * sizeof(*grown))
                           : heap_alloc(capacity * sizeof(*grown));

        if (!grown) {
            heap_free(block);
            conversion_failed(kept, ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        kept->blocks = grown;
        kept->capacity = capacity;
    }
    kept->blocks[kept->count++] = block;
    return block;
}

static void release(struct conversions *kept)
{
    while (kept->count)
        heap_free(kept->blocks[--kept->count]);
    heap_free(kept->blocks);
    kept->blocks = NULL;
    kept->capacity = 0;
}

/* --- paths --------------------------------------------------------------- */

/*
 * Wine's Unix paths are in the Unix locale's charset (CP_UNIXCP), and
 * libwinfax turns a W path into UTF-8: so a file name outside ASCII
 * reaches the right file in a UTF-8 locale (C.UTF-8, en_US.UTF-8, ...),
 * the usual case, and not in a locale with another charset.
 */

/* A Windows path (drive letter, UNC, or relative to the current
 * directory) as the Unix path libwinfax opens, in libwinfax's UTF-16.
 * NULL (ERROR_PATH_NOT_FOUND) when the path has no Unix name. */
static const WCHAR *unix_path(struct conversions *kept, const WCHAR *windows_path)
{
    char *from_wine;
    WCHAR *wide;

    from_wine = wine_get_unix_file_name(windows_path);
    if (!from_wine) {
        conversion_failed(kept, ERROR_PATH_NOT_FOUND);
        return NULL;
    }
    wide = to_wide(CP_UNIXCP, from_wine, -1, NULL);
    HeapFree(GetProcessHeap(), 0, from_wine);
    return keep(kept, wide, ERROR_PATH_NOT_FOUND);
}

/* libwinfax's Unix path (UTF-16) as the program's Windows path: Z:\... for
 * a file under the prefix's drive mapping.  A copy from the process heap,
 * or NULL. */
static WCHAR *dos_path(const WCHAR *unix_wide)
{
    char *unix_text = from_wide(CP_UNIXCP, unix_wide, -1, NULL);
    WCHAR *dos;

    if (!unix_text)
        return NULL;
    dos = wine_get_dos_file_name(unix_text);
    heap_free(unix_text);
    return dos;
}

/* --- structures ------------------------------------------------------------ */

/*
 * The string fields of each structure.  A and W forms have the same
 * layout (pointers in the same places), so one table serves both; the
 * offsets are the A form's.  A field is text, a path (Windows path in
 * the program, Unix path in libwinfax), or a cover page name, which is a
 * path unless UseServerCoverPage says it names a server cover page.
 */
enum field_kind { FIELD_TEXT, FIELD_PATH, FIELD_COVER_PAGE_NAME };

struct string_field {
    size_t offset;
    enum field_kind kind;
};

struct record_layout {
    size_t size;
    const struct string_field *fields;
    unsigned int count;
};

#define TEXT_FIELD(type, member) { offsetof(type, member), FIELD_TEXT }
#define LAYOUT(type, ...)                                                                \
    _Static_assert(sizeof(type##A) == sizeof(type##W), #type ": A and W sizes");         \
    static const struct string_field type##_fields[] = { __VA_ARGS__ };                  \
    static const struct record_layout type##_layout = {                                  \
        sizeof(type##A), type##_fields, ARRAY_SIZE(type##_fields)                        \
    }

LAYOUT(FAX_PORT_INFO, TEXT_FIELD(FAX_PORT_INFOA, DeviceName), TEXT_FIELD(FAX_PORT_INFOA, Tsid),
       TEXT_FIELD(FAX_PORT_INFOA, Csid));
LAYOUT(FAX_DEVICE_STATUS, TEXT_FIELD(FAX_DEVICE_STATUSA, CallerId), TEXT_FIELD(FAX_DEVICE_STATUSA, Csid),
       TEXT_FIELD(FAX_DEVICE_STATUSA, DeviceName), TEXT_FIELD(FAX_DEVICE_STATUSA, DocumentName),
       TEXT_FIELD(FAX_DEVICE_STATUSA, PhoneNumber), TEXT_FIELD(FAX_DEVICE_STATUSA, RoutingString),
       TEXT_FIELD(FAX_DEVICE_STATUSA, SenderName), TEXT_FIELD(FAX_DEVICE_STATUSA, RecipientName),
       TEXT_FIELD(FAX_DEVICE_STATUSA, StatusString), TEXT_FIELD(FAX_DEVICE_STATUSA, Tsid),
       TEXT_FIELD(FAX_DEVICE_STATUSA, UserName));
LAYOUT(FAX_JOB_ENTRY, TEXT_FIELD(FAX_JOB_ENTRYA, UserName), TEXT_FIELD(FAX_JOB_ENTRYA, RecipientNumber),
       TEXT_FIELD(FAX_JOB_ENTRYA, RecipientName), TEXT_FIELD(FAX_JOB_ENTRYA, Tsid),
       TEXT_FIELD(FAX_JOB_ENTRYA, SenderName), TEXT_FIELD(FAX_JOB_ENTRYA, SenderCompany),
       TEXT_FIELD(FAX_JOB_ENTRYA, SenderDept), TEXT_FIELD(FAX_JOB_ENTRYA, BillingCode),
       TEXT_FIELD(FAX_JOB_ENTRYA, DeliveryReportAddress), TEXT_FIELD(FAX_JOB_ENTRYA, DocumentName));
LAYOUT(FAX_JOB_PARAM, TEXT_FIELD(FAX_JOB_PARAMA, RecipientNumber), TEXT_FIELD(FAX_JOB_PARAMA, RecipientName),
       TEXT_FIELD(FAX_JOB_PARAMA, Tsid), TEXT_FIELD(FAX_JOB_PARAMA, SenderName),
       TEXT_FIELD(FAX_JOB_PARAMA, SenderCompany), TEXT_FIELD(FAX_JOB_PARAMA, SenderDept),
       TEXT_FIELD(FAX_JOB_PARAMA, BillingCode), TEXT_FIELD(FAX_JOB_PARAMA, DeliveryReportAddress),
       TEXT_FIELD(FAX_JOB_PARAMA, DocumentName));
LAYOUT(FAX_COVERPAGE_INFO,
       { offsetof(FAX_COVERPAGE_INFOA, CoverPageName), FIELD_COVER_PAGE_NAME },
       TEXT_FIELD(FAX_COVERPAGE_INFOA, RecName), TEXT_FIELD(FAX_COVERPAGE_INFOA, RecFaxNumber),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, RecCompany), TEXT_FIELD(FAX_COVERPAGE_INFOA, RecStreetAddress),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, RecCity), TEXT_FIELD(FAX_COVERPAGE_INFOA, RecState),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, RecZip), TEXT_FIELD(FAX_COVERPAGE_INFOA, RecCountry),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, RecTitle), TEXT_FIELD(FAX_COVERPAGE_INFOA, RecDepartment),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, RecOfficeLocation), TEXT_FIELD(FAX_COVERPAGE_INFOA, RecHomePhone),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, RecOfficePhone), TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrName),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrFaxNumber), TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrCompany),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrAddress), TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrTitle),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrDepartment), TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrOfficeLocation),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrHomePhone), TEXT_FIELD(FAX_COVERPAGE_INFOA, SdrOfficePhone),
       TEXT_FIELD(FAX_COVERPAGE_INFOA, Note), TEXT_FIELD(FAX_COVERPAGE_INFOA, Subject));
LAYOUT(FAX_CONFIGURATION, { offsetof(FAX_CONFIGURATIONA, ArchiveDirectory), FIELD_PATH },
       TEXT_FIELD(FAX_CONFIGURATIONA, Reserved));
LAYOUT(FAX_LOG_CATEGORY, TEXT_FIELD(FAX_LOG_CATEGORYA, Name));
LAYOUT(FAX_ROUTING_METHOD, TEXT_FIELD(FAX_ROUTING_METHODA, DeviceName), TEXT_FIELD(FAX_ROUTING_METHODA, Guid),
       TEXT_FIELD(FAX_ROUTING_METHODA, FriendlyName), TEXT_FIELD(FAX_ROUTING_METHODA, FunctionName),
       TEXT_FIELD(FAX_ROUTING_METHODA, ExtensionImageName),
       TEXT_FIELD(FAX_ROUTING_METHODA, ExtensionFriendlyName));
LAYOUT(FAX_GLOBAL_ROUTING_INFO, TEXT_FIELD(FAX_GLOBAL_ROUTING_INFOA, Guid),
       TEXT_FIELD(FAX_GLOBAL_ROUTING_INFOA, FriendlyName),
       TEXT_FIELD(FAX_GLOBAL_ROUTING_INFOA, FunctionName),
       TEXT_FIELD(FAX_GLOBAL_ROUTING_INFOA, ExtensionImageName),
       TEXT_FIELD(FAX_GLOBAL_ROUTING_INFOA, ExtensionFriendlyName));
LAYOUT(FAX_PRINT_INFO, TEXT_FIELD(FAX_PRINT_INFOA, DocName), TEXT_FIELD(FAX_PRINT_INFOA, RecipientName),
       TEXT_FIELD(FAX_PRINT_INFOA, RecipientNumber), TEXT_FIELD(FAX_PRINT_INFOA, SenderName),
       TEXT_FIELD(FAX_PRINT_INFOA, SenderCompany), TEXT_FIELD(FAX_PRINT_INFOA, SenderDept),
       TEXT_FIELD(FAX_PRINT_INFOA, SenderBillingCode), TEXT_FIELD(FAX_PRINT_INFOA, Reserved),
       TEXT_FIELD(FAX_PRINT_INFOA, DrEmailAddress), TEXT_FIELD(FAX_PRINT_INFOA, OutputFileName));

static const void **field_at(const void *record, size_t offset)
{
    return (const void **)((const char *)record + offset);
}

/* Whether a field is a path in this record (a cover page name is one
 * unless it names a server cover page); an empty string is never one. */
static BOOL field_is_path(const void *record, const struct string_field *field,
                          const WCHAR *text)
{
    if (!text[0] || field->kind == FIELD_TEXT)
        return FALSE;
    if (field->kind == FIELD_COVER_PAGE_NAME)
        return !((const FAX_COVERPAGE_INFOW *)record)->UseServerCoverPage;
    return TRUE;
}

/* How strings from the program are taken: A (CP_ACP) or W, and whether
 * path fields become Unix paths (not for functions that fail on Linux
 * whatever the path, so that they keep their own error codes). */
enum { FROM_ANSI = 1, CONVERT_PATHS = 2 };

/* One string from the program as libwinfax's W string. */
static const WCHAR *argument_to_wide(struct conversions *kept, const void *text, unsigned int how)
{
    const WCHAR *wide;

    if (!text)
        return NULL;
    if (how & FROM_ANSI)
        wide = keep(kept, to_wide(CP_ACP, text, -1, NULL), ERROR_NO_UNICODE_TRANSLATION);
    else
        wide = text;
    return wide;
}

/* A copy of `count` structures from the program in libwinfax's W form:
 * A strings converted from the ANSI code page, paths made Unix paths.
 * NULL in, NULL out; W structures without paths are passed as they are. */
static const void *records_to_wide(struct conversions *kept, const void *records, DWORD count,
                                   const struct record_layout *layout, unsigned int how)
{
    BOOL has_paths = FALSE;
    char *copy;

    if (!records)
        return NULL;
    for (unsigned int f = 0; f < layout->count; f++)
        has_paths |= layout->fields[f].kind != FIELD_TEXT;
    if (!(how & FROM_ANSI) && !((how & CONVERT_PATHS) && has_paths))
        return records;
    copy = keep(kept, heap_alloc(layout->size * (count ? count : 1)), ERROR_NOT_ENOUGH_MEMORY);
    if (!copy)
        return NULL;
    memcpy(copy, records, layout->size * count);
    for (DWORD i = 0; i < count; i++) {
        char *record = copy + i * layout->size;

        for (unsigned int f = 0; f < layout->count; f++) {
            const struct string_field *field = &layout->fields[f];
            const void **slot = field_at(record, field->offset);
            const WCHAR *wide = argument_to_wide(kept, *slot, how);

            if (wide && (how & CONVERT_PATHS) && field_is_path(record, field, wide))
                wide = unix_path(kept, wide);
            *slot = wide;
        }
    }
    return copy;
}

/* One string of a result in the program's form, as bytes to copy. */
struct result_string {
    const void *bytes;
    size_t size;
    void *owned; /* from the process heap, or NULL */
};

static BOOL result_string(const void *record, const struct string_field *field,
                          const WCHAR *wide, BOOL ansi, struct result_string *out)
{
    WCHAR *dos = NULL;
    int size;

    out->owned = NULL;
    if (field_is_path(record, field, wide)) {
        /* A Unix path with no Windows name stays as libwinfax gave it. */
        dos = dos_path(wide);
        if (dos)
            wide = dos;
    }
    if (ansi) {
        out->owned = from_wide(CP_ACP, wide, -1, &size);
        heap_free(dos);
        if (!out->owned)
            return FALSE;
        out->bytes = out->owned;
        out->size = (size_t)size;
        return TRUE;
    }
    out->owned = dos;
    out->bytes = wide;
    out->size = (lstrlenW(wide) + 1) * sizeof(WCHAR);
    return TRUE;
}

#define RESULT_ALIGNMENT sizeof(void *)

static size_t aligned(size_t size)
{
    return (size + RESULT_ALIGNMENT - 1) & ~(RESULT_ALIGNMENT - 1);
}

/*
 * Memory handed to the program.  The program frees what a fax function
 * returns with FaxFreeBuffer (some programs with LocalFree), and the
 * events of a completion port with LocalFree, all Wine's.  So no block of
 * libwinfax (glibc's malloc) ever reaches the program: each result is
 * copied into one block from Wine's LocalAlloc (LMEM_FIXED): the records,
 * then their strings in the program's form (A or W, Windows paths), and
 * libwinfax's block is freed at once with libwinfax's FaxFreeBuffer.  With
 * one owner for every block, this DLL's FaxFreeBuffer is LocalFree, and a
 * program that frees a result with LocalFree does no harm either.
 */
static void *result_for_program(const void *records, DWORD count,
                                const struct record_layout *layout, BOOL ansi, DWORD *code)
{
    size_t strings = (size_t)count * layout->count;
    struct result_string *pieces;
    size_t total = aligned(layout->size * count);
    char *block = NULL;
    size_t at;

    *code = ERROR_NOT_ENOUGH_MEMORY;
    pieces = heap_alloc((strings ? strings : 1) * sizeof(*pieces));
    if (!pieces)
        return NULL;
    memset(pieces, 0, (strings ? strings : 1) * sizeof(*pieces));
    for (size_t s = 0; s < strings; s++) {
        const char *record = (const char *)records + (s / layout->count) * layout->size;
        const struct string_field *field = &layout->fields[s % layout->count];
        const WCHAR *wide = *field_at(record, field->offset);

        if (wide && !result_string(record, field, wide, ansi, &pieces[s]))
            goto out;
        total += aligned(pieces[s].size);
    }
    block = LocalAlloc(LMEM_FIXED, total ? total : 1);
    if (!block)
        goto out;
    memcpy(block, records, layout->size * count);
    at = aligned(layout->size * count);
    for (size_t s = 0; s < strings; s++) {
        char *record = block + (s / layout->count) * layout->size;
        const void **slot = field_at(record, layout->fields[s % layout->count].offset);

        if (!pieces[s].bytes)
            continue;
        memcpy(block + at, pieces[s].bytes, pieces[s].size);
        *slot = block + at;
        at += aligned(pieces[s].size);
    }
    *code = ERROR_SUCCESS;
out:
    for (size_t s = 0; s < strings; s++)
        heap_free(pieces[s].owned);
    heap_free(pieces);
    return block;
}

/* libwinfax's result (W records) in the program's form into *out, and
 * libwinfax's block freed.  *out is a pointer to the program's pointer. */
static BOOL hand_out_records(void *out, void *result, DWORD count,
                             const struct record_layout *layout, BOOL ansi)
{
    DWORD code = ERROR_SUCCESS;
    void *copy = result ? result_for_program(result, count, layout, ansi, &code) : NULL;

    lib.p_FaxFreeBuffer(result);
    if (result && !copy)
        return fail(code);
    memcpy(out, &copy, sizeof(copy));
    return TRUE;
}

/* A byte buffer of libwinfax (page data, routing info) copied the same way. */
static BOOL hand_out_bytes(LPBYTE *out, BYTE *result, DWORD size)
{
    BYTE *copy = NULL;

    if (result) {
        copy = LocalAlloc(LMEM_FIXED, size ? size : 1);
        if (copy)
            memcpy(copy, result, size);
    }
    lib.p_FaxFreeBuffer(result);
    if (result && !copy)
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    *out = copy;
    return TRUE;
}

/* A call's converted arguments: TRUE when all converted, else the code. */
static BOOL converted(struct conversions *kept)
{
    if (kept->code == ERROR_SUCCESS)
        return TRUE;
    SetLastError(kept->code);
    release(kept);
    return FALSE;
}

static BOOL finished(struct conversions *kept, BOOL ok)
{
    release(kept);
    return ok;
}

/* --- server, ports, handles ------------------------------------------------ */

BOOL WINAPI wine_FaxConnectFaxServerW(LPCWSTR MachineName, LPHANDLE FaxHandle)
{
    return winfax_result(lib.p_FaxConnectFaxServerW(MachineName, FaxHandle));
}

BOOL WINAPI wine_FaxConnectFaxServerA(LPCSTR MachineName, LPHANDLE FaxHandle)
{
    struct conversions kept = { .count = 0 };
    const WCHAR *machine = argument_to_wide(&kept, MachineName, FROM_ANSI);

    if (!converted(&kept))
        return FALSE;
    return finished(&kept, winfax_result(lib.p_FaxConnectFaxServerW(machine, FaxHandle)));
}

BOOL WINAPI wine_FaxClose(HANDLE FaxHandle)
{
    return winfax_result(lib.p_FaxClose(FaxHandle));
}

BOOL WINAPI wine_FaxOpenPort(HANDLE FaxHandle, DWORD DeviceId, DWORD Flags, LPHANDLE Port)
{
    return winfax_result(lib.p_FaxOpenPort(FaxHandle, DeviceId, Flags, Port));
}

BOOL WINAPI wine_FaxAbort(HANDLE FaxHandle, DWORD JobId)
{
    return winfax_result(lib.p_FaxAbort(FaxHandle, JobId));
}

/* FALSE with ERROR_SUCCESS means "not held": the code is copied whatever
 * it is, as libwinfax sets it on every FALSE. */
BOOL WINAPI wine_FaxAccessCheck(HANDLE FaxHandle, DWORD AccessMask)
{
    return winfax_result(lib.p_FaxAccessCheck(FaxHandle, AccessMask));
}

VOID WINAPI wine_FaxFreeBuffer(LPVOID Buffer)
{
    /* Every block this DLL hands out is LocalAlloc'd (result_for_program). */
    if (Buffer)
        LocalFree(Buffer);
}

/* --- results: lists and single records --------------------------------------- */

/* NULL output pointers are libwinfax's to refuse, with its code. */
#define RESULT_LIST(name, w_name, record_type, w_record_type, layout, ansi)             \
    BOOL WINAPI wine_##name(HANDLE Handle, record_type **Records, LPDWORD Returned)      \
    {                                                                                    \
        w_record_type *result = NULL;                                                    \
        DWORD count = 0;                                                                 \
        if (!lib.p_##w_name(Handle, Records ? &result : NULL, Returned ? &count : NULL)) \
            return winfax_result(FALSE);                                                 \
        if (!hand_out_records(Records, result, count, &layout, ansi))                    \
            return FALSE;                                                                \
        *Returned = count;                                                               \
        return TRUE;                                                                     \
    }

#define RESULT_ONE(name, w_name, record_type, w_record_type, layout, ansi)              \
    BOOL WINAPI wine_##name(HANDLE Handle, record_type **Record)                         \
    {                                                                                    \
        w_record_type *result = NULL;                                                    \
        if (!lib.p_##w_name(Handle, Record ? &result : NULL))                            \
            return winfax_result(FALSE);                                                 \
        return hand_out_records(Record, result, 1, &layout, ansi);                       \
    }

RESULT_LIST(FaxEnumPortsW, FaxEnumPortsW, FAX_PORT_INFOW, FAX_PORT_INFOW, FAX_PORT_INFO_layout,
            FALSE)
RESULT_LIST(FaxEnumPortsA, FaxEnumPortsW, FAX_PORT_INFOA, FAX_PORT_INFOW, FAX_PORT_INFO_layout,
            TRUE)
RESULT_LIST(FaxEnumJobsW, FaxEnumJobsW, FAX_JOB_ENTRYW, FAX_JOB_ENTRYW, FAX_JOB_ENTRY_layout,
            FALSE)
RESULT_LIST(FaxEnumJobsA, FaxEnumJobsW, FAX_JOB_ENTRYA, FAX_JOB_ENTRYW, FAX_JOB_ENTRY_layout,
            TRUE)
RESULT_LIST(FaxGetLoggingCategoriesW, FaxGetLoggingCategoriesW, FAX_LOG_CATEGORYW,
            FAX_LOG_CATEGORYW, FAX_LOG_CATEGORY_layout, FALSE)
RESULT_LIST(FaxGetLoggingCategoriesA, FaxGetLoggingCategoriesW, FAX_LOG_CATEGORYA,
            FAX_LOG_CATEGORYW, FAX_LOG_CATEGORY_layout, TRUE)
RESULT_LIST(FaxEnumRoutingMethodsW, FaxEnumRoutingMethodsW, FAX_ROUTING_METHODW,
            FAX_ROUTING_METHODW, FAX_ROUTING_METHOD_layout, FALSE)
RESULT_LIST(FaxEnumRoutingMethodsA, FaxEnumRoutingMethodsW, FAX_ROUTING_METHODA,
            FAX_ROUTING_METHODW, FAX_ROUTING_METHOD_layout, TRUE)
RESULT_LIST(FaxEnumGlobalRoutingInfoW, FaxEnumGlobalRoutingInfoW, FAX_GLOBAL_ROUTING_INFOW,
            FAX_GLOBAL_ROUTING_INFOW, FAX_GLOBAL_ROUTING_INFO_layout, FALSE)
RESULT_LIST(FaxEnumGlobalRoutingInfoA, FaxEnumGlobalRoutingInfoW, FAX_GLOBAL_ROUTING_INFOA,
            FAX_GLOBAL_ROUTING_INFOW, FAX_GLOBAL_ROUTING_INFO_layout, TRUE)

RESULT_ONE(FaxGetPortW, FaxGetPortW, FAX_PORT_INFOW, FAX_PORT_INFOW, FAX_PORT_INFO_layout, FALSE)
RESULT_ONE(FaxGetPortA, FaxGetPortW, FAX_PORT_INFOA, FAX_PORT_INFOW, FAX_PORT_INFO_layout, TRUE)
RESULT_ONE(FaxGetDeviceStatusW, FaxGetDeviceStatusW, FAX_DEVICE_STATUSW, FAX_DEVICE_STATUSW,
           FAX_DEVICE_STATUS_layout, FALSE)
RESULT_ONE(FaxGetDeviceStatusA, FaxGetDeviceStatusW, FAX_DEVICE_STATUSA, FAX_DEVICE_STATUSW,
           FAX_DEVICE_STATUS_layout, TRUE)
RESULT_ONE(FaxGetConfigurationW, FaxGetConfigurationW, FAX_CONFIGURATIONW, FAX_CONFIGURATIONW,
           FAX_CONFIGURATION_layout, FALSE)
RESULT_ONE(FaxGetConfigurationA, FaxGetConfigurationW, FAX_CONFIGURATIONA, FAX_CONFIGURATIONW,
           FAX_CONFIGURATION_layout, TRUE)

static BOOL get_job(HANDLE FaxHandle, DWORD JobId, void *JobEntry, BOOL ansi)
{
    FAX_JOB_ENTRYW *result = NULL;

    if (!lib.p_FaxGetJobW(FaxHandle, JobId, JobEntry ? &result : NULL))
        return winfax_result(FALSE);
    return hand_out_records(JobEntry, result, 1, &FAX_JOB_ENTRY_layout, ansi);
}

BOOL WINAPI wine_FaxGetJobW(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYW *JobEntry)
{
    return get_job(FaxHandle, JobId, JobEntry, FALSE);
}

BOOL WINAPI wine_FaxGetJobA(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYA *JobEntry)
{
    return get_job(FaxHandle, JobId, JobEntry, TRUE);
}

static BOOL complete_job_params(void *JobParams, void *CoverpageInfo, BOOL ansi)
{
    FAX_JOB_PARAMW *job = NULL;
    FAX_COVERPAGE_INFOW *cover = NULL;

    if (!lib.p_FaxCompleteJobParamsW(JobParams ? &job : NULL, CoverpageInfo ? &cover : NULL))
        return winfax_result(FALSE);
    if (!hand_out_records(JobParams, job, 1, &FAX_JOB_PARAM_layout, ansi)) {
        lib.p_FaxFreeBuffer(cover);
        return FALSE;
    }
    if (!hand_out_records(CoverpageInfo, cover, 1, &FAX_COVERPAGE_INFO_layout, ansi)) {
        void *handed = NULL;

        memcpy(&handed, JobParams, sizeof(handed));
        LocalFree(handed);
        handed = NULL;
        memcpy(JobParams, &handed, sizeof(handed));
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI wine_FaxCompleteJobParamsW(PFAX_JOB_PARAMW *JobParams,
                                       PFAX_COVERPAGE_INFOW *CoverpageInfo)
{
    return complete_job_params(JobParams, CoverpageInfo, FALSE);
}

BOOL WINAPI wine_FaxCompleteJobParamsA(PFAX_JOB_PARAMA *JobParams,
                                       PFAX_COVERPAGE_INFOA *CoverpageInfo)
{
    return complete_job_params(JobParams, CoverpageInfo, TRUE);
}

BOOL WINAPI wine_FaxGetPageData(HANDLE FaxHandle, DWORD JobId, LPBYTE *Buffer,
                                LPDWORD BufferSize, LPDWORD ImageWidth, LPDWORD ImageHeight)
{
    BYTE *result = NULL;

    if (!lib.p_FaxGetPageData(FaxHandle, JobId, Buffer ? &result : NULL, BufferSize, ImageWidth,
                              ImageHeight))
        return winfax_result(FALSE);
    return hand_out_bytes(Buffer, result, *BufferSize);
}

/* --- settings from the program ---------------------------------------------- */

#define SET_RECORD(name, w_name, record_type, w_record_type, layout, how)               \
    BOOL WINAPI wine_##name(HANDLE Handle, const record_type *Record)                    \
    {                                                                                    \
        struct conversions kept = { .count = 0 };                                        \
        const w_record_type *wide = records_to_wide(&kept, Record, 1, &layout, how);     \
        if (!converted(&kept))                                                           \
            return FALSE;                                                                \
        return finished(&kept, winfax_result(lib.p_##w_name(Handle, wide)));             \
    }

SET_RECORD(FaxSetPortW, FaxSetPortW, FAX_PORT_INFOW, FAX_PORT_INFOW, FAX_PORT_INFO_layout, 0)
SET_RECORD(FaxSetPortA, FaxSetPortW, FAX_PORT_INFOA, FAX_PORT_INFOW, FAX_PORT_INFO_layout,
           FROM_ANSI)
SET_RECORD(FaxSetConfigurationW, FaxSetConfigurationW, FAX_CONFIGURATIONW, FAX_CONFIGURATIONW,
           FAX_CONFIGURATION_layout, CONVERT_PATHS)
SET_RECORD(FaxSetConfigurationA, FaxSetConfigurationW, FAX_CONFIGURATIONA, FAX_CONFIGURATIONW,
           FAX_CONFIGURATION_layout, FROM_ANSI | CONVERT_PATHS)
SET_RECORD(FaxSetGlobalRoutingInfoW, FaxSetGlobalRoutingInfoW, FAX_GLOBAL_ROUTING_INFOW,
           FAX_GLOBAL_ROUTING_INFOW, FAX_GLOBAL_ROUTING_INFO_layout, 0)
SET_RECORD(FaxSetGlobalRoutingInfoA, FaxSetGlobalRoutingInfoW, FAX_GLOBAL_ROUTING_INFOA,
           FAX_GLOBAL_ROUTING_INFOW, FAX_GLOBAL_ROUTING_INFO_layout, FROM_ANSI)

BOOL WINAPI wine_FaxSetJobW(HANDLE FaxHandle, DWORD JobId, DWORD Command,
                            const FAX_JOB_ENTRYW *JobEntry)
{
    return winfax_result(lib.p_FaxSetJobW(FaxHandle, JobId, Command, JobEntry));
}

BOOL WINAPI wine_FaxSetJobA(HANDLE FaxHandle, DWORD JobId, DWORD Command,
                            const FAX_JOB_ENTRYA *JobEntry)
{
    struct conversions kept = { .count = 0 };
    const FAX_JOB_ENTRYW *entry =
        records_to_wide(&kept, JobEntry, 1, &FAX_JOB_ENTRY_layout, FROM_ANSI);

    if (!converted(&kept))
        return FALSE;
    return finished(&kept, winfax_result(lib.p_FaxSetJobW(FaxHandle, JobId, Command, entry)));
}

BOOL WINAPI wine_FaxSetLoggingCategoriesW(HANDLE FaxHandle, const FAX_LOG_CATEGORYW *Categories,
                                          DWORD NumberCategories)
{
    return winfax_result(lib.p_FaxSetLoggingCategoriesW(FaxHandle, Categories, NumberCategories));
}

BOOL WINAPI wine_FaxSetLoggingCategoriesA(HANDLE FaxHandle, const FAX_LOG_CATEGORYA *Categories,
                                          DWORD NumberCategories)
{
    struct conversions kept = { .count = 0 };
    const FAX_LOG_CATEGORYW *categories = records_to_wide(
        &kept, Categories, NumberCategories, &FAX_LOG_CATEGORY_layout, FROM_ANSI);

    if (!converted(&kept))
        return FALSE;
    return finished(&kept, winfax_result(lib.p_FaxSetLoggingCategoriesW(FaxHandle, categories,
                                                                        NumberCategories)));
}

/* --- routing ------------------------------------------------------------------ */

BOOL WINAPI wine_FaxEnableRoutingMethodW(HANDLE Port, LPCWSTR RoutingGuid, BOOL Enabled)
{
    return winfax_result(lib.p_FaxEnableRoutingMethodW(Port, RoutingGuid, Enabled));
}

BOOL WINAPI wine_FaxEnableRoutingMethodA(HANDLE Port, LPCSTR RoutingGuid, BOOL Enabled)
{
    struct conversions kept = { .count = 0 };
    const WCHAR *guid = argument_to_wide(&kept, RoutingGuid, FROM_ANSI);

    if (!converted(&kept))
        return FALSE;
    return finished(&kept, winfax_result(lib.p_FaxEnableRoutingMethodW(Port, guid, Enabled)));
}

BOOL WINAPI wine_FaxGetRoutingInfoW(HANDLE Port, LPCWSTR RoutingGuid, LPBYTE *Buffer,
                                    LPDWORD BufferSize)
{
    BYTE *result = NULL;

    if (!lib.p_FaxGetRoutingInfoW(Port, RoutingGuid, Buffer ? &result : NULL, BufferSize))
        return winfax_result(FALSE);
    return hand_out_bytes(Buffer, result, *BufferSize);
}

/* Routing info is a method's NUL-terminated string: UTF-16 from the W
 * form, the ANSI code page in the A form (terminator included). */
BOOL WINAPI wine_FaxGetRoutingInfoA(HANDLE Port, LPCSTR RoutingGuid, LPBYTE *Buffer,
                                    LPDWORD BufferSize)
{
    struct conversions kept = { .count = 0 };
    const WCHAR *guid = argument_to_wide(&kept, RoutingGuid, FROM_ANSI);
    BYTE *result = NULL;
    char *text = NULL;
    int size = 0;
    BOOL ok;

    if (!converted(&kept))
        return FALSE;
    if (!lib.p_FaxGetRoutingInfoW(Port, guid, Buffer ? &result : NULL, BufferSize))
        return finished(&kept, winfax_result(FALSE));
    release(&kept);
    if (*BufferSize % sizeof(WCHAR) || *BufferSize == 0)
        return hand_out_bytes(Buffer, result, *BufferSize);
    text = from_wide(CP_ACP, (const WCHAR *)result, (int)(*BufferSize / sizeof(WCHAR)), &size);
    if (!text) {
        lib.p_FaxFreeBuffer(result);
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    lib.p_FaxFreeBuffer(result);
    ok = hand_out_bytes(Buffer, (BYTE *)text, (DWORD)size);
    if (ok)
        *BufferSize = (DWORD)size;
    return ok;
}

BOOL WINAPI wine_FaxSetRoutingInfoW(HANDLE Port, LPCWSTR RoutingGuid, const BYTE *Buffer,
                                    DWORD BufferSize)
{
    return winfax_result(lib.p_FaxSetRoutingInfoW(Port, RoutingGuid, Buffer, BufferSize));
}

BOOL WINAPI wine_FaxSetRoutingInfoA(HANDLE Port, LPCSTR RoutingGuid, const BYTE *Buffer,
                                    DWORD BufferSize)
{
    struct conversions kept = { .count = 0 };
    const WCHAR *guid = argument_to_wide(&kept, RoutingGuid, FROM_ANSI);
    const BYTE *info = Buffer;
    DWORD info_size = BufferSize;

    if (Buffer && BufferSize) {
        int units = 0;
        WCHAR *wide = to_wide(CP_ACP, (const char *)Buffer, (int)BufferSize, &units);

        info = keep(&kept, wide, ERROR_NO_UNICODE_TRANSLATION);
        info_size = (DWORD)units * sizeof(WCHAR);
    }
    if (!converted(&kept))
        return FALSE;
    return finished(&kept, winfax_result(lib.p_FaxSetRoutingInfoW(Port, guid, info,
                                                                  info_size)));
}

/* --- sending --------------------------------------------------------------------- */

static BOOL send_document(HANDLE FaxHandle, const void *FileName, const void *JobParams,
                          const void *CoverpageInfo, LPDWORD FaxJobId, unsigned int how)
{
    struct conversions kept = { .count = 0 };
    const WCHAR *path = argument_to_wide(&kept, FileName, how);
    const FAX_JOB_PARAMW *job;
    const FAX_COVERPAGE_INFOW *cover;

    if (path)
        path = unix_path(&kept, path);
    job = records_to_wide(&kept, JobParams, 1, &FAX_JOB_PARAM_layout, how | CONVERT_PATHS);
    cover = records_to_wide(&kept, CoverpageInfo, 1, &FAX_COVERPAGE_INFO_layout,
                            how | CONVERT_PATHS);
    if (!converted(&kept))
        return FALSE;
    /* libwinfax reads the job's strings only (the W form is const in all
     * but the type). */
    return finished(&kept, winfax_result(lib.p_FaxSendDocumentW(FaxHandle, path,
                                                                (PFAX_JOB_PARAMW)job, cover,
                                                                FaxJobId)));
}

BOOL WINAPI wine_FaxSendDocumentW(HANDLE FaxHandle, LPCWSTR FileName, PFAX_JOB_PARAMW JobParams,
                                  const FAX_COVERPAGE_INFOW *CoverpageInfo, LPDWORD FaxJobId)
{
    return send_document(FaxHandle, FileName, JobParams, CoverpageInfo, FaxJobId, 0);
}

BOOL WINAPI wine_FaxSendDocumentA(HANDLE FaxHandle, LPCSTR FileName, PFAX_JOB_PARAMA JobParams,
                                  const FAX_COVERPAGE_INFOA *CoverpageInfo, LPDWORD FaxJobId)
{
    return send_document(FaxHandle, FileName, JobParams, CoverpageInfo, FaxJobId, FROM_ANSI);
}

/*
 * The program's recipient callback is WINAPI (ms_abi), libwinfax calls a
 * System V W one.  The context carries the program's function and its
 * own context.  What the program fills in (A strings, Windows cover page
 * paths) is converted into libwinfax's structures, from copies that live
 * until the broadcast returns.  A recipient that does not convert gets
 * a SizeOfStruct libwinfax refuses, which ends the broadcast with an
 * error (a FALSE from the callback would only mean "no more
 * recipients"); the DLL then reports the conversion's code.
 */
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

/* The program's answer (A or W) into libwinfax's W structures. */
static void recipient_to_wide(struct conversions *kept, const void *program_job,
                              const void *program_cover, PFAX_JOB_PARAMW job,
                              PFAX_COVERPAGE_INFOW cover, unsigned int how)
{
    const void *wide_job = records_to_wide(kept, program_job, 1, &FAX_JOB_PARAM_layout, how);
    const void *wide_cover =
        records_to_wide(kept, program_cover, 1, &FAX_COVERPAGE_INFO_layout, how);

    if (kept->code != ERROR_SUCCESS) {
        job->SizeOfStruct = 0;
        return;
    }
    if (wide_job != job)
        memcpy(job, wide_job, sizeof(*job));
    if (wide_cover != cover)
        memcpy(cover, wide_cover, sizeof(*cover));
}

static BOOL recipient_trampoline_a(HANDLE FaxHandle, DWORD RecipientNumber, LPVOID Context,
                                   PFAX_JOB_PARAMW JobParams, PFAX_COVERPAGE_INFOW CoverpageInfo)
{
    struct broadcast_context *broadcast = Context;
    FAX_JOB_PARAMA job;
    FAX_COVERPAGE_INFOA cover;

    memset(&job, 0, sizeof(job));
    memset(&cover, 0, sizeof(cover));
    job.SizeOfStruct = sizeof(job);
    cover.SizeOfStruct = sizeof(cover);
    if (!broadcast->callback_a(FaxHandle, RecipientNumber, broadcast->context, &job, &cover))
        return FALSE;
    recipient_to_wide(broadcast->kept, &job, &cover, JobParams, CoverpageInfo,
                      FROM_ANSI | CONVERT_PATHS);
    return TRUE;
}

static BOOL recipient_trampoline_w(HANDLE FaxHandle, DWORD RecipientNumber, LPVOID Context,
                                   PFAX_JOB_PARAMW JobParams, PFAX_COVERPAGE_INFOW CoverpageInfo)
{
    struct broadcast_context *broadcast = Context;

    if (!broadcast->callback_w(FaxHandle, RecipientNumber, broadcast->context, JobParams,
                               CoverpageInfo))
        return FALSE;
    recipient_to_wide(broadcast->kept, JobParams, CoverpageInfo, JobParams, CoverpageInfo,
                      CONVERT_PATHS);
    return TRUE;
}

static BOOL send_broadcast(HANDLE FaxHandle, const void *FileName, LPDWORD FaxJobId,
                           void *FaxRecipientCallback, LPVOID Context, unsigned int how)
{
    struct conversions kept = { .count = 0 };
    struct broadcast_context broadcast = { .context = Context, .kept = &kept };
    const WCHAR *path = argument_to_wide(&kept, FileName, how);
    BOOL ok;

    if (path)
        path = unix_path(&kept, path);
    if (!converted(&kept))
        return FALSE;
    if (how & FROM_ANSI)
        memcpy(&broadcast.callback_a, &FaxRecipientCallback, sizeof(FaxRecipientCallback));
    else
        memcpy(&broadcast.callback_w, &FaxRecipientCallback, sizeof(FaxRecipientCallback));
    ok = winfax_result(lib.p_FaxSendDocumentForBroadcastW(
        FaxHandle, path, FaxJobId,
        !FaxRecipientCallback       ? NULL
        : (how & FROM_ANSI)         ? recipient_trampoline_a
                                    : recipient_trampoline_w,
        &broadcast));
    if (!ok && kept.code != ERROR_SUCCESS)
        SetLastError(kept.code);
    return finished(&kept, ok);
}

BOOL WINAPI wine_FaxSendDocumentForBroadcastW(HANDLE FaxHandle, LPCWSTR FileName,
                                              LPDWORD FaxJobId, void *FaxRecipientCallback,
                                              LPVOID Context)
{
    return send_broadcast(FaxHandle, FileName, FaxJobId, FaxRecipientCallback, Context, 0);
}

BOOL WINAPI wine_FaxSendDocumentForBroadcastA(HANDLE FaxHandle, LPCSTR FileName,
                                              LPDWORD FaxJobId, void *FaxRecipientCallback,
                                              LPVOID Context)
{
    return send_broadcast(FaxHandle, FileName, FaxJobId, FaxRecipientCallback, Context,
                          FROM_ANSI);
}

/* --- printing, providers, routing extensions: they fail on Linux -------------- */

/* Paths are not converted here: the calls fail whatever they name, with
 * libwinfax's codes. */
BOOL WINAPI wine_FaxStartPrintJobW(LPCWSTR PrinterName, const FAX_PRINT_INFOW *PrintInfo,
                                   LPDWORD FaxJobId, PFAX_CONTEXT_INFOW FaxContextInfo)
{
    return winfax_result(lib.p_FaxStartPrintJobW(PrinterName, PrintInfo, FaxJobId,
                                                 FaxContextInfo));
}

/* FAX_CONTEXT_INFO holds its server name inline, so its A and W sizes
 * differ: the A size stands for the W one. */
static DWORD wide_context_size(DWORD ansi_size)
{
    return ansi_size == sizeof(FAX_CONTEXT_INFOA) ? sizeof(FAX_CONTEXT_INFOW) : ansi_size;
}

BOOL WINAPI wine_FaxStartPrintJobA(LPCSTR PrinterName, const FAX_PRINT_INFOA *PrintInfo,
                                   LPDWORD FaxJobId, PFAX_CONTEXT_INFOA FaxContextInfo)
{
    struct conversions kept = { .count = 0 };
    const WCHAR *printer = argument_to_wide(&kept, PrinterName, FROM_ANSI);
    const FAX_PRINT_INFOW *info =
        records_to_wide(&kept, PrintInfo, 1, &FAX_PRINT_INFO_layout, FROM_ANSI);
    FAX_CONTEXT_INFOW context;
    BOOL ok;

    if (!converted(&kept))
        return FALSE;
    memset(&context, 0, sizeof(context));
    if (FaxContextInfo) {
        context.SizeOfStruct = wide_context_size(FaxContextInfo->SizeOfStruct);
        context.hDC = FaxContextInfo->hDC;
    }
    ok = winfax_result(lib.p_FaxStartPrintJobW(printer, info, FaxJobId,
                                               FaxContextInfo ? &context : NULL));
    if (FaxContextInfo) {
        FaxContextInfo->hDC = context.hDC;
        WideCharToMultiByte(CP_ACP, 0, context.ServerName, -1, FaxContextInfo->ServerName,
                            sizeof(FaxContextInfo->ServerName), NULL, NULL);
        FaxContextInfo->ServerName[sizeof(FaxContextInfo->ServerName) - 1] = '\0';
    }
    return finished(&kept, ok);
}

BOOL WINAPI wine_FaxPrintCoverPageW(const FAX_CONTEXT_INFOW *FaxContextInfo,
                                    const FAX_COVERPAGE_INFOW *CoverPageInfo)
{
    return winfax_result(lib.p_FaxPrintCoverPageW(FaxContextInfo, CoverPageInfo));
}

BOOL WINAPI wine_FaxPrintCoverPageA(const FAX_CONTEXT_INFOA *FaxContextInfo,
                                    const FAX_COVERPAGE_INFOA *CoverPageInfo)
{
    struct conversions kept = { .count = 0 };
    const FAX_COVERPAGE_INFOW *cover =
        records_to_wide(&kept, CoverPageInfo, 1, &FAX_COVERPAGE_INFO_layout, FROM_ANSI);
    FAX_CONTEXT_INFOW context;

    if (!converted(&kept))
        return FALSE;
    memset(&context, 0, sizeof(context));
    if (FaxContextInfo) {
        context.SizeOfStruct = wide_context_size(FaxContextInfo->SizeOfStruct);
        context.hDC = FaxContextInfo->hDC;
        MultiByteToWideChar(CP_ACP, 0, FaxContextInfo->ServerName, -1, context.ServerName,
                            ARRAY_SIZE(context.ServerName));
        context.ServerName[ARRAY_SIZE(context.ServerName) - 1] = 0;
    }
    return finished(&kept, winfax_result(lib.p_FaxPrintCoverPageW(
                               FaxContextInfo ? &context : NULL, cover)));
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
