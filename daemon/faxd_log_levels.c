// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_INIT
#include "faxd_log_levels.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/faxport.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

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

/*
 * The "config" notices. A notice is about 40 bytes and the controller's
 * answer about the family about 1 KiB; anything longer is cut (MSG_TRUNC
 * says so) and read as "something was set".
 */
#define NETLINK_BUFFER_BYTES 8192

union netlink_buffer {
	struct nlmsghdr header;
	char bytes[NETLINK_BUFFER_BYTES];
};

static int notice_fd = -1;
static uint16_t family_id;

/* The attribute @type among the attributes in @data, or NULL. */
static const struct nlattr *find_attribute(const char *data, size_t length, uint16_t type)
{
	size_t at = 0;

	while (length - at >= NLA_HDRLEN) {
		const struct nlattr *attribute = (const struct nlattr *)(data + at);

		if (attribute->nla_len < NLA_HDRLEN || attribute->nla_len > length - at)
			return NULL;
		if ((attribute->nla_type & NLA_TYPE_MASK) == type)
			return attribute;
		at += NLA_ALIGN(attribute->nla_len);
		if (at > length)
			return NULL;
	}
	return NULL;
}

static const char *payload(const struct nlattr *attribute)
{
	return (const char *)attribute + NLA_HDRLEN;
}

static size_t payload_length(const struct nlattr *attribute)
{
	return attribute->nla_len - NLA_HDRLEN;
}

/* The group "config" among the family's groups (CTRL_ATTR_MCAST_GROUPS). */
static bool find_config_group(const struct nlattr *groups, uint32_t *group_id)
{
	const char *entries = payload(groups);
	size_t length = payload_length(groups), at = 0;

	while (length - at >= NLA_HDRLEN) {
		const struct nlattr *entry = (const struct nlattr *)(entries + at);
		const struct nlattr *name, *id;

		if (entry->nla_len < NLA_HDRLEN || entry->nla_len > length - at)
			return false;
		name = find_attribute(payload(entry), payload_length(entry),
				      CTRL_ATTR_MCAST_GRP_NAME);
		id = find_attribute(payload(entry), payload_length(entry), CTRL_ATTR_MCAST_GRP_ID);
		if (name && id && payload_length(id) >= sizeof(*group_id) &&
		    payload_length(name) == sizeof(FAXPORT_GENL_CONFIG_GROUP) &&
		    !memcmp(payload(name), FAXPORT_GENL_CONFIG_GROUP,
			    sizeof(FAXPORT_GENL_CONFIG_GROUP))) {
			memcpy(group_id, payload(id), sizeof(*group_id));
			return true;
		}
		at += NLA_ALIGN(entry->nla_len);
		if (at > length)
			return false;
	}
	return false;
}

/* Ask the generic netlink controller for the family's id and its "config" group. */
static int resolve_family(int fd, uint32_t *group_id)
{
	struct {
		struct nlmsghdr header;
		struct genlmsghdr genl;
		struct nlattr name_header;
		char name[NLA_ALIGN(sizeof(FAXPORT_GENL_NAME))];
	} request = {
		.header = {
			.nlmsg_len = sizeof(request),
			.nlmsg_type = GENL_ID_CTRL,
			.nlmsg_flags = NLM_F_REQUEST,
			.nlmsg_seq = 1,
		},
		.genl = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 },
		.name_header = {
			.nla_len = NLA_HDRLEN + sizeof(FAXPORT_GENL_NAME),
			.nla_type = CTRL_ATTR_FAMILY_NAME,
		},
		.name = FAXPORT_GENL_NAME,
	};
	union netlink_buffer reply;
	const struct nlattr *id, *groups;
	const char *attributes;
	size_t length;
	ssize_t received;

	if (send(fd, &request, sizeof(request), 0) != (ssize_t)sizeof(request))
		return -1;
	do
		received = recv(fd, &reply, sizeof(reply), MSG_TRUNC);
	while (received < 0 && errno == EINTR);
	if (received < 0)
		return -1;
	if ((size_t)received > sizeof(reply) || (size_t)received < NLMSG_HDRLEN ||
	    reply.header.nlmsg_len > (size_t)received) {
		errno = EMSGSIZE;
		return -1;
	}
	if (reply.header.nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *error = NLMSG_DATA(&reply.header);

		errno = reply.header.nlmsg_len >= NLMSG_LENGTH(sizeof(*error)) && error->error
			? -error->error : EPROTO;
		return -1;
	}
	if (reply.header.nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN)) {
		errno = EPROTO;
		return -1;
	}
	attributes = (const char *)NLMSG_DATA(&reply.header) + GENL_HDRLEN;
	length = reply.header.nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	id = find_attribute(attributes, length, CTRL_ATTR_FAMILY_ID);
	groups = find_attribute(attributes, length, CTRL_ATTR_MCAST_GROUPS);
	if (!id || payload_length(id) < sizeof(family_id)) {
		errno = EPROTO;
		return -1;
	}
	memcpy(&family_id, payload(id), sizeof(family_id));
	if (!groups || !find_config_group(groups, group_id)) {
		errno = ENOENT;	/* a driver older than the notices */
		return -1;
	}
	return 0;
}

int faxd_log_levels_watch(void)
{
	uint32_t group_id;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (fd < 0 || resolve_family(fd, &group_id) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group_id, sizeof(group_id)) ||
	    fcntl(fd, F_SETFL, O_NONBLOCK)) {
		log_notice("no notices of logging changes from the driver (%s): reading the "
			   "levels every second", strerror(errno));
		if (fd >= 0)
			close(fd);
		faxd_log_levels_refresh();
		return -1;
	}
	notice_fd = fd;
	faxd_log_levels_refresh();
	return notice_fd;
}

/* Does this message say that the logging levels were set? */
static bool says_logging_set(const struct nlmsghdr *header)
{
	const struct genlmsghdr *genl = NLMSG_DATA(header);
	const struct nlattr *changed;
	uint32_t what;

	if (header->nlmsg_type != family_id || header->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN) ||
	    genl->cmd != FAXPORT_NL_CMD_CONFIG_CHANGED)
		return false;
	changed = find_attribute((const char *)genl + GENL_HDRLEN,
				 header->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN),
				 FAXPORT_NL_A_CONFIG_CHANGED);
	if (!changed || payload_length(changed) < sizeof(what))
		return true;	/* malformed: reading the levels again is harmless */
	memcpy(&what, payload(changed), sizeof(what));
	return what & FAXPORT_CONFIG_CHANGED_LOGGING;
}

void faxd_log_levels_on_notice(void)
{
	union netlink_buffer buffer;
	bool levels_set = false;

	for (;;) {
		ssize_t received = recv(notice_fd, &buffer, sizeof(buffer), MSG_TRUNC);
		size_t at = 0, length;

		if (received < 0) {
			if (errno == EINTR)
				continue;
			/* ENOBUFS: the socket overran and notices were lost. */
			if (errno == ENOBUFS)
				levels_set = true;
			else
				break;	/* EAGAIN: all read */
			continue;
		}
		if (received == 0)
			break;
		if ((size_t)received > sizeof(buffer)) {
			levels_set = true;
			continue;
		}
		length = (size_t)received;
		while (length - at >= NLMSG_HDRLEN) {
			const struct nlmsghdr *header = (const struct nlmsghdr *)(buffer.bytes + at);

			if (header->nlmsg_len < NLMSG_HDRLEN || header->nlmsg_len > length - at)
				break;
			if (says_logging_set(header))
				levels_set = true;
			at += NLMSG_ALIGN(header->nlmsg_len);
			if (at > length)
				break;
		}
	}
	if (levels_set)
		faxd_log_levels_refresh();
}

void faxd_log_levels_close(void)
{
	if (server_fd >= 0)
		close(server_fd);
	server_fd = -1;
	if (notice_fd >= 0)
		close(notice_fd);
	notice_fd = -1;
}
