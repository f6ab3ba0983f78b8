/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * faxport_client.h: the user-space side of the faxport uAPI, for every
 * program of the tree that talks to the driver (libwinfax, faxd, faxctl,
 * faxport-info, faxevents, the benchmarks and the tests), as libgpiod is for the
 * GPIO character device. It holds the three things each of them would
 * otherwise write again: an ioctl that survives signals, opening the server
 * node with the API handshake every server handle needs first, and the
 * grow-and-retry loop of the list ioctls ({count, size, pointer} in, the
 * real count out).
 *
 * Header-only: the programs that use it have nothing else in common to
 * link, and each function is a few lines around one system call.
 *
 * Errors: every function returns a negative errno (or, where it says so, an
 * fd or 0), never sets errno for the caller to read. libwinfax turns these
 * into Win32 codes at its surface, tools into messages.
 */
#ifndef FAXPORT_CLIENT_H
#define FAXPORT_CLIENT_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

#define FAXPORT_SERVER_NODE "/dev/faxport"
/* "/dev/faxport" + a DeviceId in decimal (at most 10 digits) + NUL. */
#define FAXPORT_PORT_NODE_PATH_SIZE (sizeof(FAXPORT_SERVER_NODE) + 10)

/*
 * O_NOCTTY: should a node ever be something else, opening it must not make
 * it the process's controlling terminal.
 */
#define FAXPORT_NODE_OPEN_FLAGS (O_RDWR | O_CLOEXEC | O_NOCTTY)

/*
 * The three list ioctls share one layout, so one loop serves them all; the
 * asserts keep that true if the uAPI ever changes.
 */
struct faxport_list_request {
	__u32 count;
	__u32 entry_size;
	__aligned_u64 entries;
};

#define FAXPORT_ASSERT_LIST_LAYOUT(type, size_field, pointer_field)                     \
	_Static_assert(sizeof(struct type) == sizeof(struct faxport_list_request) &&   \
		       offsetof(struct type, count) == 0 &&                             \
		       offsetof(struct type, size_field) ==                             \
			       offsetof(struct faxport_list_request, entry_size) &&     \
		       offsetof(struct type, pointer_field) ==                          \
			       offsetof(struct faxport_list_request, entries),          \
		       #type " is not a {count, size, pointer} list")
FAXPORT_ASSERT_LIST_LAYOUT(faxport_port_list, info_size, infos);
FAXPORT_ASSERT_LIST_LAYOUT(faxport_job_list, info_size, infos);
FAXPORT_ASSERT_LIST_LAYOUT(faxport_routing_list, method_size, methods);
#undef FAXPORT_ASSERT_LIST_LAYOUT

/* ioctl(), again while a signal interrupts it: 0 or a negative errno. */
static inline int faxport_ioctl(int fd, unsigned long request, void *argument)
{
	int result;

	do
		result = ioctl(fd, request, argument);
	while (result < 0 && errno == EINTR);
	return result < 0 ? -errno : 0;
}

/* open() of a node, again on EINTR: the fd, or a negative errno. */
static inline int faxport_open_node(const char *path)
{
	int fd;

	do
		fd = open(path, FAXPORT_NODE_OPEN_FLAGS);
	while (fd < 0 && errno == EINTR);
	return fd < 0 ? -errno : fd;
}

/*
 * As faxport_open_server(), and the driver's answer to the handshake in
 * *@api (its features), for a program that reports them.
 */
static inline int faxport_open_server_api(struct faxport_api *api)
{
	int fd = faxport_open_node(FAXPORT_SERVER_NODE);
	int error;

	if (fd < 0)
		return fd;
	memset(api, 0, sizeof(*api));
	api->version = FAXPORT_API_VERSION;
	/*
	 * No fstat() of the node first: the handshake's ENOTTY already tells a
	 * node that is not the faxport server, and costs less than fstat().
	 */
	error = faxport_ioctl(fd, FAXPORT_IOC_API, api);
	/* Any other version in the answer would be a kernel bug: refused. */
	if (!error && api->version != FAXPORT_API_VERSION)
		error = -EINVAL;
	if (error) {
		close(fd);
		return error;
	}
	return fd;
}

/*
 * A server handle ready for use: the server node opened and the
 * FAXPORT_IOC_API handshake made. The fd, or a negative errno: open()'s
 * (-ENOENT when the module is not loaded, -EACCES, -EMFILE ...) or the
 * handshake's (-EINVAL: the kernel speaks another uAPI version; -ENOTTY: the
 * node is not the faxport server).
 */
static inline int faxport_open_server(void)
{
	struct faxport_api api;

	return faxport_open_server_api(&api);
}

/*
 * Writes "/dev/faxport<DeviceId>". By hand, not snprintf(): snprintf was a
 * twentieth of a whole FaxOpenPort + FaxClose in make bench.
 */
static inline void faxport_port_node_path(uint32_t device_id,
					  char path[FAXPORT_PORT_NODE_PATH_SIZE])
{
	char digits[10];
	size_t count = 0;
	size_t prefix = sizeof(FAXPORT_SERVER_NODE) - 1;

	do {
		digits[count++] = (char)('0' + device_id % 10);
		device_id /= 10;
	} while (device_id != 0);
	memcpy(path, FAXPORT_SERVER_NODE, prefix);
	for (size_t i = 0; i < count; i++)
		path[prefix + i] = digits[count - 1 - i];
	path[prefix + count] = '\0';
}

/*
 * Port @device_id's node, opened and not yet bound: the fd, or -ENOENT when
 * no port has that DeviceId. The node is not checked here: the caller's
 * FAXPORT_IOC_PORT_BIND (or DSP_ATTACH) is its first ioctl, and fails with
 * -ENOTTY on anything but a faxport port.
 */
static inline int faxport_open_port_node(uint32_t device_id)
{
	char path[FAXPORT_PORT_NODE_PATH_SIZE];

	faxport_port_node_path(device_id, path);
	return faxport_open_node(path);
}

/*
 * Every entry of a list ioctl (FAXPORT_IOC_PORT_LIST, _JOB_LIST,
 * _ROUTING_GLOBAL_LIST, _ROUTING_LIST) on @fd, in one calloc()ed array of
 * @entry_size-byte entries that the caller frees (allocated even when the
 * list is empty).
 *
 * Entries may be added between two calls, so it asks again with room for
 * the count the driver reported while that count exceeds the room given.
 * The room only grows and the driver bounds every list by @max_entries
 * (its FAXPORT_*_MAX), so this ends; a count above @max_entries is a
 * driver bug, reported as -EOVERFLOW. @first_guess sizes the first ask so
 * that most listings take one ioctl.
 *
 * Return: 0, or a negative errno (the ioctl's, or -ENOMEM).
 */
static inline int faxport_list(int fd, unsigned long request, size_t entry_size,
			       uint32_t first_guess, uint32_t max_entries,
			       void **entries_out, uint32_t *count_out)
{
	uint32_t capacity = first_guess ? first_guess : 1;

	for (;;) {
		void *entries = calloc(capacity, entry_size);
		struct faxport_list_request list = {
			.count = capacity,
			.entry_size = (__u32)entry_size,
			.entries = (uintptr_t)entries,
		};
		int error;

		if (!entries)
			return -ENOMEM;
		error = faxport_ioctl(fd, request, &list);
		if (error) {
			free(entries);
			return error;
		}
		if (list.count <= capacity) {
			*entries_out = entries;
			*count_out = list.count;
			return 0;
		}
		free(entries);
		if (list.count > max_entries)
			return -EOVERFLOW;
		capacity = list.count;
	}
}

#endif /* FAXPORT_CLIENT_H */
