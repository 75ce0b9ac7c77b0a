// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/evi_table.c and evi_fwd.c: EVI's tables
 * (peers, extended VLANs, static and learned remote MACs, limits, aging,
 * moves, per-peer shares, peer deletion racing learning, local MACs never
 * learned, the hashed ARP lookup) and forwarding rules (non-extended
 * VLANs untouched, known remote unicast to its peer, broadcast to every
 * peer once, flood control, split horizon, ARP suppression, decapsulation
 * only from peers and for extended VLANs).
 */
#include <kunit/test.h>

#include "evi_table.c"
#include "evi_fwd.c"
#include "evi_pkt.c"
#include "evi_arp.c"
#include "expect_bytes.h"

static const struct xenvf_evi_addr loc4 = { 4, { 192, 0, 2, 1 } };
static const struct xenvf_evi_addr p1 = { 4, { 192, 0, 2, 2 } };
static const struct xenvf_evi_addr p2 = { 4, { 192, 0, 2, 3 } };
static const struct xenvf_evi_addr p3 = { 4, { 192, 0, 2, 4 } };
static const struct xenvf_evi_addr p6 = {
	6, { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };
static const u8 mac_r[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x01, 0x01 };
static const u8 mac_s[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x01, 0x02 };
static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };

/* The local VFs' MACs as the switch would answer (table_local_*). */
static u8 local_mac[ETH_ALEN];
static u16 local_vid;
static bool local_set;

static bool test_is_local(const u8 *mac, u16 vid)
{
	return local_set && vid == local_vid && ether_addr_equal(mac, local_mac);
}

static void evi_exit(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;

	xenvf_evi_destroy(e);
	rcu_barrier();
	local_set = false;
}

/* Does any remote entry (either hash) still point at @p? */
static bool refers_to(struct xenvf_evi *e, const struct xenvf_evi_peer *p)
{
	struct xenvf_evi_mac *m;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(e->macs); i++) {
		hlist_for_each_entry(m, &e->macs[i], node)
			if (m->peer == p)
				return true;
		hlist_for_each_entry(m, &e->ips[i], ip_node)
			if (m->peer == p)
				return true;
	}
	return false;
}

/* The longest chain of a hash: the work a lookup may have to do. */
static unsigned int longest(struct hlist_head *h, unsigned int n)
{
	struct hlist_node *node;
	unsigned int i, len, max = 0;

	for (i = 0; i < n; i++) {
		len = 0;
		hlist_for_each(node, &h[i])
			len++;
		max = max(max, len);
	}
	return max;
}

/* Tables with local 192.0.2.1, EVI on, VLAN 100 extended. */
static int evi_init(struct kunit *test)
{
	struct xenvf_evi *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	struct xenvf_evi_cfg c;

	if (!e || xenvf_evi_init(e))
		return -ENOMEM;
	test->priv = e;
	xenvf_evi_cfg_defaults(&c);
	c.enabled = true;
	c.local = loc4;
	if (xenvf_evi_set_cfg(e, &c) || xenvf_evi_vlan_add(e, 100))
		return -ENOMEM;
	return 0;
}

static void set(struct xenvf_evi *e, bool flood, bool arp)
{
	struct xenvf_evi_cfg c = *rcu_dereference_protected(e->cfg, true);

	c.flood_unknown = flood;
	c.arp_suppress = arp;
	WARN_ON(xenvf_evi_set_cfg(e, &c));
}

static struct ethhdr frame(const u8 *dst)
{
	struct ethhdr eth = { .h_proto = htons(ETH_P_IP) };

	memcpy(eth.h_dest, dst, ETH_ALEN);
	memcpy(eth.h_source, mac_s, ETH_ALEN);
	return eth;
}

static enum xenvf_evi_tx_action decide(struct xenvf_evi *e, const void *f,
				       unsigned int len, u16 vid,
				       bool from_peer,
				       struct xenvf_evi_tx_plan *plan)
{
	enum xenvf_evi_tx_action a;

	rcu_read_lock();
	a = xenvf_evi_tx_decide(e, xenvf_evi_cfg_get(e), f, len, vid,
				from_peer, plan);
	rcu_read_unlock();
	return a;
}

static void table_peers(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi *fresh = kunit_kzalloc(test, sizeof(*fresh),
						GFP_KERNEL);
	struct xenvf_evi_addr a = p1;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, fresh);
	KUNIT_ASSERT_EQ(test, xenvf_evi_init(fresh), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(fresh, &p1), -EADDRNOTAVAIL);
	xenvf_evi_destroy(fresh);
	rcu_barrier();

	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(e, &p1), -EEXIST);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(e, &p6), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(e, &loc4), -EINVAL);
	a.a[3] = 255;
	a.a[0] = 224;			/* multicast */
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(e, &a), -EINVAL);
	a = p1;
	for (i = 1; i < XENVF_EVI_MAX_PEERS; i++) {
		a.a[2] = 3 + i / 200;
		a.a[3] = 1 + i % 200;
		KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &a), 0);
	}
	a.a[2] = 99;
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(e, &a), -ENOSPC);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_del(e, &a), -ENOENT);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_del(e, &p1), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(e, &a), 0);
	KUNIT_EXPECT_EQ(test, e->nr_peers, XENVF_EVI_MAX_PEERS);
}

static void table_local_family_follows_peers(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_cfg c = *rcu_dereference_protected(e->cfg, true);

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	c.local = p6;
	c.local.a[15] = 1;
	KUNIT_EXPECT_EQ(test, xenvf_evi_set_cfg(e, &c), -EINVAL);
	KUNIT_EXPECT_EQ(test, rcu_dereference_protected(e->cfg, true)->local.family, 4);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_del(e, &p1), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_set_cfg(e, &c), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_add(e, &p6), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_overhead(&c), 40 + 4 + 14 + 4);
	c.use_key = true;
	KUNIT_EXPECT_EQ(test, xenvf_evi_overhead(&c), 40 + 8 + 14 + 4);
}

static void table_vlans(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	unsigned int v;

	KUNIT_EXPECT_EQ(test, xenvf_evi_vlan_add(e, 100), -EEXIST);
	KUNIT_EXPECT_EQ(test, xenvf_evi_vlan_add(e, 4095), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_evi_vlan_add(e, 0), 0);	/* untagged */
	KUNIT_EXPECT_TRUE(test, xenvf_evi_vlan_extended(e, 0));
	KUNIT_EXPECT_FALSE(test, xenvf_evi_vlan_extended(e, 101));
	for (v = 1; e->nr_vlans < XENVF_EVI_MAX_VLANS; v++)
		if (v != 100)
			KUNIT_ASSERT_EQ(test, xenvf_evi_vlan_add(e, v), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_vlan_add(e, 4000), -ENOSPC);
	KUNIT_EXPECT_EQ(test, xenvf_evi_vlan_del(e, 4000), -ENOENT);
	KUNIT_EXPECT_EQ(test, xenvf_evi_vlan_del(e, 100), 0);
	KUNIT_EXPECT_FALSE(test, xenvf_evi_vlan_extended(e, 100));
	KUNIT_EXPECT_EQ(test, xenvf_evi_vlan_add(e, 4000), 0);
}

static void table_static_macs(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p2, 0, 0),
			-ENOENT);		/* unknown peer */
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_add(e, 7, mac_r, &p1, 0, 0),
			-ENOENT);		/* VLAN not extended */
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_add(e, 100, mcast, &p1, 0, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p1, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p1, 0, 0),
			-EEXIST);
	KUNIT_EXPECT_NOT_NULL(test, xenvf_evi_mac_find(e, 100, mac_r));
	KUNIT_EXPECT_NULL(test, xenvf_evi_mac_find(e, 0, mac_r));
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_del(e, 100, mac_s), -ENOENT);
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_del(e, 100, mac_r), 0);
	KUNIT_EXPECT_EQ(test, e->nr_macs, 0);
}

static void table_deleting_peer_or_vlan_drops_macs(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_peer *pp;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p2), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_vlan_add(e, 200), 0);
	pp = xenvf_evi_peer_find(e, &p2);
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p1, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 100, mac_s, pp, 0, 0),
			XENVF_EVI_LEARN_NEW);
	KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 200, mac_s, pp, 0, 0),
			XENVF_EVI_LEARN_NEW);
	KUNIT_ASSERT_EQ(test, e->nr_macs, 3);
	KUNIT_EXPECT_EQ(test, xenvf_evi_peer_del(e, &p1), 0);
	KUNIT_EXPECT_NULL(test, xenvf_evi_mac_find(e, 100, mac_r));
	KUNIT_EXPECT_EQ(test, e->nr_macs, 2);
	KUNIT_EXPECT_EQ(test, xenvf_evi_vlan_del(e, 200), 0);
	KUNIT_EXPECT_NULL(test, xenvf_evi_mac_find(e, 200, mac_s));
	KUNIT_EXPECT_NOT_NULL(test, xenvf_evi_mac_find(e, 100, mac_s));
	KUNIT_EXPECT_EQ(test, e->nr_macs, 1);
}

static void table_learning_moves_and_static(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_peer *a, *b;
	struct xenvf_evi_mac *m;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p2), 0);
	a = xenvf_evi_peer_find(e, &p1);
	b = xenvf_evi_peer_find(e, &p2);
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac_s, a, 0, 10),
			XENVF_EVI_LEARN_NEW);
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac_s, a, 0, 20),
			XENVF_EVI_LEARN_NONE);
	m = xenvf_evi_mac_find(e, 100, mac_s);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, m->seen, 20UL);
	KUNIT_EXPECT_EQ(test, m->type, XENVF_EVI_MAC_LEARNED);
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac_s, b,
					      htonl(0xc0000205), 30),
			XENVF_EVI_LEARN_MOVED);
	m = xenvf_evi_mac_find(e, 100, mac_s);	/* a new address: a copy */
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_PTR_EQ(test, m->peer, b);
	KUNIT_EXPECT_EQ(test, a->nr_learned, 0);
	KUNIT_EXPECT_EQ(test, b->nr_learned, 1);
	KUNIT_EXPECT_EQ(test, ntohl(m->ipv4), 0xc0000205);
	/* multicast sources are never learned */
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mcast, a, 0, 30),
			XENVF_EVI_LEARN_NONE);
	/* a static entry does not move with traffic */
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p1, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac_r, b, 0, 40),
			XENVF_EVI_LEARN_NONE);
	KUNIT_EXPECT_PTR_EQ(test, xenvf_evi_mac_find(e, 100, mac_r)->peer, a);
	/* and a static add turns a learned entry static */
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_add(e, 100, mac_s, &p1, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_find(e, 100, mac_s)->type,
			XENVF_EVI_MAC_STATIC);
	KUNIT_EXPECT_EQ(test, e->nr_macs, 2);
}

static void table_aging_and_flush(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	unsigned long t0 = 1000, aging = XENVF_EVI_AGING_DEFAULT * HZ;
	struct xenvf_evi_peer *a;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	a = xenvf_evi_peer_find(e, &p1);
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p1, 0, t0), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 100, mac_s, a, 0, t0),
			XENVF_EVI_LEARN_NEW);
	KUNIT_EXPECT_EQ(test, xenvf_evi_age(e, t0 + aging - 1), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_age(e, t0 + aging), 1);
	KUNIT_EXPECT_NULL(test, xenvf_evi_mac_find(e, 100, mac_s));
	KUNIT_EXPECT_NOT_NULL(test, xenvf_evi_mac_find(e, 100, mac_r));
	KUNIT_EXPECT_EQ(test, atomic64_read(&e->stats[XENVF_EVI_S_AGED]), 1);
	KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 100, mac_s, a, 0, t0),
			XENVF_EVI_LEARN_NEW);
	KUNIT_EXPECT_EQ(test, xenvf_evi_flush(e), 1);
	KUNIT_EXPECT_EQ(test, e->nr_macs, 1);	/* the static one stays */
}

/* Learn @n MACs from @p, MACs numbered from @first (ASSERTed NEW). */
static void learn_n(struct kunit *test, struct xenvf_evi *e,
		    struct xenvf_evi_peer *p, unsigned int first,
		    unsigned int n, bool with_ip)
{
	u8 mac[ETH_ALEN];
	unsigned int i;

	memcpy(mac, mac_r, ETH_ALEN);
	for (i = first; i < first + n; i++) {
		mac[4] = i >> 8;
		mac[5] = i;
		KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 100, mac, p,
						      with_ip ? htonl(0x0a000000 + i) : 0,
						      0),
				XENVF_EVI_LEARN_NEW);
	}
}

static void table_full(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	const struct xenvf_evi_addr *pa[] = { &p1, &p2, &p3 };
	struct xenvf_evi_addr a4 = p3;
	struct xenvf_evi_peer *p[4], *p5;
	u8 mac[ETH_ALEN];
	unsigned int i;

	a4.a[3] = 5;
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, i < 3 ? pa[i] : &a4), 0);
		p[i] = xenvf_evi_peer_find(e, i < 3 ? pa[i] : &a4);
	}
	a4.a[3] = 6;
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &a4), 0);
	p5 = xenvf_evi_peer_find(e, &a4);
	/* one peer gets its share and no more */
	learn_n(test, e, p[0], 0, XENVF_EVI_MAX_LEARNED_PER_PEER, false);
	memcpy(mac, mac_r, ETH_ALEN);
	mac[3] = 9;
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac, p[0], 0, 0),
			XENVF_EVI_LEARN_PEER_FULL);
	/* nor may one of its MACs move to a peer whose share is full */
	learn_n(test, e, p[1], XENVF_EVI_MAX_LEARNED_PER_PEER,
		XENVF_EVI_MAX_LEARNED_PER_PEER, false);
	mac[3] = 0;
	mac[4] = 0;
	mac[5] = 0;			/* learned from p[0] */
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac, p[1], 0, 0),
			XENVF_EVI_LEARN_PEER_FULL);
	KUNIT_EXPECT_PTR_EQ(test, xenvf_evi_mac_find(e, 100, mac)->peer, p[0]);
	/* the others still learn, up to the table's limit */
	learn_n(test, e, p[2], 2 * XENVF_EVI_MAX_LEARNED_PER_PEER,
		XENVF_EVI_MAX_LEARNED_PER_PEER, false);
	learn_n(test, e, p[3], 3 * XENVF_EVI_MAX_LEARNED_PER_PEER,
		XENVF_EVI_MAX_MACS - 3 * XENVF_EVI_MAX_LEARNED_PER_PEER, false);
	KUNIT_EXPECT_EQ(test, p[3]->nr_learned,
			XENVF_EVI_MAX_MACS - 3 * XENVF_EVI_MAX_LEARNED_PER_PEER);
	mac[3] = 9;
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac, p5, 0, 0),
			XENVF_EVI_LEARN_FULL);
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_add(e, 100, mac, &p1, 0, 0),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, e->nr_macs, XENVF_EVI_MAX_MACS);
	/* a static entry is the admin's: it does not count in a share */
	KUNIT_EXPECT_EQ(test, xenvf_evi_flush(e), XENVF_EVI_MAX_MACS);
	KUNIT_EXPECT_EQ(test, p[0]->nr_learned, 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_add(e, 100, mac, &p1, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, p[0]->nr_learned, 0);
}

/*
 * Peer deletion racing learning: the data path found the peer under RCU
 * (xenvf_evi_rx_check()), then the admin deleted it, then the frame's
 * source is learned. Nothing may point at the peer afterwards: it is
 * freed after the grace period (KASAN on the test kernel sees a use).
 */
static void table_peer_delete_races_learning(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_peer *a, *b;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p2), 0);
	b = xenvf_evi_peer_find(e, &p2);
	KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 100, mac_r, b, 0, 0),
			XENVF_EVI_LEARN_NEW);
	rcu_read_lock();
	a = xenvf_evi_peer_find(e, &p1);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 100, mac_s, a,
					      htonl(0xc0000214), 0),
			XENVF_EVI_LEARN_NEW);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_del(e, &p1), 0);
	KUNIT_EXPECT_FALSE(test, refers_to(e, a));
	/* a new MAC, a known one moving, an address: none links to it */
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac_s, a, 0, 1),
			XENVF_EVI_LEARN_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac_r, a,
					      htonl(0xc0000215), 1),
			XENVF_EVI_LEARN_NONE);
	KUNIT_EXPECT_FALSE(test, refers_to(e, a));
	rcu_read_unlock();
	KUNIT_EXPECT_NULL(test, xenvf_evi_mac_find(e, 100, mac_s));
	KUNIT_EXPECT_PTR_EQ(test, xenvf_evi_mac_find(e, 100, mac_r)->peer, b);
	KUNIT_EXPECT_EQ(test, e->nr_macs, 1);
	KUNIT_EXPECT_EQ(test, b->nr_learned, 1);
	rcu_barrier();			/* @a is freed now */
	KUNIT_EXPECT_FALSE(test, refers_to(e, a));
}

/* A peer claiming a local VF's MAC is refused in each VLAN the VF is in. */
static void table_local_mac_never_learned(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_peer *a;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_vlan_add(e, 200), 0);
	a = xenvf_evi_peer_find(e, &p1);
	e->is_local = test_is_local;
	ether_addr_copy(local_mac, mac_s);
	local_vid = 100;
	local_set = true;
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac_s, a,
					      htonl(0xc0000214), 0),
			XENVF_EVI_LEARN_LOCAL);
	KUNIT_EXPECT_EQ(test, (unsigned int)XENVF_EVI_LEARN_LOCAL,
			(unsigned int)XENVF_EVI_S_LEARN_LOCAL_REFUSED);
	KUNIT_EXPECT_NULL(test, xenvf_evi_mac_find(e, 100, mac_s));
	/* nor may the admin declare it remote in that VLAN */
	KUNIT_EXPECT_EQ(test, xenvf_evi_mac_add(e, 100, mac_s, &p1, 0, 0),
			-EADDRINUSE);
	KUNIT_EXPECT_NULL(test, xenvf_evi_mac_find(e, 100, mac_s));
	rcu_read_lock();
	KUNIT_EXPECT_NULL(test, xenvf_evi_ip_find(e, 100, htonl(0xc0000214)));
	rcu_read_unlock();
	/* the same MAC in a VLAN the VF is not in is someone else's */
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 200, mac_s, a, 0, 0),
			XENVF_EVI_LEARN_NEW);
	/* learned before the VF had it: the next frame takes it away */
	KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 100, mac_r, a, 0, 0),
			XENVF_EVI_LEARN_NEW);
	ether_addr_copy(local_mac, mac_r);
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac_r, a, 0, 1),
			XENVF_EVI_LEARN_LOCAL);
	KUNIT_EXPECT_NULL(test, xenvf_evi_mac_find(e, 100, mac_r));
	KUNIT_EXPECT_EQ(test, e->nr_macs, 1);
	KUNIT_EXPECT_EQ(test, a->nr_learned, 1);
}

/*
 * ARP suppression's lookup is one chain of a seeded hash in which each
 * (VLAN, address) has one entry: right answers, and chains that stay
 * short with a full table (4096 entries in 1024 buckets).
 */
static void table_arp_lookup_hashed(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	const struct xenvf_evi_addr *pa[] = { &p1, &p2, &p3 };
	struct xenvf_evi_addr a4 = p3;
	struct xenvf_evi_peer *p[4];
	struct xenvf_evi_mac *m;
	u8 mac[ETH_ALEN];
	unsigned int i, n;

	a4.a[3] = 5;
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, i < 3 ? pa[i] : &a4), 0);
		p[i] = xenvf_evi_peer_find(e, i < 3 ? pa[i] : &a4);
		learn_n(test, e, p[i], i * XENVF_EVI_MAX_LEARNED_PER_PEER,
			XENVF_EVI_MAX_LEARNED_PER_PEER, true);
	}
	KUNIT_ASSERT_EQ(test, e->nr_macs, XENVF_EVI_MAX_MACS);
	KUNIT_EXPECT_LE(test, longest(e->ips, ARRAY_SIZE(e->ips)), 24U);
	KUNIT_EXPECT_LE(test, longest(e->macs, ARRAY_SIZE(e->macs)), 24U);
	memcpy(mac, mac_r, ETH_ALEN);
	rcu_read_lock();
	for (i = 0; i < XENVF_EVI_MAX_MACS; i += 511) {
		m = xenvf_evi_ip_find(e, 100, htonl(0x0a000000 + i));
		mac[4] = i >> 8;
		mac[5] = i;
		KUNIT_ASSERT_NOT_NULL(test, m);
		expect_bytes(test, m->mac, mac, ETH_ALEN);
	}
	KUNIT_EXPECT_NULL(test, xenvf_evi_ip_find(e, 100, htonl(0x0b000000)));
	KUNIT_EXPECT_NULL(test, xenvf_evi_ip_find(e, 0, htonl(0x0a000000)));
	rcu_read_unlock();

	/* 1000 MACs claiming one address: the last one holds it, alone */
	KUNIT_EXPECT_EQ(test, xenvf_evi_flush(e), XENVF_EVI_MAX_MACS);
	for (i = 0; i < 1000; i++) {
		mac[4] = i >> 8;
		mac[5] = i;
		KUNIT_ASSERT_EQ(test, xenvf_evi_learn(e, 100, mac, p[0],
						      htonl(0xc0000214), 0),
				XENVF_EVI_LEARN_NEW);
	}
	KUNIT_EXPECT_EQ(test, longest(e->ips, ARRAY_SIZE(e->ips)), 1U);
	rcu_read_lock();
	m = xenvf_evi_ip_find(e, 100, htonl(0xc0000214));
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, m->mac[5], 999 & 0xff);
	rcu_read_unlock();
	/* a learned MAC that changes address answers for the new one only */
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac, p[0],
					      htonl(0xc0000215), 1),
			XENVF_EVI_LEARN_NONE);
	rcu_read_lock();
	KUNIT_EXPECT_NULL(test, xenvf_evi_ip_find(e, 100, htonl(0xc0000214)));
	m = xenvf_evi_ip_find(e, 100, htonl(0xc0000215));
	KUNIT_EXPECT_PTR_EQ(test, m, xenvf_evi_mac_find(e, 100, mac));
	rcu_read_unlock();
	/* the admin's address is not taken by traffic; the admin takes any */
	mac[5] = 7;
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_add(e, 100, mac_s, &p1,
						htonl(0xc0000215), 0), 0);
	KUNIT_EXPECT_EQ(test, xenvf_evi_learn(e, 100, mac, p[0],
					      htonl(0xc0000215), 2),
			XENVF_EVI_LEARN_NONE);
	rcu_read_lock();
	m = xenvf_evi_ip_find(e, 100, htonl(0xc0000215));
	KUNIT_ASSERT_NOT_NULL(test, m);
	expect_bytes(test, m->mac, mac_s, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, m->type, XENVF_EVI_MAC_STATIC);
	rcu_read_unlock();
	for (i = 0, n = 0; i < ARRAY_SIZE(e->ips); i++)
		hlist_for_each_entry(m, &e->ips[i], ip_node)
			n++;
	KUNIT_EXPECT_EQ(test, n, 1U);
}

static void fwd_non_extended_vlan_untouched(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_tx_plan plan;
	struct ethhdr eth = frame(bcast);

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 7, false, &plan),
			XENVF_EVI_TX_UPLINK);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 0, false, &plan),
			XENVF_EVI_TX_UPLINK);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, false, &plan),
			XENVF_EVI_TX_FLOOD);
}

static void fwd_disabled_is_uplink(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_cfg c = *rcu_dereference_protected(e->cfg, true);
	struct xenvf_evi_tx_plan plan;
	struct ethhdr eth = frame(bcast);

	c.enabled = false;
	KUNIT_ASSERT_EQ(test, xenvf_evi_set_cfg(e, &c), 0);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, false, &plan),
			XENVF_EVI_TX_UPLINK);
}

static void fwd_known_unicast_to_its_peer(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_tx_plan plan;
	struct ethhdr eth = frame(mac_r);

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p2), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p2, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, false, &plan),
			XENVF_EVI_TX_PEER);
	KUNIT_EXPECT_PTR_EQ(test, plan.peer, xenvf_evi_peer_find(e, &p2));
}

static void fwd_broadcast_to_each_peer_once(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_peer *out[XENVF_EVI_MAX_PEERS];
	struct xenvf_evi_tx_plan plan;
	struct ethhdr eth = frame(bcast);
	unsigned int n;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p2), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p3), 0);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, false, &plan),
			XENVF_EVI_TX_FLOOD);
	eth = frame(mcast);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, false, &plan),
			XENVF_EVI_TX_FLOOD);
	rcu_read_lock();
	n = xenvf_evi_flood_targets(e, out, ARRAY_SIZE(out));
	rcu_read_unlock();
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_TRUE(test, xenvf_evi_addr_equal(&out[0]->addr, &p1));
	KUNIT_EXPECT_TRUE(test, xenvf_evi_addr_equal(&out[1]->addr, &p2));
	KUNIT_EXPECT_TRUE(test, xenvf_evi_addr_equal(&out[2]->addr, &p3));
	rcu_read_lock();
	n = xenvf_evi_flood_targets(e, out, 2);	/* bounded by the room */
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, n, 2);
}

static void fwd_unknown_unicast_flood_control(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_tx_plan plan;
	struct ethhdr eth = frame(mac_r);

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, false, &plan),
			XENVF_EVI_TX_HOLD);
	set(e, true, false);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, false, &plan),
			XENVF_EVI_TX_FLOOD);
}

static void fwd_split_horizon(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_tx_plan plan;
	struct ethhdr eth = frame(bcast);

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p2), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p2, 0, 0), 0);
	set(e, true, false);
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, true, &plan),
			XENVF_EVI_TX_SPLIT_HORIZON);
	eth = frame(mac_r);		/* even to a MAC behind another peer */
	KUNIT_EXPECT_EQ(test, decide(e, &eth, sizeof(eth), 100, true, &plan),
			XENVF_EVI_TX_SPLIT_HORIZON);
	KUNIT_EXPECT_NULL(test, plan.peer);
}

static const u8 arp_req[42] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x16, 0x3e, 0x00, 0x01, 0x02,
	0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,
	0x00, 0x16, 0x3e, 0x00, 0x01, 0x02, 192, 0, 2, 10,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 192, 0, 2, 20,
};

static void fwd_arp_suppression(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_tx_plan plan;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_add(e, 100, mac_r, &p1,
						htonl(0xc0000214), 0), 0);
	/* off: the request is flooded like any broadcast */
	KUNIT_EXPECT_EQ(test, decide(e, arp_req, sizeof(arp_req), 100, false,
				     &plan), XENVF_EVI_TX_FLOOD);
	set(e, false, true);
	KUNIT_EXPECT_EQ(test, decide(e, arp_req, sizeof(arp_req), 100, false,
				     &plan), XENVF_EVI_TX_ARP_REPLY);
	KUNIT_ASSERT_NOT_NULL(test, plan.owner);
	expect_bytes(test, plan.owner->mac, mac_r, ETH_ALEN);
	/* an address nobody remote owns is still flooded */
	KUNIT_ASSERT_EQ(test, xenvf_evi_mac_del(e, 100, mac_r), 0);
	KUNIT_EXPECT_EQ(test, decide(e, arp_req, sizeof(arp_req), 100, false,
				     &plan), XENVF_EVI_TX_FLOOD);
}

static void fwd_rx_only_from_peers_and_extended(struct kunit *test)
{
	struct xenvf_evi *e = test->priv;
	struct xenvf_evi_peer *peer;

	KUNIT_ASSERT_EQ(test, xenvf_evi_peer_add(e, &p1), 0);
	rcu_read_lock();
	KUNIT_EXPECT_EQ(test, xenvf_evi_rx_check(e, 100, &p2, &peer),
			XENVF_EVI_S_RX_UNKNOWN_PEER);
	KUNIT_EXPECT_EQ(test, xenvf_evi_rx_check(e, 101, &p1, &peer),
			XENVF_EVI_S_RX_NOT_EXTENDED);
	KUNIT_EXPECT_EQ(test, xenvf_evi_rx_check(e, 100, &p1, &peer),
			XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_PTR_EQ(test, peer, xenvf_evi_peer_find(e, &p1));
	rcu_read_unlock();
}

static struct kunit_case evi_fwd_cases[] = {
	KUNIT_CASE(table_peers),
	KUNIT_CASE(table_local_family_follows_peers),
	KUNIT_CASE(table_vlans),
	KUNIT_CASE(table_static_macs),
	KUNIT_CASE(table_deleting_peer_or_vlan_drops_macs),
	KUNIT_CASE(table_learning_moves_and_static),
	KUNIT_CASE(table_aging_and_flush),
	KUNIT_CASE(table_full),
	KUNIT_CASE(table_peer_delete_races_learning),
	KUNIT_CASE(table_local_mac_never_learned),
	KUNIT_CASE(table_arp_lookup_hashed),
	KUNIT_CASE(fwd_non_extended_vlan_untouched),
	KUNIT_CASE(fwd_disabled_is_uplink),
	KUNIT_CASE(fwd_known_unicast_to_its_peer),
	KUNIT_CASE(fwd_broadcast_to_each_peer_once),
	KUNIT_CASE(fwd_unknown_unicast_flood_control),
	KUNIT_CASE(fwd_split_horizon),
	KUNIT_CASE(fwd_arp_suppression),
	KUNIT_CASE(fwd_rx_only_from_peers_and_extended),
	{}
};

static struct kunit_suite evi_fwd_suite = {
	.name = "xenvf_evi_fwd",
	.init = evi_init,
	.exit = evi_exit,
	.test_cases = evi_fwd_cases,
};

kunit_test_suite(evi_fwd_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit: xenvf EVI tables and forwarding rules");
