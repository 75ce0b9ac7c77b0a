// SPDX-License-Identifier: GPL-2.0-only
/*
 * EVI tables: configuration, extended VLANs, peers and remote MACs, with
 * the limits of xenvf_evi.h. See evi_table.h for the locking rules.
 */
#include <linux/etherdevice.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "evi_table.h"

void xenvf_evi_count(struct xenvf_evi *e, unsigned int stat)
{
	if (stat && stat < __XENVF_EVI_S_MAX)
		atomic64_inc(&e->stats[stat]);
}

void xenvf_evi_add(struct xenvf_evi *e, unsigned int stat, u64 n)
{
	if (stat && stat < __XENVF_EVI_S_MAX)
		atomic64_add(n, &e->stats[stat]);
}

/**
 * xenvf_evi_peer_count() - count one packet of @len bytes for a peer
 * @p: the peer
 * @pkts_stat: XENVF_EVI_PS_TX_PACKETS or XENVF_EVI_PS_RX_PACKETS (the byte
 *	counter follows it)
 * @len: bytes
 */
void xenvf_evi_peer_count(struct xenvf_evi_peer *p, unsigned int pkts_stat,
			  unsigned int len)
{
	atomic64_inc(&p->stats[pkts_stat]);
	atomic64_add(len, &p->stats[pkts_stat + 1]);
}

/**
 * xenvf_evi_cfg_defaults() - the settings of a freshly loaded backend
 * @c: filled: disabled, no local address, TTL 64, DSCP 0, aging 300 s
 */
void xenvf_evi_cfg_defaults(struct xenvf_evi_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->ttl = XENVF_EVI_TTL_DEFAULT;
	c->min_rx_ttl = 1;
	c->aging = XENVF_EVI_AGING_DEFAULT;
}

int xenvf_evi_init(struct xenvf_evi *e)
{
	struct xenvf_evi_cfg *c;
	unsigned int i;

	memset(e, 0, sizeof(*e));
	spin_lock_init(&e->lock);
	INIT_LIST_HEAD(&e->peers);
	for (i = 0; i < ARRAY_SIZE(e->macs); i++) {
		INIT_HLIST_HEAD(&e->macs[i]);
		INIT_HLIST_HEAD(&e->ips[i]);
	}
	e->seed = get_random_u32();
	c = kmalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	xenvf_evi_cfg_defaults(c);
	RCU_INIT_POINTER(e->cfg, c);
	return 0;
}

/* Take @m out of both hashes and its peer's share (no free); @lock held. */
static void mac_detach(struct xenvf_evi_mac *m)
{
	if (!hlist_unhashed(&m->ip_node))
		hlist_del_rcu(&m->ip_node);
	if (m->type == XENVF_EVI_MAC_LEARNED)
		m->peer->nr_learned--;
}

static void mac_unlink(struct xenvf_evi *e, struct xenvf_evi_mac *m)
{
	hlist_del_rcu(&m->node);
	mac_detach(m);
	e->nr_macs--;
	kfree_rcu(m, rcu);
}

/**
 * xenvf_evi_destroy() - free everything; no reader may remain (the caller
 * waited for an RCU grace period or never published @e)
 * @e: the tables
 */
void xenvf_evi_destroy(struct xenvf_evi *e)
{
	struct xenvf_evi_peer *p, *tmp;
	struct xenvf_evi_cfg *c;
	struct xenvf_evi_mac *m;
	struct hlist_node *n;
	unsigned int i;

	spin_lock_bh(&e->lock);
	for (i = 0; i < ARRAY_SIZE(e->macs); i++)
		hlist_for_each_entry_safe(m, n, &e->macs[i], node)
			mac_unlink(e, m);
	list_for_each_entry_safe(p, tmp, &e->peers, list) {
		p->dead = true;
		list_del_rcu(&p->list);
		kfree_rcu(p, rcu);
	}
	e->nr_peers = 0;
	c = rcu_replace_pointer(e->cfg, NULL, lockdep_is_held(&e->lock));
	spin_unlock_bh(&e->lock);
	if (c)
		kfree_rcu(c, rcu);
}

/**
 * xenvf_evi_cfg_get() - the settings in force
 * @e: the tables; caller holds rcu_read_lock() or @e->lock
 *
 * Return: the current snapshot (never NULL while @e lives).
 */
const struct xenvf_evi_cfg *xenvf_evi_cfg_get(struct xenvf_evi *e)
{
	return rcu_dereference_check(e->cfg, lockdep_is_held(&e->lock));
}

/**
 * xenvf_evi_set_cfg() - replace the settings
 * @e: the tables
 * @c: the new settings, checked by the caller; a local address of another
 *	family than the peers' is refused here
 *
 * Return: 0, -EINVAL (peers of another family) or -ENOMEM.
 */
int xenvf_evi_set_cfg(struct xenvf_evi *e, const struct xenvf_evi_cfg *c)
{
	struct xenvf_evi_cfg *n = kmemdup(c, sizeof(*c), GFP_KERNEL);
	struct xenvf_evi_cfg *old;

	if (!n)
		return -ENOMEM;
	spin_lock_bh(&e->lock);
	if (e->nr_peers && !xenvf_evi_peers_family(e, c->local.family)) {
		spin_unlock_bh(&e->lock);
		kfree(n);
		return -EINVAL;
	}
	old = rcu_replace_pointer(e->cfg, n, lockdep_is_held(&e->lock));
	spin_unlock_bh(&e->lock);
	kfree_rcu(old, rcu);
	return 0;
}

/**
 * xenvf_evi_overhead() - bytes that tunnelling adds to a VF's frame
 * @c: the settings (IPv4 is assumed while no local address is set)
 *
 * Return: outer IP + GRE (+ key) + inner Ethernet header + the 802.1Q
 * tag of an extended VLAN: what a VF's MTU limit is lowered by.
 */
unsigned int xenvf_evi_overhead(const struct xenvf_evi_cfg *c)
{
	unsigned int ip = c->local.family == 6 ? 40 : 20;

	return ip + 4 + (c->use_key ? 4 : 0) + ETH_HLEN + VLAN_HLEN;
}

static unsigned int addr_len(u8 family)
{
	return family == 4 ? 4 : family == 6 ? 16 : 0;
}

bool xenvf_evi_addr_equal(const struct xenvf_evi_addr *x,
			  const struct xenvf_evi_addr *y)
{
	return x->family == y->family &&
	       !memcmp(x->a, y->a, addr_len(x->family));
}

/**
 * xenvf_evi_addr_valid() - may @x be a tunnel endpoint?
 * @x: the address
 *
 * Return: false for a family other than 4/6 and for unspecified, loopback,
 * multicast and (IPv4) broadcast addresses.
 */
bool xenvf_evi_addr_valid(const struct xenvf_evi_addr *x)
{
	static const u8 zero[16];

	if (x->family == 4)
		return x->a[0] && x->a[0] != 127 && x->a[0] < 224;
	if (x->family == 6)
		return memcmp(x->a, zero, 16) && x->a[0] != 0xff &&
		       !(!memcmp(x->a, zero, 15) && x->a[15] == 1);
	return false;
}

/* Caller holds rcu_read_lock() or @e->lock. */
struct xenvf_evi_peer *xenvf_evi_peer_find(struct xenvf_evi *e,
					   const struct xenvf_evi_addr *a)
{
	struct xenvf_evi_peer *p;

	list_for_each_entry_rcu(p, &e->peers, list,
				lockdep_is_held(&e->lock))
		if (xenvf_evi_addr_equal(&p->addr, a))
			return p;
	return NULL;
}

/* Are all peers of @family? Caller holds @e->lock. */
bool xenvf_evi_peers_family(struct xenvf_evi *e, u8 family)
{
	struct xenvf_evi_peer *p;

	list_for_each_entry(p, &e->peers, list)
		if (p->addr.family != family)
			return false;
	return true;
}

/**
 * xenvf_evi_peer_add() - add a remote edge device
 * @e: the tables
 * @a: its address, of the family of the local address
 *
 * Return: 0, -EADDRNOTAVAIL (no local address yet), -EINVAL (bad address
 * or other family), -EEXIST, -ENOSPC (XENVF_EVI_MAX_PEERS) or -ENOMEM.
 */
int xenvf_evi_peer_add(struct xenvf_evi *e, const struct xenvf_evi_addr *a)
{
	struct xenvf_evi_peer *p = kzalloc(sizeof(*p), GFP_KERNEL);
	const struct xenvf_evi_cfg *c;
	int err;

	if (!p)
		return -ENOMEM;
	p->addr = *a;
	spin_lock_bh(&e->lock);
	c = xenvf_evi_cfg_get(e);
	err = -EADDRNOTAVAIL;
	if (!c->local.family)
		goto out;
	err = -EINVAL;
	if (a->family != c->local.family || !xenvf_evi_addr_valid(a) ||
	    xenvf_evi_addr_equal(a, &c->local))
		goto out;
	err = -EEXIST;
	if (xenvf_evi_peer_find(e, a))
		goto out;
	err = -ENOSPC;
	if (e->nr_peers >= XENVF_EVI_MAX_PEERS)
		goto out;
	list_add_tail_rcu(&p->list, &e->peers);
	e->nr_peers++;
	p = NULL;
	err = 0;
out:
	spin_unlock_bh(&e->lock);
	kfree(p);
	return err;
}

/**
 * xenvf_evi_peer_del() - remove a peer and every remote MAC behind it
 * @e: the tables
 * @a: its address
 *
 * The peer is marked dead under @e->lock before its MACs go, so a
 * learning that found it under RCU just before cannot link a new MAC to
 * it afterwards; it is freed after a grace period.
 *
 * Return: 0 or -ENOENT.
 */
int xenvf_evi_peer_del(struct xenvf_evi *e, const struct xenvf_evi_addr *a)
{
	struct xenvf_evi_peer *p;
	struct xenvf_evi_mac *m;
	struct hlist_node *n;
	unsigned int i;

	spin_lock_bh(&e->lock);
	p = xenvf_evi_peer_find(e, a);
	if (!p) {
		spin_unlock_bh(&e->lock);
		return -ENOENT;
	}
	p->dead = true;
	for (i = 0; i < ARRAY_SIZE(e->macs); i++)
		hlist_for_each_entry_safe(m, n, &e->macs[i], node)
			if (m->peer == p)
				mac_unlink(e, m);
	list_del_rcu(&p->list);
	e->nr_peers--;
	spin_unlock_bh(&e->lock);
	kfree_rcu(p, rcu);
	return 0;
}

/**
 * xenvf_evi_vlan_extended() - does VLAN @vid cross the tunnel?
 * @e: the tables
 * @vid: 0 (untagged) .. 4094
 */
bool xenvf_evi_vlan_extended(const struct xenvf_evi *e, u16 vid)
{
	return vid < VLAN_N_VID && test_bit(vid, e->vlans);
}

/* Return: 0, -EINVAL (VID > 4094), -EEXIST or -ENOSPC. */
int xenvf_evi_vlan_add(struct xenvf_evi *e, u16 vid)
{
	int err = 0;

	if (vid >= VLAN_N_VID - 1)
		return -EINVAL;
	spin_lock_bh(&e->lock);
	if (test_bit(vid, e->vlans))
		err = -EEXIST;
	else if (e->nr_vlans >= XENVF_EVI_MAX_VLANS)
		err = -ENOSPC;
	else
		set_bit(vid, e->vlans);
	if (!err)
		e->nr_vlans++;
	spin_unlock_bh(&e->lock);
	return err;
}

/* Return: 0 or -ENOENT; the VLAN's remote MACs go with it. */
int xenvf_evi_vlan_del(struct xenvf_evi *e, u16 vid)
{
	struct xenvf_evi_mac *m;
	struct hlist_node *n;
	unsigned int i;

	if (vid >= VLAN_N_VID)
		return -ENOENT;
	spin_lock_bh(&e->lock);
	if (!test_bit(vid, e->vlans)) {
		spin_unlock_bh(&e->lock);
		return -ENOENT;
	}
	clear_bit(vid, e->vlans);
	e->nr_vlans--;
	for (i = 0; i < ARRAY_SIZE(e->macs); i++)
		hlist_for_each_entry_safe(m, n, &e->macs[i], node)
			if (m->vid == vid)
				mac_unlink(e, m);
	spin_unlock_bh(&e->lock);
	return 0;
}

/*
 * Both hashes are keyed with a random seed, so whoever chooses the MACs
 * and addresses a peer sends cannot aim them at one chain.
 */
static struct hlist_head *mac_bucket(struct xenvf_evi *e, u16 vid,
				     const u8 *mac)
{
	u32 a = (u32)mac[0] << 24 | (u32)mac[1] << 16 | (u32)mac[2] << 8 |
		mac[3];
	u32 b = (u32)mac[4] << 24 | (u32)mac[5] << 16 | vid;

	return &e->macs[jhash_2words(a, b, e->seed) &
			(ARRAY_SIZE(e->macs) - 1)];
}

static struct hlist_head *ip_bucket(struct xenvf_evi *e, u16 vid,
				    __be32 ipv4)
{
	return &e->ips[jhash_2words((__force u32)ipv4, vid, e->seed) &
		       (ARRAY_SIZE(e->ips) - 1)];
}

/* Caller holds rcu_read_lock() or @e->lock. */
struct xenvf_evi_mac *xenvf_evi_mac_find(struct xenvf_evi *e, u16 vid,
					 const u8 *mac)
{
	struct xenvf_evi_mac *m;

	hlist_for_each_entry_rcu(m, mac_bucket(e, vid, mac), node,
				 lockdep_is_held(&e->lock))
		if (m->vid == vid && ether_addr_equal(m->mac, mac))
			return m;
	return NULL;
}

/**
 * xenvf_evi_ip_find() - the remote entry owning @ipv4 in @vid
 * @e: the tables; caller holds rcu_read_lock() or @e->lock
 * @vid: the VLAN
 * @ipv4: the address (0: none)
 *
 * For ARP suppression: one chain of the address hash, in which each
 * (VLAN, address) has at most one entry, so the work per request does not
 * grow with the table.
 *
 * Return: the entry, or NULL.
 */
struct xenvf_evi_mac *xenvf_evi_ip_find(struct xenvf_evi *e, u16 vid,
					__be32 ipv4)
{
	struct xenvf_evi_mac *m;

	if (!ipv4)
		return NULL;
	hlist_for_each_entry_rcu(m, ip_bucket(e, vid, ipv4), ip_node,
				 lockdep_is_held(&e->lock))
		if (m->vid == vid && READ_ONCE(m->ipv4) == ipv4)
			return m;
	return NULL;
}

/*
 * Make @m, whose @ipv4 is set and which is in no address chain, the one
 * entry answering for its address: a previous holder loses it (its ipv4
 * reads 0 from now on). Caller holds @e->lock.
 */
static void ip_claim(struct xenvf_evi *e, struct xenvf_evi_mac *m)
{
	struct xenvf_evi_mac *old;

	if (!m->ipv4)
		return;
	old = xenvf_evi_ip_find(e, m->vid, m->ipv4);
	if (old) {
		hlist_del_init_rcu(&old->ip_node);
		WRITE_ONCE(old->ipv4, 0);
	}
	hlist_add_head_rcu(&m->ip_node, ip_bucket(e, m->vid, m->ipv4));
}

/* May a learned entry take @ipv4? Not from a static one. @e->lock held. */
static bool ip_learnable(struct xenvf_evi *e, u16 vid, __be32 ipv4)
{
	struct xenvf_evi_mac *old = xenvf_evi_ip_find(e, vid, ipv4);

	return ipv4 && (!old || old->type == XENVF_EVI_MAC_LEARNED);
}

/*
 * Replace @old, a published entry, by @m (filled by the caller, in no
 * chain) in the MAC hash and in its peer's share; the address hash gets
 * @m's address. @old is freed after a grace period. @e->lock held.
 */
static void mac_replace(struct xenvf_evi *e, struct xenvf_evi_mac *old,
			struct xenvf_evi_mac *m)
{
	hlist_replace_rcu(&old->node, &m->node);
	mac_detach(old);
	if (m->type == XENVF_EVI_MAC_LEARNED)
		m->peer->nr_learned++;
	ip_claim(e, m);
	kfree_rcu(old, rcu);
}

/* A learned @old now speaks for @ipv4: a copy takes its place. */
static bool mac_readdress(struct xenvf_evi *e, struct xenvf_evi_mac *old,
			  __be32 ipv4)
{
	struct xenvf_evi_mac *m = kmemdup(old, sizeof(*m), GFP_ATOMIC);

	if (!m)
		return false;
	INIT_HLIST_NODE(&m->ip_node);
	m->ipv4 = ipv4;
	mac_replace(e, old, m);
	return true;
}

static struct xenvf_evi_mac *mac_new(struct xenvf_evi *e, u16 vid,
				     const u8 *mac, u8 type,
				     struct xenvf_evi_peer *p, __be32 ipv4,
				     unsigned long now, gfp_t gfp)
{
	struct xenvf_evi_mac *m = kzalloc(sizeof(*m), gfp);

	if (!m)
		return NULL;
	ether_addr_copy(m->mac, mac);
	m->vid = vid;
	m->type = type;
	m->peer = p;
	m->ipv4 = ipv4;
	m->seen = now;
	INIT_HLIST_NODE(&m->ip_node);
	return m;
}

/**
 * xenvf_evi_mac_add() - add a static remote MAC
 * @e: the tables
 * @vid: an extended VLAN
 * @mac: a unicast MAC
 * @peer: the peer it lives behind
 * @ipv4: its IPv4 address for ARP suppression, or 0
 * @now: jiffies
 *
 * A learned entry for the same MAC becomes static. @ipv4 is taken from
 * any other entry that answered ARP for it.
 *
 * Return: 0, -EINVAL (multicast or zero MAC), -ENOENT (VLAN not extended,
 * unknown peer), -EADDRINUSE (a local VF's MAC in that VLAN: it is never
 * remote), -EEXIST (static already), -ENOSPC or -ENOMEM.
 */
int xenvf_evi_mac_add(struct xenvf_evi *e, u16 vid, const u8 *mac,
		      const struct xenvf_evi_addr *peer, __be32 ipv4,
		      unsigned long now)
{
	struct xenvf_evi_mac *m, *old;
	struct xenvf_evi_peer *p;
	bool local;
	int err;

	if (!is_valid_ether_addr(mac))
		return -EINVAL;
	rcu_read_lock();
	local = e->is_local && e->is_local(mac, vid);
	rcu_read_unlock();
	if (local)
		return -EADDRINUSE;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	spin_lock_bh(&e->lock);
	p = xenvf_evi_peer_find(e, peer);
	err = -ENOENT;
	if (!p || !xenvf_evi_vlan_extended(e, vid))
		goto out;
	old = xenvf_evi_mac_find(e, vid, mac);
	err = -EEXIST;
	if (old && old->type == XENVF_EVI_MAC_STATIC)
		goto out;
	err = -ENOSPC;
	if (!old && e->nr_macs >= XENVF_EVI_MAX_MACS)
		goto out;
	ether_addr_copy(m->mac, mac);
	m->vid = vid;
	m->type = XENVF_EVI_MAC_STATIC;
	m->peer = p;
	m->ipv4 = ipv4;
	m->seen = now;
	INIT_HLIST_NODE(&m->ip_node);
	if (old) {
		mac_replace(e, old, m);
	} else {
		hlist_add_head_rcu(&m->node, mac_bucket(e, vid, mac));
		ip_claim(e, m);		/* the admin's address wins */
		e->nr_macs++;
	}
	m = NULL;
	err = 0;
out:
	spin_unlock_bh(&e->lock);
	kfree(m);
	return err;
}

/* Return: 0 or -ENOENT. */
int xenvf_evi_mac_del(struct xenvf_evi *e, u16 vid, const u8 *mac)
{
	struct xenvf_evi_mac *m;

	spin_lock_bh(&e->lock);
	m = xenvf_evi_mac_find(e, vid, mac);
	if (m)
		mac_unlink(e, m);
	spin_unlock_bh(&e->lock);
	return m ? 0 : -ENOENT;
}

/* A learned entry for a MAC a local VF now has goes (from before it had it). */
static void forget_local(struct xenvf_evi *e, u16 vid, const u8 *mac)
{
	struct xenvf_evi_mac *m;

	spin_lock_bh(&e->lock);
	m = xenvf_evi_mac_find(e, vid, mac);
	if (m && m->type == XENVF_EVI_MAC_LEARNED)
		mac_unlink(e, m);
	spin_unlock_bh(&e->lock);
}

/**
 * xenvf_evi_learn() - a decapsulated frame from @p had source @mac
 * @e: the tables
 * @vid: its (extended) VLAN
 * @mac: its source MAC (ignored unless valid unicast)
 * @p: the peer it came from, found under the caller's rcu_read_lock()
 *	(it may have been deleted since: then nothing is learned)
 * @ipv4: the sender of an ARP frame, or 0
 * @now: jiffies
 *
 * Learned entries follow the MAC to another peer (a move); static entries
 * are the admin's and are never changed by traffic. A MAC that a local
 * VF has in @vid is never learned (a peer claiming it is refused, and an
 * entry learned before the VF took it goes). Each peer may have at most
 * XENVF_EVI_MAX_LEARNED_PER_PEER learned MACs. A learned ARP sender takes
 * @ipv4 from another learned entry, never from a static one.
 *
 * Return: what happened, as the counter to bump (or NONE).
 */
enum xenvf_evi_learn xenvf_evi_learn(struct xenvf_evi *e, u16 vid,
				     const u8 *mac, struct xenvf_evi_peer *p,
				     __be32 ipv4, unsigned long now)
{
	enum xenvf_evi_learn ret = XENVF_EVI_LEARN_NONE;
	struct xenvf_evi_mac *m;
	bool local;

	if (!is_valid_ether_addr(mac))
		return XENVF_EVI_LEARN_NONE;
	rcu_read_lock();
	local = e->is_local && e->is_local(mac, vid);
	m = xenvf_evi_mac_find(e, vid, mac);
	if (local) {
		local = m && m->type == XENVF_EVI_MAC_LEARNED;
		rcu_read_unlock();
		if (local)
			forget_local(e, vid, mac);
		return XENVF_EVI_LEARN_LOCAL;
	}
	if (m && (m->type == XENVF_EVI_MAC_STATIC ||
		  (READ_ONCE(m->peer) == p &&
		   (!ipv4 || READ_ONCE(m->ipv4) == ipv4)))) {
		if (m->type == XENVF_EVI_MAC_LEARNED &&
		    READ_ONCE(m->seen) != now)
			WRITE_ONCE(m->seen, now);
		rcu_read_unlock();
		return XENVF_EVI_LEARN_NONE;	/* the common case: no lock */
	}
	rcu_read_unlock();
	/* a stream of new MACs into a full table takes no lock either */
	if (!m && READ_ONCE(e->nr_macs) >= XENVF_EVI_MAX_MACS)
		return XENVF_EVI_LEARN_FULL;

	spin_lock_bh(&e->lock);
	if (p->dead)
		goto out;		/* deleted since the caller found it */
	m = xenvf_evi_mac_find(e, vid, mac);
	if (m) {
		if (m->type != XENVF_EVI_MAC_LEARNED)
			goto out;
		if (m->peer != p) {
			if (p->nr_learned >= XENVF_EVI_MAX_LEARNED_PER_PEER) {
				ret = XENVF_EVI_LEARN_PEER_FULL;
				goto out;
			}
			m->peer->nr_learned--;
			p->nr_learned++;
			WRITE_ONCE(m->peer, p);
			ret = XENVF_EVI_LEARN_MOVED;
		}
		WRITE_ONCE(m->seen, now);
		if (ipv4 && ipv4 != m->ipv4 && ip_learnable(e, vid, ipv4) &&
		    !mac_readdress(e, m, ipv4))
			xenvf_evi_count(e, XENVF_EVI_S_NO_MEM);
	} else if (e->nr_macs >= XENVF_EVI_MAX_MACS) {
		ret = XENVF_EVI_LEARN_FULL;
	} else if (p->nr_learned >= XENVF_EVI_MAX_LEARNED_PER_PEER) {
		ret = XENVF_EVI_LEARN_PEER_FULL;
	} else {
		m = mac_new(e, vid, mac, XENVF_EVI_MAC_LEARNED, p,
			    ip_learnable(e, vid, ipv4) ? ipv4 : 0, now,
			    GFP_ATOMIC);
		if (m) {
			hlist_add_head_rcu(&m->node, mac_bucket(e, vid, mac));
			ip_claim(e, m);
			e->nr_macs++;
			p->nr_learned++;
			ret = XENVF_EVI_LEARN_NEW;
		} else {
			ret = XENVF_EVI_LEARN_NOMEM;
		}
	}
out:
	spin_unlock_bh(&e->lock);
	return ret;
}

/**
 * xenvf_evi_age() - drop learned MACs not seen for the aging time
 * @e: the tables
 * @now: jiffies
 *
 * Return: how many were dropped (counted as XENVF_EVI_S_AGED).
 */
unsigned int xenvf_evi_age(struct xenvf_evi *e, unsigned long now)
{
	struct xenvf_evi_mac *m;
	struct hlist_node *n;
	unsigned long limit;
	unsigned int i, aged = 0;

	spin_lock_bh(&e->lock);
	limit = xenvf_evi_cfg_get(e)->aging * HZ;
	for (i = 0; i < ARRAY_SIZE(e->macs); i++)
		hlist_for_each_entry_safe(m, n, &e->macs[i], node)
			if (m->type == XENVF_EVI_MAC_LEARNED &&
			    time_after_eq(now, READ_ONCE(m->seen) + limit)) {
				mac_unlink(e, m);
				aged++;
			}
	spin_unlock_bh(&e->lock);
	xenvf_evi_add(e, XENVF_EVI_S_AGED, aged);
	return aged;
}

/* Drop every learned MAC. Return: how many. */
unsigned int xenvf_evi_flush(struct xenvf_evi *e)
{
	struct xenvf_evi_mac *m;
	struct hlist_node *n;
	unsigned int i, gone = 0;

	spin_lock_bh(&e->lock);
	for (i = 0; i < ARRAY_SIZE(e->macs); i++)
		hlist_for_each_entry_safe(m, n, &e->macs[i], node)
			if (m->type == XENVF_EVI_MAC_LEARNED) {
				mac_unlink(e, m);
				gone++;
			}
	spin_unlock_bh(&e->lock);
	return gone;
}
