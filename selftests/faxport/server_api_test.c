// SPDX-License-Identifier: GPL-2.0
/*
 * The server node's handshake (FAXPORT_IOC_API) and ioctl dispatch:
 * one error path per test.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "kselftest_harness.h"

FIXTURE(server) {
	int fd;
};

FIXTURE_SETUP(server)
{
	self->fd = open("/dev/faxport", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open /dev/faxport: %s", strerror(errno));
}

FIXTURE_TEARDOWN(server)
{
	close(self->fd);
}

static int handshake(int fd, __u32 version, __u32 flags, __u64 *features)
{
	struct faxport_api api = {
		.version = version,
		.flags = flags,
		.features = *features,
	};
	int ret = ioctl(fd, FAXPORT_IOC_API, &api);

	*features = api.features;
	return ret;
}

TEST_F(server, handshake_succeeds_once)
{
	__u64 features = 0;

	ASSERT_EQ(0, handshake(self->fd, FAXPORT_API_VERSION, 0, &features));
	EXPECT_EQ(FAXPORT_FEATURES_ALL, features);

	features = 0;
	EXPECT_EQ(-1, handshake(self->fd, FAXPORT_API_VERSION, 0, &features));
	EXPECT_EQ(EBUSY, errno);
}

TEST_F(server, handshake_rejects_older_version)
{
	__u64 features = 0;

	EXPECT_EQ(-1, handshake(self->fd, 0, 0, &features));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(server, handshake_rejects_newer_version)
{
	__u64 features = 0;

	EXPECT_EQ(-1, handshake(self->fd, FAXPORT_API_VERSION + 1, 0, &features));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(server, handshake_rejects_unknown_flags)
{
	__u64 features = 0;

	EXPECT_EQ(-1, handshake(self->fd, FAXPORT_API_VERSION, 1u << 31, &features));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(server, handshake_reports_features_it_lacks)
{
	__u64 features = 1ULL << 63;

	EXPECT_EQ(-1, handshake(self->fd, FAXPORT_API_VERSION, 0, &features));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(FAXPORT_FEATURES_ALL, features);

	/* A refused handshake does not use up the handle's one handshake. */
	features = 0;
	EXPECT_EQ(0, handshake(self->fd, FAXPORT_API_VERSION, 0, &features));
}

TEST_F(server, handshake_null_pointer_faults)
{
	EXPECT_EQ(-1, ioctl(self->fd, FAXPORT_IOC_API, NULL));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(server, handshake_unmapped_pointer_faults)
{
	long page = sysconf(_SC_PAGESIZE);
	void *unmapped = mmap(NULL, page, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, unmapped);
	ASSERT_EQ(0, munmap(unmapped, page));
	EXPECT_EQ(-1, ioctl(self->fd, FAXPORT_IOC_API, unmapped));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(server, handshake_read_only_output_faults)
{
	long page = sysconf(_SC_PAGESIZE);
	struct faxport_api *api = mmap(NULL, page, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, api);
	api->version = FAXPORT_API_VERSION;
	ASSERT_EQ(0, mprotect(api, page, PROT_READ));
	EXPECT_EQ(-1, ioctl(self->fd, FAXPORT_IOC_API, api));
	EXPECT_EQ(EFAULT, errno);
	munmap(api, page);
}

TEST_F(server, unknown_number_in_our_range_is_enotty)
{
	__u64 arg = 0;

	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(FAXPORT_IOC_MAGIC, 0xff, __u64), &arg));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(server, foreign_ioctl_is_enotty)
{
	int avail = 0;

	EXPECT_EQ(-1, ioctl(self->fd, FIONREAD, &avail));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(server, handshake_with_wrong_size_is_enotty)
{
	struct { __u32 version, flags; } small = { FAXPORT_API_VERSION, 0 };

	/* The size is part of the number: a short struct is another ioctl. */
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(FAXPORT_IOC_MAGIC, 0x00, small), &small));
	EXPECT_EQ(ENOTTY, errno);
}

TEST(server_node_is_a_character_device_anyone_may_open)
{
	struct stat st;

	ASSERT_EQ(0, stat("/dev/faxport", &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0666, st.st_mode & 0777);
}

TEST(server_node_does_not_seek)
{
	int fd = open("/dev/faxport", O_RDWR);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, lseek(fd, 0, SEEK_SET));
	EXPECT_EQ(ESPIPE, errno);
	close(fd);
}

TEST_HARNESS_MAIN
