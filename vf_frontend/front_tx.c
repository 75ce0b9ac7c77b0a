// SPDX-License-Identifier: GPL-2.0-only
/*
 * A data queue's TX. xmit copies each frame's head (its linear part, at
 * least XENVF_TX_HDR_COPY bytes and a partial checksum's field) into the
 * pool pages of free slots, 4 KiB each, and grants the skb's page frags
 * of at least XENVF_TXPLAN_GRANT_MIN bytes read-only for this packet
 * alone, one slot per 4 KiB piece (front_txplan.c plans it; more than
 * XENVF_MAX_SLOTS slots and the whole frame is copied, as everything was
 * before). Such a frame's skb is kept until every slot of it is
 * answered, then each grant ended (one the backend still uses breaks the
 * queue, as in netfront: its page is never freed while granted) and the
 * skb freed. The first slot describes the offloads (partial checksum,
 * GSO, VLAN tag); ndo_features_check leaves to the stack what the wire
 * cannot describe.
 *
 * Events (front_txev.c decides): TX publishes and notifies once per burst
 * of frames the stack hands over (xmit_more), TX completions are reclaimed
 * by the xmit path and NAPI and asked for by an event only when slots run
 * low, the queue is stopped or an skb is held for its grants (its socket
 * waits for it to be freed: TCP small queues), and BQL
 * (netdev_tx_sent_queue/completed) bounds the bytes in flight.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/tcp.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>

#include "front_queue.h"
#include "front_txev.h"
#include "front_txplan.h"
#include "xenvf_front.h"

bool xenvf_front_tx_grant = true;
module_param_named(tx_grant, xenvf_front_tx_grant, bool, 0644);
MODULE_PARM_DESC(tx_grant,
		 "Grant large TX frags per packet instead of copying them (docs/design.md)");

/*
 * With HW_CSUM on (FCoE CRC granted) the stack hands over any partial
 * checksum: only TCP/UDP over IPv4 (and IPv6 if offered) goes on the wire.
 */
static bool csum_on_wire(struct xenvf_front_vf *vf, struct sk_buff *skb,
			 netdev_features_t features)
{
	__be16 proto = vlan_get_protocol(skb);

	if (!(features & NETIF_F_HW_CSUM))
		return true;	/* IP_CSUM/IPV6_CSUM: the stack checked */
	if (skb->csum_offset != offsetof(struct tcphdr, check) &&
	    skb->csum_offset != offsetof(struct udphdr, check))
		return false;
	return proto == htons(ETH_P_IP) ||
	       (proto == htons(ETH_P_IPV6) && vf->be.ipv6_csum);
}

/* An FCoE frame: its CRC and FSO go to the PF only while granted. */
static netdev_features_t fcoe_features_check(struct xenvf_front_vf *vf,
					     struct sk_buff *skb,
					     netdev_features_t features)
{
	if (skb_is_gso(skb) &&
	    (!(vf->fcoe_granted & XENVF_FCOE_FSO) ||
	     skb_shinfo(skb)->gso_type != SKB_GSO_FCOE ||
	     skb_shinfo(skb)->gso_size < XENVF_GSO_SIZE_MIN))
		features &= ~NETIF_F_GSO_MASK;
	if (!(vf->fcoe_granted & XENVF_FCOE_CRC))
		features &= ~(NETIF_F_CSUM_MASK | NETIF_F_GSO_MASK);
	return features;
}

/*
 * Within the bounds the backend puts on TCP segmentation (xenvf_proto.h:
 * segment size, segment count, one destination)? If not, the stack
 * segments the frame here instead of the backend dropping it.
 */
static bool gso_bounded(const struct sk_buff *skb)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	u16 min = sh->gso_type & SKB_GSO_TCPV6 ? XENVF_TX_GSO_MIN_TCPV6 :
						 XENVF_TX_GSO_MIN_TCPV4;
	int start = skb_checksum_start_offset(skb);
	u32 payload = skb->len > start + 20 ? skb->len - start - 20 : 0;

	return sh->gso_size >= min &&
	       !is_multicast_ether_addr(eth_hdr(skb)->h_dest) &&
	       DIV_ROUND_UP(payload, sh->gso_size) <= XENVF_TX_GSO_MAX_SEGS;
}

/**
 * xenvf_front_features_check() - ndo_features_check: offloads the wire
 * cannot describe are done by the stack instead
 * @skb: the frame
 * @dev: the device
 * @features: what the device does
 *
 * Return: the features usable for @skb.
 */
netdev_features_t xenvf_front_features_check(struct sk_buff *skb,
					     struct net_device *dev,
					     netdev_features_t features)
{
	struct xenvf_front_vf *vf = netdev_priv_vf(dev);
	int start;

	features = vlan_features_check(skb, features);
	if (vlan_get_protocol(skb) == htons(ETH_P_FCOE))
		return fcoe_features_check(vf, skb, features);
	if (skb_is_gso(skb) &&
	    (!(skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)) ||
	     !gso_bounded(skb)))
		features &= ~NETIF_F_GSO_MASK;
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		start = skb_checksum_start_offset(skb);
		if (start < XENVF_TX_MIN_FIRST ||
		    start + skb->csum_offset + 2 > skb->len ||
		    !csum_on_wire(vf, skb, features))
			features &= ~(NETIF_F_CSUM_MASK | NETIF_F_GSO_MASK);
	}
	return features;
}

/*
 * An FCoE frame: fcoe.ko's partial FC CRC (and FSO sequence) for the PF to
 * finish, or a frame it finished itself.
 */
static bool tx_fcoe(struct sk_buff *skb, struct xenvf_tx_request *req)
{
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		req->flags |= XENVF_TXF_FCOE_CRC;
	if (skb_is_gso(skb)) {
		if (skb_shinfo(skb)->gso_type != SKB_GSO_FCOE)
			return false;
		req->flags |= XENVF_TXF_GSO;
		req->gso_type = XENVF_GSO_FCOE;
		req->gso_size = skb_shinfo(skb)->gso_size;
	}
	if (skb_vlan_tag_present(skb)) {
		if (skb->vlan_proto != htons(ETH_P_8021Q))
			return false;
		req->flags |= XENVF_TXF_VLAN;
		req->vlan_tci = skb_vlan_tag_get(skb);
	}
	return true;
}

/* The first slot's offload fields; false if the wire cannot carry them. */
static bool tx_offloads(struct sk_buff *skb, struct xenvf_tx_request *req)
{
	if (vlan_get_protocol(skb) == htons(ETH_P_FCOE))
		return tx_fcoe(skb, req);
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		req->flags |= XENVF_TXF_CSUM_PARTIAL;
		req->csum_start = skb_checksum_start_offset(skb);
		req->csum_offset = skb->csum_offset;
	} else if (skb->ip_summed == CHECKSUM_UNNECESSARY) {
		req->flags |= XENVF_TXF_DATA_VALIDATED;
	}
	if (skb_is_gso(skb)) {
		if (skb_shinfo(skb)->gso_type & SKB_GSO_TCPV4)
			req->gso_type = XENVF_GSO_TCPV4;
		else if (skb_shinfo(skb)->gso_type & SKB_GSO_TCPV6)
			req->gso_type = XENVF_GSO_TCPV6;
		else
			return false;
		req->flags |= XENVF_TXF_GSO;
		req->gso_size = skb_shinfo(skb)->gso_size;
	}
	if (skb_vlan_tag_present(skb)) {
		if (skb->vlan_proto != htons(ETH_P_8021Q))
			return false;	/* only C-tags are offered */
		req->flags |= XENVF_TXF_VLAN;
		req->vlan_tci = skb_vlan_tag_get(skb);
	}
	return true;
}

/*
 * An answered slot's grant for its packet ended, and the packet's skb
 * freed with its last answered slot (under tx_lock). Return: -EPROTO if
 * the backend still uses the grant: the queue is broken and the grant,
 * its page and the skb are left for the release after Closed
 * (front_release.c), which never frees a page still granted.
 */
static int tx_ungrant(struct xenvf_front_queue *q, u16 id)
{
	grant_ref_t ref = q->tx_frag_ref[id];
	struct sk_buff *skb = q->tx_skb[id];

	if (ref != INVALID_GRANT_REF) {
		if (!gnttab_end_foreign_access_ref(ref)) {
			xenvf_front_queue_broken(q->vf, "TX grant still in use");
			return -EPROTO;
		}
		gnttab_release_grant_reference(&q->tx_gref_head, ref);
		q->tx_frag_ref[id] = INVALID_GRANT_REF;
		q->tx_frag_page[id] = NULL;
	}
	if (skb) {
		q->tx_skb[id] = NULL;
		if (!--XENVF_TX_CB(skb)->left) {
			q->tx_held--;
			dev_consume_skb_any(skb);
		}
	}
	return 0;
}

/* Take the answered TX slots (under tx_lock); counts what BQL completes. */
static int tx_take(struct xenvf_front_queue *q, unsigned int *pkts,
		   unsigned int *bytes)
{
	struct xenvf_tx_response rsp;
	int n = xenvf_ring_front_pending(&q->tx), taken = 0;

	if (n < 0) {
		xenvf_front_queue_broken(q->vf, "TX responses overflow");
		return n;
	}
	for (; n > 0; n--, taken++) {
		xenvf_ring_front_copy_rsp(&q->tx, &rsp);
		/* an id not in flight (or answered twice) would free a busy slot */
		if (rsp.id >= q->tx.size || !__test_and_clear_bit(rsp.id, q->tx_busy)) {
			xenvf_front_queue_broken(q->vf, "bad TX response id");
			return -EPROTO;
		}
		if (rsp.status != XENVF_TX_OKAY && rsp.status != XENVF_TX_NULL)
			xenvf_front_qstat_inc(&q->tx_stats, &q->tx_stats.errors);
		if (tx_ungrant(q, rsp.id))
			return -EPROTO;
		if (q->tx_len[rsp.id]) {
			(*pkts)++;
			*bytes += q->tx_len[rsp.id];
			q->tx_len[rsp.id] = 0;
		}
		q->tx_free[q->tx_nr_free++] = rsp.id;
	}
	return taken;
}

/*
 * Reclaim the answered TX slots (under tx_lock, from xmit and NAPI), wake
 * the queue if a frame fits again, and ask for a TX-completion event only
 * if the policy says so (front_txev.c); an armed event's final check may
 * find more answers, taken at once. The loop ends: no request is added
 * while tx_lock is held, so at most a ring of answers can come.
 *
 * Return: slots reclaimed.
 */
unsigned int xenvf_front_tx_reclaim(struct xenvf_front_vf *vf,
				    struct xenvf_front_queue *q,
				    struct netdev_queue *txq)
{
	unsigned int pkts = 0, bytes = 0, total = 0;
	bool armed;
	int n;

	do {
		n = tx_take(q, &pkts, &bytes);
		if (n < 0)
			break;
		total += n;
		/* a held skb's socket waits for it: as stopped, ask for an event */
		n = xenvf_front_tx_event(&q->tx, q->tx_nr_free,
					 netif_xmit_stopped(txq) || q->tx_held,
					 &armed);
		if (n < 0)
			xenvf_front_queue_broken(vf, "TX responses overflow");
		if (armed && q->tx_armed_at != q->tx.rsp_cons + 1) {
			q->tx_armed_at = q->tx.rsp_cons + 1;
			xenvf_front_qstat_inc(&q->tx_stats, &q->tx_stats.arms);
		}
	} while (n > 0);
	/* never more than was sent: tx_len is set per frame, cleared once */
	if (pkts)
		netdev_tx_completed_queue(txq, pkts, bytes);
	if (!xenvf_front_tx_must_stop(q->tx_nr_free) && netif_tx_queue_stopped(txq))
		netif_tx_wake_queue(txq);
	return total;
}

/* End of a frame (under tx_lock): publish and notify once per burst. */
static void tx_kick(struct xenvf_front_queue *q, struct netdev_queue *txq)
{
	if (xenvf_front_tx_must_stop(q->tx_nr_free))
		netif_tx_stop_queue(txq);
	if (!xenvf_front_tx_kick(netdev_xmit_more(), netif_xmit_stopped(txq)))
		return;		/* the burst's last frame pushes */
	if (xenvf_ring_front_push(&q->tx)) {
		notify_remote_via_irq(q->irq);
		xenvf_front_qstat_inc(&q->tx_stats, &q->tx_stats.notify);
	}
	/*
	 * stopped, or an skb held: only completions move it on (or free it),
	 * so the event must be armed
	 */
	if (netif_xmit_stopped(txq) || q->tx_held)
		xenvf_front_tx_reclaim(q->vf, q, txq);
}

/*
 * A planned slot granted for this packet: the piece's 4 KiB page granted
 * read-only on a reserved ref. Return: the ref, or INVALID_GRANT_REF if
 * none is left (the caller copies the piece into the slot's pool page).
 */
static grant_ref_t tx_grant_piece(struct xenvf_front_queue *q,
				  struct sk_buff *skb,
				  const struct xenvf_txplan_slot *s, u16 id,
				  u32 *offset)
{
	const skb_frag_t *f = &skb_shinfo(skb)->frags[s->frag];
	struct page *page = nth_page(skb_frag_page(f), s->foff >> PAGE_SHIFT);
	unsigned long xpfn = page_to_xen_pfn(page) +
			     (offset_in_page(s->foff) >> XEN_PAGE_SHIFT);
	int ref = gnttab_claim_grant_reference(&q->tx_gref_head);

	if (ref < 0)
		return INVALID_GRANT_REF;
	gnttab_grant_foreign_access_ref(ref, q->vf->dev->otherend_id,
					pfn_to_gfn(xpfn), 1);
	q->tx_frag_ref[id] = ref;
	q->tx_frag_page[id] = page;
	*offset = s->foff & (XEN_PAGE_SIZE - 1);
	return ref;
}

/*
 * Under tx_lock: fill the planned slots (copied into their pool pages, or
 * granted) and queue their requests; a frame with grants keeps its skb.
 * Return: true if the skb is kept (the caller must not free it).
 */
static bool tx_put(struct xenvf_front_queue *q, struct sk_buff *skb,
		   const struct xenvf_tx_request *first,
		   const struct xenvf_txplan *plan)
{
	unsigned int i, need = plan->n;
	struct xenvf_tx_request req;
	grant_ref_t ref;
	u32 offset;

	for (i = 0; i < need; i++) {
		const struct xenvf_txplan_slot *s = &plan->slot[i];
		u16 id = q->tx_free[--q->tx_nr_free];

		ref = INVALID_GRANT_REF;
		offset = 0;
		if (s->frag >= 0)
			ref = tx_grant_piece(q, skb, s, id, &offset);
		if (ref == INVALID_GRANT_REF) {
			skb_copy_bits(skb, s->pos, page_address(q->tx_pages[id]),
				      s->len);
			ref = q->tx_grefs[id];
		}
		req = i ? (struct xenvf_tx_request){ 0 } : *first;
		req.gref = ref;
		req.offset = offset;
		req.id = id;
		req.size = i ? s->len : skb->len;
		if (i + 1 < need)
			req.flags |= XENVF_TXF_MORE;
		__set_bit(id, q->tx_busy);
		/* the last slot's answer completes the frame for BQL */
		q->tx_len[id] = i + 1 < need ? 0 : skb->len;
		if (plan->granted)
			q->tx_skb[id] = skb;
		xenvf_ring_front_put_req(&q->tx, &req);
	}
	if (plan->granted) {
		XENVF_TX_CB(skb)->left = need;
		q->tx_held++;
	}
	u64_stats_update_begin(&q->tx_stats.syncp);
	u64_stats_inc(&q->tx_stats.packets);
	u64_stats_add(&q->tx_stats.bytes, skb->len);
	if (first->flags & XENVF_TXF_GSO)
		u64_stats_inc(&q->tx_stats.gso);
	if (first->flags & XENVF_TXF_CSUM_PARTIAL)
		u64_stats_inc(&q->tx_stats.csum);
	u64_stats_add(&q->tx_stats.frag_grants, plan->granted);
	u64_stats_add(&q->tx_stats.frag_copies, plan->frags_copied);
	if (plan->fallback && skb_shinfo(skb)->nr_frags)
		u64_stats_inc(&q->tx_stats.grant_fallbacks);
	u64_stats_update_end(&q->tx_stats.syncp);
	return plan->granted;
}

/*
 * The frame's slot plan: its head copied (at least XENVF_TX_HDR_COPY
 * bytes, and a partial checksum's field), large frags granted; with
 * tx_grant off, or no reserved refs, all copied. Return: the slots, or
 * -E2BIG.
 */
static int tx_plan(struct xenvf_front_queue *q, const struct sk_buff *skb,
		   const struct xenvf_tx_request *first, struct xenvf_txplan *plan)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	struct xenvf_txplan_in in;
	unsigned int i;

	in.len = skb->len;
	in.headlen = skb_headlen(skb);
	in.copy_min = XENVF_TX_HDR_COPY;
	if (first->flags & XENVF_TXF_CSUM_PARTIAL)
		in.copy_min = max_t(u32, in.copy_min,
				    first->csum_start + first->csum_offset + 2);
	in.nr_frags = sh->nr_frags;
	if (!READ_ONCE(xenvf_front_tx_grant) || !q->tx_gref_ok)
		in.nr_frags = ARRAY_SIZE(in.frag) + 1;	/* copied whole */
	for (i = 0; i < in.nr_frags && i < ARRAY_SIZE(in.frag); i++) {
		in.frag[i].off = skb_frag_off(&sh->frags[i]);
		in.frag[i].size = skb_frag_size(&sh->frags[i]);
	}
	return xenvf_txplan(&in, plan);
}

/**
 * xenvf_front_xmit() - ndo_start_xmit: put the frame in TX slots
 * @skb: the frame
 * @netdev: the device
 *
 * Return: NETDEV_TX_OK (the frame is sent or dropped and counted).
 */
netdev_tx_t xenvf_front_xmit(struct sk_buff *skb, struct net_device *netdev)
{
	struct xenvf_front_vf *vf = netdev_priv_vf(netdev);
	u16 qid = skb_get_queue_mapping(skb);
	struct xenvf_front_queue *q = &vf->queues[qid < XENVF_MAX_QUEUES ? qid : 0];
	struct netdev_queue *txq = netdev_get_tx_queue(netdev, qid);
	struct xenvf_tx_request first = { 0 };
	struct xenvf_txplan plan;
	bool ok, up, kept;
	int need;

	if (skb_put_padto(skb, ETH_ZLEN)) {	/* freed it */
		spin_lock_bh(&q->tx_lock);
		xenvf_front_qstat_inc(&q->tx_stats, &q->tx_stats.dropped);
		if (q->up && !vf->broken && qid < vf->nr_queues)
			tx_kick(q, txq);	/* the burst before it */
		spin_unlock_bh(&q->tx_lock);
		return NETDEV_TX_OK;
	}
	ok = tx_offloads(skb, &first);
	need = skb->len > XENVF_MAX_PACKET ? -E2BIG : tx_plan(q, skb, &first, &plan);
	spin_lock_bh(&q->tx_lock);
	up = q->up && !vf->broken && qid < vf->nr_queues;
	if (up)
		xenvf_front_tx_reclaim(vf, q, txq);
	if (!up || !ok || need < 0 || q->tx_nr_free < need) {
		xenvf_front_qstat_inc(&q->tx_stats, &q->tx_stats.dropped);
		if (up)
			tx_kick(q, txq);	/* the burst before it */
		spin_unlock_bh(&q->tx_lock);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	kept = tx_put(q, skb, &first, &plan);
	netdev_tx_sent_queue(txq, skb->len);
	tx_kick(q, txq);	/* may answer and free a kept skb */
	spin_unlock_bh(&q->tx_lock);
	if (!kept)
		dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

/* Under tx_lock: BQL forgets the bytes in flight, and so do their slots. */
void xenvf_front_tx_bql_reset(struct xenvf_front_queue *q)
{
	memset(q->tx_len, 0, sizeof(q->tx_len));
	netdev_tx_reset_queue(netdev_get_tx_queue(q->vf->netdev, q->id));
}

/**
 * xenvf_front_data_reset_bql() - reset every queue's BQL state
 * @vf: the VF, after a reset of the PF (the handshake ran again)
 *
 * Frames in flight are still answered; their answers complete nothing.
 */
void xenvf_front_data_reset_bql(struct xenvf_front_vf *vf)
{
	struct xenvf_front_queue *q;
	unsigned int i;
	bool up;

	for (i = 0; i < XENVF_MAX_QUEUES; i++) {
		q = &vf->queues[i];
		spin_lock_bh(&q->tx_lock);
		xenvf_front_tx_bql_reset(q);
		up = q->up;
		spin_unlock_bh(&q->tx_lock);
		/* BQL's stop is gone without a wake: let the qdisc run again */
		if (up)
			netif_schedule_queue(netdev_get_tx_queue(vf->netdev, i));
	}
}
