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

/*
 * A source of packets that a thread waiting in GetQueuedCompletionStatus
 * reads itself: an event subscription's netlink socket.  Without it an
 * event would reach the application through two wake-ups (the socket
 * wakes the subscription's thread, which posts and wakes the waiter); with
 * it, a waiter blocked on the port is woken by the socket directly, calls
 * drain (which posts what it read to this port) and takes the packet.
 *
 * The port waits on fd with EPOLLEXCLUSIVE, and so must the source's own
 * reader (the subscription's thread), registered after
 * winfax_completion_port_add_source(): the kernel then wakes the first
 * exclusive waiter that is blocked, which is a thread waiting on the port
 * whenever there is one, and the source's thread otherwise, so events
 * keep moving into the queue while nobody waits.  drain may run in any
 * waiting thread, concurrently with the source's own reader: it locks
 * what it shares with it.
 */
struct winfax_completion_port_source {
    int fd;
    void (*drain)(struct winfax_completion_port_source *source);
};

/* Adds a source.  False (ERROR_INVALID_HANDLE: the port is closed;
 * ERROR_NOT_ENOUGH_MEMORY, ERROR_TOO_MANY_OPEN_FILES) with nothing added. */
BOOL winfax_completion_port_add_source(const struct winfax_handle_ref *port_ref,
                                       struct winfax_completion_port_source *source);

/* Removes a source; returns once no waiting thread is draining it, so the
 * caller may free it. */
void winfax_completion_port_remove_source(const struct winfax_handle_ref *port_ref,
                                          struct winfax_completion_port_source *source);

/* Allocates memory that the application releases with LocalFree (a
 * FAX_EVENT, typically).  NULL when out of memory. */
void *winfax_local_alloc(size_t size);

#endif
