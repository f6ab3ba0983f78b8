/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faxd_sysfs: what /sys/class/faxport says about the ports: which exist,
 * and the settings an administrator changes through the port ioctls
 * (flags, rings, idents). Read fresh each time: they change at run time.
 */
#ifndef FAXD_ENGINE_SYSFS_H
#define FAXD_ENGINE_SYSFS_H

#include <stddef.h>
#include <stdint.h>

#define FAXD_SYSFS_CLASS "/sys/class/faxport"

/*
 * The DeviceIds of the ports that exist now, ascending, in a new array
 * (free() it). Returns the count, or a negative errno.
 */
int faxd_sysfs_list_ports(uint32_t **ids_out);

/*
 * Attribute @name of port @id as a number (decimal or 0x hex). Returns 0, or
 * a negative errno (-EINVAL: not a number).
 */
int faxd_sysfs_read_uint(uint32_t id, const char *name, unsigned long *value);

/*
 * Attribute @name as text without its trailing newline, into @text (@size
 * bytes; longer values are cut). Returns 0, or a negative errno.
 */
int faxd_sysfs_read_text(uint32_t id, const char *name, char *text, size_t size);

#endif
