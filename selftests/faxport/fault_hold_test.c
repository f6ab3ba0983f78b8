// SPDX-License-Identifier: GPL-2.0
/*
 * No job ioctl may touch user memory while it holds a lock that other
 * users or the engine need. Each ioctl that writes a result back (submit,
 * receive-begin, JOB_DOCUMENT, JOB_TAKE) gets its argument in a page whose
 * write fault this test holds open with userfaultfd, the way a page of a
 * FUSE file or a hung network file system would hold it. While the fault
 * is held, another user enumerates the queue and submits a job; that must
 * finish. A kernel that copies out under the jobs lock leaves that user in
 * uninterruptible sleep: the test notices by a deadline, releases the
 * fault (which lets everyone go on) and reports the failure.
 *
 * The page is write-protected, not missing: every ioctl reads its whole
 * argument before it locks anything, so a missing page would be faulted in
 * by that read, outside the lock; a write-protected page lets the read
 * through and holds the write that returns the result.
 */
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "faxport_test.h"
#include "kselftest_harness.h"

#define FAULT_WAIT_MS	8000
#define OTHERS_WAIT_MS	8000
#define ENGINE_PORT	1

enum held_call {
	HELD_SUBMIT,
	HELD_RECEIVE_BEGIN,
	HELD_DOCUMENT,
	HELD_TAKE,
};

struct held_ioctl {
	int fd;
	unsigned long cmd;
	void *arg;
	int ret;
	int err;
};

static void *run_held_ioctl(void *data)
{
	struct held_ioctl *call = data;

	call->ret = ioctl(call->fd, call->cmd, call->arg);
	call->err = errno;
	return NULL;
}

static int document_memfd(void)
{
	static const char text[] = "II*\0a document";
	int fd = memfd_create("faxdoc", MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	if (write(fd, text, sizeof(text)) != sizeof(text)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int submit_job(int server, const char *number, __u32 *job_id)
{
	struct faxport_job_submit s = { 0 };
	int ret, err;

	s.document_fd = document_memfd();
	if (s.document_fd < 0)
		return -1;
	snprintf(s.param.recipient_number, sizeof(s.param.recipient_number),
		 "%s", number);
	strcpy(s.param.document_name, "held.tif");
	ret = ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &s);
	err = errno;
	close(s.document_fd);
	errno = err;
	if (!ret && job_id)
		*job_id = s.job_id;
	return ret;
}

/*
 * Another user's job calls: list the queue, submit a job. Exits 0 when
 * both worked. The job goes to @number, the engine's own port, which never
 * takes a job for its own number: it stays queued and cannot disturb the
 * engine's call under test.
 */
static void other_user(const char *number)
{
	struct faxport_job_info info;
	struct faxport_job_list list = {
		.count = 1,
		.info_size = sizeof(info),
		.infos = (__u64)(unsigned long)&info,
	};
	int server;

	if (drop_to_nobody())
		_exit(2);
	server = server_connect();
	if (server < 0)
		_exit(3);
	if (ioctl(server, FAXPORT_IOC_JOB_LIST, &list))
		_exit(4);
	if (submit_job(server, number, NULL))
		_exit(5);
	_exit(0);
}

/* Wait up to timeout_ms for the child; true when it exited in time. */
static bool wait_child(pid_t pid, int timeout_ms, int *status)
{
	struct timespec tick = { .tv_nsec = 20 * 1000 * 1000 };
	int waited;

	for (waited = 0; waited < timeout_ms; waited += 20) {
		if (waitpid(pid, status, WNOHANG) == pid)
			return true;
		nanosleep(&tick, NULL);
	}
	return false;
}

static int write_protect(int uffd, void *page, size_t size, bool protect)
{
	struct uffdio_writeprotect wp = {
		.range = { .start = (__u64)(unsigned long)page, .len = size },
		.mode = protect ? UFFDIO_WRITEPROTECT_MODE_WP : 0,
	};

	return ioctl(uffd, UFFDIO_WRITEPROTECT, &wp);
}

FIXTURE(held) {
	int server;
	int engine;
	int uffd;
	void *page;
	size_t page_size;
	char engine_number[FAXPORT_NUMBER_SIZE];
	/*
	 * Why the kernel cannot hold a fault for the test, or NULL. 6.1's
	 * harness runs the test body after a SKIP in the setup, so the body
	 * skips itself.
	 */
	const char *no_fault_holding;
	int no_fault_holding_errno;
};

FIXTURE_VARIANT(held) {
	enum held_call call;
};

FIXTURE_VARIANT_ADD(held, submit) { .call = HELD_SUBMIT };
FIXTURE_VARIANT_ADD(held, receive_begin) { .call = HELD_RECEIVE_BEGIN };
FIXTURE_VARIANT_ADD(held, job_document) { .call = HELD_DOCUMENT };
FIXTURE_VARIANT_ADD(held, job_take) { .call = HELD_TAKE };

FIXTURE_SETUP(held)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_WP };

	self->engine = -1;
	self->server = server_connect();
	ASSERT_LE(0, self->server);
	ASSERT_EQ(0, port_sysfs(ENGINE_PORT, "number", self->engine_number,
				sizeof(self->engine_number)));

	/*
	 * Not UFFD_USER_MODE_ONLY: the faults to hold are the kernel's own
	 * copies. That needs root or vm.unprivileged_userfaultfd=1.
	 */
	self->uffd = syscall(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (self->uffd < 0) {
		self->no_fault_holding = "userfaultfd";
		self->no_fault_holding_errno = errno;
		return;
	}
	ASSERT_EQ(0, ioctl(self->uffd, UFFDIO_API, &api));
	self->page_size = sysconf(_SC_PAGESIZE);
	self->page = mmap(NULL, self->page_size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->page);
	memset(self->page, 0, self->page_size);	/* present, so reads pass */
	reg.range.start = (__u64)(unsigned long)self->page;
	reg.range.len = self->page_size;
	if (ioctl(self->uffd, UFFDIO_REGISTER, &reg)) {
		self->no_fault_holding = "userfaultfd write-protect";
		self->no_fault_holding_errno = errno;
	}
}

FIXTURE_TEARDOWN(held)
{
	struct faxport_job_info infos[64];
	struct faxport_job_list list = {
		.count = 64,
		.info_size = sizeof(infos[0]),
		.infos = (__u64)(unsigned long)infos,
	};
	__u32 i;

	if (self->engine >= 0)
		close(self->engine);
	if (!ioctl(self->server, FAXPORT_IOC_JOB_LIST, &list))
		for (i = 0; i < list.count && i < 64; i++) {
			struct faxport_job_control c = {
				.job_id = infos[i].job_id,
				.command = FAXPORT_JC_DELETE,
			};

			ioctl(self->server, FAXPORT_IOC_JOB_CONTROL, &c);
		}
	if (self->uffd >= 0)
		close(self->uffd);
	close(self->server);
}

/* The next line event of the engine for @job_id, a JOB event. */
static int engine_wait_job(int dsp, __u32 job_id)
{
	struct pollfd pfd = { .fd = dsp, .events = POLLPRI };
	struct faxport_line_event ev;

	while (poll(&pfd, 1, 5000) == 1) {
		if (ioctl(dsp, FAXPORT_IOC_LINE_EVENT, &ev))
			return -1;
		if (ev.type == FAXPORT_LINE_EV_JOB && ev.arg == job_id)
			return 0;
	}
	return -1;
}

TEST_F(held, other_users_go_on_while_a_copy_out_waits)
{
	struct held_ioctl call = { .fd = self->server };
	struct uffd_msg msg;
	struct pollfd pfd = { .fd = self->uffd, .events = POLLIN };
	bool others_in_time;
	pthread_t thread;
	int status = -1;
	__u32 job_id;
	pid_t child;

	if (self->no_fault_holding)
		SKIP(return, "%s: %s", self->no_fault_holding,
		     strerror(self->no_fault_holding_errno));

	switch (variant->call) {
	case HELD_SUBMIT: {
		struct faxport_job_submit *s = self->page;

		s->document_fd = document_memfd();
		ASSERT_LE(0, s->document_fd);
		strcpy(s->param.recipient_number, self->engine_number);
		call.cmd = FAXPORT_IOC_JOB_SUBMIT;
		break;
	}
	case HELD_RECEIVE_BEGIN:
		self->engine = dsp_attach(ENGINE_PORT, FAXPORT_CLOCK_FREE_RUNNING);
		ASSERT_LE(0, self->engine);
		call.fd = self->engine;
		call.cmd = FAXPORT_IOC_RECEIVE_BEGIN;
		break;
	case HELD_DOCUMENT: {
		struct faxport_job_document *d = self->page;

		ASSERT_EQ(0, submit_job(self->server, self->engine_number, &job_id));
		d->job_id = job_id;
		call.cmd = FAXPORT_IOC_JOB_DOCUMENT;
		break;
	}
	case HELD_TAKE: {
		struct faxport_job_take *t = self->page;

		self->engine = dsp_attach(ENGINE_PORT, FAXPORT_CLOCK_FREE_RUNNING);
		ASSERT_LE(0, self->engine);
		/* Any number but the engine's own: only its port can send. */
		ASSERT_EQ(0, submit_job(self->server,
					strcmp(self->engine_number, "999") ?
					"999" : "998", &job_id));
		ASSERT_EQ(0, engine_wait_job(self->engine, job_id));
		t->job_id = job_id;
		call.fd = self->engine;
		call.cmd = FAXPORT_IOC_JOB_TAKE;
		break;
	}
	}
	call.arg = self->page;
	ASSERT_EQ(0, write_protect(self->uffd, self->page, self->page_size, true));
	ASSERT_EQ(0, pthread_create(&thread, NULL, run_held_ioctl, &call));

	/* The kernel's write of the result faults and waits for us. */
	ASSERT_EQ(1, poll(&pfd, 1, FAULT_WAIT_MS)) {
		write_protect(self->uffd, self->page, self->page_size, false);
		pthread_join(thread, NULL);
		TH_LOG("the ioctl never wrote its result (ret %d, %s)",
		       call.ret, strerror(call.err));
	}
	ASSERT_EQ(sizeof(msg), read(self->uffd, &msg, sizeof(msg)));
	EXPECT_EQ(UFFD_EVENT_PAGEFAULT, msg.event);
	EXPECT_TRUE(msg.arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WP);

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0)
		other_user(self->engine_number);
	others_in_time = wait_child(child, OTHERS_WAIT_MS, &status);

	/* Let the write complete: a stuck kernel lets everyone go now. */
	ASSERT_EQ(0, write_protect(self->uffd, self->page, self->page_size, false));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	if (!others_in_time)
		ASSERT_EQ(child, waitpid(child, &status, 0));

	EXPECT_TRUE(others_in_time) {
		TH_LOG("another user's job calls waited for the held fault");
	}
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		TH_LOG("the other user's calls failed: status 0x%x", status);
	}
	EXPECT_EQ(0, call.ret) {
		TH_LOG("the held ioctl failed: %s", strerror(call.err));
	}
	if (variant->call == HELD_DOCUMENT) {
		struct faxport_job_document *d = self->page;

		EXPECT_LE(0, d->document_fd);
		close(d->document_fd);
	} else if (variant->call == HELD_TAKE) {
		struct faxport_job_take *t = self->page;

		EXPECT_EQ(job_id, t->info.job_id);
		EXPECT_LE(0, t->document_fd);
		close(t->document_fd);
	} else if (variant->call == HELD_SUBMIT) {
		struct faxport_job_submit *s = self->page;

		EXPECT_NE(0, s->job_id);
		close(s->document_fd);
	} else {
		struct faxport_receive_begin *b = self->page;

		EXPECT_NE(0, b->job_id);
	}
}

TEST_HARNESS_MAIN
