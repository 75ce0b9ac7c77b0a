// SPDX-License-Identifier: GPL-2.0-only
/*
 * The switch's egress: how each kind of port sends a frame the switch
 * (back_switch.c) has decided on, one const ops table per kind, the way
 * ixgbevf picks its mailbox ops per environment. A port's egress is a
 * list of stages run in order until one consumes the frame:
 *
 * - VF: the tag its port gets, its representor's taps, its RX queues;
 * - REP: a frame sent on a VF's representor, to the VF as it is;
 * - EVI: a frame of an extended VLAN, tunnelled to the peer edges (or
 *   answered, for a suppressed ARP request, through the VF egress); it
 *   declines a frame of any other VLAN;
 * - UPLINK: a missing uplink, then FCoE (the FCoE priority tag; an FCoE
 *   offload the uplink's hardware cannot finish is finished here, one
 *   frame out per FC frame), then the uplink's MTU and dev_queue_xmit().
 *
 * A frame that leaves by VF egress, EVI or the uplink never comes back
 * into the switch: the stages call each other's ports directly.
 * Callers hold rcu_read_lock() (the filters and the uplink are RCU).
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
/* skb_gso_validate_mac_len(): skbuff.h up to 6.4, net/gso.h (which udp.h includes) since */
#include <net/udp.h>

#include "back_egress.h"
#include "back_fcoe.h"
#include "back_fwd.h"
#include "xenvf_back.h"

static void egress_count(struct xenvf_back_vf *vf, enum xenvf_sw_counter c)
{
	atomic64_inc(&vf->sw[c]);
}

/* VF: the tag its port gets, a tap on its representor, its RX queues. */
static bool vf_deliver(struct xenvf_egress *e, struct sk_buff *skb)
{
	u16 tci = xenvf_fwd_egress_tci(e->dst_f, e->vid);

	if (tci)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), tci);
	else
		__vlan_hwaccel_clear_tag(skb);
	xenvf_back_rep_tap(e->dst, skb);
	xenvf_back_queue_deliver(e->dst, skb);	/* the tag rides in the RX descriptor */
	return true;
}

/* REP: what dom0 sends on a representor reaches its VF as it is. */
static bool rep_deliver(struct xenvf_egress *e, struct sk_buff *skb)
{
	__vlan_hwaccel_clear_tag(skb);
	xenvf_back_queue_deliver(e->dst, skb);
	return true;
}

/* EVI: an extended VLAN's frame is the overlay's; others are declined. */
static bool evi_tunnel(struct xenvf_egress *e, struct sk_buff *skb)
{
	return xenvf_evi_from_vf(e->src, skb, e->vid);
}

/*
 * UPLINK, first: is there one? A configured one that is missing (yet, or
 * again) drops in every mode (drop_uplink_absent, broadcasts included:
 * the VFs got theirs); with none configured a VEB flood is done, and VEPA
 * and private have no other way out.
 */
static bool uplink_present(struct xenvf_egress *e, struct sk_buff *skb)
{
	bool veb = READ_ONCE(xenvf_mode) == XENVF_MODE_VEB;

	skb_reset_mac_header(skb);	/* the stages read its Ethernet header */
	e->up = rcu_dereference(xenvf_uplink);
	if (e->up)
		return false;
	if (READ_ONCE(xenvf_uplink_waiting)) {
		egress_count(e->src, XENVF_SW_UPLINK_ABSENT);
		kfree_skb(skb);
	} else if (veb && is_multicast_ether_addr(eth_hdr(skb)->h_dest)) {
		consume_skb(skb);	/* flooded to the VFs: done */
	} else {
		egress_count(e->src, veb ? XENVF_SW_NO_DEST : XENVF_SW_NO_UPLINK);
		kfree_skb(skb);
	}
	return true;
}

/*
 * Does the frame fit the uplink's MTU (each segment of a GSO frame)? The
 * uplink's driver is not handed what it would have to refuse. FSO is left
 * to the uplink's hardware, which makes FC frames of the FCoE MTU.
 */
static bool uplink_fits(const struct net_device *up, const struct sk_buff *skb)
{
	unsigned int max = xenvf_fwd_uplink_max(READ_ONCE(up->mtu),
						eth_type_vlan(eth_hdr(skb)->h_proto));

	if (!skb_is_gso(skb))
		return skb->len <= max;
	if (skb_shinfo(skb)->gso_type & SKB_GSO_FCOE)
		return true;
	return skb_gso_validate_mac_len(skb, max);
}

/* UPLINK, last: out of the uplink's driver; a refusal is counted. */
static bool uplink_xmit(struct xenvf_egress *e, struct sk_buff *skb)
{
	if (!uplink_fits(skb->dev, skb)) {
		egress_count(e->src, XENVF_SW_UPLINK_MTU);
		kfree_skb(skb);
		return true;
	}
	if (dev_queue_xmit(skb) == NET_XMIT_SUCCESS)
		egress_count(e->src, XENVF_SW_TO_UPLINK);
	else
		egress_count(e->src, XENVF_SW_UPLINK_ERR);
	return true;
}

/* UPLINK, FCoE: FCoE and FIP frames carry the FCoE priority. */
static bool fcoe_priority(struct xenvf_egress *e, struct sk_buff *skb)
{
	u16 tci = xenvf_fcoe_uplink_tci(e->vid, e->qos, eth_hdr(skb)->h_proto,
					READ_ONCE(xenvf_fcoe_prio));

	if (tci)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), tci);
	skb->dev = e->up;
	return false;
}

/*
 * UPLINK, FCoE: a pending FCoE offload (CRC, FSO) is the uplink's
 * hardware's if it can; else it is finished here and each FC frame goes
 * out on its own.
 */
static bool fcoe_offload(struct xenvf_egress *e, struct sk_buff *skb)
{
	struct sk_buff_head frames;
	int n;

	if (!xenvf_back_fcoe_pending(skb))
		return false;
	if (xenvf_back_fcoe_hw(e->up, skb)) {
		xenvf_back_fcoe_count(e->src, XENVF_FC_HW, 1);
		return false;
	}
	__skb_queue_head_init(&frames);
	n = xenvf_back_fcoe_resolve(skb, &frames);
	if (n < 0) {
		xenvf_back_fcoe_count(e->src, n == -ENOMEM ? XENVF_FC_DROP_NOMEM :
				      XENVF_FC_DROP_BAD, 1);
		return true;
	}
	xenvf_back_fcoe_count(e->src, XENVF_FC_SW_FRAMES, n);
	while ((skb = __skb_dequeue(&frames)))
		uplink_xmit(e, skb);
	return true;
}

static const xenvf_egress_stage_t vf_stages[] = { vf_deliver, NULL };
static const xenvf_egress_stage_t rep_stages[] = { rep_deliver, NULL };
static const xenvf_egress_stage_t evi_stages[] = { evi_tunnel, NULL };
static const xenvf_egress_stage_t uplink_stages[] = {
	uplink_present, fcoe_priority, fcoe_offload, uplink_xmit, NULL
};

const struct xenvf_port_ops xenvf_port_ops[XENVF_PORT_KINDS] = {
	[XENVF_PORT_VF]		= { .name = "vf", .stages = vf_stages },
	[XENVF_PORT_REP]	= { .name = "representor", .stages = rep_stages },
	[XENVF_PORT_EVI]	= { .name = "evi", .stages = evi_stages,
				    .may_decline = true },
	[XENVF_PORT_UPLINK]	= { .name = "uplink", .stages = uplink_stages },
};

/**
 * xenvf_egress() - send a frame out of a port of kind @kind
 * @kind: the port's kind
 * @e: the frame's egress (filled in by the stages as they go)
 * @skb: the frame, data at its Ethernet header
 *
 * Return: true if consumed; false only for a port that may decline (EVI),
 * when the caller still owns @skb.
 */
bool xenvf_egress(enum xenvf_port_kind kind, struct xenvf_egress *e,
		  struct sk_buff *skb)
{
	const xenvf_egress_stage_t *s;

	for (s = xenvf_port_ops[kind].stages; *s; s++)
		if ((*s)(e, skb))
			return true;
	if (xenvf_port_ops[kind].may_decline)
		return false;
	WARN_ON_ONCE(1);	/* a port whose last stage did not consume */
	kfree_skb(skb);
	return true;
}

/**
 * xenvf_egress_out() - send a frame no local VF takes out of the switch
 * @e: its egress: the VF it is from, its VLAN and QoS
 * @skb: the frame (consumed)
 *
 * An extended VLAN's frame is EVI's; any other goes to the uplink.
 */
void xenvf_egress_out(struct xenvf_egress *e, struct sk_buff *skb)
{
	if (!xenvf_egress(XENVF_PORT_EVI, e, skb))
		xenvf_egress(XENVF_PORT_UPLINK, e, skb);
}

/**
 * xenvf_egress_to_vf() - hand a frame the backend made to a VF
 * @dst: the VF (its port in the switch), caller holds rcu_read_lock()
 * @skb: the frame, untagged (consumed)
 * @vid: the VLAN it belongs to (tagged for the VF as its port requires)
 */
void xenvf_egress_to_vf(struct xenvf_back_vf *dst, struct sk_buff *skb,
			u16 vid)
{
	struct xenvf_egress e = {
		.dst = dst, .dst_f = rcu_dereference(dst->filter), .vid = vid,
	};

	if (!e.dst_f) {
		kfree_skb(skb);
		return;
	}
	xenvf_egress(XENVF_PORT_VF, &e, skb);
}
