// SPDX-License-Identifier: GPL-2.0
#include "loop.h"
#include "log.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

/* Events handled per epoll_wait; more simply wait for the next round. */
#define EVENTS_PER_BATCH 32

struct faxd_loop {
	int epoll_fd;
	struct faxd_deferred *deferred_head;
	struct faxd_deferred **deferred_tail;
};

struct faxd_loop *faxd_loop_new(void)
{
	struct faxd_loop *loop = calloc(1, sizeof(*loop));

	if (!loop)
		return NULL;
	loop->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (loop->epoll_fd < 0) {
		free(loop);
		return NULL;
	}
	loop->deferred_tail = &loop->deferred_head;
	return loop;
}

void faxd_loop_free(struct faxd_loop *loop)
{
	if (!loop)
		return;
	close(loop->epoll_fd);
	free(loop);
}

int faxd_loop_watch(struct faxd_loop *loop, struct faxd_watch *watch)
{
	struct epoll_event event = { .events = watch->events, .data.ptr = watch };

	if (epoll_ctl(loop->epoll_fd, EPOLL_CTL_ADD, watch->fd, &event))
		return -errno;
	return 0;
}

int faxd_loop_set_events(struct faxd_loop *loop, struct faxd_watch *watch, uint32_t events)
{
	struct epoll_event event = { .events = events, .data.ptr = watch };

	if (watch->events == events)
		return 0;
	watch->events = events;
	if (epoll_ctl(loop->epoll_fd, EPOLL_CTL_MOD, watch->fd, &event))
		return -errno;
	return 0;
}

void faxd_loop_unwatch(struct faxd_loop *loop, struct faxd_watch *watch)
{
	if (watch->fd >= 0)
		epoll_ctl(loop->epoll_fd, EPOLL_CTL_DEL, watch->fd, NULL);
	/* Later events of this batch that name it are skipped. */
	watch->handle = NULL;
}

/* Watch @watch->fd, just made; on failure close it. 0 or a negative errno. */
static int watch_new_fd(struct faxd_loop *loop, struct faxd_watch *watch, faxd_watch_fn *handle)
{
	int error;

	watch->events = EPOLLIN;
	watch->handle = handle;
	error = faxd_loop_watch(loop, watch);
	if (error) {
		close(watch->fd);
		watch->fd = -1;
	}
	return error;
}

static void deliver_signals(struct faxd_watch *watch, uint32_t events)
{
	struct signalfd_siginfo info;

	(void)events;
	while (read(watch->fd, &info, sizeof(info)) == sizeof(info))
		watch->on_signal(watch, (int)info.ssi_signo);
}

int faxd_loop_watch_signals(struct faxd_loop *loop, struct faxd_watch *watch,
			    const sigset_t *signals, faxd_signal_fn *on_signal)
{
	watch->fd = -1;
	if (sigprocmask(SIG_BLOCK, signals, NULL))
		return -errno;
	watch->on_signal = on_signal;
	watch->fd = signalfd(-1, signals, SFD_NONBLOCK | SFD_CLOEXEC);
	if (watch->fd < 0)
		return -errno;
	return watch_new_fd(loop, watch, deliver_signals);
}

/* The expiration count is read so that the timerfd stops being readable. */
static void deliver_ticks(struct faxd_watch *watch, uint32_t events)
{
	uint64_t expirations;

	(void)events;
	if (read(watch->fd, &expirations, sizeof(expirations)) < 0) {
		if (errno != EAGAIN)
			log_warning("timerfd: %s", strerror(errno));
		return;
	}
	watch->on_tick(watch);
}

int faxd_loop_watch_timer(struct faxd_loop *loop, struct faxd_watch *watch,
			  unsigned int interval_ms, faxd_tick_fn *on_tick)
{
	struct timespec interval = {
		.tv_sec = interval_ms / 1000, .tv_nsec = (long)(interval_ms % 1000) * 1000000,
	};
	struct itimerspec period = { .it_interval = interval, .it_value = interval };
	int error;

	watch->on_tick = on_tick;
	watch->fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (watch->fd < 0)
		return -errno;
	if (timerfd_settime(watch->fd, 0, &period, NULL)) {
		error = -errno;
		close(watch->fd);
		watch->fd = -1;
		return error;
	}
	return watch_new_fd(loop, watch, deliver_ticks);
}

void faxd_loop_defer(struct faxd_loop *loop, struct faxd_deferred *deferred)
{
	if (deferred->queued)
		return;
	deferred->queued = true;
	deferred->next = NULL;
	*loop->deferred_tail = deferred;
	loop->deferred_tail = &deferred->next;
}

static void run_deferred(struct faxd_loop *loop)
{
	/* Work queued while this runs waits for the next round, so none can starve the loop. */
	struct faxd_deferred *list = loop->deferred_head;

	loop->deferred_head = NULL;
	loop->deferred_tail = &loop->deferred_head;
	while (list) {
		struct faxd_deferred *deferred = list;

		list = deferred->next;
		deferred->queued = false;
		deferred->next = NULL;
		deferred->run(deferred);
	}
}

int faxd_loop_run_once(struct faxd_loop *loop, int timeout_ms)
{
	struct epoll_event events[EVENTS_PER_BATCH];
	int count;

	if (loop->deferred_head)
		timeout_ms = 0;
	count = epoll_wait(loop->epoll_fd, events, EVENTS_PER_BATCH, timeout_ms);
	if (count < 0) {
		if (errno != EINTR)
			return -errno;
		count = 0;
	}
	for (int i = 0; i < count; i++) {
		struct faxd_watch *watch = events[i].data.ptr;

		if (watch->handle)
			watch->handle(watch, events[i].events);
	}
	run_deferred(loop);
	return 0;
}
