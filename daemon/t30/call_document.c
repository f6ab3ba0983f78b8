// SPDX-License-Identifier: GPL-2.0
#include "call_document.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spandsp.h>

#include "fax_call.h"
#include "full_write.h"

#define COPY_CHUNK_BYTES 65536

/* 0, or a negative errno (-EFBIG: more than @max_bytes). */
static int copy_content(int from_fd, int to_fd, uint64_t max_bytes)
{
	/* pread leaves the owner's file offset alone; pipes need plain read. */
	bool seekable = lseek(from_fd, 0, SEEK_CUR) >= 0;
	uint8_t *buffer = malloc(COPY_CHUNK_BYTES);
	uint64_t copied = 0;
	int result;

	if (!buffer)
		return -ENOMEM;
	for (;;) {
		ssize_t got = seekable ? pread(from_fd, buffer, COPY_CHUNK_BYTES, (off_t)copied)
				       : read(from_fd, buffer, COPY_CHUNK_BYTES);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			result = -errno;
			break;
		}
		if (got == 0) {
			result = 0;
			break;
		}
		if ((uint64_t)got > max_bytes - copied) {
			result = -EFBIG;
			break;
		}
		result = full_write(to_fd, buffer, (size_t)got);
		if (result)
			break;
		copied += (uint64_t)got;
	}
	free(buffer);
	return result;
}

bool call_document_is_sealed(int fd)
{
	int seals = fcntl(fd, F_GET_SEALS);

	return seals >= 0 &&
	       (seals & (F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW)) ==
	       (F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW);
}

int call_document_copy(int from_fd, int to_fd, uint64_t max_bytes)
{
	return copy_content(from_fd, to_fd, max_bytes);
}

int call_document_seal(int fd)
{
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL))
		return -errno;
	return 0;
}

int call_document_snapshot(int fd, uint64_t max_bytes)
{
	int memory_fd;
	int error;
	struct stat status;

	/* Nobody can change a sealed memory file, and reading it cannot block: no copy. */
	if (call_document_is_sealed(fd)) {
		if (fstat(fd, &status))
			return -errno;
		if ((uint64_t)status.st_size > max_bytes)
			return -EFBIG;
		memory_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
		return memory_fd < 0 ? -errno : memory_fd;
	}
	memory_fd = memfd_create("faxd-document", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (memory_fd < 0)
		return -errno;
	error = copy_content(fd, memory_fd, max_bytes);
	/* The snapshot is the document: nothing may change it from here on. */
	if (!error)
		error = call_document_seal(memory_fd);
	if (error) {
		close(memory_fd);
		return error;
	}
	return memory_fd;
}

int call_document_fd_path(int fd, char *path, size_t size)
{
	int length = snprintf(path, size, "/proc/self/fd/%d", fd);

	return length < 0 || (size_t)length >= size ? -ENAMETOOLONG : 0;
}

/* libtiff's complaints are summed up by the T.30 code we return instead. */
static int ignore_tiff_message(TIFF *tif, void *user_data, const char *module,
			       const char *format, va_list args)
{
	(void)tif;
	(void)user_data;
	(void)module;
	(void)format;
	(void)args;
	return 1;
}

static int inspect_page(TIFF *tif, const char **problem)
{
	uint32_t width = 0, length = 0;
	uint16_t bits_per_sample = 1, samples_per_pixel = 1;

	if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) ||
	    !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &length) || !width || !length)
		return T30_ERR_BADTAG;
	/*
	 * spandsp decodes and encodes a whole page when it starts sending it,
	 * in the audio loop: the length the directory declares bounds that
	 * work, and is known without decoding a row.
	 */
	if (length > FAX_CALL_MAX_PAGE_ROWS) {
		*problem = "a page is longer than " CALL_DOCUMENT_STRINGIFY(FAX_CALL_MAX_PAGE_ROWS)
			   " rows";
		return T30_ERR_BADTIFF;
	}
	TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits_per_sample);
	TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples_per_pixel);
	if (bits_per_sample != 1 || samples_per_pixel != 1)
		return T30_ERR_BADTIFF;
	return T30_ERR_OK;
}

int call_document_inspect(const char *path, int *pages, const char **problem)
{
	TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
	TIFF *tif;
	int result = T30_ERR_OK;
	int count = 0;

	*pages = 0;
	*problem = NULL;
	if (!options)
		return T30_ERR_NOMEM;
	TIFFOpenOptionsSetErrorHandlerExtR(options, ignore_tiff_message, NULL);
	TIFFOpenOptionsSetWarningHandlerExtR(options, ignore_tiff_message, NULL);

	/* A file that does not open as a TIFF at all is "cannot be opened" to T.30. */
	tif = TIFFOpenExt(path, "r", options);
	TIFFOpenOptionsFree(options);
	if (!tif) {
		*problem = "not a TIFF file";
		return T30_ERR_FILEERROR;
	}

	do {
		if (count == FAX_CALL_MAX_DOCUMENT_PAGES) {
			*problem = "the document has more than "
				   CALL_DOCUMENT_STRINGIFY(FAX_CALL_MAX_DOCUMENT_PAGES) " pages";
			result = T30_ERR_BADTIFF;
			break;
		}
		result = inspect_page(tif, problem);
		count++;
	} while (result == T30_ERR_OK && TIFFReadDirectory(tif));
	if (result != T30_ERR_OK && !*problem)
		*problem = "not a bilevel TIFF fax spandsp can send";

	TIFFClose(tif);
	if (result == T30_ERR_OK)
		*pages = count;
	return result;
}
