/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench_jobs: the few uAPI operations the benchmarks drive the fax server
 * with directly: a server handle, queueing a job and waiting for it, adding,
 * removing and configuring ports, reading a process's CPU time.
 */
#ifndef BENCH_JOBS_H
#define BENCH_JOBS_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/faxport.h>

/* A server handle after the API handshake; dies on failure. */
int bench_server_open(void);

/* Queue a fax of document_fd to number; returns the job id. Dies on failure. */
uint32_t bench_job_submit(int server_fd, int document_fd, const char *number);

enum bench_job_state {
	BENCH_JOB_QUEUED,	/* pending or on the line */
	BENCH_JOB_DONE,		/* left the queue: a completed send */
	BENCH_JOB_FAILED,	/* failed, retrying or retries exceeded */
};

enum bench_job_state bench_job_state(int server_fd, uint32_t job_id);

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
