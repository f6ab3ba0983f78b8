// SPDX-License-Identifier: GPL-2.0
#include "server_config.h"

#include <unistd.h>

#include "faxport_client.h"

int faxd_server_config_read(struct faxport_config *config)
{
	/* A handle per read: once a job, and it cannot go stale across a module reload. */
	int server = faxport_open_server();
	int error;

	if (server < 0)
		return server;
	error = faxport_ioctl(server, FAXPORT_IOC_CONFIG_GET, config);
	close(server);
	return error;
}
