// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_fcoe_skb.c: a guest's FCoE offload
 * requests checked and marked on skbs, the CRC and FSO finished in
 * software on linear and paged skbs (golden_fcp_data CRCs from Python's zlib.crc32),
 * the RX CRC check, and when the uplink's hardware takes the offload;
 * and the same offloads finished before EVI tunnels a frame (evi_tx.c),
 * where skb_checksum_help() would WARN on a paged FCoE frame.
 */
#include <kunit/test.h>
#include <linux/netdevice.h>
#include <linux/slab.h>

#include "back_fcoe.c"
#include "back_fcoe_skb.c"
#include "evi_table.c"
#include "evi_pkt.c"
#include "evi_tx.c"

#include "fcoe_golden.h"

static const u32 seq_crc[3] = { 0x39317443, 0x376ab1e0, 0xd2396745 };

#define SEQ_LEN	(52 + 5000 + 8)

static struct xenvf_back_vf *vf_granted(struct kunit *test, u32 granted)
{
	struct xenvf_back_vf *vf = kunit_kzalloc(test, sizeof(*vf), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vf);
	vf->cfg.fcoe_granted = granted;
	return vf;
}

static struct sk_buff *linear_skb(struct kunit *test, const u8 *data, u32 len)
{
	struct sk_buff *skb = alloc_skb(len + NET_IP_ALIGN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, NET_IP_ALIGN);
	skb_put_data(skb, data, len);
	skb_reset_mac_header(skb);
	skb->protocol = htons(ETH_P_FCOE);
	return skb;
}

/* The golden_fcp_data frame as fcoe.ko sends it with CRC offload: CRC field ~0. */
static struct sk_buff *crc_request(struct kunit *test)
{
	struct sk_buff *skb = linear_skb(test, golden_fcp_data, sizeof(golden_fcp_data));

	xenvf_fcoe_set_trailer(skb->data + 68, ~0u, FC_EOF_T);
	return skb;
}

/* The 5000-byte sequence, 64 bytes linear and the rest in two pages. */
static struct sk_buff *paged_sequence(struct kunit *test)
{
	struct sk_buff *skb;
	u8 *buf = kunit_kzalloc(test, SEQ_LEN, GFP_KERNEL);
	u32 i, off = 64, chunk;
	struct page *page;
	int f = 0;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, fso_hdrs, sizeof(fso_hdrs));
	for (i = 0; i < 5000; i++)
		buf[52 + i] = i;
	xenvf_fcoe_set_trailer(buf + SEQ_LEN - 8, ~0u, FC_EOF_T);
	skb = linear_skb(test, buf, 64);
	while (off < SEQ_LEN) {
		chunk = min_t(u32, SEQ_LEN - off, PAGE_SIZE);
		page = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, page);
		memcpy(page_address(page), buf + off, chunk);
		skb_fill_page_desc(skb, f++, page, 0, chunk);
		skb->len += chunk;
		skb->data_len += chunk;
		skb->truesize += PAGE_SIZE;
		off += chunk;
	}
	return skb;
}

static void tx_crc_marked_and_finished(struct kunit *test)
{
	struct xenvf_back_vf *vf = vf_granted(test, XENVF_FCOE_CRC);
	struct xenvf_pkt_info info = { .flags = XENVF_TXF_FCOE_CRC };
	struct sk_buff *skb = crc_request(test), *out;
	struct sk_buff_head frames;

	KUNIT_ASSERT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info), XENVF_DROP_NONE);
	KUNIT_EXPECT_TRUE(test, skb->ip_summed == CHECKSUM_PARTIAL);
	KUNIT_EXPECT_EQ(test, skb_checksum_start_offset(skb), 28);
	KUNIT_EXPECT_EQ(test, skb->csum_offset, 40);	/* the trailer's CRC */
	KUNIT_EXPECT_TRUE(test, xenvf_back_fcoe_pending(skb));
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_rx_crc_ok(skb), 0);
	__skb_queue_head_init(&frames);
	KUNIT_ASSERT_EQ(test, xenvf_back_fcoe_resolve(skb, &frames), 1);
	out = __skb_dequeue(&frames);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_EXPECT_EQ(test, out->len, sizeof(golden_fcp_data));
	KUNIT_EXPECT_EQ(test, memcmp(out->data, golden_fcp_data, sizeof(golden_fcp_data)), 0);
	KUNIT_EXPECT_FALSE(test, xenvf_back_fcoe_pending(out));
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_rx_crc_ok(out), 1);
	kfree_skb(out);
}

static void tx_requests_refused(struct kunit *test)
{
	struct xenvf_back_vf *vf = vf_granted(test, 0);
	struct xenvf_pkt_info info = { .flags = XENVF_TXF_FCOE_CRC };
	struct sk_buff *skb = crc_request(test);

	/* not granted */
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info),
			XENVF_DROP_BAD_FLAGS);
	vf->cfg.fcoe_granted = XENVF_FCOE_CRC;
	/* with a TCP/UDP checksum offload */
	info.flags |= XENVF_TXF_CSUM_PARTIAL;
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info),
			XENVF_DROP_BAD_FLAGS);
	/* FSO without the FSO grant, FSO without FCOE_CRC */
	info.flags = XENVF_TXF_FCOE_CRC | XENVF_TXF_GSO;
	info.gso_type = XENVF_GSO_FCOE;
	info.gso_size = 8;
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info),
			XENVF_DROP_BAD_GSO);
	info.flags = XENVF_TXF_GSO;
	vf->cfg.fcoe_granted = XENVF_FCOE_CRC | XENVF_FCOE_FSO;
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info),
			XENVF_DROP_BAD_GSO);
	/* a segment size that is not a multiple of 4 */
	info.flags = XENVF_TXF_FCOE_CRC | XENVF_TXF_GSO;
	info.gso_size = 6;
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info),
			XENVF_DROP_BAD_GSO);
	/* malformed: FCoE version 1, then a bad EOF */
	info.flags = XENVF_TXF_FCOE_CRC;
	skb->data[14] = 0x10;
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info),
			XENVF_DROP_BAD_FLAGS);
	skb->data[14] = 0;
	skb->data[72] = 0x43;
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info),
			XENVF_DROP_BAD_FLAGS);
	KUNIT_EXPECT_TRUE(test, skb->ip_summed != CHECKSUM_PARTIAL);
	kfree_skb(skb);
}

static void fso_sequence_from_pages(struct kunit *test)
{
	struct xenvf_back_vf *vf = vf_granted(test, XENVF_FCOE_CRC |
					      XENVF_FCOE_FSO);
	struct xenvf_pkt_info info = {
		.flags = XENVF_TXF_FCOE_CRC | XENVF_TXF_GSO,
		.gso_type = XENVF_GSO_FCOE,
		.gso_size = 2048,
	};
	struct sk_buff *skb = paged_sequence(test), *out;
	struct sk_buff_head frames;
	unsigned int i;
	u8 *t;

	KUNIT_ASSERT_TRUE(test, skb_is_nonlinear(skb));
	KUNIT_ASSERT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info), XENVF_DROP_NONE);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_type, SKB_GSO_FCOE);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_segs, 3);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 0x6000);
	__skb_queue_head_init(&frames);
	KUNIT_ASSERT_EQ(test, xenvf_back_fcoe_resolve(skb, &frames), 3);
	for (i = 0; i < 3; i++) {
		out = __skb_dequeue(&frames);
		KUNIT_ASSERT_NOT_NULL(test, out);
		KUNIT_EXPECT_EQ(test, out->len, i < 2 ? 52 + 2048 + 8 : 52 + 904 + 8);
		t = out->data + out->len - 8;
		KUNIT_EXPECT_EQ(test, (u32)(t[0] | t[1] << 8 | t[2] << 16 |
					    (u32)t[3] << 24), seq_crc[i]);
		KUNIT_EXPECT_EQ(test, t[4], i < 2 ? FC_EOF_N : FC_EOF_T);
		KUNIT_EXPECT_EQ(test, out->data[27], i ? FC_SOF_N3 : FC_SOF_I3);
		KUNIT_EXPECT_EQ(test, out->data[28 + 15], 10 + i);	/* SEQ_CNT */
		KUNIT_EXPECT_EQ(test, out->data[52], (u8)(i * 2048));	/* payload */
		KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_rx_crc_ok(out), 1);
		KUNIT_EXPECT_EQ(test, skb_vlan_tag_get(out), 0x6000);
		KUNIT_EXPECT_FALSE(test, skb_is_gso(out));
		kfree_skb(out);
	}
	KUNIT_EXPECT_TRUE(test, skb_queue_empty(&frames));
}

/*
 * golden_fcp_data in EVI: IPv4 192.0.2.1 -> 192.0.2.2, TTL 64, id 0x1234,
 * DF, key 42, tagged VLAN 100, CRC 0x36ba4ee2 in the trailer (IPv4 header
 * checksum from an independent generator, Python, RFC 1071).
 */
static const u8 golden_evi_fcoe[108] = {
	0x45, 0x00, 0x00, 0x6c, 0x12, 0x34, 0x40, 0x00, 0x40, 0x2f, 0xa4, 0x2b,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02, 0x20, 0x00, 0x65, 0x58,
	0x00, 0x00, 0x00, 0x2a, 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x02, 0x0e, 0xfd,
	0x00, 0x00, 0x00, 0x01, 0x81, 0x00, 0x00, 0x64, 0x89, 0x06, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2e,
	0x01, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x09, 0x00, 0x08,
	0x01, 0x00, 0x00, 0x00, 0x12, 0x34, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
	0x0c, 0x0d, 0x0e, 0x0f, 0xe2, 0x4e, 0xba, 0x36, 0x42, 0x00, 0x00, 0x00,
};

/* The CRC request with only its first 20 bytes linear: the CRC is paged. */
static struct sk_buff *paged_crc_request(struct kunit *test)
{
	struct sk_buff *skb = linear_skb(test, golden_fcp_data, 20);
	struct page *page = alloc_page(GFP_KERNEL);
	u32 n = sizeof(golden_fcp_data) - 20;

	KUNIT_ASSERT_NOT_NULL(test, page);
	memcpy(page_address(page), golden_fcp_data + 20, n);
	xenvf_fcoe_set_trailer(page_address(page) + n - 8, ~0u, FC_EOF_T);
	skb_fill_page_desc(skb, 0, page, 0, n);
	skb->len += n;
	skb->data_len += n;
	skb->truesize += PAGE_SIZE;
	return skb;
}

static void evi_fcoe_crc_finished_before_encap(struct kunit *test)
{
	static const struct xenvf_evi_addr a1 = { 4, { 192, 0, 2, 1 } };
	static const struct xenvf_evi_addr a2 = { 4, { 192, 0, 2, 2 } };
	struct xenvf_evi_tx_params tp = {
		.src = &a1, .dst = &a2, .ttl = 64, .use_key = true, .key = 42,
		.id = 0x1234,
	};
	struct xenvf_back_vf *vf = vf_granted(test, XENVF_FCOE_CRC);
	struct xenvf_pkt_info info = { .flags = XENVF_TXF_FCOE_CRC };
	struct xenvf_evi *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	struct sk_buff *skb = paged_crc_request(test), *out;
	struct sk_buff_head frames;

	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_ASSERT_EQ(test, xenvf_evi_init(e), 0);
	KUNIT_ASSERT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info), XENVF_DROP_NONE);
	KUNIT_ASSERT_TRUE(test, xenvf_back_fcoe_pending(skb));
	/* what made skb_checksum_help() WARN: the offset is past the head */
	KUNIT_EXPECT_GT(test, skb_checksum_start_offset(skb),
			(int)skb_headlen(skb));
	__skb_queue_head_init(&frames);
	KUNIT_ASSERT_EQ(test, xenvf_evi_tx_prepare(e, vf, skb, &frames), 1);
	out = __skb_dequeue(&frames);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_EXPECT_FALSE(test, xenvf_back_fcoe_pending(out));
	KUNIT_EXPECT_EQ(test, atomic64_read(&vf->fcoe[XENVF_FC_SW_FRAMES]), 1);
	out = xenvf_evi_encap(e, &tp, out, 100);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_EQ(test, out->len, sizeof(golden_evi_fcoe));
	KUNIT_EXPECT_EQ(test, skb_network_offset(out), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out->data, golden_evi_fcoe,
				     sizeof(golden_evi_fcoe)), 0);
	kfree_skb(out);
	xenvf_evi_destroy(e);
	rcu_barrier();
}

/* An FSO sequence to a peer: three FC frames, each with its own CRC. */
static void evi_fso_sequence_finished_before_encap(struct kunit *test)
{
	struct xenvf_back_vf *vf = vf_granted(test, XENVF_FCOE_CRC |
					      XENVF_FCOE_FSO);
	struct xenvf_pkt_info info = {
		.flags = XENVF_TXF_FCOE_CRC | XENVF_TXF_GSO,
		.gso_type = XENVF_GSO_FCOE,
		.gso_size = 2048,
	};
	struct xenvf_evi *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	struct sk_buff *skb = paged_sequence(test), *out;
	struct sk_buff_head frames;
	unsigned int i;
	u8 *t;

	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_ASSERT_EQ(test, xenvf_evi_init(e), 0);
	KUNIT_ASSERT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info), XENVF_DROP_NONE);
	__skb_queue_head_init(&frames);
	KUNIT_ASSERT_EQ(test, xenvf_evi_tx_prepare(e, vf, skb, &frames), 3);
	for (i = 0; i < 3; i++) {
		out = __skb_dequeue(&frames);
		KUNIT_ASSERT_NOT_NULL(test, out);
		t = out->data + out->len - 8;
		KUNIT_EXPECT_EQ(test, (u32)(t[0] | t[1] << 8 | t[2] << 16 |
					    (u32)t[3] << 24), seq_crc[i]);
		KUNIT_EXPECT_FALSE(test, skb_is_gso(out));
		KUNIT_EXPECT_FALSE(test, xenvf_back_fcoe_pending(out));
		kfree_skb(out);
	}
	KUNIT_EXPECT_EQ(test, atomic64_read(&vf->fcoe[XENVF_FC_SW_FRAMES]), 3);
	/* a malformed pending frame is dropped and counted, not tunnelled */
	skb = crc_request(test);
	info.flags = XENVF_TXF_FCOE_CRC;
	KUNIT_ASSERT_EQ(test, xenvf_back_fcoe_tx(vf, skb, &info), XENVF_DROP_NONE);
	skb->data[14] = 0x10;			/* FCoE version 1 */
	KUNIT_EXPECT_EQ(test, xenvf_evi_tx_prepare(e, vf, skb, &frames), 0);
	KUNIT_EXPECT_TRUE(test, skb_queue_empty(&frames));
	KUNIT_EXPECT_EQ(test, atomic64_read(&vf->fcoe[XENVF_FC_DROP_BAD]), 1);
	xenvf_evi_destroy(e);
	rcu_barrier();
}

static void rx_crc_check(struct kunit *test)
{
	struct sk_buff *skb = linear_skb(test, golden_fcp_data, sizeof(golden_fcp_data));

	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_rx_crc_ok(skb), 1);
	skb->data[60] ^= 0x80;
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_rx_crc_ok(skb), 0);
	skb->data[13] = 0x14;			/* FIP: no FC CRC */
	KUNIT_EXPECT_EQ(test, xenvf_back_fcoe_rx_crc_ok(skb), -EINVAL);
	kfree_skb(skb);
}

static void uplink_hardware_decision(struct kunit *test)
{
	struct net_device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	struct sk_buff *skb = crc_request(test);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	/* an uplink without FCoE offloads (veth, netdevsim): software */
	dev->features = NETIF_F_SG | NETIF_F_HW_CSUM;
	KUNIT_EXPECT_FALSE(test, xenvf_back_fcoe_hw(dev, skb));
	/* FC CRC without HW_CSUM: the stack would checksum the trailer */
	dev->features = NETIF_F_FCOE_CRC | NETIF_F_IP_CSUM;
	KUNIT_EXPECT_FALSE(test, xenvf_back_fcoe_hw(dev, skb));
	/* an ixgbe PF with FCoE enabled */
	dev->features = NETIF_F_FCOE_CRC | NETIF_F_HW_CSUM;
	KUNIT_EXPECT_TRUE(test, xenvf_back_fcoe_hw(dev, skb));
	skb_shinfo(skb)->gso_type = SKB_GSO_FCOE;
	skb_shinfo(skb)->gso_size = 2048;
	KUNIT_EXPECT_FALSE(test, xenvf_back_fcoe_hw(dev, skb));	/* no FSO */
	dev->features |= NETIF_F_FSO;
	KUNIT_EXPECT_TRUE(test, xenvf_back_fcoe_hw(dev, skb));
	skb_shinfo(skb)->gso_size = 0;
	kfree_skb(skb);
}

static struct kunit_case xenvf_back_fcoe_skb_cases[] = {
	KUNIT_CASE(tx_crc_marked_and_finished),
	KUNIT_CASE(tx_requests_refused),
	KUNIT_CASE(fso_sequence_from_pages),
	KUNIT_CASE(rx_crc_check),
	KUNIT_CASE(uplink_hardware_decision),
	KUNIT_CASE(evi_fcoe_crc_finished_before_encap),
	KUNIT_CASE(evi_fso_sequence_finished_before_encap),
	{}
};

static struct kunit_suite xenvf_back_fcoe_skb_suite = {
	.name = "xenvf_back_fcoe_skb",
	.test_cases = xenvf_back_fcoe_skb_cases,
};

kunit_test_suite(xenvf_back_fcoe_skb_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf-back: FCoE offloads on skbs");
MODULE_LICENSE("GPL");
