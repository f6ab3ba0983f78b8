// SPDX-License-Identifier: GPL-2.0
/*
 * faxinfo: what the running fax server offers, as a newcomer would ask it:
 * connect, shake hands, and report. It grows with the uAPI.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

static const char server_node[] = "/dev/faxport";

int main(int argc, char **argv)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	int fd;

	if (argc > 1) {
		fprintf(stderr, "usage: %s\n"
			"Connects to %s and prints what the fax server offers.\n",
			argv[0], server_node);
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	fd = open(server_node, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "faxinfo: cannot open %s: %s%s\n", server_node,
			strerror(errno),
			errno == ENOENT ? " (is faxport.ko loaded?)" : "");
		return 1;
	}
	if (ioctl(fd, FAXPORT_IOC_API, &api) < 0) {
		fprintf(stderr, "faxinfo: handshake with %s failed: %s\n",
			server_node, strerror(errno));
		close(fd);
		return 1;
	}
	printf("fax server:   %s\n", server_node);
	printf("uAPI version: %u\n", api.version);
	printf("features:     0x%llx\n", (unsigned long long)api.features);
	close(fd);
	return 0;
}
