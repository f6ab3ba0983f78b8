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
 * Strings are UTF-8, NUL-terminated within their array; an unterminated one,
 * invalid UTF-8 or a control character in free text is -EINVAL. Unknown
 * ioctls fail with -ENOTTY, bad pointers with -EFAULT.
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

/* Limits. */
#define FAXPORT_PORTS_MAX	4095	/* ports at once; also the top priority */
#define FAXPORT_RINGS_MAX	99
#define FAXPORT_JOBS_MAX	4096	/* jobs queued at once */

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
#define FAXPORT_STATE_NO_DIAL_TONE	0x20000200
#define FAXPORT_STATE_DISCONNECTED	0x20000400
#define FAXPORT_STATE_FATAL_ERROR	0x20000800
#define FAXPORT_STATE_NOT_FAX_CALL	0x20001000
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

/* Line types (struct faxport_port_info.line_type), fixed when a port is made. */
#define FAXPORT_LINE_LOOPBACK	1	/* the loopback exchange */
#define FAXPORT_LINE_USER	2	/* a line provider process carries the calls */

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

/* struct faxport_port_add.flags */
#define FAXPORT_PORT_ADD_USER_LINE	0x0001	/* a user line, not the loopback exchange */

/**
 * struct faxport_port_add - create a port (needs CAP_NET_ADMIN)
 * @flags: in: 0 for a port on the loopback exchange, or
 *	%FAXPORT_PORT_ADD_USER_LINE for a port whose line a line provider
 *	carries (%FAXPORT_IOC_LINE_ATTACH). Other bits: -EINVAL.
 * @device_id: out: the new port's DeviceId; its node is /dev/faxport<id>.
 * @name: in: the port's name, or "" for "Loopback <id>" ("Line <id>" for
 *	a user line).
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

/* String sizes of job parameters, including the NUL. */
#define FAXPORT_JOB_STRING_SIZE	128
#define FAXPORT_PATH_SIZE	256

/* Job types: the JT_* values. */
#define FAXPORT_JOB_SEND		1
#define FAXPORT_JOB_RECEIVE		2

/* Queue status bits: the JS_* values. */
#define FAXPORT_JS_PENDING		0x00
#define FAXPORT_JS_INPROGRESS		0x01
#define FAXPORT_JS_DELETING		0x02
#define FAXPORT_JS_FAILED		0x04
#define FAXPORT_JS_PAUSED		0x08
#define FAXPORT_JS_NOLINE		0x10
#define FAXPORT_JS_RETRYING		0x20
#define FAXPORT_JS_RETRIES_EXCEEDED	0x40

/* Schedule actions (JSA_*) and delivery reports (DRT_*). */
#define FAXPORT_SCHEDULE_NOW		0
#define FAXPORT_SCHEDULE_AT		1
#define FAXPORT_SCHEDULE_DISCOUNT	2
#define FAXPORT_REPORT_NONE		0
#define FAXPORT_REPORT_EMAIL		1
#define FAXPORT_REPORT_INBOX		2

/**
 * struct faxport_job_param - what FaxSendDocument says about a fax
 * @schedule_action: a FAXPORT_SCHEDULE_* value.
 * @delivery_report_type: FAXPORT_REPORT_NONE, or FAXPORT_REPORT_EMAIL
 *	with a @delivery_report_address (the engine mails a report when the
 *	job ends for good). FAXPORT_REPORT_INBOX (Windows' MAPI inbox) has
 *	nothing to deliver it here: -EINVAL, like any other value.
 * @schedule_time_ns: for %FAXPORT_SCHEDULE_AT: CLOCK_REALTIME nanoseconds
 *	(UTC) when the fax may go; 0 otherwise.
 * @recipient_number: the dial string to call, kept as written: digits,
 *	'*', '#', '+', pauses and waits (',', 'W', 'T', 'P', '!') and the
 *	canonical form's separators; must dial something.
 * @recipient_name: free text, like every string below except @tsid.
 * @tsid: the station id to send, or "" for the port's (printable ASCII,
 *	at most 20 characters).
 * @sender_name: sender.
 * @sender_company: sender's company.
 * @sender_dept: sender's department.
 * @billing_code: billing code.
 * @delivery_report_address: where a delivery report goes.
 * @document_name: a name for the document (shown in queues).
 */
struct faxport_job_param {
	__u32 schedule_action;
	__u32 delivery_report_type;
	__aligned_u64 schedule_time_ns;
	char recipient_number[FAXPORT_NUMBER_SIZE];
	char recipient_name[FAXPORT_JOB_STRING_SIZE];
	char tsid[FAXPORT_IDENT_SIZE];
	char sender_name[FAXPORT_JOB_STRING_SIZE];
	char sender_company[FAXPORT_JOB_STRING_SIZE];
	char sender_dept[FAXPORT_JOB_STRING_SIZE];
	char billing_code[FAXPORT_JOB_STRING_SIZE];
	char delivery_report_address[FAXPORT_JOB_STRING_SIZE];
	char document_name[FAXPORT_JOB_STRING_SIZE];
};

/**
 * struct faxport_job_submit - FaxSendDocument: queue a fax
 * @document_fd: in: a regular file opened for reading by the client, with
 *	the client's own permissions. The kernel keeps a reference to that
 *	open file and hands it to the DSP engine; nobody opens a path on the
 *	client's behalf. Not a regular file or not readable: -EBADF.
 * @flags: in: must be 0.
 * @job_id: out: the new job's id (never 0, not reused while loaded).
 * @page_count: in: the document's pages as the client counted them, or 0
 *	if it did not count; the job's total_pages until the engine reports
 *	its own count (at most 100000, else -EINVAL).
 * @param: in: the job's parameters.
 *
 * Needs FAXPORT_RIGHT_JOB_SUBMIT (-EACCES). The queue holds at most 4096
 * jobs (-ENOSPC), and one user's send jobs at most the module parameter
 * user_job_limit unless the handle has FAXPORT_RIGHT_JOB_MANAGE (-EDQUOT).
 * A schedule more than job_max_days ahead: -EINVAL. Returns at once: the
 * job is sent by a DSP engine later.
 */
struct faxport_job_submit {
	__s32 document_fd;
	__u32 flags;
	__u32 job_id;
	__u32 page_count;
	struct faxport_job_param param;
};

/**
 * struct faxport_job_info - a job as FaxGetJob and FaxEnumJobs see it
 * @job_id: the job.
 * @owner_uid: who submitted it (in the reader's user namespace).
 * @job_type: a FAXPORT_JOB_* type.
 * @queue_status: FAXPORT_JS_* bits.
 * @state: a FAXPORT_STATE_* value: the port's while on a port; while a
 *	send job waits after a failed attempt (to retry, or failed for good),
 *	that attempt's outcome (BUSY, NO_ANSWER, ...); else 0.
 * @device_id: the port it is on, or 0.
 * @size: the document's size in bytes.
 * @page_count: pages known so far (sent or received).
 * @total_pages: pages of the document, when the engine knows them.
 * @current_page: the page on the line now.
 * @retries_left: attempts left after the current one.
 * @t30_code: the last T.30 completion code the engine reported.
 * @reserved: 0.
 * @submitted_ns: CLOCK_REALTIME ns of the submission.
 * @started_ns: CLOCK_REALTIME ns when the current attempt started, or 0.
 * @next_try_ns: CLOCK_REALTIME ns of the next attempt (retry or schedule).
 * @remote_id: the far end's station id, once known.
 * @param: the parameters it was submitted with.
 */
struct faxport_job_info {
	__u32 job_id;
	__u32 owner_uid;
	__u32 job_type;
	__u32 queue_status;
	__u32 state;
	__u32 device_id;
	__aligned_u64 size;
	__u32 page_count;
	__u32 total_pages;
	__u32 current_page;
	__u32 retries_left;
	__u32 t30_code;
	__u32 reserved;
	__aligned_u64 submitted_ns;
	__aligned_u64 started_ns;
	__aligned_u64 next_try_ns;
	char remote_id[FAXPORT_IDENT_SIZE];
	struct faxport_job_param param;
};

/**
 * struct faxport_job_list - FaxEnumJobs
 * @count: in: room in @infos; out: jobs visible to this handle (all jobs
 *	with FAXPORT_RIGHT_JOB_QUERY, else the caller's own).
 * @info_size: in: sizeof(struct faxport_job_info) (-EINVAL otherwise).
 * @infos: in: user pointer to the array, filled in job id order.
 */
struct faxport_job_list {
	__u32 count;
	__u32 info_size;
	__aligned_u64 infos;
};

/**
 * struct faxport_job_get - FaxGetJob
 * @job_id: in: the job; unknown, or not visible to this handle: -ENOENT.
 * @reserved: in: must be 0.
 * @info: out: the job.
 */
struct faxport_job_get {
	__u32 job_id;
	__u32 reserved;
	struct faxport_job_info info;
};

/**
 * struct faxport_job_document - FaxGetPageData: read a queued document
 * @job_id: in: a send job (-ENOENT if unknown or not visible).
 * @flags: in: must be 0.
 * @document_fd: out: a new O_CLOEXEC fd of the document as submitted
 *	(the same open file: read it with pread()).
 * @reserved: in: must be 0.
 *
 * Only the job's owner and handles with FAXPORT_RIGHT_JOB_MANAGE may read
 * a document (-EACCES): a fax's content is more private than its status.
 */
struct faxport_job_document {
	__u32 job_id;
	__u32 flags;
	__s32 document_fd;
	__u32 reserved;
};

/* Job commands: the JC_* values. */
#define FAXPORT_JC_DELETE	1	/* FaxAbort too: ends an active call */
#define FAXPORT_JC_PAUSE	2
#define FAXPORT_JC_RESUME	3	/* also restarts a failed job */

/**
 * struct faxport_job_control - FaxSetJob and FaxAbort
 * @job_id: in: the job (-ENOENT if unknown).
 * @command: in: a FAXPORT_JC_* value (-EINVAL otherwise).
 *
 * Allowed for the job's owner and for handles with FAXPORT_RIGHT_JOB_MANAGE
 * (-EACCES otherwise). Pausing a job on the line lets its call go on: if
 * it comes back to the queue it waits there paused. Pausing or resuming a
 * receive job is -EBUSY. Deleting a job on the line asks its engine to hang
 * up; the job goes when it has.
 */
struct faxport_job_control {
	__u32 job_id;
	__u32 command;
};

/**
 * struct faxport_config - FAX_CONFIGURATION, the server's settings
 * @retries: attempts after the first that failed (0..99).
 * @retry_delay_min: minutes between attempts (0..1440).
 * @dirty_days: days a failed job stays queued before it is removed (0..365).
 * @branding: 0 or 1: the engine prints a header line on pages.
 * @use_device_tsid: 0 or 1: the port's TSID instead of the job's.
 * @server_cp: 0 or 1: clients may send the server's common cover pages
 *	only (libwinfax refuses a personal one).
 * @pause_server_queue: 0 or 1: no job is dispatched while set.
 * @start_cheap_min: discount period start, minutes after midnight UTC.
 * @stop_cheap_min: discount period end, minutes after midnight UTC.
 * @archive_outgoing: 0 or 1: the engine archives sent faxes.
 * @reserved: in: must be 0.
 * @archive_dir: where they go (an absolute path, or ""); like every name,
 *	no control characters or bidi overrides (-EINVAL).
 *
 * FAXPORT_IOC_CONFIG_GET needs FAXPORT_RIGHT_CONFIG_QUERY, _SET needs
 * FAXPORT_RIGHT_CONFIG_SET (-EACCES); a value out of range is -EINVAL.
 */
struct faxport_config {
	__u32 retries;
	__u32 retry_delay_min;
	__u32 dirty_days;
	__u32 branding;
	__u32 use_device_tsid;
	__u32 server_cp;
	__u32 pause_server_queue;
	__u32 start_cheap_min;
	__u32 stop_cheap_min;
	__u32 archive_outgoing;
	__u32 reserved[2];
	char archive_dir[FAXPORT_PATH_SIZE];
};

/* Logging categories (FAXLOG_CATEGORY_*) and levels (FAXLOG_LEVEL_*). */
#define FAXPORT_LOG_CATEGORIES	4
#define FAXPORT_LOG_LEVEL_MAX	3

/**
 * struct faxport_logging - FaxGet/SetLoggingCategories
 * @level: the level (0..%FAXPORT_LOG_LEVEL_MAX) of category i + 1
 *	(init, outbound, inbound, unknown).
 *
 * Same rights as struct faxport_config; the engine reads the levels.
 */
struct faxport_logging {
	__u32 level[FAXPORT_LOG_CATEGORIES];
};

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
 * @rings: in: 1..%FAXPORT_RINGS_MAX.
 * @priority: in: 1..%FAXPORT_PORTS_MAX.
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

/*
 * Routing: what the DSP engine does with a fax it received. The kernel
 * knows the routing methods (their GUIDs and names), keeps each port's
 * state of each method and the server's priority order of the methods; the
 * DSP engine reads that state and applies it. Unknown GUIDs are -ENOENT.
 */
#define FAXPORT_ROUTING_NAME_SIZE	64	/* a method's names, with the NUL */
#define FAXPORT_ROUTING_INFO_SIZE	256	/* a method's routing info */

/*
 * The methods. Their GUIDs, as the Win32 string form, are:
 * store in a folder: {92041a90-9af2-11d0-abf7-00c04fd91a4e} (the GUID
 *	Windows gives its own "store in a folder" method); routing info: the
 *	folder, an absolute path, or "" for the engine's default folder.
 *	Enabled on a new port.
 * run a command: {180487c0-e046-4c22-9248-4a7b57b70253}; routing info:
 *	the name of a command the engine's root-owned configuration defines
 *	(faxd.conf "route_command NAME = ..."): a letter or digit, then
 *	letters, digits, '.', '_' or '-', shorter than
 *	%FAXPORT_ROUTING_COMMAND_NAME_SIZE; or "" for the engine's default
 *	command. Anything else (a path, a command line) is -EINVAL: holding
 *	FAX_PORT_SET chooses among the administrator's commands, it does not
 *	run code in the engine. Disabled on a new port.
 */
#define FAXPORT_ROUTING_METHODS		2
#define FAXPORT_ROUTING_COMMAND_NAME_SIZE	64	/* with the NUL */

/* The two GUIDs as struct faxport_routing_method.guid bytes (initialisers). */
#define FAXPORT_ROUTING_GUID_STORE_IN_FOLDER { \
	0x90, 0x1a, 0x04, 0x92, 0xf2, 0x9a, 0xd0, 0x11, \
	0xab, 0xf7, 0x00, 0xc0, 0x4f, 0xd9, 0x1a, 0x4e }
#define FAXPORT_ROUTING_GUID_RUN_COMMAND { \
	0xc0, 0x87, 0x04, 0x18, 0x46, 0xe0, 0x22, 0x4c, \
	0x92, 0x48, 0x4a, 0x7b, 0x57, 0xb7, 0x02, 0x53 }

/* struct faxport_routing_method.flags */
#define FAXPORT_ROUTING_CONFIGURED	0x0001	/* set on this port since it was made */

/**
 * struct faxport_routing_method - a routing method as a port or the server sees it
 * @guid: the method's GUID, in the byte order of the Win32 GUID structure
 *	(Data1..Data3 little-endian).
 * @priority: the server's order of the methods: 1 runs first. The
 *	priorities of all methods are always 1..%FAXPORT_ROUTING_METHODS,
 *	each once.
 * @enabled: 1 when the method runs for faxes this port receives, else 0
 *	(always 0 in the server's list).
 * @flags: FAXPORT_ROUTING_* bits of this port (0 in the server's list).
 * @reserved: 0.
 * @function_name: the method's function name (FunctionName).
 * @friendly_name: its name for people (FriendlyName).
 * @extension_image_name: the program that runs it (ExtensionImageName).
 * @extension_friendly_name: that program's name for people.
 * @info: this port's routing info, a UTF-8 string ("" in the server's list).
 */
struct faxport_routing_method {
	__u8 guid[16];
	__u32 priority;
	__u32 enabled;
	__u32 flags;
	__u32 reserved;
	char function_name[FAXPORT_ROUTING_NAME_SIZE];
	char friendly_name[FAXPORT_ROUTING_NAME_SIZE];
	char extension_image_name[FAXPORT_ROUTING_NAME_SIZE];
	char extension_friendly_name[FAXPORT_ROUTING_NAME_SIZE];
	char info[FAXPORT_ROUTING_INFO_SIZE];
};

/**
 * struct faxport_routing_list - FaxEnumRoutingMethods, FaxEnumGlobalRoutingInfo
 * @count: in: room in @methods; out: how many methods exist. When out > in,
 *	only the first in entries were written.
 * @method_size: in: sizeof(struct faxport_routing_method) (-EINVAL otherwise).
 * @methods: in: user pointer to the array, filled in priority order. May
 *	be 0 when @count is 0.
 *
 * %FAXPORT_IOC_ROUTING_LIST on a port handle or on the port's DSP engine
 * lists the port's state; %FAXPORT_IOC_ROUTING_GLOBAL_LIST on a server
 * handle needs FAXPORT_RIGHT_CONFIG_QUERY (-EACCES) and lists the priorities.
 */
struct faxport_routing_list {
	__u32 count;
	__u32 method_size;
	__aligned_u64 methods;
};

/* struct faxport_routing_set.flags */
#define FAXPORT_ROUTING_SET_ENABLED	0x0001	/* change @enabled */
#define FAXPORT_ROUTING_SET_INFO	0x0002	/* change @info */
#define FAXPORT_ROUTING_SET_DEFAULT	0x0004	/* only if never configured */

/**
 * struct faxport_routing_set - FaxEnableRoutingMethod, FaxSetRoutingInfo
 * @guid: in: the method (-ENOENT when no method has it).
 * @flags: in: FAXPORT_ROUTING_SET_ENABLED and/or _INFO (at least one), and
 *	_DEFAULT, which applies the change only when the method was never
 *	configured on this port (-EEXIST otherwise): how the DSP engine
 *	installs its configured defaults without overriding a client's choice.
 * @enabled: in: 0 or 1 with _SET_ENABLED, else 0.
 * @info: in: with _SET_INFO the new routing info, a NUL-terminated UTF-8
 *	string without control characters: "", a folder starting with '/'
 *	("store in a folder") or a command's name ("run a command", see
 *	above); else all zero. Bytes after the NUL must be 0.
 *
 * Needs a MODIFY port handle whose rights include FAXPORT_RIGHT_PORT_SET,
 * or the port's DSP engine (-EACCES otherwise). A change marks the method
 * %FAXPORT_ROUTING_CONFIGURED on the port.
 */
struct faxport_routing_set {
	__u8 guid[16];
	__u32 flags;
	__u32 enabled;
	char info[FAXPORT_ROUTING_INFO_SIZE];
};

/**
 * struct faxport_routing_priority - FaxSetGlobalRoutingInfo
 * @guid: in: the method (-ENOENT when no method has it).
 * @priority: in: its new place, 1..%FAXPORT_ROUTING_METHODS (-EINVAL
 *	otherwise); the methods between its old and new place move by one.
 * @flags: in: must be 0.
 * @reserved: in: must be 0.
 *
 * Needs FAXPORT_RIGHT_CONFIG_SET (-EACCES).
 */
struct faxport_routing_priority {
	__u8 guid[16];
	__u32 priority;
	__u32 flags;
	__u32 reserved[2];
};

/* Clock modes of a DSP engine's audio. */
#define FAXPORT_CLOCK_REALTIME		0	/* 8000 samples/s, paced by the kernel */
#define FAXPORT_CLOCK_FREE_RUNNING	1	/* as fast as both ends exchange audio */

/*
 * The engine takes no send jobs from the queue (a Class 1 modem lent to
 * other fax software, a test dialer): the dispatcher never gives its port
 * one, so no job waits on a port that would never send it.
 */
#define FAXPORT_ATTACH_NO_JOBS		(1U << 0)

/**
 * struct faxport_dsp_attach - make an open port node the port's DSP engine
 * @version: in: %FAXPORT_API_VERSION.
 * @flags: in: FAXPORT_ATTACH_* bits (-EINVAL for others).
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
 * struct faxport_dial - go off hook and call a number on the port's line
 * @number: in: a dial string, as &struct faxport_job_param's
 *	@recipient_number; on the loopback exchange the port whose number is
 *	its digits, '*', '#' and '+' starts ringing.
 * @flags: in: must be 0.
 * @reserved: in: must be 0.
 *
 * On the loopback exchange, fails with -ENXIO when no port has the number,
 * -EBUSY when that port is in a call, ringing, or is the caller itself. On
 * a user line the dial string is handed to the line provider unchanged;
 * -ENETDOWN when the port has no line (no provider, or it reported line
 * down). Both: -EISCONN when the caller is not idle. On success the caller
 * is dialing; %FAXPORT_LINE_EV_ANSWERED or %FAXPORT_LINE_EV_NO_ANSWER (with
 * its cause) follows, or %FAXPORT_LINE_EV_HANGUP when the far end went away.
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
#define FAXPORT_LINE_EV_NO_ANSWER	4	/* the call did not connect: see cause */
#define FAXPORT_LINE_EV_CALLER_GONE	5	/* a ringing call was abandoned */
#define FAXPORT_LINE_EV_JOB		6	/* a job waits: arg: its id */
#define FAXPORT_LINE_EV_ABORT		7	/* its job was deleted: arg: id */

/**
 * struct faxport_line_event - one line signal for the DSP engine
 * @seq: out: 1 for the engine's first event, then +1 per event. A gap
 *	means events were dropped (the queue holds 64; the oldest goes).
 * @type: out: a FAXPORT_LINE_EV_* value.
 * @arg: out: per type (the ring count for RING).
 * @cause: out: for %FAXPORT_LINE_EV_NO_ANSWER, why the call did not
 *	connect, as the FAXPORT_STATE_* a job that failed so ends with:
 *	%FAXPORT_STATE_NO_ANSWER (always on the loopback exchange), _BUSY,
 *	_BAD_ADDRESS or _NO_DIAL_TONE (from a user line's provider); 0 for
 *	every other event. An engine that reports %FAXPORT_STATE_NO_ANSWER for
 *	such a call has its job end with this cause.
 * @timestamp_ns: out: CLOCK_MONOTONIC time of the event.
 *
 * FAXPORT_IOC_LINE_EVENT fails with -EAGAIN when no event waits.
 */
struct faxport_line_event {
	__u32 seq;
	__u32 type;
	__u32 arg;
	__u32 cause;
	__aligned_u64 timestamp_ns;
};

/**
 * struct faxport_job_take - the engine takes the job the kernel gave its port
 * @job_id: in: the id from %FAXPORT_LINE_EV_JOB.
 * @flags: in: must be 0.
 * @document_fd: out: a new O_CLOEXEC fd of the client's document (the
 *	same open file: read it with pread(), its offset is shared).
 * @reserved: in: must be 0.
 * @info: out: the job; its param.tsid is the port's TSID when the
 *	server's use_device_tsid is set, else the one the job asked for.
 *
 * -ENOENT when that job is not (or no longer) assigned to this port.
 */
struct faxport_job_take {
	__u32 job_id;
	__u32 flags;
	__s32 document_fd;
	__u32 reserved;
	struct faxport_job_info info;
};

/**
 * struct faxport_job_progress - the engine reports a job's progress
 * @job_id: in: a job this engine took, or its receive job.
 * @state: in: the port's FAXPORT_STATE_* now: DIALING, SENDING,
 *	RECEIVING, or ROUTING once a received fax is handed to its routing
 *	methods (a receive job only; kernels before ROUTING answer -EINVAL,
 *	which an engine may ignore).
 * @current_page: in: the page on the line (1-based), or 0.
 * @total_pages: in: the document's pages, or 0 if unknown.
 * @remote_id: in: the far end's station id, or "".
 */
struct faxport_job_progress {
	__u32 job_id;
	__u32 state;
	__u32 current_page;
	__u32 total_pages;
	char remote_id[FAXPORT_IDENT_SIZE];
};

/**
 * struct faxport_job_done - the engine ends its attempt at a job
 * @job_id: in: the job.
 * @state: in: FAXPORT_STATE_COMPLETED on success, else the failure: BUSY,
 *	NO_ANSWER, BAD_ADDRESS, NO_DIAL_TONE, DISCONNECTED or FATAL_ERROR;
 *	for a receive job also NOT_FAX_CALL, an answered call without fax
 *	tones (kernels before it answer -EINVAL: send DISCONNECTED then).
 *	NO_ANSWER after a call that did not connect becomes the cause the
 *	line gave (struct faxport_line_event.cause).
 * @pages: in: pages delivered.
 * @t30_code: in: the T.30 completion code, or 0.
 *
 * A completed send job leaves the queue. A failed one is retried after
 * the configured delay while retries are left, then stays queued as
 * FAXPORT_JS_RETRIES_EXCEEDED until deleted or dirty_days pass.
 */
struct faxport_job_done {
	__u32 job_id;
	__u32 state;
	__u32 pages;
	__u32 t30_code;
};

/**
 * struct faxport_receive_begin - the engine answered: a receive job starts
 * @flags: in: must be 0.
 * @job_id: out: the receive job, visible in the queue until done.
 */
struct faxport_receive_begin {
	__u32 flags;
	__u32 job_id;
};

/*
 * User lines: a port made with %FAXPORT_PORT_ADD_USER_LINE has no line of
 * its own. A line provider (a SIP user agent, an FXO gateway driver)
 * opens the port's node and attaches to its line side with
 * %FAXPORT_IOC_LINE_ATTACH; the DSP engine on the other side keeps the
 * engine uAPI above unchanged. The provider reads what the engine wants
 * (DIAL, ANSWER, HANGUP, ABORT) with %FAXPORT_IOC_PROVIDER_EVENT and tells
 * what the far end did with the FAXPORT_IOC_PROVIDER_* ioctls. Its write()
 * feeds the engine's read(), its read() drains the engine's write(): the
 * provider is the audio clock of the port's calls.
 */

/**
 * struct faxport_line_attach - make an open port node the port's line provider
 * @version: in: %FAXPORT_API_VERSION.
 * @flags: in: must be 0.
 * @reserved: in: must be 0.
 *
 * Needs CAP_NET_ADMIN (-EPERM) in the opener's credentials. Only ports
 * made with %FAXPORT_PORT_ADD_USER_LINE have a line side (-EOPNOTSUPP on a
 * loopback port); one provider per port (-EBUSY for a second); the file
 * must not already be a port handle or an engine (-EBUSY). The port has a
 * line only between %FAXPORT_IOC_PROVIDER_LINE_UP and _LINE_DOWN or the
 * provider's close: until then no send job is given to it (jobs wait as
 * FAXPORT_JS_NOLINE) and its state is %FAXPORT_STATE_UNAVAILABLE.
 * Closing the file hangs up the call in progress (the engine sees
 * %FAXPORT_LINE_EV_HANGUP, or %FAXPORT_LINE_EV_CALLER_GONE while ringing)
 * and takes the line down. A removed port numbs the file: -ENODEV, and
 * poll() reports EPOLLHUP.
 */
struct faxport_line_attach {
	__u32 version;
	__u32 flags;
	__u32 reserved[2];
};

/* Events for the line provider: struct faxport_provider_event.type */
#define FAXPORT_PROVIDER_EV_DIAL	1	/* place a call to number */
#define FAXPORT_PROVIDER_EV_ANSWER	2	/* the engine answered the incoming call */
#define FAXPORT_PROVIDER_EV_HANGUP	3	/* the engine hung up a connected call */
#define FAXPORT_PROVIDER_EV_ABORT	4	/* give up a call not connected: see cause */

/*
 * Causes: why a call did not connect. The provider gives one with
 * %FAXPORT_IOC_PROVIDER_FAILED; the kernel gives one with
 * %FAXPORT_PROVIDER_EV_ABORT (0: the engine gave up, e.g. its job was
 * deleted; %FAXPORT_CAUSE_NO_ANSWER: the incoming call rang max_rings
 * times unanswered; %FAXPORT_CAUSE_REJECTED: the engine hung up on the
 * ringing call). The engine sees a failure as %FAXPORT_LINE_EV_NO_ANSWER
 * whose cause is the FAXPORT_STATE_* in the comment.
 */
#define FAXPORT_CAUSE_BUSY		1	/* FAXPORT_STATE_BUSY */
#define FAXPORT_CAUSE_BAD_ADDRESS	2	/* _BAD_ADDRESS: not retried */
#define FAXPORT_CAUSE_NO_ANSWER		3	/* _NO_ANSWER */
#define FAXPORT_CAUSE_CONGESTION	4	/* _BUSY: the network is, retried */
#define FAXPORT_CAUSE_REJECTED		5	/* _BUSY: the far end declined now */
#define FAXPORT_CAUSE_NETWORK		6	/* _NO_DIAL_TONE: the network failed */
#define FAXPORT_CAUSE_NO_DIAL_TONE	7	/* _NO_DIAL_TONE: no way out */
#define FAXPORT_CAUSE_MAX		7

/**
 * struct faxport_provider_event - one request of the engine for the provider
 * @seq: out: 1 for the provider's first event after attach, then +1 per
 *	event. A gap means events were dropped (the queue holds 64; the
 *	oldest goes).
 * @type: out: a FAXPORT_PROVIDER_EV_* value.
 * @call_id: out: the call it is about. DIAL starts a call with a new id;
 *	%FAXPORT_IOC_PROVIDER_RING gave the id of an incoming call.
 * @cause: out: for ABORT a FAXPORT_CAUSE_* value or 0, else 0.
 * @timestamp_ns: out: CLOCK_MONOTONIC time of the event.
 * @number: out: for DIAL the number the engine dialled (digits, '*',
 *	'#', '+'), NUL-padded; else all zero.
 *
 * %FAXPORT_IOC_PROVIDER_EVENT fails with -EAGAIN when no event waits;
 * poll() reports EPOLLPRI while one does.
 */
struct faxport_provider_event {
	__u32 seq;
	__u32 type;
	__u32 call_id;
	__u32 cause;
	__aligned_u64 timestamp_ns;
	char number[FAXPORT_NUMBER_SIZE];
};

/**
 * struct faxport_provider_ring - an incoming call rings the port
 * @flags: in: must be 0.
 * @call_id: out: the call's id, for the reports and events that follow.
 * @caller_number: in: the caller's number (digits, '*', '#', '+'), or ""
 *	when unknown or withheld.
 * @caller_name: in: the caller's name, free text (UTF-8, no control or
 *	bidi characters), or "".
 * @called_number: in: the number that was called (the DID), same rules
 *	as @caller_number.
 *
 * The engine gets %FAXPORT_LINE_EV_RING every ring_period_ms until it
 * answers (the provider gets %FAXPORT_PROVIDER_EV_ANSWER: the call is
 * connected), hangs up (ABORT, cause REJECTED) or max_rings have rung
 * (ABORT, cause NO_ANSWER; the engine gets CALLER_GONE). -EBUSY when the
 * port is not idle, -ENETDOWN when it has no line, -EHOSTDOWN when no
 * engine is attached to answer.
 */
struct faxport_provider_ring {
	__u32 flags;
	__u32 call_id;
	char caller_number[FAXPORT_NUMBER_SIZE];
	char caller_name[FAXPORT_NAME_SIZE];
	char called_number[FAXPORT_NUMBER_SIZE];
};

/* struct faxport_provider_progress.progress */
#define FAXPORT_PROGRESS_PROCEEDING	1	/* the network took the call */
#define FAXPORT_PROGRESS_RINGING	2	/* the far end rings */

/**
 * struct faxport_provider_progress - how a dialled call goes, before it connects
 * @call_id: in: the call (from %FAXPORT_PROVIDER_EV_DIAL).
 * @progress: in: a FAXPORT_PROGRESS_* value.
 * @flags: in: must be 0.
 * @reserved: in: must be 0.
 *
 * Informational: the port stays dialing. Each RINGING counts a ring.
 */
struct faxport_provider_progress {
	__u32 call_id;
	__u32 progress;
	__u32 flags;
	__u32 reserved;
};

/**
 * struct faxport_provider_call - the far end answered, failed or hung up
 * @call_id: in: the call.
 * @cause: in: for %FAXPORT_IOC_PROVIDER_FAILED a FAXPORT_CAUSE_* value;
 *	must be 0 for ANSWERED and HANGUP.
 * @flags: in: must be 0.
 * @reserved: in: must be 0.
 *
 * ANSWERED and FAILED end the dialing of an outgoing call: the engine gets
 * %FAXPORT_LINE_EV_ANSWERED (the call is connected, audio flows) or
 * %FAXPORT_LINE_EV_NO_ANSWER with the cause's state. HANGUP ends any call:
 * the engine gets %FAXPORT_LINE_EV_HANGUP (%FAXPORT_LINE_EV_CALLER_GONE
 * while an incoming call rings).
 *
 * All the FAXPORT_IOC_PROVIDER_* reports about a call fail with -ESRCH
 * when @call_id is not the port's current call (it ended: the provider
 * lost a race with the engine and may ignore this), and with -EINVAL when
 * the report does not fit the call (ANSWERED or FAILED of an incoming or
 * connected call).
 */
struct faxport_provider_call {
	__u32 call_id;
	__u32 cause;
	__u32 flags;
	__u32 reserved;
};

/* struct faxport_port_call.direction */
#define FAXPORT_CALL_NONE	0
#define FAXPORT_CALL_OUTGOING	1
#define FAXPORT_CALL_INCOMING	2

/**
 * struct faxport_port_call - the call a port is in (FAX_DEVICE_STATUS)
 * @call_id: out: the call's id on a user line, 0 on the loopback exchange
 *	or when idle.
 * @direction: out: a FAXPORT_CALL_* value.
 * @flags: in: must be 0.
 * @reserved: out: 0.
 * @caller_number: out: an incoming call's caller (CallerId), or "".
 * @caller_name: out: the caller's name, or "".
 * @called_number: out: the number called: the DID of an incoming call
 *	(RoutingString), or the number an outgoing call dialled.
 *
 * %FAXPORT_IOC_PORT_CALL_GET on a port handle or the port's engine. All
 * strings are NUL-padded; an idle port reports all zero.
 */
struct faxport_port_call {
	__u32 call_id;
	__u32 direction;
	__u32 flags;
	__u32 reserved;
	char caller_number[FAXPORT_NUMBER_SIZE];
	char caller_name[FAXPORT_NAME_SIZE];
	char called_number[FAXPORT_NUMBER_SIZE];
};

/*
 * The ioctls, all in one block: 0x00.. of a server handle, 0x40.. of a
 * port handle, 0x80.. of a DSP engine, 0xc0.. of a line provider. The structs above (and
 * Documentation/uapi.rst) say what each does.
 */
/* Server handle (/dev/faxport). */
#define FAXPORT_IOC_API		_IOWR(FAXPORT_IOC_MAGIC, 0x00, struct faxport_api)
#define FAXPORT_IOC_GET_RIGHTS	_IOR(FAXPORT_IOC_MAGIC, 0x01, struct faxport_rights)
#define FAXPORT_IOC_PORT_LIST	_IOWR(FAXPORT_IOC_MAGIC, 0x02, struct faxport_port_list)
#define FAXPORT_IOC_PORT_ADD	_IOWR(FAXPORT_IOC_MAGIC, 0x03, struct faxport_port_add)
#define FAXPORT_IOC_PORT_REMOVE	_IOW(FAXPORT_IOC_MAGIC, 0x04, struct faxport_port_remove)
#define FAXPORT_IOC_JOB_SUBMIT	_IOWR(FAXPORT_IOC_MAGIC, 0x10, struct faxport_job_submit)
#define FAXPORT_IOC_JOB_LIST	_IOWR(FAXPORT_IOC_MAGIC, 0x11, struct faxport_job_list)
#define FAXPORT_IOC_JOB_GET	_IOWR(FAXPORT_IOC_MAGIC, 0x12, struct faxport_job_get)
#define FAXPORT_IOC_JOB_CONTROL	_IOW(FAXPORT_IOC_MAGIC, 0x13, struct faxport_job_control)
#define FAXPORT_IOC_JOB_DOCUMENT	_IOWR(FAXPORT_IOC_MAGIC, 0x14, struct faxport_job_document)
#define FAXPORT_IOC_CONFIG_GET	_IOR(FAXPORT_IOC_MAGIC, 0x20, struct faxport_config)
#define FAXPORT_IOC_CONFIG_SET	_IOW(FAXPORT_IOC_MAGIC, 0x21, struct faxport_config)
#define FAXPORT_IOC_LOGGING_GET	_IOR(FAXPORT_IOC_MAGIC, 0x22, struct faxport_logging)
#define FAXPORT_IOC_LOGGING_SET	_IOW(FAXPORT_IOC_MAGIC, 0x23, struct faxport_logging)
#define FAXPORT_IOC_ROUTING_GLOBAL_LIST	_IOWR(FAXPORT_IOC_MAGIC, 0x24, struct faxport_routing_list)
#define FAXPORT_IOC_ROUTING_PRIORITY	\
	_IOW(FAXPORT_IOC_MAGIC, 0x25, struct faxport_routing_priority)
/* Port handle (/dev/faxportN after FAXPORT_IOC_PORT_BIND). */
#define FAXPORT_IOC_PORT_BIND	_IOWR(FAXPORT_IOC_MAGIC, 0x40, struct faxport_port_bind)
#define FAXPORT_IOC_PORT_GET	_IOR(FAXPORT_IOC_MAGIC, 0x41, struct faxport_port_info)
#define FAXPORT_IOC_PORT_SET	_IOW(FAXPORT_IOC_MAGIC, 0x42, struct faxport_port_config)
/* Port handle or the port's DSP engine. */
#define FAXPORT_IOC_ROUTING_LIST	_IOWR(FAXPORT_IOC_MAGIC, 0x43, struct faxport_routing_list)
#define FAXPORT_IOC_ROUTING_SET		_IOW(FAXPORT_IOC_MAGIC, 0x44, struct faxport_routing_set)
#define FAXPORT_IOC_PORT_CALL_GET	_IOWR(FAXPORT_IOC_MAGIC, 0x45, struct faxport_port_call)
/* DSP engine (/dev/faxportN after FAXPORT_IOC_DSP_ATTACH). */
#define FAXPORT_IOC_DSP_ATTACH	_IOW(FAXPORT_IOC_MAGIC, 0x80, struct faxport_dsp_attach)
#define FAXPORT_IOC_LINE_DIAL	_IOW(FAXPORT_IOC_MAGIC, 0x81, struct faxport_dial)
#define FAXPORT_IOC_LINE_ANSWER	_IO(FAXPORT_IOC_MAGIC, 0x82)
#define FAXPORT_IOC_LINE_HANGUP	_IO(FAXPORT_IOC_MAGIC, 0x83)
#define FAXPORT_IOC_LINE_EVENT	_IOR(FAXPORT_IOC_MAGIC, 0x84, struct faxport_line_event)
#define FAXPORT_IOC_JOB_TAKE	_IOWR(FAXPORT_IOC_MAGIC, 0x90, struct faxport_job_take)
#define FAXPORT_IOC_JOB_PROGRESS	_IOW(FAXPORT_IOC_MAGIC, 0x91, struct faxport_job_progress)
#define FAXPORT_IOC_JOB_DONE	_IOW(FAXPORT_IOC_MAGIC, 0x92, struct faxport_job_done)
#define FAXPORT_IOC_RECEIVE_BEGIN	_IOWR(FAXPORT_IOC_MAGIC, 0x93, struct faxport_receive_begin)
/* Line provider (/dev/faxportN of a user line after FAXPORT_IOC_LINE_ATTACH). */
#define FAXPORT_IOC_LINE_ATTACH	_IOW(FAXPORT_IOC_MAGIC, 0xc0, struct faxport_line_attach)
#define FAXPORT_IOC_PROVIDER_EVENT	\
	_IOR(FAXPORT_IOC_MAGIC, 0xc1, struct faxport_provider_event)
#define FAXPORT_IOC_PROVIDER_LINE_UP	_IO(FAXPORT_IOC_MAGIC, 0xc2)
#define FAXPORT_IOC_PROVIDER_LINE_DOWN	_IO(FAXPORT_IOC_MAGIC, 0xc3)
#define FAXPORT_IOC_PROVIDER_RING	\
	_IOWR(FAXPORT_IOC_MAGIC, 0xc4, struct faxport_provider_ring)
#define FAXPORT_IOC_PROVIDER_PROGRESS	\
	_IOW(FAXPORT_IOC_MAGIC, 0xc5, struct faxport_provider_progress)
#define FAXPORT_IOC_PROVIDER_ANSWERED	\
	_IOW(FAXPORT_IOC_MAGIC, 0xc6, struct faxport_provider_call)
#define FAXPORT_IOC_PROVIDER_FAILED	\
	_IOW(FAXPORT_IOC_MAGIC, 0xc7, struct faxport_provider_call)
#define FAXPORT_IOC_PROVIDER_HANGUP	\
	_IOW(FAXPORT_IOC_MAGIC, 0xc8, struct faxport_provider_call)

/*
 * Events: the generic netlink family "faxport" multicasts every FEI_* event
 * on its group "events" as FAXPORT_NL_CMD_EVENT. Subscribing needs no
 * privilege. Each event carries a sequence number that grows by one per
 * event: a gap means the subscriber's socket overran (it also sees
 * ENOBUFS) and must re-read state it cares about. uapi/faxport.yaml is
 * the family's spec.
 */
#define FAXPORT_GENL_NAME		"faxport"
#define FAXPORT_GENL_VERSION		1
#define FAXPORT_GENL_EVENTS_GROUP	"events"
#define FAXPORT_GENL_CONFIG_GROUP	"config"

/**
 * DOC: configuration change notices
 *
 * After every successful FAXPORT_IOC_CONFIG_SET, FAXPORT_IOC_LOGGING_SET,
 * FAXPORT_IOC_PORT_SET, FAXPORT_IOC_ROUTING_SET (by a client or a DSP
 * engine), FAXPORT_IOC_ROUTING_PRIORITY, FAXPORT_IOC_PORT_ADD and
 * FAXPORT_IOC_PORT_REMOVE (a port with its own settings came or went: a
 * saver applies what it kept for a port that comes back)
 * the family multicasts FAXPORT_NL_CMD_CONFIG_CHANGED on its group
 * "config" (not on "events": Win32 clients have no such event). Its
 * attributes are FAXPORT_NL_A_CONFIG_CHANGED (u32: FAXPORT_CONFIG_CHANGED_*
 * bits, what was set) and FAXPORT_NL_A_TIMESTAMP. It carries no values: a
 * subscriber reads them with FAXPORT_IOC_CONFIG_GET or
 * FAXPORT_IOC_LOGGING_GET (a port's with FAXPORT_IOC_PORT_GET and
 * FAXPORT_IOC_ROUTING_LIST), which check its rights, so subscribing needs no
 * privilege. The notices let a saver keep a copy of every setting on disk
 * (faxctl settings follow). A set that stores the values already there is notified too.
 * Like events, notices are lost when a subscriber's socket overruns
 * (ENOBUFS): it must then read the values again.
 */
#define FAXPORT_CONFIG_CHANGED_CONFIG	0x1	/* FAXPORT_IOC_CONFIG_SET */
#define FAXPORT_CONFIG_CHANGED_LOGGING	0x2	/* FAXPORT_IOC_LOGGING_SET */
#define FAXPORT_CONFIG_CHANGED_PORT	0x4	/* FAXPORT_IOC_PORT_SET */
#define FAXPORT_CONFIG_CHANGED_ROUTING	0x8	/* ROUTING_SET, ROUTING_PRIORITY */
#define FAXPORT_CONFIG_CHANGED_PORTS	0x10	/* PORT_ADD, PORT_REMOVE */

enum faxport_nl_cmd {
	FAXPORT_NL_CMD_UNSPEC,
	FAXPORT_NL_CMD_EVENT,
	FAXPORT_NL_CMD_CONFIG_CHANGED,	/* on the "config" group */
	__FAXPORT_NL_CMD_MAX,
};

#define FAXPORT_NL_CMD_MAX (__FAXPORT_NL_CMD_MAX - 1)

enum faxport_nl_attr {
	FAXPORT_NL_A_UNSPEC,
	FAXPORT_NL_A_EVENT_ID,		/* u32: a FEI_* value */
	FAXPORT_NL_A_DEVICE_ID,		/* u32: the port, or 0 */
	FAXPORT_NL_A_JOB_ID,		/* u32: the job, or 0xFFFFFFFF */
	FAXPORT_NL_A_TIMESTAMP,		/* u64: CLOCK_REALTIME ns */
	FAXPORT_NL_A_SEQ,		/* u64: 1 for the first event */
	FAXPORT_NL_A_PAD,
	FAXPORT_NL_A_CONFIG_CHANGED,	/* u32: FAXPORT_CONFIG_CHANGED_* bits */
	__FAXPORT_NL_A_MAX,
};

#define FAXPORT_NL_A_MAX (__FAXPORT_NL_A_MAX - 1)

/* Event ids: the FEI_* values. */
#define FAXPORT_EV_DIALING		1
#define FAXPORT_EV_SENDING		2
#define FAXPORT_EV_RECEIVING		3
#define FAXPORT_EV_COMPLETED		4
#define FAXPORT_EV_BUSY			5
#define FAXPORT_EV_NO_ANSWER		6
#define FAXPORT_EV_BAD_ADDRESS		7
#define FAXPORT_EV_NO_DIAL_TONE		8
#define FAXPORT_EV_DISCONNECTED		9
#define FAXPORT_EV_FATAL_ERROR		10
#define FAXPORT_EV_NOT_FAX_CALL		11
#define FAXPORT_EV_RINGING		14
#define FAXPORT_EV_ABORTING		15
#define FAXPORT_EV_ROUTING		16
#define FAXPORT_EV_IDLE			19
#define FAXPORT_EV_FAXSVC_ENDED		20
#define FAXPORT_EV_ANSWERED		21
#define FAXPORT_EV_JOB_QUEUED		22
#define FAXPORT_EV_DELETED		23
#define FAXPORT_EV_INITIALIZING		24
#define FAXPORT_EV_LINE_UNAVAILABLE	25
#define FAXPORT_EV_FAXSVC_STARTED	27
#define FAXPORT_NO_JOB			0xFFFFFFFF

#endif /* _UAPI_LINUX_FAXPORT_H */
