// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module parameters of xenvf-back, also writable at run time through
 * /sys/module/xenvf_back/parameters/:
 *
 *   uplink=<netdev>   the dom0 netdev frames leave by ("" : none); a
 *                     name no netdev has yet is waited for (back_uplink.c)
 *   uplink_state      read only: none, waiting or attached
 *   uplink_attaches   read only: uplinks attached since load
 *   mode=veb|vepa|private the switch mode (back_switch.c)
 *   num_vfs=<1..63>   how many VFs the backend serves at once
 *   max_queues=<1..8> data queues offered to a VF (at its probe)
 *   vec_per_dom=<0|2..240> most interrupt vectors one domain's hardware
 *                     VFs hold (0: the pool's lendable vectors divided by
 *                     the domains with hardware VFs; paravirtual VFs
 *                     take none)
 *
 * A bad value is refused with a log line naming it and changes nothing;
 * at load time that fails modprobe.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/string.h>

#include "xenvf_back.h"

#define UPLINK_NAME_MAX	16	/* IFNAMSIZ */

int xenvf_mode = XENVF_MODE_VEB;
unsigned int xenvf_num_vfs = XENVF_MAX_VFS;
static char uplink_name[UPLINK_NAME_MAX];
static bool params_live;	/* module initialised: apply uplink at once */

static const char *const mode_names[] = {
	[XENVF_MODE_VEB] = "veb",
	[XENVF_MODE_VEPA] = "vepa",
	[XENVF_MODE_PRIVATE] = "private",
};

static int mode_set(const char *val, const struct kernel_param *kp)
{
	int m = sysfs_match_string(mode_names, val);

	if (m < 0) {
		pr_err("mode %s: must be veb, vepa or private\n", strim((char *)val));
		return -EINVAL;
	}
	WRITE_ONCE(xenvf_mode, m);
	if (params_live) {
		pr_info("switch mode %s\n", mode_names[m]);
		xenvf_back_link_changed();
	}
	return 0;
}

static int mode_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", mode_names[READ_ONCE(xenvf_mode)]);
}

static const struct kernel_param_ops mode_ops = {
	.set = mode_set,
	.get = mode_get,
};
module_param_cb(mode, &mode_ops, NULL, 0644);
MODULE_PARM_DESC(mode, "switch mode: veb (default), vepa or private");

static int num_vfs_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n < 1 || n > XENVF_MAX_VFS) {
		pr_err("num_vfs %s: must be 1..%d\n", strim((char *)val),
		       XENVF_MAX_VFS);
		return -EINVAL;
	}
	WRITE_ONCE(xenvf_num_vfs, n);
	return 0;
}

static const struct kernel_param_ops num_vfs_ops = {
	.set = num_vfs_set,
	.get = param_get_uint,
};
module_param_cb(num_vfs, &num_vfs_ops, &xenvf_num_vfs, 0644);
MODULE_PARM_DESC(num_vfs, "VFs served at once, 1..63 (default 63)");

unsigned int xenvf_back_max_queues = XENVF_BACK_DEFAULT_QUEUES;

static int max_queues_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n < 1 || n > XENVF_MAX_QUEUES) {
		pr_err("max_queues %s: must be 1..%d\n", strim((char *)val),
		       XENVF_MAX_QUEUES);
		return -EINVAL;
	}
	WRITE_ONCE(xenvf_back_max_queues, n);
	return 0;
}

static const struct kernel_param_ops max_queues_ops = {
	.set = max_queues_set,
	.get = param_get_uint,
};
module_param_cb(max_queues, &max_queues_ops, &xenvf_back_max_queues, 0644);
MODULE_PARM_DESC(max_queues,
		 "Data queues offered to each VF (1-8, default 4; the frontend uses at most this many)");

unsigned int xenvf_vec_per_dom;

static int vec_per_dom_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n == 1 || n > XENVF_BACK_VEC_LENDABLE) {
		pr_err("vec_per_dom %s: must be 0 (fair share) or %d..%d\n",
		       strim((char *)val), XENVF_VEC_FLOOR, XENVF_BACK_VEC_LENDABLE);
		return -EINVAL;
	}
	WRITE_ONCE(xenvf_vec_per_dom, n);
	return 0;
}

static const struct kernel_param_ops vec_per_dom_ops = {
	.set = vec_per_dom_set,
	.get = param_get_uint,
};
module_param_cb(vec_per_dom, &vec_per_dom_ops, &xenvf_vec_per_dom, 0644);
MODULE_PARM_DESC(vec_per_dom, "interrupt vectors one domain's hardware VFs (hw-vf) may hold, 2..240; 0 (default): 240 divided by the domains with hardware VFs. Each is sure of 2 (control and one queue); paravirtual VFs take none");

static int uplink_set(const char *val, const struct kernel_param *kp)
{
	char name[UPLINK_NAME_MAX];
	int err;

	if (strscpy(name, val, sizeof(name)) < 0) {
		pr_err("uplink: name too long\n");
		return -EINVAL;
	}
	strim(name);
	if (params_live) {
		err = xenvf_back_uplink_set(name);
		if (err)
			return err;
	}
	strscpy(uplink_name, name, sizeof(uplink_name));
	return 0;
}

/* The configured uplink (attached or waited for: uplink_state). */
static int uplink_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", uplink_name);
}

static const struct kernel_param_ops uplink_ops = {
	.set = uplink_set,
	.get = uplink_get,
};
module_param_cb(uplink, &uplink_ops, NULL, 0644);
MODULE_PARM_DESC(uplink, "dom0 netdev used as the uplink: an Ethernet netdev or a bridge, attached when it appears (default: none)");

static int uplink_state_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", params_live ?
			  xenvf_back_uplink_state() : "none");
}

static const struct kernel_param_ops uplink_state_ops = {
	.get = uplink_state_get,
};
module_param_cb(uplink_state, &uplink_state_ops, NULL, 0444);
MODULE_PARM_DESC(uplink_state, "read only: none, waiting (configured, no such netdev) or attached");

static int uplink_attaches_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%u\n", xenvf_back_uplink_attaches());
}

static const struct kernel_param_ops uplink_attaches_ops = {
	.get = uplink_attaches_get,
};
module_param_cb(uplink_attaches, &uplink_attaches_ops, NULL, 0444);
MODULE_PARM_DESC(uplink_attaches, "read only: times an uplink was attached since load");

unsigned int xenvf_fcoe_offer = XENVF_FCOE_FLAGS_ALL;
unsigned int xenvf_fcoe_prio = 3;

static const char *const fcoe_names[] = { "off", "crc", "on" };
static const unsigned int fcoe_flags[] = {
	0, XENVF_FCOE_CRC, XENVF_FCOE_CRC | XENVF_FCOE_FSO,
};

static int fcoe_set(const char *val, const struct kernel_param *kp)
{
	int m = sysfs_match_string(fcoe_names, val);

	if (m < 0) {
		pr_err("fcoe %s: must be off, crc or on\n", strim((char *)val));
		return -EINVAL;
	}
	WRITE_ONCE(xenvf_fcoe_offer, fcoe_flags[m]);
	return 0;
}

static int fcoe_get(char *buf, const struct kernel_param *kp)
{
	unsigned int i, v = READ_ONCE(xenvf_fcoe_offer);

	for (i = 0; i < ARRAY_SIZE(fcoe_flags) - 1 && fcoe_flags[i] != v; i++)
		;
	return sysfs_emit(buf, "%s\n", fcoe_names[i]);
}

static const struct kernel_param_ops fcoe_ops = {
	.set = fcoe_set,
	.get = fcoe_get,
};
module_param_cb(fcoe, &fcoe_ops, NULL, 0644);
MODULE_PARM_DESC(fcoe, "FCoE offloads granted to VFs that ask: off, crc (FC CRC) or on (CRC and FSO, default); at their next negotiation");

static int fcoe_prio_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n > 7) {
		pr_err("fcoe_prio %s: must be 0..7\n", strim((char *)val));
		return -EINVAL;
	}
	WRITE_ONCE(xenvf_fcoe_prio, n);
	return 0;
}

static const struct kernel_param_ops fcoe_prio_ops = {
	.set = fcoe_prio_set,
	.get = param_get_uint,
};
module_param_cb(fcoe_prio, &fcoe_prio_ops, &xenvf_fcoe_prio, 0644);
MODULE_PARM_DESC(fcoe_prio, "802.1p priority of FCoE and FIP frames on the uplink, 0..7 (default 3)");

static char pf_name[16];	/* domain:bus:dev.fn */
static unsigned int pf_numvfs;

static int pf_set(const char *val, const struct kernel_param *kp)
{
	char name[sizeof(pf_name)];
	int err = 0;

	if (strscpy(name, val, sizeof(name)) < 0) {
		pr_err("pf: name too long\n");
		return -EINVAL;
	}
	strim(name);
	if (params_live)
		err = xenvf_back_pf_set(name);
	if (!err) {
		strscpy(pf_name, name, sizeof(pf_name));
		if (params_live)
			pf_numvfs = 0;	/* the old PF's VFs are gone */
	}
	return err;
}

static const struct kernel_param_ops pf_ops = {
	.set = pf_set,
	.get = param_get_string,
};

static struct kparam_string pf_param = {
	.maxlen = sizeof(pf_name),
	.string = pf_name,
};
module_param_cb(pf, &pf_ops, &pf_param, 0644);
MODULE_PARM_DESC(pf, "SR-IOV PF the backend owns when no driver does (domain:bus:dev.fn)");

static int pf_numvfs_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;
	int err = 0;

	if (kstrtouint(val, 0, &n)) {
		pr_err("pf_numvfs %s: not a number\n", strim((char *)val));
		return -EINVAL;
	}
	if (params_live)
		err = xenvf_back_pf_numvfs(n);
	if (!err)
		pf_numvfs = n;
	return err;
}

static const struct kernel_param_ops pf_numvfs_ops = {
	.set = pf_numvfs_set,
	.get = param_get_uint,
};
module_param_cb(pf_numvfs, &pf_numvfs_ops, &pf_numvfs, 0644);
MODULE_PARM_DESC(pf_numvfs, "VFs to enable on the owned PF (0..TotalVFs)");

/**
 * xenvf_back_uplink_name() - the uplink attached now ("" for none)
 * @buf: where to put the name
 * @len: its size (IFNAMSIZ)
 */
void xenvf_back_uplink_name(char *buf, size_t len)
{
	struct net_device *dev;

	if (!params_live) {
		strscpy(buf, uplink_name, len);
		return;
	}
	rcu_read_lock();
	dev = rcu_dereference(xenvf_uplink);
	strscpy(buf, dev ? dev->name : "", len);
	rcu_read_unlock();
}

/**
 * xenvf_back_params_init() - apply the load-time parameters
 *
 * Return: 0 or the uplink's error (then nothing is attached).
 */
int xenvf_back_params_init(void)
{
	int err = xenvf_back_uplink_set(uplink_name);

	if (!err && *pf_name)
		err = xenvf_back_pf_set(pf_name);
	if (!err && pf_numvfs)
		err = xenvf_back_pf_numvfs(pf_numvfs);
	if (err) {
		xenvf_back_pf_set("");
		xenvf_back_uplink_exit();
		return err;
	}
	params_live = true;
	return 0;
}
