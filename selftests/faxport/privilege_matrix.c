// SPDX-License-Identifier: GPL-2.0
/*
 * privilege_matrix: every operation of the uAPI, tried by root, by a
 * member of the admin group (admin_gid) and by a plain user, against the
 * policy Documentation/uapi.rst documents: root and admin_gid members hold
 * all seven rights, everybody else user_rights (default 0x17: JOB_SUBMIT,
 * JOB_QUERY, CONFIG_QUERY, PORT_QUERY); creating and removing ports and
 * attaching a DSP engine need CAP_NET_ADMIN, which a group cannot give.
 * Jobs of another user are managed only with JOB_MANAGE.
 *
 * Prints TAP: one result per identity and operation. Root, in tools/vm-run.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "faxport_test.h"

#define ADMIN_GID 4242
#define ADMIN_UID 4242
#define USER_UID 4343

enum identity { ROOT, ADMIN_MEMBER, PLAIN_USER, IDENTITIES };

static const char * const identity_names[IDENTITIES] = {
	"root", "an admin_gid member", "a plain user",
};

/* Set up by root before the identities run: a job root owns, a port. */
static __u32 roots_job;
static int document_fd = -1;

/* Each operation returns 0 or an errno; expected[] is what the policy says. */
struct operation {
	const char *name;
	int (*run)(int server);
	int expected[IDENTITIES];
};

static int result(int ret)
{
	return ret ? errno : 0;
}

static int op_port_list(int server)
{
	struct faxport_port_info infos[8];
	struct faxport_port_list list = {
		.count = 8, .info_size = sizeof(infos[0]), .infos = (uintptr_t)infos,
	};

	return result(ioctl(server, FAXPORT_IOC_PORT_LIST, &list));
}

static int op_port_add_remove(int server)
{
	__u32 id;

	if (port_add(server, "matrix", "", &id))
		return errno;
	return result(port_remove(server, id));
}

static int op_job_submit(int server)
{
	struct faxport_job_submit submit = { .document_fd = document_fd };
	struct faxport_job_control control = { .command = FAXPORT_JC_DELETE };

	snprintf(submit.param.recipient_number, sizeof(submit.param.recipient_number), "555");
	if (ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &submit))
		return errno;
	/* The submitter owns it: deleting one's own job needs no right. */
	control.job_id = submit.job_id;
	return result(ioctl(server, FAXPORT_IOC_JOB_CONTROL, &control));
}

static int op_job_get_others(int server)
{
	struct faxport_job_get get = { .job_id = roots_job };

	return result(ioctl(server, FAXPORT_IOC_JOB_GET, &get));
}

static int op_job_pause_others(int server)
{
	struct faxport_job_control pause = { .job_id = roots_job,
					     .command = FAXPORT_JC_PAUSE };
	struct faxport_job_control resume = { .job_id = roots_job,
					      .command = FAXPORT_JC_RESUME };

	if (ioctl(server, FAXPORT_IOC_JOB_CONTROL, &pause))
		return errno;
	return result(ioctl(server, FAXPORT_IOC_JOB_CONTROL, &resume));
}

static int op_job_document_others(int server)
{
	struct faxport_job_document doc = { .job_id = roots_job };

	if (ioctl(server, FAXPORT_IOC_JOB_DOCUMENT, &doc))
		return errno;
	close(doc.document_fd);
	return 0;
}

static int op_config_get(int server)
{
	struct faxport_config config;

	return result(ioctl(server, FAXPORT_IOC_CONFIG_GET, &config));
}

static int op_config_set(int server)
{
	struct faxport_config config;

	/* Read as root beforehand would be nicer; a reader may set what it read. */
	if (ioctl(server, FAXPORT_IOC_CONFIG_GET, &config))
		return errno;
	return result(ioctl(server, FAXPORT_IOC_CONFIG_SET, &config));
}

static int op_logging_set(int server)
{
	struct faxport_logging logging;

	if (ioctl(server, FAXPORT_IOC_LOGGING_GET, &logging))
		return errno;
	return result(ioctl(server, FAXPORT_IOC_LOGGING_SET, &logging));
}

static int op_port_query(int server)
{
	int fd = port_open(server, 1, FAXPORT_OPEN_QUERY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int op_port_modify_set(int server)
{
	struct faxport_port_info info;
	struct faxport_port_config config = { 0 };
	int fd = port_open(server, 1, FAXPORT_OPEN_MODIFY);
	int err;

	if (fd < 0)
		return errno;
	if (port_get(fd, &info)) {
		err = errno;
		close(fd);
		return err;
	}
	config.flags = info.flags;
	config.rings = info.rings;
	config.priority = info.priority;
	memcpy(config.tsid, info.tsid, sizeof(config.tsid));
	memcpy(config.csid, info.csid, sizeof(config.csid));
	err = result(ioctl(fd, FAXPORT_IOC_PORT_SET, &config));
	close(fd);
	return err;
}

static int op_routing_global_list(int server)
{
	struct faxport_routing_method methods[FAXPORT_ROUTING_METHODS];
	struct faxport_routing_list list = {
		.count = FAXPORT_ROUTING_METHODS, .method_size = sizeof(methods[0]),
		.methods = (uintptr_t)methods,
	};

	return result(ioctl(server, FAXPORT_IOC_ROUTING_GLOBAL_LIST, &list));
}

static int op_dsp_attach(int server)
{
	int fd = dsp_attach(4, FAXPORT_CLOCK_FREE_RUNNING);

	(void)server;
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * The expected outcome per identity. With the default user_rights 0x17 a
 * plain user may submit, query and read the configuration and ports, but
 * not change them nor touch another user's job beyond seeing it.
 */
static const struct operation operations[] = {
	{ "PORT_LIST (PORT_QUERY)", op_port_list, { 0, 0, 0 } },
	{ "PORT_ADD + PORT_REMOVE (CAP_NET_ADMIN)", op_port_add_remove, { 0, EPERM, EPERM } },
	{ "JOB_SUBMIT + delete own job (JOB_SUBMIT)", op_job_submit, { 0, 0, 0 } },
	{ "JOB_GET of root's job (JOB_QUERY)", op_job_get_others, { 0, 0, 0 } },
	{ "JOB_CONTROL pause/resume root's job (JOB_MANAGE)", op_job_pause_others,
	  { 0, 0, EACCES } },
	{ "JOB_DOCUMENT of root's job (JOB_MANAGE)", op_job_document_others, { 0, 0, EACCES } },
	{ "CONFIG_GET (CONFIG_QUERY)", op_config_get, { 0, 0, 0 } },
	{ "CONFIG_SET (CONFIG_SET)", op_config_set, { 0, 0, EACCES } },
	{ "LOGGING_SET (CONFIG_SET)", op_logging_set, { 0, 0, EACCES } },
	{ "PORT_BIND QUERY (PORT_QUERY)", op_port_query, { 0, 0, 0 } },
	{ "PORT_BIND MODIFY + PORT_SET (PORT_SET)", op_port_modify_set, { 0, 0, EACCES } },
	{ "ROUTING_GLOBAL_LIST (CONFIG_QUERY)", op_routing_global_list, { 0, 0, 0 } },
	{ "DSP_ATTACH (CAP_NET_ADMIN)", op_dsp_attach, { 0, EPERM, EPERM } },
};
#define OPERATIONS (sizeof(operations) / sizeof(operations[0]))

static int become(enum identity who)
{
	gid_t admin = ADMIN_GID;

	switch (who) {
	case ROOT:
		return 0;
	case ADMIN_MEMBER:
		return setgroups(1, &admin) || setresgid(ADMIN_GID, ADMIN_GID, ADMIN_GID) ||
		       setresuid(ADMIN_UID, ADMIN_UID, ADMIN_UID) ? -1 : 0;
	default:
		return setgroups(0, NULL) || setresgid(USER_UID, USER_UID, USER_UID) ||
		       setresuid(USER_UID, USER_UID, USER_UID) ? -1 : 0;
	}
}

/* Run every operation as WHO in a child; outcomes come back through shared memory. */
static int run_identity(enum identity who, int *outcomes)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int server;

		if (become(who))
			_exit(2);
		server = server_connect();
		if (server < 0)
			_exit(3);
		for (unsigned int i = 0; i < OPERATIONS; i++)
			outcomes[i] = operations[i].run(server);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) ? -1 : 0;
}

int main(void)
{
	struct faxport_job_submit submit = { 0 };
	char old_admin_gid[16], old_user_rights[16];
	int *outcomes;
	int server, failures = 0, n = 0, cases = 0;

	printf("1..%zu\n", IDENTITIES * OPERATIONS);
	outcomes = mmap(NULL, IDENTITIES * OPERATIONS * sizeof(int), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	document_fd = memfd_create("matrix-document", 0);
	server = server_connect();
	if (outcomes == MAP_FAILED || document_fd < 0 || server < 0 ||
	    param_read("admin_gid", old_admin_gid, sizeof(old_admin_gid)) ||
	    param_read("user_rights", old_user_rights, sizeof(old_user_rights)) ||
	    param_write("admin_gid", "4242") || param_write("user_rights", "0x17")) {
		printf("not ok 1 - setup (root, faxport.ko, module parameters)\n");
		return 1;
	}
	if (write(document_fd, "II*\0", 4) != 4)
		return 1;
	/* Root's job; no engine is attached in this test, so it stays queued. */
	submit.document_fd = document_fd;
	snprintf(submit.param.recipient_number, sizeof(submit.param.recipient_number), "555");
	if (ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &submit)) {
		printf("not ok 1 - setup: root's job: %s\n", strerror(errno));
		return 1;
	}
	roots_job = submit.job_id;

	for (int who = 0; who < IDENTITIES; who++) {
		int *row = outcomes + who * OPERATIONS;
		bool ran = run_identity(who, row) == 0;

		for (unsigned int i = 0; i < OPERATIONS; i++) {
			const struct operation *op = &operations[i];
			bool as_documented = ran && row[i] == op->expected[who];

			cases++;
			if (!as_documented)
				failures++;
			printf("%sok %d - %s: %s %s\n", as_documented ? "" : "not ", ++n,
			       identity_names[who], op->name,
			       op->expected[who] ? strerror(op->expected[who]) : "allowed");
			if (!as_documented)
				printf("# got %s\n", ran ? (row[i] ? strerror(row[i]) : "allowed")
						   : "no result (the identity could not run)");
		}
	}
	{
		struct faxport_job_control del = { .job_id = roots_job,
						   .command = FAXPORT_JC_DELETE };

		ioctl(server, FAXPORT_IOC_JOB_CONTROL, &del);
	}
	param_write("admin_gid", old_admin_gid);
	param_write("user_rights", old_user_rights);
	printf("# reliability: privileges | every operation as root, an admin_gid member and a plain user, against the documented policy | %d cases | %s\n",
	       cases, failures ? "FAILED" : "each as documented");
	return failures ? 1 : 0;
}
