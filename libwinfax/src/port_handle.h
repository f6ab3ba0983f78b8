/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What a port handle keeps besides its port fd: a duplicate of the server
 * handle's fd it was opened with.  FaxGetDeviceStatus needs the job queue,
 * which only a server handle lists (the uAPI has no port ioctl for the
 * port's job), and it must be listed with the rights the port handle was
 * given, not with a new handle's: the duplicate is the same open file, so
 * it has exactly those rights, and it outlives a FaxClose of the server
 * handle as the port handle does.
 */
#ifndef LIBWINFAX_PORT_HANDLE_H
#define LIBWINFAX_PORT_HANDLE_H

struct winfax_port_handle {
    int server_fd;
};

/* A new port handle's data for server_fd (duplicated here), or NULL with
 * errno set (EMFILE, ENOMEM). */
struct winfax_port_handle *winfax_port_handle_new(int server_fd);

/* The handle table's release function for port handles. */
void winfax_port_handle_release(int port_fd, void *data);

#endif
