/*
 * sendfax: a fax client written the way a Windows 2000 program is, against
 * winfax.h only. It connects to the fax server, subscribes to its events
 * through an I/O completion port, queues a document and follows the job
 * until it leaves the queue. It builds unchanged on Linux with
 * `cc sendfax.c $(pkg-config --cflags --libs winfax)`.
 *
 * usage: sendfax NUMBER DOCUMENT.tif [TIMEOUT_SECONDS]
 * Exit status: 0 when the fax was delivered, 1 when it failed, 2 on errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winfax.h>

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
		return "(events were lost)";
	return id < sizeof(names) / sizeof(names[0]) ? names[id] : "?";
}

static int fail(const char *what)
{
	fprintf(stderr, "sendfax: %s failed: error %lu\n", what,
		(unsigned long)GetLastError());
	return 2;
}

int main(int argc, char **argv)
{
	FAX_JOB_PARAMA params;
	HANDLE server, port;
	DWORD job_id, timeout_ms;
	BOOL delivered = FALSE, finished = FALSE;

	if (argc < 3) {
		fprintf(stderr, "usage: %s NUMBER DOCUMENT.tif [TIMEOUT_SECONDS]\n", argv[0]);
		return 2;
	}
	timeout_ms = (argc > 3 ? (DWORD)atoi(argv[3]) : 120) * 1000;

	if (!FaxConnectFaxServerA(NULL, &server))
		return fail("FaxConnectFaxServer");
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	if (!port)
		return fail("CreateIoCompletionPort");
	if (!FaxInitializeEventQueue(server, port, 42, NULL, 0))
		return fail("FaxInitializeEventQueue");

	memset(&params, 0, sizeof(params));
	params.SizeOfStruct = sizeof(params);
	params.RecipientNumber = argv[1];
	params.RecipientName = "Demo recipient";
	params.DocumentName = argv[2];
	params.ScheduleAction = JSA_NOW;
	if (!FaxSendDocumentA(server, argv[2], &params, NULL, &job_id))
		return fail("FaxSendDocument");
	printf("queued job %lu to %s\n", (unsigned long)job_id, argv[1]);
	/* The server handle is not needed to hear about the job any more. */
	FaxClose(server);

	while (!finished) {
		DWORD bytes;
		ULONG_PTR key;
		LPOVERLAPPED overlapped;
		FAX_EVENT *event;

		if (!GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, timeout_ms)) {
			fprintf(stderr, "sendfax: no news of job %lu in time\n",
				(unsigned long)job_id);
			break;
		}
		event = (FAX_EVENT *)overlapped;
		if (event->JobId == job_id || event->JobId == 0xFFFFFFFF)
			printf("  event FEI_%-14s port %lu\n", event_name(event->EventId),
			       (unsigned long)event->DeviceId);
		if (event->JobId == job_id) {
			switch (event->EventId) {
			case FEI_COMPLETED:
				delivered = TRUE;
				break;
			case FEI_DELETED:
				finished = TRUE;
				break;
			case FEI_BUSY:
			case FEI_NO_ANSWER:
			case FEI_BAD_ADDRESS:
			case FEI_DISCONNECTED:
			case FEI_FATAL_ERROR:
				printf("  this attempt failed; the server retries as configured\n");
				finished = TRUE;
				break;
			}
		}
		LocalFree(event);
	}
	CloseHandle(port);
	printf("job %lu %s\n", (unsigned long)job_id,
	       delivered ? "was delivered" : "was not delivered");
	return delivered ? 0 : 1;
}
