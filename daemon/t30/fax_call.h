/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fax_call: the DSP engine of one fax call (T.30 over V.27ter/V.29/V.17 with
 * spandsp), fed and drained with 8 kHz 16-bit linear PCM by whoever owns the
 * line. It knows nothing about where the audio comes from, so the same code
 * runs against the kernel's fax port, a real-time clock, or another fax_call
 * in the same process.
 *
 * Time: the engine's only clock is the audio. "Line time" is counted in
 * samples (FAX_CALL_SAMPLE_RATE per second) as the larger of the samples
 * received and the samples transmitted, so the deadlines hold whether the
 * caller paces the audio in real time or runs it as fast as the CPU allows.
 *
 * Threads: a call has no global state and takes no locks; different calls
 * may run on different threads, one call on one thread at a time.
 *
 * Callbacks: the event callback runs inside fax_call_rx(), fax_call_tx(),
 * fax_call_hangup() or fax_call_abort(). It may call the fax_call_get_*()
 * and fax_call_outcome_name()-style functions, but must not feed audio to,
 * hang up, abort or free the same call.
 */
#ifndef FAXD_T30_FAX_CALL_H
#define FAXD_T30_FAX_CALL_H

#include <stdbool.h>
#include <stdint.h>

#define FAX_CALL_SAMPLE_RATE 8000

/* T.30 allows identifiers (TSI/CSI) of up to 20 characters. */
#define FAX_CALL_IDENT_MAX 20
/* Longest page header text spandsp puts on a page. */
#define FAX_CALL_HEADER_INFO_MAX 50

/* spandsp keeps file names in 256-byte arrays: longer ones are refused (ENAMETOOLONG). */
#define FAX_CALL_PATH_MAX 255

/* Defaults when an options field is left 0. */
#define FAX_CALL_DEFAULT_CALL_DEADLINE_SAMPLES (60ull * 60 * FAX_CALL_SAMPLE_RATE)
#define FAX_CALL_DEFAULT_PHASE_DEADLINE_SAMPLES (10ull * 60 * FAX_CALL_SAMPLE_RATE)
/* The most a document handed over as an fd may hold (it is copied). */
#define FAX_CALL_DEFAULT_MAX_DOCUMENT_BYTES (64ull << 20)

/*
 * The longest page, in rows, sent or received. A call offers the A4, B4,
 * Letter and Legal lengths, never "unlimited"; the longest of them (B4,
 * 364 mm) is 2803 rows at fine and 5606 at superfine resolution, Legal at
 * fine 2744. A received page costs memory per row whatever the line paid
 * for it (an all-white row is one bit on the line), so a longer page ends
 * the call (FAX_CALL_PAGE_TOO_LONG); a document with a longer page is not
 * sent.
 */
#define FAX_CALL_MAX_PAGE_ROWS 12288
/*
 * The most pages a document may have: far more than a call deadline of an
 * hour lets through (a page takes 10 s or more), and it bounds the work
 * spandsp does on the document before it sends a page.
 */
#define FAX_CALL_MAX_DOCUMENT_PAGES 1000

struct fax_call;

enum fax_call_role {
	FAX_CALL_SEND,		/* the calling station, transmitting a document */
	FAX_CALL_RECEIVE,	/* the answering station, receiving into a file */
};

/* Image modems, as a bit mask in fax_call_options.modems. */
enum fax_modem {
	FAX_MODEM_V27TER = 1u << 0,	/* 2400, 4800 bit/s */
	FAX_MODEM_V29 = 1u << 1,	/* 7200, 9600 bit/s */
	FAX_MODEM_V17 = 1u << 2,	/* 7200 ... 14400 bit/s */
};
#define FAX_MODEM_ALL (FAX_MODEM_V27TER | FAX_MODEM_V29 | FAX_MODEM_V17)

/* Image compressions on the line, as a bit mask in fax_call_options.compressions. */
enum fax_compression {
	FAX_COMPRESSION_MH = 1u << 0,	/* T.4 one-dimensional */
	FAX_COMPRESSION_MR = 1u << 1,	/* T.4 two-dimensional */
	FAX_COMPRESSION_MMR = 1u << 2,	/* T.6; needs ECM */
};
#define FAX_COMPRESSION_ALL (FAX_COMPRESSION_MH | FAX_COMPRESSION_MR | FAX_COMPRESSION_MMR)

/*
 * How a call ended. The daemon maps these to the Win32 fax states; the
 * mapping from T.30 completion codes to outcomes is in t30_outcome.c.
 */
enum fax_call_outcome {
	FAX_CALL_IN_PROGRESS = 0,	/* not ended yet */
	FAX_CALL_COMPLETED,		/* every page transferred and confirmed */
	FAX_CALL_NO_FAX_ANSWER,		/* the other end never behaved as a fax (T0/T1, or a
					   receiver's DIS unanswered) */
	FAX_CALL_DISCONNECTED,		/* the far end hung up or sent DCN early */
	FAX_CALL_PROTOCOL_FAILURE,	/* T.30 failed: training, retries, bad responses */
	FAX_CALL_TIMEOUT,		/* our watchdog: call or phase deadline passed */
	FAX_CALL_ABORTED,		/* fax_call_abort() */
	FAX_CALL_CANNOT_READ_DOCUMENT,	/* the document to send is missing or unusable */
	FAX_CALL_CANNOT_WRITE_OUTPUT,	/* the received fax cannot be stored */
	FAX_CALL_PAGE_TOO_LONG,		/* receiving: a page passed FAX_CALL_MAX_PAGE_ROWS */
};

/* What phase B settled on; valid from FAX_CALL_EVENT_NEGOTIATED on. */
struct fax_call_negotiation {
	char remote_ident[FAX_CALL_IDENT_MAX + 1];	/* TSI or CSI of the far end */
	int bit_rate;					/* bit/s */
	enum fax_modem modem;
	enum fax_compression compression;
	bool ecm;
};

struct fax_call_result {
	enum fax_call_outcome outcome;
	int t30_code;			/* spandsp's T30_ERR_* completion code */
	const char *t30_text;		/* its description, static storage */
	int pages_transferred;		/* confirmed pages */
	/*
	 * Sending: pages in the document. Receiving: T.30 never announces a
	 * page count, so it is the number of pages received.
	 */
	int pages_total;
	uint64_t line_samples;		/* line time the call used */
	/*
	 * The image phases this end sent with ECM, for line-efficiency
	 * measurements: the line time from each go-ahead of the far end (CFR,
	 * MCF, PPR) to our next post-page command, and the image bytes our FCD
	 * frames carried. Both 0 for a receiver.
	 */
	uint64_t image_line_samples;
	uint64_t image_bytes;
	char remote_ident[FAX_CALL_IDENT_MAX + 1];	/* "" if never learned */
	/* CANNOT_READ_DOCUMENT: why, in words (static storage); NULL otherwise. */
	const char *document_problem;
};

enum fax_call_event_type {
	/*
	 * Phase B is done: the far end accepted the parameters and training
	 * succeeded. Sent again if the call falls back to a slower rate or
	 * renegotiates after EOM.
	 */
	FAX_CALL_EVENT_NEGOTIATED,
	FAX_CALL_EVENT_PAGE_STARTED,	/* phase C of page .page begins */
	FAX_CALL_EVENT_PAGE_DONE,	/* page .page confirmed (sent) or stored (received) */
	FAX_CALL_EVENT_PHASE_E,		/* T.30 is releasing the call; .t30_code says how */
	FAX_CALL_EVENT_RESULT,		/* the call has ended; exactly once, last */
};

struct fax_call_event {
	enum fax_call_event_type type;
	int page;					/* PAGE_STARTED, PAGE_DONE: 1-based */
	/*
	 * PAGE_DONE, receiving: this page ended the document (EOP) and our
	 * confirmation (MCF) is going out now; the output file holds every
	 * page. The sender will count the fax as delivered whatever happens
	 * to the line afterwards.
	 */
	bool document_complete;
	int t30_code;					/* PHASE_E */
	const struct fax_call_negotiation *negotiation;	/* NEGOTIATED */
	const struct fax_call_result *result;		/* RESULT */
};

typedef void fax_call_event_fn(struct fax_call *call, const struct fax_call_event *event,
			       void *user_data);

/* Zero-initialise, then set what differs from the defaults. */
struct fax_call_options {
	/* Our TSI (sending) or CSI (receiving); NULL for none. Printable ASCII. */
	const char *local_ident;
	/*
	 * The page header ("branding"): spandsp prints date and time, this
	 * text, our ident and the page number in a line of rows it adds above
	 * each page sent; NULL for none. "{pages}" in it becomes the document's page
	 * count once the document is read.
	 */
	const char *header_info;
	unsigned int modems;		/* FAX_MODEM_* mask; 0 = all */
	unsigned int compressions;	/* FAX_COMPRESSION_* mask; 0 = all */
	bool disable_ecm;		/* ECM is on unless this is set */
	/*
	 * spandsp's T.30 has no overall deadline, and on a noisy line both
	 * ends retry HDLC forever; these bound every call. The call deadline
	 * bounds the whole call; the phase deadline bounds the time without
	 * progress (negotiation, page start, page done, phase E).
	 * 0 = the FAX_CALL_DEFAULT_* value.
	 */
	uint64_t call_deadline_samples;
	uint64_t phase_deadline_samples;
	/* Largest document accepted from an fd; 0 = default. */
	uint64_t max_document_bytes;
	fax_call_event_fn *on_event;	/* may be NULL */
	void *user_data;
};

/* The header text the pages carry (with the page count filled in), or "" for none. */
const char *fax_call_get_header_info(const struct fax_call *call);

/*
 * Create a call. They return NULL with errno set only for bad arguments
 * (EINVAL, ENAMETOOLONG) or lack of memory. A document that cannot be read, or an output
 * file that cannot be created, gives a call that has already ended with
 * FAX_CALL_CANNOT_READ_DOCUMENT / FAX_CALL_CANNOT_WRITE_OUTPUT, so the caller
 * can check fax_call_is_finished() before dialling or answering; its
 * RESULT event is delivered by the first fax_call_rx/tx/hangup/abort.
 */
struct fax_call *fax_call_new_send_file(const struct fax_call_options *options,
					const char *document_path);
/*
 * The document comes as an open, readable fd (the client's, passed through
 * the kernel). Its content is copied at once into a private memory file, so
 * the daemon never reopens a client's path with its own credentials, and the
 * client cannot change the document while it is being sent. The fd is not
 * closed and its file offset is not moved when it is seekable.
 */
struct fax_call *fax_call_new_send_fd(const struct fax_call_options *options,
				      int document_fd);
/*
 * The same in two steps, for a caller that first makes the document safe
 * to read (engine/document_copy.h): the call is set up now, and
 * fax_call_set_document_fd() or fax_call_refuse_document() must follow
 * before its first audio. The options' strings are used now only.
 */
struct fax_call *fax_call_new_send_later(const struct fax_call_options *options);
/*
 * The document of a call made with fax_call_new_send_later: copied as for
 * fax_call_new_send_fd (a sealed memory file is used as it is), then
 * checked; an unusable one ends the call as CANNOT_READ_DOCUMENT.
 */
void fax_call_set_document_fd(struct fax_call *call, int document_fd);
/* No document after all: ends the call as CANNOT_READ_DOCUMENT, @problem says why. */
void fax_call_refuse_document(struct fax_call *call, const char *problem);
/*
 * Receive into @output_path, which must not exist yet: it is created now
 * (so an unwritable spool fails before the call is answered), and removed
 * again if the call ends without a single page received.
 */
struct fax_call *fax_call_new_receive(const struct fax_call_options *options,
				      const char *output_path);

/* Ends the call if it is still running (no RESULT event then) and frees it. */
void fax_call_free(struct fax_call *call);

/*
 * Audio from the line. Once the call has ended the samples are ignored.
 * Returns the number of samples consumed (n, or fewer if the call ended
 * within them).
 */
int fax_call_rx(struct fax_call *call, const int16_t *samples, int n);

/* Audio to the line: always fills all n samples, with silence when idle or ended. */
void fax_call_tx(struct fax_call *call, int16_t *samples, int n);

/* The line dropped (far end hung up, or the local line went down). */
void fax_call_hangup(struct fax_call *call);

/* Stop the call now, on the local user's request. */
void fax_call_abort(struct fax_call *call);

bool fax_call_is_finished(const struct fax_call *call);
enum fax_call_role fax_call_get_role(const struct fax_call *call);
/* The result; its outcome is FAX_CALL_IN_PROGRESS until the call has ended. */
const struct fax_call_result *fax_call_get_result(const struct fax_call *call);
/* The last negotiation, or NULL before phase B completed. */
const struct fax_call_negotiation *fax_call_get_negotiation(const struct fax_call *call);
uint64_t fax_call_get_line_samples(const struct fax_call *call);

/*
 * The far end's ident as every remote_ident above holds it: at most
 * FAX_CALL_IDENT_MAX bytes of @from (NULL: ""), each byte outside printable
 * ASCII (0x20..0x7e) replaced by '?'. The far end chooses those bytes, and
 * they go on into logs, the spool's .txt, the kernel's job status and a
 * routing command's environment: a newline or an escape there would forge
 * log lines or drive a terminal. @to holds FAX_CALL_IDENT_MAX + 1 bytes.
 */
void fax_call_printable_ident(char *to, const char *from);

const char *fax_call_outcome_name(enum fax_call_outcome outcome);
const char *fax_modem_name(enum fax_modem modem);
const char *fax_compression_name(enum fax_compression compression);

#endif
