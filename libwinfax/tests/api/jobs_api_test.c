// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * FaxSendDocument(ForBroadcast)A/W, FaxEnumJobsA/W, FaxGetJobA/W,
 * FaxSetJobA/W, FaxAbort, FaxGetPageData and FaxCompleteJobParamsA/W as an
 * application uses them, against the real driver (inside the VM, as root,
 * with no faxd: jobs stay queued unless a test attaches as the engine).
 * Documents are made by the tests with libtiff.
 */
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

#include <tiffio.h>

#include "apitest.h"
#include "dsp_engine.h"
#include "document_fixture.h"

#define MISSING_PATH "/tmp/winfax-no-such-file.tif"

/* ---- documents ------------------------------------------------------------ */

/* A fixture's documents, in a folder of their own under /tmp. */
struct documents {
	char folder[64];
	char fax[96];        /* 2 pages, MH, standard */
	char fax_mr[96];     /* 1 page, MR, fine */
	char fax_mmr[96];    /* 1 page, MMR, fine */
	char png[96];        /* a PNG cut short after its header */
	char text[96];       /* Latin-1, so not the UTF-8 text FaxSendDocument renders */
	char wide_page[96];  /* 2048 pixels wide */
	char gray[96];       /* 8 bits per sample */
};

static int documents_make(struct documents *docs)
{
	struct fax_test_tiff fax = { .picture = FAX_TEST_BARS, .coding = FAX_TEST_MH, .pages = 2,
				     .rows = 300 };
	struct fax_test_tiff mr = { .picture = FAX_TEST_BARS, .coding = FAX_TEST_MR,
				    .resolution = PAGE_RESOLUTION_FINE, .pages = 1, .rows = 500 };
	struct fax_test_tiff mmr = { .picture = FAX_TEST_BARS, .coding = FAX_TEST_MMR,
				     .resolution = PAGE_RESOLUTION_FINE, .pages = 1, .rows = 500 };
	struct fax_test_tiff wide = { .picture = FAX_TEST_BARS, .coding = FAX_TEST_MH, .pages = 1,
				      .rows = 100, .width = 2048 };
	struct fax_test_tiff gray = { .picture = FAX_TEST_BARS, .coding = FAX_TEST_MH, .pages = 1,
				      .rows = 100, .bits_per_sample = 8 };
	static const char text[] = "Ceci n'est pas un fax, caf\xe9.\n";

	snprintf(docs->folder, sizeof(docs->folder), "/tmp/winfax-jobs-XXXXXX");
	if (!mkdtemp(docs->folder) || chmod(docs->folder, 0755))
		return -1;
	snprintf(docs->fax, sizeof(docs->fax), "%s/fax.tif", docs->folder);
	snprintf(docs->fax_mr, sizeof(docs->fax_mr), "%s/fax-mr.tif", docs->folder);
	snprintf(docs->fax_mmr, sizeof(docs->fax_mmr), "%s/fax-mmr.tif", docs->folder);
	snprintf(docs->png, sizeof(docs->png), "%s/picture.png", docs->folder);
	snprintf(docs->text, sizeof(docs->text), "%s/letter.txt", docs->folder);
	snprintf(docs->wide_page, sizeof(docs->wide_page), "%s/wide.tif", docs->folder);
	snprintf(docs->gray, sizeof(docs->gray), "%s/gray.tif", docs->folder);
	return fax_test_tiff_write(docs->fax, &fax, stderr) ||
	       fax_test_tiff_write(docs->fax_mr, &mr, stderr) ||
	       fax_test_tiff_write(docs->fax_mmr, &mmr, stderr) ||
	       fax_test_tiff_write(docs->wide_page, &wide, stderr) ||
	       fax_test_tiff_write(docs->gray, &gray, stderr) ||
	       file_write(docs->png, png_bytes, sizeof(png_bytes)) ||
	       file_write(docs->text, text, sizeof(text) - 1) ? -1 : 0;
}

static void documents_remove(struct documents *docs)
{
	unlink(docs->fax);
	unlink(docs->fax_mr);
	unlink(docs->fax_mmr);
	unlink(docs->png);
	unlink(docs->text);
	unlink(docs->wide_page);
	unlink(docs->gray);
	rmdir(docs->folder);
}

static void param_init(FAX_JOB_PARAMA *param, const char *number)
{
	memset(param, 0, sizeof(*param));
	param->SizeOfStruct = sizeof(*param);
	param->RecipientNumber = number;
	param->RecipientName = "Recipient M\xc3\xbcller";
	param->SenderName = "Sender";
	param->DocumentName = "Letter";
	param->ScheduleAction = JSA_NOW;
}

/* ---- fixtures ---------------------------------------------------------------- */

/* Root's server handle, an empty queue, documents. */
FIXTURE(queue) {
	HANDLE server;
	struct documents docs;
};

FIXTURE_SETUP(queue)
{
	admin_delete_all_jobs();
	ASSERT_EQ(0, documents_make(&self->docs));
	self->server = connect_local();
	ASSERT_NE(NULL, self->server);
}

FIXTURE_TEARDOWN(queue)
{
	FaxClose(self->server);
	admin_delete_all_jobs();
	documents_remove(&self->docs);
}

/* Plus a port of the test's own with the test as its DSP engine, so jobs
 * are dispatched to it. */
FIXTURE(engine) {
	HANDLE server;
	struct documents docs;
	DWORD device_id;
	int dsp;
};

FIXTURE_SETUP(engine)
{
	admin_delete_all_jobs();
	ASSERT_EQ(0, documents_make(&self->docs));
	self->server = connect_local();
	ASSERT_NE(NULL, self->server);
	ASSERT_EQ(0, admin_port_add("Jobs API test", "5550301", &self->device_id));
	self->dsp = admin_dsp_attach(self->device_id);
	ASSERT_LE(0, self->dsp);
}

FIXTURE_TEARDOWN(engine)
{
	FaxClose(self->server);
	if (self->dsp >= 0)
		close(self->dsp);
	admin_port_remove(self->device_id);
	admin_delete_all_jobs();
	documents_remove(&self->docs);
}

/* ---- FaxSendDocument ----------------------------------------------------------- */

TEST_F(queue, send_queues_a_fax_tiff_in_every_coding)
{
	const char *paths[] = { self->docs.fax, self->docs.fax_mr, self->docs.fax_mmr };
	const DWORD pages[] = { 2, 1, 1 };
	FAX_JOB_PARAMA param;

	param_init(&param, "5550100");
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		PFAX_JOB_ENTRYA job = NULL;
		DWORD id = 0;

		ASSERT_TRUE(FaxSendDocumentA(self->server, paths[i], &param, NULL, &id))
			TH_LOG("%s: error %u", paths[i], GetLastError());
		EXPECT_NE(0, id);
		ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
		EXPECT_EQ(sizeof(FAX_JOB_ENTRYA), job->SizeOfStruct);
		EXPECT_EQ(id, job->JobId);
		EXPECT_EQ(JT_SEND, job->JobType);
		EXPECT_STREQ("root", job->UserName);
		EXPECT_STREQ("5550100", job->RecipientNumber);
		EXPECT_STREQ("Recipient M\xc3\xbcller", job->RecipientName);
		EXPECT_STREQ("Sender", job->SenderName);
		EXPECT_STREQ("Letter", job->DocumentName);
		EXPECT_EQ(NULL, job->BillingCode) TH_LOG("an unset string is NULL");
		EXPECT_EQ(JSA_NOW, job->ScheduleAction);
		EXPECT_EQ(0, job->Status) TH_LOG("not on a port");
		EXPECT_EQ(pages[i], job->PageCount) TH_LOG("the pages counted when it was sent");
		/* No engine runs: the job waits for a line. */
		EXPECT_EQ(0, job->QueueStatus & ~(DWORD)JS_NOLINE);
		{
			struct stat status;

			ASSERT_EQ(0, stat(paths[i], &status));
			EXPECT_EQ((DWORD)status.st_size, job->Size);
		}
		FaxFreeBuffer(job);
	}
}

/* A TIFF that is not class F (too wide, grey) is a picture: converted and
 * queued, one page each. */
TEST_F(queue, send_converts_a_tiff_picture)
{
	const char *paths[] = { self->docs.wide_page, self->docs.gray };
	FAX_JOB_PARAMA param;

	param_init(&param, "5550100");
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		PFAX_JOB_ENTRYA job = NULL;
		DWORD id = 0;

		ASSERT_TRUE(FaxSendDocumentA(self->server, paths[i], &param, NULL, &id))
			TH_LOG("%s: error %u", paths[i], GetLastError());
		ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
		EXPECT_EQ(1, job->PageCount) TH_LOG("%s", paths[i]);
		FaxFreeBuffer(job);
	}
}

TEST_F(queue, send_refuses_what_is_not_a_fax)
{
	const char *paths[] = { self->docs.png, self->docs.text, "/tmp" };
	FAX_JOB_PARAMA param;
	PFAX_JOB_ENTRYA jobs = NULL;
	DWORD count = 99;

	param_init(&param, "5550100");
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		DWORD id = 77;

		EXPECT_FALSE(FaxSendDocumentA(self->server, paths[i], &param, NULL, &id));
		EXPECT_EQ(ERROR_INVALID_DATA, GetLastError()) TH_LOG("%s", paths[i]);
	}
	ASSERT_TRUE(FaxEnumJobsA(self->server, &jobs, &count));
	EXPECT_EQ(0, count) TH_LOG("nothing was queued");
	FaxFreeBuffer(jobs);
}

TEST_F(queue, send_argument_errors)
{
	FAX_JOB_PARAMA param;
	FAX_COVERPAGE_INFOA cover;
	DWORD id = 0;

	param_init(&param, "5550100");
	EXPECT_FALSE(FaxSendDocumentA(NULL, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSendDocumentA(self->server, NULL, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, NULL, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSendDocumentA((HANDLE)(uintptr_t)0x12345, self->docs.fax, &param, NULL,
				      &id));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());

	param.RecipientNumber = NULL;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	param_init(&param, "5550100");
	param.SizeOfStruct = sizeof(param) - 8;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	param_init(&param, "555-CALL-ME");
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("letters cannot be dialled");
	/* CallHandle is reserved and must be NULL: a TAPI call to send on is
	 * refused, never ignored. */
	param_init(&param, "5550100");
	param.CallHandle = 1;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a CallHandle");
	/* No MAPI inbox on Linux: a report that would never come is refused. */
	param_init(&param, "5550100");
	param.DeliveryReportType = DRT_INBOX;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("DRT_INBOX");
	param.DeliveryReportType = DRT_EMAIL;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("DRT_EMAIL without an address");
	param.DeliveryReportType = DRT_INBOX + 1;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	param_init(&param, "5550100");
	param.ScheduleAction = 7;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	param_init(&param, "5550100");
	param.ScheduleAction = JSA_SPECIFIC_TIME;
	param.ScheduleTime.wYear = 2030;
	param.ScheduleTime.wMonth = 13;
	param.ScheduleTime.wDay = 1;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	param_init(&param, "5550100");
	param.Tsid = "a station id far longer than twenty characters";
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	param_init(&param, "5550100");
	EXPECT_FALSE(FaxSendDocumentA(self->server, MISSING_PATH, &param, NULL, &id));
	EXPECT_EQ(ERROR_FILE_NOT_FOUND, GetLastError());
	EXPECT_FALSE(FaxSendDocumentA(self->server, "/tmp/no-such-folder/fax.tif", &param, NULL,
				      &id));
	EXPECT_EQ(ERROR_FILE_NOT_FOUND, GetLastError());

	/* A personal cover page is a file of the caller's: it must exist... */
	memset(&cover, 0, sizeof(cover));
	cover.SizeOfStruct = sizeof(cover);
	cover.CoverPageName = "confidential.cov";
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, &cover, &id));
	EXPECT_EQ(ERROR_FILE_NOT_FOUND, GetLastError());
	cover.SizeOfStruct = 12;
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, &cover, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	/* ...a structure that names none is no request for one. */
	cover.SizeOfStruct = sizeof(cover);
	cover.CoverPageName = NULL;
	cover.RecName = "Recipient";
	EXPECT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, &cover, &id));
}

/* ---- documents converted by FaxSendDocument, cover pages ---------------------------- */

/* The TIFF FaxGetPageData gave, opened with libtiff (through a file that
 * is gone once it is open); NULL when it cannot be. */
static TIFF *page_data_open(const unsigned char *data, DWORD size)
{
	char path[] = "/tmp/winfax-page-XXXXXX";
	int fd = mkstemp(path);
	TIFF *tiff;

	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	close(fd);
	tiff = TIFFOpen(path, "r");
	unlink(path);
	return tiff;
}

/* The page FaxGetPageData gave, decoded: FAX_TEST_ROW_BYTES a line, 1 = black
 * (the page data is WhiteIsZero); NULL when it does not decode. */
static unsigned char *page_data_decode(const unsigned char *data, DWORD size, uint32_t *lines)
{
	unsigned char *bits = NULL;
	TIFF *tiff = page_data_open(data, size);

	if (!tiff)
		return NULL;
	if (TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, lines) && *lines > 0)
		bits = calloc(*lines, FAX_TEST_ROW_BYTES);
	for (uint32_t row = 0; bits && row < *lines; row++) {
		if (TIFFReadScanline(tiff, bits + (size_t)row * FAX_TEST_ROW_BYTES, row, 0) < 0) {
			free(bits);
			bits = NULL;
		}
	}
	TIFFClose(tiff);
	return bits;
}

static bool ink(const unsigned char *bits, uint32_t x, uint32_t y)
{
	return bits[(size_t)y * FAX_TEST_ROW_BYTES + x / 8] & (0x80 >> (x % 8));
}

/* Whether any pixel of columns x0..x1-1, rows y0..y1-1 is ink. */
static bool ink_in(const unsigned char *bits, uint32_t x0, uint32_t y0, uint32_t x1,
		   uint32_t y1)
{
	for (uint32_t y = y0; y < y1; y++)
		for (uint32_t x = x0; x < x1; x++)
			if (ink(bits, x, y))
				return true;
	return false;
}

TEST_F(queue, send_converts_text_and_puts_a_cover_page_first)
{
	static const WCHAR cover_name[] = { 'u', 'r', 'g', 'e', 'n', 't', '.', 'c', 'o', 'v', 0 };
	static const WCHAR alice[] = { 'A', 'l', 'i', 'c', 'e', 0 };
	char text_path[128];
	WCHAR *wide_path;
	FAX_JOB_PARAMA param;
	FAX_JOB_PARAMW wide_param;
	FAX_COVERPAGE_INFOA cover;
	FAX_COVERPAGE_INFOW wide_cover;
	LPBYTE page = NULL;
	DWORD id = 0, size = 0, width = 0, height = 0;
	uint32_t lines = 0;
	unsigned char *bits;

	/* The paper the page lengths below are for, whatever /etc/papersize
	 * says (the conversion runs here, in this process). */
	setenv("PAPERSIZE", "a4", 1);
	snprintf(text_path, sizeof(text_path), "%s/hello.txt", self->docs.folder);
	ASSERT_EQ(0, file_write(text_path, "Hello\n", 6));
	wide_path = test_utf16_from_utf8(text_path);
	ASSERT_NE(NULL, wide_path);

	/* Text (laid out by Pango, DejaVu Sans Mono 10 pt): "Hello" in the
	 * first line, from the top left margin (144, 132), about 21 rows of
	 * capital: nothing above or left of the margins, nothing under the
	 * line. */
	param_init(&param, "5550100");
	ASSERT_TRUE(FaxSendDocumentA(self->server, text_path, &param, NULL, &id));
	ASSERT_TRUE(FaxGetPageData(self->server, id, &page, &size, &width, &height));
	EXPECT_EQ(FAX_TEST_WIDTH, width);
	EXPECT_EQ(2292, height) TH_LOG("an A4 page at fine resolution");
	bits = page_data_decode(page, size, &lines);
	ASSERT_NE(NULL, bits);
	EXPECT_TRUE(ink_in(bits, 144, 132, 240, 170) && !ink_in(bits, 0, 0, FAX_TEST_WIDTH, 132) &&
		    !ink_in(bits, 0, 132, 144, 170) && !ink_in(bits, 0, 170, FAX_TEST_WIDTH, 400));
	free(bits);
	FaxFreeBuffer(page);
	page = NULL;

	/* W, a server cover page: page 1 is the cover, "FAX" in 40 pt bold
	 * from the margin (144, 144): about 80 rows of capitals from row 166,
	 * where the text page has none. */
	memset(&wide_param, 0, sizeof(wide_param));
	wide_param.SizeOfStruct = sizeof(wide_param);
	wide_param.RecipientNumber = (const WCHAR[]){ '5', '5', '5', '0', '1', '0', '0', 0 };
	memset(&wide_cover, 0, sizeof(wide_cover));
	wide_cover.SizeOfStruct = sizeof(wide_cover);
	wide_cover.CoverPageName = cover_name;
	wide_cover.UseServerCoverPage = TRUE;
	wide_cover.RecName = alice;
	ASSERT_TRUE(FaxSendDocumentW(self->server, wide_path, &wide_param, &wide_cover, &id));
	ASSERT_TRUE(FaxGetPageData(self->server, id, &page, &size, &width, &height));
	bits = page_data_decode(page, size, &lines);
	ASSERT_NE(NULL, bits);
	EXPECT_TRUE(ink_in(bits, 144, 190, 400, 240) && !ink_in(bits, 0, 0, FAX_TEST_WIDTH, 144))
		TH_LOG("the cover page comes first");
	free(bits);
	FaxFreeBuffer(page);
	{
		PFAX_JOB_ENTRYA job = NULL;

		ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
		EXPECT_EQ(2, job->PageCount) TH_LOG("the cover page and the text page");
		FaxFreeBuffer(job);
	}

	/* A personal cover page that exists (any readable file) is taken. */
	memset(&cover, 0, sizeof(cover));
	cover.SizeOfStruct = sizeof(cover);
	cover.CoverPageName = self->docs.fax;
	EXPECT_TRUE(FaxSendDocumentA(self->server, text_path, &param, &cover, &id));
	/* A W string in the cover page that is not UTF-16 is a bad argument. */
	wide_cover.RecName = (const WCHAR[]){ 0xDC00, 0 };
	EXPECT_FALSE(FaxSendDocumentW(self->server, wide_path, &wide_param, &wide_cover, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	free(wide_path);
	unlink(text_path);
}

TEST_F(queue, server_cp_refuses_personal_cover_pages_and_takes_common_ones)
{
	static const WCHAR cover_name[] = { 'u', 'r', 'g', 'e', 'n', 't', '.', 'c', 'o', 'v', 0 };
	PFAX_CONFIGURATIONA config = NULL;
	FAX_JOB_PARAMA param;
	FAX_JOB_PARAMW wide_param;
	FAX_COVERPAGE_INFOA personal;
	FAX_COVERPAGE_INFOW common;
	DWORD id = 0;

	param_init(&param, "5550100");
	memset(&personal, 0, sizeof(personal));
	personal.SizeOfStruct = sizeof(personal);
	personal.CoverPageName = self->docs.fax;	/* any readable file of the caller's */
	memset(&wide_param, 0, sizeof(wide_param));
	wide_param.SizeOfStruct = sizeof(wide_param);
	wide_param.RecipientNumber = (const WCHAR[]){ '5', '5', '5', '0', '1', '0', '0', 0 };
	memset(&common, 0, sizeof(common));
	common.SizeOfStruct = sizeof(common);
	common.CoverPageName = cover_name;
	common.UseServerCoverPage = TRUE;

	/* Off (the default): a personal cover page goes. */
	EXPECT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, &personal, &id));

	ASSERT_TRUE(FaxGetConfigurationA(self->server, &config));
	config->ServerCp = TRUE;
	ASSERT_TRUE(FaxSetConfigurationA(self->server, config));
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, &personal, &id));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError()) TH_LOG("ServerCp: common cover pages only");
	{
		WCHAR *path = test_utf16_from_utf8(self->docs.fax);

		ASSERT_NE(NULL, path);
		EXPECT_TRUE(FaxSendDocumentW(self->server, path, &wide_param, &common, &id))
			TH_LOG("a common cover page still goes: error %u", GetLastError());
		free(path);
	}
	EXPECT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id))
		TH_LOG("no cover page at all still goes");

	config->ServerCp = FALSE;
	EXPECT_TRUE(FaxSetConfigurationA(self->server, config));
	FaxFreeBuffer(config);
}

TEST_F(queue, send_numbers_as_people_write_them_and_a_utc_schedule)
{
	/* Three weeks ahead: the driver refuses schedules past job_max_days (31). */
	time_t later = time(NULL) + 21 * 24 * 3600;
	struct tm day;
	SYSTEMTIME when;
	FAX_JOB_PARAMA param;
	PFAX_JOB_ENTRYA job = NULL;
	DWORD id = 0;

	ASSERT_NE(NULL, gmtime_r(&later, &day));
	when = (SYSTEMTIME){ (WORD)(day.tm_year + 1900), (WORD)(day.tm_mon + 1), 0,
			     (WORD)day.tm_mday, 18, 45, 30, 250 };
	param_init(&param, "+1 (425) 555-0100");
	param.ScheduleAction = JSA_SPECIFIC_TIME;
	param.ScheduleTime = when;
	param.DeliveryReportType = DRT_EMAIL;
	param.DeliveryReportAddress = "me@example.org";
	param.BillingCode = "B-7";
	param.Tsid = "+49 30 1234";
	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
	/* As submitted, as Windows shows it: the line reads the form. */
	EXPECT_STREQ("+1 (425) 555-0100", job->RecipientNumber);
	EXPECT_EQ(JSA_SPECIFIC_TIME, job->ScheduleAction);
	EXPECT_EQ(when.wYear, job->ScheduleTime.wYear);
	EXPECT_EQ(when.wMonth, job->ScheduleTime.wMonth);
	EXPECT_EQ(when.wDay, job->ScheduleTime.wDay);
	/* Left 0 in the request: the library works out the weekday. */
	EXPECT_EQ(day.tm_wday, job->ScheduleTime.wDayOfWeek);
	EXPECT_EQ(18, job->ScheduleTime.wHour);
	EXPECT_EQ(45, job->ScheduleTime.wMinute);
	EXPECT_EQ(30, job->ScheduleTime.wSecond);
	EXPECT_EQ(250, job->ScheduleTime.wMilliseconds);
	EXPECT_EQ(DRT_EMAIL, job->DeliveryReportType);
	EXPECT_STREQ("me@example.org", job->DeliveryReportAddress);
	EXPECT_STREQ("B-7", job->BillingCode);
	EXPECT_STREQ("+49 30 1234", job->Tsid);
	FaxFreeBuffer(job);
}

/* A PBX's outside line and a pause: queued, and the job shows the dial
 * string as it was given, in both forms.  Every modifier people and PBXs
 * write: ',' pause, 'W' wait for a dial tone, 'P' and 'T' pulse and tone,
 * '!' a hook flash, either case. */
TEST_F(queue, send_takes_dial_strings_with_pauses)
{
	static const char *const numbers[] = {
		"9,5550100", "9W5550100", "*70,5550100#", "9w,,5550100", "P9T5550100",
		"p9t5550100", "!5550100",
	};
	FAX_JOB_PARAMA param;
	PFAX_JOB_ENTRYA job = NULL;
	PFAX_JOB_ENTRYW wide_job = NULL;
	DWORD id = 0;

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		param_init(&param, numbers[i]);
		ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id))
			TH_LOG("%s: error %u", numbers[i], (unsigned)GetLastError());
		ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
		EXPECT_STREQ(numbers[i], job->RecipientNumber);
		FaxFreeBuffer(job);
		ASSERT_TRUE(FaxGetJobW(self->server, id, &wide_job));
		EXPECT_TRUE(wide_equals_utf8(wide_job->RecipientNumber, numbers[i]));
		FaxFreeBuffer(wide_job);
	}
	/* What is no dial string is still refused. */
	param_init(&param, "9;5550100");
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	param_init(&param, ",,W");
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

TEST_F(queue, send_w_and_get_w)
{
	FAX_JOB_PARAMW param;
	PFAX_JOB_ENTRYW job = NULL;
	WCHAR *path = test_utf16_from_utf8(self->docs.fax);
	WCHAR *number = test_utf16_from_utf8("5550123");
	WCHAR *name = test_utf16_from_utf8("Empf\xc3\xa4nger \xf0\x9f\x93\xa0");
	WCHAR *missing = test_utf16_from_utf8(MISSING_PATH);
	const WCHAR unpaired[] = { 0xD800, 'x', 0 };
	DWORD id = 0;

	memset(&param, 0, sizeof(param));
	param.SizeOfStruct = sizeof(param);
	param.RecipientNumber = number;
	param.RecipientName = name;
	ASSERT_TRUE(FaxSendDocumentW(self->server, path, &param, NULL, &id));
	ASSERT_TRUE(FaxGetJobW(self->server, id, &job));
	EXPECT_EQ(sizeof(FAX_JOB_ENTRYW), job->SizeOfStruct);
	EXPECT_TRUE(wide_equals_utf8(job->RecipientNumber, "5550123"));
	EXPECT_TRUE(wide_equals_utf8(job->RecipientName, "Empf\xc3\xa4nger \xf0\x9f\x93\xa0"));
	EXPECT_TRUE(wide_equals_utf8(job->UserName, "root"));
	FaxFreeBuffer(job);

	EXPECT_FALSE(FaxSendDocumentW(self->server, missing, &param, NULL, &id));
	EXPECT_EQ(ERROR_FILE_NOT_FOUND, GetLastError());
	param.RecipientName = unpaired;
	EXPECT_FALSE(FaxSendDocumentW(self->server, path, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	free(path);
	free(number);
	free(name);
	free(missing);
}

/* The ANSI code page is the locale's charset: in a CP1252 locale the A
 * strings are CP1252 both ways, and the W ones stay UTF-16. */
TEST_F(queue, a_strings_are_in_the_locales_charset)
{
	FAX_JOB_PARAMA param;
	FAX_JOB_PARAMW wide_param;
	PFAX_JOB_ENTRYA job = NULL;
	PFAX_JOB_ENTRYW wide_job = NULL;
	WCHAR *path = test_utf16_from_utf8(self->docs.fax);
	WCHAR *number = test_utf16_from_utf8("5550123");
	WCHAR *name = test_utf16_from_utf8("Empf\xc3\xa4nger \xf0\x9f\x93\xa0");
	DWORD id = 0, wide_id = 0;

	ASSERT_EQ(0, setenv("LOCPATH", TEST_LOCALE_DIR, 1));
	ASSERT_NE(NULL, setlocale(LC_ALL, "en_US.CP1252"));

	param_init(&param, "5550123");
	param.RecipientName = "M\xfcller \x80";
	param.SenderName = "Caf\xe9 \x93" "Est\x94";
	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	ASSERT_TRUE(FaxGetJobW(self->server, id, &wide_job));
	EXPECT_TRUE(wide_equals_utf8(wide_job->RecipientName, "M\xc3\xbcller \xe2\x82\xac"));
	EXPECT_TRUE(wide_equals_utf8(wide_job->SenderName,
				     "Caf\xc3\xa9 \xe2\x80\x9c" "Est\xe2\x80\x9d"));
	FaxFreeBuffer(wide_job);
	ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
	EXPECT_STREQ("M\xfcller \x80", job->RecipientName);
	EXPECT_STREQ("Caf\xe9 \x93" "Est\x94", job->SenderName);
	FaxFreeBuffer(job);

	/* What CP1252 cannot hold reads as '?', as WideCharToMultiByte's
	 * default character. */
	memset(&wide_param, 0, sizeof(wide_param));
	wide_param.SizeOfStruct = sizeof(wide_param);
	wide_param.RecipientNumber = number;
	wide_param.RecipientName = name;
	ASSERT_TRUE(FaxSendDocumentW(self->server, path, &wide_param, NULL, &wide_id));
	ASSERT_TRUE(FaxGetJobA(self->server, wide_id, &job));
	EXPECT_STREQ("Empf\xe4nger ?", job->RecipientName);
	FaxFreeBuffer(job);

	/* 0x81 is no character in CP1252. */
	param.RecipientName = "x\x81y";
	EXPECT_FALSE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	free(path);
	free(number);
	free(name);
}

TEST(send_needs_the_submit_right)
{
	struct user_rights_change change;
	struct fax_test_tiff spec = { .picture = FAX_TEST_BARS, .coding = FAX_TEST_MH, .pages = 1,
				      .rows = 50 };
	char path[] = "/tmp/winfax-submit-XXXXXX";
	FAX_JOB_PARAMA param;
	HANDLE server;
	DWORD id = 0;
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, fax_test_tiff_write(path, &spec, stderr));
	ASSERT_EQ(0, user_rights_change_begin(FAX_JOB_QUERY | FAX_PORT_QUERY, &change));
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_EQ(0, user_rights_change_end(&change));
	ASSERT_NE(NULL, server);
	param_init(&param, "5550100");
	EXPECT_FALSE(FaxSendDocumentA(server, path, &param, NULL, &id));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	FaxClose(server);
	/* unlink needs root's folder rights: /tmp is sticky, the file root's. */
}

TEST_F(queue, send_is_done_as_the_caller)
{
	FAX_JOB_PARAMA param;
	HANDLE server;
	DWORD id = 0;

	ASSERT_EQ(0, chmod(self->docs.fax, 0600));
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_NE(NULL, server);
	param_init(&param, "5550100");
	EXPECT_FALSE(FaxSendDocumentA(server, self->docs.fax, &param, NULL, &id));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError()) TH_LOG("root's private file");
	EXPECT_TRUE(FaxSendDocumentA(server, self->docs.fax_mr, &param, NULL, &id));
	FaxClose(server);
}

/* The driver's per-user queue limit (faxport.ko's user_job_limit); 0 or -1. */
static int user_job_limit_swap(const char *value, char *previous, size_t size)
{
	static const char path[] = "/sys/module/faxport/parameters/user_job_limit";
	FILE *f = fopen(path, "r+e");
	int ok;

	if (!f)
		return -1;
	ok = fgets(previous, (int)size, f) && !fseek(f, 0, SEEK_SET) && fputs(value, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

TEST_F(queue, a_user_past_the_job_limit_gets_not_enough_quota)
{
	char previous[32], unused[32];
	int status = -1;
	pid_t pid;

	ASSERT_EQ(0, user_job_limit_swap("2", previous, sizeof(previous)));
	pid = fork();
	if (pid == 0) {
		FAX_JOB_PARAMA param;
		HANDLE server;
		DWORD id = 0;

		if (drop_to_nobody())
			_exit(10);
		server = connect_local();
		if (!server)
			_exit(11);
		param_init(&param, "5550100");
		if (!FaxSendDocumentA(server, self->docs.fax_mr, &param, NULL, &id) ||
		    !FaxSendDocumentA(server, self->docs.fax_mr, &param, NULL, &id))
			_exit(12);
		if (FaxSendDocumentA(server, self->docs.fax_mr, &param, NULL, &id))
			_exit(13);
		_exit(GetLastError() == ERROR_NOT_ENOUGH_QUOTA ? 0 : 14);
	}
	ASSERT_LT(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, user_job_limit_swap(previous, unused, sizeof(unused)));
	/* 12: the two within the limit failed; 13: the third was queued;
	 * 14: refused with another code. */
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* ---- FaxSendDocumentForBroadcast ----------------------------------------------------- */

struct recipients {
	const char *numbers[4];
	DWORD calls;
	DWORD last_index;
	bool ask_cover_page;        /* for recipient 2 */
	bool server_cover_page;     /* ... as a server cover page */
};

static BOOL WINFAX_CALL recipient_a(HANDLE fax, DWORD index, LPVOID context,
				    PFAX_JOB_PARAMA param, PFAX_COVERPAGE_INFOA cover)
{
	struct recipients *recipients = context;

	(void)fax;
	recipients->calls++;
	recipients->last_index = index;
	if (param->SizeOfStruct != sizeof(*param) || cover->SizeOfStruct != sizeof(*cover))
		return FALSE;
	if (index > 4 || !recipients->numbers[index - 1])
		return FALSE;
	param->RecipientNumber = recipients->numbers[index - 1];
	param->RecipientName = "Broadcast";
	if (recipients->ask_cover_page && index == 2) {
		cover->CoverPageName = "fyi.cov";
		cover->UseServerCoverPage = recipients->server_cover_page;
	}
	return TRUE;
}

static BOOL WINFAX_CALL recipient_w(HANDLE fax, DWORD index, LPVOID context,
				    PFAX_JOB_PARAMW param, PFAX_COVERPAGE_INFOW cover)
{
	static const WCHAR number[] = { '5', '5', '5', '0', '9', '0', '0', 0 };

	(void)fax;
	(void)cover;
	(*(DWORD *)context)++;
	if (index > 1)
		return FALSE;
	param->RecipientNumber = number;
	return TRUE;
}

/* Below, with FaxGetPageData's tests. */
static bool page_is_first_page_as_mmr(const unsigned char *data, DWORD size, uint32_t lines);

TEST_F(queue, broadcast_makes_one_job_per_recipient)
{
	struct recipients recipients = { { "5550401", "5550402", "5550403", NULL }, 0, 0,
					 true, true };
	PFAX_JOB_ENTRYA jobs = NULL;
	DWORD count = 0, first = 0, size = 0, width = 0, height = 0;
	LPBYTE page = NULL;
	uint32_t lines = 0;
	unsigned char *bits;

	/* The paper the cover page's length below is for (the conversion runs here). */
	setenv("PAPERSIZE", "a4", 1);
	ASSERT_TRUE(FaxSendDocumentForBroadcastA(self->server, self->docs.fax, &first,
						 recipient_a, &recipients));
	EXPECT_EQ(4, recipients.calls) TH_LOG("until the callback says FALSE");
	EXPECT_EQ(4, recipients.last_index) TH_LOG("1-based");
	ASSERT_TRUE(FaxEnumJobsA(self->server, &jobs, &count));
	ASSERT_EQ(3, count);
	EXPECT_EQ(first, jobs[0].JobId) TH_LOG("the first job's id");
	for (DWORD i = 0; i < count; i++) {
		EXPECT_STREQ(recipients.numbers[i], jobs[i].RecipientNumber);
		EXPECT_STREQ("Broadcast", jobs[i].RecipientName);
	}
	/* Recipient 2 alone asked for a cover page: its fax starts with it
	 * ("FAX" in 40 pt bold from the top margin, at standard resolution
	 * like the document: half the fine page's rows, capitals from about
	 * row 83, nothing above the margin's 72 rows), the others with the
	 * document's first page. */
	ASSERT_TRUE(FaxGetPageData(self->server, jobs[0].JobId, &page, &size, &width, &height));
	EXPECT_TRUE(page_is_first_page_as_mmr(page, size, 300));
	FaxFreeBuffer(page);
	ASSERT_TRUE(FaxGetPageData(self->server, jobs[1].JobId, &page, &size, &width, &height));
	bits = page_data_decode(page, size, &lines);
	ASSERT_NE(NULL, bits);
	EXPECT_TRUE(ink_in(bits, 144, 95, 400, 120) && !ink_in(bits, 0, 0, FAX_TEST_WIDTH, 72))
		TH_LOG("the cover page first");
	EXPECT_EQ(1146, lines) TH_LOG("at the document's standard resolution");
	free(bits);
	FaxFreeBuffer(page);
	ASSERT_TRUE(FaxGetPageData(self->server, jobs[2].JobId, &page, &size, &width, &height));
	EXPECT_TRUE(page_is_first_page_as_mmr(page, size, 300));
	FaxFreeBuffer(page);
	FaxFreeBuffer(jobs);
}

TEST_F(queue, broadcast_errors)
{
	struct recipients none = { { NULL }, 0, 0, false, false };
	struct recipients cover = { { "5550401", "5550402", NULL }, 0, 0, true, false };
	DWORD first = 55, wide_calls = 0;
	WCHAR *path = test_utf16_from_utf8(self->docs.fax);
	PFAX_JOB_ENTRYA jobs = NULL;
	DWORD count = 0;

	EXPECT_FALSE(FaxSendDocumentForBroadcastA(self->server, self->docs.fax, &first, NULL,
						  &none));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSendDocumentForBroadcastA(self->server, self->docs.fax, &first,
						  recipient_a, &none));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("no recipient");
	EXPECT_EQ(0, first);
	none.calls = 0;
	EXPECT_FALSE(FaxSendDocumentForBroadcastA(self->server, self->docs.png, &first,
						  recipient_a, &none));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_EQ(0, none.calls) TH_LOG("the document is checked before any callback");

	/* Recipient 2 asks for a personal cover page that does not exist. */
	EXPECT_FALSE(FaxSendDocumentForBroadcastA(self->server, self->docs.fax, &first,
						  recipient_a, &cover));
	EXPECT_EQ(ERROR_FILE_NOT_FOUND, GetLastError());
	EXPECT_NE(0, first) TH_LOG("the first recipient's job stays queued");
	ASSERT_TRUE(FaxEnumJobsA(self->server, &jobs, &count));
	EXPECT_EQ(1, count);
	FaxFreeBuffer(jobs);

	EXPECT_TRUE(FaxSendDocumentForBroadcastW(self->server, path, &first, recipient_w,
						 &wide_calls));
	EXPECT_EQ(2, wide_calls);
	free(path);
}

/* ---- FaxEnumJobs ------------------------------------------------------------------- */

TEST_F(queue, enum_jobs_is_one_block_that_frees_whole)
{
	FAX_JOB_PARAMA param;
	PFAX_JOB_ENTRYW jobs = NULL;
	PFAX_JOB_ENTRYA narrow = NULL;
	DWORD ids[3], count = 0, narrow_count = 0;
	uintptr_t array_end;

	param_init(&param, "5550100");
	for (int i = 0; i < 3; i++)
		ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &ids[i]));
	ASSERT_TRUE(FaxEnumJobsW(self->server, &jobs, &count));
	ASSERT_EQ(3, count);
	ASSERT_TRUE(FaxEnumJobsA(self->server, &narrow, &narrow_count));
	ASSERT_EQ(3, narrow_count);
	array_end = (uintptr_t)(jobs + count);
	for (DWORD i = 0; i < count; i++) {
		EXPECT_EQ(ids[i], jobs[i].JobId) TH_LOG("job id order");
		EXPECT_EQ(sizeof(FAX_JOB_ENTRYW), jobs[i].SizeOfStruct);
		EXPECT_LE(array_end, (uintptr_t)jobs[i].UserName);
		EXPECT_LE(array_end, (uintptr_t)jobs[i].RecipientNumber);
		EXPECT_LE(array_end, (uintptr_t)jobs[i].DocumentName);
		EXPECT_EQ(0, (uintptr_t)jobs[i].RecipientName % sizeof(WCHAR));
		EXPECT_TRUE(wide_equals_utf8(jobs[i].RecipientName, narrow[i].RecipientName));
		EXPECT_TRUE(wide_equals_utf8(jobs[i].UserName, narrow[i].UserName));
	}
	/* FaxFreeBuffer never follows these (valgrind would see it). */
	for (DWORD i = 0; i < count; i++) {
		jobs[i].UserName = (LPCWSTR)(uintptr_t)0xdeadbeef;
		jobs[i].RecipientNumber = NULL;
		jobs[i].DocumentName = (LPCWSTR)&count;
	}
	FaxFreeBuffer(jobs);
	FaxFreeBuffer(narrow);
}

TEST_F(queue, enum_and_get_argument_errors)
{
	PFAX_JOB_ENTRYA jobs = (PFAX_JOB_ENTRYA)&jobs;
	DWORD count = 5;

	EXPECT_FALSE(FaxEnumJobsA(self->server, NULL, &count));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxEnumJobsA(self->server, &jobs, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	/* The API documents a NULL handle as a bad parameter; a value that
	 * is no handle stays an invalid handle. */
	EXPECT_FALSE(FaxEnumJobsW(NULL, (PFAX_JOB_ENTRYW *)&jobs, &count));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_EQ(NULL, jobs);
	EXPECT_EQ(0, count);
	EXPECT_FALSE(FaxEnumJobsA((HANDLE)(uintptr_t)0x777, &jobs, &count));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());

	EXPECT_FALSE(FaxGetJobA(self->server, 0x7FFFFFF0, &jobs));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("no such job");
	EXPECT_EQ(NULL, jobs);
	EXPECT_FALSE(FaxGetJobA(self->server, 1, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetJobW((HANDLE)(uintptr_t)0x777, 1, (PFAX_JOB_ENTRYW *)&jobs));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxGetJobA(NULL, 1, &jobs));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

/* FaxEnumJobs and FaxGetJob document ERROR_ACCESS_DENIED without
 * FAX_JOB_QUERY, even for the caller's own jobs (the driver would list
 * those: the API does not). */
TEST_F(queue, enum_and_get_jobs_need_the_query_right)
{
	struct user_rights_change change;
	FAX_JOB_PARAMA param;
	PFAX_JOB_ENTRYA jobs = NULL;
	DWORD root_job = 0, own_job = 0, count = 0;
	HANDLE server;

	param_init(&param, "5550100");
	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &root_job));
	ASSERT_EQ(0, user_rights_change_begin(FAX_JOB_SUBMIT, &change));
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_EQ(0, user_rights_change_end(&change));
	ASSERT_NE(NULL, server);
	ASSERT_TRUE(FaxSendDocumentA(server, self->docs.fax, &param, NULL, &own_job));
	jobs = (PFAX_JOB_ENTRYA)&jobs;
	count = 7;
	EXPECT_FALSE(FaxEnumJobsA(server, &jobs, &count));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_EQ(NULL, jobs);
	EXPECT_EQ(0, count);
	EXPECT_FALSE(FaxEnumJobsW(server, (PFAX_JOB_ENTRYW *)&jobs, &count));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_FALSE(FaxGetJobA(server, own_job, &jobs));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError()) TH_LOG("not even one's own job");
	EXPECT_EQ(NULL, jobs);
	EXPECT_FALSE(FaxGetJobA(server, root_job, &jobs));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	/* Queue control needs the owner or FAX_JOB_MANAGE, not the query
	 * right: another's job is as unknown as before. */
	EXPECT_FALSE(FaxAbort(server, root_job));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_TRUE(FaxAbort(server, own_job)) TH_LOG("the owner may");
	FaxClose(server);
}

/* ---- FaxSetJob, FaxAbort ---------------------------------------------------------------- */

static DWORD queue_status_of(HANDLE server, DWORD id)
{
	PFAX_JOB_ENTRYA job = NULL;
	DWORD status;

	if (!FaxGetJobA(server, id, &job))
		return 0xFFFFFFFF;
	status = job->QueueStatus;
	FaxFreeBuffer(job);
	return status;
}

TEST_F(queue, set_job_pauses_resumes_and_deletes)
{
	FAX_JOB_PARAMA param;
	FAX_JOB_ENTRYA entry;
	PFAX_JOB_ENTRYA job = NULL;
	DWORD id = 0, other = 0;

	param_init(&param, "5550100");
	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	ASSERT_TRUE(FaxSetJobA(self->server, id, JC_PAUSE, NULL));
	EXPECT_TRUE(queue_status_of(self->server, id) & JS_PAUSED);
	ASSERT_TRUE(FaxSetJobW(self->server, id, JC_RESUME, NULL));
	EXPECT_FALSE(queue_status_of(self->server, id) & JS_PAUSED);

	memset(&entry, 0, sizeof(entry));
	entry.SizeOfStruct = sizeof(entry);
	EXPECT_FALSE(FaxSetJobA(self->server, id, JC_PAUSE, &entry));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("JobEntry must be NULL");
	EXPECT_FALSE(FaxSetJobA(self->server, id, JC_UNKNOWN, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetJobA(self->server, id, 4, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetJobA(self->server, 0x7FFFFFF0, JC_PAUSE, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("bad job id");
	EXPECT_FALSE(FaxSetJobA(NULL, id, JC_PAUSE, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
	EXPECT_FALSE(FaxSetJobW(NULL, id, JC_PAUSE, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
	EXPECT_FALSE(FaxSetJobA((HANDLE)(uintptr_t)0x999, id, JC_PAUSE, NULL));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());

	ASSERT_TRUE(FaxSetJobA(self->server, id, JC_DELETE, NULL));
	EXPECT_FALSE(FaxGetJobA(self->server, id, &job));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &other));
	EXPECT_TRUE(FaxAbort(self->server, other));
	EXPECT_FALSE(FaxAbort(self->server, other));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxAbort((HANDLE)(uintptr_t)0x999, other));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

TEST_F(queue, others_may_not_touch_my_job)
{
	FAX_JOB_PARAMA param;
	unsigned char *page = NULL;
	DWORD id = 0, size = 0, width = 0, height = 0;
	HANDLE server;

	param_init(&param, "5550100");
	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_NE(NULL, server);
	/* Default rights include FAX_JOB_QUERY: nobody sees the job... */
	EXPECT_EQ(0, queue_status_of(server, id) & ~(DWORD)JS_NOLINE);
	/* ...but may not change it, nor read the fax. */
	EXPECT_FALSE(FaxSetJobA(server, id, JC_PAUSE, NULL));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_FALSE(FaxAbort(server, id));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_FALSE(FaxGetPageData(server, id, &page, &size, &width, &height));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_EQ(NULL, page);
	FaxClose(server);
}

/* ---- FaxGetPageData ------------------------------------------------------------------ */

/* The first page of the returned TIFF: MMR, and the pixels of page 0. */
static bool page_is_first_page_as_mmr(const unsigned char *data, DWORD size, uint32_t lines)
{
	unsigned char line[FAX_TEST_ROW_BYTES], expected[FAX_TEST_ROW_BYTES];
	uint16_t compression = 0;
	uint32_t width = 0, length = 0;
	bool same = true;
	TIFF *tiff = page_data_open(data, size);

	if (!tiff)
		return false;
	TIFFGetField(tiff, TIFFTAG_COMPRESSION, &compression);
	TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &width);
	TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &length);
	same = compression == COMPRESSION_CCITTFAX4 && width == FAX_TEST_WIDTH &&
	       length == lines && TIFFNumberOfDirectories(tiff) == 1;
	for (uint32_t row = 0; same && row < lines; row++) {
		fax_test_tiff_bars_row(0, row, expected, sizeof(expected));
		same = TIFFReadScanline(tiff, line, row, 0) >= 0 &&
		       memcmp(line, expected, sizeof(line)) == 0;
	}
	TIFFClose(tiff);
	return same;
}

TEST_F(queue, get_page_data_gives_the_first_page_as_mmr)
{
	FAX_JOB_PARAMA param;
	LPBYTE page = NULL;
	DWORD id = 0, size = 0, width = 0, height = 0;

	param_init(&param, "5550100");
	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	ASSERT_TRUE(FaxGetPageData(self->server, id, &page, &size, &width, &height))
		TH_LOG("error %u", GetLastError());
	EXPECT_EQ(FAX_TEST_WIDTH, width);
	EXPECT_EQ(300, height);
	EXPECT_LT(8, size);
	EXPECT_TRUE(page_is_first_page_as_mmr(page, size, 300));
	FaxFreeBuffer(page);

	EXPECT_FALSE(FaxGetPageData(self->server, 0x7FFFFFF0, &page, &size, &width, &height));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_EQ(NULL, page);
	EXPECT_EQ(0, size);
	EXPECT_FALSE(FaxGetPageData(self->server, id, NULL, &size, &width, &height));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetPageData(NULL, id, &page, &size, &width, &height));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetPageData((HANDLE)(uintptr_t)0x999, id, &page, &size, &width, &height));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

/* A receive job has no document to show: the documented code for a job
 * that is not JT_SEND is ERROR_INVALID_DATA, not the one for no job. */
TEST_F(engine, get_page_data_of_a_receive_job_is_invalid_data)
{
	struct faxport_receive_begin begin = { 0 };
	PFAX_JOB_ENTRYA job = NULL;
	LPBYTE page = NULL;
	DWORD size = 0, width = 0, height = 0;

	ASSERT_EQ(0, ioctl(self->dsp, FAXPORT_IOC_RECEIVE_BEGIN, &begin));
	ASSERT_TRUE(FaxGetJobA(self->server, begin.job_id, &job));
	EXPECT_EQ(JT_RECEIVE, job->JobType);
	FaxFreeBuffer(job);
	EXPECT_FALSE(FaxGetPageData(self->server, begin.job_id, &page, &size, &width, &height));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_EQ(NULL, page);
	EXPECT_EQ(0, size);
	EXPECT_FALSE(FaxGetPageData(self->server, 0x7FFFFFF0, &page, &size, &width, &height));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("no such job");
	/* The receive ends with the engine, in the teardown. */
}

/* A receive cannot be paused or resumed: FaxSetJob's page lists an
 * invalid Command as ERROR_INVALID_PARAMETER (it was ERROR_DEVICE_IN_USE,
 * a code the page does not have). */
TEST_F(engine, pausing_or_resuming_a_receive_job_is_an_invalid_command)
{
	struct faxport_receive_begin begin = { 0 };
	PFAX_JOB_ENTRYA job = NULL;

	ASSERT_EQ(0, ioctl(self->dsp, FAXPORT_IOC_RECEIVE_BEGIN, &begin));
	EXPECT_FALSE(FaxSetJobA(self->server, begin.job_id, JC_PAUSE, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetJobW(self->server, begin.job_id, JC_RESUME, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	ASSERT_TRUE(FaxGetJobA(self->server, begin.job_id, &job));
	EXPECT_EQ(JT_RECEIVE, job->JobType);
	EXPECT_FALSE(job->QueueStatus & JS_PAUSED) TH_LOG("the refused pause changed the job");
	FaxFreeBuffer(job);
	/* The receive ends with the engine, in the teardown. */
}

/* The document is the open file the client submitted: what the path
 * names later does not matter. */
TEST_F(queue, get_page_data_reads_the_submitted_file_not_the_path)
{
	FAX_JOB_PARAMA param;
	LPBYTE page = NULL;
	DWORD id = 0, size = 0, width = 0, height = 0;

	param_init(&param, "5550100");
	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	ASSERT_EQ(0, unlink(self->docs.fax));
	ASSERT_EQ(0, file_write(self->docs.fax, png_bytes, sizeof(png_bytes)));
	ASSERT_TRUE(FaxGetPageData(self->server, id, &page, &size, &width, &height));
	EXPECT_TRUE(page_is_first_page_as_mmr(page, size, 300));
	FaxFreeBuffer(page);
}

/* ---- FaxCompleteJobParams ------------------------------------------------------------- */

TEST(complete_job_params_fills_from_the_passwd_entry)
{
	PFAX_JOB_PARAMA param = NULL;
	PFAX_COVERPAGE_INFOA cover = NULL;
	PFAX_JOB_PARAMW wide = NULL;
	PFAX_COVERPAGE_INFOW wide_cover = NULL;

	ASSERT_TRUE(FaxCompleteJobParamsA(&param, &cover));
	ASSERT_NE(NULL, param);
	ASSERT_NE(NULL, cover);
	EXPECT_EQ(sizeof(FAX_JOB_PARAMA), param->SizeOfStruct);
	EXPECT_EQ(sizeof(FAX_COVERPAGE_INFOA), cover->SizeOfStruct);
	ASSERT_NE(NULL, param->SenderName);
	EXPECT_STREQ("root", param->SenderName) TH_LOG("root's GECOS name is root");
	EXPECT_STREQ(param->SenderName, cover->SdrName);
	EXPECT_EQ(NULL, param->RecipientNumber);
	EXPECT_EQ(JSA_NOW, param->ScheduleAction);
	EXPECT_EQ(DRT_NONE, param->DeliveryReportType);
	EXPECT_EQ(NULL, param->DeliveryReportAddress) TH_LOG("documented: NULL with DRT_NONE");
	EXPECT_EQ(NULL, cover->CoverPageName);
	EXPECT_FALSE(cover->UseServerCoverPage);
	/* Each is its own block: overwritten pointers do not matter. */
	param->SenderName = (LPCSTR)(uintptr_t)0xdeadbeef;
	cover->SdrName = NULL;
	FaxFreeBuffer(param);
	FaxFreeBuffer(cover);

	ASSERT_TRUE(FaxCompleteJobParamsW(&wide, &wide_cover));
	EXPECT_TRUE(wide_equals_utf8(wide->SenderName, "root"));
	EXPECT_EQ(NULL, wide->DeliveryReportAddress);
	EXPECT_TRUE(wide_equals_utf8(wide_cover->SdrName, "root"));
	FaxFreeBuffer(wide);
	FaxFreeBuffer(wide_cover);

	EXPECT_FALSE(FaxCompleteJobParamsA(NULL, &cover));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxCompleteJobParamsW(&wide, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

/* ---- a job on the line ------------------------------------------------------------------ */

/*
 * Root's GECOS is empty: the entries these tests run as are the test's
 * own, shown to the library through the ordinary files database.  In a
 * private mount namespace a file of the test's is bound over /etc/passwd
 * (the system's, read-only in the VM, is never changed), then the test
 * becomes that uid, so getpwuid_r finds the entry as it would any other.
 */
#define GECOS_UID 4242

static int become_passwd_entry(const char *gecos)
{
	char path[] = "/tmp/winfax-passwd-XXXXXX";
	FILE *file;
	int fd = mkstemp(path), error;

	if (fd < 0)
		return -1;
	file = fdopen(fd, "w");
	if (!file) {
		close(fd);
		unlink(path);
		return -1;
	}
	fprintf(file, "root:x:0:0:root:/root:/bin/sh\n"
		      "faxuser:x:%d:%d:%s:/nonexistent:/bin/false\n", GECOS_UID, GECOS_UID, gecos);
	error = fchmod(fd, 0644) | fclose(file);
	if (!error)
		error = unshare(CLONE_NEWNS) ||
			mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) ||
			mount(path, "/etc/passwd", "none", MS_BIND, NULL);
	unlink(path);
	if (error)
		return -1;
	return setgroups(0, NULL) || setresgid(GECOS_UID, GECOS_UID, GECOS_UID) ||
	       setresuid(GECOS_UID, GECOS_UID, GECOS_UID) ? -1 : 0;
}

TEST(complete_job_params_reads_name_room_and_phones_from_gecos)
{
	PFAX_JOB_PARAMA param = NULL;
	PFAX_COVERPAGE_INFOA cover = NULL;
	PFAX_JOB_PARAMW wide = NULL;
	PFAX_COVERPAGE_INFOW wide_cover = NULL;

	ASSERT_EQ(0, become_passwd_entry("J\xc3\xbcrgen M\xc3\xbcller,Room 12,+1 425 555 0100,"
					 "+1 425 555 0199,other"));
	ASSERT_EQ(GECOS_UID, getuid());
	ASSERT_TRUE(FaxCompleteJobParamsA(&param, &cover))
		TH_LOG("error %u", (unsigned)GetLastError());
	EXPECT_STREQ("J\xc3\xbcrgen M\xc3\xbcller", param->SenderName);
	EXPECT_STREQ("J\xc3\xbcrgen M\xc3\xbcller", cover->SdrName);
	EXPECT_STREQ("Room 12", cover->SdrOfficeLocation);
	EXPECT_STREQ("+1 425 555 0100", cover->SdrOfficePhone);
	EXPECT_STREQ("+1 425 555 0199", cover->SdrHomePhone);
	EXPECT_EQ(NULL, param->DeliveryReportAddress);
	FaxFreeBuffer(param);
	FaxFreeBuffer(cover);

	ASSERT_TRUE(FaxCompleteJobParamsW(&wide, &wide_cover));
	EXPECT_TRUE(wide_equals_utf8(wide->SenderName, "J\xc3\xbcrgen M\xc3\xbcller"));
	EXPECT_TRUE(wide_equals_utf8(wide_cover->SdrOfficeLocation, "Room 12"));
	EXPECT_TRUE(wide_equals_utf8(wide_cover->SdrHomePhone, "+1 425 555 0199"));
	FaxFreeBuffer(wide);
	FaxFreeBuffer(wide_cover);

	/* The A form follows the locale's charset. */
	ASSERT_EQ(0, setenv("LOCPATH", TEST_LOCALE_DIR, 1));
	ASSERT_NE(NULL, setlocale(LC_ALL, "en_US.CP1252"));
	ASSERT_TRUE(FaxCompleteJobParamsA(&param, &cover));
	EXPECT_STREQ("J\xfcrgen M\xfcller", param->SenderName);
	EXPECT_STREQ("J\xfcrgen M\xfcller", cover->SdrName);
	FaxFreeBuffer(param);
	FaxFreeBuffer(cover);
}

/* An entry with an empty name field gives the login name; the phones
 * stay NULL when GECOS has none. */
TEST(complete_job_params_without_a_full_name_gives_the_login)
{
	PFAX_JOB_PARAMA param = NULL;
	PFAX_COVERPAGE_INFOA cover = NULL;

	ASSERT_EQ(0, become_passwd_entry(",Room 7"));
	ASSERT_TRUE(FaxCompleteJobParamsA(&param, &cover));
	EXPECT_STREQ("faxuser", param->SenderName);
	EXPECT_STREQ("Room 7", cover->SdrOfficeLocation);
	EXPECT_EQ(NULL, cover->SdrOfficePhone);
	EXPECT_EQ(NULL, cover->SdrHomePhone);
	FaxFreeBuffer(param);
	FaxFreeBuffer(cover);
}

/* An old Latin-1 passwd file: the library does not guess the charset. */
TEST(complete_job_params_refuses_a_gecos_that_is_not_utf8)
{
	PFAX_JOB_PARAMA param = (PFAX_JOB_PARAMA)(uintptr_t)1;
	PFAX_COVERPAGE_INFOA cover = (PFAX_COVERPAGE_INFOA)(uintptr_t)1;
	PFAX_JOB_PARAMW wide = (PFAX_JOB_PARAMW)(uintptr_t)1;
	PFAX_COVERPAGE_INFOW wide_cover = (PFAX_COVERPAGE_INFOW)(uintptr_t)1;

	ASSERT_EQ(0, become_passwd_entry("J\xfcrgen M\xfcller,Room 12"));
	EXPECT_FALSE(FaxCompleteJobParamsA(&param, &cover));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_EQ(NULL, param);
	EXPECT_EQ(NULL, cover);
	EXPECT_FALSE(FaxCompleteJobParamsW(&wide, &wide_cover));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_EQ(NULL, wide);
	EXPECT_EQ(NULL, wide_cover);
}

TEST_F(engine, a_job_on_the_line_shows_its_progress_and_goes_when_done)
{
	FAX_JOB_PARAMA param;
	PFAX_JOB_ENTRYA job = NULL;
	DWORD id = 0;

	param_init(&param, "5550100");
	ASSERT_TRUE(FaxSendDocumentA(self->server, self->docs.fax, &param, NULL, &id));
	ASSERT_EQ(0, engine_wait_job(self->dsp, id, 5000));
	ASSERT_EQ(0, engine_take(self->dsp, id));
	ASSERT_EQ(0, engine_progress(self->dsp, id, FAXPORT_STATE_SENDING, 1, 2, "REMOTE"));
	ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
	EXPECT_TRUE(job->QueueStatus & JS_INPROGRESS);
	EXPECT_EQ(FPS_SENDING, job->Status);
	EXPECT_EQ(2, job->PageCount);
	FaxFreeBuffer(job);

	/* Pausing a job on the line is taken (it waits paused should it come
	 * back to the queue, as documented); deleting it aborts the call. */
	EXPECT_TRUE(FaxSetJobA(self->server, id, JC_PAUSE, NULL)) TH_LOG("error %u", GetLastError());
	ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
	EXPECT_TRUE(job->QueueStatus & JS_PAUSED);
	EXPECT_TRUE(job->QueueStatus & JS_INPROGRESS) TH_LOG("the call goes on");
	FaxFreeBuffer(job);
	ASSERT_TRUE(FaxAbort(self->server, id));
	ASSERT_TRUE(FaxGetJobA(self->server, id, &job));
	EXPECT_TRUE(job->QueueStatus & JS_DELETING);
	FaxFreeBuffer(job);
	ASSERT_EQ(0, engine_done(self->dsp, id, FAXPORT_STATE_DISCONNECTED, 1));
	EXPECT_FALSE(FaxGetJobA(self->server, id, &job));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

TEST_HARNESS_MAIN
