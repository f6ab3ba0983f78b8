/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * TAP for the Windows programs of wine/tests (built with MinGW-w64, run
 * under Wine): the tree's tests/lib/tap.h is for Linux programs. Each
 * program prints its own plan and ends with `return failures != 0;`.
 */
#ifndef WINFAX_WINE_TESTS_WINDOWS_TAP_H
#define WINFAX_WINE_TESTS_WINDOWS_TAP_H

#include <windows.h>
#include <stdio.h>

static int test_number;
static int failures;

static void ok(BOOL condition, const char *what)
{
    test_number++;
    printf("%s %d - %s\n", condition ? "ok" : "not ok", test_number, what);
    if (!condition)
        failures++;
}

/* A GetLastError code (or any DWORD) against the one expected. */
static void is_code(DWORD got, DWORD expected, const char *what)
{
    ok(got == expected, what);
    if (got != expected)
        printf("#   got %lu, expected %lu\n", (unsigned long)got, (unsigned long)expected);
}

#endif
