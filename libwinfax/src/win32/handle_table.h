/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The library's handle table.
 *
 * A HANDLE given to the application is an opaque number: a slot index plus
 * a generation that changes every time a slot is reused.  Nothing is ever
 * dereferenced from the value itself, so NULL, closed, stale and forged
 * values are all simply "not found".
 *
 * Lifetime: an open handle holds one reference on its slot; each
 * winfax_handle_get() takes another, released with winfax_handle_put().
 * Closing (winfax_handle_detach()) makes the value unfindable at once and
 * hands the open reference to the closer; the slot's release function runs,
 * and its fd is closed, only when the last reference is put.  So a thread
 * still using a handle that another thread closes keeps a valid fd and
 * data pointer, and an fd number is never closed twice or after reuse.
 *
 * A handle may be opened through another (a port handle through the server
 * handle it was opened with): the child's slot holds one reference to its
 * parent's slot, dropped when the child's last reference goes, so the
 * parent's fd stays valid for as long as the child is used, whether or not
 * the parent was closed meanwhile.  Parents are one level deep.
 */
#ifndef LIBWINFAX_HANDLE_TABLE_H
#define LIBWINFAX_HANDLE_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "winfax.h"

enum winfax_handle_kind {
    WINFAX_HANDLE_ANY = 0,          /* lookups only: accept every kind */
    WINFAX_HANDLE_FAX_SERVER,
    WINFAX_HANDLE_FAX_PORT,
    WINFAX_HANDLE_COMPLETION_PORT,
};

/*
 * Called once, without the table lock held, when the last reference to a
 * slot goes; it frees data.  The table closes fd itself afterwards (when
 * fd >= 0), so release may still use it (for a last ioctl, say).
 */
typedef void (*winfax_handle_release_fn)(int fd, void *data);

/* A counted reference: the fields are stable until winfax_handle_put(). */
struct winfax_handle_ref {
    enum winfax_handle_kind kind;
    int fd;
    /* The fd of the handle this one was opened through, or -1. */
    int parent_fd;
    void *data;
    uint32_t slot;
};

/* A set of kinds, for the calls that accept more than one. */
#define WINFAX_HANDLE_KIND_BIT(kind) (1u << (kind))

/* Upper bound on open handles.  Handle values keep slot + 1 in their low
 * WINFAX_HANDLE_SLOT_BITS bits; all-ones there would make
 * INVALID_HANDLE_VALUE reachable, hence the "- 2". */
#define WINFAX_HANDLE_SLOT_BITS 20
#define WINFAX_HANDLE_MAX_OPEN  (((size_t)1 << WINFAX_HANDLE_SLOT_BITS) - 2)

/*
 * Registers a new handle owning fd (or -1) and data.  Returns 0, -ENOMEM,
 * or -EMFILE when the table is at its limit (-EINVAL for a bad kind).  On
 * failure nothing is owned: the caller still closes fd and frees data.
 */
int winfax_handle_create(enum winfax_handle_kind kind, int fd, void *data,
                         winfax_handle_release_fn release, HANDLE *handle_out);

/*
 * As winfax_handle_create() with no data, for a handle opened through
 * parent (a reference from winfax_handle_get() to a handle that has no
 * parent itself).  On success the new handle keeps that reference until
 * its own last reference goes; on failure it is still the caller's.
 */
int winfax_handle_create_child(enum winfax_handle_kind kind, int fd,
                               const struct winfax_handle_ref *parent, HANDLE *handle_out);

/* Looks up an open handle of the given kind (or any kind) and takes a
 * reference.  False for NULL, closed, stale, forged or wrong-kind values. */
bool winfax_handle_get(HANDLE handle, enum winfax_handle_kind kind,
                       struct winfax_handle_ref *ref);

/* Drops a reference from winfax_handle_get() or winfax_handle_detach(). */
void winfax_handle_put(struct winfax_handle_ref *ref);

/*
 * Closes a handle value: from now on no lookup finds it.  On success the
 * caller receives the handle's own reference (to wake waiters, say) and
 * must winfax_handle_put() it.  False if the value is not an open handle of
 * that kind, e.g. when it was already closed.
 */
bool winfax_handle_detach(HANDLE handle, enum winfax_handle_kind kind,
                          struct winfax_handle_ref *ref);

/*
 * Detaches a handle of one of the kinds in kinds (WINFAX_HANDLE_KIND_BIT()s)
 * and puts its reference, in one pass: what FaxClose does.  False if the
 * value is not an open handle of those kinds.
 */
bool winfax_handle_close(HANDLE handle, unsigned int kinds);

/* For tests and diagnostics: handles not yet fully released (open, or
 * closed but still referenced). */
size_t winfax_handle_count_live(void);

/* For tests: lowers the table's limit (never above WINFAX_HANDLE_MAX_OPEN);
 * 0 restores the default.  Returns the previous limit. */
size_t winfax_handle_set_limit(size_t max_open);

#endif
