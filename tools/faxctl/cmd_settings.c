// SPDX-License-Identifier: GPL-2.0
/*
 * faxctl settings save|apply|show [FILE]: the fax server's settings (its
 * configuration and logging levels, the routing methods' order, each port's
 * settings and routing) as a file, saved from the kernel and applied back
 * after the module is loaded again, the way dahdi_cfg applies
 * /etc/dahdi/system.conf. The kernel stays the one authority while it runs:
 * the file is its copy, read only by `apply`. The format is
 * settings_file.h's; the keys are documented in faxctl(1).
 *
 * Ports are keyed by their name (DeviceName): the loopback ports' names
 * are fixed ("Loopback N"), a user line's is the one its provider's
 * configuration gives, whereas its DeviceId depends on the order the lines
 * were made in. Sections of ports that do not exist when the settings are
 * saved are kept (their line provider may not have started yet), and
 * skipped, with a note, when they are applied.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "faxctl.h"
#include "settings_file.h"
#include "settings_notices.h"
#include "terminal_text.h"

#define DEFAULT_SETTINGS_FILE "/var/lib/faxport/settings.conf"

static const char settings_help[] =
	"usage: faxctl settings save [FILE]\n"
	"       faxctl settings apply [--if-saved] [FILE]\n"
	"       faxctl settings show\n"
	"       faxctl settings follow [FILE]\n"
	"save writes the fax server's settings (configuration, logging levels,\n"
	"routing order, every port's settings and routing) to FILE, by default\n"
	DEFAULT_SETTINGS_FILE ", replacing it at once (never half written).\n"
	"apply sets them all from FILE again (after the module was loaded) and\n"
	"reports each line it could not apply as FILE:LINE. show prints what save\n"
	"would write. follow saves after every change, and applies FILE when the\n"
	"module is loaded again, until stopped (faxport-settings.service runs it).\n"
	"--if-saved: a missing FILE is no error. Saving needs the rights to query,\n"
	"applying the rights to change the server's configuration and ports.\n";

#define ROUTE_PREFIX "route."
#define GUID_TEXT_LENGTH 38	/* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" */

/* ---- saving ------------------------------------------------------------ */

static int add(struct settings_document *document, const char *section, const char *argument,
	       const char *key, const char *value)
{
	int error = settings_add(document, section, argument, key, value);

	if (error == -ENOMEM)
		return faxctl_fail(FAXCTL_FAILED, "out of memory");
	if (error)
		return faxctl_fail(FAXCTL_BAD_DATA,
				   "the %s setting %s holds text that cannot be saved ('%s')",
				   argument ? argument : section, key ? key : "comment", value);
	return FAXCTL_OK;
}

static int collect_server(HANDLE server, struct settings_document *document)
{
	struct faxctl_config *config;
	PFAX_GLOBAL_ROUTING_INFOA methods;
	DWORD count;
	char value[512], *order = NULL;
	size_t order_length = 0;
	FILE *order_text;
	int status = faxctl_config_read(server, &config);

	if (status)
		return status;
	for (size_t i = 0; i < faxctl_config_key_count() && !status; i++) {
		faxctl_config_format(config, i, value, sizeof(value));
		status = add(document, "server", NULL, faxctl_config_key_name(i), value);
	}
	faxctl_config_free(config);
	if (status)
		return status;
	if (!FaxEnumGlobalRoutingInfoA(server, &methods, &count))
		return faxctl_fail_api("cannot read the routing methods' order", GetLastError());
	order_text = open_memstream(&order, &order_length);
	if (!order_text) {
		FaxFreeBuffer(methods);
		return faxctl_fail(FAXCTL_FAILED, "out of memory");
	}
	/* The server lists them in its order; the priorities say it again. */
	for (DWORD priority = 1; priority <= count; priority++)
		for (DWORD i = 0; i < count; i++)
			if (methods[i].Priority == priority)
				fprintf(order_text, "%s%s", priority > 1 ? " " : "",
					methods[i].Guid ? methods[i].Guid : "");
	FaxFreeBuffer(methods);
	if (fclose(order_text)) {
		free(order);
		return faxctl_fail(FAXCTL_FAILED, "out of memory");
	}
	status = add(document, "server", NULL, "routing-order", order);
	free(order);
	return status;
}

static int collect_routing(HANDLE port, const char *name, struct settings_document *document)
{
	PFAX_ROUTING_METHODA methods;
	DWORD count;
	int status = FAXCTL_OK;

	if (!FaxEnumRoutingMethodsA(port, &methods, &count))
		return faxctl_fail_api("cannot read a port's routing methods", GetLastError());
	for (DWORD i = 0; i < count && !status; i++) {
		char key[sizeof(ROUTE_PREFIX) + GUID_TEXT_LENGTH + sizeof(".enabled")];
		LPBYTE info;
		DWORD size;

		if (!methods[i].Guid || strlen(methods[i].Guid) != GUID_TEXT_LENGTH) {
			status = faxctl_fail(FAXCTL_FAILED, "the server named a routing method oddly");
			break;
		}
		if (!FaxGetRoutingInfoA(port, methods[i].Guid, &info, &size)) {
			status = faxctl_fail_api("cannot read a port's routing info", GetLastError());
			break;
		}
		status = add(document, "port", name, NULL,
			     methods[i].FriendlyName ? methods[i].FriendlyName : "routing method");
		snprintf(key, sizeof(key), ROUTE_PREFIX "%s.enabled", methods[i].Guid);
		if (!status)
			status = add(document, "port", name, key, methods[i].Enabled ? "yes" : "no");
		snprintf(key, sizeof(key), ROUTE_PREFIX "%s.info", methods[i].Guid);
		/* A NUL-terminated UTF-8 string, its terminator counted. */
		if (!status)
			status = add(document, "port", name, key,
				     size && info[size - 1] == '\0' ? (const char *)info : "");
		FaxFreeBuffer(info);
	}
	FaxFreeBuffer(methods);
	return status;
}

static int collect_port(HANDLE server, const FAX_PORT_INFOA *info,
			struct settings_document *document)
{
	const char *name = info->DeviceName;
	char value[64];
	HANDLE port;
	int status;

	snprintf(value, sizeof(value), "device %lu when saved", (unsigned long)info->DeviceId);
	status = add(document, "port", name, NULL, value);
	if (!status)
		status = add(document, "port", name, "send", info->Flags & FPF_SEND ? "yes" : "no");
	if (!status)
		status = add(document, "port", name, "receive",
			     info->Flags & FPF_RECEIVE ? "yes" : "no");
	snprintf(value, sizeof(value), "%lu", (unsigned long)info->Rings);
	if (!status)
		status = add(document, "port", name, "rings", value);
	snprintf(value, sizeof(value), "%lu", (unsigned long)info->Priority);
	if (!status)
		status = add(document, "port", name, "priority", value);
	if (!status)
		status = add(document, "port", name, "tsid", info->Tsid ? info->Tsid : "");
	if (!status)
		status = add(document, "port", name, "csid", info->Csid ? info->Csid : "");
	if (status)
		return status;
	if (!FaxOpenPort(server, info->DeviceId, PORT_OPEN_QUERY, &port))
		return faxctl_fail_api("cannot open a port to read its routing", GetLastError());
	status = collect_routing(port, name, document);
	FaxClose(port);
	return status;
}

/*
 * Port names: the ports `follow` knows the file to be in step with. A
 * port that appears is not among them until the file's settings for it
 * were applied, and until then its section is kept, not overwritten with
 * the new port's defaults.
 */
struct port_names {
	char **names;
	size_t count;
};

static bool port_names_has(const struct port_names *set, const char *name)
{
	for (size_t i = 0; i < set->count; i++)
		if (!strcmp(set->names[i], name))
			return true;
	return false;
}

static void port_names_free(struct port_names *set)
{
	for (size_t i = 0; i < set->count; i++)
		free(set->names[i]);
	free(set->names);
	*set = (struct port_names){ 0 };
}

/* The names of the ports there are now: FAXCTL_OK, or a failure (reported). */
static int port_names_now(struct port_names *set)
{
	PFAX_PORT_INFOA ports;
	DWORD count;
	HANDLE server;
	int status = faxctl_connect(&server);

	*set = (struct port_names){ 0 };
	if (status)
		return status;
	if (!FaxEnumPortsA(server, &ports, &count)) {
		status = faxctl_fail_api("cannot list the fax ports", GetLastError());
		FaxClose(server);
		return status;
	}
	set->names = calloc(count ? count : 1, sizeof(*set->names));
	for (DWORD i = 0; set->names && i < count && !status; i++) {
		set->names[i] = strdup(ports[i].DeviceName ? ports[i].DeviceName : "");
		if (!set->names[i])
			status = faxctl_fail(FAXCTL_FAILED, "out of memory");
		else
			set->count++;
	}
	if (!set->names)
		status = faxctl_fail(FAXCTL_FAILED, "out of memory");
	FaxFreeBuffer(ports);
	FaxClose(server);
	if (status)
		port_names_free(set);
	return status;
}

static bool port_exists(const FAX_PORT_INFOA *ports, DWORD count, const char *name)
{
	for (DWORD i = 0; i < count; i++)
		if (ports[i].DeviceName && !strcmp(ports[i].DeviceName, name))
			return true;
	return false;
}

static void report_bad_line(void *context, unsigned int line, const char *why)
{
	faxctl_fail(FAXCTL_BAD_DATA, "%s:%u: %s", (const char *)context, line, why);
}

/*
 * The sections of @path's ports that do not exist now, so that saving
 * does not forget a line whose provider has not started yet; with @known,
 * also those of ports that exist but are not among @known (new: their
 * saved settings were not applied yet).
 */
static int keep_absent_ports(const char *path, const FAX_PORT_INFOA *ports, DWORD count,
			     const struct port_names *known, struct settings_document *document)
{
	struct settings_document old;
	FILE *in = fopen(path, "r");
	int bad, status = FAXCTL_OK;

	if (!in)
		return FAXCTL_OK;	/* nothing saved yet (or unreadable: nothing to keep) */
	bad = settings_parse(in, &old, report_bad_line, (void *)path);
	fclose(in);
	if (bad < 0)
		return faxctl_fail(FAXCTL_FAILED, "cannot read %s: %s", path, strerror(-bad));
	if (bad)
		faxctl_fail(FAXCTL_BAD_DATA, "%s: its bad lines are not kept", path);
	for (size_t i = 0; i < old.count && !status; i++) {
		const struct settings_entry *entry = &old.entries[i];

		if (strcmp(entry->section, "port") || !entry->argument ||
		    (port_exists(ports, count, entry->argument) &&
		     (!known || port_names_has(known, entry->argument))))
			continue;
		status = add(document, "port", entry->argument, entry->key, entry->value);
	}
	settings_free(&old);
	return status;
}

/* The caller that reports a file's bad lines is the one that reads it for good. */
static void ignore_bad_line(void *context, unsigned int line, const char *why)
{
	(void)context;
	(void)line;
	(void)why;
}

/* Does the file at @path (NULL: none) have a section for the port @name? */
static bool saved_port(const char *path, const char *name)
{
	struct settings_document old;
	FILE *in = path ? fopen(path, "r") : NULL;
	bool found = false;

	if (!in)
		return false;
	if (settings_parse(in, &old, ignore_bad_line, NULL) >= 0) {
		for (size_t i = 0; i < old.count && !found; i++)
			found = !strcmp(old.entries[i].section, "port") && old.entries[i].argument &&
				!strcmp(old.entries[i].argument, name);
		settings_free(&old);
	}
	fclose(in);
	return found;
}

/*
 * Everything, from the kernel, plus @keep_from's absent ports (NULL: none);
 * with @known, a port not among them is saved from @keep_from when that
 * has it, not from the kernel (keep_absent_ports).
 */
static int collect(HANDLE server, const char *keep_from, const struct port_names *known,
		   struct settings_document *document)
{
	PFAX_PORT_INFOA ports;
	DWORD count;
	int status;

	*document = (struct settings_document){ 0 };
	status = collect_server(server, document);
	if (status)
		goto fail;
	if (!FaxEnumPortsA(server, &ports, &count)) {
		status = faxctl_fail_api("cannot list the fax ports", GetLastError());
		goto fail;
	}
	for (DWORD i = 0; i < count && !status; i++) {
		if (!ports[i].DeviceName || !*ports[i].DeviceName) {
			status = faxctl_fail(FAXCTL_FAILED, "port %lu has no name",
					     (unsigned long)ports[i].DeviceId);
			break;
		}
		for (DWORD j = 0; j < i; j++)
			if (ports[j].DeviceName && !strcmp(ports[j].DeviceName, ports[i].DeviceName))
				status = faxctl_fail(FAXCTL_FAILED,
						     "ports %lu and %lu are both named '%s': their "
						     "settings are saved by name",
						     (unsigned long)ports[j].DeviceId,
						     (unsigned long)ports[i].DeviceId,
						     ports[i].DeviceName);
		if (!status && (!known || port_names_has(known, ports[i].DeviceName) ||
				!saved_port(keep_from, ports[i].DeviceName)))
			status = collect_port(server, &ports[i], document);
	}
	if (!status && keep_from)
		status = keep_absent_ports(keep_from, ports, count, known, document);
	FaxFreeBuffer(ports);
	if (!status)
		return FAXCTL_OK;
fail:
	settings_free(document);
	return status;
}

static void write_preamble(FILE *out)
{
	fputs("# The fax server's settings, written by 'faxctl settings save' and applied\n"
	      "# by 'faxctl settings apply' (faxport-settings.service) when the module is\n"
	      "# loaded. Changed by hand, apply them with 'faxctl settings apply'; see\n"
	      "# faxctl(1). Ports are named by their name, not their device id.\n\n", out);
}

/* @path's folder (a copy). */
static char *folder_of(const char *path)
{
	char *copy = strdup(path), *folder;

	if (!copy)
		return NULL;
	folder = strdup(dirname(copy));
	free(copy);
	return folder;
}

/*
 * Replaces @path with @document at once: a temporary file in the same
 * folder, written, flushed to disk, then renamed over it, and the folder
 * flushed, so that a crash leaves the old file or the new one, whole.
 */
static int write_file(const char *path, const struct settings_document *document)
{
	char *folder = folder_of(path), *temporary = NULL;
	struct group *fax;
	FILE *out = NULL;
	int fd = -1, folder_fd, status = FAXCTL_FAILED;

	if (!folder || asprintf(&temporary, "%s.XXXXXX", path) < 0) {
		temporary = NULL;
		faxctl_fail(FAXCTL_FAILED, "out of memory");
		goto out;
	}
	/* The default folder, the first time and without the unit's StateDirectory=. */
	if (!strcmp(path, DEFAULT_SETTINGS_FILE) && mkdir(folder, 0755) && errno != EEXIST) {
		faxctl_fail(FAXCTL_FAILED, "cannot make %s: %s", folder, strerror(errno));
		goto out;
	}
	fd = mkstemp(temporary);
	if (fd < 0) {
		status = faxctl_fail(errno == EACCES || errno == EPERM ? FAXCTL_DENIED :
				     FAXCTL_FAILED, "cannot write in %s: %s", folder, strerror(errno));
		goto out;
	}
	/*
	 * Readable by the fax administrators (the group fax) as the device
	 * nodes are; not secret, but nobody else's business. Only root may give
	 * a file to a group it is not in: otherwise it stays the saver's.
	 */
	fax = getgrnam("fax");
	if (fax && fchown(fd, (uid_t)-1, fax->gr_gid) && errno != EPERM) {
		faxctl_fail(FAXCTL_FAILED, "cannot give %s to the group fax: %s", temporary,
			    strerror(errno));
		goto out_unlink;
	}
	if (fchmod(fd, 0640)) {
		faxctl_fail(FAXCTL_FAILED, "cannot set the mode of %s: %s", temporary,
			    strerror(errno));
		goto out_unlink;
	}
	out = fdopen(fd, "w");
	if (!out) {
		faxctl_fail(FAXCTL_FAILED, "out of memory");
		goto out_unlink;
	}
	fd = -1;
	write_preamble(out);
	if (settings_write(out, document) || fflush(out) || fsync(fileno(out))) {
		faxctl_fail(FAXCTL_FAILED, "cannot write %s: %s", temporary, strerror(errno));
		goto out_unlink;
	}
	if (fclose(out)) {
		out = NULL;
		faxctl_fail(FAXCTL_FAILED, "cannot write %s: %s", temporary, strerror(errno));
		goto out_unlink;
	}
	out = NULL;
	if (rename(temporary, path)) {
		faxctl_fail(errno == EACCES || errno == EPERM ? FAXCTL_DENIED : FAXCTL_FAILED,
			    "cannot replace %s: %s", path, strerror(errno));
		goto out_unlink;
	}
	folder_fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (folder_fd >= 0) {
		fsync(folder_fd);
		close(folder_fd);
	}
	status = FAXCTL_OK;
	goto out;
out_unlink:
	unlink(temporary);
out:
	if (out)
		fclose(out);
	if (fd >= 0)
		close(fd);
	free(temporary);
	free(folder);
	return status;
}

/* ---- applying ---------------------------------------------------------- */

struct apply_run {
	const char *path;
	HANDLE server;
	int status;		/* the first failure's, or FAXCTL_OK */
	const struct settings_document *document;
	const struct port_names *only;	/* NULL: every port, and the server's settings */
};

/* "PATH:LINE" of @entry, for messages (static: one at a time). */
static const char *where(const struct apply_run *run, const struct settings_entry *entry)
{
	static char text[4096 + 32];

	snprintf(text, sizeof(text), "%s:%u", run->path, entry->line);
	return text;
}

__attribute__((format(printf, 4, 5)))
static void line_failed(struct apply_run *run, const struct settings_entry *entry, int status,
			const char *format, ...)
{
	va_list args;

	fputs("faxctl: ", stderr);
	terminal_text_write(stderr, where(run, entry), strlen(where(run, entry)));
	fputs(": ", stderr);
	va_start(args, format);
	faxctl_vprint_text(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
	if (!run->status)
		run->status = status;
}

static void api_failed(struct apply_run *run, const struct settings_entry *entry,
		       const char *action, DWORD error)
{
	line_failed(run, entry, faxctl_status_for_error(error), "%s: %s", action,
		    faxctl_error_words(error));
}

static bool parse_yes_no(const char *text, BOOL *value)
{
	if (!strcmp(text, "yes"))
		*value = TRUE;
	else if (!strcmp(text, "no"))
		*value = FALSE;
	else
		return false;
	return true;
}

static void apply_routing_order(struct apply_run *run, const struct settings_entry *entry)
{
	char *copy = strdup(entry->value), *save = NULL;
	DWORD priority = 1;

	if (!copy) {
		line_failed(run, entry, FAXCTL_FAILED, "out of memory");
		return;
	}
	for (char *guid = strtok_r(copy, " \t", &save); guid;
	     guid = strtok_r(NULL, " \t", &save), priority++) {
		FAX_GLOBAL_ROUTING_INFOA method = {
			.SizeOfStruct = sizeof(method), .Priority = priority, .Guid = guid,
		};

		if (!FaxSetGlobalRoutingInfoA(run->server, &method)) {
			DWORD error = GetLastError();

			if (error == ERROR_INVALID_DATA)
				line_failed(run, entry, FAXCTL_BAD_DATA,
					    "routing-order: no routing method '%s'", guid);
			else
				api_failed(run, entry, "cannot set the routing order", error);
			break;
		}
	}
	free(copy);
}

static void apply_server(struct apply_run *run)
{
	const struct settings_document *document = run->document;
	const struct settings_entry *last = NULL;
	struct faxctl_config *config;
	int status = faxctl_config_read(run->server, &config);

	if (status) {
		if (!run->status)
			run->status = status;
		return;
	}
	for (size_t i = 0; i < document->count; i++) {
		const struct settings_entry *entry = &document->entries[i];

		if (strcmp(entry->section, "server") || !entry->key)
			continue;
		if (entry->argument) {
			line_failed(run, entry, FAXCTL_BAD_DATA, "[server] takes no argument");
			continue;
		}
		if (!strcmp(entry->key, "routing-order")) {
			apply_routing_order(run, entry);
			continue;
		}
		last = entry;
		status = faxctl_config_assign(config, entry->key, entry->value, where(run, entry));
		if (status && !run->status)
			run->status = status;
	}
	/* One write for all the values; a refusal names the last line. */
	if (last) {
		status = faxctl_config_write(run->server, config);
		if (status)
			line_failed(run, last, status, "the [server] settings above were not applied");
	}
	faxctl_config_free(config);
}

static bool parse_route_key(const char *key, char guid[GUID_TEXT_LENGTH + 1], bool *enabled)
{
	size_t prefix = strlen(ROUTE_PREFIX);

	if (strncmp(key, ROUTE_PREFIX, prefix) || strlen(key) < prefix + GUID_TEXT_LENGTH + 1 ||
	    key[prefix + GUID_TEXT_LENGTH] != '.')
		return false;
	memcpy(guid, key + prefix, GUID_TEXT_LENGTH);
	guid[GUID_TEXT_LENGTH] = '\0';
	if (!strcmp(key + prefix + GUID_TEXT_LENGTH, ".enabled"))
		*enabled = true;
	else if (!strcmp(key + prefix + GUID_TEXT_LENGTH, ".info"))
		*enabled = false;
	else
		return false;
	return true;
}

/* One key of a port's section into @wanted, or a routing change at once. */
static void apply_port_entry(struct apply_run *run, HANDLE port, FAX_PORT_INFOA *wanted,
			     const struct settings_entry *entry, bool *port_changed)
{
	const char *key = entry->key, *value = entry->value;
	char guid[GUID_TEXT_LENGTH + 1];
	unsigned long number;
	bool enabled_key;
	BOOL yes;

	if (!strcmp(key, "send") || !strcmp(key, "receive")) {
		DWORD flag = !strcmp(key, "send") ? FPF_SEND : FPF_RECEIVE;

		if (!parse_yes_no(value, &yes)) {
			line_failed(run, entry, FAXCTL_BAD_DATA, "%s takes yes or no, not '%s'",
				    key, value);
			return;
		}
		wanted->Flags = yes ? wanted->Flags | flag : wanted->Flags & ~flag;
	} else if (!strcmp(key, "rings")) {
		if (!faxctl_parse_uint(value, 99, &number) || !number) {
			line_failed(run, entry, FAXCTL_BAD_DATA,
				    "rings takes a number from 1 to 99, not '%s'", value);
			return;
		}
		wanted->Rings = (DWORD)number;
	} else if (!strcmp(key, "priority")) {
		if (!faxctl_parse_uint(value, 4095, &number) || !number) {
			line_failed(run, entry, FAXCTL_BAD_DATA,
				    "priority takes a number from 1 to 4095, not '%s'", value);
			return;
		}
		wanted->Priority = (DWORD)number;
	} else if (!strcmp(key, "tsid") || !strcmp(key, "csid")) {
		if (!faxctl_station_id_valid(value)) {
			line_failed(run, entry, FAXCTL_BAD_DATA,
				    "%s takes at most 20 printable ASCII characters, not '%s'",
				    key, value);
			return;
		}
		if (!strcmp(key, "tsid"))
			wanted->Tsid = value;
		else
			wanted->Csid = value;
	} else if (parse_route_key(key, guid, &enabled_key)) {
		if (enabled_key) {
			if (!parse_yes_no(value, &yes)) {
				line_failed(run, entry, FAXCTL_BAD_DATA,
					    "%s takes yes or no, not '%s'", key, value);
				return;
			}
			if (!FaxEnableRoutingMethodA(port, guid, yes))
				api_failed(run, entry, "cannot enable or disable the routing method",
					   GetLastError());
		} else if (!FaxSetRoutingInfoA(port, guid, (const BYTE *)value,
					       (DWORD)strlen(value) + 1)) {
			api_failed(run, entry, "cannot set the routing info", GetLastError());
		}
		return;
	} else {
		line_failed(run, entry, FAXCTL_BAD_DATA, "a port has no setting '%s'", key);
		return;
	}
	*port_changed = true;
}

/* The section of port @name, its entries from @first on. */
static void apply_port(struct apply_run *run, const FAX_PORT_INFOA *ports, DWORD count,
		       const char *name, size_t first)
{
	const struct settings_document *document = run->document;
	const struct settings_entry *header = &document->entries[first], *last = header;
	DWORD device_id = 0, matches = 0;
	PFAX_PORT_INFOA info;
	FAX_PORT_INFOA wanted;
	bool port_changed = false;
	HANDLE port;

	for (DWORD i = 0; i < count; i++)
		if (ports[i].DeviceName && !strcmp(ports[i].DeviceName, name)) {
			device_id = ports[i].DeviceId;
			matches++;
		}
	if (!matches) {
		/* A line whose provider has not made it yet: not a failure. */
		fputs("faxctl: ", stderr);
		terminal_text_write(stderr, where(run, header), strlen(where(run, header)));
		fputs(": no port named '", stderr);
		terminal_text_write(stderr, name, strlen(name));
		fputs("' now: its settings are skipped\n", stderr);
		return;
	}
	if (matches > 1) {
		line_failed(run, header, FAXCTL_FAILED,
			    "%lu ports are named '%s': which one is meant?",
			    (unsigned long)matches, name);
		return;
	}
	if (!FaxOpenPort(run->server, device_id, PORT_OPEN_QUERY | PORT_OPEN_MODIFY, &port)) {
		DWORD error = GetLastError();

		if (error == ERROR_INVALID_HANDLE) {
			line_failed(run, header, FAXCTL_BUSY,
				    "port '%s' is open for changes by another program", name);
			return;
		}
		api_failed(run, header, "cannot open the port for changes", error);
		return;
	}
	if (!FaxGetPortA(port, &info)) {
		api_failed(run, header, "cannot read the port", GetLastError());
		FaxClose(port);
		return;
	}
	wanted = *info;
	for (size_t i = first; i < document->count; i++) {
		const struct settings_entry *entry = &document->entries[i];

		if (strcmp(entry->section, "port") || !entry->argument ||
		    strcmp(entry->argument, name) || !entry->key)
			continue;
		last = entry;
		apply_port_entry(run, port, &wanted, entry, &port_changed);
	}
	if (port_changed && !FaxSetPortA(port, &wanted))
		api_failed(run, last, "the port's settings above were not applied", GetLastError());
	FaxFreeBuffer(info);
	FaxClose(port);
}

static void apply_ports(struct apply_run *run)
{
	const struct settings_document *document = run->document;
	PFAX_PORT_INFOA ports;
	DWORD count;

	if (!FaxEnumPortsA(run->server, &ports, &count)) {
		int status = faxctl_fail_api("cannot list the fax ports", GetLastError());

		if (!run->status)
			run->status = status;
		return;
	}
	for (size_t i = 0; i < document->count; i++) {
		const struct settings_entry *entry = &document->entries[i];
		bool seen = false;

		if (strcmp(entry->section, "port")) {
			if (strcmp(entry->section, "server"))
				line_failed(run, entry, FAXCTL_BAD_DATA, "no section [%s]",
					    entry->section);
			continue;
		}
		if (!entry->argument) {
			line_failed(run, entry, FAXCTL_BAD_DATA, "[port] needs a name: [port \"NAME\"]");
			continue;
		}
		/* Each port once, at its first entry (its sections may be split). */
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(document->entries[j].section, "port") &&
			       document->entries[j].argument &&
			       !strcmp(document->entries[j].argument, entry->argument);
		if (!seen && (!run->only || port_names_has(run->only, entry->argument)))
			apply_port(run, ports, count, entry->argument, i);
	}
	FaxFreeBuffer(ports);
}

/* @only: apply only these ports' sections (NULL: everything). */
static int settings_apply(const char *path, bool if_saved, const struct port_names *only)
{
	struct settings_document document;
	struct apply_run run = { .path = path, .only = only };
	FILE *in = fopen(path, "r");
	int bad, status;

	if (!in && errno == ENOENT && if_saved)
		return FAXCTL_OK;
	if (!in)
		return faxctl_fail(errno == ENOENT ? FAXCTL_NOT_FOUND :
				   errno == EACCES ? FAXCTL_DENIED : FAXCTL_FAILED,
				   "cannot read %s: %s", path, strerror(errno));
	bad = settings_parse(in, &document, report_bad_line, (void *)path);
	fclose(in);
	if (bad < 0)
		return faxctl_fail(FAXCTL_FAILED, "cannot read %s: %s", path, strerror(-bad));
	status = faxctl_connect(&run.server);
	if (status) {
		settings_free(&document);
		return status;
	}
	run.document = &document;
	if (!only)
		apply_server(&run);
	apply_ports(&run);
	FaxClose(run.server);
	settings_free(&document);
	if (bad && !run.status)
		run.status = FAXCTL_BAD_DATA;
	return run.status;
}

/*
 * Everything from the kernel into @path (its absent ports kept; with
 * @known, also its sections of ports not among them: collect()).
 */
static int settings_save(const char *path, const struct port_names *known)
{
	struct settings_document document;
	HANDLE server;
	int status = faxctl_connect(&server);

	if (status)
		return status;
	status = collect(server, path, known, &document);
	FaxClose(server);
	if (status)
		return status;
	status = write_file(path, &document);
	settings_free(&document);
	return status;
}

static int settings_show(void)
{
	struct settings_document document;
	HANDLE server;
	int status = faxctl_connect(&server);

	if (status)
		return status;
	status = collect(server, DEFAULT_SETTINGS_FILE, NULL, &document);
	FaxClose(server);
	if (status)
		return status;
	write_preamble(stdout);
	status = settings_write(stdout, &document) || fflush(stdout) ?
		 faxctl_fail(FAXCTL_FAILED, "cannot write the settings") : FAXCTL_OK;
	settings_free(&document);
	return status;
}

/* ---- following --------------------------------------------------------- */

/*
 * Changes come in bursts (an apply sets everything, a client sets a port
 * and its routing): one save a little after the first change of a burst.
 * A crash loses at most this much.
 */
#define SAVE_DELAY_MS 300

static volatile sig_atomic_t stop_requested;

static void request_stop(int signal_number)
{
	(void)signal_number;
	stop_requested = 1;
}

static long long now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Messages for the journal, on stderr like faxctl's others. */
__attribute__((format(printf, 1, 2)))
static void follow_note(const char *format, ...)
{
	va_list args;

	fputs("faxctl settings follow: ", stderr);
	va_start(args, format);
	faxctl_vprint_text(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
}

/*
 * The driver's family is registered before its nodes appear: wait (up to
 * 10 s, or a stop) until the server can be reached. False when it cannot.
 */
static bool wait_for_server(void)
{
	const struct timespec pause = { .tv_nsec = 100 * 1000 * 1000 };

	for (int tries = 0; tries < 100 && !stop_requested; tries++) {
		HANDLE server;

		if (FaxConnectFaxServerA(NULL, &server)) {
			FaxClose(server);
			return true;
		}
		nanosleep(&pause, NULL);
	}
	return false;
}

/*
 * Ports came (or went): apply the file's sections of the ports that were
 * not there before (a SIP line faxlined made, a port added by hand), then
 * count them as known. Ports that were there keep what the kernel has:
 * it is newer than the file until the pending save.
 */
static void apply_new_ports(const char *path, struct port_names *known)
{
	struct port_names now, fresh = { 0 };

	if (port_names_now(&now) != FAXCTL_OK)
		return;
	fresh.names = calloc(now.count ? now.count : 1, sizeof(*fresh.names));
	for (size_t i = 0; fresh.names && i < now.count; i++)
		if (!port_names_has(known, now.names[i]))
			fresh.names[fresh.count++] = now.names[i];
	if (fresh.count) {
		follow_note("%zu new port(s): applying their settings from %s", fresh.count, path);
		settings_apply(path, true, &fresh);
	}
	/* The names belong to @now, which becomes @known. */
	free(fresh.names);
	port_names_free(known);
	*known = now;
}

/*
 * Save after every change the driver notifies, until SIGTERM or SIGINT
 * (then save what is pending). When the module is unloaded nothing is
 * saved (the kernel's settings are gone, the file keeps them); when it is
 * loaded again the file is applied, so that a reload forgets nothing; when
 * a port appears, the file's settings for it are applied before the next
 * save could overwrite them with the new port's defaults.
 */
static int settings_follow(const char *path)
{
	struct sigaction stop = { .sa_handler = request_stop };
	struct settings_notices *notices;
	struct port_names known = { 0 };
	bool module_loaded, pending = false;
	long long save_at = 0;
	int error;

	sigemptyset(&stop.sa_mask);
	/* No SA_RESTART: poll() returns at once. */
	sigaction(SIGTERM, &stop, NULL);
	sigaction(SIGINT, &stop, NULL);
	error = settings_notices_open(&notices, &module_loaded);
	if (error)
		return faxctl_fail(FAXCTL_FAILED, "cannot listen to the fax server's notices: %s",
				   strerror(-error));
	if (module_loaded) {
		/* Started after the file was applied (faxport-settings.service's ExecStartPre). */
		port_names_now(&known);
		follow_note("saving every change to %s", path);
	} else {
		follow_note("the faxport module is not loaded: %s is applied when it is", path);
	}
	while (!stop_requested) {
		struct pollfd input = { .fd = settings_notices_fd(notices), .events = POLLIN };
		long long wait_ms = pending ? save_at - now_ms() : -1;
		unsigned int bits = 0;
		int ready;

		if (pending && wait_ms < 0)
			wait_ms = 0;
		ready = poll(&input, 1, wait_ms > 60000 ? 60000 : (int)wait_ms);
		if (stop_requested)
			break;
		/* Notices first, always: a port that came is applied before any save. */
		if (ready > 0)
			bits = settings_notices_read(notices);
		if (bits & SETTINGS_NOTICE_MODULE_GONE) {
			module_loaded = false;
			pending = false;
			port_names_free(&known);
			follow_note("the faxport module was unloaded: %s is kept for its return",
				    path);
		}
		if (bits & SETTINGS_NOTICE_MODULE_BACK) {
			module_loaded = true;
			pending = false;
			follow_note("the faxport module is loaded: applying %s", path);
			if (wait_for_server()) {
				settings_apply(path, true, NULL);
				port_names_free(&known);
				port_names_now(&known);
			} else {
				follow_note("the fax server did not appear: %s was not applied", path);
			}
			/* Its own notices follow: the file is then saved as applied. */
			continue;
		}
		if ((bits & SETTINGS_NOTICE_PORTS) && module_loaded)
			apply_new_ports(path, &known);
		if ((bits & SETTINGS_NOTICE_CHANGED) && module_loaded && !pending) {
			pending = true;
			save_at = now_ms() + SAVE_DELAY_MS;
		}
		if (pending && now_ms() >= save_at) {
			pending = false;
			if (settings_save(path, &known) == FAXCTL_OK)
				follow_note("saved to %s", path);
		}
	}
	settings_notices_close(notices);
	if (pending && module_loaded && settings_save(path, &known) == FAXCTL_OK)
		follow_note("saved to %s", path);
	port_names_free(&known);
	return FAXCTL_OK;
}

/* ---- the command ------------------------------------------------------- */

int faxctl_settings(struct faxctl_command_line *cmd)
{
	const char *action, *path = DEFAULT_SETTINGS_FILE;
	bool if_saved = false;
	int first = 2;

	if (cmd->argc < 2 || !strcmp(cmd->argv[1], "--help") || !strcmp(cmd->argv[1], "-h")) {
		fputs(settings_help, cmd->argc < 2 ? stderr : stdout);
		return cmd->argc < 2 ? FAXCTL_USAGE : FAXCTL_OK;
	}
	action = cmd->argv[1];
	if (strcmp(action, "save") && strcmp(action, "apply") && strcmp(action, "show") &&
	    strcmp(action, "follow"))
		return faxctl_usage_error(cmd, "unknown action '%s' (save, apply, show or follow)",
					  action);
	cmd->name = !strcmp(action, "save") ? "settings save" :
		    !strcmp(action, "apply") ? "settings apply" :
		    !strcmp(action, "show") ? "settings show" : "settings follow";
	if (cmd->argc > 2 && (!strcmp(cmd->argv[2], "--help") || !strcmp(cmd->argv[2], "-h"))) {
		fputs(settings_help, stdout);
		return FAXCTL_OK;
	}
	if (cmd->argc > 2 && !strcmp(cmd->argv[2], "--if-saved") && !strcmp(action, "apply")) {
		if_saved = true;
		first = 3;
	}
	if (cmd->argc > first && cmd->argv[first][0] == '-')
		return faxctl_usage_error(cmd, "unknown option '%s'", cmd->argv[first]);
	if (cmd->argc > first + 1 || (cmd->argc > first && !strcmp(action, "show")))
		return faxctl_usage_error(cmd, "unexpected argument '%s'", cmd->argv[cmd->argc - 1]);
	if (cmd->argc > first)
		path = cmd->argv[first];
	if (!*path)
		return faxctl_usage_error(cmd, "the FILE is empty");
	if (!strcmp(action, "apply"))
		return settings_apply(path, if_saved, NULL);
	if (!strcmp(action, "follow"))
		return settings_follow(path);
	if (!strcmp(action, "show"))
		return settings_show();
	return settings_save(path, NULL);
}
