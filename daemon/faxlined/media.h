/* SPDX-License-Identifier: GPL-2.0 */
/*
 * media: one call's G.711 stream. A UDP socket from the trunk's RTP range,
 * the jitter buffer, and the 20 ms step that makes faxlined the port's audio
 * clock: per step, 160 samples from the jitter buffer are written to the
 * provider fd (the engine reads them) and 160 samples read from it (what the
 * engine wrote, padded with silence when it wrote less) go out as one RTP
 * packet.
 */
#ifndef FAXLINED_MEDIA_H
#define FAXLINED_MEDIA_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "../engine/loop.h"
#include "jitter.h"

#define MEDIA_FRAME_SAMPLES 160	/* 20 ms at 8 kHz: ptime 20 */
#define MEDIA_FRAME_MS 20

struct media {
	struct faxd_watch watch;	/* the RTP socket */
	uint16_t local_port;
	struct sockaddr_in remote;	/* from the far end's SDP */
	bool running;			/* remote known and audio flowing */
	uint8_t payload_type;
	int provider_fd;
	/* Sending */
	uint16_t sequence;
	uint32_t timestamp;
	uint32_t ssrc;
	/* The clock: frames done since start. */
	struct timespec start;
	uint64_t frames;
	/* Counters for the call's log line. */
	uint64_t packets_sent, packets_received, packets_refused;
	struct jitter_buffer jitter;
};

/*
 * Bind a UDP socket on @address (dotted IPv4) at an even port of
 * [@port_min, @port_max] and watch it in @loop. 0, or a negative errno.
 */
int media_open(struct media *media, struct faxd_loop *loop, const char *address,
	       uint16_t port_min, uint16_t port_max, unsigned int jitter_ms);

/* Start the clock: audio to @remote with @payload_type, the port's @provider_fd. */
void media_start(struct media *media, const struct sockaddr_in *remote, uint8_t payload_type,
		 int provider_fd);

/*
 * Run the steps that are due. Returns 0, or -ENOTCONN when the kernel says
 * the call is over (the provider fd refused the audio).
 */
int media_tick(struct media *media);

/* Unwatch and close the socket. */
void media_close(struct media *media, struct faxd_loop *loop);

#endif
