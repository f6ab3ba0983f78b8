/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "document_ghostscript.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "document_message.h"
#include "page_bitmap.h"
#include "paper_size.h"
#include "tiff_reader.h"

extern char **environ;

#define OUTPUT_SIZE_LIMIT   (512ul * 1024 * 1024)
#define CAPTURE_BYTES       1024
/* The fds the child gets are first moved above these, so that the dup2()
 * calls that put them at 0..3 never overwrite one another. */
#define CHILD_FD_FLOOR      10
/* PDF readers look for the end-of-file marker in the last 1024 bytes. */
#define PDF_TAIL_BYTES      1024

/* The page: the fax line, as long as the paper (filled in below). */
#define PAGE_ARGUMENT 7

static const char *const gs_arguments[] = {
    "gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dNOINTERPOLATE",
    "-sDEVICE=tiffg4", "-g1728xLINES", "-r204x196", "-dFIXEDMEDIA",
    "-dPDFFitPage", "-dFitPage", "-sOutputFile=/proc/self/fd/3",
    "/proc/self/fd/0", NULL,
};
#define GS_ARGUMENT_COUNT (sizeof(gs_arguments) / sizeof(gs_arguments[0]))

/* The executable `gs` in PATH, malloc'ed; NULL when there is none. */
static char *find_ghostscript(void)
{
    const char *path = getenv("PATH");
    const char *directory;

    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (directory = path; directory;) {
        const char *colon = strchr(directory, ':');
        size_t length = colon ? (size_t)(colon - directory) : strlen(directory);
        char *candidate = NULL;

        if (length > 0 && asprintf(&candidate, "%.*s/gs", (int)length, directory) >= 0) {
            struct stat status;

            if (stat(candidate, &status) == 0 && S_ISREG(status.st_mode) &&
                access(candidate, X_OK) == 0)
                return candidate;
            free(candidate);
        }
        directory = colon ? colon + 1 : NULL;
    }
    return NULL;
}

/* The deadline in seconds; 0 (with the message set) when
 * WINFAX_CONVERT_TIMEOUT is set to something that is not 1..86400. */
static unsigned timeout_seconds(void)
{
    const char *text = getenv("WINFAX_CONVERT_TIMEOUT");
    char *end;
    unsigned long value;

    if (!text)
        return WINFAX_CONVERT_TIMEOUT_DEFAULT;
    errno = 0;
    value = strtoul(text, &end, 10);
    if (errno || end == text || *end || value < 1 || value > 86400) {
        winfax_message_set("WINFAX_CONVERT_TIMEOUT is \"%s\": it must be a number of "
                           "seconds from 1 to 86400",
                           text);
        return 0;
    }
    return (unsigned)value;
}

static int64_t now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Only async-signal-safe calls: the parent may have other threads. */
static void run_child(const char *gs, char *const *arguments, int document_fd, int output_fd,
                      int messages_fd)
{
    struct rlimit output_limit = { OUTPUT_SIZE_LIMIT, OUTPUT_SIZE_LIMIT };
    sigset_t none;

    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setrlimit(RLIMIT_FSIZE, &output_limit);
    if (dup2(document_fd, 0) < 0 || dup2(messages_fd, 1) < 0 || dup2(messages_fd, 2) < 0 ||
        dup2(output_fd, 3) < 0)
        _exit(126);
    close_range(4, UINT_MAX, 0);
    execve(gs, arguments, environ);
    _exit(127);
}

/* Reads the child's messages until it closes them or the deadline; keeps
 * the first CAPTURE_BYTES.  False at the deadline. */
static bool capture_messages(int fd, char *captured, size_t *captured_length, int64_t deadline)
{
    char buffer[512];

    for (;;) {
        struct pollfd poll_fd = { fd, POLLIN, 0 };
        int64_t left = deadline - now_ms();
        ssize_t got;

        if (left <= 0)
            return false;
        if (poll(&poll_fd, 1, left > INT_MAX ? INT_MAX : (int)left) < 0 && errno != EINTR)
            return true;
        if (!poll_fd.revents)
            continue;
        got = read(fd, buffer, sizeof(buffer));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return true;
        if (*captured_length < CAPTURE_BYTES) {
            size_t room = CAPTURE_BYTES - *captured_length;
            size_t take = (size_t)got < room ? (size_t)got : room;

            memcpy(captured + *captured_length, buffer, take);
            *captured_length += take;
        }
    }
}

/* The child's status, waiting until the deadline; then it is killed.
 * 0 with *status, -ETIMEDOUT, or -ECHILD. */
static int wait_child(pid_t child, int *status, int64_t deadline, bool deadline_passed)
{
    while (!deadline_passed) {
        pid_t done = waitpid(child, status, WNOHANG);

        if (done == child)
            return 0;
        if (done < 0 && errno != EINTR)
            return -ECHILD;
        if (now_ms() >= deadline)
            break;
        nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
    }
    kill(child, SIGKILL);
    while (waitpid(child, status, 0) < 0 && errno == EINTR)
        ;
    return -ETIMEDOUT;
}

/* gs's words on one line: control characters and runs of spaces become
 * one space. */
static void tidy(char *text)
{
    char *out = text;
    bool space = true;

    for (const char *in = text; *in; in++) {
        bool blank = (unsigned char)*in <= ' ' || *in == 0x7f;

        if (blank && space)
            continue;
        *out++ = blank ? ' ' : *in;
        space = blank;
    }
    if (out > text && out[-1] == ' ')
        out--;
    *out = '\0';
}

/* A PDF ends with "%%EOF" (within its last 1024 bytes); Ghostscript
 * silently repairs a file cut short and sends what it could read, so the
 * cut is caught here. */
static bool pdf_has_end_marker(int fd)
{
    char tail[PDF_TAIL_BYTES + 1];
    struct stat status;
    off_t start;
    ssize_t got;

    if (fstat(fd, &status) != 0)
        return false;
    start = status.st_size > PDF_TAIL_BYTES ? status.st_size - PDF_TAIL_BYTES : 0;
    got = pread(fd, tail, PDF_TAIL_BYTES, start);
    if (got <= 0)
        return false;
    tail[got] = '\0';
    return memmem(tail, (size_t)got, "%%EOF", 5) != NULL;
}

static int spawn_and_wait(const char *gs, char *const *arguments, int document_fd,
                          int output_fd, int *status, char *captured, size_t *captured_length,
                          unsigned timeout)
{
    int64_t deadline = now_ms() + (int64_t)timeout * 1000;
    int pipe_fds[2];
    int child_document = -1, child_output = -1, child_messages = -1;
    bool finished;
    pid_t child = -1;
    int error = 0;

    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        return -errno;
    child_document = fcntl(document_fd, F_DUPFD_CLOEXEC, CHILD_FD_FLOOR);
    child_output = fcntl(output_fd, F_DUPFD_CLOEXEC, CHILD_FD_FLOOR);
    child_messages = fcntl(pipe_fds[1], F_DUPFD_CLOEXEC, CHILD_FD_FLOOR);
    close(pipe_fds[1]);
    if (child_document < 0 || child_output < 0 || child_messages < 0) {
        error = -errno;
    } else if (lseek(child_document, 0, SEEK_SET) != 0) {
        error = -EIO;
    } else {
        child = fork();
        if (child == 0)
            run_child(gs, arguments, child_document, child_output, child_messages);
        if (child < 0)
            error = -errno;
    }
    if (child_document >= 0)
        close(child_document);
    if (child_output >= 0)
        close(child_output);
    if (child_messages >= 0)
        close(child_messages);
    if (error) {
        close(pipe_fds[0]);
        return error;
    }
    finished = capture_messages(pipe_fds[0], captured, captured_length, deadline);
    close(pipe_fds[0]);
    return wait_child(child, status, deadline, !finished);
}

int winfax_ghostscript_to_fax(int fd, enum winfax_ghostscript_input input, int *fax_fd,
                              unsigned *pages)
{
    const char *kind = input == WINFAX_GHOSTSCRIPT_PDF ? "PDF" : "PostScript";
    char captured[CAPTURE_BYTES + 1];
    const char *arguments[GS_ARGUMENT_COUNT];
    char page_argument[32];
    size_t captured_length = 0;
    unsigned timeout;
    int status = 0, output_fd, error;
    char *gs;

    *fax_fd = -1;
    timeout = timeout_seconds();
    if (timeout == 0)
        return -EINVAL;
    if (input == WINFAX_GHOSTSCRIPT_PDF && !pdf_has_end_marker(fd)) {
        winfax_message_set("the PDF document is cut short or damaged: it has no %%%%EOF "
                           "marker at its end");
        return -EILSEQ;
    }
    gs = find_ghostscript();
    if (!gs) {
        winfax_message_set("%s documents are converted with Ghostscript, and there is no "
                           "`gs` in PATH (Debian package ghostscript)",
                           kind);
        return -ENOENT;
    }
    output_fd = memfd_create("winfax-ghostscript", MFD_CLOEXEC);
    if (output_fd < 0) {
        error = -errno;
        free(gs);
        return error;
    }
    /* Made before the fork: the child only calls what is async-signal-safe. */
    snprintf(page_argument, sizeof(page_argument), "-g%ux%u", WINFAX_BITMAP_WIDTH,
             winfax_paper_default()->fine_lines);
    memcpy(arguments, gs_arguments, sizeof(arguments));
    arguments[PAGE_ARGUMENT] = page_argument;
    error = spawn_and_wait(gs, (char *const *)arguments, fd, output_fd, &status, captured,
                           &captured_length, timeout);
    free(gs);
    captured[captured_length] = '\0';
    tidy(captured);
    if (error == -ETIMEDOUT) {
        winfax_message_set("Ghostscript took longer than %u s to convert the %s document "
                           "(WINFAX_CONVERT_TIMEOUT) and was stopped",
                           timeout, kind);
        error = -EILSEQ;
    } else if (error == -ECHILD) {
        winfax_message_set("the status of Ghostscript was lost (is SIGCHLD ignored?)");
    } else if (!error && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            winfax_message_set("Ghostscript could not be started");
        else if (WIFSIGNALED(status))
            winfax_message_set("Ghostscript died of signal %d converting the %s document%s%s",
                               WTERMSIG(status), kind, *captured ? ": " : "", captured);
        else
            winfax_message_set("Ghostscript could not convert the %s document%s%s", kind,
                               *captured ? ": " : "", captured);
        error = -EILSEQ;
    } else if (!error && winfax_document_check(output_fd, pages) != 0) {
        winfax_message_set("Ghostscript made no fax pages of the %s document%s%s", kind,
                           *captured ? ": " : "", captured);
        error = -EILSEQ;
    }
    if (error) {
        close(output_fd);
        return error;
    }
    *fax_fd = output_fd;
    return 0;
}
