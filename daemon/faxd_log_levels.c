// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_INIT
#include "faxd_log_levels.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "faxd_log.h"

#define FAXPORT_SERVER_NODE "/dev/faxport"

_Static_assert(FAXPORT_LOG_CATEGORIES == FAXD_LOG_CATEGORIES,
	       "the kernel's logging categories are faxd_log's");
_Static_assert(FAXPORT_LOG_LEVEL_MAX == FAXD_LOG_LEVEL_MAX,
	       "the kernel's logging levels are faxd_log's");

/* A server handle (FaxConnectFaxServer), kept open: one ioctl per read. */
static int server_fd = -1;
static bool failure_logged;
static bool levels_known;
static unsigned int current_levels[FAXD_LOG_CATEGORIES];

static void unavailable(const char *what)
{
	if (failure_logged)
		return;
	failure_logged = true;
	log_warning("cannot read the server's logging categories (%s: %s): logging by "
		    "log_level alone", what, strerror(errno));
}

static bool open_server(void)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };

	server_fd = open(FAXPORT_SERVER_NODE, O_RDWR | O_CLOEXEC);
	if (server_fd < 0) {
		unavailable(FAXPORT_SERVER_NODE);
		return false;
	}
	if (ioctl(server_fd, FAXPORT_IOC_API, &api)) {
		unavailable("FAXPORT_IOC_API");
		faxd_log_levels_close();
		return false;
	}
	return true;
}

void faxd_log_levels_refresh(void)
{
	struct faxport_logging logging;
	unsigned int levels[FAXD_LOG_CATEGORIES];

	if (server_fd < 0 && !open_server())
		return;
	if (ioctl(server_fd, FAXPORT_IOC_LOGGING_GET, &logging)) {
		unavailable("FAXPORT_IOC_LOGGING_GET");
		return;
	}
	for (int i = 0; i < FAXD_LOG_CATEGORIES; i++)
		levels[i] = logging.level[i];
	if (levels_known && !memcmp(levels, current_levels, sizeof(levels)))
		return;
	memcpy(current_levels, levels, sizeof(levels));
	levels_known = true;
	failure_logged = false;
	faxd_log_set_category_levels(levels);
	log_notice("logging levels (0 none .. 3 max): init %u, outbound %u, inbound %u, unknown %u",
		   levels[0], levels[1], levels[2], levels[3]);
}

void faxd_log_levels_close(void)
{
	if (server_fd >= 0)
		close(server_fd);
	server_fd = -1;
}
