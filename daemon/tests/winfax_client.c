/*
 * winfax_client: the end-to-end tests' application, written against
 * winfax.h only, as a Windows fax program is. It prints every FAX_EVENT it
 * is given, one line each, as it arrives, so that a test can check what a
 * client sees and in what order.
 *
 *   winfax_client send NUMBER DOCUMENT [--timeout S] [--wait-idle PORT]...
 *                      [--report-email ADDRESS]
 *       FaxSendDocument, then follow the job through the completion port
 *       until it leaves the queue. SIGUSR1 makes it call FaxAbort on the
 *       job. While the job is on the line it checks it with FaxGetJob and
 *       FaxEnumJobs. A job that failed for good (retries exhausted) is
 *       reported and then deleted with FaxAbort. --wait-idle: also wait
 *       for that port's FEI_IDLE (the far end of the call).
 *       --report-email: DeliveryReportType DRT_EMAIL to ADDRESS.
 *   winfax_client config RETRIES RETRY_DELAY_MINUTES
 *       FaxGetConfiguration + FaxSetConfiguration.
 *   winfax_client branding 0|1
 *       FaxGetConfiguration + FaxSetConfiguration with Branding off or on.
 *   winfax_client archive DIRECTORY|off
 *       FaxSetConfiguration: ArchiveOutgoingFaxes into DIRECTORY, or off.
 *   winfax_client logging INIT OUTBOUND INBOUND UNKNOWN
 *       FaxSetLoggingCategories with these levels (0..3).
 *
 * Output of send: "queued job J", then "event NAME port P job J|-" per
 * event, "getjob: ..." and "enumjobs: ..." once the job is sending, and
 * last "result: delivered|failed NAME|aborted|timeout|lost".
 * Exit status: 0 delivered (or config/logging set), 1 not delivered,
 * 2 usage or API errors.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <winfax.h>

#define NO_JOB 0xFFFFFFFFu
#define MAX_IDLE_PORTS 4
#define POLL_MS 100

static volatile sig_atomic_t abort_requested;

static void on_sigusr1(int sig)
{
	(void)sig;
	abort_requested = 1;
}

static const char *event_name(DWORD id)
{
	static const char *const names[] = {
		"?", "DIALING", "SENDING", "RECEIVING", "COMPLETED", "BUSY",
		"NO_ANSWER", "BAD_ADDRESS", "NO_DIAL_TONE", "DISCONNECTED",
		"FATAL_ERROR", "NOT_FAX_CALL", "CALL_DELAYED", "CALL_BLACKLISTED",
		"RINGING", "ABORTING", "ROUTING", "MODEM_POWERED_ON",
		"MODEM_POWERED_OFF", "IDLE", "FAXSVC_ENDED", "ANSWERED",
		"JOB_QUEUED", "DELETED", "INITIALIZING", "LINE_UNAVAILABLE",
		"HANDLED", "FAXSVC_STARTED",
	};

	if (id == WINFAX_FEI_EVENTS_LOST)
		return "EVENTS_LOST";
	return id < sizeof(names) / sizeof(names[0]) ? names[id] : "?";
}

static bool is_failure_event(DWORD id)
{
	return id == FEI_BUSY || id == FEI_NO_ANSWER || id == FEI_BAD_ADDRESS ||
	       id == FEI_NO_DIAL_TONE || id == FEI_DISCONNECTED ||
	       id == FEI_FATAL_ERROR;
}

static int api_error(const char *what)
{
	fprintf(stderr, "winfax_client: %s failed: error %lu\n", what,
		(unsigned long)GetLastError());
	return 2;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: winfax_client send NUMBER DOCUMENT [--timeout S] [--wait-idle PORT]...\n"
		"                          [--report-email ADDRESS]\n"
		"       winfax_client config RETRIES RETRY_DELAY_MINUTES\n"
		"       winfax_client logging INIT OUTBOUND INBOUND UNKNOWN\n");
	return 2;
}

static bool parse_dword(const char *text, DWORD max, DWORD *value)
{
	char *end;
	unsigned long v;

	if (!text[0])
		return false;
	v = strtoul(text, &end, 10);
	if (*end || v > max)
		return false;
	*value = (DWORD)v;
	return true;
}

/* What FaxGetJob and FaxEnumJobs say about a job on the line. */
static void report_job_views(HANDLE server, DWORD job_id)
{
	PFAX_JOB_ENTRYA entry, entries;
	DWORD count, i;
	bool listed = false;

	if (FaxGetJobA(server, job_id, &entry)) {
		printf("getjob: type %lu queue_status 0x%lx status 0x%lx recipient %s\n",
		       (unsigned long)entry->JobType,
		       (unsigned long)entry->QueueStatus,
		       (unsigned long)entry->Status,
		       entry->RecipientNumber ? entry->RecipientNumber : "(none)");
		FaxFreeBuffer(entry);
	} else {
		printf("getjob: error %lu\n", (unsigned long)GetLastError());
	}
	if (FaxEnumJobsA(server, &entries, &count)) {
		for (i = 0; i < count; i++)
			if (entries[i].JobId == job_id)
				listed = true;
		printf("enumjobs: %lu jobs, ours %s\n", (unsigned long)count,
		       listed ? "listed" : "missing");
		FaxFreeBuffer(entries);
	} else {
		printf("enumjobs: error %lu\n", (unsigned long)GetLastError());
	}
}

/* After a failure event: has the server given up on the job? */
static bool job_failed_for_good(HANDLE server, DWORD job_id)
{
	PFAX_JOB_ENTRYA entry;
	bool given_up;

	if (!FaxGetJobA(server, job_id, &entry))
		return false;
	given_up = entry->QueueStatus & JS_RETRIES_EXCEEDED;
	printf("getjob: queue_status 0x%lx after the failure%s\n",
	       (unsigned long)entry->QueueStatus,
	       given_up ? " (retries exceeded)" : "");
	FaxFreeBuffer(entry);
	return given_up;
}

struct send_options {
	const char *number;
	const char *document;
	const char *report_email;
	long timeout_ms;
	DWORD idle_ports[MAX_IDLE_PORTS];
	unsigned int idle_port_count;
};

static int parse_send(int argc, char **argv, struct send_options *o)
{
	int i;
	DWORD seconds;

	memset(o, 0, sizeof(*o));
	if (argc < 4)
		return usage();
	o->number = argv[2];
	o->document = argv[3];
	o->timeout_ms = 120000;
	for (i = 4; i < argc; i++) {
		if (i + 1 >= argc)
			return usage();
		if (!strcmp(argv[i], "--timeout") && parse_dword(argv[i + 1], 3600, &seconds)) {
			o->timeout_ms = seconds * 1000L;
		} else if (!strcmp(argv[i], "--wait-idle") &&
			   o->idle_port_count < MAX_IDLE_PORTS &&
			   parse_dword(argv[i + 1], 0xFFFFFFFEu,
				       &o->idle_ports[o->idle_port_count])) {
			o->idle_port_count++;
		} else if (!strcmp(argv[i], "--report-email")) {
			o->report_email = argv[i + 1];
		} else {
			fprintf(stderr, "winfax_client: bad option %s %s\n",
				argv[i], argv[i + 1]);
			return usage();
		}
		i++;
	}
	return 0;
}

enum job_end { JOB_RUNNING, JOB_DELIVERED, JOB_FAILED, JOB_ABORTED, JOB_LOST };

static int send_document(const struct send_options *o)
{
	FAX_JOB_PARAMA params;
	HANDLE server, port;
	DWORD job_id, failure = 0;
	enum job_end end = JOB_RUNNING;
	bool viewed = false, aborted = false, user_aborted = false, completed = false;
	bool idle_seen[MAX_IDLE_PORTS] = { false };
	unsigned int idle_left = o->idle_port_count, i;
	long deadline = now_ms() + o->timeout_ms, gone_at = 0;

	if (!FaxConnectFaxServerA(NULL, &server))
		return api_error("FaxConnectFaxServer");
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	if (!port)
		return api_error("CreateIoCompletionPort");
	if (!FaxInitializeEventQueue(server, port, 7, NULL, 0))
		return api_error("FaxInitializeEventQueue");
	memset(&params, 0, sizeof(params));
	params.SizeOfStruct = sizeof(params);
	params.RecipientNumber = o->number;
	params.RecipientName = "e2e recipient";
	params.DocumentName = o->document;
	params.ScheduleAction = JSA_NOW;
	if (o->report_email) {
		params.DeliveryReportType = DRT_EMAIL;
		params.DeliveryReportAddress = o->report_email;
	}
	if (!FaxSendDocumentA(server, o->document, &params, NULL, &job_id)) {
		printf("result: not queued, error %lu\n", (unsigned long)GetLastError());
		return 1;
	}
	printf("queued job %lu\n", (unsigned long)job_id);
	fflush(stdout);

	/* Until the job has left the queue and the far ends are idle again. */
	while (end == JOB_RUNNING || idle_left) {
		DWORD bytes;
		ULONG_PTR key;
		LPOVERLAPPED overlapped;
		FAX_EVENT *event;

		if (abort_requested && !aborted && end == JOB_RUNNING) {
			aborted = true;
			user_aborted = true;
			printf("FaxAbort: %s\n", FaxAbort(server, job_id) ? "ok" : "failed");
		}
		if (now_ms() > deadline || (end != JOB_RUNNING && now_ms() > gone_at + 10000))
			break;
		if (!GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, POLL_MS))
			continue;
		event = (FAX_EVENT *)overlapped;
		if (event->JobId == NO_JOB)
			printf("event %s port %lu job -\n", event_name(event->EventId),
			       (unsigned long)event->DeviceId);
		else
			printf("event %s port %lu job %lu\n", event_name(event->EventId),
			       (unsigned long)event->DeviceId, (unsigned long)event->JobId);
		if (event->EventId == FEI_IDLE)
			for (i = 0; i < o->idle_port_count; i++)
				if (!idle_seen[i] && o->idle_ports[i] == event->DeviceId) {
					idle_seen[i] = true;
					idle_left--;
				}
		if (event->JobId == job_id && end == JOB_RUNNING) {
			if (event->EventId == FEI_SENDING && !viewed) {
				viewed = true;
				report_job_views(server, job_id);
			} else if (event->EventId == FEI_COMPLETED) {
				completed = true;
			} else if (is_failure_event(event->EventId)) {
				failure = event->EventId;
				if (job_failed_for_good(server, job_id) && !aborted) {
					aborted = true;
					/* Delete it; its end is the failure, not the delete. */
					FaxAbort(server, job_id);
				}
			} else if (event->EventId == FEI_DELETED) {
				end = completed ? JOB_DELIVERED :
				      user_aborted ? JOB_ABORTED :
				      failure ? JOB_FAILED : JOB_LOST;
				gone_at = now_ms();
			}
		}
		fflush(stdout);
		LocalFree(event);
	}
	CloseHandle(port);
	FaxClose(server);
	switch (end) {
	case JOB_DELIVERED:
		printf("result: delivered\n");
		break;
	case JOB_FAILED:
		printf("result: failed %s\n", event_name(failure));
		break;
	case JOB_ABORTED:
		printf("result: aborted\n");
		break;
	case JOB_LOST:
		printf("result: lost\n");
		break;
	case JOB_RUNNING:
		printf("result: timeout\n");
		break;
	}
	if (end != JOB_RUNNING && idle_left)
		printf("idle: a far end's FEI_IDLE did not come\n");
	return end == JOB_DELIVERED && !idle_left ? 0 : 1;
}

/* What a config, branding or archive command changes in FAX_CONFIGURATION. */
struct config_change {
	enum { CHANGE_RETRIES, CHANGE_BRANDING, CHANGE_ARCHIVE } what;
	DWORD retries, delay, branding;
	const char *archive_directory;	/* NULL: archiving off */
};

/* FaxGetConfiguration, the change, FaxSetConfiguration. */
static int change_configuration(const struct config_change *change)
{
	PFAX_CONFIGURATIONA config;
	HANDLE server;
	BOOL ok;

	if (!FaxConnectFaxServerA(NULL, &server))
		return api_error("FaxConnectFaxServer");
	if (!FaxGetConfigurationA(server, &config))
		return api_error("FaxGetConfiguration");
	switch (change->what) {
	case CHANGE_RETRIES:
		config->Retries = change->retries;
		config->RetryDelay = change->delay;
		break;
	case CHANGE_BRANDING:
		config->Branding = change->branding != 0;
		break;
	case CHANGE_ARCHIVE:
		config->ArchiveOutgoingFaxes = change->archive_directory != NULL;
		config->ArchiveDirectory = change->archive_directory;
		break;
	}
	ok = FaxSetConfigurationA(server, config);
	FaxFreeBuffer(config);
	if (!ok)
		return api_error("FaxSetConfiguration");
	FaxClose(server);
	return 0;
}

static int set_config(int argc, char **argv)
{
	struct config_change change = { .what = CHANGE_RETRIES };

	if (argc != 4 || !parse_dword(argv[2], 99, &change.retries) ||
	    !parse_dword(argv[3], 1440, &change.delay))
		return usage();
	return change_configuration(&change);
}

static int set_branding(int argc, char **argv)
{
	struct config_change change = { .what = CHANGE_BRANDING };

	if (argc != 3 || !parse_dword(argv[2], 1, &change.branding))
		return usage();
	return change_configuration(&change);
}

static int set_archive(int argc, char **argv)
{
	struct config_change change = { .what = CHANGE_ARCHIVE };

	if (argc != 3)
		return usage();
	change.archive_directory = strcmp(argv[2], "off") ? argv[2] : NULL;
	return change_configuration(&change);
}

static int set_logging(int argc, char **argv)
{
	PFAX_LOG_CATEGORYA categories;
	HANDLE server;
	DWORD count, i, level;
	BOOL ok;

	if (argc != 6)
		return usage();
	if (!FaxConnectFaxServerA(NULL, &server))
		return api_error("FaxConnectFaxServer");
	if (!FaxGetLoggingCategoriesA(server, &categories, &count))
		return api_error("FaxGetLoggingCategories");
	for (i = 0; i < count; i++) {
		DWORD c = categories[i].Category;

		if (c < FAXLOG_CATEGORY_INIT || c > FAXLOG_CATEGORY_UNKNOWN)
			continue;
		if (!parse_dword(argv[1 + c], FAXLOG_LEVEL_MAX, &level)) {
			FaxFreeBuffer(categories);
			return usage();
		}
		categories[i].Level = level;
	}
	ok = FaxSetLoggingCategoriesA(server, categories, count);
	FaxFreeBuffer(categories);
	if (!ok)
		return api_error("FaxSetLoggingCategories");
	FaxClose(server);
	return 0;
}

int main(int argc, char **argv)
{
	struct send_options options;
	struct sigaction sa;
	int status;

	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "config"))
		return set_config(argc, argv);
	if (!strcmp(argv[1], "branding"))
		return set_branding(argc, argv);
	if (!strcmp(argv[1], "archive"))
		return set_archive(argc, argv);
	if (!strcmp(argv[1], "logging"))
		return set_logging(argc, argv);
	if (strcmp(argv[1], "send"))
		return usage();
	status = parse_send(argc, argv, &options);
	if (status)
		return status;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigusr1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	return send_document(&options);
}
