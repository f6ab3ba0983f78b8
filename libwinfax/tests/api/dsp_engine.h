/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The tests play the DSP engine (no faxd runs): attach to a port of their
 * own, wait for the job the kernel gives it, take it, report progress and
 * the result, through the raw engine ioctls, as faxd does.
 */
#ifndef LIBWINFAX_DSP_ENGINE_H
#define LIBWINFAX_DSP_ENGINE_H

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

/* The engine's next line event within timeout_ms; 0 or -1. */
static inline int engine_event(int dsp, struct faxport_line_event *event, int timeout_ms)
{
	struct pollfd wait = { .fd = dsp, .events = POLLPRI };

	memset(event, 0, sizeof(*event));
	if (poll(&wait, 1, timeout_ms) != 1) {
		errno = ETIMEDOUT;
		return -1;
	}
	return ioctl(dsp, FAXPORT_IOC_LINE_EVENT, event);
}

/* Waits for the kernel to give the port job_id; 0 or -1. */
static inline int engine_wait_job(int dsp, __u32 job_id, int timeout_ms)
{
	struct faxport_line_event event;

	while (engine_event(dsp, &event, timeout_ms) == 0)
		if (event.type == FAXPORT_LINE_EV_JOB && event.arg == job_id)
			return 0;
	return -1;
}

/* Waits for a line event of @type (FAXPORT_LINE_EV_*); 0 or -1. */
static inline int engine_wait_event(int dsp, __u32 type, int timeout_ms)
{
	struct faxport_line_event event;

	while (engine_event(dsp, &event, timeout_ms) == 0)
		if (event.type == type)
			return 0;
	return -1;
}

/* Takes the job; its document fd is closed here (the tests do not read
 * it through the engine). */
static inline int engine_take(int dsp, __u32 job_id)
{
	struct faxport_job_take *take = calloc(1, sizeof(*take));
	int result;

	if (!take)
		return -1;
	take->job_id = job_id;
	result = ioctl(dsp, FAXPORT_IOC_JOB_TAKE, take);
	if (result == 0)
		close(take->document_fd);
	free(take);
	return result;
}

static inline int engine_progress(int dsp, __u32 job_id, __u32 state, __u32 page, __u32 pages,
				  const char *remote_id)
{
	struct faxport_job_progress progress;

	memset(&progress, 0, sizeof(progress));
	progress.job_id = job_id;
	progress.state = state;
	progress.current_page = page;
	progress.total_pages = pages;
	snprintf(progress.remote_id, sizeof(progress.remote_id), "%s", remote_id);
	return ioctl(dsp, FAXPORT_IOC_JOB_PROGRESS, &progress);
}

static inline int engine_done(int dsp, __u32 job_id, __u32 state, __u32 pages)
{
	struct faxport_job_done done = { .job_id = job_id, .state = state, .pages = pages };

	return ioctl(dsp, FAXPORT_IOC_JOB_DONE, &done);
}

/* Deletes every job in the queue, as an administrator (the queue is
 * global, and one test's leftovers would go to the next test's engine).
 * Jobs an engine holds go when that engine detaches. */
static inline void admin_delete_all_jobs(void)
{
	void *entries;
	uint32_t count;
	int fd = admin_server_open();

	if (fd < 0)
		return;
	if (faxport_list(fd, FAXPORT_IOC_JOB_LIST, sizeof(struct faxport_job_info), 64,
			 FAXPORT_JOBS_MAX, &entries, &count) == 0) {
		const struct faxport_job_info *infos = entries;

		for (uint32_t i = 0; i < count; i++) {
			struct faxport_job_control control = {
				.job_id = infos[i].job_id, .command = FAXPORT_JC_DELETE,
			};

			faxport_ioctl(fd, FAXPORT_IOC_JOB_CONTROL, &control);
		}
		free(entries);
	}
	close(fd);
}

#endif /* LIBWINFAX_DSP_ENGINE_H */
