// SPDX-License-Identifier: GPL-2.0-only
/*
 * Moving a packet's bytes between dom0's pages and a guest's, both
 * directions: the page pieces of a buffer, and a copy plan (back_offload.c)
 * carried out by memcpy where the queue's pool is mapped (back_pool_ref.c,
 * one pass per packet) and by grant copies for the rest (every piece
 * without a pool). The grant copies of every packet of a poll are gathered
 * into the queue's batch (q->scratch->ops) and issued at once, one
 * GNTTABOP_copy a poll and direction (issue 14 item 4); each element's
 * status is then checked and mapped back to its packet.
 */
#include <linux/mm.h>
#include <xen/grant_table.h>
#include <xen/page.h>

#include "back_data.h"
#include "back_pool.h"

/**
 * xenvf_back_add_pieces() - append the pieces of a buffer in a page
 * @seg: the pieces so far (offset and length in their page)
 * @pages: their pages
 * @n: how many so far, or a negative error (passed on)
 * @max: room in @seg and @pages
 * @page: the (compound) page
 * @off: where the buffer starts in it
 * @len: its bytes, split at page boundaries
 *
 * Return: the new count, or -E2BIG beyond @max.
 */
int xenvf_back_add_pieces(struct xenvf_seg *seg, struct page **pages, int n,
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

/* As xenvf_back_add_pieces(), for @len bytes of linear memory at @p. */
int xenvf_back_add_linear(struct xenvf_seg *seg, struct page **pages, int n,
			  unsigned int max, const void *p, u32 len)
{
	return xenvf_back_add_pieces(seg, pages, n, max, virt_to_page(p),
				     offset_in_page(p), len);
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

/**
 * xenvf_back_copy_add() - carry out or batch the copy plan of one packet
 * @q: the queue; the plan is q->scratch->plan
 * @to_guest: RX (dom0's pages into the guest's posted pages; the plan's
 *	source is dom0's) or TX (the guest's slots into dom0's pages; the
 *	plan's source is the guest's)
 * @gref: the grant reference of each of the guest's slots
 * @gid: their request ids (the pool lookup's hints)
 * @nguest: the guest's slots
 * @local: dom0's pages
 * @nlocal: how many
 * @n: plan entries
 *
 * The pieces whose slot names a page of the mapped pool are copied now by
 * memcpy; grant copies for the rest (TX: frags the guest granted for the
 * packet, counted tx_granted; a first slot outside the pool is a miss,
 * counted and logged) are appended to the queue's batch, to
 * be issued by xenvf_back_copy_issue() and checked by
 * xenvf_back_copy_ok(). Nothing is done if the batch has no room for @n
 * copies (the caller issues it first).
 *
 * Return: the grant copies appended (from the batch's count before the
 * call on), or -ENOSPC.
 */
int xenvf_back_copy_add(struct xenvf_back_queue *q, bool to_guest,
			const u32 *gref, const u16 *gid, unsigned int nguest,
			struct page **local, unsigned int nlocal, unsigned int n)
{
	struct xenvf_back_pool *pool = to_guest ? q->rx_pool : q->tx_pool;
	struct xenvf_back_scratch *sc = q->scratch;
	struct xenvf_back_qstats *s = &q->stats;
	domid_t dom = q->vf->dev->otherend_id;
	struct gnttab_copy_ptr *guest, *self;
	unsigned int i, nr = n, miss;

	if (n > ARRAY_SIZE(sc->ops) - sc->nops)
		return -ENOSPC;
	if (pool) {
		nr = q->ops->pool_copy(pool, to_guest, gref, gid, nguest, local,
				       nlocal, sc->plan, n, sc->rest);
		if (!nr) {
			qstat_inc(q, to_guest ? &s->rx_pool_packets :
						&s->tx_pool_packets);
			return 0;
		}
		miss = nr;
		if (!to_guest) {
			/*
			 * Later slots outside the pool: frags the guest granted
			 * for this packet (docs/protocol.md 5), not a miss
			 */
			for (i = 0, miss = 0; i < nr; i++)
				miss += !sc->plan[sc->rest[i]].src;
			qstat_add(q, &s->tx_granted, nr - miss);
		}
		if (miss) {
			qstat_add(q, to_guest ? &s->rx_pool_miss :
						&s->tx_pool_miss, miss);
			pool_miss_log(q, to_guest ? "RX" : "TX", miss);
		}
	} else {
		for (i = 0; i < n; i++)
			sc->rest[i] = i;
	}
	for (i = 0; i < nr; i++) {
		const struct xenvf_copy_op *p = &sc->plan[sc->rest[i]];
		struct gnttab_copy *op = &sc->ops[sc->nops + i];

		guest = to_guest ? &op->dest : &op->source;
		self = to_guest ? &op->source : &op->dest;
		guest->u.ref = gref[to_guest ? p->dst : p->src];
		guest->domid = dom;
		guest->offset = to_guest ? p->dst_off : p->src_off;
		self->u.gmfn = xen_page_to_gfn(local[to_guest ? p->src : p->dst]);
		self->domid = DOMID_SELF;
		self->offset = to_guest ? p->src_off : p->dst_off;
		op->len = p->len;
		op->flags = to_guest ? GNTCOPY_dest_gref : GNTCOPY_source_gref;
		op->status = GNTST_general_error;	/* until Xen sets it */
	}
	sc->nops += nr;
	return nr;
}

/**
 * xenvf_back_copy_issue() - the poll's batch of grant copies, one hypercall
 * @q: the queue
 * @to_guest: the direction (which counter)
 *
 * Every element's status is set (an element Xen answers GNTST_eagain
 * stays failed: the poll may not sleep, back_queue.c); none at all is no
 * hypercall. The batch stays for xenvf_back_copy_ok() until the caller
 * empties it.
 */
void xenvf_back_copy_issue(struct xenvf_back_queue *q, bool to_guest)
{
	struct xenvf_back_scratch *sc = q->scratch;

	if (!sc->nops)
		return;
	qstat_inc(q, to_guest ? &q->stats.rx_grant_calls :
				&q->stats.tx_grant_calls);
	q->ops->grant_copy(sc->ops, sc->nops);
}

/**
 * xenvf_back_copy_ok() - did every grant copy of one packet succeed
 * @q: the queue, its batch issued
 * @op0: the packet's first copy in the batch
 * @nops: its copies
 *
 * Return: true if each of them did (CVE-2021-26932: every element checked).
 */
bool xenvf_back_copy_ok(const struct xenvf_back_queue *q, u32 op0,
			unsigned int nops)
{
	const struct gnttab_copy *ops = q->scratch->ops;
	unsigned int i;

	for (i = op0; i < op0 + nops; i++)
		if (ops[i].status != GNTST_okay)
			return false;
	return true;
}
