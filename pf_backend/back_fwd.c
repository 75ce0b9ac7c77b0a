// SPDX-License-Identifier: GPL-2.0-only
/* Forwarding decisions of the VEB switch; see back_fwd.h. */
#include <linux/etherdevice.h>

#include "back_fwd.h"

/**
 * xenvf_fwd_classify() - what to do with a frame a VF sent
 * @sender_mac: the sending VF's MAC (anti-spoof reference)
 * @eth: the frame's Ethernet header
 *
 * Return: the action; spoofing is checked before anything else, so a
 * spoofed broadcast is dropped too.
 */
enum xenvf_fwd_action xenvf_fwd_classify(const u8 *sender_mac,
					 const struct ethhdr *eth)
{
	if (!ether_addr_equal(eth->h_source, sender_mac))
		return XENVF_FWD_DROP_SPOOF;
	if (is_multicast_ether_addr(eth->h_dest))
		return XENVF_FWD_FLOOD;
	return XENVF_FWD_UNICAST;
}

/**
 * xenvf_fwd_port_takes() - does a port receive this frame?
 * @port_mac: the port's MAC
 * @is_sender: the port is the one the frame came from
 * @eth: the frame's header (already classified FLOOD or UNICAST)
 *
 * Return: true for every port but the sender on a flood, and for the port
 * owning the destination of a unicast frame (never hairpinned in VEB).
 */
bool xenvf_fwd_port_takes(const u8 *port_mac, bool is_sender,
			  const struct ethhdr *eth)
{
	if (is_sender)
		return false;
	if (is_multicast_ether_addr(eth->h_dest))
		return true;
	return ether_addr_equal(port_mac, eth->h_dest);
}
