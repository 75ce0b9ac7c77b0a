/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EVI packets, as pure functions over byte buffers (no skb, no netdev), so
 * KUnit checks them against golden packets:
 *
 *   outer IPv4 (20, DF, no options) or IPv6 (40; on receive, hop-by-hop
 *       and destination options headers are skipped)
 *   GRE (RFC 2890): flags/version, protocol 0x6558 [, checksum] [, key]
 *       [, sequence]: we send K when keyed, never C or S; on receive C
 *       is verified and S skipped
 *   the inner Ethernet frame [802.1Q tag of the extended VLAN]
 *
 * and the ARP replies of ARP suppression.
 */
#ifndef XENVF_EVI_PKT_H
#define XENVF_EVI_PKT_H

#include <linux/types.h>

#include "evi_table.h"

#define XENVF_EVI_GRE_PROTO	0x6558	/* transparent Ethernet bridging */
#define XENVF_EVI_GRE_C		0x8000
#define XENVF_EVI_GRE_R		0x4000
#define XENVF_EVI_GRE_K		0x2000
#define XENVF_EVI_GRE_S		0x1000
#define XENVF_EVI_GRE_VER	0x0007
#define XENVF_EVI_ARP_LEN	42	/* Ethernet + ARP for IPv4 */

/* What the sender puts in the outer headers. */
struct xenvf_evi_tx_params {
	const struct xenvf_evi_addr *src, *dst;
	u8 ttl;
	u8 dscp;		/* 0..63 or XENVF_EVI_DSCP_INHERIT */
	bool use_key;
	u32 key;
	u16 id;			/* IPv4 identification */
};

/* What the receiver accepts. */
struct xenvf_evi_rx_params {
	const struct xenvf_evi_addr *local;
	u8 min_ttl;
	bool use_key;
	u32 key;
};

/* A received outer packet that passed every header check. */
struct xenvf_evi_rx_info {
	struct xenvf_evi_addr src;	/* the outer source: the peer */
	unsigned int inner_off;		/* the inner Ethernet header */
	unsigned int inner_len;		/* to the end of the outer packet */
	u16 vid;			/* 0: untagged */
	bool tagged;
};

unsigned int xenvf_evi_outer_len(u8 family, bool use_key);
u8 xenvf_evi_inner_dscp(const u8 *frame, unsigned int len);
unsigned int xenvf_evi_build_outer(u8 *hdr, const struct xenvf_evi_tx_params *p,
				   const u8 *inner, unsigned int avail,
				   unsigned int inner_len);
unsigned int xenvf_evi_parse(const struct xenvf_evi_rx_params *p,
			     const u8 *pkt, unsigned int len,
			     struct xenvf_evi_rx_info *info);

/* evi_arp.c */
bool xenvf_evi_arp_request(const u8 *frame, unsigned int len, __be32 *tip);
__be32 xenvf_evi_arp_sender(const u8 *frame, unsigned int len);
void xenvf_evi_arp_reply(u8 *out, const u8 *request, const u8 *mac);

#endif /* XENVF_EVI_PKT_H */
