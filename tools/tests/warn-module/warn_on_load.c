// SPDX-License-Identifier: GPL-2.0
/*
 * A module that WARNs when loaded: tools/tests/vm_run_test loads it to prove
 * that vm-run fails a run whose kernel log has a splat.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init warn_on_load_init(void)
{
	WARN(1, "warn_on_load: deliberate warning for the vm-run test\n");
	return 0;
}

static void __exit warn_on_load_exit(void)
{
}

module_init(warn_on_load_init);
module_exit(warn_on_load_exit);
MODULE_DESCRIPTION("Deliberately WARNs on load (vm-run's own test)");
MODULE_LICENSE("GPL");
