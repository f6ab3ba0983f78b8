/* SPDX-License-Identifier: GPL-2.0 */
/* The document a call sends: taking it over from an fd, and checking it before dialling. */
#ifndef FAXD_T30_CALL_DOCUMENT_H
#define FAXD_T30_CALL_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Copy what @fd holds, from offset 0 when it is seekable (without moving its
 * offset) or from where it stands when it is a pipe, into a new sealed
 * memory file. Returns that file's fd (close-on-exec), or -1 with errno set
 * (EFBIG if the content is larger than @max_bytes).
 */
int call_document_snapshot(int fd, uint64_t max_bytes);

/*
 * The name under which libraries that only take a path (spandsp, libtiff)
 * reach the file behind @fd. Returns 0, or -1 if @size is too small.
 */
int call_document_fd_path(int fd, char *path, size_t size);

/*
 * Check that @path is a TIFF with at least one bilevel page, the way
 * spandsp will need it. Returns T30_ERR_OK (0) and the page count in
 * @pages, or the spandsp T30_ERR_* code that describes the problem.
 */
int call_document_inspect(const char *path, int *pages);

#endif
