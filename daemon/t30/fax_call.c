// SPDX-License-Identifier: GPL-2.0
/*
 * One fax call on top of spandsp's audio fax terminal (fax_state_t).
 *
 * Progress is read from the T.30 frames as they cross the line (spandsp's
 * real-time frame handler sees both directions) plus its page counters:
 * that works the same for the sending and the receiving side, and needs no
 * access to spandsp's private structures.
 */
#include "fax_call.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <spandsp.h>

#include "call_document.h"
#include "t30_dcs.h"
#include "t30_outcome.h"

/*
 * Audio is handed to spandsp in pieces of at most this many samples (20 ms),
 * so deadlines are checked at least that often, and fax_rx(), which filters
 * its input in place, can work on a copy of the caller's const samples.
 */
#define PIECE_SAMPLES 160

/*
 * After phase E, T.30 only has to send or await DCN (about a second). On a
 * noisy line spandsp can wait forever for the "carrier" to stop before it
 * sends its DCN; past this grace the call ends with the outcome T.30 chose.
 */
#define PHASE_E_GRACE_SAMPLES (10 * FAX_CALL_SAMPLE_RATE)

struct fax_call {
	enum fax_call_role role;
	fax_state_t *fax;
	t30_state_t *t30;

	fax_call_event_fn *on_event;
	void *user_data;

	/* Line time, in samples. */
	uint64_t rx_samples;
	uint64_t tx_samples;
	uint64_t call_deadline;
	uint64_t phase_deadline;
	uint64_t phase_started_at;

	/* Sending from an fd: our private copy, which spandsp opens by its /proc name. */
	int document_snapshot_fd;
	char document_path_buffer[sizeof("/proc/self/fd/") + 3 * sizeof(int)];
	int pages_in_document;
	uint64_t max_document_bytes;
	/* The header as given, and as printed once "{pages}" is known. */
	char header_format[FAX_CALL_HEADER_INFO_MAX + 1];
	char header_info[FAX_CALL_HEADER_INFO_MAX + 1];

	/* Receiving: the file we created, removed again if no page arrives. */
	char *output_path;

	/* What the frames told us so far. */
	bool far_end_spoke;	/* a T.30 frame came in */
	bool dcs_seen;
	struct t30_dcs_parameters dcs;
	bool negotiated;
	struct fax_call_negotiation negotiation;
	int pages_done;
	int page_in_progress;		/* 0: between pages */
	int last_post_page_fcf;		/* MPS/EOP/EOM... of the page just sent; 0 if none */
	bool next_page_follows;		/* MCF confirmed an MPS: page N+1 starts once N is counted */
	bool document_confirmed;	/* receiving: our MCF to EOP is going out */

	/* Image phases sent, see fax_call_result.image_line_samples. */
	bool image_phase_open;
	uint64_t image_phase_started_at;
	uint64_t image_line_samples;
	uint64_t image_bytes;

	bool page_too_long;		/* receiving: seen in phase D */

	bool phase_e_seen;
	int phase_e_code;
	uint64_t phase_e_at;
	/* TIMEOUT or ABORTED when we end the call ourselves; IN_PROGRESS otherwise. */
	enum fax_call_outcome forced_outcome;

	bool finished;
	bool result_delivered;
	struct fax_call_result result;

	int16_t rx_piece[PIECE_SAMPLES];
};

static void emit(struct fax_call *call, const struct fax_call_event *event)
{
	if (call->on_event)
		call->on_event(call, event, call->user_data);
}

uint64_t fax_call_get_line_samples(const struct fax_call *call)
{
	return call->rx_samples > call->tx_samples ? call->rx_samples : call->tx_samples;
}

static void mark_progress(struct fax_call *call)
{
	call->phase_started_at = fax_call_get_line_samples(call);
}

static uint64_t saturating_add(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* The line time at which the watchdog fires if nothing happens before. */
static uint64_t watchdog_at(const struct fax_call *call)
{
	uint64_t at = min_u64(call->call_deadline,
			      saturating_add(call->phase_started_at, call->phase_deadline));

	if (call->phase_e_seen)
		at = min_u64(at, saturating_add(call->phase_e_at, PHASE_E_GRACE_SAMPLES));
	return at;
}

static void start_page(struct fax_call *call, int page)
{
	struct fax_call_event event = { .type = FAX_CALL_EVENT_PAGE_STARTED, .page = page };

	call->page_in_progress = page;
	mark_progress(call);
	emit(call, &event);
}

static void start_next_page_if_due(struct fax_call *call)
{
	if (call->next_page_follows && !call->page_in_progress) {
		call->next_page_follows = false;
		start_page(call, call->pages_done + 1);
	}
}

static int pages_counted_by_t30(struct fax_call *call)
{
	t30_stats_t stats;

	t30_get_transfer_statistics(call->t30, &stats);
	return call->role == FAX_CALL_SEND ? stats.pages_tx : stats.pages_rx;
}

/* Report every page T.30 has counted since we last looked. */
static void sync_pages(struct fax_call *call)
{
	int counted = pages_counted_by_t30(call);

	while (call->pages_done < counted) {
		int page = call->pages_done + 1;
		struct fax_call_event event = {
			.type = FAX_CALL_EVENT_PAGE_DONE,
			.page = page,
			.document_complete = call->document_confirmed && page == counted,
		};

		/* Every page is reported started before it is reported done. */
		if (call->page_in_progress != page)
			start_page(call, page);
		call->pages_done = page;
		call->page_in_progress = 0;
		mark_progress(call);
		emit(call, &event);
	}
	start_next_page_if_due(call);
}

void fax_call_printable_ident(char *to, const char *from)
{
	size_t length = from ? strnlen(from, FAX_CALL_IDENT_MAX) : 0;

	for (size_t i = 0; i < length; i++)
		to[i] = from[i] >= 0x20 && from[i] <= 0x7e ? from[i] : '?';
	to[length] = '\0';
}

static void on_negotiated(struct fax_call *call)
{
	struct fax_call_event event = { .type = FAX_CALL_EVENT_NEGOTIATED };

	if (!call->dcs_seen)
		return;
	fax_call_printable_ident(call->negotiation.remote_ident, t30_get_rx_ident(call->t30));
	call->negotiation.bit_rate = call->dcs.bit_rate;
	call->negotiation.modem = call->dcs.modem;
	call->negotiation.compression = call->dcs.compression;
	call->negotiation.ecm = call->dcs.ecm;
	call->negotiated = true;
	mark_progress(call);
	event.negotiation = &call->negotiation;
	emit(call, &event);
	if (!call->page_in_progress)
		start_page(call, call->pages_done + 1);
}

static bool announces_next_page(int post_page_fcf)
{
	return post_page_fcf == T30_MPS || post_page_fcf == T30_PRI_MPS;
}

static bool ends_document(int post_page_fcf)
{
	return post_page_fcf == (T30_EOP & 0xfe) || post_page_fcf == (T30_PRI_EOP & 0xfe);
}

/* An FCD frame: address, control, FCF and frame number, then the image bytes. */
#define FCD_HEADER_BYTES 4

static bool is_post_page_command(int fcf)
{
	return fcf == (T30_PPS & 0xfe) || fcf == (T30_EOP & 0xfe) || fcf == (T30_MPS & 0xfe) ||
	       fcf == (T30_EOM & 0xfe) || fcf == (T30_PRI_EOP & 0xfe) ||
	       fcf == (T30_PRI_MPS & 0xfe) || fcf == (T30_PRI_EOM & 0xfe);
}

/*
 * The sender's image phase runs from the far end's go-ahead (CFR, MCF, or
 * PPR asking for frames again) to our post-page command; an MCF that no image
 * follows (after EOP) opens a phase that never closes and is not counted.
 */
static void account_image_phase(struct fax_call *call, int incoming, int fcf, int length)
{
	if (call->role != FAX_CALL_SEND)
		return;
	if (incoming) {
		if (fcf == (T30_CFR & 0xfe) || fcf == (T30_MCF & 0xfe) || fcf == (T30_PPR & 0xfe)) {
			call->image_phase_open = true;
			call->image_phase_started_at = fax_call_get_line_samples(call);
		}
		return;
	}
	if (!call->image_phase_open)
		return;
	if (fcf == (T4_FCD & 0xfe) && length > FCD_HEADER_BYTES) {
		call->image_bytes += (uint64_t)(length - FCD_HEADER_BYTES);
	} else if (is_post_page_command(fcf)) {
		call->image_phase_open = false;
		call->image_line_samples += fax_call_get_line_samples(call) -
					    call->image_phase_started_at;
	}
}

/* spandsp calls this for every frame sent or received, before acting on it. */
static void on_t30_frame(t30_state_t *t30, void *user_data, int incoming,
			 const uint8_t *frame, int length)
{
	struct fax_call *call = user_data;
	int fcf = t30_frame_fcf(frame, length);

	(void)t30;
	if (incoming)
		call->far_end_spoke = true;
	/*
	 * spandsp stores the last page before it answers EOP, so the page
	 * counted now is the document's last and the far end is told so.
	 */
	if (call->role == FAX_CALL_RECEIVE && !incoming && fcf == (T30_MCF & 0xfe) &&
	    ends_document(call->last_post_page_fcf))
		call->document_confirmed = true;
	sync_pages(call);
	account_image_phase(call, incoming, fcf, length);

	switch (fcf) {
	case T30_DCS & 0xfe:
		call->dcs_seen = t30_dcs_decode(frame, length, &call->dcs) == 0;
		break;
	case T30_CFR & 0xfe:
		on_negotiated(call);
		break;
	case T30_MPS & 0xfe:
	case T30_EOP & 0xfe:
	case T30_EOM & 0xfe:
	case T30_PRI_MPS & 0xfe:
	case T30_PRI_EOP & 0xfe:
	case T30_PRI_EOM & 0xfe:
		call->last_post_page_fcf = fcf;
		break;
	case T30_PPS & 0xfe:
		/* ECM: the FIF names the post-page command; NULL means the page goes on. */
		call->last_post_page_fcf = length > T30_FRAME_FCF_OFFSET + 1
			? frame[T30_FRAME_FCF_OFFSET + 1] & 0xfe : 0;
		break;
	case T30_MCF & 0xfe:
		if (announces_next_page(call->last_post_page_fcf))
			call->next_page_follows = true;
		call->last_post_page_fcf = 0;
		start_next_page_if_due(call);
		break;
	default:
		break;
	}
}

/*
 * spandsp calls this when a post-page command arrived, after it decoded and
 * stored the page. With ECM a page that fits one block is decoded at once,
 * so this is where its length is seen first.
 */
static int on_t30_phase_d(t30_state_t *t30, void *user_data, int fcf)
{
	struct fax_call *call = user_data;
	t30_stats_t stats;

	(void)fcf;
	t30_get_transfer_statistics(t30, &stats);
	if (call->role == FAX_CALL_RECEIVE && stats.length > FAX_CALL_MAX_PAGE_ROWS)
		call->page_too_long = true;
	return T30_ERR_OK;
}

static void on_t30_phase_e(t30_state_t *t30, void *user_data, int completion_code)
{
	struct fax_call *call = user_data;
	struct fax_call_event event = {
		.type = FAX_CALL_EVENT_PHASE_E,
		.t30_code = completion_code,
	};

	(void)t30;
	/* t30_terminate() after T.30's own phase E calls us again: the first word stands. */
	if (call->phase_e_seen)
		return;
	sync_pages(call);
	call->phase_e_seen = true;
	call->phase_e_code = completion_code;
	call->phase_e_at = fax_call_get_line_samples(call);
	mark_progress(call);
	emit(call, &event);
}

static void set_result(struct fax_call *call, enum fax_call_outcome outcome, int t30_code)
{
	struct fax_call_result *result = &call->result;

	result->outcome = outcome;
	result->t30_code = t30_code;
	result->t30_text = t30_completion_code_to_str(t30_code);
	result->pages_transferred = call->pages_done;
	result->pages_total = call->role == FAX_CALL_SEND ? call->pages_in_document
							   : call->pages_done;
	result->line_samples = fax_call_get_line_samples(call);
	result->image_line_samples = call->image_line_samples;
	result->image_bytes = call->image_bytes;
	fax_call_printable_ident(result->remote_ident, call->t30 ? t30_get_rx_ident(call->t30) : NULL);
}

/*
 * T30_ERR_OK alone does not make a fax: a sender must have had every page
 * confirmed, a receiver must hold at least one page.
 */
static enum fax_call_outcome checked_outcome(const struct fax_call *call, int t30_code)
{
	enum fax_call_outcome outcome = t30_outcome_for_code(t30_code, call->role);

	/*
	 * A receiver that gave up (its DIS retries ran out) without one frame
	 * from the caller was not called by a fax: a voice or data call.
	 */
	if (call->role == FAX_CALL_RECEIVE && !call->far_end_spoke &&
	    outcome == FAX_CALL_PROTOCOL_FAILURE)
		return FAX_CALL_NO_FAX_ANSWER;
	if (outcome != FAX_CALL_COMPLETED)
		return outcome;
	if (call->role == FAX_CALL_SEND && call->pages_done != call->pages_in_document)
		return FAX_CALL_PROTOCOL_FAILURE;
	if (call->role == FAX_CALL_RECEIVE && call->pages_done == 0)
		return FAX_CALL_DISCONNECTED;
	return FAX_CALL_COMPLETED;
}

static void remove_empty_output(struct fax_call *call)
{
	if (call->output_path && call->pages_done == 0)
		unlink(call->output_path);
	free(call->output_path);
	call->output_path = NULL;
}

static void deliver_result(struct fax_call *call)
{
	struct fax_call_event event = { .type = FAX_CALL_EVENT_RESULT, .result = &call->result };

	if (!call->finished || call->result_delivered)
		return;
	call->result_delivered = true;
	emit(call, &event);
}

/* T.30 has released the call (its resources and files are closed). */
static void finish(struct fax_call *call)
{
	int code;

	sync_pages(call);
	if (call->phase_e_seen) {
		code = call->phase_e_code;
	} else {
		t30_stats_t stats;

		t30_get_transfer_statistics(call->t30, &stats);
		code = stats.current_status;
	}
	set_result(call, call->forced_outcome != FAX_CALL_IN_PROGRESS
		   ? call->forced_outcome : checked_outcome(call, code), code);
	call->finished = true;
	remove_empty_output(call);
	deliver_result(call);
}

/* End the call from our side: watchdog, abort, or the line went away. */
static void end_call_now(struct fax_call *call, enum fax_call_outcome forced_outcome)
{
	if (call->finished) {
		deliver_result(call);
		return;
	}
	call->forced_outcome = forced_outcome;
	/* Runs phase E (T30_ERR_CALLDROPPED unless T.30 only awaited DCN) and closes the files. */
	t30_terminate(call->t30);
	finish(call);
}

/*
 * Receiving: the rows of the page that arrives. spandsp 0.0.6 keeps the
 * whole page in memory until it ends and has no limit of its own; its
 * statistics count the rows decoded so far. Without ECM they arrive a few
 * hundred per piece; with ECM a block (at most 64 KiB, so at most 524288
 * rows) is decoded at once when it is complete, so that is the overshoot;
 * a page within one block is seen only in phase D, after it was stored.
 */
static bool page_too_long(struct fax_call *call)
{
	t30_stats_t stats;

	if (call->role != FAX_CALL_RECEIVE)
		return false;
	if (call->page_too_long)
		return true;
	t30_get_transfer_statistics(call->t30, &stats);
	return stats.length > FAX_CALL_MAX_PAGE_ROWS;
}

static void check_after_piece(struct fax_call *call)
{
	if (call->finished)
		return;
	sync_pages(call);
	if (page_too_long(call))
		end_call_now(call, FAX_CALL_PAGE_TOO_LONG);
	else if (!t30_call_active(call->t30))
		finish(call);
	else if (fax_call_get_line_samples(call) >= watchdog_at(call))
		/* Once T.30 has reached phase E, its verdict is the outcome. */
		end_call_now(call, call->phase_e_seen ? FAX_CALL_IN_PROGRESS : FAX_CALL_TIMEOUT);
}

int fax_call_rx(struct fax_call *call, const int16_t *samples, int n)
{
	int consumed = 0;

	deliver_result(call);
	while (consumed < n && !call->finished) {
		uint64_t room = watchdog_at(call) - call->rx_samples;
		int piece = n - consumed < PIECE_SAMPLES ? n - consumed : PIECE_SAMPLES;

		if (call->rx_samples >= watchdog_at(call)) {
			check_after_piece(call);
			break;
		}
		if ((uint64_t)piece > room)
			piece = (int)room;
		memcpy(call->rx_piece, samples + consumed, (size_t)piece * sizeof(*samples));
		fax_rx(call->fax, call->rx_piece, piece);
		call->rx_samples += (uint64_t)piece;
		consumed += piece;
		check_after_piece(call);
	}
	return consumed;
}

void fax_call_tx(struct fax_call *call, int16_t *samples, int n)
{
	int produced = 0;

	deliver_result(call);
	while (produced < n && !call->finished) {
		uint64_t room = watchdog_at(call) - call->tx_samples;
		int piece = n - produced < PIECE_SAMPLES ? n - produced : PIECE_SAMPLES;
		int generated;

		if (call->tx_samples >= watchdog_at(call)) {
			check_after_piece(call);
			break;
		}
		if ((uint64_t)piece > room)
			piece = (int)room;
		generated = fax_tx(call->fax, samples + produced, piece);
		if (generated < 0)
			generated = 0;
		memset(samples + produced + generated, 0,
		       (size_t)(piece - generated) * sizeof(*samples));
		call->tx_samples += (uint64_t)piece;
		produced += piece;
		check_after_piece(call);
	}
	if (n > produced)
		memset(samples + produced, 0, (size_t)(n - produced) * sizeof(*samples));
}

void fax_call_hangup(struct fax_call *call)
{
	end_call_now(call, FAX_CALL_IN_PROGRESS);
}

void fax_call_abort(struct fax_call *call)
{
	end_call_now(call, FAX_CALL_ABORTED);
}

bool fax_call_is_finished(const struct fax_call *call)
{
	return call->finished;
}

enum fax_call_role fax_call_get_role(const struct fax_call *call)
{
	return call->role;
}

const struct fax_call_result *fax_call_get_result(const struct fax_call *call)
{
	return &call->result;
}

const struct fax_call_negotiation *fax_call_get_negotiation(const struct fax_call *call)
{
	return call->negotiated ? &call->negotiation : NULL;
}

static bool printable_ascii(const char *text, size_t max_length)
{
	size_t length = strnlen(text, max_length + 1);

	if (length > max_length)
		return false;
	for (size_t i = 0; i < length; i++)
		if (text[i] < 0x20 || text[i] > 0x7e)
			return false;
	return true;
}

static bool options_valid(const struct fax_call_options *options, enum fax_call_role role)
{
	unsigned int compressions = options->compressions ? options->compressions
							  : FAX_COMPRESSION_ALL;

	if (options->modems & ~(unsigned int)FAX_MODEM_ALL)
		return false;
	if (compressions & ~(unsigned int)FAX_COMPRESSION_ALL)
		return false;
	/* MMR is only allowed with ECM: without it nothing would be left. */
	if (options->disable_ecm && compressions == FAX_COMPRESSION_MMR)
		return false;
	if (options->local_ident && !printable_ascii(options->local_ident, FAX_CALL_IDENT_MAX))
		return false;
	if (options->header_info &&
	    (role != FAX_CALL_SEND ||
	     !printable_ascii(options->header_info, FAX_CALL_HEADER_INFO_MAX)))
		return false;
	return true;
}

static int spandsp_modems(unsigned int modems)
{
	int supported = 0;

	if (!modems)
		modems = FAX_MODEM_ALL;
	if (modems & FAX_MODEM_V27TER)
		supported |= T30_SUPPORT_V27TER;
	if (modems & FAX_MODEM_V29)
		supported |= T30_SUPPORT_V29;
	if (modems & FAX_MODEM_V17)
		supported |= T30_SUPPORT_V17;
	return supported;
}

static int spandsp_compressions(unsigned int compressions)
{
	int supported = 0;

	if (!compressions)
		compressions = FAX_COMPRESSION_ALL;
	if (compressions & FAX_COMPRESSION_MH)
		supported |= T30_SUPPORT_T4_1D_COMPRESSION;
	if (compressions & FAX_COMPRESSION_MR)
		supported |= T30_SUPPORT_T4_2D_COMPRESSION;
	if (compressions & FAX_COMPRESSION_MMR)
		supported |= T30_SUPPORT_T6_COMPRESSION;
	return supported;
}

#define PAGES_PLACEHOLDER "{pages}"

/* The header as printed: the format with the page count, when known, in place of {pages}. */
static void set_header_info(struct fax_call *call)
{
	const char *placeholder = strstr(call->header_format, PAGES_PLACEHOLDER);

	if (!placeholder) {
		snprintf(call->header_info, sizeof(call->header_info), "%s", call->header_format);
	} else if (call->pages_in_document > 0) {
		snprintf(call->header_info, sizeof(call->header_info), "%.*s%d%s",
			 (int)(placeholder - call->header_format), call->header_format,
			 call->pages_in_document, placeholder + strlen(PAGES_PLACEHOLDER));
	} else {
		snprintf(call->header_info, sizeof(call->header_info), "%.*s?%s",
			 (int)(placeholder - call->header_format), call->header_format,
			 placeholder + strlen(PAGES_PLACEHOLDER));
	}
	t30_set_tx_page_header_info(call->t30, call->header_info);
}

const char *fax_call_get_header_info(const struct fax_call *call)
{
	return call->header_info;
}

/* Allocation and spandsp set-up common to every kind of call. */
static struct fax_call *call_new(const struct fax_call_options *options,
				 enum fax_call_role role)
{
	static const struct fax_call_options defaults;
	struct fax_call *call;

	if (!options)
		options = &defaults;
	if (!options_valid(options, role)) {
		errno = EINVAL;
		return NULL;
	}
	call = calloc(1, sizeof(*call));
	if (!call)
		return NULL;
	call->role = role;
	call->document_snapshot_fd = -1;
	call->on_event = options->on_event;
	call->user_data = options->user_data;
	call->call_deadline = options->call_deadline_samples
		? options->call_deadline_samples : FAX_CALL_DEFAULT_CALL_DEADLINE_SAMPLES;
	call->phase_deadline = options->phase_deadline_samples
		? options->phase_deadline_samples : FAX_CALL_DEFAULT_PHASE_DEADLINE_SAMPLES;

	/* By convention of this service the sender dials and the receiver answers. */
	call->fax = fax_init(NULL, role == FAX_CALL_SEND);
	if (!call->fax) {
		free(call);
		errno = ENOMEM;
		return NULL;
	}
	call->t30 = fax_get_t30_state(call->fax);
	/* The line wants samples every tick, whether T.30 has anything to say or not. */
	fax_set_transmit_on_idle(call->fax, true);
	if (options->local_ident)
		t30_set_tx_ident(call->t30, options->local_ident);
	if (options->header_info && *options->header_info) {
		/*
		 * spandsp 0.0.6 adds the header's rows above the page (its
		 * "overlay" setting reaches nothing in this version), so a
		 * branded page is 16 rows (standard), 32 (fine) or 64
		 * (superfine) longer than the document's.
		 */
		snprintf(call->header_format, sizeof(call->header_format), "%s",
			 options->header_info);
		set_header_info(call);
	}
	t30_set_supported_modems(call->t30, spandsp_modems(options->modems));
	t30_set_ecm_capability(call->t30, !options->disable_ecm);
	t30_set_supported_compressions(call->t30, spandsp_compressions(options->compressions));
	/*
	 * spandsp's default adds "unlimited length", which would let a sender
	 * make a page as long as it likes; the longest page offered is B4.
	 */
	t30_set_supported_image_sizes(call->t30, T30_SUPPORT_215MM_WIDTH | T30_SUPPORT_A4_LENGTH |
				      T30_SUPPORT_B4_LENGTH | T30_SUPPORT_US_LETTER_LENGTH |
				      T30_SUPPORT_US_LEGAL_LENGTH);
	t30_set_real_time_frame_handler(call->t30, on_t30_frame, call);
	t30_set_phase_e_handler(call->t30, on_t30_phase_e, call);
	t30_set_phase_d_handler(call->t30, on_t30_phase_d, call);
	return call;
}

static bool path_acceptable(const char *path)
{
	if (!path || !*path) {
		errno = EINVAL;
		return false;
	}
	if (strnlen(path, FAX_CALL_PATH_MAX + 1) > FAX_CALL_PATH_MAX) {
		errno = ENAMETOOLONG;
		return false;
	}
	return true;
}

/* The call ends before it started; its RESULT goes out on first use. */
static void fail_at_start(struct fax_call *call, int t30_code)
{
	set_result(call, t30_outcome_for_code(t30_code, call->role), t30_code);
	call->finished = true;
}

static void set_document(struct fax_call *call, const char *path)
{
	int t30_code = call_document_inspect(path, &call->pages_in_document,
					     &call->result.document_problem);

	if (t30_code != T30_ERR_OK) {
		fail_at_start(call, t30_code);
		return;
	}
	if (call->header_format[0])
		set_header_info(call);
	t30_set_tx_file(call->t30, path, -1, -1);
}

struct fax_call *fax_call_new_send_file(const struct fax_call_options *options,
					const char *document_path)
{
	struct fax_call *call;

	if (!path_acceptable(document_path))
		return NULL;
	call = call_new(options, FAX_CALL_SEND);
	if (call)
		set_document(call, document_path);
	return call;
}

struct fax_call *fax_call_new_send_later(const struct fax_call_options *options)
{
	struct fax_call *call = call_new(options, FAX_CALL_SEND);

	if (call)
		call->max_document_bytes = options && options->max_document_bytes
			? options->max_document_bytes : FAX_CALL_DEFAULT_MAX_DOCUMENT_BYTES;
	return call;
}

void fax_call_set_document_fd(struct fax_call *call, int document_fd)
{
	int snapshot_fd = call_document_snapshot(document_fd, call->max_document_bytes);

	if (snapshot_fd < 0) {
		call->result.document_problem = snapshot_fd == -EFBIG ? "the document is too large"
								      : "the document cannot be read";
		fail_at_start(call, T30_ERR_FILEERROR);
		return;
	}
	call->document_snapshot_fd = snapshot_fd;
	if (call_document_fd_path(call->document_snapshot_fd, call->document_path_buffer,
				  sizeof(call->document_path_buffer))) {
		fail_at_start(call, T30_ERR_FILEERROR);
		return;
	}
	set_document(call, call->document_path_buffer);
}

void fax_call_refuse_document(struct fax_call *call, const char *problem)
{
	call->result.document_problem = problem;
	fail_at_start(call, T30_ERR_FILEERROR);
}

struct fax_call *fax_call_new_send_fd(const struct fax_call_options *options,
				      int document_fd)
{
	struct fax_call *call;

	if (document_fd < 0) {
		errno = EINVAL;
		return NULL;
	}
	call = fax_call_new_send_later(options);
	if (call)
		fax_call_set_document_fd(call, document_fd);
	return call;
}

struct fax_call *fax_call_new_receive(const struct fax_call_options *options,
				      const char *output_path)
{
	struct fax_call *call;
	int fd;

	if (!path_acceptable(output_path))
		return NULL;
	call = call_new(options, FAX_CALL_RECEIVE);
	if (!call)
		return NULL;
	call->output_path = strdup(output_path);
	if (!call->output_path) {
		fax_call_free(call);
		errno = ENOMEM;
		return NULL;
	}
	/* Never overwrite: a name that exists belongs to someone else's fax. */
	fd = open(output_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd < 0) {
		free(call->output_path);
		call->output_path = NULL;
		fail_at_start(call, T30_ERR_FILEERROR);
		return call;
	}
	close(fd);
	t30_set_rx_file(call->t30, output_path, -1);
	return call;
}

void fax_call_free(struct fax_call *call)
{
	if (!call)
		return;
	/* Closes spandsp's TIFF files before the empty output is removed. */
	fax_free(call->fax);
	remove_empty_output(call);
	if (call->document_snapshot_fd >= 0)
		close(call->document_snapshot_fd);
	free(call);
}

const char *fax_call_outcome_name(enum fax_call_outcome outcome)
{
	switch (outcome) {
	case FAX_CALL_IN_PROGRESS:
		return "in progress";
	case FAX_CALL_COMPLETED:
		return "completed";
	case FAX_CALL_NO_FAX_ANSWER:
		return "no fax answer";
	case FAX_CALL_DISCONNECTED:
		return "disconnected";
	case FAX_CALL_PROTOCOL_FAILURE:
		return "protocol failure";
	case FAX_CALL_TIMEOUT:
		return "timeout";
	case FAX_CALL_ABORTED:
		return "aborted";
	case FAX_CALL_CANNOT_READ_DOCUMENT:
		return "cannot read document";
	case FAX_CALL_CANNOT_WRITE_OUTPUT:
		return "cannot write output";
	case FAX_CALL_PAGE_TOO_LONG:
		return "page too long";
	}
	return "unknown outcome";
}

const char *fax_modem_name(enum fax_modem modem)
{
	switch (modem) {
	case FAX_MODEM_V27TER:
		return "V.27ter";
	case FAX_MODEM_V29:
		return "V.29";
	case FAX_MODEM_V17:
		return "V.17";
	}
	return "unknown modem";
}

const char *fax_compression_name(enum fax_compression compression)
{
	switch (compression) {
	case FAX_COMPRESSION_MH:
		return "MH";
	case FAX_COMPRESSION_MR:
		return "MR";
	case FAX_COMPRESSION_MMR:
		return "MMR";
	}
	return "unknown compression";
}
