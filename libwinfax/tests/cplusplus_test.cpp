// SPDX-License-Identifier: LGPL-2.1-or-later
//
// winfax.h from C++ (many Windows fax programs are C++): it compiles under
// -Werror, the declarations have C linkage (the program links against
// libwinfax.so and calls into it), and the layouts are the C ones.
#include <cstddef>
#include <cstdio>
#include <type_traits>

#include "winfax.h"
#include "microsoft_reference.h"

static int test_count;
static int failure_count;

static void check(bool passed, const char *description)
{
    ++test_count;
    if (!passed)
        ++failure_count;
    std::printf("%s %d - %s\n", passed ? "ok" : "not ok", test_count, description);
}

int main()
{
    check(std::is_same<WCHAR, char16_t>::value, "WCHAR is char16_t in C++");
    check(sizeof(FAX_JOB_PARAMW) == 136, "sizeof(FAX_JOB_PARAMW) == 136");
    check(offsetof(FAX_JOB_PARAMW, Reserved) == 112, "FAX_JOB_PARAMW.Reserved at 112");
    check(sizeof(FAX_DEVICE_STATUSW) == 144, "sizeof(FAX_DEVICE_STATUSW) == 144");
    check(sizeof(FAX_COVERPAGE_INFOA) == 240, "sizeof(FAX_COVERPAGE_INFOA) == 240");
    check(sizeof(FAX_CONTEXT_INFOW) == 48, "sizeof(FAX_CONTEXT_INFOW) == 48");
    check(std::is_same<decltype(&FaxConnectFaxServerW), PFAXCONNECTFAXSERVERW>::value,
          "FaxConnectFaxServerW matches PFAXCONNECTFAXSERVERW");
    // In C++ an enumerator has its enum's type: each SDK enum type name
    // (microsoft_reference.h) is the type of its members.
#define CHECK_ENUM_MEMBER(type, member)                                                   \
    check(std::is_enum<type>::value && std::is_same<decltype(member), type>::value,       \
          #member " is a " #type);
    MS_REFERENCE_ENUM_TYPES(CHECK_ENUM_MEMBER)
#undef CHECK_ENUM_MEMBER

    // Calls through the C-linkage declarations: a C++-mangled name would
    // not link.
    SetLastError(ERROR_BAD_UNIT);
    check(GetLastError() == ERROR_BAD_UNIT, "GetLastError/SetLastError link with C linkage");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 0);
    check(port != nullptr, "CreateIoCompletionPort from C++");
    check(PostQueuedCompletionStatus(port, 5, 6, nullptr) != FALSE, "PostQueuedCompletionStatus");
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED overlapped = nullptr;
    check(GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 0) != FALSE && bytes == 5 &&
              key == 6,
          "GetQueuedCompletionStatus");
    check(CloseHandle(port) != FALSE, "CloseHandle");
    FaxFreeBuffer(nullptr);

    static const TCHAR sample[] = TEXT("fax");
    check(sizeof(sample) == 4 * sizeof(TCHAR), "TEXT() in C++");

    std::printf("1..%d\n", test_count);
    return failure_count == 0 ? 0 : 1;
}
