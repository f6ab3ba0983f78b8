/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winfax.h - the Windows 2000 Fax Service Client API, for Linux.
 *
 * Programs written against the Windows header recompile against this one
 * and link with -lwinfax.  The layouts, names, values and prototypes follow
 * the published API; the text is this project's own.
 *
 * Two ways to use it:
 *  - on its own (the normal case): it brings the handful of Win32 types and
 *    base functions a fax program needs (GetLastError, the I/O completion
 *    port functions, CloseHandle, LocalFree), all implemented by libwinfax.
 *  - after Wine's <windows.h> (a Winelib program): Wine's types, structures
 *    and base functions are used as they are and nothing is redefined.  See
 *    "Winelib programs" below for what that implies.
 *
 * Strings: the A forms carry UTF-8 (libwinfax assumes the locale's charset
 * is UTF-8), the W forms carry UTF-16 in 16-bit WCHARs, as on Windows.
 */
#ifndef LIBWINFAX_WINFAX_H
#define LIBWINFAX_WINFAX_H

/* Some Windows sources test the SDK header's guard name. */
#ifndef _WINFAX_
#define _WINFAX_
#endif

/*
 * Windows itself (MinGW-w64, MSVC; not a Winelib build, which defines
 * __WINE__): the header declares winfax.dll's imports, as the SDK header
 * does, on top of the system's <windows.h>.  Link with the import library
 * (MinGW's -lwinfax, the SDK's winfax.lib).  The program then runs on
 * Windows, or under Wine with this project's winfax.dll.
 */
#if defined(_WIN32) && !defined(__WINE__)
#define WINFAX_WINDOWS_TARGET 1
#include <windows.h>
#else
#define WINFAX_WINDOWS_TARGET 0
#endif

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Which Win32 definitions are already there.  Wine (and MinGW, and the
 * Windows SDK) guard windef.h/winnt.h with _WINDEF_/_WINNT_ and winbase.h
 * with __WINE_WINBASE_H (Wine) or _WINBASE_ (the others).
 */
#if defined(_WINDEF_) || defined(_WINNT_)
#define WINFAX_WIN32_TYPES_FROM_SYSTEM 1
#else
#define WINFAX_WIN32_TYPES_FROM_SYSTEM 0
#endif

#if defined(__WINE_WINBASE_H) || defined(_WINBASE_)
#define WINFAX_WIN32_BASE_API_FROM_SYSTEM 1
#else
#define WINFAX_WIN32_BASE_API_FROM_SYSTEM 0
#endif

/*
 * Calling convention of everything libwinfax exports and of the callbacks
 * it calls: the platform's native (System V) one, because that is what the
 * library is compiled with.  It is deliberately not WINAPI: Wine defines
 * WINAPI as __attribute__((ms_abi)) on x86_64, and a Winelib program calling
 * libwinfax through ms_abi prototypes would pass its arguments in the wrong
 * registers.  Without Wine, WINAPI is empty and the two are the same.
 */
#ifndef WINFAX_CALL
#if WINFAX_WINDOWS_TARGET
/* winfax.dll's exports are WINAPI (__stdcall), as everything in Windows. */
#define WINFAX_CALL WINAPI
#else
#define WINFAX_CALL
#endif
#endif

#ifndef WINFAXAPI
#if WINFAX_WINDOWS_TARGET
#define WINFAXAPI extern __declspec(dllimport)
#elif defined(__GNUC__)
#define WINFAXAPI extern __attribute__((visibility("default")))
#else
#define WINFAXAPI extern
#endif
#endif

/* ------------------------------------------------------------------------
 * Win32 base types, only when no Win32 header has provided them.
 * Sizes are those of Windows: DWORD 32 bits even though long is 64 here.
 * ------------------------------------------------------------------------ */
#if !WINFAX_WIN32_TYPES_FROM_SYSTEM

#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef VOID
#define VOID void
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

typedef uint8_t   BYTE, *PBYTE, *LPBYTE;
typedef uint16_t  WORD, *PWORD, *LPWORD;
typedef uint32_t  DWORD, *PDWORD, *LPDWORD;
typedef int32_t   BOOL, *PBOOL, *LPBOOL;
typedef int32_t   LONG, *PLONG, *LPLONG;
typedef uint32_t  ULONG, *PULONG;
typedef unsigned int UINT, *PUINT;
typedef char      CHAR, *PCHAR;

/* UTF-16 code unit.  With -fshort-wchar, wchar_t is 16 bits and L"..."
 * literals from Windows sources work as they are (Wine does the same).
 * Otherwise u"..." literals fit: in C they are arrays of uint_least16_t,
 * the same type as uint16_t here.  All three have the same ABI. */
#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
#define WINFAX_WCHAR_IS_WCHAR_T 1
typedef wchar_t   WCHAR;
#elif defined(__cplusplus)
typedef char16_t  WCHAR;
#else
typedef uint16_t  WCHAR;
#endif
typedef WCHAR *PWCHAR;

typedef void       *PVOID, *LPVOID;
typedef const void *LPCVOID;
typedef CHAR        *PSTR, *LPSTR;
typedef const CHAR  *PCSTR, *LPCSTR;
typedef WCHAR       *PWSTR, *LPWSTR;
typedef const WCHAR *PCWSTR, *LPCWSTR;

typedef intptr_t  LONG_PTR, *PLONG_PTR;
typedef uintptr_t ULONG_PTR, *PULONG_PTR;
typedef uintptr_t UINT_PTR, *PUINT_PTR;
typedef uintptr_t DWORD_PTR, *PDWORD_PTR;
typedef size_t    SIZE_T;

typedef void   *HANDLE;
typedef HANDLE *PHANDLE, *LPHANDLE;
typedef HANDLE  HLOCAL;
/* Distinct pointer types, as with the Windows SDK's STRICT default, so that
 * a window handle is not silently accepted where a DC is expected. */
typedef struct HWND__ *HWND;
typedef struct HDC__  *HDC;

#endif /* !WINFAX_WIN32_TYPES_FROM_SYSTEM */

/* The same guard names as the Win32 headers, so that neither side defines
 * these structures twice whichever comes first. */
#ifndef _FILETIME_
#define _FILETIME_
/* 100-nanosecond intervals since 1601-01-01 00:00 UTC. */
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;
#endif

#ifndef _SYSTEMTIME_
#define _SYSTEMTIME_
typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;
    WORD wDayOfWeek;
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;
#endif

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t  Data4[8];
} GUID;
#endif
#ifndef __LPGUID_DEFINED__
#define __LPGUID_DEFINED__
typedef GUID *LPGUID;
#endif
#ifndef __LPCGUID_DEFINED__
#define __LPCGUID_DEFINED__
typedef const GUID *LPCGUID;
#endif

#if !WINFAX_WIN32_BASE_API_FROM_SYSTEM
typedef struct _OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    union {
        struct {
            DWORD Offset;
            DWORD OffsetHigh;
        };
        PVOID Pointer;
    };
    HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;
#endif

/* TCHAR: the character type selected by UNICODE. */
#ifndef _TCHAR_DEFINED
#define _TCHAR_DEFINED
#ifdef UNICODE
typedef WCHAR   TCHAR, *PTCHAR;
typedef LPWSTR  PTSTR, LPTSTR;
typedef LPCWSTR PCTSTR, LPCTSTR;
#else
typedef CHAR    TCHAR, *PTCHAR;
typedef LPSTR   PTSTR, LPTSTR;
typedef LPCSTR  PCTSTR, LPCTSTR;
#endif
#endif

#ifndef TEXT
#if defined(UNICODE) && defined(WINFAX_WCHAR_IS_WCHAR_T)
#define WINFAX_TEXT_LITERAL(quoted) L##quoted
#elif defined(UNICODE)
#define WINFAX_TEXT_LITERAL(quoted) u##quoted
#else
#define WINFAX_TEXT_LITERAL(quoted) quoted
#endif
#define TEXT(quoted) WINFAX_TEXT_LITERAL(quoted)
#endif

/*
 * HCALL is a 32-bit TAPI call handle in the API.  Wine's tapi.h makes it a
 * pointer, which would change the layout of FAX_JOB_PARAM; the field keeps
 * the ABI's 32 bits in that case.
 */
#if defined(__WINE_TAPI_H)
typedef DWORD WINFAX_HCALL;
#else
#ifndef WINFAX_HCALL_DEFINED
#define WINFAX_HCALL_DEFINED
typedef DWORD HCALL;
#endif
typedef HCALL WINFAX_HCALL;
#endif

/* ------------------------------------------------------------------------
 * Win32 constants that fax programs use.  Guarded one by one: winerror.h,
 * winbase.h and winuser.h define the same names with the same values.
 * ------------------------------------------------------------------------ */
#ifndef INVALID_HANDLE_VALUE
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#endif
#ifndef INFINITE
#define INFINITE 0xFFFFFFFF
#endif
#ifndef MAX_COMPUTERNAME_LENGTH
#define MAX_COMPUTERNAME_LENGTH 15
#endif
#ifndef WM_USER
#define WM_USER 0x0400
#endif

#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS 0
#endif
#ifndef NO_ERROR
#define NO_ERROR 0
#endif
#ifndef ERROR_INVALID_FUNCTION
#define ERROR_INVALID_FUNCTION 1
#endif
#ifndef ERROR_FILE_NOT_FOUND
#define ERROR_FILE_NOT_FOUND 2
#endif
#ifndef ERROR_TOO_MANY_OPEN_FILES
#define ERROR_TOO_MANY_OPEN_FILES 4
#endif
#ifndef ERROR_ACCESS_DENIED
#define ERROR_ACCESS_DENIED 5
#endif
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE 6
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY 8
#endif
#ifndef ERROR_INVALID_DATA
#define ERROR_INVALID_DATA 13
#endif
#ifndef ERROR_BAD_UNIT
#define ERROR_BAD_UNIT 20
#endif
#ifndef ERROR_GEN_FAILURE
#define ERROR_GEN_FAILURE 31
#endif
#ifndef ERROR_NOT_SUPPORTED
#define ERROR_NOT_SUPPORTED 50
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER 87
#endif
#ifndef ERROR_DISK_FULL
#define ERROR_DISK_FULL 112
#endif
#ifndef ERROR_ALREADY_EXISTS
#define ERROR_ALREADY_EXISTS 183
#endif
#ifndef WAIT_TIMEOUT
#define WAIT_TIMEOUT 258
#endif
#ifndef ERROR_ABANDONED_WAIT_0
#define ERROR_ABANDONED_WAIT_0 735
#endif
#ifndef ERROR_NOACCESS
#define ERROR_NOACCESS 998
#endif
#ifndef ERROR_REVISION_MISMATCH
#define ERROR_REVISION_MISMATCH 1306
#endif
#ifndef RPC_S_SERVER_UNAVAILABLE
#define RPC_S_SERVER_UNAVAILABLE 1722
#endif
#ifndef ERROR_INVALID_PRINTER_NAME
#define ERROR_INVALID_PRINTER_NAME 1801
#endif
#ifndef ERROR_NOT_ENOUGH_QUOTA
#define ERROR_NOT_ENOUGH_QUOTA 1816
#endif
#ifndef ERROR_DEVICE_IN_USE
#define ERROR_DEVICE_IN_USE 2404
#endif
#ifndef ERROR_SPL_NO_STARTDOC
#define ERROR_SPL_NO_STARTDOC 3003
#endif

/* ------------------------------------------------------------------------
 * Fax constants
 * ------------------------------------------------------------------------ */

/*
 * The SDK declares these six groups as enum types (the fields and
 * parameters that hold them stay DWORD), and every other group of
 * constants as macros; programs name the types, so they are here too.
 */

/* FAX_JOB_PARAM.ScheduleAction */
typedef enum {
    JSA_NOW = 0,
    JSA_SPECIFIC_TIME = 1,
    JSA_DISCOUNT_PERIOD = 2
} FAX_ENUM_JOB_SEND_ATTRIBUTES;

/* FAX_JOB_PARAM.DeliveryReportType */
typedef enum {
    DRT_NONE = 0,
    DRT_EMAIL = 1,
    DRT_INBOX = 2
} FAX_ENUM_DELIVERY_REPORT_TYPES;

/* FAX_LOG_CATEGORY.Level */
typedef enum {
    FAXLOG_LEVEL_NONE = 0,
    FAXLOG_LEVEL_MIN = 1,
    FAXLOG_LEVEL_MED = 2,
    FAXLOG_LEVEL_MAX = 3
} FAX_ENUM_LOG_LEVELS;

/* FAX_LOG_CATEGORY.Category */
typedef enum {
    FAXLOG_CATEGORY_INIT = 1,
    FAXLOG_CATEGORY_OUTBOUND = 2,
    FAXLOG_CATEGORY_INBOUND = 3,
    FAXLOG_CATEGORY_UNKNOWN = 4
} FAX_ENUM_LOG_CATEGORIES;

/* FaxOpenPort() Flags */
typedef enum {
    PORT_OPEN_QUERY = 1,
    PORT_OPEN_MODIFY = 2
} FAX_ENUM_PORT_OPEN_TYPE;

/* FAX_PORT_INFO.Flags */
#define FPF_RECEIVE             0x00000001
#define FPF_SEND                0x00000002
#define FPF_VIRTUAL             0x00000004

/* FaxSetJob() Command */
typedef enum {
    JC_UNKNOWN = 0,
    JC_DELETE = 1,
    JC_PAUSE = 2,
    JC_RESUME = 3
} FAX_ENUM_JOB_COMMANDS;
#define JC_RESTART              JC_RESUME

/* FAX_JOB_ENTRY.JobType, FAX_DEVICE_STATUS.JobType */
#define JT_UNKNOWN              0
#define JT_SEND                 1
#define JT_RECEIVE              2
#define JT_ROUTING              3
#define JT_FAIL_RECEIVE         4

/* FAX_JOB_ENTRY.QueueStatus (bit mask) */
#define JS_PENDING              0x00000000
#define JS_INPROGRESS           0x00000001
#define JS_DELETING             0x00000002
#define JS_FAILED               0x00000004
#define JS_PAUSED               0x00000008
#define JS_NOLINE               0x00000010
#define JS_RETRYING             0x00000020
#define JS_RETRIES_EXCEEDED     0x00000040

/* Device and job status: bit 29 marks "a fax status", the low bits say which. */
#define FPS_DIALING             0x20000001
#define FPS_SENDING             0x20000002
#define FPS_RECEIVING           0x20000004
#define FPS_COMPLETED           0x20000008
#define FPS_HANDLED             0x20000010
#define FPS_UNAVAILABLE         0x20000020
#define FPS_BUSY                0x20000040
#define FPS_NO_ANSWER           0x20000080
#define FPS_BAD_ADDRESS         0x20000100
#define FPS_NO_DIAL_TONE        0x20000200
#define FPS_DISCONNECTED        0x20000400
#define FPS_FATAL_ERROR         0x20000800
#define FPS_NOT_FAX_CALL        0x20001000
#define FPS_CALL_DELAYED        0x20002000
#define FPS_CALL_BLACKLISTED    0x20004000
#define FPS_INITIALIZING        0x20008000
#define FPS_OFFLINE             0x20010000
#define FPS_RINGING             0x20020000
#define FPS_AVAILABLE           0x20100000
#define FPS_ABORTING            0x20200000
#define FPS_ROUTING             0x20400000
#define FPS_ANSWERED            0x20800000

/* FAX_EVENT.EventId */
#define FEI_DIALING             1
#define FEI_SENDING             2
#define FEI_RECEIVING           3
#define FEI_COMPLETED           4
#define FEI_BUSY                5
#define FEI_NO_ANSWER           6
#define FEI_BAD_ADDRESS         7
#define FEI_NO_DIAL_TONE        8
#define FEI_DISCONNECTED        9
#define FEI_FATAL_ERROR         10
#define FEI_NOT_FAX_CALL        11
#define FEI_CALL_DELAYED        12
#define FEI_CALL_BLACKLISTED    13
#define FEI_RINGING             14
#define FEI_ABORTING            15
#define FEI_ROUTING             16
#define FEI_MODEM_POWERED_ON    17
#define FEI_MODEM_POWERED_OFF   18
#define FEI_IDLE                19
#define FEI_FAXSVC_ENDED        20
#define FEI_ANSWERED            21
#define FEI_JOB_QUEUED          22
#define FEI_DELETED             23
#define FEI_INITIALIZING        24
#define FEI_LINE_UNAVAILABLE    25
#define FEI_HANDLED             26
#define FEI_FAXSVC_STARTED      27
#define FEI_NEVENTS             FEI_FAXSVC_STARTED

/* Access rights (FaxAccessCheck) */
#define FAX_JOB_SUBMIT          0x00000001
#define FAX_JOB_QUERY           0x00000002
#define FAX_CONFIG_QUERY        0x00000004
#define FAX_CONFIG_SET          0x00000008
#define FAX_PORT_QUERY          0x00000010
#define FAX_PORT_SET            0x00000020
#define FAX_JOB_MANAGE          0x00000040
/* Generic masks: STANDARD_RIGHTS_READ/WRITE (0x20000) with the query or
 * submit rights, and STANDARD_RIGHTS_REQUIRED (0xF0000) | SYNCHRONIZE
 * (0x100000) with all seven. */
#define FAX_READ                0x00020016
#define FAX_WRITE               0x00020001
#define FAX_ALL_ACCESS          0x001F007F

#if !WINFAX_WINDOWS_TARGET
/* JobId of a FAX_EVENT that concerns no job (this project's name) */
#define WINFAX_EVENT_NO_JOB     0xFFFFFFFF

/* EventId of a FAX_EVENT that libwinfax adds (this project's, outside the
 * FEI_* range so that programs that do not know it skip it): the event
 * queue overran and events were lost before this one; re-read the state
 * you care about (FaxEnumJobs, FaxGetPort).  DeviceId 0, no job. */
#define WINFAX_FEI_EVENTS_LOST  0x80000001
#endif

/* ------------------------------------------------------------------------
 * Structures.  Every A form has a W form of identical layout; the neutral
 * name follows UNICODE.  Strings in results point into the same buffer.
 * ------------------------------------------------------------------------ */

typedef struct _FAX_TIME {
    WORD Hour;
    WORD Minute;
} FAX_TIME, *PFAX_TIME;

typedef struct _FAX_PORT_INFOA {
    DWORD  SizeOfStruct;
    DWORD  DeviceId;
    DWORD  State;
    DWORD  Flags;
    DWORD  Rings;
    DWORD  Priority;
    LPCSTR DeviceName;
    LPCSTR Tsid;
    LPCSTR Csid;
} FAX_PORT_INFOA, *PFAX_PORT_INFOA;

typedef struct _FAX_PORT_INFOW {
    DWORD   SizeOfStruct;
    DWORD   DeviceId;
    DWORD   State;
    DWORD   Flags;
    DWORD   Rings;
    DWORD   Priority;
    LPCWSTR DeviceName;
    LPCWSTR Tsid;
    LPCWSTR Csid;
} FAX_PORT_INFOW, *PFAX_PORT_INFOW;

typedef struct _FAX_DEVICE_STATUSA {
    DWORD    SizeOfStruct;
    LPCSTR   CallerId;
    LPCSTR   Csid;
    DWORD    CurrentPage;
    DWORD    DeviceId;
    LPCSTR   DeviceName;
    LPCSTR   DocumentName;
    DWORD    JobType;
    LPCSTR   PhoneNumber;
    LPCSTR   RoutingString;
    LPCSTR   SenderName;
    LPCSTR   RecipientName;
    DWORD    Size;
    FILETIME StartTime;
    DWORD    Status;
    LPCSTR   StatusString;
    FILETIME SubmittedTime;
    DWORD    TotalPages;
    LPCSTR   Tsid;
    LPCSTR   UserName;
} FAX_DEVICE_STATUSA, *PFAX_DEVICE_STATUSA;

typedef struct _FAX_DEVICE_STATUSW {
    DWORD    SizeOfStruct;
    LPCWSTR  CallerId;
    LPCWSTR  Csid;
    DWORD    CurrentPage;
    DWORD    DeviceId;
    LPCWSTR  DeviceName;
    LPCWSTR  DocumentName;
    DWORD    JobType;
    LPCWSTR  PhoneNumber;
    LPCWSTR  RoutingString;
    LPCWSTR  SenderName;
    LPCWSTR  RecipientName;
    DWORD    Size;
    FILETIME StartTime;
    DWORD    Status;
    LPCWSTR  StatusString;
    FILETIME SubmittedTime;
    DWORD    TotalPages;
    LPCWSTR  Tsid;
    LPCWSTR  UserName;
} FAX_DEVICE_STATUSW, *PFAX_DEVICE_STATUSW;

typedef struct _FAX_JOB_ENTRYA {
    DWORD      SizeOfStruct;
    DWORD      JobId;
    LPCSTR     UserName;
    DWORD      JobType;
    DWORD      QueueStatus;
    DWORD      Status;
    DWORD      Size;
    DWORD      PageCount;
    LPCSTR     RecipientNumber;
    LPCSTR     RecipientName;
    LPCSTR     Tsid;
    LPCSTR     SenderName;
    LPCSTR     SenderCompany;
    LPCSTR     SenderDept;
    LPCSTR     BillingCode;
    DWORD      ScheduleAction;
    SYSTEMTIME ScheduleTime;
    DWORD      DeliveryReportType;
    LPCSTR     DeliveryReportAddress;
    LPCSTR     DocumentName;
} FAX_JOB_ENTRYA, *PFAX_JOB_ENTRYA;

typedef struct _FAX_JOB_ENTRYW {
    DWORD      SizeOfStruct;
    DWORD      JobId;
    LPCWSTR    UserName;
    DWORD      JobType;
    DWORD      QueueStatus;
    DWORD      Status;
    DWORD      Size;
    DWORD      PageCount;
    LPCWSTR    RecipientNumber;
    LPCWSTR    RecipientName;
    LPCWSTR    Tsid;
    LPCWSTR    SenderName;
    LPCWSTR    SenderCompany;
    LPCWSTR    SenderDept;
    LPCWSTR    BillingCode;
    DWORD      ScheduleAction;
    SYSTEMTIME ScheduleTime;
    DWORD      DeliveryReportType;
    LPCWSTR    DeliveryReportAddress;
    LPCWSTR    DocumentName;
} FAX_JOB_ENTRYW, *PFAX_JOB_ENTRYW;

typedef struct _FAX_JOB_PARAMA {
    DWORD        SizeOfStruct;
    LPCSTR       RecipientNumber;
    LPCSTR       RecipientName;
    LPCSTR       Tsid;
    LPCSTR       SenderName;
    LPCSTR       SenderCompany;
    LPCSTR       SenderDept;
    LPCSTR       BillingCode;
    DWORD        ScheduleAction;
    SYSTEMTIME   ScheduleTime;
    DWORD        DeliveryReportType;
    LPCSTR       DeliveryReportAddress;
    LPCSTR       DocumentName;
    WINFAX_HCALL CallHandle;
    DWORD_PTR    Reserved[3];
} FAX_JOB_PARAMA, *PFAX_JOB_PARAMA;

typedef struct _FAX_JOB_PARAMW {
    DWORD        SizeOfStruct;
    LPCWSTR      RecipientNumber;
    LPCWSTR      RecipientName;
    LPCWSTR      Tsid;
    LPCWSTR      SenderName;
    LPCWSTR      SenderCompany;
    LPCWSTR      SenderDept;
    LPCWSTR      BillingCode;
    DWORD        ScheduleAction;
    SYSTEMTIME   ScheduleTime;
    DWORD        DeliveryReportType;
    LPCWSTR      DeliveryReportAddress;
    LPCWSTR      DocumentName;
    WINFAX_HCALL CallHandle;
    DWORD_PTR    Reserved[3];
} FAX_JOB_PARAMW, *PFAX_JOB_PARAMW;

typedef struct _FAX_COVERPAGE_INFOA {
    DWORD      SizeOfStruct;
    LPCSTR     CoverPageName;
    BOOL       UseServerCoverPage;
    LPCSTR     RecName;
    LPCSTR     RecFaxNumber;
    LPCSTR     RecCompany;
    LPCSTR     RecStreetAddress;
    LPCSTR     RecCity;
    LPCSTR     RecState;
    LPCSTR     RecZip;
    LPCSTR     RecCountry;
    LPCSTR     RecTitle;
    LPCSTR     RecDepartment;
    LPCSTR     RecOfficeLocation;
    LPCSTR     RecHomePhone;
    LPCSTR     RecOfficePhone;
    LPCSTR     SdrName;
    LPCSTR     SdrFaxNumber;
    LPCSTR     SdrCompany;
    LPCSTR     SdrAddress;
    LPCSTR     SdrTitle;
    LPCSTR     SdrDepartment;
    LPCSTR     SdrOfficeLocation;
    LPCSTR     SdrHomePhone;
    LPCSTR     SdrOfficePhone;
    LPCSTR     Note;
    LPCSTR     Subject;
    SYSTEMTIME TimeSent;
    DWORD      PageCount;
} FAX_COVERPAGE_INFOA, *PFAX_COVERPAGE_INFOA;

typedef struct _FAX_COVERPAGE_INFOW {
    DWORD      SizeOfStruct;
    LPCWSTR    CoverPageName;
    BOOL       UseServerCoverPage;
    LPCWSTR    RecName;
    LPCWSTR    RecFaxNumber;
    LPCWSTR    RecCompany;
    LPCWSTR    RecStreetAddress;
    LPCWSTR    RecCity;
    LPCWSTR    RecState;
    LPCWSTR    RecZip;
    LPCWSTR    RecCountry;
    LPCWSTR    RecTitle;
    LPCWSTR    RecDepartment;
    LPCWSTR    RecOfficeLocation;
    LPCWSTR    RecHomePhone;
    LPCWSTR    RecOfficePhone;
    LPCWSTR    SdrName;
    LPCWSTR    SdrFaxNumber;
    LPCWSTR    SdrCompany;
    LPCWSTR    SdrAddress;
    LPCWSTR    SdrTitle;
    LPCWSTR    SdrDepartment;
    LPCWSTR    SdrOfficeLocation;
    LPCWSTR    SdrHomePhone;
    LPCWSTR    SdrOfficePhone;
    LPCWSTR    Note;
    LPCWSTR    Subject;
    SYSTEMTIME TimeSent;
    DWORD      PageCount;
} FAX_COVERPAGE_INFOW, *PFAX_COVERPAGE_INFOW;

typedef struct _FAX_CONFIGURATIONA {
    DWORD    SizeOfStruct;
    DWORD    Retries;
    DWORD    RetryDelay;
    DWORD    DirtyDays;
    BOOL     Branding;
    BOOL     UseDeviceTsid;
    BOOL     ServerCp;
    BOOL     PauseServerQueue;
    FAX_TIME StartCheapTime;
    FAX_TIME StopCheapTime;
    BOOL     ArchiveOutgoingFaxes;
    LPCSTR   ArchiveDirectory;
    LPCSTR   Reserved;          /* InboundProfile in Windows 2000 */
} FAX_CONFIGURATIONA, *PFAX_CONFIGURATIONA;

typedef struct _FAX_CONFIGURATIONW {
    DWORD    SizeOfStruct;
    DWORD    Retries;
    DWORD    RetryDelay;
    DWORD    DirtyDays;
    BOOL     Branding;
    BOOL     UseDeviceTsid;
    BOOL     ServerCp;
    BOOL     PauseServerQueue;
    FAX_TIME StartCheapTime;
    FAX_TIME StopCheapTime;
    BOOL     ArchiveOutgoingFaxes;
    LPCWSTR  ArchiveDirectory;
    LPCWSTR  Reserved;          /* InboundProfile in Windows 2000 */
} FAX_CONFIGURATIONW, *PFAX_CONFIGURATIONW;

/* The A and W forms are the same: an event carries no string. */
typedef struct _FAX_EVENTA {
    DWORD    SizeOfStruct;
    FILETIME TimeStamp;
    DWORD    DeviceId;
    DWORD    EventId;
    DWORD    JobId;             /* WINFAX_EVENT_NO_JOB: no job */
} FAX_EVENTA, *PFAX_EVENTA;

typedef struct _FAX_EVENTW {
    DWORD    SizeOfStruct;
    FILETIME TimeStamp;
    DWORD    DeviceId;
    DWORD    EventId;
    DWORD    JobId;             /* WINFAX_EVENT_NO_JOB: no job */
} FAX_EVENTW, *PFAX_EVENTW;

/* Guid is the routing method's GUID as a string, "{xxxxxxxx-...}". */
typedef struct _FAX_ROUTING_METHODA {
    DWORD  SizeOfStruct;
    DWORD  DeviceId;
    BOOL   Enabled;
    LPCSTR DeviceName;
    LPCSTR Guid;
    LPCSTR FriendlyName;
    LPCSTR FunctionName;
    LPCSTR ExtensionImageName;
    LPCSTR ExtensionFriendlyName;
} FAX_ROUTING_METHODA, *PFAX_ROUTING_METHODA;

typedef struct _FAX_ROUTING_METHODW {
    DWORD   SizeOfStruct;
    DWORD   DeviceId;
    BOOL    Enabled;
    LPCWSTR DeviceName;
    LPCWSTR Guid;
    LPCWSTR FriendlyName;
    LPCWSTR FunctionName;
    LPCWSTR ExtensionImageName;
    LPCWSTR ExtensionFriendlyName;
} FAX_ROUTING_METHODW, *PFAX_ROUTING_METHODW;

typedef struct _FAX_GLOBAL_ROUTING_INFOA {
    DWORD  SizeOfStruct;
    DWORD  Priority;
    LPCSTR Guid;
    LPCSTR FriendlyName;
    LPCSTR FunctionName;
    LPCSTR ExtensionImageName;
    LPCSTR ExtensionFriendlyName;
} FAX_GLOBAL_ROUTING_INFOA, *PFAX_GLOBAL_ROUTING_INFOA;

typedef struct _FAX_GLOBAL_ROUTING_INFOW {
    DWORD   SizeOfStruct;
    DWORD   Priority;
    LPCWSTR Guid;
    LPCWSTR FriendlyName;
    LPCWSTR FunctionName;
    LPCWSTR ExtensionImageName;
    LPCWSTR ExtensionFriendlyName;
} FAX_GLOBAL_ROUTING_INFOW, *PFAX_GLOBAL_ROUTING_INFOW;

typedef struct _FAX_LOG_CATEGORYA {
    LPCSTR Name;
    DWORD  Category;
    DWORD  Level;
} FAX_LOG_CATEGORYA, *PFAX_LOG_CATEGORYA;

typedef struct _FAX_LOG_CATEGORYW {
    LPCWSTR Name;
    DWORD   Category;
    DWORD   Level;
} FAX_LOG_CATEGORYW, *PFAX_LOG_CATEGORYW;

typedef struct _FAX_PRINT_INFOA {
    DWORD  SizeOfStruct;
    LPCSTR DocName;
    LPCSTR RecipientName;
    LPCSTR RecipientNumber;
    LPCSTR SenderName;
    LPCSTR SenderCompany;
    LPCSTR SenderDept;
    LPCSTR SenderBillingCode;
    LPCSTR Reserved;
    LPCSTR DrEmailAddress;
    LPCSTR OutputFileName;
} FAX_PRINT_INFOA, *PFAX_PRINT_INFOA;

typedef struct _FAX_PRINT_INFOW {
    DWORD   SizeOfStruct;
    LPCWSTR DocName;
    LPCWSTR RecipientName;
    LPCWSTR RecipientNumber;
    LPCWSTR SenderName;
    LPCWSTR SenderCompany;
    LPCWSTR SenderDept;
    LPCWSTR SenderBillingCode;
    LPCWSTR Reserved;
    LPCWSTR DrEmailAddress;
    LPCWSTR OutputFileName;
} FAX_PRINT_INFOW, *PFAX_PRINT_INFOW;

typedef struct _FAX_CONTEXT_INFOA {
    DWORD SizeOfStruct;
    HDC   hDC;
    CHAR  ServerName[MAX_COMPUTERNAME_LENGTH + 1];
} FAX_CONTEXT_INFOA, *PFAX_CONTEXT_INFOA;

typedef struct _FAX_CONTEXT_INFOW {
    DWORD SizeOfStruct;
    HDC   hDC;
    WCHAR ServerName[MAX_COMPUTERNAME_LENGTH + 1];
} FAX_CONTEXT_INFOW, *PFAX_CONTEXT_INFOW;

#ifdef UNICODE
typedef FAX_PORT_INFOW           FAX_PORT_INFO;
typedef PFAX_PORT_INFOW          PFAX_PORT_INFO;
typedef FAX_DEVICE_STATUSW       FAX_DEVICE_STATUS;
typedef PFAX_DEVICE_STATUSW      PFAX_DEVICE_STATUS;
typedef FAX_JOB_ENTRYW           FAX_JOB_ENTRY;
typedef PFAX_JOB_ENTRYW          PFAX_JOB_ENTRY;
typedef FAX_JOB_PARAMW           FAX_JOB_PARAM;
typedef PFAX_JOB_PARAMW          PFAX_JOB_PARAM;
typedef FAX_COVERPAGE_INFOW      FAX_COVERPAGE_INFO;
typedef PFAX_COVERPAGE_INFOW     PFAX_COVERPAGE_INFO;
typedef FAX_CONFIGURATIONW       FAX_CONFIGURATION;
typedef PFAX_CONFIGURATIONW      PFAX_CONFIGURATION;
typedef FAX_EVENTW               FAX_EVENT;
typedef PFAX_EVENTW              PFAX_EVENT;
typedef FAX_ROUTING_METHODW      FAX_ROUTING_METHOD;
typedef PFAX_ROUTING_METHODW     PFAX_ROUTING_METHOD;
typedef FAX_GLOBAL_ROUTING_INFOW FAX_GLOBAL_ROUTING_INFO;
typedef PFAX_GLOBAL_ROUTING_INFOW PFAX_GLOBAL_ROUTING_INFO;
typedef FAX_LOG_CATEGORYW        FAX_LOG_CATEGORY;
typedef PFAX_LOG_CATEGORYW       PFAX_LOG_CATEGORY;
typedef FAX_PRINT_INFOW          FAX_PRINT_INFO;
typedef PFAX_PRINT_INFOW         PFAX_PRINT_INFO;
typedef FAX_CONTEXT_INFOW        FAX_CONTEXT_INFO;
typedef PFAX_CONTEXT_INFOW       PFAX_CONTEXT_INFO;
#else
typedef FAX_PORT_INFOA           FAX_PORT_INFO;
typedef PFAX_PORT_INFOA          PFAX_PORT_INFO;
typedef FAX_DEVICE_STATUSA       FAX_DEVICE_STATUS;
typedef PFAX_DEVICE_STATUSA      PFAX_DEVICE_STATUS;
typedef FAX_JOB_ENTRYA           FAX_JOB_ENTRY;
typedef PFAX_JOB_ENTRYA          PFAX_JOB_ENTRY;
typedef FAX_JOB_PARAMA           FAX_JOB_PARAM;
typedef PFAX_JOB_PARAMA          PFAX_JOB_PARAM;
typedef FAX_COVERPAGE_INFOA      FAX_COVERPAGE_INFO;
typedef PFAX_COVERPAGE_INFOA     PFAX_COVERPAGE_INFO;
typedef FAX_CONFIGURATIONA       FAX_CONFIGURATION;
typedef PFAX_CONFIGURATIONA      PFAX_CONFIGURATION;
typedef FAX_EVENTA               FAX_EVENT;
typedef PFAX_EVENTA              PFAX_EVENT;
typedef FAX_ROUTING_METHODA      FAX_ROUTING_METHOD;
typedef PFAX_ROUTING_METHODA     PFAX_ROUTING_METHOD;
typedef FAX_GLOBAL_ROUTING_INFOA FAX_GLOBAL_ROUTING_INFO;
typedef PFAX_GLOBAL_ROUTING_INFOA PFAX_GLOBAL_ROUTING_INFO;
typedef FAX_LOG_CATEGORYA        FAX_LOG_CATEGORY;
typedef PFAX_LOG_CATEGORYA       PFAX_LOG_CATEGORY;
typedef FAX_PRINT_INFOA          FAX_PRINT_INFO;
typedef PFAX_PRINT_INFOA         PFAX_PRINT_INFO;
typedef FAX_CONTEXT_INFOA        FAX_CONTEXT_INFO;
typedef PFAX_CONTEXT_INFOA       PFAX_CONTEXT_INFO;
#endif

/* ------------------------------------------------------------------------
 * Callbacks the library calls.  Declare them with WINFAX_CALL (not WINAPI,
 * which is ms_abi under Wine; the compiler rejects the mismatch).
 * ------------------------------------------------------------------------ */

/* FaxSendDocumentForBroadcast: called with RecipientNumber 1, 2, ... until
 * it returns FALSE; it fills in JobParams and CoverpageInfo. */
typedef BOOL (WINFAX_CALL *PFAX_RECIPIENT_CALLBACKA)(HANDLE FaxHandle,
        DWORD RecipientNumber, LPVOID Context, PFAX_JOB_PARAMA JobParams,
        PFAX_COVERPAGE_INFOA CoverpageInfo);
typedef BOOL (WINFAX_CALL *PFAX_RECIPIENT_CALLBACKW)(HANDLE FaxHandle,
        DWORD RecipientNumber, LPVOID Context, PFAX_JOB_PARAMW JobParams,
        PFAX_COVERPAGE_INFOW CoverpageInfo);

/* FaxRegisterRoutingExtensionW: called once per routing method to install
 * until it returns FALSE. */
typedef BOOL (WINFAX_CALL *PFAX_ROUTING_INSTALLATION_CALLBACKW)(
        HANDLE FaxHandle, LPVOID Context, LPWSTR MethodName,
        LPWSTR FriendlyName, LPWSTR FunctionName, LPWSTR Guid);

#ifdef UNICODE
#define PFAX_RECIPIENT_CALLBACK PFAX_RECIPIENT_CALLBACKW
#else
#define PFAX_RECIPIENT_CALLBACK PFAX_RECIPIENT_CALLBACKA
#endif
#define PFAX_ROUTING_INSTALLATION_CALLBACK PFAX_ROUTING_INSTALLATION_CALLBACKW

/* ------------------------------------------------------------------------
 * The 56 exported functions.  All return FALSE and set GetLastError() on
 * failure, except FaxFreeBuffer.  Buffers returned through a pointer to a
 * pointer are one allocation each, freed with FaxFreeBuffer.
 * ------------------------------------------------------------------------ */

/* Connection and ports */
WINFAXAPI BOOL WINFAX_CALL FaxConnectFaxServerA(LPCSTR MachineName, LPHANDLE FaxHandle);
WINFAXAPI BOOL WINFAX_CALL FaxConnectFaxServerW(LPCWSTR MachineName, LPHANDLE FaxHandle);
typedef BOOL (WINFAX_CALL *PFAXCONNECTFAXSERVERA)(LPCSTR MachineName, LPHANDLE FaxHandle);
typedef BOOL (WINFAX_CALL *PFAXCONNECTFAXSERVERW)(LPCWSTR MachineName, LPHANDLE FaxHandle);

WINFAXAPI BOOL WINFAX_CALL FaxClose(HANDLE FaxHandle);
typedef BOOL (WINFAX_CALL *PFAXCLOSE)(HANDLE FaxHandle);

WINFAXAPI BOOL WINFAX_CALL FaxOpenPort(HANDLE FaxHandle, DWORD DeviceId, DWORD Flags,
        LPHANDLE FaxPortHandle);
typedef BOOL (WINFAX_CALL *PFAXOPENPORT)(HANDLE FaxHandle, DWORD DeviceId, DWORD Flags,
        LPHANDLE FaxPortHandle);

WINFAXAPI BOOL WINFAX_CALL FaxEnumPortsA(HANDLE FaxHandle, PFAX_PORT_INFOA *PortInfo,
        LPDWORD PortsReturned);
WINFAXAPI BOOL WINFAX_CALL FaxEnumPortsW(HANDLE FaxHandle, PFAX_PORT_INFOW *PortInfo,
        LPDWORD PortsReturned);
typedef BOOL (WINFAX_CALL *PFAXENUMPORTSA)(HANDLE FaxHandle, PFAX_PORT_INFOA *PortInfo,
        LPDWORD PortsReturned);
typedef BOOL (WINFAX_CALL *PFAXENUMPORTSW)(HANDLE FaxHandle, PFAX_PORT_INFOW *PortInfo,
        LPDWORD PortsReturned);

WINFAXAPI BOOL WINFAX_CALL FaxGetPortA(HANDLE FaxPortHandle, PFAX_PORT_INFOA *PortInfo);
WINFAXAPI BOOL WINFAX_CALL FaxGetPortW(HANDLE FaxPortHandle, PFAX_PORT_INFOW *PortInfo);
typedef BOOL (WINFAX_CALL *PFAXGETPORTA)(HANDLE FaxPortHandle, PFAX_PORT_INFOA *PortInfo);
typedef BOOL (WINFAX_CALL *PFAXGETPORTW)(HANDLE FaxPortHandle, PFAX_PORT_INFOW *PortInfo);

WINFAXAPI BOOL WINFAX_CALL FaxSetPortA(HANDLE FaxPortHandle, const FAX_PORT_INFOA *PortInfo);
WINFAXAPI BOOL WINFAX_CALL FaxSetPortW(HANDLE FaxPortHandle, const FAX_PORT_INFOW *PortInfo);
typedef BOOL (WINFAX_CALL *PFAXSETPORTA)(HANDLE FaxPortHandle, const FAX_PORT_INFOA *PortInfo);
typedef BOOL (WINFAX_CALL *PFAXSETPORTW)(HANDLE FaxPortHandle, const FAX_PORT_INFOW *PortInfo);

WINFAXAPI BOOL WINFAX_CALL FaxGetDeviceStatusA(HANDLE FaxPortHandle,
        PFAX_DEVICE_STATUSA *DeviceStatus);
WINFAXAPI BOOL WINFAX_CALL FaxGetDeviceStatusW(HANDLE FaxPortHandle,
        PFAX_DEVICE_STATUSW *DeviceStatus);
typedef BOOL (WINFAX_CALL *PFAXGETDEVICESTATUSA)(HANDLE FaxPortHandle,
        PFAX_DEVICE_STATUSA *DeviceStatus);
typedef BOOL (WINFAX_CALL *PFAXGETDEVICESTATUSW)(HANDLE FaxPortHandle,
        PFAX_DEVICE_STATUSW *DeviceStatus);

/* Jobs */
WINFAXAPI BOOL WINFAX_CALL FaxSendDocumentA(HANDLE FaxHandle, LPCSTR FileName,
        PFAX_JOB_PARAMA JobParams, const FAX_COVERPAGE_INFOA *CoverpageInfo,
        LPDWORD FaxJobId);
WINFAXAPI BOOL WINFAX_CALL FaxSendDocumentW(HANDLE FaxHandle, LPCWSTR FileName,
        PFAX_JOB_PARAMW JobParams, const FAX_COVERPAGE_INFOW *CoverpageInfo,
        LPDWORD FaxJobId);
typedef BOOL (WINFAX_CALL *PFAXSENDDOCUMENTA)(HANDLE FaxHandle, LPCSTR FileName,
        PFAX_JOB_PARAMA JobParams, const FAX_COVERPAGE_INFOA *CoverpageInfo,
        LPDWORD FaxJobId);
typedef BOOL (WINFAX_CALL *PFAXSENDDOCUMENTW)(HANDLE FaxHandle, LPCWSTR FileName,
        PFAX_JOB_PARAMW JobParams, const FAX_COVERPAGE_INFOW *CoverpageInfo,
        LPDWORD FaxJobId);

WINFAXAPI BOOL WINFAX_CALL FaxSendDocumentForBroadcastA(HANDLE FaxHandle, LPCSTR FileName,
        LPDWORD FaxJobId, PFAX_RECIPIENT_CALLBACKA FaxRecipientCallback, LPVOID Context);
WINFAXAPI BOOL WINFAX_CALL FaxSendDocumentForBroadcastW(HANDLE FaxHandle, LPCWSTR FileName,
        LPDWORD FaxJobId, PFAX_RECIPIENT_CALLBACKW FaxRecipientCallback, LPVOID Context);
typedef BOOL (WINFAX_CALL *PFAXSENDDOCUMENTFORBROADCASTA)(HANDLE FaxHandle, LPCSTR FileName,
        LPDWORD FaxJobId, PFAX_RECIPIENT_CALLBACKA FaxRecipientCallback, LPVOID Context);
typedef BOOL (WINFAX_CALL *PFAXSENDDOCUMENTFORBROADCASTW)(HANDLE FaxHandle, LPCWSTR FileName,
        LPDWORD FaxJobId, PFAX_RECIPIENT_CALLBACKW FaxRecipientCallback, LPVOID Context);

WINFAXAPI BOOL WINFAX_CALL FaxEnumJobsA(HANDLE FaxHandle, PFAX_JOB_ENTRYA *JobEntry,
        LPDWORD JobsReturned);
WINFAXAPI BOOL WINFAX_CALL FaxEnumJobsW(HANDLE FaxHandle, PFAX_JOB_ENTRYW *JobEntry,
        LPDWORD JobsReturned);
typedef BOOL (WINFAX_CALL *PFAXENUMJOBSA)(HANDLE FaxHandle, PFAX_JOB_ENTRYA *JobEntry,
        LPDWORD JobsReturned);
typedef BOOL (WINFAX_CALL *PFAXENUMJOBSW)(HANDLE FaxHandle, PFAX_JOB_ENTRYW *JobEntry,
        LPDWORD JobsReturned);

WINFAXAPI BOOL WINFAX_CALL FaxGetJobA(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYA *JobEntry);
WINFAXAPI BOOL WINFAX_CALL FaxGetJobW(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYW *JobEntry);
typedef BOOL (WINFAX_CALL *PFAXGETJOBA)(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYA *JobEntry);
typedef BOOL (WINFAX_CALL *PFAXGETJOBW)(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYW *JobEntry);

/* JobEntry must be NULL. */
WINFAXAPI BOOL WINFAX_CALL FaxSetJobA(HANDLE FaxHandle, DWORD JobId, DWORD Command,
        const FAX_JOB_ENTRYA *JobEntry);
WINFAXAPI BOOL WINFAX_CALL FaxSetJobW(HANDLE FaxHandle, DWORD JobId, DWORD Command,
        const FAX_JOB_ENTRYW *JobEntry);
typedef BOOL (WINFAX_CALL *PFAXSETJOBA)(HANDLE FaxHandle, DWORD JobId, DWORD Command,
        const FAX_JOB_ENTRYA *JobEntry);
typedef BOOL (WINFAX_CALL *PFAXSETJOBW)(HANDLE FaxHandle, DWORD JobId, DWORD Command,
        const FAX_JOB_ENTRYW *JobEntry);

WINFAXAPI BOOL WINFAX_CALL FaxAbort(HANDLE FaxHandle, DWORD JobId);
typedef BOOL (WINFAX_CALL *PFAXABORT)(HANDLE FaxHandle, DWORD JobId);

/* First page of an outgoing job, as a TIFF (MMR) in one buffer. */
WINFAXAPI BOOL WINFAX_CALL FaxGetPageData(HANDLE FaxHandle, DWORD JobId, LPBYTE *Buffer,
        LPDWORD BufferSize, LPDWORD ImageWidth, LPDWORD ImageHeight);
typedef BOOL (WINFAX_CALL *PFAXGETPAGEDATA)(HANDLE FaxHandle, DWORD JobId, LPBYTE *Buffer,
        LPDWORD BufferSize, LPDWORD ImageWidth, LPDWORD ImageHeight);

/* Two buffers, each freed with FaxFreeBuffer. */
WINFAXAPI BOOL WINFAX_CALL FaxCompleteJobParamsA(PFAX_JOB_PARAMA *JobParams,
        PFAX_COVERPAGE_INFOA *CoverpageInfo);
WINFAXAPI BOOL WINFAX_CALL FaxCompleteJobParamsW(PFAX_JOB_PARAMW *JobParams,
        PFAX_COVERPAGE_INFOW *CoverpageInfo);
typedef BOOL (WINFAX_CALL *PFAXCOMPLETEJOBPARAMSA)(PFAX_JOB_PARAMA *JobParams,
        PFAX_COVERPAGE_INFOA *CoverpageInfo);
typedef BOOL (WINFAX_CALL *PFAXCOMPLETEJOBPARAMSW)(PFAX_JOB_PARAMW *JobParams,
        PFAX_COVERPAGE_INFOW *CoverpageInfo);

/* Configuration */
WINFAXAPI BOOL WINFAX_CALL FaxGetConfigurationA(HANDLE FaxHandle,
        PFAX_CONFIGURATIONA *FaxConfig);
WINFAXAPI BOOL WINFAX_CALL FaxGetConfigurationW(HANDLE FaxHandle,
        PFAX_CONFIGURATIONW *FaxConfig);
typedef BOOL (WINFAX_CALL *PFAXGETCONFIGURATIONA)(HANDLE FaxHandle,
        PFAX_CONFIGURATIONA *FaxConfig);
typedef BOOL (WINFAX_CALL *PFAXGETCONFIGURATIONW)(HANDLE FaxHandle,
        PFAX_CONFIGURATIONW *FaxConfig);

WINFAXAPI BOOL WINFAX_CALL FaxSetConfigurationA(HANDLE FaxHandle,
        const FAX_CONFIGURATIONA *FaxConfig);
WINFAXAPI BOOL WINFAX_CALL FaxSetConfigurationW(HANDLE FaxHandle,
        const FAX_CONFIGURATIONW *FaxConfig);
typedef BOOL (WINFAX_CALL *PFAXSETCONFIGURATIONA)(HANDLE FaxHandle,
        const FAX_CONFIGURATIONA *FaxConfig);
typedef BOOL (WINFAX_CALL *PFAXSETCONFIGURATIONW)(HANDLE FaxHandle,
        const FAX_CONFIGURATIONW *FaxConfig);

WINFAXAPI BOOL WINFAX_CALL FaxGetLoggingCategoriesA(HANDLE FaxHandle,
        PFAX_LOG_CATEGORYA *Categories, LPDWORD NumberCategories);
WINFAXAPI BOOL WINFAX_CALL FaxGetLoggingCategoriesW(HANDLE FaxHandle,
        PFAX_LOG_CATEGORYW *Categories, LPDWORD NumberCategories);
typedef BOOL (WINFAX_CALL *PFAXGETLOGGINGCATEGORIESA)(HANDLE FaxHandle,
        PFAX_LOG_CATEGORYA *Categories, LPDWORD NumberCategories);
typedef BOOL (WINFAX_CALL *PFAXGETLOGGINGCATEGORIESW)(HANDLE FaxHandle,
        PFAX_LOG_CATEGORYW *Categories, LPDWORD NumberCategories);

WINFAXAPI BOOL WINFAX_CALL FaxSetLoggingCategoriesA(HANDLE FaxHandle,
        const FAX_LOG_CATEGORYA *Categories, DWORD NumberCategories);
WINFAXAPI BOOL WINFAX_CALL FaxSetLoggingCategoriesW(HANDLE FaxHandle,
        const FAX_LOG_CATEGORYW *Categories, DWORD NumberCategories);
typedef BOOL (WINFAX_CALL *PFAXSETLOGGINGCATEGORIESA)(HANDLE FaxHandle,
        const FAX_LOG_CATEGORYA *Categories, DWORD NumberCategories);
typedef BOOL (WINFAX_CALL *PFAXSETLOGGINGCATEGORIESW)(HANDLE FaxHandle,
        const FAX_LOG_CATEGORYW *Categories, DWORD NumberCategories);

/* FALSE with GetLastError() == ERROR_SUCCESS means "not held". */
WINFAXAPI BOOL WINFAX_CALL FaxAccessCheck(HANDLE FaxHandle, DWORD AccessMask);
typedef BOOL (WINFAX_CALL *PFAXACCESSCHECK)(HANDLE FaxHandle, DWORD AccessMask);

/* Frees the whole block; never follows the pointers inside it. */
WINFAXAPI VOID WINFAX_CALL FaxFreeBuffer(LPVOID Buffer);
typedef VOID (WINFAX_CALL *PFAXFREEBUFFER)(LPVOID Buffer);

/* Exactly one of CompletionPort and hWnd.  With a completion port, each
 * packet's overlapped pointer is a FAX_EVENT to be freed with LocalFree. */
WINFAXAPI BOOL WINFAX_CALL FaxInitializeEventQueue(HANDLE FaxHandle, HANDLE CompletionPort,
        ULONG_PTR CompletionKey, HWND hWnd, UINT MessageStart);
typedef BOOL (WINFAX_CALL *PFAXINITIALIZEEVENTQUEUE)(HANDLE FaxHandle,
        HANDLE CompletionPort, ULONG_PTR CompletionKey, HWND hWnd, UINT MessageStart);

/* Printing */
WINFAXAPI BOOL WINFAX_CALL FaxStartPrintJobA(LPCSTR PrinterName,
        const FAX_PRINT_INFOA *PrintInfo, LPDWORD FaxJobId,
        PFAX_CONTEXT_INFOA FaxContextInfo);
WINFAXAPI BOOL WINFAX_CALL FaxStartPrintJobW(LPCWSTR PrinterName,
        const FAX_PRINT_INFOW *PrintInfo, LPDWORD FaxJobId,
        PFAX_CONTEXT_INFOW FaxContextInfo);
typedef BOOL (WINFAX_CALL *PFAXSTARTPRINTJOBA)(LPCSTR PrinterName,
        const FAX_PRINT_INFOA *PrintInfo, LPDWORD FaxJobId,
        PFAX_CONTEXT_INFOA FaxContextInfo);
typedef BOOL (WINFAX_CALL *PFAXSTARTPRINTJOBW)(LPCWSTR PrinterName,
        const FAX_PRINT_INFOW *PrintInfo, LPDWORD FaxJobId,
        PFAX_CONTEXT_INFOW FaxContextInfo);

WINFAXAPI BOOL WINFAX_CALL FaxPrintCoverPageA(const FAX_CONTEXT_INFOA *FaxContextInfo,
        const FAX_COVERPAGE_INFOA *CoverPageInfo);
WINFAXAPI BOOL WINFAX_CALL FaxPrintCoverPageW(const FAX_CONTEXT_INFOW *FaxContextInfo,
        const FAX_COVERPAGE_INFOW *CoverPageInfo);
typedef BOOL (WINFAX_CALL *PFAXPRINTCOVERPAGEA)(const FAX_CONTEXT_INFOA *FaxContextInfo,
        const FAX_COVERPAGE_INFOA *CoverPageInfo);
typedef BOOL (WINFAX_CALL *PFAXPRINTCOVERPAGEW)(const FAX_CONTEXT_INFOW *FaxContextInfo,
        const FAX_COVERPAGE_INFOW *CoverPageInfo);

/* Routing */
WINFAXAPI BOOL WINFAX_CALL FaxEnumRoutingMethodsA(HANDLE FaxPortHandle,
        PFAX_ROUTING_METHODA *RoutingMethod, LPDWORD MethodsReturned);
WINFAXAPI BOOL WINFAX_CALL FaxEnumRoutingMethodsW(HANDLE FaxPortHandle,
        PFAX_ROUTING_METHODW *RoutingMethod, LPDWORD MethodsReturned);
typedef BOOL (WINFAX_CALL *PFAXENUMROUTINGMETHODSA)(HANDLE FaxPortHandle,
        PFAX_ROUTING_METHODA *RoutingMethod, LPDWORD MethodsReturned);
typedef BOOL (WINFAX_CALL *PFAXENUMROUTINGMETHODSW)(HANDLE FaxPortHandle,
        PFAX_ROUTING_METHODW *RoutingMethod, LPDWORD MethodsReturned);

WINFAXAPI BOOL WINFAX_CALL FaxEnableRoutingMethodA(HANDLE FaxPortHandle,
        LPCSTR RoutingGuid, BOOL Enabled);
WINFAXAPI BOOL WINFAX_CALL FaxEnableRoutingMethodW(HANDLE FaxPortHandle,
        LPCWSTR RoutingGuid, BOOL Enabled);
typedef BOOL (WINFAX_CALL *PFAXENABLEROUTINGMETHODA)(HANDLE FaxPortHandle,
        LPCSTR RoutingGuid, BOOL Enabled);
typedef BOOL (WINFAX_CALL *PFAXENABLEROUTINGMETHODW)(HANDLE FaxPortHandle,
        LPCWSTR RoutingGuid, BOOL Enabled);

WINFAXAPI BOOL WINFAX_CALL FaxGetRoutingInfoA(HANDLE FaxPortHandle, LPCSTR RoutingGuid,
        LPBYTE *RoutingInfoBuffer, LPDWORD RoutingInfoBufferSize);
WINFAXAPI BOOL WINFAX_CALL FaxGetRoutingInfoW(HANDLE FaxPortHandle, LPCWSTR RoutingGuid,
        LPBYTE *RoutingInfoBuffer, LPDWORD RoutingInfoBufferSize);
typedef BOOL (WINFAX_CALL *PFAXGETROUTINGINFOA)(HANDLE FaxPortHandle, LPCSTR RoutingGuid,
        LPBYTE *RoutingInfoBuffer, LPDWORD RoutingInfoBufferSize);
typedef BOOL (WINFAX_CALL *PFAXGETROUTINGINFOW)(HANDLE FaxPortHandle, LPCWSTR RoutingGuid,
        LPBYTE *RoutingInfoBuffer, LPDWORD RoutingInfoBufferSize);

WINFAXAPI BOOL WINFAX_CALL FaxSetRoutingInfoA(HANDLE FaxPortHandle, LPCSTR RoutingGuid,
        const BYTE *RoutingInfoBuffer, DWORD RoutingInfoBufferSize);
WINFAXAPI BOOL WINFAX_CALL FaxSetRoutingInfoW(HANDLE FaxPortHandle, LPCWSTR RoutingGuid,
        const BYTE *RoutingInfoBuffer, DWORD RoutingInfoBufferSize);
typedef BOOL (WINFAX_CALL *PFAXSETROUTINGINFOA)(HANDLE FaxPortHandle, LPCSTR RoutingGuid,
        const BYTE *RoutingInfoBuffer, DWORD RoutingInfoBufferSize);
typedef BOOL (WINFAX_CALL *PFAXSETROUTINGINFOW)(HANDLE FaxPortHandle, LPCWSTR RoutingGuid,
        const BYTE *RoutingInfoBuffer, DWORD RoutingInfoBufferSize);

WINFAXAPI BOOL WINFAX_CALL FaxEnumGlobalRoutingInfoA(HANDLE FaxHandle,
        PFAX_GLOBAL_ROUTING_INFOA *RoutingInfo, LPDWORD MethodsReturned);
WINFAXAPI BOOL WINFAX_CALL FaxEnumGlobalRoutingInfoW(HANDLE FaxHandle,
        PFAX_GLOBAL_ROUTING_INFOW *RoutingInfo, LPDWORD MethodsReturned);
typedef BOOL (WINFAX_CALL *PFAXENUMGLOBALROUTINGINFOA)(HANDLE FaxHandle,
        PFAX_GLOBAL_ROUTING_INFOA *RoutingInfo, LPDWORD MethodsReturned);
typedef BOOL (WINFAX_CALL *PFAXENUMGLOBALROUTINGINFOW)(HANDLE FaxHandle,
        PFAX_GLOBAL_ROUTING_INFOW *RoutingInfo, LPDWORD MethodsReturned);

WINFAXAPI BOOL WINFAX_CALL FaxSetGlobalRoutingInfoA(HANDLE FaxHandle,
        const FAX_GLOBAL_ROUTING_INFOA *RoutingInfo);
WINFAXAPI BOOL WINFAX_CALL FaxSetGlobalRoutingInfoW(HANDLE FaxHandle,
        const FAX_GLOBAL_ROUTING_INFOW *RoutingInfo);
typedef BOOL (WINFAX_CALL *PFAXSETGLOBALROUTINGINFOA)(HANDLE FaxHandle,
        const FAX_GLOBAL_ROUTING_INFOA *RoutingInfo);
typedef BOOL (WINFAX_CALL *PFAXSETGLOBALROUTINGINFOW)(HANDLE FaxHandle,
        const FAX_GLOBAL_ROUTING_INFOW *RoutingInfo);

/* Service providers and routing extensions: wide strings only. */
WINFAXAPI BOOL WINFAX_CALL FaxRegisterServiceProviderW(LPCWSTR DeviceProvider,
        LPCWSTR FriendlyName, LPCWSTR ImageName, LPCWSTR TspName);
typedef BOOL (WINFAX_CALL *PFAXREGISTERSERVICEPROVIDERW)(LPCWSTR DeviceProvider,
        LPCWSTR FriendlyName, LPCWSTR ImageName, LPCWSTR TspName);

WINFAXAPI BOOL WINFAX_CALL FaxUnregisterServiceProviderW(LPCWSTR DeviceProvider);
typedef BOOL (WINFAX_CALL *PFAXUNREGISTERSERVICEPROVIDERW)(LPCWSTR DeviceProvider);

WINFAXAPI BOOL WINFAX_CALL FaxRegisterRoutingExtensionW(HANDLE FaxHandle,
        LPCWSTR ExtensionName, LPCWSTR FriendlyName, LPCWSTR ImageName,
        PFAX_ROUTING_INSTALLATION_CALLBACKW CallBack, LPVOID Context);
typedef BOOL (WINFAX_CALL *PFAXREGISTERROUTINGEXTENSIONW)(HANDLE FaxHandle,
        LPCWSTR ExtensionName, LPCWSTR FriendlyName, LPCWSTR ImageName,
        PFAX_ROUTING_INSTALLATION_CALLBACKW CallBack, LPVOID Context);

/* Neutral names, chosen by UNICODE. */
#ifdef UNICODE
#define FaxConnectFaxServer           FaxConnectFaxServerW
#define FaxEnumPorts                  FaxEnumPortsW
#define FaxGetPort                    FaxGetPortW
#define FaxSetPort                    FaxSetPortW
#define FaxGetDeviceStatus            FaxGetDeviceStatusW
#define FaxSendDocument               FaxSendDocumentW
#define FaxSendDocumentForBroadcast   FaxSendDocumentForBroadcastW
#define FaxEnumJobs                   FaxEnumJobsW
#define FaxGetJob                     FaxGetJobW
#define FaxSetJob                     FaxSetJobW
#define FaxCompleteJobParams          FaxCompleteJobParamsW
#define FaxGetConfiguration           FaxGetConfigurationW
#define FaxSetConfiguration           FaxSetConfigurationW
#define FaxGetLoggingCategories       FaxGetLoggingCategoriesW
#define FaxSetLoggingCategories       FaxSetLoggingCategoriesW
#define FaxStartPrintJob              FaxStartPrintJobW
#define FaxPrintCoverPage             FaxPrintCoverPageW
#define FaxEnumRoutingMethods         FaxEnumRoutingMethodsW
#define FaxEnableRoutingMethod        FaxEnableRoutingMethodW
#define FaxGetRoutingInfo             FaxGetRoutingInfoW
#define FaxSetRoutingInfo             FaxSetRoutingInfoW
#define FaxEnumGlobalRoutingInfo      FaxEnumGlobalRoutingInfoW
#define FaxSetGlobalRoutingInfo       FaxSetGlobalRoutingInfoW
#define PFAXCONNECTFAXSERVER          PFAXCONNECTFAXSERVERW
#define PFAXENUMPORTS                 PFAXENUMPORTSW
#define PFAXGETPORT                   PFAXGETPORTW
#define PFAXSETPORT                   PFAXSETPORTW
#define PFAXGETDEVICESTATUS           PFAXGETDEVICESTATUSW
#define PFAXSENDDOCUMENT              PFAXSENDDOCUMENTW
#define PFAXSENDDOCUMENTFORBROADCAST  PFAXSENDDOCUMENTFORBROADCASTW
#define PFAXENUMJOBS                  PFAXENUMJOBSW
#define PFAXGETJOB                    PFAXGETJOBW
#define PFAXSETJOB                    PFAXSETJOBW
#define PFAXCOMPLETEJOBPARAMS         PFAXCOMPLETEJOBPARAMSW
#define PFAXGETCONFIGURATION          PFAXGETCONFIGURATIONW
#define PFAXSETCONFIGURATION          PFAXSETCONFIGURATIONW
#define PFAXGETLOGGINGCATEGORIES      PFAXGETLOGGINGCATEGORIESW
#define PFAXSETLOGGINGCATEGORIES      PFAXSETLOGGINGCATEGORIESW
#define PFAXSTARTPRINTJOB             PFAXSTARTPRINTJOBW
#define PFAXPRINTCOVERPAGE            PFAXPRINTCOVERPAGEW
#define PFAXENUMROUTINGMETHODS        PFAXENUMROUTINGMETHODSW
#define PFAXENABLEROUTINGMETHOD       PFAXENABLEROUTINGMETHODW
#define PFAXGETROUTINGINFO            PFAXGETROUTINGINFOW
#define PFAXSETROUTINGINFO            PFAXSETROUTINGINFOW
#define PFAXENUMGLOBALROUTINGINFO     PFAXENUMGLOBALROUTINGINFOW
#define PFAXSETGLOBALROUTINGINFO      PFAXSETGLOBALROUTINGINFOW
#else
#define FaxConnectFaxServer           FaxConnectFaxServerA
#define FaxEnumPorts                  FaxEnumPortsA
#define FaxGetPort                    FaxGetPortA
#define FaxSetPort                    FaxSetPortA
#define FaxGetDeviceStatus            FaxGetDeviceStatusA
#define FaxSendDocument               FaxSendDocumentA
#define FaxSendDocumentForBroadcast   FaxSendDocumentForBroadcastA
#define FaxEnumJobs                   FaxEnumJobsA
#define FaxGetJob                     FaxGetJobA
#define FaxSetJob                     FaxSetJobA
#define FaxCompleteJobParams          FaxCompleteJobParamsA
#define FaxGetConfiguration           FaxGetConfigurationA
#define FaxSetConfiguration           FaxSetConfigurationA
#define FaxGetLoggingCategories       FaxGetLoggingCategoriesA
#define FaxSetLoggingCategories       FaxSetLoggingCategoriesA
#define FaxStartPrintJob              FaxStartPrintJobA
#define FaxPrintCoverPage             FaxPrintCoverPageA
#define FaxEnumRoutingMethods         FaxEnumRoutingMethodsA
#define FaxEnableRoutingMethod        FaxEnableRoutingMethodA
#define FaxGetRoutingInfo             FaxGetRoutingInfoA
#define FaxSetRoutingInfo             FaxSetRoutingInfoA
#define FaxEnumGlobalRoutingInfo      FaxEnumGlobalRoutingInfoA
#define FaxSetGlobalRoutingInfo       FaxSetGlobalRoutingInfoA
#define PFAXCONNECTFAXSERVER          PFAXCONNECTFAXSERVERA
#define PFAXENUMPORTS                 PFAXENUMPORTSA
#define PFAXGETPORT                   PFAXGETPORTA
#define PFAXSETPORT                   PFAXSETPORTA
#define PFAXGETDEVICESTATUS           PFAXGETDEVICESTATUSA
#define PFAXSENDDOCUMENT              PFAXSENDDOCUMENTA
#define PFAXSENDDOCUMENTFORBROADCAST  PFAXSENDDOCUMENTFORBROADCASTA
#define PFAXENUMJOBS                  PFAXENUMJOBSA
#define PFAXGETJOB                    PFAXGETJOBA
#define PFAXSETJOB                    PFAXSETJOBA
#define PFAXCOMPLETEJOBPARAMS         PFAXCOMPLETEJOBPARAMSA
#define PFAXGETCONFIGURATION          PFAXGETCONFIGURATIONA
#define PFAXSETCONFIGURATION          PFAXSETCONFIGURATIONA
#define PFAXGETLOGGINGCATEGORIES      PFAXGETLOGGINGCATEGORIESA
#define PFAXSETLOGGINGCATEGORIES      PFAXSETLOGGINGCATEGORIESA
#define PFAXSTARTPRINTJOB             PFAXSTARTPRINTJOBA
#define PFAXPRINTCOVERPAGE            PFAXPRINTCOVERPAGEA
#define PFAXENUMROUTINGMETHODS        PFAXENUMROUTINGMETHODSA
#define PFAXENABLEROUTINGMETHOD       PFAXENABLEROUTINGMETHODA
#define PFAXGETROUTINGINFO            PFAXGETROUTINGINFOA
#define PFAXSETROUTINGINFO            PFAXSETROUTINGINFOA
#define PFAXENUMGLOBALROUTINGINFO     PFAXENUMGLOBALROUTINGINFOA
#define PFAXSETGLOBALROUTINGINFO      PFAXSETGLOBALROUTINGINFOA
#endif
/* The wide-only functions have just one form, whatever UNICODE says. */
#define FaxRegisterServiceProvider    FaxRegisterServiceProviderW
#define FaxUnregisterServiceProvider  FaxUnregisterServiceProviderW
#define FaxRegisterRoutingExtension   FaxRegisterRoutingExtensionW
#define PFAXREGISTERSERVICEPROVIDER   PFAXREGISTERSERVICEPROVIDERW
#define PFAXUNREGISTERSERVICEPROVIDER PFAXUNREGISTERSERVICEPROVIDERW
#define PFAXREGISTERROUTINGEXTENSION  PFAXREGISTERROUTINGEXTENSIONW

/* ------------------------------------------------------------------------
 * The Win32 base functions fax programs need, implemented by libwinfax.
 *
 * Winelib programs: when Wine's winbase.h came first these are Wine's
 * declarations and Wine's implementations (kernel32), and libwinfax's are
 * not declared here.  Error codes reach the program through the bridge
 * below.  A completion port for FaxInitializeEventQueue would have to come
 * from libwinfax, which a Winelib program cannot name through this header:
 * Wine's ports are not libwinfax handles (ERROR_INVALID_HANDLE), so fax
 * events do not reach Winelib programs.
 *
 * CreateIoCompletionPort only creates ports (FileHandle ==
 * INVALID_HANDLE_VALUE, ExistingCompletionPort == NULL); fax handles are
 * not associated with ports: FaxInitializeEventQueue does that.
 * CloseHandle closes completion ports; fax server and port handles are
 * closed with FaxClose (CloseHandle fails on them with
 * ERROR_INVALID_HANDLE).  LocalFree frees the FAX_EVENT memory that
 * libwinfax hands out through a completion port.
 * ------------------------------------------------------------------------ */
#if !WINFAX_WIN32_BASE_API_FROM_SYSTEM
WINFAXAPI DWORD  WINFAX_CALL GetLastError(void);
WINFAXAPI VOID   WINFAX_CALL SetLastError(DWORD ErrorCode);
WINFAXAPI HANDLE WINFAX_CALL CreateIoCompletionPort(HANDLE FileHandle,
        HANDLE ExistingCompletionPort, ULONG_PTR CompletionKey,
        DWORD NumberOfConcurrentThreads);
WINFAXAPI BOOL   WINFAX_CALL GetQueuedCompletionStatus(HANDLE CompletionPort,
        LPDWORD NumberOfBytesTransferred, PULONG_PTR CompletionKey,
        LPOVERLAPPED *Overlapped, DWORD Milliseconds);
WINFAXAPI BOOL   WINFAX_CALL PostQueuedCompletionStatus(HANDLE CompletionPort,
        DWORD NumberOfBytesTransferred, ULONG_PTR CompletionKey,
        LPOVERLAPPED Overlapped);
WINFAXAPI BOOL   WINFAX_CALL CloseHandle(HANDLE Object);
WINFAXAPI HLOCAL WINFAX_CALL LocalFree(HLOCAL Memory);
#endif

#if !WINFAX_WINDOWS_TARGET
/*
 * libwinfax's own last-error code of the calling thread, whatever
 * GetLastError means in the including program.  For the bridge below.
 * Windows has one last-error code per thread: no bridge, no such name.
 */
WINFAXAPI DWORD WINFAX_CALL WinfaxGetLastError(void);
#endif

#if WINFAX_WIN32_BASE_API_FROM_SYSTEM && !WINFAX_WINDOWS_TARGET
/*
 * The last-error bridge for programs whose GetLastError is the system's
 * (Winelib: Wine's kernel32, which keeps the code in the thread's TEB).
 * libwinfax sets its own per-thread code, which such a program cannot
 * read, so every fax function called by name goes through a macro that,
 * when the call returns FALSE, copies libwinfax's code into the system's
 * SetLastError.  "Call, then GetLastError()" then works as on Windows,
 * including FaxAccessCheck's FALSE with ERROR_SUCCESS.  A call that
 * succeeds leaves the system's code alone.  A fax function called through
 * a pointer (PFAX... typedefs, &FaxClose) bypasses the macros: such a
 * caller reads the code with WinfaxGetLastError().
 */
static __inline__ BOOL winfax_system_last_error(BOOL result)
{
    if (!result)
        SetLastError(WinfaxGetLastError());
    return result;
}

#define FaxAbort(...) winfax_system_last_error(FaxAbort(__VA_ARGS__))
#define FaxAccessCheck(...) winfax_system_last_error(FaxAccessCheck(__VA_ARGS__))
#define FaxClose(...) winfax_system_last_error(FaxClose(__VA_ARGS__))
#define FaxCompleteJobParamsA(...) winfax_system_last_error(FaxCompleteJobParamsA(__VA_ARGS__))
#define FaxCompleteJobParamsW(...) winfax_system_last_error(FaxCompleteJobParamsW(__VA_ARGS__))
#define FaxConnectFaxServerA(...) winfax_system_last_error(FaxConnectFaxServerA(__VA_ARGS__))
#define FaxConnectFaxServerW(...) winfax_system_last_error(FaxConnectFaxServerW(__VA_ARGS__))
#define FaxEnableRoutingMethodA(...) winfax_system_last_error(FaxEnableRoutingMethodA(__VA_ARGS__))
#define FaxEnableRoutingMethodW(...) winfax_system_last_error(FaxEnableRoutingMethodW(__VA_ARGS__))
#define FaxEnumGlobalRoutingInfoA(...) winfax_system_last_error(FaxEnumGlobalRoutingInfoA(__VA_ARGS__))
#define FaxEnumGlobalRoutingInfoW(...) winfax_system_last_error(FaxEnumGlobalRoutingInfoW(__VA_ARGS__))
#define FaxEnumJobsA(...) winfax_system_last_error(FaxEnumJobsA(__VA_ARGS__))
#define FaxEnumJobsW(...) winfax_system_last_error(FaxEnumJobsW(__VA_ARGS__))
#define FaxEnumPortsA(...) winfax_system_last_error(FaxEnumPortsA(__VA_ARGS__))
#define FaxEnumPortsW(...) winfax_system_last_error(FaxEnumPortsW(__VA_ARGS__))
#define FaxEnumRoutingMethodsA(...) winfax_system_last_error(FaxEnumRoutingMethodsA(__VA_ARGS__))
#define FaxEnumRoutingMethodsW(...) winfax_system_last_error(FaxEnumRoutingMethodsW(__VA_ARGS__))
#define FaxGetConfigurationA(...) winfax_system_last_error(FaxGetConfigurationA(__VA_ARGS__))
#define FaxGetConfigurationW(...) winfax_system_last_error(FaxGetConfigurationW(__VA_ARGS__))
#define FaxGetDeviceStatusA(...) winfax_system_last_error(FaxGetDeviceStatusA(__VA_ARGS__))
#define FaxGetDeviceStatusW(...) winfax_system_last_error(FaxGetDeviceStatusW(__VA_ARGS__))
#define FaxGetJobA(...) winfax_system_last_error(FaxGetJobA(__VA_ARGS__))
#define FaxGetJobW(...) winfax_system_last_error(FaxGetJobW(__VA_ARGS__))
#define FaxGetLoggingCategoriesA(...) winfax_system_last_error(FaxGetLoggingCategoriesA(__VA_ARGS__))
#define FaxGetLoggingCategoriesW(...) winfax_system_last_error(FaxGetLoggingCategoriesW(__VA_ARGS__))
#define FaxGetPageData(...) winfax_system_last_error(FaxGetPageData(__VA_ARGS__))
#define FaxGetPortA(...) winfax_system_last_error(FaxGetPortA(__VA_ARGS__))
#define FaxGetPortW(...) winfax_system_last_error(FaxGetPortW(__VA_ARGS__))
#define FaxGetRoutingInfoA(...) winfax_system_last_error(FaxGetRoutingInfoA(__VA_ARGS__))
#define FaxGetRoutingInfoW(...) winfax_system_last_error(FaxGetRoutingInfoW(__VA_ARGS__))
#define FaxInitializeEventQueue(...) winfax_system_last_error(FaxInitializeEventQueue(__VA_ARGS__))
#define FaxOpenPort(...) winfax_system_last_error(FaxOpenPort(__VA_ARGS__))
#define FaxPrintCoverPageA(...) winfax_system_last_error(FaxPrintCoverPageA(__VA_ARGS__))
#define FaxPrintCoverPageW(...) winfax_system_last_error(FaxPrintCoverPageW(__VA_ARGS__))
#define FaxRegisterRoutingExtensionW(...) winfax_system_last_error(FaxRegisterRoutingExtensionW(__VA_ARGS__))
#define FaxRegisterServiceProviderW(...) winfax_system_last_error(FaxRegisterServiceProviderW(__VA_ARGS__))
#define FaxSendDocumentA(...) winfax_system_last_error(FaxSendDocumentA(__VA_ARGS__))
#define FaxSendDocumentForBroadcastA(...) winfax_system_last_error(FaxSendDocumentForBroadcastA(__VA_ARGS__))
#define FaxSendDocumentForBroadcastW(...) winfax_system_last_error(FaxSendDocumentForBroadcastW(__VA_ARGS__))
#define FaxSendDocumentW(...) winfax_system_last_error(FaxSendDocumentW(__VA_ARGS__))
#define FaxSetConfigurationA(...) winfax_system_last_error(FaxSetConfigurationA(__VA_ARGS__))
#define FaxSetConfigurationW(...) winfax_system_last_error(FaxSetConfigurationW(__VA_ARGS__))
#define FaxSetGlobalRoutingInfoA(...) winfax_system_last_error(FaxSetGlobalRoutingInfoA(__VA_ARGS__))
#define FaxSetGlobalRoutingInfoW(...) winfax_system_last_error(FaxSetGlobalRoutingInfoW(__VA_ARGS__))
#define FaxSetJobA(...) winfax_system_last_error(FaxSetJobA(__VA_ARGS__))
#define FaxSetJobW(...) winfax_system_last_error(FaxSetJobW(__VA_ARGS__))
#define FaxSetLoggingCategoriesA(...) winfax_system_last_error(FaxSetLoggingCategoriesA(__VA_ARGS__))
#define FaxSetLoggingCategoriesW(...) winfax_system_last_error(FaxSetLoggingCategoriesW(__VA_ARGS__))
#define FaxSetPortA(...) winfax_system_last_error(FaxSetPortA(__VA_ARGS__))
#define FaxSetPortW(...) winfax_system_last_error(FaxSetPortW(__VA_ARGS__))
#define FaxSetRoutingInfoA(...) winfax_system_last_error(FaxSetRoutingInfoA(__VA_ARGS__))
#define FaxSetRoutingInfoW(...) winfax_system_last_error(FaxSetRoutingInfoW(__VA_ARGS__))
#define FaxStartPrintJobA(...) winfax_system_last_error(FaxStartPrintJobA(__VA_ARGS__))
#define FaxStartPrintJobW(...) winfax_system_last_error(FaxStartPrintJobW(__VA_ARGS__))
#define FaxUnregisterServiceProviderW(...) winfax_system_last_error(FaxUnregisterServiceProviderW(__VA_ARGS__))
#endif

#ifdef __cplusplus
}
#endif

#endif /* LIBWINFAX_WINFAX_H */
