// SPDX-License-Identifier: GPL-2.0
/*
 * alloc_failure: every operation of the uAPI with its 1st, 2nd, 3rd, ...
 * slab allocation failing, until it makes no more allocations. Each
 * injected failure must end in success or a documented errno (never a
 * crash, a hang or a half-made object), and afterwards the live object
 * counts (debugfs) must be back at their baseline. Failures are injected
 * with the kernel's per-thread fail-nth (CONFIG_FAULT_INJECTION with
 * FAILSLAB): only this thread's own system calls see them, and they hit
 * every allocation those calls make, the VFS's as well as the module's.
 * kmemleak, in make check-debug, then looks for what leaked.
 *
 * Prints TAP; skips (1..0) on a kernel without fault injection, such as
 * Debian's production kernel. Root, inside tools/vm-run.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "faxport_test.h"
#include "live_objects.h"

#define FAILSLAB_DIR "/sys/kernel/debug/failslab"
#define FAIL_NTH "/proc/thread-self/fail-nth"
#define NTH_LIMIT 200

static int fail_nth_fd = -1;
static int document_fd = -1;
static bool last_injected;	/* the armed failure happened */

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int ret = 0;

	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) < 0)
		ret = -1;
	close(fd);
	return ret;
}

static void arm(unsigned int nth)
{
	char text[16];
	int len = snprintf(text, sizeof(text), "%u", nth);

	if (pwrite(fail_nth_fd, text, (size_t)len, 0) < 0)
		perror("fail-nth");
}

/* Disarm, noting whether the armed failure was injected (fail-nth reads 0). */
static void disarm(void)
{
	char text[16] = "";

	last_injected = pread(fail_nth_fd, text, sizeof(text) - 1, 0) > 0 &&
			atoi(text) == 0;
	if (pwrite(fail_nth_fd, "0", 1, 0) < 0)
		perror("fail-nth");
}

/*
 * One operation: run it armed, then undo what it made, disarmed. Returns
 * the operation's result (>= 0, or -1 with errno).
 */
struct operation {
	const char *name;
	int (*run)(unsigned int nth, int server);
};

static int result_fd(int fd)
{
	int err = errno;

	if (fd >= 0)
		close(fd);
	errno = err;
	return fd < 0 ? -1 : 0;
}

static int op_open_server(unsigned int nth, int server)
{
	int fd;

	(void)server;
	arm(nth);
	fd = open("/dev/faxport", O_RDWR | O_CLOEXEC);
	disarm();
	return result_fd(fd);
}

static int op_connect(unsigned int nth, int server)
{
	int fd;

	(void)server;
	arm(nth);
	fd = server_connect();
	disarm();
	return result_fd(fd);
}

static int op_port_add(unsigned int nth, int server)
{
	__u32 id = 0;
	int ret, err;

	arm(nth);
	ret = port_add(server, "allocfail", "", &id);
	err = errno;
	disarm();
	if (ret == 0)
		port_remove(server, id);
	errno = err;
	return ret;
}

static int op_port_open(unsigned int nth, int server)
{
	int fd;

	arm(nth);
	fd = port_open(server, 1, FAXPORT_OPEN_MODIFY);
	disarm();
	return result_fd(fd);
}

static int op_dsp_attach(unsigned int nth, int server)
{
	int fd;

	(void)server;
	arm(nth);
	fd = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	disarm();
	return result_fd(fd);
}

static int op_job_submit(unsigned int nth, int server)
{
	struct faxport_job_submit submit = { .document_fd = document_fd };
	struct faxport_job_control control = { .command = FAXPORT_JC_DELETE };
	int ret, err;

	snprintf(submit.param.recipient_number, sizeof(submit.param.recipient_number), "2");
	arm(nth);
	ret = ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &submit);
	err = errno;
	disarm();
	if (ret == 0) {
		control.job_id = submit.job_id;
		ioctl(server, FAXPORT_IOC_JOB_CONTROL, &control);
	}
	errno = err;
	return ret;
}

static int op_job_list(unsigned int nth, int server)
{
	struct faxport_job_submit submit = { .document_fd = document_fd };
	struct faxport_job_control control = { .command = FAXPORT_JC_DELETE };
	struct faxport_job_info infos[2];
	struct faxport_job_list list = {
		.count = 2, .info_size = sizeof(infos[0]), .infos = (uintptr_t)infos,
	};
	struct faxport_job_get get = { 0 };
	int ret, err;

	snprintf(submit.param.recipient_number, sizeof(submit.param.recipient_number), "2");
	if (ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &submit))
		return -1;
	get.job_id = submit.job_id;
	arm(nth);
	ret = ioctl(server, FAXPORT_IOC_JOB_LIST, &list);
	if (ret == 0)
		ret = ioctl(server, FAXPORT_IOC_JOB_GET, &get);
	err = errno;
	disarm();
	control.job_id = submit.job_id;
	ioctl(server, FAXPORT_IOC_JOB_CONTROL, &control);
	errno = err;
	return ret;
}

static int op_port_list(unsigned int nth, int server)
{
	struct faxport_port_info infos[8];
	struct faxport_port_list list = {
		.count = 8, .info_size = sizeof(infos[0]), .infos = (uintptr_t)infos,
	};
	int ret, err;

	arm(nth);
	ret = ioctl(server, FAXPORT_IOC_PORT_LIST, &list);
	err = errno;
	disarm();
	errno = err;
	return ret;
}

static int op_routing(unsigned int nth, int server)
{
	struct faxport_routing_method methods[FAXPORT_ROUTING_METHODS];
	struct faxport_routing_list list = {
		.count = FAXPORT_ROUTING_METHODS, .method_size = sizeof(methods[0]),
		.methods = (uintptr_t)methods,
	};
	int port = port_open(server, 1, FAXPORT_OPEN_QUERY);
	int ret, err;

	if (port < 0)
		return -1;
	arm(nth);
	ret = ioctl(port, FAXPORT_IOC_ROUTING_LIST, &list);
	if (ret == 0)
		ret = ioctl(server, FAXPORT_IOC_ROUTING_GLOBAL_LIST, &list);
	err = errno;
	disarm();
	close(port);
	errno = err;
	return ret;
}

/* A call from port 1 to port 2 (which starts ringing), then both hang up. */
static int op_dial(unsigned int nth, int server)
{
	struct faxport_dial dial = { .number = "2" };
	int caller = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	int callee = dsp_attach(2, FAXPORT_CLOCK_FREE_RUNNING);
	int ret = -1, err;

	(void)server;
	if (caller >= 0 && callee >= 0) {
		arm(nth);
		ret = ioctl(caller, FAXPORT_IOC_LINE_DIAL, &dial);
		err = errno;
		disarm();
		errno = err;
	}
	err = errno;
	if (caller >= 0)
		close(caller);
	if (callee >= 0)
		close(callee);
	errno = err;
	return ret;
}

static int op_receive_begin(unsigned int nth, int server)
{
	struct faxport_receive_begin begin = { 0 };
	int dsp = dsp_attach(3, FAXPORT_CLOCK_FREE_RUNNING);
	int ret, err;

	(void)server;
	if (dsp < 0)
		return -1;
	arm(nth);
	ret = ioctl(dsp, FAXPORT_IOC_RECEIVE_BEGIN, &begin);
	err = errno;
	disarm();
	close(dsp);
	errno = err;
	return ret;
}

static const struct operation operations[] = {
	{ "open /dev/faxport", op_open_server },
	{ "connect (open + API handshake)", op_connect },
	{ "PORT_ADD", op_port_add },
	{ "open a port node + PORT_BIND", op_port_open },
	{ "open a port node + DSP_ATTACH", op_dsp_attach },
	{ "JOB_SUBMIT", op_job_submit },
	{ "JOB_LIST + JOB_GET", op_job_list },
	{ "PORT_LIST", op_port_list },
	{ "ROUTING_LIST + ROUTING_GLOBAL_LIST", op_routing },
	{ "LINE_DIAL", op_dial },
	{ "RECEIVE_BEGIN", op_receive_begin },
};
#define OPERATIONS (sizeof(operations) / sizeof(operations[0]))

int main(void)
{
	char baseline[256], now[256];
	int server, failures = 0;
	unsigned int i;

	/* Mounts debugfs if need be: failslab lives there too. */
	live_objects_read(baseline, sizeof(baseline));
	fail_nth_fd = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
	if (fail_nth_fd < 0 || access(FAILSLAB_DIR, F_OK)) {
		printf("1..0 # SKIP this kernel has no slab fault injection (make check-debug has)\n");
		return 0;
	}
	printf("1..%zu\n", OPERATIONS);
	/* GFP_KERNEL allocations too; quietly (a stack trace per failure would flood the log). */
	if (write_text(FAILSLAB_DIR "/ignore-gfp-wait", "N") ||
	    write_text(FAILSLAB_DIR "/verbose", "0") ||
	    write_text(FAILSLAB_DIR "/probability", "0")) {
		printf("not ok 1 - cannot configure failslab\n");
		return 1;
	}
	document_fd = memfd_create("alloc-failure-document", MFD_CLOEXEC);
	server = server_connect();
	if (document_fd < 0 || write(document_fd, "II*\0", 4) != 4 || server < 0 ||
	    live_objects_read(baseline, sizeof(baseline))) {
		printf("not ok 1 - setup: %s\n", strerror(errno));
		return 1;
	}

	for (i = 0; i < OPERATIONS; i++) {
		const struct operation *op = &operations[i];
		unsigned int nth, refused = 0, tolerated = 0;
		bool clean = true, finished = false;

		for (nth = 1; nth <= NTH_LIMIT && clean && !finished; nth++) {
			int ret, err;

			last_injected = false;
			ret = op->run(nth, server);
			err = errno;
			if (!live_objects_back(baseline, now, sizeof(now))) {
				printf("# %s, allocation %u failing: objects left: %s\n",
				       op->name, nth, now);
				clean = false;
			}
			if (!last_injected) {
				/* It made fewer than nth allocations: it must have worked. */
				finished = true;
				if (ret < 0) {
					printf("# %s fails with no failure injected: %s\n",
					       op->name, strerror(err));
					clean = false;
				}
			} else if (ret == 0) {
				tolerated++;
			} else if (err == ENOMEM || faxport_errno_documented(err)) {
				refused++;
			} else {
				printf("# %s, allocation %u failing: undocumented %s\n",
				       op->name, nth, strerror(err));
				clean = false;
			}
		}
		printf("# reliability: allocation failure | %s, each of its slab allocations failing in turn | %u failed allocations | %s\n",
		       op->name, refused + tolerated,
		       !(clean && finished) ? "FAILED" :
		       refused + tolerated ? "each refused cleanly or absorbed, objects back to baseline" :
		       "makes no slab allocation: succeeded, objects back to baseline");
		if (clean && finished) {
			printf("ok %u - %s: %u failed allocations, %u refused cleanly, %u absorbed\n",
			       i + 1, op->name, refused + tolerated, refused, tolerated);
		} else {
			printf("not ok %u - %s: %s\n", i + 1, op->name,
			       clean ? "still allocating after the limit" : "see above");
			failures++;
		}
	}
	close(server);
	return failures ? 1 : 0;
}
