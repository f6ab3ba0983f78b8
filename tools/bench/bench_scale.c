// SPDX-License-Identifier: GPL-2.0
/*
 * bench_scale: how far one fax server goes.
 *
 *   ports_created       loopback ports created with PORT_ADD (goal 1024)
 *   port_memory         kernel memory per idle port: MemTotal - MemFree
 *                       before and after creating them, caches dropped
 *                       both times, less the red zones and tracking that
 *                       the VM's slub_debug adds to every slab object
 *   create_remove_1024  seconds to create and remove 1024 ports, against
 *                       mknod + unlink of 1024 character nodes in /tmp
 *   simultaneous_calls  call ends (ports) in free-running calls that were
 *                       all on the line at once and completed without
 *                       error: 128 faxd jobs from 128 send-only ports to
 *                       128 receive-only ports, all in one faxd (goal 256)
 *
 * usage: bench_scale DOCUMENT.tif FAXD_PID SPOOL_DIR (FAXD_PID 0: no calls)
 * faxd runs free-running with `ports = all`; the ports for the calls are
 * created here and faxd is told to attach to them with SIGHUP.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "bench_jobs.h"
#include "bench_report.h"

#define DEFAULT_ROUNDS 3
#define SCALE_PORTS 1024
#define CALL_PAIRS 128
#define CALLS_TIMEOUT_S 480
#define ATTACH_TIMEOUT_S 120
/* How often the calls' jobs are looked at (and the peak on the line sampled). */
#define CALLS_POLL_MS 1000
/* MemFree counts as settled when two readings this far apart differ by less. */
#define SETTLE_INTERVAL_US 500000
#define SETTLE_KIB 128
#define SETTLE_TRIES 20

/* One slab cache, from /sys/kernel/slab/NAME. */
struct slab_cache {
	char *name;
	double objects;		/* allocated objects */
	double object_size;	/* bytes the caller asked for */
	double slab_size;	/* bytes each takes with slub_debug's red zones and tracking */
};

struct memory_snapshot {
	double used_kib;	/* MemTotal - MemFree */
	double slab_kib;	/* Slab in /proc/meminfo */
	struct slab_cache *caches;
	size_t n_caches;
};

static double meminfo_kib(const char *name)
{
	FILE *file = fopen("/proc/meminfo", "r");
	char *line = NULL;
	size_t size = 0;
	size_t name_length = strlen(name);
	double kib = -1;

	if (!file)
		bench_die("cannot read /proc/meminfo");
	while (getline(&line, &size, file) > 0) {
		if (!strncmp(line, name, name_length) && line[name_length] == ':') {
			kib = strtod(line + name_length + 1, NULL);
			break;
		}
	}
	free(line);
	fclose(file);
	if (kib < 0)
		bench_die("no %s in /proc/meminfo", name);
	return kib;
}

static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);

	sync();
	if (fd < 0 || write(fd, "3\n", 2) != 2)
		bench_die("cannot drop caches (root needed): %s", strerror(errno));
	close(fd);
}

static double slab_attribute(const char *cache, const char *attribute)
{
	char *path, *line;
	double value;

	if (asprintf(&path, "/sys/kernel/slab/%s/%s", cache, attribute) < 0)
		bench_die("out of memory");
	line = bench_read_line(path);
	free(path);
	if (!line)
		return 0;
	value = strtod(line, NULL);
	free(line);
	return value;
}

/* Every cache but the aliases (symlinks), with its object counts and sizes. */
static void read_slab_caches(struct memory_snapshot *snapshot)
{
	DIR *dir = opendir("/sys/kernel/slab");
	struct dirent *entry;
	size_t capacity = 0;

	snapshot->caches = NULL;
	snapshot->n_caches = 0;
	if (!dir)
		return;
	while ((entry = readdir(dir))) {
		struct slab_cache *cache;

		if (entry->d_type != DT_DIR || entry->d_name[0] == '.')
			continue;
		if (snapshot->n_caches == capacity) {
			capacity = capacity ? 2 * capacity : 256;
			cache = realloc(snapshot->caches, capacity * sizeof(*cache));
			if (!cache)
				bench_die("out of memory");
			snapshot->caches = cache;
		}
		cache = &snapshot->caches[snapshot->n_caches++];
		cache->name = strdup(entry->d_name);
		if (!cache->name)
			bench_die("out of memory");
		cache->objects = slab_attribute(entry->d_name, "objects");
		cache->object_size = slab_attribute(entry->d_name, "object_size");
		cache->slab_size = slab_attribute(entry->d_name, "slab_size");
	}
	closedir(dir);
}

static void free_snapshot(struct memory_snapshot *snapshot)
{
	for (size_t i = 0; i < snapshot->n_caches; i++)
		free(snapshot->caches[i].name);
	free(snapshot->caches);
}

/*
 * Removed ports are freed in part later (RCU callbacks, work items): wait
 * until MemFree holds still, or a reading would count last round's frees.
 */
static double settled_used_kib(void)
{
	double used = meminfo_kib("MemTotal") - meminfo_kib("MemFree");

	for (int tries = 0; tries < SETTLE_TRIES; tries++) {
		double again;

		usleep(SETTLE_INTERVAL_US);
		drop_caches();
		again = meminfo_kib("MemTotal") - meminfo_kib("MemFree");
		if (again - used < SETTLE_KIB && used - again < SETTLE_KIB)
			return again;
		used = again;
	}
	return used;
}

static struct memory_snapshot memory_now(void)
{
	struct memory_snapshot snapshot;

	drop_caches();
	snapshot.used_kib = settled_used_kib();
	snapshot.slab_kib = meminfo_kib("Slab");
	read_slab_caches(&snapshot);
	return snapshot;
}

struct cache_growth {
	const char *name;
	double bytes;		/* objects added x object_size */
	double debug_bytes;	/* objects added x slab_size */
};

static int by_bytes_descending(const void *a, const void *b)
{
	double x = ((const struct cache_growth *)a)->bytes, y = ((const struct cache_growth *)b)->bytes;

	return (x < y) - (x > y);
}

/*
 * What the caches grew by, largest first, into *growth (n_caches entries).
 * slub_debug=FZPU (vm-run boots with it) pads every object with red zones
 * and allocation tracking; object_size is what a production kernel spends.
 */
static size_t slab_growth(const struct memory_snapshot *before, const struct memory_snapshot *after,
			  struct cache_growth **growth)
{
	size_t n = 0;

	*growth = calloc(after->n_caches ? after->n_caches : 1, sizeof(**growth));
	if (!*growth)
		bench_die("out of memory");
	for (size_t i = 0; i < after->n_caches; i++) {
		const struct slab_cache *cache = &after->caches[i];
		double objects_before = 0;

		for (size_t j = 0; j < before->n_caches; j++)
			if (!strcmp(before->caches[j].name, cache->name))
				objects_before = before->caches[j].objects;
		(*growth)[n].name = cache->name;
		(*growth)[n].bytes = (cache->objects - objects_before) * cache->object_size;
		(*growth)[n].debug_bytes = (cache->objects - objects_before) * cache->slab_size;
		n++;
	}
	qsort(*growth, n, sizeof(**growth), by_bytes_descending);
	return n;
}

/* The baseline: the device nodes alone, in tmpfs. */
static double mknod_unlink_seconds(int count)
{
	char *dir;
	uint64_t start;

	if (asprintf(&dir, "%s/bench_scale_nodes.%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		     (int)getpid()) < 0 || mkdir(dir, 0700))
		bench_die("cannot make a directory for the nodes");
	start = bench_now_ns();
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < count; i++) {
			char *path;

			if (asprintf(&path, "%s/node%d", dir, i) < 0)
				bench_die("out of memory");
			if (pass == 0 ? mknod(path, S_IFCHR | 0600, makedev(1, 3)) : unlink(path))
				bench_die("%s %s: %s", pass ? "unlink" : "mknod", path, strerror(errno));
			free(path);
		}
	}
	double seconds = (double)(bench_now_ns() - start) / 1e9;

	rmdir(dir);
	free(dir);
	return seconds;
}

struct ports_round {
	int created;
	int create_error;	/* errno of the first PORT_ADD that failed, or 0 */
	double seconds;		/* create + remove */
	double used_kib_per_port;	/* as measured, slub_debug's padding included */
	double slab_kib_per_port;	/* Slab in /proc/meminfo */
	/* Without slub_debug: less each new object's red zones and tracking. */
	double production_kib_per_port;
	double objects_kib_per_port;	/* slab objects only: new objects x object_size */
	char *top_caches;		/* the largest slab growths per port, as text */
};

static void ports_round(int server_fd, struct ports_round *round)
{
	uint32_t *ids = calloc(SCALE_PORTS, sizeof(*ids));
	struct memory_snapshot before, after;
	uint64_t start;
	double seconds;

	if (!ids)
		bench_die("out of memory");
	before = memory_now();
	round->created = 0;
	round->create_error = 0;
	start = bench_now_ns();
	for (int i = 0; i < SCALE_PORTS; i++) {
		int error = bench_port_add(server_fd, &ids[i]);

		if (error) {
			round->create_error = -error;
			break;
		}
		round->created++;
	}
	seconds = (double)(bench_now_ns() - start) / 1e9;
	after = memory_now();
	start = bench_now_ns();
	for (int i = 0; i < round->created; i++)
		if (bench_port_remove(server_fd, ids[i]))
			bench_die("PORT_REMOVE %u: %s", ids[i], strerror(errno));
	round->seconds = seconds + (double)(bench_now_ns() - start) / 1e9;
	if (round->created) {
		struct cache_growth *growth;
		size_t n = slab_growth(&before, &after, &growth);
		double padding = 0, slab_kib = after.slab_kib - before.slab_kib;
		size_t text_size = 0;
		FILE *text = open_memstream(&round->top_caches, &text_size);

		if (!text)
			bench_die("out of memory");
		for (size_t i = 0; i < n; i++) {
			padding += growth[i].debug_bytes - growth[i].bytes;
			round->objects_kib_per_port += growth[i].bytes / 1024 / round->created;
		}
		for (size_t i = 0; i < n && i < 6 && growth[i].bytes > 0; i++)
			fprintf(text, "%s%s %.0f B (%.0f B with slub_debug)", i ? ", " : "",
				growth[i].name, growth[i].bytes / round->created,
				growth[i].debug_bytes / round->created);
		fclose(text);
		round->used_kib_per_port = (after.used_kib - before.used_kib) / round->created;
		round->slab_kib_per_port = slab_kib / round->created;
		round->production_kib_per_port = (after.used_kib - before.used_kib -
						  padding / 1024) / round->created;
		free(growth);
	}
	free_snapshot(&before);
	free_snapshot(&after);
	free(ids);
}

/* ---- the calls ---------------------------------------------------------- */

static int sysfs_uint(uint32_t device_id, const char *attribute, unsigned long *value)
{
	char *path, *line;

	if (asprintf(&path, "/sys/class/faxport/faxport%u/%s", device_id, attribute) < 0)
		bench_die("out of memory");
	line = bench_read_line(path);
	free(path);
	if (!line)
		return -1;
	*value = strtoul(line, NULL, 0);
	free(line);
	return 0;
}

static char *port_number(uint32_t device_id)
{
	char *path, *number;

	if (asprintf(&path, "/sys/class/faxport/faxport%u/number", device_id) < 0)
		bench_die("out of memory");
	number = bench_read_line(path);
	if (!number)
		bench_die("cannot read %s", path);
	free(path);
	return number;
}

struct calls_result {
	int completed;		/* jobs that left the queue */
	int failed;
	int filed;		/* faxes the receivers filed */
	int peak_on_line;	/* jobs in the SENDING state at once */
	double seconds;
};

static void wait_attached(uint32_t *ids, int n)
{
	uint64_t deadline = bench_now_ns() + ATTACH_TIMEOUT_S * 1000000000ull;

	for (int i = 0; i < n; i++) {
		unsigned long attached = 0;

		while (sysfs_uint(ids[i], "dsp_attached", &attached) || !attached) {
			if (bench_now_ns() > deadline)
				bench_die("faxd did not attach to port %u", ids[i]);
			usleep(100000);
		}
	}
}

static void run_calls(int server_fd, int document_fd, int faxd_pid, const char *inbox,
		      struct calls_result *result)
{
	uint32_t ids[2 * CALL_PAIRS], jobs[CALL_PAIRS];
	struct bench_jobs_outcome outcome;
	uint64_t start;
	int filed_before = bench_inbox_filed(inbox);

	memset(result, 0, sizeof(*result));
	for (int i = 0; i < 2 * CALL_PAIRS; i++) {
		int error = bench_port_add(server_fd, &ids[i]);

		if (error)
			bench_die("PORT_ADD for the calls: %s", strerror(-error));
		/* The first half only sends, the second only answers. */
		bench_port_set_flags(server_fd, ids[i],
				     i < CALL_PAIRS ? FAXPORT_PORT_SEND : FAXPORT_PORT_RECEIVE);
	}
	if (kill(faxd_pid, SIGHUP))
		bench_die("cannot signal faxd: %s", strerror(errno));
	wait_attached(ids, 2 * CALL_PAIRS);

	start = bench_now_ns();
	for (int i = 0; i < CALL_PAIRS; i++) {
		char *number = port_number(ids[CALL_PAIRS + i]);

		jobs[i] = bench_job_submit(server_fd, document_fd, number);
		free(number);
	}
	bench_follow_jobs(server_fd, jobs, CALL_PAIRS, inbox, filed_before,
			  start + CALLS_TIMEOUT_S * 1000000000ull, CALLS_POLL_MS, &outcome);
	result->completed = outcome.completed;
	result->failed = outcome.failed;
	result->filed = outcome.filed;
	result->peak_on_line = outcome.peak_on_line;
	result->seconds = (double)(bench_now_ns() - start) / 1e9;
}

int main(int argc, char **argv)
{
	int rounds = bench_rounds(DEFAULT_ROUNDS);
	struct ports_round *port_rounds;
	double *created, *memory, *measured, *objects, *seconds, *baseline_seconds, *ratios;
	struct calls_result calls;
	char *inbox, *notes[4];
	int server_fd, document_fd, status = 0, create_error = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: bench_scale DOCUMENT.tif FAXD_PID SPOOL_DIR\n");
		return 2;
	}
	port_rounds = calloc((size_t)rounds, sizeof(*port_rounds));
	created = calloc((size_t)rounds * 7, sizeof(*created));
	if (!port_rounds || !created || asprintf(&inbox, "%s/inbox", argv[3]) < 0)
		bench_die("out of memory");
	memory = created + rounds;
	measured = created + 2 * rounds;
	seconds = created + 3 * rounds;
	baseline_seconds = created + 4 * rounds;
	ratios = created + 5 * rounds;
	objects = created + 6 * rounds;
	server_fd = bench_server_open();
	document_fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (document_fd < 0)
		bench_die("cannot open %s: %s", argv[1], strerror(errno));

	for (int round = 0; round < rounds; round++) {
		ports_round(server_fd, &port_rounds[round]);
		baseline_seconds[round] = mknod_unlink_seconds(SCALE_PORTS);
		created[round] = port_rounds[round].created;
		memory[round] = port_rounds[round].production_kib_per_port;
		measured[round] = port_rounds[round].used_kib_per_port;
		objects[round] = port_rounds[round].objects_kib_per_port;
		seconds[round] = port_rounds[round].seconds;
		ratios[round] = seconds[round] / baseline_seconds[round];
		if (port_rounds[round].create_error)
			create_error = port_rounds[round].create_error;
		fprintf(stderr, "bench_scale: round %d: %d ports in %.2f s, %.1f KiB each measured "
			"(slab %.1f KiB), %.1f KiB without slub_debug; per port: %s\n", round + 1,
			port_rounds[round].created, seconds[round], measured[round],
			port_rounds[round].slab_kib_per_port, memory[round],
			port_rounds[round].top_caches ? port_rounds[round].top_caches : "-");
	}
	/* FAXD_PID 0: the port measures only (a quick look). */
	if (atoi(argv[2]) > 0)
		run_calls(server_fd, document_fd, atoi(argv[2]), inbox, &calls);
	else
		memset(&calls, 0, sizeof(calls));
	fprintf(stderr, "bench_scale: calls: %d completed, %d failed, %d filed, at most %d on "
		"the line at once, %.0f s\n", calls.completed, calls.failed, calls.filed,
		calls.peak_on_line, calls.seconds);

	int simultaneous_ok = calls.completed < calls.filed ? calls.completed : calls.filed;

	if (calls.peak_on_line < simultaneous_ok)
		simultaneous_ok = calls.peak_on_line;

	if (asprintf(&notes[0], "of %d asked for, in each of %d rounds%s%s", SCALE_PORTS, rounds,
		     create_error ? "; PORT_ADD failed: " : "",
		     create_error ? strerror(create_error) : "") < 0 ||
	    asprintf(&notes[1], "first round, on a fresh kernel: MemTotal - MemFree after "
		     "drop_caches, measured %.1f KiB/port on this kernel booted with "
		     "slub_debug=FZPU; the value leaves out slub_debug's padding (new objects x "
		     "(slab_size - object_size)); slab objects alone (new objects x object_size), "
		     "median of the rounds: %.1f KiB/port; largest slab cache growths per port: %s",
		     measured[0], bench_median(objects, (size_t)rounds),
		     port_rounds[0].top_caches ? port_rounds[0].top_caches : "-") < 0 ||
	    asprintf(&notes[2], "PORT_ADD x %d then PORT_REMOVE x %d", SCALE_PORTS,
		     SCALE_PORTS) < 0 ||
	    asprintf(&notes[3], "%d pairs: %d jobs completed, %d failed, %d faxes filed, at most "
		     "%d pairs on the line at once, %.0f s wall; value = 2 x the pairs that "
		     "were all on the line at once and completed", CALL_PAIRS, calls.completed,
		     calls.failed, calls.filed, calls.peak_on_line, calls.seconds) < 0)
		bench_die("out of memory");

	struct bench_measure scale[4] = {
		{
			.key = "ports_created", .unit = "ports",
			.value_what = "ports created with FAXPORT_IOC_PORT_ADD",
			.baseline_what = "the goal",
			.value = bench_median(created, (size_t)rounds), .baseline = SCALE_PORTS,
			.goal_kind = BENCH_GOAL_AT_LEAST, .goal = SCALE_PORTS,
			.goal_on_value = true, .rounds = rounds, .note = notes[0],
		},
		{
			.key = "port_memory", .unit = "KiB/port",
			.value_what = "kernel memory per idle port, without slub_debug padding",
			.baseline_what = "the goal's budget, 16 KiB",
			.value = memory[0], .baseline = 16,
			.goal_kind = BENCH_GOAL_AT_MOST, .goal = 1, .rounds = 1,
			.note = notes[1],
		},
		{
			.key = "create_remove_1024", .unit = "s",
			.value_what = "create and remove 1024 ports",
			.baseline_what = "mknod + unlink of 1024 character nodes in /tmp",
			.value = bench_median(seconds, (size_t)rounds),
			.baseline = bench_median(baseline_seconds, (size_t)rounds),
			.goal_kind = BENCH_GOAL_NONE, .rounds = rounds, .note = notes[2],
		},
		{
			.key = "simultaneous_calls", .unit = "call ends",
			.value_what = "ports in simultaneous free-running calls completed without error",
			.baseline_what = "the goal",
			.value = 2.0 * simultaneous_ok, .baseline = 2 * CALL_PAIRS,
			.goal_kind = BENCH_GOAL_AT_LEAST, .goal = 2 * CALL_PAIRS,
			.goal_on_value = true, .rounds = 1, .note = notes[3],
		},
	};
	for (int i = 0; i < 4; i++) {
		scale[i].ratio = scale[i].value / scale[i].baseline;
		if (i == 2) {
			bench_min_max(ratios, (size_t)rounds, &scale[i].ratio_min,
				      &scale[i].ratio_max);
		} else {
			scale[i].ratio_min = scale[i].ratio_max = scale[i].ratio;
		}
	}
	if (bench_report_group("scale", scale, 4))
		status = 1;
	for (int i = 0; i < 4; i++)
		free(notes[i]);
	for (int round = 0; round < rounds; round++)
		free(port_rounds[round].top_caches);
	free(inbox);
	free(created);
	free(port_rounds);
	close(document_fd);
	close(server_fd);
	return status;
}
