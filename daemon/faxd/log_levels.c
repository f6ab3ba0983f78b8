// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_INIT
#include "log_levels.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/faxport.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "../engine/log.h"
#include "faxport_client.h"

_Static_assert(FAXPORT_LOG_CATEGORIES == FAXD_LOG_CATEGORIES,
	       "the kernel's logging categories are faxd_log's");
_Static_assert(FAXPORT_LOG_LEVEL_MAX == FAXD_LOG_LEVEL_MAX,
	       "the kernel's logging levels are faxd_log's");

/* A server handle (FaxConnectFaxServer), kept open: one ioctl per read. */
static int server_fd = -1;
static bool failure_logged;
static bool levels_known;
static unsigned int current_levels[FAXD_LOG_CATEGORIES];

/* @error: a negative errno. */
static void unavailable(const char *what, int error)
{
	if (failure_logged)
		return;
	failure_logged = true;
	log_warning("cannot read the server's logging categories (%s: %s): logging by "
		    "log_level alone", what, strerror(-error));
}

void faxd_log_levels_refresh(void)
{
	struct faxport_logging logging;
	unsigned int levels[FAXD_LOG_CATEGORIES];
	int error;

	if (server_fd < 0) {
		server_fd = faxport_open_server();
		if (server_fd < 0) {
			unavailable(FAXPORT_SERVER_NODE, server_fd);
			server_fd = -1;
			return;
		}
	}
	error = faxport_ioctl(server_fd, FAXPORT_IOC_LOGGING_GET, &logging);
	if (error) {
		unavailable("FAXPORT_IOC_LOGGING_GET", error);
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

/*
 * The "config" notices: a notice is about 40 bytes. A datagram longer than
 * the buffer arrives cut short; its last message then fails nlmsg_ok() and
 * the datagram is read as "something was set".
 */
#define NOTICE_BUFFER_BYTES 4096

static struct nl_sock *notice_socket;
static int family_id;

static struct nla_policy notice_policy[FAXPORT_NL_A_MAX + 1] = {
	[FAXPORT_NL_A_CONFIG_CHANGED] = { .type = NLA_U32 },
};

bool faxd_config_notices_say_logging(const void *datagram, size_t length, int family)
{
	struct nlmsghdr *header = (struct nlmsghdr *)datagram;
	int remaining = length > INT_MAX ? INT_MAX : (int)length;
	bool logging_set = false;

	for (; nlmsg_ok(header, remaining); header = nlmsg_next(header, &remaining)) {
		struct nlattr *attributes[FAXPORT_NL_A_MAX + 1];

		if (header->nlmsg_type != family || !genlmsg_valid_hdr(header, 0) ||
		    ((struct genlmsghdr *)nlmsg_data(header))->cmd !=
		    FAXPORT_NL_CMD_CONFIG_CHANGED)
			continue;
		/* Malformed: reading the levels again is harmless. */
		if (genlmsg_parse(header, 0, attributes, FAXPORT_NL_A_MAX, notice_policy) ||
		    !attributes[FAXPORT_NL_A_CONFIG_CHANGED] ||
		    nla_get_u32(attributes[FAXPORT_NL_A_CONFIG_CHANGED]) &
		    FAXPORT_CONFIG_CHANGED_LOGGING)
			logging_set = true;
	}
	/* Bytes left over: a message was cut short. */
	return logging_set || remaining > 0;
}

/* Subscribe to the "config" group; 0 or a libnl error (negative). */
static int subscribe(void)
{
	int group, error;

	notice_socket = nl_socket_alloc();
	if (!notice_socket)
		return -NLE_NOMEM;
	error = genl_connect(notice_socket);
	if (error)
		return error;
	family_id = genl_ctrl_resolve(notice_socket, FAXPORT_GENL_NAME);
	if (family_id < 0)
		return family_id;
	/* -NLE_OBJ_NOTFOUND: a driver older than the notices. */
	group = genl_ctrl_resolve_grp(notice_socket, FAXPORT_GENL_NAME,
				      FAXPORT_GENL_CONFIG_GROUP);
	if (group < 0)
		return group;
	nl_socket_disable_seq_check(notice_socket);
	error = nl_socket_add_membership(notice_socket, group);
	if (error)
		return error;
	return nl_socket_set_nonblocking(notice_socket);
}

int faxd_log_levels_watch(void)
{
	int error = subscribe();

	if (error) {
		log_notice("no notices of logging changes from the driver (%s): reading the "
			   "levels every second", nl_geterror(error));
		nl_socket_free(notice_socket);
		notice_socket = NULL;
		faxd_log_levels_refresh();
		return -1;
	}
	faxd_log_levels_refresh();
	return nl_socket_get_fd(notice_socket);
}

void faxd_log_levels_on_notice(void)
{
	/* Aligned for the nlmsghdr the parse lays over it. */
	static _Alignas(struct nlmsghdr) char buffer[NOTICE_BUFFER_BYTES];
	bool levels_set = false;

	for (;;) {
		ssize_t received = recv(nl_socket_get_fd(notice_socket), buffer, sizeof(buffer),
					MSG_DONTWAIT);

		if (received < 0) {
			if (errno == EINTR)
				continue;
			/* ENOBUFS: the socket overran and notices were lost. */
			if (errno != ENOBUFS)
				break;	/* EAGAIN: all read */
			levels_set = true;
			continue;
		}
		if (received == 0)
			break;
		if (faxd_config_notices_say_logging(buffer, (size_t)received, family_id))
			levels_set = true;
	}
	if (levels_set)
		faxd_log_levels_refresh();
}

void faxd_log_levels_close(void)
{
	if (server_fd >= 0)
		close(server_fd);
	server_fd = -1;
	nl_socket_free(notice_socket);
	notice_socket = NULL;
}
