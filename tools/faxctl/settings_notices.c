// SPDX-License-Identifier: GPL-2.0
/* The driver's "config" notices and the module's coming and going: settings_notices.h. */
#include "settings_notices.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/faxport.h>
#include <linux/genetlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

/* A notice is about 40 bytes, a controller message under 1 KiB; a longer
 * datagram arrives cut and reads as "changed". */
#define NOTICE_BUFFER_BYTES 8192

struct settings_notices {
	struct nl_sock *socket;
	int family;		/* the driver's family id, -1 while it is not loaded */
	int config_group;	/* joined, or -1 */
};

/* 0, or a libnl error as a negative errno. */
static int libnl_errno(int error)
{
	if (!error)
		return 0;
	return error == -NLE_NOMEM ? -ENOMEM : error == -NLE_OBJ_NOTFOUND ? -ENOENT : -EIO;
}

/*
 * A group's id, asked on a socket of its own: on the listening socket the
 * controller's reply would mix with the notices. -ENOENT: no such family
 * (the module is not loaded).
 */
static int resolve_group(const char *family_name, const char *group_name, int *family)
{
	struct nl_sock *socket = nl_socket_alloc();
	int error, group;

	if (!socket)
		return -ENOMEM;
	error = genl_connect(socket);
	if (error) {
		nl_socket_free(socket);
		return libnl_errno(error);
	}
	group = genl_ctrl_resolve_grp(socket, family_name, group_name);
	if (group >= 0 && family) {
		*family = genl_ctrl_resolve(socket, family_name);
		if (*family < 0)
			group = *family;
	}
	nl_socket_free(socket);
	return group < 0 ? libnl_errno(group) : group;
}

/* Join the driver's "config" group; -ENOENT when the module is not loaded. */
static int join_config_group(struct settings_notices *notices)
{
	int family = -1, group, error;

	if (notices->config_group >= 0)
		nl_socket_drop_membership(notices->socket, notices->config_group);
	notices->config_group = -1;
	notices->family = -1;
	group = resolve_group(FAXPORT_GENL_NAME, FAXPORT_GENL_CONFIG_GROUP, &family);
	if (group < 0)
		return group;
	error = nl_socket_add_membership(notices->socket, group);
	if (error)
		return libnl_errno(error);
	notices->family = family;
	notices->config_group = group;
	return 0;
}

int settings_notices_open(struct settings_notices **notices_out, bool *module_loaded)
{
	struct settings_notices *notices = calloc(1, sizeof(*notices));
	int group, error;

	if (!notices)
		return -ENOMEM;
	notices->family = -1;
	notices->config_group = -1;
	notices->socket = nl_socket_alloc();
	if (!notices->socket) {
		free(notices);
		return -ENOMEM;
	}
	nl_socket_disable_seq_check(notices->socket);
	error = libnl_errno(genl_connect(notices->socket));
	/* The controller first: a module loaded between the two is seen. */
	if (!error) {
		group = resolve_group("nlctrl", "notify", NULL);
		error = group < 0 ? group :
			libnl_errno(nl_socket_add_membership(notices->socket, group));
	}
	if (!error) {
		error = join_config_group(notices);
		*module_loaded = !error;
		if (error == -ENOENT)
			error = 0;
	}
	if (!error)
		error = libnl_errno(nl_socket_set_nonblocking(notices->socket));
	if (error) {
		settings_notices_close(notices);
		return error;
	}
	*notices_out = notices;
	return 0;
}

int settings_notices_fd(const struct settings_notices *notices)
{
	return nl_socket_get_fd(notices->socket);
}

/* Is this controller message about the faxport family? */
static bool about_faxport(struct nlmsghdr *header)
{
	struct nlattr *attributes[CTRL_ATTR_MAX + 1];

	if (genlmsg_parse(header, 0, attributes, CTRL_ATTR_MAX, NULL) ||
	    !attributes[CTRL_ATTR_FAMILY_NAME])
		return false;
	return !strncmp(nla_data(attributes[CTRL_ATTR_FAMILY_NAME]), FAXPORT_GENL_NAME,
			(size_t)nla_len(attributes[CTRL_ATTR_FAMILY_NAME]));
}

/* A config notice's FAXPORT_CONFIG_CHANGED_* bits; all of them when it does not say. */
static uint32_t changed_bits(struct nlmsghdr *header)
{
	struct nlattr *attributes[__FAXPORT_NL_A_MAX];

	if (genlmsg_parse(header, 0, attributes, __FAXPORT_NL_A_MAX - 1, NULL) ||
	    !attributes[FAXPORT_NL_A_CONFIG_CHANGED] ||
	    nla_len(attributes[FAXPORT_NL_A_CONFIG_CHANGED]) < (int)sizeof(uint32_t))
		return UINT32_MAX;
	return nla_get_u32(attributes[FAXPORT_NL_A_CONFIG_CHANGED]);
}

unsigned int settings_notices_classify(const void *datagram, size_t length, int family)
{
	struct nlmsghdr *header = (struct nlmsghdr *)datagram;
	int remaining = length > INT_MAX ? INT_MAX : (int)length;
	unsigned int bits = 0;

	for (; nlmsg_ok(header, remaining); header = nlmsg_next(header, &remaining)) {
		int command;

		if (header->nlmsg_type < NLMSG_MIN_TYPE || !genlmsg_valid_hdr(header, 0))
			continue;
		command = ((struct genlmsghdr *)nlmsg_data(header))->cmd;
		if (header->nlmsg_type == GENL_ID_CTRL) {
			if (command == CTRL_CMD_DELFAMILY && about_faxport(header))
				bits |= SETTINGS_NOTICE_MODULE_GONE;
			else if (command == CTRL_CMD_NEWFAMILY && about_faxport(header))
				bits |= SETTINGS_NOTICE_MODULE_BACK;
		} else if (family >= 0 && header->nlmsg_type == family &&
			   command == FAXPORT_NL_CMD_CONFIG_CHANGED) {
			bits |= SETTINGS_NOTICE_CHANGED;
			if (changed_bits(header) & FAXPORT_CONFIG_CHANGED_PORTS)
				bits |= SETTINGS_NOTICE_PORTS;
		}
	}
	/* Bytes left over: a message was cut short. */
	if (remaining > 0)
		bits |= SETTINGS_NOTICE_CHANGED | SETTINGS_NOTICE_PORTS;
	return bits;
}

unsigned int settings_notices_read(struct settings_notices *notices)
{
	/* Aligned for the nlmsghdr laid over it. */
	static _Alignas(struct nlmsghdr) char buffer[NOTICE_BUFFER_BYTES];
	unsigned int bits = 0;

	for (;;) {
		ssize_t received = recv(nl_socket_get_fd(notices->socket), buffer, sizeof(buffer),
					MSG_DONTWAIT);

		if (received < 0) {
			if (errno == EINTR)
				continue;
			/* ENOBUFS: notices were lost; anything may have changed. */
			if (errno != ENOBUFS)
				break;	/* EAGAIN: all read */
			bits |= SETTINGS_NOTICE_CHANGED;
			continue;
		}
		if (received == 0)
			break;
		bits |= settings_notices_classify(buffer, (size_t)received, notices->family);
	}
	if (bits & SETTINGS_NOTICE_MODULE_GONE) {
		if (notices->config_group >= 0)
			nl_socket_drop_membership(notices->socket, notices->config_group);
		notices->config_group = -1;
		notices->family = -1;
	}
	/* Gone and back in one read: back is what holds now. */
	if (bits & SETTINGS_NOTICE_MODULE_BACK) {
		if (!join_config_group(notices))
			bits &= ~(unsigned int)SETTINGS_NOTICE_MODULE_GONE;
		else
			bits &= ~(unsigned int)SETTINGS_NOTICE_MODULE_BACK;
	}
	return bits;
}

void settings_notices_close(struct settings_notices *notices)
{
	if (!notices)
		return;
	nl_socket_free(notices->socket);
	free(notices);
}
