/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The job queue as the driver lists it, for FaxEnumJobs and
 * FaxGetDeviceStatus. */
#ifndef LIBWINFAX_FAX_JOBS_H
#define LIBWINFAX_FAX_JOBS_H

#include <stdint.h>

#include <linux/faxport.h>

/*
 * Every job visible to the server handle (all of them with FAX_JOB_QUERY,
 * else the caller's own), in job id order, its strings terminated.  The
 * array is malloc()ed (free() it).  0 or a negative errno.
 */
int winfax_list_jobs(int server_fd, struct faxport_job_info **infos_out, uint32_t *count_out);

/* Terminates every string of a job the driver returned: one more NUL costs
 * nothing and keeps a driver bug from becoming an overread here. */
void winfax_terminate_job_strings(struct faxport_job_info *info);

#endif
