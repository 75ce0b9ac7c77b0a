// SPDX-License-Identifier: GPL-2.0-only
/*
 * EVI in xenvf-back: the one instance of the EVI tables, its life with the
 * module (netlink family, aging work) and what configuration changes
 * ripple into (the VFs' MTU limit).
 */
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/workqueue.h>

#include "evi_table.h"
#include "xenvf_back.h"

struct xenvf_evi xenvf_evi_main;
static DEFINE_MUTEX(evi_cfg_mutex);	/* read-modify-write of the settings */
static struct delayed_work evi_aging;

/* Serialise XENVF_EVI_CMD_SET's read-modify-write of the settings. */
void xenvf_evi_cfg_lock(void)
{
	mutex_lock(&evi_cfg_mutex);
}

void xenvf_evi_cfg_unlock(void)
{
	mutex_unlock(&evi_cfg_mutex);
}

/* Aging runs every tenth of the aging time (at least each second). */
static unsigned long aging_period(void)
{
	unsigned long p;

	rcu_read_lock();
	p = xenvf_evi_cfg_get(&xenvf_evi_main)->aging * HZ / 10;
	rcu_read_unlock();
	return max_t(unsigned long, p, HZ);
}

static void evi_age(struct work_struct *w)
{
	xenvf_evi_age(&xenvf_evi_main, jiffies);
	schedule_delayed_work(&evi_aging, aging_period());
}

/* The settings changed: the aging period may have. */
void xenvf_evi_cfg_changed(void)
{
	mod_delayed_work(system_wq, &evi_aging, aging_period());
	xenvf_back_link_changed();	/* the VFs' MTU limit may move */
}

/**
 * xenvf_evi_vf_mtu_max() - the MTU limit a VF is offered
 * @mtu_max: the limit without EVI
 *
 * While EVI is enabled with an uplink, a VF's frame must still fit the
 * uplink once encapsulated (outer IP, GRE, inner Ethernet and the tag of
 * an extended VLAN): the limit is the uplink's MTU less that overhead.
 * Encapsulated frames are never fragmented (DF); larger ones are dropped
 * and counted.
 *
 * Return: the limit (at least 68).
 */
u32 xenvf_evi_vf_mtu_max(u32 mtu_max)
{
	const struct xenvf_evi_cfg *c;
	struct net_device *up;
	u32 lim = mtu_max;

	rcu_read_lock();
	c = xenvf_evi_cfg_get(&xenvf_evi_main);
	up = rcu_dereference(xenvf_uplink);
	if (c->enabled && up)
		lim = min_t(u32, mtu_max, max_t(int, READ_ONCE(up->mtu) -
						(int)xenvf_evi_overhead(c), 0));
	rcu_read_unlock();
	return max_t(u32, lim, ETH_MIN_MTU);
}

int xenvf_evi_init_module(void)
{
	int err = xenvf_evi_init(&xenvf_evi_main);

	if (err)
		return err;
	xenvf_evi_main.is_local = xenvf_back_switch_is_local;
	INIT_DELAYED_WORK(&evi_aging, evi_age);
	err = xenvf_evi_nl_init();
	if (err) {
		xenvf_evi_destroy(&xenvf_evi_main);
		return err;
	}
	schedule_delayed_work(&evi_aging, aging_period());
	return 0;
}

void xenvf_evi_exit_module(void)
{
	xenvf_evi_nl_exit();
	cancel_delayed_work_sync(&evi_aging);
	synchronize_net();	/* no uplink or switch path holds an entry */
	xenvf_evi_destroy(&xenvf_evi_main);
	rcu_barrier();		/* every kfree_rcu() done before unload */
}
