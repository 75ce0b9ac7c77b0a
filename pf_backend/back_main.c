// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-back: dom0 backend of xenvf, the Xen split driver that gives guests
 * SR-IOV-style virtual functions of a 10G NIC/FCoE adapter.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <xen/xen.h>

#include "xenvf_back.h"

static int __init xenvf_back_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;

	err = xenvf_evi_init_module();
	if (err)
		return err;
	err = xenvf_back_pf_init();
	if (err) {
		xenvf_evi_exit_module();
		return err;
	}
	err = xenvf_back_params_init();
	if (err)
		goto fail;
	err = xenvf_back_xenbus_init();
	if (err) {
		pr_err("registering xenbus backend failed: %d\n",
		       err);
		goto fail;
	}
	pr_info("loaded\n");
	return 0;

fail:
	xenvf_back_pf_exit();
	xenvf_back_uplink_exit();
	xenvf_back_admin_exit();
	xenvf_evi_exit_module();
	return err;
}

static void __exit xenvf_back_exit(void)
{
	xenvf_back_xenbus_exit();
	xenvf_back_pf_exit();
	xenvf_back_uplink_exit();
	xenvf_back_admin_exit();
	xenvf_evi_exit_module();
	pr_info("unloaded\n");
}

module_init(xenvf_back_init);
module_exit(xenvf_back_exit);

MODULE_DESCRIPTION("xenvf: Xen backend exposing SR-IOV-style virtual functions");
MODULE_LICENSE("GPL");
MODULE_ALIAS("xen-backend:xenvf");
MODULE_VERSION(XENVF_VERSION);
