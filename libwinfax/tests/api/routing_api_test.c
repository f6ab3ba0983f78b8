// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * FaxEnumRoutingMethodsA/W, FaxEnableRoutingMethodA/W, FaxGet/SetRoutingInfoA/W,
 * FaxEnumGlobalRoutingInfoA/W and FaxSetGlobalRoutingInfoA/W against the real
 * driver (inside the VM, as root).  Each test uses a port it adds, so the
 * port routing it changes is its own; the global priorities are put back.
 */
#include <locale.h>
#include <stdlib.h>

#include "apitest.h"

#define FOLDER_GUID  "{92041a90-9af2-11d0-abf7-00c04fd91a4e}"
#define COMMAND_GUID "{180487c0-e046-4c22-9248-4a7b57b70253}"
/* Windows' "route through e-mail": Linux has no such method. */
#define EMAIL_GUID   "{6bbf7bfe-9af2-11d0-abf7-00c04fd91a4e}"
#define PORT_NAME    "Routing test"

static const FAX_ROUTING_METHODA *find_method(const FAX_ROUTING_METHODA *methods, DWORD count,
					      const char *guid)
{
	for (DWORD i = 0; i < count; i++)
		if (methods[i].Guid && !strcmp(methods[i].Guid, guid))
			return &methods[i];
	return NULL;
}

/* The server's priorities, to put back: the GUIDs in priority order. */
struct saved_priorities {
	char guid[FAXPORT_ROUTING_METHODS][40];
	DWORD count;
};

FIXTURE(routing) {
	HANDLE server;
	HANDLE port;
	DWORD device_id;
	struct saved_priorities saved;
};

FIXTURE_SETUP(routing)
{
	PFAX_GLOBAL_ROUTING_INFOA global = NULL;

	self->server = connect_local();
	ASSERT_NE(NULL, self->server);
	ASSERT_EQ(0, admin_port_add(PORT_NAME, "", &self->device_id));
	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &self->port));
	ASSERT_TRUE(FaxEnumGlobalRoutingInfoA(self->server, &global, &self->saved.count));
	ASSERT_GE(FAXPORT_ROUTING_METHODS, self->saved.count);
	for (DWORD i = 0; i < self->saved.count; i++)
		snprintf(self->saved.guid[i], sizeof(self->saved.guid[i]), "%s", global[i].Guid);
	FaxFreeBuffer(global);
}

FIXTURE_TEARDOWN(routing)
{
	/* Each in its place from the top: the order comes back whole. */
	for (DWORD i = 0; i < self->saved.count; i++) {
		FAX_GLOBAL_ROUTING_INFOA info = {
			.SizeOfStruct = sizeof(info), .Priority = i + 1, .Guid = self->saved.guid[i],
		};
		FaxSetGlobalRoutingInfoA(self->server, &info);
	}
	FaxClose(self->port);
	FaxClose(self->server);
	admin_port_remove(self->device_id);
}

/* ---- FaxEnumRoutingMethods ------------------------------------------------------ */

TEST_F(routing, enum_lists_the_linux_methods_of_a_new_port)
{
	PFAX_ROUTING_METHODA methods = NULL;
	const FAX_ROUTING_METHODA *folder, *command;
	DWORD count = 0;

	ASSERT_TRUE(FaxEnumRoutingMethodsA(self->port, &methods, &count));
	ASSERT_EQ(FAXPORT_ROUTING_METHODS, count);
	folder = find_method(methods, count, FOLDER_GUID);
	command = find_method(methods, count, COMMAND_GUID);
	ASSERT_NE(NULL, folder);
	ASSERT_NE(NULL, command);
	EXPECT_EQ(sizeof(FAX_ROUTING_METHODA), folder->SizeOfStruct);
	EXPECT_EQ(self->device_id, folder->DeviceId);
	EXPECT_STREQ(PORT_NAME, folder->DeviceName);
	EXPECT_TRUE(folder->Enabled);
	EXPECT_FALSE(command->Enabled);
	EXPECT_STREQ("Store in a folder", folder->FriendlyName);
	EXPECT_STREQ("StoreInFolder", folder->FunctionName);
	EXPECT_STREQ("Run a command", command->FriendlyName);
	EXPECT_STREQ("faxd", command->ExtensionImageName);
	ASSERT_NE(NULL, command->ExtensionFriendlyName);
	FaxFreeBuffer(methods);
}

TEST_F(routing, enum_w_says_what_enum_a_says)
{
	PFAX_ROUTING_METHODA narrow = NULL;
	PFAX_ROUTING_METHODW wide = NULL;
	DWORD narrow_count = 0, wide_count = 0;

	ASSERT_TRUE(FaxEnumRoutingMethodsA(self->port, &narrow, &narrow_count));
	ASSERT_TRUE(FaxEnumRoutingMethodsW(self->port, &wide, &wide_count));
	ASSERT_EQ(narrow_count, wide_count);
	for (DWORD i = 0; i < narrow_count; i++) {
		EXPECT_EQ(sizeof(FAX_ROUTING_METHODW), wide[i].SizeOfStruct);
		EXPECT_EQ(narrow[i].DeviceId, wide[i].DeviceId);
		EXPECT_EQ(narrow[i].Enabled, wide[i].Enabled);
		EXPECT_TRUE(wide_equals_utf8(wide[i].DeviceName, narrow[i].DeviceName));
		EXPECT_TRUE(wide_equals_utf8(wide[i].Guid, narrow[i].Guid));
		EXPECT_TRUE(wide_equals_utf8(wide[i].FriendlyName, narrow[i].FriendlyName));
		EXPECT_TRUE(wide_equals_utf8(wide[i].FunctionName, narrow[i].FunctionName));
		EXPECT_TRUE(wide_equals_utf8(wide[i].ExtensionImageName, narrow[i].ExtensionImageName));
		EXPECT_TRUE(wide_equals_utf8(wide[i].ExtensionFriendlyName,
					     narrow[i].ExtensionFriendlyName));
	}
	FaxFreeBuffer(narrow);
	FaxFreeBuffer(wide);
}

TEST_F(routing, enum_is_one_block_that_survives_overwritten_pointers)
{
	PFAX_ROUTING_METHODA methods = NULL;
	DWORD count = 0;
	const char *end_of_array;

	ASSERT_TRUE(FaxEnumRoutingMethodsA(self->port, &methods, &count));
	end_of_array = (const char *)(methods + count);
	for (DWORD i = 0; i < count; i++) {
		/* Strings follow the array in the same block. */
		EXPECT_LE(end_of_array, methods[i].Guid);
		EXPECT_LE(end_of_array, methods[i].DeviceName);
		methods[i].Guid = "application's own";
		methods[i].FriendlyName = NULL;
	}
	FaxFreeBuffer(methods);
}

TEST_F(routing, enum_needs_a_port_handle_and_outputs)
{
	PFAX_ROUTING_METHODA methods = NULL;
	DWORD count = 0;

	EXPECT_FALSE(FaxEnumRoutingMethodsA(NULL, &methods, &count));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle, as documented");
	EXPECT_FALSE(FaxEnumRoutingMethodsA(self->server, &methods, &count));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxEnumRoutingMethodsA(self->port, NULL, &count));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxEnumRoutingMethodsW(self->port, (PFAX_ROUTING_METHODW *)&methods, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

/* ---- FaxEnableRoutingMethod ----------------------------------------------------- */

TEST_F(routing, enable_and_disable_show_in_the_listing)
{
	PFAX_ROUTING_METHODA methods = NULL;
	DWORD count = 0;
	WCHAR *command_wide = test_utf16_from_utf8(COMMAND_GUID);

	ASSERT_NE(NULL, command_wide);
	ASSERT_TRUE(FaxEnableRoutingMethodA(self->port, FOLDER_GUID, FALSE));
	/* Any nonzero BOOL enables; the W form takes the same GUID. */
	ASSERT_TRUE(FaxEnableRoutingMethodW(self->port, command_wide, 7));
	ASSERT_TRUE(FaxEnumRoutingMethodsA(self->port, &methods, &count));
	EXPECT_FALSE(find_method(methods, count, FOLDER_GUID)->Enabled);
	EXPECT_TRUE(find_method(methods, count, COMMAND_GUID)->Enabled);
	FaxFreeBuffer(methods);
	free(command_wide);
}

TEST_F(routing, guids_are_read_in_either_case)
{
	EXPECT_TRUE(FaxEnableRoutingMethodA(self->port, "{92041A90-9AF2-11D0-ABF7-00C04FD91A4E}",
					    TRUE));
}

TEST_F(routing, enable_refuses_bad_guids_and_handles)
{
	EXPECT_FALSE(FaxEnableRoutingMethodA(self->port, NULL, TRUE));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxEnableRoutingMethodA(self->port, EMAIL_GUID, TRUE));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_FALSE(FaxEnableRoutingMethodA(self->port, "{92041a90-9af2-11d0-abf7}", TRUE));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_FALSE(FaxEnableRoutingMethodA(self->port, "92041a90-9af2-11d0-abf7-00c04fd91a4e",
					     TRUE));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_FALSE(FaxEnableRoutingMethodA(self->port, "{92041a90-9af2-11d0-abf7-00c04fd91a4g}",
					     TRUE));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_FALSE(FaxEnableRoutingMethodA(self->server, FOLDER_GUID, TRUE));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxEnableRoutingMethodW((HANDLE)(uintptr_t)0x7777, NULL, TRUE));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxEnableRoutingMethodA(NULL, FOLDER_GUID, TRUE));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
}

TEST_F(routing, a_query_handle_may_read_but_not_change)
{
	HANDLE query;
	PFAX_ROUTING_METHODA methods = NULL;
	LPBYTE info = NULL;
	DWORD count = 0, size = 0;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &query));
	EXPECT_TRUE(FaxEnumRoutingMethodsA(query, &methods, &count));
	EXPECT_TRUE(FaxGetRoutingInfoA(query, FOLDER_GUID, &info, &size));
	EXPECT_FALSE(FaxEnableRoutingMethodA(query, FOLDER_GUID, FALSE));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoA(query, FOLDER_GUID, (const BYTE *)"/x", 3));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	FaxFreeBuffer(methods);
	FaxFreeBuffer(info);
	FaxClose(query);
}

/* ---- FaxGet/SetRoutingInfo ------------------------------------------------------ */

TEST_F(routing, a_new_folder_reads_back_in_both_forms)
{
	const char folder[] = "/srv/fax/Büro";
	LPBYTE narrow = NULL, wide = NULL;
	DWORD narrow_size = 0, wide_size = 0;
	WCHAR *wide_guid = test_utf16_from_utf8(FOLDER_GUID);

	ASSERT_NE(NULL, wide_guid);
	ASSERT_TRUE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)folder,
				       sizeof(folder)));
	ASSERT_TRUE(FaxGetRoutingInfoA(self->port, FOLDER_GUID, &narrow, &narrow_size));
	EXPECT_EQ(sizeof(folder), narrow_size);
	EXPECT_STREQ(folder, (const char *)narrow);
	ASSERT_TRUE(FaxGetRoutingInfoW(self->port, wide_guid, &wide, &wide_size));
	/* 13 characters and the terminator, in UTF-16. */
	EXPECT_EQ(14 * sizeof(WCHAR), wide_size);
	EXPECT_TRUE(wide_equals_utf8((const WCHAR *)(const void *)wide, folder));
	FaxFreeBuffer(narrow);
	FaxFreeBuffer(wide);
	free(wide_guid);
}

/* The A form's routing info is in the ANSI code page, the locale's
 * charset; the driver and the W form see UTF-8 and UTF-16. */
TEST_F(routing, a_folder_in_a_cp1252_locale)
{
	const char folder[] = "/srv/fax/B\xfcro \x80";
	LPBYTE narrow = NULL, wide = NULL;
	DWORD narrow_size = 0, wide_size = 0;
	WCHAR *wide_guid = test_utf16_from_utf8(FOLDER_GUID);
	WCHAR *phone = test_utf16_from_utf8("/srv/fax/\xe2\x98\x8e");

	ASSERT_NE(NULL, wide_guid);
	ASSERT_NE(NULL, phone);
	ASSERT_EQ(0, setenv("LOCPATH", TEST_LOCALE_DIR, 1));
	ASSERT_NE(NULL, setlocale(LC_ALL, "en_US.CP1252"));
	/* Without its terminator too. */
	ASSERT_TRUE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)folder,
				       sizeof(folder) - 1));
	ASSERT_TRUE(FaxGetRoutingInfoW(self->port, wide_guid, &wide, &wide_size));
	EXPECT_TRUE(wide_equals_utf8((const WCHAR *)(const void *)wide,
				     "/srv/fax/B\xc3\xbcro \xe2\x82\xac"));
	ASSERT_TRUE(FaxGetRoutingInfoA(self->port, FOLDER_GUID, &narrow, &narrow_size));
	EXPECT_EQ(sizeof(folder), narrow_size);
	EXPECT_STREQ(folder, (const char *)narrow);
	FaxFreeBuffer(narrow);
	FaxFreeBuffer(wide);

	ASSERT_TRUE(FaxSetRoutingInfoW(self->port, wide_guid, (const BYTE *)phone,
				       11 * sizeof(WCHAR)));
	ASSERT_TRUE(FaxGetRoutingInfoA(self->port, FOLDER_GUID, &narrow, &narrow_size));
	EXPECT_STREQ("/srv/fax/?", (const char *)narrow);
	FaxFreeBuffer(narrow);

	/* 0x81 is no character in CP1252. */
	EXPECT_FALSE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)"/x\x81", 4));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	free(phone);
	free(wide_guid);
}

TEST_F(routing, set_w_takes_utf16_with_or_without_terminator)
{
	WCHAR *guid = test_utf16_from_utf8(COMMAND_GUID);
	WCHAR *command = test_utf16_from_utf8("fax-notify-accounting-all");
	LPBYTE narrow = NULL;
	DWORD size = 0;

	ASSERT_NE(NULL, guid);
	ASSERT_NE(NULL, command);
	/* 25 characters, no terminator. */
	ASSERT_TRUE(FaxSetRoutingInfoW(self->port, guid, (const BYTE *)command, 25 * sizeof(WCHAR)));
	ASSERT_TRUE(FaxGetRoutingInfoA(self->port, COMMAND_GUID, &narrow, &size));
	EXPECT_STREQ("fax-notify-accounting-all", (const char *)narrow);
	FaxFreeBuffer(narrow);
	free(command);
	free(guid);
}

/*
 * FAX_PORT_SET picks which of the commands root's faxd.conf defines runs;
 * it never stores a program or a command line of its own.
 */
TEST_F(routing, a_command_route_names_a_configured_command_never_a_command_line)
{
	static const char *const refused[] = {
		"/usr/bin/fax-notify", "fax-notify --all", "sh -c id", "../bin/x", "a;b",
	};

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		EXPECT_FALSE(FaxSetRoutingInfoA(self->port, COMMAND_GUID, (const BYTE *)refused[i],
						(DWORD)strlen(refused[i]) + 1)) TH_LOG("%s", refused[i]);
		EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("%s", refused[i]);
	}
	EXPECT_TRUE(FaxSetRoutingInfoA(self->port, COMMAND_GUID, (const BYTE *)"mail_accounts",
				       sizeof("mail_accounts")));
}

TEST_F(routing, an_empty_info_means_the_engines_default)
{
	LPBYTE info = NULL;
	DWORD size = 0;

	ASSERT_TRUE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)"/x", 3));
	ASSERT_TRUE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)"", 1));
	ASSERT_TRUE(FaxGetRoutingInfoA(self->port, FOLDER_GUID, &info, &size));
	EXPECT_EQ(1, size);
	EXPECT_EQ(0, info[0]);
	FaxFreeBuffer(info);
}

TEST_F(routing, set_info_refuses_what_is_not_a_routing_string)
{
	char too_long[FAXPORT_ROUTING_INFO_SIZE + 1];
	WCHAR *guid = test_utf16_from_utf8(FOLDER_GUID);
	const WCHAR lone_surrogate[] = { '/', 0xd800, 0 };

	ASSERT_NE(NULL, guid);
	memset(too_long, 'a', sizeof(too_long));
	too_long[0] = '/';
	EXPECT_FALSE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, NULL, 4));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)"/x", 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoA(self->port, NULL, (const BYTE *)"/x", 3));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoA(self->port, EMAIL_GUID, (const BYTE *)"me@example.org", 15));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	/* The driver wants an absolute path. */
	EXPECT_FALSE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)"incoming", 9));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)too_long,
					sizeof(too_long)));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoA(self->port, FOLDER_GUID, (const BYTE *)"/\xc3", 3));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoW(self->port, guid, (const BYTE *)lone_surrogate,
					sizeof(lone_surrogate)));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoW(self->port, guid, (const BYTE *)lone_surrogate, 3));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	free(guid);
}

TEST_F(routing, get_info_refuses_bad_arguments)
{
	LPBYTE info = (LPBYTE)"untouched";
	DWORD size = 99;

	EXPECT_FALSE(FaxGetRoutingInfoA(self->port, EMAIL_GUID, &info, &size));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	EXPECT_EQ(NULL, info);
	EXPECT_EQ(0, size);
	EXPECT_FALSE(FaxGetRoutingInfoA(self->port, FOLDER_GUID, NULL, &size));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetRoutingInfoA(self->port, FOLDER_GUID, &info, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetRoutingInfoW(self->port, NULL, &info, &size));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetRoutingInfoA(self->server, FOLDER_GUID, &info, &size));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

TEST_F(routing, a_closed_port_handle_is_invalid)
{
	HANDLE query;
	LPBYTE info = NULL;
	DWORD size = 0;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &query));
	ASSERT_TRUE(FaxClose(query));
	EXPECT_FALSE(FaxGetRoutingInfoA(query, FOLDER_GUID, &info, &size));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoA(query, FOLDER_GUID, (const BYTE *)"/x", 3));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxGetRoutingInfoA(NULL, FOLDER_GUID, &info, &size));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
	EXPECT_FALSE(FaxSetRoutingInfoA(NULL, FOLDER_GUID, (const BYTE *)"/x", 3));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
}

TEST_F(routing, a_removed_port_is_a_bad_unit)
{
	PFAX_ROUTING_METHODA methods = NULL;
	DWORD count = 0;

	ASSERT_EQ(0, admin_port_remove(self->device_id));
	EXPECT_FALSE(FaxEnumRoutingMethodsA(self->port, &methods, &count));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
	EXPECT_FALSE(FaxEnableRoutingMethodA(self->port, FOLDER_GUID, TRUE));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
}

/* ---- FaxEnumGlobalRoutingInfo, FaxSetGlobalRoutingInfo --------------------------- */

TEST_F(routing, global_info_lists_every_method_by_priority)
{
	PFAX_GLOBAL_ROUTING_INFOA narrow = NULL;
	PFAX_GLOBAL_ROUTING_INFOW wide = NULL;
	DWORD count = 0, wide_count = 0;

	ASSERT_TRUE(FaxEnumGlobalRoutingInfoA(self->server, &narrow, &count));
	ASSERT_EQ(FAXPORT_ROUTING_METHODS, count);
	ASSERT_TRUE(FaxEnumGlobalRoutingInfoW(self->server, &wide, &wide_count));
	ASSERT_EQ(count, wide_count);
	for (DWORD i = 0; i < count; i++) {
		EXPECT_EQ(sizeof(FAX_GLOBAL_ROUTING_INFOA), narrow[i].SizeOfStruct);
		EXPECT_EQ(i + 1, narrow[i].Priority);
		EXPECT_EQ(narrow[i].Priority, wide[i].Priority);
		EXPECT_TRUE(wide_equals_utf8(wide[i].Guid, narrow[i].Guid));
		EXPECT_TRUE(wide_equals_utf8(wide[i].FriendlyName, narrow[i].FriendlyName));
		EXPECT_TRUE(wide_equals_utf8(wide[i].FunctionName, narrow[i].FunctionName));
		EXPECT_TRUE(wide_equals_utf8(wide[i].ExtensionImageName, narrow[i].ExtensionImageName));
		EXPECT_TRUE(wide_equals_utf8(wide[i].ExtensionFriendlyName,
					     narrow[i].ExtensionFriendlyName));
	}
	FaxFreeBuffer(narrow);
	FaxFreeBuffer(wide);
}

TEST_F(routing, a_new_priority_reorders_the_methods)
{
	PFAX_GLOBAL_ROUTING_INFOA global = NULL;
	WCHAR *last_guid = test_utf16_from_utf8(self->saved.guid[self->saved.count - 1]);
	FAX_GLOBAL_ROUTING_INFOW to_top = {
		.SizeOfStruct = sizeof(to_top), .Priority = 1, .Guid = last_guid,
	};
	DWORD count = 0;

	ASSERT_NE(NULL, last_guid);
	ASSERT_TRUE(FaxSetGlobalRoutingInfoW(self->server, &to_top));
	ASSERT_TRUE(FaxEnumGlobalRoutingInfoA(self->server, &global, &count));
	EXPECT_STREQ(self->saved.guid[self->saved.count - 1], global[0].Guid);
	EXPECT_STREQ(self->saved.guid[0], global[1].Guid);
	EXPECT_EQ(2, global[1].Priority);
	FaxFreeBuffer(global);
	free(last_guid);
}

TEST_F(routing, set_global_refuses_bad_input)
{
	FAX_GLOBAL_ROUTING_INFOA info = {
		.SizeOfStruct = sizeof(info), .Priority = 1, .Guid = FOLDER_GUID,
	};

	EXPECT_FALSE(FaxSetGlobalRoutingInfoA(self->server, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	info.SizeOfStruct = sizeof(info) - 4;
	EXPECT_FALSE(FaxSetGlobalRoutingInfoA(self->server, &info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	info.SizeOfStruct = sizeof(info);
	info.Priority = 0;
	EXPECT_FALSE(FaxSetGlobalRoutingInfoA(self->server, &info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	info.Priority = FAXPORT_ROUTING_METHODS + 1;
	EXPECT_FALSE(FaxSetGlobalRoutingInfoA(self->server, &info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	info.Priority = 1;
	info.Guid = EMAIL_GUID;
	EXPECT_FALSE(FaxSetGlobalRoutingInfoA(self->server, &info));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	info.Guid = NULL;
	EXPECT_FALSE(FaxSetGlobalRoutingInfoA(self->server, &info));
	EXPECT_EQ(ERROR_INVALID_DATA, GetLastError());
	info.Guid = FOLDER_GUID;
	EXPECT_FALSE(FaxSetGlobalRoutingInfoA(self->port, &info));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxSetGlobalRoutingInfoW(NULL, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
	EXPECT_FALSE(FaxEnumGlobalRoutingInfoW(NULL, NULL, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle");
	EXPECT_FALSE(FaxEnumGlobalRoutingInfoA(self->port, NULL, NULL));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

/* ---- rights ----------------------------------------------------------------------- */

TEST(an_unprivileged_user_reads_routing_but_cannot_change_it)
{
	PFAX_GLOBAL_ROUTING_INFOA global = NULL;
	FAX_GLOBAL_ROUTING_INFOA info = {
		.SizeOfStruct = sizeof(info), .Priority = 1, .Guid = FOLDER_GUID,
	};
	HANDLE server, port;
	DWORD count = 0;

	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_NE(NULL, server);
	/* The default policy gives users FAX_CONFIG_QUERY and FAX_PORT_QUERY only. */
	EXPECT_TRUE(FaxEnumGlobalRoutingInfoA(server, &global, &count));
	FaxFreeBuffer(global);
	EXPECT_FALSE(FaxSetGlobalRoutingInfoA(server, &info));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	ASSERT_TRUE(FaxOpenPort(server, 1, PORT_OPEN_QUERY, &port));
	EXPECT_FALSE(FaxEnableRoutingMethodA(port, FOLDER_GUID, FALSE));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_FALSE(FaxSetRoutingInfoA(port, FOLDER_GUID, (const BYTE *)"/tmp", 5));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	FaxClose(port);
	FaxClose(server);
}

TEST(without_config_query_the_global_list_is_denied)
{
	struct user_rights_change change;
	PFAX_GLOBAL_ROUTING_INFOA global = NULL;
	HANDLE server;
	DWORD count = 0;
	pid_t child;
	int status;

	ASSERT_EQ(0, user_rights_change_begin(FAX_JOB_SUBMIT | FAX_PORT_QUERY, &change));
	child = fork();
	if (child == 0) {
		bool denied;

		if (drop_to_nobody())
			_exit(2);
		server = connect_local();
		if (!server)
			_exit(3);
		denied = !FaxEnumGlobalRoutingInfoA(server, &global, &count) &&
			 GetLastError() == ERROR_ACCESS_DENIED && !global && count == 0;
		_exit(denied ? 0 : 1);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, user_rights_change_end(&change));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
