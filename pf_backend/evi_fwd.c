// SPDX-License-Identifier: GPL-2.0-only
/*
 * EVI forwarding rules (see evi_fwd.h):
 * - only frames of extended VLANs cross the tunnel, and only while EVI is
 *   enabled with a local address; everything else is the switch's as
 *   before (EVI_TX_UPLINK);
 * - known remote unicast goes to its peer; broadcast and multicast to
 *   every peer once; unknown unicast to every peer only with
 *   flood_unknown, else it is held (dropped and counted);
 * - split horizon: a frame that came from a peer goes to no peer;
 * - ARP suppression: a VF's ARP request for an IPv4 address the remote
 *   table knows is answered locally, not flooded.
 */
#include <linux/etherdevice.h>

#include "evi_fwd.h"
#include "evi_pkt.h"

/**
 * xenvf_evi_tx_decide() - where does a frame the switch did not keep go?
 * @e: the tables
 * @c: the settings in force
 * @frame: its first bytes, untagged, from the Ethernet header
 * @len: bytes at @frame (ETH_HLEN at least; XENVF_EVI_ARP_LEN to see ARP)
 * @vid: its VLAN in the switch
 * @from_peer: it was decapsulated (split horizon)
 * @plan: the peer or ARP owner, for the actions that need one
 *
 * Return: the action.
 */
enum xenvf_evi_tx_action
xenvf_evi_tx_decide(struct xenvf_evi *e, const struct xenvf_evi_cfg *c,
		    const u8 *frame, unsigned int len, u16 vid, bool from_peer,
		    struct xenvf_evi_tx_plan *plan)
{
	const struct xenvf_evi_mac *m;
	__be32 tip;

	memset(plan, 0, sizeof(*plan));
	if (!c->enabled || !c->local.family || len < ETH_HLEN ||
	    !xenvf_evi_vlan_extended(e, vid))
		return XENVF_EVI_TX_UPLINK;
	if (from_peer)
		return XENVF_EVI_TX_SPLIT_HORIZON;
	if (is_multicast_ether_addr(frame)) {
		if (c->arp_suppress && xenvf_evi_arp_request(frame, len, &tip)) {
			plan->owner = xenvf_evi_ip_find(e, vid, tip);
			if (plan->owner)
				return XENVF_EVI_TX_ARP_REPLY;
		}
		return XENVF_EVI_TX_FLOOD;
	}
	m = xenvf_evi_mac_find(e, vid, frame);
	if (m) {
		plan->peer = READ_ONCE(m->peer);
		return XENVF_EVI_TX_PEER;
	}
	return c->flood_unknown ? XENVF_EVI_TX_FLOOD : XENVF_EVI_TX_HOLD;
}

/**
 * xenvf_evi_flood_targets() - the peers a flooded frame goes to, each once
 * @e: the tables
 * @out: filled with up to @max peers
 * @max: room at @out (XENVF_EVI_MAX_PEERS holds them all)
 *
 * Return: how many.
 */
unsigned int xenvf_evi_flood_targets(struct xenvf_evi *e,
				     struct xenvf_evi_peer **out,
				     unsigned int max)
{
	struct xenvf_evi_peer *p;
	unsigned int n = 0;

	list_for_each_entry_rcu(p, &e->peers, list) {
		if (n == max)
			break;
		out[n++] = p;
	}
	return n;
}

/**
 * xenvf_evi_rx_check() - may a well-formed EVI packet be decapsulated?
 * @e: the tables
 * @vid: its inner VLAN
 * @src: its outer source
 * @peer: set to the peer it came from
 *
 * Return: XENVF_EVI_S_RX_DECAP, _RX_UNKNOWN_PEER or _RX_NOT_EXTENDED.
 */
unsigned int xenvf_evi_rx_check(struct xenvf_evi *e, u16 vid,
				const struct xenvf_evi_addr *src,
				struct xenvf_evi_peer **peer)
{
	*peer = xenvf_evi_peer_find(e, src);
	if (!*peer)
		return XENVF_EVI_S_RX_UNKNOWN_PEER;
	if (!xenvf_evi_vlan_extended(e, vid))
		return XENVF_EVI_S_RX_NOT_EXTENDED;
	return XENVF_EVI_S_RX_DECAP;
}
