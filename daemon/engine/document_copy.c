// SPDX-License-Identifier: GPL-2.0
#include "document_copy.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../t30/call_document.h"

struct document_copy {
	int pidfd;
	int memory_fd;
	struct document_copy *next;	/* in the abandoned list */
};

/* Helpers killed after their deadline, until they have ended. */
static struct document_copy *abandoned;

/* Everything but @keep_a and @keep_b (both >= 0) closed in the helper. */
static void close_all_but(int keep_a, int keep_b)
{
	int low = keep_a < keep_b ? keep_a : keep_b;
	int high = keep_a < keep_b ? keep_b : keep_a;

	if (low > 0)
		syscall(SYS_close_range, 0u, (unsigned int)low - 1, 0u);
	if (high > low + 1)
		syscall(SYS_close_range, (unsigned int)low + 1, (unsigned int)high - 1, 0u);
	syscall(SYS_close_range, (unsigned int)high + 1, ~0u, 0u);
}

static void run_helper(int document_fd, int memory_fd, uint64_t max_bytes)
{
	int error;

	close_all_but(document_fd, memory_fd);
	error = call_document_copy(document_fd, memory_fd, max_bytes);
	if (error)
		_exit(error == -EFBIG ? 2 : 1);
	_exit(0);
}

int document_copy_start(int document_fd, uint64_t max_bytes, struct document_copy **copy_out)
{
	struct document_copy *copy = calloc(1, sizeof(*copy));
	struct clone_args args = { 0 };
	int pidfd = -1;
	long pid;
	int error;

	if (!copy)
		return -ENOMEM;
	copy->memory_fd = memfd_create("faxd-document", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (copy->memory_fd < 0) {
		error = -errno;
		free(copy);
		return error;
	}
	args.flags = CLONE_PIDFD;
	args.pidfd = (uint64_t)(uintptr_t)&pidfd;
	args.exit_signal = 0;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0) {
		error = -errno;
		close(copy->memory_fd);
		free(copy);
		return error;
	}
	if (pid == 0)
		run_helper(document_fd, copy->memory_fd, max_bytes);
	fcntl(pidfd, F_SETFD, FD_CLOEXEC);
	copy->pidfd = pidfd;
	*copy_out = copy;
	return 0;
}

int document_copy_pidfd(const struct document_copy *copy)
{
	return copy->pidfd;
}

int document_copy_finish(struct document_copy *copy)
{
	siginfo_t info;
	int memory_fd = copy->memory_fd;
	int error;

	memset(&info, 0, sizeof(info));
	if (waitid(P_PIDFD, (id_t)copy->pidfd, &info, WEXITED | __WALL) < 0)
		error = -errno;
	else if (info.si_code == CLD_EXITED && info.si_status == 0)
		/* The helper has ended: nobody else can write the file, and now nobody will. */
		error = call_document_seal(memory_fd);
	else
		error = info.si_code == CLD_EXITED && info.si_status == 2 ? -EFBIG : -EIO;
	close(copy->pidfd);
	free(copy);
	if (error) {
		close(memory_fd);
		return error;
	}
	return memory_fd;
}

void document_copy_abandon(struct document_copy *copy)
{
	syscall(SYS_pidfd_send_signal, copy->pidfd, SIGKILL, NULL, 0u);
	/* What it may still write goes nowhere anyone reads. */
	close(copy->memory_fd);
	copy->memory_fd = -1;
	copy->next = abandoned;
	abandoned = copy;
	document_copy_reap_abandoned();
}

void document_copy_reap_abandoned(void)
{
	struct document_copy **link = &abandoned;

	while (*link) {
		struct document_copy *copy = *link;
		siginfo_t info;

		memset(&info, 0, sizeof(info));
		if (waitid(P_PIDFD, (id_t)copy->pidfd, &info, WEXITED | WNOHANG | __WALL) == 0 &&
		    info.si_pid == 0) {
			link = &copy->next;	/* still running (or stuck in the kernel) */
			continue;
		}
		*link = copy->next;
		close(copy->pidfd);
		free(copy);
	}
}
