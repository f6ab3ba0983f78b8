// SPDX-License-Identifier: GPL-2.0
/*
 * faxlined_config_test: lines.conf as faxlined reads it: the example and a
 * full config parse to the values written; every kind of bad setting is
 * refused with the file and line it is on; the DID rules match as
 * documented. TAP.
 */
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "../faxlined/lines_conf.h"
#include "../faxlined/rtp.h"
#include <tap.h>

static char path[] = "/tmp/faxlined_config_test.XXXXXX";
static char errors[4096];

/* Load @text as a config file: the error count, the messages in errors[]. */
static unsigned int load(const char *text, struct lines_conf *conf)
{
	FILE *file = fopen(path, "w");
	FILE *out = fmemopen(errors, sizeof(errors), "w");
	unsigned int count;

	errors[0] = '\0';
	fputs(text, file);
	fclose(file);
	count = lines_conf_load(path, conf, out);
	fclose(out);
	return count;
}

#define GOOD_TRUNK "[trunk t]\nlocal = 192.0.2.1\npeer = 192.0.2.2:5070\n"
#define GOOD_PORT "[port p]\ntrunk = t\nnumber = 100\ndid = 100\n"

/* @text is refused and the first message names line @line and says @words. */
static void refused(const char *text, unsigned int line, const char *words, const char *name)
{
	struct lines_conf *conf = malloc(sizeof(*conf));
	char where[64];
	bool passed;

	snprintf(where, sizeof(where), "%s:%u: ", path, line);
	passed = load(text, conf) > 0 && strncmp(errors, where, strlen(where)) == 0 &&
		 strstr(errors, words) != NULL;
	if (!passed)
		printf("# got: %s", errors);
	ok(passed, "%s", name);
	free(conf);
}

int main(void)
{
	struct lines_conf *conf = malloc(sizeof(*conf));
	int fd = mkstemp(path);
	unsigned int count;

	close(fd);
	tap_plan(31);

	count = lines_conf_load(EXAMPLE_LINES_CONF, conf, stderr);
	ok(count == 0 && conf->trunk_count == 1 && conf->port_count == 1,
	   "the example config parses");

	count = load("log_level = debug\n"
		     "[trunk a]   # comment\n"
		     "local = 192.0.2.1:5062\n"
		     "peer = sip.example.net\n"
		     "transport = udp\n"
		     "codecs = pcma, pcmu\n"
		     "rtp_ports = 30000-30100\n"
		     "jitter_ms = 100\n"
		     "answer_timeout_s = 30\n"
		     "[trunk b]\nlocal = 192.0.2.1\npeer = 192.0.2.9\ncodecs = pcmu\n"
		     "[port one]\ntrunk = b\ndevice = 7\ndid = 555* 7\n"
		     "[port two]\ntrunk = a\nnumber = +4930123\ndid = *\n",
		     conf);
	ok(count == 0, "a full config parses");
	ok(conf->log_level == LOG_DEBUG, "log_level");
	ok(strcmp(conf->trunks[0].local_address, "192.0.2.1") == 0 &&
		   conf->trunks[0].local_port == 5062 && conf->trunks[1].local_port == 5060,
	   "local address and port, 5060 by default");
	ok(strcmp(conf->trunks[0].peer_host, "sip.example.net") == 0 &&
		   conf->trunks[0].peer_port == 5060,
	   "peer host name");
	ok(conf->trunks[0].codec_count == 2 && conf->trunks[0].codecs[0] == RTP_PT_PCMA &&
		   conf->trunks[0].codecs[1] == RTP_PT_PCMU && conf->trunks[1].codec_count == 1,
	   "codecs in the order given");
	ok(conf->trunks[0].rtp_port_min == 30000 && conf->trunks[0].rtp_port_max == 30100 &&
		   conf->trunks[0].jitter_ms == 100 && conf->trunks[0].answer_timeout_s == 30,
	   "rtp_ports, jitter_ms, answer_timeout_s");
	ok(conf->trunks[1].jitter_ms == 60 && conf->trunks[1].rtp_port_min == 20000 &&
		   conf->trunks[1].answer_timeout_s == 60,
	   "defaults: jitter 60 ms, RTP 20000-20999, answer in 60 s");
	ok(conf->ports[0].by_device && conf->ports[0].device_id == 7 && conf->ports[0].trunk == 1 &&
		   conf->ports[0].did_count == 2 && strcmp(conf->ports[0].dids[0], "555*") == 0,
	   "a port by device, its trunk and DIDs");
	ok(!conf->ports[1].by_device && strcmp(conf->ports[1].number, "+4930123") == 0 &&
		   conf->ports[1].trunk == 0,
	   "a port by number");

	refused("bogus = 1\n" GOOD_TRUNK GOOD_PORT, 1, "unknown key", "unknown global key");
	refused(GOOD_TRUNK "colour = red\n" GOOD_PORT, 4, "unknown key", "unknown trunk key");
	refused(GOOD_TRUNK GOOD_PORT "\n\nfoo\n", 10, "key = value", "a line without =");
	refused(GOOD_TRUNK "[line x]\n" GOOD_PORT, 4, "unknown section", "unknown section");
	refused(GOOD_TRUNK "[trunk bad/name]\n" GOOD_PORT, 4, "a name is", "a bad section name");
	refused("[trunk t]\nlocal = example.net\npeer = 192.0.2.2\n" GOOD_PORT, 2, "IPv4",
		"local must be an IPv4 address");
	refused("[trunk t]\nlocal = 192.0.2.1:70000\npeer = 192.0.2.2\n" GOOD_PORT, 2,
		"1..65535", "a port out of range");
	refused("[trunk t]\nlocal = 192.0.2.1\npeer = 192.0.2.2\ntransport = tls\n" GOOD_PORT, 4,
		"only udp", "transport other than udp");
	refused("[trunk t]\nlocal = 192.0.2.1\npeer = 192.0.2.2\ncodecs = g729\n" GOOD_PORT, 4,
		"unknown codec", "an unknown codec");
	refused("[trunk t]\nlocal = 192.0.2.1\npeer = 192.0.2.2\njitter_ms = 30\n" GOOD_PORT, 4,
		"multiple of 20", "jitter not a multiple of 20");
	refused("[trunk t]\nlocal = 192.0.2.1\npeer = 192.0.2.2\njitter_ms = 600\n" GOOD_PORT, 4,
		"multiple of 20", "jitter above 500 ms");
	refused("[trunk t]\nlocal = 192.0.2.1\npeer = 192.0.2.2\nrtp_ports = 20000\n" GOOD_PORT, 4,
		"LOW-HIGH", "rtp_ports without a range");
	refused("[trunk t]\npeer = 192.0.2.2\n" GOOD_PORT, 1, "local = ", "a trunk without local");
	refused(GOOD_TRUNK "[port p]\ntrunk = nosuch\nnumber = 1\ndid = 1\n", 5, "no [trunk nosuch]",
		"a port on an unknown trunk");
	refused(GOOD_TRUNK "[port p]\ntrunk = t\ndid = 1\n", 4, "one of device",
		"a port with neither device nor number");
	refused(GOOD_TRUNK "[port p]\ntrunk = t\nnumber = 12a\n", 6, "number:", "a bad number");
	refused(GOOD_TRUNK "[port p]\ntrunk = t\nnumber = 1\ndid = 1*2\n", 7, "did:",
		"a '*' inside a DID rule");
	refused(GOOD_TRUNK GOOD_PORT "[port q]\ntrunk = t\nnumber = 100\n", 8, "same kernel port",
		"two sections on one port");
	refused(GOOD_TRUNK GOOD_PORT "[trunk t]\n", 8, "again", "a trunk defined twice");

	ok(lines_did_matches("*", "123") && lines_did_matches("12*", "123") &&
		   lines_did_matches("123", "123"),
	   "DID rules match: any, prefix, exact");
	ok(!lines_did_matches("124", "123") && !lines_did_matches("13*", "123") &&
		   !lines_did_matches("1234", "123"),
	   "DID rules do not match other numbers");

	unlink(path);
	free(conf);
	return tap_finish();
}
