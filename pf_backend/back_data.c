// SPDX-License-Identifier: GPL-2.0-only
/*
 * The data path of a VF's queues. Each queue has a TX and an RX ring, an
 * event channel and a work item polling both rings.
 *
 * TX: guest slots are copied once, parsed (common/proto) and grant-copied
 * into an skb with a small linear header and the payload in page frags;
 * its offload requests (partial checksum, GSO, VLAN tag) are checked
 * against its headers and set on the skb so the stack (another VF, or
 * dev_queue_xmit() to a dom0 netdev) accepts it; the switch forwards it.
 *
 * RX: frames switched to the VF are spread over its queues by flow hash;
 * each is segmented or checksummed first if the frontend cannot take its
 * offloads, then grant-copied (linear part and frags) into as many posted
 * pages as it needs, its offloads and VLAN tag described in the first
 * response.
 *
 * Grant copy, or memcpy where the queue's pools are mapped (back_pool.c):
 * a piece whose request names a page outside the mapped pool is grant
 * copied as before, with the same counters. Either way the packet is
 * copied once into dom0's skb before anything looks at it.
 *
 * Each poll handles at most a budget of packets per direction (every
 * frame taken off the RX backlog counts, sent or dropped); a poll that
 * used its budget, or a recheck of a half-published TX packet, goes on
 * through the VF's rate limit (back_rate.c); every drop is counted by
 * reason. Queue counters are written only by the queue's work
 * item (u64_stats); counters the switch updates are atomic.
 *
 * What a VF may hold in dom0 (back_limits.h): its RX backlog is bounded in
 * bytes per queue; a frame waiting longer than rx_drain_timeout_ms is
 * dropped; a queue whose guest posts no RX pages for rx_stall_timeout_ms
 * is stalled (frames to it dropped, the representor's carrier off) until
 * the guest posts again. The linear part of a TX packet is at most
 * XENVF_TX_LINEAR_MAX bytes.
 *
 * Teardown: delivery runs under rcu_read_lock() and only while data_up;
 * disconnect clears data_up, waits a grace period (no deliverer left),
 * stops the work items, then unmaps and purges (see struct
 * xenvf_back_queue).
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>
/* __skb_gso_segment(): netdevice.h up to 6.4, net/gso.h (which udp.h includes) since */
#include <net/udp.h>

#include "back_fcoe.h"
#include "back_pool.h"
#include "xenvf_back.h"

#define TX_BUDGET	64	/* packets per poll */
#define RX_BUDGET	64
#define TX_COPY_ALL	256	/* frames up to this size stay linear */
#define TX_HDR_LEN	128	/* linear header of bigger frames */
#define RX_TICK		HZ	/* drain and stall checks while frames wait */

/* What a frame queued for a guest carries (cb[0..15]; GSO's is at 32). */
struct xenvf_rx_cb {
	u64 expires_ns;		/* dropped when still queued then */
	u32 charge;		/* bytes counted in rx_queue_bytes */
};

#define RX_CB(skb)	((struct xenvf_rx_cb *)(skb)->cb)

static void qstat_add(struct xenvf_back_queue *q, u64_stats_t *c, u64 v)
{
	u64_stats_update_begin(&q->stats.syncp);
	u64_stats_add(c, v);
	u64_stats_update_end(&q->stats.syncp);
}

static void qstat_inc(struct xenvf_back_queue *q, u64_stats_t *c)
{
	qstat_add(q, c, 1);
}

/*
 * Poll again without an event (a used-up budget, a half-published TX
 * packet): through the VF's rate limit, as an event would be.
 */
static void data_continue(struct xenvf_back_queue *q)
{
	unsigned long delay = xenvf_back_rate_delay(q->vf);

	if (delay)
		schedule_delayed_work(&q->throttle, delay);
	else
		schedule_work(&q->work);
}

static bool copies_ok(struct gnttab_copy *ops, unsigned int n)
{
	unsigned int i;

	gnttab_batch_copy(ops, n);
	for (i = 0; i < n; i++)
		if (ops[i].status != GNTST_okay)
			return false;	/* CVE-2021-26932: check every element */
	return true;
}

/*
 * Append the pieces of @len bytes at @off in (compound) @page, split at
 * page boundaries. Return: the new count, or -E2BIG beyond @max.
 */
static int add_pieces(struct xenvf_seg *seg, struct page **pages, int n,
		      unsigned int max, struct page *page, u32 off, u32 len)
{
	u32 chunk;

	while (len) {
		if (n < 0 || n >= max)
			return -E2BIG;
		chunk = min_t(u32, len, PAGE_SIZE - offset_in_page(off));
		pages[n] = nth_page(page, off >> PAGE_SHIFT);
		seg[n].off = offset_in_page(off);
		seg[n].len = chunk;
		n++;
		off += chunk;
		len -= chunk;
	}
	return n;
}

static int add_linear(struct xenvf_seg *seg, struct page **pages, int n,
		      unsigned int max, const void *p, u32 len)
{
	return add_pieces(seg, pages, n, max, virt_to_page(p),
			  offset_in_page(p), len);
}

static void tx_respond(struct xenvf_back_queue *q,
		       const struct xenvf_tx_request *slots, unsigned int n,
		       s16 status)
{
	struct xenvf_tx_response rsp;
	unsigned int i;

	for (i = 0; i < n; i++) {
		memset(&rsp, 0, sizeof(rsp));
		rsp.id = slots[i].id;
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
	struct xenvf_tx_offload o = {
		.flags = info->flags,
		.gso_type = info->gso_type,
		.gso_size = info->gso_size,
		.csum_start = info->csum_start,
		.csum_offset = info->csum_offset,
		.len = skb->len,
		.group_dst = is_multicast_ether_addr(eth_hdr(skb)->h_dest),
	};
	enum xenvf_drop_reason why;
	unsigned int nh;
	__be16 outer = skb->protocol;

	o.l3_proto = tx_inner_proto(skb, &nh);
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

/* A mapped queue's request named a page outside its pool (rate limited). */
static void pool_miss_log(struct xenvf_back_queue *q, const char *dir,
			  unsigned int pieces)
{
	if (xenvf_back_log_ok(q->vf))
		dev_info(&q->vf->dev->dev,
			 "queue %u: %s: %u piece(s) outside the mapped pool: grant copy\n",
			 q->id, dir, pieces);
}

/*
 * Carry out a TX copy plan: the pieces whose slot names a page of the
 * mapped pool by memcpy, the rest (every piece without a pool) by one
 * batch of grant copies. Return: false if a grant copy failed.
 */
static bool tx_copy(struct xenvf_back_queue *q,
		    const struct xenvf_tx_request *slots, unsigned int nr_slots,
		    unsigned int nd, unsigned int n)
{
	struct xenvf_back_scratch *sc = q->scratch;
	domid_t dom = q->vf->dev->otherend_id;
	u32 gref[XENVF_MAX_SLOTS];
	u16 gid[XENVF_MAX_SLOTS];
	unsigned int i, nr = n;

	if (q->tx_pool) {
		for (i = 0; i < nr_slots; i++) {
			gref[i] = slots[i].gref;
			gid[i] = slots[i].id;
		}
		nr = xenvf_pool_copy(q->tx_pool, false, gref, gid, nr_slots,
				     sc->dst_page, nd, sc->plan, n, sc->rest);
		if (!nr) {
			qstat_inc(q, &q->stats.tx_pool_packets);
			return true;
		}
		qstat_add(q, &q->stats.tx_pool_miss, nr);
		pool_miss_log(q, "TX", nr);
	} else {
		for (i = 0; i < n; i++)
			sc->rest[i] = i;
	}
	for (i = 0; i < nr; i++) {
		const struct xenvf_copy_op *p = &sc->plan[sc->rest[i]];
		struct gnttab_copy *op = &sc->ops[i];

		op->source.u.ref = slots[p->src].gref;
		op->source.domid = dom;
		op->source.offset = p->src_off;
		op->dest.u.gmfn = xen_page_to_gfn(sc->dst_page[p->dst]);
		op->dest.domid = DOMID_SELF;
		op->dest.offset = p->dst_off;
		op->len = p->len;
		op->flags = GNTCOPY_source_gref;
	}
	qstat_inc(q, &q->stats.tx_grant_calls);
	return copies_ok(sc->ops, nr);
}

/*
 * Build the skb of a valid packet: a small linear header (covering the
 * checksum field of a partial checksum) and the payload in order-0 page
 * frags, filled by one batch of grant copies. NULL (counted) on failure.
 */
static struct sk_buff *tx_build(struct xenvf_back_queue *q,
				const struct xenvf_tx_request *slots,
				const struct xenvf_pkt_info *info)
{
	struct xenvf_back_scratch *sc = q->scratch;
	struct xenvf_seg src[XENVF_MAX_SLOTS];
	enum xenvf_drop_reason why;
	struct sk_buff *skb;
	u32 lin = info->len <= TX_COPY_ALL ? info->len : TX_HDR_LEN;
	u32 rest, chunk;
	struct page *page;
	int i, nd, n;

	if (info->flags & XENVF_TXF_CSUM_PARTIAL) {
		/* the checksum field must lie within a bounded linear part */
		if (!xenvf_tx_linear_ok(info->csum_start, info->csum_offset)) {
			qstat_inc(q, &q->stats.drops[XENVF_DROP_BAD_CSUM]);
			return NULL;
		}
		lin = max_t(u32, lin, info->csum_start + info->csum_offset + 2);
	}
	skb = alloc_skb(lin + NET_IP_ALIGN, GFP_KERNEL | __GFP_NOWARN);
	if (!skb)
		goto nomem;
	skb_reserve(skb, NET_IP_ALIGN);
	skb_put(skb, lin);
	nd = add_linear(sc->dst, sc->dst_page, 0, ARRAY_SIZE(sc->dst),
			skb->data, lin);
	for (rest = info->len - lin, i = 0; rest; rest -= chunk, i++) {
		chunk = min_t(u32, rest, PAGE_SIZE);
		page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		if (!page || i == MAX_SKB_FRAGS || nd < 0 ||
		    nd >= ARRAY_SIZE(sc->dst)) {
			if (page)
				__free_page(page);
			kfree_skb(skb);
			goto nomem;
		}
		skb_fill_page_desc(skb, i, page, 0, chunk);
		skb->len += chunk;
		skb->data_len += chunk;
		skb->truesize += PAGE_SIZE;
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
	n = xenvf_copy_plan(src, info->nr_slots, sc->dst, nd, sc->plan,
			    ARRAY_SIZE(sc->plan));
	if (n < 0 || !tx_copy(q, slots, info->nr_slots, nd, n))
		goto copy_error;

	skb_reset_mac_header(skb);
	skb->protocol = eth_hdr(skb)->h_proto;
	why = tx_offloads(q, skb, info);
	if (why) {
		qstat_inc(q, &q->stats.drops[why]);
		kfree_skb(skb);
		return NULL;
	}
	return skb;

copy_error:
	qstat_inc(q, &q->stats.tx_copy_errors);
	kfree_skb(skb);
	return NULL;
nomem:
	qstat_inc(q, &q->stats.tx_nomem);
	return NULL;
}

/* Handle up to TX_BUDGET packets; -EPROTO if the guest broke the ring. */
static int tx_poll(struct xenvf_back_queue *q, bool *notify)
{
	struct xenvf_tx_request slots[XENVF_MAX_SLOTS];
	struct xenvf_back_vf *vf = q->vf;
	struct xenvf_pkt_info info;
	struct sk_buff *skb;
	unsigned int done = 0, have = 0;
	int avail, n;

	while (done < TX_BUDGET) {
		avail = xenvf_ring_back_final_check(&q->tx);
		if (avail < 0)
			return avail;
		while (have < XENVF_MAX_SLOTS && avail-- > 0)
			xenvf_ring_back_copy_req(&q->tx, &slots[have++]);
		if (!have)
			break;
		n = xenvf_tx_parse(slots, have, &info);
		if (n < 0)
			return n;
		if (!n)
			break;	/* rest of the packet not published yet */
		if (info.drop) {
			qstat_inc(q, &q->stats.drops[info.drop]);
			skb = NULL;
		} else {
			skb = tx_build(q, slots, &info);
		}
		if (!skb) {
			tx_respond(q, slots, n, XENVF_TX_ERROR);
		} else {
			tx_respond(q, slots, n, XENVF_TX_OKAY);
			u64_stats_update_begin(&q->stats.syncp);
			u64_stats_inc(&q->stats.tx_packets);
			u64_stats_add(&q->stats.tx_bytes, skb->len);
			u64_stats_update_end(&q->stats.syncp);
			skb_record_rx_queue(skb, q->id);
			xenvf_back_switch(vf, skb);
		}
		have -= n;
		memmove(slots, slots + n, have * sizeof(slots[0]));
		done++;
	}
	if (have) {
		/*
		 * A packet whose last slot is not published yet (only a buggy
		 * or hostile frontend pushes half a packet): give its slots
		 * back and ask to be told when the producer moves past them.
		 */
		q->tx.req_cons -= have;
		WRITE_ONCE(q->tx.sring->req_event, q->tx.req_cons + have + 1);
		virt_mb();	/* event index before re-reading the producer */
		if (READ_ONCE(q->tx.sring->req_prod) != q->tx.req_cons + have)
			data_continue(q);	/* as an event: rate limited */
	}
	if (done)
		*notify |= xenvf_ring_back_push(&q->tx);
	return done;
}

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
	int i, n;

	n = add_linear(sc->src, sc->src_page, 0, max, skb->data,
		       skb_headlen(skb));
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];

		n = add_pieces(sc->src, sc->src_page, n, max, skb_frag_page(f),
			       skb_frag_off(f), skb_frag_size(f));
	}
	skb_walk_frags(skb, fskb) {
		if (n < 0 || skb_has_frag_list(fskb))
			return -E2BIG;
		n = add_linear(sc->src, sc->src_page, n, max, fskb->data,
			       skb_headlen(fskb));
		for (i = 0; i < skb_shinfo(fskb)->nr_frags; i++) {
			const skb_frag_t *f = &skb_shinfo(fskb)->frags[i];

			n = add_pieces(sc->src, sc->src_page, n, max,
				       skb_frag_page(f), skb_frag_off(f),
				       skb_frag_size(f));
		}
	}
	return n;
}

/*
 * Copy the frame at the head of rx_ready into posted pages.
 * Return: 1 done (sent or dropped, counted), 0 not enough pages posted,
 * -EPROTO if the guest broke the ring.
 */
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

/* As tx_copy(), from the frame's pages into the guest's posted pages. */
static bool rx_copy(struct xenvf_back_queue *q,
		    const struct xenvf_rx_request *reqs, unsigned int need,
		    unsigned int nsrc, unsigned int n)
{
	struct xenvf_back_scratch *sc = q->scratch;
	domid_t dom = q->vf->dev->otherend_id;
	u32 gref[XENVF_MAX_SLOTS];
	u16 gid[XENVF_MAX_SLOTS];
	unsigned int i, nr = n;

	if (q->rx_pool) {
		for (i = 0; i < need; i++) {
			gref[i] = reqs[i].gref;
			gid[i] = reqs[i].id;
		}
		nr = xenvf_pool_copy(q->rx_pool, true, gref, gid, need,
				     sc->src_page, nsrc, sc->plan, n, sc->rest);
		if (!nr) {
			qstat_inc(q, &q->stats.rx_pool_packets);
			return true;
		}
		qstat_add(q, &q->stats.rx_pool_miss, nr);
		pool_miss_log(q, "RX", nr);
	} else {
		for (i = 0; i < n; i++)
			sc->rest[i] = i;
	}
	for (i = 0; i < nr; i++) {
		const struct xenvf_copy_op *p = &sc->plan[sc->rest[i]];
		struct gnttab_copy *op = &sc->ops[i];

		op->source.u.gmfn = xen_page_to_gfn(sc->src_page[p->src]);
		op->source.domid = DOMID_SELF;
		op->source.offset = p->src_off;
		op->dest.u.ref = reqs[p->dst].gref;
		op->dest.domid = dom;
		op->dest.offset = p->dst_off;
		op->len = p->len;
		op->flags = GNTCOPY_dest_gref;
	}
	qstat_inc(q, &q->stats.rx_grant_calls);
	return copies_ok(sc->ops, nr);
}

static int rx_send(struct xenvf_back_queue *q, struct sk_buff *skb)
{
	struct xenvf_rx_request reqs[XENVF_MAX_SLOTS];
	struct xenvf_back_scratch *sc = q->scratch;
	unsigned int need = xenvf_rx_slots(skb->len), i;
	struct xenvf_rx_response rsp;
	int avail, nsrc, n;
	u32 left;
	bool ok;

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
	for (i = 0, left = skb->len; i < need; i++) {
		xenvf_ring_back_copy_req(&q->rx, &reqs[i]);
		sc->dst[i].off = 0;
		sc->dst[i].len = min_t(u32, left, XEN_PAGE_SIZE);
		left -= sc->dst[i].len;
	}
	n = xenvf_copy_plan(sc->src, nsrc, sc->dst, need, sc->plan,
			    ARRAY_SIZE(sc->plan));
	ok = n > 0 && rx_copy(q, reqs, need, nsrc, n);
	for (i = 0; i < need; i++) {
		memset(&rsp, 0, sizeof(rsp));
		rsp.id = reqs[i].id;
		rsp.status = ok ? sc->dst[i].len : XENVF_TX_ERROR;
		if (i + 1 < need)
			rsp.flags = XENVF_RXF_MORE;
		if (!i && ok)
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
	return 1;
}

/* The oldest frame of the backlog, its bytes uncounted. */
static struct sk_buff *rx_dequeue(struct xenvf_back_queue *q)
{
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&q->rx_queue.lock, flags);
	skb = __skb_dequeue(&q->rx_queue);
	if (skb)
		q->rx_queue_bytes -= RX_CB(skb)->charge;
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);
	return skb;
}

/*
 * Deliver queued frames into posted RX pages. Every frame taken off the
 * backlog counts against the budget, whether it is sent, dropped while
 * prepared or dropped for its age. *@blocked: a frame waits for pages.
 * Return: the work done (up to RX_BUDGET) or -EPROTO.
 */
static int rx_poll(struct xenvf_back_queue *q, bool *notify, bool *blocked,
		   u64 now)
{
	unsigned int work = 0, sent = 0, n;
	struct sk_buff *skb;
	int ret = 1;

	*blocked = false;
	while (work < RX_BUDGET) {
		skb = skb_peek(&q->rx_ready);
		if (skb && xenvf_rx_expired(q->rx_ready_expires, now)) {
			/* waited past the drain timeout for the guest's pages */
			n = skb_queue_len(&q->rx_ready);
			__skb_queue_purge(&q->rx_ready);
			qstat_add(q, &q->stats.rx_expired, n);
			work++;
			continue;
		}
		if (!skb) {
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
			return ret;
		if (!ret) {
			*blocked = true;
			break;
		}
		work++;
		sent++;
	}
	if (sent)
		*notify |= xenvf_ring_back_push(&q->rx);
	return work;
}

/*
 * One observation of the stall detector: a queue blocked for the stall
 * timeout drops what is sent to it and turns the representor's carrier
 * off (the first stalled queue of the VF); posting again undoes both.
 */
static void rx_stall_check(struct xenvf_back_queue *q, bool blocked, u64 now)
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

static void xenvf_back_data_work(struct work_struct *work)
{
	struct xenvf_back_queue *q = container_of(work, struct xenvf_back_queue,
						  work);
	bool notify = false, blocked = false;
	bool eoi = atomic_xchg(&q->eoi_pending, 0);
	u64 now = ktime_get_ns();
	int tx, rx;

	if (!READ_ONCE(q->up)) {
		if (eoi)	/* disconnect acknowledges it */
			atomic_set(&q->eoi_pending, 1);
		return;
	}
	/* broken or being disconnected (already reported): ignore the peer */
	if (q->tx.broken || q->rx.broken || test_bit(0, &q->vf->fatal)) {
		if (eoi)
			xen_irq_lateeoi(q->irq, XEN_EOI_FLAG_SPURIOUS);
		return;
	}
	tx = tx_poll(q, &notify);
	rx = tx < 0 ? 0 : rx_poll(q, &notify, &blocked, now);
	if (notify)
		notify_remote_via_irq(q->irq);
	if (tx < 0 || rx < 0) {
		xenvf_back_fatal(q->vf, "the data ring protocol");
		if (eoi)
			xen_irq_lateeoi(q->irq, 0);
		return;
	}
	rx_stall_check(q, blocked, now);
	if (blocked)	/* no event may come: look again for age and stall */
		schedule_delayed_work(&q->rx_tick, RX_TICK);
	if (tx == TX_BUDGET || rx == RX_BUDGET) {
		/* go on (rate limited); the event stays unacknowledged */
		if (eoi)
			atomic_set(&q->eoi_pending, 1);
		data_continue(q);
		return;
	}
	/*
	 * Acknowledge only events this run answers; a run started by the
	 * switch (a frame to deliver) has none. An event that found no work
	 * is spurious, which makes Xen throttle a storming guest.
	 */
	if (eoi)
		xen_irq_lateeoi(q->irq, tx || rx ? 0 : XEN_EOI_FLAG_SPURIOUS);
}

/* Frames wait for the guest's pages: check their age and the stall. */
static void xenvf_back_data_tick(struct work_struct *work)
{
	struct xenvf_back_queue *q = container_of(to_delayed_work(work),
						  struct xenvf_back_queue,
						  rx_tick);

	schedule_work(&q->work);
}

/* An event the VF's rate deferred: serve it now. */
static void xenvf_back_data_throttled(struct work_struct *work)
{
	struct xenvf_back_queue *q = container_of(to_delayed_work(work),
						  struct xenvf_back_queue,
						  throttle);

	schedule_work(&q->work);
}

static irqreturn_t xenvf_back_data_interrupt(int irq, void *dev_id)
{
	struct xenvf_back_queue *q = dev_id;
	unsigned long delay = xenvf_back_rate_delay(q->vf);

	atomic_set(&q->eoi_pending, 1);
	if (delay)	/* beyond the VF's event rate: served (and EOIed) later */
		schedule_delayed_work(&q->throttle, delay);
	else
		schedule_work(&q->work);
	return IRQ_HANDLED;
}

/**
 * xenvf_back_queue_deliver() - queue a frame for the VF's guest
 * @vf: the destination VF
 * @skb: the frame, data at its Ethernet header (consumed)
 *
 * The switch's entry into a VF's RX: picks the queue by flow hash, so a
 * flow stays on one queue (FCoE and FIP frames: queue 0). Callable from
 * any context that may schedule work (softirq included). Refused (counted)
 * while the VF is not connected or is disconnecting, while the queue is
 * stalled, and beyond the queue's bytes bound.
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
	 * FCoE and FIP frames all take queue 0 (as ixgbe steers them to its
	 * FCoE ring): the lossless class's deeper bound is then paid once
	 * per VF, not once per queue.
	 */
	fcoe = xenvf_fcoe_is_fcoe_type(vlan_get_protocol(skb));
	nq = READ_ONCE(vf->nr_queues);
	q = &vf->queues[xenvf_rx_queue_pick(fcoe, skb_get_hash(skb), nq)];
	if (READ_ONCE(q->rx_stalled)) {
		atomic64_inc(&vf->stats.rx_stalled);
		goto drop;
	}
	max = xenvf_rx_queue_max(fcoe);
	RX_CB(skb)->charge = skb->truesize;
	RX_CB(skb)->expires_ns = ktime_get_ns() + xenvf_back_rx_drain_ns();
	spin_lock_irqsave(&q->rx_queue.lock, flags);
	if (!xenvf_rx_admit(q->rx_queue_bytes, RX_CB(skb)->charge, max)) {
		spin_unlock_irqrestore(&q->rx_queue.lock, flags);
		atomic64_inc(&vf->stats.rx_queue_full);
		goto drop;
	}
	__skb_queue_tail(&q->rx_queue, skb);
	q->rx_queue_bytes += RX_CB(skb)->charge;
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);
	schedule_work(&q->work);
	rcu_read_unlock();
	return;

drop:
	rcu_read_unlock();
	kfree_skb(skb);
}

/**
 * xenvf_back_queue_stats_read() - a consistent snapshot of one queue
 * @q: the queue
 * @out: its counters (the VF-wide atomic ones are left zero)
 */
void xenvf_back_queue_stats_read(struct xenvf_back_queue *q,
				 struct xenvf_back_stats *out)
{
	const struct xenvf_back_qstats *s = &q->stats;
	unsigned int start, i;

	memset(out, 0, sizeof(*out));
	do {
		start = u64_stats_fetch_begin(&s->syncp);
		out->tx_packets = u64_stats_read(&s->tx_packets);
		out->tx_bytes = u64_stats_read(&s->tx_bytes);
		out->rx_packets = u64_stats_read(&s->rx_packets);
		out->rx_bytes = u64_stats_read(&s->rx_bytes);
		out->rx_multicast = u64_stats_read(&s->rx_multicast);
		for (i = 0; i < XENVF_DROP_NR_REASONS; i++)
			out->drops[i] = u64_stats_read(&s->drops[i]);
		out->tx_copy_errors = u64_stats_read(&s->tx_copy_errors);
		out->rx_copy_errors = u64_stats_read(&s->rx_copy_errors);
		out->tx_nomem = u64_stats_read(&s->tx_nomem);
		out->tx_gso = u64_stats_read(&s->tx_gso);
		out->tx_csum = u64_stats_read(&s->tx_csum);
		out->rx_gso = u64_stats_read(&s->rx_gso);
		out->rx_csum = u64_stats_read(&s->rx_csum);
		out->rx_segmented = u64_stats_read(&s->rx_segmented);
		out->rx_offload_errors = u64_stats_read(&s->rx_offload_errors);
		out->rx_too_big = u64_stats_read(&s->rx_too_big);
		out->rx_expired = u64_stats_read(&s->rx_expired);
		out->rx_stalls = u64_stats_read(&s->rx_stalls);
		out->tx_pool_packets = u64_stats_read(&s->tx_pool_packets);
		out->rx_pool_packets = u64_stats_read(&s->rx_pool_packets);
		out->tx_pool_miss = u64_stats_read(&s->tx_pool_miss);
		out->rx_pool_miss = u64_stats_read(&s->rx_pool_miss);
		out->tx_grant_calls = u64_stats_read(&s->tx_grant_calls);
		out->rx_grant_calls = u64_stats_read(&s->rx_grant_calls);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

/**
 * xenvf_back_stats_read() - the VF's counters: every queue's summed, and
 * the VF-wide ones
 * @vf: the VF
 * @out: the sums
 */
void xenvf_back_stats_read(struct xenvf_back_vf *vf, struct xenvf_back_stats *out)
{
	struct xenvf_back_stats s;
	unsigned int q, i;

	memset(out, 0, sizeof(*out));
	for (q = 0; q < XENVF_MAX_QUEUES; q++) {
		if (!vf->queues[q].vf)
			continue;	/* never connected */
		xenvf_back_queue_stats_read(&vf->queues[q], &s);
		out->tx_packets += s.tx_packets;
		out->tx_bytes += s.tx_bytes;
		out->rx_packets += s.rx_packets;
		out->rx_bytes += s.rx_bytes;
		out->rx_multicast += s.rx_multicast;
		for (i = 0; i < XENVF_DROP_NR_REASONS; i++)
			out->drops[i] += s.drops[i];
		out->tx_copy_errors += s.tx_copy_errors;
		out->rx_copy_errors += s.rx_copy_errors;
		out->tx_nomem += s.tx_nomem;
		out->tx_gso += s.tx_gso;
		out->tx_csum += s.tx_csum;
		out->rx_gso += s.rx_gso;
		out->rx_csum += s.rx_csum;
		out->rx_segmented += s.rx_segmented;
		out->rx_offload_errors += s.rx_offload_errors;
		out->rx_too_big += s.rx_too_big;
		out->rx_expired += s.rx_expired;
		out->rx_stalls += s.rx_stalls;
		out->tx_pool_packets += s.tx_pool_packets;
		out->rx_pool_packets += s.rx_pool_packets;
		out->tx_pool_miss += s.tx_pool_miss;
		out->rx_pool_miss += s.rx_pool_miss;
		out->tx_grant_calls += s.tx_grant_calls;
		out->rx_grant_calls += s.rx_grant_calls;
		out->rx_queue_bytes += READ_ONCE(vf->queues[q].rx_queue_bytes);
	}
	out->rx_queue_full = atomic64_read(&vf->stats.rx_queue_full);
	out->rx_dropped = atomic64_read(&vf->stats.rx_dropped);
	out->rx_vf_down = atomic64_read(&vf->stats.rx_vf_down);
	out->rx_stalled = atomic64_read(&vf->stats.rx_stalled);
}

/*
 * Read an unsigned frontend key within [min, max], the whole value
 * (xenvf_read_u32: no wrap past 2^32, nothing after the digits); @def if
 * absent and @def >= 0.
 */
static int fe_key(struct xenvf_back_vf *vf, const char *key, u32 min, u32 max,
		  int def, u32 *out)
{
	int err = xenvf_read_u32(vf->dev->otherend, key, min, max, out);

	if (err == -ENOENT && def >= 0) {
		*out = def;
		return 0;
	}
	if (err) {
		xenvf_back_report(vf, -EINVAL, "reading %s/%s",
				  vf->dev->otherend, key);
		return -EINVAL;
	}
	return 0;
}

static int queue_connect(struct xenvf_back_vf *vf, struct xenvf_back_queue *q,
			 unsigned int id, struct xenvf_distinct *refs,
			 struct xenvf_distinct *evtchns)
{
	grant_ref_t tx_ref, rx_ref;
	char key[32];
	u32 evtchn;
	int err;

	if (!q->vf)
		u64_stats_init(&q->stats.syncp);
	q->vf = vf;
	q->id = id;
	skb_queue_head_init(&q->rx_queue);
	__skb_queue_head_init(&q->rx_ready);
	q->rx_queue_bytes = 0;
	q->rx_stalled = false;
	memset(&q->stall, 0, sizeof(q->stall));
	INIT_WORK(&q->work, xenvf_back_data_work);
	INIT_DELAYED_WORK(&q->throttle, xenvf_back_data_throttled);
	INIT_DELAYED_WORK(&q->rx_tick, xenvf_back_data_tick);
	atomic_set(&q->eoi_pending, 0);
	q->scratch = kvzalloc(sizeof(*q->scratch), GFP_KERNEL);
	if (!q->scratch)
		return -ENOMEM;
	snprintf(key, sizeof(key), "queue-%u/tx-ring-ref", id);
	err = xenvf_back_ring_ref(vf, refs, key, &tx_ref);
	if (err)
		return err;
	snprintf(key, sizeof(key), "queue-%u/rx-ring-ref", id);
	err = xenvf_back_ring_ref(vf, refs, key, &rx_ref);
	if (err)
		return err;
	err = xenvf_back_map_ring(vf, tx_ref, &q->tx_sring, &q->tx,
				  sizeof(struct xenvf_tx_request),
				  sizeof(struct xenvf_tx_response));
	if (err)
		return err;
	err = xenvf_back_map_ring(vf, rx_ref, &q->rx_sring, &q->rx,
				  sizeof(struct xenvf_rx_request),
				  sizeof(struct xenvf_rx_response));
	if (err)
		return err;
	snprintf(key, sizeof(key), "queue-%u/event-channel", id);
	err = fe_key(vf, key, 1, U32_MAX, -1, &evtchn);
	if (err)
		return err;
	if (xenvf_distinct_add(evtchns, evtchn)) {
		xenvf_back_report(vf, -EINVAL,
				  "binding event channel %u (%s): already another ring's",
				  evtchn, key);
		return -EINVAL;
	}
	xenvf_back_pool_connect(vf, q);	/* or grant copy */
	WRITE_ONCE(q->up, true);	/* rings mapped: the work may poll */
	snprintf(q->irq_name, sizeof(q->irq_name), "xenvf%d-q%u",
		 vf->dev->otherend_id, id);
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(vf->dev, evtchn,
							    xenvf_back_data_interrupt,
							    0, q->irq_name, q);
	if (err < 0) {
		xenvf_back_report(vf, err, "binding event channel %u", evtchn);
		return err;
	}
	q->irq = err;
	err = xenvf_back_vec_bind(vf, XENVF_VEC_QUEUE, id, evtchn, q->irq);
	if (err)
		xenvf_back_report(vf, err, "no interrupt vector left for queue %u",
				  id);
	return err;
}

/**
 * xenvf_back_data_connect() - read the frontend's queue count and
 * features, map every queue's rings and bind their channels
 * @vf: the VF, control rings already connected
 * @refs: the grant references of this connect so far (every ring's must
 *	be new)
 * @evtchns: its event channels so far (likewise)
 *
 * Return: 0 or an error after which nothing of any queue is left.
 */
int xenvf_back_data_connect(struct xenvf_back_vf *vf,
			    struct xenvf_distinct *refs,
			    struct xenvf_distinct *evtchns)
{
	u32 nq, order, v;
	unsigned int i;
	int err;

	err = fe_key(vf, "multi-queue-num-queues", 1, vf->max_queues, -1, &nq);
	if (!err)
		err = fe_key(vf, "ring-page-order", 0, 0, -1, &order);
	if (err)
		return err;
	memset(&vf->fe, 0, sizeof(vf->fe));
	err = fe_key(vf, "feature-sg", 0, 1, 0, &v);
	vf->fe.sg = v;
	err = err ?: fe_key(vf, "feature-gso-tcpv4", 0, 1, 0, &v);
	vf->fe.gso_tcpv4 = v;
	err = err ?: fe_key(vf, "feature-gso-tcpv6", 0, 1, 0, &v);
	vf->fe.gso_tcpv6 = v;
	err = err ?: fe_key(vf, "feature-rx-csum", 0, 1, 0, &v);
	vf->fe.rx_csum = v;
	err = err ?: fe_key(vf, "feature-pool-map", 0, 1, 0, &v);
	vf->fe.pool_map = v;
	if (err)
		return err;

	vf->nr_queues = nq;
	for (i = 0; i < nq; i++) {
		err = queue_connect(vf, &vf->queues[i], i, refs, evtchns);
		if (err)
			goto fail;
	}
	mutex_lock(&vf->lock);
	vf->cfg.queues = nq;		/* GET_QUEUES and GET_RETA answer it */
	mutex_unlock(&vf->lock);
	/* nr_queues and the queues before data_up (acquire in deliver) */
	smp_store_release(&vf->data_up, true);
	return 0;

fail:
	xenvf_back_data_disconnect(vf);
	return err;
}

static void queue_disconnect(struct xenvf_back_vf *vf, struct xenvf_back_queue *q)
{
	struct xenvf_back_stats s;
	unsigned int i;
	u64 bad = 0;

	/*
	 * No deliverer is left (data_disconnect). Stop the work: with up
	 * clear it neither polls nor re-arms anything, so after the first
	 * cancel only the delayed items can queue it, and after theirs
	 * nothing can.
	 */
	WRITE_ONCE(q->up, false);
	if (q->irq)
		disable_irq(q->irq);
	cancel_work_sync(&q->work);
	cancel_delayed_work_sync(&q->throttle);
	cancel_delayed_work_sync(&q->rx_tick);
	cancel_work_sync(&q->work);
	if (q->irq) {
		if (atomic_xchg(&q->eoi_pending, 0))
			xen_irq_lateeoi(q->irq, 0);
		xenvf_back_vec_unbind(vf, XENVF_VEC_QUEUE, q->id, q->irq);
		unbind_from_irqhandler(q->irq, q);
		q->irq = 0;
		xenvf_back_queue_stats_read(q, &s);
		for (i = 0; i < XENVF_DROP_NR_REASONS; i++)
			bad += s.drops[i];
		if (xenvf_back_log_ok(vf))
			dev_info(&vf->dev->dev,
				 "queue %u: tx %llu packets (%llu gso, %llu csum, %llu malformed, %llu failed), rx %llu packets (%llu gso, %llu csum, %llu segmented, %llu failed, %llu expired)\n",
				 q->id, s.tx_packets, s.tx_gso, s.tx_csum, bad,
				 s.tx_copy_errors + s.tx_nomem, s.rx_packets,
				 s.rx_gso, s.rx_csum, s.rx_segmented,
				 s.rx_copy_errors + s.rx_offload_errors +
				 s.rx_too_big, s.rx_expired);
	}
	/* the work has stopped: nothing uses the pools */
	xenvf_back_pool_disconnect(vf, q);
	if (q->rx_sring) {
		xenbus_unmap_ring_vfree(vf->dev, q->rx_sring);
		q->rx_sring = NULL;
	}
	if (q->tx_sring) {
		xenbus_unmap_ring_vfree(vf->dev, q->tx_sring);
		q->tx_sring = NULL;
	}
	/* nobody else touches the queues now: no frame is left behind */
	skb_queue_purge(&q->rx_queue);
	WRITE_ONCE(q->rx_queue_bytes, 0);
	__skb_queue_purge(&q->rx_ready);
	q->rx_stalled = false;
	memset(&q->stall, 0, sizeof(q->stall));
	kvfree(q->scratch);
	q->scratch = NULL;
}

/**
 * xenvf_back_data_disconnect() - stop every queue, unmap, drop queued frames
 * @vf: the VF; safe on a partial connect
 *
 * Delivery is refused from here on, and every deliverer that saw the VF up
 * has finished (a grace period) before a queue is torn down.
 */
void xenvf_back_data_disconnect(struct xenvf_back_vf *vf)
{
	unsigned int i;

	WRITE_ONCE(vf->data_up, false);
	synchronize_rcu();	/* no xenvf_back_queue_deliver() left inside */
	for (i = 0; i < vf->nr_queues; i++)
		if (vf->queues[i].vf)
			queue_disconnect(vf, &vf->queues[i]);
	vf->nr_queues = 0;
	atomic_set(&vf->rx_stalled_queues, 0);
}
