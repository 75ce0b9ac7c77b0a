// SPDX-License-Identifier: GPL-2.0-only
/*
 * A queue's TX: the guest's slots are copied once into private memory,
 * parsed (common/proto) and copied (back_copy.c: memcpy from the mapped
 * pool, or grant copies) into an skb: wholly linear if it fits a 2 KiB
 * head (TX_LINEAR_ALL: an MTU frame, one copy, one piece), else a small
 * linear header and the payload in pages of the queue's page_pool,
 * which the skb gives back when it is freed (skb_mark_for_recycle()), so
 * a queue in steady state takes no fresh page. Its offload requests
 * (partial checksum, GSO, VLAN tag) are checked against its headers and
 * set on the skb so the stack (another VF, or dev_queue_xmit() to a dom0
 * netdev) accepts it; the switch forwards it. The packet is copied once
 * into dom0's skb before anything looks at it; a frame from the mapped
 * pool to another local VF's mapped pool goes there in one copy instead,
 * with no skb (back_direct.c).
 *
 * The grant copies of every packet of a poll go into one batch (the
 * queue's scratch), issued once when the poll has taken its packets
 * (tx_flush()): one hypercall per poll, not per packet. Only then are
 * the skbs' headers read (copy once, then decide), each packet's copies'
 * statuses checked (a packet with a failed copy is dropped and counted in
 * tx_copy_errors, the others go on), the packets answered in ring order
 * and switched in that order. A packet that may go VF to VF first has
 * the batch before it issued, so it overtakes none (with the TX pool
 * mapped, where the batch holds only the copies of pool misses).
 *
 * Each poll handles at most its share of NAPI's budget (TX_BUDGET at
 * most); every drop is counted by reason. It runs in NAPI's softirq: its
 * skb and pages are allocated GFP_ATOMIC, a failure counted (tx_nomem)
 * and the packet answered with an error. A packet the VF's TX credit does
 * not cover (its `rate`, back_credit.c) stays in the ring with those
 * behind it, not answered, until the queue's credit wake-up polls again.
 * The linear part of a TX packet is at most XENVF_TX_LINEAR_MAX bytes
 * (back_limits.h) unless the whole frame is linear.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/skbuff.h>
#include <xen/page.h>
/* 6.6 split net/page_pool.h into net/page_pool/{types,helpers}.h */
#ifdef XENVF_HAVE_PAGE_POOL_HELPERS	/* pf_backend/Kbuild */
#include <net/page_pool/helpers.h>
#else
#include <net/page_pool.h>
#endif

#include "back_data.h"
#include "back_fcoe.h"

#if !IS_ENABLED(CONFIG_PAGE_POOL)
#error "xenvf-back builds its TX skbs from a page_pool: needs CONFIG_PAGE_POOL"
#endif

/*
 * Frames up to this size are wholly linear: alloc_skb() of it takes a
 * 2 KiB slab object with its skb_shared_info (1728 bytes on x86_64),
 * which holds an MTU frame with two VLAN tags; one copy, one piece (one
 * grant op for a frame in one guest slot), no page.
 */
#define TX_LINEAR_ALL	(SKB_WITH_OVERHEAD(2048) - NET_IP_ALIGN)
#define TX_HDR_LEN	128	/* linear header of bigger frames */

static void tx_respond(struct xenvf_back_queue *q, const u16 *id,
		       unsigned int n, s16 status)
{
	struct xenvf_tx_response rsp;
	unsigned int i;

	for (i = 0; i < n; i++) {
		memset(&rsp, 0, sizeof(rsp));
		rsp.id = id[i];
		rsp.status = i ? XENVF_TX_NULL : status;
		xenvf_ring_back_put_rsp(&q->tx, &rsp);
	}
}

/* The L3 protocol below up to two in-band VLAN tags, and where it starts. */
static __be16 tx_inner_proto(struct sk_buff *skb, unsigned int *nh)
{
	__be16 proto = eth_hdr(skb)->h_proto;
	struct vlan_hdr vh;
	const struct vlan_hdr *p;
	int depth;

	*nh = ETH_HLEN;
	for (depth = 0; depth < 2 && eth_type_vlan(proto); depth++) {
		p = skb_header_pointer(skb, *nh, sizeof(vh), &vh);
		if (!p)
			break;
		proto = p->h_vlan_encapsulated_proto;
		*nh += VLAN_HLEN;
	}
	return proto;
}

/* An FCoE offload request (FC CRC, FSO): see back_fcoe_skb.c. */
static enum xenvf_drop_reason tx_fcoe(struct xenvf_back_queue *q,
				      struct sk_buff *skb,
				      const struct xenvf_pkt_info *info)
{
	enum xenvf_drop_reason why = xenvf_back_fcoe_tx(q->vf, skb, info);

	if (why) {
		xenvf_back_fcoe_count(q->vf, XENVF_FC_DROP_BAD, 1);
		return why;
	}
	xenvf_back_fcoe_count(q->vf, XENVF_FC_TX_CRC, 1);
	if (skb_is_gso(skb))
		xenvf_back_fcoe_count(q->vf, XENVF_FC_TX_FSO, 1);
	if (info->flags & XENVF_TXF_VLAN)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), info->vlan_tci);
	return XENVF_DROP_NONE;
}

/*
 * Offload metadata: checked against the headers, then set on the skb.
 * Return: XENVF_DROP_NONE or the reason to drop.
 */
static enum xenvf_drop_reason tx_offloads(struct xenvf_back_queue *q,
					  struct sk_buff *skb,
					  const struct xenvf_pkt_info *info)
{
	struct xenvf_tx_offload o;
	enum xenvf_drop_reason why;
	unsigned int nh;
	__be16 outer = skb->protocol;

	xenvf_tx_offload_init(&o, info, skb->len, eth_hdr(skb)->h_dest,
			      tx_inner_proto(skb, &nh));
	skb_set_network_header(skb, nh);
	skb_reset_mac_len(skb);
	if (xenvf_fcoe_is_fcoe_type(o.l3_proto))
		xenvf_back_fcoe_count(q->vf, o.l3_proto == htons(ETH_P_FIP) ?
				      XENVF_FC_TX_FIP : XENVF_FC_TX_FCOE, 1);
	if ((info->flags & XENVF_TXF_FCOE_CRC) ||
	    ((info->flags & XENVF_TXF_GSO) && info->gso_type == XENVF_GSO_FCOE))
		return tx_fcoe(q, skb, info);
	if (info->flags & XENVF_TXF_CSUM_PARTIAL) {
		/* the linear part covers the checksum field (tx_build) */
		if (!skb_partial_csum_set(skb, info->csum_start, info->csum_offset))
			return XENVF_DROP_BAD_CSUM;
		if (skb_headlen(skb) < nh)
			return XENVF_DROP_BAD_CSUM;
		/* skb_checksum_setup() parses from the network header */
		__skb_pull(skb, nh);
		skb->protocol = o.l3_proto;
		o.setup_err = skb_checksum_setup(skb, false);
		skb->protocol = outer;
		__skb_push(skb, nh);
		o.found_start = skb_checksum_start_offset(skb);
		o.found_offset = skb->csum_offset;
	}
	why = xenvf_tx_offload_check(&o);
	if (why)
		return why;
	if (info->flags & XENVF_TXF_CSUM_PARTIAL)
		qstat_inc(q, &q->stats.tx_csum);
	else if (info->flags & XENVF_TXF_DATA_VALIDATED)
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	if (info->flags & XENVF_TXF_GSO) {
		skb_shinfo(skb)->gso_size = info->gso_size;
		skb_shinfo(skb)->gso_type = SKB_GSO_DODGY |
			(info->gso_type == XENVF_GSO_TCPV4 ? SKB_GSO_TCPV4 :
							     SKB_GSO_TCPV6);
		skb_shinfo(skb)->gso_segs = 0;	/* the stack counts them */
		qstat_inc(q, &q->stats.tx_gso);
	}
	if (info->flags & XENVF_TXF_VLAN)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), info->vlan_tci);
	return XENVF_DROP_NONE;
}

/* Add a TX copy plan of @n entries to the batch: guest slots into dom0's. */
static int tx_copy(struct xenvf_back_queue *q,
		   const struct xenvf_tx_request *slots, unsigned int nr_slots,
		   unsigned int nd, unsigned int n)
{
	struct xenvf_back_scratch *sc = q->scratch;
	u32 gref[XENVF_MAX_SLOTS];
	u16 gid[XENVF_MAX_SLOTS];
	unsigned int i;

	for (i = 0; i < nr_slots; i++) {
		gref[i] = slots[i].gref;
		gid[i] = slots[i].id;
	}
	return xenvf_back_copy_add(q, false, gref, gid, nr_slots, sc->dst_page,
				   nd, n);
}

/*
 * Build the skb of a valid packet: wholly linear up to TX_LINEAR_ALL,
 * else a small linear header (covering the checksum field of a partial
 * checksum) and the payload in order-0 pages of the queue's page_pool
 * (truesize: a whole page each), their copies added to the poll's batch
 * (tx_copy()); @p->skb set, or left NULL (counted) on failure. The skb is
 * marked for recycling before its first page: however it is freed (the
 * stack, a drop here, a failed copy), its pages go back to the pool.
 */
static void tx_build(struct xenvf_back_queue *q,
		     const struct xenvf_tx_request *slots,
		     struct xenvf_back_batch_pkt *p)
{
	const struct xenvf_pkt_info *info = &p->info;
	struct xenvf_back_scratch *sc = q->scratch;
	struct xenvf_seg src[XENVF_MAX_SLOTS];
	struct sk_buff *skb;
	u32 lin = info->len <= TX_LINEAR_ALL ? info->len : TX_HDR_LEN;
	u32 rest, chunk;
	struct page *page;
	int i, nd, n;

	if (info->flags & XENVF_TXF_CSUM_PARTIAL) {
		/* the checksum field must lie within a bounded linear part */
		if (!xenvf_tx_linear_ok(info->csum_start, info->csum_offset)) {
			qstat_inc(q, &q->stats.drops[XENVF_DROP_BAD_CSUM]);
			return;
		}
		lin = max_t(u32, lin, info->csum_start + info->csum_offset + 2);
	}
	skb = alloc_skb(lin + NET_IP_ALIGN, GFP_ATOMIC | __GFP_NOWARN);
	if (!skb)
		goto nomem;
	skb_mark_for_recycle(skb);
	skb_reserve(skb, NET_IP_ALIGN);
	skb_put(skb, lin);
	nd = xenvf_back_add_linear(sc->dst, sc->dst_page, 0, ARRAY_SIZE(sc->dst),
				   skb->data, lin);
	for (rest = info->len - lin, i = 0; rest; rest -= chunk, i++) {
		chunk = min_t(u32, rest, PAGE_SIZE);
		if (i == MAX_SKB_FRAGS || nd < 0 || nd >= ARRAY_SIZE(sc->dst))
			goto free;
		page = page_pool_dev_alloc_pages(q->tx_pages);
		if (!page)
			goto free;
		skb_add_rx_frag(skb, i, page, 0, chunk, PAGE_SIZE);
		sc->dst[nd].off = 0;
		sc->dst[nd].len = chunk;
		sc->dst_page[nd++] = page;
	}

	src[0].off = slots[0].offset;
	src[0].len = info->first_len;
	for (i = 1; i < info->nr_slots; i++) {
		src[i].off = slots[i].offset;
		src[i].len = slots[i].size;
	}
	/* at most XENVF_BACK_TX_PKT_OPS: the batch holds a whole budget */
	n = xenvf_copy_plan(src, info->nr_slots, sc->dst, nd, sc->plan,
			    XENVF_BACK_TX_PKT_OPS);
	if (n >= 0)
		n = tx_copy(q, slots, info->nr_slots, nd, n);
	if (n < 0) {
		qstat_inc(q, &q->stats.tx_copy_errors);
		kfree_skb(skb);
		return;
	}
	p->nops = n;
	p->skb = skb;
	return;

free:
	kfree_skb(skb);		/* its pages back to the pool */
nomem:
	qstat_inc(q, &q->stats.tx_nomem);
}

/*
 * The copy of a packet is done: its headers, in dom0's skb now, are read
 * and its offloads checked. Return: false if it is dropped (counted).
 */
static bool tx_finish(struct xenvf_back_queue *q, struct sk_buff *skb,
		      const struct xenvf_pkt_info *info)
{
	enum xenvf_drop_reason why;

	skb_reset_mac_header(skb);
	skb->protocol = eth_hdr(skb)->h_proto;
	why = tx_offloads(q, skb, info);
	if (why) {
		qstat_inc(q, &q->stats.drops[why]);
		return false;
	}
	return true;
}

/* A packet sent (to the switch, or straight into another VF's pool). */
static void tx_count(struct xenvf_back_queue *q, unsigned int len)
{
	u64_stats_update_begin(&q->stats.syncp);
	u64_stats_inc(&q->stats.tx_packets);
	u64_stats_add(&q->stats.tx_bytes, len);
	u64_stats_update_end(&q->stats.syncp);
}

static void tx_direct_done(struct xenvf_back_queue *q,
			   struct xenvf_back_batch_pkt *p, unsigned int i);

/*
 * Issue the poll's batch of grant copies (one hypercall, none if empty),
 * then, in ring order, answer each packet taken since the last flush and
 * switch those whose copies all succeeded and whose headers pass; a VF
 * to VF packet's responses go to the receiver at its place in that order.
 */
static void tx_flush(struct xenvf_back_queue *q)
{
	struct xenvf_back_scratch *sc = q->scratch;
	struct xenvf_back_batch_pkt *p;
	struct sk_buff *skb;
	unsigned int i;

	xenvf_back_copy_issue(q, false);
	for (i = 0; i < sc->npkt; i++) {
		p = &sc->pkt[i];
		if (p->direct) {
			tx_direct_done(q, p, i);
			continue;
		}
		skb = p->skb;
		p->skb = NULL;
		if (!skb) {
			tx_respond(q, p->id, p->nslots, p->status);
			continue;
		}
		if (!xenvf_back_copy_ok(q, p->op0, p->nops)) {
			qstat_inc(q, &q->stats.tx_copy_errors);
			kfree_skb(skb);
			tx_respond(q, p->id, p->nslots, XENVF_TX_ERROR);
			continue;
		}
		if (!tx_finish(q, skb, &p->info)) {
			kfree_skb(skb);
			tx_respond(q, p->id, p->nslots, XENVF_TX_ERROR);
			continue;
		}
		tx_respond(q, p->id, p->nslots, XENVF_TX_OKAY);
		tx_count(q, skb->len);
		skb_record_rx_queue(skb, q->id);
		xenvf_back_switch(q->vf, skb);
	}
	sc->npkt = 0;
	sc->nops = 0;
	sc->nskb = 0;
}

/* VF to VF (back_direct.c): its copies done, the receiver's ring written. */
static void tx_direct_done(struct xenvf_back_queue *q,
			   struct xenvf_back_batch_pkt *p, unsigned int i)
{
	bool ok = xenvf_back_copy_ok(q, p->op0, p->nops);

	p->direct = false;
	xenvf_back_direct_done(q, &q->scratch->dpkt[i], &p->info, ok);
	if (!ok)
		qstat_inc(q, &q->stats.tx_copy_errors);
	else
		tx_count(q, p->info.len);
	tx_respond(q, p->id, p->nslots, ok ? XENVF_TX_OKAY : XENVF_TX_ERROR);
}

/* Issue the batch if it has no room for another packet's entry and copies. */
static void tx_room(struct xenvf_back_queue *q)
{
	struct xenvf_back_scratch *sc = q->scratch;

	if (sc->npkt == ARRAY_SIZE(sc->pkt) ||
	    ARRAY_SIZE(sc->ops) - sc->nops < XENVF_BACK_TX_PKT_OPS)
		tx_flush(q);
}

/* The next batch entry (room made by tx_room()), answered with @status. */
static struct xenvf_back_batch_pkt *tx_entry(struct xenvf_back_queue *q,
					     const struct xenvf_tx_request *slots,
					     unsigned int n,
					     const struct xenvf_pkt_info *info,
					     s16 status)
{
	struct xenvf_back_scratch *sc = q->scratch;
	struct xenvf_back_batch_pkt *p;
	unsigned int i;

	p = &sc->pkt[sc->npkt++];
	p->skb = NULL;
	p->direct = false;
	p->info = *info;
	p->op0 = sc->nops;
	p->nops = 0;
	p->nslots = n;
	p->status = status;
	for (i = 0; i < n; i++)
		p->id[i] = slots[i].id;
	return p;
}

/*
 * The batch entry of the packet at the head of @slots (@n slots), answered
 * with @status unless tx_build() gives it an skb; the batch issued first
 * if it is full (never within one budget: see XENVF_BACK_BATCH_OPS).
 */
static struct xenvf_back_batch_pkt *tx_pend(struct xenvf_back_queue *q,
					    const struct xenvf_tx_request *slots,
					    unsigned int n,
					    const struct xenvf_pkt_info *info,
					    s16 status)
{
	tx_room(q);
	return tx_entry(q, slots, n, info, status);
}

/*
 * VF to VF (back_direct.c), with the TX pool mapped: a batched packet that
 * goes through the switch is switched first, so this one overtakes none;
 * batched VF to VF packets stay (their receivers' responses are written
 * in ring order when the batch is done). Return: true if taken (batched,
 * answered at the flush).
 */
static bool tx_direct(struct xenvf_back_queue *q,
		      const struct xenvf_tx_request *slots, unsigned int n,
		      const struct xenvf_pkt_info *info)
{
	struct xenvf_back_scratch *sc = q->scratch;
	struct xenvf_back_batch_pkt *p;
	u32 op0;

	if (sc->nskb)
		tx_flush(q);
	tx_room(q);
	op0 = sc->nops;
	if (!xenvf_back_direct(q, slots, info, &sc->dpkt[sc->npkt]))
		return false;
	p = tx_entry(q, slots, n, info, XENVF_TX_OKAY);
	p->direct = true;
	p->op0 = op0;
	p->nops = sc->nops - op0;
	return true;
}

/*
 * What a packet weighs in the poll's budget: the frames dom0 makes of it.
 * An FCoE sequence (FSO) becomes up to XENVF_FSO_MAX_SEGS FC frames, each
 * its own skb and dev_queue_xmit() when the uplink has no FSO, so it
 * counts as DIV_ROUND_UP(len, gso_size) of them (never fewer than
 * xenvf_fso_nsegs()): a poll makes at most a budget of frames, a burst
 * the uplink's queue (a veth's peer backlog, a qdisc) takes. A TSO frame
 * stays one skb in dom0 (the receiving VF or the uplink's hardware
 * segments it) and counts as one, as netback counts it.
 */
static unsigned int tx_weight(const struct xenvf_pkt_info *info)
{
	if (info->drop || !(info->flags & XENVF_TXF_GSO) ||
	    info->gso_type != XENVF_GSO_FCOE)
		return 1;	/* parsed: gso_size >= XENVF_GSO_SIZE_MIN */
	return clamp_t(unsigned int, DIV_ROUND_UP(info->len, info->gso_size),
		       1, TX_BUDGET);
}

/**
 * xenvf_back_tx_poll() - handle up to @budget packets of the guest
 * (weighed by tx_weight())
 * @q: the queue
 * @notify: set if responses were pushed that the guest must be told of
 * @now: the poll's time (ns), for the VF's TX credit
 * @budget: TX's share of the poll's budget (xenvf_napi_begin())
 *
 * Return: the work done (packets by their weight, at most @budget), or
 * -EPROTO if the guest broke the ring.
 */
int xenvf_back_tx_poll(struct xenvf_back_queue *q, bool *notify, u64 now,
		       unsigned int budget)
{
	struct xenvf_tx_request slots[XENVF_MAX_SLOTS];
	struct xenvf_back_scratch *sc = q->scratch;
	struct xenvf_back_batch_pkt *p;
	struct xenvf_pkt_info info;
	unsigned int done = 0, have = 0, w;
	bool wait = false;
	int avail, n, err = 0;

	/* a whole budget's copies fit in the batch: one hypercall a poll */
	BUILD_BUG_ON(TX_BUDGET > XENVF_BACK_BATCH_PKTS);
	/* a batched VF to VF packet's receiver lives until the flush */
	rcu_read_lock();
	while (done < budget) {
		/*
		 * Re-arm the guest's notification (req_event) only when out of
		 * work: not while slots are buffered, and not in a poll that
		 * ends on its budget (the caller polls again; issue 14 item 5).
		 */
		avail = have ? xenvf_ring_back_pending(&q->tx) :
			       xenvf_ring_back_final_check(&q->tx);
		if (avail < 0) {
			err = avail;
			break;
		}
		while (have < XENVF_MAX_SLOTS && avail-- > 0)
			xenvf_ring_back_copy_req(&q->tx, &slots[have++]);
		if (!have)
			break;
		n = xenvf_tx_parse(slots, have, &info);
		if (n < 0) {
			err = n;
			break;
		}
		if (!n)
			break;	/* rest of the packet not published yet */
		w = tx_weight(&info);
		if (done && done + w > budget) {
			done = budget;	/* left in the ring for the next poll */
			break;
		}
		if (!info.drop && xenvf_back_credit_wait(q, info.len, now)) {
			wait = true;	/* left in the ring: credit_wake is due */
			break;
		}
		if (info.drop) {
			qstat_inc(q, &q->stats.drops[info.drop]);
			tx_pend(q, slots, n, &info, XENVF_TX_ERROR);
			goto next;
		}
		if (q->tx_pool && tx_direct(q, slots, n, &info))
			goto next;
		p = tx_pend(q, slots, n, &info, XENVF_TX_ERROR);
		tx_build(q, slots, p);
		sc->nskb += !!p->skb;
next:
		have -= n;
		memmove(slots, slots + n, have * sizeof(slots[0]));
		done = min(done + w, budget);
	}
	/* the copies of every packet taken, in one hypercall; then switched */
	tx_flush(q);
	rcu_read_unlock();
	if (err)
		return err;
	/* slots read ahead of the budget: read again by the next poll */
	q->tx.req_cons -= have;
	if (have && !wait && done < budget) {
		/*
		 * A packet whose last slot is not published yet (only a buggy
		 * or hostile frontend pushes half a packet): ask to be told
		 * when the producer moves past its slots.
		 */
		WRITE_ONCE(q->tx.sring->req_event, q->tx.req_cons + have + 1);
		virt_mb();	/* event index before re-reading the producer */
		if (READ_ONCE(q->tx.sring->req_prod) != q->tx.req_cons + have)
			data_continue(q);	/* as an event: rate limited */
	}
	if (done)
		*notify |= xenvf_ring_back_push(&q->tx);
	return done;
}

/**
 * xenvf_back_tx_pages_create() - the page_pool of a queue's TX skbs
 * @q: the queue, at connect (process context)
 *
 * Order-0 pages, no DMA mapping (the skbs go to the switch: another VF,
 * the uplink, dom0's stack). The pool's ring keeps up to
 * XENVF_TX_POOL_PAGES pages that skbs gave back, its allocation cache at
 * most PP_ALLOC_CACHE_SIZE more; pages in flight are the skbs' (bounded
 * by the backlogs and qdiscs they wait in).
 *
 * Return: 0 or -ENOMEM.
 */
int xenvf_back_tx_pages_create(struct xenvf_back_queue *q)
{
	struct page_pool_params pp = {
		.order = 0,
		.pool_size = XENVF_TX_POOL_PAGES,
		.nid = NUMA_NO_NODE,
	};
	struct page_pool *pool = page_pool_create(&pp);

	if (IS_ERR(pool))
		return -ENOMEM;
	q->tx_pages = pool;
	return 0;
}

/**
 * xenvf_back_tx_pages_destroy() - release a queue's TX page_pool
 * @q: the queue, its NAPI poll gone (nothing allocates from the pool)
 *
 * Pages still in skbs elsewhere (the uplink's qdisc, another VF's
 * backlog, a dom0 socket) keep the pool alive: page_pool_destroy() frees
 * it once the last one is back (page_pool's own deferred work, which
 * calls nothing of this module, so the module may be unloaded before).
 */
void xenvf_back_tx_pages_destroy(struct xenvf_back_queue *q)
{
	page_pool_destroy(q->tx_pages);	/* NULL: nothing */
	q->tx_pages = NULL;
}
