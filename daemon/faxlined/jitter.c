// SPDX-License-Identifier: GPL-2.0
/* jitter: see jitter.h. */
#include "jitter.h"

#include <string.h>

void jitter_init(struct jitter_buffer *buffer, unsigned int delay_ms)
{
	memset(buffer, 0, sizeof(*buffer));
	if (delay_ms > JITTER_MAX_DELAY_MS)
		delay_ms = JITTER_MAX_DELAY_MS;
	buffer->delay_samples = delay_ms * 8;
}

static void start_at(struct jitter_buffer *buffer, uint32_t timestamp)
{
	buffer->started = true;
	buffer->playout = timestamp - buffer->delay_samples;
	buffer->delay_left = buffer->delay_samples;
	memset(buffer->present, 0, sizeof(buffer->present));
}

bool jitter_put(struct jitter_buffer *buffer, uint32_t ssrc, uint32_t timestamp,
		const int16_t *samples, size_t count)
{
	int64_t offset;
	bool stored = false, duplicate = false;

	if (!buffer->started) {
		buffer->ssrc = ssrc;
		start_at(buffer, timestamp);
	} else if (ssrc != buffer->ssrc) {
		buffer->stats.foreign_ssrc++;
		return false;
	}
	if (count > JITTER_CAPACITY)
		count = JITTER_CAPACITY;
	/* Signed distance in RTP's modular time: reordering is small. */
	offset = (int32_t)(timestamp - buffer->playout);
	if (offset + (int64_t)count <= 0) {
		/* Far in the past is a new timeline more likely than lateness. */
		if (offset < -(int64_t)JITTER_CAPACITY)
			goto far;
		buffer->far_in_a_row = 0;
		buffer->stats.late++;
		return false;
	}
	if (offset >= JITTER_CAPACITY)
		goto far;
	buffer->far_in_a_row = 0;
	for (size_t i = 0; i < count; i++) {
		int64_t at = offset + (int64_t)i;
		size_t slot;

		/* The part already played, or beyond the window, is dropped. */
		if (at < 0 || at >= JITTER_CAPACITY)
			continue;
		slot = (uint32_t)(buffer->playout + (uint32_t)at) % JITTER_CAPACITY;
		if (buffer->present[slot]) {
			duplicate = true;
			continue;
		}
		buffer->samples[slot] = samples[i];
		buffer->present[slot] = true;
		stored = true;
	}
	if (stored)
		buffer->stats.packets++;
	else if (duplicate)
		buffer->stats.duplicates++;
	else
		buffer->stats.late++;
	return stored;

far:
	buffer->stats.out_of_window++;
	if (++buffer->far_in_a_row < JITTER_RESYNC_AFTER)
		return false;
	buffer->far_in_a_row = 0;
	buffer->stats.resyncs++;
	start_at(buffer, timestamp);
	return jitter_put(buffer, ssrc, timestamp, samples, count);
}

void jitter_get(struct jitter_buffer *buffer, int16_t *out, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t slot = buffer->playout % JITTER_CAPACITY;

		if (buffer->started && buffer->present[slot]) {
			out[i] = buffer->samples[slot];
			buffer->present[slot] = false;
		} else {
			out[i] = 0;
			/* The delay's silence is by design, not a loss. */
			if (buffer->started && buffer->delay_left == 0)
				buffer->stats.samples_missing++;
		}
		if (buffer->started) {
			if (buffer->delay_left)
				buffer->delay_left--;
			buffer->playout++;
			buffer->stats.samples_played++;
		}
	}
}
