// SPDX-License-Identifier: GPL-2.0
/*
 * faxctl send FILE... --to NUMBER: queue the files as one fax with
 * FaxSendDocument (or one job per FILE with --each) and follow the jobs
 * live from the server's events, until each has left the queue (delivered)
 * or failed for good.
 *
 * Several files are one fax, as HylaFAX's sendfax makes them: one job, one
 * call, the cover page first, then every file's pages in order.
 * FaxSendDocument takes one document, so the files are converted here, by
 * the very converters FaxSendDocument uses (libwinfax's document layer,
 * linked into faxctl: the Win32 API has no call for several documents),
 * into one fax TIFF in an anonymous memory file. That file is submitted by
 * its path /proc/self/fd/N: FaxSendDocument opens it as any document,
 * finds a fax TIFF, puts the cover page in front and hands the kernel the
 * open file. A memory file rather than a temporary file: nothing is left
 * behind when faxctl is killed, and no writable directory is needed. One
 * file alone is submitted by its own path, as before.
 *
 * What the progress shows comes from the API: the events (phase changes,
 * the outcome), FaxGetJob (queue status, pages) and, while the job is on a
 * port, FaxGetDeviceStatus of that port (page n of m, the remote station's
 * id). The API has no field for the modem's speed, so it is not shown.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "document/document_convert.h"
#include "document/document_message.h"
#include "faxctl.h"
#include "json.h"
#include "terminal_text.h"

static const char send_help[] =
	"usage: faxctl send FILE... --to NUMBER [--name NAME] [--at TIME]\n"
	"                  [--cover [--subject TEXT] [--note TEXT]] [--from NAME]\n"
	"                  [--mail ADDRESS] [--each] [--no-wait] [--timeout SECONDS] [--json]\n"
	"       faxctl send FILE... --output FAX.tif\n"
	"Queues the FILEs as one fax to NUMBER (the cover page, then every file's pages\n"
	"in order) and shows the job's progress (dialing, page n of m, the remote\n"
	"station) until it is delivered or fails; --each queues each FILE as a fax of\n"
	"its own. --output writes the fax the FILEs make (without the cover page) to\n"
	"FAX.tif and sends nothing.\n"
	"--at HH:MM or 'YYYY-MM-DD HH:MM' (local time) or 'cheap' (the discount\n"
	"period) schedules the jobs; --no-wait returns once they are queued;\n"
	"--cover asks the server for a cover page with the subject and note given;\n"
	"--mail: the fax server mails a delivery report to ADDRESS (local@domain)\n"
	"when each fax is delivered or has failed for good.\n";

/* Set by SIGINT/SIGTERM: stop following; the jobs stay queued. */
static volatile sig_atomic_t stop_requested;

static void request_stop(int signal_number)
{
	(void)signal_number;
	stop_requested = 1;
}

struct send_request {
	const char *number;
	const char *recipient_name;
	const char *sender_name;
	const char *subject, *note;
	const char *mail_address;	/* DRT_EMAIL to this, or NULL */
	bool cover;
	bool schedule_given;
	DWORD schedule_action;
	SYSTEMTIME schedule_time;
	bool no_wait, as_json;
	bool each;			/* a job per file, not one fax of all */
	const char *output;		/* write the combined fax here, send nothing */
	unsigned long timeout_s;
	char **files;
	int file_count;
	/* What is submitted: job_count documents (the files, or one combined). */
	int job_count;
	char **submit_paths;		/* what FaxSendDocument opens */
	char **labels;			/* what messages call it: the file(s) */
	DWORD combined_pages;		/* the combined fax's pages (no cover), else 0 */
};

struct tracked_job {
	DWORD id;
	const char *file;
	DWORD device_id;		/* the port its events came from, 0 before */
	HANDLE port;			/* a query handle to that port, NULL before */
	bool delivered, finished, retry_announced;
	bool gone;			/* no longer in the queue; its last events may be in flight */
	struct timespec gone_since;
	DWORD document_pages;		/* counted here when the file is a TIFF, else 0 */
	DWORD failure_event;		/* the last failed attempt's FEI_*, 0 if none */
	DWORD pages;
	/* What the progress line last showed, to print only changes. */
	DWORD shown_state, shown_page, shown_total;
	char shown_remote[64];
	struct timespec call_start;
};

/* Progress on a terminal rewrites one line; in a file or pipe each change is a line. */
static bool progress_on_terminal;
static bool progress_line_open;

static void end_progress_line(void)
{
	if (progress_line_open)
		fputc('\n', stdout);
	progress_line_open = false;
}

static void say(const struct tracked_job *job, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static void say(const struct tracked_job *job, const char *format, ...)
{
	va_list args;

	end_progress_line();
	printf("job %lu: ", (unsigned long)job->id);
	va_start(args, format);
	faxctl_vprint_text(stdout, format, args);
	va_end(args);
	fputc('\n', stdout);
	fflush(stdout);
}

static void show_progress(const char *text)
{
	if (progress_on_terminal) {
		printf("\r\033[K%s", text);
		progress_line_open = true;
	} else {
		printf("%s\n", text);
	}
	fflush(stdout);
}

/* Digits, + * #, and the separators people write; the server has the final word. */
static bool looks_like_fax_number(const char *number)
{
	bool digits = false;

	for (const char *c = number; *c; c++) {
		if (*c >= '0' && *c <= '9')
			digits = true;
		else if (!strchr("+*# -./()", *c))
			return false;
	}
	return digits;
}

static int parse_send(struct faxctl_command_line *cmd, struct send_request *request)
{
	enum { TO = 256, NAME, AT, COVER, SUBJECT, NOTE, FROM, MAIL, NO_WAIT, TIMEOUT, JSON, EACH,
	       OUTPUT };
	static const struct option options[] = {
		{ "to", required_argument, NULL, TO },
		{ "name", required_argument, NULL, NAME },
		{ "at", required_argument, NULL, AT },
		{ "cover", no_argument, NULL, COVER },
		{ "subject", required_argument, NULL, SUBJECT },
		{ "note", required_argument, NULL, NOTE },
		{ "from", required_argument, NULL, FROM },
		{ "mail", required_argument, NULL, MAIL },
		{ "no-wait", no_argument, NULL, NO_WAIT },
		{ "timeout", required_argument, NULL, TIMEOUT },
		{ "json", no_argument, NULL, JSON },
		{ "each", no_argument, NULL, EACH },
		{ "output", required_argument, NULL, OUTPUT },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int option;

	while ((option = faxctl_getopt(cmd, ":h", options)) != -1) {
		switch (option) {
		case 'h':
			fputs(send_help, stdout);
			return FAXCTL_HELP_SHOWN;
		case TO:
			request->number = optarg;
			break;
		case NAME:
			request->recipient_name = optarg;
			break;
		case AT:
			if (!faxctl_parse_schedule(optarg, &request->schedule_action,
						   &request->schedule_time))
				return faxctl_usage_error(cmd,
							  "--at takes HH:MM, 'YYYY-MM-DD HH:MM' or 'cheap', not '%s'",
							  optarg);
			request->schedule_given = true;
			break;
		case COVER:
			request->cover = true;
			break;
		case SUBJECT:
			request->subject = optarg;
			break;
		case NOTE:
			request->note = optarg;
			break;
		case FROM:
			request->sender_name = optarg;
			break;
		case MAIL:
			request->mail_address = optarg;
			break;
		case NO_WAIT:
			request->no_wait = true;
			break;
		case TIMEOUT:
			if (!faxctl_parse_uint(optarg, 86400UL * 365, &request->timeout_s) ||
			    !request->timeout_s)
				return faxctl_usage_error(cmd, "--timeout takes a number of seconds, not '%s'",
							  optarg);
			break;
		case JSON:
			request->as_json = true;
			break;
		case EACH:
			request->each = true;
			break;
		case OUTPUT:
			request->output = optarg;
			break;
		default:
			return FAXCTL_USAGE;
		}
	}
	request->files = cmd->argv + optind;
	request->file_count = cmd->argc - optind;
	if (!request->file_count)
		return faxctl_usage_error(cmd, "which document? give at least one FILE");
	if (request->output) {
		if (request->number || request->each || request->cover || request->no_wait ||
		    request->as_json || request->mail_address || request->schedule_given)
			return faxctl_usage_error(cmd,
						  "--output writes the fax to a file and sends nothing: give it the FILEs only");
		return FAXCTL_OK;
	}
	if (!request->number)
		return faxctl_usage_error(cmd, "to whom? give --to NUMBER");
	if (!looks_like_fax_number(request->number))
		return faxctl_usage_error(cmd,
					  "'%s' is not a fax number (digits, +, * and #; spaces, dashes, dots and parentheses are ignored)",
					  request->number);
	if ((request->subject || request->note) && !request->cover)
		return faxctl_usage_error(cmd, "--subject and --note go on a cover page: add --cover");
	return FAXCTL_OK;
}

/* Every file readable before any job is queued: all or nothing. */
static int check_files(const struct send_request *request)
{
	for (int i = 0; i < request->file_count; i++) {
		int fd = open(request->files[i], O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			return faxctl_fail(errno == ENOENT || errno == ENOTDIR ? FAXCTL_NOT_FOUND :
					   errno == EACCES ? FAXCTL_DENIED : FAXCTL_FAILED,
					   "cannot read %s: %s", request->files[i], strerror(errno));
		close(fd);
	}
	return FAXCTL_OK;
}

static int queue_error(const char *file, DWORD error)
{
	char action[512];

	switch (error) {
	case ERROR_INVALID_DATA:
		return faxctl_fail(FAXCTL_BAD_DATA,
				   "cannot send %s: not a document the fax server can send (faxctl(1), DOCUMENTS, lists what it takes)",
				   file);
	case ERROR_INVALID_PARAMETER:
		return faxctl_fail(FAXCTL_USAGE,
				   "cannot send %s: the server refused the job (a number it cannot dial, or a name too long)",
				   file);
	case ERROR_NOT_SUPPORTED:
		return faxctl_fail(FAXCTL_FAILED,
				   "cannot send %s: this fax server cannot make cover pages (send without --cover)",
				   file);
	case ERROR_ACCESS_DENIED:
		return faxctl_fail(FAXCTL_DENIED,
				   "cannot send %s: permission denied (the file's permissions, or you lack the right to submit faxes)",
				   file);
	}
	snprintf(action, sizeof(action), "cannot send %s", file);
	return faxctl_fail_api(action, error);
}

static int queue_jobs(HANDLE server, const struct send_request *request,
		      struct tracked_job *jobs)
{
	PFAX_JOB_PARAMA defaults;
	PFAX_COVERPAGE_INFOA cover_defaults;
	FAX_JOB_PARAMA params;
	FAX_COVERPAGE_INFOA cover;
	int status = FAXCTL_OK;
	int queued;

	if (!FaxCompleteJobParamsA(&defaults, &cover_defaults))
		return faxctl_fail_api("cannot fill in the job's defaults", GetLastError());
	params = *defaults;
	cover = *cover_defaults;
	params.RecipientNumber = request->number;
	params.RecipientName = request->recipient_name;
	if (request->sender_name)
		params.SenderName = cover.SdrName = request->sender_name;
	if (request->mail_address) {
		params.DeliveryReportType = DRT_EMAIL;
		params.DeliveryReportAddress = request->mail_address;
	}
	if (request->schedule_given) {
		params.ScheduleAction = request->schedule_action;
		params.ScheduleTime = request->schedule_time;
	}
	cover.RecName = request->recipient_name;
	cover.RecFaxNumber = request->number;
	cover.Subject = request->subject;
	cover.Note = request->note;
	/* The server's own template: Linux has no per-user .cov files. */
	cover.CoverPageName = "generic";
	cover.UseServerCoverPage = TRUE;
	for (queued = 0; queued < request->job_count; queued++) {
		/* The fax's name in the queue: its file's, or the first file's. */
		char *copy = strdup(request->files[request->combined_pages ? 0 : queued]);
		char *name = NULL;

		params.DocumentName = copy ? basename(copy) : request->labels[queued];
		if (request->combined_pages && copy &&
		    asprintf(&name, "%s and %d more", params.DocumentName,
			     request->file_count - 1) >= 0)
			params.DocumentName = name;
		if (!FaxSendDocumentA(server, request->submit_paths[queued], &params,
				      request->cover ? &cover : NULL, &jobs[queued].id)) {
			status = queue_error(request->labels[queued], GetLastError());
			free(copy);
			free(name);
			break;
		}
		free(copy);
		free(name);
		jobs[queued].file = request->labels[queued];
		jobs[queued].document_pages = request->combined_pages ? request->combined_pages :
					      faxctl_tiff_page_count(request->files[queued]);
		/* The cover page goes first, in the same fax. */
		if (request->cover && jobs[queued].document_pages)
			jobs[queued].document_pages++;
	}
	FaxFreeBuffer(defaults);
	FaxFreeBuffer(cover_defaults);
	if (status) {
		/* A command either queues all its files or none. */
		for (int i = 0; i < queued; i++)
			FaxSetJobA(server, jobs[i].id, JC_DELETE, NULL);
		if (queued)
			fprintf(stderr, "faxctl: the %d job%s queued before it %s deleted\n", queued,
				queued == 1 ? "" : "s", queued == 1 ? "was" : "were");
	}
	return status;
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

static void watch_port(struct tracked_job *job, HANDLE server, DWORD device_id)
{
	if (!device_id || device_id == job->device_id)
		return;
	if (job->port)
		FaxClose(job->port);
	job->port = NULL;
	job->device_id = device_id;
	/* Without it the progress has no page numbers, but the job still runs. */
	if (!FaxOpenPort(server, device_id, PORT_OPEN_QUERY, &job->port))
		job->port = NULL;
}

static void on_event(struct tracked_job *job, HANDLE server, const struct send_request *request,
		     const FAX_EVENT *event)
{
	watch_port(job, server, event->DeviceId);
	switch (event->EventId) {
	case FEI_DIALING:
		clock_gettime(CLOCK_MONOTONIC, &job->call_start);
		job->retry_announced = false;
		/* A new attempt: its progress is news even if it repeats the last one's. */
		job->shown_state = job->shown_page = job->shown_total = 0;
		job->shown_remote[0] = '\0';
		say(job, "dialing %s on port %lu", request->number, (unsigned long)event->DeviceId);
		break;
	case FEI_SENDING:
		/* The page line may have said it first: the poll can beat the event. */
		if (!job->shown_page)
			say(job, "connected, sending");
		break;
	case FEI_COMPLETED: {
		PFAX_JOB_ENTRYA entry;

		job->delivered = true;
		if (FaxGetJobA(server, job->id, &entry)) {
			job->pages = entry->PageCount;
			FaxFreeBuffer(entry);
		}
		/* A completed call sent them all: the count the progress knew. */
		if (!job->pages)
			job->pages = job->shown_total ? job->shown_total : job->shown_page;
		say(job, "delivered (%lu page%s, %.0f s on the line)", (unsigned long)job->pages,
		    job->pages == 1 ? "" : "s", seconds_since(&job->call_start));
		break;
	}
	case FEI_ABORTING:
		say(job, "aborting");
		break;
	case FEI_DELETED:
		job->finished = true;
		if (!job->delivered)
			say(job, "left the queue without being delivered (deleted)");
		break;
	default:
		if (faxctl_event_is_failure(event->EventId)) {
			job->failure_event = event->EventId;
			say(job, "this attempt failed: %s", faxctl_event_words(event->EventId));
		}
	}
}

/* The job in the queue now: what the events do not say (retries, pages on the line). */
static void poll_job(struct tracked_job *job, HANDLE server)
{
	PFAX_JOB_ENTRYA entry;
	PFAX_DEVICE_STATUSA device;
	char *line;
	size_t line_size;
	FILE *text;

	if (!FaxGetJobA(server, job->id, &entry)) {
		/* Gone: its last events (FEI_COMPLETED, FEI_DELETED) are on their
		 * way from the event thread; give them a moment before concluding. */
		if (GetLastError() != ERROR_INVALID_PARAMETER)
			return;
		if (!job->gone) {
			job->gone = true;
			clock_gettime(CLOCK_MONOTONIC, &job->gone_since);
		} else if (seconds_since(&job->gone_since) > 2.0) {
			job->finished = true;
		}
		return;
	}
	if (!job->delivered && (entry->QueueStatus & (JS_RETRIES_EXCEEDED | JS_FAILED))) {
		job->finished = true;
		FaxFreeBuffer(entry);
		return;
	}
	if (job->failure_event && !job->retry_announced && (entry->QueueStatus & JS_RETRYING)) {
		say(job, "the server will try again later");
		job->retry_announced = true;
	}
	if (!(entry->QueueStatus & JS_INPROGRESS) || !job->port ||
	    !FaxGetDeviceStatusA(job->port, &device)) {
		FaxFreeBuffer(entry);
		return;
	}
	FaxFreeBuffer(entry);
	/* faxd may not know the page count; a TIFF's own count is the next best. */
	if (!device->TotalPages && job->document_pages >= device->CurrentPage)
		device->TotalPages = job->document_pages;
	if (device->JobType == JT_SEND &&
	    (device->Status != job->shown_state || device->CurrentPage != job->shown_page ||
	     device->TotalPages != job->shown_total ||
	     strcmp(device->Csid ? device->Csid : "", job->shown_remote))) {
		job->shown_state = device->Status;
		job->shown_page = device->CurrentPage;
		job->shown_total = device->TotalPages;
		snprintf(job->shown_remote, sizeof(job->shown_remote), "%s",
			 device->Csid ? device->Csid : "");
		/* Dialing was said already; a line is worth printing once there is more. */
		if (!device->CurrentPage && !job->shown_remote[0]) {
			FaxFreeBuffer(device);
			return;
		}
		text = open_memstream(&line, &line_size);
		if (!text) {
			FaxFreeBuffer(device);
			return;
		}
		fprintf(text, "job %lu: %s", (unsigned long)job->id,
			faxctl_state_name(device->Status));
		if (device->CurrentPage && device->TotalPages)
			fprintf(text, ", page %lu of %lu", (unsigned long)device->CurrentPage,
				(unsigned long)device->TotalPages);
		else if (device->CurrentPage)
			fprintf(text, ", page %lu", (unsigned long)device->CurrentPage);
		/* The remote station's id is the far end's text. */
		if (job->shown_remote[0]) {
			fputs(", remote station \"", text);
			terminal_text_write(text, job->shown_remote, strlen(job->shown_remote));
			fputc('"', text);
		}
		fprintf(text, ", port %lu, %.0f s", (unsigned long)device->DeviceId,
			seconds_since(&job->call_start));
		if (!fclose(text))
			show_progress(line);
		free(line);
	}
	FaxFreeBuffer(device);
}

static struct tracked_job *find_job(struct tracked_job *jobs, int count, DWORD id)
{
	for (int i = 0; i < count; i++)
		if (jobs[i].id == id)
			return &jobs[i];
	return NULL;
}

static int follow_jobs(HANDLE server, HANDLE completion_port, const struct send_request *request,
		       struct tracked_job *jobs)
{
	struct sigaction action = { .sa_handler = request_stop };
	struct timespec start;
	int remaining = request->job_count;
	int status = FAXCTL_OK;

	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGTERM, &action, NULL);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int i = 0; i < request->job_count; i++)
		jobs[i].call_start = start;
	while (remaining && !stop_requested &&
	       !(request->timeout_s && seconds_since(&start) >= (double)request->timeout_s)) {
		DWORD bytes;
		ULONG_PTR key;
		LPOVERLAPPED overlapped;

		/* Events first; a quiet 250 ms means time to poll the pages. */
		if (GetQueuedCompletionStatus(completion_port, &bytes, &key, &overlapped, 250)) {
			const FAX_EVENT *event = (const FAX_EVENT *)overlapped;
			struct tracked_job *job = find_job(jobs, request->job_count, event->JobId);

			if (job && !job->finished)
				on_event(job, server, request, event);
			LocalFree(overlapped);
		} else if (GetLastError() != WAIT_TIMEOUT) {
			status = faxctl_fail_api("cannot read the events", GetLastError());
			break;
		}
		remaining = 0;
		for (int i = 0; i < request->job_count; i++) {
			if (!jobs[i].finished)
				poll_job(&jobs[i], server);
			remaining += !jobs[i].finished;
		}
	}
	end_progress_line();
	for (int i = 0; i < request->job_count; i++) {
		if (jobs[i].delivered)
			continue;
		if (status == FAXCTL_OK)
			status = FAXCTL_FAILED;
		/* Messages only: the status is already set. */
		if (jobs[i].finished && jobs[i].failure_event)
			faxctl_fail(status,
				    "job %lu (%s) was not delivered: %s; it stays in the queue ('faxctl job resume %lu' tries again)",
				    (unsigned long)jobs[i].id, jobs[i].file,
				    faxctl_event_words(jobs[i].failure_event), (unsigned long)jobs[i].id);
		else if (jobs[i].finished)
			faxctl_fail(status, "job %lu (%s) was not delivered", (unsigned long)jobs[i].id,
				    jobs[i].file);
		else
			faxctl_fail(status,
				    "job %lu (%s) is still queued; 'faxctl jobs' shows it, 'faxctl job abort %lu' cancels it",
				    (unsigned long)jobs[i].id, jobs[i].file, (unsigned long)jobs[i].id);
	}
	return status;
}

static void print_queued_json(struct json_writer *json, const void *item, const void *context)
{
	const struct tracked_job *job = item;
	const struct send_request *request = context;

	json_begin_object(json, NULL);
	json_uint(json, "job_id", job->id);
	json_string(json, "file", job->file);
	json_string(json, "to", request->number);
	json_end_object(json);
}

static void print_queued_row(const void *item, const void *context)
{
	const struct tracked_job *job = item;
	const struct send_request *request = context;
	char when[64] = "";

	if (request->schedule_action == JSA_SPECIFIC_TIME) {
		snprintf(when, sizeof(when), ", to be sent at ");
		faxctl_format_systemtime_utc(&request->schedule_time, when + strlen(when),
					     sizeof(when) - strlen(when));
	} else if (request->schedule_action == JSA_DISCOUNT_PERIOD) {
		snprintf(when, sizeof(when), ", to be sent in the discount period");
	}
	printf("job %lu: queued ", (unsigned long)job->id);
	terminal_text_write(stdout, job->file, strlen(job->file));
	printf(" to %s%s\n", request->number, when);
}

static void print_queued(const struct send_request *request, const struct tracked_job *jobs)
{
	faxctl_print_listing(&(struct faxctl_listing){
		.items = jobs, .count = (size_t)request->job_count, .item_size = sizeof(*jobs),
		.context = request,
		.print_row = print_queued_row, .print_object = print_queued_json,
	}, request->as_json);
	fflush(stdout);
}

/*
 * The files as one fax TIFF in a memory file (see the top): *fd_out, and
 * its page count. Converted as FaxSendDocument would convert each, so a
 * file it would refuse is refused here, named, with libwinfax's reason.
 */
static int combine_files(const struct send_request *request, int *fd_out, unsigned *pages)
{
	int *fds = calloc((size_t)request->file_count, sizeof(*fds));
	int status = FAXCTL_OK, error;
	size_t failed = 0;

	*fd_out = -1;
	if (!fds)
		return faxctl_fail(FAXCTL_FAILED, "out of memory");
	for (int i = 0; i < request->file_count; i++)
		fds[i] = -1;
	for (int i = 0; i < request->file_count && !status; i++) {
		fds[i] = open(request->files[i], O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0)
			status = faxctl_fail(errno == ENOENT ? FAXCTL_NOT_FOUND :
					     errno == EACCES ? FAXCTL_DENIED : FAXCTL_FAILED,
					     "cannot read %s: %s", request->files[i], strerror(errno));
	}
	if (!status) {
		winfax_message_clear();
		error = winfax_documents_combine(fds, (size_t)request->file_count, fd_out, pages,
						 &failed);
		if (error == -EILSEQ || error == -ENOENT)
			status = faxctl_fail(error == -EILSEQ ? FAXCTL_BAD_DATA : FAXCTL_FAILED,
					     "cannot send %s: %s", request->files[failed],
					     winfax_message_get());
		else if (error)
			status = faxctl_fail(FAXCTL_FAILED, "cannot make one fax of the files: %s",
					     strerror(-error));
	}
	for (int i = 0; i < request->file_count; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	return status;
}

/* --output: the combined fax into a file; nothing is sent. */
static int write_output(const struct send_request *request)
{
	unsigned pages = 0;
	int fax_fd, out_fd, status = combine_files(request, &fax_fd, &pages);
	char buffer[65536];
	ssize_t got;

	if (status)
		return status;
	out_fd = open(request->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (out_fd < 0) {
		status = faxctl_fail(errno == EACCES ? FAXCTL_DENIED : FAXCTL_FAILED,
				     "cannot write %s: %s", request->output, strerror(errno));
		close(fax_fd);
		return status;
	}
	lseek(fax_fd, 0, SEEK_SET);
	while ((got = read(fax_fd, buffer, sizeof(buffer))) > 0)
		if (write(out_fd, buffer, (size_t)got) != got) {
			got = -1;
			break;
		}
	if (got < 0 || close(out_fd) != 0)
		status = faxctl_fail(FAXCTL_FAILED, "cannot write %s: %s", request->output,
				     strerror(errno));
	else
		fprintf(stderr, "%s: %u page%s\n", request->output, pages, pages == 1 ? "" : "s");
	close(fax_fd);
	return status;
}

/* "a.pdf, b.txt, c.tif": what messages call the combined fax. */
static char *join_names(char **files, int count)
{
	size_t length = 1;
	char *joined;

	for (int i = 0; i < count; i++)
		length += strlen(files[i]) + 2;
	joined = malloc(length);
	if (!joined)
		return NULL;
	joined[0] = '\0';
	for (int i = 0; i < count; i++) {
		if (i)
			strcat(joined, ", ");
		strcat(joined, files[i]);
	}
	return joined;
}

int faxctl_send(struct faxctl_command_line *cmd)
{
	struct send_request request = { 0 };
	struct tracked_job *jobs = NULL;
	HANDLE server, completion_port = NULL;
	char combined_path[64], *combined_label = NULL;
	char *combined_paths[1], *combined_labels[1];
	int combined_fd = -1;
	int status = parse_send(cmd, &request);

	if (status)
		return status == FAXCTL_HELP_SHOWN ? FAXCTL_OK : status;
	if (request.as_json && !request.no_wait)
		return faxctl_usage_error(cmd, "--json lists the queued jobs: use it with --no-wait");
	status = check_files(&request);
	if (status)
		return status;
	if (request.output)
		return write_output(&request);
	request.job_count = request.file_count;
	request.submit_paths = request.files;
	request.labels = request.files;
	if (request.file_count > 1 && !request.each) {
		unsigned pages = 0;

		status = combine_files(&request, &combined_fd, &pages);
		if (status)
			return status;
		combined_label = join_names(request.files, request.file_count);
		if (!combined_label) {
			status = faxctl_fail(FAXCTL_FAILED, "out of memory");
			goto out_free;
		}
		snprintf(combined_path, sizeof(combined_path), "/proc/self/fd/%d", combined_fd);
		combined_paths[0] = combined_path;
		combined_labels[0] = combined_label;
		request.job_count = 1;
		request.submit_paths = combined_paths;
		request.labels = combined_labels;
		request.combined_pages = pages;
	}
	jobs = calloc((size_t)request.job_count, sizeof(*jobs));
	if (!jobs) {
		status = faxctl_fail(FAXCTL_FAILED, "out of memory");
		goto out_free;
	}
	status = faxctl_connect(&server);
	if (status)
		goto out_free;
	/* Subscribed before queueing, so that no event of these jobs is missed. */
	if (!request.no_wait) {
		status = faxctl_open_events(server, &completion_port);
		if (status)
			goto out_server;
	}
	status = queue_jobs(server, &request, jobs);
	/* The kernel holds the submitted open file: ours can go. */
	if (combined_fd >= 0)
		close(combined_fd);
	combined_fd = -1;
	if (!status) {
		print_queued(&request, jobs);
		if (!request.no_wait) {
			progress_on_terminal = isatty(STDOUT_FILENO);
			status = follow_jobs(server, completion_port, &request, jobs);
		}
	}
	for (int i = 0; i < request.job_count; i++)
		if (jobs[i].port)
			FaxClose(jobs[i].port);
	if (completion_port)
		CloseHandle(completion_port);
out_server:
	FaxClose(server);
out_free:
	if (combined_fd >= 0)
		close(combined_fd);
	free(combined_label);
	free(jobs);
	return status;
}
