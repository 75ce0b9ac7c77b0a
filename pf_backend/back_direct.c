// SPDX-License-Identifier: GPL-2.0-only
/*
 * VF to VF in one copy (issue 14 item 3, dom0's part): a frame a VF sends
 * from its mapped TX pool to one other local VF whose RX pool is mapped
 * goes from the sender's pool page into the receiver's posted pool page by
 * one memcpy in dom0, with no dom0 skb.
 *
 * The guest may rewrite its pages at any time, so the first DIRECT_HDR
 * bytes are copied once into private memory (the queue's scratch) and
 * everything is decided on that copy: the offload request is checked
 * against it (as tx_offloads() does on the skb), the switch decides on it
 * (xenvf_back_switch_direct(), the decision xenvf_back_switch() would
 * take), and the header bytes written to the receiver come from it; the
 * rest of the frame is read from the sender's page once, by the copy into
 * the receiver's page. Nothing is read from the sender's page twice on
 * this path. A frame this path does not take is left as it was (nothing
 * consumed, nothing counted): the skb path copies it anew and decides
 * anew on that copy, so each decision is made on one private copy.
 *
 * Taken only when it changes nothing the skb path would do: no FCoE
 * request, no in-band VLAN tag, an offload the receiver takes as it is
 * (no segmenting, no checksum resolved in dom0), a partial checksum only
 * where the private header shows where it lies without extension headers
 * or fragments; VEB, unicast to exactly one VF and copied to no other
 * port (no uplink, EVI, representor or flood). The receiver must have one
 * queue (the skb path picks a multi-queue receiver's queue by a flow hash
 * of the skb), be up and not stalled, have no frame waiting in its
 * backlog (so the frame does not overtake them), have the pages posted
 * for the whole frame, all in its mapped pool, and its RX ring must be
 * free now: the sender only tries the receiver's rx_lock (its RX poll
 * holds it, on another CPU's softirq), so it never waits for the
 * receiver. Otherwise the frame takes the skb path and, without posted
 * pages, waits in the receiver's backlog within its byte bound
 * (back_limits.h) or is dropped and counted there.
 *
 * Lifetime: the sender holds rcu_read_lock() from the switch's decision
 * until the receiver's ring is pushed; the receiver's rings and pools are
 * unmapped only after data_up is cleared and a grace period (back_queue.c).
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/rcupdate.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <xen/page.h>

#include "back_data.h"
#include "back_fcoe.h"
#include "back_pool.h"

/*
 * The sender's slots as pieces: of its mapped TX pool (@va: each piece's
 * page), or granted for this packet alone (@va NULL, @gref its ref: grant
 * copied into the receiver's page by the poll's batch). Return: false if
 * a slot crosses its page.
 */
static bool tx_pieces(const struct xenvf_back_queue *q,
		      const struct xenvf_tx_request *slots,
		      const struct xenvf_pkt_info *info, struct xenvf_seg *seg,
		      void **va, u32 *gref)
{
	unsigned int i;
	int idx;

	for (i = 0; i < info->nr_slots; i++) {
		idx = xenvf_pool_find(q->tx_pool, slots[i].gref, slots[i].id);
		seg[i].off = slots[i].offset;
		seg[i].len = i ? slots[i].size : info->first_len;
		if (seg[i].off + seg[i].len > XEN_PAGE_SIZE)
			return false;	/* xenvf_tx_parse() refused it already */
		va[i] = idx < 0 ? NULL : q->tx_pool->vaddr[idx];
		gref[i] = slots[i].gref;
	}
	return true;
}

/*
 * Copy the first @want bytes of the pieces into @hdr, once; the pieces are
 * then trimmed to the rest of the frame, after the header (@seg and @va
 * from index *@first on). Return: false if a header byte lies in a page
 * outside the pool (the skb path copies it, then decides).
 */
static bool read_header(struct xenvf_seg *seg, void **va, unsigned int n,
			u8 *hdr, u32 want, unsigned int *first)
{
	unsigned int i = 0;
	u32 chunk, got = 0;

	while (got < want && i < n) {
		if (!va[i])
			return false;
		chunk = min_t(u32, want - got, seg[i].len);
		memcpy(hdr + got, (u8 *)va[i] + seg[i].off, chunk);
		got += chunk;
		seg[i].off += chunk;
		seg[i].len -= chunk;
		if (!seg[i].len)
			i++;
	}
	*first = i;
	return true;
}

/*
 * Where skb_checksum_setup() finds the checksum field, for the headers it
 * accepts with neither IPv6 extension headers nor IPv4 fragments, and the
 * transport header within the private copy. Return: 0 or -EPROTO (the
 * skb path decides the rest).
 */
static int csum_find(const u8 *h, u32 hlen, u32 nh, __be16 proto, u32 *start,
		     u32 *offset)
{
	u32 l4len;
	u8 l4;

	if (proto == htons(ETH_P_IP)) {
		const struct iphdr *ip = (const struct iphdr *)(h + nh);

		if (nh + sizeof(*ip) > hlen || ip->ihl < 5 || ip_is_fragment(ip))
			return -EPROTO;
		*start = nh + ip->ihl * 4;
		l4 = ip->protocol;
	} else if (proto == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6 = (const struct ipv6hdr *)(h + nh);

		if (nh + sizeof(*ip6) > hlen)
			return -EPROTO;
		*start = nh + sizeof(*ip6);
		l4 = ip6->nexthdr;
	} else {
		return -EPROTO;
	}
	if (l4 == IPPROTO_TCP) {
		*offset = offsetof(struct tcphdr, check);
		l4len = sizeof(struct tcphdr);
	} else if (l4 == IPPROTO_UDP) {
		*offset = offsetof(struct udphdr, check);
		l4len = sizeof(struct udphdr);
	} else {
		return -EPROTO;
	}
	return *start + l4len <= hlen ? 0 : -EPROTO;
}

/*
 * The offload request, checked against the private header as tx_offloads()
 * checks it against the skb, and the frame as the receiver would get it
 * (@m). Return: false if this path does not take it.
 */
static bool direct_offloads(const u8 *hdr, u32 hlen,
			    const struct xenvf_pkt_info *info,
			    struct xenvf_rx_meta *m)
{
	const struct ethhdr *eth = (const struct ethhdr *)hdr;
	struct xenvf_tx_offload o;

	xenvf_tx_offload_init(&o, info, info->len, eth->h_dest, eth->h_proto);
	if (info->flags & XENVF_TXF_FCOE_CRC || eth_type_vlan(eth->h_proto) ||
	    xenvf_fcoe_is_fcoe_type(eth->h_proto))
		return false;
	if (info->flags & XENVF_TXF_CSUM_PARTIAL) {
		if (!xenvf_tx_linear_ok(info->csum_start, info->csum_offset) ||
		    csum_find(hdr, hlen, ETH_HLEN, eth->h_proto, &o.found_start,
			      &o.found_offset))
			return false;
	}
	if (xenvf_tx_offload_check(&o))
		return false;	/* the skb path drops it, counted */
	memset(m, 0, sizeof(*m));
	m->len = info->len;
	m->csum_partial = info->flags & XENVF_TXF_CSUM_PARTIAL;
	if (m->csum_partial) {
		m->csum_start = info->csum_start;
		m->csum_offset = info->csum_offset;
	}
	if (info->flags & XENVF_TXF_GSO) {
		m->gso = true;
		m->gso_size = info->gso_size;
		m->gso_type = SKB_GSO_DODGY |
			(info->gso_type == XENVF_GSO_TCPV4 ? SKB_GSO_TCPV4 :
							     SKB_GSO_TCPV6);
	}
	return true;
}

/*
 * The receiver's responses, the first with the frame's offloads and tag;
 * if its copy failed, XENVF_TX_ERROR in each (the guest drops it).
 */
static void rx_respond(struct xenvf_back_queue *b,
		       const struct xenvf_back_direct_pkt *d, bool ok)
{
	struct xenvf_back_vf_stats *st = &b->vf->stats;
	const struct xenvf_rx_meta *m = &d->m;
	struct xenvf_rx_response rsp;
	bool validated = d->validated;
	unsigned int i, need = d->need;
	u16 tci = d->tci;

	for (i = 0; i < need; i++) {
		memset(&rsp, 0, sizeof(rsp));
		rsp.id = d->id[i];
		rsp.status = ok ? d->len[i] : XENVF_TX_ERROR;
		if (i + 1 < need)
			rsp.flags = XENVF_RXF_MORE;
		if (!ok)
			goto put;
		if (!i && tci) {
			rsp.flags |= XENVF_RXF_VLAN;
			rsp.vlan_tci = tci;
		}
		if (!i && m->csum_partial) {
			rsp.flags |= XENVF_RXF_CSUM_PARTIAL;
			rsp.csum_start = m->csum_start;
			rsp.csum_offset = m->csum_offset;
			atomic64_inc(&st->rx_direct_csum);
		} else if (!i && validated && b->vf->fe.rx_csum) {
			rsp.flags |= XENVF_RXF_CSUM_VALIDATED;
		}
		if (!i && m->gso) {
			rsp.flags |= XENVF_RXF_GSO;
			rsp.gso_type = xenvf_rx_gso_type(m->gso_type);
			rsp.gso_size = m->gso_size;
			atomic64_inc(&st->rx_direct_gso);
		}
put:
		xenvf_ring_back_put_rsp(&b->rx, &rsp);
	}
}

/*
 * The plan's copies from the sender's granted pages, gref to gref into
 * the receiver's posted pages, appended to the poll's batch; the rest
 * (the private header, pool pages) kept at the head of the plan for the
 * memcpy. Return: the memcpy entries, or -ENOSPC (nothing appended) if
 * the batch has no room.
 */
static int rx_grant_ops(struct xenvf_back_queue *q, struct xenvf_back_queue *b,
			unsigned int n)
{
	struct xenvf_back_scratch *sc = q->scratch;
	unsigned int i, nm = 0, ng = 0;
	struct gnttab_copy *op;

	for (i = 0; i < n; i++)
		ng += !sc->src_va[sc->plan[i].src];
	if (ng > ARRAY_SIZE(sc->ops) - sc->nops)
		return -ENOSPC;
	for (i = 0; i < n; i++) {
		const struct xenvf_copy_op *p = &sc->plan[i];

		if (sc->src_va[p->src]) {
			sc->plan[nm++] = *p;
			continue;
		}
		op = &sc->ops[sc->nops++];
		op->source.u.ref = sc->src_gref[p->src];
		op->source.domid = q->vf->dev->otherend_id;
		op->source.offset = p->src_off;
		op->dest.u.ref = sc->dreq[p->dst].gref;
		op->dest.domid = b->vf->dev->otherend_id;
		op->dest.offset = p->dst_off;
		op->len = p->len;
		op->flags = GNTCOPY_source_gref | GNTCOPY_dest_gref;
		op->status = GNTST_general_error;	/* until Xen sets it */
	}
	if (!nm) {
		sc->nops -= ng;	/* never: the header is always copied */
		return -EINVAL;
	}
	return nm;
}

/*
 * Into the receiver's posted pages, under its rx_lock: the private header
 * (source piece 0) and the sender's pool pieces after it by one memcpy
 * pass, its granted pieces by grant copies added to the poll's batch. The
 * receiver's requests are taken now; its responses are written by
 * xenvf_back_direct_done() when the batch is done (@d says what to
 * write). Return: true if taken; false (its ring as it was) if the skb
 * path must take the frame.
 */
static bool rx_direct(struct xenvf_back_queue *q, struct xenvf_back_queue *b,
		      unsigned int nsrc, const struct xenvf_rx_meta *m,
		      u16 tci, bool validated, struct xenvf_back_direct_pkt *d)
{
	struct xenvf_back_scratch *sc = q->scratch;
	unsigned int need = xenvf_rx_slots(m->len), i;
	u32 left = m->len;
	int avail, idx, n;

	avail = xenvf_ring_back_pending(&b->rx);
	if (avail < 0) {
		/* its own poll would find the same: the receiver is done */
		xenvf_back_fatal(b->vf, "the data ring protocol");
		return false;
	}
	if (avail < need)
		return false;	/* the skb path: its backlog, within its bound */
	for (i = 0; i < need; i++) {
		xenvf_ring_back_copy_req(&b->rx, &sc->dreq[i]);
		idx = xenvf_pool_find(b->rx_pool, sc->dreq[i].gref,
				      sc->dreq[i].id);
		if (idx < 0) {
			b->rx.req_cons -= i + 1;  /* its poll grant-copies those */
			return false;
		}
		sc->dst_va[i] = b->rx_pool->vaddr[idx];
		sc->dst[i].off = 0;
		sc->dst[i].len = min_t(u32, left, XEN_PAGE_SIZE);
		left -= sc->dst[i].len;
	}
	n = xenvf_copy_plan(sc->src, nsrc, sc->dst, need, sc->plan,
			    ARRAY_SIZE(sc->plan));
	if (n > 0)
		n = rx_grant_ops(q, b, n);
	if (n <= 0) {
		b->rx.req_cons -= need;
		return false;
	}
	q->ops->vf_copy(sc->dst_va, sc->src_va, sc->plan, n);
	d->to = b;
	d->m = *m;
	d->tci = tci;
	d->validated = validated;
	d->need = need;
	for (i = 0; i < need; i++) {
		d->id[i] = sc->dreq[i].id;
		d->len[i] = sc->dst[i].len;
	}
	return true;
}

/*
 * The receiving VF's queue, if it may take a frame straight into its pool
 * (rx_queue_free() decides the rest under its rx_lock). Caller holds
 * rcu_read_lock().
 */
static struct xenvf_back_queue *rx_queue_pick(struct xenvf_back_vf *dst,
					      const struct xenvf_rx_meta *m)
{
	struct xenvf_back_queue *b;

	/* pairs with the release in data_connect: its queues are set */
	if (!smp_load_acquire(&dst->data_up) || READ_ONCE(dst->nr_queues) != 1 ||
	    test_bit(0, &dst->fatal))
		return NULL;
	b = &dst->queues[0];
	if (!READ_ONCE(b->up) || !b->rx_pool || READ_ONCE(b->rx_stalled) ||
	    xenvf_rx_offload_action(m, &dst->fe) != XENVF_RX_SEND ||
	    xenvf_rx_slots(m->len) > XENVF_MAX_SLOTS)
		return NULL;
	return b;
}

/* Under @b's rx_lock: its ring sound and no frame waiting to be overtaken. */
static bool rx_queue_free(struct xenvf_back_queue *b)
{
	return !b->rx.broken && skb_queue_empty_lockless(&b->rx_queue) &&
	       skb_queue_empty(&b->rx_ready);
}

/*
 * rx_direct() under @b's rx_lock, if it is free: its RX poll holds it (on
 * another CPU's softirq) otherwise, and the sender never waits for it.
 */
static bool rx_direct_try(struct xenvf_back_queue *q,
			  struct xenvf_back_queue *b, unsigned int nsrc,
			  const struct xenvf_rx_meta *m, u16 tci,
			  bool validated, struct xenvf_back_direct_pkt *d)
{
	bool done = false;

	if (!spin_trylock(&b->rx_lock))
		return false;
	if (rx_queue_free(b))
		done = rx_direct(q, b, nsrc, m, tci, validated, d);
	spin_unlock(&b->rx_lock);
	return done;
}

/**
 * xenvf_back_direct() - send a TX packet straight into another VF's pool
 * @q: the sending queue (its NAPI poll, inside its rcu_read_lock())
 * @slots: the private copy of the packet's slots
 * @info: what xenvf_tx_parse() found (no drop)
 * @d: out: the receiver's responses to write (xenvf_back_direct_done())
 *
 * The memcpy is done now; the grant copies of frags the sender granted
 * for the packet are in the poll's batch (the caller makes room for
 * XENVF_BACK_TX_PKT_OPS first). The receiver's queue in @d stays valid
 * until the poll's rcu_read_unlock(): its rings are unmapped only after a
 * grace period (back_queue.c).
 *
 * Return: true if the frame was taken (the caller batches it, answers
 * its slots and counts it when the batch is done); false if nothing was
 * done and the skb path must take it.
 */
bool xenvf_back_direct(struct xenvf_back_queue *q,
		       const struct xenvf_tx_request *slots,
		       const struct xenvf_pkt_info *info,
		       struct xenvf_back_direct_pkt *d)
{
	struct xenvf_back_scratch *sc = q->scratch;
	u32 hlen = min_t(u32, info->len, XENVF_DIRECT_HDR);
	struct xenvf_direct_dst dst;
	struct xenvf_back_queue *b;
	unsigned int first, i, nsrc;
	struct xenvf_rx_meta m;
	bool done = false;

	if (!q->tx_pool || info->len < ETH_HLEN ||
	    !tx_pieces(q, slots, info, sc->dseg, sc->dva, sc->dgref) ||
	    !read_header(sc->dseg, sc->dva, info->nr_slots, sc->hdr, hlen,
			 &first))
		return false;
	if (!direct_offloads(sc->hdr, hlen, info, &m))
		return false;
	/* source pieces: the private header, then the sender's rest */
	sc->src[0].off = 0;
	sc->src[0].len = hlen;
	sc->src_va[0] = sc->hdr;
	for (nsrc = 1, i = first; i < info->nr_slots; i++) {
		if (!sc->dseg[i].len)
			continue;
		sc->src[nsrc] = sc->dseg[i];
		sc->src_va[nsrc] = sc->dva[i];
		sc->src_gref[nsrc++] = sc->dgref[i];
	}
	rcu_read_lock();
	if (xenvf_back_switch_direct(q->vf, sc->hdr, hlen,
				     info->flags & XENVF_TXF_VLAN,
				     info->vlan_tci, &dst)) {
		b = rx_queue_pick(dst.vf, &m);
		if (b)
			done = rx_direct_try(q, b, nsrc, &m, dst.tci,
					     info->flags & XENVF_TXF_DATA_VALIDATED,
					     d);
	}
	rcu_read_unlock();
	return done;
}

/**
 * xenvf_back_direct_done() - a batched VF to VF packet's copies are done
 * @q: the sending queue (its poll, inside its rcu_read_lock())
 * @d: what xenvf_back_direct() took
 * @info: the packet's private request
 * @ok: every grant copy of it succeeded
 *
 * Writes the receiver's responses (its frame, or XENVF_TX_ERROR in each
 * slot: the receiver drops it) under its rx_lock and pushes them, in the
 * sender's ring order (the caller's), and counts the packet on both VFs.
 */
void xenvf_back_direct_done(struct xenvf_back_queue *q,
			    const struct xenvf_back_direct_pkt *d,
			    const struct xenvf_pkt_info *info, bool ok)
{
	struct xenvf_back_queue *b = d->to;

	spin_lock(&b->rx_lock);
	rx_respond(b, d, ok);
	if (xenvf_ring_back_push(&b->rx))
		b->ops->notify(b);
	spin_unlock(&b->rx_lock);
	if (!ok)
		return;
	atomic64_inc(&b->vf->stats.rx_direct);
	atomic64_add(d->m.len, &b->vf->stats.rx_direct_bytes);
	atomic64_inc(&q->vf->sw[XENVF_SW_TO_VF]);
	qstat_inc(q, &q->stats.tx_vf_direct);
	if (info->flags & XENVF_TXF_CSUM_PARTIAL)
		qstat_inc(q, &q->stats.tx_csum);
	if (info->flags & XENVF_TXF_GSO)
		qstat_inc(q, &q->stats.tx_gso);
}

/**
 * xenvf_vf_copy() - carry out a VF to VF copy plan by memcpy
 * @dst: each destination piece's page (the receiver's mapped RX pool)
 * @src: each source piece's base (the private header, the sender's pool)
 * @plan: the copies (offsets within the pieces' pages)
 * @n: how many
 */
void xenvf_vf_copy(void *const *dst, void *const *src,
		   const struct xenvf_copy_op *plan, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		memcpy((u8 *)dst[plan[i].dst] + plan[i].dst_off,
		       (const u8 *)src[plan[i].src] + plan[i].src_off,
		       plan[i].len);
}
