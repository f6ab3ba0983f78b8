// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_fuzz: throws random and mutated arguments at every ioctl of every
 * kind of faxport file (server handle before and after its handshake,
 * unbound port node, QUERY and MODIFY port handles, DSP engine), from
 * several threads, with forks, closes and re-opens in between, and random
 * messages at the generic netlink family. It checks what userspace can
 * check: every call returns success or an errno the uAPI documents (never,
 * say, -ENOMEM for a huge count or -EIO), and afterwards the module still
 * unloads (no leaked reference) and loads again. Crashes, KASAN reports and
 * lockdep splats are caught by the VM runner, which fails on any of them.
 *
 * Usage: ioctl_fuzz [-s SECONDS] [-t THREADS] [-r SEED]   (prints TAP)
 * Runs as root inside tools/vm-run with FAXPORT_KO naming the module; it
 * reloads the module at the end, so that whatever it configured is gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "faxport_test.h"

#define MAX_THREADS 16
#define ARG_BYTES 4096		/* larger than any faxport struct */
#define FD_SLOTS 8
#define IOC_NR_LIMIT 0x100

/* Ioctls by number; the size and direction come from the table. */
static const unsigned long known_ioctls[] = {
	FAXPORT_IOC_API, FAXPORT_IOC_GET_RIGHTS, FAXPORT_IOC_PORT_LIST,
	FAXPORT_IOC_PORT_ADD, FAXPORT_IOC_PORT_REMOVE, FAXPORT_IOC_JOB_SUBMIT,
	FAXPORT_IOC_JOB_LIST, FAXPORT_IOC_JOB_GET, FAXPORT_IOC_JOB_CONTROL,
	FAXPORT_IOC_JOB_DOCUMENT, FAXPORT_IOC_CONFIG_GET, FAXPORT_IOC_CONFIG_SET,
	FAXPORT_IOC_LOGGING_GET, FAXPORT_IOC_LOGGING_SET,
	FAXPORT_IOC_PORT_BIND, FAXPORT_IOC_PORT_GET, FAXPORT_IOC_PORT_SET,
	FAXPORT_IOC_DSP_ATTACH, FAXPORT_IOC_LINE_DIAL, FAXPORT_IOC_LINE_ANSWER,
	FAXPORT_IOC_LINE_HANGUP, FAXPORT_IOC_LINE_EVENT, FAXPORT_IOC_JOB_TAKE,
	FAXPORT_IOC_JOB_PROGRESS, FAXPORT_IOC_JOB_DONE,
	FAXPORT_IOC_RECEIVE_BEGIN, FAXPORT_IOC_ROUTING_GLOBAL_LIST,
	FAXPORT_IOC_ROUTING_PRIORITY, FAXPORT_IOC_ROUTING_LIST,
	FAXPORT_IOC_ROUTING_SET,
};
#define KNOWN_IOCTLS (sizeof(known_ioctls) / sizeof(known_ioctls[0]))

struct fuzz_stats {
	atomic_ulong calls;
	atomic_ulong successes;
	atomic_ulong undocumented;
	atomic_int first_bad_errno;
	atomic_ulong first_bad_cmd;
};

static struct fuzz_stats stats;
static atomic_bool stop;
static __u32 port_ids[4] = { 1, 2, 3, 4 };
/*
 * Two pages: scratch memory the kernel may write, then a PROT_NONE page;
 * pointers into the second must give -EFAULT, and a struct that starts in
 * the first and ends in the second must too, without harming anything else.
 */
static unsigned char *scratch_page;
static void *guard_page;

/* xorshift64*: each thread its own stream, reproducible from the seed. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static unsigned int pick(uint64_t *rng, unsigned int n)
{
	return (unsigned int)(next_random(rng) % n);
}

/* A file of one of the kinds the driver knows, or -1. */
static int open_some_file(uint64_t *rng, int server)
{
	__u32 port = port_ids[pick(rng, 4)];
	int fd;

	switch (pick(rng, 6)) {
	case 0:
		fd = open("/dev/faxport", O_RDWR | O_CLOEXEC);
		break;
	case 1:
		fd = server_connect();
		break;
	case 2:
		fd = port_node_open(port);
		break;
	case 3:
		fd = port_open(server, port, FAXPORT_OPEN_QUERY);
		break;
	case 4:
		fd = port_open(server, port, FAXPORT_OPEN_MODIFY);
		break;
	default:
		fd = dsp_attach(port, pick(rng, 2) ? FAXPORT_CLOCK_FREE_RUNNING
						   : FAXPORT_CLOCK_REALTIME);
		break;
	}
	/* A blocking read of audio that never comes would stop the thread. */
	if (fd >= 0)
		fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

/*
 * Fill an argument: random bytes, or mostly zero with a valid version and
 * a few fields flipped (the shape that gets past the first checks), with
 * counts and pointers sometimes huge or pointing at the guard page.
 */
static void fill_argument(uint64_t *rng, unsigned char *arg, size_t size,
			  int server)
{
	size_t i;

	if (!size)
		return;
	if (pick(rng, 3) == 0) {
		for (i = 0; i < size; i++)
			arg[i] = (unsigned char)next_random(rng);
		return;
	}
	memset(arg, 0, size);
	if (size >= 4 && pick(rng, 2))
		*(__u32 *)arg = FAXPORT_API_VERSION;
	for (i = pick(rng, 4); i > 0; i--) {
		size_t at = pick(rng, (unsigned int)size) & ~(size_t)3;
		static const __u64 interesting[] = {
			0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff,
			0xffffffff, 0x100000000ULL, ~0ULL,
		};
		__u64 value;

		switch (pick(rng, 5)) {
		case 0:
			value = interesting[pick(rng, sizeof(interesting) /
						      sizeof(interesting[0]))];
			break;
		case 1:
			value = (uintptr_t)guard_page + pick(rng, 4096);
			break;
		case 2:
			value = (__u64)server;
			break;
		case 3:
			/* An unterminated string: a run of non-NUL bytes. */
			memset(arg + at, 'A' + pick(rng, 26), size - at);
			continue;
		default:
			value = next_random(rng);
			break;
		}
		if (at + 8 <= size && pick(rng, 2))
			memcpy(arg + at, &value, 8);
		else if (at + 4 <= size)
			*(__u32 *)(arg + at) = (__u32)value;
	}
}

static unsigned long pick_command(uint64_t *rng)
{
	unsigned int nr;

	switch (pick(rng, 8)) {
	case 0:
		/* An unknown number, or a known number with a wrong size. */
		nr = pick(rng, IOC_NR_LIMIT);
		return _IOC(pick(rng, 4), FAXPORT_IOC_MAGIC, nr, pick(rng, 512));
	case 1:
		return _IOC(pick(rng, 4), pick(rng, 256), pick(rng, 256),
			    pick(rng, 64));
	default:
		return known_ioctls[pick(rng, KNOWN_IOCTLS)];
	}
}

static void note_result(unsigned long cmd, int ret)
{
	atomic_fetch_add(&stats.calls, 1);
	if (ret >= 0) {
		atomic_fetch_add(&stats.successes, 1);
		return;
	}
	if (faxport_errno_documented(errno))
		return;
	if (atomic_fetch_add(&stats.undocumented, 1) == 0) {
		atomic_store(&stats.first_bad_errno, errno);
		atomic_store(&stats.first_bad_cmd, cmd);
	}
}

/* One step on a file: an ioctl mostly, sometimes I/O or poll. */
static void fuzz_step(uint64_t *rng, int fd, int server, unsigned char *arg)
{
	unsigned long cmd;
	size_t size;
	int ret;

	switch (pick(rng, 16)) {
	case 0: {
		short samples[160];

		ret = (int)read(fd, samples, pick(rng, sizeof(samples) + 1));
		note_result(0, ret);
		return;
	}
	case 1: {
		short samples[160] = { 0 };

		ret = (int)write(fd, samples, pick(rng, sizeof(samples) + 1));
		note_result(0, ret);
		return;
	}
	case 2: {
		struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };

		ret = poll(&pfd, 1, 0);
		note_result(0, ret);
		return;
	}
	default:
		break;
	}
	cmd = pick_command(rng);
	size = _IOC_SIZE(cmd);
	if (size > ARG_BYTES)
		size = ARG_BYTES;
	switch (pick(rng, 10)) {
	case 0:
		ret = ioctl(fd, cmd, NULL);
		break;
	case 1:
		ret = ioctl(fd, cmd, guard_page);
		break;
	case 2:
		/* The struct straddles into the guard page. */
		fill_argument(rng, arg, size, server);
		memcpy(scratch_page + 4096 - size / 2, arg, size / 2);
		ret = ioctl(fd, cmd, scratch_page + 4096 - (size ? size / 2 : 1));
		break;
	default:
		fill_argument(rng, arg, size ? size : 64, server);
		ret = ioctl(fd, cmd, arg);
		break;
	}
	/* -EFAULT is the right answer for NULL or the guard page; all are documented. */
	note_result(cmd, ret);
}

struct thread_args {
	uint64_t seed;
};

static void *fuzz_thread(void *data)
{
	struct thread_args *args = data;
	uint64_t rng = args->seed;
	int fds[FD_SLOTS];
	unsigned char *arg = malloc(ARG_BYTES);
	int server = server_connect();
	int i;

	if (!arg)
		return NULL;
	for (i = 0; i < FD_SLOTS; i++)
		fds[i] = -1;
	while (!atomic_load(&stop)) {
		int slot = (int)pick(&rng, FD_SLOTS);

		switch (pick(&rng, 40)) {
		case 0:
			if (fds[slot] >= 0)
				close(fds[slot]);
			fds[slot] = -1;
			continue;
		case 1: {
			/* A child inherits the files, uses one and dies. */
			pid_t child = fork();

			if (child == 0) {
				for (i = 0; i < 8; i++)
					if (fds[slot] >= 0)
						fuzz_step(&rng, fds[slot], server, arg);
				_exit(0);
			}
			if (child > 0)
				waitpid(child, NULL, 0);
			continue;
		}
		default:
			break;
		}
		if (fds[slot] < 0)
			fds[slot] = open_some_file(&rng, server);
		if (fds[slot] >= 0)
			fuzz_step(&rng, fds[slot], server, arg);
	}
	for (i = 0; i < FD_SLOTS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	if (server >= 0)
		close(server);
	free(arg);
	return NULL;
}

/*
 * Random messages to the family: every command number, random flags and
 * random attributes. The family has no commands (events only), so each must
 * be refused; what matters is that the kernel parses nothing it should not.
 */
static int fuzz_netlink(uint64_t *rng, unsigned int messages, unsigned int *refused)
{
	struct nl_sock *sock = nl_socket_alloc();
	int family, ret = -1;
	unsigned int i;

	*refused = 0;
	if (!sock || genl_connect(sock))
		goto out;
	family = genl_ctrl_resolve(sock, "faxport");
	if (family < 0)
		goto out;
	for (i = 0; i < messages; i++) {
		struct nl_msg *msg = nlmsg_alloc();
		unsigned char blob[64];
		unsigned int a, attrs = pick(rng, 6);

		if (!msg)
			goto out;
		if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
				 pick(rng, 2) ? NLM_F_DUMP : 0, pick(rng, 256), 1)) {
			nlmsg_free(msg);
			goto out;
		}
		for (a = 0; a < attrs; a++) {
			size_t len = pick(rng, sizeof(blob) + 1);
			size_t j;

			for (j = 0; j < len; j++)
				blob[j] = (unsigned char)next_random(rng);
			nla_put(msg, (int)pick(rng, 16), (int)len, blob);
		}
		if (nl_send_auto(sock, msg) >= 0 && nl_wait_for_ack(sock) < 0)
			(*refused)++;
		nlmsg_free(msg);
	}
	ret = 0;
out:
	nl_socket_free(sock);
	return ret;
}

static int module_reload(void)
{
	const char *path = getenv("FAXPORT_KO");
	int fd, ret;

	if (!path)
		return -1;
	if (syscall(SYS_delete_module, "faxport", O_NONBLOCK))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = (int)syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	/* devtmpfs makes the node a moment after the module registered it. */
	for (int tries = 0; ret == 0 && tries < 50 && access("/dev/faxport", F_OK); tries++)
		usleep(100000);
	return ret;
}

int main(int argc, char **argv)
{
	unsigned int seconds = 10, threads = 4, refused = 0, messages = 2000;
	uint64_t seed = (uint64_t)time(NULL);
	pthread_t tids[MAX_THREADS];
	struct thread_args args[MAX_THREADS];
	unsigned int i;
	int opt, failures = 0;

	while ((opt = getopt(argc, argv, "s:t:r:")) != -1) {
		switch (opt) {
		case 's':
			seconds = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 't':
			threads = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'r':
			seed = strtoull(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-s SECONDS] [-t THREADS] [-r SEED]\n", argv[0]);
			return 2;
		}
	}
	if (threads < 1 || threads > MAX_THREADS || !seed) {
		fprintf(stderr, "ioctl_fuzz: 1..%d threads and a non-zero seed\n", MAX_THREADS);
		return 2;
	}
	printf("1..4\n# seed %llu, %u threads, %u s\n", (unsigned long long)seed,
	       threads, seconds);
	if (getuid() != 0 || access("/dev/faxport", F_OK)) {
		printf("not ok 1 - needs root and faxport.ko (run it in tools/vm-run --no-daemon)\n");
		return 1;
	}
	scratch_page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch_page == MAP_FAILED || mprotect(scratch_page + 4096, 4096, PROT_NONE))
		return 1;
	guard_page = scratch_page + 4096;
	signal(SIGPIPE, SIG_IGN);

	for (i = 0; i < threads; i++) {
		args[i].seed = seed * (i + 1) * 0x9e3779b97f4a7c15ULL | 1;
		if (pthread_create(&tids[i], NULL, fuzz_thread, &args[i]))
			return 1;
	}
	sleep(seconds);
	atomic_store(&stop, true);
	for (i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);

	printf("# %lu calls, %lu succeeded\n", atomic_load(&stats.calls),
	       atomic_load(&stats.successes));
	if (atomic_load(&stats.calls) > 1000 && atomic_load(&stats.successes) > 0) {
		printf("ok 1 - the fuzzer ran (over 1000 calls, some accepted)\n");
	} else {
		printf("not ok 1 - the fuzzer ran (over 1000 calls, some accepted)\n");
		failures++;
	}
	printf("# reliability: bad input | random and mutated ioctl arguments on every node, %u threads, forks and closes, seed %llu | %lu calls | %s\n",
	       threads, (unsigned long long)seed, atomic_load(&stats.calls),
	       atomic_load(&stats.undocumented) ? "undocumented errnos" : "only documented errnos");
	if (atomic_load(&stats.undocumented) == 0) {
		printf("ok 2 - every failure was a documented errno\n");
	} else {
		printf("not ok 2 - every failure was a documented errno\n"
		       "# %lu undocumented, first: %s from ioctl 0x%lx\n",
		       atomic_load(&stats.undocumented),
		       strerror(atomic_load(&stats.first_bad_errno)),
		       atomic_load(&stats.first_bad_cmd));
		failures++;
	}
	{
		uint64_t rng = seed | 1;

		int nl = fuzz_netlink(&rng, messages, &refused);

		printf("# reliability: bad input | random generic netlink messages to the family | %u messages | %u refused\n",
		       messages, refused);
		if (nl == 0 && refused == messages) {
			printf("ok 3 - %u random netlink messages to the family, each refused\n",
			       messages);
		} else {
			printf("not ok 3 - %u random netlink messages, %u refused\n",
			       messages, refused);
			failures++;
		}
	}
	if (module_reload() == 0 && access("/dev/faxport1", F_OK) == 0) {
		printf("ok 4 - afterwards the module unloads (nothing holds it) and loads again\n");
	} else {
		printf("not ok 4 - afterwards the module unloads and loads again: %s\n",
		       strerror(errno));
		failures++;
	}
	return failures ? 1 : 0;
}
