/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * faxport: the kernel/user contract of the Linux fax subsystem.
 *
 * /dev/faxport is the fax server: each open file is a server handle whose
 * rights are fixed when it is opened. /dev/faxportN are the ports: an open
 * file of one becomes a port handle (FAXPORT_IOC_PORT_BIND) or the port's
 * DSP engine (FAXPORT_IOC_DSP_ATTACH), never both.
 *
 * Every struct has the same layout on 32 and 64 bit, explicit padding that
 * must be zero, and flags whose unknown bits are rejected with -EINVAL.
 * Strings are UTF-8, NUL-terminated within their array; an unterminated one
 * is -EINVAL. Unknown ioctls fail with -ENOTTY, bad pointers with -EFAULT.
 * Documentation/uapi.rst describes every ioctl, error and event.
 *
 * Where the Win32 fax API defines a value (port flags, port states, access
 * rights, event ids), the uAPI uses the same number, so that libwinfax
 * passes it through unchanged.
 */
#ifndef _UAPI_LINUX_FAXPORT_H
#define _UAPI_LINUX_FAXPORT_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define FAXPORT_IOC_MAGIC	0xFA

/* The only uAPI version so far; new behaviour comes as new ioctls. */
#define FAXPORT_API_VERSION	1

/* Feature bits negotiated by FAXPORT_IOC_API. None are defined yet. */
#define FAXPORT_FEATURES_ALL	0ULL

/* Sizes of the string arrays, including the terminating NUL. */
#define FAXPORT_NAME_SIZE	64	/* a port's name */
#define FAXPORT_NUMBER_SIZE	32	/* a phone number on the exchange */
#define FAXPORT_IDENT_SIZE	32	/* T.30 station id (TSID/CSID): 20 chars */

/* Access rights of a handle: the FAX_* values of the Win32 API. */
#define FAXPORT_RIGHT_JOB_SUBMIT	0x0001
#define FAXPORT_RIGHT_JOB_QUERY		0x0002
#define FAXPORT_RIGHT_CONFIG_QUERY	0x0004
#define FAXPORT_RIGHT_CONFIG_SET	0x0008
#define FAXPORT_RIGHT_PORT_QUERY	0x0010
#define FAXPORT_RIGHT_PORT_SET		0x0020
#define FAXPORT_RIGHT_JOB_MANAGE	0x0040
#define FAXPORT_RIGHTS_ALL		0x007F

/* Port flags: the FPF_* values. Only RECEIVE and SEND can be set. */
#define FAXPORT_PORT_RECEIVE	0x0001
#define FAXPORT_PORT_SEND	0x0002
#define FAXPORT_PORT_VIRTUAL	0x0004

/* Port states: the FPS_* values (a port is in exactly one). */
#define FAXPORT_STATE_DIALING		0x20000001
#define FAXPORT_STATE_SENDING		0x20000002
#define FAXPORT_STATE_RECEIVING		0x20000004
#define FAXPORT_STATE_COMPLETED		0x20000008
#define FAXPORT_STATE_UNAVAILABLE	0x20000020
#define FAXPORT_STATE_BUSY		0x20000040
#define FAXPORT_STATE_NO_ANSWER		0x20000080
#define FAXPORT_STATE_BAD_ADDRESS	0x20000100
#define FAXPORT_STATE_DISCONNECTED	0x20000400
#define FAXPORT_STATE_FATAL_ERROR	0x20000800
#define FAXPORT_STATE_INITIALIZING	0x20008000
#define FAXPORT_STATE_OFFLINE		0x20010000
#define FAXPORT_STATE_RINGING		0x20020000
#define FAXPORT_STATE_AVAILABLE		0x20100000
#define FAXPORT_STATE_ABORTING		0x20200000
#define FAXPORT_STATE_ROUTING		0x20400000
#define FAXPORT_STATE_ANSWERED		0x20800000

/**
 * struct faxport_api - the handshake that opens every server handle
 * @version: in: the uAPI version the caller was built for, which must be
 *	%FAXPORT_API_VERSION; out: the same value.
 * @flags: in: must be 0.
 * @features: in: the feature bits the caller wants; out: every feature bit
 *	the running kernel offers, so a newer caller learns what is missing.
 *
 * The first ioctl on a server handle must be %FAXPORT_IOC_API; any other
 * known one fails with -EBADFD until it succeeded, and a second one fails
 * with -EBUSY. A version other than %FAXPORT_API_VERSION, nonzero @flags or
 * a requested feature the kernel lacks fail with -EINVAL (and still report
 * @features).
 */
struct faxport_api {
	__u32 version;
	__u32 flags;
	__aligned_u64 features;
};

/**
 * struct faxport_rights - what a server handle may do
 * @rights: out: the FAXPORT_RIGHT_* bits computed when it was opened.
 * @uid: out: the opener's uid (in the opener's user namespace), the owner
 *	of the jobs this handle submits.
 */
struct faxport_rights {
	__u32 rights;
	__u32 uid;
};

/**
 * struct faxport_port_info - a port as FaxGetPort and FaxEnumPorts see it
 * @device_id: the port's DeviceId, stable while the port exists and never
 *	reused for another port while the module is loaded.
 * @state: a FAXPORT_STATE_* value.
 * @flags: FAXPORT_PORT_* bits.
 * @rings: rings before an incoming call is answered.
 * @priority: the order in which idle ports take send jobs (1 first).
 * @line_type: a FAXPORT_LINE_* value.
 * @name: the port's name (the DeviceName).
 * @number: its phone number on the exchange.
 * @tsid: the transmitting station id sent with faxes.
 * @csid: the called station id answered with.
 */
struct faxport_port_info {
	__u32 device_id;
	__u32 state;
	__u32 flags;
	__u32 rings;
	__u32 priority;
	__u32 line_type;
	char name[FAXPORT_NAME_SIZE];
	char number[FAXPORT_NUMBER_SIZE];
	char tsid[FAXPORT_IDENT_SIZE];
	char csid[FAXPORT_IDENT_SIZE];
};

#define FAXPORT_LINE_LOOPBACK	1

/**
 * struct faxport_port_list - FaxEnumPorts
 * @count: in: how many entries @infos has room for; out: how many ports
 *	exist. When out > in, only the first in entries were written: call
 *	again with a larger array.
 * @info_size: in: sizeof(struct faxport_port_info) as the caller knows it;
 *	must be that size today (-EINVAL otherwise).
 * @infos: in: user pointer to an array of struct faxport_port_info, in
 *	DeviceId order. May be 0 when @count is 0.
 */
struct faxport_port_list {
	__u32 count;
	__u32 info_size;
	__aligned_u64 infos;
};

/**
 * struct faxport_port_add - create a port (needs CAP_NET_ADMIN)
 * @flags: in: must be 0.
 * @device_id: out: the new port's DeviceId; its node is /dev/faxport<id>.
 * @name: in: the port's name, or "" for "Loopback <id>".
 * @number: in: its phone number (digits, '*', '#', '+'), or "" for the
 *	DeviceId in decimal. A number another port has is -EEXIST.
 */
struct faxport_port_add {
	__u32 flags;
	__u32 device_id;
	char name[FAXPORT_NAME_SIZE];
	char number[FAXPORT_NUMBER_SIZE];
};

/**
 * struct faxport_port_remove - remove a port (needs CAP_NET_ADMIN)
 * @device_id: in: the port.
 * @flags: in: must be 0.
 *
 * Open handles of the port turn dead: every call fails with -ENODEV and
 * poll reports EPOLLHUP. A call in progress is hung up.
 */
struct faxport_port_remove {
	__u32 device_id;
	__u32 flags;
};

/* Ioctls of a server handle (/dev/faxport). */
#define FAXPORT_IOC_API		_IOWR(FAXPORT_IOC_MAGIC, 0x00, struct faxport_api)
#define FAXPORT_IOC_GET_RIGHTS	_IOR(FAXPORT_IOC_MAGIC, 0x01, struct faxport_rights)
#define FAXPORT_IOC_PORT_LIST	_IOWR(FAXPORT_IOC_MAGIC, 0x02, struct faxport_port_list)
#define FAXPORT_IOC_PORT_ADD	_IOWR(FAXPORT_IOC_MAGIC, 0x03, struct faxport_port_add)
#define FAXPORT_IOC_PORT_REMOVE	_IOW(FAXPORT_IOC_MAGIC, 0x04, struct faxport_port_remove)

/* Modes of FAXPORT_IOC_PORT_BIND: the PORT_OPEN_* values. */
#define FAXPORT_OPEN_QUERY	0x0001
#define FAXPORT_OPEN_MODIFY	0x0002

/**
 * struct faxport_port_bind - make an open port node a port handle
 * @server_fd: in: a server handle whose rights the port handle takes; it
 *	needs FAXPORT_RIGHT_PORT_QUERY (-EACCES otherwise).
 * @mode: in: %FAXPORT_OPEN_QUERY or %FAXPORT_OPEN_MODIFY. Only one MODIFY
 *	handle per port exists at a time (-EBUSY for a second).
 * @flags: in: must be 0.
 * @device_id: out: the port's DeviceId.
 *
 * An open port file is bound once: a second bind, or a bind of a file that
 * is the port's DSP engine, fails with -EBUSY. A @server_fd that is not a
 * server handle is -EBADF.
 */
struct faxport_port_bind {
	__s32 server_fd;
	__u32 mode;
	__u32 flags;
	__u32 device_id;
};

/**
 * struct faxport_port_config - FaxSetPort: what a MODIFY handle may change
 * @flags: in: FAXPORT_PORT_RECEIVE and FAXPORT_PORT_SEND only.
 * @rings: in: 1..99.
 * @priority: in: 1..the number of ports.
 * @reserved: in: must be 0.
 * @tsid: in: the new TSID (printable ASCII).
 * @csid: in: the new CSID (printable ASCII).
 *
 * Needs a MODIFY handle whose rights include FAXPORT_RIGHT_PORT_SET
 * (-EACCES otherwise); fails with -EBUSY while the port is in a call.
 */
struct faxport_port_config {
	__u32 flags;
	__u32 rings;
	__u32 priority;
	__u32 reserved;
	char tsid[FAXPORT_IDENT_SIZE];
	char csid[FAXPORT_IDENT_SIZE];
};

/* Ioctls of a port handle (/dev/faxportN after FAXPORT_IOC_PORT_BIND). */
#define FAXPORT_IOC_PORT_BIND	_IOWR(FAXPORT_IOC_MAGIC, 0x40, struct faxport_port_bind)
#define FAXPORT_IOC_PORT_GET	_IOR(FAXPORT_IOC_MAGIC, 0x41, struct faxport_port_info)
#define FAXPORT_IOC_PORT_SET	_IOW(FAXPORT_IOC_MAGIC, 0x42, struct faxport_port_config)

/* Clock modes of a DSP engine's audio. */
#define FAXPORT_CLOCK_REALTIME		0	/* 8000 samples/s, paced by the kernel */
#define FAXPORT_CLOCK_FREE_RUNNING	1	/* as fast as both ends exchange audio */

/**
 * struct faxport_dsp_attach - make an open port node the port's DSP engine
 * @version: in: %FAXPORT_API_VERSION.
 * @flags: in: must be 0.
 * @clock: in: a FAXPORT_CLOCK_* mode. A call runs free-running only when
 *	the engines at both ends asked for it, otherwise in real time.
 * @reserved: in: must be 0.
 *
 * Needs CAP_NET_ADMIN. One engine per port (-EBUSY for a second); the file
 * must not be a port handle (-EBUSY). From then on the file carries the
 * line: read() and write() move 8 kHz signed 16-bit native-endian PCM
 * (whole samples: an odd count is -EINVAL), poll() reports EPOLLIN/EPOLLOUT
 * for audio and EPOLLPRI when a line event waits, and the FAXPORT_IOC_LINE_*
 * ioctls control the call. Audio moves only while a call is connected;
 * otherwise read() and write() fail with -ENOTCONN. Closing the file hangs
 * up and detaches.
 */
struct faxport_dsp_attach {
	__u32 version;
	__u32 flags;
	__u32 clock;
	__u32 reserved;
};

/**
 * struct faxport_dial - go off hook and call a number on the exchange
 * @number: in: the number; the port that has it starts ringing.
 * @flags: in: must be 0.
 * @reserved: in: must be 0.
 *
 * Fails with -ENXIO when no port has the number, -EBUSY when that port is
 * in a call, ringing, or is the caller itself, -EISCONN when the caller is
 * not idle. On success the caller is dialing; %FAXPORT_LINE_EV_ANSWERED or
 * %FAXPORT_LINE_EV_NO_ANSWER follows.
 */
struct faxport_dial {
	char number[FAXPORT_NUMBER_SIZE];
	__u32 flags;
	__u32 reserved;
};

/* Line events, read by FAXPORT_IOC_LINE_EVENT. */
#define FAXPORT_LINE_EV_RING		1	/* incoming call; arg: ring count */
#define FAXPORT_LINE_EV_ANSWERED	2	/* the called port answered */
#define FAXPORT_LINE_EV_HANGUP		3	/* the far end hung up */
#define FAXPORT_LINE_EV_NO_ANSWER	4	/* nobody answered in time */
#define FAXPORT_LINE_EV_CALLER_GONE	5	/* a ringing call was abandoned */

/**
 * struct faxport_line_event - one line signal for the DSP engine
 * @seq: out: 1 for the engine's first event, then +1 per event. A gap
 *	means events were dropped (the queue holds 64; the oldest goes).
 * @type: out: a FAXPORT_LINE_EV_* value.
 * @arg: out: per type (the ring count for RING).
 * @timestamp_ns: out: CLOCK_MONOTONIC time of the event.
 *
 * FAXPORT_IOC_LINE_EVENT fails with -EAGAIN when no event waits.
 */
struct faxport_line_event {
	__u32 seq;
	__u32 type;
	__u32 arg;
	__u32 reserved;
	__aligned_u64 timestamp_ns;
};

/* Ioctls of a DSP engine (/dev/faxportN after FAXPORT_IOC_DSP_ATTACH). */
#define FAXPORT_IOC_DSP_ATTACH	_IOW(FAXPORT_IOC_MAGIC, 0x80, struct faxport_dsp_attach)
#define FAXPORT_IOC_LINE_DIAL	_IOW(FAXPORT_IOC_MAGIC, 0x81, struct faxport_dial)
#define FAXPORT_IOC_LINE_ANSWER	_IO(FAXPORT_IOC_MAGIC, 0x82)
#define FAXPORT_IOC_LINE_HANGUP	_IO(FAXPORT_IOC_MAGIC, 0x83)
#define FAXPORT_IOC_LINE_EVENT	_IOR(FAXPORT_IOC_MAGIC, 0x84, struct faxport_line_event)

#endif /* _UAPI_LINUX_FAXPORT_H */
