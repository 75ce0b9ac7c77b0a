/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding, validation and encoding of xenvf wire messages (the ABI of
 * xenvf_proto.h). Every decoder takes a private copy of what the other end
 * wrote: callers copy a ring entry once out of shared memory, then decode
 * the copy, so nothing is read twice (no double fetch).
 *
 * Decoders return 0 when the message is valid, or a negative XENVF_E*
 * status that the backend puts in its response (or the frontend treats as
 * a protocol violation). They never trust a length, count, index or enum.
 */
#ifndef XENVF_MSG_H
#define XENVF_MSG_H

#include "../xenvf_compat.h"
#include "xenvf_proto.h"

/* A decoded control message: op plus the payload it carries. */
struct xenvf_ctrl_msg {
	u8 op;
	s16 status;		/* responses: XENVF_OK or XENVF_E* */
	u16 len;		/* payload bytes */
	union {
		struct xenvf_ctrl_api api;
		struct xenvf_ctrl_reset_rsp reset;
		struct xenvf_ctrl_mac mac;
		struct xenvf_ctrl_mc_list mc;
		struct xenvf_ctrl_vlan vlan;
		struct xenvf_ctrl_mtu mtu;
		struct xenvf_ctrl_queues queues;
		struct xenvf_ctrl_xcast xcast;
		struct xenvf_ctrl_reta reta;
		struct xenvf_ctrl_rss_key rss_key;
		struct xenvf_ctrl_link link;
		struct xenvf_vf_stats stats;
		struct xenvf_ctrl_fcoe fcoe;
		u8 raw[XENVF_CTRL_DATA_MAX];
	} u;
};

/* ctrl_msg.c: control ring */
int xenvf_ctrl_decode_request(const struct xenvf_ctrl_request *req,
			      struct xenvf_ctrl_msg *msg);
int xenvf_ctrl_decode_response(const struct xenvf_ctrl_response *rsp,
			       u16 want_id, u8 want_op,
			       struct xenvf_ctrl_msg *msg);
int xenvf_ctrl_encode_request(struct xenvf_ctrl_request *req, u16 id,
			      const struct xenvf_ctrl_msg *msg);
void xenvf_ctrl_encode_response(struct xenvf_ctrl_response *rsp,
				const struct xenvf_ctrl_request *req,
				int status, const struct xenvf_ctrl_msg *msg);
int xenvf_ctrl_payload_len(u8 op, bool response, const void *payload);

/* evt_msg.c: event ring */
struct xenvf_evt {
	u8 type;
	u32 seq;
	union {
		struct xenvf_ctrl_link link;
		struct xenvf_ctrl_mac mac;
		struct xenvf_evt_vlan vlan;
		u8 trusted;
	} u;
};

int xenvf_evt_decode(const struct xenvf_evt_response *rsp,
		     struct xenvf_evt *evt);
int xenvf_evt_encode(struct xenvf_evt_response *rsp, u16 id,
		     const struct xenvf_evt *evt);

/* data_desc.c: TX and RX descriptors */

/* Why a packet was refused; each has its own drop counter. */
enum xenvf_drop_reason {
	XENVF_DROP_NONE = 0,
	XENVF_DROP_BAD_OFFSET,	/* slot data crosses its page */
	XENVF_DROP_BAD_SIZE,	/* sizes inconsistent or too small */
	XENVF_DROP_BAD_FLAGS,	/* unknown flags or flags on a later slot */
	XENVF_DROP_BAD_GSO,	/* gso type/size invalid */
	XENVF_DROP_BAD_CSUM,	/* csum_start/offset outside the packet */
	XENVF_DROP_BAD_VLAN,	/* VLAN ID 4095 */
	XENVF_DROP_BAD_STATUS,	/* RX: negative status or bad id */
	XENVF_DROP_GSO_SMALL,	/* TX: gso_size below XENVF_TX_GSO_MIN_* */
	XENVF_DROP_GSO_SEGS,	/* TX: more than XENVF_TX_GSO_MAX_SEGS segments */
	XENVF_DROP_GSO_GROUP,	/* TX: GSO to a multicast/broadcast address */
	XENVF_DROP_NR_REASONS
};

struct xenvf_pkt_info {
	u16 nr_slots;		/* slots the packet spans (also when dropped) */
	u32 len;		/* whole packet length */
	u16 first_len;		/* bytes in the first slot */
	u16 flags;		/* first slot's flags (XENVF_TXF_* / XENVF_RXF_*) */
	u8 gso_type;
	u16 gso_size;
	u16 vlan_tci;
	u16 csum_start, csum_offset;
	enum xenvf_drop_reason drop;	/* XENVF_DROP_NONE: deliver */
};

/*
 * Return: > 0 the number of slots of a complete packet (check info->drop);
 * 0 the packet is not complete within @avail slots yet; -EPROTO the
 * packet exceeds XENVF_MAX_SLOTS, a fatal protocol violation.
 */
int xenvf_tx_parse(const struct xenvf_tx_request *slots, unsigned int avail,
		   struct xenvf_pkt_info *info);
int xenvf_rx_parse(const struct xenvf_rx_response *slots, unsigned int avail,
		   struct xenvf_pkt_info *info);

/* helpers */
static inline bool xenvf_mac_is_unicast(const u8 *mac)
{
	return !(mac[0] & 1) && (mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]);
}

static inline bool xenvf_mac_is_multicast(const u8 *mac)
{
	return mac[0] & 1;
}

#endif /* XENVF_MSG_H */
