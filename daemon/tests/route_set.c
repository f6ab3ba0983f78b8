// SPDX-License-Identifier: GPL-2.0
/*
 * route_set: turn a port's "run a command" routing method on with the
 * routing info given, the way FaxSetRoutingInfo and FaxEnableRoutingMethod
 * do (a MODIFY port handle, FAX_PORT_SET): what any fax administrator can
 * store. Prints the driver's answer; exit 0 if it took the info, 1 if not.
 * With --off the method goes back to the module's default (off, no info):
 * routing settings live as long as the port, so a test that had faxd
 * install a command leaves the next test the port as it found it.
 * usage: route_set PORT INFO|--off
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "faxport_client.h"

static const unsigned char run_command_guid[16] = FAXPORT_ROUTING_GUID_RUN_COMMAND;

/* @error: a negative errno, as the client layer returns it. */
static int fail(const char *what, int error)
{
	printf("route_set: %s: %s\n", what, strerror(-error));
	return 1;
}

int main(int argc, char **argv)
{
	struct faxport_port_bind bind = { .mode = FAXPORT_OPEN_MODIFY };
	struct faxport_routing_set set = {
		.flags = FAXPORT_ROUTING_SET_ENABLED | FAXPORT_ROUTING_SET_INFO,
		.enabled = 1,
	};
	char path[FAXPORT_PORT_NODE_PATH_SIZE];
	char *end;
	unsigned long device_id;
	int server, port, error;

	if (argc != 3 || strlen(argv[2]) >= sizeof(set.info)) {
		fprintf(stderr, "usage: route_set PORT INFO|--off\n");
		return 2;
	}
	errno = 0;
	device_id = strtoul(argv[1], &end, 10);
	if (errno || end == argv[1] || *end || device_id > UINT32_MAX) {
		fprintf(stderr, "usage: route_set PORT INFO|--off\n");
		return 2;
	}
	server = faxport_open_server();
	if (server < 0)
		return fail(FAXPORT_SERVER_NODE, server);
	faxport_port_node_path((uint32_t)device_id, path);
	port = faxport_open_port_node((uint32_t)device_id);
	if (port < 0)
		return fail(path, port);
	bind.server_fd = server;
	error = faxport_ioctl(port, FAXPORT_IOC_PORT_BIND, &bind);
	if (error)
		return fail("PORT_BIND", error);
	memcpy(set.guid, run_command_guid, sizeof(set.guid));
	if (strcmp(argv[2], "--off"))
		strcpy(set.info, argv[2]);
	else
		set.enabled = 0;
	error = faxport_ioctl(port, FAXPORT_IOC_ROUTING_SET, &set);
	if (error)
		return fail("ROUTING_SET", error);
	if (set.enabled)
		printf("route_set: port %s runs '%s'\n", argv[1], argv[2]);
	else
		printf("route_set: port %s runs no command\n", argv[1]);
	close(port);
	close(server);
	return 0;
}
