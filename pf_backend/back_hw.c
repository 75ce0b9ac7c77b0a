// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hardware mode: a xenvf device whose admin key `hw-vf` names a VF of the
 * uplink, when the uplink is an SR-IOV PF (it implements ndo_set_vf_*).
 * The PF policy of back_ctrl.c still decides; what it allows is then
 * carried out on the real VF with the standard ndo_set_vf_* operations
 * (MAC, VLAN and priority, trust, spoof check, link state, TX rate
 * limit), so a VF passed through to the guest follows the same control
 * ring as a paravirtual one and the guest cannot tell which served it.
 * The VF's VLAN is the admin's port VLAN if set (then the guest may not
 * ask for VLANs), else the one VLAN the guest asked for.
 *
 * Lock order: vf->lock, then RTNL.
 */
#include <linux/etherdevice.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "xenvf_back.h"

/* The uplink, if it is an SR-IOV PF with VF @hw_vf. Caller holds RTNL. */
static struct net_device *hw_pf(int hw_vf)
{
	struct net_device *up = rtnl_dereference(xenvf_uplink);
	struct ifla_vf_info ivi = { 0 };

	if (!up || hw_vf < 0 || !up->netdev_ops->ndo_set_vf_mac ||
	    !up->netdev_ops->ndo_get_vf_config)
		return NULL;
	if (up->netdev_ops->ndo_get_vf_config(up, hw_vf, &ivi))
		return NULL;
	return up;
}

/*
 * The VLAN the hardware VF gets: the admin's port VLAN and priority, else
 * the guest's one VLAN (XENVF_HW_VLANS_MAX), else none. Linux has no
 * per-VF VLAN filter operation, so the guest's VLAN is the VF's VLAN.
 */
static u16 hw_vlan(const struct xenvf_vf_cfg *cfg, u8 *qos)
{
	*qos = cfg->port_vlan ? cfg->qos : 0;
	if (cfg->port_vlan)
		return cfg->port_vlan;
	if (!cfg->nr_vlans)
		return 0;
	return find_first_bit(cfg->vlans, XENVF_VLAN_MAX + 1);
}

/**
 * xenvf_back_hw_check() - is the VF's hw-vf served by the uplink?
 * @vf: the VF (probe)
 *
 * Return: 0 (also for a paravirtual VF), or -ENODEV with a xenbus error
 * naming the problem.
 */
int xenvf_back_hw_check(struct xenvf_back_vf *vf)
{
	char name[IFNAMSIZ];
	bool ok;

	if (vf->cfg.hw_vf < 0)
		return 0;
	rtnl_lock();
	ok = hw_pf(vf->cfg.hw_vf);
	rtnl_unlock();
	if (ok)
		return 0;
	xenvf_back_uplink_name(name, sizeof(name));
	xenbus_dev_fatal(vf->dev, -ENODEV,
			 "hw-vf %d: uplink '%s' is not an SR-IOV PF with that VF",
			 vf->cfg.hw_vf, name);
	return -ENODEV;
}

/**
 * xenvf_back_hw_sync() - put the admin's settings on the hardware VF
 * @vf: the VF (caller holds vf->lock); nothing for a paravirtual VF
 *
 * Return: 0 or the first error of the PF driver (logged).
 */
int xenvf_back_hw_sync(struct xenvf_back_vf *vf)
{
	const struct xenvf_vf_cfg *cfg = &vf->cfg;
	static const int link[] = {
		[XENVF_LINK_AUTO] = IFLA_VF_LINK_STATE_AUTO,
		[XENVF_LINK_ENABLE] = IFLA_VF_LINK_STATE_ENABLE,
		[XENVF_LINK_DISABLE] = IFLA_VF_LINK_STATE_DISABLE,
	};
	const struct net_device_ops *ops;
	struct net_device *pf;
	u8 mac[ETH_ALEN], qos;
	int err = 0, n = cfg->hw_vf;
	u16 vid;

	if (n < 0)
		return 0;
	rtnl_lock();
	pf = hw_pf(n);
	if (!pf) {
		err = -ENODEV;
		goto out;
	}
	ops = pf->netdev_ops;
	ether_addr_copy(mac, is_zero_ether_addr(cfg->mac) ? cfg->admin_mac : cfg->mac);
	if (!is_zero_ether_addr(mac))
		err = ops->ndo_set_vf_mac(pf, n, mac);
	vid = hw_vlan(cfg, &qos);
	if (!err && ops->ndo_set_vf_vlan)
		err = ops->ndo_set_vf_vlan(pf, n, vid, qos, htons(ETH_P_8021Q));
	if (!err && ops->ndo_set_vf_trust)
		err = ops->ndo_set_vf_trust(pf, n, cfg->trusted);
	if (!err && ops->ndo_set_vf_spoofchk)
		err = ops->ndo_set_vf_spoofchk(pf, n, cfg->spoofchk);
	if (!err && ops->ndo_set_vf_rate)
		err = ops->ndo_set_vf_rate(pf, n, 0, cfg->max_rate);
	if (!err && ops->ndo_set_vf_link_state)
		err = ops->ndo_set_vf_link_state(pf, n, link[cfg->link_admin]);
out:
	rtnl_unlock();
	if (err)
		dev_warn_ratelimited(&vf->dev->dev,
				     "hardware VF %d: the PF refused the settings: %d\n",
				     n, err);
	return err;
}

/**
 * xenvf_back_hw_set_mac() - carry out an allowed SET_MAC on the hardware
 * @vf: the VF (caller holds vf->lock)
 * @mac: the new MAC
 *
 * Return: XENVF_OK (also for a paravirtual VF) or the status for the
 * guest when the PF driver refuses (the VF keeps its old MAC).
 */
int xenvf_back_hw_set_mac(struct xenvf_back_vf *vf, const u8 *mac)
{
	struct net_device *pf;
	u8 m[ETH_ALEN];
	int err;

	if (vf->cfg.hw_vf < 0)
		return XENVF_OK;
	ether_addr_copy(m, mac);
	rtnl_lock();
	pf = hw_pf(vf->cfg.hw_vf);
	err = pf ? pf->netdev_ops->ndo_set_vf_mac(pf, vf->cfg.hw_vf, m) : -ENODEV;
	rtnl_unlock();
	return err ? XENVF_EINVAL : XENVF_OK;
}

/**
 * xenvf_back_hw_set_vlan() - carry out an allowed SET_VLAN on the hardware
 * @vf: the VF (caller holds vf->lock); its cfg already has the change
 *
 * Return: XENVF_OK (also for a paravirtual VF) or the status for the
 * guest when the PF has no VF VLAN operation or refuses; the caller then
 * undoes the change.
 */
int xenvf_back_hw_set_vlan(struct xenvf_back_vf *vf)
{
	const struct net_device_ops *ops;
	struct net_device *pf;
	int err = -EOPNOTSUPP;
	u16 vid;
	u8 qos;

	if (vf->cfg.hw_vf < 0)
		return XENVF_OK;
	vid = hw_vlan(&vf->cfg, &qos);
	rtnl_lock();
	pf = hw_pf(vf->cfg.hw_vf);
	ops = pf ? pf->netdev_ops : NULL;
	if (ops && ops->ndo_set_vf_vlan)
		err = ops->ndo_set_vf_vlan(pf, vf->cfg.hw_vf, vid, qos,
					   htons(ETH_P_8021Q));
	rtnl_unlock();
	if (!err)
		return XENVF_OK;
	dev_warn_ratelimited(&vf->dev->dev,
			     "hardware VF %d: the PF refused VLAN %u: %d\n",
			     vf->cfg.hw_vf, vid, err);
	return err == -EOPNOTSUPP ? XENVF_EOPNOTSUPP : XENVF_EINVAL;
}
