/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_loop: the one epoll loop that serves every port, the signals and a
 * one-second housekeeping tick. Nothing in faxd blocks: each handler does
 * what can be done now and returns.
 *
 * Objects that go away while a batch of events is being handled (a port
 * detached by a callback, say) may still be named by later events of the
 * same batch, so a watch is first disarmed (faxd_loop_unwatch), and its
 * owner frees it from a deferred task, which runs after the batch.
 */
#ifndef FAXD_ENGINE_LOOP_H
#define FAXD_ENGINE_LOOP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The object that embeds @member at @pointer: a handler finds its owner. */
#define faxd_container_of(pointer, type, member) \
	((type *)(void *)((char *)(pointer) - offsetof(type, member)))

struct faxd_loop;
struct faxd_watch;

typedef void faxd_watch_fn(struct faxd_watch *watch, uint32_t events);
typedef void faxd_signal_fn(struct faxd_watch *watch, int signal_number);
typedef void faxd_tick_fn(struct faxd_watch *watch);

/* Embedded in its owner; valid while fd >= 0. */
struct faxd_watch {
	int fd;
	uint32_t events;	/* EPOLL* interest */
	faxd_watch_fn *handle;
	/*
	 * For the fds the loop reads itself (handle is then the loop's own),
	 * what the owner is told.
	 */
	union {
		faxd_signal_fn *on_signal;	/* once per signal received */
		faxd_tick_fn *on_tick;		/* once per readable timerfd */
	};
};

/* Work to run after the current batch of events; embedded in its owner. */
struct faxd_deferred {
	struct faxd_deferred *next;
	bool queued;
	void (*run)(struct faxd_deferred *deferred);
};

/* A new loop, or NULL with errno set (as malloc() does). */
struct faxd_loop *faxd_loop_new(void);
void faxd_loop_free(struct faxd_loop *loop);

/* Watch @watch->fd for @watch->events. Returns 0, or a negative errno. */
int faxd_loop_watch(struct faxd_loop *loop, struct faxd_watch *watch);
/* Change the interest of a watched fd (no-op if unchanged): 0 or a negative errno. */
int faxd_loop_set_events(struct faxd_loop *loop, struct faxd_watch *watch, uint32_t events);
/* Stop watching; watch->fd is left for the owner to close. */
void faxd_loop_unwatch(struct faxd_loop *loop, struct faxd_watch *watch);

/*
 * Block @signals and watch them through a signalfd in @watch: the loop
 * reads it and calls @on_signal once per signal received. Returns 0, or a
 * negative errno (nothing is left open then).
 */
int faxd_loop_watch_signals(struct faxd_loop *loop, struct faxd_watch *watch,
			    const sigset_t *signals, faxd_signal_fn *on_signal);

/*
 * Watch a periodic CLOCK_MONOTONIC timerfd in @watch, every @interval_ms:
 * the loop reads the expirations and calls @on_tick once for them all (a
 * late loop does not run a burst of ticks). Returns like
 * faxd_loop_watch_signals.
 */
int faxd_loop_watch_timer(struct faxd_loop *loop, struct faxd_watch *watch,
			  unsigned int interval_ms, faxd_tick_fn *on_tick);

/* Queue @deferred (once: queuing it again before it ran does nothing). */
void faxd_loop_defer(struct faxd_loop *loop, struct faxd_deferred *deferred);

/*
 * Wait for events (at most @timeout_ms, -1 for no limit, 0 if deferred work
 * is queued), handle them, then run the deferred work. Returns 0, or a
 * negative errno if epoll_wait failed for a reason other than EINTR.
 */
int faxd_loop_run_once(struct faxd_loop *loop, int timeout_ms);

#endif
