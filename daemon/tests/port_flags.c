// SPDX-License-Identifier: GPL-2.0
/*
 * port_flags: set a port's FPF flags and rings the way FaxSetPort does
 * (server handle, API handshake, PORT_BIND with PORT_OPEN_MODIFY,
 * PORT_GET, PORT_SET), so that tests can turn receiving and sending off
 * and on.
 * usage: port_flags PORT [receive|noreceive] [send|nosend] [rings N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "faxport_client.h"

/* @error: a negative errno, as the client layer returns it. */
static int fail(const char *what, int error)
{
	fprintf(stderr, "port_flags: %s: %s\n", what, strerror(-error));
	return 1;
}

int main(int argc, char **argv)
{
	struct faxport_port_bind bind = { .mode = FAXPORT_OPEN_MODIFY };
	struct faxport_port_info info;
	struct faxport_port_config config = { 0 };
	char path[FAXPORT_PORT_NODE_PATH_SIZE];
	char *end;
	unsigned long device_id;
	int server, port, error;

	if (argc < 3) {
		fprintf(stderr, "usage: port_flags PORT [receive|noreceive] [send|nosend] [rings N]\n");
		return 2;
	}
	server = faxport_open_server();
	if (server < 0)
		return fail(FAXPORT_SERVER_NODE, server);
	errno = 0;
	device_id = strtoul(argv[1], &end, 10);
	if (errno || end == argv[1] || *end || device_id > UINT32_MAX) {
		fprintf(stderr, "port_flags: '%s' is not a port number\n", argv[1]);
		return 2;
	}
	faxport_port_node_path((uint32_t)device_id, path);
	port = faxport_open_port_node((uint32_t)device_id);
	if (port < 0)
		return fail(path, port);
	bind.server_fd = server;
	error = faxport_ioctl(port, FAXPORT_IOC_PORT_BIND, &bind);
	if (error)
		return fail("PORT_BIND", error);
	error = faxport_ioctl(port, FAXPORT_IOC_PORT_GET, &info);
	if (error)
		return fail("PORT_GET", error);
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
	error = faxport_ioctl(port, FAXPORT_IOC_PORT_SET, &config);
	close(port);
	close(server);
	return error ? fail("PORT_SET", error) : 0;
}
