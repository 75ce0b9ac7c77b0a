// SPDX-License-Identifier: GPL-2.0-only
/*
 * RX page recycling (front_rxpool.h): which pool page to post, which to
 * lend to the stack, and the skb of one received packet built from its
 * answered pool pages: the headers copied into the linear part, the rest
 * of each page attached as a frag (get_page, truesize PAGE_SIZE) while a
 * spare page the stack has given back (page_ref_count() 1: only the
 * pool's own reference, as ixgbevf_can_reuse_rx_page() checks) is posted
 * in its place; with no spare page idle the slot is copied into a fresh
 * page as before and its own page posted again, so a queue never holds
 * more than its pool and nothing waits for the stack.
 *
 * Used from the queue's NAPI poll only (one context at a time); the pages
 * are the queue's, the responses the poll's private, validated copies.
 */
#include <linux/etherdevice.h>
#include <linux/gfp.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <linux/string.h>

#include "front_rxpool.h"

#define SPARE_MASK	(XENVF_FRONT_RX_POOL - 1)

/**
 * xenvf_front_rxpool_init() - a pool whose first pages are posted
 * @p: the pool
 * @size: its pages (at most XENVF_FRONT_RX_POOL)
 * @nr_post: ids 0..nr_post-1 are posted (the caller posts them); the rest
 *	are spare
 */
void xenvf_front_rxpool_init(struct xenvf_front_rxpool *p, unsigned int size,
			     unsigned int nr_post)
{
	unsigned int i;

	BUILD_BUG_ON(XENVF_FRONT_RX_POOL & SPARE_MASK);
	memset(p, 0, sizeof(*p));
	p->size = min_t(unsigned int, size, XENVF_FRONT_RX_POOL);
	nr_post = min(nr_post, p->size);
	bitmap_set(p->posted, 0, nr_post);
	for (i = nr_post; i < p->size; i++)
		p->spare[p->nr++] = i;
}

/**
 * xenvf_front_rxpool_answered() - take an answered id in hand
 * @p: the pool
 * @id: the id of a response (the backend's)
 *
 * Return: false for an id that is not posted now (outside the pool, never
 * posted, or answered twice): a protocol violation.
 */
bool xenvf_front_rxpool_answered(struct xenvf_front_rxpool *p, u16 id)
{
	return id < p->size && __test_and_clear_bit(id, p->posted);
}

/**
 * xenvf_front_rxpool_posted() - an id in hand is posted again
 * @p: the pool
 * @id: the page's id (in hand: answered, or just taken from the spares)
 */
void xenvf_front_rxpool_posted(struct xenvf_front_rxpool *p, u16 id)
{
	__set_bit(id, p->posted);
}

/**
 * xenvf_front_rxpool_take() - a spare page the stack no longer holds
 * @p: the pool
 * @pages: the pool's pages by id
 * @recycled: out: the page had been lent (it came back from the stack)
 *
 * Looks at the oldest spare pages, at most XENVF_FRONT_RX_SCAN; one still
 * held goes to the back of the FIFO. O(1) per call.
 *
 * Return: the id, now in hand (post it), or -EBUSY when none is idle.
 */
int xenvf_front_rxpool_take(struct xenvf_front_rxpool *p,
			    struct page *const *pages, bool *recycled)
{
	unsigned int tries = min_t(unsigned int, p->nr, XENVF_FRONT_RX_SCAN);
	u16 id;

	while (tries--) {
		id = p->spare[p->head];
		p->head = (p->head + 1) & SPARE_MASK;
		if (page_ref_count(pages[id]) == 1) {
			p->nr--;
			*recycled = __test_and_clear_bit(id, p->lent);
			return id;
		}
		/* the stack still holds it: to the back of the line */
		p->spare[(p->head + p->nr - 1) & SPARE_MASK] = id;
	}
	return -EBUSY;
}

/**
 * xenvf_front_rxpool_lend() - an id in hand goes to the stack
 * @p: the pool
 * @id: the page's id; it is spare again once the stack lets go
 */
void xenvf_front_rxpool_lend(struct xenvf_front_rxpool *p, u16 id)
{
	/* in hand, so neither posted nor spare: the FIFO has room */
	p->spare[(p->head + p->nr) & SPARE_MASK] = id;
	p->nr++;
	__set_bit(id, p->lent);
}

/**
 * xenvf_front_rx_is_fcoe() - an FCoE frame (below at most one VLAN tag)
 * @frame: its first bytes
 * @len: how many there are
 */
bool xenvf_front_rx_is_fcoe(const u8 *frame, u32 len)
{
	__be16 proto;

	if (len < ETH_HLEN)
		return false;
	memcpy(&proto, frame + 2 * ETH_ALEN, sizeof(proto));
	if ((proto == htons(ETH_P_8021Q) || proto == htons(ETH_P_8021AD)) &&
	    len >= ETH_HLEN + VLAN_HLEN)
		memcpy(&proto, frame + 2 * ETH_ALEN + VLAN_HLEN, sizeof(proto));
	return proto == htons(ETH_P_FCOE);
}

/**
 * xenvf_front_rx_head() - how much of a packet goes into the linear part
 * @len: the packet's length
 * @parsed: its header length (eth_get_headlen() over the first bytes)
 * @csum_end: with a partial checksum, csum_start + csum_offset + 2 (the
 *	stack writes the checksum there), else 0
 * @linear: copy it whole anyway (an FCoE frame fcoe.ko would linearize)
 *
 * Return: @len for a frame of at most XENVF_FRONT_RX_COPYBREAK (copied
 * whole, as netfront and ixgbevf do), else the headers (at least the
 * Ethernet header and the checksum field), at most @len.
 */
u32 xenvf_front_rx_head(u32 len, u32 parsed, u32 csum_end, bool linear)
{
	if (len <= XENVF_FRONT_RX_COPYBREAK || linear)
		return len;
	return min_t(u32, max3(parsed, csum_end, (u32)ETH_HLEN), len);
}

/* Attach the copy page as the next frag (it holds @fill bytes). */
static void put_copy(struct sk_buff *skb, unsigned int *nfrags,
		     struct page **cpage, u32 fill)
{
	skb_add_rx_frag(skb, (*nfrags)++, *cpage, 0, fill, PAGE_SIZE);
	*cpage = NULL;
}

/* Copy @len bytes of a slot into copy pages, opened as needed. */
static int copy_out(struct sk_buff *skb, unsigned int *nfrags,
		    struct page **cpage, u32 *fill, const u8 *src, u32 len)
{
	u32 c;

	for (; len; len -= c, src += c) {
		if (!*cpage || *fill == PAGE_SIZE) {
			if (*cpage)
				put_copy(skb, nfrags, cpage, *fill);
			if (*nfrags == MAX_SKB_FRAGS)
				return -E2BIG;
			*cpage = dev_alloc_page();
			if (!*cpage)
				return -ENOMEM;
			*fill = 0;
		}
		c = min_t(u32, len, PAGE_SIZE - *fill);
		memcpy(page_address(*cpage) + *fill, src, c);
		*fill += c;
	}
	return 0;
}

/**
 * xenvf_front_rx_fill() - put a received packet into its skb
 * @p: the queue's pool
 * @pages: its pages by id
 * @slots: the packet's responses (validated: xenvf_rx_parse(), every id
 *	answered and in hand)
 * @n: how many
 * @hdr: bytes for the linear part (xenvf_front_rx_head())
 * @skb: the skb, with room for @hdr bytes in its linear part (empty, or
 *	the start of the packet: @slots are appended)
 * @post: per slot, the id to post for it: the caller sets each to the
 *	slot's own id; a lent slot's becomes the spare page taken for it
 * @cost: out: what it cost (added to; the caller zeroes it)
 *
 * The first @hdr bytes are copied into the linear part. The rest of each
 * slot is lent (a frag over the pool page, which takes a page reference)
 * when a spare page is idle and a frag is free, else copied into fresh
 * pages. Frags keep the packet's order.
 *
 * Return: 0, or -ENOMEM / -E2BIG (out of frags): the caller frees @skb
 * (lent pages come back with it) and posts @post as it stands.
 */
int xenvf_front_rx_fill(struct xenvf_front_rxpool *p,
			struct page *const *pages,
			const struct xenvf_rx_response *slots, unsigned int n,
			u32 hdr, struct sk_buff *skb, u16 *post,
			struct xenvf_front_rx_cost *cost)
{
	unsigned int i, nfrags = skb_shinfo(skb)->nr_frags;
	struct page *page, *cpage = NULL;	/* the page copies go into */
	u32 fill = 0, off, len, c;
	bool recycled;
	int id, err;

	for (i = 0; i < n; i++) {
		page = pages[slots[i].id];
		off = slots[i].offset;
		len = slots[i].status;
		c = min_t(u32, len, hdr - min_t(u32, hdr, skb_headlen(skb)));
		if (c) {
			skb_put_data(skb, page_address(page) + off, c);
			cost->copied += c;
			off += c;
			len -= c;
		}
		if (!len)
			continue;
		id = -EBUSY;
		if (nfrags + !!cpage < MAX_SKB_FRAGS)
			id = xenvf_front_rxpool_take(p, pages, &recycled);
		if (id >= 0) {
			if (cpage)
				put_copy(skb, &nfrags, &cpage, fill);
			xenvf_front_rxpool_lend(p, slots[i].id);
			post[i] = id;
			get_page(page);
			skb_add_rx_frag(skb, nfrags++, page, off, len, PAGE_SIZE);
			cost->lent++;
			cost->recycled += recycled;
			continue;
		}
		cost->fallback++;
		cost->copied += len;
		err = copy_out(skb, &nfrags, &cpage, &fill,
			       page_address(page) + off, len);
		if (err) {
			if (cpage)
				put_page(cpage);
			return err;
		}
	}
	if (cpage)
		put_copy(skb, &nfrags, &cpage, fill);
	return 0;
}
