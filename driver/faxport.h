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

enum faxport_line_state {
	FAXPORT_LINE_IDLE,
	FAXPORT_LINE_DIALING,	/* we called, the far end rings */
	FAXPORT_LINE_RINGING,	/* we are called, not yet answered */
	FAXPORT_LINE_CONNECTED,
};

/**
 * struct faxport_line - a port's side of the loopback exchange
 *
 * Every field but @ring_work is protected by faxport_exchange_lock.
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
int faxport_port_create(const char *name, const char *number, u32 *device_id);
int faxport_port_remove(u32 device_id);
void faxport_port_remove_all(void);
int faxport_port_list(struct faxport_port_list *list);
struct faxport_port *faxport_port_get_by_number(const char *number);
void faxport_port_fill_info(struct faxport_port *port,
			    struct faxport_port_info *info);
bool faxport_number_valid(const char *number);
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
int faxport_line_init(struct faxport_port *port);
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
