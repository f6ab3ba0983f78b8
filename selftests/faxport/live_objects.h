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

#endif /* FAXPORT_LIVE_OBJECTS_H */
