// SPDX-License-Identifier: GPL-2.0-only
/*
 * The uplink: a dom0 netdev (the PF's own netdev on a real host; a veth or
 * bridge port in tests) that carries what the switch does not keep between
 * VFs. Frames it receives are offered to the VFs by an rx_handler; frames
 * for it leave by dev_queue_xmit(). If the netdev is unregistered the
 * uplink is dropped (VEB keeps switching between VFs; VEPA counts drops).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#include "xenvf_back.h"

struct net_device __rcu *xenvf_uplink;
static bool notifier_registered;

static rx_handler_result_t uplink_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	*pskb = skb;
	if (xenvf_evi_rx(skb))		/* GRE to the EVI address */
		return RX_HANDLER_CONSUMED;
	skb_push(skb, ETH_HLEN);
	if (xenvf_back_switch_from_uplink(skb))
		return RX_HANDLER_CONSUMED;
	skb_pull(skb, ETH_HLEN);
	return RX_HANDLER_PASS;
}

/* Drop the current uplink; caller holds RTNL. */
static void uplink_detach(void)
{
	struct net_device *dev = rtnl_dereference(xenvf_uplink);

	if (!dev)
		return;
	netdev_rx_handler_unregister(dev);
	RCU_INIT_POINTER(xenvf_uplink, NULL);
	synchronize_net();	/* no switch path holds the pointer any more */
	pr_info("uplink %s detached\n", dev->name);
	dev_put(dev);
	xenvf_back_link_changed();
}

static int uplink_notify(struct notifier_block *nb, unsigned long event,
			 void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (dev != rtnl_dereference(xenvf_uplink))
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_UNREGISTER:
		pr_warn("uplink %s is going away\n", dev->name);
		uplink_detach();
		fallthrough;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		xenvf_back_link_changed();	/* VFs with link-state auto */
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block uplink_nb = {
	.notifier_call = uplink_notify,
};

/**
 * xenvf_back_uplink_set() - use netdev @name as the uplink
 * @name: a netdev of dom0's initial namespace; "" detaches the uplink
 *
 * Return: 0, -ENODEV if there is no such netdev, -EBUSY if another
 * rx_handler (a bridge, a bond, macvlan...) owns it, or -EINVAL if it is
 * not Ethernet; the previous uplink stays in force on error.
 */
int xenvf_back_uplink_set(const char *name)
{
	struct net_device *dev = NULL;
	int err;

	if (!notifier_registered) {	/* it takes RTNL itself */
		err = register_netdevice_notifier(&uplink_nb);
		if (err)
			return err;
		notifier_registered = true;
	}
	rtnl_lock();
	if (*name) {
		dev = __dev_get_by_name(&init_net, name);
		err = -ENODEV;
		if (!dev) {
			pr_err("uplink %s: no such network device\n", name);
			goto out;
		}
		err = -EINVAL;
		if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
			pr_err("uplink %s: not an Ethernet device\n", name);
			goto out;
		}
		if (dev == rtnl_dereference(xenvf_uplink)) {
			err = 0;
			goto out;
		}
	}
	if (dev) {
		err = netdev_rx_handler_register(dev, uplink_rx, NULL);
		if (err) {
			pr_err("uplink %s: already enslaved (bridge, bond...): %d\n",
			       name, err);
			goto out;
		}
	}
	uplink_detach();
	err = 0;
	if (!dev)
		goto out;
	dev_hold(dev);
	rcu_assign_pointer(xenvf_uplink, dev);
	pr_info("uplink %s attached\n", dev->name);
	xenvf_back_link_changed();
out:
	rtnl_unlock();
	return err;
}

/**
 * xenvf_back_uplink_exit() - detach the uplink at module unload
 */
void xenvf_back_uplink_exit(void)
{
	rtnl_lock();
	uplink_detach();
	rtnl_unlock();
	if (notifier_registered)
		unregister_netdevice_notifier(&uplink_nb);
	notifier_registered = false;
}
