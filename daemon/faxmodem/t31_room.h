/* SPDX-License-Identifier: GPL-2.0 */
/*
 * t31_room: how many bytes from the DTE spandsp's T.31 modem can take now.
 *
 * spandsp 0.0.6's t31_at_rx() copies DTE data into fixed buffers without
 * checking their end: page data (+FTM) into a 4096-byte buffer whose
 * "hold" (CTS off) is only raised after a whole write, HDLC frames (+FTH)
 * into a 284-byte frame with no check at all. A DTE that ignores flow
 * control, or sends an endless frame, would make it write past them. Its
 * public API (0.0.6 has no t31_at_rx_free_space) cannot say how full they
 * are, so this one file reads spandsp's own state structure, exposed by
 * its private headers, and nothing else does.
 */
#ifndef T31_ROOM_H
#define T31_ROOM_H

#include <stddef.h>
#include <stdint.h>

#include <spandsp.h>

/*
 * How many of the bytes in @data (at most @length) t31_at_rx() may be given
 * now without writing past a buffer. 0 means: hold the rest back (the
 * modem is sending and will make room) or, if @discard is set on return,
 * throw the first byte away (an HDLC frame longer than any T.30 frame).
 */
size_t t31_room(t31_state_t *t31, const uint8_t *data, size_t length, int *discard);

#endif
