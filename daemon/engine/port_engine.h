/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_port: one fax port as its DSP engine sees it. It attaches to
 * /dev/faxportN (FAXPORT_IOC_DSP_ATTACH), follows the line events, pumps the
 * audio between the kernel and a fax_call, and ends every call with exactly
 * one report. faxd (all ports, receive policy, jobs) and faxdial (one port,
 * one send) are both built on it, so the send path they run is the same code.
 *
 * Line states: IDLE -> RINGING -> (faxd_port_answer) IN_CALL, or
 * IDLE -> (faxd_port_send) DIALING -> IN_CALL; IN_CALL -> LINGER (the fax
 * call is over, its last audio is still on its way) -> IDLE. A dropped line
 * or an abort goes straight to IDLE.
 */
#ifndef FAXD_ENGINE_PORT_ENGINE_H
#define FAXD_ENGINE_PORT_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "../t30/fax_call.h"
#include "loop.h"

struct faxd_port;

/* How the line part of a call went; the fax part is in the fax_call result. */
enum faxd_line_outcome {
	FAXD_LINE_CONNECTED,	/* the call was connected: the result says how the fax went */
	FAXD_LINE_NOT_DIALED,	/* the document was unusable (see result.outcome): nothing dialled */
	FAXD_LINE_BAD_ADDRESS,	/* no line has that number */
	FAXD_LINE_BUSY,		/* the called line is busy */
	FAXD_LINE_NO_ANSWER,	/* it rang out, or the far end went away before answering */
	FAXD_LINE_NO_DIAL_TONE,	/* the line or its network failed (a SIP trunk down, 503) */
	FAXD_LINE_ABORTED,	/* aborted before the call was connected */
	FAXD_LINE_ERROR,	/* the dial failed otherwise, or the port went away (line_errno) */
};

struct faxd_call_report {
	enum fax_call_role role;
	enum faxd_line_outcome line;
	int line_errno;			/* for FAXD_LINE_ERROR */
	/* The fax call's result; its outcome is FAX_CALL_IN_PROGRESS if no fax call ran. */
	struct fax_call_result result;
	bool negotiated;
	struct fax_call_negotiation negotiation;	/* valid if negotiated */
	int64_t started_realtime_ns;	/* CLOCK_REALTIME when the call was dialled or answered */
	double wall_seconds;		/* from then to the report */
};

/* Who started a call learns of its progress and its end. */
struct faxd_call_observer {
	/* Every fax_call event (not RESULT: that one is on_done). May be NULL. */
	void (*on_event)(struct faxd_port *port, const struct fax_call_event *event,
			 void *user_data);
	/*
	 * Exactly once per accepted call, from the event loop (never from inside
	 * faxd_port_send or faxd_port_answer). The port is idle again: this
	 * may start the next call, or close the port.
	 */
	void (*on_done)(struct faxd_port *port, const struct faxd_call_report *report,
			void *user_data);
	void *user_data;
};

/* What the port's owner hears about; every member may be NULL. */
struct faxd_port_handlers {
	/* An incoming call rings (@rings: how often so far); answer with faxd_port_answer(). */
	void (*on_ring)(struct faxd_port *port, unsigned int rings, void *owner);
	/*
	 * The kernel assigned a send job to this port (FAXPORT_LINE_EV_JOB).
	 * An owner without it attaches with FAXPORT_ATTACH_NO_JOBS: the queue
	 * gives the port no jobs.
	 */
	void (*on_job)(struct faxd_port *port, uint32_t job_id, void *owner);
	/* A job of this port was deleted (FAXPORT_LINE_EV_ABORT). */
	void (*on_job_abort)(struct faxd_port *port, uint32_t job_id, void *owner);
	/* The port went away (removed): the owner should faxd_port_close() it. */
	void (*on_lost)(struct faxd_port *port, void *owner);
};

/* Wall-clock bounds that the audio-based fax_call deadlines cannot give. */
struct faxd_port_limits {
	/* From dialling to the answer; 0: only the exchange's own ring limit. */
	unsigned int dial_timeout_s;
	/*
	 * Connected but no audio arrives (a stalled free-running peer): the
	 * line counts as dropped after this long. 0: 30 s.
	 */
	unsigned int stall_timeout_s;
};

/*
 * Attach to /dev/faxport@device_id as DSP engine with @clock
 * (FAXPORT_CLOCK_*). Returns 0 and the port in @port_out, or a negative
 * errno (-ENOENT no such port; the attach ioctl's: -EBUSY another engine is
 * attached, -EPERM no CAP_NET_ADMIN).
 */
int faxd_port_open(struct faxd_loop *loop, uint32_t device_id,
		   unsigned int clock, const struct faxd_port_limits *limits,
		   const struct faxd_port_handlers *handlers, void *owner,
		   struct faxd_port **port_out);

/*
 * Detach: a call in progress is aborted and reported first. The memory goes
 * after the current batch of events; do not use the port afterwards.
 */
void faxd_port_close(struct faxd_port *port);

/*
 * Send the document behind @document_fd (copied at once: the caller may
 * close it on return) to @number. @options are the fax_call options (its
 * on_event/user_data are the port's). Returns 0 when the call was started,
 * and @observer->on_done will follow; -EBUSY if the port is not idle,
 * -EINVAL or -ENOMEM otherwise (no report then).
 */
int faxd_port_send(struct faxd_port *port, const char *number, int document_fd,
		   const struct fax_call_options *options,
		   const struct faxd_call_observer *observer);

/*
 * Answer the ringing call and receive into @output_path (created now, must
 * not exist). Returns 0 (on_done follows), -ENOTCONN if the line is not
 * ringing (any more), -EIO if the output cannot be created, or another
 * negative errno; nothing was answered then.
 */
int faxd_port_answer(struct faxd_port *port, const char *output_path,
		     const struct fax_call_options *options,
		     const struct faxd_call_observer *observer);

/*
 * A call whose audio is the owner's own modem rather than a fax_call (the
 * Class 1 modem of faxport-modem): the port paces it exactly like a fax call.
 * rx, tx and finished run from the event loop; connected runs from the loop
 * when dialling and inside faxd_port_answer_audio when answering. The
 * report of such a call has no fax result (FAX_CALL_IN_PROGRESS).
 */
struct faxd_port_audio {
	/* The far end answered, or we did: audio flows from now on. May be NULL. */
	void (*connected)(void *modem);
	void (*rx)(void *modem, int16_t *samples, int count);
	/* Exactly @count samples: silence when the modem has nothing to send. */
	void (*tx)(void *modem, int16_t *samples, int count);
	/* True once the modem wants to hang up: its last audio drains first. */
	bool (*finished)(void *modem);
	void *modem;
};

/*
 * Dial @number for @audio's modem. Returns 0 when started (@observer->on_done
 * follows, as for faxd_port_send), -EBUSY if the port is not idle, -EINVAL
 * for an empty or too long number or incomplete @audio.
 */
int faxd_port_dial(struct faxd_port *port, const char *number,
		   const struct faxd_port_audio *audio, const struct faxd_call_observer *observer);

/* Answer the ringing call for @audio's modem; returns like faxd_port_answer. */
int faxd_port_answer_audio(struct faxd_port *port, const struct faxd_port_audio *audio,
			   const struct faxd_call_observer *observer);

/* End the call in progress or the dial now (on_done follows at once). */
void faxd_port_abort(struct faxd_port *port);

/* Once a second: the wall-clock bounds. */
void faxd_port_tick(struct faxd_port *port);

bool faxd_port_is_idle(const struct faxd_port *port);
/* Idle and not ringing: faxd_port_send would start a call now. */
bool faxd_port_can_dial(const struct faxd_port *port);
/* True while a call is dialled, connected or finishing (not ringing). */
bool faxd_port_in_call(const struct faxd_port *port);
uint32_t faxd_port_device_id(const struct faxd_port *port);
unsigned int faxd_port_clock(const struct faxd_port *port);
/* The engine's fd, for the job ioctls. */
int faxd_port_fd(const struct faxd_port *port);

const char *faxd_line_outcome_name(enum faxd_line_outcome line);

#endif
