/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * faxport: the kernel/user contract of the Linux fax subsystem.
 *
 * /dev/faxport is the fax server: each open file is a server handle whose
 * rights are fixed when it is opened. /dev/faxportN are the ports. Every
 * struct here has the same layout on 32 and 64 bit, explicit padding that
 * must be zero, and a flags field whose unknown bits are rejected.
 * Documentation/uapi.rst describes every ioctl, error and event.
 */
#ifndef _UAPI_LINUX_FAXPORT_H
#define _UAPI_LINUX_FAXPORT_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define FAXPORT_IOC_MAGIC	0xFA

/* The only uAPI version so far; new behaviour comes as new ioctls. */
#define FAXPORT_API_VERSION	1

/* Feature bits negotiated by FAXPORT_IOC_API. None are defined yet. */
#define FAXPORT_FEATURES_ALL	0ULL

/**
 * struct faxport_api - the handshake that opens every server handle
 * @version: in: the uAPI version the caller was built for, which must be
 *	%FAXPORT_API_VERSION; out: the same value.
 * @flags: in: must be 0.
 * @features: in: the feature bits the caller wants; out: every feature bit
 *	the running kernel offers, so a newer caller learns what is missing.
 *
 * The first ioctl on a server handle must be %FAXPORT_IOC_API; any other
 * fails with -EBADFD until it succeeded, and a second one fails with -EBUSY.
 * A version other than %FAXPORT_API_VERSION, nonzero @flags or a requested
 * feature the kernel lacks fail with -EINVAL (and still report @features).
 */
struct faxport_api {
	__u32 version;
	__u32 flags;
	__aligned_u64 features;
};

#define FAXPORT_IOC_API		_IOWR(FAXPORT_IOC_MAGIC, 0x00, struct faxport_api)

#endif /* _UAPI_LINUX_FAXPORT_H */
