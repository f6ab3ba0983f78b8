// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: how many of each object are alive, in debugfs
 * (/sys/kernel/debug/faxport/objects), so that stress and fault tests can
 * check that everything they made is gone again. Counting costs one atomic
 * per object's birth and death, never a lock.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "faxport.h"

atomic_t faxport_live_objects[FAXPORT_OBJECT_KINDS];

static const char * const faxport_object_names[FAXPORT_OBJECT_KINDS] = {
	[FAXPORT_OBJECT_SERVER_HANDLE] = "server_handles",
	[FAXPORT_OBJECT_PORT_FILE] = "port_files",
	[FAXPORT_OBJECT_PORT] = "ports",
	[FAXPORT_OBJECT_JOB] = "jobs",
};

static struct dentry *faxport_debugfs_dir;

static int faxport_objects_show(struct seq_file *m, void *unused)
{
	int i;

	for (i = 0; i < FAXPORT_OBJECT_KINDS; i++)
		seq_printf(m, "%s %d\n", faxport_object_names[i],
			   atomic_read(&faxport_live_objects[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(faxport_objects);

/* debugfs is a debugging aid: the module works without it. */
void faxport_objects_init(void)
{
	faxport_debugfs_dir = debugfs_create_dir("faxport", NULL);
	debugfs_create_file("objects", 0444, faxport_debugfs_dir, NULL,
			    &faxport_objects_fops);
}

void faxport_objects_exit(void)
{
	debugfs_remove_recursive(faxport_debugfs_dir);
}
