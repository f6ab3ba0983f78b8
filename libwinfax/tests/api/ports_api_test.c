// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * FaxOpenPort, FaxEnumPortsA/W, FaxGetPortA/W and FaxSetPortA/W as an
 * application uses them, against the real driver (inside the VM, as root).
 * Ports a test needs for itself (to change, to ring, to remove) are added
 * by the test as an administrator would and removed again; the ports the
 * module made at load time are only read.
 */
#include <pthread.h>

#include "apitest.h"

/* The name of the tests' own port. */
#define OWN_PORT_NAME "API test port"

/* A name with non-ASCII letters and a character outside the BMP, to see
 * the W strings really converted. */
#define UTF8_PORT_NAME "Fax B\xc3\xbcro \xe2\x82\xac \xf0\x9f\x93\xa0"

/* Numbers for the tests' own ports, away from the DeviceIds the default
 * ports use as their numbers. */
#define NUMBER_A "5550101"
#define NUMBER_B "5550102"

/* The driver's view of every port, read with the raw ioctl. */
static int raw_port_list(struct faxport_port_info *infos, uint32_t capacity, uint32_t *count)
{
	struct faxport_port_list list = {
		.count = capacity,
		.info_size = sizeof(*infos),
		.infos = (uintptr_t)infos,
	};
	int fd = admin_server_open();
	int ret;

	/* The kernel fills the array through a pointer inside the argument,
	 * which valgrind cannot see: start from defined memory. */
	memset(infos, 0, capacity * sizeof(*infos));
	if (fd < 0)
		return -1;
	ret = ioctl(fd, FAXPORT_IOC_PORT_LIST, &list);
	close(fd);
	*count = list.count;
	return ret;
}

static DWORD first_port_id(void)
{
	struct faxport_port_info info;
	uint32_t count = 0;

	if (raw_port_list(&info, 1, &count) || count == 0)
		return 0;
	return info.device_id;
}

/* ---- fixtures ------------------------------------------------------------ */

/* A server handle of root's. */
FIXTURE(server) {
	HANDLE server;
};

FIXTURE_SETUP(server)
{
	self->server = connect_local();
	ASSERT_NE(NULL, self->server);
}

FIXTURE_TEARDOWN(server)
{
	FaxClose(self->server);
}

/* Plus a port of the test's own, removed after. */
FIXTURE(own_port) {
	HANDLE server;
	DWORD device_id;
};

FIXTURE_SETUP(own_port)
{
	self->server = connect_local();
	ASSERT_NE(NULL, self->server);
	ASSERT_EQ(0, admin_port_add(OWN_PORT_NAME, NUMBER_A, &self->device_id));
}

FIXTURE_TEARDOWN(own_port)
{
	FaxClose(self->server);
	admin_port_remove(self->device_id);
}

/* ---- FaxEnumPorts -------------------------------------------------------- */

TEST_F(server, enum_ports_lists_what_the_driver_has)
{
	struct faxport_port_info raw[64];
	PFAX_PORT_INFOA ports = NULL;
	DWORD count = 0;
	uint32_t raw_count = 0;

	ASSERT_EQ(0, raw_port_list(raw, 64, &raw_count));
	ASSERT_LT(0, raw_count) TH_LOG("the module makes ports at load time");
	ASSERT_GE(64, raw_count);

	ASSERT_TRUE(FaxEnumPortsA(self->server, &ports, &count));
	ASSERT_NE(NULL, ports);
	ASSERT_EQ(raw_count, count);
	for (DWORD i = 0; i < count; i++) {
		EXPECT_EQ(sizeof(FAX_PORT_INFOA), ports[i].SizeOfStruct);
		EXPECT_EQ(raw[i].device_id, ports[i].DeviceId);
		EXPECT_EQ(raw[i].state, ports[i].State) TH_LOG("FPS_* passed through");
		EXPECT_EQ(0x20000000u, ports[i].State & 0xF0000000u);
		EXPECT_EQ(raw[i].flags, ports[i].Flags);
		EXPECT_EQ(raw[i].rings, ports[i].Rings);
		EXPECT_EQ(raw[i].priority, ports[i].Priority);
		ASSERT_NE(NULL, ports[i].DeviceName);
		EXPECT_STREQ(raw[i].name, ports[i].DeviceName);
		ASSERT_NE(NULL, ports[i].Tsid);
		EXPECT_STREQ(raw[i].tsid, ports[i].Tsid);
		ASSERT_NE(NULL, ports[i].Csid);
		EXPECT_STREQ(raw[i].csid, ports[i].Csid);
		if (i > 0) {
			EXPECT_LT(ports[i - 1].DeviceId, ports[i].DeviceId);
		}
	}
	FaxFreeBuffer(ports);
}

TEST_F(own_port, enum_ports_w_strings_are_the_a_strings_converted)
{
	PFAX_PORT_INFOA narrow = NULL;
	PFAX_PORT_INFOW wide = NULL;
	DWORD narrow_count = 0, wide_count = 0;
	bool found_own = false;

	ASSERT_TRUE(FaxEnumPortsA(self->server, &narrow, &narrow_count));
	ASSERT_TRUE(FaxEnumPortsW(self->server, &wide, &wide_count));
	ASSERT_EQ(narrow_count, wide_count);
	for (DWORD i = 0; i < narrow_count; i++) {
		EXPECT_EQ(sizeof(FAX_PORT_INFOW), wide[i].SizeOfStruct);
		EXPECT_EQ(narrow[i].DeviceId, wide[i].DeviceId);
		EXPECT_EQ(narrow[i].Flags, wide[i].Flags);
		EXPECT_EQ(narrow[i].Rings, wide[i].Rings);
		EXPECT_EQ(narrow[i].Priority, wide[i].Priority);
		EXPECT_TRUE(wide_equals_utf8(wide[i].DeviceName, narrow[i].DeviceName))
			TH_LOG("DeviceName of %u", narrow[i].DeviceId);
		EXPECT_TRUE(wide_equals_utf8(wide[i].Tsid, narrow[i].Tsid));
		EXPECT_TRUE(wide_equals_utf8(wide[i].Csid, narrow[i].Csid));
		if (narrow[i].DeviceId == self->device_id) {
			found_own = true;
			EXPECT_STREQ(OWN_PORT_NAME, narrow[i].DeviceName);
			EXPECT_TRUE(wide_equals_utf8(wide[i].DeviceName, OWN_PORT_NAME));
		}
	}
	EXPECT_TRUE(found_own);
	FaxFreeBuffer(narrow);
	FaxFreeBuffer(wide);
}

/*
 * The uAPI's strings are UTF-8, so a port name may be any text; the W form
 * must carry it as UTF-16 (a surrogate pair for the emoji).  A driver that
 * refuses the name fails the test: it would be a regression of the uAPI's
 * promise, not a reason to skip.
 */
TEST_F(server, non_ascii_port_names_reach_both_forms)
{
	PFAX_PORT_INFOA narrow = NULL;
	PFAX_PORT_INFOW wide = NULL;
	HANDLE port = NULL;
	DWORD id = 0;

	/* The driver takes UTF-8 port names (uapi/linux/faxport.h): a refusal is a
	 * regression, not a reason to skip. */
	ASSERT_EQ(0, admin_port_add(UTF8_PORT_NAME, "5550199", &id))
		TH_LOG("the driver refuses a UTF-8 port name (errno %d)", errno);
	EXPECT_TRUE(FaxOpenPort(self->server, id, PORT_OPEN_QUERY, &port));
	EXPECT_TRUE(FaxGetPortA(port, &narrow));
	EXPECT_TRUE(FaxGetPortW(port, &wide));
	if (narrow && wide) {
		EXPECT_STREQ(UTF8_PORT_NAME, narrow->DeviceName);
		EXPECT_TRUE(wide_equals_utf8(wide->DeviceName, UTF8_PORT_NAME));
	}
	FaxFreeBuffer(narrow);
	FaxFreeBuffer(wide);
	FaxClose(port);
	admin_port_remove(id);
}

/*
 * One block, array first, strings after it; FaxFreeBuffer must not follow
 * the pointers, which applications overwrite (run under valgrind to see
 * that this is clean).
 */
TEST_F(own_port, enum_ports_buffer_is_one_block_that_frees_whole)
{
	PFAX_PORT_INFOW ports = NULL;
	DWORD count = 0;
	uintptr_t array_end;

	ASSERT_TRUE(FaxEnumPortsW(self->server, &ports, &count));
	ASSERT_LT(0, count);
	array_end = (uintptr_t)(ports + count);
	for (DWORD i = 0; i < count; i++) {
		EXPECT_LE(array_end, (uintptr_t)ports[i].DeviceName);
		EXPECT_LE(array_end, (uintptr_t)ports[i].Tsid);
		EXPECT_LE(array_end, (uintptr_t)ports[i].Csid);
		EXPECT_EQ(0, (uintptr_t)ports[i].Tsid % sizeof(WCHAR));
		/* Strings come in order after the array, within one block. */
		EXPECT_LT((uintptr_t)ports[i].DeviceName, (uintptr_t)ports[i].Tsid);
		EXPECT_LT((uintptr_t)ports[i].Tsid, (uintptr_t)ports[i].Csid);
	}
	for (DWORD i = 0; i < count; i++) {
		ports[i].DeviceName = (LPCWSTR)(uintptr_t)0xdeadbeef;
		ports[i].Tsid = NULL;
		ports[i].Csid = (LPCWSTR)&count;
	}
	FaxFreeBuffer(ports);
}

TEST_F(server, enum_ports_grows_past_its_first_guess)
{
	enum { EXTRA_PORTS = 12 };
	DWORD added[EXTRA_PORTS];
	PFAX_PORT_INFOA before = NULL, after = NULL;
	DWORD before_count = 0, after_count = 0;
	int added_count = 0;

	ASSERT_TRUE(FaxEnumPortsA(self->server, &before, &before_count));
	for (int i = 0; i < EXTRA_PORTS; i++) {
		char number[16];

		snprintf(number, sizeof(number), "55502%02d", i);
		if (admin_port_add("", number, &added[i]) == 0)
			added_count++;
	}
	EXPECT_EQ(EXTRA_PORTS, added_count);
	EXPECT_TRUE(FaxEnumPortsA(self->server, &after, &after_count));
	EXPECT_EQ(before_count + (DWORD)added_count, after_count);
	if (after && after_count >= (DWORD)added_count) {
		EXPECT_EQ(added[added_count - 1], after[after_count - 1].DeviceId);
	}
	for (int i = 0; i < added_count; i++)
		admin_port_remove(added[i]);
	FaxFreeBuffer(before);
	FaxFreeBuffer(after);
}

TEST_F(server, enum_ports_argument_errors)
{
	PFAX_PORT_INFOA ports = (PFAX_PORT_INFOA)&ports;
	DWORD count = 77;
	HANDLE port = NULL;

	EXPECT_FALSE(FaxEnumPortsA(self->server, NULL, &count));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxEnumPortsA(self->server, &ports, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxEnumPortsW(self->server, NULL, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	EXPECT_FALSE(FaxEnumPortsA(NULL, &ports, &count));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle, as documented");
	EXPECT_EQ(NULL, ports) TH_LOG("failure leaves NULL for FaxFreeBuffer");
	EXPECT_EQ(0, count);

	ASSERT_TRUE(FaxOpenPort(self->server, first_port_id(), PORT_OPEN_QUERY, &port));
	EXPECT_FALSE(FaxEnumPortsA(port, &ports, &count)) TH_LOG("a port handle is no server");
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_TRUE(FaxClose(port));
}

TEST(enum_ports_without_port_query_is_access_denied)
{
	struct user_rights_change change;
	PFAX_PORT_INFOW ports = NULL;
	DWORD count = 0;
	HANDLE server;

	ASSERT_EQ(0, user_rights_change_begin(FAX_JOB_SUBMIT | FAX_JOB_QUERY, &change));
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_EQ(0, user_rights_change_end(&change));
	ASSERT_NE(NULL, server);
	EXPECT_FALSE(FaxEnumPortsW(server, &ports, &count));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_EQ(NULL, ports);
	EXPECT_TRUE(FaxClose(server));
}

TEST(an_unprivileged_user_lists_ports_with_the_default_policy)
{
	PFAX_PORT_INFOA ports = NULL;
	DWORD count = 0;
	HANDLE server;

	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_NE(NULL, server);
	if (!FaxAccessCheck(server, FAX_PORT_QUERY))
		SKIP(FaxClose(server); return, "the policy gives users no FAX_PORT_QUERY");
	EXPECT_TRUE(FaxEnumPortsA(server, &ports, &count));
	EXPECT_LT(0, count);
	FaxFreeBuffer(ports);
	EXPECT_TRUE(FaxClose(server));
}

/* ---- FaxOpenPort --------------------------------------------------------- */

TEST_F(server, open_port_for_query_and_for_modify)
{
	DWORD id = first_port_id();
	HANDLE query = NULL, modify = NULL, second_query = NULL;

	ASSERT_NE(0, id);
	ASSERT_TRUE(FaxOpenPort(self->server, id, PORT_OPEN_QUERY, &query));
	ASSERT_NE(NULL, query);
	ASSERT_TRUE(FaxOpenPort(self->server, id, PORT_OPEN_MODIFY, &modify));
	ASSERT_NE(NULL, modify);
	EXPECT_NE(query, modify);
	EXPECT_NE(self->server, query);
	/* Any number of QUERY handles live beside the MODIFY one. */
	EXPECT_TRUE(FaxOpenPort(self->server, id, PORT_OPEN_QUERY, &second_query));
	EXPECT_TRUE(FaxClose(second_query));
	EXPECT_TRUE(FaxClose(modify));
	EXPECT_TRUE(FaxClose(query));
}

TEST_F(server, open_port_with_query_and_modify_is_a_modify_handle)
{
	DWORD id = first_port_id();
	HANDLE both = NULL, modify = NULL;

	ASSERT_TRUE(FaxOpenPort(self->server, id, PORT_OPEN_QUERY | PORT_OPEN_MODIFY, &both));
	EXPECT_FALSE(FaxOpenPort(self->server, id, PORT_OPEN_MODIFY, &modify));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_TRUE(FaxClose(both));
}

TEST_F(server, a_second_modify_handle_is_invalid_handle_until_the_first_closes)
{
	DWORD id = first_port_id();
	HANDLE first = NULL, second = NULL;

	ASSERT_TRUE(FaxOpenPort(self->server, id, PORT_OPEN_MODIFY, &first));
	EXPECT_FALSE(FaxOpenPort(self->server, id, PORT_OPEN_MODIFY, &second));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_EQ(NULL, second);
	ASSERT_TRUE(FaxClose(first));
	EXPECT_TRUE(FaxOpenPort(self->server, id, PORT_OPEN_MODIFY, &second));
	EXPECT_TRUE(FaxClose(second));
}

TEST_F(server, open_port_of_an_unknown_device_is_bad_unit)
{
	const DWORD unknown[] = { 0, 4095, 999999, 0xFFFFFFFF };
	HANDLE port = NULL;

	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		EXPECT_FALSE(FaxOpenPort(self->server, unknown[i], PORT_OPEN_QUERY, &port))
			TH_LOG("DeviceId %u", unknown[i]);
		EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
	}
	EXPECT_EQ(NULL, port);
}

TEST_F(server, open_port_argument_errors)
{
	const DWORD bad_flags[] = { 0, 4, PORT_OPEN_QUERY | 8, 0x80000000 };
	DWORD id = first_port_id();
	HANDLE port = NULL;

	for (size_t i = 0; i < sizeof(bad_flags) / sizeof(bad_flags[0]); i++) {
		EXPECT_FALSE(FaxOpenPort(self->server, id, bad_flags[i], &port))
			TH_LOG("Flags 0x%x", bad_flags[i]);
		EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	}
	EXPECT_FALSE(FaxOpenPort(self->server, id, PORT_OPEN_QUERY, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	EXPECT_FALSE(FaxOpenPort(NULL, id, PORT_OPEN_QUERY, &port));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxOpenPort((HANDLE)(uintptr_t)0x700007, id, PORT_OPEN_QUERY, &port));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());

	/* A port handle does not open ports. */
	ASSERT_TRUE(FaxOpenPort(self->server, id, PORT_OPEN_QUERY, &port));
	{
		HANDLE other = NULL;

		EXPECT_FALSE(FaxOpenPort(port, id, PORT_OPEN_QUERY, &other));
		EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	}
	EXPECT_TRUE(FaxClose(port));
}

/*
 * Deliberate difference from Windows: this driver refuses PORT_OPEN_MODIFY
 * to a handle without FAX_PORT_SET at open (ERROR_ACCESS_DENIED), so the
 * one MODIFY handle of a port cannot be held by someone unable to use it.
 * Windows lets the open succeed and refuses FaxSetPort later.
 */
TEST(an_unprivileged_user_may_query_but_not_modify)
{
	HANDLE server, query = NULL, modify = NULL;
	DWORD id = first_port_id();
	PFAX_PORT_INFOA info = NULL;

	ASSERT_NE(0, id);
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_NE(NULL, server);
	if (!FaxAccessCheck(server, FAX_PORT_QUERY) || FaxAccessCheck(server, FAX_PORT_SET))
		SKIP(FaxClose(server); return, "the policy is not the default one");

	ASSERT_TRUE(FaxOpenPort(server, id, PORT_OPEN_QUERY, &query));
	EXPECT_TRUE(FaxGetPortA(query, &info));
	EXPECT_FALSE(FaxSetPortA(query, info)) TH_LOG("a QUERY handle does not set");
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	FaxFreeBuffer(info);

	EXPECT_FALSE(FaxOpenPort(server, id, PORT_OPEN_MODIFY, &modify));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_EQ(NULL, modify);
	EXPECT_TRUE(FaxClose(query));
	EXPECT_TRUE(FaxClose(server));
}

TEST(open_port_without_port_query_is_access_denied)
{
	struct user_rights_change change;
	HANDLE server, port = NULL;
	DWORD id = first_port_id();

	ASSERT_EQ(0, user_rights_change_begin(FAX_JOB_SUBMIT, &change));
	ASSERT_EQ(0, drop_to_nobody());
	server = connect_local();
	ASSERT_EQ(0, user_rights_change_end(&change));
	ASSERT_NE(NULL, server);
	EXPECT_FALSE(FaxOpenPort(server, id, PORT_OPEN_QUERY, &port));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_EQ(NULL, port);
	EXPECT_TRUE(FaxClose(server));
}

TEST_F(server, a_port_handle_outlives_its_server_handle)
{
	HANDLE port = NULL;
	PFAX_PORT_INFOA info = NULL;

	ASSERT_TRUE(FaxOpenPort(self->server, first_port_id(), PORT_OPEN_QUERY, &port));
	ASSERT_TRUE(FaxClose(self->server));
	EXPECT_TRUE(FaxGetPortA(port, &info));
	FaxFreeBuffer(info);
	EXPECT_TRUE(FaxClose(port));
	self->server = connect_local();
}

TEST_F(server, fax_handles_are_not_closed_by_close_handle)
{
	HANDLE port = NULL;
	PFAX_PORT_INFOW info = NULL;

	ASSERT_TRUE(FaxOpenPort(self->server, first_port_id(), PORT_OPEN_QUERY, &port));
	EXPECT_FALSE(CloseHandle(port));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_TRUE(FaxGetPortW(port, &info));
	FaxFreeBuffer(info);
	EXPECT_TRUE(FaxClose(port));
	EXPECT_FALSE(FaxClose(port));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxGetPortW(port, &info));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

/* The library sends port ioctls only to the faxport driver's own nodes. */
TEST(open_port_refuses_a_node_of_another_driver)
{
	dev_t server_node = device_number_of("/dev/faxport");
	HANDLE server, port = NULL;

	ASSERT_NE(0, server_node);
	ASSERT_EQ(0, private_empty_dev());
	ASSERT_EQ(0, mknod("/dev/faxport", S_IFCHR | 0666, server_node));
	ASSERT_EQ(0, mknod("/dev/faxport7", S_IFCHR | 0666, makedev(1, 3)));
	ASSERT_EQ(0, mknod("/dev/faxport8", S_IFREG | 0666, 0));
	server = connect_local();
	ASSERT_NE(NULL, server);
	EXPECT_FALSE(FaxOpenPort(server, 7, PORT_OPEN_QUERY, &port));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
	EXPECT_FALSE(FaxOpenPort(server, 8, PORT_OPEN_QUERY, &port));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
	EXPECT_FALSE(FaxOpenPort(server, 9, PORT_OPEN_QUERY, &port));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
	EXPECT_EQ(NULL, port);
	EXPECT_TRUE(FaxClose(server));
}

/* ---- FaxGetPort ---------------------------------------------------------- */

TEST_F(own_port, get_port_matches_enum_ports_in_both_forms)
{
	PFAX_PORT_INFOA listed = NULL, narrow = NULL;
	PFAX_PORT_INFOW wide = NULL;
	DWORD count = 0;
	HANDLE port = NULL;
	PFAX_PORT_INFOA mine = NULL;

	ASSERT_TRUE(FaxEnumPortsA(self->server, &listed, &count));
	for (DWORD i = 0; i < count; i++) {
		if (listed[i].DeviceId == self->device_id)
			mine = &listed[i];
	}
	ASSERT_NE(NULL, mine);

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &port));
	ASSERT_TRUE(FaxGetPortA(port, &narrow));
	ASSERT_TRUE(FaxGetPortW(port, &wide));
	EXPECT_EQ(sizeof(FAX_PORT_INFOA), narrow->SizeOfStruct);
	EXPECT_EQ(self->device_id, narrow->DeviceId);
	EXPECT_EQ(mine->State, narrow->State);
	EXPECT_EQ(0x20010000u, narrow->State) TH_LOG("FPS_OFFLINE: no engine attached");
	EXPECT_EQ(mine->Flags, narrow->Flags);
	EXPECT_EQ(mine->Rings, narrow->Rings);
	EXPECT_EQ(mine->Priority, narrow->Priority);
	EXPECT_STREQ(OWN_PORT_NAME, narrow->DeviceName);
	EXPECT_STREQ(mine->Tsid, narrow->Tsid);
	EXPECT_STREQ(mine->Csid, narrow->Csid);
	EXPECT_STREQ(NUMBER_A, narrow->Tsid) TH_LOG("a new port's TSID is its number");

	EXPECT_EQ(sizeof(FAX_PORT_INFOW), wide->SizeOfStruct);
	EXPECT_EQ(narrow->DeviceId, wide->DeviceId);
	EXPECT_EQ(narrow->State, wide->State);
	EXPECT_EQ(narrow->Flags, wide->Flags);
	EXPECT_TRUE(wide_equals_utf8(wide->DeviceName, OWN_PORT_NAME));
	EXPECT_TRUE(wide_equals_utf8(wide->Tsid, narrow->Tsid));
	EXPECT_TRUE(wide_equals_utf8(wide->Csid, narrow->Csid));

	/* The single structure's strings follow it in the same block. */
	EXPECT_LE((uintptr_t)(wide + 1), (uintptr_t)wide->DeviceName);
	wide->DeviceName = NULL;
	narrow->Tsid = (LPCSTR)(uintptr_t)1;
	FaxFreeBuffer(narrow);
	FaxFreeBuffer(wide);
	FaxFreeBuffer(listed);
	EXPECT_TRUE(FaxClose(port));
}

TEST_F(server, get_port_argument_errors)
{
	PFAX_PORT_INFOA info = (PFAX_PORT_INFOA)&info;
	HANDLE port = NULL;

	ASSERT_TRUE(FaxOpenPort(self->server, first_port_id(), PORT_OPEN_QUERY, &port));
	EXPECT_FALSE(FaxGetPortA(port, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxGetPortW(port, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	EXPECT_FALSE(FaxGetPortA(self->server, &info)) TH_LOG("a server handle is no port");
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_EQ(NULL, info);
	/* Microsoft documents a NULL FaxPortHandle as ERROR_INVALID_PARAMETER;
	 * a value that is no handle (closed, below) is ERROR_INVALID_HANDLE. */
	EXPECT_FALSE(FaxGetPortA(NULL, &info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_EQ(NULL, info);
	EXPECT_FALSE(FaxGetPortW(NULL, (PFAX_PORT_INFOW *)&info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_TRUE(FaxClose(port));
	EXPECT_FALSE(FaxGetPortA(port, &info));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

/* ---- FaxSetPort ---------------------------------------------------------- */

TEST_F(own_port, set_port_changes_flags_rings_priority_tsid_csid_only)
{
	HANDLE modify = NULL;
	PFAX_PORT_INFOA before = NULL, after = NULL;
	FAX_PORT_INFOA change;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &modify));
	ASSERT_TRUE(FaxGetPortA(modify, &before));

	change = *before;
	change.Flags = FPF_SEND;
	change.Rings = 7;
	change.Priority = 3;
	change.Tsid = "+49 30 1234567";
	change.Csid = "CSID TEST";
	/* Read-only fields: ignored, whatever they say. */
	change.DeviceId = 999;
	change.State = 0x20000040;
	change.DeviceName = "renamed";
	ASSERT_TRUE(FaxSetPortA(modify, &change));

	ASSERT_TRUE(FaxGetPortA(modify, &after));
	EXPECT_EQ(self->device_id, after->DeviceId);
	EXPECT_EQ((DWORD)FPF_SEND, after->Flags);
	EXPECT_EQ(7, after->Rings);
	EXPECT_EQ(3, after->Priority);
	EXPECT_STREQ("+49 30 1234567", after->Tsid);
	EXPECT_STREQ("CSID TEST", after->Csid);
	EXPECT_STREQ(OWN_PORT_NAME, after->DeviceName);
	EXPECT_EQ(before->State, after->State);
	FaxFreeBuffer(after);

	/* What FaxGetPort gives, FaxSetPort takes back unchanged. */
	EXPECT_TRUE(FaxSetPortA(modify, before));
	ASSERT_TRUE(FaxGetPortA(modify, &after));
	EXPECT_EQ(before->Flags, after->Flags);
	EXPECT_STREQ(before->Tsid, after->Tsid);
	FaxFreeBuffer(after);
	FaxFreeBuffer(before);
	EXPECT_TRUE(FaxClose(modify));
}

TEST_F(own_port, set_port_w_takes_utf16_and_null_strings_keep_their_value)
{
	HANDLE modify = NULL;
	PFAX_PORT_INFOW info = NULL;
	PFAX_PORT_INFOA after = NULL;
	WCHAR *tsid = test_utf16_from_utf8("WIDE TSID 42");

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &modify));
	ASSERT_TRUE(FaxGetPortW(modify, &info));
	info->Tsid = tsid;
	info->Csid = NULL;
	info->Rings = 4;
	EXPECT_TRUE(FaxSetPortW(modify, info));
	ASSERT_TRUE(FaxGetPortA(modify, &after));
	EXPECT_STREQ("WIDE TSID 42", after->Tsid);
	EXPECT_STREQ(NUMBER_A, after->Csid) TH_LOG("NULL Csid keeps the port's");
	EXPECT_EQ(4, after->Rings);
	FaxFreeBuffer(after);
	FaxFreeBuffer(info);
	free(tsid);
	EXPECT_TRUE(FaxClose(modify));
}

TEST_F(own_port, set_port_ignores_fpf_virtual)
{
	HANDLE modify = NULL;
	PFAX_PORT_INFOA info = NULL;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &modify));
	ASSERT_TRUE(FaxGetPortA(modify, &info));
	info->Flags |= FPF_VIRTUAL;
	EXPECT_TRUE(FaxSetPortA(modify, info));
	FaxFreeBuffer(info);
	ASSERT_TRUE(FaxGetPortA(modify, &info));
	EXPECT_EQ(0, info->Flags & FPF_VIRTUAL);
	FaxFreeBuffer(info);
	EXPECT_TRUE(FaxClose(modify));
}

TEST_F(own_port, set_port_rejects_bad_values_with_invalid_parameter)
{
	const WCHAR lone_surrogate[] = { 'A', 0xDC00, 0 };
	HANDLE modify = NULL;
	PFAX_PORT_INFOA good = NULL;
	PFAX_PORT_INFOW good_wide = NULL;
	FAX_PORT_INFOA bad;
	FAX_PORT_INFOW bad_wide;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &modify));
	ASSERT_TRUE(FaxGetPortA(modify, &good));
	ASSERT_TRUE(FaxGetPortW(modify, &good_wide));

#define EXPECT_SET_REFUSED(field, value)                                        \
	do {                                                                    \
		bad = *good;                                                    \
		bad.field = value;                                              \
		SetLastError(0);                                                \
		EXPECT_FALSE(FaxSetPortA(modify, &bad)) TH_LOG(#field " = " #value); \
		EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError())              \
			TH_LOG(#field " = " #value);                            \
	} while (0)

	EXPECT_SET_REFUSED(SizeOfStruct, 0);
	EXPECT_SET_REFUSED(SizeOfStruct, sizeof(FAX_PORT_INFOA) - 1);
	EXPECT_SET_REFUSED(SizeOfStruct, sizeof(FAX_PORT_INFOA) + 8);
	EXPECT_SET_REFUSED(Rings, 0);
	EXPECT_SET_REFUSED(Rings, 100);
	EXPECT_SET_REFUSED(Priority, 0);
	EXPECT_SET_REFUSED(Flags, 0x100);
	EXPECT_SET_REFUSED(Tsid, "123456789012345678901");   /* 21 characters */
	EXPECT_SET_REFUSED(Tsid, "a TSID far longer than the driver's array of 32 bytes");
	EXPECT_SET_REFUSED(Csid, "tab\there");
	EXPECT_SET_REFUSED(Csid, "B\xc3\xbcro");              /* not ASCII */
#undef EXPECT_SET_REFUSED

	EXPECT_FALSE(FaxSetPortA(modify, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_FALSE(FaxSetPortW(modify, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	bad_wide = *good_wide;
	bad_wide.Tsid = lone_surrogate;
	EXPECT_FALSE(FaxSetPortW(modify, &bad_wide));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	bad_wide = *good_wide;
	bad_wide.SizeOfStruct = 0;
	EXPECT_FALSE(FaxSetPortW(modify, &bad_wide));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	/* Nothing above changed the port. */
	{
		PFAX_PORT_INFOA now = NULL;

		ASSERT_TRUE(FaxGetPortA(modify, &now));
		EXPECT_EQ(good->Rings, now->Rings);
		EXPECT_STREQ(good->Tsid, now->Tsid);
		EXPECT_STREQ(good->Csid, now->Csid);
		FaxFreeBuffer(now);
	}
	FaxFreeBuffer(good);
	FaxFreeBuffer(good_wide);
	EXPECT_TRUE(FaxClose(modify));
}

TEST_F(own_port, set_port_needs_a_modify_handle)
{
	HANDLE query = NULL;
	PFAX_PORT_INFOA info = NULL;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &query));
	ASSERT_TRUE(FaxGetPortA(query, &info));
	EXPECT_FALSE(FaxSetPortA(query, info));
	EXPECT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	EXPECT_FALSE(FaxSetPortA(self->server, info)) TH_LOG("a server handle is no port");
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	EXPECT_FALSE(FaxSetPortA(NULL, info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError()) TH_LOG("a NULL handle, as documented");
	EXPECT_FALSE(FaxSetPortW((HANDLE)(uintptr_t)0x700007, NULL))
		TH_LOG("the handle is checked first");
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	FaxFreeBuffer(info);
	EXPECT_TRUE(FaxClose(query));
}

/*
 * A port in a call: the test is the DSP engine of a second port and dials
 * this one, which then rings.  Both are busy, and neither may be changed.
 */
TEST_F(own_port, set_port_while_the_line_is_busy_is_device_in_use)
{
	DWORD caller_id = 0;
	HANDLE callee_modify = NULL, caller_modify = NULL;
	PFAX_PORT_INFOA info = NULL;
	int engine;

	ASSERT_EQ(0, admin_port_add("caller", NUMBER_B, &caller_id));
	engine = admin_dsp_attach(caller_id);
	ASSERT_LE(0, engine);
	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &callee_modify));
	ASSERT_TRUE(FaxOpenPort(self->server, caller_id, PORT_OPEN_MODIFY, &caller_modify));
	ASSERT_EQ(0, admin_dial(engine, NUMBER_A));

	ASSERT_TRUE(FaxGetPortA(callee_modify, &info));
	EXPECT_EQ(0x20020000u, info->State) TH_LOG("FPS_RINGING");
	EXPECT_FALSE(FaxSetPortA(callee_modify, info));
	EXPECT_EQ(ERROR_DEVICE_IN_USE, GetLastError());
	FaxFreeBuffer(info);

	ASSERT_TRUE(FaxGetPortA(caller_modify, &info));
	EXPECT_EQ(0x20000001u, info->State) TH_LOG("FPS_DIALING");
	EXPECT_FALSE(FaxSetPortA(caller_modify, info));
	EXPECT_EQ(ERROR_DEVICE_IN_USE, GetLastError());
	FaxFreeBuffer(info);

	/* Hanging up (the engine goes away) frees the line again. */
	close(engine);
	ASSERT_TRUE(FaxGetPortA(callee_modify, &info));
	EXPECT_EQ(0x20010000u, info->State) TH_LOG("FPS_OFFLINE");
	EXPECT_TRUE(FaxSetPortA(callee_modify, info));
	FaxFreeBuffer(info);

	EXPECT_TRUE(FaxClose(caller_modify));
	EXPECT_TRUE(FaxClose(callee_modify));
	admin_port_remove(caller_id);
}

/* ---- a handle closed while other threads use it ----------------------------- */

struct racing_reader {
	HANDLE port;
	unsigned successes;
	unsigned unexpected_errors;
};

/* Calls FaxGetPortW until the handle is gone; every call either works or
 * says ERROR_INVALID_HANDLE, never anything else. */
static void *read_until_closed(void *argument)
{
	struct racing_reader *reader = argument;

	for (;;) {
		PFAX_PORT_INFOW info = NULL;

		if (FaxGetPortW(reader->port, &info)) {
			reader->successes++;
			FaxFreeBuffer(info);
			continue;
		}
		if (GetLastError() != ERROR_INVALID_HANDLE)
			reader->unexpected_errors++;
		return NULL;
	}
}

TEST_F(own_port, closing_a_handle_other_threads_use_is_safe)
{
	enum { READERS = 4 };
	struct racing_reader readers[READERS];
	pthread_t threads[READERS];
	HANDLE modify = NULL;
	unsigned successes = 0;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &modify));
	for (int i = 0; i < READERS; i++) {
		readers[i] = (struct racing_reader){ .port = modify };
		ASSERT_EQ(0, pthread_create(&threads[i], NULL, read_until_closed, &readers[i]));
	}
	usleep(50 * 1000);
	EXPECT_TRUE(FaxClose(modify));
	for (int i = 0; i < READERS; i++) {
		ASSERT_EQ(0, pthread_join(threads[i], NULL));
		EXPECT_EQ(0, readers[i].unexpected_errors);
		successes += readers[i].successes;
	}
	EXPECT_LT(0, successes) TH_LOG("the readers raced the close");
	/* The fd went when the last reader let go: the MODIFY slot is free. */
	EXPECT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &modify));
	EXPECT_TRUE(FaxClose(modify));
}

/* ---- a port removed while its handles are open ---------------------------- */

TEST_F(own_port, handles_of_a_removed_port_fail_with_bad_unit_and_still_close)
{
	HANDLE query = NULL, modify = NULL, again = NULL;
	PFAX_PORT_INFOA info = NULL, kept = NULL, listed = NULL;
	PFAX_PORT_INFOW wide = NULL;
	DWORD count = 0;

	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &query));
	ASSERT_TRUE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_MODIFY, &modify));
	ASSERT_TRUE(FaxGetPortA(modify, &kept));
	ASSERT_EQ(0, admin_port_remove(self->device_id));

	EXPECT_FALSE(FaxGetPortA(query, &info));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
	EXPECT_EQ(NULL, info);
	EXPECT_FALSE(FaxGetPortW(modify, &wide));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
	EXPECT_FALSE(FaxSetPortA(modify, kept));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());
	EXPECT_FALSE(FaxOpenPort(self->server, self->device_id, PORT_OPEN_QUERY, &again));
	EXPECT_EQ(ERROR_BAD_UNIT, GetLastError());

	ASSERT_TRUE(FaxEnumPortsA(self->server, &listed, &count));
	for (DWORD i = 0; i < count; i++) {
		EXPECT_NE(self->device_id, listed[i].DeviceId);
	}
	FaxFreeBuffer(listed);
	FaxFreeBuffer(kept);

	/* The handles are dead, not invalid: they close normally, once. */
	EXPECT_TRUE(FaxClose(modify));
	EXPECT_TRUE(FaxClose(query));
	EXPECT_FALSE(FaxClose(query));
	EXPECT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

TEST_HARNESS_MAIN
