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

#include "../faxd_log_levels.h"
#include "tap.h"

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

static bool says(const struct datagram *datagram)
{
	return faxd_config_notices_say_logging(datagram->bytes, datagram->length, FAMILY);
}

int main(void)
{
	struct datagram datagram;

	printf("1..10\n");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED,
	       FAXPORT_CONFIG_CHANGED_LOGGING, 4);
	ok(says(&datagram), "a notice that the logging levels were set says so");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED,
	       FAXPORT_CONFIG_CHANGED_CONFIG | FAXPORT_CONFIG_CHANGED_LOGGING, 4);
	ok(says(&datagram), "a notice of both changes says the levels were set");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED,
	       FAXPORT_CONFIG_CHANGED_CONFIG, 4);
	ok(!says(&datagram), "a notice about the configuration alone does not");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY + 1, FAXPORT_NL_CMD_CONFIG_CHANGED,
	       FAXPORT_CONFIG_CHANGED_LOGGING, 4);
	ok(!says(&datagram), "another family's message is not a notice");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY, FAXPORT_NL_CMD_EVENT, FAXPORT_CONFIG_CHANGED_LOGGING, 4);
	ok(!says(&datagram), "another command of the family is not a notice");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED,
	       FAXPORT_CONFIG_CHANGED_CONFIG, 4);
	append(&datagram, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED,
	       FAXPORT_CONFIG_CHANGED_LOGGING, 4);
	ok(says(&datagram), "the second of two notices in one datagram is read");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED, -1, 0);
	ok(says(&datagram), "a notice without its attribute is read as a change");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED,
	       FAXPORT_CONFIG_CHANGED_CONFIG, 2);
	ok(says(&datagram), "a notice whose attribute is too short is read as a change");

	datagram = (struct datagram){ 0 };
	append(&datagram, FAMILY, FAXPORT_NL_CMD_CONFIG_CHANGED,
	       FAXPORT_CONFIG_CHANGED_CONFIG, 4);
	datagram.length -= 4;
	ok(says(&datagram), "a datagram cut short is read as a change");

	ok(!faxd_config_notices_say_logging(datagram.bytes, 0, FAMILY),
	   "an empty datagram says nothing");

	return tap_exit_status();
}
