/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Microsoft's winfax.h (Windows 2000 fax API) as its documentation gives
 * it, written out from the pages on learn.microsoft.com and never from
 * this project's include/winfax.h, so that layout_test compares the header
 * with an independent account of it.  The pages, by their titles:
 *
 *   FAX_EVENTA / FAX_EVENTW structure (winfax.h)      FEI_* event ids
 *   FAX_DEVICE_STATUSA/W structure (winfax.h),
 *   FAX_PORT_INFOA/W structure (winfax.h)             FPS_* port states,
 *                                                     FPF_* port flags
 *   FAX_JOB_ENTRYA/W structure (winfax.h)             JT_* job types,
 *                                                     JS_* queue states
 *   FaxSetJobA/W function (winfax.h)                  JC_* commands
 *   FAX_JOB_PARAMA/W structure (winfax.h)             JSA_*, DRT_*
 *   FAX_LOG_CATEGORYA/W structure (winfax.h)          FAXLOG_LEVEL_*,
 *                                                     FAXLOG_CATEGORY_*
 *   FaxOpenPort function (winfax.h)                   PORT_OPEN_*
 *   FaxAccessCheck function (winfax.h), "Fax Service
 *   Client API access rights"                         FAX_* rights
 *   and each structure's own page for its members, in order.
 *
 * FAX_READ, FAX_WRITE and FAX_ALL_ACCESS add the standard rights
 * (STANDARD_RIGHTS_READ and _WRITE are READ_CONTROL, 0x20000;
 * STANDARD_RIGHTS_ALL is 0x1F0000) to the query rights, FAX_JOB_SUBMIT and
 * all seven rights.
 *
 * The enum type names are those the SDK header declares (FaxOpenPort's
 * Flags, FaxSetJob's Command ... hold them as DWORD).  FEI_NEVENTS is the
 * last id.  The FPS_* values are 0x20000000 with one bit each.
 *
 * Sizes and offsets are for x86_64 Windows (LLP64), worked out from the
 * documented member lists: DWORD and BOOL 4 bytes aligned 4, pointers
 * (LPCSTR, LPCWSTR, HDC) 8 aligned 8, FILETIME 8 aligned 4, SYSTEMTIME 16
 * aligned 2, FAX_TIME (two WORDs) 4 aligned 2, HCALL (a 32-bit TAPI
 * handle) 4, DWORD_PTR[3] 24 aligned 8.  A and W forms differ only in
 * their string pointers, so one table serves both; FAX_CONTEXT_INFO,
 * whose ServerName is an array of characters, is given per form.
 */
#ifndef LIBWINFAX_TESTS_MICROSOFT_REFERENCE_H
#define LIBWINFAX_TESTS_MICROSOFT_REFERENCE_H

/* X(enum type, one of its members) */
#define MS_REFERENCE_ENUM_TYPES(X)                   \
    X(FAX_ENUM_LOG_LEVELS, FAXLOG_LEVEL_MAX)          \
    X(FAX_ENUM_LOG_CATEGORIES, FAXLOG_CATEGORY_INIT)  \
    X(FAX_ENUM_JOB_COMMANDS, JC_DELETE)               \
    X(FAX_ENUM_JOB_SEND_ATTRIBUTES, JSA_NOW)          \
    X(FAX_ENUM_DELIVERY_REPORT_TYPES, DRT_EMAIL)      \
    X(FAX_ENUM_PORT_OPEN_TYPE, PORT_OPEN_MODIFY)

/* X(name, value) */
#define MS_REFERENCE_CONSTANTS(X)                                                   \
    X(FEI_DIALING, 0x01) X(FEI_SENDING, 0x02) X(FEI_RECEIVING, 0x03)                \
    X(FEI_COMPLETED, 0x04) X(FEI_BUSY, 0x05) X(FEI_NO_ANSWER, 0x06)                 \
    X(FEI_BAD_ADDRESS, 0x07) X(FEI_NO_DIAL_TONE, 0x08) X(FEI_DISCONNECTED, 0x09)    \
    X(FEI_FATAL_ERROR, 0x0a) X(FEI_NOT_FAX_CALL, 0x0b) X(FEI_CALL_DELAYED, 0x0c)    \
    X(FEI_CALL_BLACKLISTED, 0x0d) X(FEI_RINGING, 0x0e) X(FEI_ABORTING, 0x0f)        \
    X(FEI_ROUTING, 0x10) X(FEI_MODEM_POWERED_ON, 0x11)                              \
    X(FEI_MODEM_POWERED_OFF, 0x12) X(FEI_IDLE, 0x13) X(FEI_FAXSVC_ENDED, 0x14)      \
    X(FEI_ANSWERED, 0x15) X(FEI_JOB_QUEUED, 0x16) X(FEI_DELETED, 0x17)              \
    X(FEI_INITIALIZING, 0x18) X(FEI_LINE_UNAVAILABLE, 0x19) X(FEI_HANDLED, 0x1a)    \
    X(FEI_FAXSVC_STARTED, 0x1b) X(FEI_NEVENTS, 0x1b)                                \
    X(FPS_DIALING, 0x20000001) X(FPS_SENDING, 0x20000002)                           \
    X(FPS_RECEIVING, 0x20000004) X(FPS_COMPLETED, 0x20000008)                       \
    X(FPS_HANDLED, 0x20000010) X(FPS_UNAVAILABLE, 0x20000020)                       \
    X(FPS_BUSY, 0x20000040) X(FPS_NO_ANSWER, 0x20000080)                            \
    X(FPS_BAD_ADDRESS, 0x20000100) X(FPS_NO_DIAL_TONE, 0x20000200)                  \
    X(FPS_DISCONNECTED, 0x20000400) X(FPS_FATAL_ERROR, 0x20000800)                  \
    X(FPS_NOT_FAX_CALL, 0x20001000) X(FPS_CALL_DELAYED, 0x20002000)                 \
    X(FPS_CALL_BLACKLISTED, 0x20004000) X(FPS_INITIALIZING, 0x20008000)             \
    X(FPS_OFFLINE, 0x20010000) X(FPS_RINGING, 0x20020000)                           \
    X(FPS_AVAILABLE, 0x20100000) X(FPS_ABORTING, 0x20200000)                        \
    X(FPS_ROUTING, 0x20400000) X(FPS_ANSWERED, 0x20800000)                          \
    X(FPF_RECEIVE, 0x1) X(FPF_SEND, 0x2) X(FPF_VIRTUAL, 0x4)                        \
    X(JT_UNKNOWN, 0) X(JT_SEND, 1) X(JT_RECEIVE, 2) X(JT_ROUTING, 3)                \
    X(JT_FAIL_RECEIVE, 4)                                                           \
    X(JS_PENDING, 0x00) X(JS_INPROGRESS, 0x01) X(JS_DELETING, 0x02)                 \
    X(JS_FAILED, 0x04) X(JS_PAUSED, 0x08) X(JS_NOLINE, 0x10) X(JS_RETRYING, 0x20)   \
    X(JS_RETRIES_EXCEEDED, 0x40)                                                    \
    X(JC_UNKNOWN, 0) X(JC_DELETE, 1) X(JC_PAUSE, 2) X(JC_RESUME, 3)                 \
    X(JC_RESTART, 3)                                                                \
    X(JSA_NOW, 0) X(JSA_SPECIFIC_TIME, 1) X(JSA_DISCOUNT_PERIOD, 2)                 \
    X(DRT_NONE, 0) X(DRT_EMAIL, 1) X(DRT_INBOX, 2)                                  \
    X(FAXLOG_LEVEL_NONE, 0) X(FAXLOG_LEVEL_MIN, 1) X(FAXLOG_LEVEL_MED, 2)           \
    X(FAXLOG_LEVEL_MAX, 3)                                                          \
    X(FAXLOG_CATEGORY_INIT, 1) X(FAXLOG_CATEGORY_OUTBOUND, 2)                       \
    X(FAXLOG_CATEGORY_INBOUND, 3) X(FAXLOG_CATEGORY_UNKNOWN, 4)                     \
    X(PORT_OPEN_QUERY, 1) X(PORT_OPEN_MODIFY, 2)                                    \
    X(FAX_JOB_SUBMIT, 0x0001) X(FAX_JOB_QUERY, 0x0002) X(FAX_CONFIG_QUERY, 0x0004)  \
    X(FAX_CONFIG_SET, 0x0008) X(FAX_PORT_QUERY, 0x0010) X(FAX_PORT_SET, 0x0020)     \
    X(FAX_JOB_MANAGE, 0x0040)                                                       \
    X(FAX_READ, 0x20000 | 0x0002 | 0x0004 | 0x0010)                                 \
    X(FAX_WRITE, 0x20000 | 0x0001)                                                  \
    X(FAX_ALL_ACCESS, 0x1F0000 | 0x007F)

/* X(structure without its A/W, size); both forms have it */
#define MS_REFERENCE_SIZES(X) \
    X(FAX_CONFIGURATION, 64) \
    X(FAX_COVERPAGE_INFO, 240) \
    X(FAX_DEVICE_STATUS, 144) \
    X(FAX_EVENT, 24) \
    X(FAX_GLOBAL_ROUTING_INFO, 48) \
    X(FAX_JOB_ENTRY, 136) \
    X(FAX_JOB_PARAM, 136) \
    X(FAX_LOG_CATEGORY, 16) \
    X(FAX_PORT_INFO, 48) \
    X(FAX_PRINT_INFO, 88) \
    X(FAX_ROUTING_METHOD, 64)

/* X(structure without its A/W, member, offset) */
#define MS_REFERENCE_OFFSETS(X) \
    X(FAX_CONFIGURATION, SizeOfStruct, 0) \
    X(FAX_CONFIGURATION, Retries, 4) \
    X(FAX_CONFIGURATION, RetryDelay, 8) \
    X(FAX_CONFIGURATION, DirtyDays, 12) \
    X(FAX_CONFIGURATION, Branding, 16) \
    X(FAX_CONFIGURATION, UseDeviceTsid, 20) \
    X(FAX_CONFIGURATION, ServerCp, 24) \
    X(FAX_CONFIGURATION, PauseServerQueue, 28) \
    X(FAX_CONFIGURATION, StartCheapTime, 32) \
    X(FAX_CONFIGURATION, StopCheapTime, 36) \
    X(FAX_CONFIGURATION, ArchiveOutgoingFaxes, 40) \
    X(FAX_CONFIGURATION, ArchiveDirectory, 48) \
    X(FAX_CONFIGURATION, Reserved, 56) \
    X(FAX_COVERPAGE_INFO, SizeOfStruct, 0) \
    X(FAX_COVERPAGE_INFO, CoverPageName, 8) \
    X(FAX_COVERPAGE_INFO, UseServerCoverPage, 16) \
    X(FAX_COVERPAGE_INFO, RecName, 24) \
    X(FAX_COVERPAGE_INFO, RecFaxNumber, 32) \
    X(FAX_COVERPAGE_INFO, RecCompany, 40) \
    X(FAX_COVERPAGE_INFO, RecStreetAddress, 48) \
    X(FAX_COVERPAGE_INFO, RecCity, 56) \
    X(FAX_COVERPAGE_INFO, RecState, 64) \
    X(FAX_COVERPAGE_INFO, RecZip, 72) \
    X(FAX_COVERPAGE_INFO, RecCountry, 80) \
    X(FAX_COVERPAGE_INFO, RecTitle, 88) \
    X(FAX_COVERPAGE_INFO, RecDepartment, 96) \
    X(FAX_COVERPAGE_INFO, RecOfficeLocation, 104) \
    X(FAX_COVERPAGE_INFO, RecHomePhone, 112) \
    X(FAX_COVERPAGE_INFO, RecOfficePhone, 120) \
    X(FAX_COVERPAGE_INFO, SdrName, 128) \
    X(FAX_COVERPAGE_INFO, SdrFaxNumber, 136) \
    X(FAX_COVERPAGE_INFO, SdrCompany, 144) \
    X(FAX_COVERPAGE_INFO, SdrAddress, 152) \
    X(FAX_COVERPAGE_INFO, SdrTitle, 160) \
    X(FAX_COVERPAGE_INFO, SdrDepartment, 168) \
    X(FAX_COVERPAGE_INFO, SdrOfficeLocation, 176) \
    X(FAX_COVERPAGE_INFO, SdrHomePhone, 184) \
    X(FAX_COVERPAGE_INFO, SdrOfficePhone, 192) \
    X(FAX_COVERPAGE_INFO, Note, 200) \
    X(FAX_COVERPAGE_INFO, Subject, 208) \
    X(FAX_COVERPAGE_INFO, TimeSent, 216) \
    X(FAX_COVERPAGE_INFO, PageCount, 232) \
    X(FAX_DEVICE_STATUS, SizeOfStruct, 0) \
    X(FAX_DEVICE_STATUS, CallerId, 8) \
    X(FAX_DEVICE_STATUS, Csid, 16) \
    X(FAX_DEVICE_STATUS, CurrentPage, 24) \
    X(FAX_DEVICE_STATUS, DeviceId, 28) \
    X(FAX_DEVICE_STATUS, DeviceName, 32) \
    X(FAX_DEVICE_STATUS, DocumentName, 40) \
    X(FAX_DEVICE_STATUS, JobType, 48) \
    X(FAX_DEVICE_STATUS, PhoneNumber, 56) \
    X(FAX_DEVICE_STATUS, RoutingString, 64) \
    X(FAX_DEVICE_STATUS, SenderName, 72) \
    X(FAX_DEVICE_STATUS, RecipientName, 80) \
    X(FAX_DEVICE_STATUS, Size, 88) \
    X(FAX_DEVICE_STATUS, StartTime, 92) \
    X(FAX_DEVICE_STATUS, Status, 100) \
    X(FAX_DEVICE_STATUS, StatusString, 104) \
    X(FAX_DEVICE_STATUS, SubmittedTime, 112) \
    X(FAX_DEVICE_STATUS, TotalPages, 120) \
    X(FAX_DEVICE_STATUS, Tsid, 128) \
    X(FAX_DEVICE_STATUS, UserName, 136) \
    X(FAX_EVENT, SizeOfStruct, 0) \
    X(FAX_EVENT, TimeStamp, 4) \
    X(FAX_EVENT, DeviceId, 12) \
    X(FAX_EVENT, EventId, 16) \
    X(FAX_EVENT, JobId, 20) \
    X(FAX_GLOBAL_ROUTING_INFO, SizeOfStruct, 0) \
    X(FAX_GLOBAL_ROUTING_INFO, Priority, 4) \
    X(FAX_GLOBAL_ROUTING_INFO, Guid, 8) \
    X(FAX_GLOBAL_ROUTING_INFO, FriendlyName, 16) \
    X(FAX_GLOBAL_ROUTING_INFO, FunctionName, 24) \
    X(FAX_GLOBAL_ROUTING_INFO, ExtensionImageName, 32) \
    X(FAX_GLOBAL_ROUTING_INFO, ExtensionFriendlyName, 40) \
    X(FAX_JOB_ENTRY, SizeOfStruct, 0) \
    X(FAX_JOB_ENTRY, JobId, 4) \
    X(FAX_JOB_ENTRY, UserName, 8) \
    X(FAX_JOB_ENTRY, JobType, 16) \
    X(FAX_JOB_ENTRY, QueueStatus, 20) \
    X(FAX_JOB_ENTRY, Status, 24) \
    X(FAX_JOB_ENTRY, Size, 28) \
    X(FAX_JOB_ENTRY, PageCount, 32) \
    X(FAX_JOB_ENTRY, RecipientNumber, 40) \
    X(FAX_JOB_ENTRY, RecipientName, 48) \
    X(FAX_JOB_ENTRY, Tsid, 56) \
    X(FAX_JOB_ENTRY, SenderName, 64) \
    X(FAX_JOB_ENTRY, SenderCompany, 72) \
    X(FAX_JOB_ENTRY, SenderDept, 80) \
    X(FAX_JOB_ENTRY, BillingCode, 88) \
    X(FAX_JOB_ENTRY, ScheduleAction, 96) \
    X(FAX_JOB_ENTRY, ScheduleTime, 100) \
    X(FAX_JOB_ENTRY, DeliveryReportType, 116) \
    X(FAX_JOB_ENTRY, DeliveryReportAddress, 120) \
    X(FAX_JOB_ENTRY, DocumentName, 128) \
    X(FAX_JOB_PARAM, SizeOfStruct, 0) \
    X(FAX_JOB_PARAM, RecipientNumber, 8) \
    X(FAX_JOB_PARAM, RecipientName, 16) \
    X(FAX_JOB_PARAM, Tsid, 24) \
    X(FAX_JOB_PARAM, SenderName, 32) \
    X(FAX_JOB_PARAM, SenderCompany, 40) \
    X(FAX_JOB_PARAM, SenderDept, 48) \
    X(FAX_JOB_PARAM, BillingCode, 56) \
    X(FAX_JOB_PARAM, ScheduleAction, 64) \
    X(FAX_JOB_PARAM, ScheduleTime, 68) \
    X(FAX_JOB_PARAM, DeliveryReportType, 84) \
    X(FAX_JOB_PARAM, DeliveryReportAddress, 88) \
    X(FAX_JOB_PARAM, DocumentName, 96) \
    X(FAX_JOB_PARAM, CallHandle, 104) \
    X(FAX_JOB_PARAM, Reserved, 112) \
    X(FAX_LOG_CATEGORY, Name, 0) \
    X(FAX_LOG_CATEGORY, Category, 8) \
    X(FAX_LOG_CATEGORY, Level, 12) \
    X(FAX_PORT_INFO, SizeOfStruct, 0) \
    X(FAX_PORT_INFO, DeviceId, 4) \
    X(FAX_PORT_INFO, State, 8) \
    X(FAX_PORT_INFO, Flags, 12) \
    X(FAX_PORT_INFO, Rings, 16) \
    X(FAX_PORT_INFO, Priority, 20) \
    X(FAX_PORT_INFO, DeviceName, 24) \
    X(FAX_PORT_INFO, Tsid, 32) \
    X(FAX_PORT_INFO, Csid, 40) \
    X(FAX_PRINT_INFO, SizeOfStruct, 0) \
    X(FAX_PRINT_INFO, DocName, 8) \
    X(FAX_PRINT_INFO, RecipientName, 16) \
    X(FAX_PRINT_INFO, RecipientNumber, 24) \
    X(FAX_PRINT_INFO, SenderName, 32) \
    X(FAX_PRINT_INFO, SenderCompany, 40) \
    X(FAX_PRINT_INFO, SenderDept, 48) \
    X(FAX_PRINT_INFO, SenderBillingCode, 56) \
    X(FAX_PRINT_INFO, Reserved, 64) \
    X(FAX_PRINT_INFO, DrEmailAddress, 72) \
    X(FAX_PRINT_INFO, OutputFileName, 80) \
    X(FAX_ROUTING_METHOD, SizeOfStruct, 0) \
    X(FAX_ROUTING_METHOD, DeviceId, 4) \
    X(FAX_ROUTING_METHOD, Enabled, 8) \
    X(FAX_ROUTING_METHOD, DeviceName, 16) \
    X(FAX_ROUTING_METHOD, Guid, 24) \
    X(FAX_ROUTING_METHOD, FriendlyName, 32) \
    X(FAX_ROUTING_METHOD, FunctionName, 40) \
    X(FAX_ROUTING_METHOD, ExtensionImageName, 48) \
    X(FAX_ROUTING_METHOD, ExtensionFriendlyName, 56)

/* FAX_CONTEXT_INFOA/W: DWORD, HDC, ServerName[MAX_COMPUTERNAME_LENGTH + 1] */
#define MS_REFERENCE_CONTEXT_INFO_A_SIZE 32
#define MS_REFERENCE_CONTEXT_INFO_W_SIZE 48
#define MS_REFERENCE_CONTEXT_INFO_HDC_OFFSET 8
#define MS_REFERENCE_CONTEXT_INFO_SERVER_NAME_OFFSET 16

/* FAX_TIME: WORD Hour, WORD Minute */
#define MS_REFERENCE_FAX_TIME_SIZE 4

#endif /* LIBWINFAX_TESTS_MICROSOFT_REFERENCE_H */
