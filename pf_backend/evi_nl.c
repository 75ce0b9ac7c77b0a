// SPDX-License-Identifier: GPL-2.0-only
/*
 * The generic netlink family "xenvf_evi" (common/proto/xenvf_evi.h): the
 * admin's interface to EVI. Every command needs CAP_NET_ADMIN; a bad
 * request is refused with an errno and an extack message naming the
 * attribute, and changes nothing.
 */
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <net/genetlink.h>

#include "evi_table.h"
#include "xenvf_back.h"

static struct netlink_range_validation aging_range = {
	.min = 10,
	.max = 86400,
};

static const struct nla_policy evi_policy[XENVF_EVI_A_MAX + 1] = {
	[XENVF_EVI_A_ENABLED]	= NLA_POLICY_MAX(NLA_U8, 1),
	[XENVF_EVI_A_LOCAL]	= { .type = NLA_BINARY, .len = 16 },
	[XENVF_EVI_A_KEY]	= { .type = NLA_U32 },
	[XENVF_EVI_A_USE_KEY]	= NLA_POLICY_MAX(NLA_U8, 1),
	[XENVF_EVI_A_TTL]	= NLA_POLICY_MIN(NLA_U8, 1),
	[XENVF_EVI_A_DSCP]	= { .type = NLA_U8 },
	[XENVF_EVI_A_MIN_RX_TTL] = { .type = NLA_U8 },
	[XENVF_EVI_A_FLOOD_UNKNOWN] = NLA_POLICY_MAX(NLA_U8, 1),
	[XENVF_EVI_A_ARP_SUPPRESS] = NLA_POLICY_MAX(NLA_U8, 1),
	[XENVF_EVI_A_AGING]	= NLA_POLICY_FULL_RANGE(NLA_U32, &aging_range),
	[XENVF_EVI_A_PEER_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[XENVF_EVI_A_VID]	= NLA_POLICY_MAX(NLA_U16, VLAN_N_VID - 2),
	[XENVF_EVI_A_MAC]	= NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[XENVF_EVI_A_IPV4]	= { .type = NLA_U32 },
};

static struct genl_family evi_family;

/* An address attribute (present): 4 or 16 bytes. */
static int get_addr(struct genl_info *info, int type,
		    struct xenvf_evi_addr *a)
{
	struct nlattr *attr = info->attrs[type];
	int len = nla_len(attr);

	if (len != 4 && len != 16) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "address must be 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	memset(a, 0, sizeof(*a));
	a->family = len == 4 ? 4 : 6;
	memcpy(a->a, nla_data(attr), len);
	if (!xenvf_evi_addr_valid(a)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "not a unicast address (unspecified, loopback, multicast or broadcast)");
		return -EINVAL;
	}
	return 0;
}

/* A required attribute; a missing one is named in the extack. */
static int need(struct genl_info *info, int type)
{
	if (!GENL_REQ_ATTR_CHECK(info, type))
		return 0;
	switch (type) {
	case XENVF_EVI_A_PEER_ADDR:
		GENL_SET_ERR_MSG(info, "peer address (XENVF_EVI_A_PEER_ADDR) missing");
		break;
	case XENVF_EVI_A_VID:
		GENL_SET_ERR_MSG(info, "VID (XENVF_EVI_A_VID) missing");
		break;
	case XENVF_EVI_A_MAC:
		GENL_SET_ERR_MSG(info, "MAC (XENVF_EVI_A_MAC) missing");
		break;
	}
	return -EINVAL;
}

static int put_addr(struct sk_buff *msg, int type,
		    const struct xenvf_evi_addr *a)
{
	return nla_put(msg, type, a->family == 4 ? 4 : 16, a->a);
}

static int put_stats(struct sk_buff *msg, int nest_type, atomic64_t *stats,
		     unsigned int n, int pad)
{
	struct nlattr *nest = nla_nest_start(msg, nest_type);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 1; i < n; i++) {
		if (i == pad)
			continue;
		if (nla_put_u64_64bit(msg, i, atomic64_read(&stats[i]), pad))
			return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int fill_global(struct sk_buff *msg, const struct xenvf_evi_cfg *c)
{
	if (nla_put_u8(msg, XENVF_EVI_A_ENABLED, c->enabled) ||
	    (c->local.family &&
	     put_addr(msg, XENVF_EVI_A_LOCAL, &c->local)) ||
	    nla_put_u32(msg, XENVF_EVI_A_KEY, c->key) ||
	    nla_put_u8(msg, XENVF_EVI_A_USE_KEY, c->use_key) ||
	    nla_put_u8(msg, XENVF_EVI_A_TTL, c->ttl) ||
	    nla_put_u8(msg, XENVF_EVI_A_DSCP, c->dscp) ||
	    nla_put_u8(msg, XENVF_EVI_A_MIN_RX_TTL, c->min_rx_ttl) ||
	    nla_put_u8(msg, XENVF_EVI_A_FLOOD_UNKNOWN, c->flood_unknown) ||
	    nla_put_u8(msg, XENVF_EVI_A_ARP_SUPPRESS, c->arp_suppress) ||
	    nla_put_u32(msg, XENVF_EVI_A_AGING, c->aging) ||
	    nla_put_u32(msg, XENVF_EVI_A_OVERHEAD, xenvf_evi_overhead(c)))
		return -EMSGSIZE;
	return 0;
}

static int evi_get(struct sk_buff *skb, struct genl_info *info)
{
	struct xenvf_evi *e = &xenvf_evi_main;
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &evi_family, 0, XENVF_EVI_CMD_GET);
	if (!hdr)
		goto too_big;
	rcu_read_lock();
	err = fill_global(msg, xenvf_evi_cfg_get(e));
	rcu_read_unlock();
	if (err || put_stats(msg, XENVF_EVI_A_STATS, e->stats,
			     __XENVF_EVI_S_MAX, XENVF_EVI_S_PAD))
		goto too_big;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
too_big:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static bool get_flag(struct genl_info *info, int type, bool cur)
{
	return info->attrs[type] ? nla_get_u8(info->attrs[type]) : cur;
}

static int evi_set(struct sk_buff *skb, struct genl_info *info)
{
	struct xenvf_evi *e = &xenvf_evi_main;
	struct nlattr **a = info->attrs;
	struct xenvf_evi_cfg c;
	int err;

	xenvf_evi_cfg_lock();
	rcu_read_lock();
	c = *xenvf_evi_cfg_get(e);
	rcu_read_unlock();
	if (a[XENVF_EVI_A_LOCAL]) {
		err = get_addr(info, XENVF_EVI_A_LOCAL, &c.local);
		if (err)
			goto out;
	}
	if (a[XENVF_EVI_A_DSCP]) {
		c.dscp = nla_get_u8(a[XENVF_EVI_A_DSCP]);
		if (c.dscp > 63 && c.dscp != XENVF_EVI_DSCP_INHERIT) {
			NL_SET_ERR_MSG_ATTR(info->extack, a[XENVF_EVI_A_DSCP],
					    "DSCP must be 0..63 or inherit (255)");
			err = -EINVAL;
			goto out;
		}
	}
	if (a[XENVF_EVI_A_KEY])
		c.key = nla_get_u32(a[XENVF_EVI_A_KEY]);
	if (a[XENVF_EVI_A_TTL])
		c.ttl = nla_get_u8(a[XENVF_EVI_A_TTL]);
	if (a[XENVF_EVI_A_MIN_RX_TTL])
		c.min_rx_ttl = nla_get_u8(a[XENVF_EVI_A_MIN_RX_TTL]);
	if (a[XENVF_EVI_A_AGING])
		c.aging = nla_get_u32(a[XENVF_EVI_A_AGING]);
	c.enabled = get_flag(info, XENVF_EVI_A_ENABLED, c.enabled);
	c.use_key = get_flag(info, XENVF_EVI_A_USE_KEY, c.use_key);
	c.flood_unknown = get_flag(info, XENVF_EVI_A_FLOOD_UNKNOWN,
				   c.flood_unknown);
	c.arp_suppress = get_flag(info, XENVF_EVI_A_ARP_SUPPRESS,
				  c.arp_suppress);
	if (c.enabled && !c.local.family) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[XENVF_EVI_A_ENABLED],
				    "set a local address before enabling EVI");
		err = -EADDRNOTAVAIL;
		goto out;
	}
	err = xenvf_evi_set_cfg(e, &c);
	if (err == -EINVAL)
		NL_SET_ERR_MSG_ATTR(info->extack, a[XENVF_EVI_A_LOCAL],
				    "local address family differs from the peers'");
	if (!err)
		xenvf_evi_cfg_changed();
out:
	xenvf_evi_cfg_unlock();
	return err;
}

static int evi_peer_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[XENVF_EVI_A_PEER_ADDR];
	struct xenvf_evi_addr a;
	int err;

	err = need(info, XENVF_EVI_A_PEER_ADDR) ?:
	      get_addr(info, XENVF_EVI_A_PEER_ADDR, &a);
	if (err)
		return err;
	err = xenvf_evi_peer_add(&xenvf_evi_main, &a);
	switch (err) {
	case -EADDRNOTAVAIL:
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "set a local address before adding peers");
		break;
	case -EINVAL:
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "peer address family differs from the local address, or is the local address");
		break;
	case -EEXIST:
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "peer exists");
		break;
	case -ENOSPC:
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "too many peers (64)");
		break;
	}
	return err;
}

static int evi_peer_del(struct sk_buff *skb, struct genl_info *info)
{
	struct xenvf_evi_addr a;
	int err;

	err = need(info, XENVF_EVI_A_PEER_ADDR) ?:
	      get_addr(info, XENVF_EVI_A_PEER_ADDR, &a);
	if (err)
		return err;
	err = xenvf_evi_peer_del(&xenvf_evi_main, &a);
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[XENVF_EVI_A_PEER_ADDR],
				    "no such peer");
	return err;
}

static void *dump_hdr(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &evi_family, NLM_F_MULTI, cmd);
}

/* cb->args[0]: entries already sent. */
static int evi_peer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xenvf_evi_peer *p;
	long i = 0;
	void *hdr;

	rcu_read_lock();
	list_for_each_entry_rcu(p, &xenvf_evi_main.peers, list) {
		if (i++ < cb->args[0])
			continue;
		hdr = dump_hdr(skb, cb, XENVF_EVI_CMD_PEER_GET);
		if (!hdr)
			break;
		if (put_addr(skb, XENVF_EVI_A_PEER_ADDR, &p->addr) ||
		    put_stats(skb, XENVF_EVI_A_PEER_STATS, p->stats,
			      __XENVF_EVI_PS_MAX, XENVF_EVI_PS_PAD)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	rcu_read_unlock();
	return skb->len;
}

static int get_vid(struct genl_info *info, u16 *vid)
{
	int err = need(info, XENVF_EVI_A_VID);

	if (!err)
		*vid = nla_get_u16(info->attrs[XENVF_EVI_A_VID]);
	return err;
}

static int evi_vlan_add(struct sk_buff *skb, struct genl_info *info)
{
	u16 vid;
	int err = get_vid(info, &vid);

	if (err)
		return err;
	err = xenvf_evi_vlan_add(&xenvf_evi_main, vid);
	if (err == -EEXIST)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[XENVF_EVI_A_VID],
				    "VLAN already extended");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[XENVF_EVI_A_VID],
				    "too many extended VLANs (256)");
	return err;
}

static int evi_vlan_del(struct sk_buff *skb, struct genl_info *info)
{
	u16 vid;
	int err = get_vid(info, &vid);

	if (err)
		return err;
	err = xenvf_evi_vlan_del(&xenvf_evi_main, vid);
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[XENVF_EVI_A_VID],
				    "VLAN not extended");
	return err;
}

/* cb->args[0]: next VID to send. */
static int evi_vlan_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long vid;
	void *hdr;

	for (vid = cb->args[0]; vid < VLAN_N_VID; vid++) {
		if (!xenvf_evi_vlan_extended(&xenvf_evi_main, vid))
			continue;
		hdr = dump_hdr(skb, cb, XENVF_EVI_CMD_VLAN_GET);
		if (!hdr)
			break;
		if (nla_put_u16(skb, XENVF_EVI_A_VID, vid)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = vid;
	return skb->len;
}

static int evi_mac_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct xenvf_evi_addr peer;
	__be32 ip = 0;
	u16 vid;
	int err;

	err = get_vid(info, &vid) ?: need(info, XENVF_EVI_A_MAC) ?:
	      need(info, XENVF_EVI_A_PEER_ADDR) ?:
	      get_addr(info, XENVF_EVI_A_PEER_ADDR, &peer);
	if (err)
		return err;
	if (a[XENVF_EVI_A_IPV4])
		ip = nla_get_in_addr(a[XENVF_EVI_A_IPV4]);
	err = xenvf_evi_mac_add(&xenvf_evi_main, vid,
				nla_data(a[XENVF_EVI_A_MAC]), &peer, ip,
				jiffies);
	switch (err) {
	case -EINVAL:
		NL_SET_ERR_MSG_ATTR(info->extack, a[XENVF_EVI_A_MAC],
				    "not a unicast MAC");
		break;
	case -ENOENT:
		NL_SET_ERR_MSG(info->extack,
			       "no such peer, or VLAN not extended");
		break;
	case -EADDRINUSE:
		NL_SET_ERR_MSG_ATTR(info->extack, a[XENVF_EVI_A_MAC],
				    "a local VF owns this MAC in this VLAN");
		break;
	case -EEXIST:
		NL_SET_ERR_MSG_ATTR(info->extack, a[XENVF_EVI_A_MAC],
				    "static MAC exists in this VLAN");
		break;
	case -ENOSPC:
		NL_SET_ERR_MSG(info->extack, "remote MAC table full (4096)");
		break;
	}
	return err;
}

static int evi_mac_del(struct sk_buff *skb, struct genl_info *info)
{
	u16 vid;
	int err;

	err = get_vid(info, &vid) ?: need(info, XENVF_EVI_A_MAC);
	if (err)
		return err;
	err = xenvf_evi_mac_del(&xenvf_evi_main, vid,
				nla_data(info->attrs[XENVF_EVI_A_MAC]));
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[XENVF_EVI_A_MAC],
				    "no such remote MAC in this VLAN");
	return err;
}

struct local_dump {
	struct xenvf_local_walk walk;
	struct sk_buff *skb;
	struct netlink_callback *cb;
	long i;
};

static int put_local(struct xenvf_local_walk *w, const u8 *mac, u16 vid)
{
	struct local_dump *d = container_of(w, struct local_dump, walk);
	void *hdr;

	if (!xenvf_evi_vlan_extended(&xenvf_evi_main, vid) ||
	    d->i++ < d->cb->args[1])
		return 0;
	hdr = dump_hdr(d->skb, d->cb, XENVF_EVI_CMD_MAC_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u16(d->skb, XENVF_EVI_A_VID, vid) ||
	    nla_put(d->skb, XENVF_EVI_A_MAC, ETH_ALEN, mac) ||
	    nla_put_u8(d->skb, XENVF_EVI_A_MAC_TYPE, XENVF_EVI_MAC_LOCAL)) {
		genlmsg_cancel(d->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(d->skb, hdr);
	d->cb->args[1] = d->i;
	return 0;
}

static int put_remote(struct sk_buff *skb, struct netlink_callback *cb,
		      const struct xenvf_evi_mac *m)
{
	void *hdr = dump_hdr(skb, cb, XENVF_EVI_CMD_MAC_GET);
	__be32 ip = READ_ONCE(m->ipv4);

	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u16(skb, XENVF_EVI_A_VID, m->vid) ||
	    nla_put(skb, XENVF_EVI_A_MAC, ETH_ALEN, m->mac) ||
	    nla_put_u8(skb, XENVF_EVI_A_MAC_TYPE, m->type) ||
	    put_addr(skb, XENVF_EVI_A_PEER_ADDR, &READ_ONCE(m->peer)->addr) ||
	    nla_put_u32(skb, XENVF_EVI_A_MAC_AGE,
			(jiffies - READ_ONCE(m->seen)) / HZ) ||
	    (ip && nla_put_in_addr(skb, XENVF_EVI_A_IPV4, ip))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * Local entries first (the VFs' MACs in extended VLANs; args[0] 0,
 * args[1] entries sent), then remote ones (args[0] 1 + hash bucket,
 * args[1] entries sent of that bucket).
 */
static int evi_mac_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xenvf_evi *e = &xenvf_evi_main;
	struct local_dump d = { .walk.fn = put_local, .skb = skb, .cb = cb };
	struct xenvf_evi_mac *m;
	long b, i;

	if (cb->args[0] == 0) {
		if (xenvf_back_switch_walk_local(&d.walk))
			return skb->len;
		cb->args[0] = 1;
		cb->args[1] = 0;
	}
	rcu_read_lock();
	for (b = cb->args[0] - 1; b < ARRAY_SIZE(e->macs); b++) {
		i = 0;
		hlist_for_each_entry_rcu(m, &e->macs[b], node) {
			if (i++ < cb->args[1])
				continue;
			if (put_remote(skb, cb, m))
				goto out;
			cb->args[1] = i;
		}
		cb->args[0] = b + 2;
		cb->args[1] = 0;
	}
out:
	rcu_read_unlock();
	return skb->len;
}

static int evi_flush(struct sk_buff *skb, struct genl_info *info)
{
	xenvf_evi_flush(&xenvf_evi_main);
	return 0;
}

/*
 * Reads (GET and the PEER/VLAN/MAC dumps) are open to every user, as
 * rtnetlink's link dumps are (ip link show); every change needs
 * CAP_NET_ADMIN.
 */
static const struct genl_small_ops evi_ops[] = {
	{ .cmd = XENVF_EVI_CMD_GET, .doit = evi_get },
	{ .cmd = XENVF_EVI_CMD_SET, .doit = evi_set,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XENVF_EVI_CMD_PEER_ADD, .doit = evi_peer_add,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XENVF_EVI_CMD_PEER_DEL, .doit = evi_peer_del,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XENVF_EVI_CMD_PEER_GET, .dumpit = evi_peer_dump },
	{ .cmd = XENVF_EVI_CMD_VLAN_ADD, .doit = evi_vlan_add,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XENVF_EVI_CMD_VLAN_DEL, .doit = evi_vlan_del,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XENVF_EVI_CMD_VLAN_GET, .dumpit = evi_vlan_dump },
	{ .cmd = XENVF_EVI_CMD_MAC_ADD, .doit = evi_mac_add,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XENVF_EVI_CMD_MAC_DEL, .doit = evi_mac_del,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XENVF_EVI_CMD_MAC_GET, .dumpit = evi_mac_dump },
	{ .cmd = XENVF_EVI_CMD_FLUSH, .doit = evi_flush,
	  .flags = GENL_ADMIN_PERM },
};

static struct genl_family evi_family __ro_after_init = {
	.name		= XENVF_EVI_GENL_NAME,
	.version	= XENVF_EVI_GENL_VERSION,
	.maxattr	= XENVF_EVI_A_MAX,
	.policy		= evi_policy,
	.module		= THIS_MODULE,
	.small_ops	= evi_ops,
	.n_small_ops	= ARRAY_SIZE(evi_ops),
	.resv_start_op	= XENVF_EVI_CMD_MAX + 1,
};

int xenvf_evi_nl_init(void)
{
	return genl_register_family(&evi_family);
}

void xenvf_evi_nl_exit(void)
{
	genl_unregister_family(&evi_family);
}
