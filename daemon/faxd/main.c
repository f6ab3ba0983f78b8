// SPDX-License-Identifier: GPL-2.0
/*
 * faxd: the fax service's DSP engine. This file is the process: options,
 * the config, daemonizing and the pidfile, signals (through a signalfd, so
 * they are handled in the loop like any other event), the one-second
 * housekeeping tick, what systemd is told (sd_notify), and the orderly end.
 */
#define FAXD_LOG_CATEGORY FAXD_LOG_INIT
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/faxport.h>
#include <systemd/sd-daemon.h>

#include "daemon.h"
#include "log_levels.h"
#include "mail_spool.h"
#include "routing.h"
#include "../engine/clock.h"
#include "../engine/log.h"
#include "../engine/realtime.h"

#define DEFAULT_PIDFILE "/run/faxd.pid"

struct process {
	struct faxd_daemon daemon;
	struct faxd_watch signals;
	struct faxd_watch tick;
	struct faxd_watch level_notices;	/* fd -1: the tick reads the levels */
	int log_level_override;		/* -1: the config's */
	int ready_fd;			/* --background: tells the parent we are up */
	const char *pidfile;
	int pidfile_fd;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: faxd [OPTIONS]\n"
		"The fax service's DSP engine: attaches to the fax ports, answers and\n"
		"receives faxes into the spool, sends the faxes the kernel queues.\n"
		"  -c, --config PATH    configuration file (default " FAXD_DEFAULT_CONFIG_PATH
		"; a missing\n"
		"                       default file means all defaults)\n"
		"  -f, --foreground     stay in the foreground, log to stderr (default)\n"
		"  -b, --background     become a daemon, log to syslog, write a pidfile\n"
		"  -p, --pidfile PATH   pidfile (default " DEFAULT_PIDFILE " with --background)\n"
		"  -F, --free-running   attach with the free-running clock (tests)\n"
		"  -v, --verbose        log at debug level\n"
		"  -t, --test-config    check the configuration and exit: nothing printed and\n"
		"                       status 0 when it is good, else its first error as\n"
		"                       FILE:LINE: what is wrong, and status 1; no port is touched\n"
		"      --flush-mail     send the mails queued with mail_delivery = spool through\n"
		"                       mail_command and exit: status 0 when none is left\n"
		"                       (faxport-mail.service runs it)\n"
		"  -h, --help           this text\n"
		"  -V, --version        the version\n"
		"Signals: SIGTERM/SIGINT end calls in progress (within shutdown_grace_s)\n"
		"and exit; a second one aborts them now. SIGHUP reloads the config and\n"
		"rescans the ports.\n");
}

/*
 * faxd.service is Type=notify: systemd starts what comes after faxd (and
 * "systemctl start" returns) once the ports faxd could attach are
 * attached, and "systemctl status" shows how many. @state is READY=1,
 * RELOADING=1 or STOPPING=1. Without NOTIFY_SOCKET (a terminal,
 * --background) this does nothing.
 */
static void tell_service_manager(const struct faxd_daemon *daemon, const char *state)
{
	unsigned int ports = 0;

	for (const struct faxd_managed_port *managed = daemon->ports; managed;
	     managed = managed->next)
		ports++;
	if (daemon->stopping)
		sd_notifyf(0, "%s\nSTATUS=stopping: %s", state,
			   faxd_ports_any_call(daemon) ? "finishing the calls in progress"
						       : "detaching from the ports");
	else if (ports)
		sd_notifyf(0, "%s\nSTATUS=attached to %u port%s", state, ports,
			   ports == 1 ? "" : "s");
	else
		sd_notifyf(0, "%s\nSTATUS=attached to no port (see the log: is faxport.ko loaded?)",
			   state);
}

static void apply_log_level(struct process *process)
{
	faxd_log_set_level(process->log_level_override >= 0 ? process->log_level_override
							     : process->daemon.config->log_level);
}

/*
 * Real-time scheduling for real-time ports (engine/realtime.h says why);
 * free-running calls are CPU-bound by design, and at real-time priority
 * they would starve the machine. Logged when it changes.
 */
static void apply_scheduling(struct process *process)
{
	const struct faxd_daemon *daemon = &process->daemon;
	unsigned int clock = daemon->clock_overridden ? daemon->clock_override
						       : daemon->config->clock;
	int wanted = clock == FAXPORT_CLOCK_REALTIME ? (int)daemon->config->realtime_priority : 0;
	int now = faxd_realtime_priority();
	int result;

	if (wanted == now)
		return;
	if (!wanted) {
		result = faxd_realtime_leave();
		if (result)
			log_warning("cannot leave real-time scheduling: %s", strerror(-result));
		else
			log_notice("normal scheduling (realtime_priority 0, or free-running ports)");
		return;
	}
	faxd_realtime_enter_logged(wanted, "faxd.service (faxd(8), REAL-TIME SCHEDULING)");
}

static void reload(struct process *process)
{
	struct faxd_daemon *daemon = &process->daemon;
	char *error = NULL;
	struct faxd_config *config;

	tell_service_manager(daemon, "RELOADING=1");
	config = faxd_config_load(daemon->config_path, daemon->config_must_exist, &error);
	if (!config) {
		log_error("SIGHUP: keeping the old configuration: %s", error ? error : "?");
		free(error);
	} else {
		faxd_config_free(daemon->config);
		daemon->config = config;
		apply_log_level(process);
		log_notice("SIGHUP: configuration reloaded from %s", daemon->config_path);
		apply_scheduling(process);
	}
	faxd_ports_rescan(daemon);
	tell_service_manager(daemon, "READY=1");
}

static void begin_stopping(struct process *process, int signal_number)
{
	struct faxd_daemon *daemon = &process->daemon;

	if (daemon->stopping) {
		log_notice("signal %d again: aborting the calls in progress", signal_number);
		faxd_ports_close_all(daemon);
		return;
	}
	daemon->stopping = true;
	daemon->stop_deadline_ns = monotonic_ns() +
				   (int64_t)daemon->config->shutdown_grace_s * 1000000000ll;
	tell_service_manager(daemon, "STOPPING=1");
	if (faxd_ports_any_call(daemon))
		log_notice("signal %d: finishing the calls in progress (at most %u s)",
			   signal_number, daemon->config->shutdown_grace_s);
	else
		log_notice("signal %d: stopping", signal_number);
}

static void on_signal(struct faxd_watch *watch, int signal_number)
{
	struct process *process = faxd_container_of(watch, struct process, signals);

	switch (signal_number) {
	case SIGTERM:
	case SIGINT:
		begin_stopping(process, signal_number);
		break;
	case SIGHUP:
		reload(process);
		break;
	case SIGCHLD:
		faxd_routing_reap();
		break;
	default:
		break;
	}
}

static void on_tick(struct faxd_watch *watch)
{
	struct process *process = faxd_container_of(watch, struct process, tick);

	/* Back to real time at the next reload (SIGHUP). */
	faxd_realtime_log_guard();
	if (process->level_notices.fd < 0)
		faxd_log_levels_refresh();
	faxd_ports_tick(&process->daemon);
	faxd_routing_tick(monotonic_ns());
	if (process->daemon.stopping && faxd_routing_waiting() &&
	    monotonic_ns() >= process->daemon.stop_deadline_ns)
		faxd_routing_abandon_waiting();
}

static void on_level_notice(struct faxd_watch *watch, uint32_t events)
{
	(void)watch;
	(void)events;
	faxd_log_levels_on_notice();
}

/* 0, or a negative errno. */
static int set_up_events(struct process *process)
{
	sigset_t signals;
	int error;

	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGHUP);
	sigaddset(&signals, SIGCHLD);
	/* A routing command that closes its stdin early must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	error = faxd_loop_watch_signals(process->daemon.loop, &process->signals, &signals,
					on_signal);
	if (!error)
		error = faxd_loop_watch_timer(process->daemon.loop, &process->tick, 1000, on_tick);
	if (error)
		return error;
	process->level_notices.fd = faxd_log_levels_watch();
	process->level_notices.events = EPOLLIN;
	process->level_notices.handle = on_level_notice;
	if (process->level_notices.fd >= 0)
		return faxd_loop_watch(process->daemon.loop, &process->level_notices);
	return 0;
}

/*
 * Fork twice (no controlling terminal can come back), and keep the parent
 * waiting until the daemon says it is up, so that "faxd --background"
 * fails visibly when faxd cannot start. 0 in the daemon, or a negative errno.
 */
static int daemonize(struct process *process)
{
	int ready[2];
	pid_t child;
	char status;

	if (pipe2(ready, O_CLOEXEC))
		return -errno;
	child = fork();
	if (child < 0)
		return -errno;
	if (child > 0) {
		close(ready[1]);
		if (read(ready[0], &status, 1) != 1)
			status = 1;
		_exit(status ? 1 : 0);
	}
	close(ready[0]);
	if (setsid() < 0)
		return -errno;
	child = fork();
	if (child < 0)
		return -errno;
	if (child > 0)
		_exit(0);
	if (chdir("/"))
		return -errno;
	umask(027);
	process->ready_fd = ready[1];
	return 0;
}

static void redirect_std_fds(void)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (null < 0)
		return;
	dup2(null, STDIN_FILENO);
	dup2(null, STDOUT_FILENO);
	dup2(null, STDERR_FILENO);
	close(null);
}

static void tell_parent(struct process *process, bool up)
{
	char status = up ? 0 : 1;

	if (process->ready_fd < 0)
		return;
	if (write(process->ready_fd, &status, 1) != 1)
		log_warning("cannot tell the parent that faxd is up");
	close(process->ready_fd);
	process->ready_fd = -1;
}

/*
 * A locked pidfile: a second faxd with the same pidfile refuses to start.
 * 0, or a negative errno (logged).
 */
static int write_pidfile(struct process *process)
{
	char text[32];
	int length, error;
	ssize_t written;

	process->pidfile_fd = open(process->pidfile, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (process->pidfile_fd < 0) {
		error = -errno;
		log_error("cannot open the pidfile %s: %s", process->pidfile, strerror(-error));
		return error;
	}
	if (flock(process->pidfile_fd, LOCK_EX | LOCK_NB)) {
		error = -errno;
		log_error("%s is locked: is another faxd running?", process->pidfile);
		close(process->pidfile_fd);
		process->pidfile_fd = -1;
		return error;
	}
	length = snprintf(text, sizeof(text), "%d\n", (int)getpid());
	if (ftruncate(process->pidfile_fd, 0))
		error = -errno;
	else if ((written = write(process->pidfile_fd, text, (size_t)length)) != length)
		error = written < 0 ? -errno : -EIO;
	else
		return 0;
	log_error("cannot write the pidfile %s: %s", process->pidfile, strerror(-error));
	return error;
}

static void remove_pidfile(struct process *process)
{
	if (process->pidfile_fd < 0)
		return;
	unlink(process->pidfile);
	close(process->pidfile_fd);
	process->pidfile_fd = -1;
}

/*
 * faxd --flush-mail: the queued mails, outside faxd.service's sandbox
 * (mail_spool.h). Touches no port. Exit status 0 when nothing is left.
 */
static int run_flush_mail(struct faxd_daemon *daemon)
{
	char *error = NULL;
	int left;

	daemon->config = faxd_config_load(daemon->config_path, daemon->config_must_exist, &error);
	if (!daemon->config) {
		fprintf(stderr, "faxd: %s\n", error ? error : "out of memory");
		free(error);
		return 1;
	}
	faxd_log_setup("faxd", false, LOG_INFO);
	faxd_log_set_level(daemon->config->log_level);
	left = faxd_mail_spool_flush(daemon->config);
	if (left < 0)
		log_error("mail spool %s/mail: %s", daemon->config->spool_dir, strerror(-left));
	faxd_config_free(daemon->config);
	return left == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "background", no_argument, NULL, 'b' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "free-running", no_argument, NULL, 'F' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "test-config", no_argument, NULL, 't' },
		{ "flush-mail", no_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	struct process process = {
		.signals.fd = -1, .tick.fd = -1, .level_notices.fd = -1, .ready_fd = -1,
		.pidfile_fd = -1,
		.log_level_override = -1,
	};
	struct faxd_daemon *daemon = &process.daemon;
	bool background = false, test_config = false, flush_mail = false;
	char *error = NULL;
	int status = 1;
	int option, result;

	daemon->config_path = FAXD_DEFAULT_CONFIG_PATH;
	while ((option = getopt_long(argc, argv, "c:fbp:FvthV", long_options, NULL)) != -1) {
		switch (option) {
		case 'c':
			daemon->config_path = optarg;
			daemon->config_must_exist = true;
			break;
		case 'f':
			background = false;
			break;
		case 'b':
			background = true;
			break;
		case 'p':
			process.pidfile = optarg;
			break;
		case 'F':
			daemon->clock_overridden = true;
			daemon->clock_override = FAXPORT_CLOCK_FREE_RUNNING;
			break;
		case 'v':
			process.log_level_override = LOG_DEBUG;
			break;
		case 't':
			test_config = true;
			break;
		case 'M':
			flush_mail = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("faxd (winfax for Linux) %s\n", FAXPORT_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (background && !process.pidfile)
		process.pidfile = DEFAULT_PIDFILE;
	if (flush_mail)
		return run_flush_mail(daemon);
	if (test_config) {
		/* The same load as at start and on SIGHUP: what it accepts, faxd runs with. */
		daemon->config = faxd_config_load(daemon->config_path, daemon->config_must_exist,
						  &error);
		if (!daemon->config) {
			fprintf(stderr, "faxd: %s\n", error ? error : "out of memory");
			free(error);
			return 1;
		}
		faxd_config_free(daemon->config);
		return 0;
	}

	/*
	 * faxd needs CAP_NET_ADMIN for itself; the programs it starts must not
	 * inherit it (systemd's AmbientCapabilities= or setpriv put it in the
	 * ambient set, which every exec passes on).
	 */
	result = faxd_routing_drop_inheritable_capabilities();
	if (result) {
		fprintf(stderr, "faxd: cannot clear the inheritable capabilities: %s\n",
			strerror(-result));
		return 1;
	}
	/* The config is read before forking, so that its errors reach the terminal. */
	daemon->config = faxd_config_load(daemon->config_path, daemon->config_must_exist, &error);
	if (!daemon->config) {
		fprintf(stderr, "faxd: %s\n", error ? error : "out of memory");
		free(error);
		return 1;
	}
	result = background ? daemonize(&process) : 0;
	if (result) {
		fprintf(stderr, "faxd: cannot become a daemon: %s\n", strerror(-result));
		goto out;
	}
	faxd_log_setup("faxd", background, LOG_INFO);
	apply_log_level(&process);
	faxd_log_levels_refresh();
	if (background)
		redirect_std_fds();
	if (process.pidfile && write_pidfile(&process))
		goto out;

	daemon->loop = faxd_loop_new();
	result = daemon->loop ? set_up_events(&process) : -errno;
	if (result) {
		log_error("cannot set up the event loop: %s", strerror(-result));
		goto out;
	}
	result = faxd_spool_prepare(daemon->config->spool_dir);
	if (result)
		log_warning("spool %s: %s (faxes cannot be received until it is usable)",
			    daemon->config->spool_dir, strerror(-result));
	apply_scheduling(&process);
	faxd_ports_rescan(daemon);
	if (!daemon->ports && daemon->attach_errno == EPERM) {
		/* Waiting for a rescan cannot help: the capability will not come. */
		log_error("no port attached: faxd needs CAP_NET_ADMIN (see faxd.service)");
		goto out;
	}
	log_notice("started (config %s, spool %s)", daemon->config_path,
		   daemon->config->spool_dir);
	tell_parent(&process, true);
	tell_service_manager(daemon, "READY=1");

	/* Route commands waiting their turn get the shutdown grace too (on_tick). */
	while (!daemon->stopping || faxd_ports_any_call(daemon) || faxd_routing_waiting()) {
		result = faxd_loop_run_once(daemon->loop, -1);
		if (result) {
			log_error("event loop: %s", strerror(-result));
			goto out;
		}
	}
	status = 0;
out:
	tell_parent(&process, false);
	if (daemon->loop) {
		faxd_ports_close_all(daemon);
		/* The deferred frees of the ports. */
		faxd_loop_run_once(daemon->loop, 0);
	}
	faxd_routing_abandon_waiting();
	if (status == 0)
		log_notice("detached from every port; exiting");
	remove_pidfile(&process);
	if (process.signals.fd >= 0)
		close(process.signals.fd);
	if (process.tick.fd >= 0)
		close(process.tick.fd);
	faxd_loop_free(daemon->loop);
	faxd_config_free(daemon->config);
	faxd_log_levels_close();
	return status;
}
