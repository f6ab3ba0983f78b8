// SPDX-License-Identifier: GPL-2.0
/* The API's event ids, port states, job types and queue statuses in words. */
#include <stdio.h>
#include <string.h>

#include "faxctl.h"

struct event_text {
	const char *name;	/* FEI_ without the prefix: stable, for scripts */
	const char *words;	/* for people */
};

static const struct event_text event_texts[] = {
	[FEI_DIALING] = { "DIALING", "dialing" },
	[FEI_SENDING] = { "SENDING", "sending" },
	[FEI_RECEIVING] = { "RECEIVING", "receiving" },
	[FEI_COMPLETED] = { "COMPLETED", "the fax call completed" },
	[FEI_BUSY] = { "BUSY", "the line was busy" },
	[FEI_NO_ANSWER] = { "NO_ANSWER", "nobody answered" },
	[FEI_BAD_ADDRESS] = { "BAD_ADDRESS", "no such number" },
	[FEI_NO_DIAL_TONE] = { "NO_DIAL_TONE", "no dial tone" },
	[FEI_DISCONNECTED] = { "DISCONNECTED", "the call was cut off" },
	[FEI_FATAL_ERROR] = { "FATAL_ERROR", "the fax exchange failed" },
	[FEI_NOT_FAX_CALL] = { "NOT_FAX_CALL", "the call was not a fax call" },
	[FEI_CALL_DELAYED] = { "CALL_DELAYED", "the call was delayed" },
	[FEI_CALL_BLACKLISTED] = { "CALL_BLACKLISTED", "the number is blacklisted" },
	[FEI_RINGING] = { "RINGING", "the port is ringing" },
	[FEI_ABORTING] = { "ABORTING", "the job is being aborted" },
	[FEI_ROUTING] = { "ROUTING", "a received fax is being routed" },
	[FEI_MODEM_POWERED_ON] = { "MODEM_POWERED_ON", "the modem was powered on" },
	[FEI_MODEM_POWERED_OFF] = { "MODEM_POWERED_OFF", "the modem was powered off" },
	[FEI_IDLE] = { "IDLE", "the port is idle" },
	[FEI_FAXSVC_ENDED] = { "FAXSVC_ENDED", "the port's DSP engine (faxd) stopped" },
	[FEI_ANSWERED] = { "ANSWERED", "the call was answered" },
	[FEI_JOB_QUEUED] = { "JOB_QUEUED", "a job was queued" },
	[FEI_DELETED] = { "DELETED", "the job left the queue" },
	[FEI_INITIALIZING] = { "INITIALIZING", "the port is initializing" },
	[FEI_LINE_UNAVAILABLE] = { "LINE_UNAVAILABLE", "the line is unavailable" },
	[FEI_HANDLED] = { "HANDLED", "the call was handled" },
	[FEI_FAXSVC_STARTED] = { "FAXSVC_STARTED", "a DSP engine (faxd) attached to the port" },
};

const char *faxctl_event_name(DWORD event_id)
{
	if (event_id == WINFAX_FEI_EVENTS_LOST)
		return "EVENTS_LOST";
	if (event_id < sizeof(event_texts) / sizeof(event_texts[0]) && event_texts[event_id].name)
		return event_texts[event_id].name;
	return "UNKNOWN";
}

const char *faxctl_event_words(DWORD event_id)
{
	if (event_id == WINFAX_FEI_EVENTS_LOST)
		return "events were lost (too many at once); listings may be stale";
	if (event_id < sizeof(event_texts) / sizeof(event_texts[0]) && event_texts[event_id].words)
		return event_texts[event_id].words;
	return "an event this faxctl does not know";
}

bool faxctl_event_is_failure(DWORD event_id)
{
	switch (event_id) {
	case FEI_BUSY:
	case FEI_NO_ANSWER:
	case FEI_BAD_ADDRESS:
	case FEI_NO_DIAL_TONE:
	case FEI_DISCONNECTED:
	case FEI_FATAL_ERROR:
	case FEI_NOT_FAX_CALL:
	case FEI_CALL_BLACKLISTED:
	case FEI_LINE_UNAVAILABLE:
		return true;
	}
	return false;
}

static const struct {
	DWORD state;
	const char *name;
} states[] = {
	{ FPS_DIALING, "dialing" },
	{ FPS_SENDING, "sending" },
	{ FPS_RECEIVING, "receiving" },
	{ FPS_COMPLETED, "completed" },
	{ FPS_HANDLED, "handled" },
	{ FPS_UNAVAILABLE, "unavailable" },
	{ FPS_BUSY, "busy" },
	{ FPS_NO_ANSWER, "no-answer" },
	{ FPS_BAD_ADDRESS, "bad-address" },
	{ FPS_NO_DIAL_TONE, "no-dial-tone" },
	{ FPS_DISCONNECTED, "disconnected" },
	{ FPS_FATAL_ERROR, "fatal-error" },
	{ FPS_NOT_FAX_CALL, "not-fax-call" },
	{ FPS_CALL_DELAYED, "call-delayed" },
	{ FPS_CALL_BLACKLISTED, "call-blacklisted" },
	{ FPS_INITIALIZING, "initializing" },
	{ FPS_OFFLINE, "offline" },
	{ FPS_RINGING, "ringing" },
	{ FPS_AVAILABLE, "available" },
	{ FPS_ABORTING, "aborting" },
	{ FPS_ROUTING, "routing" },
	{ FPS_ANSWERED, "answered" },
};

const char *faxctl_state_name(DWORD fps_state)
{
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (states[i].state == fps_state)
			return states[i].name;
	return fps_state ? "unknown" : "none";
}

const char *faxctl_job_type_name(DWORD job_type)
{
	switch (job_type) {
	case JT_SEND:
		return "send";
	case JT_RECEIVE:
		return "receive";
	case JT_ROUTING:
		return "routing";
	case JT_FAIL_RECEIVE:
		return "failed-receive";
	}
	return "unknown";
}

void faxctl_queue_status_words(DWORD queue_status, char *text, size_t size)
{
	static const struct {
		DWORD bit;
		const char *name;
	} bits[] = {
		{ JS_INPROGRESS, "in-progress" },
		{ JS_DELETING, "deleting" },
		{ JS_FAILED, "failed" },
		{ JS_PAUSED, "paused" },
		{ JS_NOLINE, "no-line" },
		{ JS_RETRYING, "retrying" },
		{ JS_RETRIES_EXCEEDED, "retries-exceeded" },
	};
	size_t used = 0;

	text[0] = '\0';
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (!(queue_status & bits[i].bit))
			continue;
		int written = snprintf(text + used, size - used, "%s%s", used ? "," : "",
				       bits[i].name);
		if (written < 0 || (size_t)written >= size - used)
			return;
		used += (size_t)written;
	}
	if (!used)
		snprintf(text, size, "pending");
}
