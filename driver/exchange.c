// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: a port's line as its DSP engine sees it, and the loopback
 * exchange, the line every loopback port is on.
 *
 * The engine side (attach, line events, the audio FIFOs, read, write and
 * poll) is the same for every line type; the far end of a call is the
 * port's struct faxport_line_ops: the loopback exchange here, a user line
 * in line_user.c.
 *
 * A DSP engine attached to a port dials a number; the port that has it
 * rings (a RING line event per ring, one ring per ring_period_ms) until its
 * engine answers or max_rings have rung. Once connected, the audio each
 * engine writes reaches the other engine's read():
 *
 * - free-running: written samples go straight into the far end's receive
 *   FIFO, so a call runs as fast as both engines compute (tests);
 * - real time: written samples wait in the port's transmit FIFO, and a
 *   clock moves 8000 samples a second to the far end, in 20 ms chunks,
 *   sending silence when the engine fell behind (underrun) and dropping
 *   the oldest audio when the far end does not read (overrun).
 *
 * All call state and the FIFOs are protected by faxport_exchange_lock. The
 * rings and the clock run as delayed work, in process context.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include "faxport.h"

static_assert(sizeof(struct faxport_dsp_attach) == 16);
static_assert(sizeof(struct faxport_dial) == 40);
static_assert(sizeof(struct faxport_line_event) == 24);

#define FAXPORT_FIFO_SAMPLES	8192	/* about a second of audio */
#define FAXPORT_CLOCK_CHUNK	160	/* 20 ms */
#define FAXPORT_IO_CHUNK	4096	/* samples copied per read/write call */

static unsigned int ring_period_ms = 6000;
module_param(ring_period_ms, uint, 0644);
MODULE_PARM_DESC(ring_period_ms, "Time from one ring to the next (default 6000)");

static unsigned int max_rings = 10;
module_param(max_rings, uint, 0644);
MODULE_PARM_DESC(max_rings, "Rings before a call ends unanswered (default 10)");

DEFINE_SPINLOCK(faxport_exchange_lock);

/* The real-time clock: the lines connected in real time, and its work. */
static LIST_HEAD(faxport_clock_lines);
static void faxport_clock_tick(struct work_struct *work);
static DECLARE_DELAYED_WORK(faxport_clock_work, faxport_clock_tick);

/**
 * faxport_ring_delay() - the time from one ring to the next
 *
 * Return: ring_period_ms in jiffies (at least 10 ms).
 */
unsigned long faxport_ring_delay(void)
{
	return msecs_to_jiffies(max(READ_ONCE(ring_period_ms), 10U));
}

/**
 * faxport_max_rings() - rings before an unanswered call ends
 *
 * Return: the max_rings parameter.
 */
unsigned int faxport_max_rings(void)
{
	return READ_ONCE(max_rings);
}

/**
 * faxport_line_init() - set up a new port's line
 * @port: the port, not yet visible to anyone
 * @user_line: a user line (a provider carries its calls), else loopback
 *
 * The audio FIFOs (32 KiB) wait for the first DSP engine: a port nobody
 * attached to carries no audio, and idle ports should stay cheap.
 *
 * Return: 0 or -ENOMEM.
 */
int faxport_line_init(struct faxport_port *port, bool user_line)
{
	struct faxport_line *line = &port->line;

	line->ops = user_line ? &faxport_user_line_ops :
				&faxport_loopback_line_ops;
	INIT_KFIFO(line->events);
	INIT_LIST_HEAD(&line->clock_node);
	INIT_DELAYED_WORK(&line->ring_work, line->ops->ring);
	line->state = FAXPORT_LINE_IDLE;
	return user_line ? faxport_user_line_init(port) : 0;
}

/*
 * The audio FIFOs, allocated by the port's first DSP engine and kept until
 * the port is freed, so that no call path ever sees them go away. Called
 * with the port's lock held, before the port counts as attached.
 */
static int faxport_line_alloc_audio(struct faxport_line *line)
{
	if (kfifo_initialized(&line->rx.samples))
		return 0;
	if (kfifo_alloc(&line->rx.samples, FAXPORT_FIFO_SAMPLES, GFP_KERNEL))
		return -ENOMEM;
	if (kfifo_alloc(&line->tx.samples, FAXPORT_FIFO_SAMPLES, GFP_KERNEL)) {
		kfifo_free(&line->rx.samples);
		return -ENOMEM;
	}
	return 0;
}

/**
 * faxport_line_free() - free what faxport_line_init() and the DSP engine allocated
 * @port: a port nobody references any more
 */
void faxport_line_free(struct faxport_port *port)
{
	faxport_user_line_free(port);
	kfifo_free(&port->line.rx.samples);
	kfifo_free(&port->line.tx.samples);
}

/**
 * faxport_line_event_cause() - queue a line event for the port's engine
 * @port: the port
 * @type: a FAXPORT_LINE_EV_* value
 * @arg: its argument
 * @cause: for %FAXPORT_LINE_EV_NO_ANSWER the FAXPORT_STATE_* why, else 0
 *
 * Called with faxport_exchange_lock held.
 */
void faxport_line_event_cause(struct faxport_port *port, u32 type, u32 arg,
			      u32 cause)
{
	struct faxport_line *line = &port->line;
	struct faxport_line_event ev = {
		.seq = ++line->event_seq,
		.type = type,
		.arg = arg,
		.cause = cause,
		.timestamp_ns = ktime_get_ns(),
	};

	lockdep_assert_held(&faxport_exchange_lock);
	/* The oldest event goes; the gap in seq tells the engine. */
	if (kfifo_is_full(&line->events))
		kfifo_skip(&line->events);
	kfifo_put(&line->events, ev);
	wake_up_all(&port->wait);
}

/* Called with faxport_exchange_lock held. */
static void faxport_line_event(struct faxport_port *port, u32 type, u32 arg)
{
	faxport_line_event_cause(port, type, arg, 0);
}

/*
 * Called with faxport_exchange_lock held: the port's call is over. A client
 * expects a job's result (FEI_COMPLETED, FEI_BUSY, ...) before the port's
 * FEI_IDLE, as the Windows fax service orders them; the engine hangs up
 * before it reports that result, so while it has a job on the port the
 * event waits for faxport_line_set_engine_state(port, 0).
 */
static void faxport_line_went_idle_locked(struct faxport_port *port)
{
	lockdep_assert_held(&faxport_exchange_lock);
	if (port->line.engine_state)
		port->line.idle_pending = true;
	else
		faxport_event(FAXPORT_EV_IDLE, port->device_id, FAXPORT_NO_JOB);
}

/**
 * faxport_line_clear_locked() - the port's call is over: back to idle
 * @port: the port
 *
 * Called with faxport_exchange_lock held, once per end of the call.
 */
void faxport_line_clear_locked(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;

	lockdep_assert_held(&faxport_exchange_lock);
	faxport_line_went_idle_locked(port);
	line->state = FAXPORT_LINE_IDLE;
	line->peer = NULL;
	line->rings = 0;
	line->caller = false;
	line->engine_state = 0;
	if (line->user) {
		line->user->call_id = 0;
		memset(line->user->caller_number, 0,
		       sizeof(line->user->caller_number));
		memset(line->user->caller_name, 0,
		       sizeof(line->user->caller_name));
		memset(line->user->called_number, 0,
		       sizeof(line->user->called_number));
	}
	list_del_init(&line->clock_node);
	kfifo_reset(&line->rx.samples);
	kfifo_reset(&line->tx.samples);
	wake_up_all(&port->wait);
}

/**
 * faxport_line_port_state() - the FAXPORT_STATE_* a port's line is in
 * @port: the port
 *
 * Return: the state.
 */
u32 faxport_line_port_state(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;
	u32 state;

	if (READ_ONCE(port->dead))
		return FAXPORT_STATE_UNAVAILABLE;
	spin_lock(&faxport_exchange_lock);
	switch (line->state) {
	case FAXPORT_LINE_DIALING:
		state = FAXPORT_STATE_DIALING;
		break;
	case FAXPORT_LINE_RINGING:
		state = FAXPORT_STATE_RINGING;
		break;
	case FAXPORT_LINE_CONNECTED:
		if (line->engine_state)
			state = line->engine_state;
		else
			state = line->caller ? FAXPORT_STATE_SENDING :
					       FAXPORT_STATE_RECEIVING;
		break;
	default:
		if (!line->ops->has_line(port))
			state = FAXPORT_STATE_UNAVAILABLE;
		else if (READ_ONCE(port->dsp_attached))
			state = FAXPORT_STATE_AVAILABLE;
		else
			state = FAXPORT_STATE_OFFLINE;
		break;
	}
	spin_unlock(&faxport_exchange_lock);
	return state;
}

/**
 * faxport_line_busy() - is the port in a call, dialing or ringing?
 * @port: the port
 *
 * Return: true unless the line is idle.
 */
bool faxport_line_busy(struct faxport_port *port)
{
	bool busy;

	spin_lock(&faxport_exchange_lock);
	busy = port->line.state != FAXPORT_LINE_IDLE;
	spin_unlock(&faxport_exchange_lock);
	return busy;
}

/**
 * faxport_line_has_line() - can the port place and take calls now?
 * @port: the port
 *
 * Return: true on the loopback exchange; on a user line, while its
 * provider is attached and reports its line up.
 */
bool faxport_line_has_line(struct faxport_port *port)
{
	bool has;

	spin_lock(&faxport_exchange_lock);
	has = port->line.ops->has_line(port);
	spin_unlock(&faxport_exchange_lock);
	return has;
}

/**
 * faxport_line_can_dial() - may a send job to a number go out on the port?
 * @port: the port
 * @number: the job's recipient
 *
 * Return: true unless the port's line cannot reach @number.
 */
bool faxport_line_can_dial(struct faxport_port *port, const char *number)
{
	return port->line.ops->can_dial(port, number);
}

/**
 * faxport_line_job_result() - the result of the engine's job attempt
 * @port: the port
 * @state: the FAXPORT_STATE_* the engine reported
 *
 * A line that knows why a call did not connect (a user line's provider
 * said busy) knows better than an engine that only saw it fail. The cause
 * is taken once.
 *
 * Return: @state, or the line's cause when the engine reported a failure
 * of a call that did not connect.
 */
u32 faxport_line_job_result(struct faxport_port *port, u32 state)
{
	struct faxport_line *line = &port->line;

	spin_lock(&faxport_exchange_lock);
	if (state != FAXPORT_STATE_COMPLETED && line->fail_state)
		state = line->fail_state;
	line->fail_state = 0;
	spin_unlock(&faxport_exchange_lock);
	return state;
}

/**
 * faxport_line_hangup() - end whatever call the port is in
 * @port: the port; its engine hung up, detached, or the port is going
 *
 * The far end learns it as its line type tells it. Hanging up an idle
 * line does nothing.
 */
void faxport_line_hangup(struct faxport_port *port)
{
	port->line.ops->hangup(port);
}

/*
 * Loopback: the far end gets %FAXPORT_LINE_EV_HANGUP (or, if it was
 * ringing, %FAXPORT_LINE_EV_CALLER_GONE).
 */
static void faxport_loopback_hangup(struct faxport_port *port)
{
	struct faxport_port *peer;
	enum faxport_line_state was;

	spin_lock(&faxport_exchange_lock);
	was = port->line.state;
	peer = port->line.peer;
	if (was == FAXPORT_LINE_IDLE) {
		spin_unlock(&faxport_exchange_lock);
		return;
	}
	faxport_line_event(peer, peer->line.state == FAXPORT_LINE_RINGING ?
				 FAXPORT_LINE_EV_CALLER_GONE :
				 FAXPORT_LINE_EV_HANGUP, 0);
	faxport_line_clear_locked(port);
	faxport_line_clear_locked(peer);
	spin_unlock(&faxport_exchange_lock);
	faxport_jobs_kick();

	cancel_delayed_work(&port->line.ring_work);
	cancel_delayed_work(&peer->line.ring_work);
	/* The call's references: ours on the peer and the peer's on us. */
	put_device(&peer->dev);
	put_device(&port->dev);
}

/**
 * faxport_line_detach() - take a port off the exchange for good (removal)
 * @port: the port, already marked dead
 */
void faxport_line_detach(struct faxport_port *port)
{
	spin_lock(&faxport_exchange_lock);
	port->line.gone = true;
	spin_unlock(&faxport_exchange_lock);
	faxport_line_hangup(port);
	cancel_delayed_work_sync(&port->line.ring_work);
}

/**
 * faxport_exchange_exit() - stop the clock (module exit, after all ports)
 */
void faxport_exchange_exit(void)
{
	cancel_delayed_work_sync(&faxport_clock_work);
}

static void faxport_loopback_ring(struct work_struct *work)
{
	struct faxport_line *line = container_of(to_delayed_work(work),
						 struct faxport_line,
						 ring_work);
	struct faxport_port *port = container_of(line, struct faxport_port,
						 line);
	struct faxport_port *caller;

	spin_lock(&faxport_exchange_lock);
	if (line->state != FAXPORT_LINE_RINGING || line->gone) {
		spin_unlock(&faxport_exchange_lock);
		return;
	}
	caller = line->peer;
	if (line->rings >= READ_ONCE(max_rings)) {
		faxport_line_event_cause(caller, FAXPORT_LINE_EV_NO_ANSWER,
					 line->rings, FAXPORT_STATE_NO_ANSWER);
		faxport_line_event(port, FAXPORT_LINE_EV_CALLER_GONE, line->rings);
		faxport_line_clear_locked(port);
		faxport_line_clear_locked(caller);
		spin_unlock(&faxport_exchange_lock);
		faxport_jobs_kick();
		put_device(&caller->dev);
		put_device(&port->dev);
		return;
	}
	line->rings++;
	caller->line.rings = line->rings;
	faxport_line_event(port, FAXPORT_LINE_EV_RING, line->rings);
	faxport_event(FAXPORT_EV_RINGING, port->device_id, FAXPORT_NO_JOB);
	schedule_delayed_work(&line->ring_work, faxport_ring_delay());
	spin_unlock(&faxport_exchange_lock);
}

static long faxport_line_dial(struct faxport_port *port,
			      struct faxport_dial __user *uarg)
{
	struct faxport_dial dial;

	if (copy_from_user(&dial, uarg, sizeof(dial)))
		return -EFAULT;
	if (dial.flags || dial.reserved ||
	    !faxport_string_terminated(dial.number, sizeof(dial.number)) ||
	    !faxport_dial_string_valid(dial.number))
		return -EINVAL;
	return port->line.ops->dial(port, dial.number);
}

static long faxport_loopback_dial(struct faxport_port *port,
				  const char *number)
{
	struct faxport_port *callee;
	char called[FAXPORT_NUMBER_SIZE];
	long ret = 0;

	faxport_dial_digits(number, called, sizeof(called));
	callee = faxport_port_get_by_number(called);
	if (!callee)
		return -ENXIO;
	/* A user line's number is its own business, not the exchange's. */
	if (callee->line.ops != &faxport_loopback_line_ops) {
		put_device(&callee->dev);
		return -ENXIO;
	}

	spin_lock(&faxport_exchange_lock);
	if (port->line.gone)
		ret = -ENODEV;
	else if (port->line.state != FAXPORT_LINE_IDLE)
		ret = -EISCONN;
	else if (callee == port || callee->line.state != FAXPORT_LINE_IDLE)
		ret = -EBUSY;
	else if (callee->line.gone)
		ret = -ENXIO;
	if (ret) {
		spin_unlock(&faxport_exchange_lock);
		put_device(&callee->dev);
		return ret;
	}
	/* The call holds a reference on each end: ours on callee is taken. */
	get_device(&port->dev);
	port->line.state = FAXPORT_LINE_DIALING;
	port->line.peer = callee;
	port->line.caller = true;
	port->line.rings = 1;
	callee->line.state = FAXPORT_LINE_RINGING;
	callee->line.peer = port;
	callee->line.rings = 1;
	faxport_line_event(callee, FAXPORT_LINE_EV_RING, 1);
	faxport_event(FAXPORT_EV_RINGING, callee->device_id, FAXPORT_NO_JOB);
	schedule_delayed_work(&callee->line.ring_work, faxport_ring_delay());
	spin_unlock(&faxport_exchange_lock);
	wake_up_all(&port->wait);
	return 0;
}

static long faxport_loopback_answer(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;
	struct faxport_port *caller;
	bool free_running;

	spin_lock(&faxport_exchange_lock);
	if (line->state != FAXPORT_LINE_RINGING) {
		spin_unlock(&faxport_exchange_lock);
		return -ENOTCONN;
	}
	caller = line->peer;
	free_running = line->free_running && caller->line.free_running;
	line->state = FAXPORT_LINE_CONNECTED;
	caller->line.state = FAXPORT_LINE_CONNECTED;
	line->call_free_running = free_running;
	caller->line.call_free_running = free_running;
	faxport_impair_call_start(line, &caller->line);
	if (!free_running) {
		ktime_t now = ktime_get();

		line->clock_start = now;
		line->clock_moved = 0;
		caller->line.clock_start = now;
		caller->line.clock_moved = 0;
		list_add_tail(&line->clock_node, &faxport_clock_lines);
		list_add_tail(&caller->line.clock_node, &faxport_clock_lines);
		mod_delayed_work(system_wq, &faxport_clock_work, 0);
	}
	faxport_line_event(caller, FAXPORT_LINE_EV_ANSWERED, 0);
	faxport_event(FAXPORT_EV_ANSWERED, port->device_id, FAXPORT_NO_JOB);
	spin_unlock(&faxport_exchange_lock);
	cancel_delayed_work(&line->ring_work);
	wake_up_all(&port->wait);
	return 0;
}

/*
 * The real-time clock: every 20 ms, move what is due from each line's
 * transmit FIFO to its peer, padding with silence and keeping the receive
 * side's latency bounded.
 */
static void faxport_clock_tick(struct work_struct *work)
{
	/* Static: one tick runs at a time, and only under the lock. */
	static s16 silence[FAXPORT_CLOCK_CHUNK];
	static s16 chunk[FAXPORT_CLOCK_CHUNK];
	static s16 dropped[FAXPORT_CLOCK_CHUNK];
	struct faxport_line *line;
	ktime_t now = ktime_get();

	spin_lock(&faxport_exchange_lock);
	list_for_each_entry(line, &faxport_clock_lines, clock_node) {
		struct faxport_port *peer = line->peer;
		struct faxport_line *far = &peer->line;
		u64 due = div_u64(ktime_to_ns(ktime_sub(now, line->clock_start)) *
				  FAXPORT_SAMPLE_RATE, NSEC_PER_SEC);

		/* After a long stall, catch up at most a second. */
		if (due > line->clock_moved + FAXPORT_SAMPLE_RATE)
			line->clock_moved = due - FAXPORT_SAMPLE_RATE;
		while (line->clock_moved < due) {
			unsigned int n = min_t(u64, due - line->clock_moved,
					       FAXPORT_CLOCK_CHUNK);
			unsigned int got = kfifo_out(&line->tx.samples, chunk, n);
			unsigned int room = kfifo_avail(&far->rx.samples);

			if (room < n)
				room += kfifo_out(&far->rx.samples, dropped, n - room);
			/* Underrun: the line carries silence. */
			memcpy(chunk + got, silence, (n - got) * sizeof(*chunk));
			faxport_impair_audio(line, chunk, n);
			kfifo_in(&far->rx.samples, chunk, n);
			line->clock_moved += n;
		}
		wake_up_all(&peer->wait);
		wake_up_all(&container_of(line, struct faxport_port, line)->wait);
	}
	if (!list_empty(&faxport_clock_lines))
		schedule_delayed_work(&faxport_clock_work,
				      msecs_to_jiffies(20));
	spin_unlock(&faxport_exchange_lock);
}

/**
 * faxport_dsp_attach() - FAXPORT_IOC_DSP_ATTACH
 * @pf: the open port file
 * @uarg: the user's struct faxport_dsp_attach
 * @file: the file, for its credentials and identity
 *
 * Return: 0 or a negative errno (see the uAPI header).
 */
long faxport_dsp_attach(struct faxport_port_file *pf,
			const struct faxport_dsp_attach __user *uarg,
			struct file *file)
{
	struct faxport_port *port = pf->port;
	struct faxport_dsp_attach attach;
	long ret = 0;

	if (copy_from_user(&attach, uarg, sizeof(attach)))
		return -EFAULT;
	if (attach.version != FAXPORT_API_VERSION ||
	    (attach.flags & ~FAXPORT_ATTACH_NO_JOBS) ||
	    attach.reserved || attach.clock > FAXPORT_CLOCK_FREE_RUNNING)
		return -EINVAL;
	/* A line on the network's clock cannot run faster than it. */
	if (attach.clock == FAXPORT_CLOCK_FREE_RUNNING &&
	    !port->line.ops->free_running)
		return -EINVAL;
	if (!file_ns_capable(file, &init_user_ns, CAP_NET_ADMIN))
		return -EPERM;

	mutex_lock(&pf->lock);
	if (pf->kind != FAXPORT_FILE_UNBOUND) {
		ret = -EBUSY;
		goto out;
	}
	mutex_lock(&port->lock);
	if (port->dead) {
		ret = -ENODEV;
	} else if (port->dsp_attached) {
		ret = -EBUSY;
	} else if (faxport_line_alloc_audio(&port->line)) {
		ret = -ENOMEM;
	} else {
		WRITE_ONCE(port->dsp_attached, true);
		port->engine_takes_no_jobs = attach.flags & FAXPORT_ATTACH_NO_JOBS;
		spin_lock(&faxport_exchange_lock);
		port->line.free_running = attach.clock == FAXPORT_CLOCK_FREE_RUNNING;
		port->line.event_seq = 0;
		kfifo_reset(&port->line.events);
		spin_unlock(&faxport_exchange_lock);
	}
	mutex_unlock(&port->lock);
	if (!ret) {
		WRITE_ONCE(pf->kind, FAXPORT_FILE_DSP);
		faxport_event(FAXPORT_EV_FAXSVC_STARTED, port->device_id,
			      FAXPORT_NO_JOB);
		faxport_jobs_kick();
	}
out:
	mutex_unlock(&pf->lock);
	return ret;
}

/**
 * faxport_line_notify() - queue a line event for a port's engine
 * @port: the port
 * @type: a FAXPORT_LINE_EV_* value
 * @arg: its argument
 */
void faxport_line_notify(struct faxport_port *port, u32 type, u32 arg)
{
	spin_lock(&faxport_exchange_lock);
	faxport_line_event(port, type, arg);
	spin_unlock(&faxport_exchange_lock);
}

/**
 * faxport_line_set_engine_state() - what the engine says the port does
 * @port: the port
 * @state: a FAXPORT_STATE_* value, or 0 to go back to the line's view
 */
void faxport_line_set_engine_state(struct faxport_port *port, u32 state)
{
	struct faxport_line *line = &port->line;

	spin_lock(&faxport_exchange_lock);
	line->engine_state = state;
	if (!state && line->idle_pending) {
		line->idle_pending = false;
		if (line->state == FAXPORT_LINE_IDLE)
			faxport_event(FAXPORT_EV_IDLE, port->device_id,
				      FAXPORT_NO_JOB);
	}
	spin_unlock(&faxport_exchange_lock);
}

static long faxport_line_next_event(struct faxport_port *port,
				    struct faxport_line_event __user *uarg)
{
	struct faxport_line_event ev;
	bool got;

	spin_lock(&faxport_exchange_lock);
	got = kfifo_get(&port->line.events, &ev);
	spin_unlock(&faxport_exchange_lock);
	if (!got)
		return -EAGAIN;
	/*
	 * The event is consumed even if the copy faults: the caller passed
	 * a bad pointer and learns of the loss from the next seq.
	 */
	return copy_to_user(uarg, &ev, sizeof(ev)) ? -EFAULT : 0;
}

/**
 * faxport_dsp_ioctl() - the ioctls of an attached DSP engine
 * @pf: the engine's port file
 * @file: its file
 * @cmd: a FAXPORT_IOC_LINE_* or engine FAXPORT_IOC_JOB_* command
 * @uarg: its argument
 *
 * Return: 0 or a negative errno (see the uAPI header).
 */
long faxport_dsp_ioctl(struct faxport_port_file *pf, struct file *file,
		       unsigned int cmd, void __user *uarg)
{
	struct faxport_port *port = pf->port;

	switch (cmd) {
	case FAXPORT_IOC_LINE_DIAL:
		return faxport_line_dial(port, uarg);
	case FAXPORT_IOC_LINE_ANSWER:
		return port->line.ops->answer(port);
	case FAXPORT_IOC_LINE_HANGUP:
		faxport_line_hangup(port);
		return 0;
	case FAXPORT_IOC_LINE_EVENT:
		return faxport_line_next_event(port, uarg);
	}
	return faxport_jobs_engine_ioctl(port, file, cmd, uarg);
}

/* Where this port's engine writes: the far end directly, or our clock. */
static struct faxport_audio_fifo *faxport_line_tx_fifo(struct faxport_line *line)
{
	if (line->call_free_running)
		return &line->peer->line.rx;
	return &line->tx;
}

/*
 * Wait conditions: read under the lock, so a change between the test and
 * the sleep is seen by the waker's wake_up_all().
 */
static bool faxport_dsp_readable(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;
	bool ready;

	spin_lock(&faxport_exchange_lock);
	ready = READ_ONCE(port->dead) || line->state != FAXPORT_LINE_CONNECTED ||
		!kfifo_is_empty(&line->rx.samples);
	spin_unlock(&faxport_exchange_lock);
	return ready;
}

static bool faxport_dsp_writable(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;
	bool ready;

	spin_lock(&faxport_exchange_lock);
	ready = READ_ONCE(port->dead) || line->state != FAXPORT_LINE_CONNECTED ||
		kfifo_avail(&faxport_line_tx_fifo(line)->samples) > 0;
	spin_unlock(&faxport_exchange_lock);
	return ready;
}

/**
 * faxport_dsp_read() - the audio that reached this port's engine
 * @port: the port
 * @buf: user buffer
 * @count: its size in bytes (a whole number of samples)
 * @nonblock: fail with -EAGAIN instead of waiting
 *
 * Return: bytes read (at least one sample), or a negative errno.
 */
ssize_t faxport_dsp_read(struct faxport_port *port, char __user *buf,
			 size_t count, bool nonblock)
{
	size_t want = min_t(size_t, count / sizeof(s16), FAXPORT_IO_CHUNK);
	struct faxport_line *line = &port->line;
	struct faxport_port *peer;
	unsigned int got;
	s16 *samples;
	ssize_t ret;

	if (count % sizeof(s16))
		return -EINVAL;
	if (!want)
		return 0;
	samples = kmalloc_array(want, sizeof(*samples), GFP_KERNEL);
	if (!samples)
		return -ENOMEM;
	for (;;) {
		spin_lock(&faxport_exchange_lock);
		if (line->state != FAXPORT_LINE_CONNECTED) {
			ret = -ENOTCONN;
			goto unlock;
		}
		got = kfifo_out(&line->rx.samples, samples, want);
		if (got)
			break;
		spin_unlock(&faxport_exchange_lock);
		if (nonblock) {
			ret = -EAGAIN;
			goto out;
		}
		if (wait_event_interruptible(port->wait,
					     faxport_dsp_readable(port))) {
			ret = -ERESTARTSYS;
			goto out;
		}
		if (READ_ONCE(port->dead)) {
			ret = -ENODEV;
			goto out;
		}
	}
	/* A free-running far end may be waiting for room in our FIFO. */
	peer = line->peer;
	if (line->call_free_running)
		wake_up_all(&peer->wait);
	spin_unlock(&faxport_exchange_lock);
	ret = copy_to_user(buf, samples, got * sizeof(s16)) ? -EFAULT :
							     got * sizeof(s16);
	goto out;
unlock:
	spin_unlock(&faxport_exchange_lock);
out:
	kfree(samples);
	return ret;
}

/**
 * faxport_dsp_write() - audio from this port's engine to the far end
 * @port: the port
 * @buf: user buffer
 * @count: its size in bytes (a whole number of samples)
 * @nonblock: fail with -EAGAIN instead of waiting for room
 *
 * Return: bytes taken (at least one sample), or a negative errno.
 */
ssize_t faxport_dsp_write(struct faxport_port *port, const char __user *buf,
			  size_t count, bool nonblock)
{
	size_t want = min_t(size_t, count / sizeof(s16), FAXPORT_IO_CHUNK);
	struct faxport_line *line = &port->line;
	unsigned int put;
	size_t n;
	s16 *samples;
	ssize_t ret;

	if (count % sizeof(s16))
		return -EINVAL;
	if (!want)
		return 0;
	samples = memdup_user(buf, want * sizeof(s16));
	if (IS_ERR(samples))
		return PTR_ERR(samples);
	for (;;) {
		struct faxport_audio_fifo *fifo;

		spin_lock(&faxport_exchange_lock);
		if (line->state != FAXPORT_LINE_CONNECTED) {
			spin_unlock(&faxport_exchange_lock);
			ret = -ENOTCONN;
			goto out;
		}
		fifo = faxport_line_tx_fifo(line);
		n = want;
		/* Free-running audio meets the line's noise on its way. */
		if (line->call_free_running) {
			n = min_t(size_t, n, kfifo_avail(&fifo->samples));
			faxport_impair_audio(line, samples, n);
		}
		put = kfifo_in(&fifo->samples, samples, n);
		if (put) {
			if (line->call_free_running)
				wake_up_all(&line->peer->wait);
			else if (line->ops->provider_clock)
				wake_up_all(&port->wait);
			spin_unlock(&faxport_exchange_lock);
			ret = put * sizeof(s16);
			goto out;
		}
		spin_unlock(&faxport_exchange_lock);
		if (nonblock) {
			ret = -EAGAIN;
			goto out;
		}
		if (wait_event_interruptible(port->wait,
					     faxport_dsp_writable(port))) {
			ret = -ERESTARTSYS;
			goto out;
		}
		if (READ_ONCE(port->dead)) {
			ret = -ENODEV;
			goto out;
		}
	}
out:
	kfree(samples);
	return ret;
}

/**
 * faxport_dsp_poll() - readiness of an attached engine's file
 * @port: the port (not dead; the caller checked)
 *
 * EPOLLPRI when a line event waits; EPOLLIN and EPOLLOUT only while a call
 * is connected, so an idle engine's event loop does not spin.
 *
 * Return: the poll mask.
 */
__poll_t faxport_dsp_poll(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;
	__poll_t mask = 0;

	spin_lock(&faxport_exchange_lock);
	if (!kfifo_is_empty(&line->events))
		mask |= EPOLLPRI;
	if (line->state == FAXPORT_LINE_CONNECTED) {
		if (!kfifo_is_empty(&line->rx.samples))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (kfifo_avail(&faxport_line_tx_fifo(line)->samples))
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	spin_unlock(&faxport_exchange_lock);
	return mask;
}

/**
 * faxport_line_call_get() - FAXPORT_IOC_PORT_CALL_GET
 * @port: the port
 * @uarg: the user's struct faxport_port_call
 *
 * Return: 0 or a negative errno (see the uAPI header).
 */
long faxport_line_call_get(struct faxport_port *port,
			   struct faxport_port_call __user *uarg)
{
	struct faxport_line *line = &port->line;
	struct faxport_port_call call;
	u32 flags;

	if (get_user(flags, &uarg->flags))
		return -EFAULT;
	if (flags)
		return -EINVAL;
	memset(&call, 0, sizeof(call));
	spin_lock(&faxport_exchange_lock);
	if (line->user) {
		faxport_user_line_call_get(port, &call);
	} else if (line->state != FAXPORT_LINE_IDLE) {
		/* Numbers never change once a port exists: no peer lock. */
		if (line->caller) {
			call.direction = FAXPORT_CALL_OUTGOING;
			memcpy(call.called_number, line->peer->number,
			       sizeof(call.called_number));
		} else {
			call.direction = FAXPORT_CALL_INCOMING;
			memcpy(call.caller_number, line->peer->number,
			       sizeof(call.caller_number));
			memcpy(call.called_number, port->number,
			       sizeof(call.called_number));
		}
	}
	spin_unlock(&faxport_exchange_lock);
	return copy_to_user(uarg, &call, sizeof(call)) ? -EFAULT : 0;
}

static bool faxport_loopback_has_line(struct faxport_port *port)
{
	return true;
}

/*
 * The port whose number a job is for would dial itself and always get
 * busy, spending the job's retries on a call that cannot happen.
 */
static bool faxport_loopback_can_dial(struct faxport_port *port,
				      const char *number)
{
	char called[FAXPORT_NUMBER_SIZE];

	faxport_dial_digits(number, called, sizeof(called));
	return strcmp(port->number, called) != 0;
}

const struct faxport_line_ops faxport_loopback_line_ops = {
	.type = FAXPORT_LINE_LOOPBACK,
	.name = "loopback",
	.free_running = true,
	.ring = faxport_loopback_ring,
	.dial = faxport_loopback_dial,
	.answer = faxport_loopback_answer,
	.hangup = faxport_loopback_hangup,
	.has_line = faxport_loopback_has_line,
	.can_dial = faxport_loopback_can_dial,
};
