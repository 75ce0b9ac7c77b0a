// SPDX-License-Identifier: GPL-2.0-only
/*
 * The control server: PF policy for a VF's control requests, the xenvf
 * replacement for ixgbe's ixgbe_rcv_msg_from_vf(). Requests arrive decoded
 * and range-checked (common/proto); this file decides what a VF may do.
 *
 * Order: API_NEGOTIATE, then RESET, then anything. Before that, everything
 * else is refused with XENVF_EPROTO, as the ixgbe PF NACKs until reset.
 */
#include <linux/random.h>
#include <linux/string.h>

#include "back_ctrl.h"
#include "back_fcoe.h"

/**
 * xenvf_back_ctrl_init() - defaults for a VF that just connected
 * @cfg: the VF's configuration; admin fields are kept, negotiated ones reset
 */
void xenvf_back_ctrl_init(struct xenvf_vf_cfg *cfg)
{
	cfg->api = 0;
	cfg->reset_done = false;
	if (cfg->admin_mac_set)
		memcpy(cfg->mac, cfg->admin_mac, XENVF_ETH_ALEN);
	cfg->mtu = 1500;
	cfg->xcast = XENVF_XCAST_MULTI;
	cfg->mc_count = 0;
	cfg->uc_count = 0;
	cfg->nr_vlans = 0;
	bitmap_zero(cfg->vlans, XENVF_VLAN_MAX + 1);
	cfg->fcoe_granted = 0;
}

/**
 * xenvf_back_ctrl_rss_key_new() - give a VF its own RSS key
 * @cfg: the VF's configuration (at probe, before the VF can ask)
 *
 * Random bytes of the VF's own, never dom0's netdev_rss_key nor another
 * VF's: the key is what a Toeplitz hash of the VF's flows depends on, so a
 * shared key tells a guest how dom0 and other tenants spread their flows.
 * The key stays the VF's until it is removed: RESET and reconnects keep it
 * (xenvf_back_ctrl_init() does not touch it), as a NIC keeps its key
 * across a VF reset.
 */
void xenvf_back_ctrl_rss_key_new(struct xenvf_vf_cfg *cfg)
{
	get_random_bytes(cfg->rss_key, XENVF_RSS_KEY_SIZE);
}

/**
 * xenvf_ctrl_op_changes_port() - does a successful @op change what the
 * switch must know of the VF (MAC, filters)?
 * @op: XENVF_CTRL_*
 *
 * Return: true for RESET, SET_MAC, SET_MULTICAST, SET_UC_LIST, SET_VLAN,
 * SET_XCAST_MODE.
 */
bool xenvf_ctrl_op_changes_port(u8 op)
{
	switch (op) {
	case XENVF_CTRL_RESET:
	case XENVF_CTRL_SET_MAC:
	case XENVF_CTRL_SET_MULTICAST:
	case XENVF_CTRL_SET_UC_LIST:
	case XENVF_CTRL_SET_VLAN:
	case XENVF_CTRL_SET_XCAST_MODE:
		return true;
	default:
		return false;
	}
}

/* A refused claim (back_mac.c) as the status the guest gets. */
static int claim_status(int err)
{
	if (!err)
		return XENVF_OK;
	return err == -EADDRINUSE ? XENVF_EADDRINUSE : XENVF_EBUSY;
}

/**
 * xenvf_back_ctrl_undo_mac() - go back to @mac after a SET_MAC the
 * hardware refused
 * @cfg: the VF's state (caller holds the VF lock)
 * @mac: its MAC before the request
 *
 * The MAC is claimed again; if another VF took it in between, the switch
 * gives this VF no MAC until its next SET_MAC or RESET.
 */
void xenvf_back_ctrl_undo_mac(struct xenvf_vf_cfg *cfg, const u8 *mac)
{
	xenvf_mac_claim_mac(&cfg->own, mac);
	memcpy(cfg->mac, mac, XENVF_ETH_ALEN);
}

/*
 * RESET: the negotiated state goes back to its defaults, the extra MACs
 * with it; the admin's MAC is claimed again (refused while another VF
 * owns it: an admin error the guest sees as EADDRINUSE).
 */
static int ctrl_reset(struct xenvf_vf_cfg *cfg, struct xenvf_ctrl_msg *rsp)
{
	u32 api = cfg->api;
	int st;

	xenvf_back_ctrl_init(cfg);
	cfg->api = api;
	st = claim_status(xenvf_mac_claim_uc(&cfg->own, NULL, 0));
	if (!st && cfg->admin_mac_set)
		st = claim_status(xenvf_mac_claim_mac(&cfg->own, cfg->admin_mac));
	if (st)
		return st;
	cfg->reset_done = true;
	memcpy(rsp->u.reset.mac, cfg->mac, XENVF_ETH_ALEN);
	rsp->u.reset.admin_mac = cfg->admin_mac_set;
	rsp->u.reset.trusted = cfg->trusted;
	rsp->u.reset.mtu_max = cfg->mtu_max;
	rsp->u.reset.port_vlan = cfg->port_vlan;
	return XENVF_OK;
}

/*
 * Extra unicast MACs: an untrusted VF may add only FCoE MACs (its VN_Port
 * and FLOGI addresses), a trusted one any; none another VF owns. All or
 * nothing.
 */
static int ctrl_set_uc_list(struct xenvf_vf_cfg *cfg,
			    const struct xenvf_ctrl_mc_list *l)
{
	unsigned int i;
	int st;

	for (i = 0; i < l->count; i++)
		if (!cfg->trusted && !xenvf_fcoe_mac(l->macs[i]))
			return XENVF_EPERM;
	st = claim_status(xenvf_mac_claim_uc(&cfg->own, l->macs, l->count));
	if (st)
		return st;
	cfg->uc_count = l->count;
	memcpy(cfg->uc, l->macs, sizeof(cfg->uc[0]) * l->count);
	return XENVF_OK;
}

/* FCoE offloads: what the VF asks for within what the PF offers it. */
static void ctrl_fcoe(struct xenvf_vf_cfg *cfg, const struct xenvf_ctrl_fcoe *req,
		      struct xenvf_ctrl_fcoe *rsp)
{
	cfg->fcoe_granted = req->flags & cfg->fcoe_offer;
	if (!(cfg->fcoe_granted & XENVF_FCOE_CRC))
		cfg->fcoe_granted = 0;	/* FSO fills CRCs: never without */
	rsp->flags = cfg->fcoe_granted;
	rsp->mtu = cfg->fcoe_granted ? XENVF_FCOE_MTU : 0;
	rsp->priority = cfg->fcoe_priority;
}

static int ctrl_set_vlan(struct xenvf_vf_cfg *cfg, const struct xenvf_ctrl_vlan *v)
{
	if (cfg->port_vlan)
		return XENVF_EPERM;	/* the admin's port VLAN rules */
	if (!v->add) {
		if (__test_and_clear_bit(v->vid, cfg->vlans))
			cfg->nr_vlans--;
		return XENVF_OK;
	}
	if (test_bit(v->vid, cfg->vlans))
		return XENVF_OK;
	if (cfg->nr_vlans == (cfg->hw_vf >= 0 ? XENVF_HW_VLANS_MAX :
			      XENVF_VLAN_FILTERS_MAX))
		return XENVF_ENOSPC;
	__set_bit(v->vid, cfg->vlans);
	cfg->nr_vlans++;
	return XENVF_OK;
}

/**
 * xenvf_back_ctrl_handle() - carry out one decoded control request
 * @cfg: the VF's state (caller holds the VF lock)
 * @req: the decoded, range-checked request
 * @rsp: zeroed by the caller; the payload of a successful response
 *
 * Return: the status for the response.
 */
int xenvf_back_ctrl_handle(struct xenvf_vf_cfg *cfg,
			   const struct xenvf_ctrl_msg *req,
			   struct xenvf_ctrl_msg *rsp)
{
	unsigned int i;
	int st;

	rsp->op = req->op;
	if (req->op == XENVF_CTRL_API_NEGOTIATE) {
		if (req->u.api.version < XENVF_PROTO_VERSION_MIN ||
		    req->u.api.version > XENVF_PROTO_VERSION_MAX)
			return XENVF_EOPNOTSUPP;
		cfg->api = req->u.api.version;
		cfg->reset_done = false;
		rsp->u.api.version = cfg->api;
		return XENVF_OK;
	}
	if (!cfg->api)
		return XENVF_EPROTO;
	if (req->op == XENVF_CTRL_RESET)
		return ctrl_reset(cfg, rsp);
	if (!cfg->reset_done)
		return XENVF_EPROTO;

	switch (req->op) {
	case XENVF_CTRL_SET_MAC:
		if (cfg->admin_mac_set && !cfg->trusted &&
		    memcmp(req->u.mac.mac, cfg->admin_mac, XENVF_ETH_ALEN))
			return XENVF_EPERM;
		st = claim_status(xenvf_mac_claim_mac(&cfg->own, req->u.mac.mac));
		if (st)
			return st;
		memcpy(cfg->mac, req->u.mac.mac, XENVF_ETH_ALEN);
		return XENVF_OK;
	case XENVF_CTRL_SET_MULTICAST:
		cfg->mc_count = req->u.mc.count;
		memcpy(cfg->mc, req->u.mc.macs, sizeof(cfg->mc[0]) * cfg->mc_count);
		return XENVF_OK;
	case XENVF_CTRL_SET_UC_LIST:
		return ctrl_set_uc_list(cfg, &req->u.mc);
	case XENVF_CTRL_SET_VLAN:
		return ctrl_set_vlan(cfg, &req->u.vlan);
	case XENVF_CTRL_SET_MTU:
		if (req->u.mtu.mtu > cfg->mtu_max)
			return XENVF_EINVAL;
		cfg->mtu = req->u.mtu.mtu;
		return XENVF_OK;
	case XENVF_CTRL_GET_QUEUES:
		rsp->u.queues.tx_queues = cfg->queues;
		rsp->u.queues.rx_queues = cfg->queues;
		rsp->u.queues.default_queue = 0;
		rsp->u.queues.port_vlan = !!cfg->port_vlan;
		return XENVF_OK;
	case XENVF_CTRL_GET_RETA:
		rsp->u.reta.size = XENVF_RETA_SIZE;
		for (i = 0; i < XENVF_RETA_SIZE; i++)
			rsp->u.reta.queue[i] = i % cfg->queues;
		return XENVF_OK;
	case XENVF_CTRL_GET_RSS_KEY:
		rsp->u.rss_key.size = XENVF_RSS_KEY_SIZE;
		memcpy(rsp->u.rss_key.key, cfg->rss_key, XENVF_RSS_KEY_SIZE);
		return XENVF_OK;
	case XENVF_CTRL_SET_XCAST_MODE:
		if (req->u.xcast.mode > XENVF_XCAST_MULTI && !cfg->trusted)
			return XENVF_EPERM;
		cfg->xcast = req->u.xcast.mode;
		return XENVF_OK;
	case XENVF_CTRL_GET_LINK_STATE:
		rsp->u.link = cfg->link;
		return XENVF_OK;
	case XENVF_CTRL_GET_STATS:
		rsp->u.stats = cfg->stats;
		return XENVF_OK;
	case XENVF_CTRL_FCOE_NEGOTIATE:
		ctrl_fcoe(cfg, &req->u.fcoe, &rsp->u.fcoe);
		return XENVF_OK;
	default:
		return XENVF_EOPNOTSUPP;
	}
}
