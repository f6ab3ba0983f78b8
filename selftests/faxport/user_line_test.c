// SPDX-License-Identifier: GPL-2.0
/*
 * User lines: a port whose calls a line provider process carries. The test
 * plays both sides: the DSP engine (as faxd does) and the line provider
 * (as a SIP user agent does), on a user-line port it adds for each test.
 */
#include <poll.h>
#include <sys/wait.h>

#include "faxport_test.h"
#include "kselftest_harness.h"

#define TIMEOUT_MS 5000

static int user_port_add(int server, __u32 *device_id)
{
	struct faxport_port_add add = { .flags = FAXPORT_PORT_ADD_USER_LINE };

	if (ioctl(server, FAXPORT_IOC_PORT_ADD, &add))
		return -1;
	*device_id = add.device_id;
	return 0;
}

/* The port's line provider file, or -1 with errno. */
static int provider_attach(__u32 device_id)
{
	struct faxport_line_attach attach = {
		.version = FAXPORT_API_VERSION,
	};
	int fd = port_node_open(device_id);
	int err;

	if (fd < 0)
		return -1;
	if (ioctl(fd, FAXPORT_IOC_LINE_ATTACH, &attach)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static int wait_pri(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLPRI };

	if (poll(&pfd, 1, TIMEOUT_MS) != 1 || !(pfd.revents & POLLPRI)) {
		errno = ETIMEDOUT;
		return -1;
	}
	return 0;
}

static int provider_event(int provider, struct faxport_provider_event *ev)
{
	if (wait_pri(provider))
		return -1;
	return ioctl(provider, FAXPORT_IOC_PROVIDER_EVENT, ev);
}

static int line_event(int dsp, struct faxport_line_event *ev)
{
	if (wait_pri(dsp))
		return -1;
	return ioctl(dsp, FAXPORT_IOC_LINE_EVENT, ev);
}

static int report(int provider, unsigned long cmd, __u32 call_id, __u32 cause)
{
	struct faxport_provider_call call = {
		.call_id = call_id,
		.cause = cause,
	};

	return ioctl(provider, cmd, &call);
}

static int dial(int dsp, const char *number)
{
	struct faxport_dial d = { 0 };

	snprintf(d.number, sizeof(d.number), "%s", number);
	return ioctl(dsp, FAXPORT_IOC_LINE_DIAL, &d);
}

static int ring(int provider, const char *caller, const char *name,
		const char *did, __u32 *call_id)
{
	struct faxport_provider_ring r = { 0 };

	snprintf(r.caller_number, sizeof(r.caller_number), "%s", caller);
	snprintf(r.caller_name, sizeof(r.caller_name), "%s", name);
	snprintf(r.called_number, sizeof(r.called_number), "%s", did);
	if (ioctl(provider, FAXPORT_IOC_PROVIDER_RING, &r))
		return -1;
	if (call_id)
		*call_id = r.call_id;
	return 0;
}

static __u32 port_state(int server, __u32 device_id)
{
	int h = port_open(server, device_id, FAXPORT_OPEN_QUERY);
	struct faxport_port_info info = { 0 };

	port_get(h, &info);
	close(h);
	return info.state;
}

FIXTURE(line) {
	int server;
	__u32 id;
	int dsp;	/* the engine, attached in real time */
	int provider;	/* attached, line up */
};

FIXTURE_SETUP(line)
{
	self->dsp = -1;
	self->provider = -1;
	self->server = server_connect();
	ASSERT_LE(0, self->server);
	ASSERT_EQ(0, user_port_add(self->server, &self->id));
	self->dsp = dsp_attach(self->id, FAXPORT_CLOCK_REALTIME);
	ASSERT_LE(0, self->dsp) TH_LOG("engine: %s", strerror(errno));
	self->provider = provider_attach(self->id);
	ASSERT_LE(0, self->provider) TH_LOG("provider: %s", strerror(errno));
	ASSERT_EQ(0, ioctl(self->provider, FAXPORT_IOC_PROVIDER_LINE_UP));
}

FIXTURE_TEARDOWN(line)
{
	if (self->provider >= 0)
		close(self->provider);
	if (self->dsp >= 0)
		close(self->dsp);
	port_remove(self->server, self->id);
	close(self->server);
}

/* The engine dials, the provider gets DIAL; returns the call id. */
static __u32 dial_out(struct __test_metadata *_metadata, int dsp, int provider,
		      const char *number)
{
	struct faxport_provider_event ev;

	EXPECT_EQ(0, dial(dsp, number)) TH_LOG("dial: %s", strerror(errno));
	EXPECT_EQ(0, provider_event(provider, &ev));
	EXPECT_EQ(FAXPORT_PROVIDER_EV_DIAL, ev.type);
	EXPECT_STREQ(number, ev.number);
	EXPECT_NE(0, ev.call_id);
	return ev.call_id;
}

static __u32 connect_out(struct __test_metadata *_metadata, int dsp,
			 int provider)
{
	struct faxport_line_event lev;
	__u32 call = dial_out(_metadata, dsp, provider, "+15551234");

	EXPECT_EQ(0, report(provider, FAXPORT_IOC_PROVIDER_ANSWERED, call, 0));
	EXPECT_EQ(0, line_event(dsp, &lev));
	EXPECT_EQ(FAXPORT_LINE_EV_ANSWERED, lev.type);
	return call;
}

TEST_F(line, port_add_with_the_flag_makes_a_user_line)
{
	int h = port_open(self->server, self->id, FAXPORT_OPEN_QUERY);
	struct faxport_port_info info = { 0 };
	char buf[64], name[64];

	ASSERT_LE(0, h);
	ASSERT_EQ(0, port_get(h, &info));
	EXPECT_EQ(FAXPORT_LINE_USER, info.line_type);
	snprintf(name, sizeof(name), "Line %u", self->id);
	EXPECT_STREQ(name, info.name);
	ASSERT_EQ(0, port_sysfs(self->id, "line_type", buf, sizeof(buf)));
	EXPECT_STREQ("user", buf);
	close(h);
}

TEST(line_attach_needs_cap_net_admin)
{
	int server = server_connect();
	int status, fd;
	pid_t child;
	__u32 id;

	ASSERT_LE(0, server);
	ASSERT_EQ(0, user_port_add(server, &id));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		if (drop_to_nobody())
			_exit(2);
		fd = provider_attach(id);
		_exit(fd < 0 && errno == EPERM ? 0 : 1);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	port_remove(server, id);
	close(server);
}

TEST_F(line, second_provider_is_busy)
{
	EXPECT_EQ(-1, provider_attach(self->id));
	EXPECT_EQ(EBUSY, errno);
}

TEST_F(line, a_new_provider_may_attach_after_the_first_closed)
{
	close(self->provider);
	self->provider = provider_attach(self->id);
	EXPECT_LE(0, self->provider);
}

TEST(loopback_port_refuses_line_attach)
{
	EXPECT_EQ(-1, provider_attach(1));
	EXPECT_EQ(EOPNOTSUPP, errno);
}

TEST_F(line, an_engine_file_cannot_become_a_provider)
{
	struct faxport_line_attach attach = { .version = FAXPORT_API_VERSION };

	EXPECT_EQ(-1, ioctl(self->dsp, FAXPORT_IOC_LINE_ATTACH, &attach));
	EXPECT_EQ(EBUSY, errno);
}

TEST_F(line, free_running_engine_is_refused_on_a_user_line)
{
	close(self->dsp);
	self->dsp = dsp_attach(self->id, FAXPORT_CLOCK_FREE_RUNNING);
	EXPECT_EQ(-1, self->dsp);
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, attach_rejects_unknown_flags)
{
	struct faxport_line_attach attach = {
		.version = FAXPORT_API_VERSION, .flags = 1,
	};
	int fd = port_node_open(self->id);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_LINE_ATTACH, &attach));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST_F(line, attach_rejects_nonzero_padding)
{
	struct faxport_line_attach attach = {
		.version = FAXPORT_API_VERSION, .reserved = { 0, 1 },
	};
	int fd = port_node_open(self->id);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_LINE_ATTACH, &attach));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST_F(line, attach_rejects_another_version)
{
	struct faxport_line_attach attach = { .version = 2 };
	int fd = port_node_open(self->id);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, FAXPORT_IOC_LINE_ATTACH, &attach));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST_F(line, the_port_has_no_line_until_line_up_and_after_line_down)
{
	EXPECT_EQ(FAXPORT_STATE_AVAILABLE, port_state(self->server, self->id));
	ASSERT_EQ(0, ioctl(self->provider, FAXPORT_IOC_PROVIDER_LINE_DOWN));
	EXPECT_EQ(FAXPORT_STATE_UNAVAILABLE, port_state(self->server, self->id));
	ASSERT_EQ(0, ioctl(self->provider, FAXPORT_IOC_PROVIDER_LINE_UP));
	EXPECT_EQ(FAXPORT_STATE_AVAILABLE, port_state(self->server, self->id));
}

TEST_F(line, a_new_provider_starts_with_its_line_down)
{
	close(self->provider);
	EXPECT_EQ(FAXPORT_STATE_UNAVAILABLE, port_state(self->server, self->id));
	self->provider = provider_attach(self->id);
	ASSERT_LE(0, self->provider);
	EXPECT_EQ(FAXPORT_STATE_UNAVAILABLE, port_state(self->server, self->id));
}

TEST_F(line, dial_without_a_line_is_enetdown)
{
	ASSERT_EQ(0, ioctl(self->provider, FAXPORT_IOC_PROVIDER_LINE_DOWN));
	EXPECT_EQ(-1, dial(self->dsp, "123"));
	EXPECT_EQ(ENETDOWN, errno);
}

TEST_F(line, dial_reaches_the_provider_with_the_number)
{
	dial_out(_metadata, self->dsp, self->provider, "0049301234#*");
	EXPECT_EQ(FAXPORT_STATE_DIALING, port_state(self->server, self->id));
}

TEST_F(line, a_user_line_dials_its_own_number_too)
{
	char number[32];

	snprintf(number, sizeof(number), "%u", self->id);
	dial_out(_metadata, self->dsp, self->provider, number);
}

TEST_F(line, answered_connects_the_engine)
{
	struct faxport_line_event lev;
	short sample;
	__u32 call = dial_out(_metadata, self->dsp, self->provider, "5551234");

	ASSERT_EQ(0, report(self->provider, FAXPORT_IOC_PROVIDER_ANSWERED,
			    call, 0));
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	EXPECT_EQ(FAXPORT_LINE_EV_ANSWERED, lev.type);
	EXPECT_EQ(0, lev.cause);
	/* Connected: nothing to read yet, rather than not connected. */
	ASSERT_EQ(0, fcntl(self->dsp, F_SETFL, O_NONBLOCK));
	EXPECT_EQ(-1, read(self->dsp, &sample, sizeof(sample)));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(FAXPORT_STATE_SENDING, port_state(self->server, self->id));
}

TEST_F(line, provider_audio_reaches_the_engine_intact)
{
	short out[800], in[800];
	size_t got = 0;
	int i;

	connect_out(_metadata, self->dsp, self->provider);
	for (i = 0; i < 800; i++)
		out[i] = (short)(i * 37 - 12000);
	ASSERT_EQ((ssize_t)sizeof(out), write(self->provider, out, sizeof(out)));
	while (got < sizeof(in)) {
		ssize_t n = read(self->dsp, (char *)in + got, sizeof(in) - got);

		ASSERT_LT(0, n);
		got += n;
	}
	EXPECT_EQ(0, memcmp(out, in, sizeof(out)));
}

TEST_F(line, engine_audio_reaches_the_provider_intact)
{
	short out[800], in[800];
	size_t got = 0;
	int i;

	connect_out(_metadata, self->dsp, self->provider);
	for (i = 0; i < 800; i++)
		out[i] = (short)(12000 - i * 29);
	ASSERT_EQ((ssize_t)sizeof(out), write(self->dsp, out, sizeof(out)));
	while (got < sizeof(in)) {
		ssize_t n = read(self->provider, (char *)in + got,
				 sizeof(in) - got);

		ASSERT_LT(0, n);
		got += n;
	}
	EXPECT_EQ(0, memcmp(out, in, sizeof(out)));
}

TEST_F(line, provider_audio_needs_a_connected_call)
{
	short sample = 0;

	EXPECT_EQ(-1, write(self->provider, &sample, sizeof(sample)));
	EXPECT_EQ(ENOTCONN, errno);
}

TEST_F(line, ring_with_caller_id_rings_the_engine)
{
	struct faxport_line_event lev;
	struct faxport_port_call call = { 0 };
	__u32 call_id;
	int h;

	ASSERT_EQ(0, ring(self->provider, "+4930123", "Alice \xc3\x9f", "7001",
			  &call_id));
	EXPECT_NE(0, call_id);
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	EXPECT_EQ(FAXPORT_LINE_EV_RING, lev.type);
	EXPECT_EQ(1, lev.arg);
	EXPECT_EQ(FAXPORT_STATE_RINGING, port_state(self->server, self->id));
	h = port_open(self->server, self->id, FAXPORT_OPEN_QUERY);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, ioctl(h, FAXPORT_IOC_PORT_CALL_GET, &call));
	EXPECT_EQ(call_id, call.call_id);
	EXPECT_EQ(FAXPORT_CALL_INCOMING, call.direction);
	EXPECT_STREQ("+4930123", call.caller_number);
	EXPECT_STREQ("Alice \xc3\x9f", call.caller_name);
	EXPECT_STREQ("7001", call.called_number);
	close(h);
}

TEST_F(line, engine_answer_reaches_the_provider)
{
	struct faxport_provider_event ev;
	__u32 call_id;

	ASSERT_EQ(0, ring(self->provider, "", "", "", &call_id));
	ASSERT_EQ(0, ioctl(self->dsp, FAXPORT_IOC_LINE_ANSWER));
	ASSERT_EQ(0, provider_event(self->provider, &ev));
	EXPECT_EQ(FAXPORT_PROVIDER_EV_ANSWER, ev.type);
	EXPECT_EQ(call_id, ev.call_id);
	EXPECT_EQ(FAXPORT_STATE_RECEIVING, port_state(self->server, self->id));
}

TEST_F(line, engine_hangup_of_a_ringing_call_rejects_it)
{
	struct faxport_provider_event ev;
	__u32 call_id;

	ASSERT_EQ(0, ring(self->provider, "", "", "", &call_id));
	ASSERT_EQ(0, ioctl(self->dsp, FAXPORT_IOC_LINE_HANGUP));
	ASSERT_EQ(0, provider_event(self->provider, &ev));
	EXPECT_EQ(FAXPORT_PROVIDER_EV_ABORT, ev.type);
	EXPECT_EQ(FAXPORT_CAUSE_REJECTED, ev.cause);
	EXPECT_EQ(call_id, ev.call_id);
}

TEST_F(line, ring_while_in_a_call_is_busy)
{
	dial_out(_metadata, self->dsp, self->provider, "123");
	EXPECT_EQ(-1, ring(self->provider, "", "", "", NULL));
	EXPECT_EQ(EBUSY, errno);
}

TEST_F(line, ring_without_an_engine_is_ehostdown)
{
	close(self->dsp);
	self->dsp = -1;
	EXPECT_EQ(-1, ring(self->provider, "", "", "", NULL));
	EXPECT_EQ(EHOSTDOWN, errno);
}

TEST_F(line, ring_rejects_a_bad_caller_number)
{
	EXPECT_EQ(-1, ring(self->provider, "anonymous", "", "", NULL));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, ring_rejects_controls_and_bidi_overrides_in_the_caller_name)
{
	char name[32];
	size_t i;

	for (i = 0; i < TEXT_SAMPLES(hostile_text); i++) {
		snprintf(name, sizeof(name), "Eve%s", hostile_text[i]);
		EXPECT_EQ(-1, ring(self->provider, "", name, "", NULL)) {
			TH_LOG("a caller name with hostile_text[%zu] rang", i);
		}
		EXPECT_EQ(EINVAL, errno);
	}
}

TEST_F(line, ring_rejects_an_unterminated_called_number)
{
	struct faxport_provider_ring r = { 0 };

	memset(r.called_number, '1', sizeof(r.called_number));
	EXPECT_EQ(-1, ioctl(self->provider, FAXPORT_IOC_PROVIDER_RING, &r));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, ring_rejects_unknown_flags)
{
	struct faxport_provider_ring r = { .flags = 1 };

	EXPECT_EQ(-1, ioctl(self->provider, FAXPORT_IOC_PROVIDER_RING, &r));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, failed_busy_reaches_the_engine_as_busy)
{
	struct faxport_line_event lev;
	__u32 call = dial_out(_metadata, self->dsp, self->provider, "123");

	ASSERT_EQ(0, report(self->provider, FAXPORT_IOC_PROVIDER_FAILED, call,
			    FAXPORT_CAUSE_BUSY));
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	EXPECT_EQ(FAXPORT_LINE_EV_NO_ANSWER, lev.type);
	EXPECT_EQ(FAXPORT_STATE_BUSY, lev.cause);
	EXPECT_EQ(FAXPORT_STATE_AVAILABLE, port_state(self->server, self->id));
}

TEST_F(line, failed_network_reaches_the_engine_as_no_dial_tone)
{
	struct faxport_line_event lev;
	__u32 call = dial_out(_metadata, self->dsp, self->provider, "123");

	ASSERT_EQ(0, report(self->provider, FAXPORT_IOC_PROVIDER_FAILED, call,
			    FAXPORT_CAUSE_NETWORK));
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	EXPECT_EQ(FAXPORT_STATE_NO_DIAL_TONE, lev.cause);
}

TEST_F(line, failed_rejects_an_unknown_cause)
{
	__u32 call = dial_out(_metadata, self->dsp, self->provider, "123");

	EXPECT_EQ(-1, report(self->provider, FAXPORT_IOC_PROVIDER_FAILED, call,
			     FAXPORT_CAUSE_MAX + 1));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, answered_rejects_a_cause)
{
	__u32 call = dial_out(_metadata, self->dsp, self->provider, "123");

	EXPECT_EQ(-1, report(self->provider, FAXPORT_IOC_PROVIDER_ANSWERED,
			     call, FAXPORT_CAUSE_BUSY));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, report_rejects_nonzero_padding)
{
	struct faxport_provider_call c = { .reserved = 1 };

	c.call_id = dial_out(_metadata, self->dsp, self->provider, "123");
	EXPECT_EQ(-1, ioctl(self->provider, FAXPORT_IOC_PROVIDER_ANSWERED, &c));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, answered_of_an_incoming_call_does_not_fit)
{
	__u32 call_id;

	ASSERT_EQ(0, ring(self->provider, "", "", "", &call_id));
	EXPECT_EQ(-1, report(self->provider, FAXPORT_IOC_PROVIDER_ANSWERED,
			     call_id, 0));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, report_about_an_ended_call_is_esrch)
{
	struct faxport_provider_event ev;
	__u32 call = dial_out(_metadata, self->dsp, self->provider, "123");

	ASSERT_EQ(0, ioctl(self->dsp, FAXPORT_IOC_LINE_HANGUP));
	ASSERT_EQ(0, provider_event(self->provider, &ev));
	EXPECT_EQ(FAXPORT_PROVIDER_EV_ABORT, ev.type);
	EXPECT_EQ(0, ev.cause);
	EXPECT_EQ(-1, report(self->provider, FAXPORT_IOC_PROVIDER_ANSWERED,
			     call, 0));
	EXPECT_EQ(ESRCH, errno);
}

TEST_F(line, progress_rejects_an_unknown_value)
{
	struct faxport_provider_progress p = { .progress = 3 };

	p.call_id = dial_out(_metadata, self->dsp, self->provider, "123");
	EXPECT_EQ(-1, ioctl(self->provider, FAXPORT_IOC_PROVIDER_PROGRESS, &p));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(line, progress_leaves_the_port_dialing)
{
	struct faxport_provider_progress p = {
		.progress = FAXPORT_PROGRESS_RINGING,
	};

	p.call_id = dial_out(_metadata, self->dsp, self->provider, "123");
	EXPECT_EQ(0, ioctl(self->provider, FAXPORT_IOC_PROVIDER_PROGRESS, &p));
	EXPECT_EQ(FAXPORT_STATE_DIALING, port_state(self->server, self->id));
}

TEST_F(line, provider_hangup_mid_call_hangs_up_the_engine)
{
	struct faxport_line_event lev;
	__u32 call = connect_out(_metadata, self->dsp, self->provider);

	ASSERT_EQ(0, report(self->provider, FAXPORT_IOC_PROVIDER_HANGUP, call,
			    0));
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	EXPECT_EQ(FAXPORT_LINE_EV_HANGUP, lev.type);
}

TEST_F(line, engine_hangup_mid_call_reaches_the_provider)
{
	struct faxport_provider_event ev;
	__u32 call = connect_out(_metadata, self->dsp, self->provider);

	ASSERT_EQ(0, ioctl(self->dsp, FAXPORT_IOC_LINE_HANGUP));
	ASSERT_EQ(0, provider_event(self->provider, &ev));
	EXPECT_EQ(FAXPORT_PROVIDER_EV_HANGUP, ev.type);
	EXPECT_EQ(call, ev.call_id);
}

TEST_F(line, provider_close_mid_call_hangs_up_the_engine)
{
	struct faxport_line_event lev;

	connect_out(_metadata, self->dsp, self->provider);
	close(self->provider);
	self->provider = -1;
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	EXPECT_EQ(FAXPORT_LINE_EV_HANGUP, lev.type);
	EXPECT_EQ(FAXPORT_STATE_UNAVAILABLE, port_state(self->server, self->id));
}

TEST_F(line, port_removal_numbs_the_provider)
{
	struct pollfd pfd = { .events = POLLIN | POLLPRI };
	short sample = 0;

	ASSERT_EQ(0, port_remove(self->server, self->id));
	EXPECT_EQ(-1, ioctl(self->provider, FAXPORT_IOC_PROVIDER_LINE_UP));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, write(self->provider, &sample, sizeof(sample)));
	EXPECT_EQ(ENODEV, errno);
	pfd.fd = self->provider;
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLHUP);
}

TEST_F(line, unknown_provider_ioctl_is_enotty)
{
	EXPECT_EQ(-1, ioctl(self->provider, _IO(FAXPORT_IOC_MAGIC, 0xcf)));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(line, provider_ioctls_need_a_provider_file)
{
	EXPECT_EQ(-1, ioctl(self->dsp, FAXPORT_IOC_PROVIDER_LINE_UP));
	EXPECT_EQ(EBADFD, errno);
}

TEST_F(line, port_call_get_rejects_unknown_flags)
{
	struct faxport_port_call call = { .flags = 1 };

	EXPECT_EQ(-1, ioctl(self->dsp, FAXPORT_IOC_PORT_CALL_GET, &call));
	EXPECT_EQ(EINVAL, errno);
}

FIXTURE(rings) {
	int server;
	__u32 id;
	int dsp;
	int provider;
	char period[32];
	char max[32];
};

FIXTURE_SETUP(rings)
{
	ASSERT_EQ(0, param_read("ring_period_ms", self->period,
				sizeof(self->period)));
	ASSERT_EQ(0, param_read("max_rings", self->max, sizeof(self->max)));
	ASSERT_EQ(0, param_write("ring_period_ms", "20"));
	ASSERT_EQ(0, param_write("max_rings", "2"));
	self->server = server_connect();
	ASSERT_LE(0, self->server);
	ASSERT_EQ(0, user_port_add(self->server, &self->id));
	self->dsp = dsp_attach(self->id, FAXPORT_CLOCK_REALTIME);
	ASSERT_LE(0, self->dsp);
	self->provider = provider_attach(self->id);
	ASSERT_LE(0, self->provider);
	ASSERT_EQ(0, ioctl(self->provider, FAXPORT_IOC_PROVIDER_LINE_UP));
}

FIXTURE_TEARDOWN(rings)
{
	close(self->provider);
	close(self->dsp);
	port_remove(self->server, self->id);
	close(self->server);
	param_write("ring_period_ms", self->period);
	param_write("max_rings", self->max);
}

TEST_F(rings, unanswered_ring_is_aborted_after_max_rings)
{
	struct faxport_provider_event ev;
	struct faxport_line_event lev;
	__u32 call_id;

	ASSERT_EQ(0, ring(self->provider, "1", "", "2", &call_id));
	ASSERT_EQ(0, provider_event(self->provider, &ev));
	EXPECT_EQ(FAXPORT_PROVIDER_EV_ABORT, ev.type);
	EXPECT_EQ(FAXPORT_CAUSE_NO_ANSWER, ev.cause);
	EXPECT_EQ(call_id, ev.call_id);
	do {
		ASSERT_EQ(0, line_event(self->dsp, &lev));
	} while (lev.type == FAXPORT_LINE_EV_RING);
	EXPECT_EQ(FAXPORT_LINE_EV_CALLER_GONE, lev.type);
}

/* A send job as a client submits it; 0 or -1. */
static int submit_job(int server, const char *number, __u32 *job_id)
{
	static const char text[] = "user line test document\n";
	struct faxport_job_submit s = { 0 };
	char path[] = "/tmp/faxline-XXXXXX";
	int doc = mkstemp(path), ret, err;

	if (doc < 0)
		return -1;
	unlink(path);
	if (write(doc, text, sizeof(text)) != sizeof(text)) {
		close(doc);
		return -1;
	}
	s.document_fd = doc;
	snprintf(s.param.recipient_number, sizeof(s.param.recipient_number),
		 "%s", number);
	ret = ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &s);
	err = errno;
	close(doc);
	errno = err;
	if (!ret)
		*job_id = s.job_id;
	return ret;
}

static int job_info(int server, __u32 id, struct faxport_job_info *info)
{
	struct faxport_job_get g = { .job_id = id };

	if (ioctl(server, FAXPORT_IOC_JOB_GET, &g))
		return -1;
	*info = g.info;
	return 0;
}

static void job_delete(int server, __u32 id)
{
	struct faxport_job_control c = {
		.job_id = id, .command = FAXPORT_JC_DELETE,
	};

	ioctl(server, FAXPORT_IOC_JOB_CONTROL, &c);
}

/*
 * The default loopback ports have no engine in these tests, so the user
 * line is the only port a job can go to.
 */
TEST_F(line, a_job_waits_for_the_line_as_noline)
{
	struct faxport_line_event lev;
	struct faxport_job_info info;
	__u32 job;

	ASSERT_EQ(0, ioctl(self->provider, FAXPORT_IOC_PROVIDER_LINE_DOWN));
	ASSERT_EQ(0, submit_job(self->server, "555", &job));
	ASSERT_EQ(0, job_info(self->server, job, &info));
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_NOLINE);
	EXPECT_EQ(0, info.device_id);
	ASSERT_EQ(0, ioctl(self->provider, FAXPORT_IOC_PROVIDER_LINE_UP));
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	EXPECT_EQ(FAXPORT_LINE_EV_JOB, lev.type);
	EXPECT_EQ(job, lev.arg);
	job_delete(self->server, job);
}

TEST_F(line, a_job_ends_with_the_line_cause_not_the_engine_guess)
{
	struct faxport_job_take take = { 0 };
	struct faxport_job_done done = { 0 };
	struct faxport_line_event lev;
	struct faxport_job_info info;
	__u32 job, call;

	ASSERT_EQ(0, submit_job(self->server, "555", &job));
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	ASSERT_EQ(FAXPORT_LINE_EV_JOB, lev.type);
	take.job_id = job;
	ASSERT_EQ(0, ioctl(self->dsp, FAXPORT_IOC_JOB_TAKE, &take));
	close(take.document_fd);
	call = dial_out(_metadata, self->dsp, self->provider, "555");
	ASSERT_EQ(0, report(self->provider, FAXPORT_IOC_PROVIDER_FAILED, call,
			    FAXPORT_CAUSE_BAD_ADDRESS));
	ASSERT_EQ(0, line_event(self->dsp, &lev));
	ASSERT_EQ(FAXPORT_LINE_EV_NO_ANSWER, lev.type);
	/* An engine that knows nothing of causes says no answer. */
	done.job_id = job;
	done.state = FAXPORT_STATE_NO_ANSWER;
	ASSERT_EQ(0, ioctl(self->dsp, FAXPORT_IOC_JOB_DONE, &done));
	/* A bad address is not retried; no answer would have been. */
	ASSERT_EQ(0, job_info(self->server, job, &info));
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_RETRIES_EXCEEDED);
	job_delete(self->server, job);
}

TEST_HARNESS_MAIN
