// SPDX-License-Identifier: GPL-2.0
#include "routing.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "config.h"
#include "../engine/log.h"

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

int faxd_routing_defaults_init(struct faxd_routing_defaults *defaults,
			       const struct faxd_config *config, uint32_t device_id)
{
	struct faxd_port_settings settings;

	faxd_config_port_settings(config, device_id, &settings);
	defaults->store_in_folder = settings.store_in_folder;
	defaults->store_folder = settings.store_folder;
	defaults->route_command = settings.route_command;
	if (asprintf(&defaults->default_folder, "%s/received/faxport%u", config->spool_dir,
		     device_id) < 0) {
		defaults->default_folder = NULL;
		log_error("faxport%u: routing: out of memory", device_id);
		return -1;
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
	if (ioctl(dsp_fd, FAXPORT_IOC_ROUTING_SET, &set) == 0)
		log_info("faxport%u: %s: installed the configured default (%s%s%s)", device_id,
			 method_name, enabled ? "on" : "off", info && *info ? ", " : "",
			 info ? info : "");
	else if (errno != EEXIST)
		log_error("faxport%u: %s: cannot install the configured default: %s", device_id,
			  method_name, strerror(errno));
}

void faxd_routing_install_defaults(int dsp_fd, uint32_t device_id,
				   const struct faxd_routing_defaults *defaults)
{
	install_default(dsp_fd, device_id, store_in_folder_guid, "store in a folder",
			defaults->store_in_folder, defaults->store_folder);
	install_default(dsp_fd, device_id, run_command_guid, "run a command",
			defaults->route_command != NULL, defaults->route_command);
}

/* The port's methods in priority order, or NULL (logged); *count is set. */
static struct faxport_routing_method *read_methods(int dsp_fd, uint32_t device_id,
						   uint32_t *count)
{
	uint32_t capacity = FAXPORT_ROUTING_METHODS;

	for (;;) {
		struct faxport_routing_method *methods = calloc(capacity, sizeof(*methods));
		struct faxport_routing_list list = {
			.count = capacity,
			.method_size = sizeof(*methods),
			.methods = (uintptr_t)methods,
		};

		if (!methods) {
			log_error("faxport%u: routing: out of memory", device_id);
			return NULL;
		}
		if (ioctl(dsp_fd, FAXPORT_IOC_ROUTING_LIST, &list) < 0) {
			log_error("faxport%u: routing: cannot read the port's methods: %s",
				  device_id, strerror(errno));
			free(methods);
			return NULL;
		}
		if (list.count <= capacity) {
			*count = list.count;
			return methods;
		}
		free(methods);
		capacity = list.count;
	}
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
			const char *command = method->info[0] ? method->info
							      : defaults->route_command;

			if (command)
				faxd_route_run_command(command, fax_path, device_id, remote_ident);
			else
				log_error("faxport%u: run a command: enabled, but neither the port "
					  "nor faxd.conf names a command", device_id);
		} else {
			method->friendly_name[sizeof(method->friendly_name) - 1] = '\0';
			log_warning("faxport%u: routing method '%s' is enabled but this faxd "
				    "does not know it", device_id, method->friendly_name);
		}
	}
	free(methods);
}
