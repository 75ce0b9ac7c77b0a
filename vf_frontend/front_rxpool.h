/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RX page recycling (front_rxpool.c, docs/design.md "Frontend RX"): a
 * queue's RX pool holds more permanently granted pages than its ring has
 * slots. An answered page whose payload goes up the stack is lent to it
 * as an skb frag, and a spare page the stack no longer holds is posted in
 * its place; with none spare, the slot is copied out and its own page
 * posted again. Only the pool's pages are ever posted, so the backend's
 * mapping of the pool (feature-pool-map) covers every request.
 *
 * No Xen and no netdev here: KUnit drives it with ordinary pages.
 */
#ifndef XENVF_FRONT_RXPOOL_H
#define XENVF_FRONT_RXPOOL_H

#include <linux/bitmap.h>
#include <linux/types.h>

#include "xenvf_proto.h"

struct page;
struct sk_buff;

/* RX pool pages per queue at most: two per ring slot (a power of 2). */
#define XENVF_FRONT_RX_POOL	256

/* Spare pages looked at per page to post (the rest wait their turn). */
#define XENVF_FRONT_RX_SCAN	4

/* Frames up to this length are copied whole (copybreak, as netfront's). */
#define XENVF_FRONT_RX_COPYBREAK	256

/* FCoE frames up to this length are copied whole (fcoe.ko linearizes). */
#define XENVF_FRONT_RX_FCOE_LINEAR	2560

/*
 * The pool of one queue. Every page is in exactly one of three places:
 * posted (in @posted), spare (in the FIFO: lent to the stack or idle), or
 * in hand (answered, until rx_receive() posts or lends it).
 */
struct xenvf_front_rxpool {
	unsigned int size;		/* pages, ids 0..size-1 */
	unsigned int head, nr;		/* the spare FIFO: spare[head], nr */
	u16 spare[XENVF_FRONT_RX_POOL];
	DECLARE_BITMAP(posted, XENVF_FRONT_RX_POOL);
	DECLARE_BITMAP(lent, XENVF_FRONT_RX_POOL);	/* given to the stack */
};

/* What building one packet cost (added to the queue's RX counters). */
struct xenvf_front_rx_cost {
	u32 copied;		/* bytes copied out of pool pages */
	u16 lent;		/* pool pages attached as frags */
	u16 recycled;		/* ... posted in their place, back from the stack */
	u16 fallback;		/* slots copied: no spare page was idle */
};

void xenvf_front_rxpool_init(struct xenvf_front_rxpool *p, unsigned int size,
			     unsigned int nr_post);
bool xenvf_front_rxpool_answered(struct xenvf_front_rxpool *p, u16 id);
void xenvf_front_rxpool_posted(struct xenvf_front_rxpool *p, u16 id);
int xenvf_front_rxpool_take(struct xenvf_front_rxpool *p,
			    struct page *const *pages, bool *recycled);
void xenvf_front_rxpool_lend(struct xenvf_front_rxpool *p, u16 id);
bool xenvf_front_rx_is_fcoe(const u8 *frame, u32 len);
u32 xenvf_front_rx_head(u32 len, u32 parsed, u32 csum_end, bool linear);
int xenvf_front_rx_fill(struct xenvf_front_rxpool *p,
			struct page *const *pages,
			const struct xenvf_rx_response *slots, unsigned int n,
			u32 hdr, struct sk_buff *skb, u16 *post,
			struct xenvf_front_rx_cost *cost);

#endif /* XENVF_FRONT_RXPOOL_H */
