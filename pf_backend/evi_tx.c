// SPDX-License-Identifier: GPL-2.0-only
/*
 * EVI transmit, short of routing: a VF's frame becomes frames without
 * pending offloads (a peer and the underlay carry out none: an FCoE CRC,
 * EOF or FSO sequence is finished by back_fcoe_skb.c as for an uplink
 * without FCoE hardware, TSO is segmented, partial checksums computed),
 * and each gets the tag of its extended VLAN and the outer headers.
 * evi_dp.c routes and sends them; KUnit drives this on skbs.
 */
#include <linux/if_vlan.h>
#include <linux/skbuff.h>
#include <net/udp.h>	/* skb_gso_segment(): net/gso.h since 6.4 */

#include "back_fcoe.h"
#include "evi_pkt.h"
#include "evi_tx.h"
#include "xenvf_back.h"

/* Compute a partial checksum, then queue. Return: 1 queued, 0 dropped. */
static unsigned int csum_one(struct xenvf_evi *e, struct sk_buff *skb,
			     struct sk_buff_head *out)
{
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		xenvf_evi_count(e, XENVF_EVI_S_NO_MEM);
		kfree_skb(skb);
		return 0;
	}
	__skb_queue_tail(out, skb);
	return 1;
}

/**
 * xenvf_evi_tx_prepare() - finish a frame's offloads before tunnelling
 * @e: the tables (their counters)
 * @src: the VF that sent it (its FCoE counters), or NULL
 * @skb: the frame, untagged, data at its Ethernet header (consumed)
 * @out: the frames to tunnel are queued here, in order
 *
 * A pending FCoE offload (xenvf_back_fcoe_pending()) is resolved first:
 * skb_checksum_help() would put an Internet checksum where the FC CRC
 * goes, and WARN on the offset of a paged frame. Its outcome is counted
 * on @src as on the way to an uplink (fcoe_frames_finished_by_backend, or
 * the drop). Other GSO frames are segmented; every partial checksum is
 * computed.
 *
 * Return: how many frames were queued (0: dropped and counted).
 */
unsigned int xenvf_evi_tx_prepare(struct xenvf_evi *e,
				  struct xenvf_back_vf *src,
				  struct sk_buff *skb, struct sk_buff_head *out)
{
	struct sk_buff *segs, *next;
	unsigned int n = 0;
	int r;

	if (xenvf_back_fcoe_pending(skb)) {
		r = xenvf_back_fcoe_resolve(skb, out);
		if (r < 0) {
			xenvf_back_fcoe_count(src, r == -ENOMEM ?
					      XENVF_FC_DROP_NOMEM :
					      XENVF_FC_DROP_BAD, 1);
			return 0;
		}
		xenvf_back_fcoe_count(src, XENVF_FC_SW_FRAMES, r);
		return r;
	}
	if (!skb_is_gso(skb))
		return csum_one(e, skb, out);
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		xenvf_evi_count(e, XENVF_EVI_S_NO_MEM);
		kfree_skb(skb);
		return 0;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		n += csum_one(e, skb, out);
	}
	return n;
}

/**
 * xenvf_evi_encap() - tag a frame for its extended VLAN and push the outer
 * headers
 * @e: the tables (their counters)
 * @tp: addresses, TTL, DSCP, key and IPv4 identification
 * @skb: a frame without pending offloads, untagged, data at its Ethernet
 *	header (consumed on failure)
 * @vid: its VLAN; 0 (untagged) gets no tag
 *
 * Return: the packet, data and network header at the outer IP header,
 * CHECKSUM_NONE; NULL if out of memory (counted).
 */
struct sk_buff *xenvf_evi_encap(struct xenvf_evi *e,
				const struct xenvf_evi_tx_params *tp,
				struct sk_buff *skb, u16 vid)
{
	unsigned int olen = xenvf_evi_outer_len(tp->src->family, tp->use_key);
	u8 peek[XENVF_EVI_TX_PEEK];
	unsigned int avail, len;
	const u8 *inner;

	if (skb_cow_head(skb, olen + VLAN_HLEN + XENVF_EVI_LL_ROOM))
		goto nomem;
	if (vid) {
		skb = vlan_insert_tag(skb, htons(ETH_P_8021Q), vid);
		if (!skb) {		/* freed by vlan_insert_tag() */
			xenvf_evi_count(e, XENVF_EVI_S_NO_MEM);
			return NULL;
		}
	}
	len = skb->len;
	avail = min_t(unsigned int, len, sizeof(peek));
	inner = skb_header_pointer(skb, 0, avail, peek);
	if (!inner)
		goto nomem;
	/* @inner stays valid: the outer headers go into the headroom */
	xenvf_evi_build_outer(skb_push(skb, olen), tp, inner, avail, len);
	skb_reset_network_header(skb);
	skb->ip_summed = CHECKSUM_NONE;
	return skb;
nomem:
	xenvf_evi_count(e, XENVF_EVI_S_NO_MEM);
	kfree_skb(skb);
	return NULL;
}
