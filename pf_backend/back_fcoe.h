/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * FCoE decisions of the backend, as pure functions over byte buffers (no
 * skbs, no locking) so KUnit tests them with golden frames: what an FCoE
 * frame a guest sent looks like (and whether it is well formed), its FC
 * CRC and EOF, how an FCoE sequence is cut into frames (FSO, as ixgbe_fso()
 * has an 82599 do it), which MACs a VF may use for FCoE, and the 802.1p
 * tag FCoE and FIP frames leave the uplink with.
 *
 * Layout (FC-BB-5): Ethernet header, at most one 802.1Q tag, the 14-byte
 * FCoE header (version in the top nibble of byte 0, SOF in byte 13), the
 * 24-byte FC header, the FC payload (a multiple of 4 bytes, fill bytes
 * included), and an 8-byte trailer: the FC CRC (crc32_le over FC header
 * and payload, stored inverted, little endian) and the EOF.
 */
#ifndef XENVF_BACK_FCOE_H
#define XENVF_BACK_FCOE_H

#include <linux/if_ether.h>
#include <linux/types.h>

#define XENVF_FCOE_HDR_LEN	14	/* struct fcoe_hdr */
#define XENVF_FC_HDR_LEN	24	/* struct fc_frame_header */
#define XENVF_FCOE_TRAILER_LEN	8	/* struct fcoe_crc_eof */
#define XENVF_FC_PAYLOAD_MAX	2112	/* FC data field */
/* Headers an FSO segment repeats: Ethernet, one tag, FCoE, FC. */
#define XENVF_FCOE_HDRS_MAX	(14 + 4 + XENVF_FCOE_HDR_LEN + XENVF_FC_HDR_LEN)
/* Frames one FSO sequence may become (64 KiB in 2 KiB frames is 32). */
#define XENVF_FSO_MAX_SEGS	64

/* Where things are in an FCoE frame. */
struct xenvf_fcoe_frame {
	u32 len;		/* the whole frame, trailer included */
	u16 fcoe_off;		/* FCoE header */
	u16 fc_off;		/* FC header */
	u32 payload_len;	/* FC payload, fill bytes included */
	u8 sof;
};

/* One frame of an FSO sequence. */
struct xenvf_fso_seg {
	u32 payload_off;	/* in the sequence's frame */
	u32 payload_len;
	u8 sof, eof;
	u16 seq_cnt;
	u32 param;		/* FC header parameter (relative offset) */
	u32 f_ctl;
};

int xenvf_fcoe_parse(const u8 *hdr, u32 hdr_len, u32 len, bool gso,
		     struct xenvf_fcoe_frame *f);
bool xenvf_fcoe_eof_valid(u8 eof);
u32 xenvf_fc_crc(const u8 *p, u32 len);
void xenvf_fcoe_set_trailer(u8 *trailer, u32 crc, u8 eof);
bool xenvf_fcoe_crc_ok(const u8 *frame, const struct xenvf_fcoe_frame *f);

int xenvf_fso_nsegs(const struct xenvf_fcoe_frame *f, u8 eof, u32 mss);
void xenvf_fso_seg(const u8 *hdr, const struct xenvf_fcoe_frame *f, u8 eof,
		   u32 mss, unsigned int i, unsigned int nsegs,
		   struct xenvf_fso_seg *s);
void xenvf_fso_write_hdr(u8 *hdr, const struct xenvf_fcoe_frame *f,
			 const struct xenvf_fso_seg *s);

u16 xenvf_fcoe_uplink_tci(u16 vid, u8 qos, __be16 proto, u8 fcoe_prio);

/**
 * xenvf_fcoe_is_fcoe_type() - is @proto FCoE or FIP?
 * @proto: an EtherType (below any VLAN tag)
 *
 * Return: true for ETH_P_FCOE (0x8906) and ETH_P_FIP (0x8914).
 */
static inline bool xenvf_fcoe_is_fcoe_type(__be16 proto)
{
	return proto == htons(ETH_P_FCOE) || proto == htons(ETH_P_FIP);
}

/* FC-MAPs: fabric-provided (FLOGI MAC 0e:fc:00:ff:ff:fe included), VN2VN */
#define XENVF_FC_MAP_FPMA	0x0efc00
#define XENVF_FC_MAP_VN2VN	0x0efd00

/**
 * xenvf_fcoe_mac() - is @mac one a VF may use for FCoE?
 * @mac: a unicast MAC
 *
 * Return: true for fabric-provided addresses and the FLOGI MAC (FC-MAP
 * 0e:fc:00) and VN2VN addresses (FC-MAP 0e:fd:00).
 */
static inline bool xenvf_fcoe_mac(const u8 *mac)
{
	u32 map = mac[0] << 16 | mac[1] << 8 | mac[2];

	return map == XENVF_FC_MAP_FPMA || map == XENVF_FC_MAP_VN2VN;
}

#endif /* XENVF_BACK_FCOE_H */
