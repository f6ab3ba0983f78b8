/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxport: shared definitions of the driver's parts.
 */
#ifndef FAXPORT_INTERNAL_H
#define FAXPORT_INTERNAL_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>

/**
 * struct faxport_server_handle - one open file of /dev/faxport
 * @lock: serialises the handshake against parallel ioctls on the file
 * @negotiated: %FAXPORT_IOC_API succeeded; every other ioctl needs it
 * @features: the feature bits agreed in the handshake
 */
struct faxport_server_handle {
	struct mutex lock; /* protects negotiated and features */
	bool negotiated;
	u64 features;
};

extern const struct file_operations faxport_server_fops;

#endif /* FAXPORT_INTERNAL_H */
