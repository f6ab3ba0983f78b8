/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "faxport_device.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>

/* O_NOCTTY: should a node ever be something else, opening it must not
 * make it the process' controlling terminal. */
#define NODE_OPEN_FLAGS (O_RDWR | O_CLOEXEC | O_NOCTTY)

#define UINT32_DECIMAL_DIGITS 10

int winfax_device_ioctl(int fd, unsigned long request, void *argument)
{
    int result;

    do
        result = ioctl(fd, request, argument);
    while (result < 0 && errno == EINTR);
    return result < 0 ? -errno : 0;
}

/* The fd, or a negative errno. */
static int open_node(const char *path)
{
    int fd;

    do
        fd = open(path, NODE_OPEN_FLAGS);
    while (fd < 0 && errno == EINTR);
    return fd < 0 ? -errno : fd;
}

int winfax_device_open_server(int *server_fd_out)
{
    struct faxport_api api = { .version = FAXPORT_API_VERSION };
    int fd = open_node(WINFAX_SERVER_NODE);
    int error;

    if (fd < 0)
        return fd;
    /* No fstat() of the node first: the handshake's ENOTTY already tells
     * a node that is not the faxport server, and fstat() costs as much as
     * the open (glibc makes it a path lookup on an empty path). */
    error = winfax_device_ioctl(fd, FAXPORT_IOC_API, &api);
    /* The kernel answers with the version it speaks; anything but ours
     * would be a kernel bug, and is treated like a refused handshake. */
    if (!error && api.version != FAXPORT_API_VERSION)
        error = -EINVAL;
    if (error) {
        close(fd);
        return error;
    }
    *server_fd_out = fd;
    return 0;
}

/*
 * The node's path, written by hand: snprintf was a twentieth of a whole
 * FaxOpenPort + FaxClose in the benchmark (make bench), more than any other
 * user-space part of it.
 */
void winfax_port_node_path(uint32_t device_id, char path[WINFAX_PORT_NODE_PATH_SIZE])
{
    char digits[UINT32_DECIMAL_DIGITS];
    size_t count = 0;
    size_t prefix = sizeof(WINFAX_SERVER_NODE) - 1;

    do {
        digits[count++] = (char)('0' + device_id % 10);
        device_id /= 10;
    } while (device_id != 0);
    memcpy(path, WINFAX_SERVER_NODE, prefix);
    for (size_t i = 0; i < count; i++)
        path[prefix + i] = digits[count - 1 - i];
    path[prefix + count] = '\0';
}

int winfax_device_open_port_node(uint32_t device_id, int *port_fd_out)
{
    char path[WINFAX_PORT_NODE_PATH_SIZE];
    int fd;

    winfax_port_node_path(device_id, path);
    fd = open_node(path);
    if (fd < 0)
        return fd;
    *port_fd_out = fd;
    return 0;
}
