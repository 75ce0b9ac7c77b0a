/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EVI forwarding decisions over the tables (no skb, no sending), tested in
 * KUnit; evi_dp.c carries them out. Callers hold rcu_read_lock().
 */
#ifndef XENVF_EVI_FWD_H
#define XENVF_EVI_FWD_H

#include "evi_table.h"

enum xenvf_evi_tx_action {
	XENVF_EVI_TX_UPLINK,	/* not EVI's (off, VLAN not extended) */
	XENVF_EVI_TX_PEER,	/* known remote unicast: to its peer */
	XENVF_EVI_TX_FLOOD,	/* one copy to every peer */
	XENVF_EVI_TX_HOLD,	/* unknown unicast, flooding off: dropped */
	XENVF_EVI_TX_SPLIT_HORIZON,	/* from a peer: never to another */
	XENVF_EVI_TX_ARP_REPLY,	/* ARP request answered locally */
};

struct xenvf_evi_tx_plan {
	struct xenvf_evi_peer *peer;	/* TX_PEER */
	const struct xenvf_evi_mac *owner;	/* TX_ARP_REPLY: the answer */
};

enum xenvf_evi_tx_action
xenvf_evi_tx_decide(struct xenvf_evi *e, const struct xenvf_evi_cfg *c,
		    const u8 *frame, unsigned int len, u16 vid, bool from_peer,
		    struct xenvf_evi_tx_plan *plan);
unsigned int xenvf_evi_flood_targets(struct xenvf_evi *e,
				     struct xenvf_evi_peer **out,
				     unsigned int max);
unsigned int xenvf_evi_rx_check(struct xenvf_evi *e, u16 vid,
				const struct xenvf_evi_addr *src,
				struct xenvf_evi_peer **peer);

#endif /* XENVF_EVI_FWD_H */
