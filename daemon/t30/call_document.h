/* SPDX-License-Identifier: GPL-2.0 */
/* The document a call sends: taking it over from an fd, and checking it before dialling. */
#ifndef FAXD_T30_CALL_DOCUMENT_H
#define FAXD_T30_CALL_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Copy what @fd holds, from offset 0 when it is seekable (without moving its
 * offset) or from where it stands when it is a pipe, into a new sealed
 * memory file. Returns that file's fd (close-on-exec), or a negative errno
 * (-EFBIG if the content is larger than @max_bytes).
 */
int call_document_snapshot(int fd, uint64_t max_bytes);

/*
 * A memory file sealed against writing, growing and shrinking: its content
 * is fixed and reading it cannot block, so it is used without a copy.
 */
bool call_document_is_sealed(int fd);
/* The copy of call_document_snapshot, into @to_fd: 0, or a negative errno. */
int call_document_copy(int from_fd, int to_fd, uint64_t max_bytes);
/* Seal a memory file made with MFD_ALLOW_SEALING for good: 0, or a negative errno. */
int call_document_seal(int fd);

/*
 * The name under which libraries that only take a path (spandsp, libtiff)
 * reach the file behind @fd. Returns 0, or -ENAMETOOLONG if @size is too
 * small.
 */
int call_document_fd_path(int fd, char *path, size_t size);

#define CALL_DOCUMENT_STRINGIFY_VALUE(x) #x
#define CALL_DOCUMENT_STRINGIFY(x) CALL_DOCUMENT_STRINGIFY_VALUE(x)

/*
 * Check that @path is a TIFF with at least one bilevel page, the way
 * spandsp will need it, of at most FAX_CALL_MAX_DOCUMENT_PAGES pages of at
 * most FAX_CALL_MAX_PAGE_ROWS rows each (from the directories: no row is
 * decoded). Returns T30_ERR_OK (0) and the page count in @pages, or the
 * spandsp T30_ERR_* code that describes the problem and, in @problem, the
 * problem in words (static storage).
 */
int call_document_inspect(const char *path, int *pages, const char **problem);

#endif
