// SPDX-License-Identifier: GPL-2.0
/*
 * port_flags: set a port's FPF flags and rings the way FaxSetPort does
 * (server handle, API handshake, PORT_BIND with PORT_OPEN_MODIFY,
 * PORT_GET, PORT_SET), so that tests can turn receiving and sending off
 * and on.
 * usage: port_flags PORT [receive|noreceive] [send|nosend] [rings N]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

static int fail(const char *what)
{
	fprintf(stderr, "port_flags: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	struct faxport_port_bind bind = { .mode = FAXPORT_OPEN_MODIFY };
	struct faxport_port_info info;
	struct faxport_port_config config = { 0 };
	char path[64];
	int server, port, status;

	if (argc < 3) {
		fprintf(stderr, "usage: port_flags PORT [receive|noreceive] [send|nosend] [rings N]\n");
		return 2;
	}
	server = open("/dev/faxport", O_RDWR | O_CLOEXEC);
	if (server < 0)
		return fail("/dev/faxport");
	if (ioctl(server, FAXPORT_IOC_API, &api))
		return fail("API");
	snprintf(path, sizeof(path), "/dev/faxport%s", argv[1]);
	port = open(path, O_RDWR | O_CLOEXEC);
	if (port < 0)
		return fail(path);
	bind.server_fd = server;
	if (ioctl(port, FAXPORT_IOC_PORT_BIND, &bind))
		return fail("PORT_BIND");
	if (ioctl(port, FAXPORT_IOC_PORT_GET, &info))
		return fail("PORT_GET");
	config.flags = info.flags & (FAXPORT_PORT_RECEIVE | FAXPORT_PORT_SEND);
	config.rings = info.rings;
	config.priority = info.priority;
	memcpy(config.tsid, info.tsid, sizeof(config.tsid));
	memcpy(config.csid, info.csid, sizeof(config.csid));
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "receive")) {
			config.flags |= FAXPORT_PORT_RECEIVE;
		} else if (!strcmp(argv[i], "noreceive")) {
			config.flags &= ~FAXPORT_PORT_RECEIVE;
		} else if (!strcmp(argv[i], "send")) {
			config.flags |= FAXPORT_PORT_SEND;
		} else if (!strcmp(argv[i], "nosend")) {
			config.flags &= ~FAXPORT_PORT_SEND;
		} else if (!strcmp(argv[i], "rings") && i + 1 < argc) {
			config.rings = (unsigned int)atoi(argv[++i]);
		} else {
			fprintf(stderr, "port_flags: unknown '%s'\n", argv[i]);
			return 2;
		}
	}
	status = ioctl(port, FAXPORT_IOC_PORT_SET, &config) ? fail("PORT_SET") : 0;
	close(port);
	close(server);
	return status;
}
