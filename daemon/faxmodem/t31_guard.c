// SPDX-License-Identifier: GPL-2.0
/* Keeping spandsp's T.31 inside its buffers. See t31_guard.h. */
#define SPANDSP_EXPOSE_INTERNAL_STRUCTURES
#include "t31_guard.h"

enum { ETX = 0x03, DLE = 0x10, SUB = 0x1A };

/*
 * Bytes of @data that fit @room bytes of a DLE-stuffed buffer, stopping
 * after a DLE ETX: spandsp ends the block there and drops what follows it
 * in the same write. @dled: spandsp saw a DLE last. @sub_bytes: what DLE SUB
 * stands for (two DLEs in HDLC frames, one byte in page data).
 */
static size_t stuffed_room(const uint8_t *data, size_t length, long room, bool dled,
			   long sub_bytes, int *discard)
{
	size_t i;

	for (i = 0; i < length; i++) {
		long produced;

		if (dled) {
			dled = false;
			if (data[i] == ETX)
				return i + 1;
			produced = data[i] == SUB ? sub_bytes : 1;
		} else if (data[i] == DLE) {
			dled = true;
			produced = 0;
		} else {
			produced = 1;
		}
		if (produced > room) {
			*discard = i == 0;
			return i;
		}
		room -= produced;
	}
	return length;
}

size_t t31_room(t31_state_t *t31, const uint8_t *data, size_t length, int *discard)
{
	size_t i;

	*discard = 0;
	switch (t31->at_state.at_rx_mode) {
	case AT_MODE_STUFFED:
		/*
		 * Page data. t31_at_rx() first moves the unsent bytes to the
		 * front; it stops one byte short of the end. A full buffer
		 * empties as the modem sends: page data waits, never discarded.
		 */
		i = stuffed_room(data, length,
				 T31_TX_BUF_LEN - 1 - (t31->tx.in_bytes - t31->tx.out_bytes),
				 t31->dled, 1, discard);
		*discard = 0;
		return i;
	case AT_MODE_HDLC:
		/* One frame; a frame longer than the buffer is abuse, and its excess is discarded. */
		return stuffed_room(data, length, T31_MAX_HDLC_LEN - t31->hdlc_tx.len, t31->dled,
				    2, discard);
	case AT_MODE_DELIVERY:
		/* Any byte aborts a reception and returns to command mode: one at a time. */
		return length ? 1 : 0;
	default:
		/*
		 * Commands: spandsp bounds the command line itself, but the
		 * line's end may switch to data mode (AT+FTM=96), so the bytes
		 * after it must be measured in that mode.
		 */
		for (i = 0; i < length; i++)
			if (data[i] == t31->at_state.p.s_regs[3])
				return i + 1;
		return length;
	}
}

void t31_guard_rx(t31_state_t *t31)
{
	/* The limit counts the two FCS bytes, which the frame handler is given too. */
	hdlc_rx_set_max_frame_len(&t31->audio.modems.hdlc_rx, T31_GUARD_MAX_V21_FRAME + 2);
}

bool t31_guard_fast_rx(t31_state_t *t31)
{
	return t31->modem == FAX_MODEM_V17_RX || t31->modem == FAX_MODEM_V27TER_RX ||
	       t31->modem == FAX_MODEM_V29_RX;
}

void t31_guard_free(t31_state_t *t31)
{
	if (!t31)
		return;
	queue_free(t31->rx_queue);
	t31->rx_queue = NULL;
	t31_free(t31);
}
