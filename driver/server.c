// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: the server node. Each open file of /dev/faxport is a fax server
 * handle (FaxConnectFaxServer); closing it is FaxClose.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/faxport.h>

#include "faxport.h"

static_assert(sizeof(struct faxport_api) == 16);

static int faxport_server_open(struct inode *inode, struct file *file)
{
	struct faxport_server_handle *srv;

	srv = kzalloc(sizeof(*srv), GFP_KERNEL);
	if (!srv)
		return -ENOMEM;
	mutex_init(&srv->lock);
	file->private_data = srv;
	return nonseekable_open(inode, file);
}

static int faxport_server_release(struct inode *inode, struct file *file)
{
	struct faxport_server_handle *srv = file->private_data;

	mutex_destroy(&srv->lock);
	kfree(srv);
	return 0;
}

static long faxport_ioctl_api(struct faxport_server_handle *srv,
			      struct faxport_api __user *uarg)
{
	struct faxport_api api;
	long ret = 0;

	if (copy_from_user(&api, uarg, sizeof(api)))
		return -EFAULT;

	mutex_lock(&srv->lock);
	if (srv->negotiated) {
		ret = -EBUSY;
		goto out;
	}
	if (api.version != FAXPORT_API_VERSION || api.flags ||
	    (api.features & ~FAXPORT_FEATURES_ALL))
		ret = -EINVAL;

	api.version = FAXPORT_API_VERSION;
	api.features = FAXPORT_FEATURES_ALL;
	if (copy_to_user(uarg, &api, sizeof(api))) {
		ret = -EFAULT;
		goto out;
	}
	if (!ret) {
		srv->negotiated = true;
		srv->features = api.features;
	}
out:
	mutex_unlock(&srv->lock);
	return ret;
}

static long faxport_server_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	struct faxport_server_handle *srv = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case FAXPORT_IOC_API:
		return faxport_ioctl_api(srv, uarg);
	default:
		return -ENOTTY;
	}
}

const struct file_operations faxport_server_fops = {
	.owner = THIS_MODULE,
	.open = faxport_server_open,
	.release = faxport_server_release,
	.unlocked_ioctl = faxport_server_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};
