// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for the frontend's resume path (docs/design.md "Save,
 * restore, checkpoint"):
 * - front_replay.c: the control requests replayed to a PF that forgot the
 *   VF (a resume in a new domain, a PF reset) are exactly those of the
 *   netdev's saved MAC, MTU, VLANs, multicast and unicast lists and
 *   receive mode, in order, and each is a request the backend's decoder
 *   accepts (common/proto/ctrl_msg.c);
 * - front_release.c: the teardown of a queue ends every grant and frees
 *   every page once (counted by fakes), counts what was in flight, and a
 *   second teardown (a second resume) gives back and counts nothing; an
 *   RX pool page lent to the stack outlives the teardown and is freed by
 *   the stack's put;
 * - front_state.c: a resume that finds no nodes waits, polls for a bounded
 *   time, then waits on the watch alone, and connects once both appear.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "expect_bytes.h"
#include "ctrl_msg.c"
#include "front_release.c"
#include "front_replay.c"
#include "front_rxpool.c"
#include "front_state.c"

static const u8 mac_a[ETH_ALEN] = { 0x02, 0x16, 0x3e, 0x00, 0x00, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0x16, 0x3e, 0x00, 0x00, 0x0b };
static const u8 mc1[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
static const u8 mc2[ETH_ALEN] = { 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 };
static const u8 uc1[ETH_ALEN] = { 0x0e, 0xfc, 0x00, 0x01, 0x02, 0x03 };

/* Every request must be one the backend's decoder takes, unchanged. */
static void expect_wire_ok(struct kunit *test, const struct xenvf_ctrl_msg *m,
			   unsigned int n)
{
	struct xenvf_ctrl_request wreq;
	struct xenvf_ctrl_msg back;
	unsigned int i;

	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ_MSG(test, xenvf_ctrl_encode_request(&wreq, i + 1, &m[i]),
				    0, "request %u op %u", i, m[i].op);
		KUNIT_ASSERT_EQ_MSG(test, xenvf_ctrl_decode_request(&wreq, &back), 0,
				    "request %u op %u", i, m[i].op);
		KUNIT_EXPECT_EQ(test, back.op, m[i].op);
	}
}

static struct xenvf_front_filters *filters(struct kunit *test)
{
	struct xenvf_front_filters *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	memcpy(f->mac, mac_a, ETH_ALEN);
	f->mtu = ETH_DATA_LEN;
	return f;
}

static struct xenvf_ctrl_msg *msgs(struct kunit *test)
{
	struct xenvf_ctrl_msg *m = kunit_kcalloc(test, XENVF_FRONT_REPLAY_MAX,
						 sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	return m;
}

/* The saved state of a used netdev gives exactly its requests, in order. */
static void replay_full_state(struct kunit *test)
{
	struct xenvf_front_filters *f = filters(test);
	struct xenvf_front_pf_view pf = { .admin_mac = false };
	struct xenvf_ctrl_msg *m = msgs(test);
	unsigned int n, left;

	memcpy(pf.mac, mac_b, ETH_ALEN);	/* the new PF's own */
	f->mtu = 9000;
	__set_bit(0, f->vids);			/* priority tags: no filter */
	__set_bit(100, f->vids);
	__set_bit(5, f->vids);
	__set_bit(4094, f->vids);
	__set_bit(4095, f->vids);		/* reserved: never asked for */
	f->nr_mc = 2;
	memcpy(f->mc[0], mc1, ETH_ALEN);
	memcpy(f->mc[1], mc2, ETH_ALEN);
	f->nr_uc = 1;
	memcpy(f->uc[0], uc1, ETH_ALEN);
	f->allmulti = true;

	n = xenvf_front_replay_build(f, &pf, m, &left);
	KUNIT_ASSERT_EQ(test, n, 8);
	KUNIT_EXPECT_EQ(test, left, 0);
	KUNIT_EXPECT_EQ(test, m[0].op, XENVF_CTRL_SET_MAC);
	expect_bytes(test, m[0].u.mac.mac, mac_a, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, m[1].op, XENVF_CTRL_SET_MTU);
	KUNIT_EXPECT_EQ(test, m[1].u.mtu.mtu, 9000);
	KUNIT_EXPECT_EQ(test, m[2].op, XENVF_CTRL_SET_VLAN);
	KUNIT_EXPECT_EQ(test, m[2].u.vlan.vid, 5);
	KUNIT_EXPECT_EQ(test, m[2].u.vlan.add, 1);
	KUNIT_EXPECT_EQ(test, m[3].u.vlan.vid, 100);
	KUNIT_EXPECT_EQ(test, m[4].op, XENVF_CTRL_SET_VLAN);
	KUNIT_EXPECT_EQ(test, m[4].u.vlan.vid, 4094);
	KUNIT_EXPECT_EQ(test, m[5].op, XENVF_CTRL_SET_MULTICAST);
	KUNIT_EXPECT_EQ(test, m[5].u.mc.count, 2);
	expect_bytes(test, m[5].u.mc.macs[0], mc1, ETH_ALEN);
	expect_bytes(test, m[5].u.mc.macs[1], mc2, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, m[6].op, XENVF_CTRL_SET_UC_LIST);
	KUNIT_EXPECT_EQ(test, m[6].u.mc.count, 1);
	expect_bytes(test, m[6].u.mc.macs[0], uc1, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, m[7].op, XENVF_CTRL_SET_XCAST_MODE);
	KUNIT_EXPECT_EQ(test, m[7].u.xcast.mode, XENVF_XCAST_ALLMULTI);
	expect_wire_ok(test, m, n);
}

/* A netdev as the PF left it: only the receive mode is pushed again. */
static void replay_default_state(struct kunit *test)
{
	struct xenvf_front_filters *f = filters(test);
	struct xenvf_front_pf_view pf = { .admin_mac = true };
	struct xenvf_ctrl_msg *m = msgs(test);
	unsigned int n, left;

	memcpy(pf.mac, mac_a, ETH_ALEN);
	n = xenvf_front_replay_build(f, &pf, m, &left);
	KUNIT_ASSERT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, m[0].op, XENVF_CTRL_SET_MULTICAST);
	KUNIT_EXPECT_EQ(test, m[0].u.mc.count, 0);
	KUNIT_EXPECT_EQ(test, m[1].op, XENVF_CTRL_SET_XCAST_MODE);
	KUNIT_EXPECT_EQ(test, m[1].u.xcast.mode, XENVF_XCAST_MULTI);
	expect_wire_ok(test, m, n);
}

struct mac_case {
	bool zero_pf, same, admin, trusted, zero_netdev;
	bool want;
};

static const struct mac_case mac_cases[] = {
	{ .want = true },			/* the guest's own MAC stays */
	{ .same = true, .want = false },	/* the PF has it already */
	{ .admin = true, .want = false },	/* the admin's wins (untrusted) */
	{ .admin = true, .trusted = true, .want = true },
	{ .zero_pf = true, .admin = true, .want = true },	/* PF has none */
	{ .zero_netdev = true, .want = false },	/* nothing to replay */
};

static void replay_mac_rules(struct kunit *test)
{
	struct xenvf_front_filters *f = filters(test);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mac_cases); i++) {
		const struct mac_case *c = &mac_cases[i];
		struct xenvf_front_pf_view pf = {
			.admin_mac = c->admin, .trusted = c->trusted,
		};

		if (c->zero_netdev)
			eth_zero_addr(f->mac);
		else
			memcpy(f->mac, mac_a, ETH_ALEN);
		if (!c->zero_pf)
			memcpy(pf.mac, c->same ? mac_a : mac_b, ETH_ALEN);
		KUNIT_EXPECT_EQ_MSG(test, xenvf_front_replay_mac(f, &pf), c->want,
				    "case %u", i);
	}
}

/* Lists over the PF's limits become the modes ndo_set_rx_mode uses. */
static void replay_over_limits(struct kunit *test)
{
	struct xenvf_front_filters *f = filters(test);
	struct xenvf_front_pf_view pf = { 0 };
	struct xenvf_ctrl_msg *m = msgs(test);
	unsigned int n, left, vid;

	memcpy(pf.mac, mac_a, ETH_ALEN);
	for (vid = 1; vid <= XENVF_VLAN_FILTERS_MAX + 6; vid++)
		__set_bit(vid, f->vids);
	f->nr_mc = XENVF_MC_MAX + 1;
	f->mc_overflow = true;
	n = xenvf_front_replay_build(f, &pf, m, &left);
	KUNIT_ASSERT_EQ(test, n, XENVF_VLAN_FILTERS_MAX + 2);
	KUNIT_ASSERT_LE(test, n, XENVF_FRONT_REPLAY_MAX);
	KUNIT_EXPECT_EQ(test, left, 6);
	KUNIT_EXPECT_EQ(test, m[XENVF_VLAN_FILTERS_MAX - 1].u.vlan.vid,
			XENVF_VLAN_FILTERS_MAX);
	KUNIT_EXPECT_EQ(test, m[XENVF_VLAN_FILTERS_MAX].op, XENVF_CTRL_SET_MULTICAST);
	KUNIT_EXPECT_EQ(test, m[XENVF_VLAN_FILTERS_MAX].u.mc.count, 0);
	KUNIT_EXPECT_EQ(test, m[n - 1].u.xcast.mode, XENVF_XCAST_ALLMULTI);
	expect_wire_ok(test, m, n);

	/* too many unicast MACs: promiscuous, and a list to clear only if pushed */
	f->nr_uc = XENVF_UC_MAX + 1;
	f->uc_overflow = true;
	n = xenvf_front_rxmode_build(f, false, m);
	KUNIT_ASSERT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, m[1].u.xcast.mode, XENVF_XCAST_PROMISC);
	n = xenvf_front_rxmode_build(f, true, m);
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, m[1].op, XENVF_CTRL_SET_UC_LIST);
	KUNIT_EXPECT_EQ(test, m[1].u.mc.count, 0);
	expect_wire_ok(test, m, n);
}

/* ---- teardown: fakes count every grant ended and page freed ---------- */

#define TX_REF0		1000
#define RX_REF0		2000
#define POOL_REF	3000
#define RING_REF0	4000
#define REFS		4100

static struct {
	DECLARE_BITMAP(ended, REFS);
	unsigned int ends, twice, puts, rings;
	unsigned int frags, skbs, refs_freed;
} fake;

static void fake_end_access(grant_ref_t ref, struct page *page)
{
	if (ref >= REFS || __test_and_set_bit(ref, fake.ended))
		fake.twice++;
	fake.ends++;
	if (page)
		put_page(page);		/* as the real one does, once free */
}

static void fake_put_page(struct page *page)
{
	fake.puts++;
	put_page(page);
}

static void fake_teardown_ring(void **vaddr, grant_ref_t *ref)
{
	if (*ref >= REFS || __test_and_set_bit(*ref, fake.ended))
		fake.twice++;
	fake.rings++;
	free_page((unsigned long)*vaddr);
	*vaddr = NULL;
	*ref = INVALID_GRANT_REF;
}

/* A frag's page is the skb's: ended, never freed here. */
static void fake_end_frag(grant_ref_t ref, struct page *page)
{
	if (ref >= REFS || __test_and_set_bit(ref, fake.ended))
		fake.twice++;
	fake.frags++;
}

static void fake_free_skb(struct sk_buff *skb)
{
	fake.skbs++;
	kfree_skb(skb);
}

static void fake_free_refs(grant_ref_t head)
{
	fake.refs_freed++;
}

static const struct xenvf_front_release_ops fake_ops = {
	.end_access = fake_end_access,
	.put_page = fake_put_page,
	.teardown_ring = fake_teardown_ring,
	.end_frag = fake_end_frag,
	.free_skb = fake_free_skb,
	.free_refs = fake_free_refs,
};

/*
 * A queue as queue_setup() leaves it: the first @granted TX slot pages and
 * RX pool pages granted (a whole pool: XENVF_FRONT_RX_POOL).
 */
static struct xenvf_front_queue *granted_queue(struct kunit *test,
					       unsigned int granted)
{
	struct xenvf_front_queue *q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, q);
	memset(&fake, 0, sizeof(fake));
	for (i = 0; i < XENVF_FRONT_RING_SLOTS; i++) {
		q->tx_frag_ref[i] = INVALID_GRANT_REF;
		q->tx_grefs[i] = INVALID_GRANT_REF;
		if (i >= granted)
			continue;
		q->tx_pages[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, q->tx_pages[i]);
		q->tx_grefs[i] = TX_REF0 + i;
	}
	for (i = 0; i < XENVF_FRONT_RX_POOL; i++) {
		q->rx_grefs[i] = INVALID_GRANT_REF;
		if (i >= granted)
			continue;
		q->rx_pages[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, q->rx_pages[i]);
		q->rx_grefs[i] = RX_REF0 + i;
	}
	xenvf_front_rxpool_init(&q->rxpool, min_t(unsigned int, granted,
						  XENVF_FRONT_RX_POOL),
				XENVF_FRONT_RING_SLOTS);
	q->pool_ref = INVALID_GRANT_REF;
	q->tx_ref = INVALID_GRANT_REF;
	q->rx_ref = INVALID_GRANT_REF;
	return q;
}

static void expect_all_invalid(struct kunit *test, struct xenvf_front_queue *q)
{
	unsigned int i, left = 0;

	for (i = 0; i < XENVF_FRONT_RING_SLOTS; i++)
		left += (q->tx_grefs[i] != INVALID_GRANT_REF) + !!q->tx_pages[i];
	for (i = 0; i < XENVF_FRONT_RX_POOL; i++)
		left += (q->rx_grefs[i] != INVALID_GRANT_REF) + !!q->rx_pages[i];
	KUNIT_EXPECT_EQ(test, left, 0);	/* refs or pages still held */
	KUNIT_EXPECT_TRUE(test, bitmap_empty(q->rxpool.posted, XENVF_FRONT_RX_POOL));
	KUNIT_EXPECT_EQ(test, q->rxpool.nr, 0);
	KUNIT_EXPECT_EQ(test, q->pool_ref, INVALID_GRANT_REF);
	KUNIT_EXPECT_NULL(test, q->pool_page);
	KUNIT_EXPECT_NULL(test, q->tx_sring);
	KUNIT_EXPECT_NULL(test, q->rx_sring);
	KUNIT_EXPECT_EQ(test, q->rx_have, 0);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(q->tx_busy, XENVF_FRONT_RING_SLOTS));
}

/* A connected queue with traffic in flight, torn down by a resume. */
static void release_every_grant(struct kunit *test)
{
	struct xenvf_front_queue *q = granted_queue(test, XENVF_FRONT_RX_POOL);
	unsigned int i, missed_tx = 0, missed_rx = 0;
	struct xenvf_front_released r;

	q->pool_page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q->pool_page);
	q->pool_ref = POOL_REF;
	q->tx_sring = (void *)__get_free_page(GFP_KERNEL);
	q->rx_sring = (void *)__get_free_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q->tx_sring);
	KUNIT_ASSERT_NOT_NULL(test, q->rx_sring);
	q->tx_ref = RING_REF0;
	q->rx_ref = RING_REF0 + 1;
	/* in flight: a 1-slot frame, a 3-slot frame, another 1-slot frame */
	__set_bit(7, q->tx_busy);
	q->tx_len[7] = 60;
	__set_bit(8, q->tx_busy);
	__set_bit(9, q->tx_busy);
	__set_bit(10, q->tx_busy);
	q->tx_len[10] = 9000;
	__set_bit(20, q->tx_busy);
	q->tx_len[20] = 1514;
	q->rx_have = 2;		/* two slots of a packet whose last is missing */

	xenvf_front_queue_release(q, &fake_ops, &r);
	KUNIT_EXPECT_EQ(test, r.grants,
			XENVF_FRONT_RING_SLOTS + XENVF_FRONT_RX_POOL + 1);
	KUNIT_EXPECT_EQ(test, r.pages, 0);
	KUNIT_EXPECT_EQ(test, r.rings, 2);
	KUNIT_EXPECT_EQ(test, r.tx_lost, 3);
	KUNIT_EXPECT_EQ(test, r.rx_lost, 1);
	KUNIT_EXPECT_EQ(test, fake.ends,
			XENVF_FRONT_RING_SLOTS + XENVF_FRONT_RX_POOL + 1);
	KUNIT_EXPECT_EQ(test, fake.rings, 2);
	KUNIT_EXPECT_EQ(test, fake.twice, 0);
	for (i = 0; i < XENVF_FRONT_RING_SLOTS; i++)
		missed_tx += !test_bit(TX_REF0 + i, fake.ended);
	for (i = 0; i < XENVF_FRONT_RX_POOL; i++)
		missed_rx += !test_bit(RX_REF0 + i, fake.ended);
	KUNIT_EXPECT_EQ(test, missed_tx, 0);	/* TX refs never ended */
	KUNIT_EXPECT_EQ(test, missed_rx, 0);	/* RX refs never ended */
	KUNIT_EXPECT_TRUE(test, test_bit(POOL_REF, fake.ended));
	KUNIT_EXPECT_TRUE(test, test_bit(RING_REF0, fake.ended));
	KUNIT_EXPECT_TRUE(test, test_bit(RING_REF0 + 1, fake.ended));
	expect_all_invalid(test, q);
	KUNIT_EXPECT_NULL(test, memchr_inv(q->tx_len, 0, sizeof(q->tx_len)));
}

/* A setup that failed halfway: granted pages ended, the rest freed. */
static void release_half_setup(struct kunit *test)
{
	struct xenvf_front_queue *q = granted_queue(test, 10);
	struct xenvf_front_released r;

	q->tx_pages[10] = alloc_page(GFP_KERNEL);	/* its grant failed */
	KUNIT_ASSERT_NOT_NULL(test, q->tx_pages[10]);
	q->pool_page = alloc_page(GFP_KERNEL);		/* not granted yet */
	KUNIT_ASSERT_NOT_NULL(test, q->pool_page);

	xenvf_front_queue_release(q, &fake_ops, &r);
	KUNIT_EXPECT_EQ(test, r.grants, 20);
	KUNIT_EXPECT_EQ(test, r.pages, 2);
	KUNIT_EXPECT_EQ(test, r.rings, 0);
	KUNIT_EXPECT_EQ(test, fake.ends, 20);
	KUNIT_EXPECT_EQ(test, fake.puts, 2);
	KUNIT_EXPECT_EQ(test, fake.twice, 0);
	expect_all_invalid(test, q);
}

/*
 * RX pool pages lent to the stack (front_rxpool.c) when the queue goes: the
 * grant ended and the pool's reference dropped, the page kept for the
 * stack, which frees it with its last put (KASAN sees a use after free
 * if the release freed it under the stack).
 */
static void release_keeps_lent_rx_pages(struct kunit *test)
{
	struct xenvf_front_queue *q = granted_queue(test, XENVF_FRONT_RX_POOL);
	struct page *lent[3];
	struct xenvf_front_released r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lent); i++) {
		lent[i] = q->rx_pages[XENVF_FRONT_RING_SLOTS + 10 * i];
		get_page(lent[i]);	/* an skb's frag */
		memset(page_address(lent[i]), 0x5a, PAGE_SIZE);
	}
	xenvf_front_queue_release(q, &fake_ops, &r);
	KUNIT_EXPECT_EQ(test, r.grants,
			XENVF_FRONT_RING_SLOTS + XENVF_FRONT_RX_POOL);
	KUNIT_EXPECT_EQ(test, fake.twice, 0);
	expect_all_invalid(test, q);
	for (i = 0; i < ARRAY_SIZE(lent); i++) {
		KUNIT_EXPECT_EQ(test, page_ref_count(lent[i]), 1);
		/* the stack still reads its data */
		KUNIT_EXPECT_NULL(test, memchr_inv(page_address(lent[i]), 0x5a,
						   PAGE_SIZE));
		put_page(lent[i]);	/* the skb freed: the page with it */
	}
}

/* A second resume (or a resume after a close) releases nothing again. */
static void release_twice_idempotent(struct kunit *test)
{
	struct xenvf_front_queue *q = granted_queue(test, XENVF_FRONT_RING_SLOTS);
	struct xenvf_front_released r;

	__set_bit(3, q->tx_busy);
	q->tx_len[3] = 100;
	xenvf_front_queue_release(q, &fake_ops, &r);
	KUNIT_EXPECT_EQ(test, r.tx_lost, 1);
	memset(&fake, 0, sizeof(fake));
	xenvf_front_queue_release(q, &fake_ops, &r);
	KUNIT_EXPECT_EQ(test, r.grants, 0);
	KUNIT_EXPECT_EQ(test, r.pages, 0);
	KUNIT_EXPECT_EQ(test, r.rings, 0);
	KUNIT_EXPECT_EQ(test, r.tx_lost, 0);
	KUNIT_EXPECT_EQ(test, r.rx_lost, 0);
	KUNIT_EXPECT_EQ(test, fake.ends + fake.puts + fake.rings, 0);
	expect_all_invalid(test, q);
}

#define FRAG_REF0	3000

/*
 * Frames whose frags were granted per packet, in flight at the teardown:
 * one of 3 slots (2 granted), one of 2 slots whose first was answered
 * already. Every frag grant is ended once, each skb freed once, after
 * its grants; the queue's reserve of refs given back; nothing held.
 */
static void release_granted_frags(struct kunit *test)
{
	struct xenvf_front_queue *q = granted_queue(test, 0);
	struct xenvf_front_released r;
	struct sk_buff *a = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *b = alloc_skb(64, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	for (i = 4; i < 7; i++) {
		__set_bit(i, q->tx_busy);
		q->tx_skb[i] = a;
	}
	q->tx_len[6] = 9000;
	q->tx_frag_ref[5] = FRAG_REF0;
	q->tx_frag_ref[6] = FRAG_REF0 + 1;
	XENVF_TX_CB(a)->left = 3;
	__set_bit(11, q->tx_busy);
	q->tx_skb[11] = b;
	q->tx_frag_ref[11] = FRAG_REF0 + 2;
	q->tx_len[11] = 5000;
	XENVF_TX_CB(b)->left = 1;	/* its slot 10 was answered */
	q->tx_held = 2;
	q->tx_gref_ok = true;

	xenvf_front_queue_release(q, &fake_ops, &r);
	KUNIT_EXPECT_EQ(test, r.frag_grants, 3);
	KUNIT_EXPECT_EQ(test, r.skbs, 2);
	KUNIT_EXPECT_EQ(test, r.tx_lost, 2);
	KUNIT_EXPECT_EQ(test, fake.frags, 3);
	KUNIT_EXPECT_EQ(test, fake.skbs, 2);
	KUNIT_EXPECT_EQ(test, fake.twice, 0);
	KUNIT_EXPECT_EQ(test, fake.refs_freed, 1);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, test_bit(FRAG_REF0 + i, fake.ended));
	for (i = 0; i < XENVF_FRONT_RING_SLOTS; i++) {
		KUNIT_EXPECT_EQ(test, q->tx_frag_ref[i], INVALID_GRANT_REF);
		KUNIT_EXPECT_NULL(test, q->tx_skb[i]);
	}
	KUNIT_EXPECT_EQ(test, q->tx_held, 0);
	KUNIT_EXPECT_FALSE(test, q->tx_gref_ok);
	/* a second release ends and frees nothing */
	memset(&fake, 0, sizeof(fake));
	xenvf_front_queue_release(q, &fake_ops, &r);
	KUNIT_EXPECT_EQ(test, fake.frags + fake.skbs + fake.refs_freed, 0);
}

/* ---- resumed before the nodes exist ----------------------------------- */

struct step_case {
	bool otherend, fe, be;
	unsigned int waited;
	bool timed_out;
	enum xenvf_front_resume_step want;
};

static const struct step_case step_cases[] = {
	/* xenbus_dev_resume() found the backend: nothing to wait for */
	{ true, true, true, 0, false, XENVF_RESUME_IDLE },
	{ true, false, false, 0, false, XENVF_RESUME_IDLE },
	/* no nodes yet: poll, bounded */
	{ false, false, false, 0, false, XENVF_RESUME_WAIT },
	{ false, true, false, 1000, false, XENVF_RESUME_WAIT },
	{ false, false, true, 1000, false, XENVF_RESUME_WAIT },
	{ false, false, false, XENVF_FRONT_RESUME_WAIT_MS - 1, false, XENVF_RESUME_WAIT },
	{ false, false, false, XENVF_FRONT_RESUME_WAIT_MS, false, XENVF_RESUME_TIMEOUT },
	{ false, false, false, 3600000, false, XENVF_RESUME_TIMEOUT },
	/* timed out: the watch alone, no more polls, no second line */
	{ false, false, false, 3600000, true, XENVF_RESUME_IDLE },
	{ false, true, false, 3600000, true, XENVF_RESUME_IDLE },
	/* both nodes there: connect, early or late */
	{ false, true, true, 0, false, XENVF_RESUME_ATTACH },
	{ false, true, true, 12000, false, XENVF_RESUME_ATTACH },
	{ false, true, true, 3600000, true, XENVF_RESUME_ATTACH },
};

static void resume_waits_for_backend(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(step_cases); i++) {
		const struct step_case *c = &step_cases[i];

		KUNIT_EXPECT_EQ_MSG(test,
				    xenvf_front_resume_step(c->otherend, c->fe, c->be,
							    c->waited, c->timed_out),
				    c->want, "case %u", i);
	}
}

/*
 * The resume tears down from any own state and reconnects from
 * Initialising: the backend's InitWait then connects, its Connected
 * before InitWait does nothing, a stale Closing closes first.
 */
static void resume_reconnects_from_initialising(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xenvf_front_action(XenbusStateInitialising,
						 XenbusStateInitWait),
			XENVF_FRONT_CONNECT);
	KUNIT_EXPECT_EQ(test, xenvf_front_action(XenbusStateInitialising,
						 XenbusStateConnected),
			XENVF_FRONT_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_front_action(XenbusStateInitialising,
						 XenbusStateInitialising),
			XENVF_FRONT_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_front_action(XenbusStateInitialising,
						 XenbusStateUnknown),
			XENVF_FRONT_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_front_action(XenbusStateInitialising,
						 XenbusStateClosing),
			XENVF_FRONT_CLOSE);
}

static struct kunit_case xenvf_front_resume_cases[] = {
	KUNIT_CASE(replay_full_state),
	KUNIT_CASE(replay_default_state),
	KUNIT_CASE(replay_mac_rules),
	KUNIT_CASE(replay_over_limits),
	KUNIT_CASE(release_every_grant),
	KUNIT_CASE(release_half_setup),
	KUNIT_CASE(release_keeps_lent_rx_pages),
	KUNIT_CASE(release_twice_idempotent),
	KUNIT_CASE(release_granted_frags),
	KUNIT_CASE(resume_waits_for_backend),
	KUNIT_CASE(resume_reconnects_from_initialising),
	{}
};

static struct kunit_suite xenvf_front_resume_suite = {
	.name = "xenvf_front_resume",
	.test_cases = xenvf_front_resume_cases,
};

kunit_test_suite(xenvf_front_resume_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf-front resume path");
MODULE_LICENSE("GPL");
