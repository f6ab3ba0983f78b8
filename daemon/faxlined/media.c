// SPDX-License-Identifier: GPL-2.0
/* media: see media.h. */
#define FAXD_LOG_CATEGORY FAXD_LOG_UNKNOWN
#include "media.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../engine/log.h"
#include "rtp.h"

/* Datagrams larger than this are not G.711 at ptime 20 (or anything sane). */
#define MEDIA_DATAGRAM_MAX 1500
/* Packets read per wake-up, so one stream cannot starve the loop. */
#define MEDIA_READS_PER_WAKEUP 32
/* Past this many frames behind, the clock skips instead of bursting. */
#define MEDIA_MAX_CATCH_UP 10

static void media_readable(struct faxd_watch *watch, uint32_t events)
{
	struct media *media = faxd_container_of(watch, struct media, watch);
	uint8_t datagram[MEDIA_DATAGRAM_MAX];
	int16_t samples[MEDIA_DATAGRAM_MAX];

	(void)events;
	for (int i = 0; i < MEDIA_READS_PER_WAKEUP; i++) {
		struct sockaddr_in from;
		socklen_t from_size = sizeof(from);
		struct rtp_packet packet;
		ssize_t size = recvfrom(watch->fd, datagram, sizeof(datagram), MSG_TRUNC,
					(struct sockaddr *)&from, &from_size);

		if (size < 0)
			return;
		media->packets_received++;
		/*
		 * Only the address the far end's SDP named may send (any port:
		 * some gateways send from another port than they receive on),
		 * and only the negotiated codec; the rest is counted and dropped.
		 */
		if (!media->running || from_size != sizeof(from) || from.sin_family != AF_INET ||
		    from.sin_addr.s_addr != media->remote.sin_addr.s_addr ||
		    (size_t)size > sizeof(datagram) ||
		    rtp_parse(datagram, (size_t)size, &packet) != RTP_OK ||
		    packet.payload_type != media->payload_type) {
			media->packets_refused++;
			continue;
		}
		rtp_g711_decode(packet.payload_type, packet.payload, samples, packet.payload_size);
		jitter_put(&media->jitter, packet.ssrc, packet.timestamp, samples,
			   packet.payload_size);
	}
}

int media_open(struct media *media, struct faxd_loop *loop, const char *address,
	       uint16_t port_min, uint16_t port_max, unsigned int jitter_ms)
{
	struct sockaddr_in local = { .sin_family = AF_INET };
	unsigned int span, first, random_value = 0;
	int fd, error = -EADDRINUSE;

	memset(media, 0, sizeof(*media));
	media->watch.fd = -1;
	media->provider_fd = -1;
	jitter_init(&media->jitter, jitter_ms);
	if (inet_pton(AF_INET, address, &local.sin_addr) != 1)
		return -EINVAL;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* Even ports only (RTCP would take the odd one), from a random start. */
	port_min = (uint16_t)((port_min + 1) & ~1u);
	span = port_max >= port_min ? (unsigned int)(port_max - port_min) / 2 + 1 : 0;
	if (getrandom(&random_value, sizeof(random_value), 0) != sizeof(random_value))
		random_value = (unsigned int)getpid();
	first = span ? random_value % span : 0;
	for (unsigned int i = 0; i < span; i++) {
		uint16_t port = (uint16_t)(port_min + 2 * ((first + i) % span));

		local.sin_port = htons(port);
		if (bind(fd, (struct sockaddr *)&local, sizeof(local)) == 0) {
			media->local_port = port;
			error = 0;
			break;
		}
		if (errno != EADDRINUSE) {
			error = -errno;
			break;
		}
	}
	if (error) {
		close(fd);
		return error;
	}
	if (getrandom(&media->ssrc, sizeof(media->ssrc), 0) != sizeof(media->ssrc) ||
	    getrandom(&media->sequence, sizeof(media->sequence), 0) != sizeof(media->sequence) ||
	    getrandom(&media->timestamp, sizeof(media->timestamp), 0) !=
		    sizeof(media->timestamp)) {
		close(fd);
		return -EIO;
	}
	media->watch.fd = fd;
	media->watch.events = EPOLLIN;
	media->watch.handle = media_readable;
	if (faxd_loop_watch(loop, &media->watch) < 0) {
		error = -errno;
		close(fd);
		media->watch.fd = -1;
		return error;
	}
	return 0;
}

void media_start(struct media *media, const struct sockaddr_in *remote, uint8_t payload_type,
		 int provider_fd)
{
	media->remote = *remote;
	media->payload_type = payload_type;
	media->provider_fd = provider_fd;
	media->running = true;
	media->frames = 0;
	clock_gettime(CLOCK_MONOTONIC, &media->start);
}

static int media_step(struct media *media)
{
	int16_t samples[MEDIA_FRAME_SAMPLES];
	uint8_t payload[MEDIA_FRAME_SAMPLES];
	uint8_t datagram[RTP_HEADER_SIZE + MEDIA_FRAME_SAMPLES];
	struct rtp_packet packet = {
		.payload_type = media->payload_type,
		.payload = payload,
		.payload_size = sizeof(payload),
	};
	size_t size;
	ssize_t done;

	/* Far end -> engine. write() never waits; a full FIFO drops its oldest. */
	jitter_get(&media->jitter, samples, MEDIA_FRAME_SAMPLES);
	done = write(media->provider_fd, samples, sizeof(samples));
	if (done < 0 && (errno == ENOTCONN || errno == ENODEV))
		return -ENOTCONN;
	/* Engine -> far end: what it wrote, silence for the rest. */
	memset(samples, 0, sizeof(samples));
	done = read(media->provider_fd, samples, sizeof(samples));
	if (done < 0 && (errno == ENOTCONN || errno == ENODEV))
		return -ENOTCONN;
	rtp_g711_encode(media->payload_type, samples, payload, MEDIA_FRAME_SAMPLES);
	packet.sequence = media->sequence++;
	packet.timestamp = media->timestamp;
	packet.ssrc = media->ssrc;
	packet.marker = media->frames == 0;
	media->timestamp += MEDIA_FRAME_SAMPLES;
	size = rtp_build(&packet, datagram, sizeof(datagram));
	if (sendto(media->watch.fd, datagram, size, 0, (const struct sockaddr *)&media->remote,
		   sizeof(media->remote)) == (ssize_t)size)
		media->packets_sent++;
	return 0;
}

int media_tick(struct media *media)
{
	struct timespec now;
	uint64_t elapsed_ms, due;

	if (!media->running)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed_ms = (uint64_t)(now.tv_sec - media->start.tv_sec) * 1000 +
		     (uint64_t)((now.tv_nsec - media->start.tv_nsec) / 1000000);
	due = elapsed_ms / MEDIA_FRAME_MS + 1;
	if (due > media->frames + MEDIA_MAX_CATCH_UP) {
		/* The process was stopped: skip the lost time, do not burst it. */
		log_warning("audio clock late by %llu frames: skipped",
			    (unsigned long long)(due - media->frames));
		media->timestamp += (uint32_t)((due - media->frames - 1) * MEDIA_FRAME_SAMPLES);
		media->frames = due - 1;
	}
	while (media->frames < due) {
		int error = media_step(media);

		if (error)
			return error;
		media->frames++;
	}
	return 0;
}

void media_close(struct media *media, struct faxd_loop *loop)
{
	if (media->watch.fd < 0)
		return;
	faxd_loop_unwatch(loop, &media->watch);
	close(media->watch.fd);
	media->watch.fd = -1;
	media->running = false;
}
