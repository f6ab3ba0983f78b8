// SPDX-License-Identifier: GPL-2.0
/*
 * The Class 1 modem of one port: spandsp's T.31 between the terminal and the
 * port's audio. See class1_modem.h.
 *
 * Re-entrancy. spandsp calls us back (modem control, bytes for the DTE)
 * from inside t31_at_rx(), t31_rx() and t31_tx(); it must not be entered
 * again from those callbacks. So every line event for T.31 (RING,
 * connected, busy, the far end hung up) is queued and given to it from a
 * deferred task, after the current batch of events.
 *
 * Flow control. Bytes from the DTE go to T.31 only while it asserts CTS
 * and only as many as its buffers hold (t31_guard). The rest wait here and
 * the terminal is not read, so the DTE blocks; sending audio makes room,
 * and each t31_tx() is followed by another try.
 *
 * Late +FRM. A high-speed receiver must hear its signal's training from the
 * start, and T.30 starts that signal 75 ms after the V.21 frame that
 * announces it (DCS before TCF). By the time that frame has reached the
 * DTE and the DTE's +FRM has come back, the training may have begun: on a
 * loaded host, easily. So the last RX_REPLAY_SAMPLES of line audio are
 * kept, and a receiver that +FRM has just started hears them first.
 */
#include "class1_modem.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spandsp.h>

#include <linux/faxport.h>

#include "../engine/log.h"
#include "../engine/port_engine.h"
#include "dte_tty.h"
#include "faxport_client.h"
#include "t31_guard.h"

/* Line events that can wait for T.31 at once; more means something is wrong. */
#define MAX_PENDING_EVENTS 8
/* DTE bytes given to T.31 per wake-up, so that the audio is never starved. */
#define MAX_DTE_BYTES_PER_WAKE 4096
/*
 * 300 ms: the 75 ms gap plus 225 ms of latency; short enough that it never
 * holds a whole V.21 frame (with the flags that announce it) to be heard twice.
 */
#define RX_REPLAY_SAMPLES 2400

struct class1_modem {
	struct faxd_loop *loop;
	struct faxd_port *port;
	struct dte_tty *tty;
	t31_state_t *t31;
	uint32_t port_id;
	bool trace_t31;
	bool lost;
	unsigned int ticks;

	/* The line. */
	struct faxd_port_audio audio;		/* what a call of ours runs */
	struct faxd_call_observer observer;	/* how its end reaches us */
	bool in_call;		/* dialled or connected, until the port's report */
	bool connected;
	bool answering;
	bool hangup_wanted;	/* the DTE hung up: the call ends after its last audio */
	bool reset_after_call;	/* the DTE went away mid-call: a fresh modem for the next one */

	/* Flow control from the DTE to T.31. */
	bool cts;
	bool input_blocked;
	bool truncating_frame;
	uint8_t input[512];
	size_t input_offset;
	size_t input_length;

	/* The line's last audio, for a late +FRM (a ring buffer). */
	int16_t rx_history[RX_REPLAY_SAMPLES];
	size_t rx_history_end;
	size_t rx_history_count;
	bool fast_rx;		/* T.31 listened for a high-speed signal after the last look */

	int pending_events[MAX_PENDING_EVENTS];
	unsigned int pending_count;
	struct faxd_deferred events_task;
};

/* spandsp's log lines carry their own newline; ours add one. */
static void log_t31_line(int level, const char *text)
{
	size_t length = strlen(text);

	(void)level;
	if (length && text[length - 1] == '\n')
		length--;
	log_debug("t31: %.*s", (int)length, text);
}

/* ---- events for T.31, given from the loop ---- */

static void run_events(struct faxd_deferred *deferred)
{
	struct class1_modem *modem = faxd_container_of(deferred, struct class1_modem, events_task);
	unsigned int i;

	/* An event may queue another (RING with S0 set answers): take the batch first. */
	while (modem->pending_count) {
		int events[MAX_PENDING_EVENTS];
		unsigned int count = modem->pending_count;

		memcpy(events, modem->pending_events, count * sizeof(events[0]));
		modem->pending_count = 0;
		for (i = 0; i < count; i++)
			t31_call_event(modem->t31, events[i]);
	}
}

static void queue_event(struct class1_modem *modem, int event)
{
	if (modem->pending_count == MAX_PENDING_EVENTS) {
		log_warning("faxport%u: too many line events for the modem: one dropped",
			    modem->port_id);
		return;
	}
	modem->pending_events[modem->pending_count++] = event;
	faxd_loop_defer(modem->loop, &modem->events_task);
}

/* ---- a late +FRM ---- */

static void remember_rx(struct class1_modem *modem, const int16_t *samples, size_t count)
{
	if (count > RX_REPLAY_SAMPLES) {
		samples += count - RX_REPLAY_SAMPLES;
		count = RX_REPLAY_SAMPLES;
	}
	while (count) {
		size_t room = RX_REPLAY_SAMPLES - modem->rx_history_end;
		size_t part = count < room ? count : room;

		memcpy(modem->rx_history + modem->rx_history_end, samples, part * sizeof(*samples));
		modem->rx_history_end = (modem->rx_history_end + part) % RX_REPLAY_SAMPLES;
		modem->rx_history_count += part;
		samples += part;
		count -= part;
	}
	if (modem->rx_history_count > RX_REPLAY_SAMPLES)
		modem->rx_history_count = RX_REPLAY_SAMPLES;
}

/* After T.31 took DTE bytes or audio: a receiver +FRM just started hears the recent line first. */
static void check_fast_rx(struct class1_modem *modem)
{
	bool fast_rx = t31_guard_fast_rx(modem->t31);

	if (fast_rx && !modem->fast_rx && modem->connected && modem->rx_history_count) {
		int16_t replay[RX_REPLAY_SAMPLES];
		size_t count = modem->rx_history_count;
		size_t start = (modem->rx_history_end + RX_REPLAY_SAMPLES - count) % RX_REPLAY_SAMPLES;
		size_t first = count < RX_REPLAY_SAMPLES - start ? count : RX_REPLAY_SAMPLES - start;

		memcpy(replay, modem->rx_history + start, first * sizeof(replay[0]));
		memcpy(replay + first, modem->rx_history, (count - first) * sizeof(replay[0]));
		log_debug("faxport%u: +FRM: the receiver hears the last %zu ms again",
			  modem->port_id, count * 1000 / 8000);
		t31_guard_rx(modem->t31);
		t31_rx(modem->t31, replay, (int)count);
	}
	modem->fast_rx = t31_guard_fast_rx(modem->t31);
}

/* ---- bytes from the DTE ---- */

static void feed_t31(struct class1_modem *modem)
{
	size_t budget = MAX_DTE_BYTES_PER_WAKE;

	while (budget) {
		size_t length, take;
		int discard;

		if (modem->input_offset == modem->input_length) {
			modem->input_offset = 0;
			modem->input_length = dte_tty_read(modem->tty, modem->input,
							   sizeof(modem->input));
			if (!modem->input_length)
				break;
		}
		if (!modem->cts) {
			modem->input_blocked = true;
			break;
		}
		length = modem->input_length - modem->input_offset;
		take = t31_room(modem->t31, modem->input + modem->input_offset, length, &discard);
		if (discard) {
			if (!modem->truncating_frame)
				log_warning("faxport%u: an HDLC frame from the DTE is longer than %d bytes: truncated",
					    modem->port_id, T31_MAX_HDLC_LEN);
			modem->truncating_frame = true;
			modem->input_offset++;
			budget--;
			continue;
		}
		if (!take) {
			modem->input_blocked = true;
			break;
		}
		modem->truncating_frame = false;
		t31_at_rx(modem->t31, (const char *)modem->input + modem->input_offset, (int)take);
		check_fast_rx(modem);
		modem->input_offset += take;
		budget -= take < budget ? take : budget;
		modem->input_blocked = false;
	}
	if (modem->input_offset == modem->input_length)
		modem->input_blocked = false;
	/* While bytes wait here, the DTE waits in write(). */
	dte_tty_pause_input(modem->tty, modem->input_blocked);
}

static void on_dte_input(struct dte_tty *tty, void *owner)
{
	(void)tty;
	feed_t31(owner);
}

/* ---- T.31's callbacks ---- */

static int at_tx(at_state_t *at, void *user_data, const uint8_t *bytes, size_t length)
{
	struct class1_modem *modem = user_data;

	(void)at;
	dte_tty_write(modem->tty, bytes, length);
	return 0;
}

/*
 * start_dial() and answer() return what spandsp's modem_control callback
 * expects: 0, or -1 for the AT interpreter to answer ERROR (not an errno).
 */
static int start_dial(struct class1_modem *modem, const char *number)
{
	int error;

	if (modem->in_call)
		return -1;
	modem->answering = false;
	modem->hangup_wanted = false;
	error = faxd_port_dial(modem->port, number, &modem->audio, &modem->observer);
	if (error) {
		/* ATD answers ERROR: nothing was dialled. */
		log_info("faxport%u: ATD%s refused: %s", modem->port_id, number ? number : "",
			 error == -EBUSY ? "an incoming call rings" : "no usable number");
		return -1;
	}
	modem->in_call = true;
	return 0;
}

static int answer(struct class1_modem *modem)
{
	int error;

	if (modem->in_call)
		return -1;
	modem->answering = true;
	modem->hangup_wanted = false;
	error = faxd_port_answer_audio(modem->port, &modem->audio, &modem->observer);
	if (error) {
		log_info("faxport%u: ATA: no call to answer (%s)", modem->port_id,
			 strerror(-error));
		return -1;
	}
	modem->in_call = true;
	return 0;
}

static void hang_up(struct class1_modem *modem)
{
	if (!modem->in_call || modem->hangup_wanted)
		return;
	modem->hangup_wanted = true;
	/* A connected call ends through the port, once the audio already sent has drained. */
	if (!modem->connected)
		faxd_port_abort(modem->port);
}

static int modem_control(t31_state_t *t31, void *user_data, int op, const char *number)
{
	struct class1_modem *modem = user_data;

	(void)t31;
	switch (op) {
	case AT_MODEM_CONTROL_CALL:
		return start_dial(modem, number);
	case AT_MODEM_CONTROL_ANSWER:
		return answer(modem);
	case AT_MODEM_CONTROL_HANGUP:
	case AT_MODEM_CONTROL_ONHOOK:
		hang_up(modem);
		return 0;
	case AT_MODEM_CONTROL_CTS:
		modem->cts = number != NULL;
		log_debug("faxport%u: T.31 %s DTE data", modem->port_id,
			  modem->cts ? "takes" : "holds");
		return 0;
	default:
		/* DTR, RTS, carrier and ring indicators have no wires on a pty. */
		return 0;
	}
}

static int t31_start(struct class1_modem *modem)
{
	modem->t31 = t31_init(NULL, at_tx, modem, modem_control, modem, NULL, NULL);
	if (!modem->t31)
		return -ENOMEM;
	/* The port wants every sample it asks for. */
	t31_set_transmit_on_idle(modem->t31, 1);
	if (modem->trace_t31) {
		logging_state_t *logging = t31_get_logging_state(modem->t31);

		span_log_set_level(logging, SPAN_LOG_SHOW_SEVERITY | SPAN_LOG_SHOW_PROTOCOL |
				   SPAN_LOG_FLOW);
		span_log_set_message_handler(logging, log_t31_line);
	}
	modem->cts = true;
	modem->input_blocked = false;
	modem->truncating_frame = false;
	modem->pending_count = 0;
	return 0;
}

/* What ATZ does, and more: a DTE that closed the terminal left the modem in any state. */
static void t31_restart(struct class1_modem *modem)
{
	t31_guard_free(modem->t31);
	modem->t31 = NULL;
	modem->input_offset = modem->input_length = 0;
	if (t31_start(modem)) {
		log_error("faxport%u: out of memory restarting the modem", modem->port_id);
		modem->lost = true;
	}
}

/* ---- the port's audio ---- */

static void audio_connected(void *user_data)
{
	struct class1_modem *modem = user_data;

	modem->connected = true;
	modem->rx_history_count = 0;
	modem->fast_rx = false;
	queue_event(modem, modem->answering ? AT_CALL_EVENT_ANSWERED : AT_CALL_EVENT_CONNECTED);
}

static void audio_rx(void *user_data, int16_t *samples, int count)
{
	struct class1_modem *modem = user_data;

	/* Once a receiver runs, what it heard is not heard again. */
	modem->fast_rx = t31_guard_fast_rx(modem->t31);
	t31_guard_rx(modem->t31);
	t31_rx(modem->t31, samples, count);
	remember_rx(modem, samples, (size_t)count);
	modem->fast_rx = t31_guard_fast_rx(modem->t31);
}

static void audio_tx(void *user_data, int16_t *samples, int count)
{
	struct class1_modem *modem = user_data;

	t31_tx(modem->t31, samples, count);
	/* Sending made room: the DTE's waiting bytes may go in now. */
	if (modem->input_blocked && !modem->hangup_wanted)
		feed_t31(modem);
}

static bool audio_finished(void *user_data)
{
	const struct class1_modem *modem = user_data;

	return modem->hangup_wanted;
}

static const struct faxd_port_audio modem_audio = {
	.connected = audio_connected,
	.rx = audio_rx,
	.tx = audio_tx,
	.finished = audio_finished,
};

static void on_call_done(struct faxd_port *port, const struct faxd_call_report *report,
			 void *user_data)
{
	struct class1_modem *modem = user_data;
	bool dte_hung_up = modem->hangup_wanted;

	(void)port;
	modem->in_call = false;
	modem->connected = false;
	modem->hangup_wanted = false;
	log_info("faxport%u: call %s after %.1f s: %s", modem->port_id,
		 dte_hung_up ? "hung up by the DTE" : "ended", report->wall_seconds,
		 faxd_line_outcome_name(report->line));
	if (modem->reset_after_call) {
		modem->reset_after_call = false;
		t31_restart(modem);
		return;
	}
	if (dte_hung_up)
		return;
	switch (report->line) {
	case FAXD_LINE_CONNECTED:
		queue_event(modem, AT_CALL_EVENT_HANGUP);
		break;
	case FAXD_LINE_BUSY:
		queue_event(modem, AT_CALL_EVENT_BUSY);
		break;
	case FAXD_LINE_ERROR:
	case FAXD_LINE_NO_DIAL_TONE:
		queue_event(modem, AT_CALL_EVENT_NO_DIALTONE);
		break;
	default:
		/* No answer, and a number nobody has: a real line would not answer either. */
		queue_event(modem, AT_CALL_EVENT_NO_ANSWER);
		break;
	}
}

static const struct faxd_call_observer modem_observer = {
	.on_done = on_call_done,
};

/* ---- the port's line ---- */

static void on_ring(struct faxd_port *port, unsigned int rings, void *owner)
{
	struct class1_modem *modem = owner;

	(void)port;
	log_info("faxport%u: ring %u", modem->port_id, rings);
	queue_event(modem, AT_CALL_EVENT_ALERTING);
}

static void on_lost(struct faxd_port *port, void *owner)
{
	struct class1_modem *modem = owner;

	(void)port;
	modem->lost = true;
}

/* No on_job: the port sends only what its DTE sends, so the queue gives it no job. */
static const struct faxd_port_handlers port_handlers = {
	.on_ring = on_ring,
	.on_lost = on_lost,
};

/* ---- the terminal ---- */

static void on_dte_gone(struct dte_tty *tty, void *owner)
{
	struct class1_modem *modem = owner;

	(void)tty;
	/* DTR dropped: hang up, and the next DTE finds a modem fresh from reset. */
	modem->input_offset = modem->input_length = 0;
	if (modem->in_call) {
		modem->reset_after_call = true;
		hang_up(modem);
		return;
	}
	t31_restart(modem);
}

static const struct dte_tty_handlers tty_handlers = {
	.on_input = on_dte_input,
	.on_dte_gone = on_dte_gone,
};

/* ---- the API ---- */

int class1_modem_open(struct faxd_loop *loop, const struct class1_modem_config *config,
		      struct class1_modem **modem_out)
{
	struct class1_modem *modem = calloc(1, sizeof(*modem));
	char device_path[FAXPORT_PORT_NODE_PATH_SIZE];
	int error;

	if (!modem)
		return -ENOMEM;
	modem->loop = loop;
	modem->port_id = config->port_id;
	modem->trace_t31 = config->trace_t31;
	modem->events_task.run = run_events;
	modem->audio = modem_audio;
	modem->audio.modem = modem;
	modem->observer = modem_observer;
	modem->observer.user_data = modem;
	error = t31_start(modem);
	if (error)
		goto err_free;
	error = faxd_port_open(loop, config->port_id, FAXPORT_CLOCK_REALTIME, NULL,
			       &port_handlers, modem, &modem->port);
	if (error) {
		faxport_port_node_path(config->port_id, device_path);
		log_error("cannot attach to %s as its DSP engine: %s", device_path,
			  strerror(-error));
		goto err_t31;
	}
	error = dte_tty_open(loop, config->link_path, config->tty_mode, config->tty_group,
			     &tty_handlers, modem, &modem->tty);
	if (error) {
		log_error("cannot make the terminal %s: %s", config->link_path, strerror(-error));
		goto err_port;
	}
	log_notice("faxport%u: Class 1 modem on %s (%s)", modem->port_id, config->link_path,
		   dte_tty_name(modem->tty));
	*modem_out = modem;
	return 0;

err_port:
	faxd_port_close(modem->port);
	faxd_loop_run_once(loop, 0);
err_t31:
	t31_guard_free(modem->t31);
err_free:
	free(modem);
	return error;
}

void class1_modem_close(struct class1_modem *modem)
{
	/* Closing the port aborts a call; its report must not reach a freed modem. */
	faxd_port_close(modem->port);
	dte_tty_close(modem->tty);
	modem->pending_count = 0;
	/* Runs the port's deferred free and any queued event task before the modem goes. */
	faxd_loop_run_once(modem->loop, 0);
	t31_guard_free(modem->t31);
	free(modem);
}

void class1_modem_tick(struct class1_modem *modem)
{
	dte_tty_poll(modem->tty);
	if (++modem->ticks % 10 == 0 && !modem->lost)
		faxd_port_tick(modem->port);
}

bool class1_modem_lost(const struct class1_modem *modem)
{
	return modem->lost;
}
