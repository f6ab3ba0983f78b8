// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host tests of faxport_client.h: what it does without the driver (the
 * VM's API tests, selftests and end-to-end tests use it with the driver).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "faxport_client.h"
#include "tap.h"


static void test_node_path_is_the_device_id_in_decimal(void)
{
	static const struct {
		uint32_t id;
		const char *path;
	} cases[] = {
		/* The smallest, each side of the digit-count boundaries, the
		 * driver's largest port and the largest DeviceId. */
		{ 0, "/dev/faxport0" },
		{ 1, "/dev/faxport1" },
		{ 7, "/dev/faxport7" },
		{ 9, "/dev/faxport9" },
		{ 10, "/dev/faxport10" },
		{ 1024, "/dev/faxport1024" },
		{ 4095, "/dev/faxport4095" },
		{ 999999999, "/dev/faxport999999999" },
		{ 1000000000, "/dev/faxport1000000000" },
		{ UINT32_MAX, "/dev/faxport4294967295" },
	};
	/* A guard byte after the room the header sizes: never written. */
	char path[FAXPORT_PORT_NODE_PATH_SIZE + 1];
	int all = 1;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(path, 'x', sizeof(path));
		faxport_port_node_path(cases[i].id, path);
		if (strcmp(path, cases[i].path) || path[FAXPORT_PORT_NODE_PATH_SIZE] != 'x') {
			printf("# %u gave %.*s\n", cases[i].id, (int)sizeof(path), path);
			all = 0;
		}
	}
	ok(all, "a port's node path is /dev/faxport and its DeviceId in decimal, up to UINT32_MAX, "
		"within FAXPORT_PORT_NODE_PATH_SIZE");
}

static void test_errors_are_negative_errnos(void)
{
	struct stat st;
	struct faxport_port_info *infos;
	uint32_t count;
	void *entries = NULL;
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (stat(FAXPORT_SERVER_NODE, &st) == 0) {
		tap_skip(FAXPORT_SERVER_NODE " exists on this host",
			 "connecting without the driver loaded: -ENOENT");
		tap_skip(FAXPORT_SERVER_NODE " exists on this host",
			 "connecting for the handshake's answer without the driver: -ENOENT");
	} else {
		struct faxport_api api;

		ok(faxport_open_server() == -ENOENT,
		   "connecting without the driver loaded: -ENOENT");
		ok(faxport_open_server_api(&api) == -ENOENT,
		   "connecting for the handshake's answer without the driver: -ENOENT");
	}
	ok(faxport_ioctl(fd, FAXPORT_IOC_API, &(struct faxport_api){ 0 }) == -ENOTTY,
	   "a faxport ioctl on another device: -ENOTTY, not -1");
	ok(faxport_list(fd, FAXPORT_IOC_PORT_LIST, sizeof(*infos), 8, FAXPORT_PORTS_MAX,
			&entries, &count) == -ENOTTY && entries == NULL,
	   "a list on another device: -ENOTTY, and nothing handed out");
	close(fd);
}

int main(void)
{
	tap_plan(5);
	test_node_path_is_the_device_id_in_decimal();
	test_errors_are_negative_errnos();
	return tap_finish();
}
