// SPDX-License-Identifier: GPL-2.0
/*
 * bench_realtime: does a real-time call keep the line's clock when the
 * machine is busy?
 *
 *   realtime_under_load  a 3-page V.17 fax without ECM (so that a gap in
 *                        the audio damages the page instead of being
 *                        repaired) from one port to another, both ends in
 *                        a real-time faxd, while stress-ng runs 16 CPU hogs
 *                        at the same nice level as everything else: a
 *                        waking faxd still preempts one hog (CFS favours
 *                        sleepers), but its fair share of the vCPU, 1/17,
 *                        is less than a call's two ends need under TCG, so
 *                        at normal priority it falls behind the clock (4
 *                        hogs were not enough to show it).
 *                        Twice: faxd with realtime_priority 10 (its
 *                        default, SCHED_RR) and with 0 (normal
 *                        scheduling), the baseline, under the same load.
 *     audio_missed_ms    what faxd's log says its audio missed of the
 *                        real-time clock (goal: 0 with SCHED_RR);
 *     faxes_damaged      1 when the fax did not arrive whole and identical
 *                        to the document, page for page (goal: 0).
 *
 * usage: bench_realtime DOCUMENT.tif FAXD TIFF_COMPARE WORK_DIR SPOOL_DIR NUMBER
 * Run as root in the VM with no engine attached (tools/bench/run-in-vm):
 * it starts faxd itself, with configs it writes in WORK_DIR.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_jobs.h"
#include "bench_report.h"

#define DOCUMENT_PAGES 3
#define CALL_TIMEOUT_S 600
#define POLL_MS 100
#define FAXD_START_TIMEOUT_MS 30000

struct call_under_load {
	double missed_ms;	/* from faxd's warnings */
	int damaged;		/* 1: not received whole and identical */
	double wall_seconds;
	const char *outcome;	/* "completed", "failed", "timeout" */
};

/* fork and exec @argv with stdout and stderr to @log_path (or /dev/null); the pid. */
static pid_t spawn(char *const argv[], const char *log_path)
{
	pid_t pid = fork();

	if (pid < 0)
		bench_die("fork: %s", strerror(errno));
	if (pid == 0) {
		int out = open(log_path ? log_path : "/dev/null",
			       O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

		if (out < 0 || dup2(out, STDOUT_FILENO) < 0 || dup2(out, STDERR_FILENO) < 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static int stop(pid_t pid)
{
	int status = 0;

	kill(pid, SIGTERM);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* Does @path hold @text? Re-read each time: faxd appends to it. */
static bool file_contains(const char *path, const char *text)
{
	FILE *file = fopen(path, "r");
	char *line = NULL;
	size_t size = 0;
	bool found = false;

	while (file && !found && getline(&line, &size, file) > 0)
		found = strstr(line, text) != NULL;
	if (file)
		fclose(file);
	free(line);
	return found;
}

/* The sum of faxd's "N ms of our audio missed the real-time clock" warnings. */
static double missed_ms(const char *log_path)
{
	FILE *file = fopen(log_path, "r");
	char *line = NULL;
	size_t size = 0;
	double total = 0;

	if (!file)
		bench_die("cannot read %s", log_path);
	while (getline(&line, &size, file) > 0) {
		const char *warning = strstr(line, " ms of our audio missed the real-time clock");
		const char *number;
		double ms;

		if (!warning)
			continue;
		for (number = warning; number > line && number[-1] != ' '; number--)
			;
		if (sscanf(number, "%lf", &ms) == 1)
			total += ms;
	}
	free(line);
	fclose(file);
	return total;
}

/* A fax faxd filed complete: "<stamp>-<port>-<seq>.tif" (not failed-, not .partial-). */
static int is_filed_fax(const struct dirent *entry)
{
	size_t length = strlen(entry->d_name);

	return length > 4 && entry->d_name[0] >= '0' && entry->d_name[0] <= '9' &&
	       !strcmp(entry->d_name + length - 4, ".tif");
}

/* The newest fax faxd filed in the inbox (names sort by time), or NULL. */
static char *newest_fax(const char *inbox)
{
	struct dirent **entries;
	int n = scandir(inbox, &entries, is_filed_fax, alphasort);
	char *path = NULL;

	if (n > 0 && asprintf(&path, "%s/%s", inbox, entries[n - 1]->d_name) < 0)
		bench_die("out of memory");
	for (int i = 0; i < n; i++)
		free(entries[i]);
	if (n >= 0)
		free(entries);
	return path;
}

static struct call_under_load run_call(const char *const paths[6], int priority)
{
	const char *document = paths[0], *faxd = paths[1], *tiff_compare = paths[2];
	const char *work = paths[3], *spool = paths[4], *number = paths[5];
	struct call_under_load result = { .damaged = 1, .outcome = "failed" };
	char *config, *log, *inbox, *received;
	char *stress_argv[] = { "/usr/bin/stress-ng", "--cpu", "16", "--timeout", "900",
				"--quiet", NULL };
	struct bench_jobs_outcome outcome;
	pid_t faxd_pid, stress_pid;
	int server_fd, document_fd, filed_before, waited;
	uint64_t start;
	uint32_t job;
	FILE *file;

	if (asprintf(&config, "%s/faxd-priority-%d.conf", work, priority) < 0 ||
	    asprintf(&log, "%s/faxd-priority-%d.log", work, priority) < 0 ||
	    asprintf(&inbox, "%s/inbox", spool) < 0)
		bench_die("out of memory");
	file = fopen(config, "w");
	if (!file)
		bench_die("cannot write %s", config);
	fprintf(file, "spool_dir = %s\nclock = realtime\nports = all\nlog_level = notice\n"
		"modems = v17\ncompressions = mr\necm = no\nrealtime_priority = %d\n",
		spool, priority);
	fclose(file);
	chmod(config, 0600);
	unlink(log);

	char *faxd_argv[] = { (char *)faxd, "-c", config, "--foreground", NULL };

	faxd_pid = spawn(faxd_argv, log);
	for (waited = 0; !file_contains(log, "notice: started"); waited += POLL_MS) {
		if (waited > FAXD_START_TIMEOUT_MS)
			bench_die("faxd did not start: see %s", log);
		usleep(POLL_MS * 1000);
	}
	stress_pid = spawn(stress_argv, NULL);
	server_fd = bench_server_open();
	document_fd = open(document, O_RDONLY | O_CLOEXEC);
	if (document_fd < 0)
		bench_die("cannot open %s: %s", document, strerror(errno));
	filed_before = bench_inbox_filed(inbox);
	start = bench_now_ns();
	job = bench_job_submit(server_fd, document_fd, number);
	bench_follow_jobs(server_fd, &job, 1, inbox, filed_before,
			  start + CALL_TIMEOUT_S * 1000000000ull, POLL_MS, &outcome);
	result.wall_seconds = (double)(bench_now_ns() - start) / 1e9;
	stop(stress_pid);
	if (outcome.completed && outcome.filed) {
		result.outcome = "completed";
		received = newest_fax(inbox);
		if (received) {
			char *compare;

			/* Branding is on by default: each page has faxd's header band on top. */
			if (asprintf(&compare, "%s --header required %s %s >/dev/null 2>&1", tiff_compare, document,
				     received) < 0)
				bench_die("out of memory");
			if (system(compare) == 0)
				result.damaged = 0;
			free(compare);
			free(received);
		}
	} else if (!outcome.failed) {
		result.outcome = "timeout";
	}
	/* A failed job would be tried again: it goes. */
	struct faxport_job_control drop = { .job_id = job, .command = FAXPORT_JC_DELETE };

	ioctl(server_fd, FAXPORT_IOC_JOB_CONTROL, &drop);
	close(document_fd);
	close(server_fd);
	stop(faxd_pid);
	result.missed_ms = missed_ms(log);
	fprintf(stderr, "bench_realtime: realtime_priority %d: %s in %.1f s, %.0f ms missed, "
		"fax %s\n", priority, result.outcome, result.wall_seconds, result.missed_ms,
		result.damaged ? "damaged" : "intact");
	free(config);
	free(log);
	free(inbox);
	return result;
}

int main(int argc, char **argv)
{
	struct call_under_load with_rr, normal;
	char *notes[2];
	int status = 0;

	if (argc != 7) {
		fprintf(stderr, "usage: bench_realtime DOCUMENT.tif FAXD TIFF_COMPARE WORK_DIR "
			"SPOOL_DIR NUMBER\n");
		return 2;
	}
	if (access("/usr/bin/stress-ng", X_OK))
		bench_die("/usr/bin/stress-ng is missing (tools/install-deps check)");
	/* The baseline first: what a busy machine does to faxd without SCHED_RR. */
	normal = run_call((const char *const *)argv + 1, 0);
	with_rr = run_call((const char *const *)argv + 1, 10);
	if (asprintf(&notes[0], "with SCHED_RR: %s in %.1f s; normal scheduling: %s in %.1f s, "
		     "%.0f ms missed", with_rr.outcome, with_rr.wall_seconds, normal.outcome,
		     normal.wall_seconds, normal.missed_ms) < 0 ||
	    asprintf(&notes[1], "%d pages compared with tiff_compare; normal scheduling: %s",
		     DOCUMENT_PAGES, normal.damaged ? "damaged" : "intact") < 0)
		bench_die("out of memory");

	struct bench_measure measures[2] = {
		{
			.key = "audio_missed_ms", .unit = "ms",
			.value_what = "audio that missed the real-time clock, faxd at SCHED_RR 10, "
				      "3-page V.17 call beside stress-ng --cpu 16",
			.baseline_what = "the same with realtime_priority 0 (normal scheduling)",
			.value = with_rr.missed_ms, .baseline = normal.missed_ms,
			.goal_kind = BENCH_GOAL_AT_MOST, .goal = 0, .goal_on_value = true,
			.rounds = 1, .note = notes[0],
		},
		{
			.key = "faxes_damaged", .unit = "faxes",
			.value_what = "the fax not received whole and identical, SCHED_RR 10",
			.baseline_what = "the same with normal scheduling",
			.value = with_rr.damaged, .baseline = normal.damaged,
			.goal_none_lost = true, .lost = with_rr.damaged,
			.rounds = 1, .note = notes[1],
		},
	};
	for (int i = 0; i < 2; i++) {
		/* Nothing missed in the baseline either: nothing to divide by. */
		measures[i].ratio = measures[i].baseline > 0
			? measures[i].value / measures[i].baseline : 0;
		measures[i].ratio_min = measures[i].ratio_max = measures[i].ratio;
	}
	if (bench_report_group("realtime_under_load", measures, 2))
		status = 1;
	free(notes[0]);
	free(notes[1]);
	return status;
}
