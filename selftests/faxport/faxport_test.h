/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the faxport selftests: opening handles the way the
 * library does, dropping privileges, and the module's run-time parameters.
 */
#ifndef FAXPORT_TEST_H
#define FAXPORT_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

#define NOBODY_UID 65534
#define NOBODY_GID 65534

/* A server handle that has done its handshake, or -1. */
static inline int server_connect(void)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	int fd = open("/dev/faxport", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (ioctl(fd, FAXPORT_IOC_API, &api)) {
		close(fd);
		return -1;
	}
	return fd;
}

static inline int port_node_open(__u32 device_id)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/faxport%u", device_id);
	return open(path, O_RDWR | O_CLOEXEC);
}

/* FaxOpenPort: a bound port handle, or -1 with errno from the failing step. */
static inline int port_open(int server, __u32 device_id, __u32 mode)
{
	struct faxport_port_bind bind = { .server_fd = server, .mode = mode };
	int fd = port_node_open(device_id);
	int err;

	if (fd < 0)
		return -1;
	if (ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* The port's DSP engine file, or -1 with errno. */
static inline int dsp_attach(__u32 device_id, __u32 clock)
{
	struct faxport_dsp_attach attach = {
		.version = FAXPORT_API_VERSION,
		.clock = clock,
	};
	int fd = port_node_open(device_id);
	int err;

	if (fd < 0)
		return -1;
	if (ioctl(fd, FAXPORT_IOC_DSP_ATTACH, &attach)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static inline int port_add(int server, const char *name, const char *number,
			   __u32 *device_id)
{
	struct faxport_port_add add = { 0 };

	snprintf(add.name, sizeof(add.name), "%s", name);
	snprintf(add.number, sizeof(add.number), "%s", number);
	if (ioctl(server, FAXPORT_IOC_PORT_ADD, &add))
		return -1;
	*device_id = add.device_id;
	return 0;
}

static inline int port_remove(int server, __u32 device_id)
{
	struct faxport_port_remove rm = { .device_id = device_id };

	return ioctl(server, FAXPORT_IOC_PORT_REMOVE, &rm);
}

static inline int port_get(int handle, struct faxport_port_info *info)
{
	return ioctl(handle, FAXPORT_IOC_PORT_GET, info);
}

/* Become nobody, without supplementary groups (the test runs as root). */
static inline int drop_to_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(NOBODY_GID, NOBODY_GID, NOBODY_GID) ||
	    setresuid(NOBODY_UID, NOBODY_UID, NOBODY_UID))
		return -1;
	return 0;
}

/* Write a module parameter; returns 0 or -1 with errno. */
static inline int param_write(const char *name, const char *value)
{
	char path[128];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "/sys/module/faxport/parameters/%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (write(fd, value, strlen(value)) < 0)
		ret = -1;
	close(fd);
	return ret;
}

static inline int param_read(const char *name, char *buf, size_t size)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/module/faxport/parameters/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* Read a port's sysfs attribute into buf (newline stripped). */
static inline int port_sysfs(__u32 device_id, const char *attr, char *buf,
			     size_t size)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/faxport/faxport%u/%s",
		 device_id, attr);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/*
 * Text a terminal or a log would obey rather than show: the ends of each
 * range of C0 controls, DEL, C1 controls, bidi embeddings and overrides,
 * and isolates. Every free-text field the kernel takes refuses them all.
 */
static const char *const hostile_text[] __attribute__((unused)) = {
	"\x01", "\x1b[2J", "\x1f", "\x7f",
	"\xc2\x80", "\xc2\x9b", "\xc2\x9f",
	"\xe2\x80\xaa", "\xe2\x80\xae",
	"\xe2\x81\xa6", "\xe2\x81\xa9",
};

/* The neighbours of those ranges, and ordinary non-ASCII text: all names. */
static const char *const ordinary_text[] __attribute__((unused)) = {
	"M\xc3\xbcller", "\xe6\x97\xa5\xe6\x9c\xac",
	"\xc2\xa0", "\xe2\x80\xb0", "\xe2\x81\xaa",
};

#define TEXT_SAMPLES(list) (sizeof(list) / sizeof((list)[0]))

/* What the uAPI documents an ioctl, read or write may fail with. */
static inline bool faxport_errno_documented(int err)
{
	switch (err) {
	case EINVAL: case EFAULT: case ENOTTY: case EPERM: case EACCES:
	case EBUSY: case ENODEV: case ENOENT: case EAGAIN: case ENOTCONN:
	case ENOSPC: case EOVERFLOW: case E2BIG: case EEXIST: case ERANGE:
	case EBADF: case EISCONN: case EALREADY: case EMSGSIZE: case ENXIO:
	case EOPNOTSUPP: case ESRCH: case ECANCELED: case EINTR:
	case ENAMETOOLONG: case EPROTO: case ETIMEDOUT: case EBADFD:
	case EDQUOT: case ENETDOWN: case EHOSTDOWN:
		return true;
	default:
		return false;
	}
}

#endif /* FAXPORT_TEST_H */
