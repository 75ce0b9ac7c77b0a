// SPDX-License-Identifier: GPL-2.0-only
/*
 * The uplink: a dom0 netdev (the PF's own netdev on a real host, a Linux
 * bridge such as xenbr0, a veth in tests) that carries what the switch
 * does not keep between VFs. Frames it receives are offered to the VFs by
 * an rx_handler; frames for it leave by dev_queue_xmit().
 *
 * It is configured by name (uplink=): a name no netdev has yet is waited
 * for, and a netdevice notifier attaches the netdev that appears under it
 * (registered, moved into the initial namespace, renamed to it). When the
 * attached netdev goes (unregistered, moved out, renamed) it is detached
 * and its name waited for again. While none is attached VEB keeps
 * switching between VFs; frames for the uplink are dropped and counted
 * (drop_uplink_absent). Which netdevs are taken: back_uplink_pick.c.
 *
 * A bridge is taken as an endpoint of its own stack: frames leave by
 * br_dev_xmit(), and the rx_handler on the bridge device sees what the
 * bridge passes up to it (br_pass_frame_up()). The backend makes the
 * bridge promiscuous (one reference) so that frames to the VFs' MACs,
 * which the bridge floods, are passed up too.
 *
 * Writers hold RTNL; the data path reads xenvf_uplink under RCU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

#include "xenvf_back.h"
#include "back_uplink_pick.h"

struct net_device __rcu *xenvf_uplink;
bool xenvf_uplink_waiting;	/* configured, not attached: count drops */

/* Under RTNL. */
static char wanted[IFNAMSIZ];	/* the configured name, "" for none */
static enum xenvf_uplink_state state;
static bool promisc_held;	/* a bridge: dev_set_promiscuity(+1) */
static netdevice_tracker uplink_tracker;
static unsigned int attaches;	/* since load (uplink_attaches) */
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

static void set_state(enum xenvf_uplink_state st)
{
	WRITE_ONCE(state, st);	/* read by the uplink_state parameter */
	WRITE_ONCE(xenvf_uplink_waiting, st == XENVF_UPLINK_WAITING);
}

/* Drop the current uplink (the state is the caller's); caller holds RTNL. */
static void uplink_detach(void)
{
	struct net_device *dev = rtnl_dereference(xenvf_uplink);

	if (!dev)
		return;
	netdev_rx_handler_unregister(dev);
	if (promisc_held)
		dev_set_promiscuity(dev, -1);
	promisc_held = false;
	RCU_INIT_POINTER(xenvf_uplink, NULL);
	synchronize_net();	/* no switch path holds the pointer any more */
	pr_info("uplink %s detached\n", dev->name);
	netdev_put(dev, &uplink_tracker);
	xenvf_back_link_changed();
}

static void uplink_facts(struct net_device *dev, struct xenvf_uplink_dev *d,
			 struct net_device **master)
{
	*master = netdev_master_upper_dev_get(dev);
	d->ether = dev->type == ARPHRD_ETHER && dev->addr_len == ETH_ALEN;
	d->init_net = net_eq(dev_net(dev), &init_net);
	d->rep = xenvf_back_is_rep(dev);
	d->bridge = netif_is_bridge_master(dev);
	d->port = *master || netif_is_bridge_port(dev);
	d->port_of_bridge = netif_is_bridge_port(dev) ||
			    (*master && netif_is_bridge_master(*master));
	d->rx_handler = netdev_is_rx_handler_busy(dev);
}

/*
 * Attach @dev in place of the current uplink, which stays if @dev is
 * refused (one log line). Caller holds RTNL and sets the state.
 */
static int uplink_attach(struct net_device *dev)
{
	struct xenvf_uplink_dev d;
	struct net_device *master;
	enum xenvf_uplink_kind k;
	int err;

	uplink_facts(dev, &d, &master);
	k = xenvf_uplink_judge(&d);
	if (k == XENVF_UPLINK_BRIDGE_PORT || k == XENVF_UPLINK_PORT) {
		pr_err("uplink %s: %s %s: use uplink=%s\n", dev->name,
		       xenvf_uplink_why(k), master ? master->name : "?",
		       master ? master->name : "<its master>");
		return xenvf_uplink_errno(k);
	}
	if (!xenvf_uplink_taken(k)) {
		pr_err("uplink %s: %s\n", dev->name, xenvf_uplink_why(k));
		return xenvf_uplink_errno(k);
	}
	err = netdev_rx_handler_register(dev, uplink_rx, NULL);
	if (err) {
		pr_err("uplink %s: rx_handler not registered: %d\n",
		       dev->name, err);
		return err;
	}
	if (k == XENVF_UPLINK_BRIDGE) {
		err = dev_set_promiscuity(dev, 1);
		if (err) {
			netdev_rx_handler_unregister(dev);
			pr_err("uplink %s: bridge not made promiscuous: %d\n",
			       dev->name, err);
			return err;
		}
	}
	uplink_detach();
	promisc_held = k == XENVF_UPLINK_BRIDGE;
	netdev_hold(dev, &uplink_tracker, GFP_KERNEL);
	rcu_assign_pointer(xenvf_uplink, dev);
	WRITE_ONCE(attaches, attaches + 1);
	pr_info("uplink %s attached (%s)\n", dev->name, xenvf_uplink_why(k));
	xenvf_back_link_changed();
	return 0;
}

static enum xenvf_uplink_event event_of(unsigned long event)
{
	switch (event) {
	case NETDEV_REGISTER:
		return XENVF_UEV_REGISTER;
	case NETDEV_CHANGENAME:
		return XENVF_UEV_RENAME;
	case NETDEV_UNREGISTER:
		return XENVF_UEV_UNREGISTER;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		return XENVF_UEV_LINK;
	default:
		return XENVF_UEV_OTHER;
	}
}

static int uplink_notify(struct notifier_block *nb, unsigned long event,
			 void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	bool ours = dev == rtnl_dereference(xenvf_uplink);
	bool named = *wanted && !strcmp(dev->name, wanted) &&
		     net_eq(dev_net(dev), &init_net);

	switch (xenvf_uplink_on_event(state, event_of(event), ours, named)) {
	case XENVF_UACT_ATTACH:
		if (!uplink_attach(dev))
			set_state(XENVF_UPLINK_ATTACHED);
		break;
	case XENVF_UACT_DETACH:
		if (event == NETDEV_CHANGENAME)
			pr_warn("uplink %s renamed %s\n", wanted, dev->name);
		else
			pr_warn("uplink %s is going away\n", dev->name);
		set_state(XENVF_UPLINK_WAITING);
		uplink_detach();
		pr_info("uplink %s: waiting for it to appear again\n", wanted);
		break;
	case XENVF_UACT_LINK:
		xenvf_back_link_changed();	/* VFs with link-state auto */
		break;
	case XENVF_UACT_NONE:
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block uplink_nb = {
	.notifier_call = uplink_notify,
};

/**
 * xenvf_back_uplink_set() - use the netdev named @name as the uplink
 * @name: a netdev of dom0's initial namespace, or one to wait for; ""
 *	detaches the uplink
 *
 * A netdev of that name is attached now, or refused: -EINVAL if it can
 * never be an uplink (not Ethernet, a representor), -EBUSY if another
 * device owns it (a port of a bridge, bond or team: the log line names
 * the master to use instead; another rx_handler). With no such netdev
 * the name is waited for. On error nothing changed.
 *
 * Return: 0 or the refusal.
 */
int xenvf_back_uplink_set(const char *name)
{
	struct net_device *dev;
	int err = 0;

	if (!notifier_registered) {	/* it takes RTNL itself */
		err = register_netdevice_notifier(&uplink_nb);
		if (err)
			return err;
		notifier_registered = true;
	}
	rtnl_lock();
	dev = *name ? __dev_get_by_name(&init_net, name) : NULL;
	if (dev && dev == rtnl_dereference(xenvf_uplink))
		goto out;
	if (dev) {
		err = uplink_attach(dev);
		if (err)
			goto out;
		set_state(XENVF_UPLINK_ATTACHED);
	} else {
		set_state(*name ? XENVF_UPLINK_WAITING : XENVF_UPLINK_NONE);
		uplink_detach();
		if (*name)
			pr_info("uplink %s: no such network device yet: attached when it appears\n",
				name);
	}
	strscpy(wanted, name, sizeof(wanted));
out:
	rtnl_unlock();
	return err;
}

/**
 * xenvf_back_uplink_state() - where the uplink stands
 *
 * Return: "none", "waiting" or "attached".
 */
const char *xenvf_back_uplink_state(void)
{
	return xenvf_uplink_state_name(READ_ONCE(state));
}

/**
 * xenvf_back_uplink_attaches() - how many times an uplink was attached
 *
 * Return: the count since the module loaded.
 */
unsigned int xenvf_back_uplink_attaches(void)
{
	return READ_ONCE(attaches);
}

/**
 * xenvf_back_uplink_exit() - detach the uplink at module unload
 */
void xenvf_back_uplink_exit(void)
{
	rtnl_lock();
	set_state(XENVF_UPLINK_NONE);
	*wanted = '\0';
	uplink_detach();
	rtnl_unlock();
	if (notifier_registered)
		unregister_netdevice_notifier(&uplink_nb);
	notifier_registered = false;
}
