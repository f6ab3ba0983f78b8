/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Result buffers: one block, the fixed array at its start and the strings
 * after it, in UTF-8 (A) or UTF-16 (W); NULL and empty strings; sticky
 * errors; and FaxFreeBuffer freeing a block whose pointers the application
 * has overwritten (valgrind checks that nothing leaks or is misread).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "win32/result_buffer.h"
#include "tap.h"

static bool points_into(const void *pointer, const void *block, size_t start, size_t end)
{
    uintptr_t address = (uintptr_t)pointer;
    uintptr_t base = (uintptr_t)block;

    return address >= base + start && address < base + end;
}

static bool wide_equals(LPCWSTR got, const WCHAR *expected)
{
    size_t i = 0;

    if (!got)
        return false;
    for (; expected[i] != 0; i++)
        if (got[i] != expected[i])
            return false;
    return got[i] == 0;
}

static void test_ansi_ports(void)
{
    struct winfax_result_builder builder;
    FAX_PORT_INFOA *ports;
    size_t size = 0;
    const size_t fixed = 3 * sizeof(FAX_PORT_INFOA);

    is_equal(winfax_result_builder_init(&builder, WINFAX_STRINGS_ANSI, fixed), 0,
             "an A builder for 3 FAX_PORT_INFOA");
    ports = winfax_result_builder_fixed(&builder);
    for (int i = 0; i < 3; i++) {
        ports[i].SizeOfStruct = sizeof(FAX_PORT_INFOA);
        ports[i].DeviceId = 100 + (DWORD)i;
    }
    ok(winfax_result_builder_add_string(&builder, &ports[0].DeviceName, "loop0"), "add a name");
    winfax_result_builder_add_string(&builder, &ports[0].Tsid, "+1 555 0100");
    winfax_result_builder_add_string(&builder, &ports[0].Csid, "B\xC3\xBCro");
    winfax_result_builder_add_string(&builder, &ports[1].DeviceName, "loop1");
    winfax_result_builder_add_string(&builder, &ports[1].Tsid, "");
    ok(winfax_result_builder_add_string(&builder, &ports[1].Csid, NULL), "add a NULL string");
    winfax_result_builder_add_string(&builder, &ports[2].DeviceName, "loop2");
    ports = winfax_result_builder_finish(&builder, &size);

    ok(ports != NULL, "finish gives a block");
    if (!ports)
        return;
    ok(size >= fixed + 6 + 12 + 6 + 6 + 1 + 6, "its size covers the array and the strings (%zu)",
       size);
    ok(ports[0].DeviceId == 100 && ports[2].DeviceId == 102 &&
       ports[1].SizeOfStruct == sizeof(FAX_PORT_INFOA), "plain fields are kept");
    ok(ports[0].DeviceName && strcmp(ports[0].DeviceName, "loop0") == 0 &&
       strcmp(ports[0].Tsid, "+1 555 0100") == 0 && strcmp(ports[2].DeviceName, "loop2") == 0,
       "strings read back");
    ok(strcmp(ports[0].Csid, "B\xC3\xBCro") == 0, "UTF-8 is stored as is in the A form");
    ok(ports[1].Tsid && ports[1].Tsid[0] == '\0', "an empty string stays an empty string");
    ok(ports[1].Csid == NULL, "a NULL string stays NULL");
    ok(ports[2].Tsid == NULL && ports[2].Csid == NULL, "untouched string fields are NULL");
    ok(points_into(ports[0].DeviceName, ports, fixed, size) &&
       points_into(ports[0].Csid, ports, fixed, size) &&
       points_into(ports[1].Tsid, ports, fixed, size) &&
       points_into(ports[2].DeviceName, ports, fixed, size),
       "every string lies in the same block, after the array");

    /* What applications do: reuse the pointers, then free. */
    ports[0].DeviceName = "an application string";
    ports[0].Tsid = (LPCSTR)(uintptr_t)0xDEADBEEF;
    ports[1].Tsid = NULL;
    ports[2].DeviceName = (LPCSTR)&size;
    FaxFreeBuffer(ports);
    ok(true, "FaxFreeBuffer after the pointers were overwritten (valgrind: no leak, no bad read)");
}

static void test_wide_jobs(void)
{
    static const WCHAR fax_machine[] = { 'J', 'o', 'b', ' ', 0xD83D, 0xDCE0, 0 };
    static const WCHAR umlaut[] = { 'M', 0x00FC, 'n', 'c', 'h', 'e', 'n', 0 };
    static const WCHAR empty[] = { 0 };
    struct winfax_result_builder builder;
    FAX_JOB_ENTRYW *jobs;
    size_t size = 0;
    const size_t fixed = 2 * sizeof(FAX_JOB_ENTRYW);

    is_equal(winfax_result_builder_init(&builder, WINFAX_STRINGS_WIDE, fixed), 0,
             "a W builder for 2 FAX_JOB_ENTRYW");
    jobs = winfax_result_builder_fixed(&builder);
    jobs[0].JobId = 7;
    jobs[0].ScheduleTime.wYear = 2026;
    jobs[1].JobId = 8;
    winfax_result_builder_add_string(&builder, &jobs[0].DocumentName, "Job \xF0\x9F\x93\xA0");
    winfax_result_builder_add_string(&builder, &jobs[0].SenderName, "a");   /* odd length */
    winfax_result_builder_add_string(&builder, &jobs[1].RecipientName, "M\xC3\xBCnchen");
    winfax_result_builder_add_string(&builder, &jobs[1].UserName, "");
    jobs = winfax_result_builder_finish(&builder, &size);

    ok(jobs != NULL, "finish gives a block");
    if (!jobs)
        return;
    ok(jobs[0].JobId == 7 && jobs[1].JobId == 8 && jobs[0].ScheduleTime.wYear == 2026,
       "plain fields are kept");
    ok(wide_equals(jobs[0].DocumentName, fax_machine),
       "UTF-8 with a supplementary character becomes UTF-16 with a surrogate pair");
    ok(wide_equals(jobs[1].RecipientName, umlaut), "U+00FC becomes one unit");
    ok(wide_equals(jobs[1].UserName, empty), "an empty string is a lone 0 unit");
    ok(((uintptr_t)jobs[0].DocumentName % 2) == 0 && ((uintptr_t)jobs[0].SenderName % 2) == 0 &&
       ((uintptr_t)jobs[1].RecipientName % 2) == 0 && ((uintptr_t)jobs[1].UserName % 2) == 0,
       "every wide string is 2-byte aligned");
    ok(points_into(jobs[0].DocumentName, jobs, fixed, size) &&
       points_into(jobs[1].UserName, jobs, fixed, size), "the strings lie after the array");
    ok(jobs[1].DocumentName == NULL, "untouched string fields are NULL");

    jobs[0].DocumentName = NULL;
    jobs[1].RecipientName = (LPCWSTR)(uintptr_t)1;
    FaxFreeBuffer(jobs);
    ok(true, "FaxFreeBuffer frees the W block whole");
}

static void test_exact_size(void)
{
    struct winfax_result_builder builder;
    FAX_LOG_CATEGORYA *category_a;
    FAX_LOG_CATEGORYW *category_w;
    size_t size = 0;

    winfax_result_builder_init(&builder, WINFAX_STRINGS_ANSI, sizeof(FAX_LOG_CATEGORYA));
    category_a = winfax_result_builder_fixed(&builder);
    winfax_result_builder_add_string(&builder, &category_a->Name, "Init");
    category_a = winfax_result_builder_finish(&builder, &size);
    is_equal(size, 16 + 5, "A: 16-byte FAX_LOG_CATEGORYA + \"Init\\0\" = 21 bytes");
    ok(category_a && (const char *)category_a->Name == (const char *)category_a + 16,
       "A: the string starts right after the array");
    FaxFreeBuffer(category_a);

    winfax_result_builder_init(&builder, WINFAX_STRINGS_WIDE, sizeof(FAX_LOG_CATEGORYW));
    category_w = winfax_result_builder_fixed(&builder);
    winfax_result_builder_add_string(&builder, &category_w->Name, "Init");
    category_w = winfax_result_builder_finish(&builder, &size);
    is_equal(size, 16 + 10, "W: 16 + 5 WCHARs = 26 bytes");
    FaxFreeBuffer(category_w);
}

static void test_empty_and_errors(void)
{
    struct winfax_result_builder builder;
    FAX_PORT_INFOA *ports;
    void *block;

    is_equal(winfax_result_builder_init(&builder, WINFAX_STRINGS_WIDE, 0), 0,
             "a builder for an empty listing");
    block = winfax_result_builder_finish(&builder, NULL);
    ok(block != NULL, "still gives a block to free");
    FaxFreeBuffer(block);
    FaxFreeBuffer(NULL);
    ok(true, "FaxFreeBuffer(NULL) is harmless");

    winfax_result_builder_init(&builder, WINFAX_STRINGS_WIDE, 2 * sizeof(FAX_PORT_INFOA));
    ports = winfax_result_builder_fixed(&builder);
    ok(winfax_result_builder_add_string(&builder, &ports[0].DeviceName, "fine"), "a good string");
    ok(!winfax_result_builder_add_string(&builder, &ports[0].Tsid, "bad \xC0\xAF"),
       "a string that is not UTF-8 is refused");
    is_equal(builder.error, -EILSEQ, "with EILSEQ");
    ok(!winfax_result_builder_add_string(&builder, &ports[1].DeviceName, "later"),
       "the error is sticky");
    ok(winfax_result_builder_finish(&builder, NULL) == NULL, "finish then returns NULL");
    is_equal(winfax_result_error_to_win32(builder.error), ERROR_INVALID_DATA,
             "which the API reports as ERROR_INVALID_DATA");

    winfax_result_builder_init(&builder, WINFAX_STRINGS_ANSI, sizeof(FAX_PORT_INFOA));
    ports = winfax_result_builder_fixed(&builder);
    ok(!winfax_result_builder_add_string(&builder, &ports[1].DeviceName, "x") &&
       builder.error == -EINVAL, "a field past the fixed area: EINVAL, nothing written");
    winfax_result_builder_discard(&builder);

    winfax_result_builder_init(&builder, WINFAX_STRINGS_ANSI, sizeof(FAX_PORT_INFOA));
    ports = winfax_result_builder_fixed(&builder);
    ok(!winfax_result_builder_add_string(&builder, (char *)&ports->DeviceName + 1, "x") &&
       builder.error == -EINVAL, "a misaligned field: EINVAL");
    winfax_result_builder_discard(&builder);

    winfax_result_builder_init(&builder, WINFAX_STRINGS_ANSI, sizeof(FAX_PORT_INFOA));
    ok(!winfax_result_builder_add_string(&builder, &builder, "x") && builder.error == -EINVAL,
       "a field outside the block entirely: EINVAL");
    winfax_result_builder_discard(&builder);

    is_equal(winfax_result_builder_init(&builder, WINFAX_STRINGS_ANSI, WINFAX_RESULT_MAX_BYTES + 1),
             -EOVERFLOW, "a fixed area past the ceiling: EOVERFLOW");
    is_equal(winfax_result_error_to_win32(-EOVERFLOW), ERROR_NOT_ENOUGH_MEMORY,
             "reported as ERROR_NOT_ENOUGH_MEMORY");
    is_equal(winfax_result_error_to_win32(-ENOMEM), ERROR_NOT_ENOUGH_MEMORY,
             "ENOMEM as ERROR_NOT_ENOUGH_MEMORY");
    winfax_result_builder_discard(&builder);
}

static void test_large_listing(void)
{
    enum { COUNT = 2000 };
    struct winfax_result_builder builder;
    FAX_ROUTING_METHODW *methods;
    char name[600];
    bool all_right = true;
    size_t size = 0;

    winfax_result_builder_init(&builder, WINFAX_STRINGS_WIDE, COUNT * sizeof(FAX_ROUTING_METHODW));
    methods = winfax_result_builder_fixed(&builder);
    for (int i = 0; i < COUNT; i++) {
        memset(name, 'a' + i % 26, sizeof(name) - 1);
        name[sizeof(name) - 1] = '\0';
        name[i % (sizeof(name) - 1)] = '\0';   /* lengths 0..598 */
        methods[i].DeviceId = (DWORD)i;
        winfax_result_builder_add_string(&builder, &methods[i].FriendlyName, name);
        winfax_result_builder_add_string(&builder, &methods[i].Guid,
                                         "{00000000-0000-0000-0000-000000000000}");
    }
    methods = winfax_result_builder_finish(&builder, &size);
    ok(methods != NULL, "%d entries with strings up to 598 characters build one block (%zu bytes)",
       COUNT, size);
    if (!methods)
        return;
    for (int i = 0; i < COUNT && all_right; i++) {
        size_t length = (size_t)i % (sizeof(name) - 1);
        LPCWSTR friendly = methods[i].FriendlyName;

        if (methods[i].DeviceId != (DWORD)i || !friendly || friendly[length] != 0 ||
            (length > 0 && friendly[length - 1] != (WCHAR)('a' + i % 26)) ||
            !points_into(friendly, methods, COUNT * sizeof(FAX_ROUTING_METHODW), size) ||
            methods[i].Guid[0] != '{')
            all_right = false;
    }
    ok(all_right, "every entry reads back after the arena grew");
    FaxFreeBuffer(methods);
}

int main(void)
{
    test_ansi_ports();
    test_wide_jobs();
    test_exact_size();
    test_empty_and_errors();
    test_large_listing();
    return tap_finish();
}
