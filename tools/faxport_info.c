// SPDX-License-Identifier: GPL-2.0
/*
 * faxport-info: what the running fax server offers, as a newcomer would ask it:
 * connect, shake hands, and report the rights, ports, jobs and settings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "faxport_client.h"
#include "faxctl/terminal_text.h"

static const char server_node[] = FAXPORT_SERVER_NODE;

static const char *state_name(__u32 state)
{
	switch (state) {
	case FAXPORT_STATE_AVAILABLE: return "available";
	case FAXPORT_STATE_OFFLINE: return "offline (no DSP engine)";
	case FAXPORT_STATE_DIALING: return "dialing";
	case FAXPORT_STATE_RINGING: return "ringing";
	case FAXPORT_STATE_SENDING: return "sending";
	case FAXPORT_STATE_RECEIVING: return "receiving";
	case FAXPORT_STATE_UNAVAILABLE: return "unavailable";
	default: return "other";
	}
}

static void print_rights(__u32 rights)
{
	static const struct { __u32 bit; const char *name; } names[] = {
		{ FAXPORT_RIGHT_JOB_SUBMIT, "submit" },
		{ FAXPORT_RIGHT_JOB_QUERY, "query-jobs" },
		{ FAXPORT_RIGHT_CONFIG_QUERY, "query-config" },
		{ FAXPORT_RIGHT_CONFIG_SET, "set-config" },
		{ FAXPORT_RIGHT_PORT_QUERY, "query-ports" },
		{ FAXPORT_RIGHT_PORT_SET, "set-ports" },
		{ FAXPORT_RIGHT_JOB_MANAGE, "manage-jobs" },
	};
	size_t i;

	printf("your rights:  0x%02x", rights);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (rights & names[i].bit)
			printf(" %s", names[i].name);
	printf("\n");
}

/* The port table; 0, or the listing's negative errno (already reported). */
static int print_ports(int fd)
{
	const struct faxport_port_info *infos;
	void *entries;
	uint32_t count, i;
	int error = faxport_list(fd, FAXPORT_IOC_PORT_LIST, sizeof(*infos), 8,
				 FAXPORT_PORTS_MAX, &entries, &count);

	if (error) {
		fprintf(stderr, "faxport-info: listing ports: %s\n", strerror(-error));
		return error;
	}
	infos = entries;
	printf("ports:        %u\n", count);
	printf("  %-4s %-16s %-8s %-6s %-5s %s\n", "id", "name", "number",
	       "flags", "rings", "state");
	for (i = 0; i < count; i++) {
		/*
		 * Whoever added the port chose its name and number: they reach
		 * the terminal escaped, and end within their arrays even if a
		 * kernel filled them to the last byte.
		 */
		char name[sizeof(infos[i].name) + 1], number[sizeof(infos[i].number) + 1];

		memcpy(name, infos[i].name, sizeof(infos[i].name));
		name[sizeof(infos[i].name)] = '\0';
		memcpy(number, infos[i].number, sizeof(infos[i].number));
		number[sizeof(infos[i].number)] = '\0';
		printf("  %-4u ", infos[i].device_id);
		terminal_text_field(stdout, name, -16);
		putchar(' ');
		terminal_text_field(stdout, number, -8);
		printf(" %s%s%-4s %-5u %s\n",
		       infos[i].flags & FAXPORT_PORT_SEND ? "S" : "-",
		       infos[i].flags & FAXPORT_PORT_RECEIVE ? "R" : "-", "",
		       infos[i].rings, state_name(infos[i].state));
	}
	free(entries);
	return 0;
}

static void print_jobs_and_config(int fd)
{
	struct faxport_job_list jobs = {
		.info_size = sizeof(struct faxport_job_info),
	};
	struct faxport_config cfg;

	/* Room for none: the driver still says how many there are. */
	if (faxport_ioctl(fd, FAXPORT_IOC_JOB_LIST, &jobs) == 0)
		printf("jobs queued:  %u\n", jobs.count);
	if (faxport_ioctl(fd, FAXPORT_IOC_CONFIG_GET, &cfg) == 0)
		printf("config:       %u retries, %u min apart; queue %s; "
		       "discount %02u:%02u-%02u:%02u UTC\n",
		       cfg.retries, cfg.retry_delay_min,
		       cfg.pause_server_queue ? "paused" : "running",
		       cfg.start_cheap_min / 60, cfg.start_cheap_min % 60,
		       cfg.stop_cheap_min / 60, cfg.stop_cheap_min % 60);
}

int main(int argc, char **argv)
{
	struct faxport_api api;
	struct faxport_rights rights;
	int fd, status = 0;

	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("faxport-info (winfax for Linux) %s\n", FAXPORT_VERSION);
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "usage: %s [--help | --version]\n"
			"Connects to %s and prints what the fax server offers.\n",
			argv[0], server_node);
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	fd = faxport_open_server_api(&api);
	/* The handshake's own refusals: another uAPI version, not the server. */
	if (fd == -EINVAL || fd == -ENOTTY) {
		fprintf(stderr, "faxport-info: handshake with %s failed: %s\n",
			server_node, strerror(-fd));
		return 1;
	}
	if (fd < 0) {
		fprintf(stderr, "faxport-info: cannot open %s: %s%s\n", server_node,
			strerror(-fd), fd == -ENOENT ? " (is faxport.ko loaded?)" : "");
		return 1;
	}
	printf("fax server:   %s (uAPI version %u, features 0x%llx)\n",
	       server_node, api.version, (unsigned long long)api.features);
	if (faxport_ioctl(fd, FAXPORT_IOC_GET_RIGHTS, &rights) == 0)
		print_rights(rights.rights);
	if (print_ports(fd))
		status = 1;
	print_jobs_and_config(fd);
	close(fd);
	return status;
}
