// SPDX-License-Identifier: GPL-2.0
/*
 * One port: the line events, the audio pump, and the life of a call.
 *
 * The audio pump. The kernel moves audio in one of two ways, and the engine
 * cannot tell which one a call uses (a call is free-running only if both
 * engines asked for it), so one rule serves both: the samples sent stay a
 * fixed lead ahead of the samples received.
 *
 * - Real time: the kernel delivers 8000 samples/s whatever we do, so the
 *   lead is a jitter buffer: we estimate our transmit FIFO's level from the
 *   monotonic clock and top it up to 250 ms on every wake-up. An engine that
 *   is not scheduled for less than that loses nothing; one late for longer
 *   has the kernel send silence in its place, and that silence counts as
 *   sent (it is not made up later). Modems care about gaps, not about a
 *   constant delay: 250 ms each way is a satellite hop, which T.30's
 *   3-second response timers were designed for.
 * - Free-running: audio arrives only as fast as the far end writes it, so
 *   the lead is a window: at most 250 ms ahead of what came in, the same
 *   delay a real-time line has. Both ends then advance in lock step, as
 *   fast as both compute, each moving up to the window per wake-up: the
 *   window bounds how much audio one read(), one write() and one
 *   epoll_wait() carry, so it is what the system calls per line second
 *   cost (with a 40 ms window they were a third of faxd's CPU time).
 */
#include "clock.h"
#include "port_engine.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "document_copy.h"
#include "realtime.h"
#include "faxport_client.h"
#include "log.h"
#include "../t30/call_document.h"

/* The kernel copies at most 4096 samples per read() or write(). */
#define AUDIO_BUFFER_SAMPLES 4096
#define AUDIO_BUFFER_BYTES (AUDIO_BUFFER_SAMPLES * sizeof(int16_t))
/*
 * Real time: the transmit FIFO level we keep, 250 ms. Measured under TCG on
 * a busy host, stalls of 20..60 ms were common enough to break one call in
 * a few dozen with a 40 ms lead; the kernel's FIFO holds a second.
 */
#define RT_LEAD_SAMPLES 2000
/* Free-running: how far what we send runs ahead of what we received. */
#define TX_LEAD_SAMPLES RT_LEAD_SAMPLES
/* Free-running audio goes out in chunks of at least half the window, so
 * a far end that answers a few samples at a time is not echoed in kind. */
#define TX_CHUNK_SAMPLES (TX_LEAD_SAMPLES / 2)
/*
 * After the fax call ended, its last frame (DCN) may still sit in a FIFO:
 * hanging up would discard it. Keep the line this much longer (line time),
 * or until the far end hangs up, but never longer than LINGER_WALL_NS.
 */
#define LINGER_SAMPLES (FAX_CALL_SAMPLE_RATE / 2)
#define LINGER_WALL_NS (2ll * 1000000000)
/* Audio read per wake-up and port, so that one busy port cannot starve the others. */
#define MAX_RX_SAMPLES_PER_WAKE (4 * AUDIO_BUFFER_SAMPLES)
#define DEFAULT_STALL_TIMEOUT_S 30
/*
 * How long the helper may take to copy a client's document: a local file
 * of the largest size allowed is read in well under a second; one that
 * takes longer sits on a hung file system or never ends.
 */
#define DOCUMENT_COPY_TIMEOUT_S 30

enum port_state {
	PORT_IDLE,
	PORT_PREPARING,		/* a helper copies the document to send; not dialled yet */
	PORT_RINGING,		/* an incoming call rings, not answered (yet) */
	PORT_DIALING,		/* we called, waiting for the answer */
	PORT_IN_CALL,		/* connected, the fax call runs */
	PORT_LINGER,		/* the fax call ended; its last audio drains */
	PORT_REPORTING,		/* a call that never connected; its report is queued */
};

struct faxd_port {
	struct faxd_loop *loop;
	struct faxd_watch watch;
	struct faxd_deferred free_task;
	struct faxd_deferred report_task;
	uint32_t device_id;
	unsigned int clock;
	struct faxd_port_limits limits;
	const struct faxd_port_handlers *handlers;
	void *owner;
	bool closed;

	enum port_state state;
	uint32_t last_event_seq;

	/* The call, from faxd_port_send/answer until its report. */
	struct fax_call *call;
	/* PORT_PREPARING: the helper copying the document, and the number to dial then. */
	struct document_copy *document_copy;
	struct faxd_watch copy_watch;
	struct faxport_dial dial_request;
	/* Or, for faxd_port_dial/answer_audio, the owner's modem (audio.modem != NULL). */
	struct faxd_port_audio audio;
	struct faxd_call_observer observer;
	struct faxd_call_report report;
	int64_t state_since_ns;		/* CLOCK_MONOTONIC */
	int64_t connected_at_ns;	/* CLOCK_MONOTONIC; the kernel's clock start */
	int64_t last_audio_ns;
	int64_t call_started_ns;	/* CLOCK_MONOTONIC, for the wall time */

	/* Audio of the call in progress. */
	uint64_t rx_total;
	uint64_t tx_total;
	uint64_t tx_underrun_credit;	/* real time: silence the kernel sent for us */
	uint64_t tx_gap_samples;	/* ... of which after our first sample: gaps */
	uint64_t linger_from_rx;
	int16_t *rx_buffer;
	int16_t *tx_buffer;
	size_t tx_pending_offset;	/* samples of tx_buffer already written */
	size_t tx_pending_count;	/* samples of tx_buffer still to write */
};

const char *faxd_line_outcome_name(enum faxd_line_outcome line)
{
	switch (line) {
	case FAXD_LINE_CONNECTED:
		return "connected";
	case FAXD_LINE_NOT_DIALED:
		return "not dialled";
	case FAXD_LINE_BAD_ADDRESS:
		return "no such number";
	case FAXD_LINE_BUSY:
		return "busy";
	case FAXD_LINE_NO_ANSWER:
		return "no answer";
	case FAXD_LINE_NO_DIAL_TONE:
		return "no dial tone";
	case FAXD_LINE_ABORTED:
		return "aborted";
	case FAXD_LINE_ERROR:
		return "line error";
	}
	return "unknown";
}

static void set_state(struct faxd_port *port, enum port_state state)
{
	port->state = state;
	port->state_since_ns = monotonic_ns();
}

static uint32_t wanted_events(const struct faxd_port *port)
{
	uint32_t events = EPOLLPRI | EPOLLIN;

	/* Only when a write was refused: a real-time FIFO almost always has room. */
	if (port->tx_pending_count)
		events |= EPOLLOUT;
	return events;
}

static void update_interest(struct faxd_port *port)
{
	int error;

	if (port->closed)
		return;
	error = faxd_loop_set_events(port->loop, &port->watch, wanted_events(port));
	if (error)
		log_warning("faxport%u: epoll_ctl: %s", port->device_id, strerror(-error));
}

/* ---- the end of a call ---- */

static void reset_audio(struct faxd_port *port)
{
	port->rx_total = 0;
	port->tx_total = 0;
	port->tx_underrun_credit = 0;
	port->tx_gap_samples = 0;
	port->tx_pending_offset = 0;
	port->tx_pending_count = 0;
}

static void hang_up_line(struct faxd_port *port)
{
	int error;

	/* Gaps in our audio break modems: say so, it is the first thing to look at. */
	if (port->tx_gap_samples)
		log_warning("faxport%u: %.0f ms of our audio missed the real-time clock (sent as silence)",
			    port->device_id,
			    (double)port->tx_gap_samples * 1000 / FAX_CALL_SAMPLE_RATE);
	/* Hanging up an idle line does nothing, so this is safe whatever the far end did. */
	error = faxport_ioctl(port->watch.fd, FAXPORT_IOC_LINE_HANGUP, NULL);
	if (error && error != -ENODEV)
		log_warning("faxport%u: hang up: %s", port->device_id, strerror(-error));
}

/* Hand the report to the observer; the port is idle when it runs. */
static void deliver_report(struct faxd_port *port)
{
	struct faxd_call_observer observer = port->observer;
	struct faxd_call_report report = port->report;

	report.wall_seconds = (double)(monotonic_ns() - port->call_started_ns) / NS_PER_SECOND;
	memset(&port->observer, 0, sizeof(port->observer));
	reset_audio(port);
	set_state(port, PORT_IDLE);
	update_interest(port);
	if (observer.on_done)
		observer.on_done(port, &report, observer.user_data);
}

static void run_deferred_report(struct faxd_deferred *deferred)
{
	struct faxd_port *port = faxd_container_of(deferred, struct faxd_port, report_task);

	if (port->state == PORT_REPORTING)
		deliver_report(port);
}

/* A call that never connected: its report goes out from the loop, not from the caller's stack. */
static void report_later(struct faxd_port *port, enum faxd_line_outcome line, int line_errno)
{
	port->report.line = line;
	port->report.line_errno = line_errno;
	if (port->call) {
		port->report.result = *fax_call_get_result(port->call);
		fax_call_free(port->call);
		port->call = NULL;
	}
	memset(&port->audio, 0, sizeof(port->audio));
	set_state(port, PORT_REPORTING);
	faxd_loop_defer(port->loop, &port->report_task);
}

/* The fax call has ended (it delivered its RESULT): hang up, free it, report. */
static void finish_call(struct faxd_port *port)
{
	hang_up_line(port);
	if (port->call) {
		const struct fax_call_negotiation *negotiation = fax_call_get_negotiation(port->call);

		port->report.result = *fax_call_get_result(port->call);
		if (negotiation) {
			port->report.negotiated = true;
			port->report.negotiation = *negotiation;
		}
		fax_call_free(port->call);
		port->call = NULL;
	}
	memset(&port->audio, 0, sizeof(port->audio));
	deliver_report(port);
}

/* The line is gone (far end hung up, -ENOTCONN, port removed): end the fax call with it. */
static void line_dropped(struct faxd_port *port)
{
	switch (port->state) {
	case PORT_IN_CALL:
		log_info("faxport%u: the line dropped", port->device_id);
		if (port->call && !fax_call_is_finished(port->call))
			fax_call_hangup(port->call);
		finish_call(port);
		break;
	case PORT_LINGER:
		finish_call(port);
		break;
	default:
		break;
	}
}

static void start_linger(struct faxd_port *port)
{
	set_state(port, PORT_LINGER);
	port->linger_from_rx = port->rx_total;
}

/* ---- the audio pump ---- */

static void on_fax_event(struct fax_call *call, const struct fax_call_event *event,
			 void *user_data)
{
	struct faxd_port *port = user_data;

	(void)call;
	if (event->type == FAX_CALL_EVENT_RESULT)
		return;
	if (port->observer.on_event)
		port->observer.on_event(port, event, port->observer.user_data);
}

/* The call's audio goes to the fax_call or to the owner's modem, whichever the call has. */
static void call_rx(struct faxd_port *port, int16_t *samples, size_t count)
{
	if (port->call)
		fax_call_rx(port->call, samples, (int)count);
	else if (port->audio.modem)
		port->audio.rx(port->audio.modem, samples, (int)count);
}

static void call_tx(struct faxd_port *port, int16_t *samples, size_t count)
{
	/* After the call ended, fax_call_tx() gives silence: the linger needs it. */
	if (port->call)
		fax_call_tx(port->call, samples, (int)count);
	else if (port->audio.modem)
		port->audio.tx(port->audio.modem, samples, (int)count);
	else
		memset(samples, 0, count * sizeof(int16_t));
}

static bool call_finished(struct faxd_port *port)
{
	if (port->call)
		return fax_call_is_finished(port->call);
	return !port->audio.modem || port->audio.finished(port->audio.modem);
}

/*
 * Write what is pending. Returns 0, 1 when the kernel has no room now, or a
 * negative errno when the line is down (-ENOTCONN) or the write failed.
 */
static int flush_tx(struct faxd_port *port)
{
	while (port->tx_pending_count) {
		ssize_t written = write(port->watch.fd, port->tx_buffer + port->tx_pending_offset,
					port->tx_pending_count * sizeof(int16_t));

		if (written < 0) {
			int error = -errno;

			if (error == -EINTR)
				continue;
			if (error == -EAGAIN)
				return 1;
			if (error != -ENOTCONN)
				log_warning("faxport%u: write: %s", port->device_id,
					    strerror(-error));
			return error;
		}
		port->tx_pending_offset += (size_t)written / sizeof(int16_t);
		port->tx_pending_count -= (size_t)written / sizeof(int16_t);
	}
	port->tx_pending_offset = 0;
	return 0;
}

/* How many samples to send now, by the rule in the comment at the top. */
static size_t tx_due(struct faxd_port *port)
{
	uint64_t due;

	if (port->clock == FAXPORT_CLOCK_REALTIME) {
		int64_t elapsed_ns = monotonic_ns() - port->connected_at_ns;
		uint64_t moved = elapsed_ns > 0
			? (uint64_t)elapsed_ns * FAX_CALL_SAMPLE_RATE / NS_PER_SECOND : 0;
		uint64_t sent = port->tx_total + port->tx_underrun_credit;

		/* The kernel already sent silence for what we missed: do not send it late. */
		if (moved > sent) {
			if (port->tx_total)
				port->tx_gap_samples += moved - sent;
			port->tx_underrun_credit += moved - sent;
			sent = moved;
		}
		due = sent - moved < RT_LEAD_SAMPLES ? RT_LEAD_SAMPLES - (sent - moved) : 0;
	} else {
		uint64_t target = port->rx_total + TX_LEAD_SAMPLES;

		due = target > port->tx_total ? target - port->tx_total : 0;
		if (due < TX_CHUNK_SAMPLES)
			return 0;
	}
	return due < AUDIO_BUFFER_SAMPLES ? (size_t)due : AUDIO_BUFFER_SAMPLES;
}

/* Generate and write what is due. Returns like flush_tx(). */
static int send_due_audio(struct faxd_port *port)
{
	int status = flush_tx(port);

	while (status == 0) {
		size_t count = tx_due(port);

		if (!count)
			break;
		call_tx(port, port->tx_buffer, count);
		port->tx_total += count;
		port->tx_pending_offset = 0;
		port->tx_pending_count = count;
		status = flush_tx(port);
	}
	return status;
}

/* Read what arrived and feed it. Returns 0, or a negative errno when the line is down. */
static int receive_audio(struct faxd_port *port)
{
	size_t received = 0;
	int error;

	while (received < MAX_RX_SAMPLES_PER_WAKE) {
		ssize_t got = read(port->watch.fd, port->rx_buffer,
				   AUDIO_BUFFER_SAMPLES * sizeof(int16_t));
		size_t samples;

		if (got < 0) {
			int error = -errno;

			if (error == -EINTR)
				continue;
			if (error == -EAGAIN)
				return 0;
			if (error != -ENOTCONN)
				log_warning("faxport%u: read: %s", port->device_id,
					    strerror(-error));
			return error;
		}
		if (got == 0)
			return 0;
		samples = (size_t)got / sizeof(int16_t);
		port->last_audio_ns = monotonic_ns();
		if (port->state == PORT_IN_CALL)
			call_rx(port, port->rx_buffer, samples);
		port->rx_total += samples;
		received += samples;
		/* Answer as we go: a free-running far end waits for our audio. */
		error = send_due_audio(port);
		if (error < 0)
			return error;
		if (port->state == PORT_IN_CALL && call_finished(port))
			start_linger(port);
		if (port->state == PORT_LINGER &&
		    port->rx_total - port->linger_from_rx >= LINGER_SAMPLES)
			return 0;
	}
	return 0;
}

static void pump_audio(struct faxd_port *port)
{
	if (send_due_audio(port) < 0 || receive_audio(port) < 0) {
		line_dropped(port);
		return;
	}
	if (port->state == PORT_IN_CALL && call_finished(port))
		start_linger(port);
	if (port->state == PORT_LINGER &&
	    port->rx_total - port->linger_from_rx >= LINGER_SAMPLES) {
		finish_call(port);
		return;
	}
	update_interest(port);
}

/* ---- line events ---- */

static void connected(struct faxd_port *port, int64_t clock_start_ns)
{
	reset_audio(port);
	port->connected_at_ns = clock_start_ns;
	port->last_audio_ns = monotonic_ns();
	port->report.line = FAXD_LINE_CONNECTED;
	set_state(port, PORT_IN_CALL);
	if (port->audio.modem && port->audio.connected)
		port->audio.connected(port->audio.modem);
}

/*
 * Why a dialled call did not connect, as the line said it: the loopback
 * exchange always says no answer, a user line's provider what the network
 * said (a SIP 486 is busy, 404 no such number, 503 no dial tone).
 */
static enum faxd_line_outcome line_outcome_of_cause(uint32_t cause)
{
	switch (cause) {
	case FAXPORT_STATE_BUSY:
		return FAXD_LINE_BUSY;
	case FAXPORT_STATE_BAD_ADDRESS:
		return FAXD_LINE_BAD_ADDRESS;
	case FAXPORT_STATE_NO_DIAL_TONE:
		return FAXD_LINE_NO_DIAL_TONE;
	default:
		return FAXD_LINE_NO_ANSWER;
	}
}

static void handle_line_event(struct faxd_port *port, const struct faxport_line_event *event)
{
	const struct faxd_port_handlers *handlers = port->handlers;

	switch (event->type) {
	case FAXPORT_LINE_EV_RING:
		if (port->state == PORT_IDLE || port->state == PORT_RINGING) {
			set_state(port, PORT_RINGING);
			if (handlers->on_ring)
				handlers->on_ring(port, event->arg, port->owner);
		}
		break;
	case FAXPORT_LINE_EV_CALLER_GONE:
		if (port->state == PORT_RINGING) {
			log_info("faxport%u: the caller gave up after %u rings", port->device_id,
				 event->arg);
			set_state(port, PORT_IDLE);
		}
		break;
	case FAXPORT_LINE_EV_ANSWERED:
		if (port->state == PORT_DIALING) {
			log_info("faxport%u: answered", port->device_id);
			connected(port, (int64_t)event->timestamp_ns);
		}
		break;
	case FAXPORT_LINE_EV_NO_ANSWER:
		if (port->state == PORT_DIALING)
			report_later(port, line_outcome_of_cause(event->cause), 0);
		break;
	case FAXPORT_LINE_EV_HANGUP:
		if (port->state == PORT_DIALING)
			/* The called engine went away while its line rang. */
			report_later(port, FAXD_LINE_NO_ANSWER, 0);
		else
			line_dropped(port);
		break;
	case FAXPORT_LINE_EV_JOB:
		if (handlers->on_job)
			handlers->on_job(port, event->arg, port->owner);
		break;
	case FAXPORT_LINE_EV_ABORT:
		if (handlers->on_job_abort)
			handlers->on_job_abort(port, event->arg, port->owner);
		break;
	default:
		log_debug("faxport%u: unknown line event %u", port->device_id, event->type);
		break;
	}
}

/* Returns -ENODEV when the port is gone, else 0 (other errors are logged). */
static int read_line_events(struct faxd_port *port)
{
	for (;;) {
		struct faxport_line_event event;
		int error = faxport_ioctl(port->watch.fd, FAXPORT_IOC_LINE_EVENT, &event);

		if (error) {
			if (error == -EAGAIN)
				return 0;
			log_error("faxport%u: reading line events: %s", port->device_id,
				  strerror(-error));
			return error == -ENODEV ? error : 0;
		}
		if (port->last_event_seq && event.seq != port->last_event_seq + 1)
			log_warning("faxport%u: %u line events were lost", port->device_id,
				    event.seq - port->last_event_seq - 1);
		port->last_event_seq = event.seq;
		log_debug("faxport%u: line event %u (arg %u)", port->device_id, event.type,
			  event.arg);
		handle_line_event(port, &event);
		if (port->closed)
			return 0;
	}
}

static void port_lost(struct faxd_port *port)
{
	log_error("faxport%u: the port went away", port->device_id);
	if (port->state == PORT_DIALING) {
		report_later(port, FAXD_LINE_ERROR, ENODEV);
	} else if (port->state == PORT_IN_CALL || port->state == PORT_LINGER) {
		port->report.line = FAXD_LINE_ERROR;
		port->report.line_errno = ENODEV;
		line_dropped(port);
	}
	/* Stop hearing about it: a dead file is always readable. */
	faxd_loop_unwatch(port->loop, &port->watch);
	port->watch.handle = NULL;
	if (port->handlers->on_lost && !port->closed)
		port->handlers->on_lost(port, port->owner);
}

static void on_port_ready(struct faxd_watch *watch, uint32_t events)
{
	struct faxd_port *port = faxd_container_of(watch, struct faxd_port, watch);

	/* Line events first: a hang-up decides what the audio means. */
	if (events & (EPOLLPRI | EPOLLERR | EPOLLHUP)) {
		if (read_line_events(port) < 0 || (events & EPOLLHUP)) {
			port_lost(port);
			return;
		}
	}
	if (port->closed)
		return;
	if (port->state == PORT_IN_CALL || port->state == PORT_LINGER)
		pump_audio(port);
}

/* ---- the API ---- */

static void run_free(struct faxd_deferred *deferred)
{
	struct faxd_port *port = faxd_container_of(deferred, struct faxd_port, free_task);

	faxd_audio_buffer_free(port->rx_buffer, AUDIO_BUFFER_BYTES);
	faxd_audio_buffer_free(port->tx_buffer, AUDIO_BUFFER_BYTES);
	free(port);
}

int faxd_port_open(struct faxd_loop *loop, uint32_t device_id,
		   unsigned int clock, const struct faxd_port_limits *limits,
		   const struct faxd_port_handlers *handlers, void *owner,
		   struct faxd_port **port_out)
{
	static const struct faxd_port_handlers no_handlers;
	struct faxport_dsp_attach attach = { .version = FAXPORT_API_VERSION, .clock = clock };
	struct faxd_port *port = calloc(1, sizeof(*port));
	int error;

	if (!port)
		return -ENOMEM;
	/* Locked: the loop touches them every 20 ms, and a page fault would be a gap. */
	port->rx_buffer = faxd_audio_buffer_alloc(AUDIO_BUFFER_BYTES);
	port->tx_buffer = faxd_audio_buffer_alloc(AUDIO_BUFFER_BYTES);
	if (!port->rx_buffer || !port->tx_buffer) {
		error = -ENOMEM;
		goto err_free;
	}
	port->loop = loop;
	port->device_id = device_id;
	port->clock = clock;
	if (limits)
		port->limits = *limits;
	if (!port->limits.stall_timeout_s)
		port->limits.stall_timeout_s = DEFAULT_STALL_TIMEOUT_S;
	port->handlers = handlers ? handlers : &no_handlers;
	/* An owner with no job handler would leave a job on this port for ever. */
	if (!port->handlers->on_job)
		attach.flags |= FAXPORT_ATTACH_NO_JOBS;
	port->owner = owner;
	port->free_task.run = run_free;
	port->report_task.run = run_deferred_report;
	set_state(port, PORT_IDLE);

	port->copy_watch.fd = -1;
	port->watch.fd = faxport_open_port_node(device_id);
	if (port->watch.fd < 0) {
		error = port->watch.fd;
		goto err_free;
	}
	/* The loop must never wait on one port: reads, writes and events return at once. */
	if (fcntl(port->watch.fd, F_SETFL, O_NONBLOCK) < 0) {
		error = -errno;
		goto err_close;
	}
	error = faxport_ioctl(port->watch.fd, FAXPORT_IOC_DSP_ATTACH, &attach);
	if (error)
		goto err_close;
	port->watch.events = wanted_events(port);
	port->watch.handle = on_port_ready;
	error = faxd_loop_watch(loop, &port->watch);
	if (error)
		goto err_close;
	*port_out = port;
	return 0;

err_close:
	close(port->watch.fd);
err_free:
	faxd_audio_buffer_free(port->rx_buffer, AUDIO_BUFFER_BYTES);
	faxd_audio_buffer_free(port->tx_buffer, AUDIO_BUFFER_BYTES);
	free(port);
	return error;
}

void faxd_port_close(struct faxd_port *port)
{
	if (port->closed)
		return;
	/* Closed first: an observer told of the abort cannot start a new call here. */
	port->closed = true;
	faxd_port_abort(port);
	if (port->state == PORT_REPORTING)
		deliver_report(port);
	faxd_loop_unwatch(port->loop, &port->watch);
	/* Closing the engine's file hangs up and detaches. */
	close(port->watch.fd);
	port->watch.fd = -1;
	faxd_loop_defer(port->loop, &port->free_task);
}

static void begin_call(struct faxd_port *port, enum fax_call_role role,
		       const struct faxd_call_observer *observer)
{
	memset(&port->report, 0, sizeof(port->report));
	port->report.role = role;
	port->report.started_realtime_ns = realtime_ns();
	port->call_started_ns = monotonic_ns();
	port->observer = observer ? *observer : (struct faxd_call_observer){ 0 };
	reset_audio(port);
}

static struct fax_call_options call_options(struct faxd_port *port,
					    const struct fax_call_options *options)
{
	struct fax_call_options result = options ? *options : (struct fax_call_options){ 0 };

	result.on_event = on_fax_event;
	result.user_data = port;
	return result;
}

/* Returns 0 when @number fits a dial request (copied into @dial), -EINVAL otherwise. */
static int fill_dial(struct faxport_dial *dial, const char *number)
{
	size_t number_length = number ? strnlen(number, sizeof(dial->number)) : 0;

	memset(dial, 0, sizeof(*dial));
	if (!number_length || number_length >= sizeof(dial->number))
		return -EINVAL;
	memcpy(dial->number, number, number_length);
	return 0;
}

/* The call is set up (begin_call): dial, or report why not. */
static void dial_line(struct faxd_port *port, struct faxport_dial *request)
{
	int error = faxport_ioctl(port->watch.fd, FAXPORT_IOC_LINE_DIAL, request);

	if (error) {
		log_info("faxport%u: dialling %s failed: %s", port->device_id, request->number,
			 strerror(-error));
		/* A report holds the errno itself (line_errno), not its negation. */
		if (error == -ENXIO)
			report_later(port, FAXD_LINE_BAD_ADDRESS, -error);
		else if (error == -EBUSY)
			report_later(port, FAXD_LINE_BUSY, -error);
		else
			report_later(port, FAXD_LINE_ERROR, -error);
		return;
	}
	log_info("faxport%u: dialling %s", port->device_id, request->number);
	set_state(port, PORT_DIALING);
}

/* The document is ready (or refused): dial, or report why not. */
static void dial_with_document(struct faxd_port *port)
{
	if (fax_call_is_finished(port->call)) {
		const char *problem = fax_call_get_result(port->call)->document_problem;

		log_warning("faxport%u: not dialling: %s", port->device_id,
			    problem ? problem : "the document cannot be sent");
		report_later(port, FAXD_LINE_NOT_DIALED, 0);
		return;
	}
	dial_line(port, &port->dial_request);
}

static void stop_document_copy(struct faxd_port *port)
{
	faxd_loop_unwatch(port->loop, &port->copy_watch);
	port->copy_watch.fd = -1;
}

static void on_document_copied(struct faxd_watch *watch, uint32_t events)
{
	struct faxd_port *port = faxd_container_of(watch, struct faxd_port, copy_watch);
	int memory_fd;

	(void)events;
	if (port->state != PORT_PREPARING || !port->document_copy)
		return;
	stop_document_copy(port);
	memory_fd = document_copy_finish(port->document_copy);
	port->document_copy = NULL;
	if (memory_fd < 0) {
		fax_call_refuse_document(port->call, memory_fd == -EFBIG
					 ? "the document is too large"
					 : "the document cannot be read");
	} else {
		fax_call_set_document_fd(port->call, memory_fd);
		close(memory_fd);
	}
	dial_with_document(port);
}

/* A document copy that has not finished: the helper is killed, the call never dialled. */
static void abandon_document_copy(struct faxd_port *port)
{
	if (!port->document_copy)
		return;
	stop_document_copy(port);
	document_copy_abandon(port->document_copy);
	port->document_copy = NULL;
}

int faxd_port_send(struct faxd_port *port, const char *number, int document_fd,
		   const struct fax_call_options *options,
		   const struct faxd_call_observer *observer)
{
	struct fax_call_options send_options = call_options(port, options);
	uint64_t max_bytes = send_options.max_document_bytes
		? send_options.max_document_bytes : FAX_CALL_DEFAULT_MAX_DOCUMENT_BYTES;
	int error;

	if (port->closed || port->state != PORT_IDLE)
		return -EBUSY;
	if (document_fd < 0 || fill_dial(&port->dial_request, number))
		return -EINVAL;

	/*
	 * Nothing in the loop reads a client's file: a sealed memory file is
	 * read at once (it cannot block), anything else is copied into one by
	 * a helper process first, with a deadline (faxd_port_tick).
	 */
	if (!call_document_is_sealed(document_fd)) {
		error = document_copy_start(document_fd, max_bytes, &port->document_copy);
		if (error)
			return error;
	}
	port->call = fax_call_new_send_later(&send_options);
	if (!port->call) {
		error = -errno;
		abandon_document_copy(port);
		return error;
	}
	begin_call(port, FAX_CALL_SEND, observer);
	if (!port->document_copy) {
		fax_call_set_document_fd(port->call, document_fd);
		dial_with_document(port);
		return 0;
	}
	port->copy_watch.fd = document_copy_pidfd(port->document_copy);
	port->copy_watch.events = EPOLLIN;
	port->copy_watch.handle = on_document_copied;
	if (faxd_loop_watch(port->loop, &port->copy_watch)) {
		port->copy_watch.fd = -1;
		abandon_document_copy(port);
		fax_call_refuse_document(port->call, "the document cannot be read");
		dial_with_document(port);
		return 0;
	}
	set_state(port, PORT_PREPARING);
	return 0;
}

int faxd_port_dial(struct faxd_port *port, const char *number,
		   const struct faxd_port_audio *audio, const struct faxd_call_observer *observer)
{
	struct faxport_dial request;

	if (port->closed || port->state != PORT_IDLE)
		return -EBUSY;
	if (!audio || !audio->modem || !audio->rx || !audio->tx || !audio->finished ||
	    fill_dial(&request, number))
		return -EINVAL;
	begin_call(port, FAX_CALL_SEND, observer);
	port->audio = *audio;
	dial_line(port, &request);
	return 0;
}

/* Take the ringing call. Returns 0 and when the kernel's clock started, or a negative errno. */
static int answer_line(struct faxd_port *port, int64_t *clock_start)
{
	int error;

	/* The kernel starts its clock when it connects the call, inside this ioctl. */
	*clock_start = monotonic_ns();
	error = faxport_ioctl(port->watch.fd, FAXPORT_IOC_LINE_ANSWER, NULL);
	if (error)
		set_state(port, PORT_IDLE);
	return error;
}

int faxd_port_answer(struct faxd_port *port, const char *output_path,
		     const struct fax_call_options *options,
		     const struct faxd_call_observer *observer)
{
	struct fax_call_options receive_options = call_options(port, options);
	struct fax_call *call;
	int64_t clock_start;
	int error;

	if (port->closed || port->state != PORT_RINGING)
		return -ENOTCONN;
	call = fax_call_new_receive(&receive_options, output_path);
	if (!call)
		return -errno;
	if (fax_call_is_finished(call)) {
		fax_call_free(call);
		return -EIO;
	}
	error = answer_line(port, &clock_start);
	if (error) {
		fax_call_free(call);
		return error;
	}
	port->call = call;
	begin_call(port, FAX_CALL_RECEIVE, observer);
	connected(port, clock_start);
	/* The first audio goes out when the loop next looks at this port. */
	faxd_loop_set_events(port->loop, &port->watch, wanted_events(port) | EPOLLOUT);
	return 0;
}

int faxd_port_answer_audio(struct faxd_port *port, const struct faxd_port_audio *audio,
			   const struct faxd_call_observer *observer)
{
	int64_t clock_start;
	int error;

	if (port->closed || port->state != PORT_RINGING)
		return -ENOTCONN;
	if (!audio || !audio->modem || !audio->rx || !audio->tx || !audio->finished)
		return -EINVAL;
	error = answer_line(port, &clock_start);
	if (error)
		return error;
	begin_call(port, FAX_CALL_RECEIVE, observer);
	port->audio = *audio;
	connected(port, clock_start);
	faxd_loop_set_events(port->loop, &port->watch, wanted_events(port) | EPOLLOUT);
	return 0;
}

void faxd_port_abort(struct faxd_port *port)
{
	switch (port->state) {
	case PORT_PREPARING:
		abandon_document_copy(port);
		report_later(port, FAXD_LINE_ABORTED, 0);
		break;
	case PORT_DIALING:
		hang_up_line(port);
		report_later(port, FAXD_LINE_ABORTED, 0);
		break;
	case PORT_IN_CALL:
		if (port->call)
			fax_call_abort(port->call);
		finish_call(port);
		break;
	case PORT_LINGER:
		finish_call(port);
		break;
	default:
		break;
	}
}

void faxd_port_tick(struct faxd_port *port)
{
	int64_t now = monotonic_ns();

	document_copy_reap_abandoned();
	switch (port->state) {
	case PORT_PREPARING:
		if (now - port->state_since_ns > DOCUMENT_COPY_TIMEOUT_S * NS_PER_SECOND) {
			log_warning("faxport%u: the document was not read within %d s: not dialling",
				    port->device_id, DOCUMENT_COPY_TIMEOUT_S);
			abandon_document_copy(port);
			fax_call_refuse_document(port->call, "the document was not read within "
					CALL_DOCUMENT_STRINGIFY(DOCUMENT_COPY_TIMEOUT_S) " s");
			dial_with_document(port);
		}
		break;
	case PORT_DIALING:
		if (port->limits.dial_timeout_s &&
		    now - port->state_since_ns > port->limits.dial_timeout_s * NS_PER_SECOND) {
			log_info("faxport%u: no answer within %u s", port->device_id,
				 port->limits.dial_timeout_s);
			hang_up_line(port);
			report_later(port, FAXD_LINE_NO_ANSWER, 0);
		}
		break;
	case PORT_IN_CALL:
		if (now - port->last_audio_ns > port->limits.stall_timeout_s * NS_PER_SECOND) {
			log_warning("faxport%u: no audio for %u s: dropping the line",
				    port->device_id, port->limits.stall_timeout_s);
			line_dropped(port);
		}
		break;
	case PORT_LINGER:
		if (now - port->state_since_ns > LINGER_WALL_NS)
			finish_call(port);
		break;
	default:
		break;
	}
}

bool faxd_port_is_idle(const struct faxd_port *port)
{
	return port->state == PORT_IDLE || port->state == PORT_RINGING;
}

bool faxd_port_can_dial(const struct faxd_port *port)
{
	return !port->closed && port->state == PORT_IDLE;
}

bool faxd_port_in_call(const struct faxd_port *port)
{
	return !faxd_port_is_idle(port);
}

uint32_t faxd_port_device_id(const struct faxd_port *port)
{
	return port->device_id;
}

unsigned int faxd_port_clock(const struct faxd_port *port)
{
	return port->clock;
}

int faxd_port_fd(const struct faxd_port *port)
{
	return port->watch.fd;
}
