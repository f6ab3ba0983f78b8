/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What a port handle keeps besides its port fd: a reference to the server
 * handle it was opened with.  FaxGetDeviceStatus needs the job queue,
 * which only a server handle lists (the uAPI has no port ioctl for the
 * port's job), and it must be listed with the rights the port handle was
 * given, not with a new handle's.  The reference keeps the server handle's
 * slot, and so its fd, alive after a FaxClose of the server handle (which
 * only makes the value unfindable, see handle_table.h), as the port handle
 * outlives it in Win32; the fd is closed when the last port handle opened
 * through it is released.  Unlike a dup() of the fd this costs no system
 * call when the port is opened or closed.
 */
#ifndef LIBWINFAX_PORT_HANDLE_H
#define LIBWINFAX_PORT_HANDLE_H

#include "handle_table.h"

struct winfax_port_handle {
    struct winfax_handle_ref server;
};

/* A new port handle's data, taking over the caller's reference to the
 * server handle; NULL with errno ENOMEM, the reference still the
 * caller's. */
struct winfax_port_handle *winfax_port_handle_new(const struct winfax_handle_ref *server);

/* The handle table's release function for port handles: drops the
 * server reference. */
void winfax_port_handle_release(int port_fd, void *data);

#endif
