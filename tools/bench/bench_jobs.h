/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench_jobs: the few uAPI operations the benchmarks drive the fax server
 * with directly: a server handle, queueing a job and waiting for it, adding,
 * removing and configuring ports, reading a process's CPU time.
 */
#ifndef BENCH_JOBS_H
#define BENCH_JOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/faxport.h>

/* A server handle after the API handshake; dies on failure. */
int bench_server_open(void);

/* Queue a fax of document_fd to number; returns the job id. Dies on failure. */
uint32_t bench_job_submit(int server_fd, int document_fd, const char *number);

/* The faxes faxd filed in inbox: its received-fax reports (*.txt), not the failed- ones. */
int bench_inbox_filed(const char *inbox);

/* How the faxes of bench_follow_jobs() went. */
struct bench_jobs_outcome {
	int completed;		/* jobs that left the queue: sent */
	int failed;		/* failed, retrying or retries exceeded */
	int filed;		/* faxes the receivers filed meanwhile */
	int peak_on_line;	/* the most jobs seen in the SENDING state at once */
};

/*
 * The call loop of bench_dsp and bench_scale: looks at each of the count
 * jobs every poll_ms until all have left the queue or failed, then waits
 * until the receivers filed as many faxes in inbox (beyond filed_before)
 * as were sent, since a receiver files a little after its sender is done.
 * Stops at deadline_ns (bench_now_ns()) whatever is left.
 */
void bench_follow_jobs(int server_fd, const uint32_t *jobs, int count, const char *inbox,
		       int filed_before, uint64_t deadline_ns, unsigned int poll_ms,
		       struct bench_jobs_outcome *outcome);

/* Add a loopback port with the default name and number; -errno on failure. */
int bench_port_add(int server_fd, uint32_t *device_id);
int bench_port_remove(int server_fd, uint32_t device_id);

/* Set a port's FAXPORT_PORT_* flags through a MODIFY handle. Dies on failure. */
void bench_port_set_flags(int server_fd, uint32_t device_id, uint32_t flags);

/* utime and stime of a process, in seconds (from /proc/PID/stat). */
void bench_process_cpu(int pid, double *user_seconds, double *system_seconds);

/* The first line of a file, without its newline, into a malloc'ed string; NULL if unreadable. */
char *bench_read_line(const char *path);

#endif
