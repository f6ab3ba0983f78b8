// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * FaxGet/SetConfigurationA/W, FaxGet/SetLoggingCategoriesA/W, and the
 * functions that cannot work on Linux (printing, providers, routing
 * extensions), against the real driver (inside the VM, as root).  Every
 * test that changes the server's settings puts them back.
 */
#include <stdlib.h>

#include "apitest.h"

/* The settings as the driver has them, read with the raw ioctl. */
static int raw_config(struct faxport_config *config)
{
	int fd = admin_server_open();
	int result;

	memset(config, 0, sizeof(*config));
	if (fd < 0)
		return -1;
	result = ioctl(fd, FAXPORT_IOC_CONFIG_GET, config);
	close(fd);
	return result;
}

static int raw_config_set(const struct faxport_config *config)
{
	int fd = admin_server_open();
	int result;

	if (fd < 0)
		return -1;
	result = ioctl(fd, FAXPORT_IOC_CONFIG_SET, config);
	close(fd);
	return result;
}

static int raw_logging(struct faxport_logging *logging, bool set)
{
	int fd = admin_server_open();
	int result;

	if (!set)
		memset(logging, 0, sizeof(*logging));
	if (fd < 0)
		return -1;
	result = ioctl(fd, set ? FAXPORT_IOC_LOGGING_SET : FAXPORT_IOC_LOGGING_GET, logging);
	close(fd);
	return result;
}

/* Root's server handle; the settings saved and restored. */
FIXTURE(settings) {
	HANDLE server;
	struct faxport_config saved_config;
	struct faxport_logging saved_logging;
};

FIXTURE_SETUP(settings)
{
	ASSERT_EQ(0, raw_config(&self->saved_config));
	ASSERT_EQ(0, raw_logging(&self->saved_logging, false));
	self->server = connect_local();
	ASSERT_NE(NULL, self->server);
}

FIXTURE_TEARDOWN(settings)
{
	FaxClose(self->server);
	raw_config_set(&self->saved_config);
	raw_logging(&self->saved_logging, true);
}

/* ---- FaxGetConfiguration ---------------------------------------------------------- */

TEST_F(settings, get_configuration_is_the_drivers)
{
	PFAX_CONFIGURATIONA config = NULL;
	PFAX_CONFIGURATIONW wide = NULL;
	struct faxport_config raw;

	ASSERT_EQ(0, setenv("TZ", "UTC0", 1));
	ASSERT_EQ(0, raw_config(&raw));
	ASSERT_TRUE(FaxGetConfigurationA(self->server, &config));
	EXPECT_EQ(sizeof(FAX_CONFIGURATIONA), config->SizeOfStruct);
	EXPECT_EQ(raw.retries, config->Retries);
	EXPECT_EQ(raw.retry_delay_min, config->RetryDelay);
	EXPECT_EQ(raw.dirty_days, config->DirtyDays);
	EXPECT_EQ(raw.branding, (DWORD)config->Branding);
	EXPECT_EQ(raw.use_device_tsid, (DWORD)config->UseDeviceTsid);
	EXPECT_EQ(raw.pause_server_queue, (DWORD)config->PauseServerQueue);
	EXPECT_EQ(raw.start_cheap_min / 60, config->StartCheapTime.Hour);
	EXPECT_EQ(raw.start_cheap_min % 60, config->StartCheapTime.Minute);
	EXPECT_EQ(raw.stop_cheap_min / 60, config->StopCheapTime.Hour);
	EXPECT_EQ(raw.stop_cheap_min % 60, config->StopCheapTime.Minute);
	EXPECT_EQ(NULL, config->Reserved);
	FaxFreeBuffer(config);

	ASSERT_TRUE(FaxGetConfigurationW(self->server, &wide));
	EXPECT_EQ(sizeof(FAX_CONFIGURATIONW), wide->SizeOfStruct);
	EXPECT_EQ(raw.retries, wide->Retries);
	FaxFreeBuffer(wide);

	EXPECT_FALSE(FaxGetConfigurationA(self->server, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetConfigurationA(NULL, &config));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle, as documented");
	EXPECT_FALSE(FaxGetConfigurationA((HANDLE)(uintptr_t)0x700007, &config));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_EQ(NULL, config);
}

/* ---- FaxSetConfiguration ---------------------------------------------------------- */

TEST_F(settings, set_configuration_round_trip_with_local_cheap_times)
{
	PFAX_CONFIGURATIONA config = NULL;
	PFAX_CONFIGURATIONW wide = NULL;
	struct faxport_config raw;
	FAX_CONFIGURATIONA wanted;

	/* Local time is 5:30 ahead of UTC (a POSIX TZ needs no zoneinfo). */
	ASSERT_EQ(0, setenv("TZ", "IST-5:30", 1));
	memset(&wanted, 0, sizeof(wanted));
	wanted.SizeOfStruct = sizeof(wanted);
	wanted.Retries = 5;
	wanted.RetryDelay = 15;
	wanted.DirtyDays = 10;
	wanted.Branding = 7;   /* any nonzero BOOL is TRUE */
	wanted.UseDeviceTsid = FALSE;
	wanted.PauseServerQueue = TRUE;
	wanted.StartCheapTime.Hour = 21;
	wanted.StartCheapTime.Minute = 30;
	wanted.StopCheapTime.Hour = 3;
	wanted.StopCheapTime.Minute = 0;
	wanted.ArchiveOutgoingFaxes = TRUE;
	wanted.ArchiveDirectory = "/var/spool/fax/archive";
	ASSERT_TRUE(FaxSetConfigurationA(self->server, &wanted)) TH_LOG("%u", GetLastError());

	ASSERT_EQ(0, raw_config(&raw));
	EXPECT_EQ(5, raw.retries);
	EXPECT_EQ(15, raw.retry_delay_min);
	EXPECT_EQ(1, raw.branding);
	EXPECT_EQ(1, raw.pause_server_queue);
	EXPECT_EQ(16 * 60, raw.start_cheap_min) TH_LOG("21:30 at UTC+5:30 is 16:00 UTC");
	EXPECT_EQ(21 * 60 + 30, raw.stop_cheap_min) TH_LOG("03:00 is 21:30 UTC the day before");
	EXPECT_STREQ("/var/spool/fax/archive", raw.archive_dir);

	ASSERT_TRUE(FaxGetConfigurationA(self->server, &config));
	EXPECT_EQ(21, config->StartCheapTime.Hour);
	EXPECT_EQ(30, config->StartCheapTime.Minute);
	EXPECT_EQ(3, config->StopCheapTime.Hour);
	EXPECT_EQ(0, config->StopCheapTime.Minute);
	EXPECT_EQ(TRUE, config->Branding);
	EXPECT_STREQ("/var/spool/fax/archive", config->ArchiveDirectory);

	/* The W form sets the same, with a W string. */
	ASSERT_TRUE(FaxGetConfigurationW(self->server, &wide));
	EXPECT_TRUE(wide_equals_utf8(wide->ArchiveDirectory, "/var/spool/fax/archive"));
	wide->Retries = 2;
	ASSERT_TRUE(FaxSetConfigurationW(self->server, wide));
	ASSERT_EQ(0, raw_config(&raw));
	EXPECT_EQ(2, raw.retries);
	EXPECT_EQ(16 * 60, raw.start_cheap_min) TH_LOG("read back and set again: unchanged");
	FaxFreeBuffer(wide);
	FaxFreeBuffer(config);
}

TEST_F(settings, set_configuration_errors)
{
	PFAX_CONFIGURATIONA config = NULL;
	FAX_CONFIGURATIONA bad;
	char long_path[400];

	ASSERT_TRUE(FaxGetConfigurationA(self->server, &config));
	bad = *config;
	bad.SizeOfStruct = sizeof(bad) + 4;
	EXPECT_FALSE(FaxSetConfigurationA(self->server, &bad));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("SizeOfStruct");
	EXPECT_FALSE(FaxSetConfigurationW(self->server, (const FAX_CONFIGURATIONW *)&bad));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	bad = *config;
	bad.Retries = 100;
	EXPECT_FALSE(FaxSetConfigurationA(self->server, &bad));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("Retries 0..99");
	bad = *config;
	bad.StartCheapTime.Hour = 24;
	EXPECT_FALSE(FaxSetConfigurationA(self->server, &bad));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	bad = *config;
	bad.StopCheapTime.Minute = 60;
	EXPECT_FALSE(FaxSetConfigurationA(self->server, &bad));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	bad = *config;
	bad.ArchiveDirectory = "relative/folder";
	EXPECT_FALSE(FaxSetConfigurationA(self->server, &bad));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	bad.ArchiveDirectory = long_path;
	EXPECT_FALSE(FaxSetConfigurationA(self->server, &bad));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetConfigurationA(self->server, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetConfigurationA(NULL, config));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	FaxFreeBuffer(config);
}

TEST_F(settings, users_may_read_but_not_change_settings)
{
	PFAX_CONFIGURATIONA config = NULL;
	PFAX_LOG_CATEGORYA categories = NULL;
	FAX_LOG_CATEGORYA one = { NULL, FAXLOG_CATEGORY_INBOUND, FAXLOG_LEVEL_MAX };
	DWORD count = 0;
	HANDLE server;

	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_NE(NULL, server);
	ASSERT_TRUE(FaxGetConfigurationA(server, &config)) TH_LOG("FAX_CONFIG_QUERY by default");
	EXPECT_FALSE(FaxSetConfigurationA(server, config));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	ASSERT_TRUE(FaxGetLoggingCategoriesA(server, &categories, &count));
	EXPECT_FALSE(FaxSetLoggingCategoriesA(server, &one, 1));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	FaxFreeBuffer(config);
	FaxFreeBuffer(categories);
	FaxClose(server);
}

TEST(reading_settings_needs_config_query)
{
	struct user_rights_change change;
	PFAX_CONFIGURATIONA config = (PFAX_CONFIGURATIONA)&config;
	PFAX_LOG_CATEGORYA categories = NULL;
	DWORD count = 0;
	HANDLE server;

	ASSERT_EQ(0, user_rights_change_begin(FAX_JOB_SUBMIT, &change));
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_EQ(0, user_rights_change_end(&change));
	ASSERT_NE(NULL, server);
	EXPECT_FALSE(FaxGetConfigurationA(server, &config));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_EQ(NULL, config);
	EXPECT_FALSE(FaxGetLoggingCategoriesA(server, &categories, &count));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	FaxClose(server);
}

/* ---- logging categories ---------------------------------------------------------- */

TEST_F(settings, logging_categories_round_trip)
{
	static const char *names[] = { "Initialization/Termination", "Outbound", "Inbound",
				       "Unknown" };
	PFAX_LOG_CATEGORYA categories = NULL;
	PFAX_LOG_CATEGORYW wide = NULL;
	FAX_LOG_CATEGORYA change[2] = {
		{ "ignored", FAXLOG_CATEGORY_OUTBOUND, FAXLOG_LEVEL_MAX },
		{ NULL, FAXLOG_CATEGORY_UNKNOWN, FAXLOG_LEVEL_NONE },
	};
	struct faxport_logging raw;
	DWORD count = 0;
	uintptr_t array_end;

	ASSERT_TRUE(FaxSetLoggingCategoriesA(self->server, change, 2));
	ASSERT_EQ(0, raw_logging(&raw, false));
	EXPECT_EQ(self->saved_logging.level[0], raw.level[0]) TH_LOG("not named: unchanged");
	EXPECT_EQ(FAXLOG_LEVEL_MAX, raw.level[1]);
	EXPECT_EQ(self->saved_logging.level[2], raw.level[2]);
	EXPECT_EQ(FAXLOG_LEVEL_NONE, raw.level[3]);

	ASSERT_TRUE(FaxGetLoggingCategoriesA(self->server, &categories, &count));
	ASSERT_EQ(4, count);
	array_end = (uintptr_t)(categories + count);
	for (DWORD i = 0; i < count; i++) {
		EXPECT_EQ(i + 1, categories[i].Category);
		EXPECT_EQ(raw.level[i], categories[i].Level);
		EXPECT_STREQ(names[i], categories[i].Name);
		EXPECT_LE(array_end, (uintptr_t)categories[i].Name) TH_LOG("one block");
	}
	ASSERT_TRUE(FaxGetLoggingCategoriesW(self->server, &wide, &count));
	for (DWORD i = 0; i < count; i++)
		EXPECT_TRUE(wide_equals_utf8(wide[i].Name, names[i]));
	/* Set back through the W form, with what was read. */
	wide[1].Level = FAXLOG_LEVEL_MIN;
	ASSERT_TRUE(FaxSetLoggingCategoriesW(self->server, wide, count));
	ASSERT_EQ(0, raw_logging(&raw, false));
	EXPECT_EQ(FAXLOG_LEVEL_MIN, raw.level[1]);
	categories[0].Name = NULL;
	FaxFreeBuffer(categories);
	FaxFreeBuffer(wide);
}

TEST_F(settings, logging_category_errors)
{
	FAX_LOG_CATEGORYA bad_category = { NULL, 5, FAXLOG_LEVEL_MIN };
	FAX_LOG_CATEGORYA bad_level = { NULL, FAXLOG_CATEGORY_INIT, 4 };
	PFAX_LOG_CATEGORYA categories = NULL;
	DWORD count = 3;

	EXPECT_FALSE(FaxSetLoggingCategoriesA(self->server, &bad_category, 1));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetLoggingCategoriesA(self->server, &bad_level, 1));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetLoggingCategoriesA(self->server, NULL, 1));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	/* Documented: a NULL Categories or NumberCategories is invalid. */
	EXPECT_FALSE(FaxSetLoggingCategoriesA(self->server, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("no categories");
	EXPECT_FALSE(FaxSetLoggingCategoriesA(self->server, &bad_category, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a count of 0");
	EXPECT_FALSE(FaxSetLoggingCategoriesW(NULL, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
	EXPECT_FALSE(FaxSetLoggingCategoriesA((HANDLE)(uintptr_t)0x700007, &bad_category, 1));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxGetLoggingCategoriesA(self->server, NULL, &count));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetLoggingCategoriesA(NULL, &categories, &count));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
	EXPECT_FALSE(FaxGetLoggingCategoriesA((HANDLE)(uintptr_t)0x700007, &categories, &count));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_EQ(NULL, categories);
	EXPECT_EQ(0, count);
}

/* ---- what Linux cannot do ---------------------------------------------------------- */

TEST(printing_is_not_available)
{
	FAX_PRINT_INFOA print;
	FAX_PRINT_INFOW print_w;
	FAX_CONTEXT_INFOA context;
	FAX_CONTEXT_INFOW context_w;
	FAX_COVERPAGE_INFOA cover;
	FAX_COVERPAGE_INFOW cover_w;
	DWORD job = 77;
	const WCHAR printer_w[] = { 'F', 'a', 'x', 0 };

	memset(&print, 0, sizeof(print));
	memset(&print_w, 0, sizeof(print_w));
	memset(&context, 0, sizeof(context));
	memset(&context_w, 0, sizeof(context_w));
	memset(&cover, 0, sizeof(cover));
	memset(&cover_w, 0, sizeof(cover_w));
	print.SizeOfStruct = sizeof(print);
	print_w.SizeOfStruct = sizeof(print_w);
	context.SizeOfStruct = sizeof(context);
	context_w.SizeOfStruct = sizeof(context_w);
	cover.SizeOfStruct = sizeof(cover);
	cover_w.SizeOfStruct = sizeof(cover_w);

	EXPECT_FALSE(FaxStartPrintJobA("HP LaserJet", &print, &job, &context));
	EXPECT_EQ(ERROR_INVALID_PRINTER_NAME, GetLastError());
	EXPECT_EQ(0, job);
	EXPECT_FALSE(FaxStartPrintJobW(printer_w, &print_w, &job, &context_w));
	EXPECT_EQ(ERROR_INVALID_PRINTER_NAME, GetLastError());
	/* NULL asks for the local fax printer; none is installed, and the
	 * API documents ERROR_INVALID_PRINTER_NAME for that too. */
	EXPECT_FALSE(FaxStartPrintJobA(NULL, &print, &job, &context));
	EXPECT_EQ(ERROR_INVALID_PRINTER_NAME, GetLastError()) TH_LOG("no local fax printer");
	EXPECT_FALSE(FaxStartPrintJobW(NULL, &print_w, &job, &context_w));
	EXPECT_EQ(ERROR_INVALID_PRINTER_NAME, GetLastError()) TH_LOG("no local fax printer");
	EXPECT_EQ(NULL, context.hDC);
	EXPECT_FALSE(FaxStartPrintJobA(NULL, NULL, &job, &context));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	print.SizeOfStruct = 8;
	EXPECT_FALSE(FaxStartPrintJobA(NULL, &print, &job, &context));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	EXPECT_FALSE(FaxPrintCoverPageA(&context, &cover));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, GetLastError());
	EXPECT_FALSE(FaxPrintCoverPageW(&context_w, &cover_w));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, GetLastError());
	EXPECT_FALSE(FaxPrintCoverPageA(NULL, &cover));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	cover.SizeOfStruct = 4;
	EXPECT_FALSE(FaxPrintCoverPageA(&context, &cover));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

static BOOL WINFAX_CALL install_method(HANDLE fax, LPVOID context, LPWSTR method,
				       LPWSTR friendly, LPWSTR function, LPWSTR guid)
{
	(void)fax;
	(void)method;
	(void)friendly;
	(void)function;
	(void)guid;
	(*(int *)context)++;
	return FALSE;
}

TEST(providers_and_extensions_cannot_be_installed)
{
	const WCHAR name[] = { 'x', 0 };
	HANDLE server = connect_local();
	int calls = 0;

	ASSERT_NE(NULL, server);
	EXPECT_FALSE(FaxRegisterServiceProviderW(name, name, name, name));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, GetLastError());
	EXPECT_FALSE(FaxRegisterServiceProviderW(NULL, name, name, name));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxUnregisterServiceProviderW(name));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, GetLastError());
	EXPECT_FALSE(FaxUnregisterServiceProviderW(NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxRegisterRoutingExtensionW(server, name, name, name, install_method,
						  &calls));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, GetLastError());
	EXPECT_EQ(0, calls) TH_LOG("nothing to install into");
	EXPECT_FALSE(FaxRegisterRoutingExtensionW(server, name, name, name, NULL, &calls));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	/* "At least one parameter is NULL": the handle too. */
	EXPECT_FALSE(FaxRegisterRoutingExtensionW(NULL, name, name, name, install_method,
						  &calls));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxRegisterRoutingExtensionW((HANDLE)(uintptr_t)0x700007, name, name, name,
						  install_method, &calls));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError()) TH_LOG("not a handle");
	FaxClose(server);
}

TEST_HARNESS_MAIN
