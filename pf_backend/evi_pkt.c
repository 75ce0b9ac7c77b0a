// SPDX-License-Identifier: GPL-2.0-only
/*
 * EVI outer headers: build them for a frame to a peer, and check those of
 * a received packet (every length from the packet is bounded by the bytes
 * actually there). See evi_pkt.h.
 */
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/string.h>
#include <net/checksum.h>

#include "evi_pkt.h"

#define IP4_HLEN	20
#define IP6_HLEN	40
#define GRE_HLEN	4
#define IP4_DF		0x4000
#define IP4_MF		0x2000
#define IP4_OFFSET	0x1fff
#define IP6_HOPOPTS	0	/* next header: hop-by-hop options */
#define IP6_FRAGMENT	44	/* next header: fragment */
#define IP6_DSTOPTS	60	/* next header: destination options */
#define IP6_MAX_EXT	4	/* option headers skipped at most */
#define IP6_FRAG_HLEN	8
#define IP6_FRAG_OFFSET	0xfff8
#define ETH_P_QINQ	0x9100	/* pre-802.1ad stacked tag */

static u16 get16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static u32 get32(const u8 *p)
{
	return (u32)get16(p) << 16 | get16(p + 2);
}

static void put32(u8 *p, u32 v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

/**
 * xenvf_evi_outer_len() - bytes of outer IP and GRE headers we send
 * @family: 4 or 6
 * @use_key: the GRE key is sent
 */
unsigned int xenvf_evi_outer_len(u8 family, bool use_key)
{
	return (family == 6 ? IP6_HLEN : IP4_HLEN) + GRE_HLEN +
	       (use_key ? 4 : 0);
}

/**
 * xenvf_evi_inner_dscp() - the DSCP of an Ethernet frame's IPv4/IPv6 packet
 * @frame: the frame, from its Ethernet header (one 802.1Q tag skipped)
 * @len: its length
 *
 * Return: 0..63; 0 when the frame carries neither or is too short.
 */
u8 xenvf_evi_inner_dscp(const u8 *frame, unsigned int len)
{
	unsigned int off = ETH_HLEN;
	u16 type;

	if (len < ETH_HLEN)
		return 0;
	type = get16(frame + 12);
	if (type == ETH_P_8021Q || type == ETH_P_8021AD) {
		if (len < VLAN_ETH_HLEN)
			return 0;
		type = get16(frame + 16);
		off = VLAN_ETH_HLEN;
	}
	if (len < off + 2)
		return 0;
	if (type == ETH_P_IP && frame[off] >> 4 == 4)
		return frame[off + 1] >> 2;
	if (type == ETH_P_IPV6 && frame[off] >> 4 == 6)
		return (get16(frame + off) >> 4 & 0xff) >> 2;
	return 0;
}

/**
 * xenvf_evi_build_outer() - write the outer IP and GRE headers
 * @hdr: xenvf_evi_outer_len() bytes, followed by the inner frame
 * @p: addresses, TTL, DSCP, key, IPv4 identification
 * @inner: the start of the inner Ethernet frame (for an inherited DSCP)
 * @avail: bytes readable at @inner
 * @inner_len: the inner frame's whole length
 *
 * IPv4: version 4, IHL 5, DSCP set or inherited and ECN 0, total length,
 * @p->id, DF, TTL, protocol 47, header checksum. IPv6: traffic class as
 * DSCP << 2, flow label 0, payload length, next header 47, hop limit.
 * GRE: K and the key when keyed, protocol 0x6558.
 *
 * Return: the bytes written.
 */
unsigned int xenvf_evi_build_outer(u8 *hdr, const struct xenvf_evi_tx_params *p,
				   const u8 *inner, unsigned int avail,
				   unsigned int inner_len)
{
	unsigned int olen = xenvf_evi_outer_len(p->src->family, p->use_key);
	u8 dscp = p->dscp == XENVF_EVI_DSCP_INHERIT ?
		  xenvf_evi_inner_dscp(inner, avail) : p->dscp & 0x3f;
	__sum16 csum;
	u8 *gre;

	memset(hdr, 0, olen);
	if (p->src->family == 6) {
		put32(hdr, 6u << 28 | (u32)dscp << 22);
		put16(hdr + 4, olen - IP6_HLEN + inner_len);
		hdr[6] = IPPROTO_GRE;
		hdr[7] = p->ttl;
		memcpy(hdr + 8, p->src->a, 16);
		memcpy(hdr + 24, p->dst->a, 16);
		gre = hdr + IP6_HLEN;
	} else {
		hdr[0] = 0x45;
		hdr[1] = dscp << 2;
		put16(hdr + 2, olen + inner_len);
		put16(hdr + 4, p->id);
		put16(hdr + 6, IP4_DF);
		hdr[8] = p->ttl;
		hdr[9] = IPPROTO_GRE;
		memcpy(hdr + 12, p->src->a, 4);
		memcpy(hdr + 16, p->dst->a, 4);
		csum = ip_fast_csum(hdr, 5);	/* over the zeroed field */
		memcpy(hdr + 10, &csum, sizeof(csum));
		gre = hdr + IP4_HLEN;
	}
	put16(gre, p->use_key ? XENVF_EVI_GRE_K : 0);
	put16(gre + 2, XENVF_EVI_GRE_PROTO);
	if (p->use_key)
		put32(gre + 4, p->key);
	return olen;
}

/*
 * The outer IPv4 header: where GRE starts and the packet ends. GRE to the
 * local address is EVI's; its header checksum is checked (nothing before
 * us has: the rx_handler runs ahead of ip_rcv()).
 */
static unsigned int parse_ip4(const struct xenvf_evi_rx_params *p,
			      const u8 *pkt, unsigned int len,
			      struct xenvf_evi_rx_info *info,
			      unsigned int *off, unsigned int *end)
{
	unsigned int ihl = (pkt[0] & 0xf) * 4;
	unsigned int tot;

	if (len < IP4_HLEN || ihl < IP4_HLEN || pkt[9] != IPPROTO_GRE ||
	    p->local->family != 4 || memcmp(pkt + 16, p->local->a, 4))
		return 0;	/* not EVI's: the stack decides */
	tot = get16(pkt + 2);
	if (ihl > len || tot > len || tot < ihl)
		return XENVF_EVI_S_RX_SHORT;
	if (ip_fast_csum(pkt, ihl / 4))
		return XENVF_EVI_S_RX_IP_CSUM;
	if (get16(pkt + 6) & (IP4_MF | IP4_OFFSET))
		return XENVF_EVI_S_RX_FRAGMENT;
	if (pkt[8] < p->min_ttl)
		return XENVF_EVI_S_RX_TTL;
	info->src.family = 4;
	memcpy(info->src.a, pkt + 12, 4);
	*off = ihl;
	*end = tot;
	return XENVF_EVI_S_RX_DECAP;
}

/*
 * The outer IPv6 header. Hop-by-hop and destination options headers are
 * skipped (ip6gretap sends its tunnel encapsulation limit in one). The
 * packet is EVI's only when the chain reaches GRE: a fragment is EVI's
 * (and dropped, never reassembled) when its fragment header names GRE, or
 * when it is a first fragment whose options lead to GRE; any other packet
 * to the local address (other extension headers, a chain cut short or too
 * long, fragments of anything else, later fragments whose first header is
 * an option) is the stack's.
 */
static unsigned int parse_ip6(const struct xenvf_evi_rx_params *p,
			      const u8 *pkt, unsigned int len,
			      struct xenvf_evi_rx_info *info,
			      unsigned int *off, unsigned int *end)
{
	unsigned int plen, o = IP6_HLEN, opts = 0, hl;
	bool frag = false;
	u8 nh;

	if (len < IP6_HLEN || p->local->family != 6 ||
	    memcmp(pkt + 24, p->local->a, 16))
		return 0;
	nh = pkt[6];
	while (nh != IPPROTO_GRE) {
		if (nh == IP6_FRAGMENT && !frag) {
			if (len - o < IP6_FRAG_HLEN)
				return 0;
			frag = true;
			nh = pkt[o];
			if (nh != IPPROTO_GRE &&
			    (get16(pkt + o + 2) & IP6_FRAG_OFFSET))
				return 0;	/* a later one: whose? */
			o += IP6_FRAG_HLEN;
			continue;
		}
		if ((nh != IP6_HOPOPTS && nh != IP6_DSTOPTS) ||
		    opts++ == IP6_MAX_EXT || len - o < 8)
			return 0;
		hl = (pkt[o + 1] + 1u) * 8;
		if (len - o < hl)
			return 0;
		nh = pkt[o];
		o += hl;
	}
	plen = get16(pkt + 4);
	if (plen > len - IP6_HLEN || o > IP6_HLEN + plen)
		return XENVF_EVI_S_RX_SHORT;
	if (frag)
		return XENVF_EVI_S_RX_FRAGMENT;
	if (pkt[7] < p->min_ttl)
		return XENVF_EVI_S_RX_TTL;
	info->src.family = 6;
	memcpy(info->src.a, pkt + 8, 16);
	*off = o;
	*end = IP6_HLEN + plen;
	return XENVF_EVI_S_RX_DECAP;
}

/* GRE and the inner Ethernet header, from @off to @end. */
static unsigned int parse_gre(const struct xenvf_evi_rx_params *p,
			      const u8 *pkt, unsigned int off,
			      unsigned int end, struct xenvf_evi_rx_info *info)
{
	unsigned int hlen = GRE_HLEN, kpos = 0;
	u16 flags, type;
	const u8 *in;

	if (end - off < GRE_HLEN)
		return XENVF_EVI_S_RX_SHORT;
	flags = get16(pkt + off);
	if (flags & ~(XENVF_EVI_GRE_C | XENVF_EVI_GRE_K | XENVF_EVI_GRE_S))
		return XENVF_EVI_S_RX_BAD_GRE;	/* version, routing, reserved */
	if (get16(pkt + off + 2) != XENVF_EVI_GRE_PROTO)
		return XENVF_EVI_S_RX_BAD_PROTO;
	if (flags & XENVF_EVI_GRE_C)
		hlen += 4;
	if (flags & XENVF_EVI_GRE_K) {
		kpos = off + hlen;
		hlen += 4;
	}
	if (flags & XENVF_EVI_GRE_S)
		hlen += 4;
	if (end - off < hlen)
		return XENVF_EVI_S_RX_SHORT;
	if ((flags & XENVF_EVI_GRE_C) &&
	    csum_fold(csum_partial(pkt + off, end - off, 0)))
		return XENVF_EVI_S_RX_CSUM;
	if (p->use_key ? !kpos || get32(pkt + kpos) != p->key : kpos)
		return XENVF_EVI_S_RX_BAD_KEY;
	info->inner_off = off + hlen;
	info->inner_len = end - info->inner_off;
	if (info->inner_len < ETH_HLEN)
		return XENVF_EVI_S_RX_SHORT;
	in = pkt + info->inner_off;
	type = get16(in + 12);
	info->tagged = type == ETH_P_8021Q;
	info->vid = 0;
	if (info->tagged) {
		if (info->inner_len < VLAN_ETH_HLEN)
			return XENVF_EVI_S_RX_SHORT;
		info->vid = get16(in + 14) & VLAN_VID_MASK;
		type = get16(in + 16);
	}
	/* one 802.1Q tag at most: no tag behind it, no 802.1ad tag at all */
	if (type == ETH_P_8021Q || type == ETH_P_8021AD || type == ETH_P_QINQ)
		return XENVF_EVI_S_RX_BAD_TAG;
	return XENVF_EVI_S_RX_DECAP;
}

/**
 * xenvf_evi_parse() - check a received packet's outer headers
 * @p: the local address, minimum TTL and key policy
 * @pkt: the packet from its outer IP header (linear)
 * @len: bytes at @pkt
 * @info: filled when XENVF_EVI_S_RX_DECAP is returned
 *
 * Peers and extended VLANs are the tables' business (evi_fwd.c); this
 * checks what the bytes alone decide.
 *
 * Return: 0 when the packet is not GRE to our address (not EVI's: the
 * stack has it); XENVF_EVI_S_RX_DECAP when it is good; else the
 * XENVF_EVI_S_RX_* counter of the reason it is dropped.
 */
unsigned int xenvf_evi_parse(const struct xenvf_evi_rx_params *p,
			     const u8 *pkt, unsigned int len,
			     struct xenvf_evi_rx_info *info)
{
	unsigned int off = 0, end = 0, v;

	memset(info, 0, sizeof(*info));
	if (!len)
		return 0;
	switch (pkt[0] >> 4) {
	case 4:
		v = parse_ip4(p, pkt, len, info, &off, &end);
		break;
	case 6:
		v = parse_ip6(p, pkt, len, info, &off, &end);
		break;
	default:
		return 0;
	}
	if (v != XENVF_EVI_S_RX_DECAP)
		return v;
	return parse_gre(p, pkt, off, end, info);
}
