// SPDX-License-Identifier: GPL-2.0
/* bench_jobs: driving the fax server through its uAPI, for the benchmarks. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bench_jobs.h"
#include "bench_report.h"

int bench_server_open(void)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	int fd = open("/dev/faxport", O_RDWR | O_CLOEXEC);

	if (fd < 0 || ioctl(fd, FAXPORT_IOC_API, &api))
		bench_die("cannot open the fax server /dev/faxport: %s", strerror(errno));
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

enum bench_job_state bench_job_state(int server_fd, uint32_t job_id)
{
	struct faxport_job_get get = { .job_id = job_id };

	if (ioctl(server_fd, FAXPORT_IOC_JOB_GET, &get)) {
		if (errno == ENOENT)
			return BENCH_JOB_DONE;
		bench_die("JOB_GET %u: %s", job_id, strerror(errno));
	}
	if (get.info.queue_status & (FAXPORT_JS_FAILED | FAXPORT_JS_RETRYING |
				     FAXPORT_JS_RETRIES_EXCEEDED))
		return BENCH_JOB_FAILED;
	return BENCH_JOB_QUEUED;
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
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/dev/faxport%u", device_id);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 || ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind) ||
	    ioctl(fd, FAXPORT_IOC_PORT_GET, &info))
		bench_die("cannot open port %u for modification: %s", device_id, strerror(errno));
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
