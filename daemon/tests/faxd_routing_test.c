// SPDX-License-Identifier: GPL-2.0
/*
 * TAP test of what faxd does with a received fax beyond the spool, on the
 * host: the far end's ident made printable, "run a command" running only a
 * command faxd.conf names (in a clean environment, without faxd's files or
 * inheritable capabilities, within its limits, killed at its deadline, a
 * bounded number at once), and "store in a folder" refusing a path through
 * a symbolic link or a folder others may write. The kernel side of the
 * command model (names only) is selftests/faxport/routing_test.c; the
 * whole path with faxd in the VM is tests/e2e_route_security_test.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../engine/clock.h"
#include "../engine/log.h"
#include "../faxd/config.h"
#include "../faxd/routing.h"
#include "../t30/fax_call.h"
#include <tap.h>

static char work[] = "/tmp/faxd_routing_test.XXXXXX";
static char log_path[256];

static char *path_in_work(const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", work, name) < 0) {
		printf("Bail out! out of memory\n");
		exit(1);
	}
	return path;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *file = fopen(path, "we");

	if (!file || fputs(text, file) < 0 || fclose(file) || chmod(path, mode)) {
		printf("Bail out! cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* The whole of a small file, or "" (free() it). */
static char *read_file(const char *path)
{
	char *text = calloc(1, 65536);
	FILE *file = fopen(path, "re");

	if (!text)
		exit(1);
	if (file) {
		size_t got = fread(text, 1, 65535, file);

		text[got] = '\0';
		fclose(file);
	}
	return text;
}

static bool file_has(const char *path, const char *fragment)
{
	char *text = read_file(path);
	bool found = strstr(text, fragment) != NULL;

	free(text);
	return found;
}

/* faxd's log (stderr) goes to log_path from here on; each check reads it. */
static void capture_log(void)
{
	int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || dup2(fd, STDERR_FILENO) < 0) {
		printf("Bail out! cannot capture the log\n");
		exit(1);
	}
	close(fd);
}

static bool logged(const char *fragment)
{
	fflush(stderr);
	return file_has(log_path, fragment);
}

/* Reap until no command runs or waits, at most @seconds. */
static bool wait_for_commands(double seconds)
{
	int64_t deadline = monotonic_ns() + (int64_t)(seconds * 1e9);

	while (faxd_routing_running() || faxd_routing_waiting()) {
		if (monotonic_ns() > deadline)
			return false;
		usleep(20000);
		faxd_routing_reap();
	}
	return true;
}

static const struct faxd_route_limits default_limits = {
	.timeout_s = 300, .max_running = 4, .memory_mb = 1024, .max_files = 256,
	.max_processes = 64,
};

static void test_remote_ident_is_printable(void)
{
	char ident[FAX_CALL_IDENT_MAX + 1];

	fax_call_printable_ident(ident, "+1\n555\x1b[2J\x7f\xff");
	ok(!strcmp(ident, "+1?555?[2J??"),
	   "a newline, ESC, DEL and a byte above 0x7e in the far end's ident become '?'");
	fax_call_printable_ident(ident, "+49 30 1234-567 (A)");
	ok(!strcmp(ident, "+49 30 1234-567 (A)"), "printable ASCII stays as it came");
	fax_call_printable_ident(ident, "123456789012345678901234");
	ok(strlen(ident) == FAX_CALL_IDENT_MAX, "an ident is cut at 20 bytes");
	fax_call_printable_ident(ident, NULL);
	ok(!ident[0], "no ident is \"\"");
}

static struct faxd_config *config_with(const char *text)
{
	char *path = path_in_work("faxd.conf");
	char *error = NULL;
	struct faxd_config *config;

	write_file(path, text, 0644);
	config = faxd_config_load(path, true, &error);
	if (!config)
		printf("# %s\n", error ? error : "?");
	free(error);
	free(path);
	return config;
}

static void test_only_named_commands_run(void)
{
	char *marker = path_in_work("ran");
	char *text;
	struct faxd_config *config;
	struct faxd_routing_defaults defaults = { 0 };
	const char *command;

	if (asprintf(&text, "route_command mark = /bin/touch %s\n"
			    "route_command other = /bin/true\n", marker) < 0)
		exit(1);
	config = config_with(text);
	free(text);
	ok(config != NULL, "faxd.conf defines two named commands");
	if (!config)
		return;
	defaults.config = config;
	defaults.route_command = "/bin/echo default";
	command = faxd_route_resolve_command(&defaults, 2, "mark");
	ok(command && !strncmp(command, "/bin/touch ", 11), "a defined name gives its command");
	ok(!faxd_route_resolve_command(&defaults, 2, "/bin/touch /tmp/owned") &&
	   logged("'/bin/touch /tmp/owned' is not a command faxd.conf defines"),
	   "a command line as routing info runs nothing, and the log says why");
	ok(!faxd_route_resolve_command(&defaults, 2, "nosuch") &&
	   logged("'nosuch' is not a command faxd.conf defines"),
	   "an unknown name runs nothing, and the log says why");
	command = faxd_route_resolve_command(&defaults, 2, "");
	ok(command && !strcmp(command, "/bin/echo default"),
	   "an empty routing info is the port's route_command from faxd.conf");
	defaults.route_command = NULL;
	ok(!faxd_route_resolve_command(&defaults, 2, ""), "and nothing when faxd.conf has none");
	faxd_config_free(config);
	free(marker);
}

/*
 * The child's view: its initial environment (/proc/self/environ is what
 * execve got, not what the shell adds), its capabilities, its limits,
 * whether faxd's fd N reached it, and its arguments.
 */
static const char probe_script[] =
	"#!/bin/sh\n"
	"out=$1; leaked_fd=$2; shift 2\n"
	"tr '\\0' '\\n' </proc/$$/environ | sort >\"$out.env\"\n"
	"grep '^Cap' /proc/$$/status >\"$out.caps\"\n"
	"cat /proc/$$/limits >\"$out.limits\"\n"
	"if [ -e /proc/$$/fd/$leaked_fd ]; then echo leaked; else echo closed; fi >\"$out.fd\"\n"
	"echo \"$@\" >\"$out.args\"\n";

static void test_child_environment_and_limits(void)
{
	char *probe = path_in_work("probe"), *out = path_in_work("out");
	char *line, *file, *text;
	struct faxd_route_limits limits = default_limits;
	int leaked = open("/dev/null", O_RDONLY);	/* no O_CLOEXEC: on purpose */

	write_file(probe, probe_script, 0755);
	limits.memory_mb = 512;
	limits.max_files = 64;
	limits.max_processes = 32;
	limits.timeout_s = 77;
	setenv("FAXD_TEST_SECRET", "faxd's environment", 1);
	if (asprintf(&line, "%s %s %d", probe, out, leaked) < 0)
		exit(1);
	ok(faxd_route_run_command(line, "/spool/inbox/x.tif", 7, "+1?555?[2J", &limits) == 0 &&
	   wait_for_commands(10), "a command runs and ends");

	if (asprintf(&file, "%s.env", out) < 0)
		exit(1);
	text = read_file(file);
	ok(!strcmp(text, "FAXD_FAX=/spool/inbox/x.tif\nFAXD_PORT=7\n"
			 "FAXD_REMOTE_IDENT=+1?555?[2J\nPATH=/usr/local/bin:/usr/bin:/bin\n"),
	   "its environment is PATH and the FAXD_* variables, nothing of faxd's");

	free(text);
	free(file);

	if (asprintf(&file, "%s.caps", out) < 0)
		exit(1);
	ok(file_has(file, "CapInh:\t0000000000000000") &&
	   file_has(file, "CapEff:\t0000000000000000") &&
	   file_has(file, "CapAmb:\t0000000000000000"),
	   "it has no inheritable, effective or ambient capabilities");
	free(file);

	if (asprintf(&file, "%s.limits", out) < 0)
		exit(1);
	text = read_file(file);
	ok(strstr(text, "Max address space         536870912            536870912") &&
	   strstr(text, "Max open files            64                   64") &&
	   strstr(text, "Max processes             32                   32") &&
	   strstr(text, "Max cpu time              77                   78"),
	   "its limits: address space, open files, processes, CPU time");
	free(text);
	free(file);

	if (asprintf(&file, "%s.fd", out) < 0)
		exit(1);
	ok(file_has(file, "closed"), "faxd's open files do not reach it");
	free(file);
	if (asprintf(&file, "%s.args", out) < 0)
		exit(1);
	ok(file_has(file, "/spool/inbox/x.tif\n"), "the fax's path is its last argument");
	free(file);
	close(leaked);
	unsetenv("FAXD_TEST_SECRET");
	free(line);
	free(probe);
	free(out);
}

static void test_deadline_kills(void)
{
	struct faxd_route_limits limits = default_limits;
	int64_t started = monotonic_ns();

	char *sleeper = path_in_work("sleeper");

	/* sleep(1) would refuse the fax path as a duration. */
	write_file(sleeper, "#!/bin/sh\nsleep 30\n", 0755);
	limits.timeout_s = 1;
	faxd_route_run_command(sleeper, "/spool/inbox/slow.tif", 2, "", &limits);
	free(sleeper);
	ok(faxd_routing_running() == 1, "a slow command runs");
	faxd_routing_tick(started + NS_PER_SECOND / 2);
	usleep(100000);
	faxd_routing_reap();
	ok(faxd_routing_running() == 1, "before its deadline it is left alone");
	faxd_routing_tick(monotonic_ns() + 2 * NS_PER_SECOND);
	ok(wait_for_commands(5) && logged("still runs after its 1 s: killed") &&
	   logged("killed by signal 9"), "past its deadline it is killed, and the log says so");
}

static void test_bounded_number_at_once(void)
{
	struct faxd_route_limits limits = default_limits;
	char *markers[5], *line;
	bool all = true;

	limits.max_running = 2;
	for (int i = 0; i < 5; i++) {
		char name[16];

		snprintf(name, sizeof(name), "turn%d", i);
		markers[i] = path_in_work(name);
	}
	/* A wrapper: route commands take words, no shell syntax. */
	{
		char *script = path_in_work("turn");

		write_file(script, "#!/bin/sh\nsleep 0.3\ntouch \"$1\"\n", 0755);
		for (int i = 0; i < 5; i++) {
			if (asprintf(&line, "%s %s", script, markers[i]) < 0)
				exit(1);
			faxd_route_run_command(line, "/spool/inbox/y.tif", 2, "", &limits);
			free(line);
		}
		free(script);
	}
	ok(faxd_routing_running() == 2 && faxd_routing_waiting() == 3,
	   "with route_max_running 2, two of five commands run and three wait");
	ok(wait_for_commands(20), "the waiting ones run as the others end");
	for (int i = 0; i < 5; i++) {
		struct stat status;

		all = all && stat(markers[i], &status) == 0;
		free(markers[i]);
	}
	ok(all, "none of the five was lost");
}

static void test_store_in_folder(void)
{
	char *fax = path_in_work("inbox/20250101T000000Z-2-1.tif");
	char *inbox = path_in_work("inbox"), *folder = path_in_work("out/sales");
	char *elsewhere = path_in_work("elsewhere"), *link_path = path_in_work("link");
	char *through_link = path_in_work("link/sub"), *open_folder = path_in_work("open");
	char *in_open = path_in_work("open/sub"), *sticky = path_in_work("sticky");
	char *in_sticky = path_in_work("sticky/sub"), *stored;
	struct stat status;

	mkdir(inbox, 0750);
	write_file(fax, "II*\0fax", 0640);
	ok(faxd_route_store(fax, folder) == 0 &&
	   asprintf(&stored, "%s/20250101T000000Z-2-1.tif", folder) >= 0 &&
	   stat(stored, &status) == 0 && status.st_nlink == 2,
	   "a folder is made as needed and the fax linked into it");
	free(stored);

	mkdir(elsewhere, 0750);
	if (symlink(elsewhere, link_path))
		printf("Bail out! symlink: %s\n", strerror(errno));
	ok(faxd_route_store(fax, through_link) == -ELOOP &&
	   logged("'link' on the way is a symbolic link") &&
	   access(path_in_work("elsewhere/sub"), F_OK) != 0 && access(fax, F_OK) == 0,
	   "a symbolic link in the folder's path is refused (the log says so), nothing made "
	   "where it points, the fax stays in the spool");

	mkdir(open_folder, 0750);
	chmod(open_folder, 0777);
	ok(faxd_route_store(fax, in_open) == -EPERM &&
	   logged("'open' on the way is writable by its group or by everyone and not sticky") &&
	   access(in_open, F_OK) != 0,
	   "a folder on the way that everyone may write is refused, and the log says why");
	chmod(open_folder, 0770);
	ok(faxd_route_store(fax, in_open) == -EPERM, "so is one its group may write");

	mkdir(sticky, 0750);
	chmod(sticky, 01777);
	ok(faxd_route_store(fax, in_sticky) == 0,
	   "a sticky folder everyone may write (as /tmp) is on the way to a folder of faxd's");
	ok(faxd_route_store(fax, sticky) == 0,
	   "and a folder to store into: nobody else can replace or remove faxd's files there");
	free(fax);
	free(inbox);
	free(folder);
	free(elsewhere);
	free(link_path);
	free(through_link);
	free(open_folder);
	free(in_open);
	free(sticky);
	free(in_sticky);
}

static int remove_one(const char *path, const struct stat *info, int type, struct FTW *walk)
{
	(void)info;
	(void)type;
	(void)walk;
	return remove(path);
}

int main(void)
{
	if (!mkdtemp(work)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	snprintf(log_path, sizeof(log_path), "%s.log", work);
	faxd_log_setup("faxd_routing_test", false, LOG_INFO);
	capture_log();
	printf("TAP version 13\n");
	tap_plan(28);
	fflush(stdout);
	test_remote_ident_is_printable();
	test_only_named_commands_run();
	test_child_environment_and_limits();
	test_deadline_kills();
	test_bounded_number_at_once();
	test_store_in_folder();
	nftw(work, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	unlink(log_path);
	return tap_finish();
}
