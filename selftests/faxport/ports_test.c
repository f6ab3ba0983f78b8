// SPDX-License-Identifier: GPL-2.0
/*
 * Ports and port handles: listing, adding and removing ports, binding a
 * port handle (FaxOpenPort), FaxGetPort/FaxSetPort, and what open handles
 * see when their port is removed. One error path per test.
 */
#include <poll.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "faxport_test.h"
#include "kselftest_harness.h"

FIXTURE(srv) {
	int server;
};

FIXTURE_SETUP(srv)
{
	self->server = server_connect();
	ASSERT_LE(0, self->server) TH_LOG("connect: %s", strerror(errno));
}

FIXTURE_TEARDOWN(srv)
{
	close(self->server);
}

static int list_ports(int server, struct faxport_port_info *infos, __u32 *count)
{
	struct faxport_port_list list = {
		.count = *count,
		.info_size = sizeof(*infos),
		.infos = (__u64)(unsigned long)infos,
	};
	int ret = ioctl(server, FAXPORT_IOC_PORT_LIST, &list);

	*count = list.count;
	return ret;
}

TEST_F(srv, default_ports_are_listed_in_order)
{
	struct faxport_port_info infos[16];
	__u32 count = 16, i;

	ASSERT_EQ(0, list_ports(self->server, infos, &count));
	ASSERT_LE(4, count);
	for (i = 0; i < 4; i++) {
		char number[16];

		snprintf(number, sizeof(number), "%u", infos[i].device_id);
		EXPECT_EQ(i + 1, infos[i].device_id);
		EXPECT_STREQ(number, infos[i].number);
		EXPECT_EQ(FAXPORT_PORT_RECEIVE | FAXPORT_PORT_SEND, infos[i].flags);
		EXPECT_EQ(FAXPORT_LINE_LOOPBACK, infos[i].line_type);
		/* No DSP engine is attached in this test. */
		EXPECT_EQ(FAXPORT_STATE_OFFLINE, infos[i].state);
		EXPECT_EQ(1, infos[i].rings);
	}
}

TEST_F(srv, list_counts_when_the_array_is_short)
{
	struct faxport_port_info one[1];
	__u32 count = 0;

	ASSERT_EQ(0, list_ports(self->server, NULL, &count));
	EXPECT_LE(4, count);
	count = 1;
	ASSERT_EQ(0, list_ports(self->server, one, &count));
	EXPECT_LE(4, count);
	EXPECT_EQ(1, one[0].device_id);
}

TEST_F(srv, list_rejects_other_info_size)
{
	struct faxport_port_info infos[4];
	struct faxport_port_list list = {
		.count = 4,
		.info_size = sizeof(infos[0]) - 4,
		.infos = (__u64)(unsigned long)infos,
	};

	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_PORT_LIST, &list));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(srv, list_rejects_huge_count)
{
	struct faxport_port_list list = {
		.count = 0xffffffff,
		.info_size = sizeof(struct faxport_port_info),
		.infos = 0,
	};

	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_PORT_LIST, &list));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(srv, list_into_unmapped_memory_faults)
{
	struct faxport_port_list list = {
		.count = 4,
		.info_size = sizeof(struct faxport_port_info),
		.infos = 0x10,
	};

	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_PORT_LIST, &list));
	EXPECT_EQ(EFAULT, errno);
}

TEST(list_needs_the_handshake)
{
	struct faxport_port_list list = { .info_size = sizeof(struct faxport_port_info) };
	int fd = open("/dev/faxport", O_RDWR);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_PORT_LIST, &list));
	EXPECT_EQ(EBADFD, errno);
	close(fd);
}

TEST_F(srv, add_and_remove_a_port)
{
	struct faxport_port_info info;
	char buf[64];
	__u32 id;
	int h;

	ASSERT_EQ(0, port_add(self->server, "Test line", "5551234", &id));
	ASSERT_EQ(0, port_sysfs(id, "number", buf, sizeof(buf)));
	EXPECT_STREQ("5551234", buf);
	ASSERT_EQ(0, port_sysfs(id, "name", buf, sizeof(buf)));
	EXPECT_STREQ("Test line", buf);

	h = port_open(self->server, id, FAXPORT_OPEN_QUERY);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, port_get(h, &info));
	EXPECT_EQ(id, info.device_id);
	EXPECT_STREQ("Test line", info.name);
	close(h);

	ASSERT_EQ(0, port_remove(self->server, id));
	EXPECT_EQ(-1, port_node_open(id));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, port_remove(self->server, id));
	EXPECT_EQ(ENODEV, errno);
}

TEST_F(srv, removed_device_ids_are_not_reused)
{
	__u32 first, second;

	ASSERT_EQ(0, port_add(self->server, "", "", &first));
	ASSERT_EQ(0, port_remove(self->server, first));
	ASSERT_EQ(0, port_add(self->server, "", "", &second));
	EXPECT_NE(first, second);
	ASSERT_EQ(0, port_remove(self->server, second));
}

TEST_F(srv, add_rejects_a_taken_number)
{
	__u32 id;

	EXPECT_EQ(-1, port_add(self->server, "", "1", &id));
	EXPECT_EQ(EEXIST, errno);
}

TEST_F(srv, add_rejects_a_bad_number)
{
	__u32 id;

	EXPECT_EQ(-1, port_add(self->server, "", "12a", &id));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(srv, add_rejects_an_unterminated_name)
{
	struct faxport_port_add add;

	memset(&add, 0, sizeof(add));
	memset(add.name, 'x', sizeof(add.name));
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_PORT_ADD, &add));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(srv, add_rejects_controls_and_bidi_overrides_in_the_name)
{
	char name[32];
	size_t i;
	__u32 id;

	EXPECT_EQ(-1, port_add(self->server, "bad\nname", "", &id));
	EXPECT_EQ(EINVAL, errno);
	for (i = 0; i < TEXT_SAMPLES(hostile_text); i++) {
		snprintf(name, sizeof(name), "Fax%s1", hostile_text[i]);
		EXPECT_EQ(-1, port_add(self->server, name, "", &id)) {
			TH_LOG("a name with hostile_text[%zu] made port %u", i, id);
			port_remove(self->server, id);
		}
		EXPECT_EQ(EINVAL, errno);
	}
}

TEST_F(srv, add_accepts_utf8_names_and_refuses_invalid_utf8)
{
	char buf[64];
	__u32 id;

	ASSERT_EQ(0, port_add(self->server, "Fax \xc3\xa9t\xc3\xa9 \xe2\x82\xac", "", &id));
	ASSERT_EQ(0, port_sysfs(id, "name", buf, sizeof(buf)));
	EXPECT_STREQ("Fax \xc3\xa9t\xc3\xa9 \xe2\x82\xac", buf);
	ASSERT_EQ(0, port_remove(self->server, id));

	EXPECT_EQ(-1, port_add(self->server, "bad \xc3", "", &id));
	EXPECT_EQ(EINVAL, errno);	/* truncated sequence */
	EXPECT_EQ(-1, port_add(self->server, "bad \xc0\xaf", "", &id));
	EXPECT_EQ(EINVAL, errno);	/* overlong */
	EXPECT_EQ(-1, port_add(self->server, "bad \xed\xa0\x80", "", &id));
	EXPECT_EQ(EINVAL, errno);	/* a surrogate */
	EXPECT_EQ(-1, port_add(self->server, "bad \xf4\x90\x80\x80", "", &id));
	EXPECT_EQ(EINVAL, errno);	/* beyond U+10FFFF */
}

TEST_F(srv, add_rejects_unknown_flags)
{
	/* The first bit after FAXPORT_PORT_ADD_USER_LINE. */
	struct faxport_port_add add = { .flags = 2 };

	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_PORT_ADD, &add));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(srv, add_rejects_a_preset_device_id)
{
	struct faxport_port_add add = { .device_id = 7 };

	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_PORT_ADD, &add));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(srv, remove_rejects_unknown_flags)
{
	struct faxport_port_remove rm = { .device_id = 1, .flags = 2 };

	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_PORT_REMOVE, &rm));
	EXPECT_EQ(EINVAL, errno);
}

TEST(add_and_remove_need_cap_net_admin)
{
	int server;
	__u32 id;

	ASSERT_EQ(0, drop_to_nobody());
	server = server_connect();
	ASSERT_LE(0, server);
	EXPECT_EQ(-1, port_add(server, "", "", &id));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, port_remove(server, 1));
	EXPECT_EQ(EPERM, errno);
	close(server);
}

TEST_F(srv, bind_query_and_modify)
{
	int q1 = port_open(self->server, 1, FAXPORT_OPEN_QUERY);
	int q2 = port_open(self->server, 1, FAXPORT_OPEN_QUERY);
	int m = port_open(self->server, 1, FAXPORT_OPEN_MODIFY);

	EXPECT_LE(0, q1);
	EXPECT_LE(0, q2);
	EXPECT_LE(0, m);
	close(q1);
	close(q2);
	close(m);
}

TEST_F(srv, second_modify_handle_is_refused_until_the_first_closes)
{
	int m = port_open(self->server, 2, FAXPORT_OPEN_MODIFY);
	int again;

	ASSERT_LE(0, m);
	EXPECT_EQ(-1, port_open(self->server, 2, FAXPORT_OPEN_MODIFY));
	EXPECT_EQ(EBUSY, errno);
	close(m);
	again = port_open(self->server, 2, FAXPORT_OPEN_MODIFY);
	EXPECT_LE(0, again);
	close(again);
}

TEST_F(srv, modify_handle_survives_fork_and_dup_until_the_last_close)
{
	int m = port_open(self->server, 2, FAXPORT_OPEN_MODIFY);
	int copy = dup(m);
	pid_t child;
	int status;

	ASSERT_LE(0, m);
	ASSERT_LE(0, copy);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		close(m);
		close(copy);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	close(m);
	/* The dup still holds the file: the port is still opened for MODIFY. */
	EXPECT_EQ(-1, port_open(self->server, 2, FAXPORT_OPEN_MODIFY));
	EXPECT_EQ(EBUSY, errno);
	close(copy);
	m = port_open(self->server, 2, FAXPORT_OPEN_MODIFY);
	EXPECT_LE(0, m);
	close(m);
}

TEST_F(srv, exit_with_an_open_modify_handle_releases_it)
{
	pid_t child = fork();
	int status, m;

	ASSERT_LE(0, child);
	if (child == 0) {
		port_open(self->server, 3, FAXPORT_OPEN_MODIFY);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	m = port_open(self->server, 3, FAXPORT_OPEN_MODIFY);
	EXPECT_LE(0, m);
	close(m);
}

TEST_F(srv, rebinding_a_handle_is_refused)
{
	struct faxport_port_bind bind = {
		.server_fd = self->server,
		.mode = FAXPORT_OPEN_QUERY,
	};
	int h = port_open(self->server, 1, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, h);
	EXPECT_EQ(-1, ioctl(h, FAXPORT_IOC_PORT_BIND, &bind));
	EXPECT_EQ(EBUSY, errno);
	close(h);
}

TEST_F(srv, bind_rejects_a_bad_mode)
{
	EXPECT_EQ(-1, port_open(self->server, 1, 3));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, port_open(self->server, 1, 0));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(srv, bind_rejects_unknown_flags)
{
	struct faxport_port_bind bind = {
		.server_fd = self->server,
		.mode = FAXPORT_OPEN_QUERY,
		.flags = 0x80,
	};
	int fd = port_node_open(1);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST(bind_needs_a_server_handle)
{
	int fd = port_node_open(1);
	int not_a_server = open("/dev/null", O_RDONLY);
	struct faxport_port_bind bind = { .mode = FAXPORT_OPEN_QUERY };

	ASSERT_LE(0, fd);
	bind.server_fd = not_a_server;
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind));
	EXPECT_EQ(EBADF, errno);
	bind.server_fd = 9999;
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind));
	EXPECT_EQ(EBADF, errno);
	/* Another port's node is not a server handle either. */
	bind.server_fd = fd;
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind));
	EXPECT_EQ(EBADF, errno);
	close(not_a_server);
	close(fd);
}

TEST(bind_needs_a_server_that_shook_hands)
{
	int server = open("/dev/faxport", O_RDWR);
	int fd = port_node_open(1);
	struct faxport_port_bind bind = {
		.server_fd = server,
		.mode = FAXPORT_OPEN_QUERY,
	};

	ASSERT_LE(0, server);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind));
	EXPECT_EQ(EBADFD, errno);
	close(fd);
	close(server);
}

TEST(unprivileged_may_query_but_not_modify)
{
	int server, h;

	ASSERT_EQ(0, drop_to_nobody());
	server = server_connect();
	ASSERT_LE(0, server);
	h = port_open(server, 1, FAXPORT_OPEN_QUERY);
	EXPECT_LE(0, h);
	close(h);
	EXPECT_EQ(-1, port_open(server, 1, FAXPORT_OPEN_MODIFY));
	EXPECT_EQ(EACCES, errno);
	close(server);
}

TEST_F(srv, port_ioctls_need_a_bound_handle)
{
	struct faxport_port_info info;
	int fd = port_node_open(1);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, port_get(fd, &info));
	EXPECT_EQ(EBADFD, errno);
	close(fd);
}

TEST_F(srv, server_ioctls_on_a_port_are_enotty)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	int h = port_open(self->server, 1, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, h);
	EXPECT_EQ(-1, ioctl(h, FAXPORT_IOC_API, &api));
	EXPECT_EQ(ENOTTY, errno);
	close(h);
}

static struct faxport_port_config config_of(const struct faxport_port_info *info)
{
	struct faxport_port_config cfg = {
		.flags = info->flags,
		.rings = info->rings,
		.priority = info->priority,
	};

	memcpy(cfg.tsid, info->tsid, sizeof(cfg.tsid));
	memcpy(cfg.csid, info->csid, sizeof(cfg.csid));
	return cfg;
}

TEST_F(srv, set_port_changes_what_get_and_sysfs_show)
{
	struct faxport_port_info info, before;
	struct faxport_port_config cfg;
	char buf[64];
	int m = port_open(self->server, 4, FAXPORT_OPEN_MODIFY);

	ASSERT_LE(0, m);
	ASSERT_EQ(0, port_get(m, &before));
	cfg = config_of(&before);
	cfg.flags = FAXPORT_PORT_SEND;
	cfg.rings = 3;
	cfg.priority = 9;
	strcpy(cfg.tsid, "+1 555 0100");
	strcpy(cfg.csid, "Test CSID");
	ASSERT_EQ(0, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	ASSERT_EQ(0, port_get(m, &info));
	EXPECT_EQ(FAXPORT_PORT_SEND, info.flags);
	EXPECT_EQ(3, info.rings);
	EXPECT_EQ(9, info.priority);
	EXPECT_STREQ("+1 555 0100", info.tsid);
	EXPECT_STREQ("Test CSID", info.csid);
	ASSERT_EQ(0, port_sysfs(4, "rings", buf, sizeof(buf)));
	EXPECT_STREQ("3", buf);
	ASSERT_EQ(0, port_sysfs(4, "tsid", buf, sizeof(buf)));
	EXPECT_STREQ("+1 555 0100", buf);

	cfg = config_of(&before);
	ASSERT_EQ(0, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	close(m);
}

/* Every byte after a string's NUL is zero: nothing of an earlier value. */
static bool padded_with_zeros(const char *field, size_t size)
{
	size_t i = strnlen(field, size);

	if (i == size)
		return false;
	for (; i < size; i++)
		if (field[i])
			return false;
	return true;
}

TEST_F(srv, get_port_pads_strings_after_a_shorter_set)
{
	struct faxport_port_info info, before;
	struct faxport_port_config cfg;
	int m = port_open(self->server, 4, FAXPORT_OPEN_MODIFY);

	ASSERT_LE(0, m);
	ASSERT_EQ(0, port_get(m, &before));
	EXPECT_TRUE(padded_with_zeros(before.name, sizeof(before.name)));
	EXPECT_TRUE(padded_with_zeros(before.number, sizeof(before.number)));
	cfg = config_of(&before);
	strcpy(cfg.tsid, "+1 555 0100 0199 999");
	strcpy(cfg.csid, "A twenty char CSID..");
	ASSERT_EQ(0, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	/* The old value's tail stays in cfg past the new NUL, as in tsid. */
	strcpy(cfg.tsid, "1");
	strcpy(cfg.csid, "2");
	ASSERT_EQ(0, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	memset(&info, 0xa5, sizeof(info));
	ASSERT_EQ(0, port_get(m, &info));
	EXPECT_STREQ("1", info.tsid);
	EXPECT_STREQ("2", info.csid);
	EXPECT_TRUE(padded_with_zeros(info.tsid, sizeof(info.tsid)));
	EXPECT_TRUE(padded_with_zeros(info.csid, sizeof(info.csid)));
	EXPECT_TRUE(padded_with_zeros(info.name, sizeof(info.name)));
	EXPECT_TRUE(padded_with_zeros(info.number, sizeof(info.number)));

	cfg = config_of(&before);
	ASSERT_EQ(0, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	close(m);
}

TEST_F(srv, set_port_needs_a_modify_handle)
{
	struct faxport_port_info info;
	struct faxport_port_config cfg;
	int q = port_open(self->server, 4, FAXPORT_OPEN_QUERY);

	ASSERT_LE(0, q);
	ASSERT_EQ(0, port_get(q, &info));
	cfg = config_of(&info);
	EXPECT_EQ(-1, ioctl(q, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EACCES, errno);
	close(q);
}

TEST_F(srv, set_port_rejects_bad_values)
{
	struct faxport_port_config good, cfg;
	struct faxport_port_info info;
	int m = port_open(self->server, 4, FAXPORT_OPEN_MODIFY);

	ASSERT_LE(0, m);
	ASSERT_EQ(0, port_get(m, &info));
	good = config_of(&info);

	cfg = good;
	cfg.flags = FAXPORT_PORT_VIRTUAL;
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EINVAL, errno);
	cfg = good;
	cfg.rings = 0;
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EINVAL, errno);
	cfg = good;
	cfg.rings = 100;
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EINVAL, errno);
	cfg = good;
	cfg.priority = 0;
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EINVAL, errno);
	cfg = good;
	cfg.reserved = 1;
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EINVAL, errno);
	cfg = good;
	memset(cfg.tsid, 'A', sizeof(cfg.tsid));
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EINVAL, errno);
	cfg = good;
	strcpy(cfg.tsid, "123456789012345678901");	/* 21 > T.30's 20 */
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EINVAL, errno);
	cfg = good;
	strcpy(cfg.csid, "tab\there");
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, NULL));
	EXPECT_EQ(EFAULT, errno);
	close(m);
}

TEST_F(srv, removal_numbs_open_handles)
{
	struct faxport_port_info info;
	struct pollfd pfd;
	__u32 id;
	int h;

	ASSERT_EQ(0, port_add(self->server, "", "", &id));
	h = port_open(self->server, id, FAXPORT_OPEN_MODIFY);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, port_remove(self->server, id));

	EXPECT_EQ(-1, port_get(h, &info));
	EXPECT_EQ(ENODEV, errno);
	pfd.fd = h;
	pfd.events = POLLIN | POLLOUT | POLLPRI;
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLHUP);
	EXPECT_EQ(0, close(h));
}

struct sleeper {
	int fd;
	ssize_t ret;
	int err;
};

static void *sleep_in_read(void *arg)
{
	struct sleeper *s = arg;
	short samples[80];

	s->ret = read(s->fd, samples, sizeof(samples));
	s->err = errno;
	return NULL;
}

TEST_F(srv, removal_wakes_a_sleeping_reader_with_enodev)
{
	struct sleeper s = { 0 };
	struct pollfd pfd;
	pthread_t thread;
	__u32 a, b;
	int da, db;
	struct faxport_dial dial = { 0 };

	ASSERT_EQ(0, port_add(self->server, "", "", &a));
	ASSERT_EQ(0, port_add(self->server, "", "", &b));
	da = dsp_attach(a, FAXPORT_CLOCK_FREE_RUNNING);
	db = dsp_attach(b, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, da);
	ASSERT_LE(0, db);
	snprintf(dial.number, sizeof(dial.number), "%u", b);
	ASSERT_EQ(0, ioctl(da, FAXPORT_IOC_LINE_DIAL, &dial));
	ASSERT_EQ(0, ioctl(db, FAXPORT_IOC_LINE_ANSWER));

	/* Connected, nothing written: the reader sleeps until the removal. */
	s.fd = da;
	ASSERT_EQ(0, pthread_create(&thread, NULL, sleep_in_read, &s));
	usleep(200 * 1000);
	ASSERT_EQ(0, port_remove(self->server, a));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	EXPECT_EQ(-1, s.ret);
	EXPECT_EQ(ENODEV, s.err);

	pfd.fd = da;
	pfd.events = POLLIN;
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLHUP);
	close(da);
	close(db);
	ASSERT_EQ(0, port_remove(self->server, b));
}

TEST_F(srv, sysfs_shows_every_attribute)
{
	static const char *const attrs[] = {
		"device_id", "name", "number", "tsid", "csid", "flags",
		"rings", "priority", "dsp_attached", "state", "line_type",
	};
	char buf[64];
	unsigned int i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		int missing = port_sysfs(1, attrs[i], buf, sizeof(buf));

		if (missing)
			TH_LOG("attribute %s: %s", attrs[i], strerror(errno));
		EXPECT_EQ(0, missing);
	}
	ASSERT_EQ(0, port_sysfs(1, "state", buf, sizeof(buf)));
	EXPECT_STREQ("0x20010000", buf);	/* FPS_OFFLINE: no engine */
	ASSERT_EQ(0, port_sysfs(1, "line_type", buf, sizeof(buf)));
	EXPECT_STREQ("loopback", buf);
}

TEST_HARNESS_MAIN
