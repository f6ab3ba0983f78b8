/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers of the API tests: what an administrator or a second program does
 * around the application under test (add and remove ports and drive a line
 * through raw ioctls, change the rights policy, become an unprivileged
 * user, hide /dev in a private mount namespace), plus an independent
 * UTF-8 -> UTF-16 encoder to check the W functions against the A ones.
 *
 * The tests run inside the VM as root (tools/vm-run).  The kselftest harness
 * runs every TEST in its own child process, so a test may drop privileges
 * or unshare its mount namespace without affecting the next one.
 */
#ifndef LIBWINFAX_APITEST_H
#define LIBWINFAX_APITEST_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/faxport.h>
#include <winfax.h>

#include "faxport_client.h"
#include "kselftest_harness.h"

#define NOBODY_ID 65534

/* Become nobody with no supplementary groups, for good (the harness runs
 * each test in its own child). */
static inline int drop_to_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(NOBODY_ID, NOBODY_ID, NOBODY_ID) ||
	    setresuid(NOBODY_ID, NOBODY_ID, NOBODY_ID))
		return -1;
	return 0;
}

/* An administrator's own server handle (raw fd, handshake done), or -1
 * with errno, as the raw ioctls the tests make around it report. */
static inline int admin_server_open(void)
{
	int fd = faxport_open_server();

	if (fd < 0) {
		errno = -fd;
		return -1;
	}
	return fd;
}

/* Adds a port as an administrator would; 0 or -1 with errno. */
static inline int admin_port_add(const char *name, const char *number, DWORD *device_id)
{
	struct faxport_port_add add = { 0 };
	int fd = admin_server_open();
	int ret;

	if (fd < 0)
		return -1;
	snprintf(add.name, sizeof(add.name), "%s", name);
	snprintf(add.number, sizeof(add.number), "%s", number);
	ret = ioctl(fd, FAXPORT_IOC_PORT_ADD, &add);
	close(fd);
	if (ret == 0)
		*device_id = add.device_id;
	return ret;
}

static inline int admin_port_remove(DWORD device_id)
{
	struct faxport_port_remove remove = { .device_id = device_id };
	int fd = admin_server_open();
	int ret;

	if (fd < 0)
		return -1;
	ret = ioctl(fd, FAXPORT_IOC_PORT_REMOVE, &remove);
	close(fd);
	return ret;
}

/* Attaches as the port's DSP engine (as faxd does); the fd or -1 with
 * errno. */
static inline int admin_dsp_attach(DWORD device_id)
{
	struct faxport_dsp_attach attach = { .version = FAXPORT_API_VERSION };
	int fd = faxport_open_port_node(device_id);
	int error;

	if (fd < 0) {
		errno = -fd;
		return -1;
	}
	error = faxport_ioctl(fd, FAXPORT_IOC_DSP_ATTACH, &attach);
	if (error) {
		close(fd);
		errno = -error;
		return -1;
	}
	return fd;
}

static inline int admin_dial(int dsp_fd, const char *number)
{
	struct faxport_dial dial = { 0 };

	snprintf(dial.number, sizeof(dial.number), "%s", number);
	return ioctl(dsp_fd, FAXPORT_IOC_LINE_DIAL, &dial);
}

/* The rights policy for users other than root: read and write the module
 * parameter user_rights.  -1 on failure. */
static inline long user_rights_read(void)
{
	char text[32] = "";
	int fd = open("/sys/module/faxport/parameters/user_rights", O_RDONLY | O_CLOEXEC);
	ssize_t length;

	if (fd < 0)
		return -1;
	length = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (length <= 0)
		return -1;
	return strtol(text, NULL, 0);
}

static inline int user_rights_write(long rights)
{
	char text[32];
	int fd = open("/sys/module/faxport/parameters/user_rights", O_WRONLY | O_CLOEXEC);
	int length = snprintf(text, sizeof(text), "0x%lx", rights);
	ssize_t written;

	if (fd < 0)
		return -1;
	written = write(fd, text, (size_t)length);
	close(fd);
	return written == length ? 0 : -1;
}

/*
 * A temporary rights policy for users: set now, put back by a helper
 * process that stays root, so a test can change the policy, drop to nobody,
 * connect (rights are fixed at open) and have the old policy restored
 * while it goes on unprivileged.  The helper restores when
 * user_rights_change_end() closes the trigger, or when the test dies.
 */
struct user_rights_change {
	pid_t restorer;
	int trigger;
};

static inline int user_rights_change_begin(long rights, struct user_rights_change *change)
{
	long saved = user_rights_read();
	int fds[2];

	if (saved < 0 || pipe2(fds, O_CLOEXEC))
		return -1;
	change->restorer = fork();
	if (change->restorer == 0) {
		char byte;

		close(fds[1]);
		while (read(fds[0], &byte, 1) < 0 && errno == EINTR)
			;
		_exit(user_rights_write(saved) ? 1 : 0);
	}
	close(fds[0]);
	change->trigger = fds[1];
	if (change->restorer < 0 || user_rights_write(rights)) {
		close(fds[1]);
		return -1;
	}
	return 0;
}

/* Restores the policy and waits until it is back; 0 when it is. */
static inline int user_rights_change_end(struct user_rights_change *change)
{
	int status;

	close(change->trigger);
	if (waitpid(change->restorer, &status, 0) != change->restorer)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/*
 * Gives this process (a test's child) a private mount namespace whose /dev
 * is an empty tmpfs, so a test can show the library a missing or bogus
 * device node without touching the real /dev.  0 or -1.
 */
static inline int private_empty_dev(void)
{
	if (unshare(CLONE_NEWNS))
		return -1;
	/* "none", not NULL: the kernel ignores both with MS_PRIVATE, but
	 * valgrind checks the strings. */
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL))
		return -1;
	return mount("tmpfs", "/dev", "tmpfs", 0, "mode=755");
}

/* The device number of a node, or 0. */
static inline dev_t device_number_of(const char *path)
{
	struct stat status;

	return stat(path, &status) == 0 ? status.st_rdev : 0;
}

/*
 * UTF-8 to UTF-16, written independently of the library's converter so
 * the W results are checked against something other than themselves.
 * Input must be valid UTF-8 (the tests' own strings).  Returns a malloc'd
 * terminated string.
 */
static inline WCHAR *test_utf16_from_utf8(const char *utf8)
{
	size_t length = strlen(utf8);
	WCHAR *wide = calloc(length + 1, sizeof(WCHAR));
	size_t out = 0;

	if (!wide)
		return NULL;
	for (size_t i = 0; i < length;) {
		unsigned char lead = (unsigned char)utf8[i];
		uint32_t code;
		size_t extra;

		if (lead < 0x80) {
			code = lead;
			extra = 0;
		} else if (lead < 0xE0) {
			code = lead & 0x1F;
			extra = 1;
		} else if (lead < 0xF0) {
			code = lead & 0x0F;
			extra = 2;
		} else {
			code = lead & 0x07;
			extra = 3;
		}
		for (size_t k = 1; k <= extra; k++)
			code = (code << 6) | ((unsigned char)utf8[i + k] & 0x3F);
		i += extra + 1;
		if (code >= 0x10000) {
			code -= 0x10000;
			wide[out++] = (WCHAR)(0xD800 + (code >> 10));
			wide[out++] = (WCHAR)(0xDC00 + (code & 0x3FF));
		} else {
			wide[out++] = (WCHAR)code;
		}
	}
	return wide;
}

/* True when the W string equals the A string converted to UTF-16. */
static inline bool wide_equals_utf8(const WCHAR *wide, const char *utf8)
{
	WCHAR *expected;
	bool equal = true;
	size_t i = 0;

	if (!wide || !utf8)
		return wide == NULL && utf8 == NULL;
	expected = test_utf16_from_utf8(utf8);
	if (!expected)
		return false;
	for (;; i++) {
		if (wide[i] != expected[i]) {
			equal = false;
			break;
		}
		if (wide[i] == 0)
			break;
	}
	free(expected);
	return equal;
}

/* Connects to the local fax server; NULL on failure. */
static inline HANDLE connect_local(void)
{
	HANDLE handle = NULL;

	return FaxConnectFaxServerA(NULL, &handle) ? handle : NULL;
}

#endif /* LIBWINFAX_APITEST_H */
