/* SPDX-License-Identifier: GPL-2.0 */
/*
 * document_copy: a client's document copied into a sealed memory file by a
 * helper process, so that the event loop never reads a client's file.
 *
 * A read of a file on FUSE or a hung network share can block for ever, in
 * uninterruptible sleep. Done in the loop it stopped every port; done in a
 * thread it would still hold faxd's file table (the ports' fds) when faxd
 * is killed. The helper is a process that keeps only the document and the
 * memory file open: the loop waits for it on a pidfd with a deadline, and
 * one that does not finish is killed and left behind, holding nothing of
 * faxd's. Its exit signal is 0, so a waitpid(-1) elsewhere never reaps it.
 */
#ifndef FAXD_ENGINE_DOCUMENT_COPY_H
#define FAXD_ENGINE_DOCUMENT_COPY_H

#include <stdint.h>

struct document_copy;

/*
 * Start copying @document_fd (at most @max_bytes). Returns 0 and the copy
 * in @copy_out, or a negative errno. document_copy_pidfd() becomes
 * readable when the helper has ended.
 */
int document_copy_start(int document_fd, uint64_t max_bytes, struct document_copy **copy_out);
int document_copy_pidfd(const struct document_copy *copy);
/*
 * The helper has ended: returns the sealed memory file (the caller closes
 * it), or a negative errno (-EFBIG: over @max_bytes; -EIO: the helper
 * failed).
 * Frees @copy either way.
 */
int document_copy_finish(struct document_copy *copy);
/* Give up: kill the helper, free @copy; the helper is reaped later. */
void document_copy_abandon(struct document_copy *copy);
/* Reap helpers given up on that have ended since (call now and then). */
void document_copy_reap_abandoned(void);

#endif
