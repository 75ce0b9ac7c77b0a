// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for pf_backend/back_fwd.c: the embedded switch's forwarding
 * decisions (anti-spoof, VLAN membership and tagging, multicast filters).
 */
#include <kunit/test.h>
#include <linux/stdarg.h>

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

/* A tag stack: @n 802.1Q tags of the VIDs given (or none). */
static struct xenvf_fwd_tags tags_of(__be16 proto, unsigned int n, ...)
{
	struct xenvf_fwd_tags t = { .n = n, .proto = proto };
	unsigned int i;
	va_list ap;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		t.tag[i].tpid = htons(ETH_P_8021Q);
		t.tag[i].tci = va_arg(ap, unsigned int);
	}
	va_end(ap);
	return t;
}

/* The old single-tag call: untagged, or one 802.1Q tag of @vid. */
static enum xenvf_fwd_verdict ingress(const struct xenvf_port_filter *f,
				      const struct ethhdr *eth, bool tagged,
				      u16 tag_vid, u16 *vid)
{
	struct xenvf_fwd_tags t = tags_of(eth->h_proto, tagged, tag_vid);

	return xenvf_fwd_ingress(f, eth, &t, vid);
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

	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
	eth = frame(vf_b, bcast);	/* a spoofed broadcast is not flooded */
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
	/* spoofchk off: any unicast source, but never a multicast one */
	a->spoofchk = false;
	eth = frame(vf_b, vf_c);
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 0);
	eth = frame(bcast, vf_b);
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
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
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 10);
	/* a VF under a port VLAN may not tag */
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, true, 10, &vid),
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
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, true, 100, &vid),
			XENVF_FWD_DROP_VLAN);
	__set_bit(100, a->vlans);
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, true, 100, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 100);
	/* a priority tag (VID 0) is untagged */
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, true, 0, &vid),
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
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
	eth = frame(vf_b, vn_a);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(a, &eth, 0), XENVF_EGRESS_NONE);
	a->uc_count = 1;
	memcpy(a->uc[0], vn_a, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_egress(a, &eth, 0), XENVF_EGRESS_OWNER);
	eth = frame(vn_a, vn_b);
	eth.h_proto = htons(ETH_P_FCOE);
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_PASS);
	eth.h_proto = htons(ETH_P_FIP);		/* VN2VN beacons */
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_PASS);
	/* anti-spoof stays for everything else */
	eth.h_proto = htons(ETH_P_IP);
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
	eth = frame(vn_b, vf_c);
	eth.h_proto = htons(ETH_P_FCOE);	/* not its VN_Port MAC */
	KUNIT_EXPECT_EQ(test, ingress(a, &eth, false, 0, &vid),
			XENVF_FWD_DROP_SPOOF);
}

/* Bytes of a frame header: MACs, then @n (TPID, TCI) pairs, then @type. */
static unsigned int hdr_of(u8 *buf, const u16 *pairs, unsigned int n,
			   u16 type)
{
	unsigned int i, off = 12;

	memset(buf, 0, 12);
	memcpy(buf, vf_b, ETH_ALEN);
	memcpy(buf + ETH_ALEN, vf_a, ETH_ALEN);
	for (i = 0; i < 2 * n; i++, off += 2) {
		buf[off] = pairs[i] >> 8;
		buf[off + 1] = pairs[i] & 0xff;
	}
	buf[off] = type >> 8;
	buf[off + 1] = type & 0xff;
	return off + 2;
}

static void fwd_tag_stack_parsed(struct kunit *test)
{
	static const u16 qq[] = { ETH_P_8021AD, 0, ETH_P_8021Q, 100 };
	static const u16 five[] = { ETH_P_8021Q, 1, ETH_P_8021Q, 2,
				    ETH_P_8021Q, 3, ETH_P_8021Q, 4,
				    ETH_P_8021Q, 5 };
	struct xenvf_fwd_tags t;
	u8 buf[64];
	unsigned int len;

	len = hdr_of(buf, NULL, 0, ETH_P_IP);
	xenvf_fwd_parse_tags(buf, len, false, 0, 0, &t);
	KUNIT_EXPECT_EQ(test, t.n, 0);
	KUNIT_EXPECT_FALSE(test, t.bad);
	KUNIT_EXPECT_TRUE(test, t.proto == htons(ETH_P_IP));

	len = hdr_of(buf, qq, 2, ETH_P_IP);
	xenvf_fwd_parse_tags(buf, len, false, 0, 0, &t);
	KUNIT_EXPECT_EQ(test, t.n, 2);
	KUNIT_EXPECT_TRUE(test, t.tag[0].tpid == htons(ETH_P_8021AD));
	KUNIT_EXPECT_EQ(test, t.tag[0].tci, 0);
	KUNIT_EXPECT_TRUE(test, t.tag[1].tpid == htons(ETH_P_8021Q));
	KUNIT_EXPECT_EQ(test, t.tag[1].tci, 100);
	KUNIT_EXPECT_TRUE(test, t.proto == htons(ETH_P_IP));

	/* the descriptor's tag comes first, the in-band ones after it */
	len = hdr_of(buf, qq + 2, 1, ETH_P_IP);
	xenvf_fwd_parse_tags(buf, len, true, htons(ETH_P_8021Q), 0x2000, &t);
	KUNIT_EXPECT_EQ(test, t.n, 2);
	KUNIT_EXPECT_EQ(test, t.tag[0].tci, 0x2000);
	KUNIT_EXPECT_EQ(test, t.tag[1].tci, 100);

	/* too deep, or cut short: bad */
	len = hdr_of(buf, five, 5, ETH_P_IP);
	xenvf_fwd_parse_tags(buf, len, false, 0, 0, &t);
	KUNIT_EXPECT_TRUE(test, t.bad);
	len = hdr_of(buf, qq, 2, ETH_P_IP);
	xenvf_fwd_parse_tags(buf, 16, false, 0, 0, &t);
	KUNIT_EXPECT_TRUE(test, t.bad);
	xenvf_fwd_parse_tags(buf, 6, false, 0, 0, &t);
	KUNIT_EXPECT_TRUE(test, t.bad);
}

/* Every tag of the stack must be allowed: the VLAN hopping variants. */
static void fwd_stacked_tags_refused(struct kunit *test)
{
	struct xenvf_port_filter *a = port(test, vf_a);
	struct ethhdr eth = frame(vf_a, vf_b);
	struct xenvf_fwd_tags t;
	u16 vid = 7;

	__set_bit(100, a->vlans);
	/* 0x8100 VID 0, then 0x8100 VID 100 (or the descriptor's tci 0) */
	t = tags_of(eth.h_proto, 2, 0, 100);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_STACK);
	/* 0x88a8 VID 0, then 0x8100 VID 100 */
	t.tag[0].tpid = htons(ETH_P_8021AD);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_STACK);
	/* QinQ: 0x88a8 VID 100, 0x8100 VID 100; 0x9100 alone */
	t.tag[0].tci = 100;
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_STACK);
	t = tags_of(eth.h_proto, 1, 100);
	t.tag[0].tpid = htons(ETH_P_QINQ1);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_STACK);
	/* a priority tag below an allowed tag */
	t = tags_of(eth.h_proto, 2, 100, 0);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_STACK);
	/* allowed outer tag 100, inner tag 200 not allowed */
	t = tags_of(eth.h_proto, 2, 100, 200);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_VLAN);
	/* outer 200 not allowed, inner 100 allowed */
	t = tags_of(eth.h_proto, 2, 200, 100);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_VLAN);
	KUNIT_EXPECT_EQ(test, vid, 7);		/* untouched on a drop */
	/* both allowed: in the outer VLAN */
	__set_bit(200, a->vlans);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 200);
	/* a lone priority tag stays the untagged LAN; 802.1p bits ignored */
	t = tags_of(eth.h_proto, 1, 0xe000);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_PASS);
	KUNIT_EXPECT_EQ(test, vid, 0);
	t.bad = true;				/* a stack not looked at */
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_STACK);
}

/* Under a port VLAN a VF may not tag: priority and stacked tags too. */
static void fwd_port_vlan_no_tag_at_all(struct kunit *test)
{
	struct xenvf_port_filter *a = port(test, vf_a);
	struct ethhdr eth = frame(vf_a, vf_b);
	struct xenvf_fwd_tags t;
	u16 vid = 0;

	a->port_vlan = 10;
	__set_bit(100, a->vlans);	/* stale: not used under a port VLAN */
	t = tags_of(eth.h_proto, 1, 0);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_VLAN);
	t = tags_of(eth.h_proto, 2, 0, 100);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_VLAN);
	t = tags_of(eth.h_proto, 1, 10);
	t.tag[0].tpid = htons(ETH_P_8021AD);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_VLAN);
	t = tags_of(eth.h_proto, 0);
	t.bad = true;
	KUNIT_EXPECT_EQ(test, xenvf_fwd_ingress(a, &eth, &t, &vid),
			XENVF_FWD_DROP_VLAN);
}

/* From the uplink: 802.1Q VLANs only. */
static void fwd_uplink_vlans(struct kunit *test)
{
	struct xenvf_fwd_tags t = tags_of(htons(ETH_P_IP), 0);
	u16 vid = 7;

	KUNIT_EXPECT_TRUE(test, xenvf_fwd_uplink_vid(&t, &vid));
	KUNIT_EXPECT_EQ(test, vid, 0);
	t = tags_of(htons(ETH_P_IP), 1, 0x2064);
	KUNIT_EXPECT_TRUE(test, xenvf_fwd_uplink_vid(&t, &vid));
	KUNIT_EXPECT_EQ(test, vid, 100);
	t = tags_of(htons(ETH_P_IP), 2, 100, 200);	/* inside VLAN 100 */
	KUNIT_EXPECT_TRUE(test, xenvf_fwd_uplink_vid(&t, &vid));
	KUNIT_EXPECT_EQ(test, vid, 100);
	t = tags_of(htons(ETH_P_IP), 1, 0);		/* priority only */
	KUNIT_EXPECT_TRUE(test, xenvf_fwd_uplink_vid(&t, &vid));
	KUNIT_EXPECT_EQ(test, vid, 0);
	t = tags_of(htons(ETH_P_IP), 2, 0, 100);	/* priority + tag */
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_uplink_vid(&t, &vid));
	t = tags_of(htons(ETH_P_IP), 1, 100);		/* 802.1ad */
	t.tag[0].tpid = htons(ETH_P_8021AD);
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_uplink_vid(&t, &vid));
	t = tags_of(htons(ETH_P_IP), 0);
	t.bad = true;
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_uplink_vid(&t, &vid));
}

static void fwd_uplink_mtu(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xenvf_fwd_uplink_max(1500, false), 1514);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_uplink_max(1500, true), 1518);
	KUNIT_EXPECT_EQ(test, xenvf_fwd_uplink_max(9000, false), 9014);
}

/*
 * Between two VFs, every mode x isolation (none, the sender, the receiver,
 * both): VEB and VEPA pass unless one is isolated; private never passes.
 */
static void fwd_between_modes(struct kunit *test)
{
	static const struct {
		int mode;
		enum xenvf_fwd_verdict want[4];	/* none, src, dst, both */
	} rows[] = {
		{ XENVF_MODE_VEB, { XENVF_FWD_PASS, XENVF_FWD_DROP_ISOLATED,
				    XENVF_FWD_DROP_ISOLATED,
				    XENVF_FWD_DROP_ISOLATED } },
		{ XENVF_MODE_VEPA, { XENVF_FWD_PASS, XENVF_FWD_DROP_ISOLATED,
				     XENVF_FWD_DROP_ISOLATED,
				     XENVF_FWD_DROP_ISOLATED } },
		{ XENVF_MODE_PRIVATE, { XENVF_FWD_DROP_PRIVATE,
					XENVF_FWD_DROP_PRIVATE,
					XENVF_FWD_DROP_PRIVATE,
					XENVF_FWD_DROP_PRIVATE } },
	};
	struct xenvf_port_filter *a = port(test, vf_a);
	struct xenvf_port_filter *b = port(test, vf_b);
	unsigned int i, iso;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		for (iso = 0; iso < 4; iso++) {
			a->isolated = iso & 1;
			b->isolated = iso & 2;
			KUNIT_EXPECT_EQ_MSG(test, xenvf_fwd_between(rows[i].mode, a, b),
					    rows[i].want[iso], "mode %d iso %u",
					    rows[i].mode, iso);
		}
	}
}

/* Whose is a source MAC: its MAC or an extra one, never an invalid one. */
static void fwd_owns_source(struct kunit *test)
{
	static const u8 vn[ETH_ALEN] = { 0x0e, 0xfd, 0x00, 0x00, 0x00, 0x0a };
	static const u8 zero[ETH_ALEN];
	struct xenvf_port_filter *a = port(test, vf_a);
	struct xenvf_port_filter *none = port(test, zero);

	KUNIT_EXPECT_TRUE(test, xenvf_fwd_owns(a, vf_a));
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_owns(a, vf_b));
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_owns(a, vn));
	memcpy(a->uc[0], vn, ETH_ALEN);
	a->uc_count = 1;
	KUNIT_EXPECT_TRUE(test, xenvf_fwd_owns(a, vn));
	/* a port that owns no MAC yet (zero) owns no zero source */
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_owns(none, zero));
	KUNIT_EXPECT_FALSE(test, xenvf_fwd_owns(a, bcast));
}

static struct kunit_case xenvf_back_fwd_cases[] = {
	KUNIT_CASE(fwd_between_modes),
	KUNIT_CASE(fwd_owns_source),
	KUNIT_CASE(fwd_tag_stack_parsed),
	KUNIT_CASE(fwd_stacked_tags_refused),
	KUNIT_CASE(fwd_port_vlan_no_tag_at_all),
	KUNIT_CASE(fwd_uplink_vlans),
	KUNIT_CASE(fwd_uplink_mtu),
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
