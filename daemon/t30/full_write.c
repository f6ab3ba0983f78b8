// SPDX-License-Identifier: GPL-2.0
#include "full_write.h"

#include <errno.h>
#include <unistd.h>

int full_write(int fd, const void *data, size_t length)
{
	const char *next = data;

	while (length) {
		ssize_t written = write(fd, next, length);

		if (written < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/* Only a zero-length write may return 0: never loop on it. */
		if (written == 0)
			return -EIO;
		next += written;
		length -= (size_t)written;
	}
	return 0;
}
