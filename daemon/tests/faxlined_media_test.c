// SPDX-License-Identifier: GPL-2.0
/*
 * faxlined_media_test: faxlined's media path without a network. RTP
 * headers built and parsed, and hostile datagrams (short, wrong version,
 * CSRC list, extension or padding beyond the end) refused; G.711 both laws
 * round trip; the jitter buffer keeps timing for packets in order,
 * reordered, lost, duplicated, late, from another SSRC and after a jump;
 * what faxlined takes from SIP (numbers, names, log text) is bounded and
 * cleaned; SIP responses give the documented causes. TAP.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/faxport.h>

#include "../faxlined/jitter.h"
#include "../faxlined/rtp.h"
#include "../faxlined/sip_text.h"
#include <tap.h>

#define FRAME 160

static void rtp_tests(void)
{
	uint8_t payload[FRAME], datagram[RTP_HEADER_SIZE + FRAME + 64];
	struct rtp_packet out = {
		.payload_type = RTP_PT_PCMA, .marker = 1, .sequence = 0xfffe,
		.timestamp = 0xdeadbeef, .ssrc = 0x01020304, .payload = payload,
		.payload_size = FRAME,
	};
	struct rtp_packet in;
	size_t size;

	for (int i = 0; i < FRAME; i++)
		payload[i] = (uint8_t)i;
	size = rtp_build(&out, datagram, sizeof(datagram));
	ok(size == RTP_HEADER_SIZE + FRAME && datagram[0] == 0x80 && datagram[1] == 0x88,
	   "rtp_build: version 2, marker, payload type");
	ok(rtp_parse(datagram, size, &in) == RTP_OK && in.payload_type == RTP_PT_PCMA &&
		   in.marker == 1 && in.sequence == 0xfffe && in.timestamp == 0xdeadbeef &&
		   in.ssrc == 0x01020304 && in.payload_size == FRAME &&
		   memcmp(in.payload, payload, FRAME) == 0,
	   "rtp_parse reads back what rtp_build wrote");
	ok(rtp_build(&out, datagram, RTP_HEADER_SIZE + FRAME - 1) == 0,
	   "rtp_build refuses a buffer too small");
	ok(rtp_parse(datagram, RTP_HEADER_SIZE - 1, &in) == RTP_TOO_SHORT &&
		   rtp_parse(datagram, 0, &in) == RTP_TOO_SHORT,
	   "short datagrams refused");
	ok(rtp_parse(datagram, RTP_HEADER_SIZE, &in) == RTP_OK && in.payload_size == 0,
	   "a header alone has an empty payload");

	datagram[0] = 0x40;
	ok(rtp_parse(datagram, size, &in) == RTP_BAD_VERSION, "version 1 refused");

	/* 15 CSRCs need 60 bytes after the header: give 59. */
	datagram[0] = 0x8f;
	ok(rtp_parse(datagram, RTP_HEADER_SIZE + 59, &in) == RTP_BAD_CSRC,
	   "a CSRC count beyond the datagram refused");
	ok(rtp_parse(datagram, RTP_HEADER_SIZE + 60, &in) == RTP_OK && in.payload_size == 0,
	   "15 CSRCs that fit are skipped");

	/* An extension of 0xffff words. */
	datagram[0] = 0x90;
	datagram[RTP_HEADER_SIZE + 2] = 0xff;
	datagram[RTP_HEADER_SIZE + 3] = 0xff;
	ok(rtp_parse(datagram, size, &in) == RTP_BAD_EXTENSION,
	   "an extension longer than the datagram refused");
	ok(rtp_parse(datagram, RTP_HEADER_SIZE + 3, &in) == RTP_BAD_EXTENSION,
	   "an extension header cut short refused");
	datagram[RTP_HEADER_SIZE + 2] = 0;
	datagram[RTP_HEADER_SIZE + 3] = 2;
	ok(rtp_parse(datagram, RTP_HEADER_SIZE + 12 + 5, &in) == RTP_OK && in.payload_size == 5 &&
		   in.payload == datagram + RTP_HEADER_SIZE + 12,
	   "a 2-word extension is skipped");

	datagram[0] = 0xa0;
	datagram[size - 1] = 0;
	ok(rtp_parse(datagram, size, &in) == RTP_BAD_PADDING, "padding count 0 refused");
	datagram[size - 1] = FRAME + 1;
	ok(rtp_parse(datagram, size, &in) == RTP_BAD_PADDING,
	   "padding longer than the payload refused");
	datagram[size - 1] = 4;
	ok(rtp_parse(datagram, size, &in) == RTP_OK && in.payload_size == FRAME - 4,
	   "4 bytes of padding are taken off");
	/* CSRCs and padding together: padding may not reach into the CSRCs. */
	datagram[0] = 0xa1;
	datagram[RTP_HEADER_SIZE + 7] = 5;
	ok(rtp_parse(datagram, RTP_HEADER_SIZE + 8, &in) == RTP_BAD_PADDING,
	   "padding reaching into the CSRC list refused");
}

static void g711_tests(void)
{
	int16_t in[FRAME], back[FRAME];
	uint8_t coded[FRAME];
	bool close_enough = true;

	for (int law = 0; law < 2; law++) {
		uint8_t type = law ? RTP_PT_PCMA : RTP_PT_PCMU;

		for (int i = 0; i < FRAME; i++)
			in[i] = (int16_t)((i - FRAME / 2) * 397);
		rtp_g711_encode(type, in, coded, FRAME);
		rtp_g711_decode(type, coded, back, FRAME);
		close_enough = true;
		for (int i = 0; i < FRAME; i++) {
			int error = abs(in[i] - back[i]);
			int magnitude = abs(in[i]);

			/* Logarithmic: the step is at most 1/16 of the magnitude + a bit. */
			if (error > magnitude / 16 + 16)
				close_enough = false;
		}
		ok(close_enough, law ? "A-law round trip within a step" : "µ-law round trip within a step");
		/* Decoding and encoding a code again gives the same code. */
		rtp_g711_encode(type, back, coded + 0, FRAME);
		{
			int16_t again[FRAME];

			rtp_g711_decode(type, coded, again, FRAME);
			ok(memcmp(again, back, sizeof(back)) == 0,
			   law ? "A-law codes are stable" : "µ-law codes are stable");
		}
	}
	/* The laws differ: the same samples do not give the same bytes. */
	{
		uint8_t a[FRAME], u[FRAME];

		rtp_g711_encode(RTP_PT_PCMA, in, a, FRAME);
		rtp_g711_encode(RTP_PT_PCMU, in, u, FRAME);
		ok(memcmp(a, u, FRAME) != 0, "PCMA and PCMU are different laws");
	}
}

/* A frame whose samples all say which frame it is. */
static void frame_of(int16_t *samples, int number)
{
	for (int i = 0; i < FRAME; i++)
		samples[i] = (int16_t)(1000 + number);
}

/* Did the played frame come from frame @number (or silence for -1)? */
static bool played(const int16_t *samples, int number)
{
	int16_t want = number < 0 ? 0 : (int16_t)(1000 + number);

	for (int i = 0; i < FRAME; i++)
		if (samples[i] != want)
			return false;
	return true;
}

static void jitter_tests(void)
{
	struct jitter_buffer *buffer = malloc(sizeof(*buffer));
	int16_t frame[FRAME], out[FRAME];
	const uint32_t ssrc = 42, base = 0xfffff000; /* wraps during the test */
	bool all;

	/* 60 ms: the first packet plays after 3 frames of silence. */
	jitter_init(buffer, 60);
	jitter_get(buffer, out, FRAME);
	ok(played(out, -1) && buffer->stats.samples_missing == 0,
	   "before the first packet: silence, nothing counted missing");
	for (int n = 0; n < 3; n++) {
		frame_of(frame, n);
		jitter_put(buffer, ssrc, base + (uint32_t)n * FRAME, frame, FRAME);
	}
	all = true;
	for (int n = 0; n < 3; n++) {
		jitter_get(buffer, out, FRAME);
		all = all && played(out, -1);
	}
	ok(all, "the fixed delay: three frames of silence first");
	all = true;
	for (int n = 0; n < 3; n++) {
		jitter_get(buffer, out, FRAME);
		all = all && played(out, n);
	}
	ok(all, "in order: frames play in order, across the timestamp wrap");

	/* Reordered: 4 before 3. */
	frame_of(frame, 4);
	jitter_put(buffer, ssrc, base + 4 * FRAME, frame, FRAME);
	frame_of(frame, 3);
	jitter_put(buffer, ssrc, base + 3 * FRAME, frame, FRAME);
	jitter_get(buffer, out, FRAME);
	all = played(out, 3);
	jitter_get(buffer, out, FRAME);
	ok(all && played(out, 4), "reordered packets play in timestamp order");

	/* Lost: 5 never comes, 6 does: silence keeps 6 in its place. */
	frame_of(frame, 6);
	jitter_put(buffer, ssrc, base + 6 * FRAME, frame, FRAME);
	jitter_get(buffer, out, FRAME);
	all = played(out, -1) && buffer->stats.samples_missing == FRAME;
	jitter_get(buffer, out, FRAME);
	ok(all && played(out, 6), "a lost packet plays as silence and timing is kept");

	/* Duplicate. */
	frame_of(frame, 7);
	jitter_put(buffer, ssrc, base + 7 * FRAME, frame, FRAME);
	ok(!jitter_put(buffer, ssrc, base + 7 * FRAME, frame, FRAME) &&
		   buffer->stats.duplicates == 1,
	   "a duplicate is counted and dropped");
	jitter_get(buffer, out, FRAME);
	ok(played(out, 7), "the duplicated frame plays once");

	/* Late: frame 2 again, long after its time. */
	frame_of(frame, 2);
	ok(!jitter_put(buffer, ssrc, base + 2 * FRAME, frame, FRAME) && buffer->stats.late == 1,
	   "a late packet is counted and dropped");

	/* Another SSRC cannot take the stream over. */
	frame_of(frame, 99);
	ok(!jitter_put(buffer, 43, base + 8 * FRAME, frame, FRAME) &&
		   buffer->stats.foreign_ssrc == 1,
	   "the first SSRC is latched: another is refused");
	jitter_get(buffer, out, FRAME);
	ok(played(out, -1), "the foreign packet did not play");

	/* One packet far away is refused; three in a row are a new timeline. */
	frame_of(frame, 50);
	ok(!jitter_put(buffer, ssrc, base + 1000000, frame, FRAME) &&
		   buffer->stats.out_of_window == 1 && buffer->stats.resyncs == 0,
	   "one packet far outside the window is refused");
	jitter_put(buffer, ssrc, base + 1000000 + FRAME, frame, FRAME);
	ok(jitter_put(buffer, ssrc, base + 1000000 + 2 * FRAME, frame, FRAME) &&
		   buffer->stats.resyncs == 1,
	   "three in a row: the buffer follows the new timeline");
	all = true;
	for (int n = 0; n < 3; n++) {
		jitter_get(buffer, out, FRAME);
		all = all && played(out, -1);
	}
	jitter_get(buffer, out, FRAME);
	ok(all && played(out, 50), "after a resync the fixed delay applies again");

	/* A packet that overlaps the playout point: its future part is kept. */
	jitter_init(buffer, 20);
	frame_of(frame, 1);
	jitter_put(buffer, ssrc, 0, frame, FRAME);
	jitter_get(buffer, out, FRAME / 2);
	frame_of(frame, 2);
	ok(jitter_put(buffer, ssrc, FRAME / 2 - FRAME, frame, FRAME), "a half-late packet keeps its future half");
	jitter_get(buffer, out, FRAME / 2);
	ok(out[0] == 1002 && out[FRAME / 2 - 1] == 1002, "and it plays");
	free(buffer);
}

static void text_tests(void)
{
	char number[FAXPORT_NUMBER_SIZE], name[FAXPORT_NAME_SIZE], log[24];
	char long_number[64];

	ok(sip_text_number("+1 (555) 010-0", number, sizeof(number)) &&
		   strcmp(number, "+15550100") == 0,
	   "a number: separators dropped");
	ok(!sip_text_number("alice", number, sizeof(number)) && number[0] == '\0',
	   "a user name is no number");
	ok(!sip_text_number("12+3", number, sizeof(number)), "'+' only at the start");
	memset(long_number, '1', sizeof(long_number) - 1);
	long_number[sizeof(long_number) - 1] = '\0';
	ok(!sip_text_number(long_number, number, sizeof(number)) && number[0] == '\0',
	   "a number too long for the kernel is unknown, not cut");
	ok(!sip_text_number(NULL, number, sizeof(number)), "no user part");
	ok(!sip_text_dial_string("9,W+1 (555) 010-0!", number, sizeof(number)) && !number[0],
	   "a dial string: '+' after other digits is no number");
	ok(sip_text_dial_string("T+1 (555) 010-0,,", number, sizeof(number)) &&
		   strcmp(number, "+15550100") == 0,
	   "a dial string: pauses, waits and separators dropped");
	ok(!sip_text_number("5550100,", number, sizeof(number)) &&
		   !sip_text_dial_string("555 x", number, sizeof(number)),
	   "pauses only in dial strings; other letters in neither");

	sip_text_name("Ann\x1b[2J \xe2\x80\xae" "Evil\xc2\x85 B\xff\xfe", name, sizeof(name));
	ok(strcmp(name, "Ann[2J Evil B") == 0, "a name: C0, bidi, C1, bad bytes dropped");
	sip_text_name("J\xc3\xb6rg \xe6\x97\xa5", name, sizeof(name));
	ok(strcmp(name, "J\xc3\xb6rg \xe6\x97\xa5") == 0, "a name: other UTF-8 kept");
	{
		char many[300];

		for (int i = 0; i < 100; i++)
			memcpy(many + 3 * i, "\xe6\x97\xa5", 3);
		many[299] = '\0';
		sip_text_name(many, name, sizeof(name));
		ok(strlen(name) == 63 && strlen(name) % 3 == 0,
		   "a long name is cut at a character boundary");
	}
	sip_text_name("\xc0\xaf\xed\xa0\x80", name, sizeof(name));
	ok(name[0] == '\0', "overlong and surrogate encodings dropped");

	sip_text_for_log("a\"b\\c\n\x1b", log, sizeof(log));
	ok(strcmp(log, "a\\x22b\\x5cc\\x0a\\x1b") == 0, "log text: quotes and controls escaped");
	sip_text_for_log("0123456789012345678901234567890", log, sizeof(log));
	ok(strlen(log) < sizeof(log) && strcmp(log + strlen(log) - 3, "...") == 0,
	   "log text: bounded, marked when cut");
}

static void cause_tests(void)
{
	ok(sip_cause_of_status(486) == FAXPORT_CAUSE_BUSY, "486: busy");
	ok(sip_cause_of_status(404) == FAXPORT_CAUSE_BAD_ADDRESS &&
		   sip_cause_of_status(484) == FAXPORT_CAUSE_BAD_ADDRESS,
	   "404, 484: bad address");
	ok(sip_cause_of_status(408) == FAXPORT_CAUSE_NO_ANSWER &&
		   sip_cause_of_status(480) == FAXPORT_CAUSE_NO_ANSWER,
	   "408, 480: no answer");
	ok(sip_cause_of_status(503) == FAXPORT_CAUSE_CONGESTION &&
		   sip_cause_of_status(500) == FAXPORT_CAUSE_CONGESTION,
	   "503, 5xx: congestion");
	ok(sip_cause_of_status(603) == FAXPORT_CAUSE_REJECTED, "603: rejected");
	ok(sip_cause_of_status(403) == FAXPORT_CAUSE_NETWORK &&
		   sip_cause_of_status(488) == FAXPORT_CAUSE_NETWORK,
	   "others: network");
}

int main(void)
{
	tap_plan(55);
	rtp_tests();
	g711_tests();
	jitter_tests();
	text_tests();
	cause_tests();
	return tap_finish();
}
