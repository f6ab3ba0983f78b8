// SPDX-License-Identifier: GPL-2.0
/* lines_conf: see lines_conf.h. */
#include "lines_conf.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "rtp.h"

/* Longer lines are an error, not a silent cut. */
#define LINE_MAX_BYTES 1024

struct parser {
	const char *path;
	unsigned int line;
	unsigned int errors;
	FILE *out;
	struct lines_conf *conf;
	/* The section being read: none, a trunk or a port (index). */
	enum { IN_GLOBAL, IN_TRUNK, IN_PORT } section;
	unsigned int index;
	/* Which port keys were given, to check the section at its end. */
	char port_trunk[LINES_CONF_NAME_SIZE];
	unsigned int port_trunk_line;
};

static void __attribute__((format(printf, 3, 4)))
error_at(struct parser *p, unsigned int line, const char *format, ...)
{
	va_list args;

	p->errors++;
	if (!p->out)
		return;
	fprintf(p->out, "%s:%u: ", p->path, line);
	va_start(args, format);
	vfprintf(p->out, format, args);
	va_end(args);
	fputc('\n', p->out);
}

#define error(p, ...) error_at((p), (p)->line, __VA_ARGS__)

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static bool parse_uint(const char *text, unsigned long min, unsigned long max,
		       unsigned long *value)
{
	char *end;

	if (!isdigit((unsigned char)text[0]))
		return false;
	errno = 0;
	*value = strtoul(text, &end, 10);
	return errno == 0 && *end == '\0' && *value >= min && *value <= max;
}

/* A name: letters, digits, '.', '_', '-', shorter than the field. */
static bool valid_name(const char *name)
{
	size_t length = strlen(name);

	if (length == 0 || length >= LINES_CONF_NAME_SIZE)
		return false;
	for (const char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' && *c != '-')
			return false;
	return true;
}

static bool valid_number(const char *number, bool pattern)
{
	size_t length = strlen(number);

	if (length == 0 || length >= FAXPORT_NUMBER_SIZE)
		return false;
	for (size_t i = 0; i < length; i++) {
		char c = number[i];

		if (isdigit((unsigned char)c) || c == '#' || (c == '+' && i == 0))
			continue;
		/* In a pattern '*' at the end is "any rest"; elsewhere a digit. */
		if (c == '*')
			continue;
		return false;
	}
	(void)pattern;
	return true;
}

bool lines_did_matches(const char *rule, const char *did)
{
	size_t length = strlen(rule);

	if (length > 0 && rule[length - 1] == '*')
		return strncmp(rule, did, length - 1) == 0;
	return strcmp(rule, did) == 0;
}

/* "HOST[:PORT]"; @ipv4_only for our own address. */
static bool parse_host_port(struct parser *p, const char *key, const char *value,
			    bool ipv4_only, char *host, size_t host_size, uint16_t *port)
{
	const char *colon = strrchr(value, ':');
	size_t host_length = colon ? (size_t)(colon - value) : strlen(value);
	unsigned long port_value = 5060;
	struct in_addr address;

	if (colon && !parse_uint(colon + 1, 1, 65535, &port_value)) {
		error(p, "%s: the port after ':' must be 1..65535", key);
		return false;
	}
	if (host_length == 0 || host_length >= host_size) {
		error(p, "%s: a host of 1..%zu characters is needed", key, host_size - 1);
		return false;
	}
	memcpy(host, value, host_length);
	host[host_length] = '\0';
	if (ipv4_only && inet_pton(AF_INET, host, &address) != 1) {
		error(p, "%s: \"%s\" is not an IPv4 address", key, host);
		return false;
	}
	for (const char *c = host; *c; c++) {
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '-') {
			error(p, "%s: \"%s\" is not a host name or IPv4 address", key, host);
			return false;
		}
	}
	*port = (uint16_t)port_value;
	return true;
}

static void trunk_defaults(struct lines_trunk *trunk)
{
	trunk->codec_count = 2;
	trunk->codecs[0] = RTP_PT_PCMU;
	trunk->codecs[1] = RTP_PT_PCMA;
	trunk->rtp_port_min = 20000;
	trunk->rtp_port_max = 20999;
	trunk->jitter_ms = 60;
	trunk->answer_timeout_s = 60;
}

static void trunk_key(struct parser *p, struct lines_trunk *trunk, const char *key,
		      char *value)
{
	unsigned long number;

	if (strcmp(key, "local") == 0) {
		parse_host_port(p, key, value, true, trunk->local_address,
				sizeof(trunk->local_address), &trunk->local_port);
	} else if (strcmp(key, "peer") == 0) {
		parse_host_port(p, key, value, false, trunk->peer_host, sizeof(trunk->peer_host),
				&trunk->peer_port);
	} else if (strcmp(key, "transport") == 0) {
		if (strcmp(value, "udp") != 0)
			error(p, "transport: only udp is supported (not \"%s\")", value);
	} else if (strcmp(key, "codecs") == 0) {
		char *save = NULL;

		trunk->codec_count = 0;
		for (char *word = strtok_r(value, " ,", &save); word;
		     word = strtok_r(NULL, " ,", &save)) {
			uint8_t type;

			if (strcasecmp(word, "pcmu") == 0) {
				type = RTP_PT_PCMU;
			} else if (strcasecmp(word, "pcma") == 0) {
				type = RTP_PT_PCMA;
			} else {
				error(p, "codecs: unknown codec \"%s\" (pcmu, pcma)", word);
				return;
			}
			for (unsigned int i = 0; i < trunk->codec_count; i++) {
				if (trunk->codecs[i] == type) {
					error(p, "codecs: \"%s\" named twice", word);
					return;
				}
			}
			trunk->codecs[trunk->codec_count++] = type;
		}
		if (trunk->codec_count == 0)
			error(p, "codecs: at least one of pcmu, pcma");
	} else if (strcmp(key, "rtp_ports") == 0) {
		char *dash = strchr(value, '-');
		unsigned long low, high;

		if (!dash) {
			error(p, "rtp_ports: a range LOW-HIGH is needed");
			return;
		}
		*dash = '\0';
		if (!parse_uint(trim(value), 1024, 65534, &low) ||
		    !parse_uint(trim(dash + 1), 1024, 65535, &high) || high < low + 1) {
			error(p, "rtp_ports: LOW-HIGH within 1024..65535 with room for one even port");
			return;
		}
		trunk->rtp_port_min = (uint16_t)low;
		trunk->rtp_port_max = (uint16_t)high;
	} else if (strcmp(key, "jitter_ms") == 0) {
		if (!parse_uint(value, 20, JITTER_MS_MAX, &number) || number % 20 != 0)
			error(p, "jitter_ms: a multiple of 20 from 20 to %u", JITTER_MS_MAX);
		else
			trunk->jitter_ms = (unsigned int)number;
	} else if (strcmp(key, "answer_timeout_s") == 0) {
		if (!parse_uint(value, 5, 600, &number))
			error(p, "answer_timeout_s: 5..600 seconds");
		else
			trunk->answer_timeout_s = (unsigned int)number;
	} else {
		error(p, "unknown key \"%s\" in a [trunk] section", key);
	}
}

static void port_key(struct parser *p, struct lines_port *port, const char *key, char *value)
{
	unsigned long number;

	if (strcmp(key, "trunk") == 0) {
		if (!valid_name(value)) {
			error(p, "trunk: not a trunk name");
			return;
		}
		snprintf(p->port_trunk, sizeof(p->port_trunk), "%s", value);
		p->port_trunk_line = p->line;
	} else if (strcmp(key, "device") == 0) {
		if (!parse_uint(value, 0, UINT32_MAX, &number)) {
			error(p, "device: a DeviceId (a port's number in /dev/faxportN)");
			return;
		}
		port->by_device = true;
		port->device_id = (uint32_t)number;
	} else if (strcmp(key, "number") == 0) {
		if (!valid_number(value, false) || strchr(value, '*')) {
			error(p, "number: digits, '#', a leading '+', at most %d characters",
			      FAXPORT_NUMBER_SIZE - 1);
			return;
		}
		snprintf(port->number, sizeof(port->number), "%s", value);
	} else if (strcmp(key, "did") == 0) {
		char *save = NULL;

		port->did_count = 0;
		for (char *word = strtok_r(value, " ,", &save); word;
		     word = strtok_r(NULL, " ,", &save)) {
			char *star = strchr(word, '*');

			if (!valid_number(word, true) || (star && star[1] != '\0')) {
				error(p, "did: \"%s\" is not a number, a prefix ending in '*' or '*'",
				      word);
				return;
			}
			if (port->did_count == LINES_CONF_MAX_DIDS) {
				error(p, "did: at most %d rules", LINES_CONF_MAX_DIDS);
				return;
			}
			snprintf(port->dids[port->did_count++], FAXPORT_NUMBER_SIZE, "%s", word);
		}
		if (port->did_count == 0)
			error(p, "did: at least one rule");
	} else {
		error(p, "unknown key \"%s\" in a [port] section", key);
	}
}

/* The checks that need the whole section. */
static void end_section(struct parser *p)
{
	struct lines_conf *conf = p->conf;

	if (p->section == IN_TRUNK) {
		struct lines_trunk *trunk = &conf->trunks[p->index];

		if (!trunk->local_address[0])
			error_at(p, trunk->line, "[trunk %s]: local = ADDRESS[:PORT] is missing",
				 trunk->name);
		if (!trunk->peer_host[0])
			error_at(p, trunk->line, "[trunk %s]: peer = HOST[:PORT] is missing",
				 trunk->name);
	} else if (p->section == IN_PORT) {
		struct lines_port *port = &conf->ports[p->index];
		bool found = false;

		if (!p->port_trunk[0]) {
			error_at(p, port->line, "[port %s]: trunk = NAME is missing", port->name);
		} else {
			for (unsigned int i = 0; i < conf->trunk_count; i++) {
				if (strcmp(conf->trunks[i].name, p->port_trunk) == 0) {
					port->trunk = i;
					found = true;
				}
			}
			if (!found)
				error_at(p, p->port_trunk_line,
					 "trunk: no [trunk %s] above this line", p->port_trunk);
		}
		if (port->by_device == (port->number[0] != '\0'))
			error_at(p, port->line, "[port %s]: one of device = N or number = NUMBER",
				 port->name);
	}
	p->section = IN_GLOBAL;
	p->port_trunk[0] = '\0';
}

static void begin_section(struct parser *p, char *header)
{
	struct lines_conf *conf = p->conf;
	char *close = strchr(header, ']');
	char *kind, *name, *save = NULL;

	end_section(p);
	if (!close || trim(close + 1)[0] != '\0') {
		error(p, "a section header is [trunk NAME] or [port NAME]");
		return;
	}
	*close = '\0';
	kind = strtok_r(header + 1, " \t", &save);
	name = strtok_r(NULL, " \t", &save);
	if (!kind || !name || strtok_r(NULL, " \t", &save)) {
		error(p, "a section header is [trunk NAME] or [port NAME]");
		return;
	}
	if (!valid_name(name)) {
		error(p, "\"%s\": a name is 1..%d letters, digits, '.', '_' or '-'", name,
		      LINES_CONF_NAME_SIZE - 1);
		return;
	}
	if (strcmp(kind, "trunk") == 0) {
		for (unsigned int i = 0; i < conf->trunk_count; i++) {
			if (strcmp(conf->trunks[i].name, name) == 0) {
				error(p, "[trunk %s] again (line %u)", name, conf->trunks[i].line);
				return;
			}
		}
		if (conf->trunk_count == LINES_CONF_MAX_TRUNKS) {
			error(p, "at most %d trunks", LINES_CONF_MAX_TRUNKS);
			return;
		}
		p->section = IN_TRUNK;
		p->index = conf->trunk_count++;
		trunk_defaults(&conf->trunks[p->index]);
		snprintf(conf->trunks[p->index].name, LINES_CONF_NAME_SIZE, "%s", name);
		conf->trunks[p->index].line = p->line;
	} else if (strcmp(kind, "port") == 0) {
		for (unsigned int i = 0; i < conf->port_count; i++) {
			if (strcmp(conf->ports[i].name, name) == 0) {
				error(p, "[port %s] again (line %u)", name, conf->ports[i].line);
				return;
			}
		}
		if (conf->port_count == LINES_CONF_MAX_PORTS) {
			error(p, "at most %d ports", LINES_CONF_MAX_PORTS);
			return;
		}
		p->section = IN_PORT;
		p->index = conf->port_count++;
		snprintf(conf->ports[p->index].name, LINES_CONF_NAME_SIZE, "%s", name);
		conf->ports[p->index].line = p->line;
	} else {
		error(p, "unknown section [%s] (trunk, port)", kind);
	}
}

static void parse_line(struct parser *p, char *text)
{
	char *hash = strchr(text, '#');
	char *equals, *key, *value;

	if (hash)
		*hash = '\0';
	text = trim(text);
	if (!text[0])
		return;
	if (text[0] == '[') {
		begin_section(p, text);
		return;
	}
	equals = strchr(text, '=');
	if (!equals) {
		error(p, "expected key = value");
		return;
	}
	*equals = '\0';
	key = trim(text);
	value = trim(equals + 1);
	if (!value[0]) {
		error(p, "%s: a value is needed", key);
		return;
	}
	if (p->section == IN_TRUNK) {
		trunk_key(p, &p->conf->trunks[p->index], key, value);
	} else if (p->section == IN_PORT) {
		port_key(p, &p->conf->ports[p->index], key, value);
	} else if (strcmp(key, "log_level") == 0) {
		static const char *const names[] = { "error", "warning", "notice", "info", "debug" };
		static const int levels[] = { LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG };
		bool known = false;

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (strcmp(value, names[i]) == 0) {
				p->conf->log_level = levels[i];
				known = true;
			}
		}
		if (!known)
			error(p, "log_level: error, warning, notice, info or debug");
	} else {
		error(p, "unknown key \"%s\" (outside a section only log_level)", key);
	}
}

/* Two ports on one kernel port, or one DID pattern twice on a trunk. */
static void check_whole(struct parser *p)
{
	struct lines_conf *conf = p->conf;

	for (unsigned int i = 0; i < conf->port_count; i++) {
		for (unsigned int j = 0; j < i; j++) {
			const struct lines_port *a = &conf->ports[j], *b = &conf->ports[i];

			if ((a->by_device && b->by_device && a->device_id == b->device_id) ||
			    (a->number[0] && strcmp(a->number, b->number) == 0))
				error_at(p, b->line, "[port %s] is the same kernel port as [port %s]",
					 b->name, a->name);
		}
	}
	for (unsigned int i = 0; i < conf->trunk_count; i++) {
		for (unsigned int j = 0; j < i; j++) {
			if (strcmp(conf->trunks[i].local_address, conf->trunks[j].local_address) == 0 &&
			    conf->trunks[i].local_port == conf->trunks[j].local_port)
				error_at(p, conf->trunks[i].line,
					 "[trunk %s] has the local address of [trunk %s]",
					 conf->trunks[i].name, conf->trunks[j].name);
		}
	}
	if (conf->port_count == 0 && p->errors == 0)
		error_at(p, p->line, "no [port] section: faxlined would carry no line");
}

unsigned int lines_conf_load(const char *path, struct lines_conf *conf, FILE *errors)
{
	struct parser p = { .path = path, .out = errors, .conf = conf };
	char *line = NULL;
	size_t capacity = 0;
	ssize_t length;
	FILE *file;

	memset(conf, 0, sizeof(*conf));
	conf->log_level = LOG_NOTICE;
	file = fopen(path, "re");
	if (!file) {
		if (errors)
			fprintf(errors, "%s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((length = getline(&line, &capacity, file)) >= 0) {
		p.line++;
		if (length > LINE_MAX_BYTES) {
			error(&p, "line longer than %d bytes", LINE_MAX_BYTES);
			continue;
		}
		if (memchr(line, '\0', (size_t)length)) {
			error(&p, "a NUL byte in the line");
			continue;
		}
		if (length > 0 && line[length - 1] == '\n')
			line[length - 1] = '\0';
		parse_line(&p, line);
	}
	if (ferror(file))
		error(&p, "read error: %s", strerror(errno));
	free(line);
	fclose(file);
	end_section(&p);
	check_whole(&p);
	return p.errors;
}
