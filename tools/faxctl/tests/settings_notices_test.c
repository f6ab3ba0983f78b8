// SPDX-License-Identifier: GPL-2.0
/*
 * settings_notices_test: what `faxctl settings follow` makes of the
 * netlink messages it gets (settings_notices_classify), without a kernel:
 * the driver's config notice, the controller's word that the faxport
 * family went or came, other families' messages, and a cut datagram.
 */
#include <string.h>

#include <linux/faxport.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "tap.h"
#include "../settings_notices.h"

#define FAMILY 33	/* the driver's id in these tests */

/* Appends one generic netlink message to @buffer at @used. */
static void add_message(char *buffer, size_t *used, int type, int command,
			const char *family_name, uint32_t changed)
{
	struct nl_msg *message = nlmsg_alloc();
	struct nlmsghdr *header;

	if (!message)
		return;
	if (!genlmsg_put(message, 0, 0, type, 0, 0, (uint8_t)command, 1))
		goto out;
	if (family_name)
		nla_put_string(message, CTRL_ATTR_FAMILY_NAME, family_name);
	else if (changed)
		nla_put_u32(message, FAXPORT_NL_A_CONFIG_CHANGED, changed);
	header = nlmsg_hdr(message);
	memcpy(buffer + *used, header, NLMSG_ALIGN(header->nlmsg_len));
	*used += NLMSG_ALIGN(header->nlmsg_len);
out:
	nlmsg_free(message);
}

static unsigned int classify_one(int type, int command, const char *family_name, int family)
{
	static _Alignas(struct nlmsghdr) char buffer[4096];
	size_t used = 0;

	add_message(buffer, &used, type, command, family_name, FAXPORT_CONFIG_CHANGED_PORT);
	return settings_notices_classify(buffer, used, family);
}

int main(void)
{
	static _Alignas(struct nlmsghdr) char buffer[4096];
	size_t used = 0;

	is_equal(classify_one(FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED, NULL, FAMILY),
		 SETTINGS_NOTICE_CHANGED, "the driver's config notice: changed");
	is_equal(classify_one(FAMILY, FAXPORT_NL_CMD_EVENT, NULL, FAMILY), 0,
		 "a fax event is no change");
	is_equal(classify_one(FAMILY + 1, FAXPORT_NL_CMD_CONFIG_CHANGED, NULL, FAMILY), 0,
		 "another family's message is no change");
	is_equal(classify_one(FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED, NULL, -1), 0,
		 "nothing is a change while the module is not loaded");
	is_equal(classify_one(GENL_ID_CTRL, CTRL_CMD_DELFAMILY, "faxport", FAMILY),
		 SETTINGS_NOTICE_MODULE_GONE, "the controller's DELFAMILY faxport: the module went");
	is_equal(classify_one(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY, "faxport", -1),
		 SETTINGS_NOTICE_MODULE_BACK, "NEWFAMILY faxport: the module is back");
	is_equal(classify_one(GENL_ID_CTRL, CTRL_CMD_DELFAMILY, "faxport2", FAMILY) |
		 classify_one(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY, "fax", FAMILY), 0,
		 "other families coming and going (even with a name that begins alike) are nothing");

	add_message(buffer, &used, GENL_ID_CTRL, CTRL_CMD_DELFAMILY, "faxport", 0);
	add_message(buffer, &used, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY, "faxport", 0);
	add_message(buffer, &used, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED, NULL,
		    FAXPORT_CONFIG_CHANGED_PORT);
	is_equal(settings_notices_classify(buffer, used, FAMILY),
		 SETTINGS_NOTICE_MODULE_GONE | SETTINGS_NOTICE_MODULE_BACK |
		 SETTINGS_NOTICE_CHANGED, "one datagram of three messages: all three said");
	used = 0;
	add_message(buffer, &used, GENL_ID_CTRL, CTRL_CMD_DELFAMILY, "faxport", 0);
	is_equal(settings_notices_classify(buffer, used - 8, FAMILY) &
		 (SETTINGS_NOTICE_CHANGED | SETTINGS_NOTICE_PORTS),
		 SETTINGS_NOTICE_CHANGED | SETTINGS_NOTICE_PORTS,
		 "a cut datagram reads as a change of anything, ports too: nothing is missed");
	used = 0;
	add_message(buffer, &used, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED, NULL,
		    FAXPORT_CONFIG_CHANGED_PORTS);
	is_equal(settings_notices_classify(buffer, used, FAMILY),
		 SETTINGS_NOTICE_CHANGED | SETTINGS_NOTICE_PORTS,
		 "a port added or removed: changed, and ports");
	used = 0;
	add_message(buffer, &used, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED, NULL, 0);
	is_equal(settings_notices_classify(buffer, used, FAMILY),
		 SETTINGS_NOTICE_CHANGED | SETTINGS_NOTICE_PORTS,
		 "a notice that does not say what changed: anything, ports too");
	return tap_finish();
}
