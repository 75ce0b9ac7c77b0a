// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frontend's data queues: each has a TX and an RX ring with one
 * granted page per ring slot, an event channel and a NAPI context.
 *
 * TX copies each frame's head (its linear part, at least XENVF_TX_HDR_COPY
 * bytes and a partial checksum's field) into the pool pages of free slots,
 * 4 KiB each, and grants the skb's page frags of at least
 * XENVF_TXPLAN_GRANT_MIN bytes read-only for this packet alone, one slot
 * per 4 KiB piece (front_txplan.c plans it; more than XENVF_MAX_SLOTS
 * slots and the whole frame is copied, as everything was before). Such a
 * frame's skb is kept until every slot of it is answered, then each grant
 * ended (one the backend still uses breaks the queue, as in netfront: its
 * page is never freed while granted) and the skb freed. The first slot
 * describes the offloads (partial checksum, GSO, VLAN tag). RX posts
 * pages of a pool twice the ring's size (front_rxpool.c): an arriving
 * packet's headers are copied into the skb's linear part (a frame of at
 * most 256 bytes whole) and the rest of each pool page is lent to the
 * stack as a frag while a spare page the stack gave back is posted in its
 * place (with no spare idle, that slot is copied into a fresh page and
 * its page posted again), then its offloads are set on the skb. Every
 * response is validated (common/proto) before use, and an RX id must be
 * posted.
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

#include "front_release.h"
#include "front_txev.h"
#include "front_txplan.h"
#include "xenvf_front.h"

#define RX_HDR_LEN	128	/* at most this much is parsed for headers */

unsigned int xenvf_front_max_queues;
module_param_named(max_queues, xenvf_front_max_queues, uint, 0644);
MODULE_PARM_DESC(max_queues,
		 "Data queues to ask for (0: one per online CPU; at most what the backend offers)");

bool xenvf_front_tx_grant = true;
module_param_named(tx_grant, xenvf_front_tx_grant, bool, 0644);
MODULE_PARM_DESC(tx_grant,
		 "Grant large TX frags per packet instead of copying them (docs/design.md)");

static unsigned int xenvf_front_rx_pool_pages = XENVF_FRONT_RX_POOL;

/* rx_pool_pages outside 128..256 is refused (-EINVAL), at load or later */
static int rx_pool_pages_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;
	int err = kstrtouint(val, 0, &n);

	if (err)
		return err;
	if (n < XENVF_FRONT_RING_SLOTS || n > XENVF_FRONT_RX_POOL) {
		pr_err("xenvf-front: rx_pool_pages=%u: must be %u..%u\n", n,
		       XENVF_FRONT_RING_SLOTS, XENVF_FRONT_RX_POOL);
		return -EINVAL;
	}
	WRITE_ONCE(*(unsigned int *)kp->arg, n);
	return 0;
}

static const struct kernel_param_ops rx_pool_pages_ops = {
	.set = rx_pool_pages_set,
	.get = param_get_uint,
};

module_param_cb(rx_pool_pages, &rx_pool_pages_ops, &xenvf_front_rx_pool_pages,
		0644);
MODULE_PARM_DESC(rx_pool_pages,
		 "RX pool pages per queue, from the ring's 128 (no recycling: every RX payload copied) to 256 (default), at the next connect");

static irqreturn_t xenvf_front_data_interrupt(int irq, void *dev_id)
{
	struct xenvf_front_queue *q = dev_id;

	atomic64_inc(&q->events);
	atomic_set(&q->evt_seen, 1);
	napi_schedule(&q->napi);
	return IRQ_HANDLED;
}

/* Post pool page @id (in hand: answered, or spare and idle). */
static void rx_post(struct xenvf_front_queue *q, u16 id)
{
	struct xenvf_rx_request req = { .id = id, .gref = q->rx_grefs[id] };

	xenvf_front_rxpool_posted(&q->rxpool, id);
	xenvf_ring_front_put_req(&q->rx, &req);
}

static void queue_broken(struct xenvf_front_vf *vf, const char *why)
{
	vf->broken = true;
	netdev_err_once(vf->netdev, "backend broke the data ring protocol: %s\n",
			why);
}

static void qstat_inc(struct xenvf_front_qstats *s, u64_stats_t *c)
{
	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(c);
	u64_stats_update_end(&s->syncp);
}

/**
 * xenvf_front_qstats_read() - a consistent snapshot of one direction
 * @s: the counters
 * @snap: out
 */
void xenvf_front_qstats_read(struct xenvf_front_qstats *s,
			     struct xenvf_front_qsnap *snap)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		snap->packets = u64_stats_read(&s->packets);
		snap->bytes = u64_stats_read(&s->bytes);
		snap->dropped = u64_stats_read(&s->dropped);
		snap->errors = u64_stats_read(&s->errors);
		snap->gso = u64_stats_read(&s->gso);
		snap->csum = u64_stats_read(&s->csum);
		snap->notify = u64_stats_read(&s->notify);
		snap->arms = u64_stats_read(&s->arms);
		snap->ev_tx = u64_stats_read(&s->ev_tx);
		snap->ev_rx = u64_stats_read(&s->ev_rx);
		snap->frag_grants = u64_stats_read(&s->frag_grants);
		snap->frag_copies = u64_stats_read(&s->frag_copies);
		snap->grant_fallbacks = u64_stats_read(&s->grant_fallbacks);
		snap->lent = u64_stats_read(&s->lent);
		snap->recycled = u64_stats_read(&s->recycled);
		snap->fallback = u64_stats_read(&s->fallback);
		snap->copied = u64_stats_read(&s->copied);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

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
			queue_broken(q->vf, "TX grant still in use");
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
		queue_broken(q->vf, "TX responses overflow");
		return n;
	}
	for (; n > 0; n--, taken++) {
		xenvf_ring_front_copy_rsp(&q->tx, &rsp);
		/* an id not in flight (or answered twice) would free a busy slot */
		if (rsp.id >= q->tx.size || !__test_and_clear_bit(rsp.id, q->tx_busy)) {
			queue_broken(q->vf, "bad TX response id");
			return -EPROTO;
		}
		if (rsp.status != XENVF_TX_OKAY && rsp.status != XENVF_TX_NULL)
			qstat_inc(&q->tx_stats, &q->tx_stats.errors);
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
static unsigned int tx_reclaim(struct xenvf_front_vf *vf,
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
			queue_broken(vf, "TX responses overflow");
		if (armed && q->tx_armed_at != q->tx.rsp_cons + 1) {
			q->tx_armed_at = q->tx.rsp_cons + 1;
			qstat_inc(&q->tx_stats, &q->tx_stats.arms);
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
		qstat_inc(&q->tx_stats, &q->tx_stats.notify);
	}
	/*
	 * stopped, or an skb held: only completions move it on (or free it),
	 * so the event must be armed
	 */
	if (netif_xmit_stopped(txq) || q->tx_held)
		tx_reclaim(q->vf, q, txq);
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
		qstat_inc(&q->tx_stats, &q->tx_stats.dropped);
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
		tx_reclaim(vf, q, txq);
	if (!up || !ok || need < 0 || q->tx_nr_free < need) {
		qstat_inc(&q->tx_stats, &q->tx_stats.dropped);
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

static int rx_receive(struct xenvf_front_vf *vf, struct xenvf_front_queue *q,
		      int budget)
{
	struct xenvf_pkt_info info;
	u16 post[XENVF_MAX_SLOTS];
	struct sk_buff *skb;
	int done = 0, n, avail, i;
	bool repost = false;

	while (done < budget) {
		avail = xenvf_ring_front_pending(&q->rx);
		if (avail < 0) {
			queue_broken(vf, "RX responses overflow");
			break;
		}
		while (avail-- > 0 && q->rx_have < XENVF_MAX_SLOTS)
			xenvf_ring_front_copy_rsp(&q->rx, &q->rx_slots[q->rx_have++]);
		if (!q->rx_have)
			break;
		n = xenvf_rx_parse(q->rx_slots, q->rx_have, &info);
		if (n < 0) {
			queue_broken(vf, "RX packet over the slot limit");
			break;
		}
		if (!n)
			break;	/* rest not published yet; kept for the next poll */
		/* an id not posted (or answered twice) would post a page twice */
		for (i = 0; i < n; i++) {
			if (!xenvf_front_rxpool_answered(&q->rxpool,
							 q->rx_slots[i].id)) {
				queue_broken(vf, "bad RX response id");
				return done;
			}
			post[i] = q->rx_slots[i].id;
		}
		skb = info.drop ? NULL : rx_build(q, &info, post);
		if (!skb) {
			qstat_inc(&q->rx_stats, info.drop ? &q->rx_stats.errors :
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
			rx_post(q, post[i]);
		repost = true;
		q->rx_have -= n;
		memmove(q->rx_slots, q->rx_slots + n, q->rx_have * sizeof(q->rx_slots[0]));
		done++;
	}
	if (repost && xenvf_ring_front_push(&q->rx)) {
		notify_remote_via_irq(q->irq);
		qstat_inc(&q->rx_stats, &q->rx_stats.notify);
	}
	return done;
}

static int xenvf_front_poll(struct napi_struct *napi, int budget)
{
	struct xenvf_front_queue *q = container_of(napi, struct xenvf_front_queue,
						   napi);
	struct xenvf_front_vf *vf = q->vf;
	bool event = atomic_xchg(&q->evt_seen, 0);
	unsigned int reclaimed;
	int done;

	if (vf->broken) {
		napi_complete(napi);
		return 0;
	}
	/* TX: reclaimed here and by xmit; its event armed only when low */
	spin_lock_bh(&q->tx_lock);
	reclaimed = tx_reclaim(vf, q, netdev_get_tx_queue(vf->netdev, q->id));
	spin_unlock_bh(&q->tx_lock);
	done = rx_receive(vf, q, budget);
	if (event && (reclaimed || done)) {
		u64_stats_update_begin(&q->rx_stats.syncp);
		if (reclaimed)
			u64_stats_inc(&q->rx_stats.ev_tx);
		if (done)
			u64_stats_inc(&q->rx_stats.ev_rx);
		u64_stats_update_end(&q->rx_stats.syncp);
	}
	if (done < budget && napi_complete_done(napi, done)) {
		/* re-arm the RX event, then look again (final check) */
		if (xenvf_ring_front_final_check(&q->rx) > 0)
			napi_schedule(napi);
	}
	return done;
}

static int grant_pages(struct xenvf_front_vf *vf, struct page **pages,
		       grant_ref_t *grefs, unsigned int n, bool readonly)
{
	unsigned int i;
	int ref;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!pages[i])
			return -ENOMEM;
		ref = gnttab_grant_foreign_access(vf->dev->otherend_id,
						  xen_page_to_gfn(pages[i]), readonly);
		if (ref < 0)
			return ref;
		grefs[i] = ref;
	}
	return 0;
}

/* Under tx_lock: BQL forgets the bytes in flight, and so do their slots. */
static void tx_bql_reset(struct xenvf_front_queue *q)
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
		tx_bql_reset(q);
		up = q->up;
		spin_unlock_bh(&q->tx_lock);
		/* BQL's stop is gone without a wake: let the qdisc run again */
		if (up)
			netif_schedule_queue(netdev_get_tx_queue(vf->netdev, i));
	}
}

static int queue_setup(struct xenvf_front_vf *vf, struct xenvf_front_queue *q)
{
	unsigned int i;
	int err;

	q->rx_have = 0;
	err = xenbus_setup_ring(vf->dev, GFP_KERNEL, &q->tx_sring, 1, &q->tx_ref);
	if (err)
		return err;
	err = xenbus_setup_ring(vf->dev, GFP_KERNEL, &q->rx_sring, 1, &q->rx_ref);
	if (err)
		return err;
	xenvf_ring_shared_init(q->tx_sring);
	xenvf_ring_shared_init(q->rx_sring);
	xenvf_ring_attach(&q->tx, q->tx_sring, XEN_PAGE_SIZE,
			  sizeof(struct xenvf_tx_request), sizeof(struct xenvf_tx_response));
	xenvf_ring_attach(&q->rx, q->rx_sring, XEN_PAGE_SIZE,
			  sizeof(struct xenvf_rx_request), sizeof(struct xenvf_rx_response));
	if (q->tx.size > XENVF_FRONT_RING_SLOTS || q->rx.size > XENVF_FRONT_RING_SLOTS)
		return -EINVAL;
	/* the RX pool: the ring's pages posted, the rest spare (front_rxpool.c) */
	xenvf_front_rxpool_init(&q->rxpool,
				clamp_t(unsigned int,
					READ_ONCE(xenvf_front_rx_pool_pages),
					q->rx.size, XENVF_FRONT_RX_POOL),
				q->rx.size);
	err = grant_pages(vf, q->tx_pages, q->tx_grefs, q->tx.size, true);
	if (!err)
		err = grant_pages(vf, q->rx_pages, q->rx_grefs, q->rxpool.size,
				  false);
	if (err)
		return err;
	err = xenvf_front_pool_setup(vf, q);
	if (err)
		return err;
	/* one ref per slot for frags granted per packet; none: all copied */
	q->tx_gref_ok = !gnttab_alloc_grant_references(q->tx.size,
						       &q->tx_gref_head);
	q->tx_held = 0;
	for (i = 0; i < q->tx.size; i++)
		q->tx_free[i] = i;
	q->tx_nr_free = q->tx.size;
	bitmap_zero(q->tx_busy, XENVF_FRONT_RING_SLOTS);
	q->tx_armed_at = 0;
	for (i = 0; i < q->rx.size; i++)
		rx_post(q, i);
	xenvf_ring_front_push(&q->rx);
	err = xenbus_alloc_evtchn(vf->dev, &q->evtchn);
	if (err)
		return err;
	snprintf(q->irq_name, sizeof(q->irq_name), "xenvf%s-q%u",
		 strrchr(vf->dev->nodename, '/') + 1, q->id);
	err = bind_evtchn_to_irqhandler(q->evtchn, xenvf_front_data_interrupt, 0,
					q->irq_name, q);
	if (err < 0) {
		xenbus_free_evtchn(vf->dev, q->evtchn);
		return err;
	}
	q->irq = err;
	napi_enable(&q->napi);
	spin_lock_bh(&q->tx_lock);
	tx_bql_reset(q);	/* a fresh ring: nothing in flight */
	q->up = true;
	spin_unlock_bh(&q->tx_lock);
	return 0;
}

/**
 * xenvf_front_data_setup() - every queue's rings, buffer pages and
 * channel; RX pages posted (the caller publishes the keys)
 * @vf: the VF (its netdev and NAPI contexts exist, be read)
 *
 * Return: 0, or an error after which nothing is left granted or bound.
 */
int xenvf_front_data_setup(struct xenvf_front_vf *vf)
{
	unsigned int want = xenvf_front_max_queues ?: num_online_cpus();
	unsigned int i;
	int err;

	vf->nr_queues = clamp_t(unsigned int, min(want, vf->be.max_queues), 1,
				XENVF_MAX_QUEUES);
	for (i = 0; i < vf->nr_queues; i++) {
		err = queue_setup(vf, &vf->queues[i]);
		if (err)
			goto fail;
	}
	return 0;

fail:
	xenvf_front_data_teardown(vf);
	return err;
}

static void xen_end_access(grant_ref_t ref, struct page *page)
{
	gnttab_end_foreign_access(ref, page);
}

static void xen_free_page(struct page *page)
{
	put_page(page);		/* the pool's reference: a lent page lives on */
}

static void xen_teardown_ring(void **vaddr, grant_ref_t *ref)
{
	xenbus_teardown_ring(vaddr, 1, ref);
}

/* As netfront: the page is kept (a reference of its own) while granted. */
static void xen_end_frag(grant_ref_t ref, struct page *page)
{
	get_page(page);
	gnttab_end_foreign_access(ref, page);
}

static void xen_free_skb(struct sk_buff *skb)
{
	dev_kfree_skb_any(skb);
}

static void xen_free_refs(grant_ref_t head)
{
	gnttab_free_grant_references(head);
}

const struct xenvf_front_release_ops xenvf_front_xen_release_ops = {
	.end_access = xen_end_access,
	.put_page = xen_free_page,
	.teardown_ring = xen_teardown_ring,
	.end_frag = xen_end_frag,
	.free_skb = xen_free_skb,
	.free_refs = xen_free_refs,
};

/* Stop the queue, then give back its pages; what was in flight is counted. */
static void queue_teardown(struct xenvf_front_queue *q)
{
	struct xenvf_front_vf *vf = q->vf;
	struct xenvf_front_released r;
	bool was_up;

	spin_lock_bh(&q->tx_lock);
	was_up = q->up;
	q->up = false;
	spin_unlock_bh(&q->tx_lock);
	if (was_up)
		napi_disable(&q->napi);
	if (q->irq > 0) {
		unbind_from_irqhandler(q->irq, q);
		q->irq = 0;
	}
	xenvf_front_queue_release(q, &xenvf_front_xen_release_ops, &r);
	vf->stats.gap_tx_lost += r.tx_lost;
	vf->stats.gap_rx_lost += r.rx_lost;
	spin_lock_bh(&q->tx_lock);
	tx_bql_reset(q);	/* the answers of what was in flight never come */
	spin_unlock_bh(&q->tx_lock);
}

/**
 * xenvf_front_data_teardown() - stop every queue and give every page back
 * @vf: the VF; the backend has unmapped (or is gone). Safe if never set up.
 */
void xenvf_front_data_teardown(struct xenvf_front_vf *vf)
{
	unsigned int i;

	for (i = 0; i < XENVF_MAX_QUEUES; i++)
		queue_teardown(&vf->queues[i]);
}

/**
 * xenvf_front_data_init() - once per device: NAPI contexts, counters and
 * invalid grant refs of every queue
 * @vf: the VF with its (unregistered) netdev
 */
void xenvf_front_data_init(struct xenvf_front_vf *vf)
{
	struct xenvf_front_queue *q;
	unsigned int i, j;

	for (i = 0; i < XENVF_MAX_QUEUES; i++) {
		q = &vf->queues[i];
		q->vf = vf;
		q->id = i;
		spin_lock_init(&q->tx_lock);
		u64_stats_init(&q->tx_stats.syncp);
		u64_stats_init(&q->rx_stats.syncp);
		q->tx_ref = INVALID_GRANT_REF;
		q->rx_ref = INVALID_GRANT_REF;
		q->pool_ref = INVALID_GRANT_REF;
		for (j = 0; j < XENVF_FRONT_RING_SLOTS; j++) {
			q->tx_frag_ref[j] = INVALID_GRANT_REF;
			q->tx_grefs[j] = INVALID_GRANT_REF;
		}
		for (j = 0; j < XENVF_FRONT_RX_POOL; j++)
			q->rx_grefs[j] = INVALID_GRANT_REF;
		netif_napi_add(vf->netdev, &q->napi, xenvf_front_poll);
	}
}

/**
 * xenvf_front_data_exit() - remove the NAPI contexts (before free_netdev)
 * @vf: the VF
 */
void xenvf_front_data_exit(struct xenvf_front_vf *vf)
{
	unsigned int i;

	for (i = 0; i < XENVF_MAX_QUEUES; i++)
		netif_napi_del(&vf->queues[i].napi);
}
