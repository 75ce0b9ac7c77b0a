// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_switch.c: frames through the switch with
 * real ports and filters, checking where each goes and that every frame
 * not delivered is counted under its reason (the drop accounting). The
 * VF's RX queue is replaced by a recorder; no uplink is set, except in the
 * cases that register a recording netdev as the uplink (uplink_on()).
 * Representors, where a case needs them, are plain registered netdevs
 * with a packet tap on them (tap_on(): dev_add_pack(), as AF_PACKET).
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/ip.h>
#include <net/tcp.h>

#include "back_egress.c"
#include "back_fcoe.c"
#include "back_fcoe_skb.c"
#include "back_fwd.c"
#include "back_mac.c"
#include "back_rep_tap.c"
#include "back_switch.c"

int xenvf_mode = XENVF_MODE_VEB;
struct net_device __rcu *xenvf_uplink;
bool xenvf_uplink_waiting;
unsigned int xenvf_fcoe_prio = 3;

/* Instead of evi_dp.c: EVI off, no VLAN is extended (xenvf_evi_fwd tests it). */
bool xenvf_evi_from_vf(struct xenvf_back_vf *src, struct sk_buff *skb, u16 vid)
{
	return false;
}

/* Instead of back_rx.c: record the frame and its destination. */
static struct xenvf_back_vf *last_dst;
static unsigned int delivered;
static u16 last_tci;
static bool last_cloned;	/* the delivered frame shared its data (a tap's clone) */
static struct xenvf_back_vf *watch_a, *watch_b;	/* the fixture's ports */
static unsigned int got_a, got_b;		/* frames each received */

void xenvf_back_queue_deliver(struct xenvf_back_vf *vf, struct sk_buff *skb)
{
	const struct vlan_ethhdr *veth = (const struct vlan_ethhdr *)skb->data;

	last_dst = vf;
	delivered++;
	got_a += vf == watch_a;
	got_b += vf == watch_b;
	last_cloned = skb_cloned(skb);
	if (skb_vlan_tag_present(skb))
		last_tci = skb_vlan_tag_get(skb);
	else
		last_tci = veth->h_vlan_proto == htons(ETH_P_8021Q) ?
			   ntohs(veth->h_vlan_TCI) : 0;
	kfree_skb(skb);
}

/*
 * A frame from a VF, switched as the VF's TX poll switches it: in NAPI's
 * softirq (bottom halves off), so a sleeping call on the switch's path is
 * caught (CONFIG_DEBUG_ATOMIC_SLEEP; tests/kunit/run.sh fails on it).
 */
static void switch_bh(struct xenvf_back_vf *src, struct sk_buff *skb)
{
	local_bh_disable();
	xenvf_back_switch(src, skb);
	local_bh_enable();
}

static const u8 mac_a[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0b };
static const u8 mac_c[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0c };
static const u8 mc_x[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 };
static const u8 bcast_mac[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

struct sw_ctx {
	struct xenvf_back_vf *a, *b;
};

static struct xenvf_back_vf *add_port(struct kunit *test, const u8 *mac)
{
	struct xenvf_back_vf *vf = kunit_kzalloc(test, sizeof(*vf), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vf);
	mutex_init(&vf->lock);
	ether_addr_copy(vf->cfg.mac, mac);
	mutex_lock(&vf->lock);
	KUNIT_ASSERT_EQ(test, xenvf_mac_claim_mac(&vf->cfg.own, mac), 0);
	mutex_unlock(&vf->lock);
	vf->cfg.spoofchk = true;
	vf->cfg.xcast = XENVF_XCAST_MULTI;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_add(vf), 0);
	return vf;
}

static struct sk_buff *frame(const u8 *src, const u8 *dst, int vid)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct ethhdr *eth;

	if (!skb)
		return NULL;
	if (vid >= 0) {
		struct vlan_ethhdr *v = skb_put_zero(skb, VLAN_ETH_HLEN);

		ether_addr_copy(v->h_dest, dst);
		ether_addr_copy(v->h_source, src);
		v->h_vlan_proto = htons(ETH_P_8021Q);
		v->h_vlan_TCI = htons(vid);
		v->h_vlan_encapsulated_proto = htons(ETH_P_IP);
	} else {
		eth = skb_put_zero(skb, ETH_HLEN);
		ether_addr_copy(eth->h_dest, dst);
		ether_addr_copy(eth->h_source, src);
		eth->h_proto = htons(ETH_P_IP);
	}
	skb_put_zero(skb, 46);
	return skb;
}

static u64 count(struct xenvf_back_vf *vf, enum xenvf_sw_counter c)
{
	return atomic64_read(&vf->sw[c]);
}

static int sw_init(struct kunit *test)
{
	struct sw_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	xenvf_mode = XENVF_MODE_VEB;
	WRITE_ONCE(xenvf_uplink_waiting, false);
	delivered = 0;
	last_dst = NULL;
	ctx->a = add_port(test, mac_a);
	ctx->b = add_port(test, mac_b);
	watch_a = ctx->a;
	watch_b = ctx->b;
	got_a = 0;
	got_b = 0;
	test->priv = ctx;
	return 0;
}

static void release(struct xenvf_back_vf *vf)
{
	xenvf_back_switch_del(vf);
	mutex_lock(&vf->lock);
	xenvf_mac_release(&vf->cfg.own);
	mutex_unlock(&vf->lock);
}

static void sw_exit(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	release(ctx->a);
	release(ctx->b);
	rcu_barrier();		/* filters freed before the next case */
}

static void send(struct kunit *test, struct xenvf_back_vf *src,
		 const u8 *from, const u8 *to, int vid)
{
	struct sk_buff *skb = frame(from, to, vid);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	switch_bh(src, skb);
}

static void sw_unicast_delivered_and_counted(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_PTR_EQ(test, last_dst, ctx->b);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_TO_VF), 1);
}

static void sw_every_drop_counted(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	send(test, ctx->a, mac_c, mac_b, -1);		/* spoofed */
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_SPOOF), 1);
	send(test, ctx->a, mac_a, mac_b, 100);		/* VLAN not added */
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_VLAN), 1);
	send(test, ctx->a, mac_a, mac_c, -1);		/* nobody, no uplink */
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_DEST), 1);
	send(test, ctx->a, mac_a, mc_x, -1);		/* B did not join */
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_MC_FILTERED), 1);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	xenvf_mode = XENVF_MODE_VEPA;			/* VEPA, no uplink */
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_UPLINK), 1);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_TO_VF), 0);
}

static void sw_filters_follow_updates(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	mutex_lock(&ctx->b->lock);
	ether_addr_copy(ctx->b->cfg.mc[0], mc_x);
	ctx->b->cfg.mc_count = 1;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	send(test, ctx->a, mac_a, mc_x, -1);
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_MC_FILTERED), 0);

	/* port VLAN 10 on both: delivered untagged; A's own tag refused */
	mutex_lock(&ctx->a->lock);
	ctx->a->cfg.port_vlan = 10;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->a), 0);
	mutex_unlock(&ctx->a->lock);
	send(test, ctx->a, mac_a, mac_b, -1);		/* B not in VLAN 10 */
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_DEST), 1);
	mutex_lock(&ctx->b->lock);
	ctx->b->cfg.port_vlan = 10;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_EQ(test, last_tci, 0);
	send(test, ctx->a, mac_a, mac_b, 10);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_VLAN), 1);

	/* guest VLAN 100 added on both: delivered with its tag */
	mutex_lock(&ctx->a->lock);
	ctx->a->cfg.port_vlan = 0;
	__set_bit(100, ctx->a->cfg.vlans);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->a), 0);
	mutex_unlock(&ctx->a->lock);
	mutex_lock(&ctx->b->lock);
	ctx->b->cfg.port_vlan = 0;
	__set_bit(100, ctx->b->cfg.vlans);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	send(test, ctx->a, mac_a, mac_b, 100);
	KUNIT_EXPECT_EQ(test, delivered, 3);
	KUNIT_EXPECT_EQ(test, last_tci, 100);
}

static void sw_removed_port_gets_nothing(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	xenvf_back_switch_del(ctx->b);
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_DEST), 1);
	/* a second del (disconnect after removal) is harmless */
	xenvf_back_switch_del(ctx->b);
}

/* Give @vf the extra unicast MAC @mac, if it may claim it (@err: 0 or not). */
static void set_uc(struct kunit *test, struct xenvf_back_vf *vf, const u8 *mac,
		   int err)
{
	mutex_lock(&vf->lock);
	KUNIT_EXPECT_EQ(test, xenvf_mac_claim_uc(&vf->cfg.own,
						 (const u8 (*)[ETH_ALEN])mac, 1),
			err);
	vf->cfg.uc_count = 1;
	ether_addr_copy(vf->cfg.uc[0], mac);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(vf), 0);
	mutex_unlock(&vf->lock);
}

/* A FIP or FCoE frame (the payload does not matter to the switch). */
static void send_fcoe(struct kunit *test, struct xenvf_back_vf *src,
		      const u8 *from, const u8 *to, u16 type)
{
	struct sk_buff *skb = frame(from, to, -1);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	((struct ethhdr *)skb->data)->h_proto = htons(type);
	switch_bh(src, skb);
}

/*
 * FIP VLAN discovery and VN2VN: a FIP VLAN request to ALL-FCF-MACs reaches
 * the VF that joined it (an FCF); FCoE to a VN_Port MAC reaches the VF that
 * registered it (SET_UC_LIST), and that VF may send from it, FCoE only.
 */
static void sw_fcoe_fip_and_vn_ports(struct kunit *test)
{
	static const u8 all_fcf[ETH_ALEN] = { 0x01, 0x10, 0x18, 0x01, 0x00, 0x02 };
	static const u8 vn_a[ETH_ALEN] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x0a };
	static const u8 vn_b[ETH_ALEN] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x0b };
	struct sw_ctx *ctx = test->priv;

	send_fcoe(test, ctx->a, mac_a, all_fcf, ETH_P_FIP);
	KUNIT_EXPECT_EQ(test, delivered, 0);		/* b did not join */
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_MC_FILTERED), 1);
	mutex_lock(&ctx->b->lock);
	ctx->b->cfg.mc_count = 1;
	ether_addr_copy(ctx->b->cfg.mc[0], all_fcf);
	mutex_unlock(&ctx->b->lock);
	set_uc(test, ctx->b, vn_b, 0);
	set_uc(test, ctx->a, vn_a, 0);
	send_fcoe(test, ctx->a, mac_a, all_fcf, ETH_P_FIP);
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_PTR_EQ(test, last_dst, ctx->b);
	send_fcoe(test, ctx->a, vn_a, vn_b, ETH_P_FCOE);
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_PTR_EQ(test, last_dst, ctx->b);
	send_fcoe(test, ctx->a, vn_a, mac_b, ETH_P_IP);	/* not FCoE: spoofed */
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_SPOOF), 1);
	send_fcoe(test, ctx->a, vn_b, vn_b, ETH_P_FCOE);	/* b's VN_Port */
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_SPOOF), 2);
}

/* ---- VLAN tag stacks (docs/design.md, "Isolation rules") ---- */

/*
 * A frame with in-band tags @pairs (TPID, TCI pairs), and, if @desc_tci >=
 * 0, the tag a TX descriptor carries (XENVF_TXF_VLAN, out of band).
 */
static struct sk_buff *tagged(const u8 *src, const u8 *dst, const u16 *pairs,
			      unsigned int n, int desc_tci)
{
	struct sk_buff *skb = alloc_skb(2048, GFP_KERNEL);
	unsigned int i;
	u8 *p;

	if (!skb)
		return NULL;
	p = skb_put_zero(skb, ETH_ALEN * 2);
	ether_addr_copy(p, dst);
	ether_addr_copy(p + ETH_ALEN, src);
	for (i = 0; i < 2 * n; i++)
		*(__be16 *)skb_put(skb, 2) = htons(pairs[i]);
	*(__be16 *)skb_put(skb, 2) = htons(ETH_P_IP);
	skb_put_zero(skb, 46);
	if (desc_tci >= 0)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), desc_tci);
	return skb;
}

/* The recording uplink: frames it was handed and the last one's VLAN. */
static struct net_device *up_dev;
static unsigned int up_sent;
static int up_last_vid;

static netdev_tx_t up_xmit(struct sk_buff *skb, struct net_device *dev)
{
	up_sent++;
	up_last_vid = skb_vlan_tag_present(skb) ? skb_vlan_tag_get_id(skb) : -1;
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops up_ops = {
	.ndo_start_xmit = up_xmit,
};

static void up_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &up_ops;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->features = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_TSO |
			NETIF_F_TSO6 | NETIF_F_HW_VLAN_CTAG_TX;
	dev->hw_features = dev->features;
}

static void uplink_on(struct kunit *test)
{
	int err;

	up_sent = 0;
	up_last_vid = -2;
	up_dev = alloc_netdev(0, "xvfkup%d", NET_NAME_UNKNOWN, up_setup);
	KUNIT_ASSERT_NOT_NULL(test, up_dev);
	rtnl_lock();
	err = register_netdevice(up_dev);
	if (!err)
		err = dev_open(up_dev, NULL);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	rcu_assign_pointer(xenvf_uplink, up_dev);
}

static void uplink_off(void)
{
	RCU_INIT_POINTER(xenvf_uplink, NULL);
	synchronize_net();
	unregister_netdev(up_dev);
	free_netdev(up_dev);
	up_dev = NULL;
}

static void add_vlan(struct kunit *test, struct xenvf_back_vf *vf, u16 vid)
{
	mutex_lock(&vf->lock);
	__set_bit(vid, vf->cfg.vlans);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(vf), 0);
	mutex_unlock(&vf->lock);
}

/*
 * VLAN hopping from a VF that has no VLAN 100 towards B's VLAN 100 and the
 * uplink's: nothing gets there, each frame is counted once.
 */
static void sw_vlan_hopping_refused(struct kunit *test)
{
	static const u16 prio_q[] = { ETH_P_8021Q, 0, ETH_P_8021Q, 100 };
	static const u16 prio_ad[] = { ETH_P_8021AD, 0, ETH_P_8021Q, 100 };
	static const u16 qinq[] = { ETH_P_8021AD, 100, ETH_P_8021Q, 100 };
	static const u16 inner_q[] = { ETH_P_8021Q, 100 };
	static const u16 inner_200[] = { ETH_P_8021Q, 200 };
	static const u16 s_tag[] = { ETH_P_8021AD, 100 };
	struct sw_ctx *ctx = test->priv;
	const u8 *dsts[] = { mac_b, bcast_mac, mac_c };
	unsigned int i;

	uplink_on(test);
	add_vlan(test, ctx->b, 100);
	for (i = 0; i < ARRAY_SIZE(dsts); i++) {
		/* 0x8100 VID 0 + 0x8100 VID 100 */
		switch_bh(ctx->a, tagged(mac_a, dsts[i], prio_q, 2, -1));
		/* 0x88a8 VID 0 + 0x8100 VID 100 */
		switch_bh(ctx->a, tagged(mac_a, dsts[i], prio_ad, 2, -1));
		/* descriptor tci 0 + in-band 0x8100 VID 100 */
		switch_bh(ctx->a, tagged(mac_a, dsts[i], inner_q, 1, 0));
		/* descriptor priority bits only + in-band tag */
		switch_bh(ctx->a, tagged(mac_a, dsts[i], inner_q, 1, 0xa000));
		/* QinQ, and a lone 802.1ad tag */
		switch_bh(ctx->a, tagged(mac_a, dsts[i], qinq, 2, -1));
		switch_bh(ctx->a, tagged(mac_a, dsts[i], s_tag, 1, -1));
	}
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_VLAN_STACK), 18);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_VLAN), 0);
	/* descriptor tag 100 allowed + in-band 200 not allowed */
	add_vlan(test, ctx->a, 100);
	switch_bh(ctx->a, tagged(mac_a, mac_b, inner_200, 1, 100));
	switch_bh(ctx->a, tagged(mac_a, bcast_mac, inner_200, 1, 100));
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_VLAN), 2);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	KUNIT_EXPECT_EQ(test, up_sent, 0);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_TO_UPLINK), 0);
	/* the same VLAN sent as the rule wants it gets through */
	switch_bh(ctx->a, tagged(mac_a, mac_b, NULL, 0, 100));
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_EQ(test, last_tci, 100);
	switch_bh(ctx->a, tagged(mac_a, mac_c, inner_q, 1, -1));
	KUNIT_EXPECT_EQ(test, up_sent, 1);
	KUNIT_EXPECT_EQ(test, up_last_vid, 100);
	uplink_off();
}

/* Under a port VLAN, priority-tagged and stacked frames are refused too. */
static void sw_port_vlan_priority_tag(struct kunit *test)
{
	static const u16 prio[] = { ETH_P_8021Q, 0 };
	static const u16 prio_q[] = { ETH_P_8021Q, 0, ETH_P_8021Q, 10 };
	struct sw_ctx *ctx = test->priv;

	mutex_lock(&ctx->a->lock);
	ctx->a->cfg.port_vlan = 10;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->a), 0);
	mutex_unlock(&ctx->a->lock);
	mutex_lock(&ctx->b->lock);
	ctx->b->cfg.port_vlan = 10;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	switch_bh(ctx->a, tagged(mac_a, mac_b, prio, 1, -1));
	switch_bh(ctx->a, tagged(mac_a, mac_b, prio_q, 2, -1));
	switch_bh(ctx->a, tagged(mac_a, mac_b, NULL, 0, 0));
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_VLAN), 3);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	switch_bh(ctx->a, tagged(mac_a, mac_b, NULL, 0, -1));
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_EQ(test, last_tci, 0);
}

/* A frame from the uplink (its outer tag out of band, as the core leaves it). */
static struct sk_buff *from_up(const u8 *dst, __be16 tpid, int tci,
			       const u16 *pairs, unsigned int n)
{
	struct sk_buff *skb = tagged(mac_c, dst, pairs, n, -1);

	if (skb && tci >= 0)
		__vlan_hwaccel_put_tag(skb, tpid, tci);
	return skb;
}

static void offer_from_up(struct kunit *test, struct sk_buff *skb, bool owned)
{
	bool got;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	got = xenvf_back_switch_from_uplink(skb);
	KUNIT_EXPECT_EQ(test, got, owned);
	if (!got)
		kfree_skb(skb);		/* the uplink's own stack's */
}

/* From the uplink, 802.1ad is never delivered as 802.1Q. */
static void sw_uplink_8021ad_not_delivered(struct kunit *test)
{
	static const u16 inner_q[] = { ETH_P_8021Q, 100 };
	struct sw_ctx *ctx = test->priv;

	add_vlan(test, ctx->b, 100);
	offer_from_up(test, from_up(mac_b, htons(ETH_P_8021AD), 100, NULL, 0),
		      false);
	offer_from_up(test, from_up(bcast_mac, htons(ETH_P_8021AD), 100, NULL, 0),
		      false);
	/* priority tag + inner tag 100: no VF's VLAN either */
	offer_from_up(test, from_up(mac_b, htons(ETH_P_8021Q), 0, inner_q, 1),
		      false);
	offer_from_up(test, from_up(bcast_mac, htons(ETH_P_8021AD), 0, inner_q, 1),
		      false);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_FROM_UPLINK), 0);
	/* 802.1Q VLAN 100 is B's */
	offer_from_up(test, from_up(mac_b, htons(ETH_P_8021Q), 100, NULL, 0),
		      true);
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_EQ(test, last_tci, 100);
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_FROM_UPLINK), 1);
}

/* ---- RCU: a filter is freed only after every reader is done ---- */

static void sw_old_filter_outlives_readers(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;
	const struct xenvf_port_filter *old;
	struct xenvf_port_filter *f;
	u8 seen[ETH_ALEN];

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	ether_addr_copy(f->mac, mac_c);
	mutex_lock(&ctx->a->lock);
	rcu_read_lock();
	old = rcu_dereference(ctx->a->filter);	/* as a's TX work holds it */
	KUNIT_ASSERT_NOT_NULL(test, old);
	filter_publish(ctx->a, f);		/* update (SET_MAC, admin) */
	ether_addr_copy(seen, old->mac);	/* KASAN: freed too early? */
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(seen, mac_a));
	old = rcu_dereference(ctx->a->filter);
	filter_publish(ctx->a, NULL);		/* removal (switch_del) */
	ether_addr_copy(seen, old->mac);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(seen, mac_c));
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(ctx->a->filter));
	rcu_read_unlock();
	mutex_unlock(&ctx->a->lock);
	synchronize_rcu();
	/* a's frames are dropped (no filter) until it is published again */
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	mutex_lock(&ctx->a->lock);
	KUNIT_EXPECT_EQ(test, xenvf_back_switch_update(ctx->a), 0);
	mutex_unlock(&ctx->a->lock);
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, delivered, 1);
}

/* ---- MAC ownership: the switch sees only MACs a VF owns ---- */

static void sw_unowned_mac_not_switched(struct kunit *test)
{
	static const u8 vn[ETH_ALEN] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x0a };
	struct sw_ctx *ctx = test->priv;

	/* b takes a's MAC without owning it (as a hostile SET_MAC would) */
	mutex_lock(&ctx->b->lock);
	KUNIT_EXPECT_EQ(test, xenvf_mac_claim_mac(&ctx->b->cfg.own, mac_a),
			-EADDRINUSE);
	ether_addr_copy(ctx->b->cfg.mac, mac_a);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	send(test, ctx->b, mac_a, mac_a, -1);	/* spoofed: b owns no MAC */
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_SPOOF), 1);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	mutex_lock(&ctx->b->lock);
	KUNIT_EXPECT_EQ(test, xenvf_mac_claim_mac(&ctx->b->cfg.own, mac_b), 0);
	ether_addr_copy(ctx->b->cfg.mac, mac_b);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	/* and a's VN_Port MAC stays a's: b's claim of it is refused */
	set_uc(test, ctx->a, vn, 0);
	set_uc(test, ctx->b, vn, -EADDRINUSE);
	send_fcoe(test, ctx->b, mac_b, vn, ETH_P_FCOE);
	KUNIT_EXPECT_PTR_EQ(test, last_dst, ctx->a);
	KUNIT_EXPECT_EQ(test, atomic64_read(&ctx->b->cfg.own.refused), 2);
}

/*
 * MAC handover (back_mac.c): the domain's new instance (same UUID) takes
 * a's MAC; once a's port is republished (its mac_lost work) frames to the
 * MAC reach the new port only and a's frames from it are spoofed.
 */
static void sw_mac_handover_republished(struct kunit *test)
{
	static const uuid_t dom = UUID_INIT(0x01234567, 0x89ab, 0xcdef, 0x01,
					    0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef);
	struct sw_ctx *ctx = test->priv;
	struct xenvf_back_vf *n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, n);
	xenvf_mac_claim_init(&ctx->a->cfg.own, &dom, NULL);
	mutex_init(&n->lock);
	xenvf_mac_claim_init(&n->cfg.own, &dom, NULL);
	ether_addr_copy(n->cfg.mac, mac_a);
	n->cfg.spoofchk = true;
	n->cfg.xcast = XENVF_XCAST_MULTI;
	mutex_lock(&n->lock);
	KUNIT_EXPECT_EQ(test, xenvf_mac_claim_mac(&n->cfg.own, mac_a), 0);
	mutex_unlock(&n->lock);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_add(n), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&ctx->a->cfg.own.handed_over), 1);
	mutex_lock(&ctx->a->lock);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->a), 0);
	mutex_unlock(&ctx->a->lock);
	send(test, ctx->b, mac_b, mac_a, -1);
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_PTR_EQ(test, last_dst, n);
	send(test, ctx->a, mac_a, mac_b, -1);	/* the old port: spoofed */
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_SPOOF), 1);
	KUNIT_EXPECT_EQ(test, delivered, 1);
	send(test, n, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_EQ(test, count(n, XENVF_SW_SPOOF), 0);
	release(n);
}

/* ---- the uplink's MTU ---- */

/* A TCP frame of @len bytes with GSO segments of @gso_size (0: none). */
static struct sk_buff *tcp_frame(unsigned int len, unsigned int gso_size)
{
	struct sk_buff *skb = alloc_skb(len + NET_IP_ALIGN, GFP_KERNEL);
	struct ethhdr *eth;
	struct iphdr *ip;
	struct tcphdr *th;

	if (!skb)
		return NULL;
	skb_reserve(skb, NET_IP_ALIGN);
	eth = skb_put_zero(skb, len);
	ether_addr_copy(eth->h_dest, mac_c);
	ether_addr_copy(eth->h_source, mac_a);
	eth->h_proto = htons(ETH_P_IP);
	ip = (struct iphdr *)(eth + 1);
	ip->version = 4;
	ip->ihl = 5;
	ip->protocol = IPPROTO_TCP;
	ip->tot_len = htons(len - ETH_HLEN);
	th = (struct tcphdr *)(ip + 1);
	th->doff = 5;
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN + sizeof(*ip));
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = offsetof(struct tcphdr, check);
	if (gso_size) {
		skb_shinfo(skb)->gso_size = gso_size;
		skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	}
	return skb;
}

static void sw_uplink_mtu_enforced(struct kunit *test)
{
	static const u16 inner_q[] = { ETH_P_8021Q, 100 };
	struct sw_ctx *ctx = test->priv;
	struct sk_buff *skb;

	uplink_on(test);			/* MTU 1500 */
	switch_bh(ctx->a, tcp_frame(1514, 0));
	KUNIT_EXPECT_EQ(test, up_sent, 1);
	switch_bh(ctx->a, tcp_frame(1515, 0));
	KUNIT_EXPECT_EQ(test, up_sent, 1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_UPLINK_MTU), 1);
	/* GSO: by the size of its segments (54 bytes of headers + 1460) */
	switch_bh(ctx->a, tcp_frame(9000, 1460));
	KUNIT_EXPECT_EQ(test, up_sent, 2);
	switch_bh(ctx->a, tcp_frame(9000, 1461));
	KUNIT_EXPECT_EQ(test, up_sent, 2);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_UPLINK_MTU), 2);
	/* an inner tag left in band has its 4 bytes (the outer is out of band) */
	add_vlan(test, ctx->a, 100);
	add_vlan(test, ctx->a, 200);
	skb = tagged(mac_a, mac_c, inner_q, 1, 200);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_zero(skb, 1518 - skb->len);
	switch_bh(ctx->a, skb);
	KUNIT_EXPECT_EQ(test, up_sent, 3);
	KUNIT_EXPECT_EQ(test, up_last_vid, 200);
	skb = tagged(mac_a, mac_c, NULL, 0, 200);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_zero(skb, 1515 - skb->len);
	switch_bh(ctx->a, skb);
	KUNIT_EXPECT_EQ(test, up_sent, 3);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_UPLINK_MTU), 3);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_TO_UPLINK), 3);
	uplink_off();
}

/* The admin's `isolated` key, as back_admin.c applies it. */
static void set_isolated(struct kunit *test, struct xenvf_back_vf *vf, bool on)
{
	mutex_lock(&vf->lock);
	vf->cfg.isolated = on;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(vf), 0);
	mutex_unlock(&vf->lock);
}

/*
 * VF to VF in one copy (back_direct.c): xenvf_back_switch_direct() says
 * yes only where the skb path delivers the frame to exactly that one VF
 * with that tag, and nothing else happens to it; it counts nothing.
 */
static bool direct(struct xenvf_back_vf *src, struct sk_buff *skb,
		   bool tagged, u16 tci, struct xenvf_direct_dst *d)
{
	bool ok;

	rcu_read_lock();
	ok = xenvf_back_switch_direct(src, skb->data, skb_headlen(skb),
				      tagged, tci, d);
	rcu_read_unlock();
	return ok;
}

/* Decide directly, then send the same frame through the skb path. */
static bool direct_agrees(struct kunit *test, struct xenvf_back_vf *src,
			  const u8 *from, const u8 *to, int inband, int oob)
{
	struct xenvf_direct_dst d = {};
	struct sk_buff *skb = frame(from, to, inband);
	unsigned int before = delivered;
	u64 to_vf = count(src, XENVF_SW_TO_VF);
	bool ok;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ok = direct(src, skb, oob >= 0, oob >= 0 ? oob : 0, &d);
	KUNIT_EXPECT_EQ(test, count(src, XENVF_SW_TO_VF), to_vf);
	if (oob >= 0)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), oob);
	last_dst = NULL;
	switch_bh(src, skb);
	if (ok) {
		KUNIT_EXPECT_EQ(test, delivered, before + 1);
		KUNIT_EXPECT_PTR_EQ(test, last_dst, d.vf);
		KUNIT_EXPECT_EQ(test, last_tci, d.tci);
	}
	return ok;
}

/* A representor with a packet tap, as tcpdump -i xvfD.N sets up. */
struct tap {
	struct packet_type pt;		/* ETH_P_ALL on the representor */
	struct packet_type ip;		/* the representor's stack: IPv4 */
	struct net_device *rep;
	unsigned int seen, stack;
	struct sk_buff *held;		/* the last clone, kept: data shared */
	u8 last_src[ETH_ALEN];
	u16 last_tci;
};

static int tap_rcv(struct sk_buff *skb, struct net_device *dev,
		   struct packet_type *pt, struct net_device *orig)
{
	struct tap *t = container_of(pt, struct tap, pt);

	if (dev == t->rep) {
		t->seen++;
		ether_addr_copy(t->last_src, eth_hdr(skb)->h_source);
		t->last_tci = skb_vlan_tag_present(skb) ?
			      skb_vlan_tag_get(skb) : 0;
	}
	kfree_skb(t->held);
	t->held = skb;
	return 0;
}

static int stack_rcv(struct sk_buff *skb, struct net_device *dev,
		     struct packet_type *pt, struct net_device *orig)
{
	container_of(pt, struct tap, ip)->stack++;
	kfree_skb(skb);
	return 0;
}

/* What a representor sends: not these cases' concern. */
static netdev_tx_t rep_xmit(struct sk_buff *skb, struct net_device *dev)
{
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops rep_ops = {
	.ndo_start_xmit = rep_xmit,
};

static void rep_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &rep_ops;
}

/* Give @vf a registered representor; its stack listens, no tap yet. */
static struct tap *rep_on(struct kunit *test, struct xenvf_back_vf *vf)
{
	struct tap *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->rep = alloc_netdev(0, "xvfktap%d", NET_NAME_UNKNOWN, rep_setup);
	KUNIT_ASSERT_NOT_NULL(test, t->rep);
	KUNIT_ASSERT_EQ(test, register_netdev(t->rep), 0);
	t->ip.type = htons(ETH_P_IP);
	t->ip.dev = t->rep;
	t->ip.func = stack_rcv;
	dev_add_pack(&t->ip);
	WRITE_ONCE(vf->rep, t->rep);
	return t;
}

static void tap_on(struct tap *t)
{
	t->pt.type = htons(ETH_P_ALL);
	t->pt.dev = t->rep;
	t->pt.func = tap_rcv;
	dev_add_pack(&t->pt);
}

static void tap_off(struct tap *t)
{
	dev_remove_pack(&t->pt);	/* synchronize_net() inside */
	kfree_skb(t->held);
	t->held = NULL;
}

static void rep_off(struct xenvf_back_vf *vf, struct tap *t)
{
	WRITE_ONCE(vf->rep, NULL);
	dev_remove_pack(&t->ip);
	unregister_netdev(t->rep);
	free_netdev(t->rep);
}

/*
 * A tap on a representor gets a clone of each frame its VF sends and of
 * each frame delivered to it, and only while it listens (no clone, no
 * cost, otherwise); the representor's stack gets none of them.
 */
static void sw_rep_tap_both_ways(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;
	struct tap *ta = rep_on(test, ctx->a), *tb = rep_on(test, ctx->b);

	/* no tap: nothing cloned */
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_FALSE(test, last_cloned);
	KUNIT_EXPECT_TRUE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	/* a tap on A: what A sends (spoofed too: before the checks) */
	tap_on(ta);
	KUNIT_EXPECT_TRUE(test, xenvf_back_rep_tapped(ctx->a));
	KUNIT_EXPECT_FALSE(test, xenvf_back_rep_tapped(ctx->b));
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, ta->seen, 1);
	KUNIT_EXPECT_EQ(test, tb->seen, 0);
	KUNIT_EXPECT_TRUE(test, last_cloned);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(ta->last_src, mac_a));
	send(test, ctx->a, mac_c, mac_b, -1);
	KUNIT_EXPECT_EQ(test, ta->seen, 2);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_SPOOF), 1);
	/* and what is delivered to A: B's frame */
	send(test, ctx->b, mac_b, mac_a, -1);
	KUNIT_EXPECT_EQ(test, ta->seen, 3);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(ta->last_src, mac_b));
	KUNIT_EXPECT_PTR_EQ(test, last_dst, ctx->a);
	/* the direct path (no skb) is not taken while either end is tapped */
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->b, mac_b, mac_a, -1, -1));
	KUNIT_EXPECT_EQ(test, ta->seen, 5);	/* both went the skb path */
	/* a delivery's tap sees the tag the port gets: B's port VLAN 10 */
	tap_on(tb);
	mutex_lock(&ctx->b->lock);
	ctx->b->cfg.port_vlan = 10;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	add_vlan(test, ctx->a, 10);
	send(test, ctx->a, mac_a, mac_b, 10);
	KUNIT_EXPECT_EQ(test, tb->seen, 1);
	KUNIT_EXPECT_EQ(test, ta->seen, 6);
	KUNIT_EXPECT_EQ(test, tb->last_tci, 0);	/* untagged for its port */
	KUNIT_EXPECT_EQ(test, ta->last_tci, 10);	/* as A sent it */
	/* taps off: no clone again, direct path again */
	tap_off(ta);
	tap_off(tb);
	mutex_lock(&ctx->b->lock);
	ctx->b->cfg.port_vlan = 0;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_FALSE(test, last_cloned);
	KUNIT_EXPECT_EQ(test, ta->seen, 6);
	KUNIT_EXPECT_EQ(test, tb->seen, 1);
	KUNIT_EXPECT_TRUE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	/* the representors' own stacks got nothing, tapped or not */
	KUNIT_EXPECT_EQ(test, ta->stack, 0);
	KUNIT_EXPECT_EQ(test, tb->stack, 0);
	rep_off(ctx->a, ta);
	rep_off(ctx->b, tb);
}

static void sw_direct_only_one_owner(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;
	struct xenvf_back_vf *c;

	/* unicast to the VF owning the MAC: yes */
	KUNIT_EXPECT_TRUE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	/* no owner (the uplink's, or dropped), group, spoofed: no */
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_c, -1, -1));
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, bcast_mac, -1, -1));
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mc_x, -1, -1));
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_c, mac_b, -1, -1));
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_SPOOF), 1);
	/* an in-band tag (moved out of band by the skb path): no */
	add_vlan(test, ctx->a, 20);
	add_vlan(test, ctx->b, 20);
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, 20, -1));
	/* the same VLAN asked out of band: yes, the receiver gets the tag */
	KUNIT_EXPECT_TRUE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, 20));
	/* a VLAN the sender may not use: no (the skb path counts it) */
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, 30));
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_VLAN), 1);
	/* a promiscuous port would get a copy: no */
	c = add_port(test, mac_c);
	mutex_lock(&c->lock);
	c->cfg.trusted = true;
	c->cfg.xcast = XENVF_XCAST_PROMISC;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(c), 0);
	mutex_unlock(&c->lock);
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	release(c);
	KUNIT_EXPECT_TRUE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	/* VEPA: every frame leaves by the uplink */
	xenvf_mode = XENVF_MODE_VEPA;
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	/* private mode, an isolated sender or receiver: no (the skb path counts) */
	xenvf_mode = XENVF_MODE_PRIVATE;
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	xenvf_mode = XENVF_MODE_VEB;
	set_isolated(test, ctx->a, true);
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	set_isolated(test, ctx->a, false);
	set_isolated(test, ctx->b, true);
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_ISOLATED), 2);
	set_isolated(test, ctx->b, false);
	KUNIT_EXPECT_TRUE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
}

/* ---- switch modes (veb, vepa, private) and isolated VFs ---- */

/*
 * What happens to a frame, for each mode (VEB, VEPA, private) and each
 * isolation (none, a isolated, b isolated): the strings are indexed by
 * the isolation. b: '1' if b received it. up: '1' if the uplink was
 * handed it. kept: what a's counters say ('-' nothing, 'P' drop_private,
 * 'I' drop_isolated); a is the VF every frame here is from (sent by a, or
 * a reflection of a's: its source MAC), or none (from mac_c, outside).
 */
static const struct mode_row {
	const char *what;
	bool from_up;		/* offered by the uplink, else sent by a */
	const u8 *src, *dst;
	const char *b[3], *up[3], *kept[3];
	bool a_gets;		/* a received it too */
	bool owned;		/* from the uplink: consumed by the switch */
} mode_rows[] = {
	{ "unicast a to b", false, mac_a, mac_b,
	  { "100", "000", "000" }, { "000", "100", "000" },
	  { "-II", "-II", "PPP" } },
	{ "broadcast from a", false, mac_a, bcast_mac,
	  { "100", "000", "000" }, { "111", "111", "111" },
	  { "-II", "---", "---" } },
	{ "multicast from a (b joined)", false, mac_a, mc_x,
	  { "100", "000", "000" }, { "111", "111", "111" },
	  { "-II", "---", "---" } },
	{ "from the uplink, unicast to b", true, mac_c, mac_b,
	  { "111", "111", "111" }, { "000", "000", "000" },
	  { "---", "---", "---" }, false, true },
	{ "from the uplink, broadcast", true, mac_c, bcast_mac,
	  { "111", "111", "111" }, { "000", "000", "000" },
	  { "---", "---", "---" }, true, false },
	{ "hairpin: a's unicast to b reflected", true, mac_a, mac_b,
	  { "100", "100", "000" }, { "000", "000", "000" },
	  { "-II", "-II", "PPP" }, false, true },
	{ "hairpin: a's broadcast reflected", true, mac_a, bcast_mac,
	  { "100", "100", "000" }, { "000", "000", "000" },
	  { "-II", "-II", "PPP" }, false, false },
	{ "hairpin: a's multicast reflected", true, mac_a, mc_x,
	  { "100", "100", "000" }, { "000", "000", "000" },
	  { "-II", "-II", "PPP" }, false, false },
};

static void sw_modes_and_isolation(struct kunit *test)
{
	static const int modes[] = {
		XENVF_MODE_VEB, XENVF_MODE_VEPA, XENVF_MODE_PRIVATE,
	};
	struct sw_ctx *ctx = test->priv;
	const struct mode_row *r;
	unsigned int m, iso, i;
	u64 priv0, iso0;
	char kept;

	uplink_on(test);
	mutex_lock(&ctx->b->lock);
	ether_addr_copy(ctx->b->cfg.mc[0], mc_x);
	ctx->b->cfg.mc_count = 1;
	mutex_unlock(&ctx->b->lock);
	for (m = 0; m < ARRAY_SIZE(modes); m++) {
		xenvf_mode = modes[m];
		for (iso = 0; iso < 3; iso++) {
			set_isolated(test, ctx->a, iso == 1);
			set_isolated(test, ctx->b, iso == 2);
			for (i = 0; i < ARRAY_SIZE(mode_rows); i++) {
				r = &mode_rows[i];
				got_a = 0;
				got_b = 0;
				up_sent = 0;
				priv0 = count(ctx->a, XENVF_SW_PRIVATE);
				iso0 = count(ctx->a, XENVF_SW_ISOLATED);
				if (r->from_up)
					offer_from_up(test, tagged(r->src, r->dst,
								   NULL, 0, -1),
						      r->owned);
				else
					send(test, ctx->a, r->src, r->dst, -1);
				kept = r->kept[m][iso];
				KUNIT_EXPECT_EQ_MSG(test, got_b, r->b[m][iso] - '0',
						    "%s, mode %u, isolation %u",
						    r->what, m, iso);
				KUNIT_EXPECT_EQ_MSG(test, got_a, r->a_gets,
						    "%s, mode %u, isolation %u",
						    r->what, m, iso);
				KUNIT_EXPECT_EQ_MSG(test, up_sent, r->up[m][iso] - '0',
						    "%s, mode %u, isolation %u",
						    r->what, m, iso);
				KUNIT_EXPECT_EQ_MSG(test,
						    count(ctx->a, XENVF_SW_PRIVATE) - priv0,
						    kept == 'P',
						    "%s: drop_private, mode %u, isolation %u",
						    r->what, m, iso);
				KUNIT_EXPECT_EQ_MSG(test,
						    count(ctx->a, XENVF_SW_ISOLATED) - iso0,
						    kept == 'I',
						    "%s: drop_isolated, mode %u, isolation %u",
						    r->what, m, iso);
			}
		}
	}
	/* nothing of the above is counted as another drop */
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_DEST), 0);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_UPLINK), 0);
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_PRIVATE), 0);
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_ISOLATED), 0);
	xenvf_mode = XENVF_MODE_VEB;
	uplink_off();
}

/*
 * An isolated VF among three in VEB: b and c still meet, a reaches
 * neither (nor they a), and a still reaches the uplink.
 */
static void sw_isolated_among_three(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;
	struct xenvf_back_vf *c = add_port(test, mac_c);

	uplink_on(test);
	set_isolated(test, ctx->a, true);
	send(test, c, mac_c, mac_b, -1);
	KUNIT_EXPECT_EQ(test, got_b, 1);
	KUNIT_EXPECT_EQ(test, count(c, XENVF_SW_TO_VF), 1);
	send(test, ctx->b, mac_b, bcast_mac, -1);	/* to c and the uplink */
	KUNIT_EXPECT_EQ(test, got_a, 0);
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_PTR_EQ(test, last_dst, c);
	KUNIT_EXPECT_EQ(test, up_sent, 1);
	KUNIT_EXPECT_EQ(test, count(ctx->b, XENVF_SW_ISOLATED), 1);
	send(test, ctx->a, mac_a, mac_c, -1);
	send(test, c, mac_c, mac_a, -1);
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_ISOLATED), 1);
	KUNIT_EXPECT_EQ(test, count(c, XENVF_SW_ISOLATED), 1);
	send(test, ctx->a, mac_a, bcast_mac, -1);	/* the uplink only */
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_ISOLATED), 2);
	KUNIT_EXPECT_EQ(test, up_sent, 2);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_TO_UPLINK), 1);
	/* isolation lifted at run time: a meets c again */
	set_isolated(test, ctx->a, false);
	send(test, ctx->a, mac_a, mac_c, -1);
	KUNIT_EXPECT_EQ(test, delivered, 3);
	KUNIT_EXPECT_PTR_EQ(test, last_dst, c);
	release(c);
	uplink_off();
}

/* Private mode without an uplink: every frame of a VF is dropped, counted. */
static void sw_private_no_uplink(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	xenvf_mode = XENVF_MODE_PRIVATE;
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_PRIVATE), 1);
	send(test, ctx->a, mac_a, mac_c, -1);
	send(test, ctx->a, mac_a, bcast_mac, -1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_UPLINK), 2);
	KUNIT_EXPECT_EQ(test, delivered, 0);
	xenvf_mode = XENVF_MODE_VEB;
}

/*
 * A configured uplink that is absent (not created yet, deleted): VFs
 * still meet, and every frame for the uplink is dropped and counted as
 * drop_uplink_absent, in every mode, broadcasts included.
 */
static void sw_uplink_absent_counted(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	WRITE_ONCE(xenvf_uplink_waiting, true);
	send(test, ctx->a, mac_a, mac_b, -1);		/* to b: switched */
	KUNIT_EXPECT_EQ(test, delivered, 1);
	send(test, ctx->a, mac_a, mac_c, -1);		/* to the uplink */
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_UPLINK_ABSENT), 1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_DEST), 0);
	send(test, ctx->a, mac_a, bcast_mac, -1);	/* b's copy, not the uplink's */
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_UPLINK_ABSENT), 2);
	xenvf_mode = XENVF_MODE_VEPA;
	send(test, ctx->a, mac_a, mac_b, -1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_UPLINK_ABSENT), 3);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_UPLINK), 0);
	KUNIT_EXPECT_EQ(test, delivered, 2);
	xenvf_mode = XENVF_MODE_VEB;
	WRITE_ONCE(xenvf_uplink_waiting, false);
	send(test, ctx->a, mac_a, mac_c, -1);		/* none configured */
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_NO_DEST), 1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_UPLINK_ABSENT), 3);
}

/* A port VLAN: the tag the receiver's port gets, as the skb path's. */
static void sw_direct_port_vlan(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	mutex_lock(&ctx->a->lock);
	ctx->a->cfg.port_vlan = 10;
	ctx->a->cfg.qos = 5;
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->a), 0);
	mutex_unlock(&ctx->a->lock);
	/* b is not in VLAN 10: no owner */
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	add_vlan(test, ctx->b, 10);
	KUNIT_EXPECT_TRUE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, -1));
	KUNIT_EXPECT_EQ(test, last_tci & VLAN_VID_MASK, 10);
	/* a tag from a VF under a port VLAN: refused either way */
	KUNIT_EXPECT_FALSE(test, direct_agrees(test, ctx->a, mac_a, mac_b, -1, 10));
}

/*
 * The ports' egress (back_egress.c), called as EVI, the representor and
 * the switch call it: one ops table entry per kind, only EVI declines;
 * the representor's way to its VF is untagged, the VF port's is tagged
 * as the port gets it, the way out is EVI's (declined here: this suite's
 * EVI is off) and then the uplink's, counted on the frame's VF.
 */
static void sw_egress_ports(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;
	struct xenvf_egress e = { .dst = ctx->b };
	struct sk_buff *skb;
	unsigned int k;

	for (k = 0; k < XENVF_PORT_KINDS; k++) {
		KUNIT_EXPECT_NOT_NULL(test, xenvf_port_ops[k].name);
		KUNIT_ASSERT_NOT_NULL(test, xenvf_port_ops[k].stages);
		KUNIT_EXPECT_NOT_NULL(test, xenvf_port_ops[k].stages[0]);
		KUNIT_EXPECT_EQ(test, xenvf_port_ops[k].may_decline,
				k == XENVF_PORT_EVI);
	}
	skb = frame(mac_a, mac_b, -1);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 5);
	KUNIT_EXPECT_TRUE(test, xenvf_egress(XENVF_PORT_REP, &e, skb));
	KUNIT_EXPECT_EQ(test, delivered, 1);
	KUNIT_EXPECT_PTR_EQ(test, last_dst, ctx->b);
	KUNIT_EXPECT_EQ(test, last_tci, 0);

	add_vlan(test, ctx->b, 100);
	skb = frame(mac_a, mac_b, -1);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	rcu_read_lock();
	xenvf_egress_to_vf(ctx->b, skb, 100);
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, delivered, 2);
	KUNIT_EXPECT_EQ(test, last_tci, 100);

	skb = frame(mac_a, mac_c, -1);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	e = (struct xenvf_egress){ .src = ctx->a };
	rcu_read_lock();
	KUNIT_EXPECT_FALSE(test, xenvf_egress(XENVF_PORT_EVI, &e, skb));
	rcu_read_unlock();
	uplink_on(test);
	rcu_read_lock();
	xenvf_egress_out(&e, skb);
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, up_sent, 1);
	KUNIT_EXPECT_EQ(test, count(ctx->a, XENVF_SW_TO_UPLINK), 1);
	KUNIT_EXPECT_EQ(test, delivered, 2);
	uplink_off();
}

static struct kunit_case xenvf_back_switch_cases[] = {
	KUNIT_CASE(sw_vlan_hopping_refused),
	KUNIT_CASE(sw_port_vlan_priority_tag),
	KUNIT_CASE(sw_uplink_8021ad_not_delivered),
	KUNIT_CASE(sw_old_filter_outlives_readers),
	KUNIT_CASE(sw_unowned_mac_not_switched),
	KUNIT_CASE(sw_mac_handover_republished),
	KUNIT_CASE(sw_uplink_mtu_enforced),
	KUNIT_CASE(sw_direct_only_one_owner),
	KUNIT_CASE(sw_rep_tap_both_ways),
	KUNIT_CASE(sw_direct_port_vlan),
	KUNIT_CASE(sw_modes_and_isolation),
	KUNIT_CASE(sw_isolated_among_three),
	KUNIT_CASE(sw_private_no_uplink),
	KUNIT_CASE(sw_uplink_absent_counted),
	KUNIT_CASE(sw_unicast_delivered_and_counted),
	KUNIT_CASE(sw_every_drop_counted),
	KUNIT_CASE(sw_filters_follow_updates),
	KUNIT_CASE(sw_removed_port_gets_nothing),
	KUNIT_CASE(sw_fcoe_fip_and_vn_ports),
	KUNIT_CASE(sw_egress_ports),
	{}
};

static struct kunit_suite xenvf_back_switch_suite = {
	.name = "xenvf_back_switch",
	.init = sw_init,
	.exit = sw_exit,
	.test_cases = xenvf_back_switch_cases,
};

kunit_test_suite(xenvf_back_switch_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf-back switch and its drop accounting");
MODULE_LICENSE("GPL");
