// SPDX-License-Identifier: GPL-2.0-only
/*
 * TX and RX descriptors: find a packet's slots and validate them. Callers
 * pass private copies of the slots (copied once out of the ring).
 */
#include "xenvf_msg.h"

static bool vlan_ok(u16 tci)
{
	return (tci & 0xfff) != 0xfff;
}

/* Offload fields of a packet's first slot, shared by TX and RX. */
static enum xenvf_drop_reason check_offloads(const struct xenvf_pkt_info *p,
					     u16 gso_flag, u16 csum_flag,
					     u16 vlan_flag)
{
	if (p->flags & gso_flag) {
		if (p->gso_type == XENVF_GSO_NONE || p->gso_type > XENVF_GSO_MAX ||
		    p->gso_size < XENVF_GSO_SIZE_MIN || p->gso_size >= p->len)
			return XENVF_DROP_BAD_GSO;
	}
	if (p->flags & csum_flag) {
		if (p->csum_start < XENVF_TX_MIN_FIRST ||
		    (u32)p->csum_start + p->csum_offset + 2 > p->len)
			return XENVF_DROP_BAD_CSUM;
	}
	if ((p->flags & vlan_flag) && !vlan_ok(p->vlan_tci))
		return XENVF_DROP_BAD_VLAN;
	return XENVF_DROP_NONE;
}

/*
 * Slots of the packet at the head: every slot but the last has @more in its
 * flags, read at @stride-byte steps from @flags (the first slot's field).
 * Return: the count (> 0), 0 if the last slot is not there within @avail,
 * -EPROTO beyond XENVF_MAX_SLOTS.
 */
static int packet_slots(const u16 *flags, size_t stride, u16 more,
			unsigned int avail)
{
	const u8 *p = (const u8 *)flags;
	unsigned int n;

	if (!avail)
		return 0;
	for (n = 1; *(const u16 *)(p + (n - 1) * stride) & more; n++) {
		if (n == XENVF_MAX_SLOTS)
			return -EPROTO;
		if (n == avail)
			return 0;
	}
	return n;
}

/* The offload fields of a packet's first slot (the same on TX and RX). */
static void take_first_slot(struct xenvf_pkt_info *info, u16 flags,
			    u8 gso_type, u16 gso_size, u16 vlan_tci,
			    u16 csum_start, u16 csum_offset)
{
	info->flags = flags;
	info->gso_type = gso_type;
	info->gso_size = gso_size;
	info->vlan_tci = vlan_tci;
	info->csum_start = csum_start;
	info->csum_offset = csum_offset;
}

/**
 * xenvf_tx_parse() - find and validate the packet at the head of TX slots
 * @slots: private copies of the unconsumed TX requests, oldest first
 * @avail: how many there are
 * @info: the packet; on a drop, nr_slots says how many slots to answer
 *
 * Return: > 0 slots in the packet; 0 if its last slot is not there yet;
 * -EPROTO if it would span more than XENVF_MAX_SLOTS (fatal).
 */
int xenvf_tx_parse(const struct xenvf_tx_request *slots, unsigned int avail,
		   struct xenvf_pkt_info *info)
{
	const struct xenvf_tx_request *first = &slots[0];
	int i;
	u32 rest = 0;
	int n;

	memset(info, 0, sizeof(*info));
	n = packet_slots(&slots[0].flags, sizeof(slots[0]), XENVF_TXF_MORE, avail);
	if (n <= 0)
		return n;
	info->nr_slots = n;
	info->len = first->size;
	take_first_slot(info, first->flags, first->gso_type, first->gso_size,
			first->vlan_tci, first->csum_start, first->csum_offset);

	if (first->flags & ~XENVF_TXF_ALL) {
		info->drop = XENVF_DROP_BAD_FLAGS;
		return n;
	}
	for (i = 1; i < n; i++) {
		if (slots[i].flags & ~XENVF_TXF_MORE) {
			info->drop = XENVF_DROP_BAD_FLAGS;
			return n;
		}
		if (!slots[i].size || slots[i].offset + slots[i].size > XENVF_RING_PAGE_SIZE) {
			info->drop = XENVF_DROP_BAD_OFFSET;
			return n;
		}
		rest += slots[i].size;
	}
	if (rest >= first->size ||
	    first->size - rest < XENVF_TX_MIN_FIRST) {
		info->drop = XENVF_DROP_BAD_SIZE;
		return n;
	}
	info->first_len = (u16)(first->size - rest);
	if (first->offset + info->first_len > XENVF_RING_PAGE_SIZE) {
		info->drop = XENVF_DROP_BAD_OFFSET;
		return n;
	}
	info->drop = check_offloads(info, XENVF_TXF_GSO, XENVF_TXF_CSUM_PARTIAL,
				    XENVF_TXF_VLAN);
	return n;
}

/**
 * xenvf_rx_parse() - find and validate the packet at the head of RX responses
 * @slots: private copies of the unconsumed RX responses, oldest first
 * @avail: how many there are
 * @info: the packet; on a drop, nr_slots says how many slots it spans
 *
 * Unlike TX, each RX response carries its own byte count in status.
 *
 * Return: as xenvf_tx_parse().
 */
int xenvf_rx_parse(const struct xenvf_rx_response *slots, unsigned int avail,
		   struct xenvf_pkt_info *info)
{
	const struct xenvf_rx_response *first = &slots[0];
	int i;
	u32 len = 0;
	int n;

	memset(info, 0, sizeof(*info));
	n = packet_slots(&slots[0].flags, sizeof(slots[0]), XENVF_RXF_MORE, avail);
	if (n <= 0)
		return n;
	info->nr_slots = n;
	take_first_slot(info, first->flags, first->gso_type, first->gso_size,
			first->vlan_tci, first->csum_start, first->csum_offset);

	for (i = 0; i < n; i++) {
		if (slots[i].status < 0) {
			info->drop = XENVF_DROP_BAD_STATUS;
			return n;
		}
		if ((i && slots[i].flags & ~XENVF_RXF_MORE) ||
		    slots[i].flags & ~XENVF_RXF_ALL) {
			info->drop = XENVF_DROP_BAD_FLAGS;
			return n;
		}
		if (slots[i].offset + slots[i].status > XENVF_RING_PAGE_SIZE ||
		    (i && !slots[i].status)) {
			info->drop = XENVF_DROP_BAD_OFFSET;
			return n;
		}
		len += slots[i].status;
	}
	info->len = len;
	info->first_len = first->status;
	if (len > XENVF_MAX_PACKET || first->status < XENVF_TX_MIN_FIRST) {
		info->drop = XENVF_DROP_BAD_SIZE;
		return n;
	}
	info->drop = check_offloads(info, XENVF_RXF_GSO, XENVF_RXF_CSUM_PARTIAL,
				    XENVF_RXF_VLAN);
	return n;
}
