// SPDX-License-Identifier: GPL-2.0
#include "faxd_routing.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "faxd_log.h"

extern char **environ;

/* mkdir -p, for a folder an administrator named in the config. */
static int make_folder(const char *folder)
{
	char *path = strdup(folder);
	int status = 0;

	if (!path)
		return -1;
	for (char *slash = strchr(path + 1, '/'); ; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (mkdir(path, 0750) && errno != EEXIST) {
			status = -1;
			break;
		}
		if (!slash)
			break;
		*slash = '/';
	}
	free(path);
	return status;
}

static int copy_file(const char *from, const char *to)
{
	char buffer[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	ssize_t got = -1;

	if (out >= 0) {
		while ((got = read(in, buffer, sizeof(buffer))) > 0) {
			for (ssize_t done = 0; done < got; ) {
				ssize_t put = write(out, buffer + done, (size_t)(got - done));

				if (put < 0) {
					got = -1;
					break;
				}
				done += put;
			}
			if (got < 0)
				break;
		}
	}
	if (in >= 0)
		close(in);
	if (out >= 0 && (close(out) || got < 0)) {
		unlink(to);
		return -1;
	}
	return out >= 0 && got == 0 ? 0 : -1;
}

int faxd_route_store(const char *fax_path, const char *folder)
{
	const char *name = strrchr(fax_path, '/');
	char *target;
	int status = -1;

	name = name ? name + 1 : fax_path;
	if (asprintf(&target, "%s/%s", folder, name) < 0)
		return -1;
	if (make_folder(folder)) {
		log_error("store in folder: cannot create %s: %s", folder, strerror(errno));
	} else if (link(fax_path, target) == 0) {
		status = 0;
	} else if ((errno == EXDEV || errno == EPERM) && copy_file(fax_path, target) == 0) {
		status = 0;
	} else {
		log_error("store in folder: cannot put %s into %s: %s", name, folder,
			  strerror(errno));
	}
	if (!status)
		log_info("stored %s in %s", name, folder);
	free(target);
	return status;
}

/* Split at blanks into a NULL-terminated argv with one free slot before the NULL. */
static char **split_words(char *line, size_t *count)
{
	char **words = NULL;
	size_t used = 0;
	char *save = NULL;

	for (char *word = strtok_r(line, " \t", &save); word; word = strtok_r(NULL, " \t", &save)) {
		char **grown = realloc(words, (used + 3) * sizeof(*words));

		if (!grown) {
			free(words);
			return NULL;
		}
		words = grown;
		words[used++] = word;
	}
	*count = used;
	return words;
}

int faxd_route_run_command(const char *command_line, const char *fax_path, uint32_t device_id,
			   const char *remote_ident)
{
	char *line = strdup(command_line);
	char **argv = NULL, **envp = NULL;
	char *port_variable = NULL, *ident_variable = NULL;
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attributes;
	size_t words = 0, environment_size = 0;
	sigset_t no_signals;
	pid_t child = -1;
	int error;

	if (line)
		argv = split_words(line, &words);
	if (!argv || !words) {
		log_error("run command: cannot use '%s'", command_line);
		goto out;
	}
	argv[words] = (char *)fax_path;
	argv[words + 1] = NULL;

	/* The environment: ours plus what the command may want to know. */
	while (environ[environment_size])
		environment_size++;
	envp = calloc(environment_size + 3, sizeof(*envp));
	if (!envp || asprintf(&port_variable, "FAXD_PORT=%u", device_id) < 0 ||
	    asprintf(&ident_variable, "FAXD_REMOTE_IDENT=%s", remote_ident) < 0) {
		log_error("run command: out of memory");
		goto out;
	}
	memcpy(envp, environ, environment_size * sizeof(*envp));
	envp[environment_size] = port_variable;
	envp[environment_size + 1] = ident_variable;

	posix_spawn_file_actions_init(&actions);
	posix_spawnattr_init(&attributes);
	/* faxd blocks the signals it reads from a signalfd; the child must not inherit that. */
	sigemptyset(&no_signals);
	posix_spawnattr_setsigmask(&attributes, &no_signals);
	posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID);
	posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	error = posix_spawn(&child, argv[0], &actions, &attributes, argv, envp);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attributes);
	if (error) {
		log_error("run command: cannot start %s: %s", argv[0], strerror(error));
		child = -1;
	} else {
		log_info("run command: started %s %s (pid %d)", argv[0], fax_path, (int)child);
	}
out:
	free(port_variable);
	free(ident_variable);
	free(envp);
	free(argv);
	free(line);
	return child;
}

void faxd_routing_reap(void)
{
	int status;
	pid_t child;

	while ((child = waitpid(-1, &status, WNOHANG)) > 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			log_info("run command: pid %d succeeded", (int)child);
		else if (WIFEXITED(status))
			log_warning("run command: pid %d exited with status %d", (int)child,
				    WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			log_warning("run command: pid %d killed by signal %d", (int)child,
				    WTERMSIG(status));
	}
}
