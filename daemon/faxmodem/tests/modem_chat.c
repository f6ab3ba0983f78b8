// SPDX-License-Identifier: GPL-2.0
/*
 * modem_chat: plays a DTE against a modem's terminal, for the tests.
 *
 *   modem_chat TTY STEP...
 *
 * Steps, run in order; the first that fails ends the run with status 1:
 *   send:TEXT        write TEXT (C escapes: \r \n \\ \xHH)
 *   expect:TEXT:S    read until TEXT has arrived, at most S seconds
 *   flood:N          write N bytes of page data (never DLE) without waiting
 *                    for anything, as fast as the terminal takes them
 *   sleep:MS         wait, and forget what arrives meanwhile
 * Everything read is echoed to stderr (non-printable bytes as \xHH) for the log.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* What has been read and not yet matched; older bytes are dropped past this. */
#define RECEIVED_KEEP 4096

static char received[RECEIVED_KEEP + 1];
static size_t received_length;

static long long now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Decodes escapes in place; returns the length, or -1 for a bad escape. */
static long unescape(char *text)
{
	char *in = text, *out = text;

	while (*in) {
		if (*in != '\\') {
			*out++ = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'r': *out++ = '\r'; in++; break;
		case 'n': *out++ = '\n'; in++; break;
		case '\\': *out++ = '\\'; in++; break;
		case 'x': {
			char digits[3] = { 0 };
			char *end;

			if (!in[1] || !in[2])
				return -1;
			digits[0] = in[1];
			digits[1] = in[2];
			*out++ = (char)strtoul(digits, &end, 16);
			if (*end)
				return -1;
			in += 3;
			break;
		}
		default:
			return -1;
		}
	}
	return out - text;
}

static void log_bytes(const char *bytes, size_t length)
{
	size_t i;

	for (i = 0; i < length; i++) {
		unsigned char c = (unsigned char)bytes[i];

		if (c >= 0x20 && c < 0x7f)
			fputc(c, stderr);
		else if (c == '\n')
			fputs("\\n\n", stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
}

/* Read what is there within @wait_ms into the received buffer. Returns -1 on a dead terminal. */
static int read_some(int fd, int wait_ms)
{
	struct pollfd terminal = { .fd = fd, .events = POLLIN };
	char chunk[512];
	ssize_t got;

	if (poll(&terminal, 1, wait_ms) <= 0)
		return 0;
	got = read(fd, chunk, sizeof(chunk));
	if (got < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	if (got == 0)
		return -1;
	log_bytes(chunk, (size_t)got);
	if ((size_t)got > RECEIVED_KEEP)
		got = RECEIVED_KEEP;
	if (received_length + (size_t)got > RECEIVED_KEEP) {
		size_t drop = received_length + (size_t)got - RECEIVED_KEEP;

		memmove(received, received + drop, received_length - drop);
		received_length -= drop;
	}
	memcpy(received + received_length, chunk, (size_t)got);
	received_length += (size_t)got;
	return 0;
}

static int write_all(int fd, const char *bytes, size_t length)
{
	while (length) {
		ssize_t written = write(fd, bytes, length);

		if (written < 0) {
			if (errno == EAGAIN || errno == EINTR) {
				struct pollfd terminal = { .fd = fd, .events = POLLOUT };

				poll(&terminal, 1, 100);
				continue;
			}
			return -1;
		}
		bytes += written;
		length -= (size_t)written;
	}
	return 0;
}

static int expect(int fd, const char *text, size_t length, double seconds)
{
	long long deadline = now_ms() + (long long)(seconds * 1000);

	for (;;) {
		char *found = memmem(received, received_length, text, length);

		if (found) {
			size_t used = (size_t)(found - received) + length;

			memmove(received, received + used, received_length - used);
			received_length -= used;
			return 0;
		}
		if (now_ms() >= deadline || read_some(fd, 100) < 0)
			return -1;
	}
}

/* Page data as a DTE would flood it: all writes, no reads but what keeps the terminal alive. */
static int flood(int fd, size_t count)
{
	char block[1024];
	long long started = now_ms();

	memset(block, 0x55, sizeof(block));
	while (count) {
		size_t length = count < sizeof(block) ? count : sizeof(block);

		if (write_all(fd, block, length))
			return -1;
		count -= length;
	}
	fprintf(stderr, "\n[flood written in %lld ms]\n", now_ms() - started);
	return 0;
}

int main(int argc, char **argv)
{
	struct termios attributes;
	int fd, i;

	if (argc < 3) {
		fprintf(stderr, "usage: modem_chat TTY STEP... (send:TEXT expect:TEXT:SECONDS flood:N sleep:MS)\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "modem_chat: cannot open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (!tcgetattr(fd, &attributes)) {
		cfmakeraw(&attributes);
		tcsetattr(fd, TCSANOW, &attributes);
	}
	for (i = 2; i < argc; i++) {
		char *step = argv[i];
		char *argument = strchr(step, ':');
		int failed = 0;

		if (!argument) {
			fprintf(stderr, "modem_chat: bad step '%s'\n", step);
			return 2;
		}
		*argument++ = '\0';
		if (!strcmp(step, "send")) {
			long length = unescape(argument);

			failed = length < 0 || write_all(fd, argument, (size_t)length);
		} else if (!strcmp(step, "expect")) {
			char *seconds = strrchr(argument, ':');
			long length;

			if (!seconds) {
				fprintf(stderr, "modem_chat: expect needs :SECONDS\n");
				return 2;
			}
			*seconds++ = '\0';
			length = unescape(argument);
			failed = length <= 0 || expect(fd, argument, (size_t)length, atof(seconds));
			if (failed)
				fprintf(stderr, "\nmodem_chat: '%s' did not arrive within %s s\n",
					argument, seconds);
		} else if (!strcmp(step, "flood")) {
			failed = flood(fd, strtoul(argument, NULL, 10));
		} else if (!strcmp(step, "sleep")) {
			long long until = now_ms() + atol(argument);

			while (now_ms() < until)
				if (read_some(fd, (int)(until - now_ms())) < 0)
					break;
			received_length = 0;
		} else {
			fprintf(stderr, "modem_chat: unknown step '%s'\n", step);
			return 2;
		}
		if (failed) {
			fprintf(stderr, "modem_chat: step %d (%s) failed\n", i - 1, step);
			close(fd);
			return 1;
		}
	}
	fputc('\n', stderr);
	close(fd);
	return 0;
}
