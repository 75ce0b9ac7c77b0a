// SPDX-License-Identifier: GPL-2.0-only
/*
 * The embedded switch, VEB mode: a frame from a VF goes to the VF that owns
 * its destination MAC; broadcast and multicast go to every other VF. The
 * source MAC must be the sender's (anti-spoof). Frames for no VF are
 * counted and dropped until the uplink exists.
 *
 * Ports are added when a VF's data queue connects and removed (with an RCU
 * grace period) before it disconnects; forwarding runs under RCU.
 */
#include <linux/etherdevice.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>

#include "back_fwd.h"
#include "xenvf_back.h"

static LIST_HEAD(xenvf_ports);
static DEFINE_SPINLOCK(xenvf_ports_lock);	/* writers of xenvf_ports */

/**
 * xenvf_back_switch_add() - attach a connected VF to the switch
 * @vf: the VF
 */
void xenvf_back_switch_add(struct xenvf_back_vf *vf)
{
	spin_lock(&xenvf_ports_lock);
	list_add_rcu(&vf->port, &xenvf_ports);
	spin_unlock(&xenvf_ports_lock);
}

/**
 * xenvf_back_switch_del() - detach a VF; no frame reaches it afterwards
 * @vf: the VF
 */
void xenvf_back_switch_del(struct xenvf_back_vf *vf)
{
	spin_lock(&xenvf_ports_lock);
	list_del_rcu(&vf->port);
	spin_unlock(&xenvf_ports_lock);
	synchronize_rcu();
}

/**
 * xenvf_back_switch() - forward a frame a VF sent
 * @src: the sending VF
 * @skb: the frame (consumed)
 */
void xenvf_back_switch(struct xenvf_back_vf *src, struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	enum xenvf_fwd_action action = xenvf_fwd_classify(src->cfg.mac, eth);
	struct xenvf_back_vf *dst;
	struct sk_buff *clone;

	if (action == XENVF_FWD_DROP_SPOOF) {
		atomic64_inc(&src->stats.spoof_dropped);
		kfree_skb(skb);
		return;
	}
	rcu_read_lock();
	list_for_each_entry_rcu(dst, &xenvf_ports, port) {
		if (!xenvf_fwd_port_takes(dst->cfg.mac, dst == src, eth))
			continue;
		if (action == XENVF_FWD_UNICAST) {
			xenvf_back_queue_deliver(dst, skb);
			rcu_read_unlock();
			return;
		}
		clone = skb_clone(skb, GFP_ATOMIC);
		if (clone)
			xenvf_back_queue_deliver(dst, clone);
		else
			atomic64_inc(&dst->stats.rx_dropped);
	}
	rcu_read_unlock();
	if (action == XENVF_FWD_UNICAST) {
		atomic64_inc(&src->stats.no_destination);
		kfree_skb(skb);
	} else {
		consume_skb(skb);
	}
}
