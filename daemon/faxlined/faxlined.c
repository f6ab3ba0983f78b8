// SPDX-License-Identifier: GPL-2.0
/*
 * faxlined: the SIP line provider. For each [port] of lines.conf it attaches
 * to a kernel user-line port as its line provider and carries the port's
 * calls over the port's SIP trunk: the kernel's DIAL becomes an INVITE, an
 * INVITE to a DID rings the port its rules pick, and while a call is up the
 * port's audio travels as G.711 over RTP, faxlined being the audio clock.
 *
 * One thread, one epoll loop (engine/loop): the provider fds, the RTP
 * sockets, signals, and a 20 ms tick that paces the audio and lets
 * sofia-sip's own loop (su_root) take one non-blocking step, so SIP is
 * handled within a tick of its arrival without a second thread.
 */
#define FAXD_LOG_CATEGORY FAXD_LOG_INIT
#include "faxlined.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sdp.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_log.h>

#include "../engine/log.h"
#include "faxport_client.h"
#include "rtp.h"
#include "sip_text.h"

#define TICK_MS MEDIA_FRAME_MS
/* Log copies of remote strings: bounded, escaped. */
#define LOG_TEXT_SIZE 80
/* Our SDP bodies are short; the bound is for the snprintf checks. */
#define SDP_SIZE 512
/* How long a stop waits for BYEs and sofia's shutdown. */
#define SHUTDOWN_WAIT_MS 2000

static void call_free(struct sip_call *call, struct faxlined *daemon);

/* --- kernel side: reports -------------------------------------------------- */

static int report(struct faxlined_port *port, unsigned long request, void *argument,
		  const char *what)
{
	int error = faxport_ioctl(port->watch.fd, request, argument);

	/* ESRCH: the engine ended the call at the same time; not ours to fix. */
	if (error && error != -ESRCH)
		log_warning("port %u: %s refused: %s", port->device_id, what, strerror(-error));
	return error;
}

static void report_call(struct faxlined_port *port, unsigned long request, uint32_t call_id,
			unsigned int cause, const char *what)
{
	struct faxport_provider_call call = { .call_id = call_id, .cause = cause };

	report(port, request, &call, what);
}

/* The kernel's side of @call is over: the port may carry another call. */
static void detach_from_port(struct sip_call *call)
{
	if (call->port && call->port->call == call)
		call->port->call = NULL;
	call->port = NULL;
}

static void stop_media(struct sip_call *call, struct faxlined *daemon)
{
	if (!call->media_open)
		return;
	log_info("call %u: RTP sent %llu, received %llu, refused %llu; jitter buffer: "
		 "%llu in, %llu late, %llu duplicate, %llu foreign SSRC, %llu resyncs, "
		 "%llu of %llu samples missing",
		 call->call_id, (unsigned long long)call->media.packets_sent,
		 (unsigned long long)call->media.packets_received,
		 (unsigned long long)call->media.packets_refused,
		 (unsigned long long)call->media.jitter.stats.packets,
		 (unsigned long long)call->media.jitter.stats.late,
		 (unsigned long long)call->media.jitter.stats.duplicates,
		 (unsigned long long)call->media.jitter.stats.foreign_ssrc,
		 (unsigned long long)call->media.jitter.stats.resyncs,
		 (unsigned long long)call->media.jitter.stats.samples_missing,
		 (unsigned long long)call->media.jitter.stats.samples_played);
	media_close(&call->media, daemon->loop);
	call->media_open = false;
}

/* --- SDP --------------------------------------------------------------------- */

static int build_sdp(const struct sip_call *call, const uint8_t *codecs, unsigned int count,
		     char *out, size_t size)
{
	const char *address = call->trunk->conf->local_address;
	int length = snprintf(out, size,
			      "v=0\r\no=faxlined %u 1 IN IP4 %s\r\ns=fax\r\nc=IN IP4 %s\r\n"
			      "t=0 0\r\nm=audio %u RTP/AVP",
			      call->call_id, address, address, call->media.local_port);

	for (unsigned int i = 0; i < count && length > 0 && (size_t)length < size; i++)
		length += snprintf(out + length, size - (size_t)length, " %u", codecs[i]);
	for (unsigned int i = 0; i < count && length > 0 && (size_t)length < size; i++)
		length += snprintf(out + length, size - (size_t)length, "\r\na=rtpmap:%u %s/8000",
				   codecs[i], codecs[i] == RTP_PT_PCMA ? "PCMA" : "PCMU");
	if (length > 0 && (size_t)length < size)
		length += snprintf(out + length, size - (size_t)length,
				   "\r\na=ptime:20\r\na=sendrecv\r\n");
	return length > 0 && (size_t)length < size ? 0 : -ENOSPC;
}

/*
 * Read the far end's SDP (@body, from a hostile message) into @call: its
 * IPv4 media address and port, and the first of @preference it lists on an
 * active RTP/AVP audio stream. 0, or -EPROTO with the reason logged.
 */
static int read_remote_sdp(struct sip_call *call, const char *body, size_t size,
			   const uint8_t *preference, unsigned int count)
{
	su_home_t home[1] = { SU_HOME_INIT(home) };
	sdp_parser_t *parser;
	sdp_session_t *session;
	const char *reason = NULL;
	int error = -EPROTO;

	if (!body || size == 0) {
		log_warning("call %u: no SDP from the far end", call->call_id);
		return -EPROTO;
	}
	parser = sdp_parse(home, body, (issize_t)size, sdp_f_strict);
	session = sdp_session(parser);
	if (!session) {
		reason = "SDP does not parse";
		goto out;
	}
	reason = "no audio stream with PCMU or PCMA";
	for (const sdp_media_t *media = session->sdp_media; media; media = media->m_next) {
		const sdp_connection_t *connection =
			media->m_connections ? media->m_connections : session->sdp_connection;
		struct in_addr address;

		if (media->m_type != sdp_media_audio || media->m_proto != sdp_proto_rtp ||
		    media->m_rejected || media->m_port == 0 || media->m_port > 65535)
			continue;
		if (!connection || connection->c_addrtype != sdp_addr_ip4 ||
		    !connection->c_address ||
		    inet_pton(AF_INET, connection->c_address, &address) != 1) {
			reason = "the audio stream has no IPv4 address";
			continue;
		}
		for (unsigned int i = 0; i < count && error; i++) {
			for (const sdp_rtpmap_t *map = media->m_rtpmaps; map; map = map->rm_next) {
				if (map->rm_pt == preference[i] && map->rm_rate == 8000) {
					call->payload_type = preference[i];
					error = 0;
					break;
				}
			}
		}
		if (!error) {
			call->remote.sin_family = AF_INET;
			call->remote.sin_addr = address;
			call->remote.sin_port = htons((uint16_t)media->m_port);
			break;
		}
	}
out:
	if (error)
		log_warning("call %u: far end's SDP refused: %s", call->call_id, reason);
	sdp_parser_free(parser);
	su_home_deinit(home);
	return error;
}

static void start_media(struct sip_call *call)
{
	media_start(&call->media, &call->remote, call->payload_type, call->port->watch.fd);
	log_info("call %u: connected, %s, RTP to %s:%u from port %u", call->call_id,
		 call->payload_type == RTP_PT_PCMA ? "PCMA" : "PCMU",
		 inet_ntoa(call->remote.sin_addr), ntohs(call->remote.sin_port),
		 call->media.local_port);
}

/* --- kernel side: events --------------------------------------------------- */

static struct sip_call *call_new(struct faxlined_port *port, uint32_t call_id)
{
	struct sip_call *call = calloc(1, sizeof(*call));
	const struct lines_trunk *trunk = port->trunk->conf;
	int error;

	if (!call)
		return NULL;
	call->port = port;
	call->trunk = port->trunk;
	call->call_id = call_id;
	error = media_open(&call->media, port->daemon->loop, trunk->local_address,
			   trunk->rtp_port_min, trunk->rtp_port_max, trunk->jitter_ms);
	if (error) {
		log_error("port %u: no RTP port in %u-%u: %s", port->device_id,
			  trunk->rtp_port_min, trunk->rtp_port_max, strerror(-error));
		free(call);
		return NULL;
	}
	call->media_open = true;
	return call;
}

static void dial(struct faxlined_port *port, const struct faxport_provider_event *event)
{
	const struct lines_trunk *trunk = port->trunk->conf;
	char number[FAXPORT_NUMBER_SIZE], to[FAXPORT_NUMBER_SIZE + LINES_CONF_HOST_SIZE + 16];
	char from[FAXPORT_NUMBER_SIZE + 32], sdp[SDP_SIZE];
	struct sip_call *call;

	/* The kernel checked the dial string; checked again, it goes into a URI. */
	if (port->call || !sip_text_dial_string(event->number, number, sizeof(number))) {
		log_warning("port %u: cannot dial call %u (%s)", port->device_id, event->call_id,
			    port->call ? "a call is in progress" : "not a number");
		report_call(port, FAXPORT_IOC_PROVIDER_FAILED, event->call_id,
			    port->call ? FAXPORT_CAUSE_NETWORK : FAXPORT_CAUSE_BAD_ADDRESS, "FAILED");
		return;
	}
	call = call_new(port, event->call_id);
	if (!call) {
		report_call(port, FAXPORT_IOC_PROVIDER_FAILED, event->call_id,
			    FAXPORT_CAUSE_NETWORK, "FAILED");
		return;
	}
	call->outgoing = true;
	call->state = CALL_DIALING;
	snprintf(to, sizeof(to), "sip:%s@%s:%u", number, trunk->peer_host, trunk->peer_port);
	snprintf(from, sizeof(from), "sip:%s@%s", port->conf->number[0] ? port->conf->number
									 : "faxlined",
		 trunk->local_address);
	if (build_sdp(call, trunk->codecs, trunk->codec_count, sdp, sizeof(sdp)) != 0) {
		report_call(port, FAXPORT_IOC_PROVIDER_FAILED, event->call_id,
			    FAXPORT_CAUSE_NETWORK, "FAILED");
		call_free(call, port->daemon);
		return;
	}
	call->handle = nua_handle(port->trunk->nua, call, SIPTAG_TO_STR(to),
				  SIPTAG_FROM_STR(from), TAG_END());
	if (!call->handle) {
		report_call(port, FAXPORT_IOC_PROVIDER_FAILED, event->call_id,
			    FAXPORT_CAUSE_NETWORK, "FAILED");
		call_free(call, port->daemon);
		return;
	}
	port->call = call;
	clock_gettime(CLOCK_MONOTONIC, &call->answer_deadline);
	call->answer_deadline.tv_sec += trunk->answer_timeout_s;
	log_info("port %u: call %u: INVITE %s", port->device_id, call->call_id, to);
	nua_invite(call->handle, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		   SIPTAG_PAYLOAD_STR(sdp), TAG_END());
}

static void answer(struct faxlined_port *port, struct sip_call *call)
{
	char sdp[SDP_SIZE];

	if (build_sdp(call, &call->payload_type, 1, sdp, sizeof(sdp)) != 0) {
		nua_respond(call->handle, SIP_500_INTERNAL_SERVER_ERROR, TAG_END());
		call->state = CALL_ENDING;
		report_call(port, FAXPORT_IOC_PROVIDER_HANGUP, call->call_id, 0, "HANGUP");
		detach_from_port(call);
		stop_media(call, port->daemon);
		return;
	}
	nua_respond(call->handle, SIP_200_OK, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		    SIPTAG_PAYLOAD_STR(sdp), TAG_END());
	call->state = CALL_CONNECTED;
	start_media(call);
}

/* The engine hung up or gave up: end the SIP side. */
static void end_call(struct faxlined_port *port, struct sip_call *call, unsigned int cause)
{
	switch (call->state) {
	case CALL_DIALING:
		log_info("port %u: call %u: CANCEL", port->device_id, call->call_id);
		nua_cancel(call->handle, TAG_END());
		break;
	case CALL_RINGING:
		if (cause == FAXPORT_CAUSE_NO_ANSWER)
			nua_respond(call->handle, SIP_480_TEMPORARILY_UNAVAILABLE, TAG_END());
		else
			nua_respond(call->handle, SIP_603_DECLINE, TAG_END());
		break;
	case CALL_CONNECTED:
		log_info("port %u: call %u: BYE", port->device_id, call->call_id);
		nua_bye(call->handle, TAG_END());
		break;
	case CALL_ENDING:
		break;
	}
	call->state = CALL_ENDING;
	detach_from_port(call);
	stop_media(call, port->daemon);
}

static void provider_event(struct faxlined_port *port, const struct faxport_provider_event *event)
{
	struct sip_call *call = port->call;

	if (port->last_seq && event->seq != port->last_seq + 1)
		log_warning("port %u: %u provider events lost", port->device_id,
			    event->seq - port->last_seq - 1);
	port->last_seq = event->seq;
	if (event->type == FAXPORT_PROVIDER_EV_DIAL) {
		dial(port, event);
		return;
	}
	if (!call || call->call_id != event->call_id) {
		log_debug("port %u: event %u for call %u, which is over", port->device_id,
			  event->type, event->call_id);
		return;
	}
	switch (event->type) {
	case FAXPORT_PROVIDER_EV_ANSWER:
		if (call->state == CALL_RINGING)
			answer(port, call);
		break;
	case FAXPORT_PROVIDER_EV_HANGUP:
	case FAXPORT_PROVIDER_EV_ABORT:
		end_call(port, call, event->cause);
		break;
	default:
		log_warning("port %u: unknown provider event %u", port->device_id, event->type);
	}
}

static void port_readable(struct faxd_watch *watch, uint32_t events)
{
	struct faxlined_port *port = faxd_container_of(watch, struct faxlined_port, watch);
	struct faxport_provider_event event;

	if (events & (EPOLLHUP | EPOLLERR)) {
		log_error("port %u: removed: it no longer has a line here", port->device_id);
		if (port->call)
			end_call(port, port->call, 0);
		faxd_loop_unwatch(port->daemon->loop, watch);
		port->dead = true;
		return;
	}
	for (int i = 0; i < 64; i++) {
		int error = faxport_ioctl(watch->fd, FAXPORT_IOC_PROVIDER_EVENT, &event);

		if (error) {
			if (error != -EAGAIN)
				log_error("port %u: PROVIDER_EVENT: %s", port->device_id,
					  strerror(-error));
			return;
		}
		provider_event(port, &event);
	}
}

/* --- SIP side -------------------------------------------------------------- */

static struct faxlined_port *port_for_did(struct faxlined_trunk *trunk, const char *did,
					  bool *matched)
{
	struct faxlined *daemon = trunk->daemon;

	*matched = false;
	for (unsigned int i = 0; i < daemon->port_count; i++) {
		struct faxlined_port *port = &daemon->ports[i];

		if (port->trunk != trunk || port->dead)
			continue;
		for (unsigned int j = 0; j < port->conf->did_count; j++) {
			if (!lines_did_matches(port->conf->dids[j], did))
				continue;
			*matched = true;
			if (!port->call)
				return port;
		}
	}
	return NULL;
}

/* A display name as the header has it, quotes taken off. */
static void display_name(const char *display, char *out, size_t size)
{
	char unquoted[FAXPORT_NAME_SIZE * 4];
	size_t length;

	if (!display) {
		out[0] = '\0';
		return;
	}
	length = strnlen(display, sizeof(unquoted) - 1);
	if (length >= 1 && display[0] == '"') {
		display++;
		length--;
		if (length >= 1 && display[length - 1] == '"')
			length--;
	}
	memcpy(unquoted, display, length);
	unquoted[length] = '\0';
	sip_text_name(unquoted, out, size);
}

static void incoming_invite(struct faxlined_trunk *trunk, nua_handle_t *handle, const sip_t *sip)
{
	struct faxport_provider_ring ring = { 0 };
	char log_did[LOG_TEXT_SIZE], log_caller[LOG_TEXT_SIZE];
	const char *did_text = sip && sip->sip_request ? sip->sip_request->rq_url->url_user : NULL;
	struct faxlined_port *port;
	struct sip_call *call;
	bool matched;
	int error;

	sip_text_for_log(did_text, log_did, sizeof(log_did));
	sip_text_for_log(sip && sip->sip_from ? sip->sip_from->a_url->url_user : NULL, log_caller,
			 sizeof(log_caller));
	if (!sip_text_number(did_text, ring.called_number, sizeof(ring.called_number))) {
		log_notice("trunk %s: INVITE to \"%s\" from \"%s\": not a number: 404",
			   trunk->conf->name, log_did, log_caller);
		nua_respond(handle, SIP_404_NOT_FOUND, TAG_END());
		nua_handle_destroy(handle);
		return;
	}
	port = port_for_did(trunk, ring.called_number, &matched);
	if (!port) {
		log_notice("trunk %s: INVITE to %s from \"%s\": %s", trunk->conf->name,
			   ring.called_number, log_caller,
			   matched ? "every port busy: 486" : "no port has this DID: 404");
		if (matched)
			nua_respond(handle, SIP_486_BUSY_HERE, TAG_END());
		else
			nua_respond(handle, SIP_404_NOT_FOUND, TAG_END());
		nua_handle_destroy(handle);
		return;
	}
	if (sip->sip_from) {
		sip_text_number(sip->sip_from->a_url->url_user, ring.caller_number,
				sizeof(ring.caller_number));
		display_name(sip->sip_from->a_display, ring.caller_name, sizeof(ring.caller_name));
	}
	call = call_new(port, 0);
	if (!call) {
		nua_respond(handle, SIP_503_SERVICE_UNAVAILABLE, TAG_END());
		nua_handle_destroy(handle);
		return;
	}
	if (read_remote_sdp(call, sip->sip_payload ? sip->sip_payload->pl_data : NULL,
			    sip->sip_payload ? sip->sip_payload->pl_len : 0, trunk->conf->codecs,
			    trunk->conf->codec_count) != 0) {
		nua_respond(handle, SIP_488_NOT_ACCEPTABLE, TAG_END());
		nua_handle_destroy(handle);
		call_free(call, trunk->daemon);
		return;
	}
	error = faxport_ioctl(port->watch.fd, FAXPORT_IOC_PROVIDER_RING, &ring);
	if (error) {
		log_notice("port %u: cannot ring it: %s", port->device_id, strerror(-error));
		if (error == -EBUSY)
			nua_respond(handle, SIP_486_BUSY_HERE, TAG_END());
		else
			nua_respond(handle, SIP_480_TEMPORARILY_UNAVAILABLE, TAG_END());
		nua_handle_destroy(handle);
		call_free(call, trunk->daemon);
		return;
	}
	call->call_id = ring.call_id;
	call->handle = handle;
	call->state = CALL_RINGING;
	nua_handle_bind(handle, call);
	port->call = call;
	log_info("port %u: call %u: INVITE to %s from %s, ringing", port->device_id,
		 call->call_id, ring.called_number,
		 ring.caller_number[0] ? ring.caller_number : "(unknown)");
	nua_respond(handle, SIP_180_RINGING, TAG_END());
}

static void invite_response(struct sip_call *call, int status, const sip_t *sip)
{
	struct faxlined_port *port = call->port;

	if (!port || call->state != CALL_DIALING)
		return;
	if (status == 180 || status == 183) {
		struct faxport_provider_progress progress = {
			.call_id = call->call_id,
			.progress = status == 180 ? FAXPORT_PROGRESS_RINGING
						  : FAXPORT_PROGRESS_PROCEEDING,
		};

		report(port, FAXPORT_IOC_PROVIDER_PROGRESS, &progress, "PROGRESS");
		return;
	}
	if (status < 200)
		return;
	if (status < 300) {
		const struct lines_trunk *trunk = call->trunk->conf;

		if (read_remote_sdp(call, sip && sip->sip_payload ? sip->sip_payload->pl_data : NULL,
				    sip && sip->sip_payload ? sip->sip_payload->pl_len : 0,
				    trunk->codecs, trunk->codec_count) != 0) {
			nua_bye(call->handle, TAG_END());
			call->state = CALL_ENDING;
			report_call(port, FAXPORT_IOC_PROVIDER_FAILED, call->call_id,
				    FAXPORT_CAUSE_NETWORK, "FAILED");
			detach_from_port(call);
			stop_media(call, port->daemon);
			return;
		}
		call->state = CALL_CONNECTED;
		report_call(port, FAXPORT_IOC_PROVIDER_ANSWERED, call->call_id, 0, "ANSWERED");
		start_media(call);
		return;
	}
	log_info("port %u: call %u: %d, cause %u", port->device_id, call->call_id, status,
		 sip_cause_of_status(status));
	call->state = CALL_ENDING;
	report_call(port, FAXPORT_IOC_PROVIDER_FAILED, call->call_id, sip_cause_of_status(status),
		    "FAILED");
	detach_from_port(call);
	stop_media(call, port->daemon);
}

/* The far end ended the call (BYE, CANCEL) or the dialog died. */
static void remote_ended(struct sip_call *call, const char *how)
{
	struct faxlined_port *port = call->port;

	if (!port)
		return;
	log_info("port %u: call %u: %s", port->device_id, call->call_id, how);
	if (call->state == CALL_DIALING)
		report_call(port, FAXPORT_IOC_PROVIDER_FAILED, call->call_id,
			    FAXPORT_CAUSE_NETWORK, "FAILED");
	else
		report_call(port, FAXPORT_IOC_PROVIDER_HANGUP, call->call_id, 0, "HANGUP");
	call->state = CALL_ENDING;
	detach_from_port(call);
	stop_media(call, port->daemon);
}

static void sip_event(nua_event_t event, int status, char const *phrase, nua_t *nua,
		      struct faxlined_trunk *trunk, nua_handle_t *handle, struct sip_call *call,
		      sip_t const *sip, tagi_t tags[])
{
	int state = nua_callstate_init;

	(void)phrase;
	(void)nua;
	switch (event) {
	case nua_i_invite:
		if (call) {
			/* A re-INVITE: media stays as it is (no T.38 yet). */
			nua_respond(handle, SIP_488_NOT_ACCEPTABLE, TAG_END());
			return;
		}
		if (trunk->daemon->stopping) {
			nua_respond(handle, SIP_503_SERVICE_UNAVAILABLE, TAG_END());
			nua_handle_destroy(handle);
			return;
		}
		incoming_invite(trunk, handle, sip);
		return;
	case nua_r_invite:
		if (call)
			invite_response(call, status, sip);
		return;
	case nua_i_cancel:
		if (call)
			remote_ended(call, "CANCEL from the far end");
		return;
	case nua_i_bye:
		if (call)
			remote_ended(call, "BYE from the far end");
		return;
	case nua_i_state:
		tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
		if (state == nua_callstate_terminated && call) {
			if (call->port)
				remote_ended(call, "the dialog ended");
			call_free(call, trunk->daemon);
		}
		return;
	case nua_r_shutdown:
		if (status >= 200)
			trunk->shut_down = true;
		return;
	default:
		/* Requests outside a call (OPTIONS, MESSAGE ...): nua answers them. */
		return;
	}
}

static void call_free(struct sip_call *call, struct faxlined *daemon)
{
	detach_from_port(call);
	stop_media(call, daemon);
	if (call->handle) {
		nua_handle_bind(call->handle, NULL);
		nua_handle_destroy(call->handle);
	}
	free(call);
}

/* --- the clock ------------------------------------------------------------- */

static void on_tick(struct faxd_watch *watch)
{
	struct faxlined *daemon = faxd_container_of(watch, struct faxlined, tick);
	struct timespec now;

	/* sofia's timers and sockets: one step, never waiting. */
	su_root_step(daemon->root, 0);
	clock_gettime(CLOCK_MONOTONIC, &now);
	for (unsigned int i = 0; i < daemon->port_count; i++) {
		struct faxlined_port *port = &daemon->ports[i];
		struct sip_call *call = port->call;

		if (!call)
			continue;
		if (call->state == CALL_DIALING &&
		    (now.tv_sec > call->answer_deadline.tv_sec ||
		     (now.tv_sec == call->answer_deadline.tv_sec &&
		      now.tv_nsec >= call->answer_deadline.tv_nsec))) {
			log_info("port %u: call %u: no answer in %u s", port->device_id,
				 call->call_id, call->trunk->conf->answer_timeout_s);
			report_call(port, FAXPORT_IOC_PROVIDER_FAILED, call->call_id,
				    FAXPORT_CAUSE_NO_ANSWER, "FAILED");
			end_call(port, call, 0);
			continue;
		}
		if (call->state == CALL_CONNECTED && media_tick(&call->media) == -ENOTCONN) {
			/* The kernel ended it; its HANGUP event follows and ends SIP. */
			log_debug("port %u: call %u: audio refused, the call is over",
				  port->device_id, call->call_id);
			call->media.running = false;
		}
	}
}

static void on_signal(struct faxd_watch *watch, int signal_number)
{
	struct faxlined *daemon = faxd_container_of(watch, struct faxlined, signals);

	if (signal_number == SIGHUP) {
		log_notice("SIGHUP: reloading lines.conf is not supported yet; restart to apply");
		return;
	}
	log_notice("%s: stopping", strsignal(signal_number));
	daemon->stopping = true;
}

/* --- set-up ---------------------------------------------------------------- */

/* The user-line port with @number, made if none has it: its DeviceId or -errno. */
static int64_t find_or_make_port(const struct lines_port *conf)
{
	struct faxport_port_info *infos = NULL;
	struct faxport_port_add add = { .flags = FAXPORT_PORT_ADD_USER_LINE };
	uint32_t count = 0;
	int server = faxport_open_server();
	int error;

	if (server < 0)
		return server;
	error = faxport_list(server, FAXPORT_IOC_PORT_LIST, sizeof(*infos), 16,
			     FAXPORT_PORTS_MAX, (void **)&infos, &count);
	if (error) {
		close(server);
		return error;
	}
	for (uint32_t i = 0; i < count; i++) {
		if (strncmp(infos[i].number, conf->number, sizeof(infos[i].number)) != 0)
			continue;
		error = infos[i].line_type == FAXPORT_LINE_USER ? 0 : -EOPNOTSUPP;
		add.device_id = infos[i].device_id;
		free(infos);
		close(server);
		return error ? (int64_t)error : (int64_t)add.device_id;
	}
	free(infos);
	snprintf(add.name, sizeof(add.name), "%s", conf->name);
	snprintf(add.number, sizeof(add.number), "%s", conf->number);
	error = faxport_ioctl(server, FAXPORT_IOC_PORT_ADD, &add);
	close(server);
	if (error)
		return error;
	log_notice("[port %s]: made user-line port %u, number %s", conf->name, add.device_id,
		   conf->number);
	return add.device_id;
}

static int attach_port(struct faxlined *daemon, struct faxlined_port *port)
{
	struct faxport_line_attach attach = { .version = FAXPORT_API_VERSION };
	int64_t device = port->conf->by_device ? port->conf->device_id
					       : find_or_make_port(port->conf);
	int fd, error;

	if (device < 0) {
		log_error("[port %s]: no user-line port with number %s: %s%s", port->conf->name,
			  port->conf->number, strerror((int)-device),
			  device == -EOPNOTSUPP ? " (a loopback port has it)" : "");
		return (int)device;
	}
	port->device_id = (uint32_t)device;
	fd = faxport_open_port_node(port->device_id);
	if (fd < 0) {
		log_error("[port %s]: /dev/faxport%u: %s", port->conf->name, port->device_id,
			  strerror(-fd));
		return fd;
	}
	error = faxport_ioctl(fd, FAXPORT_IOC_LINE_ATTACH, &attach);
	if (error) {
		log_error("[port %s]: cannot attach as port %u's line provider: %s%s",
			  port->conf->name, port->device_id, strerror(-error),
			  error == -EPERM ? " (attaching needs CAP_NET_ADMIN)" :
			  error == -EOPNOTSUPP ? " (a loopback port, not a user line)" :
			  error == -EBUSY ? " (another provider has it)" : "");
		close(fd);
		return error;
	}
	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0 ||
	    (error = faxport_ioctl(fd, FAXPORT_IOC_PROVIDER_LINE_UP, NULL)) != 0) {
		error = error ? error : -errno;
		log_error("[port %s]: line up: %s", port->conf->name, strerror(-error));
		close(fd);
		return error;
	}
	port->watch.fd = fd;
	port->watch.events = EPOLLPRI;
	port->watch.handle = port_readable;
	if (faxd_loop_watch(daemon->loop, &port->watch) < 0) {
		error = -errno;
		close(fd);
		port->watch.fd = -1;
		return error;
	}
	log_notice("[port %s]: line provider of port %u on trunk %s", port->conf->name,
		   port->device_id, port->trunk->conf->name);
	return 0;
}

static int start_trunk(struct faxlined *daemon, struct faxlined_trunk *trunk)
{
	char url[64];

	snprintf(url, sizeof(url), "sip:%s:%u;transport=udp", trunk->conf->local_address,
		 trunk->conf->local_port);
	trunk->daemon = daemon;
	trunk->nua = nua_create(daemon->root, sip_event, trunk, NUTAG_URL(url),
				NUTAG_MEDIA_ENABLE(0), NUTAG_AUTOALERT(0), NUTAG_AUTOANSWER(0),
				NUTAG_ENABLEINVITE(1), SIPTAG_USER_AGENT_STR("faxlined"),
				TAG_END());
	if (!trunk->nua) {
		log_error("[trunk %s]: cannot listen on %s", trunk->conf->name, url);
		return -EADDRNOTAVAIL;
	}
	log_notice("[trunk %s]: SIP on %s:%u/udp, peer %s:%u", trunk->conf->name,
		   trunk->conf->local_address, trunk->conf->local_port, trunk->conf->peer_host,
		   trunk->conf->peer_port);
	return 0;
}

static void stop(struct faxlined *daemon)
{
	struct timespec start, now;

	for (unsigned int i = 0; i < daemon->port_count; i++) {
		struct faxlined_port *port = &daemon->ports[i];

		if (port->call)
			end_call(port, port->call, 0);
	}
	for (unsigned int i = 0; i < daemon->trunk_count; i++)
		if (daemon->trunks[i].nua)
			nua_shutdown(daemon->trunks[i].nua);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		bool done = true;

		for (unsigned int i = 0; i < daemon->trunk_count; i++)
			if (daemon->trunks[i].nua && !daemon->trunks[i].shut_down)
				done = false;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (done || (now.tv_sec - start.tv_sec) * 1000 +
				    (now.tv_nsec - start.tv_nsec) / 1000000 > SHUTDOWN_WAIT_MS)
			break;
		su_root_step(daemon->root, 50);
	}
	for (unsigned int i = 0; i < daemon->trunk_count; i++)
		if (daemon->trunks[i].nua)
			nua_destroy(daemon->trunks[i].nua);
	/* Closing the provider fds takes the lines down. */
	for (unsigned int i = 0; i < daemon->port_count; i++) {
		struct faxlined_port *port = &daemon->ports[i];

		if (port->watch.fd >= 0) {
			if (!port->dead)
				faxd_loop_unwatch(daemon->loop, &port->watch);
			close(port->watch.fd);
			port->watch.fd = -1;
		}
	}
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: faxlined [-c FILE] [-t] [-v]\n"
		"SIP line provider of the faxport user-line ports: G.711 over RTP.\n"
		"  -c, --config FILE  lines.conf to read (default " LINES_CONF_DEFAULT_PATH ")\n"
		"  -t, --test         check the configuration, print nothing if it is good,\n"
		"                     and exit 0 (good) or 1 (errors, each as FILE:LINE)\n"
		"  -v, --verbose      log debug messages too\n"
		"  -h, --help         this text\n"
		"  -V, --version      the version\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "test", no_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = LINES_CONF_DEFAULT_PATH;
	bool test_only = false, verbose = false;
	struct faxlined *daemon;
	sigset_t signals;
	int option, status = 1;

	while ((option = getopt_long(argc, argv, "c:tvhV", options, NULL)) != -1) {
		switch (option) {
		case 'c':
			path = optarg;
			break;
		case 't':
			test_only = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("faxlined (winfax for Linux) %s\n", FAXPORT_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	daemon = calloc(1, sizeof(*daemon));
	if (!daemon || !(daemon->conf = malloc(sizeof(*daemon->conf)))) {
		fprintf(stderr, "faxlined: out of memory\n");
		return 1;
	}
	if (lines_conf_load(path, daemon->conf, stderr) != 0) {
		fprintf(stderr, "faxlined: %s has errors\n", path);
		goto out_conf;
	}
	if (test_only) {
		status = 0;
		goto out_conf;
	}
	faxd_log_setup("faxlined", false, verbose ? LOG_DEBUG : daemon->conf->log_level);
	signal(SIGPIPE, SIG_IGN);
	if (su_init() != 0) {
		log_error("sofia-sip does not start");
		goto out_conf;
	}
	su_home_init(daemon->home);
	daemon->root = su_root_create(NULL);
	daemon->loop = faxd_loop_new();
	if (!daemon->root || !daemon->loop)
		goto out_sofia;
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGHUP);
	if (faxd_loop_watch_signals(daemon->loop, &daemon->signals, &signals, on_signal) < 0 ||
	    faxd_loop_watch_timer(daemon->loop, &daemon->tick, TICK_MS, on_tick) < 0) {
		log_error("loop set-up: %s", strerror(errno));
		goto out_sofia;
	}
	daemon->trunk_count = daemon->conf->trunk_count;
	for (unsigned int i = 0; i < daemon->trunk_count; i++) {
		daemon->trunks[i].conf = &daemon->conf->trunks[i];
		if (start_trunk(daemon, &daemon->trunks[i]) != 0)
			goto out_stop;
	}
	daemon->port_count = daemon->conf->port_count;
	for (unsigned int i = 0; i < daemon->port_count; i++) {
		struct faxlined_port *port = &daemon->ports[i];

		port->watch.fd = -1;
		port->conf = &daemon->conf->ports[i];
		port->daemon = daemon;
		port->trunk = &daemon->trunks[port->conf->trunk];
	}
	for (unsigned int i = 0; i < daemon->port_count; i++)
		if (attach_port(daemon, &daemon->ports[i]) != 0)
			goto out_stop;
	log_notice("started: %u trunk(s), %u port(s)", daemon->trunk_count, daemon->port_count);
	while (!daemon->stopping) {
		if (faxd_loop_run_once(daemon->loop, -1) < 0) {
			log_error("epoll: %s", strerror(errno));
			goto out_stop;
		}
	}
	status = 0;
out_stop:
	stop(daemon);
	log_notice("stopped");
out_sofia:
	if (daemon->loop)
		faxd_loop_free(daemon->loop);
	if (daemon->root)
		su_root_destroy(daemon->root);
	su_home_deinit(daemon->home);
	su_deinit();
out_conf:
	free(daemon->conf);
	free(daemon);
	return status;
}
