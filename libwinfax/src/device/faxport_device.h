/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The faxport device nodes as the library opens them: /dev/faxport (a new
 * server handle per open) and /dev/faxport<DeviceId> (a port).  Every
 * function returns 0 or a negative errno, which the fax functions turn
 * into Win32 codes (errno_to_win32.h) with their own overrides.
 */
#ifndef LIBWINFAX_FAXPORT_DEVICE_H
#define LIBWINFAX_FAXPORT_DEVICE_H

#include <stdint.h>

#define WINFAX_SERVER_NODE "/dev/faxport"
/* "/dev/faxport" + a DeviceId in decimal (at most 10 digits) + NUL. */
#define WINFAX_PORT_NODE_PATH_SIZE (sizeof(WINFAX_SERVER_NODE) + 10)

/* Writes the path of port device_id's node, "/dev/faxport<DeviceId>". */
void winfax_port_node_path(uint32_t device_id, char path[WINFAX_PORT_NODE_PATH_SIZE]);

/* ioctl(), repeated while a signal interrupts it.  0 or a negative errno. */
int winfax_device_ioctl(int fd, unsigned long request, void *argument);

/*
 * Opens the server node and makes the FAXPORT_IOC_API handshake, so the
 * fd is a server handle ready for use.  Errors: those of open() (ENOENT
 * when the module is not loaded, EACCES, EMFILE ...) and those of the
 * handshake (EINVAL: the kernel speaks another uAPI version; ENOTTY: the
 * node is not the faxport server, whether another driver's device or no
 * device at all).
 */
int winfax_device_open_server(int *server_fd_out);

/*
 * Opens the node of port device_id, unbound: ENOENT when no such node
 * exists (no port has that DeviceId).  The node is not checked here: the
 * caller's FAXPORT_IOC_PORT_BIND is the first ioctl it gets, and fails
 * with ENOTTY on anything but a faxport port (the ioctl number carries the
 * driver's own type), so no other request reaches an unrelated device.
 */
int winfax_device_open_port_node(uint32_t device_id, int *port_fd_out);

#endif
