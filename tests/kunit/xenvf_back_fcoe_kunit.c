// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_fcoe.c: FCoE frame checks, FC CRC and
 * EOF, FSO segmentation boundaries, FCoE MACs and the uplink priority.
 * The golden frames and CRCs were computed independently (Python's
 * zlib.crc32 over FC header and payload, the FC-BB-5 layout by hand).
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "back_fcoe.c"

#include "fcoe_golden.h"

#define FSO_PAYLOAD	5000
#define FSO_MSS		2048
/* zlib.crc32 of each segment's FC header and payload */
static const u32 fso_golden_crc[3] = { 0x39317443, 0x376ab1e0, 0xd2396745 };

static u8 *fso_sequence(struct kunit *test, u32 *len)
{
	u8 *b;
	u32 i;

	*len = sizeof(fso_hdrs) + FSO_PAYLOAD + XENVF_FCOE_TRAILER_LEN;
	b = kunit_kzalloc(test, *len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	memcpy(b, fso_hdrs, sizeof(fso_hdrs));
	for (i = 0; i < FSO_PAYLOAD; i++)
		b[sizeof(fso_hdrs) + i] = i;
	/* what fcoe.ko leaves with CRC offload: ~0 and the sequence's EOF */
	xenvf_fcoe_set_trailer(b + *len - 8, ~0u, FC_EOF_T);
	return b;
}

static void fc_crc_check_value(struct kunit *test)
{
	/* the CRC-32 check value of "123456789" */
	KUNIT_EXPECT_EQ(test, xenvf_fc_crc("123456789", 9), 0xcbf43926u);
}

static void golden_frame_parses(struct kunit *test)
{
	struct xenvf_fcoe_frame f;
	u8 b[sizeof(golden_fcp_data)];

	KUNIT_ASSERT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 76, 76, false,
					       &f), 0);
	KUNIT_EXPECT_EQ(test, f.fcoe_off, 14);
	KUNIT_EXPECT_EQ(test, f.fc_off, 28);
	KUNIT_EXPECT_EQ(test, f.payload_len, 16u);
	KUNIT_EXPECT_EQ(test, f.sof, FC_SOF_I3);
	KUNIT_EXPECT_TRUE(test, xenvf_fcoe_crc_ok(golden_fcp_data, &f));
	memcpy(b, golden_fcp_data, sizeof(b));
	b[60] ^= 1;				/* a payload bit flipped */
	KUNIT_EXPECT_FALSE(test, xenvf_fcoe_crc_ok(b, &f));
}

static void crc_fill_gives_golden(struct kunit *test)
{
	struct xenvf_fcoe_frame f;
	u8 b[sizeof(golden_fcp_data)];

	memcpy(b, golden_fcp_data, sizeof(b));
	xenvf_fcoe_set_trailer(b + 68, ~0u, FC_EOF_T);	/* as fcoe.ko sends */
	KUNIT_ASSERT_EQ(test, xenvf_fcoe_parse(b, 76, 76, false, &f), 0);
	KUNIT_EXPECT_FALSE(test, xenvf_fcoe_crc_ok(b, &f));
	xenvf_fcoe_set_trailer(b + 68, xenvf_fc_crc(b + f.fc_off, 24 + 16),
			       b[72]);
	KUNIT_EXPECT_EQ(test, memcmp(b, golden_fcp_data, sizeof(b)), 0);
}

static void tagged_frame_parses(struct kunit *test)
{
	struct xenvf_fcoe_frame f;
	u8 b[80];

	memcpy(b, golden_fcp_data, 12);
	b[12] = 0x81;
	b[13] = 0x00;
	b[14] = 0x60;				/* PCP 3, VID 10 */
	b[15] = 0x0a;
	memcpy(b + 16, golden_fcp_data + 12, 64);
	KUNIT_ASSERT_EQ(test, xenvf_fcoe_parse(b, 80, 80, false, &f), 0);
	KUNIT_EXPECT_EQ(test, f.fcoe_off, 18);
	KUNIT_EXPECT_EQ(test, f.fc_off, 32);
	KUNIT_EXPECT_TRUE(test, xenvf_fcoe_crc_ok(b, &f));
	/* a second tag: not what the offload takes */
	b[16] = 0x81;
	b[17] = 0x00;
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(b, 80, 80, false, &f), -EINVAL);
}

static void malformed_frames_refused(struct kunit *test)
{
	struct xenvf_fcoe_frame f;
	u8 b[sizeof(golden_fcp_data)];

	memcpy(b, golden_fcp_data, sizeof(b));
	b[13] = 0x14;				/* FIP, not FCoE */
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(b, 76, 76, false, &f), -EINVAL);
	memcpy(b, golden_fcp_data, sizeof(b));
	b[14] = 0x10;				/* version 1 */
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(b, 76, 76, false, &f), -EINVAL);
	memcpy(b, golden_fcp_data, sizeof(b));
	b[27] = 0x30;				/* no such SOF */
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(b, 76, 76, false, &f), -EINVAL);
	/* payload not a multiple of 4 */
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 76, 74, false,
					       &f), -EINVAL);
	/* headers cut short, no room for a trailer, header longer than frame */
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 40, 76, false,
					       &f), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 52, 56, false,
					       &f), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 76, 60, false,
					       &f), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 10, 76, false,
					       &f), -EINVAL);
	/* an FC frame bigger than 2112 bytes of payload only as a sequence */
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 76,
					       28 + 24 + 2116 + 8, false, &f),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 76,
					       28 + 24 + 2112 + 8, false, &f), 0);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_parse(golden_fcp_data, 76,
					       28 + 24 + 2116 + 8, true, &f), 0);
}

static void eof_codes(struct kunit *test)
{
	static const u8 good[] = { 0x41, 0x42, 0x44, 0x46, 0x49, 0x4e, 0x4f,
				   0x50 };
	static const u8 bad[] = { 0x00, 0x40, 0x43, 0x51, 0xff };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		KUNIT_EXPECT_TRUE(test, xenvf_fcoe_eof_valid(good[i]));
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_FALSE(test, xenvf_fcoe_eof_valid(bad[i]));
}

static void fso_segment_counts(struct kunit *test)
{
	struct xenvf_fcoe_frame f = { .sof = FC_SOF_I3, .payload_len = 5000 };

	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 2048), 3);
	f.payload_len = 4096;			/* exact multiple */
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 2048), 2);
	f.payload_len = 4;
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_N, 2048), 1);
	f.payload_len = 64 * 1024 - 64;		/* a full sequence */
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 2048), 32);
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 512), -EINVAL);
	f.payload_len = 5000;
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 2046), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 2116), -EINVAL);
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_RT, 2048), -EINVAL);
	f.sof = FC_SOF_F;			/* not class 2 or 3 */
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 2048), -EINVAL);
	f.sof = FC_SOF_N3;
	f.payload_len = 0;
	KUNIT_EXPECT_EQ(test, xenvf_fso_nsegs(&f, FC_EOF_T, 2048), -EINVAL);
}

static void fso_segments_golden(struct kunit *test)
{
	static const u8 sof[3] = { FC_SOF_I3, FC_SOF_N3, FC_SOF_N3 };
	static const u8 eof[3] = { FC_EOF_N, FC_EOF_N, FC_EOF_T };
	static const u32 f_ctl[3] = { 0x200008, 0x200008, 0x390008 };
	struct xenvf_fcoe_frame f;
	struct xenvf_fso_seg s;
	u8 *seq, *out;
	u32 len, olen;
	int i, n;

	seq = fso_sequence(test, &len);
	KUNIT_ASSERT_EQ(test, xenvf_fcoe_parse(seq, sizeof(fso_hdrs), len, true,
					       &f), 0);
	n = xenvf_fso_nsegs(&f, seq[len - 4], FSO_MSS);
	KUNIT_ASSERT_EQ(test, n, 3);
	out = kunit_kzalloc(test, 52 + FSO_MSS + 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);
	for (i = 0; i < n; i++) {
		xenvf_fso_seg(seq, &f, seq[len - 4], FSO_MSS, i, n, &s);
		KUNIT_EXPECT_EQ(test, s.payload_off, 52u + i * FSO_MSS);
		KUNIT_EXPECT_EQ(test, s.payload_len, i < 2 ? 2048u : 904u);
		KUNIT_EXPECT_EQ(test, s.sof, sof[i]);
		KUNIT_EXPECT_EQ(test, s.eof, eof[i]);
		KUNIT_EXPECT_EQ(test, s.seq_cnt, 10 + i);
		KUNIT_EXPECT_EQ(test, s.param, 0x1000u + i * FSO_MSS);
		KUNIT_EXPECT_EQ(test, s.f_ctl, f_ctl[i]);
		/* build the frame as the backend does and check its CRC */
		memcpy(out, seq, f.fc_off + XENVF_FC_HDR_LEN);
		xenvf_fso_write_hdr(out, &f, &s);
		memcpy(out + 52, seq + s.payload_off, s.payload_len);
		olen = 52 + s.payload_len + 8;
		xenvf_fcoe_set_trailer(out + olen - 8,
				       xenvf_fc_crc(out + f.fc_off,
						    24 + s.payload_len),
				       s.eof);
		KUNIT_EXPECT_EQ(test, xenvf_fc_crc(out + f.fc_off,
						   24 + s.payload_len),
				fso_golden_crc[i]);
		KUNIT_EXPECT_EQ(test, out[27], sof[i]);
		KUNIT_EXPECT_EQ(test, out[olen - 4], eof[i]);
	}
}

static void fso_without_relative_offset(struct kunit *test)
{
	struct xenvf_fcoe_frame f;
	struct xenvf_fso_seg s;
	u8 *seq;
	u32 len;

	seq = fso_sequence(test, &len);
	seq[28 + 11] &= ~FC_FC_REL_OFF;		/* parameter is not an offset */
	seq[27] = FC_SOF_N2;			/* a later sequence, class 2 */
	KUNIT_ASSERT_EQ(test, xenvf_fcoe_parse(seq, sizeof(fso_hdrs), len, true,
					       &f), 0);
	xenvf_fso_seg(seq, &f, FC_EOF_T, FSO_MSS, 1, 3, &s);
	KUNIT_EXPECT_EQ(test, s.param, 0x1000u);
	KUNIT_EXPECT_EQ(test, s.sof, FC_SOF_N2);
	KUNIT_EXPECT_EQ(test, s.seq_cnt, 11);
}

static void fcoe_macs(struct kunit *test)
{
	static const u8 vn2vn[6] = { 0x0e, 0xfd, 0x00, 0x01, 0x02, 0x03 };
	static const u8 flogi[6] = { 0x0e, 0xfc, 0x00, 0xff, 0xff, 0xfe };
	static const u8 fpma[6] = { 0x0e, 0xfc, 0x00, 0x0a, 0x0b, 0x0c };
	static const u8 xen[6] = { 0x00, 0x16, 0x3e, 0x01, 0x02, 0x03 };
	static const u8 near[6] = { 0x0e, 0xfd, 0x01, 0x01, 0x02, 0x03 };

	KUNIT_EXPECT_TRUE(test, xenvf_fcoe_mac(vn2vn));
	KUNIT_EXPECT_TRUE(test, xenvf_fcoe_mac(flogi));
	KUNIT_EXPECT_TRUE(test, xenvf_fcoe_mac(fpma));
	KUNIT_EXPECT_FALSE(test, xenvf_fcoe_mac(xen));
	KUNIT_EXPECT_FALSE(test, xenvf_fcoe_mac(near));
}

static void uplink_priority(struct kunit *test)
{
	__be16 fcoe = htons(ETH_P_FCOE), fip = htons(ETH_P_FIP);
	__be16 ip = htons(ETH_P_IP);

	/* FCoE and FIP: priority tag without a VLAN, PCP on a VLAN */
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_uplink_tci(0, 0, fcoe, 3), 0x6000);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_uplink_tci(0, 5, fip, 3), 0x6000);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_uplink_tci(10, 1, fcoe, 4), 0x800a);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_uplink_tci(0, 0, fcoe, 0), 0);
	/* everything else: the port VLAN's qos, untagged stays untagged */
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_uplink_tci(10, 2, ip, 3), 0x400a);
	KUNIT_EXPECT_EQ(test, xenvf_fcoe_uplink_tci(0, 2, ip, 3), 0);
}

static struct kunit_case xenvf_back_fcoe_cases[] = {
	KUNIT_CASE(fc_crc_check_value),
	KUNIT_CASE(golden_frame_parses),
	KUNIT_CASE(crc_fill_gives_golden),
	KUNIT_CASE(tagged_frame_parses),
	KUNIT_CASE(malformed_frames_refused),
	KUNIT_CASE(eof_codes),
	KUNIT_CASE(fso_segment_counts),
	KUNIT_CASE(fso_segments_golden),
	KUNIT_CASE(fso_without_relative_offset),
	KUNIT_CASE(fcoe_macs),
	KUNIT_CASE(uplink_priority),
	{}
};

static struct kunit_suite xenvf_back_fcoe_suite = {
	.name = "xenvf_back_fcoe",
	.test_cases = xenvf_back_fcoe_cases,
};

kunit_test_suite(xenvf_back_fcoe_suite);

MODULE_DESCRIPTION("KUnit tests for xenvf-back: FCoE CRC, EOF, FSO and frame checks");
MODULE_LICENSE("GPL");
