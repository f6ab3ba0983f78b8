/* SPDX-License-Identifier: GPL-2.0 */
/*
 * class1_modem: one port as a Class 1 (T.31) fax modem. spandsp's T.31
 * modem sits between a pseudo-terminal (dte_tty) and the port's audio,
 * which faxd's own port engine (faxd_port) pumps on the port's real-time
 * clock. ATD dials on the exchange, an incoming call rings (RING) and ATA
 * answers, ATH or a closed terminal hangs up, and a far end that hangs up
 * ends the call with NO CARRIER.
 */
#ifndef CLASS1_MODEM_H
#define CLASS1_MODEM_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "../engine/loop.h"

struct class1_modem;

struct class1_modem_config {
	uint32_t port_id;		/* the N of /dev/faxportN */
	const char *link_path;		/* the terminal's stable name, e.g. /dev/ttyFAX1 */
	mode_t tty_mode;		/* permissions of the terminal */
	gid_t tty_group;		/* its group, (gid_t)-1 to leave it */
	bool trace_t31;			/* spandsp's T.31 log at debug level */
};

/*
 * Attach to the port as its DSP engine (real-time clock) and create the
 * terminal. Returns 0, or a negative errno: -EBUSY another engine (faxd?)
 * is attached, -ENOENT no such port, or what creating the terminal failed with.
 */
int class1_modem_open(struct faxd_loop *loop, const struct class1_modem_config *config,
		      struct class1_modem **modem_out);

/*
 * Hang up, detach, remove the terminal. Runs the loop once for its deferred
 * work: unwatch whatever else would call into the modem first.
 */
void class1_modem_close(struct class1_modem *modem);

/* About ten times a second: timers of the line and the terminal. */
void class1_modem_tick(struct class1_modem *modem);

/* True once the port went away: the modem can only be closed. */
bool class1_modem_lost(const struct class1_modem *modem);

#endif
