/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_log_levels: faxd follows the fax server's logging categories, the
 * ones FaxSetLoggingCategories sets (FAXPORT_IOC_LOGGING_SET), live: it
 * reads them from the kernel at start, once a second and when a call
 * starts, and hands them to faxd_log.
 */
#ifndef FAXD_LOG_LEVELS_H
#define FAXD_LOG_LEVELS_H

/* Read the levels now; a change is applied and logged. Never fails: when
 * the levels cannot be read, faxd logs by log_level alone (said once). */
void faxd_log_levels_refresh(void);
/* Close the server handle the levels are read through. */
void faxd_log_levels_close(void);

#endif
