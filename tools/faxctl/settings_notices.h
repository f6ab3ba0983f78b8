/* SPDX-License-Identifier: GPL-2.0 */
/*
 * settings_notices: what `faxctl settings follow` listens to. The driver's
 * generic netlink group "config" says that a setting was stored (the
 * server's, the logging levels, a port's, the routing), and the generic
 * netlink controller's group "notify" says that the faxport family went
 * away or came back, that is, that the module was unloaded or loaded. The
 * Win32 fax API has neither, hence netlink (libnl) here and not libwinfax.
 */
#ifndef FAXCTL_SETTINGS_NOTICES_H
#define FAXCTL_SETTINGS_NOTICES_H

#include <stdbool.h>
#include <stddef.h>

/* settings_notices_read()'s bits. */
#define SETTINGS_NOTICE_CHANGED		0x1	/* a setting was stored, or notices were lost */
#define SETTINGS_NOTICE_MODULE_GONE	0x2
#define SETTINGS_NOTICE_MODULE_BACK	0x4
/* Ports came or went (or it is not known what changed): apply what is kept for new ones. */
#define SETTINGS_NOTICE_PORTS		0x8

struct settings_notices;

/*
 * Subscribe to the controller's notices and, when the module is loaded, to
 * its "config" group (@module_loaded says whether it is). 0 or a negative
 * errno.
 */
int settings_notices_open(struct settings_notices **notices, bool *module_loaded);
/* The socket to poll for input. */
int settings_notices_fd(const struct settings_notices *notices);
/*
 * Read every waiting notice: their SETTINGS_NOTICE_* bits. When the module
 * came back the "config" group is joined again (its id may have changed).
 */
unsigned int settings_notices_read(struct settings_notices *notices);
void settings_notices_close(struct settings_notices *notices);

/*
 * What one datagram says (@family: the driver's family id, or -1 when it is
 * not loaded): exposed for the tests. A malformed or cut message, or a
 * notice that does not say what changed, reads as SETTINGS_NOTICE_CHANGED
 * and SETTINGS_NOTICE_PORTS, so that nothing is missed.
 */
unsigned int settings_notices_classify(const void *datagram, size_t length, int family);

#endif
