// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's network device: what a VF driver shows its user. Address,
 * MTU, VLAN filters and the receive mode are requests to the PF over the
 * control ring; the PF's answer is the errno the user sees (an untrusted
 * VF whose MAC the admin set gets EPERM from `ip link set address`).
 *
 * Frames travel on the data queues of front_data.c (TX: front_tx.c, RX:
 * front_rx.c).
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <net/tcp.h>

#include "front_replay.h"
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

/* Sums over every queue (drops and errors of every direction, events). */
struct xenvf_sums {
	struct xenvf_front_qsnap tx, rx;
	u64 events;		/* backend -> frontend, on the data channels */
};

static void snap_add(struct xenvf_front_qsnap *sum,
		     const struct xenvf_front_qsnap *s)
{
	sum->packets += s->packets;
	sum->bytes += s->bytes;
	sum->dropped += s->dropped;
	sum->errors += s->errors;
	sum->gso += s->gso;
	sum->csum += s->csum;
	sum->notify += s->notify;
	sum->arms += s->arms;
	sum->ev_tx += s->ev_tx;
	sum->ev_rx += s->ev_rx;
	sum->frag_grants += s->frag_grants;
	sum->frag_copies += s->frag_copies;
	sum->grant_fallbacks += s->grant_fallbacks;
	sum->lent += s->lent;
	sum->recycled += s->recycled;
	sum->fallback += s->fallback;
	sum->copied += s->copied;
}

static void queue_sums(struct xenvf_front_queue *q, struct xenvf_sums *s)
{
	xenvf_front_qstats_read(&q->tx_stats, &s->tx);
	xenvf_front_qstats_read(&q->rx_stats, &s->rx);
	s->events = atomic64_read(&q->events);
}

static void vf_sums(struct xenvf_front_vf *vf, struct xenvf_sums *sum)
{
	struct xenvf_sums s;
	unsigned int i;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < XENVF_MAX_QUEUES; i++) {
		queue_sums(&vf->queues[i], &s);
		snap_add(&sum->tx, &s.tx);
		snap_add(&sum->rx, &s.rx);
		sum->events += s.events;
	}
}

static void xenvf_netdev_get_stats64(struct net_device *netdev,
				     struct rtnl_link_stats64 *st)
{
	struct xenvf_sums s;

	vf_sums(to_vf(netdev), &s);
	st->tx_packets = s.tx.packets;
	st->tx_bytes = s.tx.bytes;
	st->tx_dropped = s.tx.dropped;
	st->tx_errors = s.tx.errors;
	st->rx_packets = s.rx.packets;
	st->rx_bytes = s.rx.bytes;
	st->rx_dropped = s.rx.dropped;
	st->rx_errors = s.rx.errors;
}

/* NETIF_F_FCOE_MTU became the netdev bit fcoe_mtu in Linux 6.10. */
#ifdef NETIF_F_FCOE_MTU
#define XENVF_F_FCOE_MTU	NETIF_F_FCOE_MTU
#else
#define XENVF_F_FCOE_MTU	0
#endif

/*
 * FCoE offloads only while granted. fcoe.ko's partial FC CRC must reach
 * ndo_start_xmit untouched, so then the device takes any partial checksum
 * (HW_CSUM; features_check sends the ones the wire cannot carry back to
 * the stack) instead of IP_CSUM/IPV6_CSUM, as ixgbe does.
 */
static netdev_features_t fcoe_fix_features(struct xenvf_front_vf *vf,
					   netdev_features_t features)
{
	const netdev_features_t fcoe = NETIF_F_FCOE_CRC | NETIF_F_FSO |
				       XENVF_F_FCOE_MTU;

	if (!(vf->fcoe_granted & XENVF_FCOE_CRC) ||
	    !(features & NETIF_F_HW_CSUM)) {
		features &= ~(fcoe | NETIF_F_HW_CSUM);
	} else {
		features &= ~(NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM);
		if (!(vf->fcoe_granted & XENVF_FCOE_FSO))
			features &= ~NETIF_F_FSO;
	}
#ifndef NETIF_F_FCOE_MTU
	vf->netdev->fcoe_mtu = !!(features & NETIF_F_FCOE_CRC);
#endif
	return features;
}

#if IS_ENABLED(CONFIG_FCOE)
/* fcoe.ko starts or stops using the netdev (under RTNL). */
static int xenvf_netdev_fcoe_switch(struct net_device *netdev, bool on)
{
	struct xenvf_front_vf *vf = to_vf(netdev);
	int err;

	if (!vf->be.fcoe)
		return -EOPNOTSUPP;
	vf->fcoe_enabled = on;
	err = xenvf_front_fcoe_negotiate(vf);
	netdev_update_features(netdev);
	return on ? err : 0;
}

static int xenvf_netdev_fcoe_enable(struct net_device *netdev)
{
	return xenvf_netdev_fcoe_switch(netdev, true);
}

static int xenvf_netdev_fcoe_disable(struct net_device *netdev)
{
	return xenvf_netdev_fcoe_switch(netdev, false);
}
#endif

/* Offloads the backend does not offer are off (docs/protocol.md 1.2). */
static netdev_features_t xenvf_netdev_fix_features(struct net_device *netdev,
						   netdev_features_t features)
{
	struct xenvf_front_vf *vf = to_vf(netdev);

	if (!vf->be.sg)
		features &= ~NETIF_F_SG;
	if (!vf->be.ipv6_csum)
		features &= ~NETIF_F_IPV6_CSUM;
	if (!vf->be.gso_tcpv4)
		features &= ~NETIF_F_TSO;
	if (!vf->be.gso_tcpv6)
		features &= ~NETIF_F_TSO6;
	return fcoe_fix_features(vf, features);
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

static int pf_set_mtu(struct xenvf_front_vf *vf, unsigned int mtu)
{
	struct xenvf_ctrl_msg req = { .op = XENVF_CTRL_SET_MTU };

	req.u.mtu.mtu = mtu;
	return ctrl(vf, &req);
}

/* After RESET the PF assumes 1500: tell it the netdev's MTU if not that. */
static int pf_sync_mtu(struct xenvf_front_vf *vf)
{
	unsigned int mtu = vf->netdev->mtu;

	return mtu == ETH_DATA_LEN ? 0 : pf_set_mtu(vf, mtu);
}

static int xenvf_netdev_change_mtu(struct net_device *netdev, int mtu)
{
	int err = pf_set_mtu(to_vf(netdev), mtu);

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

/* vlan_for_each() action: note the VLAN device's VID. */
static int snap_vid(struct net_device *vdev, int vid, void *arg)
{
	struct xenvf_front_filters *f = arg;

	if (vid > 0 && vid < XENVF_FRONT_VID_BITS)
		__set_bit(vid, f->vids);
	return 0;
}

/* The netdev's filter state, for front_replay.c (caller holds RTNL). */
static void filters_snapshot(struct net_device *netdev,
			     struct xenvf_front_filters *f)
{
	struct netdev_hw_addr *ha;
	unsigned int n = 0;

	ASSERT_RTNL();
	memset(f, 0, sizeof(*f));
	memcpy(f->mac, netdev->dev_addr, ETH_ALEN);
	f->mtu = netdev->mtu;
	vlan_for_each(netdev, snap_vid, f);
	f->promisc = netdev->flags & IFF_PROMISC;
	f->allmulti = netdev->flags & IFF_ALLMULTI;
	netif_addr_lock_bh(netdev);
	f->nr_mc = netdev_mc_count(netdev);
	f->mc_overflow = f->nr_mc > XENVF_MC_MAX;
	if (!f->mc_overflow) {
		netdev_for_each_mc_addr(ha, netdev)
			memcpy(f->mc[n++], ha->addr, ETH_ALEN);
	}
	n = 0;
	f->nr_uc = netdev_uc_count(netdev);
	f->uc_overflow = f->nr_uc > XENVF_UC_MAX;
	if (!f->uc_overflow) {
		netdev_for_each_uc_addr(ha, netdev)
			memcpy(f->uc[n++], ha->addr, ETH_ALEN);
	}
	netif_addr_unlock_bh(netdev);
}

/* One line per refusal, worded as the rig's scenarios look for them. */
static void refused_line(struct net_device *netdev,
			 const struct xenvf_ctrl_msg *req, int err)
{
	switch (req->op) {
	case XENVF_CTRL_SET_MAC:
		netdev_warn(netdev, "MAC %pM not restored after the reset: %d\n",
			    req->u.mac.mac, err);
		break;
	case XENVF_CTRL_SET_MTU:
		netdev_warn(netdev, "MTU %u not restored after the reset: %d\n",
			    req->u.mtu.mtu, err);
		break;
	case XENVF_CTRL_SET_VLAN:
		netdev_warn(netdev, "VLAN %u not restored after the reset: %d\n",
			    req->u.vlan.vid, err);
		break;
	case XENVF_CTRL_SET_MULTICAST:
		netdev_warn(netdev, "PF refused the multicast list\n");
		break;
	case XENVF_CTRL_SET_UC_LIST:
		netdev_warn(netdev, "PF refused the unicast list\n");
		break;
	default:
		netdev_info(netdev, "PF refused receive mode %u\n",
			    req->u.xcast.mode);
		break;
	}
}

/* Send @n requests; the number the PF refused. Sets uc_pushed. */
static unsigned int send_all(struct xenvf_front_vf *vf,
			     struct xenvf_ctrl_msg *req, unsigned int n,
			     int *mac_err)
{
	unsigned int i, refused = 0;
	int err;

	for (i = 0; i < n; i++) {
		err = ctrl(vf, &req[i]);
		if (req[i].op == XENVF_CTRL_SET_MAC)
			*mac_err = err;
		if (req[i].op == XENVF_CTRL_SET_UC_LIST && !err)
			vf->uc_pushed = req[i].u.mc.count;
		if (err) {
			refused++;
			refused_line(vf->netdev, &req[i], err);
		}
	}
	return refused;
}

/* A snapshot and the requests built from it (too big for the stack). */
struct filters_buf {
	struct xenvf_front_filters f;
	struct xenvf_ctrl_msg req[XENVF_FRONT_REPLAY_MAX];
};

/**
 * xenvf_front_rx_mode_work() - push the receive mode and multicast list
 * @work: the VF's rx_mode_work
 *
 * The requests are those of xenvf_front_rxmode_build() (front_replay.c).
 */
void xenvf_front_rx_mode_work(struct work_struct *work)
{
	struct xenvf_front_vf *vf = container_of(work, struct xenvf_front_vf,
						 rx_mode_work);
	struct filters_buf *b;
	unsigned int n;
	int mac_err = 0;

	/* disconnected (a resume, a backend gone): the replay pushes it */
	if (READ_ONCE(vf->broken) || !vf->irq)
		return;
	b = kmalloc(sizeof(*b), GFP_KERNEL);
	if (!b) {
		vf->stats.rx_mode_nomem++;
		return;
	}
	rtnl_lock();
	filters_snapshot(vf->netdev, &b->f);
	rtnl_unlock();
	n = xenvf_front_rxmode_build(&b->f, vf->uc_pushed, b->req);
	send_all(vf, b->req, n, &mac_err);
	kfree(b);
}

static const struct net_device_ops xenvf_netdev_ops = {
	.ndo_open = xenvf_netdev_open,
	.ndo_stop = xenvf_netdev_stop,
	.ndo_start_xmit = xenvf_front_xmit,
	.ndo_get_stats64 = xenvf_netdev_get_stats64,
	.ndo_fix_features = xenvf_netdev_fix_features,
	.ndo_features_check = xenvf_front_features_check,
	.ndo_set_mac_address = xenvf_netdev_set_mac,
	.ndo_change_mtu = xenvf_netdev_change_mtu,
	.ndo_vlan_rx_add_vid = xenvf_netdev_vlan_add,
	.ndo_vlan_rx_kill_vid = xenvf_netdev_vlan_kill,
	.ndo_set_rx_mode = xenvf_netdev_set_rx_mode,
#if IS_ENABLED(CONFIG_FCOE)
	.ndo_fcoe_enable = xenvf_netdev_fcoe_enable,
	.ndo_fcoe_disable = xenvf_netdev_fcoe_disable,
#endif
	.ndo_validate_addr = eth_validate_addr,
};

static const char xenvf_stat_names[][ETH_GSTRING_LEN] = {
	"ctrl_requests", "ctrl_refused", "tx_packets", "tx_bytes",
	"tx_dropped", "tx_errors", "rx_packets", "rx_bytes", "rx_dropped",
	"rx_errors", "tx_gso", "tx_csum", "rx_gso", "rx_csum",
	"pf_events", "pf_events_unknown", "pf_event_seq_gaps",
	/* event hygiene (docs/design.md): notifications each way */
	"tx_notify", "rx_notify", "events", "events_tx", "events_rx",
	"tx_event_arms",
	/* TX frags granted per packet, copied, frames copied whole (design.md) */
	"tx_frag_grants", "tx_frag_copies", "tx_grant_fallbacks",
	/* suspend/resume (docs/design.md "Save, restore, checkpoint") */
	"suspends", "resumes", "checkpoints", "resume_waits", "filter_replays",
	"filter_replay_requests", "filter_replay_refused", "gap_tx_lost",
	"gap_rx_lost", "rx_mode_nomem",
	/* RX page recycling (docs/design.md "Frontend RX") */
	"rx_frags_lent", "rx_pages_recycled", "rx_copy_fallback",
	"rx_copied_bytes",
};

/* Per queue, as q<n>_<name>. */
static const char *const xenvf_queue_stat_names[] = {
	"tx_packets", "tx_bytes", "tx_gso", "tx_csum",
	"rx_packets", "rx_bytes", "rx_gso", "rx_csum",
	"tx_notify", "rx_notify", "events", "tx_event_arms",
	"rx_frags_lent", "rx_copy_fallback",
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
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return ARRAY_SIZE(xenvf_stat_names) +
	       to_vf(netdev)->nr_queues * ARRAY_SIZE(xenvf_queue_stat_names);
}

static void xenvf_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	unsigned int q, i;

	if (sset != ETH_SS_STATS)
		return;
	memcpy(data, xenvf_stat_names, sizeof(xenvf_stat_names));
	data += sizeof(xenvf_stat_names);
	for (q = 0; q < to_vf(netdev)->nr_queues; q++) {
		for (i = 0; i < ARRAY_SIZE(xenvf_queue_stat_names); i++) {
			snprintf(data, ETH_GSTRING_LEN, "q%u_%s", q,
				 xenvf_queue_stat_names[i]);
			data += ETH_GSTRING_LEN;
		}
	}
}

static void xenvf_get_ethtool_stats(struct net_device *netdev,
				    struct ethtool_stats *stats, u64 *data)
{
	struct xenvf_front_vf *vf = to_vf(netdev);
	struct xenvf_sums s;
	unsigned int q;

	vf_sums(vf, &s);
	*data++ = vf->stats.ctrl_requests;
	*data++ = vf->stats.ctrl_refused;
	*data++ = s.tx.packets;
	*data++ = s.tx.bytes;
	*data++ = s.tx.dropped;
	*data++ = s.tx.errors;
	*data++ = s.rx.packets;
	*data++ = s.rx.bytes;
	*data++ = s.rx.dropped;
	*data++ = s.rx.errors;
	*data++ = s.tx.gso;
	*data++ = s.tx.csum;
	*data++ = s.rx.gso;
	*data++ = s.rx.csum;
	*data++ = vf->stats.events;
	*data++ = vf->stats.evt_unknown;
	*data++ = vf->stats.evt_gaps;
	*data++ = s.tx.notify;
	*data++ = s.rx.notify;
	*data++ = s.events;
	*data++ = s.rx.ev_tx;
	*data++ = s.rx.ev_rx;
	*data++ = s.tx.arms;
	*data++ = s.tx.frag_grants;
	*data++ = s.tx.frag_copies;
	*data++ = s.tx.grant_fallbacks;
	*data++ = vf->stats.suspends;
	*data++ = vf->stats.resumes;
	*data++ = vf->stats.checkpoints;
	*data++ = vf->stats.resume_waits;
	*data++ = vf->stats.replays;
	*data++ = vf->stats.replay_requests;
	*data++ = vf->stats.replay_refused;
	*data++ = vf->stats.gap_tx_lost;
	*data++ = vf->stats.gap_rx_lost;
	*data++ = vf->stats.rx_mode_nomem;
	*data++ = s.rx.lent;
	*data++ = s.rx.recycled;
	*data++ = s.rx.fallback;
	*data++ = s.rx.copied;
	for (q = 0; q < vf->nr_queues && q < XENVF_MAX_QUEUES; q++) {
		queue_sums(&vf->queues[q], &s);
		*data++ = s.tx.packets;
		*data++ = s.tx.bytes;
		*data++ = s.tx.gso;
		*data++ = s.tx.csum;
		*data++ = s.rx.packets;
		*data++ = s.rx.bytes;
		*data++ = s.rx.gso;
		*data++ = s.rx.csum;
		*data++ = s.tx.notify;
		*data++ = s.rx.notify;
		*data++ = s.events;
		*data++ = s.tx.arms;
		*data++ = s.rx.lent;
		*data++ = s.rx.fallback;
	}
}

static void xenvf_get_channels(struct net_device *netdev,
			       struct ethtool_channels *ch)
{
	struct xenvf_front_vf *vf = to_vf(netdev);

	ch->max_combined = vf->be.max_queues ?: 1;
	ch->combined_count = vf->nr_queues;
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

	netdev = alloc_etherdev_mq(sizeof(struct xenvf_front_priv),
				   XENVF_MAX_QUEUES);
	if (!netdev)
		return -ENOMEM;
	((struct xenvf_front_priv *)netdev_priv(netdev))->vf = vf;
	netdev->netdev_ops = &xenvf_netdev_ops;
	netdev->ethtool_ops = &xenvf_ethtool_ops;
	/* offloads the backend does not offer are masked by fix_features */
	netdev->hw_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
			      NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_RXCSUM |
			      NETIF_F_HW_CSUM | NETIF_F_FCOE_CRC | NETIF_F_FSO |
			      XENVF_F_FCOE_MTU;
	netdev->features = netdev->hw_features | NETIF_F_HW_VLAN_CTAG_FILTER |
			   NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_CTAG_RX;
	netdev->vlan_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
				NETIF_F_HW_CSUM | NETIF_F_TSO | NETIF_F_TSO6;
	/* extra unicast MACs (fcoe.ko's VN_Port MACs) go to the PF */
	netdev->priv_flags |= IFF_UNICAST_FLT;
	netif_set_tso_max_size(netdev, XENVF_MAX_PACKET - MAX_TCP_HEADER);
	/* one below the backend's bound: its count may include TCP options */
	netif_set_tso_max_segs(netdev, XENVF_TX_GSO_MAX_SEGS - 1);
	netdev->min_mtu = XENVF_MTU_MIN;
	netdev->max_mtu = XENVF_MTU_MAX;
	SET_NETDEV_DEV(netdev, &vf->dev->dev);
	netif_carrier_off(netdev);
	vf->netdev = netdev;
	xenvf_front_data_init(vf);
	return 0;
}

/* The netdev takes the PF's address (the admin's, or ours was refused). */
static void take_pf_mac(struct xenvf_front_vf *vf, const u8 *mac)
{
	struct net_device *netdev = vf->netdev;

	memcpy(vf->mac, mac, ETH_ALEN);
	if (ether_addr_equal(netdev->dev_addr, mac))
		return;
	netdev_info(netdev, "MAC %pM from the PF after the reset (was %pM)\n",
		    mac, netdev->dev_addr);
	eth_hw_addr_set(netdev, mac);
	call_netdevice_notifiers(NETDEV_CHANGEADDR, netdev);
}

/*
 * After a reset (PF_RESET, a backend that came back, a resume in a new
 * domain) the PF has forgotten what this VF asked for, as an ixgbe PF
 * after a VF reset: ask again for the MAC, the MTU, the VLAN filters and
 * the receive mode, as ixgbevf_up() does, with the list of
 * xenvf_front_replay_build() (front_replay.c). Caller holds RTNL.
 */
static void replay_filters(struct xenvf_front_vf *vf,
			   const struct xenvf_front_pf_view *pf)
{
	struct net_device *netdev = vf->netdev;
	struct filters_buf *b = kmalloc(sizeof(*b), GFP_KERNEL);
	unsigned int n, left, refused;
	int mac_err = -ENODATA;		/* not asked */

	vf->uc_pushed = 0;		/* the PF has none now */
	if (!b) {
		vf->stats.rx_mode_nomem++;
		netdev_warn(netdev, "no memory to restore the filters\n");
		return;
	}
	filters_snapshot(netdev, &b->f);
	n = xenvf_front_replay_build(&b->f, pf, b->req, &left);
	refused = send_all(vf, b->req, n, &mac_err);
	if (!mac_err)
		memcpy(vf->mac, b->f.mac, ETH_ALEN);
	else if (!is_zero_ether_addr(pf->mac))
		take_pf_mac(vf, pf->mac);
	vf->stats.replays++;
	vf->stats.replay_requests += n;
	vf->stats.replay_refused += refused;
	netdev_info(netdev, "filters restored: %u request(s), %u refused, %u VLAN(s) over the PF's limit\n",
		    n, refused, left);
	kfree(b);
}

/*
 * The MTU the admin gave the VF (backend key "mtu", written by `xenvf
 * attach mtu=N`), if it is within what the PF allows; else @mtu.
 */
static unsigned int admin_mtu(struct xenvf_front_vf *vf, unsigned int mtu)
{
	unsigned int m;

	if (xenbus_scanf(XBT_NIL, vf->dev->otherend, "mtu", "%u", &m) != 1)
		return mtu;
	if (m < XENVF_MTU_MIN || m > vf->mtu_max) {
		dev_warn(&vf->dev->dev, "backend mtu %u is outside %u..%u: ignored\n",
			 m, XENVF_MTU_MIN, vf->mtu_max);
		return mtu;
	}
	return m;
}

/**
 * xenvf_front_netdev_up() - register the netdev, or refresh it after a
 * reconnect, with what the handshake learnt
 * @vf: the VF (called from the handshake work)
 * @pf: what RESET said (the reconnect replays the filters against it)
 *
 * Return: 0 or an errno.
 */
int xenvf_front_netdev_up(struct xenvf_front_vf *vf,
			  const struct xenvf_front_pf_view *pf)
{
	struct net_device *netdev = vf->netdev;
	int err;

	if (vf->registered) {
		rtnl_lock();
		netdev->max_mtu = vf->mtu_max;
		if (netdev->mtu > vf->mtu_max)	/* the PF lowered it (EVI) */
			WRITE_ONCE(netdev->mtu, vf->mtu_max);
		err = netif_set_real_num_tx_queues(netdev, vf->nr_queues) ?:
		      netif_set_real_num_rx_queues(netdev, vf->nr_queues);
		/* a PF reset or reconnect: BQL starts over */
		xenvf_front_data_reset_bql(vf);
		netdev_update_features(netdev);
		if (!err)
			replay_filters(vf, pf);
		/* detached by a resume (front_resume.c): TX may start again */
		netif_device_attach(netdev);
		if (!err)
			xenvf_front_link_apply(vf);
		rtnl_unlock();
		return err;
	}
	netdev->max_mtu = vf->mtu_max;
	netdev->mtu = min_t(unsigned int, admin_mtu(vf, netdev->mtu),
			    vf->mtu_max);
	eth_hw_addr_set(netdev, vf->mac);
	err = netif_set_real_num_tx_queues(netdev, vf->nr_queues) ?:
	      netif_set_real_num_rx_queues(netdev, vf->nr_queues);
	if (err)
		return err;
	err = pf_sync_mtu(vf);	/* the admin's initial MTU */
	if (err)
		return err;
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
	xenvf_front_data_exit(vf);
	free_netdev(vf->netdev);
	vf->netdev = NULL;
}
