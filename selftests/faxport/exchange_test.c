// SPDX-License-Identifier: GPL-2.0
/*
 * The loopback exchange as a DSP engine sees it: attaching, dialing,
 * ringing, answering, hanging up, the line events, and audio crossing
 * intact in both clock modes. Ports 1..4 are the module's default ports.
 */
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "faxport_test.h"
#include "kselftest_harness.h"

static int dial(int dsp, const char *number)
{
	struct faxport_dial d = { 0 };

	snprintf(d.number, sizeof(d.number), "%s", number);
	return ioctl(dsp, FAXPORT_IOC_LINE_DIAL, &d);
}

/* Wait up to timeout_ms for the next line event. */
static int next_event(int dsp, struct faxport_line_event *ev, int timeout_ms)
{
	struct pollfd pfd = { .fd = dsp, .events = POLLPRI };

	if (poll(&pfd, 1, timeout_ms) != 1 || !(pfd.revents & POLLPRI)) {
		errno = ETIMEDOUT;
		return -1;
	}
	return ioctl(dsp, FAXPORT_IOC_LINE_EVENT, ev);
}

static __u32 port_state(__u32 device_id)
{
	int server = server_connect();
	int h = port_open(server, device_id, FAXPORT_OPEN_QUERY);
	struct faxport_port_info info = { 0 };

	port_get(h, &info);
	close(h);
	close(server);
	return info.state;
}

FIXTURE(call) {
	int caller;	/* port 1's engine */
	int callee;	/* port 2's engine */
};

FIXTURE_VARIANT(call) {
	__u32 clock;
};

FIXTURE_VARIANT_ADD(call, free_running) {
	.clock = FAXPORT_CLOCK_FREE_RUNNING,
};

FIXTURE_VARIANT_ADD(call, real_time) {
	.clock = FAXPORT_CLOCK_REALTIME,
};

FIXTURE_SETUP(call)
{
	self->caller = dsp_attach(1, variant->clock);
	ASSERT_LE(0, self->caller) TH_LOG("attach 1: %s", strerror(errno));
	self->callee = dsp_attach(2, variant->clock);
	ASSERT_LE(0, self->callee) TH_LOG("attach 2: %s", strerror(errno));
}

FIXTURE_TEARDOWN(call)
{
	close(self->caller);
	close(self->callee);
}

static void connect_call(struct __test_metadata *_metadata, int caller,
			 int callee)
{
	struct faxport_line_event ev;

	ASSERT_EQ(0, dial(caller, "2"));
	ASSERT_EQ(0, next_event(callee, &ev, 2000));
	ASSERT_EQ(FAXPORT_LINE_EV_RING, ev.type);
	ASSERT_EQ(0, ioctl(callee, FAXPORT_IOC_LINE_ANSWER));
	ASSERT_EQ(0, next_event(caller, &ev, 2000));
	ASSERT_EQ(FAXPORT_LINE_EV_ANSWERED, ev.type);
}

TEST_F(call, ring_answer_and_states)
{
	struct faxport_line_event ev;

	EXPECT_EQ(FAXPORT_STATE_AVAILABLE, port_state(1));
	ASSERT_EQ(0, dial(self->caller, "2"));
	EXPECT_EQ(FAXPORT_STATE_DIALING, port_state(1));
	EXPECT_EQ(FAXPORT_STATE_RINGING, port_state(2));

	ASSERT_EQ(0, next_event(self->callee, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_RING, ev.type);
	EXPECT_EQ(1, ev.arg);
	EXPECT_EQ(1, ev.seq);
	EXPECT_NE(0, ev.timestamp_ns);

	ASSERT_EQ(0, ioctl(self->callee, FAXPORT_IOC_LINE_ANSWER));
	ASSERT_EQ(0, next_event(self->caller, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_ANSWERED, ev.type);
	EXPECT_EQ(1, ev.seq);
	EXPECT_EQ(FAXPORT_STATE_SENDING, port_state(1));
	EXPECT_EQ(FAXPORT_STATE_RECEIVING, port_state(2));
}

/* Write n samples from one engine while the other reads them back. */
struct pump {
	int fd;
	int16_t *samples;
	size_t n;
	size_t expect;
	size_t done;
	int err;
};

static void *write_all(void *arg)
{
	struct pump *p = arg;

	while (p->done < p->n) {
		size_t chunk = p->n - p->done > 1000 ? 1000 : p->n - p->done;
		ssize_t w = write(p->fd, p->samples + p->done, chunk * 2);

		if (w < 0) {
			p->err = errno;
			return NULL;
		}
		p->done += w / 2;
	}
	return NULL;
}

/*
 * Reads until `expect` samples have arrived after the leading silence (a
 * real-time line carries silence from the moment it connects), or until
 * the buffer of n samples is full.
 */
static void *read_all(void *arg)
{
	struct pump *p = arg;
	size_t start = 0;
	int found = 0;

	while (p->done < p->n && (!found || p->done < start + p->expect)) {
		size_t chunk = p->n - p->done > 700 ? 700 : p->n - p->done;
		ssize_t r = read(p->fd, p->samples + p->done, chunk * 2);

		if (r < 0) {
			p->err = errno;
			return NULL;
		}
		for (; !found && start < p->done + r / 2; start++)
			if (p->samples[start] != 0)
				found = 1;
		if (found && start > 0 && p->samples[start - 1] != 0)
			start--;
		p->done += r / 2;
	}
	return NULL;
}

static void cross(struct __test_metadata *_metadata, int from, int to,
		  size_t n, int16_t seed)
{
	int16_t *sent = calloc(n, sizeof(*sent));
	/* Real time carries up to its FIFO's second of silence first. */
	size_t slack = 3 * 8192;
	int16_t *got = calloc(n + slack, sizeof(*got));
	struct pump w = { .fd = from, .samples = sent, .n = n };
	struct pump r = { .fd = to, .samples = got, .n = n + slack, .expect = n };
	pthread_t wt, rt;
	size_t i, start;

	ASSERT_NE(NULL, sent);
	ASSERT_NE(NULL, got);
	for (i = 0; i < n; i++)
		sent[i] = (int16_t)(seed + i * 7) | 1;	/* never silence */
	ASSERT_EQ(0, pthread_create(&rt, NULL, read_all, &r));
	ASSERT_EQ(0, pthread_create(&wt, NULL, write_all, &w));
	ASSERT_EQ(0, pthread_join(wt, NULL));
	EXPECT_EQ(0, w.err);
	/* Keep the line busy with silence while the reader finishes. */
	{
		int16_t quiet[800] = { 0 };
		struct timespec t0, t;
		int joined = 0;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		do {
			struct pollfd pfd = { .fd = from, .events = POLLOUT };

			if (pthread_tryjoin_np(rt, NULL) == 0) {
				joined = 1;
				break;
			}
			if (poll(&pfd, 1, 100) == 1 && write(from, quiet, sizeof(quiet)) < 0)
				break;
			clock_gettime(CLOCK_MONOTONIC, &t);
		} while (t.tv_sec - t0.tv_sec < 20);
		if (!joined)
			pthread_join(rt, NULL);
	}
	EXPECT_EQ(0, r.err);
	for (start = 0; start < slack && got[start] == 0; start++)
		;
	ASSERT_LT(start, slack) TH_LOG("nothing but silence arrived");
	EXPECT_EQ(0, memcmp(sent, got + start, n * sizeof(*sent)))
		TH_LOG("audio differs after %zu samples of leading silence", start);
	free(sent);
	free(got);
}

TEST_F(call, audio_crosses_intact_both_ways)
{
	connect_call(_metadata, self->caller, self->callee);
	cross(_metadata, self->caller, self->callee, 24000, 11);
	cross(_metadata, self->callee, self->caller, 24000, 5);
}

TEST_F(call, hangup_by_the_caller_reaches_the_callee)
{
	struct faxport_line_event ev;
	int16_t s[2];

	connect_call(_metadata, self->caller, self->callee);
	ASSERT_EQ(0, ioctl(self->caller, FAXPORT_IOC_LINE_HANGUP));
	ASSERT_EQ(0, next_event(self->callee, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_HANGUP, ev.type);
	EXPECT_EQ(-1, read(self->callee, s, sizeof(s)));
	EXPECT_EQ(ENOTCONN, errno);
	EXPECT_EQ(-1, write(self->caller, s, sizeof(s)));
	EXPECT_EQ(ENOTCONN, errno);
	EXPECT_EQ(FAXPORT_STATE_AVAILABLE, port_state(2));
}

TEST_F(call, hangup_by_the_callee_reaches_the_caller)
{
	struct faxport_line_event ev;

	connect_call(_metadata, self->caller, self->callee);
	ASSERT_EQ(0, ioctl(self->callee, FAXPORT_IOC_LINE_HANGUP));
	ASSERT_EQ(0, next_event(self->caller, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_HANGUP, ev.type);
	/* Hanging up an idle line is harmless. */
	EXPECT_EQ(0, ioctl(self->caller, FAXPORT_IOC_LINE_HANGUP));
}

TEST_F(call, closing_the_engine_hangs_up)
{
	struct faxport_line_event ev;

	connect_call(_metadata, self->caller, self->callee);
	close(self->caller);
	ASSERT_EQ(0, next_event(self->callee, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_HANGUP, ev.type);
	EXPECT_EQ(FAXPORT_STATE_OFFLINE, port_state(1));
	self->caller = dsp_attach(1, variant->clock);
	EXPECT_LE(0, self->caller);
}

TEST_F(call, caller_giving_up_stops_the_ringing)
{
	struct faxport_line_event ev;

	ASSERT_EQ(0, dial(self->caller, "2"));
	ASSERT_EQ(0, next_event(self->callee, &ev, 2000));
	ASSERT_EQ(FAXPORT_LINE_EV_RING, ev.type);
	ASSERT_EQ(0, ioctl(self->caller, FAXPORT_IOC_LINE_HANGUP));
	ASSERT_EQ(0, next_event(self->callee, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_CALLER_GONE, ev.type);
	EXPECT_EQ(-1, ioctl(self->callee, FAXPORT_IOC_LINE_ANSWER));
	EXPECT_EQ(ENOTCONN, errno);
}

TEST_F(call, dialing_a_port_in_a_call_is_busy)
{
	int third = dsp_attach(3, variant->clock);

	ASSERT_LE(0, third);
	connect_call(_metadata, self->caller, self->callee);
	EXPECT_EQ(-1, dial(third, "2"));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(-1, dial(third, "1"));
	EXPECT_EQ(EBUSY, errno);
	close(third);
}

TEST_F(call, dialing_while_in_a_call_is_eisconn)
{
	connect_call(_metadata, self->caller, self->callee);
	EXPECT_EQ(-1, dial(self->caller, "3"));
	EXPECT_EQ(EISCONN, errno);
}

TEST_F(call, dialing_yourself_is_busy)
{
	EXPECT_EQ(-1, dial(self->caller, "1"));
	EXPECT_EQ(EBUSY, errno);
}

TEST_F(call, dialing_an_unknown_number_is_enxio)
{
	EXPECT_EQ(-1, dial(self->caller, "999999"));
	EXPECT_EQ(ENXIO, errno);
}

TEST_F(call, dial_rejects_bad_input)
{
	struct faxport_dial d;

	EXPECT_EQ(-1, dial(self->caller, "12;34"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, dial(self->caller, ",W"));
	EXPECT_EQ(EINVAL, errno);	/* a dial string dials something */
	EXPECT_EQ(-1, dial(self->caller, ""));
	EXPECT_EQ(EINVAL, errno);
	memset(&d, '5', sizeof(d.number));
	d.flags = 0;
	d.reserved = 0;
	EXPECT_EQ(-1, ioctl(self->caller, FAXPORT_IOC_LINE_DIAL, &d));
	EXPECT_EQ(EINVAL, errno);
	memset(&d, 0, sizeof(d));
	strcpy(d.number, "2");
	d.flags = 1;
	EXPECT_EQ(-1, ioctl(self->caller, FAXPORT_IOC_LINE_DIAL, &d));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->caller, FAXPORT_IOC_LINE_DIAL, NULL));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(call, audio_needs_a_connected_call)
{
	int16_t s[4] = { 1, 2, 3, 4 };
	struct pollfd pfd = { .fd = self->caller, .events = POLLIN | POLLOUT };

	EXPECT_EQ(-1, write(self->caller, s, sizeof(s)));
	EXPECT_EQ(ENOTCONN, errno);
	EXPECT_EQ(-1, read(self->caller, s, sizeof(s)));
	EXPECT_EQ(ENOTCONN, errno);
	/* An idle engine's poll loop must not spin. */
	EXPECT_EQ(0, poll(&pfd, 1, 0));
}

TEST_F(call, audio_comes_in_whole_samples)
{
	char odd[3] = { 0 };

	connect_call(_metadata, self->caller, self->callee);
	EXPECT_EQ(-1, write(self->caller, odd, 3));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, read(self->callee, odd, 3));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(call, no_event_is_eagain)
{
	struct faxport_line_event ev;

	EXPECT_EQ(-1, ioctl(self->caller, FAXPORT_IOC_LINE_EVENT, &ev));
	EXPECT_EQ(EAGAIN, errno);
}

TEST_F(call, answer_with_nothing_ringing_is_enotconn)
{
	EXPECT_EQ(-1, ioctl(self->callee, FAXPORT_IOC_LINE_ANSWER));
	EXPECT_EQ(ENOTCONN, errno);
}

FIXTURE(rings) {
	int caller;
	int callee;
	char period[32];
	char max[32];
};

FIXTURE_SETUP(rings)
{
	ASSERT_EQ(0, param_read("ring_period_ms", self->period, sizeof(self->period)));
	ASSERT_EQ(0, param_read("max_rings", self->max, sizeof(self->max)));
	self->caller = dsp_attach(3, FAXPORT_CLOCK_FREE_RUNNING);
	self->callee = dsp_attach(4, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->caller);
	ASSERT_LE(0, self->callee);
}

FIXTURE_TEARDOWN(rings)
{
	close(self->caller);
	close(self->callee);
	param_write("ring_period_ms", self->period);
	param_write("max_rings", self->max);
}

TEST_F(rings, unanswered_call_ends_after_max_rings)
{
	struct faxport_line_event ev;
	__u32 i;

	ASSERT_EQ(0, param_write("ring_period_ms", "50"));
	ASSERT_EQ(0, param_write("max_rings", "3"));
	ASSERT_EQ(0, dial(self->caller, "4"));
	for (i = 1; i <= 3; i++) {
		ASSERT_EQ(0, next_event(self->callee, &ev, 2000));
		EXPECT_EQ(FAXPORT_LINE_EV_RING, ev.type);
		EXPECT_EQ(i, ev.arg);
		EXPECT_EQ(i, ev.seq);
	}
	ASSERT_EQ(0, next_event(self->callee, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_CALLER_GONE, ev.type);
	ASSERT_EQ(0, next_event(self->caller, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_NO_ANSWER, ev.type);
	EXPECT_EQ(3, ev.arg);
	EXPECT_EQ(FAXPORT_STATE_AVAILABLE, port_state(3));
}

TEST_F(rings, event_overrun_shows_as_a_sequence_gap)
{
	struct faxport_line_event ev, first;
	int count = 0;

	ASSERT_EQ(0, param_write("ring_period_ms", "10"));
	ASSERT_EQ(0, param_write("max_rings", "1000"));
	ASSERT_EQ(0, dial(self->caller, "4"));
	usleep(1500 * 1000);	/* >= 100 rings, more than the queue holds */
	ASSERT_EQ(0, ioctl(self->caller, FAXPORT_IOC_LINE_HANGUP));

	ASSERT_EQ(0, ioctl(self->callee, FAXPORT_IOC_LINE_EVENT, &first));
	ev = first;
	count = 1;
	while (ioctl(self->callee, FAXPORT_IOC_LINE_EVENT, &ev) == 0) {
		count++;
		EXPECT_EQ(first.seq + count - 1, ev.seq);
	}
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(64, count);
	EXPECT_LT(1, first.seq) TH_LOG("the oldest events were not dropped");
	EXPECT_EQ(FAXPORT_LINE_EV_CALLER_GONE, ev.type);
}

TEST(attach_needs_cap_net_admin)
{
	ASSERT_EQ(0, drop_to_nobody());
	EXPECT_EQ(-1, dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING));
	EXPECT_EQ(EPERM, errno);
}

TEST(one_engine_per_port)
{
	int first = dsp_attach(1, FAXPORT_CLOCK_REALTIME);

	ASSERT_LE(0, first);
	EXPECT_EQ(-1, dsp_attach(1, FAXPORT_CLOCK_REALTIME));
	EXPECT_EQ(EBUSY, errno);
	close(first);
	first = dsp_attach(1, FAXPORT_CLOCK_REALTIME);
	EXPECT_LE(0, first);
	close(first);
}

TEST(a_file_is_a_handle_or_an_engine_not_both)
{
	struct faxport_dsp_attach attach = { .version = FAXPORT_API_VERSION };
	struct faxport_port_bind bind = { .mode = FAXPORT_OPEN_QUERY };
	int server = server_connect();
	int h, dsp;

	ASSERT_LE(0, server);
	h = port_open(server, 1, FAXPORT_OPEN_QUERY);
	ASSERT_LE(0, h);
	EXPECT_EQ(-1, ioctl(h, FAXPORT_IOC_DSP_ATTACH, &attach));
	EXPECT_EQ(EBUSY, errno);
	close(h);

	dsp = dsp_attach(1, FAXPORT_CLOCK_REALTIME);
	ASSERT_LE(0, dsp);
	bind.server_fd = server;
	EXPECT_EQ(-1, ioctl(dsp, FAXPORT_IOC_PORT_BIND, &bind));
	EXPECT_EQ(EBUSY, errno);
	close(dsp);
	close(server);
}

TEST(attach_rejects_bad_input)
{
	struct faxport_dsp_attach attach = { .version = FAXPORT_API_VERSION };
	int fd = port_node_open(1);

	ASSERT_LE(0, fd);
	attach.version = FAXPORT_API_VERSION + 1;
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_DSP_ATTACH, &attach));
	EXPECT_EQ(EINVAL, errno);
	attach.version = FAXPORT_API_VERSION;
	attach.clock = 2;
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_DSP_ATTACH, &attach));
	EXPECT_EQ(EINVAL, errno);
	attach.clock = 0;
	attach.flags = FAXPORT_ATTACH_NO_JOBS << 1;	/* no such flag */
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_DSP_ATTACH, &attach));
	EXPECT_EQ(EINVAL, errno);
	attach.flags = 0;
	attach.reserved = 1;
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_DSP_ATTACH, &attach));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_DSP_ATTACH, NULL));
	EXPECT_EQ(EFAULT, errno);
	close(fd);
}

TEST(line_ioctls_need_an_attached_engine)
{
	int fd = port_node_open(1);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_LINE_ANSWER));
	EXPECT_EQ(EBADFD, errno);
	EXPECT_EQ(-1, read(fd, &fd, sizeof(fd)));
	EXPECT_EQ(EBADFD, errno);
	close(fd);
}

TEST(real_time_is_paced_at_8000_samples_a_second)
{
	int a = dsp_attach(3, FAXPORT_CLOCK_REALTIME);
	int b = dsp_attach(4, FAXPORT_CLOCK_REALTIME);
	struct faxport_line_event ev;
	struct timespec t0, t1;
	int16_t buf[400];
	size_t got = 0;
	double secs;

	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, dial(a, "4"));
	ASSERT_EQ(0, next_event(b, &ev, 2000));
	ASSERT_EQ(0, ioctl(b, FAXPORT_IOC_LINE_ANSWER));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Nobody writes: the clock alone delivers silence, in real time. */
	while (got < 4000) {
		ssize_t r = read(b, buf, sizeof(buf));

		ASSERT_LT(0, r);
		got += r / 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	EXPECT_LE(0.45, secs) TH_LOG("4000 samples in %.3f s: faster than real time", secs);
	close(a);
	close(b);
}

FIXTURE(impaired) {
	int a;
	int b;
};

FIXTURE_SETUP(impaired)
{
	self->a = -1;
	self->b = -1;
}

FIXTURE_TEARDOWN(impaired)
{
	close(self->a);
	close(self->b);
	param_write("line_noise_dbm0", "off");
	param_write("line_delay_ms", "0");
}

static void connect_pair(struct __test_metadata *_metadata,
			 FIXTURE_DATA(impaired) *self, __u32 clock)
{
	struct faxport_line_event ev;

	self->a = dsp_attach(3, clock);
	self->b = dsp_attach(4, clock);
	ASSERT_LE(0, self->a);
	ASSERT_LE(0, self->b);
	ASSERT_EQ(0, dial(self->a, "4"));
	ASSERT_EQ(0, next_event(self->b, &ev, 2000));
	ASSERT_EQ(0, ioctl(self->b, FAXPORT_IOC_LINE_ANSWER));
}

static double rms_of(const int16_t *s, size_t n)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (double)s[i] * s[i];
	return sqrt(sum / n);
}

static size_t write_exactly(int fd, const int16_t *buf, size_t n)
{
	size_t put = 0;

	while (put < n) {
		ssize_t w = write(fd, buf + put, (n - put) * 2);

		if (w <= 0)
			break;
		put += w / 2;
	}
	return put;
}

static size_t read_exactly(int fd, int16_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, buf + got, (n - got) * 2);

		if (r <= 0)
			break;
		got += r / 2;
	}
	return got;
}

TEST_F(impaired, noise_has_the_level_asked_for_free_running)
{
	static int16_t buf[8000];
	double rms, expected = 16143 * pow(10, -20 / 20.0);

	ASSERT_EQ(0, param_write("line_noise_dbm0", "-20"));
	connect_pair(_metadata, self, FAXPORT_CLOCK_FREE_RUNNING);
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(8000, write_exactly(self->a, buf, 8000));
	ASSERT_EQ(8000, read_exactly(self->b, buf, 8000));
	rms = rms_of(buf, 8000);
	EXPECT_LT(expected * 0.85, rms) TH_LOG("rms %.0f, expected %.0f", rms, expected);
	EXPECT_GT(expected * 1.15, rms) TH_LOG("rms %.0f, expected %.0f", rms, expected);
}

TEST_F(impaired, noise_is_added_in_real_time_too)
{
	static int16_t buf[4000];
	double rms, expected = 16143 * pow(10, -30 / 20.0);

	ASSERT_EQ(0, param_write("line_noise_dbm0", "-30"));
	connect_pair(_metadata, self, FAXPORT_CLOCK_REALTIME);
	ASSERT_EQ(4000, read_exactly(self->b, buf, 4000));
	rms = rms_of(buf, 4000);
	EXPECT_LT(expected * 0.85, rms) TH_LOG("rms %.0f, expected %.0f", rms, expected);
	EXPECT_GT(expected * 1.15, rms) TH_LOG("rms %.0f, expected %.0f", rms, expected);
}

TEST_F(impaired, a_clean_line_stays_silent)
{
	static int16_t buf[4000];

	connect_pair(_metadata, self, FAXPORT_CLOCK_FREE_RUNNING);
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(4000, write_exactly(self->a, buf, 4000));
	ASSERT_EQ(4000, read_exactly(self->b, buf, 4000));
	EXPECT_EQ(0, rms_of(buf, 4000));
}

TEST_F(impaired, delay_puts_silence_ahead_of_the_audio)
{
	static int16_t sent[1600], got[2400];
	size_t i;

	ASSERT_EQ(0, param_write("line_delay_ms", "100"));
	connect_pair(_metadata, self, FAXPORT_CLOCK_FREE_RUNNING);
	for (i = 0; i < 1600; i++)
		sent[i] = (int16_t)(i + 1);
	ASSERT_EQ(sizeof(sent), write(self->a, sent, sizeof(sent)));
	ASSERT_EQ(2400, read_exactly(self->b, got, 2400));
	for (i = 0; i < 800; i++)
		if (got[i])
			break;
	EXPECT_EQ(800, i);
	EXPECT_EQ(0, memcmp(sent, got + 800, sizeof(sent)));
}

TEST(impairment_parameters_are_checked)
{
	char buf[32];

	EXPECT_EQ(-1, param_write("line_noise_dbm0", "3"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, param_write("line_noise_dbm0", "-91"));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, param_write("line_delay_ms", "1001"));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, param_read("line_noise_dbm0", buf, sizeof(buf)));
	EXPECT_STREQ("off", buf);
}

TEST_HARNESS_MAIN
