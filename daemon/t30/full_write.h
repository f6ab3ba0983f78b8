/* SPDX-License-Identifier: GPL-2.0 */
/*
 * full_write: write(2) until every byte is out, for the pipes and files
 * the daemons fill (documents, archive records, mails to a helper), where
 * a short write is normal and EINTR is not an error.
 */
#ifndef FAXD_T30_FULL_WRITE_H
#define FAXD_T30_FULL_WRITE_H

#include <stddef.h>

/* Returns 0, or a negative errno (-EIO if write(2) wrote nothing without an error). */
int full_write(int fd, const void *data, size_t length);

#endif
