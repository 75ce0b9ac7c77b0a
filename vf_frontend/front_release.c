// SPDX-License-Identifier: GPL-2.0-only
/*
 * Release of a data queue once the backend has unmapped it or is gone
 * (Closed, or a resume in a new domain where the old grants mean nothing):
 * the TX and RX buffer pages (posted RX pages and TX pages in flight
 * alike), the grants of TX frags granted per packet (their pages kept
 * while the peer still uses them) and the skbs held for them, the rest of
 * the queue's reserve of refs, the pool's listing page and both ring
 * pages. RX pool pages lent to the stack (front_rxpool.c) have their
 * grant ended and only the pool's reference dropped (the ops put, never
 * force a free): the stack's last put frees them. Frames in flight (a TX
 * slot that ends
 * a frame and was not answered) and a half-received RX packet are counted
 * as lost. Everything is left invalid, so a second release gives back
 * nothing and counts nothing.
 */
#include "front_release.h"

static void release_bufs(struct page **pages, grant_ref_t *grefs,
			 unsigned int n,
			 const struct xenvf_front_release_ops *ops,
			 struct xenvf_front_released *r)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (grefs[i] != INVALID_GRANT_REF) {
			ops->end_access(grefs[i], pages[i]);
			r->grants++;
		} else if (pages[i]) {
			ops->put_page(pages[i]);
			r->pages++;
		}
		grefs[i] = INVALID_GRANT_REF;
		pages[i] = NULL;
	}
}

/* The TX frags granted per packet and the skbs held for them. */
static void release_frags(struct xenvf_front_queue *q,
			  const struct xenvf_front_release_ops *ops,
			  struct xenvf_front_released *r)
{
	struct sk_buff *skb;
	unsigned int id;

	for (id = 0; id < XENVF_FRONT_RING_SLOTS; id++) {
		if (q->tx_frag_ref[id] != INVALID_GRANT_REF) {
			ops->end_frag(q->tx_frag_ref[id], q->tx_frag_page[id]);
			r->frag_grants++;
		}
		q->tx_frag_ref[id] = INVALID_GRANT_REF;
		q->tx_frag_page[id] = NULL;
		skb = q->tx_skb[id];
		q->tx_skb[id] = NULL;
		/* its grants ended above: freed with its last slot */
		if (skb && !--XENVF_TX_CB(skb)->left) {
			ops->free_skb(skb);
			r->skbs++;
		}
	}
	q->tx_held = 0;
	if (q->tx_gref_ok)
		ops->free_refs(q->tx_gref_head);
	q->tx_gref_ok = false;
}

static void release_ring(void **vaddr, grant_ref_t *ref,
			 const struct xenvf_front_release_ops *ops,
			 struct xenvf_front_released *r)
{
	if (*vaddr || *ref != INVALID_GRANT_REF) {
		ops->teardown_ring(vaddr, ref);
		r->rings++;
	}
	*vaddr = NULL;
	*ref = INVALID_GRANT_REF;
}

/**
 * xenvf_front_queue_release() - give back everything a queue holds
 * @q: the queue, stopped (not up, NAPI disabled, channel unbound)
 * @ops: how (xenvf_front_xen_release_ops, or a test's fakes)
 * @r: out: what was given back and lost (zeroed first)
 */
void xenvf_front_queue_release(struct xenvf_front_queue *q,
			       const struct xenvf_front_release_ops *ops,
			       struct xenvf_front_released *r)
{
	unsigned int id;

	memset(r, 0, sizeof(*r));
	for_each_set_bit(id, q->tx_busy, XENVF_FRONT_RING_SLOTS)
		if (q->tx_len[id])	/* the slot that ends a frame */
			r->tx_lost++;
	bitmap_zero(q->tx_busy, XENVF_FRONT_RING_SLOTS);
	memset(q->tx_len, 0, sizeof(q->tx_len));
	q->tx_nr_free = 0;
	if (q->rx_have)
		r->rx_lost = 1;
	q->rx_have = 0;
	release_frags(q, ops, r);

	if (q->pool_ref != INVALID_GRANT_REF) {
		ops->end_access(q->pool_ref, q->pool_page);
		r->grants++;
	} else if (q->pool_page) {
		ops->put_page(q->pool_page);
		r->pages++;
	}
	q->pool_ref = INVALID_GRANT_REF;
	q->pool_page = NULL;
	release_bufs(q->tx_pages, q->tx_grefs, XENVF_FRONT_RING_SLOTS, ops, r);
	release_bufs(q->rx_pages, q->rx_grefs, XENVF_FRONT_RX_POOL, ops, r);
	xenvf_front_rxpool_init(&q->rxpool, 0, 0);	/* nothing posted */
	release_ring(&q->tx_sring, &q->tx_ref, ops, r);
	release_ring(&q->rx_sring, &q->rx_ref, ops, r);
}
