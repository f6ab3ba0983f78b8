/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * I/O completion ports, as far as fax programs use them: a port is a FIFO
 * of (bytes, key, overlapped) packets that any number of threads may wait
 * on.  Only ports created with FileHandle == INVALID_HANDLE_VALUE exist;
 * fax events reach a port through FaxInitializeEventQueue, not through an
 * association with a fax handle.  NumberOfConcurrentThreads is accepted and
 * ignored: every waiting thread may be woken, none is throttled.
 *
 * Waiting: on a condition variable, until the port has a source (see
 * completion_port.h).  From then on a waiter blocks in epoll_wait() on the
 * sources' fds and wake_fd, an eventfd that is readable while packets wait
 * for the epoll waiters (or once the port is closed): level-triggered, so
 * each waiter that takes a packet and leaves more behind lets the next
 * one wake.  Posts signal both, since a waiter that started before the
 * first source still waits on the condition variable.
 */
#include "completion_port.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "handle_table.h"
#include "errno_to_win32.h"
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
    /* Sources, and the waits on them (see the top); -1 before the first. */
    struct source_link *sources;
    int epoll_fd;
    int wake_fd;
    bool wake_pending;              /* wake_fd is readable for a packet */
    unsigned int epoll_waiters;     /* threads in (or about to be in) epoll_wait */
    unsigned int drainers;          /* waiters inside a source's drain */
    pthread_cond_t drainers_gone;
};

struct source_link {
    struct source_link *next;
    struct winfax_completion_port_source *source;
};

/* Packets ready for up to this many sources are handled per wake-up. */
#define READY_PER_WAIT 8

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
    /* Every source was removed when its owner saw the port close. */
    if (port->epoll_fd >= 0)
        close(port->epoll_fd);
    if (port->wake_fd >= 0)
        close(port->wake_fd);
    pthread_cond_destroy(&port->drainers_gone);
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
    if (pthread_cond_init(&port->drainers_gone, NULL) != 0) {
        pthread_cond_destroy(&port->packet_or_close);
        free(port);
        return NULL;
    }
    if (pthread_mutex_init(&port->lock, NULL) != 0) {
        pthread_cond_destroy(&port->drainers_gone);
        pthread_cond_destroy(&port->packet_or_close);
        free(port);
        return NULL;
    }
    port->epoll_fd = -1;
    port->wake_fd = -1;
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
        SetLastError(winfax_win32_error_from_errno(error));
        return NULL;
    }
    return handle;
}

static void write_wake_fd(int wake_fd)
{
    uint64_t one = 1;

    while (write(wake_fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

/* A packet was queued: a thread blocked in epoll_wait() must see it. */
static void wake_epoll_waiters_locked(struct completion_port *port)
{
    if (port->epoll_waiters && !port->wake_pending) {
        write_wake_fd(port->wake_fd);
        port->wake_pending = true;
    }
}

/* The queue ran empty: wake_fd stops being readable, unless closed. */
static void queue_emptied_locked(struct completion_port *port)
{
    uint64_t count;

    if (port->wake_pending && !port->closed) {
        while (read(port->wake_fd, &count, sizeof(count)) < 0 && errno == EINTR)
            ;
        port->wake_pending = false;
    }
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
        wake_epoll_waiters_locked(port);
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

/* Milliseconds until deadline, rounded up; 0 once it has passed. */
static int milliseconds_until(const struct timespec *deadline)
{
    struct timespec now;
    int64_t left_ns;

    clock_gettime(CLOCK_MONOTONIC, &now);
    left_ns = (int64_t)(deadline->tv_sec - now.tv_sec) * 1000000000 +
              (deadline->tv_nsec - now.tv_nsec);
    if (left_ns <= 0)
        return 0;
    return (int)((left_ns + 999999) / 1000000);
}

static bool is_source_locked(const struct completion_port *port,
                             const struct winfax_completion_port_source *source)
{
    for (const struct source_link *link = port->sources; link; link = link->next)
        if (link->source == source)
            return true;
    return false;
}

/*
 * One wait in epoll_wait(), with the lock dropped, then the drain of every
 * source found ready (a source removed meanwhile is skipped: its owner may
 * have freed it).  False when the wait timed out.
 */
static bool wait_on_sources_locked(struct completion_port *port, int timeout_ms)
{
    struct epoll_event ready[READY_PER_WAIT];
    int count;

    port->epoll_waiters++;
    pthread_mutex_unlock(&port->lock);
    count = epoll_wait(port->epoll_fd, ready, READY_PER_WAIT, timeout_ms);
    pthread_mutex_lock(&port->lock);
    port->epoll_waiters--;
    if (count == 0)
        return timeout_ms < 0;
    for (int i = 0; i < count && !port->closed; i++) {
        struct winfax_completion_port_source *source = ready[i].data.ptr;

        if (!source || !is_source_locked(port, source))
            continue;
        port->drainers++;
        pthread_mutex_unlock(&port->lock);
        source->drain(source);
        pthread_mutex_lock(&port->lock);
        if (--port->drainers == 0)
            pthread_cond_broadcast(&port->drainers_gone);
    }
    return true;
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
            if (!port->head) {
                port->tail = NULL;
                queue_emptied_locked(port);
            }
            break;
        }
        if (milliseconds == 0 || timed_out) {
            *error_code = WAIT_TIMEOUT;
            break;
        }
        if (port->epoll_fd >= 0) {
            int timeout_ms = milliseconds == INFINITE ? -1 : milliseconds_until(&deadline);

            /* As below: one more look at the queue once time ran out. */
            timed_out = timeout_ms == 0 || !wait_on_sources_locked(port, timeout_ms);
        } else if (milliseconds == INFINITE) {
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

/* The epoll set and wake_fd, made with the first source.  0 or a negative
 * errno. */
static int start_source_waits_locked(struct completion_port *port)
{
    struct epoll_event wake = { .events = EPOLLIN, .data.ptr = NULL };

    port->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (port->epoll_fd < 0)
        return -errno;
    port->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (port->wake_fd < 0 || epoll_ctl(port->epoll_fd, EPOLL_CTL_ADD, port->wake_fd, &wake)) {
        int error = -errno;

        if (port->wake_fd >= 0)
            close(port->wake_fd);
        close(port->epoll_fd);
        port->wake_fd = -1;
        port->epoll_fd = -1;
        return error;
    }
    return 0;
}

/*
 * An override of the general mapping: whatever epoll and eventfd refuse
 * (ENOSPC past max_user_watches, ENOMEM ...) is a resource they ran out
 * of, so memory, unless it is the fd tables.
 */
static DWORD source_error_to_win32(int error)
{
    return error == -EMFILE || error == -ENFILE ? winfax_win32_error_from_errno(error)
                                                : ERROR_NOT_ENOUGH_MEMORY;
}

BOOL winfax_completion_port_add_source(const struct winfax_handle_ref *port_ref,
                                       struct winfax_completion_port_source *source)
{
    struct completion_port *port = port_ref->data;
    struct source_link *link = malloc(sizeof(*link));
    struct epoll_event readable = { .events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = source };
    DWORD code = ERROR_SUCCESS;
    int error;

    if (!link)
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    pthread_mutex_lock(&port->lock);
    if (port->closed) {
        code = ERROR_INVALID_HANDLE;
    } else if (port->epoll_fd < 0 && (error = start_source_waits_locked(port)) != 0) {
        code = source_error_to_win32(error);
    } else if (epoll_ctl(port->epoll_fd, EPOLL_CTL_ADD, source->fd, &readable) != 0) {
        code = source_error_to_win32(-errno);
    } else {
        link->source = source;
        link->next = port->sources;
        port->sources = link;
        link = NULL;
    }
    pthread_mutex_unlock(&port->lock);
    free(link);
    return code == ERROR_SUCCESS ? TRUE : winfax_fail(code);
}

void winfax_completion_port_remove_source(const struct winfax_handle_ref *port_ref,
                                          struct winfax_completion_port_source *source)
{
    struct completion_port *port = port_ref->data;
    struct source_link **link;
    struct source_link *removed = NULL;

    pthread_mutex_lock(&port->lock);
    for (link = &port->sources; *link; link = &(*link)->next) {
        if ((*link)->source == source) {
            removed = *link;
            *link = removed->next;
            epoll_ctl(port->epoll_fd, EPOLL_CTL_DEL, source->fd, NULL);
            break;
        }
    }
    /* A waiter that found the source ready before it was removed may be
     * draining it now: the caller frees it next. */
    while (port->drainers)
        pthread_cond_wait(&port->drainers_gone, &port->lock);
    pthread_mutex_unlock(&port->lock);
    free(removed);
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
    /* Never read again: every epoll waiter wakes and finds it closed. */
    if (port->wake_fd >= 0)
        write_wake_fd(port->wake_fd);
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
