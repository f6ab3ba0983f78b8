/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxport: shared definitions of the driver's parts.
 *
 * Lock order: faxport_jobs_lock, faxport_ports_lock, a port's lock,
 * faxport_exchange_lock, then the events' lock (the last two spinlocks).
 */
#ifndef FAXPORT_INTERNAL_H
#define FAXPORT_INTERNAL_H

#include <linux/cdev.h>
#include <linux/cred.h>
#include <linux/device.h>
#include <linux/kfifo.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/faxport.h>

#define FAXPORT_MAX_PORTS	FAXPORT_PORTS_MAX
#define FAXPORT_SAMPLE_RATE	8000
#define FAXPORT_LINE_EVENTS	64

extern struct class faxport_class;
extern dev_t faxport_devt;
extern struct mutex faxport_ports_lock;
extern spinlock_t faxport_exchange_lock;

/**
 * struct faxport_server_handle - one open file of /dev/faxport
 * @lock: serialises the handshake against parallel ioctls on the file
 * @negotiated: %FAXPORT_IOC_API succeeded; every other ioctl needs it
 * @features: the feature bits agreed in the handshake
 * @rights: FAXPORT_RIGHT_* bits, computed once at open from f_cred
 * @uid: the opener's uid, owner of what this handle submits
 */
struct faxport_server_handle {
	struct mutex lock; /* protects negotiated and features */
	bool negotiated;
	u64 features;
	u32 rights;
	kuid_t uid;
};

/* A named type, so that both directions' FIFOs can be passed around. */
struct faxport_audio_fifo {
	DECLARE_KFIFO_PTR(samples, s16);
};

struct faxport_port;

/**
 * struct faxport_line_ops - a line type: what carries a port's calls
 * @type: its FAXPORT_LINE_* value
 * @name: its name in sysfs
 * @free_running: calls may run free (an engine may ask for that clock)
 * @provider_clock: a line provider drains the engine's transmit FIFO
 *	itself: wake it when the engine writes
 * @ring: the ring work of a call to the port not yet answered
 * @dial: the engine dials @number (validated); 0 or a negative errno
 * @answer: the engine answers the ringing call; 0 or -ENOTCONN
 * @hangup: the engine hangs up, detaches, or the port is going
 * @has_line: can the port place and take calls now? Called with
 *	faxport_exchange_lock held.
 * @can_dial: may a send job to @number go out on the port?
 *
 * The engine side (attach, line events, audio FIFOs, job states) is the
 * same for every type; only the far end of a call differs.
 */
struct faxport_line_ops {
	u32 type;
	const char *name;
	bool free_running;
	bool provider_clock;
	work_func_t ring;
	long (*dial)(struct faxport_port *port, const char *number);
	long (*answer)(struct faxport_port *port);
	void (*hangup)(struct faxport_port *port);
	bool (*has_line)(struct faxport_port *port);
	bool (*can_dial)(struct faxport_port *port, const char *number);
};

extern const struct faxport_line_ops faxport_loopback_line_ops;
extern const struct faxport_line_ops faxport_user_line_ops;

#define FAXPORT_PROVIDER_EVENTS	64

/**
 * struct faxport_user_line - the line side of a user-line port
 *
 * Protected by faxport_exchange_lock.
 * @attached: a line provider is attached
 * @up: the provider reported its line up (and not down since)
 * @call_id: the current call, 0 when the line is idle
 * @next_call_id: the last call id given
 * @event_seq: sequence number of the last provider event queued
 * @caller_number: the current incoming call's caller, NUL-padded
 * @caller_name: the caller's name, NUL-padded
 * @called_number: the DID of an incoming call or the number dialled
 * @events: provider events not yet read
 */
struct faxport_user_line {
	bool attached;
	bool up;
	u32 call_id;
	u32 next_call_id;
	u32 event_seq;
	char caller_number[FAXPORT_NUMBER_SIZE];
	char caller_name[FAXPORT_NAME_SIZE];
	char called_number[FAXPORT_NUMBER_SIZE];
	DECLARE_KFIFO(events, struct faxport_provider_event,
		      FAXPORT_PROVIDER_EVENTS);
};

enum faxport_line_state {
	FAXPORT_LINE_IDLE,
	FAXPORT_LINE_DIALING,	/* we called, the far end rings */
	FAXPORT_LINE_RINGING,	/* we are called, not yet answered */
	FAXPORT_LINE_CONNECTED,
};

/**
 * struct faxport_line - a port's line: its call, as its engine sees it
 *
 * Every field but @ops, @user and @ring_work is protected by
 * faxport_exchange_lock; @ops and @user are set when the port is made.
 * @ops: the port's line type
 * @user: the line side of a user line, or NULL on the loopback exchange
 * @fail_state: the FAXPORT_STATE_* of a call that did not connect, as the
 *	line gave it, until the engine's job result takes it; or 0
 * @state: where the port is in a call
 * @peer: the other port of the call (a device reference is held)
 * @caller: this end dialed
 * @gone: the port was removed; nobody may call it any more
 * @free_running: the DSP engine asked for the free-running clock
 * @call_free_running: the current call runs free (both ends asked)
 * @rx: audio waiting for this port's DSP engine to read
 * @tx: audio this port's engine wrote, moved to @peer by the real-time clock
 * @clock_node: on the real-time clock's list while connected in real time
 * @clock_start: when the real-time call was connected
 * @clock_moved: samples the clock moved from @tx since @clock_start
 * @rings: rings so far of the current incoming or outgoing call
 * @ring_work: rings the port while a call to it is not answered
 * @events: line events not yet read by the engine
 * @event_seq: sequence number of the last event queued
 * @engine_state: the FAXPORT_STATE_* the engine reported, or 0
 * @idle_pending: the call ended while the engine still had a job on the
 *	port: %FAXPORT_EV_IDLE waits for that job's result
 * @noise_rms: RMS of the noise added to this end's audio, 0 for none
 * @noise_state: the noise generator's state
 */
struct faxport_line {
	const struct faxport_line_ops *ops;
	struct faxport_user_line *user;
	u32 fail_state;
	enum faxport_line_state state;
	struct faxport_port *peer;
	bool caller;
	bool gone;
	bool free_running;
	bool call_free_running;
	struct faxport_audio_fifo rx;
	struct faxport_audio_fifo tx;
	struct list_head clock_node;
	ktime_t clock_start;
	u64 clock_moved;
	u32 rings;
	struct delayed_work ring_work;
	DECLARE_KFIFO(events, struct faxport_line_event, FAXPORT_LINE_EVENTS);
	u32 event_seq;
	u32 engine_state;
	bool idle_pending;
	u32 noise_rms;
	u32 noise_state;
};

/**
 * struct faxport_port_routing - one routing method's state on one port
 * @enabled: the engine applies the method to faxes the port receives
 * @configured: set through FAXPORT_IOC_ROUTING_SET since the port was made
 * @info: the routing info (a folder, a command line), NUL-terminated
 */
struct faxport_port_routing {
	bool enabled;
	bool configured;
	char info[FAXPORT_ROUTING_INFO_SIZE];
};

/**
 * struct faxport_port - a fax port, alive while its device has references
 * @dev: the device of /dev/faxport<id>; its release frees the port
 * @cdev: the char device, parented to @dev so open files pin the port
 * @device_id: the DeviceId
 * @lock: protects the fields below it
 * @dead: removed: every operation fails with -ENODEV
 * @modify_open: a MODIFY port handle exists
 * @dsp_attached: a DSP engine is attached
 * @engine_takes_no_jobs: that engine attached with FAXPORT_ATTACH_NO_JOBS
 * @name: the port's name (the DeviceName)
 * @number: its phone number on the exchange
 * @tsid: the station id it sends
 * @csid: the station id it answers with
 * @flags: FAXPORT_PORT_* bits
 * @rings: rings before an incoming call is answered
 * @priority: the order in which idle ports take send jobs (1 first)
 * @routing: each routing method's state, indexed as routing.c's table
 * @wait: woken on audio, line events, and removal
 * @line: the port's side of the exchange
 * @job: the job assigned to the port (under faxport_jobs_lock), or NULL
 *
 * @name, @number, @tsid and @csid are NUL-padded to their whole size (the
 * port is zeroed when created, PORT_SET pads), so that FaxGetPort copies
 * them whole, with no stale bytes of an earlier value.
 */
struct faxport_port {
	struct device dev;
	struct cdev cdev;
	u32 device_id;

	struct mutex lock; /* protects the fields below */
	bool dead;
	bool modify_open;
	bool dsp_attached;
	bool engine_takes_no_jobs;
	char name[FAXPORT_NAME_SIZE];
	char number[FAXPORT_NUMBER_SIZE];
	char tsid[FAXPORT_IDENT_SIZE];
	char csid[FAXPORT_IDENT_SIZE];
	u32 flags;
	u32 rings;
	u32 priority;
	struct faxport_port_routing routing[FAXPORT_ROUTING_METHODS];

	wait_queue_head_t wait;
	struct faxport_line line;
	struct faxport_job *job;
};

static inline struct faxport_port *to_faxport_port(struct device *dev)
{
	return container_of(dev, struct faxport_port, dev);
}

enum faxport_port_file_kind {
	FAXPORT_FILE_UNBOUND,
	FAXPORT_FILE_HANDLE,	/* FaxOpenPort: FAXPORT_IOC_PORT_BIND */
	FAXPORT_FILE_DSP,	/* the DSP engine: FAXPORT_IOC_DSP_ATTACH */
	FAXPORT_FILE_LINE,	/* a user line's provider: FAXPORT_IOC_LINE_ATTACH */
};

/**
 * struct faxport_port_file - one open file of /dev/faxport<id>
 * @port: the port (a device reference is held)
 * @lock: serialises bind and attach on this file
 * @kind: what the file became
 * @mode: FAXPORT_OPEN_* of a port handle
 * @rights: rights taken from the server handle at bind
 */
struct faxport_port_file {
	struct faxport_port *port;
	struct mutex lock; /* protects kind, mode and rights */
	enum faxport_port_file_kind kind;
	u32 mode;
	u32 rights;
};

struct faxport_job;

/* rights.c */
u32 faxport_rights_for(const struct cred *cred);

/* server.c */
extern const struct file_operations faxport_server_fops;
struct faxport_server_handle *faxport_server_handle_get(struct file *file);

/* port.c */
extern const struct file_operations faxport_port_fops;
int faxport_port_create(const char *name, const char *number, bool user_line,
			u32 *device_id);
int faxport_port_remove(u32 device_id);
void faxport_port_remove_all(void);
int faxport_port_list(struct faxport_port_list *list);
struct faxport_port *faxport_port_get_by_number(const char *number);
void faxport_port_fill_info(struct faxport_port *port,
			    struct faxport_port_info *info);
bool faxport_number_valid(const char *number);
bool faxport_dial_string_valid(const char *dial);
void faxport_dial_digits(const char *dial, char *digits, size_t size);
bool faxport_ident_valid(const char *ident);
bool faxport_text_valid(const char *text);
struct faxport_port *faxport_port_pick_sender(const char *recipient,
					      bool *any_idle);
bool faxport_string_terminated(const char *s, size_t size);

/* routing.c */
void faxport_routing_port_init(struct faxport_port *port);
long faxport_routing_port_ioctl(struct faxport_port_file *pf,
				unsigned int cmd, void __user *uarg);
long faxport_routing_server_ioctl(struct faxport_server_handle *srv,
				  unsigned int cmd, void __user *uarg);

/* exchange.c */
int faxport_line_init(struct faxport_port *port, bool user_line);
void faxport_line_free(struct faxport_port *port);
u32 faxport_line_port_state(struct faxport_port *port);
bool faxport_line_busy(struct faxport_port *port);
void faxport_line_hangup(struct faxport_port *port);
void faxport_line_detach(struct faxport_port *port);
void faxport_exchange_exit(void);
void faxport_line_notify(struct faxport_port *port, u32 type, u32 arg);
void faxport_line_set_engine_state(struct faxport_port *port, u32 state);
long faxport_dsp_attach(struct faxport_port_file *pf,
			const struct faxport_dsp_attach __user *uarg,
			struct file *file);
long faxport_dsp_ioctl(struct faxport_port_file *pf, struct file *file,
		       unsigned int cmd, void __user *uarg);
ssize_t faxport_dsp_read(struct faxport_port *port, char __user *buf,
			 size_t count, bool nonblock);
ssize_t faxport_dsp_write(struct faxport_port *port, const char __user *buf,
			  size_t count, bool nonblock);
__poll_t faxport_dsp_poll(struct faxport_port *port);
void faxport_line_event_cause(struct faxport_port *port, u32 type, u32 arg,
			      u32 cause);
void faxport_line_clear_locked(struct faxport_port *port);
unsigned long faxport_ring_delay(void);
unsigned int faxport_max_rings(void);
bool faxport_line_has_line(struct faxport_port *port);
bool faxport_line_can_dial(struct faxport_port *port, const char *number);
u32 faxport_line_job_result(struct faxport_port *port, u32 state);
long faxport_line_call_get(struct faxport_port *port,
			   struct faxport_port_call __user *uarg);

/* line_user.c */
int faxport_user_line_init(struct faxport_port *port);
void faxport_user_line_free(struct faxport_port *port);
long faxport_line_attach(struct faxport_port_file *pf,
			 const struct faxport_line_attach __user *uarg,
			 struct file *file);
void faxport_provider_detach(struct faxport_port *port);
long faxport_provider_ioctl(struct faxport_port *port, unsigned int cmd,
			    void __user *uarg);
ssize_t faxport_provider_read(struct faxport_port *port, char __user *buf,
			      size_t count, bool nonblock);
ssize_t faxport_provider_write(struct faxport_port *port,
			       const char __user *buf, size_t count);
__poll_t faxport_provider_poll(struct faxport_port *port);
void faxport_user_line_call_get(struct faxport_port *port,
				struct faxport_port_call *call);

/* impair.c */
void faxport_impair_call_start(struct faxport_line *a, struct faxport_line *b);
void faxport_impair_audio(struct faxport_line *from, s16 *samples,
			  unsigned int n);

/* objects.c: live counts for leak checks */
enum faxport_object_kind {
	FAXPORT_OBJECT_SERVER_HANDLE,
	FAXPORT_OBJECT_PORT_FILE,
	FAXPORT_OBJECT_PORT,
	FAXPORT_OBJECT_JOB,
	FAXPORT_OBJECT_KINDS
};

extern atomic_t faxport_live_objects[FAXPORT_OBJECT_KINDS];

static inline void faxport_object_born(enum faxport_object_kind kind)
{
	atomic_inc(&faxport_live_objects[kind]);
}

static inline void faxport_object_gone(enum faxport_object_kind kind)
{
	atomic_dec(&faxport_live_objects[kind]);
}

void faxport_objects_init(void);
void faxport_objects_exit(void);

/* events.c */
void faxport_event(u32 event_id, u32 device_id, u32 job_id);
void faxport_config_event(u32 changed);
int faxport_events_init(void);
void faxport_events_exit(void);

/* config.c */
void faxport_config_read(struct faxport_config *cfg);
long faxport_config_ioctl(struct faxport_server_handle *srv, unsigned int cmd,
			  void __user *uarg);

/* jobs.c */
void faxport_jobs_kick(void);
long faxport_jobs_ioctl(struct faxport_server_handle *srv, struct file *file,
			unsigned int cmd, void __user *uarg);
long faxport_jobs_engine_ioctl(struct faxport_port *port, struct file *file,
			       unsigned int cmd, void __user *uarg);
void faxport_jobs_port_released(struct faxport_port *port);
bool faxport_port_has_job(struct faxport_port *port);
void faxport_jobs_exit(void);

#endif /* FAXPORT_INTERNAL_H */
