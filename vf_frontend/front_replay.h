/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the frontend asks a backend for again after it forgot (a PF reset,
 * a backend that came back, a resume in a new domain): the control
 * requests that replay the netdev's MAC, MTU, VLAN filters, unicast and
 * multicast lists and receive mode, built as a pure function of a snapshot
 * of the netdev (no Xen, no netdev), so KUnit checks the exact list.
 */
#ifndef XENVF_FRONT_REPLAY_H
#define XENVF_FRONT_REPLAY_H

#include <linux/bitmap.h>
#include <linux/types.h>

#include "xenvf_msg.h"

#define XENVF_FRONT_VID_BITS	4096

/* A snapshot of the netdev's filter state (taken under RTNL). */
struct xenvf_front_filters {
	u8 mac[XENVF_ETH_ALEN];		/* the netdev's address */
	unsigned int mtu;
	DECLARE_BITMAP(vids, XENVF_FRONT_VID_BITS);	/* VLAN devices on it */
	unsigned int nr_mc, nr_uc;	/* addresses in the lists */
	bool mc_overflow, uc_overflow;	/* more than XENVF_MC_MAX / UC_MAX */
	u8 mc[XENVF_MC_MAX][XENVF_ETH_ALEN];
	u8 uc[XENVF_UC_MAX][XENVF_ETH_ALEN];
	bool promisc, allmulti;		/* IFF_PROMISC, IFF_ALLMULTI */
};

/* What the backend said in RESET. */
struct xenvf_front_pf_view {
	u8 mac[XENVF_ETH_ALEN];		/* zero: none */
	bool admin_mac;			/* the admin set it */
	bool trusted;
};

/* At most: MAC, MTU, XENVF_VLAN_FILTERS_MAX VLANs, mc, uc, xcast. */
#define XENVF_FRONT_REPLAY_MAX	(XENVF_VLAN_FILTERS_MAX + 5)

bool xenvf_front_replay_mac(const struct xenvf_front_filters *f,
			    const struct xenvf_front_pf_view *pf);
unsigned int xenvf_front_rxmode_build(const struct xenvf_front_filters *f,
				      bool uc_pushed,
				      struct xenvf_ctrl_msg *out);
unsigned int xenvf_front_replay_build(const struct xenvf_front_filters *f,
				      const struct xenvf_front_pf_view *pf,
				      struct xenvf_ctrl_msg *out,
				      unsigned int *vids_left);

#endif /* XENVF_FRONT_REPLAY_H */
