/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * I/O completion ports and the last error, through libwinfax.so's public
 * interface only: creation rules, FIFO delivery, polls and timeouts, several
 * waiting threads, closing while threads wait, use after close, and
 * LocalFree.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "winfax.h"
#include "tap.h"

static long long now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static HANDLE new_port(void)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);

    if (!port)
        abort();
    return port;
}

static LPOVERLAPPED garbage_overlapped(void)
{
    return (LPOVERLAPPED)(uintptr_t)0xDEADBEEF;
}

static void test_creation(void)
{
    HANDLE port;
    HANDLE other;

    SetLastError(ERROR_SUCCESS);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    ok(port != NULL && port != INVALID_HANDLE_VALUE, "INVALID_HANDLE_VALUE creates a port");
    other = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 5, 2);
    ok(other != NULL && other != port, "a second port is a different handle");

    SetLastError(ERROR_SUCCESS);
    ok(CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 0, 0) == NULL &&
       GetLastError() == ERROR_INVALID_PARAMETER,
       "a new port with an ExistingCompletionPort: NULL, ERROR_INVALID_PARAMETER");
    SetLastError(ERROR_SUCCESS);
    ok(CreateIoCompletionPort((HANDLE)(uintptr_t)3, port, 1, 0) == NULL &&
       GetLastError() == ERROR_INVALID_HANDLE,
       "associating an unknown handle (fd 3): NULL, ERROR_INVALID_HANDLE");
    SetLastError(ERROR_SUCCESS);
    ok(CreateIoCompletionPort(NULL, NULL, 0, 0) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
       "a NULL FileHandle: NULL, ERROR_INVALID_HANDLE");

    ok(CloseHandle(port), "CloseHandle closes a port");
    ok(CloseHandle(other), "and the other one");
    SetLastError(ERROR_SUCCESS);
    ok(!CloseHandle(port) && GetLastError() == ERROR_INVALID_HANDLE,
       "closing it again: FALSE, ERROR_INVALID_HANDLE");
    SetLastError(ERROR_SUCCESS);
    ok(!CloseHandle(NULL) && GetLastError() == ERROR_INVALID_HANDLE,
       "CloseHandle(NULL): FALSE, ERROR_INVALID_HANDLE");
    SetLastError(ERROR_SUCCESS);
    ok(!CloseHandle(INVALID_HANDLE_VALUE) && GetLastError() == ERROR_INVALID_HANDLE,
       "CloseHandle(INVALID_HANDLE_VALUE): FALSE, ERROR_INVALID_HANDLE");
}

static void test_fifo(void)
{
    HANDLE port = new_port();
    OVERLAPPED first, second, third;
    LPOVERLAPPED expected[3] = { &first, &second, &third };
    bool in_order = true;

    ok(PostQueuedCompletionStatus(port, 10, 100, &first), "post a packet");
    ok(PostQueuedCompletionStatus(port, 20, 200, &second), "post a second");
    ok(PostQueuedCompletionStatus(port, 30, 300, &third), "post a third");
    for (int i = 0; i < 3; i++) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED overlapped = NULL;

        if (!GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 0) ||
            bytes != (DWORD)(10 * (i + 1)) || key != (ULONG_PTR)(100 * (i + 1)) ||
            overlapped != expected[i])
            in_order = false;
    }
    ok(in_order, "they come back in order with their bytes, key and overlapped");

    {
        const int count = 10000;
        int received = 0;
        bool sequence_kept = true;

        for (int i = 0; i < count; i++)
            PostQueuedCompletionStatus(port, (DWORD)i, 0, NULL);
        for (;;) {
            DWORD bytes;
            ULONG_PTR key;
            LPOVERLAPPED overlapped;

            if (!GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 0))
                break;
            if (bytes != (DWORD)received)
                sequence_kept = false;
            received++;
        }
        is_equal(received, count, "%d queued packets are all delivered", count);
        ok(sequence_kept, "in the order posted");
        is_equal(GetLastError(), WAIT_TIMEOUT, "then the empty port reports WAIT_TIMEOUT");
    }

    ok(PostQueuedCompletionStatus(port, 1, 2, NULL), "packets still queued when the port closes");
    ok(PostQueuedCompletionStatus(port, 3, 4, NULL), "(two of them)");
    ok(CloseHandle(port), "are discarded by CloseHandle (valgrind: no leak)");
}

static void test_timeouts(void)
{
    HANDLE port = new_port();
    DWORD bytes = 77;
    ULONG_PTR key = 77;
    LPOVERLAPPED overlapped = garbage_overlapped();
    long long started;
    long long elapsed;
    BOOL result;

    SetLastError(ERROR_SUCCESS);
    result = GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 0);
    ok(!result && GetLastError() == WAIT_TIMEOUT, "a poll of an empty port: FALSE, WAIT_TIMEOUT");
    ok(overlapped == NULL, "and *lpOverlapped = NULL");

    overlapped = garbage_overlapped();
    SetLastError(ERROR_SUCCESS);
    started = now_ms();
    result = GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 150);
    elapsed = now_ms() - started;
    ok(!result && GetLastError() == WAIT_TIMEOUT, "a 150 ms wait: FALSE, WAIT_TIMEOUT");
    ok(overlapped == NULL, "and *lpOverlapped = NULL");
    ok(elapsed >= 150, "it waited at least 150 ms (%lld)", elapsed);
    ok(elapsed < 3000, "and returned soon after (%lld ms)", elapsed);

    SetLastError(ERROR_SUCCESS);
    ok(!GetQueuedCompletionStatus(port, NULL, &key, &overlapped, 0) &&
       GetLastError() == ERROR_INVALID_PARAMETER,
       "a NULL lpNumberOfBytesTransferred: ERROR_INVALID_PARAMETER");
    SetLastError(ERROR_SUCCESS);
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, NULL, 0) &&
       GetLastError() == ERROR_INVALID_PARAMETER, "a NULL lpOverlapped: ERROR_INVALID_PARAMETER");
    SetLastError(ERROR_SUCCESS);
    overlapped = garbage_overlapped();
    ok(!GetQueuedCompletionStatus((HANDLE)(uintptr_t)12345, &bytes, &key, &overlapped, 0) &&
       GetLastError() == ERROR_INVALID_HANDLE && overlapped == NULL,
       "a forged port handle: ERROR_INVALID_HANDLE, *lpOverlapped = NULL");
    SetLastError(ERROR_SUCCESS);
    ok(!PostQueuedCompletionStatus(NULL, 0, 0, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
       "posting to NULL: ERROR_INVALID_HANDLE");
    CloseHandle(port);
}

struct waiter {
    HANDLE port;
    DWORD milliseconds;
    pthread_mutex_t *lock;
    pthread_cond_t *changed;
    int *ready;
    BOOL result;
    DWORD error;
    DWORD bytes;
    LPOVERLAPPED overlapped;
    long long elapsed;
};

static void *wait_on_port(void *argument)
{
    struct waiter *waiter = argument;
    ULONG_PTR key = 0;
    long long started;

    waiter->overlapped = garbage_overlapped();
    pthread_mutex_lock(waiter->lock);
    (*waiter->ready)++;
    pthread_cond_broadcast(waiter->changed);
    pthread_mutex_unlock(waiter->lock);

    started = now_ms();
    SetLastError(ERROR_SUCCESS);
    waiter->result = GetQueuedCompletionStatus(waiter->port, &waiter->bytes, &key,
                                               &waiter->overlapped, waiter->milliseconds);
    waiter->error = GetLastError();
    waiter->elapsed = now_ms() - started;
    return NULL;
}

/* Starts the waiters and returns once each is about to block; the sleep
 * gives them time to get inside GetQueuedCompletionStatus. */
static void start_waiters(pthread_t *threads, struct waiter *waiters, int count, HANDLE port,
                          DWORD milliseconds)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
    static int ready;

    ready = 0;
    for (int i = 0; i < count; i++) {
        waiters[i] = (struct waiter){ .port = port, .milliseconds = milliseconds, .lock = &lock,
                                      .changed = &changed, .ready = &ready };
        pthread_create(&threads[i], NULL, wait_on_port, &waiters[i]);
    }
    pthread_mutex_lock(&lock);
    while (ready < count)
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
    usleep(200 * 1000);
}

static void test_two_waiters(void)
{
    HANDLE port = new_port();
    pthread_t threads[2];
    struct waiter waiters[2];
    OVERLAPPED one, two;

    start_waiters(threads, waiters, 2, port, INFINITE);
    ok(PostQueuedCompletionStatus(port, 1, 0, &one), "post to a port two threads wait on");
    ok(PostQueuedCompletionStatus(port, 2, 0, &two), "post again");
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    ok(waiters[0].result && waiters[1].result, "both waiters return TRUE");
    ok(waiters[0].bytes + waiters[1].bytes == 3 && waiters[0].bytes != waiters[1].bytes,
       "each got one packet, different ones");
    ok((waiters[0].overlapped == &one && waiters[1].overlapped == &two) ||
       (waiters[0].overlapped == &two && waiters[1].overlapped == &one),
       "with their own overlapped pointers");

    start_waiters(threads, waiters, 1, port, 10000);
    ok(PostQueuedCompletionStatus(port, 9, 0, NULL), "post to a thread in a 10 s wait");
    pthread_join(threads[0], NULL);
    ok(waiters[0].result && waiters[0].bytes == 9, "the timed wait returns the packet");
    ok(waiters[0].elapsed < 5000, "long before its timeout (%lld ms)", waiters[0].elapsed);
    CloseHandle(port);
}

static void test_close_while_waiting(void)
{
    HANDLE port = new_port();
    pthread_t threads[3];
    struct waiter waiters[3];
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED overlapped;

    start_waiters(threads, waiters, 2, port, INFINITE);
    start_waiters(threads + 2, waiters + 2, 1, port, 20000);
    ok(CloseHandle(port), "close a port three threads wait on");
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < 3; i++) {
        ok(!waiters[i].result && waiters[i].error == ERROR_ABANDONED_WAIT_0,
           "waiter %d (%s) wakes with FALSE, ERROR_ABANDONED_WAIT_0 (got %u)", i + 1,
           i < 2 ? "INFINITE" : "20 s", (unsigned)waiters[i].error);
        ok(waiters[i].overlapped == NULL, "waiter %d gets *lpOverlapped = NULL", i + 1);
    }
    ok(waiters[2].elapsed < 10000, "the timed waiter did not sit out its timeout");

    SetLastError(ERROR_SUCCESS);
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 0) &&
       GetLastError() == ERROR_INVALID_HANDLE, "waiting on the closed port: ERROR_INVALID_HANDLE");
    SetLastError(ERROR_SUCCESS);
    ok(!PostQueuedCompletionStatus(port, 0, 0, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
       "posting to the closed port: ERROR_INVALID_HANDLE");
}

static void *set_error_in_thread(void *argument)
{
    DWORD *seen = argument;

    seen[0] = GetLastError();
    SetLastError(ERROR_BAD_UNIT);
    seen[1] = GetLastError();
    return NULL;
}

static void test_last_error_and_local_free(void)
{
    pthread_t thread;
    DWORD seen[2] = { 99, 99 };
    void *memory = malloc(24);

    SetLastError(ERROR_DEVICE_IN_USE);
    is_equal(GetLastError(), ERROR_DEVICE_IN_USE, "GetLastError returns what SetLastError set");
    pthread_create(&thread, NULL, set_error_in_thread, seen);
    pthread_join(thread, NULL);
    is_equal(seen[0], ERROR_SUCCESS, "a new thread starts with ERROR_SUCCESS");
    is_equal(seen[1], ERROR_BAD_UNIT, "and keeps its own code");
    is_equal(GetLastError(), ERROR_DEVICE_IN_USE, "without touching this thread's");

    ok(LocalFree(memory) == NULL, "LocalFree returns NULL on success (valgrind: freed)");
    ok(LocalFree(NULL) == NULL, "LocalFree(NULL) returns NULL");
}

int main(void)
{
    test_creation();
    test_fifo();
    test_timeouts();
    test_two_waiters();
    test_close_while_waiting();
    test_last_error_and_local_free();
    return tap_finish();
}
