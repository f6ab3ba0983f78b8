// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * FaxInitializeEventQueue (events through a completion port) and
 * FaxGetDeviceStatusA/W, against the real driver (inside the VM, as root,
 * no faxd): the test plays the DSP engine of a port of its own so that a
 * job really goes through its states.
 */
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "apitest.h"
#include "dsp_engine.h"
#include "document_fixture.h"

#define EVENT_WAIT_MS 5000

struct received {
	DWORD event_id, device_id, job_id;
	FILETIME time;
	ULONG_PTR key;
};

/* The next event on the port within ms; false on timeout (or close). */
static bool next_event(HANDLE port, DWORD ms, struct received *event)
{
	LPOVERLAPPED overlapped = NULL;
	ULONG_PTR key = 0;
	DWORD bytes = 0;
	PFAX_EVENT fax_event;

	if (!GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, ms))
		return false;
	fax_event = (PFAX_EVENT)overlapped;
	event->event_id = fax_event->EventId;
	event->device_id = fax_event->DeviceId;
	event->job_id = fax_event->JobId;
	event->time = fax_event->TimeStamp;
	event->key = key;
	if (fax_event->SizeOfStruct != sizeof(FAX_EVENT) || bytes != sizeof(FAX_EVENT))
		event->event_id = 0xBAD;
	LocalFree(fax_event);
	return true;
}

/* Waits for the event id about job (or device, for job == 0); false on
 * timeout.  Events in between are skipped (other jobs, other ports). */
static bool wait_for(HANDLE port, DWORD event_id, DWORD device_id, DWORD job_id,
		     struct received *event)
{
	while (next_event(port, EVENT_WAIT_MS, event))
		if (event->event_id == event_id && event->device_id == device_id &&
		    event->job_id == job_id)
			return true;
	return false;
}

static uint64_t filetime_to_unix_ns(FILETIME time)
{
	uint64_t ticks = ((uint64_t)time.dwHighDateTime << 32) | time.dwLowDateTime;

	return (ticks - 116444736000000000ull) * 100;
}

static uint64_t now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
}

static int make_fax(char *path_template)
{
	struct fax_test_tiff spec = { .picture = FAX_TEST_BARS, .coding = FAX_TEST_MMR, .pages = 1,
				      .rows = 100 };
	int fd = mkstemp(path_template);

	if (fd < 0)
		return -1;
	close(fd);
	return fax_test_tiff_write(path_template, &spec, stderr);
}

static DWORD submit(HANDLE server, const char *path)
{
	FAX_JOB_PARAMA param;
	DWORD id = 0;

	memset(&param, 0, sizeof(param));
	param.SizeOfStruct = sizeof(param);
	param.RecipientNumber = "5550999";
	param.DocumentName = "events";
	return FaxSendDocumentA(server, path, &param, NULL, &id) ? id : 0;
}

/* A server handle, a completion port, a port with the test as engine. */
FIXTURE(line) {
	HANDLE server;
	HANDLE port;
	DWORD device_id;
	int dsp;
	char fax[64];
};

FIXTURE_SETUP(line)
{
	admin_delete_all_jobs();
	snprintf(self->fax, sizeof(self->fax), "/tmp/winfax-events-XXXXXX");
	ASSERT_EQ(0, make_fax(self->fax));
	self->server = connect_local();
	ASSERT_NE(NULL, self->server);
	self->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	ASSERT_NE(NULL, self->port);
	ASSERT_EQ(0, admin_port_add("Events API test", "5550501", &self->device_id));
	self->dsp = -1;
}

FIXTURE_TEARDOWN(line)
{
	FaxClose(self->server);
	CloseHandle(self->port);
	if (self->dsp >= 0)
		close(self->dsp);
	admin_port_remove(self->device_id);
	admin_delete_all_jobs();
	unlink(self->fax);
}

/* ---- the event order ----------------------------------------------------------- */

/* Drives job id through the engine: dialing, sending, completed. */
static int engine_sends(int dsp, DWORD id)
{
	if (engine_wait_job(dsp, id, EVENT_WAIT_MS) || engine_take(dsp, id) ||
	    engine_progress(dsp, id, FAXPORT_STATE_DIALING, 0, 1, "") ||
	    engine_progress(dsp, id, FAXPORT_STATE_SENDING, 1, 1, "FAR END") ||
	    engine_done(dsp, id, FAXPORT_STATE_COMPLETED, 1))
		return -1;
	return 0;
}

TEST_F(line, a_sent_job_gives_its_events_in_order)
{
	static const DWORD expected[] = {
		FEI_JOB_QUEUED, FEI_INITIALIZING, FEI_DIALING, FEI_SENDING, FEI_COMPLETED,
		FEI_DELETED,
	};
	struct received event;
	size_t next = 0;
	uint64_t before = now_ns();
	DWORD id;

	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 0x5151, NULL, 0));
	self->dsp = admin_dsp_attach(self->device_id);
	ASSERT_LE(0, self->dsp);
	ASSERT_TRUE(wait_for(self->port, FEI_FAXSVC_STARTED, self->device_id,
			     WINFAX_EVENT_NO_JOB, &event))
		TH_LOG("an engine attached");
	id = submit(self->server, self->fax);
	ASSERT_NE(0, id);
	ASSERT_EQ(0, engine_sends(self->dsp, id));

	while (next < sizeof(expected) / sizeof(expected[0]) &&
	       next_event(self->port, EVENT_WAIT_MS, &event)) {
		if (event.job_id != id)
			continue;
		ASSERT_EQ(expected[next], event.event_id) TH_LOG("event %zu", next);
		EXPECT_EQ(0x5151, event.key);
		EXPECT_EQ(next == 0 ? 0 : self->device_id, event.device_id)
			TH_LOG("queued concerns no port");
		EXPECT_LE(before / 100, filetime_to_unix_ns(event.time) / 100);
		EXPECT_GE(now_ns() / 100, filetime_to_unix_ns(event.time) / 100);
		next++;
	}
	EXPECT_EQ(sizeof(expected) / sizeof(expected[0]), next);

	/* The engine goes: the port's service ended. */
	close(self->dsp);
	self->dsp = -1;
	EXPECT_TRUE(wait_for(self->port, FEI_FAXSVC_ENDED, self->device_id, WINFAX_EVENT_NO_JOB,
			     &event));
}

/* The engine answered (a receive job starts); 0 or -1. */
static int engine_receives(int dsp, DWORD *job_id)
{
	struct faxport_receive_begin begin = { 0 };

	if (ioctl(dsp, FAXPORT_IOC_RECEIVE_BEGIN, &begin))
		return -1;
	*job_id = begin.job_id;
	return 0;
}

TEST_F(line, a_received_fax_is_routed_and_a_call_without_fax_tones_is_not_a_fax_call)
{
	struct received event;
	DWORD routed, not_fax;

	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 0, NULL, 0));
	self->dsp = admin_dsp_attach(self->device_id);
	ASSERT_LE(0, self->dsp);
	ASSERT_EQ(0, engine_receives(self->dsp, &routed));
	ASSERT_EQ(0, engine_progress(self->dsp, routed, FAXPORT_STATE_ROUTING, 0, 0, ""));
	ASSERT_EQ(0, engine_done(self->dsp, routed, FAXPORT_STATE_COMPLETED, 1));
	ASSERT_EQ(0, engine_receives(self->dsp, &not_fax));
	ASSERT_EQ(0, engine_done(self->dsp, not_fax, FAXPORT_STATE_NOT_FAX_CALL, 0));

	EXPECT_TRUE(wait_for(self->port, FEI_RECEIVING, self->device_id, routed, &event));
	EXPECT_TRUE(wait_for(self->port, FEI_ROUTING, self->device_id, routed, &event));
	EXPECT_TRUE(wait_for(self->port, FEI_COMPLETED, self->device_id, routed, &event));
	EXPECT_TRUE(wait_for(self->port, FEI_NOT_FAX_CALL, self->device_id, not_fax, &event));
}

TEST_F(line, a_call_that_found_no_dial_tone_says_so)
{
	struct received event;
	DWORD id;

	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 0, NULL, 0));
	self->dsp = admin_dsp_attach(self->device_id);
	ASSERT_LE(0, self->dsp);
	id = submit(self->server, self->fax);
	ASSERT_NE(0, id);
	ASSERT_EQ(0, engine_wait_job(self->dsp, id, EVENT_WAIT_MS));
	ASSERT_EQ(0, engine_take(self->dsp, id));
	ASSERT_EQ(0, engine_progress(self->dsp, id, FAXPORT_STATE_DIALING, 0, 1, ""));
	ASSERT_EQ(0, engine_done(self->dsp, id, FAXPORT_STATE_NO_DIAL_TONE, 0));
	EXPECT_TRUE(wait_for(self->port, FEI_INITIALIZING, self->device_id, id, &event));
	EXPECT_TRUE(wait_for(self->port, FEI_DIALING, self->device_id, id, &event));
	EXPECT_TRUE(wait_for(self->port, FEI_NO_DIAL_TONE, self->device_id, id, &event));
}

/* A line provider (a SIP user agent, say) reports its line down. */
TEST_F(line, a_user_line_that_goes_down_is_line_unavailable)
{
	struct faxport_port_add add = { .flags = FAXPORT_PORT_ADD_USER_LINE };
	struct faxport_line_attach attach = { .version = FAXPORT_API_VERSION };
	struct received event;
	int server = admin_server_open();
	int provider;

	ASSERT_LE(0, server);
	snprintf(add.name, sizeof(add.name), "Events API user line");
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_PORT_ADD, &add));
	provider = faxport_open_port_node(add.device_id);
	ASSERT_LE(0, provider);
	ASSERT_EQ(0, ioctl(provider, FAXPORT_IOC_LINE_ATTACH, &attach));
	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 0, NULL, 0));
	ASSERT_EQ(0, ioctl(provider, FAXPORT_IOC_PROVIDER_LINE_UP));
	ASSERT_EQ(0, ioctl(provider, FAXPORT_IOC_PROVIDER_LINE_DOWN));
	EXPECT_TRUE(wait_for(self->port, FEI_LINE_UNAVAILABLE, add.device_id,
			     WINFAX_EVENT_NO_JOB, &event));
	close(provider);
	admin_port_remove(add.device_id);
	close(server);
}

/* The subscription belongs to the completion port, not the server handle. */
TEST_F(line, events_keep_coming_after_the_server_handle_is_closed)
{
	struct received event;
	HANDLE other = connect_local();
	DWORD id;

	ASSERT_NE(NULL, other);
	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 1, NULL, 0));
	ASSERT_TRUE(FaxClose(self->server));
	self->server = NULL;
	id = submit(other, self->fax);
	ASSERT_NE(0, id);
	EXPECT_TRUE(wait_for(self->port, FEI_JOB_QUEUED, 0, id, &event));
	ASSERT_TRUE(FaxAbort(other, id));
	EXPECT_TRUE(wait_for(self->port, FEI_DELETED, 0, id, &event));
	FaxClose(other);
}

struct waiter {
	HANDLE port;
	pthread_t thread;
	int count;
	DWORD jobs[64];
};

static void *wait_events(void *argument)
{
	struct waiter *waiter = argument;
	struct received event;

	while (waiter->count < 64 && next_event(waiter->port, 2000, &event))
		if (event.event_id == FEI_JOB_QUEUED)
			waiter->jobs[waiter->count++] = event.job_id;
	return NULL;
}

TEST_F(line, two_threads_share_one_completion_port)
{
	enum { JOBS = 20 };
	struct waiter waiters[2] = { { .port = self->port }, { .port = self->port } };
	DWORD ids[JOBS];
	int seen = 0;

	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 2, NULL, 0));
	for (int i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&waiters[i].thread, NULL, wait_events, &waiters[i]));
	for (int i = 0; i < JOBS; i++) {
		ids[i] = submit(self->server, self->fax);
		ASSERT_NE(0, ids[i]);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(waiters[i].thread, NULL);
	/* Each event went to exactly one of them. */
	for (int i = 0; i < JOBS; i++) {
		int times = 0;

		for (int w = 0; w < 2; w++)
			for (int k = 0; k < waiters[w].count; k++)
				times += waiters[w].jobs[k] == ids[i];
		EXPECT_EQ(1, times) TH_LOG("job %u", ids[i]);
		seen += times;
	}
	EXPECT_EQ(JOBS, seen);
}

/* Initialising the same port and key again does not double the events;
 * another key is another subscription. */
TEST_F(line, reinitialising_does_not_duplicate_events)
{
	struct received event;
	int with_key_1 = 0, with_key_2 = 0;
	DWORD id;

	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 1, NULL, 0));
	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 1, NULL, 0));
	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 2, NULL, 0));
	id = submit(self->server, self->fax);
	ASSERT_NE(0, id);
	while (next_event(self->port, 1000, &event)) {
		if (event.event_id != FEI_JOB_QUEUED || event.job_id != id)
			continue;
		with_key_1 += event.key == 1;
		with_key_2 += event.key == 2;
	}
	EXPECT_EQ(1, with_key_1);
	EXPECT_EQ(1, with_key_2);
}

/* The process's threads and open fds, from /proc; -1 on error. */
static int proc_entries(const char *folder)
{
	DIR *dir = opendir(folder);
	struct dirent *entry;
	int count = 0;

	if (!dir)
		return -1;
	while ((entry = readdir(dir)))
		if (entry->d_name[0] != '.')
			count++;
	closedir(dir);
	return count;
}

/* The threads in /proc once it holds target, or after 2 s: a joined
 * thread's task is released just after pthread_join returns. */
static int threads_settled_at(int target)
{
	int count = proc_entries("/proc/self/task");

	for (int waited_ms = 0; count != target && waited_ms < 2000; waited_ms += 10) {
		usleep(10 * 1000);
		count = proc_entries("/proc/self/task");
	}
	return count;
}

/* Closing the port stops the subscription: its thread ends and its netlink
 * socket is closed by CloseHandle (counted in /proc, so a thread left
 * running fails here, not only under valgrind). */
TEST_F(line, closing_the_completion_port_ends_the_subscription)
{
	HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	struct received event;
	int threads_before = proc_entries("/proc/self/task");
	int fds_before = proc_entries("/proc/self/fd");

	ASSERT_NE(NULL, port);
	ASSERT_LT(0, threads_before);
	ASSERT_LT(0, fds_before);
	ASSERT_TRUE(FaxInitializeEventQueue(self->server, port, 3, NULL, 0));
	EXPECT_EQ(threads_before + 1, proc_entries("/proc/self/task"))
		TH_LOG("the subscription runs a thread");
	ASSERT_NE(0, submit(self->server, self->fax));
	usleep(100 * 1000);   /* an event may sit in the queue: freed by the close */
	ASSERT_TRUE(CloseHandle(port));
	EXPECT_EQ(threads_before, threads_settled_at(threads_before))
		TH_LOG("the event thread still runs after CloseHandle");
	EXPECT_GE(fds_before, proc_entries("/proc/self/fd"))
		TH_LOG("the subscription's socket is still open");
	ASSERT_NE(0, submit(self->server, self->fax));
	EXPECT_FALSE(next_event(port, 100, &event));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxInitializeEventQueue(self->server, port, 3, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

TEST_F(line, argument_errors)
{
	HWND window = (HWND)(uintptr_t)0x1234;

	EXPECT_FALSE(FaxInitializeEventQueue(self->server, NULL, 0, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("neither");
	EXPECT_FALSE(FaxInitializeEventQueue(self->server, self->port, 0, window, WM_USER));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("both");
	EXPECT_FALSE(FaxInitializeEventQueue(self->server, NULL, 0, window, WM_USER - 1));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("below WM_USER");
	EXPECT_FALSE(FaxInitializeEventQueue(self->server, NULL, 0, window, WM_USER));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, GetLastError()) TH_LOG("no window messages");
	EXPECT_FALSE(FaxInitializeEventQueue(NULL, self->port, 0, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle, as documented");
	EXPECT_FALSE(FaxInitializeEventQueue((HANDLE)(uintptr_t)0x700007, self->port, 0, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxInitializeEventQueue(self->server, self->server, 0, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError()) TH_LOG("not a completion port");
}

/* Unprivileged users get events too (the driver's group needs no right). */
TEST_F(line, users_get_events)
{
	struct received event;
	HANDLE server;
	DWORD id;

	/* Nobody cannot remove it in the teardown. */
	ASSERT_EQ(0, admin_port_remove(self->device_id));
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_NE(NULL, server);
	ASSERT_TRUE(FaxInitializeEventQueue(server, self->port, 0, NULL, 0));
	id = submit(server, self->fax);
	ASSERT_NE(0, id);
	EXPECT_TRUE(wait_for(self->port, FEI_JOB_QUEUED, 0, id, &event));
	FaxClose(server);
}

/*
 * Lost events are not silent.  The whole test process is stopped while
 * another process makes far more events than a socket buffer holds, so the
 * subscription overruns for sure; once it runs again, the application
 * sees WINFAX_FEI_EVENTS_LOST before the events that follow.
 */
TEST_F(line, an_overrun_is_reported)
{
	enum { BURST = 1500 };
	struct received event;
	bool lost = false;
	pid_t maker;
	int status;

	ASSERT_TRUE(FaxInitializeEventQueue(self->server, self->port, 9, NULL, 0));
	maker = fork();
	ASSERT_LE(0, maker);
	if (maker == 0) {
		int server = admin_server_open();
		int doc = open(self->fax, O_RDONLY | O_CLOEXEC);

		kill(getppid(), SIGSTOP);
		for (int i = 0; i < BURST && server >= 0 && doc >= 0; i++) {
			struct faxport_job_submit job;
			struct faxport_job_control control = { .command = FAXPORT_JC_DELETE };

			memset(&job, 0, sizeof(job));
			job.document_fd = doc;
			strcpy(job.param.recipient_number, "5550999");
			if (ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &job))
				break;
			control.job_id = job.job_id;
			ioctl(server, FAXPORT_IOC_JOB_CONTROL, &control);
		}
		kill(getppid(), SIGCONT);
		_exit(0);
	}
	ASSERT_EQ(maker, waitpid(maker, &status, 0));
	while (!lost && next_event(self->port, 2000, &event))
		lost = event.event_id == WINFAX_FEI_EVENTS_LOST;
	EXPECT_TRUE(lost);
	EXPECT_EQ(0, event.device_id);
	EXPECT_EQ(WINFAX_EVENT_NO_JOB, event.job_id);
}

/* ---- FaxGetDeviceStatus ---------------------------------------------------------- */

TEST_F(line, device_status_of_an_idle_port)
{
	PFAX_DEVICE_STATUSA status = NULL;
	PFAX_DEVICE_STATUSW wide = NULL;
	HANDLE port_handle = NULL;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &port_handle));
	ASSERT_TRUE(FaxGetDeviceStatusA(port_handle, &status));
	EXPECT_EQ(sizeof(FAX_DEVICE_STATUSA), status->SizeOfStruct);
	EXPECT_EQ(self->device_id, status->DeviceId);
	EXPECT_STREQ("Events API test", status->DeviceName);
	EXPECT_EQ(FPS_OFFLINE, status->Status) TH_LOG("no engine");
	EXPECT_EQ(JT_UNKNOWN, status->JobType);
	EXPECT_EQ(NULL, status->UserName);
	EXPECT_EQ(0, status->SubmittedTime.dwHighDateTime);
	FaxFreeBuffer(status);
	ASSERT_TRUE(FaxGetDeviceStatusW(port_handle, &wide));
	EXPECT_TRUE(wide_equals_utf8(wide->DeviceName, "Events API test"));
	FaxFreeBuffer(wide);

	EXPECT_FALSE(FaxGetDeviceStatusA(port_handle, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetDeviceStatusA(self->server, &status));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError()) TH_LOG("a server handle");
	EXPECT_FALSE(FaxGetDeviceStatusA(NULL, &status));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle, as documented");
	EXPECT_EQ(NULL, status);
	FaxClose(port_handle);
}

TEST_F(line, device_status_shows_who_calls_and_the_number_called)
{
	PFAX_DEVICE_STATUSA status = NULL;
	PFAX_DEVICE_STATUSW wide = NULL;
	HANDLE port_handle = NULL;
	int caller;

	self->dsp = admin_dsp_attach(self->device_id);
	ASSERT_LE(0, self->dsp);
	caller = admin_dsp_attach(1);
	ASSERT_LE(0, caller);
	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &port_handle));
	ASSERT_TRUE(FaxGetDeviceStatusA(port_handle, &status));
	EXPECT_EQ(NULL, status->CallerId) TH_LOG("no call yet");
	EXPECT_EQ(NULL, status->RoutingString);
	FaxFreeBuffer(status);

	/* Port 1 (number 1 on the exchange) calls the test's port. */
	ASSERT_EQ(0, admin_dial(caller, "5550501"));
	ASSERT_EQ(0, engine_wait_event(self->dsp, FAXPORT_LINE_EV_RING, EVENT_WAIT_MS));
	ASSERT_TRUE(FaxGetDeviceStatusA(port_handle, &status));
	EXPECT_STREQ("1", status->CallerId) TH_LOG("the caller's number");
	EXPECT_STREQ("5550501", status->RoutingString) TH_LOG("the number it called");
	FaxFreeBuffer(status);
	ASSERT_TRUE(FaxGetDeviceStatusW(port_handle, &wide));
	EXPECT_TRUE(wide_equals_utf8(wide->CallerId, "1"));
	EXPECT_TRUE(wide_equals_utf8(wide->RoutingString, "5550501"));
	FaxFreeBuffer(wide);

	/* The caller's side of the call has no caller id of its own. */
	close(caller);
	FaxClose(port_handle);
}

TEST_F(line, device_status_shows_the_job_on_the_port)
{
	PFAX_DEVICE_STATUSA status = NULL;
	HANDLE port_handle = NULL;
	uint64_t before = now_ns();
	DWORD id;

	self->dsp = admin_dsp_attach(self->device_id);
	ASSERT_LE(0, self->dsp);
	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &port_handle));
	/* The port handle keeps working after its server handle is closed. */
	ASSERT_TRUE(FaxClose(self->server));
	self->server = connect_local();
	id = submit(self->server, self->fax);
	ASSERT_NE(0, id);
	ASSERT_EQ(0, engine_wait_job(self->dsp, id, EVENT_WAIT_MS));
	ASSERT_EQ(0, engine_take(self->dsp, id));
	ASSERT_EQ(0, engine_progress(self->dsp, id, FAXPORT_STATE_SENDING, 1, 3, "FAR END"));

	ASSERT_TRUE(FaxGetDeviceStatusA(port_handle, &status));
	EXPECT_EQ(FPS_SENDING, status->Status);
	EXPECT_EQ(JT_SEND, status->JobType);
	EXPECT_EQ(1, status->CurrentPage);
	EXPECT_EQ(3, status->TotalPages);
	EXPECT_STREQ("root", status->UserName);
	EXPECT_STREQ("5550999", status->PhoneNumber);
	EXPECT_STREQ("events", status->DocumentName);
	EXPECT_STREQ("FAR END", status->Csid) TH_LOG("the far end's station id");
	EXPECT_LE(before / 100, filetime_to_unix_ns(status->SubmittedTime) / 100);
	EXPECT_LE(filetime_to_unix_ns(status->SubmittedTime),
		  filetime_to_unix_ns(status->StartTime));
	EXPECT_GE(now_ns() / 100, filetime_to_unix_ns(status->StartTime) / 100);
	FaxFreeBuffer(status);
	FaxClose(port_handle);
}

TEST_HARNESS_MAIN
