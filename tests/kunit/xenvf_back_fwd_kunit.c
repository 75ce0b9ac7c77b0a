// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_fwd.c: the VEB switch's forwarding
 * decisions.
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

static void fwd_spoofed_source_dropped(struct kunit *test)
{
	struct ethhdr eth = frame(vf_b, vf_c);

	KUNIT_EXPECT_EQ(test, xenvf_fwd_classify(vf_a, &eth), XENVF_FWD_DROP_SPOOF);
	eth = frame(vf_b, bcast);	/* a spoofed broadcast is not flooded */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_classify(vf_a, &eth), XENVF_FWD_DROP_SPOOF);
	eth = frame(bcast, vf_b);	/* nor is a broadcast source */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_classify(vf_a, &eth), XENVF_FWD_DROP_SPOOF);
}

static void fwd_broadcast_and_multicast_flood(struct kunit *test)
{
	struct ethhdr eth = frame(vf_a, bcast);

	KUNIT_EXPECT_EQ(test, xenvf_fwd_classify(vf_a, &eth), XENVF_FWD_FLOOD);
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_port_takes(vf_a, true, &eth));
	KUNIT_EXPECT_TRUE(test, xenvf_fwd_port_takes(vf_b, false, &eth));
	KUNIT_EXPECT_TRUE(test, xenvf_fwd_port_takes(vf_c, false, &eth));
	eth = frame(vf_a, mcast);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_classify(vf_a, &eth), XENVF_FWD_FLOOD);
	KUNIT_EXPECT_TRUE(test, xenvf_fwd_port_takes(vf_b, false, &eth));
	eth = frame(vf_a, v6mc);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_classify(vf_a, &eth), XENVF_FWD_FLOOD);
}

static void fwd_unicast_to_owner_only(struct kunit *test)
{
	struct ethhdr eth = frame(vf_a, vf_b);

	KUNIT_EXPECT_EQ(test, xenvf_fwd_classify(vf_a, &eth), XENVF_FWD_UNICAST);
	KUNIT_EXPECT_TRUE(test, xenvf_fwd_port_takes(vf_b, false, &eth));
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_port_takes(vf_c, false, &eth));
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_port_takes(vf_a, true, &eth));
	/* a frame to the sender's own MAC is not hairpinned in VEB */
	eth = frame(vf_a, vf_a);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_classify(vf_a, &eth), XENVF_FWD_UNICAST);
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_port_takes(vf_a, true, &eth));
}

static struct kunit_case xenvf_back_fwd_cases[] = {
	KUNIT_CASE(fwd_spoofed_source_dropped),
	KUNIT_CASE(fwd_broadcast_and_multicast_flood),
	KUNIT_CASE(fwd_unicast_to_owner_only),
	{}
};

static struct kunit_suite xenvf_back_fwd_suite = {
	.name = "xenvf_back_fwd",
	.test_cases = xenvf_back_fwd_cases,
};

kunit_test_suite(xenvf_back_fwd_suite);

MODULE_DESCRIPTION("KUnit tests for the xenvf-back switch decisions");
MODULE_LICENSE("GPL");
