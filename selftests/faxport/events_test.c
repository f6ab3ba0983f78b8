// SPDX-License-Identifier: GPL-2.0
/*
 * Events on the generic netlink family "faxport": what a Windows fax
 * client expects to see, in order, with sequence numbers, and an overrun
 * that a subscriber can detect.
 */
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <poll.h>
#include <sys/wait.h>
#include <time.h>

#include "faxport_test.h"
#include "kselftest_harness.h"

struct event {
	__u32 id, device, job;
	__u64 ts, seq;
};

struct subscriber {
	struct nl_sock *sk;
	struct event events[4096];
	int count;
	int overruns;
};

static int on_message(struct nl_msg *msg, void *arg)
{
	struct subscriber *s = arg;
	struct nlattr *a[FAXPORT_NL_A_MAX + 1];
	struct event *e;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, FAXPORT_NL_A_MAX, NULL))
		return NL_SKIP;
	if (s->count >= (int)(sizeof(s->events) / sizeof(s->events[0])))
		return NL_SKIP;
	e = &s->events[s->count++];
	e->id = a[FAXPORT_NL_A_EVENT_ID] ? nla_get_u32(a[FAXPORT_NL_A_EVENT_ID]) : 0;
	e->device = a[FAXPORT_NL_A_DEVICE_ID] ? nla_get_u32(a[FAXPORT_NL_A_DEVICE_ID]) : 0;
	e->job = a[FAXPORT_NL_A_JOB_ID] ? nla_get_u32(a[FAXPORT_NL_A_JOB_ID]) : 0;
	e->ts = a[FAXPORT_NL_A_TIMESTAMP] ? nla_get_u64(a[FAXPORT_NL_A_TIMESTAMP]) : 0;
	e->seq = a[FAXPORT_NL_A_SEQ] ? nla_get_u64(a[FAXPORT_NL_A_SEQ]) : 0;
	return NL_OK;
}

/* A socket in the family's multicast group @group, its messages to @handler. */
static struct nl_sock *join_group(const char *group_name, nl_recvmsg_msg_cb_t handler,
				  void *arg)
{
	struct nl_sock *sk = nl_socket_alloc();
	int group;

	if (!sk)
		return NULL;
	if (genl_connect(sk))
		goto fail;
	group = genl_ctrl_resolve_grp(sk, FAXPORT_GENL_NAME, group_name);
	if (group < 0)
		goto fail;
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, handler, arg);
	if (nl_socket_add_membership(sk, group))
		goto fail;
	return sk;
fail:
	nl_socket_free(sk);
	return NULL;
}

static int subscribe(struct subscriber *s)
{
	memset(s, 0, sizeof(*s));
	s->sk = join_group(FAXPORT_GENL_EVENTS_GROUP, on_message, s);
	return s->sk ? 0 : -1;
}

/* Read what arrives within timeout_ms (stops early once want events came). */
static void drain(struct subscriber *s, int want, int timeout_ms)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(s->sk), .events = POLLIN };

	while (s->count < want && poll(&pfd, 1, timeout_ms) == 1) {
		int err = nl_recvmsgs_default(s->sk);

		if (err == -NLE_NOMEM)
			s->overruns++;	/* ENOBUFS: the socket overran */
	}
}

static void unsubscribe(struct subscriber *s)
{
	nl_socket_free(s->sk);
}

/* Index of the first event after `from` matching id/device/job, or -1. */
static int find(struct subscriber *s, int from, __u32 id, __u32 device, __u32 job)
{
	int i;

	for (i = from; i < s->count; i++)
		if (s->events[i].id == id && s->events[i].device == device &&
		    s->events[i].job == job)
			return i;
	return -1;
}

static int submit_job(int server, __u32 *id)
{
	struct faxport_job_submit sub = { 0 };
	char path[] = "/tmp/faxev-XXXXXX";
	int doc = mkstemp(path), ret;

	if (doc < 0)
		return -1;
	unlink(path);
	if (write(doc, "x", 1) != 1)
		return -1;
	sub.document_fd = doc;
	strcpy(sub.param.recipient_number, "2");
	ret = ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &sub);
	close(doc);
	*id = sub.job_id;
	return ret;
}

static int delete_job(int server, __u32 id)
{
	struct faxport_job_control c = { .job_id = id, .command = FAXPORT_JC_DELETE };

	return ioctl(server, FAXPORT_IOC_JOB_CONTROL, &c);
}

TEST(job_queued_and_deleted_with_consecutive_seq_and_a_timestamp)
{
	struct subscriber *s = calloc(1, sizeof(*s));
	int server = server_connect();
	struct timespec now;
	__u32 id;

	ASSERT_NE(NULL, s);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, subscribe(s));
	ASSERT_EQ(0, submit_job(server, &id));
	ASSERT_EQ(0, delete_job(server, id));
	drain(s, 2, 2000);
	ASSERT_EQ(2, s->count);
	EXPECT_EQ(FAXPORT_EV_JOB_QUEUED, s->events[0].id);
	EXPECT_EQ(id, s->events[0].job);
	EXPECT_EQ(0, s->events[0].device);
	EXPECT_EQ(FAXPORT_EV_DELETED, s->events[1].id);
	EXPECT_EQ(id, s->events[1].job);
	EXPECT_EQ(s->events[0].seq + 1, s->events[1].seq);
	EXPECT_LT(0, s->events[0].seq);
	clock_gettime(CLOCK_REALTIME, &now);
	EXPECT_LT(((__u64)now.tv_sec - 60) * 1000000000ULL, s->events[0].ts);
	EXPECT_GE(((__u64)now.tv_sec + 1) * 1000000000ULL, s->events[0].ts);
	unsubscribe(s);
	free(s);
	close(server);
}

TEST(a_send_produces_the_events_a_client_expects_in_order)
{
	struct subscriber *s = calloc(1, sizeof(*s));
	struct faxport_job_progress prog = { 0 };
	struct faxport_job_done done = { 0 };
	struct faxport_job_take take = { 0 };
	struct faxport_line_event ev;
	struct faxport_dial dial = { .number = "2" };
	struct pollfd pfd;
	int server = server_connect();
	int sender, receiver, i;
	__u32 id;

	ASSERT_NE(NULL, s);
	ASSERT_EQ(0, subscribe(s));
	sender = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	receiver = dsp_attach(2, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, sender);
	ASSERT_LE(0, receiver);
	ASSERT_EQ(0, submit_job(server, &id));

	/* The engine side: take the job, dial, get answered, send, done. */
	pfd.fd = sender;
	pfd.events = POLLPRI;
	do {
		ASSERT_EQ(1, poll(&pfd, 1, 2000));
		ASSERT_EQ(0, ioctl(sender, FAXPORT_IOC_LINE_EVENT, &ev));
	} while (ev.type != FAXPORT_LINE_EV_JOB);
	take.job_id = id;
	ASSERT_EQ(0, ioctl(sender, FAXPORT_IOC_JOB_TAKE, &take));
	close(take.document_fd);
	prog.job_id = id;
	prog.state = FAXPORT_STATE_DIALING;
	ASSERT_EQ(0, ioctl(sender, FAXPORT_IOC_JOB_PROGRESS, &prog));
	ASSERT_EQ(0, ioctl(sender, FAXPORT_IOC_LINE_DIAL, &dial));
	ASSERT_EQ(0, ioctl(receiver, FAXPORT_IOC_LINE_ANSWER));
	prog.state = FAXPORT_STATE_SENDING;
	prog.current_page = 1;
	ASSERT_EQ(0, ioctl(sender, FAXPORT_IOC_JOB_PROGRESS, &prog));
	done.job_id = id;
	done.state = FAXPORT_STATE_COMPLETED;
	done.pages = 1;
	ASSERT_EQ(0, ioctl(sender, FAXPORT_IOC_JOB_DONE, &done));
	ASSERT_EQ(0, ioctl(sender, FAXPORT_IOC_LINE_HANGUP));

	drain(s, 12, 2000);
	i = find(s, 0, FAXPORT_EV_FAXSVC_STARTED, 1, FAXPORT_NO_JOB);
	EXPECT_LE(0, i);
	i = find(s, 0, FAXPORT_EV_JOB_QUEUED, 0, id);
	ASSERT_LE(0, i);
	i = find(s, i, FAXPORT_EV_INITIALIZING, 1, id);
	ASSERT_LE(0, i) TH_LOG("no INITIALIZING after JOB_QUEUED");
	i = find(s, i, FAXPORT_EV_DIALING, 1, id);
	ASSERT_LE(0, i) TH_LOG("no DIALING after INITIALIZING");
	i = find(s, i, FAXPORT_EV_RINGING, 2, FAXPORT_NO_JOB);
	ASSERT_LE(0, i) TH_LOG("no RINGING after DIALING");
	i = find(s, i, FAXPORT_EV_ANSWERED, 2, FAXPORT_NO_JOB);
	ASSERT_LE(0, i) TH_LOG("no ANSWERED after RINGING");
	i = find(s, i, FAXPORT_EV_SENDING, 1, id);
	ASSERT_LE(0, i) TH_LOG("no SENDING after ANSWERED");
	i = find(s, i, FAXPORT_EV_COMPLETED, 1, id);
	ASSERT_LE(0, i) TH_LOG("no COMPLETED after SENDING");
	i = find(s, i, FAXPORT_EV_DELETED, 1, id);
	ASSERT_LE(0, i) TH_LOG("no DELETED after COMPLETED");
	EXPECT_LE(0, find(s, i, FAXPORT_EV_IDLE, 1, FAXPORT_NO_JOB));
	EXPECT_LE(0, find(s, i, FAXPORT_EV_IDLE, 2, FAXPORT_NO_JOB));
	for (i = 1; i < s->count; i++)
		EXPECT_EQ(s->events[i - 1].seq + 1, s->events[i].seq);

	close(sender);
	drain(s, s->count + 1, 2000);
	EXPECT_LE(0, find(s, 0, FAXPORT_EV_FAXSVC_ENDED, 1, FAXPORT_NO_JOB));
	close(receiver);
	unsubscribe(s);
	free(s);
	close(server);
}

static int receive_begin(int dsp, __u32 *job_id)
{
	struct faxport_receive_begin begin = { 0 };
	int ret = ioctl(dsp, FAXPORT_IOC_RECEIVE_BEGIN, &begin);

	*job_id = begin.job_id;
	return ret;
}

static int job_done(int dsp, __u32 job_id, __u32 state)
{
	struct faxport_job_done done = { .job_id = job_id, .state = state };

	return ioctl(dsp, FAXPORT_IOC_JOB_DONE, &done);
}

TEST(a_routed_receive_and_an_answered_call_without_fax_tones)
{
	struct subscriber *s = calloc(1, sizeof(*s));
	struct faxport_job_progress prog = { .state = FAXPORT_STATE_ROUTING };
	__u32 routed, not_fax;
	int dsp, i;

	ASSERT_NE(NULL, s);
	ASSERT_EQ(0, subscribe(s));
	dsp = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, dsp);

	/* The engine hands a received fax to its routing methods. */
	ASSERT_EQ(0, receive_begin(dsp, &routed));
	prog.job_id = routed;
	ASSERT_EQ(0, ioctl(dsp, FAXPORT_IOC_JOB_PROGRESS, &prog));
	ASSERT_EQ(0, job_done(dsp, routed, FAXPORT_STATE_COMPLETED));

	/* It answered, and no fax machine called. */
	ASSERT_EQ(0, receive_begin(dsp, &not_fax));
	ASSERT_EQ(0, job_done(dsp, not_fax, FAXPORT_STATE_NOT_FAX_CALL));

	drain(s, 8, 2000);
	i = find(s, 0, FAXPORT_EV_RECEIVING, 1, routed);
	ASSERT_LE(0, i);
	i = find(s, i, FAXPORT_EV_ROUTING, 1, routed);
	ASSERT_LE(0, i) TH_LOG("no ROUTING after RECEIVING");
	i = find(s, i, FAXPORT_EV_COMPLETED, 1, routed);
	ASSERT_LE(0, i) TH_LOG("no COMPLETED after ROUTING");
	i = find(s, i, FAXPORT_EV_NOT_FAX_CALL, 1, not_fax);
	ASSERT_LE(0, i) TH_LOG("no NOT_FAX_CALL for the second call");
	close(dsp);
	unsubscribe(s);
	free(s);
}

TEST(routing_and_not_fax_call_are_for_receive_jobs_only)
{
	struct faxport_job_take take = { 0 };
	struct faxport_job_progress prog = { .state = FAXPORT_STATE_ROUTING };
	struct faxport_line_event ev;
	struct pollfd pfd;
	int server = server_connect();
	int dsp;
	__u32 id;

	ASSERT_LE(0, server);
	dsp = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, dsp);
	ASSERT_EQ(0, submit_job(server, &id));
	pfd.fd = dsp;
	pfd.events = POLLPRI;
	do {
		ASSERT_EQ(1, poll(&pfd, 1, 2000));
		ASSERT_EQ(0, ioctl(dsp, FAXPORT_IOC_LINE_EVENT, &ev));
	} while (ev.type != FAXPORT_LINE_EV_JOB);
	take.job_id = id;
	ASSERT_EQ(0, ioctl(dsp, FAXPORT_IOC_JOB_TAKE, &take));
	close(take.document_fd);
	prog.job_id = id;
	EXPECT_EQ(-1, ioctl(dsp, FAXPORT_IOC_JOB_PROGRESS, &prog));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, job_done(dsp, id, FAXPORT_STATE_NOT_FAX_CALL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, delete_job(server, id));
	EXPECT_EQ(0, job_done(dsp, id, FAXPORT_STATE_DISCONNECTED));
	close(dsp);
	close(server);
}

TEST(a_user_line_going_down_is_line_unavailable)
{
	struct subscriber *s = calloc(1, sizeof(*s));
	struct faxport_port_add add = { .flags = FAXPORT_PORT_ADD_USER_LINE };
	struct faxport_line_attach attach = { .version = FAXPORT_API_VERSION };
	int server = server_connect();
	int provider;

	ASSERT_NE(NULL, s);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_PORT_ADD, &add));
	provider = port_node_open(add.device_id);
	ASSERT_LE(0, provider);
	ASSERT_EQ(0, ioctl(provider, FAXPORT_IOC_LINE_ATTACH, &attach));
	ASSERT_EQ(0, subscribe(s));

	/* Down without having been up says nothing. */
	ASSERT_EQ(0, ioctl(provider, FAXPORT_IOC_PROVIDER_LINE_DOWN));
	ASSERT_EQ(0, ioctl(provider, FAXPORT_IOC_PROVIDER_LINE_UP));
	ASSERT_EQ(0, ioctl(provider, FAXPORT_IOC_PROVIDER_LINE_DOWN));
	ASSERT_EQ(0, ioctl(provider, FAXPORT_IOC_PROVIDER_LINE_UP));
	/* A provider that goes away takes its line with it. */
	close(provider);
	drain(s, 2, 2000);
	ASSERT_EQ(2, s->count);
	EXPECT_EQ(FAXPORT_EV_LINE_UNAVAILABLE, s->events[0].id);
	EXPECT_EQ(add.device_id, s->events[0].device);
	EXPECT_EQ(FAXPORT_NO_JOB, s->events[0].job);
	EXPECT_EQ(FAXPORT_EV_LINE_UNAVAILABLE, s->events[1].id);
	EXPECT_EQ(add.device_id, s->events[1].device);
	unsubscribe(s);
	free(s);
	EXPECT_EQ(0, port_remove(server, add.device_id));
	close(server);
}

TEST(an_overrun_is_detected)
{
	struct subscriber *s = calloc(1, sizeof(*s));
	int server = server_connect();
	int i, gaps = 0;
	__u32 id;

	ASSERT_NE(NULL, s);
	ASSERT_EQ(0, subscribe(s));
	ASSERT_EQ(0, nl_socket_set_buffer_size(s->sk, 1024, 0));
	/* Many more events than a 1 KiB receive buffer holds, unread. */
	for (i = 0; i < 300; i++) {
		ASSERT_EQ(0, submit_job(server, &id));
		ASSERT_EQ(0, delete_job(server, id));
	}
	drain(s, 600, 500);
	for (i = 1; i < s->count; i++)
		if (s->events[i].seq != s->events[i - 1].seq + 1)
			gaps++;
	EXPECT_LT(s->count, 600);
	EXPECT_TRUE(s->overruns > 0 || gaps > 0)
		TH_LOG("%d events, %d overruns, %d gaps", s->count, s->overruns, gaps);
	EXPECT_LT(0, s->overruns) TH_LOG("ENOBUFS was not reported");
	unsubscribe(s);
	free(s);
	close(server);
}

TEST(anyone_may_subscribe)
{
	struct subscriber *s = calloc(1, sizeof(*s));
	pid_t child;
	int status;

	ASSERT_NE(NULL, s);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		int server;
		__u32 id;

		if (drop_to_nobody() || subscribe(s))
			_exit(1);
		server = server_connect();
		if (submit_job(server, &id) || delete_job(server, id))
			_exit(2);
		drain(s, 2, 2000);
		_exit(find(s, 0, FAXPORT_EV_JOB_QUEUED, 0, id) < 0 ? 3 : 0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	free(s);
}

/* A subscriber of the "config" group: the notices, in order. */
struct config_listener {
	struct nl_sock *sk;
	__u8 commands[64];
	__u32 changed[64];
	__u64 timestamps[64];
	int count;
};

static int on_config_notice(struct nl_msg *msg, void *arg)
{
	struct config_listener *l = arg;
	struct nlattr *a[FAXPORT_NL_A_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, FAXPORT_NL_A_MAX, NULL) ||
	    l->count >= 64)
		return NL_SKIP;
	l->commands[l->count] = genlmsg_hdr(nlmsg_hdr(msg))->cmd;
	l->changed[l->count] = a[FAXPORT_NL_A_CONFIG_CHANGED] ?
		nla_get_u32(a[FAXPORT_NL_A_CONFIG_CHANGED]) : 0;
	l->timestamps[l->count] = a[FAXPORT_NL_A_TIMESTAMP] ?
		nla_get_u64(a[FAXPORT_NL_A_TIMESTAMP]) : 0;
	l->count++;
	return NL_OK;
}

static int listen_config(struct config_listener *l)
{
	memset(l, 0, sizeof(*l));
	l->sk = join_group(FAXPORT_GENL_CONFIG_GROUP, on_config_notice, l);
	return l->sk ? 0 : -1;
}

static void config_wait(struct config_listener *l, int want, int timeout_ms)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(l->sk), .events = POLLIN };

	while (l->count < want && poll(&pfd, 1, timeout_ms) == 1)
		nl_recvmsgs_default(l->sk);
}

TEST(setting_the_logging_levels_or_the_config_is_notified)
{
	struct config_listener *l = calloc(1, sizeof(*l));
	struct faxport_logging logging, bad;
	struct faxport_config cfg;
	int server = server_connect();

	ASSERT_NE(NULL, l);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, listen_config(l));
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_GET, &logging));
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_SET, &logging));
	config_wait(l, 1, 2000);
	ASSERT_EQ(1, l->count);
	EXPECT_EQ(FAXPORT_NL_CMD_CONFIG_CHANGED, l->commands[0]);
	EXPECT_EQ(FAXPORT_CONFIG_CHANGED_LOGGING, l->changed[0]);
	EXPECT_NE(0, l->timestamps[0]);

	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_CONFIG_GET, &cfg));
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_CONFIG_SET, &cfg));
	config_wait(l, 2, 2000);
	ASSERT_EQ(2, l->count);
	EXPECT_EQ(FAXPORT_NL_CMD_CONFIG_CHANGED, l->commands[1]);
	EXPECT_EQ(FAXPORT_CONFIG_CHANGED_CONFIG, l->changed[1]);

	/* A refused set stores nothing and says nothing. */
	bad = logging;
	bad.level[0] = FAXPORT_LOG_LEVEL_MAX + 1;
	EXPECT_EQ(-1, ioctl(server, FAXPORT_IOC_LOGGING_SET, &bad));
	config_wait(l, 3, 300);
	EXPECT_EQ(2, l->count);
	nl_socket_free(l->sk);
	free(l);
	close(server);
}

/* The store-in-a-folder method, as the uAPI names it. */
static const __u8 store_in_folder[16] = FAXPORT_ROUTING_GUID_STORE_IN_FOLDER;

TEST(setting_a_port_or_the_routing_is_notified)
{
	struct config_listener *l = calloc(1, sizeof(*l));
	struct faxport_routing_set set = { .flags = FAXPORT_ROUTING_SET_INFO };
	struct faxport_routing_priority first = { .priority = 1 };
	struct faxport_port_config cfg = { 0 };
	struct faxport_port_info info;
	int server = server_connect();
	__u32 device_id;
	int m;

	ASSERT_NE(NULL, l);
	ASSERT_LE(0, server);
	/* A port of its own: a routing change marks the method configured. */
	ASSERT_EQ(0, port_add(server, "notices", "7701", &device_id));
	m = port_open(server, device_id, FAXPORT_OPEN_MODIFY);
	ASSERT_LE(0, m);
	ASSERT_EQ(0, listen_config(l));
	ASSERT_EQ(0, port_get(m, &info));
	cfg.flags = info.flags;
	cfg.rings = info.rings;
	cfg.priority = info.priority;
	memcpy(cfg.tsid, info.tsid, sizeof(cfg.tsid));
	memcpy(cfg.csid, info.csid, sizeof(cfg.csid));
	ASSERT_EQ(0, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	config_wait(l, 1, 2000);
	ASSERT_EQ(1, l->count);
	EXPECT_EQ(FAXPORT_NL_CMD_CONFIG_CHANGED, l->commands[0]);
	EXPECT_EQ(FAXPORT_CONFIG_CHANGED_PORT, l->changed[0]);

	/* "" is the engine's default folder, what a new port has. */
	memcpy(set.guid, store_in_folder, sizeof(set.guid));
	ASSERT_EQ(0, ioctl(m, FAXPORT_IOC_ROUTING_SET, &set));
	config_wait(l, 2, 2000);
	ASSERT_EQ(2, l->count);
	EXPECT_EQ(FAXPORT_CONFIG_CHANGED_ROUTING, l->changed[1]);

	memcpy(first.guid, store_in_folder, sizeof(first.guid));
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_ROUTING_PRIORITY, &first));
	config_wait(l, 3, 2000);
	ASSERT_EQ(3, l->count);
	EXPECT_EQ(FAXPORT_CONFIG_CHANGED_ROUTING, l->changed[2]);

	/* Refused: nothing stored, nothing said. */
	cfg.rings = 0;
	EXPECT_EQ(-1, ioctl(m, FAXPORT_IOC_PORT_SET, &cfg));
	first.priority = 0;
	EXPECT_EQ(-1, ioctl(server, FAXPORT_IOC_ROUTING_PRIORITY, &first));
	config_wait(l, 4, 300);
	EXPECT_EQ(3, l->count);
	nl_socket_free(l->sk);
	free(l);
	close(m);
	EXPECT_EQ(0, port_remove(server, device_id));
	close(server);
}

TEST(adding_or_removing_a_port_is_notified)
{
	struct config_listener *l = calloc(1, sizeof(*l));
	int server = server_connect();
	__u32 device_id;

	ASSERT_NE(NULL, l);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, listen_config(l));
	ASSERT_EQ(0, port_add(server, "notices", "7702", &device_id));
	config_wait(l, 1, 2000);
	ASSERT_EQ(1, l->count);
	EXPECT_EQ(FAXPORT_NL_CMD_CONFIG_CHANGED, l->commands[0]);
	EXPECT_EQ(FAXPORT_CONFIG_CHANGED_PORTS, l->changed[0]);
	ASSERT_EQ(0, port_remove(server, device_id));
	config_wait(l, 2, 2000);
	ASSERT_EQ(2, l->count);
	EXPECT_EQ(FAXPORT_CONFIG_CHANGED_PORTS, l->changed[1]);

	/* Refused: a port that is not there any more; nothing said. */
	EXPECT_NE(0, port_remove(server, device_id));
	config_wait(l, 3, 300);
	EXPECT_EQ(2, l->count);
	nl_socket_free(l->sk);
	free(l);
	close(server);
}

TEST(config_notices_stay_off_the_events_group)
{
	struct subscriber *s = calloc(1, sizeof(*s));
	struct faxport_logging logging;
	int server = server_connect();

	ASSERT_NE(NULL, s);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, subscribe(s));
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_GET, &logging));
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_SET, &logging));
	drain(s, 1, 300);
	EXPECT_EQ(0, s->count);
	unsubscribe(s);
	free(s);
	close(server);
}

TEST_HARNESS_MAIN
