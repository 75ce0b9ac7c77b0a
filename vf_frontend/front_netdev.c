// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's network device: what a VF driver shows its user. Address,
 * MTU, VLAN filters and the receive mode are requests to the PF over the
 * control ring; the PF's answer is the errno the user sees (an untrusted
 * VF whose MAC the admin set gets EPERM from `ip link set address`).
 *
 * Frames travel on the data queue of front_data.c.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>

#include "xenvf_front.h"

struct xenvf_front_priv {
	struct xenvf_front_vf *vf;
};

/**
 * netdev_priv_vf() - the VF behind a xenvf netdev
 * @netdev: the device
 *
 * Return: the VF.
 */
struct xenvf_front_vf *netdev_priv_vf(struct net_device *netdev)
{
	return ((struct xenvf_front_priv *)netdev_priv(netdev))->vf;
}

#define to_vf netdev_priv_vf

/* Send one control request; the backend's status becomes the errno. */
static int ctrl(struct xenvf_front_vf *vf, struct xenvf_ctrl_msg *req)
{
	struct xenvf_ctrl_msg rsp;
	int err = xenvf_front_ctrl_call(vf, req, &rsp);

	vf->stats.ctrl_requests++;
	if (!err && rsp.status)
		err = rsp.status;	/* XENVF_E* are Linux errno values */
	if (err)
		vf->stats.ctrl_refused++;
	return err;
}

static int xenvf_netdev_open(struct net_device *netdev)
{
	struct xenvf_front_vf *vf = to_vf(netdev);

	netif_tx_start_all_queues(netdev);
	xenvf_front_link_apply(vf);
	return 0;
}

static int xenvf_netdev_stop(struct net_device *netdev)
{
	netif_tx_stop_all_queues(netdev);
	netif_carrier_off(netdev);
	return 0;
}

static void xenvf_netdev_get_stats64(struct net_device *netdev,
				     struct rtnl_link_stats64 *st)
{
	struct xenvf_front_vf *vf = to_vf(netdev);

	st->tx_packets = vf->stats.tx_packets;
	st->tx_bytes = vf->stats.tx_bytes;
	st->tx_dropped = vf->stats.tx_dropped;
	st->tx_errors = vf->stats.tx_errors;
	st->rx_packets = vf->stats.rx_packets;
	st->rx_bytes = vf->stats.rx_bytes;
	st->rx_dropped = vf->stats.rx_dropped;
}

static int xenvf_netdev_set_mac(struct net_device *netdev, void *p)
{
	struct xenvf_front_vf *vf = to_vf(netdev);
	struct sockaddr *addr = p;
	struct xenvf_ctrl_msg req = { .op = XENVF_CTRL_SET_MAC };
	int err;

	err = eth_prepare_mac_addr_change(netdev, p);
	if (err)
		return err;
	memcpy(req.u.mac.mac, addr->sa_data, ETH_ALEN);
	err = ctrl(vf, &req);
	if (err) {
		netdev_info(netdev, "PF refused MAC %pM: %d\n", addr->sa_data, err);
		return err;
	}
	eth_commit_mac_addr_change(netdev, p);
	memcpy(vf->mac, addr->sa_data, ETH_ALEN);
	return 0;
}

static int xenvf_netdev_change_mtu(struct net_device *netdev, int mtu)
{
	struct xenvf_ctrl_msg req = { .op = XENVF_CTRL_SET_MTU };
	int err;

	req.u.mtu.mtu = mtu;
	err = ctrl(to_vf(netdev), &req);
	if (!err)
		netdev->mtu = mtu;
	return err;
}

static int vlan_filter(struct net_device *netdev, u16 vid, bool add)
{
	struct xenvf_ctrl_msg req = { .op = XENVF_CTRL_SET_VLAN };

	if (!vid)
		return 0;	/* untagged traffic needs no filter */
	req.u.vlan.vid = vid;
	req.u.vlan.add = add;
	return ctrl(to_vf(netdev), &req);
}

static int xenvf_netdev_vlan_add(struct net_device *netdev, __be16 proto,
				 u16 vid)
{
	return vlan_filter(netdev, vid, true);
}

static int xenvf_netdev_vlan_kill(struct net_device *netdev, __be16 proto,
				  u16 vid)
{
	return vlan_filter(netdev, vid, false);
}

/* ndo_set_rx_mode runs atomic: the control requests go to a work item. */
static void xenvf_netdev_set_rx_mode(struct net_device *netdev)
{
	schedule_work(&to_vf(netdev)->rx_mode_work);
}

/**
 * xenvf_front_rx_mode_work() - push the receive mode and multicast list
 * @work: the VF's rx_mode_work
 *
 * Up to XENVF_MC_MAX exact addresses, beyond that ALLMULTI, as ixgbevf.
 */
void xenvf_front_rx_mode_work(struct work_struct *work)
{
	struct xenvf_front_vf *vf = container_of(work, struct xenvf_front_vf,
						 rx_mode_work);
	struct net_device *netdev = vf->netdev;
	struct xenvf_ctrl_msg mc = { .op = XENVF_CTRL_SET_MULTICAST };
	struct xenvf_ctrl_msg xc = { .op = XENVF_CTRL_SET_XCAST_MODE };
	struct netdev_hw_addr *ha;
	unsigned int flags;
	int n = 0;

	rtnl_lock();
	flags = netdev->flags;
	netif_addr_lock_bh(netdev);
	if (netdev_mc_count(netdev) <= XENVF_MC_MAX) {
		netdev_for_each_mc_addr(ha, netdev)
			memcpy(mc.u.mc.macs[n++], ha->addr, ETH_ALEN);
	}
	mc.u.mc.count = n;
	if (netdev_mc_count(netdev) > XENVF_MC_MAX)
		flags |= IFF_ALLMULTI;
	netif_addr_unlock_bh(netdev);
	rtnl_unlock();

	if (flags & IFF_PROMISC)
		xc.u.xcast.mode = XENVF_XCAST_PROMISC;
	else if (flags & IFF_ALLMULTI)
		xc.u.xcast.mode = XENVF_XCAST_ALLMULTI;
	else
		xc.u.xcast.mode = XENVF_XCAST_MULTI;
	if (ctrl(vf, &mc))
		netdev_warn(netdev, "PF refused the multicast list\n");
	if (ctrl(vf, &xc))
		netdev_info(netdev, "PF refused receive mode %u\n", xc.u.xcast.mode);
}

static const struct net_device_ops xenvf_netdev_ops = {
	.ndo_open = xenvf_netdev_open,
	.ndo_stop = xenvf_netdev_stop,
	.ndo_start_xmit = xenvf_front_xmit,
	.ndo_get_stats64 = xenvf_netdev_get_stats64,
	.ndo_set_mac_address = xenvf_netdev_set_mac,
	.ndo_change_mtu = xenvf_netdev_change_mtu,
	.ndo_vlan_rx_add_vid = xenvf_netdev_vlan_add,
	.ndo_vlan_rx_kill_vid = xenvf_netdev_vlan_kill,
	.ndo_set_rx_mode = xenvf_netdev_set_rx_mode,
	.ndo_validate_addr = eth_validate_addr,
};

static const char xenvf_stat_names[][ETH_GSTRING_LEN] = {
	"ctrl_requests", "ctrl_refused", "tx_packets", "tx_bytes",
	"tx_dropped", "tx_errors", "rx_packets", "rx_bytes", "rx_dropped",
	"pf_events", "pf_events_unknown", "pf_event_seq_gaps",
};

static void xenvf_get_drvinfo(struct net_device *netdev,
			      struct ethtool_drvinfo *info)
{
	struct xenvf_front_vf *vf = to_vf(netdev);

	strscpy(info->driver, "xenvf-front", sizeof(info->driver));
	strscpy(info->bus_info, vf->dev->nodename, sizeof(info->bus_info));
}

static int xenvf_get_sset_count(struct net_device *netdev, int sset)
{
	return sset == ETH_SS_STATS ? ARRAY_SIZE(xenvf_stat_names) : -EOPNOTSUPP;
}

static void xenvf_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	if (sset == ETH_SS_STATS)
		memcpy(data, xenvf_stat_names, sizeof(xenvf_stat_names));
}

static void xenvf_get_ethtool_stats(struct net_device *netdev,
				    struct ethtool_stats *stats, u64 *data)
{
	struct xenvf_front_vf *vf = to_vf(netdev);

	data[0] = vf->stats.ctrl_requests;
	data[1] = vf->stats.ctrl_refused;
	data[2] = vf->stats.tx_packets;
	data[3] = vf->stats.tx_bytes;
	data[4] = vf->stats.tx_dropped;
	data[5] = vf->stats.tx_errors;
	data[6] = vf->stats.rx_packets;
	data[7] = vf->stats.rx_bytes;
	data[8] = vf->stats.rx_dropped;
	data[9] = vf->stats.events;
	data[10] = vf->stats.evt_unknown;
	data[11] = vf->stats.evt_gaps;
}

static void xenvf_get_channels(struct net_device *netdev,
			       struct ethtool_channels *ch)
{
	struct xenvf_front_vf *vf = to_vf(netdev);

	ch->max_combined = XENVF_MAX_QUEUES;
	ch->combined_count = vf->queues;
}

static const struct ethtool_ops xenvf_ethtool_ops = {
	.get_drvinfo = xenvf_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = xenvf_get_sset_count,
	.get_strings = xenvf_get_strings,
	.get_ethtool_stats = xenvf_get_ethtool_stats,
	.get_channels = xenvf_get_channels,
};

/**
 * xenvf_front_netdev_alloc() - the VF's netdev and NAPI, not yet registered
 * @vf: the VF (at probe)
 *
 * Return: 0 or -ENOMEM.
 */
int xenvf_front_netdev_alloc(struct xenvf_front_vf *vf)
{
	struct net_device *netdev;

	netdev = alloc_etherdev_mq(sizeof(struct xenvf_front_priv), 1);
	if (!netdev)
		return -ENOMEM;
	((struct xenvf_front_priv *)netdev_priv(netdev))->vf = vf;
	netdev->netdev_ops = &xenvf_netdev_ops;
	netdev->ethtool_ops = &xenvf_ethtool_ops;
	netdev->features = NETIF_F_HW_VLAN_CTAG_FILTER;
	netdev->min_mtu = XENVF_MTU_MIN;
	netdev->max_mtu = XENVF_MTU_MAX;
	SET_NETDEV_DEV(netdev, &vf->dev->dev);
	netif_carrier_off(netdev);
	vf->netdev = netdev;
	xenvf_front_data_init(vf);
	return 0;
}

/**
 * xenvf_front_netdev_up() - register the netdev, or refresh it after a
 * reconnect, with what the handshake learnt
 * @vf: the VF (called from the handshake work)
 *
 * Return: 0 or an errno.
 */
int xenvf_front_netdev_up(struct xenvf_front_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	int err;

	if (vf->registered) {
		rtnl_lock();
		eth_hw_addr_set(netdev, vf->mac);
		netdev->max_mtu = vf->mtu_max;
		xenvf_front_link_apply(vf);
		rtnl_unlock();
		return 0;
	}
	netdev->max_mtu = vf->mtu_max;
	eth_hw_addr_set(netdev, vf->mac);
	err = register_netdev(netdev);
	if (err)
		return err;
	vf->registered = true;
	netdev_info(netdev, "xenvf VF %s\n", vf->dev->nodename);
	return 0;
}

/**
 * xenvf_front_netdev_down() - the backend went away: carrier off
 * @vf: the VF
 */
void xenvf_front_netdev_down(struct xenvf_front_vf *vf)
{
	if (vf->netdev)
		netif_carrier_off(vf->netdev);
}

/**
 * xenvf_front_netdev_remove() - unregister and free the netdev
 * @vf: the VF (device removal)
 */
void xenvf_front_netdev_remove(struct xenvf_front_vf *vf)
{
	if (!vf->netdev)
		return;
	if (vf->registered)
		unregister_netdev(vf->netdev);
	vf->registered = false;
	cancel_work_sync(&vf->rx_mode_work);
	netif_napi_del(&vf->queue.napi);
	free_netdev(vf->netdev);
	vf->netdev = NULL;
}
