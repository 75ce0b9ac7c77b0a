// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for vf_frontend/front_rxpool.c: RX page recycling in the
 * frontend (docs/design.md "Frontend RX"), on ordinary pages standing for
 * the queue's granted pool:
 * - the pool's bookkeeping: which ids are posted (an id answered that is
 *   not posted, or twice, is refused), the spare FIFO, a page the stack
 *   still holds never taken, at most XENVF_FRONT_RX_SCAN looked at;
 * - the skb of a packet built from its pool pages: byte for byte, headers
 *   linear, the rest lent as frags (truesize PAGE_SIZE) with a spare page
 *   to post in each one's place, copied when no spare is idle, out of
 *   frags handled, every page back to the pool once the skb is freed;
 * - the guest's RX cost, asserted: the bytes it copies per 1500 B and
 *   64 KiB frame are the headers alone while spare pages are idle;
 * - a long run against a simulated backend and a stack that holds pages
 *   for random times: the ring stays full, no page is posted while the
 *   stack holds it, and copying happens only when every spare is held.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/tcp.h>

#include "front_rxpool.c"

#define RING		128	/* the RX ring's slots (one page, order 0) */
#define POOL		XENVF_FRONT_RX_POOL
#define TCP_HDRS	(ETH_HLEN + 20 + 32)	/* IPv4, TCP with timestamps */

/*
 * What the guest copies per received frame with idle spare pages (issue
 * 14 item 3: its RX stops copying bulk payloads out of its pool): a 64 B
 * frame whole (copybreak), the headers alone at 1500 B and 64 KiB
 * (docs/perf.md, "Costs asserted in KUnit").
 */
#define COPIED_64	64
#define COPIED_1500	TCP_HDRS
#define COPIED_64K	TCP_HDRS

struct fix {
	struct xenvf_front_rxpool pool;
	struct page *pages[POOL];
	struct net_device *nd;	/* eth_get_headlen() wants one */
};

static int fix_init(struct kunit *test)
{
	struct fix *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	unsigned int i;

	if (!f)
		return -ENOMEM;
	for (i = 0; i < POOL; i++) {
		f->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!f->pages[i])
			return -ENOMEM;
	}
	f->nd = alloc_etherdev(0);
	if (!f->nd)
		return -ENOMEM;
	xenvf_front_rxpool_init(&f->pool, POOL, RING);
	test->priv = f;
	return 0;
}

static void fix_exit(struct kunit *test)
{
	struct fix *f = test->priv;
	unsigned int i, held = 0;

	if (!f)
		return;
	for (i = 0; i < POOL; i++) {
		if (!f->pages[i])
			continue;
		held += page_ref_count(f->pages[i]) != 1;
		put_page(f->pages[i]);
	}
	KUNIT_EXPECT_EQ(test, held, 0);	/* a reference the test leaked */
	if (f->nd)
		free_netdev(f->nd);
}

static unsigned int nr_posted(const struct xenvf_front_rxpool *p)
{
	return bitmap_weight(p->posted, XENVF_FRONT_RX_POOL);
}

/* ---- bookkeeping -------------------------------------------------------- */

static void rxpool_ids_posted_once(struct kunit *test)
{
	struct fix *f = test->priv;
	struct xenvf_front_rxpool *p = &f->pool;

	KUNIT_EXPECT_EQ(test, p->size, POOL);
	KUNIT_EXPECT_EQ(test, nr_posted(p), RING);
	KUNIT_EXPECT_EQ(test, p->nr, POOL - RING);
	KUNIT_EXPECT_TRUE(test, xenvf_front_rxpool_answered(p, 0));
	KUNIT_EXPECT_TRUE(test, xenvf_front_rxpool_answered(p, RING - 1));
	/* answered twice */
	KUNIT_EXPECT_FALSE(test, xenvf_front_rxpool_answered(p, 0));
	/* in the pool but spare, never posted */
	KUNIT_EXPECT_FALSE(test, xenvf_front_rxpool_answered(p, RING));
	KUNIT_EXPECT_FALSE(test, xenvf_front_rxpool_answered(p, POOL - 1));
	/* outside the pool */
	KUNIT_EXPECT_FALSE(test, xenvf_front_rxpool_answered(p, POOL));
	KUNIT_EXPECT_FALSE(test, xenvf_front_rxpool_answered(p, U16_MAX));
	xenvf_front_rxpool_posted(p, 0);
	KUNIT_EXPECT_TRUE(test, xenvf_front_rxpool_answered(p, 0));

	/* a pool the size of the ring: no spare at all */
	xenvf_front_rxpool_init(p, RING, RING);
	KUNIT_EXPECT_EQ(test, p->nr, 0);
	KUNIT_EXPECT_FALSE(test, xenvf_front_rxpool_answered(p, RING));
	/* sizes beyond the arrays are clamped */
	xenvf_front_rxpool_init(p, POOL * 2, POOL * 2);
	KUNIT_EXPECT_EQ(test, p->size, POOL);
	KUNIT_EXPECT_EQ(test, nr_posted(p), POOL);
	xenvf_front_rxpool_init(p, 0, 0);
	KUNIT_EXPECT_FALSE(test, xenvf_front_rxpool_answered(p, 0));
}

static void rxpool_lend_take_return(struct kunit *test)
{
	struct fix *f = test->priv;
	struct xenvf_front_rxpool *p = &f->pool;
	bool recycled = true;

	/* four pages, two posted: spares 2 and 3 */
	xenvf_front_rxpool_init(p, 4, 2);
	KUNIT_ASSERT_TRUE(test, xenvf_front_rxpool_answered(p, 0));
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled), 2);
	KUNIT_EXPECT_FALSE(test, recycled);	/* never lent before */
	get_page(f->pages[0]);			/* the stack's skb */
	xenvf_front_rxpool_lend(p, 0);
	xenvf_front_rxpool_posted(p, 2);

	KUNIT_ASSERT_TRUE(test, xenvf_front_rxpool_answered(p, 1));
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled), 3);
	get_page(f->pages[1]);
	xenvf_front_rxpool_lend(p, 1);
	xenvf_front_rxpool_posted(p, 3);

	/* both spares held by the stack: nothing to post in a slot's place */
	KUNIT_ASSERT_TRUE(test, xenvf_front_rxpool_answered(p, 2));
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, p->nr, 2);	/* both still spare */
	xenvf_front_rxpool_posted(p, 2);	/* copied out, its page again */

	/* the stack lets go of page 1 (the younger): page 0 waits its turn */
	put_page(f->pages[1]);
	KUNIT_ASSERT_TRUE(test, xenvf_front_rxpool_answered(p, 3));
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled), 1);
	KUNIT_EXPECT_TRUE(test, recycled);
	KUNIT_EXPECT_EQ(test, p->nr, 1);
	KUNIT_EXPECT_EQ(test, p->spare[p->head], 0);
	get_page(f->pages[3]);
	xenvf_front_rxpool_lend(p, 3);
	xenvf_front_rxpool_posted(p, 1);
	KUNIT_EXPECT_EQ(test, nr_posted(p), 2);	/* the ring stays full */

	put_page(f->pages[0]);
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled), 0);
	KUNIT_EXPECT_TRUE(test, recycled);
	KUNIT_EXPECT_EQ(test, p->nr, 1);
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled),
			-EBUSY);	/* 3 still held */
	put_page(f->pages[3]);
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled), 3);
	KUNIT_EXPECT_TRUE(test, recycled);
	KUNIT_EXPECT_EQ(test, p->nr, 0);
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled),
			-EBUSY);	/* none spare */
}

/* A page held for long is passed over; at most RX_SCAN looked at a call. */
static void rxpool_scan_is_bounded(struct kunit *test)
{
	struct fix *f = test->priv;
	struct xenvf_front_rxpool *p = &f->pool;
	unsigned int i;
	bool recycled;
	int id;

	/* 8 pages, none posted: all spare; the first 5 held by the stack */
	xenvf_front_rxpool_init(p, 8, 0);
	for (i = 0; i < 5; i++)
		get_page(f->pages[i]);
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled),
			-EBUSY);	/* 0..3 looked at, sent to the back */
	KUNIT_EXPECT_EQ(test, p->nr, 8);
	KUNIT_EXPECT_EQ(test, p->spare[p->head], 4);
	id = xenvf_front_rxpool_take(p, f->pages, &recycled);
	KUNIT_EXPECT_EQ(test, id, 5);	/* 4 passed over */
	KUNIT_EXPECT_EQ(test, p->nr, 7);
	for (i = 0; i < 5; i++)
		put_page(f->pages[i]);
	/* the held ones come round again, in their new order */
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled), 6);
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled), 7);
	KUNIT_EXPECT_EQ(test, xenvf_front_rxpool_take(p, f->pages, &recycled), 0);
}

static void rx_head_and_fcoe(struct kunit *test)
{
	u8 fr[ETH_HLEN + VLAN_HLEN] = { 0 };

	/* copybreak: small frames whole */
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_head(60, 42, 0, false), 60);
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_head(256, 54, 0, false), 256);
	/* headers only, at least Ethernet and the checksum field */
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_head(1514, 66, 0, false), 66);
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_head(1514, 14, 0, false), 14);
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_head(1514, 0, 0, false), ETH_HLEN);
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_head(1514, 54, 300, false), 300);
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_head(400, 54, 9000, false), 400);
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_head(2100, 14, 0, true), 2100);

	fr[12] = 0x89;
	fr[13] = 0x06;
	KUNIT_EXPECT_TRUE(test, xenvf_front_rx_is_fcoe(fr, ETH_HLEN));
	KUNIT_EXPECT_FALSE(test, xenvf_front_rx_is_fcoe(fr, ETH_HLEN - 1));
	fr[12] = 0x81;
	fr[13] = 0x00;
	fr[16] = 0x89;
	fr[17] = 0x06;
	KUNIT_EXPECT_TRUE(test, xenvf_front_rx_is_fcoe(fr, sizeof(fr)));
	KUNIT_EXPECT_FALSE(test, xenvf_front_rx_is_fcoe(fr, ETH_HLEN));
	fr[17] = 0x14;	/* FIP */
	KUNIT_EXPECT_FALSE(test, xenvf_front_rx_is_fcoe(fr, sizeof(fr)));
	fr[12] = 0x08;	/* IPv4 */
	KUNIT_EXPECT_FALSE(test, xenvf_front_rx_is_fcoe(fr, sizeof(fr)));
}

/* ---- building skbs ------------------------------------------------------ */

/* A TCPv4 frame of @len bytes laid out over @n slots of pool pages. */
struct pkt {
	struct xenvf_rx_response slots[XENVF_MAX_SLOTS];
	u16 post[XENVF_MAX_SLOTS];
	unsigned int n;
	u32 len;
	u8 *want;	/* the frame's bytes */
};

static void pkt_make(struct kunit *test, struct fix *f, struct pkt *k,
		     const u16 *ids, const u32 *lens, const u16 *offs,
		     unsigned int n)
{
	struct iphdr *ip;
	struct tcphdr *th;
	unsigned int i;
	u32 at = 0;

	memset(k, 0, sizeof(*k));
	k->n = n;
	for (i = 0; i < n; i++)
		k->len += lens[i];
	k->want = kunit_kzalloc(test, k->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, k->want);
	for (i = 0; i < k->len; i++)
		k->want[i] = i * 7 + 3;
	memset(k->want, 0xee, ETH_HLEN);
	k->want[0] = 0x02;
	k->want[12] = 0x08;	/* IPv4 */
	k->want[13] = 0x00;
	if (k->len >= TCP_HDRS) {
		ip = (struct iphdr *)(k->want + ETH_HLEN);
		memset(ip, 0, 20);
		ip->version = 4;
		ip->ihl = 5;
		ip->ttl = 64;
		ip->protocol = IPPROTO_TCP;
		ip->tot_len = htons(min_t(u32, k->len - ETH_HLEN, 65535));
		ip->saddr = htonl(0x0a000001);
		ip->daddr = htonl(0x0a000002);
		th = (struct tcphdr *)(ip + 1);
		memset(th, 0, 32);
		th->doff = 8;
		th->ack = 1;
	}
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_TRUE(test, xenvf_front_rxpool_answered(&f->pool, ids[i]));
		k->slots[i].id = ids[i];
		k->slots[i].offset = offs ? offs[i] : 0;
		k->slots[i].status = lens[i];
		if (i + 1 < n)
			k->slots[i].flags = XENVF_RXF_MORE;
		memcpy(page_address(f->pages[ids[i]]) + k->slots[i].offset,
		       k->want + at, lens[i]);
		k->post[i] = ids[i];
		at += lens[i];
	}
}

static u32 pkt_head(struct fix *f, struct pkt *k)
{
	const u8 *va = page_address(f->pages[k->slots[0].id]) + k->slots[0].offset;
	u32 parsed = eth_get_headlen(f->nd, va, min_t(u32, k->slots[0].status, 128));

	return xenvf_front_rx_head(k->len, parsed, 0, false);
}

/* Fill an skb for @k; expects it byte for byte. Returns the skb. */
static struct sk_buff *pkt_fill(struct kunit *test, struct fix *f,
				struct pkt *k, struct xenvf_front_rx_cost *c)
{
	u32 hdr = pkt_head(f, k);
	struct sk_buff *skb = alloc_skb(hdr, GFP_KERNEL);
	unsigned int truesize;
	u8 *got;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	truesize = skb->truesize;
	memset(c, 0, sizeof(*c));
	KUNIT_ASSERT_EQ(test, xenvf_front_rx_fill(&f->pool, f->pages, k->slots,
						  k->n, hdr, skb, k->post, c), 0);
	KUNIT_EXPECT_EQ(test, skb->len, k->len);
	KUNIT_EXPECT_EQ(test, skb_headlen(skb), hdr);
	/* every frag holds a whole page: lent and copied alike */
	KUNIT_EXPECT_EQ(test, skb->truesize,
			truesize + skb_shinfo(skb)->nr_frags * PAGE_SIZE);
	got = kunit_kzalloc(test, k->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_EQ(test, skb_copy_bits(skb, 0, got, k->len), 0);
	KUNIT_EXPECT_EQ(test, memcmp(got, k->want, k->len), 0);
	return skb;
}

/* Post what the fill says (as xenvf_front_rx_receive() does). */
static void pkt_post(struct kunit *test, struct fix *f, struct pkt *k)
{
	unsigned int i;

	for (i = 0; i < k->n; i++) {
		/* never a page the stack holds */
		KUNIT_EXPECT_EQ(test, page_ref_count(f->pages[k->post[i]]), 1);
		xenvf_front_rxpool_posted(&f->pool, k->post[i]);
	}
}

static void rx_fill_1500_copies_headers(struct kunit *test)
{
	struct fix *f = test->priv;
	const u16 ids[] = { 7 };
	const u32 lens[] = { 1514 };
	struct xenvf_front_rx_cost c;
	struct sk_buff *skb;
	skb_frag_t *fr;
	struct pkt k;

	pkt_make(test, f, &k, ids, lens, NULL, 1);
	skb = pkt_fill(test, f, &k, &c);
	KUNIT_EXPECT_EQ(test, c.copied, COPIED_1500);
	KUNIT_EXPECT_EQ(test, c.lent, 1);
	KUNIT_EXPECT_EQ(test, c.fallback, 0);
	KUNIT_EXPECT_EQ(test, c.recycled, 0);
	KUNIT_ASSERT_EQ(test, skb_shinfo(skb)->nr_frags, 1);
	fr = &skb_shinfo(skb)->frags[0];
	KUNIT_EXPECT_PTR_EQ(test, skb_frag_page(fr), f->pages[7]);
	KUNIT_EXPECT_EQ(test, skb_frag_off(fr), TCP_HDRS);
	KUNIT_EXPECT_EQ(test, skb_frag_size(fr), 1514 - TCP_HDRS);
	KUNIT_EXPECT_EQ(test, page_ref_count(f->pages[7]), 2);
	/* the oldest spare goes in its place; page 7 is spare (lent) now */
	KUNIT_EXPECT_EQ(test, k.post[0], RING);
	KUNIT_EXPECT_TRUE(test, test_bit(7, f->pool.lent));
	KUNIT_EXPECT_EQ(test, f->pool.nr, POOL - RING);
	pkt_post(test, f, &k);
	KUNIT_EXPECT_EQ(test, nr_posted(&f->pool), RING);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, page_ref_count(f->pages[7]), 1);
}

static void rx_fill_64k_copies_headers(struct kunit *test)
{
	struct fix *f = test->priv;
	u16 ids[16];
	u32 lens[16];
	struct xenvf_front_rx_cost c;
	struct sk_buff *skb;
	unsigned int i;
	struct pkt k;

	for (i = 0; i < 16; i++) {
		ids[i] = 20 + i;
		lens[i] = i < 15 ? 4096 : 65535 - 15 * 4096;
	}
	pkt_make(test, f, &k, ids, lens, NULL, 16);
	skb = pkt_fill(test, f, &k, &c);
	KUNIT_EXPECT_EQ(test, c.copied, COPIED_64K);
	KUNIT_EXPECT_EQ(test, c.lent, 16);
	KUNIT_EXPECT_EQ(test, c.fallback, 0);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, 16);
	for (i = 0; i < 16; i++) {
		KUNIT_EXPECT_PTR_EQ(test, skb_frag_page(&skb_shinfo(skb)->frags[i]),
				    f->pages[20 + i]);
		KUNIT_EXPECT_EQ(test, k.post[i], RING + i);
	}
	pkt_post(test, f, &k);
	kfree_skb(skb);
	/* the next packet is posted pages back from the stack: recycled */
	for (i = 0; i < 16; i++)
		ids[i] = RING + i;
	pkt_make(test, f, &k, ids, lens, NULL, 16);
	/* a FIFO: the spares never lent come first, 144..255 */
	skb = pkt_fill(test, f, &k, &c);
	KUNIT_EXPECT_EQ(test, c.recycled, 0);
	KUNIT_EXPECT_EQ(test, k.post[0], RING + 16);
	pkt_post(test, f, &k);
	kfree_skb(skb);
}

/* No spare page idle: copied out as before, each slot's own page again. */
static void rx_fill_falls_back_to_copy(struct kunit *test)
{
	struct fix *f = test->priv;
	const u16 ids[] = { 3, 4, 5 };
	const u32 lens[] = { 4096, 4096, 1000 };
	struct xenvf_front_rx_cost c;
	struct sk_buff *skb;
	unsigned int i;
	struct pkt k;

	xenvf_front_rxpool_init(&f->pool, RING, RING);	/* rx_pool_pages=128 */
	pkt_make(test, f, &k, ids, lens, NULL, 3);
	skb = pkt_fill(test, f, &k, &c);
	KUNIT_EXPECT_EQ(test, c.copied, k.len);
	KUNIT_EXPECT_EQ(test, c.lent, 0);
	KUNIT_EXPECT_EQ(test, c.fallback, 3);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, k.post[i], ids[i]);
		KUNIT_EXPECT_EQ(test, page_ref_count(f->pages[ids[i]]), 1);
	}
	/* copies packed into full pages: (4096 - 66) + 4096 + 1000 bytes */
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, 3);
	pkt_post(test, f, &k);
	kfree_skb(skb);
}

/* Spares run out mid-packet: the first slots lent, the rest copied. */
static void rx_fill_mixed_keeps_order(struct kunit *test)
{
	struct fix *f = test->priv;
	const u16 ids[] = { 0, 1, 2, 3 };
	const u32 lens[] = { 2000, 4096, 100, 3000 };
	const u16 offs[] = { 96, 0, 3000, 1000 };
	struct xenvf_front_rx_cost c;
	struct sk_buff *skb;
	struct pkt k;

	/* 6 pages, 4 posted, 2 spare: slots 0 and 1 lent, 2 and 3 copied */
	xenvf_front_rxpool_init(&f->pool, 6, 4);
	pkt_make(test, f, &k, ids, lens, offs, 4);
	skb = pkt_fill(test, f, &k, &c);
	KUNIT_EXPECT_EQ(test, c.lent, 2);
	KUNIT_EXPECT_EQ(test, c.fallback, 2);
	KUNIT_EXPECT_EQ(test, c.copied, TCP_HDRS + 100 + 3000);
	KUNIT_EXPECT_EQ(test, k.post[0], 4);
	KUNIT_EXPECT_EQ(test, k.post[1], 5);
	KUNIT_EXPECT_EQ(test, k.post[2], 2);
	KUNIT_EXPECT_EQ(test, k.post[3], 3);
	pkt_post(test, f, &k);
	kfree_skb(skb);

	/* one spare: lent, copied, and a frag lent after the copy page */
	xenvf_front_rxpool_init(&f->pool, 5, 4);
	pkt_make(test, f, &k, ids, lens, offs, 4);
	get_page(f->pages[4]);		/* the only spare is held... */
	skb = alloc_skb(TCP_HDRS, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	memset(&c, 0, sizeof(c));
	KUNIT_ASSERT_EQ(test, xenvf_front_rx_fill(&f->pool, f->pages, k.slots, 1,
						  TCP_HDRS, skb, k.post, &c), 0);
	KUNIT_EXPECT_EQ(test, c.fallback, 1);
	put_page(f->pages[4]);		/* ...until now */
	KUNIT_ASSERT_EQ(test, xenvf_front_rx_fill(&f->pool, f->pages, k.slots + 1, 3,
						  TCP_HDRS, skb, k.post + 1, &c), 0);
	KUNIT_EXPECT_EQ(test, c.lent, 1);
	KUNIT_EXPECT_EQ(test, c.fallback, 3);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, 3);
	KUNIT_EXPECT_PTR_EQ(test, skb_frag_page(&skb_shinfo(skb)->frags[1]),
			    f->pages[1]);
	KUNIT_EXPECT_EQ(test, skb->len, k.len);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, k.post[0], 0);
	KUNIT_EXPECT_EQ(test, k.post[1], 4);
	pkt_post(test, f, &k);
}

static void rx_fill_copybreak_whole(struct kunit *test)
{
	struct fix *f = test->priv;
	const u16 ids[] = { 9 };
	u32 lens[] = { 64 };
	struct xenvf_front_rx_cost c;
	struct sk_buff *skb;
	struct pkt k;

	pkt_make(test, f, &k, ids, lens, NULL, 1);
	skb = pkt_fill(test, f, &k, &c);
	KUNIT_EXPECT_EQ(test, c.copied, COPIED_64);
	KUNIT_EXPECT_EQ(test, c.lent + c.fallback, 0);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, 0);
	KUNIT_EXPECT_EQ(test, k.post[0], 9);
	pkt_post(test, f, &k);
	kfree_skb(skb);

	/* up to the copybreak: whole, its page posted again */
	lens[0] = XENVF_FRONT_RX_COPYBREAK;
	pkt_make(test, f, &k, ids, lens, NULL, 1);
	skb = pkt_fill(test, f, &k, &c);
	KUNIT_EXPECT_EQ(test, c.copied, XENVF_FRONT_RX_COPYBREAK);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->nr_frags, 0);
	pkt_post(test, f, &k);
	kfree_skb(skb);
}

/* 18 slots (a hostile backend): out of frags, every page comes back. */
static void rx_fill_out_of_frags(struct kunit *test)
{
	struct fix *f = test->priv;
	u16 ids[XENVF_MAX_SLOTS];
	u32 lens[XENVF_MAX_SLOTS];
	struct xenvf_front_rx_cost c = { 0 };
	struct sk_buff *skb;
	unsigned int i;
	struct pkt k;

	for (i = 0; i < XENVF_MAX_SLOTS; i++) {
		ids[i] = 40 + i;
		lens[i] = 100;
	}
	pkt_make(test, f, &k, ids, lens, NULL, XENVF_MAX_SLOTS);
	skb = alloc_skb(TCP_HDRS, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, xenvf_front_rx_fill(&f->pool, f->pages, k.slots,
						  k.n, TCP_HDRS, skb, k.post, &c),
			-E2BIG);
	KUNIT_EXPECT_EQ(test, c.lent, MAX_SKB_FRAGS);
	kfree_skb(skb);
	/* the lent pages are spare, spares are posted in their place */
	pkt_post(test, f, &k);
	KUNIT_EXPECT_EQ(test, nr_posted(&f->pool), RING);
	KUNIT_EXPECT_EQ(test, f->pool.nr, POOL - RING);
}

/* ---- a long run --------------------------------------------------------- */

#define SIM_STEPS	4000
#define SIM_HELD	96	/* skbs the simulated stack holds at most */

/*
 * The backend answers the oldest posted page each step (a ring in order);
 * the stack holds each skb for a random time (some for very long). The
 * ring stays full, nothing the stack holds is posted, and a slot is
 * copied only when every spare is held.
 */
static void rxpool_sim_stack_holds(struct kunit *test)
{
	struct fix *f = test->priv;
	struct sk_buff **held = kunit_kcalloc(test, SIM_HELD, sizeof(*held),
					      GFP_KERNEL);
	unsigned int *until = kunit_kcalloc(test, SIM_HELD, sizeof(*until),
					    GFP_KERNEL);
	unsigned int head = 0, step, i, j, lent = 0, fallback = 0, idle;
	u16 ring[RING];
	const u32 lens[] = { 1514 };
	struct xenvf_front_rx_cost c;
	struct sk_buff *skb;
	struct pkt k;
	u16 id;

	KUNIT_ASSERT_NOT_NULL(test, held);
	KUNIT_ASSERT_NOT_NULL(test, until);
	for (i = 0; i < RING; i++)
		ring[i] = i;
	for (step = 0; step < SIM_STEPS; step++) {
		/* the stack lets go of what it is done with */
		for (j = 0; j < SIM_HELD; j++) {
			if (held[j] && until[j] <= step) {
				kfree_skb(held[j]);
				held[j] = NULL;
			}
		}
		id = ring[head];
		pkt_make(test, f, &k, &id, lens, NULL, 1);
		/* idle spares within the scan's reach */
		idle = 0;
		for (i = 0; i < min_t(unsigned int, f->pool.nr, XENVF_FRONT_RX_SCAN); i++)
			idle += page_ref_count(f->pages[f->pool.spare[(f->pool.head + i) &
							       SPARE_MASK]]) == 1;
		skb = alloc_skb(TCP_HDRS, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		memset(&c, 0, sizeof(c));
		KUNIT_ASSERT_EQ(test, xenvf_front_rx_fill(&f->pool, f->pages,
							  k.slots, 1, TCP_HDRS,
							  skb, k.post, &c), 0);
		KUNIT_ASSERT_EQ(test, skb->len, 1514u);
		/* lent whenever a spare in reach was idle, else copied */
		KUNIT_EXPECT_EQ(test, c.fallback, idle ? 0 : 1);
		lent += c.lent;
		fallback += c.fallback;
		KUNIT_EXPECT_EQ(test, page_ref_count(f->pages[k.post[0]]), 1);
		xenvf_front_rxpool_posted(&f->pool, k.post[0]);
		ring[head] = k.post[0];
		head = (head + 1) % RING;
		KUNIT_EXPECT_EQ(test, nr_posted(&f->pool) + f->pool.nr, POOL);
		/* the stack keeps it a while, 1 in 16 for very long */
		for (j = 0; j < SIM_HELD && held[j]; j++)
			;
		if (j == SIM_HELD) {
			kfree_skb(skb);
			continue;
		}
		held[j] = skb;
		until[j] = step + (get_random_u32() % 16 ? get_random_u32() % 160 :
				   SIM_STEPS / 2);
	}
	for (j = 0; j < SIM_HELD; j++)
		kfree_skb(held[j]);
	kunit_info(test, "%u steps: %u lent, %u copied", SIM_STEPS, lent,
		   fallback);
	KUNIT_EXPECT_EQ(test, lent + fallback, SIM_STEPS);
	KUNIT_EXPECT_GT(test, lent, SIM_STEPS / 2);	/* recycling works */
	/* every id posted exactly once: the ring holds RING distinct ids */
	for (i = 0; i < RING; i++)
		KUNIT_EXPECT_TRUE(test, test_bit(ring[i], f->pool.posted));
}

static struct kunit_case xenvf_front_rxpool_cases[] = {
	KUNIT_CASE(rxpool_ids_posted_once),
	KUNIT_CASE(rxpool_lend_take_return),
	KUNIT_CASE(rxpool_scan_is_bounded),
	KUNIT_CASE(rx_head_and_fcoe),
	KUNIT_CASE(rx_fill_1500_copies_headers),
	KUNIT_CASE(rx_fill_64k_copies_headers),
	KUNIT_CASE(rx_fill_falls_back_to_copy),
	KUNIT_CASE(rx_fill_mixed_keeps_order),
	KUNIT_CASE(rx_fill_copybreak_whole),
	KUNIT_CASE(rx_fill_out_of_frags),
	KUNIT_CASE(rxpool_sim_stack_holds),
	{}
};

static struct kunit_suite xenvf_front_rxpool_suite = {
	.name = "xenvf_front_rxpool",
	.init = fix_init,
	.exit = fix_exit,
	.test_cases = xenvf_front_rxpool_cases,
};

kunit_test_suite(xenvf_front_rxpool_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf-front's RX page recycling");
MODULE_LICENSE("GPL");
