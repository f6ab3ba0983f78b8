// SPDX-License-Identifier: GPL-2.0
/*
 * bench_events: how fast the driver's events reach a Win32 program.
 *
 *   event_latency  from the kernel emitting an event (its own timestamp,
 *                  FAX_EVENT.TimeStamp) to GetQueuedCompletionStatus
 *                  returning it in a thread that was waiting for it; against
 *                  a pipe write (stamped just before write()) to read()
 *                  returning in a second thread.
 *   event_rate     events per second a completion port delivers in a burst,
 *                  with none lost; against pipe messages per second.
 *
 * The events come from real driver work: queueing a job (FEI_JOB_QUEUED)
 * and deleting it (FEI_DELETED), with the server queue paused so that no
 * engine picks the job up. The trigger uses the uAPI directly: it is the
 * "kernel side" of the measure, not the client being measured.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>
#include <winfax.h>

#include "bench_report.h"
#include "faxport_client.h"

#define DEFAULT_ROUNDS 5
#define LATENCY_SAMPLES 200
#define LATENCY_SLICE 20	/* LATENCY_SAMPLES is a multiple */
#define BURST_EVENTS 2000
/*
 * At most this many events in flight: the rate is measured without overrunning
 * the subscriber, whose socket buffer holds a few hundred events.
 */
#define RATE_WINDOW 64
#define WAIT_MS 10000
#define COMPLETION_KEY 0xfa7

/* FILETIME counts 100 ns since 1601-01-01; the Unix epoch is this many later. */
#define FILETIME_UNIX_EPOCH 116444736000000000ull

struct event_trigger {
	int server_fd;
	int document_fd;
	uint32_t pending_job;	/* queued, to be deleted by the next trigger; 0 if none */
};

/* The thread that waits, and what it hands back. */
struct waiter {
	pthread_t thread;
	HANDLE completion_port;
	int pipe_read_fd;
	bool use_pipe;
	int expected;		/* events (or messages) this phase */
	bool ack_each;		/* post `ack` after each one (latency) */
	sem_t ack;
	sem_t start;
	double *latencies_ns;	/* latency phase */
	_Atomic int received;
	int lost_reports;
	uint64_t last_at_ns;	/* CLOCK_REALTIME of the last one received */
	bool quit;
};

static uint64_t filetime_to_unix_ns(FILETIME time)
{
	uint64_t ticks = ((uint64_t)time.dwHighDateTime << 32) | time.dwLowDateTime;

	return (ticks - FILETIME_UNIX_EPOCH) * 100;
}

static void trigger_setup(struct event_trigger *trigger)
{
	struct faxport_config config;
	char document_path[] = "/tmp/bench_events.XXXXXX";

	trigger->server_fd = faxport_open_server();
	if (trigger->server_fd < 0)
		bench_die("cannot open the fax server %s: %s", FAXPORT_SERVER_NODE,
			  strerror(-trigger->server_fd));
	if (ioctl(trigger->server_fd, FAXPORT_IOC_CONFIG_GET, &config))
		bench_die("CONFIG_GET: %s", strerror(errno));
	config.pause_server_queue = 1;
	if (ioctl(trigger->server_fd, FAXPORT_IOC_CONFIG_SET, &config))
		bench_die("CONFIG_SET (pause the queue): %s", strerror(errno));
	/* Any readable regular file will do: nobody sends it. */
	trigger->document_fd = mkstemp(document_path);
	if (trigger->document_fd < 0 || write(trigger->document_fd, "II*\0", 4) != 4)
		bench_die("cannot write a document in /tmp: %s", strerror(errno));
	unlink(document_path);
}

static void trigger_teardown(struct event_trigger *trigger)
{
	struct faxport_config config;

	if (!ioctl(trigger->server_fd, FAXPORT_IOC_CONFIG_GET, &config)) {
		config.pause_server_queue = 0;
		ioctl(trigger->server_fd, FAXPORT_IOC_CONFIG_SET, &config);
	}
	close(trigger->document_fd);
	close(trigger->server_fd);
}

/* One event: queue a job, or delete the one queued before. */
static void trigger_event(struct event_trigger *trigger)
{
	if (trigger->pending_job) {
		struct faxport_job_control control = {
			.job_id = trigger->pending_job, .command = FAXPORT_JC_DELETE,
		};

		if (ioctl(trigger->server_fd, FAXPORT_IOC_JOB_CONTROL, &control))
			bench_die("JOB_CONTROL delete: %s", strerror(errno));
		trigger->pending_job = 0;
		return;
	}
	struct faxport_job_submit submit = { .document_fd = trigger->document_fd };

	strcpy(submit.param.recipient_number, "0");
	strcpy(submit.param.document_name, "bench_events");
	if (ioctl(trigger->server_fd, FAXPORT_IOC_JOB_SUBMIT, &submit))
		bench_die("JOB_SUBMIT: %s", strerror(errno));
	trigger->pending_job = submit.job_id;
}

static bool is_triggered_event(const FAX_EVENT *event)
{
	return event->EventId == FEI_JOB_QUEUED || event->EventId == FEI_DELETED;
}

static void *waiter_main(void *argument)
{
	struct waiter *waiter = argument;

	for (;;) {
		sem_wait(&waiter->start);
		if (waiter->quit)
			return NULL;
		while (waiter->received < waiter->expected) {
			uint64_t now, sent_at;

			if (waiter->use_pipe) {
				if (read(waiter->pipe_read_fd, &sent_at, sizeof(sent_at)) !=
				    sizeof(sent_at))
					bench_die("pipe read failed");
				now = bench_realtime_ns();
			} else {
				DWORD bytes;
				ULONG_PTR key;
				LPOVERLAPPED overlapped;
				FAX_EVENT *event;

				if (!GetQueuedCompletionStatus(waiter->completion_port, &bytes, &key,
							       &overlapped, WAIT_MS)) {
					/* A burst that lost events ends here. */
					if (!waiter->ack_each)
						break;
					bench_die("no event within %d ms", WAIT_MS);
				}
				now = bench_realtime_ns();
				event = (FAX_EVENT *)overlapped;
				if (event->EventId == WINFAX_FEI_EVENTS_LOST)
					waiter->lost_reports++;
				if (!is_triggered_event(event)) {
					LocalFree(event);
					continue;
				}
				sent_at = filetime_to_unix_ns(event->TimeStamp);
				LocalFree(event);
			}
			if (waiter->latencies_ns)
				waiter->latencies_ns[waiter->received] = (double)(now - sent_at);
			waiter->received++;
			waiter->last_at_ns = now;
			if (waiter->ack_each)
				sem_post(&waiter->ack);
		}
		sem_post(&waiter->ack);
	}
}

static void waiter_begin(struct waiter *waiter, bool use_pipe, int expected, bool ack_each,
			 double *latencies_ns)
{
	waiter->use_pipe = use_pipe;
	waiter->expected = expected;
	waiter->ack_each = ack_each;
	waiter->latencies_ns = latencies_ns;
	waiter->received = 0;
	waiter->lost_reports = 0;
	sem_post(&waiter->start);
}

/* `samples` latencies into latencies_ns, one at a time. */
static void latency_slice(struct waiter *waiter, struct event_trigger *trigger,
			  int pipe_write_fd, bool use_pipe, int samples, double *latencies_ns)
{
	waiter_begin(waiter, use_pipe, samples, true, latencies_ns);
	for (int i = 0; i < samples; i++) {
		/* Let the waiter block again before the next one. */
		usleep(200);
		if (use_pipe) {
			uint64_t stamp = bench_realtime_ns();

			if (write(pipe_write_fd, &stamp, sizeof(stamp)) != sizeof(stamp))
				bench_die("pipe write failed");
		} else {
			trigger_event(trigger);
		}
		sem_wait(&waiter->ack);
	}
	sem_wait(&waiter->ack);	/* the end of the phase */
}

/*
 * The median latencies of one round, in ns, of events and of the pipe,
 * measured in alternating slices so that the host's load hits both alike.
 */
static void latency_round(struct waiter *waiter, struct event_trigger *trigger,
			  int pipe_write_fd, double *event_median, double *pipe_median)
{
	double events[LATENCY_SAMPLES], pipes[LATENCY_SAMPLES];

	for (int done = 0; done < LATENCY_SAMPLES; done += LATENCY_SLICE) {
		latency_slice(waiter, trigger, pipe_write_fd, true, LATENCY_SLICE, pipes + done);
		latency_slice(waiter, trigger, pipe_write_fd, false, LATENCY_SLICE, events + done);
	}
	*event_median = bench_median(events, LATENCY_SAMPLES);
	*pipe_median = bench_median(pipes, LATENCY_SAMPLES);
}

/*
 * Delivered per second in a burst with at most `window` in flight (0: no
 * limit); *lost gets how many never arrived.
 */
static double rate_round(struct waiter *waiter, struct event_trigger *trigger,
			 int pipe_write_fd, bool use_pipe, int window, long *lost)
{
	uint64_t start;

	waiter_begin(waiter, use_pipe, BURST_EVENTS, false, NULL);
	start = bench_realtime_ns();
	for (int i = 0; i < BURST_EVENTS; i++) {
		uint64_t stalled_since = bench_now_ns();

		while (window && i - atomic_load(&waiter->received) >= window) {
			/* A lost event never comes: give up on the window, count it lost. */
			if (bench_now_ns() - stalled_since > WAIT_MS * 1000000ull)
				break;
			sched_yield();
		}
		if (use_pipe) {
			uint64_t stamp = bench_realtime_ns();

			if (write(pipe_write_fd, &stamp, sizeof(stamp)) != sizeof(stamp))
				bench_die("pipe write failed");
		} else {
			trigger_event(trigger);
		}
	}
	sem_wait(&waiter->ack);
	*lost = BURST_EVENTS - waiter->received;
	if (waiter->received == 0)
		return 0;
	return waiter->received / ((double)(waiter->last_at_ns - start) / 1e9);
}

static void fill_ratio_range(struct bench_measure *measure, const double *values,
			     const double *baselines, int rounds, bool baseline_over_value)
{
	double *ratios = malloc((size_t)rounds * sizeof(*ratios));

	if (!ratios)
		bench_die("out of memory");
	for (int i = 0; i < rounds; i++)
		ratios[i] = baseline_over_value ? baselines[i] / values[i] : values[i] / baselines[i];
	bench_min_max(ratios, (size_t)rounds, &measure->ratio_min, &measure->ratio_max);
	measure->rounds = rounds;
	free(ratios);
}

int main(void)
{
	int rounds = bench_rounds(DEFAULT_ROUNDS);
	struct event_trigger trigger = { 0 };
	struct waiter waiter = { 0 };
	double *numbers = calloc((size_t)rounds * 4, sizeof(*numbers));
	double *event_latency = numbers, *pipe_latency = numbers + rounds,
	       *event_rate = numbers + 2 * rounds, *pipe_rate = numbers + 3 * rounds;
	long lost_total = 0, unthrottled_lost;
	HANDLE server;
	int pipe_fds[2];
	int status = 0;

	if (!numbers)
		bench_die("out of memory");
	trigger_setup(&trigger);
	if (!FaxConnectFaxServerA(NULL, &server))
		bench_die("FaxConnectFaxServer failed: error %lu", (unsigned long)GetLastError());
	waiter.completion_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	if (!waiter.completion_port)
		bench_die("CreateIoCompletionPort failed: error %lu", (unsigned long)GetLastError());
	if (!FaxInitializeEventQueue(server, waiter.completion_port, COMPLETION_KEY, NULL, 0))
		bench_die("FaxInitializeEventQueue failed: error %lu",
			  (unsigned long)GetLastError());
	if (pipe2(pipe_fds, O_CLOEXEC))
		bench_die("pipe failed");
	waiter.pipe_read_fd = pipe_fds[0];
	if (sem_init(&waiter.ack, 0, 0) || sem_init(&waiter.start, 0, 0) ||
	    pthread_create(&waiter.thread, NULL, waiter_main, &waiter))
		bench_die("cannot start the waiting thread");

	/* Unmeasured: the first events warm up libnl, the allocator, the caches. */
	latency_round(&waiter, &trigger, pipe_fds[1], &event_latency[0], &pipe_latency[0]);
	for (int round = 0; round < rounds; round++) {
		long lost;

		latency_round(&waiter, &trigger, pipe_fds[1], &event_latency[round],
			      &pipe_latency[round]);
		pipe_rate[round] = rate_round(&waiter, &trigger, pipe_fds[1], true, RATE_WINDOW,
					      &lost);
		event_rate[round] = rate_round(&waiter, &trigger, pipe_fds[1], false, RATE_WINDOW,
					       &lost);
		lost_total += lost;
		/* A lost DELETED leaves a job: the trigger deletes it next round. */
	}
	/* How the subscriber fares when nothing holds the producer back. */
	rate_round(&waiter, &trigger, pipe_fds[1], false, 0, &unthrottled_lost);
	if (trigger.pending_job)
		trigger_event(&trigger);

	struct bench_measure latency = {
		.key = "event_latency", .unit = "us",
		.value_what = "kernel event timestamp to GetQueuedCompletionStatus returning it",
		.baseline_what = "pipe write to read() returning in another thread",
		.value = bench_median(event_latency, (size_t)rounds) / 1000,
		.baseline = bench_median(pipe_latency, (size_t)rounds) / 1000,
		.goal_kind = BENCH_GOAL_AT_MOST, .goal = 3,
	};
	latency.ratio = latency.value / latency.baseline;
	fill_ratio_range(&latency, event_latency, pipe_latency, rounds, false);

	char *rate_note;
	if (asprintf(&rate_note, "bursts of %d events (FEI_JOB_QUEUED/FEI_DELETED), at most %d in "
		     "flight; lost over all rounds: %ld; one burst with no limit lost %ld; "
		     "ratio is the pipe's rate over the events' rate", BURST_EVENTS, RATE_WINDOW,
		     lost_total, unthrottled_lost) < 0)
		bench_die("out of memory");
	struct bench_measure rate = {
		.key = "event_rate", .unit = "events/s",
		.value_what = "events delivered per second through the completion port",
		.baseline_what = "8-byte pipe messages per second between two threads",
		.value = bench_median(event_rate, (size_t)rounds),
		.baseline = bench_median(pipe_rate, (size_t)rounds),
		.goal_kind = BENCH_GOAL_NONE, .goal_none_lost = true, .lost = lost_total,
		.note = rate_note,
	};
	rate.ratio = rate.baseline / rate.value;
	fill_ratio_range(&rate, event_rate, pipe_rate, rounds, true);

	if (bench_report(&latency) || bench_report(&rate))
		status = 1;

	waiter.quit = true;
	sem_post(&waiter.start);
	pthread_join(waiter.thread, NULL);
	FaxClose(server);
	CloseHandle(waiter.completion_port);
	trigger_teardown(&trigger);
	free(rate_note);
	free(numbers);
	return status;
}
