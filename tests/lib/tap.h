/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tap.h: the Test Anything Protocol lines of every C host test in the tree
 * (libfaxport, libwinfax, the daemon, faxctl). Header-only, so a test needs
 * nothing but -I$(TOP)/tests/lib.
 *
 *	tap_plan(N);			"1..N" first, when the count is known
 *	ok(condition, "format", ...);	"ok N - ..." or "not ok N - ..."
 *	is_equal(got, expected, "format", ...);	the same, with got/expected on failure
 *	tap_skip("why", "format", ...);	"ok N - ... # SKIP why"
 *	tap_diag("format", ...);	"# ..."
 *	return tap_finish();		the plan when none came first, the totals
 *
 * tap_finish() returns the exit status: 0 only when something ran, nothing
 * failed and the plan given first (if any) matches what ran. A program that
 * cannot run at all returns tap_skip_all("why") instead.
 *
 * What CI reads (tools/tap-summary, libwinfax/tests/run_tap.sh): lines that
 * start with "ok ", "not ok " and "1..N"; everything this adds is a "#" line.
 */
#ifndef TESTS_LIB_TAP_H
#define TESTS_LIB_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

static unsigned int tap_test_count;
static unsigned int tap_failure_count;
/* -1 until tap_plan(): the plan then goes at the end. */
static long tap_planned = -1;

__attribute__((unused))
static void tap_plan(unsigned int count)
{
	tap_planned = count;
	printf("1..%u\n", count);
	fflush(stdout);
}

__attribute__((unused))
static int tap_skip_all(const char *reason)
{
	printf("1..0 # SKIP %s\n", reason);
	fflush(stdout);
	return 0;
}

__attribute__((format(printf, 1, 0), unused))
static void tap_vdiag(const char *format, va_list arguments)
{
	printf("# ");
	vprintf(format, arguments);
	printf("\n");
	fflush(stdout);
}

__attribute__((format(printf, 1, 2), unused))
static void tap_diag(const char *format, ...)
{
	va_list arguments;

	va_start(arguments, format);
	tap_vdiag(format, arguments);
	va_end(arguments);
}

__attribute__((format(printf, 4, 0), unused))
static bool tap_vreport(bool passed, const char *file, int line, const char *format,
			va_list arguments)
{
	tap_test_count++;
	printf("%s %u - ", passed ? "ok" : "not ok", tap_test_count);
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
	result = tap_vreport(passed, file, line, format, arguments);
	va_end(arguments);
	return result;
}

__attribute__((format(printf, 5, 6), unused))
static bool tap_equal(uintmax_t got, uintmax_t expected, const char *file, int line,
		      const char *format, ...)
{
	va_list arguments;
	bool passed = got == expected;

	va_start(arguments, format);
	tap_vreport(passed, file, line, format, arguments);
	va_end(arguments);
	if (!passed)
		printf("#   got %ju (0x%jx), expected %ju (0x%jx)\n", got, got, expected, expected);
	return passed;
}

/* A check that was not run, and why: it counts as passed, so the plan holds. */
__attribute__((format(printf, 2, 3), unused))
static void tap_skip(const char *reason, const char *format, ...)
{
	va_list arguments;

	tap_test_count++;
	printf("ok %u - ", tap_test_count);
	va_start(arguments, format);
	vprintf(format, arguments);
	va_end(arguments);
	printf(" # SKIP %s\n", reason);
	fflush(stdout);
}

__attribute__((unused))
static int tap_finish(void)
{
	bool plan_kept = tap_planned < 0 || tap_planned == (long)tap_test_count;

	if (tap_planned < 0)
		printf("1..%u\n", tap_test_count);
	else if (!plan_kept)
		printf("# planned %ld, ran %u\n", tap_planned, tap_test_count);
	printf("# %u passed, %u failed\n", tap_test_count - tap_failure_count, tap_failure_count);
	fflush(stdout);
	return tap_failure_count == 0 && tap_test_count > 0 && plan_kept ? 0 : 1;
}

#define ok(condition, ...) tap_ok((condition) ? true : false, __FILE__, __LINE__, __VA_ARGS__)
#define is_equal(got, expected, ...) \
	tap_equal((uintmax_t)(got), (uintmax_t)(expected), __FILE__, __LINE__, __VA_ARGS__)

#endif /* TESTS_LIB_TAP_H */
