/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "faxport_device.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <linux/faxport.h>

/* O_NOCTTY: should a node ever be something else, opening it must not
 * make it the process' controlling terminal. */
#define NODE_OPEN_FLAGS (O_RDWR | O_CLOEXEC | O_NOCTTY)

/* "/dev/faxport" + a DeviceId in decimal (at most 10 digits) + NUL. */
#define PORT_NODE_PATH_SIZE (sizeof(WINFAX_SERVER_NODE) + 10)

int winfax_device_ioctl(int fd, unsigned long request, void *argument)
{
    int result;

    do
        result = ioctl(fd, request, argument);
    while (result < 0 && errno == EINTR);
    return result < 0 ? errno : 0;
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

static int character_device_of(int fd, dev_t *device_out)
{
    struct stat status;

    if (fstat(fd, &status) != 0)
        return errno;
    if (!S_ISCHR(status.st_mode))
        return ENODEV;
    *device_out = status.st_rdev;
    return 0;
}

int winfax_device_open_server(int *server_fd_out)
{
    struct faxport_api api = { .version = FAXPORT_API_VERSION };
    dev_t device;
    int fd = open_node(WINFAX_SERVER_NODE);
    int error;

    if (fd < 0)
        return -fd;
    error = character_device_of(fd, &device);
    if (!error)
        error = winfax_device_ioctl(fd, FAXPORT_IOC_API, &api);
    /* The kernel answers with the version it speaks; anything but ours
     * would be a kernel bug, and is treated like a refused handshake. */
    if (!error && api.version != FAXPORT_API_VERSION)
        error = EINVAL;
    if (error) {
        close(fd);
        return error;
    }
    *server_fd_out = fd;
    return 0;
}

int winfax_device_open_port_node(int server_fd, uint32_t device_id, int *port_fd_out)
{
    char path[PORT_NODE_PATH_SIZE];
    dev_t server_device;
    dev_t port_device;
    int fd;
    int error;
    int length = snprintf(path, sizeof(path), "%s%u", WINFAX_SERVER_NODE, (unsigned)device_id);

    if (length < 0 || (size_t)length >= sizeof(path))
        return ENAMETOOLONG;   /* cannot happen for a 32-bit id */
    error = character_device_of(server_fd, &server_device);
    if (error)
        return error;
    fd = open_node(path);
    if (fd < 0)
        return -fd;
    error = character_device_of(fd, &port_device);
    if (!error && major(port_device) != major(server_device))
        error = ENODEV;
    if (error) {
        close(fd);
        return error;
    }
    *port_fd_out = fd;
    return 0;
}
