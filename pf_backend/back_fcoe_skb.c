// SPDX-License-Identifier: GPL-2.0-only
/*
 * FCoE offloads on skbs: what the backend does for a VF that was granted
 * FC CRC offload and FCoE segmentation offload (FSO), with the decisions
 * of back_fcoe.c.
 *
 * A guest's TX frame asking for CRC (and FSO) is checked and then marked
 * as fcoe.ko marks it for an FCoE-capable NIC: CHECKSUM_PARTIAL with
 * csum_start at the FC header and csum_offset at the trailer's CRC, and
 * SKB_GSO_FCOE with gso_size the FC payload per frame. The offload is
 * carried out where the frame leaves the switch: by the uplink when it
 * has NETIF_F_FCOE_CRC (and NETIF_F_FSO) in hardware, otherwise here,
 * building each FC frame (SOF, F_CTL, SEQ_CNT, relative offset, EOF, CRC)
 * as an 82599 does.
 */
#include <linux/crc32.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "back_fcoe.h"
#include "xenvf_back.h"

const char *const xenvf_fcoe_counter_names[XENVF_FC_NR] = {
	[XENVF_FC_TX_FCOE]	= "fcoe_tx_frames",
	[XENVF_FC_TX_FIP]	= "fip_tx_frames",
	[XENVF_FC_TX_CRC]	= "fcoe_tx_crc_offload",
	[XENVF_FC_TX_FSO]	= "fcoe_tx_fso_sequences",
	[XENVF_FC_SW_FRAMES]	= "fcoe_frames_finished_by_backend",
	[XENVF_FC_HW]		= "fcoe_offload_to_uplink_hw",
	[XENVF_FC_RX_FCOE]	= "fcoe_rx_frames",
	[XENVF_FC_RX_CRC_OK]	= "fcoe_rx_crc_ok",
	[XENVF_FC_RX_CRC_ERR]	= "fcoe_rx_crc_errors",
	[XENVF_FC_DROP_BAD]	= "fcoe_drop_bad_offload",
	[XENVF_FC_DROP_NOMEM]	= "fcoe_drop_no_memory",
};

/**
 * xenvf_back_fcoe_count() - add to one of a VF's FCoE counters
 * @vf: the VF (NULL: nothing to count)
 * @c: which
 * @n: how much
 */
void xenvf_back_fcoe_count(struct xenvf_back_vf *vf, enum xenvf_fcoe_counter c,
			   unsigned int n)
{
	if (vf)
		atomic64_add(n, &vf->fcoe[c]);
}

static __wsum crc_update(const void *p, int len, __wsum crc)
{
	return (__force __wsum)crc32_le((__force u32)crc, p, len);
}

static __wsum crc_combine(__wsum crc, __wsum crc2, int offset, int len)
{
	return (__force __wsum)crc32_le_combine((__force u32)crc,
						(__force u32)crc2, len);
}

static const struct skb_checksum_ops crc_ops = {
	.update = crc_update,
	.combine = crc_combine,
};

/* The FC CRC of @len bytes at @off of a (possibly paged) skb. */
static u32 skb_fc_crc(struct sk_buff *skb, int off, int len)
{
	return ~(__force u32)__skb_checksum(skb, off, len, (__force __wsum)~0,
					    &crc_ops);
}

/* Parse the FCoE headers of @skb; the EOF too. Return: 0 or -EINVAL. */
static int skb_fcoe_parse(const struct sk_buff *skb, bool gso,
			  struct xenvf_fcoe_frame *f, u8 *eof)
{
	u8 buf[XENVF_FCOE_HDRS_MAX];
	const u8 *hdr;
	u32 n = min_t(u32, skb->len, sizeof(buf));

	hdr = skb_header_pointer(skb, 0, n, buf);
	if (!hdr || xenvf_fcoe_parse(hdr, n, skb->len, gso, f))
		return -EINVAL;
	if (skb_copy_bits(skb, skb->len - 4, eof, 1) ||
	    !xenvf_fcoe_eof_valid(*eof))
		return -EINVAL;
	return 0;
}

/**
 * xenvf_back_fcoe_tx() - check and mark a guest's FCoE offload request
 * @vf: the sending VF
 * @skb: its frame, data at the Ethernet header
 * @info: the TX descriptor (FCOE_CRC, GSO type FCOE)
 *
 * FCOE_CRC needs the CRC grant and a well-formed FCoE frame (one in-band
 * tag at most) with a valid EOF; GSO type FCOE needs the FSO grant, FCOE_CRC
 * and a sequence xenvf_fso_nsegs() accepts. Neither goes with the TCP/UDP
 * checksum offload.
 *
 * Return: XENVF_DROP_NONE, or the reason to drop (counted by the caller).
 */
enum xenvf_drop_reason xenvf_back_fcoe_tx(struct xenvf_back_vf *vf,
					  struct sk_buff *skb,
					  const struct xenvf_pkt_info *info)
{
	bool gso = info->flags & XENVF_TXF_GSO;
	u32 granted = READ_ONCE(vf->cfg.fcoe_granted);
	struct xenvf_fcoe_frame f;
	u8 eof;

	if (!(info->flags & XENVF_TXF_FCOE_CRC)) {
		if (gso && info->gso_type == XENVF_GSO_FCOE)
			return XENVF_DROP_BAD_GSO;
		return XENVF_DROP_NONE;		/* not an FCoE offload */
	}
	if (!(granted & XENVF_FCOE_CRC) ||
	    (info->flags & (XENVF_TXF_CSUM_PARTIAL | XENVF_TXF_DATA_VALIDATED)))
		return XENVF_DROP_BAD_FLAGS;
	if (gso && (info->gso_type != XENVF_GSO_FCOE ||
		    !(granted & XENVF_FCOE_FSO)))
		return XENVF_DROP_BAD_GSO;
	if (skb_fcoe_parse(skb, gso, &f, &eof))
		return XENVF_DROP_BAD_FLAGS;
	if (gso && xenvf_fso_nsegs(&f, eof, info->gso_size) < 0)
		return XENVF_DROP_BAD_GSO;
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_headroom(skb) + f.fc_off;
	skb->csum_offset = XENVF_FC_HDR_LEN + f.payload_len;
	if (gso) {
		skb_shinfo(skb)->gso_type = SKB_GSO_FCOE;
		skb_shinfo(skb)->gso_size = info->gso_size;
		skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(f.payload_len,
							 info->gso_size);
	}
	return XENVF_DROP_NONE;
}

/**
 * xenvf_back_fcoe_pending() - does @skb still wait for its FCoE offload?
 * @skb: a frame in the switch
 *
 * Return: true for an FCoE frame marked by xenvf_back_fcoe_tx().
 */
bool xenvf_back_fcoe_pending(const struct sk_buff *skb)
{
	return skb->ip_summed == CHECKSUM_PARTIAL &&
	       vlan_get_protocol((struct sk_buff *)skb) == htons(ETH_P_FCOE);
}

/**
 * xenvf_back_fcoe_hw() - can @dev carry out the offload @skb waits for?
 * @dev: the uplink
 * @skb: a pending frame
 *
 * Return: true when the uplink has FC CRC offload (and FSO for a sequence)
 * and takes any partial checksum, as ixgbe on an FCoE-enabled PF does.
 */
bool xenvf_back_fcoe_hw(const struct net_device *dev,
			const struct sk_buff *skb)
{
	netdev_features_t need = NETIF_F_FCOE_CRC | NETIF_F_HW_CSUM;

	if (skb_is_gso(skb))
		need |= NETIF_F_FSO;
	return (dev->features & need) == need;
}

/* Frame @i of @nsegs of a pending sequence, as a new linear skb. */
static struct sk_buff *fcoe_frame(struct sk_buff *skb,
				  const struct xenvf_fcoe_frame *f,
				  const u8 *hdr, u8 eof, u32 mss,
				  unsigned int i, unsigned int nsegs)
{
	u32 hlen = f->fc_off + XENVF_FC_HDR_LEN;
	struct xenvf_fso_seg s;
	struct sk_buff *nskb;
	u8 *p;

	xenvf_fso_seg(hdr, f, eof, mss, i, nsegs, &s);
	nskb = alloc_skb(NET_IP_ALIGN + hlen + s.payload_len +
			 XENVF_FCOE_TRAILER_LEN, GFP_ATOMIC | __GFP_NOWARN);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, NET_IP_ALIGN);
	p = skb_put(nskb, hlen + s.payload_len + XENVF_FCOE_TRAILER_LEN);
	memcpy(p, hdr, hlen);
	xenvf_fso_write_hdr(p, f, &s);
	if (skb_copy_bits(skb, s.payload_off, p + hlen, s.payload_len)) {
		kfree_skb(nskb);
		return NULL;
	}
	xenvf_fcoe_set_trailer(p + hlen + s.payload_len,
			       xenvf_fc_crc(p + f->fc_off,
					    XENVF_FC_HDR_LEN + s.payload_len),
			       s.eof);
	return nskb;
}

/* The frame as it is, trailer filled: CRC offload without FSO. */
static struct sk_buff *fcoe_crc_only(struct sk_buff *skb,
				     const struct xenvf_fcoe_frame *f, u8 eof)
{
	struct sk_buff *nskb;
	u8 *p;

	nskb = alloc_skb(NET_IP_ALIGN + skb->len, GFP_ATOMIC | __GFP_NOWARN);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, NET_IP_ALIGN);
	p = skb_put(nskb, skb->len);
	if (skb_copy_bits(skb, 0, p, skb->len)) {
		kfree_skb(nskb);
		return NULL;
	}
	xenvf_fcoe_set_trailer(p + skb->len - XENVF_FCOE_TRAILER_LEN,
			       xenvf_fc_crc(p + f->fc_off,
					    XENVF_FC_HDR_LEN + f->payload_len),
			       eof);
	return nskb;
}

/**
 * xenvf_back_fcoe_resolve() - carry out a pending FCoE offload in software
 * @skb: the frame (consumed; it may be a clone, it is not written)
 * @out: where the finished frames go, in order: one per FC frame
 *
 * Each frame gets @skb's VLAN tag, priority, queue and protocol.
 *
 * Return: the number of frames, or -ENOMEM / -EINVAL (nothing queued).
 */
int xenvf_back_fcoe_resolve(struct sk_buff *skb, struct sk_buff_head *out)
{
	u8 hdr[XENVF_FCOE_HDRS_MAX];
	struct xenvf_fcoe_frame f;
	struct sk_buff *nskb;
	int i, n = 1, err = -EINVAL;
	u32 mss = skb_shinfo(skb)->gso_size;
	u8 eof;

	if (skb_fcoe_parse(skb, skb_is_gso(skb), &f, &eof) ||
	    skb_copy_bits(skb, 0, hdr, f.fc_off + XENVF_FC_HDR_LEN))
		goto out;
	if (skb_is_gso(skb))
		n = xenvf_fso_nsegs(&f, eof, mss);
	if (n < 0)
		goto out;
	err = -ENOMEM;
	for (i = 0; i < n; i++) {
		nskb = skb_is_gso(skb) ? fcoe_frame(skb, &f, hdr, eof, mss, i, n) :
					 fcoe_crc_only(skb, &f, eof);
		if (!nskb) {
			__skb_queue_purge(out);
			goto out;
		}
		nskb->protocol = skb->protocol;
		nskb->priority = skb->priority;
		nskb->dev = skb->dev;
		skb_set_queue_mapping(nskb, skb_get_queue_mapping(skb));
		if (skb_vlan_tag_present(skb))
			__vlan_hwaccel_put_tag(nskb, skb->vlan_proto,
					       skb_vlan_tag_get(skb));
		skb_reset_mac_header(nskb);
		skb_set_network_header(nskb, f.fcoe_off);
		__skb_queue_tail(out, nskb);
	}
	err = n;
out:
	kfree_skb(skb);
	return err;
}

/**
 * xenvf_back_fcoe_rx_crc_ok() - does an FCoE frame for a guest carry a
 * good FC CRC?
 * @skb: the frame (linear or paged), data at the Ethernet header
 *
 * Return: 1 good, 0 bad, -EINVAL not a well-formed FCoE frame.
 */
int xenvf_back_fcoe_rx_crc_ok(struct sk_buff *skb)
{
	struct xenvf_fcoe_frame f;
	__le32 crc;
	u8 eof;

	if (skb_fcoe_parse(skb, false, &f, &eof) ||
	    skb_copy_bits(skb, skb->len - XENVF_FCOE_TRAILER_LEN, &crc, 4))
		return -EINVAL;
	return le32_to_cpu(crc) ==
	       skb_fc_crc(skb, f.fc_off, XENVF_FC_HDR_LEN + f.payload_len);
}
