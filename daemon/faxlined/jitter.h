/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jitter: a fixed jitter buffer for one RTP stream of 8 kHz audio.
 *
 * Fax modems cannot bear a buffer that grows and shrinks (a slip in the
 * middle of a V.17 page is a lost page), so the delay is fixed: the first
 * packet is played @delay_samples after it arrived, and from then on the
 * playout point moves 160 samples per 20 ms tick whatever arrives. Samples
 * are placed by RTP timestamp, so reordered packets land where they belong,
 * duplicates are counted and dropped, packets whose time has passed are
 * late and dropped, and a gap plays as silence so the timing is kept.
 *
 * The first SSRC is latched: packets of any other source are refused (a
 * stray or injected stream cannot take the call over). A timestamp far
 * outside the window (a sender that restarted) is refused too, and only
 * after several such packets in a row does the buffer follow the new
 * timeline.
 */
#ifndef FAXLINED_JITTER_H
#define FAXLINED_JITTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* About a second of audio, the window a packet must fall into: a power of
 * two, so that slots stay continuous where the 32-bit timestamp wraps. */
#define JITTER_CAPACITY 8192
#define JITTER_MAX_DELAY_MS 500
/* Packets in a row far outside the window before the buffer resyncs. */
#define JITTER_RESYNC_AFTER 3

struct jitter_stats {
	uint64_t packets;	/* accepted into the buffer */
	uint64_t duplicates;
	uint64_t late;
	uint64_t foreign_ssrc;
	uint64_t out_of_window;
	uint64_t resyncs;
	uint64_t samples_played;
	uint64_t samples_missing;	/* played as silence */
};

struct jitter_buffer {
	bool started;
	uint32_t ssrc;
	uint32_t delay_samples;
	uint32_t playout;	/* RTP timestamp of the next sample played */
	uint32_t delay_left;	/* samples of the initial delay still to play */
	unsigned int far_in_a_row;
	struct jitter_stats stats;
	int16_t samples[JITTER_CAPACITY];
	bool present[JITTER_CAPACITY];
};

void jitter_init(struct jitter_buffer *buffer, unsigned int delay_ms);

/*
 * Add @count samples of @ssrc that start at RTP @timestamp. Returns true if
 * any were stored.
 */
bool jitter_put(struct jitter_buffer *buffer, uint32_t ssrc, uint32_t timestamp,
		const int16_t *samples, size_t count);

/* The next @count samples in playout order, silence where none arrived. */
void jitter_get(struct jitter_buffer *buffer, int16_t *out, size_t count);

#endif
