/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state faxlined's parts share: the trunks (one sofia-sip user agent
 * each), the kernel ports it is the line provider of, and their calls.
 */
#ifndef FAXLINED_FAXLINED_H
#define FAXLINED_FAXLINED_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct faxlined;
struct sip_call;
#define NUA_MAGIC_T struct faxlined_trunk
#define NUA_HMAGIC_T struct sip_call
#include <sofia-sip/nua.h>

#include "../engine/loop.h"
#include "lines_conf.h"
#include "media.h"

struct faxlined_trunk {
	const struct lines_trunk *conf;
	struct faxlined *daemon;
	nua_t *nua;
	bool shut_down;
};

struct faxlined_port {
	const struct lines_port *conf;
	struct faxlined *daemon;
	struct faxlined_trunk *trunk;
	uint32_t device_id;
	struct faxd_watch watch;	/* the provider fd: EPOLLPRI events */
	struct sip_call *call;		/* at most one at a time */
	uint32_t last_seq;
	bool dead;			/* the port was removed */
};

enum sip_call_state {
	CALL_DIALING,		/* our INVITE is out */
	CALL_RINGING,		/* an INVITE came in, the port rings */
	CALL_CONNECTED,
	CALL_ENDING,		/* BYE/CANCEL/final response sent: waiting for sofia */
};

struct sip_call {
	struct faxlined_port *port;	/* NULL once the kernel's call is over */
	struct faxlined_trunk *trunk;
	nua_handle_t *handle;
	uint32_t call_id;
	enum sip_call_state state;
	bool outgoing;
	bool ringing_reported;
	struct timespec answer_deadline;
	struct sockaddr_in remote;	/* the far end's media, from its SDP */
	uint8_t payload_type;
	bool media_open;
	struct media media;
};

struct faxlined {
	struct lines_conf *conf;
	struct faxd_loop *loop;
	su_home_t home[1];
	su_root_t *root;
	unsigned int trunk_count;
	struct faxlined_trunk trunks[LINES_CONF_MAX_TRUNKS];
	unsigned int port_count;
	struct faxlined_port ports[LINES_CONF_MAX_PORTS];
	struct faxd_watch signals;
	struct faxd_watch tick;
	bool stopping;
};

#endif
