/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The embedded switch's forwarding decisions, as pure functions (no ports,
 * no locking) so they are tested exhaustively in KUnit; back_switch.c
 * applies them to the connected VFs.
 */
#ifndef XENVF_BACK_FWD_H
#define XENVF_BACK_FWD_H

#include <linux/if_ether.h>
#include <linux/types.h>

enum xenvf_fwd_action {
	XENVF_FWD_DROP_SPOOF,	/* source MAC is not the sender's: drop, count */
	XENVF_FWD_FLOOD,	/* broadcast/multicast: every other port */
	XENVF_FWD_UNICAST,	/* the port owning the destination MAC */
};

enum xenvf_fwd_action xenvf_fwd_classify(const u8 *sender_mac,
					 const struct ethhdr *eth);
bool xenvf_fwd_port_takes(const u8 *port_mac, bool is_sender,
			  const struct ethhdr *eth);

#endif /* XENVF_BACK_FWD_H */
