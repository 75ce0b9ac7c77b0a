// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_switch.c: frames through the switch with
 * real ports and filters, checking where each goes and that every frame
 * not delivered is counted under its reason (the drop accounting). The
 * VF's RX queue is replaced by a recorder; no uplink is set.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>

#include "back_fcoe.c"
#include "back_fcoe_skb.c"
#include "back_fwd.c"
#include "back_switch.c"

int xenvf_mode = XENVF_MODE_VEB;
struct net_device __rcu *xenvf_uplink;
unsigned int xenvf_fcoe_prio = 3;

/* Instead of evi_dp.c: EVI off, no VLAN is extended (xenvf_evi_fwd tests it). */
bool xenvf_evi_from_vf(struct xenvf_back_vf *src, struct sk_buff *skb, u16 vid)
{
	return false;
}

/* Instead of back_data.c: record the frame and its destination. */
static struct xenvf_back_vf *last_dst;
static unsigned int delivered;
static u16 last_tci;

void xenvf_back_queue_deliver(struct xenvf_back_vf *vf, struct sk_buff *skb)
{
	const struct vlan_ethhdr *veth = (const struct vlan_ethhdr *)skb->data;

	last_dst = vf;
	delivered++;
	if (skb_vlan_tag_present(skb))
		last_tci = skb_vlan_tag_get(skb);
	else
		last_tci = veth->h_vlan_proto == htons(ETH_P_8021Q) ?
			   ntohs(veth->h_vlan_TCI) : 0;
	kfree_skb(skb);
}

static const u8 mac_a[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0b };
static const u8 mac_c[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0c };
static const u8 mc_x[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 };

struct sw_ctx {
	struct xenvf_back_vf *a, *b;
};

static struct xenvf_back_vf *add_port(struct kunit *test, const u8 *mac)
{
	struct xenvf_back_vf *vf = kunit_kzalloc(test, sizeof(*vf), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vf);
	mutex_init(&vf->lock);
	ether_addr_copy(vf->cfg.mac, mac);
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
	delivered = 0;
	last_dst = NULL;
	ctx->a = add_port(test, mac_a);
	ctx->b = add_port(test, mac_b);
	test->priv = ctx;
	return 0;
}

static void sw_exit(struct kunit *test)
{
	struct sw_ctx *ctx = test->priv;

	xenvf_back_switch_del(ctx->a);
	xenvf_back_switch_del(ctx->b);
}

static void send(struct kunit *test, struct xenvf_back_vf *src,
		 const u8 *from, const u8 *to, int vid)
{
	struct sk_buff *skb = frame(from, to, vid);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	xenvf_back_switch(src, skb);
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

/* A FIP or FCoE frame (the payload does not matter to the switch). */
static void send_fcoe(struct kunit *test, struct xenvf_back_vf *src,
		      const u8 *from, const u8 *to, u16 type)
{
	struct sk_buff *skb = frame(from, to, -1);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	((struct ethhdr *)skb->data)->h_proto = htons(type);
	xenvf_back_switch(src, skb);
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
	ctx->b->cfg.uc_count = 1;
	ether_addr_copy(ctx->b->cfg.uc[0], vn_b);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->b), 0);
	mutex_unlock(&ctx->b->lock);
	mutex_lock(&ctx->a->lock);
	ctx->a->cfg.uc_count = 1;
	ether_addr_copy(ctx->a->cfg.uc[0], vn_a);
	KUNIT_ASSERT_EQ(test, xenvf_back_switch_update(ctx->a), 0);
	mutex_unlock(&ctx->a->lock);
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

static struct kunit_case xenvf_back_switch_cases[] = {
	KUNIT_CASE(sw_unicast_delivered_and_counted),
	KUNIT_CASE(sw_every_drop_counted),
	KUNIT_CASE(sw_filters_follow_updates),
	KUNIT_CASE(sw_removed_port_gets_nothing),
	KUNIT_CASE(sw_fcoe_fip_and_vn_ports),
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
