// SPDX-License-Identifier: GPL-2.0
/*
 * faxctl config get [KEY...] / config set KEY=VALUE...: the server's
 * settings (FaxGet/SetConfiguration) and its logging levels
 * (FaxGet/SetLoggingCategories), under names a shell can type.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faxctl.h"
#include "json.h"
#include "terminal_text.h"

static const char config_help[] =
	"usage: faxctl config get [KEY...] [--json]\n"
	"       faxctl config set KEY=VALUE...\n"
	"Keys: retries, retry-delay (minutes), dirty-days, branding, use-device-tsid,\n"
	"server-cp, pause-queue, cheap-start and cheap-stop (HH:MM, local time),\n"
	"archive, archive-dir (absolute path, or empty), and the logging levels\n"
	"log-init, log-outbound, log-inbound, log-unknown (none, min, med, max).\n"
	"Booleans are yes or no. Setting needs the right to configure the server.\n";

enum key_kind { KEY_UINT, KEY_BOOL, KEY_TIME, KEY_PATH, KEY_LOG };

struct config_key {
	const char *name;
	enum key_kind kind;
	size_t offset;		/* into FAX_CONFIGURATIONA; for KEY_LOG the category */
	unsigned long max;	/* KEY_UINT */
};

#define FIELD(field) offsetof(FAX_CONFIGURATIONA, field)

static const struct config_key keys[] = {
	{ "retries", KEY_UINT, FIELD(Retries), 99 },
	{ "retry-delay", KEY_UINT, FIELD(RetryDelay), 1440 },
	{ "dirty-days", KEY_UINT, FIELD(DirtyDays), 365 },
	{ "branding", KEY_BOOL, FIELD(Branding), 0 },
	{ "use-device-tsid", KEY_BOOL, FIELD(UseDeviceTsid), 0 },
	{ "server-cp", KEY_BOOL, FIELD(ServerCp), 0 },
	{ "pause-queue", KEY_BOOL, FIELD(PauseServerQueue), 0 },
	{ "cheap-start", KEY_TIME, FIELD(StartCheapTime), 0 },
	{ "cheap-stop", KEY_TIME, FIELD(StopCheapTime), 0 },
	{ "archive", KEY_BOOL, FIELD(ArchiveOutgoingFaxes), 0 },
	{ "archive-dir", KEY_PATH, FIELD(ArchiveDirectory), 0 },
	{ "log-init", KEY_LOG, FAXLOG_CATEGORY_INIT, 0 },
	{ "log-outbound", KEY_LOG, FAXLOG_CATEGORY_OUTBOUND, 0 },
	{ "log-inbound", KEY_LOG, FAXLOG_CATEGORY_INBOUND, 0 },
	{ "log-unknown", KEY_LOG, FAXLOG_CATEGORY_UNKNOWN, 0 },
};

#define KEY_COUNT (sizeof(keys) / sizeof(keys[0]))

static const char *const log_levels[] = { "none", "min", "med", "max" };

/* Everything a get or set needs from the server, read once. */
struct settings {
	PFAX_CONFIGURATIONA config;
	PFAX_LOG_CATEGORYA categories;
	DWORD category_count;
};

static const struct config_key *find_key(const char *name, size_t length)
{
	for (size_t i = 0; i < KEY_COUNT; i++)
		if (strlen(keys[i].name) == length && !strncmp(keys[i].name, name, length))
			return &keys[i];
	return NULL;
}

static PFAX_LOG_CATEGORYA find_category(const struct settings *settings, DWORD category)
{
	for (DWORD i = 0; i < settings->category_count; i++)
		if (settings->categories[i].Category == category)
			return &settings->categories[i];
	return NULL;
}

static void *field(const FAX_CONFIGURATIONA *config, const struct config_key *key)
{
	return (char *)config + key->offset;
}

/* The value of KEY as `config set` would take it. */
static void format_value(const struct settings *settings, const struct config_key *key,
			 char *text, size_t size)
{
	const FAX_CONFIGURATIONA *config = settings->config;
	const FAX_LOG_CATEGORYA *category;

	switch (key->kind) {
	case KEY_UINT:
		snprintf(text, size, "%lu", (unsigned long)*(DWORD *)field(config, key));
		break;
	case KEY_BOOL:
		snprintf(text, size, "%s", *(BOOL *)field(config, key) ? "yes" : "no");
		break;
	case KEY_TIME: {
		const FAX_TIME *time = field(config, key);

		snprintf(text, size, "%02u:%02u", time->Hour, time->Minute);
		break;
	}
	case KEY_PATH: {
		const char *path = *(LPCSTR *)field(config, key);

		snprintf(text, size, "%s", path ? path : "");
		break;
	}
	case KEY_LOG:
		category = find_category(settings, (DWORD)key->offset);
		snprintf(text, size, "%s",
			 category && category->Level <= FAXLOG_LEVEL_MAX ?
			 log_levels[category->Level] : "unknown");
		break;
	}
}

static int read_settings(HANDLE server, struct settings *settings)
{
	if (!FaxGetConfigurationA(server, &settings->config))
		return faxctl_fail_api("cannot read the server's configuration", GetLastError());
	if (!FaxGetLoggingCategoriesA(server, &settings->categories, &settings->category_count)) {
		DWORD error = GetLastError();

		FaxFreeBuffer(settings->config);
		return faxctl_fail_api("cannot read the logging levels", error);
	}
	return FAXCTL_OK;
}

static void free_settings(struct settings *settings)
{
	FaxFreeBuffer(settings->config);
	FaxFreeBuffer(settings->categories);
}

static int config_get(struct faxctl_command_line *cmd, HANDLE server, bool as_json)
{
	const struct config_key *wanted[KEY_COUNT];
	size_t count = 0;
	struct settings settings;
	char value[512];
	int status;

	for (int i = optind; i < cmd->argc; i++) {
		const struct config_key *key = find_key(cmd->argv[i], strlen(cmd->argv[i]));

		if (!key)
			return faxctl_usage_error(cmd, "unknown key '%s'", cmd->argv[i]);
		if (count < KEY_COUNT)
			wanted[count++] = key;
	}
	if (!count)
		for (; count < KEY_COUNT; count++)
			wanted[count] = &keys[count];
	status = read_settings(server, &settings);
	if (status)
		return status;
	if (as_json) {
		struct json_writer json;

		json_init(&json, stdout);
		json_begin_object(&json, NULL);
		for (size_t i = 0; i < count; i++) {
			format_value(&settings, wanted[i], value, sizeof(value));
			json_string(&json, wanted[i]->name, value);
		}
		json_end_object(&json);
		json_end_line(&json);
	} else {
		for (size_t i = 0; i < count; i++) {
			format_value(&settings, wanted[i], value, sizeof(value));
			/* A path is whatever an admin stored: never raw to a terminal. */
			printf("%s = ", wanted[i]->name);
			terminal_text_write(stdout, value, strlen(value));
			putchar('\n');
		}
	}
	free_settings(&settings);
	return FAXCTL_OK;
}

static bool parse_bool(const char *text, BOOL *value)
{
	if (!strcmp(text, "yes") || !strcmp(text, "on") || !strcmp(text, "true") ||
	    !strcmp(text, "1"))
		*value = TRUE;
	else if (!strcmp(text, "no") || !strcmp(text, "off") || !strcmp(text, "false") ||
		 !strcmp(text, "0"))
		*value = FALSE;
	else
		return false;
	return true;
}

static bool parse_time_of_day(const char *text, FAX_TIME *time)
{
	unsigned int hour, minute;
	char end;

	if (sscanf(text, "%2u:%2u%c", &hour, &minute, &end) != 2 || hour > 23 || minute > 59 ||
	    strlen(text) != 5)
		return false;
	time->Hour = (WORD)hour;
	time->Minute = (WORD)minute;
	return true;
}

/* Applies one KEY=VALUE to the copies in SETTINGS; with SETTINGS NULL it
 * only checks the words, so that a typo is reported before connecting. */
static int assign_value(struct faxctl_command_line *cmd, const char *where,
			struct settings *settings, FAX_CONFIGURATIONA *config,
			const struct config_key *key, const char *value, bool *config_changed,
			bool *logging_changed);

/*
 * A value that cannot be used: a usage error on the command line, or with
 * @where ("FILE:LINE" of `faxctl settings apply`) a message naming the
 * line, FAXCTL_BAD_DATA.
 */
__attribute__((format(printf, 3, 4)))
static int bad_value(const struct faxctl_command_line *cmd, const char *where,
		     const char *format, ...)
{
	va_list args;

	if (!where) {
		char *message;
		int status;

		va_start(args, format);
		if (vasprintf(&message, format, args) < 0)
			message = NULL;
		va_end(args);
		status = faxctl_usage_error(cmd, "%s", message ? message : "bad value");
		free(message);
		return status;
	}
	fprintf(stderr, "faxctl: ");
	terminal_text_write(stderr, where, strlen(where));
	fputs(": ", stderr);
	va_start(args, format);
	faxctl_vprint_text(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
	return FAXCTL_BAD_DATA;
}

static int apply_assignment(struct faxctl_command_line *cmd, struct settings *settings,
			    FAX_CONFIGURATIONA *config, const char *assignment, bool *config_changed,
			    bool *logging_changed)
{
	const char *equals = strchr(assignment, '=');
	const struct config_key *key;

	if (!equals)
		return faxctl_usage_error(cmd, "'%s' is not KEY=VALUE", assignment);
	key = find_key(assignment, (size_t)(equals - assignment));
	if (!key)
		return faxctl_usage_error(cmd, "unknown key '%.*s'", (int)(equals - assignment),
					  assignment);
	return assign_value(cmd, NULL, settings, config, key, equals + 1, config_changed,
			    logging_changed);
}

/* Applies KEY's VALUE to the copies in SETTINGS; with SETTINGS NULL it only
 * checks the value. */
static int assign_value(struct faxctl_command_line *cmd, const char *where,
			struct settings *settings, FAX_CONFIGURATIONA *config,
			const struct config_key *key, const char *value, bool *config_changed,
			bool *logging_changed)
{
	unsigned long number;

	switch (key->kind) {
	case KEY_UINT:
		if (!faxctl_parse_uint(value, key->max, &number))
			return bad_value(cmd, where, "%s takes a number from 0 to %lu, not '%s'",
						  key->name, key->max, value);
		*(DWORD *)field(config, key) = (DWORD)number;
		break;
	case KEY_BOOL:
		if (!parse_bool(value, field(config, key)))
			return bad_value(cmd, where, "%s takes yes or no, not '%s'", key->name, value);
		break;
	case KEY_TIME:
		if (!parse_time_of_day(value, field(config, key)))
			return bad_value(cmd, where, "%s takes a time of day HH:MM, not '%s'",
						  key->name, value);
		break;
	case KEY_PATH:
		if (value[0] && value[0] != '/')
			return bad_value(cmd, where, "%s takes an absolute path, not '%s'",
						  key->name, value);
		*(LPCSTR *)field(config, key) = value[0] ? value : NULL;
		break;
	case KEY_LOG: {
		PFAX_LOG_CATEGORYA category =
			settings ? find_category(settings, (DWORD)key->offset) : NULL;
		DWORD level;

		for (level = 0; level <= FAXLOG_LEVEL_MAX; level++)
			if (!strcmp(value, log_levels[level]))
				break;
		if (level > FAXLOG_LEVEL_MAX)
			return bad_value(cmd, where, "%s takes none, min, med or max, not '%s'",
						  key->name, value);
		if (!settings)
			return FAXCTL_OK;
		if (!category)
			return faxctl_fail(FAXCTL_FAILED, "the server has no logging category %s",
					   key->name);
		category->Level = level;
		*logging_changed = true;
		return FAXCTL_OK;
	}
	}
	*config_changed = true;
	return FAXCTL_OK;
}

static int config_set(struct faxctl_command_line *cmd, HANDLE server)
{
	bool config_changed = false, logging_changed = false;
	struct settings settings;
	FAX_CONFIGURATIONA config;
	int status;

	status = read_settings(server, &settings);
	if (status)
		return status;
	config = *settings.config;
	for (int i = optind; i < cmd->argc && !status; i++)
		status = apply_assignment(cmd, &settings, &config, cmd->argv[i], &config_changed,
					  &logging_changed);
	if (!status && config_changed && !FaxSetConfigurationA(server, &config))
		status = faxctl_fail_api("cannot change the server's configuration", GetLastError());
	if (!status && logging_changed &&
	    !FaxSetLoggingCategoriesA(server, settings.categories, settings.category_count))
		status = faxctl_fail_api("cannot change the logging levels", GetLastError());
	free_settings(&settings);
	return status;
}

int faxctl_config(struct faxctl_command_line *cmd)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	bool as_json = false, setting;
	HANDLE server;
	int option, status;

	if (cmd->argc < 2 || !strcmp(cmd->argv[1], "--help") || !strcmp(cmd->argv[1], "-h")) {
		fputs(config_help, cmd->argc < 2 ? stderr : stdout);
		return cmd->argc < 2 ? FAXCTL_USAGE : FAXCTL_OK;
	}
	if (strcmp(cmd->argv[1], "get") && strcmp(cmd->argv[1], "set"))
		return faxctl_usage_error(cmd, "unknown action '%s' (get or set)", cmd->argv[1]);
	setting = !strcmp(cmd->argv[1], "set");
	cmd->argc--;
	cmd->argv++;
	cmd->name = setting ? "config set" : "config get";
	while ((option = faxctl_getopt(cmd, ":h", options)) != -1) {
		if (option == 'h') {
			fputs(config_help, stdout);
			return FAXCTL_OK;
		}
		if (option == 'j' && !setting)
			as_json = true;
		else if (option == 'j')
			return faxctl_usage_error(cmd, "--json is for 'config get'");
		else
			return FAXCTL_USAGE;
	}
	if (setting) {
		FAX_CONFIGURATIONA scratch = { 0 };
		bool config_changed, logging_changed;

		if (optind >= cmd->argc)
			return faxctl_usage_error(cmd, "give at least one KEY=VALUE");
		for (int i = optind; i < cmd->argc; i++) {
			status = apply_assignment(cmd, NULL, &scratch, cmd->argv[i], &config_changed,
						  &logging_changed);
			if (status)
				return status;
		}
	}
	status = faxctl_connect(&server);
	if (status)
		return status;
	status = setting ? config_set(cmd, server) : config_get(cmd, server, as_json);
	FaxClose(server);
	return status;
}

/* ---- the same keys for `faxctl settings` ------------------------------- */

struct faxctl_config {
	struct settings settings;
	FAX_CONFIGURATIONA config;	/* the copy assignments change */
	bool config_changed, logging_changed;
};

int faxctl_config_read(HANDLE server, struct faxctl_config **config_out)
{
	struct faxctl_config *config = calloc(1, sizeof(*config));
	int status;

	if (!config)
		return faxctl_fail(FAXCTL_FAILED, "out of memory");
	status = read_settings(server, &config->settings);
	if (status) {
		free(config);
		return status;
	}
	config->config = *config->settings.config;
	*config_out = config;
	return FAXCTL_OK;
}

size_t faxctl_config_key_count(void)
{
	return KEY_COUNT;
}

const char *faxctl_config_key_name(size_t index)
{
	return index < KEY_COUNT ? keys[index].name : NULL;
}

void faxctl_config_format(const struct faxctl_config *config, size_t index, char *text,
			  size_t size)
{
	struct settings current = config->settings;

	/* The copy, with what was assigned so far. */
	current.config = (PFAX_CONFIGURATIONA)&config->config;
	format_value(&current, &keys[index], text, size);
}

int faxctl_config_assign(struct faxctl_config *config, const char *key_name, const char *value,
			 const char *where)
{
	struct faxctl_command_line cmd = { .name = "settings apply" };
	const struct config_key *key = find_key(key_name, strlen(key_name));

	if (!key)
		return bad_value(&cmd, where, "unknown key '%s'", key_name);
	return assign_value(&cmd, where, &config->settings, &config->config, key, value,
			    &config->config_changed, &config->logging_changed);
}

int faxctl_config_write(HANDLE server, struct faxctl_config *config)
{
	if (config->config_changed && !FaxSetConfigurationA(server, &config->config))
		return faxctl_fail_api("cannot change the server's configuration", GetLastError());
	if (config->logging_changed &&
	    !FaxSetLoggingCategoriesA(server, config->settings.categories,
				      config->settings.category_count))
		return faxctl_fail_api("cannot change the logging levels", GetLastError());
	return FAXCTL_OK;
}

void faxctl_config_free(struct faxctl_config *config)
{
	if (!config)
		return;
	free_settings(&config->settings);
	free(config);
}
