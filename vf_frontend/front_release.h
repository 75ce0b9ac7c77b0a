/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Giving a data queue's memory back (front_release.c): every grant ended,
 * every page freed, what was in flight counted, through an ops table so
 * that KUnit counts the calls with fakes.
 */
#ifndef XENVF_FRONT_RELEASE_H
#define XENVF_FRONT_RELEASE_H

#include "xenvf_front.h"

struct xenvf_front_release_ops {
	/*
	 * end foreign access to @ref and put the pool's reference to @page
	 * when the peer let go (a page the stack still holds lives on)
	 */
	void (*end_access)(grant_ref_t ref, struct page *page);
	/* put a page that was never granted */
	void (*put_page)(struct page *page);
	/* revoke and free a shared ring page (xenbus_teardown_ring) */
	void (*teardown_ring)(void **vaddr, grant_ref_t *ref);
	/*
	 * end a TX frag's per-packet grant; @page (not ours: an skb's) is
	 * kept by a reference of its own until the peer let go
	 */
	void (*end_frag)(grant_ref_t ref, struct page *page);
	/* free a TX skb held for its grants */
	void (*free_skb)(struct sk_buff *skb);
	/* give back the refs left of the queue's reserve */
	void (*free_refs)(grant_ref_t head);
};

/* What one release gave back and found lost. */
struct xenvf_front_released {
	unsigned int grants;	/* buffer and pool grants ended */
	unsigned int pages;	/* pages freed that were never granted */
	unsigned int rings;	/* ring pages revoked */
	unsigned int tx_lost;	/* frames in flight, never answered */
	unsigned int frag_grants;	/* TX frags' per-packet grants ended */
	unsigned int skbs;	/* TX skbs held for their grants, freed */
	unsigned int rx_lost;	/* a packet half received */
};

extern const struct xenvf_front_release_ops xenvf_front_xen_release_ops;

void xenvf_front_queue_release(struct xenvf_front_queue *q,
			       const struct xenvf_front_release_ops *ops,
			       struct xenvf_front_released *r);

#endif /* XENVF_FRONT_RELEASE_H */
