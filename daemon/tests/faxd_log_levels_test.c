// SPDX-License-Identifier: GPL-2.0
/*
 * TAP: how faxd reads the driver's "config" notices
 * (faxd_config_notices_say_logging). Datagrams are built with libnl as the
 * kernel lays them out: a notice that the logging levels were set says yes,
 * one about the configuration alone says no, as do other families and
 * commands; a malformed or cut notice says yes (reading again is harmless).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <linux/faxport.h>
#include <netlink/genl/genl.h>

#include "../faxd/log_levels.h"
#include <tap.h>

#define FAMILY 0x1d	/* any id the controller could hand out */

/* A datagram under construction: messages laid one after the other. */
struct datagram {
	_Alignas(struct nlmsghdr) unsigned char bytes[1024];
	size_t length;
};

/*
 * Appends one generic netlink message of @family and @command; @changed is
 * the attribute's value, or -1 for a message without it; @attribute_bytes
 * the attribute's payload size (4 for a u32).
 */
static void append(struct datagram *datagram, int family, uint8_t command, int64_t changed,
		   int attribute_bytes)
{
	struct nl_msg *message = nlmsg_alloc();
	struct nlmsghdr *header;
	uint32_t value = (uint32_t)changed;

	genlmsg_put(message, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0, command, 1);
	if (changed >= 0)
		nla_put(message, FAXPORT_NL_A_CONFIG_CHANGED, attribute_bytes, &value);
	header = nlmsg_hdr(message);
	memcpy(datagram->bytes + datagram->length, header, header->nlmsg_len);
	datagram->length += NLMSG_ALIGN(header->nlmsg_len);
	nlmsg_free(message);
}

/* One message of a case: the family's offset from FAMILY, as append() takes the rest. */
struct message {
	int family_offset;
	uint8_t command;
	int64_t changed;
	int attribute_bytes;
};

#define NOTICE(changed_bits, bytes)                                             \
	{ .command = FAXPORT_NL_CMD_CONFIG_CHANGED, .changed = (changed_bits), \
	  .attribute_bytes = (bytes) }

static const struct {
	const char *name;
	bool says_logging;
	struct message messages[2];	/* the second unused if its command is 0 */
	size_t cut_bytes;		/* taken off the datagram's end */
} cases[] = {
	{ .name = "a notice that the logging levels were set says so", .says_logging = true,
	  .messages = { NOTICE(FAXPORT_CONFIG_CHANGED_LOGGING, 4) } },
	{ .name = "a notice of both changes says the levels were set", .says_logging = true,
	  .messages = { NOTICE(FAXPORT_CONFIG_CHANGED_CONFIG | FAXPORT_CONFIG_CHANGED_LOGGING, 4) } },
	{ .name = "a notice about the configuration alone does not", .says_logging = false,
	  .messages = { NOTICE(FAXPORT_CONFIG_CHANGED_CONFIG, 4) } },
	{ .name = "another family's message is not a notice", .says_logging = false,
	  .messages = { { 1, FAXPORT_NL_CMD_CONFIG_CHANGED, FAXPORT_CONFIG_CHANGED_LOGGING, 4 } } },
	{ .name = "another command of the family is not a notice", .says_logging = false,
	  .messages = { { 0, FAXPORT_NL_CMD_EVENT, FAXPORT_CONFIG_CHANGED_LOGGING, 4 } } },
	{ .name = "the second of two notices in one datagram is read", .says_logging = true,
	  .messages = { NOTICE(FAXPORT_CONFIG_CHANGED_CONFIG, 4),
	    NOTICE(FAXPORT_CONFIG_CHANGED_LOGGING, 4) } },
	{ .name = "a notice without its attribute is read as a change", .says_logging = true,
	  .messages = { NOTICE(-1, 0) } },
	{ .name = "a notice whose attribute is too short is read as a change", .says_logging = true,
	  .messages = { NOTICE(FAXPORT_CONFIG_CHANGED_CONFIG, 2) } },
	{ .name = "a datagram cut short is read as a change", .says_logging = true,
	  .messages = { NOTICE(FAXPORT_CONFIG_CHANGED_CONFIG, 4) }, .cut_bytes = 4 },
};

int main(void)
{
	size_t count = sizeof(cases) / sizeof(cases[0]);

	tap_plan((unsigned int)count + 1);
	for (size_t i = 0; i < count; i++) {
		struct datagram datagram = { .length = 0 };

		for (size_t m = 0; m < 2; m++) {
			const struct message *message = &cases[i].messages[m];

			if (message->command)
				append(&datagram, FAMILY + message->family_offset, message->command,
				       message->changed, message->attribute_bytes);
		}
		datagram.length -= cases[i].cut_bytes;
		ok(faxd_config_notices_say_logging(datagram.bytes, datagram.length, FAMILY) ==
			   cases[i].says_logging,
		   "%s", cases[i].name);
	}
	ok(!faxd_config_notices_say_logging((const unsigned char *)"", 0, FAMILY),
	   "an empty datagram says nothing");
	return tap_finish();
}
