// SPDX-License-Identifier: GPL-2.0-only
/*
 * A queue's RX: frames switched to the VF are spread over its queues by
 * flow hash (xenvf_back_queue_deliver()) into a backlog; the queue's poll
 * takes them off it, segments or checksums each first if the frontend
 * cannot take its offloads, then copies it (back_copy.c: memcpy into the
 * mapped pool, or grant copies; linear part and frags) into as many
 * posted pages as it needs, its offloads and VLAN tag described in the
 * first response. The grant copies of every frame of a poll go into one
 * batch, issued once at the end of the poll (rx_flush()): one hypercall
 * per poll, then each frame's responses written in ring order, a frame
 * with a failed copy answered as failed and counted (rx_copy_errors); the
 * responses are pushed and the guest notified once per poll
 * (back_poll.c). A poll that sends more frames than the batch holds (the
 * segments of a GSO frame the guest cannot take) issues it when full.
 *
 * Each poll takes at most its share of NAPI's budget (RX_BUDGET at most)
 * off the backlog (each frame counts once, when taken, whether sent or
 * dropped); every drop is counted by reason. It runs in NAPI's softirq.
 * What a VF may hold in dom0 (back_limits.h): its RX backlog is bounded in
 * bytes per VF, all its queues together; a frame waiting longer than rx_drain_timeout_ms is
 * dropped; a queue whose guest posts no RX pages for rx_stall_timeout_ms
 * is stalled (frames to it dropped, the representor's carrier off) until
 * the guest posts again.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <xen/page.h>
/* __skb_gso_segment(): netdevice.h up to 6.4, net/gso.h (which udp.h includes) since */
#include <net/udp.h>

#include "back_data.h"
#include "back_fcoe.h"

static void rx_meta(const struct sk_buff *skb, struct xenvf_rx_meta *m)
{
	int start = skb_checksum_start_offset(skb);

	memset(m, 0, sizeof(*m));
	m->len = skb->len;
	m->gso = skb_is_gso(skb);
	m->gso_type = skb_shinfo(skb)->gso_type;
	m->gso_size = skb_shinfo(skb)->gso_size;
	m->csum_partial = skb->ip_summed == CHECKSUM_PARTIAL;
	if (m->csum_partial && start >= 0) {
		m->csum_start = start;
		m->csum_offset = skb->csum_offset;
	}
}

static void rx_prepare(struct xenvf_back_queue *q, struct sk_buff *skb,
		       bool may_segment);

/* An FCoE frame whose CRC (and FSO) another VF left to the backend. */
static void rx_fcoe_resolve(struct xenvf_back_queue *q, struct sk_buff *skb)
{
	struct sk_buff_head frames;
	struct sk_buff *f;
	int n;

	__skb_queue_head_init(&frames);
	n = xenvf_back_fcoe_resolve(skb, &frames);
	if (n < 0) {
		qstat_inc(q, &q->stats.rx_offload_errors);
		return;
	}
	xenvf_back_fcoe_count(q->vf, XENVF_FC_SW_FRAMES, n);
	while ((f = __skb_dequeue(&frames)))
		rx_prepare(q, f, false);
}

/*
 * Make a frame one the frontend can take (segment it, resolve its
 * checksum, put an 802.1ad tag back into the frame) and append the
 * result(s) to rx_ready; drops are counted.
 */
static void rx_prepare(struct xenvf_back_queue *q, struct sk_buff *skb,
		       bool may_segment)
{
	const struct xenvf_fe_features *fe = &q->vf->fe;
	struct sk_buff *segs, *seg, *next;
	netdev_features_t features;
	struct xenvf_rx_meta m;

	if (xenvf_back_fcoe_pending(skb)) {
		rx_fcoe_resolve(q, skb);
		return;
	}
	if (skb_vlan_tag_present(skb) && skb->vlan_proto != htons(ETH_P_8021Q)) {
		skb = __vlan_hwaccel_push_inside(skb);	/* frees on failure */
		if (!skb) {
			qstat_inc(q, &q->stats.rx_offload_errors);
			return;
		}
	}
	rx_meta(skb, &m);
	switch (xenvf_rx_offload_action(&m, fe)) {
	case XENVF_RX_SEND:
		__skb_queue_tail(&q->rx_ready, skb);
		return;
	case XENVF_RX_CSUM_HELP:
		if (skb_checksum_help(skb))
			break;
		__skb_queue_tail(&q->rx_ready, skb);
		return;
	case XENVF_RX_SEGMENT:
		if (!may_segment || skb_cow_head(skb, 0))
			break;
		features = NETIF_F_SG | (fe->rx_csum ? NETIF_F_HW_CSUM : 0);
		segs = __skb_gso_segment(skb, features, false);
		if (IS_ERR(segs))
			break;
		qstat_inc(q, &q->stats.rx_segmented);
		if (!segs) {		/* one segment: send it as it is */
			skb_gso_reset(skb);
			rx_prepare(q, skb, false);
			return;
		}
		consume_skb(skb);
		skb_list_walk_safe(segs, seg, next) {
			skb_mark_not_on_list(seg);
			rx_prepare(q, seg, false);
		}
		return;
	case XENVF_RX_DROP:
		qstat_inc(q, &q->stats.rx_too_big);
		kfree_skb(skb);
		return;
	}
	qstat_inc(q, &q->stats.rx_offload_errors);
	kfree_skb(skb);
}

/* An FCoE frame: its FC CRC checked for a VF granted CRC offload. */
static void rx_fcoe_flags(struct xenvf_back_queue *q, struct sk_buff *skb,
			  struct xenvf_rx_response *rsp)
{
	struct xenvf_back_vf *vf = q->vf;
	int ok;

	xenvf_back_fcoe_count(vf, XENVF_FC_RX_FCOE, 1);
	if (!(READ_ONCE(vf->cfg.fcoe_granted) & XENVF_FCOE_CRC))
		return;
	ok = xenvf_back_fcoe_rx_crc_ok(skb);
	if (ok > 0) {
		rsp->flags |= XENVF_RXF_FCOE_CRC_OK;
		xenvf_back_fcoe_count(vf, XENVF_FC_RX_CRC_OK, 1);
	} else if (!ok) {
		xenvf_back_fcoe_count(vf, XENVF_FC_RX_CRC_ERR, 1);
	}
}

/* The first response's offload fields for a frame. */
static void rx_first_flags(struct xenvf_back_queue *q, struct sk_buff *skb,
			   struct xenvf_rx_response *rsp)
{
	if (skb_vlan_tag_present(skb)) {
		rsp->flags |= XENVF_RXF_VLAN;
		rsp->vlan_tci = skb_vlan_tag_get(skb);
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		rsp->flags |= XENVF_RXF_CSUM_PARTIAL;
		rsp->csum_start = skb_checksum_start_offset(skb);
		rsp->csum_offset = skb->csum_offset;
		qstat_inc(q, &q->stats.rx_csum);
	} else if (skb->ip_summed == CHECKSUM_UNNECESSARY && q->vf->fe.rx_csum) {
		rsp->flags |= XENVF_RXF_CSUM_VALIDATED;
	}
	if (vlan_get_protocol(skb) == htons(ETH_P_FCOE))
		rx_fcoe_flags(q, skb, rsp);
	if (skb_is_gso(skb)) {
		rsp->flags |= XENVF_RXF_GSO;
		rsp->gso_type = xenvf_rx_gso_type(skb_shinfo(skb)->gso_type);
		rsp->gso_size = skb_shinfo(skb)->gso_size;
		qstat_inc(q, &q->stats.rx_gso);
	}
}

/* The page pieces of a frame: linear part, frags, frag list (one level). */
static int rx_pieces(struct xenvf_back_scratch *sc, struct sk_buff *skb)
{
	unsigned int max = ARRAY_SIZE(sc->src);
	struct sk_buff *fskb;
	const skb_frag_t *f;
	int i, n;

	n = xenvf_back_add_linear(sc->src, sc->src_page, 0, max, skb->data,
				  skb_headlen(skb));
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		f = &skb_shinfo(skb)->frags[i];
		n = xenvf_back_add_pieces(sc->src, sc->src_page, n, max,
					  skb_frag_page(f), skb_frag_off(f),
					  skb_frag_size(f));
	}
	skb_walk_frags(skb, fskb) {
		if (n < 0 || skb_has_frag_list(fskb))
			return -E2BIG;
		n = xenvf_back_add_linear(sc->src, sc->src_page, n, max,
					  fskb->data, skb_headlen(fskb));
		for (i = 0; i < skb_shinfo(fskb)->nr_frags; i++) {
			f = &skb_shinfo(fskb)->frags[i];
			n = xenvf_back_add_pieces(sc->src, sc->src_page, n, max,
						  skb_frag_page(f),
						  skb_frag_off(f),
						  skb_frag_size(f));
		}
	}
	return n;
}

/*
 * Posted RX pages available, at least @need of them or an event asked for
 * when the guest has posted that many (the guest's push notifies when its
 * producer passes req_event). Return: the count or -EPROTO.
 */
static int rx_room(struct xenvf_back_queue *q, unsigned int need)
{
	int avail = xenvf_ring_back_pending(&q->rx);

	if (avail < 0 || avail >= need)
		return avail;
	WRITE_ONCE(q->rx.sring->req_event, q->rx.req_cons + need);
	virt_mb();	/* event index before re-reading the producer */
	return xenvf_ring_back_pending(&q->rx);
}

/*
 * Issue the poll's batch of grant copies (one hypercall, none if empty),
 * then write the responses of each frame batched since the last flush, in
 * ring order: its pages' lengths if all its copies succeeded, else
 * XENVF_TX_ERROR in each (counted).
 */
static void rx_flush(struct xenvf_back_queue *q)
{
	struct xenvf_back_scratch *sc = q->scratch;
	struct xenvf_back_batch_pkt *p;
	struct xenvf_rx_response rsp;
	struct sk_buff *skb;
	unsigned int i, j;
	u32 left, chunk;
	bool ok;

	xenvf_back_copy_issue(q, true);
	for (i = 0; i < sc->npkt; i++) {
		p = &sc->pkt[i];
		skb = p->skb;
		p->skb = NULL;
		ok = p->status == XENVF_TX_OKAY &&
		     xenvf_back_copy_ok(q, p->op0, p->nops);
		for (j = 0, left = skb->len; j < p->nslots; j++) {
			chunk = min_t(u32, left, XEN_PAGE_SIZE);
			left -= chunk;
			memset(&rsp, 0, sizeof(rsp));
			rsp.id = p->id[j];
			rsp.status = ok ? chunk : XENVF_TX_ERROR;
			if (j + 1 < p->nslots)
				rsp.flags = XENVF_RXF_MORE;
			if (!j && ok)
				rx_first_flags(q, skb, &rsp);
			xenvf_ring_back_put_rsp(&q->rx, &rsp);
		}
		if (ok) {
			u64_stats_update_begin(&q->stats.syncp);
			u64_stats_inc(&q->stats.rx_packets);
			u64_stats_add(&q->stats.rx_bytes, skb->len);
			if (skb_headlen(skb) >= ETH_ALEN &&
			    is_multicast_ether_addr(skb->data))
				u64_stats_inc(&q->stats.rx_multicast);
			u64_stats_update_end(&q->stats.syncp);
			consume_skb(skb);
		} else {
			qstat_inc(q, &q->stats.rx_copy_errors);
			kfree_skb(skb);
		}
	}
	sc->npkt = 0;
	sc->nops = 0;
}

/*
 * Copy the frame at the head of rx_ready into posted pages: the pages
 * taken, the copies added to the poll's batch, answered by rx_flush().
 * Return: 1 done (batched, or dropped and counted), 0 not enough pages
 * posted, -EPROTO if the guest broke the ring.
 */
static int rx_send(struct xenvf_back_queue *q, struct sk_buff *skb)
{
	struct xenvf_back_scratch *sc = q->scratch;
	unsigned int need = xenvf_rx_slots(skb->len), i;
	struct xenvf_back_batch_pkt *p;
	struct xenvf_rx_request req;
	u32 gref[XENVF_MAX_SLOTS];
	int avail, nsrc, n;
	u32 left;

	avail = rx_room(q, min_t(unsigned int, need, q->rx.size));
	if (avail < 0)
		return avail;
	if (avail < need)
		return 0;	/* the guest has not posted enough pages yet */
	__skb_unlink(skb, &q->rx_ready);
	nsrc = rx_pieces(sc, skb);
	if (nsrc < 0 || need > XENVF_MAX_SLOTS) {
		qstat_inc(q, &q->stats.rx_too_big);
		kfree_skb(skb);
		return 1;
	}
	/* a plan takes at most one copy per piece of either side, less one */
	if (sc->npkt == ARRAY_SIZE(sc->pkt) ||
	    ARRAY_SIZE(sc->ops) - sc->nops < nsrc + need)
		rx_flush(q);
	p = &sc->pkt[sc->npkt++];
	p->skb = skb;
	p->op0 = sc->nops;
	p->nops = 0;
	p->nslots = need;
	p->status = XENVF_TX_ERROR;
	for (i = 0, left = skb->len; i < need; i++) {
		xenvf_ring_back_copy_req(&q->rx, &req);
		gref[i] = req.gref;
		p->id[i] = req.id;
		sc->dst[i].off = 0;
		sc->dst[i].len = min_t(u32, left, XEN_PAGE_SIZE);
		left -= sc->dst[i].len;
	}
	n = xenvf_copy_plan(sc->src, nsrc, sc->dst, need, sc->plan,
			    ARRAY_SIZE(sc->plan));
	if (n > 0)
		n = xenvf_back_copy_add(q, true, gref, p->id, need,
					sc->src_page, nsrc, n);
	else
		n = -EINVAL;	/* no plan: answered as failed */
	if (n >= 0) {
		p->nops = n;
		p->status = XENVF_TX_OKAY;
	}
	return 1;
}

/* The oldest frame of the backlog, its bytes uncounted (queue and VF). */
static struct sk_buff *rx_dequeue(struct xenvf_back_queue *q)
{
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&q->rx_queue.lock, flags);
	skb = __skb_dequeue(&q->rx_queue);
	if (skb) {
		q->rx_queue_bytes -= RX_CB(skb)->charge;
		atomic_sub(RX_CB(skb)->charge, &q->vf->rx_backlog_bytes);
	}
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);
	return skb;
}

/* One RX poll, under the queue's rx_lock (xenvf_back_rx_poll()). */
static int rx_poll(struct xenvf_back_queue *q, bool *notify, bool *blocked,
		   u64 now, unsigned int budget)
{
	unsigned int work = 0, sent = 0, n;
	struct sk_buff *skb;
	int ret = 1;

	*blocked = false;
	for (;;) {
		skb = skb_peek(&q->rx_ready);
		if (skb && xenvf_rx_expired(q->rx_ready_expires, now)) {
			/* waited past the drain timeout for the guest's pages */
			n = skb_queue_len(&q->rx_ready);
			__skb_queue_purge(&q->rx_ready);
			qstat_add(q, &q->stats.rx_expired, n);
			continue;
		}
		if (!skb) {
			if (work >= budget)
				break;
			skb = rx_dequeue(q);
			if (!skb)
				break;
			work++;
			if (xenvf_rx_expired(RX_CB(skb)->expires_ns, now)) {
				qstat_inc(q, &q->stats.rx_expired);
				kfree_skb(skb);
				continue;
			}
			q->rx_ready_expires = RX_CB(skb)->expires_ns;
			rx_prepare(q, skb, true);
			continue;
		}
		ret = rx_send(q, skb);
		if (ret < 0)
			break;
		if (!ret) {
			*blocked = true;
			break;
		}
		sent++;
	}
	/* the copies of every frame sent, in one hypercall; then answered */
	rx_flush(q);
	if (ret < 0)
		return ret;
	if (sent)
		*notify |= xenvf_ring_back_push(&q->rx);
	return work;
}

/**
 * xenvf_back_rx_poll() - deliver queued frames into posted RX pages
 * @q: the queue
 * @notify: set if responses were pushed that the guest must be told of
 * @blocked: set if a frame waits for pages
 * @now: ktime_get_ns() of this poll (drain deadlines)
 * @budget: RX's share of the poll's budget (xenvf_napi_rx_share())
 *
 * Each frame taken off the backlog counts once against the budget, when
 * it is taken, whether it is then sent, dropped while prepared or dropped
 * for its age; what it became (its segments, when the backend segments
 * GSO for the guest) is sent in the same poll without counting again, so
 * a poll moves at most @budget frames of up to 64 KiB each (frames
 * prepared by an earlier poll are sent even with a zero share). Runs in
 * NAPI's softirq under the queue's rx_lock, which another VF's TX poll
 * only tries.
 * Return: the frames taken (up to @budget) or -EPROTO.
 */
int xenvf_back_rx_poll(struct xenvf_back_queue *q, bool *notify, bool *blocked,
		       u64 now, unsigned int budget)
{
	int ret;

	/* another VF's TX may deliver into the ring and pool (back_direct.c) */
	spin_lock(&q->rx_lock);
	ret = rx_poll(q, notify, blocked, now, budget);
	spin_unlock(&q->rx_lock);
	return ret;
}

/**
 * xenvf_back_rx_stall_check() - one observation of the stall detector
 * @q: the queue
 * @blocked: a frame waits for pages (this poll)
 * @now: ktime_get_ns() of this poll
 *
 * A queue blocked for the stall timeout drops what is sent to it and turns
 * the representor's carrier off (the first stalled queue of the VF);
 * posting again undoes both.
 */
void xenvf_back_rx_stall_check(struct xenvf_back_queue *q, bool blocked,
			       u64 now)
{
	struct xenvf_back_vf *vf = q->vf;
	RING_IDX prod;

	if (q->stall.stalled) {
		/*
		 * Stalled until the guest posts a page it had not posted then
		 * (a few old ones left over do not count); its next post
		 * notifies (one read of the producer, compared only).
		 */
		prod = READ_ONCE(q->rx.sring->req_prod);
		if (prod == q->stall_prod) {
			WRITE_ONCE(q->rx.sring->req_event, prod + 1);
			virt_mb();	/* event index before re-reading it */
			prod = READ_ONCE(q->rx.sring->req_prod);
		}
		blocked = prod == q->stall_prod;
	}
	switch (xenvf_rx_stall_update(&q->stall, blocked, now,
				      xenvf_back_rx_stall_ns())) {
	case XENVF_STALL_BEGIN:
		q->stall_prod = READ_ONCE(q->rx.sring->req_prod);
		WRITE_ONCE(q->rx.sring->req_event, q->stall_prod + 1);
		WRITE_ONCE(q->rx_stalled, true);
		qstat_inc(q, &q->stats.rx_stalls);
		if (atomic_inc_return(&vf->rx_stalled_queues) == 1) {
			xenvf_back_rep_carrier(vf, false);
			if (xenvf_back_log_ok(vf))
				dev_info(&vf->dev->dev,
					 "domain %d posts no RX pages: queue %u stalled, carrier off\n",
					 vf->dev->otherend_id, q->id);
		}
		break;
	case XENVF_STALL_END:
		WRITE_ONCE(q->rx_stalled, false);
		if (atomic_dec_and_test(&vf->rx_stalled_queues)) {
			xenvf_back_rep_carrier(vf, true);
			if (xenvf_back_log_ok(vf))
				dev_info(&vf->dev->dev,
					 "domain %d posts RX pages again: carrier on\n",
					 vf->dev->otherend_id);
		}
		break;
	case XENVF_STALL_NONE:
		break;
	}
}

/*
 * Charge a frame to its VF's backlog, within the VF's bound (exact across
 * queues: a compare-and-exchange, since each queue has its own lock).
 * Caller holds the queue's lock (@queue_empty is stable).
 */
static bool rx_charge(struct xenvf_back_vf *vf, u32 charge, u32 max,
		      bool queue_empty)
{
	int old = atomic_read(&vf->rx_backlog_bytes);

	do {
		if (!xenvf_rx_admit(old, charge, max, queue_empty))
			return false;
	} while (!atomic_try_cmpxchg(&vf->rx_backlog_bytes, &old, old + charge));
	return true;
}

/**
 * xenvf_back_queue_deliver() - queue a frame for the VF's guest
 * @vf: the destination VF
 * @skb: the frame, data at its Ethernet header (consumed)
 *
 * The switch's entry into a VF's RX: picks the queue by flow hash, so a
 * flow stays on one queue (FCoE and FIP frames: queue 0), and schedules
 * that queue's NAPI poll. Callable from any context (a queue's poll, the
 * uplink's rx_handler, the representor's xmit, a work item). Refused (counted)
 * while the VF is not connected or is disconnecting, while the queue is
 * stalled, and beyond the VF's backlog bound in bytes (back_limits.h).
 */
void xenvf_back_queue_deliver(struct xenvf_back_vf *vf, struct sk_buff *skb)
{
	struct xenvf_back_queue *q;
	unsigned long flags;
	unsigned int nq;
	bool fcoe;
	u32 max;

	/* data_disconnect waits for this section before it tears down */
	rcu_read_lock();
	/* pairs with the release in data_connect: nr_queues is set */
	if (!smp_load_acquire(&vf->data_up)) {
		atomic64_inc(&vf->stats.rx_vf_down);
		goto drop;
	}
	/*
	 * FCoE and FIP frames all take queue 0, in order (as ixgbe steers
	 * them to its FCoE ring), within the lossless class's deeper bound.
	 */
	fcoe = xenvf_fcoe_is_fcoe_type(vlan_get_protocol(skb));
	nq = READ_ONCE(vf->nr_queues);
	q = &vf->queues[xenvf_rx_queue_pick(fcoe, skb_get_hash(skb), nq)];
	if (READ_ONCE(q->rx_stalled)) {
		atomic64_inc(&vf->stats.rx_stalled);
		goto drop;
	}
	max = xenvf_rx_backlog_max(fcoe);
	RX_CB(skb)->charge = skb->truesize;
	RX_CB(skb)->expires_ns = ktime_get_ns() + xenvf_back_rx_drain_ns();
	spin_lock_irqsave(&q->rx_queue.lock, flags);
	if (!rx_charge(vf, RX_CB(skb)->charge, max,
		       skb_queue_empty(&q->rx_queue))) {
		spin_unlock_irqrestore(&q->rx_queue.lock, flags);
		atomic64_inc(&vf->stats.rx_queue_full);
		goto drop;
	}
	__skb_queue_tail(&q->rx_queue, skb);
	q->rx_queue_bytes += RX_CB(skb)->charge;
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);
	xenvf_back_queue_kick(q);	/* its NAPI was added before data_up */
	rcu_read_unlock();
	return;

drop:
	rcu_read_unlock();
	kfree_skb(skb);
}
