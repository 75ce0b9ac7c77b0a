/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The embedded switch's forwarding decisions, as pure functions (no ports,
 * no locking) so they are tested exhaustively in KUnit; back_switch.c
 * applies them to the connected VFs and the uplink.
 *
 * A frame's VLAN inside the switch is @vid (0: untagged). A VF with a port
 * VLAN sends and receives untagged frames that the switch places in its
 * port VLAN; a VF without one may tag frames with the VLANs it asked the
 * PF for (SET_VLAN), like the VLAN anti-spoof of an 82599's VFs. Every tag
 * of a frame's stack is checked, not only the outer one (docs/design.md,
 * "Isolation rules").
 */
#ifndef XENVF_BACK_FWD_H
#define XENVF_BACK_FWD_H

#include <linux/bitmap.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "xenvf_proto.h"

/* Switch modes (module parameter mode=veb|vepa|private). */
enum xenvf_switch_mode {
	XENVF_MODE_VEB,		/* VF-to-VF frames switched here */
	XENVF_MODE_VEPA,	/* every frame out of the uplink, hairpin back */
	XENVF_MODE_PRIVATE,	/* out of the uplink, no frame between VFs */
};

/* What a VF port sends and accepts; a snapshot published under RCU. */
struct xenvf_port_filter {
	u8 mac[ETH_ALEN];
	bool spoofchk;		/* source MAC must be @mac */
	bool isolated;		/* admin: no frame to or from another VF */
	u16 port_vlan;		/* 0: none */
	u8 qos;			/* port VLAN priority */
	u8 xcast;		/* XENVF_XCAST_* */
	u16 mc_count;
	u8 mc[XENVF_MC_MAX][ETH_ALEN];
	u16 uc_count;		/* extra unicast MACs (FCoE VN_Ports) */
	u8 uc[XENVF_UC_MAX][ETH_ALEN];
	unsigned long vlans[BITS_TO_LONGS(VLAN_N_VID)];	/* without port VLAN */
	struct rcu_head rcu;
};

/*
 * The VLAN tags of a frame, outermost first: the one a descriptor or the
 * uplink's driver carried out of band (skb->vlan_tci), then every in-band
 * tag (802.1Q 0x8100, 802.1ad 0x88a8, the legacy QinQ 0x9100..0x9300),
 * looked at up to XENVF_FWD_MAX_TAGS deep.
 */
#define XENVF_FWD_MAX_TAGS	4

struct xenvf_fwd_tag {
	__be16 tpid;
	u16 tci;
};

struct xenvf_fwd_tags {
	unsigned int n;			/* tags in @tag */
	bool bad;			/* deeper than MAX_TAGS, or cut short */
	__be16 proto;			/* the ethertype below the tags */
	struct xenvf_fwd_tag tag[XENVF_FWD_MAX_TAGS];
};

bool xenvf_fwd_is_tpid(__be16 type);
void xenvf_fwd_parse_tags(const u8 *hdr, unsigned int len, bool hw_tag,
			  __be16 hw_tpid, u16 hw_tci, struct xenvf_fwd_tags *t);

enum xenvf_fwd_verdict {
	XENVF_FWD_PASS,		/* forward in VLAN *vid */
	XENVF_FWD_DROP_SPOOF,	/* source MAC is not the sender's */
	XENVF_FWD_DROP_VLAN,	/* tag not allowed on this port */
	XENVF_FWD_DROP_STACK,	/* 802.1ad/QinQ tag, priority tag + tag, too deep */
	XENVF_FWD_DROP_PRIVATE,	/* private mode: never from one VF to another */
	XENVF_FWD_DROP_ISOLATED, /* an isolated VF: not to or from another VF */
};

enum xenvf_fwd_verdict xenvf_fwd_ingress(const struct xenvf_port_filter *f,
					 const struct ethhdr *eth,
					 const struct xenvf_fwd_tags *tags,
					 u16 *vid);
bool xenvf_fwd_uplink_vid(const struct xenvf_fwd_tags *tags, u16 *vid);
unsigned int xenvf_fwd_uplink_max(unsigned int mtu, bool inner_tag);

enum xenvf_fwd_egress {
	XENVF_EGRESS_NONE,	/* the port does not take the frame */
	XENVF_EGRESS_OWNER,	/* the frame is addressed to the port */
	XENVF_EGRESS_COPY,	/* the port takes a copy (flood, promisc) */
	XENVF_EGRESS_FILTERED,	/* multicast the port did not ask for */
};

enum xenvf_fwd_egress xenvf_fwd_egress(const struct xenvf_port_filter *f,
				       const struct ethhdr *eth, u16 vid);
u16 xenvf_fwd_egress_tci(const struct xenvf_port_filter *f, u16 vid);
bool xenvf_fwd_owns(const struct xenvf_port_filter *f, const u8 *mac);
enum xenvf_fwd_verdict xenvf_fwd_between(int mode,
					 const struct xenvf_port_filter *src,
					 const struct xenvf_port_filter *dst);

#endif /* XENVF_BACK_FWD_H */
