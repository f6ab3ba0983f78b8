// SPDX-License-Identifier: GPL-2.0
/*
 * loopback_ports: adds ports to the loopback exchange, or removes them, for
 * the end-to-end tests that run several calls at once and need more than
 * the module's four ports. An admin operation (FAXPORT_IOC_PORT_ADD, needs
 * CAP_NET_ADMIN); the Win32 fax API has no way to create a port.
 *
 * Usage: loopback_ports add COUNT     prints each new DeviceId on a line;
 *                                     its number is the DeviceId
 *        loopback_ports remove ID...
 * Exit status 0 only if every port was added or removed; on a failure
 * during "add", the ports already added are removed again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

/* A handful of calls at once is what the tests need; this bounds a typo. */
#define ADD_MAX 64

static int server_connect(void)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	int fd = open("/dev/faxport", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "loopback_ports: cannot open /dev/faxport: %s\n",
			strerror(errno));
		return -1;
	}
	if (ioctl(fd, FAXPORT_IOC_API, &api)) {
		fprintf(stderr, "loopback_ports: API handshake failed: %s\n",
			strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int remove_port(int server, __u32 device_id)
{
	struct faxport_port_remove remove = { .device_id = device_id };

	if (ioctl(server, FAXPORT_IOC_PORT_REMOVE, &remove)) {
		fprintf(stderr, "loopback_ports: cannot remove port %u: %s\n",
			device_id, strerror(errno));
		return -1;
	}
	return 0;
}

/* Parses a decimal number in [min, max] or returns -1. */
static long parse_count(const char *text, long min, long max)
{
	char *end;
	long value;

	errno = 0;
	value = strtol(text, &end, 10);
	if (errno || end == text || *end || value < min || value > max)
		return -1;
	return value;
}

static int add_ports(int server, long count)
{
	__u32 added[ADD_MAX];
	long i;

	for (i = 0; i < count; i++) {
		struct faxport_port_add add = { 0 };

		if (ioctl(server, FAXPORT_IOC_PORT_ADD, &add)) {
			fprintf(stderr, "loopback_ports: cannot add a port: %s\n",
				strerror(errno));
			while (i > 0)
				remove_port(server, added[--i]);
			return 1;
		}
		added[i] = add.device_id;
	}
	for (i = 0; i < count; i++)
		printf("%u\n", added[i]);
	return fflush(stdout) ? 1 : 0;
}

static int remove_ports(int server, int argc, char **argv)
{
	int status = 0;
	int i;

	for (i = 0; i < argc; i++) {
		long id = parse_count(argv[i], 1, 0xffffffffL);

		if (id < 0) {
			fprintf(stderr, "loopback_ports: '%s' is not a DeviceId\n",
				argv[i]);
			status = 1;
		} else if (remove_port(server, (__u32)id)) {
			status = 1;
		}
	}
	return status;
}

static int usage(void)
{
	fprintf(stderr, "usage: loopback_ports add COUNT (1..%d)\n"
			"       loopback_ports remove ID...\n", ADD_MAX);
	return 2;
}

int main(int argc, char **argv)
{
	long count = -1;
	int server, status;

	if (argc == 3 && !strcmp(argv[1], "add")) {
		count = parse_count(argv[2], 1, ADD_MAX);
		if (count < 0)
			return usage();
	} else if (argc < 3 || strcmp(argv[1], "remove")) {
		return usage();
	}
	server = server_connect();
	if (server < 0)
		return 1;
	if (count > 0)
		status = add_ports(server, count);
	else
		status = remove_ports(server, argc - 2, argv + 2);
	close(server);
	return status;
}
