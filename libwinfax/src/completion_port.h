/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * I/O completion port emulation: what the rest of the library needs beyond
 * the public CreateIoCompletionPort/GetQueuedCompletionStatus/
 * PostQueuedCompletionStatus/CloseHandle/LocalFree.
 */
#ifndef LIBWINFAX_COMPLETION_PORT_H
#define LIBWINFAX_COMPLETION_PORT_H

#include <stdbool.h>
#include <stddef.h>

#include "handle_table.h"
#include "winfax.h"

/*
 * Queues a packet on a port the caller holds a reference to (from
 * winfax_handle_get(..., WINFAX_HANDLE_COMPLETION_PORT, ...)); an event
 * thread keeps such a reference so the port outlives the fax handle.
 *
 * With library_owns_overlapped, overlapped is memory from
 * winfax_local_alloc(): it passes to the application when a
 * GetQueuedCompletionStatus() returns it (freed there with LocalFree), and
 * is freed here if the port is closed first.  Without it, overlapped is the
 * application's and is only carried.
 *
 * On failure returns FALSE with the last error set (ERROR_INVALID_HANDLE
 * once the port has been closed, ERROR_NOT_ENOUGH_MEMORY), and ownership of
 * overlapped stays with the caller.
 */
BOOL winfax_completion_port_post(const struct winfax_handle_ref *port_ref,
                                 DWORD bytes_transferred, ULONG_PTR completion_key,
                                 LPOVERLAPPED overlapped, bool library_owns_overlapped);

/*
 * Something that must stop when a completion port is closed: the event
 * subscription of FaxInitializeEventQueue, whose thread posts to the port.
 * on_close runs once, in the thread that calls CloseHandle, after the port
 * is marked closed and without the port's lock held, while the port's data
 * is still alive; it may block (it joins the subscription's thread).
 * The watch memory is the caller's and must stay valid until on_close ran
 * or winfax_completion_port_unwatch() returned true.
 */
struct winfax_completion_port_watch {
    void (*on_close)(struct winfax_completion_port_watch *watch);
    struct winfax_completion_port_watch *next;   /* the port's list */
};

/* Registers a watch.  False (ERROR_INVALID_HANDLE set) when the port is
 * already closed: on_close will then never run. */
BOOL winfax_completion_port_watch(const struct winfax_handle_ref *port_ref,
                                  struct winfax_completion_port_watch *watch);

/* Removes a watch that has not fired.  False when it is not registered
 * (CloseHandle took it: its on_close runs or has run). */
bool winfax_completion_port_unwatch(const struct winfax_handle_ref *port_ref,
                                    struct winfax_completion_port_watch *watch);

/* Allocates memory that the application releases with LocalFree (a
 * FAX_EVENT, typically).  NULL when out of memory. */
void *winfax_local_alloc(size_t size);

#endif
