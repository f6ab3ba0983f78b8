/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "handle_table.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define SLOT_FIELD_MASK  (((uintptr_t)1 << WINFAX_HANDLE_SLOT_BITS) - 1)
#define GENERATION_MASK  (UINTPTR_MAX >> WINFAX_HANDLE_SLOT_BITS)
#define NO_SLOT          UINT32_MAX
#define INITIAL_CAPACITY 16

struct handle_slot {
    /* The value the application holds; 0 once closed (or while free), so a
     * closed handle is never found even before its slot is recycled. */
    uintptr_t value;
    enum winfax_handle_kind kind;
    int fd;
    void *data;
    winfax_handle_release_fn release;
    /* The open handle's reference, one per winfax_handle_get() and one per
     * child handle opened through this one. */
    unsigned int references;
    bool in_use;
    uint32_t next_free;
    /* The slot of the handle this one was opened through, or NO_SLOT. */
    uint32_t parent;
};

/* What is left to do, outside the lock, for a slot whose last reference
 * went. */
struct retired_slot {
    winfax_handle_release_fn release;
    void *data;
    int fd;
};

/* A child and its parent: parents are one level deep. */
#define MAX_RETIRED_AT_ONCE 2

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct handle_slot *slots;
static size_t slot_capacity;
/* Slots below this index have been handed out at least once; above it they
 * are fresh and not on the free list. */
static size_t slots_ever_used;
static uint32_t first_free_slot = NO_SLOT;
static size_t live_slots;
static size_t open_limit = WINFAX_HANDLE_MAX_OPEN;
/* Global rather than per slot, so a value can only ever match the one
 * handle it was issued for, whichever slot a forger aims at. */
static uintptr_t last_generation;

static uintptr_t next_generation(void)
{
    last_generation = (last_generation + 1) & GENERATION_MASK;
    if (last_generation == 0)
        last_generation = 1;
    return last_generation;
}

static bool grow_table_locked(void)
{
    size_t new_capacity = slot_capacity ? slot_capacity * 2 : INITIAL_CAPACITY;
    struct handle_slot *grown;

    if (new_capacity > WINFAX_HANDLE_MAX_OPEN)
        new_capacity = WINFAX_HANDLE_MAX_OPEN;
    if (new_capacity <= slot_capacity)
        return false;
    grown = realloc(slots, new_capacity * sizeof(*grown));
    if (!grown)
        return false;
    slots = grown;
    slot_capacity = new_capacity;
    return true;
}

static unsigned int kinds_of(enum winfax_handle_kind kind)
{
    return kind == WINFAX_HANDLE_ANY ? UINT_MAX : WINFAX_HANDLE_KIND_BIT(kind);
}

/* Returns the slot an open value of one of the kinds refers to, or NULL. */
static struct handle_slot *find_open_slot_locked(HANDLE handle, unsigned int kinds)
{
    uintptr_t value = (uintptr_t)handle;
    uintptr_t slot_field = value & SLOT_FIELD_MASK;
    struct handle_slot *slot;

    if (value == 0 || slot_field == 0 || slot_field > slots_ever_used)
        return NULL;
    slot = &slots[slot_field - 1];
    if (!slot->in_use || slot->value != value)
        return NULL;
    if (!(kinds & WINFAX_HANDLE_KIND_BIT(slot->kind)))
        return NULL;
    return slot;
}

static void fill_ref(const struct handle_slot *slot, struct winfax_handle_ref *ref)
{
    ref->kind = slot->kind;
    ref->fd = slot->fd;
    ref->parent_fd = slot->parent == NO_SLOT ? -1 : slots[slot->parent].fd;
    ref->data = slot->data;
    ref->slot = (uint32_t)(slot - slots);
}

/*
 * Drops one reference to a slot; when it was the last, frees the slot and
 * drops the reference it held to its parent in turn.  What the dead slots
 * leave to do outside the lock goes to retired; returns how many died.
 */
static size_t drop_reference_locked(uint32_t index,
                                    struct retired_slot retired[MAX_RETIRED_AT_ONCE])
{
    size_t count = 0;

    while (index != NO_SLOT && --slots[index].references == 0) {
        struct handle_slot *slot = &slots[index];
        uint32_t parent = slot->parent;

        retired[count].release = slot->release;
        retired[count].data = slot->data;
        retired[count].fd = slot->fd;
        count++;
        slot->in_use = false;
        slot->value = 0;
        slot->data = NULL;
        slot->fd = -1;
        slot->parent = NO_SLOT;
        slot->next_free = first_free_slot;
        first_free_slot = index;
        live_slots--;
        index = parent;
    }
    return count;
}

/* Outside the lock: release may block (close of a device fd) or take the
 * object's own locks.  Children go first, so a parent's fd outlives its
 * children's. */
static void finish_retired(const struct retired_slot *retired, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (retired[i].release)
            retired[i].release(retired[i].fd, retired[i].data);
        if (retired[i].fd >= 0)
            close(retired[i].fd);
    }
}

static int create_slot(enum winfax_handle_kind kind, int fd, void *data,
                       winfax_handle_release_fn release, uint32_t parent, HANDLE *handle_out)
{
    struct handle_slot *slot;
    size_t index;

    if (kind == WINFAX_HANDLE_ANY || !handle_out)
        return -EINVAL;

    pthread_mutex_lock(&table_lock);
    if (parent != NO_SLOT && slots[parent].parent != NO_SLOT) {
        pthread_mutex_unlock(&table_lock);
        return -EINVAL;
    }
    if (live_slots >= open_limit) {
        pthread_mutex_unlock(&table_lock);
        return -EMFILE;
    }
    if (first_free_slot != NO_SLOT) {
        index = first_free_slot;
        first_free_slot = slots[index].next_free;
    } else {
        if (slots_ever_used == slot_capacity && !grow_table_locked()) {
            pthread_mutex_unlock(&table_lock);
            return slot_capacity >= WINFAX_HANDLE_MAX_OPEN ? -EMFILE : -ENOMEM;
        }
        index = slots_ever_used++;
    }

    slot = &slots[index];
    slot->value = (next_generation() << WINFAX_HANDLE_SLOT_BITS) | (uintptr_t)(index + 1);
    slot->kind = kind;
    slot->fd = fd;
    slot->data = data;
    slot->release = release;
    slot->references = 1;
    slot->in_use = true;
    slot->next_free = NO_SLOT;
    slot->parent = parent;
    live_slots++;
    *handle_out = (HANDLE)slot->value;
    pthread_mutex_unlock(&table_lock);
    return 0;
}

int winfax_handle_create(enum winfax_handle_kind kind, int fd, void *data,
                         winfax_handle_release_fn release, HANDLE *handle_out)
{
    return create_slot(kind, fd, data, release, NO_SLOT, handle_out);
}

int winfax_handle_create_child(enum winfax_handle_kind kind, int fd,
                               const struct winfax_handle_ref *parent, HANDLE *handle_out)
{
    if (!parent)
        return -EINVAL;
    return create_slot(kind, fd, NULL, NULL, parent->slot, handle_out);
}

bool winfax_handle_get(HANDLE handle, enum winfax_handle_kind kind,
                       struct winfax_handle_ref *ref)
{
    struct handle_slot *slot;
    bool found = false;

    pthread_mutex_lock(&table_lock);
    slot = find_open_slot_locked(handle, kinds_of(kind));
    /* A reference count that would wrap is refused rather than trusted. */
    if (slot && slot->references < UINT_MAX) {
        slot->references++;
        fill_ref(slot, ref);
        found = true;
    }
    pthread_mutex_unlock(&table_lock);
    return found;
}

bool winfax_handle_detach(HANDLE handle, enum winfax_handle_kind kind,
                          struct winfax_handle_ref *ref)
{
    struct handle_slot *slot;

    pthread_mutex_lock(&table_lock);
    slot = find_open_slot_locked(handle, kinds_of(kind));
    if (slot) {
        slot->value = 0;
        fill_ref(slot, ref);
    }
    pthread_mutex_unlock(&table_lock);
    return slot != NULL;
}

bool winfax_handle_close(HANDLE handle, unsigned int kinds)
{
    struct retired_slot retired[MAX_RETIRED_AT_ONCE];
    struct handle_slot *slot;
    size_t retired_count = 0;

    pthread_mutex_lock(&table_lock);
    slot = find_open_slot_locked(handle, kinds);
    if (slot) {
        slot->value = 0;
        retired_count = drop_reference_locked((uint32_t)(slot - slots), retired);
    }
    pthread_mutex_unlock(&table_lock);
    finish_retired(retired, retired_count);
    return slot != NULL;
}

void winfax_handle_put(struct winfax_handle_ref *ref)
{
    struct retired_slot retired[MAX_RETIRED_AT_ONCE];
    size_t retired_count;

    pthread_mutex_lock(&table_lock);
    retired_count = drop_reference_locked(ref->slot, retired);
    pthread_mutex_unlock(&table_lock);
    finish_retired(retired, retired_count);
    ref->data = NULL;
    ref->fd = -1;
    ref->parent_fd = -1;
}

size_t winfax_handle_count_live(void)
{
    size_t count;

    pthread_mutex_lock(&table_lock);
    count = live_slots;
    pthread_mutex_unlock(&table_lock);
    return count;
}

size_t winfax_handle_set_limit(size_t max_open)
{
    size_t previous;

    pthread_mutex_lock(&table_lock);
    previous = open_limit;
    if (max_open == 0 || max_open > WINFAX_HANDLE_MAX_OPEN)
        max_open = WINFAX_HANDLE_MAX_OPEN;
    open_limit = max_open;
    pthread_mutex_unlock(&table_lock);
    return previous;
}
