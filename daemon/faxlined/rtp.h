/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtp: the RTP fixed header (RFC 3550) read from and written to a datagram,
 * and the G.711 payloads faxlined carries. Our own few dozen lines: Debian's
 * RTP libraries are either GPL-3 (oRTP, not linkable with GPL-2.0-only code)
 * or whole media stacks with their own event loop and threads (libre/baresip,
 * whose API breaks between releases); sofia-sip has SDP but no RTP. A fax
 * line needs one codec at one ptime, with no VAD, CN, PLC or SRTP, so the
 * header is all there is to it.
 *
 * Every datagram is hostile: rtp_parse checks every length it derives
 * (CSRC count, extension, padding) against the bytes that arrived.
 */
#ifndef FAXLINED_RTP_H
#define FAXLINED_RTP_H

#include <stddef.h>
#include <stdint.h>

#define RTP_HEADER_SIZE 12
#define RTP_PT_PCMU 0
#define RTP_PT_PCMA 8

struct rtp_packet {
	uint8_t payload_type;
	uint8_t marker;
	uint16_t sequence;
	uint32_t timestamp;
	uint32_t ssrc;
	const uint8_t *payload;	/* into the datagram */
	size_t payload_size;
};

enum rtp_parse_error {
	RTP_OK = 0,
	RTP_TOO_SHORT = -1,	/* shorter than the fixed header */
	RTP_BAD_VERSION = -2,	/* not version 2 */
	RTP_BAD_CSRC = -3,	/* the CSRC list runs past the end */
	RTP_BAD_EXTENSION = -4,	/* the extension runs past the end */
	RTP_BAD_PADDING = -5,	/* padding count 0 or past the payload */
};

/* Parse @size bytes at @data into @packet: RTP_OK or a negative reason. */
int rtp_parse(const uint8_t *data, size_t size, struct rtp_packet *packet);

/*
 * Write the 12-byte header of @packet (no CSRC, no extension, no padding)
 * followed by its payload into @out of @capacity bytes: the datagram's
 * size, or 0 if it does not fit.
 */
size_t rtp_build(const struct rtp_packet *packet, uint8_t *out, size_t capacity);

/* G.711 of one 8 kHz stream, by RTP payload type (PCMU or PCMA). */
void rtp_g711_encode(uint8_t payload_type, const int16_t *samples, uint8_t *out, size_t count);
void rtp_g711_decode(uint8_t payload_type, const uint8_t *in, int16_t *samples, size_t count);

#endif
