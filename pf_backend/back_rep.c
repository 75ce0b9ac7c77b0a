// SPDX-License-Identifier: GPL-2.0-only
/*
 * Representor netdevs: one per VF in dom0, named xvf<domid>.<vf> (as
 * netback's vif<domid>.<handle>), so that `ip -s link` and `ethtool -S`
 * show each VF's traffic and every drop by reason. Counters are seen from
 * the switch, as on a vif: what the VF sent is the representor's RX, what
 * was delivered to the VF its TX. A frame sent on the representor is
 * delivered to the VF (the switchdev slow path); it starts down. As a
 * switchdev representor it has a phys_port_name (vf<N>) and the switch's
 * phys_switch_id (back_rep_id.c); the admin's `vifname` key, read at probe,
 * names it instead of xvf<domid>.<vf>. Packet taps on it see the VF's
 * frames both ways (back_rep_tap.c).
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <xen/xenbus.h>

#include "back_egress.h"
#include "xenvf_back.h"

struct rep_priv {
	struct xenvf_back_vf *vf;
};

static const char *const drop_names[XENVF_DROP_NR_REASONS] = {
	[XENVF_DROP_NONE]	= "tx_drop_none",
	[XENVF_DROP_BAD_OFFSET]	= "tx_drop_bad_offset",
	[XENVF_DROP_BAD_SIZE]	= "tx_drop_bad_size",
	[XENVF_DROP_BAD_FLAGS]	= "tx_drop_bad_flags",
	[XENVF_DROP_BAD_GSO]	= "tx_drop_bad_gso",
	[XENVF_DROP_BAD_CSUM]	= "tx_drop_bad_csum",
	[XENVF_DROP_BAD_VLAN]	= "tx_drop_bad_vlan",
	[XENVF_DROP_BAD_STATUS]	= "tx_drop_bad_status",
	[XENVF_DROP_GSO_SMALL]	= "tx_drop_gso_too_small",
	[XENVF_DROP_GSO_SEGS]	= "tx_drop_gso_too_many_segs",
	[XENVF_DROP_GSO_GROUP]	= "tx_drop_gso_to_group",
};

/* Counters other than the per-reason ones, in ethtool -S order. */
enum {
	REP_TX_PACKETS, REP_TX_BYTES, REP_RX_PACKETS, REP_RX_BYTES,
	REP_TX_COPY_ERR, REP_RX_COPY_ERR, REP_RX_QUEUE_FULL, REP_RX_DROPPED,
	REP_CTRL_REQ, REP_CTRL_ERR, REP_EVENTS, REP_INJECTED, REP_THROTTLED,
	REP_TX_NOMEM, REP_TX_GSO, REP_TX_CSUM, REP_RX_GSO, REP_RX_CSUM,
	REP_RX_SEGMENTED, REP_RX_OFFLOAD_ERR, REP_RX_TOO_BIG, REP_VECTORS,
	REP_CTRL_MAC_IN_USE,
	REP_RX_MULTICAST, REP_CTRL_HW_THROTTLED, REP_VEC_REFUSED,
	REP_RX_VF_DOWN, REP_RX_STALLED, REP_RX_EXPIRED, REP_RX_STALLS,
	REP_RX_QUEUE_BYTES, REP_TX_POOL, REP_RX_POOL, REP_TX_POOL_MISS,
	REP_RX_POOL_MISS, REP_TX_GRANT_CALLS, REP_RX_GRANT_CALLS,
	REP_POOL_PAGES, REP_TX_VF_DIRECT, REP_RX_VF_DIRECT, REP_TX_RATE_LIMITED,
	REP_TX_GRANTED,
	REP_CTRL_MAC_HANDED_OVER,
	REP_NR
};

static const char *const rep_names[REP_NR] = {
	[REP_TX_PACKETS]	= "vf_tx_packets",
	[REP_TX_BYTES]		= "vf_tx_bytes",
	[REP_RX_PACKETS]	= "vf_rx_packets",
	[REP_RX_BYTES]		= "vf_rx_bytes",
	[REP_TX_COPY_ERR]	= "tx_grant_copy_errors",
	[REP_RX_COPY_ERR]	= "rx_grant_copy_errors",
	[REP_RX_QUEUE_FULL]	= "rx_drop_queue_full",
	[REP_RX_DROPPED]	= "rx_drop_no_memory",
	[REP_CTRL_REQ]		= "ctrl_requests",
	[REP_CTRL_ERR]		= "ctrl_refused",
	[REP_EVENTS]		= "events_sent",
	[REP_INJECTED]		= "injected_from_dom0",
	[REP_THROTTLED]		= "events_throttled",
	[REP_TX_NOMEM]		= "tx_drop_no_memory",
	[REP_TX_GSO]		= "vf_tx_tso",
	[REP_TX_CSUM]		= "vf_tx_csum_offload",
	[REP_RX_GSO]		= "vf_rx_gso",
	[REP_RX_CSUM]		= "vf_rx_csum_partial",
	[REP_RX_SEGMENTED]	= "rx_segmented_for_vf",
	[REP_RX_OFFLOAD_ERR]	= "rx_drop_offload_error",
	[REP_RX_TOO_BIG]	= "rx_drop_too_big",
	[REP_VECTORS]		= "vectors",
	[REP_CTRL_MAC_IN_USE]	= "ctrl_mac_in_use",
	[REP_CTRL_MAC_HANDED_OVER] = "ctrl_mac_handed_over",
	[REP_RX_MULTICAST]	= "vf_rx_multicast",
	[REP_CTRL_HW_THROTTLED]	= "ctrl_hw_throttled",
	[REP_VEC_REFUSED]	= "vectors_refused",
	[REP_RX_VF_DOWN]	= "rx_drop_vf_down",
	[REP_RX_STALLED]	= "rx_drop_stalled",
	[REP_RX_EXPIRED]	= "rx_drop_drain_timeout",
	[REP_RX_STALLS]		= "rx_stalls",
	[REP_RX_QUEUE_BYTES]	= "rx_queue_bytes",
	[REP_TX_POOL]		= "vf_tx_pool_memcpy",
	[REP_RX_POOL]		= "vf_rx_pool_memcpy",
	[REP_TX_POOL_MISS]	= "tx_pool_miss_grant_copy",
	[REP_RX_POOL_MISS]	= "rx_pool_miss_grant_copy",
	[REP_TX_GRANT_CALLS]	= "tx_grant_copy_calls",
	[REP_RX_GRANT_CALLS]	= "rx_grant_copy_calls",
	[REP_POOL_PAGES]	= "pool_pages_mapped",
	[REP_TX_VF_DIRECT]	= "vf_tx_vf_direct",
	[REP_RX_VF_DIRECT]	= "vf_rx_vf_direct",
	[REP_TX_RATE_LIMITED]	= "tx_rate_limited",
	[REP_TX_GRANTED]	= "vf_tx_granted_frag_grant_copy",
};

#define REP_NR_STATS	(REP_NR + XENVF_DROP_NR_REASONS - 1 + XENVF_SW_NR + \
			 XENVF_FC_NR + XENVF_PL_NR)

static struct xenvf_back_vf *rep_vf(struct net_device *dev)
{
	return ((struct rep_priv *)netdev_priv(dev))->vf;
}

static void rep_values(struct xenvf_back_vf *vf, u64 *v)
{
	struct xenvf_back_stats s;
	unsigned int i, n = 0;

	xenvf_back_stats_read(vf, &s);
	v[REP_TX_PACKETS] = s.tx_packets;
	v[REP_TX_BYTES] = s.tx_bytes;
	v[REP_RX_PACKETS] = s.rx_packets;
	v[REP_RX_BYTES] = s.rx_bytes;
	v[REP_TX_COPY_ERR] = s.tx_copy_errors;
	v[REP_RX_COPY_ERR] = s.rx_copy_errors;
	v[REP_RX_QUEUE_FULL] = s.rx_queue_full;
	v[REP_RX_DROPPED] = s.rx_dropped;
	v[REP_CTRL_REQ] = READ_ONCE(vf->ctrl_requests);
	v[REP_CTRL_ERR] = READ_ONCE(vf->ctrl_errors);
	v[REP_EVENTS] = READ_ONCE(vf->evt_seq);
	v[REP_INJECTED] = atomic64_read(&vf->injected);
	v[REP_THROTTLED] = xenvf_back_rate_throttled(vf);
	v[REP_TX_NOMEM] = s.tx_nomem;
	v[REP_TX_GSO] = s.tx_gso;
	v[REP_TX_CSUM] = s.tx_csum;
	v[REP_RX_GSO] = s.rx_gso;
	v[REP_RX_CSUM] = s.rx_csum;
	v[REP_RX_SEGMENTED] = s.rx_segmented;
	v[REP_RX_OFFLOAD_ERR] = s.rx_offload_errors;
	v[REP_RX_TOO_BIG] = s.rx_too_big;
	v[REP_VECTORS] = xenvf_back_vec_count(vf);
	v[REP_CTRL_MAC_IN_USE] = atomic64_read(&vf->cfg.own.refused);
	v[REP_CTRL_MAC_HANDED_OVER] = atomic64_read(&vf->cfg.own.handed_over);
	v[REP_RX_MULTICAST] = s.rx_multicast;
	v[REP_CTRL_HW_THROTTLED] = xenvf_back_ctrl_hw_throttled(vf);
	v[REP_VEC_REFUSED] = xenvf_back_vec_refused(vf);
	v[REP_RX_VF_DOWN] = s.rx_vf_down;
	v[REP_RX_STALLED] = s.rx_stalled;
	v[REP_RX_EXPIRED] = s.rx_expired;
	v[REP_RX_STALLS] = s.rx_stalls;
	v[REP_RX_QUEUE_BYTES] = s.rx_queue_bytes;
	v[REP_TX_POOL] = s.tx_pool_packets;
	v[REP_RX_POOL] = s.rx_pool_packets;
	v[REP_TX_POOL_MISS] = s.tx_pool_miss;
	v[REP_RX_POOL_MISS] = s.rx_pool_miss;
	v[REP_TX_GRANT_CALLS] = s.tx_grant_calls;
	v[REP_RX_GRANT_CALLS] = s.rx_grant_calls;
	v[REP_POOL_PAGES] = READ_ONCE(vf->pool_pages);
	v[REP_TX_VF_DIRECT] = s.tx_vf_direct;
	v[REP_RX_VF_DIRECT] = s.rx_vf_direct;
	v[REP_TX_RATE_LIMITED] = s.tx_rate_limited;
	v[REP_TX_GRANTED] = s.tx_granted;
	n = REP_NR;
	for (i = 1; i < XENVF_DROP_NR_REASONS; i++)
		v[n++] = s.drops[i];
	for (i = 0; i < XENVF_SW_NR; i++)
		v[n++] = atomic64_read(&vf->sw[i]);
	for (i = 0; i < XENVF_FC_NR; i++)
		v[n++] = atomic64_read(&vf->fcoe[i]);
	for (i = 0; i < XENVF_PL_NR; i++)
		v[n++] = atomic64_read(&vf->pool[i]);
}

static void rep_get_stats64(struct net_device *dev,
			    struct rtnl_link_stats64 *st)
{
	struct xenvf_back_vf *vf = rep_vf(dev);
	u64 v[REP_NR_STATS];
	unsigned int i;
	u64 *drops = v + REP_NR, *sw = drops + XENVF_DROP_NR_REASONS - 1;
	u64 *fc = sw + XENVF_SW_NR;

	rep_values(vf, v);
	st->rx_packets = v[REP_TX_PACKETS];
	st->rx_bytes = v[REP_TX_BYTES];
	st->tx_packets = v[REP_RX_PACKETS];
	st->tx_bytes = v[REP_RX_BYTES];
	st->rx_errors = v[REP_TX_COPY_ERR];
	st->tx_errors = v[REP_RX_COPY_ERR];
	for (i = 0; i < XENVF_DROP_NR_REASONS - 1; i++)
		st->rx_dropped += drops[i];
	st->rx_dropped += sw[XENVF_SW_SPOOF] + sw[XENVF_SW_VLAN] +
			  sw[XENVF_SW_VLAN_STACK] + sw[XENVF_SW_NO_DEST] +
			  sw[XENVF_SW_NO_UPLINK] + sw[XENVF_SW_UPLINK_ERR] +
			  sw[XENVF_SW_UPLINK_MTU] + sw[XENVF_SW_UPLINK_ABSENT];
	st->rx_dropped += v[REP_TX_NOMEM];
	st->rx_dropped += fc[XENVF_FC_DROP_BAD] + fc[XENVF_FC_DROP_NOMEM];
	st->tx_dropped = v[REP_RX_QUEUE_FULL] + v[REP_RX_DROPPED] +
			 v[REP_RX_OFFLOAD_ERR] + v[REP_RX_TOO_BIG] +
			 v[REP_RX_VF_DOWN] + v[REP_RX_STALLED] +
			 v[REP_RX_EXPIRED] + sw[XENVF_SW_NO_MEM];
}

static netdev_tx_t rep_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xenvf_egress e = { .dst = rep_vf(dev) };

	atomic64_inc(&e.dst->injected);
	xenvf_egress(XENVF_PORT_REP, &e, skb);
	return NETDEV_TX_OK;
}

static int rep_get_phys_port_name(struct net_device *dev, char *buf,
				  size_t len)
{
	return xenvf_rep_port_name(rep_vf(dev)->index, buf, len);
}

static int rep_get_port_parent_id(struct net_device *dev,
				  struct netdev_phys_item_id *ppid)
{
	xenvf_rep_switch_id(ppid);
	return 0;
}

static const struct net_device_ops rep_netdev_ops = {
	.ndo_start_xmit = rep_xmit,
	.ndo_get_phys_port_name = rep_get_phys_port_name,
	.ndo_get_port_parent_id = rep_get_port_parent_id,
	.ndo_get_stats64 = rep_get_stats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

static void rep_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *info)
{
	struct xenvf_back_vf *vf = rep_vf(dev);

	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->bus_info, vf->dev->nodename, sizeof(info->bus_info));
}

static int rep_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? REP_NR_STATS : -EOPNOTSUPP;
}

static void rep_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	unsigned int i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < REP_NR; i++)
		ethtool_sprintf(&data, "%s", rep_names[i]);
	for (i = 1; i < XENVF_DROP_NR_REASONS; i++)
		ethtool_sprintf(&data, "%s", drop_names[i]);
	for (i = 0; i < XENVF_SW_NR; i++)
		ethtool_sprintf(&data, "%s", xenvf_sw_counter_names[i]);
	for (i = 0; i < XENVF_FC_NR; i++)
		ethtool_sprintf(&data, "%s", xenvf_fcoe_counter_names[i]);
	for (i = 0; i < XENVF_PL_NR; i++)
		ethtool_sprintf(&data, "%s", xenvf_pool_counter_names[i]);
}

static void rep_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	rep_values(rep_vf(dev), data);
}

static const struct ethtool_ops rep_ethtool_ops = {
	.get_drvinfo = rep_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = rep_get_sset_count,
	.get_strings = rep_get_strings,
	.get_ethtool_stats = rep_get_ethtool_stats,
};

/*
 * The representor's name: the admin's `vifname` key (checked whole:
 * xenvf_rep_name_valid()), or xvf<domid>.<vf>. Return: 0 or -EINVAL.
 */
static int rep_name(struct xenvf_back_vf *vf, char *name)
{
	char *s = xenbus_read(XBT_NIL, vf->dev->nodename, "vifname", NULL);
	int err = 0;

	if (IS_ERR(s)) {
		snprintf(name, IFNAMSIZ, "xvf%u.%u", vf->dev->otherend_id,
			 vf->index);
		return 0;
	}
	if (xenvf_rep_name_valid(s))
		strscpy(name, s, IFNAMSIZ);
	else
		err = -EINVAL;
	kfree(s);
	return err;
}

/**
 * xenvf_back_rep_create() - register the VF's representor
 * @vf: the VF, probed (index known)
 *
 * Return: 0 or an error (nothing registered), told on xenbus: an invalid
 * `vifname`, a name in use, or the registration's error.
 */
int xenvf_back_rep_create(struct xenvf_back_vf *vf)
{
	struct net_device *dev;
	char name[IFNAMSIZ];
	int err;

	if (rep_name(vf, name)) {
		xenbus_dev_fatal(vf->dev, -EINVAL, "invalid key vifname");
		return -EINVAL;
	}
	dev = alloc_etherdev(sizeof(struct rep_priv));
	if (!dev) {
		xenbus_dev_fatal(vf->dev, -ENOMEM, "allocating representor");
		return -ENOMEM;
	}
	((struct rep_priv *)netdev_priv(dev))->vf = vf;
	strscpy(dev->name, name, sizeof(dev->name));
	dev->netdev_ops = &rep_netdev_ops;
	dev->ethtool_ops = &rep_ethtool_ops;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = XENVF_MTU_MAX;
	SET_NETDEV_DEV(dev, &vf->dev->dev);
	eth_hw_addr_random(dev);
	netif_carrier_off(dev);
	err = register_netdev(dev);
	if (err) {
		free_netdev(dev);
		if (err == -EEXIST)
			xenbus_dev_fatal(vf->dev, err, "vifname %s is in use",
					 name);
		else
			xenbus_dev_fatal(vf->dev, err,
					 "registering representor netdev %s",
					 name);
		return err;
	}
	vf->rep = dev;
	return 0;
}

/**
 * xenvf_back_rep_carrier() - the representor's carrier follows the VF
 * @vf: the VF
 * @on: connected
 */
void xenvf_back_rep_carrier(struct xenvf_back_vf *vf, bool on)
{
	if (!vf->rep)
		return;
	if (on)
		netif_carrier_on(vf->rep);
	else
		netif_carrier_off(vf->rep);
}

/**
 * xenvf_back_rep_destroy() - unregister the representor
 * @vf: the VF
 */
void xenvf_back_rep_destroy(struct xenvf_back_vf *vf)
{
	if (!vf->rep)
		return;
	unregister_netdev(vf->rep);
	free_netdev(vf->rep);
	vf->rep = NULL;
}

/**
 * xenvf_back_is_rep() - is @dev one of the backend's representors?
 * @dev: a netdev
 *
 * Return: true for a representor (never an uplink: its frames are a VF's).
 */
bool xenvf_back_is_rep(const struct net_device *dev)
{
	return dev->netdev_ops == &rep_netdev_ops;
}
