// SPDX-License-Identifier: GPL-2.0
/*
 * Allocates and forgets the pointer when loaded: tools/tests/debug_kernel_test
 * loads it to prove that a kmemleak report fails a vm-run --debug-kernel
 * run, whether the module is still loaded at the scan or not.
 */
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

/*
 * Not __init: init code is freed after loading, and a frame in it would
 * print as a bare address, like the frames of an unloaded module.
 */
static noinline int kmemleak_leak_alloc(void)
{
	char *p = kmalloc(128, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	memset(p, 0x5a, 128);
	/* The only reference dies with this stack frame: a leak. */
	OPTIMIZER_HIDE_VAR(p);
	return 0;
}

static int __init kmemleak_leak_init(void)
{
	return kmemleak_leak_alloc();
}

static void __exit kmemleak_leak_exit(void)
{
}

module_init(kmemleak_leak_init);
module_exit(kmemleak_leak_exit);
MODULE_DESCRIPTION("Deliberate memory leak (debug_kernel_test)");
MODULE_LICENSE("GPL");
