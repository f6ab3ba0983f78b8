/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A minimal TAP producer for the host tests: "ok N - ..." / "not ok N - ...",
 * diagnostics as "# ..." lines, the "1..N" plan at the end, and an exit
 * status that is non-zero when anything failed.
 */
#ifndef LIBWINFAX_TESTS_TAP_H
#define LIBWINFAX_TESTS_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int tap_test_count;
static int tap_failure_count;

__attribute__((unused))
static bool tap_report(bool passed, const char *file, int line, const char *format,
                       va_list arguments)
{
    tap_test_count++;
    printf("%s %d - ", passed ? "ok" : "not ok", tap_test_count);
    vprintf(format, arguments);
    printf("\n");
    if (!passed) {
        tap_failure_count++;
        printf("#   failed at %s:%d\n", file, line);
    }
    fflush(stdout);
    return passed;
}

__attribute__((format(printf, 4, 5), unused))
static bool tap_ok(bool passed, const char *file, int line, const char *format, ...)
{
    va_list arguments;
    bool result;

    va_start(arguments, format);
    result = tap_report(passed, file, line, format, arguments);
    va_end(arguments);
    return result;
}

__attribute__((format(printf, 6, 7), unused))
static bool tap_equal(uintmax_t got, uintmax_t expected, const char *file, int line,
                      const char *unused, const char *format, ...)
{
    va_list arguments;
    bool passed = got == expected;

    (void)unused;
    va_start(arguments, format);
    tap_report(passed, file, line, format, arguments);
    va_end(arguments);
    if (!passed)
        printf("#   got %ju (0x%jx), expected %ju (0x%jx)\n", got, got, expected, expected);
    return passed;
}

__attribute__((format(printf, 1, 2)))
__attribute__((unused))
static void tap_diag(const char *format, ...)
{
    va_list arguments;

    va_start(arguments, format);
    printf("# ");
    vprintf(format, arguments);
    printf("\n");
    va_end(arguments);
}

__attribute__((unused))
static int tap_finish(void)
{
    printf("1..%d\n", tap_test_count);
    return tap_failure_count == 0 && tap_test_count > 0 ? 0 : 1;
}

#define ok(condition, ...) tap_ok((condition) ? true : false, __FILE__, __LINE__, __VA_ARGS__)
#define is_equal(got, expected, ...) \
    tap_equal((uintmax_t)(got), (uintmax_t)(expected), __FILE__, __LINE__, "", __VA_ARGS__)

#endif
