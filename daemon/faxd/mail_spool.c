// SPDX-License-Identifier: GPL-2.0
#define FAXD_LOG_CATEGORY FAXD_LOG_OUTBOUND
#include "mail_spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "../engine/log.h"
#include "../t30/full_write.h"

#define MAIL_FOLDER "mail"
#define MAIL_SUFFIX ".eml"
/* All the mail command finds in its environment, as for a direct send. */
#define MAIL_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define MAX_COMMAND_WORDS 32

/* <spool_dir>/mail, created 0750 when missing: its fd, or a negative errno. */
static int open_mail_folder(const char *spool_dir, bool create)
{
	int spool = open(spool_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int folder;

	if (spool < 0)
		return -errno;
	if (create && mkdirat(spool, MAIL_FOLDER, 0750) && errno != EEXIST) {
		int error = -errno;

		close(spool);
		return error;
	}
	folder = openat(spool, MAIL_FOLDER, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (folder < 0)
		folder = -errno;
	close(spool);
	return folder;
}

int faxd_mail_spool_add(const char *spool_dir, uint32_t job_id, const char *text, size_t size)
{
	char temporary[64], name[96], stamp[32];
	time_t now = time(NULL);
	struct tm utc;
	int folder = open_mail_folder(spool_dir, true);
	int fd, error;

	if (folder < 0)
		return folder;
	snprintf(temporary, sizeof(temporary), ".new-%u-%ld", job_id, (long)getpid());
	if (!gmtime_r(&now, &utc) || !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &utc))
		snprintf(stamp, sizeof(stamp), "%lld", (long long)now);
	/* The pid tells two reports of one second apart; the stamp sorts them by age. */
	snprintf(name, sizeof(name), "%s-job%u-%ld" MAIL_SUFFIX, stamp, job_id, (long)getpid());
	fd = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0) {
		error = -errno;
		close(folder);
		return error;
	}
	/* A sender that finds the file finds it whole: written, synced, then named. */
	error = fchmod(fd, 0640) ? -errno : full_write(fd, text, size);
	if (!error && fsync(fd))
		error = -errno;
	if (close(fd) && !error)
		error = -errno;
	if (!error && renameat(folder, temporary, folder, name))
		error = -errno;
	if (error)
		unlinkat(folder, temporary, 0);
	else if (fsync(folder))
		log_warning("mail spool: fsync of the folder: %s", strerror(errno));
	close(folder);
	return error;
}

/* "<stamp>-job<id>-<pid>.eml", nothing else: not .new- files, not anything planted. */
static int is_queued_mail(const struct dirent *entry)
{
	const char *name = entry->d_name;
	size_t length = strlen(name);

	return length > strlen(MAIL_SUFFIX) && name[0] >= '0' && name[0] <= '9' &&
	       !strcmp(name + length - strlen(MAIL_SUFFIX), MAIL_SUFFIX) && !strchr(name, '/');
}

int faxd_mail_command_run(const char *command_line, int mail_fd, unsigned int timeout_s)
{
	char *words = strdup(command_line), *argv[MAX_COMMAND_WORDS + 1], *save = NULL;
	char *envp[] = { MAIL_PATH, NULL };
	size_t count = 0;
	pid_t child;
	int status;

	if (!words)
		return -1;
	for (char *word = strtok_r(words, " \t", &save); word && count < MAX_COMMAND_WORDS;
	     word = strtok_r(NULL, " \t", &save))
		argv[count++] = word;
	argv[count] = NULL;
	if (!count) {
		free(words);
		return -1;
	}
	child = fork();
	if (child == 0) {
		struct rlimit cpu = { timeout_s, timeout_s };

		if (dup2(mail_fd, STDIN_FILENO) < 0)
			_exit(127);
		if (syscall(SYS_close_range, 3u, ~0u, 0u))
			for (int fd = 3; fd < 1024; fd++)
				close(fd);
		/* A sender that hangs is ended: SIGALRM's default action survives exec. */
		setrlimit(RLIMIT_CPU, &cpu);
		alarm(timeout_s);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	free(words);
	if (child < 0)
		return -1;
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int faxd_mail_spool_flush(const struct faxd_config *config)
{
	struct dirent **entries;
	int folder = open_mail_folder(config->spool_dir, false);
	int left = 0, count;
	char path[32];

	if (folder == -ENOENT)
		return 0;	/* nothing was ever queued */
	if (folder < 0)
		return folder;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", folder);
	count = scandir(path, &entries, is_queued_mail, alphasort);
	if (count < 0) {
		int error = -errno;

		close(folder);
		return error;
	}
	for (int i = 0; i < count; i++) {
		const char *name = entries[i]->d_name;
		int fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		struct stat status;
		int result;

		if (fd < 0 || fstat(fd, &status) || !S_ISREG(status.st_mode)) {
			log_warning("mail spool: %s is not a mail faxd queued: left alone", name);
			if (fd >= 0)
				close(fd);
			continue;
		}
		result = faxd_mail_command_run(config->mail_command, fd, config->route_limits.timeout_s);
		close(fd);
		if (result == 0 && !unlinkat(folder, name, 0)) {
			log_notice("mail spool: %s sent", name);
		} else {
			left++;
			log_error("mail spool: %s: the mail command %s (status %d): kept for the "
				  "next run", name, result == 0 ? "took it but it cannot be removed"
							: "failed", result);
		}
	}
	for (int i = 0; i < count; i++)
		free(entries[i]);
	free(entries);
	close(folder);
	return left;
}
