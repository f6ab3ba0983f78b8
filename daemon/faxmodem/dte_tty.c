// SPDX-License-Identifier: GPL-2.0
/* The modem's serial line: a pseudo-terminal and its stable symlink. See dte_tty.h. */
#include "dte_tty.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "../engine/log.h"

/*
 * What a DTE that stopped reading may leave unread before output is dropped:
 * 64 KiB is over 35 s of page data at 14400 bit/s, far past any T.30 timer.
 */
#define OUTPUT_QUEUE_LIMIT (64 * 1024)

struct dte_tty {
	struct faxd_loop *loop;
	struct faxd_watch watch;	/* the master side */
	const struct dte_tty_handlers *handlers;
	void *owner;
	char *link_path;
	char terminal_path[PATH_MAX];
	bool dte_present;	/* false after the DTE closed it, until it opens again */
	bool input_paused;
	uint8_t *output;
	size_t output_length;
	size_t output_capacity;
	size_t output_dropped;
};

static uint32_t wanted_events(const struct dte_tty *tty)
{
	uint32_t events = 0;

	if (!tty->input_paused)
		events |= EPOLLIN;
	if (tty->output_length)
		events |= EPOLLOUT;
	return events;
}

static void update_interest(struct dte_tty *tty)
{
	int error;

	if (!tty->dte_present)
		return;
	error = faxd_loop_set_events(tty->loop, &tty->watch, wanted_events(tty));
	if (error)
		log_warning("%s: epoll_ctl: %s", tty->terminal_path, strerror(-error));
}

/* Write what is queued. Returns 0, or a negative errno when the DTE is gone. */
static int flush_output(struct dte_tty *tty)
{
	size_t written_total = 0;

	while (written_total < tty->output_length) {
		ssize_t written = write(tty->watch.fd, tty->output + written_total,
					tty->output_length - written_total);

		if (written < 0) {
			int error = -errno;

			if (error == -EINTR)
				continue;
			if (error == -EAGAIN)
				break;
			memmove(tty->output, tty->output + written_total,
				tty->output_length - written_total);
			tty->output_length -= written_total;
			return error;
		}
		written_total += (size_t)written;
	}
	memmove(tty->output, tty->output + written_total, tty->output_length - written_total);
	tty->output_length -= written_total;
	return 0;
}

static void dte_gone(struct dte_tty *tty)
{
	uint8_t discard[512];

	/* Left-over input belongs to the session that ended, not to the next one. */
	while (read(tty->watch.fd, discard, sizeof(discard)) > 0)
		;
	tty->output_length = 0;
	tty->dte_present = false;
	/* A master without a terminal side polls as hung up for good: stop watching it. */
	faxd_loop_unwatch(tty->loop, &tty->watch);
	log_info("%s: the DTE closed the terminal", tty->terminal_path);
	if (tty->handlers->on_dte_gone)
		tty->handlers->on_dte_gone(tty, tty->owner);
}

static void on_master_ready(struct faxd_watch *watch, uint32_t events)
{
	struct dte_tty *tty = faxd_container_of(watch, struct dte_tty, watch);

	if (events & (EPOLLHUP | EPOLLERR)) {
		dte_gone(tty);
		return;
	}
	if ((events & EPOLLOUT) && flush_output(tty) < 0) {
		dte_gone(tty);
		return;
	}
	if ((events & EPOLLIN) && tty->handlers->on_input)
		tty->handlers->on_input(tty, tty->owner);
	update_interest(tty);
}

size_t dte_tty_read(struct dte_tty *tty, void *buffer, size_t size)
{
	for (;;) {
		ssize_t got;

		if (!tty->dte_present)
			return 0;
		got = read(tty->watch.fd, buffer, size);
		if (got > 0)
			return (size_t)got;
		if (got < 0 && errno == EINTR)
			continue;
		/* EAGAIN: nothing now; EIO: the DTE just closed, and EPOLLHUP follows. */
		return 0;
	}
}

void dte_tty_write(struct dte_tty *tty, const void *data, size_t size)
{
	if (!tty->dte_present || !size)
		return;
	if (tty->output_length + size > OUTPUT_QUEUE_LIMIT) {
		if (!tty->output_dropped)
			log_warning("%s: the DTE does not read: output dropped", tty->terminal_path);
		tty->output_dropped += size;
		return;
	}
	if (tty->output_length + size > tty->output_capacity) {
		size_t capacity = tty->output_capacity ? tty->output_capacity : 1024;
		uint8_t *output;

		while (capacity < tty->output_length + size)
			capacity *= 2;
		output = realloc(tty->output, capacity);
		if (!output) {
			log_error("%s: out of memory: output dropped", tty->terminal_path);
			return;
		}
		tty->output = output;
		tty->output_capacity = capacity;
	}
	memcpy(tty->output + tty->output_length, data, size);
	tty->output_length += size;
	tty->output_dropped = 0;
	/* Errors show as EPOLLHUP/EPOLLERR on the watch, handled there. */
	flush_output(tty);
	update_interest(tty);
}

void dte_tty_pause_input(struct dte_tty *tty, bool paused)
{
	if (tty->input_paused == paused)
		return;
	tty->input_paused = paused;
	update_interest(tty);
}

void dte_tty_poll(struct dte_tty *tty)
{
	struct pollfd master = { .fd = tty->watch.fd, .events = POLLIN };
	int error;

	if (tty->dte_present)
		return;
	if (poll(&master, 1, 0) < 0 || (master.revents & POLLHUP))
		return;
	tty->watch.events = wanted_events(tty);
	/* Unwatching cleared the handler too. */
	tty->watch.handle = on_master_ready;
	error = faxd_loop_watch(tty->loop, &tty->watch);
	if (error) {
		log_error("%s: epoll_ctl: %s", tty->terminal_path, strerror(-error));
		return;
	}
	tty->dte_present = true;
	log_info("%s: the DTE opened the terminal", tty->terminal_path);
}

const char *dte_tty_name(const struct dte_tty *tty)
{
	return tty->terminal_path;
}

/* The terminal side as a modem line: raw bytes, no echo, no signals, no line editing. */
static int set_raw(int master_fd)
{
	struct termios attributes;

	if (tcgetattr(master_fd, &attributes))
		return -errno;
	cfmakeraw(&attributes);
	attributes.c_cflag |= CLOCAL | CREAD;
	cfsetspeed(&attributes, B115200);
	/* On a pty master this sets the terminal side's modes, which the DTE then adjusts. */
	if (tcsetattr(master_fd, TCSANOW, &attributes))
		return -errno;
	return 0;
}

/* Point @link_path at the terminal; rename() makes the switch atomic. */
static int make_link(struct dte_tty *tty)
{
	size_t length = strlen(tty->link_path);
	char *temporary = malloc(length + sizeof(".new"));
	char *slash;
	int error = 0;

	if (!temporary)
		return -ENOMEM;
	/* The symlink's folder (e.g. /run/faxport-modem) is made if it is missing; its parents are not. */
	memcpy(temporary, tty->link_path, length + 1);
	slash = strrchr(temporary, '/');
	if (slash && slash != temporary) {
		*slash = '\0';
		if (mkdir(temporary, 0755) && errno != EEXIST)
			error = -errno;
	}
	memcpy(temporary + length, ".new", sizeof(".new"));
	memcpy(temporary, tty->link_path, length);
	if (!error) {
		unlink(temporary);
		if (symlink(tty->terminal_path, temporary) || rename(temporary, tty->link_path)) {
			error = -errno;
			unlink(temporary);
		}
	}
	free(temporary);
	return error;
}

int dte_tty_open(struct faxd_loop *loop, const char *link_path, mode_t mode, gid_t gid,
		 const struct dte_tty_handlers *handlers, void *owner, struct dte_tty **tty_out)
{
	static const struct dte_tty_handlers no_handlers;
	struct dte_tty *tty = calloc(1, sizeof(*tty));
	int error;

	if (!tty)
		return -ENOMEM;
	tty->loop = loop;
	tty->handlers = handlers ? handlers : &no_handlers;
	tty->owner = owner;
	tty->dte_present = true;
	tty->link_path = strdup(link_path);
	if (!tty->link_path) {
		error = -ENOMEM;
		goto err_free;
	}
	tty->watch.fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (tty->watch.fd < 0) {
		error = -errno;
		goto err_free;
	}
	if (grantpt(tty->watch.fd) || unlockpt(tty->watch.fd) ||
	    ptsname_r(tty->watch.fd, tty->terminal_path, sizeof(tty->terminal_path))) {
		error = -errno;
		goto err_close;
	}
	error = set_raw(tty->watch.fd);
	if (error)
		goto err_close;
	if (chmod(tty->terminal_path, mode) ||
	    (gid != (gid_t)-1 && chown(tty->terminal_path, (uid_t)-1, gid))) {
		error = -errno;
		goto err_close;
	}
	error = make_link(tty);
	if (error)
		goto err_close;
	tty->watch.events = wanted_events(tty);
	tty->watch.handle = on_master_ready;
	error = faxd_loop_watch(loop, &tty->watch);
	if (error) {
		unlink(tty->link_path);
		goto err_close;
	}
	*tty_out = tty;
	return 0;

err_close:
	close(tty->watch.fd);
err_free:
	free(tty->link_path);
	free(tty);
	return error;
}

void dte_tty_close(struct dte_tty *tty)
{
	char target[PATH_MAX];
	ssize_t length = readlink(tty->link_path, target, sizeof(target) - 1);

	/* Another faxport-modem may have taken the name over since: leave its link alone. */
	if (length > 0) {
		target[length] = '\0';
		if (!strcmp(target, tty->terminal_path))
			unlink(tty->link_path);
	}
	if (tty->dte_present)
		faxd_loop_unwatch(tty->loop, &tty->watch);
	close(tty->watch.fd);
	free(tty->output);
	free(tty->link_path);
	free(tty);
}
