// SPDX-License-Identifier: GPL-2.0
/*
 * faxdial: a developer's tool that sends one fax the way faxd does. It
 * attaches to one port as its DSP engine, dials a number, sends a TIFF,
 * prints how it went, and exits 0 only if every page was confirmed. It runs
 * faxd's own port and call code (engine/port_engine.c, t30/fax_call.c), so
 * what works here works in faxd.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "../engine/log.h"
#include "../engine/loop.h"
#include "../engine/names.h"
#include "../engine/port_engine.h"
#include "../engine/sysfs.h"
#include "faxport_client.h"

enum exit_status {
	EXIT_FAX_SENT = 0,
	EXIT_FAX_FAILED = 1,
	EXIT_USAGE = 2,
	EXIT_SETUP_FAILED = 3,
};

struct dial_session {
	struct faxd_loop *loop;
	struct faxd_port *port;
	bool done;
	bool quiet;
	struct faxd_call_report report;
	struct faxd_watch signals;
	struct faxd_watch tick;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: faxdial [OPTIONS] NUMBER DOCUMENT.tif\n"
		"Attach to a fax port as its DSP engine, call NUMBER on the exchange,\n"
		"send DOCUMENT, print the outcome. Exit status: 0 sent, 1 not sent,\n"
		"2 bad usage, 3 the port or document could not be set up.\n"
		"  -p, --port N            send from /dev/faxportN (default 1)\n"
		"  -f, --free-running      ask for a free-running line (default: real time)\n"
		"  -m, --modems LIST       v27ter,v29,v17 (default: all)\n"
		"  -c, --compressions LIST mh,mr,mmr (default: all)\n"
		"  -E, --no-ecm            no error correction mode\n"
		"  -i, --ident TEXT        our station id (default: the port's tsid)\n"
		"  -t, --call-deadline S   longest call, seconds of line time (default 3600)\n"
		"  -P, --phase-deadline S  longest time without progress (default 600)\n"
		"  -d, --dial-timeout S    longest wait for the answer (default: the exchange's)\n"
		"  -q, --quiet             only the outcome lines, no log\n"
		"  -v, --verbose           debug log\n"
		"  -h, --help              this text\n"
		"  -V, --version           the version\n");
}

static void on_event(struct faxd_port *port, const struct fax_call_event *event, void *user_data)
{
	struct dial_session *session = user_data;

	(void)port;
	if (session->quiet)
		return;
	switch (event->type) {
	case FAX_CALL_EVENT_NEGOTIATED:
		log_info("negotiated with '%s': %s %d bit/s, %s, ECM %s",
			 event->negotiation->remote_ident,
			 fax_modem_name(event->negotiation->modem), event->negotiation->bit_rate,
			 fax_compression_name(event->negotiation->compression),
			 event->negotiation->ecm ? "on" : "off");
		break;
	case FAX_CALL_EVENT_PAGE_STARTED:
		log_info("page %d started", event->page);
		break;
	case FAX_CALL_EVENT_PAGE_DONE:
		log_info("page %d confirmed", event->page);
		break;
	case FAX_CALL_EVENT_PHASE_E:
		log_info("T.30 phase E: %d", event->t30_code);
		break;
	case FAX_CALL_EVENT_RESULT:
		break;
	}
}

static void on_done(struct faxd_port *port, const struct faxd_call_report *report,
		    void *user_data)
{
	struct dial_session *session = user_data;

	(void)port;
	session->report = *report;
	session->done = true;
}

/* The outcome as "key: value" lines, for people and for test scripts. */
static void print_report(const struct faxd_call_report *report)
{
	const struct fax_call_result *result = &report->result;

	printf("line: %s", faxd_line_outcome_name(report->line));
	if (report->line == FAXD_LINE_ERROR)
		printf(" (%s)", strerror(report->line_errno));
	printf("\n");
	printf("outcome: %s\n", report->line == FAXD_LINE_CONNECTED ||
				report->line == FAXD_LINE_NOT_DIALED
			? fax_call_outcome_name(result->outcome) : "no call");
	if (result->t30_text)
		printf("t30: %d (%s)\n", result->t30_code, result->t30_text);
	printf("pages: %d/%d\n", result->pages_transferred, result->pages_total);
	printf("remote: %s\n", result->remote_ident);
	if (report->negotiated)
		printf("negotiated: %s %d bit/s %s ECM %s\n",
		       fax_modem_name(report->negotiation.modem), report->negotiation.bit_rate,
		       fax_compression_name(report->negotiation.compression),
		       report->negotiation.ecm ? "on" : "off");
	printf("line_seconds: %.1f\n", (double)result->line_samples / FAX_CALL_SAMPLE_RATE);
	printf("wall_seconds: %.1f\n", report->wall_seconds);
	fflush(stdout);
}

static void on_signal(struct faxd_watch *watch, int signal_number)
{
	struct dial_session *session = faxd_container_of(watch, struct dial_session, signals);

	log_notice("signal %d: aborting the call", signal_number);
	faxd_port_abort(session->port);
}

static void on_tick(struct faxd_watch *watch)
{
	struct dial_session *session = faxd_container_of(watch, struct dial_session, tick);

	faxd_port_tick(session->port);
}

/* 0, or a negative errno. */
static int watch_signals_and_tick(struct dial_session *session)
{
	sigset_t signals;
	int error;

	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	error = faxd_loop_watch_signals(session->loop, &session->signals, &signals, on_signal);
	if (error)
		return error;
	return faxd_loop_watch_timer(session->loop, &session->tick, 1000, on_tick);
}

static int parse_seconds(const char *text, const char *what, unsigned long *seconds)
{
	if (faxd_parse_uint(text, 1, 7 * 24 * 3600, seconds)) {
		fprintf(stderr, "faxdial: bad %s '%s'\n", what, text);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "free-running", no_argument, NULL, 'f' },
		{ "modems", required_argument, NULL, 'm' },
		{ "compressions", required_argument, NULL, 'c' },
		{ "no-ecm", no_argument, NULL, 'E' },
		{ "ident", required_argument, NULL, 'i' },
		{ "call-deadline", required_argument, NULL, 't' },
		{ "phase-deadline", required_argument, NULL, 'P' },
		{ "dial-timeout", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	struct dial_session session = { .signals.fd = -1, .tick.fd = -1 };
	struct fax_call_options options = { 0 };
	struct faxd_port_limits limits = { 0 };
	struct faxd_call_observer observer = {
		.on_event = on_event, .on_done = on_done, .user_data = &session,
	};
	unsigned long port_id = 1, seconds;
	unsigned int clock = FAXPORT_CLOCK_REALTIME;
	char port_ident[FAX_CALL_IDENT_MAX + 12];
	char device_path[FAXPORT_PORT_NODE_PATH_SIZE];
	int log_level = LOG_INFO;
	int status = EXIT_SETUP_FAILED;
	int option, document_fd, error;

	while ((option = getopt_long(argc, argv, "p:fm:c:Ei:t:P:d:qvhV", long_options,
				     NULL)) != -1) {
		switch (option) {
		case 'p':
			if (faxd_parse_uint(optarg, 1, UINT32_MAX, &port_id)) {
				fprintf(stderr, "faxdial: bad port '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'f':
			clock = FAXPORT_CLOCK_FREE_RUNNING;
			break;
		case 'm':
			if (faxd_parse_modems(optarg) < 0) {
				fprintf(stderr, "faxdial: bad modem list '%s'\n", optarg);
				return EXIT_USAGE;
			}
			options.modems = (unsigned int)faxd_parse_modems(optarg);
			break;
		case 'c':
			if (faxd_parse_compressions(optarg) < 0) {
				fprintf(stderr, "faxdial: bad compression list '%s'\n", optarg);
				return EXIT_USAGE;
			}
			options.compressions = (unsigned int)faxd_parse_compressions(optarg);
			break;
		case 'E':
			options.disable_ecm = true;
			break;
		case 'i':
			options.local_ident = optarg;
			break;
		case 't':
			if (parse_seconds(optarg, "call deadline", &seconds))
				return EXIT_USAGE;
			options.call_deadline_samples = (uint64_t)seconds * FAX_CALL_SAMPLE_RATE;
			break;
		case 'P':
			if (parse_seconds(optarg, "phase deadline", &seconds))
				return EXIT_USAGE;
			options.phase_deadline_samples = (uint64_t)seconds * FAX_CALL_SAMPLE_RATE;
			break;
		case 'd':
			if (parse_seconds(optarg, "dial timeout", &seconds))
				return EXIT_USAGE;
			limits.dial_timeout_s = (unsigned int)seconds;
			break;
		case 'q':
			session.quiet = true;
			log_level = LOG_ERR;
			break;
		case 'v':
			log_level = LOG_DEBUG;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("faxdial (winfax for Linux) %s\n", FAXPORT_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	faxd_log_setup("faxdial", false, log_level);

	document_fd = open(argv[optind + 1], O_RDONLY | O_CLOEXEC);
	if (document_fd < 0) {
		fprintf(stderr, "faxdial: cannot open %s: %s\n", argv[optind + 1],
			strerror(errno));
		return EXIT_SETUP_FAILED;
	}
	if (!options.local_ident &&
	    !faxd_sysfs_read_text((uint32_t)port_id, "tsid", port_ident, sizeof(port_ident)) &&
	    strlen(port_ident) <= FAX_CALL_IDENT_MAX)
		options.local_ident = port_ident;

	session.loop = faxd_loop_new();
	error = session.loop ? watch_signals_and_tick(&session) : -errno;
	if (error) {
		fprintf(stderr, "faxdial: cannot set up the event loop: %s\n", strerror(-error));
		goto out;
	}
	error = faxd_port_open(session.loop, (uint32_t)port_id, clock, &limits, NULL, NULL,
			       &session.port);
	if (error) {
		faxport_port_node_path((uint32_t)port_id, device_path);
		fprintf(stderr, "faxdial: cannot attach to %s: %s\n", device_path,
			strerror(-error));
		goto out;
	}
	error = faxd_port_send(session.port, argv[optind], document_fd, &options, &observer);
	close(document_fd);
	document_fd = -1;
	if (error) {
		fprintf(stderr, "faxdial: cannot start the call: %s\n", strerror(-error));
		goto out;
	}
	while (!session.done) {
		error = faxd_loop_run_once(session.loop, -1);
		if (error) {
			fprintf(stderr, "faxdial: event loop: %s\n", strerror(-error));
			goto out;
		}
	}
	print_report(&session.report);
	if (session.report.line == FAXD_LINE_BAD_ADDRESS)
		fprintf(stderr, "faxdial: no line has the number %s\n", argv[optind]);
	status = session.report.line == FAXD_LINE_CONNECTED &&
		 session.report.result.outcome == FAX_CALL_COMPLETED
		? EXIT_FAX_SENT : EXIT_FAX_FAILED;
out:
	if (session.port) {
		faxd_port_close(session.port);
		/* Runs the deferred free. */
		faxd_loop_run_once(session.loop, 0);
	}
	if (document_fd >= 0)
		close(document_fd);
	if (session.signals.fd >= 0)
		close(session.signals.fd);
	if (session.tick.fd >= 0)
		close(session.tick.fd);
	faxd_loop_free(session.loop);
	return status;
}
