// SPDX-License-Identifier: GPL-2.0
/*
 * The access policy: rights are computed once, when a server handle is
 * opened, from the opener's credentials, and can be read back.
 */
#include <sys/wait.h>

#include "faxport_test.h"
#include "kselftest_harness.h"

static int rights_of(int server, struct faxport_rights *r)
{
	return ioctl(server, FAXPORT_IOC_GET_RIGHTS, r);
}

/* Run fn in a child; the child's exit status is the result. */
static int in_child(int (*fn)(void *), void *arg)
{
	pid_t child = fork();
	int status;

	if (child == 0)
		_exit(fn(arg));
	if (child < 0 || waitpid(child, &status, 0) != child)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(root_holds_every_right)
{
	struct faxport_rights r;
	int server = server_connect();

	ASSERT_LE(0, server);
	ASSERT_EQ(0, rights_of(server, &r));
	EXPECT_EQ(FAXPORT_RIGHTS_ALL, r.rights);
	EXPECT_EQ(0, r.uid);
	close(server);
}

static int nobody_rights(void *expected)
{
	struct faxport_rights r;
	int server;

	if (drop_to_nobody())
		return 10;
	server = server_connect();
	if (server < 0 || rights_of(server, &r))
		return 11;
	if (r.uid != NOBODY_UID)
		return 12;
	return r.rights == *(__u32 *)expected ? 0 : 13;
}

TEST(others_hold_the_user_rights)
{
	__u32 expected = FAXPORT_RIGHT_JOB_SUBMIT | FAXPORT_RIGHT_JOB_QUERY |
			 FAXPORT_RIGHT_CONFIG_QUERY | FAXPORT_RIGHT_PORT_QUERY;

	EXPECT_EQ(0, in_child(nobody_rights, &expected));
}

static int admin_group_member_rights(void *unused)
{
	gid_t admin = 4242;
	struct faxport_rights r;
	int server;

	(void)unused;
	if (setgroups(1, &admin) || setresgid(NOBODY_GID, NOBODY_GID, NOBODY_GID) ||
	    setresuid(NOBODY_UID, NOBODY_UID, NOBODY_UID))
		return 10;
	server = server_connect();
	if (server < 0 || rights_of(server, &r))
		return 11;
	return r.rights == FAXPORT_RIGHTS_ALL ? 0 : 12;
}

TEST(members_of_admin_gid_hold_every_right)
{
	char saved[32];

	ASSERT_EQ(0, param_read("admin_gid", saved, sizeof(saved)));
	ASSERT_EQ(0, param_write("admin_gid", "4242"));
	EXPECT_EQ(0, in_child(admin_group_member_rights, NULL));
	ASSERT_EQ(0, param_write("admin_gid", saved));
	/* Without the policy the same user is an ordinary user again. */
	EXPECT_EQ(12, in_child(admin_group_member_rights, NULL));
}

TEST(rights_are_fixed_when_the_handle_is_opened)
{
	__u32 narrowed = FAXPORT_RIGHT_JOB_QUERY;
	__u32 wide = FAXPORT_RIGHT_JOB_SUBMIT | FAXPORT_RIGHT_JOB_QUERY |
		     FAXPORT_RIGHT_CONFIG_QUERY | FAXPORT_RIGHT_PORT_QUERY;
	struct faxport_rights r;
	char saved[32];
	pid_t child;
	int pipefd[2], status;

	ASSERT_EQ(0, param_read("user_rights", saved, sizeof(saved)));
	ASSERT_EQ(0, pipe(pipefd));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		int server;
		char go;

		if (drop_to_nobody())
			_exit(10);
		server = server_connect();	/* opened under the old policy */
		if (server < 0 || read(pipefd[0], &go, 1) != 1)
			_exit(11);
		if (rights_of(server, &r) || r.rights != wide)
			_exit(12);
		close(server);
		server = server_connect();	/* opened under the new one */
		if (server < 0 || rights_of(server, &r) || r.rights != narrowed)
			_exit(13);
		_exit(0);
	}
	usleep(100 * 1000);
	ASSERT_EQ(0, param_write("user_rights", "0x2"));
	ASSERT_EQ(1, write(pipefd[1], "g", 1));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	param_write("user_rights", saved);
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST(user_rights_outside_the_seven_are_refused)
{
	EXPECT_EQ(-1, param_write("user_rights", "0x80"));
	EXPECT_EQ(EINVAL, errno);
}

TEST(get_rights_needs_the_handshake)
{
	struct faxport_rights r;
	int fd = open("/dev/faxport", O_RDWR);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, rights_of(fd, &r));
	EXPECT_EQ(EBADFD, errno);
	close(fd);
}

TEST(get_rights_bad_pointer_faults)
{
	int server = server_connect();

	ASSERT_LE(0, server);
	EXPECT_EQ(-1, ioctl(server, FAXPORT_IOC_GET_RIGHTS, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	close(server);
}

TEST_HARNESS_MAIN
