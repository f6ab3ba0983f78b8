/* SPDX-License-Identifier: GPL-2.0 */
/*
 * t31_guard: keeps spandsp's T.31 modem inside its own buffers.
 *
 * spandsp 0.0.6's t31_at_rx() copies DTE data into fixed buffers without
 * checking their end: page data (+FTM) into a 4096-byte buffer whose
 * "hold" (CTS off) is only raised after a whole write, HDLC frames (+FTH)
 * into a 284-byte frame with no check at all. A DTE that ignores flow
 * control, or sends an endless frame, would make it write past them.
 * On the line side, a V.21 frame it receives is copied, DLE-doubled, into
 * 256-byte buffers: line noise decoded as a long frame overruns them (seen
 * here: 32 KiB of its stack sent to the DTE).
 *
 * Its public API (0.0.6 has no t31_at_rx_free_space) cannot say how full
 * the buffers are, so this one file reads spandsp's own state structure,
 * exposed by its private headers, and nothing else does.
 */
#ifndef T31_GUARD_H
#define T31_GUARD_H

#include <stdbool.h>
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

/*
 * Before each t31_rx(): received V.21 frames longer than any T.30 frame
 * (T31_GUARD_MAX_V21_FRAME bytes) are dropped by the HDLC receiver rather
 * than handed to the code that overruns. spandsp re-creates that receiver
 * whenever the modem changes mode, hence every time.
 */
void t31_guard_rx(t31_state_t *t31);

/* True while the modem listens for a high-speed (V.27ter, V.29, V.17) signal: after +FRM. */
bool t31_guard_fast_rx(t31_state_t *t31);

/* t31_free(), and the receive queue that spandsp 0.0.6's t31_free() leaks (4 KiB a modem). */
void t31_guard_free(t31_state_t *t31);

/* The longest V.21 frame passed on: DLE-doubled with its FCS and DLE ETX it fills 256 bytes. */
#define T31_GUARD_MAX_V21_FRAME 125

#endif
