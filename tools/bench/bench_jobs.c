// SPDX-License-Identifier: GPL-2.0
/* bench_jobs: driving the fax server through its uAPI, for the benchmarks. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bench_jobs.h"
#include "bench_report.h"
#include "faxport_client.h"

int bench_server_open(void)
{
	int fd = faxport_open_server();

	if (fd < 0)
		bench_die("cannot open the fax server %s: %s", FAXPORT_SERVER_NODE, strerror(-fd));
	return fd;
}

uint32_t bench_job_submit(int server_fd, int document_fd, const char *number)
{
	struct faxport_job_submit submit = { .document_fd = document_fd };

	if (strlen(number) >= sizeof(submit.param.recipient_number))
		bench_die("number too long: %s", number);
	strcpy(submit.param.recipient_number, number);
	strcpy(submit.param.document_name, "bench");
	if (ioctl(server_fd, FAXPORT_IOC_JOB_SUBMIT, &submit))
		bench_die("JOB_SUBMIT to %s: %s", number, strerror(errno));
	return submit.job_id;
}

int bench_inbox_filed(const char *inbox)
{
	DIR *dir = opendir(inbox);
	struct dirent *entry;
	int count = 0;

	if (!dir)
		return 0;
	while ((entry = readdir(dir))) {
		size_t length = strlen(entry->d_name);

		if (length > 4 && !strcmp(entry->d_name + length - 4, ".txt") &&
		    strncmp(entry->d_name, "failed-", 7))
			count++;
	}
	closedir(dir);
	return count;
}

void bench_follow_jobs(int server_fd, const uint32_t *jobs, int count, const char *inbox,
		       int filed_before, uint64_t deadline_ns, unsigned int poll_ms,
		       struct bench_jobs_outcome *outcome)
{
	bool *finished = calloc((size_t)count, sizeof(*finished));
	int open_jobs = count;

	if (!finished)
		bench_die("out of memory");
	memset(outcome, 0, sizeof(*outcome));
	while (open_jobs > 0 && bench_now_ns() < deadline_ns) {
		int on_line = 0;

		for (int i = 0; i < count; i++) {
			struct faxport_job_get get = { .job_id = jobs[i] };

			if (finished[i])
				continue;
			if (ioctl(server_fd, FAXPORT_IOC_JOB_GET, &get)) {
				if (errno != ENOENT)
					bench_die("JOB_GET %u: %s", jobs[i], strerror(errno));
				finished[i] = true;
				outcome->completed++;
				open_jobs--;
				continue;
			}
			if (get.info.queue_status & (FAXPORT_JS_FAILED | FAXPORT_JS_RETRYING |
						     FAXPORT_JS_RETRIES_EXCEEDED)) {
				finished[i] = true;
				outcome->failed++;
				open_jobs--;
				continue;
			}
			if (get.info.state == FAXPORT_STATE_SENDING)
				on_line++;
		}
		if (on_line > outcome->peak_on_line)
			outcome->peak_on_line = on_line;
		if (open_jobs > 0)
			usleep(poll_ms * 1000u);
	}
	while (bench_inbox_filed(inbox) - filed_before < outcome->completed &&
	       bench_now_ns() < deadline_ns)
		usleep(poll_ms * 1000u);
	outcome->filed = bench_inbox_filed(inbox) - filed_before;
	free(finished);
}

int bench_port_add(int server_fd, uint32_t *device_id)
{
	struct faxport_port_add add = { 0 };

	if (ioctl(server_fd, FAXPORT_IOC_PORT_ADD, &add))
		return -errno;
	*device_id = add.device_id;
	return 0;
}

int bench_port_remove(int server_fd, uint32_t device_id)
{
	struct faxport_port_remove remove = { .device_id = device_id };

	return ioctl(server_fd, FAXPORT_IOC_PORT_REMOVE, &remove) ? -errno : 0;
}

void bench_port_set_flags(int server_fd, uint32_t device_id, uint32_t flags)
{
	struct faxport_port_bind bind = { .server_fd = server_fd, .mode = FAXPORT_OPEN_MODIFY };
	struct faxport_port_info info;
	struct faxport_port_config config = { 0 };
	int fd = faxport_open_port_node(device_id);
	int error = fd < 0 ? fd : faxport_ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind);

	if (!error)
		error = faxport_ioctl(fd, FAXPORT_IOC_PORT_GET, &info);
	if (error)
		bench_die("cannot open port %u for modification: %s", device_id, strerror(-error));
	config.flags = flags;
	config.rings = info.rings;
	config.priority = info.priority;
	memcpy(config.tsid, info.tsid, sizeof(config.tsid));
	memcpy(config.csid, info.csid, sizeof(config.csid));
	if (ioctl(fd, FAXPORT_IOC_PORT_SET, &config))
		bench_die("PORT_SET on port %u: %s", device_id, strerror(errno));
	close(fd);
}

void bench_process_cpu(int pid, double *user_seconds, double *system_seconds)
{
	char path[64];
	char *line, *after_name;
	unsigned long long utime, stime;
	long ticks = sysconf(_SC_CLK_TCK);

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	line = bench_read_line(path);
	if (!line)
		bench_die("cannot read %s", path);
	/* The name may hold spaces: fields are counted after its closing parenthesis. */
	after_name = strrchr(line, ')');
	if (!after_name || sscanf(after_name + 1,
				  " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
				  &utime, &stime) != 2)
		bench_die("cannot parse %s", path);
	free(line);
	*user_seconds = (double)utime / (double)ticks;
	*system_seconds = (double)stime / (double)ticks;
}

char *bench_read_line(const char *path)
{
	FILE *file = fopen(path, "r");
	char *line = NULL;
	size_t size = 0;
	ssize_t length;

	if (!file)
		return NULL;
	length = getline(&line, &size, file);
	fclose(file);
	if (length < 0) {
		free(line);
		return NULL;
	}
	if (length > 0 && line[length - 1] == '\n')
		line[length - 1] = '\0';
	return line;
}
