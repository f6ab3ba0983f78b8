/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The faxport device nodes as the library opens them: /dev/faxport (a new
 * server handle per open) and /dev/faxport<DeviceId> (a port).  Every
 * function returns 0 or a positive errno, which the fax functions turn
 * into Win32 codes (fax_errors.h) with their own overrides.
 */
#ifndef LIBWINFAX_FAXPORT_DEVICE_H
#define LIBWINFAX_FAXPORT_DEVICE_H

#include <stdint.h>

#define WINFAX_SERVER_NODE "/dev/faxport"

/* ioctl(), repeated while a signal interrupts it.  0 or errno. */
int winfax_device_ioctl(int fd, unsigned long request, void *argument);

/*
 * Opens the server node and makes the FAXPORT_IOC_API handshake, so the
 * fd is a server handle ready for use.  Errors: those of open() (ENOENT
 * when the module is not loaded, EACCES, EMFILE ...), ENODEV when the node
 * is not a character device, and those of the handshake (EINVAL: the
 * kernel speaks another uAPI version; ENOTTY: not a faxport node).
 */
int winfax_device_open_server(int *server_fd_out);

/*
 * Opens the node of port device_id, unbound.  It must be a character
 * device of the same driver as server_fd (same major number), so that no
 * port ioctl is ever sent to an unrelated device: ENODEV otherwise.
 * ENOENT when no such node exists (no port has that DeviceId).
 */
int winfax_device_open_port_node(int server_fd, uint32_t device_id, int *port_fd_out);

#endif
