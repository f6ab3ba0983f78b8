// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * FaxConnectFaxServerA/W, FaxClose and FaxAccessCheck as an application
 * uses them, against the real driver (run inside the VM, as root).
 */
#include <sys/utsname.h>

#include "apitest.h"

#define REMOTE_NAME "faxserver.example.invalid"

/* Access mask bits outside the fax rights (Win32 values). */
#define TEST_READ_CONTROL    0x00020000
#define TEST_WRITE_DAC       0x00040000
#define TEST_SYNCHRONIZE     0x00100000
#define TEST_MAXIMUM_ALLOWED 0x02000000
#define TEST_GENERIC_ALL     0x10000000
#define TEST_GENERIC_READ    0x80000000

static const DWORD every_fax_right[] = {
	FAX_JOB_SUBMIT, FAX_JOB_QUERY, FAX_CONFIG_QUERY, FAX_CONFIG_SET,
	FAX_PORT_QUERY, FAX_PORT_SET, FAX_JOB_MANAGE,
};

/* Connects with an A name, checks success, closes. */
static bool connects_as(const char *name)
{
	HANDLE handle = NULL;

	if (!FaxConnectFaxServerA(name, &handle) || !handle)
		return false;
	return FaxClose(handle);
}

static bool connects_as_wide(const char *name)
{
	WCHAR *wide = test_utf16_from_utf8(name);
	HANDLE handle = NULL;
	BOOL connected = FaxConnectFaxServerW(wide, &handle);

	free(wide);
	return connected && handle && FaxClose(handle);
}

/* ---- FaxConnectFaxServer ---------------------------------------------- */

TEST(connect_with_null_name_gives_a_handle_that_closes)
{
	HANDLE handle = NULL;

	SetLastError(12345);
	ASSERT_TRUE(FaxConnectFaxServerA(NULL, &handle));
	ASSERT_NE(NULL, handle);
	EXPECT_NE(INVALID_HANDLE_VALUE, handle);
	EXPECT_TRUE(FaxClose(handle));

	handle = NULL;
	ASSERT_TRUE(FaxConnectFaxServerW(NULL, &handle));
	ASSERT_NE(NULL, handle);
	EXPECT_TRUE(FaxClose(handle));
}

TEST(connect_accepts_every_name_of_this_machine)
{
	struct utsname names;
	char short_name[sizeof(names.nodename)];
	char unc_name[sizeof(names.nodename) + 2];
	const char *local_names[] = { "", ".", "localhost", "LocalHost", "\\\\localhost" };

	for (size_t i = 0; i < sizeof(local_names) / sizeof(local_names[0]); i++) {
		EXPECT_TRUE(connects_as(local_names[i])) TH_LOG("A name '%s'", local_names[i]);
		EXPECT_TRUE(connects_as_wide(local_names[i])) TH_LOG("W name '%s'", local_names[i]);
	}

	ASSERT_EQ(0, uname(&names));
	EXPECT_TRUE(connects_as(names.nodename)) TH_LOG("host name '%s'", names.nodename);
	EXPECT_TRUE(connects_as_wide(names.nodename));
	snprintf(unc_name, sizeof(unc_name), "\\\\%s", names.nodename);
	EXPECT_TRUE(connects_as(unc_name));
	snprintf(short_name, sizeof(short_name), "%s", names.nodename);
	short_name[strcspn(short_name, ".")] = '\0';
	EXPECT_TRUE(connects_as(short_name));
	for (char *c = short_name; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	EXPECT_TRUE(connects_as(short_name)) TH_LOG("upper-case '%s'", short_name);
}

TEST(connect_to_another_machine_is_server_unavailable)
{
	HANDLE handle = (HANDLE)(uintptr_t)0x5a5a;
	WCHAR *wide = test_utf16_from_utf8(REMOTE_NAME);

	EXPECT_FALSE(FaxConnectFaxServerA(REMOTE_NAME, &handle));
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
	EXPECT_EQ((HANDLE)(uintptr_t)0x5a5a, handle) TH_LOG("output untouched on failure");

	EXPECT_FALSE(FaxConnectFaxServerW(wide, &handle));
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
	free(wide);

	/* A name that merely starts like a local one is not local. */
	EXPECT_FALSE(FaxConnectFaxServerA("localhostx", &handle));
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
	EXPECT_FALSE(FaxConnectFaxServerA("..", &handle));
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
}

TEST(connect_needs_a_handle_pointer)
{
	EXPECT_FALSE(FaxConnectFaxServerA(NULL, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxConnectFaxServerW(NULL, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxConnectFaxServerA(REMOTE_NAME, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

TEST(connect_rejects_a_name_that_is_not_utf16)
{
	const WCHAR lone_surrogate[] = { 'a', 0xD800, 'b', 0 };
	HANDLE handle = NULL;

	EXPECT_FALSE(FaxConnectFaxServerW(lone_surrogate, &handle));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

TEST(connect_without_the_driver_is_server_unavailable)
{
	HANDLE handle = NULL;

	ASSERT_EQ(0, private_empty_dev());
	EXPECT_FALSE(FaxConnectFaxServerA(NULL, &handle));
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
}

TEST(connect_to_a_node_that_is_not_the_fax_server_fails_cleanly)
{
	HANDLE handle = NULL;
	int fd;

	ASSERT_EQ(0, private_empty_dev());
	/* A regular file. */
	fd = open("/dev/faxport", O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	ASSERT_LE(0, fd);
	close(fd);
	EXPECT_FALSE(FaxConnectFaxServerA(NULL, &handle));
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());

	/* Another driver's character device (/dev/null's numbers). */
	ASSERT_EQ(0, unlink("/dev/faxport"));
	ASSERT_EQ(0, mknod("/dev/faxport", S_IFCHR | 0666, makedev(1, 3)));
	EXPECT_FALSE(FaxConnectFaxServerA(NULL, &handle));
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
}

TEST(connect_through_a_node_the_user_may_not_open_is_access_denied)
{
	dev_t server = device_number_of("/dev/faxport");
	HANDLE handle = NULL;

	ASSERT_NE(0, server);
	ASSERT_EQ(0, private_empty_dev());
	ASSERT_EQ(0, mknod("/dev/faxport", S_IFCHR | 0600, server));
	ASSERT_EQ(0, drop_to_nobody());
	EXPECT_FALSE(FaxConnectFaxServerA(NULL, &handle));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
}

TEST(every_connection_is_its_own_handle)
{
	HANDLE first = connect_local();
	HANDLE second = connect_local();

	ASSERT_NE(NULL, first);
	ASSERT_NE(NULL, second);
	EXPECT_NE(first, second);
	EXPECT_TRUE(FaxClose(first));
	/* Closing one leaves the other working. */
	EXPECT_TRUE(FaxAccessCheck(second, FAX_PORT_QUERY));
	EXPECT_TRUE(FaxClose(second));
}

/* ---- FaxClose ----------------------------------------------------------- */

TEST(close_twice_is_invalid_handle)
{
	HANDLE handle = connect_local();

	ASSERT_NE(NULL, handle);
	EXPECT_TRUE(FaxClose(handle));
	EXPECT_FALSE(FaxClose(handle));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

TEST(close_of_null_forged_and_invalid_values_is_invalid_handle)
{
	HANDLE live = connect_local();
	HANDLE forged[] = {
		/* The live value with another slot, or another generation. */
		NULL, INVALID_HANDLE_VALUE, (HANDLE)(uintptr_t)((uintptr_t)live + 1),
		(HANDLE)(uintptr_t)((uintptr_t)live + 0x100000),
		(HANDLE)(uintptr_t)((uintptr_t)live ^ 0x100000), (HANDLE)&forged,
	};

	ASSERT_NE(NULL, live);
	for (size_t i = 0; i < sizeof(forged) / sizeof(forged[0]); i++) {
		SetLastError(0);
		EXPECT_FALSE(FaxClose(forged[i])) TH_LOG("value %p", forged[i]);
		EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	}
	/* None of that touched the real handle. */
	EXPECT_TRUE(FaxAccessCheck(live, FAX_PORT_QUERY));
	EXPECT_TRUE(FaxClose(live));
}

TEST(a_closed_handle_is_invalid_everywhere)
{
	HANDLE handle = connect_local();
	HANDLE port = NULL;
	PFAX_PORT_INFOA ports = NULL;
	DWORD count = 0;

	ASSERT_NE(NULL, handle);
	ASSERT_TRUE(FaxClose(handle));

	EXPECT_FALSE(FaxAccessCheck(handle, FAX_PORT_QUERY));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxEnumPortsA(handle, &ports, &count));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxOpenPort(handle, 1, PORT_OPEN_QUERY, &port));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_EQ(NULL, port);
}

TEST(close_never_closes_an_fd_the_process_reused)
{
	HANDLE handle = connect_local();
	int reused;

	ASSERT_NE(NULL, handle);
	ASSERT_TRUE(FaxClose(handle));
	/* The lowest free fd is most likely the one the handle had. */
	reused = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, reused);
	EXPECT_FALSE(FaxClose(handle));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_LE(0, fcntl(reused, F_GETFD)) TH_LOG("fd %d was closed behind our back", reused);
	close(reused);
}

TEST(close_handle_refuses_fax_handles_and_fax_close_refuses_completion_ports)
{
	HANDLE server = connect_local();
	HANDLE completion_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);

	ASSERT_NE(NULL, server);
	ASSERT_NE(NULL, completion_port);

	EXPECT_FALSE(CloseHandle(server));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_TRUE(FaxAccessCheck(server, FAX_PORT_QUERY)) TH_LOG("still open after CloseHandle");

	EXPECT_FALSE(FaxClose(completion_port));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxAccessCheck(completion_port, FAX_PORT_QUERY));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_TRUE(CloseHandle(completion_port)) TH_LOG("still open after FaxClose");

	EXPECT_TRUE(FaxClose(server));
}

/* ---- FaxAccessCheck ----------------------------------------------------- */

TEST(root_holds_every_right)
{
	HANDLE handle = connect_local();

	ASSERT_NE(NULL, handle);
	/* Braces: each EXPECT is more than one statement. */
	for (size_t i = 0; i < sizeof(every_fax_right) / sizeof(every_fax_right[0]); i++) {
		EXPECT_TRUE(FaxAccessCheck(handle, every_fax_right[i]))
			TH_LOG("right 0x%x", every_fax_right[i]);
	}
	EXPECT_TRUE(FaxAccessCheck(handle, FAX_READ));
	EXPECT_TRUE(FaxAccessCheck(handle, FAX_WRITE));
	EXPECT_TRUE(FaxAccessCheck(handle, FAX_ALL_ACCESS));
	EXPECT_TRUE(FaxAccessCheck(handle, TEST_GENERIC_ALL));
	EXPECT_TRUE(FaxAccessCheck(handle, TEST_GENERIC_READ | FAX_PORT_SET));
	EXPECT_TRUE(FaxAccessCheck(handle, TEST_WRITE_DAC));
	EXPECT_TRUE(FaxAccessCheck(handle, 0)) TH_LOG("the empty mask asks for nothing");
	EXPECT_TRUE(FaxClose(handle));
}

TEST(bits_that_are_no_fax_right_are_never_held)
{
	HANDLE handle = connect_local();

	ASSERT_NE(NULL, handle);
	SetLastError(ERROR_INVALID_DATA);
	EXPECT_FALSE(FaxAccessCheck(handle, 0x80));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	EXPECT_FALSE(FaxAccessCheck(handle, FAX_PORT_QUERY | 0x8000));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	EXPECT_FALSE(FaxAccessCheck(handle, TEST_MAXIMUM_ALLOWED));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	EXPECT_TRUE(FaxClose(handle));
}

TEST(an_unprivileged_user_holds_what_the_policy_gives)
{
	long policy = user_rights_read();
	HANDLE handle;

	ASSERT_LE(0, policy);
	ASSERT_EQ(0, drop_to_nobody());
	handle = connect_local();
	ASSERT_NE(NULL, handle);

	for (size_t i = 0; i < sizeof(every_fax_right) / sizeof(every_fax_right[0]); i++) {
		bool expected = (policy & every_fax_right[i]) != 0;

		SetLastError(ERROR_INVALID_DATA);
		EXPECT_EQ(expected, FaxAccessCheck(handle, every_fax_right[i]))
			TH_LOG("right 0x%x, policy 0x%lx", every_fax_right[i], policy);
		if (!expected) {
			EXPECT_EQ(ERROR_SUCCESS, GetLastError())
				TH_LOG("FALSE with ERROR_SUCCESS means 'not held'");
		}
	}
	EXPECT_EQ((policy & (FAX_READ & 0xFFFF)) == (FAX_READ & 0xFFFF),
		  FaxAccessCheck(handle, FAX_READ));
	EXPECT_EQ((policy & (FAX_WRITE & 0xFFFF)) == (FAX_WRITE & 0xFFFF),
		  FaxAccessCheck(handle, FAX_WRITE));
	EXPECT_EQ((policy & 0x7F) == 0x7F, FaxAccessCheck(handle, FAX_ALL_ACCESS));
	/* Reading the policy is open to all, changing it is not. */
	EXPECT_TRUE(FaxAccessCheck(handle, TEST_READ_CONTROL | TEST_SYNCHRONIZE));
	EXPECT_EQ((policy & 0x7F) == 0x7F, FaxAccessCheck(handle, TEST_WRITE_DAC));
	EXPECT_TRUE(FaxClose(handle));
}

TEST(the_default_policy_gives_users_query_and_submit_but_not_set)
{
	struct user_rights_change change;
	HANDLE handle;

	ASSERT_EQ(0, user_rights_change_begin(FAX_JOB_SUBMIT | FAX_JOB_QUERY |
					      FAX_CONFIG_QUERY | FAX_PORT_QUERY, &change));
	ASSERT_EQ(0, drop_to_nobody());
	handle = connect_local();
	ASSERT_EQ(0, user_rights_change_end(&change));
	ASSERT_NE(NULL, handle);
	EXPECT_TRUE(FaxAccessCheck(handle, FAX_READ));
	EXPECT_TRUE(FaxAccessCheck(handle, FAX_WRITE));
	SetLastError(ERROR_INVALID_DATA);
	EXPECT_FALSE(FaxAccessCheck(handle, FAX_ALL_ACCESS));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	EXPECT_FALSE(FaxAccessCheck(handle, FAX_PORT_SET));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	EXPECT_TRUE(FaxClose(handle));
}

TEST(rights_are_those_of_the_open_not_of_the_caller_now)
{
	struct user_rights_change change;
	HANDLE as_root = connect_local();
	HANDLE as_nobody;

	ASSERT_NE(NULL, as_root);
	ASSERT_EQ(0, user_rights_change_begin(0, &change));
	ASSERT_EQ(0, drop_to_nobody());
	as_nobody = connect_local();
	ASSERT_EQ(0, user_rights_change_end(&change));
	ASSERT_NE(NULL, as_nobody);

	/* Opened by root: keeps every right after the process dropped root. */
	EXPECT_TRUE(FaxAccessCheck(as_root, FAX_ALL_ACCESS));
	/* Opened under the empty policy: keeps none after it was restored. */
	SetLastError(ERROR_INVALID_DATA);
	EXPECT_FALSE(FaxAccessCheck(as_nobody, FAX_JOB_SUBMIT));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	EXPECT_FALSE(FaxAccessCheck(as_nobody, TEST_GENERIC_READ));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	EXPECT_TRUE(FaxAccessCheck(as_nobody, 0));
	EXPECT_TRUE(FaxClose(as_nobody));
	EXPECT_TRUE(FaxClose(as_root));
}

TEST(access_check_needs_a_server_handle)
{
	HANDLE server = connect_local();
	HANDLE port = NULL;

	ASSERT_NE(NULL, server);
	ASSERT_TRUE(FaxOpenPort(server, 1, PORT_OPEN_QUERY, &port));

	EXPECT_FALSE(FaxAccessCheck(NULL, FAX_PORT_QUERY));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxAccessCheck(port, FAX_PORT_QUERY));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxAccessCheck((HANDLE)(uintptr_t)0x300003, FAX_PORT_QUERY));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());

	EXPECT_TRUE(FaxClose(port));
	EXPECT_TRUE(FaxClose(server));
}

TEST_HARNESS_MAIN
