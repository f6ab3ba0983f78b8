// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_INIT
#include "config.h"
#include "branding.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "../engine/log.h"
#include "../engine/names.h"
#include "../t30/fax_call.h"

/* Which per-port keys a section sets, so that the rest falls through to the globals. */
enum setting_bit {
	SET_MODEMS = 1u << 0,
	SET_COMPRESSIONS = 1u << 1,
	SET_ECM = 1u << 2,
	SET_LOCAL_IDENT = 1u << 3,
	SET_HEADER_INFO = 1u << 4,
	SET_STORE = 1u << 5,
	SET_STORE_FOLDER = 1u << 6,
	SET_ROUTE_COMMAND = 1u << 7,
};

struct faxd_config_section {
	uint32_t device_id;		/* 0 for the global section */
	unsigned int set;		/* SET_* bits */
	struct faxd_port_settings settings;
	/* The strings the settings point to. */
	char *local_ident;
	char *header_info;
	char *store_folder;
	char *route_command;
};

struct parser {
	struct faxd_config *config;
	struct faxd_config_section *section;
	const char *path;
	unsigned int line_number;
	char *error;
};

static void parse_error(struct parser *parser, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static void parse_error(struct parser *parser, const char *format, ...)
{
	char *message = NULL;
	va_list args;

	if (parser->error)
		return;
	va_start(args, format);
	if (vasprintf(&message, format, args) < 0)
		message = NULL;
	va_end(args);
	if (asprintf(&parser->error, "%s:%u: %s", parser->path, parser->line_number,
		     message ? message : "out of memory") < 0)
		parser->error = NULL;
	free(message);
}

static char *trim(char *text)
{
	char *end;

	while (isspace((unsigned char)*text))
		text++;
	end = text + strlen(text);
	while (end > text && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return text;
}

static int replace_string(struct parser *parser, char **slot, const char *value)
{
	char *copy = strdup(value);

	if (!copy) {
		parse_error(parser, "out of memory");
		return -1;
	}
	free(*slot);
	*slot = copy;
	return 0;
}

static bool printable_ident(const char *text, size_t max_length)
{
	size_t length = strlen(text);

	if (length > max_length)
		return false;
	for (size_t i = 0; i < length; i++)
		if (text[i] < 0x20 || text[i] > 0x7e)
			return false;
	return true;
}

static int parse_seconds(struct parser *parser, const char *key, const char *value,
			 unsigned long min, unsigned int *seconds)
{
	unsigned long parsed;

	if (faxd_parse_uint(value, min, 7ul * 24 * 3600, &parsed)) {
		parse_error(parser, "%s: '%s' is not a number of seconds (%lu..604800)", key,
			    value, min);
		return -1;
	}
	*seconds = (unsigned int)parsed;
	return 0;
}

static int parse_port_list(struct parser *parser, const char *value)
{
	struct faxd_config *config = parser->config;
	char *copy, *word, *save = NULL;

	free(config->ports);
	config->ports = NULL;
	config->port_count = 0;
	config->all_ports = !strcmp(value, "all");
	if (config->all_ports)
		return 0;
	copy = strdup(value);
	if (!copy) {
		parse_error(parser, "out of memory");
		return -1;
	}
	for (word = strtok_r(copy, ", \t", &save); word; word = strtok_r(NULL, ", \t", &save)) {
		unsigned long id;
		uint32_t *grown;

		if (faxd_parse_uint(word, 1, UINT32_MAX, &id)) {
			parse_error(parser, "ports: '%s' is not a port number", word);
			break;
		}
		grown = realloc(config->ports, (config->port_count + 1) * sizeof(*grown));
		if (!grown) {
			parse_error(parser, "out of memory");
			break;
		}
		config->ports = grown;
		config->ports[config->port_count++] = (uint32_t)id;
	}
	free(copy);
	if (!parser->error && !config->port_count)
		parse_error(parser, "ports: say 'all' or list port numbers");
	return parser->error ? -1 : 0;
}

/* Keys allowed in any section. Returns 1 if @key is one, 0 if not, -1 on a bad value. */
static int parse_port_key(struct parser *parser, const char *key, const char *value)
{
	struct faxd_config_section *section = parser->section;
	struct faxd_port_settings *settings = &section->settings;
	int parsed;

	if (!strcmp(key, "modems")) {
		parsed = faxd_parse_modems(value);
		if (parsed < 0)
			goto bad;
		settings->modems = (unsigned int)parsed;
		section->set |= SET_MODEMS;
	} else if (!strcmp(key, "compressions")) {
		parsed = faxd_parse_compressions(value);
		if (parsed < 0)
			goto bad;
		settings->compressions = (unsigned int)parsed;
		section->set |= SET_COMPRESSIONS;
	} else if (!strcmp(key, "ecm")) {
		parsed = faxd_parse_bool(value);
		if (parsed < 0)
			goto bad;
		settings->disable_ecm = !parsed;
		section->set |= SET_ECM;
	} else if (!strcmp(key, "local_ident")) {
		if (!printable_ident(value, FAX_CALL_IDENT_MAX))
			goto bad;
		if (replace_string(parser, &section->local_ident, value))
			return -1;
		section->set |= SET_LOCAL_IDENT;
	} else if (!strcmp(key, "header_info")) {
		if (!faxd_header_format_valid(value))
			goto bad;
		if (replace_string(parser, &section->header_info, value))
			return -1;
		section->set |= SET_HEADER_INFO;
	} else if (!strcmp(key, "store_in_folder")) {
		parsed = faxd_parse_bool(value);
		if (parsed < 0)
			goto bad;
		settings->store_in_folder = parsed;
		section->set |= SET_STORE;
	} else if (!strcmp(key, "store_folder")) {
		if (value[0] != '/')
			goto bad;
		if (replace_string(parser, &section->store_folder, value))
			return -1;
		section->set |= SET_STORE_FOLDER;
	} else if (!strcmp(key, "route_command")) {
		/* Empty turns the method off (to override a global command for one port). */
		if (value[0] && value[0] != '/')
			goto bad;
		if (replace_string(parser, &section->route_command, value))
			return -1;
		section->set |= SET_ROUTE_COMMAND;
	} else {
		return 0;
	}
	return 1;
bad:
	parse_error(parser, "%s: bad value '%s'", key, value);
	return -1;
}

bool faxd_config_route_command_name_valid(const char *name)
{
	size_t length = strlen(name);

	/* The kernel's rule (uapi/linux/faxport.h), so every name set there can be defined. */
	if (!length || length >= FAXPORT_ROUTING_COMMAND_NAME_SIZE ||
	    !isalnum((unsigned char)name[0]))
		return false;
	for (size_t i = 1; i < length; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("._-", name[i]))
			return false;
	return true;
}

const char *faxd_config_route_command(const struct faxd_config *config, const char *name)
{
	for (size_t i = 0; i < config->route_command_count; i++)
		if (!strcmp(config->route_commands[i].name, name))
			return config->route_commands[i].command_line;
	return NULL;
}

/* "route_command NAME = /program args" */
static int define_route_command(struct parser *parser, const char *name, const char *value)
{
	struct faxd_config *config = parser->config;
	struct faxd_route_command *grown, *command;

	if (!faxd_config_route_command_name_valid(name)) {
		parse_error(parser, "route_command '%s': a name is a letter or digit, then "
			    "letters, digits, '.', '_' or '-' (at most %d)", name,
			    FAXPORT_ROUTING_COMMAND_NAME_SIZE - 1);
		return -1;
	}
	if (value[0] != '/') {
		parse_error(parser, "route_command %s: the program must be an absolute path", name);
		return -1;
	}
	if (faxd_config_route_command(config, name)) {
		parse_error(parser, "route_command %s: defined twice", name);
		return -1;
	}
	grown = realloc(config->route_commands,
			(config->route_command_count + 1) * sizeof(*grown));
	if (!grown) {
		parse_error(parser, "out of memory");
		return -1;
	}
	config->route_commands = grown;
	command = &grown[config->route_command_count];
	command->name = strdup(name);
	command->command_line = strdup(value);
	config->route_command_count++;
	if (!command->name || !command->command_line) {
		parse_error(parser, "out of memory");
		return -1;
	}
	return 0;
}

static int parse_limit(struct parser *parser, const char *key, const char *value,
		       unsigned long min, unsigned long max, unsigned long *limit)
{
	if (faxd_parse_uint(value, min, max, limit)) {
		parse_error(parser, "%s: '%s' is not a number in %lu..%lu", key, value, min, max);
		return -1;
	}
	return 0;
}

/* "notify_command" or "receive_command": a program run without a shell; empty: off. */
static int set_hook_command(struct parser *parser, const char *key, const char *value)
{
	struct faxd_config *config = parser->config;
	char **slot = !strcmp(key, "notify_command") ? &config->notify_command
						     : &config->receive_command;

	if (!value[0]) {
		free(*slot);
		*slot = NULL;
		return 0;
	}
	if (value[0] != '/') {
		parse_error(parser, "%s: the program must be an absolute path", key);
		return -1;
	}
	return replace_string(parser, slot, value);
}

static int parse_global_key(struct parser *parser, const char *key, const char *value)
{
	struct faxd_config *config = parser->config;
	struct faxd_route_limits *limits = &config->route_limits;
	unsigned long number;

	if (!strcmp(key, "spool_dir")) {
		if (value[0] != '/') {
			parse_error(parser, "spool_dir: must be an absolute path");
			return -1;
		}
		return replace_string(parser, &config->spool_dir, value);
	}
	if (!strcmp(key, "clock")) {
		if (!strcmp(value, "realtime")) {
			config->clock = FAXPORT_CLOCK_REALTIME;
		} else if (!strcmp(value, "free-running")) {
			config->clock = FAXPORT_CLOCK_FREE_RUNNING;
		} else {
			parse_error(parser, "clock: 'realtime' or 'free-running', not '%s'", value);
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "ports"))
		return parse_port_list(parser, value);
	if (!strcmp(key, "log_level")) {
		config->log_level = faxd_log_level_from_name(value);
		if (config->log_level < 0) {
			parse_error(parser, "log_level: error, warning, notice, info or debug");
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "call_deadline_s"))
		return parse_seconds(parser, key, value, 10, &config->call_deadline_s);
	if (!strcmp(key, "phase_deadline_s"))
		return parse_seconds(parser, key, value, 10, &config->phase_deadline_s);
	if (!strcmp(key, "dial_timeout_s"))
		return parse_seconds(parser, key, value, 0, &config->dial_timeout_s);
	if (!strcmp(key, "stall_timeout_s"))
		return parse_seconds(parser, key, value, 1, &config->stall_timeout_s);
	if (!strcmp(key, "shutdown_grace_s"))
		return parse_seconds(parser, key, value, 0, &config->shutdown_grace_s);
	if (!strcmp(key, "rescan_interval_s"))
		return parse_seconds(parser, key, value, 0, &config->rescan_interval_s);
	if (!strcmp(key, "realtime_priority")) {
		if (faxd_parse_uint(value, 0, 99, &number)) {
			parse_error(parser, "realtime_priority: '%s' is not 0 (off) or a "
				    "priority from 1 to 99", value);
			return -1;
		}
		config->realtime_priority = (unsigned int)number;
		return 0;
	}
	if (!strncmp(key, "route_command", 13) && isspace((unsigned char)key[13]))
		return define_route_command(parser, trim((char *)key + 13), value);
	if (!strcmp(key, "route_timeout_s"))
		return parse_seconds(parser, key, value, 1, &limits->timeout_s);
	if (!strcmp(key, "mail_delivery")) {
		if (!strcmp(value, "direct")) {
			config->mail_spooled = false;
		} else if (!strcmp(value, "spool")) {
			config->mail_spooled = true;
		} else {
			parse_error(parser, "mail_delivery: 'direct' or 'spool', not '%s'", value);
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "mail_command")) {
		if (value[0] != '/') {
			parse_error(parser, "mail_command: the program must be an absolute path");
			return -1;
		}
		return replace_string(parser, &config->mail_command, value);
	}
	if (!strcmp(key, "transfer_log")) {
		if (!value[0]) {
			free(config->transfer_log);
			config->transfer_log = NULL;
			return 0;
		}
		if (value[0] != '/') {
			parse_error(parser, "transfer_log: must be an absolute path (or empty: off)");
			return -1;
		}
		return replace_string(parser, &config->transfer_log, value);
	}
	if (!strcmp(key, "notify_command") || !strcmp(key, "receive_command"))
		return set_hook_command(parser, key, value);
	if (!strcmp(key, "route_max_running")) {
		if (parse_limit(parser, key, value, 1, 64, &number))
			return -1;
		limits->max_running = (unsigned int)number;
		return 0;
	}
	if (!strcmp(key, "route_memory_mb"))
		return parse_limit(parser, key, value, 16, 1ul << 20, &limits->memory_mb);
	if (!strcmp(key, "route_max_files"))
		return parse_limit(parser, key, value, 16, 1ul << 20, &limits->max_files);
	if (!strcmp(key, "route_max_processes"))
		return parse_limit(parser, key, value, 1, 1ul << 20, &limits->max_processes);
	parse_error(parser, "unknown key '%s'", key);
	return -1;
}

static struct faxd_config_section *find_section(const struct faxd_config *config,
						uint32_t device_id)
{
	for (size_t i = 1; i < config->section_count; i++)
		if (config->sections[i].device_id == device_id)
			return &config->sections[i];
	return NULL;
}

static int start_section(struct parser *parser, char *header)
{
	struct faxd_config *config = parser->config;
	struct faxd_config_section *grown;
	unsigned long id;
	char *inside;

	if (strncmp(header, "[port ", 6) || header[strlen(header) - 1] != ']') {
		parse_error(parser, "sections are '[port N]', not '%s'", header);
		return -1;
	}
	header[strlen(header) - 1] = '\0';
	inside = trim(header + 6);
	if (faxd_parse_uint(inside, 1, UINT32_MAX, &id)) {
		parse_error(parser, "'%s' is not a port number", inside);
		return -1;
	}
	if (find_section(config, (uint32_t)id)) {
		parse_error(parser, "a second [port %lu]", id);
		return -1;
	}
	grown = realloc(config->sections, (config->section_count + 1) * sizeof(*grown));
	if (!grown) {
		parse_error(parser, "out of memory");
		return -1;
	}
	config->sections = grown;
	parser->section = &config->sections[config->section_count++];
	memset(parser->section, 0, sizeof(*parser->section));
	parser->section->device_id = (uint32_t)id;
	return 0;
}

static int parse_line(struct parser *parser, char *line)
{
	char *text = trim(line), *equals, *key, *value;
	int handled;

	if (!*text || *text == '#' || *text == ';')
		return 0;
	if (*text == '[')
		return start_section(parser, text);
	equals = strchr(text, '=');
	if (!equals) {
		parse_error(parser, "expected 'key = value'");
		return -1;
	}
	*equals = '\0';
	key = trim(text);
	value = trim(equals + 1);
	handled = parse_port_key(parser, key, value);
	if (handled)
		return handled < 0 ? -1 : 0;
	if (parser->section != &parser->config->sections[0]) {
		parse_error(parser, "'%s' is not a per-port key", key);
		return -1;
	}
	return parse_global_key(parser, key, value);
}

static struct faxd_config *config_defaults(void)
{
	struct faxd_config *config = calloc(1, sizeof(*config));

	if (!config)
		return NULL;
	config->spool_dir = strdup(FAXD_DEFAULT_SPOOL_DIR);
	config->mail_command = strdup(FAXD_DEFAULT_MAIL_COMMAND);
	config->transfer_log = strdup(FAXD_DEFAULT_TRANSFER_LOG);
	config->sections = calloc(1, sizeof(*config->sections));
	if (!config->spool_dir || !config->mail_command || !config->transfer_log ||
	    !config->sections) {
		faxd_config_free(config);
		return NULL;
	}
	config->section_count = 1;
	config->sections[0].settings.store_in_folder = true;
	config->clock = FAXPORT_CLOCK_REALTIME;
	config->all_ports = true;
	config->log_level = LOG_INFO;
	config->call_deadline_s = 3600;
	config->phase_deadline_s = 600;
	config->dial_timeout_s = 0;
	config->stall_timeout_s = 30;
	config->shutdown_grace_s = 60;
	config->rescan_interval_s = 0;
	config->realtime_priority = FAXD_DEFAULT_REALTIME_PRIORITY;
	config->route_limits = (struct faxd_route_limits){
		.timeout_s = 300,
		.max_running = 4,
		.memory_mb = 1024,
		.max_files = 256,
		.max_processes = 64,
	};
	return config;
}

/* Point the settings' strings at their section's copies (the array may have moved). */
static void link_strings(struct faxd_config *config)
{
	for (size_t i = 0; i < config->section_count; i++) {
		struct faxd_config_section *section = &config->sections[i];

		section->settings.local_ident = section->local_ident;
		section->settings.header_info = section->header_info;
		section->settings.store_folder = section->store_folder;
		section->settings.route_command =
			section->route_command && section->route_command[0]
			? section->route_command : NULL;
	}
}

/*
 * The config names the programs faxd runs and the folders it writes into,
 * so whoever may change it may run code as faxd: only root and faxd's own
 * user may. Checked on the open file, so a rename after the check changes
 * nothing.
 */
static int refuse_foreign_file(struct parser *parser, int fd)
{
	struct stat status;
	int length = 0;

	if (fstat(fd, &status))
		length = asprintf(&parser->error, "%s: %s", parser->path, strerror(errno));
	else if (status.st_uid != 0 && status.st_uid != geteuid())
		length = asprintf(&parser->error, "%s: owned by uid %u: faxd reads a configuration "
				  "owned by root or by its own user (uid %u) only", parser->path,
				  (unsigned int)status.st_uid, (unsigned int)geteuid());
	else if (status.st_mode & (S_IWGRP | S_IWOTH))
		length = asprintf(&parser->error, "%s: writable by its group or by everyone "
				  "(mode %04o): faxd reads a configuration only its owner may "
				  "change", parser->path, (unsigned int)(status.st_mode & 07777));
	else
		return 0;
	if (length < 0)
		parser->error = strdup("out of memory");
	return -1;
}

struct faxd_config *faxd_config_load(const char *path, bool must_exist, char **error)
{
	struct parser parser = { .path = path };
	char *line = NULL;
	size_t capacity = 0;
	FILE *file;

	*error = NULL;
	parser.config = config_defaults();
	if (!parser.config) {
		*error = strdup("out of memory");
		return NULL;
	}
	parser.section = &parser.config->sections[0];
	file = fopen(path, "re");
	if (!file) {
		if (errno == ENOENT && !must_exist) {
			link_strings(parser.config);
			return parser.config;
		}
		if (asprintf(error, "%s: %s", path, strerror(errno)) < 0)
			*error = NULL;
		faxd_config_free(parser.config);
		return NULL;
	}
	if (refuse_foreign_file(&parser, fileno(file))) {
		fclose(file);
		*error = parser.error;
		faxd_config_free(parser.config);
		return NULL;
	}
	while (getline(&line, &capacity, file) >= 0) {
		parser.line_number++;
		if (parse_line(&parser, line))
			break;
	}
	free(line);
	fclose(file);
	if (parser.error) {
		*error = parser.error;
		faxd_config_free(parser.config);
		return NULL;
	}
	link_strings(parser.config);
	return parser.config;
}

void faxd_config_free(struct faxd_config *config)
{
	if (!config)
		return;
	for (size_t i = 0; i < config->section_count; i++) {
		free(config->sections[i].local_ident);
		free(config->sections[i].header_info);
		free(config->sections[i].store_folder);
		free(config->sections[i].route_command);
	}
	for (size_t i = 0; i < config->route_command_count; i++) {
		free(config->route_commands[i].name);
		free(config->route_commands[i].command_line);
	}
	free(config->route_commands);
	free(config->sections);
	free(config->ports);
	free(config->spool_dir);
	free(config->mail_command);
	free(config->transfer_log);
	free(config->notify_command);
	free(config->receive_command);
	free(config);
}

void faxd_config_port_settings(const struct faxd_config *config, uint32_t device_id,
			       struct faxd_port_settings *settings)
{
	const struct faxd_config_section *section = find_section(config, device_id);
	const struct faxd_port_settings *own;

	*settings = config->sections[0].settings;
	if (!section)
		return;
	own = &section->settings;
	if (section->set & SET_MODEMS)
		settings->modems = own->modems;
	if (section->set & SET_COMPRESSIONS)
		settings->compressions = own->compressions;
	if (section->set & SET_ECM)
		settings->disable_ecm = own->disable_ecm;
	if (section->set & SET_LOCAL_IDENT)
		settings->local_ident = own->local_ident;
	if (section->set & SET_HEADER_INFO)
		settings->header_info = own->header_info;
	if (section->set & SET_STORE)
		settings->store_in_folder = own->store_in_folder;
	if (section->set & SET_STORE_FOLDER)
		settings->store_folder = own->store_folder;
	if (section->set & SET_ROUTE_COMMAND)
		settings->route_command = own->route_command;
}

bool faxd_config_wants_port(const struct faxd_config *config, uint32_t device_id)
{
	if (config->all_ports)
		return true;
	for (size_t i = 0; i < config->port_count; i++)
		if (config->ports[i] == device_id)
			return true;
	return false;
}
