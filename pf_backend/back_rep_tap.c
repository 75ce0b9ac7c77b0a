// SPDX-License-Identifier: GPL-2.0-only
/*
 * Packet taps on a VF's representor: a tcpdump or AF_PACKET socket on
 * xvf<domid>.<vf> sees every frame the VF sends (as it reaches the
 * switch, before the switch's checks) and every frame the switch
 * delivers to it (with the tag its port gets), as a vif's tap does.
 * Taps only: nothing reaches the representor's own stack (the switch has
 * forwarded the frame already). Both directions go through
 * dev_queue_xmit_nit(), as a vrf device's received frames do, so a tap
 * sees both marked outgoing; the source MAC tells them apart.
 *
 * At no cost without a listener: dev_nit_active() is two list_empty()
 * tests, and the frame is not cloned. A frame the VF-to-VF direct path
 * (back_direct.c) would copy with no skb takes the skb path while either
 * end's representor is tapped (xenvf_back_rep_tapped()).
 */
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "xenvf_back.h"

/**
 * xenvf_back_rep_tapped() - does a packet tap listen on the VF's representor?
 * @vf: the VF
 *
 * Return: true if a frame of the VF's must be shown to a tap.
 */
bool xenvf_back_rep_tapped(const struct xenvf_back_vf *vf)
{
	struct net_device *rep = READ_ONCE(vf->rep);

	return rep && dev_nit_active(rep);
}

/**
 * xenvf_back_rep_tap() - show a frame of the VF to its representor's taps
 * @vf: the VF that sent the frame or receives it
 * @skb: the frame, data at its Ethernet header (not consumed: taps get
 *	a clone)
 */
void xenvf_back_rep_tap(struct xenvf_back_vf *vf, struct sk_buff *skb)
{
	struct net_device *rep = READ_ONCE(vf->rep), *dev;

	if (likely(!rep || !dev_nit_active(rep)))
		return;
	/* where the tap finds the network header: after the Ethernet one */
	if (skb_network_header(skb) < skb->data ||
	    skb_network_header(skb) > skb_tail_pointer(skb))
		skb_set_network_header(skb, min_t(unsigned int, skb->len,
						  ETH_HLEN));
	dev = skb->dev;
	skb->dev = rep;
	/* taps are fed with BHs off, as from a qdisc (packet_rcv's locks) */
	rcu_read_lock_bh();
	dev_queue_xmit_nit(skb, rep);
	rcu_read_unlock_bh();
	skb->dev = dev;
}
