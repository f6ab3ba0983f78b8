// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: the access policy. A server handle's rights are computed once,
 * when it is opened, from the opener's credentials (file->f_cred); later
 * checks use the stored rights, never the caller's current credentials.
 *
 * Policy: uid 0 and members of admin_gid get every right; everybody else
 * gets user_rights. Both are module parameters an admin may change at run
 * time in /sys/module/faxport/parameters; handles already open keep the
 * rights they were given.
 */
#include <linux/cred.h>
#include <linux/moduleparam.h>
#include <linux/uidgid.h>

#include "faxport.h"

static int admin_gid = -1;
module_param(admin_gid, int, 0644);
MODULE_PARM_DESC(admin_gid,
		 "Group whose members get every fax right (-1: none; root always does)");

static unsigned int user_rights = FAXPORT_RIGHT_JOB_SUBMIT |
				  FAXPORT_RIGHT_JOB_QUERY |
				  FAXPORT_RIGHT_CONFIG_QUERY |
				  FAXPORT_RIGHT_PORT_QUERY;

static int user_rights_set(const char *val, const struct kernel_param *kp)
{
	unsigned int rights;
	int ret = kstrtouint(val, 0, &rights);

	if (ret)
		return ret;
	if (rights & ~FAXPORT_RIGHTS_ALL)
		return -EINVAL;
	WRITE_ONCE(user_rights, rights);
	return 0;
}

static const struct kernel_param_ops user_rights_ops = {
	.set = user_rights_set,
	.get = param_get_uint,
};
module_param_cb(user_rights, &user_rights_ops, &user_rights, 0644);
MODULE_PARM_DESC(user_rights,
		 "Fax rights (FAX_* bits) of other users (default 0x17: submit, query jobs, config, ports)");

static bool cred_in_group(const struct cred *cred, kgid_t gid)
{
	const struct group_info *groups = cred->group_info;
	int i;

	if (gid_eq(cred->egid, gid))
		return true;
	for (i = 0; i < groups->ngroups; i++)
		if (gid_eq(groups->gid[i], gid))
			return true;
	return false;
}

/**
 * faxport_rights_for() - the FAXPORT_RIGHT_* bits a new handle gets
 * @cred: the opener's credentials (file->f_cred)
 *
 * Return: the rights under the current policy.
 */
u32 faxport_rights_for(const struct cred *cred)
{
	int gid = READ_ONCE(admin_gid);

	if (uid_eq(cred->euid, GLOBAL_ROOT_UID))
		return FAXPORT_RIGHTS_ALL;
	if (gid >= 0 && cred_in_group(cred, make_kgid(&init_user_ns, gid)))
		return FAXPORT_RIGHTS_ALL;
	return READ_ONCE(user_rights);
}
