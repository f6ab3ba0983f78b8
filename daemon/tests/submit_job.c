// SPDX-License-Identifier: GPL-2.0
/*
 * submit_job: queue a fax the way FaxSendDocument does (JOB_SUBMIT with the
 * document's fd), then wait until the job has left the queue (a completed
 * send job is removed) or has failed. Exit 0 when it went, 1 when it failed
 * or timed out, 2 on bad usage or setup errors.
 * usage: submit_job NUMBER DOCUMENT.tif [TIMEOUT_S]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "faxport_client.h"

int main(int argc, char **argv)
{
	struct faxport_job_submit submit = { 0 };
	int timeout_s = argc > 3 ? atoi(argv[3]) : 60;
	int server, document, error;

	if (argc < 3) {
		fprintf(stderr, "usage: submit_job NUMBER DOCUMENT.tif [TIMEOUT_S]\n");
		return 2;
	}
	server = faxport_open_server();
	if (server < 0) {
		fprintf(stderr, "submit_job: setup: %s\n", strerror(-server));
		return 2;
	}
	document = open(argv[2], O_RDONLY | O_CLOEXEC);
	if (document < 0) {
		perror("submit_job: setup");
		return 2;
	}
	submit.document_fd = document;
	snprintf(submit.param.recipient_number, sizeof(submit.param.recipient_number), "%s",
		 argv[1]);
	snprintf(submit.param.document_name, sizeof(submit.param.document_name), "e2e");
	error = faxport_ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &submit);
	if (error) {
		fprintf(stderr, "submit_job: JOB_SUBMIT: %s\n", strerror(-error));
		return 2;
	}
	close(document);
	printf("job %u queued\n", submit.job_id);
	for (int tenths = 0; tenths < timeout_s * 10; tenths++) {
		struct faxport_job_get get = { .job_id = submit.job_id };
		struct timespec pause = { 0, 100000000 };

		error = faxport_ioctl(server, FAXPORT_IOC_JOB_GET, &get);
		if (error) {
			if (error == -ENOENT) {
				printf("job %u done: left the queue\n", submit.job_id);
				return 0;
			}
			fprintf(stderr, "submit_job: JOB_GET: %s\n", strerror(-error));
			return 2;
		}
		if (get.info.queue_status & (FAXPORT_JS_FAILED | FAXPORT_JS_RETRYING)) {
			printf("job %u failed: queue status 0x%x, state 0x%x, t30 %u, pages %u\n",
			       submit.job_id, get.info.queue_status, get.info.state,
			       get.info.t30_code, get.info.page_count);
			return 1;
		}
		nanosleep(&pause, NULL);
	}
	printf("job %u: still queued after %d s\n", submit.job_id, timeout_s);
	return 1;
}
