// SPDX-License-Identifier: GPL-2.0-only
/* Forwarding decisions of the embedded switch; see back_fwd.h. */
#include <linux/etherdevice.h>

#include "back_fcoe.h"
#include "back_fwd.h"

static bool in_list(const u8 (*list)[ETH_ALEN], unsigned int n, const u8 *addr)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ether_addr_equal(list[i], addr))
			return true;
	return false;
}

/* The sender's MAC, or (FCoE and FIP only) one of its extra unicast MACs. */
static bool source_ok(const struct xenvf_port_filter *f,
		      const struct ethhdr *eth)
{
	if (!f->spoofchk || ether_addr_equal(eth->h_source, f->mac))
		return true;
	return xenvf_fcoe_is_fcoe_type(eth->h_proto) &&
	       in_list(f->uc, f->uc_count, eth->h_source);
}

/**
 * xenvf_fwd_ingress() - may a VF send this frame, and in which VLAN?
 * @f: the sending port's filter
 * @eth: the frame's Ethernet header (any in-band tag already removed)
 * @tagged: the frame carried an 802.1Q tag
 * @tag_vid: the tag's VID (0: priority tag only)
 * @vid: set to the frame's VLAN in the switch when PASS is returned
 *
 * Spoofing is checked before anything else, so a spoofed broadcast is
 * dropped too. FCoE and FIP frames may also come from the VF's extra
 * unicast MACs (its VN_Port MACs); nothing else may. A port with a port
 * VLAN may not tag (the admin's VLAN rules); one without may tag only with
 * VLANs it added.
 *
 * Return: the verdict.
 */
enum xenvf_fwd_verdict xenvf_fwd_ingress(const struct xenvf_port_filter *f,
					 const struct ethhdr *eth, bool tagged,
					 u16 tag_vid, u16 *vid)
{
	if (!is_valid_ether_addr(eth->h_source) || !source_ok(f, eth))
		return XENVF_FWD_DROP_SPOOF;
	if (f->port_vlan) {
		if (tagged)
			return XENVF_FWD_DROP_VLAN;
		*vid = f->port_vlan;
		return XENVF_FWD_PASS;
	}
	if (tagged && tag_vid) {
		if (tag_vid >= VLAN_N_VID || !test_bit(tag_vid, f->vlans))
			return XENVF_FWD_DROP_VLAN;
		*vid = tag_vid;
		return XENVF_FWD_PASS;
	}
	*vid = 0;
	return XENVF_FWD_PASS;
}

/**
 * xenvf_fwd_egress() - does a port take a frame of VLAN @vid?
 * @f: the port's filter
 * @eth: the frame's header
 * @vid: the frame's VLAN in the switch (0: untagged)
 *
 * A port is a member of its port VLAN only, or else of the untagged LAN
 * and the VLANs it added. Within them it takes frames to its MAC or one of
 * its extra unicast MACs, broadcast, multicast per its mode and list, and
 * everything if promisc.
 *
 * Return: how the port takes the frame.
 */
enum xenvf_fwd_egress xenvf_fwd_egress(const struct xenvf_port_filter *f,
				       const struct ethhdr *eth, u16 vid)
{
	const u8 *dst = eth->h_dest;

	if (f->port_vlan ? vid != f->port_vlan :
	    vid && (vid >= VLAN_N_VID || !test_bit(vid, f->vlans)))
		return XENVF_EGRESS_NONE;
	if (!is_multicast_ether_addr(dst)) {
		if (ether_addr_equal(dst, f->mac) ||
		    in_list(f->uc, f->uc_count, dst))
			return XENVF_EGRESS_OWNER;
		return f->xcast == XENVF_XCAST_PROMISC ? XENVF_EGRESS_COPY :
							 XENVF_EGRESS_NONE;
	}
	if (is_broadcast_ether_addr(dst) || f->xcast >= XENVF_XCAST_ALLMULTI ||
	    (f->xcast == XENVF_XCAST_MULTI && in_list(f->mc, f->mc_count, dst)))
		return XENVF_EGRESS_COPY;
	return XENVF_EGRESS_FILTERED;
}

/**
 * xenvf_fwd_egress_tci() - the tag a port receives a frame of VLAN @vid with
 * @f: the port's filter
 * @vid: the frame's VLAN in the switch
 *
 * Return: 0 (untagged: no VLAN, or the port VLAN is stripped) or the TCI.
 */
u16 xenvf_fwd_egress_tci(const struct xenvf_port_filter *f, u16 vid)
{
	return f->port_vlan ? 0 : vid;
}
