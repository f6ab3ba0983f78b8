// SPDX-License-Identifier: GPL-2.0
#include "routing.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "../engine/clock.h"
#include "../engine/log.h"
#include "faxport_client.h"

/* What a route command finds in its environment, and nothing else. */
#define ROUTE_PATH "PATH=/usr/local/bin:/usr/bin:/bin"

/* ---- store in a folder ---- */

/*
 * May someone other than root or faxd's user change @status's directory?
 * Then they could swap a folder on the way for a link to anywhere.
 */
static const char *foreign_writable(const struct stat *status)
{
	if (status->st_uid != 0 && status->st_uid != geteuid())
		return "is owned by another user than root or faxd's";
	if ((status->st_mode & (S_IWGRP | S_IWOTH)) && !(status->st_mode & S_ISVTX))
		return "is writable by its group or by everyone and not sticky";
	return NULL;
}

/*
 * The folder, made as needed (mode 0750), as an open directory reached
 * from "/" one name at a time without following a symbolic link; or a
 * negative errno, logged with the reason: -ELOOP when a name is a link,
 * -EPERM when a directory on the way is one that others may change, or
 * the path is not absolute or walks through "." or "..".
 */
int faxd_open_folder(const char *folder, const char *purpose)
{
	char *path = strdup(folder), *save = NULL;
	int directory = -1, error = -EPERM;
	struct stat status;
	const char *problem;

	if (!path) {
		log_error("%s: out of memory", purpose);
		return -ENOMEM;
	}
	if (folder[0] != '/') {
		log_error("%s: '%s' is not an absolute path", purpose, folder);
		goto fail;
	}
	directory = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (directory < 0)
		goto fail_errno;
	if (fstat(directory, &status))
		goto fail_errno;
	problem = foreign_writable(&status);
	if (problem) {
		log_error("%s: refused %s: / %s", purpose, folder, problem);
		goto fail;
	}
	for (char *name = strtok_r(path, "/", &save); name; name = strtok_r(NULL, "/", &save)) {
		int next;

		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			log_error("%s: refused %s: '%s' in the path", purpose, folder, name);
			goto fail;
		}
		next = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT) {
			if (mkdirat(directory, name, 0750) && errno != EEXIST)
				goto fail_errno;
			next = openat(directory, name,
				      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		}
		if (next < 0) {
			error = -errno;
			if (!fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) &&
			    S_ISLNK(status.st_mode)) {
				error = -ELOOP;
				log_error("%s: refused %s: '%s' on the way is a symbolic link",
					  purpose, folder, name);
			} else {
				log_error("%s: cannot open '%s' of %s: %s", purpose, name,
					  folder, strerror(-error));
			}
			goto fail;
		}
		close(directory);
		directory = next;
		if (fstat(directory, &status))
			goto fail_errno;
		problem = foreign_writable(&status);
		if (problem) {
			log_error("%s: refused %s: '%s' on the way %s (mode %04o, uid %u)",
				  purpose, folder, name, problem,
				  (unsigned int)(status.st_mode & 07777),
				  (unsigned int)status.st_uid);
			goto fail;
		}
	}
	free(path);
	return directory;
fail_errno:
	error = -errno;
	log_error("%s: cannot create %s: %s", purpose, folder, strerror(-error));
fail:
	if (directory >= 0)
		close(directory);
	free(path);
	return error;
}

/* @from copied to a new file @name in @folder: 0, or a negative errno (nothing left). */
static int copy_file(const char *from, int folder, const char *name)
{
	char buffer[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = in < 0 ? -1 : openat(folder, name,
				       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
	ssize_t got = -1;
	int error;

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
	error = out >= 0 && got == 0 ? 0 : -errno;
	if (in >= 0)
		close(in);
	if (out >= 0 && (close(out) || got < 0)) {
		error = -errno;
		unlinkat(folder, name, 0);
	}
	return error;
}

int faxd_route_store(const char *fax_path, const char *folder)
{
	const char *name = strrchr(fax_path, '/');
	int directory = faxd_open_folder(folder, "store in folder");
	int status = 0;

	name = name ? name + 1 : fax_path;
	if (directory < 0)
		return directory;
	/* linkat and O_EXCL never follow a link at the new name. */
	if (linkat(AT_FDCWD, fax_path, directory, name, 0))
		status = -errno;
	if (status == -EXDEV || status == -EPERM)
		status = copy_file(fax_path, directory, name);
	if (status) {
		log_error("store in folder: cannot put %s into %s: %s", name, folder,
			  strerror(-status));
	}
	if (!status)
		log_info("stored %s in %s", name, folder);
	close(directory);
	return status;
}

/* ---- run a command ---- */

struct route_request {
	struct route_request *next;
	char *command_line;		/* for a helper: what it does, for the log */
	char *fax_path;			/* for a helper: NULL */
	char *remote_ident;
	uint32_t device_id;
	struct faxd_route_limits limits;
	/* A helper (faxd_route_run_helper) instead of a program. */
	int (*helper)(void *context);
	void *context;
	void (*free_context)(void *context);
	int keep_fd;			/* the helper's fd 3, or -1 */
};

struct route_child {
	pid_t pid;
	int64_t deadline_ns;
	unsigned int timeout_s;
	bool killed;
};

static struct route_request *waiting_head;
static struct route_request **waiting_tail = &waiting_head;
static size_t waiting_count;
static struct route_child *children;
static size_t child_count, child_capacity;

size_t faxd_routing_running(void)
{
	return child_count;
}

size_t faxd_routing_waiting(void)
{
	return waiting_count;
}

int faxd_routing_drop_inheritable_capabilities(void)
{
	struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	/* EINVAL: a kernel without ambient capabilities has none to clear. */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) && errno != EINVAL)
		return -errno;
	if (syscall(SYS_capget, &header, data))
		return -errno;
	for (size_t i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
		data[i].inheritable = 0;
	return syscall(SYS_capset, &header, data) ? -errno : 0;
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

static void child_fail(const char *what)
{
	char message[160];
	int length = snprintf(message, sizeof(message), "faxd route command: %s: %s\n", what,
			      strerror(errno));

	if (length > 0 && write(STDERR_FILENO, message,
				(size_t)length < sizeof(message) ? (size_t)length
								 : sizeof(message) - 1) < 0)
		length = 0;
	_exit(127);
}

static void set_limit(int resource, rlim_t soft, rlim_t hard, const char *name)
{
	struct rlimit limit = { .rlim_cur = soft, .rlim_max = hard };

	if (setrlimit(resource, &limit))
		child_fail(name);
}

/*
 * In the child, after fork: its own session, stdin /dev/null, none of
 * faxd's files (but @keep_fd, which becomes fd 3), the limits, and no
 * capabilities to hand on. Only what is safe in a forked child.
 */
static void become_route_child(int keep_fd, const struct faxd_route_limits *limits)
{
	const rlim_t mebibyte = 1024 * 1024;
	sigset_t no_signals;
	int null_fd;

	/* faxd blocks the signals it reads from a signalfd and ignores SIGPIPE. */
	sigemptyset(&no_signals);
	sigprocmask(SIG_SETMASK, &no_signals, NULL);
	for (int signal_number = 1; signal_number < NSIG; signal_number++)
		signal(signal_number, SIG_DFL);
	if (setsid() < 0)
		child_fail("setsid");
	null_fd = open("/dev/null", O_RDONLY);
	if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0)
		child_fail("/dev/null");
	if (null_fd != STDIN_FILENO)
		close(null_fd);
	if (keep_fd >= 0 && dup2(keep_fd, 3) < 0)
		child_fail("keeping the helper's file");
	/* Nothing of faxd's: no port, no spool directory, no netlink socket. */
	if (syscall(SYS_close_range, keep_fd >= 0 ? 4u : 3u, ~0u, 0u))
		for (int fd = keep_fd >= 0 ? 4 : 3; fd < 1024; fd++)
			close(fd);
	if (chdir("/"))
		child_fail("chdir /");
	set_limit(RLIMIT_AS, limits->memory_mb * mebibyte, limits->memory_mb * mebibyte,
		  "RLIMIT_AS");
	set_limit(RLIMIT_NOFILE, limits->max_files, limits->max_files, "RLIMIT_NOFILE");
	set_limit(RLIMIT_NPROC, limits->max_processes, limits->max_processes, "RLIMIT_NPROC");
	set_limit(RLIMIT_CPU, limits->timeout_s, limits->timeout_s + 1, "RLIMIT_CPU");
	if (faxd_routing_drop_inheritable_capabilities())
		child_fail("dropping the inheritable capabilities");
	/*
	 * A faxd run as root would hand root's capabilities to the program;
	 * an empty bounding set keeps them from it. Without CAP_SETPCAP
	 * (faxd as its own user) there is nothing to drop: EPERM.
	 */
	for (int capability = 0; capability <= CAP_LAST_CAP; capability++)
		if (prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) && errno != EPERM &&
		    errno != EINVAL)
			child_fail("dropping the bounding set");
}

static void become_route_command(char **argv, char **envp, const struct faxd_route_limits *limits)
{
	become_route_child(-1, limits);
	execve(argv[0], argv, envp);
	child_fail(argv[0]);
}

static void free_request(struct route_request *request)
{
	free(request->command_line);
	free(request->fax_path);
	free(request->remote_ident);
	if (request->free_context)
		request->free_context(request->context);
	if (request->keep_fd >= 0)
		close(request->keep_fd);
	free(request);
}

/* Room for one more child in the table: 0, or -1. */
static int reserve_child(void)
{
	struct route_child *grown;

	if (child_count < child_capacity)
		return 0;
	grown = realloc(children, (child_capacity ? child_capacity * 2 : 4) * sizeof(*children));
	if (!grown)
		return -1;
	children = grown;
	child_capacity = child_capacity ? child_capacity * 2 : 4;
	return 0;
}

/* Start @request's helper now. Returns 0, or -1 (logged). */
static int start_helper(const struct route_request *request)
{
	pid_t child;

	if (reserve_child()) {
		log_error("%s: out of memory", request->command_line);
		return -1;
	}
	child = fork();
	if (child == 0) {
		become_route_child(request->keep_fd, &request->limits);
		_exit(request->helper(request->context));
	}
	if (child < 0) {
		log_error("%s: cannot start: %s", request->command_line, strerror(errno));
		return -1;
	}
	children[child_count++] = (struct route_child){
		.pid = child,
		.deadline_ns = monotonic_ns() + (int64_t)request->limits.timeout_s * NS_PER_SECOND,
		.timeout_s = request->limits.timeout_s,
	};
	log_info("%s: started (pid %d, at most %u s)", request->command_line, (int)child,
		 request->limits.timeout_s);
	return 0;
}

/* Start @request now. Returns 0, or -1 (logged). */
static int start_command(const struct route_request *request)
{
	char *line = strdup(request->command_line);
	char **argv = NULL;
	char *envp[5] = { ROUTE_PATH };
	size_t words = 0;
	pid_t child = -1;

	if (request->helper)
		return start_helper(request);
	if (line)
		argv = split_words(line, &words);
	if (!argv || !words) {
		log_error("run command: cannot use '%s'", request->command_line);
		goto out;
	}
	argv[words] = request->fax_path;
	argv[words + 1] = NULL;
	if (asprintf(&envp[1], "FAXD_PORT=%u", request->device_id) < 0)
		envp[1] = NULL;
	if (!envp[1] || asprintf(&envp[2], "FAXD_REMOTE_IDENT=%s", request->remote_ident) < 0)
		envp[2] = NULL;
	if (!envp[2] || asprintf(&envp[3], "FAXD_FAX=%s", request->fax_path) < 0)
		envp[3] = NULL;
	if (!envp[3] || reserve_child()) {
		log_error("run command: out of memory");
		goto out;
	}
	child = fork();
	if (child == 0)
		become_route_command(argv, envp, &request->limits);
	if (child < 0) {
		log_error("run command: cannot start %s: %s", argv[0], strerror(errno));
		goto out;
	}
	children[child_count++] = (struct route_child){
		.pid = child,
		.deadline_ns = monotonic_ns() + (int64_t)request->limits.timeout_s * NS_PER_SECOND,
		.timeout_s = request->limits.timeout_s,
	};
	log_info("run command: started %s %s (pid %d, at most %u s)", argv[0],
		 request->fax_path, (int)child, request->limits.timeout_s);
out:
	for (size_t i = 1; i < 4; i++)
		free(envp[i]);
	free(argv);
	free(line);
	return child > 0 ? 0 : -1;
}

/* Start waiting commands while fewer than the bound run. */
static void start_waiting(void)
{
	while (waiting_head && child_count < waiting_head->limits.max_running) {
		struct route_request *request = waiting_head;

		waiting_head = request->next;
		if (!waiting_head)
			waiting_tail = &waiting_head;
		waiting_count--;
		start_command(request);
		free_request(request);
	}
}

int faxd_route_run_command(const char *command_line, const char *fax_path, uint32_t device_id,
			   const char *remote_ident, const struct faxd_route_limits *limits)
{
	struct route_request *request = calloc(1, sizeof(*request));

	if (request) {
		request->keep_fd = -1;
		request->command_line = strdup(command_line);
		request->fax_path = strdup(fax_path);
		request->remote_ident = strdup(remote_ident);
		request->device_id = device_id;
		request->limits = *limits;
	}
	if (!request || !request->command_line || !request->fax_path ||
	    !request->remote_ident) {
		log_error("run command: out of memory: not run for %s", fax_path);
		if (request)
			free_request(request);
		return -ENOMEM;
	}
	*waiting_tail = request;
	waiting_tail = &request->next;
	waiting_count++;
	if (child_count >= limits->max_running)
		log_info("run command: %zu command(s) running, the limit: %s waits its turn",
			 child_count, fax_path);
	start_waiting();
	return 0;
}

int faxd_route_run_helper(const char *what, int (*helper)(void *context), void *context,
			  void (*free_context)(void *context), int keep_fd,
			  const struct faxd_route_limits *limits)
{
	struct route_request *request = calloc(1, sizeof(*request));

	if (!request || !(request->command_line = strdup(what))) {
		log_error("%s: out of memory", what);
		free(request);
		if (free_context)
			free_context(context);
		if (keep_fd >= 0)
			close(keep_fd);
		return -ENOMEM;
	}
	request->helper = helper;
	request->context = context;
	request->free_context = free_context;
	request->keep_fd = keep_fd;
	request->limits = *limits;
	*waiting_tail = request;
	waiting_tail = &request->next;
	waiting_count++;
	if (child_count >= limits->max_running)
		log_info("%s: %zu command(s) running, the limit: it waits its turn", what,
			 child_count);
	start_waiting();
	return 0;
}

static void forget_child(pid_t pid)
{
	for (size_t i = 0; i < child_count; i++) {
		if (children[i].pid == pid) {
			children[i] = children[--child_count];
			return;
		}
	}
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
		forget_child(child);
	}
	start_waiting();
}

void faxd_routing_tick(int64_t now_ns)
{
	for (size_t i = 0; i < child_count; i++) {
		struct route_child *child = &children[i];

		if (child->killed || now_ns < child->deadline_ns)
			continue;
		log_warning("run command: pid %d still runs after its %u s: killed", (int)child->pid,
			    child->timeout_s);
		/* Its session's process group: what it started goes too. */
		if (kill(-child->pid, SIGKILL))
			kill(child->pid, SIGKILL);
		child->killed = true;
	}
}

void faxd_routing_abandon_waiting(void)
{
	while (waiting_head) {
		struct route_request *request = waiting_head;

		waiting_head = request->next;
		if (request->helper)
			log_warning("%s: faxd stops: not done", request->command_line);
		else
			log_warning("run command: faxd stops: %s not run for %s (the fax stays "
				    "filed)", request->command_line, request->fax_path);
		free_request(request);
	}
	waiting_tail = &waiting_head;
	waiting_count = 0;
}

const char *faxd_route_resolve_command(const struct faxd_routing_defaults *defaults,
				       uint32_t device_id, const char *info)
{
	const char *command;

	if (!info[0]) {
		if (!defaults->route_command)
			log_error("faxport%u: run a command: enabled, but neither the port nor "
				  "faxd.conf names a command", device_id);
		return defaults->route_command;
	}
	command = faxd_config_route_command(defaults->config, info);
	if (!command)
		log_error("faxport%u: run a command: '%s' is not a command faxd.conf defines "
			  "(route_command NAME = ...): nothing run, the fax stays in the spool",
			  device_id, info);
	return command;
}

int faxd_routing_defaults_init(struct faxd_routing_defaults *defaults,
			       const struct faxd_config *config, uint32_t device_id)
{
	struct faxd_port_settings settings;

	faxd_config_port_settings(config, device_id, &settings);
	defaults->config = config;
	defaults->store_in_folder = settings.store_in_folder;
	defaults->store_folder = settings.store_folder;
	defaults->route_command = settings.route_command;
	if (asprintf(&defaults->default_folder, "%s/received/faxport%u", config->spool_dir,
		     device_id) < 0) {
		defaults->default_folder = NULL;
		log_error("faxport%u: routing: out of memory", device_id);
		return -ENOMEM;
	}
	return 0;
}

void faxd_routing_defaults_free(struct faxd_routing_defaults *defaults)
{
	free(defaults->default_folder);
	defaults->default_folder = NULL;
}

static const uint8_t store_in_folder_guid[16] = FAXPORT_ROUTING_GUID_STORE_IN_FOLDER;
static const uint8_t run_command_guid[16] = FAXPORT_ROUTING_GUID_RUN_COMMAND;

/* One method's defaults; EEXIST means the port has its own settings already. */
static void install_default(int dsp_fd, uint32_t device_id, const uint8_t *guid,
			    const char *method_name, bool enabled, const char *info)
{
	struct faxport_routing_set set = {
		.flags = FAXPORT_ROUTING_SET_ENABLED | FAXPORT_ROUTING_SET_DEFAULT,
		.enabled = enabled,
	};
	int error;

	memcpy(set.guid, guid, sizeof(set.guid));
	if (info) {
		if (strlen(info) >= sizeof(set.info)) {
			log_error("faxport%u: %s: '%s' is longer than the kernel keeps (%zu bytes)",
				  device_id, method_name, info, sizeof(set.info) - 1);
			return;
		}
		set.flags |= FAXPORT_ROUTING_SET_INFO;
		strcpy(set.info, info);
	}
	error = faxport_ioctl(dsp_fd, FAXPORT_IOC_ROUTING_SET, &set);
	if (!error)
		log_info("faxport%u: %s: installed the configured default (%s%s%s)", device_id,
			 method_name, enabled ? "on" : "off", info && *info ? ", " : "",
			 info ? info : "");
	else if (error != -EEXIST)
		log_error("faxport%u: %s: cannot install the configured default: %s", device_id,
			  method_name, strerror(-error));
}

void faxd_routing_install_defaults(int dsp_fd, uint32_t device_id,
				   const struct faxd_routing_defaults *defaults)
{
	install_default(dsp_fd, device_id, store_in_folder_guid, "store in a folder",
			defaults->store_in_folder, defaults->store_folder);
	/* The kernel keeps names only: "" is the port's route_command from faxd.conf. */
	install_default(dsp_fd, device_id, run_command_guid, "run a command",
			defaults->route_command != NULL, NULL);
}

/* The port's methods in priority order, or NULL (logged); *count is set. */
static struct faxport_routing_method *read_methods(int dsp_fd, uint32_t device_id,
						   uint32_t *count)
{
	void *methods;
	int error;

	/* The driver lists every method it knows: FAXPORT_ROUTING_METHODS. */
	error = faxport_list(dsp_fd, FAXPORT_IOC_ROUTING_LIST, sizeof(struct faxport_routing_method),
			     FAXPORT_ROUTING_METHODS, FAXPORT_ROUTING_METHODS, &methods, count);
	if (error == -ENOMEM) {
		log_error("faxport%u: routing: out of memory", device_id);
		return NULL;
	}
	if (error) {
		log_error("faxport%u: routing: cannot read the port's methods: %s", device_id,
			  strerror(-error));
		return NULL;
	}
	return methods;
}

void faxd_routing_apply(int dsp_fd, uint32_t device_id,
			const struct faxd_routing_defaults *defaults, const char *fax_path,
			const char *remote_ident)
{
	struct faxport_routing_method *methods;
	uint32_t count = 0;

	methods = read_methods(dsp_fd, device_id, &count);
	if (!methods)
		return;
	for (uint32_t i = 0; i < count; i++) {
		struct faxport_routing_method *method = &methods[i];

		method->info[sizeof(method->info) - 1] = '\0';
		if (!method->enabled)
			continue;
		if (!memcmp(method->guid, store_in_folder_guid, sizeof(method->guid))) {
			faxd_route_store(fax_path, method->info[0] ? method->info
								   : defaults->default_folder);
		} else if (!memcmp(method->guid, run_command_guid, sizeof(method->guid))) {
			const char *command = faxd_route_resolve_command(defaults, device_id,
									 method->info);

			if (command)
				faxd_route_run_command(command, fax_path, device_id, remote_ident,
						       &defaults->config->route_limits);
		} else {
			method->friendly_name[sizeof(method->friendly_name) - 1] = '\0';
			log_warning("faxport%u: routing method '%s' is enabled but this faxd "
				    "does not know it", device_id, method->friendly_name);
		}
	}
	free(methods);
}
