// SPDX-License-Identifier: GPL-2.0
/*
 * The job queue at the ioctl level, with this test playing the DSP engine:
 * submitting with a document fd, dispatch to an engine, taking the job,
 * progress and results, retries, requeue when the engine dies, schedules,
 * pause/resume/delete and their rights, and the server configuration.
 */
#include <poll.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "faxport_test.h"
#include "kselftest_harness.h"

static const char document_text[] = "II*\0not really a TIFF, the kernel does not look";

/* A document file as a client has it: a regular file it opened itself. */
static int make_document(void)
{
	char path[] = "/tmp/faxjob-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	if (write(fd, document_text, sizeof(document_text)) != sizeof(document_text)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void param_init(struct faxport_job_param *p, const char *number)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->recipient_number, sizeof(p->recipient_number), "%s", number);
	strcpy(p->recipient_name, "Test Recipient \xc3\x9f");
	strcpy(p->document_name, "test.tif");
}

static int submit(int server, int doc, const struct faxport_job_param *p,
		  __u32 *job_id)
{
	struct faxport_job_submit s = { .document_fd = doc, .param = *p };
	int ret = ioctl(server, FAXPORT_IOC_JOB_SUBMIT, &s);

	if (!ret && job_id)
		*job_id = s.job_id;
	return ret;
}

static int submit_to(int server, const char *number, __u32 *job_id)
{
	struct faxport_job_param p;
	int doc = make_document();
	int ret, err;

	if (doc < 0)
		return -1;
	param_init(&p, number);
	ret = submit(server, doc, &p, job_id);
	err = errno;
	close(doc);	/* the kernel keeps its own reference */
	errno = err;
	return ret;
}

static int submit_simple(int server, __u32 *job_id)
{
	return submit_to(server, "2", job_id);
}

static int job_get(int server, __u32 id, struct faxport_job_info *info)
{
	struct faxport_job_get g = { .job_id = id };
	int ret = ioctl(server, FAXPORT_IOC_JOB_GET, &g);

	if (!ret)
		*info = g.info;
	return ret;
}

static int job_control(int server, __u32 id, __u32 command)
{
	struct faxport_job_control c = { .job_id = id, .command = command };

	return ioctl(server, FAXPORT_IOC_JOB_CONTROL, &c);
}

/* The next line event of an engine, waiting up to timeout_ms. */
static int engine_event(int dsp, struct faxport_line_event *ev, int timeout_ms)
{
	struct pollfd pfd = { .fd = dsp, .events = POLLPRI };

	if (poll(&pfd, 1, timeout_ms) != 1) {
		errno = ETIMEDOUT;
		return -1;
	}
	return ioctl(dsp, FAXPORT_IOC_LINE_EVENT, ev);
}

/* Wait for the JOB line event for job_id. */
static int engine_wait_job(int dsp, __u32 job_id, int timeout_ms)
{
	struct faxport_line_event ev;

	while (engine_event(dsp, &ev, timeout_ms) == 0)
		if (ev.type == FAXPORT_LINE_EV_JOB && ev.arg == job_id)
			return 0;
	return -1;
}

static int engine_take(int dsp, __u32 job_id, struct faxport_job_take *take)
{
	memset(take, 0, sizeof(*take));
	take->job_id = job_id;
	return ioctl(dsp, FAXPORT_IOC_JOB_TAKE, take);
}

static int engine_done(int dsp, __u32 job_id, __u32 state, __u32 pages)
{
	struct faxport_job_done d = {
		.job_id = job_id, .state = state, .pages = pages, .t30_code = 0,
	};

	return ioctl(dsp, FAXPORT_IOC_JOB_DONE, &d);
}

static int config_get(int server, struct faxport_config *cfg)
{
	return ioctl(server, FAXPORT_IOC_CONFIG_GET, cfg);
}

static int config_set(int server, const struct faxport_config *cfg)
{
	return ioctl(server, FAXPORT_IOC_CONFIG_SET, cfg);
}

/* Delete every job left in the queue (teardown: the queue is global). */
static void delete_all_jobs(int server)
{
	struct faxport_job_info infos[64];
	struct faxport_job_list list = {
		.count = 64,
		.info_size = sizeof(infos[0]),
		.infos = (__u64)(unsigned long)infos,
	};
	__u32 i;

	if (ioctl(server, FAXPORT_IOC_JOB_LIST, &list))
		return;
	for (i = 0; i < list.count && i < 64; i++)
		job_control(server, infos[i].job_id, FAXPORT_JC_DELETE);
}

FIXTURE(queue) {
	int server;
	int engine;	/* port 1's engine, when a test attaches it */
	struct faxport_config saved;
};

FIXTURE_SETUP(queue)
{
	struct faxport_config cfg;

	self->engine = -1;
	self->server = server_connect();
	ASSERT_LE(0, self->server);
	ASSERT_EQ(0, config_get(self->server, &self->saved));
	cfg = self->saved;
	cfg.retries = 1;
	cfg.retry_delay_min = 0;
	cfg.pause_server_queue = 0;
	ASSERT_EQ(0, config_set(self->server, &cfg));
}

FIXTURE_TEARDOWN(queue)
{
	if (self->engine >= 0)
		close(self->engine);
	delete_all_jobs(self->server);
	config_set(self->server, &self->saved);
	close(self->server);
}

TEST_F(queue, a_queued_job_shows_its_parameters)
{
	struct faxport_job_info info;
	struct timespec now;
	__u32 id;

	clock_gettime(CLOCK_REALTIME, &now);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	EXPECT_NE(0, id);
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(id, info.job_id);
	EXPECT_EQ(0, info.owner_uid);
	EXPECT_EQ(FAXPORT_JOB_SEND, info.job_type);
	/* No engine is attached: the job waits for a line. */
	EXPECT_EQ(FAXPORT_JS_NOLINE, info.queue_status);
	EXPECT_EQ(sizeof(document_text), info.size);
	EXPECT_EQ(1, info.retries_left);
	EXPECT_STREQ("2", info.param.recipient_number);
	EXPECT_STREQ("Test Recipient \xc3\x9f", info.param.recipient_name);
	EXPECT_LE((__u64)now.tv_sec * 1000000000ULL, info.submitted_ns);
}

TEST_F(queue, a_queued_job_shows_the_pages_its_client_counted)
{
	struct faxport_job_submit s;
	struct faxport_job_info info;
	int doc = make_document();

	ASSERT_LE(0, doc);
	memset(&s, 0, sizeof(s));
	s.document_fd = doc;
	s.page_count = 7;
	param_init(&s.param, "2");
	ASSERT_EQ(0, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	ASSERT_EQ(0, job_get(self->server, s.job_id, &info));
	EXPECT_EQ(7, info.total_pages);		/* FAX_JOB_ENTRY.PageCount while it waits */
	EXPECT_EQ(0, info.page_count);		/* none sent yet */
	job_control(self->server, s.job_id, FAXPORT_JC_DELETE);

	/* Not counted: 0, until the engine knows. */
	s.job_id = 0;
	s.page_count = 0;
	ASSERT_EQ(0, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	ASSERT_EQ(0, job_get(self->server, s.job_id, &info));
	EXPECT_EQ(0, info.total_pages);
	job_control(self->server, s.job_id, FAXPORT_JC_DELETE);

	/* More pages than any fax has is a mistake. */
	s.job_id = 0;
	s.page_count = 100001;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);
	close(doc);
}

/* Dial strings as people and PBXs write them. */
static const char *const dial_strings[] = {
	"9,5550100",		/* a PBX's outside line, then a pause */
	"+1 (425) 555-0100",	/* the canonical address format */
	"9W5550100",		/* wait for the second dial tone */
	"T0,,2.P3/4!#*",	/* tone, pulse, flash, separators */
	"w2t3p4",
};

static const char *const not_dial_strings[] = {
	",,W",		/* nothing to dial */
	"+",
	"() -",
	"2;",		/* Hayes: back to command mode */
	"2@",		/* Hayes: wait for quiet */
	"2\t3",
	"2A",
};

TEST_F(queue, dial_strings_are_queued_as_written)
{
	struct faxport_job_info info;
	size_t i;
	__u32 id;

	for (i = 0; i < sizeof(dial_strings) / sizeof(dial_strings[0]); i++) {
		ASSERT_EQ(0, submit_to(self->server, dial_strings[i], &id))
			TH_LOG("%s refused", dial_strings[i]);
		ASSERT_EQ(0, job_get(self->server, id, &info));
		EXPECT_STREQ(dial_strings[i], info.param.recipient_number);
	}
	for (i = 0; i < sizeof(not_dial_strings) / sizeof(not_dial_strings[0]); i++) {
		EXPECT_EQ(-1, submit_to(self->server, not_dial_strings[i], &id))
			TH_LOG("%s queued", not_dial_strings[i]);
		EXPECT_EQ(EINVAL, errno);
	}
}

/* The engine gets the string as written; the exchange calls the port its
 * digits name. */
TEST_F(queue, a_dial_string_reaches_the_port_its_digits_name)
{
	struct faxport_dial dial = { .number = "W,(2)!" };
	struct faxport_line_event ev;
	struct faxport_job_take take;
	struct faxport_job_info info;
	int callee, other;
	__u32 id;
	bool rang = false;

	/* Port 2 is first by priority, but "W,(2)!" calls it. */
	callee = dsp_attach(2, FAXPORT_CLOCK_FREE_RUNNING);
	other = dsp_attach(3, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, callee);
	ASSERT_LE(0, other);
	ASSERT_EQ(0, submit_to(self->server, dial.number, &id));
	ASSERT_EQ(0, engine_wait_job(other, id, 2000));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(3, info.device_id);
	ASSERT_EQ(0, engine_take(other, id, &take));
	EXPECT_STREQ("W,(2)!", take.info.param.recipient_number);
	close(take.document_fd);

	ASSERT_EQ(0, ioctl(other, FAXPORT_IOC_LINE_DIAL, &dial));
	while (!rang && engine_event(callee, &ev, 2000) == 0)
		rang = ev.type == FAXPORT_LINE_EV_RING;
	EXPECT_TRUE(rang);
	ASSERT_EQ(0, ioctl(other, FAXPORT_IOC_LINE_HANGUP, NULL));
	ASSERT_EQ(0, engine_done(other, id, FAXPORT_STATE_COMPLETED, 1));

	/* Port numbers stay digits, '*', '#' and '+'. */
	strcpy(dial.number, "2;");
	EXPECT_EQ(-1, ioctl(other, FAXPORT_IOC_LINE_DIAL, &dial));
	EXPECT_EQ(EINVAL, errno);
	close(other);
	close(callee);
}

TEST_F(queue, listing_counts_and_fills)
{
	struct faxport_job_info infos[4];
	struct faxport_job_list list = {
		.count = 4,
		.info_size = sizeof(infos[0]),
		.infos = (__u64)(unsigned long)infos,
	};
	__u32 a, b;

	ASSERT_EQ(0, submit_simple(self->server, &a));
	ASSERT_EQ(0, submit_simple(self->server, &b));
	ASSERT_EQ(0, ioctl(self->server, FAXPORT_IOC_JOB_LIST, &list));
	ASSERT_EQ(2, list.count);
	EXPECT_EQ(a, infos[0].job_id);
	EXPECT_EQ(b, infos[1].job_id);
	list.info_size = 12;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_LIST, &list));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(queue, submit_rejects_what_is_not_a_readable_file)
{
	struct faxport_job_param p;
	int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	char path[] = "/tmp/faxjob-wo-XXXXXX";
	int wo, tmp = mkstemp(path);
	__u32 id;

	param_init(&p, "2");
	ASSERT_LE(0, dir);
	ASSERT_LE(0, tmp);
	wo = open(path, O_WRONLY);
	ASSERT_LE(0, wo);
	EXPECT_EQ(-1, submit(self->server, 9999, &p, &id));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, submit(self->server, dir, &p, &id));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, submit(self->server, wo, &p, &id));
	EXPECT_EQ(EBADF, errno);
	unlink(path);
	close(wo);
	close(tmp);
	close(dir);
}

TEST_F(queue, submit_rejects_bad_parameters)
{
	struct faxport_job_submit s;
	int doc = make_document();

	ASSERT_LE(0, doc);
	memset(&s, 0, sizeof(s));
	s.document_fd = doc;
	param_init(&s.param, "");
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);	/* no recipient number */

	param_init(&s.param, "2");
	memset(s.param.sender_name, 'x', sizeof(s.param.sender_name));
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);	/* unterminated */

	param_init(&s.param, "2");
	strcpy(s.param.sender_name, "bad \xff utf-8");
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	param_init(&s.param, "2");
	strcpy(s.param.document_name, "line\nbreak");
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	param_init(&s.param, "2");
	s.param.schedule_action = 3;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	/* Reports: e-mail to an address, or none; no inbox on Linux. */
	param_init(&s.param, "2");
	s.param.delivery_report_type = FAXPORT_REPORT_INBOX;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);
	s.param.delivery_report_type = FAXPORT_REPORT_EMAIL;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);	/* e-mail to no address */
	s.param.delivery_report_type = 3;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	param_init(&s.param, "2");
	s.param.schedule_time_ns = 1;	/* a time without JSA_SPECIFIC_TIME */
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	param_init(&s.param, "2");
	s.flags = 1;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	s.flags = 0;
	s.job_id = 5;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, NULL));
	EXPECT_EQ(EFAULT, errno);
	close(doc);
}

/* The free-text fields of a job, and the TSID. */
static const struct {
	const char *name;
	size_t offset;
	size_t size;
} text_fields[] = {
#define TEXT_FIELD(f) { #f, offsetof(struct faxport_job_param, f), \
			sizeof(((struct faxport_job_param *)0)->f) }
	TEXT_FIELD(recipient_name),
	TEXT_FIELD(tsid),
	TEXT_FIELD(sender_name),
	TEXT_FIELD(sender_company),
	TEXT_FIELD(sender_dept),
	TEXT_FIELD(billing_code),
	TEXT_FIELD(delivery_report_address),
	TEXT_FIELD(document_name),
#undef TEXT_FIELD
};

TEST_F(queue, submit_refuses_controls_and_bidi_overrides_in_every_text_field)
{
	struct faxport_job_submit s;
	int doc = make_document();
	size_t f, i;
	__u32 id;

	ASSERT_LE(0, doc);
	for (f = 0; f < sizeof(text_fields) / sizeof(text_fields[0]); f++) {
		for (i = 0; i < TEXT_SAMPLES(hostile_text); i++) {
			memset(&s, 0, sizeof(s));
			s.document_fd = doc;
			param_init(&s.param, "2");
			snprintf((char *)&s.param + text_fields[f].offset,
				 text_fields[f].size, "a%sb", hostile_text[i]);
			EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s)) {
				TH_LOG("%s with hostile_text[%zu] queued",
				       text_fields[f].name, i);
				job_control(self->server, s.job_id, FAXPORT_JC_DELETE);
			}
			EXPECT_EQ(EINVAL, errno);
		}
		if (!strcmp(text_fields[f].name, "tsid"))
			continue;	/* a TSID is printable ASCII (T.30) */
		for (i = 0; i < TEXT_SAMPLES(ordinary_text); i++) {
			memset(&s, 0, sizeof(s));
			s.document_fd = doc;
			param_init(&s.param, "2");
			snprintf((char *)&s.param + text_fields[f].offset,
				 text_fields[f].size, "a%sb", ordinary_text[i]);
			EXPECT_EQ(0, ioctl(self->server, FAXPORT_IOC_JOB_SUBMIT, &s)) {
				TH_LOG("%s \"%s\" refused: %s", text_fields[f].name,
				       ordinary_text[i], strerror(errno));
			}
			id = s.job_id;
			job_control(self->server, id, FAXPORT_JC_DELETE);
		}
	}
	close(doc);
}

TEST_F(queue, the_engine_gets_the_job_and_the_document)
{
	struct faxport_job_progress prog = { 0 };
	struct faxport_job_take take;
	struct faxport_job_info info;
	char content[sizeof(document_text)];
	__u32 id;

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	EXPECT_EQ(id, take.info.job_id);
	EXPECT_STREQ("2", take.info.param.recipient_number);
	ASSERT_LE(0, take.document_fd);
	EXPECT_EQ(FD_CLOEXEC, fcntl(take.document_fd, F_GETFD) & FD_CLOEXEC);
	ASSERT_EQ(sizeof(content), pread(take.document_fd, content, sizeof(content), 0));
	EXPECT_EQ(0, memcmp(content, document_text, sizeof(content)));
	close(take.document_fd);

	/* A job is taken once. */
	EXPECT_EQ(-1, engine_take(self->engine, id, &take));
	EXPECT_EQ(ENOENT, errno);

	prog.job_id = id;
	prog.state = FAXPORT_STATE_SENDING;
	prog.current_page = 2;
	prog.total_pages = 3;
	strcpy(prog.remote_id, "+49 30 1234");
	ASSERT_EQ(0, ioctl(self->engine, FAXPORT_IOC_JOB_PROGRESS, &prog));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(FAXPORT_JS_INPROGRESS, info.queue_status);
	EXPECT_EQ(FAXPORT_STATE_SENDING, info.state);
	EXPECT_EQ(1, info.device_id);
	EXPECT_EQ(2, info.current_page);
	EXPECT_EQ(3, info.total_pages);
	EXPECT_STREQ("+49 30 1234", info.remote_id);

	ASSERT_EQ(0, engine_done(self->engine, id, FAXPORT_STATE_COMPLETED, 3));
	EXPECT_EQ(-1, job_get(self->server, id, &info));
	EXPECT_EQ(ENOENT, errno);	/* a sent fax leaves the queue */
}

/* Set port 1's TSID through its MODIFY handle; the old one goes to old_tsid. */
static int port1_set_tsid(int server, const char *tsid, char *old_tsid,
			  size_t old_size)
{
	struct faxport_port_config cfg = { 0 };
	struct faxport_port_info info;
	int handle = port_open(server, 1, FAXPORT_OPEN_MODIFY);
	int ret = -1;

	if (handle < 0)
		return -1;
	if (port_get(handle, &info))
		goto out;
	if (old_tsid)
		snprintf(old_tsid, old_size, "%s", info.tsid);
	cfg.flags = info.flags;
	cfg.rings = info.rings;
	cfg.priority = info.priority;
	snprintf(cfg.tsid, sizeof(cfg.tsid), "%s", tsid);
	snprintf(cfg.csid, sizeof(cfg.csid), "%s", info.csid);
	ret = ioctl(handle, FAXPORT_IOC_PORT_SET, &cfg);
out:
	close(handle);
	return ret;
}

/* The TSID the engine is told to send for a job that asked for its own. */
static int tsid_the_engine_gets(int server, int engine, char *tsid,
				size_t size)
{
	struct faxport_job_take take;
	struct faxport_job_param p;
	int doc = make_document();
	__u32 id;
	int ret;

	if (doc < 0)
		return -1;
	param_init(&p, "2");
	strcpy(p.tsid, "+1 555 CHOSEN");
	ret = submit(server, doc, &p, &id);
	close(doc);
	if (ret || engine_wait_job(engine, id, 2000) ||
	    engine_take(engine, id, &take))
		return -1;
	close(take.document_fd);
	snprintf(tsid, size, "%s", take.info.param.tsid);
	return engine_done(engine, id, FAXPORT_STATE_COMPLETED, 1);
}

TEST_F(queue, use_device_tsid_decides_which_tsid_is_sent)
{
	char old_tsid[FAXPORT_IDENT_SIZE], tsid[FAXPORT_IDENT_SIZE];
	struct faxport_config cfg;

	ASSERT_EQ(0, port1_set_tsid(self->server, "+49 30 PORT", old_tsid,
				    sizeof(old_tsid)));
	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, config_get(self->server, &cfg));

	/* On (the server's default): the port's TSID, whatever the job says. */
	cfg.use_device_tsid = 1;
	ASSERT_EQ(0, config_set(self->server, &cfg));
	ASSERT_EQ(0, tsid_the_engine_gets(self->server, self->engine, tsid,
					  sizeof(tsid)));
	EXPECT_STREQ("+49 30 PORT", tsid);

	/* Off: the job's own. */
	cfg.use_device_tsid = 0;
	ASSERT_EQ(0, config_set(self->server, &cfg));
	ASSERT_EQ(0, tsid_the_engine_gets(self->server, self->engine, tsid,
					  sizeof(tsid)));
	EXPECT_STREQ("+1 555 CHOSEN", tsid);

	close(self->engine);
	self->engine = -1;
	EXPECT_EQ(0, port1_set_tsid(self->server, old_tsid, NULL, 0));
}

TEST_F(queue, a_failed_attempt_is_retried_then_kept_as_failed)
{
	struct faxport_job_take take;
	struct faxport_job_info info;
	__u32 id;

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	close(take.document_fd);
	ASSERT_EQ(0, engine_done(self->engine, id, FAXPORT_STATE_BUSY, 0));

	/* retries = 1, retry delay 0: it comes straight back, a new attempt. */
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(0, info.retries_left);
	EXPECT_EQ(0, info.state);
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	close(take.document_fd);
	ASSERT_EQ(0, engine_done(self->engine, id, FAXPORT_STATE_NO_ANSWER, 0));

	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(FAXPORT_JS_RETRIES_EXCEEDED | FAXPORT_JS_FAILED, info.queue_status);
	EXPECT_EQ(0, info.device_id);
	EXPECT_EQ(FAXPORT_STATE_NO_ANSWER, info.state) TH_LOG("why it failed");

	/* Resume restarts it with a fresh set of attempts. */
	ASSERT_EQ(0, job_control(self->server, id, FAXPORT_JC_RESUME));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(1, info.retries_left);
}

TEST_F(queue, a_job_waiting_to_retry_says_why_the_last_attempt_failed)
{
	struct faxport_config saved, cfg;
	struct faxport_job_take take;
	struct faxport_job_info info;
	__u32 id;

	/* Ten minutes between attempts: the job waits in the queue. */
	ASSERT_EQ(0, config_get(self->server, &saved));
	cfg = saved;
	cfg.retry_delay_min = 10;
	ASSERT_EQ(0, config_set(self->server, &cfg));
	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	close(take.document_fd);
	ASSERT_EQ(0, engine_done(self->engine, id, FAXPORT_STATE_BUSY, 0));

	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_RETRYING);
	EXPECT_EQ(0, info.device_id);
	EXPECT_EQ(FAXPORT_STATE_BUSY, info.state) TH_LOG("FPS_BUSY while it waits, not 0");
	job_control(self->server, id, FAXPORT_JC_DELETE);
	EXPECT_EQ(0, config_set(self->server, &saved));
}

TEST_F(queue, an_engine_that_takes_no_jobs_is_never_given_one)
{
	struct faxport_dsp_attach attach = {
		.version = FAXPORT_API_VERSION,
		.flags = FAXPORT_ATTACH_NO_JOBS,
		.clock = FAXPORT_CLOCK_FREE_RUNNING,
	};
	struct faxport_job_info info;
	struct faxport_job_take take;
	int modem, engine3;
	__u32 id;

	/* Port 1 (the first in priority) lent to a Class 1 modem, port 3 to faxd. */
	modem = port_node_open(1);
	ASSERT_LE(0, modem);
	ASSERT_EQ(0, ioctl(modem, FAXPORT_IOC_DSP_ATTACH, &attach));
	engine3 = dsp_attach(3, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, engine3);

	ASSERT_EQ(0, submit_simple(self->server, &id));
	EXPECT_EQ(0, engine_wait_job(engine3, id, 2000)) TH_LOG("the job went elsewhere");
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(3, info.device_id);
	EXPECT_EQ(-1, engine_take(modem, id, &take));
	EXPECT_EQ(ENOENT, errno);
	job_control(self->server, id, FAXPORT_JC_DELETE);
	close(engine3);

	/* Alone, it leaves the job waiting for a line, not on its port. */
	ASSERT_EQ(0, submit_simple(self->server, &id));
	EXPECT_NE(0, engine_wait_job(modem, id, 500)) TH_LOG("the modem's port got the job");
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(0, info.device_id);
	EXPECT_FALSE(info.queue_status & FAXPORT_JS_INPROGRESS);
	job_control(self->server, id, FAXPORT_JC_DELETE);
	close(modem);
}

TEST_F(queue, a_bad_address_is_not_retried)
{
	struct faxport_job_take take;
	struct faxport_job_info info;
	__u32 id;

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	close(take.document_fd);
	ASSERT_EQ(0, engine_done(self->engine, id, FAXPORT_STATE_BAD_ADDRESS, 0));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_RETRIES_EXCEEDED);
	EXPECT_EQ(1, info.retries_left);
}

TEST_F(queue, an_engine_that_dies_gives_its_job_back)
{
	struct faxport_job_take take;
	struct faxport_job_info info;
	__u32 id;
	pid_t child;
	int status;

	ASSERT_EQ(0, submit_simple(self->server, &id));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		int dsp = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);

		if (dsp < 0 || engine_wait_job(dsp, id, 2000) ||
		    engine_take(dsp, id, &take))
			_exit(1);
		/* Killed in the middle of the job: no done, no close. */
		raise(SIGKILL);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFSIGNALED(status)) TH_LOG("the engine did not get the job");

	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(0, info.device_id);
	EXPECT_FALSE(info.queue_status & FAXPORT_JS_INPROGRESS);
	EXPECT_EQ(1, info.retries_left);	/* not counted as an attempt */

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	close(take.document_fd);
}

TEST_F(queue, removing_the_port_requeues_its_job)
{
	struct faxport_job_take take;
	struct faxport_job_info info;
	__u32 port, id;
	int dsp;

	ASSERT_EQ(0, port_add(self->server, "", "", &port));
	dsp = dsp_attach(port, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, dsp);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(dsp, id, 2000));
	ASSERT_EQ(0, engine_take(dsp, id, &take));
	ASSERT_EQ(0, port_remove(self->server, port));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(0, info.device_id);
	EXPECT_EQ(-1, engine_done(dsp, id, FAXPORT_STATE_COMPLETED, 1));
	EXPECT_EQ(ENODEV, errno);
	close(take.document_fd);
	close(dsp);
}

TEST_F(queue, pause_and_resume)
{
	struct faxport_job_info info;
	__u32 id;

	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, job_control(self->server, id, FAXPORT_JC_PAUSE));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_PAUSED);

	/* A paused job is not dispatched. */
	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	EXPECT_EQ(-1, engine_wait_job(self->engine, id, 300));

	ASSERT_EQ(0, job_control(self->server, id, FAXPORT_JC_RESUME));
	EXPECT_EQ(0, engine_wait_job(self->engine, id, 2000));
}

TEST_F(queue, a_job_paused_on_the_line_waits_paused_when_it_comes_back)
{
	struct faxport_job_take take;
	struct faxport_job_info info;
	__u32 id;

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	close(take.document_fd);

	/* On the line, the call goes on: the pause acts when it returns. */
	ASSERT_EQ(0, job_control(self->server, id, FAXPORT_JC_PAUSE));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(1, info.device_id);
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_INPROGRESS);

	/* Busy, with retries left (delay 0): back in the queue, paused, not dispatched. */
	ASSERT_EQ(0, engine_done(self->engine, id, FAXPORT_STATE_BUSY, 0));
	EXPECT_EQ(-1, engine_wait_job(self->engine, id, 300)) TH_LOG("dispatched while paused");
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_PAUSED);
	EXPECT_EQ(0, info.device_id);

	ASSERT_EQ(0, job_control(self->server, id, FAXPORT_JC_RESUME));
	EXPECT_EQ(0, engine_wait_job(self->engine, id, 2000));
}

TEST_F(queue, deleting_a_job_on_the_line_aborts_its_call)
{
	struct faxport_line_event ev;
	struct faxport_job_take take;
	struct faxport_job_info info;
	__u32 id;

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	close(take.document_fd);

	ASSERT_EQ(0, job_control(self->server, id, FAXPORT_JC_DELETE));
	ASSERT_EQ(0, engine_event(self->engine, &ev, 2000));
	EXPECT_EQ(FAXPORT_LINE_EV_ABORT, ev.type);
	EXPECT_EQ(id, ev.arg);
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_DELETING);

	ASSERT_EQ(0, engine_done(self->engine, id, FAXPORT_STATE_DISCONNECTED, 0));
	EXPECT_EQ(-1, job_get(self->server, id, &info));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(queue, deleting_a_queued_job_removes_it)
{
	struct faxport_job_info info;
	__u32 id;

	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, job_control(self->server, id, FAXPORT_JC_DELETE));
	EXPECT_EQ(-1, job_get(self->server, id, &info));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, job_control(self->server, id, FAXPORT_JC_DELETE));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(queue, the_owner_can_read_the_queued_document)
{
	struct faxport_job_document req = { 0 };
	char content[sizeof(document_text)];
	__u32 id;
	pid_t child;
	int status;

	ASSERT_EQ(0, submit_simple(self->server, &id));
	req.job_id = id;
	ASSERT_EQ(0, ioctl(self->server, FAXPORT_IOC_JOB_DOCUMENT, &req));
	ASSERT_EQ(sizeof(content), pread(req.document_fd, content, sizeof(content), 0));
	EXPECT_EQ(0, memcmp(content, document_text, sizeof(content)));
	EXPECT_EQ(FD_CLOEXEC, fcntl(req.document_fd, F_GETFD) & FD_CLOEXEC);
	close(req.document_fd);

	req.document_fd = 0;
	req.flags = 1;
	EXPECT_EQ(-1, ioctl(self->server, FAXPORT_IOC_JOB_DOCUMENT, &req));
	EXPECT_EQ(EINVAL, errno);

	/* Someone else may see the job, not its content. */
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		struct faxport_job_document other = { .job_id = id };
		int server;

		if (drop_to_nobody())
			_exit(10);
		server = server_connect();
		if (ioctl(server, FAXPORT_IOC_JOB_DOCUMENT, &other) != -1 ||
		    errno != EACCES)
			_exit(11);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(queue, job_control_rejects_bad_commands)
{
	__u32 id;

	ASSERT_EQ(0, submit_simple(self->server, &id));
	EXPECT_EQ(-1, job_control(self->server, id, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, job_control(self->server, id, 4));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, job_control(self->server, 0x7ffffff0, FAXPORT_JC_PAUSE));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(queue, others_may_not_touch_my_job_without_job_manage)
{
	__u32 id;
	pid_t child;
	int status;

	ASSERT_EQ(0, submit_simple(self->server, &id));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		int server;
		struct faxport_job_info info;

		if (drop_to_nobody())
			_exit(10);
		server = server_connect();
		/* Visible (JOB_QUERY is a default right), not controllable. */
		if (job_get(server, id, &info))
			_exit(11);
		if (job_control(server, id, FAXPORT_JC_DELETE) != -1 || errno != EACCES)
			_exit(12);
		if (job_control(server, id, FAXPORT_JC_PAUSE) != -1 || errno != EACCES)
			_exit(13);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(queue, a_scheduled_job_waits_for_its_time)
{
	struct faxport_job_param p;
	struct timespec now;
	__u32 later, past;
	int doc = make_document();

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	clock_gettime(CLOCK_REALTIME, &now);
	param_init(&p, "2");
	p.schedule_action = FAXPORT_SCHEDULE_AT;
	p.schedule_time_ns = (now.tv_sec + 3600) * 1000000000ULL;
	ASSERT_EQ(0, submit(self->server, doc, &p, &later));
	p.schedule_time_ns = (now.tv_sec - 60) * 1000000000ULL;
	ASSERT_EQ(0, submit(self->server, doc, &p, &past));
	close(doc);
	/* The one due already goes; the one an hour away does not. */
	EXPECT_EQ(0, engine_wait_job(self->engine, past, 2000));
	EXPECT_EQ(-1, engine_wait_job(self->engine, later, 300));
}

TEST_F(queue, a_paused_server_queue_dispatches_nothing)
{
	struct faxport_config cfg;
	__u32 id;

	ASSERT_EQ(0, config_get(self->server, &cfg));
	cfg.pause_server_queue = 1;
	ASSERT_EQ(0, config_set(self->server, &cfg));
	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	EXPECT_EQ(-1, engine_wait_job(self->engine, id, 300));
	cfg.pause_server_queue = 0;
	ASSERT_EQ(0, config_set(self->server, &cfg));
	EXPECT_EQ(0, engine_wait_job(self->engine, id, 2000));
}

TEST_F(queue, jobs_go_to_send_enabled_ports_by_priority)
{
	struct faxport_port_config cfg = { 0 };
	struct faxport_port_info info;
	int other, handle;
	__u32 id;

	/* Port 3 is first by priority but may not send; port 4 may. */
	handle = port_open(self->server, 3, FAXPORT_OPEN_MODIFY);
	ASSERT_LE(0, handle);
	ASSERT_EQ(0, port_get(handle, &info));
	cfg.flags = FAXPORT_PORT_RECEIVE;
	cfg.rings = info.rings;
	cfg.priority = 1;
	memcpy(cfg.tsid, info.tsid, sizeof(cfg.tsid));
	memcpy(cfg.csid, info.csid, sizeof(cfg.csid));
	ASSERT_EQ(0, ioctl(handle, FAXPORT_IOC_PORT_SET, &cfg));

	self->engine = dsp_attach(3, FAXPORT_CLOCK_FREE_RUNNING);
	other = dsp_attach(4, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_LE(0, other);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	EXPECT_EQ(0, engine_wait_job(other, id, 2000));
	close(other);

	cfg.flags = info.flags;
	cfg.priority = info.priority;
	ASSERT_EQ(0, ioctl(handle, FAXPORT_IOC_PORT_SET, &cfg));
	close(handle);
}

TEST_F(queue, a_job_does_not_go_to_the_port_it_calls)
{
	struct faxport_job_info info;
	int callee, other;
	__u32 id;

	/* Port 2 is first by priority, but it is the recipient. */
	callee = dsp_attach(2, FAXPORT_CLOCK_FREE_RUNNING);
	other = dsp_attach(3, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, callee);
	ASSERT_LE(0, other);
	ASSERT_EQ(0, submit_to(self->server, "2", &id));
	EXPECT_EQ(0, engine_wait_job(other, id, 2000));
	ASSERT_EQ(0, job_get(self->server, id, &info));
	EXPECT_EQ(3, info.device_id);
	close(other);
	close(callee);
}

TEST_F(queue, a_job_only_its_recipient_could_send_waits_for_a_line)
{
	struct faxport_job_info info;
	__u32 waiting, other_number;
	int callee, other;

	callee = dsp_attach(2, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, callee);
	ASSERT_EQ(0, submit_to(self->server, "2", &waiting));
	EXPECT_EQ(-1, engine_wait_job(callee, waiting, 300));
	ASSERT_EQ(0, job_get(self->server, waiting, &info));
	EXPECT_EQ(0, info.device_id);
	EXPECT_TRUE(info.queue_status & FAXPORT_JS_NOLINE);
	EXPECT_EQ(1, info.retries_left);	/* no attempt spent */

	/* The idle port still serves a job it does not answer itself. */
	ASSERT_EQ(0, submit_to(self->server, "3", &other_number));
	EXPECT_EQ(0, engine_wait_job(callee, other_number, 2000));

	/* A port that is not the recipient comes: the waiting job goes. */
	other = dsp_attach(3, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, other);
	EXPECT_EQ(0, engine_wait_job(other, waiting, 2000));
	ASSERT_EQ(0, job_get(self->server, waiting, &info));
	EXPECT_EQ(3, info.device_id);
	EXPECT_FALSE(info.queue_status & FAXPORT_JS_NOLINE);
	close(other);
	close(callee);
}

TEST_F(queue, engines_can_only_act_on_their_own_jobs)
{
	struct faxport_job_progress prog = { 0 };
	struct faxport_job_take take;
	__u32 id;
	int other;

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	other = dsp_attach(2, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, other);
	EXPECT_EQ(-1, engine_take(other, id, &take));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, engine_done(other, id, FAXPORT_STATE_COMPLETED, 1));
	EXPECT_EQ(ENOENT, errno);
	/* Not taken yet: no progress either. */
	prog.job_id = id;
	prog.state = FAXPORT_STATE_DIALING;
	EXPECT_EQ(-1, ioctl(self->engine, FAXPORT_IOC_JOB_PROGRESS, &prog));
	EXPECT_EQ(ENOENT, errno);
	close(other);
}

TEST_F(queue, engine_reports_are_checked)
{
	struct faxport_job_progress prog = { 0 };
	struct faxport_job_take take;
	__u32 id;

	self->engine = dsp_attach(1, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, submit_simple(self->server, &id));
	ASSERT_EQ(0, engine_wait_job(self->engine, id, 2000));
	ASSERT_EQ(0, engine_take(self->engine, id, &take));
	close(take.document_fd);

	prog.job_id = id;
	prog.state = FAXPORT_STATE_COMPLETED;	/* that is what done is for */
	EXPECT_EQ(-1, ioctl(self->engine, FAXPORT_IOC_JOB_PROGRESS, &prog));
	EXPECT_EQ(EINVAL, errno);
	prog.state = FAXPORT_STATE_SENDING;
	strcpy(prog.remote_id, "bad\x01id");
	EXPECT_EQ(-1, ioctl(self->engine, FAXPORT_IOC_JOB_PROGRESS, &prog));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, engine_done(self->engine, id, FAXPORT_STATE_RINGING, 0));
	EXPECT_EQ(EINVAL, errno);
	take.flags = 1;
	EXPECT_EQ(-1, ioctl(self->engine, FAXPORT_IOC_JOB_TAKE, &take));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(queue, a_receive_is_a_job_while_it_lasts)
{
	struct faxport_receive_begin begin = { 0 };
	struct faxport_job_info info;

	self->engine = dsp_attach(2, FAXPORT_CLOCK_FREE_RUNNING);
	ASSERT_LE(0, self->engine);
	ASSERT_EQ(0, ioctl(self->engine, FAXPORT_IOC_RECEIVE_BEGIN, &begin));
	ASSERT_EQ(0, job_get(self->server, begin.job_id, &info));
	EXPECT_EQ(FAXPORT_JOB_RECEIVE, info.job_type);
	EXPECT_EQ(FAXPORT_STATE_RECEIVING, info.state);
	EXPECT_EQ(2, info.device_id);
	/* One job per port at a time. */
	EXPECT_EQ(-1, ioctl(self->engine, FAXPORT_IOC_RECEIVE_BEGIN, &begin));
	EXPECT_EQ(EINVAL, errno);	/* job_id was filled in: not zero */
	begin.job_id = 0;
	EXPECT_EQ(-1, ioctl(self->engine, FAXPORT_IOC_RECEIVE_BEGIN, &begin));
	EXPECT_EQ(EBUSY, errno);
	ASSERT_EQ(0, job_get(self->server, info.job_id, &info));
	ASSERT_EQ(0, engine_done(self->engine, info.job_id, FAXPORT_STATE_COMPLETED, 2));
	EXPECT_EQ(-1, job_get(self->server, info.job_id, &info));
}

/*
 * In a child that becomes @uid: submit @count jobs, each must be queued,
 * then (if @refused_errno) one more, which must fail with it. Returns the
 * child's exit status: 0 when all went as expected.
 */
static int submit_as(uid_t uid, int count, int refused_errno)
{
	pid_t child = fork();
	int status, server, i;

	if (child < 0)
		return -1;
	if (child == 0) {
		if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
		    setresuid(uid, uid, uid))
			_exit(10);
		server = server_connect();
		if (server < 0)
			_exit(11);
		for (i = 0; i < count; i++)
			if (submit_simple(server, NULL))
				_exit(20 + i);
		if (refused_errno &&
		    (submit_simple(server, NULL) != -1 || errno != refused_errno))
			_exit(12);
		_exit(0);
	}
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST_F(queue, one_user_cannot_fill_the_queue)
{
	char saved_limit[32], saved_rights[32];

	ASSERT_EQ(0, param_read("user_job_limit", saved_limit, sizeof(saved_limit)));
	EXPECT_STREQ("256", saved_limit);
	ASSERT_EQ(0, param_read("user_rights", saved_rights, sizeof(saved_rights)));
	EXPECT_EQ(-1, param_write("user_job_limit", "0"));
	EXPECT_EQ(-1, param_write("user_job_limit", "4097"));
	ASSERT_EQ(0, param_write("user_job_limit", "3"));

	/* A plain user queues three, the fourth is over its quota. */
	EXPECT_EQ(0, submit_as(NOBODY_UID, 3, EDQUOT));
	/* Another user still can. */
	EXPECT_EQ(0, submit_as(NOBODY_UID - 1, 1, 0));
	/* A handle with JOB_MANAGE is not limited. */
	ASSERT_EQ(0, param_write("user_rights", "0x57"));
	EXPECT_EQ(0, submit_as(NOBODY_UID, 2, 0));
	ASSERT_EQ(0, param_write("user_rights", saved_rights));
	EXPECT_EQ(0, submit_as(NOBODY_UID, 0, EDQUOT));
	/* Jobs that leave the queue give their owner room again. */
	delete_all_jobs(self->server);
	EXPECT_EQ(0, submit_as(NOBODY_UID, 3, EDQUOT));

	param_write("user_job_limit", saved_limit);
}

static __u64 realtime_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return now.tv_sec * 1000000000ULL + now.tv_nsec;
}

#define DAY_NS (86400ULL * 1000000000ULL)

TEST_F(queue, a_job_cannot_be_scheduled_too_far_ahead)
{
	struct faxport_job_param p;
	char saved[32];
	int doc = make_document();
	__u32 id;

	ASSERT_LE(0, doc);
	ASSERT_EQ(0, param_read("job_max_days", saved, sizeof(saved)));
	EXPECT_STREQ("31", saved);
	param_init(&p, "2");
	p.schedule_action = FAXPORT_SCHEDULE_AT;
	p.schedule_time_ns = realtime_ns() + 32 * DAY_NS;
	EXPECT_EQ(-1, submit(self->server, doc, &p, &id));
	EXPECT_EQ(EINVAL, errno);
	p.schedule_time_ns = realtime_ns() + 30 * DAY_NS;
	EXPECT_EQ(0, submit(self->server, doc, &p, &id));

	ASSERT_EQ(0, param_write("job_max_days", "1"));
	p.schedule_time_ns = realtime_ns() + 2 * DAY_NS;
	EXPECT_EQ(-1, submit(self->server, doc, &p, &id));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, param_write("job_max_days", "366"));
	param_write("job_max_days", saved);
	close(doc);
}

/* Wait up to 3 s for the job to have all of @status or, if 0, to be gone. */
static int wait_job_status(int server, __u32 id, __u32 status)
{
	struct timespec tick = { .tv_nsec = 50 * 1000 * 1000 };
	struct faxport_job_info info;
	int i;

	for (i = 0; i < 60; i++) {
		int ret = job_get(server, id, &info);

		if (!status && ret && errno == ENOENT)
			return 0;
		if (status && !ret && (info.queue_status & status) == status)
			return 0;
		nanosleep(&tick, NULL);
	}
	return -1;
}

TEST_F(queue, a_job_that_cannot_start_expires)
{
	struct faxport_config cfg;
	char saved[32];
	__u32 id;

	/* No engine is attached: the jobs wait for a line. */
	ASSERT_EQ(0, param_read("job_max_days", saved, sizeof(saved)));
	ASSERT_EQ(0, param_write("job_max_days", "0"));
	ASSERT_EQ(0, config_get(self->server, &cfg));

	/* It fails, and is kept dirty_days like any failed job... */
	cfg.dirty_days = 1;
	ASSERT_EQ(0, config_set(self->server, &cfg));
	ASSERT_EQ(0, submit_simple(self->server, &id));
	EXPECT_EQ(0, wait_job_status(self->server, id,
				     FAXPORT_JS_FAILED | FAXPORT_JS_RETRIES_EXCEEDED));

	/* ...so with dirty_days 0 it goes. */
	cfg.dirty_days = 0;
	ASSERT_EQ(0, config_set(self->server, &cfg));
	ASSERT_EQ(0, submit_simple(self->server, &id));
	EXPECT_EQ(0, wait_job_status(self->server, id, 0));
	param_write("job_max_days", saved);
}

TEST(submit_needs_the_submit_right)
{
	char saved[32];
	int server;
	__u32 id;

	ASSERT_EQ(0, param_read("user_rights", saved, sizeof(saved)));
	ASSERT_EQ(0, param_write("user_rights", "0x16"));
	if (fork() == 0) {
		if (drop_to_nobody())
			_exit(1);
		server = server_connect();
		if (submit_simple(server, &id) != -1 || errno != EACCES)
			_exit(2);
		_exit(0);
	} else {
		int status;

		wait(&status);
		param_write("user_rights", saved);
		EXPECT_EQ(0, WEXITSTATUS(status));
	}
}

TEST(configuration_round_trip_and_checks)
{
	struct faxport_config saved, cfg, back;
	int server = server_connect();

	ASSERT_LE(0, server);
	ASSERT_EQ(0, config_get(server, &saved));
	cfg = saved;
	cfg.retries = 7;
	cfg.retry_delay_min = 15;
	cfg.start_cheap_min = 22 * 60;
	strcpy(cfg.archive_dir, "/var/spool/faxport/sent");
	ASSERT_EQ(0, config_set(server, &cfg));
	ASSERT_EQ(0, config_get(server, &back));
	EXPECT_EQ(0, memcmp(&cfg, &back, sizeof(cfg)));

	back = cfg;
	back.retries = 100;
	EXPECT_EQ(-1, config_set(server, &back));
	EXPECT_EQ(EINVAL, errno);
	back = cfg;
	back.stop_cheap_min = 1440;
	EXPECT_EQ(-1, config_set(server, &back));
	EXPECT_EQ(EINVAL, errno);
	back = cfg;
	back.branding = 2;
	EXPECT_EQ(-1, config_set(server, &back));
	EXPECT_EQ(EINVAL, errno);
	back = cfg;
	strcpy(back.archive_dir, "relative/path");
	EXPECT_EQ(-1, config_set(server, &back));
	EXPECT_EQ(EINVAL, errno);
	for (size_t i = 0; i < TEXT_SAMPLES(hostile_text); i++) {
		back = cfg;
		snprintf(back.archive_dir, sizeof(back.archive_dir), "/srv/fax%s",
			 hostile_text[i]);
		EXPECT_EQ(-1, config_set(server, &back)) {
			TH_LOG("an archive folder with hostile_text[%zu] was stored", i);
		}
		EXPECT_EQ(EINVAL, errno);
	}
	back = cfg;
	back.reserved[1] = 1;
	EXPECT_EQ(-1, config_set(server, &back));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, config_set(server, &saved));
	close(server);
}

TEST(configuration_rights)
{
	struct faxport_config cfg;
	struct faxport_logging logging;
	int server;

	ASSERT_EQ(0, drop_to_nobody());
	server = server_connect();
	ASSERT_LE(0, server);
	EXPECT_EQ(0, config_get(server, &cfg));	/* CONFIG_QUERY by default */
	EXPECT_EQ(-1, config_set(server, &cfg));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_GET, &logging));
	EXPECT_EQ(-1, ioctl(server, FAXPORT_IOC_LOGGING_SET, &logging));
	EXPECT_EQ(EACCES, errno);
	close(server);
}

TEST(logging_levels)
{
	struct faxport_logging saved, l, back;
	int server = server_connect();

	ASSERT_LE(0, server);
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_GET, &saved));
	l = saved;
	l.level[1] = 3;
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_SET, &l));
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_GET, &back));
	EXPECT_EQ(3, back.level[1]);
	l.level[2] = 4;
	EXPECT_EQ(-1, ioctl(server, FAXPORT_IOC_LOGGING_SET, &l));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, ioctl(server, FAXPORT_IOC_LOGGING_SET, &saved));
	close(server);
}

TEST_HARNESS_MAIN
