// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-front: domU frontend of xenvf. Binds through xenbus when the
 * toolstack creates device/xenvf/<vf> for this domain.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <xen/xen.h>

#include "xenvf_front.h"

static int __init xenvf_front_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;

	err = xenvf_front_xenbus_init();
	if (err) {
		pr_err("registering xenbus frontend failed: %d\n", err);
		return err;
	}
	pr_info("loaded\n");
	return 0;
}

static void __exit xenvf_front_exit(void)
{
	xenvf_front_xenbus_exit();
	pr_info("unloaded\n");
}

module_init(xenvf_front_init);
module_exit(xenvf_front_exit);

MODULE_DESCRIPTION("xenvf: Xen frontend for SR-IOV-style virtual functions");
MODULE_LICENSE("GPL");
MODULE_ALIAS("xen:xenvf");
MODULE_VERSION(XENVF_VERSION);
