/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_log_levels: faxd follows the fax server's logging categories, the
 * ones FaxSetLoggingCategories sets (FAXPORT_IOC_LOGGING_SET), live: it
 * reads them from the kernel at start, when the driver's netlink group
 * "config" says they were set, and when a call starts, and hands them to
 * faxd_log. With a driver that has no such group it reads them on the
 * caller's timer instead.
 */
#ifndef FAXD_LOG_LEVELS_H
#define FAXD_LOG_LEVELS_H

#include <stdbool.h>
#include <stddef.h>

/* Read the levels now; a change is applied and logged. Never fails: when
 * the levels cannot be read, faxd logs by log_level alone (said once). */
void faxd_log_levels_refresh(void);
/*
 * Subscribe to the driver's "config" notices, then read the levels (so
 * that no change falls between the two). Returns the socket to watch for
 * input, or -1 when there are no notices (logged): then the caller calls
 * faxd_log_levels_refresh() on a timer.
 */
int faxd_log_levels_watch(void);
/* The socket is readable: read its notices, and the levels if they were set. */
void faxd_log_levels_on_notice(void);
/*
 * Does this datagram of the "config" group (@family: the driver's generic
 * netlink family id) say that the logging levels may have been set? A
 * malformed or cut notice says yes: reading the levels again is harmless.
 */
bool faxd_config_notices_say_logging(const void *datagram, size_t length, int family);
/* Close the server handle and the socket. */
void faxd_log_levels_close(void);

#endif
