/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winfax.h against the API facts: sizes and field offsets of every
 * structure (A and W), field types, base type sizes, every constant, every
 * prototype and PFAX* typedef against a signature written out here from
 * the reference, and the UNICODE-selected names.  Built twice, with and
 * without -DUNICODE.
 *
 * The expected offsets are worked out by hand for LP64 (x86_64): DWORD,
 * BOOL 4 bytes aligned 4; pointers 8 aligned 8; FILETIME 8 aligned 4;
 * SYSTEMTIME 16 aligned 2; FAX_TIME 4 aligned 2.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "winfax.h"
#include "microsoft_reference.h"
#include "tap.h"

#define SAME_TYPE(a, b) __builtin_types_compatible_p(a, b)
#define MEMBER_TYPE(type, member) __typeof__(((type *)0)->member)

/* One field of an A/W pair: same offset in both forms, A-form type and
 * W-form type as given. */
#define FIELD_AW(base, member, expected_offset, a_type, w_type)                           \
    do {                                                                                 \
        is_equal(offsetof(base##A, member), expected_offset,                             \
                 "offsetof(" #base "A, " #member ") == " #expected_offset);              \
        is_equal(offsetof(base##W, member), expected_offset,                             \
                 "offsetof(" #base "W, " #member ") == " #expected_offset);              \
        ok(SAME_TYPE(MEMBER_TYPE(base##A, member), a_type),                              \
           #base "A." #member " is " #a_type);                                           \
        ok(SAME_TYPE(MEMBER_TYPE(base##W, member), w_type),                              \
           #base "W." #member " is " #w_type);                                           \
    } while (0)

#define STRING_AW(base, member, expected_offset) \
    FIELD_AW(base, member, expected_offset, LPCSTR, LPCWSTR)
#define PLAIN_AW(base, member, expected_offset, type) \
    FIELD_AW(base, member, expected_offset, type, type)

#define SIZE_AW(base, expected_size)                                                      \
    do {                                                                                 \
        is_equal(sizeof(base##A), expected_size, "sizeof(" #base "A) == " #expected_size); \
        is_equal(sizeof(base##W), expected_size, "sizeof(" #base "W) == " #expected_size); \
    } while (0)

#define FIELD(type, member, expected_offset, member_type)                                 \
    do {                                                                                 \
        is_equal(offsetof(type, member), expected_offset,                                \
                 "offsetof(" #type ", " #member ") == " #expected_offset);               \
        ok(SAME_TYPE(MEMBER_TYPE(type, member), member_type),                            \
           #type "." #member " is " #member_type);                                       \
    } while (0)

static void test_base_types(void)
{
    is_equal(sizeof(BYTE), 1, "sizeof(BYTE) == 1");
    is_equal(sizeof(WORD), 2, "sizeof(WORD) == 2");
    is_equal(sizeof(DWORD), 4, "sizeof(DWORD) == 4");
    is_equal(sizeof(BOOL), 4, "sizeof(BOOL) == 4");
    is_equal(sizeof(WCHAR), 2, "sizeof(WCHAR) == 2");
    is_equal(sizeof(CHAR), 1, "sizeof(CHAR) == 1");
    is_equal(sizeof(HANDLE), sizeof(void *), "HANDLE is pointer-sized");
    is_equal(sizeof(HWND), sizeof(void *), "HWND is pointer-sized");
    is_equal(sizeof(HDC), sizeof(void *), "HDC is pointer-sized");
    is_equal(sizeof(DWORD_PTR), sizeof(void *), "DWORD_PTR is pointer-sized");
    is_equal(sizeof(ULONG_PTR), sizeof(void *), "ULONG_PTR is pointer-sized");
    is_equal(sizeof(HCALL), 4, "sizeof(HCALL) == 4");
    ok((DWORD)-1 > 0, "DWORD is unsigned");
    ok((BOOL)-1 < 0, "BOOL is signed");
    ok((WORD)-1 > 0, "WORD is unsigned");
    ok((DWORD_PTR)-1 > 0 && (ULONG_PTR)-1 > 0, "DWORD_PTR and ULONG_PTR are unsigned");
    ok(SAME_TYPE(LPHANDLE, HANDLE *), "LPHANDLE is HANDLE *");
    ok(SAME_TYPE(LPDWORD, DWORD *), "LPDWORD is DWORD *");
    ok(SAME_TYPE(LPBYTE, BYTE *), "LPBYTE is BYTE *");
    ok(SAME_TYPE(LPCWSTR, const WCHAR *), "LPCWSTR is const WCHAR *");
    ok(SAME_TYPE(LPCGUID, const GUID *), "LPCGUID is const GUID *");
    ok(TRUE == 1 && FALSE == 0, "TRUE is 1, FALSE is 0");

    is_equal(sizeof(FILETIME), 8, "sizeof(FILETIME) == 8");
    FIELD(FILETIME, dwLowDateTime, 0, DWORD);
    FIELD(FILETIME, dwHighDateTime, 4, DWORD);
    is_equal(sizeof(SYSTEMTIME), 16, "sizeof(SYSTEMTIME) == 16");
    FIELD(SYSTEMTIME, wYear, 0, WORD);
    FIELD(SYSTEMTIME, wMonth, 2, WORD);
    FIELD(SYSTEMTIME, wDayOfWeek, 4, WORD);
    FIELD(SYSTEMTIME, wDay, 6, WORD);
    FIELD(SYSTEMTIME, wHour, 8, WORD);
    FIELD(SYSTEMTIME, wMinute, 10, WORD);
    FIELD(SYSTEMTIME, wSecond, 12, WORD);
    FIELD(SYSTEMTIME, wMilliseconds, 14, WORD);
    is_equal(sizeof(GUID), 16, "sizeof(GUID) == 16");
    is_equal(offsetof(GUID, Data4), 8, "offsetof(GUID, Data4) == 8");
    is_equal(sizeof(OVERLAPPED), 32, "sizeof(OVERLAPPED) == 32");
    FIELD(OVERLAPPED, Internal, 0, ULONG_PTR);
    FIELD(OVERLAPPED, InternalHigh, 8, ULONG_PTR);
    FIELD(OVERLAPPED, Offset, 16, DWORD);
    FIELD(OVERLAPPED, OffsetHigh, 20, DWORD);
    FIELD(OVERLAPPED, Pointer, 16, PVOID);
    FIELD(OVERLAPPED, hEvent, 24, HANDLE);
}

static void test_structures(void)
{
    is_equal(sizeof(FAX_TIME), 4, "sizeof(FAX_TIME) == 4");
    FIELD(FAX_TIME, Hour, 0, WORD);
    FIELD(FAX_TIME, Minute, 2, WORD);

    SIZE_AW(FAX_PORT_INFO, 48);
    PLAIN_AW(FAX_PORT_INFO, SizeOfStruct, 0, DWORD);
    PLAIN_AW(FAX_PORT_INFO, DeviceId, 4, DWORD);
    PLAIN_AW(FAX_PORT_INFO, State, 8, DWORD);
    PLAIN_AW(FAX_PORT_INFO, Flags, 12, DWORD);
    PLAIN_AW(FAX_PORT_INFO, Rings, 16, DWORD);
    PLAIN_AW(FAX_PORT_INFO, Priority, 20, DWORD);
    STRING_AW(FAX_PORT_INFO, DeviceName, 24);
    STRING_AW(FAX_PORT_INFO, Tsid, 32);
    STRING_AW(FAX_PORT_INFO, Csid, 40);

    SIZE_AW(FAX_DEVICE_STATUS, 144);
    PLAIN_AW(FAX_DEVICE_STATUS, SizeOfStruct, 0, DWORD);
    STRING_AW(FAX_DEVICE_STATUS, CallerId, 8);
    STRING_AW(FAX_DEVICE_STATUS, Csid, 16);
    PLAIN_AW(FAX_DEVICE_STATUS, CurrentPage, 24, DWORD);
    PLAIN_AW(FAX_DEVICE_STATUS, DeviceId, 28, DWORD);
    STRING_AW(FAX_DEVICE_STATUS, DeviceName, 32);
    STRING_AW(FAX_DEVICE_STATUS, DocumentName, 40);
    PLAIN_AW(FAX_DEVICE_STATUS, JobType, 48, DWORD);
    STRING_AW(FAX_DEVICE_STATUS, PhoneNumber, 56);
    STRING_AW(FAX_DEVICE_STATUS, RoutingString, 64);
    STRING_AW(FAX_DEVICE_STATUS, SenderName, 72);
    STRING_AW(FAX_DEVICE_STATUS, RecipientName, 80);
    PLAIN_AW(FAX_DEVICE_STATUS, Size, 88, DWORD);
    PLAIN_AW(FAX_DEVICE_STATUS, StartTime, 92, FILETIME);
    PLAIN_AW(FAX_DEVICE_STATUS, Status, 100, DWORD);
    STRING_AW(FAX_DEVICE_STATUS, StatusString, 104);
    PLAIN_AW(FAX_DEVICE_STATUS, SubmittedTime, 112, FILETIME);
    PLAIN_AW(FAX_DEVICE_STATUS, TotalPages, 120, DWORD);
    STRING_AW(FAX_DEVICE_STATUS, Tsid, 128);
    STRING_AW(FAX_DEVICE_STATUS, UserName, 136);

    SIZE_AW(FAX_JOB_ENTRY, 136);
    PLAIN_AW(FAX_JOB_ENTRY, SizeOfStruct, 0, DWORD);
    PLAIN_AW(FAX_JOB_ENTRY, JobId, 4, DWORD);
    STRING_AW(FAX_JOB_ENTRY, UserName, 8);
    PLAIN_AW(FAX_JOB_ENTRY, JobType, 16, DWORD);
    PLAIN_AW(FAX_JOB_ENTRY, QueueStatus, 20, DWORD);
    PLAIN_AW(FAX_JOB_ENTRY, Status, 24, DWORD);
    PLAIN_AW(FAX_JOB_ENTRY, Size, 28, DWORD);
    PLAIN_AW(FAX_JOB_ENTRY, PageCount, 32, DWORD);
    STRING_AW(FAX_JOB_ENTRY, RecipientNumber, 40);
    STRING_AW(FAX_JOB_ENTRY, RecipientName, 48);
    STRING_AW(FAX_JOB_ENTRY, Tsid, 56);
    STRING_AW(FAX_JOB_ENTRY, SenderName, 64);
    STRING_AW(FAX_JOB_ENTRY, SenderCompany, 72);
    STRING_AW(FAX_JOB_ENTRY, SenderDept, 80);
    STRING_AW(FAX_JOB_ENTRY, BillingCode, 88);
    PLAIN_AW(FAX_JOB_ENTRY, ScheduleAction, 96, DWORD);
    PLAIN_AW(FAX_JOB_ENTRY, ScheduleTime, 100, SYSTEMTIME);
    PLAIN_AW(FAX_JOB_ENTRY, DeliveryReportType, 116, DWORD);
    STRING_AW(FAX_JOB_ENTRY, DeliveryReportAddress, 120);
    STRING_AW(FAX_JOB_ENTRY, DocumentName, 128);

    SIZE_AW(FAX_JOB_PARAM, 136);
    PLAIN_AW(FAX_JOB_PARAM, SizeOfStruct, 0, DWORD);
    STRING_AW(FAX_JOB_PARAM, RecipientNumber, 8);
    STRING_AW(FAX_JOB_PARAM, RecipientName, 16);
    STRING_AW(FAX_JOB_PARAM, Tsid, 24);
    STRING_AW(FAX_JOB_PARAM, SenderName, 32);
    STRING_AW(FAX_JOB_PARAM, SenderCompany, 40);
    STRING_AW(FAX_JOB_PARAM, SenderDept, 48);
    STRING_AW(FAX_JOB_PARAM, BillingCode, 56);
    PLAIN_AW(FAX_JOB_PARAM, ScheduleAction, 64, DWORD);
    PLAIN_AW(FAX_JOB_PARAM, ScheduleTime, 68, SYSTEMTIME);
    PLAIN_AW(FAX_JOB_PARAM, DeliveryReportType, 84, DWORD);
    STRING_AW(FAX_JOB_PARAM, DeliveryReportAddress, 88);
    STRING_AW(FAX_JOB_PARAM, DocumentName, 96);
    PLAIN_AW(FAX_JOB_PARAM, CallHandle, 104, HCALL);
    PLAIN_AW(FAX_JOB_PARAM, Reserved, 112, DWORD_PTR[3]);

    SIZE_AW(FAX_COVERPAGE_INFO, 240);
    PLAIN_AW(FAX_COVERPAGE_INFO, SizeOfStruct, 0, DWORD);
    STRING_AW(FAX_COVERPAGE_INFO, CoverPageName, 8);
    PLAIN_AW(FAX_COVERPAGE_INFO, UseServerCoverPage, 16, BOOL);
    STRING_AW(FAX_COVERPAGE_INFO, RecName, 24);
    STRING_AW(FAX_COVERPAGE_INFO, RecFaxNumber, 32);
    STRING_AW(FAX_COVERPAGE_INFO, RecCompany, 40);
    STRING_AW(FAX_COVERPAGE_INFO, RecStreetAddress, 48);
    STRING_AW(FAX_COVERPAGE_INFO, RecCity, 56);
    STRING_AW(FAX_COVERPAGE_INFO, RecState, 64);
    STRING_AW(FAX_COVERPAGE_INFO, RecZip, 72);
    STRING_AW(FAX_COVERPAGE_INFO, RecCountry, 80);
    STRING_AW(FAX_COVERPAGE_INFO, RecTitle, 88);
    STRING_AW(FAX_COVERPAGE_INFO, RecDepartment, 96);
    STRING_AW(FAX_COVERPAGE_INFO, RecOfficeLocation, 104);
    STRING_AW(FAX_COVERPAGE_INFO, RecHomePhone, 112);
    STRING_AW(FAX_COVERPAGE_INFO, RecOfficePhone, 120);
    STRING_AW(FAX_COVERPAGE_INFO, SdrName, 128);
    STRING_AW(FAX_COVERPAGE_INFO, SdrFaxNumber, 136);
    STRING_AW(FAX_COVERPAGE_INFO, SdrCompany, 144);
    STRING_AW(FAX_COVERPAGE_INFO, SdrAddress, 152);
    STRING_AW(FAX_COVERPAGE_INFO, SdrTitle, 160);
    STRING_AW(FAX_COVERPAGE_INFO, SdrDepartment, 168);
    STRING_AW(FAX_COVERPAGE_INFO, SdrOfficeLocation, 176);
    STRING_AW(FAX_COVERPAGE_INFO, SdrHomePhone, 184);
    STRING_AW(FAX_COVERPAGE_INFO, SdrOfficePhone, 192);
    STRING_AW(FAX_COVERPAGE_INFO, Note, 200);
    STRING_AW(FAX_COVERPAGE_INFO, Subject, 208);
    PLAIN_AW(FAX_COVERPAGE_INFO, TimeSent, 216, SYSTEMTIME);
    PLAIN_AW(FAX_COVERPAGE_INFO, PageCount, 232, DWORD);

    SIZE_AW(FAX_CONFIGURATION, 64);
    PLAIN_AW(FAX_CONFIGURATION, SizeOfStruct, 0, DWORD);
    PLAIN_AW(FAX_CONFIGURATION, Retries, 4, DWORD);
    PLAIN_AW(FAX_CONFIGURATION, RetryDelay, 8, DWORD);
    PLAIN_AW(FAX_CONFIGURATION, DirtyDays, 12, DWORD);
    PLAIN_AW(FAX_CONFIGURATION, Branding, 16, BOOL);
    PLAIN_AW(FAX_CONFIGURATION, UseDeviceTsid, 20, BOOL);
    PLAIN_AW(FAX_CONFIGURATION, ServerCp, 24, BOOL);
    PLAIN_AW(FAX_CONFIGURATION, PauseServerQueue, 28, BOOL);
    PLAIN_AW(FAX_CONFIGURATION, StartCheapTime, 32, FAX_TIME);
    PLAIN_AW(FAX_CONFIGURATION, StopCheapTime, 36, FAX_TIME);
    PLAIN_AW(FAX_CONFIGURATION, ArchiveOutgoingFaxes, 40, BOOL);
    STRING_AW(FAX_CONFIGURATION, ArchiveDirectory, 48);
    STRING_AW(FAX_CONFIGURATION, Reserved, 56);

    SIZE_AW(FAX_EVENT, 24);
    PLAIN_AW(FAX_EVENT, SizeOfStruct, 0, DWORD);
    PLAIN_AW(FAX_EVENT, TimeStamp, 4, FILETIME);
    PLAIN_AW(FAX_EVENT, DeviceId, 12, DWORD);
    PLAIN_AW(FAX_EVENT, EventId, 16, DWORD);
    PLAIN_AW(FAX_EVENT, JobId, 20, DWORD);

    SIZE_AW(FAX_ROUTING_METHOD, 64);
    PLAIN_AW(FAX_ROUTING_METHOD, SizeOfStruct, 0, DWORD);
    PLAIN_AW(FAX_ROUTING_METHOD, DeviceId, 4, DWORD);
    PLAIN_AW(FAX_ROUTING_METHOD, Enabled, 8, BOOL);
    STRING_AW(FAX_ROUTING_METHOD, DeviceName, 16);
    STRING_AW(FAX_ROUTING_METHOD, Guid, 24);
    STRING_AW(FAX_ROUTING_METHOD, FriendlyName, 32);
    STRING_AW(FAX_ROUTING_METHOD, FunctionName, 40);
    STRING_AW(FAX_ROUTING_METHOD, ExtensionImageName, 48);
    STRING_AW(FAX_ROUTING_METHOD, ExtensionFriendlyName, 56);

    SIZE_AW(FAX_GLOBAL_ROUTING_INFO, 48);
    PLAIN_AW(FAX_GLOBAL_ROUTING_INFO, SizeOfStruct, 0, DWORD);
    PLAIN_AW(FAX_GLOBAL_ROUTING_INFO, Priority, 4, DWORD);
    STRING_AW(FAX_GLOBAL_ROUTING_INFO, Guid, 8);
    STRING_AW(FAX_GLOBAL_ROUTING_INFO, FriendlyName, 16);
    STRING_AW(FAX_GLOBAL_ROUTING_INFO, FunctionName, 24);
    STRING_AW(FAX_GLOBAL_ROUTING_INFO, ExtensionImageName, 32);
    STRING_AW(FAX_GLOBAL_ROUTING_INFO, ExtensionFriendlyName, 40);

    SIZE_AW(FAX_LOG_CATEGORY, 16);
    STRING_AW(FAX_LOG_CATEGORY, Name, 0);
    PLAIN_AW(FAX_LOG_CATEGORY, Category, 8, DWORD);
    PLAIN_AW(FAX_LOG_CATEGORY, Level, 12, DWORD);

    SIZE_AW(FAX_PRINT_INFO, 88);
    PLAIN_AW(FAX_PRINT_INFO, SizeOfStruct, 0, DWORD);
    STRING_AW(FAX_PRINT_INFO, DocName, 8);
    STRING_AW(FAX_PRINT_INFO, RecipientName, 16);
    STRING_AW(FAX_PRINT_INFO, RecipientNumber, 24);
    STRING_AW(FAX_PRINT_INFO, SenderName, 32);
    STRING_AW(FAX_PRINT_INFO, SenderCompany, 40);
    STRING_AW(FAX_PRINT_INFO, SenderDept, 48);
    STRING_AW(FAX_PRINT_INFO, SenderBillingCode, 56);
    STRING_AW(FAX_PRINT_INFO, Reserved, 64);
    STRING_AW(FAX_PRINT_INFO, DrEmailAddress, 72);
    STRING_AW(FAX_PRINT_INFO, OutputFileName, 80);

    is_equal(sizeof(FAX_CONTEXT_INFOA), 32, "sizeof(FAX_CONTEXT_INFOA) == 32");
    is_equal(sizeof(FAX_CONTEXT_INFOW), 48, "sizeof(FAX_CONTEXT_INFOW) == 48");
    PLAIN_AW(FAX_CONTEXT_INFO, SizeOfStruct, 0, DWORD);
    PLAIN_AW(FAX_CONTEXT_INFO, hDC, 8, HDC);
    FIELD_AW(FAX_CONTEXT_INFO, ServerName, 16, CHAR[16], WCHAR[16]);
}

static void test_pointer_typedefs(void)
{
    ok(SAME_TYPE(PFAX_PORT_INFOA, FAX_PORT_INFOA *) && SAME_TYPE(PFAX_PORT_INFOW, FAX_PORT_INFOW *),
       "PFAX_PORT_INFOA/W");
    ok(SAME_TYPE(PFAX_DEVICE_STATUSA, FAX_DEVICE_STATUSA *) &&
       SAME_TYPE(PFAX_DEVICE_STATUSW, FAX_DEVICE_STATUSW *), "PFAX_DEVICE_STATUSA/W");
    ok(SAME_TYPE(PFAX_JOB_ENTRYA, FAX_JOB_ENTRYA *) && SAME_TYPE(PFAX_JOB_ENTRYW, FAX_JOB_ENTRYW *),
       "PFAX_JOB_ENTRYA/W");
    ok(SAME_TYPE(PFAX_JOB_PARAMA, FAX_JOB_PARAMA *) && SAME_TYPE(PFAX_JOB_PARAMW, FAX_JOB_PARAMW *),
       "PFAX_JOB_PARAMA/W");
    ok(SAME_TYPE(PFAX_COVERPAGE_INFOA, FAX_COVERPAGE_INFOA *) &&
       SAME_TYPE(PFAX_COVERPAGE_INFOW, FAX_COVERPAGE_INFOW *), "PFAX_COVERPAGE_INFOA/W");
    ok(SAME_TYPE(PFAX_CONFIGURATIONA, FAX_CONFIGURATIONA *) &&
       SAME_TYPE(PFAX_CONFIGURATIONW, FAX_CONFIGURATIONW *), "PFAX_CONFIGURATIONA/W");
    ok(SAME_TYPE(PFAX_EVENTA, FAX_EVENTA *) && SAME_TYPE(PFAX_EVENTW, FAX_EVENTW *),
       "PFAX_EVENTA/W");
    ok(SAME_TYPE(PFAX_ROUTING_METHODA, FAX_ROUTING_METHODA *) &&
       SAME_TYPE(PFAX_ROUTING_METHODW, FAX_ROUTING_METHODW *), "PFAX_ROUTING_METHODA/W");
    ok(SAME_TYPE(PFAX_GLOBAL_ROUTING_INFOA, FAX_GLOBAL_ROUTING_INFOA *) &&
       SAME_TYPE(PFAX_GLOBAL_ROUTING_INFOW, FAX_GLOBAL_ROUTING_INFOW *),
       "PFAX_GLOBAL_ROUTING_INFOA/W");
    ok(SAME_TYPE(PFAX_LOG_CATEGORYA, FAX_LOG_CATEGORYA *) &&
       SAME_TYPE(PFAX_LOG_CATEGORYW, FAX_LOG_CATEGORYW *), "PFAX_LOG_CATEGORYA/W");
    ok(SAME_TYPE(PFAX_PRINT_INFOA, FAX_PRINT_INFOA *) && SAME_TYPE(PFAX_PRINT_INFOW, FAX_PRINT_INFOW *),
       "PFAX_PRINT_INFOA/W");
    ok(SAME_TYPE(PFAX_CONTEXT_INFOA, FAX_CONTEXT_INFOA *) &&
       SAME_TYPE(PFAX_CONTEXT_INFOW, FAX_CONTEXT_INFOW *), "PFAX_CONTEXT_INFOA/W");
    ok(SAME_TYPE(PFAX_TIME, FAX_TIME *), "PFAX_TIME");
}

struct constant {
    const char *name;
    uintmax_t value;
    uintmax_t expected;
};

#define CONSTANT(name, expected) { #name, (uintmax_t)(name), (uintmax_t)(expected) }

/* Expected values as the reference writes them (FPS_* as 0x20000000 | bit). */
static const struct constant constants[] = {
    CONSTANT(JSA_NOW, 0), CONSTANT(JSA_SPECIFIC_TIME, 1), CONSTANT(JSA_DISCOUNT_PERIOD, 2),
    CONSTANT(DRT_NONE, 0), CONSTANT(DRT_EMAIL, 1), CONSTANT(DRT_INBOX, 2),
    CONSTANT(FAXLOG_LEVEL_NONE, 0), CONSTANT(FAXLOG_LEVEL_MIN, 1),
    CONSTANT(FAXLOG_LEVEL_MED, 2), CONSTANT(FAXLOG_LEVEL_MAX, 3),
    CONSTANT(FAXLOG_CATEGORY_INIT, 1), CONSTANT(FAXLOG_CATEGORY_OUTBOUND, 2),
    CONSTANT(FAXLOG_CATEGORY_INBOUND, 3), CONSTANT(FAXLOG_CATEGORY_UNKNOWN, 4),
    CONSTANT(PORT_OPEN_QUERY, 1), CONSTANT(PORT_OPEN_MODIFY, 2),
    CONSTANT(FPF_RECEIVE, 1), CONSTANT(FPF_SEND, 2), CONSTANT(FPF_VIRTUAL, 4),
    CONSTANT(JC_UNKNOWN, 0), CONSTANT(JC_DELETE, 1), CONSTANT(JC_PAUSE, 2),
    CONSTANT(JC_RESUME, 3), CONSTANT(JC_RESTART, 3),
    CONSTANT(JT_UNKNOWN, 0), CONSTANT(JT_SEND, 1), CONSTANT(JT_RECEIVE, 2),
    CONSTANT(JT_ROUTING, 3), CONSTANT(JT_FAIL_RECEIVE, 4),
    CONSTANT(JS_PENDING, 0), CONSTANT(JS_INPROGRESS, 1), CONSTANT(JS_DELETING, 2),
    CONSTANT(JS_FAILED, 4), CONSTANT(JS_PAUSED, 8), CONSTANT(JS_NOLINE, 0x10),
    CONSTANT(JS_RETRYING, 0x20), CONSTANT(JS_RETRIES_EXCEEDED, 0x40),
    CONSTANT(FPS_DIALING, 0x20000000 | 0x1), CONSTANT(FPS_SENDING, 0x20000000 | 0x2),
    CONSTANT(FPS_RECEIVING, 0x20000000 | 0x4), CONSTANT(FPS_COMPLETED, 0x20000000 | 0x8),
    CONSTANT(FPS_HANDLED, 0x20000000 | 0x10), CONSTANT(FPS_UNAVAILABLE, 0x20000000 | 0x20),
    CONSTANT(FPS_BUSY, 0x20000000 | 0x40), CONSTANT(FPS_NO_ANSWER, 0x20000000 | 0x80),
    CONSTANT(FPS_BAD_ADDRESS, 0x20000000 | 0x100),
    CONSTANT(FPS_NO_DIAL_TONE, 0x20000000 | 0x200),
    CONSTANT(FPS_DISCONNECTED, 0x20000000 | 0x400),
    CONSTANT(FPS_FATAL_ERROR, 0x20000000 | 0x800),
    CONSTANT(FPS_NOT_FAX_CALL, 0x20000000 | 0x1000),
    CONSTANT(FPS_CALL_DELAYED, 0x20000000 | 0x2000),
    CONSTANT(FPS_CALL_BLACKLISTED, 0x20000000 | 0x4000),
    CONSTANT(FPS_INITIALIZING, 0x20000000 | 0x8000),
    CONSTANT(FPS_OFFLINE, 0x20000000 | 0x10000), CONSTANT(FPS_RINGING, 0x20000000 | 0x20000),
    CONSTANT(FPS_AVAILABLE, 0x20000000 | 0x100000),
    CONSTANT(FPS_ABORTING, 0x20000000 | 0x200000),
    CONSTANT(FPS_ROUTING, 0x20000000 | 0x400000),
    CONSTANT(FPS_ANSWERED, 0x20000000 | 0x800000),
    CONSTANT(FEI_DIALING, 1), CONSTANT(FEI_SENDING, 2), CONSTANT(FEI_RECEIVING, 3),
    CONSTANT(FEI_COMPLETED, 4), CONSTANT(FEI_BUSY, 5), CONSTANT(FEI_NO_ANSWER, 6),
    CONSTANT(FEI_BAD_ADDRESS, 7), CONSTANT(FEI_NO_DIAL_TONE, 8),
    CONSTANT(FEI_DISCONNECTED, 9), CONSTANT(FEI_FATAL_ERROR, 10),
    CONSTANT(FEI_NOT_FAX_CALL, 11), CONSTANT(FEI_CALL_DELAYED, 12),
    CONSTANT(FEI_CALL_BLACKLISTED, 13), CONSTANT(FEI_RINGING, 14),
    CONSTANT(FEI_ABORTING, 15), CONSTANT(FEI_ROUTING, 16),
    CONSTANT(FEI_MODEM_POWERED_ON, 17), CONSTANT(FEI_MODEM_POWERED_OFF, 18),
    CONSTANT(FEI_IDLE, 19), CONSTANT(FEI_FAXSVC_ENDED, 20), CONSTANT(FEI_ANSWERED, 21),
    CONSTANT(FEI_JOB_QUEUED, 22), CONSTANT(FEI_DELETED, 23),
    CONSTANT(FEI_INITIALIZING, 24), CONSTANT(FEI_LINE_UNAVAILABLE, 25),
    CONSTANT(FEI_HANDLED, 26), CONSTANT(FEI_FAXSVC_STARTED, 27), CONSTANT(FEI_NEVENTS, 27),
    CONSTANT(FAX_JOB_SUBMIT, 0x1), CONSTANT(FAX_JOB_QUERY, 0x2),
    CONSTANT(FAX_CONFIG_QUERY, 0x4), CONSTANT(FAX_CONFIG_SET, 0x8),
    CONSTANT(FAX_PORT_QUERY, 0x10), CONSTANT(FAX_PORT_SET, 0x20),
    CONSTANT(FAX_JOB_MANAGE, 0x40), CONSTANT(FAX_READ, 0x20016),
    CONSTANT(FAX_WRITE, 0x20001), CONSTANT(FAX_ALL_ACCESS, 0x1F007F),
    CONSTANT(ERROR_SUCCESS, 0), CONSTANT(ERROR_INVALID_FUNCTION, 1),
    CONSTANT(ERROR_FILE_NOT_FOUND, 2), CONSTANT(ERROR_ACCESS_DENIED, 5),
    CONSTANT(ERROR_INVALID_HANDLE, 6), CONSTANT(ERROR_NOT_ENOUGH_MEMORY, 8),
    CONSTANT(ERROR_INVALID_DATA, 13), CONSTANT(ERROR_BAD_UNIT, 20),
    CONSTANT(ERROR_NOT_SUPPORTED, 50), CONSTANT(ERROR_INVALID_PARAMETER, 87),
    CONSTANT(ERROR_INVALID_PRINTER_NAME, 1801), CONSTANT(ERROR_NOT_ENOUGH_QUOTA, 1816),
    CONSTANT(ERROR_DEVICE_IN_USE, 2404),
    CONSTANT(ERROR_SPL_NO_STARTDOC, 3003),
    CONSTANT(ERROR_TOO_MANY_OPEN_FILES, 4), CONSTANT(WAIT_TIMEOUT, 258),
    CONSTANT(ERROR_ABANDONED_WAIT_0, 735),
    CONSTANT(WM_USER, 0x400), CONSTANT(INFINITE, 0xFFFFFFFF),
    CONSTANT(MAX_COMPUTERNAME_LENGTH, 15), CONSTANT(WINFAX_EVENT_NO_JOB, 0xFFFFFFFF),
};

static void test_constants(void)
{
    for (size_t i = 0; i < sizeof(constants) / sizeof(constants[0]); i++)
        is_equal(constants[i].value, constants[i].expected, "%s == %ju", constants[i].name,
                 constants[i].expected);
    ok(INVALID_HANDLE_VALUE == (HANDLE)(intptr_t)-1, "INVALID_HANDLE_VALUE is (HANDLE)-1");
    /* The rights are what the generic masks are made of. */
    is_equal(FAX_READ & 0xFFFF, FAX_JOB_QUERY | FAX_CONFIG_QUERY | FAX_PORT_QUERY,
             "FAX_READ holds exactly the query rights");
    is_equal(FAX_WRITE & 0xFFFF, FAX_JOB_SUBMIT, "FAX_WRITE holds exactly FAX_JOB_SUBMIT");
}

/*
 * The header against microsoft_reference.h, a second account of the API
 * written from Microsoft's documentation pages: every constant's value,
 * the SDK's enum type names, and each structure's size and member offsets
 * in both forms.
 */
#define CHECK_REFERENCE_CONSTANT(name, value) \
    is_equal((uintmax_t)(name), (uintmax_t)(value), "Microsoft: " #name " == " #value);
/* The type name must exist to compile; C cannot tell an enum from the
 * unsigned int it is compatible with, so cplusplus_test checks that each
 * member has its enum type. */
#define CHECK_REFERENCE_ENUM(type, member)                                                \
    {                                                                                    \
        type probe = member;                                                             \
        ok(probe == member && sizeof(type) == 4,                                         \
           "Microsoft: " #type " is a 4-byte type holding " #member);                    \
    }
#define CHECK_REFERENCE_SIZE(base, size) SIZE_AW(base, size);
#define CHECK_REFERENCE_OFFSET(base, member, offset)                                      \
    is_equal(offsetof(base##A, member), offset, "Microsoft: " #base "A." #member " at " #offset); \
    is_equal(offsetof(base##W, member), offset, "Microsoft: " #base "W." #member " at " #offset);

static void test_microsoft_reference(void)
{
    MS_REFERENCE_CONSTANTS(CHECK_REFERENCE_CONSTANT)
    MS_REFERENCE_ENUM_TYPES(CHECK_REFERENCE_ENUM)
    MS_REFERENCE_SIZES(CHECK_REFERENCE_SIZE)
    MS_REFERENCE_OFFSETS(CHECK_REFERENCE_OFFSET)
    is_equal(sizeof(FAX_TIME), MS_REFERENCE_FAX_TIME_SIZE, "Microsoft: sizeof(FAX_TIME)");
    is_equal(sizeof(FAX_CONTEXT_INFOA), MS_REFERENCE_CONTEXT_INFO_A_SIZE,
             "Microsoft: sizeof(FAX_CONTEXT_INFOA)");
    is_equal(sizeof(FAX_CONTEXT_INFOW), MS_REFERENCE_CONTEXT_INFO_W_SIZE,
             "Microsoft: sizeof(FAX_CONTEXT_INFOW)");
    is_equal(offsetof(FAX_CONTEXT_INFOA, hDC), MS_REFERENCE_CONTEXT_INFO_HDC_OFFSET,
             "Microsoft: FAX_CONTEXT_INFOA.hDC");
    is_equal(offsetof(FAX_CONTEXT_INFOW, hDC), MS_REFERENCE_CONTEXT_INFO_HDC_OFFSET,
             "Microsoft: FAX_CONTEXT_INFOW.hDC");
    is_equal(offsetof(FAX_CONTEXT_INFOA, ServerName), MS_REFERENCE_CONTEXT_INFO_SERVER_NAME_OFFSET,
             "Microsoft: FAX_CONTEXT_INFOA.ServerName");
    is_equal(offsetof(FAX_CONTEXT_INFOW, ServerName), MS_REFERENCE_CONTEXT_INFO_SERVER_NAME_OFFSET,
             "Microsoft: FAX_CONTEXT_INFOW.ServerName");
}

/*
 * Each prototype and its PFAX typedef against the signature in the API
 * reference, written out independently here.
 */
#define SIGNATURE(function, pointer_typedef, ...)                                          \
    do {                                                                                 \
        ok(SAME_TYPE(__typeof__(&function), __VA_ARGS__), #function " has the documented signature"); \
        ok(SAME_TYPE(pointer_typedef, __VA_ARGS__), #pointer_typedef " matches " #function); \
    } while (0)

static void test_prototypes(void)
{
    ok(SAME_TYPE(PFAX_RECIPIENT_CALLBACKA,
                 BOOL (*)(HANDLE, DWORD, LPVOID, PFAX_JOB_PARAMA, PFAX_COVERPAGE_INFOA)),
       "PFAX_RECIPIENT_CALLBACKA");
    ok(SAME_TYPE(PFAX_RECIPIENT_CALLBACKW,
                 BOOL (*)(HANDLE, DWORD, LPVOID, PFAX_JOB_PARAMW, PFAX_COVERPAGE_INFOW)),
       "PFAX_RECIPIENT_CALLBACKW");
    ok(SAME_TYPE(PFAX_ROUTING_INSTALLATION_CALLBACKW,
                 BOOL (*)(HANDLE, LPVOID, LPWSTR, LPWSTR, LPWSTR, LPWSTR)),
       "PFAX_ROUTING_INSTALLATION_CALLBACKW");

    SIGNATURE(FaxConnectFaxServerA, PFAXCONNECTFAXSERVERA, BOOL (*)(LPCSTR, LPHANDLE));
    SIGNATURE(FaxConnectFaxServerW, PFAXCONNECTFAXSERVERW, BOOL (*)(LPCWSTR, LPHANDLE));
    SIGNATURE(FaxClose, PFAXCLOSE, BOOL (*)(HANDLE));
    SIGNATURE(FaxOpenPort, PFAXOPENPORT, BOOL (*)(HANDLE, DWORD, DWORD, LPHANDLE));
    SIGNATURE(FaxEnumPortsA, PFAXENUMPORTSA, BOOL (*)(HANDLE, PFAX_PORT_INFOA *, LPDWORD));
    SIGNATURE(FaxEnumPortsW, PFAXENUMPORTSW, BOOL (*)(HANDLE, PFAX_PORT_INFOW *, LPDWORD));
    SIGNATURE(FaxGetPortA, PFAXGETPORTA, BOOL (*)(HANDLE, PFAX_PORT_INFOA *));
    SIGNATURE(FaxGetPortW, PFAXGETPORTW, BOOL (*)(HANDLE, PFAX_PORT_INFOW *));
    SIGNATURE(FaxSetPortA, PFAXSETPORTA, BOOL (*)(HANDLE, const FAX_PORT_INFOA *));
    SIGNATURE(FaxSetPortW, PFAXSETPORTW, BOOL (*)(HANDLE, const FAX_PORT_INFOW *));
    SIGNATURE(FaxGetDeviceStatusA, PFAXGETDEVICESTATUSA, BOOL (*)(HANDLE, PFAX_DEVICE_STATUSA *));
    SIGNATURE(FaxGetDeviceStatusW, PFAXGETDEVICESTATUSW, BOOL (*)(HANDLE, PFAX_DEVICE_STATUSW *));
    SIGNATURE(FaxSendDocumentA, PFAXSENDDOCUMENTA,
              BOOL (*)(HANDLE, LPCSTR, PFAX_JOB_PARAMA, const FAX_COVERPAGE_INFOA *, LPDWORD));
    SIGNATURE(FaxSendDocumentW, PFAXSENDDOCUMENTW,
              BOOL (*)(HANDLE, LPCWSTR, PFAX_JOB_PARAMW, const FAX_COVERPAGE_INFOW *, LPDWORD));
    SIGNATURE(FaxSendDocumentForBroadcastA, PFAXSENDDOCUMENTFORBROADCASTA,
              BOOL (*)(HANDLE, LPCSTR, LPDWORD, PFAX_RECIPIENT_CALLBACKA, LPVOID));
    SIGNATURE(FaxSendDocumentForBroadcastW, PFAXSENDDOCUMENTFORBROADCASTW,
              BOOL (*)(HANDLE, LPCWSTR, LPDWORD, PFAX_RECIPIENT_CALLBACKW, LPVOID));
    SIGNATURE(FaxEnumJobsA, PFAXENUMJOBSA, BOOL (*)(HANDLE, PFAX_JOB_ENTRYA *, LPDWORD));
    SIGNATURE(FaxEnumJobsW, PFAXENUMJOBSW, BOOL (*)(HANDLE, PFAX_JOB_ENTRYW *, LPDWORD));
    SIGNATURE(FaxGetJobA, PFAXGETJOBA, BOOL (*)(HANDLE, DWORD, PFAX_JOB_ENTRYA *));
    SIGNATURE(FaxGetJobW, PFAXGETJOBW, BOOL (*)(HANDLE, DWORD, PFAX_JOB_ENTRYW *));
    SIGNATURE(FaxSetJobA, PFAXSETJOBA, BOOL (*)(HANDLE, DWORD, DWORD, const FAX_JOB_ENTRYA *));
    SIGNATURE(FaxSetJobW, PFAXSETJOBW, BOOL (*)(HANDLE, DWORD, DWORD, const FAX_JOB_ENTRYW *));
    SIGNATURE(FaxAbort, PFAXABORT, BOOL (*)(HANDLE, DWORD));
    SIGNATURE(FaxGetPageData, PFAXGETPAGEDATA,
              BOOL (*)(HANDLE, DWORD, LPBYTE *, LPDWORD, LPDWORD, LPDWORD));
    SIGNATURE(FaxCompleteJobParamsA, PFAXCOMPLETEJOBPARAMSA,
              BOOL (*)(PFAX_JOB_PARAMA *, PFAX_COVERPAGE_INFOA *));
    SIGNATURE(FaxCompleteJobParamsW, PFAXCOMPLETEJOBPARAMSW,
              BOOL (*)(PFAX_JOB_PARAMW *, PFAX_COVERPAGE_INFOW *));
    SIGNATURE(FaxGetConfigurationA, PFAXGETCONFIGURATIONA, BOOL (*)(HANDLE, PFAX_CONFIGURATIONA *));
    SIGNATURE(FaxGetConfigurationW, PFAXGETCONFIGURATIONW, BOOL (*)(HANDLE, PFAX_CONFIGURATIONW *));
    SIGNATURE(FaxSetConfigurationA, PFAXSETCONFIGURATIONA,
              BOOL (*)(HANDLE, const FAX_CONFIGURATIONA *));
    SIGNATURE(FaxSetConfigurationW, PFAXSETCONFIGURATIONW,
              BOOL (*)(HANDLE, const FAX_CONFIGURATIONW *));
    SIGNATURE(FaxGetLoggingCategoriesA, PFAXGETLOGGINGCATEGORIESA,
              BOOL (*)(HANDLE, PFAX_LOG_CATEGORYA *, LPDWORD));
    SIGNATURE(FaxGetLoggingCategoriesW, PFAXGETLOGGINGCATEGORIESW,
              BOOL (*)(HANDLE, PFAX_LOG_CATEGORYW *, LPDWORD));
    SIGNATURE(FaxSetLoggingCategoriesA, PFAXSETLOGGINGCATEGORIESA,
              BOOL (*)(HANDLE, const FAX_LOG_CATEGORYA *, DWORD));
    SIGNATURE(FaxSetLoggingCategoriesW, PFAXSETLOGGINGCATEGORIESW,
              BOOL (*)(HANDLE, const FAX_LOG_CATEGORYW *, DWORD));
    SIGNATURE(FaxAccessCheck, PFAXACCESSCHECK, BOOL (*)(HANDLE, DWORD));
    SIGNATURE(FaxFreeBuffer, PFAXFREEBUFFER, void (*)(LPVOID));
    SIGNATURE(FaxInitializeEventQueue, PFAXINITIALIZEEVENTQUEUE,
              BOOL (*)(HANDLE, HANDLE, ULONG_PTR, HWND, UINT));
    SIGNATURE(FaxStartPrintJobA, PFAXSTARTPRINTJOBA,
              BOOL (*)(LPCSTR, const FAX_PRINT_INFOA *, LPDWORD, PFAX_CONTEXT_INFOA));
    SIGNATURE(FaxStartPrintJobW, PFAXSTARTPRINTJOBW,
              BOOL (*)(LPCWSTR, const FAX_PRINT_INFOW *, LPDWORD, PFAX_CONTEXT_INFOW));
    SIGNATURE(FaxPrintCoverPageA, PFAXPRINTCOVERPAGEA,
              BOOL (*)(const FAX_CONTEXT_INFOA *, const FAX_COVERPAGE_INFOA *));
    SIGNATURE(FaxPrintCoverPageW, PFAXPRINTCOVERPAGEW,
              BOOL (*)(const FAX_CONTEXT_INFOW *, const FAX_COVERPAGE_INFOW *));
    SIGNATURE(FaxEnumRoutingMethodsA, PFAXENUMROUTINGMETHODSA,
              BOOL (*)(HANDLE, PFAX_ROUTING_METHODA *, LPDWORD));
    SIGNATURE(FaxEnumRoutingMethodsW, PFAXENUMROUTINGMETHODSW,
              BOOL (*)(HANDLE, PFAX_ROUTING_METHODW *, LPDWORD));
    SIGNATURE(FaxEnableRoutingMethodA, PFAXENABLEROUTINGMETHODA, BOOL (*)(HANDLE, LPCSTR, BOOL));
    SIGNATURE(FaxEnableRoutingMethodW, PFAXENABLEROUTINGMETHODW, BOOL (*)(HANDLE, LPCWSTR, BOOL));
    SIGNATURE(FaxGetRoutingInfoA, PFAXGETROUTINGINFOA,
              BOOL (*)(HANDLE, LPCSTR, LPBYTE *, LPDWORD));
    SIGNATURE(FaxGetRoutingInfoW, PFAXGETROUTINGINFOW,
              BOOL (*)(HANDLE, LPCWSTR, LPBYTE *, LPDWORD));
    SIGNATURE(FaxSetRoutingInfoA, PFAXSETROUTINGINFOA,
              BOOL (*)(HANDLE, LPCSTR, const BYTE *, DWORD));
    SIGNATURE(FaxSetRoutingInfoW, PFAXSETROUTINGINFOW,
              BOOL (*)(HANDLE, LPCWSTR, const BYTE *, DWORD));
    SIGNATURE(FaxEnumGlobalRoutingInfoA, PFAXENUMGLOBALROUTINGINFOA,
              BOOL (*)(HANDLE, PFAX_GLOBAL_ROUTING_INFOA *, LPDWORD));
    SIGNATURE(FaxEnumGlobalRoutingInfoW, PFAXENUMGLOBALROUTINGINFOW,
              BOOL (*)(HANDLE, PFAX_GLOBAL_ROUTING_INFOW *, LPDWORD));
    SIGNATURE(FaxSetGlobalRoutingInfoA, PFAXSETGLOBALROUTINGINFOA,
              BOOL (*)(HANDLE, const FAX_GLOBAL_ROUTING_INFOA *));
    SIGNATURE(FaxSetGlobalRoutingInfoW, PFAXSETGLOBALROUTINGINFOW,
              BOOL (*)(HANDLE, const FAX_GLOBAL_ROUTING_INFOW *));
    SIGNATURE(FaxRegisterServiceProviderW, PFAXREGISTERSERVICEPROVIDERW,
              BOOL (*)(LPCWSTR, LPCWSTR, LPCWSTR, LPCWSTR));
    SIGNATURE(FaxUnregisterServiceProviderW, PFAXUNREGISTERSERVICEPROVIDERW, BOOL (*)(LPCWSTR));
    SIGNATURE(FaxRegisterRoutingExtensionW, PFAXREGISTERROUTINGEXTENSIONW,
              BOOL (*)(HANDLE, LPCWSTR, LPCWSTR, LPCWSTR, PFAX_ROUTING_INSTALLATION_CALLBACKW,
                       LPVOID));

    ok(SAME_TYPE(__typeof__(&GetLastError), DWORD (*)(void)), "GetLastError signature");
    ok(SAME_TYPE(__typeof__(&SetLastError), void (*)(DWORD)), "SetLastError signature");
    ok(SAME_TYPE(__typeof__(&CreateIoCompletionPort), HANDLE (*)(HANDLE, HANDLE, ULONG_PTR, DWORD)),
       "CreateIoCompletionPort signature");
    ok(SAME_TYPE(__typeof__(&GetQueuedCompletionStatus),
                 BOOL (*)(HANDLE, LPDWORD, PULONG_PTR, LPOVERLAPPED *, DWORD)),
       "GetQueuedCompletionStatus signature");
    ok(SAME_TYPE(__typeof__(&PostQueuedCompletionStatus),
                 BOOL (*)(HANDLE, DWORD, ULONG_PTR, LPOVERLAPPED)),
       "PostQueuedCompletionStatus signature");
    ok(SAME_TYPE(__typeof__(&CloseHandle), BOOL (*)(HANDLE)), "CloseHandle signature");
    ok(SAME_TYPE(__typeof__(&LocalFree), HLOCAL (*)(HLOCAL)), "LocalFree signature");
}

#define STRINGIFY_EXPANDED(name) STRINGIFY(name)
#define STRINGIFY(name) #name

#ifdef UNICODE
#define FORM "W"
#define FORM_TYPE(name) name##W
#else
#define FORM "A"
#define FORM_TYPE(name) name##A
#endif

#define NEUTRAL_NAME(neutral, stem) \
    ok(strcmp(STRINGIFY_EXPANDED(neutral), stem FORM) == 0, #neutral " -> " stem FORM)
#define NEUTRAL_TYPE(name) \
    ok(SAME_TYPE(name, FORM_TYPE(name)), #name " is " #name FORM)

static void test_neutral_names(void)
{
    NEUTRAL_NAME(FaxConnectFaxServer, "FaxConnectFaxServer");
    NEUTRAL_NAME(FaxEnumPorts, "FaxEnumPorts");
    NEUTRAL_NAME(FaxGetPort, "FaxGetPort");
    NEUTRAL_NAME(FaxSetPort, "FaxSetPort");
    NEUTRAL_NAME(FaxGetDeviceStatus, "FaxGetDeviceStatus");
    NEUTRAL_NAME(FaxSendDocument, "FaxSendDocument");
    NEUTRAL_NAME(FaxSendDocumentForBroadcast, "FaxSendDocumentForBroadcast");
    NEUTRAL_NAME(FaxEnumJobs, "FaxEnumJobs");
    NEUTRAL_NAME(FaxGetJob, "FaxGetJob");
    NEUTRAL_NAME(FaxSetJob, "FaxSetJob");
    NEUTRAL_NAME(FaxCompleteJobParams, "FaxCompleteJobParams");
    NEUTRAL_NAME(FaxGetConfiguration, "FaxGetConfiguration");
    NEUTRAL_NAME(FaxSetConfiguration, "FaxSetConfiguration");
    NEUTRAL_NAME(FaxGetLoggingCategories, "FaxGetLoggingCategories");
    NEUTRAL_NAME(FaxSetLoggingCategories, "FaxSetLoggingCategories");
    NEUTRAL_NAME(FaxStartPrintJob, "FaxStartPrintJob");
    NEUTRAL_NAME(FaxPrintCoverPage, "FaxPrintCoverPage");
    NEUTRAL_NAME(FaxEnumRoutingMethods, "FaxEnumRoutingMethods");
    NEUTRAL_NAME(FaxEnableRoutingMethod, "FaxEnableRoutingMethod");
    NEUTRAL_NAME(FaxGetRoutingInfo, "FaxGetRoutingInfo");
    NEUTRAL_NAME(FaxSetRoutingInfo, "FaxSetRoutingInfo");
    NEUTRAL_NAME(FaxEnumGlobalRoutingInfo, "FaxEnumGlobalRoutingInfo");
    NEUTRAL_NAME(FaxSetGlobalRoutingInfo, "FaxSetGlobalRoutingInfo");
    NEUTRAL_NAME(PFAXCONNECTFAXSERVER, "PFAXCONNECTFAXSERVER");
    NEUTRAL_NAME(PFAXSENDDOCUMENT, "PFAXSENDDOCUMENT");
    NEUTRAL_NAME(PFAXSETGLOBALROUTINGINFO, "PFAXSETGLOBALROUTINGINFO");
    NEUTRAL_NAME(PFAX_RECIPIENT_CALLBACK, "PFAX_RECIPIENT_CALLBACK");
    ok(strcmp(STRINGIFY_EXPANDED(FaxRegisterServiceProvider), "FaxRegisterServiceProviderW") == 0,
       "FaxRegisterServiceProvider -> W whatever UNICODE says");
    ok(strcmp(STRINGIFY_EXPANDED(FaxUnregisterServiceProvider), "FaxUnregisterServiceProviderW") == 0,
       "FaxUnregisterServiceProvider -> W whatever UNICODE says");
    ok(strcmp(STRINGIFY_EXPANDED(FaxRegisterRoutingExtension), "FaxRegisterRoutingExtensionW") == 0,
       "FaxRegisterRoutingExtension -> W whatever UNICODE says");

    NEUTRAL_TYPE(FAX_PORT_INFO);
    NEUTRAL_TYPE(PFAX_PORT_INFO);
    NEUTRAL_TYPE(FAX_DEVICE_STATUS);
    NEUTRAL_TYPE(PFAX_DEVICE_STATUS);
    NEUTRAL_TYPE(FAX_JOB_ENTRY);
    NEUTRAL_TYPE(PFAX_JOB_ENTRY);
    NEUTRAL_TYPE(FAX_JOB_PARAM);
    NEUTRAL_TYPE(PFAX_JOB_PARAM);
    NEUTRAL_TYPE(FAX_COVERPAGE_INFO);
    NEUTRAL_TYPE(PFAX_COVERPAGE_INFO);
    NEUTRAL_TYPE(FAX_CONFIGURATION);
    NEUTRAL_TYPE(PFAX_CONFIGURATION);
    NEUTRAL_TYPE(FAX_EVENT);
    NEUTRAL_TYPE(PFAX_EVENT);
    NEUTRAL_TYPE(FAX_ROUTING_METHOD);
    NEUTRAL_TYPE(PFAX_ROUTING_METHOD);
    NEUTRAL_TYPE(FAX_GLOBAL_ROUTING_INFO);
    NEUTRAL_TYPE(PFAX_GLOBAL_ROUTING_INFO);
    NEUTRAL_TYPE(FAX_LOG_CATEGORY);
    NEUTRAL_TYPE(PFAX_LOG_CATEGORY);
    NEUTRAL_TYPE(FAX_PRINT_INFO);
    NEUTRAL_TYPE(PFAX_PRINT_INFO);
    NEUTRAL_TYPE(FAX_CONTEXT_INFO);
    NEUTRAL_TYPE(PFAX_CONTEXT_INFO);

#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
    ok(SAME_TYPE(WCHAR, wchar_t), "with -fshort-wchar, WCHAR is wchar_t");
    {
        LPCWSTR literal = L"fax";
        ok(literal[1] == 'a', "and L\"...\" literals are LPCWSTR");
    }
#endif
#ifdef UNICODE
    ok(SAME_TYPE(TCHAR, WCHAR), "TCHAR is WCHAR under UNICODE");
    ok(SAME_TYPE(LPCTSTR, LPCWSTR), "LPCTSTR is LPCWSTR under UNICODE");
    {
        static const TCHAR sample[] = TEXT("fax");
        is_equal(sizeof(sample), 4 * sizeof(WCHAR), "TEXT(\"fax\") is 4 WCHARs");
        ok(sample[0] == 'f' && sample[3] == 0, "TEXT(\"fax\") holds the text");
    }
#else
    ok(SAME_TYPE(TCHAR, CHAR), "TCHAR is CHAR without UNICODE");
    ok(SAME_TYPE(LPCTSTR, LPCSTR), "LPCTSTR is LPCSTR without UNICODE");
    {
        static const TCHAR sample[] = TEXT("fax");
        is_equal(sizeof(sample), 4, "TEXT(\"fax\") is 4 chars");
        ok(strcmp(sample, "fax") == 0, "TEXT(\"fax\") holds the text");
    }
#endif
}

int main(void)
{
    tap_diag("winfax.h layout test, %s build, %zu-byte wchar_t", FORM, sizeof(wchar_t));
    if (sizeof(void *) != 8 || sizeof(long) != 8) {
        printf("1..0 # SKIP the expected tables are for LP64\n");
        return 0;
    }
    test_base_types();
    test_structures();
    test_pointer_typedefs();
    test_constants();
    test_microsoft_reference();
    test_prototypes();
    test_neutral_names();
    return tap_finish();
}
