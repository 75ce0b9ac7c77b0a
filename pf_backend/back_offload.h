/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Offload and copy decisions of the backend's data path, as pure functions
 * (no skbs, no grant operations, no locking) so KUnit tests them without a
 * guest: which offload metadata of a guest's TX packet is consistent with
 * its headers, what to do with a frame before it goes to a guest (send it
 * as it is, segment it, resolve its checksum, drop it), and how a byte
 * stream in one list of page pieces is copied into another.
 */
#ifndef XENVF_BACK_OFFLOAD_H
#define XENVF_BACK_OFFLOAD_H

#include <linux/types.h>

#include "xenvf_msg.h"

/* What the frontend accepts on RX (its feature-* keys, docs 1.3). */
struct xenvf_fe_features {
	bool sg;		/* multi-slot packets */
	bool gso_tcpv4, gso_tcpv6;
	bool rx_csum;		/* CSUM_PARTIAL and CSUM_VALIDATED */
	bool pool_map;		/* feature-pool-map: pools listed per queue */
};

/*
 * A guest TX packet's offload request and what skb_checksum_setup() found
 * in its headers (offsets from the frame start).
 */
struct xenvf_tx_offload {
	u16 flags;		/* XENVF_TXF_* of the first slot */
	u8 gso_type;		/* XENVF_GSO_* */
	u16 gso_size;
	u16 csum_start, csum_offset;	/* as the guest sent them */
	__be16 l3_proto;	/* ETH_P_IP / ETH_P_IPV6 below any VLAN tags */
	u32 len;		/* the whole frame */
	bool group_dst;		/* to a multicast or broadcast MAC */
	int setup_err;		/* skb_checksum_setup() result */
	u32 found_start, found_offset;	/* where it put the checksum */
};

void xenvf_tx_offload_init(struct xenvf_tx_offload *o,
			   const struct xenvf_pkt_info *info, u32 len,
			   const u8 *dst, __be16 l3_proto);
enum xenvf_drop_reason xenvf_tx_offload_check(const struct xenvf_tx_offload *o);

/* A frame about to be copied to a guest. */
struct xenvf_rx_meta {
	u32 len;
	bool gso;		/* skb_is_gso() */
	u32 gso_type;		/* SKB_GSO_* */
	u32 gso_size;
	bool csum_partial;	/* ip_summed == CHECKSUM_PARTIAL */
	u32 csum_start, csum_offset;	/* from the frame start */
};

enum xenvf_rx_action {
	XENVF_RX_SEND,		/* copy as is, with its offload flags */
	XENVF_RX_SEGMENT,	/* GSO the guest cannot take: segment first */
	XENVF_RX_CSUM_HELP,	/* checksum the guest cannot finish: resolve */
	XENVF_RX_DROP,		/* too big for the guest (counted) */
};

enum xenvf_rx_action xenvf_rx_offload_action(const struct xenvf_rx_meta *m,
					     const struct xenvf_fe_features *f);
u8 xenvf_rx_gso_type(u32 skb_gso_type);

/* Slots a frame of @len bytes takes on the RX ring (4 KiB each, packed). */
static inline unsigned int xenvf_rx_slots(u32 len)
{
	return (len + XENVF_RING_PAGE_SIZE - 1) / XENVF_RING_PAGE_SIZE;
}

/* A piece of a buffer inside one 4 KiB page. */
struct xenvf_seg {
	u16 off;
	u16 len;
};

/* One copy: @len bytes from piece @src at @src_off to piece @dst at @dst_off. */
struct xenvf_copy_op {
	u16 src, dst;
	u16 src_off, dst_off;
	u16 len;
};

int xenvf_copy_plan(const struct xenvf_seg *src, unsigned int nsrc,
		    const struct xenvf_seg *dst, unsigned int ndst,
		    struct xenvf_copy_op *ops, unsigned int max_ops);

#endif /* XENVF_BACK_OFFLOAD_H */
