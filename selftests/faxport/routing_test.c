// SPDX-License-Identifier: GPL-2.0
/*
 * Routing methods: each port's state of each method (FaxEnumRoutingMethods,
 * FaxEnableRoutingMethod, FaxGet/SetRoutingInfo) on port handles and on the
 * DSP engine's file, and the server's priorities (FaxEnumGlobalRoutingInfo,
 * FaxSetGlobalRoutingInfo). Each test works on a port it adds, so no state
 * leaks between tests or from a DSP engine. One error path per test.
 */
#include <sys/mman.h>

#include "faxport_test.h"
#include "kselftest_harness.h"

/* {92041a90-9af2-11d0-abf7-00c04fd91a4e}, in the Win32 GUID byte order. */
static const __u8 folder_guid[16] = {
	0x90, 0x1a, 0x04, 0x92, 0xf2, 0x9a, 0xd0, 0x11,
	0xab, 0xf7, 0x00, 0xc0, 0x4f, 0xd9, 0x1a, 0x4e,
};
/* {180487c0-e046-4c22-9248-4a7b57b70253} */
static const __u8 command_guid[16] = {
	0xc0, 0x87, 0x04, 0x18, 0x46, 0xe0, 0x22, 0x4c,
	0x92, 0x48, 0x4a, 0x7b, 0x57, 0xb7, 0x02, 0x53,
};
/* Windows' "route through e-mail": no Linux method has it. */
static const __u8 email_guid[16] = {
	0xfe, 0x7b, 0xbf, 0x6b, 0xf2, 0x9a, 0xd0, 0x11,
	0xab, 0xf7, 0x00, 0xc0, 0x4f, 0xd9, 0x1a, 0x4e,
};

FIXTURE(port) {
	int server;
	__u32 device_id;
};

FIXTURE_SETUP(port)
{
	self->server = server_connect();
	ASSERT_LE(0, self->server) TH_LOG("connect: %s", strerror(errno));
	ASSERT_EQ(0, port_add(self->server, "routing test", "", &self->device_id))
		TH_LOG("add: %s", strerror(errno));
}

FIXTURE_TEARDOWN(port)
{
	port_remove(self->server, self->device_id);
	close(self->server);
}

static int routing_list(int fd, unsigned long request,
			struct faxport_routing_method *methods, __u32 *count)
{
	struct faxport_routing_list list = {
		.count = *count,
		.method_size = sizeof(*methods),
		.methods = (__u64)(unsigned long)methods,
	};
	int ret = ioctl(fd, request, &list);

	*count = list.count;
	return ret;
}

/* The port's entry for a GUID, or NULL. */
static const struct faxport_routing_method *
find_method(const struct faxport_routing_method *methods, __u32 count,
	    const __u8 *guid)
{
	for (__u32 i = 0; i < count; i++)
		if (!memcmp(methods[i].guid, guid, 16))
			return &methods[i];
	return NULL;
}

static int routing_set(int fd, const __u8 *guid, __u32 flags, __u32 enabled,
		       const char *info)
{
	struct faxport_routing_set set = { .flags = flags, .enabled = enabled };

	memcpy(set.guid, guid, sizeof(set.guid));
	if (info)
		snprintf(set.info, sizeof(set.info), "%s", info);
	return ioctl(fd, FAXPORT_IOC_ROUTING_SET, &set);
}

static int set_priority(int server, const __u8 *guid, __u32 priority)
{
	struct faxport_routing_priority req = { .priority = priority };

	memcpy(req.guid, guid, sizeof(req.guid));
	return ioctl(server, FAXPORT_IOC_ROUTING_PRIORITY, &req);
}

TEST_F(port, a_new_port_stores_in_a_folder_and_runs_no_command)
{
	struct faxport_routing_method methods[4];
	const struct faxport_routing_method *folder, *command;
	__u32 count = 4;
	int h = port_open(self->server, self->device_id, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, h);
	ASSERT_EQ(0, routing_list(h, FAXPORT_IOC_ROUTING_LIST, methods, &count));
	ASSERT_EQ(FAXPORT_ROUTING_METHODS, count);
	folder = find_method(methods, count, folder_guid);
	command = find_method(methods, count, command_guid);
	ASSERT_NE(NULL, folder);
	ASSERT_NE(NULL, command);
	EXPECT_EQ(1, folder->enabled);
	EXPECT_EQ(0, command->enabled);
	EXPECT_EQ(0, folder->flags);
	EXPECT_STREQ("", folder->info);
	EXPECT_STREQ("Store in a folder", folder->friendly_name);
	EXPECT_STREQ("StoreInFolder", folder->function_name);
	EXPECT_STREQ("Run a command", command->friendly_name);
	EXPECT_STREQ("faxd", command->extension_image_name);
	EXPECT_NE(0, command->extension_friendly_name[0]);
	/* In priority order. */
	EXPECT_EQ(1, methods[0].priority);
	EXPECT_EQ(2, methods[1].priority);
	close(h);
}

TEST_F(port, list_counts_when_the_array_is_short)
{
	struct faxport_routing_method methods[1];
	__u32 count = 0;
	int h = port_open(self->server, self->device_id, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, h);
	ASSERT_EQ(0, routing_list(h, FAXPORT_IOC_ROUTING_LIST, NULL, &count));
	EXPECT_EQ(FAXPORT_ROUTING_METHODS, count);
	memset(methods, 0xa5, sizeof(methods));
	count = 1;
	ASSERT_EQ(0, routing_list(h, FAXPORT_IOC_ROUTING_LIST, methods, &count));
	EXPECT_EQ(FAXPORT_ROUTING_METHODS, count);
	EXPECT_EQ(1, methods[0].priority);
	close(h);
}

TEST_F(port, list_rejects_another_method_size)
{
	struct faxport_routing_method methods[2];
	struct faxport_routing_list list = {
		.count = 2,
		.method_size = sizeof(methods[0]) - 8,
		.methods = (__u64)(unsigned long)methods,
	};
	int h = port_open(self->server, self->device_id, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, h);
	EXPECT_EQ(-1, ioctl(h, FAXPORT_IOC_ROUTING_LIST, &list));
	EXPECT_EQ(EINVAL, errno);
	close(h);
}

TEST_F(port, list_into_unmapped_memory_faults)
{
	__u32 count = 2;
	void *unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int h = port_open(self->server, self->device_id, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, h);
	ASSERT_NE(MAP_FAILED, unmapped);
	EXPECT_EQ(-1, routing_list(h, FAXPORT_IOC_ROUTING_LIST, unmapped, &count));
	EXPECT_EQ(EFAULT, errno);
	munmap(unmapped, 4096);
	close(h);
}

TEST_F(port, an_unbound_file_has_no_routing)
{
	struct faxport_routing_method methods[2];
	__u32 count = 2;
	int fd = port_node_open(self->device_id);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, routing_list(fd, FAXPORT_IOC_ROUTING_LIST, methods, &count));
	EXPECT_EQ(EBADFD, errno);
	close(fd);
}

TEST_F(port, set_changes_what_the_list_shows_on_that_port_only)
{
	struct faxport_routing_method methods[2];
	const struct faxport_routing_method *folder, *command;
	__u32 count = 2;
	int m = port_open(self->server, self->device_id, FAXPORT_OPEN_MODIFY);
	int other = port_open(self->server, 1, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, m);
	ASSERT_LE(0, other);
	ASSERT_EQ(0, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_INFO, 0,
				 "/var/spool/faxport/sales"));
	ASSERT_EQ(0, routing_set(m, command_guid, FAXPORT_ROUTING_SET_ENABLED |
				 FAXPORT_ROUTING_SET_INFO, 1, "mail-sales"));
	ASSERT_EQ(0, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_ENABLED, 0, NULL));
	ASSERT_EQ(0, routing_list(m, FAXPORT_IOC_ROUTING_LIST, methods, &count));
	folder = find_method(methods, count, folder_guid);
	command = find_method(methods, count, command_guid);
	ASSERT_NE(NULL, folder);
	ASSERT_NE(NULL, command);
	EXPECT_EQ(0, folder->enabled);
	EXPECT_STREQ("/var/spool/faxport/sales", folder->info);
	EXPECT_EQ(FAXPORT_ROUTING_CONFIGURED, folder->flags);
	EXPECT_EQ(1, command->enabled);
	EXPECT_STREQ("mail-sales", command->info);

	count = 2;
	ASSERT_EQ(0, routing_list(other, FAXPORT_IOC_ROUTING_LIST, methods, &count));
	folder = find_method(methods, count, folder_guid);
	ASSERT_NE(NULL, folder);
	EXPECT_STRNE("/var/spool/faxport/sales", folder->info);
	close(other);
	close(m);
}

TEST_F(port, set_needs_a_modify_handle)
{
	int q = port_open(self->server, self->device_id, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, q);
	EXPECT_EQ(-1, routing_set(q, folder_guid, FAXPORT_ROUTING_SET_ENABLED, 0, NULL));
	EXPECT_EQ(EACCES, errno);
	close(q);
}

TEST_F(port, set_rejects_a_method_linux_has_not)
{
	int m = port_open(self->server, self->device_id, FAXPORT_OPEN_MODIFY);

	ASSERT_LE(0, m);
	EXPECT_EQ(-1, routing_set(m, email_guid, FAXPORT_ROUTING_SET_ENABLED, 1, NULL));
	EXPECT_EQ(ENOENT, errno);
	close(m);
}

TEST_F(port, set_rejects_bad_flags_and_values)
{
	struct faxport_routing_set set = { .flags = FAXPORT_ROUTING_SET_INFO };
	int m = port_open(self->server, self->device_id, FAXPORT_OPEN_MODIFY);

	ASSERT_LE(0, m);
	EXPECT_EQ(-1, routing_set(m, folder_guid, 0x100 | FAXPORT_ROUTING_SET_ENABLED, 0, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, folder_guid, 0, 0, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_ENABLED, 2, NULL));
	EXPECT_EQ(EINVAL, errno);
	/* An enabled value that would be ignored is a mistake. */
	EXPECT_EQ(-1, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_INFO, 1, "/x"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_INFO, 0, "relative/dir"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_INFO, 0, "/tab\there"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_INFO, 0, "/bad\xff"));
	EXPECT_EQ(EINVAL, errno);
	/*
	 * "Run a command" takes the name of a command the engine's
	 * configuration defines, never a program or a command line.
	 */
	EXPECT_EQ(-1, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0,
				  "/bin/sh -c id"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, "/bin/true"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, "mail x"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, "../mail"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, "-mail"));
	EXPECT_EQ(EINVAL, errno);
	memset(set.info, 'a', 64);
	set.info[64] = '\0';
	EXPECT_EQ(-1, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, set.info));
	EXPECT_EQ(EINVAL, errno);
	set.info[63] = '\0';
	EXPECT_EQ(0, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, set.info));
	EXPECT_EQ(0, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, "Mail_2.pdf-x"));
	EXPECT_EQ(0, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, ""));
	/* Unterminated info, and bytes hidden after the NUL. */
	memcpy(set.guid, folder_guid, 16);
	memset(set.info, '/', sizeof(set.info));
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_ROUTING_SET, &set));
	EXPECT_EQ(EINVAL, errno);
	memset(set.info, 0, sizeof(set.info));
	set.info[0] = '/';
	set.info[10] = 'x';
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_ROUTING_SET, &set));
	EXPECT_EQ(EINVAL, errno);
	/* Info given without SET_INFO. */
	set.flags = FAXPORT_ROUTING_SET_ENABLED;
	set.info[10] = 0;
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_ROUTING_SET, &set));
	EXPECT_EQ(EINVAL, errno);
	close(m);
}

TEST_F(port, set_rejects_controls_and_bidi_overrides_in_the_info)
{
	char info[32];
	size_t i;
	int m = port_open(self->server, self->device_id, FAXPORT_OPEN_MODIFY);

	ASSERT_LE(0, m);
	for (i = 0; i < TEXT_SAMPLES(hostile_text); i++) {
		snprintf(info, sizeof(info), "/srv/fax%s", hostile_text[i]);
		EXPECT_EQ(-1, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_INFO, 0, info)) {
			TH_LOG("a folder with hostile_text[%zu] was stored", i);
		}
		EXPECT_EQ(EINVAL, errno);
		snprintf(info, sizeof(info), "mail%s", hostile_text[i]);
		EXPECT_EQ(-1, routing_set(m, command_guid, FAXPORT_ROUTING_SET_INFO, 0, info)) {
			TH_LOG("a command name with hostile_text[%zu] was stored", i);
		}
		EXPECT_EQ(EINVAL, errno);
	}
	for (i = 0; i < TEXT_SAMPLES(ordinary_text); i++) {
		snprintf(info, sizeof(info), "/srv/fax/%s", ordinary_text[i]);
		EXPECT_EQ(0, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_INFO, 0, info)) {
			TH_LOG("the folder \"%s\" was refused: %s", info, strerror(errno));
		}
	}
	close(m);
}

TEST_F(port, the_engine_reads_routing_and_installs_defaults_once)
{
	struct faxport_routing_method methods[2];
	const struct faxport_routing_method *folder;
	__u32 count = 2;
	int dsp = dsp_attach(self->device_id, FAXPORT_CLOCK_FREE_RUNNING);
	int m;

	ASSERT_LE(0, dsp) TH_LOG("attach: %s", strerror(errno));
	ASSERT_EQ(0, routing_set(dsp, folder_guid, FAXPORT_ROUTING_SET_INFO |
				 FAXPORT_ROUTING_SET_DEFAULT, 0, "/srv/fax/in"));
	/* Configured now: a second default does not override it. */
	EXPECT_EQ(-1, routing_set(dsp, folder_guid, FAXPORT_ROUTING_SET_INFO |
				  FAXPORT_ROUTING_SET_DEFAULT, 0, "/srv/fax/other"));
	EXPECT_EQ(EEXIST, errno);

	/* A client's choice wins over the engine's defaults too. */
	m = port_open(self->server, self->device_id, FAXPORT_OPEN_MODIFY);
	ASSERT_LE(0, m);
	ASSERT_EQ(0, routing_set(m, command_guid, FAXPORT_ROUTING_SET_ENABLED, 0, NULL));
	EXPECT_EQ(-1, routing_set(dsp, command_guid, FAXPORT_ROUTING_SET_ENABLED |
				  FAXPORT_ROUTING_SET_DEFAULT, 1, NULL));
	EXPECT_EQ(EEXIST, errno);
	ASSERT_EQ(0, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_INFO, 0, "/srv/fax/sales"));

	ASSERT_EQ(0, routing_list(dsp, FAXPORT_IOC_ROUTING_LIST, methods, &count));
	folder = find_method(methods, count, folder_guid);
	ASSERT_NE(NULL, folder);
	EXPECT_STREQ("/srv/fax/sales", folder->info);
	EXPECT_EQ(1, folder->enabled);
	close(m);
	close(dsp);
}

TEST_F(port, a_removed_port_has_no_routing)
{
	struct faxport_routing_method methods[2];
	__u32 count = 2;
	int m = port_open(self->server, self->device_id, FAXPORT_OPEN_MODIFY);

	ASSERT_LE(0, m);
	ASSERT_EQ(0, port_remove(self->server, self->device_id));
	EXPECT_EQ(-1, routing_list(m, FAXPORT_IOC_ROUTING_LIST, methods, &count));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, routing_set(m, folder_guid, FAXPORT_ROUTING_SET_ENABLED, 0, NULL));
	EXPECT_EQ(ENODEV, errno);
	close(m);
}

TEST_F(port, the_server_lists_priorities_without_port_state)
{
	struct faxport_routing_method methods[2];
	__u32 count = 2;

	ASSERT_EQ(0, routing_list(self->server, FAXPORT_IOC_ROUTING_GLOBAL_LIST,
				  methods, &count));
	ASSERT_EQ(FAXPORT_ROUTING_METHODS, count);
	EXPECT_EQ(1, methods[0].priority);
	EXPECT_EQ(2, methods[1].priority);
	EXPECT_EQ(0, methods[0].enabled);
	EXPECT_EQ(0, methods[0].flags);
	EXPECT_STREQ("", methods[0].info);
	EXPECT_NE(0, methods[1].friendly_name[0]);
}

TEST_F(port, a_new_priority_moves_the_others)
{
	struct faxport_routing_method methods[2];
	__u32 count = 2;
	const __u8 *first;

	ASSERT_EQ(0, routing_list(self->server, FAXPORT_IOC_ROUTING_GLOBAL_LIST,
				  methods, &count));
	first = memcmp(methods[0].guid, folder_guid, 16) ? command_guid : folder_guid;
	/* Move the second to the top: the first becomes the second. */
	ASSERT_EQ(0, set_priority(self->server, first == folder_guid ? command_guid
				  : folder_guid, 1));
	ASSERT_EQ(0, routing_list(self->server, FAXPORT_IOC_ROUTING_GLOBAL_LIST,
				  methods, &count));
	EXPECT_NE(0, memcmp(methods[0].guid, first, 16));
	EXPECT_EQ(0, memcmp(methods[1].guid, first, 16));
	EXPECT_EQ(1, methods[0].priority);
	EXPECT_EQ(2, methods[1].priority);
	/* Back as it was. */
	ASSERT_EQ(0, set_priority(self->server, first, 1));
	ASSERT_EQ(0, routing_list(self->server, FAXPORT_IOC_ROUTING_GLOBAL_LIST,
				  methods, &count));
	EXPECT_EQ(0, memcmp(methods[0].guid, first, 16));
}

TEST_F(port, a_priority_out_of_range_or_unknown_method_is_refused)
{
	struct faxport_routing_priority req = { .priority = 1, .flags = 1 };

	EXPECT_EQ(-1, set_priority(self->server, folder_guid, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, set_priority(self->server, folder_guid, FAXPORT_ROUTING_METHODS + 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, set_priority(self->server, email_guid, 1));
	EXPECT_EQ(ENOENT, errno);
	memcpy(req.guid, folder_guid, 16);
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_ROUTING_PRIORITY, &req));
	EXPECT_EQ(EINVAL, errno);
	req.flags = 0;
	req.reserved[1] = 1;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_ROUTING_PRIORITY, &req));
	EXPECT_EQ(EINVAL, errno);
}

TEST(unprivileged_may_read_routing_but_not_change_it)
{
	struct faxport_routing_method methods[2];
	__u32 count = 2;
	int server, h;

	ASSERT_EQ(0, drop_to_nobody());
	server = server_connect();
	ASSERT_LE(0, server);
	EXPECT_EQ(0, routing_list(server, FAXPORT_IOC_ROUTING_GLOBAL_LIST, methods, &count));
	EXPECT_EQ(-1, set_priority(server, folder_guid, 1));
	EXPECT_EQ(EACCES, errno);
	h = port_open(server, 1, FAXPORT_OPEN_QUERY);
	ASSERT_LE(0, h);
	count = 2;
	EXPECT_EQ(0, routing_list(h, FAXPORT_IOC_ROUTING_LIST, methods, &count));
	EXPECT_EQ(-1, routing_set(h, folder_guid, FAXPORT_ROUTING_SET_ENABLED, 0, NULL));
	EXPECT_EQ(EACCES, errno);
	close(h);
	close(server);
}

TEST_HARNESS_MAIN
