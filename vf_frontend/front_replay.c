// SPDX-License-Identifier: GPL-2.0-only
/*
 * The replay list (front_replay.h): after a reset the PF remembers nothing
 * this VF asked for, as an ixgbe PF after a VF reset; ixgbevf_up() asks
 * again, and so does front_netdev.c with the list built here, in this
 * order: SET_MAC (the netdev keeps its address unless the admin's wins),
 * SET_MTU (not for 1500, the PF's default), SET_VLAN add for each VLAN in
 * ascending order (at most XENVF_VLAN_FILTERS_MAX, what a PF takes), then
 * the receive mode exactly as ndo_set_rx_mode pushes it: SET_MULTICAST,
 * SET_UC_LIST (only when there are extra unicast MACs: the new PF has
 * none), SET_XCAST_MODE.
 */
#include <linux/etherdevice.h>
#include <linux/string.h>

#include "front_replay.h"

/**
 * xenvf_front_replay_mac() - should the replay ask for the netdev's MAC?
 * @f: the netdev's state
 * @pf: what RESET said
 *
 * The netdev keeps its address when the PF has another one or none; an
 * address the admin set wins over the guest's unless the VF is trusted
 * (the PF would refuse an untrusted VF anyway).
 *
 * Return: true if SET_MAC(@f->mac) is to be sent.
 */
bool xenvf_front_replay_mac(const struct xenvf_front_filters *f,
			    const struct xenvf_front_pf_view *pf)
{
	if (!is_valid_ether_addr(f->mac) || ether_addr_equal(f->mac, pf->mac))
		return false;
	return is_zero_ether_addr(pf->mac) || !pf->admin_mac || pf->trusted;
}

/**
 * xenvf_front_rxmode_build() - the receive-mode requests
 * @f: the netdev's state
 * @uc_pushed: the PF has extra unicast MACs from us (send the list even
 *	if it is empty now, to clear it)
 * @out: room for 3 requests
 *
 * Up to XENVF_MC_MAX exact multicast addresses, beyond that ALLMULTI, as
 * ixgbevf; up to XENVF_UC_MAX extra unicast addresses, beyond that
 * promiscuous.
 *
 * Return: the number of requests written.
 */
unsigned int xenvf_front_rxmode_build(const struct xenvf_front_filters *f,
				      bool uc_pushed,
				      struct xenvf_ctrl_msg *out)
{
	unsigned int n = 0;
	struct xenvf_ctrl_msg *m;

	m = &out[n++];
	memset(m, 0, sizeof(*m));
	m->op = XENVF_CTRL_SET_MULTICAST;
	if (!f->mc_overflow) {
		m->u.mc.count = min_t(unsigned int, f->nr_mc, XENVF_MC_MAX);
		memcpy(m->u.mc.macs, f->mc, m->u.mc.count * XENVF_ETH_ALEN);
	}
	if ((f->nr_uc && !f->uc_overflow) || uc_pushed) {
		m = &out[n++];
		memset(m, 0, sizeof(*m));
		m->op = XENVF_CTRL_SET_UC_LIST;
		if (!f->uc_overflow) {
			m->u.mc.count = min_t(unsigned int, f->nr_uc, XENVF_UC_MAX);
			memcpy(m->u.mc.macs, f->uc, m->u.mc.count * XENVF_ETH_ALEN);
		}
	}
	m = &out[n++];
	memset(m, 0, sizeof(*m));
	m->op = XENVF_CTRL_SET_XCAST_MODE;
	if (f->promisc || f->uc_overflow)
		m->u.xcast.mode = XENVF_XCAST_PROMISC;
	else if (f->allmulti || f->mc_overflow)
		m->u.xcast.mode = XENVF_XCAST_ALLMULTI;
	else
		m->u.xcast.mode = XENVF_XCAST_MULTI;
	return n;
}

/**
 * xenvf_front_replay_build() - every request that restores @f on a PF
 * that forgot it
 * @f: the netdev's state
 * @pf: what RESET said
 * @out: room for XENVF_FRONT_REPLAY_MAX requests
 * @vids_left: out: VLANs beyond XENVF_VLAN_FILTERS_MAX, not asked for
 *
 * Return: the number of requests written.
 */
unsigned int xenvf_front_replay_build(const struct xenvf_front_filters *f,
				      const struct xenvf_front_pf_view *pf,
				      struct xenvf_ctrl_msg *out,
				      unsigned int *vids_left)
{
	unsigned int n = 0, vid, vlans = 0;
	struct xenvf_ctrl_msg *m;

	*vids_left = 0;
	if (xenvf_front_replay_mac(f, pf)) {
		m = &out[n++];
		memset(m, 0, sizeof(*m));
		m->op = XENVF_CTRL_SET_MAC;
		memcpy(m->u.mac.mac, f->mac, XENVF_ETH_ALEN);
	}
	if (f->mtu != ETH_DATA_LEN) {
		m = &out[n++];
		memset(m, 0, sizeof(*m));
		m->op = XENVF_CTRL_SET_MTU;
		m->u.mtu.mtu = f->mtu;
	}
	/* VID 0 (priority tags) needs no filter; 4095 is reserved */
	for_each_set_bit(vid, f->vids, XENVF_FRONT_VID_BITS) {
		if (!vid || vid > XENVF_VLAN_MAX)
			continue;
		if (vlans == XENVF_VLAN_FILTERS_MAX) {
			(*vids_left)++;
			continue;
		}
		m = &out[n++];
		memset(m, 0, sizeof(*m));
		m->op = XENVF_CTRL_SET_VLAN;
		m->u.vlan.vid = vid;
		m->u.vlan.add = 1;
		vlans++;
	}
	return n + xenvf_front_rxmode_build(f, false, &out[n]);
}
