// SPDX-License-Identifier: GPL-2.0
/*
 * stress: everything at once, for a bounded time. Handle threads open,
 * bind, query and close server and port handles; an admin thread adds and
 * removes ports under them; an engine thread attaches to ports and
 * detaches; a jobs thread submits, pauses, resumes and deletes jobs. Every
 * failure must be an errno the uAPI documents, and afterwards the live
 * object counts in debugfs (handles, port files, ports, jobs) must be back
 * at their baseline: nothing leaked, nothing freed twice (the VM runner
 * fails on any KASAN report or splat).
 *
 * Usage: stress [-s SECONDS]   (prints TAP; root, inside tools/vm-run)
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "faxport_test.h"
#include "live_objects.h"

#define HANDLE_THREADS 2
#define ADDED_PORTS_MAX 8
#define JOBS_KEPT 32

static atomic_bool stop;
static atomic_ulong operations;
static atomic_ulong refused;	/* operations that failed, documented or not */
static atomic_ulong undocumented;
static atomic_int first_undocumented;
static const char *first_undocumented_what;

/* Device ids a thread may pick: ports 1..4 and whatever the admin added. */
static atomic_uint live_ids[4 + ADDED_PORTS_MAX];

static void check(const char *what, int ret)
{
	atomic_fetch_add(&operations, 1);
	if (ret >= 0)
		return;
	atomic_fetch_add(&refused, 1);
	if (faxport_errno_documented(errno))
		return;
	if (atomic_fetch_add(&undocumented, 1) == 0) {
		first_undocumented_what = what;
		atomic_store(&first_undocumented, errno);
	}
}

static unsigned int random_id(unsigned int *seed)
{
	return atomic_load(&live_ids[rand_r(seed) % (4 + ADDED_PORTS_MAX)]);
}

static void *handle_thread(void *data)
{
	unsigned int seed = (unsigned int)(uintptr_t)data;
	struct faxport_port_info info;
	struct faxport_port_info infos[8];

	while (!atomic_load(&stop)) {
		struct faxport_port_list list = {
			.count = 8, .info_size = sizeof(infos[0]),
			.infos = (uintptr_t)infos,
		};
		int server = server_connect();
		int port;

		check("connect", server);
		if (server < 0)
			continue;
		check("PORT_LIST", ioctl(server, FAXPORT_IOC_PORT_LIST, &list));
		port = port_open(server, random_id(&seed),
				 rand_r(&seed) % 2 ? FAXPORT_OPEN_QUERY : FAXPORT_OPEN_MODIFY);
		check("port open", port);
		/* The server handle may go first: the port handle keeps its rights. */
		if (rand_r(&seed) % 2)
			close(server);
		if (port >= 0) {
			check("PORT_GET", port_get(port, &info));
			close(port);
		}
		if (server >= 0)
			close(server);
	}
	return NULL;
}

static void *admin_thread(void *data)
{
	unsigned int seed = (unsigned int)(uintptr_t)data;
	int server = server_connect();
	unsigned int n = 0;

	if (server < 0)
		return NULL;
	while (!atomic_load(&stop)) {
		unsigned int slot = 4 + rand_r(&seed) % ADDED_PORTS_MAX;
		unsigned int id = atomic_load(&live_ids[slot]);
		char name[32];

		if (id) {
			atomic_store(&live_ids[slot], 0);
			check("PORT_REMOVE", port_remove(server, id));
		} else {
			snprintf(name, sizeof(name), "stress%u", n++);
			if (port_add(server, name, "", &id) == 0)
				atomic_store(&live_ids[slot], id);
			else
				check("PORT_ADD", -1);
		}
		usleep(1000);
	}
	for (unsigned int slot = 4; slot < 4 + ADDED_PORTS_MAX; slot++) {
		unsigned int id = atomic_exchange(&live_ids[slot], 0);

		if (id)
			check("PORT_REMOVE", port_remove(server, id));
	}
	close(server);
	return NULL;
}

static void *engine_thread(void *data)
{
	unsigned int seed = (unsigned int)(uintptr_t)data;

	while (!atomic_load(&stop)) {
		struct faxport_line_event event;
		int dsp = dsp_attach(random_id(&seed), FAXPORT_CLOCK_FREE_RUNNING);

		check("DSP_ATTACH", dsp);
		if (dsp < 0)
			continue;
		for (int i = 0; i < 4; i++)
			check("LINE_EVENT", ioctl(dsp, FAXPORT_IOC_LINE_EVENT, &event));
		close(dsp);
	}
	return NULL;
}

static void *jobs_thread(void *data)
{
	unsigned int seed = (unsigned int)(uintptr_t)data;
	unsigned int ids[JOBS_KEPT] = { 0 };
	int server = server_connect();
	int document = memfd_create("stress-document", MFD_CLOEXEC);

	if (server < 0 || document < 0 || write(document, "II*\0", 4) != 4)
		return NULL;
	while (!atomic_load(&stop)) {
		unsigned int slot = rand_r(&seed) % JOBS_KEPT;

		if (!ids[slot]) {
			struct faxport_job_submit submit = { .document_fd = document };

			snprintf(submit.param.recipient_number,
				 sizeof(submit.param.recipient_number), "%u",
				 1 + rand_r(&seed) % 4);
			check("JOB_SUBMIT", ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &submit));
			ids[slot] = submit.job_id;
		} else {
			struct faxport_job_control control = {
				.job_id = ids[slot],
				.command = 1 + rand_r(&seed) % 3,
			};

			check("JOB_CONTROL", ioctl(server, FAXPORT_IOC_JOB_CONTROL, &control));
			if (control.command == FAXPORT_JC_DELETE)
				ids[slot] = 0;
		}
	}
	for (unsigned int slot = 0; slot < JOBS_KEPT; slot++) {
		struct faxport_job_control control = {
			.job_id = ids[slot], .command = FAXPORT_JC_DELETE,
		};

		if (ids[slot])
			check("JOB_CONTROL", ioctl(server, FAXPORT_IOC_JOB_CONTROL, &control));
	}
	close(document);
	close(server);
	return NULL;
}

/*
 * Should jobs stay behind, which ones and in what state: a count alone does
 * not tell a leak from jobs the queue keeps on purpose (failed, kept
 * dirty_days) or from another process's.
 */
static void describe_jobs_left(void)
{
	static struct faxport_job_info infos[16];
	struct faxport_job_list list = {
		.count = 16, .info_size = sizeof(infos[0]),
		.infos = (uintptr_t)infos,
	};
	int server = server_connect();

	if (server < 0 || ioctl(server, FAXPORT_IOC_JOB_LIST, &list)) {
		printf("# the jobs left could not be listed: %s\n", strerror(errno));
	} else {
		printf("# %u jobs left; the first of them:\n", list.count);
		for (unsigned int i = 0; i < list.count && i < 16; i++)
			printf("#   job %u: owner %u type %u queue_status %#x state %#x port %u retries %u\n",
			       infos[i].job_id, infos[i].owner_uid, infos[i].job_type,
			       infos[i].queue_status, infos[i].state, infos[i].device_id,
			       infos[i].retries_left);
	}
	if (server >= 0)
		close(server);
}

/* A test line per kind of object: its count now against the baseline. */
static void report_count(int number, const char *what, const char *kind,
			 const char *baseline, const char *now, int *failures)
{
	long before = live_objects_count(baseline, kind);
	long after = live_objects_count(now, kind);
	bool same = before >= 0 && before == after;

	if (!same)
		(*failures)++;
	printf("%sok %d - %s back to their baseline %ld (now %ld)\n",
	       same ? "" : "not ", number, what, before, after);
}

int main(int argc, char **argv)
{
	pthread_t threads[HANDLE_THREADS + 3];
	char baseline[512], after[512];
	bool settled;
	unsigned int seconds = 10, n = 0;
	int opt, failures = 0;

	while ((opt = getopt(argc, argv, "s:")) != -1) {
		if (opt != 's') {
			fprintf(stderr, "usage: %s [-s SECONDS]\n", argv[0]);
			return 2;
		}
		seconds = (unsigned int)strtoul(optarg, NULL, 0);
	}
	printf("1..5\n");
	if (getuid() != 0 || live_objects_read(baseline, sizeof(baseline))) {
		printf("not ok 1 - needs root, faxport.ko and debugfs (run it in tools/vm-run)\n");
		return 1;
	}
	for (unsigned int i = 0; i < 4; i++)
		atomic_store(&live_ids[i], i + 1);

	for (unsigned int i = 0; i < HANDLE_THREADS; i++)
		pthread_create(&threads[n++], NULL, handle_thread, (void *)(uintptr_t)(i + 1));
	pthread_create(&threads[n++], NULL, admin_thread, (void *)(uintptr_t)101);
	pthread_create(&threads[n++], NULL, engine_thread, (void *)(uintptr_t)202);
	pthread_create(&threads[n++], NULL, jobs_thread, (void *)(uintptr_t)303);
	sleep(seconds);
	atomic_store(&stop, true);
	for (unsigned int i = 0; i < n; i++)
		pthread_join(threads[i], NULL);

	settled = live_objects_back(baseline, after, sizeof(after));
	if (!settled) {
		printf("# the counts did not settle within 5 s\n");
		describe_jobs_left();
	}
	printf("# %lu operations in %u s, %lu of them refused\n", atomic_load(&operations), seconds,
	       atomic_load(&refused));
	printf("# reliability: concurrency | handle, admin (port add/remove), engine (attach/detach) and job (submit/pause/resume/delete) threads for %u s | %lu operations | %s\n",
	       seconds, atomic_load(&operations),
	       settled ? "handles, port files, ports and jobs back to baseline" :
	       "objects left over");
	if (atomic_load(&undocumented) == 0) {
		printf("ok 1 - every failure was a documented errno\n");
	} else {
		printf("not ok 1 - every failure was a documented errno\n"
		       "# %lu undocumented; first: %s from %s\n",
		       atomic_load(&undocumented),
		       strerror(atomic_load(&first_undocumented)), first_undocumented_what);
		failures++;
	}
	report_count(2, "server handles", "server_handles", baseline, after, &failures);
	report_count(3, "port files", "port_files", baseline, after, &failures);
	report_count(4, "ports", "ports", baseline, after, &failures);
	report_count(5, "jobs", "jobs", baseline, after, &failures);
	return failures ? 1 : 0;
}
