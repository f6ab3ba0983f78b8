// SPDX-License-Identifier: GPL-2.0
/* rtp: see rtp.h. G.711 itself is spandsp's (its inline A-law/µ-law tables). */
#include "rtp.h"

#include <string.h>

#include <spandsp.h>

static uint16_t read16(const uint8_t *p)
{
	return (uint16_t)((unsigned int)p[0] << 8 | p[1]);
}

static uint32_t read32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void write16(uint8_t *p, uint16_t value)
{
	p[0] = (uint8_t)(value >> 8);
	p[1] = (uint8_t)value;
}

static void write32(uint8_t *p, uint32_t value)
{
	p[0] = (uint8_t)(value >> 24);
	p[1] = (uint8_t)(value >> 16);
	p[2] = (uint8_t)(value >> 8);
	p[3] = (uint8_t)value;
}

int rtp_parse(const uint8_t *data, size_t size, struct rtp_packet *packet)
{
	size_t offset = RTP_HEADER_SIZE;
	size_t end = size;
	unsigned int csrc_count;

	if (size < RTP_HEADER_SIZE)
		return RTP_TOO_SHORT;
	if ((data[0] >> 6) != 2)
		return RTP_BAD_VERSION;
	csrc_count = data[0] & 0x0f;
	if (end - offset < 4u * csrc_count)
		return RTP_BAD_CSRC;
	offset += 4u * csrc_count;
	if (data[0] & 0x10) {
		size_t words;

		if (end - offset < 4)
			return RTP_BAD_EXTENSION;
		words = read16(data + offset + 2);
		if (end - offset - 4 < 4 * words)
			return RTP_BAD_EXTENSION;
		offset += 4 + 4 * words;
	}
	if (data[0] & 0x20) {
		uint8_t padding = data[size - 1];

		/* The count includes itself, so 0 is malformed. */
		if (padding == 0 || padding > end - offset)
			return RTP_BAD_PADDING;
		end -= padding;
	}
	packet->marker = data[1] >> 7;
	packet->payload_type = data[1] & 0x7f;
	packet->sequence = read16(data + 2);
	packet->timestamp = read32(data + 4);
	packet->ssrc = read32(data + 8);
	packet->payload = data + offset;
	packet->payload_size = end - offset;
	return RTP_OK;
}

size_t rtp_build(const struct rtp_packet *packet, uint8_t *out, size_t capacity)
{
	if (capacity < RTP_HEADER_SIZE || capacity - RTP_HEADER_SIZE < packet->payload_size)
		return 0;
	out[0] = 0x80;
	out[1] = (uint8_t)((packet->marker ? 0x80 : 0) | (packet->payload_type & 0x7f));
	write16(out + 2, packet->sequence);
	write32(out + 4, packet->timestamp);
	write32(out + 8, packet->ssrc);
	if (packet->payload_size)
		memcpy(out + RTP_HEADER_SIZE, packet->payload, packet->payload_size);
	return RTP_HEADER_SIZE + packet->payload_size;
}

void rtp_g711_encode(uint8_t payload_type, const int16_t *samples, uint8_t *out, size_t count)
{
	for (size_t i = 0; i < count; i++)
		out[i] = payload_type == RTP_PT_PCMA ? linear_to_alaw(samples[i])
						     : linear_to_ulaw(samples[i]);
}

void rtp_g711_decode(uint8_t payload_type, const uint8_t *in, int16_t *samples, size_t count)
{
	for (size_t i = 0; i < count; i++)
		samples[i] = payload_type == RTP_PT_PCMA ? alaw_to_linear(in[i])
							 : ulaw_to_linear(in[i]);
}
