// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: module setup: the device class, the char device region, the
 * server node /dev/faxport and the ports created at load time.
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "faxport.h"

/* Minor 0 is the server; the ports take 1..FAXPORT_MAX_PORTS. */
#define FAXPORT_MINORS		(FAXPORT_MAX_PORTS + 1)
#define FAXPORT_SERVER_MINOR	0

static unsigned int ports = 4;
module_param(ports, uint, 0444);
MODULE_PARM_DESC(ports, "Loopback ports created at load time (default 4)");

dev_t faxport_devt;
static struct cdev faxport_server_cdev;
static struct device *faxport_server_dev;

static char *faxport_devnode(struct device *dev, umode_t *mode)
{
	/* Anyone may open; what a handle may do is decided by its rights. */
	if (mode)
		*mode = 0666;
	return NULL;
}

struct class faxport_class = {
	.name = "faxport",
	.owner = THIS_MODULE,
	.devnode = faxport_devnode,
};

static int __init faxport_init(void)
{
	unsigned int i;
	u32 id;
	int ret;

	if (ports > FAXPORT_MAX_PORTS) {
		pr_err("faxport: ports=%u is more than %u\n", ports,
		       FAXPORT_MAX_PORTS);
		return -EINVAL;
	}

	ret = faxport_events_init();
	if (ret)
		return ret;
	ret = alloc_chrdev_region(&faxport_devt, 0, FAXPORT_MINORS, "faxport");
	if (ret)
		goto err_events;

	ret = class_register(&faxport_class);
	if (ret)
		goto err_region;

	cdev_init(&faxport_server_cdev, &faxport_server_fops);
	faxport_server_cdev.owner = THIS_MODULE;
	ret = cdev_add(&faxport_server_cdev,
		       MKDEV(MAJOR(faxport_devt), FAXPORT_SERVER_MINOR), 1);
	if (ret)
		goto err_class;

	faxport_server_dev = device_create(&faxport_class, NULL,
					   MKDEV(MAJOR(faxport_devt),
						 FAXPORT_SERVER_MINOR),
					   NULL, "faxport");
	if (IS_ERR(faxport_server_dev)) {
		ret = PTR_ERR(faxport_server_dev);
		goto err_cdev;
	}

	for (i = 0; i < ports; i++) {
		ret = faxport_port_create("", "", false, &id);
		if (ret)
			goto err_ports;
	}
	faxport_objects_init();
	return 0;

err_ports:
	faxport_port_remove_all();
	faxport_jobs_exit();
	faxport_exchange_exit();
	device_destroy(&faxport_class,
		       MKDEV(MAJOR(faxport_devt), FAXPORT_SERVER_MINOR));
err_cdev:
	cdev_del(&faxport_server_cdev);
err_class:
	class_unregister(&faxport_class);
err_region:
	unregister_chrdev_region(faxport_devt, FAXPORT_MINORS);
err_events:
	faxport_events_exit();
	return ret;
}

static void __exit faxport_exit(void)
{
	/* Open files pin the module: no handle exists here any more. */
	faxport_objects_exit();
	faxport_port_remove_all();
	faxport_jobs_exit();
	faxport_exchange_exit();
	device_destroy(&faxport_class,
		       MKDEV(MAJOR(faxport_devt), FAXPORT_SERVER_MINOR));
	cdev_del(&faxport_server_cdev);
	class_unregister(&faxport_class);
	unregister_chrdev_region(faxport_devt, FAXPORT_MINORS);
	faxport_events_exit();
}

module_init(faxport_init);
module_exit(faxport_exit);

MODULE_DESCRIPTION("Fax modem ports, handles, jobs and a loopback exchange");
MODULE_LICENSE("GPL");
