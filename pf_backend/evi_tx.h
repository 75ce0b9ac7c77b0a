/* SPDX-License-Identifier: GPL-2.0-only */
/* EVI transmit short of routing (evi_tx.c); evi_dp.c routes and sends. */
#ifndef XENVF_EVI_TX_H
#define XENVF_EVI_TX_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "evi_pkt.h"
#include "evi_table.h"

struct xenvf_back_vf;

/* Headroom beyond the outer headers for the uplink's link layer. */
#define XENVF_EVI_LL_ROOM	(LL_MAX_HEADER + VLAN_HLEN)
/* Bytes of the inner frame read for an inherited DSCP. */
#define XENVF_EVI_TX_PEEK	64

unsigned int xenvf_evi_tx_prepare(struct xenvf_evi *e,
				  struct xenvf_back_vf *src,
				  struct sk_buff *skb, struct sk_buff_head *out);
struct sk_buff *xenvf_evi_encap(struct xenvf_evi *e,
				const struct xenvf_evi_tx_params *tp,
				struct sk_buff *skb, u16 vid);

#endif /* XENVF_EVI_TX_H */
