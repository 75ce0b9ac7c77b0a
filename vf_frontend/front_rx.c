// SPDX-License-Identifier: GPL-2.0-only
/*
 * A data queue's RX. It posts pages of a pool twice the ring's size
 * (front_rxpool.c): an arriving packet's headers are copied into the
 * skb's linear part (a frame of at most 256 bytes whole) and the rest of
 * each pool page is lent to the stack as a frag while a spare page the
 * stack gave back is posted in its place (with no spare idle, that slot
 * is copied into a fresh page and its page posted again), then its
 * offloads are set on the skb and it goes to GRO. Every response is
 * validated (common/proto) before use, and an RX id must be posted.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <xen/events.h>

#include "front_queue.h"
#include "xenvf_front.h"

#define RX_HDR_LEN	128	/* at most this much is parsed for headers */

/**
 * xenvf_front_rx_post() - post pool page @id (in hand: answered, or spare
 * and idle) on the RX ring; the caller pushes
 * @q: the queue
 * @id: the pool page
 */
void xenvf_front_rx_post(struct xenvf_front_queue *q, u16 id)
{
	struct xenvf_rx_request req = { .id = id, .gref = q->rx_grefs[id] };

	xenvf_front_rxpool_posted(&q->rxpool, id);
	xenvf_ring_front_put_req(&q->rx, &req);
}

/* Count what building a packet's skb cost (rx_stats, NAPI). */
static void rx_count_cost(struct xenvf_front_queue *q,
			  const struct xenvf_front_rx_cost *c)
{
	u64_stats_update_begin(&q->rx_stats.syncp);
	u64_stats_add(&q->rx_stats.copied, c->copied);
	u64_stats_add(&q->rx_stats.lent, c->lent);
	u64_stats_add(&q->rx_stats.recycled, c->recycled);
	u64_stats_add(&q->rx_stats.fallback, c->fallback);
	u64_stats_update_end(&q->rx_stats.syncp);
}

/*
 * The skb of a valid packet: its headers (at least up to the end of a
 * partial checksum's field; a small or FCoE frame whole) linear, the rest
 * lent from the pool or copied (front_rxpool.c). @post: per slot, the id
 * to post for it (set by the caller to the slot's own; a lent slot's is
 * the spare taken for it). NULL if memory ran out or the offload fields
 * are unusable.
 */
static struct sk_buff *rx_build(struct xenvf_front_queue *q,
				const struct xenvf_pkt_info *info, u16 *post)
{
	const struct xenvf_rx_response *r0 = &q->rx_slots[0];
	const u8 *va = page_address(q->rx_pages[r0->id]) + r0->offset;
	struct xenvf_front_rx_cost cost = { 0 };
	u32 csum_end = 0, parsed = 0, hdr;
	struct sk_buff *skb;
	bool linear = false;
	int err;

	if (info->flags & XENVF_RXF_CSUM_PARTIAL)
		csum_end = info->csum_start + info->csum_offset + 2;
	if (info->len > XENVF_FRONT_RX_COPYBREAK) {
		linear = info->len <= XENVF_FRONT_RX_FCOE_LINEAR &&
			 xenvf_front_rx_is_fcoe(va, info->first_len);
		if (!linear)
			parsed = eth_get_headlen(q->vf->netdev, va,
						 min_t(u32, info->first_len,
						       RX_HDR_LEN));
	}
	hdr = xenvf_front_rx_head(info->len, parsed, csum_end, linear);
	skb = napi_alloc_skb(&q->napi, hdr);
	if (!skb)
		return NULL;
	err = xenvf_front_rx_fill(&q->rxpool, q->rx_pages, q->rx_slots,
				  info->nr_slots, hdr, skb, post, &cost);
	rx_count_cost(q, &cost);
	if (err)
		goto fail_skb;

	if (info->flags & XENVF_RXF_VLAN)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), info->vlan_tci);
	if (info->flags & XENVF_RXF_CSUM_PARTIAL) {
		if (!skb_partial_csum_set(skb, info->csum_start, info->csum_offset))
			goto fail_skb;
	} else if (info->flags & XENVF_RXF_CSUM_VALIDATED) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	} else if ((info->flags & XENVF_RXF_FCOE_CRC_OK) &&
		   (q->vf->fcoe_granted & XENVF_FCOE_CRC)) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;	/* fcoe.ko skips its check */
	}
	if (info->flags & XENVF_RXF_GSO) {
		if (!(info->flags & XENVF_RXF_CSUM_PARTIAL) ||
		    (info->gso_type != XENVF_GSO_TCPV4 &&
		     info->gso_type != XENVF_GSO_TCPV6))
			goto fail_skb;
		skb_shinfo(skb)->gso_size = info->gso_size;
		skb_shinfo(skb)->gso_type = SKB_GSO_DODGY |
			(info->gso_type == XENVF_GSO_TCPV4 ? SKB_GSO_TCPV4 :
							     SKB_GSO_TCPV6);
		skb_shinfo(skb)->gso_segs = 0;	/* the stack counts them */
	}
	return skb;

fail_skb:
	kfree_skb(skb);		/* lent pages come back to the pool with it */
	return NULL;
}

/**
 * xenvf_front_rx_receive() - up to @budget RX packets into the stack (NAPI)
 * @vf: the VF
 * @q: the queue
 * @budget: NAPI's
 *
 * Their pages posted again, the ring pushed (and the backend told if it
 * asked) once. A protocol error breaks the queue.
 *
 * Return: packets taken (delivered or dropped and counted).
 */
int xenvf_front_rx_receive(struct xenvf_front_vf *vf,
			   struct xenvf_front_queue *q, int budget)
{
	struct xenvf_pkt_info info;
	u16 post[XENVF_MAX_SLOTS];
	struct sk_buff *skb;
	int done = 0, n, avail, i;
	bool repost = false;

	while (done < budget) {
		avail = xenvf_ring_front_pending(&q->rx);
		if (avail < 0) {
			xenvf_front_queue_broken(vf, "RX responses overflow");
			break;
		}
		while (avail-- > 0 && q->rx_have < XENVF_MAX_SLOTS)
			xenvf_ring_front_copy_rsp(&q->rx, &q->rx_slots[q->rx_have++]);
		if (!q->rx_have)
			break;
		n = xenvf_rx_parse(q->rx_slots, q->rx_have, &info);
		if (n < 0) {
			xenvf_front_queue_broken(vf, "RX packet over the slot limit");
			break;
		}
		if (!n)
			break;	/* rest not published yet; kept for the next poll */
		/* an id not posted (or answered twice) would post a page twice */
		for (i = 0; i < n; i++) {
			if (!xenvf_front_rxpool_answered(&q->rxpool,
							 q->rx_slots[i].id)) {
				xenvf_front_queue_broken(vf, "bad RX response id");
				return done;
			}
			post[i] = q->rx_slots[i].id;
		}
		skb = info.drop ? NULL : rx_build(q, &info, post);
		if (!skb) {
			xenvf_front_qstat_inc(&q->rx_stats, info.drop ? &q->rx_stats.errors :
				  &q->rx_stats.dropped);
		} else {
			skb->protocol = eth_type_trans(skb, vf->netdev);
			skb_record_rx_queue(skb, q->id);
			u64_stats_update_begin(&q->rx_stats.syncp);
			u64_stats_inc(&q->rx_stats.packets);
			u64_stats_add(&q->rx_stats.bytes, skb->len + ETH_HLEN);
			if (skb_is_gso(skb))
				u64_stats_inc(&q->rx_stats.gso);
			if (skb->ip_summed == CHECKSUM_PARTIAL)
				u64_stats_inc(&q->rx_stats.csum);
			u64_stats_update_end(&q->rx_stats.syncp);
			napi_gro_receive(&q->napi, skb);
		}
		for (i = 0; i < n; i++)
			xenvf_front_rx_post(q, post[i]);
		repost = true;
		q->rx_have -= n;
		memmove(q->rx_slots, q->rx_slots + n, q->rx_have * sizeof(q->rx_slots[0]));
		done++;
	}
	if (repost && xenvf_ring_front_push(&q->rx)) {
		notify_remote_via_irq(q->irq);
		xenvf_front_qstat_inc(&q->rx_stats, &q->rx_stats.notify);
	}
	return done;
}
