// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: the server's configuration (FAX_CONFIGURATION) and logging
 * levels. The job queue reads them; the DSP engine reads them through the
 * same ioctls as any client.
 */
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "faxport.h"

static_assert(sizeof(struct faxport_config) == 304);
static_assert(sizeof(struct faxport_logging) == 16);

#define FAXPORT_MAX_RETRIES	99
#define FAXPORT_MAX_RETRY_DELAY	1440	/* a day, in minutes */
#define FAXPORT_MAX_DIRTY_DAYS	365
#define FAXPORT_MINUTES_PER_DAY	1440

static DEFINE_MUTEX(faxport_config_lock);
/* The defaults of a Windows 2000 fax server. */
static struct faxport_config faxport_config = {
	.retries = 3,
	.retry_delay_min = 10,
	.dirty_days = 30,
	.branding = 1,
	.use_device_tsid = 1,
	.start_cheap_min = 20 * 60,
	.stop_cheap_min = 7 * 60,
};

static struct faxport_logging faxport_logging = {
	.level = { 1, 1, 1, 1 },	/* FAXLOG_LEVEL_MIN */
};

/**
 * faxport_config_read() - a copy of the current configuration
 * @cfg: out
 */
void faxport_config_read(struct faxport_config *cfg)
{
	mutex_lock(&faxport_config_lock);
	*cfg = faxport_config;
	mutex_unlock(&faxport_config_lock);
}

static bool faxport_flag_valid(u32 v)
{
	return v == 0 || v == 1;
}

static bool faxport_config_valid(const struct faxport_config *cfg)
{
	if (cfg->reserved[0] || cfg->reserved[1])
		return false;
	if (cfg->retries > FAXPORT_MAX_RETRIES ||
	    cfg->retry_delay_min > FAXPORT_MAX_RETRY_DELAY ||
	    cfg->dirty_days > FAXPORT_MAX_DIRTY_DAYS ||
	    cfg->start_cheap_min >= FAXPORT_MINUTES_PER_DAY ||
	    cfg->stop_cheap_min >= FAXPORT_MINUTES_PER_DAY)
		return false;
	if (!faxport_flag_valid(cfg->branding) ||
	    !faxport_flag_valid(cfg->use_device_tsid) ||
	    !faxport_flag_valid(cfg->server_cp) ||
	    !faxport_flag_valid(cfg->pause_server_queue) ||
	    !faxport_flag_valid(cfg->archive_outgoing))
		return false;
	if (!faxport_string_terminated(cfg->archive_dir,
				       sizeof(cfg->archive_dir)))
		return false;
	if (!cfg->archive_dir[0])
		return true;
	/* Tools print it: no controls or bidi overrides, as in every name. */
	return cfg->archive_dir[0] == '/' && faxport_text_valid(cfg->archive_dir);
}

/**
 * faxport_config_ioctl() - FAXPORT_IOC_CONFIG_* and FAXPORT_IOC_LOGGING_*
 * @srv: the server handle (its rights decide)
 * @cmd: the command
 * @uarg: its argument
 *
 * Return: 0 or a negative errno.
 */
long faxport_config_ioctl(struct faxport_server_handle *srv, unsigned int cmd,
			  void __user *uarg)
{
	struct faxport_logging logging;
	struct faxport_config cfg;
	unsigned int i;

	switch (cmd) {
	case FAXPORT_IOC_CONFIG_GET:
		if (!(srv->rights & FAXPORT_RIGHT_CONFIG_QUERY))
			return -EACCES;
		faxport_config_read(&cfg);
		return copy_to_user(uarg, &cfg, sizeof(cfg)) ? -EFAULT : 0;
	case FAXPORT_IOC_CONFIG_SET:
		if (!(srv->rights & FAXPORT_RIGHT_CONFIG_SET))
			return -EACCES;
		if (copy_from_user(&cfg, uarg, sizeof(cfg)))
			return -EFAULT;
		if (!faxport_config_valid(&cfg))
			return -EINVAL;
		mutex_lock(&faxport_config_lock);
		faxport_config = cfg;
		mutex_unlock(&faxport_config_lock);
		/* A resumed queue or a shorter delay may release jobs now. */
		faxport_jobs_kick();
		faxport_config_event(FAXPORT_CONFIG_CHANGED_CONFIG);
		return 0;
	case FAXPORT_IOC_LOGGING_GET:
		if (!(srv->rights & FAXPORT_RIGHT_CONFIG_QUERY))
			return -EACCES;
		mutex_lock(&faxport_config_lock);
		logging = faxport_logging;
		mutex_unlock(&faxport_config_lock);
		return copy_to_user(uarg, &logging, sizeof(logging)) ? -EFAULT : 0;
	case FAXPORT_IOC_LOGGING_SET:
		if (!(srv->rights & FAXPORT_RIGHT_CONFIG_SET))
			return -EACCES;
		if (copy_from_user(&logging, uarg, sizeof(logging)))
			return -EFAULT;
		for (i = 0; i < FAXPORT_LOG_CATEGORIES; i++)
			if (logging.level[i] > FAXPORT_LOG_LEVEL_MAX)
				return -EINVAL;
		mutex_lock(&faxport_config_lock);
		faxport_logging = logging;
		mutex_unlock(&faxport_config_lock);
		faxport_config_event(FAXPORT_CONFIG_CHANGED_LOGGING);
		return 0;
	}
	return -ENOTTY;
}
