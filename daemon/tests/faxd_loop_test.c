// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of faxd_loop: what the loop promises its owners. A timer's
 * owner is told once per readable timerfd however late the loop is; a
 * signal's owner once per signal; a watch disarmed by an earlier handler
 * of the same batch is not called; deferred work runs after the batch,
 * once however often it was queued, and work queued while it runs waits
 * for the next round.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "../engine/clock.h"
#include "../engine/loop.h"
#include <tap.h>

struct tick_counter {
	struct faxd_watch watch;
	int ticks;
};

static void count_tick(struct faxd_watch *watch)
{
	faxd_container_of(watch, struct tick_counter, watch)->ticks++;
}

struct signal_record {
	struct faxd_watch watch;
	int count;
	int last_signal;
};

static void record_signal(struct faxd_watch *watch, int signal_number)
{
	struct signal_record *record = faxd_container_of(watch, struct signal_record, watch);

	record->count++;
	record->last_signal = signal_number;
}

/* A pipe's read end; its handler may disarm another pipe's watch. */
struct pipe_watch {
	struct faxd_watch watch;
	int write_fd;
	int calls;
	struct faxd_loop *loop;
	struct pipe_watch *disarm;	/* unwatched by this one's handler */
	struct faxd_deferred *defer;	/* queued twice by this one's handler */
	int deferred_runs_seen;		/* by the handler: deferred work ran? */
};

static int deferred_runs;

static void run_deferred_work(struct faxd_deferred *deferred)
{
	(void)deferred;
	deferred_runs++;
}

/* Queues itself again: must wait for the next round, not loop forever. */
static struct faxd_loop *requeue_loop;
static int requeue_runs;

static void requeue_self(struct faxd_deferred *deferred)
{
	requeue_runs++;
	faxd_loop_defer(requeue_loop, deferred);
}

static void on_pipe(struct faxd_watch *watch, uint32_t events)
{
	struct pipe_watch *pipe_watch = faxd_container_of(watch, struct pipe_watch, watch);
	char byte;

	if (!(events & EPOLLIN))
		return;
	while (read(watch->fd, &byte, 1) == 1)
		;
	pipe_watch->calls++;
	if (pipe_watch->disarm)
		faxd_loop_unwatch(pipe_watch->loop, &pipe_watch->disarm->watch);
	if (pipe_watch->defer) {
		faxd_loop_defer(pipe_watch->loop, pipe_watch->defer);
		faxd_loop_defer(pipe_watch->loop, pipe_watch->defer);
	}
	pipe_watch->deferred_runs_seen = deferred_runs;
}

static bool open_pipe_watch(struct faxd_loop *loop, struct pipe_watch *pipe_watch)
{
	int fds[2];

	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC))
		return false;
	*pipe_watch = (struct pipe_watch){
		.watch = { .fd = fds[0], .events = EPOLLIN, .handle = on_pipe },
		.write_fd = fds[1],
		.loop = loop,
	};
	return faxd_loop_watch(loop, &pipe_watch->watch) == 0;
}

static void close_pipe_watch(struct faxd_loop *loop, struct pipe_watch *pipe_watch)
{
	faxd_loop_unwatch(loop, &pipe_watch->watch);
	close(pipe_watch->watch.fd);
	close(pipe_watch->write_fd);
}

static void sleep_ms(long ms)
{
	struct timespec pause = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&pause, &pause) && errno == EINTR)
		;
}

static void test_timer(struct faxd_loop *loop)
{
	struct tick_counter counter = { .ticks = 0 };
	int rounds = 0;

	ok(faxd_loop_watch_timer(loop, &counter.watch, 100, count_tick) == 0,
	   "a 100 ms timer is watched");
	while (counter.ticks == 0 && rounds++ < 20)
		faxd_loop_run_once(loop, 100);
	ok(counter.ticks == 1, "its owner is told of the first expiry, once");
	/* Five or so expiries pass while the loop is busy elsewhere. */
	sleep_ms(550);
	faxd_loop_run_once(loop, 0);
	ok(counter.ticks == 2, "expiries missed by a late loop make one tick, not a burst");
	faxd_loop_run_once(loop, 0);
	ok(counter.ticks == 2, "the timerfd was read: no tick without a new expiry");
	faxd_loop_unwatch(loop, &counter.watch);
	close(counter.watch.fd);
}

static void test_signals(struct faxd_loop *loop)
{
	struct signal_record record = { .count = 0 };
	sigset_t signals;

	sigemptyset(&signals);
	sigaddset(&signals, SIGUSR1);
	sigaddset(&signals, SIGUSR2);
	ok(faxd_loop_watch_signals(loop, &record.watch, &signals, record_signal) == 0,
	   "SIGUSR1 and SIGUSR2 are watched through a signalfd");
	raise(SIGUSR1);
	faxd_loop_run_once(loop, 1000);
	ok(record.count == 1 && record.last_signal == SIGUSR1,
	   "a raised SIGUSR1 reaches its owner once, by number");
	raise(SIGUSR1);
	raise(SIGUSR2);
	faxd_loop_run_once(loop, 1000);
	ok(record.count == 3 && record.last_signal == SIGUSR2,
	   "two different signals pending at once reach the owner one after the other");
	faxd_loop_unwatch(loop, &record.watch);
	close(record.watch.fd);
}

static void test_unwatch_in_batch(struct faxd_loop *loop)
{
	struct pipe_watch first, second;
	bool opened = open_pipe_watch(loop, &first) && open_pipe_watch(loop, &second);

	ok(opened, "two pipes are watched");
	if (!opened)
		return;
	/* Whichever the batch handles first disarms the other. */
	first.disarm = &second;
	second.disarm = &first;
	if (write(first.write_fd, "x", 1) != 1 || write(second.write_fd, "x", 1) != 1)
		return;
	faxd_loop_run_once(loop, 1000);
	ok(first.calls + second.calls == 1,
	   "of two ready watches, the one disarmed by the other's handler in the same batch is not called");
	first.disarm = NULL;
	second.disarm = NULL;
	close_pipe_watch(loop, &first);
	close_pipe_watch(loop, &second);
}

static void test_deferred(struct faxd_loop *loop)
{
	struct faxd_deferred work = { .run = run_deferred_work };
	struct faxd_deferred requeuing = { .run = requeue_self };
	struct pipe_watch watch;
	int64_t started;

	ok(open_pipe_watch(loop, &watch), "a pipe is watched");
	watch.defer = &work;
	deferred_runs = 0;
	if (write(watch.write_fd, "x", 1) != 1)
		return;
	faxd_loop_run_once(loop, 1000);
	ok(watch.calls == 1 && watch.deferred_runs_seen == 0 && deferred_runs == 1,
	   "work deferred twice by a handler runs once, after the handler returned");
	faxd_loop_run_once(loop, 0);
	ok(deferred_runs == 1, "and not again in the next round");
	close_pipe_watch(loop, &watch);

	requeue_loop = loop;
	faxd_loop_defer(loop, &requeuing);
	faxd_loop_run_once(loop, 1000);
	ok(requeue_runs == 1, "work that queues itself runs once per round, not forever");
	started = monotonic_ns();
	faxd_loop_run_once(loop, 5000);
	ok(requeue_runs == 2 && monotonic_ns() - started < NS_PER_SECOND,
	   "and again in the next round, which does not wait for an event");
}

int main(void)
{
	struct faxd_loop *loop = faxd_loop_new();

	tap_plan(15);
	ok(loop != NULL, "a loop is made");
	if (!loop)
		return tap_finish();
	test_timer(loop);
	test_signals(loop);
	test_unwatch_in_batch(loop);
	test_deferred(loop);
	faxd_loop_free(loop);
	return tap_finish();
}
