/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h: the Test Anything Protocol lines of the daemon's host tests. Each
 * test program prints its plan ("1..N"), calls ok() once per check, and
 * returns tap_exit_status() from main().
 */
#ifndef DAEMON_TESTS_TAP_H
#define DAEMON_TESTS_TAP_H

#include <stdbool.h>
#include <stdio.h>

static int tap_test_number;
static int tap_failures;

static inline void ok(bool passed, const char *name)
{
	tap_test_number++;
	if (!passed)
		tap_failures++;
	printf("%s %d - %s\n", passed ? "ok" : "not ok", tap_test_number, name);
}

/* Also prints the totals, as a TAP comment. */
static inline int tap_exit_status(void)
{
	printf("# %d passed, %d failed\n", tap_test_number - tap_failures, tap_failures);
	return tap_failures ? 1 : 0;
}

#endif
