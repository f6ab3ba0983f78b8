/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dte_tty: the modem's serial line, a pseudo-terminal. The fax program (the
 * DTE: efax, HylaFAX, mgetty) opens the terminal side through a stable
 * symlink; the modem reads and writes the master side.
 *
 * Flow control is backpressure: while input is paused the master is not
 * read, the pty's buffer fills and the DTE's write() blocks, whatever flow
 * control (RTS/CTS, XON/XOFF) the DTE set on its side. Nothing is ever sent
 * in band. Output the DTE does not read is queued up to a bound, then
 * dropped (and logged), as a modem drops data a stalled DTE never takes.
 *
 * The DTE closing its last descriptor is the modem's DTR drop: the owner is
 * told, and the terminal waits for the next open.
 */
#ifndef DTE_TTY_H
#define DTE_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "../engine/loop.h"

struct dte_tty;

struct dte_tty_handlers {
	/* Bytes from the DTE can be read (dte_tty_read) now. */
	void (*on_input)(struct dte_tty *tty, void *owner);
	/* The DTE closed the terminal (DTR dropped). */
	void (*on_dte_gone)(struct dte_tty *tty, void *owner);
};

/*
 * Create the pseudo-terminal and the symlink @link_path to its terminal
 * side (replaced atomically if it exists), with permissions @mode and group
 * @gid ((gid_t)-1: unchanged). Returns 0 and the terminal, or a negative errno.
 */
int dte_tty_open(struct faxd_loop *loop, const char *link_path, mode_t mode, gid_t gid,
		 const struct dte_tty_handlers *handlers, void *owner, struct dte_tty **tty_out);

/* Remove the symlink (if it is still ours) and close the terminal. */
void dte_tty_close(struct dte_tty *tty);

/* Read up to @size bytes. Returns the count, 0 if there is nothing now. */
size_t dte_tty_read(struct dte_tty *tty, void *buffer, size_t size);

/* Queue bytes for the DTE; dropped (and counted) past the queue's bound. */
void dte_tty_write(struct dte_tty *tty, const void *data, size_t size);

/* Stop or resume reading from the DTE (the modem's flow control). */
void dte_tty_pause_input(struct dte_tty *tty, bool paused);

/* About ten times a second: notices a DTE that opened the terminal again. */
void dte_tty_poll(struct dte_tty *tty);

/* The terminal's own path (/dev/pts/N). */
const char *dte_tty_name(const struct dte_tty *tty);

#endif
