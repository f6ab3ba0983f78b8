// SPDX-License-Identifier: GPL-2.0
/*
 * route_set: turn a port's "run a command" routing method on with the
 * routing info given, the way FaxSetRoutingInfo and FaxEnableRoutingMethod
 * do (a MODIFY port handle, FAX_PORT_SET): what any fax administrator can
 * store. Prints the driver's answer; exit 0 if it took the info, 1 if not.
 * usage: route_set PORT INFO
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

static const unsigned char run_command_guid[16] = FAXPORT_ROUTING_GUID_RUN_COMMAND;

static int fail(const char *what)
{
	printf("route_set: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	struct faxport_port_bind bind = { .mode = FAXPORT_OPEN_MODIFY };
	struct faxport_routing_set set = {
		.flags = FAXPORT_ROUTING_SET_ENABLED | FAXPORT_ROUTING_SET_INFO,
		.enabled = 1,
	};
	char path[64];
	int server, port;

	if (argc != 3 || strlen(argv[2]) >= sizeof(set.info)) {
		fprintf(stderr, "usage: route_set PORT INFO\n");
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
	memcpy(set.guid, run_command_guid, sizeof(set.guid));
	strcpy(set.info, argv[2]);
	if (ioctl(port, FAXPORT_IOC_ROUTING_SET, &set))
		return fail("ROUTING_SET");
	printf("route_set: port %s runs '%s'\n", argv[1], argv[2]);
	close(port);
	close(server);
	return 0;
}
