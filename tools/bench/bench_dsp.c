// SPDX-License-Identifier: GPL-2.0
/*
 * bench_dsp: what a fax costs in CPU, and how well the line is used.
 *
 *   dsp_overhead     CPU seconds per line second of faxd running
 *                    free-running calls through the driver (both ends in
 *                    faxd: a job sent from one port to another), against two
 *                    fax_call terminals connected in this process with the
 *                    same document and modems, calling one after the other in
 *                    a thread while faxd's call runs. Both count the CPU of
 *                    both ends of a call and the line time of the call.
 *   line_efficiency  from the in-process calls' sender: the line time of the
 *                    image phases (V.17, ECM, MMR) against the encoded image
 *                    bits divided by 14400 bit/s.
 *
 * usage: bench_dsp DOCUMENT.tif FAXD_PID NUMBER SPOOL_DIR
 * faxd must run free-running with modems = v17, compressions = mmr, ecm on
 * (tools/bench/run-in-vm writes that config), and NUMBER must be one of its
 * receive-enabled ports; every fax it receives lands in SPOOL_DIR/inbox.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fax_call.h"

#include "bench_jobs.h"
#include "bench_report.h"

#define DEFAULT_ROUNDS 5
#define CHUNK_SAMPLES 160
#define PAIR_DEADLINE_SAMPLES (600ull * FAX_CALL_SAMPLE_RATE)
#define FAXD_CALL_TIMEOUT_S 600
#define FAXD_POLL_MS 50
#define V17_TOP_RATE 14400.0

struct pair_result {
	double cpu_seconds;
	double line_seconds;
	struct fax_call_result sender;
	int bit_rate;
};

static struct fax_call_options dsp_options(void)
{
	struct fax_call_options options = {
		.modems = FAX_MODEM_V17,
		.compressions = FAX_COMPRESSION_MMR,
		.call_deadline_samples = PAIR_DEADLINE_SAMPLES,
	};

	return options;
}

/* One fax from a sender to a receiver in this process, 20 ms at a time. */
static void run_pair(const char *document, const char *work_dir, struct pair_result *out)
{
	struct fax_call_options send_options = dsp_options(), receive_options = dsp_options();
	struct fax_call *sender, *receiver;
	int16_t to_receiver[CHUNK_SAMPLES], to_sender[CHUNK_SAMPLES];
	char *output;
	uint64_t cpu_start;

	if (asprintf(&output, "%s/pair-received.tif", work_dir) < 0)
		bench_die("out of memory");
	unlink(output);
	send_options.local_ident = "bench sender";
	receive_options.local_ident = "bench receiver";
	cpu_start = bench_thread_cpu_ns();
	sender = fax_call_new_send_file(&send_options, document);
	receiver = fax_call_new_receive(&receive_options, output);
	if (!sender || !receiver)
		bench_die("cannot create the in-process calls: %s", strerror(errno));
	while (!fax_call_is_finished(sender) || !fax_call_is_finished(receiver)) {
		fax_call_tx(sender, to_receiver, CHUNK_SAMPLES);
		fax_call_tx(receiver, to_sender, CHUNK_SAMPLES);
		fax_call_rx(receiver, to_receiver, CHUNK_SAMPLES);
		fax_call_rx(sender, to_sender, CHUNK_SAMPLES);
	}
	out->cpu_seconds = (double)(bench_thread_cpu_ns() - cpu_start) / 1e9;
	out->sender = *fax_call_get_result(sender);
	if (out->sender.outcome != FAX_CALL_COMPLETED ||
	    fax_call_get_result(receiver)->outcome != FAX_CALL_COMPLETED)
		bench_die("the in-process fax failed: %s / %s",
			  fax_call_outcome_name(out->sender.outcome),
			  fax_call_outcome_name(fax_call_get_result(receiver)->outcome));
	out->line_seconds = (double)fax_call_get_result(receiver)->line_samples /
			    FAX_CALL_SAMPLE_RATE;
	out->bit_rate = fax_call_get_negotiation(sender)
		? fax_call_get_negotiation(sender)->bit_rate : 0;
	fax_call_free(sender);
	fax_call_free(receiver);
	unlink(output);
	free(output);
}

/* In-process calls, one after the other, until faxd's call is done. */
struct pair_loop {
	const char *document;
	const char *work_dir;
	atomic_bool stop;
	int calls;
	double cpu_seconds;
	double line_seconds;
	struct pair_result last;
};

static void *pair_loop_main(void *argument)
{
	struct pair_loop *loop = argument;

	do {
		run_pair(loop->document, loop->work_dir, &loop->last);
		loop->calls++;
		loop->cpu_seconds += loop->last.cpu_seconds;
		loop->line_seconds += loop->last.line_seconds;
	} while (!atomic_load(&loop->stop));
	return NULL;
}

/* The line_seconds of the newest report in the inbox (names sort by time). */
static double newest_report_line_seconds(const char *inbox)
{
	struct dirent **entries;
	int n = scandir(inbox, &entries, NULL, alphasort);
	double seconds = -1;

	for (int i = n - 1; i >= 0 && seconds < 0; i--) {
		size_t length = strlen(entries[i]->d_name);
		char *path, *line = NULL;
		size_t size = 0;
		FILE *file;

		if (length <= 4 || strcmp(entries[i]->d_name + length - 4, ".txt") ||
		    !strncmp(entries[i]->d_name, "failed-", 7))
			continue;
		if (asprintf(&path, "%s/%s", inbox, entries[i]->d_name) < 0)
			bench_die("out of memory");
		file = fopen(path, "r");
		while (file && getline(&line, &size, file) > 0)
			if (sscanf(line, "line_seconds: %lf", &seconds) == 1)
				break;
		if (file)
			fclose(file);
		free(line);
		free(path);
	}
	for (int i = 0; i < n; i++)
		free(entries[i]);
	if (n >= 0)
		free(entries);
	return seconds;
}

/* One fax through the driver, sent and received by faxd. */
static void run_faxd_call(int server_fd, int document_fd, int faxd_pid, const char *number,
			  const char *inbox, double *user_seconds, double *system_seconds,
			  double *line_seconds)
{
	int filed_before = bench_inbox_filed(inbox);
	double user_before, system_before;
	uint32_t job;
	struct bench_jobs_outcome outcome;

	bench_process_cpu(faxd_pid, &user_before, &system_before);
	job = bench_job_submit(server_fd, document_fd, number);
	bench_follow_jobs(server_fd, &job, 1, inbox, filed_before,
			  bench_now_ns() + FAXD_CALL_TIMEOUT_S * 1000000000ull, FAXD_POLL_MS,
			  &outcome);
	if (outcome.failed)
		bench_die("faxd failed to send job %u", job);
	if (!outcome.completed)
		bench_die("faxd did not send job %u within %d s", job, FAXD_CALL_TIMEOUT_S);
	if (!outcome.filed)
		bench_die("faxd did not file the fax of job %u", job);
	bench_process_cpu(faxd_pid, user_seconds, system_seconds);
	*user_seconds -= user_before;
	*system_seconds -= system_before;
	*line_seconds = newest_report_line_seconds(inbox);
	if (*line_seconds <= 0)
		bench_die("no line_seconds in the report of job %u", job);
}

int main(int argc, char **argv)
{
	int rounds = bench_rounds(DEFAULT_ROUNDS);
	double *numbers;
	double *pair_cost, *faxd_cost, *ratios, *efficiency, *faxd_system_share;
	double *faxd_call_cpu, *faxd_call_line, *pair_call_cpu, *pair_call_line;
	struct pair_result pair = { 0 };
	const char *document, *number, *spool;
	char *inbox, *work_dir;
	int faxd_pid, server_fd, document_fd, status = 0;
	double pair_line = 0, image_seconds = 0, ideal_seconds = 0;
	int bit_rate = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: bench_dsp DOCUMENT.tif FAXD_PID NUMBER SPOOL_DIR\n");
		return 2;
	}
	document = argv[1];
	faxd_pid = atoi(argv[2]);
	number = argv[3];
	spool = argv[4];
	numbers = calloc((size_t)rounds * 9, sizeof(*numbers));
	if (!numbers)
		bench_die("out of memory");
	pair_cost = numbers;
	faxd_cost = numbers + rounds;
	ratios = numbers + 2 * rounds;
	efficiency = numbers + 3 * rounds;
	faxd_system_share = numbers + 4 * rounds;
	faxd_call_cpu = numbers + 5 * rounds;
	faxd_call_line = numbers + 6 * rounds;
	pair_call_cpu = numbers + 7 * rounds;
	pair_call_line = numbers + 8 * rounds;
	if (asprintf(&inbox, "%s/inbox", spool) < 0 ||
	    !(work_dir = strdup(getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp")))
		bench_die("out of memory");
	document_fd = open(document, O_RDONLY | O_CLOEXEC);
	if (document_fd < 0)
		bench_die("cannot open %s: %s", document, strerror(errno));
	server_fd = bench_server_open();

	for (int round = 0; round < rounds; round++) {
		double user, system, line;

		struct pair_loop loop = { .document = document, .work_dir = work_dir };
		pthread_t pair_thread;

		/*
		 * The baseline runs while faxd's call does, on the same vCPU, so
		 * that the host's load, which inflates what the guest counts as
		 * CPU time, weighs on both alike.
		 */
		if (pthread_create(&pair_thread, NULL, pair_loop_main, &loop))
			bench_die("cannot start the in-process calls");
		run_faxd_call(server_fd, document_fd, faxd_pid, number, inbox, &user, &system, &line);
		atomic_store(&loop.stop, true);
		pthread_join(pair_thread, NULL);
		pair = loop.last;
		pair_cost[round] = loop.cpu_seconds / loop.line_seconds;
		pair_line = pair.line_seconds;
		image_seconds = (double)pair.sender.image_line_samples / FAX_CALL_SAMPLE_RATE;
		ideal_seconds = (double)pair.sender.image_bytes * 8 / V17_TOP_RATE;
		bit_rate = pair.bit_rate;
		efficiency[round] = ideal_seconds / image_seconds;
		faxd_cost[round] = (user + system) / line;
		faxd_system_share[round] = system / (user + system);
		faxd_call_cpu[round] = user + system;
		faxd_call_line[round] = line;
		pair_call_cpu[round] = loop.cpu_seconds / loop.calls;
		pair_call_line[round] = loop.line_seconds / loop.calls;
		ratios[round] = faxd_cost[round] / pair_cost[round];
		fprintf(stderr, "bench_dsp: round %d: in-process %.4f CPU s/line s (%d calls), "
			"faxd %.4f (%.2f user + %.2f system CPU s, %.1f line s)\n", round + 1,
			pair_cost[round], loop.calls, faxd_cost[round], user, system, line);
	}

	struct bench_measure overhead = {
		.key = "dsp_overhead", .unit = "CPU s/line s",
		.value_what = "faxd, free-running calls through the driver (both ends)",
		.baseline_what = "two fax_call terminals in one process (both ends)",
		.value = bench_median(faxd_cost, (size_t)rounds),
		.baseline = bench_median(pair_cost, (size_t)rounds),
		.goal_kind = BENCH_GOAL_AT_MOST, .goal = 1.25, .rounds = rounds,
	};
	char *capacity_note;

	overhead.ratio = overhead.value / overhead.baseline;
	bench_min_max(ratios, (size_t)rounds, &overhead.ratio_min, &overhead.ratio_max);
	/* A call is two channels (two ports), each needing one line second per second. */
	/*
	 * Per call as well as per line second: faxd's line (the exchange, and
	 * the lead its audio pump keeps) is not the in-process one, so the
	 * same fax may take more line time there, which lowers its cost per
	 * line second without saving any CPU.
	 */
	if (asprintf(&capacity_note, "real-time channels per core of this machine: faxd %.0f, "
		     "spandsp alone %.0f; one call: %.1f line s, V.17 ECM MMR; faxd's CPU is "
		     "%.0f%% system time (median); per call (medians): faxd %.3f CPU s over "
		     "%.2f line s, in-process %.3f CPU s over %.2f line s, ratio per call %.3f",
		     2 / overhead.value, 2 / overhead.baseline,
		     pair_line, 100 * bench_median(faxd_system_share, (size_t)rounds),
		     bench_median(faxd_call_cpu, (size_t)rounds),
		     bench_median(faxd_call_line, (size_t)rounds),
		     bench_median(pair_call_cpu, (size_t)rounds),
		     bench_median(pair_call_line, (size_t)rounds),
		     bench_median(faxd_call_cpu, (size_t)rounds) /
		     bench_median(pair_call_cpu, (size_t)rounds)) < 0)
		bench_die("out of memory");
	overhead.note = capacity_note;

	struct bench_measure line_efficiency = {
		.key = "line_efficiency", .unit = "line s",
		.value_what = "line time of the image phases (go-ahead to post-page command)",
		.baseline_what = "encoded image bits (FCD bytes x 8) / 14400 bit/s",
		.value = image_seconds, .baseline = ideal_seconds,
		.ratio = bench_median(efficiency, (size_t)rounds),
		.goal_kind = BENCH_GOAL_AT_LEAST, .goal = 0.9, .rounds = rounds,
	};
	char *efficiency_note;

	bench_min_max(efficiency, (size_t)rounds, &line_efficiency.ratio_min,
		      &line_efficiency.ratio_max);
	if (asprintf(&efficiency_note, "ratio is baseline / value; negotiated %d bit/s; "
		     "%llu image bytes", bit_rate,
		     (unsigned long long)pair.sender.image_bytes) < 0)
		bench_die("out of memory");
	line_efficiency.note = efficiency_note;
	if (bit_rate != 14400)
		fprintf(stderr, "bench_dsp: the calls ran at %d bit/s, not V.17 14400\n", bit_rate);

	if (bench_report(&overhead) || bench_report(&line_efficiency))
		status = 1;
	free(capacity_note);
	free(efficiency_note);
	free(inbox);
	free(work_dir);
	free(numbers);
	close(document_fd);
	close(server_fd);
	return status;
}
