// SPDX-License-Identifier: GPL-2.0
/*
 * silent_call: a caller that is no fax machine. It attaches to a port as
 * its DSP engine on a free-running line, dials a number and, once
 * answered, sends silence (a voice caller who says nothing) until the far
 * end hangs up, so that tests can see what the answering fax server makes
 * of a call without fax tones.
 * usage: silent_call PORT NUMBER [MAX_LINE_SECONDS]
 * Exit status: 0 the far end hung up, 1 it did not within MAX_LINE_SECONDS
 * of line time (default 120) or the call was not answered, 2 usage or
 * setup errors.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "faxport_client.h"

#define SAMPLE_RATE 8000
#define BLOCK_SAMPLES 160	/* 20 ms */

static int setup_error(const char *what, int error)
{
	fprintf(stderr, "silent_call: %s: %s\n", what, strerror(error));
	return 2;
}

/* Waits for the next line event; 0, or -1 after 10 s without one. */
static int next_line_event(int fd, struct faxport_line_event *event)
{
	struct pollfd wait = { .fd = fd, .events = POLLPRI };

	if (poll(&wait, 1, 10000) != 1)
		return -1;
	return ioctl(fd, FAXPORT_IOC_LINE_EVENT, event) ? -1 : 0;
}

/*
 * The far end hung up: its HANGUP event, or, when it comes between poll()
 * and our read or write, the line's ENOTCONN (we never hang up ourselves).
 */
static int hung_up(unsigned long samples_sent)
{
	printf("hung up after %lu s of line time\n", samples_sent / SAMPLE_RATE);
	return 0;
}

int main(int argc, char **argv)
{
	struct faxport_dsp_attach attach = {
		.version = FAXPORT_API_VERSION,
		.clock = FAXPORT_CLOCK_FREE_RUNNING,
	};
	struct faxport_dial dial = { 0 };
	struct faxport_line_event event;
	static short silence[BLOCK_SAMPLES], heard[BLOCK_SAMPLES];
	unsigned long port, max_seconds = 120, samples_sent = 0;
	int fd;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: silent_call PORT NUMBER [MAX_LINE_SECONDS]\n");
		return 2;
	}
	port = strtoul(argv[1], NULL, 10);
	if (argc == 4)
		max_seconds = strtoul(argv[3], NULL, 10);
	fd = faxport_open_port_node((uint32_t)port);
	if (fd < 0)
		return setup_error("open the port", -fd);
	if (ioctl(fd, FAXPORT_IOC_DSP_ATTACH, &attach))
		return setup_error("attach", errno);
	snprintf(dial.number, sizeof(dial.number), "%s", argv[2]);
	if (ioctl(fd, FAXPORT_IOC_LINE_DIAL, &dial))
		return setup_error("dial", errno);
	do {
		if (next_line_event(fd, &event) || event.type == FAXPORT_LINE_EV_NO_ANSWER ||
		    event.type == FAXPORT_LINE_EV_HANGUP) {
			printf("not answered\n");
			return 1;
		}
	} while (event.type != FAXPORT_LINE_EV_ANSWERED);
	printf("answered\n");

	while (samples_sent < max_seconds * SAMPLE_RATE) {
		struct pollfd wait = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };

		if (poll(&wait, 1, 10000) != 1)
			break;
		if (wait.revents & POLLPRI) {
			if (ioctl(fd, FAXPORT_IOC_LINE_EVENT, &event) == 0 &&
			    event.type == FAXPORT_LINE_EV_HANGUP)
				return hung_up(samples_sent);
		}
		/* What the far end says is not listened to, only drained. */
		if ((wait.revents & POLLIN) && read(fd, heard, sizeof(heard)) < 0 &&
		    errno != EAGAIN) {
			if (errno == ENOTCONN)
				return hung_up(samples_sent);
			break;
		}
		if (wait.revents & POLLOUT) {
			ssize_t written = write(fd, silence, sizeof(silence));

			if (written < 0 && errno == ENOTCONN)
				return hung_up(samples_sent);
			if (written < 0 && errno != EAGAIN)
				break;
			if (written > 0)
				samples_sent += (unsigned long)written / sizeof(silence[0]);
		}
	}
	printf("no hang-up after %lu s of line time\n", samples_sent / SAMPLE_RATE);
	return 1;
}
