/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FaxInitializeEventQueue: the driver's events, delivered as FAX_EVENTs
 * through a completion port.
 *
 * The driver multicasts every FEI_* event on the generic netlink family
 * "faxport", group "events" (needs no privilege).  Each successful call
 * makes one subscription: a netlink socket, joined to the group in the
 * calling thread (so that no event that happens after the call returns can
 * be missed), whose events are posted to the completion port as FAX_EVENTs
 * that the application frees with LocalFree, with the CompletionKey it
 * gave.  Who reads the socket: a thread blocked in GetQueuedCompletionStatus
 * on the port, when there is one (the socket is a source of the port, see
 * completion_port.h), so that an event wakes the thread that returns it
 * and no other; else the subscription's own library thread, so that events
 * keep moving from the socket into the port's queue while the application
 * is busy.  Both read under the subscription's reader lock, so the queue
 * keeps the socket's order.
 *
 * Lifetime: the subscription belongs to the completion port, not to the
 * server handle: events keep coming after FaxClose of the server handle,
 * as the API documents.  CloseHandle of the completion port stops it: the
 * port's close watch wakes the thread, joins it and frees everything.
 * A second call with the same completion port and CompletionKey while a
 * subscription exists is a no-op that succeeds, so a program that
 * re-initialises its queue (after FEI_FAXSVC_ENDED, say) gets each event
 * once, not twice.
 *
 * FEI_FAXSVC_ENDED: on Windows the whole fax service stopped, and no
 * events come until the queue is initialised again.  Here the driver is
 * the service, and it sends FEI_FAXSVC_ENDED per port when that port's DSP
 * engine (faxd) detaches or dies, and FEI_FAXSVC_STARTED when one
 * attaches.  The rest of the service (the queue, the other ports) goes on,
 * so the subscription goes on too: FEI_FAXSVC_ENDED is delivered with its
 * DeviceId, and the port's events resume with FEI_FAXSVC_STARTED.  A
 * Windows program that re-initialises its queue on FEI_FAXSVC_ENDED keeps
 * working (see above).
 *
 * Lost events: the driver numbers its events; the kernel drops messages
 * when the socket's buffer is full (the next receive fails with ENOBUFS)
 * and the numbers then jump.  Either way the application gets one
 * FAX_EVENT with EventId WINFAX_FEI_EVENTS_LOST (DeviceId 0, no job) in
 * the place of the lost ones, and should re-read the state it shows
 * (FaxEnumJobs, FaxGetPort).  Programs that do not know the id skip it.
 *
 * Window messages: Linux has no window messages; hWnd mode fails with
 * ERROR_NOT_SUPPORTED (after the MessageStart >= WM_USER check the API
 * documents).  Use a completion port.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/faxport.h>

#include "win32/completion_port.h"
#include "win32/filetime.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "fax_handle_errors.h"
#include "winfax.h"

_Static_assert(sizeof(FAX_EVENTW) == 24 && sizeof(FAX_EVENTA) == 24, "FAX_EVENT is 24 bytes");
_Static_assert(WINFAX_EVENT_NO_JOB == FAXPORT_NO_JOB, "no job");
/* The kernel's event ids are posted as they come: they must be the FEI_* values. */
_Static_assert(FAXPORT_EV_NOT_FAX_CALL == FEI_NOT_FAX_CALL && FAXPORT_EV_ROUTING == FEI_ROUTING &&
               FAXPORT_EV_NO_DIAL_TONE == FEI_NO_DIAL_TONE && FAXPORT_EV_ANSWERED == FEI_ANSWERED &&
               FAXPORT_EV_INITIALIZING == FEI_INITIALIZING &&
               FAXPORT_EV_LINE_UNAVAILABLE == FEI_LINE_UNAVAILABLE,
               "kernel event ids are FEI_* values");

/* Asked for, to ride out bursts; the kernel caps it at net.core.rmem_max
 * for unprivileged sockets, and a smaller buffer only means an earlier
 * WINFAX_FEI_EVENTS_LOST. */
#define EVENT_SOCKET_BUFFER_BYTES (1024 * 1024)

/* One datagram is one event message of about 100 bytes; a page leaves
 * room for whatever a later kernel adds. */
#define EVENT_RECEIVE_BYTES 4096

struct event_subscription {
    /* First: the completion port's close watch points here. */
    struct winfax_completion_port_watch watch;
    struct winfax_completion_port_source source;   /* the socket, for waiters */
    struct winfax_handle_ref port;       /* keeps the port alive for posting */
    ULONG_PTR completion_key;
    struct nl_sock *socket;
    int stop_fd;                         /* eventfd: the thread's stop signal */
    int thread_epoll_fd;                 /* the thread's wait: socket, stop_fd */
    pthread_t thread;
    bool source_added;
    /* Held while the socket is read; it guards what follows. */
    pthread_mutex_t reader;
    unsigned char *receive_buffer;       /* EVENT_RECEIVE_BYTES */
    uint64_t last_seq;                   /* 0 before the first event */
    bool loss_reported;                  /* an ENOBUFS already told */
    struct event_subscription *next;     /* all_subscriptions */
};

/* Every live subscription, to find an existing one for a port and key. */
static pthread_mutex_t subscriptions_lock = PTHREAD_MUTEX_INITIALIZER;
static struct event_subscription *all_subscriptions;

/* ---- the thread ------------------------------------------------------------- */

/* Posts one FAX_EVENT.  A port closed meanwhile refuses it; the close watch
 * is then about to stop this thread, and the event is dropped with it. */
static void post_event(struct event_subscription *subscription, uint64_t timestamp_ns,
                       DWORD device_id, DWORD event_id, DWORD job_id)
{
    FAX_EVENTW *event = winfax_local_alloc(sizeof(*event));

    if (!event)
        return;   /* out of memory: nothing to tell it with */
    event->SizeOfStruct = sizeof(*event);
    event->TimeStamp = winfax_filetime_from_ns(timestamp_ns);
    event->DeviceId = device_id;
    event->EventId = event_id;
    event->JobId = job_id;
    if (!winfax_completion_port_post(&subscription->port, sizeof(*event),
                                     subscription->completion_key, (LPOVERLAPPED)(void *)event,
                                     true))
        free(event);
}

static uint64_t realtime_now_ns(void)
{
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static void report_loss(struct event_subscription *subscription)
{
    post_event(subscription, realtime_now_ns(), 0, WINFAX_FEI_EVENTS_LOST,
               WINFAX_EVENT_NO_JOB);
}

static struct nla_policy event_policy[FAXPORT_NL_A_MAX + 1] = {
    [FAXPORT_NL_A_EVENT_ID] = { .type = NLA_U32 },
    [FAXPORT_NL_A_DEVICE_ID] = { .type = NLA_U32 },
    [FAXPORT_NL_A_JOB_ID] = { .type = NLA_U32 },
    [FAXPORT_NL_A_TIMESTAMP] = { .type = NLA_U64 },
    [FAXPORT_NL_A_SEQ] = { .type = NLA_U64 },
};

/* One message of a datagram: an event, or something to skip. */
static void handle_event_message(struct event_subscription *subscription,
                                 struct nlmsghdr *header)
{
    struct nlattr *attributes[FAXPORT_NL_A_MAX + 1];
    uint64_t seq;

    if (header->nlmsg_type < NLMSG_MIN_TYPE || !genlmsg_valid_hdr(header, 0) ||
        genlmsg_parse(header, 0, attributes, FAXPORT_NL_A_MAX, event_policy) != 0 ||
        ((struct genlmsghdr *)nlmsg_data(header))->cmd != FAXPORT_NL_CMD_EVENT ||
        !attributes[FAXPORT_NL_A_EVENT_ID] || !attributes[FAXPORT_NL_A_DEVICE_ID] ||
        !attributes[FAXPORT_NL_A_JOB_ID] || !attributes[FAXPORT_NL_A_TIMESTAMP] ||
        !attributes[FAXPORT_NL_A_SEQ])
        return;   /* not an event of this uAPI version */

    /* A jump in the numbers is lost events, unless the ENOBUFS that
     * caused it was already reported. */
    seq = nla_get_u64(attributes[FAXPORT_NL_A_SEQ]);
    if (subscription->last_seq != 0 && seq != subscription->last_seq + 1 &&
        !subscription->loss_reported)
        report_loss(subscription);
    subscription->loss_reported = false;
    subscription->last_seq = seq;

    post_event(subscription, nla_get_u64(attributes[FAXPORT_NL_A_TIMESTAMP]),
               nla_get_u32(attributes[FAXPORT_NL_A_DEVICE_ID]),
               nla_get_u32(attributes[FAXPORT_NL_A_EVENT_ID]),
               nla_get_u32(attributes[FAXPORT_NL_A_JOB_ID]));
}

/*
 * Reads one datagram, if the socket holds one (it does not block), and
 * posts its events.  recv() into the subscription's buffer rather than
 * libnl's nl_recvmsgs(), which allocates a page and a message object for
 * every datagram: this runs in the thread that waits for the event.  A
 * datagram longer than the buffer arrives cut short and its last message
 * fails nlmsg_ok(): it is skipped, nothing is read past the bytes
 * received.
 */
static void receive_events(struct event_subscription *subscription)
{
    struct nlmsghdr *header = (struct nlmsghdr *)(void *)subscription->receive_buffer;
    ssize_t length;
    int remaining;

    pthread_mutex_lock(&subscription->reader);
    do
        length = recv(nl_socket_get_fd(subscription->socket), subscription->receive_buffer,
                      EVENT_RECEIVE_BYTES, MSG_DONTWAIT);
    while (length < 0 && errno == EINTR);
    if (length < 0) {
        /* ENOBUFS: the buffer overran, messages were dropped.  Tell now;
         * the jump in numbers that follows is the same loss. */
        if (errno == ENOBUFS && !subscription->loss_reported) {
            report_loss(subscription);
            subscription->loss_reported = true;
        }
    } else {
        remaining = (int)length;
        for (; nlmsg_ok(header, remaining); header = nlmsg_next(header, &remaining))
            handle_event_message(subscription, header);
    }
    pthread_mutex_unlock(&subscription->reader);
}

/* A thread waiting on the port found the socket readable. */
static void drain_for_waiter(struct winfax_completion_port_source *source)
{
    struct event_subscription *subscription =
        (struct event_subscription *)(void *)((char *)source -
                                              offsetof(struct event_subscription, source));

    receive_events(subscription);
}

static void *run_subscription(void *argument)
{
    struct event_subscription *subscription = argument;
    struct epoll_event ready[2];

    for (;;) {
        int count = epoll_wait(subscription->thread_epoll_fd, ready, 2, -1);
        bool readable = false;

        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0)
            break;
        for (int i = 0; i < count; i++) {
            if (ready[i].data.fd == subscription->stop_fd)
                return NULL;
            readable = true;
        }
        if (readable)
            receive_events(subscription);
    }
    return NULL;
}

/*
 * The thread's wait on the socket is exclusive and registered after the
 * port's (see completion_port.h), so that the kernel wakes it only when
 * no thread is blocked waiting on the port.  0 or a negative errno.
 */
static int make_thread_wait(struct event_subscription *subscription)
{
    struct epoll_event socket_ready = {
        .events = EPOLLIN | EPOLLEXCLUSIVE,
        .data.fd = nl_socket_get_fd(subscription->socket),
    };
    struct epoll_event stop = { .events = EPOLLIN, .data.fd = subscription->stop_fd };

    subscription->thread_epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (subscription->thread_epoll_fd < 0)
        return -errno;
    if (epoll_ctl(subscription->thread_epoll_fd, EPOLL_CTL_ADD, subscription->stop_fd, &stop) ||
        epoll_ctl(subscription->thread_epoll_fd, EPOLL_CTL_ADD, socket_ready.data.fd,
                  &socket_ready))
        return -errno;
    return 0;
}

/* ---- setting up and stopping ------------------------------------------------ */

static void free_subscription(struct event_subscription *subscription)
{
    if (subscription->source_added)
        winfax_completion_port_remove_source(&subscription->port, &subscription->source);
    if (subscription->thread_epoll_fd >= 0)
        close(subscription->thread_epoll_fd);
    pthread_mutex_destroy(&subscription->reader);
    free(subscription->receive_buffer);
    if (subscription->socket)
        nl_socket_free(subscription->socket);
    if (subscription->stop_fd >= 0)
        close(subscription->stop_fd);
    winfax_handle_put(&subscription->port);
    free(subscription);
}

static void stop_thread(struct event_subscription *subscription)
{
    uint64_t one = 1;

    while (write(subscription->stop_fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
    pthread_join(subscription->thread, NULL);
}

/* The completion port was closed (CloseHandle, in the closer's thread). */
static void on_port_closed(struct winfax_completion_port_watch *watch)
{
    struct event_subscription *subscription = (struct event_subscription *)watch;
    struct event_subscription **link;

    pthread_mutex_lock(&subscriptions_lock);
    for (link = &all_subscriptions; *link; link = &(*link)->next) {
        if (*link == subscription) {
            *link = subscription->next;
            break;
        }
    }
    pthread_mutex_unlock(&subscriptions_lock);
    /* The port is closed: its waiters drain no more, and they are gone
     * from the source once free_subscription() removed it. */
    stop_thread(subscription);
    free_subscription(subscription);
}

/*
 * The thread blocks every signal: the application's handlers must run on
 * its own threads, not on a library thread that it does not know about
 * (and a signal aimed at "the process" must not interrupt the
 * subscription).  The mask is inherited, so it is set around the creation.
 */
static bool start_thread(struct event_subscription *subscription)
{
    sigset_t all, previous;
    bool started;

    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    started = pthread_create(&subscription->thread, NULL, run_subscription, subscription) == 0;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    return started;
}

/* libnl's errors, as the Win32 codes of FaxInitializeEventQueue. */
static DWORD netlink_error_to_win32(int error)
{
    switch (-error) {
    case NLE_NOMEM:
        return ERROR_NOT_ENOUGH_MEMORY;
    case NLE_PERM:
        return ERROR_ACCESS_DENIED;
    case NLE_OBJ_NOTFOUND:
        /* No "faxport" family: the driver's events are not there. */
        return ERROR_NOT_SUPPORTED;
    default:
        return ERROR_GEN_FAILURE;
    }
}

/* Opens the socket and joins the group; ERROR_SUCCESS or a Win32 code. */
static DWORD join_event_group(struct event_subscription *subscription)
{
    int group;
    int error;

    subscription->socket = nl_socket_alloc();
    if (!subscription->socket)
        return ERROR_NOT_ENOUGH_MEMORY;
    error = genl_connect(subscription->socket);
    if (error)
        return netlink_error_to_win32(error);
    group = genl_ctrl_resolve_grp(subscription->socket, FAXPORT_GENL_NAME,
                                  FAXPORT_GENL_EVENTS_GROUP);
    if (group < 0)
        return netlink_error_to_win32(group);
    error = nl_socket_set_nonblocking(subscription->socket);
    if (error)
        return netlink_error_to_win32(error);
    /* Best effort: a smaller buffer still works, it overruns sooner. */
    nl_socket_set_buffer_size(subscription->socket, EVENT_SOCKET_BUFFER_BYTES, 0);
    error = nl_socket_add_membership(subscription->socket, group);
    return error ? netlink_error_to_win32(error) : ERROR_SUCCESS;
}

static bool subscribed_locked(const struct winfax_handle_ref *port, ULONG_PTR completion_key)
{
    for (const struct event_subscription *s = all_subscriptions; s; s = s->next)
        if (s->port.data == port->data && s->completion_key == completion_key)
            return true;
    return false;
}

/* Subscribes the port (a reference the subscription takes over). */
static BOOL subscribe(struct winfax_handle_ref *port, ULONG_PTR completion_key)
{
    struct event_subscription *subscription = calloc(1, sizeof(*subscription));
    DWORD code;

    if (!subscription) {
        winfax_handle_put(port);
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    subscription->port = *port;
    subscription->completion_key = completion_key;
    subscription->watch.on_close = on_port_closed;
    subscription->thread_epoll_fd = -1;
    pthread_mutex_init(&subscription->reader, NULL);
    subscription->receive_buffer = malloc(EVENT_RECEIVE_BYTES);
    subscription->stop_fd = eventfd(0, EFD_CLOEXEC);
    if (!subscription->receive_buffer) {
        free_subscription(subscription);
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    if (subscription->stop_fd < 0) {
        code = errno == EMFILE || errno == ENFILE ? ERROR_TOO_MANY_OPEN_FILES
                                                  : ERROR_NOT_ENOUGH_MEMORY;
        free_subscription(subscription);
        return winfax_fail(code);
    }
    code = join_event_group(subscription);
    if (code != ERROR_SUCCESS) {
        free_subscription(subscription);
        return winfax_fail(code);
    }
    /* The port's wait on the socket first, then the thread's. */
    subscription->source.fd = nl_socket_get_fd(subscription->socket);
    subscription->source.drain = drain_for_waiter;
    if (!winfax_completion_port_add_source(&subscription->port, &subscription->source)) {
        code = GetLastError();
        free_subscription(subscription);
        return winfax_fail(code);
    }
    subscription->source_added = true;
    if (make_thread_wait(subscription) != 0) {
        code = errno == EMFILE || errno == ENFILE ? ERROR_TOO_MANY_OPEN_FILES
                                                  : ERROR_NOT_ENOUGH_MEMORY;
        free_subscription(subscription);
        return winfax_fail(code);
    }
    if (!start_thread(subscription)) {
        free_subscription(subscription);
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    /* Watched only once the thread exists: from here CloseHandle may stop
     * it at any moment.  A port closed already is stopped here. */
    if (!winfax_completion_port_watch(&subscription->port, &subscription->watch)) {
        stop_thread(subscription);
        free_subscription(subscription);
        return winfax_fail(ERROR_INVALID_HANDLE);
    }
    subscription->next = all_subscriptions;
    all_subscriptions = subscription;
    return TRUE;
}

/*
 * ERROR_INVALID_HANDLE: FaxHandle is not a server handle, or CompletionPort
 * is not an open completion port.  ERROR_INVALID_PARAMETER: both or neither
 * of CompletionPort and hWnd, or MessageStart below WM_USER with hWnd.
 * ERROR_NOT_SUPPORTED: hWnd (no window messages on Linux), or a driver
 * without the event family.
 */
BOOL WINFAX_CALL FaxInitializeEventQueue(HANDLE FaxHandle, HANDLE CompletionPort,
                                         ULONG_PTR CompletionKey, HWND hWnd, UINT MessageStart)
{
    struct winfax_handle_ref server;
    struct winfax_handle_ref port;
    BOOL subscribed;

    if (!winfax_handle_get(FaxHandle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(FaxHandle);
    /* The server handle only vouches for the caller being a fax client;
     * events need no right, and outlive it. */
    winfax_handle_put(&server);

    if ((CompletionPort != NULL) == (hWnd != NULL))
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (hWnd) {
        if (MessageStart < WM_USER)
            return winfax_fail(ERROR_INVALID_PARAMETER);
        return winfax_fail(ERROR_NOT_SUPPORTED);
    }
    if (!winfax_handle_get(CompletionPort, WINFAX_HANDLE_COMPLETION_PORT, &port))
        return winfax_fail(ERROR_INVALID_HANDLE);

    /* Under the lock from the check to the insertion, so two threads
     * initialising the same port and key make one subscription. */
    pthread_mutex_lock(&subscriptions_lock);
    if (subscribed_locked(&port, CompletionKey)) {
        winfax_handle_put(&port);
        subscribed = TRUE;
    } else {
        subscribed = subscribe(&port, CompletionKey);
    }
    pthread_mutex_unlock(&subscriptions_lock);
    if (subscribed)
        SetLastError(ERROR_SUCCESS);
    return subscribed;
}
