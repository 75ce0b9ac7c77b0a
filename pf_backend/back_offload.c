// SPDX-License-Identifier: GPL-2.0-only
/* Offload and copy decisions of the data path; see back_offload.h. */
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/math.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>

#include "back_offload.h"

/*
 * How much work a GSO request may make (xenvf_proto.h): a segment size of
 * at least the protocol's minimum MSS, at most XENVF_TX_GSO_MAX_SEGS
 * segments, and one destination. Without these bounds a 64 KiB packet of
 * 64-byte segments to a broadcast address becomes a thousand frames on the
 * uplink and in every VF of its VLAN (and its EVI peers).
 */
static enum xenvf_drop_reason gso_bounded(const struct xenvf_tx_offload *o)
{
	u16 min = o->gso_type == XENVF_GSO_TCPV6 ? XENVF_TX_GSO_MIN_TCPV6 :
						   XENVF_TX_GSO_MIN_TCPV4;
	u32 payload;

	if (o->group_dst)
		return XENVF_DROP_GSO_GROUP;
	if (o->gso_size < min)
		return XENVF_DROP_GSO_SMALL;
	/* the TCP header is at least 20 bytes: never fewer than the real count */
	payload = o->len > o->csum_start + 20 ? o->len - o->csum_start - 20 : 0;
	if (DIV_ROUND_UP(payload, o->gso_size) > XENVF_TX_GSO_MAX_SEGS)
		return XENVF_DROP_GSO_SEGS;
	return XENVF_DROP_NONE;
}

/**
 * xenvf_tx_offload_init() - a guest TX packet's offload request, to check
 * @o: filled in; what skb_checksum_setup() found is left 0 for the caller
 * @info: the packet's first-slot metadata, as copied from the ring
 * @len: the whole frame's length
 * @dst: its destination MAC
 * @l3_proto: its EtherType below any VLAN tags
 */
void xenvf_tx_offload_init(struct xenvf_tx_offload *o,
			   const struct xenvf_pkt_info *info, u32 len,
			   const u8 *dst, __be16 l3_proto)
{
	*o = (struct xenvf_tx_offload) {
		.flags = info->flags,
		.gso_type = info->gso_type,
		.gso_size = info->gso_size,
		.csum_start = info->csum_start,
		.csum_offset = info->csum_offset,
		.len = len,
		.group_dst = is_multicast_ether_addr(dst),
		.l3_proto = l3_proto,
	};
}

/**
 * xenvf_tx_offload_check() - is a guest's offload request consistent?
 * @o: the request and what the headers say
 *
 * CSUM_PARTIAL must name exactly the TCP or UDP checksum field that
 * skb_checksum_setup() finds in the headers; GSO needs CSUM_PARTIAL, a TCP
 * checksum and the IP version of its type, and stays within the bounds of
 * gso_bounded(). FCoE offloads are not offered.
 *
 * Return: XENVF_DROP_NONE, or the reason to drop the packet.
 */
enum xenvf_drop_reason xenvf_tx_offload_check(const struct xenvf_tx_offload *o)
{
	if (o->flags & XENVF_TXF_FCOE_CRC)
		return XENVF_DROP_BAD_FLAGS;
	if (o->flags & XENVF_TXF_GSO) {
		if (!(o->flags & XENVF_TXF_CSUM_PARTIAL))
			return XENVF_DROP_BAD_GSO;
		if (o->gso_type == XENVF_GSO_TCPV4 &&
		    o->l3_proto != htons(ETH_P_IP))
			return XENVF_DROP_BAD_GSO;
		if (o->gso_type == XENVF_GSO_TCPV6 &&
		    o->l3_proto != htons(ETH_P_IPV6))
			return XENVF_DROP_BAD_GSO;
		if (o->gso_type != XENVF_GSO_TCPV4 &&
		    o->gso_type != XENVF_GSO_TCPV6)
			return XENVF_DROP_BAD_GSO;
	}
	if (!(o->flags & XENVF_TXF_CSUM_PARTIAL))
		return XENVF_DROP_NONE;
	if (o->setup_err || o->found_start != o->csum_start ||
	    o->found_offset != o->csum_offset)
		return XENVF_DROP_BAD_CSUM;
	if (!(o->flags & XENVF_TXF_GSO))
		return XENVF_DROP_NONE;
	if (o->csum_offset != offsetof(struct tcphdr, check))
		return XENVF_DROP_BAD_GSO;
	return gso_bounded(o);
}

/* SKB_GSO_* bits a guest's TCP stack can take as XENVF_GSO_TCPV4/6. */
#define XENVF_RX_GSO_OK	(SKB_GSO_TCPV4 | SKB_GSO_TCPV6 | SKB_GSO_DODGY | \
			 SKB_GSO_TCP_ECN | SKB_GSO_TCP_FIXEDID)

/**
 * xenvf_rx_gso_type() - the wire GSO type of an skb's gso_type
 * @skb_gso_type: SKB_GSO_* bits
 *
 * Return: XENVF_GSO_TCPV4, XENVF_GSO_TCPV6 or XENVF_GSO_NONE.
 */
u8 xenvf_rx_gso_type(u32 skb_gso_type)
{
	if (skb_gso_type & ~XENVF_RX_GSO_OK)
		return XENVF_GSO_NONE;
	if ((skb_gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)) == SKB_GSO_TCPV4)
		return XENVF_GSO_TCPV4;
	if ((skb_gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)) == SKB_GSO_TCPV6)
		return XENVF_GSO_TCPV6;
	return XENVF_GSO_NONE;
}

static bool csum_fits(const struct xenvf_rx_meta *m)
{
	return m->csum_start >= XENVF_TX_MIN_FIRST &&
	       m->csum_start + m->csum_offset + 2 <= m->len;
}

/**
 * xenvf_rx_offload_action() - how a frame goes to a guest
 * @m: the frame
 * @f: what the guest's frontend accepts
 *
 * A GSO frame goes as one packet only if the guest takes its type, partial
 * checksums and multi-slot packets, and it fits the wire (65535 bytes, a
 * segment size from XENVF_GSO_SIZE_MIN to below the length); otherwise it
 * is segmented. A partial checksum the guest cannot take is resolved.
 *
 * Return: the action.
 */
enum xenvf_rx_action xenvf_rx_offload_action(const struct xenvf_rx_meta *m,
					     const struct xenvf_fe_features *f)
{
	u8 type;

	if (m->gso) {
		type = xenvf_rx_gso_type(m->gso_type);
		if (m->len > XENVF_MAX_PACKET || !f->sg || !f->rx_csum ||
		    !m->csum_partial || !csum_fits(m) ||
		    m->gso_size < XENVF_GSO_SIZE_MIN || m->gso_size >= m->len ||
		    type == XENVF_GSO_NONE ||
		    (type == XENVF_GSO_TCPV4 && !f->gso_tcpv4) ||
		    (type == XENVF_GSO_TCPV6 && !f->gso_tcpv6))
			return XENVF_RX_SEGMENT;
		return XENVF_RX_SEND;
	}
	if (m->len < XENVF_TX_MIN_FIRST || m->len > XENVF_MAX_PACKET ||
	    (!f->sg && xenvf_rx_slots(m->len) > 1))
		return XENVF_RX_DROP;
	if (m->csum_partial && (!f->rx_csum || !csum_fits(m)))
		return XENVF_RX_CSUM_HELP;
	return XENVF_RX_SEND;
}

/**
 * xenvf_copy_plan() - copy operations moving a byte stream between pieces
 * @src: the source pieces, in stream order (each inside one page)
 * @nsrc: how many
 * @dst: the destination pieces, in stream order
 * @ndst: how many
 * @ops: where the operations go
 * @max_ops: room in @ops
 *
 * Every operation stays inside one source and one destination piece, so
 * inside one page on both sides (what a grant copy allows).
 *
 * Return: the number of operations, -EINVAL if the two lists do not hold
 * the same number of bytes (or a piece crosses its page), -E2BIG if more
 * than @max_ops operations would be needed.
 */
int xenvf_copy_plan(const struct xenvf_seg *src, unsigned int nsrc,
		    const struct xenvf_seg *dst, unsigned int ndst,
		    struct xenvf_copy_op *ops, unsigned int max_ops)
{
	unsigned int s = 0, d = 0, n = 0;
	u32 so = 0, dof = 0, len;

	for (s = 0; s < nsrc; s++)
		if (src[s].off + src[s].len > XENVF_RING_PAGE_SIZE)
			return -EINVAL;
	for (d = 0; d < ndst; d++)
		if (dst[d].off + dst[d].len > XENVF_RING_PAGE_SIZE)
			return -EINVAL;
	s = 0;
	d = 0;
	for (;;) {
		while (s < nsrc && so == src[s].len) {
			s++;
			so = 0;
		}
		while (d < ndst && dof == dst[d].len) {
			d++;
			dof = 0;
		}
		if (s == nsrc || d == ndst)
			break;
		if (n == max_ops)
			return -E2BIG;
		len = min(src[s].len - so, dst[d].len - dof);
		ops[n].src = s;
		ops[n].dst = d;
		ops[n].src_off = src[s].off + so;
		ops[n].dst_off = dst[d].off + dof;
		ops[n].len = len;
		n++;
		so += len;
		dof += len;
	}
	return s == nsrc && d == ndst ? n : -EINVAL;
}
