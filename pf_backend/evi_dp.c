// SPDX-License-Identifier: GPL-2.0-only
/*
 * The EVI data path: frames of extended VLANs that the switch would send
 * out of the uplink are encapsulated (evi_pkt.c) and routed to their peers
 * through dom0's IPv4/IPv6 stack; GRE packets to the local address that
 * the uplink receives are checked, decapsulated and delivered to the VFs
 * only (split horizon). Decisions are evi_fwd.c's; every drop is counted.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/udp.h>	/* skb_gso_segment(): net/gso.h since 6.4 */

#include "back_egress.h"
#include "evi_fwd.h"
#include "evi_pkt.h"
#include "evi_tx.h"
#include "xenvf_back.h"

/* Bytes of a frame's start copied out for decisions (ARP included). */
#define EVI_PEEK	64

static atomic_t evi_ip_id = ATOMIC_INIT(0);

static void count(unsigned int stat)
{
	xenvf_evi_count(&xenvf_evi_main, stat);
}

static struct dst_entry *evi_route4(const struct xenvf_evi_cfg *c,
				    const struct xenvf_evi_addr *dst, u8 tos)
{
	struct flowi4 fl4 = { .flowi4_proto = IPPROTO_GRE, .flowi4_tos = tos };
	struct rtable *rt;

	memcpy(&fl4.daddr, dst->a, 4);
	memcpy(&fl4.saddr, c->local.a, 4);
	rt = ip_route_output_key(&init_net, &fl4);
	return IS_ERR(rt) ? NULL : &rt->dst;
}

static struct dst_entry *evi_route6(const struct xenvf_evi_cfg *c,
				    const struct xenvf_evi_addr *dst)
{
	struct flowi6 fl6 = { .flowi6_proto = IPPROTO_GRE };
	struct dst_entry *d;

	memcpy(&fl6.daddr, dst->a, 16);
	memcpy(&fl6.saddr, c->local.a, 16);
	d = ip6_route_output(&init_net, NULL, &fl6);
	if (d->error) {
		dst_release(d);
		return NULL;
	}
	return d;
}

/* Route the outer packet to @dst in dom0's namespace; NULL: no route. */
static struct dst_entry *evi_route(const struct xenvf_evi_cfg *c,
				   const struct xenvf_evi_addr *dst, u8 dscp)
{
	return c->local.family == 4 ? evi_route4(c, dst, dscp << 2) :
				      evi_route6(c, dst);
}

/*
 * Send one copy of @skb (an untagged inner frame without pending offloads,
 * consumed) to @p, tagged with @vid inside the tunnel.
 */
static void evi_xmit(const struct xenvf_evi_cfg *c, struct xenvf_evi_peer *p,
		     struct sk_buff *skb, u16 vid)
{
	struct xenvf_evi_tx_params tp = {
		.src = &c->local, .dst = &p->addr, .ttl = c->ttl,
		.dscp = c->dscp, .use_key = c->use_key, .key = c->key,
		.id = (u16)atomic_inc_return(&evi_ip_id),
	};
	unsigned int len, olen = xenvf_evi_outer_len(c->local.family,
						     c->use_key);
	struct dst_entry *d;
	int err;

	skb = xenvf_evi_encap(&xenvf_evi_main, &tp, skb, vid);
	if (!skb)
		return;
	len = skb->len - olen;		/* the inner frame, tag included */
	d = evi_route(c, &p->addr, c->dscp == XENVF_EVI_DSCP_INHERIT ? 0 :
		      c->dscp);
	if (!d) {
		count(XENVF_EVI_S_TX_NO_ROUTE);
		kfree_skb(skb);
		return;
	}
	if (skb->len > dst_mtu(d)) {
		count(XENVF_EVI_S_TX_OVERSIZE);
		dst_release(d);
		kfree_skb(skb);
		return;
	}
	skb_dst_drop(skb);
	skb_dst_set(skb, d);
	nf_reset_ct(skb);
	skb->ignore_df = 0;
	skb->dev = d->dev;
	if (c->local.family == 4) {
		skb->protocol = htons(ETH_P_IP);
		memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
		err = ip_local_out(&init_net, NULL, skb);
	} else {
		skb->protocol = htons(ETH_P_IPV6);
		memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
		err = ip6_local_out(&init_net, NULL, skb);
	}
	if (net_xmit_eval(err)) {
		count(XENVF_EVI_S_TX_NO_ROUTE);	/* neighbour or device refused */
		return;
	}
	count(XENVF_EVI_S_TX_ENCAP);
	xenvf_evi_add(&xenvf_evi_main, XENVF_EVI_S_TX_BYTES, len);
	xenvf_evi_peer_count(p, XENVF_EVI_PS_TX_PACKETS, len);
}

/* One frame without offloads to one peer or all of them (consumed). */
static void evi_send(const struct xenvf_evi_cfg *c, struct sk_buff *skb,
		     u16 vid, struct xenvf_evi_peer *to)
{
	struct xenvf_evi_peer *peers[XENVF_EVI_MAX_PEERS];
	unsigned int n, i;
	struct sk_buff *copy;

	if (to) {
		evi_xmit(c, to, skb, vid);
		return;
	}
	n = xenvf_evi_flood_targets(&xenvf_evi_main, peers, ARRAY_SIZE(peers));
	for (i = 0; i + 1 < n; i++) {
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			evi_xmit(c, peers[i], copy, vid);
		else
			count(XENVF_EVI_S_NO_MEM);
	}
	if (n) {
		evi_xmit(c, peers[n - 1], skb, vid);
	} else {
		count(XENVF_EVI_S_TX_NO_PEER);
		kfree_skb(skb);
	}
}

/*
 * Cut a GSO packet into its segments; @skb is consumed either way.
 * Return: the list, or NULL (counted) when segmenting failed.
 */
static struct sk_buff *evi_segment(struct sk_buff *skb)
{
	struct sk_buff *segs = skb_gso_segment(skb, 0);

	if (IS_ERR_OR_NULL(segs)) {
		count(XENVF_EVI_S_NO_MEM);
		kfree_skb(skb);
		return NULL;
	}
	consume_skb(skb);
	return segs;
}

/* Finish every offload of a VF's frame (evi_tx.c), then send each frame. */
static void evi_send_all(const struct xenvf_evi_cfg *c,
			 struct xenvf_back_vf *src, struct sk_buff *skb,
			 u16 vid, struct xenvf_evi_peer *to)
{
	struct sk_buff_head frames;

	__skb_queue_head_init(&frames);
	xenvf_evi_tx_prepare(&xenvf_evi_main, src, skb, &frames);
	while ((skb = __skb_dequeue(&frames)))
		evi_send(c, skb, vid, to);
}

/* Answer @skb, an ARP request for @m's address, to the VF that sent it. */
static void evi_arp_reply(struct xenvf_back_vf *src, struct sk_buff *skb,
			  const u8 *req, u16 vid, const struct xenvf_evi_mac *m)
{
	struct sk_buff *r = alloc_skb(XENVF_EVI_ARP_LEN + NET_IP_ALIGN,
				      GFP_ATOMIC);

	consume_skb(skb);
	if (!r) {
		count(XENVF_EVI_S_NO_MEM);
		return;
	}
	skb_reserve(r, NET_IP_ALIGN);
	xenvf_evi_arp_reply(skb_put(r, XENVF_EVI_ARP_LEN), req, m->mac);
	skb_reset_mac_header(r);
	r->protocol = htons(ETH_P_ARP);
	count(XENVF_EVI_S_ARP_SUPPRESSED);
	xenvf_egress_to_vf(src, r, vid);	/* the VF port's egress */
}

/**
 * xenvf_evi_from_vf() - offer EVI a frame the switch would send out of
 * the uplink
 * @src: the VF that sent it
 * @skb: the frame, untagged, data at its Ethernet header
 * @vid: its VLAN in the switch
 *
 * Caller holds rcu_read_lock().
 *
 * Return: true if EVI took it (consumed: tunnelled, answered or dropped
 * and counted); false if its VLAN is not extended (or EVI is off): the
 * uplink has it as before.
 */
bool xenvf_evi_from_vf(struct xenvf_back_vf *src, struct sk_buff *skb,
		       u16 vid)
{
	struct xenvf_evi *e = &xenvf_evi_main;
	const struct xenvf_evi_cfg *c = xenvf_evi_cfg_get(e);
	struct xenvf_evi_tx_plan plan;
	u8 buf[EVI_PEEK];
	const u8 *head;
	unsigned int len;

	if (!c->enabled || !xenvf_evi_vlan_extended(e, vid))
		return false;
	len = min_t(unsigned int, skb->len, EVI_PEEK);
	head = skb_header_pointer(skb, 0, len, buf);
	if (!head)
		return false;
	switch (xenvf_evi_tx_decide(e, c, head, len, vid, false, &plan)) {
	case XENVF_EVI_TX_UPLINK:
		return false;
	case XENVF_EVI_TX_PEER:
		evi_send_all(c, src, skb, vid, plan.peer);
		break;
	case XENVF_EVI_TX_FLOOD:
		evi_send_all(c, src, skb, vid, NULL);
		break;
	case XENVF_EVI_TX_ARP_REPLY:
		if (head != buf)
			head = memcpy(buf, head, len);
		evi_arp_reply(src, skb, head, vid, plan.owner);
		break;
	case XENVF_EVI_TX_HOLD:
		count(XENVF_EVI_S_TX_UNKNOWN_HELD);
		kfree_skb(skb);
		break;
	default:
		kfree_skb(skb);
		break;
	}
	return true;
}

/* Strip the outer headers and any inner tag; NULL if out of memory. */
static struct sk_buff *evi_decap(struct sk_buff *skb,
				 const struct xenvf_evi_rx_info *info)
{
	if (pskb_trim(skb, info->inner_off + info->inner_len)) {
		kfree_skb(skb);
		return NULL;
	}
	skb_pull(skb, info->inner_off);
	skb_reset_mac_header(skb);
	skb->protocol = eth_hdr(skb)->h_proto;
	__vlan_hwaccel_clear_tag(skb);
	if (info->tagged) {
		skb_pull(skb, ETH_HLEN);
		skb = skb_vlan_untag(skb);
		if (!skb)
			return NULL;
		skb_push(skb, ETH_HLEN);
		skb_reset_mac_header(skb);
		__vlan_hwaccel_clear_tag(skb);
	}
	skb_set_network_header(skb, ETH_HLEN);
	skb_dst_drop(skb);
	nf_reset_ct(skb);
	skb->ip_summed = CHECKSUM_NONE;
	skb->pkt_type = PACKET_HOST;
	return skb;
}

/* Is @skb (data at its network header) GRE to @local? A cheap first look. */
static bool evi_candidate(struct sk_buff *skb, const struct xenvf_evi_addr *l)
{
	if (l->family == 4 && skb->protocol == htons(ETH_P_IP)) {
		const struct iphdr *iph;

		if (!pskb_may_pull(skb, sizeof(*iph)))
			return false;
		iph = ip_hdr(skb);
		return iph->protocol == IPPROTO_GRE &&
		       !memcmp(&iph->daddr, l->a, 4);
	}
	if (l->family == 6 && skb->protocol == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6;

		if (!pskb_may_pull(skb, sizeof(*ip6)))
			return false;
		ip6 = ipv6_hdr(skb);
		return (ip6->nexthdr == IPPROTO_GRE ||
			ip6->nexthdr == NEXTHDR_FRAGMENT ||
			ip6->nexthdr == NEXTHDR_HOP ||
			ip6->nexthdr == NEXTHDR_DEST) &&
		       !memcmp(&ip6->daddr, l->a, 16);
	}
	return false;
}

/*
 * One packet of a peer, data at its outer network header, not GSO: true
 * if it was EVI's (consumed), false if the stack should have it.
 */
static bool evi_rx_one(const struct xenvf_evi_cfg *c, struct sk_buff *skb)
{
	struct xenvf_evi *e = &xenvf_evi_main;
	struct xenvf_evi_rx_params rp = {
		.local = &c->local, .min_ttl = c->min_rx_ttl,
		.use_key = c->use_key, .key = c->key,
	};
	struct xenvf_evi_rx_info info;
	struct xenvf_evi_peer *peer;
	unsigned int v, len;
	u8 buf[XENVF_EVI_ARP_LEN];
	const u8 *head;
	bool mc;

	/*
	 * Linear first, so that a checksum left to offload (a local tunnel's
	 * packet over a veth) is inside the head: computed now, as the wire
	 * would have it; decap drops the state.
	 */
	if (skb_linearize(skb) ||
	    (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))) {
		count(XENVF_EVI_S_NO_MEM);
		goto drop;
	}
	v = xenvf_evi_parse(&rp, skb->data, skb->len, &info);
	if (!v)
		return false;
	if (v == XENVF_EVI_S_RX_DECAP)
		v = xenvf_evi_rx_check(e, info.vid, &info.src, &peer);
	if (v != XENVF_EVI_S_RX_DECAP) {
		count(v);
		goto drop;
	}
	len = info.inner_len;
	skb = evi_decap(skb, &info);
	if (!skb) {
		count(XENVF_EVI_S_NO_MEM);
		return true;
	}
	count(XENVF_EVI_S_RX_DECAP);
	xenvf_evi_add(e, XENVF_EVI_S_RX_BYTES, len);
	xenvf_evi_peer_count(peer, XENVF_EVI_PS_RX_PACKETS, len);

	len = min_t(unsigned int, skb->len, sizeof(buf));
	head = skb_header_pointer(skb, 0, len, buf);
	if (head)
		count(xenvf_evi_learn(e, info.vid, head + ETH_ALEN, peer,
				      xenvf_evi_arp_sender(head, len),
				      jiffies));
	mc = is_multicast_ether_addr(eth_hdr(skb)->h_dest);
	if (xenvf_back_switch_from_evi(skb, info.vid))
		return true;
	/* no VF owned it; and split horizon: it goes to no other peer */
	count(mc ? XENVF_EVI_S_SPLIT_HORIZON : XENVF_EVI_S_RX_NO_DEST);
	if (mc)
		consume_skb(skb);
	else
		kfree_skb(skb);
	return true;
drop:
	kfree_skb(skb);
	return true;
}

/*
 * A GSO packet (GRO on the uplink, or a local tunnel's super-packet over a
 * veth) is cut into the packets the peer sent, with their checksums
 * computed, and each taken as one. Consumed.
 */
static void evi_rx_gso(const struct xenvf_evi_cfg *c, struct sk_buff *skb)
{
	struct sk_buff *segs, *next;

	__skb_push(skb, skb->data - skb_mac_header(skb));	/* at the MAC header */
	segs = evi_segment(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		__skb_pull(skb, skb_network_offset(skb));
		if (!evi_rx_one(c, skb))
			netif_rx(skb);	/* not EVI's after all: the stack's */
	}
}

/**
 * xenvf_evi_rx() - take an EVI packet the uplink received
 * @skb: the frame, data at its (outer) network header
 *
 * Called from the uplink's rx_handler under rcu_read_lock().
 *
 * Return: true if it was EVI's (consumed: delivered to VFs, or dropped
 * and counted); false if the stack should have it.
 */
bool xenvf_evi_rx(struct sk_buff *skb)
{
	const struct xenvf_evi_cfg *c = xenvf_evi_cfg_get(&xenvf_evi_main);

	if (!c->enabled || skb->pkt_type != PACKET_HOST ||
	    skb_vlan_tag_present(skb) || !evi_candidate(skb, &c->local))
		return false;
	if (skb_is_gso(skb)) {
		evi_rx_gso(c, skb);
		return true;
	}
	return evi_rx_one(c, skb);
}
