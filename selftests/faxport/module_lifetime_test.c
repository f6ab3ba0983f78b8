// SPDX-License-Identifier: GPL-2.0
/*
 * The module's lifetime: an open handle pins it, and once every handle is
 * closed it unloads and loads again cleanly. FAXPORT_KO names the module
 * file to reload.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
#include <string.h>

#include <linux/faxport.h>
#include <unistd.h>

#include "kselftest_harness.h"

static int unload_faxport(void)
{
	return syscall(SYS_delete_module, "faxport", O_NONBLOCK);
}

static int load_faxport(void)
{
	const char *path = getenv("FAXPORT_KO");
	int fd, ret;

	if (!path)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	return ret;
}

TEST(open_handle_pins_the_module)
{
	int fd = open("/dev/faxport", O_RDWR);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, unload_faxport());
	EXPECT_EQ(EWOULDBLOCK, errno);
	close(fd);
}

TEST(an_open_port_node_pins_the_module)
{
	int fd = open("/dev/faxport1", O_RDWR);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, unload_faxport());
	EXPECT_EQ(EWOULDBLOCK, errno);
	close(fd);
}

TEST(a_port_handle_in_a_child_that_exits_does_not_pin_the_module)
{
	pid_t child = fork();
	int status;

	ASSERT_LE(0, child);
	if (child == 0) {
		open("/dev/faxport", O_RDWR);
		open("/dev/faxport2", O_RDWR);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	/* Unload and load again: nothing was left holding the module. */
	ASSERT_EQ(0, unload_faxport()) TH_LOG("unload: %s", strerror(errno));
	ASSERT_EQ(0, load_faxport()) TH_LOG("reload: %s", strerror(errno));
}

TEST(unloading_with_queued_jobs_drops_them_cleanly)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	struct faxport_job_submit sub = { 0 };
	char path[] = "/tmp/faxmod-XXXXXX";
	int server = open("/dev/faxport", O_RDWR);
	int doc = mkstemp(path);

	ASSERT_LE(0, server);
	ASSERT_LE(0, doc);
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_API, &api));
	sub.document_fd = doc;
	strcpy(sub.param.recipient_number, "3");
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &sub));
	close(server);
	close(doc);
	unlink(path);
	/* The queue holds the document's file; unload must let it go. */
	ASSERT_EQ(0, unload_faxport()) TH_LOG("unload: %s", strerror(errno));
	ASSERT_EQ(0, load_faxport()) TH_LOG("reload: %s", strerror(errno));
}

TEST(unloads_and_reloads_when_idle)
{
	struct stat st;

	ASSERT_NE(NULL, getenv("FAXPORT_KO"));
	ASSERT_EQ(0, unload_faxport()) TH_LOG("unload: %s", strerror(errno));
	EXPECT_EQ(-1, stat("/dev/faxport", &st));
	EXPECT_EQ(ENOENT, errno);

	ASSERT_EQ(0, load_faxport()) TH_LOG("reload: %s", strerror(errno));
	EXPECT_EQ(0, stat("/dev/faxport", &st));
}

TEST(loading_twice_is_refused)
{
	EXPECT_EQ(-1, load_faxport());
	EXPECT_EQ(EEXIST, errno);
}

TEST_HARNESS_MAIN
