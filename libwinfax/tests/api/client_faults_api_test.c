// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Client faults: applications killed with SIGKILL while they hold server and
 * port handles, while a thread waits on a completion port for fax events,
 * and in the middle of FaxSendDocument. Whatever the moment, the kernel must
 * end up with no object of theirs left (the live counts in debugfs back at
 * their baseline, once the jobs they managed to queue are deleted), a port
 * they held for MODIFY must be free again, and every job they queued must
 * be whole (a document, a recipient).
 */
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "apitest.h"
#include "document_fixture.h"
#include "../../../selftests/faxport/live_objects.h"

/* The harness ends each test with _exit(): say it before that. */
#define reliability_row(...) do { printf(__VA_ARGS__); fflush(stdout); } while (0)
#define SEND_KILLS 24

/* Every queued job, checked whole, then deleted; returns how many or -1. */
static int delete_queued_jobs(bool *all_whole)
{
	/* Zeroed: the driver fills it through a pointer inside the request,
	 * which valgrind cannot follow, so it would call what the driver
	 * wrote uninitialised. */
	struct faxport_job_info infos[64] = { 0 };
	int server = admin_server_open();
	int deleted = 0;

	*all_whole = true;
	if (server < 0)
		return -1;
	for (int rounds = 0; rounds < 1000; rounds++) {
		struct faxport_job_list list = {
			.count = 64, .info_size = sizeof(infos[0]),
			.infos = (uintptr_t)infos,
		};
		unsigned int filled;

		if (ioctl(server, FAXPORT_IOC_JOB_LIST, &list)) {
			deleted = -1;
			break;
		}
		if (!list.count)
			break;
		filled = list.count < 64 ? list.count : 64;
		for (unsigned int i = 0; i < filled; i++) {
			struct faxport_job_control control = {
				.job_id = infos[i].job_id, .command = FAXPORT_JC_DELETE,
			};

			if (!infos[i].size ||
			    strcmp(infos[i].param.recipient_number, "5550199"))
				*all_whole = false;
			if (ioctl(server, FAXPORT_IOC_JOB_CONTROL, &control) == 0)
				deleted++;
		}
	}
	close(server);
	return deleted;
}

/* The child tells the parent it is where it should be killed. */
static void ready(int fd)
{
	if (write(fd, "r", 1) != 1)
		_exit(3);
}

static void wait_ready(struct __test_metadata *_metadata, int fd)
{
	char c;

	ASSERT_EQ(1, read(fd, &c, 1));
}

static pid_t spawn(int *ready_fd, void (*body)(int fd))
{
	int fds[2];
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		body(fds[1]);
		_exit(0);
	}
	close(fds[1]);
	*ready_fd = fds[0];
	return pid;
}

static void kill_and_reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void hold_handles(int fd)
{
	HANDLE server = NULL, query = NULL, modify = NULL;

	if (!FaxConnectFaxServerA(NULL, &server) ||
	    !FaxOpenPort(server, 1, PORT_OPEN_QUERY, &query) ||
	    !FaxOpenPort(server, 2, PORT_OPEN_MODIFY, &modify))
		_exit(2);
	ready(fd);
	pause();
}

static void wait_on_completion_port(int fd)
{
	HANDLE server = NULL, port;
	DWORD bytes;
	ULONG_PTR key;
	LPOVERLAPPED overlapped;

	if (!FaxConnectFaxServerA(NULL, &server))
		_exit(2);
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	if (!port || !FaxInitializeEventQueue(server, port, 7, NULL, 0))
		_exit(2);
	ready(fd);
	for (;;)
		GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, INFINITE);
}

static char document_path[] = "/tmp/client-faults-XXXXXX.tif";

/* The jobs in the queue, as an administrator sees them; -1 on error. */
static int queued_job_count(void)
{
	struct faxport_job_info infos[1] = { 0 };
	struct faxport_job_list list = {
		.count = 1, .info_size = sizeof(infos[0]), .infos = (uintptr_t)infos,
	};
	int server = admin_server_open();
	int count;

	if (server < 0)
		return -1;
	count = ioctl(server, FAXPORT_IOC_JOB_LIST, &list) ? -1 : (int)list.count;
	close(server);
	return count;
}

static void send_forever(int fd)
{
	HANDLE server = NULL;
	FAX_JOB_PARAMA param;

	if (!FaxConnectFaxServerA(NULL, &server))
		_exit(2);
	memset(&param, 0, sizeof(param));
	param.SizeOfStruct = sizeof(param);
	param.RecipientNumber = "5550199";
	param.ScheduleAction = JSA_NOW;
	ready(fd);
	for (;;) {
		DWORD id;

		if (!FaxSendDocumentA(server, document_path, &param, NULL, &id))
			_exit(4);
	}
}

FIXTURE(client)
{
	char baseline[256];
};

FIXTURE_SETUP(client)
{
	struct fax_test_tiff spec = { .picture = FAX_TEST_BARS, .coding = FAX_TEST_MMR,
				      .resolution = PAGE_RESOLUTION_FINE, .pages = 2, .rows = 400 };
	int fd = mkstemps(document_path, 4);

	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, fax_test_tiff_write(document_path, &spec, stderr));
	ASSERT_EQ(0, live_objects_read(self->baseline, sizeof(self->baseline)))
		TH_LOG("no %s: is faxport.ko loaded, debugfs there?", LIVE_OBJECTS_FILE);
}

FIXTURE_TEARDOWN(client)
{
	unlink(document_path);
}

TEST_F(client, killed_holding_handles_leaves_nothing)
{
	char now[256];
	HANDLE server = NULL, modify = NULL;
	int fd;
	pid_t pid = spawn(&fd, hold_handles);

	ASSERT_LT(0, pid);
	wait_ready(_metadata, fd);
	kill_and_reap(pid);
	close(fd);
	EXPECT_TRUE(live_objects_back(self->baseline, now, sizeof(now))) TH_LOG("left: %s", now);
	ASSERT_TRUE(FaxConnectFaxServerA(NULL, &server));
	EXPECT_TRUE(FaxOpenPort(server, 2, PORT_OPEN_MODIFY, &modify))
		TH_LOG("the killed client's MODIFY handle still holds port 2: %u", GetLastError());
	if (modify)
		FaxClose(modify);
	FaxClose(server);
	reliability_row("# reliability: client fault | a client killed holding a server handle and QUERY and MODIFY port handles | 1 kill | %s\n",
	       _metadata->passed ? "objects back to baseline, port free for MODIFY" : "FAILED");
}

TEST_F(client, killed_waiting_for_events_leaves_nothing)
{
	char now[256];
	int fd;
	pid_t pid = spawn(&fd, wait_on_completion_port);

	ASSERT_LT(0, pid);
	wait_ready(_metadata, fd);
	usleep(100000);		/* let it block in GetQueuedCompletionStatus */
	kill_and_reap(pid);
	close(fd);
	EXPECT_TRUE(live_objects_back(self->baseline, now, sizeof(now))) TH_LOG("left: %s", now);
	reliability_row("# reliability: client fault | a client killed while a thread waits on its completion port for fax events | 1 kill | %s\n",
	       _metadata->passed ? "objects back to baseline" : "FAILED");
}

TEST_F(client, killed_inside_faxsenddocument_queues_whole_jobs_only)
{
	char now[256];
	bool whole = false;
	int queued, i;

	srand((unsigned int)time(NULL));
	for (i = 0; i < SEND_KILLS; i++) {
		int fd;
		pid_t pid = spawn(&fd, send_forever);

		ASSERT_LT(0, pid);
		wait_ready(_metadata, fd);
		/* Anywhere in the loop: opening, checking, converting, submitting. */
		usleep((useconds_t)(rand() % 40000));
		kill_and_reap(pid);
		close(fd);
	}
	/* Random moments may all fall before a first job is queued, and "every
	 * job whole" says nothing about no job: one more client is killed
	 * only once it has queued, in the middle of its next FaxSendDocument. */
	{
		int before = queued_job_count();
		int fd, waited_ms = 0;
		pid_t pid = spawn(&fd, send_forever);

		ASSERT_LE(0, before);
		ASSERT_LT(0, pid);
		wait_ready(_metadata, fd);
		while (queued_job_count() <= before && waited_ms < 30000) {
			usleep(10000);
			waited_ms += 10;
		}
		kill_and_reap(pid);
		close(fd);
		EXPECT_LT(before, queued_job_count()) TH_LOG("the last client queued nothing in 30 s");
	}
	queued = delete_queued_jobs(&whole);
	EXPECT_LT(0, queued) TH_LOG("no job was queued: nothing was checked");
	EXPECT_TRUE(whole) TH_LOG("a job without its document or recipient");
	EXPECT_TRUE(live_objects_back(self->baseline, now, sizeof(now))) TH_LOG("left: %s", now);
	reliability_row("# reliability: client fault | clients killed at random moments inside FaxSendDocument loops | %d kills, %d jobs queued | %s\n",
	       SEND_KILLS, queued,
	       _metadata->passed ? "every job whole, objects back to baseline" : "FAILED");
}

TEST_HARNESS_MAIN
