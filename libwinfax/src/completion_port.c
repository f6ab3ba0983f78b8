/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * I/O completion ports, as far as fax programs use them: a port is a FIFO
 * of (bytes, key, overlapped) packets that any number of threads may wait
 * on.  Only ports created with FileHandle == INVALID_HANDLE_VALUE exist;
 * fax events reach a port through FaxInitializeEventQueue, not through an
 * association with a fax handle.  NumberOfConcurrentThreads is accepted and
 * ignored: every waiting thread may be woken, none is throttled.
 */
#include "completion_port.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "handle_table.h"
#include "last_error.h"

struct completion_packet {
    struct completion_packet *next;
    DWORD bytes_transferred;
    ULONG_PTR completion_key;
    LPOVERLAPPED overlapped;
    bool library_owns_overlapped;
};

struct completion_port {
    pthread_mutex_t lock;
    pthread_cond_t packet_or_close;   /* waits use CLOCK_MONOTONIC */
    struct completion_packet *head;
    struct completion_packet *tail;
    struct winfax_completion_port_watch *watches;   /* fired by CloseHandle */
    bool closed;
};

static void free_packet(struct completion_packet *packet)
{
    if (packet->library_owns_overlapped)
        free(packet->overlapped);
    free(packet);
}

/* Runs when the last reference goes: no thread can be waiting any more. */
static void release_port(int fd, void *data)
{
    struct completion_port *port = data;
    struct completion_packet *packet = port->head;

    (void)fd;
    while (packet) {
        struct completion_packet *next = packet->next;
        free_packet(packet);
        packet = next;
    }
    pthread_cond_destroy(&port->packet_or_close);
    pthread_mutex_destroy(&port->lock);
    free(port);
}

static struct completion_port *new_port(void)
{
    struct completion_port *port = calloc(1, sizeof(*port));
    pthread_condattr_t cond_attributes;
    bool cond_ready = false;

    if (!port)
        return NULL;
    if (pthread_condattr_init(&cond_attributes) == 0) {
        cond_ready = pthread_condattr_setclock(&cond_attributes, CLOCK_MONOTONIC) == 0 &&
                     pthread_cond_init(&port->packet_or_close, &cond_attributes) == 0;
        pthread_condattr_destroy(&cond_attributes);
    }
    if (!cond_ready) {
        free(port);
        return NULL;
    }
    if (pthread_mutex_init(&port->lock, NULL) != 0) {
        pthread_cond_destroy(&port->packet_or_close);
        free(port);
        return NULL;
    }
    return port;
}

HANDLE WINFAX_CALL CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort,
                                          ULONG_PTR CompletionKey,
                                          DWORD NumberOfConcurrentThreads)
{
    struct completion_port *port;
    struct winfax_handle_ref ref;
    HANDLE handle = NULL;
    int error;

    (void)CompletionKey;
    (void)NumberOfConcurrentThreads;

    if (FileHandle != INVALID_HANDLE_VALUE) {
        /* Associating a fax handle would bypass FaxInitializeEventQueue,
         * which is the API's one way to route fax events to a port. */
        if (winfax_handle_get(FileHandle, WINFAX_HANDLE_ANY, &ref)) {
            winfax_handle_put(&ref);
            SetLastError(ERROR_NOT_SUPPORTED);
        } else {
            SetLastError(ERROR_INVALID_HANDLE);
        }
        return NULL;
    }
    if (ExistingCompletionPort != NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }

    port = new_port();
    if (!port) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    error = winfax_handle_create(WINFAX_HANDLE_COMPLETION_PORT, -1, port, release_port,
                                 &handle);
    if (error) {
        release_port(-1, port);
        SetLastError(error == EMFILE ? ERROR_TOO_MANY_OPEN_FILES : ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return handle;
}

BOOL winfax_completion_port_post(const struct winfax_handle_ref *port_ref,
                                 DWORD bytes_transferred, ULONG_PTR completion_key,
                                 LPOVERLAPPED overlapped, bool library_owns_overlapped)
{
    struct completion_port *port = port_ref->data;
    struct completion_packet *packet = malloc(sizeof(*packet));
    bool closed;

    if (!packet)
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    packet->next = NULL;
    packet->bytes_transferred = bytes_transferred;
    packet->completion_key = completion_key;
    packet->overlapped = overlapped;
    packet->library_owns_overlapped = library_owns_overlapped;

    pthread_mutex_lock(&port->lock);
    closed = port->closed;
    if (!closed) {
        if (port->tail)
            port->tail->next = packet;
        else
            port->head = packet;
        port->tail = packet;
        pthread_cond_signal(&port->packet_or_close);
    }
    pthread_mutex_unlock(&port->lock);

    if (closed) {
        free(packet);   /* not free_packet: overlapped stays the caller's */
        return winfax_fail(ERROR_INVALID_HANDLE);
    }
    return TRUE;
}

BOOL WINFAX_CALL PostQueuedCompletionStatus(HANDLE CompletionPort,
                                            DWORD NumberOfBytesTransferred,
                                            ULONG_PTR CompletionKey, LPOVERLAPPED Overlapped)
{
    struct winfax_handle_ref ref;
    BOOL posted;

    if (!winfax_handle_get(CompletionPort, WINFAX_HANDLE_COMPLETION_PORT, &ref))
        return winfax_fail(ERROR_INVALID_HANDLE);
    posted = winfax_completion_port_post(&ref, NumberOfBytesTransferred, CompletionKey,
                                         Overlapped, false);
    winfax_handle_put(&ref);
    return posted;
}

static struct timespec deadline_after(DWORD milliseconds)
{
    struct timespec deadline;

    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += milliseconds / 1000;
    deadline.tv_nsec += (long)(milliseconds % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    return deadline;
}

/* Waits for a packet or for the port to close; returns the packet (now the
 * caller's) or NULL with *error_code set. */
static struct completion_packet *wait_for_packet(struct completion_port *port,
                                                 DWORD milliseconds, DWORD *error_code)
{
    struct completion_packet *packet = NULL;
    struct timespec deadline = { 0, 0 };
    bool timed_out = false;

    if (milliseconds != INFINITE && milliseconds != 0)
        deadline = deadline_after(milliseconds);

    pthread_mutex_lock(&port->lock);
    for (;;) {
        if (port->closed) {
            *error_code = ERROR_ABANDONED_WAIT_0;
            break;
        }
        if (port->head) {
            packet = port->head;
            port->head = packet->next;
            if (!port->head)
                port->tail = NULL;
            break;
        }
        if (milliseconds == 0 || timed_out) {
            *error_code = WAIT_TIMEOUT;
            break;
        }
        if (milliseconds == INFINITE) {
            pthread_cond_wait(&port->packet_or_close, &port->lock);
        } else {
            /* One more look at the queue after ETIMEDOUT: a packet posted
             * just as time ran out is still delivered. */
            timed_out = pthread_cond_timedwait(&port->packet_or_close, &port->lock,
                                               &deadline) == ETIMEDOUT;
        }
    }
    pthread_mutex_unlock(&port->lock);
    return packet;
}

BOOL WINFAX_CALL GetQueuedCompletionStatus(HANDLE CompletionPort,
                                           LPDWORD NumberOfBytesTransferred,
                                           PULONG_PTR CompletionKey,
                                           LPOVERLAPPED *Overlapped, DWORD Milliseconds)
{
    struct completion_packet *packet;
    struct winfax_handle_ref ref;
    DWORD error_code = ERROR_SUCCESS;

    if (!Overlapped || !NumberOfBytesTransferred || !CompletionKey) {
        if (Overlapped)
            *Overlapped = NULL;
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    *Overlapped = NULL;

    if (!winfax_handle_get(CompletionPort, WINFAX_HANDLE_COMPLETION_PORT, &ref))
        return winfax_fail(ERROR_INVALID_HANDLE);
    packet = wait_for_packet(ref.data, Milliseconds, &error_code);
    winfax_handle_put(&ref);

    if (!packet)
        return winfax_fail(error_code);
    *NumberOfBytesTransferred = packet->bytes_transferred;
    *CompletionKey = packet->completion_key;
    *Overlapped = packet->overlapped;
    free(packet);   /* the overlapped memory now belongs to the application */
    return TRUE;
}

BOOL winfax_completion_port_watch(const struct winfax_handle_ref *port_ref,
                                  struct winfax_completion_port_watch *watch)
{
    struct completion_port *port = port_ref->data;
    bool closed;

    pthread_mutex_lock(&port->lock);
    closed = port->closed;
    if (!closed) {
        watch->next = port->watches;
        port->watches = watch;
    }
    pthread_mutex_unlock(&port->lock);
    return closed ? winfax_fail(ERROR_INVALID_HANDLE) : TRUE;
}

bool winfax_completion_port_unwatch(const struct winfax_handle_ref *port_ref,
                                    struct winfax_completion_port_watch *watch)
{
    struct completion_port *port = port_ref->data;
    struct winfax_completion_port_watch **link;
    bool found = false;

    pthread_mutex_lock(&port->lock);
    for (link = &port->watches; *link; link = &(*link)->next) {
        if (*link == watch) {
            *link = watch->next;
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&port->lock);
    return found;
}

BOOL WINFAX_CALL CloseHandle(HANDLE Object)
{
    struct winfax_handle_ref ref;
    struct completion_port *port;
    struct winfax_completion_port_watch *watch;

    /* Fax server and port handles are not found here on purpose: the API
     * closes them with FaxClose only. */
    if (!winfax_handle_detach(Object, WINFAX_HANDLE_COMPLETION_PORT, &ref))
        return winfax_fail(ERROR_INVALID_HANDLE);

    port = ref.data;
    pthread_mutex_lock(&port->lock);
    port->closed = true;
    watch = port->watches;
    port->watches = NULL;
    pthread_cond_broadcast(&port->packet_or_close);
    pthread_mutex_unlock(&port->lock);
    /* Outside the lock: a watch stops a thread that may be posting to this
     * port right now, which needs the lock to find it closed.  The port's
     * own reference is still held, so its data outlives the watches. */
    while (watch) {
        struct winfax_completion_port_watch *next = watch->next;

        watch->on_close(watch);
        watch = next;
    }
    winfax_handle_put(&ref);
    return TRUE;
}

void *winfax_local_alloc(size_t size)
{
    return malloc(size ? size : 1);
}

HLOCAL WINFAX_CALL LocalFree(HLOCAL Memory)
{
    free(Memory);
    return NULL;
}
