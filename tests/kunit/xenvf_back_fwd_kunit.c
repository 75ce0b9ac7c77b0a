// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_fwd.c: the embedded switch's forwarding
 * decisions (anti-spoof, VLAN membership and tagging, multicast filters).
 */
#include <kunit/test.h>

#include "back_fwd.c"

static const u8 vf_a[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0a };
static const u8 vf_b[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0b };
static const u8 vf_c[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0c };
static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
static const u8 v6mc[ETH_ALEN] = { 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 };

static struct ethhdr frame(const u8 *src, const u8 *dst)
{
	struct ethhdr eth = { .h_proto = htons(ETH_P_IP) };

	memcpy(eth.h_source, src, ETH_ALEN);
	memcpy(eth.h_dest, dst, ETH_ALEN);
	return eth;
}

static struct xenvf_port_filter *port(struct kunit *test, const u8 *mac)
{
	struct xenvf_port_filter *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	memcpy(f->mac, mac, ETH_ALEN);
	f->spoofchk = true;
	f->xcast = XENVF_XCAST_MULTI;
	return f;
}

static void fwd_spoofed_source_dropped(struct kunit *test)
{
	struct xenvf_port_filter *a = port(test, vf_a);
	struct ethhdr eth = frame(vf_b, vf_c);
	u16 vid = 7;

	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
	eth = frame(vf_b, bcast);	/* a spoofed broadcast is not flooded */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
	/* spoofchk off: any unicast source, but never a multicast one */
	a->spoofchk = false;
	eth = frame(vf_b, vf_c);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 0);
	eth = frame(bcast, vf_b);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
}

static void fwd_broadcast_and_multicast_flood(struct kunit *test)
{
	struct xenvf_port_filter *b = port(test, vf_b);
	struct ethhdr eth = frame(vf_a, bcast);

	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0), XENVF_EGRESS_COPY);
	b->xcast = XENVF_XCAST_NONE;	/* broadcast still goes everywhere */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0), XENVF_EGRESS_COPY);
	eth = frame(vf_a, mcast);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0),
			XENVF_EGRESS_FILTERED);
	b->xcast = XENVF_XCAST_ALLMULTI;
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0), XENVF_EGRESS_COPY);
	eth = frame(vf_a, v6mc);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0), XENVF_EGRESS_COPY);
}

static void fwd_multicast_list_filters(struct kunit *test)
{
	struct xenvf_port_filter *b = port(test, vf_b);
	struct ethhdr eth = frame(vf_a, mcast);

	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0),
			XENVF_EGRESS_FILTERED);
	memcpy(b->mc[0], v6mc, ETH_ALEN);
	memcpy(b->mc[1], mcast, ETH_ALEN);
	b->mc_count = 2;
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0), XENVF_EGRESS_COPY);
	b->mc_count = 1;	/* only the first entry counts */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0),
			XENVF_EGRESS_FILTERED);
}

static void fwd_unicast_to_owner_only(struct kunit *test)
{
	struct xenvf_port_filter *b = port(test, vf_b);
	struct xenvf_port_filter *c = port(test, vf_c);
	struct ethhdr eth = frame(vf_a, vf_b);

	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0), XENVF_EGRESS_OWNER);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(c, &eth, 0), XENVF_EGRESS_NONE);
	c->xcast = XENVF_XCAST_PROMISC;	/* a trusted VF in promisc mode */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(c, &eth, 0), XENVF_EGRESS_COPY);
}

static void fwd_port_vlan_insert_and_strip(struct kunit *test)
{
	struct xenvf_port_filter *a = port(test, vf_a);
	struct xenvf_port_filter *b = port(test, vf_b);
	struct ethhdr eth = frame(vf_a, vf_b);
	u16 vid = 0;

	a->port_vlan = 10;
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 10);
	/* a VF under a port VLAN may not tag */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, true, 10, &vid),
			XENVF_FWD_DROP_VLAN);
	/* B without port VLAN and without VLAN 10 does not see it */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 10), XENVF_EGRESS_NONE);
	b->port_vlan = 20;	/* nor in another port VLAN */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 10), XENVF_EGRESS_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0), XENVF_EGRESS_NONE);
	b->port_vlan = 10;	/* same port VLAN: delivered, untagged */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 10), XENVF_EGRESS_OWNER);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress_tci(b, 10), 0);
	eth = frame(vf_a, bcast);	/* broadcast stays in the VLAN too */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 20), XENVF_EGRESS_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 10), XENVF_EGRESS_COPY);
}

static void fwd_guest_vlan_filter(struct kunit *test)
{
	struct xenvf_port_filter *a = port(test, vf_a);
	struct xenvf_port_filter *b = port(test, vf_b);
	struct ethhdr eth = frame(vf_a, vf_b);
	u16 vid = 0;

	/* tagging with a VLAN the VF did not add is VLAN spoofing */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, true, 100, &vid),
			XENVF_FWD_DROP_VLAN);
	__set_bit(100, a->vlans);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, true, 100, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 100);
	/* a priority tag (VID 0) is untagged */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, true, 0, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 0);
	/* B receives VLAN 100 only after adding it, and tagged */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 100), XENVF_EGRESS_NONE);
	__set_bit(100, b->vlans);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 100), XENVF_EGRESS_OWNER);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress_tci(b, 100), 100);
	/* and still the untagged LAN */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(b, &eth, 0), XENVF_EGRESS_OWNER);
}

/* FCoE VN_Port MACs: delivered to the VF, sent from only with FCoE/FIP. */
static void fwd_fcoe_extra_macs(struct kunit *test)
{
	static const u8 vn_a[ETH_ALEN] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x0a };
	static const u8 vn_b[ETH_ALEN] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x0b };
	struct xenvf_port_filter *a = port(test, vf_a);
	struct ethhdr eth = frame(vn_a, vn_b);
	u16 vid;

	eth.h_proto = htons(ETH_P_FCOE);
	/* not registered yet: spoofed, and nobody owns it */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
	eth = frame(vf_b, vn_a);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(a, &eth, 0), XENVF_EGRESS_NONE);
	a->uc_count = 1;
	memcpy(a->uc[0], vn_a, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(a, &eth, 0), XENVF_EGRESS_OWNER);
	eth = frame(vn_a, vn_b);
	eth.h_proto = htons(ETH_P_FCOE);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_PASS);
	eth.h_proto = htons(ETH_P_FIP);		/* VN2VN beacons */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_PASS);
	/* anti-spoof stays for everything else */
	eth.h_proto = htons(ETH_P_IP);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
	eth = frame(vn_b, vf_c);
	eth.h_proto = htons(ETH_P_FCOE);	/* not its VN_Port MAC */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
}

static struct kunit_case xenvf_back_fwd_cases[] = {
	KUNIT_CASE(fwd_fcoe_extra_macs),
	KUNIT_CASE(fwd_spoofed_source_dropped),
	KUNIT_CASE(fwd_broadcast_and_multicast_flood),
	KUNIT_CASE(fwd_multicast_list_filters),
	KUNIT_CASE(fwd_unicast_to_owner_only),
	KUNIT_CASE(fwd_port_vlan_insert_and_strip),
	KUNIT_CASE(fwd_guest_vlan_filter),
	{}
};

static struct kunit_suite xenvf_back_fwd_suite = {
	.name = "xenvf_back_fwd",
	.test_cases = xenvf_back_fwd_cases,
};

kunit_test_suite(xenvf_back_fwd_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf-back switch decisions");
MODULE_LICENSE("GPL");
