/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lines_conf: /etc/faxport/lines.conf, the trunks faxlined speaks SIP to and
 * the kernel ports it carries. `key = value` lines, `#` comments, sections:
 *
 *   log_level = notice                 (global: error .. debug)
 *
 *   [trunk NAME]                       a SIP peer or proxy
 *   local = 192.0.2.1:5060             our SIP address (IPv4) and UDP port
 *   peer = 192.0.2.2:5060              where INVITEs go (IPv4 or host name, port)
 *   transport = udp                    (only udp in this version)
 *   codecs = pcmu pcma                 offered and accepted, in preference order
 *   rtp_ports = 20000-20999            even ports for RTP, from this range
 *   jitter_ms = 60                     fixed jitter buffer (20..500)
 *   answer_timeout_s = 60              an outgoing call unanswered this long: NO_ANSWER
 *
 *   [port NAME]                        a kernel port faxlined is the line of
 *   trunk = NAME                       its calls go over this trunk
 *   device = 5                         the user-line port /dev/faxport5, or
 *   number = 5550100                   the user-line port with this number
 *                                      (made, with NAME as its name, if none has it)
 *   did = 5550100 555* *               called numbers that ring this port: exact,
 *                                      a prefix ending in '*', or '*' for any
 *
 * Every error is reported as FILE:LINE: what is wrong, and a config with an
 * error is refused whole.
 */
#ifndef FAXLINED_LINES_CONF_H
#define FAXLINED_LINES_CONF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/faxport.h>

#define LINES_CONF_DEFAULT_PATH "/etc/faxport/lines.conf"
#define LINES_CONF_NAME_SIZE 32
#define LINES_CONF_HOST_SIZE 256
#define LINES_CONF_MAX_TRUNKS 16
#define LINES_CONF_MAX_PORTS 64
#define LINES_CONF_MAX_DIDS 16
#define LINES_CONF_MAX_CODECS 2
#define JITTER_MS_MAX 500

struct lines_trunk {
	char name[LINES_CONF_NAME_SIZE];
	char local_address[16];		/* dotted IPv4 */
	uint16_t local_port;
	char peer_host[LINES_CONF_HOST_SIZE];
	uint16_t peer_port;
	unsigned int codec_count;
	uint8_t codecs[LINES_CONF_MAX_CODECS];	/* RTP payload types */
	uint16_t rtp_port_min, rtp_port_max;
	unsigned int jitter_ms;
	unsigned int answer_timeout_s;
	unsigned int line;		/* where the section starts */
};

struct lines_port {
	char name[LINES_CONF_NAME_SIZE];
	unsigned int trunk;		/* index into trunks */
	bool by_device;
	uint32_t device_id;
	char number[FAXPORT_NUMBER_SIZE];
	unsigned int did_count;
	char dids[LINES_CONF_MAX_DIDS][FAXPORT_NUMBER_SIZE];
	unsigned int line;
};

struct lines_conf {
	int log_level;			/* LOG_* */
	unsigned int trunk_count;
	struct lines_trunk trunks[LINES_CONF_MAX_TRUNKS];
	unsigned int port_count;
	struct lines_port ports[LINES_CONF_MAX_PORTS];
};

/*
 * Read @path into @conf. Each error goes to @errors as "PATH:LINE: text\n".
 * Returns the number of errors (0: @conf is complete and consistent).
 */
unsigned int lines_conf_load(const char *path, struct lines_conf *conf, FILE *errors);

/* Does called number @did match the pattern @rule ("*", "555*", "5550100")? */
bool lines_did_matches(const char *rule, const char *did);

#endif
