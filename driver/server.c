// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: the server node. Each open file of /dev/faxport is a fax server
 * handle (FaxConnectFaxServer); closing it is FaxClose.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "faxport.h"

static_assert(sizeof(struct faxport_api) == 16);
static_assert(sizeof(struct faxport_rights) == 8);
static_assert(sizeof(struct faxport_port_list) == 16);
static_assert(sizeof(struct faxport_port_add) == 104);
static_assert(sizeof(struct faxport_port_remove) == 8);

static int faxport_server_open(struct inode *inode, struct file *file)
{
	struct faxport_server_handle *srv;

	srv = kzalloc(sizeof(*srv), GFP_KERNEL);
	if (!srv)
		return -ENOMEM;
	mutex_init(&srv->lock);
	srv->rights = faxport_rights_for(file->f_cred);
	srv->uid = file->f_cred->euid;
	file->private_data = srv;
	faxport_object_born(FAXPORT_OBJECT_SERVER_HANDLE);
	return nonseekable_open(inode, file);
}

static int faxport_server_release(struct inode *inode, struct file *file)
{
	struct faxport_server_handle *srv = file->private_data;

	mutex_destroy(&srv->lock);
	kfree(srv);
	faxport_object_gone(FAXPORT_OBJECT_SERVER_HANDLE);
	return 0;
}

/**
 * faxport_server_handle_get() - the server handle behind a file, if it is one
 * @file: any file
 *
 * Return: the handle, or NULL when @file is not an open /dev/faxport.
 */
struct faxport_server_handle *faxport_server_handle_get(struct file *file)
{
	if (file->f_op != &faxport_server_fops)
		return NULL;
	return file->private_data;
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

static long faxport_ioctl_get_rights(struct faxport_server_handle *srv,
				     struct file *file,
				     struct faxport_rights __user *uarg)
{
	struct faxport_rights r = {
		.rights = srv->rights,
		.uid = from_kuid_munged(file->f_cred->user_ns, srv->uid),
	};

	return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
}

static long faxport_ioctl_port_list(struct faxport_server_handle *srv,
				    struct faxport_port_list __user *uarg)
{
	struct faxport_port_list list;
	long ret;

	if (!(srv->rights & FAXPORT_RIGHT_PORT_QUERY))
		return -EACCES;
	if (copy_from_user(&list, uarg, sizeof(list)))
		return -EFAULT;
	if (list.info_size != sizeof(struct faxport_port_info))
		return -EINVAL;
	if (list.count > FAXPORT_MAX_PORTS)
		return -EINVAL;
	ret = faxport_port_list(&list);
	if (ret)
		return ret;
	if (put_user(list.count, &uarg->count))
		return -EFAULT;
	return 0;
}

static long faxport_ioctl_port_add(struct file *file,
				   struct faxport_port_add __user *uarg)
{
	struct faxport_port_add add;
	long ret;

	if (!file_ns_capable(file, &init_user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (copy_from_user(&add, uarg, sizeof(add)))
		return -EFAULT;
	if ((add.flags & ~FAXPORT_PORT_ADD_USER_LINE) || add.device_id)
		return -EINVAL;
	if (!faxport_string_terminated(add.name, sizeof(add.name)) ||
	    !faxport_string_terminated(add.number, sizeof(add.number)))
		return -EINVAL;
	if (add.number[0] && !faxport_number_valid(add.number))
		return -EINVAL;
	ret = faxport_port_create(add.name, add.number,
				  add.flags & FAXPORT_PORT_ADD_USER_LINE,
				  &add.device_id);
	if (ret)
		return ret;
	faxport_config_event(FAXPORT_CONFIG_CHANGED_PORTS);
	/* The port exists now; a caller that cannot read its id may remove it. */
	if (put_user(add.device_id, &uarg->device_id))
		return -EFAULT;
	return 0;
}

static long faxport_ioctl_port_remove(struct file *file,
				      struct faxport_port_remove __user *uarg)
{
	struct faxport_port_remove rm;
	long ret;

	if (!file_ns_capable(file, &init_user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (copy_from_user(&rm, uarg, sizeof(rm)))
		return -EFAULT;
	if (rm.flags)
		return -EINVAL;
	ret = faxport_port_remove(rm.device_id);
	if (!ret)
		faxport_config_event(FAXPORT_CONFIG_CHANGED_PORTS);
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
	case FAXPORT_IOC_GET_RIGHTS:
	case FAXPORT_IOC_PORT_LIST:
	case FAXPORT_IOC_PORT_ADD:
	case FAXPORT_IOC_PORT_REMOVE:
	case FAXPORT_IOC_JOB_SUBMIT:
	case FAXPORT_IOC_JOB_LIST:
	case FAXPORT_IOC_JOB_GET:
	case FAXPORT_IOC_JOB_CONTROL:
	case FAXPORT_IOC_JOB_DOCUMENT:
	case FAXPORT_IOC_CONFIG_GET:
	case FAXPORT_IOC_CONFIG_SET:
	case FAXPORT_IOC_LOGGING_GET:
	case FAXPORT_IOC_LOGGING_SET:
	case FAXPORT_IOC_ROUTING_GLOBAL_LIST:
	case FAXPORT_IOC_ROUTING_PRIORITY:
		break;
	default:
		return -ENOTTY;
	}

	/* Pairs with the store under srv->lock in the handshake. */
	if (!READ_ONCE(srv->negotiated))
		return -EBADFD;

	switch (cmd) {
	case FAXPORT_IOC_GET_RIGHTS:
		return faxport_ioctl_get_rights(srv, file, uarg);
	case FAXPORT_IOC_PORT_LIST:
		return faxport_ioctl_port_list(srv, uarg);
	case FAXPORT_IOC_PORT_ADD:
		return faxport_ioctl_port_add(file, uarg);
	case FAXPORT_IOC_PORT_REMOVE:
		return faxport_ioctl_port_remove(file, uarg);
	case FAXPORT_IOC_JOB_SUBMIT:
	case FAXPORT_IOC_JOB_LIST:
	case FAXPORT_IOC_JOB_GET:
	case FAXPORT_IOC_JOB_CONTROL:
	case FAXPORT_IOC_JOB_DOCUMENT:
		return faxport_jobs_ioctl(srv, file, cmd, uarg);
	case FAXPORT_IOC_ROUTING_GLOBAL_LIST:
	case FAXPORT_IOC_ROUTING_PRIORITY:
		return faxport_routing_server_ioctl(srv, cmd, uarg);
	default:
		return faxport_config_ioctl(srv, cmd, uarg);
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
