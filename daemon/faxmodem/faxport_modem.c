// SPDX-License-Identifier: GPL-2.0
/*
 * faxport-modem: a Class 1 fax modem on a fax port. It attaches to one port as
 * its DSP engine (instead of faxd) and offers a pseudo-terminal that fax
 * programs written for serial modems (HylaFAX, efax, mgetty+sendfax) drive
 * with T.31 AT commands. See Documentation/class1-modem.rst.
 */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "../engine/log.h"
#include "../engine/loop.h"
#include "../engine/names.h"
#include "../engine/realtime.h"
#include "class1_modem.h"

enum exit_status {
	EXIT_STOPPED = 0,	/* a signal asked us to stop */
	EXIT_FAILED = 1,	/* the port went away, or the loop failed */
	EXIT_USAGE = 2,
	EXIT_SETUP_FAILED = 3,
};

#define DEFAULT_LINK_FORMAT "/dev/ttyFAX%lu"
/*
 * The terminal is the modem: whoever can open it can dial and read every
 * page that goes through. devpts makes a new pty group tty and 0620, so
 * without -g only the owner may use it; with -g, that group too.
 */
#define PRIVATE_TTY_MODE 0600
#define GROUP_TTY_MODE 0660
#define TTY_MODE_UNSET ((mode_t)-1)

struct modem_session {
	struct faxd_loop *loop;
	struct class1_modem *modem;
	struct faxd_watch signals;
	struct faxd_watch tick;
	bool stop;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: faxport-modem [OPTIONS]\n"
		"Be a Class 1 (T.31) fax modem on a fax port: attach to /dev/faxportN as its\n"
		"DSP engine, with the port's real-time clock, and offer a terminal for Class 1\n"
		"fax software (HylaFAX, efax). Runs until SIGTERM or SIGINT.\n"
		"Exit status: 0 stopped by a signal, 1 the port went away, 2 bad usage,\n"
		"3 could not start (another engine such as faxd is attached: -EBUSY).\n"
		"  -p, --port N        the port (default 1)\n"
		"  -l, --link PATH     the terminal's stable name (default /dev/ttyFAX<N>);\n"
		"                      its folder is created if missing, its parents are not\n"
		"  -m, --mode MODE     the terminal's permissions, octal, at most 0777\n"
		"                      (default 0600, or 0660 with -g)\n"
		"  -g, --group NAME    the group that may use the terminal (e.g. dialout, uucp)\n"
		"  -r, --realtime-priority N  SCHED_RR priority for the audio, 1..99, or 0 for\n"
		"                      normal scheduling (default 10; see faxd(8))\n"
		"  -v, --verbose       debug log, with spandsp's T.31 trace\n"
		"  -h, --help          this text\n"
		"  -V, --version       the version\n");
}

static void on_signal(struct faxd_watch *watch, int signal_number)
{
	struct modem_session *session = faxd_container_of(watch, struct modem_session, signals);

	log_notice("signal %d: stopping", signal_number);
	session->stop = true;
}

static void on_tick(struct faxd_watch *watch)
{
	struct modem_session *session = faxd_container_of(watch, struct modem_session, tick);

	class1_modem_tick(session->modem);
	faxd_realtime_log_guard();
}

/* 0, or a negative errno. */
static int watch_signals_and_tick(struct modem_session *session)
{
	sigset_t signals;
	int error;

	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	/* A DTE that closes the terminal while we write to it must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	error = faxd_loop_watch_signals(session->loop, &session->signals, &signals, on_signal);
	if (error)
		return error;
	return faxd_loop_watch_timer(session->loop, &session->tick, 100, on_tick);
}

static int parse_mode(const char *text, mode_t *mode)
{
	char *end;
	unsigned long value;

	errno = 0;
	value = strtoul(text, &end, 8);
	if (errno || end == text || *end || value > 0777)
		return -1;
	*mode = (mode_t)value;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "link", required_argument, NULL, 'l' },
		{ "mode", required_argument, NULL, 'm' },
		{ "group", required_argument, NULL, 'g' },
		{ "realtime-priority", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	struct modem_session session = { .signals.fd = -1, .tick.fd = -1 };
	struct class1_modem_config config = {
		.tty_mode = TTY_MODE_UNSET, .tty_group = (gid_t)-1,
	};
	unsigned long port_id = 1;
	unsigned long realtime_priority = 10;
	char *default_link = NULL;
	int log_level = LOG_INFO;
	int status = EXIT_SETUP_FAILED;
	int option, error;
	struct group *group;

	while ((option = getopt_long(argc, argv, "p:l:m:g:r:vhV", long_options, NULL)) != -1) {
		switch (option) {
		case 'p':
			if (faxd_parse_uint(optarg, 1, UINT32_MAX, &port_id)) {
				fprintf(stderr, "faxport-modem: bad port '%s': a port number, 1 or more\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'l':
			if (!*optarg) {
				fprintf(stderr, "faxport-modem: the link path is empty\n");
				return EXIT_USAGE;
			}
			config.link_path = optarg;
			break;
		case 'm':
			if (parse_mode(optarg, &config.tty_mode)) {
				fprintf(stderr, "faxport-modem: bad mode '%s': octal permissions such as 0660\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'g':
			group = getgrnam(optarg);
			if (!group) {
				fprintf(stderr, "faxport-modem: no group named '%s'\n", optarg);
				return EXIT_USAGE;
			}
			config.tty_group = group->gr_gid;
			break;
		case 'r':
			if (faxd_parse_uint(optarg, 0, 99, &realtime_priority)) {
				fprintf(stderr, "faxport-modem: bad priority '%s': 0 (off) or 1 to 99\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'v':
			log_level = LOG_DEBUG;
			config.trace_t31 = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("faxport-modem (winfax for Linux) %s\n", FAXPORT_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "faxport-modem: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}
	config.port_id = (uint32_t)port_id;
	if (config.tty_mode == TTY_MODE_UNSET)
		config.tty_mode = config.tty_group == (gid_t)-1 ? PRIVATE_TTY_MODE : GROUP_TTY_MODE;
	if (!config.link_path) {
		if (asprintf(&default_link, DEFAULT_LINK_FORMAT, port_id) < 0) {
			fprintf(stderr, "faxport-modem: out of memory\n");
			return EXIT_SETUP_FAILED;
		}
		config.link_path = default_link;
	}
	faxd_log_setup("faxport-modem", false, log_level);

	session.loop = faxd_loop_new();
	error = session.loop ? watch_signals_and_tick(&session) : -errno;
	if (error) {
		fprintf(stderr, "faxport-modem: cannot set up the event loop: %s\n",
			strerror(-error));
		goto out;
	}
	error = class1_modem_open(session.loop, &config, &session.modem);
	if (error) {
		if (error == -EBUSY)
			fprintf(stderr, "faxport-modem: /dev/faxport%lu has another DSP engine (faxd?): %s\n",
				port_id, strerror(-error));
		else
			fprintf(stderr, "faxport-modem: cannot be the modem of /dev/faxport%lu on %s (see the log above)\n",
				port_id, config.link_path);
		goto out;
	}
	/*
	 * faxport-modem@.service is Type=notify: the fax software's units
	 * ordered after it (HylaFAX's faxgetty) start once the terminal's link
	 * exists. Nothing without NOTIFY_SOCKET.
	 */
	/* The port's audio keeps the line's clock, as faxd's (engine/realtime.h). */
	if (realtime_priority)
		faxd_realtime_enter_logged((int)realtime_priority, "faxport-modem@.service");
	sd_notifyf(0, "READY=1\nSTATUS=Class 1 modem of faxport%lu on %s", port_id,
		   config.link_path);
	status = EXIT_STOPPED;
	while (!session.stop) {
		if (class1_modem_lost(session.modem)) {
			log_error("faxport%lu went away", port_id);
			status = EXIT_FAILED;
			break;
		}
		error = faxd_loop_run_once(session.loop, -1);
		if (error) {
			log_error("event loop: %s", strerror(-error));
			status = EXIT_FAILED;
			break;
		}
	}
out:
	sd_notify(0, "STOPPING=1");
	/* Closing the modem runs the loop once more: the tick must not reach it then. */
	if (session.tick.fd >= 0) {
		faxd_loop_unwatch(session.loop, &session.tick);
		close(session.tick.fd);
	}
	if (session.signals.fd >= 0) {
		faxd_loop_unwatch(session.loop, &session.signals);
		close(session.signals.fd);
	}
	if (session.modem)
		class1_modem_close(session.modem);
	faxd_loop_free(session.loop);
	free(default_link);
	return status;
}
