// SPDX-License-Identifier: GPL-2.0
/*
 * TAP test of faxd.conf parsing: defaults, per-port sections on top of the
 * globals, and the errors a typo gets (with its line number). Also checks
 * that faxd.conf.example, as shipped, parses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "../t30/fax_call.h"
#include "../faxd/config.h"
#include "../engine/log.h"
#include <tap.h>

/* Write @text to a temporary file and load it. */
static struct faxd_config *load_text(const char *text, char **error)
{
	char path[] = "/tmp/faxd-config-test.XXXXXX";
	int fd = mkstemp(path);
	struct faxd_config *config;

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		perror("temporary config");
		exit(1);
	}
	close(fd);
	config = faxd_config_load(path, true, error);
	unlink(path);
	return config;
}

static void test_defaults(void)
{
	char *error = NULL;
	struct faxd_config *config = faxd_config_load("/nonexistent/faxd.conf", false, &error);
	struct faxd_port_settings settings;

	ok(config != NULL, "a missing default config file means the defaults");
	if (!config)
		return;
	faxd_config_port_settings(config, 2, &settings);
	ok(!strcmp(config->spool_dir, "/var/spool/faxport") &&
	   config->clock == FAXPORT_CLOCK_REALTIME && config->all_ports &&
	   config->call_deadline_s == 3600 && config->phase_deadline_s == 600,
	   "defaults: spool, real time, all ports, deadlines");
	ok(settings.store_in_folder && !settings.store_folder && !settings.route_command &&
	   !settings.modems && !settings.disable_ecm, "defaults: store in folder on, no command");
	ok(!strcmp(config->mail_command, "/usr/sbin/sendmail -t -oi"),
	   "defaults: reports go through sendmail -t -oi");
	faxd_config_free(config);
	config = load_text("mail_command = /usr/bin/msmtp -t --read-envelope-from\n", &error);
	ok(config && !strcmp(config->mail_command, "/usr/bin/msmtp -t --read-envelope-from"),
	   "mail_command is read");
	faxd_config_free(config);
	config = load_text("", &error);
	ok(config && config->transfer_log &&
	   !strcmp(config->transfer_log, "/var/log/faxport/transfer.log") &&
	   !config->notify_command && !config->receive_command,
	   "defaults: the transfer log in /var/log/faxport, no hooks");
	faxd_config_free(config);
	config = load_text("transfer_log =\n", &error);
	ok(config && !config->transfer_log, "an empty transfer_log turns it off");
	faxd_config_free(config);
	config = load_text("transfer_log = /srv/fax/calls.log\n"
			   "notify_command = /usr/local/bin/fax-notify --mail ops\n"
			   "receive_command = /usr/local/bin/fax-arrived\n", &error);
	ok(config && !strcmp(config->transfer_log, "/srv/fax/calls.log") &&
	   !strcmp(config->notify_command, "/usr/local/bin/fax-notify --mail ops") &&
	   !strcmp(config->receive_command, "/usr/local/bin/fax-arrived"),
	   "transfer_log, notify_command and receive_command are read");
	faxd_config_free(config);
	config = faxd_config_load("/nonexistent/faxd.conf", true, &error);
	ok(!config && error && strstr(error, "/nonexistent/faxd.conf"),
	   "a missing file named with -c is an error");
	free(error);
}

static void test_sections(void)
{
	char *error = NULL;
	struct faxd_config *config = load_text(
		"# comment\n"
		"spool_dir = /tmp/spool\n"
		"clock = free-running\n"
		"ports = 2, 3 4\n"
		"modems = v29,v27ter\n"
		"route_command = /bin/echo global\n"
		"[port 3]\n"
		"  store_in_folder = no\n"
		"  modems = V17\n"
		"  route_command =\n"
		"[port 4]\n"
		"store_folder = /srv/fax four\n"
		"ecm = off\n", &error);
	struct faxd_port_settings two, three, four;

	ok(config != NULL, "a config with sections parses");
	if (!config) {
		printf("# %s\n", error);
		free(error);
		return;
	}
	faxd_config_port_settings(config, 2, &two);
	faxd_config_port_settings(config, 3, &three);
	faxd_config_port_settings(config, 4, &four);
	ok(config->clock == FAXPORT_CLOCK_FREE_RUNNING && !config->all_ports &&
	   config->port_count == 3 && faxd_config_wants_port(config, 4) &&
	   !faxd_config_wants_port(config, 1), "globals: clock and port list");
	ok(two.modems == (FAX_MODEM_V29 | FAX_MODEM_V27TER) && two.store_in_folder &&
	   two.route_command && !strcmp(two.route_command, "/bin/echo global"),
	   "a port without a section gets the globals");
	ok(three.modems == FAX_MODEM_V17 && !three.store_in_folder && !three.route_command,
	   "a section overrides, and an empty route_command turns it off");
	ok(four.store_folder && !strcmp(four.store_folder, "/srv/fax four") &&
	   four.disable_ecm && four.modems == two.modems,
	   "keys a section does not set fall through");
	faxd_config_free(config);
}

static void expect_error(const char *text, const char *fragment, const char *name)
{
	char *error = NULL;
	struct faxd_config *config = load_text(text, &error);

	ok(!config && error && strstr(error, fragment), "%s", name);
	if (error)
		printf("# %s\n", error);
	faxd_config_free(config);
	free(error);
}

static void test_errors(void)
{
	expect_error("spool_dir = /x\nspol_dir = /y\n", ":2: unknown key", "an unknown key, with its line");
	expect_error("clock = fast\n", "clock", "a bad clock");
	expect_error("modems = v34\n", "modems", "an unknown modem");
	expect_error("[port 2]\nspool_dir = /x\n", "not a per-port key", "a global key in a section");
	expect_error("[port two]\n", "not a port number", "a bad section header");
	expect_error("[port 2]\n[port 2]\n", "second", "a section twice");
	expect_error("route_command = echo\n", "route_command", "a command must be an absolute path");
	expect_error("route_command mail = mail -s fax\n", "absolute path",
		     "a named command must be an absolute path");
	expect_error("route_command ../x = /bin/true\n", "a name is", "a name with a slash");
	expect_error("route_command a = /bin/true\nroute_command a = /bin/false\n",
		     ":2: route_command a: defined twice", "a name defined twice");
	expect_error("[port 2]\nroute_command a = /bin/true\n", "not a per-port key",
		     "named commands are defined globally only");
	expect_error("route_max_running = 0\n", "route_max_running", "at least one command at once");
	expect_error("call_deadline_s = 5\n", "call_deadline_s", "a deadline below its minimum");
	expect_error("local_ident = this ident is much too long\n", "local_ident", "an ident over 20 characters");
	expect_error("just words\n", "key = value", "a line without '='");
	expect_error("mail_command = sendmail -t\n", "mail_command", "mail_command needs an absolute path");
	expect_error("[port 2]\nmail_command = /bin/true\n", "not a per-port key",
		     "mail_command is global");
	expect_error("transfer_log = log/transfer.log\n", "transfer_log: must be an absolute path",
		     "transfer_log needs an absolute path");
	expect_error("notify_command = fax-notify\n", "notify_command: the program must be an "
		     "absolute path", "notify_command needs an absolute path");
	expect_error("receive_command = ./arrived --x\n", "receive_command: the program must be "
		     "an absolute path", "receive_command needs an absolute path");
	expect_error("[port 2]\nnotify_command = /bin/true\n", "not a per-port key",
		     "notify_command is global");
	expect_error("[port 1]\nreceive_command = /bin/true\n", "not a per-port key",
		     "receive_command is global");
	expect_error("[port 1]\ntransfer_log = /x\n", "not a per-port key",
		     "transfer_log is global");
}

/* Whoever may write the config may name the programs faxd runs. */
static void test_file_others_may_write(void)
{
	char path[] = "/tmp/faxd-config-test.XXXXXX";
	int fd = mkstemp(path);
	char *error = NULL;
	struct faxd_config *config;

	if (fd < 0 || write(fd, "route_command a = /bin/true\n", 28) != 28 ||
	    fchmod(fd, 0664)) {
		perror("temporary config");
		exit(1);
	}
	close(fd);
	config = faxd_config_load(path, true, &error);
	ok(!config && error && strstr(error, "writable by its group or by everyone"),
	   "a config its group may write is refused");
	free(error);
	faxd_config_free(config);
	chmod(path, 0646);
	config = faxd_config_load(path, true, &error);
	ok(!config && error && strstr(error, "writable by its group or by everyone"),
	   "so is one everyone may write");
	free(error);
	faxd_config_free(config);
	chmod(path, 0644);
	config = faxd_config_load(path, true, &error);
	ok(config && config->route_command_count == 1 &&
	   !strcmp(faxd_config_route_command(config, "a"), "/bin/true") &&
	   config->route_limits.timeout_s == 300 && config->route_limits.max_running == 4,
	   "one only its owner may write is read: a named command, the default limits");
	free(error);
	faxd_config_free(config);
	unlink(path);
}

static void test_example(void)
{
	char *error = NULL;
	struct faxd_config *config = faxd_config_load(EXAMPLE_CONFIG, true, &error);

	ok(config != NULL, "faxd.conf.example parses");
	if (error)
		printf("# %s\n", error);
	free(error);
	faxd_config_free(config);
}

int main(void)
{
	faxd_log_setup("faxd_config_test", false, LOG_ERR);
	tap_plan(41);
	test_defaults();
	test_sections();
	test_errors();
	test_file_others_may_write();
	test_example();
	return tap_finish();
}
