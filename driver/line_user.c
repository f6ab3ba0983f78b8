// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: user lines, whose calls a line provider process carries.
 *
 * A port made with FAXPORT_PORT_ADD_USER_LINE has two sides: its DSP
 * engine, which sees the same line as on the loopback exchange, and its
 * line provider (a SIP user agent, an FXO gateway), which places and takes
 * the calls. The provider reads what the engine asks for (DIAL, ANSWER,
 * HANGUP, ABORT) as provider events and reports what the far end does.
 * Audio: the provider's write() fills the engine's receive FIFO and its
 * read() drains the engine's transmit FIFO, so the provider, paced by the
 * network, is the clock of the port's calls.
 *
 * Calls are named by a call id, so that a report about a call the engine
 * already gave up cannot act on the next one. All state is protected by
 * faxport_exchange_lock, as on the loopback exchange.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "faxport.h"

static_assert(sizeof(struct faxport_line_attach) == 16);
static_assert(sizeof(struct faxport_provider_event) == 56);
static_assert(sizeof(struct faxport_provider_ring) == 136);
static_assert(sizeof(struct faxport_provider_progress) == 16);
static_assert(sizeof(struct faxport_provider_call) == 16);
static_assert(sizeof(struct faxport_port_call) == 144);

#define FAXPORT_PROVIDER_IO_CHUNK	4096	/* samples per read/write call */

/**
 * faxport_user_line_init() - allocate a user line's provider side
 * @port: the port, not yet visible to anyone
 *
 * Return: 0 or -ENOMEM.
 */
int faxport_user_line_init(struct faxport_port *port)
{
	struct faxport_user_line *user = kzalloc(sizeof(*user), GFP_KERNEL);

	if (!user)
		return -ENOMEM;
	INIT_KFIFO(user->events);
	port->line.user = user;
	return 0;
}

/**
 * faxport_user_line_free() - free what faxport_user_line_init() allocated
 * @port: a port nobody references any more
 */
void faxport_user_line_free(struct faxport_port *port)
{
	kfree(port->line.user);
	port->line.user = NULL;
}

/* Called with faxport_exchange_lock held. */
static void faxport_provider_event(struct faxport_port *port, u32 type,
				   u32 cause, const char *number)
{
	struct faxport_user_line *user = port->line.user;
	struct faxport_provider_event ev = {
		.seq = ++user->event_seq,
		.type = type,
		.call_id = user->call_id,
		.cause = cause,
		.timestamp_ns = ktime_get_ns(),
	};

	lockdep_assert_held(&faxport_exchange_lock);
	if (number)
		strscpy_pad(ev.number, number, sizeof(ev.number));
	/* The oldest event goes; the gap in seq tells the provider. */
	if (kfifo_is_full(&user->events))
		kfifo_skip(&user->events);
	kfifo_put(&user->events, ev);
	wake_up_all(&port->wait);
}

static bool faxport_user_has_line(struct faxport_port *port)
{
	struct faxport_user_line *user = port->line.user;

	lockdep_assert_held(&faxport_exchange_lock);
	return user->attached && user->up && !port->line.gone;
}

/* The provider decides which numbers it can reach. */
static bool faxport_user_can_dial(struct faxport_port *port,
				  const char *number)
{
	return true;
}

/* Called with faxport_exchange_lock held. */
static u32 faxport_user_new_call(struct faxport_user_line *user)
{
	if (!++user->next_call_id)
		user->next_call_id = 1;
	user->call_id = user->next_call_id;
	return user->call_id;
}

static long faxport_user_dial(struct faxport_port *port, const char *number)
{
	struct faxport_line *line = &port->line;
	struct faxport_user_line *user = line->user;
	long ret = 0;

	spin_lock(&faxport_exchange_lock);
	if (line->gone) {
		ret = -ENODEV;
	} else if (line->state != FAXPORT_LINE_IDLE) {
		ret = -EISCONN;
	} else if (!faxport_user_has_line(port)) {
		/* The job's result says why, whatever the engine makes of it. */
		line->fail_state = FAXPORT_STATE_NO_DIAL_TONE;
		ret = -ENETDOWN;
	}
	if (ret) {
		spin_unlock(&faxport_exchange_lock);
		return ret;
	}
	line->state = FAXPORT_LINE_DIALING;
	line->caller = true;
	line->rings = 0;
	line->fail_state = 0;
	faxport_user_new_call(user);
	strscpy_pad(user->called_number, number, sizeof(user->called_number));
	faxport_provider_event(port, FAXPORT_PROVIDER_EV_DIAL, 0, number);
	spin_unlock(&faxport_exchange_lock);
	return 0;
}

static long faxport_user_answer(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;

	spin_lock(&faxport_exchange_lock);
	if (line->state != FAXPORT_LINE_RINGING) {
		spin_unlock(&faxport_exchange_lock);
		return -ENOTCONN;
	}
	line->state = FAXPORT_LINE_CONNECTED;
	line->fail_state = 0;
	faxport_provider_event(port, FAXPORT_PROVIDER_EV_ANSWER, 0, NULL);
	faxport_event(FAXPORT_EV_ANSWERED, port->device_id, FAXPORT_NO_JOB);
	spin_unlock(&faxport_exchange_lock);
	cancel_delayed_work(&line->ring_work);
	return 0;
}

/* The engine hangs up, detaches, or the port is going: tell the provider. */
static void faxport_user_hangup(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;

	spin_lock(&faxport_exchange_lock);
	switch (line->state) {
	case FAXPORT_LINE_IDLE:
		spin_unlock(&faxport_exchange_lock);
		return;
	case FAXPORT_LINE_DIALING:
		faxport_provider_event(port, FAXPORT_PROVIDER_EV_ABORT, 0, NULL);
		break;
	case FAXPORT_LINE_RINGING:
		faxport_provider_event(port, FAXPORT_PROVIDER_EV_ABORT,
				       FAXPORT_CAUSE_REJECTED, NULL);
		break;
	case FAXPORT_LINE_CONNECTED:
		faxport_provider_event(port, FAXPORT_PROVIDER_EV_HANGUP, 0,
				       NULL);
		break;
	}
	faxport_line_clear_locked(port);
	spin_unlock(&faxport_exchange_lock);
	faxport_jobs_kick();
	cancel_delayed_work(&line->ring_work);
}

/*
 * The far end hung up (or the provider went away): what the engine sees
 * is what a loopback engine sees when its far end does the same. Called
 * with faxport_exchange_lock held, the line not idle.
 */
static void faxport_user_far_end_gone(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;

	lockdep_assert_held(&faxport_exchange_lock);
	faxport_line_event_cause(port, line->state == FAXPORT_LINE_RINGING ?
				       FAXPORT_LINE_EV_CALLER_GONE :
				       FAXPORT_LINE_EV_HANGUP, 0, 0);
	faxport_line_clear_locked(port);
}

static void faxport_user_ring(struct work_struct *work)
{
	struct faxport_line *line = container_of(to_delayed_work(work),
						 struct faxport_line,
						 ring_work);
	struct faxport_port *port = container_of(line, struct faxport_port,
						 line);

	spin_lock(&faxport_exchange_lock);
	if (line->state != FAXPORT_LINE_RINGING || line->gone) {
		spin_unlock(&faxport_exchange_lock);
		return;
	}
	if (line->rings >= faxport_max_rings()) {
		faxport_provider_event(port, FAXPORT_PROVIDER_EV_ABORT,
				       FAXPORT_CAUSE_NO_ANSWER, NULL);
		faxport_line_event_cause(port, FAXPORT_LINE_EV_CALLER_GONE,
					 line->rings, 0);
		faxport_line_clear_locked(port);
		spin_unlock(&faxport_exchange_lock);
		faxport_jobs_kick();
		return;
	}
	line->rings++;
	faxport_line_event_cause(port, FAXPORT_LINE_EV_RING, line->rings, 0);
	faxport_event(FAXPORT_EV_RINGING, port->device_id, FAXPORT_NO_JOB);
	schedule_delayed_work(&line->ring_work, faxport_ring_delay());
	spin_unlock(&faxport_exchange_lock);
}

const struct faxport_line_ops faxport_user_line_ops = {
	.type = FAXPORT_LINE_USER,
	.name = "user",
	.free_running = false,
	.provider_clock = true,
	.ring = faxport_user_ring,
	.dial = faxport_user_dial,
	.answer = faxport_user_answer,
	.hangup = faxport_user_hangup,
	.has_line = faxport_user_has_line,
	.can_dial = faxport_user_can_dial,
};

/**
 * faxport_line_attach() - FAXPORT_IOC_LINE_ATTACH
 * @pf: the open port file
 * @uarg: the user's struct faxport_line_attach
 * @file: the file, for the credentials it was opened with
 *
 * Return: 0 or a negative errno (see the uAPI header).
 */
long faxport_line_attach(struct faxport_port_file *pf,
			 const struct faxport_line_attach __user *uarg,
			 struct file *file)
{
	struct faxport_port *port = pf->port;
	struct faxport_user_line *user = port->line.user;
	struct faxport_line_attach attach;
	long ret = 0;

	if (copy_from_user(&attach, uarg, sizeof(attach)))
		return -EFAULT;
	if (attach.version != FAXPORT_API_VERSION || attach.flags ||
	    attach.reserved[0] || attach.reserved[1])
		return -EINVAL;
	if (!file_ns_capable(file, &init_user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (!user)
		return -EOPNOTSUPP;

	mutex_lock(&pf->lock);
	if (pf->kind != FAXPORT_FILE_UNBOUND) {
		ret = -EBUSY;
		goto out;
	}
	mutex_lock(&port->lock);
	spin_lock(&faxport_exchange_lock);
	if (port->dead || port->line.gone) {
		ret = -ENODEV;
	} else if (user->attached) {
		ret = -EBUSY;
	} else {
		user->attached = true;
		user->up = false;
		user->event_seq = 0;
		kfifo_reset(&user->events);
	}
	spin_unlock(&faxport_exchange_lock);
	mutex_unlock(&port->lock);
	if (!ret)
		WRITE_ONCE(pf->kind, FAXPORT_FILE_LINE);
out:
	mutex_unlock(&pf->lock);
	return ret;
}

/**
 * faxport_provider_detach() - the provider's file is released
 * @port: its port
 *
 * A call in progress is a hang-up for the engine (its job goes back to the
 * queue by the engine's own path), and the port has no line until another
 * provider attaches and reports line up.
 */
void faxport_provider_detach(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;

	spin_lock(&faxport_exchange_lock);
	line->user->attached = false;
	if (line->user->up)
		faxport_event(FAXPORT_EV_LINE_UNAVAILABLE, port->device_id,
			      FAXPORT_NO_JOB);
	line->user->up = false;
	if (line->state != FAXPORT_LINE_IDLE)
		faxport_user_far_end_gone(port);
	spin_unlock(&faxport_exchange_lock);
	cancel_delayed_work(&line->ring_work);
	faxport_jobs_kick();
}

static long faxport_provider_next_event(struct faxport_port *port,
					struct faxport_provider_event __user *uarg)
{
	struct faxport_provider_event ev;
	bool got;

	spin_lock(&faxport_exchange_lock);
	got = kfifo_get(&port->line.user->events, &ev);
	spin_unlock(&faxport_exchange_lock);
	if (!got)
		return -EAGAIN;
	/* Consumed even if the copy faults: the next seq tells the loss. */
	return copy_to_user(uarg, &ev, sizeof(ev)) ? -EFAULT : 0;
}

static long faxport_provider_line(struct faxport_port *port, bool up)
{
	spin_lock(&faxport_exchange_lock);
	/* Windows' FEI_LINE_UNAVAILABLE: the port has no line to use. */
	if (port->line.user->up && !up)
		faxport_event(FAXPORT_EV_LINE_UNAVAILABLE, port->device_id,
			      FAXPORT_NO_JOB);
	port->line.user->up = up;
	spin_unlock(&faxport_exchange_lock);
	/* Jobs that waited for a line may go now. */
	if (up)
		faxport_jobs_kick();
	return 0;
}

/* A caller or called number: "" or digits, '*', '#', '+'. */
static bool faxport_provider_number_valid(const char *number, size_t size)
{
	return faxport_string_terminated(number, size) &&
	       (!*number || faxport_number_valid(number));
}

static long faxport_provider_ring(struct faxport_port *port,
				  struct faxport_provider_ring __user *uarg)
{
	struct faxport_line *line = &port->line;
	struct faxport_user_line *user = line->user;
	struct faxport_provider_ring ring;
	long ret = 0;
	u32 call_id;

	if (copy_from_user(&ring, uarg, sizeof(ring)))
		return -EFAULT;
	if (ring.flags ||
	    !faxport_provider_number_valid(ring.caller_number,
					   sizeof(ring.caller_number)) ||
	    !faxport_provider_number_valid(ring.called_number,
					   sizeof(ring.called_number)) ||
	    !faxport_string_terminated(ring.caller_name,
				       sizeof(ring.caller_name)) ||
	    !faxport_text_valid(ring.caller_name))
		return -EINVAL;

	spin_lock(&faxport_exchange_lock);
	if (line->gone)
		ret = -ENODEV;
	else if (!faxport_user_has_line(port))
		ret = -ENETDOWN;
	else if (line->state != FAXPORT_LINE_IDLE)
		ret = -EBUSY;
	else if (!READ_ONCE(port->dsp_attached))
		ret = -EHOSTDOWN;
	if (ret) {
		spin_unlock(&faxport_exchange_lock);
		return ret;
	}
	line->state = FAXPORT_LINE_RINGING;
	line->caller = false;
	line->rings = 1;
	line->fail_state = 0;
	call_id = faxport_user_new_call(user);
	strscpy_pad(user->caller_number, ring.caller_number,
		    sizeof(user->caller_number));
	strscpy_pad(user->caller_name, ring.caller_name,
		    sizeof(user->caller_name));
	strscpy_pad(user->called_number, ring.called_number,
		    sizeof(user->called_number));
	faxport_line_event_cause(port, FAXPORT_LINE_EV_RING, 1, 0);
	faxport_event(FAXPORT_EV_RINGING, port->device_id, FAXPORT_NO_JOB);
	schedule_delayed_work(&line->ring_work, faxport_ring_delay());
	spin_unlock(&faxport_exchange_lock);
	/* The call rings whether or not the caller can read its id. */
	return put_user(call_id, &uarg->call_id) ? -EFAULT : 0;
}

/* Called with faxport_exchange_lock held: is @call_id the current call? */
static long faxport_provider_find_call(struct faxport_port *port, u32 call_id)
{
	lockdep_assert_held(&faxport_exchange_lock);
	if (port->line.gone)
		return -ENODEV;
	if (!call_id || call_id != port->line.user->call_id)
		return -ESRCH;
	return 0;
}

static long faxport_provider_progress(struct faxport_port *port,
				      struct faxport_provider_progress __user *uarg)
{
	struct faxport_provider_progress p;
	struct faxport_line *line = &port->line;
	long ret;

	if (copy_from_user(&p, uarg, sizeof(p)))
		return -EFAULT;
	if (p.flags || p.reserved ||
	    (p.progress != FAXPORT_PROGRESS_PROCEEDING &&
	     p.progress != FAXPORT_PROGRESS_RINGING))
		return -EINVAL;

	spin_lock(&faxport_exchange_lock);
	ret = faxport_provider_find_call(port, p.call_id);
	if (!ret && line->state != FAXPORT_LINE_DIALING)
		ret = -EINVAL;
	if (!ret && p.progress == FAXPORT_PROGRESS_RINGING)
		line->rings++;
	spin_unlock(&faxport_exchange_lock);
	return ret;
}

/* The FAXPORT_STATE_* a job that failed with a FAXPORT_CAUSE_* ends in. */
static u32 faxport_cause_state(u32 cause)
{
	switch (cause) {
	case FAXPORT_CAUSE_BUSY:
	case FAXPORT_CAUSE_CONGESTION:
	case FAXPORT_CAUSE_REJECTED:
		return FAXPORT_STATE_BUSY;
	case FAXPORT_CAUSE_BAD_ADDRESS:
		return FAXPORT_STATE_BAD_ADDRESS;
	case FAXPORT_CAUSE_NO_ANSWER:
		return FAXPORT_STATE_NO_ANSWER;
	case FAXPORT_CAUSE_NETWORK:
	case FAXPORT_CAUSE_NO_DIAL_TONE:
		return FAXPORT_STATE_NO_DIAL_TONE;
	}
	return 0;
}

static long faxport_provider_report(struct faxport_port *port,
				    unsigned int cmd,
				    struct faxport_provider_call __user *uarg)
{
	struct faxport_line *line = &port->line;
	struct faxport_provider_call call;
	u32 fail_state = 0;
	long ret;

	if (copy_from_user(&call, uarg, sizeof(call)))
		return -EFAULT;
	if (call.flags || call.reserved)
		return -EINVAL;
	if (cmd == FAXPORT_IOC_PROVIDER_FAILED) {
		fail_state = faxport_cause_state(call.cause);
		if (!fail_state)
			return -EINVAL;
	} else if (call.cause) {
		return -EINVAL;
	}

	spin_lock(&faxport_exchange_lock);
	ret = faxport_provider_find_call(port, call.call_id);
	if (ret)
		goto unlock;
	switch (cmd) {
	case FAXPORT_IOC_PROVIDER_ANSWERED:
		if (line->state != FAXPORT_LINE_DIALING) {
			ret = -EINVAL;
			break;
		}
		line->state = FAXPORT_LINE_CONNECTED;
		faxport_line_event_cause(port, FAXPORT_LINE_EV_ANSWERED, 0, 0);
		break;
	case FAXPORT_IOC_PROVIDER_FAILED:
		if (line->state != FAXPORT_LINE_DIALING) {
			ret = -EINVAL;
			break;
		}
		faxport_line_event_cause(port, FAXPORT_LINE_EV_NO_ANSWER, 0,
					 fail_state);
		faxport_line_clear_locked(port);
		line->fail_state = fail_state;
		break;
	default:	/* FAXPORT_IOC_PROVIDER_HANGUP */
		faxport_user_far_end_gone(port);
		break;
	}
unlock:
	spin_unlock(&faxport_exchange_lock);
	if (!ret && cmd != FAXPORT_IOC_PROVIDER_ANSWERED) {
		cancel_delayed_work(&line->ring_work);
		faxport_jobs_kick();
	}
	return ret;
}

/**
 * faxport_provider_ioctl() - the ioctls of an attached line provider
 * @port: the provider's port
 * @cmd: a FAXPORT_IOC_PROVIDER_* command
 * @uarg: its argument
 *
 * Return: 0 or a negative errno (see the uAPI header).
 */
long faxport_provider_ioctl(struct faxport_port *port, unsigned int cmd,
			    void __user *uarg)
{
	switch (cmd) {
	case FAXPORT_IOC_PROVIDER_EVENT:
		return faxport_provider_next_event(port, uarg);
	case FAXPORT_IOC_PROVIDER_LINE_UP:
		return faxport_provider_line(port, true);
	case FAXPORT_IOC_PROVIDER_LINE_DOWN:
		return faxport_provider_line(port, false);
	case FAXPORT_IOC_PROVIDER_RING:
		return faxport_provider_ring(port, uarg);
	case FAXPORT_IOC_PROVIDER_PROGRESS:
		return faxport_provider_progress(port, uarg);
	case FAXPORT_IOC_PROVIDER_ANSWERED:
	case FAXPORT_IOC_PROVIDER_FAILED:
	case FAXPORT_IOC_PROVIDER_HANGUP:
		return faxport_provider_report(port, cmd, uarg);
	}
	return -ENOTTY;
}

/* Wait condition: read under the lock, as the engine's. */
static bool faxport_provider_readable(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;
	bool ready;

	spin_lock(&faxport_exchange_lock);
	ready = READ_ONCE(port->dead) || line->state != FAXPORT_LINE_CONNECTED ||
		!kfifo_is_empty(&line->tx.samples);
	spin_unlock(&faxport_exchange_lock);
	return ready;
}

/**
 * faxport_provider_read() - the audio the engine wrote, for the far end
 * @port: the port
 * @buf: user buffer
 * @count: its size in bytes (a whole number of samples)
 * @nonblock: fail with -EAGAIN instead of waiting
 *
 * Return: bytes read (at least one sample), or a negative errno.
 */
ssize_t faxport_provider_read(struct faxport_port *port, char __user *buf,
			      size_t count, bool nonblock)
{
	size_t want = min_t(size_t, count / sizeof(s16),
			    FAXPORT_PROVIDER_IO_CHUNK);
	struct faxport_line *line = &port->line;
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
			spin_unlock(&faxport_exchange_lock);
			ret = -ENOTCONN;
			goto out;
		}
		got = kfifo_out(&line->tx.samples, samples, want);
		spin_unlock(&faxport_exchange_lock);
		if (got)
			break;
		if (nonblock) {
			ret = -EAGAIN;
			goto out;
		}
		if (wait_event_interruptible(port->wait,
					     faxport_provider_readable(port))) {
			ret = -ERESTARTSYS;
			goto out;
		}
		if (READ_ONCE(port->dead)) {
			ret = -ENODEV;
			goto out;
		}
	}
	/* The engine may be waiting for room in its transmit FIFO. */
	wake_up_all(&port->wait);
	ret = copy_to_user(buf, samples, got * sizeof(s16)) ? -EFAULT :
							     got * sizeof(s16);
out:
	kfree(samples);
	return ret;
}

/**
 * faxport_provider_write() - audio from the far end, for the engine
 * @port: the port
 * @buf: user buffer
 * @count: its size in bytes (a whole number of samples)
 *
 * Never waits: the provider is the clock, and an engine that has not read
 * the last second of audio loses the oldest of it.
 *
 * Return: bytes taken, or a negative errno.
 */
ssize_t faxport_provider_write(struct faxport_port *port,
			       const char __user *buf, size_t count)
{
	size_t want = min_t(size_t, count / sizeof(s16),
			    FAXPORT_PROVIDER_IO_CHUNK);
	struct faxport_line *line = &port->line;
	unsigned int room;
	s16 *samples;
	ssize_t ret;

	if (count % sizeof(s16))
		return -EINVAL;
	if (!want)
		return 0;
	samples = memdup_user(buf, want * sizeof(s16));
	if (IS_ERR(samples))
		return PTR_ERR(samples);
	spin_lock(&faxport_exchange_lock);
	if (line->state != FAXPORT_LINE_CONNECTED) {
		ret = -ENOTCONN;
	} else {
		for (room = kfifo_avail(&line->rx.samples); room < want; room++)
			kfifo_skip(&line->rx.samples);
		kfifo_in(&line->rx.samples, samples, want);
		ret = want * sizeof(s16);
		wake_up_all(&port->wait);
	}
	spin_unlock(&faxport_exchange_lock);
	kfree(samples);
	return ret;
}

/**
 * faxport_provider_poll() - readiness of an attached provider's file
 * @port: the port (not dead; the caller checked)
 *
 * Return: EPOLLPRI when a provider event waits; EPOLLIN while engine
 * audio waits and EPOLLOUT while a call is connected.
 */
__poll_t faxport_provider_poll(struct faxport_port *port)
{
	struct faxport_line *line = &port->line;
	__poll_t mask = 0;

	spin_lock(&faxport_exchange_lock);
	if (!kfifo_is_empty(&line->user->events))
		mask |= EPOLLPRI;
	if (line->state == FAXPORT_LINE_CONNECTED) {
		if (!kfifo_is_empty(&line->tx.samples))
			mask |= EPOLLIN | EPOLLRDNORM;
		mask |= EPOLLOUT | EPOLLWRNORM;
	}
	spin_unlock(&faxport_exchange_lock);
	return mask;
}

/**
 * faxport_user_line_call_get() - a user line's current call
 * @port: the port
 * @call: out: filled (the caller zeroed it)
 *
 * Called with faxport_exchange_lock held.
 */
void faxport_user_line_call_get(struct faxport_port *port,
				struct faxport_port_call *call)
{
	struct faxport_user_line *user = port->line.user;

	lockdep_assert_held(&faxport_exchange_lock);
	if (port->line.state == FAXPORT_LINE_IDLE)
		return;
	call->call_id = user->call_id;
	call->direction = port->line.caller ? FAXPORT_CALL_OUTGOING :
					      FAXPORT_CALL_INCOMING;
	memcpy(call->caller_number, user->caller_number,
	       sizeof(call->caller_number));
	memcpy(call->caller_name, user->caller_name,
	       sizeof(call->caller_name));
	memcpy(call->called_number, user->called_number,
	       sizeof(call->called_number));
}
