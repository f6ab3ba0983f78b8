// SPDX-License-Identifier: GPL-2.0
#include "sysfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int compare_ids(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int faxd_sysfs_list_ports(uint32_t **ids_out)
{
	DIR *dir = opendir(FAXD_SYSFS_CLASS);
	uint32_t *ids = NULL;
	size_t count = 0, capacity = 0;
	struct dirent *entry;

	if (!dir)
		return -errno;
	while ((entry = readdir(dir))) {
		unsigned int id;
		char tail;

		/* Port nodes are faxport<N>; the server node has no number. */
		if (sscanf(entry->d_name, "faxport%u%c", &id, &tail) != 1)
			continue;
		if (count == capacity) {
			size_t new_capacity = capacity ? capacity * 2 : 8;
			uint32_t *grown = realloc(ids, new_capacity * sizeof(*ids));

			if (!grown) {
				free(ids);
				closedir(dir);
				return -ENOMEM;
			}
			ids = grown;
			capacity = new_capacity;
		}
		ids[count++] = id;
	}
	closedir(dir);
	if (count)
		qsort(ids, count, sizeof(*ids), compare_ids);
	*ids_out = ids;
	return (int)count;
}

int faxd_sysfs_read_text(uint32_t id, const char *name, char *text, size_t size)
{
	char path[128];
	ssize_t got;
	int fd;

	if (size < 1)
		return -EINVAL;
	if (snprintf(path, sizeof(path), FAXD_SYSFS_CLASS "/faxport%u/%s", id, name) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	got = read(fd, text, size - 1);
	if (got < 0) {
		int error = -errno;

		close(fd);
		return error;
	}
	close(fd);
	text[got] = '\0';
	text[strcspn(text, "\n")] = '\0';
	return 0;
}

int faxd_sysfs_read_uint(uint32_t id, const char *name, unsigned long *value)
{
	char text[32];
	char *end;
	int error = faxd_sysfs_read_text(id, name, text, sizeof(text));

	if (error)
		return error;
	errno = 0;
	*value = strtoul(text, &end, 0);
	if (errno || end == text || *end)
		return -EINVAL;
	return 0;
}
