/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_config: /etc/faxd.conf, "key = value" lines, "# comments", and
 * "[port N]" sections whose keys override the global ones for port N.
 * faxd.conf.example documents every key. Parsing is strict: an unknown key
 * or a bad value is an error with its line number, so a typo never silently
 * means "the default".
 */
#ifndef FAXD_CONFIG_H
#define FAXD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAXD_DEFAULT_CONFIG_PATH "/etc/faxd.conf"
#define FAXD_DEFAULT_SPOOL_DIR "/var/spool/faxport"
/* Delivery reports (DRT_EMAIL): a sendmail-compatible command reading the mail on stdin. */
#define FAXD_DEFAULT_MAIL_COMMAND "/usr/sbin/sendmail -t -oi"
/* One line per call (call_record.h); "transfer_log =" (empty) turns it off. */
#define FAXD_DEFAULT_TRANSFER_LOG "/var/log/faxport/transfer.log"

/* What can differ per port: the call's T.30 settings and the routing methods. */
struct faxd_port_settings {
	unsigned int modems;		/* FAX_MODEM_* mask, 0 = all */
	unsigned int compressions;	/* FAX_COMPRESSION_* mask, 0 = all */
	bool disable_ecm;
	const char *local_ident;	/* NULL: the port's csid/tsid */
	const char *header_info;	/* the branding header's format; NULL: the default */
	bool store_in_folder;		/* routing method "store in a folder" */
	const char *store_folder;	/* NULL: <spool_dir>/received/faxport<N> */
	const char *route_command;	/* routing method "run a command"; NULL: off */
};

/* "route_command NAME = /program args": a command a port's routing may name. */
struct faxd_route_command {
	char *name;
	char *command_line;
};

/* What a routing command may use (faxd_routing's children). */
struct faxd_route_limits {
	unsigned int timeout_s;		/* wall clock, then SIGKILL; also RLIMIT_CPU */
	unsigned int max_running;	/* children at once; the others wait */
	unsigned long memory_mb;	/* RLIMIT_AS */
	unsigned long max_files;	/* RLIMIT_NOFILE */
	unsigned long max_processes;	/* RLIMIT_NPROC (of faxd's user) */
};

/*
 * Low among real-time priorities: above every normal process, below the
 * kernel's threaded interrupts (50) and audio servers that ask for more.
 */
#define FAXD_DEFAULT_REALTIME_PRIORITY 10

struct faxd_config {
	char *spool_dir;
	unsigned int clock;		/* FAXPORT_CLOCK_* */
	bool all_ports;			/* attach to every port (the default) */
	uint32_t *ports;		/* else these DeviceIds */
	size_t port_count;
	int log_level;			/* LOG_* */
	unsigned int call_deadline_s;	/* line time */
	unsigned int phase_deadline_s;	/* line time without progress */
	unsigned int dial_timeout_s;	/* wall clock; 0 = the exchange's ring limit */
	unsigned int stall_timeout_s;	/* wall clock without audio in a call */
	unsigned int shutdown_grace_s;	/* SIGTERM: how long calls may finish */
	unsigned int rescan_interval_s;	/* 0: rescan ports only on SIGHUP */
	unsigned int realtime_priority;	/* SCHED_RR for real-time audio; 0: off */
	struct faxd_route_command *route_commands;	/* the named commands */
	size_t route_command_count;
	struct faxd_route_limits route_limits;	/* also the delivery report mail's */
	char *mail_command;		/* "/program words": gets a mail on stdin */
	bool mail_spooled;		/* mails go to <spool_dir>/mail (mail_spool.h) */
	char *transfer_log;		/* absolute path; NULL: no transfer log */
	char *notify_command;		/* "/program words" at a send job's end; NULL: off */
	char *receive_command;		/* "/program words" for each received fax; NULL: off */

	/* Private: the global settings and the [port N] sections. */
	struct faxd_config_section *sections;	/* [0] is the global one */
	size_t section_count;
};

/*
 * Read @path. A missing file is not an error when @must_exist is false: the
 * defaults are used. The file must be owned by root or by faxd's own user
 * and writable by its owner alone: it names the programs faxd runs and the
 * folders it writes. Returns the config, or NULL with a message in @error
 * (free() it).
 */
struct faxd_config *faxd_config_load(const char *path, bool must_exist, char **error);
void faxd_config_free(struct faxd_config *config);

/* The settings for port @device_id: the global ones with its section's on top. */
void faxd_config_port_settings(const struct faxd_config *config, uint32_t device_id,
			       struct faxd_port_settings *settings);
/* The command line of the command named @name, or NULL if faxd.conf defines none. */
const char *faxd_config_route_command(const struct faxd_config *config, const char *name);
/* Is @name a command name the kernel would store ("run a command" routing info)? */
bool faxd_config_route_command_name_valid(const char *name);
/* Should faxd attach to @device_id? */
bool faxd_config_wants_port(const struct faxd_config *config, uint32_t device_id);

#endif
