// SPDX-License-Identifier: GPL-2.0
/*
 * Reads freed memory when loaded: tools/tests/debug_kernel_test loads it to
 * prove that a KASAN report fails a vm-run --debug-kernel run.
 */
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

static int __init kasan_uaf_init(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	kfree(p);
	/* Hidden from the compiler, which would warn about the bug. */
	OPTIMIZER_HIDE_VAR(p);
	pr_info("kasan_uaf: deliberate use after free: %d\n", READ_ONCE(p[8]));
	return 0;
}

static void __exit kasan_uaf_exit(void)
{
}

module_init(kasan_uaf_init);
module_exit(kasan_uaf_exit);
MODULE_DESCRIPTION("Deliberate use after free (debug_kernel_test)");
MODULE_LICENSE("GPL");
