/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * xenvf EVI control ABI: the generic netlink family "xenvf_evi" that
 * configures Ethernet Virtual Interconnect on the PF backend and reads its
 * tables and counters. Shared by xenvf-back (server) and `xenvf evi`
 * (client). Integers are host order unless noted; addresses and MACs are
 * network-order byte strings.
 *
 * EVI tunnels frames of *extended VLANs* to *peers* (remote edge devices)
 * as Ethernet in GRE (protocol 0x6558) over IPv4 or IPv6, from the local
 * address set with XENVF_EVI_CMD_SET. VID 0 stands for untagged frames.
 *
 * Every command needs CAP_NET_ADMIN. Errors come back as netlink errors
 * (negative errno, with an extack message naming the bad attribute):
 *   -EINVAL   malformed attribute (bad length, VID > 4094, multicast MAC,
 *             address family not matching the local address, ...)
 *   -EEXIST   adding a peer, VLAN or static MAC that exists
 *   -ENOENT   deleting or naming one that does not exist
 *   -ENOSPC   a table is full (limits below)
 *   -EADDRNOTAVAIL  a peer before a local address is set (also: SET of
 *             ENABLED=1 while no local address is set)
 */
#ifndef XENVF_EVI_H
#define XENVF_EVI_H

#define XENVF_EVI_GENL_NAME	"xenvf_evi"
#define XENVF_EVI_GENL_VERSION	1

#define XENVF_EVI_MAX_PEERS	64
#define XENVF_EVI_MAX_VLANS	256
#define XENVF_EVI_MAX_MACS	4096	/* remote MACs over all VLANs */
#define XENVF_EVI_MAX_LEARNED_PER_PEER	1024	/* learned MACs behind one peer */
#define XENVF_EVI_AGING_DEFAULT	300	/* seconds, learned remote MACs */
#define XENVF_EVI_TTL_DEFAULT	64

enum xenvf_evi_cmd {
	XENVF_EVI_CMD_UNSPEC,
	XENVF_EVI_CMD_GET,	/* -> global attrs + XENVF_EVI_A_STATS */
	XENVF_EVI_CMD_SET,	/* global attrs; absent ones keep their value */
	XENVF_EVI_CMD_PEER_ADD,	/* PEER_ADDR */
	XENVF_EVI_CMD_PEER_DEL,	/* PEER_ADDR (its learned MACs go too) */
	XENVF_EVI_CMD_PEER_GET,	/* dump: PEER_ADDR + PEER_STATS per peer */
	XENVF_EVI_CMD_VLAN_ADD,	/* VID */
	XENVF_EVI_CMD_VLAN_DEL,	/* VID (its remote MACs go too) */
	XENVF_EVI_CMD_VLAN_GET,	/* dump: VID per extended VLAN */
	XENVF_EVI_CMD_MAC_ADD,	/* VID, MAC, PEER_ADDR, [IPV4]: static remote */
	XENVF_EVI_CMD_MAC_DEL,	/* VID, MAC (static or learned) */
	XENVF_EVI_CMD_MAC_GET,	/* dump: one MAC_* set per local/remote entry */
	XENVF_EVI_CMD_FLUSH,	/* drop every learned remote MAC */
	__XENVF_EVI_CMD_MAX,
};

#define XENVF_EVI_CMD_MAX	(__XENVF_EVI_CMD_MAX - 1)

enum xenvf_evi_attr {
	XENVF_EVI_A_UNSPEC,
	XENVF_EVI_A_ENABLED,	/* u8 0/1: EVI forwarding on */
	XENVF_EVI_A_LOCAL,	/* binary 4 or 16: local outer address */
	XENVF_EVI_A_KEY,	/* u32: GRE key = EVI network ID */
	XENVF_EVI_A_USE_KEY,	/* u8 0/1: send and demand the key */
	XENVF_EVI_A_TTL,	/* u8 1..255: outer TTL / hop limit */
	XENVF_EVI_A_DSCP,	/* u8 0..63, or XENVF_EVI_DSCP_INHERIT */
	XENVF_EVI_A_MIN_RX_TTL,	/* u8: decap drops outer TTL below this */
	XENVF_EVI_A_FLOOD_UNKNOWN, /* u8 0/1: flood unknown unicast to peers */
	XENVF_EVI_A_ARP_SUPPRESS,  /* u8 0/1: answer ARP for known remotes */
	XENVF_EVI_A_AGING,	/* u32 seconds 10..86400 */
	XENVF_EVI_A_OVERHEAD,	/* u32 (GET): bytes GRE+IP+Ethernet add:
				 * outer IP + GRE [+ key] + inner Ethernet
				 * + 802.1Q tag; VF MTU limit = uplink MTU
				 * less this
				 */
	XENVF_EVI_A_STATS,	/* nested XENVF_EVI_S_* u64 (GET) */
	XENVF_EVI_A_PEER_ADDR,	/* binary 4 or 16 */
	XENVF_EVI_A_PEER_STATS,	/* nested XENVF_EVI_PS_* u64 */
	XENVF_EVI_A_VID,	/* u16 0..4094 (0 = untagged) */
	XENVF_EVI_A_MAC,	/* binary 6 */
	XENVF_EVI_A_MAC_TYPE,	/* u8 XENVF_EVI_MAC_* (GET) */
	XENVF_EVI_A_MAC_AGE,	/* u32 seconds since last seen (GET) */
	XENVF_EVI_A_IPV4,	/* be32: IPv4 owner of MAC, for ARP suppress */
	XENVF_EVI_A_PAD,
	__XENVF_EVI_A_MAX,
};

#define XENVF_EVI_A_MAX		(__XENVF_EVI_A_MAX - 1)

#define XENVF_EVI_DSCP_INHERIT	0xff	/* copy the inner IP's DSCP */

enum xenvf_evi_mac_type {
	XENVF_EVI_MAC_LOCAL = 1,	/* a VF's MAC (read-only, from the VFs) */
	XENVF_EVI_MAC_STATIC,		/* remote, set by the admin */
	XENVF_EVI_MAC_LEARNED,		/* remote, learned by decap, ages */
};

/* Global counters: nothing EVI drops is lost silently. */
enum xenvf_evi_stat {
	XENVF_EVI_S_UNSPEC,
	XENVF_EVI_S_TX_ENCAP,		/* frames encapsulated (per peer copy) */
	XENVF_EVI_S_TX_BYTES,
	XENVF_EVI_S_RX_DECAP,		/* frames decapsulated and delivered */
	XENVF_EVI_S_RX_BYTES,
	XENVF_EVI_S_RX_SHORT,		/* truncated outer/GRE/inner headers */
	XENVF_EVI_S_RX_BAD_GRE,		/* GRE version, flags, or routing */
	XENVF_EVI_S_RX_BAD_PROTO,	/* GRE protocol not 0x6558 */
	XENVF_EVI_S_RX_UNKNOWN_PEER,	/* outer source not a peer */
	XENVF_EVI_S_RX_BAD_KEY,		/* key missing or not ours */
	XENVF_EVI_S_RX_NOT_EXTENDED,	/* inner VLAN not extended */
	XENVF_EVI_S_RX_TTL,		/* outer TTL below MIN_RX_TTL */
	XENVF_EVI_S_RX_FRAGMENT,	/* outer fragments (never reassembled) */
	XENVF_EVI_S_RX_CSUM,		/* bad GRE checksum */
	XENVF_EVI_S_RX_NO_DEST,		/* no VF owned a decapsulated unicast */
	XENVF_EVI_S_TX_OVERSIZE,	/* encapsulated frame > uplink MTU */
	XENVF_EVI_S_TX_NO_ROUTE,	/* no route or neighbour to a peer */
	XENVF_EVI_S_TX_UNKNOWN_HELD,	/* unknown unicast not flooded */
	XENVF_EVI_S_SPLIT_HORIZON,	/* peer frames kept from other peers */
	XENVF_EVI_S_ARP_SUPPRESSED,	/* ARP requests answered locally */
	XENVF_EVI_S_LEARNED,		/* remote MACs learned */
	XENVF_EVI_S_AGED,		/* learned MACs aged out */
	XENVF_EVI_S_MOVED,		/* learned MAC moved to another peer */
	XENVF_EVI_S_TABLE_FULL,		/* learning refused: table full */
	XENVF_EVI_S_NO_MEM,
	XENVF_EVI_S_LEARN_LOCAL_REFUSED, /* a peer claimed a local VF's MAC */
	XENVF_EVI_S_LEARN_PEER_FULL,	/* learning refused: peer's share full */
	XENVF_EVI_S_RX_IP_CSUM,		/* bad outer IPv4 header checksum */
	XENVF_EVI_S_RX_BAD_TAG,		/* inner 802.1ad or stacked tags */
	XENVF_EVI_S_TX_NO_PEER,		/* to flood, but no peer to flood to */
	XENVF_EVI_S_PAD,
	__XENVF_EVI_S_MAX,
};

#define XENVF_EVI_S_MAX		(__XENVF_EVI_S_MAX - 1)

/* Per-peer counters. */
enum xenvf_evi_peer_stat {
	XENVF_EVI_PS_UNSPEC,
	XENVF_EVI_PS_TX_PACKETS,
	XENVF_EVI_PS_TX_BYTES,
	XENVF_EVI_PS_RX_PACKETS,
	XENVF_EVI_PS_RX_BYTES,
	XENVF_EVI_PS_PAD,
	__XENVF_EVI_PS_MAX,
};

#define XENVF_EVI_PS_MAX	(__XENVF_EVI_PS_MAX - 1)

#endif /* XENVF_EVI_H */
