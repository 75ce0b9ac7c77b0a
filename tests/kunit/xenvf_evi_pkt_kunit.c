// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/evi_pkt.c and evi_arp.c: EVI's outer headers
 * built byte for byte against golden packets, every way a received packet
 * is rejected, what is left to dom0's stack (anything not GRE to us,
 * IPv6 fragments of anything else included), and the ARP suppression
 * reply.
 *
 * The golden packets were computed from RFC 791/8200/2784/2890 with an
 * independent generator (Python struct, RFC 1071 checksums), in the
 * layout a Linux gretap/ip6gretap device sends (DF, TTL 64, key, flow
 * label 0); the rig's EVI interop scenarios check the same against real
 * gretap/ip6gretap devices.
 */
#include <kunit/test.h>

#include "evi_pkt.c"
#include "evi_arp.c"
#include "expect_bytes.h"

/* inner: 00:16:3e:00:00:0a -> :0b, VLAN 100, ICMP echo 192.0.2.10 -> .11, TOS 0xb8 */
static const u8 g_inner_tagged[55] = {
	0x00, 0x16, 0x3e, 0x00, 0x00, 0x0b, 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0a,
	0x81, 0x00, 0x00, 0x64, 0x08, 0x00, 0x45, 0xb8, 0x00, 0x25, 0x42, 0x42,
	0x40, 0x00, 0x40, 0x01, 0x73, 0xc8, 0xc0, 0x00, 0x02, 0x0a, 0xc0, 0x00,
	0x02, 0x0b, 0x08, 0x00, 0xdc, 0x07, 0x00, 0x77, 0x00, 0x01, 0x78, 0x65,
	0x6e, 0x76, 0x66, 0x2d, 0x65, 0x76, 0x69,
};

/* IPv4 192.0.2.1 -> 192.0.2.2, TTL 64, DSCP 0, id 0x1234, DF, key 42 */
static const u8 g_v4_key[83] = {
	0x45, 0x00, 0x00, 0x53, 0x12, 0x34, 0x40, 0x00, 0x40, 0x2f, 0xa4, 0x44,
	0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02, 0x20, 0x00, 0x65, 0x58,
	0x00, 0x00, 0x00, 0x2a, 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0b, 0x00, 0x16,
	0x3e, 0x00, 0x00, 0x0a, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00, 0x45, 0xb8,
	0x00, 0x25, 0x42, 0x42, 0x40, 0x00, 0x40, 0x01, 0x73, 0xc8, 0xc0, 0x00,
	0x02, 0x0a, 0xc0, 0x00, 0x02, 0x0b, 0x08, 0x00, 0xdc, 0x07, 0x00, 0x77,
	0x00, 0x01, 0x78, 0x65, 0x6e, 0x76, 0x66, 0x2d, 0x65, 0x76, 0x69,
};

/* IPv6 2001:db8::1 -> 2001:db8::2, hop limit 64, DSCP 46 (inherited), no key; inner untagged */
static const u8 g_v6[95] = {
	0x6b, 0x80, 0x00, 0x00, 0x00, 0x37, 0x2f, 0x40, 0x20, 0x01, 0x0d, 0xb8,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x65, 0x58, 0x00, 0x16, 0x3e, 0x00,
	0x00, 0x0b, 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0a, 0x08, 0x00, 0x45, 0xb8,
	0x00, 0x25, 0x42, 0x42, 0x40, 0x00, 0x40, 0x01, 0x73, 0xc8, 0xc0, 0x00,
	0x02, 0x0a, 0xc0, 0x00, 0x02, 0x0b, 0x08, 0x00, 0xdc, 0x07, 0x00, 0x77,
	0x00, 0x01, 0x78, 0x65, 0x6e, 0x76, 0x66, 0x2d, 0x65, 0x76, 0x69,
};

/* IPv4 192.0.2.2 -> 192.0.2.1, TTL 63, GRE checksum and key 42 (as a C-flag sender) */
static const u8 g_v4_csum[87] = {
	0x45, 0x00, 0x00, 0x57, 0x00, 0x00, 0x40, 0x00, 0x3f, 0x2f, 0xb7, 0x74,
	0xc0, 0x00, 0x02, 0x02, 0xc0, 0x00, 0x02, 0x01, 0xa0, 0x00, 0x65, 0x58,
	0xf4, 0xd6, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x16, 0x3e, 0x00,
	0x00, 0x0b, 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0a, 0x81, 0x00, 0x00, 0x64,
	0x08, 0x00, 0x45, 0xb8, 0x00, 0x25, 0x42, 0x42, 0x40, 0x00, 0x40, 0x01,
	0x73, 0xc8, 0xc0, 0x00, 0x02, 0x0a, 0xc0, 0x00, 0x02, 0x0b, 0x08, 0x00,
	0xdc, 0x07, 0x00, 0x77, 0x00, 0x01, 0x78, 0x65, 0x6e, 0x76, 0x66, 0x2d,
	0x65, 0x76, 0x69,
};

static const u8 g_arp_req[42] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x16, 0x3e, 0x00, 0x00, 0x0a,
	0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x00, 0x16,
	0x3e, 0x00, 0x00, 0x0a, 0xc0, 0x00, 0x02, 0x0a, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0xc0, 0x00, 0x02, 0x14,
};

static const u8 g_arp_reply[42] = {
	0x00, 0x16, 0x3e, 0x00, 0x00, 0x0a, 0x00, 0x16, 0x3e, 0x00, 0x00, 0x20,
	0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02, 0x00, 0x16,
	0x3e, 0x00, 0x00, 0x20, 0xc0, 0x00, 0x02, 0x14, 0x00, 0x16, 0x3e, 0x00,
	0x00, 0x0a, 0xc0, 0x00, 0x02, 0x0a,
};

#define V4_OUTER	28	/* IPv4 20 + GRE 4 + key 4 */
#define V6_OUTER	44	/* IPv6 40 + GRE 4 */

static const struct xenvf_evi_addr a4_1 = { 4, { 192, 0, 2, 1 } };
static const struct xenvf_evi_addr a4_2 = { 4, { 192, 0, 2, 2 } };
static const struct xenvf_evi_addr a6_1 = {
	6, { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
static const struct xenvf_evi_addr a6_2 = {
	6, { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };

static void pkt_build_ipv4_keyed_golden(struct kunit *test)
{
	struct xenvf_evi_tx_params p = {
		.src = &a4_1, .dst = &a4_2, .ttl = 64, .dscp = 0,
		.use_key = true, .key = 42, .id = 0x1234,
	};
	u8 hdr[V4_OUTER];

	KUNIT_ASSERT_EQ(test, xenvf_evi_outer_len(4, true), V4_OUTER);
	KUNIT_ASSERT_EQ(test, xenvf_evi_build_outer(hdr, &p, g_inner_tagged,
						    sizeof(g_inner_tagged),
						    sizeof(g_inner_tagged)),
			V4_OUTER);
	expect_bytes(test, hdr, g_v4_key, V4_OUTER);
	expect_bytes(test, g_v4_key + V4_OUTER, g_inner_tagged,
		     sizeof(g_inner_tagged));
}

static void pkt_build_ipv6_inherit_golden(struct kunit *test)
{
	const u8 *inner = g_v6 + V6_OUTER;
	unsigned int ilen = sizeof(g_v6) - V6_OUTER;
	struct xenvf_evi_tx_params p = {
		.src = &a6_1, .dst = &a6_2, .ttl = 64,
		.dscp = XENVF_EVI_DSCP_INHERIT,
	};
	u8 hdr[V6_OUTER];

	KUNIT_ASSERT_EQ(test, xenvf_evi_outer_len(6, false), V6_OUTER);
	KUNIT_ASSERT_EQ(test, xenvf_evi_build_outer(hdr, &p, inner, ilen,
						    ilen), V6_OUTER);
	expect_bytes(test, hdr, g_v6, V6_OUTER);
}

static void pkt_dscp_set_and_inherited(struct kunit *test)
{
	struct xenvf_evi_tx_params p = {
		.src = &a4_1, .dst = &a4_2, .ttl = 9, .dscp = 10,
	};
	u8 hdr[24];

	/* the inner IPv4 behind the VLAN tag has DSCP 46 */
	KUNIT_EXPECT_EQ(test, xenvf_evi_inner_dscp(g_inner_tagged,
						   sizeof(g_inner_tagged)), 46);
	KUNIT_EXPECT_EQ(test, xenvf_evi_inner_dscp(g_arp_req,
						   sizeof(g_arp_req)), 0);
	xenvf_evi_build_outer(hdr, &p, g_inner_tagged, sizeof(g_inner_tagged),
			      sizeof(g_inner_tagged));
	KUNIT_EXPECT_EQ(test, hdr[1], 10 << 2);		/* set; ECN 0 */
	KUNIT_EXPECT_EQ(test, hdr[8], 9);		/* TTL */
	KUNIT_EXPECT_EQ(test, hdr[6], 0x40);		/* DF */
	KUNIT_EXPECT_EQ(test, (__force u16)ip_fast_csum(hdr, 5), 0);
	p.dscp = XENVF_EVI_DSCP_INHERIT;
	xenvf_evi_build_outer(hdr, &p, g_inner_tagged, sizeof(g_inner_tagged),
			      sizeof(g_inner_tagged));
	KUNIT_EXPECT_EQ(test, hdr[1], 46 << 2);
	KUNIT_EXPECT_EQ(test, hdr[20], 0);		/* no K without key */
	KUNIT_EXPECT_EQ(test, (__force u16)ip_fast_csum(hdr, 5), 0);
}

static bool same_addr(const struct xenvf_evi_addr *x,
		      const struct xenvf_evi_addr *y)
{
	return x->family == y->family && !memcmp(x->a, y->a, sizeof(x->a));
}

/* Receiving side of the golden packets: 192.0.2.2 / 2001:db8::2. */
static struct xenvf_evi_rx_params rx4 = {
	.local = &a4_2, .min_ttl = 1, .use_key = true, .key = 42,
};

static unsigned int parse(const u8 *pkt, unsigned int len,
			  const struct xenvf_evi_rx_params *p,
			  struct xenvf_evi_rx_info *info)
{
	return xenvf_evi_parse(p, pkt, len, info);
}

/* A writable copy of a golden packet. */
static u8 *copy(struct kunit *test, const u8 *pkt, unsigned int len)
{
	u8 *b = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	memcpy(b, pkt, len);
	return b;
}

/* Fix the IPv4 header checksum (over IHL words) after a change. */
static void v4_fix(u8 *pkt)
{
	__sum16 c;

	pkt[10] = 0;
	pkt[11] = 0;
	c = ip_fast_csum(pkt, pkt[0] & 0xf);
	memcpy(pkt + 10, &c, 2);
}

static void pkt_parse_golden(struct kunit *test)
{
	struct xenvf_evi_rx_params rx6 = { .local = &a6_2, .min_ttl = 1 };
	struct xenvf_evi_rx_info info;

	KUNIT_ASSERT_EQ(test, parse(g_v4_key, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_TRUE(test, same_addr(&info.src, &a4_1));
	KUNIT_EXPECT_EQ(test, info.inner_off, V4_OUTER);
	KUNIT_EXPECT_EQ(test, info.inner_len, sizeof(g_inner_tagged));
	KUNIT_EXPECT_TRUE(test, info.tagged);
	KUNIT_EXPECT_EQ(test, info.vid, 100);

	KUNIT_ASSERT_EQ(test, parse(g_v6, sizeof(g_v6), &rx6, &info),
			XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_TRUE(test, same_addr(&info.src, &a6_1));
	KUNIT_EXPECT_EQ(test, info.inner_off, V6_OUTER);
	KUNIT_EXPECT_EQ(test, info.inner_len, sizeof(g_v6) - V6_OUTER);
	KUNIT_EXPECT_FALSE(test, info.tagged);
	KUNIT_EXPECT_EQ(test, info.vid, 0);
}

static void pkt_parse_trailer_trimmed(struct kunit *test)
{
	u8 *b = kunit_kzalloc(test, sizeof(g_v4_key) + 6, GFP_KERNEL);
	struct xenvf_evi_rx_info info;

	KUNIT_ASSERT_NOT_NULL(test, b);
	memcpy(b, g_v4_key, sizeof(g_v4_key));	/* Ethernet padding after it */
	KUNIT_ASSERT_EQ(test, parse(b, sizeof(g_v4_key) + 6, &rx4, &info),
			XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_EQ(test, info.inner_len, sizeof(g_inner_tagged));
}

/* ip6gretap's default: a destination options header with encaplimit 4. */
static void pkt_ipv6_encap_limit_skipped(struct kunit *test)
{
	static const u8 tel[8] = { IPPROTO_GRE, 0, 4, 1, 4, 1, 1, 0 };
	struct xenvf_evi_rx_params rx6 = { .local = &a6_2, .min_ttl = 1 };
	unsigned int n = sizeof(g_v6) + 8;
	struct xenvf_evi_rx_info info;
	u8 *b = kunit_kzalloc(test, n, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	memcpy(b, g_v6, 40);
	memcpy(b + 40, tel, 8);
	memcpy(b + 48, g_v6 + 40, sizeof(g_v6) - 40);
	b[6] = 60;
	b[5] += 8;
	KUNIT_ASSERT_EQ(test, parse(b, n, &rx6, &info), XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_EQ(test, info.inner_off, V6_OUTER + 8);
	KUNIT_EXPECT_EQ(test, info.inner_len, sizeof(g_v6) - V6_OUTER);
	/* an option header running past the packet: not known to be GRE */
	b[41] = 200;
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
	/* a routing header before GRE: not EVI's */
	b[41] = 0;
	b[40] = 43;
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
}

static void pkt_not_ours_passes(struct kunit *test)
{
	struct xenvf_evi_rx_params rx6 = { .local = &a6_2, .min_ttl = 1 };
	struct xenvf_evi_rx_params other = rx4;
	struct xenvf_evi_addr a = a4_1;
	struct xenvf_evi_rx_info info;
	u8 *b = copy(test, g_v4_key, sizeof(g_v4_key));

	other.local = &a;		/* another local address */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &other, &info), 0);
	b[9] = IPPROTO_UDP;		/* not GRE */
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info), 0);
	KUNIT_EXPECT_EQ(test, parse(g_v4_key, 19, &rx4, &info), 0);
	KUNIT_EXPECT_EQ(test, parse(g_v4_key, 0, &rx4, &info), 0);
	/* an IPv6 packet while the local address is IPv4 */
	KUNIT_EXPECT_EQ(test, parse(g_v6, sizeof(g_v6), &rx4, &info), 0);
	/* a truncated IPv6 header (read no further than its 20 bytes) */
	KUNIT_EXPECT_EQ(test, parse(copy(test, g_v6, 20), 20, &rx6, &info), 0);
}

static void pkt_reject_short(struct kunit *test)
{
	struct xenvf_evi_rx_info info;
	u8 *b = copy(test, g_v4_key, sizeof(g_v4_key));
	struct xenvf_evi_rx_params rx6 = { .local = &a6_2, .min_ttl = 1 };

	/* short outer: the IPv4 total length is beyond the bytes received */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key) - 1, &rx4, &info),
			XENVF_EVI_S_RX_SHORT);
	/* short outer: IHL beyond the packet */
	b[0] = 0x4f;
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, 40, &rx4, &info), XENVF_EVI_S_RX_SHORT);
	/* short GRE: the IP packet ends inside the GRE header */
	memcpy(b, g_v4_key, sizeof(g_v4_key));
	b[2] = 0;
	b[3] = 22;
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_SHORT);
	/* short GRE: K set but the key is cut off */
	b[3] = 26;
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_SHORT);
	/* short inner: 13 bytes of Ethernet */
	b[3] = V4_OUTER + 13;
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_SHORT);
	/* short inner: an 802.1Q tag cut off */
	b[3] = V4_OUTER + 16;
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_SHORT);
	/* IPv6 payload length beyond the packet */
	KUNIT_EXPECT_EQ(test, parse(g_v6, sizeof(g_v6) - 1, &rx6, &info),
			XENVF_EVI_S_RX_SHORT);
}

static void pkt_reject_bad_gre(struct kunit *test)
{
	struct xenvf_evi_rx_info info;
	u8 *b = copy(test, g_v4_key, sizeof(g_v4_key));

	b[21] |= 1;			/* version 1 (PPTP) */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_GRE);
	b[21] = 0;
	b[20] |= 0x40;			/* routing present (RFC 1701) */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_GRE);
	b[20] = 0x28;			/* K + strict source route */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_GRE);
	b[20] = 0x20;
	b[21] = 0x08;			/* a reserved bit */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_GRE);
	b[21] = 0;
	b[22] = 0x08;			/* protocol IPv4: plain GRE, not EVI */
	b[23] = 0x00;
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_PROTO);
}

static void pkt_reject_key(struct kunit *test)
{
	struct xenvf_evi_rx_params nokey = { .local = &a4_2, .min_ttl = 1 };
	struct xenvf_evi_rx_params other = rx4;
	struct xenvf_evi_rx_info info;

	other.key = 43;
	KUNIT_EXPECT_EQ(test, parse(g_v4_key, sizeof(g_v4_key), &other, &info),
			XENVF_EVI_S_RX_BAD_KEY);
	/* a keyed packet while we use no key */
	KUNIT_EXPECT_EQ(test, parse(g_v4_key, sizeof(g_v4_key), &nokey, &info),
			XENVF_EVI_S_RX_BAD_KEY);
}

static void pkt_reject_missing_key(struct kunit *test)
{
	struct xenvf_evi_rx_params rx6 = {
		.local = &a6_2, .min_ttl = 1, .use_key = true, .key = 0,
	};
	struct xenvf_evi_rx_info info;

	/* g_v6 has no key: demanded (even key 0) means rejected */
	KUNIT_EXPECT_EQ(test, parse(g_v6, sizeof(g_v6), &rx6, &info),
			XENVF_EVI_S_RX_BAD_KEY);
}

static void pkt_reject_ttl(struct kunit *test)
{
	struct xenvf_evi_rx_params strict = rx4;
	struct xenvf_evi_rx_params rx6 = { .local = &a6_2, .min_ttl = 65 };
	struct xenvf_evi_rx_info info;

	strict.min_ttl = 64;		/* TTL 64 is enough */
	KUNIT_EXPECT_EQ(test, parse(g_v4_key, sizeof(g_v4_key), &strict,
				    &info), XENVF_EVI_S_RX_DECAP);
	strict.min_ttl = 65;
	KUNIT_EXPECT_EQ(test, parse(g_v4_key, sizeof(g_v4_key), &strict,
				    &info), XENVF_EVI_S_RX_TTL);
	KUNIT_EXPECT_EQ(test, parse(g_v6, sizeof(g_v6), &rx6, &info),
			XENVF_EVI_S_RX_TTL);
}

/*
 * What a stock ip6gretap sends by default: g_v6 with a Destination Options
 * header (next header GRE, length 0) holding the tunnel encapsulation
 * limit option (type 4, length 1, limit 4) and a PadN of one byte.
 */
static const u8 g_encap_limit[8] = { 0x2f, 0x00, 0x04, 0x01, 0x04, 0x01, 0x01, 0x00 };

static u8 *v6_with_dstopts(struct kunit *test)
{
	u8 *b = kunit_kzalloc(test, sizeof(g_v6) + 8, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	memcpy(b, g_v6, 40);
	b[5] = 0x37 + 8;		/* payload length */
	b[6] = 60;			/* next header: destination options */
	memcpy(b + 40, g_encap_limit, 8);
	memcpy(b + 48, g_v6 + 40, sizeof(g_v6) - 40);
	return b;
}

static void pkt_parse_ip6gretap_encap_limit(struct kunit *test)
{
	struct xenvf_evi_rx_params rx6 = { .local = &a6_2, .min_ttl = 1 };
	struct xenvf_evi_rx_info info;
	u8 *b = v6_with_dstopts(test);
	unsigned int n = sizeof(g_v6) + 8;

	KUNIT_ASSERT_EQ(test, parse(b, n, &rx6, &info), XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_TRUE(test, same_addr(&info.src, &a6_1));
	KUNIT_EXPECT_EQ(test, info.inner_off, V6_OUTER + 8);
	KUNIT_EXPECT_EQ(test, info.inner_len, sizeof(g_v6) - V6_OUTER);
	/* the options header longer than the packet: who knows, the stack */
	b[41] = 9;
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
	b[41] = 0;
	/* GRE, but a payload too short for the options header */
	b[5] = 4;
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), XENVF_EVI_S_RX_SHORT);
	b[5] = 0x37 + 8;
	/* then not GRE: not EVI's */
	b[40] = IPPROTO_UDP;
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
}

static void pkt_reject_fragment(struct kunit *test)
{
	struct xenvf_evi_rx_info info;
	u8 *b = copy(test, g_v4_key, sizeof(g_v4_key));

	b[6] = 0x20;			/* MF, offset 0: a first fragment */
	b[7] = 0;
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_FRAGMENT);
	b[6] = 0x00;			/* a later fragment */
	b[7] = 0x10;
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_FRAGMENT);
	b[9] = IPPROTO_UDP;		/* a UDP fragment: the stack's */
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info), 0);
}

/*
 * g_v6 as a fragment: IPv6 | fragment header (next header @nh, fragment
 * offset/flags @off) [| g_encap_limit] | the rest of g_v6 from GRE on.
 */
static u8 *v6_fragment(struct kunit *test, u8 nh, u16 off, bool dstopts,
		       unsigned int *len)
{
	unsigned int x = dstopts ? 8 : 0, n = sizeof(g_v6) + 8 + x;
	u8 *b = kunit_kzalloc(test, n, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	memcpy(b, g_v6, 40);
	b[5] = 0x37 + 8 + x;		/* payload length */
	b[6] = 44;			/* next header: fragment */
	b[40] = nh;
	b[42] = off >> 8;
	b[43] = off;
	b[44] = 0x12;			/* identification */
	if (dstopts)
		memcpy(b + 48, g_encap_limit, 8);
	memcpy(b + 48 + x, g_v6 + 40, sizeof(g_v6) - 40);
	*len = n;
	return b;
}

static void pkt_ipv6_fragments(struct kunit *test)
{
	struct xenvf_evi_rx_params rx6 = { .local = &a6_2, .min_ttl = 1 };
	struct xenvf_evi_rx_info info;
	unsigned int n;
	u8 *b;

	/* GRE's fragments, first (M) and later (offset 8): EVI's, dropped */
	b = v6_fragment(test, IPPROTO_GRE, 0x0001, false, &n);
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), XENVF_EVI_S_RX_FRAGMENT);
	b = v6_fragment(test, IPPROTO_GRE, 0x0008, false, &n);
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), XENVF_EVI_S_RX_FRAGMENT);
	/* ip6gretap's: fragment, then its encapsulation limit, then GRE */
	b = v6_fragment(test, 60, 0x0001, true, &n);
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), XENVF_EVI_S_RX_FRAGMENT);
	/* its later fragments cannot be told apart: the stack's */
	b = v6_fragment(test, 60, 0x0009, true, &n);
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
	/* fragments of UDP and ICMPv6 to the local address: the stack's */
	b = v6_fragment(test, IPPROTO_UDP, 0x0001, false, &n);
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
	b = v6_fragment(test, IPPROTO_UDP, 0x05a8, false, &n);
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
	b = v6_fragment(test, IPPROTO_ICMPV6, 0x0001, false, &n);
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
	/* and a first fragment whose options lead to UDP */
	b = v6_fragment(test, 60, 0x0001, true, &n);
	b[48] = IPPROTO_UDP;
	KUNIT_EXPECT_EQ(test, parse(b, n, &rx6, &info), 0);
	/* a fragment header cut off: not known to be GRE's */
	b = v6_fragment(test, IPPROTO_GRE, 0x0001, false, &n);
	KUNIT_EXPECT_EQ(test, parse(b, 44, &rx6, &info), 0);
}

/* The outer IPv4 header checksum is checked (nothing checked it before). */
static void pkt_reject_bad_ip_csum(struct kunit *test)
{
	struct xenvf_evi_rx_info info;
	u8 *b = copy(test, g_v4_key, sizeof(g_v4_key));

	/* g_v4_key with its header checksum 0xa444 made 0xa445 */
	b[11] = 0x45;
	KUNIT_EXPECT_NE(test, (u16)(__force u16)ip_fast_csum(b, 5), 0);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_IP_CSUM);
	/* a header bit flipped under a right checksum */
	b[11] = 0x44;
	b[8] ^= 0x01;			/* TTL 65 */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_IP_CSUM);
	/* with options (IHL 6): the checksum covers them too */
	b = kunit_kzalloc(test, sizeof(g_v4_key) + 4, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	memcpy(b, g_v4_key, 20);
	b[20] = 1;			/* NOP options */
	b[21] = 1;
	b[22] = 1;
	b[23] = 0;
	memcpy(b + 24, g_v4_key + 20, sizeof(g_v4_key) - 20);
	b[0] = 0x46;
	b[3] += 4;
	v4_fix(b);
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key) + 4, &rx4, &info),
			XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_EQ(test, info.inner_off, V4_OUTER + 4);
	b[23] = 1;
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key) + 4, &rx4, &info),
			XENVF_EVI_S_RX_IP_CSUM);
}

/* Inside the tunnel: one 802.1Q tag at most, no 802.1ad tag (VLAN hopping). */
static void pkt_reject_stacked_tags(struct kunit *test)
{
	struct xenvf_evi_rx_info info;
	u8 *b = copy(test, g_v4_key, sizeof(g_v4_key));
	u8 *in = b + V4_OUTER;

	in[16] = 0x81;			/* VLAN 100, then another 802.1Q tag */
	in[17] = 0x00;
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_TAG);
	in[16] = 0x88;			/* then an 802.1ad tag */
	in[17] = 0xa8;
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_TAG);
	in[14] = 0;			/* a priority tag before a tag */
	in[15] = 0;
	in[16] = 0x81;
	in[17] = 0x00;
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_TAG);
	in[12] = 0x88;			/* an 802.1ad outer tag */
	in[13] = 0xa8;
	in[15] = 100;
	in[16] = 0x08;
	in[17] = 0x00;
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_TAG);
	in[12] = 0x91;			/* an old QinQ tag */
	in[13] = 0x00;
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_BAD_TAG);
	in[12] = 0x81;			/* and back: one tag, VLAN 100 */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_key), &rx4, &info),
			XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_EQ(test, info.vid, 100);
}

static void pkt_gre_checksum(struct kunit *test)
{
	struct xenvf_evi_rx_params rx = {
		.local = &a4_1, .min_ttl = 1, .use_key = true, .key = 42,
	};
	struct xenvf_evi_rx_info info;
	u8 *b = copy(test, g_v4_csum, sizeof(g_v4_csum));

	KUNIT_ASSERT_EQ(test, parse(b, sizeof(g_v4_csum), &rx, &info),
			XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_EQ(test, info.inner_off, 20 + 12);
	KUNIT_EXPECT_EQ(test, info.vid, 100);
	b[sizeof(g_v4_csum) - 1] ^= 0x01;	/* one payload bit flipped */
	KUNIT_EXPECT_EQ(test, parse(b, sizeof(g_v4_csum), &rx, &info),
			XENVF_EVI_S_RX_CSUM);
}

static void pkt_gre_sequence_skipped(struct kunit *test)
{
	struct xenvf_evi_rx_info info;
	u8 *b = kunit_kzalloc(test, sizeof(g_v4_key) + 4, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	memcpy(b, g_v4_key, V4_OUTER);
	memcpy(b + V4_OUTER + 4, g_v4_key + V4_OUTER, sizeof(g_inner_tagged));
	b[20] |= 0x10;			/* S: a sequence number after the key */
	b[3] += 4;
	v4_fix(b);
	KUNIT_ASSERT_EQ(test, parse(b, sizeof(g_v4_key) + 4, &rx4, &info),
			XENVF_EVI_S_RX_DECAP);
	KUNIT_EXPECT_EQ(test, info.inner_off, V4_OUTER + 4);
	KUNIT_EXPECT_EQ(test, info.vid, 100);
}

static void arp_request_and_reply_golden(struct kunit *test)
{
	static const u8 owner[ETH_ALEN] = { 0x00, 0x16, 0x3e, 0x00, 0x00, 0x20 };
	u8 out[XENVF_EVI_ARP_LEN];
	u8 *b = copy(test, g_arp_req, sizeof(g_arp_req));
	__be32 tip = 0;

	KUNIT_ASSERT_TRUE(test, xenvf_evi_arp_request(b, sizeof(g_arp_req),
						      &tip));
	KUNIT_EXPECT_EQ(test, ntohl(tip), 0xc0000214);	/* 192.0.2.20 */
	xenvf_evi_arp_reply(out, b, owner);
	expect_bytes(test, out, g_arp_reply, sizeof(g_arp_reply));
	/* the reply's sender is learnable; the request's too */
	KUNIT_EXPECT_EQ(test, ntohl(xenvf_evi_arp_sender(g_arp_reply,
							 sizeof(g_arp_reply))),
			0xc0000214);
	KUNIT_EXPECT_EQ(test, ntohl(xenvf_evi_arp_sender(b, sizeof(g_arp_req))),
			0xc000020a);
	/* a reply is no request; nor is a short or gratuitous one */
	KUNIT_EXPECT_FALSE(test, xenvf_evi_arp_request(g_arp_reply,
						       sizeof(g_arp_reply),
						       &tip));
	KUNIT_EXPECT_FALSE(test, xenvf_evi_arp_request(b, 41, &tip));
	memcpy(b + 38, b + 28, 4);		/* target = sender */
	KUNIT_EXPECT_FALSE(test, xenvf_evi_arp_request(b, sizeof(g_arp_req),
						       &tip));
	/* a sender address not the frame's source is not learned */
	b[6] ^= 0x02;
	KUNIT_EXPECT_EQ(test, ntohl(xenvf_evi_arp_sender(b, sizeof(g_arp_req))),
			0);
}

static struct kunit_case evi_pkt_cases[] = {
	KUNIT_CASE(pkt_build_ipv4_keyed_golden),
	KUNIT_CASE(pkt_build_ipv6_inherit_golden),
	KUNIT_CASE(pkt_dscp_set_and_inherited),
	KUNIT_CASE(pkt_parse_golden),
	KUNIT_CASE(pkt_parse_trailer_trimmed),
	KUNIT_CASE(pkt_ipv6_encap_limit_skipped),
	KUNIT_CASE(pkt_not_ours_passes),
	KUNIT_CASE(pkt_reject_short),
	KUNIT_CASE(pkt_reject_bad_gre),
	KUNIT_CASE(pkt_reject_key),
	KUNIT_CASE(pkt_reject_missing_key),
	KUNIT_CASE(pkt_reject_ttl),
	KUNIT_CASE(pkt_reject_fragment),
	KUNIT_CASE(pkt_ipv6_fragments),
	KUNIT_CASE(pkt_reject_bad_ip_csum),
	KUNIT_CASE(pkt_reject_stacked_tags),
	KUNIT_CASE(pkt_parse_ip6gretap_encap_limit),
	KUNIT_CASE(pkt_gre_checksum),
	KUNIT_CASE(pkt_gre_sequence_skipped),
	KUNIT_CASE(arp_request_and_reply_golden),
	{}
};

static struct kunit_suite evi_pkt_suite = {
	.name = "xenvf_evi_pkt",
	.test_cases = evi_pkt_cases,
};

kunit_test_suite(evi_pkt_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit: xenvf EVI packet builder and parser");
