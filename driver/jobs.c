// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: the job queue.
 *
 * A client submits a send job with the fd of its document; the kernel
 * keeps that open file and, when the job is due, gives it to an idle
 * send-enabled port whose DSP engine is attached (lowest priority value
 * first), never to the port that has the recipient number: that one
 * would dial itself. A job no other port can take waits (JS_NOLINE). The
 * engine takes the job (and a new fd of the document),
 * reports progress and the result; the queue turns those into job state
 * and events, retries failures after the configured delay, and requeues
 * a job whose engine detached or whose port was removed, without counting
 * that as a failed attempt: nothing a client queued is lost.
 *
 * faxport_jobs_lock protects every job, the queue, and each port's ->job.
 * It is never held while user memory is read or written, nor while an fd
 * is installed: a fault that never completes (a page of a FUSE file, a
 * hung network file system) would stop every user, the engines, port
 * removal and module unload, in a sleep no signal ends. Arguments are
 * copied in before the lock, results out after it; a new job's id is
 * reserved and told to its submitter before the job can be found, and a
 * document fd is reserved first and installed last.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "faxport.h"

static_assert(sizeof(struct faxport_job_param) == 976);
static_assert(sizeof(struct faxport_job_submit) == 992);
static_assert(sizeof(struct faxport_job_info) == 1088);
static_assert(sizeof(struct faxport_job_list) == 16);
static_assert(sizeof(struct faxport_job_get) == 1096);
static_assert(sizeof(struct faxport_job_control) == 8);
static_assert(sizeof(struct faxport_job_document) == 16);
static_assert(sizeof(struct faxport_job_take) == 1104);
static_assert(sizeof(struct faxport_job_progress) == 48);
static_assert(sizeof(struct faxport_job_done) == 16);
static_assert(sizeof(struct faxport_receive_begin) == 8);

#define FAXPORT_MAX_JOBS	FAXPORT_JOBS_MAX
#define FAXPORT_MAX_PAGES	100000
#define NSEC_PER_MINUTE		(60ULL * NSEC_PER_SEC)
#define NSEC_PER_DAY		(1440ULL * NSEC_PER_MINUTE)

/**
 * struct faxport_job - a job in the queue
 * @id: its id
 * @owner: who submitted it
 * @type: FAXPORT_JOB_SEND or FAXPORT_JOB_RECEIVE
 * @queue_status: FAXPORT_JS_* bits
 * @state: FAXPORT_STATE_* while an engine works on it, else 0
 * @port: the port it is assigned to (a device reference is held), or NULL
 * @taken: the port's engine took it
 * @delete_pending: deleted while on the line: goes when the engine is done
 * @document: the client's open document (send jobs)
 * @size: the document's size when submitted
 * @page_count: pages delivered
 * @total_pages: the document's pages: the client's count, then the engine's
 * @current_page: the page on the line
 * @retries_left: attempts left after the current one
 * @t30_code: the last completion code
 * @submitted_ns: CLOCK_REALTIME of submission
 * @started_ns: CLOCK_REALTIME the current attempt started
 * @next_try_ns: CLOCK_REALTIME of the next attempt (or of expiry when
 *	retries are exhausted)
 * @expires_ns: CLOCK_REALTIME after which a send job still waiting to
 *	start (paused, no line) fails
 * @remote_id: the far end's station id
 * @param: the submitted parameters
 */
struct faxport_job {
	u32 id;
	kuid_t owner;
	u32 type;
	u32 queue_status;
	u32 state;
	struct faxport_port *port;
	bool taken;
	bool delete_pending;
	struct file *document;
	u64 size;
	u32 page_count;
	u32 total_pages;
	u32 current_page;
	u32 retries_left;
	u32 t30_code;
	u64 submitted_ns;
	u64 started_ns;
	u64 next_try_ns;
	u64 expires_ns;
	char remote_id[FAXPORT_IDENT_SIZE];
	struct faxport_job_param param;
};

static DEFINE_MUTEX(faxport_jobs_lock);
static DEFINE_XARRAY_ALLOC1(faxport_jobs);	/* under faxport_jobs_lock */
/* Send jobs queued per owner (kuid -> xa_mk_value); under the jobs lock. */
static DEFINE_XARRAY(faxport_user_jobs);
static u32 faxport_next_job_id = 1;
static unsigned int faxport_job_count;
static bool faxport_jobs_stopped;

/*
 * One user may not fill the queue that everybody shares: a handle without
 * FAXPORT_RIGHT_JOB_MANAGE queues at most user_job_limit send jobs of its
 * owner (-EDQUOT).
 */
static unsigned int user_job_limit = 256;

static int faxport_param_set_bounded(const char *val,
				     const struct kernel_param *kp,
				     unsigned int min, unsigned int max)
{
	unsigned int n;
	int ret = kstrtouint(val, 0, &n);

	if (ret)
		return ret;
	if (n < min || n > max)
		return -EINVAL;
	WRITE_ONCE(*(unsigned int *)kp->arg, n);
	return 0;
}

static int user_job_limit_set(const char *val, const struct kernel_param *kp)
{
	return faxport_param_set_bounded(val, kp, 1, FAXPORT_MAX_JOBS);
}

static const struct kernel_param_ops user_job_limit_ops = {
	.set = user_job_limit_set,
	.get = param_get_uint,
};
module_param_cb(user_job_limit, &user_job_limit_ops, &user_job_limit, 0644);
MODULE_PARM_DESC(user_job_limit,
		 "Send jobs one user may queue without the JOB_MANAGE right (1..4096, default 256)");

/*
 * How far ahead a job may be scheduled (-EINVAL beyond), and how long a
 * job may wait to start after it was due (paused, no line) before it
 * fails and, like any failed job, goes after dirty_days: no job stays for
 * ever. 0: a job must be due now and fails when it cannot start at once.
 */
static unsigned int job_max_days = 31;

static int job_max_days_set(const char *val, const struct kernel_param *kp)
{
	return faxport_param_set_bounded(val, kp, 0, 365);
}

static const struct kernel_param_ops job_max_days_ops = {
	.set = job_max_days_set,
	.get = param_get_uint,
};
module_param_cb(job_max_days, &job_max_days_ops, &job_max_days, 0644);
MODULE_PARM_DESC(job_max_days,
		 "Days ahead a job may be scheduled, and days a due job may wait to start (0..365, default 31)");

static u64 faxport_job_max_wait_ns(void)
{
	return READ_ONCE(job_max_days) * NSEC_PER_DAY;
}

static void faxport_dispatch(struct work_struct *work);
static DECLARE_DELAYED_WORK(faxport_dispatch_work, faxport_dispatch);

/**
 * faxport_jobs_kick() - run the dispatcher soon (something changed)
 */
void faxport_jobs_kick(void)
{
	mod_delayed_work(system_wq, &faxport_dispatch_work, 0);
}

static u32 faxport_job_event_port(struct faxport_job *job)
{
	return job->port ? job->port->device_id : 0;
}

/* Called with faxport_jobs_lock held: the send jobs @owner has queued. */
static unsigned int faxport_user_job_count(kuid_t owner)
{
	void *entry = xa_load(&faxport_user_jobs, __kuid_val(owner));

	lockdep_assert_held(&faxport_jobs_lock);
	return entry ? xa_to_value(entry) : 0;
}

/* Called with faxport_jobs_lock held: @owner has one send job more. */
static int faxport_user_job_add(kuid_t owner)
{
	unsigned int count = faxport_user_job_count(owner) + 1;

	return xa_err(xa_store(&faxport_user_jobs, __kuid_val(owner),
			       xa_mk_value(count), GFP_KERNEL));
}

/* Called with faxport_jobs_lock held: @owner has one send job less. */
static void faxport_user_job_drop(kuid_t owner)
{
	unsigned int count = faxport_user_job_count(owner);

	if (WARN_ON(!count))
		return;
	if (count == 1)
		xa_erase(&faxport_user_jobs, __kuid_val(owner));
	else	/* replaces an entry: allocates nothing, cannot fail */
		xa_store(&faxport_user_jobs, __kuid_val(owner),
			 xa_mk_value(count - 1), GFP_KERNEL);
}

/* Called with faxport_jobs_lock held: the job leaves the queue. */
static void faxport_job_remove(struct faxport_job *job)
{
	lockdep_assert_held(&faxport_jobs_lock);
	xa_erase(&faxport_jobs, job->id);
	faxport_job_count--;
	if (job->type == FAXPORT_JOB_SEND)
		faxport_user_job_drop(job->owner);
	faxport_event(FAXPORT_EV_DELETED, faxport_job_event_port(job), job->id);
	if (job->port) {
		job->port->job = NULL;
		put_device(&job->port->dev);
	}
	if (job->document)
		fput(job->document);
	kfree(job);
	faxport_object_gone(FAXPORT_OBJECT_JOB);
}

/* Called with faxport_jobs_lock held: the job is off its port. */
static void faxport_job_unassign(struct faxport_job *job)
{
	lockdep_assert_held(&faxport_jobs_lock);
	if (!job->port)
		return;
	job->port->job = NULL;
	put_device(&job->port->dev);
	job->port = NULL;
	job->taken = false;
	job->state = 0;
	job->current_page = 0;
}

static bool faxport_job_visible(struct faxport_job *job,
				const struct faxport_server_handle *srv)
{
	return (srv->rights & FAXPORT_RIGHT_JOB_QUERY) ||
	       uid_eq(job->owner, srv->uid);
}

static void faxport_job_fill_info(struct faxport_job *job,
				  struct faxport_job_info *info,
				  struct user_namespace *ns)
{
	memset(info, 0, sizeof(*info));
	info->job_id = job->id;
	info->owner_uid = from_kuid_munged(ns, job->owner);
	info->job_type = job->type;
	info->queue_status = job->queue_status;
	info->state = job->state;
	info->device_id = faxport_job_event_port(job);
	info->size = job->size;
	info->page_count = job->page_count;
	info->total_pages = job->total_pages;
	info->current_page = job->current_page;
	info->retries_left = job->retries_left;
	info->t30_code = job->t30_code;
	info->submitted_ns = job->submitted_ns;
	info->started_ns = job->started_ns;
	info->next_try_ns = job->next_try_ns;
	strscpy(info->remote_id, job->remote_id, sizeof(info->remote_id));
	info->param = job->param;
}

/* When may a JSA_DISCOUNT_PERIOD job go: now if inside the window. */
static u64 faxport_discount_start(u64 now, const struct faxport_config *cfg)
{
	u64 day_start = now - now % NSEC_PER_DAY;
	u32 minute = (now % NSEC_PER_DAY) / NSEC_PER_MINUTE;
	u32 start = cfg->start_cheap_min, stop = cfg->stop_cheap_min;
	bool inside;

	if (start == stop)
		return now;	/* an empty window means "always cheap" */
	if (start < stop)
		inside = minute >= start && minute < stop;
	else
		inside = minute >= start || minute < stop;
	if (inside)
		return now;
	if (minute < start)
		return day_start + start * NSEC_PER_MINUTE;
	return day_start + NSEC_PER_DAY + start * NSEC_PER_MINUTE;
}

static bool faxport_param_strings_valid(const struct faxport_job_param *p)
{
	return faxport_string_terminated(p->recipient_number,
					 sizeof(p->recipient_number)) &&
	       faxport_string_terminated(p->recipient_name,
					 sizeof(p->recipient_name)) &&
	       faxport_string_terminated(p->tsid, sizeof(p->tsid)) &&
	       faxport_string_terminated(p->sender_name,
					 sizeof(p->sender_name)) &&
	       faxport_string_terminated(p->sender_company,
					 sizeof(p->sender_company)) &&
	       faxport_string_terminated(p->sender_dept,
					 sizeof(p->sender_dept)) &&
	       faxport_string_terminated(p->billing_code,
					 sizeof(p->billing_code)) &&
	       faxport_string_terminated(p->delivery_report_address,
					 sizeof(p->delivery_report_address)) &&
	       faxport_string_terminated(p->document_name,
					 sizeof(p->document_name));
}

static bool faxport_param_valid(const struct faxport_job_param *p)
{
	if (!faxport_param_strings_valid(p))
		return false;
	if (!faxport_text_valid(p->recipient_name) ||
	    !faxport_text_valid(p->sender_name) ||
	    !faxport_text_valid(p->sender_company) ||
	    !faxport_text_valid(p->sender_dept) ||
	    !faxport_text_valid(p->billing_code) ||
	    !faxport_text_valid(p->delivery_report_address) ||
	    !faxport_text_valid(p->document_name))
		return false;
	if (!faxport_dial_string_valid(p->recipient_number) ||
	    (p->tsid[0] && !faxport_ident_valid(p->tsid)))
		return false;
	if (p->schedule_action > FAXPORT_SCHEDULE_DISCOUNT)
		return false;
	/*
	 * The engine mails a report to the address; an inbox report has no
	 * engine that could deliver it on Linux, so it is refused, not kept.
	 */
	if (p->delivery_report_type != FAXPORT_REPORT_NONE &&
	    (p->delivery_report_type != FAXPORT_REPORT_EMAIL ||
	     !p->delivery_report_address[0]))
		return false;
	if (p->schedule_action != FAXPORT_SCHEDULE_AT && p->schedule_time_ns)
		return false;
	return true;
}

/*
 * Called with faxport_jobs_lock held: take an id for a new job. Its slot
 * in the queue is reserved but empty, so nobody can find the job until
 * faxport_job_publish() fills it: the id can reach the caller first, with
 * no lock held while user memory is written.
 */
static int faxport_job_reserve(const struct faxport_job *job, bool limited,
			       u32 *id)
{
	bool send = job->type == FAXPORT_JOB_SEND;
	int ret;

	lockdep_assert_held(&faxport_jobs_lock);
	if (faxport_jobs_stopped)
		return -ENODEV;
	if (faxport_job_count >= FAXPORT_MAX_JOBS)
		return -ENOSPC;
	if (send && limited &&
	    faxport_user_job_count(job->owner) >= READ_ONCE(user_job_limit))
		return -EDQUOT;
	if (send) {
		ret = faxport_user_job_add(job->owner);
		if (ret)
			return ret;
	}
	ret = xa_alloc_cyclic(&faxport_jobs, id, NULL, xa_limit_31b,
			      &faxport_next_job_id, GFP_KERNEL);
	if (ret < 0) {
		if (send)
			faxport_user_job_drop(job->owner);
		return ret;
	}
	faxport_job_count++;
	return 0;
}

/* Called with faxport_jobs_lock held: give a reserved id back. */
static void faxport_job_unreserve(const struct faxport_job *job, u32 id)
{
	lockdep_assert_held(&faxport_jobs_lock);
	xa_erase(&faxport_jobs, id);
	faxport_job_count--;
	if (job->type == FAXPORT_JOB_SEND)
		faxport_user_job_drop(job->owner);
}

/*
 * Reserve an id and copy it to @id_out, the lock released before the
 * copy: a write fault that never completes stalls only its own caller.
 * On failure nothing is reserved.
 */
static int faxport_job_reserve_and_tell(const struct faxport_job *job,
					bool limited, u32 __user *id_out,
					u32 *id)
{
	int ret;

	mutex_lock(&faxport_jobs_lock);
	ret = faxport_job_reserve(job, limited, id);
	mutex_unlock(&faxport_jobs_lock);
	if (ret)
		return ret;
	if (put_user(*id, id_out)) {
		mutex_lock(&faxport_jobs_lock);
		faxport_job_unreserve(job, *id);
		mutex_unlock(&faxport_jobs_lock);
		return -EFAULT;
	}
	return 0;
}

/* Called with faxport_jobs_lock held: the job takes its reserved slot. */
static void faxport_job_publish(struct faxport_job *job, u32 id)
{
	lockdep_assert_held(&faxport_jobs_lock);
	job->id = id;
	/* The slot exists: storing into it allocates nothing, cannot fail. */
	WARN_ON(xa_is_err(xa_store(&faxport_jobs, id, job, GFP_KERNEL)));
}

static long faxport_job_submit(struct faxport_server_handle *srv,
			       struct faxport_job_submit __user *uarg)
{
	struct faxport_job_submit submit;
	struct faxport_config cfg;
	struct faxport_job *job;
	struct file *doc;
	u64 now;
	u32 id;
	int ret;

	if (!(srv->rights & FAXPORT_RIGHT_JOB_SUBMIT))
		return -EACCES;
	if (copy_from_user(&submit, uarg, sizeof(submit)))
		return -EFAULT;
	if (submit.flags || submit.job_id || submit.page_count > FAXPORT_MAX_PAGES ||
	    !faxport_param_valid(&submit.param))
		return -EINVAL;
	now = ktime_get_real_ns();
	if (submit.param.schedule_time_ns > now + faxport_job_max_wait_ns())
		return -EINVAL;	/* further ahead than job_max_days */

	doc = fget(submit.document_fd);
	if (!doc)
		return -EBADF;
	if (!S_ISREG(file_inode(doc)->i_mode) || !(doc->f_mode & FMODE_READ) ||
	    !(doc->f_mode & FMODE_PREAD)) {
		fput(doc);
		return -EBADF;
	}
	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job) {
		fput(doc);
		return -ENOMEM;
	}
	faxport_object_born(FAXPORT_OBJECT_JOB);
	faxport_config_read(&cfg);
	job->owner = srv->uid;
	job->type = FAXPORT_JOB_SEND;
	job->queue_status = FAXPORT_JS_PENDING;
	job->document = doc;
	job->size = i_size_read(file_inode(doc));
	job->retries_left = cfg.retries;
	job->submitted_ns = now;
	job->total_pages = submit.page_count;
	job->param = submit.param;
	if (submit.param.schedule_action == FAXPORT_SCHEDULE_AT)
		job->next_try_ns = submit.param.schedule_time_ns;
	else if (submit.param.schedule_action == FAXPORT_SCHEDULE_DISCOUNT)
		job->next_try_ns = faxport_discount_start(now, &cfg);
	job->expires_ns = max(now, job->next_try_ns) + faxport_job_max_wait_ns();

	/*
	 * The id reaches the caller before anyone can act on the job; if the
	 * copy faults the job is withdrawn as if never submitted.
	 */
	ret = faxport_job_reserve_and_tell(job,
					   !(srv->rights & FAXPORT_RIGHT_JOB_MANAGE),
					   &uarg->job_id, &id);
	if (ret)
		goto err_free;
	mutex_lock(&faxport_jobs_lock);
	faxport_job_publish(job, id);
	faxport_event(FAXPORT_EV_JOB_QUEUED, 0, job->id);
	mutex_unlock(&faxport_jobs_lock);
	faxport_jobs_kick();
	return 0;

err_free:
	fput(doc);
	kfree(job);
	faxport_object_gone(FAXPORT_OBJECT_JOB);
	return ret;
}

static long faxport_job_list(struct faxport_server_handle *srv,
			     struct file *file,
			     struct faxport_job_list __user *uarg)
{
	struct faxport_job_info *infos = NULL;
	struct faxport_job_list list;
	struct faxport_job *job;
	u32 total = 0, filled = 0;
	unsigned long id;
	long ret = 0;

	if (copy_from_user(&list, uarg, sizeof(list)))
		return -EFAULT;
	if (list.info_size != sizeof(struct faxport_job_info) ||
	    list.count > FAXPORT_MAX_JOBS)
		return -EINVAL;
	if (list.count) {
		infos = kvcalloc(list.count, sizeof(*infos), GFP_KERNEL);
		if (!infos)
			return -ENOMEM;
	}
	mutex_lock(&faxport_jobs_lock);
	xa_for_each(&faxport_jobs, id, job) {
		if (!faxport_job_visible(job, srv))
			continue;
		if (filled < list.count)
			faxport_job_fill_info(job, &infos[filled++],
					      file->f_cred->user_ns);
		total++;
	}
	mutex_unlock(&faxport_jobs_lock);
	if (filled && copy_to_user(u64_to_user_ptr(list.infos), infos,
				   filled * sizeof(*infos)))
		ret = -EFAULT;
	else if (put_user(total, &uarg->count))
		ret = -EFAULT;
	kvfree(infos);
	return ret;
}

static long faxport_job_get(struct faxport_server_handle *srv,
			    struct file *file,
			    struct faxport_job_get __user *uarg)
{
	struct faxport_job_info *info;
	struct faxport_job *job;
	u32 id, reserved;
	long ret = 0;

	if (get_user(id, &uarg->job_id) || get_user(reserved, &uarg->reserved))
		return -EFAULT;
	if (reserved)
		return -EINVAL;
	info = kmalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	mutex_lock(&faxport_jobs_lock);
	job = xa_load(&faxport_jobs, id);
	if (!job || !faxport_job_visible(job, srv))
		ret = -ENOENT;
	else
		faxport_job_fill_info(job, info, file->f_cred->user_ns);
	mutex_unlock(&faxport_jobs_lock);
	if (!ret && copy_to_user(&uarg->info, info, sizeof(*info)))
		ret = -EFAULT;
	kfree(info);
	return ret;
}

/* Called with faxport_jobs_lock held. */
static long faxport_job_delete(struct faxport_job *job)
{
	struct faxport_port *port = job->port;

	if (port && job->taken) {
		/* Its engine hangs up, reports done, and then the job goes. */
		if (!job->delete_pending) {
			job->delete_pending = true;
			job->queue_status |= FAXPORT_JS_DELETING;
			faxport_event(FAXPORT_EV_ABORTING, port->device_id, job->id);
			faxport_line_notify(port, FAXPORT_LINE_EV_ABORT, job->id);
		}
		return 0;
	}
	faxport_job_remove(job);
	return 0;
}

static long faxport_job_control(struct faxport_server_handle *srv,
				struct faxport_job_control __user *uarg)
{
	struct faxport_job_control ctl;
	struct faxport_config cfg;
	struct faxport_job *job;
	long ret = 0;

	if (copy_from_user(&ctl, uarg, sizeof(ctl)))
		return -EFAULT;
	if (ctl.command < FAXPORT_JC_DELETE || ctl.command > FAXPORT_JC_RESUME)
		return -EINVAL;
	faxport_config_read(&cfg);

	mutex_lock(&faxport_jobs_lock);
	job = xa_load(&faxport_jobs, ctl.job_id);
	if (!job || !faxport_job_visible(job, srv)) {
		ret = -ENOENT;
		goto out;
	}
	if (!uid_eq(job->owner, srv->uid) &&
	    !(srv->rights & FAXPORT_RIGHT_JOB_MANAGE)) {
		ret = -EACCES;
		goto out;
	}
	switch (ctl.command) {
	case FAXPORT_JC_DELETE:
		ret = faxport_job_delete(job);
		break;
	case FAXPORT_JC_PAUSE:
		/*
		 * A job on the line finishes its call; if it comes back to
		 * the queue (to retry), it waits there paused, as Windows
		 * documents for JC_PAUSE.
		 */
		if (job->type != FAXPORT_JOB_SEND)
			ret = -EBUSY;
		else
			job->queue_status |= FAXPORT_JS_PAUSED;
		break;
	case FAXPORT_JC_RESUME:
		if (job->type != FAXPORT_JOB_SEND) {
			ret = -EBUSY;
			break;
		}
		job->queue_status &= ~FAXPORT_JS_PAUSED;
		if (job->queue_status & FAXPORT_JS_RETRIES_EXCEEDED) {
			/* A restart: a fresh set of attempts, from now. */
			job->queue_status &= ~(FAXPORT_JS_RETRIES_EXCEEDED |
					       FAXPORT_JS_FAILED);
			job->retries_left = cfg.retries;
			job->next_try_ns = 0;
			job->expires_ns = ktime_get_real_ns() +
					  faxport_job_max_wait_ns();
		}
		break;
	}
out:
	mutex_unlock(&faxport_jobs_lock);
	if (!ret)
		faxport_jobs_kick();
	return ret;
}

static long faxport_job_document(struct faxport_server_handle *srv,
				 struct faxport_job_document __user *uarg)
{
	struct faxport_job_document req;
	struct file *doc = NULL;
	struct faxport_job *job;
	long ret = 0;
	int fd;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved || req.document_fd)
		return -EINVAL;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	mutex_lock(&faxport_jobs_lock);
	job = xa_load(&faxport_jobs, req.job_id);
	if (!job || !faxport_job_visible(job, srv) || !job->document)
		ret = -ENOENT;
	else if (!uid_eq(job->owner, srv->uid) &&
		 !(srv->rights & FAXPORT_RIGHT_JOB_MANAGE))
		ret = -EACCES;
	else
		doc = get_file(job->document);
	mutex_unlock(&faxport_jobs_lock);
	/* The fd number goes out with no lock held, the fd exists last. */
	if (!ret && put_user(fd, &uarg->document_fd))
		ret = -EFAULT;
	if (ret) {
		put_unused_fd(fd);
		if (doc)
			fput(doc);
		return ret;
	}
	fd_install(fd, doc);
	return 0;
}

/**
 * faxport_jobs_ioctl() - the job ioctls of a server handle
 * @srv: the handle
 * @file: its file (for the reader's user namespace)
 * @cmd: a FAXPORT_IOC_JOB_* command
 * @uarg: its argument
 *
 * Return: 0 or a negative errno.
 */
long faxport_jobs_ioctl(struct faxport_server_handle *srv, struct file *file,
			unsigned int cmd, void __user *uarg)
{
	switch (cmd) {
	case FAXPORT_IOC_JOB_SUBMIT:
		return faxport_job_submit(srv, uarg);
	case FAXPORT_IOC_JOB_LIST:
		return faxport_job_list(srv, file, uarg);
	case FAXPORT_IOC_JOB_GET:
		return faxport_job_get(srv, file, uarg);
	case FAXPORT_IOC_JOB_CONTROL:
		return faxport_job_control(srv, uarg);
	case FAXPORT_IOC_JOB_DOCUMENT:
		return faxport_job_document(srv, uarg);
	}
	return -ENOTTY;
}

/*
 * Called with faxport_jobs_lock held: a due send job that cannot start
 * now (paused, queue paused, no line) waits, until it expires: then it
 * fails and stays dirty_days like a job out of retries.
 */
static void faxport_job_wait(struct faxport_job *job, u64 now,
			     const struct faxport_config *cfg, u64 *next)
{
	lockdep_assert_held(&faxport_jobs_lock);
	if (job->expires_ns > now) {
		*next = min(*next, job->expires_ns);
		return;
	}
	job->queue_status &= ~(FAXPORT_JS_NOLINE | FAXPORT_JS_RETRYING);
	job->queue_status |= FAXPORT_JS_RETRIES_EXCEEDED | FAXPORT_JS_FAILED;
	job->retries_left = 0;
	job->next_try_ns = now + cfg->dirty_days * NSEC_PER_DAY;
	if (job->next_try_ns <= now)
		faxport_job_remove(job);
	else
		*next = min(*next, job->next_try_ns);
}

static void faxport_dispatch(struct work_struct *work)
{
	u64 now = ktime_get_real_ns(), next = U64_MAX;
	struct faxport_config cfg;
	struct faxport_job *job;
	bool no_line = false;
	unsigned long id;

	faxport_config_read(&cfg);
	mutex_lock(&faxport_jobs_lock);
	xa_for_each(&faxport_jobs, id, job) {
		struct faxport_port *port;

		if (job->type != FAXPORT_JOB_SEND || job->port)
			continue;
		if (job->queue_status & FAXPORT_JS_RETRIES_EXCEEDED) {
			/* Failed jobs stay dirty_days, then are removed. */
			if (job->next_try_ns <= now)
				faxport_job_remove(job);
			else
				next = min(next, job->next_try_ns);
			continue;
		}
		if (job->next_try_ns > now) {
			next = min(next, job->next_try_ns);
			continue;
		}
		if (job->queue_status & FAXPORT_JS_PAUSED ||
		    cfg.pause_server_queue) {
			faxport_job_wait(job, now, &cfg, &next);
			continue;
		}
		port = NULL;
		if (!no_line) {
			bool any_idle;

			port = faxport_port_pick_sender(job->param.recipient_number,
							&any_idle);
			/*
			 * Only the recipient's own port idle: a later job
			 * for another number may still take it.
			 */
			no_line = !any_idle;
		}
		if (!port) {
			/*
			 * It waits: a port may attach or finish its call.
			 * Failing would make a client resubmit what the
			 * queue can still deliver.
			 */
			job->queue_status |= FAXPORT_JS_NOLINE;
			faxport_job_wait(job, now, &cfg, &next);
			continue;
		}
		job->port = port;	/* the reference the picker took */
		port->job = job;
		job->state = 0;		/* a new attempt: the last one's outcome is history */
		job->queue_status &= ~(FAXPORT_JS_NOLINE | FAXPORT_JS_RETRYING);
		job->queue_status |= FAXPORT_JS_INPROGRESS;
		job->started_ns = now;
		faxport_line_notify(port, FAXPORT_LINE_EV_JOB, job->id);
	}
	if (next != U64_MAX && !faxport_jobs_stopped) {
		u64 delay_ms = div_u64(next - now, NSEC_PER_MSEC) + 1;

		/* Far-off schedules are looked at again once a day. */
		schedule_delayed_work(&faxport_dispatch_work,
				      msecs_to_jiffies(min_t(u64, delay_ms,
							     MSEC_PER_SEC * 86400)));
	}
	mutex_unlock(&faxport_jobs_lock);
}

/* The job an engine on @port may act on, or NULL. Jobs lock held. */
static struct faxport_job *faxport_engine_job(struct faxport_port *port,
					      u32 job_id)
{
	struct faxport_job *job = xa_load(&faxport_jobs, job_id);

	if (!job || job->port != port || port->job != job)
		return NULL;
	return job;
}

/*
 * Called with faxport_jobs_lock held: a take whose result could not reach
 * the engine is undone, so the engine may take the job again. A delete
 * that came meanwhile waited for an engine that never had the job: it
 * happens now.
 */
static void faxport_engine_untake(struct faxport_port *port, u32 job_id)
{
	struct faxport_job *job = faxport_engine_job(port, job_id);

	lockdep_assert_held(&faxport_jobs_lock);
	if (!job || !job->taken)
		return;
	if (job->delete_pending)
		faxport_job_remove(job);
	else
		job->taken = false;
}

/*
 * UseDeviceTsid: the server sends with the port's TSID, whatever the job
 * asked for, so that a receiver sees only station ids the admin set. The
 * job keeps its own TSID for whoever lists it; only the engine, which
 * dials, gets the port's. Jobs lock held: the port's TSID cannot change
 * while the port has a job (PORT_SET says -EBUSY).
 */
static void faxport_job_device_tsid(struct faxport_port *port,
				    struct faxport_job_param *param)
{
	lockdep_assert_held(&faxport_jobs_lock);
	mutex_lock(&port->lock);
	strscpy_pad(param->tsid, port->tsid, sizeof(param->tsid));
	mutex_unlock(&port->lock);
}

static long faxport_engine_take(struct faxport_port *port,
				struct faxport_job_take __user *uarg,
				struct file *engine_file)
{
	struct faxport_job_take *take;
	struct faxport_config cfg;
	struct file *doc = NULL;
	struct faxport_job *job;
	bool use_device_tsid;
	long ret = 0;
	int fd;

	take = kmalloc(sizeof(*take), GFP_KERNEL);
	if (!take)
		return -ENOMEM;
	if (copy_from_user(take, uarg, sizeof(*take))) {
		ret = -EFAULT;
		goto out_free;
	}
	if (take->flags || take->reserved) {
		ret = -EINVAL;
		goto out_free;
	}
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto out_free;
	}
	faxport_config_read(&cfg);
	use_device_tsid = cfg.use_device_tsid;
	mutex_lock(&faxport_jobs_lock);
	job = faxport_engine_job(port, take->job_id);
	if (!job || job->taken || job->type != FAXPORT_JOB_SEND) {
		ret = -ENOENT;
	} else {
		faxport_job_fill_info(job, &take->info,
				      engine_file->f_cred->user_ns);
		if (use_device_tsid)
			faxport_job_device_tsid(port, &take->info.param);
		doc = get_file(job->document);
		/* Taken now, so that a second TAKE cannot get it too. */
		job->taken = true;
	}
	mutex_unlock(&faxport_jobs_lock);
	if (ret)
		goto out_put_fd;
	take->document_fd = fd;
	/* The result goes out with no lock held, the fd exists last. */
	if (copy_to_user(uarg, take, sizeof(*take))) {
		ret = -EFAULT;
		mutex_lock(&faxport_jobs_lock);
		faxport_engine_untake(port, take->job_id);
		mutex_unlock(&faxport_jobs_lock);
		faxport_jobs_kick();
		goto out_put_fd;
	}
	fd_install(fd, doc);
	/* FS_INITIALIZING, "the call is initializing": before it dials. */
	faxport_event(FAXPORT_EV_INITIALIZING, port->device_id, take->job_id);
	goto out_free;

out_put_fd:
	put_unused_fd(fd);
	if (doc)
		fput(doc);
out_free:
	kfree(take);
	return ret;
}

static u32 faxport_state_event(u32 state)
{
	switch (state) {
	case FAXPORT_STATE_DIALING:
		return FAXPORT_EV_DIALING;
	case FAXPORT_STATE_SENDING:
		return FAXPORT_EV_SENDING;
	case FAXPORT_STATE_RECEIVING:
		return FAXPORT_EV_RECEIVING;
	case FAXPORT_STATE_COMPLETED:
		return FAXPORT_EV_COMPLETED;
	case FAXPORT_STATE_BUSY:
		return FAXPORT_EV_BUSY;
	case FAXPORT_STATE_NO_ANSWER:
		return FAXPORT_EV_NO_ANSWER;
	case FAXPORT_STATE_BAD_ADDRESS:
		return FAXPORT_EV_BAD_ADDRESS;
	case FAXPORT_STATE_NO_DIAL_TONE:
		return FAXPORT_EV_NO_DIAL_TONE;
	case FAXPORT_STATE_DISCONNECTED:
		return FAXPORT_EV_DISCONNECTED;
	case FAXPORT_STATE_FATAL_ERROR:
		return FAXPORT_EV_FATAL_ERROR;
	case FAXPORT_STATE_NOT_FAX_CALL:
		return FAXPORT_EV_NOT_FAX_CALL;
	case FAXPORT_STATE_ROUTING:
		return FAXPORT_EV_ROUTING;
	}
	return 0;
}

static long faxport_engine_progress(struct faxport_port *port,
				    struct faxport_job_progress __user *uarg)
{
	struct faxport_job_progress p;
	struct faxport_job *job;
	long ret = 0;

	if (copy_from_user(&p, uarg, sizeof(p)))
		return -EFAULT;
	if (p.state != FAXPORT_STATE_DIALING &&
	    p.state != FAXPORT_STATE_SENDING &&
	    p.state != FAXPORT_STATE_RECEIVING &&
	    p.state != FAXPORT_STATE_ROUTING)
		return -EINVAL;
	if (p.current_page > FAXPORT_MAX_PAGES ||
	    p.total_pages > FAXPORT_MAX_PAGES ||
	    !faxport_string_terminated(p.remote_id, sizeof(p.remote_id)) ||
	    !faxport_ident_valid(p.remote_id))
		return -EINVAL;

	mutex_lock(&faxport_jobs_lock);
	job = faxport_engine_job(port, p.job_id);
	if (!job || (job->type == FAXPORT_JOB_SEND && !job->taken)) {
		ret = -ENOENT;
		goto out;
	}
	/* Only a received fax is routed. */
	if (p.state == FAXPORT_STATE_ROUTING &&
	    job->type != FAXPORT_JOB_RECEIVE) {
		ret = -EINVAL;
		goto out;
	}
	if (job->state != p.state)
		faxport_event(faxport_state_event(p.state), port->device_id,
			      job->id);
	job->state = p.state;
	job->current_page = p.current_page;
	if (p.total_pages)
		job->total_pages = p.total_pages;
	if (p.current_page > 1)
		job->page_count = max(job->page_count, p.current_page - 1);
	if (p.remote_id[0])
		strscpy(job->remote_id, p.remote_id, sizeof(job->remote_id));
	faxport_line_set_engine_state(port, p.state);
out:
	mutex_unlock(&faxport_jobs_lock);
	return ret;
}

static bool faxport_done_state_valid(u32 state)
{
	switch (state) {
	case FAXPORT_STATE_COMPLETED:
	case FAXPORT_STATE_BUSY:
	case FAXPORT_STATE_NO_ANSWER:
	case FAXPORT_STATE_BAD_ADDRESS:
	case FAXPORT_STATE_NO_DIAL_TONE:
	case FAXPORT_STATE_DISCONNECTED:
	case FAXPORT_STATE_FATAL_ERROR:
	case FAXPORT_STATE_NOT_FAX_CALL:
		return true;
	}
	return false;
}

static long faxport_engine_done(struct faxport_port *port,
				struct faxport_job_done __user *uarg)
{
	struct faxport_job_done done;
	struct faxport_config cfg;
	struct faxport_job *job;
	long ret = 0;
	u64 now;

	if (copy_from_user(&done, uarg, sizeof(done)))
		return -EFAULT;
	if (!faxport_done_state_valid(done.state) ||
	    done.pages > FAXPORT_MAX_PAGES)
		return -EINVAL;
	faxport_config_read(&cfg);
	now = ktime_get_real_ns();

	mutex_lock(&faxport_jobs_lock);
	job = faxport_engine_job(port, done.job_id);
	if (!job || (job->type == FAXPORT_JOB_SEND && !job->taken)) {
		ret = -ENOENT;
		goto out;
	}
	/* A call we placed that found no fax machine is NO_ANSWER. */
	if (done.state == FAXPORT_STATE_NOT_FAX_CALL &&
	    job->type != FAXPORT_JOB_RECEIVE) {
		ret = -EINVAL;
		goto out;
	}
	/* The line may know better why a call did not connect. */
	done.state = faxport_line_job_result(port, done.state);
	job->t30_code = done.t30_code;
	job->page_count = done.pages;
	faxport_event(faxport_state_event(done.state), port->device_id,
		      job->id);
	faxport_line_set_engine_state(port, 0);
	if (done.state == FAXPORT_STATE_COMPLETED ||
	    job->type == FAXPORT_JOB_RECEIVE || job->delete_pending) {
		faxport_job_remove(job);
		goto out;
	}
	faxport_job_unassign(job);
	/* FAX_JOB_ENTRY.Status says why it waits: FPS_BUSY, FPS_NO_ANSWER... */
	job->state = done.state;
	job->queue_status &= ~FAXPORT_JS_INPROGRESS;
	/* A number nobody has will not appear by retrying. */
	if (job->retries_left && done.state != FAXPORT_STATE_BAD_ADDRESS) {
		job->retries_left--;
		job->queue_status |= FAXPORT_JS_RETRYING;
		job->next_try_ns = now + cfg.retry_delay_min * NSEC_PER_MINUTE;
		job->expires_ns = job->next_try_ns + faxport_job_max_wait_ns();
	} else {
		job->queue_status |= FAXPORT_JS_RETRIES_EXCEEDED |
				     FAXPORT_JS_FAILED;
		job->next_try_ns = now + cfg.dirty_days * NSEC_PER_DAY;
	}
out:
	mutex_unlock(&faxport_jobs_lock);
	if (!ret)
		faxport_jobs_kick();
	return ret;
}

static long faxport_engine_receive(struct faxport_port *port,
				   struct faxport_receive_begin __user *uarg,
				   struct file *engine_file)
{
	struct faxport_receive_begin begin;
	struct faxport_job *job;
	bool busy;
	long ret;
	u32 id;

	if (copy_from_user(&begin, uarg, sizeof(begin)))
		return -EFAULT;
	if (begin.flags || begin.job_id)
		return -EINVAL;
	/* One job per port: finish the send first (checked again below). */
	if (faxport_port_has_job(port))
		return -EBUSY;
	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return -ENOMEM;
	faxport_object_born(FAXPORT_OBJECT_JOB);
	job->owner = engine_file->f_cred->euid;
	job->type = FAXPORT_JOB_RECEIVE;
	job->queue_status = FAXPORT_JS_INPROGRESS;
	job->state = FAXPORT_STATE_RECEIVING;
	job->submitted_ns = ktime_get_real_ns();
	job->started_ns = job->submitted_ns;

	ret = faxport_job_reserve_and_tell(job, false, &uarg->job_id, &id);
	if (ret)
		goto err;
	mutex_lock(&faxport_jobs_lock);
	/* The dispatcher may have given the port a send job meanwhile. */
	busy = port->job;
	if (busy) {
		faxport_job_unreserve(job, id);
	} else {
		faxport_job_publish(job, id);
		get_device(&port->dev);
		job->port = port;
		port->job = job;
		faxport_event(FAXPORT_EV_RECEIVING, port->device_id, job->id);
		faxport_line_set_engine_state(port, FAXPORT_STATE_RECEIVING);
	}
	mutex_unlock(&faxport_jobs_lock);
	if (!busy)
		return 0;
	ret = -EBUSY;
err:
	kfree(job);
	faxport_object_gone(FAXPORT_OBJECT_JOB);
	return ret;
}

/**
 * faxport_jobs_engine_ioctl() - the job ioctls of a DSP engine
 * @port: the engine's port
 * @file: the engine's file
 * @cmd: a FAXPORT_IOC_JOB_* engine command
 * @uarg: its argument
 *
 * Return: 0 or a negative errno.
 */
long faxport_jobs_engine_ioctl(struct faxport_port *port, struct file *file,
			       unsigned int cmd, void __user *uarg)
{
	switch (cmd) {
	case FAXPORT_IOC_JOB_TAKE:
		return faxport_engine_take(port, uarg, file);
	case FAXPORT_IOC_JOB_PROGRESS:
		return faxport_engine_progress(port, uarg);
	case FAXPORT_IOC_JOB_DONE:
		return faxport_engine_done(port, uarg);
	case FAXPORT_IOC_RECEIVE_BEGIN:
		return faxport_engine_receive(port, uarg, file);
	}
	return -ENOTTY;
}

/**
 * faxport_jobs_port_released() - a port's engine detached or the port went
 * @port: the port
 *
 * Its send job goes back to the queue as it was (the attempt does not
 * count: the engine, not the fax, failed); a receive in progress failed.
 */
void faxport_jobs_port_released(struct faxport_port *port)
{
	struct faxport_job *job;

	mutex_lock(&faxport_jobs_lock);
	job = port->job;
	if (job) {
		if (job->type == FAXPORT_JOB_RECEIVE || job->delete_pending) {
			if (job->type == FAXPORT_JOB_RECEIVE)
				faxport_event(FAXPORT_EV_FATAL_ERROR,
					      port->device_id, job->id);
			faxport_job_remove(job);
		} else {
			faxport_job_unassign(job);
			job->queue_status &= ~FAXPORT_JS_INPROGRESS;
		}
	}
	/* No result will come now: a FEI_IDLE held back for one goes out. */
	faxport_line_set_engine_state(port, 0);
	mutex_unlock(&faxport_jobs_lock);
	faxport_jobs_kick();
}

/**
 * faxport_port_has_job() - is a job assigned to the port?
 * @port: the port
 *
 * Return: true while a job is on the port.
 */
bool faxport_port_has_job(struct faxport_port *port)
{
	bool has;

	mutex_lock(&faxport_jobs_lock);
	has = port->job;
	mutex_unlock(&faxport_jobs_lock);
	return has;
}

/**
 * faxport_jobs_exit() - drop every job (module exit, after the ports)
 */
void faxport_jobs_exit(void)
{
	struct faxport_job *job;
	unsigned long id;

	mutex_lock(&faxport_jobs_lock);
	faxport_jobs_stopped = true;
	mutex_unlock(&faxport_jobs_lock);
	cancel_delayed_work_sync(&faxport_dispatch_work);
	mutex_lock(&faxport_jobs_lock);
	xa_for_each(&faxport_jobs, id, job)
		faxport_job_remove(job);
	WARN_ON(!xa_empty(&faxport_user_jobs));
	xa_destroy(&faxport_user_jobs);
	mutex_unlock(&faxport_jobs_lock);
}
