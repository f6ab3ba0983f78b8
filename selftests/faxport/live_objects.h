/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver's live object counts (debugfs, see driver/objects.c), for the
 * tests that check that whatever they did left nothing behind. Shared by
 * the selftests and libwinfax's client-fault test.
 */
#ifndef FAXPORT_LIVE_OBJECTS_H
#define FAXPORT_LIVE_OBJECTS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define LIVE_OBJECTS_FILE "/sys/kernel/debug/faxport/objects"

/* The counts as text ("server_handles 0\nport_files 0\n..."); 0 or -1. */
static inline int live_objects_read(char *text, size_t size)
{
	FILE *f;
	size_t n;

	if (access(LIVE_OBJECTS_FILE, R_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	f = fopen(LIVE_OBJECTS_FILE, "re");
	if (!f)
		return -1;
	n = fread(text, 1, size - 1, f);
	text[n] = '\0';
	fclose(f);
	return 0;
}

/*
 * Whether the counts are back at @baseline, allowing 5 s: a killed
 * process's files, a hung-up call and a deleted job go asynchronously.
 * @now gets the last reading.
 */
static inline bool live_objects_back(const char *baseline, char *now, size_t size)
{
	for (int tries = 0; tries < 50; tries++) {
		if (live_objects_read(now, size))
			return false;
		if (!strcmp(baseline, now))
			return true;
		usleep(100000);
	}
	return false;
}

/* One count of a reading (@name: "ports", "jobs", ...), or -1 if absent. */
static inline long live_objects_count(const char *text, const char *name)
{
	size_t length = strlen(name);

	for (const char *line = text; *line; ) {
		const char *end = strchr(line, '\n');

		if (!strncmp(line, name, length) && line[length] == ' ')
			return strtol(line + length + 1, NULL, 10);
		if (!end)
			break;
		line = end + 1;
	}
	return -1;
}

#endif /* FAXPORT_LIVE_OBJECTS_H */
