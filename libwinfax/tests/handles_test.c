/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The handle table: lookups of good, NULL, closed, stale, forged and
 * wrong-kind values; release exactly once and only after the last
 * reference; fds never closed twice; growth, the limit, and concurrent use.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "win32/handle_table.h"
#include "tap.h"

static atomic_int release_calls;
static atomic_int last_released_fd;

struct payload {
    int tag;
};

static void count_release(int fd, void *data)
{
    atomic_fetch_add(&release_calls, 1);
    atomic_store(&last_released_fd, fd);
    free(data);
}

static struct payload *new_payload(int tag)
{
    struct payload *payload = malloc(sizeof(*payload));

    if (!payload)
        abort();
    payload->tag = tag;
    return payload;
}

static int open_null(void)
{
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        abort();
    return fd;
}

static bool fd_is_open(int fd)
{
    return fcntl(fd, F_GETFD) != -1;
}

static HANDLE create_or_die(enum winfax_handle_kind kind, int fd, int tag)
{
    HANDLE handle = NULL;

    if (winfax_handle_create(kind, fd, new_payload(tag), count_release, &handle) != 0)
        abort();
    return handle;
}

static void close_handle(HANDLE handle, enum winfax_handle_kind kind)
{
    struct winfax_handle_ref ref;

    if (winfax_handle_detach(handle, kind, &ref))
        winfax_handle_put(&ref);
}

static void test_lookup(void)
{
    struct winfax_handle_ref ref;
    int fd = open_null();
    HANDLE handle = NULL;
    int error;

    error = winfax_handle_create(WINFAX_HANDLE_FAX_SERVER, fd, new_payload(7), count_release,
                                 &handle);
    is_equal(error, 0, "create a fax server handle");
    ok(handle != NULL && handle != INVALID_HANDLE_VALUE,
       "its value is neither NULL nor INVALID_HANDLE_VALUE");
    ok((uintptr_t)handle != (uintptr_t)fd, "the value is not the fd");

    ok(winfax_handle_get(handle, WINFAX_HANDLE_FAX_SERVER, &ref), "lookup with its kind");
    is_equal(ref.fd, fd, "the reference carries the fd");
    ok(ref.data && ((struct payload *)ref.data)->tag == 7, "the reference carries the data");
    ok(ref.kind == WINFAX_HANDLE_FAX_SERVER, "the reference carries the kind");
    winfax_handle_put(&ref);

    ok(winfax_handle_get(handle, WINFAX_HANDLE_ANY, &ref), "lookup with WINFAX_HANDLE_ANY");
    winfax_handle_put(&ref);
    ok(!winfax_handle_get(handle, WINFAX_HANDLE_FAX_PORT, &ref), "lookup as a port fails");
    ok(!winfax_handle_get(handle, WINFAX_HANDLE_COMPLETION_PORT, &ref),
       "lookup as a completion port fails");
    ok(!winfax_handle_detach(handle, WINFAX_HANDLE_COMPLETION_PORT, &ref),
       "closing it as a completion port fails");
    ok(winfax_handle_get(handle, WINFAX_HANDLE_FAX_SERVER, &ref),
       "and leaves it open");
    winfax_handle_put(&ref);

    ok(!winfax_handle_get(NULL, WINFAX_HANDLE_ANY, &ref), "NULL is not found");
    ok(!winfax_handle_get(INVALID_HANDLE_VALUE, WINFAX_HANDLE_ANY, &ref),
       "INVALID_HANDLE_VALUE is not found");
    ok(!winfax_handle_get((HANDLE)((uintptr_t)handle + 1), WINFAX_HANDLE_ANY, &ref),
       "the value + 1 is not found");
    ok(!winfax_handle_get((HANDLE)((uintptr_t)handle ^ ((uintptr_t)1 << 30)), WINFAX_HANDLE_ANY,
                          &ref),
       "the value with another generation is not found");
    ok(!winfax_handle_get((HANDLE)((uintptr_t)handle & (((uintptr_t)1 << 20) - 1)),
                          WINFAX_HANDLE_ANY, &ref),
       "the bare slot number is not found");
    {
        bool any_found = false;
        for (uintptr_t forged = 1; forged < 4096; forged++) {
            if (winfax_handle_get((HANDLE)forged, WINFAX_HANDLE_ANY, &ref)) {
                winfax_handle_put(&ref);
                any_found = true;
            }
        }
        ok(!any_found, "none of the small integers 1..4095 is a handle");
    }
    ok(!winfax_handle_get((HANDLE)&ref, WINFAX_HANDLE_ANY, &ref),
       "a pointer to stack memory is not a handle");

    atomic_store(&release_calls, 0);
    ok(winfax_handle_detach(handle, WINFAX_HANDLE_FAX_SERVER, &ref), "close it");
    {
        struct winfax_handle_ref lookup;
        ok(!winfax_handle_get(handle, WINFAX_HANDLE_ANY, &lookup), "a closed handle is not found");
    }
    winfax_handle_put(&ref);   /* the open reference, handed over by detach */
    is_equal(atomic_load(&release_calls), 1, "release ran once");
    is_equal(atomic_load(&last_released_fd), fd, "release saw the fd");
    ok(!fd_is_open(fd), "the table closed the fd");

    {
        int reused_fd = open_null();   /* most likely the same number */
        ok(!winfax_handle_detach(handle, WINFAX_HANDLE_FAX_SERVER, &ref),
           "closing it a second time fails");
        ok(fd_is_open(reused_fd), "and does not close an fd opened since (fd %d, old %d)",
           reused_fd, fd);
        is_equal(atomic_load(&release_calls), 1, "release did not run again");
        close(reused_fd);
    }

    is_equal(winfax_handle_create(WINFAX_HANDLE_ANY, -1, NULL, NULL, &handle), -EINVAL,
             "a handle of kind ANY cannot be created");
}

static void test_stale(void)
{
    struct winfax_handle_ref ref;
    uintptr_t slot_mask = ((uintptr_t)1 << WINFAX_HANDLE_SLOT_BITS) - 1;
    HANDLE first = create_or_die(WINFAX_HANDLE_FAX_PORT, -1, 1);
    HANDLE second;

    close_handle(first, WINFAX_HANDLE_FAX_PORT);
    second = create_or_die(WINFAX_HANDLE_FAX_PORT, -1, 2);
    is_equal((uintptr_t)second & slot_mask, (uintptr_t)first & slot_mask,
             "a new handle reuses the freed slot");
    ok(second != first, "but gets a different value");
    ok(!winfax_handle_get(first, WINFAX_HANDLE_FAX_PORT, &ref),
       "the stale value does not find the new handle");
    ok(!winfax_handle_detach(first, WINFAX_HANDLE_FAX_PORT, &ref),
       "and cannot close it");
    ok(winfax_handle_get(second, WINFAX_HANDLE_FAX_PORT, &ref) &&
       ((struct payload *)ref.data)->tag == 2, "the new value finds the new handle");
    winfax_handle_put(&ref);
    close_handle(second, WINFAX_HANDLE_FAX_PORT);
}

static void test_reference_outlives_close(void)
{
    struct winfax_handle_ref user;
    struct winfax_handle_ref closer;
    int fd = open_null();
    HANDLE handle = create_or_die(WINFAX_HANDLE_FAX_PORT, fd, 3);

    atomic_store(&release_calls, 0);
    ok(winfax_handle_get(handle, WINFAX_HANDLE_FAX_PORT, &user), "a user takes a reference");
    ok(winfax_handle_detach(handle, WINFAX_HANDLE_FAX_PORT, &closer), "another thread closes");
    winfax_handle_put(&closer);
    is_equal(atomic_load(&release_calls), 0, "release waits for the user's reference");
    ok(fd_is_open(fd), "the fd stays open while referenced");
    ok(((struct payload *)user.data)->tag == 3, "the data stays valid while referenced");
    ok(!winfax_handle_get(handle, WINFAX_HANDLE_ANY, &closer),
       "but the value is no longer found");
    winfax_handle_put(&user);
    is_equal(atomic_load(&release_calls), 1, "the last put releases");
    ok(!fd_is_open(fd), "and closes the fd");
}

/* A port handle opened through a server handle keeps the server's slot,
 * and so its fd, until the port's last reference goes. */
static void test_child_keeps_parent(void)
{
    unsigned int fax_kinds = WINFAX_HANDLE_KIND_BIT(WINFAX_HANDLE_FAX_SERVER) |
                             WINFAX_HANDLE_KIND_BIT(WINFAX_HANDLE_FAX_PORT);
    struct winfax_handle_ref server_ref;
    struct winfax_handle_ref port_ref;
    struct winfax_handle_ref lookup;
    size_t live_before = winfax_handle_count_live();
    int server_fd = open_null();
    int port_fd = open_null();
    HANDLE server = create_or_die(WINFAX_HANDLE_FAX_SERVER, server_fd, 21);
    HANDLE port = NULL;
    HANDLE grandchild = NULL;

    atomic_store(&release_calls, 0);
    ok(winfax_handle_get(server, WINFAX_HANDLE_FAX_SERVER, &server_ref), "take a server reference");
    is_equal(server_ref.parent_fd, -1, "a handle without a parent has parent_fd -1");
    is_equal(winfax_handle_create_child(WINFAX_HANDLE_FAX_PORT, port_fd, &server_ref, &port), 0,
             "open a port handle through it");
    ok(winfax_handle_get(port, WINFAX_HANDLE_FAX_PORT, &port_ref), "the port handle is found");
    is_equal(port_ref.fd, port_fd, "it carries its own fd");
    is_equal(port_ref.parent_fd, server_fd, "and its parent's fd");
    ok(port_ref.data == NULL, "and no data");
    is_equal(winfax_handle_create_child(WINFAX_HANDLE_FAX_PORT, -1, &port_ref, &grandchild),
             -EINVAL, "a child of a child is refused (parents are one level deep)");
    ok(grandchild == NULL, "and hands out no value");
    winfax_handle_put(&port_ref);

    ok(!winfax_handle_close(server, WINFAX_HANDLE_KIND_BIT(WINFAX_HANDLE_COMPLETION_PORT)),
       "closing the server as a completion port fails");
    ok(winfax_handle_close(server, fax_kinds), "close the server handle");
    ok(!winfax_handle_get(server, WINFAX_HANDLE_ANY, &lookup), "its value is no longer found");
    ok(!winfax_handle_close(server, fax_kinds), "closing it again fails");
    is_equal(atomic_load(&release_calls), 0, "the server is not released: the port uses it");
    ok(fd_is_open(server_fd), "its fd stays open");
    ok(winfax_handle_get(port, WINFAX_HANDLE_FAX_PORT, &port_ref) &&
       port_ref.parent_fd == server_fd, "the port still reaches the server's fd");

    ok(winfax_handle_close(port, fax_kinds), "close the port handle while it is in use");
    ok(fd_is_open(port_fd) && fd_is_open(server_fd), "both fds stay open while it is used");
    winfax_handle_put(&port_ref);
    ok(!fd_is_open(port_fd), "the last put closes the port's fd");
    ok(!fd_is_open(server_fd), "and the server's");
    is_equal(atomic_load(&release_calls), 1, "the server's release ran once");
    is_equal(atomic_load(&last_released_fd), server_fd, "after the port's fd was closed");
    is_equal(winfax_handle_count_live(), live_before, "nothing is left live");
}

/* The other order: the port closed first leaves the server open. */
static void test_child_closed_first(void)
{
    unsigned int port_kind = WINFAX_HANDLE_KIND_BIT(WINFAX_HANDLE_FAX_PORT);
    struct winfax_handle_ref server_ref;
    size_t live_before = winfax_handle_count_live();
    int server_fd = open_null();
    HANDLE server = create_or_die(WINFAX_HANDLE_FAX_SERVER, server_fd, 22);
    HANDLE port = NULL;

    atomic_store(&release_calls, 0);
    if (!winfax_handle_get(server, WINFAX_HANDLE_FAX_SERVER, &server_ref) ||
        winfax_handle_create_child(WINFAX_HANDLE_FAX_PORT, -1, &server_ref, &port) != 0)
        abort();
    ok(!winfax_handle_close(port, WINFAX_HANDLE_KIND_BIT(WINFAX_HANDLE_FAX_SERVER)),
       "closing the port as a server fails");
    ok(winfax_handle_close(port, port_kind), "close the port handle");
    is_equal(atomic_load(&release_calls), 0, "the server is not released");
    ok(winfax_handle_get(server, WINFAX_HANDLE_FAX_SERVER, &server_ref), "and is still found");
    winfax_handle_put(&server_ref);
    ok(fd_is_open(server_fd), "with its fd open");
    close_handle(server, WINFAX_HANDLE_FAX_SERVER);
    is_equal(atomic_load(&release_calls), 1, "closing it releases it");
    ok(!fd_is_open(server_fd), "and closes its fd");
    is_equal(winfax_handle_count_live(), live_before, "nothing is left live");
}

#define MANY_HANDLES 5000

static void test_growth_and_limit(void)
{
    static HANDLE handles[MANY_HANDLES];
    struct winfax_handle_ref ref;
    size_t live_before = winfax_handle_count_live();
    bool all_found = true;
    bool all_distinct = true;
    size_t previous_limit;
    HANDLE extra[4];
    int errors[4];

    for (int i = 0; i < MANY_HANDLES; i++)
        handles[i] = create_or_die(WINFAX_HANDLE_COMPLETION_PORT, -1, i);
    is_equal(winfax_handle_count_live(), live_before + MANY_HANDLES,
             "%d handles are live", MANY_HANDLES);
    for (int i = 0; i < MANY_HANDLES; i++) {
        if (!winfax_handle_get(handles[i], WINFAX_HANDLE_COMPLETION_PORT, &ref) ||
            ((struct payload *)ref.data)->tag != i) {
            all_found = false;
            continue;
        }
        winfax_handle_put(&ref);
        if (i > 0 && handles[i] == handles[i - 1])
            all_distinct = false;
    }
    ok(all_found, "each of them finds its own data after the table grew");
    ok(all_distinct, "their values are distinct");
    for (int i = 0; i < MANY_HANDLES; i++)
        close_handle(handles[i], WINFAX_HANDLE_COMPLETION_PORT);
    is_equal(winfax_handle_count_live(), live_before, "closing them all releases them all");

    previous_limit = winfax_handle_set_limit(live_before + 3);
    is_equal(previous_limit, WINFAX_HANDLE_MAX_OPEN, "the default limit is WINFAX_HANDLE_MAX_OPEN");
    for (int i = 0; i < 4; i++) {
        extra[i] = NULL;
        errors[i] = winfax_handle_create(WINFAX_HANDLE_FAX_SERVER, -1, NULL, NULL, &extra[i]);
    }
    ok(errors[0] == 0 && errors[1] == 0 && errors[2] == 0, "handles up to the limit are created");
    is_equal(errors[3], -EMFILE, "one more fails with EMFILE");
    ok(extra[3] == NULL, "and hands out no value");
    for (int i = 0; i < 3; i++)
        close_handle(extra[i], WINFAX_HANDLE_FAX_SERVER);
    winfax_handle_set_limit(0);
    ok(winfax_handle_create(WINFAX_HANDLE_FAX_SERVER, -1, NULL, NULL, &extra[0]) == 0,
       "after restoring the limit creation works again");
    close_handle(extra[0], WINFAX_HANDLE_FAX_SERVER);
}

#define THREADS 4
#define ROUNDS  2000

static HANDLE shared_handle;
static atomic_int shared_lookups_after_close;
static atomic_bool shared_closed;

static void *churn(void *argument)
{
    int base = (int)(intptr_t)argument;
    struct winfax_handle_ref ref;
    long mismatches = 0;

    for (int round = 0; round < ROUNDS; round++) {
        HANDLE own = create_or_die(WINFAX_HANDLE_FAX_PORT, -1, base + round);

        if (!winfax_handle_get(own, WINFAX_HANDLE_FAX_PORT, &ref) ||
            ((struct payload *)ref.data)->tag != base + round)
            mismatches++;
        else
            winfax_handle_put(&ref);
        close_handle(own, WINFAX_HANDLE_FAX_PORT);

        /* Meanwhile, use the shared handle that main closes halfway. */
        bool closed_before = atomic_load(&shared_closed);
        if (winfax_handle_get(shared_handle, WINFAX_HANDLE_FAX_SERVER, &ref)) {
            if (closed_before)
                atomic_fetch_add(&shared_lookups_after_close, 1);
            if (((struct payload *)ref.data)->tag != -1)
                mismatches++;
            winfax_handle_put(&ref);
        }
    }
    return (void *)(intptr_t)mismatches;
}

static void test_threads(void)
{
    pthread_t threads[THREADS];
    size_t live_before = winfax_handle_count_live();
    long mismatches = 0;

    atomic_store(&release_calls, 0);
    shared_handle = create_or_die(WINFAX_HANDLE_FAX_SERVER, -1, -1);
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, churn, (void *)(intptr_t)(i * 1000000));
    usleep(1000);
    close_handle(shared_handle, WINFAX_HANDLE_FAX_SERVER);
    atomic_store(&shared_closed, true);
    for (int i = 0; i < THREADS; i++) {
        void *result;
        pthread_join(threads[i], &result);
        mismatches += (long)(intptr_t)result;
    }
    is_equal(mismatches, 0, "%d threads creating, using and closing handles see only their own data",
             THREADS);
    is_equal(atomic_load(&shared_lookups_after_close), 0,
             "no lookup of the shared handle succeeds once it is closed");
    is_equal(atomic_load(&release_calls), THREADS * ROUNDS + 1,
             "every handle was released exactly once");
    is_equal(winfax_handle_count_live(), live_before, "nothing is left live");
}

/* The Win32 functions that meet fax handles refuse them. */
static void test_fax_handles_and_win32_functions(void)
{
    struct winfax_handle_ref ref;
    HANDLE server = create_or_die(WINFAX_HANDLE_FAX_SERVER, -1, 11);
    HANDLE port = create_or_die(WINFAX_HANDLE_FAX_PORT, -1, 12);

    SetLastError(ERROR_SUCCESS);
    ok(!CloseHandle(server) && GetLastError() == ERROR_INVALID_HANDLE,
       "CloseHandle on a fax server handle: FALSE, ERROR_INVALID_HANDLE");
    ok(winfax_handle_get(server, WINFAX_HANDLE_FAX_SERVER, &ref), "and the handle stays open");
    winfax_handle_put(&ref);
    SetLastError(ERROR_SUCCESS);
    ok(!CloseHandle(port) && GetLastError() == ERROR_INVALID_HANDLE,
       "CloseHandle on a fax port handle: FALSE, ERROR_INVALID_HANDLE");
    ok(winfax_handle_get(port, WINFAX_HANDLE_FAX_PORT, &ref), "and the handle stays open");
    winfax_handle_put(&ref);

    SetLastError(ERROR_SUCCESS);
    ok(CreateIoCompletionPort(server, NULL, 1, 0) == NULL &&
       GetLastError() == ERROR_NOT_SUPPORTED,
       "associating a fax handle with a completion port: NULL, ERROR_NOT_SUPPORTED");
    SetLastError(ERROR_SUCCESS);
    ok(!PostQueuedCompletionStatus(server, 0, 0, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
       "a fax handle is not a completion port: ERROR_INVALID_HANDLE");

    close_handle(server, WINFAX_HANDLE_FAX_SERVER);
    close_handle(port, WINFAX_HANDLE_FAX_PORT);
}

int main(void)
{
    test_fax_handles_and_win32_functions();
    test_lookup();
    test_stale();
    test_reference_outlives_close();
    test_child_keeps_parent();
    test_child_closed_first();
    test_growth_and_limit();
    test_threads();
    return tap_finish();
}
