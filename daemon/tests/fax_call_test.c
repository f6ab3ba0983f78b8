// SPDX-License-Identifier: GPL-2.0
/*
 * fax_call_test: fax_call instances back to back in one process, the
 * transmit audio of each fed to the receive side of the other in 20 ms
 * chunks, on a line that is clean, silent or noisy. Prints TAP.
 *
 * Time is line time, counted in samples: nothing here reads a clock to
 * decide anything (the CPU time is only printed, to show the speed).
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <spandsp.h>
#include <tiffio.h>
#include <tap.h>

#include "../t30/fax_call.h"
#include "../t30/t30_dcs.h"
#include "../t30/t30_outcome.h"
#include "fax_test_tiff.h"
#include "tiff_pages.h"

#define CHUNK_SAMPLES 160
#define SECONDS(s) ((uint64_t)(s) * FAX_CALL_SAMPLE_RATE)
#define MAX_RECORDED_EVENTS 64

static char work_dir[] = "/tmp/fax_call_test.XXXXXX";
static bool quick_mode;

/* ---- recording what a call reports ---- */

struct endpoint {
	const char *name;
	struct fax_call *call;
	int events;
	enum fax_call_event_type event_types[MAX_RECORDED_EVENTS];
	int event_pages[MAX_RECORDED_EVENTS];
	int negotiations;
	struct fax_call_negotiation negotiation;
	int phase_e_count;
	int pages_done;
	int results;
	struct fax_call_result result;
	bool event_after_result;
	/* Receiving side: the output is compared when the RESULT arrives. */
	const char *compare_with;
	enum tiff_header_rule header_rule;
	const char *output_path;
	int compare_status;		/* tiff_pages_compare(), or -2 if not run */
	/* PAGE_DONE events that said the document is complete, and on which page. */
	int document_complete_events;
	int document_complete_page;
	int compare_when_complete;	/* the output compared then, or -2 */
};

/* The receiver's output against the document now, or -2 when there is nothing to compare. */
static int compare_output(const struct endpoint *endpoint)
{
	if (!endpoint->compare_with || !endpoint->output_path)
		return -2;
	return tiff_pages_compare_with_header(endpoint->compare_with, endpoint->output_path,
					      endpoint->header_rule, stdout);
}

static void record_event(struct fax_call *call, const struct fax_call_event *event,
			 void *user_data)
{
	struct endpoint *endpoint = user_data;

	(void)call;
	if (endpoint->results)
		endpoint->event_after_result = true;
	if (endpoint->events < MAX_RECORDED_EVENTS) {
		endpoint->event_types[endpoint->events] = event->type;
		endpoint->event_pages[endpoint->events] = event->page;
	}
	endpoint->events++;

	switch (event->type) {
	case FAX_CALL_EVENT_NEGOTIATED:
		endpoint->negotiations++;
		endpoint->negotiation = *event->negotiation;
		break;
	case FAX_CALL_EVENT_PAGE_STARTED:
		break;
	case FAX_CALL_EVENT_PAGE_DONE:
		endpoint->pages_done = event->page;
		if (!event->document_complete)
			break;
		endpoint->document_complete_events++;
		endpoint->document_complete_page = event->page;
		/* The promise the spool files on: every page is in the file already. */
		endpoint->compare_when_complete = compare_output(endpoint);
		break;
	case FAX_CALL_EVENT_PHASE_E:
		endpoint->phase_e_count++;
		break;
	case FAX_CALL_EVENT_RESULT:
		endpoint->results++;
		endpoint->result = *event->result;
		/* The promise under test: the output is complete when RESULT comes. */
		endpoint->compare_status = compare_output(endpoint);
		break;
	}
}

static void endpoint_init(struct endpoint *endpoint, const char *name)
{
	memset(endpoint, 0, sizeof(*endpoint));
	endpoint->name = name;
	endpoint->compare_status = -2;
	endpoint->compare_when_complete = -2;
}

static struct fax_call_options endpoint_options(struct endpoint *endpoint)
{
	return (struct fax_call_options){
		.on_event = record_event,
		.user_data = endpoint,
	};
}

/* ---- checks ---- */

static bool check_failed;

static void fail(const char *format, ...)
{
	va_list args;

	printf("# FAIL: ");
	va_start(args, format);
	vprintf(format, args);
	va_end(args);
	printf("\n");
	check_failed = true;
}

#define CHECK(condition, ...) do { if (!(condition)) fail(__VA_ARGS__); } while (0)

static void print_result(const struct endpoint *endpoint)
{
	const struct fax_call_result *r = &endpoint->result;

	printf("# %s: %s, T.30 %d (%s), pages %d/%d, remote '%s', line %.1f s\n",
	       endpoint->name, fax_call_outcome_name(r->outcome), r->t30_code,
	       r->t30_text ? r->t30_text : "?", r->pages_transferred, r->pages_total,
	       r->remote_ident, (double)r->line_samples / FAX_CALL_SAMPLE_RATE);
}

/* Events must come as NEGOTIATED ... (STARTED n, DONE n)* ... PHASE_E, RESULT. */
static void check_event_order(const struct endpoint *endpoint, int pages_expected)
{
	int next_page = 1;
	bool page_open = false;

	CHECK(endpoint->results == 1, "%s: %d RESULT events", endpoint->name, endpoint->results);
	CHECK(!endpoint->event_after_result, "%s: events after RESULT", endpoint->name);
	CHECK(endpoint->events <= MAX_RECORDED_EVENTS, "%s: %d events", endpoint->name,
	      endpoint->events);
	for (int i = 0; i < endpoint->events && i < MAX_RECORDED_EVENTS; i++) {
		switch (endpoint->event_types[i]) {
		case FAX_CALL_EVENT_PAGE_STARTED:
			CHECK(!page_open && endpoint->event_pages[i] == next_page,
			      "%s: PAGE_STARTED %d out of order", endpoint->name,
			      endpoint->event_pages[i]);
			page_open = true;
			break;
		case FAX_CALL_EVENT_PAGE_DONE:
			CHECK(page_open && endpoint->event_pages[i] == next_page,
			      "%s: PAGE_DONE %d out of order", endpoint->name,
			      endpoint->event_pages[i]);
			page_open = false;
			next_page++;
			break;
		case FAX_CALL_EVENT_RESULT:
			CHECK(i == endpoint->events - 1, "%s: RESULT not last", endpoint->name);
			break;
		default:
			break;
		}
	}
	CHECK(next_page - 1 == pages_expected, "%s: %d pages reported done, expected %d",
	      endpoint->name, next_page - 1, pages_expected);
}

/* ---- the line between two calls ---- */

/* xorshift64*: deterministic, so a failing noisy run can be replayed. */
struct noise_source {
	uint64_t state;
	double sigma;		/* 0: a clean line */
};

static double uniform(struct noise_source *noise)
{
	noise->state ^= noise->state >> 12;
	noise->state ^= noise->state << 25;
	noise->state ^= noise->state >> 27;
	return (double)((noise->state * 0x2545f4914f6cdd1dull) >> 11) / (double)(1ull << 53);
}

/* Sum of 12 uniforms minus 6: zero mean, unit variance, close enough to Gaussian. */
static double gaussian(struct noise_source *noise)
{
	double sum = 0;

	for (int i = 0; i < 12; i++)
		sum += uniform(noise);
	return sum - 6.0;
}

static void add_noise(struct noise_source *noise, int16_t *samples, int n)
{
	if (noise->sigma <= 0)
		return;
	for (int i = 0; i < n; i++) {
		double value = samples[i] + noise->sigma * gaussian(noise);

		samples[i] = (int16_t)(value > 32767 ? 32767 : value < -32768 ? -32768 : value);
	}
}

typedef bool stop_condition_fn(const struct endpoint *a, const struct endpoint *b);

static bool both_ended(const struct endpoint *a, const struct endpoint *b)
{
	bool a_done = fax_call_is_finished(a->call) && a->results;
	bool b_done = !b || (fax_call_is_finished(b->call) && b->results);

	return a_done && b_done;
}

/*
 * Run until @stop says so or @limit samples of line time have passed (a
 * bound for the test itself, above every deadline under test).
 * @b may be NULL: then @a hears silence (plus noise).
 */
static uint64_t run_line_until(struct endpoint *a, struct endpoint *b,
			       struct noise_source *noise, uint64_t limit,
			       stop_condition_fn *stop)
{
	int16_t a_to_b[CHUNK_SAMPLES], b_to_a[CHUNK_SAMPLES];
	uint64_t elapsed = 0;

	while (elapsed < limit && !stop(a, b)) {
		fax_call_tx(a->call, a_to_b, CHUNK_SAMPLES);
		if (b)
			fax_call_tx(b->call, b_to_a, CHUNK_SAMPLES);
		else
			memset(b_to_a, 0, sizeof(b_to_a));
		add_noise(noise, a_to_b, CHUNK_SAMPLES);
		add_noise(noise, b_to_a, CHUNK_SAMPLES);
		if (b)
			fax_call_rx(b->call, a_to_b, CHUNK_SAMPLES);
		fax_call_rx(a->call, b_to_a, CHUNK_SAMPLES);
		elapsed += CHUNK_SAMPLES;
	}
	return elapsed;
}

static uint64_t run_line(struct endpoint *a, struct endpoint *b, struct noise_source *noise,
			 uint64_t limit)
{
	return run_line_until(a, b, noise, limit, both_ended);
}

/* ---- fixtures ---- */

/* Paths under the work directory, made once per name and kept until exit. */
struct work_file {
	struct work_file *next;
	char path[];
};

static struct work_file *work_files;

static const char *work_path(const char *name)
{
	size_t size = strlen(work_dir) + 1 + strlen(name) + 1;
	struct work_file *file;

	for (file = work_files; file; file = file->next)
		if (!strcmp(file->path + strlen(work_dir) + 1, name))
			return file->path;
	file = malloc(sizeof(*file) + size);
	if (!file) {
		printf("Bail out! out of memory\n");
		exit(1);
	}
	snprintf(file->path, size, "%s/%s", work_dir, name);
	file->next = work_files;
	work_files = file;
	return file->path;
}

static void free_work_paths(void)
{
	while (work_files) {
		struct work_file *next = work_files->next;

		free(work_files);
		work_files = next;
	}
}

static const char *make_document(const char *name, int pages, enum page_resolution resolution,
				 enum fax_test_coding coding)
{
	const char *path = work_path(name);
	struct fax_test_tiff document = {
		.picture = FAX_TEST_NUMBERED_PAGES,
		.coding = coding,
		.resolution = resolution,
		.pages = (unsigned int)pages,
		.software = "faxd make_test_tiff",
	};

	if (access(path, F_OK) == 0)
		return path;
	if (fax_test_tiff_write(path, &document, stdout)) {
		fail("cannot write %s", path);
		return NULL;
	}
	return path;
}

/* ---- transfer tests ---- */

struct transfer_case {
	const char *name;
	const char *document;
	int pages;
	bool send_from_fd;
	unsigned int modems;
	unsigned int compressions;
	bool disable_ecm;
	const char *header_info;
	const char *expected_header;	/* header_info as printed */
	enum fax_modem expected_modem;
	int expected_bit_rate;
	enum fax_compression expected_compression;
};

static double cpu_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void run_transfer(const struct transfer_case *test)
{
	static const char sender_ident[] = "+1 555 0100";
	static const char receiver_ident[] = "+1 555 0199";
	struct endpoint sender, receiver;
	struct fax_call_options sender_options, receiver_options;
	const char *output = work_path(test->name);
	int document_fd = -1;
	double cpu_start;
	uint64_t line_time;

	if (!test->document)
		return;
	endpoint_init(&sender, "sender");
	endpoint_init(&receiver, "receiver");
	receiver.compare_with = test->document;
	receiver.header_rule = test->header_info ? TIFF_HEADER_REQUIRED : TIFF_HEADER_NONE;
	receiver.output_path = output;

	sender_options = endpoint_options(&sender);
	sender_options.local_ident = sender_ident;
	sender_options.modems = test->modems;
	sender_options.compressions = test->compressions;
	sender_options.disable_ecm = test->disable_ecm;
	sender_options.header_info = test->header_info;
	sender_options.call_deadline_samples = SECONDS(600);
	receiver_options = endpoint_options(&receiver);
	receiver_options.local_ident = receiver_ident;
	receiver_options.modems = test->modems;
	receiver_options.compressions = test->compressions;
	receiver_options.disable_ecm = test->disable_ecm;
	receiver_options.call_deadline_samples = SECONDS(600);

	if (test->send_from_fd) {
		document_fd = open(test->document, O_RDONLY | O_CLOEXEC);
		CHECK(document_fd >= 0, "open %s: %s", test->document, strerror(errno));
		sender.call = fax_call_new_send_fd(&sender_options, document_fd);
	} else {
		sender.call = fax_call_new_send_file(&sender_options, test->document);
	}
	receiver.call = fax_call_new_receive(&receiver_options, output);
	if (!sender.call || !receiver.call) {
		fail("cannot create the calls: %s", strerror(errno));
		goto out;
	}
	/* The document's pages are known before the call, for the progress display. */
	CHECK(!fax_call_is_finished(sender.call), "sender ended before starting");

	cpu_start = cpu_seconds();
	line_time = run_line(&sender, &receiver, &(struct noise_source){ 0 }, SECONDS(900));
	{
		double cpu = cpu_seconds() - cpu_start;

		printf("# %.1f s of line time in %.3f s of CPU for both ends: %.0fx real time\n",
		       (double)line_time / FAX_CALL_SAMPLE_RATE, cpu,
		       cpu > 0 ? (double)line_time / FAX_CALL_SAMPLE_RATE / cpu : 0.0);
	}
	print_result(&sender);
	print_result(&receiver);

	CHECK(sender.result.outcome == FAX_CALL_COMPLETED, "sender outcome %s",
	      fax_call_outcome_name(sender.result.outcome));
	CHECK(receiver.result.outcome == FAX_CALL_COMPLETED, "receiver outcome %s",
	      fax_call_outcome_name(receiver.result.outcome));
	CHECK(sender.result.t30_code == T30_ERR_OK && receiver.result.t30_code == T30_ERR_OK,
	      "T.30 codes %d / %d", sender.result.t30_code, receiver.result.t30_code);
	CHECK(sender.result.pages_transferred == test->pages &&
	      sender.result.pages_total == test->pages,
	      "sender pages %d/%d, expected %d", sender.result.pages_transferred,
	      sender.result.pages_total, test->pages);
	CHECK(receiver.result.pages_transferred == test->pages,
	      "receiver pages %d, expected %d", receiver.result.pages_transferred, test->pages);
	CHECK(!strcmp(sender.result.remote_ident, receiver_ident),
	      "sender sees '%s', expected '%s'", sender.result.remote_ident, receiver_ident);
	CHECK(!strcmp(receiver.result.remote_ident, sender_ident),
	      "receiver sees '%s', expected '%s'", receiver.result.remote_ident, sender_ident);
	CHECK(sender.negotiations >= 1 && receiver.negotiations >= 1, "no NEGOTIATED event");
	CHECK(!strcmp(sender.negotiation.remote_ident, receiver_ident) &&
	      !strcmp(receiver.negotiation.remote_ident, sender_ident),
	      "negotiated idents '%s' / '%s'", sender.negotiation.remote_ident,
	      receiver.negotiation.remote_ident);
	for (int side = 0; side < 2; side++) {
		const struct endpoint *e = side ? &receiver : &sender;

		printf("# %s negotiated %s %d bit/s, %s, ECM %s\n", e->name,
		       fax_modem_name(e->negotiation.modem), e->negotiation.bit_rate,
		       fax_compression_name(e->negotiation.compression),
		       e->negotiation.ecm ? "on" : "off");
		CHECK(e->negotiation.modem == test->expected_modem &&
		      e->negotiation.bit_rate == test->expected_bit_rate,
		      "%s: modem %s %d, expected %s %d", e->name,
		      fax_modem_name(e->negotiation.modem), e->negotiation.bit_rate,
		      fax_modem_name(test->expected_modem), test->expected_bit_rate);
		CHECK(e->negotiation.compression == test->expected_compression,
		      "%s: compression %s", e->name,
		      fax_compression_name(e->negotiation.compression));
		CHECK(e->negotiation.ecm == !test->disable_ecm, "%s: ECM %d", e->name,
		      e->negotiation.ecm);
		CHECK(e->phase_e_count == 1, "%s: %d PHASE_E events", e->name, e->phase_e_count);
		check_event_order(e, test->pages);
	}
	CHECK(receiver.compare_status == 0, "received document differs from the sent one (%d)",
	      receiver.compare_status);
	CHECK(receiver.document_complete_events == 1 &&
	      receiver.document_complete_page == test->pages,
	      "receiver: %d PAGE_DONE events with document_complete (page %d), expected 1 (page %d)",
	      receiver.document_complete_events, receiver.document_complete_page, test->pages);
	CHECK(receiver.compare_when_complete == 0,
	      "the output was not the whole document when PAGE_DONE said complete (%d)",
	      receiver.compare_when_complete);
	CHECK(sender.document_complete_events == 0, "the sender reported a complete document");
	if (test->expected_header)
		CHECK(!strcmp(fax_call_get_header_info(sender.call), test->expected_header),
		      "the header printed was \"%s\", expected \"%s\"",
		      fax_call_get_header_info(sender.call), test->expected_header);
out:
	fax_call_free(sender.call);
	fax_call_free(receiver.call);
	if (document_fd >= 0)
		close(document_fd);
	/* Still the same after the calls are gone. */
	CHECK(tiff_pages_compare_with_header(test->document, output, receiver.header_rule,
					     stdout) == 0,
	      "received document differs after free");
}

static void test_v17_ecm_mmr(void)
{
	run_transfer(&(struct transfer_case){
		.name = "v17-ecm-mmr.tif",
		.document = make_document("doc-fine-mmr.tif", 3, PAGE_RESOLUTION_FINE,
					  FAX_TEST_MMR),
		.pages = 3,
		.modems = FAX_MODEM_V17,
		.compressions = FAX_COMPRESSION_MMR,
		.expected_modem = FAX_MODEM_V17,
		.expected_bit_rate = 14400,
		.expected_compression = FAX_COMPRESSION_MMR,
	});
}

static void test_v29_no_ecm_mh_from_fd(void)
{
	run_transfer(&(struct transfer_case){
		.name = "v29-mh.tif",
		.document = make_document("doc-fine-mmr.tif", 3, PAGE_RESOLUTION_FINE,
					  FAX_TEST_MMR),
		.pages = 3,
		.send_from_fd = true,
		.modems = FAX_MODEM_V29 | FAX_MODEM_V27TER,
		.compressions = FAX_COMPRESSION_MH,
		.disable_ecm = true,
		.expected_modem = FAX_MODEM_V29,
		.expected_bit_rate = 9600,
		.expected_compression = FAX_COMPRESSION_MH,
	});
}

static void test_v27ter_no_ecm_mr_standard(void)
{
	run_transfer(&(struct transfer_case){
		.name = "v27ter-mr.tif",
		.document = make_document("doc-standard-mh.tif", 2, PAGE_RESOLUTION_STANDARD,
					  FAX_TEST_MH),
		.pages = 2,
		.modems = FAX_MODEM_V27TER,
		.compressions = FAX_COMPRESSION_MR,
		.disable_ecm = true,
		.expected_modem = FAX_MODEM_V27TER,
		.expected_bit_rate = 4800,
		.expected_compression = FAX_COMPRESSION_MR,
	});
}

static void test_all_defaults(void)
{
	run_transfer(&(struct transfer_case){
		.name = "defaults.tif",
		.document = make_document("doc-fine-mr.tif", 1, PAGE_RESOLUTION_FINE,
					  FAX_TEST_MR),
		.pages = 1,
		.send_from_fd = true,
		.header_info = "faxd test header, {pages} page(s)",
		.expected_header = "faxd test header, 1 page(s)",
		.expected_modem = FAX_MODEM_V17,
		.expected_bit_rate = 14400,
		.expected_compression = FAX_COMPRESSION_MMR,
	});
}

/* No shared state: several calls interleaved chunk by chunk keep to themselves. */
static void test_concurrent_calls(void)
{
	enum { PAIRS = 6 };
	static const char *const documents[3] = {
		"doc-standard-mmr-1.tif", "doc-standard-mmr-2.tif", "doc-standard-mmr.tif",
	};
	struct endpoint senders[PAIRS], receivers[PAIRS];
	int16_t a_to_b[CHUNK_SAMPLES], b_to_a[CHUNK_SAMPLES];
	bool all_ended = false;

	for (int i = 0; i < PAIRS; i++) {
		int pages = i % 3 + 1;
		const char *document = make_document(documents[i % 3], pages,
						     PAGE_RESOLUTION_STANDARD, FAX_TEST_MMR);
		char output_name[32];
		struct fax_call_options options;

		snprintf(output_name, sizeof(output_name), "concurrent-%d.tif", i);
		endpoint_init(&senders[i], "sender");
		endpoint_init(&receivers[i], "receiver");
		receivers[i].compare_with = document;
		receivers[i].output_path = work_path(output_name);
		options = endpoint_options(&senders[i]);
		senders[i].call = fax_call_new_send_file(&options, document);
		options = endpoint_options(&receivers[i]);
		receivers[i].call = fax_call_new_receive(&options, receivers[i].output_path);
		if (!senders[i].call || !receivers[i].call)
			fail("cannot create call pair %d: %s", i, strerror(errno));
	}
	for (uint64_t t = 0; !check_failed && !all_ended && t < SECONDS(600); t += CHUNK_SAMPLES) {
		all_ended = true;
		for (int i = 0; i < PAIRS; i++) {
			fax_call_tx(senders[i].call, a_to_b, CHUNK_SAMPLES);
			fax_call_tx(receivers[i].call, b_to_a, CHUNK_SAMPLES);
			fax_call_rx(receivers[i].call, a_to_b, CHUNK_SAMPLES);
			fax_call_rx(senders[i].call, b_to_a, CHUNK_SAMPLES);
			all_ended &= both_ended(&senders[i], &receivers[i]);
		}
	}
	for (int i = 0; i < PAIRS; i++) {
		int pages = i % 3 + 1;

		CHECK(senders[i].result.outcome == FAX_CALL_COMPLETED &&
		      receivers[i].result.outcome == FAX_CALL_COMPLETED,
		      "pair %d: %s / %s", i, fax_call_outcome_name(senders[i].result.outcome),
		      fax_call_outcome_name(receivers[i].result.outcome));
		CHECK(receivers[i].result.pages_transferred == pages,
		      "pair %d: %d pages received, expected %d", i,
		      receivers[i].result.pages_transferred, pages);
		CHECK(receivers[i].compare_status == 0, "pair %d: received pages differ", i);
		fax_call_free(senders[i].call);
		fax_call_free(receivers[i].call);
	}
}

/* ---- bounded failures ---- */

static void expect_bounded_failure(const struct endpoint *e, uint64_t deadline)
{
	print_result(e);
	CHECK(e->results == 1, "%s: %d RESULT events", e->name, e->results);
	CHECK(fax_call_is_finished(e->call), "%s: not finished", e->name);
	CHECK(e->result.outcome != FAX_CALL_COMPLETED && e->result.outcome != FAX_CALL_IN_PROGRESS,
	      "%s: outcome %s", e->name, fax_call_outcome_name(e->result.outcome));
	CHECK(e->result.line_samples <= deadline, "%s: ended after %llu samples, deadline %llu",
	      e->name, (unsigned long long)e->result.line_samples,
	      (unsigned long long)deadline);
	CHECK(e->result.pages_transferred == 0, "%s: %d pages", e->name,
	      e->result.pages_transferred);
	CHECK(!e->event_after_result, "%s: events after RESULT", e->name);
}

static void silent_far_end(uint64_t call_deadline, uint64_t phase_deadline,
			   enum fax_call_outcome expected, uint64_t expected_end)
{
	struct endpoint sender;
	struct fax_call_options options;
	const char *document = make_document("doc-fine-mmr.tif", 3, PAGE_RESOLUTION_FINE,
					     FAX_TEST_MMR);

	endpoint_init(&sender, "sender");
	options = endpoint_options(&sender);
	options.call_deadline_samples = call_deadline;
	options.phase_deadline_samples = phase_deadline;
	sender.call = fax_call_new_send_file(&options, document);
	if (!sender.call) {
		fail("cannot create the call: %s", strerror(errno));
		return;
	}
	run_line(&sender, NULL, &(struct noise_source){ 0 }, SECONDS(300));
	expect_bounded_failure(&sender, call_deadline);
	CHECK(sender.result.outcome == expected, "outcome %s, expected %s",
	      fax_call_outcome_name(sender.result.outcome), fax_call_outcome_name(expected));
	if (expected_end)
		CHECK(sender.result.line_samples == expected_end,
		      "ended at %llu samples, expected %llu",
		      (unsigned long long)sender.result.line_samples,
		      (unsigned long long)expected_end);
	fax_call_free(sender.call);
}

static void test_silence_call_deadline(void)
{
	/* 20 s is well before T.30's own T0 (60 s): only our watchdog can end it. */
	silent_far_end(SECONDS(20), 0, FAX_CALL_TIMEOUT, SECONDS(20));
}

static void test_silence_phase_deadline(void)
{
	silent_far_end(SECONDS(200), SECONDS(15), FAX_CALL_TIMEOUT, SECONDS(15));
}

static void test_silence_t30_gives_up(void)
{
	silent_far_end(SECONDS(200), 0, FAX_CALL_NO_FAX_ANSWER, 0);
}

/*
 * An answered call whose caller never speaks T.30 (a voice caller who says
 * nothing): spandsp gives up after its DIS retries (T30_ERR_RETRYDCN), but
 * what the receiver learnt is that no fax called: NO_FAX_ANSWER, which
 * faxd reports as FPS_NOT_FAX_CALL, not a protocol failure.
 */
static void test_silent_caller_is_no_fax(void)
{
	struct endpoint receiver;
	struct fax_call_options options;

	endpoint_init(&receiver, "receiver");
	options = endpoint_options(&receiver);
	receiver.call = fax_call_new_receive(&options, work_path("silent-caller.tif"));
	if (!receiver.call) {
		fail("cannot create the call: %s", strerror(errno));
		return;
	}
	run_line(&receiver, NULL, &(struct noise_source){ 0 }, SECONDS(300));
	expect_bounded_failure(&receiver, SECONDS(300));
	CHECK(receiver.result.outcome == FAX_CALL_NO_FAX_ANSWER, "outcome %s, expected %s",
	      fax_call_outcome_name(receiver.result.outcome),
	      fax_call_outcome_name(FAX_CALL_NO_FAX_ANSWER));
	fax_call_free(receiver.call);
}

struct noisy_case {
	const char *output_name;
	double sigma;
	uint64_t seed;
	bool training_only;	/* V.21 frames get through, high-speed training does not */
};

static void noisy_line(const struct noisy_case *test)
{
	static const char sender_ident[] = "+1 555 0100";
	static const char receiver_ident[] = "+1 555 0199";
	struct endpoint sender, receiver;
	struct fax_call_options sender_options, receiver_options;
	const char *document = make_document("doc-fine-mmr.tif", 3, PAGE_RESOLUTION_FINE,
					     FAX_TEST_MMR);
	const char *output = work_path(test->output_name);
	const uint64_t deadline = SECONDS(120);

	endpoint_init(&sender, "sender");
	endpoint_init(&receiver, "receiver");
	sender_options = endpoint_options(&sender);
	sender_options.local_ident = sender_ident;
	sender_options.call_deadline_samples = deadline;
	receiver_options = endpoint_options(&receiver);
	receiver_options.local_ident = receiver_ident;
	receiver_options.call_deadline_samples = deadline;
	sender.call = fax_call_new_send_file(&sender_options, document);
	receiver.call = fax_call_new_receive(&receiver_options, output);
	if (!sender.call || !receiver.call) {
		fail("cannot create the calls: %s", strerror(errno));
		goto out;
	}
	run_line(&sender, &receiver,
		 &(struct noise_source){ .state = test->seed, .sigma = test->sigma },
		 SECONDS(300));
	expect_bounded_failure(&sender, deadline);
	expect_bounded_failure(&receiver, deadline);
	CHECK(sender.negotiations == 0 && receiver.negotiations == 0,
	      "training succeeded %d / %d times", sender.negotiations, receiver.negotiations);
	CHECK(access(output, F_OK) != 0, "an output without pages was left behind");
	if (test->training_only) {
		CHECK(!strcmp(sender.result.remote_ident, receiver_ident),
		      "no V.21 frame got through: the noise is too strong for this case");
	} else {
		CHECK(sender.result.outcome == FAX_CALL_TIMEOUT ||
		      receiver.result.outcome == FAX_CALL_TIMEOUT,
		      "T.30 ended by itself: the noise is too weak to make it retry forever");
	}
out:
	fax_call_free(sender.call);
	fax_call_free(receiver.call);
}

/*
 * Levels found with this PRNG and these seeds: the fax signal is about
 * 1800 RMS while it is on. At sigma 80 the receiver answers the DCS with
 * FTT (failure to train); from about 100 up both ends retry forever.
 */
static void test_noise_breaks_training(void)
{
	noisy_line(&(struct noisy_case){ "noise-training.tif", 80.0, 1, true });
}

static void test_noise_drowns_everything(void)
{
	noisy_line(&(struct noisy_case){ "noise-heavy.tif", 1500.0, 0x1234567887654321ull, false });
}

/* ---- calls ended from outside ---- */

static bool sender_confirmed_page_1(const struct endpoint *sender, const struct endpoint *receiver)
{
	(void)receiver;
	return sender->pages_done >= 1 || fax_call_is_finished(sender->call);
}

static bool sender_negotiated(const struct endpoint *sender, const struct endpoint *receiver)
{
	(void)receiver;
	return sender->negotiations >= 1 || fax_call_is_finished(sender->call);
}

static void start_pair(struct endpoint *sender, struct endpoint *receiver, const char *output,
		       uint64_t deadline)
{
	struct fax_call_options sender_options, receiver_options;

	endpoint_init(sender, "sender");
	endpoint_init(receiver, "receiver");
	sender_options = endpoint_options(sender);
	sender_options.call_deadline_samples = deadline;
	receiver_options = endpoint_options(receiver);
	receiver_options.call_deadline_samples = deadline;
	sender->call = fax_call_new_send_file(&sender_options,
					      make_document("doc-fine-mmr.tif", 3,
							    PAGE_RESOLUTION_FINE, FAX_TEST_MMR));
	receiver->call = fax_call_new_receive(&receiver_options, output);
	if (!sender->call || !receiver->call)
		fail("cannot create the calls: %s", strerror(errno));
}

static void test_hangup_after_first_page(void)
{
	const char *output = work_path("hangup.tif");
	const char *first_page = make_document("doc-fine-mmr-1.tif", 1, PAGE_RESOLUTION_FINE,
					       FAX_TEST_MMR);
	struct endpoint sender, receiver;

	start_pair(&sender, &receiver, output, SECONDS(600));
	if (!sender.call || !receiver.call)
		goto out;
	run_line_until(&sender, &receiver, &(struct noise_source){ 0 }, SECONDS(300),
		       sender_confirmed_page_1);
	CHECK(sender.pages_done == 1 && !fax_call_is_finished(sender.call),
	      "the call did not get to page 2 (%d pages)", sender.pages_done);
	/* The line drops under both ends. */
	fax_call_hangup(sender.call);
	fax_call_hangup(receiver.call);
	print_result(&sender);
	print_result(&receiver);
	for (int side = 0; side < 2; side++) {
		const struct endpoint *e = side ? &receiver : &sender;

		CHECK(e->results == 1 && fax_call_is_finished(e->call),
		      "%s: no RESULT at hang-up", e->name);
		CHECK(e->result.outcome == FAX_CALL_DISCONNECTED, "%s: outcome %s", e->name,
		      fax_call_outcome_name(e->result.outcome));
		CHECK(e->result.pages_transferred == 1, "%s: %d pages", e->name,
		      e->result.pages_transferred);
		check_event_order(e, 1);
	}
	CHECK(sender.result.pages_total == 3, "sender total %d", sender.result.pages_total);
	fax_call_hangup(sender.call);
	CHECK(sender.results == 1, "a second hang-up gave another RESULT");
	CHECK(tiff_pages_compare(first_page, output, stdout) == 0,
	      "the page received before the hang-up is not page 1");
out:
	fax_call_free(sender.call);
	fax_call_free(receiver.call);
}

static void test_abort_after_negotiation(void)
{
	const char *output = work_path("abort.tif");
	struct endpoint sender, receiver;
	int16_t samples[CHUNK_SAMPLES];
	bool silent = true;

	start_pair(&sender, &receiver, output, SECONDS(120));
	if (!sender.call || !receiver.call)
		goto out;
	run_line_until(&sender, &receiver, &(struct noise_source){ 0 }, SECONDS(300),
		       sender_negotiated);
	CHECK(sender.negotiations == 1 && !fax_call_is_finished(sender.call),
	      "the call did not get to phase C");
	fax_call_abort(sender.call);
	CHECK(sender.results == 1 && sender.result.outcome == FAX_CALL_ABORTED,
	      "sender: outcome %s", fax_call_outcome_name(sender.result.outcome));
	fax_call_tx(sender.call, samples, CHUNK_SAMPLES);
	for (int i = 0; i < CHUNK_SAMPLES; i++)
		silent &= samples[i] == 0;
	CHECK(silent, "an aborted call still transmits");
	/* The receiver is left alone with a silent line, and must end by itself. */
	run_line(&receiver, &sender, &(struct noise_source){ 0 }, SECONDS(300));
	print_result(&sender);
	expect_bounded_failure(&receiver, SECONDS(120));
	CHECK(sender.results == 1, "sender: %d RESULT events", sender.results);
	CHECK(access(output, F_OK) != 0, "an output without pages was left behind");
out:
	fax_call_free(sender.call);
	fax_call_free(receiver.call);
}

/* ---- documents and outputs that cannot be used ---- */

static void expect_failed_at_start(struct endpoint *e, enum fax_call_outcome expected)
{
	int16_t samples[CHUNK_SAMPLES];
	bool silent = true;

	if (!e->call) {
		fail("%s: no call: %s", e->name, strerror(errno));
		return;
	}
	CHECK(fax_call_is_finished(e->call), "%s: not finished at once", e->name);
	CHECK(fax_call_get_result(e->call)->outcome == expected, "%s: outcome %s, expected %s",
	      e->name, fax_call_outcome_name(fax_call_get_result(e->call)->outcome),
	      fax_call_outcome_name(expected));
	CHECK(e->results == 0, "%s: RESULT delivered inside the constructor", e->name);
	memset(samples, 0x55, sizeof(samples));
	fax_call_tx(e->call, samples, CHUNK_SAMPLES);
	for (int i = 0; i < CHUNK_SAMPLES; i++)
		silent &= samples[i] == 0;
	CHECK(silent, "%s: an ended call must transmit silence", e->name);
	fax_call_tx(e->call, samples, CHUNK_SAMPLES);
	CHECK(e->results == 1, "%s: %d RESULT events", e->name, e->results);
	CHECK(e->result.outcome == expected && fax_call_get_line_samples(e->call) == 0,
	      "%s: RESULT %s after %llu samples", e->name,
	      fax_call_outcome_name(e->result.outcome),
	      (unsigned long long)fax_call_get_line_samples(e->call));
	print_result(e);
	fax_call_free(e->call);
	e->call = NULL;
}

static void test_unusable_documents(void)
{
	const char *not_tiff = work_path("not-a-tiff.tif");
	FILE *file = fopen(not_tiff, "w");
	struct endpoint e;
	struct fax_call_options options;
	int fd;

	if (!file) {
		fail("cannot write %s", not_tiff);
		return;
	}
	fputs("this is not a TIFF file\n", file);
	fclose(file);

	endpoint_init(&e, "missing file");
	options = endpoint_options(&e);
	e.call = fax_call_new_send_file(&options, work_path("no-such-document.tif"));
	expect_failed_at_start(&e, FAX_CALL_CANNOT_READ_DOCUMENT);

	endpoint_init(&e, "not a TIFF");
	options = endpoint_options(&e);
	e.call = fax_call_new_send_file(&options, not_tiff);
	expect_failed_at_start(&e, FAX_CALL_CANNOT_READ_DOCUMENT);

	endpoint_init(&e, "not a TIFF, from an fd");
	options = endpoint_options(&e);
	fd = open(not_tiff, O_RDONLY | O_CLOEXEC);
	e.call = fax_call_new_send_fd(&options, fd);
	expect_failed_at_start(&e, FAX_CALL_CANNOT_READ_DOCUMENT);
	close(fd);

	endpoint_init(&e, "document over the size limit");
	options = endpoint_options(&e);
	options.max_document_bytes = 1000;
	fd = open(make_document("doc-fine-mmr.tif", 3, PAGE_RESOLUTION_FINE, FAX_TEST_MMR),
		  O_RDONLY | O_CLOEXEC);
	e.call = fax_call_new_send_fd(&options, fd);
	expect_failed_at_start(&e, FAX_CALL_CANNOT_READ_DOCUMENT);
	close(fd);

	endpoint_init(&e, "output in a missing directory");
	options = endpoint_options(&e);
	e.call = fax_call_new_receive(&options, work_path("no-such-dir/out.tif"));
	expect_failed_at_start(&e, FAX_CALL_CANNOT_WRITE_OUTPUT);

	endpoint_init(&e, "output that exists");
	options = endpoint_options(&e);
	e.call = fax_call_new_receive(&options, not_tiff);
	expect_failed_at_start(&e, FAX_CALL_CANNOT_WRITE_OUTPUT);
	CHECK(access(not_tiff, F_OK) == 0, "an existing file was removed");
}

static void test_bad_arguments(void)
{
	struct fax_call_options options = { .local_ident = "123456789012345678901" };
	char long_path[FAX_CALL_PATH_MAX + 2];

	errno = 0;
	CHECK(!fax_call_new_send_file(&options, "x.tif") && errno == EINVAL,
	      "a 21-character ident was accepted");
	options = (struct fax_call_options){ .local_ident = "bad\nident" };
	CHECK(!fax_call_new_receive(&options, work_path("x.tif")) && errno == EINVAL,
	      "an ident with a newline was accepted");
	options = (struct fax_call_options){ .modems = 1u << 7 };
	CHECK(!fax_call_new_send_file(&options, "x.tif") && errno == EINVAL,
	      "an unknown modem was accepted");
	options = (struct fax_call_options){ .compressions = FAX_COMPRESSION_MMR,
					      .disable_ecm = true };
	CHECK(!fax_call_new_send_file(&options, "x.tif") && errno == EINVAL,
	      "MMR without ECM was accepted");
	options = (struct fax_call_options){ .header_info = "receivers print no header" };
	CHECK(!fax_call_new_receive(&options, work_path("x.tif")) && errno == EINVAL,
	      "a header on a receiving call was accepted");
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[sizeof(long_path) - 1] = '\0';
	CHECK(!fax_call_new_send_file(NULL, long_path) && errno == ENAMETOOLONG,
	      "a path spandsp would truncate was accepted");
	CHECK(!fax_call_new_send_fd(NULL, -1) && errno == EINVAL, "fd -1 was accepted");
	CHECK(access(work_path("x.tif"), F_OK) != 0, "a refused call created its output");
}

/* ---- pure functions ---- */

static void test_outcome_table(void)
{
	int count = t30_outcome_code_count();

	CHECK(count == T30_ERR_CSA_UNACCEPTABLE + 1, "table has %d codes", count);
	for (int code = 0; code < count; code++) {
		enum fax_call_outcome send = t30_outcome_for_code(code, FAX_CALL_SEND);
		enum fax_call_outcome receive = t30_outcome_for_code(code, FAX_CALL_RECEIVE);

		CHECK(t30_outcome_code_is_listed(code), "code %d (%s) is not in the table", code,
		      t30_completion_code_to_str(code));
		CHECK((send == FAX_CALL_COMPLETED) == (code == T30_ERR_OK) &&
		      (receive == FAX_CALL_COMPLETED) == (code == T30_ERR_OK),
		      "code %d (%s) maps to completed", code, t30_completion_code_to_str(code));
		CHECK(send != FAX_CALL_IN_PROGRESS && receive != FAX_CALL_IN_PROGRESS,
		      "code %d maps to in progress", code);
	}
	CHECK(t30_outcome_for_code(count, FAX_CALL_SEND) == FAX_CALL_PROTOCOL_FAILURE &&
	      t30_outcome_for_code(-1, FAX_CALL_RECEIVE) == FAX_CALL_PROTOCOL_FAILURE,
	      "unknown codes are not failures");
	CHECK(t30_outcome_for_code(T30_ERR_FILEERROR, FAX_CALL_SEND) ==
	      FAX_CALL_CANNOT_READ_DOCUMENT &&
	      t30_outcome_for_code(T30_ERR_FILEERROR, FAX_CALL_RECEIVE) ==
	      FAX_CALL_CANNOT_WRITE_OUTPUT, "file errors are not resolved by role");
	CHECK(t30_outcome_for_code(T30_ERR_CALLDROPPED, FAX_CALL_SEND) == FAX_CALL_DISCONNECTED &&
	      t30_outcome_for_code(T30_ERR_RX_DCNDATA, FAX_CALL_RECEIVE) ==
	      FAX_CALL_DISCONNECTED, "hang-ups are not DISCONNECTED");
	CHECK(t30_outcome_for_code(T30_ERR_T0_EXPIRED, FAX_CALL_SEND) == FAX_CALL_NO_FAX_ANSWER,
	      "T0 expiry is not NO_FAX_ANSWER");
	CHECK(t30_outcome_for_code(T30_ERR_CANNOT_TRAIN, FAX_CALL_SEND) ==
	      FAX_CALL_PROTOCOL_FAILURE, "training failure is not a protocol failure");
}

static void test_dcs_decoding(void)
{
	/* DCS frames as spandsp sent them: V.17 14400 ECM T.6 fine, and V.29 9600 MH. */
	static const uint8_t v17_mmr[] = { 0xff, 0x13, 0x83, 0x00, 0x62, 0xf8, 0x44 };
	static const uint8_t v29_mh[] = { 0xff, 0x13, 0x83, 0x00, 0x46, 0x78 };
	static const uint8_t not_dcs[] = { 0xff, 0x13, 0x84 };
	struct t30_dcs_parameters dcs;

	CHECK(t30_dcs_decode(v17_mmr, sizeof(v17_mmr), &dcs) == 0 && dcs.modem == FAX_MODEM_V17 &&
	      dcs.bit_rate == 14400 && dcs.ecm && dcs.compression == FAX_COMPRESSION_MMR,
	      "V.17 DCS decoded as %s %d ECM %d %s", fax_modem_name(dcs.modem), dcs.bit_rate,
	      dcs.ecm, fax_compression_name(dcs.compression));
	CHECK(t30_dcs_decode(v29_mh, sizeof(v29_mh), &dcs) == 0 && dcs.modem == FAX_MODEM_V29 &&
	      dcs.bit_rate == 9600 && !dcs.ecm && dcs.compression == FAX_COMPRESSION_MH,
	      "V.29 DCS decoded as %s %d ECM %d %s", fax_modem_name(dcs.modem), dcs.bit_rate,
	      dcs.ecm, fax_compression_name(dcs.compression));
	CHECK(t30_dcs_decode(not_dcs, sizeof(not_dcs), &dcs) == -1, "CFR decoded as a DCS");
	CHECK(t30_dcs_decode(v17_mmr, 4, &dcs) == -1, "a truncated DCS was decoded");
}

/* The comparison itself must be able to fail, or the transfer tests prove nothing. */
static void test_comparison_catches_differences(void)
{
	const char *three = make_document("doc-fine-mmr.tif", 3, PAGE_RESOLUTION_FINE,
					  FAX_TEST_MMR);
	const char *three_mh = make_document("doc-fine-mh.tif", 3, PAGE_RESOLUTION_FINE,
					     FAX_TEST_MH);
	const char *two = make_document("doc-fine-mmr-2.tif", 2, PAGE_RESOLUTION_FINE,
					FAX_TEST_MMR);
	const char *standard = make_document("doc-standard-mmr.tif", 3, PAGE_RESOLUTION_STANDARD,
					     FAX_TEST_MMR);

	CHECK(tiff_pages_compare(three, three_mh, stdout) == 0,
	      "the same pages in MMR and MH compare different");
	printf("# expected differences follow\n");
	CHECK(tiff_pages_compare(three, two, stdout) == 1, "a missing page was not caught");
	CHECK(tiff_pages_compare(three, standard, stdout) == 1,
	      "a different resolution was not caught");
	CHECK(tiff_pages_compare_with_header(three, three_mh, TIFF_HEADER_REQUIRED, stdout) == 1,
	      "a page without its header was not caught");
	CHECK(tiff_pages_compare_with_header(three, three_mh, TIFF_HEADER_ALLOWED, stdout) == 0,
	      "a page without a header was refused where one is allowed");
	CHECK(tiff_pages_compare_with_header(three, standard, TIFF_HEADER_ALLOWED, stdout) == 1,
	      "a different page was taken for a header");
	CHECK(tiff_pages_count(three, stdout) == 3, "page count");
}

/* ---- over-long pages ---- */

/*
 * One white page of @rows rows, fine resolution. With @declared_only the
 * directory says @rows but the strip holds a single row's worth of data:
 * a file of a few hundred bytes that claims a page of any length.
 */
static const char *make_tall_page(const char *name, uint32_t rows, enum fax_test_coding coding,
				  bool declared_only)
{
	const char *path = work_path(name);
	struct fax_test_tiff document = {
		.picture = FAX_TEST_WHITE,
		.coding = coding,
		.resolution = PAGE_RESOLUTION_FINE,
		.pages = 1,
		.rows = rows,
		.rows_declared_only = declared_only,
	};

	if (access(path, F_OK) == 0)
		return path;
	if (fax_test_tiff_write(path, &document, stdout)) {
		fail("cannot write %s", path);
		return NULL;
	}
	return path;
}

static size_t heap_in_use(void)
{
	struct mallinfo2 info = mallinfo2();

	/* Large blocks (a page's rows) are mapped, not taken from the arena. */
	return info.uordblks + info.hblkhd;
}

/*
 * spandsp's own sender, as a remote fax machine: it sends any page it is
 * given, where fax_call refuses a document with a page too long.
 */
static void over_long_page(bool ecm)
{
	const uint32_t rows = 100000;
	const char *document = make_tall_page(ecm ? "tall-mmr.tif" : "tall-mr.tif", rows,
					      ecm ? FAX_TEST_MMR : FAX_TEST_MR,
					      false);
	const char *output = work_path(ecm ? "tall-received-ecm.tif" : "tall-received.tif");
	struct endpoint receiver;
	struct fax_call_options options;
	fax_state_t *remote;
	t30_state_t *remote_t30;
	int16_t to_receiver[CHUNK_SAMPLES], to_remote[CHUNK_SAMPLES];
	uint64_t elapsed = 0;
	size_t heap_before = heap_in_use(), heap_peak = heap_before;

	if (!document)
		return;
	endpoint_init(&receiver, "receiver");
	options = endpoint_options(&receiver);
	options.disable_ecm = !ecm;
	receiver.call = fax_call_new_receive(&options, output);
	remote = fax_init(NULL, true);
	if (!receiver.call || !remote) {
		fail("cannot create the calls: %s", strerror(errno));
		fax_call_free(receiver.call);
		fax_free(remote);
		return;
	}
	remote_t30 = fax_get_t30_state(remote);
	fax_set_transmit_on_idle(remote, true);
	t30_set_ecm_capability(remote_t30, ecm);
	t30_set_supported_compressions(remote_t30, ecm ? T30_SUPPORT_T6_COMPRESSION
						       : T30_SUPPORT_T4_2D_COMPRESSION);
	t30_set_tx_file(remote_t30, document, -1, -1);

	while (elapsed < SECONDS(600) && !(fax_call_is_finished(receiver.call) && receiver.results)) {
		int generated = fax_tx(remote, to_receiver, CHUNK_SAMPLES);

		if (generated < CHUNK_SAMPLES)
			memset(to_receiver + generated, 0,
			       (size_t)(CHUNK_SAMPLES - generated) * sizeof(int16_t));
		fax_call_tx(receiver.call, to_remote, CHUNK_SAMPLES);
		fax_call_rx(receiver.call, to_receiver, CHUNK_SAMPLES);
		fax_rx(remote, to_remote, CHUNK_SAMPLES);
		elapsed += CHUNK_SAMPLES;
		if (heap_in_use() > heap_peak)
			heap_peak = heap_in_use();
	}
	print_result(&receiver);
	printf("# heap grew by %zu KiB at most (the sender's page alone is %u KiB)\n",
	       (heap_peak - heap_before) / 1024, rows * FAX_TEST_ROW_BYTES / 1024);
	CHECK(receiver.results == 1, "receiver: %d RESULT events", receiver.results);
	CHECK(receiver.result.outcome == FAX_CALL_PAGE_TOO_LONG, "receiver outcome %s",
	      fax_call_outcome_name(receiver.result.outcome));
	/*
	 * Without ECM the call ends while the page arrives: nothing is kept.
	 * With ECM a page within one block is only seen once it was stored.
	 */
	if (!ecm) {
		CHECK(receiver.result.pages_transferred == 0, "receiver kept %d pages",
		      receiver.result.pages_transferred);
		CHECK(access(output, F_OK) != 0, "the output of a call without a page was kept");
	}
	/*
	 * Without ECM the rows arrive a few hundred per 20 ms, so the receiver
	 * holds at most the limit (spandsp's sender reads its page as it goes). With ECM a
	 * whole block is decoded at once (README: the overshoot), so only the
	 * outcome is checked. valgrind's heap has no mallinfo2 figures.
	 */
	if (!ecm && heap_peak > heap_before)
		CHECK(heap_peak - heap_before <
		      (size_t)FAX_CALL_MAX_PAGE_ROWS * FAX_TEST_ROW_BYTES + (4u << 20),
		      "the heap grew by %zu bytes", heap_peak - heap_before);
	fax_call_free(receiver.call);
	fax_free(remote);
}

/* @pages one-row white pages: a document that is long only in its page count. */
static const char *make_many_pages(const char *name, int pages)
{
	const char *path = work_path(name);
	struct fax_test_tiff document = {
		.picture = FAX_TEST_WHITE,
		.coding = FAX_TEST_MMR,
		.resolution = PAGE_RESOLUTION_FINE,
		.pages = (unsigned int)pages,
		.rows = 1,
	};

	if (access(path, F_OK) == 0)
		return path;
	if (fax_test_tiff_write(path, &document, stdout)) {
		fail("cannot write %s", path);
		return NULL;
	}
	return path;
}

static void expect_document(const char *name, const char *path, bool accepted)
{
	struct endpoint e;
	struct fax_call_options options;

	if (!path)
		return;
	endpoint_init(&e, name);
	options = endpoint_options(&e);
	e.call = fax_call_new_send_file(&options, path);
	if (accepted) {
		CHECK(e.call && !fax_call_is_finished(e.call), "%s: refused", name);
		fax_call_free(e.call);
		return;
	}
	expect_failed_at_start(&e, FAX_CALL_CANNOT_READ_DOCUMENT);
	printf("# %s: %s\n", name, e.result.document_problem ? e.result.document_problem : "(no reason)");
	CHECK(e.result.document_problem != NULL, "%s: refused without a reason", name);
}

/*
 * The longest page and the most pages are known from the TIFF directories,
 * before a row is decoded: a 200-million-row page (a few hundred bytes that
 * would cost spandsp seconds in the audio loop) is refused at once. The
 * alarm is the test's own bound on "at once", not a speed assertion: decoding
 * 200 million rows takes far longer.
 */
static void test_document_bounds(void)
{
	alarm(60);
	expect_document("a page that claims 200 million rows",
			make_tall_page("claims-200M-rows.tif", 200000000, FAX_TEST_MMR,
				       true),
			false);
	expect_document("a page one row over the limit",
			make_tall_page("over-by-one.tif", FAX_CALL_MAX_PAGE_ROWS + 1,
				       FAX_TEST_MMR, false),
			false);
	expect_document("a page at the limit",
			make_tall_page("at-limit.tif", FAX_CALL_MAX_PAGE_ROWS, FAX_TEST_MMR,
				       false),
			true);
	expect_document("one page more than the limit",
			make_many_pages("too-many-pages.tif", FAX_CALL_MAX_DOCUMENT_PAGES + 1), false);
	expect_document("as many pages as the limit",
			make_many_pages("most-pages.tif", FAX_CALL_MAX_DOCUMENT_PAGES), true);
	alarm(0);
}

static void test_over_long_page_received(void)
{
	over_long_page(false);
}

static void test_over_long_page_received_ecm(void)
{
	over_long_page(true);
}

/* ---- main ---- */

struct test {
	void (*run)(void);
	const char *description;
	bool slow;		/* skipped in --quick runs (under valgrind) */
};

static const struct test tests[] = {
	{ test_outcome_table, "every T.30 completion code maps to one outcome, OK alone to completed", false },
	{ test_dcs_decoding, "DCS frames decode to modem, bit rate, ECM and compression", false },
	{ test_comparison_catches_differences, "the page comparison catches missing and different pages", false },
	{ test_bad_arguments, "bad options and paths are refused with errno", false },
	{ test_unusable_documents, "a missing or invalid document, or an unwritable output, ends the call at once", false },
	{ test_v17_ecm_mmr, "3 pages over V.17 + ECM + MMR arrive identical, with idents and page events", false },
	{ test_v29_no_ecm_mh_from_fd, "3 pages from an fd over V.29 without ECM, MH only, arrive identical", true },
	{ test_v27ter_no_ecm_mr_standard, "2 standard pages over V.27ter without ECM, MR, arrive identical", true },
	{ test_all_defaults, "default options negotiate V.17 14400 + ECM + MMR; the page header is added on top", true },
	{ test_concurrent_calls, "6 call pairs interleaved in one process each deliver their own document", false },
	{ test_hangup_after_first_page, "a line dropped after page 1 gives disconnected on both ends and keeps page 1", false },
	{ test_abort_after_negotiation, "an aborted sender falls silent at once; the receiver ends by itself as a failure", false },
	{ test_silence_call_deadline, "a far end that never answers ends at the call deadline as a timeout", false },
	{ test_silence_phase_deadline, "a far end that never answers ends at the phase deadline as a timeout", true },
	{ test_silence_t30_gives_up, "without a shorter deadline, T.30's own T0/T1 give no-fax-answer", true },
	{ test_silent_caller_is_no_fax, "a receiver whose caller never speaks T.30 ends with no-fax-answer", false },
	{ test_noise_breaks_training, "noise that breaks training ends within the deadline as a failure, never success", false },
	{ test_noise_drowns_everything, "noise that makes both ends retry forever is ended by the watchdog", true },
	{ test_document_bounds, "a document with a page over the row limit or over the page limit is refused from its directories", false },
	{ test_over_long_page_received, "a received page longer than the limit ends the call; memory stays bounded", false },
	{ test_over_long_page_received_ecm, "with ECM too, a received page longer than the limit ends the call", false },
};

/* Every file a test makes is named through work_path(), so the list is complete. */
static void remove_work_dir(void)
{
	for (struct work_file *file = work_files; file; file = file->next)
		unlink(file->path);
	if (rmdir(work_dir))
		printf("# could not remove %s: %s\n", work_dir, strerror(errno));
}

int main(int argc, char **argv)
{
	unsigned int count = sizeof(tests) / sizeof(tests[0]);
	int status;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			quick_mode = true;
		} else {
			fprintf(stderr, "usage: fax_call_test [--quick]\n");
			return 2;
		}
	}
	/* Test output must not interleave badly with libtiff's stderr. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!mkdtemp(work_dir)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}

	tap_plan(count);
	for (unsigned int i = 0; i < count; i++) {
		if (quick_mode && tests[i].slow) {
			tap_skip("not in --quick runs", "%s", tests[i].description);
			continue;
		}
		check_failed = false;
		tests[i].run();
		ok(!check_failed, "%s", tests[i].description);
	}
	status = tap_finish();
	if (status)
		printf("# test files kept in %s\n", work_dir);
	else
		remove_work_dir();
	free_work_paths();
	return status;
}
