// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_offload.c: offload metadata checks of
 * guest TX, the RX offload decision and the copy plan between page pieces.
 */
#include <kunit/test.h>

#include "back_offload.c"

/* A TSO request whose headers skb_checksum_setup() agrees with. */
static struct xenvf_tx_offload tso_v4(void)
{
	struct xenvf_tx_offload o = {
		.flags = XENVF_TXF_CSUM_PARTIAL | XENVF_TXF_GSO,
		.gso_type = XENVF_GSO_TCPV4,
		.gso_size = 1448,
		.len = 65000,
		.csum_start = 34,
		.csum_offset = 16,
		.l3_proto = htons(ETH_P_IP),
		.found_start = 34,
		.found_offset = 16,
	};
	return o;
}

static void tx_consistent_offloads_pass(struct kunit *test)
{
	struct xenvf_tx_offload o = tso_v4();

	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
	o.gso_type = XENVF_GSO_TCPV6;
	o.l3_proto = htons(ETH_P_IPV6);
	o.csum_start = 54;
	o.found_start = 54;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
	/* UDP checksum offload without GSO */
	o.flags = XENVF_TXF_CSUM_PARTIAL;
	o.csum_offset = 6;
	o.found_offset = 6;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
	/* no offload at all: nothing to check */
	memset(&o, 0, sizeof(o));
	o.flags = XENVF_TXF_DATA_VALIDATED | XENVF_TXF_VLAN;
	o.setup_err = -EPROTO;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
}

static void tx_inconsistent_offloads_dropped(struct kunit *test)
{
	struct xenvf_tx_offload o;

	o = tso_v4();
	o.flags &= ~XENVF_TXF_CSUM_PARTIAL;	/* GSO needs a partial checksum */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_GSO);
	o = tso_v4();
	o.l3_proto = htons(ETH_P_IPV6);		/* TCPV4 over IPv6 */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_GSO);
	o = tso_v4();
	o.gso_type = XENVF_GSO_TCPV6;		/* TCPV6 over IPv4 */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_GSO);
	o = tso_v4();
	o.gso_type = XENVF_GSO_FCOE;		/* not offered */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_GSO);
	o = tso_v4();
	o.csum_offset = 6;			/* GSO of UDP */
	o.found_offset = 6;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_GSO);
	o = tso_v4();
	o.setup_err = -EPROTO;			/* headers not TCP/UDP over IP */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_CSUM);
	o = tso_v4();
	o.csum_start = 40;			/* not where the headers say */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_CSUM);
	o = tso_v4();
	o.csum_offset = 10;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_CSUM);
	o = tso_v4();
	o.flags |= XENVF_TXF_FCOE_CRC;		/* not offered */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_BAD_FLAGS);
}

static const struct xenvf_fe_features fe_all = {
	.sg = true, .gso_tcpv4 = true, .gso_tcpv6 = true, .rx_csum = true,
};

static struct xenvf_rx_meta gso_frame(void)
{
	struct xenvf_rx_meta m = {
		.len = 65000, .gso = true,
		.gso_type = SKB_GSO_TCPV4 | SKB_GSO_DODGY, .gso_size = 1448,
		.csum_partial = true, .csum_start = 34, .csum_offset = 16,
	};
	return m;
}

static void rx_gso_sent_when_taken(struct kunit *test)
{
	struct xenvf_rx_meta m = gso_frame();
	struct xenvf_fe_features f = fe_all;

	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEND);
	m.gso_type = SKB_GSO_TCPV6 | SKB_GSO_TCP_ECN;
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEND);
	/* the guest does not take this type, or partial checksums, or SG */
	f.gso_tcpv6 = false;
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEGMENT);
	m = gso_frame();
	f = fe_all;
	f.rx_csum = false;
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEGMENT);
	f = fe_all;
	f.sg = false;
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEGMENT);
}

static void rx_gso_the_wire_cannot_carry_segmented(struct kunit *test)
{
	struct xenvf_rx_meta m;

	m = gso_frame();
	m.len = 70000;				/* over 65535 */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &fe_all), XENVF_RX_SEGMENT);
	m = gso_frame();
	m.gso_size = 63;			/* below XENVF_GSO_SIZE_MIN */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &fe_all), XENVF_RX_SEGMENT);
	m = gso_frame();
	m.csum_partial = false;			/* GRO'd frame from a NIC */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &fe_all), XENVF_RX_SEGMENT);
	m = gso_frame();
	m.gso_type = SKB_GSO_UDP_L4;		/* no wire type */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &fe_all), XENVF_RX_SEGMENT);
	m = gso_frame();
	m.gso_type = SKB_GSO_TCPV4 | SKB_GSO_GRE;	/* tunnelled */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &fe_all), XENVF_RX_SEGMENT);
	m = gso_frame();
	m.csum_start = 10;			/* checksum outside the frame */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &fe_all), XENVF_RX_SEGMENT);
}

static void rx_plain_frames(struct kunit *test)
{
	struct xenvf_rx_meta m = { .len = 1514 };
	struct xenvf_fe_features f = fe_all;

	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEND);
	m.csum_partial = true;
	m.csum_start = 34;
	m.csum_offset = 6;
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEND);
	f.rx_csum = false;			/* guest cannot finish it */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_CSUM_HELP);
	f = fe_all;
	m.csum_offset = 1500;			/* field beyond the frame */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_CSUM_HELP);
	/* jumbo frame: needs SG on the guest side */
	m.csum_partial = false;
	m.len = 9014;
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEND);
	f.sg = false;
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_DROP);
	m.len = 4096;				/* one slot: fine without SG */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &f), XENVF_RX_SEND);
	m.len = 13;				/* runt */
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &fe_all), XENVF_RX_DROP);
	m.len = 65536;
	KUNIT_EXPECT_EQ(test, xenvf_rx_offload_action(&m, &fe_all), XENVF_RX_DROP);
	KUNIT_EXPECT_EQ(test, xenvf_rx_slots(1), 1);
	KUNIT_EXPECT_EQ(test, xenvf_rx_slots(4096), 1);
	KUNIT_EXPECT_EQ(test, xenvf_rx_slots(4097), 2);
	KUNIT_EXPECT_EQ(test, xenvf_rx_slots(65535), 16);
}

static void rx_gso_wire_types(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xenvf_rx_gso_type(SKB_GSO_TCPV4), XENVF_GSO_TCPV4);
	KUNIT_EXPECT_EQ(test, xenvf_rx_gso_type(SKB_GSO_TCPV6 | SKB_GSO_DODGY),
			XENVF_GSO_TCPV6);
	KUNIT_EXPECT_EQ(test, xenvf_rx_gso_type(SKB_GSO_TCPV4 | SKB_GSO_TCPV6),
			XENVF_GSO_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_rx_gso_type(SKB_GSO_UDP), XENVF_GSO_NONE);
	KUNIT_EXPECT_EQ(test, xenvf_rx_gso_type(0), XENVF_GSO_NONE);
}

/* Replay a plan over real buffers and compare. */
static void run_plan(struct kunit *test, const struct xenvf_seg *src,
		     unsigned int nsrc, const struct xenvf_seg *dst,
		     unsigned int ndst, u32 total)
{
	static u8 in[4][4096], out[20][4096];
	struct xenvf_copy_op ops[40];
	u8 *stream_in, *stream_out;
	unsigned int i, pos;
	int n;

	stream_in = kunit_kzalloc(test, total, GFP_KERNEL);
	stream_out = kunit_kzalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, stream_in);
	KUNIT_ASSERT_NOT_NULL(test, stream_out);
	for (i = 0; i < nsrc; i++)
		get_random_bytes(in[i % 4] + src[i].off, src[i].len);
	n = xenvf_copy_plan(src, nsrc, dst, ndst, ops, ARRAY_SIZE(ops));
	KUNIT_ASSERT_GT(test, n, 0);
	KUNIT_EXPECT_LE(test, n, (int)(nsrc + ndst - 1));
	memset(out, 0, sizeof(out));
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_LE(test, ops[i].src_off + ops[i].len, 4096);
		KUNIT_ASSERT_LE(test, ops[i].dst_off + ops[i].len, 4096);
		memcpy(out[ops[i].dst] + ops[i].dst_off,
		       in[ops[i].src % 4] + ops[i].src_off, ops[i].len);
	}
	for (i = 0, pos = 0; i < nsrc; pos += src[i].len, i++)
		memcpy(stream_in + pos, in[i % 4] + src[i].off, src[i].len);
	for (i = 0, pos = 0; i < ndst; pos += dst[i].len, i++)
		memcpy(stream_out + pos, out[i] + dst[i].off, dst[i].len);
	KUNIT_EXPECT_EQ(test, memcmp(stream_in, stream_out, total), 0);
}

static void copy_plan_moves_the_stream(struct kunit *test)
{
	/* TX: 3 guest slots into a 128-byte header crossing a page and 2 frags */
	const struct xenvf_seg slots[] = { { 96, 1000 }, { 0, 3000 }, { 3596, 500 } };
	const struct xenvf_seg skb[] = { { 4000, 96 }, { 0, 32 }, { 0, 4096 },
					 { 0, 276 } };
	/* RX: linear part and unaligned frags into packed 4 KiB slots */
	const struct xenvf_seg frags[] = { { 64, 1448 }, { 100, 3996 }, { 0, 4000 },
					   { 17, 12 } };
	const struct xenvf_seg pages[] = { { 0, 4096 }, { 0, 4096 }, { 0, 1264 } };

	run_plan(test, slots, 3, skb, 4, 4500);
	run_plan(test, frags, 4, pages, 3, 9456);
}

static void copy_plan_rejects_bad_lists(struct kunit *test)
{
	const struct xenvf_seg a[] = { { 0, 100 }, { 0, 0 }, { 0, 50 } };
	const struct xenvf_seg b[] = { { 10, 150 } };
	const struct xenvf_seg short_b[] = { { 0, 149 } };
	const struct xenvf_seg crossing[] = { { 4000, 150 } };
	struct xenvf_copy_op ops[4];

	/* empty pieces are skipped */
	KUNIT_EXPECT_EQ(test, xenvf_copy_plan(a, 3, b, 1, ops, 4), 2);
	KUNIT_EXPECT_EQ(test, ops[1].dst_off, 110);
	KUNIT_EXPECT_EQ(test, ops[1].len, 50);
	/* lengths differ */
	KUNIT_EXPECT_EQ(test, xenvf_copy_plan(a, 3, short_b, 1, ops, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_copy_plan(short_b, 1, a, 3, ops, 4), -EINVAL);
	/* a piece crossing its page */
	KUNIT_EXPECT_EQ(test, xenvf_copy_plan(a, 3, crossing, 1, ops, 4), -EINVAL);
	/* not enough room for the operations */
	KUNIT_EXPECT_EQ(test, xenvf_copy_plan(a, 3, b, 1, ops, 1), -E2BIG);
	/* nothing to copy */
	KUNIT_EXPECT_EQ(test, xenvf_copy_plan(a, 0, b, 0, ops, 4), 0);
}

/* GSO amplification: segment size, segment count, group destinations. */
static void tx_gso_amplification_bounded(struct kunit *test)
{
	struct xenvf_tx_offload o = tso_v4();

	o.gso_size = 64;			/* 64 KiB in 64-byte segments */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_GSO_SMALL);
	o.gso_size = XENVF_TX_GSO_MIN_TCPV4 - 1;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_GSO_SMALL);
	/* exactly XENVF_TX_GSO_MAX_SEGS segments of the minimum, then one more */
	o.gso_size = XENVF_TX_GSO_MIN_TCPV4;
	o.len = 34 + 20 + XENVF_TX_GSO_MAX_SEGS * XENVF_TX_GSO_MIN_TCPV4;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
	o.len++;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_GSO_SEGS);
	o = tso_v4();				/* 65000 bytes of 1448: 45 */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
	o.group_dst = true;			/* to broadcast or multicast */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_GSO_GROUP);
	o.flags &= ~XENVF_TXF_GSO;		/* a single frame may */
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
	/* IPv6: its own minimum */
	o = tso_v4();
	o.gso_type = XENVF_GSO_TCPV6;
	o.l3_proto = htons(ETH_P_IPV6);
	o.csum_start = 54;
	o.found_start = 54;
	o.gso_size = XENVF_TX_GSO_MIN_TCPV6 - 1;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_GSO_SMALL);
	o.gso_size = XENVF_TX_GSO_MIN_TCPV6;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
	/* a length shorter than the headers counts no payload, not a wrap */
	o.len = 30;
	KUNIT_EXPECT_EQ(test, xenvf_tx_offload_check(&o), XENVF_DROP_NONE);
}

static struct kunit_case xenvf_back_offload_cases[] = {
	KUNIT_CASE(tx_gso_amplification_bounded),
	KUNIT_CASE(tx_consistent_offloads_pass),
	KUNIT_CASE(tx_inconsistent_offloads_dropped),
	KUNIT_CASE(rx_gso_sent_when_taken),
	KUNIT_CASE(rx_gso_the_wire_cannot_carry_segmented),
	KUNIT_CASE(rx_plain_frames),
	KUNIT_CASE(rx_gso_wire_types),
	KUNIT_CASE(copy_plan_moves_the_stream),
	KUNIT_CASE(copy_plan_rejects_bad_lists),
	{}
};

static struct kunit_suite xenvf_back_offload_suite = {
	.name = "xenvf_back_offload",
	.test_cases = xenvf_back_offload_cases,
};

kunit_test_suite(xenvf_back_offload_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf-back: offload decisions and copy plans");
MODULE_LICENSE("GPL");
